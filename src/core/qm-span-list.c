/* qm-span-list.c: TODO */
#include "config.h"
