// CICU: the only code in Kensaku that includes ICU headers.
// Swift sees plain C types only (int32_t, uint16_t, an opaque handle): ICU's own
// types and versioned entry points never reach Swift (see ARCHITECTURE.md, "Sources/CICU").
#ifndef KENSAKU_CICU_H
#define KENSAKU_CICU_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// NFKC + case folding of UTF-16 text, with an offset map.
/// Writes at most `capacity` units to `dst`. For every output unit i, `srcStart[i]`/`srcEnd[i]`
/// give the range of source units that produced it (the normalisation chunk).
/// Returns the output length, or -(needed capacity) when `capacity` is too small,
/// or INT32_MIN on an ICU error.
int32_t kensaku_normalize(const uint16_t *src, int32_t length,
                          uint16_t *dst, int32_t *srcStart, int32_t *srcEnd, int32_t capacity);

/// An opaque word breaker (ICU UBRK_WORD, locale ja).
typedef struct KensakuWordBreaker KensakuWordBreaker;

/// Opens a word breaker; NULL on failure. Not thread-safe: one per thread.
KensakuWordBreaker *kensaku_wordbreaker_open(void);
void kensaku_wordbreaker_close(KensakuWordBreaker *breaker);

/// Breaks `text` into words. For each word (rule status >= UBRK_WORD_NONE_LIMIT, i.e. not
/// spaces or punctuation) writes its start and end into `starts`/`ends`, up to `capacity` words.
/// Returns the number of words found (may exceed capacity: call again with more room),
/// or -1 on error. The text must stay alive only during the call.
int32_t kensaku_wordbreaker_words(KensakuWordBreaker *breaker, const uint16_t *text, int32_t length,
                                  int32_t *starts, int32_t *ends, int32_t capacity);

/// Counts word boundaries of all kinds (the raw ICU cost, for the benchmark's baseline).
int32_t kensaku_wordbreaker_count(KensakuWordBreaker *breaker, const uint16_t *text, int32_t length);

/// The ICU version as "72.1" into `buffer` (NUL-terminated).
void kensaku_icu_version(char *buffer, int32_t capacity);

#ifdef __cplusplus
}
#endif
#endif
