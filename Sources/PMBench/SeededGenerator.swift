/// A deterministic pseudo-random generator (SplitMix64): the same seed gives the same repository, byte for byte.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }

    /// One element of a non-empty array.
    mutating func pick<T>(_ items: [T]) -> T {
        items[Int(next() % UInt64(items.count))]
    }

    /// One element of an array, nil when it is empty.
    mutating func pickIfAny<T>(_ items: [T]) -> T? {
        items.isEmpty ? nil : pick(items)
    }

    /// `count` different elements of an array that has at least that many, in the order they were drawn.
    mutating func pick<T>(_ count: Int, of items: [T]) -> [T] {
        var remaining = items
        return (0..<count).map { _ in remaining.remove(at: Int(next() % UInt64(remaining.count))) }
    }

    /// An integer in `range`.
    mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    /// A number in [0, 1).
    mutating func unit() -> Double {
        Double(next() >> 11) / Double(UInt64(1) << 53)
    }

    /// True `percent` times in a hundred.
    mutating func chance(_ percent: Int) -> Bool {
        int(in: 0...99) < percent
    }
}
