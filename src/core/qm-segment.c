/* qm-segment.c: grapheme, word and sentence boundaries and span snapping.
 *
 * Pango computes the Unicode text segmentation (UAX #29) of the whole text
 * once; every question afterwards is an array lookup by code point offset.
 * Pango already keeps combining marks (Arabic harakat, accents), emoji
 * modifiers, ZWJ sequences and, inside words, ZWNJ and tatweel together.
 */
#include "config.h"

#include <string.h>
#include <pango/pango.h>

#include "qm-segment.h"
#include "qm-text.h"

struct _QmSegmenter
{
  gatomicrefcount ref_count;
  char *text;
  glong n_chars;
  gunichar *chars;     /* n_chars code points */
  PangoLogAttr *attrs; /* n_chars + 1 entries */
};

G_DEFINE_BOXED_TYPE (QmSegmenter, qm_segmenter, qm_segmenter_ref, qm_segmenter_unref)

QmSegmenter *
qm_segmenter_new (const char *text,
                  gssize      len)
{
  QmSegmenter *self;

  g_return_val_if_fail (text != NULL || len == 0, NULL);

  if (text == NULL)
    text = "";
  if (len < 0)
    len = strlen (text);

  self = g_new0 (QmSegmenter, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->text = g_strndup (text, len);
  len = strlen (self->text); /* the text ends at a NUL byte, if any */
  self->chars = g_utf8_to_ucs4_fast (self->text, len, &self->n_chars);
  self->attrs = g_new0 (PangoLogAttr, self->n_chars + 1);
  pango_get_log_attrs (self->text, len, -1,
                       pango_language_from_string ("und"),
                       self->attrs, self->n_chars + 1);
  return self;
}

QmSegmenter *
qm_segmenter_ref (QmSegmenter *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
qm_segmenter_unref (QmSegmenter *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_free (self->text);
      g_free (self->chars);
      g_free (self->attrs);
      g_free (self);
    }
}

glong
qm_segmenter_get_n_chars (QmSegmenter *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_chars;
}

static inline const PangoLogAttr *
attr_at (QmSegmenter *self,
         glong        offset)
{
  if (offset < 0 || offset > self->n_chars)
    return NULL;
  return &self->attrs[offset];
}

gboolean
qm_segmenter_is_grapheme_boundary (QmSegmenter *self,
                                   glong        offset)
{
  const PangoLogAttr *attr;

  g_return_val_if_fail (self != NULL, FALSE);

  attr = attr_at (self, offset);
  return attr != NULL && (attr->is_cursor_position || offset == 0 || offset == self->n_chars);
}

gboolean
qm_segmenter_is_word_start (QmSegmenter *self,
                            glong        offset)
{
  const PangoLogAttr *attr;

  g_return_val_if_fail (self != NULL, FALSE);

  attr = attr_at (self, offset);
  return attr != NULL && attr->is_word_start;
}

gboolean
qm_segmenter_is_word_end (QmSegmenter *self,
                          glong        offset)
{
  const PangoLogAttr *attr;

  g_return_val_if_fail (self != NULL, FALSE);

  attr = attr_at (self, offset);
  return attr != NULL && attr->is_word_end;
}

gboolean
qm_segmenter_is_word_boundary (QmSegmenter *self,
                               glong        offset)
{
  const PangoLogAttr *attr;

  g_return_val_if_fail (self != NULL, FALSE);

  attr = attr_at (self, offset);
  return attr != NULL && (attr->is_word_boundary || offset == 0 || offset == self->n_chars);
}

gboolean
qm_segmenter_is_sentence_boundary (QmSegmenter *self,
                                   glong        offset)
{
  const PangoLogAttr *attr;

  g_return_val_if_fail (self != NULL, FALSE);

  attr = attr_at (self, offset);
  return attr != NULL && (attr->is_sentence_boundary || offset == 0 || offset == self->n_chars);
}

/* Characters trimmed from span edges: white space, invisible format
 * characters and punctuation, but not quotation marks nor the few signs
 * that belong to the word they touch (50%, #tag, @name). */
static gboolean
is_trimmable (gunichar c)
{
  if (qm_unichar_is_quote (c))
    return FALSE;
  if (g_unichar_isspace (c))
    return TRUE;

  switch (c)
    {
    case '%':
    case '#':
    case '@':
    case 0x066A: /* ARABIC PERCENT SIGN */
    case 0x2030: /* PER MILLE SIGN */
    case 0x2031: /* PER TEN THOUSAND SIGN */
    case 0x0609: /* ARABIC-INDIC PER MILLE SIGN */
    case 0x060A: /* ARABIC-INDIC PER TEN THOUSAND SIGN */
      return FALSE;
    default:
      break;
    }

  switch (g_unichar_type (c))
    {
    case G_UNICODE_FORMAT:             /* ZWSP, ZWNJ, LRM, RLM, BOM... */
    case G_UNICODE_SPACE_SEPARATOR:
    case G_UNICODE_LINE_SEPARATOR:
    case G_UNICODE_PARAGRAPH_SEPARATOR:
    case G_UNICODE_CONTROL:
    case G_UNICODE_CONNECT_PUNCTUATION:
    case G_UNICODE_DASH_PUNCTUATION:
    case G_UNICODE_OPEN_PUNCTUATION:
    case G_UNICODE_CLOSE_PUNCTUATION:
    case G_UNICODE_INITIAL_PUNCTUATION:
    case G_UNICODE_FINAL_PUNCTUATION:
    case G_UNICODE_OTHER_PUNCTUATION:
      return TRUE;
    default:
      return FALSE;
    }
}

static glong
prev_grapheme (QmSegmenter *self,
               glong        offset)
{
  do
    offset--;
  while (offset > 0 && !self->attrs[offset].is_cursor_position);
  return MAX (offset, 0);
}

static glong
next_grapheme (QmSegmenter *self,
               glong        offset)
{
  do
    offset++;
  while (offset < self->n_chars && !self->attrs[offset].is_cursor_position);
  return MIN (offset, self->n_chars);
}

/* When @offset lies strictly inside a word, the start of that word;
 * otherwise @offset itself. */
static glong
word_start_before (QmSegmenter *self,
                   glong        offset)
{
  if (self->attrs[offset].is_word_start || self->attrs[offset].is_word_end)
    return offset;
  for (glong q = offset - 1; q >= 0; q--)
    {
      if (self->attrs[q].is_word_start)
        return q;
      if (self->attrs[q].is_word_end)
        break;
    }
  return offset;
}

/* When @offset lies strictly inside a word, the end of that word;
 * otherwise @offset itself. */
static glong
word_end_after (QmSegmenter *self,
                glong        offset)
{
  if (self->attrs[offset].is_word_start || self->attrs[offset].is_word_end)
    return offset;
  for (glong q = offset + 1; q <= self->n_chars; q++)
    {
      if (self->attrs[q].is_word_end)
        return q;
      if (self->attrs[q].is_word_start)
        break;
    }
  return offset;
}

gboolean
qm_segmenter_snap (QmSegmenter *self,
                   QmSnapFlags  flags,
                   glong       *start,
                   glong       *end)
{
  glong s, e;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (start != NULL && end != NULL, FALSE);

  s = CLAMP (*start, 0, self->n_chars);
  e = CLAMP (*end, 0, self->n_chars);
  if (s > e)
    {
      glong tmp = s;
      s = e;
      e = tmp;
    }

  /* Never split a grapheme cluster: widen outward. */
  while (s > 0 && !self->attrs[s].is_cursor_position)
    s--;
  while (e < self->n_chars && !self->attrs[e].is_cursor_position)
    e++;

  if (flags & QM_SNAP_TRIM)
    {
      /* A grapheme is trimmed according to its first (base) character. */
      while (s < e && is_trimmable (self->chars[s]))
        s = next_grapheme (self, s);
      while (e > s)
        {
          glong g = prev_grapheme (self, e);

          if (!is_trimmable (self->chars[g]))
            break;
          e = g;
        }
    }

  if ((flags & QM_SNAP_WORDS) && (s < e || (flags & QM_SNAP_TRIM) == 0))
    {
      s = word_start_before (self, s);
      e = word_end_after (self, e);
    }

  if (s >= e)
    return FALSE;

  *start = s;
  *end = e;
  return TRUE;
}
