// libwebp called directly by the benchmark: it writes the lossless WebP photos and is the
// plain-decoding reference for them.
#include <webp/encode.h>
#include <webp/decode.h>
