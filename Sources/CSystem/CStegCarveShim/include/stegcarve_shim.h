// The only C code in StegCarve that talks to the image libraries: libjpeg, libpng, libtiff
// and libwebp.
//
// libjpeg and libpng report fatal errors by calling an error handler that must not return
// (libjpeg's error_exit, libpng's png_error); their default handlers print and exit(). Every
// function here installs its own error manager, owns the setjmp/longjmp pair, and turns any
// library error into a status code plus a message, so a corrupt or hostile image becomes a
// Swift error and never a crash or a process exit. libtiff gets per-handle error and warning
// handlers that only record the text (its defaults print to stderr); libwebp returns status
// codes.
#ifndef STEGCARVE_SHIM_H
#define STEGCARVE_SHIM_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Outcome of a shim call.
typedef enum sc_status {
    SC_STATUS_OK = 0,
    /// The library rejected the data; `message` says why.
    SC_STATUS_DECODE_ERROR = 1,
    /// The image exceeds the caller's pixel limit; nothing was decoded.
    SC_STATUS_LIMIT_EXCEEDED = 2,
    /// The caller's output buffer is too small for the declared image.
    SC_STATUS_BUFFER_TOO_SMALL = 3,
    /// A null pointer or zero size where data was required.
    SC_STATUS_INVALID_ARGUMENT = 4,
    /// A well-formed header declaring something this shim does not decode (a TIFF codec or
    /// sample layout outside the supported set, an animated WebP); `message` says what.
    SC_STATUS_UNSUPPORTED = 5,
} sc_status;

/// Colour model of the *source* image as the library reports it.
typedef enum sc_color_model {
    SC_COLOR_UNKNOWN = 0,
    SC_COLOR_GRAY = 1,
    SC_COLOR_GRAY_ALPHA = 2,
    SC_COLOR_RGB = 3,
    SC_COLOR_RGBA = 4,
    SC_COLOR_PALETTE = 5,
    SC_COLOR_YCBCR = 6,
    SC_COLOR_CMYK = 7,
    SC_COLOR_YCCK = 8,
} sc_color_model;

enum { SC_MESSAGE_CAPACITY = 256 };

/// What the library says about an image, filled by every call.
///
/// Every call first zeroes the whole struct, so on failure the fields hold whatever was
/// learnt before the library gave up; check `header_valid` before trusting the geometry.
typedef struct sc_image_info {
    uint32_t width;
    uint32_t height;
    /// Samples per pixel in the rows `sc_*_decode` writes.
    uint32_t output_channels;
    /// Bits per sample in the rows `sc_*_decode` writes (8 or 16).
    uint32_t output_bits_per_sample;
    /// Bytes per output row (`width * output_channels * output_bits_per_sample / 8`).
    uint64_t output_row_bytes;
    /// Source colour model (`sc_color_model`).
    int32_t color_model;
    /// Bits per sample in the source (JPEG: 8 or 12; PNG: 1, 2, 4, 8 or 16).
    uint32_t source_bits_per_sample;
    /// Source samples per pixel (JPEG components; PNG channels before expansion).
    uint32_t source_channels;
    /// JPEG progressive mode / PNG Adam7 interlacing.
    int32_t progressive_or_interlaced;
    /// JPEG arithmetic coding.
    int32_t arithmetic_coding;
    /// 1 when the coding is lossy (JPEG; lossy WebP), so decoded samples are an
    /// approximation and LSB statistics measure the decoder, not the file.
    int32_t lossy;
    /// Number of library warnings (corrupt data the library recovered from), saturating.
    uint32_t warning_count;
    /// 1 once the header was parsed and every field above it is valid, else 0.
    int32_t header_valid;
    /// Complete output rows produced before the call returned (the final Adam7 pass for
    /// interlaced PNG; 0 for a progressive JPEG that fails while its scans are buffered).
    uint32_t rows_decoded;
    /// The library's error message, or the first warning if there was no error. NUL-terminated.
    char message[SC_MESSAGE_CAPACITY];
} sc_image_info;

/// Reads the JPEG header only (dimensions, colour model, precision, coding).
///
/// The output fields describe the rows `sc_jpeg_decode` would write. Nothing is allocated
/// in proportion to the declared size, so this is safe on any declared geometry.
sc_status sc_jpeg_read_info(const uint8_t *data, size_t size, sc_image_info *info);

/// Decodes every scanline of a JPEG.
///
/// A valid JPEG this libjpeg build cannot decode (12-bit samples in libjpeg-turbo before 3.0,
/// which has no `jpeg12_read_scanlines`; lossless or hierarchical processes) returns
/// SC_STATUS_UNSUPPORTED, as does `sc_jpeg_read_info` and `sc_jpeg_read_coefficients` on it.
/// Running out of data is an error (SC_STATUS_DECODE_ERROR), not libjpeg's default warning
/// followed by grey padding: a JPEG must be complete through its EOI marker. Other corrupt
/// data the library recovers from counts as a warning: extraneous bytes, bad restart markers,
/// and a scan that meets a marker before all its blocks are coded ("premature end of data
/// segment"; libjpeg pads the rest with grey, as djpeg does, exiting with status 2).
/// Progressive or multi-scan JPEGs with more than 500 scans are refused, and libjpeg's
/// `max_memory_to_use` is capped from the declared geometry.
///
/// Output rows are 8-bit; grayscale stays 1 channel, YCbCr becomes RGB (3), CMYK/YCCK become
/// CMYK (4). With `pixels == NULL` the image is decoded into a scratch row and discarded, which
/// verifies the whole entropy-coded data without holding the picture in memory. Otherwise
/// `pixels` receives `height * output_row_bytes` bytes and `capacity` must cover them.
/// Refuses (SC_STATUS_LIMIT_EXCEEDED) when `width * height > max_pixels`, before allocating.
sc_status sc_jpeg_decode(const uint8_t *data, size_t size, uint64_t max_pixels,
                         uint8_t *pixels, size_t capacity, sc_image_info *info);

/// Reads the PNG signature and IHDR through libpng (and every chunk before the first IDAT).
///
/// The output fields describe the rows `sc_png_decode` would write.
sc_status sc_png_read_info(const uint8_t *data, size_t size, sc_image_info *info);

/// Decodes every row of a PNG (all Adam7 passes), verifying CRCs and zlib streams.
///
/// Output: palette expanded to RGB(A), gray below 8 bits expanded to 8, tRNS to alpha,
/// 16-bit samples kept as 16-bit big-endian. `pixels` semantics as for `sc_jpeg_decode`.
/// Running out of data before IEND is an error; an ancillary chunk with a bad CRC is a
/// warning. tEXt/zTXt/iTXt and unknown ancillary chunks are CRC-checked and skipped, never
/// decompressed or stored.
sc_status sc_png_decode(const uint8_t *data, size_t size, uint64_t max_pixels,
                        uint8_t *pixels, size_t capacity, sc_image_info *info);

/// Reads a TIFF's first image file directory through libtiff (tags only, no image data).
///
/// Supported for decoding: strips or tiles, chunky or planar, compression none, LZW,
/// Deflate or PackBits (any predictor), unsigned 8- or 16-bit samples, photometric
/// MinIsWhite, MinIsBlack, RGB or Palette, 1 to 4 samples per pixel (more: the first 4).
/// Anything else reads its header (`header_valid`) and returns SC_STATUS_UNSUPPORTED.
sc_status sc_tiff_read_info(const uint8_t *data, size_t size, sc_image_info *info);

/// Decodes the first image of a TIFF, or with `pixels == NULL` decodes every strip or tile
/// into one scratch buffer to verify it.
///
/// Output rows are the stored samples unchanged, chunky, top row first: no colour
/// conversion, so MinIsWhite is not inverted and a palette image yields its indices
/// (`color_model` SC_COLOR_PALETTE, 1 channel). 16-bit samples are written big-endian
/// (as PNG's). Refuses (SC_STATUS_LIMIT_EXCEEDED) when `width * height > max_pixels`,
/// before allocating; libtiff's own allocations are capped from the same limit. A strip or
/// tile that does not decode to its full size is an error.
sc_status sc_tiff_decode(const uint8_t *data, size_t size, uint64_t max_pixels,
                         uint8_t *pixels, size_t capacity, sc_image_info *info);

/// Reads a WebP's header through libwebp (`WebPGetFeatures`): still images only; an
/// animated WebP returns SC_STATUS_UNSUPPORTED with its header.
sc_status sc_webp_read_info(const uint8_t *data, size_t size, sc_image_info *info);

/// Decodes a still WebP (lossy VP8 or lossless VP8L, with or without alpha) to 8-bit RGB or
/// RGBA rows. With `pixels == NULL` the picture is decoded scaled down to at most 64x64 (the
/// whole bitstream is still read) so verification needs no full-size buffer. Refuses
/// (SC_STATUS_LIMIT_EXCEEDED) when `width * height > max_pixels`, before allocating.
sc_status sc_webp_decode(const uint8_t *data, size_t size, uint64_t max_pixels,
                         uint8_t *pixels, size_t capacity, sc_image_info *info);

enum { SC_MAX_COEFFICIENT_COMPONENTS = 4 };

/// Block geometry of a JPEG's quantised DCT coefficients.
typedef struct sc_coefficient_layout {
    /// Components (1 gray, 3 YCbCr, 4 CMYK/YCCK).
    uint32_t components;
    /// Per component: blocks per row and block rows (libjpeg's width_in_blocks/height_in_blocks).
    uint32_t width_in_blocks[SC_MAX_COEFFICIENT_COMPONENTS];
    uint32_t height_in_blocks[SC_MAX_COEFFICIENT_COMPONENTS];
    /// Per component sampling factors, and their maxima (MCU geometry of interleaved scans).
    uint32_t h_samp[SC_MAX_COEFFICIENT_COMPONENTS];
    uint32_t v_samp[SC_MAX_COEFFICIENT_COMPONENTS];
    uint32_t max_h_samp;
    uint32_t max_v_samp;
    /// Per component: the DC quantiser (0 until the coefficients were read).
    uint32_t quant_dc[SC_MAX_COEFFICIENT_COMPONENTS];
    /// Sum of width_in_blocks * height_in_blocks over the components.
    uint64_t total_blocks;
} sc_coefficient_layout;

/// Reads a JPEG's quantised DCT coefficients through `jpeg_read_coefficients` (no IDCT).
///
/// With `coefficients == NULL` only the header is read and `layout` filled. Otherwise
/// `coefficients` receives `layout->total_blocks * 64` values (`capacity` counts values):
/// component 0's blocks row by row, then component 1's, …; each block's 64 values in
/// natural (row-major) order as libjpeg stores them. Refuses (SC_STATUS_LIMIT_EXCEEDED)
/// when `width * height > max_pixels`, before allocating; more than 4 components is a
/// decode error. Errors, truncation and the scan limit behave as in `sc_jpeg_decode`.
sc_status sc_jpeg_read_coefficients(const uint8_t *data, size_t size, uint64_t max_pixels,
                                    int16_t *coefficients, size_t capacity,
                                    sc_coefficient_layout *layout, sc_image_info *info);

#ifdef __cplusplus
}
#endif

#endif
