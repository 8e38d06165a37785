import MirrorApp
import Testing

/// The command line and the benchmarks cap glibc's malloc arenas at startup (`ProcessMemory`).
@Suite struct ProcessMemoryTests {
    @Test func glibcAcceptsTheArenaLimit() {
        #expect(ProcessMemory.limitMallocArenas())
    }
}
