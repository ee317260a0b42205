/* qm-store-spans.c: TODO */
#include "config.h"
