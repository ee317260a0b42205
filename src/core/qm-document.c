/* qm-document.c: TODO */
#include "config.h"
