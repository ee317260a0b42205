/* qm-document-list.c: TODO */
#include "config.h"
