#ifndef STEGCARVE_TLSH_H
#define STEGCARVE_TLSH_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Room for a TLSH digest (70 hex digits for 128 buckets and a 1-byte checksum) and its NUL.
#define STEGCARVE_TLSH_BUFFER_LENGTH 72

/// Hashes `length` bytes at `data` with libtlsh's `Tlsh` class and writes the 70-hex-digit
/// digest (no version prefix) into `digest`, NUL-terminated. Returns 1 on success and 0 when
/// libtlsh computes no digest (fewer than 256 bytes, too little variety, or more than 4 GiB).
int stegcarve_tlsh(const unsigned char *data, size_t length, char digest[STEGCARVE_TLSH_BUFFER_LENGTH]);

#ifdef __cplusplus
}
#endif

#endif
