/* qm-text.c: checking, normalising and describing imported text. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>
#include <pango/pango.h>

#include "qm-error.h"
#include "qm-text.h"

#define UTF8_BOM "\xEF\xBB\xBF"
#define TITLE_MAX_CHARS QM_TEXT_TITLE_MAX_CHARS

/* ------------------------------------------------------------------------ */
/* Validation                                                               */

static gboolean
is_blank (gunichar c)
{
  /* White space and the invisible characters that often come with it. */
  return g_unichar_isspace (c) || c == 0xFEFF || c == 0x200B ||
         c == 0x200E || c == 0x200F || c == 0x2060;
}

gboolean
qm_text_validate (const char *data,
                  gsize       len,
                  const char *name,
                  GError    **error)
{
  const char *end = NULL;
  const char *p;
  const char *body;
  gsize n_chars = 0;
  gsize n_controls = 0;
  gboolean blank = TRUE;

  if (name == NULL)
    name = "text";
  if (data == NULL)
    len = 0;

  body = data;
  if (len >= 3 && memcmp (data, UTF8_BOM, 3) == 0)
    body = data + 3;

  if (len == 0 || body == data + len)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_INVALID_TEXT,
                   _("%s: the text is empty"), name);
      return FALSE;
    }

  if (!g_utf8_validate_len (data, len, &end))
    {
      gsize offset = end - data;

      if (offset < len && *end == '\0')
        g_set_error (error, QM_ERROR, QM_ERROR_INVALID_TEXT,
                     _("%s: NUL byte at byte %lu (binary data or UTF-16 text?)"),
                     name, (gulong) offset);
      else
        g_set_error (error, QM_ERROR, QM_ERROR_INVALID_TEXT,
                     _("%s: not valid UTF-8 at byte %lu"),
                     name, (gulong) offset);
      return FALSE;
    }

  for (p = body; p < data + len; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      n_chars++;
      if (c != '\t' && c != '\n' && c != '\r' && c != '\f' &&
          g_unichar_type (c) == G_UNICODE_CONTROL)
        n_controls++;
      else if (blank && !is_blank (c))
        blank = FALSE;
    }

  /* A stray escape character does not make an article binary; a quarter of
   * control characters, or one in a hundred in a longer text, does. */
  if (n_controls > 0 &&
      (n_controls * 4 >= n_chars || (n_controls >= 4 && n_controls * 100 >= n_chars)))
    {
      g_set_error (error, QM_ERROR, QM_ERROR_INVALID_TEXT,
                   _("%s: looks like binary data, not text (%lu control characters)"),
                   name, (gulong) n_controls);
      return FALSE;
    }

  if (blank)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_INVALID_TEXT,
                   _("%s: the text contains only white space"), name);
      return FALSE;
    }

  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Normalisation                                                            */

/* ------------------------------------------------------------------------ */
/* NFC, fast where nothing changes                                          */

/* Code points up to here are in the table; above, every one counts as
 * unstable (rare scripts and private use: the slow path is right too). */
#define NFC_TABLE_END 0x30000

/* Bit c is set when NFC may change c or the text around it: it has a
 * combining class, a decomposition that does not compose back to it (a
 * singleton, a composition exclusion), or it is the second half of some
 * canonical composition (NFC_QC Maybe). Every other character is "stable":
 * NFC keeps it, and nothing before it combines with it or moves past it, so
 * a text can be normalised piece by piece, each piece starting at a stable
 * character, and a piece that is one stable character needs no work. */
static guint8 *nfc_unstable;

static gpointer
build_nfc_table (gpointer data)
{
  guint8 *table = g_malloc0 (NFC_TABLE_END / 8);

  for (gunichar c = 0; c < NFC_TABLE_END; c++)
    {
      gunichar a, b, r;

      if (g_unichar_combining_class (c) != 0)
        table[c / 8] |= 1 << (c % 8);
      if (!g_unichar_decompose (c, &a, &b))
        continue;
      if (b == 0 || !g_unichar_compose (a, b, &r) || r != c)
        table[c / 8] |= 1 << (c % 8);
      if (b != 0 && b < NFC_TABLE_END)
        table[b / 8] |= 1 << (b % 8);
    }
  return table;
}

static inline gboolean
is_nfc_stable (gunichar c)
{
  static GOnce once = G_ONCE_INIT;

  /* Nothing below U+00C0 decomposes, combines or has a class. */
  if (c < 0xC0)
    return TRUE;
  if (c >= NFC_TABLE_END)
    return FALSE;
  if (G_UNLIKELY (nfc_unstable == NULL))
    nfc_unstable = g_once (&once, build_nfc_table, NULL);
  return (nfc_unstable[c / 8] & (1 << (c % 8))) == 0;
}

/* NFC of @len bytes of valid UTF-8, appended to @out: runs of stable
 * characters as they are, the pieces around the others through
 * g_utf8_normalize(). */
static void
append_nfc (GString    *out,
            const char *text,
            gsize       len)
{
  const char *end = text + len;
  const char *run = text;   /* stable pieces not yet appended */
  const char *p = text;

  while (p < end)
    {
      const char *piece = p;
      gboolean first_stable;
      gboolean alone = TRUE;

      /* ASCII is stable, and so is most of any text. */
      if ((guchar) *p < 0x80)
        first_stable = TRUE;
      else
        first_stable = is_nfc_stable (g_utf8_get_char (p));

      /* A stable character starts a piece; unstable ones join it. */
      for (p = g_utf8_next_char (p); p < end; p = g_utf8_next_char (p))
        {
          if ((guchar) *p < 0x80 || is_nfc_stable (g_utf8_get_char (p)))
            break;
          alone = FALSE;
        }

      if (!alone || !first_stable)
        {
          g_autofree char *normalized = NULL;

          g_string_append_len (out, run, piece - run);
          normalized = g_utf8_normalize (piece, p - piece, G_NORMALIZE_NFC);
          g_string_append (out, normalized);
          run = p;
        }
    }
  g_string_append_len (out, run, end - run);
}

char *
qm_text_normalize (const char *data,
                   gsize       len)
{
  g_autoptr(GString) s = NULL;
  const char *p;
  const char *end;
  GString *result;

  if (data == NULL)
    len = 0;

  p = data;
  end = data + len;
  if (len >= 3 && memcmp (data, UTF8_BOM, 3) == 0)
    p += 3;

  s = g_string_sized_new (end - p);
  while (p < end)
    {
      const char *cr = memchr (p, '\r', end - p);

      if (cr == NULL)
        {
          g_string_append_len (s, p, end - p);
          break;
        }
      g_string_append_len (s, p, cr - p);
      g_string_append_c (s, '\n');
      p = cr + 1;
      if (p < end && *p == '\n')
        p++;
    }

  if (!g_utf8_validate_len (s->str, s->len, NULL))
    {
      /* Not for us to reject; keep what can be kept. */
      char *valid = g_utf8_make_valid (s->str, s->len);

      g_string_assign (s, valid);
      g_free (valid);
    }

  result = g_string_sized_new (s->len);
  append_nfc (result, s->str, s->len);
  return g_string_free (result, FALSE);
}

/* ------------------------------------------------------------------------ */
/* Language                                                                 */

static gboolean
is_persian_letter (gunichar c)
{
  /* پ چ ژ گ ک ی: not used in Arabic (Urdu shares them). */
  return c == 0x067E || c == 0x0686 || c == 0x0698 || c == 0x06AF ||
         c == 0x06A9 || c == 0x06CC;
}

static gboolean
is_urdu_letter (gunichar c)
{
  /* ٹ ڈ ڑ ں ہ ھ ے ۓ: used in Urdu but neither in Arabic nor in Persian. */
  return c == 0x0679 || c == 0x0688 || c == 0x0691 || c == 0x06BA ||
         c == 0x06C1 || c == 0x06BE || c == 0x06D2 || c == 0x06D3;
}

static gboolean
is_ukrainian_letter (gunichar c)
{
  /* і ї є ґ (either case). */
  c = g_unichar_tolower (c);
  return c == 0x0456 || c == 0x0457 || c == 0x0454 || c == 0x0491;
}

typedef struct
{
  const char *lang;
  const char *const *words;
} StopWords;

static const char *const en_words[] = {
  "the", "and", "of", "to", "is", "that", "was", "for", "with", "are", "this",
  "have", "from", "by", "it", "he", "they", "not", "be", "said", "were", "has",
  "which", "will", "would", "their", NULL
};
static const char *const fr_words[] = {
  "le", "la", "les", "des", "et", "est", "une", "du", "que", "qui", "dans",
  "pour", "pas", "sur", "au", "avec", "ce", "il", "sont", "aux", "nous",
  "mais", "elle", "ont", "été", "cette", NULL
};
static const char *const de_words[] = {
  "der", "die", "das", "und", "ist", "nicht", "ein", "eine", "mit", "den",
  "dem", "zu", "auf", "sich", "auch", "es", "wir", "ich", "sie", "von", "im",
  "für", "wird", "hat", "wurde", "sind", NULL
};
static const char *const es_words[] = {
  "el", "los", "las", "del", "y", "en", "un", "una", "por", "con", "para",
  "se", "lo", "como", "más", "pero", "su", "al", "es", "que", "fue", "sus",
  "está", "ha", "muy", "también", NULL
};

static const StopWords stop_words[] = {
  { "en", en_words },
  { "fr", fr_words },
  { "de", de_words },
  { "es", es_words },
};

#define MAX_STOP_WORD_SCAN 20000

static const char *
guess_latin_language (const char *text)
{
  guint counts[G_N_ELEMENTS (stop_words)] = { 0 };
  g_autoptr(GString) word = g_string_new (NULL);
  guint n_words = 0;
  guint best = 0;
  const char *p = text;

  for (;;)
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && g_unichar_isalpha (c))
        {
          if (word->len < 16)
            g_string_append_unichar (word, g_unichar_tolower (c));
        }
      else if (word->len > 0)
        {
          if (word->len < 16)
            for (guint l = 0; l < G_N_ELEMENTS (stop_words); l++)
              for (guint w = 0; stop_words[l].words[w] != NULL; w++)
                if (strcmp (word->str, stop_words[l].words[w]) == 0)
                  {
                    counts[l]++;
                    break;
                  }
          g_string_truncate (word, 0);
          if (++n_words >= MAX_STOP_WORD_SCAN)
            break;
        }
      if (c == 0)
        break;
      p = g_utf8_next_char (p);
    }

  for (guint l = 1; l < G_N_ELEMENTS (stop_words); l++)
    if (counts[l] > counts[best])
      best = l;
  return stop_words[best].lang;
}

static const char *
script_language (GUnicodeScript script)
{
  switch ((int) script)
    {
    case G_UNICODE_SCRIPT_CYRILLIC: return "ru";
    case G_UNICODE_SCRIPT_HAN: return "zh";
    case G_UNICODE_SCRIPT_HIRAGANA:
    case G_UNICODE_SCRIPT_KATAKANA: return "ja";
    case G_UNICODE_SCRIPT_HANGUL: return "ko";
    case G_UNICODE_SCRIPT_HEBREW: return "he";
    case G_UNICODE_SCRIPT_GREEK: return "el";
    case G_UNICODE_SCRIPT_THAI: return "th";
    case G_UNICODE_SCRIPT_DEVANAGARI: return "hi";
    case G_UNICODE_SCRIPT_BENGALI: return "bn";
    case G_UNICODE_SCRIPT_TAMIL: return "ta";
    case G_UNICODE_SCRIPT_TELUGU: return "te";
    case G_UNICODE_SCRIPT_GUJARATI: return "gu";
    case G_UNICODE_SCRIPT_GURMUKHI: return "pa";
    case G_UNICODE_SCRIPT_KANNADA: return "kn";
    case G_UNICODE_SCRIPT_MALAYALAM: return "ml";
    case G_UNICODE_SCRIPT_SINHALA: return "si";
    case G_UNICODE_SCRIPT_ARMENIAN: return "hy";
    case G_UNICODE_SCRIPT_GEORGIAN: return "ka";
    case G_UNICODE_SCRIPT_ETHIOPIC: return "am";
    case G_UNICODE_SCRIPT_KHMER: return "km";
    case G_UNICODE_SCRIPT_LAO: return "lo";
    case G_UNICODE_SCRIPT_MYANMAR: return "my";
    case G_UNICODE_SCRIPT_TIBETAN: return "bo";
    case G_UNICODE_SCRIPT_SYRIAC: return "syr";
    case G_UNICODE_SCRIPT_THAANA: return "dv";
    default: return "und";
    }
}

#define N_SCRIPT_SLOTS 512

char *
qm_text_guess_language (const char *text)
{
  g_autofree guint *counts = NULL;
  guint total = 0;
  guint persian = 0, urdu = 0, ukrainian = 0;
  int first = -1, second = -1;
  guint kana;

  if (text == NULL)
    return g_strdup ("und");

  counts = g_new0 (guint, N_SCRIPT_SLOTS);
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeScript script;

      if (!g_unichar_isalpha (c))
        continue;
      script = g_unichar_get_script (c);
      if (script == G_UNICODE_SCRIPT_COMMON || script == G_UNICODE_SCRIPT_INHERITED ||
          script == G_UNICODE_SCRIPT_UNKNOWN || script < 0 || script >= N_SCRIPT_SLOTS)
        continue;
      counts[script]++;
      total++;
      if (script == G_UNICODE_SCRIPT_ARABIC)
        {
          if (is_persian_letter (c))
            persian++;
          else if (is_urdu_letter (c))
            urdu++;
        }
      else if (script == G_UNICODE_SCRIPT_CYRILLIC && is_ukrainian_letter (c))
        ukrainian++;
    }

  if (total == 0)
    return g_strdup ("und");

  /* Japanese mixes kana with Han, Korean sometimes Han with Hangul: one
   * language each, not a mixture of scripts. */
  kana = counts[G_UNICODE_SCRIPT_HIRAGANA] + counts[G_UNICODE_SCRIPT_KATAKANA];
  if (kana > 0 && kana * 10 >= kana + counts[G_UNICODE_SCRIPT_HAN])
    {
      counts[G_UNICODE_SCRIPT_HIRAGANA] += counts[G_UNICODE_SCRIPT_KATAKANA] + counts[G_UNICODE_SCRIPT_HAN];
      counts[G_UNICODE_SCRIPT_KATAKANA] = counts[G_UNICODE_SCRIPT_HAN] = 0;
    }
  if (counts[G_UNICODE_SCRIPT_HANGUL] > counts[G_UNICODE_SCRIPT_HAN])
    {
      counts[G_UNICODE_SCRIPT_HANGUL] += counts[G_UNICODE_SCRIPT_HAN];
      counts[G_UNICODE_SCRIPT_HAN] = 0;
    }

  for (int s = 0; s < N_SCRIPT_SLOTS; s++)
    {
      if (counts[s] == 0)
        continue;
      if (first < 0 || counts[s] > counts[first])
        {
          second = first;
          first = s;
        }
      else if (second < 0 || counts[s] > counts[second])
        second = s;
    }

  if (second >= 0 && counts[second] >= 20 && counts[second] * 5 >= total)
    return g_strdup ("mixed");

  switch (first)
    {
    case G_UNICODE_SCRIPT_ARABIC:
      /* Urdu also writes the Persian letters: look for its own first. */
      if (urdu > 0 && urdu * 50 >= counts[first])
        return g_strdup ("ur");
      if (persian > 0 && persian * 50 >= counts[first])
        return g_strdup ("fa");
      return g_strdup ("ar");

    case G_UNICODE_SCRIPT_LATIN:
      return g_strdup (guess_latin_language (text));

    case G_UNICODE_SCRIPT_CYRILLIC:
      return g_strdup (ukrainian > 0 && ukrainian * 50 >= counts[first] ? "uk" : "ru");

    default:
      return g_strdup (script_language (first));
    }
}

/* ------------------------------------------------------------------------ */
/* Title                                                                    */

/* Cuts @line (whitespace already collapsed) to at most TITLE_MAX_CHARS
 * characters, ellipsis included, on a grapheme boundary, preferably at a
 * space. */
static char *
shorten_title (const char *line,
               glong       n_chars)
{
  const glong limit = TITLE_MAX_CHARS - 1; /* room for the ellipsis */
  g_autofree PangoLogAttr *attrs = NULL;
  g_autofree char *head = NULL;
  glong head_chars = MIN (n_chars, limit + 1);
  const char *cut_ptr;
  glong cut = limit;
  GString *s;

  /* Boundaries only depend on nearby characters: the head is enough. */
  head = g_strndup (line, g_utf8_offset_to_pointer (line, head_chars) - line);
  attrs = g_new0 (PangoLogAttr, head_chars + 1);
  pango_get_log_attrs (head, -1, -1, pango_language_from_string ("und"),
                       attrs, head_chars + 1);

  while (cut > 0 && !attrs[cut].is_cursor_position)
    cut--;

  /* Prefer not to cut a word when a space is close enough. */
  for (glong i = cut; i > cut - 40 && i > 0; i--)
    {
      if (*g_utf8_offset_to_pointer (head, i) == ' ')
        {
          cut = i;
          break;
        }
    }

  cut_ptr = g_utf8_offset_to_pointer (head, cut);
  s = g_string_new_len (head, cut_ptr - head);
  while (s->len > 0 && s->str[s->len - 1] == ' ')
    g_string_truncate (s, s->len - 1);
  g_string_append (s, "…");
  return g_string_free (s, FALSE);
}

/* How far down a page the headline may be: below the site's name, menus
 * and share buttons, but not in the article body. */
#define HEADLINE_MAX_LINES 40
#define HEADLINE_MIN_WORDS 4
#define HEADLINE_MAX_WORDS 30

/* One line of text with its whitespace collapsed, and what the headline
 * test needs to know about it. */
typedef struct
{
  GString  *text;
  glong     n_chars;
  guint     n_words;     /* runs of non-space characters with a letter or digit */
  gunichar  last;        /* the last character, closing quotes and brackets skipped */
} TitleLine;

static void
title_line_read (TitleLine  *line,
                 const char *p,
                 const char *eol)
{
  gboolean pending_space = FALSE;
  gboolean in_word = FALSE;
  gboolean word_counted = FALSE;

  g_string_truncate (line->text, 0);
  line->n_chars = 0;
  line->n_words = 0;
  line->last = 0;

  for (const char *q = p; q < eol; q = g_utf8_next_char (q))
    {
      gunichar c = g_utf8_get_char (q);

      if (g_unichar_isspace (c))
        {
          pending_space = TRUE;
          in_word = FALSE;
          continue;
        }
      if (c == 0xFEFF)
        continue;

      if (pending_space && line->text->len > 0)
        {
          g_string_append_c (line->text, ' ');
          line->n_chars++;
        }
      pending_space = FALSE;
      g_string_append_unichar (line->text, c);
      line->n_chars++;

      if (!in_word)
        {
          in_word = TRUE;
          word_counted = FALSE;
        }
      if (!word_counted && g_unichar_isalnum (c))
        {
          line->n_words++;
          word_counted = TRUE;
        }

      if (!qm_unichar_is_quote (c) && c != ')' && c != ']')
        line->last = c;
    }
}

/* Running text ends its sentences with a full stop, or breaks off at a
 * comma, colon or semicolon; a headline ends with a word, "?" or "!". */
static gboolean
ends_like_running_text (gunichar c)
{
  switch (c)
    {
    case '.':
    case ',':
    case ':':
    case ';':
    case 0x060C: /* Arabic comma */
    case 0x061B: /* Arabic semicolon */
    case 0x06D4: /* Arabic full stop */
    case 0x3002: /* ideographic full stop */
      return TRUE;
    default:
      return FALSE;
    }
}

/* The navigation of a scraped page ("logo", "Get News Fast", "Home") is a
 * word or three a line, and the article body is sentences: a line of 4 to
 * 30 words that does not end like a sentence is most likely the headline. */
static gboolean
looks_like_headline (const TitleLine *line)
{
  return line->n_words >= HEADLINE_MIN_WORDS &&
         line->n_words <= HEADLINE_MAX_WORDS &&
         !ends_like_running_text (line->last);
}

char *
qm_text_guess_title (const char *text)
{
  g_autoptr(GString) first = NULL;
  glong first_chars = 0;
  TitleLine line = { NULL, };
  GString *title = NULL;
  glong title_chars = 0;
  guint n_lines = 0;
  const char *p = text;

  if (text == NULL)
    return g_strdup ("");

  line.text = g_string_new (NULL);
  while (*p != '\0' && n_lines < HEADLINE_MAX_LINES)
    {
      const char *eol = p + strcspn (p, "\r\n");

      title_line_read (&line, p, eol);
      p = eol;
      if (*p == '\r')
        p++;
      if (*p == '\n')
        p++;

      if (line.text->len == 0)
        continue;
      n_lines++;

      if (looks_like_headline (&line))
        {
          title = g_steal_pointer (&line.text);
          title_chars = line.n_chars;
          break;
        }
      if (first == NULL)
        {
          first = g_string_new_len (line.text->str, line.text->len);
          first_chars = line.n_chars;
        }
    }
  if (line.text != NULL)
    g_string_free (line.text, TRUE);

  /* No headline: the first line it is, as plain text files have it. */
  if (title == NULL)
    {
      if (first == NULL)
        return g_strdup ("");
      title = g_steal_pointer (&first);
      title_chars = first_chars;
    }

  if (title_chars > TITLE_MAX_CHARS)
    {
      char *shortened = shorten_title (title->str, title_chars);

      g_string_free (title, TRUE);
      return shortened;
    }
  return g_string_free (title, FALSE);
}

char *
qm_text_clean_title (const char *title,
                     glong      *n_chars)
{
  TitleLine line = { NULL, };

  g_return_val_if_fail (title != NULL, NULL);

  /* Line breaks are white space here: a title is one line. */
  line.text = g_string_new (NULL);
  title_line_read (&line, title, title + strlen (title));
  if (n_chars != NULL)
    *n_chars = line.n_chars;
  return g_string_free (line.text, FALSE);
}

/* ------------------------------------------------------------------------ */
/* Checksum                                                                 */

char *
qm_text_sha256 (const char *text,
                gssize      len)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  if (text == NULL)
    len = 0;
  else if (len < 0)
    len = strlen (text);
  if (len > 0)
    g_checksum_update (checksum, (const guchar *) text, len);
  return g_strdup (g_checksum_get_string (checksum));
}

/* ------------------------------------------------------------------------ */
/* Folding                                                                  */

/* Code points with, for each, the code point offset in the original text it
 * comes from. */
typedef struct
{
  gunichar *c;
  glong *src;
  gsize len;
  gsize cap;
} Chars;

static void
chars_init (Chars *chars,
            gsize  cap)
{
  chars->cap = MAX (cap, 16);
  chars->len = 0;
  chars->c = g_new (gunichar, chars->cap);
  chars->src = g_new (glong, chars->cap);
}

static void
chars_clear (Chars *chars)
{
  g_clear_pointer (&chars->c, g_free);
  g_clear_pointer (&chars->src, g_free);
  chars->len = chars->cap = 0;
}

static inline void
chars_append (Chars   *chars,
              gunichar c,
              glong    src)
{
  if (chars->len == chars->cap)
    {
      chars->cap *= 2;
      chars->c = g_renew (gunichar, chars->c, chars->cap);
      chars->src = g_renew (glong, chars->src, chars->cap);
    }
  chars->c[chars->len] = c;
  chars->src[chars->len] = src;
  chars->len++;
}

/* Decomposing, composing and case folding one character at a time through
 * GLib costs hundreds of instructions each, and an article has only a few
 * dozen different letters: a long text remembers the answers (always the
 * same for the same question, so the result does not change). */
#define CHAR_CACHE_SIZE    512
#define COMPOSE_CACHE_SIZE 1024
/* Below this many bytes, clearing the caches costs more than they save. */
#define CACHE_MIN_BYTES    256

typedef struct
{
  gunichar key;        /* 0: empty (text never holds U+0000) */
  guint    n;
  gunichar c[4];
} CharCacheEntry;

typedef struct
{
  gunichar first;      /* 0: empty */
  gunichar second;
  gunichar composed;   /* 0: they do not compose */
} ComposeCacheEntry;

typedef struct
{
  CharCacheEntry    decomposed[CHAR_CACHE_SIZE];
  CharCacheEntry    folded[CHAR_CACHE_SIZE];
  ComposeCacheEntry composed[COMPOSE_CACHE_SIZE];
} FoldCache;

/* The canonical decomposition of @c into @buf (of
 * G_UNICHAR_MAX_DECOMPOSITION_LENGTH); returns its length. */
static gsize
decompose (FoldCache *cache,
           gunichar   c,
           gunichar  *buf)
{
  CharCacheEntry *entry;
  gsize n;

  /* Nothing below U+00C0 decomposes. */
  if (c < 0xC0)
    {
      buf[0] = c;
      return 1;
    }
  if (cache == NULL)
    return g_unichar_fully_decompose (c, FALSE, buf, G_UNICHAR_MAX_DECOMPOSITION_LENGTH);

  entry = &cache->decomposed[c % CHAR_CACHE_SIZE];
  if (entry->key == c)
    {
      memcpy (buf, entry->c, entry->n * sizeof (gunichar));
      return entry->n;
    }
  n = g_unichar_fully_decompose (c, FALSE, buf, G_UNICHAR_MAX_DECOMPOSITION_LENGTH);
  if (n <= G_N_ELEMENTS (entry->c))
    {
      entry->key = c;
      entry->n = n;
      memcpy (entry->c, buf, n * sizeof (gunichar));
    }
  return n;
}

static gboolean
compose (FoldCache *cache,
         gunichar   first,
         gunichar   second,
         gunichar  *composed)
{
  ComposeCacheEntry *entry;
  gboolean ok;

  if (cache == NULL)
    return g_unichar_compose (first, second, composed);

  entry = &cache->composed[(first * 31 + second) % COMPOSE_CACHE_SIZE];
  if (entry->first == first && entry->second == second)
    {
      *composed = entry->composed;
      return entry->composed != 0;
    }
  ok = g_unichar_compose (first, second, composed);
  entry->first = first;
  entry->second = second;
  entry->composed = ok ? *composed : 0;
  return ok;
}

/* Appends the case folding of @c (not ASCII) to @out, from @src. */
static void
append_casefolded (FoldCache *cache,
                   Chars     *out,
                   gunichar   c,
                   glong      src)
{
  CharCacheEntry *entry = cache != NULL ? &cache->folded[c % CHAR_CACHE_SIZE] : NULL;
  g_autofree char *cf = NULL;
  char buf[8];
  guint n = 0;

  if (entry != NULL && entry->key == c)
    {
      for (guint i = 0; i < entry->n; i++)
        chars_append (out, entry->c[i], src);
      return;
    }

  cf = g_utf8_casefold (buf, g_unichar_to_utf8 (c, buf));
  for (const char *q = cf; *q != '\0'; q = g_utf8_next_char (q), n++)
    chars_append (out, g_utf8_get_char (q), src);

  if (entry != NULL && n <= G_N_ELEMENTS (entry->c))
    {
      entry->key = c;
      entry->n = n;
      for (guint i = 0; i < n; i++)
        entry->c[i] = out->c[out->len - n + i];
    }
}

/* NFC of @in[@from, @to) appended to @out, keeping track of origins: a
 * composed character comes from its starter. (g_utf8_normalize() cannot
 * tell where each output character came from.) */
static void
nfc_piece (const Chars *in,
           gsize        from,
           gsize        to,
           Chars       *out,
           FoldCache   *cache)
{
  Chars d;
  gssize starter = -1;
  int last_class = 0;

  chars_init (&d, (to - from) + (to - from) / 4);

  /* Canonical decomposition. */
  for (gsize i = from; i < to; i++)
    {
      gunichar buf[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
      gsize n = decompose (cache, in->c[i], buf);

      for (gsize k = 0; k < n; k++)
        chars_append (&d, buf[k], in->src[i]);
    }

  /* Canonical ordering of combining marks (a stable insertion sort). */
  for (gsize i = 1; i < d.len; i++)
    {
      int cc = g_unichar_combining_class (d.c[i]);

      if (cc == 0)
        continue;
      for (gsize j = i; j > 0; j--)
        {
          int prev = g_unichar_combining_class (d.c[j - 1]);
          gunichar tc;
          glong ts;

          if (prev <= cc)
            break;
          tc = d.c[j - 1]; d.c[j - 1] = d.c[j]; d.c[j] = tc;
          ts = d.src[j - 1]; d.src[j - 1] = d.src[j]; d.src[j] = ts;
        }
    }

  /* Canonical composition. */
  for (gsize i = 0; i < d.len; i++)
    {
      gunichar c = d.c[i];
      int cc = g_unichar_combining_class (c);
      gunichar composed;

      if (starter >= 0 &&
          (last_class < cc || last_class == 0) &&
          compose (cache, out->c[starter], c, &composed))
        {
          out->c[starter] = composed;
          continue;
        }
      if (cc == 0)
        starter = out->len;
      last_class = cc;
      chars_append (out, c, d.src[i]);
    }

  chars_clear (&d);
}

/* NFC of @in into @out, a piece at a time as in append_nfc(). */
static void
chars_nfc (const Chars *in,
           Chars       *out,
           FoldCache   *cache)
{
  gsize i = 0;

  out->len = 0;
  while (i < in->len)
    {
      gsize j = i + 1;

      while (j < in->len && !is_nfc_stable (in->c[j]))
        j++;
      if (j == i + 1 && is_nfc_stable (in->c[i]))
        chars_append (out, in->c[i], in->src[i]);
      else
        nfc_piece (in, i, j, out, cache);
      i = j;
    }
}

static gboolean
is_foldable_mark (gunichar c)
{
  return (c >= 0x064B && c <= 0x065F) || /* harakat, hamza and madda above/below */
         c == 0x0670 ||                  /* superscript alef */
         (c >= 0x06D6 && c <= 0x06ED) || /* Quranic annotation marks */
         c == 0x0640;                    /* tatweel */
}

char *
qm_text_fold (const char *text,
              GArray    **map)
{
  g_autofree FoldCache *cache = NULL;
  Chars input, composed, folded, result;
  GString *s;
  glong n_input = 0;
  glong last = 0;
  gboolean ascii = TRUE;

  if (text == NULL)
    text = "";

  for (const char *p = text; *p != '\0'; p++)
    if ((guchar) *p >= 0x80)
      {
        ascii = FALSE;
        break;
      }

  if (ascii)
    {
      char *lower = g_ascii_strdown (text, -1);

      if (map != NULL)
        {
          glong n = strlen (text);

          *map = g_array_sized_new (FALSE, FALSE, sizeof (glong), n + 1);
          for (glong i = 0; i <= n; i++)
            g_array_append_val (*map, i);
        }
      return lower;
    }

  if (strlen (text) >= CACHE_MIN_BYTES)
    cache = g_new0 (FoldCache, 1);

  chars_init (&input, strlen (text));
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    chars_append (&input, g_utf8_get_char (p), n_input++);

  /* Compose first, so that a mark that NFC joins to its letter (the hamza
   * of U+0627 U+0654, for instance) is kept as it is in precomposed text. */
  chars_init (&composed, input.len);
  chars_nfc (&input, &composed, cache);
  chars_clear (&input);

  chars_init (&folded, composed.len);
  for (gsize i = 0; i < composed.len; i++)
    {
      gunichar c = composed.c[i];

      if (is_foldable_mark (c))
        continue;
      if (c < 0x80)
        chars_append (&folded, c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c, composed.src[i]);
      else
        append_casefolded (cache, &folded, c, composed.src[i]);
    }
  chars_clear (&composed);

  /* Case folding may decompose (U+0130 becomes i U+0307): NFC again. */
  chars_init (&result, folded.len);
  chars_nfc (&folded, &result, cache);
  chars_clear (&folded);

  /* At most four bytes a character, written straight into the string. */
  s = g_string_sized_new (result.len * 4 + 1);
  for (gsize i = 0; i < result.len; i++)
    s->len += g_unichar_to_utf8 (result.c[i], s->str + s->len);
  s->str[s->len] = '\0';

  if (map != NULL)
    {
      *map = g_array_sized_new (FALSE, FALSE, sizeof (glong), result.len + 1);
      for (gsize i = 0; i < result.len; i++)
        {
          /* Reordered combining marks could point backwards: keep the map
           * monotonic so that any [start, end) maps to a valid range. */
          last = MAX (last, result.src[i]);
          g_array_append_val (*map, last);
        }
      g_array_append_val (*map, n_input);
    }
  chars_clear (&result);

  return g_string_free (s, FALSE);
}

/* ------------------------------------------------------------------------ */
/* Character classes                                                        */

gboolean
qm_unichar_is_quote (gunichar c)
{
  switch (c)
    {
    case 0x0022: /* " */
    case 0x0027: /* ' */
    case 0x00AB: /* « */
    case 0x00BB: /* » */
    case 0x2018: /* ‘ */
    case 0x2019: /* ’ */
    case 0x201A: /* ‚ */
    case 0x201B: /* ‛ */
    case 0x201C: /* “ */
    case 0x201D: /* ” */
    case 0x201E: /* „ */
    case 0x201F: /* ‟ */
    case 0x2039: /* ‹ */
    case 0x203A: /* › */
    case 0x2E42: /* ⹂ */
    case 0x300C: /* 「 */
    case 0x300D: /* 」 */
    case 0x300E: /* 『 */
    case 0x300F: /* 』 */
    case 0x301D: /* 〝 */
    case 0x301E: /* 〞 */
    case 0x301F: /* 〟 */
    case 0xFE41: /* ﹁ */
    case 0xFE42: /* ﹂ */
    case 0xFE43: /* ﹃ */
    case 0xFE44: /* ﹄ */
    case 0xFF02: /* ＂ */
    case 0xFF07: /* ＇ */
    case 0xFF62: /* ｢ */
    case 0xFF63: /* ｣ */
    case 0x275B: /* ❛ */
    case 0x275C: /* ❜ */
    case 0x275D: /* ❝ */
    case 0x275E: /* ❞ */
    case 0x2760: /* ❠ */
    case 0x276E: /* ❮ */
    case 0x276F: /* ❯ */
    case 0x1F676: /* 🙶 */
    case 0x1F677: /* 🙷 */
    case 0x1F678: /* 🙸 */
      return TRUE;
    default:
      return FALSE;
    }
}

gboolean
qm_unichar_is_rtl (gunichar c)
{
  GUnicodeType type;

  if (c == 0x200F || c == 0x061C) /* RLM, ALM */
    return TRUE;

  if (!((c >= 0x0590 && c <= 0x08FF) ||   /* Hebrew .. Arabic Extended-A */
        (c >= 0xFB1D && c <= 0xFDFF) ||   /* Hebrew and Arabic presentation forms */
        (c >= 0xFE70 && c <= 0xFEFE) ||   /* Arabic presentation forms-B */
        (c >= 0x10800 && c <= 0x10FFF) || /* historic right-to-left scripts */
        (c >= 0x1E800 && c <= 0x1EFFF)))  /* Mende Kikakui, Adlam, Arabic math */
    return FALSE;

  /* Neither strong nor right to left, inside those blocks. */
  switch (c)
    {
    case 0x0606: case 0x0607:                /* ON: cube and fourth root */
    case 0x0609: case 0x060A:                /* ET: per mille signs */
    case 0x060C:                             /* CS: Arabic comma */
    case 0x060E: case 0x060F:                /* ON: poetic verse sign, misra */
    case 0x066A:                             /* ET: Arabic percent sign */
    case 0x066B: case 0x066C:                /* AN: decimal and thousands separators */
    case 0x06DE: case 0x06E9:                /* ON: rub el hizb, place of sajdah */
    case 0x07F6: case 0x07F7: case 0x07F8: case 0x07F9: /* ON: NKo symbols */
    case 0xFB29:                             /* ES: Hebrew alternative plus sign */
    case 0xFD3E: case 0xFD3F:                /* ON: ornate parentheses */
    case 0xFDCF: case 0xFDFD: case 0xFDFE: case 0xFDFF: /* ON */
    case 0x1091F:                            /* ON: Phoenician word separator */
    case 0x10B39: case 0x10B3A: case 0x10B3B: case 0x10B3C:
    case 0x10B3D: case 0x10B3E: case 0x10B3F: /* ON: Avestan punctuation */
    case 0x1EEF0: case 0x1EEF1:              /* ON: Arabic mathematical operators */
    case 0x070F:                             /* AL although a format character */
      return c == 0x070F;
    default:
      break;
    }

  if (c >= 0xFDD0 && c <= 0xFDEF) /* noncharacters */
    return FALSE;
  if ((c >= 0x0660 && c <= 0x0669) || (c >= 0x06F0 && c <= 0x06F9) || /* AN, EN digits */
      (c >= 0x10D30 && c <= 0x10D39) ||                                /* AN: Hanifi Rohingya digits */
      (c >= 0x10E60 && c <= 0x10E7E))                                  /* AN: Rumi numerals */
    return FALSE;

  type = g_unichar_type (c);
  switch (type)
    {
    case G_UNICODE_NON_SPACING_MARK:
    case G_UNICODE_ENCLOSING_MARK:
    case G_UNICODE_FORMAT:
    case G_UNICODE_SPACE_SEPARATOR:
    case G_UNICODE_CONTROL:
      return FALSE;
    default:
      /* Letters, NKo and Adlam digits, Hebrew and Arabic punctuation
       * (U+05C3, U+061B, U+061F, U+06D4) and unassigned code points, which
       * default to R or AL there. */
      return TRUE;
    }
}
