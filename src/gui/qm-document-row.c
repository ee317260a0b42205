/* qm-document-row.c: one document in the sidebar list. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include "qm-document-row.h"
#include "qm-text.h"

struct _QmDocumentRow
{
  GtkWidget   parent_instance;

  QmDocument *document;

  GtkImage   *status_image;
  GtkLabel   *title_label;
  GtkLabel   *meta_label;
};

G_DEFINE_FINAL_TYPE (QmDocumentRow, qm_document_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DOCUMENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

const char *
qm_language_get_display_name (const char *code)
{
  static const struct {
    const char *code;
    const char *name;
  } names[] = {
    { "ar", N_("Arabic") },
    { "en", N_("English") },
    { "fa", N_("Persian") },
    { "ur", N_("Urdu") },
    { "fr", N_("French") },
    { "de", N_("German") },
    { "es", N_("Spanish") },
    { "ru", N_("Russian") },
    { "zh", N_("Chinese") },
    { "he", N_("Hebrew") },
    { "tr", N_("Turkish") },
    { "mixed", N_("Mixed languages") },
    { "und", N_("Unknown language") },
  };

  if (code == NULL || *code == '\0')
    return _("Unknown language");

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (names[i].code, code) == 0)
      return _(names[i].name);

  return code;
}

const char *
qm_status_get_display_name (QmStatus status)
{
  switch (status)
    {
    case QM_STATUS_NEW:
      return _("New");
    case QM_STATUS_IN_PROGRESS:
      return _("In Progress");
    case QM_STATUS_DONE:
      return _("Done");
    default:
      g_return_val_if_reached (NULL);
    }
}

static void
update_status (QmDocumentRow *self,
               QmStatus       status)
{
  static const char *icons[] = {
    [QM_STATUS_NEW] = "radio-symbolic",
    [QM_STATUS_IN_PROGRESS] = "radio-mixed-symbolic",
    [QM_STATUS_DONE] = "radio-checked-symbolic",
  };
  const char *name = qm_status_get_display_name (status);
  GtkWidget *image = GTK_WIDGET (self->status_image);

  gtk_image_set_from_icon_name (self->status_image, icons[status]);
  gtk_widget_set_tooltip_text (image, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (image),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
  gtk_widget_remove_css_class (image, "qm-status-done");
  gtk_widget_remove_css_class (image, "qm-status-in-progress");
  if (status == QM_STATUS_DONE)
    gtk_widget_add_css_class (image, "qm-status-done");
  else if (status == QM_STATUS_IN_PROGRESS)
    gtk_widget_add_css_class (image, "qm-status-in-progress");
}

/* The direction of the first letter of @text that has one (digits and
 * punctuation have none). */
static GtkTextDirection
find_text_direction (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (qm_unichar_is_rtl (c))
        return GTK_TEXT_DIR_RTL;
      if (g_unichar_isalpha (c))
        return GTK_TEXT_DIR_LTR;
    }

  return GTK_TEXT_DIR_NONE;
}

/* An Arabic title in an English interface still reads from the right: the
 * label takes the direction of the title's first strong letter, and with it
 * its alignment and ellipsis side. */
static void
update_title (QmDocumentRow *self,
              const char    *title)
{
  if (title == NULL || *title == '\0')
    title = _("Untitled");

  gtk_label_set_text (self->title_label, title);
  gtk_widget_set_direction (GTK_WIDGET (self->title_label), find_text_direction (title));
}

static void
update_row (QmDocumentRow *self)
{
  g_autofree char *meta = NULL;
  g_autofree char *quotes = NULL;
  g_autofree char *description = NULL;
  QmStatus status;
  guint n_quotes;

  if (self->document == NULL)
    {
      gtk_label_set_text (self->title_label, "");
      gtk_label_set_text (self->meta_label, "");
      return;
    }

  n_quotes = qm_document_get_n_quotes (self->document);
  status = qm_document_get_status (self->document);

  update_title (self, qm_document_get_title (self->document));
  update_status (self, status);

  quotes = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u quote", "%'u quotes", n_quotes), n_quotes);
  /* TRANSLATORS: the line under a document's title: "Arabic · 3 quotes" */
  meta = g_strdup_printf (_("%s · %s"),
                          qm_language_get_display_name (qm_document_get_language (self->document)),
                          quotes);
  gtk_label_set_text (self->meta_label, meta);

  /* A screen reader reads the row as one sentence. */
  description = g_strdup_printf (_("%s, %s, %s"),
                                 gtk_label_get_text (self->title_label),
                                 meta,
                                 qm_status_get_display_name (status));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, description,
                                  -1);
}

static void
qm_document_row_dispose (GObject *object)
{
  QmDocumentRow *self = QM_DOCUMENT_ROW (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), QM_TYPE_DOCUMENT_ROW);
  /* Template children without an id are not cleared by the above. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (qm_document_row_parent_class)->dispose (object);
}

static void
qm_document_row_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  QmDocumentRow *self = QM_DOCUMENT_ROW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qm_document_row_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  QmDocumentRow *self = QM_DOCUMENT_ROW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      qm_document_row_set_document (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qm_document_row_class_init (QmDocumentRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = qm_document_row_dispose;
  object_class->get_property = qm_document_row_get_property;
  object_class->set_property = qm_document_row_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL,
                         QM_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/quotemark/Quotemark/qm-document-row.ui");
  gtk_widget_class_bind_template_child (widget_class, QmDocumentRow, status_image);
  gtk_widget_class_bind_template_child (widget_class, QmDocumentRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, QmDocumentRow, meta_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "qmdocumentrow");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
qm_document_row_init (QmDocumentRow *self)
{
  GtkLayoutManager *layout;

  gtk_widget_init_template (GTK_WIDGET (self));

  layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 12);
}

GtkWidget *
qm_document_row_new (void)
{
  return g_object_new (QM_TYPE_DOCUMENT_ROW, NULL);
}

void
qm_document_row_set_document (QmDocumentRow *self,
                              QmDocument    *document)
{
  g_return_if_fail (QM_IS_DOCUMENT_ROW (self));
  g_return_if_fail (document == NULL || QM_IS_DOCUMENT (document));

  if (!g_set_object (&self->document, document))
    return;

  update_row (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

QmDocument *
qm_document_row_get_document (QmDocumentRow *self)
{
  g_return_val_if_fail (QM_IS_DOCUMENT_ROW (self), NULL);

  return self->document;
}
