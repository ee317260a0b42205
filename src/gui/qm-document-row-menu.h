/* qm-document-row-menu.h: the context menu of the document list's rows,
 * opened by a right click, a long press, Menu or Shift+F10. */
#pragma once

#include <gtk/gtk.h>
#include "qm-document.h"

G_BEGIN_DECLS

#define QM_TYPE_DOCUMENT_ROW_MENU (qm_document_row_menu_get_type ())
G_DECLARE_FINAL_TYPE (QmDocumentRowMenu, qm_document_row_menu, QM, DOCUMENT_ROW_MENU, GObject)

/* Makes the row showing @document the selected one, which opens the
 * document; returns whether it is the open document now. The menu holds
 * window actions, which act on the open document, so it only pops up
 * when this returns TRUE. */
typedef gboolean (*QmDocumentRowMenuSelectFunc) (QmDocument *document,
                                                 gpointer    user_data);

/* Gives the QmDocumentRows of @list_view their menu. The menu hangs from
 * @host, an ancestor of @list_view with a layout manager: a list view does
 * not place the popovers it holds again when it is allocated, so a menu
 * hanging from it would keep the size and place of its first frame. The
 * host should be outside any GtkPaned around the list: a paned remembers
 * the last widget focused on each side, which would be a hidden menu item,
 * and F6 would go back to it. @select_func is called with @user_data,
 * which must outlive the menu. */
QmDocumentRowMenu *qm_document_row_menu_new (GtkListView                 *list_view,
                                             GtkWidget                   *host,
                                             QmDocumentRowMenuSelectFunc  select_func,
                                             gpointer                     user_data);

G_END_DECLS
