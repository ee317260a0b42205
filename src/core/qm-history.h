/* qm-history.h: undo and redo of annotation changes. Every change is written
 * to the store at once; undoing writes the inverse at once, so nothing waits
 * for a Save. Commands cover spans, their links, attributes, speakers and
 * stances, the corpus-wide speaker and target lists, and document titles. */
#pragma once

#include <gio/gio.h>
#include "qm-store.h"

G_BEGIN_DECLS

#define QM_TYPE_HISTORY (qm_history_get_type ())
G_DECLARE_FINAL_TYPE (QmHistory, qm_history, QM, HISTORY, GObject)

QmHistory  *qm_history_new             (QmStore    *store);
QmStore    *qm_history_get_store       (QmHistory  *self);

/* Each applies the change to the store (committed when it returns TRUE) and
 * records it for undo. add_span sets span->id when unset. Deleting keeps the
 * span's relations and stances so undo restores them with the same ids;
 * relabelling drops the attributes, relations and stances the new label does
 * not allow, and undo brings them back. */
gboolean    qm_history_add_span        (QmHistory  *self,
                                        QmSpan     *span,
                                        GError    **error);
gboolean    qm_history_delete_span     (QmHistory  *self,
                                        const char *span_id,
                                        GError    **error);
gboolean    qm_history_relabel_span    (QmHistory  *self,
                                        const char *span_id,
                                        const char *label,
                                        GError    **error);

/* Attribution and stance: each is one undoable command written at once,
 * recorded as a change of one span (the relation's source, the quote of a
 * stance), so undo/redo follow that span. A relation is checked against the
 * schema (attributed_to Quote → Speaker, has_cue Quote → Cue), and linking
 * the same two spans twice with one type is QM_ERROR_DUPLICATE;
 * add_relation sets relation->id when unset. */
gboolean    qm_history_add_relation    (QmHistory  *self,
                                        QmRelation *relation,
                                        GError    **error);
gboolean    qm_history_delete_relation (QmHistory  *self,
                                        const char *relation_id,
                                        GError    **error);
/* Sets (or with @value NULL removes) one attribute of a span. */
gboolean    qm_history_set_attribute   (QmHistory  *self,
                                        const char *span_id,
                                        const char *name,
                                        const char *value,
                                        GError    **error);
/* Points a Speaker span at an entity (NULL: none). */
gboolean    qm_history_set_entity      (QmHistory  *self,
                                        const char *span_id,
                                        const char *entity_id,
                                        GError    **error);
/* Replaces the judgement of (quote, target, annotator) or adds it. */
gboolean    qm_history_set_stance      (QmHistory  *self,
                                        QmStance   *stance,
                                        GError    **error);
gboolean    qm_history_delete_stance   (QmHistory  *self,
                                        const char *span_id,
                                        const char *target_id,
                                        const char *annotator,
                                        GError    **error);

/* Corpus-wide speakers and targets. create_entity sets entity->id when
 * unset; save_entity renames and replaces the aliases. Merging moves every
 * mention (stance) of @from_id to @into_id, keeps @from_id's names as
 * aliases and deletes it; undo restores both as they were, with the same
 * ids, and points every moved mention (stance) back at @from_id.
 * create_target returns the existing target, and records nothing, when
 * one has that name already. These commands belong to no document: the
 * undo/redo document and span ids are NULL while one is on top. */
gboolean    qm_history_create_entity   (QmHistory  *self,
                                        QmEntity   *entity,
                                        GError    **error);
gboolean    qm_history_save_entity     (QmHistory  *self,
                                        QmEntity   *entity,
                                        GError    **error);
gboolean    qm_history_merge_entities  (QmHistory  *self,
                                        const char *into_id,
                                        const char *from_id,
                                        GError    **error);
QmTarget   *qm_history_create_target   (QmHistory  *self,
                                        const char *name,
                                        GError    **error);
gboolean    qm_history_rename_target   (QmHistory  *self,
                                        const char *target_id,
                                        const char *name,
                                        GError    **error);
gboolean    qm_history_merge_targets   (QmHistory  *self,
                                        const char *into_id,
                                        const char *from_id,
                                        GError    **error);

/* Gives a document a new title (see qm_store_set_document_title() for what
 * is refused); undo puts the old one back as it was. A title that the
 * store would write as the document has it already records nothing. The
 * undo/redo document id is @document_id, the span id NULL. */
gboolean    qm_history_rename_document (QmHistory  *self,
                                        const char *document_id,
                                        const char *title,
                                        GError    **error);

/* Makes the commands run until end_group one step of undo and redo,
 * described as the last of them: a speaker created for a mention and then
 * set on it are undone together. Each command is still written (and
 * "changed" emitted) as it runs; a group holding one command is that
 * command. Groups do not nest. */
void        qm_history_begin_group     (QmHistory  *self);
void        qm_history_end_group       (QmHistory  *self);

gboolean    qm_history_can_undo        (QmHistory  *self);
gboolean    qm_history_can_redo        (QmHistory  *self);
/* A short translated description of what undo/redo would do ("Undo Quote"). */
const char *qm_history_get_undo_label  (QmHistory  *self);
const char *qm_history_get_redo_label  (QmHistory  *self);
gboolean    qm_history_undo            (QmHistory  *self,
                                        GError    **error);
gboolean    qm_history_redo            (QmHistory  *self,
                                        GError    **error);

/* What undo/redo would touch: the document and the span of the command on
 * top of each stack (NULL when empty), so a view can follow the change. */
const char *qm_history_get_undo_document_id (QmHistory *self);
const char *qm_history_get_redo_document_id (QmHistory *self);
const char *qm_history_get_undo_span_id     (QmHistory *self);
const char *qm_history_get_redo_span_id     (QmHistory *self);
/* Forgets every command (when the corpus is closed); the store is untouched. */
void        qm_history_clear               (QmHistory *self);

/* Signals:
 * "changed" (const char *document_id): after any apply, undo or redo, so the
 *   views showing that document refresh their spans. Also notifies
 *   "can-undo" and "can-redo" properties.
 * "corpus-changed" (): after a change of speakers or targets (create,
 *   rename, merge), which may touch every document; "changed" is also
 *   emitted for each document whose spans it touched.
 * "document-renamed" (const char *document_id, const char *title): after a
 *   document's title changed (rename, undo, redo); title NULL for none.
 *   "changed" is not emitted for it: the spans stay as they were. */

G_END_DECLS
