/* qm-format-brat.c: the brat standoff format: a folder of DOC.txt and DOC.ann
 * with annotation.conf and visual.conf, exported and imported. */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "qm-error.h"
#include "qm-format.h"
#include "qm-formats-private.h"
#include "qm-segment.h"
#include "qm-text.h"

/* The first line of the annotation.conf we write: how a folder is known to
 * be an earlier export that may be replaced. */
#define CONF_MARKER "# brat configuration written by Quotemark from the corpus schema."
/* Longest file name stem, in bytes: file systems allow 255 for the name. */
#define MAX_STEM_BYTES 120

/* Python's str.splitlines() breaks lines at these, and brat reads .ann files
 * line by line that way, so a T line's text may hold none of them. */
static gboolean
is_line_break (gunichar c)
{
  return c == '\n' || c == '\r' || c == 0x0B || c == 0x0C
      || c == 0x1C || c == 0x1D || c == 0x1E
      || c == 0x85 || c == 0x2028 || c == 0x2029;
}

/* ================================================================ export */

/* brat type names are single words. */
static char *
type_name (const char *name)
{
  GString *s = g_string_new (NULL);

  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == ',' || c == '|' || c == ':' || c == ';' || c < 0x20)
        g_string_append_c (s, '_');
      else
        g_string_append_unichar (s, c);
    }
  return g_string_free (s, FALSE);
}

/* Note text and names stay on their line. */
static void
append_one_line (GString    *s,
                 const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_line_break (c) || c == '\t')
        g_string_append_c (s, ' ');
      else
        g_string_append_unichar (s, c);
    }
}

static char *
safe_stem (const char *id)
{
  GString *s = g_string_new (NULL);

  for (const char *p = id; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20 || c == 0x7F || (c < 0x80 && strchr ("/\\:*?\"<>|", (int) c) != NULL)
          || g_unichar_isspace (c))
        g_string_append_c (s, '_');
      else
        g_string_append_unichar (s, c);
    }
  if (s->len > 0 && s->str[0] == '.')
    s->str[0] = '_';
  if (s->len > MAX_STEM_BYTES)
    {
      const char *cut = s->str + MAX_STEM_BYTES;

      cut = g_utf8_find_prev_char (s->str, cut + 1);
      g_string_truncate (s, cut - s->str);
    }
  if (s->len == 0)
    g_string_assign (s, "document");
  return g_string_free (s, FALSE);
}

/* Unique among the documents, also where file names ignore case. */
static char *
unique_stem (const char *id,
             GHashTable *taken)
{
  g_autofree char *stem = safe_stem (id);
  char *candidate = g_strdup (stem);

  for (guint n = 2;; n++)
    {
      g_autofree char *folded = g_utf8_casefold (candidate, -1);

      if (!g_hash_table_contains (taken, folded))
        {
          g_hash_table_add (taken, g_steal_pointer (&folded));
          return candidate;
        }
      g_free (candidate);
      candidate = g_strdup_printf ("%s-%u", stem, n);
    }
}

static char *
annotation_conf (QmSchema *schema)
{
  GString *s = g_string_new (CONF_MARKER "\n");
  g_autoptr(GPtrArray) attribute_names = g_ptr_array_new ();

  g_string_append (s, "[entities]\n");
  for (guint i = 0; i < qm_schema_get_n_labels (schema); i++)
    {
      g_autofree char *name = type_name (qm_schema_get_label (schema, i)->name);

      g_string_append_printf (s, "%s\n", name);
    }

  g_string_append (s, "\n[relations]\n");
  for (guint i = 0; i < qm_schema_get_n_relations (schema); i++)
    {
      const QmRelationDef *def = qm_schema_get_relation (schema, i);
      g_autofree char *name = type_name (def->name);
      g_autofree char *from = type_name (def->from_label);
      g_autofree char *to = type_name (def->to_label);

      g_string_append_printf (s, "%s\tArg1:%s, Arg2:%s\n", name, from, to);
    }
  /* Quotes contain their speakers now and then. */
  g_string_append (s, "<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n");

  g_string_append (s, "\n[events]\n");

  /* brat declares an attribute once, for every label that has it. */
  g_string_append (s, "\n[attributes]\n");
  for (guint i = 0; i < qm_schema_get_n_labels (schema); i++)
    {
      const QmLabelDef *label = qm_schema_get_label (schema, i);

      for (guint k = 0; label->attributes != NULL && k < label->attributes->len; k++)
        {
          const QmAttributeDef *attribute = g_ptr_array_index (label->attributes, k);
          gboolean seen = FALSE;

          for (guint j = 0; j < attribute_names->len && !seen; j++)
            seen = strcmp (g_ptr_array_index (attribute_names, j), attribute->name) == 0;
          if (!seen)
            g_ptr_array_add (attribute_names, attribute->name);
        }
    }
  for (guint j = 0; j < attribute_names->len; j++)
    {
      const char *attribute_name = g_ptr_array_index (attribute_names, j);
      g_autoptr(GPtrArray) values = g_ptr_array_new ();
      g_autofree char *name = type_name (attribute_name);
      GString *args = g_string_new (NULL);

      for (guint i = 0; i < qm_schema_get_n_labels (schema); i++)
        {
          const QmLabelDef *label = qm_schema_get_label (schema, i);
          const QmAttributeDef *attribute = qm_label_def_find_attribute (label, attribute_name);
          g_autofree char *label_name = NULL;

          if (attribute == NULL)
            continue;
          label_name = type_name (label->name);
          if (args->len > 0)
            g_string_append_c (args, '|');
          g_string_append (args, label_name);
          for (guint v = 0; attribute->values != NULL && attribute->values[v] != NULL; v++)
            {
              gboolean seen = FALSE;

              for (guint w = 0; w < values->len && !seen; w++)
                seen = strcmp (g_ptr_array_index (values, w), attribute->values[v]) == 0;
              if (!seen)
                g_ptr_array_add (values, attribute->values[v]);
            }
        }
      g_string_append_printf (s, "%s\tArg:%s", name, args->str);
      if (values->len > 0)
        {
          g_string_append (s, ", Value:");
          for (guint w = 0; w < values->len; w++)
            {
              g_autofree char *value = type_name (g_ptr_array_index (values, w));

              g_string_append_printf (s, "%s%s", w > 0 ? "|" : "", value);
            }
        }
      g_string_append_c (s, '\n');
      g_string_free (args, TRUE);
    }

  return g_string_free (s, FALSE);
}

static char *
visual_conf (QmSchema *schema)
{
  GString *s = g_string_new ("# brat display settings written by Quotemark: the label colours of the corpus schema.\n");

  /* brat warns when [labels] is missing; it names each type as the schema does. */
  g_string_append (s, "[labels]\n");
  for (guint i = 0; i < qm_schema_get_n_labels (schema); i++)
    {
      g_autofree char *name = type_name (qm_schema_get_label (schema, i)->name);

      g_string_append_printf (s, "%s | %s\n", name, name);
    }
  for (guint i = 0; i < qm_schema_get_n_relations (schema); i++)
    {
      g_autofree char *name = type_name (qm_schema_get_relation (schema, i)->name);

      g_string_append_printf (s, "%s | %s\n", name, name);
    }
  g_string_append (s, "\n[drawing]\n");
  for (guint i = 0; i < qm_schema_get_n_labels (schema); i++)
    {
      const QmLabelDef *label = qm_schema_get_label (schema, i);
      g_autofree char *name = type_name (label->name);

      if (label->color != NULL)
        g_string_append_printf (s, "%s\tbgColor:%s\n", name, label->color);
    }
  return g_string_free (s, FALSE);
}

/* Appends "START END[;START END]…\tTEXT" for a span: a span that crosses a
 * line break becomes fragments around it, since a T line holds one line;
 * brat joins the fragments' texts with a space. */
static gboolean
append_fragments (GString     *s,
                  QmFormatDoc *doc,
                  const QmSpan *span)
{
  g_autoptr(GString) text = g_string_new (NULL);
  const char *p = doc->text + qm_offsets_char_to_byte (doc->offsets, span->start);
  glong fragment_start = -1;
  gboolean any = FALSE;

  for (glong i = span->start; i <= span->end; i++)
    {
      gboolean at_end = i == span->end;
      gunichar c = at_end ? 0 : g_utf8_get_char (p);

      if (at_end || is_line_break (c))
        {
          if (fragment_start >= 0)
            {
              g_autofree char *piece = qm_offsets_slice (doc->offsets, fragment_start, i);

              g_string_append_printf (s, "%s%ld %ld", any ? ";" : "", fragment_start, i);
              if (any)
                g_string_append_c (text, ' ');
              g_string_append (text, piece);
              any = TRUE;
              fragment_start = -1;
            }
        }
      else if (fragment_start < 0)
        fragment_start = i;
      if (!at_end)
        p = g_utf8_next_char (p);
    }
  g_string_append_c (s, '\t');
  g_string_append_len (s, text->str, text->len);
  return any;
}

typedef struct
{
  guint       from;
  guint       to;
  const char *type;
} NumberedRelation;

static int
compare_numbered (gconstpointer a,
                  gconstpointer b)
{
  const NumberedRelation *x = a;
  const NumberedRelation *y = b;

  if (x->from != y->from)
    return x->from < y->from ? -1 : 1;
  if (x->to != y->to)
    return x->to < y->to ? -1 : 1;
  return g_strcmp0 (x->type, y->type);
}

static char *
ann_file (QmFormatDoc *doc,
          QmReport    *report)
{
  GString *s = g_string_new (NULL);
  g_autoptr(GHashTable) number = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *spans = doc->spans;
  g_autoptr(GArray) relations = g_array_new (FALSE, FALSE, sizeof (NumberedRelation));
  guint n_t = 0, n_a = 0, n_notes = 0;

  for (guint i = 0; i < spans->len; i++)
    {
      QmSpan *span = g_ptr_array_index (spans, i);
      g_autofree char *label = type_name (span->label);
      gsize line_start = s->len;

      g_string_append_printf (s, "T%u\t%s ", n_t + 1, label);
      if (!append_fragments (s, doc, span))
        {
          /* Line breaks only: nothing brat could show. */
          g_string_truncate (s, line_start);
          if (report != NULL)
            qm_report_add (report, QM_REPORT_WARNING, doc->id, 0,
                           _("%s: span %s holds only line breaks and was left out of the brat export"),
                           doc->id, span->id);
          continue;
        }
      g_string_append_c (s, '\n');
      g_hash_table_insert (number, span->id, GUINT_TO_POINTER (++n_t));
    }

  for (guint i = 0; i < spans->len; i++)
    {
      QmSpan *span = g_ptr_array_index (spans, i);
      guint t = GPOINTER_TO_UINT (g_hash_table_lookup (number, span->id));
      g_autoptr(GPtrArray) keys = qm_format_sorted_keys (span->attributes);

      if (t == 0)
        continue;
      for (guint k = 0; k < keys->len; k++)
        {
          const char *key = g_ptr_array_index (keys, k);
          g_autofree char *name = type_name (key);
          g_autofree char *value = type_name (g_hash_table_lookup (span->attributes, key));

          g_string_append_printf (s, "A%u\t%s T%u %s\n", ++n_a, name, t, value);
        }
    }

  for (guint i = 0; i < doc->relations->len; i++)
    {
      QmRelation *relation = g_ptr_array_index (doc->relations, i);
      NumberedRelation numbered = {
        GPOINTER_TO_UINT (g_hash_table_lookup (number, relation->from_id)),
        GPOINTER_TO_UINT (g_hash_table_lookup (number, relation->to_id)),
        relation->type,
      };

      if (numbered.from != 0 && numbered.to != 0)
        g_array_append_val (relations, numbered);
    }
  g_array_sort (relations, compare_numbered);
  for (guint i = 0; i < relations->len; i++)
    {
      NumberedRelation *numbered = &g_array_index (relations, NumberedRelation, i);
      g_autofree char *type = type_name (numbered->type);

      g_string_append_printf (s, "R%u\t%s Arg1:T%u Arg2:T%u\n", i + 1, type, numbered->from, numbered->to);
    }

  /* The speaker a mention refers to and the stances of a quote have no
   * place in standoff; annotator notes carry them. */
  for (guint i = 0; i < spans->len; i++)
    {
      QmSpan *span = g_ptr_array_index (spans, i);
      guint t = GPOINTER_TO_UINT (g_hash_table_lookup (number, span->id));
      const char *entity = qm_format_doc_entity_name (doc, span);
      g_autoptr(GPtrArray) stances = NULL;

      if (t == 0)
        continue;
      if (entity != NULL)
        {
          g_string_append_printf (s, "#%u\tAnnotatorNotes T%u\tentity: ", ++n_notes, t);
          append_one_line (s, entity);
          g_string_append_c (s, '\n');
        }
      stances = qm_format_doc_stances_of (doc, span->id);
      for (guint k = 0; k < stances->len; k++)
        {
          QmStance *stance = g_ptr_array_index (stances, k);

          g_string_append_printf (s, "#%u\tAnnotatorNotes T%u\tstance: ", ++n_notes, t);
          append_one_line (s, stance->target_name);
          g_string_append_printf (s, "=%s\n", stance->value);
        }
    }

  return g_string_free (s, FALSE);
}

static void
remove_flat_folder (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          g_unlink (child);
        }
      g_dir_close (dir);
    }
  g_rmdir (path);
}

typedef enum
{
  DEST_ABSENT,
  DEST_EMPTY,
  DEST_PREVIOUS,
} Destination;

static gboolean
is_previous_export (const char *path)
{
  g_autofree char *conf = g_build_filename (path, "annotation.conf", NULL);
  g_autofree char *data = NULL;
  GDir *dir;
  const char *name;
  gboolean ours = TRUE;

  if (!g_file_get_contents (conf, &data, NULL, NULL)
      || !g_str_has_prefix (data, CONF_MARKER "\n"))
    return FALSE;

  /* Only what an export writes: anything else is the user's. */
  dir = g_dir_open (path, 0, NULL);
  if (dir == NULL)
    return FALSE;
  while (ours && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      ours = g_file_test (child, G_FILE_TEST_IS_REGULAR)
          && !g_file_test (child, G_FILE_TEST_IS_SYMLINK)
          && (g_str_has_suffix (name, ".txt") || g_str_has_suffix (name, ".ann")
              || strcmp (name, "annotation.conf") == 0 || strcmp (name, "visual.conf") == 0);
    }
  g_dir_close (dir);
  return ours;
}

static gboolean
check_destination (const char   *path,
                   Destination  *destination,
                   GError      **error)
{
  GDir *dir;
  gboolean empty;

  if (!g_file_test (path, G_FILE_TEST_EXISTS) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      *destination = DEST_ABSENT;
      return TRUE;
    }
  if (g_file_test (path, G_FILE_TEST_IS_SYMLINK) || !g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, QM_ERROR, QM_ERROR_FAILED,
                   _("%s exists and is not a folder; a brat export will not overwrite it"), path);
      return FALSE;
    }
  dir = g_dir_open (path, 0, error);
  if (dir == NULL)
    return FALSE;
  empty = g_dir_read_name (dir) == NULL;
  g_dir_close (dir);
  if (empty)
    {
      *destination = DEST_EMPTY;
      return TRUE;
    }
  if (is_previous_export (path))
    {
      *destination = DEST_PREVIOUS;
      return TRUE;
    }
  g_set_error (error, QM_ERROR, QM_ERROR_FAILED,
               _("%s is a folder with other files in it; a brat export goes into a new or empty folder, or replaces an earlier brat export"),
               path);
  return FALSE;
}

static gboolean
write_file (const char  *folder,
            const char  *name,
            const char  *data,
            gssize       len,
            GError     **error)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);

  return g_file_set_contents (path, data, len, error);
}

static gboolean
write_documents (QmStore                *store,
                 const QmExportOptions  *options,
                 const char             *folder,
                 QmReport               *report,
                 GCancellable           *cancellable,
                 GError                **error)
{
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *conf = annotation_conf (qm_store_get_schema (store));
  g_autofree char *visual = visual_conf (qm_store_get_schema (store));
  const char *annotator = options != NULL ? options->annotator : NULL;

  /* Names a document cannot take. */
  g_hash_table_add (taken, g_strdup ("annotation"));
  g_hash_table_add (taken, g_strdup ("visual"));

  if (!write_file (folder, "annotation.conf", conf, -1, error)
      || !write_file (folder, "visual.conf", visual, -1, error))
    return FALSE;

  ids = qm_export_select_documents (store, options, error);
  if (ids == NULL)
    return FALSE;

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(QmFormatDoc) doc = NULL;
      g_autofree char *stem = NULL;
      g_autofree char *txt = NULL;
      g_autofree char *ann_name = NULL;
      g_autofree char *ann = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      doc = qm_format_doc_load (store, g_ptr_array_index (ids, i), annotator, error);
      if (doc == NULL)
        return FALSE;

      stem = unique_stem (doc->id, taken);
      txt = g_strconcat (stem, ".txt", NULL);
      ann_name = g_strconcat (stem, ".ann", NULL);
      ann = ann_file (doc, report);
      /* The text exactly as stored: the offsets count its code points. */
      if (!write_file (folder, txt, doc->text, -1, error)
          || !write_file (folder, ann_name, ann, -1, error))
        return FALSE;
      qm_format_progress (options, i + 1, ids->len);
    }
  return TRUE;
}

static char *
make_sibling (const char  *path,
              const char  *what,
              GError     **error)
{
  g_autofree char *parent = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *name = g_strdup_printf (".%s.%s-XXXXXX", base, what);
  char *sibling = g_build_filename (parent, name, NULL);

  if (g_mkdtemp_full (sibling, 0755) == NULL)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot create a folder beside %s: %s"), path, g_strerror (saved));
      g_free (sibling);
      return NULL;
    }
  return sibling;
}

gboolean
qm_format_brat_export (QmStore                *store,
                       const QmExportOptions  *options,
                       const char             *path,
                       QmReport               *report,
                       GCancellable           *cancellable,
                       GError                **error)
{
  g_autofree char *staging = NULL;
  g_autofree char *old = NULL;
  Destination destination;

  g_return_val_if_fail (QM_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!check_destination (path, &destination, error))
    return FALSE;

  /* Written beside the destination and renamed into place whole, so that a
   * failed export leaves what was there. */
  staging = make_sibling (path, "export", error);
  if (staging == NULL)
    return FALSE;
  if (!write_documents (store, options, staging, report, cancellable, error))
    {
      remove_flat_folder (staging);
      return FALSE;
    }

  if (destination == DEST_PREVIOUS)
    {
      old = make_sibling (path, "old", error);
      if (old == NULL)
        {
          remove_flat_folder (staging);
          return FALSE;
        }
      g_rmdir (old);
      if (g_rename (path, old) != 0)
        {
          int saved = errno;

          remove_flat_folder (staging);
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       _("Cannot replace %s: %s"), path, g_strerror (saved));
          return FALSE;
        }
    }

  /* rename() replaces an empty folder in one step. */
  if (g_rename (staging, path) != 0)
    {
      int saved = errno;

      if (old != NULL)
        g_rename (old, path);
      remove_flat_folder (staging);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot move the export into %s: %s"), path, g_strerror (saved));
      return FALSE;
    }
  if (old != NULL)
    remove_flat_folder (old);
  return TRUE;
}

/* ================================================================ import */

/* The text of a .txt file and where its offsets land in the document. brat
 * offsets count the code points of the file (Python str); brat itself reads
 * the file with universal newlines, so offsets it wrote on a CR LF text
 * count each line end as one character. Both views map to the document's
 * text, which is normalised like any imported text (LF, NFC). */
typedef struct
{
  gunichar *raw;         /* the file's code points */
  glong     n_raw;
  gunichar *view;        /* universal newline view (brat's own) */
  glong     n_view;
  glong    *view_to_raw; /* n_view + 1 */
  glong    *raw_to_doc;  /* n_raw + 1 */
  char     *doc_text;    /* the document's text */
  gboolean  has_cr;
} BratText;

static void
brat_text_free (BratText *t)
{
  g_free (t->raw);
  g_free (t->view);
  g_free (t->view_to_raw);
  g_free (t->raw_to_doc);
  g_free (t->doc_text);
  g_free (t);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BratText, brat_text_free)

/* NFC cluster by cluster, so that every offset between clusters keeps a
 * place; NFC never joins characters of different grapheme clusters. */
static char *
compose_by_cluster (const gunichar *chars,
                    glong           n,
                    glong          *map)  /* n + 1 entries filled */
{
  g_autofree char *utf8 = g_ucs4_to_utf8 (chars, n, NULL, NULL, NULL);
  g_autofree char *whole = g_utf8_normalize (utf8, -1, G_NORMALIZE_NFC);
  g_autoptr(QmSegmenter) segmenter = NULL;
  GString *out;
  glong out_chars = 0;
  glong cluster_start = 0;

  if (whole != NULL && strcmp (whole, utf8) == 0)
    {
      for (glong i = 0; i <= n; i++)
        map[i] = i;
      return g_steal_pointer (&utf8);
    }

  segmenter = qm_segmenter_new (utf8, -1);
  out = g_string_new (NULL);
  for (glong i = 1; i <= n; i++)
    {
      g_autofree char *cluster = NULL;
      g_autofree char *composed = NULL;
      glong n_composed;

      if (i < n && !qm_segmenter_is_grapheme_boundary (segmenter, i))
        continue;
      cluster = g_ucs4_to_utf8 (chars + cluster_start, i - cluster_start, NULL, NULL, NULL);
      composed = g_utf8_normalize (cluster, -1, G_NORMALIZE_NFC);
      n_composed = g_utf8_strlen (composed, -1);
      for (glong k = cluster_start; k < i; k++)
        /* Inside a cluster that changed length there is no exact place;
         * the cluster's start stands for it. */
        map[k] = out_chars + (n_composed == i - cluster_start ? k - cluster_start : 0);
      g_string_append (out, composed);
      out_chars += n_composed;
      cluster_start = i;
    }
  map[n] = out_chars;
  return g_string_free (out, FALSE);
}

static BratText *
brat_text_new (const char  *data,
               gsize        len,
               const char  *existing_text,  /* NULL: the document gets the normalised text */
               GError     **error)
{
  g_autoptr(BratText) t = g_new0 (BratText, 1);
  g_autofree gunichar *lf = NULL;
  g_autofree glong *raw_to_lf = NULL;
  g_autofree glong *lf_to_doc = NULL;
  glong n_lf = 0, start = 0;

  t->raw = g_utf8_to_ucs4_fast (data, len, &t->n_raw);
  t->view = g_new (gunichar, t->n_raw + 1);
  t->view_to_raw = g_new (glong, t->n_raw + 1);
  lf = g_new (gunichar, t->n_raw + 1);
  raw_to_lf = g_new (glong, t->n_raw + 1);

  /* Universal newlines (brat's view) keep a byte order mark; our text
   * import drops it. */
  if (t->n_raw > 0 && t->raw[0] == 0xFEFF)
    {
      raw_to_lf[0] = 0;
      start = 1;
      t->view[t->n_view] = 0xFEFF;
      t->view_to_raw[t->n_view++] = 0;
    }
  for (glong i = start; i < t->n_raw; i++)
    {
      gunichar c = t->raw[i];

      if (c == '\r')
        {
          t->has_cr = TRUE;
          raw_to_lf[i] = n_lf;
          t->view[t->n_view] = '\n';
          t->view_to_raw[t->n_view++] = i;
          lf[n_lf++] = '\n';
          if (i + 1 < t->n_raw && t->raw[i + 1] == '\n')
            raw_to_lf[++i] = n_lf - 1;
          continue;
        }
      raw_to_lf[i] = n_lf;
      t->view[t->n_view] = c;
      t->view_to_raw[t->n_view++] = i;
      lf[n_lf++] = c;
    }
  raw_to_lf[t->n_raw] = n_lf;
  t->view_to_raw[t->n_view] = t->n_raw;

  t->raw_to_doc = g_new (glong, t->n_raw + 1);
  if (existing_text != NULL)
    {
      /* The file is exactly a text of the corpus: offsets stand as they are. */
      for (glong i = 0; i <= t->n_raw; i++)
        t->raw_to_doc[i] = i;
      t->doc_text = g_strdup (existing_text);
      return g_steal_pointer (&t);
    }

  lf_to_doc = g_new (glong, n_lf + 1);
  t->doc_text = compose_by_cluster (lf, n_lf, lf_to_doc);
  for (glong i = 0; i <= t->n_raw; i++)
    t->raw_to_doc[i] = lf_to_doc[raw_to_lf[i]];

  {
    g_autofree char *normalized = qm_text_normalize (data, len);

    if (strcmp (normalized, t->doc_text) != 0)
      {
        g_set_error (error, QM_ERROR, QM_ERROR_INVALID_TEXT,
                     _("the text could not be normalised in a way the offsets can follow"));
        return NULL;
      }
  }
  return g_steal_pointer (&t);
}

typedef struct
{
  glong start;
  glong end;
} Fragment;

typedef struct
{
  char       *id;
  char       *label;
  GArray     *fragments;  /* Fragment, in the file's offsets */
  char       *text;       /* NULL when the line has none */
  guint       line;
  GHashTable *attributes; /* name -> value */
  GHashTable *attribute_lines; /* name -> line of its A line */
  char       *entity;
  GPtrArray  *span_ids;   /* ids of the spans made of it, borrowed from the target */
} BratEntity;

typedef struct
{
  char  *type;
  char  *from;
  char  *to;
  guint  line;
} BratRelation;

typedef struct
{
  char  *on;
  char  *target;
  char  *value;
  guint  line;
} BratStance;

static void
brat_entity_free (BratEntity *e)
{
  g_free (e->id);
  g_free (e->label);
  g_array_unref (e->fragments);
  g_free (e->text);
  g_hash_table_unref (e->attributes);
  g_hash_table_unref (e->attribute_lines);
  g_free (e->entity);
  g_ptr_array_unref (e->span_ids);
  g_free (e);
}

static void
brat_relation_free (BratRelation *r)
{
  g_free (r->type);
  g_free (r->from);
  g_free (r->to);
  g_free (r);
}

static void
brat_stance_free (BratStance *s)
{
  g_free (s->on);
  g_free (s->target);
  g_free (s->value);
  g_free (s);
}

typedef struct
{
  const char *txt_path;
  const char *ann_path;
  char       *data;       /* the .txt bytes */
  gsize       len;
  char       *ann;        /* the .ann bytes, NULL for a text alone */
  GPtrArray  *entities;   /* BratEntity in file order */
  GHashTable *entity_by_id;
  GPtrArray  *relations;  /* BratRelation */
  GPtrArray  *stances;    /* BratStance */
  GHashTable *other_ids;  /* ids of events, relations and the like */
  guint       n_ignored_notes;
  guint       first_ignored_note;
  guint       first_event, first_normalization, first_equiv;
} BratFile;

static void
brat_file_clear (BratFile *f)
{
  g_free (f->data);
  g_free (f->ann);
  g_clear_pointer (&f->entities, g_ptr_array_unref);
  g_clear_pointer (&f->entity_by_id, g_hash_table_unref);
  g_clear_pointer (&f->relations, g_ptr_array_unref);
  g_clear_pointer (&f->stances, g_ptr_array_unref);
  g_clear_pointer (&f->other_ids, g_hash_table_unref);
}

static gboolean
parse_offset (const char *s,
              glong      *value)
{
  char *end = NULL;
  gint64 v;

  if (!g_ascii_isdigit (*s))
    return FALSE;
  v = g_ascii_strtoll (s, &end, 10);
  if (*end != '\0' || v > G_MAXINT32)
    return FALSE;
  *value = (glong) v;
  return TRUE;
}

static gboolean
parse_textbound (QmFormatImport  *ctx,
                 BratFile        *f,
                 const char      *id,
                 const char      *data,
                 const char      *text,
                 guint            line,
                 GError         **error)
{
  g_auto(GStrv) ranges = NULL;
  const char *space = strchr (data, ' ');
  BratEntity *e;

  if (space == NULL || space == data)
    return qm_format_fail (ctx, line, error,
                           _("%s: expected “TYPE START END” after the id, found “%s”"), id, data);

  e = g_new0 (BratEntity, 1);
  e->id = g_strdup (id);
  e->label = g_strndup (data, space - data);
  e->fragments = g_array_new (FALSE, FALSE, sizeof (Fragment));
  e->text = g_strdup (text);
  e->line = line;
  e->attributes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  e->attribute_lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  e->span_ids = g_ptr_array_new ();
  g_ptr_array_add (f->entities, e);
  g_hash_table_insert (f->entity_by_id, e->id, e);

  ranges = g_strsplit (space + 1, ";", -1);
  for (guint i = 0; ranges[i] != NULL; i++)
    {
      g_auto(GStrv) numbers = g_strsplit (g_strstrip (ranges[i]), " ", -1);
      Fragment fragment;

      if (g_strv_length (numbers) != 2
          || !parse_offset (numbers[0], &fragment.start)
          || !parse_offset (numbers[1], &fragment.end))
        return qm_format_fail (ctx, line, error,
                               _("%s: “%s” is not a pair of offsets “START END”"), id, ranges[i]);
      if (fragment.start >= fragment.end)
        return qm_format_fail (ctx, line, error,
                               _("%s: offsets %ld–%ld are not a span of the text"), id, fragment.start, fragment.end);
      g_array_append_val (e->fragments, fragment);
    }
  /* "TYPE " with nothing after the space splits into no ranges at all. */
  if (e->fragments->len == 0)
    return qm_format_fail (ctx, line, error,
                           _("%s: expected “TYPE START END” after the id, found “%s”"), id, data);
  return TRUE;
}

static gboolean
take_id (QmFormatImport  *ctx,
         BratFile        *f,
         const char      *id,
         guint            line,
         GError         **error)
{
  if (g_hash_table_contains (f->entity_by_id, id) || g_hash_table_contains (f->other_ids, id))
    return qm_format_fail (ctx, line, error, _("the id %s is used twice"), id);
  return TRUE;
}

static gboolean
parse_line (QmFormatImport  *ctx,
            BratFile        *f,
            char            *line_text,
            guint            line,
            GError         **error)
{
  g_auto(GStrv) fields = g_strsplit (line_text, "\t", 3);
  const char *id = fields[0];
  const char *data = fields[1];
  const char *tail = data != NULL ? fields[2] : NULL;
  g_auto(GStrv) words = NULL;
  guint n_words;

  if (data == NULL || *id == '\0')
    return qm_format_fail (ctx, line, error,
                           _("not a brat annotation line (expected “ID<tab>…”): “%s”"), line_text);

  if (id[0] != '#' && id[0] != '*' && !take_id (ctx, f, id, line, error))
    return FALSE;

  switch (id[0])
    {
    case 'T':
      return parse_textbound (ctx, f, id, data, tail, line, error);

    case 'R':
      {
        BratRelation *r;
        const char *from, *to;

        words = g_strsplit (g_strstrip ((char *) data), " ", -1);
        n_words = g_strv_length (words);
        if (n_words != 3 || strchr (words[1], ':') == NULL || strchr (words[2], ':') == NULL)
          return qm_format_fail (ctx, line, error,
                                 _("%s: expected “TYPE Arg1:ID Arg2:ID”, found “%s”"), id, data);
        from = strchr (words[1], ':') + 1;
        to = strchr (words[2], ':') + 1;
        r = g_new0 (BratRelation, 1);
        r->type = g_strdup (words[0]);
        r->from = g_strdup (from);
        r->to = g_strdup (to);
        r->line = line;
        g_ptr_array_add (f->relations, r);
        g_hash_table_add (f->other_ids, g_strdup (id));
        return TRUE;
      }

    case 'A':
    case 'M':
      {
        BratEntity *e;

        words = g_strsplit (g_strstrip ((char *) data), " ", -1);
        n_words = g_strv_length (words);
        if (n_words != 2 && n_words != 3)
          return qm_format_fail (ctx, line, error,
                                 _("%s: expected “NAME ID [VALUE]”, found “%s”"), id, data);
        g_hash_table_add (f->other_ids, g_strdup (id));
        e = g_hash_table_lookup (f->entity_by_id, words[1]);
        if (e == NULL)
          {
            if (g_hash_table_contains (f->other_ids, words[1]))
              {
                qm_format_warn (ctx, line, _("%s: attributes of events and relations are not imported"), id);
                return TRUE;
              }
            return qm_format_fail (ctx, line, error,
                                   _("%s: the attribute is on %s, which is not a text-bound annotation defined above"),
                                   id, words[1]);
          }
        /* A binary attribute is there or not; present means "true". */
        g_hash_table_insert (e->attributes, g_strdup (words[0]), g_strdup (n_words == 3 ? words[2] : "true"));
        g_hash_table_insert (e->attribute_lines, g_strdup (words[0]), GUINT_TO_POINTER (line));
        return TRUE;
      }

    case '#':
      {
        BratEntity *e;
        const char *note = tail != NULL ? tail : "";

        words = g_strsplit (g_strstrip ((char *) data), " ", -1);
        if (g_strv_length (words) != 2)
          return qm_format_fail (ctx, line, error,
                                 _("%s: expected “AnnotatorNotes ID”, found “%s”"), id, data);
        e = g_hash_table_lookup (f->entity_by_id, words[1]);
        if (e != NULL && g_str_has_prefix (note, "entity: "))
          {
            g_free (e->entity);
            e->entity = g_strstrip (g_strdup (note + strlen ("entity: ")));
            return TRUE;
          }
        if (e != NULL && g_str_has_prefix (note, "stance: "))
          {
            const char *body = note + strlen ("stance: ");
            const char *eq = strrchr (body, '=');
            BratStance *s;

            if (eq == NULL || eq == body || eq[1] == '\0')
              return qm_format_fail (ctx, line, error,
                                     _("%s: a stance note reads “stance: TARGET=VALUE”, found “%s”"), id, note);
            s = g_new0 (BratStance, 1);
            s->on = g_strdup (e->id);
            s->target = g_strstrip (g_strndup (body, eq - body));
            s->value = g_strstrip (g_strdup (eq + 1));
            s->line = line;
            g_ptr_array_add (f->stances, s);
            return TRUE;
          }
        if (e == NULL && !g_hash_table_contains (f->other_ids, words[1]))
          return qm_format_fail (ctx, line, error,
                                 _("%s: the note is on %s, which is not an annotation defined above"), id, words[1]);
        if (f->n_ignored_notes++ == 0)
          f->first_ignored_note = line;
        return TRUE;
      }

    case 'E':
      g_hash_table_add (f->other_ids, g_strdup (id));
      if (f->first_event == 0)
        f->first_event = line;
      return TRUE;

    case 'N':
      g_hash_table_add (f->other_ids, g_strdup (id));
      if (f->first_normalization == 0)
        f->first_normalization = line;
      return TRUE;

    case '*':
      if (f->first_equiv == 0)
        f->first_equiv = line;
      return TRUE;

    default:
      return qm_format_fail (ctx, line, error,
                             _("“%s” is not a brat annotation id (T, R, A, M, E, N, # or *)"), id);
    }
}

static gboolean
parse_ann (QmFormatImport  *ctx,
           BratFile        *f,
           GError         **error)
{
  char *p = f->ann;
  guint line = 0;
  const char *bad = NULL;

  if (!g_utf8_validate (f->ann, -1, &bad))
    {
      /* Count the line the bad byte is on. */
      guint bad_line = 1;

      for (const char *q = f->ann; q < bad; q++)
        if (*q == '\n')
          bad_line++;
      return qm_format_fail (ctx, bad_line, error, _("not valid UTF-8"));
    }

  while (p != NULL && *p != '\0')
    {
      char *newline = strchr (p, '\n');
      char *next = newline != NULL ? newline + 1 : NULL;
      gsize n;

      line++;
      if (newline != NULL)
        *newline = '\0';
      n = strlen (p);
      if (n > 0 && p[n - 1] == '\r')
        p[--n] = '\0';
      if (n > 0 && !(strspn (p, " \t") == n))
        if (!parse_line (ctx, f, p, line, error))
          return FALSE;
      p = next;
    }
  return TRUE;
}

static char *
slice (const gunichar *chars,
       GArray         *fragments)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < fragments->len; i++)
    {
      Fragment *fragment = &g_array_index (fragments, Fragment, i);

      if (i > 0)
        g_string_append_c (s, ' ');
      for (glong k = fragment->start; k < fragment->end; k++)
        g_string_append_unichar (s, chars[k]);
    }
  return g_string_free (s, FALSE);
}

/* brat accepts the text followed by white space and more. */
static gboolean
text_matches (const char *given,
              const char *expected)
{
  gsize n = strlen (expected);

  return strncmp (given, expected, n) == 0 && (given[n] == '\0' || g_ascii_isspace (given[n]));
}

/* The first text-bound line whose offsets or text do not fit @chars, or NULL. */
static BratEntity *
first_mismatch (BratFile       *f,
                const gunichar *chars,
                glong           n_chars)
{
  for (guint i = 0; i < f->entities->len; i++)
    {
      BratEntity *e = g_ptr_array_index (f->entities, i);
      g_autofree char *expected = NULL;

      for (guint k = 0; k < e->fragments->len; k++)
        if (g_array_index (e->fragments, Fragment, k).end > n_chars)
          return e;
      if (e->text == NULL)
        continue;
      expected = slice (chars, e->fragments);
      if (!text_matches (e->text, expected))
        return e;
    }
  return NULL;
}

static gboolean
is_blank_between (QmOffsets *offsets,
                  glong      start,
                  glong      end)
{
  g_autofree char *gap = qm_offsets_slice (offsets, start, end);

  for (const char *p = gap; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

static int
compare_fragments (gconstpointer a,
                   gconstpointer b)
{
  const Fragment *x = a;
  const Fragment *y = b;

  return x->start < y->start ? -1 : x->start > y->start ? 1 : 0;
}

static gboolean
import_brat_document (QmFormatImport  *ctx,
                      gpointer         data,
                      GError         **error)
{
  BratFile *f = data;
  g_autoptr(BratText) text = NULL;
  g_autoptr(QmDocument) document = NULL;
  g_autoptr(QmFormatTarget) target = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *sha_raw = NULL;
  g_autofree char *sha_norm = NULL;
  g_autofree char *normalized = NULL;
  g_autofree char *found = NULL;
  const glong *to_raw = NULL;
  BratEntity *bad;

  ctx->path = f->txt_path;
  if (!qm_text_validate (f->data, f->len, f->txt_path, error))
    return FALSE;

  /* The same duplicate rule as text import, also for a text that was
   * exported from the corpus as it is stored. */
  sha_raw = qm_text_sha256 (f->data, f->len);
  normalized = qm_text_normalize (f->data, f->len);
  sha_norm = qm_text_sha256 (normalized, -1);
  found = qm_store_find_document_by_sha256 (ctx->store, sha_raw, &local_error);
  if (found == NULL && local_error == NULL)
    found = qm_store_find_document_by_sha256 (ctx->store, sha_norm, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (found != NULL)
    {
      document = qm_store_get_document (ctx->store, found, error);
      if (document == NULL)
        return FALSE;
    }

  {
    gboolean exact = document != NULL && strcmp (sha_raw, qm_document_get_sha256 (document)) == 0;

    text = brat_text_new (f->data, f->len, exact ? qm_document_get_text (document) : NULL, &local_error);
    if (text == NULL)
      return qm_format_fail_with (ctx, 0, error, g_steal_pointer (&local_error));
  }

  if (f->ann == NULL)
    {
      g_autofree char *id = NULL;

      if (document != NULL)
        {
          qm_report_add (ctx->report, QM_REPORT_SKIPPED, f->txt_path, 0,
                         _("%s: already in the corpus as document %s"), f->txt_path, found);
          return TRUE;
        }
      id = qm_import_text (ctx->store, f->data, f->len, f->txt_path, error);
      if (id == NULL)
        return FALSE;
      qm_report_add (ctx->report, QM_REPORT_IMPORTED, f->txt_path, 0,
                     _("%s: imported as document %s"), f->txt_path, id);
      return TRUE;
    }

  ctx->path = f->ann_path;
  if (!parse_ann (ctx, f, error))
    return FALSE;

  /* Which characters the offsets count: the file's, or brat's own view of a
   * text with CR LF line ends. */
  bad = first_mismatch (f, text->raw, text->n_raw);
  if (bad != NULL && text->has_cr && first_mismatch (f, text->view, text->n_view) == NULL)
    {
      to_raw = text->view_to_raw;
      qm_format_warn (ctx, 0, _("the offsets count each CR LF line end of %s as one character, as brat itself does"),
                      f->txt_path);
    }
  else if (bad != NULL)
    {
      Fragment *last = &g_array_index (bad->fragments, Fragment, bad->fragments->len - 1);
      g_autofree char *expected = NULL;

      /* Any fragment may be the one past the end, not only the last. */
      for (guint k = 0; k < bad->fragments->len; k++)
        if (g_array_index (bad->fragments, Fragment, k).end > last->end)
          last = &g_array_index (bad->fragments, Fragment, k);
      if (last->end > text->n_raw)
        return qm_format_fail (ctx, bad->line, error,
                               _("%s: offset %ld is past the end of %s (%ld characters)"),
                               bad->id, last->end, f->txt_path, text->n_raw);
      expected = slice (text->raw, bad->fragments);
      return qm_format_fail (ctx, bad->line, error,
                             _("%s: the text “%s” is not what %s holds at these offsets (“%s”)"),
                             bad->id, bad->text, f->txt_path, expected);
    }
  if (document == NULL)
    {
      /* Named after the file when that name is free, so that exporting
       * again gives the same files. */
      g_autofree char *base = g_path_get_basename (f->txt_path);
      g_autofree char *stem = g_strndup (base, strlen (base) - strlen (".txt"));
      gboolean existing;

      document = qm_format_find_or_add_document (ctx, text->doc_text, stem, NULL, base, &existing, error);
      if (document == NULL)
        return FALSE;
    }
  target = qm_format_target_new (ctx, document, error);
  if (target == NULL)
    return FALSE;

  for (guint i = 0; i < f->entities->len; i++)
    {
      BratEntity *e = g_ptr_array_index (f->entities, i);
      g_autoptr(GArray) pieces = g_array_new (FALSE, FALSE, sizeof (Fragment));

      /* Into the document's offsets. */
      for (guint k = 0; k < e->fragments->len; k++)
        {
          Fragment fragment = g_array_index (e->fragments, Fragment, k);

          if (to_raw != NULL)
            {
              fragment.start = to_raw[fragment.start];
              fragment.end = to_raw[fragment.end];
            }
          fragment.start = text->raw_to_doc[fragment.start];
          fragment.end = text->raw_to_doc[fragment.end];
          if (fragment.start < fragment.end)
            g_array_append_val (pieces, fragment);
        }
      g_array_sort (pieces, compare_fragments);

      /* Fragments apart only by line breaks or spaces are one span (how our
       * own export writes a span across lines); others stay apart. */
      for (guint k = 1; k < pieces->len;)
        {
          Fragment *previous = &g_array_index (pieces, Fragment, k - 1);
          Fragment *fragment = &g_array_index (pieces, Fragment, k);

          if (fragment->start <= previous->end
              || is_blank_between (target->offsets, previous->end, fragment->start))
            {
              previous->end = MAX (previous->end, fragment->end);
              g_array_remove_index (pieces, k);
            }
          else
            k++;
        }
      if (pieces->len > 1)
        qm_format_warn (ctx, e->line, _("%s is discontinuous; imported as %u separate spans"), e->id, pieces->len);

      /* Checked here so that a message names the A line, not the T line. */
      if (!qm_format_ensure_label (ctx, e->line, e->label, error))
        return FALSE;
      {
        GHashTableIter iter;
        gpointer name, value;

        g_hash_table_iter_init (&iter, e->attributes);
        while (g_hash_table_iter_next (&iter, &name, &value))
          if (!qm_format_ensure_attribute (ctx, GPOINTER_TO_UINT (g_hash_table_lookup (e->attribute_lines, name)),
                                           e->label, name, value, error))
            return FALSE;
      }

      for (guint k = 0; k < pieces->len; k++)
        {
          Fragment *fragment = &g_array_index (pieces, Fragment, k);
          const char *id = qm_format_target_add_span (target, e->line, e->id, NULL, e->label,
                                                      fragment->start, fragment->end,
                                                      NULL, e->attributes, e->entity, error);

          if (id == NULL)
            return FALSE;
          g_ptr_array_add (e->span_ids, (gpointer) id);
        }
    }

  for (guint i = 0; i < f->relations->len; i++)
    {
      BratRelation *r = g_ptr_array_index (f->relations, i);
      BratEntity *from = g_hash_table_lookup (f->entity_by_id, r->from);
      BratEntity *to = g_hash_table_lookup (f->entity_by_id, r->to);

      if (from == NULL || to == NULL)
        {
          const char *missing = from == NULL ? r->from : r->to;

          if (g_hash_table_contains (f->other_ids, missing))
            {
              qm_format_warn (ctx, r->line, _("relations to events or relations are not imported (%s)"), missing);
              continue;
            }
          return qm_format_fail (ctx, r->line, error,
                                 _("the relation links %s, which this file does not define as a text-bound annotation"),
                                 missing);
        }
      for (guint a = 0; a < from->span_ids->len; a++)
        for (guint b = 0; b < to->span_ids->len; b++)
          if (!qm_format_target_add_relation (target, r->line, r->type,
                                              g_ptr_array_index (from->span_ids, a),
                                              g_ptr_array_index (to->span_ids, b),
                                              NULL, error))
            return FALSE;
    }

  for (guint i = 0; i < f->stances->len; i++)
    {
      BratStance *s = g_ptr_array_index (f->stances, i);
      BratEntity *on = g_hash_table_lookup (f->entity_by_id, s->on);

      for (guint k = 0; k < on->span_ids->len; k++)
        if (!qm_format_target_set_stance (target, s->line, g_ptr_array_index (on->span_ids, k),
                                          s->target, s->value, NULL, error))
          return FALSE;
    }

  if (f->first_event > 0)
    qm_format_warn (ctx, f->first_event, _("events (E lines) are not imported"));
  if (f->first_normalization > 0)
    qm_format_warn (ctx, f->first_normalization, _("normalizations (N lines) are not imported"));
  if (f->first_equiv > 0)
    qm_format_warn (ctx, f->first_equiv, _("equivalences (* lines) are not imported"));
  if (f->n_ignored_notes > 0)
    qm_format_warn (ctx, f->first_ignored_note,
                    g_dngettext (GETTEXT_PACKAGE,
                                 "%u note that is not an “entity:” or “stance:” note was not imported",
                                 "%u notes that are not “entity:” or “stance:” notes were not imported",
                                 f->n_ignored_notes),
                    f->n_ignored_notes);

  qm_format_target_report (target, 0, found != NULL);
  return TRUE;
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return g_utf8_collate (*(const char **) a, *(const char **) b);
}

/* Every .ann and .txt below @path, sorted, symbolic links to folders not
 * followed (a brat collection holds none). */
static void
collect (const char *path,
         GPtrArray  *files,
         QmReport   *report)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GDir *dir = g_dir_open (path, 0, &error);
  const char *name;

  if (dir == NULL)
    {
      qm_report_add (report, QM_REPORT_REJECTED, path, 0, _("%s: cannot read the folder: %s"), path, error->message);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.')
      g_ptr_array_add (names, g_strdup (name));
  g_dir_close (dir);
  g_ptr_array_sort (names, compare_paths);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *child = g_build_filename (path, g_ptr_array_index (names, i), NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        {
          if (!g_file_test (child, G_FILE_TEST_IS_SYMLINK))
            collect (child, files, report);
        }
      else if (g_str_has_suffix (child, ".ann") || g_str_has_suffix (child, ".txt"))
        g_ptr_array_add (files, g_steal_pointer (&child));
    }
}

static char *
with_suffix (const char *path,
             const char *suffix)
{
  return g_strconcat (path, suffix, NULL);
}

gboolean
qm_format_brat_import (QmStore                *store,
                       const char             *path,
                       const QmImportOptions  *options,
                       QmReport               *report,
                       GCancellable           *cancellable,
                       GError                **error)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) stems = g_ptr_array_new_with_free_func (g_free);
  QmFormatImport ctx = { store, options, report, path, "brat", 0 };
  gboolean own_transaction = !qm_store_in_transaction (store);

  g_return_val_if_fail (QM_IS_STORE (store), FALSE);

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    collect (path, files, report);
  else if (g_str_has_suffix (path, ".ann") || g_str_has_suffix (path, ".txt"))
    g_ptr_array_add (files, g_strdup (path));
  else
    {
      qm_report_add (report, QM_REPORT_REJECTED, path, 0,
                     _("%s: not a brat folder nor a .ann file"), path);
      return TRUE;
    }

  /* One document per stem: DOC.txt with DOC.ann when there is one. */
  for (guint i = 0; i < files->len; i++)
    {
      const char *file = g_ptr_array_index (files, i);
      g_autofree char *stem = g_strndup (file, strlen (file) - 4);
      gboolean seen = FALSE;

      for (guint k = 0; k < stems->len && !seen; k++)
        seen = strcmp (g_ptr_array_index (stems, k), stem) == 0;
      if (!seen)
        g_ptr_array_add (stems, g_steal_pointer (&stem));
    }

  if (own_transaction && !qm_store_begin (store, error))
    return FALSE;

  for (guint i = 0; i < stems->len; i++)
    {
      const char *stem = g_ptr_array_index (stems, i);
      g_autofree char *txt = with_suffix (stem, ".txt");
      g_autofree char *ann = with_suffix (stem, ".ann");
      g_autoptr(GError) local_error = NULL;
      BratFile f = { 0 };
      gboolean ok;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto failed;

      f.txt_path = txt;
      f.ann_path = ann;
      f.entities = g_ptr_array_new_with_free_func ((GDestroyNotify) brat_entity_free);
      f.entity_by_id = g_hash_table_new (g_str_hash, g_str_equal);
      f.relations = g_ptr_array_new_with_free_func ((GDestroyNotify) brat_relation_free);
      f.stances = g_ptr_array_new_with_free_func ((GDestroyNotify) brat_stance_free);
      f.other_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      if (!g_file_test (txt, G_FILE_TEST_IS_REGULAR))
        {
          qm_report_add (report, QM_REPORT_REJECTED, ann, 0,
                         _("%s: there is no text file %s beside it"), ann, txt);
          brat_file_clear (&f);
          continue;
        }
      if (!g_file_get_contents (txt, &f.data, &f.len, &local_error)
          || (g_file_test (ann, G_FILE_TEST_EXISTS)
              && !g_file_get_contents (ann, &f.ann, NULL, &local_error)))
        {
          /* The message of the error names the file. */
          qm_report_add (report, QM_REPORT_REJECTED, txt, 0, "%s", local_error->message);
          brat_file_clear (&f);
          continue;
        }

      ctx.path = ann;
      ok = qm_format_import_document (&ctx, 0, import_brat_document, &f, error);
      brat_file_clear (&f);
      if (!ok)
        goto failed;

      if (options != NULL && options->progress != NULL)
        options->progress (i + 1, stems->len, options->progress_data);
    }

  if (own_transaction && !qm_store_commit (store, error))
    goto failed;
  return TRUE;

failed:
  if (own_transaction)
    qm_store_rollback (store);
  return FALSE;
}
