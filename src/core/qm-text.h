/* qm-text.h: checking, normalising and describing imported text. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Rejects what cannot be an article: invalid UTF-8 (the error names the byte
 * offset of the first bad byte), NUL bytes (likewise), binary data, empty or
 * whitespace-only text. @name (a file name) starts the message. */
gboolean  qm_text_validate        (const char *data,
                                   gsize       len,
                                   const char *name,
                                   GError    **error);

/* Valid UTF-8 in, normalised text out: a leading BOM dropped, CRLF and lone
 * CR turned into LF, NFC. */
char     *qm_text_normalize       (const char *data,
                                   gsize       len);

/* "ar", "fa", "ur", "en", "fr", "de", "es", "ru", "zh", ..., "mixed" when two
 * scripts each carry a large share of the letters, "und" when unknown. */
char     *qm_text_guess_language  (const char *text);

/* The first non-empty line, whitespace collapsed, at most 200 characters. */
char     *qm_text_guess_title     (const char *text);

/* Lowercase SHA-256 hex digest of the UTF-8 bytes. */
char     *qm_text_sha256          (const char *text,
                                   gssize      len);

/* The form used for matching names and searching: case folded, Arabic
 * harakat (U+064B..U+065F, U+0670, Quranic marks) and tatweel (U+0640)
 * removed, other combining marks of decomposed letters recombined (NFC).
 * When @map is not NULL it receives, for each code point of the result
 * (plus one for the end), the code point offset in @text it came from. */
char     *qm_text_fold            (const char *text,
                                   GArray    **map);

/* TRUE when @c is a quotation mark (kept at span edges by trimming). */
gboolean  qm_unichar_is_quote     (gunichar    c);

/* TRUE for characters whose strong direction is right to left. */
gboolean  qm_unichar_is_rtl       (gunichar    c);

G_END_DECLS
