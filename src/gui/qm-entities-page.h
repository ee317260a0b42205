/* qm-entities-page.h: the Speakers page: a searchable list of the speaker
 * entities of the corpus with their counts and, for the one selected, its
 * names and every quote attributed to it across the corpus. Renaming,
 * aliases and merging go through the QmHistory, so they are undoable. */
#pragma once

#include <gtk/gtk.h>
#include "qm-entity-list.h"
#include "qm-history.h"

G_BEGIN_DECLS

#define QM_TYPE_ENTITIES_PAGE (qm_entities_page_get_type ())
G_DECLARE_FINAL_TYPE (QmEntitiesPage, qm_entities_page, QM, ENTITIES_PAGE, GtkWidget)

GtkWidget    *qm_entities_page_new                (void);
/* The corpus to show, through its history (NULL: none). */
void          qm_entities_page_set_history        (QmEntitiesPage *self,
                                                   QmHistory      *history);
QmHistory    *qm_entities_page_get_history        (QmEntitiesPage *self);
/* Every entity of the corpus, unfiltered (NULL without a history). */
QmEntityList *qm_entities_page_get_entities       (QmEntitiesPage *self);
/* Shows the entity with @entity_id, clearing a search that hides it.
 * Returns FALSE when there is no such entity. */
gboolean      qm_entities_page_select_entity      (QmEntitiesPage *self,
                                                   const char     *entity_id);
/* The entity shown in the detail pane, or NULL. */
const char   *qm_entities_page_get_selected_id    (QmEntitiesPage *self);
/* Opens the dialog that merges another entity into the selected one and
 * returns it (owned by the page's window), or NULL without a selection. */
GtkWidget    *qm_entities_page_show_merge_dialog  (QmEntitiesPage *self);

/* Signals:
 * "quote-activated" (const char *document_id, const char *span_id): a quote
 *   of the selected speaker was activated; the window opens its document
 *   and selects it. */

G_END_DECLS
