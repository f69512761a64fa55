// Helpers shared by the shim's library wrappers (libjpeg/libpng, libtiff, libwebp); not
// part of the public header.
#ifndef STEGCARVE_INTERNAL_H
#define STEGCARVE_INTERNAL_H

#include "stegcarve_shim.h"

/// One call's arguments, passed by pointer so the setjmp frame holds no mutable state.
typedef struct sc_request {
    const uint8_t *data;
    size_t size;
    uint64_t max_pixels;
    uint8_t *pixels;
    size_t capacity;
    /// 0: header only; 1: decode every row (into `pixels`, or a scratch row if NULL).
    int decode;
    sc_image_info *info;
} sc_request;

/// Copies `text` (truncated, NUL-terminated) into `info->message`.
void sc_set_message(sc_image_info *info, const char *text);

/// Counts a library warning (saturating) and keeps the first one's text as the message.
void sc_note_warning(sc_image_info *info, const char *text);

/// Common argument checks; zeroes `info` so every outcome starts from a known state.
sc_status sc_check_arguments(const uint8_t *data, size_t size, sc_image_info *info);

/// Checks the arguments (``sc_check_arguments``), then hands `run` one request: what every
/// library's `sc_*_read_info` (`decode` 0) and `sc_*_decode` (`decode` 1) do.
sc_status sc_run_request(sc_status (*run)(const sc_request *request), const uint8_t *data, size_t size,
                         uint64_t max_pixels, uint8_t *pixels, size_t capacity, int decode,
                         sc_image_info *info);

/// True (and a message) when `width * height > max_pixels`, without forming the product.
int sc_exceeds_pixel_limit(uint64_t width, uint64_t height, uint64_t max_pixels,
                           sc_image_info *info);

/// True (and a message) when `rows * row_bytes` does not fit in `capacity`.
int sc_exceeds_capacity(uint64_t rows, uint64_t row_bytes, size_t capacity,
                        sc_image_info *info);

#endif
