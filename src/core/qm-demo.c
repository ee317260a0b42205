/* qm-demo.c: TODO */
#include "config.h"
