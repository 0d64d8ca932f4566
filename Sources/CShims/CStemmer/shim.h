// Snowball stemmers (Debian libstemmer-dev): keyphrase candidates and taxonomy terms are grouped by stem,
// so "commissioning" and "commission" count as one. Only Sources/CCGTokenize/Stemmer.swift imports this.
#include <libstemmer.h>
