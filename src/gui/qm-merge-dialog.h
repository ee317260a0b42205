/* qm-merge-dialog.h: asks which other speaker (or stance target) to merge
 * into the one shown: a searchable list of candidates with their details,
 * and Cancel / Merge. The "response" signal of AdwMessageDialog says which
 * was chosen ("merge" or "cancel"); qm_merge_dialog_get_chosen_id() whom. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define QM_TYPE_MERGE_DIALOG (qm_merge_dialog_get_type ())
G_DECLARE_FINAL_TYPE (QmMergeDialog, qm_merge_dialog, QM, MERGE_DIALOG, AdwMessageDialog)

QmMergeDialog *qm_merge_dialog_new            (GtkWindow     *parent,
                                               const char    *heading,
                                               const char    *body);
/* @detail: a second line ("3 quotes"), or NULL. */
void           qm_merge_dialog_add_candidate  (QmMergeDialog *self,
                                               const char    *id,
                                               const char    *name,
                                               const char    *detail);
guint          qm_merge_dialog_get_n_candidates (QmMergeDialog *self);
/* Selects the candidate with @id (NULL: none); Merge is possible only with
 * a candidate selected. */
void           qm_merge_dialog_set_chosen_id  (QmMergeDialog *self,
                                               const char    *id);
const char    *qm_merge_dialog_get_chosen_id  (QmMergeDialog *self);

G_END_DECLS
