#ifndef CCG_LIBXML2_SHIM_H
#define CCG_LIBXML2_SHIM_H
// Debian builds libxml2 with ICU support, so <libxml/encoding.h> would pull in system ICU headers,
// whose C types clash with Foundation's bundled ICU in any Swift module that also imports Foundation
// (visible only on clean builds). xmlversion.h defines the switch; undefine it before anything else.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xmlmemory.h>

// xmlFree is a global function-pointer variable, which Swift 6 rejects as shared mutable state.
static inline void ccg_xml_free(void *pointer) { if (pointer) xmlFree(pointer); }

// Options for tolerant, offline HTML parsing: repair broken markup, never touch the network.
static inline int ccg_html_parse_options(void) {
    return HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET | HTML_PARSE_COMPACT;
}
#endif
