import ELicenseCore
import ELicenseProtocol
import ELicenseUpstream
import Foundation

extension FrontConfig.UpstreamSettings {
    /// The HTTP adapter to the provincial endpoint named by `client_config`, with this front's
    /// timeout and concurrency limit.
    func httpUpstream() throws(ELicenseError) -> HTTPUpstream {
        let path = clientConfig ?? ""
        guard let bytes = FileManager.default.contents(atPath: path) else {
            throw ELicenseError(.ioError, "cannot read upstream client_config '\(path)'")
        }
        do throws(ELicenseError) {
            var client = try ClientConfig(json: Array(bytes))
            client.timeoutMilliseconds = timeoutSeconds * 1000
            client.connectTimeoutMilliseconds = min(client.connectTimeoutMilliseconds, client.timeoutMilliseconds)
            return try HTTPUpstream(config: client, maxConcurrentCalls: maxConcurrentCalls)
        } catch {
            throw ELicenseError(error.code, "upstream client_config \(path): \(error.detail)")
        }
    }
}
