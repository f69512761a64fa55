// libtiff behind the shim's contract (see stegcarve_shim.h): the file is read from memory
// through client procedures that never read past the caller's buffer, libtiff's messages go
// to per-handle handlers that only record them, and its single allocations are capped.
//
// libtiff does not longjmp: a failing call returns an error value after calling the error
// handler, so no setjmp is needed here. Only the first image file directory is decoded.

#include "stegcarve_shim.h"
#include "stegcarve_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tiffio.h>

/// libtiff's largest single allocation when only tags are read.
#define SC_TIFF_HEADER_MEMORY ((tmsize_t)64 * 1024 * 1024)
/// Upper bound on any single libtiff allocation, whatever the pixel limit.
#define SC_TIFF_MAX_MEMORY ((uint64_t)2 * 1024 * 1024 * 1024)
/// Tiles may decode this much beyond 4x the image's own bytes (small images, large tiles).
#define SC_TIFF_TILE_SLACK ((uint64_t)64 * 1024 * 1024)
/// Guards the tile-bytes product against overflow: no image decodes more than this.
#define SC_TIFF_MAX_DECODED_BYTES ((uint64_t)1 << 50)

/// The caller's bytes as a read-only file, plus where messages go.
typedef struct sc_tiff_source {
    const uint8_t *data;
    uint64_t size;
    uint64_t position;
    sc_image_info *info;
    /// Set by the first error, so a later error or warning does not replace its text.
    int failed;
} sc_tiff_source;

// MARK: - Client procedures

static tmsize_t sc_tiff_read(thandle_t handle, void *buffer, tmsize_t length) {
    sc_tiff_source *source = (sc_tiff_source *)handle;
    if (length <= 0 || source->position >= source->size) {
        return 0;
    }
    uint64_t available = source->size - source->position;
    uint64_t count = (uint64_t)length < available ? (uint64_t)length : available;
    memcpy(buffer, source->data + source->position, (size_t)count);
    source->position += count;
    return (tmsize_t)count;
}

static tmsize_t sc_tiff_write(thandle_t handle, void *buffer, tmsize_t length) {
    (void)handle;
    (void)buffer;
    (void)length;
    return -1;
}

/// Seeks anywhere from 0 to 2^63; reads past the end return 0 bytes.
static toff_t sc_tiff_seek(thandle_t handle, toff_t offset, int whence) {
    sc_tiff_source *source = (sc_tiff_source *)handle;
    uint64_t base = 0;
    switch (whence) {
    case SEEK_SET: base = 0; break;
    case SEEK_CUR: base = source->position; break;
    case SEEK_END: base = source->size; break;
    default: return (toff_t)-1;
    }
    if (offset > (toff_t)INT64_MAX - base) {
        return (toff_t)-1;
    }
    source->position = base + offset;
    return (toff_t)source->position;
}

static int sc_tiff_close(thandle_t handle) {
    (void)handle;
    return 0;
}

static toff_t sc_tiff_size(thandle_t handle) {
    return (toff_t)((sc_tiff_source *)handle)->size;
}

/// No mapping: libtiff then copies each strip into its own buffer, never touching ours.
static int sc_tiff_map(thandle_t handle, void **base, toff_t *size) {
    (void)handle;
    (void)base;
    (void)size;
    return 0;
}

static void sc_tiff_unmap(thandle_t handle, void *base, toff_t size) {
    (void)handle;
    (void)base;
    (void)size;
}

// MARK: - Messages

static void sc_tiff_format(char *text, size_t capacity, const char *module, const char *format, va_list arguments) {
    char body[SC_MESSAGE_CAPACITY];
    vsnprintf(body, sizeof body, format, arguments);
    if (module != NULL && module[0] != '\0') {
        snprintf(text, capacity, "%s: %s", module, body);
    } else {
        snprintf(text, capacity, "%s", body);
    }
}

/// Records the first error; returning 1 keeps libtiff's global handler (stderr) from running.
static int sc_tiff_error(TIFF *tif, void *user, const char *module, const char *format, va_list arguments) {
    (void)tif;
    sc_tiff_source *source = (sc_tiff_source *)user;
    if (!source->failed) {
        char text[SC_MESSAGE_CAPACITY];
        sc_tiff_format(text, sizeof text, module, format, arguments);
        sc_set_message(source->info, text);
        source->failed = 1;
    }
    return 1;
}

static int sc_tiff_warning(TIFF *tif, void *user, const char *module, const char *format, va_list arguments) {
    (void)tif;
    sc_tiff_source *source = (sc_tiff_source *)user;
    char text[SC_MESSAGE_CAPACITY];
    sc_tiff_format(text, sizeof text, module, format, arguments);
    if (!source->failed) {
        sc_note_warning(source->info, text);
    }
    return 1;
}

// MARK: - Layout

/// The first directory's tags that decoding depends on.
typedef struct sc_tiff_layout {
    uint32_t width;
    uint32_t height;
    uint16_t bits;
    uint16_t samples;
    uint16_t photometric;
    uint16_t planar;
    uint16_t compression;
    uint16_t sample_format;
    /// Samples per output pixel: min(samples, 4).
    uint32_t channels;
    /// Bytes per sample: 1 or 2.
    uint32_t sample_bytes;
} sc_tiff_layout;

static int32_t sc_tiff_color_model(uint16_t photometric, uint16_t samples) {
    switch (photometric) {
    case PHOTOMETRIC_MINISWHITE:
    case PHOTOMETRIC_MINISBLACK: return samples >= 2 ? SC_COLOR_GRAY_ALPHA : SC_COLOR_GRAY;
    case PHOTOMETRIC_RGB: return samples >= 4 ? SC_COLOR_RGBA : SC_COLOR_RGB;
    case PHOTOMETRIC_PALETTE: return SC_COLOR_PALETTE;
    case PHOTOMETRIC_YCBCR: return SC_COLOR_YCBCR;
    case PHOTOMETRIC_SEPARATED: return SC_COLOR_CMYK;
    default: return SC_COLOR_UNKNOWN;
    }
}

static const char *sc_tiff_compression_name(uint16_t compression) {
    switch (compression) {
    case COMPRESSION_CCITTRLE: case COMPRESSION_CCITTFAX3: case COMPRESSION_CCITTFAX4: return "CCITT";
    case COMPRESSION_OJPEG: return "old-style JPEG";
    case COMPRESSION_JPEG: return "JPEG";
    case COMPRESSION_JBIG: return "JBIG";
    case COMPRESSION_LZMA: return "LZMA";
    case COMPRESSION_ZSTD: return "ZSTD";
    case COMPRESSION_WEBP: return "WebP";
    default: return "other";
    }
}

/// Reads the tags, fills `info`'s header fields, and says whether the shim decodes this
/// layout (SC_STATUS_UNSUPPORTED with a message if not).
static sc_status sc_tiff_read_layout(TIFF *tif, sc_tiff_layout *layout, sc_image_info *info) {
    memset(layout, 0, sizeof *layout);
    if (!TIFFGetField(tif, TIFFTAG_IMAGEWIDTH, &layout->width)
        || !TIFFGetField(tif, TIFFTAG_IMAGELENGTH, &layout->height)) {
        sc_set_message(info, "TIFF directory without ImageWidth/ImageLength");
        return SC_STATUS_DECODE_ERROR;
    }
    TIFFGetFieldDefaulted(tif, TIFFTAG_BITSPERSAMPLE, &layout->bits);
    TIFFGetFieldDefaulted(tif, TIFFTAG_SAMPLESPERPIXEL, &layout->samples);
    TIFFGetFieldDefaulted(tif, TIFFTAG_PLANARCONFIG, &layout->planar);
    TIFFGetFieldDefaulted(tif, TIFFTAG_COMPRESSION, &layout->compression);
    TIFFGetFieldDefaulted(tif, TIFFTAG_SAMPLEFORMAT, &layout->sample_format);
    int has_photometric = TIFFGetField(tif, TIFFTAG_PHOTOMETRIC, &layout->photometric);

    layout->channels = layout->samples < 4 ? layout->samples : 4;
    layout->sample_bytes = layout->bits == 16 ? 2 : 1;
    info->width = layout->width;
    info->height = layout->height;
    info->source_bits_per_sample = layout->bits;
    info->source_channels = layout->samples;
    info->color_model = has_photometric ? sc_tiff_color_model(layout->photometric, layout->samples) : SC_COLOR_UNKNOWN;
    info->lossy = layout->compression == COMPRESSION_JPEG || layout->compression == COMPRESSION_OJPEG;
    info->output_channels = layout->channels;
    info->output_bits_per_sample = layout->bits == 16 ? 16 : 8;
    // width < 2^32, channels <= 4, bytes per sample <= 2: no overflow in 64 bits.
    info->output_row_bytes = (uint64_t)layout->width * layout->channels * layout->sample_bytes;
    info->header_valid = layout->width > 0 && layout->height > 0 && layout->samples > 0;

    char text[SC_MESSAGE_CAPACITY];
    switch (layout->compression) {
    case COMPRESSION_NONE: case COMPRESSION_LZW: case COMPRESSION_ADOBE_DEFLATE:
    case COMPRESSION_DEFLATE: case COMPRESSION_PACKBITS:
        break;
    default:
        snprintf(text, sizeof text, "TIFF compression %u (%s) is not decoded", layout->compression,
                 sc_tiff_compression_name(layout->compression));
        sc_set_message(info, text);
        return SC_STATUS_UNSUPPORTED;
    }
    int photometric_ok = 0;
    if (has_photometric) {
        switch (layout->photometric) {
        case PHOTOMETRIC_MINISWHITE: case PHOTOMETRIC_MINISBLACK:
            photometric_ok = layout->samples == 1 || layout->samples == 2;
            break;
        case PHOTOMETRIC_RGB: photometric_ok = layout->samples >= 3; break;
        case PHOTOMETRIC_PALETTE: photometric_ok = layout->samples == 1; break;
        default: break;
        }
    }
    if (!photometric_ok || (layout->bits != 8 && layout->bits != 16)
        || layout->sample_format != SAMPLEFORMAT_UINT
        || (layout->planar != PLANARCONFIG_CONTIG && layout->planar != PLANARCONFIG_SEPARATE)) {
        snprintf(text, sizeof text,
                 "TIFF layout not decoded: photometric %u, %u samples of %u bits, sample format %u, planar %u",
                 has_photometric ? layout->photometric : 0xFFFFu, layout->samples, layout->bits,
                 layout->sample_format, layout->planar);
        sc_set_message(info, text);
        return SC_STATUS_UNSUPPORTED;
    }
    if (!info->header_valid) {
        sc_set_message(info, "TIFF image with a zero dimension or no samples");
        return SC_STATUS_DECODE_ERROR;
    }
    return SC_STATUS_OK;
}

// MARK: - Decoding

/// Copies `rows` rows of `columns` pixels from a decoded strip or tile to the output at
/// (x, y). `source_stride` is the strip's/tile's row length in bytes; `plane` is the sample
/// index for planar data (-1 for chunky, where every pixel holds `layout->samples` samples).
static void sc_tiff_copy(const sc_tiff_layout *layout, const uint8_t *source, uint64_t source_stride,
                         uint32_t rows, uint32_t columns, uint32_t x, uint32_t y, int plane,
                         uint8_t *pixels, uint64_t row_bytes) {
    const uint32_t bytes = layout->sample_bytes;
    const uint32_t source_step = plane < 0 ? layout->samples * bytes : bytes;
    const uint32_t first = plane < 0 ? 0 : (uint32_t)plane;
    const uint32_t count = plane < 0 ? layout->channels : 1;
    for (uint32_t row = 0; row < rows; row += 1) {
        const uint8_t *in = source + row * source_stride;
        uint8_t *out = pixels + (uint64_t)(y + row) * row_bytes + (uint64_t)x * layout->channels * bytes;
        for (uint32_t column = 0; column < columns; column += 1) {
            const uint8_t *pixel = in + (uint64_t)column * source_step;
            uint8_t *target = out + (uint64_t)column * layout->channels * bytes + first * bytes;
            for (uint32_t sample = 0; sample < count; sample += 1) {
                if (bytes == 1) {
                    target[sample] = pixel[sample];
                } else {
                    // libtiff hands 16-bit samples over in host order; rows are big-endian.
                    uint16_t value;
                    memcpy(&value, pixel + sample * 2, 2);
                    target[sample * 2] = (uint8_t)(value >> 8);
                    target[sample * 2 + 1] = (uint8_t)value;
                }
            }
        }
    }
}

/// The planes to read: every sample for chunky data (one read), the first `channels` of a
/// planar image (one read each).
static uint32_t sc_tiff_planes(const sc_tiff_layout *layout) {
    return layout->planar == PLANARCONFIG_SEPARATE ? layout->channels : 1;
}

/// Records why a strip or tile failed, unless libtiff's error handler already said.
static void sc_tiff_chunk_failed(const sc_tiff_source *source, const char *what, uint32_t index, tmsize_t got,
                                 uint64_t expected) {
    if (!source->failed) {
        char text[SC_MESSAGE_CAPACITY];
        snprintf(text, sizeof text, "TIFF %s %u decoded %lld of %llu bytes", what, index, (long long)got,
                 (unsigned long long)expected);
        sc_set_message(source->info, text);
    }
}

static sc_status sc_tiff_decode_strips(TIFF *tif, const sc_tiff_layout *layout, uint8_t *buffer, tmsize_t capacity,
                                       uint8_t *pixels, const sc_tiff_source *source) {
    sc_image_info *info = source->info;
    uint32_t rows_per_strip = 0;
    TIFFGetFieldDefaulted(tif, TIFFTAG_ROWSPERSTRIP, &rows_per_strip);
    if (rows_per_strip == 0 || rows_per_strip > layout->height) {
        rows_per_strip = layout->height;
    }
    const uint64_t stride = (uint64_t)TIFFScanlineSize64(tif);
    const int separate = layout->planar == PLANARCONFIG_SEPARATE;
    const int direct = pixels != NULL && !separate && layout->sample_bytes == 1
        && layout->channels == layout->samples && stride == info->output_row_bytes;
    for (uint32_t plane = 0; plane < sc_tiff_planes(layout); plane += 1) {
        for (uint32_t y = 0; y < layout->height; y += rows_per_strip) {
            const uint32_t rows = layout->height - y < rows_per_strip ? layout->height - y : rows_per_strip;
            const uint64_t expected = stride * rows;
            if (expected > (uint64_t)capacity) {
                sc_set_message(info, "TIFF strip larger than its declared size");
                return SC_STATUS_DECODE_ERROR;
            }
            const uint32_t strip = TIFFComputeStrip(tif, y, (uint16_t)plane);
            // Chunky rows laid out as the output (every sample kept, 8-bit): decode in place.
            uint8_t *target = direct ? pixels + (uint64_t)y * stride : buffer;
            tmsize_t got = TIFFReadEncodedStrip(tif, strip, target, (tmsize_t)expected);
            if (got < 0 || (uint64_t)got != expected) {
                sc_tiff_chunk_failed(source, "strip", strip, got, expected);
                return SC_STATUS_DECODE_ERROR;
            }
            if (pixels != NULL && !direct) {
                sc_tiff_copy(layout, buffer, stride, rows, layout->width, 0, y, separate ? (int)plane : -1,
                             pixels, info->output_row_bytes);
            }
            if (plane + 1 == sc_tiff_planes(layout)) {
                info->rows_decoded = y + rows;
            }
        }
    }
    return SC_STATUS_OK;
}

static sc_status sc_tiff_decode_tiles(TIFF *tif, const sc_tiff_layout *layout, uint8_t *buffer, tmsize_t capacity,
                                      uint8_t *pixels, const sc_tiff_source *source) {
    sc_image_info *info = source->info;
    uint32_t tile_width = 0;
    uint32_t tile_length = 0;
    if (!TIFFGetField(tif, TIFFTAG_TILEWIDTH, &tile_width) || !TIFFGetField(tif, TIFFTAG_TILELENGTH, &tile_length)
        || tile_width == 0 || tile_length == 0) {
        sc_set_message(info, "tiled TIFF without a tile size");
        return SC_STATUS_DECODE_ERROR;
    }
    const uint64_t stride = (uint64_t)TIFFTileRowSize64(tif);
    const uint64_t tile_bytes = (uint64_t)TIFFTileSize64(tif);
    if (tile_bytes == 0 || tile_bytes > (uint64_t)capacity || stride * tile_length > tile_bytes) {
        sc_set_message(info, "TIFF tile size out of range");
        return SC_STATUS_DECODE_ERROR;
    }
    // Tiles overhanging the image are decoded whole: a 1-pixel-wide image with 4096-wide
    // tiles would decode 4096 times its pixels. Refuse more than 4x the image plus 64 MiB.
    const uint64_t across = ((uint64_t)layout->width + tile_width - 1) / tile_width;
    const uint64_t down = ((uint64_t)layout->height + tile_length - 1) / tile_length;
    const uint64_t image_bytes = info->output_row_bytes * layout->height;
    if (across > UINT64_MAX / down || across * down > (SC_TIFF_MAX_DECODED_BYTES / tile_bytes) / sc_tiff_planes(layout)
        || across * down * tile_bytes * sc_tiff_planes(layout) > 4 * image_bytes + SC_TIFF_TILE_SLACK) {
        char text[SC_MESSAGE_CAPACITY];
        snprintf(text, sizeof text, "TIFF tiles of %ux%u over a %ux%u image decode far more than its pixels; not decoded",
                 tile_width, tile_length, layout->width, layout->height);
        sc_set_message(info, text);
        return SC_STATUS_DECODE_ERROR;
    }
    const int separate = layout->planar == PLANARCONFIG_SEPARATE;
    for (uint32_t plane = 0; plane < sc_tiff_planes(layout); plane += 1) {
        for (uint32_t y = 0; y < layout->height; y += tile_length) {
            for (uint32_t x = 0; x < layout->width; x += tile_width) {
                const uint32_t tile = TIFFComputeTile(tif, x, y, 0, (uint16_t)plane);
                tmsize_t got = TIFFReadEncodedTile(tif, tile, buffer, (tmsize_t)tile_bytes);
                if (got < 0 || (uint64_t)got != tile_bytes) {
                    sc_tiff_chunk_failed(source, "tile", tile, got, tile_bytes);
                    return SC_STATUS_DECODE_ERROR;
                }
                if (pixels != NULL) {
                    const uint32_t rows = layout->height - y < tile_length ? layout->height - y : tile_length;
                    const uint32_t columns = layout->width - x < tile_width ? layout->width - x : tile_width;
                    sc_tiff_copy(layout, buffer, stride, rows, columns, x, y, separate ? (int)plane : -1,
                                 pixels, info->output_row_bytes);
                }
            }
            if (plane + 1 == sc_tiff_planes(layout)) {
                const uint32_t end = layout->height - y < tile_length ? layout->height : y + tile_length;
                info->rows_decoded = end;
            }
        }
    }
    return SC_STATUS_OK;
}

/// Opens the TIFF, reads the layout and (if `request->decode`) every strip or tile.
static sc_status sc_tiff_run(const sc_request *request) {
    sc_image_info *info = request->info;
    sc_tiff_source source = {request->data, request->size, 0, info, 0};

    TIFFOpenOptions *options = TIFFOpenOptionsAlloc();
    if (options == NULL) {
        sc_set_message(info, "out of memory");
        return SC_STATUS_DECODE_ERROR;
    }
    TIFFOpenOptionsSetErrorHandlerExtR(options, sc_tiff_error, &source);
    TIFFOpenOptionsSetWarningHandlerExtR(options, sc_tiff_warning, &source);
    uint64_t memory = (uint64_t)SC_TIFF_HEADER_MEMORY;
    if (request->decode && request->max_pixels <= SC_TIFF_MAX_MEMORY / 8) {
        // A decoded strip holds at most every pixel at 4 samples of 2 bytes.
        uint64_t pixels = request->max_pixels * 8;
        memory = pixels > memory ? pixels : memory;
    } else if (request->decode) {
        memory = SC_TIFF_MAX_MEMORY;
    }
    TIFFOpenOptionsSetMaxSingleMemAlloc(options, (tmsize_t)memory);
    // "r": read; "m": no memory mapping; "h"-less: the first directory is read now.
    TIFF *tif = TIFFClientOpenExt("libtiff", "rm", (thandle_t)&source, sc_tiff_read, sc_tiff_write, sc_tiff_seek,
                                  sc_tiff_close, sc_tiff_size, sc_tiff_map, sc_tiff_unmap, options);
    TIFFOpenOptionsFree(options);
    if (tif == NULL) {
        if (info->message[0] == '\0') {
            sc_set_message(info, "not a TIFF libtiff can open");
        }
        return SC_STATUS_DECODE_ERROR;
    }

    sc_tiff_layout layout;
    sc_status status = sc_tiff_read_layout(tif, &layout, info);
    if (status != SC_STATUS_OK || !request->decode) {
        TIFFClose(tif);
        return status;
    }
    if (sc_exceeds_pixel_limit(layout.width, layout.height, request->max_pixels, info)) {
        TIFFClose(tif);
        return SC_STATUS_LIMIT_EXCEEDED;
    }
    if (request->pixels != NULL
        && sc_exceeds_capacity(layout.height, info->output_row_bytes, request->capacity, info)) {
        TIFFClose(tif);
        return SC_STATUS_BUFFER_TOO_SMALL;
    }
    const int tiled = TIFFIsTiled(tif);
    const uint64_t chunk = tiled ? (uint64_t)TIFFTileSize64(tif) : (uint64_t)TIFFStripSize64(tif);
    if (chunk == 0) {
        sc_set_message(info, "TIFF strip or tile size is zero");
        TIFFClose(tif);
        return SC_STATUS_DECODE_ERROR;
    }
    if (chunk > memory) {
        // Only with more than 4 samples per pixel: 4 samples of 2 bytes fit `memory`.
        char text[SC_MESSAGE_CAPACITY];
        snprintf(text, sizeof text, "TIFF strip or tile of %llu bytes is over the decoder's %llu-byte memory cap",
                 (unsigned long long)chunk, (unsigned long long)memory);
        sc_set_message(info, text);
        TIFFClose(tif);
        return SC_STATUS_UNSUPPORTED;
    }
    uint8_t *buffer = malloc((size_t)chunk);
    if (buffer == NULL) {
        sc_set_message(info, "out of memory for a TIFF strip or tile");
        TIFFClose(tif);
        return SC_STATUS_DECODE_ERROR;
    }
    status = tiled ? sc_tiff_decode_tiles(tif, &layout, buffer, (tmsize_t)chunk, request->pixels, &source)
                   : sc_tiff_decode_strips(tif, &layout, buffer, (tmsize_t)chunk, request->pixels, &source);
    free(buffer);
    TIFFClose(tif);
    return status;
}

sc_status sc_tiff_read_info(const uint8_t *data, size_t size, sc_image_info *info) {
    return sc_run_request(sc_tiff_run, data, size, 0, NULL, 0, 0, info);
}

sc_status sc_tiff_decode(const uint8_t *data, size_t size, uint64_t max_pixels,
                         uint8_t *pixels, size_t capacity, sc_image_info *info) {
    return sc_run_request(sc_tiff_run, data, size, max_pixels, pixels, capacity, 1, info);
}
