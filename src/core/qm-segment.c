/* qm-segment.c: TODO */
#include "config.h"
