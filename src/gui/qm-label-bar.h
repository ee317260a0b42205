/* qm-label-bar.h: a button for each label of the corpus schema (colour
 * swatch, name, key); clicking one applies the label to the selection. */
#pragma once

#include <gtk/gtk.h>
#include "qm-schema.h"

G_BEGIN_DECLS

#define QM_TYPE_LABEL_BAR (qm_label_bar_get_type ())
G_DECLARE_FINAL_TYPE (QmLabelBar, qm_label_bar, QM, LABEL_BAR, GtkWidget)

GtkWidget *qm_label_bar_new        (void);
/* Rebuilds the buttons; NULL leaves the bar empty. */
void       qm_label_bar_set_schema (QmLabelBar *self,
                                    QmSchema   *schema);
QmSchema  *qm_label_bar_get_schema (QmLabelBar *self);

/* Signals:
 * "label-activated" (const char *key): the button of the label with this
 *   schema key was clicked. */

G_END_DECLS
