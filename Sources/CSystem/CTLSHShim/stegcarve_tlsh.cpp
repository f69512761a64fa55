// The only C++ in StegCarve: libtlsh exposes just the `Tlsh` class, so this file gives Swift
// one C function over it. No exception crosses the boundary (libtlsh throws none).
#include "stegcarve_tlsh.h"

#include <cstring>
#include <tlsh.h>

extern "C" int stegcarve_tlsh(const unsigned char *data, size_t length, char digest[STEGCARVE_TLSH_BUFFER_LENGTH]) {
    digest[0] = '\0';
    // Tlsh::update takes an unsigned int length.
    if (length < MIN_DATA_LENGTH || length > 0xFFFFFFFFu) return 0;
    Tlsh tlsh;
    tlsh.update(data, static_cast<unsigned int>(length));
    tlsh.final();
    char buffer[TLSH_STRING_BUFFER_LEN];
    const char *hash = tlsh.getHash(buffer, sizeof buffer);
    if (hash == NULL || hash[0] == '\0' || std::strlen(hash) >= STEGCARVE_TLSH_BUFFER_LENGTH) return 0;
    std::strcpy(digest, hash);
    return 1;
}
