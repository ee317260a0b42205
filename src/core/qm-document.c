/* qm-document.c: one article of a corpus, as a GObject list models can hold. */
#include "config.h"

#include "qm-document.h"

struct _QmDocument
{
  GObject parent_instance;

  char *id;
  char *title;
  char *language;
  char *source;
  char *url;
  char *date;
  gint64 imported;
  char *text;
  char *sha256;
  glong n_chars;
  char *metadata;
  guint n_quotes;
  QmStatus status;
};

G_DEFINE_FINAL_TYPE (QmDocument, qm_document, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_LANGUAGE,
  PROP_SOURCE,
  PROP_URL,
  PROP_DATE,
  PROP_IMPORTED,
  PROP_TEXT,
  PROP_SHA256,
  PROP_N_CHARS,
  PROP_METADATA,
  PROP_N_QUOTES,
  PROP_STATUS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
qm_document_finalize (GObject *object)
{
  QmDocument *self = QM_DOCUMENT (object);

  g_free (self->id);
  g_free (self->title);
  g_free (self->language);
  g_free (self->source);
  g_free (self->url);
  g_free (self->date);
  g_free (self->text);
  g_free (self->sha256);
  g_free (self->metadata);

  G_OBJECT_CLASS (qm_document_parent_class)->finalize (object);
}

static void
qm_document_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  QmDocument *self = QM_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_LANGUAGE:
      g_value_set_string (value, self->language);
      break;
    case PROP_SOURCE:
      g_value_set_string (value, self->source);
      break;
    case PROP_URL:
      g_value_set_string (value, self->url);
      break;
    case PROP_DATE:
      g_value_set_string (value, self->date);
      break;
    case PROP_IMPORTED:
      g_value_set_int64 (value, self->imported);
      break;
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;
    case PROP_SHA256:
      g_value_set_string (value, self->sha256);
      break;
    case PROP_N_CHARS:
      g_value_set_long (value, self->n_chars);
      break;
    case PROP_METADATA:
      g_value_set_string (value, qm_document_get_metadata (self));
      break;
    case PROP_N_QUOTES:
      g_value_set_uint (value, self->n_quotes);
      break;
    case PROP_STATUS:
      g_value_set_uint (value, self->status);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qm_document_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  QmDocument *self = QM_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      qm_document_set_id (self, g_value_get_string (value));
      break;
    case PROP_TITLE:
      qm_document_set_title (self, g_value_get_string (value));
      break;
    case PROP_LANGUAGE:
      qm_document_set_language (self, g_value_get_string (value));
      break;
    case PROP_SOURCE:
      qm_document_set_source (self, g_value_get_string (value));
      break;
    case PROP_URL:
      qm_document_set_url (self, g_value_get_string (value));
      break;
    case PROP_DATE:
      qm_document_set_date (self, g_value_get_string (value));
      break;
    case PROP_IMPORTED:
      qm_document_set_imported (self, g_value_get_int64 (value));
      break;
    case PROP_TEXT:
      qm_document_set_text (self, g_value_get_string (value));
      break;
    case PROP_SHA256:
      qm_document_set_sha256 (self, g_value_get_string (value));
      break;
    case PROP_N_CHARS:
      qm_document_set_n_chars (self, g_value_get_long (value));
      break;
    case PROP_METADATA:
      qm_document_set_metadata (self, g_value_get_string (value));
      break;
    case PROP_N_QUOTES:
      qm_document_set_n_quotes (self, g_value_get_uint (value));
      break;
    case PROP_STATUS:
      qm_document_set_status (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
create_string_property (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL,
                              G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static void
qm_document_class_init (QmDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = qm_document_finalize;
  object_class->get_property = qm_document_get_property;
  object_class->set_property = qm_document_set_property;

  properties[PROP_ID] = create_string_property ("id");
  properties[PROP_TITLE] = create_string_property ("title");
  properties[PROP_LANGUAGE] = create_string_property ("language");
  properties[PROP_SOURCE] = create_string_property ("source");
  properties[PROP_URL] = create_string_property ("url");
  properties[PROP_DATE] = create_string_property ("date");
  properties[PROP_IMPORTED] =
    g_param_spec_int64 ("imported", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_TEXT] = create_string_property ("text");
  properties[PROP_SHA256] = create_string_property ("sha256");
  properties[PROP_N_CHARS] =
    g_param_spec_long ("n-chars", NULL, NULL, 0, G_MAXLONG, 0, flags);
  properties[PROP_METADATA] = create_string_property ("metadata");
  properties[PROP_N_QUOTES] =
    g_param_spec_uint ("n-quotes", NULL, NULL, 0, G_MAXUINT, 0, flags);
  /* A QmStatus; an unsigned integer because qm-records.h registers no enum type. */
  properties[PROP_STATUS] =
    g_param_spec_uint ("status", NULL, NULL, QM_STATUS_NEW, QM_STATUS_DONE, QM_STATUS_NEW, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
qm_document_init (QmDocument *self)
{
}

QmDocument *
qm_document_new (void)
{
  return g_object_new (QM_TYPE_DOCUMENT, NULL);
}

static void
replace_string (QmDocument  *self,
                char       **field,
                const char  *value,
                guint        prop_id)
{
  if (g_strcmp0 (*field, value) == 0)
    return;

  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

const char *
qm_document_get_id (QmDocument *self)
{
  g_return_val_if_fail (QM_IS_DOCUMENT (self), NULL);

  return self->id;
}

void
qm_document_set_id (QmDocument *self,
                    const char *id)
{
  g_return_if_fail (QM_IS_DOCUMENT (self));

  replace_string (self, &self->id, id, PROP_ID);
}

const char *
qm_document_get_title (QmDocument *self)
{
  g_return_val_if_fail (QM_IS_DOCUMENT (self), NULL);

  return self->title;
}

void
qm_document_set_title (QmDocument *self,
                       const char *title)
{
  g_return_if_fail (QM_IS_DOCUMENT (self));

  replace_string (self, &self->title, title, PROP_TITLE);
}

const char *
qm_document_get_language (QmDocument *self)
{
  g_return_val_if_fail (QM_IS_DOCUMENT (self), NULL);

  return self->language;
}

void
qm_document_set_language (QmDocument *self,
                          const char *language)
{
  g_return_if_fail (QM_IS_DOCUMENT (self));

  replace_string (self, &self->language, language, PROP_LANGUAGE);
}

const char *
qm_document_get_source (QmDocument *self)
{
  g_return_val_if_fail (QM_IS_DOCUMENT (self), NULL);

  return self->source;
}

void
qm_document_set_source (QmDocument *self,
                        const char *source)
{
  g_return_if_fail (QM_IS_DOCUMENT (self));

  replace_string (self, &self->source, source, PROP_SOURCE);
}

const char *
qm_document_get_url (QmDocument *self)
{
  g_return_val_if_fail (QM_IS_DOCUMENT (self), NULL);

  return self->url;
}

void
qm_document_set_url (QmDocument *self,
                     const char *url)
{
  g_return_if_fail (QM_IS_DOCUMENT (self));

  replace_string (self, &self->url, url, PROP_URL);
}

const char *
qm_document_get_date (QmDocument *self)
{
  g_return_val_if_fail (QM_IS_DOCUMENT (self), NULL);

  return self->date;
}

void
qm_document_set_date (QmDocument *self,
                      const char *date)
{
  g_return_if_fail (QM_IS_DOCUMENT (self));

  replace_string (self, &self->date, date, PROP_DATE);
}

gint64
qm_document_get_imported (QmDocument *self)
{
  g_return_val_if_fail (QM_IS_DOCUMENT (self), 0);

  return self->imported;
}

void
qm_document_set_imported (QmDocument *self,
                          gint64      imported)
{
  g_return_if_fail (QM_IS_DOCUMENT (self));

  if (self->imported == imported)
    return;

  self->imported = imported;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IMPORTED]);
}

const char *
qm_document_get_text (QmDocument *self)
{
  g_return_val_if_fail (QM_IS_DOCUMENT (self), NULL);

  return self->text;
}

/* Hash and length follow the text so a document can never carry the hash of
 * another text; a NULL text (a listing) keeps them. */
void
qm_document_set_text (QmDocument *self,
                      const char *text)
{
  g_return_if_fail (QM_IS_DOCUMENT (self));

  g_object_freeze_notify (G_OBJECT (self));

  replace_string (self, &self->text, text, PROP_TEXT);

  if (text != NULL)
    {
      g_autofree char *sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);

      qm_document_set_sha256 (self, sha256);
      qm_document_set_n_chars (self, g_utf8_strlen (text, -1));
    }

  g_object_thaw_notify (G_OBJECT (self));
}

/* Hashing a 1 MB article takes milliseconds, and an export reads every
 * document; the store checks its hashes and lengths in qm_store_check(). */
void
qm_document_set_stored_text (QmDocument *self,
                             const char *text)
{
  g_return_if_fail (QM_IS_DOCUMENT (self));

  replace_string (self, &self->text, text, PROP_TEXT);
}

const char *
qm_document_get_sha256 (QmDocument *self)
{
  g_return_val_if_fail (QM_IS_DOCUMENT (self), NULL);

  return self->sha256;
}

void
qm_document_set_sha256 (QmDocument *self,
                        const char *sha256)
{
  g_return_if_fail (QM_IS_DOCUMENT (self));

  replace_string (self, &self->sha256, sha256, PROP_SHA256);
}

glong
qm_document_get_n_chars (QmDocument *self)
{
  g_return_val_if_fail (QM_IS_DOCUMENT (self), 0);

  return self->n_chars;
}

void
qm_document_set_n_chars (QmDocument *self,
                         glong       n_chars)
{
  g_return_if_fail (QM_IS_DOCUMENT (self));
  g_return_if_fail (n_chars >= 0);

  if (self->n_chars == n_chars)
    return;

  self->n_chars = n_chars;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CHARS]);
}

const char *
qm_document_get_metadata (QmDocument *self)
{
  g_return_val_if_fail (QM_IS_DOCUMENT (self), NULL);

  return self->metadata != NULL ? self->metadata : "{}";
}

void
qm_document_set_metadata (QmDocument *self,
                          const char *json)
{
  g_return_if_fail (QM_IS_DOCUMENT (self));

  replace_string (self, &self->metadata, json, PROP_METADATA);
}

guint
qm_document_get_n_quotes (QmDocument *self)
{
  g_return_val_if_fail (QM_IS_DOCUMENT (self), 0);

  return self->n_quotes;
}

void
qm_document_set_n_quotes (QmDocument *self,
                          guint       n)
{
  g_return_if_fail (QM_IS_DOCUMENT (self));

  if (self->n_quotes == n)
    return;

  self->n_quotes = n;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_QUOTES]);
}

QmStatus
qm_document_get_status (QmDocument *self)
{
  g_return_val_if_fail (QM_IS_DOCUMENT (self), QM_STATUS_NEW);

  return self->status;
}

void
qm_document_set_status (QmDocument *self,
                        QmStatus    status)
{
  g_return_if_fail (QM_IS_DOCUMENT (self));
  g_return_if_fail (status <= QM_STATUS_DONE);

  if (self->status == status)
    return;

  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}
