// The C code in StegCarve that talks to libjpeg and libpng; see stegcarve_shim.h
// (stegcarve_tiff.c and stegcarve_webp.c hold libtiff's and libwebp's).
//
// Shape of every call: the public function validates its arguments and builds an
// `sc_request`; a `*_run` function allocates a heap context, installs the error manager and
// calls setjmp; a `*_body` function does all the library work. Because every value that
// changes after setjmp lives either in the heap context or in the body's own frame (which
// longjmp discards), the setjmp function has no modified automatic locals, so the C rule
// "non-volatile locals changed after setjmp are indeterminate after longjmp" (C11 7.13.2.1)
// never applies. The error path destroys the library objects and frees the context.
//
// Nothing here writes to stdout or stderr: libjpeg's output_message/emit_message and
// libpng's error/warning callbacks only copy the text into `sc_image_info.message`.

#include "stegcarve_shim.h"
#include "stegcarve_internal.h"

#include <limits.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>
#include <jerror.h>
#include <png.h>

// MARK: - Bounds

enum {
    /// Scans a JPEG may have. Each scan of a progressive image walks the whole coefficient
    /// buffer again, so a few kilobytes of tiny scans could otherwise cost minutes of CPU.
    /// Real encoders write about 10; libjpeg-turbo's fuzzers and djpeg -maxscans use 500.
    SC_JPEG_MAX_SCANS = 500,
    /// Unknown and text chunks libpng may keep (libpng's built-in default is 1000).
    SC_PNG_CHUNK_CACHE_MAX = 128,
};

/// libjpeg memory budget for reading headers: tables and marker buffers only.
#define SC_JPEG_HEADER_MEMORY (16L * 1024 * 1024)
/// libjpeg memory on top of the coefficient buffers: row buffers, tables, entropy state.
#define SC_JPEG_WORKING_MEMORY (64ULL * 1024 * 1024)
/// Largest allocation libpng may make for one ancillary chunk (iCCP, sPLT, ...).
#define SC_PNG_CHUNK_MALLOC_MAX ((png_alloc_size_t)8 * 1024 * 1024)

// MARK: - Shared helpers


// MARK: - libjpeg

/// libjpeg's error manager plus our jump target. `pub` must come first: libjpeg hands the
/// callbacks a pointer to it.
typedef struct sc_jpeg_error_mgr {
    struct jpeg_error_mgr pub;
    jmp_buf jump;
    sc_image_info *info;
    /// Set when libjpeg stopped on a valid feature this build cannot decode (12-bit
    /// samples in an 8-bit libjpeg, lossless or hierarchical processes).
    int unsupported;
} sc_jpeg_error_mgr;

typedef struct sc_jpeg_context {
    struct jpeg_decompress_struct cinfo;
    sc_jpeg_error_mgr error;
    struct jpeg_progress_mgr progress;
} sc_jpeg_context;

static void sc_jpeg_fail(j_common_ptr cinfo, const char *text) {
    sc_jpeg_error_mgr *error = (sc_jpeg_error_mgr *)cinfo->err;
    sc_set_message(error->info, text);
    longjmp(error->jump, 1);
}

/// Replaces libjpeg's print-and-exit(): record the message and unwind to the setjmp.
static void sc_jpeg_error_exit(j_common_ptr cinfo) {
    // 12-bit samples are valid DCT JPEG (T.81 B.2.2), other precisions are damage; lossless
    // and hierarchical processes are valid, libjpeg-turbo 2.1 decodes neither.
    int code = cinfo->err->msg_code;
    if ((code == JERR_BAD_PRECISION && cinfo->err->msg_parm.i[0] == 12) || code == JERR_SOF_UNSUPPORTED) {
        ((sc_jpeg_error_mgr *)cinfo->err)->unsupported = 1;
    }
    char text[JMSG_LENGTH_MAX];
    (*cinfo->err->format_message)(cinfo, text);
    sc_jpeg_fail(cinfo, text);
}

/// Keeps the first message libjpeg wants shown; never prints.
static void sc_jpeg_output_message(j_common_ptr cinfo) {
    sc_jpeg_error_mgr *error = (sc_jpeg_error_mgr *)cinfo->err;
    if (error->info->message[0] == '\0') {
        char text[JMSG_LENGTH_MAX];
        (*cinfo->err->format_message)(cinfo, text);
        sc_set_message(error->info, text);
    }
}

/// Level -1 is a warning (corrupt data libjpeg recovered from); levels >= 0 are trace
/// messages, which are ignored.
static void sc_jpeg_emit_message(j_common_ptr cinfo, int msg_level) {
    if (msg_level >= 0) {
        return;
    }
    sc_jpeg_error_mgr *error = (sc_jpeg_error_mgr *)cinfo->err;
    error->pub.num_warnings += 1;
    char text[JMSG_LENGTH_MAX];
    (*cinfo->err->format_message)(cinfo, text);
    // jpeg_mem_src answers "no more data" by warning JWRN_JPEG_EOF and inventing an EOI
    // marker, after which the decoder pads the image with grey. Reading past the end of
    // the data is an error here, so the warning becomes fatal.
    if (cinfo->err->msg_code == JWRN_JPEG_EOF) {
        sc_jpeg_fail(cinfo, text);
    }
    sc_note_warning(error->info, text);
}

/// Called once per scan (and per iMCU row) while scans are being consumed.
static void sc_jpeg_progress_monitor(j_common_ptr cinfo) {
    if (!cinfo->is_decompressor) {
        return;
    }
    j_decompress_ptr dinfo = (j_decompress_ptr)cinfo;
    if (dinfo->input_scan_number > SC_JPEG_MAX_SCANS) {
        char text[SC_MESSAGE_CAPACITY];
        snprintf(text, sizeof text, "JPEG has more than %d scans", SC_JPEG_MAX_SCANS);
        sc_jpeg_fail(cinfo, text);
    }
}

static int32_t sc_jpeg_color_model(J_COLOR_SPACE space) {
    switch (space) {
    case JCS_GRAYSCALE: return SC_COLOR_GRAY;
    case JCS_RGB: return SC_COLOR_RGB;
    case JCS_YCbCr: return SC_COLOR_YCBCR;
    case JCS_CMYK: return SC_COLOR_CMYK;
    case JCS_YCCK: return SC_COLOR_YCCK;
    default: return SC_COLOR_UNKNOWN;
    }
}

/// Output colour space promised by the header: gray stays gray, YCbCr/RGB become RGB,
/// CMYK/YCCK become CMYK, anything else is passed through component by component.
static J_COLOR_SPACE sc_jpeg_output_space(J_COLOR_SPACE space) {
    switch (space) {
    case JCS_GRAYSCALE: return JCS_GRAYSCALE;
    case JCS_RGB:
    case JCS_YCbCr: return JCS_RGB;
    case JCS_CMYK:
    case JCS_YCCK: return JCS_CMYK;
    default: return JCS_UNKNOWN;
    }
}

/// Memory libjpeg may need for this image: the coefficient buffers of a progressive or
/// multi-scan image (2 bytes per sample per component, dimensions padded to whole MCUs of
/// at most 4x4 blocks) plus a working allowance. Saturates at LONG_MAX.
static long sc_jpeg_memory_budget(const struct jpeg_decompress_struct *cinfo) {
    uint64_t padded_width = (uint64_t)cinfo->image_width + 32;
    uint64_t padded_height = (uint64_t)cinfo->image_height + 32;
    uint64_t components = (uint64_t)cinfo->num_components;
    uint64_t budget = SC_JPEG_WORKING_MEMORY;
    // padded_width, padded_height < 2^33 and components <= 10 (MAX_COMPONENTS), but keep the
    // product overflow-safe anyway.
    uint64_t per_row = padded_width * components * 2;
    if (padded_height != 0 && per_row > (UINT64_MAX - budget) / padded_height) {
        return LONG_MAX;
    }
    budget += per_row * padded_height;
    return budget > (uint64_t)LONG_MAX ? LONG_MAX : (long)budget;
}

static sc_status sc_jpeg_body(sc_jpeg_context *ctx, const sc_request *request) {
    j_decompress_ptr cinfo = &ctx->cinfo;
    sc_image_info *info = request->info;

    jpeg_create_decompress(cinfo);
    cinfo->mem->max_memory_to_use = SC_JPEG_HEADER_MEMORY;
    ctx->progress.progress_monitor = sc_jpeg_progress_monitor;
    cinfo->progress = &ctx->progress;
    jpeg_mem_src(cinfo, request->data, (unsigned long)request->size);

    if (jpeg_read_header(cinfo, TRUE) != JPEG_HEADER_OK) {
        sc_set_message(info, "JPEG holds tables only, no image");
        return SC_STATUS_DECODE_ERROR;
    }
    cinfo->out_color_space = sc_jpeg_output_space(cinfo->jpeg_color_space);
    jpeg_calc_output_dimensions(cinfo);

    info->width = cinfo->image_width;
    info->height = cinfo->image_height;
    info->color_model = sc_jpeg_color_model(cinfo->jpeg_color_space);
    info->source_bits_per_sample = (uint32_t)cinfo->data_precision;
    info->source_channels = (uint32_t)cinfo->num_components;
    info->progressive_or_interlaced = cinfo->progressive_mode ? 1 : 0;
    info->arithmetic_coding = cinfo->arith_code ? 1 : 0;
    info->lossy = 1;
    info->output_channels = (uint32_t)cinfo->output_components;
    info->output_bits_per_sample = BITS_IN_JSAMPLE;
    info->output_row_bytes = (uint64_t)cinfo->output_width * (uint64_t)cinfo->output_components;
    info->header_valid = 1;

    if (!request->decode) {
        return SC_STATUS_OK;
    }
    if (sc_exceeds_pixel_limit(cinfo->image_width, cinfo->image_height, request->max_pixels,
                               info)) {
        return SC_STATUS_LIMIT_EXCEEDED;
    }
    const uint64_t row_bytes = info->output_row_bytes;
    if (request->pixels != NULL
        && sc_exceeds_capacity(cinfo->output_height, row_bytes, request->capacity, info)) {
        return SC_STATUS_BUFFER_TOO_SMALL;
    }

    cinfo->mem->max_memory_to_use = sc_jpeg_memory_budget(cinfo);
    jpeg_start_decompress(cinfo);
    // jpeg_start_decompress recomputes the output geometry from the same parameters; make
    // sure the buffer contract still holds before writing a single row.
    if ((uint64_t)cinfo->output_width * (uint64_t)cinfo->output_components != row_bytes
        || cinfo->output_height != info->height) {
        sc_set_message(info, "libjpeg changed the output geometry after the header");
        return SC_STATUS_DECODE_ERROR;
    }

    JSAMPARRAY scratch = NULL;
    if (request->pixels == NULL) {
        // From libjpeg's image pool, so jpeg_destroy_decompress frees it on every path.
        scratch = (*cinfo->mem->alloc_sarray)((j_common_ptr)cinfo, JPOOL_IMAGE,
                                              (JDIMENSION)row_bytes, 1);
    }
    while (cinfo->output_scanline < cinfo->output_height) {
        JSAMPROW row = scratch != NULL
            ? scratch[0]
            : (JSAMPROW)(request->pixels + (size_t)cinfo->output_scanline * (size_t)row_bytes);
        if (jpeg_read_scanlines(cinfo, &row, 1) != 1) {
            // Only a suspending data source returns 0; jpeg_mem_src never suspends, but the
            // loop must make progress whatever happens.
            sc_set_message(info, "libjpeg returned no scanline");
            return SC_STATUS_DECODE_ERROR;
        }
        info->rows_decoded = cinfo->output_scanline;
    }
    // Reads on to EOI, so trailing corruption and truncation are noticed too.
    jpeg_finish_decompress(cinfo);
    return SC_STATUS_OK;
}

static sc_status sc_jpeg_run(const sc_request *request) {
    if (request->size > ULONG_MAX) {  // jpeg_mem_src takes an unsigned long
        sc_set_message(request->info, "input too large for jpeg_mem_src");
        return SC_STATUS_INVALID_ARGUMENT;
    }
    sc_jpeg_context *ctx = calloc(1, sizeof *ctx);
    if (ctx == NULL) {
        sc_set_message(request->info, "out of memory");
        return SC_STATUS_DECODE_ERROR;
    }
    ctx->cinfo.err = jpeg_std_error(&ctx->error.pub);
    ctx->error.pub.error_exit = sc_jpeg_error_exit;
    ctx->error.pub.emit_message = sc_jpeg_emit_message;
    ctx->error.pub.output_message = sc_jpeg_output_message;
    ctx->error.info = request->info;

    if (setjmp(ctx->error.jump) != 0) {
        // Safe on a partly created object: it checks cinfo.mem, which calloc zeroed.
        sc_status failed = ctx->error.unsupported ? SC_STATUS_UNSUPPORTED : SC_STATUS_DECODE_ERROR;
        jpeg_destroy_decompress(&ctx->cinfo);
        free(ctx);
        return failed;
    }
    sc_status status = sc_jpeg_body(ctx, request);
    jpeg_destroy_decompress(&ctx->cinfo);
    free(ctx);
    return status;
}

sc_status sc_jpeg_read_info(const uint8_t *data, size_t size, sc_image_info *info) {
    return sc_run_request(sc_jpeg_run, data, size, 0, NULL, 0, 0, info);
}

sc_status sc_jpeg_decode(const uint8_t *data, size_t size, uint64_t max_pixels,
                         uint8_t *pixels, size_t capacity, sc_image_info *info) {
    return sc_run_request(sc_jpeg_run, data, size, max_pixels, pixels, capacity, 1, info);
}

// MARK: - libpng

typedef struct sc_png_context {
    png_structp png;
    png_infop png_info;
    /// Memory cursor for png_set_read_fn.
    const uint8_t *data;
    size_t size;
    size_t offset;
    sc_image_info *info;
    /// Verification row (png_malloc), freed on every path.
    png_bytep scratch;
} sc_png_context;

/// Replaces png_default_error (print, then longjmp or abort).
static void sc_png_error(png_structp png, png_const_charp message) {
    sc_png_context *ctx = (sc_png_context *)png_get_error_ptr(png);
    sc_set_message(ctx->info, message != NULL ? message : "libpng error");
    png_longjmp(png, 1);
}

/// Replaces png_default_warning (print). Also receives benign errors, which libpng 1.6
/// downgrades to warnings when reading (an ancillary chunk's bad CRC, extra IDAT data).
static void sc_png_warning(png_structp png, png_const_charp message) {
    sc_png_context *ctx = (sc_png_context *)png_get_error_ptr(png);
    sc_note_warning(ctx->info, message != NULL ? message : "libpng warning");
}

/// Reads from the memory cursor; asking for more than remains is an error, never a short
/// or out-of-bounds read.
static void sc_png_read_data(png_structp png, png_bytep out, size_t length) {
    sc_png_context *ctx = (sc_png_context *)png_get_io_ptr(png);
    if (length > ctx->size - ctx->offset) {
        png_error(png, "unexpected end of PNG data");
    }
    memcpy(out, ctx->data + ctx->offset, length);
    ctx->offset += length;
}

static int32_t sc_png_color_model(int color_type) {
    switch (color_type) {
    case PNG_COLOR_TYPE_GRAY: return SC_COLOR_GRAY;
    case PNG_COLOR_TYPE_GRAY_ALPHA: return SC_COLOR_GRAY_ALPHA;
    case PNG_COLOR_TYPE_RGB: return SC_COLOR_RGB;
    case PNG_COLOR_TYPE_RGB_ALPHA: return SC_COLOR_RGBA;
    case PNG_COLOR_TYPE_PALETTE: return SC_COLOR_PALETTE;
    default: return SC_COLOR_UNKNOWN;
    }
}

/// Fills the source fields from IHDR and predicts the layout png_set_expand produces:
/// palette -> RGB, gray < 8 bits -> 8 bits, tRNS -> an alpha channel, 16 bits kept.
/// Predicting (instead of calling png_read_update_info) keeps the header call from
/// allocating row buffers sized by an unchecked width.
static void sc_png_fill_info(png_structp png, png_infop png_info, sc_image_info *info) {
    png_uint_32 width = 0;
    png_uint_32 height = 0;
    int bit_depth = 0;
    int color_type = 0;
    int interlace = 0;
    png_get_IHDR(png, png_info, &width, &height, &bit_depth, &color_type, &interlace, NULL,
                 NULL);
    const int has_trns = png_get_valid(png, png_info, PNG_INFO_tRNS) != 0;

    uint32_t channels = 0;
    switch (color_type) {
    case PNG_COLOR_TYPE_GRAY: channels = has_trns ? 2 : 1; break;
    case PNG_COLOR_TYPE_GRAY_ALPHA: channels = 2; break;
    case PNG_COLOR_TYPE_RGB: channels = has_trns ? 4 : 3; break;
    case PNG_COLOR_TYPE_RGB_ALPHA: channels = 4; break;
    case PNG_COLOR_TYPE_PALETTE: channels = has_trns ? 4 : 3; break;
    default: channels = png_get_channels(png, png_info); break;
    }
    const uint32_t output_bits = bit_depth == 16 ? 16 : 8;

    info->width = width;
    info->height = height;
    info->color_model = sc_png_color_model(color_type);
    info->source_bits_per_sample = (uint32_t)bit_depth;
    info->source_channels = png_get_channels(png, png_info);
    info->progressive_or_interlaced = interlace == PNG_INTERLACE_ADAM7 ? 1 : 0;
    info->arithmetic_coding = 0;
    info->output_channels = channels;
    info->output_bits_per_sample = output_bits;
    // width < 2^31, channels <= 4, bytes per sample <= 2: no overflow in 64 bits.
    info->output_row_bytes = (uint64_t)width * channels * (output_bits / 8);
    info->header_valid = 1;
}

static sc_status sc_png_body(sc_png_context *ctx, const sc_request *request) {
    png_structp png = ctx->png;
    png_infop png_info = ctx->png_info;
    sc_image_info *info = request->info;

    png_set_read_fn(png, ctx, sc_png_read_data);
    // The per-dimension limit cannot express a pixel budget, so it is set to the spec's
    // maximum (libpng's default of 1,000,000 would reject legal long strips); max_pixels
    // is enforced on the product right after IHDR, before any row buffer exists.
    png_set_user_limits(png, PNG_UINT_31_MAX, PNG_UINT_31_MAX);
    png_set_chunk_cache_max(png, SC_PNG_CHUNK_CACHE_MAX);
    png_set_chunk_malloc_max(png, SC_PNG_CHUNK_MALLOC_MAX);
    // Skip (after checking the CRC) unknown ancillary chunks and text chunks: pixels do not
    // depend on them, and a zTXt/iTXt need not be inflated just to be thrown away.
    static const png_byte text_chunks[] = "tEXt\0zTXt\0iTXt";
    png_set_keep_unknown_chunks(png, PNG_HANDLE_CHUNK_NEVER, NULL, 0);
    png_set_keep_unknown_chunks(png, PNG_HANDLE_CHUNK_NEVER, text_chunks, 3);

    png_read_info(png, png_info);
    sc_png_fill_info(png, png_info, info);
    if (!request->decode) {
        return SC_STATUS_OK;
    }
    if (sc_exceeds_pixel_limit(info->width, info->height, request->max_pixels, info)) {
        return SC_STATUS_LIMIT_EXCEEDED;
    }
    const uint64_t row_bytes = info->output_row_bytes;
    if (request->pixels != NULL
        && sc_exceeds_capacity(info->height, row_bytes, request->capacity, info)) {
        return SC_STATUS_BUFFER_TOO_SMALL;
    }

    png_set_expand(png);
    const int passes = png_set_interlace_handling(png);
    png_read_update_info(png, png_info);
    if (png_get_rowbytes(png, png_info) != row_bytes
        || png_get_channels(png, png_info) != info->output_channels
        || (uint32_t)png_get_bit_depth(png, png_info) != info->output_bits_per_sample) {
        sc_set_message(info, "libpng output layout differs from the one derived from IHDR");
        return SC_STATUS_DECODE_ERROR;
    }

    if (request->pixels == NULL) {
        ctx->scratch = png_malloc(png, (png_alloc_size_t)row_bytes);
    }
    for (int pass = 0; pass < passes; pass += 1) {
        for (png_uint_32 y = 0; y < info->height; y += 1) {
            png_bytep row = ctx->scratch != NULL
                ? ctx->scratch
                : request->pixels + (size_t)y * (size_t)row_bytes;
            // With interlace handling, every pass visits every row; rows outside the pass
            // return without touching `row`, and pass pixels are merged into it.
            png_read_row(png, row, NULL);
            if (pass == passes - 1) {
                info->rows_decoded = y + 1;
            }
        }
    }
    // Verifies the rest of the stream: trailing IDAT data, later chunks' CRCs, IEND.
    png_read_end(png, NULL);
    return SC_STATUS_OK;
}

static void sc_png_destroy(sc_png_context *ctx) {
    if (ctx->scratch != NULL) {
        png_free(ctx->png, ctx->scratch);
        ctx->scratch = NULL;
    }
    png_destroy_read_struct(&ctx->png, &ctx->png_info, NULL);
    free(ctx);
}

static sc_status sc_png_run(const sc_request *request) {
    sc_png_context *ctx = calloc(1, sizeof *ctx);
    if (ctx == NULL) {
        sc_set_message(request->info, "out of memory");
        return SC_STATUS_DECODE_ERROR;
    }
    ctx->data = request->data;
    ctx->size = request->size;
    ctx->info = request->info;
    ctx->png = png_create_read_struct(PNG_LIBPNG_VER_STRING, ctx, sc_png_error, sc_png_warning);
    if (ctx->png == NULL) {
        // Creation failures (out of memory, library version mismatch) return NULL.
        if (request->info->message[0] == '\0') {
            sc_set_message(request->info, "png_create_read_struct failed");
        }
        free(ctx);
        return SC_STATUS_DECODE_ERROR;
    }
    ctx->png_info = png_create_info_struct(ctx->png);
    if (ctx->png_info == NULL) {
        sc_set_message(request->info, "png_create_info_struct failed");
        sc_png_destroy(ctx);
        return SC_STATUS_DECODE_ERROR;
    }

    if (setjmp(png_jmpbuf(ctx->png)) != 0) {
        sc_png_destroy(ctx);
        return SC_STATUS_DECODE_ERROR;
    }
    sc_status status = sc_png_body(ctx, request);
    sc_png_destroy(ctx);
    return status;
}

sc_status sc_png_read_info(const uint8_t *data, size_t size, sc_image_info *info) {
    return sc_run_request(sc_png_run, data, size, 0, NULL, 0, 0, info);
}

sc_status sc_png_decode(const uint8_t *data, size_t size, uint64_t max_pixels,
                        uint8_t *pixels, size_t capacity, sc_image_info *info) {
    return sc_run_request(sc_png_run, data, size, max_pixels, pixels, capacity, 1, info);
}

// MARK: - libjpeg coefficients

/// Arguments of `sc_jpeg_read_coefficients`, passed by pointer like `sc_request`.
typedef struct sc_coefficient_request {
    const uint8_t *data;
    size_t size;
    uint64_t max_pixels;
    int16_t *coefficients;
    size_t capacity;
    sc_coefficient_layout *layout;
    sc_image_info *info;
} sc_coefficient_request;

static sc_status sc_jpeg_coefficient_body(sc_jpeg_context *ctx, const sc_coefficient_request *request) {
    j_decompress_ptr cinfo = &ctx->cinfo;
    sc_image_info *info = request->info;
    sc_coefficient_layout *layout = request->layout;

    jpeg_create_decompress(cinfo);
    cinfo->mem->max_memory_to_use = SC_JPEG_HEADER_MEMORY;
    ctx->progress.progress_monitor = sc_jpeg_progress_monitor;
    cinfo->progress = &ctx->progress;
    jpeg_mem_src(cinfo, request->data, (unsigned long)request->size);
    if (jpeg_read_header(cinfo, TRUE) != JPEG_HEADER_OK) {
        sc_set_message(info, "JPEG holds tables only, no image");
        return SC_STATUS_DECODE_ERROR;
    }
    info->width = cinfo->image_width;
    info->height = cinfo->image_height;
    info->color_model = sc_jpeg_color_model(cinfo->jpeg_color_space);
    info->source_bits_per_sample = (uint32_t)cinfo->data_precision;
    info->source_channels = (uint32_t)cinfo->num_components;
    info->progressive_or_interlaced = cinfo->progressive_mode ? 1 : 0;
    info->arithmetic_coding = cinfo->arith_code ? 1 : 0;
    info->lossy = 1;
    info->header_valid = 1;
    if (cinfo->num_components < 1 || cinfo->num_components > SC_MAX_COEFFICIENT_COMPONENTS) {
        sc_set_message(info, "unsupported number of JPEG components for coefficient reading");
        return SC_STATUS_DECODE_ERROR;
    }
    if (sc_exceeds_pixel_limit(cinfo->image_width, cinfo->image_height, request->max_pixels, info)) {
        return SC_STATUS_LIMIT_EXCEEDED;
    }
    // jpeg_read_header ran initial_setup (jdinput.c): block geometry and sampling are known.
    layout->components = (uint32_t)cinfo->num_components;
    layout->max_h_samp = (uint32_t)cinfo->max_h_samp_factor;
    layout->max_v_samp = (uint32_t)cinfo->max_v_samp_factor;
    uint64_t total = 0;
    for (int ci = 0; ci < cinfo->num_components; ci++) {
        const jpeg_component_info *comp = &cinfo->comp_info[ci];
        layout->width_in_blocks[ci] = comp->width_in_blocks;
        layout->height_in_blocks[ci] = comp->height_in_blocks;
        layout->h_samp[ci] = (uint32_t)comp->h_samp_factor;
        layout->v_samp[ci] = (uint32_t)comp->v_samp_factor;
        layout->quant_dc[ci] = 0;
        // Blocks per component fit in 2^32 * 2^32; the pixel limit bounds them far lower.
        total += (uint64_t)comp->width_in_blocks * (uint64_t)comp->height_in_blocks;
    }
    layout->total_blocks = total;
    if (request->coefficients == NULL) {
        return SC_STATUS_OK;
    }
    if (total > (uint64_t)request->capacity / DCTSIZE2) {
        sc_set_message(info, "coefficient buffer is smaller than blocks * 64");
        return SC_STATUS_BUFFER_TOO_SMALL;
    }
    cinfo->mem->max_memory_to_use = sc_jpeg_memory_budget(cinfo);
    jvirt_barray_ptr *arrays = jpeg_read_coefficients(cinfo);
    if (arrays == NULL) {
        sc_set_message(info, "libjpeg returned no coefficient arrays");
        return SC_STATUS_DECODE_ERROR;
    }
    size_t out = 0;
    for (int ci = 0; ci < cinfo->num_components; ci++) {
        const jpeg_component_info *comp = &cinfo->comp_info[ci];
        if (comp->width_in_blocks != layout->width_in_blocks[ci]
            || comp->height_in_blocks != layout->height_in_blocks[ci]) {
            sc_set_message(info, "libjpeg changed the block geometry after the header");
            return SC_STATUS_DECODE_ERROR;
        }
        if (comp->quant_table != NULL) {
            layout->quant_dc[ci] = comp->quant_table->quantval[0];
        }
        for (JDIMENSION row = 0; row < comp->height_in_blocks; row++) {
            JBLOCKARRAY rows = (*cinfo->mem->access_virt_barray)((j_common_ptr)cinfo, arrays[ci], row, 1, FALSE);
            JBLOCKROW blocks = rows[0];
            for (JDIMENSION column = 0; column < comp->width_in_blocks; column++) {
                for (int k = 0; k < DCTSIZE2; k++) {
                    request->coefficients[out++] = (int16_t)blocks[column][k];
                }
            }
        }
    }
    jpeg_finish_decompress(cinfo);
    return SC_STATUS_OK;
}

static sc_status sc_jpeg_coefficient_run(const sc_coefficient_request *request) {
    if (request->size > ULONG_MAX) {
        sc_set_message(request->info, "input too large for jpeg_mem_src");
        return SC_STATUS_INVALID_ARGUMENT;
    }
    sc_jpeg_context *ctx = calloc(1, sizeof *ctx);
    if (ctx == NULL) {
        sc_set_message(request->info, "out of memory");
        return SC_STATUS_DECODE_ERROR;
    }
    ctx->cinfo.err = jpeg_std_error(&ctx->error.pub);
    ctx->error.pub.error_exit = sc_jpeg_error_exit;
    ctx->error.pub.emit_message = sc_jpeg_emit_message;
    ctx->error.pub.output_message = sc_jpeg_output_message;
    ctx->error.info = request->info;

    if (setjmp(ctx->error.jump) != 0) {
        sc_status failed = ctx->error.unsupported ? SC_STATUS_UNSUPPORTED : SC_STATUS_DECODE_ERROR;
        jpeg_destroy_decompress(&ctx->cinfo);
        free(ctx);
        return failed;
    }
    sc_status status = sc_jpeg_coefficient_body(ctx, request);
    jpeg_destroy_decompress(&ctx->cinfo);
    free(ctx);
    return status;
}

sc_status sc_jpeg_read_coefficients(const uint8_t *data, size_t size, uint64_t max_pixels,
                                    int16_t *coefficients, size_t capacity,
                                    sc_coefficient_layout *layout, sc_image_info *info) {
    sc_status status = sc_check_arguments(data, size, info);
    if (status != SC_STATUS_OK) {
        return status;
    }
    if (layout == NULL) {
        return SC_STATUS_INVALID_ARGUMENT;
    }
    memset(layout, 0, sizeof *layout);
    const sc_coefficient_request request = {data, size, max_pixels, coefficients, capacity, layout, info};
    return sc_jpeg_coefficient_run(&request);
}
