/* qm-error.h: the Quotemark error domain shared by every core module. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define QM_ERROR (qm_error_quark ())

typedef enum
{
  QM_ERROR_FAILED,
  QM_ERROR_NOT_A_CORPUS,   /* the file exists but is not one of ours */
  QM_ERROR_CORRUPT,        /* ours, but damaged */
  QM_ERROR_NEWER_VERSION,  /* written by a newer Quotemark */
  QM_ERROR_READ_ONLY,
  QM_ERROR_BUSY,           /* another process holds the write lock too long */
  QM_ERROR_DISK_FULL,
  QM_ERROR_INVALID_TEXT,   /* bad UTF-8, NUL bytes, empty, binary */
  QM_ERROR_INVALID_DATA,   /* bad JSON, bad field, bad offsets */
  QM_ERROR_UNKNOWN_LABEL,  /* label, relation type or attribute not in the schema */
  QM_ERROR_NOT_FOUND,
  QM_ERROR_DUPLICATE,
} QmError;

GQuark qm_error_quark (void);

G_END_DECLS
