import CPangoCairo
import ELicenseCore

/// The one font map all document text is laid out with, behind one process-wide lock.
///
/// A pango font map must not be used from two threads at once, and fontconfig and cairo's
/// FreeType glue have a history of thread-safety bugs, so text layout and drawing are
/// serialised. One shared map (rather than pango's per-thread default) also keeps one font
/// cache instead of one per server thread.
enum FontLock {
    static let family = "WenQuanYi Micro Hei"
    /// Its fixed-width sibling in the same font file, for codes people type.
    static let monoFamily = "WenQuanYi Micro Hei Mono"

    private static let fontMap = Locked<UnsafeMutablePointer<PangoFontMap>?>(nil)

    /// Runs `body` holding the lock, with the font map (created on first use).
    static func withFontMap<Result>(
        _ body: (UnsafeMutablePointer<PangoFontMap>) throws(ELicenseError) -> sending Result
    ) throws(ELicenseError) -> sending Result {
        try fontMap.withLock {
            (map: inout UnsafeMutablePointer<PangoFontMap>?) throws(ELicenseError) -> sending Result in
            if let map { return try body(map) }
            let created = try makeFontMap()
            map = created
            return try body(created)
        }
    }

    /// A cairo font map, refused when the Chinese font is missing: fontconfig would silently
    /// fall back to a font without 汉字 and the document would be boxes.
    private static func makeFontMap() throws(ELicenseError) -> UnsafeMutablePointer<PangoFontMap> {
        guard let map = pango_cairo_font_map_new() else {
            throw ELicenseError(.internal, "pango has no cairo font map")
        }
        var families: UnsafeMutablePointer<UnsafeMutablePointer<PangoFontFamily>?>?
        var count: Int32 = 0
        pango_font_map_list_families(map, &families, &count)
        defer { g_free(families) }
        let names = (0..<Int(max(count, 0))).compactMap { index in
            families?[index].flatMap { pango_font_family_get_name($0) }.map { String(cString: $0) }
        }
        guard names.contains(family) else {
            g_object_unref(map)
            throw ELicenseError(.internal, "font '\(family)' is not installed (Debian package fonts-wqy-microhei)")
        }
        return map
    }
}
