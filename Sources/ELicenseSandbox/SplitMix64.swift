import ELicenseCore

/// SplitMix64 (Steele, Lea and Flood, 2014). Written out, with its own bounded draw, because the
/// standard library promises nothing about how `random(in:using:)` or `shuffled(using:)` consume
/// a generator: the dataset must not change with the Swift version or the machine.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<bound` (0 when `bound` is not positive). The modulo bias, below 2⁻⁵⁰ for
    /// the small bounds used here, does not matter for demo data.
    mutating func below(_ bound: Int) -> Int {
        bound > 0 ? Int(next() % UInt64(bound)) : 0
    }

    /// True with the given probability in percent.
    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }

    mutating func pick<T>(_ items: [T]) throws(ELicenseError) -> T {
        guard !items.isEmpty else { throw ELicenseError(.internal, "sandbox: empty table") }
        return items[below(items.count)]
    }

    /// Removes and returns a random element, so names drawn from a pool never repeat.
    mutating func take<T>(from items: inout [T]) throws(ELicenseError) -> T {
        guard !items.isEmpty else { throw ELicenseError(.internal, "sandbox: table exhausted") }
        return items.remove(at: below(items.count))
    }

    /// Fisher–Yates.
    mutating func shuffle<T>(_ items: inout [T]) {
        for i in items.indices.reversed() where i > 0 {
            items.swapAt(i, below(i + 1))
        }
    }
}
