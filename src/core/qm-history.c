/* qm-history.c: undo and redo of span changes, each written to the store at once. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "qm-error.h"
#include "qm-history.h"

/* A bound keeps a long session from holding every span ever deleted. */
#define MAX_COMMANDS 1000

typedef enum
{
  COMMAND_ADD,
  COMMAND_DELETE,
  COMMAND_RELABEL,
} CommandKind;

/* What the store holds for one span: the span itself and what hangs off it
 * (the store removes relations and stances with the span, so a deletion is
 * only undoable if they are kept here). */
typedef struct
{
  QmSpan    *span;
  GPtrArray *relations;   /* of QmRelation */
  GPtrArray *stances;     /* of QmStance */
} Snapshot;

/* A command moves one span from the state @before to the state @after;
 * NULL stands for "no such span". Undo moves it back. */
typedef struct
{
  CommandKind  kind;
  char        *document_id;
  char        *span_id;
  char        *label;       /* for the undo/redo descriptions */
  Snapshot    *before;
  Snapshot    *after;
} Command;

struct _QmHistory
{
  GObject    parent_instance;

  QmStore   *store;
  GQueue     undo_stack;  /* of Command, newest at the head */
  GQueue     redo_stack;
  char      *undo_label;
  char      *redo_label;
};

G_DEFINE_FINAL_TYPE (QmHistory, qm_history, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
snapshot_free (Snapshot *snapshot)
{
  if (snapshot == NULL)
    return;
  g_clear_pointer (&snapshot->span, qm_span_unref);
  g_clear_pointer (&snapshot->relations, g_ptr_array_unref);
  g_clear_pointer (&snapshot->stances, g_ptr_array_unref);
  g_free (snapshot);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Snapshot, snapshot_free)

static void
command_free (Command *command)
{
  g_free (command->document_id);
  g_free (command->span_id);
  g_free (command->label);
  snapshot_free (command->before);
  snapshot_free (command->after);
  g_free (command);
}

static Snapshot *
snapshot_new (QmSpan *span)
{
  Snapshot *snapshot = g_new0 (Snapshot, 1);

  snapshot->span = span;
  snapshot->relations = g_ptr_array_new_with_free_func ((GDestroyNotify) qm_relation_unref);
  snapshot->stances = g_ptr_array_new_with_free_func ((GDestroyNotify) qm_stance_unref);
  return snapshot;
}

/* Reads the span @span_id with its relations and stances (of every
 * annotator: deleting the span removes them all). */
static Snapshot *
snapshot_take (QmStore     *store,
               const char  *span_id,
               GError     **error)
{
  g_autoptr(Snapshot) snapshot = NULL;
  g_autoptr(GPtrArray) relations = NULL;
  g_autoptr(GPtrArray) stances = NULL;
  QmSpan *span;

  span = qm_store_get_span (store, span_id, error);
  if (span == NULL)
    return NULL;
  snapshot = snapshot_new (span);

  relations = qm_store_list_relations (store, span->document_id, NULL, error);
  if (relations == NULL)
    return NULL;
  for (guint i = 0; i < relations->len; i++)
    {
      QmRelation *relation = g_ptr_array_index (relations, i);

      if (g_strcmp0 (relation->from_id, span_id) == 0 ||
          g_strcmp0 (relation->to_id, span_id) == 0)
        g_ptr_array_add (snapshot->relations, qm_relation_ref (relation));
    }

  stances = qm_store_list_stances (store, span->document_id, NULL, error);
  if (stances == NULL)
    return NULL;
  for (guint i = 0; i < stances->len; i++)
    {
      QmStance *stance = g_ptr_array_index (stances, i);

      if (g_strcmp0 (stance->span_id, span_id) == 0)
        g_ptr_array_add (snapshot->stances, qm_stance_ref (stance));
    }

  return g_steal_pointer (&snapshot);
}

static gboolean
has_relation (Snapshot   *snapshot,
              QmRelation *relation)
{
  for (guint i = 0; snapshot != NULL && i < snapshot->relations->len; i++)
    {
      QmRelation *other = g_ptr_array_index (snapshot->relations, i);

      if (g_strcmp0 (other->id, relation->id) == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
has_stance (Snapshot *snapshot,
            QmStance *stance)
{
  for (guint i = 0; snapshot != NULL && i < snapshot->stances->len; i++)
    {
      QmStance *other = g_ptr_array_index (snapshot->stances, i);

      if (g_strcmp0 (other->target_id, stance->target_id) == 0 &&
          g_strcmp0 (other->annotator, stance->annotator) == 0 &&
          g_strcmp0 (other->value, stance->value) == 0)
        return TRUE;
    }
  return FALSE;
}

/* The relation's other end, which may have been deleted since. */
static gboolean
relation_peer_exists (QmStore     *store,
                      QmRelation  *relation,
                      const char  *span_id,
                      gboolean    *exists,
                      GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(QmSpan) peer = NULL;
  const char *peer_id;

  peer_id = g_strcmp0 (relation->from_id, span_id) == 0 ? relation->to_id : relation->from_id;
  if (g_strcmp0 (peer_id, span_id) == 0)
    {
      *exists = TRUE;
      return TRUE;
    }

  peer = qm_store_get_span (store, peer_id, &local_error);
  if (peer == NULL && !g_error_matches (local_error, QM_ERROR, QM_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  *exists = peer != NULL;
  return TRUE;
}

/* Writes the difference between @from (what the store holds now) and @to. */
static gboolean
apply_transition (QmStore     *store,
                  const char  *span_id,
                  Snapshot    *from,
                  Snapshot    *to,
                  GError     **error)
{
  if (to == NULL)
    return from == NULL || qm_store_delete_span (store, span_id, error);

  if (from == NULL)
    {
      /* A copy, so the store filling fields never touches the snapshot. */
      g_autoptr(QmSpan) span = qm_span_copy (to->span);

      if (!qm_store_add_span (store, span, error))
        return FALSE;
    }
  else
    {
      for (guint i = 0; i < from->relations->len; i++)
        {
          QmRelation *relation = g_ptr_array_index (from->relations, i);

          if (!has_relation (to, relation) &&
              !qm_store_delete_relation (store, relation->id, error))
            return FALSE;
        }
      for (guint i = 0; i < from->stances->len; i++)
        {
          QmStance *stance = g_ptr_array_index (from->stances, i);

          if (!has_stance (to, stance) &&
              !qm_store_delete_stance (store, span_id, stance->target_id, stance->annotator, error))
            return FALSE;
        }
      if (!qm_store_update_span (store, to->span, error))
        return FALSE;
    }

  for (guint i = 0; i < to->relations->len; i++)
    {
      QmRelation *relation = g_ptr_array_index (to->relations, i);
      gboolean exists;

      if (has_relation (from, relation))
        continue;
      if (!relation_peer_exists (store, relation, span_id, &exists, error))
        return FALSE;
      /* A link to a span deleted since cannot come back without it. */
      if (!exists)
        {
          g_debug ("Not restoring relation %s: its other span is gone", relation->id);
          continue;
        }
      if (!qm_store_add_relation (store, relation, error))
        return FALSE;
    }
  for (guint i = 0; i < to->stances->len; i++)
    {
      QmStance *stance = g_ptr_array_index (to->stances, i);

      if (!has_stance (from, stance) && !qm_store_set_stance (store, stance, error))
        return FALSE;
    }

  return TRUE;
}

/* Moves the span of @command to @to, as one transaction (or inside the
 * caller's). What the store holds at that moment is saved into *@from_slot,
 * so that going back restores exactly what was there, including links made
 * outside the history in the meantime. */
static gboolean
run_transition (QmHistory  *self,
                Command    *command,
                Snapshot  **from_slot,
                Snapshot   *to,
                GError    **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(Snapshot) current = NULL;
  gboolean own_transaction;

  own_transaction = !qm_store_in_transaction (self->store);
  if (own_transaction && !qm_store_begin (self->store, error))
    return FALSE;

  current = snapshot_take (self->store, command->span_id, &local_error);
  if (current == NULL && !g_error_matches (local_error, QM_ERROR, QM_ERROR_NOT_FOUND))
    goto failed;
  g_clear_error (&local_error);

  if (!apply_transition (self->store, command->span_id, current, to, &local_error))
    goto failed;

  if (own_transaction && !qm_store_commit (self->store, &local_error))
    goto failed;

  snapshot_free (*from_slot);
  *from_slot = g_steal_pointer (&current);
  return TRUE;

failed:
  if (own_transaction)
    qm_store_rollback (self->store);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

static char *
describe (Command  *command,
          gboolean  undo)
{
  switch (command->kind)
    {
    case COMMAND_ADD:
      /* Translators: %s is a label name, "Undo Quote" */
      return undo ? g_strdup_printf (_("Undo %s"), qm_schema_display_name (command->label))
                  : g_strdup_printf (_("Redo %s"), qm_schema_display_name (command->label));
    case COMMAND_DELETE:
      return undo ? g_strdup_printf (_("Undo Delete %s"), qm_schema_display_name (command->label))
                  : g_strdup_printf (_("Redo Delete %s"), qm_schema_display_name (command->label));
    case COMMAND_RELABEL:
      return undo ? g_strdup_printf (_("Undo Relabel as %s"), qm_schema_display_name (command->label))
                  : g_strdup_printf (_("Redo Relabel as %s"), qm_schema_display_name (command->label));
    default:
      g_assert_not_reached ();
    }
  return NULL;
}

static void
stacks_changed (QmHistory *self,
                gboolean   could_undo,
                gboolean   could_redo)
{
  Command *top;

  g_clear_pointer (&self->undo_label, g_free);
  g_clear_pointer (&self->redo_label, g_free);
  if ((top = g_queue_peek_head (&self->undo_stack)) != NULL)
    self->undo_label = describe (top, TRUE);
  if ((top = g_queue_peek_head (&self->redo_stack)) != NULL)
    self->redo_label = describe (top, FALSE);

  if (could_undo != qm_history_can_undo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  if (could_redo != qm_history_can_redo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
}

static void
clear_stack (GQueue *stack)
{
  Command *command;

  while ((command = g_queue_pop_head (stack)) != NULL)
    command_free (command);
}

/* Applies a new command and pushes it; a new change makes the redo stack
 * meaningless, so it is dropped. */
static gboolean
push_new (QmHistory  *self,
          Command    *command,
          GError    **error)
{
  gboolean could_undo = qm_history_can_undo (self);
  gboolean could_redo = qm_history_can_redo (self);
  g_autofree char *document_id = NULL;

  if (!run_transition (self, command, &command->before, command->after, error))
    {
      command_free (command);
      return FALSE;
    }

  /* The store filled in the id and times of a new span: keep them, so redo
   * brings back the very same record. */
  if (command->kind == COMMAND_ADD)
    {
      g_autoptr(GError) local_error = NULL;
      Snapshot *added = snapshot_take (self->store, command->span_id, &local_error);

      if (added != NULL)
        {
          snapshot_free (command->after);
          command->after = added;
        }
      else
        g_debug ("Could not re-read span %s: %s", command->span_id, local_error->message);
    }

  document_id = g_strdup (command->document_id);
  clear_stack (&self->redo_stack);
  g_queue_push_head (&self->undo_stack, command);
  while (g_queue_get_length (&self->undo_stack) > MAX_COMMANDS)
    command_free (g_queue_pop_tail (&self->undo_stack));

  stacks_changed (self, could_undo, could_redo);
  g_signal_emit (self, signals[CHANGED], 0, document_id);
  return TRUE;
}

static void
qm_history_dispose (GObject *object)
{
  QmHistory *self = QM_HISTORY (object);

  clear_stack (&self->undo_stack);
  clear_stack (&self->redo_stack);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (qm_history_parent_class)->dispose (object);
}

static void
qm_history_finalize (GObject *object)
{
  QmHistory *self = QM_HISTORY (object);

  g_free (self->undo_label);
  g_free (self->redo_label);

  G_OBJECT_CLASS (qm_history_parent_class)->finalize (object);
}

static void
qm_history_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  QmHistory *self = QM_HISTORY (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, qm_history_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, qm_history_can_redo (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qm_history_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  QmHistory *self = QM_HISTORY (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qm_history_class_init (QmHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = qm_history_dispose;
  object_class->finalize = qm_history_finalize;
  object_class->get_property = qm_history_get_property;
  object_class->set_property = qm_history_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         QM_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * QmHistory::changed:
   * @self: the history
   * @document_id: the document whose spans changed
   *
   * Emitted after a change was applied, undone or redone and committed, so
   * the views of that document re-read its spans.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
qm_history_init (QmHistory *self)
{
  g_queue_init (&self->undo_stack);
  g_queue_init (&self->redo_stack);
}

QmHistory *
qm_history_new (QmStore *store)
{
  g_return_val_if_fail (QM_IS_STORE (store), NULL);

  return g_object_new (QM_TYPE_HISTORY, "store", store, NULL);
}

QmStore *
qm_history_get_store (QmHistory *self)
{
  g_return_val_if_fail (QM_IS_HISTORY (self), NULL);

  return self->store;
}

gboolean
qm_history_add_span (QmHistory  *self,
                     QmSpan     *span,
                     GError    **error)
{
  Command *command;

  g_return_val_if_fail (QM_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (span != NULL, FALSE);
  g_return_val_if_fail (span->document_id != NULL && span->label != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* The id is chosen here rather than by the store so the command knows
   * which span to undo, and the caller learns it through @span. */
  if (span->id == NULL)
    span->id = qm_new_id ();

  command = g_new0 (Command, 1);
  command->kind = COMMAND_ADD;
  command->document_id = g_strdup (span->document_id);
  command->span_id = g_strdup (span->id);
  command->label = g_strdup (span->label);
  command->after = snapshot_new (qm_span_copy (span));

  return push_new (self, command, error);
}

gboolean
qm_history_delete_span (QmHistory  *self,
                        const char *span_id,
                        GError    **error)
{
  g_autoptr(QmSpan) span = NULL;
  Command *command;

  g_return_val_if_fail (QM_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (span_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  span = qm_store_get_span (self->store, span_id, error);
  if (span == NULL)
    return FALSE;

  command = g_new0 (Command, 1);
  command->kind = COMMAND_DELETE;
  command->document_id = g_strdup (span->document_id);
  command->span_id = g_strdup (span_id);
  command->label = g_strdup (span->label);
  /* before is filled with what the store holds when the command runs */

  return push_new (self, command, error);
}

/* Whether @relation still makes sense once the span @span_id is @label. */
static gboolean
relation_fits (QmStore    *store,
               QmSchema   *schema,
               QmRelation *relation,
               const char *span_id,
               const char *label)
{
  g_autoptr(QmSpan) from = NULL;
  g_autoptr(QmSpan) to = NULL;
  const char *from_label;
  const char *to_label;

  if (g_strcmp0 (relation->from_id, span_id) == 0)
    from_label = label;
  else if ((from = qm_store_get_span (store, relation->from_id, NULL)) != NULL)
    from_label = from->label;
  else
    return FALSE;

  if (g_strcmp0 (relation->to_id, span_id) == 0)
    to_label = label;
  else if ((to = qm_store_get_span (store, relation->to_id, NULL)) != NULL)
    to_label = to->label;
  else
    return FALSE;

  return qm_schema_check_relation (schema, relation->type, from_label, to_label, NULL);
}

gboolean
qm_history_relabel_span (QmHistory  *self,
                         const char *span_id,
                         const char *label,
                         GError    **error)
{
  g_autoptr(Snapshot) current = NULL;
  QmSchema *schema;
  const QmLabelDef *def;
  const char *stance_label;
  Snapshot *after;
  Command *command;

  g_return_val_if_fail (QM_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (span_id != NULL, FALSE);
  g_return_val_if_fail (label != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  schema = qm_store_get_schema (self->store);
  def = qm_schema_find_label (schema, label);
  if (def == NULL)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_UNKNOWN_LABEL,
                   _("The schema has no label “%s”"), label);
      return FALSE;
    }

  current = snapshot_take (self->store, span_id, error);
  if (current == NULL)
    return FALSE;

  /* What the span keeps under its new label: attributes and links the
   * schema allows for it. Everything else comes back on undo. */
  after = snapshot_new (qm_span_copy (current->span));
  g_free (after->span->label);
  after->span->label = g_strdup (label);
  if (!def->entity)
    g_clear_pointer (&after->span->entity_id, g_free);
  if (after->span->attributes != NULL)
    {
      GHashTableIter iter;
      gpointer name;

      g_hash_table_iter_init (&iter, after->span->attributes);
      while (g_hash_table_iter_next (&iter, &name, NULL))
        if (qm_label_def_find_attribute (def, name) == NULL)
          g_hash_table_iter_remove (&iter);
    }
  for (guint i = 0; i < current->relations->len; i++)
    {
      QmRelation *relation = g_ptr_array_index (current->relations, i);

      if (relation_fits (self->store, schema, relation, span_id, label))
        g_ptr_array_add (after->relations, qm_relation_ref (relation));
    }
  stance_label = qm_schema_get_stance_label (schema);
  if (g_strcmp0 (stance_label, label) == 0)
    for (guint i = 0; i < current->stances->len; i++)
      g_ptr_array_add (after->stances, qm_stance_ref (g_ptr_array_index (current->stances, i)));

  command = g_new0 (Command, 1);
  command->kind = COMMAND_RELABEL;
  command->document_id = g_strdup (current->span->document_id);
  command->span_id = g_strdup (span_id);
  command->label = g_strdup (label);
  command->after = after;

  return push_new (self, command, error);
}

gboolean
qm_history_can_undo (QmHistory *self)
{
  g_return_val_if_fail (QM_IS_HISTORY (self), FALSE);

  return !g_queue_is_empty (&self->undo_stack);
}

gboolean
qm_history_can_redo (QmHistory *self)
{
  g_return_val_if_fail (QM_IS_HISTORY (self), FALSE);

  return !g_queue_is_empty (&self->redo_stack);
}

const char *
qm_history_get_undo_label (QmHistory *self)
{
  g_return_val_if_fail (QM_IS_HISTORY (self), NULL);

  return self->undo_label;
}

const char *
qm_history_get_redo_label (QmHistory *self)
{
  g_return_val_if_fail (QM_IS_HISTORY (self), NULL);

  return self->redo_label;
}

/* Moves the head of @from to @to, running it backwards (undo) or forwards. */
static gboolean
step (QmHistory  *self,
      GQueue     *from,
      GQueue     *to,
      gboolean    backwards,
      GError    **error)
{
  gboolean could_undo = qm_history_can_undo (self);
  gboolean could_redo = qm_history_can_redo (self);
  g_autofree char *document_id = NULL;
  Command *command;
  gboolean ok;

  command = g_queue_peek_head (from);
  if (command == NULL)
    {
      g_set_error_literal (error, QM_ERROR, QM_ERROR_FAILED,
                           backwards ? _("There is nothing to undo") : _("There is nothing to redo"));
      return FALSE;
    }

  if (backwards)
    ok = run_transition (self, command, &command->after, command->before, error);
  else
    ok = run_transition (self, command, &command->before, command->after, error);
  /* On failure the command stays where it was, so the user may try again. */
  if (!ok)
    return FALSE;

  g_queue_push_head (to, g_queue_pop_head (from));
  document_id = g_strdup (command->document_id);
  stacks_changed (self, could_undo, could_redo);
  g_signal_emit (self, signals[CHANGED], 0, document_id);
  return TRUE;
}

gboolean
qm_history_undo (QmHistory  *self,
                 GError    **error)
{
  g_return_val_if_fail (QM_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return step (self, &self->undo_stack, &self->redo_stack, TRUE, error);
}

gboolean
qm_history_redo (QmHistory  *self,
                 GError    **error)
{
  g_return_val_if_fail (QM_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return step (self, &self->redo_stack, &self->undo_stack, FALSE, error);
}

const char *
qm_history_get_undo_document_id (QmHistory *self)
{
  Command *command;

  g_return_val_if_fail (QM_IS_HISTORY (self), NULL);

  command = g_queue_peek_head (&self->undo_stack);
  return command != NULL ? command->document_id : NULL;
}

const char *
qm_history_get_redo_document_id (QmHistory *self)
{
  Command *command;

  g_return_val_if_fail (QM_IS_HISTORY (self), NULL);

  command = g_queue_peek_head (&self->redo_stack);
  return command != NULL ? command->document_id : NULL;
}

const char *
qm_history_get_undo_span_id (QmHistory *self)
{
  Command *command;

  g_return_val_if_fail (QM_IS_HISTORY (self), NULL);

  command = g_queue_peek_head (&self->undo_stack);
  return command != NULL ? command->span_id : NULL;
}

const char *
qm_history_get_redo_span_id (QmHistory *self)
{
  Command *command;

  g_return_val_if_fail (QM_IS_HISTORY (self), NULL);

  command = g_queue_peek_head (&self->redo_stack);
  return command != NULL ? command->span_id : NULL;
}

void
qm_history_clear (QmHistory *self)
{
  gboolean could_undo, could_redo;

  g_return_if_fail (QM_IS_HISTORY (self));

  could_undo = qm_history_can_undo (self);
  could_redo = qm_history_can_redo (self);
  clear_stack (&self->undo_stack);
  clear_stack (&self->redo_stack);
  stacks_changed (self, could_undo, could_redo);
}
