import Testing

@testable import ELicenseCore

@Suite struct ErrorCodeTests {
    @Test func statusesAndWireCodesAreUnique() {
        let statuses = ErrorCode.allCases.map(\.status)
        #expect(Set(statuses).count == statuses.count)
        let wire = ErrorCode.allCases.map(\.rawValue)
        #expect(Set(wire).count == wire.count)
    }

    @Test func everyStatusLiesInItsFamilyRange() {
        for code in ErrorCode.allCases {
            #expect(StatusFamily(status: code.status) != nil, "\(code) status \(code.status) outside every range")
            #expect(ErrorCode(status: code.status) == code)
        }
        #expect(StatusFamily(status: ErrorCode.signatureInvalid.status) == .security)
        #expect(StatusFamily(status: ErrorCode.timeout.status) == .network)
        #expect(StatusFamily(status: ErrorCode.grantExpired.status) == .business)
        #expect(StatusFamily(status: 0) == nil)
        #expect(StatusFamily(status: 500) == nil)
    }

    @Test func statusesArePinned() {
        // The SDK ABI promises these numbers forever; a renumbering must fail here.
        #expect(ErrorCode.invalidArgument.status == 1)
        #expect(ErrorCode.invalidUTF8.status == 2)
        #expect(ErrorCode.loginExpired.status == 101)
        #expect(ErrorCode.timeout.status == 201)
        #expect(ErrorCode.responseSignatureInvalid.status == 306)
        #expect(ErrorCode.auditUnavailable.status == 901)
    }

    @Test func httpStatusesAreErrorStatuses() {
        for code in ErrorCode.allCases {
            if let http = code.httpStatus { #expect((400...599).contains(http), "\(code)") }
        }
        #expect(ErrorCode.responseSignatureInvalid.httpStatus == nil)  // only the SDK sees it
        #expect(ErrorCode.auditUnavailable.httpStatus == 503)
    }

    @Test func everyCodeHasBothMessages() {
        for code in ErrorCode.allCases {
            #expect(!code.chinese.isEmpty && !code.english.isEmpty)
            #expect(
                code.chinese.unicodeScalars.contains { $0.value > 0x2E80 }, "\(code) Chinese message has no Chinese")
        }
    }

    @Test func errorDescriptionPutsChineseFirst() {
        let e = ELicenseError(.signatureInvalid, "key 1a2b", requestID: "rq_1")
        #expect(e.description == "请求签名无效 (request signature invalid): key 1a2b [request_id rq_1]")
    }

    @Test func markdownTableListsEveryCodeOnce() {
        let table = ErrorCatalog.markdownTable()
        for code in ErrorCode.allCases {
            #expect(table.components(separatedBy: "| `\(code.rawValue)` |").count == 2, "\(code)")
        }
    }
}
