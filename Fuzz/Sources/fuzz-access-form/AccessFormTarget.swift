import FuzzSupport

@testable import ELicenseFront

// The access form (接入信息表) an operator registers a unit with, YAML or JSON text.

@_cdecl("fuzz_access_form_main")
func fuzzAccessFormMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    fuzzMain(argc, argv, testOneInput)
}

@_cdecl("LLVMFuzzerTestOneInput")
func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    _ = try? AccessForm.parse(String(decoding: fuzzBytes(data, size), as: UTF8.self))
    return 0
}
