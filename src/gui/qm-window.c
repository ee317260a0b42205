/* qm-window.c: TODO */
#include "config.h"
