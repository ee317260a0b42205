/* qm-overview-page.h: the Overview page: how many annotations of each
 * label the corpus holds, each annotator's progress through the documents,
 * the stance of each speaker toward a target as a chart (everyone's
 * judgements or one annotator's, as chosen above it), and the list of
 * stance targets with rename and merge (through the QmHistory). It reads
 * the counts again after every change, while it is shown. */
#pragma once

#include <gtk/gtk.h>
#include "qm-history.h"
#include "qm-overview.h"
#include "qm-target-list.h"

G_BEGIN_DECLS

#define QM_TYPE_OVERVIEW_PAGE (qm_overview_page_get_type ())
G_DECLARE_FINAL_TYPE (QmOverviewPage, qm_overview_page, QM, OVERVIEW_PAGE, GtkWidget)

GtkWidget    *qm_overview_page_new               (void);
void          qm_overview_page_set_history       (QmOverviewPage *self,
                                                  QmHistory      *history);
QmHistory    *qm_overview_page_get_history       (QmOverviewPage *self);
/* The counts shown (NULL without a history). */
QmOverview   *qm_overview_page_get_overview      (QmOverviewPage *self);
QmTargetList *qm_overview_page_get_targets       (QmOverviewPage *self);
/* The target whose stances the chart shows, or NULL. */
const char   *qm_overview_page_get_chart_target  (QmOverviewPage *self);
gboolean      qm_overview_page_set_chart_target  (QmOverviewPage *self,
                                                  const char     *target_id);
/* Opens the dialog that merges another target into @target_id and returns
 * it (owned by the page's window). */
GtkWidget    *qm_overview_page_show_merge_dialog (QmOverviewPage *self,
                                                  const char     *target_id);

G_END_DECLS
