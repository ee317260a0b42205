/* qm-overview.c: corpus-wide counts for the Overview page, read in one go. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "qm-overview.h"

struct _QmOverview
{
  GObject     parent_instance;

  QmStore    *store;
  char       *annotator;

  guint       n_documents;
  GPtrArray  *label_counts;   /* of QmLabelCount */
  GPtrArray  *progress;       /* of QmAnnotatorProgress */
  GStrv       stance_values;
  GPtrArray  *targets;        /* of QmTarget */
  GHashTable *stance_rows;    /* target id -> GPtrArray of QmStanceRow */
};

G_DEFINE_FINAL_TYPE (QmOverview, qm_overview, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_ANNOTATOR,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
label_count_free (QmLabelCount *count)
{
  g_free (count->label);
  g_free (count->color);
  g_free (count);
}

static void
annotator_progress_free (QmAnnotatorProgress *progress)
{
  g_free (progress->annotator);
  g_free (progress);
}

static void
stance_row_free (QmStanceRow *row)
{
  g_free (row->entity_id);
  g_free (row->entity_name);
  g_free (row->target_id);
  g_free (row->target_name);
  g_free (row->counts);
  g_free (row);
}

static GPtrArray *
count_labels (QmStore  *store,
              GError  **error)
{
  QmSchema *schema = qm_store_get_schema (store);
  g_autoptr(GHashTable) counts = NULL;
  g_autoptr(GPtrArray) result = NULL;
  g_autoptr(GList) others = NULL;
  guint n_labels;

  counts = qm_store_count_labels (store, error);
  if (counts == NULL)
    return NULL;

  result = g_ptr_array_new_with_free_func ((GDestroyNotify) label_count_free);
  n_labels = qm_schema_get_n_labels (schema);
  for (guint i = 0; i < n_labels; i++)
    {
      const QmLabelDef *def = qm_schema_get_label (schema, i);
      QmLabelCount *count = g_new0 (QmLabelCount, 1);

      count->label = g_strdup (def->name);
      count->color = g_strdup (def->color);
      count->count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, def->name));
      g_ptr_array_add (result, count);
      g_hash_table_remove (counts, def->name);
    }

  /* Spans imported with labels a later schema dropped still count. */
  others = g_list_sort (g_hash_table_get_keys (counts), (GCompareFunc) g_strcmp0);
  for (GList *l = others; l != NULL; l = l->next)
    {
      QmLabelCount *count = g_new0 (QmLabelCount, 1);

      count->label = g_strdup (l->data);
      count->count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, l->data));
      g_ptr_array_add (result, count);
    }

  return g_steal_pointer (&result);
}

static GPtrArray *
count_progress (QmStore  *store,
                guint     n_documents,
                GError  **error)
{
  g_autoptr(GHashTable) done = NULL;
  g_autoptr(GHashTable) in_progress = NULL;
  g_auto(GStrv) annotators = NULL;
  g_autoptr(GPtrArray) result = NULL;

  if (!qm_store_count_statuses (store, &done, &in_progress, error))
    return NULL;
  /* Everyone who wrote anything or set any status, sorted. */
  annotators = qm_store_list_annotators (store, error);
  if (annotators == NULL)
    return NULL;

  result = g_ptr_array_new_with_free_func ((GDestroyNotify) annotator_progress_free);
  for (guint i = 0; annotators[i] != NULL; i++)
    {
      QmAnnotatorProgress *progress = g_new0 (QmAnnotatorProgress, 1);

      progress->annotator = g_strdup (annotators[i]);
      progress->n_done = GPOINTER_TO_UINT (g_hash_table_lookup (done, annotators[i]));
      progress->n_in_progress = GPOINTER_TO_UINT (g_hash_table_lookup (in_progress, annotators[i]));
      progress->n_documents = n_documents;
      g_ptr_array_add (result, progress);
    }

  return g_steal_pointer (&result);
}

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  const QmStanceRow *row_a = *(QmStanceRow * const *) a;
  const QmStanceRow *row_b = *(QmStanceRow * const *) b;

  if (row_a->total != row_b->total)
    return row_a->total > row_b->total ? -1 : 1;
  /* The store sorted by folded name: a stable sort keeps that order. */
  return 0;
}

static int
compare_targets (gconstpointer a,
                 gconstpointer b)
{
  const QmTarget *target_a = *(QmTarget * const *) a;
  const QmTarget *target_b = *(QmTarget * const *) b;

  return g_utf8_collate (target_a->name, target_b->name);
}

/* Turns the store's (entity, target, value) tallies into one row per
 * (entity, target) with a count per stance value. */
static gboolean
count_stances (QmOverview  *self,
               GPtrArray  **targets_out,
               GHashTable **rows_out,
               GError     **error)
{
  g_autoptr(GPtrArray) tallies = NULL;
  g_autoptr(GPtrArray) targets = NULL;
  g_autoptr(GHashTable) rows = NULL;
  guint n_values = g_strv_length (self->stance_values);

  tallies = qm_store_count_stances_by_entity (self->store, self->annotator, error);
  if (tallies == NULL)
    return FALSE;

  targets = g_ptr_array_new_with_free_func ((GDestroyNotify) qm_target_unref);
  rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);

  for (guint i = 0; i < tallies->len; i++)
    {
      QmStanceTally *tally = g_ptr_array_index (tallies, i);
      GPtrArray *target_rows = g_hash_table_lookup (rows, tally->target_id);
      QmStanceRow *row = NULL;
      guint value_index;

      if (target_rows == NULL)
        {
          QmTarget *target = qm_target_new ();

          target->id = g_strdup (tally->target_id);
          target->name = g_strdup (tally->target_name);
          g_ptr_array_add (targets, target);

          target_rows = g_ptr_array_new_with_free_func ((GDestroyNotify) stance_row_free);
          g_hash_table_insert (rows, g_strdup (tally->target_id), target_rows);
        }

      /* Tallies of one entity and target are adjacent. */
      if (target_rows->len > 0)
        {
          QmStanceRow *last = g_ptr_array_index (target_rows, target_rows->len - 1);

          if (g_str_equal (last->entity_id, tally->entity_id))
            row = last;
        }
      if (row == NULL)
        {
          row = g_new0 (QmStanceRow, 1);
          row->entity_id = g_strdup (tally->entity_id);
          row->entity_name = g_strdup (tally->entity_name);
          row->target_id = g_strdup (tally->target_id);
          row->target_name = g_strdup (tally->target_name);
          row->n_values = n_values;
          row->counts = g_new0 (guint, MAX (n_values, 1));
          g_ptr_array_add (target_rows, row);
        }

      /* A value a later schema dropped is not drawn, but it was judged:
       * the total still counts it. */
      for (value_index = 0; value_index < n_values; value_index++)
        if (g_str_equal (self->stance_values[value_index], tally->value))
          break;
      if (value_index < n_values)
        row->counts[value_index] += tally->count;
      row->total += tally->count;
    }

  {
    GHashTableIter iter;
    gpointer value;

    g_hash_table_iter_init (&iter, rows);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      g_ptr_array_sort (value, compare_rows);
  }
  g_ptr_array_sort (targets, compare_targets);

  *targets_out = g_steal_pointer (&targets);
  *rows_out = g_steal_pointer (&rows);
  return TRUE;
}

gboolean
qm_overview_reload (QmOverview  *self,
                    GError     **error)
{
  const char * const *values;
  g_autoptr(GPtrArray) label_counts = NULL;
  g_autoptr(GPtrArray) progress = NULL;
  g_autoptr(GPtrArray) targets = NULL;
  g_autoptr(GHashTable) rows = NULL;
  g_auto(GStrv) old_values = NULL;
  guint n_documents;
  GError *local_error = NULL;

  g_return_val_if_fail (QM_IS_OVERVIEW (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  n_documents = qm_store_count_documents (self->store, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  label_counts = count_labels (self->store, error);
  if (label_counts == NULL)
    return FALSE;
  progress = count_progress (self->store, n_documents, error);
  if (progress == NULL)
    return FALSE;

  old_values = g_steal_pointer (&self->stance_values);
  values = qm_schema_get_stance_values (qm_store_get_schema (self->store));
  self->stance_values = g_strdupv ((char **) values);
  if (self->stance_values == NULL)
    self->stance_values = g_new0 (char *, 1);
  if (!count_stances (self, &targets, &rows, error))
    {
      g_strfreev (self->stance_values);
      self->stance_values = g_steal_pointer (&old_values);
      return FALSE;
    }

  self->n_documents = n_documents;
  g_clear_pointer (&self->label_counts, g_ptr_array_unref);
  self->label_counts = g_steal_pointer (&label_counts);
  g_clear_pointer (&self->progress, g_ptr_array_unref);
  self->progress = g_steal_pointer (&progress);
  g_clear_pointer (&self->targets, g_ptr_array_unref);
  self->targets = g_steal_pointer (&targets);
  g_clear_pointer (&self->stance_rows, g_hash_table_unref);
  self->stance_rows = g_steal_pointer (&rows);

  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

static void
qm_overview_dispose (GObject *object)
{
  QmOverview *self = QM_OVERVIEW (object);

  g_clear_object (&self->store);

  G_OBJECT_CLASS (qm_overview_parent_class)->dispose (object);
}

static void
qm_overview_finalize (GObject *object)
{
  QmOverview *self = QM_OVERVIEW (object);

  g_free (self->annotator);
  g_clear_pointer (&self->label_counts, g_ptr_array_unref);
  g_clear_pointer (&self->progress, g_ptr_array_unref);
  g_clear_pointer (&self->stance_values, g_strfreev);
  g_clear_pointer (&self->targets, g_ptr_array_unref);
  g_clear_pointer (&self->stance_rows, g_hash_table_unref);

  G_OBJECT_CLASS (qm_overview_parent_class)->finalize (object);
}

static void
qm_overview_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  QmOverview *self = QM_OVERVIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_ANNOTATOR:
      g_value_set_string (value, self->annotator);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qm_overview_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  QmOverview *self = QM_OVERVIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_ANNOTATOR:
      qm_overview_set_annotator (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qm_overview_class_init (QmOverviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = qm_overview_dispose;
  object_class->finalize = qm_overview_finalize;
  object_class->get_property = qm_overview_get_property;
  object_class->set_property = qm_overview_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         QM_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ANNOTATOR] =
    g_param_spec_string ("annotator", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * QmOverview::changed:
   * @self: the overview
   *
   * Emitted after qm_overview_reload() read the counts again, so the
   * widgets showing them rebuild.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
qm_overview_init (QmOverview *self)
{
  self->label_counts = g_ptr_array_new_with_free_func ((GDestroyNotify) label_count_free);
  self->progress = g_ptr_array_new_with_free_func ((GDestroyNotify) annotator_progress_free);
  self->stance_values = g_new0 (char *, 1);
  self->targets = g_ptr_array_new_with_free_func ((GDestroyNotify) qm_target_unref);
  self->stance_rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
}

QmOverview *
qm_overview_new (QmStore *store)
{
  g_return_val_if_fail (QM_IS_STORE (store), NULL);

  return g_object_new (QM_TYPE_OVERVIEW, "store", store, NULL);
}

QmStore *
qm_overview_get_store (QmOverview *self)
{
  g_return_val_if_fail (QM_IS_OVERVIEW (self), NULL);

  return self->store;
}

void
qm_overview_set_annotator (QmOverview *self,
                           const char *annotator)
{
  g_return_if_fail (QM_IS_OVERVIEW (self));

  if (g_strcmp0 (self->annotator, annotator) == 0)
    return;

  g_free (self->annotator);
  self->annotator = g_strdup (annotator);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANNOTATOR]);
}

const char *
qm_overview_get_annotator (QmOverview *self)
{
  g_return_val_if_fail (QM_IS_OVERVIEW (self), NULL);

  return self->annotator;
}

guint
qm_overview_get_n_documents (QmOverview *self)
{
  g_return_val_if_fail (QM_IS_OVERVIEW (self), 0);

  return self->n_documents;
}

GPtrArray *
qm_overview_get_label_counts (QmOverview *self)
{
  g_return_val_if_fail (QM_IS_OVERVIEW (self), NULL);

  return self->label_counts;
}

GPtrArray *
qm_overview_get_progress (QmOverview *self)
{
  g_return_val_if_fail (QM_IS_OVERVIEW (self), NULL);

  return self->progress;
}

const char * const *
qm_overview_get_stance_values (QmOverview *self)
{
  g_return_val_if_fail (QM_IS_OVERVIEW (self), NULL);

  return (const char * const *) self->stance_values;
}

GPtrArray *
qm_overview_get_targets (QmOverview *self)
{
  g_return_val_if_fail (QM_IS_OVERVIEW (self), NULL);

  return self->targets;
}

GPtrArray *
qm_overview_get_stance_rows (QmOverview *self,
                             const char *target_id)
{
  static GPtrArray *empty;
  GPtrArray *rows;

  g_return_val_if_fail (QM_IS_OVERVIEW (self), NULL);

  rows = target_id != NULL ? g_hash_table_lookup (self->stance_rows, target_id) : NULL;
  if (rows != NULL)
    return rows;

  /* Callers may iterate without checking for NULL. */
  if (g_once_init_enter (&empty))
    g_once_init_leave (&empty, g_ptr_array_new ());
  return empty;
}

const char *
qm_overview_stance_value_label (const char *value)
{
  g_return_val_if_fail (value != NULL, NULL);

  /* TRANSLATORS: stance values of the default schema (SemEval-2016 Task 6) */
  if (g_str_equal (value, "favor"))
    return C_("stance", "Favor");
  if (g_str_equal (value, "against"))
    return C_("stance", "Against");
  if (g_str_equal (value, "none"))
    return C_("stance", "None");

  return value;
}

char *
qm_overview_format_count (guint count)
{
  /* The ' flag groups digits as LC_NUMERIC says (nothing in the C locale);
   * no separator is written here. */
  return g_strdup_printf ("%'u", count);
}
