/* qm-view-highlights.c: TODO */
#include "config.h"
