import ELicenseCore
import ELicenseCrypto

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// One party's signing key with its protocol key id.
public struct SigningKey: Sendable {
    public let privateKey: SM2PrivateKey
    public let keyID: String

    public init(_ privateKey: SM2PrivateKey) throws(ELicenseError) {
        self.privateKey = privateKey
        do { keyID = try privateKey.publicKey.keyID() } catch { throw ELicenseError(.keyInvalid, error.message) }
    }

    /// Base64 of the DER SM2-with-SM3 signature over the UTF-8 bytes of `text`.
    public func sign(_ text: String) throws(ELicenseError) -> String {
        do {
            return Data(try privateKey.signature(for: Array(text.utf8))).base64EncodedString()
        } catch {
            throw ELicenseError(.internal, error.message)
        }
    }
}

/// The public keys a party accepts, by key id: two during a key changeover.
public struct TrustedKeys: Sendable {
    public private(set) var keys: [String: SM2PublicKey] = [:]

    public init(_ keys: [SM2PublicKey]) throws(ELicenseError) {
        for key in keys {
            do { self.keys[try key.keyID()] = key } catch { throw ELicenseError(.keyInvalid, error.message) }
        }
    }

    public var isEmpty: Bool { keys.isEmpty }

    /// Whether `signature` (base64 DER) over `text` verifies with the key named by `keyID`, or,
    /// when no key id was sent, with any trusted key.
    public func verify(_ text: String, signature: String, keyID: String?) -> Bool {
        signer(of: text, signature: signature, keyID: keyID) != nil
    }

    /// The id of the trusted key that made `signature`, or nil when none did.
    public func signer(of text: String, signature: String, keyID: String?) -> String? {
        guard let der = Data(base64Encoded: signature), !der.isEmpty else { return nil }
        let message = Array(text.utf8)
        let bytes = Array(der)
        if let keyID {
            return keys[keyID]?.isValidSignature(bytes, for: message) == true ? keyID : nil
        }
        return keys.first { $0.value.isValidSignature(bytes, for: message) }?.key
    }
}
