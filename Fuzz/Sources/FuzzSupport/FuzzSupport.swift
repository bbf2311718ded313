#if canImport(Glibc)
    import Glibc
#endif

/// What every fuzz target shares: the libFuzzer entry and a reader that splits one input into
/// the parts of a structured call.

public typealias FuzzTestOneInput = @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32

@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: FuzzTestOneInput
) -> Int32

/// Runs libFuzzer with the process arguments (corpus directories, `-max_total_time=…`).
public func fuzzMain(
    _ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
    _ testOneInput: FuzzTestOneInput
) -> Int32 {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv, testOneInput)
}

/// The bytes libFuzzer passes, copied.
public func fuzzBytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
    guard let data, size > 0 else { return [] }
    return Array(UnsafeBufferPointer(start: data, count: size))
}

/// Reads an input front to back; past the end every read yields zero or empty, so any input is
/// a complete call.
public struct FuzzReader {
    private var rest: ArraySlice<UInt8>

    public init(_ bytes: [UInt8]) { rest = bytes[...] }

    public var isEmpty: Bool { rest.isEmpty }

    public mutating func byte() -> UInt8 { rest.popFirst() ?? 0 }

    /// Eight bytes, little-endian: every Int64 including the extremes.
    public mutating func int64() -> Int64 {
        var value: UInt64 = 0
        for shift in stride(from: 0, to: 64, by: 8) { value |= UInt64(byte()) << UInt64(shift) }
        return Int64(bitPattern: value)
    }

    /// The bytes up to the next NUL (consumed), or all that is left.
    public mutating func field() -> [UInt8] {
        let end = rest.firstIndex(of: 0) ?? rest.endIndex
        let out = Array(rest[..<end])
        rest = end < rest.endIndex ? rest[(end + 1)...] : []
        return out
    }

    /// ``field()`` as text; invalid UTF-8 is repaired the way a received header is.
    public mutating func string() -> String { String(decoding: field(), as: UTF8.self) }

    /// Everything not read yet.
    public mutating func remainder() -> [UInt8] {
        defer { rest = [] }
        return Array(rest)
    }
}

/// Builds a target's fixed state (keys, a client); a failure here is the harness's, not an
/// input's, so it stops the run before any input is tried.
public func fixture<T>(_ what: String, _ build: () throws -> T) -> T {
    do { return try build() } catch {
        writeError("fuzz fixture \(what) failed: \(error)")
        exit(2)
    }
}

/// Stops the run as a crash: an input broke a property the code promises (a round trip, a
/// verification of what was just signed), not merely threw.
public func violated(_ property: String) -> Never {
    writeError("fuzz property violated: \(property)")
    abort()
}

/// To standard error, unbuffered: the process is about to stop.
private func writeError(_ text: String) {
    var line = text + "\n"
    line.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
}

/// Header lines `Name: value`, one a line, as a case-insensitive lookup (what HTTPTransport
/// and Hummingbird give the code under test); a repeated name keeps its last value.
public func headerLookup(_ text: String) -> [String: String] {
    var headers: [String: String] = [:]
    for line in text.split(separator: "\n") {
        guard let colon = line.firstIndex(of: ":") else { continue }
        headers[line[..<colon].lowercased()] = String(line[line.index(after: colon)...].drop { $0 == " " })
    }
    return headers
}
