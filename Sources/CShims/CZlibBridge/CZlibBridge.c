#include "CZlibBridge.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

int ccg_gunzip(const uint8_t *input, size_t length, size_t limit, uint8_t **output, size_t *output_length) {
    size_t total = 0;
    return ccg_gunzip_keep(input, length, limit, limit, output, output_length, &total);
}

int ccg_gunzip_keep(const uint8_t *input, size_t length, size_t limit, size_t keep, uint8_t **output, size_t *output_length,
                    size_t *total_length) {
    *output = NULL;
    *output_length = 0;
    *total_length = 0;
    if (keep > limit) keep = limit;
    z_stream stream;
    memset(&stream, 0, sizeof stream);
    // 15 + 32: the largest window, and detect gzip or zlib headers automatically.
    if (inflateInit2(&stream, 15 + 32) != Z_OK) return CCG_GUNZIP_NO_MEMORY;
    size_t capacity = length * 4 + 4096;
    if (capacity > keep) capacity = keep;
    if (capacity == 0) capacity = 1;
    // What is inflated past `keep` goes through this and is only counted, so that the limit still holds.
    const size_t scratchSize = 1 << 16;
    uint8_t *buffer = malloc(capacity);
    uint8_t *scratch = malloc(scratchSize);
    if (buffer == NULL || scratch == NULL) {
        free(buffer);
        free(scratch);
        inflateEnd(&stream);
        return CCG_GUNZIP_NO_MEMORY;
    }
    size_t kept = 0;
    size_t total = 0;
    size_t consumed = 0;
    int result = CCG_GUNZIP_OK;
    for (;;) {
        if (kept == capacity && capacity < keep) {
            size_t grown = capacity * 2;
            if (grown > keep) grown = keep;
            uint8_t *larger = realloc(buffer, grown);
            if (larger == NULL) {
                result = CCG_GUNZIP_NO_MEMORY;
                break;
            }
            buffer = larger;
            capacity = grown;
        }
        int keeping = kept < capacity;
        uint8_t *out = keeping ? buffer + kept : scratch;
        size_t room = keeping ? capacity - kept : scratchSize;
        size_t available = length - consumed;
        stream.next_in = (Bytef *)(input + consumed);
        stream.avail_in = available > UINT32_MAX ? UINT32_MAX : (uInt)available;
        stream.next_out = out;
        stream.avail_out = room > UINT32_MAX ? UINT32_MAX : (uInt)room;
        uInt inBefore = stream.avail_in, outBefore = stream.avail_out;
        int status = inflate(&stream, Z_NO_FLUSH);
        consumed += inBefore - stream.avail_in;
        size_t made = outBefore - stream.avail_out;
        total += made;
        if (keeping) kept += made;
        if (total > limit) {
            result = CCG_GUNZIP_TOO_LARGE;
            break;
        }
        if (status == Z_STREAM_END) {
            // Another gzip member may follow (`cat a.gz b.gz`); trailing zero padding is ignored.
            while (consumed < length && input[consumed] == 0) consumed++;
            if (consumed + 2 <= length && input[consumed] == 0x1f && input[consumed + 1] == 0x8b) {
                if (inflateReset(&stream) != Z_OK) {
                    result = CCG_GUNZIP_CORRUPT;
                    break;
                }
                continue;
            }
            break;
        }
        if (status == Z_BUF_ERROR && consumed == length) {
            result = CCG_GUNZIP_TRUNCATED;
            break;
        }
        if (status != Z_OK && status != Z_BUF_ERROR) {
            result = status == Z_MEM_ERROR ? CCG_GUNZIP_NO_MEMORY : CCG_GUNZIP_CORRUPT;
            break;
        }
        if (status == Z_OK && consumed == length && stream.avail_out > 0) {
            result = CCG_GUNZIP_TRUNCATED;
            break;
        }
    }
    inflateEnd(&stream);
    free(scratch);
    if (result == CCG_GUNZIP_OK || result == CCG_GUNZIP_TRUNCATED) {
        *output = buffer;
        *output_length = kept;
        *total_length = total;
    } else {
        free(buffer);
    }
    return result;
}

void ccg_gunzip_free(uint8_t *output) { free(output); }
