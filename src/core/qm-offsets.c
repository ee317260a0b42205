/* qm-offsets.c: code point <-> UTF-8 byte <-> UTF-16 offset conversions.
 *
 * The index keeps a checkpoint every QM_OFFSETS_STRIDE code points holding
 * the byte and UTF-16 offsets of that code point, so that any conversion
 * jumps to a checkpoint (directly for code points, by binary search for bytes
 * and UTF-16 units) and then walks at most QM_OFFSETS_STRIDE - 1 characters.
 * Texts made only of ASCII need no checkpoints at all.
 */
#include "config.h"

#include <string.h>

#include "qm-offsets.h"

#define QM_OFFSETS_STRIDE 64

typedef struct
{
  gsize byte;
  glong utf16;
} Checkpoint;

struct _QmOffsets
{
  gatomicrefcount ref_count;
  const char *text;
  gsize n_bytes;
  glong n_chars;
  glong n_utf16;
  gboolean ascii;          /* code point, byte and UTF-16 offsets coincide */
  Checkpoint *checkpoints; /* checkpoints[k] describes code point k * STRIDE */
  glong n_checkpoints;
};

G_DEFINE_BOXED_TYPE (QmOffsets, qm_offsets, qm_offsets_ref, qm_offsets_unref)

/* Length in bytes of the UTF-8 sequence starting with @lead. */
static inline guint
utf8_len (guchar lead)
{
  return g_utf8_skip[lead];
}

/* UTF-16 code units of the character whose UTF-8 sequence starts with @lead:
 * only four-byte sequences (beyond the BMP) need a surrogate pair. */
static inline guint
utf16_len (guchar lead)
{
  return lead >= 0xF0 ? 2 : 1;
}

QmOffsets *
qm_offsets_new (const char *text,
                gssize      len)
{
  QmOffsets *self;
  const guchar *p;
  const guchar *end;
  glong n_chars = 0;
  glong n_utf16 = 0;
  gboolean ascii = TRUE;
  Checkpoint *checkpoints;
  glong n_checkpoints = 0;

  g_return_val_if_fail (text != NULL || len == 0, NULL);

  if (text == NULL)
    text = "";
  if (len < 0)
    len = strlen (text);

  self = g_new0 (QmOffsets, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->text = text;
  self->n_bytes = len;

  /* A first pass for the pure ASCII case, which needs no index. */
  for (gssize i = 0; i < len; i++)
    if ((guchar) text[i] >= 0x80)
      {
        ascii = FALSE;
        break;
      }

  if (ascii)
    {
      self->ascii = TRUE;
      self->n_chars = len;
      self->n_utf16 = len;
      return self;
    }

  /* A checkpoint, then up to QM_OFFSETS_STRIDE characters, and so on: no
   * division per character, and at most one checkpoint per character. */
  checkpoints = g_new (Checkpoint, len / QM_OFFSETS_STRIDE + 2);
  p = (const guchar *) text;
  end = p + len;
  while (p < end)
    {
      guint i;

      checkpoints[n_checkpoints].byte = p - (const guchar *) text;
      checkpoints[n_checkpoints].utf16 = n_utf16;
      n_checkpoints++;

      for (i = 0; i < QM_OFFSETS_STRIDE && p < end; i++)
        {
          guint n = utf8_len (*p);

          n_utf16 += utf16_len (*p);
          /* A truncated sequence at the very end still counts as one character. */
          if ((gsize) (end - p) < n)
            p = end;
          else
            p += n;
        }
      n_chars += i;
    }
  if (n_chars % QM_OFFSETS_STRIDE == 0)
    {
      checkpoints[n_checkpoints].byte = len;
      checkpoints[n_checkpoints].utf16 = n_utf16;
      n_checkpoints++;
    }

  self->n_chars = n_chars;
  self->n_utf16 = n_utf16;
  self->n_checkpoints = n_checkpoints;
  self->checkpoints = checkpoints;
  return self;
}

QmOffsets *
qm_offsets_ref (QmOffsets *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
qm_offsets_unref (QmOffsets *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_free (self->checkpoints);
      g_free (self);
    }
}

const char *
qm_offsets_get_text (QmOffsets *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->text;
}

glong
qm_offsets_get_n_chars (QmOffsets *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_chars;
}

gsize
qm_offsets_get_n_bytes (QmOffsets *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_bytes;
}

glong
qm_offsets_get_n_utf16 (QmOffsets *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_utf16;
}

static inline glong
clamp_char (QmOffsets *self,
            glong      char_offset)
{
  return CLAMP (char_offset, 0, self->n_chars);
}

/* Byte offset of the start of the character after the one at @byte. */
static inline gsize
next_byte (QmOffsets *self,
           gsize      byte)
{
  gsize n = utf8_len ((guchar) self->text[byte]);

  return MIN (byte + n, self->n_bytes);
}

gsize
qm_offsets_char_to_byte (QmOffsets *self,
                         glong      char_offset)
{
  const Checkpoint *cp;
  gsize byte;

  g_return_val_if_fail (self != NULL, 0);

  char_offset = clamp_char (self, char_offset);
  if (self->ascii)
    return char_offset;
  if (char_offset == self->n_chars)
    return self->n_bytes;

  cp = &self->checkpoints[char_offset / QM_OFFSETS_STRIDE];
  byte = cp->byte;
  for (glong i = char_offset % QM_OFFSETS_STRIDE; i > 0; i--)
    byte = next_byte (self, byte);
  return byte;
}

glong
qm_offsets_byte_to_char (QmOffsets *self,
                         gsize      byte_offset)
{
  glong lo, hi;
  glong char_offset;
  gsize byte;

  g_return_val_if_fail (self != NULL, 0);

  if (byte_offset >= self->n_bytes)
    return self->n_chars;
  if (self->ascii)
    return byte_offset;

  /* The last checkpoint at or before @byte_offset. */
  lo = 0;
  hi = self->n_checkpoints - 1;
  while (lo < hi)
    {
      glong mid = lo + (hi - lo + 1) / 2;

      if (self->checkpoints[mid].byte <= byte_offset)
        lo = mid;
      else
        hi = mid - 1;
    }

  char_offset = lo * QM_OFFSETS_STRIDE;
  byte = self->checkpoints[lo].byte;
  for (;;)
    {
      gsize next = next_byte (self, byte);

      if (next > byte_offset)
        break;
      byte = next;
      char_offset++;
    }
  return char_offset;
}

glong
qm_offsets_char_to_utf16 (QmOffsets *self,
                          glong      char_offset)
{
  const Checkpoint *cp;
  gsize byte;
  glong utf16;

  g_return_val_if_fail (self != NULL, 0);

  char_offset = clamp_char (self, char_offset);
  if (self->ascii)
    return char_offset;
  if (char_offset == self->n_chars)
    return self->n_utf16;

  cp = &self->checkpoints[char_offset / QM_OFFSETS_STRIDE];
  byte = cp->byte;
  utf16 = cp->utf16;
  for (glong i = char_offset % QM_OFFSETS_STRIDE; i > 0; i--)
    {
      utf16 += utf16_len ((guchar) self->text[byte]);
      byte = next_byte (self, byte);
    }
  return utf16;
}

glong
qm_offsets_utf16_to_char (QmOffsets *self,
                          glong      utf16_offset)
{
  glong lo, hi;
  glong char_offset;
  glong utf16;
  gsize byte;

  g_return_val_if_fail (self != NULL, 0);

  if (utf16_offset <= 0)
    return 0;
  if (utf16_offset >= self->n_utf16)
    return self->n_chars;
  if (self->ascii)
    return utf16_offset;

  lo = 0;
  hi = self->n_checkpoints - 1;
  while (lo < hi)
    {
      glong mid = lo + (hi - lo + 1) / 2;

      if (self->checkpoints[mid].utf16 <= utf16_offset)
        lo = mid;
      else
        hi = mid - 1;
    }

  char_offset = lo * QM_OFFSETS_STRIDE;
  byte = self->checkpoints[lo].byte;
  utf16 = self->checkpoints[lo].utf16;
  while (utf16 < utf16_offset)
    {
      utf16 += utf16_len ((guchar) self->text[byte]);
      if (utf16 > utf16_offset)
        return -1; /* between the halves of a surrogate pair */
      byte = next_byte (self, byte);
      char_offset++;
    }
  return char_offset;
}

char *
qm_offsets_slice (QmOffsets *self,
                  glong      start,
                  glong      end)
{
  gsize start_byte, end_byte;

  g_return_val_if_fail (self != NULL, NULL);

  start = clamp_char (self, start);
  end = clamp_char (self, end);
  if (end < start)
    end = start;
  start_byte = qm_offsets_char_to_byte (self, start);
  end_byte = qm_offsets_char_to_byte (self, end);
  return g_strndup (self->text + start_byte, end_byte - start_byte);
}

glong
qm_utf8_n_chars (const char *text,
                 gssize      len)
{
  const guchar *p = (const guchar *) text;
  const guchar *end;
  glong n = 0;

  if (text == NULL)
    return 0;
  if (len < 0)
    len = strlen (text);

  end = p + len;
  while (p < end)
    {
      guint step = utf8_len (*p);

      n++;
      if ((gsize) (end - p) < step)
        break;
      p += step;
    }
  return n;
}

gsize
qm_utf8_char_to_byte (const char *text,
                      glong       char_offset)
{
  const char *p = text;

  if (text == NULL)
    return 0;

  for (glong i = 0; i < char_offset && *p != '\0'; i++)
    {
      guint step = utf8_len ((guchar) *p);

      /* Do not run past the terminating NUL on a truncated sequence. */
      while (step > 0 && *p != '\0')
        {
          p++;
          step--;
        }
    }
  return p - text;
}

void
qm_utf8_cursor_init (QmUtf8Cursor *cursor,
                     const char   *text,
                     gssize        len)
{
  g_return_if_fail (cursor != NULL);

  if (text == NULL)
    text = "";
  if (len < 0)
    len = strlen (text);
  cursor->text = text;
  cursor->end = text + len;
  cursor->at = text;
  cursor->offset = 0;
}

gsize
qm_utf8_cursor_seek (QmUtf8Cursor *cursor,
                     glong         char_offset)
{
  const char *p;
  glong offset;

  g_return_val_if_fail (cursor != NULL, 0);

  if (char_offset < cursor->offset)
    {
      cursor->at = cursor->text;
      cursor->offset = 0;
    }

  p = cursor->at;
  offset = cursor->offset;
  while (offset < char_offset && p < cursor->end)
    {
      guint n = utf8_len ((guchar) *p);

      /* A truncated sequence at the very end counts as one character, as
       * in the index. */
      if ((gsize) (cursor->end - p) < n)
        p = cursor->end;
      else
        p += n;
      offset++;
    }
  cursor->at = p;
  cursor->offset = offset;
  return p - cursor->text;
}
