/* qm-store-documents.c: TODO */
#include "config.h"
