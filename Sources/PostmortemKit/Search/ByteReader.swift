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
