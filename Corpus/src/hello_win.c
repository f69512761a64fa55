/* Benign Windows console program for the StegCarve corpus: prints one line and exits 0. */
#include <stdio.h>

int main(void)
{
    puts("StegCarve corpus: benign Windows hello (PE).");
    return 0;
}
