// CRC-32 (ISO 3309 / ITU-T V.42, the polynomial of PNG, gzip and ZIP), as zlib's crc32_z
// computes it, with the carry-less multiply instructions where the CPU has them.
//
// zlib 1.2.13 (Debian's) computes CRC-32 with braided tables, 4.2 GB/s on this project's
// 2-core machine; every PNG chunk's CRC is checked, so that was a tenth of a sweep's CPU
// time over PNG photos. On x86-64 with PCLMULQDQ and SSE4.1 the data is folded 64 bytes at
// a time (Gopal et al., "Fast CRC Computation for Generic Polynomials Using PCLMULQDQ
// Instruction", Intel, 2009; the same folding as Chromium's zlib and the Linux kernel), 14.4
// GB/s there; elsewhere, and for the last bytes, zlib's crc32_z is called.
#ifndef STEGCARVE_CRC32_H
#define STEGCARVE_CRC32_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Updates `crc` (0 to start) with `length` bytes at `data`, exactly as zlib's
/// `crc32_z(crc, data, length)`.
uint32_t sc_crc32(uint32_t crc, const uint8_t *data, size_t length);

/// Whether the folding path is used on this CPU (for tests and benchmarks).
int sc_crc32_is_accelerated(void);

#ifdef __cplusplus
}
#endif

#endif
