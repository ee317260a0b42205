/* qm-offsets.h: the one place where code-point offsets meet bytes and UTF-16.
 *
 * Every offset Quotemark stores or exports is a Unicode code point offset,
 * end-exclusive (what gtk_text_iter_get_offset() and Python's str indexing
 * count). Whoever needs UTF-8 byte offsets (SQLite, Pango) or UTF-16 code
 * units (JavaScript tools) converts here, through an index built once per
 * text so that thousands of conversions on a large article stay cheap.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define QM_TYPE_OFFSETS (qm_offsets_get_type ())

typedef struct _QmOffsets QmOffsets;

GType       qm_offsets_get_type        (void) G_GNUC_CONST;
/* @text must be valid UTF-8 and outlive the index. */
QmOffsets  *qm_offsets_new             (const char *text,
                                        gssize      len);
QmOffsets  *qm_offsets_ref             (QmOffsets  *self);
void        qm_offsets_unref           (QmOffsets  *self);

const char *qm_offsets_get_text        (QmOffsets  *self);
/* Length of the text in code points / bytes / UTF-16 code units. */
glong       qm_offsets_get_n_chars     (QmOffsets  *self);
gsize       qm_offsets_get_n_bytes     (QmOffsets  *self);
glong       qm_offsets_get_n_utf16     (QmOffsets  *self);

/* Offsets past the end are clamped to the end. */
gsize       qm_offsets_char_to_byte    (QmOffsets  *self,
                                        glong       char_offset);
/* A byte offset inside a character maps to that character's start. */
glong       qm_offsets_byte_to_char    (QmOffsets  *self,
                                        gsize       byte_offset);
glong       qm_offsets_char_to_utf16   (QmOffsets  *self,
                                        glong       char_offset);
/* Returns -1 when @utf16_offset falls between the halves of a surrogate pair. */
glong       qm_offsets_utf16_to_char   (QmOffsets  *self,
                                        glong       utf16_offset);

/* A newly allocated copy of the characters [start, end). */
char       *qm_offsets_slice           (QmOffsets  *self,
                                        glong       start,
                                        glong       end);

/* One-off helpers for short strings, without building an index. */
glong       qm_utf8_n_chars            (const char *text,
                                        gssize      len);
gsize       qm_utf8_char_to_byte       (const char *text,
                                        glong       char_offset);

/* Walking forward through a text without an index, for conversions made in
 * increasing order (the spans of a document as the store lists them): each
 * costs only the distance from the one before. */
typedef struct
{
  const char *text;
  const char *end;
  const char *at;
  glong       offset;   /* the code point at @at */
} QmUtf8Cursor;

void        qm_utf8_cursor_init        (QmUtf8Cursor *cursor,
                                        const char   *text,
                                        gssize        len);
/* The byte offset of @char_offset, clamped to the end; an offset before the
 * cursor's walks again from the start. */
gsize       qm_utf8_cursor_seek        (QmUtf8Cursor *cursor,
                                        glong         char_offset);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QmOffsets, qm_offsets_unref)

G_END_DECLS
