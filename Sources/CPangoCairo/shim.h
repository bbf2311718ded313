// pango for Chinese text layout, cairo for drawing, cairo-pdf for the vector document, zlib for
// the PNG encoder (Cairo.swift), whose filter and compression level cairo does not let us choose.
#include <pango/pangocairo.h>
#include <cairo-pdf.h>
#include <zlib.h>
