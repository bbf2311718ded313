import ELicenseCore
import ELicenseCrypto
import ELicenseProtocol

/// Random identifiers of protocol v1 (docs/protocol.md §2); unguessable, so knowing one is the
/// only way to name a login, grant or material.
enum Identifiers {
    static func login() throws(ELicenseError) -> String { "lg_" + (try hex(16)) }
    static func grantToken() throws(ELicenseError) -> String { "gr_" + (try hex(32)) }
    static func material() throws(ELicenseError) -> String { "mt_" + (try hex(16)) }
    static func request() -> String { "rq_" + ((try? hex(12)) ?? "000000000000000000000000") }
    static func qrToken() throws(ELicenseError) -> String { try hex(16) }

    /// `XXXX-XXXX-XXXX` over the USCC alphabet (no I, O, S, V, Z): easy to read aloud and type.
    static func verificationCode() throws(ELicenseError) -> String {
        let alphabet = USCC.alphabet
        var chars: [Character] = []
        // Rejection sampling keeps every character equally likely (256 is not a multiple of 31).
        while chars.count < 12 {
            for byte in try bytes(16) where byte < 248 && chars.count < 12 {
                chars.append(alphabet[Int(byte) % alphabet.count])
            }
        }
        return [chars[0..<4], chars[4..<8], chars[8..<12]].map { String($0) }.joined(separator: "-")
    }

    /// The login's confirmation code (protocol §4.3): four decimal digits from the SM3 digest of
    /// its id, so nothing more is stored and only who knows the id can predict it.
    static func confirmationCode(loginID: String) throws(ELicenseError) -> String {
        let leading = UInt32(try Digest.sm3Hex(loginID).prefix(8), radix: 16) ?? 0
        let digits = String(leading % 10_000)
        return String(repeating: "0", count: 4 - digits.count) + digits
    }

    /// `count` random bytes as hex.
    static func hex(_ count: Int) throws(ELicenseError) -> String { Hex.encode(try bytes(count)) }

    private static func bytes(_ count: Int) throws(ELicenseError) -> [UInt8] {
        do { return try SecureRandom.bytes(count) } catch { throw ELicenseError(.internal, error.message) }
    }
}
