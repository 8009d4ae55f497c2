// libFuzzer's driver, which `pm-fuzz` calls from its own main when built with -sanitize=fuzzer (`make fuzz`).
// Only declared here: the normal build never references it, and libclang_rt.fuzzer defines it in a fuzzing build.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
