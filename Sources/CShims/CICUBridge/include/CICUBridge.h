#ifndef CCG_ICU_BRIDGE_H
#define CCG_ICU_BRIDGE_H
// A deliberately narrow C surface over ICU. Only <stdint.h> types and an opaque handle appear here,
// so Swift modules that import Foundation never see system ICU's types (see shared notes: the two ICUs
// define UErrorCode etc. differently). ICU's versioned symbol names stay inside the .c file.
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// A word and a sentence break iterator for one locale, opened once and reused per worker thread.
typedef struct ccg_breaker ccg_breaker;

/// Opens both iterators. Returns NULL and sets *error (an ICU error code) on failure.
ccg_breaker *ccg_breaker_open(const char *locale, int32_t *error);
void ccg_breaker_close(ccg_breaker *breaker);

/// Points both iterators at `text` (UTF-16, not copied: it must outlive the iteration calls).
int32_t ccg_breaker_set_text(ccg_breaker *breaker, const uint16_t *text, int32_t length);

/// Word boundaries after the start: writes each boundary offset and its rule status
/// (UBRK_WORD_* ranges: <100 none, 100..199 number, 200..299 letter, 300..399 kana, 400..499 ideo).
/// Returns the number written; stops at `capacity`.
int32_t ccg_breaker_words(ccg_breaker *breaker, int32_t *ends, int32_t *statuses, int32_t capacity);

/// Sentence boundaries after the start (the last one is the text length). Returns the number written.
int32_t ccg_breaker_sentences(ccg_breaker *breaker, int32_t *ends, int32_t capacity);

/// NFKC_Casefold of `source` into `destination`. Returns the length needed; if it exceeds `capacity`
/// nothing useful was written and the caller retries with a larger buffer. Sets *error on failure.
int32_t ccg_fold(const uint16_t *source, int32_t length, uint16_t *destination, int32_t capacity, int32_t *error);

/// NFC of `source`; same buffer protocol as ccg_fold.
int32_t ccg_nfc(const uint16_t *source, int32_t length, uint16_t *destination, int32_t capacity, int32_t *error);
/// NFD of `source` (characters decomposed into base and combining marks); same buffer protocol as ccg_fold.
int32_t ccg_nfd(const uint16_t *source, int32_t length, uint16_t *destination, int32_t capacity, int32_t *error);
/// 1 when the text is certainly in NFC already (ICU's quick check answers "yes" for all of it), else 0.
int32_t ccg_is_nfc(const uint16_t *source, int32_t length);

/// The twelve Gregorian month names of `locale` in one form (`form`: 0 wide, 1 abbreviated, 2 wide
/// standalone, 3 abbreviated standalone), from ICU's locale data: written one after another into
/// `buffer` (UTF-16), `ends[i]` the end of month i + 1. Returns the number of months written (12, or 0
/// on failure, with *error set).
int32_t ccg_month_names(const char *locale, int32_t form, uint16_t *buffer, int32_t capacity, int32_t *ends, int32_t *error);

/// The ICU version string, e.g. "72.1".
void ccg_icu_version(char *buffer, int32_t capacity);

/// A readable name for an ICU error code.
const char *ccg_icu_error_name(int32_t error);

#ifdef __cplusplus
}
#endif
#endif
