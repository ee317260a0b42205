/* qm-text.c: TODO */
#include "config.h"
