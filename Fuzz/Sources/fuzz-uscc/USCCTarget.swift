import ELicenseCore
import ELicenseProtocol
import FuzzSupport

// USCC: validation and its report for any text, the parts of a valid code, and completion of a
// 16-character prefix.

@_cdecl("fuzz_uscc_main")
func fuzzUSCCMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    fuzzMain(argc, argv, testOneInput)
}

@_cdecl("LLVMFuzzerTestOneInput")
func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let text = String(decoding: fuzzBytes(data, size), as: UTF8.self)
    let validation = USCCValidation(text)
    _ = try? WireJSON.encode(USCCReport(validation))
    _ = validation.suggestion
    if let uscc = try? USCC(text) {
        guard validation.isValid, uscc.value == text else { violated("USCC accepted what validation refused") }
        _ = (
            uscc.registrationAuthority.chinese, uscc.entityCategory.chinese, uscc.region.province,
            uscc.organizationCode,
            uscc.checkCharacter
        )
    } else if validation.isValid {
        violated("USCC refused what validation accepted")
    }
    if let completed = USCC.completing(String(text.prefix(16))) {
        guard completed.value.hasPrefix(String(text.prefix(16))) else { violated("completion changed the prefix") }
    }
    return 0
}
