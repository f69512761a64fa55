// libjpeg's header needs stdio.h and stddef.h first.
#include <stddef.h>
#include <stdio.h>
#include <jpeglib.h>
