/// Decoding one Unicode scalar from UTF-8 bytes, for the tokenizers that walk bytes to keep exact columns.
enum UTF8Scalar {
    /// The scalar at `index` and its length in bytes; an invalid, overlong or cut-short sequence gives nil and a
    /// length of one byte, so that a caller always moves on.
    static func decode<Bytes: RandomAccessCollection>(_ bytes: Bytes, at index: Int) -> (scalar: Unicode.Scalar?, length: Int)
    where Bytes.Element == UInt8, Bytes.Index == Int {
        let first = bytes[index]
        if first < 0x80 { return (Unicode.Scalar(first), 1) }
        let length: Int
        var value: UInt32
        switch first {
        case 0xC2...0xDF:
            length = 2
            value = UInt32(first & 0x1F)
        case 0xE0...0xEF:
            length = 3
            value = UInt32(first & 0x0F)
        case 0xF0...0xF4:
            length = 4
            value = UInt32(first & 0x07)
        default:
            return (nil, 1)
        }
        guard index + length <= bytes.endIndex else { return (nil, 1) }
        for offset in 1..<length {
            let byte = bytes[index + offset]
            guard byte & 0xC0 == 0x80 else { return (nil, 1) }
            value = value << 6 | UInt32(byte & 0x3F)
        }
        let minimum: UInt32 = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000
        guard value >= minimum, let scalar = Unicode.Scalar(value) else { return (nil, 1) }
        return (scalar, length)
    }
}
