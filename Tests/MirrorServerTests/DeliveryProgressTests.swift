import Testing

@testable import MirrorApp

/// The notify cursor may move only over the handled prefix of a batch: a change still running when
/// the daemon dies must run again at the next start.
@Suite struct DeliveryProgressTests {
    @Test func theCursorMovesOverTheHandledPrefixOnly() {
        var progress = DeliveryProgress(order: [4, 7, 9, 12])
        #expect(progress.handledThrough == nil)
        progress.handled(9)
        progress.handled(12)
        #expect(progress.handledThrough == nil, "7 and 4 still run")
        progress.handled(4)
        #expect(progress.handledThrough == 4)
        #expect(!progress.allHandled)
        progress.handled(7)
        #expect(progress.handledThrough == 12)
        #expect(progress.allHandled)
    }

    @Test func anEmptyBatchIsHandled() {
        let progress = DeliveryProgress(order: [])
        #expect(progress.allHandled)
        #expect(progress.handledThrough == nil)
    }
}
