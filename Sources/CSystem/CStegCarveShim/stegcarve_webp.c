// libwebp behind the shim's contract (see stegcarve_shim.h). libwebp reports every failure
// as a VP8StatusCode and never prints or exits, so this file only translates statuses and
// bounds the output buffer; WebP's own format caps each side at 16,383 pixels.

#include "stegcarve_shim.h"
#include "stegcarve_internal.h"

#include <stdio.h>
#include <string.h>

#include <webp/decode.h>

/// Longest side of the picture a verification decodes into (the bitstream is read whole).
enum { SC_WEBP_VERIFY_SIDE = 64 };

static const char *sc_webp_status_text(VP8StatusCode status) {
    switch (status) {
    case VP8_STATUS_OK: return "ok";
    case VP8_STATUS_OUT_OF_MEMORY: return "out of memory";
    case VP8_STATUS_INVALID_PARAM: return "invalid parameter";
    case VP8_STATUS_BITSTREAM_ERROR: return "bitstream error";
    case VP8_STATUS_UNSUPPORTED_FEATURE: return "unsupported feature";
    case VP8_STATUS_SUSPENDED: return "suspended";
    case VP8_STATUS_USER_ABORT: return "aborted";
    case VP8_STATUS_NOT_ENOUGH_DATA: return "not enough data (truncated)";
    default: return "unknown status";
    }
}

static void sc_webp_fail(sc_image_info *info, const char *stage, VP8StatusCode status) {
    char text[SC_MESSAGE_CAPACITY];
    snprintf(text, sizeof text, "libwebp %s: %s", stage, sc_webp_status_text(status));
    sc_set_message(info, text);
}

/// Reads the features and fills the header fields; animated pictures are unsupported.
static sc_status sc_webp_read_features(const uint8_t *data, size_t size, WebPBitstreamFeatures *features,
                                       sc_image_info *info) {
    VP8StatusCode status = WebPGetFeatures(data, size, features);
    if (status != VP8_STATUS_OK) {
        sc_webp_fail(info, "header", status);
        return SC_STATUS_DECODE_ERROR;
    }
    const uint32_t channels = features->has_alpha ? 4 : 3;
    info->width = (uint32_t)features->width;
    info->height = (uint32_t)features->height;
    info->color_model = features->has_alpha ? SC_COLOR_RGBA : SC_COLOR_RGB;
    info->source_bits_per_sample = 8;
    info->source_channels = channels;
    info->output_channels = channels;
    info->output_bits_per_sample = 8;
    // Each side is at most 16,383 (libwebp checks): no overflow.
    info->output_row_bytes = (uint64_t)info->width * channels;
    // 1 lossy (VP8), 2 lossless (VP8L), 0 mixed (animation).
    info->lossy = features->format != 2;
    info->header_valid = features->width > 0 && features->height > 0;
    if (features->has_animation) {
        sc_set_message(info, "animated WebP: frames are not decoded");
        return SC_STATUS_UNSUPPORTED;
    }
    if (!info->header_valid) {
        sc_set_message(info, "WebP with a zero dimension");
        return SC_STATUS_DECODE_ERROR;
    }
    return SC_STATUS_OK;
}

sc_status sc_webp_read_info(const uint8_t *data, size_t size, sc_image_info *info) {
    sc_status status = sc_check_arguments(data, size, info);
    if (status != SC_STATUS_OK) {
        return status;
    }
    WebPBitstreamFeatures features;
    return sc_webp_read_features(data, size, &features, info);
}

sc_status sc_webp_decode(const uint8_t *data, size_t size, uint64_t max_pixels,
                         uint8_t *pixels, size_t capacity, sc_image_info *info) {
    sc_status status = sc_check_arguments(data, size, info);
    if (status != SC_STATUS_OK) {
        return status;
    }
    WebPDecoderConfig config;
    if (!WebPInitDecoderConfig(&config)) {
        sc_set_message(info, "libwebp version mismatch");
        return SC_STATUS_DECODE_ERROR;
    }
    status = sc_webp_read_features(data, size, &config.input, info);
    if (status != SC_STATUS_OK) {
        return status;
    }
    if (sc_exceeds_pixel_limit(info->width, info->height, max_pixels, info)) {
        return SC_STATUS_LIMIT_EXCEEDED;
    }
    config.output.colorspace = config.input.has_alpha ? MODE_RGBA : MODE_RGB;
    if (pixels != NULL) {
        if (sc_exceeds_capacity(info->height, info->output_row_bytes, capacity, info)) {
            return SC_STATUS_BUFFER_TOO_SMALL;
        }
        config.output.is_external_memory = 1;
        config.output.u.RGBA.rgba = pixels;
        config.output.u.RGBA.stride = (int)info->output_row_bytes;
        config.output.u.RGBA.size = (size_t)(info->height * info->output_row_bytes);
    } else {
        // Scaled output keeps the verification buffer small; every byte is still decoded.
        const uint32_t longest = info->width > info->height ? info->width : info->height;
        if (longest > SC_WEBP_VERIFY_SIDE) {
            config.options.use_scaling = 1;
            config.options.scaled_width = (int)((uint64_t)info->width * SC_WEBP_VERIFY_SIDE / longest);
            config.options.scaled_height = (int)((uint64_t)info->height * SC_WEBP_VERIFY_SIDE / longest);
            if (config.options.scaled_width < 1) config.options.scaled_width = 1;
            if (config.options.scaled_height < 1) config.options.scaled_height = 1;
        }
    }
    VP8StatusCode decoded = WebPDecode(data, size, &config);
    WebPFreeDecBuffer(&config.output);
    if (decoded != VP8_STATUS_OK) {
        sc_webp_fail(info, "decode", decoded);
        return SC_STATUS_DECODE_ERROR;
    }
    info->rows_decoded = info->height;
    return SC_STATUS_OK;
}
