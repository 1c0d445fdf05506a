#include "CICU.h"
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/unorm2.h>
#include <unicode/uversion.h>
#include <unicode/utf16.h>

int32_t kensaku_normalize(const uint16_t *src, int32_t length,
                          uint16_t *dst, int32_t *srcStart, int32_t *srcEnd, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *norm = unorm2_getNFKCCasefoldInstance(&status);
    if (U_FAILURE(status)) return INT32_MIN;
    int32_t out = 0;
    int32_t i = 0;
    UChar buffer[64];
    while (i < length) {
        // Most text is already normalised: copy the span that passes the quick check as is,
        // ending it at a normalisation boundary so that the next chunk starts at one.
        status = U_ZERO_ERROR;
        int32_t end = i + unorm2_spanQuickCheckYes(norm, (const UChar *)(src + i), length - i, &status);
        if (U_FAILURE(status)) return INT32_MIN;
        while (end > i && end < length) {
            UChar32 next;
            U16_GET(src, 0, end, length, next);
            if (unorm2_hasBoundaryBefore(norm, next)) break;
            U16_BACK_1(src, i, end);
        }
        while (i < end) {
            int32_t start = i;
            UChar32 c;
            U16_NEXT(src, i, end, c);
            for (int32_t k = start; k < i; k++, out++) {
                if (out < capacity) { dst[out] = src[k]; srcStart[out] = start; srcEnd[out] = i; }
            }
        }
        if (i >= length) break;
        // A chunk runs from one normalisation boundary to the next.
        int32_t start = i;
        UChar32 c;
        U16_NEXT(src, i, length, c);
        while (i < length) {
            int32_t j = i;
            UChar32 d;
            U16_NEXT(src, j, length, d);
            if (unorm2_hasBoundaryBefore(norm, d)) break;
            i = j;
        }
        int32_t chunkLength = i - start;
        // Fast path: ASCII folds by itself.
        if (chunkLength == 1 && src[start] < 0x80) {
            if (out < capacity) {
                uint16_t u = src[start];
                if (u >= 'A' && u <= 'Z') u += 32;
                dst[out] = u; srcStart[out] = start; srcEnd[out] = i;
            }
            out++;
            continue;
        }
        status = U_ZERO_ERROR;
        int32_t n = unorm2_normalize(norm, (const UChar *)(src + start), chunkLength, buffer, 64, &status);
        if (status == U_BUFFER_OVERFLOW_ERROR || n > 64) {
            UChar *big = malloc(sizeof(UChar) * (size_t)(n + 1));
            if (!big) return INT32_MIN;
            status = U_ZERO_ERROR;
            n = unorm2_normalize(norm, (const UChar *)(src + start), chunkLength, big, n + 1, &status);
            if (U_FAILURE(status)) { free(big); return INT32_MIN; }
            for (int32_t k = 0; k < n; k++, out++) {
                if (out < capacity) { dst[out] = big[k]; srcStart[out] = start; srcEnd[out] = i; }
            }
            free(big);
            continue;
        }
        if (U_FAILURE(status)) return INT32_MIN;
        for (int32_t k = 0; k < n; k++, out++) {
            if (out < capacity) { dst[out] = buffer[k]; srcStart[out] = start; srcEnd[out] = i; }
        }
    }
    return out <= capacity ? out : -out;
}

struct KensakuWordBreaker {
    UBreakIterator *iterator;
};

KensakuWordBreaker *kensaku_wordbreaker_open(void) {
    UErrorCode status = U_ZERO_ERROR;
    UBreakIterator *it = ubrk_open(UBRK_WORD, "ja", NULL, 0, &status);
    if (U_FAILURE(status) || !it) return NULL;
    KensakuWordBreaker *b = malloc(sizeof(KensakuWordBreaker));
    if (!b) { ubrk_close(it); return NULL; }
    b->iterator = it;
    return b;
}

void kensaku_wordbreaker_close(KensakuWordBreaker *breaker) {
    if (!breaker) return;
    ubrk_close(breaker->iterator);
    free(breaker);
}

int32_t kensaku_wordbreaker_words(KensakuWordBreaker *breaker, const uint16_t *text, int32_t length,
                                  int32_t *starts, int32_t *ends, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    ubrk_setText(breaker->iterator, (const UChar *)text, length, &status);
    if (U_FAILURE(status)) return -1;
    int32_t count = 0;
    int32_t start = ubrk_first(breaker->iterator);
    for (int32_t end = ubrk_next(breaker->iterator); end != UBRK_DONE;
         start = end, end = ubrk_next(breaker->iterator)) {
        if (ubrk_getRuleStatus(breaker->iterator) < UBRK_WORD_NONE_LIMIT) continue;
        if (count < capacity) { starts[count] = start; ends[count] = end; }
        count++;
    }
    // Detach the text so the iterator never points at freed memory.
    status = U_ZERO_ERROR;
    ubrk_setText(breaker->iterator, (const UChar *)u"", 0, &status);
    return count;
}

int32_t kensaku_wordbreaker_count(KensakuWordBreaker *breaker, const uint16_t *text, int32_t length) {
    UErrorCode status = U_ZERO_ERROR;
    ubrk_setText(breaker->iterator, (const UChar *)text, length, &status);
    if (U_FAILURE(status)) return -1;
    int32_t count = 0;
    ubrk_first(breaker->iterator);
    while (ubrk_next(breaker->iterator) != UBRK_DONE) count++;
    status = U_ZERO_ERROR;
    ubrk_setText(breaker->iterator, (const UChar *)u"", 0, &status);
    return count;
}

void kensaku_icu_version(char *buffer, int32_t capacity) {
    UVersionInfo info;
    u_getVersion(info);
    if (capacity < U_MAX_VERSION_STRING_LENGTH) { if (capacity > 0) buffer[0] = 0; return; }
    u_versionToString(info, buffer);
}
