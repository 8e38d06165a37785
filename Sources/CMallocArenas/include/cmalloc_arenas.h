#ifndef ASSISTANT_MIRROR_CMALLOC_ARENAS_H
#define ASSISTANT_MIRROR_CMALLOC_ARENAS_H

// glibc's mallopt(3), which Swift's Glibc module does not export.

/// mallopt(M_ARENA_MAX, count): at most `count` malloc arenas for the whole process. glibc otherwise
/// gives threads up to 8 per core (mallopt(3), "M_ARENA_MAX"), each keeping its freed memory, so a
/// daemon whose pages pass through several threads holds several heaps. Call it before the process
/// starts threads. Returns 1 on success, 0 on error, as mallopt does.
int mirror_limit_malloc_arenas(int count);

#endif
