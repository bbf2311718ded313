import ELicenseCore
import ELicenseQR
import Foundation
import FoundationXML
import Testing

@testable import ELicenseRender

@Suite struct QRCodeTests {
    static let texts = [
        "https://zwfw.jinan.gov.cn/elicense/v/7KQ4M2P9XWD3",
        "电子营业执照 济南示例数字科技有限公司 91370100MA3C4L8T06",
        "https://front.example.gov.cn/elicense/login?session=" + String(repeating: "0123456789abcdef", count: 24)
            + "&scope=license%20material&purpose=%E5%BB%BA%E8%AE%BE",
    ]

    @Test(arguments: texts)
    func pngDecodesToExactlyTheText(_ text: String) throws {
        let png = try QRCode.png(text)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        #expect(try ExternalTool.decodeQR(png: png) == text)
    }

    @Test func pngSizeFollowsModuleSizeAndMargin() throws {
        let text = "https://zwfw.jinan.gov.cn/elicense/v/7KQ4M2P9XWD3"
        let modules = try QRMatrix(text).width
        #expect(try pngSide(QRCode.png(text, moduleSize: 3, margin: 2)) == (modules + 4) * 3)
        #expect(try pngSide(QRCode.png(text)) == (modules + 8) * 8)
    }

    @Test func svgIsWellFormedWithOnePathOfTheSameModules() throws {
        let text = "电子营业执照 91370100MA3C4L8T06"
        let svg = try QRCode.svg(text, moduleSize: 6, margin: 4)
        let reader = SVGReader()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = reader
        #expect(parser.parse(), "not well-formed: \(String(describing: parser.parserError))")
        #expect(reader.elements.first == "svg")
        #expect(reader.elements.filter { $0 == "path" }.count == 1)
        #expect(reader.attributes["svg"]?["shape-rendering"] == "crispEdges")

        // The path's runs `M x y h n v1 h-n z` cover exactly the dark modules, offset by the margin.
        let matrix = try QRMatrix(text)
        var dark = Set<[Int]>()
        let d = try #require(reader.attributes["path"]?["d"])
        for run in d.split(separator: "M").filter({ !$0.isEmpty }) {
            let numbers = run.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
            try #require(numbers.count == 5, "unexpected run \(run)")
            for x in numbers[0]..<numbers[0] + numbers[2] { dark.insert([x - 4, numbers[1] - 4]) }
        }
        let expected = Set(
            (0..<matrix.width).flatMap { y in
                (0..<matrix.width).filter { matrix.isDark(x: $0, y: y) }.map { [$0, y] }
            })
        #expect(dark == expected)
        #expect(reader.attributes["svg"]?["width"] == String((matrix.width + 8) * 6))
    }

    @Test func emptyTextIsRefused() {
        #expect(throws: ELicenseError.self) { try QRCode.png("") }
        #expect(throws: ELicenseError.self) { try QRCode.svg("") }
    }

    @Test func textBeyondCapacityIsRefused() throws {
        let huge = String(repeating: "A", count: 5000)
        let error = try #require(throws: ELicenseError.self) { try QRCode.png(huge) }
        #expect(error.code == .invalidArgument)
        #expect(throws: ELicenseError.self) { try QRCode.svg(huge) }
        // Capacity counts UTF-8 bytes, and the UTF-8 ECI header takes room too: 777 × 3 = 2331
        // bytes fit as ASCII but not as Chinese, which libqrencode itself refuses.
        let chinese = try #require(throws: ELicenseError.self) { try QRCode.png(String(repeating: "照", count: 777)) }
        #expect(chinese.code == .invalidArgument)
        #expect(try QRCode.png(String(repeating: "a", count: QRMatrix.capacity)).count > 0)
        #expect(try QRCode.png(String(repeating: "照", count: 776)).count > 0)
    }

    @Test func unreasonableGeometryIsRefused() {
        #expect(throws: ELicenseError.self) { try QRCode.png("x", moduleSize: 0) }
        #expect(throws: ELicenseError.self) { try QRCode.png("x", margin: -1) }
        #expect(throws: ELicenseError.self) { try QRCode.png("x", moduleSize: 500) }
        #expect(throws: ELicenseError.self) { try QRCode.svg("x", moduleSize: Int.max, margin: Int.max) }
    }

    private func pngSide(_ png: [UInt8]) -> Int {
        // IHDR width, big-endian, at bytes 16–19.
        png[16..<20].reduce(0) { $0 << 8 | Int($1) }
    }
}

/// Records element names and attributes as XMLParser reports them.
private final class SVGReader: NSObject, XMLParserDelegate {
    var elements: [String] = []
    var attributes: [String: [String: String]] = [:]

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes attributeDict: [String: String] = [:]
    ) {
        elements.append(name)
        attributes[name] = attributeDict
    }
}
