#include "CICUBridge.h"
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <unicode/utypes.h>
#include <unicode/ubrk.h>
#include <unicode/unorm2.h>
#include <unicode/uversion.h>
#include <unicode/udat.h>

struct ccg_breaker {
    UBreakIterator *words;
    UBreakIterator *sentences;
};

ccg_breaker *ccg_breaker_open(const char *locale, int32_t *error) {
    UErrorCode status = U_ZERO_ERROR;
    ccg_breaker *breaker = calloc(1, sizeof(ccg_breaker));
    if (!breaker) { *error = U_MEMORY_ALLOCATION_ERROR; return NULL; }
    breaker->words = ubrk_open(UBRK_WORD, locale, NULL, 0, &status);
    if (U_FAILURE(status)) { *error = status; ccg_breaker_close(breaker); return NULL; }
    // "@ss=standard" turns on ICU's sentence-break suppressions for abbreviations ("Mr.", "e.g.").
    char sentenceLocale[96];
    snprintf(sentenceLocale, sizeof sentenceLocale, "%s@ss=standard", locale ? locale : "en");
    breaker->sentences = ubrk_open(UBRK_SENTENCE, sentenceLocale, NULL, 0, &status);
    if (U_FAILURE(status)) { *error = status; ccg_breaker_close(breaker); return NULL; }
    *error = U_ZERO_ERROR;
    return breaker;
}

void ccg_breaker_close(ccg_breaker *breaker) {
    if (!breaker) return;
    if (breaker->words) ubrk_close(breaker->words);
    if (breaker->sentences) ubrk_close(breaker->sentences);
    free(breaker);
}

int32_t ccg_breaker_set_text(ccg_breaker *breaker, const uint16_t *text, int32_t length) {
    UErrorCode status = U_ZERO_ERROR;
    ubrk_setText(breaker->words, (const UChar *)text, length, &status);
    if (U_FAILURE(status)) return status;
    ubrk_setText(breaker->sentences, (const UChar *)text, length, &status);
    return U_FAILURE(status) ? status : 0;
}

int32_t ccg_breaker_words(ccg_breaker *breaker, int32_t *ends, int32_t *statuses, int32_t capacity) {
    int32_t count = 0;
    ubrk_first(breaker->words);
    for (int32_t end = ubrk_next(breaker->words); end != UBRK_DONE && count < capacity; end = ubrk_next(breaker->words)) {
        ends[count] = end;
        statuses[count] = ubrk_getRuleStatus(breaker->words);
        count++;
    }
    return count;
}

int32_t ccg_breaker_sentences(ccg_breaker *breaker, int32_t *ends, int32_t capacity) {
    int32_t count = 0;
    ubrk_first(breaker->sentences);
    for (int32_t end = ubrk_next(breaker->sentences); end != UBRK_DONE && count < capacity; end = ubrk_next(breaker->sentences)) {
        ends[count++] = end;
    }
    return count;
}

static int32_t normalize_with(const UNormalizer2 *normalizer, UErrorCode status, const uint16_t *source, int32_t length,
                              uint16_t *destination, int32_t capacity, int32_t *error) {
    if (U_FAILURE(status)) { *error = status; return 0; }
    int32_t needed = unorm2_normalize(normalizer, (const UChar *)source, length, (UChar *)destination, capacity, &status);
    if (status == U_BUFFER_OVERFLOW_ERROR || status == U_STRING_NOT_TERMINATED_WARNING) status = U_ZERO_ERROR;
    *error = U_FAILURE(status) ? status : 0;
    return needed;
}

int32_t ccg_fold(const uint16_t *source, int32_t length, uint16_t *destination, int32_t capacity, int32_t *error) {
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *normalizer = unorm2_getNFKCCasefoldInstance(&status);
    return normalize_with(normalizer, status, source, length, destination, capacity, error);
}

int32_t ccg_nfc(const uint16_t *source, int32_t length, uint16_t *destination, int32_t capacity, int32_t *error) {
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *normalizer = unorm2_getNFCInstance(&status);
    return normalize_with(normalizer, status, source, length, destination, capacity, error);
}

int32_t ccg_nfd(const uint16_t *source, int32_t length, uint16_t *destination, int32_t capacity, int32_t *error) {
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *normalizer = unorm2_getNFDInstance(&status);
    return normalize_with(normalizer, status, source, length, destination, capacity, error);
}

int32_t ccg_is_nfc(const uint16_t *source, int32_t length) {
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *normalizer = unorm2_getNFCInstance(&status);
    if (U_FAILURE(status)) return 0;
    int32_t span = unorm2_spanQuickCheckYes(normalizer, (const UChar *)source, length, &status);
    return U_SUCCESS(status) && span == length;
}

int32_t ccg_month_names(const char *locale, int32_t form, uint16_t *buffer, int32_t capacity, int32_t *ends, int32_t *error) {
    static const UDateFormatSymbolType forms[] = { UDAT_MONTHS, UDAT_SHORT_MONTHS, UDAT_STANDALONE_MONTHS, UDAT_STANDALONE_SHORT_MONTHS };
    *error = 0;
    if (form < 0 || form > 3) return 0;
    UErrorCode status = U_ZERO_ERROR;
    UDateFormat *format = udat_open(UDAT_NONE, UDAT_DEFAULT, locale, NULL, 0, NULL, 0, &status);
    if (U_FAILURE(status)) {
        *error = status;
        return 0;
    }
    int32_t used = 0;
    int32_t written = 0;
    for (int32_t month = 0; month < 12; month++) {
        status = U_ZERO_ERROR;
        int32_t length = udat_getSymbols(format, forms[form], month, (UChar *)buffer + used, capacity - used, &status);
        if (U_FAILURE(status) || used + length > capacity) {
            *error = U_FAILURE(status) ? status : U_BUFFER_OVERFLOW_ERROR;
            break;
        }
        used += length;
        ends[month] = used;
        written++;
    }
    udat_close(format);
    return written == 12 ? 12 : 0;
}

void ccg_icu_version(char *buffer, int32_t capacity) {
    UVersionInfo version;
    char text[U_MAX_VERSION_STRING_LENGTH];
    u_getVersion(version);
    u_versionToString(version, text);
    strncpy(buffer, text, (size_t)capacity - 1);
    buffer[capacity - 1] = 0;
}

const char *ccg_icu_error_name(int32_t error) { return u_errorName((UErrorCode)error); }
