/* qm-document-view.c: TODO */
#include "config.h"
