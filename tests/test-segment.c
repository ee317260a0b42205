/* test-segment.c: grapheme, word and sentence boundaries and span snapping. */
#include <string.h>
#include <glib.h>
#include <pango/pango.h>

#include "qm-segment.h"

/* Code point offset of the first occurrence of @needle in @text. */
static glong
offset_of (const char *text,
           const char *needle)
{
  const char *p = strstr (text, needle);

  g_assert_nonnull (p);
  return g_utf8_pointer_to_offset (text, p);
}

/* The characters [start, end) of @text. */
static char *
slice (const char *text,
       glong       start,
       glong       end)
{
  const char *a = g_utf8_offset_to_pointer (text, start);
  const char *b = g_utf8_offset_to_pointer (text, end);

  return g_strndup (a, b - a);
}

/* Snaps [start, end) and checks the result, both as offsets and as text. */
static void
assert_snap (QmSegmenter *seg,
             const char  *text,
             QmSnapFlags  flags,
             glong        start,
             glong        end,
             glong        expected_start,
             glong        expected_end,
             const char  *expected_text)
{
  glong s = start, e = end;
  g_autofree char *got = NULL;

  g_assert_true (qm_segmenter_snap (seg, flags, &s, &e));
  got = slice (text, s, e);
  g_assert_cmpstr (got, ==, expected_text);
  g_assert_cmpint (s, ==, expected_start);
  g_assert_cmpint (e, ==, expected_end);
}

static void
test_word_queries (void)
{
  const char *text = "Hello world, again.";
  g_autoptr(QmSegmenter) seg = qm_segmenter_new (text, -1);

  g_assert_cmpint (qm_segmenter_get_n_chars (seg), ==, 19);
  g_assert_true (qm_segmenter_is_word_start (seg, 0));
  g_assert_false (qm_segmenter_is_word_start (seg, 1));
  g_assert_true (qm_segmenter_is_word_end (seg, 5));
  g_assert_true (qm_segmenter_is_word_start (seg, 6));
  g_assert_true (qm_segmenter_is_word_end (seg, 11));
  g_assert_false (qm_segmenter_is_word_end (seg, 12));
  g_assert_true (qm_segmenter_is_word_boundary (seg, 11));
  g_assert_true (qm_segmenter_is_word_boundary (seg, 12)); /* between , and space */
  g_assert_false (qm_segmenter_is_word_boundary (seg, 3));
  g_assert_true (qm_segmenter_is_grapheme_boundary (seg, 3));
  g_assert_true (qm_segmenter_is_grapheme_boundary (seg, 19));

  /* Out of range: no boundary at all. */
  g_assert_false (qm_segmenter_is_grapheme_boundary (seg, -1));
  g_assert_false (qm_segmenter_is_grapheme_boundary (seg, 20));
  g_assert_false (qm_segmenter_is_word_start (seg, 100));
  g_assert_false (qm_segmenter_is_word_end (seg, -5));
  g_assert_false (qm_segmenter_is_word_boundary (seg, 20));
  g_assert_false (qm_segmenter_is_sentence_boundary (seg, 20));
}

static void
test_explicit_length (void)
{
  const char *text = "abc def";
  g_autoptr(QmSegmenter) seg = qm_segmenter_new (text, 3);

  g_assert_cmpint (qm_segmenter_get_n_chars (seg), ==, 3);
  g_assert_true (qm_segmenter_is_word_end (seg, 3));
}

static void
test_arabic_harakat_graphemes (void)
{
  /* قال مُحَمَّد أمس: the name is م ُ ح َ م َ ّ د at offsets 4..11. */
  const char *text = "قال مُحَمَّد أمس";
  g_autoptr(QmSegmenter) seg = qm_segmenter_new (text, -1);

  g_assert_cmpint (qm_segmenter_get_n_chars (seg), ==, 16);
  /* No boundary between a letter and its harakat. */
  g_assert_true (qm_segmenter_is_grapheme_boundary (seg, 4));
  g_assert_false (qm_segmenter_is_grapheme_boundary (seg, 5));
  g_assert_true (qm_segmenter_is_grapheme_boundary (seg, 6));
  g_assert_false (qm_segmenter_is_grapheme_boundary (seg, 9));
  g_assert_false (qm_segmenter_is_grapheme_boundary (seg, 10));
  g_assert_true (qm_segmenter_is_grapheme_boundary (seg, 11));
  g_assert_true (qm_segmenter_is_word_start (seg, 4));
  g_assert_true (qm_segmenter_is_word_end (seg, 12));
  g_assert_false (qm_segmenter_is_word_boundary (seg, 8));

  /* Starting on a damma: back to its meem; ending before a fatha: after it. */
  assert_snap (seg, text, QM_SNAP_GRAPHEMES, 5, 7, 4, 8, "مُحَ");
  /* Already clean. */
  assert_snap (seg, text, QM_SNAP_GRAPHEMES, 6, 8, 6, 8, "حَ");
  /* Ending between the fatha and the shadda of the second meem. */
  assert_snap (seg, text, QM_SNAP_GRAPHEMES, 7, 10, 6, 11, "حَمَّ");
  /* Inside the word: the whole word. */
  assert_snap (seg, text, QM_SNAP_WORDS, 6, 9, 4, 12, "مُحَمَّد");
  assert_snap (seg, text, QM_SNAP_WORDS, 5, 6, 4, 12, "مُحَمَّد");
  /* Over a word edge: the selection keeps the space, both words complete. */
  assert_snap (seg, text, QM_SNAP_WORDS, 10, 14, 4, 16, "مُحَمَّد أمس");
  assert_snap (seg, text, QM_SNAP_WORDS | QM_SNAP_TRIM, 11, 13, 4, 12, "مُحَمَّد");
}

static void
test_arabic_tatweel (void)
{
  const char *text = "عن محـــمد قال";
  g_autoptr(QmSegmenter) seg = qm_segmenter_new (text, -1);

  /* Tatweel stays inside the word. */
  g_assert_true (qm_segmenter_is_word_start (seg, 3));
  g_assert_false (qm_segmenter_is_word_boundary (seg, 5));
  g_assert_false (qm_segmenter_is_word_boundary (seg, 8));
  g_assert_true (qm_segmenter_is_word_end (seg, 10));
  assert_snap (seg, text, QM_SNAP_WORDS, 5, 7, 3, 10, "محـــمد");
  assert_snap (seg, text, QM_SNAP_WORDS | QM_SNAP_TRIM, 2, 6, 3, 10, "محـــمد");
}

static void
test_persian_zwnj (void)
{
  /* من می‌خواهم بروم: the ZWNJ (offset 5) does not split می‌خواهم. */
  const char *text = "من می‌خواهم بروم";
  g_autoptr(QmSegmenter) seg = qm_segmenter_new (text, -1);

  g_assert_cmpint (qm_segmenter_get_n_chars (seg), ==, 16);
  g_assert_true (qm_segmenter_is_word_start (seg, 3));
  g_assert_false (qm_segmenter_is_word_boundary (seg, 5));
  g_assert_false (qm_segmenter_is_word_boundary (seg, 6));
  g_assert_false (qm_segmenter_is_word_end (seg, 5));
  g_assert_false (qm_segmenter_is_word_start (seg, 6));
  g_assert_true (qm_segmenter_is_word_end (seg, 11));

  assert_snap (seg, text, QM_SNAP_WORDS, 6, 8, 3, 11, "می‌خواهم");
  assert_snap (seg, text, QM_SNAP_WORDS, 3, 5, 3, 11, "می‌خواهم");
  /* The ZWNJ belongs to the grapheme of the yeh before it. */
  assert_snap (seg, text, QM_SNAP_GRAPHEMES, 5, 6, 4, 6, "ی\u200C");
  assert_snap (seg, text, QM_SNAP_WORDS | QM_SNAP_TRIM, 1, 13, 0, 16, "من می‌خواهم بروم");
}

static void
test_emoji_modifier (void)
{
  /* ok 👍🏽 yes: the thumb (3) and its skin tone (4) are one grapheme. */
  const char *text = "ok 👍🏽 yes";
  g_autoptr(QmSegmenter) seg = qm_segmenter_new (text, -1);

  g_assert_cmpint (qm_segmenter_get_n_chars (seg), ==, 9);
  g_assert_true (qm_segmenter_is_grapheme_boundary (seg, 3));
  g_assert_false (qm_segmenter_is_grapheme_boundary (seg, 4));
  g_assert_true (qm_segmenter_is_grapheme_boundary (seg, 5));

  /* A selection ending between the emoji and its modifier takes the modifier. */
  assert_snap (seg, text, QM_SNAP_GRAPHEMES, 0, 4, 0, 5, "ok 👍🏽");
  assert_snap (seg, text, QM_SNAP_GRAPHEMES, 3, 4, 3, 5, "👍🏽");
  /* Starting on the modifier takes the emoji. */
  assert_snap (seg, text, QM_SNAP_GRAPHEMES, 4, 9, 3, 9, "👍🏽 yes");
  /* Emoji are not punctuation: trimming keeps them. */
  assert_snap (seg, text, QM_SNAP_TRIM, 2, 6, 3, 5, "👍🏽");
}

static void
test_emoji_zwj_sequence (void)
{
  /* a 👨‍👩‍👧 b: man ZWJ woman ZWJ girl (offsets 2..6) is one grapheme. */
  const char *text = "a 👨‍👩‍👧 b";
  g_autoptr(QmSegmenter) seg = qm_segmenter_new (text, -1);

  for (glong i = 3; i <= 6; i++)
    g_assert_false (qm_segmenter_is_grapheme_boundary (seg, i));
  assert_snap (seg, text, QM_SNAP_GRAPHEMES, 4, 5, 2, 7, "👨‍👩‍👧");
  assert_snap (seg, text, QM_SNAP_GRAPHEMES, 0, 3, 0, 7, "a 👨‍👩‍👧");
  assert_snap (seg, text, QM_SNAP_GRAPHEMES, 6, 9, 2, 9, "👨‍👩‍👧 b");
}

static void
test_decomposed_accent (void)
{
  /* café noir with e + U+0301. */
  const char *text = "cafe\xCC\x81 noir";
  g_autoptr(QmSegmenter) seg = qm_segmenter_new (text, -1);

  g_assert_false (qm_segmenter_is_grapheme_boundary (seg, 4));
  assert_snap (seg, text, QM_SNAP_GRAPHEMES, 0, 4, 0, 5, "cafe\xCC\x81");
  assert_snap (seg, text, QM_SNAP_GRAPHEMES, 4, 5, 3, 5, "e\xCC\x81");
  assert_snap (seg, text, QM_SNAP_WORDS, 1, 2, 0, 5, "cafe\xCC\x81");
  assert_snap (seg, text, QM_SNAP_WORDS, 4, 7, 0, 10, "cafe\xCC\x81 noir");
}

static void
test_trim_keeps_quotes (void)
{
  const char *text = "He said , «Nous resterons», and left: “We will win,” she said.";
  g_autoptr(QmSegmenter) seg = qm_segmenter_new (text, -1);
  glong guillemet = offset_of (text, "«");
  glong quote_end = offset_of (text, "»") + 1;
  glong curly = offset_of (text, "“");
  glong curly_end = offset_of (text, "”") + 1;

  /* Spaces and commas go, the guillemets stay. */
  assert_snap (seg, text, QM_SNAP_TRIM, guillemet - 3, quote_end + 2,
               guillemet, quote_end, "«Nous resterons»");
  /* The comma inside the quotation marks stays, the colon and space before go. */
  assert_snap (seg, text, QM_SNAP_TRIM, curly - 2, curly_end + 1,
               curly, curly_end, "“We will win,”");
  /* Words and trimming together: a sloppy selection. */
  assert_snap (seg, text, QM_SNAP_TRIM | QM_SNAP_WORDS, guillemet + 3, quote_end - 4,
               guillemet + 1, quote_end - 1, "Nous resterons");
  /* Trailing punctuation of a sentence goes. */
  assert_snap (seg, text, QM_SNAP_TRIM, curly_end + 1, curly_end + 11,
               curly_end + 1, curly_end + 9, "she said");
}

static void
test_trim_arabic (void)
{
  /* Arabic comma and question mark go, the guillemets stay. */
  const char *text = "قال، «نحن هنا» ؟ ثم";
  g_autoptr(QmSegmenter) seg = qm_segmenter_new (text, -1);
  glong open = offset_of (text, "«");
  glong close = offset_of (text, "»") + 1;

  assert_snap (seg, text, QM_SNAP_TRIM, open - 2, close + 3, open, close, "«نحن هنا»");
  assert_snap (seg, text, QM_SNAP_TRIM | QM_SNAP_WORDS, open - 2, open + 2,
               open, open + 4, "«نحن");
}

static void
test_trim_keeps_percent_and_handles (void)
{
  const char *text = "rose 5%, says @minister.";
  g_autoptr(QmSegmenter) seg = qm_segmenter_new (text, -1);

  assert_snap (seg, text, QM_SNAP_TRIM, 4, 8, 5, 7, "5%");
  assert_snap (seg, text, QM_SNAP_TRIM, 13, 24, 14, 23, "@minister");
}

static void
test_nothing_left (void)
{
  const char *text = "a   , ;  b";
  g_autoptr(QmSegmenter) seg = qm_segmenter_new (text, -1);
  glong s = 1, e = 9;

  /* Spaces and punctuation only: nothing left, offsets untouched. */
  g_assert_false (qm_segmenter_snap (seg, QM_SNAP_TRIM, &s, &e));
  g_assert_cmpint (s, ==, 1);
  g_assert_cmpint (e, ==, 9);
  g_assert_false (qm_segmenter_snap (seg, QM_SNAP_TRIM | QM_SNAP_WORDS, &s, &e));
  g_assert_cmpint (s, ==, 1);
  g_assert_cmpint (e, ==, 9);

  /* Without trimming a run of spaces is a (poor) span. */
  assert_snap (seg, text, QM_SNAP_GRAPHEMES, 1, 4, 1, 4, "   ");

  /* An empty selection is nothing, unless it sits in a word to grow to. */
  s = e = 2;
  g_assert_false (qm_segmenter_snap (seg, QM_SNAP_GRAPHEMES, &s, &e));
  g_assert_false (qm_segmenter_snap (seg, QM_SNAP_WORDS, &s, &e));
  g_assert_cmpint (s, ==, 2);
  g_assert_cmpint (e, ==, 2);
}

static void
test_whitespace_only_text (void)
{
  const char *text = " \u00A0\u200B\t\n ";
  g_autoptr(QmSegmenter) seg = qm_segmenter_new (text, -1);
  glong s = 0, e = 6;

  g_assert_false (qm_segmenter_snap (seg, QM_SNAP_TRIM, &s, &e));
  g_assert_cmpint (s, ==, 0);
  g_assert_cmpint (e, ==, 6);
}

static void
test_clamp_and_order (void)
{
  const char *text = "one two";
  g_autoptr(QmSegmenter) seg = qm_segmenter_new (text, -1);

  assert_snap (seg, text, QM_SNAP_GRAPHEMES, -10, 100, 0, 7, "one two");
  /* Reversed bounds are put in order. */
  assert_snap (seg, text, QM_SNAP_GRAPHEMES, 3, 0, 0, 3, "one");
  assert_snap (seg, text, QM_SNAP_WORDS, 5, 5, 4, 7, "two");
}

static void
test_sentences_mixed (void)
{
  const char *text =
    "The minister spoke first. قال الوزير إن المحادثات مستمرة. "
    "Talks resume on Monday! هل ستنجح المفاوضات؟ Nobody knows.";
  g_autoptr(QmSegmenter) seg = qm_segmenter_new (text, -1);
  glong n = qm_segmenter_get_n_chars (seg);
  const glong starts[] = {
    0,
    offset_of (text, "قال"),
    offset_of (text, "Talks"),
    offset_of (text, "هل"),
    offset_of (text, "Nobody"),
    n,
  };
  guint n_boundaries = 0;

  for (guint i = 0; i < G_N_ELEMENTS (starts); i++)
    g_assert_true (qm_segmenter_is_sentence_boundary (seg, starts[i]));
  g_assert_false (qm_segmenter_is_sentence_boundary (seg, offset_of (text, "الوزير")));
  g_assert_false (qm_segmenter_is_sentence_boundary (seg, offset_of (text, "Monday")));
  /* Not before the space that follows a full stop. */
  g_assert_false (qm_segmenter_is_sentence_boundary (seg, offset_of (text, ". قال") + 1));

  for (glong i = 0; i <= n; i++)
    if (qm_segmenter_is_sentence_boundary (seg, i))
      n_boundaries++;
  g_assert_cmpuint (n_boundaries, ==, G_N_ELEMENTS (starts));
}

static void
test_empty_text (void)
{
  g_autoptr(QmSegmenter) seg = qm_segmenter_new ("", -1);
  glong s = 0, e = 0;

  g_assert_cmpint (qm_segmenter_get_n_chars (seg), ==, 0);
  g_assert_true (qm_segmenter_is_grapheme_boundary (seg, 0));
  g_assert_true (qm_segmenter_is_sentence_boundary (seg, 0));
  g_assert_false (qm_segmenter_snap (seg, QM_SNAP_WORDS | QM_SNAP_TRIM, &s, &e));
}

static void
test_boxed (void)
{
  QmSegmenter *seg = qm_segmenter_new ("abc", -1);
  QmSegmenter *copy;

  g_assert_true (G_TYPE_IS_BOXED (QM_TYPE_SEGMENTER));
  copy = g_boxed_copy (QM_TYPE_SEGMENTER, seg);
  g_assert_true (copy == seg);
  g_boxed_free (QM_TYPE_SEGMENTER, copy);
  g_assert_cmpint (qm_segmenter_get_n_chars (seg), ==, 3);
  qm_segmenter_unref (seg);
}

/* Texts whose paragraphs the segmenter computes one at a time: line feeds
 * at the start and the end, blank lines, CR LF, a sentence running over a
 * line feed, words of both scripts, marks and emoji at the edges. */
static const char *const paragraph_texts[] = {
  "Talks resume\n\n“We are ready,” the minister said. Then he left.\n",
  "\nقالَ الوزيرُ: «نحن مستعدون».\nوأضاف المتحدث أن الوفد وصل\nمتأخرا.",
  "one\r\ntwo\r\n\r\nthree 👍🏽\n👍🏽 four e\xCC\x81\n\xCC\x81 five",
  "\n\n\n",
  "no line feed at all, but a sentence. And another one",
  "Mixed: Omar Nasser قال إن «the market agrees».\n\nRéponse ١٢٣ 50% #tag @name\n",
};

/* Asked in any order, paragraph by paragraph, the segmenter gives what
 * Pango gives for the whole text at once. */
static void
test_paragraphs_as_whole (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (99);

  for (guint t = 0; t < G_N_ELEMENTS (paragraph_texts); t++)
    {
      const char *text = paragraph_texts[t];
      glong n = g_utf8_strlen (text, -1);
      g_autofree PangoLogAttr *attrs = g_new0 (PangoLogAttr, n + 1);
      g_autoptr(QmSegmenter) segmenter = qm_segmenter_new (text, -1);

      pango_get_log_attrs (text, strlen (text), -1, pango_language_from_string ("und"), attrs, n + 1);
      g_assert_cmpint (qm_segmenter_get_n_chars (segmenter), ==, n);

      for (glong k = 0; k <= 3 * n; k++)
        {
          glong i = k <= n ? g_rand_int_range (rand, 0, n + 1) : k - n - 1;

          if (i > n)
            break;
          g_assert_cmpint (qm_segmenter_is_grapheme_boundary (segmenter, i), ==,
                           attrs[i].is_cursor_position || i == 0 || i == n);
          g_assert_cmpint (qm_segmenter_is_word_start (segmenter, i), ==, attrs[i].is_word_start);
          g_assert_cmpint (qm_segmenter_is_word_end (segmenter, i), ==, attrs[i].is_word_end);
          g_assert_cmpint (qm_segmenter_is_word_boundary (segmenter, i), ==,
                           attrs[i].is_word_boundary || i == 0 || i == n);
          g_assert_cmpint (qm_segmenter_is_sentence_boundary (segmenter, i), ==,
                           attrs[i].is_sentence_boundary || i == 0 || i == n);
        }
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/segment/word-queries", test_word_queries);
  g_test_add_func ("/segment/explicit-length", test_explicit_length);
  g_test_add_func ("/segment/arabic-harakat", test_arabic_harakat_graphemes);
  g_test_add_func ("/segment/arabic-tatweel", test_arabic_tatweel);
  g_test_add_func ("/segment/persian-zwnj", test_persian_zwnj);
  g_test_add_func ("/segment/emoji-modifier", test_emoji_modifier);
  g_test_add_func ("/segment/emoji-zwj-sequence", test_emoji_zwj_sequence);
  g_test_add_func ("/segment/decomposed-accent", test_decomposed_accent);
  g_test_add_func ("/segment/trim-keeps-quotes", test_trim_keeps_quotes);
  g_test_add_func ("/segment/trim-arabic", test_trim_arabic);
  g_test_add_func ("/segment/trim-keeps-percent-and-handles", test_trim_keeps_percent_and_handles);
  g_test_add_func ("/segment/nothing-left", test_nothing_left);
  g_test_add_func ("/segment/whitespace-only-text", test_whitespace_only_text);
  g_test_add_func ("/segment/clamp-and-order", test_clamp_and_order);
  g_test_add_func ("/segment/sentences-mixed", test_sentences_mixed);
  g_test_add_func ("/segment/empty-text", test_empty_text);
  g_test_add_func ("/segment/boxed", test_boxed);
  g_test_add_func ("/segment/paragraphs-as-whole", test_paragraphs_as_whole);

  return g_test_run ();
}
