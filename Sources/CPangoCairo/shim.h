// pango for Chinese text layout, cairo for drawing, cairo-pdf for the vector document.
#include <pango/pangocairo.h>
#include <cairo-pdf.h>
