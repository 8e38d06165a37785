/// How many terminal columns text takes, so that table columns line up whatever the script.
///
/// Per code point: two columns for East_Asian_Width W (wide) and F (fullwidth), one for every other
/// width, Ambiguous included (Unicode Standard Annex #11, "East Asian Width", §5 recommends narrow for
/// ambiguous characters outside East Asian legacy contexts); none for general categories Mn, Me and Cf
/// (nonspacing and enclosing marks, format characters such as U+200B and U+200D), which draw on or
/// between their neighbours (the Unicode Standard, §5.13 and §23.2). The ranges come from the Unicode
/// Character Database, embedded by `.ci/generate-display-width` in DisplayWidth+Ranges.swift.
///
/// Per grapheme cluster (Swift's `Character`, UAX #29), the widest of its code points: "e" with a
/// combining acute is one column, a Hangul syllable spelt as conjoining jamo two, an emoji ZWJ sequence
/// two. VARIATION SELECTOR-16 asks for emoji presentation (UTS #51, §4), which terminals draw two wide.
enum DisplayWidth {
    static func of(_ text: String) -> Int {
        text.reduce(0) { $0 + of($1) }
    }

    static func of(_ character: Character) -> Int {
        var widest = 0
        for scalar in character.unicodeScalars {
            if scalar.value == 0xFE0F { return 2 }
            widest = max(widest, of(scalar))
        }
        return widest
    }

    static func of(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        // C0 and C1 controls and DEL draw nothing (tables show them as pictures, `Table.cell`).
        if value < 0x20 || (0x7F..<0xA0).contains(value) { return 0 }
        if value < 0x300 { return 1 }
        if contains(zeroWidthRanges, value) { return 0 }
        return contains(wideRanges, value) ? 2 : 1
    }

    /// The longest prefix of `text` that fits in `width` columns.
    static func prefix(of text: String, fitting width: Int) -> String {
        var used = 0
        var end = text.startIndex
        for index in text.indices {
            let next = used + of(text[index])
            if next > width { break }
            used = next
            end = text.index(after: index)
        }
        return String(text[..<end])
    }

    /// Binary search in a flat ascending list of first, last pairs.
    private static func contains(_ ranges: [UInt32], _ value: UInt32) -> Bool {
        var low = 0
        var high = ranges.count / 2
        while low < high {
            let middle = (low + high) / 2
            if value < ranges[2 * middle] {
                high = middle
            } else if value > ranges[2 * middle + 1] {
                low = middle + 1
            } else {
                return true
            }
        }
        return false
    }
}
