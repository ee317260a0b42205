/* qm-preferences.c: TODO */
#include "config.h"
