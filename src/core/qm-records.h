/* qm-records.h: the plain records a corpus holds (spans, relations, speaker
 * entities, stance targets and judgements). Reference counted, fields public;
 * QmDocument, which list models hand to widgets, is a GObject of its own. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  QM_STATUS_NEW,
  QM_STATUS_IN_PROGRESS,
  QM_STATUS_DONE,
} QmStatus;

const char *qm_status_to_string   (QmStatus    status);
gboolean    qm_status_from_string (const char *str,
                                   QmStatus   *status);

typedef struct
{
  char       *id;           /* stable id, exported as is */
  char       *document_id;
  char       *label;
  glong       start;        /* code points, end-exclusive */
  glong       end;
  char       *annotator;
  GHashTable *attributes;   /* char* name -> char* value */
  char       *entity_id;    /* for entity labels (Speaker), else NULL */
  gint64      created;      /* µs since the epoch, g_get_real_time () */
  gint64      modified;
} QmSpan;

typedef struct
{
  char       *id;
  char       *type;         /* "attributed_to" */
  char       *from_id;      /* span ids */
  char       *to_id;
  char       *annotator;
} QmRelation;

typedef struct
{
  char       *id;
  char       *name;         /* canonical name */
  GPtrArray  *aliases;      /* char*, any script */
} QmEntity;

typedef struct
{
  char       *id;
  char       *name;         /* "United States" */
} QmTarget;

typedef struct
{
  char       *span_id;      /* the quote */
  char       *target_id;
  char       *target_name;  /* filled by the store when reading */
  char       *value;        /* "favor", "against", "none" */
  char       *annotator;
} QmStance;

#define QM_TYPE_SPAN     (qm_span_get_type ())
#define QM_TYPE_RELATION (qm_relation_get_type ())
#define QM_TYPE_ENTITY   (qm_entity_get_type ())
#define QM_TYPE_TARGET   (qm_target_get_type ())
#define QM_TYPE_STANCE   (qm_stance_get_type ())

GType       qm_span_get_type      (void) G_GNUC_CONST;
QmSpan     *qm_span_new           (void);
QmSpan     *qm_span_ref           (QmSpan     *span);
void        qm_span_unref         (QmSpan     *span);
QmSpan     *qm_span_copy          (const QmSpan *span);
const char *qm_span_get_attribute (const QmSpan *span,
                                   const char *name);
void        qm_span_set_attribute (QmSpan     *span,
                                   const char *name,
                                   const char *value);
/* Characters between two spans, 0 when they overlap or touch: what
 * "nearest first" means when offering speakers for a quote. */
glong       qm_span_distance      (const QmSpan *a,
                                   const QmSpan *b);

GType       qm_relation_get_type  (void) G_GNUC_CONST;
QmRelation *qm_relation_new       (void);
QmRelation *qm_relation_ref       (QmRelation *relation);
void        qm_relation_unref     (QmRelation *relation);

GType       qm_entity_get_type    (void) G_GNUC_CONST;
QmEntity   *qm_entity_new         (void);
QmEntity   *qm_entity_ref         (QmEntity   *entity);
void        qm_entity_unref       (QmEntity   *entity);

GType       qm_target_get_type    (void) G_GNUC_CONST;
QmTarget   *qm_target_new         (void);
QmTarget   *qm_target_ref         (QmTarget   *target);
void        qm_target_unref       (QmTarget   *target);

GType       qm_stance_get_type    (void) G_GNUC_CONST;
QmStance   *qm_stance_new         (void);
QmStance   *qm_stance_ref         (QmStance   *stance);
void        qm_stance_unref       (QmStance   *stance);

/* A fresh stable id for a new record: a random UUID. */
char       *qm_new_id             (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QmSpan, qm_span_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (QmRelation, qm_relation_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (QmEntity, qm_entity_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (QmTarget, qm_target_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (QmStance, qm_stance_unref)

G_END_DECLS
