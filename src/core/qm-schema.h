/* qm-schema.h: the label schema a corpus is annotated with (span labels with
 * their keys, colours and attributes; relation types; stance values). It is
 * stored in the corpus as JSON; the format is documented in docs/schema.md. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct
{
  char       *name;
  char      **values;         /* allowed values, NULL-terminated */
} QmAttributeDef;

typedef struct
{
  char       *name;           /* "Quote" */
  char       *key;            /* "1": the key that applies it; NULL once
                               * 1-9 and a-z are all taken */
  char       *color;          /* "#rrggbb", readable on light and dark */
  gboolean    entity;         /* spans refer to a speaker entity */
  GPtrArray  *attributes;     /* of QmAttributeDef */
} QmLabelDef;

typedef struct
{
  char       *name;           /* "attributed_to" */
  char       *from_label;     /* "Quote" */
  char       *to_label;       /* "Speaker" */
} QmRelationDef;

#define QM_TYPE_SCHEMA (qm_schema_get_type ())
G_DECLARE_FINAL_TYPE (QmSchema, qm_schema, QM, SCHEMA, GObject)

QmSchema            *qm_schema_new_default          (void);
QmSchema            *qm_schema_new_from_json        (const char  *json,
                                                     gssize       len,
                                                     GError     **error);
QmSchema            *qm_schema_new_from_file        (const char  *path,
                                                     GError     **error);
/* Canonical, pretty-printed JSON; from_json (to_json (s)) equals s. */
char                *qm_schema_to_json              (QmSchema    *self);
QmSchema            *qm_schema_copy                 (QmSchema    *self);

guint                qm_schema_get_n_labels         (QmSchema    *self);
const QmLabelDef    *qm_schema_get_label            (QmSchema    *self,
                                                     guint        index);
const QmLabelDef    *qm_schema_find_label           (QmSchema    *self,
                                                     const char  *name);
const QmLabelDef    *qm_schema_find_label_by_key    (QmSchema    *self,
                                                     const char  *key);
const QmAttributeDef *qm_label_def_find_attribute   (const QmLabelDef *label,
                                                     const char  *name);

guint                qm_schema_get_n_relations      (QmSchema    *self);
const QmRelationDef *qm_schema_get_relation         (QmSchema    *self,
                                                     guint        index);
const QmRelationDef *qm_schema_find_relation        (QmSchema    *self,
                                                     const char  *name);
/* The first relation type from spans of @from_label to spans of @to_label. */
const QmRelationDef *qm_schema_find_relation_between (QmSchema   *self,
                                                     const char  *from_label,
                                                     const char  *to_label);

/* The label stances attach to ("Quote") and the allowed values. */
const char          *qm_schema_get_stance_label     (QmSchema    *self);
const char * const  *qm_schema_get_stance_values    (QmSchema    *self);

/* Checks an attribute value of a span of @label; QM_ERROR_UNKNOWN_LABEL. */
gboolean             qm_schema_check_attribute      (QmSchema    *self,
                                                     const char  *label,
                                                     const char  *name,
                                                     const char  *value,
                                                     GError     **error);
/* Checks a relation of @type between spans of the two labels. */
gboolean             qm_schema_check_relation       (QmSchema    *self,
                                                     const char  *type,
                                                     const char  *from_label,
                                                     const char  *to_label,
                                                     GError     **error);

/* Extending the schema (import --add-labels). A new label gets a free key and colour. */
const QmLabelDef    *qm_schema_add_label            (QmSchema    *self,
                                                     const char  *name);
void                 qm_schema_add_relation         (QmSchema    *self,
                                                     const char  *name,
                                                     const char  *from_label,
                                                     const char  *to_label);
void                 qm_schema_add_attribute_value  (QmSchema    *self,
                                                     const char  *label,
                                                     const char  *name,
                                                     const char  *value);

const char          *qm_schema_display_name         (const char  *name);

G_END_DECLS
