// libjpeg called directly by the benchmark: it writes the synthetic photos as JPEG and is the
// plain-decoding reference the JPEG stego stage is compared with. jpeglib.h needs stdio.h and
// stddef.h first.
#include <stddef.h>
#include <stdio.h>
#include <jpeglib.h>
