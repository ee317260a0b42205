/* qm-report.c: TODO */
#include "config.h"
