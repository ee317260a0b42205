/* qm-application.c: TODO */
#include "config.h"
