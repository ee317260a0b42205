/* qm-store-entities.c: TODO */
#include "config.h"
