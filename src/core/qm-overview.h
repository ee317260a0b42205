/* qm-overview.h: what the corpus holds at a glance: annotations per label,
 * each annotator's progress, and the stance judgements per speaker entity,
 * target and value. A snapshot read from the store by qm_overview_reload(). */
#pragma once

#include <gio/gio.h>
#include "qm-store.h"

G_BEGIN_DECLS

typedef struct
{
  char       *label;
  char       *color;        /* the schema's "#rrggbb", NULL for a label it lacks */
  guint       count;
} QmLabelCount;

typedef struct
{
  char       *annotator;
  guint       n_done;
  guint       n_in_progress;
  guint       n_documents;  /* in the corpus */
} QmAnnotatorProgress;

/* The judgements on the quotes of one speaker entity toward one target. */
typedef struct
{
  char       *entity_id;
  char       *entity_name;
  char       *target_id;
  char       *target_name;
  guint      *counts;       /* one per stance value, in the schema's order */
  guint       n_values;
  guint       total;
} QmStanceRow;

#define QM_TYPE_OVERVIEW (qm_overview_get_type ())
G_DECLARE_FINAL_TYPE (QmOverview, qm_overview, QM, OVERVIEW, GObject)

QmOverview         *qm_overview_new                (QmStore     *store);
QmStore            *qm_overview_get_store          (QmOverview  *self);

/* Whose stance judgements and links the stance rows count; NULL (the
 * default) counts every annotator's. Takes effect at the next reload. */
void                qm_overview_set_annotator      (QmOverview  *self,
                                                    const char  *annotator);
const char         *qm_overview_get_annotator      (QmOverview  *self);

/* Reads everything again and emits "changed". On failure the overview
 * keeps what it held. */
gboolean            qm_overview_reload             (QmOverview  *self,
                                                    GError     **error);

guint               qm_overview_get_n_documents    (QmOverview  *self);
/* Of QmLabelCount: the schema's labels in its order (zero counts too),
 * then labels found in the corpus that the schema lacks. */
GPtrArray          *qm_overview_get_label_counts   (QmOverview  *self);
/* Of QmAnnotatorProgress, by annotator name: everyone with a status or an
 * annotation. */
GPtrArray          *qm_overview_get_progress       (QmOverview  *self);
/* The schema's stance values ("favor", "against", "none"). */
const char * const *qm_overview_get_stance_values  (QmOverview  *self);
/* Of QmTarget: the targets that have judgements on attributed quotes, by
 * name. */
GPtrArray          *qm_overview_get_targets        (QmOverview  *self);
/* Of QmStanceRow for one target, most judgements first (then by name);
 * empty for a target without any. */
GPtrArray          *qm_overview_get_stance_rows    (QmOverview  *self,
                                                    const char  *target_id);

/* A stance value as the user reads it: "Favor", "Against", "None" for the
 * default values, the value itself for a schema's own. */
const char         *qm_overview_stance_value_label (const char  *value);
/* A count in the locale's digits and grouping ("12,345" in English). */
char               *qm_overview_format_count       (guint        count);

/* Signals:
 * "changed" (): after a reload. */

G_END_DECLS
