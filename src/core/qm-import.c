/* qm-import.c: TODO */
#include "config.h"
