// libfuzzy (ssdeep); Debian's libfuzzy-dev ships no pkg-config file.
#include <fuzzy.h>
