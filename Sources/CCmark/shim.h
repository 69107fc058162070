#ifndef KYNDIG_CCMARK_SHIM_H
#define KYNDIG_CCMARK_SHIM_H
#include <cmark.h>
#endif
