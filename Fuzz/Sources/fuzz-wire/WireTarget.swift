import ELicenseCore
import ELicenseCrypto
import ELicenseProtocol
import FuzzSupport

// Every message type the front or the SDK decodes with WireJSON. Input: a type byte, then the
// JSON text. A decoded value must encode and decode back to itself, and what the SDK derives
// from it (error, canonical record, keys) must not trap.

let trusted = fixture("trusted keys") { try TrustedKeys([try SM2PrivateKey().publicKey]) }

@_cdecl("fuzz_wire_main")
func fuzzWireMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    fuzzMain(argc, argv, testOneInput)
}

/// In the order of the type byte (seeds in Fuzz/Corpus/fuzz-wire use it).
let decoders: [@Sendable ([UInt8]) -> Void] = [
    { roundTrip(LoginRequest.self, $0) },
    { roundTrip(LoginCreated.self, $0) },
    { roundTrip(LoginStatus.self, $0) },
    { roundTrip(LicenseRequest.self, $0) },
    { if let r = roundTrip(LicenseResponse.self, $0) { _ = r.signedLicense.verify(with: trusted) } },
    { roundTrip(MaterialRequest.self, $0) },
    {
        if let m = roundTrip(MaterialIssued.self, $0) {
            material(m.material); _ = try? m.verifiedDocument(format: "pdf")
        }
    },
    { if let m = roundTrip(MaterialRecord.self, $0) { material(m) } },
    { roundTrip(VerifyRequest.self, $0) },
    { if let v = roundTrip(VerifyResult.self, $0), let m = v.material { material(m) } },
    { roundTrip(RevokeRequest.self, $0) },
    { roundTrip(WhoAmI.self, $0) },
    { if let k = roundTrip(KeySet.self, $0) { for p in k.front + k.issuer { _ = try? p.publicKey() } } },
    { if let e = roundTrip(ErrorBody.self, $0) { _ = e.failure } },
    { if let s = roundTrip(SignedLicense.self, $0) { _ = s.verify(with: trusted) } },
    { roundTrip(Grant.self, $0) },
    { roundTrip(Subject.self, $0) },
    { roundTrip(ClientConfig.self, $0) },
]

@_cdecl("LLVMFuzzerTestOneInput")
func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    var input = FuzzReader(fuzzBytes(data, size))
    decoders[Int(input.byte()) % decoders.count](input.remainder())
    return 0
}

@discardableResult
func roundTrip<T: Codable & Equatable>(_ type: T.Type, _ bytes: [UInt8]) -> T? {
    guard let value = try? WireJSON.decode(type, from: bytes) else { return nil }
    guard let encoded = try? WireJSON.encode(value) else { violated("\(T.self) decoded but does not encode") }
    guard let again = try? WireJSON.decode(type, from: encoded), again == value else {
        violated("\(T.self) does not decode back to itself: \(String(decoding: encoded, as: UTF8.self))")
    }
    return value
}

func material(_ record: MaterialRecord) {
    _ = try? record.canonical().string
    _ = try? record.checked(document: Array(record.purpose.utf8), format: "png")
}
