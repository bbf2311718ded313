import CELicenseCrypto

/// A failure inside the national-crypto layer, with OpenSSL's own reason where it gave one.
public struct CryptoError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// A PEM that does not parse, a wrong passphrase, or a key that is not SM2.
        case invalidKey
        /// The operation needs a private key and was given a public one.
        case notPrivate
        /// Wrong key or IV size, bad padding on decryption.
        case invalidInput
        /// OpenSSL refused an operation that should not fail (out of memory, no entropy).
        case failure
    }

    public let kind: Kind
    public let message: String

    init(_ kind: Kind, _ what: String) {
        var buffer = [CChar](repeating: 0, count: 512)
        ecs_last_error(&buffer, buffer.count)
        let detail = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        self.kind = kind
        self.message = detail.isEmpty ? what : "\(what): \(detail)"
    }

    public var description: String { message }
}
