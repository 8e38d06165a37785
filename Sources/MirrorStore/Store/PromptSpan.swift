import MirrorCore

#if canImport(Glibc)
import Glibc
#endif

/// Where a revision's snapshot holds its main prompt (migration 0007), so the revision stores the
/// prompt's bytes once: the byte range, in the snapshot's UTF-8, of the prompt's escaped text between
/// its quotes. The view `revision_contents` cuts that range out and undoes the escapes.
///
/// A range is only given for a prompt that decoding gives back exactly: one whose only control
/// characters are tab, line feed and carriage return, so its escaped text holds no escape but
/// `\\ \" \n \t \r` (the canonical encoder, JSONValue+Canonical.swift, writes those and `\u00XX` for
/// the other control characters; the view's decoding undoes the five, see the migration). Any
/// occurrence of that exact escaped text decodes to the prompt, so the first one found is as good as
/// the one at the prompt's path.
public struct PromptSpan: Sendable, Equatable {
    /// 0-based byte offset in the snapshot.
    public var offset: Int
    /// Length in bytes.
    public var length: Int

    public init(offset: Int, length: Int) {
        self.offset = offset
        self.length = length
    }

    /// The span of `prompt` in `snapshot`; nil when the prompt cannot be read back from it exactly.
    public init?(of prompt: String, in snapshot: String) {
        // Over the contiguous bytes: the generic `utf8.allSatisfy` walked a String's view byte by byte
        // and was 3.7% of a first mirror's CPU on its own.
        var prompt = prompt
        let decodable = prompt.withUTF8 { bytes in
            !bytes.contains { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }
        }
        guard decodable else { return nil }
        // The quoted literal, so a match is far more likely the prompt's own value than a stray
        // substring; either decodes alike.
        let literal = JSONValue.string(prompt).canonicalBytes
        var snapshot = snapshot
        let found = snapshot.withUTF8 { haystack in
            literal.withUnsafeBufferPointer { Self.firstOffset(of: $0, in: haystack) }
        }
        guard let found else { return nil }
        self.init(offset: found + 1, length: literal.count - 2)
    }

    /// The first offset of `needle` (which starts with a quote) in `haystack`: memchr(3) to each quote,
    /// memcmp(3) there (Glibc's Swift module does not declare memmem, a GNU extension).
    private static func firstOffset(
        of needle: UnsafeBufferPointer<UInt8>,
        in haystack: UnsafeBufferPointer<UInt8>
    ) -> Int? {
        guard let start = haystack.baseAddress, let first = needle.first else { return nil }
        var offset = 0
        while haystack.count - offset >= needle.count {
            guard let hit = memchr(start + offset, Int32(first), haystack.count - offset - needle.count + 1) else {
                return nil
            }
            let at = UnsafeRawPointer(hit) - UnsafeRawPointer(start)
            if memcmp(start + at, needle.baseAddress!, needle.count) == 0 { return at }
            offset = at + 1
        }
        return nil
    }
}

extension NewRevision {
    /// The revision as it is stored: with its prompt given by a span of its snapshot instead of a copy
    /// when it has a prompt that can be read back that way, else unchanged (v1, prompt column). The span
    /// is the normalizer's when it marked the prompt while writing the snapshot, else searched for.
    func storingPromptOnce() -> NewRevision {
        guard let prompt, let span = promptSpan ?? PromptSpan(of: prompt, in: snapshot) else { return self }
        var stored = self
        stored.prompt = nil
        stored.promptSpan = span
        return stored
    }
}
