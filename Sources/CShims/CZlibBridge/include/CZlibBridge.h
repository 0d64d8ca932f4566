#ifndef CCG_ZLIB_BRIDGE_H
#define CCG_ZLIB_BRIDGE_H
// zlib's inflateInit2 is a function-like macro Swift cannot call; this one function wraps it.
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Result codes of ccg_gunzip.
enum {
    CCG_GUNZIP_OK = 0,
    CCG_GUNZIP_CORRUPT = 1,   ///< not gzip/zlib data, or a damaged stream
    CCG_GUNZIP_TOO_LARGE = 2, ///< the output would exceed `limit` bytes (a decompression bomb, or a huge file)
    CCG_GUNZIP_TRUNCATED = 3, ///< the stream ended early; what was decoded is returned
    CCG_GUNZIP_NO_MEMORY = 4,
};

/// Decompresses a gzip stream (concatenated members included) into a buffer allocated with malloc,
/// which the caller frees with ccg_gunzip_free. Never writes more than `limit` bytes.
int ccg_gunzip(const uint8_t *input, size_t length, size_t limit, uint8_t **output, size_t *output_length);
/// As ccg_gunzip, keeping only the first `keep` bytes: the rest is inflated and counted (`total_length`,
/// which `limit` bounds) but not stored, so that memory is bounded by `keep`.
int ccg_gunzip_keep(const uint8_t *input, size_t length, size_t limit, size_t keep, uint8_t **output, size_t *output_length,
                    size_t *total_length);
void ccg_gunzip_free(uint8_t *output);

#ifdef __cplusplus
}
#endif
#endif
