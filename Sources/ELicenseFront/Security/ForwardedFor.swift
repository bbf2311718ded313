import Foundation

/// The client's address when the front runs behind reverse proxies (`trusted_proxies`).
///
/// `X-Forwarded-For` is read only when the TCP peer is a trusted proxy, since anybody else can
/// write anything there. Each proxy appends the address it received the request from, so the
/// chain is walked from the right past trusted proxies: the first address that is not one is
/// the client. Left of it, everything was written by the client and is ignored. An entry that
/// is not an IP address ends the walk, and the hop that reported it counts as the client.
struct ForwardedFor: Sendable {
    let trustedProxies: [AddressRule]

    static let header = "X-Forwarded-For"

    /// - Parameters:
    ///   - peer: the TCP peer's address.
    ///   - headerValues: every `X-Forwarded-For` field of the request, in order.
    func clientAddress(peer: String?, headerValues: [String]) -> String? {
        guard var client = peer, isTrusted(client) else { return peer }
        let chain = headerValues.flatMap { $0.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces) }
        for hop in chain.reversed() {
            guard AddressRule.parse(hop) != nil else { break }
            client = hop
            if !isTrusted(hop) { break }
        }
        return client
    }

    private func isTrusted(_ address: String) -> Bool { trustedProxies.contains { $0.matches(address) } }
}
