/// An instant with one-second precision, written on the wire as RFC 3339 UTC
/// (`2026-11-25T08:30:00Z`). Kept free of Foundation so the SDK side stays small.
public struct Timestamp: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Seconds since 1970-01-01T00:00:00Z.
    public let secondsSince1970: Int64

    public init(secondsSince1970: Int64) { self.secondsSince1970 = secondsSince1970 }

    public func adding(seconds: Int64) -> Timestamp { Timestamp(secondsSince1970: secondsSince1970 + seconds) }

    public static func < (a: Timestamp, b: Timestamp) -> Bool { a.secondsSince1970 < b.secondsSince1970 }

    /// Parses `YYYY-MM-DDTHH:MM:SSZ` or with a `±HH:MM` offset; fractional seconds are dropped.
    public init(rfc3339 text: String) throws(ELicenseError) {
        let bad = ELicenseError(.invalidArgument, "'\(text)' is not an RFC 3339 time")
        let chars = Array(text.utf8)
        guard chars.count >= 20, chars[4] == 0x2D, chars[7] == 0x2D, chars[10] == 0x54 || chars[10] == 0x74,
            chars[13] == 0x3A, chars[16] == 0x3A,
            let year = Self.number(chars, 0, 4), let month = Self.number(chars, 5, 2),
            let day = Self.number(chars, 8, 2),
            let hour = Self.number(chars, 11, 2), let minute = Self.number(chars, 14, 2),
            let second = Self.number(chars, 17, 2), hour < 24, minute < 60, second < 61
        else { throw bad }
        let date = try CivilDate(year: year, month: month, day: day)
        var index = 19
        if index < chars.count, chars[index] == 0x2E {  // fraction
            index += 1
            let start = index
            while index < chars.count, (0x30...0x39).contains(chars[index]) { index += 1 }
            guard index > start else { throw bad }
        }
        var offset = 0
        if index == chars.count - 1, chars[index] == 0x5A || chars[index] == 0x7A {
            offset = 0
        } else if index == chars.count - 6, chars[index] == 0x2B || chars[index] == 0x2D, chars[index + 3] == 0x3A,
            let oh = Self.number(chars, index + 1, 2), let om = Self.number(chars, index + 4, 2)
        {
            offset = (oh * 60 + om) * 60 * (chars[index] == 0x2D ? -1 : 1)
        } else {
            throw bad
        }
        let days = Self.daysFromCivil(date.year, date.month, date.day)
        let seconds = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second - offset)
        // An offset or a leap second can move the instant out of the years CivilDate holds, and
        // then its UTC text could not be read back.
        guard (Self.earliest...Self.latest).contains(seconds) else {
            throw ELicenseError(.invalidArgument, "'\(text)' 超出 1900–9999 年 (is outside the years 1900–9999 in UTC)")
        }
        secondsSince1970 = seconds
    }

    /// 1900-01-01T00:00:00Z and 9999-12-31T23:59:59Z: the instants whose text CivilDate accepts.
    static let earliest: Int64 = -2_208_988_800
    static let latest: Int64 = 253_402_300_799

    public var rfc3339: String {
        let days = secondsSince1970 >= 0 ? secondsSince1970 / 86_400 : (secondsSince1970 - 86_399) / 86_400
        let rest = Int(secondsSince1970 - days * 86_400)
        let (y, m, d) = Self.civil(fromDays: Int(days))
        func pad(_ n: Int, _ w: Int = 2) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, w - s.count)) + s
        }
        return "\(pad(y, 4))-\(pad(m))-\(pad(d))T\(pad(rest / 3600)):\(pad(rest / 60 % 60)):\(pad(rest % 60))Z"
    }

    public var description: String { rfc3339 }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { try self.init(rfc3339: text) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.detail))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rfc3339)
    }

    private static func number(_ chars: [UInt8], _ start: Int, _ count: Int) -> Int? {
        var value = 0
        for c in chars[start..<start + count] {
            guard (0x30...0x39).contains(c) else { return nil }
            value = value * 10 + Int(c - 0x30)
        }
        return value
    }

    // Howard Hinnant's days-from-civil algorithms (proleptic Gregorian calendar).
    static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(fromDays days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
