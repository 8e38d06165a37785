import CMallocArenas

/// How the process holds memory, set once at startup, by the command line and the benchmarks alike.
public enum ProcessMemory {
    /// glibc gives threads up to 8 malloc arenas per core, each keeping the memory freed in it
    /// (mallopt(3), "M_ARENA_MAX"). A crawl's pages pass from URLSession's threads to the cooperative
    /// pool and on to the SQLite thread, so several heaps each held their share of pages: two arenas
    /// took `mirror-bench crawl`'s peak RSS at 20,000 assistants from 47–48 to 44 MiB, with CPU within
    /// the run-to-run noise (issue 9 asks for 50 MB, flat up to 100,000).
    public static let mallocArenas: Int32 = 2

    /// Applies `mallocArenas`; call it before the process starts threads. False if glibc refused.
    @discardableResult
    public static func limitMallocArenas() -> Bool {
        mirror_limit_malloc_arenas(mallocArenas) == 1
    }
}
