#ifndef CCG_ICU_SHIM_H
#define CCG_ICU_SHIM_H
// Only the C bridge (CICUBridge) imports this module. No Swift module may: system ICU's C types
// clash with the copy of ICU that Foundation carries on Linux.
#include <unicode/utypes.h>
#include <unicode/ubrk.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/udat.h>
#endif
