#ifndef ASSISTANT_MIRROR_CSHA256_H
#define ASSISTANT_MIRROR_CSHA256_H

#include <stddef.h>
#include <stdint.h>

// SHA-256's compression function on the x86 SHA extensions. Swift cannot name these instructions, so
// this one function is C; MirrorCore's Swift implementation stays the reference and the fallback.

/// 1 when this CPU has the SHA extensions and the SSSE3 and SSE4.1 instructions used beside them
/// (CPUID leaf 7 EBX bit 29; leaf 1 ECX bits 9 and 19: Intel SDM vol. 2A, "CPUID"), else 0.
int mirror_sha256_has_extensions(void);

/// FIPS 180-4 §4.2.2: the 64 round constants K0…K63, shared with the Swift rounds.
const uint32_t *mirror_sha256_round_constants(void);

/// FIPS 180-4 §6.2.2 over `blocks` consecutive 64-byte blocks at `data`, updating `state` (H0…H7).
/// Only call it after mirror_sha256_has_extensions() returned 1.
void mirror_sha256_compress_extensions(uint32_t state[8], const uint8_t *data, size_t blocks);

#endif
