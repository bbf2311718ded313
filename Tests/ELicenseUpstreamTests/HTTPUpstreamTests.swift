import ELicenseCore
import Foundation
import Testing

@testable import ELicenseUpstream

/// The parts of the HTTP adapter that need no provincial endpoint; the exchanges themselves are
/// tested against a live sandbox front in ELicenseFrontTests.
@Suite struct HTTPUpstreamUnitTests {
    @Test func provincialBusinessAnswersKeepTheirCodes() {
        for code in [
            ErrorCode.loginNotFound, .loginExpired, .grantInvalid, .grantExpired, .enterpriseNotFound, .upstreamFailed,
        ] {
            let translated = HTTPUpstream.translate(ELicenseError(code, "unknown ticket", requestID: "rq_province"))
            #expect(translated.code == code)
            #expect(translated.detail == "unknown ticket: provincial request_id rq_province")
            // The department's front answers with its own request id.
            #expect(translated.requestID == nil)
        }
    }

    @Test func transportAndSecurityFailuresAreTheProvincialSystemFailing() {
        for code in [
            ErrorCode.network, .tls, .badResponse, .unavailable, .responseSignatureInvalid, .signatureInvalid,
            .appDisabled, .profileMismatch, .rateLimited, .invalidArgument, .internal,
        ] {
            let translated = HTTPUpstream.translate(ELicenseError(code, "detail", retryAfter: 7))
            #expect(translated.code == .upstreamFailed)
            #expect(translated.detail == "\(code.rawValue): detail")
            #expect(translated.retryAfter == 7)
        }
        // docs/upstream.md §4: a replaced code leads the detail, `timeout:` too.
        let timedOut = HTTPUpstream.translate(ELicenseError(.timeout, "Timeout was reached"))
        #expect(timedOut.code == .upstreamTimeout)
        #expect(timedOut.detail == "timeout: Timeout was reached")
        let answered = HTTPUpstream.translate(
            ELicenseError(.upstreamTimeout, "timeout: no provincial answer within 1500 ms"))
        #expect(answered.code == .upstreamTimeout)
        #expect(answered.detail == "timeout: no provincial answer within 1500 ms")
    }

    /// More calls block at once than Swift concurrency has cooperative threads (one per core),
    /// and all of them run: were they on the cooperative threads, this would hang.
    @Test(.timeLimit(.minutes(1))) func blockingCallsRunOnThreadsOfTheirOwnUpToTheLimit() async throws {
        let limit = ProcessInfo.processInfo.activeProcessorCount + 4
        let calls = BlockingCalls(limit: limit)
        let (started, running) = AsyncStream<Void>.makeStream()
        let release = DispatchSemaphore(value: 0)
        let all = Task {
            try await withThrowingTaskGroup(of: Int.self) { group in
                for i in 1...limit {
                    group.addTask {
                        try await calls.run { () throws(ELicenseError) -> Int in
                            running.yield()
                            release.wait()  // blocks this call's own thread only
                            return i
                        }
                    }
                }
                return try await group.reduce(0, +)
            }
        }
        var count = 0
        for await _ in started {
            count += 1
            if count == limit { break }
        }
        let refused = await #expect(throws: ELicenseError.self) {
            try await calls.run { () throws(ELicenseError) in 0 }
        }
        #expect(refused?.code == .upstreamFailed)
        for _ in 1...limit { release.signal() }
        #expect(try await all.value == limit * (limit + 1) / 2)
        // The slots are free again.
        #expect(try await calls.run { () throws(ELicenseError) in 7 } == 7)
    }
}
