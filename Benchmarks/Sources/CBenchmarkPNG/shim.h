// libpng's simplified API, called directly by the benchmark: it writes the synthetic photos
// and is the plain-decoding reference the stego sweep is compared with.
#include <png.h>
