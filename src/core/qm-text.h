/* qm-text.h: checking, normalising and describing imported text. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Rejects what cannot be an article: invalid UTF-8 (the error names the byte
 * offset of the first bad byte), NUL bytes (likewise), binary data, empty or
 * whitespace-only text. @name (a file name; NULL gives "text") starts the
 * message, QM_ERROR_INVALID_TEXT, one of:
 *   "NAME: the text is empty"                (also a UTF-8 BOM alone)
 *   "NAME: not valid UTF-8 at byte N"
 *   "NAME: NUL byte at byte N (binary data or UTF-16 text?)"
 *   "NAME: looks like binary data, not text (N control characters)"
 *   "NAME: the text contains only white space"
 * Byte offsets count from the start of @data, BOM included. */
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

/* The longest title a guess gives, in characters, and the longest a
 * document may be given. */
#define QM_TEXT_TITLE_MAX_CHARS 200

/* The headline among the first 40 non-empty lines, or else the first
 * non-empty line; whitespace collapsed, at most QM_TEXT_TITLE_MAX_CHARS
 * characters (a longer line is cut on a grapheme boundary, at a space when
 * one is near, and ends with "…"); an empty string when there is no such
 * line. A headline is the first line of 4 to 30 words (runs of non-space
 * characters with a letter or digit, in any script) that does not end
 * like running text (with a full stop, comma, colon or semicolon, closing
 * quotation marks and brackets aside): the site names, menus and buttons
 * that scraped pages start with are shorter. */
char     *qm_text_guess_title     (const char *text);

/* @title as one line: white space (line breaks too) collapsed to single
 * spaces, none at either end, byte order marks dropped. @n_chars, when
 * not NULL, receives its length in characters. */
char     *qm_text_clean_title     (const char *title,
                                   glong      *n_chars);

/* Lowercase SHA-256 hex digest of the UTF-8 bytes. */
char     *qm_text_sha256          (const char *text,
                                   gssize      len);

/* The form used for matching names and searching: case folded, Arabic
 * harakat (U+064B..U+065F, U+0670, Quranic marks) and tatweel (U+0640)
 * removed, other combining marks of decomposed letters recombined (NFC).
 * Marks that NFC joins to their letter are part of it: أ stays أ whether
 * written precomposed or as U+0627 U+0654.
 * When @map is not NULL it receives, for each code point of the result
 * (plus one for the end), the code point offset in @text it came from
 * (a GArray of glong, never decreasing, the last entry the length of @text
 * in code points): a match [a, b) in the result is [map[a], map[b]) in @text. */
char     *qm_text_fold            (const char *text,
                                   GArray    **map);

/* TRUE when @c is a quotation mark (kept at span edges by trimming). */
gboolean  qm_unichar_is_quote     (gunichar    c);

/* TRUE for characters whose strong direction is right to left. */
gboolean  qm_unichar_is_rtl       (gunichar    c);

G_END_DECLS
