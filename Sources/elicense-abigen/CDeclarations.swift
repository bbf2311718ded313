// The C side of the model: the prototypes the Swift compiler emits for the @c functions of
// ELicenseSDK, and the public typedefs of CElicenseABI, read by tokens rather than edited as text.
import Foundation

/// A C type as the ABI uses it: a base name, `const` on the base, and a pointer depth.
struct CType: Equatable {
    var base: String
    var isConst: Bool
    var pointers: Int

    /// `const char *` style: what precedes a name in a declaration.
    var spelled: String {
        (isConst ? "const " : "") + base + (pointers > 0 ? " " + String(repeating: "*", count: pointers) : "")
    }

    /// `const char *name`, `int32_t field`.
    func declaring(_ name: String) -> String { spelled + (pointers > 0 ? "" : " ") + name }

    var isVoid: Bool { base == "void" && pointers == 0 }
}

struct Parameter: Equatable {
    var type: CType
    var name: String
}

/// One exported function: its prototype and its doc comment as plain text lines.
struct Function {
    var name: String
    var result: CType
    var parameters: [Parameter]
    var doc: [String]

    var returnsStatus: Bool { result == CType(base: "elic_status", isConst: false, pointers: 0) }

    var prototype: String {
        let list = parameters.isEmpty ? "void" : parameters.map { $0.type.declaring($0.name) }.joined(separator: ", ")
        return result.declaring(name) + "(" + list + ");"
    }
}

/// A function pointer typedef such as elic_progress_cb.
struct Callback {
    var name: String
    var result: CType
    var parameters: [Parameter]
}

/// The public part of CElicenseABI's header: its text, copied verbatim, and what it declares.
struct PublicTypes {
    var text: String
    var handles: [String]
    var callbacks: [Callback]
}

struct GeneratorError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

enum Token: Equatable {
    case word(String)
    case punctuation(Character)
}

func tokenize(_ text: Substring) throws(GeneratorError) -> [Token] {
    var tokens: [Token] = []
    var word = ""
    func flush() {
        if !word.isEmpty { tokens.append(.word(word)) }
        word = ""
    }
    for character in text {
        if character.isLetter || character.isNumber || character == "_" {
            word.append(character)
        } else {
            flush()
            if character.isWhitespace { continue }
            guard "*(),;".contains(character) else { throw GeneratorError("unexpected '\(character)' in: \(text)") }
            tokens.append(.punctuation(character))
        }
    }
    flush()
    return tokens
}

/// Nullability and attribute macros of the compiler's header: they say nothing C89 can keep.
private let attributes: Set<String> = [
    "SWIFT_EXTERN", "SWIFT_NOEXCEPT", "SWIFT_WARN_UNUSED_RESULT", "_Nullable", "_Nonnull", "_Null_unspecified",
]

/// `char const * _Nullable * _Nullable out_` → (char, const, 2), "out".
private func parameter(_ tokens: ArraySlice<Token>, in context: String) throws(GeneratorError) -> Parameter {
    var words = tokens.compactMap { token -> String? in if case .word(let w) = token { return w } else { return nil } }
    guard words.count >= 2, case .word(let last)? = tokens.last else {
        throw GeneratorError("cannot read a parameter of \(context)")
    }
    words.removeLast()
    let type = try ctype(tokens.dropLast(), in: context)
    // The compiler appends "_" to a parameter named like a C++ keyword or macro (out → out_).
    let name = last.hasSuffix("_") ? String(last.dropLast()) : last
    return Parameter(type: type, name: name)
}

private func ctype(_ tokens: ArraySlice<Token>, in context: String) throws(GeneratorError) -> CType {
    var base: String?
    var isConst = false
    var pointers = 0
    for token in tokens {
        switch token {
        case .word("const"):
            guard pointers == 0 else { throw GeneratorError("const pointer in \(context): not in the ABI's rules") }
            isConst = true
        case .word(let word):
            guard base == nil, pointers == 0 else { throw GeneratorError("cannot read the type in \(context)") }
            base = word
        case .punctuation("*"):
            pointers += 1
        default:
            throw GeneratorError("cannot read the type in \(context)")
        }
    }
    guard let base else { throw GeneratorError("no type in \(context)") }
    return CType(base: base, isConst: isConst, pointers: pointers)
}

/// `T name(params)`: the tokens of a prototype or of a function-pointer typedef's parts.
private func parameters(_ tokens: ArraySlice<Token>, in context: String) throws(GeneratorError) -> [Parameter] {
    if tokens.count == 1, tokens.first == .word("void") { return [] }
    return try tokens.split(separator: .punctuation(",")).map { (part) throws(GeneratorError) in
        try parameter(part, in: context)
    }
}

/// The prototypes of the `extern "C"` block of ELicenseSDK-Swift.h, with their `///` comments.
func compilerPrototypes(_ header: String) throws(GeneratorError) -> [Function] {
    let lines = header.split(separator: "\n", omittingEmptySubsequences: false)
    guard let start = lines.firstIndex(of: "extern \"C\" {"),
        let end = lines[start...].firstIndex(of: "} // extern \"C\"")
    else {
        throw GeneratorError("no extern \"C\" block in the compiler's header")
    }
    var functions: [Function] = []
    var doc: [Substring] = []
    var declaration: [Substring] = []
    for line in lines[(start + 1)..<end] {
        if !declaration.isEmpty || line.hasPrefix("SWIFT_EXTERN ") {
            declaration.append(line)
            guard line.hasSuffix(";") else { continue }
            functions.append(try function(declaration.joined(separator: " ")[...], doc: doc))
            declaration = []
            doc = []
        } else if line.hasPrefix("///") {
            doc.append(line.dropFirst(3))
        } else if line.trimmingCharacters(in: .whitespaces).isEmpty {
            doc = []
        }
    }
    return functions
}

private func function(_ text: Substring, doc: [Substring]) throws(GeneratorError) -> Function {
    let tokens = try tokenize(text).filter { token in
        if case .word(let word) = token { return !attributes.contains(word) }
        return true
    }
    guard let open = tokens.firstIndex(of: .punctuation("(")), let close = tokens.lastIndex(of: .punctuation(")")),
        open > 1, case .word(let name) = tokens[open - 1], tokens[close...] == [.punctuation(")"), .punctuation(";")]
    else {
        throw GeneratorError("cannot read the prototype: \(text)")
    }
    return Function(
        name: name, result: try ctype(tokens[..<(open - 1)], in: name),
        parameters: try parameters(tokens[(open + 1)..<close], in: name), doc: plainText(doc))
}

/// The compiler renders Markdown doc comments as HTML; the C header and the bindings want text.
private func plainText(_ lines: [Substring]) -> [String] {
    var out: [String] = []
    var item = false
    for raw in lines {
        let line = raw.trimmingCharacters(in: .whitespaces)
        switch line {
        case "<ul>", "</ul>", "</li>": continue
        case "<li>": item = true; continue
        default: break
        }
        var text = ""
        var rest = line[...]
        while let tag = rest.firstIndex(of: "<") {
            text += rest[..<tag]
            guard let close = rest[tag...].firstIndex(of: ">") else { rest = rest[tag...]; break }
            let name = rest[rest.index(after: tag)..<close]
            if !["code", "/code", "em", "/em", "strong", "/strong"].contains(name) { text += rest[tag...close] }
            rest = rest[rest.index(after: close)...]
        }
        text += rest
        for (entity, character) in [
            ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&amp;", "&"),
            ("’", "'"), ("‘", "'"), ("“", "\""), ("”", "\""),
        ] {
            text = text.replacingOccurrences(of: entity, with: character)
        }
        out.append((item ? "- " : "") + text)
        item = false
    }
    return out
}

/// The block between the PUBLIC TYPES markers of elicense_abi.h, and the handles and callbacks
/// it declares.
func publicTypes(_ header: String) throws(GeneratorError) -> PublicTypes {
    let begin = "/* BEGIN PUBLIC TYPES */\n", end = "/* END PUBLIC TYPES */"
    guard let from = header.range(of: begin), let to = header.range(of: end, range: from.upperBound..<header.endIndex)
    else {
        throw GeneratorError("elicense_abi.h has no PUBLIC TYPES block")
    }
    let text = String(header[from.upperBound..<to.lowerBound])
    var handles: [String] = []
    var callbacks: [Callback] = []
    for statement in try declarations(text) {
        let tokens = try tokenize(statement[...])
        guard tokens.first == .word("typedef") else { throw GeneratorError("not a typedef: \(statement)") }
        if tokens.count == 4, tokens[1] == .word("struct"), case .word(let tag) = tokens[2], tokens[3] == .word(tag) {
            handles.append(tag)
        } else if let open = tokens.firstIndex(of: .punctuation("(")), tokens[open + 1] == .punctuation("*"),
            case .word(let name) = tokens[open + 2], tokens[open + 3] == .punctuation(")"),
            tokens[open + 4] == .punctuation("("), tokens.last == .punctuation(")")
        {
            callbacks.append(
                Callback(
                    name: name, result: try ctype(tokens[1..<open], in: name),
                    parameters: try parameters(tokens[(open + 5)..<(tokens.count - 1)], in: name)))
        } else if tokens.count == 3, tokens[2] == .word("elic_status") {
            continue  // the status type: int32_t everywhere
        } else {
            throw GeneratorError("unknown typedef: \(statement)")
        }
    }
    return PublicTypes(text: text, handles: handles, callbacks: callbacks)
}

/// The statements of a C fragment without its comments, each without its ';'.
private func declarations(_ text: String) throws(GeneratorError) -> [String] {
    var code = ""
    var rest = text[...]
    while let open = rest.range(of: "/*") {
        code += rest[..<open.lowerBound]
        guard let close = rest.range(of: "*/", range: open.upperBound..<rest.endIndex) else {
            throw GeneratorError("unterminated comment in elicense_abi.h")
        }
        rest = rest[close.upperBound...]
    }
    code += rest
    return code.split(separator: ";").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
}
