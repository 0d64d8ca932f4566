#include "CZlibBridge.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

int ccg_gunzip(const uint8_t *input, size_t length, size_t limit, uint8_t **output, size_t *output_length) {
    *output = NULL;
    *output_length = 0;
    z_stream stream;
    memset(&stream, 0, sizeof stream);
    // 15 + 32: the largest window, and detect gzip or zlib headers automatically.
    if (inflateInit2(&stream, 15 + 32) != Z_OK) return CCG_GUNZIP_NO_MEMORY;
    size_t capacity = length * 4 + 4096;
    if (capacity > limit + 1) capacity = limit + 1;
    uint8_t *buffer = malloc(capacity);
    if (buffer == NULL) {
        inflateEnd(&stream);
        return CCG_GUNZIP_NO_MEMORY;
    }
    size_t produced = 0;
    size_t consumed = 0;
    int result = CCG_GUNZIP_OK;
    for (;;) {
        if (produced == capacity) {
            if (capacity > limit) {
                result = CCG_GUNZIP_TOO_LARGE;
                break;
            }
            size_t grown = capacity * 2;
            if (grown > limit + 1) grown = limit + 1;
            uint8_t *larger = realloc(buffer, grown);
            if (larger == NULL) {
                result = CCG_GUNZIP_NO_MEMORY;
                break;
            }
            buffer = larger;
            capacity = grown;
        }
        size_t available = length - consumed;
        stream.next_in = (Bytef *)(input + consumed);
        stream.avail_in = available > UINT32_MAX ? UINT32_MAX : (uInt)available;
        size_t room = capacity - produced;
        stream.next_out = buffer + produced;
        stream.avail_out = room > UINT32_MAX ? UINT32_MAX : (uInt)room;
        uInt inBefore = stream.avail_in, outBefore = stream.avail_out;
        int status = inflate(&stream, Z_NO_FLUSH);
        consumed += inBefore - stream.avail_in;
        produced += outBefore - stream.avail_out;
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
    if (produced > limit) produced = limit;
    if (result == CCG_GUNZIP_OK || result == CCG_GUNZIP_TRUNCATED) {
        *output = buffer;
        *output_length = produced;
    } else {
        free(buffer);
    }
    return result;
}

void ccg_gunzip_free(uint8_t *output) { free(output); }
