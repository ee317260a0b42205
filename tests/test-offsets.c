/* test-offsets.c: code point <-> byte <-> UTF-16 conversions. */
#include <string.h>
#include <glib.h>

#include "qm-offsets.h"

/* Naive reference tables, built by walking the text once: for each code
 * point offset i (0..n), its byte and UTF-16 offsets. */
typedef struct
{
  glong n_chars;
  gsize *byte_of;
  glong *utf16_of;
} Reference;

static void
reference_init (Reference  *ref,
                const char *text)
{
  glong n = g_utf8_strlen (text, -1);
  const char *p = text;

  ref->n_chars = n;
  ref->byte_of = g_new (gsize, n + 1);
  ref->utf16_of = g_new (glong, n + 1);
  ref->utf16_of[0] = 0;
  for (glong i = 0; i < n; i++)
    {
      gunichar c = g_utf8_get_char (p);

      ref->byte_of[i] = p - text;
      ref->utf16_of[i + 1] = ref->utf16_of[i] + (c >= 0x10000 ? 2 : 1);
      p = g_utf8_next_char (p);
    }
  ref->byte_of[n] = p - text;
}

static void
reference_clear (Reference *ref)
{
  g_free (ref->byte_of);
  g_free (ref->utf16_of);
}

/* Checks every code point offset of @text against the naive walk. */
static void
check_all_offsets (const char *text)
{
  g_autoptr(QmOffsets) offsets = qm_offsets_new (text, -1);
  Reference ref;

  reference_init (&ref, text);
  g_assert_cmpint (qm_offsets_get_n_chars (offsets), ==, ref.n_chars);
  g_assert_cmpuint (qm_offsets_get_n_bytes (offsets), ==, strlen (text));
  g_assert_cmpint (qm_offsets_get_n_utf16 (offsets), ==, ref.utf16_of[ref.n_chars]);

  for (glong i = 0; i <= ref.n_chars; i++)
    {
      g_assert_cmpuint (qm_offsets_char_to_byte (offsets, i), ==, ref.byte_of[i]);
      g_assert_cmpint (qm_offsets_byte_to_char (offsets, ref.byte_of[i]), ==, i);
      g_assert_cmpint (qm_offsets_char_to_utf16 (offsets, i), ==, ref.utf16_of[i]);
      g_assert_cmpint (qm_offsets_utf16_to_char (offsets, ref.utf16_of[i]), ==, i);
    }
  reference_clear (&ref);
}

static void
test_ascii (void)
{
  const char *text = "Hello, world";
  g_autoptr(QmOffsets) offsets = qm_offsets_new (text, -1);
  g_autofree char *slice = NULL;

  g_assert_true (qm_offsets_get_text (offsets) == text);
  g_assert_cmpint (qm_offsets_get_n_chars (offsets), ==, 12);
  g_assert_cmpuint (qm_offsets_get_n_bytes (offsets), ==, 12);
  g_assert_cmpint (qm_offsets_get_n_utf16 (offsets), ==, 12);
  g_assert_cmpuint (qm_offsets_char_to_byte (offsets, 7), ==, 7);
  g_assert_cmpint (qm_offsets_byte_to_char (offsets, 7), ==, 7);
  g_assert_cmpint (qm_offsets_char_to_utf16 (offsets, 7), ==, 7);
  g_assert_cmpint (qm_offsets_utf16_to_char (offsets, 7), ==, 7);

  /* Past the end clamps to the end. */
  g_assert_cmpuint (qm_offsets_char_to_byte (offsets, 500), ==, 12);
  g_assert_cmpint (qm_offsets_byte_to_char (offsets, 500), ==, 12);
  g_assert_cmpint (qm_offsets_char_to_utf16 (offsets, 500), ==, 12);
  g_assert_cmpint (qm_offsets_utf16_to_char (offsets, 500), ==, 12);
  g_assert_cmpuint (qm_offsets_char_to_byte (offsets, -3), ==, 0);

  slice = qm_offsets_slice (offsets, 7, 12);
  g_assert_cmpstr (slice, ==, "world");
  check_all_offsets (text);
}

static void
test_explicit_length (void)
{
  /* Only the first @len bytes are indexed. */
  const char *text = "مرحبا بالعالم";
  g_autoptr(QmOffsets) offsets = qm_offsets_new (text, 10); /* مرحبا */
  g_autofree char *slice = NULL;

  g_assert_cmpint (qm_offsets_get_n_chars (offsets), ==, 5);
  g_assert_cmpuint (qm_offsets_get_n_bytes (offsets), ==, 10);
  g_assert_cmpuint (qm_offsets_char_to_byte (offsets, 9), ==, 10);
  slice = qm_offsets_slice (offsets, 0, 100);
  g_assert_cmpstr (slice, ==, "مرحبا");
}

static void
test_empty (void)
{
  g_autoptr(QmOffsets) offsets = qm_offsets_new ("", -1);
  g_autofree char *slice = NULL;

  g_assert_cmpint (qm_offsets_get_n_chars (offsets), ==, 0);
  g_assert_cmpuint (qm_offsets_get_n_bytes (offsets), ==, 0);
  g_assert_cmpint (qm_offsets_get_n_utf16 (offsets), ==, 0);
  g_assert_cmpuint (qm_offsets_char_to_byte (offsets, 3), ==, 0);
  g_assert_cmpint (qm_offsets_byte_to_char (offsets, 3), ==, 0);
  g_assert_cmpint (qm_offsets_utf16_to_char (offsets, 0), ==, 0);
  slice = qm_offsets_slice (offsets, 0, 1);
  g_assert_cmpstr (slice, ==, "");
}

static void
test_arabic_harakat (void)
{
  /* مُحَمَّد: meem damma hah fatha meem fatha shadda dal. */
  const char *text = "مُحَمَّد";
  g_autoptr(QmOffsets) offsets = qm_offsets_new (text, -1);
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;

  g_assert_cmpint (qm_offsets_get_n_chars (offsets), ==, 8);
  g_assert_cmpuint (qm_offsets_get_n_bytes (offsets), ==, 16);
  g_assert_cmpint (qm_offsets_get_n_utf16 (offsets), ==, 8);
  g_assert_cmpuint (qm_offsets_char_to_byte (offsets, 3), ==, 6);
  g_assert_cmpuint (qm_offsets_char_to_byte (offsets, 7), ==, 14);
  /* A byte inside a character maps to that character's start. */
  g_assert_cmpint (qm_offsets_byte_to_char (offsets, 7), ==, 3);
  g_assert_cmpint (qm_offsets_byte_to_char (offsets, 6), ==, 3);
  g_assert_cmpint (qm_offsets_byte_to_char (offsets, 15), ==, 7);
  g_assert_cmpint (qm_offsets_byte_to_char (offsets, 16), ==, 8);

  first = qm_offsets_slice (offsets, 0, 2);
  g_assert_cmpstr (first, ==, "مُ");
  last = qm_offsets_slice (offsets, 4, 8);
  g_assert_cmpstr (last, ==, "مَّد");
  check_all_offsets (text);
}

static void
test_arabic_tatweel (void)
{
  /* محـــمد: three tatweels (U+0640) stretch the word. */
  const char *text = "محـــمد";
  g_autoptr(QmOffsets) offsets = qm_offsets_new (text, -1);
  g_autofree char *slice = NULL;

  g_assert_cmpint (qm_offsets_get_n_chars (offsets), ==, 7);
  g_assert_cmpuint (qm_offsets_get_n_bytes (offsets), ==, 14);
  g_assert_cmpint (qm_offsets_get_n_utf16 (offsets), ==, 7);
  slice = qm_offsets_slice (offsets, 2, 5);
  g_assert_cmpstr (slice, ==, "ـــ");
  check_all_offsets (text);
}

static void
test_persian_zwnj (void)
{
  /* می‌خواهم: meem yeh ZWNJ khah waw alef heh meem. */
  const char *text = "می‌خواهم";
  g_autoptr(QmOffsets) offsets = qm_offsets_new (text, -1);
  g_autofree char *prefix = NULL;

  g_assert_cmpint (qm_offsets_get_n_chars (offsets), ==, 8);
  g_assert_cmpuint (qm_offsets_get_n_bytes (offsets), ==, 17); /* 7 × 2 + 3 */
  g_assert_cmpint (qm_offsets_get_n_utf16 (offsets), ==, 8);
  g_assert_cmpuint (qm_offsets_char_to_byte (offsets, 2), ==, 4);
  g_assert_cmpuint (qm_offsets_char_to_byte (offsets, 3), ==, 7);
  g_assert_cmpint (qm_offsets_byte_to_char (offsets, 5), ==, 2);
  g_assert_cmpint (qm_offsets_byte_to_char (offsets, 6), ==, 2);
  prefix = qm_offsets_slice (offsets, 0, 3);
  g_assert_cmpstr (prefix, ==, "می\u200C");
  check_all_offsets (text);
}

static void
test_emoji (void)
{
  /* a 👍🏽 b: U+1F44D U+1F3FD are both outside the BMP. */
  const char *text = "a👍🏽b";
  g_autoptr(QmOffsets) offsets = qm_offsets_new (text, -1);
  g_autofree char *thumb = NULL;

  g_assert_cmpint (qm_offsets_get_n_chars (offsets), ==, 4);
  g_assert_cmpuint (qm_offsets_get_n_bytes (offsets), ==, 10);
  g_assert_cmpint (qm_offsets_get_n_utf16 (offsets), ==, 6);
  g_assert_cmpint (qm_offsets_char_to_utf16 (offsets, 1), ==, 1);
  g_assert_cmpint (qm_offsets_char_to_utf16 (offsets, 2), ==, 3);
  g_assert_cmpint (qm_offsets_char_to_utf16 (offsets, 3), ==, 5);
  g_assert_cmpint (qm_offsets_char_to_utf16 (offsets, 4), ==, 6);
  g_assert_cmpint (qm_offsets_utf16_to_char (offsets, 1), ==, 1);
  g_assert_cmpint (qm_offsets_utf16_to_char (offsets, 2), ==, -1); /* inside the pair */
  g_assert_cmpint (qm_offsets_utf16_to_char (offsets, 3), ==, 2);
  g_assert_cmpint (qm_offsets_utf16_to_char (offsets, 4), ==, -1);
  g_assert_cmpint (qm_offsets_utf16_to_char (offsets, 5), ==, 3);
  g_assert_cmpint (qm_offsets_byte_to_char (offsets, 3), ==, 1);
  g_assert_cmpint (qm_offsets_byte_to_char (offsets, 5), ==, 2);
  thumb = qm_offsets_slice (offsets, 1, 3);
  g_assert_cmpstr (thumb, ==, "👍🏽");
  check_all_offsets (text);
}

static void
test_emoji_zwj_family (void)
{
  /* 👨‍👩‍👧‍👦: four emoji joined by three ZWJ (U+200D). */
  const char *text = "x 👨‍👩‍👧‍👦 y";
  g_autoptr(QmOffsets) offsets = qm_offsets_new (text, -1);
  g_autofree char *family = NULL;

  g_assert_cmpint (qm_offsets_get_n_chars (offsets), ==, 2 + 7 + 2);
  g_assert_cmpuint (qm_offsets_get_n_bytes (offsets), ==, 2 + 4 * 4 + 3 * 3 + 2);
  g_assert_cmpint (qm_offsets_get_n_utf16 (offsets), ==, 2 + 4 * 2 + 3 + 2);
  /* After 👨 (a surrogate pair) and a ZWJ. */
  g_assert_cmpint (qm_offsets_char_to_utf16 (offsets, 4), ==, 5);
  g_assert_cmpint (qm_offsets_utf16_to_char (offsets, 5), ==, 4);
  g_assert_cmpint (qm_offsets_utf16_to_char (offsets, 6), ==, -1);
  g_assert_cmpint (qm_offsets_char_to_utf16 (offsets, 9), ==, 13);
  family = qm_offsets_slice (offsets, 2, 9);
  g_assert_cmpstr (family, ==, "👨‍👩‍👧‍👦");
  check_all_offsets (text);
}

static void
test_decomposed_accents (void)
{
  /* été with combining acute accents: e U+0301 t e U+0301. */
  const char *text = "e\xCC\x81te\xCC\x81";
  g_autoptr(QmOffsets) offsets = qm_offsets_new (text, -1);
  g_autofree char *slice = NULL;

  g_assert_cmpint (qm_offsets_get_n_chars (offsets), ==, 5);
  g_assert_cmpuint (qm_offsets_get_n_bytes (offsets), ==, 7);
  g_assert_cmpint (qm_offsets_get_n_utf16 (offsets), ==, 5);
  g_assert_cmpuint (qm_offsets_char_to_byte (offsets, 2), ==, 3);
  slice = qm_offsets_slice (offsets, 3, 5);
  g_assert_cmpstr (slice, ==, "e\xCC\x81");
  check_all_offsets (text);
}

static void
test_cjk (void)
{
  /* Three BMP ideographs, then U+20000 (CJK Extension B, a surrogate pair). */
  const char *text = "中文字𠀀。";
  g_autoptr(QmOffsets) offsets = qm_offsets_new (text, -1);

  g_assert_cmpint (qm_offsets_get_n_chars (offsets), ==, 5);
  g_assert_cmpuint (qm_offsets_get_n_bytes (offsets), ==, 3 * 3 + 4 + 3);
  g_assert_cmpint (qm_offsets_get_n_utf16 (offsets), ==, 3 + 2 + 1);
  g_assert_cmpuint (qm_offsets_char_to_byte (offsets, 4), ==, 13);
  g_assert_cmpint (qm_offsets_char_to_utf16 (offsets, 4), ==, 5);
  g_assert_cmpint (qm_offsets_utf16_to_char (offsets, 4), ==, -1);
  check_all_offsets (text);
}

static void
test_checkpoint_edges (void)
{
  /* Texts whose lengths fall on and around the index stride. */
  const guint lengths[] = { 1, 63, 64, 65, 127, 128, 129, 200 };

  for (guint l = 0; l < G_N_ELEMENTS (lengths); l++)
    {
      g_autoptr(GString) s = g_string_new (NULL);

      for (guint i = 0; i < lengths[l]; i++)
        g_string_append (s, i % 3 == 0 ? "😀" : i % 3 == 1 ? "ب" : "z");
      check_all_offsets (s->str);
    }
}

static const char *const pool[] = {
  "a", "Z", " ", "\n", ",", "é", "e\xCC\x81", "ß", "م", "ُ", "ّ", "ـ", "\u200C",
  "\u200D", "ی", "א", "中", "가", "😀", "👍🏽", "𠀀", "🇫🇷", "«", "»", "“", "”",
};

static char *
random_text (GRand *rand,
             gsize  min_bytes)
{
  GString *s = g_string_sized_new (min_bytes + 16);

  while (s->len < min_bytes)
    g_string_append (s, pool[g_rand_int_range (rand, 0, G_N_ELEMENTS (pool))]);
  return g_string_free (s, FALSE);
}

static void
test_random_against_naive_walk (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240517);
  g_autofree char *text = random_text (rand, 200 * 1024);
  g_autoptr(QmOffsets) offsets = qm_offsets_new (text, -1);
  gsize n_bytes = strlen (text);
  Reference ref;

  reference_init (&ref, text);
  g_assert_cmpint (qm_offsets_get_n_chars (offsets), ==, ref.n_chars);
  g_assert_cmpint (qm_offsets_get_n_utf16 (offsets), ==, ref.utf16_of[ref.n_chars]);

  for (guint k = 0; k < 20000; k++)
    {
      glong i = g_rand_int_range (rand, 0, ref.n_chars + 1);
      gsize byte = g_rand_int_range (rand, 0, n_bytes + 1);
      glong u = g_rand_int_range (rand, 0, ref.utf16_of[ref.n_chars] + 1);
      glong expected_char, lo, hi;

      g_assert_cmpuint (qm_offsets_char_to_byte (offsets, i), ==, ref.byte_of[i]);
      g_assert_cmpint (qm_offsets_char_to_utf16 (offsets, i), ==, ref.utf16_of[i]);
      g_assert_cmpint (qm_offsets_byte_to_char (offsets, ref.byte_of[i]), ==, i);
      g_assert_cmpint (qm_offsets_utf16_to_char (offsets, ref.utf16_of[i]), ==, i);

      /* An arbitrary byte: the character containing it. */
      lo = 0;
      hi = ref.n_chars;
      while (lo < hi)
        {
          glong mid = lo + (hi - lo + 1) / 2;

          if (ref.byte_of[mid] <= byte)
            lo = mid;
          else
            hi = mid - 1;
        }
      expected_char = lo;
      g_assert_cmpint (qm_offsets_byte_to_char (offsets, byte), ==, expected_char);

      /* An arbitrary UTF-16 unit: a character start, or -1 inside a pair. */
      lo = 0;
      hi = ref.n_chars;
      while (lo < hi)
        {
          glong mid = lo + (hi - lo + 1) / 2;

          if (ref.utf16_of[mid] <= u)
            lo = mid;
          else
            hi = mid - 1;
        }
      expected_char = ref.utf16_of[lo] == u ? lo : -1;
      g_assert_cmpint (qm_offsets_utf16_to_char (offsets, u), ==, expected_char);
    }

  for (guint k = 0; k < 200; k++)
    {
      glong a = g_rand_int_range (rand, 0, ref.n_chars + 1);
      glong max_b = MIN (a + 40, ref.n_chars);
      glong b = g_rand_int_range (rand, a, max_b + 1);
      g_autofree char *slice = qm_offsets_slice (offsets, a, b);

      g_assert_cmpmem (slice, strlen (slice), text + ref.byte_of[a], ref.byte_of[b] - ref.byte_of[a]);
      g_assert_cmpint (qm_utf8_n_chars (slice, -1), ==, b - a);
    }
  reference_clear (&ref);
}

static void
test_large_article (void)
{
  /* 1 MB and 5,000 spans of random length, both ways and through UTF-16. */
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autofree char *text = random_text (rand, 1024 * 1024);
  g_autoptr(QmOffsets) offsets = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  glong n;
  glong checksum = 0;

  offsets = qm_offsets_new (text, -1);
  n = qm_offsets_get_n_chars (offsets);
  for (guint k = 0; k < 5000; k++)
    {
      glong start = g_rand_int_range (rand, 0, n);
      glong length = g_rand_int_range (rand, 1, 300);
      glong end = MIN (n, start + length);
      gsize sb = qm_offsets_char_to_byte (offsets, start);
      gsize eb = qm_offsets_char_to_byte (offsets, end);

      g_assert_cmpint (qm_offsets_byte_to_char (offsets, sb), ==, start);
      g_assert_cmpint (qm_offsets_byte_to_char (offsets, eb), ==, end);
      g_assert_cmpint (qm_offsets_utf16_to_char (offsets, qm_offsets_char_to_utf16 (offsets, start)), ==, start);
      g_assert_cmpint (qm_offsets_utf16_to_char (offsets, qm_offsets_char_to_utf16 (offsets, end)), ==, end);
      checksum += eb - sb;
    }
  g_assert_cmpint (checksum, >, 0);
  /* How fast the index makes this is the benchmark's to show, not a
   * test's; the time is only reported. */
  g_test_message ("5,000 spans of a 1 MB article converted in %.3f s", g_timer_elapsed (timer, NULL));
}

static void
test_slice (void)
{
  const char *text = "«سلام» said 👍🏽";
  g_autoptr(QmOffsets) offsets = qm_offsets_new (text, -1);
  g_autofree char *a = qm_offsets_slice (offsets, 0, 6);
  g_autofree char *b = qm_offsets_slice (offsets, 12, 14);
  g_autofree char *c = qm_offsets_slice (offsets, 5, 3); /* reversed: empty */
  g_autofree char *d = qm_offsets_slice (offsets, -4, 1000);

  g_assert_cmpstr (a, ==, "«سلام»");
  g_assert_cmpstr (b, ==, "👍🏽");
  g_assert_cmpstr (c, ==, "");
  g_assert_cmpstr (d, ==, text);
}

static void
test_one_off_helpers (void)
{
  g_assert_cmpint (qm_utf8_n_chars ("", -1), ==, 0);
  g_assert_cmpint (qm_utf8_n_chars ("abc", -1), ==, 3);
  g_assert_cmpint (qm_utf8_n_chars ("مُحَمَّد", -1), ==, 8);
  g_assert_cmpint (qm_utf8_n_chars ("👍🏽", -1), ==, 2);
  g_assert_cmpint (qm_utf8_n_chars ("مُحَمَّد", 4), ==, 2);
  g_assert_cmpint (qm_utf8_n_chars ("a\0b", 3), ==, 3); /* an explicit length counts NULs */

  g_assert_cmpuint (qm_utf8_char_to_byte ("مُحَمَّد", 0), ==, 0);
  g_assert_cmpuint (qm_utf8_char_to_byte ("مُحَمَّد", 3), ==, 6);
  g_assert_cmpuint (qm_utf8_char_to_byte ("a👍🏽b", 3), ==, 9);
  g_assert_cmpuint (qm_utf8_char_to_byte ("a👍🏽b", 99), ==, 10); /* clamped */
  g_assert_cmpuint (qm_utf8_char_to_byte ("می‌خواهم", 3), ==, 7);
}

static void
test_boxed (void)
{
  QmOffsets *offsets = qm_offsets_new ("abc", -1);
  QmOffsets *copy;

  g_assert_true (G_TYPE_IS_BOXED (QM_TYPE_OFFSETS));
  copy = g_boxed_copy (QM_TYPE_OFFSETS, offsets);
  g_assert_true (copy == offsets);
  g_boxed_free (QM_TYPE_OFFSETS, copy);
  g_assert_cmpint (qm_offsets_get_n_chars (offsets), ==, 3);
  g_assert_true (qm_offsets_ref (offsets) == offsets);
  qm_offsets_unref (offsets);
  qm_offsets_unref (offsets);
}

/* The cursor agrees with the reference walk going forward in small and
 * large steps, going back, and past the end; a truncated sequence at the
 * end is one character, as in the index. */
static void
test_cursor (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (31);
  g_autofree char *text = random_text (rand, 20 * 1024);
  QmUtf8Cursor cursor;
  Reference ref;
  glong at = 0;

  reference_init (&ref, text);
  qm_utf8_cursor_init (&cursor, text, -1);
  for (guint k = 0; k < 2000; k++)
    {
      /* Mostly forward, as spans come, sometimes back. */
      if (g_rand_int_range (rand, 0, 10) == 0)
        at = g_rand_int_range (rand, 0, ref.n_chars + 1);
      else
        at = MIN (at + g_rand_int_range (rand, 0, 40), ref.n_chars);
      g_assert_cmpuint (qm_utf8_cursor_seek (&cursor, at), ==, ref.byte_of[at]);
    }
  g_assert_cmpuint (qm_utf8_cursor_seek (&cursor, ref.n_chars + 5), ==, strlen (text));
  g_assert_cmpuint (qm_utf8_cursor_seek (&cursor, -3), ==, 0);
  reference_clear (&ref);

  /* "aé" and the first byte of "😀": three characters, five bytes. */
  qm_utf8_cursor_init (&cursor, "a\xC3\xA9\xF0\x9F", 5);
  g_assert_cmpuint (qm_utf8_cursor_seek (&cursor, 2), ==, 3);
  g_assert_cmpuint (qm_utf8_cursor_seek (&cursor, 3), ==, 5);
  g_assert_cmpuint (qm_utf8_cursor_seek (&cursor, 4), ==, 5);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/offsets/ascii", test_ascii);
  g_test_add_func ("/offsets/explicit-length", test_explicit_length);
  g_test_add_func ("/offsets/empty", test_empty);
  g_test_add_func ("/offsets/arabic-harakat", test_arabic_harakat);
  g_test_add_func ("/offsets/arabic-tatweel", test_arabic_tatweel);
  g_test_add_func ("/offsets/persian-zwnj", test_persian_zwnj);
  g_test_add_func ("/offsets/emoji", test_emoji);
  g_test_add_func ("/offsets/emoji-zwj-family", test_emoji_zwj_family);
  g_test_add_func ("/offsets/decomposed-accents", test_decomposed_accents);
  g_test_add_func ("/offsets/cjk", test_cjk);
  g_test_add_func ("/offsets/checkpoint-edges", test_checkpoint_edges);
  g_test_add_func ("/offsets/random-against-naive-walk", test_random_against_naive_walk);
  g_test_add_func ("/offsets/large-article", test_large_article);
  g_test_add_func ("/offsets/slice", test_slice);
  g_test_add_func ("/offsets/one-off-helpers", test_one_off_helpers);
  g_test_add_func ("/offsets/cursor", test_cursor);
  g_test_add_func ("/offsets/boxed", test_boxed);

  return g_test_run ();
}
