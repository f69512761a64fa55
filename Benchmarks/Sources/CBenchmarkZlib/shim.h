// zlib (deflate, crc32) for the sweep benchmark's generated PNGs; the main package requires
// it already (zlib1g-dev).
#include <zlib.h>
