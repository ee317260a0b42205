/* qm-error.c: the Quotemark error domain. */
#include "qm-error.h"

G_DEFINE_QUARK (quotemark-error-quark, qm_error)
