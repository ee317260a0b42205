/* qm-segment.h: grapheme, word and sentence boundaries of a text (Unicode
 * text segmentation, as Pango computes it), and the span snapping rules built
 * on them. All offsets are code points.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define QM_TYPE_SEGMENTER (qm_segmenter_get_type ())

typedef struct _QmSegmenter QmSegmenter;

typedef enum
{
  QM_SNAP_GRAPHEMES = 0,      /* always applied */
  QM_SNAP_WORDS     = 1 << 0, /* grow to whole words */
  QM_SNAP_TRIM      = 1 << 1, /* drop leading/trailing space and punctuation other than quotation marks */
} QmSnapFlags;

GType        qm_segmenter_get_type             (void) G_GNUC_CONST;
/* @text must be valid UTF-8; the segmenter keeps its own copy. */
QmSegmenter *qm_segmenter_new                  (const char  *text,
                                                gssize       len);
QmSegmenter *qm_segmenter_ref                  (QmSegmenter *self);
void         qm_segmenter_unref                (QmSegmenter *self);

glong        qm_segmenter_get_n_chars          (QmSegmenter *self);
gboolean     qm_segmenter_is_grapheme_boundary (QmSegmenter *self,
                                                glong        offset);
gboolean     qm_segmenter_is_word_start        (QmSegmenter *self,
                                                glong        offset);
gboolean     qm_segmenter_is_word_end          (QmSegmenter *self,
                                                glong        offset);
gboolean     qm_segmenter_is_word_boundary     (QmSegmenter *self,
                                                glong        offset);
gboolean     qm_segmenter_is_sentence_boundary (QmSegmenter *self,
                                                glong        offset);

/* Adjusts [*start, *end) following @flags. Returns FALSE when nothing is left
 * (for instance a selection of spaces only); then *start and *end are unchanged.
 * Offsets are clamped to [0, n_chars] and put in order first. Grapheme
 * clusters are never split: the span only grows to their edges. Trimming
 * works grapheme by grapheme and keeps quotation marks and the signs that
 * belong to a word (% ٪ ‰ # @). With QM_SNAP_WORDS an edge strictly inside a
 * word moves out to that word's edge (so an empty span inside a word grows to
 * the word, unless QM_SNAP_TRIM is also given). */
gboolean     qm_segmenter_snap                 (QmSegmenter *self,
                                                QmSnapFlags  flags,
                                                glong       *start,
                                                glong       *end);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QmSegmenter, qm_segmenter_unref)

G_END_DECLS
