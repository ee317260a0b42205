/* qm-jsonl.c: TODO */
#include "config.h"
