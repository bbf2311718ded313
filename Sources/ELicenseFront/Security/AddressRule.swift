import ELicenseCore
import ELicenseCrypto
import Foundation

/// One filed source address: a single IP or a CIDR block, IPv4 or IPv6.
struct AddressRule: Sendable, Equatable, CustomStringConvertible {
    let network: [UInt8]
    let prefixLength: Int

    init(_ text: String) throws(ELicenseError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let address = Self.parse(String(parts[0])) else {
            throw ELicenseError(.invalidArgument, "'\(text)' is not an IP address or CIDR block")
        }
        let bits = address.count * 8
        let prefix = parts.count == 2 ? Int(parts[1]) : bits
        guard let prefix, (0...bits).contains(prefix) else {
            throw ELicenseError(.invalidArgument, "'\(text)' has an invalid prefix length")
        }
        network = address
        prefixLength = prefix
    }

    /// An IPv4 address and its IPv4-mapped IPv6 form (`::ffff:a.b.c.d`) are the same peer, as a
    /// dual-stack listener may report either: each matches a rule written in the other form.
    func matches(_ address: String) -> Bool {
        guard let bytes = Self.parse(address) else { return false }
        return Self.forms(of: bytes).contains { candidate in
            guard candidate.count == network.count else { return false }
            var remaining = prefixLength
            for (a, b) in zip(candidate, network) where remaining > 0 {
                let mask: UInt8 = remaining >= 8 ? 0xff : ~(0xff >> UInt8(remaining))
                if a & mask != b & mask { return false }
                remaining -= 8
            }
            return true
        }
    }

    private static let mappedPrefix: [UInt8] = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff]

    private static func forms(of bytes: [UInt8]) -> [[UInt8]] {
        if bytes.count == 4 { return [bytes, mappedPrefix + bytes] }
        if bytes.count == 16, Array(bytes[0..<12]) == mappedPrefix { return [bytes, Array(bytes[12...])] }
        return [bytes]
    }

    /// The key under which a peer's unauthenticated requests are counted: an IPv4 address (also
    /// when IPv4-mapped), or the /64 network of an IPv6 address, since one host commonly holds a
    /// whole /64. Unparseable or missing addresses share one key.
    static func sourceKey(_ address: String?) -> String {
        guard let address, let bytes = parse(address) else { return "unknown" }
        let forms = forms(of: bytes)
        if let v4 = forms.first(where: { $0.count == 4 }) { return v4.map(String.init).joined(separator: ".") }
        return Hex.encodeGroups(Array(bytes[0..<8])) + "::/64"
    }

    var description: String {
        let text = network.count == 4 ? network.map(String.init).joined(separator: ".") : Hex.encodeGroups(network)
        return prefixLength == network.count * 8 ? text : "\(text)/\(prefixLength)"
    }

    static func parse(_ text: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 { return withUnsafeBytes(of: &v4) { Array($0) } }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 { return withUnsafeBytes(of: &v6) { Array($0) } }
        return nil
    }

}

private extension Hex {
    static func encodeGroups(_ bytes: [UInt8]) -> String {
        stride(from: 0, to: bytes.count, by: 2).map {
            String(UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]), radix: 16)
        }
        .joined(separator: ":")
    }
}
