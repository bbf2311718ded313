#if canImport(Glibc)
    import Glibc
#endif

/// The little a test needs below HTTP, on 127.0.0.1 only.
enum Loopback {
    struct Failure: Error {}

    /// A port nobody listens on now: bound with port 0, read back, released. (`serve` does not
    /// print the port it got for 0, so the test picks one and passes it.)
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure() }
        defer { close(fd) }
        var address = self.address(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard bound else { throw Failure() }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// The raw answer to a plain HTTP/1.1 GET, or nil when nothing answers within a second.
    static func get(port: Int, path: String) -> String? {
        guard let connection = try? Connection(port: port, timeout: 1),
            connection.send("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n")
        else { return nil }
        let answer = connection.receive()
        return answer.closed ? answer.text : nil
    }

    /// A TCP connection to 127.0.0.1 for requests a client library would not send.
    final class Connection {
        let fd: Int32

        /// Connects; every later read waits at most `timeout`.
        init(port: Int, timeout: Int = 10) throws {
            fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard fd >= 0 else { throw Failure() }
            var limit = timeval(tv_sec: timeout, tv_usec: 0)
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
            var address = Loopback.address(port: port)
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
                }
            }
            guard connected else {
                close(fd)
                throw Failure()
            }
        }

        deinit { close(fd) }

        /// False when the peer has closed the connection.
        @discardableResult
        func send(_ text: String) -> Bool {
            let bytes = Array(text.utf8)
            return Glibc.send(fd, bytes, bytes.count, Int32(MSG_NOSIGNAL)) == bytes.count
        }

        /// Everything received until the peer closes (`closed` true), a read times out, or what
        /// was received contains `marker`.
        func receive(until marker: String? = nil) -> (text: String, closed: Bool) {
            var received: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                if let marker, String(decoding: received, as: UTF8.self).contains(marker) {
                    return (String(decoding: received, as: UTF8.self), false)
                }
                let n = recv(fd, &buffer, buffer.count, 0)
                if n == 0 { return (String(decoding: received, as: UTF8.self), true) }
                if n < 0 { return (String(decoding: received, as: UTF8.self), errno == ECONNRESET) }
                received += buffer[..<n]
            }
        }
    }

    private static func address(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }
}
