import CPangoCairo
import ELicenseCore
import ELicenseQR

/// Turns a cairo status into an `ELicenseError(.internal)` naming what was being done.
func check(_ status: cairo_status_t, _ doing: String) throws(ELicenseError) {
    guard status == CAIRO_STATUS_SUCCESS else {
        throw ELicenseError(.internal, "cairo failed \(doing): \(String(cString: cairo_status_to_string(status)))")
    }
}

/// Collects what cairo writes through its stream callbacks, so documents never touch a file.
final class ByteSink {
    private(set) var bytes: [UInt8] = []

    /// A `cairo_write_func_t`; `closure` is an unretained `ByteSink`.
    static func write(
        _ closure: UnsafeMutableRawPointer?, _ data: UnsafePointer<UInt8>?,
        _ length: UInt32
    ) -> cairo_status_t {
        guard let closure else { return CAIRO_STATUS_WRITE_ERROR }
        let sink = Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue()
        if let data { sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length))) }
        return CAIRO_STATUS_SUCCESS
    }
}

/// One cairo surface, destroyed with its owner.
final class Surface {
    let pointer: OpaquePointer
    /// Where a PDF surface streams its bytes; kept alive as long as the surface.
    private let sink: ByteSink?

    private init(_ pointer: OpaquePointer, sink: ByteSink?) throws(ELicenseError) {
        self.pointer = pointer
        self.sink = sink
        // cairo never returns NULL: a failed create is an error surface, destroyed by deinit.
        try check(cairo_surface_status(pointer), "creating a surface")
    }

    deinit { cairo_surface_destroy(pointer) }

    /// An opaque RGB raster of `width` × `height` pixels.
    static func image(width: Int, height: Int) throws(ELicenseError) -> Surface {
        try Surface(cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(width), Int32(height)), sink: nil)
    }

    /// A vector PDF page of `width` × `height` points, written to memory.
    static func pdf(width: Double, height: Double) throws(ELicenseError) -> Surface {
        let sink = ByteSink()
        let pointer = cairo_pdf_surface_create_for_stream(
            { ByteSink.write($0, $1, $2) },
            Unmanaged.passUnretained(sink).toOpaque(), width, height)
        guard let pointer else { throw ELicenseError(.internal, "cairo returned no PDF surface") }
        return try Surface(pointer, sink: sink)
    }

    /// A vector surface of `width` × `height` points that records drawing to replay as a pattern.
    static func recording(width: Double, height: Double) throws(ELicenseError) -> Surface {
        var extents = cairo_rectangle_t(x: 0, y: 0, width: width, height: height)
        return try Surface(cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &extents), sink: nil)
    }

    /// Finishes a PDF surface and returns the complete document.
    func finishPDF() throws(ELicenseError) -> [UInt8] {
        cairo_surface_finish(pointer)
        try check(cairo_surface_status(pointer), "writing the PDF")
        guard let sink, !sink.bytes.isEmpty else { throw ELicenseError(.internal, "cairo wrote no PDF") }
        return sink.bytes
    }

    /// Encodes an image surface as PNG in memory.
    func png() throws(ELicenseError) -> [UInt8] {
        let sink = ByteSink()
        let status = withExtendedLifetime(sink) {
            cairo_surface_write_to_png_stream(
                pointer, { ByteSink.write($0, $1, $2) },
                Unmanaged.passUnretained(sink).toOpaque())
        }
        try check(status, "encoding the PNG")
        return sink.bytes
    }
}

extension QRMatrix {
    /// Adds one rectangle per run of dark modules to the current path of `cr`, the symbol's
    /// top-left module at (`x`, `y`).
    func addPath(to cr: OpaquePointer, x: Double, y: Double, module: Double) {
        for run in darkRuns {
            cairo_rectangle(
                cr, x + Double(run.x) * module, y + Double(run.y) * module, Double(run.length) * module, module)
        }
    }
}
