/* test-text.c: validation, normalisation, language and title guesses,
 * checksums, folding and character classes. */
#include <string.h>
#include <glib.h>

#include "qm-error.h"
#include "qm-text.h"

/* --- validation ---------------------------------------------------------- */

static void
assert_rejected (const char *data,
                 gsize       len,
                 const char *name,
                 const char *expected_message)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (qm_text_validate (data, len, name, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_INVALID_TEXT);
  g_assert_cmpstr (error->message, ==, expected_message);
}

static void
assert_rejected_prefix (const char *data,
                        gsize       len,
                        const char *name,
                        const char *expected_prefix)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (qm_text_validate (data, len, name, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_INVALID_TEXT);
  if (!g_str_has_prefix (error->message, expected_prefix))
    g_error ("“%s” does not start with “%s”", error->message, expected_prefix);
}

static void
test_validate_accepts (void)
{
  const char *texts[] = {
    "Hello",
    "قال الوزير: «المحادثات مستمرة».\n",
    "\xEF\xBB\xBFwith a BOM",
    "tabs\tand\fform feeds\r\nand CRLF",
    "one stray escape \x1b[1m in a sentence of ordinary length",
    "👍🏽",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (qm_text_validate (texts[i], strlen (texts[i]), "ok.txt", &error));
      g_assert_no_error (error);
    }
  /* A NULL error is fine. */
  g_assert_false (qm_text_validate ("", 0, "x", NULL));
}

static void
test_validate_invalid_utf8 (void)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; i < 1234; i++)
    g_string_append_c (s, 'a' + i % 26);
  g_string_append (s, "\xFF and more");
  assert_rejected (s->str, s->len, "report.txt", "report.txt: not valid UTF-8 at byte 1234");

  /* After multibyte characters the offset is still in bytes. */
  assert_rejected ("سلام\xC3\x28", 10, "ar.txt", "ar.txt: not valid UTF-8 at byte 8");
  /* A sequence cut short at the end of the data. */
  assert_rejected ("abc\xD9", 4, "cut.txt", "cut.txt: not valid UTF-8 at byte 3");
  /* Overlong encodings and encoded surrogates are not UTF-8. */
  assert_rejected ("xy\xC0\xAF", 4, "overlong.txt", "overlong.txt: not valid UTF-8 at byte 2");
  assert_rejected ("\xED\xA0\x80z", 4, "surrogate.txt", "surrogate.txt: not valid UTF-8 at byte 0");
  /* Latin-1 text. */
  assert_rejected ("caf\xE9 cr\xE8me", 10, "latin1.txt", "latin1.txt: not valid UTF-8 at byte 3");
  /* The offset counts the BOM: it is the offset in the file. */
  assert_rejected ("\xEF\xBB\xBF" "ab\x80", 6, "bom.txt", "bom.txt: not valid UTF-8 at byte 5");
  /* Without a name. */
  assert_rejected ("\xFE", 1, NULL, "text: not valid UTF-8 at byte 0");
}

static void
test_validate_nul (void)
{
  assert_rejected_prefix ("abc\0def", 7, "notes.txt", "notes.txt: NUL byte at byte 3");
  assert_rejected_prefix ("\xEF\xBB\xBF" "مر\0", 8, "bom.txt", "bom.txt: NUL byte at byte 7");
  /* UTF-16 text: a NUL in every other byte. */
  assert_rejected_prefix ("H\0e\0l\0l\0o\0", 10, "utf16.txt", "utf16.txt: NUL byte at byte 1");
}

static void
test_validate_empty (void)
{
  assert_rejected ("", 0, "empty.txt", "empty.txt: the text is empty");
  assert_rejected (NULL, 0, "null.txt", "null.txt: the text is empty");
  /* A BOM alone counts as empty. */
  assert_rejected ("\xEF\xBB\xBF", 3, "bom.txt", "bom.txt: the text is empty");
}

static void
test_validate_whitespace_only (void)
{
  assert_rejected (" \n\t\r\n \f", 7, "blank.txt", "blank.txt: the text contains only white space");
  /* BOM, no-break space, zero width space, ideographic space. */
  assert_rejected ("\xEF\xBB\xBF\xC2\xA0\xE2\x80\x8B\n\xE3\x80\x80", 12, "blank.txt",
                   "blank.txt: the text contains only white space");
}

static void
test_validate_binary (void)
{
  g_autoptr(GString) noisy = g_string_new (NULL);
  g_autoptr(GString) quiet = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  assert_rejected_prefix ("\x01\x02\x03\x04\x05\x06\x07\x08" "ab", 10, "blob.bin",
                          "blob.bin: looks like binary data");

  /* One control character in every 50: binary. */
  for (guint i = 0; i < 2000; i++)
    g_string_append_c (noisy, i % 50 == 0 ? '\x02' : 'a' + i % 26);
  assert_rejected_prefix (noisy->str, noisy->len, "noisy.dat", "noisy.dat: looks like binary data");

  /* Three in 2000: a few stray characters in an article. */
  for (guint i = 0; i < 2000; i++)
    g_string_append_c (quiet, i % 700 == 0 ? '\x0b' : 'a' + i % 26);
  g_assert_true (qm_text_validate (quiet->str, quiet->len, "quiet.txt", &error));
  g_assert_no_error (error);
}

/* --- normalisation ------------------------------------------------------- */

static void
assert_normalized (const char *input,
                   gssize      len,
                   const char *expected)
{
  g_autofree char *out = qm_text_normalize (input, len < 0 ? strlen (input) : (gsize) len);

  g_assert_cmpstr (out, ==, expected);
}

static void
test_normalize (void)
{
  /* BOM dropped, CRLF and lone CR become LF. */
  assert_normalized ("\xEF\xBB\xBFline one\r\nline two\rline three\n\r\nend\r", -1,
                     "line one\nline two\nline three\n\nend\n");
  /* Only a leading BOM is dropped. */
  assert_normalized ("a\xEF\xBB\xBF" "b", -1, "a\xEF\xBB\xBF" "b");
  /* Decomposed é becomes U+00E9. */
  assert_normalized ("caf" "e\xCC\x81", -1, "caf\xC3\xA9");
  /* Alef + hamza above (U+0654) becomes U+0623; alef + madda (U+0653) U+0622. */
  assert_normalized ("\xD8\xA7\xD9\x94" "حمد", -1, "أحمد");
  assert_normalized ("\xD8\xA7\xD9\x93" "ية", -1, "آية");
  /* Harakat in canonical order: shadda (class 33) after fatha (class 30). */
  assert_normalized ("م" "\xD9\x91\xD9\x8E", -1, "م" "\xD9\x8E\xD9\x91");
  /* Already normal text is unchanged, ZWNJ included. */
  assert_normalized ("می‌خواهم", -1, "می‌خواهم");
  /* Only @len bytes are read. */
  assert_normalized ("abc\r\ndef", 4, "abc\n");
  assert_normalized ("", 0, "");
}

/* --- language ------------------------------------------------------------ */

static void
assert_language (const char *text,
                 const char *expected)
{
  g_autofree char *lang = qm_text_guess_language (text);

  g_assert_cmpstr (lang, ==, expected);
}

#define EN_TEXT "The minister said that the talks would resume next week, and that both " \
  "delegations were ready to compromise on the remaining issues."
#define AR_TEXT "قال وزير الدفاع إن المحادثات ستستأنف الأسبوع المقبل، وإن الوفدين مستعدان " \
  "لتقديم تنازلات بشأن القضايا المتبقية."
#define FA_TEXT "وزیر دفاع گفت که گفتگوها هفته آینده از سر گرفته می‌شود و هر دو هیئت " \
  "آماده‌اند درباره مسائل باقی‌مانده کوتاه بیایند."
#define UR_TEXT "وزیر دفاع نے کہا کہ مذاکرات اگلے ہفتے دوبارہ شروع ہوں گے اور دونوں وفود " \
  "باقی مسائل پر سمجھوتہ کرنے کے لیے تیار ہیں۔"

static void
test_guess_language (void)
{
  assert_language (EN_TEXT, "en");
  assert_language (AR_TEXT, "ar");
  assert_language (FA_TEXT, "fa");
  assert_language (UR_TEXT, "ur");
  assert_language ("Le ministre a déclaré que les négociations reprendraient la semaine "
                   "prochaine et que les deux délégations sont prêtes à faire des compromis.", "fr");
  assert_language ("Der Minister sagte, dass die Gespräche nächste Woche wieder aufgenommen "
                   "werden und dass beide Delegationen zu Kompromissen bereit sind.", "de");
  assert_language ("El ministro dijo que las conversaciones se reanudarán la próxima semana y "
                   "que las dos delegaciones están dispuestas a hacer concesiones.", "es");
  assert_language ("Министр заявил, что переговоры возобновятся на следующей неделе.", "ru");
  assert_language ("国防部长表示，谈判将于下周恢复。", "zh");
  assert_language ("防衛大臣は、来週協議が再開されると述べた。", "ja");
  assert_language ("שר הביטחון אמר כי השיחות יתחדשו בשבוע הבא.", "he");
  /* Latin without any stop word: English by default. */
  assert_language ("Xylophone zebra quartz", "en");
}

static void
test_guess_language_mixed (void)
{
  /* Two scripts with a large share each. */
  assert_language (AR_TEXT "\n\n" EN_TEXT, "mixed");
  assert_language (FA_TEXT " " EN_TEXT, "mixed");
  /* A few Latin letters in an Arabic article do not make it mixed. */
  assert_language ("قال المتحدث باسم NATO إن الاجتماع سيعقد في بروكسل الأسبوع المقبل "
                   "لمناقشة الوضع الأمني في المنطقة.", "ar");
  /* Under 20 letters of the second script is never mixed, even as a large share. */
  assert_language ("Talks on Friday: محادثات", "en");
}

static void
test_guess_language_und (void)
{
  assert_language ("", "und");
  assert_language ("12345 — 67.89 !!! 😀 ١٢٣", "und");
  assert_language ("   \n\t", "und");
  /* Harakat and tatweel alone are not letters. */
  assert_language ("\xD9\x8E\xD9\x91ـــ", "und");
}

/* --- title --------------------------------------------------------------- */

static void
assert_title (const char *text,
              const char *expected)
{
  g_autofree char *title = qm_text_guess_title (text);

  g_assert_cmpstr (title, ==, expected);
}

static void
test_guess_title (void)
{
  assert_title ("\n\n   Breaking:   talks\tresume  \nSecond line", "Breaking: talks resume");
  assert_title ("\xEF\xBB\xBF\r\n \t \r\n  قال   الوزير  \r\nنص", "قال الوزير");
  assert_title ("Single line", "Single line");
  assert_title ("\u00A0 no-break\u00A0spaces \u00A0\nx", "no-break spaces");
  assert_title ("می‌خواهم بروم\n", "می‌خواهم بروم");
  assert_title ("", "");
  assert_title (" \n\t\n ", "");
}

/* Scraped news pages start with the site's name and menus; the headline
 * comes a few lines down. */
static void
test_guess_title_headline (void)
{
  g_autoptr(GString) menus = g_string_new (NULL);

  assert_title ("logo\n"
                "Russia-China Relations Stronger than Ever: Defense Minister\n"
                "The defense minister said on Tuesday that ties had never been closer.\n",
                "Russia-China Relations Stronger than Ever: Defense Minister");
  assert_title ("Get News Fast\n"
                "\n"
                "China: Relations between Moscow and Beijing are at the highest level\n"
                "\n"
                "The spokesperson told reporters that cooperation would continue.\n",
                "China: Relations between Moscow and Beijing are at the highest level");
  /* Seven Arabic words: a headline from the first line on. */
  assert_title ("وزير الدفاع يبحث مع نظيره التعاون العسكري\n"
                "الرئيسية\n"
                "قال الوزير إن المحادثات كانت مثمرة وإن التعاون سيستمر في العام المقبل.\n",
                "وزير الدفاع يبحث مع نظيره التعاون العسكري");
  /* Short lines only: the first, as before. */
  assert_title ("\n  Home \nWorld\nPolitics | Opinion\nShare\n", "Home");

  /* Sentences of the body are not headlines, closing quotes or not, nor
   * is a line that breaks off at a colon. */
  assert_title ("Talks resume\n\n"
                "“We are ready to talk,” the minister said on Monday.\n"
                "Nobody claimed it: “An orphan quote.”\n"
                "The minister told reporters this:\n",
                "Talks resume");
  assert_title ("محادثات\n\nقال الوزير إن المحادثات كانت جيدة.\n", "محادثات");
  /* Symbols between words are not words: four links of a menu are not. */
  assert_title ("Home | World | Sport\nMinisters agree on a new timetable for talks\n",
                "Ministers agree on a new timetable for talks");
  /* A question or an exclamation is a headline's ending too. */
  assert_title ("AP\nWill the ceasefire hold this time?\nBody text.\n",
                "Will the ceasefire hold this time?");
  /* A paragraph without its full stop is still too long for a headline. */
  assert_title ("Menu\n"
                "one two three four five six seven eight nine ten eleven twelve thirteen "
                "fourteen fifteen sixteen seventeen eighteen nineteen twenty twenty-one "
                "twenty-two twenty-three twenty-four twenty-five twenty-six twenty-seven "
                "twenty-eight twenty-nine thirty thirty-one\n",
                "Menu");

  /* Only the top of the page is looked at: a headline after 40 lines of
   * menus is not found, and the first line stands. */
  for (guint i = 0; i < 40; i++)
    g_string_append_printf (menus, "Menu %u\n", i);
  g_string_append (menus, "Ministers agree on a new timetable for talks\n");
  assert_title (menus->str, "Menu 0");
}

static void
test_clean_title (void)
{
  g_autofree char *clean = NULL;
  g_autofree char *empty = NULL;
  glong n_chars = -1;

  clean = qm_text_clean_title ("  \xEF\xBB\xBF" "Talks\n\tresume   in  جنيف \r\n", &n_chars);
  g_assert_cmpstr (clean, ==, "Talks resume in جنيف");
  g_assert_cmpint (n_chars, ==, g_utf8_strlen (clean, -1));

  empty = qm_text_clean_title (" \n\t ", &n_chars);
  g_assert_cmpstr (empty, ==, "");
  g_assert_cmpint (n_chars, ==, 0);
}

static void
test_guess_title_long (void)
{
  g_autoptr(GString) accents = g_string_new ("\n");
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autoptr(GString) words = g_string_new (NULL);
  g_autoptr(GString) arabic = g_string_new (NULL);
  g_autofree char *t1 = NULL;
  g_autofree char *t2 = NULL;
  g_autofree char *t3 = NULL;

  /* 300 code points of e + U+0301 with no space: the cut cannot fall
   * between a letter and its accent. */
  for (guint i = 0; i < 150; i++)
    g_string_append (accents, "e\xCC\x81");
  for (guint i = 0; i < 99; i++)
    g_string_append (expected, "e\xCC\x81");
  g_string_append (expected, "…");
  t1 = qm_text_guess_title (accents->str);
  g_assert_cmpstr (t1, ==, expected->str);
  g_assert_cmpint (g_utf8_strlen (t1, -1), ==, 199);

  /* Words: cut at a space, not inside a word. */
  for (guint i = 0; i < 60; i++)
    g_string_append (words, "word ");
  t2 = qm_text_guess_title (words->str);
  g_assert_cmpint (g_utf8_strlen (t2, -1), <=, 200);
  g_assert_true (g_str_has_suffix (t2, "word…"));
  g_assert_cmpint (strncmp (words->str, t2, strlen (t2) - strlen ("…")), ==, 0);

  /* Arabic with harakat: at most 200 characters, whole graphemes. */
  for (guint i = 0; i < 40; i++)
    g_string_append (arabic, "مُحَمَّد ");
  t3 = qm_text_guess_title (arabic->str);
  g_assert_cmpint (g_utf8_strlen (t3, -1), <=, 200);
  g_assert_true (g_str_has_suffix (t3, "مُحَمَّد…"));
}

/* --- checksum ------------------------------------------------------------ */

static void
test_sha256 (void)
{
  g_autofree char *abc = qm_text_sha256 ("abc", -1);
  g_autofree char *empty = qm_text_sha256 ("", 0);
  g_autofree char *arabic = qm_text_sha256 ("مرحبا بالعالم", -1);
  g_autofree char *prefix = qm_text_sha256 ("The quick brown fox jumps over the lazy dog, again", 43);

  g_assert_cmpstr (abc, ==, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  g_assert_cmpstr (empty, ==, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  g_assert_cmpstr (arabic, ==, "9262a0a791605071a500c1a15bef2d5efcc6c8f198567105e9ab364811377e9f");
  g_assert_cmpstr (prefix, ==, "d7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592");
}

/* --- folding ------------------------------------------------------------- */

static void
assert_fold (const char  *text,
             const char  *expected,
             const glong *expected_map,
             guint        map_len)
{
  g_autoptr(GArray) map = NULL;
  g_autofree char *folded = qm_text_fold (text, &map);

  g_assert_cmpstr (folded, ==, expected);
  g_assert_nonnull (map);
  g_assert_cmpuint (map->len, ==, g_utf8_strlen (folded, -1) + 1);
  if (expected_map != NULL)
    {
      g_assert_cmpuint (map->len, ==, map_len);
      for (guint i = 0; i < map_len; i++)
        g_assert_cmpint (g_array_index (map, glong, i), ==, expected_map[i]);
    }
}

static void
test_fold_arabic (void)
{
  const glong harakat_map[] = { 0, 2, 4, 7, 8 };
  const glong tatweel_map[] = { 0, 1, 5, 6, 7 };
  const glong plain_map[] = { 0, 1, 2, 3, 4 };
  g_autofree char *a = qm_text_fold ("محمد", NULL);
  g_autofree char *b = qm_text_fold ("مُحَمَّد", NULL);
  g_autofree char *c = qm_text_fold ("محـــمد", NULL);

  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (a, ==, c);
  assert_fold ("مُحَمَّد", "محمد", harakat_map, G_N_ELEMENTS (harakat_map));
  assert_fold ("محـــمد", "محمد", tatweel_map, G_N_ELEMENTS (tatweel_map));
  assert_fold ("محمد", "محمد", plain_map, G_N_ELEMENTS (plain_map));
  /* Tanween, sukun, superscript alef, Quranic marks. */
  assert_fold ("كتابٌ", "كتاب", NULL, 0);
  assert_fold ("قُلْ", "قل", NULL, 0);
  assert_fold ("رحمٰن", "رحمن", NULL, 0);
  assert_fold ("الرَّحِيمِ ۚ", "الرحيم ", NULL, 0);
  /* Hamza is part of the letter, whether precomposed or not. */
  assert_fold ("أحمد", "أحمد", NULL, 0);
  assert_fold ("\xD8\xA7\xD9\x94" "حمد", "أحمد", NULL, 0);
  assert_fold ("أَحْمَد", "أحمد", NULL, 0);
  /* ZWNJ is not a mark: Persian words keep it. */
  assert_fold ("می‌خواهم", "می‌خواهم", NULL, 0);
}

static void
test_fold_case (void)
{
  const glong ecole_map[] = { 0, 2, 3, 4, 5, 6 };
  const glong strasse_map[] = { 0, 1, 2, 3, 4, 4, 5, 6 };
  const glong ascii_map[] = { 0, 1, 2, 3 };

  assert_fold ("NATO", "nato", NULL, 0);
  assert_fold ("ABC", "abc", ascii_map, G_N_ELEMENTS (ascii_map));
  assert_fold ("ÉCOLE", "école", NULL, 0);
  /* A decomposed accent recombines; the map skips it. */
  assert_fold ("E\xCC\x81" "COLE", "école", ecole_map, G_N_ELEMENTS (ecole_map));
  /* Case folding may lengthen: both s come from ß. */
  assert_fold ("Straße", "strasse", strasse_map, G_N_ELEMENTS (strasse_map));
  assert_fold ("ΣΊΣΥΦΟΣ", "σίσυφοσ", NULL, 0);
  assert_fold ("", "", NULL, 0);
}

static void
test_fold_map_points_back (void)
{
  const char *text = "قال مُحَمَّد: «نعم»، وقال محـــمد لا.";
  g_autoptr(GArray) map = NULL;
  g_autofree char *folded = qm_text_fold (text, &map);
  g_autofree char *needle = qm_text_fold ("محمد", NULL);
  const char *p = folded;
  guint found = 0;
  const char *expected[] = { "مُحَمَّد", "محـــمد" };

  while ((p = strstr (p, needle)) != NULL)
    {
      glong start = g_utf8_pointer_to_offset (folded, p);
      glong end = start + g_utf8_strlen (needle, -1);
      glong orig_start = g_array_index (map, glong, start);
      glong orig_end = g_array_index (map, glong, end);
      const char *a = g_utf8_offset_to_pointer (text, orig_start);
      const char *b = g_utf8_offset_to_pointer (text, orig_end);
      g_autofree char *original = g_strndup (a, b - a);

      g_assert_cmpuint (found, <, G_N_ELEMENTS (expected));
      g_assert_cmpstr (original, ==, expected[found]);
      found++;
      p += strlen (needle);
    }
  g_assert_cmpuint (found, ==, 2);
  g_assert_cmpint (g_array_index (map, glong, map->len - 1), ==, g_utf8_strlen (text, -1));
}

static gboolean
is_removed_mark (gunichar c)
{
  return (c >= 0x064B && c <= 0x065F) || c == 0x0670 ||
         (c >= 0x06D6 && c <= 0x06ED) || c == 0x0640;
}

/* What qm_text_fold() promises, written with whole-string GLib calls:
 * NFC, remove the marks, case fold, NFC. */
static char *
reference_fold (const char *text)
{
  g_autofree char *nfc = g_utf8_normalize (text, -1, G_NORMALIZE_NFC);
  g_autoptr(GString) stripped = g_string_new (NULL);
  g_autofree char *folded = NULL;

  for (const char *p = nfc; *p != '\0'; p = g_utf8_next_char (p))
    if (!is_removed_mark (g_utf8_get_char (p)))
      g_string_append_unichar (stripped, g_utf8_get_char (p));
  folded = g_utf8_casefold (stripped->str, -1);
  return g_utf8_normalize (folded, -1, G_NORMALIZE_NFC);
}

static void
test_fold_random (void)
{
  static const char *const pool[] = {
    "a", "E", "e", "o", "O", "i", "I", "\xCC\x81", "\xCC\x80", "\xCC\xA3", "\xCC\xA7",
    "\xCC\x9B", "\xCC\x88", "\xCD\x84", "ß", "İ", "ﬁ", "Ω", "Å", "K", "ǅ", "ᾳ", "ᾼ",
    "\xE1\x84\x80", "\xE1\x85\xA1", "\xE1\x86\xA8", "가", "ا", "و", "ي", "ه", "ە",
    "\xD9\x93", "\xD9\x94", "\xD9\x95", "\xD9\x8E", "\xD9\x91", "\xD9\xB0", "ـ", "\xDB\x96",
    "\xE0\xA5\x98", "\xE0\xA4\x95", "\xE0\xA4\xBC", "\xE0\xBD\xB3", " ", "\u200C", "👍", "🏽",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (1234);

  for (guint round = 0; round < 2000; round++)
    {
      g_autoptr(GString) s = g_string_new (NULL);
      g_autoptr(GArray) map = NULL;
      g_autofree char *folded = NULL;
      g_autofree char *expected = NULL;
      guint n = g_rand_int_range (rand, 0, 12);
      glong n_input, n_output;

      for (guint i = 0; i < n; i++)
        g_string_append (s, pool[g_rand_int_range (rand, 0, G_N_ELEMENTS (pool))]);

      folded = qm_text_fold (s->str, &map);
      expected = reference_fold (s->str);
      g_assert_cmpstr (folded, ==, expected);

      n_input = g_utf8_strlen (s->str, -1);
      n_output = g_utf8_strlen (folded, -1);
      g_assert_cmpuint (map->len, ==, n_output + 1);
      g_assert_cmpint (g_array_index (map, glong, n_output), ==, n_input);
      for (glong i = 0; i < n_output; i++)
        {
          g_assert_cmpint (g_array_index (map, glong, i), >=, 0);
          g_assert_cmpint (g_array_index (map, glong, i), <, n_input);
          g_assert_cmpint (g_array_index (map, glong, i), <=, g_array_index (map, glong, i + 1));
        }
    }
}

/* --- character classes --------------------------------------------------- */

static void
test_is_quote (void)
{
  const gunichar quotes[] = {
    '"', '\'', 0x00AB, 0x00BB, 0x201C, 0x201D, 0x2018, 0x2019, 0x201E, 0x201A,
    0x2039, 0x203A, 0x300C, 0x300D, 0x300E, 0x300F, 0xFF02,
  };
  const gunichar others[] = {
    ',', '.', '(', ')', '-', 'a', ' ', 0x060C, 0x061F, 0x3002, 0x2026, '`',
  };

  for (guint i = 0; i < G_N_ELEMENTS (quotes); i++)
    g_assert_true (qm_unichar_is_quote (quotes[i]));
  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    g_assert_false (qm_unichar_is_quote (others[i]));
}

static void
test_is_rtl (void)
{
  const gunichar rtl[] = {
    0x0627, /* ا alef */
    0x06CC, /* ی Persian yeh */
    0x0640, /* tatweel */
    0x061F, /* ؟ Arabic question mark (AL) */
    0x05D0, /* א alef */
    0x05BE, /* ־ maqaf (R) */
    0x0710, /* ܐ Syriac alaph */
    0x0780, /* ހ Thaana haa */
    0x07CA, /* ߊ NKo a */
    0x07C1, /* ߁ NKo digit one (R) */
    0xFB50, /* ﭐ Arabic presentation form */
    0xFEFC, /* ﻼ lam-alef ligature */
    0xFB1D, /* יִ Hebrew presentation form */
    0x200F, /* RLM */
    0x061C, /* ALM */
    0x1E900, /* 𞤀 Adlam */
  };
  const gunichar not_rtl[] = {
    'a', '1', ' ', '.', 0x00AB,
    0x064E, /* fatha: non-spacing mark */
    0x0651, /* shadda */
    0x05B0, /* Hebrew point sheva */
    0x0663, /* ٣ Arabic-Indic digit (AN) */
    0x06F3, /* ۳ Persian digit (EN) */
    0x060C, /* ، Arabic comma (CS) */
    0x066A, /* ٪ Arabic percent sign (ET) */
    0x200E, /* LRM */
    0x200C, /* ZWNJ */
    0xFEFF, /* BOM */
    0x4E2D, /* 中 */
  };

  for (guint i = 0; i < G_N_ELEMENTS (rtl); i++)
    if (!qm_unichar_is_rtl (rtl[i]))
      g_error ("U+%04X should be right to left", rtl[i]);
  for (guint i = 0; i < G_N_ELEMENTS (not_rtl); i++)
    if (qm_unichar_is_rtl (not_rtl[i]))
      g_error ("U+%04X should not be right to left", not_rtl[i]);
}

/* Characters where NFC does something: marks in and out of order, letters
 * that compose with them, Hangul jamo, singletons, exclusions, Arabic with
 * its harakat and hamza, and plain text around them. */
static const gunichar nfc_pool[] = {
  'a', 'e', 'A', ' ', 0x00C0, 0x00E9, 0x0130, 0x0300, 0x0301, 0x0308, 0x0323, 0x0327,
  0x0344, 0x0345, 0x03A3, 0x03C2, 0x1E0C, 0x1EA0, 0x212B, 0x2126, 0x0958, 0x093C, 0x0915,
  0x1100, 0x1161, 0x11A8, 0xAC00, 0x0627, 0x0653, 0x0654, 0x0655, 0x0648, 0x064A, 0x064E,
  0x0651, 0x0650, 0x0640, 0x0670, 0x06D5, 0x06C1, 0x0DD9, 0x0DCA, 0x0DCF, 0x0B47, 0x0B3E,
  0x00DF, 0xFB01, 0x1F44D, 0x1F3FD, 0x05D0, 0x05B8, 0x0E40, 0x110B9, 0x110BA,
};

static char *
random_nfc_text (GRand *rand,
                 guint  n)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append_unichar (s, nfc_pool[g_rand_int_range (rand, 0, G_N_ELEMENTS (nfc_pool))]);
  return g_string_free (s, FALSE);
}

/* Normalising and folding skip the work where NFC changes nothing; what
 * they give must still be what GLib gives doing all of it, for short texts
 * and for long ones (which use caches). */
static void
test_nfc_fast_path (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (1234);

  for (guint k = 0; k < 3000; k++)
    {
      g_autofree char *text = random_nfc_text (rand, k % 3 == 0 ? 400 : g_rand_int_range (rand, 1, 12));
      g_autofree char *expected = g_utf8_normalize (text, -1, G_NORMALIZE_NFC);
      g_autofree char *normalized = qm_text_normalize (text, strlen (text));
      g_autofree char *expected_fold = reference_fold (text);
      g_autofree char *folded = qm_text_fold (text, NULL);

      g_assert_cmpstr (normalized, ==, expected);
      g_assert_cmpstr (folded, ==, expected_fold);
    }
}

/* Every character of the first three planes alone, after a letter and
 * before a combining mark: the table of stable characters agrees with
 * GLib's normalisation everywhere. */
static void
test_nfc_every_character (void)
{
  for (gunichar c = 0x80; c < 0x30000; c++)
    {
      char text[32];
      int n = 0;
      g_autofree char *expected = NULL;
      g_autofree char *normalized = NULL;

      if (!g_unichar_validate (c))
        continue;
      text[n++] = 'e';
      n += g_unichar_to_utf8 (c, text + n);
      n += g_unichar_to_utf8 (0x0301, text + n);
      n += g_unichar_to_utf8 (c, text + n);
      text[n] = '\0';

      expected = g_utf8_normalize (text, n, G_NORMALIZE_NFC);
      normalized = qm_text_normalize (text, n);
      if (g_strcmp0 (normalized, expected) != 0)
        g_error ("U+%04X: NFC differs", c);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text/validate/accepts", test_validate_accepts);
  g_test_add_func ("/text/validate/invalid-utf8", test_validate_invalid_utf8);
  g_test_add_func ("/text/validate/nul", test_validate_nul);
  g_test_add_func ("/text/validate/empty", test_validate_empty);
  g_test_add_func ("/text/validate/whitespace-only", test_validate_whitespace_only);
  g_test_add_func ("/text/validate/binary", test_validate_binary);
  g_test_add_func ("/text/normalize", test_normalize);
  g_test_add_func ("/text/language/scripts", test_guess_language);
  g_test_add_func ("/text/language/mixed", test_guess_language_mixed);
  g_test_add_func ("/text/language/und", test_guess_language_und);
  g_test_add_func ("/text/title/first-line", test_guess_title);
  g_test_add_func ("/text/title/headline", test_guess_title_headline);
  g_test_add_func ("/text/title/long", test_guess_title_long);
  g_test_add_func ("/text/title/clean", test_clean_title);
  g_test_add_func ("/text/sha256", test_sha256);
  g_test_add_func ("/text/fold/arabic", test_fold_arabic);
  g_test_add_func ("/text/fold/case", test_fold_case);
  g_test_add_func ("/text/fold/map-points-back", test_fold_map_points_back);
  g_test_add_func ("/text/fold/random", test_fold_random);
  g_test_add_func ("/text/nfc/fast-path", test_nfc_fast_path);
  g_test_add_func ("/text/nfc/every-character", test_nfc_every_character);
  g_test_add_func ("/text/is-quote", test_is_quote);
  g_test_add_func ("/text/is-rtl", test_is_rtl);

  return g_test_run ();
}
