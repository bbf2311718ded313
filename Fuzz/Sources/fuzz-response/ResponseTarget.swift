import ELicenseCore
import ELicenseCrypto
import ELicenseProtocol
import FuzzSupport

@testable import ELicenseClient

// The SDK's handling of an HTTP answer: signature check, then the result or the error (and the
// wait before a retry). Input: a flags byte (bit 0: sign the answer with the pinned front key so
// the decoding is reached; the rest: which endpoint's answer), the status (8 bytes), header
// lines, NUL, the body.

let frontKey = fixture("front key") { try SigningKey(try SM2PrivateKey()) }
let client = fixture("client") {
    let config = ClientConfig(
        profile: .sandbox, frontURL: "http://127.0.0.1:9", appID: "fuzz.app",
        privateKeyPEM: try SM2PrivateKey().pemRepresentation(),
        frontPublicKeysPEM: [try frontKey.privateKey.publicKey.pemRepresentation()])
    return try ELicenseClient(config: config)
}
/// The nonce the SDK sent with the request being answered.
let nonce = "0f1e2d3c4b5a69788796a5b4c3d2e1f0"

let endpoints = [
    answer(WhoAmI.self), answer(KeySet.self), answer(LoginCreated.self), answer(LoginStatus.self),
    answer(LicenseResponse.self), answer(MaterialIssued.self), answer(VerifyResult.self),
]

func answer<T: Decodable & Sendable>(_ type: T.Type) -> @Sendable (HTTPReply) throws(ELicenseError) -> Void {
    { reply throws(ELicenseError) in _ = try client.decode(reply, as: type) }
}

@_cdecl("fuzz_response_main")
func fuzzResponseMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    fuzzMain(argc, argv, testOneInput)
}

@_cdecl("LLVMFuzzerTestOneInput")
func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    var input = FuzzReader(fuzzBytes(data, size))
    let flags = input.byte()
    let status = Int(truncatingIfNeeded: input.int64())
    var headers = headerLookup(input.string())
    let body = input.remainder()
    if flags & 1 == 1 { sign(status: status, body: body, headers: &headers) }
    let reply = HTTPReply(status: status, headers: headers, body: body)
    do throws(ELicenseError) {
        try client.verifySignature(reply, nonce: nonce)
        try endpoints[Int(flags >> 1) % endpoints.count](reply)
    } catch  where error.code.isRetryable {
        _ = ELicenseClient.backoff(attempt: 1, retryAfter: error.retryAfter)
    } catch {}
    return 0
}

/// Signs as the front would, keeping the request id and timestamp the input gave.
func sign(status: Int, body: [UInt8], headers: inout [String: String]) {
    let requestID = headers[ProtocolV1.Header.requestID.lowercased()] ?? "rq_fuzz"
    let timestamp = headers[ProtocolV1.Header.timestamp.lowercased()].flatMap { Int64($0) } ?? 0
    guard
        let canonical = try? CanonicalResponse(
            status: status, requestNonce: nonce, requestID: requestID,
            timestamp: timestamp, body: body),
        let signature = try? ResponseSignature(signing: canonical, with: frontKey)
    else { return }
    for (name, value) in signature.headers { headers[name.lowercased()] = value }
}
