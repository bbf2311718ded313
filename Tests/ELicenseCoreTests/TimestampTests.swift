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

    /// Found by fuzz-wire (a decoded value must encode back to itself): an offset or a leap
    /// second carried these past 9999 or before 1900, and their UTC text did not parse.
    @Test(arguments: ["9999-12-31T23:59:59-00:01", "9999-12-31T23:59:60Z", "1900-01-01T00:00:00+00:01"])
    func refusesInstantsWhoseTextCouldNotBeReadBack(_ text: String) {
        #expect(throws: ELicenseError.self) { try Timestamp(rfc3339: text) }
    }

    @Test func readsBackTheFirstAndLastInstantItAccepts() throws {
        for text in ["1900-01-01T00:00:00Z", "9999-12-31T23:59:59Z"] {
            #expect(try Timestamp(rfc3339: Timestamp(rfc3339: text).rfc3339).rfc3339 == text)
        }
    }

    @Test(arguments: [
        "", "2026-11-25", "2026-11-25 08:30:00Z", "2026-11-25T08:30:00", "2026-11-25T24:00:00Z",
        "2026-02-30T00:00:00Z", "2026-11-25T08:30:00.Z", "2026-11-25T08:30:00+0800",
    ])
    func rejectsMalformedTimes(_ text: String) {
        #expect(throws: ELicenseError.self) { try Timestamp(rfc3339: text) }
    }
}
