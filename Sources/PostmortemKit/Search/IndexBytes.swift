import Foundation

/// Why a search index file cannot be used; pm rebuilds it and says so in one line.
public struct SearchIndexError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}

/// A 64-bit checksum of bytes (a multiply-rotate hash over 8-byte words): fast enough to check the parts of the
/// index every search reads, and any changed, lost or reordered byte changes it.
enum IndexChecksum {
    static func of(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        // Four independent lanes over 32-byte blocks, so the multiplications overlap; then the rest word by word.
        var lanes: (UInt64, UInt64, UInt64, UInt64) = (
            0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count), 0xC2B2_AE3D_27D4_EB4F, 0x1656_67B1_9E37_79F9, 0x27D4_EB2F_1656_67C5
        )
        guard let base = bytes.baseAddress else { return finish(lanes.0) }
        let blocks = bytes.count / 32
        func mix(_ hash: UInt64, _ word: UInt64) -> UInt64 {
            let product = (hash ^ word) &* 0xFF51_AFD7_ED55_8CCD
            return (product << 29) | (product >> 35)
        }
        for block in 0..<blocks {
            let offset = block * 32
            lanes.0 = mix(lanes.0, base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            lanes.1 = mix(lanes.1, base.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self))
            lanes.2 = mix(lanes.2, base.loadUnaligned(fromByteOffset: offset + 16, as: UInt64.self))
            lanes.3 = mix(lanes.3, base.loadUnaligned(fromByteOffset: offset + 24, as: UInt64.self))
        }
        var hash = mix(mix(mix(lanes.0, lanes.1), lanes.2), lanes.3)
        var offset = blocks * 32
        while offset + 8 <= bytes.count {
            hash = mix(hash, base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            offset += 8
        }
        var tail: UInt64 = 0
        for index in stride(from: bytes.count - 1, through: offset, by: -1) {
            tail = tail << 8 | UInt64(bytes[index])
        }
        hash = (hash ^ tail) &* 0xC4CE_B9FE_1A85_EC53
        return finish(hash)
    }

    static func of(_ bytes: [UInt8]) -> UInt64 {
        bytes.withUnsafeBytes { of($0) }
    }

    private static func finish(_ value: UInt64) -> UInt64 {
        var hash = value
        hash ^= hash >> 33
        hash = hash &* 0xFF51_AFD7_ED55_8CCD
        hash ^= hash >> 33
        return hash
    }
}

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

    mutating func append(_ other: [UInt8]) { bytes.append(contentsOf: other) }

    /// Pads with zeros to `count` bytes (for fixed-size records).
    mutating func pad(to count: Int) {
        while bytes.count < count { bytes.append(0) }
    }

    /// Overwrites a u64 written earlier.
    mutating func set(u64 value: UInt64, at offset: Int) {
        for index in 0..<8 { bytes[offset + index] = UInt8(truncatingIfNeeded: value >> UInt64(index * 8)) }
    }

    /// Overwrites a u32 written earlier.
    mutating func set(u32 value: UInt32, at offset: Int) {
        for index in 0..<4 { bytes[offset + index] = UInt8(truncatingIfNeeded: value >> UInt32(index * 8)) }
    }
}

/// Reads what `ByteWriter` wrote, with every access checked against the end: a crafted or damaged file gives a
/// `SearchIndexError`, never a crash or a read outside the buffer.
struct ByteReader {
    let bytes: UnsafeRawBufferPointer
    var offset: Int

    init(_ bytes: UnsafeRawBufferPointer, offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    func require(_ count: Int, at offset: Int) throws {
        guard count >= 0, offset >= 0, offset <= bytes.count, count <= bytes.count - offset else {
            throw SearchIndexError("the index ends in the middle of a record")
        }
    }

    mutating func u8() throws -> UInt8 {
        try require(1, at: offset)
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func u16() throws -> UInt16 {
        try require(2, at: offset)
        defer { offset += 2 }
        return UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
    }

    mutating func u32() throws -> UInt32 {
        let value = try u32(at: offset)
        offset += 4
        return value
    }

    mutating func u64() throws -> UInt64 {
        try require(8, at: offset)
        defer { offset += 8 }
        return bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self).littleEndian
    }

    mutating func i32() throws -> Int32 { Int32(bitPattern: try u32()) }
    mutating func i64() throws -> Int64 { Int64(bitPattern: try u64()) }

    func u32(at position: Int) throws -> UInt32 {
        try require(4, at: position)
        return bytes.loadUnaligned(fromByteOffset: position, as: UInt32.self).littleEndian
    }

    func u16(at position: Int) throws -> UInt16 {
        try require(2, at: position)
        return bytes.loadUnaligned(fromByteOffset: position, as: UInt16.self).littleEndian
    }

    func u8(at position: Int) throws -> UInt8 {
        try require(1, at: position)
        return bytes[position]
    }

    func i32(at position: Int) throws -> Int32 { Int32(bitPattern: try u32(at: position)) }

    func u64(at position: Int) throws -> UInt64 {
        try require(8, at: position)
        return bytes.loadUnaligned(fromByteOffset: position, as: UInt64.self).littleEndian
    }

    func i64(at position: Int) throws -> Int64 {
        try require(8, at: position)
        return Int64(bitPattern: bytes.loadUnaligned(fromByteOffset: position, as: UInt64.self).littleEndian)
    }

    mutating func varint() throws -> UInt32 {
        var result: UInt32 = 0
        var shift: UInt32 = 0
        while true {
            guard offset < bytes.count else { throw SearchIndexError("the index ends in the middle of a number") }
            let byte = bytes[offset]
            offset += 1
            guard shift < 32 else { throw SearchIndexError("the index holds a malformed number") }
            result |= UInt32(byte & 0x7F) << shift
            if byte < 0x80 { return result }
            shift += 7
        }
    }

    /// A slice of `count` bytes at `position`.
    func slice(_ position: Int, _ count: Int) throws -> UnsafeRawBufferPointer {
        try require(count, at: position)
        return UnsafeRawBufferPointer(rebasing: bytes[position..<position + count])
    }

    mutating func bytes(_ count: Int) throws -> [UInt8] {
        let slice = try self.slice(offset, count)
        offset += count
        return Array(slice)
    }
}
