// One hot path in a plain loop: what callgrind counts (instructions per call do not depend on
// the machine's load) and the Swift USCC rate `make bench` prints beside the C ABI's.
//
//   hotpath-loop uscc-rate              prints uscc_swift_per_s<TAB>checks per CPU second
//   hotpath-loop uscc|uscc-invalid N    N checks of a valid / an invalid code
//   hotpath-loop pdf|png N              N renders of the material face; prints
//                                       material_pdf|png_cpu_ms<TAB>CPU ms per render after the first
//   hotpath-loop png-file PATH          writes one material PNG to PATH, to look at
import ELicenseCore
import ELicenseRender
import HotPathFixtures

#if canImport(Glibc)
    import Glibc
#endif

/// CPU time of this thread: other work on a shared machine does not inflate it.
func seconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

let arguments = CommandLine.arguments
let count = arguments.count > 2 ? Int(arguments[2]) ?? 1 : 1
var valid = 0
switch arguments.count > 1 ? arguments[1] : "" {
case "uscc-rate":
    let n = 5_000_000
    let start = seconds()
    for _ in 0..<n where USCCValidation(HotPathFixtures.validCode).isValid { valid += 1 }
    print("uscc_swift_per_s\t\(Double(n) / (seconds() - start))")
case "uscc":
    for _ in 0..<count where USCCValidation(HotPathFixtures.validCode).isValid { valid += 1 }
case "uscc-invalid":
    for _ in 0..<count where USCCValidation(HotPathFixtures.invalidCode).isValid { valid += 1 }
case "pdf", "png":
    let format = arguments[1]
    let face = try HotPathFixtures.face()
    let render = { try format == "pdf" ? LicenseDocument.pdf(face) : LicenseDocument.png(face) }
    valid += try render().count  // loads the fonts
    let start = seconds()
    for _ in 1..<max(count, 2) { valid += try render().count }
    print("material_\(format)_cpu_ms\t\((seconds() - start) / Double(max(count, 2) - 1) * 1000)")
case "png-file" where arguments.count > 2:
    let bytes = try LicenseDocument.png(try HotPathFixtures.face())
    guard let file = fopen(arguments[2], "wb"), fwrite(bytes, 1, bytes.count, file) == bytes.count, fclose(file) == 0
    else {
        print("cannot write \(arguments[2])")
        exit(1)
    }
default:
    print("usage: hotpath-loop uscc-rate | uscc N | uscc-invalid N | pdf N | png N | png-file PATH")
    exit(2)
}
// Printed so the optimiser keeps the loop.
if valid < 0 { print(valid) }
