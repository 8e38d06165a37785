/// Makes the kinds of prompt edits people make in dashboards: add a rule, drop a line, change a number,
/// tweak a sentence. The result always differs from the input.
enum PromptRewriter {
    private static let extraRules = [
        "- Always confirm the caller's name before ending the call.",
        "- If the caller is upset, apologise once and offer a human agent.",
        "- Do not mention competitors by name.",
        "- Keep answers under three sentences unless asked for detail. 🙏",
        "- 通話の最後に必ず要件を復唱してください。",
        "- لا تشارك أي معلومات شخصية عبر الهاتف.",
        "- אל תבטיח החזר כספי ללא אישור מנהל.",
        "- Ne donnez jamais de rendez-vous le dimanche.",
        "- Mention the new holiday opening hours:\t24 Dec 09:00–13:00.",
        "- Read prices as \"twelve dollars\", not \"$12\".",
    ]

    private static let extraSentences = [
        "How can I help you today?",
        "Calls may be recorded for quality.",
        "¿En qué puedo ayudarle?",
        "We're here 24/7. 🌙",
        "ご用件をどうぞ。",
    ]

    static func rewrite(_ text: String, random: inout SeededRandom) -> String {
        guard text.contains("\n") else { return rewriteSentence(text, random: &random) }
        var lines = text.components(separatedBy: "\n")
        switch random.int(in: 0...3) {
        case 0:
            lines.append(random.pick(extraRules))
        case 1 where lines.count > 3:
            lines.remove(at: random.int(in: 1...(lines.count - 1)))
        case 2:
            if let changed = changeANumber(in: text, random: &random) { return changed }
            lines.insert(random.pick(extraRules), at: random.int(in: 1...lines.count))
        default:
            lines.insert(random.pick(extraRules), at: random.int(in: 1...lines.count))
        }
        let result = lines.joined(separator: "\n")
        return result == text ? text + "\n" + random.pick(extraRules) : result
    }

    private static func rewriteSentence(_ text: String, random: inout SeededRandom) -> String {
        let sentence = random.pick(extraSentences.filter { !text.hasSuffix($0) })
        return text.isEmpty ? sentence : "\(text) \(sentence)"
    }

    /// Replaces one run of ASCII digits with a different number ("24 hours" → "48 hours").
    private static func changeANumber(in text: String, random: inout SeededRandom) -> String? {
        let scalars = Array(text.unicodeScalars)
        var runs: [Range<Int>] = []
        var start: Int?
        for (index, scalar) in scalars.enumerated() {
            let isDigit = ("0"..."9").contains(scalar)
            if isDigit, start == nil { start = index }
            if !isDigit, let begin = start {
                runs.append(begin..<index)
                start = nil
            }
        }
        if let begin = start { runs.append(begin..<scalars.count) }
        guard !runs.isEmpty else { return nil }
        let run = random.pick(runs)
        let old = Int(String(String.UnicodeScalarView(scalars[run]))) ?? 0
        let new = old + random.int(in: 1...9)
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[..<run.lowerBound])
        view.append(contentsOf: String(new).unicodeScalars)
        view.append(contentsOf: scalars[run.upperBound...])
        return String(view)
    }
}
