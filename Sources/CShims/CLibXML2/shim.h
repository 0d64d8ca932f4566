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
#include <libxml/parserInternals.h>
#include <string.h>

// xmlFree is a global function-pointer variable, which Swift 6 rejects as shared mutable state.
static inline void ccg_xml_free(void *pointer) { if (pointer) xmlFree(pointer); }

// Options for tolerant, offline HTML parsing: repair broken markup, never touch the network.
static inline int ccg_html_parse_options(void) {
    return HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET | HTML_PARSE_COMPACT;
}

// Parses an HTML document in memory with the caller's SAX callbacks instead of libxml2's tree builder (the
// caller builds its own tree, so libxml2's is never allocated, copied and freed), with the options above.
// `encoding` is fixed for the whole document, as htmlReadMemory does: a <meta charset> cannot switch it.
// Returns 0 once the document has been read, -1 if no parser could be set up.
static inline int ccg_html_sax_parse(const char *buffer, int size, const char *encoding, const htmlSAXHandler *handler, void *user) {
    htmlParserCtxtPtr ctxt = htmlCreateMemoryParserCtxt(buffer, size);
    if (ctxt == NULL) return -1;
    htmlSAXHandlerPtr sax = (htmlSAXHandlerPtr) xmlMalloc(sizeof(htmlSAXHandler));
    if (sax == NULL) { htmlFreeParserCtxt(ctxt); return -1; }
    memcpy(sax, handler, sizeof(htmlSAXHandler));
    if (ctxt->sax != NULL) xmlFree(ctxt->sax);
    ctxt->sax = sax;
    ctxt->userData = user;
    htmlCtxtUseOptions(ctxt, ccg_html_parse_options());
    if (encoding != NULL) {
        xmlCharEncodingHandlerPtr encoder = xmlFindCharEncodingHandler(encoding);
        if (encoder != NULL) {
            xmlSwitchToEncoding(ctxt, encoder);
            if (ctxt->input != NULL) {
                if (ctxt->input->encoding != NULL) xmlFree((xmlChar *) ctxt->input->encoding);
                ctxt->input->encoding = xmlStrdup((const xmlChar *) encoding);
            }
        }
    }
    htmlParseDocument(ctxt);
    if (ctxt->myDoc != NULL) { xmlFreeDoc(ctxt->myDoc); ctxt->myDoc = NULL; }
    htmlFreeParserCtxt(ctxt);
    return 0;
}
#endif
