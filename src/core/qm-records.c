/* qm-records.c: TODO */
#include "config.h"
