import Foundation
import Testing
@testable import ELicenseCore

@Suite struct TimestampTests {
    @Test func formatsAsRFC3339UTC() {
        #expect(Timestamp(secondsSince1970: 0).rfc3339 == "1970-01-01T00:00:00Z")
        #expect(Timestamp(secondsSince1970: 951_782_400).rfc3339 == "2000-02-29T00:00:00Z")
        #expect(Timestamp(secondsSince1970: -1).rfc3339 == "1969-12-31T23:59:59Z")
    }

    @Test func agreesWithFoundationOverManyInstants() throws {
        let formatter = ISO8601DateFormatter()
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let seconds = Int64.random(in: -2_000_000_000...4_000_000_000, using: &generator)
            let ours = Timestamp(secondsSince1970: seconds).rfc3339
            #expect(ours == formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds))))
            #expect(try Timestamp(rfc3339: ours).secondsSince1970 == seconds)
        }
    }

    @Test func parsesOffsetsAndFractions() throws {
        #expect(try Timestamp(rfc3339: "2026-11-25T16:30:00+08:00") == Timestamp(rfc3339: "2026-11-25T08:30:00Z"))
        #expect(try Timestamp(rfc3339: "2026-11-25T08:30:00.123Z").rfc3339 == "2026-11-25T08:30:00Z")
    }

    @Test(arguments: ["", "2026-11-25", "2026-11-25 08:30:00Z", "2026-11-25T08:30:00", "2026-11-25T24:00:00Z",
                      "2026-02-30T00:00:00Z", "2026-11-25T08:30:00.Z", "2026-11-25T08:30:00+0800"])
    func rejectsMalformedTimes(_ text: String) {
        #expect(throws: ELicenseError.self) { try Timestamp(rfc3339: text) }
    }
}
