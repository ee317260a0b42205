/* qm-document-row-menu.c: the context menu of the document list's rows. */
#include "config.h"

#include <math.h>
#include "qm-document-row.h"
#include "qm-document-row-menu.h"

struct _QmDocumentRowMenu
{
  GObject                      parent_instance;

  GtkListView                 *list_view;
  GtkWidget                   *host;
  GtkWidget                   *popover;
  GtkEventController          *click;
  GtkEventController          *long_press;
  GtkEventController          *keys;

  QmDocumentRowMenuSelectFunc  select_func;
  gpointer                     user_data;

  /* Where the keyboard focus goes back to when the menu closes. */
  GtkWidget                   *return_focus;
};

G_DEFINE_FINAL_TYPE (QmDocumentRowMenu, qm_document_row_menu, G_TYPE_OBJECT)

/* The row of the list item that holds @widget, or NULL. The item, a
 * child of the list view around the row, is what has the keyboard focus
 * and what a click on the row's padding picks. */
static QmDocumentRow *
find_row (QmDocumentRowMenu *self,
          GtkWidget         *widget)
{
  GtkWidget *list_view = GTK_WIDGET (self->list_view);
  GtkWidget *item = widget;

  while (item != NULL && gtk_widget_get_parent (item) != list_view)
    item = gtk_widget_get_parent (item);
  if (item != NULL && !QM_IS_DOCUMENT_ROW (item))
    item = gtk_widget_get_first_child (item);

  /* A row without a document is one the list keeps for reuse. */
  if (item == NULL || !QM_IS_DOCUMENT_ROW (item) ||
      qm_document_row_get_document (QM_DOCUMENT_ROW (item)) == NULL)
    return NULL;

  return QM_DOCUMENT_ROW (item);
}

static gboolean
select_row (QmDocumentRowMenu *self,
            QmDocumentRow     *row)
{
  /* Held: opening the document may give the row another one. */
  g_autoptr(QmDocument) document = g_object_ref (qm_document_row_get_document (row));

  return self->select_func (document, self->user_data);
}

/* @rect is in the host's coordinates: the pointer, or from the keyboard
 * the whole row. */
static void
popup (QmDocumentRowMenu  *self,
       const GdkRectangle *rect,
       gboolean            from_keyboard)
{
  GtkPopover *popover = GTK_POPOVER (self->popover);
  GtkRoot *root = gtk_widget_get_root (self->host);

  /* From the keyboard, back to the list although opening the document
   * took the focus to its text: that is where the user was. */
  g_set_weak_pointer (&self->return_focus,
                      from_keyboard ? GTK_WIDGET (self->list_view) : gtk_root_get_focus (root));
  if (from_keyboard)
    {
      /* Under the row, pointing at it, as a menu button's menu does. */
      gtk_popover_set_position (popover, GTK_POS_BOTTOM);
      gtk_popover_set_has_arrow (popover, TRUE);
    }
  else
    {
      /* A corner at the pointer, the menu on the side the text reads
       * towards. A side rather than GTK_POS_BOTTOM with an alignment:
       * GTK 4.8 does not mirror the alignment of a popover right to left
       * and later versions do, while sides are the same in all of them. */
      gtk_popover_set_position (popover,
                                gtk_widget_get_direction (self->popover) == GTK_TEXT_DIR_RTL
                                ? GTK_POS_LEFT : GTK_POS_RIGHT);
      gtk_popover_set_has_arrow (popover, FALSE);
    }
  gtk_popover_set_pointing_to (popover, rect);
  gtk_popover_popup (popover);
}

/* Returns whether (@x, @y), in the list view's coordinates, is on a row. */
static gboolean
popup_at_point (QmDocumentRowMenu *self,
                double             x,
                double             y)
{
  GtkWidget *list_view = GTK_WIDGET (self->list_view);
  GtkWidget *picked = gtk_widget_pick (list_view, x, y, GTK_PICK_DEFAULT);
  QmDocumentRow *row = picked != NULL ? find_row (self, picked) : NULL;
  double host_x, host_y;

  if (row == NULL)
    return FALSE;

  if (select_row (self, row) &&
      gtk_widget_translate_coordinates (list_view, self->host, x, y, &host_x, &host_y))
    popup (self, &(GdkRectangle) { (int) floor (host_x), (int) floor (host_y), 1, 1 }, FALSE);

  return TRUE;
}

static void
click_pressed_cb (GtkGestureClick   *gesture,
                  int                n_press,
                  double             x,
                  double             y,
                  QmDocumentRowMenu *self)
{
  if (popup_at_point (self, x, y))
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
long_press_pressed_cb (GtkGestureLongPress *gesture,
                       double               x,
                       double               y,
                       QmDocumentRowMenu   *self)
{
  if (popup_at_point (self, x, y))
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

/* Menu or Shift+F10: the menu of the row with the focus, pointing at the
 * whole row as there is no pointer position to point at. */
static gboolean
menu_key_cb (GtkWidget *list_view,
             GVariant  *args,
             gpointer   user_data)
{
  QmDocumentRowMenu *self = user_data;
  GtkRoot *root = gtk_widget_get_root (list_view);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  QmDocumentRow *row = focus != NULL ? find_row (self, focus) : NULL;
  graphene_rect_t bounds;

  if (row == NULL)
    return FALSE;

  if (select_row (self, row) &&
      gtk_widget_compute_bounds (GTK_WIDGET (row), self->host, &bounds))
    popup (self,
           &(GdkRectangle) {
             (int) floor (bounds.origin.x), (int) floor (bounds.origin.y),
             (int) ceil (bounds.size.width), (int) ceil (bounds.size.height),
           },
           TRUE);

  return TRUE;
}

/* The menu's items had the keyboard focus, which GTK does not give back
 * by itself. An item that opens a dialog or the next document takes the
 * focus after this. */
static void
popover_closed_cb (GtkPopover        *popover,
                   QmDocumentRowMenu *self)
{
  if (self->return_focus != NULL)
    gtk_widget_grab_focus (self->return_focus);
  g_clear_weak_pointer (&self->return_focus);
}

static void
add_menu_key (GtkShortcutController *controller,
              guint                  keyval,
              GdkModifierType        modifiers,
              QmDocumentRowMenu     *self)
{
  gtk_shortcut_controller_add_shortcut (controller,
                                        gtk_shortcut_new (gtk_keyval_trigger_new (keyval, modifiers),
                                                          gtk_callback_action_new (menu_key_cb, self, NULL)));
}

static void
remove_controller (QmDocumentRowMenu   *self,
                   GtkEventController **controller)
{
  if (*controller == NULL)
    return;

  if (gtk_event_controller_get_widget (*controller) == GTK_WIDGET (self->list_view))
    gtk_widget_remove_controller (GTK_WIDGET (self->list_view), *controller);
  g_clear_object (controller);
}

static void
qm_document_row_menu_dispose (GObject *object)
{
  QmDocumentRowMenu *self = QM_DOCUMENT_ROW_MENU (object);

  g_clear_weak_pointer (&self->return_focus);
  remove_controller (self, &self->click);
  remove_controller (self, &self->long_press);
  remove_controller (self, &self->keys);
  if (self->popover != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->popover, self);
      if (gtk_widget_get_parent (self->popover) != NULL)
        gtk_widget_unparent (self->popover);
      g_clear_object (&self->popover);
    }
  g_clear_object (&self->host);
  g_clear_object (&self->list_view);

  G_OBJECT_CLASS (qm_document_row_menu_parent_class)->dispose (object);
}

static void
qm_document_row_menu_class_init (QmDocumentRowMenuClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = qm_document_row_menu_dispose;
}

static void
qm_document_row_menu_init (QmDocumentRowMenu *self)
{
}

QmDocumentRowMenu *
qm_document_row_menu_new (GtkListView                 *list_view,
                          GtkWidget                   *host,
                          QmDocumentRowMenuSelectFunc  select_func,
                          gpointer                     user_data)
{
  g_autoptr(GtkBuilder) builder = NULL;
  GMenuModel *model;
  QmDocumentRowMenu *self;
  GtkGesture *gesture;

  g_return_val_if_fail (GTK_IS_LIST_VIEW (list_view), NULL);
  g_return_val_if_fail (GTK_IS_WIDGET (host), NULL);
  g_return_val_if_fail (gtk_widget_is_ancestor (GTK_WIDGET (list_view), host), NULL);
  g_return_val_if_fail (select_func != NULL, NULL);

  self = g_object_new (QM_TYPE_DOCUMENT_ROW_MENU, NULL);
  self->list_view = g_object_ref (list_view);
  self->host = g_object_ref (host);
  self->select_func = select_func;
  self->user_data = user_data;

  builder = gtk_builder_new_from_resource ("/io/github/quotemark/Quotemark/qm-document-row-menu.ui");
  model = G_MENU_MODEL (gtk_builder_get_object (builder, "menu"));
  self->popover = g_object_ref_sink (gtk_popover_menu_new_from_model (model));
  /* Beside the pointer, its top level with it. */
  gtk_widget_set_valign (self->popover, GTK_ALIGN_START);
  gtk_widget_set_parent (self->popover, host);
  g_signal_connect (self->popover, "closed", G_CALLBACK (popover_closed_cb), self);

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_SECONDARY);
  g_signal_connect (gesture, "pressed", G_CALLBACK (click_pressed_cb), self);
  self->click = g_object_ref (GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_long_press_new ();
  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (gesture), TRUE);
  g_signal_connect (gesture, "pressed", G_CALLBACK (long_press_pressed_cb), self);
  self->long_press = g_object_ref (GTK_EVENT_CONTROLLER (gesture));

  self->keys = g_object_ref (gtk_shortcut_controller_new ());
  add_menu_key (GTK_SHORTCUT_CONTROLLER (self->keys), GDK_KEY_Menu, 0, self);
  add_menu_key (GTK_SHORTCUT_CONTROLLER (self->keys), GDK_KEY_F10, GDK_SHIFT_MASK, self);

  /* Named for the tests, which cannot send real events. */
  gtk_event_controller_set_name (self->click, "qm-document-row-menu-click");
  gtk_event_controller_set_name (self->long_press, "qm-document-row-menu-long-press");
  gtk_event_controller_set_name (self->keys, "qm-document-row-menu-keys");
  gtk_widget_add_controller (GTK_WIDGET (list_view), self->click);
  gtk_widget_add_controller (GTK_WIDGET (list_view), self->long_press);
  gtk_widget_add_controller (GTK_WIDGET (list_view), self->keys);

  return self;
}
