import CPangoCairo
import ELicenseCore
import ELicenseQR

/// QR code images for login sessions and materials.
///
/// Safe to call from any thread: libqrencode is built thread-safe on Debian and each call uses
/// its own cairo surface.
public enum QRCode {
    /// Side of the largest image `png` draws, in pixels, so a caller cannot ask for gigabytes.
    static let maximumSide = 4096

    /// PNG of `text` (byte mode, error correction level M), `moduleSize` pixels per module, `margin` quiet-zone modules.
    public static func png(_ text: String, moduleSize: Int = 8, margin: Int = 4) throws(ELicenseError) -> [UInt8] {
        let matrix = try QRMatrix(text)
        let side = try self.side(of: matrix, moduleSize: moduleSize, margin: margin)
        let surface = try Surface.image(width: side, height: side)
        guard let cr = cairo_create(surface.pointer) else { throw ELicenseError(.internal, "cairo_create failed") }
        defer { cairo_destroy(cr) }
        cairo_set_source_rgb(cr, 1, 1, 1)
        cairo_paint(cr)
        cairo_set_source_rgb(cr, 0, 0, 0)
        matrix.addPath(
            to: cr, x: Double(margin * moduleSize), y: Double(margin * moduleSize), module: Double(moduleSize))
        cairo_fill(cr)
        try check(cairo_status(cr), "drawing the QR code")
        cairo_surface_flush(surface.pointer)
        return try surface.png()
    }

    /// Standalone SVG document of the same QR code (one <path>, crisp edges).
    public static func svg(_ text: String, moduleSize: Int = 8, margin: Int = 4) throws(ELicenseError) -> String {
        let matrix = try QRMatrix(text)
        let side = try self.side(of: matrix, moduleSize: moduleSize, margin: margin)
        let modules = matrix.width + 2 * margin
        // The view box counts modules, so the path needs no scaling and stays exact.
        var path = ""
        for run in matrix.darkRuns {
            path += "M\(run.x + margin) \(run.y + margin)h\(run.length)v1h-\(run.length)z"
        }
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" width="\(side)" height="\(side)" \
            viewBox="0 0 \(modules) \(modules)" shape-rendering="crispEdges">
            <rect width="\(modules)" height="\(modules)" fill="#ffffff"/>
            <path fill="#000000" d="\(path)"/>
            </svg>

            """
    }

    /// The image side in pixels, after checking the caller's geometry.
    private static func side(of matrix: QRMatrix, moduleSize: Int, margin: Int) throws(ELicenseError) -> Int {
        guard (1...maximumSide).contains(moduleSize) else {
            throw ELicenseError(
                .invalidArgument, "QR module size \(moduleSize) is not between 1 and \(maximumSide) pixels")
        }
        guard (0...maximumSide).contains(margin) else {
            throw ELicenseError(.invalidArgument, "QR margin \(margin) is not between 0 and \(maximumSide) modules")
        }
        let side = (matrix.width + 2 * margin) * moduleSize
        guard side <= maximumSide else {
            throw ELicenseError(.invalidArgument, "QR image would be \(side) pixels wide; at most \(maximumSide)")
        }
        return side
    }
}
