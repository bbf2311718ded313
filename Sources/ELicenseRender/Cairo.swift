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

    /// Encodes an opaque image surface as an 8-bit RGB PNG in memory. Not cairo's encoder: it
    /// always uses libpng's defaults, whose per-row choice among five filters and zlib level 6
    /// took three quarters of a material PNG's time (docs/benchmarks.md). Every row here is
    /// filtered `Up` (a page of text repeats its row above) and compressed at ``pngLevel``.
    func png() throws(ELicenseError) -> [UInt8] {
        cairo_surface_flush(pointer)
        let width = Int(cairo_image_surface_get_width(pointer))
        let height = Int(cairo_image_surface_get_height(pointer))
        let stride = Int(cairo_image_surface_get_stride(pointer))
        guard let pixels = cairo_image_surface_get_data(pointer), width > 0, height > 0 else {
            throw ELicenseError(.internal, "cairo gave no pixels to encode")
        }
        let rowBytes = 1 + 3 * width
        var filtered = [UInt8](repeating: 0, count: rowBytes * height)
        filtered.withUnsafeMutableBufferPointer { out in
            for y in 0..<height {
                // RGB24 keeps each pixel as a native-endian 32-bit 0x00RRGGBB.
                let row = UnsafeRawPointer(pixels + y * stride).assumingMemoryBound(to: UInt32.self)
                let above =
                    y > 0 ? UnsafeRawPointer(pixels + (y - 1) * stride).assumingMemoryBound(to: UInt32.self) : nil
                out[y * rowBytes] = 2  // filter type Up
                for x in 0..<width {
                    let pixel = row[x], prior = above?[x] ?? 0
                    let at = y * rowBytes + 1 + 3 * x
                    out[at] = UInt8(truncatingIfNeeded: pixel >> 16) &- UInt8(truncatingIfNeeded: prior >> 16)
                    out[at + 1] = UInt8(truncatingIfNeeded: pixel >> 8) &- UInt8(truncatingIfNeeded: prior >> 8)
                    out[at + 2] = UInt8(truncatingIfNeeded: pixel) &- UInt8(truncatingIfNeeded: prior)
                }
            }
        }
        var compressedSize = compressBound(uLong(filtered.count))
        var compressed = [UInt8](repeating: 0, count: Int(compressedSize))
        let status = compressed.withUnsafeMutableBufferPointer { out in
            filtered.withUnsafeBufferPointer {
                compress2(out.baseAddress, &compressedSize, $0.baseAddress, uLong($0.count), Self.pngLevel)
            }
        }
        guard status == Z_OK else { throw ELicenseError(.internal, "zlib failed encoding the PNG (\(status))") }
        var header =
            Self.bigEndian(UInt32(truncatingIfNeeded: width)) + Self.bigEndian(UInt32(truncatingIfNeeded: height))
        header += [8, 2, 0, 0, 0]  // 8 bits, truecolour, deflate, adaptive filtering, no interlace
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Self.chunk("IHDR", header)
            + Self.chunk("IDAT", compressed[..<Int(compressedSize)]) + Self.chunk("IEND", [])
    }

    /// zlib's level for PNGs. On the material page filtered `Up`, level 3 gives the smallest
    /// file short of 9 (577 KB; 1: 596 KB, 6: 582 KB, 9: 575 KB) in 46 ms of deflate, against 41 ms
    /// at 1, 96 ms at 6 and 548 ms at 9 (docs/benchmarks.md).
    static let pngLevel: Int32 = 3

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [
            UInt8(truncatingIfNeeded: value >> 24), UInt8(truncatingIfNeeded: value >> 16),
            UInt8(truncatingIfNeeded: value >> 8), UInt8(truncatingIfNeeded: value),
        ]
    }

    /// A PNG chunk: length, type, data, and the CRC-32 of type and data.
    private static func chunk(_ type: String, _ data: some Collection<UInt8>) -> [UInt8] {
        let typed = Array(type.utf8) + data
        let crc = typed.withUnsafeBufferPointer { crc32(0, $0.baseAddress, uInt($0.count)) }
        return bigEndian(UInt32(truncatingIfNeeded: data.count)) + typed + bigEndian(UInt32(truncatingIfNeeded: crc))
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
