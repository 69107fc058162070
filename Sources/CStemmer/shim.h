// Snowball's libstemmer as packaged by Debian (libstemmer-dev installs /usr/include/libstemmer.h
// and libstemmer.so). Swift calls sb_stemmer_new, sb_stemmer_stem, sb_stemmer_length and
// sb_stemmer_delete directly; nothing here needs wrapping.
#ifndef KYNDIG_CSTEMMER_SHIM_H
#define KYNDIG_CSTEMMER_SHIM_H

#include <libstemmer.h>

#endif
