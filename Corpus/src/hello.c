/* StegCarve corpus: a plain hello world with no suspicious strings. */
#include <stdio.h>

int main(void)
{
    puts("Hello, world!");
    return 0;
}
