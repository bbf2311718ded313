// elicense-abigen: writes every foreign-language surface of the C ABI from one model — the
// compiler's header of ELicenseSDK (prototypes and doc comments), the public types of
// CElicenseABI and the catalogue in Swift (ErrorCode, the enumerations, the version) — so that
// a new status or function means editing Swift and running `make generate`.
//
//     elicense-abigen <ELicenseSDK-Swift.h> <source root> <output root>
//
// Files that are partly hand-written (docs/openapi.yaml, docs/protocol.md) are read from the
// source root and written, with their generated part replaced, to the output root.
import Foundation

/// The model every output is written from.
struct Model {
    var functions: [Function]
    var types: PublicTypes
    var sections: [Section]
    var constantSets: [ConstantSet]
}

func read(_ path: String) throws -> String {
    do { return try String(contentsOfFile: path, encoding: .utf8) } catch {
        throw GeneratorError("cannot read \(path): \(error)")
    }
}

/// The order the @c functions are declared in Sources/ELicenseSDK (files by name): the header
/// keeps the author's life-cycle order within each section rather than the compiler's
/// alphabetical one.
func declarationOrder(_ directory: String) throws -> [String] {
    let files = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".swift") }
        .sorted()
    var names: [String] = []
    for file in files {
        for line in try read(directory + "/" + file).split(separator: "\n") where line.hasPrefix("@c(") {
            guard let close = line.firstIndex(of: ")") else { throw GeneratorError("\(file): cannot read \(line)") }
            names.append(String(line[line.index(line.startIndex, offsetBy: 3)..<close]))
        }
    }
    return names
}

func model(compilerHeader: String, root: String) throws -> Model {
    let prototypes = try compilerPrototypes(compilerHeader)
    let order = try declarationOrder(root + "/Sources/ELicenseSDK")
    guard Set(order) == Set(prototypes.map(\.name)), order.count == prototypes.count else {
        throw GeneratorError(
            "the compiler's header and the @c declarations of Sources/ELicenseSDK name different functions "
                + "(rebuild ELicenseSDK first): \(Set(order).symmetricDifference(prototypes.map(\.name)).sorted())")
    }
    let functions = order.compactMap { name in prototypes.first { $0.name == name } }
    let types = try publicTypes(try read(root + "/Sources/CElicenseABI/include/elicense_abi.h"))
    let fields = try Catalogue.licenseFields()
    let constants: [String: [ConstantSet]] = [
        "login": [Catalogue.loginStates, Catalogue.operatorRoles],
        "license": [Catalogue.licenseStates, fields],
        "material": [Catalogue.materialVerdicts],
    ]
    let sections = Sections.order.map { key in
        let (title, summary) = Sections.titles[key]!
        return Section(
            title: title, summary: summary, functions: functions.filter { Sections.key(of: $0.name) == key },
            constants: constants[key] ?? [])
    }
    return Model(
        functions: sections.flatMap(\.functions), types: types, sections: sections,
        constantSets: [
            Catalogue.loginStates, Catalogue.operatorRoles, Catalogue.licenseStates, Catalogue.materialVerdicts, fields,
        ])
}

/// Replaces what lies between the line containing `begin` and the line containing `end`.
func replacingBlock(in text: String, begin: String, end: String, with block: String, file: String) throws -> String {
    guard let start = text.range(of: begin), let startLine = text[start.upperBound...].firstIndex(of: "\n"),
        let stop = text.range(of: end, range: startLine..<text.endIndex)
    else {
        throw GeneratorError("\(file): no generated block between \(begin) and \(end)")
    }
    let stopLine = text[..<stop.lowerBound].lastIndex(of: "\n").map { text.index(after: $0) } ?? stop.lowerBound
    return String(text[...startLine]) + block + String(text[stopLine...])
}

func outputs(_ model: Model, root: String) throws -> [(String, String)] {
    var files: [(String, String)] = [
        ("Include/elicense.h", cHeader(model)),
        ("Tests/sdk/exports.txt", exportsList(model)),
        ("Bindings/python/src/elicense/_abi.py", try pythonModule(model)),
    ]
    files += try javaFiles(model).map { ("Bindings/java/src/main/java/cn/elicense/\($0.0).java", $0.1) }
    files.append(
        (
            "docs/protocol.md",
            try replacingBlock(
                in: try read(root + "/docs/protocol.md"),
                begin: "<!-- BEGIN ERROR TABLE", end: "<!-- END ERROR TABLE",
                with: protocolErrorTable(), file: "docs/protocol.md")
        ))
    files.append(
        (
            "docs/openapi.yaml",
            try replacingBlock(
                in: try read(root + "/docs/openapi.yaml"),
                begin: "# BEGIN GENERATED ERROR CODES", end: "# END GENERATED ERROR CODES",
                with: openAPIErrorCodes(), file: "docs/openapi.yaml")
        ))
    return files
}

let arguments = CommandLine.arguments
guard arguments.count == 4 else {
    FileHandle.standardError.write(
        Data("usage: elicense-abigen <ELicenseSDK-Swift.h> <source root> <output root>\n".utf8))
    exit(2)
}
do {
    let root = arguments[2], destination = arguments[3]
    let built = try model(compilerHeader: try read(arguments[1]), root: root)
    for (path, text) in try outputs(built, root: root) {
        let url = URL(fileURLWithPath: destination).appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }
} catch {
    FileHandle.standardError.write(Data("elicense-abigen: \(error)\n".utf8))
    exit(1)
}
