/* qm-store.c: opening a corpus file safely, transactions, checks and the schema. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "qm-error.h"
#include "qm-store-private.h"

/* Long enough for another Quotemark window to finish an import batch's
 * commit, short enough that a stuck process is reported. */
#define BUSY_TIMEOUT_MS 5000

#define SQLITE_HEADER_SIZE 100

G_DEFINE_FINAL_TYPE (QmStore, qm_store, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_PATH,
  PROP_READ_ONLY,
  PROP_SCHEMA,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
qm_store_dispose (GObject *object)
{
  QmStore *self = QM_STORE (object);

  qm_store_close (self);
  g_clear_object (&self->schema);

  G_OBJECT_CLASS (qm_store_parent_class)->dispose (object);
}

static void
qm_store_finalize (GObject *object)
{
  QmStore *self = QM_STORE (object);

  g_free (self->path);
  g_free (self->display_name);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->unindexed, g_array_unref);

  G_OBJECT_CLASS (qm_store_parent_class)->finalize (object);
}

static void
qm_store_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  QmStore *self = QM_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_READ_ONLY:
      g_value_set_boolean (value, self->read_only);
      break;
    case PROP_SCHEMA:
      g_value_set_object (value, self->schema);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qm_store_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  QmStore *self = QM_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_assert (self->path == NULL);
      self->path = g_value_dup_string (value);
      self->display_name = g_filename_display_name (self->path != NULL ? self->path : "");
      break;
    case PROP_READ_ONLY:
      self->read_only = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qm_store_class_init (QmStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = qm_store_dispose;
  object_class->finalize = qm_store_finalize;
  object_class->get_property = qm_store_get_property;
  object_class->set_property = qm_store_set_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SCHEMA] =
    g_param_spec_object ("schema", NULL, NULL, QM_TYPE_SCHEMA,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
qm_store_init (QmStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            finalize_statement);
  self->unindexed = g_array_new (FALSE, FALSE, sizeof (gint64));
}

const char *
qm_store_get_display_name (QmStore *self)
{
  return self->display_name;
}

/* --- SQLite helpers shared by the qm-store-*.c files --- */

static void
set_sqlite_error (const char  *display_name,
                  int          rc,
                  const char  *detail,
                  GError     **error)
{
  switch (rc & 0xff)
    {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, QM_ERROR, QM_ERROR_CORRUPT,
                   _("“%s” is damaged (%s). Open a backup copy of the corpus instead."),
                   display_name, detail);
      break;
    case SQLITE_FULL:
      g_set_error (error, QM_ERROR, QM_ERROR_DISK_FULL,
                   _("The disk holding “%s” is full (%s). Free some space and try again; the change was not saved."),
                   display_name, detail);
      break;
    case SQLITE_READONLY:
      g_set_error (error, QM_ERROR, QM_ERROR_READ_ONLY,
                   _("“%s” cannot be changed (%s). Check that you may write to the file and its folder, or open it read-only."),
                   display_name, detail);
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, QM_ERROR, QM_ERROR_BUSY,
                   _("“%s” is being changed by another program (%s). Wait until it is done, or close it, and try again."),
                   display_name, detail);
      break;
    case SQLITE_CONSTRAINT:
      g_set_error (error, QM_ERROR, QM_ERROR_INVALID_DATA,
                   _("“%s” refused the change (%s)."),
                   display_name, detail);
      break;
    case SQLITE_CANTOPEN:
      g_set_error (error, QM_ERROR, QM_ERROR_FAILED,
                   _("Cannot open “%s” (%s). Check that the file and its folder exist and that you may use them."),
                   display_name, detail);
      break;
    default:
      g_set_error (error, QM_ERROR, QM_ERROR_FAILED,
                   _("Cannot read or write “%s” (%s)."),
                   display_name, detail);
      break;
    }
}

gboolean
qm_store_fail (QmStore  *self,
               int       rc,
               GError  **error)
{
  const char *detail = self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);

  set_sqlite_error (self->display_name, rc, detail, error);
  return FALSE;
}

void
qm_stmt_release (QmStmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

QmStmt *
qm_store_prepare (QmStore     *self,
                  const char  *sql,
                  GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (self->db != NULL, NULL);

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      /* Two users of one cached statement would reset each other. */
      g_return_val_if_fail (!sqlite3_stmt_busy (stmt), NULL);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      qm_store_fail (self, rc, error);
      return NULL;
    }

  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

gboolean
qm_store_step_done (QmStore  *self,
                    QmStmt   *stmt,
                    GError  **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return qm_store_fail (self, rc, error);

  return TRUE;
}

gboolean
qm_store_exec (QmStore     *self,
               const char  *sql,
               GError     **error)
{
  int rc;

  g_return_val_if_fail (self->db != NULL, FALSE);

  rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    return qm_store_fail (self, rc, error);

  return TRUE;
}

/* Rolling back after an error: a failure here cannot be reported better
 * than the error that caused it, but it must not pass silently. */
static void
exec_quietly (QmStore    *self,
              const char *sql)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    g_warning ("%s: %s failed: %s", self->display_name, sql, sqlite3_errmsg (self->db));
}

char *
qm_stmt_dup_text (QmStmt *stmt,
                  int     column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

gboolean
qm_store_find_rowid (QmStore     *self,
                     const char  *table,
                     const char  *id,
                     gint64      *rowid,
                     GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT rowid FROM %s WHERE id = ?1", table);
  g_autoptr(QmStmt) stmt = qm_store_prepare (self, sql, error);
  int rc;

  *rowid = 0;
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *rowid = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    return qm_store_fail (self, rc, error);

  return TRUE;
}

gboolean
qm_store_document_not_found (QmStore     *self,
                             const char  *id,
                             GError     **error)
{
  g_set_error (error, QM_ERROR, QM_ERROR_NOT_FOUND,
               _("There is no document “%s” in “%s”."), id, self->display_name);
  return FALSE;
}

gboolean
qm_store_span_not_found (QmStore     *self,
                         const char  *id,
                         GError     **error)
{
  g_set_error (error, QM_ERROR, QM_ERROR_NOT_FOUND,
               _("There is no span “%s” in “%s”; it may have been deleted."), id, self->display_name);
  return FALSE;
}

gboolean
qm_store_entity_not_found (QmStore     *self,
                           const char  *id,
                           GError     **error)
{
  g_set_error (error, QM_ERROR, QM_ERROR_NOT_FOUND,
               _("There is no speaker “%s” in “%s”; it may have been deleted or merged."), id, self->display_name);
  return FALSE;
}

gboolean
qm_store_target_not_found (QmStore     *self,
                           const char  *id,
                           GError     **error)
{
  g_set_error (error, QM_ERROR, QM_ERROR_NOT_FOUND,
               _("There is no stance target “%s” in “%s”; it may have been deleted or merged."), id, self->display_name);
  return FALSE;
}

/* --- opening --- */

static guint32
read_be32 (const guint8 *bytes)
{
  return ((guint32) bytes[0] << 24) | ((guint32) bytes[1] << 16) | ((guint32) bytes[2] << 8) | bytes[3];
}

static gboolean
has_companion_file (QmStore    *self,
                    const char *suffix)
{
  g_autofree char *companion = g_strconcat (self->path, suffix, NULL);

  return g_file_test (companion, G_FILE_TEST_EXISTS);
}

static gboolean
set_damaged_header_error (QmStore  *self,
                          GError  **error)
{
  g_set_error (error, QM_ERROR, QM_ERROR_CORRUPT,
               _("“%s” is damaged: its header is incomplete or invalid. Open a backup copy of the corpus instead."),
               self->display_name);
  return FALSE;
}

/* Reads up to SQLITE_HEADER_SIZE bytes of the file without SQLite; a
 * missing file is not an error here (@exists says so). */
static gboolean
read_header (QmStore  *self,
             guint8   *header,
             gsize    *n_read,
             goffset  *size,
             gboolean *exists,
             GError  **error)
{
  struct stat st;
  int fd, saved_errno;

  *exists = FALSE;
  *n_read = 0;

  fd = g_open (self->path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      saved_errno = errno;
      if (saved_errno == ENOENT)
        return TRUE;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot read “%s”: %s."), self->display_name, g_strerror (saved_errno));
      return FALSE;
    }

  *exists = TRUE;

  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (fd);
      g_set_error (error, QM_ERROR, QM_ERROR_NOT_A_CORPUS,
                   _("“%s” is not a file, so it cannot be a Quotemark corpus."), self->display_name);
      return FALSE;
    }
  *size = st.st_size;

  while (*n_read < SQLITE_HEADER_SIZE)
    {
      gssize n = read (fd, header + *n_read, SQLITE_HEADER_SIZE - *n_read);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          saved_errno = errno;
          close (fd);
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("Cannot read “%s”: %s."), self->display_name, g_strerror (saved_errno));
          return FALSE;
        }
      if (n == 0)
        break;
      *n_read += n;
    }
  close (fd);

  return TRUE;
}

/* Judges the header as described in the SQLite file format: ours, someone
 * else's, newer than us, or damaged. */
static gboolean
check_header (QmStore       *self,
              const guint8  *header,
              gsize          n_read,
              goffset        size,
              GError       **error)
{
  static const char magic[16] = "SQLite format 3";
  guint page_size;
  guint32 application_id, user_version, n_pages;

  if (n_read == 0)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_NOT_A_CORPUS,
                   _("“%s” is empty, not a Quotemark corpus."), self->display_name);
      return FALSE;
    }

  if (memcmp (header, magic, MIN (n_read, sizeof magic)) != 0)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_NOT_A_CORPUS,
                   _("“%s” is not a Quotemark corpus (it is not an SQLite database). Choose a corpus file, or create a new corpus."),
                   self->display_name);
      return FALSE;
    }

  if (n_read < SQLITE_HEADER_SIZE)
    return set_damaged_header_error (self, error);

  page_size = (header[16] << 8) | header[17];
  if (page_size == 1)
    page_size = 65536;
  if (page_size < 512 || (page_size & (page_size - 1)) != 0 ||
      header[18] < 1 || header[18] > 2 || header[19] < 1 || header[19] > 2 ||
      header[21] != 64 || header[22] != 32 || header[23] != 32)
    return set_damaged_header_error (self, error);

  application_id = read_be32 (header + 68);
  if (application_id != QM_STORE_APPLICATION_ID)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_NOT_A_CORPUS,
                   _("“%s” is an SQLite database but not a Quotemark corpus. Choose a corpus file, or create a new corpus."),
                   self->display_name);
      return FALSE;
    }

  user_version = read_be32 (header + 60);
  if (user_version > QM_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_NEWER_VERSION,
                   _("“%s” was written by a newer version of Quotemark (corpus format %u; this version reads up to %u). Update Quotemark to open it."),
                   self->display_name, user_version, QM_STORE_SCHEMA_VERSION);
      return FALSE;
    }

  /* The in-header size is only valid when the change counter matches the
   * version-valid-for number; after a crash a WAL or journal beside the
   * file legitimately holds what is missing from it. */
  n_pages = read_be32 (header + 28);
  if (n_pages != 0 && read_be32 (header + 24) == read_be32 (header + 92) &&
      size < (goffset) n_pages * page_size &&
      !has_companion_file (self, "-wal") && !has_companion_file (self, "-journal"))
    {
      g_autofree char *actual_size = g_format_size_full (size, G_FORMAT_SIZE_LONG_FORMAT);
      g_autofree char *expected_size = g_format_size_full ((guint64) n_pages * page_size, G_FORMAT_SIZE_LONG_FORMAT);

      g_set_error (error, QM_ERROR, QM_ERROR_CORRUPT,
                   _("“%s” is damaged: it is shorter than it should be (%s instead of %s), perhaps cut off while being copied. Open a backup copy of the corpus instead."),
                   self->display_name, actual_size, expected_size);
      return FALSE;
    }

  return TRUE;
}

static gboolean
query_int (QmStore     *self,
           const char  *sql,
           gint64      *value,
           GError     **error)
{
  g_autoptr(QmStmt) stmt = qm_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return qm_store_fail (self, rc == SQLITE_DONE ? SQLITE_CORRUPT : rc, error);

  *value = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

static gboolean
load_schema (QmStore  *self,
             GError  **error)
{
  g_autoptr(QmStmt) stmt = qm_store_prepare (self, "SELECT value FROM meta WHERE key = 'schema'", error);
  g_autoptr(GError) local_error = NULL;
  QmSchema *schema;
  int rc;

  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_CORRUPT,
                   _("“%s” is damaged: its label schema is missing. Open a backup copy of the corpus instead."),
                   self->display_name);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return qm_store_fail (self, rc, error);

  schema = qm_schema_new_from_json ((const char *) sqlite3_column_text (stmt, 0),
                                    sqlite3_column_bytes (stmt, 0), &local_error);
  if (schema == NULL)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_CORRUPT,
                   _("The label schema stored in “%s” cannot be read: %s"),
                   self->display_name, local_error->message);
      return FALSE;
    }

  g_set_object (&self->schema, schema);
  g_object_unref (schema);
  return TRUE;
}

static gboolean
configure_connection (QmStore  *self,
                      gboolean  creating,
                      GError  **error)
{
  gint64 application_id, user_version, foreign_keys;

  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);

  /* Foreign keys are off by default and the pragma is a no-op inside a
   * transaction, so it is set before anything else runs. */
  if (!qm_store_exec (self, "PRAGMA foreign_keys = ON", error) ||
      !query_int (self, "PRAGMA foreign_keys", &foreign_keys, error))
    return FALSE;
  if (foreign_keys != 1)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_FAILED,
                   _("Cannot open “%s”: this SQLite library does not enforce foreign keys."),
                   self->display_name);
      return FALSE;
    }

  if (!qm_store_exec (self, "PRAGMA synchronous = FULL", error))
    return FALSE;

  /* The header was checked already, but a WAL left by a crash may hold a
   * newer page 1 than the file itself. */
  if (!query_int (self, "PRAGMA application_id", &application_id, error) ||
      !query_int (self, "PRAGMA user_version", &user_version, error))
    return FALSE;

  if (!creating && application_id != QM_STORE_APPLICATION_ID)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_NOT_A_CORPUS,
                   _("“%s” is an SQLite database but not a Quotemark corpus. Choose a corpus file, or create a new corpus."),
                   self->display_name);
      return FALSE;
    }

  if (user_version > QM_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_NEWER_VERSION,
                   _("“%s” was written by a newer version of Quotemark (corpus format %u; this version reads up to %u). Update Quotemark to open it."),
                   self->display_name, (guint) user_version, QM_STORE_SCHEMA_VERSION);
      return FALSE;
    }

  if (user_version < QM_STORE_SCHEMA_VERSION)
    {
      if (self->read_only)
        {
          g_set_error (error, QM_ERROR, QM_ERROR_READ_ONLY,
                       _("“%s” was written by an older version of Quotemark and must be updated, which cannot be done read-only. Open it once with permission to change it."),
                       self->display_name);
          return FALSE;
        }

      if (!qm_store_migrate (self, (int) user_version, error))
        return FALSE;
    }

  /* WAL is switched on only after the first migration: that way the
   * application_id of a new corpus is in the file itself, not only in a
   * WAL that a crash could leave behind. The mode persists in the file. */
  if (!self->read_only && !qm_store_exec (self, "PRAGMA journal_mode = WAL", error))
    return FALSE;

  return load_schema (self, error);
}

static gboolean
open_database (QmStore           *self,
               QmStoreOpenFlags   flags,
               GError           **error)
{
  guint8 header[SQLITE_HEADER_SIZE];
  gsize n_read;
  goffset size = 0;
  gboolean exists, creating;
  int sqlite_flags, rc;

  /* SQLite would create a WAL or journal beside any file it opens, and
   * could write to it, before we could look at its application_id; so the
   * header is judged first, leaving files that are not ours untouched. */
  if (!read_header (self, header, &n_read, &size, &exists, error))
    return FALSE;
  if (exists && !check_header (self, header, n_read, size, error))
    return FALSE;

  creating = !exists;
  if (creating && ((flags & QM_STORE_OPEN_CREATE) == 0 || self->read_only))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("The corpus “%s” does not exist."), self->display_name);
      return FALSE;
    }

  if (self->read_only)
    sqlite_flags = SQLITE_OPEN_READONLY;
  else if (creating)
    sqlite_flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  else
    sqlite_flags = SQLITE_OPEN_READWRITE;

  rc = sqlite3_open_v2 (self->path, &self->db, sqlite_flags, NULL);
  if (rc != SQLITE_OK)
    return qm_store_fail (self, rc, error);

  /* SQLite falls back to read-only silently; the user must know that
   * nothing they do would be saved. */
  if (!self->read_only && sqlite3_db_readonly (self->db, "main") == 1)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_READ_ONLY,
                   _("“%s” cannot be changed: you may not write to it. Open it read-only, or change its permissions."),
                   self->display_name);
      return FALSE;
    }

  if (!configure_connection (self, creating, error))
    {
      if (creating)
        {
          /* Nothing of the user's is in a corpus we failed to create. */
          qm_store_close (self);
          g_unlink (self->path);
        }
      return FALSE;
    }

  return TRUE;
}

QmStore *
qm_store_open (const char        *path,
               QmStoreOpenFlags   flags,
               GError           **error)
{
  g_autoptr(QmStore) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (QM_TYPE_STORE,
                       "path", path,
                       "read-only", (flags & QM_STORE_OPEN_READ_ONLY) != 0,
                       NULL);

  if (!open_database (self, flags, error))
    return NULL;

  return g_steal_pointer (&self);
}

const char *
qm_store_get_path (QmStore *self)
{
  g_return_val_if_fail (QM_IS_STORE (self), NULL);

  return self->path;
}

gboolean
qm_store_is_read_only (QmStore *self)
{
  g_return_val_if_fail (QM_IS_STORE (self), TRUE);

  return self->read_only;
}

/* An explicit transaction still open here was never reported as saved, so
 * it is rolled back; closing the last connection checkpoints the WAL back
 * into the file. */
void
qm_store_close (QmStore *self)
{
  int rc;

  g_return_if_fail (QM_IS_STORE (self));

  if (self->db == NULL)
    return;

  if (self->in_transaction)
    qm_store_rollback (self);
  qm_store_end_read (self);

  g_hash_table_remove_all (self->statements);

  rc = sqlite3_close (self->db);
  if (rc != SQLITE_OK)
    g_warning ("%s: closing failed: %s", self->display_name, sqlite3_errstr (rc));
  self->db = NULL;
}

/* --- transactions --- */

static gboolean
set_read_only_error (QmStore  *self,
                     GError  **error)
{
  g_set_error (error, QM_ERROR, QM_ERROR_READ_ONLY,
               _("“%s” was opened read-only, so it cannot be changed."),
               self->display_name);
  return FALSE;
}

static gboolean
set_reading_error (QmStore  *self,
                   GError  **error)
{
  g_set_error (error, QM_ERROR, QM_ERROR_FAILED,
               _("“%s” cannot be changed while it is being read for an export."),
               self->display_name);
  return FALSE;
}

static gboolean
set_no_transaction_error (QmStore  *self,
                          GError  **error)
{
  g_set_error (error, QM_ERROR, QM_ERROR_FAILED,
               _("No transaction is open on “%s”."), self->display_name);
  return FALSE;
}

/* SQLite rolls a whole transaction back by itself after some errors (disk
 * full, I/O); the explicit transaction is then over, whatever we think. */
static gboolean
transaction_was_lost (QmStore *self)
{
  if (self->in_transaction && sqlite3_get_autocommit (self->db))
    {
      self->in_transaction = FALSE;
      g_array_set_size (self->unindexed, 0);
      return TRUE;
    }

  return FALSE;
}

gboolean
qm_store_write_begin (QmStore  *self,
                      GError  **error)
{
  g_return_val_if_fail (self->db != NULL, FALSE);

  if (self->read_only)
    return set_read_only_error (self, error);
  if (self->in_read)
    return set_reading_error (self, error);

  if (self->in_transaction)
    return qm_store_exec (self, "SAVEPOINT qm_call", error);

  return qm_store_exec (self, "BEGIN IMMEDIATE", error);
}

gboolean
qm_store_write_end (QmStore   *self,
                    gboolean   ok,
                    GError   **error)
{
  if (self->in_transaction)
    {
      if (ok && qm_store_exec (self, "RELEASE qm_call", error))
        return TRUE;

      if (transaction_was_lost (self))
        {
          g_prefix_error (error, _("Everything since the transaction began was discarded. "));
          return FALSE;
        }

      exec_quietly (self, "ROLLBACK TO qm_call; RELEASE qm_call");
      return FALSE;
    }

  if (ok && qm_store_exec (self, "COMMIT", error))
    return TRUE;

  if (!sqlite3_get_autocommit (self->db))
    exec_quietly (self, "ROLLBACK");

  return FALSE;
}

gboolean
qm_store_begin (QmStore  *self,
                GError  **error)
{
  g_return_val_if_fail (QM_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->db != NULL, FALSE);

  if (self->read_only)
    return set_read_only_error (self, error);
  if (self->in_read)
    return set_reading_error (self, error);

  if (self->in_transaction)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_FAILED,
                   _("A transaction on “%s” is already open."), self->display_name);
      return FALSE;
    }

  if (!qm_store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  self->in_transaction = TRUE;
  g_array_set_size (self->unindexed, 0);
  return TRUE;
}

gboolean
qm_store_commit (QmStore  *self,
                 GError  **error)
{
  g_return_val_if_fail (QM_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->db != NULL, FALSE);

  if (!self->in_transaction)
    return set_no_transaction_error (self, error);

  if (!qm_store_index_pending (self, error))
    {
      qm_store_rollback (self);
      g_prefix_error (error, _("Nothing since the transaction began was saved. "));
      return FALSE;
    }

  self->in_transaction = FALSE;

  if (qm_store_exec (self, "COMMIT", error))
    return TRUE;

  /* A failed COMMIT may leave the transaction open (busy); the caller was
   * told it failed, so nothing of it may be saved later by accident. */
  if (!sqlite3_get_autocommit (self->db))
    exec_quietly (self, "ROLLBACK");
  g_prefix_error (error, _("Nothing since the transaction began was saved. "));

  return FALSE;
}

void
qm_store_rollback (QmStore *self)
{
  g_return_if_fail (QM_IS_STORE (self));
  g_return_if_fail (self->db != NULL);

  if (!self->in_transaction)
    return;

  self->in_transaction = FALSE;
  g_array_set_size (self->unindexed, 0);
  if (!sqlite3_get_autocommit (self->db))
    exec_quietly (self, "ROLLBACK");
}

gboolean
qm_store_in_transaction (QmStore *self)
{
  g_return_val_if_fail (QM_IS_STORE (self), FALSE);

  if (self->db == NULL)
    return FALSE;

  transaction_was_lost (self);
  return self->in_transaction;
}

gboolean
qm_store_begin_read (QmStore  *self,
                     GError  **error)
{
  g_return_val_if_fail (QM_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->db != NULL, FALSE);
  g_return_val_if_fail (!self->in_read, FALSE);

  /* A write transaction already gives one view of the corpus. */
  if (!sqlite3_get_autocommit (self->db))
    return TRUE;

  /* A deferred BEGIN takes the shared lock at the first read and keeps it;
   * in WAL mode writers in other processes go on meanwhile. */
  if (!qm_store_exec (self, "BEGIN DEFERRED", error))
    return FALSE;
  self->in_read = TRUE;
  return TRUE;
}

void
qm_store_end_read (QmStore *self)
{
  g_return_if_fail (QM_IS_STORE (self));

  if (!self->in_read)
    return;
  self->in_read = FALSE;
  /* Nothing was written, so ending it cannot lose anything. */
  if (self->db != NULL && !sqlite3_get_autocommit (self->db))
    exec_quietly (self, "COMMIT");
}

static gboolean
exec_savepoint_sql (QmStore     *self,
                    const char  *format,
                    const char  *name,
                    GError     **error)
{
  char *sql;
  gboolean ok;

  if (!self->in_transaction || transaction_was_lost (self))
    return set_no_transaction_error (self, error);

  sql = sqlite3_mprintf (format, name, name);
  ok = qm_store_exec (self, sql, error);
  sqlite3_free (sql);

  return ok;
}

gboolean
qm_store_savepoint (QmStore     *self,
                    const char  *name,
                    GError     **error)
{
  g_return_val_if_fail (QM_IS_STORE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  return exec_savepoint_sql (self, "SAVEPOINT \"%w\"", name, error);
}

gboolean
qm_store_release (QmStore     *self,
                  const char  *name,
                  GError     **error)
{
  g_return_val_if_fail (QM_IS_STORE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  return exec_savepoint_sql (self, "RELEASE \"%w\"", name, error);
}

/* Discards what was written since the savepoint and ends it, so a batch
 * that skips a failed document does not pile up open savepoints. */
void
qm_store_rollback_to (QmStore    *self,
                      const char *name)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (QM_IS_STORE (self));
  g_return_if_fail (name != NULL);

  /* After a full disk or an I/O error SQLite has rolled the whole
   * transaction back already: there is nothing left to undo, and the
   * caller reports the error that did it. */
  if (sqlite3_get_autocommit (self->db))
    {
      transaction_was_lost (self);
      return;
    }

  if (!exec_savepoint_sql (self, "ROLLBACK TO \"%w\"; RELEASE \"%w\"", name, &error))
    g_warning ("%s", error->message);
}

/* --- checking --- */

static gboolean
collect_pragma_rows (QmStore     *self,
                     const char  *sql,
                     GPtrArray   *problems,
                     GError     **error)
{
  g_autoptr(QmStmt) stmt = qm_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *line = (const char *) sqlite3_column_text (stmt, 0);

      if (g_strcmp0 (line, "ok") != 0)
        g_ptr_array_add (problems, g_strdup_printf (_("SQLite reports: %s"), line));
    }

  if (rc != SQLITE_DONE)
    return qm_store_fail (self, rc, error);

  return TRUE;
}

static gboolean
check_foreign_keys (QmStore    *self,
                    GPtrArray  *problems,
                    GError    **error)
{
  g_autoptr(QmStmt) stmt = qm_store_prepare (self, "PRAGMA foreign_key_check", error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (problems,
                     g_strdup_printf (_("Row %ld of table %s refers to a missing row of table %s."),
                                      qm_stmt_get_long (stmt, 1),
                                      (const char *) sqlite3_column_text (stmt, 0),
                                      (const char *) sqlite3_column_text (stmt, 2)));

  if (rc != SQLITE_DONE)
    return qm_store_fail (self, rc, error);

  return TRUE;
}

static gboolean
check_span_offsets (QmStore    *self,
                    GPtrArray  *problems,
                    GError    **error)
{
  g_autoptr(QmStmt) stmt =
    qm_store_prepare (self,
                      "SELECT s.id, d.id, s.start, s.\"end\", d.n_chars FROM spans s "
                      "JOIN documents d ON d.rowid = s.document "
                      "WHERE s.start < 0 OR s.\"end\" <= s.start OR s.\"end\" > d.n_chars "
                      "ORDER BY d.rowid, s.id",
                      error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (problems,
                     g_strdup_printf (_("Span %s (%ld–%ld) does not fit in document %s of %ld characters."),
                                      (const char *) sqlite3_column_text (stmt, 0),
                                      qm_stmt_get_long (stmt, 2),
                                      qm_stmt_get_long (stmt, 3),
                                      (const char *) sqlite3_column_text (stmt, 1),
                                      qm_stmt_get_long (stmt, 4)));

  if (rc != SQLITE_DONE)
    return qm_store_fail (self, rc, error);

  return TRUE;
}

/* length() counts characters of TEXT, so this catches a text changed behind
 * our back without hashing every document. */
static gboolean
check_document_lengths (QmStore    *self,
                        GPtrArray  *problems,
                        GError    **error)
{
  g_autoptr(QmStmt) stmt =
    qm_store_prepare (self,
                      "SELECT id, n_chars, length(text) FROM documents "
                      "WHERE length(text) != n_chars ORDER BY rowid",
                      error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (problems,
                     g_strdup_printf (_("Document %s should have %ld characters but has %ld."),
                                      (const char *) sqlite3_column_text (stmt, 0),
                                      qm_stmt_get_long (stmt, 1),
                                      qm_stmt_get_long (stmt, 2)));

  if (rc != SQLITE_DONE)
    return qm_store_fail (self, rc, error);

  return TRUE;
}

static gboolean
check_labels (QmStore    *self,
              GPtrArray  *problems,
              GError    **error)
{
  g_autoptr(QmStmt) stmt =
    qm_store_prepare (self, "SELECT label, count(*) FROM spans GROUP BY label ORDER BY label", error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *label = (const char *) sqlite3_column_text (stmt, 0);

      if (qm_schema_find_label (self->schema, label) == NULL)
        g_ptr_array_add (problems,
                         g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                       "%ld span has the label “%s”, which is not in the schema.",
                                                       "%ld spans have the label “%s”, which is not in the schema.",
                                                       qm_stmt_get_long (stmt, 1)),
                                          qm_stmt_get_long (stmt, 1), label));
    }

  if (rc != SQLITE_DONE)
    return qm_store_fail (self, rc, error);

  return TRUE;
}

static gboolean
check_relation_types (QmStore    *self,
                      GPtrArray  *problems,
                      GError    **error)
{
  g_autoptr(QmStmt) stmt =
    qm_store_prepare (self,
                      "SELECT r.type, a.label, b.label, count(*) FROM relations r "
                      "JOIN spans a ON a.rowid = r.from_span JOIN spans b ON b.rowid = r.to_span "
                      "GROUP BY r.type, a.label, b.label ORDER BY r.type, a.label, b.label",
                      error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GError) local_error = NULL;

      if (!qm_schema_check_relation (self->schema,
                                     (const char *) sqlite3_column_text (stmt, 0),
                                     (const char *) sqlite3_column_text (stmt, 1),
                                     (const char *) sqlite3_column_text (stmt, 2),
                                     &local_error))
        g_ptr_array_add (problems,
                         g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%ld link: %s", "%ld links: %s",
                                                       qm_stmt_get_long (stmt, 3)),
                                          qm_stmt_get_long (stmt, 3), local_error->message));
    }

  if (rc != SQLITE_DONE)
    return qm_store_fail (self, rc, error);

  return TRUE;
}

static gboolean
check_stance_values (QmStore    *self,
                     GPtrArray  *problems,
                     GError    **error)
{
  g_autoptr(QmStmt) stmt =
    qm_store_prepare (self,
                      "SELECT st.value, s.label, count(*) FROM stances st JOIN spans s ON s.rowid = st.span "
                      "GROUP BY st.value, s.label ORDER BY st.value, s.label",
                      error);
  const char * const *values = qm_schema_get_stance_values (self->schema);
  const char *stance_label = qm_schema_get_stance_label (self->schema);
  int rc;

  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *value = (const char *) sqlite3_column_text (stmt, 0);
      const char *label = (const char *) sqlite3_column_text (stmt, 1);
      glong count = qm_stmt_get_long (stmt, 2);

      if (values == NULL || !g_strv_contains (values, value))
        g_ptr_array_add (problems,
                         g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                       "%ld stance has the value “%s”, which is not in the schema.",
                                                       "%ld stances have the value “%s”, which is not in the schema.",
                                                       count),
                                          count, value));
      if (g_strcmp0 (label, stance_label) != 0)
        g_ptr_array_add (problems,
                         g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                       "%ld stance is on a span labelled “%s” instead of “%s”.",
                                                       "%ld stances are on spans labelled “%s” instead of “%s”.",
                                                       count),
                                          count, label, stance_label));
    }

  if (rc != SQLITE_DONE)
    return qm_store_fail (self, rc, error);

  return TRUE;
}

gboolean
qm_store_check (QmStore    *self,
                GPtrArray **problems,
                GError    **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  gboolean ok;

  g_return_val_if_fail (QM_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->db != NULL, FALSE);

  if (problems != NULL)
    *problems = NULL;

  if (!collect_pragma_rows (self, "PRAGMA integrity_check", found, error) ||
      !check_foreign_keys (self, found, error) ||
      !check_document_lengths (self, found, error) ||
      !check_span_offsets (self, found, error) ||
      !check_labels (self, found, error) ||
      !check_relation_types (self, found, error) ||
      !check_stance_values (self, found, error))
    return FALSE;

  ok = found->len == 0;
  if (problems != NULL)
    *problems = g_steal_pointer (&found);

  return ok;
}

/* --- schema --- */

QmSchema *
qm_store_get_schema (QmStore *self)
{
  g_return_val_if_fail (QM_IS_STORE (self), NULL);

  return self->schema;
}

/* A schema that drops a label still in use would leave spans no one can
 * edit or export; the user must relabel or delete them first. */
static gboolean
check_labels_in_use (QmStore   *self,
                     QmSchema  *schema,
                     GError   **error)
{
  g_autoptr(QmStmt) stmt =
    qm_store_prepare (self, "SELECT label, count(*) FROM spans GROUP BY label ORDER BY label", error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *label = (const char *) sqlite3_column_text (stmt, 0);

      if (qm_schema_find_label (schema, label) == NULL)
        {
          g_set_error (error, QM_ERROR, QM_ERROR_INVALID_DATA,
                       g_dngettext (GETTEXT_PACKAGE,
                                    "The new schema has no label “%s”, but %ld span in “%s” uses it. Add the label to the schema, or remove that span first.",
                                    "The new schema has no label “%s”, but %ld spans in “%s” use it. Add the label to the schema, or remove those spans first.",
                                    qm_stmt_get_long (stmt, 1)),
                       label, qm_stmt_get_long (stmt, 1), self->display_name);
          return FALSE;
        }
    }

  if (rc != SQLITE_DONE)
    return qm_store_fail (self, rc, error);

  return TRUE;
}

static gboolean
write_schema (QmStore     *self,
              QmSchema    *schema,
              const char  *json,
              GError     **error)
{
  g_autoptr(QmStmt) stmt = NULL;

  if (!check_labels_in_use (self, schema, error))
    return FALSE;

  stmt = qm_store_prepare (self, "UPDATE meta SET value = ?1 WHERE key = 'schema'", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, json, -1, SQLITE_TRANSIENT);
  return qm_store_step_done (self, stmt, error);
}

gboolean
qm_store_set_schema (QmStore   *self,
                     QmSchema  *schema,
                     GError   **error)
{
  g_autofree char *json = NULL;
  g_autoptr(QmSchema) stored = NULL;

  g_return_val_if_fail (QM_IS_STORE (self), FALSE);
  g_return_val_if_fail (QM_IS_SCHEMA (schema), FALSE);

  json = qm_schema_to_json (schema);

  /* The schema in memory is what was stored, not the caller's object,
   * which they may go on changing. */
  stored = qm_schema_new_from_json (json, -1, error);
  if (stored == NULL)
    return FALSE;

  if (!qm_store_write_begin (self, error))
    return FALSE;
  if (!qm_store_write_end (self, write_schema (self, stored, json, error), error))
    return FALSE;

  g_set_object (&self->schema, stored);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCHEMA]);

  return TRUE;
}

/* --- statistics --- */

GStrv
qm_store_list_annotators (QmStore  *self,
                          GError  **error)
{
  g_autoptr(QmStmt) stmt = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  int rc;

  g_return_val_if_fail (QM_IS_STORE (self), NULL);

  stmt = qm_store_prepare (self,
                           "SELECT annotator FROM spans UNION SELECT annotator FROM relations "
                           "UNION SELECT annotator FROM stances UNION SELECT annotator FROM statuses "
                           "ORDER BY 1",
                           error);
  if (stmt == NULL)
    return NULL;

  builder = g_strv_builder_new ();
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));

  if (rc != SQLITE_DONE)
    {
      qm_store_fail (self, rc, error);
      return NULL;
    }

  return g_strv_builder_end (builder);
}
