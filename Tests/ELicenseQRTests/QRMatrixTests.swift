import ELicenseCore
import Testing

@testable import ELicenseQR

@Suite struct QRMatrixTests {
    @Test func terminalTextDrawsEveryModuleWithItsQuietZone() throws {
        let matrix = try QRMatrix("http://127.0.0.1:8680/sandbox/?t=tk_0123456789abcdef")
        let lines = matrix.terminalText(quietZone: 2).split(separator: "\n").map { Array($0) }
        let side = matrix.width + 4
        #expect(lines.count == (side + 1) / 2)
        #expect(lines.allSatisfy { $0.count == side })
        // Each character holds two module rows: upper half, lower half; light modules are drawn.
        for y in 0..<side {
            for x in 0..<side {
                let (mx, my) = (x - 2, y - 2)
                let light =
                    !((0..<matrix.width).contains(mx) && (0..<matrix.width).contains(my) && matrix.isDark(x: mx, y: my))
                let cell = lines[y / 2][x]
                let drawn = y % 2 == 0 ? (cell == "█" || cell == "▀") : (cell == "█" || cell == "▄")
                #expect(drawn == light, "module (\(x), \(y))")
            }
        }
    }

    @Test func rejectsEmptyAndOversizedText() {
        #expect(throws: ELicenseError.self) { try QRMatrix("") }
        #expect(throws: ELicenseError.self) { try QRMatrix(String(repeating: "a", count: QRMatrix.capacity + 1)) }
    }
}
