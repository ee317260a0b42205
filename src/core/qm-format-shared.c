/* qm-format-shared.c: what every format module needs: a document loaded for
 * export, and the checks and bookkeeping of importing annotations. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "qm-error.h"
#include "qm-formats-private.h"
#include "qm-segment.h"
#include "qm-text.h"

/* ---------------------------------------------------------------- export */

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

GPtrArray *
qm_format_sorted_keys (GHashTable *table)
{
  GPtrArray *keys = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  if (table != NULL)
    {
      g_hash_table_iter_init (&iter, table);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_ptr_array_add (keys, key);
    }
  g_ptr_array_sort (keys, compare_strings);
  return keys;
}

static int
compare_spans (gconstpointer a,
               gconstpointer b)
{
  const QmSpan *x = *(QmSpan **) a;
  const QmSpan *y = *(QmSpan **) b;
  int c;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->end != y->end)
    return x->end > y->end ? -1 : 1;
  if ((c = g_strcmp0 (x->label, y->label)) != 0)
    return c;
  if ((c = g_strcmp0 (x->annotator, y->annotator)) != 0)
    return c;
  return g_strcmp0 (x->id, y->id);
}

static int
compare_relations (gconstpointer a,
                   gconstpointer b,
                   gpointer      data)
{
  GHashTable *position = data;
  const QmRelation *x = *(QmRelation **) a;
  const QmRelation *y = *(QmRelation **) b;
  guint xf = GPOINTER_TO_UINT (g_hash_table_lookup (position, x->from_id));
  guint yf = GPOINTER_TO_UINT (g_hash_table_lookup (position, y->from_id));
  guint xt = GPOINTER_TO_UINT (g_hash_table_lookup (position, x->to_id));
  guint yt = GPOINTER_TO_UINT (g_hash_table_lookup (position, y->to_id));
  int c;

  if (xf != yf)
    return xf < yf ? -1 : 1;
  if (xt != yt)
    return xt < yt ? -1 : 1;
  if ((c = g_strcmp0 (x->type, y->type)) != 0)
    return c;
  return g_strcmp0 (x->id, y->id);
}

void
qm_format_doc_free (QmFormatDoc *doc)
{
  if (doc == NULL)
    return;
  g_clear_object (&doc->document);
  g_clear_pointer (&doc->offsets, qm_offsets_unref);
  g_clear_pointer (&doc->spans, g_ptr_array_unref);
  g_clear_pointer (&doc->relations, g_ptr_array_unref);
  g_clear_pointer (&doc->stances, g_ptr_array_unref);
  g_clear_pointer (&doc->span_by_id, g_hash_table_unref);
  g_clear_pointer (&doc->entities, g_hash_table_unref);
  g_free (doc);
}

QmFormatDoc *
qm_format_doc_load (QmStore     *store,
                    const char  *document_id,
                    const char  *annotator,
                    GError     **error)
{
  g_autoptr(QmFormatDoc) doc = g_new0 (QmFormatDoc, 1);
  g_autoptr(GPtrArray) relations = NULL;
  g_autoptr(GPtrArray) stances = NULL;

  doc->document = qm_store_get_document (store, document_id, error);
  if (doc->document == NULL)
    return NULL;
  doc->id = qm_document_get_id (doc->document);
  doc->text = qm_document_get_text (doc->document);
  doc->offsets = qm_offsets_new (doc->text, -1);

  if (!(doc->spans = qm_store_list_spans (store, document_id, annotator, error))
      || !(relations = qm_store_list_relations (store, document_id, annotator, error))
      || !(stances = qm_store_list_stances (store, document_id, annotator, error)))
    return NULL;

  /* By position and label, ids last: the same annotations come out in the
   * same order whatever ids they were given on the way. */
  g_ptr_array_sort (doc->spans, compare_spans);
  doc->span_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  doc->entities = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) qm_entity_unref);
  for (guint i = 0; i < doc->spans->len; i++)
    {
      QmSpan *span = g_ptr_array_index (doc->spans, i);

      g_hash_table_insert (doc->span_by_id, span->id, span);
      if (span->entity_id != NULL && !g_hash_table_contains (doc->entities, span->entity_id))
        {
          QmEntity *entity = qm_store_get_entity (store, span->entity_id, error);

          if (entity == NULL)
            return NULL;
          g_hash_table_insert (doc->entities, entity->id, entity);
        }
    }

  /* An annotator's export holds only what links that annotator's spans. */
  doc->relations = g_ptr_array_new_with_free_func ((GDestroyNotify) qm_relation_unref);
  for (guint i = 0; i < relations->len; i++)
    {
      QmRelation *relation = g_ptr_array_index (relations, i);

      if (g_hash_table_contains (doc->span_by_id, relation->from_id)
          && g_hash_table_contains (doc->span_by_id, relation->to_id))
        g_ptr_array_add (doc->relations, qm_relation_ref (relation));
    }
  /* Likewise relations, by the positions of their spans. */
  {
    g_autoptr(GHashTable) position = g_hash_table_new (g_str_hash, g_str_equal);

    for (guint i = 0; i < doc->spans->len; i++)
      g_hash_table_insert (position, ((QmSpan *) g_ptr_array_index (doc->spans, i))->id, GUINT_TO_POINTER (i));
    g_ptr_array_sort_with_data (doc->relations, compare_relations, position);
  }
  doc->stances = g_ptr_array_new_with_free_func ((GDestroyNotify) qm_stance_unref);
  for (guint i = 0; i < stances->len; i++)
    {
      QmStance *stance = g_ptr_array_index (stances, i);

      if (g_hash_table_contains (doc->span_by_id, stance->span_id))
        g_ptr_array_add (doc->stances, qm_stance_ref (stance));
    }

  return g_steal_pointer (&doc);
}

const char *
qm_format_doc_entity_name (QmFormatDoc  *doc,
                           const QmSpan *span)
{
  QmEntity *entity;

  if (span->entity_id == NULL)
    return NULL;
  entity = g_hash_table_lookup (doc->entities, span->entity_id);
  return entity != NULL ? entity->name : NULL;
}

static int
compare_stances (gconstpointer a,
                 gconstpointer b)
{
  const QmStance *x = *(QmStance **) a;
  const QmStance *y = *(QmStance **) b;
  int c = g_strcmp0 (x->target_name, y->target_name);

  return c != 0 ? c : g_strcmp0 (x->annotator, y->annotator);
}

GPtrArray *
qm_format_doc_stances_of (QmFormatDoc *doc,
                          const char  *span_id)
{
  GPtrArray *result = g_ptr_array_new ();

  for (guint i = 0; i < doc->stances->len; i++)
    {
      QmStance *stance = g_ptr_array_index (doc->stances, i);

      if (g_strcmp0 (stance->span_id, span_id) == 0)
        g_ptr_array_add (result, stance);
    }
  g_ptr_array_sort (result, compare_stances);
  return result;
}

gboolean
qm_format_write (GOutputStream  *out,
                 const char     *data,
                 gssize          len,
                 GCancellable   *cancellable,
                 GError        **error)
{
  if (len < 0)
    len = strlen (data);
  return g_output_stream_write_all (out, data, len, NULL, cancellable, error);
}

void
qm_format_progress (const QmExportOptions *options,
                    guint                  done,
                    guint                  total)
{
  if (options != NULL && options->progress != NULL)
    options->progress (done, total, options->progress_data);
}

/* ---------------------------------------------------------------- import */

static char *
place (QmFormatImport *ctx,
       guint           line)
{
  if (line > 0)
    return g_strdup_printf ("%s:%u", ctx->path, line);
  return g_strdup (ctx->path);
}

gboolean
qm_format_fail (QmFormatImport  *ctx,
                guint            line,
                GError         **error,
                const char      *format,
                ...)
{
  g_autofree char *detail = NULL;
  g_autofree char *where = place (ctx, line);
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, QM_ERROR, QM_ERROR_INVALID_DATA, "%s: %s", where, detail);
  return FALSE;
}

gboolean
qm_format_fail_with (QmFormatImport  *ctx,
                     guint            line,
                     GError         **error,
                     GError          *cause)
{
  g_autofree char *where = place (ctx, line);

  g_propagate_prefixed_error (error, cause, "%s: ", where);
  return FALSE;
}

void
qm_format_warn (QmFormatImport *ctx,
                guint           line,
                const char     *format,
                ...)
{
  g_autofree char *detail = NULL;
  g_autofree char *where = place (ctx, line);
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);
  qm_report_add (ctx->report, QM_REPORT_WARNING, ctx->path, line, "%s: %s", where, detail);
}

gboolean
qm_format_is_fatal (const GError *error)
{
  return g_error_matches (error, QM_ERROR, QM_ERROR_DISK_FULL)
      || g_error_matches (error, QM_ERROR, QM_ERROR_READ_ONLY)
      || g_error_matches (error, QM_ERROR, QM_ERROR_BUSY)
      || g_error_matches (error, QM_ERROR, QM_ERROR_CORRUPT)
      || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

const char *
qm_format_credited (QmFormatImport *ctx,
                    const char     *theirs)
{
  if (ctx->options != NULL && ctx->options->annotator != NULL)
    return ctx->options->annotator;
  if (theirs != NULL && *theirs != '\0')
    return theirs;
  return ctx->fallback != NULL ? ctx->fallback : "unknown";
}

static gboolean
add_labels (QmFormatImport *ctx)
{
  return ctx->options != NULL && ctx->options->add_labels;
}

/* The schema is changed on a copy and stored whole, so that a document
 * rolled back leaves the corpus schema as the store has it. */
static gboolean
save_schema (QmFormatImport *ctx,
             QmSchema       *schema,
             GError        **error)
{
  return qm_store_set_schema (ctx->store, schema, error);
}

gboolean
qm_format_ensure_label (QmFormatImport  *ctx,
                        guint            line,
                        const char      *label,
                        GError         **error)
{
  g_autoptr(QmSchema) schema = NULL;
  g_autofree char *where = NULL;

  if (qm_schema_find_label (qm_store_get_schema (ctx->store), label) != NULL)
    return TRUE;

  where = place (ctx, line);
  if (!add_labels (ctx))
    {
      g_set_error (error, QM_ERROR, QM_ERROR_UNKNOWN_LABEL,
                   _("%s: the label “%s” is not in the corpus schema (import with --add-labels to add it)"),
                   where, label);
      return FALSE;
    }
  schema = qm_schema_copy (qm_store_get_schema (ctx->store));
  qm_schema_add_label (schema, label);
  if (!save_schema (ctx, schema, error))
    return FALSE;
  qm_report_add (ctx->report, QM_REPORT_WARNING, ctx->path, line,
                 _("%s: label “%s” added to the schema"), where, label);
  return TRUE;
}

gboolean
qm_format_ensure_relation (QmFormatImport  *ctx,
                           guint            line,
                           const char      *type,
                           const char      *from_label,
                           const char      *to_label,
                           GError         **error)
{
  g_autoptr(QmSchema) schema = NULL;
  g_autofree char *where = NULL;

  if (qm_schema_find_relation (qm_store_get_schema (ctx->store), type) != NULL)
    return TRUE;

  where = place (ctx, line);
  if (!add_labels (ctx))
    {
      g_set_error (error, QM_ERROR, QM_ERROR_UNKNOWN_LABEL,
                   _("%s: the relation type “%s” is not in the corpus schema (import with --add-labels to add it)"),
                   where, type);
      return FALSE;
    }
  schema = qm_schema_copy (qm_store_get_schema (ctx->store));
  qm_schema_add_relation (schema, type, from_label, to_label);
  if (!save_schema (ctx, schema, error))
    return FALSE;
  qm_report_add (ctx->report, QM_REPORT_WARNING, ctx->path, line,
                 _("%s: relation type “%s” (%s → %s) added to the schema"), where, type, from_label, to_label);
  return TRUE;
}

gboolean
qm_format_ensure_attribute (QmFormatImport  *ctx,
                            guint            line,
                            const char      *label,
                            const char      *name,
                            const char      *value,
                            GError         **error)
{
  g_autoptr(QmSchema) schema = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *where = NULL;

  if (qm_schema_check_attribute (qm_store_get_schema (ctx->store), label, name, value, &local_error))
    return TRUE;

  where = place (ctx, line);
  if (!add_labels (ctx))
    {
      g_set_error (error, QM_ERROR, QM_ERROR_UNKNOWN_LABEL,
                   _("%s: the attribute “%s” = “%s” of label “%s” is not in the corpus schema (%s; import with --add-labels to add it)"),
                   where, name, value, label, local_error->message);
      return FALSE;
    }
  schema = qm_schema_copy (qm_store_get_schema (ctx->store));
  qm_schema_add_attribute_value (schema, label, name, value);
  if (!save_schema (ctx, schema, error))
    return FALSE;
  qm_report_add (ctx->report, QM_REPORT_WARNING, ctx->path, line,
                 _("%s: attribute value “%s” = “%s” of label “%s” added to the schema"), where, name, value, label);
  return TRUE;
}

QmDocument *
qm_format_find_or_add_document (QmFormatImport  *ctx,
                                const char      *text,
                                const char      *id,
                                const char      *title,
                                const char      *source,
                                gboolean        *existing,
                                GError         **error)
{
  g_autoptr(QmDocument) document = qm_document_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *found = NULL;
  g_autofree char *guessed_title = NULL;
  g_autofree char *language = NULL;

  *existing = FALSE;
  if (!qm_text_validate (text, strlen (text), ctx->path, error))
    return NULL;

  qm_document_set_text (document, text);
  found = qm_store_find_document_by_sha256 (ctx->store, qm_document_get_sha256 (document), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (found != NULL)
    {
      *existing = TRUE;
      return qm_store_get_document (ctx->store, found, error);
    }

  if (id != NULL && *id != '\0')
    {
      g_autoptr(QmDocument) taken = qm_store_get_document (ctx->store, id, NULL);

      /* Another text under the same id: the store names this one. */
      if (taken == NULL)
        qm_document_set_id (document, id);
    }
  if (title == NULL || *title == '\0')
    title = guessed_title = qm_text_guess_title (text);
  language = qm_text_guess_language (text);
  qm_document_set_title (document, title);
  qm_document_set_language (document, language);
  qm_document_set_source (document, source);
  qm_document_set_imported (document, g_get_real_time ());
  if (!qm_store_add_document (ctx->store, document, error))
    return NULL;
  return g_steal_pointer (&document);
}

QmFormatTarget *
qm_format_target_new (QmFormatImport  *ctx,
                      QmDocument      *document,
                      GError         **error)
{
  g_autoptr(QmFormatTarget) target = g_new0 (QmFormatTarget, 1);
  const char *id = qm_document_get_id (document);

  target->ctx = ctx;
  target->document = g_object_ref (document);
  target->offsets = qm_offsets_new (qm_document_get_text (document), -1);
  if (!(target->spans = qm_store_list_spans (ctx->store, id, NULL, error))
      || !(target->relations = qm_store_list_relations (ctx->store, id, NULL, error)))
    return NULL;
  ctx->n_added = 0;
  return g_steal_pointer (&target);
}

void
qm_format_target_free (QmFormatTarget *target)
{
  if (target == NULL)
    return;
  g_clear_object (&target->document);
  g_clear_pointer (&target->offsets, qm_offsets_unref);
  g_clear_pointer (&target->spans, g_ptr_array_unref);
  g_clear_pointer (&target->relations, g_ptr_array_unref);
  g_clear_pointer ((QmSegmenter **) &target->segmenter, qm_segmenter_unref);
  g_free (target);
}

static QmSpan *
find_span (QmFormatTarget *target,
           const char     *id)
{
  for (guint i = 0; i < target->spans->len; i++)
    {
      QmSpan *span = g_ptr_array_index (target->spans, i);

      if (g_strcmp0 (span->id, id) == 0)
        return span;
    }
  return NULL;
}

static char *
ensure_entity (QmFormatImport  *ctx,
               const char      *name,
               GError         **error)
{
  g_autoptr(GPtrArray) found = qm_store_find_entities (ctx->store, name, error);
  g_autoptr(QmEntity) entity = NULL;

  if (found == NULL)
    return NULL;
  /* The same name written the same way is the same speaker; an alias that
   * folds to it (case, harakat) is taken as the same speaker too. */
  for (guint i = 0; i < found->len; i++)
    {
      QmEntity *candidate = g_ptr_array_index (found, i);

      if (g_strcmp0 (candidate->name, name) == 0)
        return g_strdup (candidate->id);
    }
  if (found->len > 0)
    return g_strdup (((QmEntity *) g_ptr_array_index (found, 0))->id);

  entity = qm_entity_new ();
  entity->id = qm_new_id ();
  entity->name = g_strdup (name);
  if (!qm_store_save_entity (ctx->store, entity, error))
    return NULL;
  return g_strdup (entity->id);
}

const char *
qm_format_target_add_span (QmFormatTarget  *target,
                           guint            line,
                           const char      *what,
                           const char      *preferred_id,
                           const char      *label,
                           glong            start,
                           glong            end,
                           const char      *annotator,
                           GHashTable      *attributes,
                           const char      *entity_name,
                           GError         **error)
{
  QmFormatImport *ctx = target->ctx;
  glong n_chars = qm_offsets_get_n_chars (target->offsets);
  g_autoptr(QmSpan) span = NULL;
  g_autoptr(GError) local_error = NULL;
  const QmLabelDef *def;
  QmSegmenter *segmenter;

  if (start < 0 || end > n_chars || start >= end)
    {
      qm_format_fail (ctx, line, error,
                      _("%s: offsets %ld–%ld are not a span of the text (%ld characters)"),
                      what, start, end, n_chars);
      return NULL;
    }
  if (!qm_format_ensure_label (ctx, line, label, error))
    return NULL;

  if (target->segmenter == NULL)
    target->segmenter = qm_segmenter_new (qm_document_get_text (target->document), -1);
  segmenter = target->segmenter;
  if (!qm_segmenter_is_grapheme_boundary (segmenter, start)
      || !qm_segmenter_is_grapheme_boundary (segmenter, end))
    {
      glong s = start, e = end;

      qm_segmenter_snap (segmenter, QM_SNAP_GRAPHEMES, &s, &e);
      qm_format_warn (ctx, line, _("%s split a character; widened from %ld–%ld to %ld–%ld"),
                      what, start, end, s, e);
      start = s;
      end = e;
    }

  annotator = qm_format_credited (ctx, annotator);

  /* The same annotation imported again adds nothing. */
  for (guint i = 0; i < target->spans->len; i++)
    {
      QmSpan *there = g_ptr_array_index (target->spans, i);

      if (there->start == start && there->end == end
          && g_strcmp0 (there->label, label) == 0
          && g_strcmp0 (there->annotator, annotator) == 0)
        return there->id;
    }

  span = qm_span_new ();
  if (preferred_id != NULL && *preferred_id != '\0')
    {
      g_autoptr(QmSpan) taken = qm_store_get_span (ctx->store, preferred_id, NULL);

      if (taken == NULL)
        span->id = g_strdup (preferred_id);
    }
  if (span->id == NULL)
    span->id = qm_new_id ();
  span->document_id = g_strdup (qm_document_get_id (target->document));
  span->label = g_strdup (label);
  span->start = start;
  span->end = end;
  span->annotator = g_strdup (annotator);
  if (attributes != NULL)
    {
      g_autoptr(GPtrArray) keys = qm_format_sorted_keys (attributes);

      for (guint i = 0; i < keys->len; i++)
        {
          const char *name = g_ptr_array_index (keys, i);
          const char *value = g_hash_table_lookup (attributes, name);

          if (!qm_format_ensure_attribute (ctx, line, label, name, value, error))
            return NULL;
          qm_span_set_attribute (span, name, value);
        }
    }

  def = qm_schema_find_label (qm_store_get_schema (ctx->store), label);
  if (entity_name != NULL && *entity_name != '\0')
    {
      if (def == NULL || !def->entity)
        qm_format_warn (ctx, line, _("%s has the speaker “%s”, but label “%s” does not refer to speakers; the speaker was left out"),
                        what, entity_name, label);
      else if (!(span->entity_id = ensure_entity (ctx, entity_name, &local_error)))
        {
          qm_format_fail_with (ctx, line, error, g_steal_pointer (&local_error));
          return NULL;
        }
    }

  if (!qm_store_add_span (ctx->store, span, &local_error))
    {
      qm_format_fail_with (ctx, line, error, g_steal_pointer (&local_error));
      return NULL;
    }
  ctx->n_added++;
  g_ptr_array_add (target->spans, qm_span_ref (span));
  return span->id;
}

gboolean
qm_format_target_add_relation (QmFormatTarget  *target,
                               guint            line,
                               const char      *type,
                               const char      *from_id,
                               const char      *to_id,
                               const char      *annotator,
                               GError         **error)
{
  QmFormatImport *ctx = target->ctx;
  QmSpan *from = find_span (target, from_id);
  QmSpan *to = find_span (target, to_id);
  g_autoptr(QmRelation) relation = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (from != NULL && to != NULL, FALSE);

  for (guint i = 0; i < target->relations->len; i++)
    {
      QmRelation *there = g_ptr_array_index (target->relations, i);

      if (g_strcmp0 (there->type, type) == 0
          && g_strcmp0 (there->from_id, from_id) == 0
          && g_strcmp0 (there->to_id, to_id) == 0)
        return TRUE;
    }

  if (!qm_format_ensure_relation (ctx, line, type, from->label, to->label, error))
    return FALSE;

  relation = qm_relation_new ();
  relation->id = qm_new_id ();
  relation->type = g_strdup (type);
  relation->from_id = g_strdup (from_id);
  relation->to_id = g_strdup (to_id);
  relation->annotator = g_strdup (qm_format_credited (ctx, annotator));
  if (!qm_store_add_relation (ctx->store, relation, &local_error))
    return qm_format_fail_with (ctx, line, error, g_steal_pointer (&local_error));
  ctx->n_added++;
  g_ptr_array_add (target->relations, qm_relation_ref (relation));
  return TRUE;
}

gboolean
qm_format_target_set_stance (QmFormatTarget  *target,
                             guint            line,
                             const char      *span_id,
                             const char      *target_name,
                             const char      *value,
                             const char      *annotator,
                             GError         **error)
{
  QmFormatImport *ctx = target->ctx;
  g_autoptr(QmTarget) stance_target = NULL;
  g_autoptr(QmStance) stance = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) there = NULL;

  annotator = qm_format_credited (ctx, annotator);
  there = qm_store_list_stances (ctx->store, qm_document_get_id (target->document), annotator, &local_error);
  if (there == NULL)
    return qm_format_fail_with (ctx, line, error, g_steal_pointer (&local_error));
  for (guint i = 0; i < there->len; i++)
    {
      QmStance *known = g_ptr_array_index (there, i);

      if (g_strcmp0 (known->span_id, span_id) == 0
          && g_strcmp0 (known->target_name, target_name) == 0
          && g_strcmp0 (known->value, value) == 0)
        return TRUE;
    }

  stance_target = qm_store_ensure_target (ctx->store, target_name, &local_error);
  if (stance_target == NULL)
    return qm_format_fail_with (ctx, line, error, g_steal_pointer (&local_error));

  stance = qm_stance_new ();
  stance->span_id = g_strdup (span_id);
  stance->target_id = g_strdup (stance_target->id);
  stance->value = g_strdup (value);
  stance->annotator = g_strdup (annotator);
  if (!qm_store_set_stance (ctx->store, stance, &local_error))
    return qm_format_fail_with (ctx, line, error, g_steal_pointer (&local_error));
  ctx->n_added++;
  return TRUE;
}

void
qm_format_target_report (QmFormatTarget *target,
                         guint           line,
                         gboolean        existing)
{
  QmFormatImport *ctx = target->ctx;
  const char *id = qm_document_get_id (target->document);
  g_autofree char *where = place (ctx, line);

  if (!existing)
    qm_report_add (ctx->report, QM_REPORT_IMPORTED, ctx->path, line,
                   _("%s: imported as document %s"), where, id);
  else if (ctx->n_added > 0)
    qm_report_add (ctx->report, QM_REPORT_IMPORTED, ctx->path, line,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%s: the text is already document %s; %u annotation added to it",
                                "%s: the text is already document %s; %u annotations added to it",
                                ctx->n_added),
                   where, id, ctx->n_added);
  else
    qm_report_add (ctx->report, QM_REPORT_SKIPPED, ctx->path, line,
                   _("%s: already in the corpus as document %s"), where, id);
}

gboolean
qm_format_import_document (QmFormatImport        *ctx,
                           guint                  line,
                           QmFormatDocumentFunc   func,
                           gpointer               data,
                           GError               **error)
{
  g_autoptr(GError) local_error = NULL;
  /* Entries about a document that is rolled back are dropped with it:
   * "label added" would no longer be true. */
  g_autoptr(QmReport) batch = qm_report_new ();
  g_autofree char *schema_before = qm_schema_to_json (qm_store_get_schema (ctx->store));
  QmReport *report = ctx->report;
  gboolean ok;

  if (!qm_store_savepoint (ctx->store, "format_document", error))
    return FALSE;

  ctx->report = batch;
  ok = func (ctx, data, &local_error);
  ctx->report = report;

  if (!ok)
    {
      g_autofree char *schema_after = NULL;

      /* Rolls back and ends the savepoint. */
      qm_store_rollback_to (ctx->store, "format_document");
      /* Labels added for a document that did not go in go with it. */
      schema_after = qm_schema_to_json (qm_store_get_schema (ctx->store));
      if (strcmp (schema_before, schema_after) != 0)
        {
          g_autoptr(QmSchema) schema = qm_schema_new_from_json (schema_before, -1, error);

          if (schema == NULL || !qm_store_set_schema (ctx->store, schema, error))
            return FALSE;
        }
      if (qm_format_is_fatal (local_error))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      qm_report_add (report, QM_REPORT_REJECTED, ctx->path, line, "%s", local_error->message);
      return TRUE;
    }

  if (!qm_store_release (ctx->store, "format_document", error))
    return FALSE;
  qm_report_take_batch (report, batch, TRUE, NULL);
  return TRUE;
}

gboolean
qm_format_json_int (JsonNode *node,
                    gint64   *value)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    {
      *value = json_node_get_int (node);
      return TRUE;
    }
  if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    {
      double d = json_node_get_double (node);

      /* 12.0 is a whole number; some tools write offsets that way. */
      if (d == (double) (gint64) d)
        {
          *value = (gint64) d;
          return TRUE;
        }
    }
  return FALSE;
}
