// libtiff called directly by the benchmark: it writes the TIFF photos and is the plain-decoding
// reference for them.
#include <tiffio.h>
