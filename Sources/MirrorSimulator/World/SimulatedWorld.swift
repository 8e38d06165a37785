import Foundation

/// The simulator's ground truth: every provider's assistants in creation order, a seeded clock, and the edit
/// engine that changes them the way people do in dashboards. A value type, so it lives behind one mutex and a
/// seed always replays the same history.
struct SimulatedWorld: Sendable {
    private let formats: ProviderWireFormats
    private var random: SeededRandom
    /// Microseconds since 1970; moves forward a seeded few seconds to minutes with every change.
    private var clock: Int64
    private var assistants: [SimulatedProvider: [SimulatedAssistant]] = [:]
    private var personasUsed: [SimulatedProvider: Int] = [:]
    private(set) var edits: [SimulatedEdit] = []

    init(
        formats: ProviderWireFormats,
        seed: UInt64,
        assistantsPerProvider: Int,
        includeHugePrompt: Bool,
        clockStart: Date,
        populatedProviders: [SimulatedProvider] = SimulatedProvider.everyProvider,
        promptBytes: ClosedRange<Int>? = nil
    ) {
        self.formats = formats
        self.random = SeededRandom(seed: seed)
        let now = WireTimestamp.micros(of: clockStart)
        self.clock = now
        let count = max(0, assistantsPerProvider)
        let day: Int64 = 86_400_000_000
        // Up to a week per assistant, but never more than three years in all: a benchmark's 20,000
        // assistants at a week each began in the 17th century, before the Unix epoch, where no provider's
        // timestamps are. Small worlds keep their week (and so their exact times).
        let week = min(7 * day, 3 * 365 * day / Int64(count + 1))
        for provider in formats.served where populatedProviders.contains(provider) {
            // A set, so drawing unique ids stays linear for benchmark-sized worlds.
            var ids = Set<String>()
            var created = now - Int64(count + 1) * week
            for variant in 0..<count {
                let gap = Int64(random.int(in: 1...6)) * day + Int64(random.int(in: 0...86_399_999_999))
                created += week == 7 * day ? gap : Int64(Double(gap) * Double(week) / Double(7 * day))
                let updated = random.chance(0.3) ? created : created + Int64(random.int(in: 0...Int(now - created)))
                var assistant = makeAssistant(
                    provider,
                    variant: variant,
                    createdAt: created,
                    updatedAt: updated,
                    taken: &ids
                )
                if let promptBytes { pad(&assistant, of: provider, to: promptBytes) }
                if includeHugePrompt, provider == .puretalk, variant == min(1, count - 1) {
                    let huge = PersonaCatalog.hugePrompt(random: &random)
                    assistant.record.set(.string(huge), at: format(provider).mainPromptPath)
                }
                assistants[provider, default: []].append(assistant)
            }
        }
    }

    func format(_ provider: SimulatedProvider) -> any ProviderWireFormat {
        formats[provider]
    }

    func liveAssistants(_ provider: SimulatedProvider) -> [SimulatedAssistant] {
        (assistants[provider] ?? []).filter { !$0.isDeleted }
    }

    /// Every assistant in creation order, deleted ones included (a cursor may name one).
    func allAssistants(_ provider: SimulatedProvider) -> [SimulatedAssistant] {
        assistants[provider] ?? []
    }

    func liveAssistant(_ provider: SimulatedProvider, id: String) -> SimulatedAssistant? {
        assistants[provider]?.first { $0.id == id && !$0.isDeleted }
    }

    func mainPrompt(_ provider: SimulatedProvider, id: String) -> String? {
        liveAssistant(provider, id: id)?.record.value(at: format(provider).mainPromptPath)?.stringValue
    }

    // MARK: Changes

    /// A seeded round of realistic edits across providers; returns them.
    mutating func advance(editCount: Int) -> [SimulatedEdit] {
        let before = edits.count
        for _ in 0..<max(0, editCount) {
            let provider = random.pick(formats.served)
            let live = liveAssistants(provider)
            guard !live.isEmpty else {
                create(provider)
                continue
            }
            let target = random.pick(live).id
            let roll = random.int(in: 0...99)
            switch roll {
            case 0..<50:
                rewriteMainPrompt(provider, id: target)
            case 50..<70:
                rewriteNestedPrompt(provider, id: target)
            case 70..<82:
                let current = liveAssistant(provider, id: target)!.record
                let (path, value) = format(provider).fieldEdit(of: current, random: &random)
                setField(provider, id: target, path: path, value: value, bumpUpdatedAt: true)
            case 82..<90:
                create(provider)
            case 90..<97 where live.count > 1:
                delete(provider, id: target)
            default:
                let deleted = (assistants[provider] ?? []).filter(\.isDeleted)
                if !deleted.isEmpty {
                    restore(provider, id: random.pick(deleted).id)
                } else if !touch(provider, id: target) {
                    rewriteMainPrompt(provider, id: target)
                }
            }
        }
        return Array(edits[before...])
    }

    @discardableResult
    mutating func editPrompt(
        _ provider: SimulatedProvider,
        id: String,
        to newPrompt: String,
        bumpUpdatedAt: Bool
    ) -> Bool {
        setField(
            provider,
            id: id,
            path: format(provider).mainPromptPath,
            value: .string(newPrompt),
            bumpUpdatedAt: bumpUpdatedAt
        )
    }

    /// Sets one field. A prompt-bearing path is recorded as `promptChanged`, anything else as `fieldChanged`;
    /// an unchanged value only moves `updated_at` (when asked). False for an unknown id or an impossible path.
    @discardableResult
    mutating func setField(
        _ provider: SimulatedProvider,
        id: String,
        path: SimulatedFieldPath,
        value: SimulatedJSON,
        bumpUpdatedAt: Bool,
        ownTimestamp: SimulatedFieldPath? = nil
    ) -> Bool {
        guard let index = liveIndex(provider, id: id) else { return false }
        var record = assistants[provider]![index].record
        let old = record.value(at: path)
        if old == value { return bumpUpdatedAt ? touch(provider, id: id) : true }
        guard record.set(value, at: path) else { return false }
        tick()
        let format = format(provider)
        if let ownTimestamp { record.set(.string(format.timestamp(clock)), at: ownTimestamp) }
        let bumped = bumpUpdatedAt && format.updatedAtKey != nil
        if bumped, let key = format.updatedAtKey {
            record.set(.string(format.timestamp(clock)), at: SimulatedFieldPath(components: [key]))
        }
        let isPrompt = path == format.mainPromptPath || format.nestedPromptPaths(in: record).contains(path)
        assistants[provider]![index].record = record
        edits.append(
            SimulatedEdit(
                provider: provider,
                remoteID: id,
                kind: isPrompt ? .promptChanged : .fieldChanged,
                field: path.wireName,
                oldValue: old?.editText,
                newValue: value.editText,
                bumpedUpdatedAt: bumped
            )
        )
        return true
    }

    /// Moves `updated_at` without changing content; false for Telnyx (no such field) or an unknown id.
    @discardableResult
    mutating func touch(_ provider: SimulatedProvider, id: String) -> Bool {
        guard let index = liveIndex(provider, id: id), let key = format(provider).updatedAtKey else { return false }
        tick()
        let path = SimulatedFieldPath(components: [key])
        let old = assistants[provider]![index].record.value(at: path)
        let new = SimulatedJSON.string(format(provider).timestamp(clock))
        assistants[provider]![index].record.set(new, at: path)
        edits.append(
            SimulatedEdit(
                provider: provider,
                remoteID: id,
                kind: .fieldChanged,
                field: key,
                oldValue: old?.editText,
                newValue: new.editText,
                bumpedUpdatedAt: true
            )
        )
        return true
    }

    @discardableResult
    mutating func create(_ provider: SimulatedProvider) -> String {
        tick()
        let variant = personasUsed[provider] ?? 0
        var taken = Set((assistants[provider] ?? []).map(\.id))
        let assistant = makeAssistant(provider, variant: variant, createdAt: clock, updatedAt: clock, taken: &taken)
        assistants[provider, default: []].append(assistant)
        edits.append(
            SimulatedEdit(
                provider: provider,
                remoteID: assistant.id,
                kind: .created,
                newValue: assistant.record.value(at: format(provider).mainPromptPath)?.stringValue,
                bumpedUpdatedAt: format(provider).updatedAtKey != nil
            )
        )
        return assistant.id
    }

    @discardableResult
    mutating func delete(_ provider: SimulatedProvider, id: String) -> Bool {
        guard let index = liveIndex(provider, id: id) else { return false }
        tick()
        assistants[provider]![index].isDeleted = true
        let prompt = assistants[provider]![index].record.value(at: format(provider).mainPromptPath)?.stringValue
        edits.append(
            SimulatedEdit(provider: provider, remoteID: id, kind: .deleted, oldValue: prompt, bumpedUpdatedAt: false)
        )
        return true
    }

    /// Brings a deleted assistant back with the same id, content and place in the list.
    @discardableResult
    mutating func restore(_ provider: SimulatedProvider, id: String) -> Bool {
        guard let index = assistants[provider]?.firstIndex(where: { $0.id == id && $0.isDeleted }) else { return false }
        tick()
        assistants[provider]![index].isDeleted = false
        let prompt = assistants[provider]![index].record.value(at: format(provider).mainPromptPath)?.stringValue
        edits.append(
            SimulatedEdit(provider: provider, remoteID: id, kind: .restored, newValue: prompt, bumpedUpdatedAt: false)
        )
        return true
    }

    /// Names who made the edit at `index` (edits are recorded before anyone is named; see
    /// `SimulatorRouter.State.attributeEdits`).
    mutating func setEditor(_ editor: SimulatedUser, ofEditAt index: Int) {
        edits[index].editor = editor
    }

    mutating func removeAll(_ provider: SimulatedProvider) {
        for assistant in liveAssistants(provider) { delete(provider, id: assistant.id) }
    }

    // MARK: Helpers

    private mutating func rewriteMainPrompt(_ provider: SimulatedProvider, id: String) {
        let old = mainPrompt(provider, id: id) ?? ""
        editPrompt(provider, id: id, to: PromptRewriter.rewrite(old, random: &random), bumpUpdatedAt: true)
    }

    private mutating func rewriteNestedPrompt(_ provider: SimulatedProvider, id: String) {
        let format = format(provider)
        guard let record = liveAssistant(provider, id: id)?.record else { return }
        let paths = format.nestedPromptPaths(in: record)
        guard !paths.isEmpty else { return rewriteMainPrompt(provider, id: id) }
        let path = random.pick(paths)
        let old = record.value(at: path)?.stringValue ?? ""
        setField(
            provider,
            id: id,
            path: path,
            value: .string(PromptRewriter.rewrite(old, random: &random)),
            bumpUpdatedAt: format.nestedEditBumpsParent(random: &random),
            ownTimestamp: format.ownTimestampPath(forNestedPrompt: path)
        )
    }

    private mutating func makeAssistant(
        _ provider: SimulatedProvider,
        variant: Int,
        createdAt: Int64,
        updatedAt: Int64,
        taken: inout Set<String>
    ) -> SimulatedAssistant {
        let format = format(provider)
        var id = format.newID(&random)
        while !taken.insert(id).inserted { id = format.newID(&random) }
        // Providers start at different personas so the four lists do not mirror each other.
        let offset = (formats.served.firstIndex(of: provider) ?? 0) * 3
        let persona = PersonaCatalog.persona(variant + offset, random: &random)
        personasUsed[provider] = variant + 1
        let record = format.makeRecord(
            id: id,
            persona: persona,
            variant: variant,
            createdAt: createdAt,
            updatedAt: updatedAt,
            random: &random
        )
        return SimulatedAssistant(id: id, record: record)
    }

    /// Appends a seeded knowledge base to the main prompt until it is `bytes.lowerBound`–`bytes.upperBound` long.
    private mutating func pad(
        _ assistant: inout SimulatedAssistant,
        of provider: SimulatedProvider,
        to bytes: ClosedRange<Int>
    ) {
        let path = format(provider).mainPromptPath
        let prompt = assistant.record.value(at: path)?.stringValue ?? ""
        let target = random.int(in: bytes)
        guard prompt.utf8.count < target else { return }
        let padding = PersonaCatalog.hugePrompt(minimumBytes: target - prompt.utf8.count - 2, random: &random)
        assistant.record.set(.string(prompt + "\n\n" + padding), at: path)
    }

    private func liveIndex(_ provider: SimulatedProvider, id: String) -> Int? {
        assistants[provider]?.firstIndex { $0.id == id && !$0.isDeleted }
    }

    private mutating func tick() {
        clock += Int64(random.int(in: 5...900)) * 1_000_000 + Int64(random.int(in: 0...999_999))
    }
}
