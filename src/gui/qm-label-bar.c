/* qm-label-bar.c: the buttons that apply the labels of the schema. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include "qm-label-bar.h"

struct _QmLabelBar
{
  GtkWidget  parent_instance;

  QmSchema  *schema;

  GtkBox    *buttons_box;
  GtkLabel  *hint_label;
};

G_DEFINE_FINAL_TYPE (QmLabelBar, qm_label_bar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SCHEMA,
  N_PROPS
};

enum {
  LABEL_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Schema colours are arbitrary, so the swatch is drawn rather than styled:
 * one CSS provider per colour would outlive schema changes. */
static void
draw_swatch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  const GdkRGBA *color = user_data;
  double radius = MIN (width, height) / 2.0;

  gdk_cairo_set_source_rgba (cr, color);
  cairo_arc (cr, width / 2.0, height / 2.0, radius, 0, 2 * G_PI);
  cairo_fill (cr);
}

static void
button_clicked_cb (GtkButton  *button,
                   QmLabelBar *self)
{
  const char *key = g_object_get_data (G_OBJECT (button), "qm-label-key");

  g_signal_emit (self, signals[LABEL_ACTIVATED], 0, key);
}

static GtkWidget *
create_button (QmLabelBar       *self,
               const QmLabelDef *label)
{
  GtkWidget *button, *box, *swatch, *name, *key;
  g_autofree char *tooltip = NULL;
  GdkRGBA color;

  if (label->color == NULL || !gdk_rgba_parse (&color, label->color))
    gdk_rgba_parse (&color, "#888888");

  swatch = gtk_drawing_area_new ();
  gtk_widget_add_css_class (swatch, "qm-swatch");
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (swatch), 14);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (swatch), 14);
  gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (swatch), draw_swatch,
                                  gdk_rgba_copy (&color), (GDestroyNotify) gdk_rgba_free);

  name = gtk_label_new (qm_schema_display_name (label->name));

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (box), swatch);
  gtk_box_append (GTK_BOX (box), name);
  if (label->key != NULL && *label->key != '\0')
    {
      key = gtk_label_new (label->key);
      gtk_widget_add_css_class (key, "qm-key");
      gtk_box_append (GTK_BOX (box), key);
    }

  button = gtk_button_new ();
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "flat");
  /* Clicking must leave the keyboard focus, and with it the selection, in
   * the document. */
  gtk_widget_set_focus_on_click (button, FALSE);

  if (label->key != NULL && *label->key != '\0')
    /* TRANSLATORS: tooltip of a label button: "Apply Quote (1)" */
    tooltip = g_strdup_printf (_("Apply %s (%s)"), qm_schema_display_name (label->name), label->key);
  else
    tooltip = g_strdup_printf (_("Apply %s"), qm_schema_display_name (label->name));
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                  -1);
  if (label->key != NULL && *label->key != '\0')
    gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                    GTK_ACCESSIBLE_PROPERTY_KEY_SHORTCUTS, label->key,
                                    -1);

  g_object_set_data_full (G_OBJECT (button), "qm-label-key",
                          g_strdup (label->key), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (button_clicked_cb), self);

  return button;
}

static void
rebuild_buttons (QmLabelBar *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->buttons_box))) != NULL)
    gtk_box_remove (self->buttons_box, child);

  if (self->schema == NULL)
    return;

  for (guint i = 0; i < qm_schema_get_n_labels (self->schema); i++)
    gtk_box_append (self->buttons_box,
                    create_button (self, qm_schema_get_label (self->schema, i)));
}

static void
qm_label_bar_dispose (GObject *object)
{
  QmLabelBar *self = QM_LABEL_BAR (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), QM_TYPE_LABEL_BAR);
  /* Template children without an id are not cleared by the above. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->schema);

  G_OBJECT_CLASS (qm_label_bar_parent_class)->dispose (object);
}

static void
qm_label_bar_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  QmLabelBar *self = QM_LABEL_BAR (object);

  switch (prop_id)
    {
    case PROP_SCHEMA:
      g_value_set_object (value, self->schema);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qm_label_bar_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  QmLabelBar *self = QM_LABEL_BAR (object);

  switch (prop_id)
    {
    case PROP_SCHEMA:
      qm_label_bar_set_schema (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qm_label_bar_class_init (QmLabelBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = qm_label_bar_dispose;
  object_class->get_property = qm_label_bar_get_property;
  object_class->set_property = qm_label_bar_set_property;

  properties[PROP_SCHEMA] =
    g_param_spec_object ("schema", NULL, NULL,
                         QM_TYPE_SCHEMA,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * QmLabelBar::label-activated:
   * @self: the bar
   * @key: the schema key of the label whose button was clicked
   *
   * Emitted when a label button is clicked; the window applies the label.
   */
  signals[LABEL_ACTIVATED] =
    g_signal_new ("label-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/quotemark/Quotemark/qm-label-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, QmLabelBar, buttons_box);
  gtk_widget_class_bind_template_child (widget_class, QmLabelBar, hint_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "qmlabelbar");
}

static void
qm_label_bar_init (QmLabelBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Labels"),
                                  -1);
}

GtkWidget *
qm_label_bar_new (void)
{
  return g_object_new (QM_TYPE_LABEL_BAR, NULL);
}

void
qm_label_bar_set_schema (QmLabelBar *self,
                         QmSchema   *schema)
{
  g_return_if_fail (QM_IS_LABEL_BAR (self));
  g_return_if_fail (schema == NULL || QM_IS_SCHEMA (schema));

  /* The same schema object may have gained labels (import --add-labels),
   * so the buttons are rebuilt even when the pointer did not change. */
  g_set_object (&self->schema, schema);
  rebuild_buttons (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCHEMA]);
}

QmSchema *
qm_label_bar_get_schema (QmLabelBar *self)
{
  g_return_val_if_fail (QM_IS_LABEL_BAR (self), NULL);

  return self->schema;
}
