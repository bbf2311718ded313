import ELicenseClient
import ELicenseCore
import ELicenseProtocol
import FuzzSupport

// The client configuration file (JSON text) and the client built from it: URL, keys, timeouts.
// A client only sends when called, so building one sends nothing.

@_cdecl("fuzz_config_main")
func fuzzConfigMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    fuzzMain(argc, argv, testOneInput)
}

@_cdecl("LLVMFuzzerTestOneInput")
func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard var config = try? ClientConfig(json: fuzzBytes(data, size)) else { return 0 }
    // A path would fuzz the file system (/dev/zero, a FIFO), not the parser.
    config.privateKeyFile = nil
    _ = try? ELicenseClient(config: config)
    return 0
}
