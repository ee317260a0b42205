/* qm-label-bar.c: TODO */
#include "config.h"
