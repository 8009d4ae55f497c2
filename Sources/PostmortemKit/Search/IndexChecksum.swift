/// A 64-bit checksum of bytes (a multiply-rotate hash over 8-byte words): fast enough to check the parts of the
/// index every search reads, and damage (a flipped bit, a lost or moved block) changes it all but certainly. Not a
/// defence against a file crafted to pass: every read is bounds-checked for that.
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
