/*
 * StegCarve corpus payload: a BENIGN test program.
 *
 * It prints one line and exits. It never opens a socket, never reads or
 * writes files, and never mines anything. It only *contains* strings that a
 * cryptominer typically contains, so that StegCarve's string heuristics
 * (label "cryptominer") have something to find. The strings are printed only
 * when the program is run with --show-indicators.
 *
 * The address below is a made-up string in the Monero address alphabet
 * (95 base58 characters starting with '4'); its checksum is not valid.
 * 203.0.113.7 is in TEST-NET-3 (RFC 5737) and pool.example.org is under the
 * reserved example.org domain (RFC 2606).
 */
#include <stdio.h>
#include <string.h>

static const char *const indicators[] = {
    "stratum+tcp://pool.example.org:3333",
    "48HtAQnqxQN2FmkLzf8x4TPpLkf6C82DM1GLLuTSEuWgkojQTvGwn4pdHQJRFvEbAUk4uxjwR2NumaSQ7jTnVNsy48dfCk4",
    "xmrig",
    "RandomX",
    "http://203.0.113.7/update",
};

int main(int argc, char **argv)
{
    puts("StegCarve corpus payload: benign test program, nothing to see here.");
    if (argc > 1 && strcmp(argv[1], "--show-indicators") == 0) {
        for (size_t i = 0; i < sizeof indicators / sizeof indicators[0]; i++)
            printf("indicator %zu: %s\n", i, indicators[i]);
    }
    return 0;
}
