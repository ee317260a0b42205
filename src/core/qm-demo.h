/* qm-demo.h: the demo corpus a newcomer opens first, made from the sample
 * articles shipped with Quotemark. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Creates the demo corpus at @path from the shipped samples, unless a file
 * is already there (then it is left alone and TRUE returned). */
gboolean qm_demo_create (const char *path,
                         GError    **error);

G_END_DECLS
