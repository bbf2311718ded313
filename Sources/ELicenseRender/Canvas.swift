import CPangoCairo
import ELicenseCore
import ELicenseQR

/// An RGBA colour, components 0…1.
struct Color {
    var red: Double, green: Double, blue: Double, alpha = 1.0
}

/// A rectangle in points.
typealias Rect = (x: Double, y: Double, width: Double, height: Double)

/// How one piece of text looks.
struct TextStyle {
    var size: Double
    var color: Color
    var bold = false
    var family = FontLock.family
    var alignment = PANGO_ALIGN_LEFT
    var letterSpacing = 0.0
    /// Line height as a multiple of the font's; 0 keeps the font's own.
    var lineSpacing = 0.0
}

/// A laid-out piece of text with its size in points.
final class TextBlock {
    fileprivate let layout: OpaquePointer
    fileprivate let color: Color
    let width: Double
    let height: Double

    fileprivate init(layout: OpaquePointer, color: Color, boxWidth: Double?) {
        self.layout = layout
        self.color = color
        var w: Int32 = 0, h: Int32 = 0
        pango_layout_get_size(layout, &w, &h)
        width = boxWidth ?? Double(w) / Double(PANGO_SCALE)
        height = Double(h) / Double(PANGO_SCALE)
    }

    deinit { g_object_unref(UnsafeMutableRawPointer(layout)) }
}

/// A cairo context on one surface and the pango context its text is laid out in. Used only
/// while `FontLock` is held.
final class Canvas {
    let cr: OpaquePointer
    private let pango: OpaquePointer
    /// Device pixels per point on raster surfaces, to put QR modules on whole pixels; nil for vector output.
    let pixelsPerPoint: Double?

    init(_ surface: Surface, fontMap: UnsafeMutablePointer<PangoFontMap>, pixelsPerPoint: Double?) throws(ELicenseError)
    {
        guard let cr = cairo_create(surface.pointer) else { throw ELicenseError(.internal, "cairo_create failed") }
        guard let pango = pango_font_map_create_context(fontMap) else {
            cairo_destroy(cr)
            throw ELicenseError(.internal, "pango_font_map_create_context failed")
        }
        self.cr = cr
        self.pango = pango
        self.pixelsPerPoint = pixelsPerPoint
        if let pixelsPerPoint { cairo_scale(cr, pixelsPerPoint, pixelsPerPoint) }
        // Unhinted metrics make the PNG and the PDF lay out identically, whatever the scale.
        let options = cairo_font_options_create()
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        pango_cairo_context_set_font_options(pango, options)
        cairo_font_options_destroy(options)
        pango_cairo_update_context(cr, pango)
        try check(cairo_status(cr), "creating a drawing context")
    }

    deinit {
        g_object_unref(UnsafeMutableRawPointer(pango))
        cairo_destroy(cr)
    }

    /// A canvas on another surface sharing this one's pango context (for pattern tiles).
    private init(_ surface: Surface, sharing other: Canvas) throws(ELicenseError) {
        guard let cr = cairo_create(surface.pointer) else { throw ELicenseError(.internal, "cairo_create failed") }
        self.cr = cr
        pango = other.pango
        g_object_ref(UnsafeMutableRawPointer(pango))
        pixelsPerPoint = nil
        try check(cairo_status(cr), "creating a drawing context")
    }

    // MARK: text

    /// Lays out `text`, wrapped to `width` when given; beyond `maxLines` it ends in an ellipsis.
    func text(
        _ text: String, _ style: TextStyle, width: Double? = nil,
        maxLines: Int? = nil
    ) throws(ELicenseError) -> TextBlock {
        guard let layout = pango_layout_new(pango) else { throw ELicenseError(.internal, "pango_layout_new failed") }
        let font = pango_font_description_new()
        pango_font_description_set_family(font, style.family)
        pango_font_description_set_absolute_size(font, style.size * Double(PANGO_SCALE))
        if style.bold { pango_font_description_set_weight(font, PANGO_WEIGHT_BOLD) }
        pango_layout_set_font_description(layout, font)
        pango_font_description_free(font)
        if style.letterSpacing != 0 {
            let attributes = pango_attr_list_new()
            pango_attr_list_insert(
                attributes, pango_attr_letter_spacing_new(Int32(style.letterSpacing * Double(PANGO_SCALE))))
            pango_layout_set_attributes(layout, attributes)
            pango_attr_list_unref(attributes)
        }
        if style.lineSpacing > 0 { pango_layout_set_line_spacing(layout, Float(style.lineSpacing)) }
        if let width {
            pango_layout_set_width(layout, Int32(width * Double(PANGO_SCALE)))
            pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
        }
        if let maxLines {
            pango_layout_set_height(layout, -Int32(maxLines))
            pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_END)
        }
        pango_layout_set_alignment(layout, style.alignment)
        pango_layout_set_text(layout, text, -1)
        return TextBlock(layout: layout, color: style.color, boxWidth: width)
    }

    /// Draws `block` with its top-left corner at (`x`, `y`).
    func draw(_ block: TextBlock, x: Double, y: Double) {
        setColor(block.color)
        cairo_move_to(cr, x, y)
        pango_cairo_update_layout(cr, block.layout)
        pango_cairo_show_layout(cr, block.layout)
    }

    /// Draws `block` as filled outlines rather than text, so it cannot be selected or edited
    /// out of a PDF as text.
    func drawOutlined(_ block: TextBlock, x: Double, y: Double) {
        setColor(block.color)
        cairo_move_to(cr, x, y)
        pango_cairo_update_layout(cr, block.layout)
        pango_cairo_layout_path(cr, block.layout)
        cairo_fill(cr)
    }

    // MARK: shapes

    func setColor(_ color: Color) {
        cairo_set_source_rgba(cr, color.red, color.green, color.blue, color.alpha)
    }

    func fill(x: Double, y: Double, width: Double, height: Double, _ color: Color) {
        setColor(color)
        cairo_rectangle(cr, x, y, width, height)
        cairo_fill(cr)
    }

    func stroke(x: Double, y: Double, width: Double, height: Double, lineWidth: Double, _ color: Color) {
        setColor(color)
        cairo_set_line_width(cr, lineWidth)
        cairo_rectangle(cr, x, y, width, height)
        cairo_stroke(cr)
    }

    func line(from a: (x: Double, y: Double), to b: (x: Double, y: Double), lineWidth: Double, _ color: Color) {
        setColor(color)
        cairo_set_line_width(cr, lineWidth)
        cairo_move_to(cr, a.x, a.y)
        cairo_line_to(cr, b.x, b.y)
        cairo_stroke(cr)
    }

    /// Rounds a length down to whole device pixels on raster output.
    func snapped(_ length: Double) -> Double {
        guard let pixelsPerPoint else { return length }
        return (length * pixelsPerPoint).rounded(.down) / pixelsPerPoint
    }

    /// Rounds a position to the nearest device pixel on raster output.
    func onPixel(_ position: Double) -> Double {
        guard let pixelsPerPoint else { return position }
        return (position * pixelsPerPoint).rounded() / pixelsPerPoint
    }

    /// Draws `matrix` with its quiet zone on white, `module` points per module, without
    /// antialiasing so every module stays a crisp square a scanner can read.
    func drawQR(_ matrix: QRMatrix, x: Double, y: Double, module: Double, quietZone: Int) {
        let side = Double(matrix.width + 2 * quietZone) * module
        fill(x: x, y: y, width: side, height: side, Color(red: 1, green: 1, blue: 1))
        cairo_save(cr)
        cairo_set_antialias(cr, CAIRO_ANTIALIAS_NONE)
        setColor(Color(red: 0, green: 0, blue: 0))
        let offset = Double(quietZone) * module
        matrix.addPath(to: cr, x: x + offset, y: y + offset, module: module)
        cairo_fill(cr)
        cairo_restore(cr)
    }

    /// Paints a tile drawn by `drawTile` repeatedly over `area`, rotated by `angle` radians,
    /// leaving out `hole` (the QR code, which a watermark would make unreadable).
    func paintRepeating(
        tileWidth: Double, tileHeight: Double, angle: Double, over area: Rect, sparing hole: Rect,
        _ drawTile: (Canvas) throws(ELicenseError) -> Void
    ) throws(ELicenseError) {
        let tile = try Surface.recording(width: tileWidth, height: tileHeight)
        do {
            let tileCanvas = try Canvas(tile, sharing: self)
            try drawTile(tileCanvas)
            try check(cairo_status(tileCanvas.cr), "drawing the watermark tile")
        }
        guard let pattern = cairo_pattern_create_for_surface(tile.pointer) else {
            throw ELicenseError(.internal, "cairo returned no pattern")
        }
        defer { cairo_pattern_destroy(pattern) }
        cairo_pattern_set_extend(pattern, CAIRO_EXTEND_REPEAT)
        var matrix = cairo_matrix_t()
        cairo_matrix_init_rotate(&matrix, -angle)  // maps user space into the tile's space
        cairo_pattern_set_matrix(pattern, &matrix)
        cairo_save(cr)
        cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD)
        cairo_rectangle(cr, area.x, area.y, area.width, area.height)
        cairo_rectangle(cr, hole.x, hole.y, hole.width, hole.height)
        cairo_clip(cr)
        cairo_set_source(cr, pattern)
        cairo_paint(cr)
        cairo_restore(cr)
    }
}
