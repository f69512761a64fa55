// Helpers every library wrapper of the shim shares (declared in stegcarve_internal.h).

#include "stegcarve_internal.h"

#include <stdio.h>
#include <string.h>

void sc_set_message(sc_image_info *info, const char *text) {
    size_t length = 0;
    while (length < SC_MESSAGE_CAPACITY - 1 && text[length] != '\0') {
        length += 1;
    }
    memcpy(info->message, text, length);
    info->message[length] = '\0';
}

void sc_note_warning(sc_image_info *info, const char *text) {
    if (info->warning_count < UINT32_MAX) {
        info->warning_count += 1;
    }
    if (info->message[0] == '\0') {
        sc_set_message(info, text);
    }
}

/// Common argument checks; zeroes `info` so every outcome starts from a known state.
sc_status sc_check_arguments(const uint8_t *data, size_t size, sc_image_info *info) {
    if (info == NULL) {
        return SC_STATUS_INVALID_ARGUMENT;
    }
    memset(info, 0, sizeof *info);
    if (data == NULL || size == 0) {
        sc_set_message(info, "no input data");
        return SC_STATUS_INVALID_ARGUMENT;
    }
    return SC_STATUS_OK;
}

sc_status sc_run_request(sc_status (*run)(const sc_request *request), const uint8_t *data, size_t size,
                         uint64_t max_pixels, uint8_t *pixels, size_t capacity, int decode,
                         sc_image_info *info) {
    sc_status status = sc_check_arguments(data, size, info);
    if (status != SC_STATUS_OK) {
        return status;
    }
    const sc_request request = {data, size, max_pixels, pixels, capacity, decode, info};
    return run(&request);
}

/// True (and a message) when `width * height > max_pixels`; written as a division so the
/// product is never formed.
int sc_exceeds_pixel_limit(uint64_t width, uint64_t height, uint64_t max_pixels,
                                  sc_image_info *info) {
    if (height != 0 && width > max_pixels / height) {
        char text[SC_MESSAGE_CAPACITY];
        snprintf(text, sizeof text, "image is %llux%llu pixels, limit is %llu pixels",
                 (unsigned long long)width, (unsigned long long)height,
                 (unsigned long long)max_pixels);
        sc_set_message(info, text);
        return 1;
    }
    return 0;
}

/// True (and a message) when `rows * row_bytes` does not fit in `capacity`.
int sc_exceeds_capacity(uint64_t rows, uint64_t row_bytes, size_t capacity,
                               sc_image_info *info) {
    if (row_bytes != 0 && rows > (uint64_t)capacity / row_bytes) {
        sc_set_message(info, "output buffer is smaller than height * row bytes");
        return 1;
    }
    return 0;
}
