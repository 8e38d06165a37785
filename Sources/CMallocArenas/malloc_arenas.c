#include "cmalloc_arenas.h"

#include <malloc.h>

int mirror_limit_malloc_arenas(int count) {
    return mallopt(M_ARENA_MAX, count);
}
