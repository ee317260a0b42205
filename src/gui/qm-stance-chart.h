/* qm-stance-chart.h: stacked horizontal bars, one per speaker entity, of
 * the stance judgements on their quotes toward one target (favor, against,
 * none...), with a legend. Drawn with GtkSnapshot in colours that read in
 * the light and the dark style; the numbers are also its accessible
 * description, for screen readers. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define QM_TYPE_STANCE_CHART (qm_stance_chart_get_type ())
G_DECLARE_FINAL_TYPE (QmStanceChart, qm_stance_chart, QM, STANCE_CHART, GtkWidget)

GtkWidget  *qm_stance_chart_new             (void);
/* @values: the stance values, one series each, in order; @rows: of
 * QmStanceRow (qm-overview.h), one bar each, in order. Both are copied. */
void        qm_stance_chart_set_data        (QmStanceChart      *self,
                                             const char * const *values,
                                             GPtrArray          *rows);
guint       qm_stance_chart_get_n_rows      (QmStanceChart      *self);
/* What the accessible description says: every bar with its numbers. */
const char *qm_stance_chart_get_description (QmStanceChart      *self);

G_END_DECLS
