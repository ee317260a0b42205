/* qm-store.h: a corpus file (SQLite) and every read and write of it.
 *
 * A corpus is the user's work. Opening never changes a file that is not ours
 * (checked before SQLite may create a WAL or journal beside it), never
 * migrates a file written by a newer version, and every write is one
 * BEGIN IMMEDIATE transaction with synchronous=FULL, so what a call reported
 * as done survives a crash. Offsets are code points throughout.
 */
#pragma once

#include <gio/gio.h>
#include "qm-document.h"
#include "qm-records.h"
#include "qm-schema.h"

G_BEGIN_DECLS

typedef enum
{
  QM_STORE_OPEN_DEFAULT   = 0,
  QM_STORE_OPEN_CREATE    = 1 << 0, /* create the corpus when the file does not exist */
  QM_STORE_OPEN_READ_ONLY = 1 << 1,
} QmStoreOpenFlags;

/* The "application_id" of our files: 'QMRK'. */
#define QM_STORE_APPLICATION_ID 0x514D524B
/* The schema version this build writes; see qm-store-migrations.c. */
#define QM_STORE_SCHEMA_VERSION 2

#define QM_TYPE_STORE (qm_store_get_type ())
G_DECLARE_FINAL_TYPE (QmStore, qm_store, QM, STORE, GObject)

/* Errors: QM_ERROR_NOT_A_CORPUS, QM_ERROR_CORRUPT, QM_ERROR_NEWER_VERSION,
 * QM_ERROR_READ_ONLY, G_IO_ERROR_NOT_FOUND; each message names the file. */
QmStore    *qm_store_open                (const char       *path,
                                          QmStoreOpenFlags  flags,
                                          GError          **error);
const char *qm_store_get_path            (QmStore          *self);
gboolean    qm_store_is_read_only        (QmStore          *self);
void        qm_store_close               (QmStore          *self);

/* Explicit transactions group many writes (an import batch) into one commit.
 * Write calls made inside one do not open their own; outside one, each write
 * call is its own BEGIN IMMEDIATE ... COMMIT. Nested begin is an error. */
gboolean    qm_store_begin               (QmStore          *self,
                                          GError          **error);
gboolean    qm_store_commit              (QmStore          *self,
                                          GError          **error);
void        qm_store_rollback            (QmStore          *self);
gboolean    qm_store_in_transaction      (QmStore          *self);
/* A read transaction for work that reads much (an export): every read until
 * qm_store_end_read() sees the corpus as it was at the first one, and SQLite
 * locks the file once rather than for every statement. Inside a write
 * transaction both do nothing. No writes until it ends. */
gboolean    qm_store_begin_read          (QmStore          *self,
                                          GError          **error);
void        qm_store_end_read            (QmStore          *self);
/* Savepoints inside a transaction: all of one document or nothing. */
gboolean    qm_store_savepoint           (QmStore          *self,
                                          const char       *name,
                                          GError          **error);
gboolean    qm_store_release             (QmStore          *self,
                                          const char       *name,
                                          GError          **error);
/* Undoes everything since the savepoint and releases it. */
void        qm_store_rollback_to         (QmStore          *self,
                                          const char       *name);

/* PRAGMA integrity_check and foreign_key_check, plus our own rules (spans
 * inside their text, on valid labels). Returns FALSE with @problems filled
 * (human-readable lines) when anything is wrong. */
gboolean    qm_store_check               (QmStore          *self,
                                          GPtrArray       **problems,
                                          GError          **error);

/* --- schema --- */
QmSchema   *qm_store_get_schema          (QmStore          *self);   /* borrowed */
gboolean    qm_store_set_schema          (QmStore          *self,
                                          QmSchema         *schema,
                                          GError          **error);

/* --- documents --- */
/* The document must have text; id is generated from the hash when unset.
 * QM_ERROR_DUPLICATE when a document with the same sha256 or id exists. */
gboolean    qm_store_add_document        (QmStore          *self,
                                          QmDocument       *document,
                                          GError          **error);
/* With text. QM_ERROR_NOT_FOUND when absent. */
QmDocument *qm_store_get_document        (QmStore          *self,
                                          const char       *id,
                                          GError          **error);
/* The id of the document with this text hash, or NULL. */
char       *qm_store_find_document_by_sha256 (QmStore      *self,
                                          const char       *sha256,
                                          GError          **error);
guint       qm_store_count_documents     (QmStore          *self,
                                          GError          **error);
/* Documents in import order without text, @n_quotes and @status filled for
 * @annotator (any annotator's quotes, and status "new" when NULL).
 * @limit 0 means all. */
GPtrArray  *qm_store_list_documents      (QmStore          *self,
                                          const char       *annotator,
                                          guint             offset,
                                          guint             limit,
                                          GError          **error);
gboolean    qm_store_delete_document     (QmStore          *self,
                                          const char       *id,
                                          GError          **error);
/* Gives the document @id a new title, found by search from then on
 * instead of the old one. The title is stored as one line, white space
 * collapsed (qm_text_clean_title()); QM_ERROR_INVALID_DATA when that
 * leaves it empty or longer than QM_TEXT_TITLE_MAX_CHARS characters,
 * QM_ERROR_INVALID_TEXT when it is not UTF-8, QM_ERROR_NOT_FOUND when
 * there is no such document; the messages name the corpus and the id. */
gboolean    qm_store_set_document_title  (QmStore          *self,
                                          const char       *id,
                                          const char       *title,
                                          GError          **error);
/* Puts back a title exactly as it was before a rename (NULL: none), for
 * undo: titles given at import are not held to the rules of a rename. */
gboolean    qm_store_restore_document_title (QmStore       *self,
                                          const char       *id,
                                          const char       *title,
                                          GError          **error);

/* Full-text search of titles and texts. The query is what the user typed:
 * it is folded like qm_text_fold() and cut into words (runs of letters,
 * marks and digits); a document matches when, for every word, one of its
 * words starts with it, or, for Arabic, one of its words does after leading
 * clitics (و ف ب ك ل س and the article). So matches are always substrings of
 * the folded text: case, harakat and tatweel do not matter, and "رئيس"
 * finds "والرئيس". Words longer than 64 characters count by their first 64.
 * A query without any word (empty, only punctuation) filters nothing: the
 * result is NULL and @error stays unset.
 * Returns the ids (char *) of the matching documents in import order. */
GPtrArray  *qm_store_search_documents    (QmStore          *self,
                                          const char       *query,
                                          GError          **error);
/* The same search, giving the positions (guint, ascending) of the matches
 * among all documents in import order, as qm_store_list_documents() counts
 * offsets; a lazily read list needs no id to find where a match is. */
GArray     *qm_store_search_positions    (QmStore          *self,
                                          const char       *query,
                                          GError          **error);

gboolean    qm_store_set_status          (QmStore          *self,
                                          const char       *document_id,
                                          const char       *annotator,
                                          QmStatus          status,
                                          GError          **error);
QmStatus    qm_store_get_status          (QmStore          *self,
                                          const char       *document_id,
                                          const char       *annotator,
                                          GError          **error);
/* annotator -> QmStatus (as GINT_TO_POINTER) of every annotator with a status. */
GHashTable *qm_store_get_statuses        (QmStore          *self,
                                          const char       *document_id,
                                          GError          **error);

/* --- spans --- */
/* Checks the label against the schema, 0 <= start < end <= n_chars and
 * that the document exists. Fills id, created, modified when unset. */
gboolean    qm_store_add_span            (QmStore          *self,
                                          QmSpan           *span,
                                          GError          **error);
/* Writes label, attributes and entity_id (offsets and document stay). */
gboolean    qm_store_update_span         (QmStore          *self,
                                          QmSpan           *span,
                                          GError          **error);
/* Removes the span with its relations and stances. */
gboolean    qm_store_delete_span         (QmStore          *self,
                                          const char       *span_id,
                                          GError          **error);
QmSpan     *qm_store_get_span            (QmStore          *self,
                                          const char       *span_id,
                                          GError          **error);
/* Ordered by start, then longer first, then id. @annotator NULL: all. */
GPtrArray  *qm_store_list_spans          (QmStore          *self,
                                          const char       *document_id,
                                          const char       *annotator,
                                          GError          **error);

/* --- relations --- */
/* Checks the type against the schema and that both spans exist in the same document. */
gboolean    qm_store_add_relation        (QmStore          *self,
                                          QmRelation       *relation,
                                          GError          **error);
gboolean    qm_store_delete_relation     (QmStore          *self,
                                          const char       *relation_id,
                                          GError          **error);
/* Relations among the spans of a document, ordered by id. */
GPtrArray  *qm_store_list_relations      (QmStore          *self,
                                          const char       *document_id,
                                          const char       *annotator,
                                          GError          **error);
/* QM_ERROR_NOT_FOUND when absent. */
QmRelation *qm_store_get_relation        (QmStore          *self,
                                          const char       *relation_id,
                                          GError          **error);

/* --- speaker entities --- */
/* Inserts or, when the id exists, replaces name and aliases. */
gboolean    qm_store_save_entity         (QmStore          *self,
                                          QmEntity         *entity,
                                          GError          **error);
QmEntity   *qm_store_get_entity          (QmStore          *self,
                                          const char       *entity_id,
                                          GError          **error);
GPtrArray  *qm_store_list_entities       (QmStore          *self,
                                          GError          **error);
/* Entities whose name or an alias equals @name after qm_text_fold(). */
GPtrArray  *qm_store_find_entities       (QmStore          *self,
                                          const char       *name,
                                          GError          **error);
/* Every mention of @from refers to @into afterwards; @from's names become
 * aliases of @into and @from is deleted. */
gboolean    qm_store_merge_entities      (QmStore          *self,
                                          const char       *into_id,
                                          const char       *from_id,
                                          GError          **error);
gboolean    qm_store_delete_entity       (QmStore          *self,
                                          const char       *entity_id,
                                          GError          **error);
/* The spans that refer to the entity, in every document, ordered by
 * document then start. */
GPtrArray  *qm_store_list_mentions       (QmStore          *self,
                                          const char       *entity_id,
                                          GError          **error);

/* --- stance targets and judgements --- */
/* Returns the target with this name, created when missing. */
QmTarget   *qm_store_ensure_target       (QmStore          *self,
                                          const char       *name,
                                          GError          **error);
GPtrArray  *qm_store_list_targets        (QmStore          *self,
                                          GError          **error);
gboolean    qm_store_rename_target       (QmStore          *self,
                                          const char       *target_id,
                                          const char       *name,
                                          GError          **error);
gboolean    qm_store_merge_targets       (QmStore          *self,
                                          const char       *into_id,
                                          const char       *from_id,
                                          GError          **error);
/* Inserts a target with the id and name given (undo brings a deleted
 * target back as it was); QM_ERROR_DUPLICATE when either is taken. */
gboolean    qm_store_add_target          (QmStore          *self,
                                          QmTarget         *target,
                                          GError          **error);
/* Deletes the target and every stance on it. */
gboolean    qm_store_delete_target       (QmStore          *self,
                                          const char       *target_id,
                                          GError          **error);
/* Every judgement on the target, in every document, ordered by span id
 * then annotator. */
GPtrArray  *qm_store_list_target_stances (QmStore          *self,
                                          const char       *target_id,
                                          GError          **error);
/* One judgement per quote, target and annotator: setting again replaces it.
 * The value must be one of the schema's stance values, the span of its
 * stance label. */
gboolean    qm_store_set_stance          (QmStore          *self,
                                          QmStance         *stance,
                                          GError          **error);
gboolean    qm_store_delete_stance       (QmStore          *self,
                                          const char       *span_id,
                                          const char       *target_id,
                                          const char       *annotator,
                                          GError          **error);
/* Stances on the spans of a document, ordered by span id then target name. */
GPtrArray  *qm_store_list_stances        (QmStore          *self,
                                          const char       *document_id,
                                          const char       *annotator,
                                          GError          **error);

/* --- statistics --- */
/* label -> count (GINT_TO_POINTER) over the whole corpus. */
GHashTable *qm_store_count_labels        (QmStore          *self,
                                          GError          **error);
/* The distinct annotators who wrote anything, sorted. */
GStrv       qm_store_list_annotators     (QmStore          *self,
                                          GError          **error);

/* --- overview queries (qm-store-overview.c) --- */
/* The relation types of the schema that attribute a quote (the stance
 * label) to a speaker (an entity label) and link it to its cue (any other
 * label); NULL when the schema has none. */
const char *qm_store_get_attribution_type (QmStore         *self);
const char *qm_store_get_cue_type         (QmStore         *self);
/* entity id -> count (GUINT_TO_POINTER): the distinct quotes attributed to
 * a mention of the entity, and the documents that mention it. Entities
 * without any are absent. @annotator NULL counts everyone's work. */
gboolean    qm_store_count_entity_usage  (QmStore          *self,
                                          const char       *annotator,
                                          GHashTable      **n_quotes,
                                          GHashTable      **n_documents,
                                          GError          **error);
/* The quotes attributed to a mention of the entity: @document_ids the
 * documents that hold them in import order, @span_ids the set of quote ids. */
gboolean    qm_store_find_entity_quotes  (QmStore          *self,
                                          const char       *entity_id,
                                          GPtrArray       **document_ids,
                                          GHashTable      **span_ids,
                                          GError          **error);
/* target id -> number of judgements (GUINT_TO_POINTER); targets without
 * any are absent. */
GHashTable *qm_store_count_target_stances (QmStore         *self,
                                          GError          **error);
/* annotator -> number of documents (GUINT_TO_POINTER) with that status. */
gboolean    qm_store_count_statuses      (QmStore          *self,
                                          GHashTable      **n_done,
                                          GHashTable      **n_in_progress,
                                          GError          **error);

/* One count of the stance judgements on quotes attributed to an entity. */
typedef struct
{
  char       *entity_id;
  char       *entity_name;
  char       *target_id;
  char       *target_name;
  char       *value;
  guint       count;
} QmStanceTally;

void        qm_stance_tally_free         (QmStanceTally    *tally);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (QmStanceTally, qm_stance_tally_free)

/* The judgements per (entity, target, value), each quote counted once per
 * entity and annotator however many mentions of it the quote is attributed
 * to; @annotator NULL counts every annotator's judgements (and links). */
GPtrArray  *qm_store_count_stances_by_entity (QmStore      *self,
                                          const char       *annotator,
                                          GError          **error);

G_END_DECLS
