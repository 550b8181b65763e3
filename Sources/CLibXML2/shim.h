#ifndef SWIFTVIRT_CLIBXML2_SHIM_H
#define SWIFTVIRT_CLIBXML2_SHIM_H
/* Debian builds libxml2 with ICU, so encoding.h would pull the system's ICU headers into this module; a
 * Swift module that also imports Foundation (whose _FoundationICU declares the same C types differently)
 * then fails to build ("'UErrorCode' has different definitions in different modules"). SwiftVirt never
 * touches libxml2's encoding handlers (it passes only UTF-8 and never dereferences a handler), so the ICU
 * part of those declarations is left out here. The library itself is unchanged. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlsave.h>
#include <libxml/relaxng.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#endif
