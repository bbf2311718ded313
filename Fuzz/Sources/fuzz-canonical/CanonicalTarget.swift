import ELicenseCore
import ELicenseCrypto
import ELicenseProtocol
import FuzzSupport

// Canonical request and response strings, the signature headers, and CanonicalRecord.
// Input: a mode byte, then NUL-separated fields.

let key = fixture("signing key") { try SigningKey(try SM2PrivateKey()) }
let trusted = fixture("trusted keys") { try TrustedKeys([key.privateKey.publicKey]) }

@_cdecl("fuzz_canonical_main")
func fuzzCanonicalMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    fuzzMain(argc, argv, testOneInput)
}

@_cdecl("LLVMFuzzerTestOneInput")
func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    var input = FuzzReader(fuzzBytes(data, size))
    switch input.byte() % 4 {
    case 0: signRequest(&input)
    case 1: receiveRequest(&input)
    case 2: receiveResponse(&input)
    default: record(&input)
    }
    return 0
}

/// What the SDK does per call: a canonical request signed, and the front's check of it.
func signRequest(_ input: inout FuzzReader) {
    let timestamp = input.int64()
    guard
        let canonical = try? CanonicalRequest(
            method: input.string(), target: input.string(), timestamp: timestamp,
            nonce: input.string(), appID: input.string(), body: input.remainder()),
        let signed = try? RequestSignature(signing: canonical, with: key)
    else { return }
    guard trusted.verify(canonical.string, signature: signed.signature, keyID: signed.keyID) else {
        violated("a request just signed does not verify")
    }
    let headers = Dictionary(signed.headers.map { ($0.name.lowercased(), $0.value) }) { _, last in last }
    guard let read = try? RequestSignature(header: { headers[$0.lowercased()] }), read == signed else {
        violated("the signature headers of a signed request do not read back")
    }
}

/// What the front does with a received request's headers: read them, rebuild, verify.
func receiveRequest(_ input: inout FuzzReader) {
    let method = input.string(), target = input.string()
    let headers = headerLookup(input.string())
    guard let signature = try? RequestSignature(header: { headers[$0.lowercased()] }),
        let canonical = try? CanonicalRequest(
            method: method, target: target, timestamp: signature.timestamp,
            nonce: signature.nonce, appID: signature.appID, body: input.remainder())
    else { return }
    _ = trusted.signer(of: canonical.string, signature: signature.signature, keyID: signature.keyID)
}

/// What the SDK does with a response's headers.
func receiveResponse(_ input: inout FuzzReader) {
    let status = Int(truncatingIfNeeded: input.int64())
    let nonce = input.string()
    let headers = headerLookup(input.string())
    guard let signature = try? ResponseSignature(header: { headers[$0.lowercased()] }) else { return }
    _ = try? signature.verify(status: status, requestNonce: nonce, body: input.remainder(), trusted: trusted)
}

/// A record's text has one line per field after the tag, whatever the values hold.
func record(_ input: inout FuzzReader) {
    var fields: [(name: String, value: String?)] = []
    while !input.isEmpty {
        let name = "f\(fields.count)"
        let value = input.field()
        fields.append((name, value.first == 0xFF ? nil : String(decoding: value, as: UTF8.self)))
    }
    let text = CanonicalRecord(tag: "ELIC-FUZZ-V1", fields: fields).string
    guard text.utf8.count(where: { $0 == 0x0A }) == fields.count + 1 else {
        violated("a value broke a canonical record's line structure")
    }
}
