import Foundation

/// A path's bytes as git stores them (any bytes but NUL), turned into text.
///
/// Git does not require names to be UTF-8; pm's paths are Swift strings. A name that is not UTF-8 cannot be
/// decoded leniently and used as a path (U+FFFD is not the byte on disk), so it is shown with each bad byte
/// escaped as `\xHH`, and flagged, for callers to report and skip it.
public enum PathBytes {
    /// The text of `bytes`, and whether they were valid UTF-8 (when not, every bad byte is written `\xHH`).
    public static func text<Bytes: Collection>(of bytes: Bytes) -> (text: String, isUTF8: Bool) where Bytes.Element == UInt8 {
        // Valid UTF-8 in contiguous memory (every path libgit2 hands over) becomes a string without a copy first.
        if let valid = bytes.withContiguousStorageIfAvailable({ String(validating: $0, as: UTF8.self) }) ?? nil {
            return (valid, true)
        }
        let array = Array(bytes)
        if let valid = String(validating: array, as: UTF8.self) { return (valid, true) }
        var text = ""
        var index = 0
        while index < array.count {
            if let (scalar, length) = scalar(in: array, at: index) {
                text.unicodeScalars.append(scalar)
                index += length
            } else {
                text += "\\x" + String(array[index], radix: 16, uppercase: false).leftPadded(to: 2)
                index += 1
            }
        }
        return (text, false)
    }

    /// The text of a C string from libgit2.
    static func text(of pointer: UnsafePointer<CChar>?) -> (text: String, isUTF8: Bool) {
        guard let pointer else { return ("", true) }
        let length = strlen(pointer)
        return pointer.withMemoryRebound(to: UInt8.self, capacity: length) {
            text(of: UnsafeBufferPointer(start: $0, count: length))
        }
    }

    /// The well-formed UTF-8 sequence starting at `index` (no overlong forms, surrogates or values past U+10FFFF).
    private static func scalar(in bytes: [UInt8], at index: Int) -> (Unicode.Scalar, Int)? {
        let lead = bytes[index]
        let length: Int
        var value: UInt32
        var lower: UInt8 = 0x80
        var upper: UInt8 = 0xBF
        switch lead {
        case 0x00...0x7F: return (Unicode.Scalar(lead), 1)
        case 0xC2...0xDF: (length, value) = (2, UInt32(lead & 0x1F))
        case 0xE0...0xEF:
            (length, value) = (3, UInt32(lead & 0x0F))
            if lead == 0xE0 { lower = 0xA0 }
            if lead == 0xED { upper = 0x9F }
        case 0xF0...0xF4:
            (length, value) = (4, UInt32(lead & 0x07))
            if lead == 0xF0 { lower = 0x90 }
            if lead == 0xF4 { upper = 0x8F }
        default: return nil
        }
        guard index + length <= bytes.count else { return nil }
        for offset in 1..<length {
            let byte = bytes[index + offset]
            guard byte >= (offset == 1 ? lower : 0x80), byte <= (offset == 1 ? upper : 0xBF) else { return nil }
            value = value << 6 | UInt32(byte & 0x3F)
        }
        return Unicode.Scalar(value).map { ($0, length) }
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
