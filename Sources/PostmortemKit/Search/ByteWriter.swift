/// Appends little-endian integers, varints and bytes to a buffer.
struct ByteWriter {
    var bytes: [UInt8] = []

    var count: Int { bytes.count }

    mutating func u8(_ value: UInt8) { bytes.append(value) }

    mutating func u16(_ value: UInt16) {
        bytes.append(UInt8(truncatingIfNeeded: value))
        bytes.append(UInt8(truncatingIfNeeded: value >> 8))
    }

    mutating func u32(_ value: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }

    mutating func u64(_ value: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }

    mutating func i32(_ value: Int32) { u32(UInt32(bitPattern: value)) }
    mutating func i64(_ value: Int64) { u64(UInt64(bitPattern: value)) }

    /// An unsigned LEB128 varint.
    mutating func varint(_ value: UInt32) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    /// The bytes `varint(value)` writes.
    static func varintSize(_ value: UInt32) -> UInt32 {
        value < 1 << 7 ? 1 : value < 1 << 14 ? 2 : value < 1 << 21 ? 3 : value < 1 << 28 ? 4 : 5
    }

    mutating func append(_ other: [UInt8]) { bytes.append(contentsOf: other) }

    /// Pads with zeros to `count` bytes (for fixed-size records).
    mutating func pad(to count: Int) {
        if bytes.count < count { bytes.append(contentsOf: repeatElement(0, count: count - bytes.count)) }
    }

    /// Overwrites a u64 written earlier.
    mutating func set(u64 value: UInt64, at offset: Int) {
        for index in 0..<8 { bytes[offset + index] = UInt8(truncatingIfNeeded: value >> UInt64(index * 8)) }
    }

    /// Overwrites a byte written earlier.
    mutating func set(u8 value: UInt8, at offset: Int) { bytes[offset] = value }

    /// Overwrites a u16 written earlier.
    mutating func set(u16 value: UInt16, at offset: Int) {
        for index in 0..<2 { bytes[offset + index] = UInt8(truncatingIfNeeded: value >> UInt16(index * 8)) }
    }

    /// Overwrites bytes written earlier.
    mutating func set(bytes other: [UInt8], at offset: Int) { bytes.replaceSubrange(offset..<offset + other.count, with: other) }

    /// Overwrites a u32 written earlier.
    mutating func set(u32 value: UInt32, at offset: Int) {
        for index in 0..<4 { bytes[offset + index] = UInt8(truncatingIfNeeded: value >> UInt32(index * 8)) }
    }
}
