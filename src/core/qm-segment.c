/* qm-segment.c: grapheme, word and sentence boundaries and span snapping.
 *
 * Pango computes the Unicode text segmentation (UAX #29), a paragraph at a
 * time as questions reach it, and every question is then an array lookup by
 * code point offset: opening a long article costs nothing until a span is
 * marked, and then only its paragraph. A line feed ends a grapheme, a word
 * and a sentence alike, so paragraphs split after one get the same answers
 * as the whole text (tests/test-segment.c compares them). Pango already
 * keeps combining marks (Arabic harakat, accents), emoji modifiers, ZWJ
 * sequences and, inside words, ZWNJ and tatweel together.
 *
 * A segmenter fills itself in as it is asked, so it is not for several
 * threads at once.
 */
#include "config.h"

#include <string.h>
#include <pango/pango.h>

#include "qm-segment.h"
#include "qm-text.h"

typedef struct
{
  glong start;        /* code point offset of its first character */
  gsize byte;         /* and byte offset */
  gboolean done;      /* its attributes are computed */
} Paragraph;

struct _QmSegmenter
{
  gatomicrefcount ref_count;
  char *text;
  gsize n_bytes;
  /* The rest is filled in by ensure_index() at the first question. */
  gboolean indexed;
  glong n_chars;
  gunichar *chars;     /* n_chars code points */
  PangoLogAttr *attrs; /* n_chars + 1 entries, paragraph by paragraph */
  GArray *paragraphs;  /* of Paragraph, in order */
  guint last;          /* the paragraph asked about last */
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
  self->n_bytes = strlen (self->text); /* the text ends at a NUL byte, if any */
  return self;
}

static void
ensure_index (QmSegmenter *self)
{
  Paragraph paragraph = { 0, 0, FALSE };
  const char *p;

  if (self->indexed)
    return;
  self->indexed = TRUE;

  self->chars = g_utf8_to_ucs4_fast (self->text, self->n_bytes, &self->n_chars);
  /* Zeroed pages cost nothing until a paragraph is computed into them. */
  self->attrs = g_new0 (PangoLogAttr, self->n_chars + 1);
  self->paragraphs = g_array_new (FALSE, FALSE, sizeof (Paragraph));
  g_array_append_val (self->paragraphs, paragraph);

  p = self->text;
  for (glong i = 0; i < self->n_chars; i++)
    {
      const char *next = g_utf8_next_char (p);

      if (self->chars[i] == '\n' && i + 1 < self->n_chars)
        {
          paragraph.start = i + 1;
          paragraph.byte = next - self->text;
          g_array_append_val (self->paragraphs, paragraph);
        }
      p = next;
    }
}

static void
compute_paragraph (QmSegmenter *self,
                   guint        index)
{
  Paragraph *paragraph = &g_array_index (self->paragraphs, Paragraph, index);
  gboolean last = index + 1 == self->paragraphs->len;
  glong end = last ? self->n_chars : g_array_index (self->paragraphs, Paragraph, index + 1).start;
  gsize end_byte = last ? self->n_bytes : g_array_index (self->paragraphs, Paragraph, index + 1).byte;
  glong n = end - paragraph->start;
  g_autofree PangoLogAttr *attrs = g_new0 (PangoLogAttr, n + 1);

  pango_get_log_attrs (self->text + paragraph->byte, end_byte - paragraph->byte, -1,
                       pango_language_from_string ("und"), attrs, n + 1);
  /* The position after the line feed belongs to the next paragraph, where
   * it is a start, as it is in the whole text; the very end to the last. */
  memcpy (self->attrs + paragraph->start, attrs, (last ? n + 1 : n) * sizeof (PangoLogAttr));
  paragraph->done = TRUE;
}

/* The attributes at @offset (0 ... n_chars), computed if need be. */
static const PangoLogAttr *
attrs_at (QmSegmenter *self,
          glong        offset)
{
  GArray *paragraphs;
  guint lo, hi;

  ensure_index (self);
  paragraphs = self->paragraphs;

  /* Questions come in runs about one place: try the last paragraph first. */
  lo = self->last;
  if (!(g_array_index (paragraphs, Paragraph, lo).start <= offset
        && (lo + 1 == paragraphs->len || offset < g_array_index (paragraphs, Paragraph, lo + 1).start)))
    {
      lo = 0;
      hi = paragraphs->len;
      while (hi - lo > 1)
        {
          guint mid = (lo + hi) / 2;

          if (g_array_index (paragraphs, Paragraph, mid).start <= offset)
            lo = mid;
          else
            hi = mid;
        }
      self->last = lo;
    }
  if (!g_array_index (paragraphs, Paragraph, lo).done)
    compute_paragraph (self, lo);
  return &self->attrs[offset];
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
      g_clear_pointer (&self->paragraphs, g_array_unref);
      g_free (self);
    }
}

glong
qm_segmenter_get_n_chars (QmSegmenter *self)
{
  g_return_val_if_fail (self != NULL, 0);

  ensure_index (self);
  return self->n_chars;
}

static inline const PangoLogAttr *
attr_at (QmSegmenter *self,
         glong        offset)
{
  ensure_index (self);
  if (offset < 0 || offset > self->n_chars)
    return NULL;
  return attrs_at (self, offset);
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
  while (offset > 0 && !attrs_at (self, offset)->is_cursor_position);
  return MAX (offset, 0);
}

static glong
next_grapheme (QmSegmenter *self,
               glong        offset)
{
  do
    offset++;
  while (offset < self->n_chars && !attrs_at (self, offset)->is_cursor_position);
  return MIN (offset, self->n_chars);
}

/* When @offset lies strictly inside a word, the start of that word;
 * otherwise @offset itself. */
static glong
word_start_before (QmSegmenter *self,
                   glong        offset)
{
  if (attrs_at (self, offset)->is_word_start || attrs_at (self, offset)->is_word_end)
    return offset;
  for (glong q = offset - 1; q >= 0; q--)
    {
      if (attrs_at (self, q)->is_word_start)
        return q;
      if (attrs_at (self, q)->is_word_end)
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
  if (attrs_at (self, offset)->is_word_start || attrs_at (self, offset)->is_word_end)
    return offset;
  for (glong q = offset + 1; q <= self->n_chars; q++)
    {
      if (attrs_at (self, q)->is_word_end)
        return q;
      if (attrs_at (self, q)->is_word_start)
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

  ensure_index (self);
  s = CLAMP (*start, 0, self->n_chars);
  e = CLAMP (*end, 0, self->n_chars);
  if (s > e)
    {
      glong tmp = s;
      s = e;
      e = tmp;
    }

  /* Never split a grapheme cluster: widen outward. */
  while (s > 0 && !attrs_at (self, s)->is_cursor_position)
    s--;
  while (e < self->n_chars && !attrs_at (self, e)->is_cursor_position)
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
