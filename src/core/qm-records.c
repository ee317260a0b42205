/* qm-records.c: the reference-counted records a corpus holds. */
#include "config.h"

#include <string.h>

#include "qm-records.h"

G_DEFINE_BOXED_TYPE (QmSpan, qm_span, qm_span_ref, qm_span_unref)
G_DEFINE_BOXED_TYPE (QmRelation, qm_relation, qm_relation_ref, qm_relation_unref)
G_DEFINE_BOXED_TYPE (QmEntity, qm_entity, qm_entity_ref, qm_entity_unref)
G_DEFINE_BOXED_TYPE (QmTarget, qm_target, qm_target_ref, qm_target_unref)
G_DEFINE_BOXED_TYPE (QmStance, qm_stance, qm_stance_ref, qm_stance_unref)

/* The strings are written to the corpus, so they must never change. */
static const char * const status_names[] = {
  [QM_STATUS_NEW] = "new",
  [QM_STATUS_IN_PROGRESS] = "in_progress",
  [QM_STATUS_DONE] = "done",
};

const char *
qm_status_to_string (QmStatus status)
{
  g_return_val_if_fail ((guint) status < G_N_ELEMENTS (status_names), NULL);

  return status_names[status];
}

gboolean
qm_status_from_string (const char *str,
                       QmStatus   *status)
{
  g_return_val_if_fail (status != NULL, FALSE);

  if (str == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (status_names); i++)
    {
      if (strcmp (str, status_names[i]) == 0)
        {
          *status = (QmStatus) i;
          return TRUE;
        }
    }

  return FALSE;
}

char *
qm_new_id (void)
{
  return g_uuid_string_random ();
}

static GHashTable *
create_attribute_table (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

QmSpan *
qm_span_new (void)
{
  QmSpan *span = g_rc_box_new0 (QmSpan);

  span->attributes = create_attribute_table ();

  return span;
}

QmSpan *
qm_span_ref (QmSpan *span)
{
  g_return_val_if_fail (span != NULL, NULL);

  return g_rc_box_acquire (span);
}

static void
clear_span (QmSpan *span)
{
  g_free (span->id);
  g_free (span->document_id);
  g_free (span->label);
  g_free (span->annotator);
  g_clear_pointer (&span->attributes, g_hash_table_unref);
  g_free (span->entity_id);
}

void
qm_span_unref (QmSpan *span)
{
  g_return_if_fail (span != NULL);

  g_rc_box_release_full (span, (GDestroyNotify) clear_span);
}

QmSpan *
qm_span_copy (const QmSpan *span)
{
  QmSpan *copy;
  GHashTableIter iter;
  gpointer name, value;

  g_return_val_if_fail (span != NULL, NULL);

  copy = qm_span_new ();
  copy->id = g_strdup (span->id);
  copy->document_id = g_strdup (span->document_id);
  copy->label = g_strdup (span->label);
  copy->start = span->start;
  copy->end = span->end;
  copy->annotator = g_strdup (span->annotator);
  copy->entity_id = g_strdup (span->entity_id);
  copy->created = span->created;
  copy->modified = span->modified;

  if (span->attributes != NULL)
    {
      g_hash_table_iter_init (&iter, span->attributes);
      while (g_hash_table_iter_next (&iter, &name, &value))
        g_hash_table_insert (copy->attributes, g_strdup (name), g_strdup (value));
    }

  return copy;
}

const char *
qm_span_get_attribute (const QmSpan *span,
                       const char   *name)
{
  g_return_val_if_fail (span != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (span->attributes == NULL)
    return NULL;

  return g_hash_table_lookup (span->attributes, name);
}

/* A NULL @value removes the attribute. */
void
qm_span_set_attribute (QmSpan     *span,
                       const char *name,
                       const char *value)
{
  g_return_if_fail (span != NULL);
  g_return_if_fail (name != NULL);

  if (span->attributes == NULL)
    span->attributes = create_attribute_table ();

  if (value == NULL)
    g_hash_table_remove (span->attributes, name);
  else
    g_hash_table_insert (span->attributes, g_strdup (name), g_strdup (value));
}

glong
qm_span_distance (const QmSpan *a,
                  const QmSpan *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, 0);

  if (b->start >= a->end)
    return b->start - a->end;
  if (a->start >= b->end)
    return a->start - b->end;
  return 0;
}

QmRelation *
qm_relation_new (void)
{
  return g_rc_box_new0 (QmRelation);
}

QmRelation *
qm_relation_ref (QmRelation *relation)
{
  g_return_val_if_fail (relation != NULL, NULL);

  return g_rc_box_acquire (relation);
}

static void
clear_relation (QmRelation *relation)
{
  g_free (relation->id);
  g_free (relation->type);
  g_free (relation->from_id);
  g_free (relation->to_id);
  g_free (relation->annotator);
}

void
qm_relation_unref (QmRelation *relation)
{
  g_return_if_fail (relation != NULL);

  g_rc_box_release_full (relation, (GDestroyNotify) clear_relation);
}

QmEntity *
qm_entity_new (void)
{
  QmEntity *entity = g_rc_box_new0 (QmEntity);

  entity->aliases = g_ptr_array_new_with_free_func (g_free);

  return entity;
}

QmEntity *
qm_entity_ref (QmEntity *entity)
{
  g_return_val_if_fail (entity != NULL, NULL);

  return g_rc_box_acquire (entity);
}

static void
clear_entity (QmEntity *entity)
{
  g_free (entity->id);
  g_free (entity->name);
  g_clear_pointer (&entity->aliases, g_ptr_array_unref);
}

void
qm_entity_unref (QmEntity *entity)
{
  g_return_if_fail (entity != NULL);

  g_rc_box_release_full (entity, (GDestroyNotify) clear_entity);
}

QmTarget *
qm_target_new (void)
{
  return g_rc_box_new0 (QmTarget);
}

QmTarget *
qm_target_ref (QmTarget *target)
{
  g_return_val_if_fail (target != NULL, NULL);

  return g_rc_box_acquire (target);
}

static void
clear_target (QmTarget *target)
{
  g_free (target->id);
  g_free (target->name);
}

void
qm_target_unref (QmTarget *target)
{
  g_return_if_fail (target != NULL);

  g_rc_box_release_full (target, (GDestroyNotify) clear_target);
}

QmStance *
qm_stance_new (void)
{
  return g_rc_box_new0 (QmStance);
}

QmStance *
qm_stance_ref (QmStance *stance)
{
  g_return_val_if_fail (stance != NULL, NULL);

  return g_rc_box_acquire (stance);
}

static void
clear_stance (QmStance *stance)
{
  g_free (stance->span_id);
  g_free (stance->target_id);
  g_free (stance->target_name);
  g_free (stance->value);
  g_free (stance->annotator);
}

void
qm_stance_unref (QmStance *stance)
{
  g_return_if_fail (stance != NULL);

  g_rc_box_release_full (stance, (GDestroyNotify) clear_stance);
}
