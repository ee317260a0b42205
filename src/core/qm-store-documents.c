/* qm-store-documents.c: the articles of a corpus and each annotator's progress on them. */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "qm-error.h"
#include "qm-store-private.h"
#include "qm-text.h"

#define DOCUMENT_COLUMNS \
  "d.id, d.title, d.language, d.source, d.url, d.date, d.imported, d.sha256, d.n_chars, d.metadata"

/* Fills @document from the columns of DOCUMENT_COLUMNS, starting at 0. */
static void
fill_document (QmDocument *document,
               QmStmt     *stmt)
{
  qm_document_set_id (document, (const char *) sqlite3_column_text (stmt, 0));
  qm_document_set_title (document, (const char *) sqlite3_column_text (stmt, 1));
  qm_document_set_language (document, (const char *) sqlite3_column_text (stmt, 2));
  qm_document_set_source (document, (const char *) sqlite3_column_text (stmt, 3));
  qm_document_set_url (document, (const char *) sqlite3_column_text (stmt, 4));
  qm_document_set_date (document, (const char *) sqlite3_column_text (stmt, 5));
  qm_document_set_imported (document, sqlite3_column_int64 (stmt, 6));
  qm_document_set_sha256 (document, (const char *) sqlite3_column_text (stmt, 7));
  qm_document_set_n_chars (document, sqlite3_column_int64 (stmt, 8));
  qm_document_set_metadata (document, (const char *) sqlite3_column_text (stmt, 9));
}

static const char *
describe_document (QmDocument *document)
{
  const char *title = qm_document_get_title (document);

  if (title != NULL && *title != '\0')
    return title;
  if (qm_document_get_id (document) != NULL)
    return qm_document_get_id (document);

  return _("(untitled)");
}

static gboolean
check_metadata (QmStore     *self,
                QmDocument  *document,
                GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  if (!json_parser_load_from_data (parser, qm_document_get_metadata (document), -1, &local_error))
    {
      g_set_error (error, QM_ERROR, QM_ERROR_INVALID_DATA,
                   _("Cannot add “%s” to “%s”: its metadata is not valid JSON (%s)."),
                   describe_document (document), qm_store_get_display_name (self), local_error->message);
      return FALSE;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, QM_ERROR, QM_ERROR_INVALID_DATA,
                   _("Cannot add “%s” to “%s”: its metadata must be a JSON object."),
                   describe_document (document), qm_store_get_display_name (self));
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_not_duplicate (QmStore     *self,
                     QmDocument  *document,
                     const char  *id,
                     const char  *sha256,
                     GError     **error)
{
  g_autoptr(QmStmt) stmt =
    qm_store_prepare (self,
                      "SELECT id, coalesce(title, id), sha256 = ?1 FROM documents "
                      "WHERE sha256 = ?1 OR id = ?2 ORDER BY sha256 = ?1 DESC LIMIT 1",
                      error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_TRANSIENT);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    return qm_store_fail (self, rc, error);

  if (sqlite3_column_int (stmt, 2))
    g_set_error (error, QM_ERROR, QM_ERROR_DUPLICATE,
                 _("“%s” is already in “%s”: document “%s” (%s) has the same text."),
                 describe_document (document), qm_store_get_display_name (self),
                 (const char *) sqlite3_column_text (stmt, 1),
                 (const char *) sqlite3_column_text (stmt, 0));
  else
    g_set_error (error, QM_ERROR, QM_ERROR_DUPLICATE,
                 _("Cannot add “%s” to “%s”: its id %s is already used by document “%s”."),
                 describe_document (document), qm_store_get_display_name (self), id,
                 (const char *) sqlite3_column_text (stmt, 1));

  return FALSE;
}

/* --- the search index ---
 *
 * The index (table document_words, see migrate_to_2()) holds words, not
 * text: a document's title and text are folded with qm_text_fold() and cut
 * here into words, which go in separated by spaces. A query is folded and
 * cut the same way, so both sides always agree on what a word is. */

/* Longer runs of letters (a URL without punctuation, a sentence in a script
 * without spaces) are cut, on both sides alike: FTS5 would cut huge tokens
 * anyway, and nobody types that much to find a word. */
#define MAX_WORD_CHARS 64

#define ARABIC_ALEF 0x0627
#define ARABIC_BEH  0x0628
#define ARABIC_TEH  0x062A
#define ARABIC_SEEN 0x0633
#define ARABIC_FEH  0x0641
#define ARABIC_KAF  0x0643
#define ARABIC_LAM  0x0644
#define ARABIC_NOON 0x0646
#define ARABIC_WAW  0x0648
#define ARABIC_YEH  0x064A
#define ARABIC_ALEF_HAMZA_ABOVE 0x0623

typedef void (*QmWordFunc) (const char *word,
                            gsize       len,
                            gpointer    user_data);

/* Letters, marks and digits make words; everything else separates them, as
 * SQLite's unicode61 tokenizer does, but with GLib's tables on both sides. */
static gboolean
is_word_char (gunichar c)
{
  /* Most text of most corpora is ASCII, and g_unichar_type() is slow. */
  if (c < 0x80)
    return g_ascii_isalnum (c);

  switch (g_unichar_type (c))
    {
    case G_UNICODE_LOWERCASE_LETTER:
    case G_UNICODE_MODIFIER_LETTER:
    case G_UNICODE_OTHER_LETTER:
    case G_UNICODE_TITLECASE_LETTER:
    case G_UNICODE_UPPERCASE_LETTER:
    case G_UNICODE_SPACING_MARK:
    case G_UNICODE_ENCLOSING_MARK:
    case G_UNICODE_NON_SPACING_MARK:
    case G_UNICODE_DECIMAL_NUMBER:
    case G_UNICODE_LETTER_NUMBER:
    case G_UNICODE_OTHER_NUMBER:
    case G_UNICODE_PRIVATE_USE:
      return TRUE;
    default:
      return FALSE;
    }
}

/* Calls @func with each word of @folded (folded text), in order. */
static void
foreach_word (const char *folded,
              QmWordFunc  func,
              gpointer    user_data)
{
  const char *p = folded;
  const char *start = NULL;
  const char *end = NULL;
  guint n_chars = 0;

  for (;;)
    {
      gunichar c = (guchar) *p < 0x80 ? (gunichar) *p : g_utf8_get_char (p);

      if (c != 0 && is_word_char (c))
        {
          if (start == NULL)
            {
              start = p;
              n_chars = 0;
            }
          p = g_utf8_next_char (p);
          if (n_chars < MAX_WORD_CHARS)
            {
              n_chars++;
              end = p;
            }
          continue;
        }

      if (start != NULL)
        {
          func (start, end - start, user_data);
          start = NULL;
        }
      if (c == 0)
        break;
      p = g_utf8_next_char (p);
    }
}

static gboolean
is_arabic_letter (gunichar c)
{
  return c >= 0x0620 && c <= 0x06FF;
}

/* The words of one document, each once: an article repeats its words, and
 * FTS5 would do for each occurrence the work of four (the word and its
 * prefixes of 1 to 3 letters). */
typedef struct
{
  GString *words;        /* separated by spaces */
  GHashTable *seen;
} QmIndexWords;

/* Adds @word unless it is there already; returns whether it was added. */
static gboolean
add_unique_word (QmIndexWords *index_words,
                 const char   *word,
                 gsize         len)
{
  /* Words are at most MAX_WORD_CHARS characters of at most 4 bytes. */
  char key[MAX_WORD_CHARS * 4 + 1];

  g_assert (len < sizeof key);
  memcpy (key, word, len);
  key[len] = '\0';
  if (g_hash_table_contains (index_words->seen, key))
    return FALSE;

  g_hash_table_add (index_words->seen, g_strdup (key));
  g_string_append_len (index_words->words, word, len);
  g_string_append_c (index_words->words, ' ');
  return TRUE;
}

/* Adds the end of a word, from @p, when it is still a word of two letters
 * or more; a single letter would match nearly every document. */
static void
append_word_end (QmIndexWords *index_words,
                 const char   *p,
                 const char   *end)
{
  if (p >= end || g_utf8_next_char (p) >= end)
    return;

  add_unique_word (index_words, p, end - p);
}

/* Arabic writes the conjunctions و and ف, the prepositions ب ك ل, the
 * future prefix س and the article ال together with the word they belong
 * to: "والرئيس" is "and the president", "للرئيس" "for the president".
 * Each of these that a word may start with is taken off in turn and the
 * rest indexed too, so that "الرئيس" and "رئيس" find both. Every word
 * added this way is the end of a word of the text: what a search finds is
 * still a substring of the folded text, which the document view then
 * highlights. A word that merely starts with one of these letters (بيروت)
 * gives a useless but harmless extra word. */
static void
append_without_clitics (QmIndexWords *index_words,
                        const char   *word,
                        gsize         len)
{
  const char *end = word + len;
  const char *p = word;
  gunichar preposition = 0;
  gunichar c;

  c = g_utf8_get_char (p);
  if (c == ARABIC_WAW || c == ARABIC_FEH)
    {
      p = g_utf8_next_char (p);
      append_word_end (index_words, p, end);
    }

  if (p < end)
    {
      const char *next = g_utf8_next_char (p);
      gunichar after = next < end ? g_utf8_get_char (next) : 0;

      c = g_utf8_get_char (p);
      /* س marks the future only before the prefix of a verb's present. */
      if (c == ARABIC_BEH || c == ARABIC_KAF || c == ARABIC_LAM ||
          (c == ARABIC_SEEN &&
           (after == ARABIC_YEH || after == ARABIC_TEH ||
            after == ARABIC_NOON || after == ARABIC_ALEF_HAMZA_ABOVE)))
        {
          preposition = c;
          p = next;
          append_word_end (index_words, p, end);
        }
    }

  if (p < end)
    {
      const char *next = g_utf8_next_char (p);

      c = g_utf8_get_char (p);
      /* After ل the article loses its alef: ل + الرئيس = للرئيس. */
      if (c == ARABIC_ALEF && next < end && g_utf8_get_char (next) == ARABIC_LAM)
        append_word_end (index_words, g_utf8_next_char (next), end);
      else if (c == ARABIC_LAM && preposition == ARABIC_LAM)
        append_word_end (index_words, next, end);
    }
}

static void
add_index_word (const char *word,
                gsize       len,
                gpointer    user_data)
{
  QmIndexWords *index_words = user_data;

  /* A word seen before brought its Arabic variants along already. */
  if (add_unique_word (index_words, word, len) && is_arabic_letter (g_utf8_get_char (word)))
    append_without_clitics (index_words, word, len);
}

/* What the index holds for a document. Adding and deleting must give the
 * same words for the same document: see migrate_to_2(). */
static char *
make_index_words (const char *title,
                  const char *text)
{
  g_autofree char *folded_title = qm_text_fold (title, NULL);
  g_autofree char *folded_text = qm_text_fold (text, NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  QmIndexWords index_words = {
    g_string_sized_new (strlen (folded_title) + strlen (folded_text) + 16),
    seen,
  };

  foreach_word (folded_title, add_index_word, &index_words);
  foreach_word (folded_text, add_index_word, &index_words);

  return g_string_free (index_words.words, FALSE);
}

/* @action is NULL to add the document, "delete" to take it out. */
static gboolean
write_index (QmStore     *self,
             const char  *action,
             gint64       rowid,
             const char  *title,
             const char  *text,
             GError     **error)
{
  g_autofree char *words = make_index_words (title, text);
  g_autoptr(QmStmt) stmt =
    qm_store_prepare (self,
                      "INSERT INTO document_words (document_words, rowid, words) VALUES (?1, ?2, ?3)",
                      error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, action, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, rowid);
  sqlite3_bind_text (stmt, 3, words, -1, SQLITE_TRANSIENT);

  return qm_store_step_done (self, stmt, error);
}

gboolean
qm_store_index_all_documents (QmStore  *self,
                              GError  **error)
{
  g_autoptr(QmStmt) stmt =
    qm_store_prepare (self, "SELECT rowid, title, text FROM documents ORDER BY rowid", error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (!write_index (self, NULL, sqlite3_column_int64 (stmt, 0),
                      (const char *) sqlite3_column_text (stmt, 1),
                      (const char *) sqlite3_column_text (stmt, 2),
                      error))
      return FALSE;

  if (rc != SQLITE_DONE)
    return qm_store_fail (self, rc, error);

  return TRUE;
}

static void
add_query_word (const char *word,
                gsize       len,
                gpointer    user_data)
{
  GString *expression = user_data;

  if (expression->len > 0)
    g_string_append (expression, " AND ");

  /* A word has no quotation mark, being letters and digits only; doubling
   * them anyway keeps the string a string should that ever change. */
  g_string_append_c (expression, '"');
  for (gsize i = 0; i < len; i++)
    {
      if (word[i] == '"')
        g_string_append_c (expression, '"');
      g_string_append_c (expression, word[i]);
    }
  g_string_append (expression, "\"*");
}

/* The FTS5 query for what the user typed: every word a quoted prefix, so
 * nothing typed is read as FTS5 syntax (AND, NEAR, column:, -, ^ ...), and
 * all words required. NULL when there is no word. */
static char *
make_match_expression (const char *query)
{
  g_autofree char *folded = qm_text_fold (query, NULL);
  GString *expression = g_string_new (NULL);

  foreach_word (folded, add_query_word, expression);
  if (expression->len == 0)
    {
      g_string_free (expression, TRUE);
      return NULL;
    }

  return g_string_free (expression, FALSE);
}

/* A document as a search sees it: where it is in the corpus and its id. */
typedef struct
{
  gint64 rowid;
  const char *id;   /* in the search's string chunk */
} QmSearchEntry;

static int
compare_rowids (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

typedef struct
{
  GArray *matches;         /* of gint64, rowids of the matching documents */
  GArray *documents;       /* of QmSearchEntry, every document, by rowid */
  GStringChunk *ids;
} QmSearch;

static void
qm_search_clear (QmSearch *search)
{
  g_clear_pointer (&search->matches, g_array_unref);
  g_clear_pointer (&search->documents, g_array_unref);
  g_clear_pointer (&search->ids, g_string_chunk_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (QmSearch, qm_search_clear)

/* The index gives rowids; what callers want (ids, positions in import
 * order) needs every document's rowid and id as well. Looking each match up
 * in documents would read a page of article text per match (10 ms for 6,000
 * matches), while reading all ids and rowids takes 3 ms for 10,000
 * documents: SQLite reads them from the index on id, which holds both and
 * is a fraction of the size of the table. One statement, so that both
 * halves see the same corpus even while another program changes it. */
static gboolean
run_search (QmStore     *self,
            const char  *expression,
            QmSearch    *search,
            GError     **error)
{
  g_autoptr(QmStmt) stmt = NULL;
  int rc;

  /* Documents added in this transaction go into the index first, to be
   * found like the others. */
  if (self->unindexed->len > 0 && !qm_store_index_pending (self, error))
    return FALSE;

  stmt = qm_store_prepare (self,
                           "SELECT 1, rowid, NULL FROM document_words WHERE document_words MATCH ?1 "
                           "UNION ALL "
                           "SELECT 0, rowid, id FROM documents",
                           error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, expression, -1, SQLITE_TRANSIENT);

  search->matches = g_array_new (FALSE, FALSE, sizeof (gint64));
  search->documents = g_array_new (FALSE, FALSE, sizeof (QmSearchEntry));
  search->ids = g_string_chunk_new (4096);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 rowid = sqlite3_column_int64 (stmt, 1);

      if (sqlite3_column_int (stmt, 0) == 1)
        {
          g_array_append_val (search->matches, rowid);
        }
      else
        {
          QmSearchEntry entry = {
            rowid,
            g_string_chunk_insert (search->ids, (const char *) sqlite3_column_text (stmt, 2)),
          };

          g_array_append_val (search->documents, entry);
        }
    }

  if (rc != SQLITE_DONE)
    return qm_store_fail (self, rc, error);

  g_array_sort (search->matches, compare_rowids);
  g_array_sort (search->documents, compare_rowids);
  return TRUE;
}

/* The index in @search->documents of each match, in order; a rowid that
 * the index has but documents has not (never left by this code) is
 * skipped. */
static GArray *
find_match_positions (QmSearch *search)
{
  GArray *positions = g_array_sized_new (FALSE, FALSE, sizeof (guint), search->matches->len);
  const QmSearchEntry *documents = (const QmSearchEntry *) (gpointer) search->documents->data;
  guint lower = 0;

  for (guint i = 0; i < search->matches->len; i++)
    {
      gint64 rowid = g_array_index (search->matches, gint64, i);
      guint upper = search->documents->len;

      /* Matches are sorted too: each search starts where the last ended. */
      while (lower < upper)
        {
          guint middle = lower + (upper - lower) / 2;

          if (documents[middle].rowid < rowid)
            lower = middle + 1;
          else
            upper = middle;
        }

      if (lower < search->documents->len && documents[lower].rowid == rowid)
        g_array_append_val (positions, lower);
    }

  return positions;
}

GPtrArray *
qm_store_search_documents (QmStore     *self,
                           const char  *query,
                           GError     **error)
{
  g_auto(QmSearch) search = { NULL, };
  g_autofree char *expression = NULL;
  g_autoptr(GArray) positions = NULL;
  GPtrArray *ids;

  g_return_val_if_fail (QM_IS_STORE (self), NULL);

  expression = make_match_expression (query);
  if (expression == NULL)
    return NULL;

  if (!run_search (self, expression, &search, error))
    return NULL;

  positions = find_match_positions (&search);
  ids = g_ptr_array_new_full (positions->len, g_free);
  for (guint i = 0; i < positions->len; i++)
    {
      guint position = g_array_index (positions, guint, i);

      g_ptr_array_add (ids, g_strdup (g_array_index (search.documents, QmSearchEntry, position).id));
    }

  return ids;
}

GArray *
qm_store_search_positions (QmStore     *self,
                           const char  *query,
                           GError     **error)
{
  g_auto(QmSearch) search = { NULL, };
  g_autofree char *expression = NULL;

  g_return_val_if_fail (QM_IS_STORE (self), NULL);

  expression = make_match_expression (query);
  if (expression == NULL)
    return NULL;

  if (!run_search (self, expression, &search, error))
    return NULL;

  return find_match_positions (&search);
}

static gboolean
insert_document (QmStore     *self,
                 QmDocument  *document,
                 const char  *id,
                 const char  *sha256,
                 glong        n_chars,
                 gint64       imported,
                 GError     **error)
{
  g_autoptr(QmStmt) stmt = NULL;
  gint64 rowid;

  if (!check_not_duplicate (self, document, id, sha256, error))
    return FALSE;

  stmt = qm_store_prepare (self,
                           "INSERT INTO documents (id, title, language, source, url, date, imported, "
                           "text, sha256, n_chars, metadata) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                           error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, qm_document_get_title (document), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, qm_document_get_language (document), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, qm_document_get_source (document), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, qm_document_get_url (document), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, qm_document_get_date (document), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 7, imported);
  sqlite3_bind_text (stmt, 8, qm_document_get_text (document), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 9, sha256, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 10, n_chars);
  sqlite3_bind_text (stmt, 11, qm_document_get_metadata (document), -1, SQLITE_TRANSIENT);

  if (!qm_store_step_done (self, stmt, error))
    return FALSE;

  /* Indexed now, or in an explicit transaction (an import batch) at its
   * commit; only a new title changes the words later (write_title()). */
  rowid = sqlite3_last_insert_rowid (self->db);
  if (self->in_transaction)
    {
      g_array_append_val (self->unindexed, rowid);
      return TRUE;
    }
  return write_index (self, NULL, rowid,
                      qm_document_get_title (document), qm_document_get_text (document),
                      error);
}

static gboolean
is_unindexed (QmStore *self,
              gint64   rowid)
{
  for (guint i = 0; i < self->unindexed->len; i++)
    if (g_array_index (self->unindexed, gint64, i) == rowid)
      return TRUE;
  return FALSE;
}

gboolean
qm_store_index_pending (QmStore  *self,
                        GError  **error)
{
  g_autoptr(GArray) rowids = g_steal_pointer (&self->unindexed);
  gint64 previous = 0;

  self->unindexed = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_sort (rowids, compare_rowids);

  for (guint i = 0; i < rowids->len; i++)
    {
      gint64 rowid = g_array_index (rowids, gint64, i);
      g_autoptr(QmStmt) stmt = NULL;
      g_autofree char *title = NULL;
      g_autofree char *text = NULL;
      int rc;

      if (rowid == previous)
        continue;
      previous = rowid;

      stmt = qm_store_prepare (self, "SELECT title, text FROM documents WHERE rowid = ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, rowid);
      rc = sqlite3_step (stmt);
      /* Rolled back to a savepoint since, or deleted again. */
      if (rc == SQLITE_DONE)
        continue;
      if (rc != SQLITE_ROW)
        return qm_store_fail (self, rc, error);
      title = qm_stmt_dup_text (stmt, 0);
      text = qm_stmt_dup_text (stmt, 1);
      qm_stmt_release (g_steal_pointer (&stmt));

      if (!write_index (self, NULL, rowid, title, text, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
qm_store_add_document (QmStore     *self,
                       QmDocument  *document,
                       GError     **error)
{
  const char *text;
  g_autofree char *sha256 = NULL;
  g_autofree char *id = NULL;
  glong n_chars;
  gint64 imported;

  g_return_val_if_fail (QM_IS_STORE (self), FALSE);
  g_return_val_if_fail (QM_IS_DOCUMENT (document), FALSE);

  text = qm_document_get_text (document);
  if (text == NULL || *text == '\0')
    {
      g_set_error (error, QM_ERROR, QM_ERROR_INVALID_TEXT,
                   _("Cannot add “%s” to “%s”: it has no text."),
                   describe_document (document), qm_store_get_display_name (self));
      return FALSE;
    }
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, QM_ERROR, QM_ERROR_INVALID_TEXT,
                   _("Cannot add “%s” to “%s”: its text is not valid UTF-8."),
                   describe_document (document), qm_store_get_display_name (self));
      return FALSE;
    }
  if (!check_metadata (self, document, error))
    return FALSE;

  /* Computed here rather than trusted from the object: annotations and
   * duplicate detection depend on them matching the stored text. */
  sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
  n_chars = g_utf8_strlen (text, -1);

  id = g_strdup (qm_document_get_id (document));
  if (id == NULL || *id == '\0')
    {
      g_free (id);
      id = g_strdup_printf ("doc-%.16s", sha256);
    }

  imported = qm_document_get_imported (document);
  if (imported == 0)
    imported = g_get_real_time ();

  if (!qm_store_write_begin (self, error))
    return FALSE;
  if (!qm_store_write_end (self, insert_document (self, document, id, sha256, n_chars, imported, error), error))
    return FALSE;

  g_object_freeze_notify (G_OBJECT (document));
  qm_document_set_id (document, id);
  qm_document_set_sha256 (document, sha256);
  qm_document_set_n_chars (document, n_chars);
  qm_document_set_imported (document, imported);
  g_object_thaw_notify (G_OBJECT (document));

  return TRUE;
}

QmDocument *
qm_store_get_document (QmStore     *self,
                       const char  *id,
                       GError     **error)
{
  g_autoptr(QmStmt) stmt = NULL;
  QmDocument *document;
  int rc;

  g_return_val_if_fail (QM_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  stmt = qm_store_prepare (self,
                           "SELECT " DOCUMENT_COLUMNS ", d.text FROM documents d WHERE d.id = ?1",
                           error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      qm_store_document_not_found (self, id, error);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      qm_store_fail (self, rc, error);
      return NULL;
    }

  document = qm_document_new ();
  /* The stored hash and length, which the annotations were checked
   * against, are the document's; qm_store_check() reports a length that
   * disagrees with the text. */
  fill_document (document, stmt);
  qm_document_set_stored_text (document, (const char *) sqlite3_column_text (stmt, 10));

  return document;
}

char *
qm_store_find_document_by_sha256 (QmStore     *self,
                                  const char  *sha256,
                                  GError     **error)
{
  g_autoptr(QmStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (QM_IS_STORE (self), NULL);
  g_return_val_if_fail (sha256 != NULL, NULL);

  stmt = qm_store_prepare (self, "SELECT id FROM documents WHERE sha256 = ?1", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return qm_stmt_dup_text (stmt, 0);
  if (rc != SQLITE_DONE)
    qm_store_fail (self, rc, error);

  return NULL;
}

guint
qm_store_count_documents (QmStore  *self,
                          GError  **error)
{
  g_autoptr(QmStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (QM_IS_STORE (self), 0);

  stmt = qm_store_prepare (self, "SELECT count(*) FROM documents", error);
  if (stmt == NULL)
    return 0;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      qm_store_fail (self, rc, error);
      return 0;
    }

  return sqlite3_column_int64 (stmt, 0);
}

/* One statement, so a page is a consistent snapshot even while another
 * process writes; the text column is never read. */
GPtrArray *
qm_store_list_documents (QmStore     *self,
                         const char  *annotator,
                         guint        offset,
                         guint        limit,
                         GError     **error)
{
  g_autoptr(QmStmt) stmt = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  int rc;

  g_return_val_if_fail (QM_IS_STORE (self), NULL);

  stmt = qm_store_prepare (self,
                           "SELECT " DOCUMENT_COLUMNS ", "
                           "(SELECT count(*) FROM spans s WHERE s.document = d.rowid AND s.label = ?1 "
                           "   AND (?2 IS NULL OR s.annotator = ?2)), "
                           "(SELECT st.status FROM statuses st WHERE st.document = d.rowid AND st.annotator = ?2) "
                           "FROM documents d ORDER BY d.rowid LIMIT ?3 OFFSET ?4",
                           error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, qm_schema_get_stance_label (self->schema), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, annotator, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, limit == 0 ? -1 : (gint64) limit);
  sqlite3_bind_int64 (stmt, 4, offset);

  documents = g_ptr_array_new_with_free_func (g_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      QmDocument *document = qm_document_new ();
      QmStatus status = QM_STATUS_NEW;

      fill_document (document, stmt);
      qm_document_set_n_quotes (document, sqlite3_column_int64 (stmt, 10));
      if (!qm_status_from_string ((const char *) sqlite3_column_text (stmt, 11), &status))
        status = QM_STATUS_NEW;
      qm_document_set_status (document, status);

      g_ptr_array_add (documents, document);
    }

  if (rc != SQLITE_DONE)
    {
      qm_store_fail (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&documents);
}

/* Takes the document out of the search index with the words it went in
 * with, which its title and text give again. @text_out, when given, gets
 * the text for indexing the document again, or NULL when it was not in the
 * index (added in this transaction, indexed at its commit). */
static gboolean
unindex_document (QmStore     *self,
                  gint64       rowid,
                  char       **text_out,
                  GError     **error)
{
  g_autoptr(QmStmt) stmt = NULL;
  g_autofree char *title = NULL;
  g_autofree char *text = NULL;
  int rc;

  if (text_out != NULL)
    *text_out = NULL;

  /* Added in this transaction: not in the index yet. */
  if (is_unindexed (self, rowid))
    return TRUE;

  stmt = qm_store_prepare (self, "SELECT title, text FROM documents WHERE rowid = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, rowid);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return qm_store_fail (self, rc, error);

  /* Copied, so that the read is over before the index is written. */
  title = qm_stmt_dup_text (stmt, 0);
  text = qm_stmt_dup_text (stmt, 1);
  qm_stmt_release (g_steal_pointer (&stmt));

  if (!write_index (self, "delete", rowid, title, text, error))
    return FALSE;
  if (text_out != NULL)
    *text_out = g_steal_pointer (&text);
  return TRUE;
}

static gboolean
delete_document (QmStore     *self,
                 const char  *id,
                 GError     **error)
{
  g_autoptr(QmStmt) stmt = NULL;
  gint64 rowid;

  if (!qm_store_find_rowid (self, "documents", id, &rowid, error))
    return FALSE;
  if (rowid == 0)
    return qm_store_document_not_found (self, id, error);

  if (!unindex_document (self, rowid, NULL, error))
    return FALSE;

  stmt = qm_store_prepare (self, "DELETE FROM documents WHERE rowid = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, rowid);
  return qm_store_step_done (self, stmt, error);
}

gboolean
qm_store_delete_document (QmStore     *self,
                          const char  *id,
                          GError     **error)
{
  g_return_val_if_fail (QM_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (!qm_store_write_begin (self, error))
    return FALSE;

  return qm_store_write_end (self, delete_document (self, id, error), error);
}

/* The title as it will be stored: one line, not empty, no longer than a
 * guessed title may be. */
static char *
clean_title (QmStore     *self,
             const char  *id,
             const char  *title,
             GError     **error)
{
  g_autofree char *clean = NULL;
  glong n_chars;

  if (!g_utf8_validate (title, -1, NULL))
    {
      g_set_error (error, QM_ERROR, QM_ERROR_INVALID_TEXT,
                   _("Cannot rename document “%s” in “%s”: the new title is not valid UTF-8."),
                   id, qm_store_get_display_name (self));
      return NULL;
    }

  clean = qm_text_clean_title (title, &n_chars);
  if (*clean == '\0')
    {
      g_set_error (error, QM_ERROR, QM_ERROR_INVALID_DATA,
                   _("Cannot rename document “%s” in “%s”: the new title is empty."),
                   id, qm_store_get_display_name (self));
      return NULL;
    }
  if (n_chars > QM_TEXT_TITLE_MAX_CHARS)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_INVALID_DATA,
                   g_dngettext (GETTEXT_PACKAGE,
                                "Cannot rename document “%s” in “%s”: a title can have at most %u character, and the new one has %lu.",
                                "Cannot rename document “%s” in “%s”: a title can have at most %u characters, and the new one has %lu.",
                                QM_TEXT_TITLE_MAX_CHARS),
                   id, qm_store_get_display_name (self),
                   (guint) QM_TEXT_TITLE_MAX_CHARS, (gulong) n_chars);
      return NULL;
    }

  return g_steal_pointer (&clean);
}

static gboolean
write_title (QmStore     *self,
             const char  *id,
             const char  *title,
             GError     **error)
{
  g_autoptr(QmStmt) stmt = NULL;
  g_autofree char *text = NULL;
  gint64 rowid;

  if (!qm_store_find_rowid (self, "documents", id, &rowid, error))
    return FALSE;
  if (rowid == 0)
    return qm_store_document_not_found (self, id, error);

  /* Out of the index with the old title's words, back in with the new
   * one's; a document added in this transaction is indexed at the commit,
   * with whatever title it has then. */
  if (!unindex_document (self, rowid, &text, error))
    return FALSE;

  stmt = qm_store_prepare (self, "UPDATE documents SET title = ?1 WHERE rowid = ?2", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, title, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, rowid);
  if (!qm_store_step_done (self, stmt, error))
    return FALSE;

  if (text != NULL)
    return write_index (self, NULL, rowid, title, text, error);
  return TRUE;
}

gboolean
qm_store_set_document_title (QmStore     *self,
                             const char  *id,
                             const char  *title,
                             GError     **error)
{
  g_autofree char *clean = NULL;

  g_return_val_if_fail (QM_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (title != NULL, FALSE);

  clean = clean_title (self, id, title, error);
  if (clean == NULL)
    return FALSE;

  if (!qm_store_write_begin (self, error))
    return FALSE;

  return qm_store_write_end (self, write_title (self, id, clean, error), error);
}

gboolean
qm_store_restore_document_title (QmStore     *self,
                                 const char  *id,
                                 const char  *title,
                                 GError     **error)
{
  g_return_val_if_fail (QM_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (title == NULL || g_utf8_validate (title, -1, NULL), FALSE);

  if (!qm_store_write_begin (self, error))
    return FALSE;

  return qm_store_write_end (self, write_title (self, id, title, error), error);
}

static gboolean
check_annotator (QmStore     *self,
                 const char  *annotator,
                 GError     **error)
{
  if (annotator != NULL && *annotator != '\0')
    return TRUE;

  g_set_error (error, QM_ERROR, QM_ERROR_INVALID_DATA,
               _("Cannot save a status in “%s” without an annotator name."),
               qm_store_get_display_name (self));
  return FALSE;
}

static gboolean
write_status (QmStore     *self,
              const char  *document_id,
              const char  *annotator,
              QmStatus     status,
              GError     **error)
{
  g_autoptr(QmStmt) stmt = NULL;
  gint64 document;

  if (!qm_store_find_rowid (self, "documents", document_id, &document, error))
    return FALSE;
  if (document == 0)
    return qm_store_document_not_found (self, document_id, error);

  stmt = qm_store_prepare (self,
                           "INSERT INTO statuses (document, annotator, status, modified) "
                           "VALUES (?1, ?2, ?3, ?4) "
                           "ON CONFLICT (document, annotator) DO UPDATE "
                           "SET status = excluded.status, modified = excluded.modified",
                           error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, document);
  sqlite3_bind_text (stmt, 2, annotator, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, qm_status_to_string (status), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, g_get_real_time ());

  return qm_store_step_done (self, stmt, error);
}

gboolean
qm_store_set_status (QmStore     *self,
                     const char  *document_id,
                     const char  *annotator,
                     QmStatus     status,
                     GError     **error)
{
  g_return_val_if_fail (QM_IS_STORE (self), FALSE);
  g_return_val_if_fail (document_id != NULL, FALSE);
  g_return_val_if_fail (status <= QM_STATUS_DONE, FALSE);

  if (!check_annotator (self, annotator, error))
    return FALSE;

  if (!qm_store_write_begin (self, error))
    return FALSE;

  return qm_store_write_end (self, write_status (self, document_id, annotator, status, error), error);
}

QmStatus
qm_store_get_status (QmStore     *self,
                     const char  *document_id,
                     const char  *annotator,
                     GError     **error)
{
  g_autoptr(QmStmt) stmt = NULL;
  QmStatus status = QM_STATUS_NEW;
  gint64 document;
  int rc;

  g_return_val_if_fail (QM_IS_STORE (self), QM_STATUS_NEW);
  g_return_val_if_fail (document_id != NULL, QM_STATUS_NEW);

  if (!qm_store_find_rowid (self, "documents", document_id, &document, error))
    return QM_STATUS_NEW;
  if (document == 0)
    {
      qm_store_document_not_found (self, document_id, error);
      return QM_STATUS_NEW;
    }

  stmt = qm_store_prepare (self,
                           "SELECT status FROM statuses WHERE document = ?1 AND annotator = ?2",
                           error);
  if (stmt == NULL)
    return QM_STATUS_NEW;

  sqlite3_bind_int64 (stmt, 1, document);
  sqlite3_bind_text (stmt, 2, annotator, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    qm_status_from_string ((const char *) sqlite3_column_text (stmt, 0), &status);
  else if (rc != SQLITE_DONE)
    qm_store_fail (self, rc, error);

  return status;
}

GHashTable *
qm_store_get_statuses (QmStore     *self,
                       const char  *document_id,
                       GError     **error)
{
  g_autoptr(QmStmt) stmt = NULL;
  g_autoptr(GHashTable) statuses = NULL;
  gint64 document;
  int rc;

  g_return_val_if_fail (QM_IS_STORE (self), NULL);
  g_return_val_if_fail (document_id != NULL, NULL);

  if (!qm_store_find_rowid (self, "documents", document_id, &document, error))
    return NULL;
  if (document == 0)
    {
      qm_store_document_not_found (self, document_id, error);
      return NULL;
    }

  stmt = qm_store_prepare (self,
                           "SELECT annotator, status FROM statuses WHERE document = ?1 ORDER BY annotator",
                           error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, document);

  statuses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      QmStatus status = QM_STATUS_NEW;

      qm_status_from_string ((const char *) sqlite3_column_text (stmt, 1), &status);
      g_hash_table_insert (statuses, qm_stmt_dup_text (stmt, 0), GINT_TO_POINTER (status));
    }

  if (rc != SQLITE_DONE)
    {
      qm_store_fail (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&statuses);
}
