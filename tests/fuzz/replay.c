/*
 * replay.c — a main() for the fuzz harnesses without libFuzzer: runs LLVMFuzzerTestOneInput
 * once on each file named (a crash input, a corpus file). Built with the ordinary compiler by
 * tests/sh/robust-fuzz-replay.sh, so `make test` replays tests/fuzz/regressions and the seed
 * corpus without needing clang. Prints "ok FILE" per file; a failed check aborts.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        if (!f) {
            perror(argv[i]);
            return 2;
        }
        size_t cap = 1 << 16, len = 0, n;
        uint8_t *buf = malloc(cap);
        while (buf && (n = fread(buf + len, 1, cap - len, f)) > 0) {
            len += n;
            if (len == cap) {
                uint8_t *p = realloc(buf, cap *= 2);
                if (!p)
                    free(buf);
                buf = p;
            }
        }
        int err = ferror(f);
        fclose(f);
        if (!buf || err) {
            fprintf(stderr, "%s: cannot read\n", argv[i]);
            free(buf);
            return 2;
        }
        /* exactly len bytes, as libFuzzer gives them */
        uint8_t *exact = malloc(len ? len : 1);
        if (!exact) {
            free(buf);
            return 2;
        }
        for (size_t k = 0; k < len; k++)
            exact[k] = buf[k];
        free(buf);
        LLVMFuzzerTestOneInput(exact, len);
        free(exact);
        printf("ok %s\n", argv[i]);
    }
    return 0;
}
