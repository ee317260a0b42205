/* qm-history.c: undo and redo of annotation changes (spans, links, attributes,
 * speakers, stances, the corpus-wide speaker and target lists and document
 * titles), each written to the store at once. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "qm-error.h"
#include "qm-history.h"
#include "qm-text.h"

/* A bound keeps a long session from holding every span ever deleted. */
#define MAX_COMMANDS 1000

/* Commands up to COMMAND_DELETE_STANCE change one span and what hangs off
 * it, and are run as a move between two snapshots of that span; a group
 * runs the commands it holds; the others change the corpus-wide lists of
 * speakers and targets, or a document's title, and have code of their own
 * for each direction. */
typedef enum
{
  COMMAND_ADD,
  COMMAND_DELETE,
  COMMAND_RELABEL,
  COMMAND_ADD_RELATION,
  COMMAND_DELETE_RELATION,
  COMMAND_SET_ATTRIBUTE,
  COMMAND_SET_ENTITY,
  COMMAND_SET_STANCE,
  COMMAND_DELETE_STANCE,
  COMMAND_GROUP,
  COMMAND_CREATE_ENTITY,
  COMMAND_SAVE_ENTITY,
  COMMAND_MERGE_ENTITIES,
  COMMAND_CREATE_TARGET,
  COMMAND_RENAME_TARGET,
  COMMAND_MERGE_TARGETS,
  COMMAND_RENAME_DOCUMENT,
} CommandKind;

#define IS_SPAN_COMMAND(kind) ((kind) < COMMAND_GROUP)
#define IS_CORPUS_COMMAND(kind) ((kind) >= COMMAND_CREATE_ENTITY && (kind) <= COMMAND_MERGE_TARGETS)

/* What the store holds for one span: the span itself and what hangs off it
 * (the store removes relations and stances with the span, so a deletion is
 * only undoable if they are kept here). */
typedef struct
{
  QmSpan    *span;
  GPtrArray *relations;   /* of QmRelation */
  GPtrArray *stances;     /* of QmStance */
} Snapshot;

/* A span command moves one span from the state @before to the state
 * @after; NULL stands for "no such span". Undo moves it back. A corpus
 * command keeps what it needs to write either direction. */
typedef struct
{
  CommandKind  kind;
  char        *document_id;
  char        *span_id;
  char        *label;       /* for the undo/redo descriptions */
  Snapshot    *before;
  Snapshot    *after;

  QmEntity    *entity_before;  /* save: as it was; merge: @into as it was */
  QmEntity    *entity_after;   /* create, save: as written */
  QmEntity    *merged_entity;  /* merge: @from as it was */
  GPtrArray   *mention_ids;    /* merge: spans that referred to @from (char *) */
  QmTarget    *target_before;  /* rename: the old name; merge: @from */
  QmTarget    *target_after;   /* create, rename: as written; merge: @into */
  GPtrArray   *moved_stances;  /* merge: judgements on @from (QmStance) */
  GPtrArray   *kept_stances;   /* merge: judgements on @into, which win */
  GPtrArray   *document_ids;   /* documents whose spans a corpus command touches */
  char        *title_before;   /* rename document: the title it had */
  char        *title_after;    /* rename document: as written */

  GPtrArray   *children;       /* group: its commands, in the order they ran */
} Command;

struct _QmHistory
{
  GObject    parent_instance;

  QmStore   *store;
  GPtrArray *group;       /* of Command, between begin_group and end_group */
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
  CORPUS_CHANGED,
  DOCUMENT_RENAMED,
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
  g_clear_pointer (&command->entity_before, qm_entity_unref);
  g_clear_pointer (&command->entity_after, qm_entity_unref);
  g_clear_pointer (&command->merged_entity, qm_entity_unref);
  g_clear_pointer (&command->mention_ids, g_ptr_array_unref);
  g_clear_pointer (&command->target_before, qm_target_unref);
  g_clear_pointer (&command->target_after, qm_target_unref);
  g_clear_pointer (&command->moved_stances, g_ptr_array_unref);
  g_clear_pointer (&command->kept_stances, g_ptr_array_unref);
  g_clear_pointer (&command->document_ids, g_ptr_array_unref);
  g_free (command->title_before);
  g_free (command->title_after);
  g_clear_pointer (&command->children, g_ptr_array_unref);
  g_free (command);
}

/* A group stands for its first command that has a document (and span). */
static const char *
command_get_document_id (Command *command)
{
  for (guint i = 0; command->children != NULL && i < command->children->len; i++)
    {
      const char *id = command_get_document_id (g_ptr_array_index (command->children, i));

      if (id != NULL)
        return id;
    }
  return command->document_id;
}

static const char *
command_get_span_id (Command *command)
{
  for (guint i = 0; command->children != NULL && i < command->children->len; i++)
    {
      const char *id = command_get_span_id (g_ptr_array_index (command->children, i));

      if (id != NULL)
        return id;
    }
  return command->span_id;
}

static Command *
command_new (CommandKind  kind,
             const char  *document_id,
             const char  *span_id,
             const char  *label)
{
  Command *command = g_new0 (Command, 1);

  command->kind = kind;
  command->document_id = g_strdup (document_id);
  command->span_id = g_strdup (span_id);
  command->label = g_strdup (label);
  return command;
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

/* Undo and redo descriptions of the commands that name no label. */
static const struct
{
  const char *undo;
  const char *redo;
} descriptions[] = {
  [COMMAND_ADD_RELATION] = { N_("Undo Link"), N_("Redo Link") },
  [COMMAND_DELETE_RELATION] = { N_("Undo Remove Link"), N_("Redo Remove Link") },
  [COMMAND_SET_ENTITY] = { N_("Undo Set Speaker"), N_("Redo Set Speaker") },
  [COMMAND_SET_STANCE] = { N_("Undo Stance"), N_("Redo Stance") },
  [COMMAND_DELETE_STANCE] = { N_("Undo Remove Stance"), N_("Redo Remove Stance") },
  [COMMAND_CREATE_ENTITY] = { N_("Undo New Speaker"), N_("Redo New Speaker") },
  [COMMAND_SAVE_ENTITY] = { N_("Undo Edit Speaker"), N_("Redo Edit Speaker") },
  [COMMAND_MERGE_ENTITIES] = { N_("Undo Merge Speakers"), N_("Redo Merge Speakers") },
  [COMMAND_CREATE_TARGET] = { N_("Undo New Target"), N_("Redo New Target") },
  [COMMAND_RENAME_TARGET] = { N_("Undo Rename Target"), N_("Redo Rename Target") },
  [COMMAND_MERGE_TARGETS] = { N_("Undo Merge Targets"), N_("Redo Merge Targets") },
  [COMMAND_RENAME_DOCUMENT] = { N_("Undo Rename Document"), N_("Redo Rename Document") },
};

static char *
describe (Command  *command,
          gboolean  undo)
{
  switch (command->kind)
    {
    case COMMAND_GROUP:
      /* The last step is what the user asked for; the others prepare it. */
      return describe (g_ptr_array_index (command->children, command->children->len - 1), undo);
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
    case COMMAND_SET_ATTRIBUTE:
      /* Translators: %s is the name of an attribute, "Undo Set type" */
      return undo ? g_strdup_printf (_("Undo Set %s"), qm_schema_display_name (command->label))
                  : g_strdup_printf (_("Redo Set %s"), qm_schema_display_name (command->label));
    case COMMAND_ADD_RELATION:
    case COMMAND_DELETE_RELATION:
    case COMMAND_SET_ENTITY:
    case COMMAND_SET_STANCE:
    case COMMAND_DELETE_STANCE:
    case COMMAND_CREATE_ENTITY:
    case COMMAND_SAVE_ENTITY:
    case COMMAND_MERGE_ENTITIES:
    case COMMAND_CREATE_TARGET:
    case COMMAND_RENAME_TARGET:
    case COMMAND_MERGE_TARGETS:
    case COMMAND_RENAME_DOCUMENT:
      return g_strdup (undo ? _(descriptions[command->kind].undo)
                            : _(descriptions[command->kind].redo));
    default:
      g_assert_not_reached ();
    }
  return NULL;
}

/* --- speakers and targets --- */

static gboolean
has_judgement (GPtrArray *stances,
               QmStance  *stance)
{
  for (guint i = 0; stances != NULL && i < stances->len; i++)
    {
      QmStance *other = g_ptr_array_index (stances, i);

      if (g_strcmp0 (other->span_id, stance->span_id) == 0 &&
          g_strcmp0 (other->annotator, stance->annotator) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Points each of @span_ids back at @entity_id. A span deleted since cannot
 * be pointed anywhere, and is skipped like a link whose other end is gone. */
static gboolean
restore_mentions (QmStore     *store,
                  GPtrArray   *span_ids,
                  const char  *entity_id,
                  GError     **error)
{
  for (guint i = 0; i < span_ids->len; i++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(QmSpan) span = qm_store_get_span (store, g_ptr_array_index (span_ids, i), &local_error);

      if (span == NULL)
        {
          if (!g_error_matches (local_error, QM_ERROR, QM_ERROR_NOT_FOUND))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          continue;
        }
      g_free (span->entity_id);
      span->entity_id = g_strdup (entity_id);
      if (!qm_store_update_span (store, span, error))
        return FALSE;
    }
  return TRUE;
}

/* Undoing a merge of targets: @from comes back, each judgement that moved
 * to @into goes back to @from, and those @into already had (which the merge
 * kept in place of @from's) stay on @into. */
static gboolean
unmerge_targets (QmStore     *store,
                 Command     *command,
                 GError     **error)
{
  const char *into_id = command->target_after->id;

  if (!qm_store_add_target (store, command->target_before, error))
    return FALSE;

  for (guint i = 0; i < command->moved_stances->len; i++)
    {
      QmStance *stance = g_ptr_array_index (command->moved_stances, i);
      g_autoptr(GError) local_error = NULL;

      if (!has_judgement (command->kept_stances, stance) &&
          !qm_store_delete_stance (store, stance->span_id, into_id, stance->annotator, &local_error) &&
          !g_error_matches (local_error, QM_ERROR, QM_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_clear_error (&local_error);
      if (!qm_store_set_stance (store, stance, &local_error))
        {
          /* The quote was deleted since: its judgement cannot come back. */
          if (!g_error_matches (local_error, QM_ERROR, QM_ERROR_NOT_FOUND))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
        }
    }
  return TRUE;
}

/* Writes a corpus command, or a document's new title, forwards (do, redo)
 * or backwards (undo). */
static gboolean
apply_corpus (QmStore     *store,
              Command     *command,
              gboolean     backwards,
              GError     **error)
{
  switch (command->kind)
    {
    case COMMAND_CREATE_ENTITY:
      return backwards ? qm_store_delete_entity (store, command->entity_after->id, error)
                       : qm_store_save_entity (store, command->entity_after, error);
    case COMMAND_SAVE_ENTITY:
      return qm_store_save_entity (store, backwards ? command->entity_before : command->entity_after, error);
    case COMMAND_MERGE_ENTITIES:
      if (!backwards)
        return qm_store_merge_entities (store, command->entity_before->id,
                                        command->merged_entity->id, error);
      /* Saving @into as it was also drops the aliases the merge gave it. */
      return qm_store_save_entity (store, command->entity_before, error) &&
             qm_store_save_entity (store, command->merged_entity, error) &&
             restore_mentions (store, command->mention_ids, command->merged_entity->id, error);
    case COMMAND_CREATE_TARGET:
      return backwards ? qm_store_delete_target (store, command->target_after->id, error)
                       : qm_store_add_target (store, command->target_after, error);
    case COMMAND_RENAME_TARGET:
      return qm_store_rename_target (store, command->target_after->id,
                                     backwards ? command->target_before->name : command->target_after->name,
                                     error);
    case COMMAND_MERGE_TARGETS:
      return backwards ? unmerge_targets (store, command, error)
                       : qm_store_merge_targets (store, command->target_after->id,
                                                 command->target_before->id, error);
    case COMMAND_RENAME_DOCUMENT:
      /* The old title goes back as it was, even one an import gave that a
       * rename would not accept. */
      return backwards ? qm_store_restore_document_title (store, command->document_id,
                                                          command->title_before, error)
                       : qm_store_set_document_title (store, command->document_id,
                                                      command->title_after, error);
    case COMMAND_ADD:
    case COMMAND_DELETE:
    case COMMAND_RELABEL:
    case COMMAND_ADD_RELATION:
    case COMMAND_DELETE_RELATION:
    case COMMAND_SET_ATTRIBUTE:
    case COMMAND_SET_ENTITY:
    case COMMAND_SET_STANCE:
    case COMMAND_DELETE_STANCE:
    case COMMAND_GROUP:
    default:
      g_assert_not_reached ();
    }
  return FALSE;
}

static gboolean run_command (QmHistory  *self,
                             Command    *command,
                             gboolean    backwards,
                             GError    **error);

/* Runs the commands of a group in order (backwards: in reverse). Each is
 * its own transaction, so when one fails those already run are run back,
 * and the store is left as before the group. */
static gboolean
run_group (QmHistory  *self,
           Command    *command,
           gboolean    backwards,
           GError    **error)
{
  guint n = command->children->len;

  for (guint i = 0; i < n; i++)
    {
      Command *child = g_ptr_array_index (command->children, backwards ? n - 1 - i : i);

      if (!run_command (self, child, backwards, error))
        {
          while (i-- > 0)
            {
              g_autoptr(GError) revert_error = NULL;

              child = g_ptr_array_index (command->children, backwards ? n - 1 - i : i);
              if (!run_command (self, child, !backwards, &revert_error))
                g_warning ("Could not revert part of a failed change: %s", revert_error->message);
            }
          return FALSE;
        }
    }
  return TRUE;
}

/* Runs @command one way, all of it or nothing, as one transaction (or
 * inside the caller's). */
static gboolean
run_command (QmHistory  *self,
             Command    *command,
             gboolean    backwards,
             GError    **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean own_transaction;

  if (command->kind == COMMAND_GROUP)
    return run_group (self, command, backwards, error);

  if (IS_SPAN_COMMAND (command->kind))
    return backwards ? run_transition (self, command, &command->after, command->before, error)
                     : run_transition (self, command, &command->before, command->after, error);

  own_transaction = !qm_store_in_transaction (self->store);
  if (own_transaction && !qm_store_begin (self->store, error))
    return FALSE;

  if (!apply_corpus (self->store, command, backwards, &local_error) ||
      (own_transaction && !qm_store_commit (self->store, &local_error)))
    {
      if (own_transaction)
        qm_store_rollback (self->store);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

static void add_document_id (GPtrArray  *document_ids,
                             const char *document_id);

/* A new title leaves the spans as they were: "document-renamed" says so,
 * rather than "changed", which would have every view of the document read
 * its spans again. @renamed holds pairs of document id and title. */
static void
collect_changes (Command   *command,
                 gboolean   backwards,
                 GPtrArray *document_ids,
                 GPtrArray *renamed,
                 gboolean  *corpus)
{
  if (command->kind == COMMAND_RENAME_DOCUMENT)
    {
      g_ptr_array_add (renamed, g_strdup (command->document_id));
      g_ptr_array_add (renamed, g_strdup (backwards ? command->title_before : command->title_after));
      return;
    }
  if (IS_CORPUS_COMMAND (command->kind))
    *corpus = TRUE;
  if (command->document_id != NULL)
    add_document_id (document_ids, command->document_id);
  for (guint i = 0; command->document_ids != NULL && i < command->document_ids->len; i++)
    add_document_id (document_ids, g_ptr_array_index (command->document_ids, i));
  for (guint i = 0; command->children != NULL && i < command->children->len; i++)
    collect_changes (g_ptr_array_index (command->children, i), backwards, document_ids, renamed, corpus);
}

/* Tells the views what @command touched, run forwards or @backwards. The
 * ids are copied first: a handler may run another command, which can free
 * this one. */
static void
emit_changed (QmHistory *self,
              Command   *command,
              gboolean   backwards)
{
  g_autoptr(GPtrArray) document_ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) renamed = g_ptr_array_new_with_free_func (g_free);
  gboolean corpus = FALSE;

  collect_changes (command, backwards, document_ids, renamed, &corpus);

  if (corpus)
    g_signal_emit (self, signals[CORPUS_CHANGED], 0);
  for (guint i = 0; i < document_ids->len; i++)
    g_signal_emit (self, signals[CHANGED], 0, g_ptr_array_index (document_ids, i));
  for (guint i = 0; i + 1 < renamed->len; i += 2)
    g_signal_emit (self, signals[DOCUMENT_RENAMED], 0,
                   g_ptr_array_index (renamed, i), g_ptr_array_index (renamed, i + 1));
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

/* Pushes a command that has run; a new change makes the redo stack
 * meaningless, so it is dropped. */
static void
push_done (QmHistory *self,
           Command   *command)
{
  clear_stack (&self->redo_stack);
  g_queue_push_head (&self->undo_stack, command);
  while (g_queue_get_length (&self->undo_stack) > MAX_COMMANDS)
    command_free (g_queue_pop_tail (&self->undo_stack));
}

/* Applies a new command and records it. */
static gboolean
push_new (QmHistory  *self,
          Command    *command,
          GError    **error)
{
  gboolean could_undo = qm_history_can_undo (self);
  gboolean could_redo = qm_history_can_redo (self);

  if (!run_command (self, command, FALSE, error))
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

  /* Inside a group the command waits for end_group to reach the stack. */
  if (self->group != NULL)
    {
      g_ptr_array_add (self->group, command);
      emit_changed (self, command, FALSE);
      return TRUE;
    }

  push_done (self, command);
  stacks_changed (self, could_undo, could_redo);
  emit_changed (self, command, FALSE);
  return TRUE;
}

static void
qm_history_dispose (GObject *object)
{
  QmHistory *self = QM_HISTORY (object);

  g_clear_pointer (&self->group, g_ptr_array_unref);
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

  /**
   * QmHistory::corpus-changed:
   * @self: the history
   *
   * Emitted after a speaker or a target was created, edited or merged, or
   * such a change undone or redone, so lists of speakers and targets
   * re-read them. "changed" follows for each document whose spans the
   * change touched.
   */
  signals[CORPUS_CHANGED] =
    g_signal_new ("corpus-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * QmHistory::document-renamed:
   * @self: the history
   * @document_id: the document whose title changed
   * @title: (nullable): the title it has now; NULL for none
   *
   * Emitted after a document was given a new title, or that was undone or
   * redone and committed, so lists showing the title update it. Its spans
   * did not change: "changed" is not emitted.
   */
  signals[DOCUMENT_RENAMED] =
    g_signal_new ("document-renamed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
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

/* --- links, attributes, speakers and stances of one span --- */

static Snapshot *
snapshot_copy (Snapshot *snapshot)
{
  Snapshot *copy = snapshot_new (qm_span_copy (snapshot->span));

  for (guint i = 0; i < snapshot->relations->len; i++)
    g_ptr_array_add (copy->relations, qm_relation_ref (g_ptr_array_index (snapshot->relations, i)));
  for (guint i = 0; i < snapshot->stances->len; i++)
    g_ptr_array_add (copy->stances, qm_stance_ref (g_ptr_array_index (snapshot->stances, i)));
  return copy;
}

/* Records a change of one span: @after is what the span and what hangs off
 * it should become. */
static gboolean
push_span_change (QmHistory    *self,
                  CommandKind   kind,
                  Snapshot     *after,
                  const char   *label,
                  GError      **error)
{
  Command *command = command_new (kind, after->span->document_id, after->span->id, label);

  command->after = after;
  return push_new (self, command, error);
}

static QmRelation *
relation_copy (QmRelation *relation)
{
  QmRelation *copy = qm_relation_new ();

  copy->id = g_strdup (relation->id);
  copy->type = g_strdup (relation->type);
  copy->from_id = g_strdup (relation->from_id);
  copy->to_id = g_strdup (relation->to_id);
  copy->annotator = g_strdup (relation->annotator);
  return copy;
}

gboolean
qm_history_add_relation (QmHistory   *self,
                         QmRelation  *relation,
                         GError     **error)
{
  g_autoptr(Snapshot) current = NULL;
  g_autoptr(QmSpan) to = NULL;
  Snapshot *after;

  g_return_val_if_fail (QM_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (relation != NULL, FALSE);
  g_return_val_if_fail (relation->type != NULL, FALSE);
  g_return_val_if_fail (relation->from_id != NULL && relation->to_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  current = snapshot_take (self->store, relation->from_id, error);
  if (current == NULL)
    return FALSE;
  /* Checked here: a transition skips links whose other end is gone, which
   * is right for undo but would make a new link vanish silently. */
  to = qm_store_get_span (self->store, relation->to_id, error);
  if (to == NULL)
    return FALSE;

  for (guint i = 0; i < current->relations->len; i++)
    {
      QmRelation *other = g_ptr_array_index (current->relations, i);

      if (g_strcmp0 (other->type, relation->type) == 0 &&
          g_strcmp0 (other->from_id, relation->from_id) == 0 &&
          g_strcmp0 (other->to_id, relation->to_id) == 0)
        {
          g_set_error (error, QM_ERROR, QM_ERROR_DUPLICATE,
                       _("These two annotations are already linked as “%s”."), relation->type);
          return FALSE;
        }
    }

  if (relation->id == NULL)
    relation->id = qm_new_id ();

  after = snapshot_copy (current);
  g_ptr_array_add (after->relations, relation_copy (relation));
  return push_span_change (self, COMMAND_ADD_RELATION, after, NULL, error);
}

gboolean
qm_history_delete_relation (QmHistory   *self,
                            const char  *relation_id,
                            GError     **error)
{
  g_autoptr(QmRelation) relation = NULL;
  g_autoptr(Snapshot) current = NULL;
  Snapshot *after;

  g_return_val_if_fail (QM_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (relation_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  relation = qm_store_get_relation (self->store, relation_id, error);
  if (relation == NULL)
    return FALSE;
  current = snapshot_take (self->store, relation->from_id, error);
  if (current == NULL)
    return FALSE;

  after = snapshot_copy (current);
  for (guint i = 0; i < after->relations->len; i++)
    {
      QmRelation *other = g_ptr_array_index (after->relations, i);

      if (g_strcmp0 (other->id, relation_id) == 0)
        {
          g_ptr_array_remove_index (after->relations, i);
          break;
        }
    }
  return push_span_change (self, COMMAND_DELETE_RELATION, after, NULL, error);
}

gboolean
qm_history_set_attribute (QmHistory   *self,
                          const char  *span_id,
                          const char  *name,
                          const char  *value,
                          GError     **error)
{
  g_autoptr(Snapshot) current = NULL;
  Snapshot *after;

  g_return_val_if_fail (QM_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (span_id != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  current = snapshot_take (self->store, span_id, error);
  if (current == NULL)
    return FALSE;

  after = snapshot_copy (current);
  qm_span_set_attribute (after->span, name, value);
  return push_span_change (self, COMMAND_SET_ATTRIBUTE, after, name, error);
}

gboolean
qm_history_set_entity (QmHistory   *self,
                       const char  *span_id,
                       const char  *entity_id,
                       GError     **error)
{
  g_autoptr(Snapshot) current = NULL;
  Snapshot *after;

  g_return_val_if_fail (QM_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (span_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  current = snapshot_take (self->store, span_id, error);
  if (current == NULL)
    return FALSE;

  after = snapshot_copy (current);
  g_free (after->span->entity_id);
  after->span->entity_id = g_strdup (entity_id);
  return push_span_change (self, COMMAND_SET_ENTITY, after, NULL, error);
}

/* Removes from @snapshot the judgement of (@target_id, @annotator); FALSE
 * when there is none. */
static gboolean
remove_judgement (Snapshot   *snapshot,
                  const char *target_id,
                  const char *annotator)
{
  for (guint i = 0; i < snapshot->stances->len; i++)
    {
      QmStance *other = g_ptr_array_index (snapshot->stances, i);

      if (g_strcmp0 (other->target_id, target_id) == 0 &&
          g_strcmp0 (other->annotator, annotator) == 0)
        {
          g_ptr_array_remove_index (snapshot->stances, i);
          return TRUE;
        }
    }
  return FALSE;
}

gboolean
qm_history_set_stance (QmHistory  *self,
                       QmStance   *stance,
                       GError    **error)
{
  g_autoptr(Snapshot) current = NULL;
  QmStance *copy;
  Snapshot *after;

  g_return_val_if_fail (QM_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (stance != NULL, FALSE);
  g_return_val_if_fail (stance->span_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  current = snapshot_take (self->store, stance->span_id, error);
  if (current == NULL)
    return FALSE;

  after = snapshot_copy (current);
  remove_judgement (after, stance->target_id, stance->annotator);
  copy = qm_stance_new ();
  copy->span_id = g_strdup (stance->span_id);
  copy->target_id = g_strdup (stance->target_id);
  copy->target_name = g_strdup (stance->target_name);
  copy->value = g_strdup (stance->value);
  copy->annotator = g_strdup (stance->annotator);
  g_ptr_array_add (after->stances, copy);
  return push_span_change (self, COMMAND_SET_STANCE, after, NULL, error);
}

gboolean
qm_history_delete_stance (QmHistory   *self,
                          const char  *span_id,
                          const char  *target_id,
                          const char  *annotator,
                          GError     **error)
{
  g_autoptr(Snapshot) current = NULL;
  g_autoptr(Snapshot) after = NULL;

  g_return_val_if_fail (QM_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (span_id != NULL, FALSE);
  g_return_val_if_fail (target_id != NULL, FALSE);
  g_return_val_if_fail (annotator != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  current = snapshot_take (self->store, span_id, error);
  if (current == NULL)
    return FALSE;

  after = snapshot_copy (current);
  if (!remove_judgement (after, target_id, annotator))
    {
      g_set_error (error, QM_ERROR, QM_ERROR_NOT_FOUND,
                   _("%s has no stance on this target for this quote; it may have been removed already."),
                   annotator);
      return FALSE;
    }
  return push_span_change (self, COMMAND_DELETE_STANCE, g_steal_pointer (&after), NULL, error);
}

/* --- speakers and targets of the whole corpus --- */

static QmEntity *
entity_copy (QmEntity *entity)
{
  QmEntity *copy = qm_entity_new ();

  copy->id = g_strdup (entity->id);
  copy->name = g_strdup (entity->name);
  for (guint i = 0; entity->aliases != NULL && i < entity->aliases->len; i++)
    g_ptr_array_add (copy->aliases, g_strdup (g_ptr_array_index (entity->aliases, i)));
  return copy;
}

static QmTarget *
target_copy (QmTarget *target)
{
  QmTarget *copy = qm_target_new ();

  copy->id = g_strdup (target->id);
  copy->name = g_strdup (target->name);
  return copy;
}

static void
add_document_id (GPtrArray  *document_ids,
                 const char *document_id)
{
  for (guint i = 0; i < document_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (document_ids, i), document_id) == 0)
      return;
  g_ptr_array_add (document_ids, g_strdup (document_id));
}

gboolean
qm_history_create_entity (QmHistory  *self,
                          QmEntity   *entity,
                          GError    **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(QmEntity) existing = NULL;
  Command *command;

  g_return_val_if_fail (QM_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (entity != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (entity->id == NULL)
    entity->id = qm_new_id ();
  /* Saving would replace an entity with that id, which undo could not
   * tell from a new one. */
  existing = qm_store_get_entity (self->store, entity->id, &local_error);
  if (existing != NULL)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_DUPLICATE,
                   _("There is already a speaker “%s” with this id."), existing->name);
      return FALSE;
    }
  if (!g_error_matches (local_error, QM_ERROR, QM_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  command = command_new (COMMAND_CREATE_ENTITY, NULL, NULL, NULL);
  command->entity_after = entity_copy (entity);
  return push_new (self, command, error);
}

gboolean
qm_history_save_entity (QmHistory  *self,
                        QmEntity   *entity,
                        GError    **error)
{
  QmEntity *before;
  Command *command;

  g_return_val_if_fail (QM_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (entity != NULL, FALSE);
  g_return_val_if_fail (entity->id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  before = qm_store_get_entity (self->store, entity->id, error);
  if (before == NULL)
    return FALSE;

  command = command_new (COMMAND_SAVE_ENTITY, NULL, NULL, NULL);
  command->entity_before = before;
  command->entity_after = entity_copy (entity);
  return push_new (self, command, error);
}

gboolean
qm_history_merge_entities (QmHistory   *self,
                           const char  *into_id,
                           const char  *from_id,
                           GError     **error)
{
  g_autoptr(QmEntity) into = NULL;
  g_autoptr(QmEntity) from = NULL;
  g_autoptr(GPtrArray) mentions = NULL;
  Command *command;

  g_return_val_if_fail (QM_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (into_id != NULL, FALSE);
  g_return_val_if_fail (from_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  into = qm_store_get_entity (self->store, into_id, error);
  if (into == NULL)
    return FALSE;
  from = qm_store_get_entity (self->store, from_id, error);
  if (from == NULL)
    return FALSE;
  mentions = qm_store_list_mentions (self->store, from_id, error);
  if (mentions == NULL)
    return FALSE;

  command = command_new (COMMAND_MERGE_ENTITIES, NULL, NULL, NULL);
  command->entity_before = g_steal_pointer (&into);
  command->merged_entity = g_steal_pointer (&from);
  command->mention_ids = g_ptr_array_new_with_free_func (g_free);
  command->document_ids = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < mentions->len; i++)
    {
      QmSpan *span = g_ptr_array_index (mentions, i);

      g_ptr_array_add (command->mention_ids, g_strdup (span->id));
      add_document_id (command->document_ids, span->document_id);
    }
  return push_new (self, command, error);
}

static QmTarget *
find_target (QmStore     *store,
             const char  *target_id,
             GError     **error)
{
  g_autoptr(GPtrArray) targets = qm_store_list_targets (store, error);

  if (targets == NULL)
    return NULL;
  for (guint i = 0; i < targets->len; i++)
    {
      QmTarget *target = g_ptr_array_index (targets, i);

      if (g_strcmp0 (target->id, target_id) == 0)
        return qm_target_ref (target);
    }
  g_set_error (error, QM_ERROR, QM_ERROR_NOT_FOUND,
               _("The stance target no longer exists; it may have been merged or its creation undone."));
  return NULL;
}

QmTarget *
qm_history_create_target (QmHistory   *self,
                          const char  *name,
                          GError     **error)
{
  g_autoptr(GPtrArray) targets = NULL;
  g_autofree char *clean = NULL;
  g_autoptr(QmTarget) target = NULL;
  Command *command;

  g_return_val_if_fail (QM_IS_HISTORY (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* The store compares names after stripping blanks; so does this. */
  clean = g_strstrip (g_strdup (name));
  targets = qm_store_list_targets (self->store, error);
  if (targets == NULL)
    return NULL;
  for (guint i = 0; i < targets->len; i++)
    {
      QmTarget *existing = g_ptr_array_index (targets, i);

      if (g_strcmp0 (existing->name, clean) == 0)
        return qm_target_ref (existing);
    }

  target = qm_target_new ();
  target->id = qm_new_id ();
  target->name = g_steal_pointer (&clean);

  command = command_new (COMMAND_CREATE_TARGET, NULL, NULL, NULL);
  command->target_after = target_copy (target);
  if (!push_new (self, command, error))
    return NULL;
  return g_steal_pointer (&target);
}

gboolean
qm_history_rename_target (QmHistory   *self,
                          const char  *target_id,
                          const char  *name,
                          GError     **error)
{
  QmTarget *before;
  Command *command;

  g_return_val_if_fail (QM_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (target_id != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  before = find_target (self->store, target_id, error);
  if (before == NULL)
    return FALSE;

  command = command_new (COMMAND_RENAME_TARGET, NULL, NULL, NULL);
  command->target_before = before;
  command->target_after = qm_target_new ();
  command->target_after->id = g_strdup (target_id);
  command->target_after->name = g_strstrip (g_strdup (name));
  return push_new (self, command, error);
}

gboolean
qm_history_merge_targets (QmHistory   *self,
                          const char  *into_id,
                          const char  *from_id,
                          GError     **error)
{
  g_autoptr(QmTarget) into = NULL;
  g_autoptr(QmTarget) from = NULL;
  g_autoptr(GPtrArray) moved = NULL;
  g_autoptr(GPtrArray) kept = NULL;
  Command *command;

  g_return_val_if_fail (QM_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (into_id != NULL, FALSE);
  g_return_val_if_fail (from_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  into = find_target (self->store, into_id, error);
  if (into == NULL)
    return FALSE;
  from = find_target (self->store, from_id, error);
  if (from == NULL)
    return FALSE;
  moved = qm_store_list_target_stances (self->store, from_id, error);
  if (moved == NULL)
    return FALSE;
  kept = qm_store_list_target_stances (self->store, into_id, error);
  if (kept == NULL)
    return FALSE;

  command = command_new (COMMAND_MERGE_TARGETS, NULL, NULL, NULL);
  command->target_after = g_steal_pointer (&into);
  command->target_before = g_steal_pointer (&from);
  command->document_ids = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < moved->len; i++)
    {
      QmStance *stance = g_ptr_array_index (moved, i);
      g_autoptr(QmSpan) span = qm_store_get_span (self->store, stance->span_id, error);

      if (span == NULL)
        {
          command_free (command);
          return FALSE;
        }
      add_document_id (command->document_ids, span->document_id);
    }
  command->moved_stances = g_steal_pointer (&moved);
  command->kept_stances = g_steal_pointer (&kept);
  return push_new (self, command, error);
}

gboolean
qm_history_rename_document (QmHistory   *self,
                            const char  *document_id,
                            const char  *title,
                            GError     **error)
{
  g_autoptr(QmDocument) document = NULL;
  g_autofree char *clean = NULL;
  const char *before;
  Command *command;

  g_return_val_if_fail (QM_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (document_id != NULL, FALSE);
  g_return_val_if_fail (title != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  document = qm_store_get_document (self->store, document_id, error);
  if (document == NULL)
    return FALSE;

  /* Compared as the store will write it, so that confirming the title as
   * it is leaves no step to undo. */
  before = qm_document_get_title (document);
  if (before != NULL && *before == '\0')
    before = NULL;
  if (g_utf8_validate (title, -1, NULL))
    clean = qm_text_clean_title (title, NULL);
  if (clean != NULL && g_strcmp0 (clean, before) == 0)
    return TRUE;

  command = command_new (COMMAND_RENAME_DOCUMENT, document_id, NULL, NULL);
  command->title_before = g_strdup (before);
  /* An invalid title goes to the store as it is, which says what is wrong. */
  command->title_after = clean != NULL ? g_steal_pointer (&clean) : g_strdup (title);
  return push_new (self, command, error);
}

void
qm_history_begin_group (QmHistory *self)
{
  g_return_if_fail (QM_IS_HISTORY (self));
  g_return_if_fail (self->group == NULL);

  self->group = g_ptr_array_new ();
}

void
qm_history_end_group (QmHistory *self)
{
  g_autoptr(GPtrArray) children = NULL;
  gboolean could_undo, could_redo;
  Command *command;

  g_return_if_fail (QM_IS_HISTORY (self));
  g_return_if_fail (self->group != NULL);

  children = g_steal_pointer (&self->group);
  if (children->len == 0)
    return;

  could_undo = qm_history_can_undo (self);
  could_redo = qm_history_can_redo (self);
  if (children->len == 1)
    command = g_ptr_array_steal_index (children, 0);
  else
    {
      command = command_new (COMMAND_GROUP, NULL, NULL, NULL);
      command->children = g_ptr_array_new_with_free_func ((GDestroyNotify) command_free);
      for (guint i = 0; i < children->len; i++)
        g_ptr_array_add (command->children, g_ptr_array_index (children, i));
    }
  /* Already run and announced, command by command. */
  push_done (self, command);
  stacks_changed (self, could_undo, could_redo);
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
  Command *command;

  command = g_queue_peek_head (from);
  if (command == NULL)
    {
      g_set_error_literal (error, QM_ERROR, QM_ERROR_FAILED,
                           backwards ? _("There is nothing to undo") : _("There is nothing to redo"));
      return FALSE;
    }

  /* On failure the command stays where it was, so the user may try again. */
  if (!run_command (self, command, backwards, error))
    return FALSE;

  g_queue_push_head (to, g_queue_pop_head (from));
  stacks_changed (self, could_undo, could_redo);
  emit_changed (self, command, backwards);
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
  return command != NULL ? command_get_document_id (command) : NULL;
}

const char *
qm_history_get_redo_document_id (QmHistory *self)
{
  Command *command;

  g_return_val_if_fail (QM_IS_HISTORY (self), NULL);

  command = g_queue_peek_head (&self->redo_stack);
  return command != NULL ? command_get_document_id (command) : NULL;
}

const char *
qm_history_get_undo_span_id (QmHistory *self)
{
  Command *command;

  g_return_val_if_fail (QM_IS_HISTORY (self), NULL);

  command = g_queue_peek_head (&self->undo_stack);
  return command != NULL ? command_get_span_id (command) : NULL;
}

const char *
qm_history_get_redo_span_id (QmHistory *self)
{
  Command *command;

  g_return_val_if_fail (QM_IS_HISTORY (self), NULL);

  command = g_queue_peek_head (&self->redo_stack);
  return command != NULL ? command_get_span_id (command) : NULL;
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
