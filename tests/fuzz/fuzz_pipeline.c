/*
 * fuzz_pipeline.c — libFuzzer harness over the whole pipeline: the input bytes are the text of
 * one document (any bytes: invalid UTF-8, NUL, no terminator) run through feit_process and
 * feit_result_write in all three modes; fuzz_common.h checks spans, sentence indexes and that
 * every output line is a JSON object (jansson). Build and run: `make fuzz` (scripts/fuzz);
 * replayed on tests/fuzz/corpus and tests/fuzz/regressions by tests/sh/robust-fuzz-replay.sh.
 */
#include "fuzz_common.h"

#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* a copy of exactly size bytes, so ASan sees any read past the end of the text */
    char *text = malloc(size ? size : 1);
    if (!text)
        return 0;
    if (size)
        memcpy(text, data, size);
    fz_run_doc("fuzz", text, size, NULL);
    free(text);
    return 0;
}
