import CQREncode
import ELicenseCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// The modules of one QR symbol (byte mode, error correction level M), copied out of
/// libqrencode's result so nothing C-owned outlives the initialiser.
public struct QRMatrix: Sendable {
    /// Modules per side, without the quiet zone.
    public let width: Int
    private let dark: [Bool]

    /// The most bytes a version-40 symbol holds in byte mode at level M (two fewer after the
    /// UTF-8 ECI header).
    public static let capacity = 2331
    /// ECI assignment number of UTF-8.
    private static let utf8ECI: UInt32 = 26

    public init(_ text: String) throws(ELicenseError) {
        let bytes = Array(text.utf8)
        let tooLong = ELicenseError(
            .invalidArgument,
            "QR text is \(bytes.count) bytes; a QR code holds at most \(Self.capacity) at level M")
        guard !bytes.isEmpty else { throw ELicenseError(.invalidArgument, "QR text is empty") }
        guard bytes.count <= Self.capacity else { throw tooLong }
        guard let input = QRinput_new2(0, QR_ECLEVEL_M) else { throw Self.failure("QRinput_new2") }
        defer { QRinput_free(input) }
        // Without an ECI header readers guess the byte encoding (zbar guesses Shift JIS), so
        // non-ASCII text says it is UTF-8; plain ASCII stays headerless for the oldest readers.
        if bytes.contains(where: { $0 >= 0x80 }) {
            guard QRinput_appendECIheader(input, Self.utf8ECI) == 0 else {
                throw Self.failure("QRinput_appendECIheader")
            }
        }
        // Byte mode for the whole text: UTF-8 goes in as is, whatever it contains.
        let appended = bytes.withUnsafeBufferPointer {
            QRinput_append(input, QR_MODE_8, Int32($0.count), $0.baseAddress)
        }
        guard appended == 0 else { throw Self.failure("QRinput_append") }
        guard let code = QRcode_encodeInput(input) else {
            if errno == ERANGE { throw tooLong }
            throw Self.failure("QRcode_encodeInput")
        }
        defer { QRcode_free(code) }
        guard let data = code.pointee.data, code.pointee.width > 0 else {
            throw ELicenseError(.internal, "libqrencode returned an empty symbol")
        }
        width = Int(code.pointee.width)
        // Bit 0 of each byte is the module's colour; the other bits say what the module is for.
        dark = UnsafeBufferPointer(start: data, count: width * width).map { $0 & 1 == 1 }
    }

    private static func failure(_ function: String) -> ELicenseError {
        ELicenseError(.internal, "libqrencode \(function) failed: errno \(errno)")
    }

    public func isDark(x: Int, y: Int) -> Bool { dark[y * width + x] }

    /// Runs of dark modules in each row as `(x, y, length)`: one rectangle per run keeps
    /// both the SVG path and the cairo path short.
    public var darkRuns: [(x: Int, y: Int, length: Int)] {
        var runs: [(x: Int, y: Int, length: Int)] = []
        for y in 0..<width {
            var x = 0
            while x < width {
                guard isDark(x: x, y: y) else { x += 1; continue }
                let start = x
                while x < width, isDark(x: x, y: y) { x += 1 }
                runs.append((start, y, x - start))
            }
        }
        return runs
    }
}

extension QRMatrix {
    /// The symbol as text for a terminal, two module rows per line with half blocks. Light
    /// modules are drawn (as `qrencode -t UTF8` does), so it scans on the usual dark background.
    public func terminalText(quietZone: Int = 2) -> String {
        let side = width + 2 * quietZone
        func light(_ x: Int, _ y: Int) -> Bool {
            let (mx, my) = (x - quietZone, y - quietZone)
            guard (0..<width).contains(mx), (0..<width).contains(my) else { return true }
            return !isDark(x: mx, y: my)
        }
        var lines: [String] = []
        for y in stride(from: 0, to: side, by: 2) {
            var line = ""
            for x in 0..<side {
                switch (light(x, y), y + 1 < side ? light(x, y + 1) : false) {
                case (true, true): line += "█"
                case (true, false): line += "▀"
                case (false, true): line += "▄"
                case (false, false): line += " "
                }
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}
