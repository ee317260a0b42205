/* qm-quote-list.h: quotes as a GListModel of QmQuoteItem, each with its
 * text, document, speaker, cue and stance judgements: either the quotes of
 * one document (one annotator's, as the document view shows them) or every
 * quote attributed to one speaker entity across the corpus. It follows the
 * history; unchanged quotes keep their items. */
#pragma once

#include <gio/gio.h>
#include "qm-history.h"

G_BEGIN_DECLS

#define QM_TYPE_QUOTE_ITEM (qm_quote_item_get_type ())
G_DECLARE_FINAL_TYPE (QmQuoteItem, qm_quote_item, QM, QUOTE_ITEM, GObject)

const char *qm_quote_item_get_span_id        (QmQuoteItem *self);
const char *qm_quote_item_get_document_id    (QmQuoteItem *self);
const char *qm_quote_item_get_document_title (QmQuoteItem *self);
glong       qm_quote_item_get_start          (QmQuoteItem *self);
glong       qm_quote_item_get_end            (QmQuoteItem *self);
/* Who marked the quote. */
const char *qm_quote_item_get_annotator      (QmQuoteItem *self);
/* The quoted text as it is in the document. */
const char *qm_quote_item_get_text           (QmQuoteItem *self);
/* The text on one line, cut after about 120 characters with "…". */
const char *qm_quote_item_get_snippet        (QmQuoteItem *self);
/* Who said it: the names of the entities of the linked Speaker spans, or
 * their text when they have no entity, joined with ", "; "" when the quote
 * is not attributed. */
const char *qm_quote_item_get_speaker        (QmQuoteItem *self);
/* The entity of the first linked speaker, or NULL. */
const char *qm_quote_item_get_entity_id      (QmQuoteItem *self);
/* The text of the linked cues, joined with ", "; "" when none. */
const char *qm_quote_item_get_cue            (QmQuoteItem *self);
/* Of QmStance, ordered by target name then annotator. */
GPtrArray  *qm_quote_item_get_stances        (QmQuoteItem *self);
/* The value judged toward @target_id ("favor"), the first annotator's when
 * several judged it, or NULL. */
const char *qm_quote_item_get_stance         (QmQuoteItem *self,
                                              const char  *target_id);

#define QM_TYPE_QUOTE_LIST (qm_quote_list_get_type ())
G_DECLARE_FINAL_TYPE (QmQuoteList, qm_quote_list, QM, QUOTE_LIST, GObject)

/* The quotes of a document in reading order; @annotator NULL: everyone's. */
QmQuoteList *qm_quote_list_new_for_document (QmHistory   *history,
                                             const char  *document_id,
                                             const char  *annotator);
/* The quotes attributed to an entity, by document (import order) then
 * position; empty when the entity is gone (merged into another). */
QmQuoteList *qm_quote_list_new_for_entity   (QmHistory   *history,
                                             const char  *entity_id);
gboolean     qm_quote_list_reload           (QmQuoteList *self,
                                             GError     **error);
/* The position of the quote with @span_id, or G_MAXUINT. */
guint        qm_quote_list_find             (QmQuoteList *self,
                                             const char  *span_id);
const char  *qm_quote_list_get_document_id  (QmQuoteList *self);
const char  *qm_quote_list_get_entity_id    (QmQuoteList *self);

/* Signals:
 * "failed" (GError *error): a reload after a change in the history failed;
 *   the list shows what it showed before. */

G_END_DECLS
