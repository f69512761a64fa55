// See include/stegcarve_crc32.h.
#include "stegcarve_crc32.h"

#include <zlib.h>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define SC_CRC32_FOLDING 1

// The bit-reflected constants of the paper for the CRC-32 polynomial 0x04C11DB7:
// x^(4·128+32) and x^(4·128-32) mod P (fold by 64 bytes), x^(128+32) and x^(128-32) mod P
// (fold by 16 bytes), x^64 mod P (128 to 64 bits), then P' and μ for the Barrett reduction.
static const uint64_t sc_k1k2[2] __attribute__((aligned(16))) = {0x0154442bd4, 0x01c6e41596};
static const uint64_t sc_k3k4[2] __attribute__((aligned(16))) = {0x01751997d0, 0x00ccaa009e};
static const uint64_t sc_k5k0[2] __attribute__((aligned(16))) = {0x0163cd6124, 0x0000000000};
static const uint64_t sc_poly[2] __attribute__((aligned(16))) = {0x01db710641, 0x01f7011641};

// CRC of `length` bytes (at least 64, a multiple of 16) in the inverted domain zlib uses
// inside crc32_z: takes and returns the register before its final inversion.
__attribute__((target("pclmul,sse4.1")))
static uint32_t sc_crc32_fold(uint32_t crc, const uint8_t *data, size_t length) {
    __m128i x0, x1, x2, x3, x4, x5, x6, x7, x8, y5, y6, y7, y8;
    x1 = _mm_loadu_si128((const __m128i *)(data + 0x00));
    x2 = _mm_loadu_si128((const __m128i *)(data + 0x10));
    x3 = _mm_loadu_si128((const __m128i *)(data + 0x20));
    x4 = _mm_loadu_si128((const __m128i *)(data + 0x30));
    x1 = _mm_xor_si128(x1, _mm_cvtsi32_si128((int)crc));
    x0 = _mm_load_si128((const __m128i *)sc_k1k2);
    data += 64;
    length -= 64;
    // Four lanes of 16 bytes folded forward 64 bytes at a time.
    while (length >= 64) {
        x5 = _mm_clmulepi64_si128(x1, x0, 0x00);
        x6 = _mm_clmulepi64_si128(x2, x0, 0x00);
        x7 = _mm_clmulepi64_si128(x3, x0, 0x00);
        x8 = _mm_clmulepi64_si128(x4, x0, 0x00);
        x1 = _mm_clmulepi64_si128(x1, x0, 0x11);
        x2 = _mm_clmulepi64_si128(x2, x0, 0x11);
        x3 = _mm_clmulepi64_si128(x3, x0, 0x11);
        x4 = _mm_clmulepi64_si128(x4, x0, 0x11);
        y5 = _mm_loadu_si128((const __m128i *)(data + 0x00));
        y6 = _mm_loadu_si128((const __m128i *)(data + 0x10));
        y7 = _mm_loadu_si128((const __m128i *)(data + 0x20));
        y8 = _mm_loadu_si128((const __m128i *)(data + 0x30));
        x1 = _mm_xor_si128(_mm_xor_si128(x1, x5), y5);
        x2 = _mm_xor_si128(_mm_xor_si128(x2, x6), y6);
        x3 = _mm_xor_si128(_mm_xor_si128(x3, x7), y7);
        x4 = _mm_xor_si128(_mm_xor_si128(x4, x8), y8);
        data += 64;
        length -= 64;
    }
    // The four lanes folded into one.
    x0 = _mm_load_si128((const __m128i *)sc_k3k4);
    x5 = _mm_clmulepi64_si128(x1, x0, 0x00);
    x1 = _mm_clmulepi64_si128(x1, x0, 0x11);
    x1 = _mm_xor_si128(_mm_xor_si128(x1, x2), x5);
    x5 = _mm_clmulepi64_si128(x1, x0, 0x00);
    x1 = _mm_clmulepi64_si128(x1, x0, 0x11);
    x1 = _mm_xor_si128(_mm_xor_si128(x1, x3), x5);
    x5 = _mm_clmulepi64_si128(x1, x0, 0x00);
    x1 = _mm_clmulepi64_si128(x1, x0, 0x11);
    x1 = _mm_xor_si128(_mm_xor_si128(x1, x4), x5);
    // The remaining 16-byte blocks.
    while (length >= 16) {
        x2 = _mm_loadu_si128((const __m128i *)data);
        x5 = _mm_clmulepi64_si128(x1, x0, 0x00);
        x1 = _mm_clmulepi64_si128(x1, x0, 0x11);
        x1 = _mm_xor_si128(_mm_xor_si128(x1, x2), x5);
        data += 16;
        length -= 16;
    }
    // 128 bits to 64.
    x2 = _mm_clmulepi64_si128(x1, x0, 0x10);
    x3 = _mm_setr_epi32(~0, 0, ~0, 0);
    x1 = _mm_srli_si128(x1, 8);
    x1 = _mm_xor_si128(x1, x2);
    x0 = _mm_loadl_epi64((const __m128i *)sc_k5k0);
    x2 = _mm_srli_si128(x1, 4);
    x1 = _mm_and_si128(x1, x3);
    x1 = _mm_clmulepi64_si128(x1, x0, 0x00);
    x1 = _mm_xor_si128(x1, x2);
    // Barrett reduction to 32 bits.
    x0 = _mm_load_si128((const __m128i *)sc_poly);
    x2 = _mm_and_si128(x1, x3);
    x2 = _mm_clmulepi64_si128(x2, x0, 0x10);
    x2 = _mm_and_si128(x2, x3);
    x2 = _mm_clmulepi64_si128(x2, x0, 0x00);
    x1 = _mm_xor_si128(x1, x2);
    return (uint32_t)_mm_extract_epi32(x1, 1);
}

static int sc_crc32_cpu_has_folding(void) {
    static int cached = -1;  // benign race: every thread computes the same value
    int value = __atomic_load_n(&cached, __ATOMIC_RELAXED);
    if (value < 0) {
        __builtin_cpu_init();
        value = __builtin_cpu_supports("pclmul") && __builtin_cpu_supports("sse4.1");
        __atomic_store_n(&cached, value, __ATOMIC_RELAXED);
    }
    return value;
}
#endif

int sc_crc32_is_accelerated(void) {
#ifdef SC_CRC32_FOLDING
    return sc_crc32_cpu_has_folding();
#else
    return 0;
#endif
}

uint32_t sc_crc32(uint32_t crc, const uint8_t *data, size_t length) {
#ifdef SC_CRC32_FOLDING
    if (length >= 64 && sc_crc32_cpu_has_folding()) {
        size_t folded = length & ~(size_t)15;
        crc = ~sc_crc32_fold(~crc, data, folded);
        data += folded;
        length -= folded;
        if (length == 0) return crc;
    }
#endif
    return (uint32_t)crc32_z(crc, data, length);
}
