import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where a command writes, and what that place can show (colour, width).
public final class Terminal: @unchecked Sendable {
    private let descriptor: Int32
    /// True when this stream is a terminal.
    public let isTerminal: Bool
    /// True when ANSI styles should be written.
    public var colors: Bool
    private var buffer: [UInt8] = []
    private let capture: Bool
    /// The columns of the status line on show (`status`), 0 when none is.
    private var statusWidth = 0

    /// A stream on a file descriptor (1 or 2); `colors` is decided by the caller from flags and `NO_COLOR`.
    public init(descriptor: Int32, colors: Bool) {
        self.descriptor = descriptor
        isTerminal = isatty(descriptor) == 1
        self.colors = colors && isatty(descriptor) == 1
        capture = false
    }

    /// A stream that keeps what is written, for tests.
    public init(capturingWithColors colors: Bool = false) {
        descriptor = -1
        isTerminal = colors
        self.colors = colors
        capture = true
    }

    /// Everything written so far (capturing streams only).
    public var captured: String { String(decoding: buffer, as: UTF8.self) }

    /// Writes text as is.
    public func write(_ text: String) {
        write(bytes: Array(text.utf8))
    }

    /// Writes bytes exactly as given (`pm show --raw`), after clearing the status line if one is on show.
    public func write(bytes: [UInt8]) {
        if statusWidth > 0 { clearStatus() }
        writeNow(bytes)
    }

    /// Shows `text` on a terminal as a status line that the next one replaces in place (progress); nothing when this
    /// is not a terminal. Whatever is written next clears it first, as does `clearStatus()`.
    public func status(_ text: String) {
        guard isTerminal else { return }
        // Kept to one row, so that a carriage return goes back to its start.
        let shown = width.map { text.truncated(toWidth: max(1, $0 - 1)) } ?? text
        let columns = shown.displayWidth
        writeNow(Array(("\r" + shown + String(repeating: " ", count: max(0, statusWidth - columns))).utf8))
        statusWidth = max(columns, 1)
    }

    /// Clears the status line on show, if any, leaving the cursor at the start of its row.
    public func clearStatus() {
        guard statusWidth > 0 else { return }
        writeNow(Array(("\r" + String(repeating: " ", count: statusWidth) + "\r").utf8))
        statusWidth = 0
    }

    private func writeNow(_ bytes: [UInt8]) {
        if capture {
            buffer += bytes
            return
        }
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { systemWrite(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                return  // a closed pipe (`pm list | head`): nothing more to say
            }
            offset += written
        }
    }

    /// Writes a line.
    public func line(_ text: String = "") {
        write(text + "\n")
    }

    /// The width in columns when this is a terminal (from the kernel, then `COLUMNS`), else nil.
    public var width: Int? {
        guard isTerminal else { return nil }
        var size = winsize()
        if ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init)
    }

    // MARK: - Styles

    /// An ANSI style, written only when colours are on.
    public enum Style: String, Sendable {
        case bold = "1", dim = "2", italic = "3", underline = "4", strikethrough = "9", red = "31", green = "32", yellow = "33",
            blue = "34", magenta = "35", cyan = "36"
    }

    /// `text` wrapped in the style when colours are on.
    public func styled(_ text: String, _ styles: Style...) -> String {
        styled(text, styles)
    }

    /// `text` wrapped in the styles when colours are on.
    public func styled(_ text: String, _ styles: [Style]) -> String {
        guard colors, !styles.isEmpty, !text.isEmpty else { return text }
        return "\u{1B}[\(styles.map(\.rawValue).joined(separator: ";"))m\(text)\u{1B}[0m"
    }
}

extension String {
    /// This text with control characters and escape sequences removed, safe to print on a terminal.
    ///
    /// Document text never reaches a terminal raw: an ESC sequence in a title could rewrite the screen.
    public var terminalSafe: String { cleaned(keepingLines: true) }

    /// Safe for one table cell or one line: `terminalSafe`, with line breaks and tabs turned into spaces.
    public var singleLine: String { cleaned(keepingLines: false) }

    /// One pass over the scalars: escape sequences and controls dropped, line breaks and tabs kept or made spaces.
    private func cleaned(keepingLines: Bool) -> String {
        // Printable ASCII, nearly every cell of a table, is safe as it is.
        if isPrintableASCII { return self }
        var result = String.UnicodeScalarView()
        var scalars = unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            switch scalar.value {
            case 0x1B:
                // Skip a CSI (`ESC [ … final`) or OSC (`ESC ] … BEL/ST`) sequence, or the single next character.
                guard let next = scalars.next() else { break }
                if next == "[" {
                    Self.skipControlSequence(&scalars)
                } else if next == "]" {
                    Self.skipOperatingSystemCommand(&scalars)
                }
            case 0x9B:
                // The C1 forms of CSI and OSC: their parameters ("31m") were left behind as text.
                Self.skipControlSequence(&scalars)
            case 0x9D:
                Self.skipOperatingSystemCommand(&scalars)
            case 0x0A, 0x09:
                result.append(keepingLines ? scalar : " ")
            case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C:
                continue  // C0/C1 controls, bidirectional overrides and isolates, and the marks that reorder text too
            default:
                result.append(scalar)
            }
        }
        return String(result)
    }

    /// Skips a control sequence's parameters up to and including its final byte.
    private static func skipControlSequence(_ scalars: inout String.UnicodeScalarView.Iterator) {
        while let scalar = scalars.next(), !(0x40...0x7E).contains(scalar.value) {}
    }

    /// Skips an OSC's text up to its terminator: BEL, C1 ST, or `ESC \`, whose backslash was left behind as text.
    private static func skipOperatingSystemCommand(_ scalars: inout String.UnicodeScalarView.Iterator) {
        while let scalar = scalars.next() {
            if scalar.value == 0x07 || scalar.value == 0x9C { return }
            if scalar.value == 0x1B {
                _ = scalars.next()
                return
            }
        }
    }

    /// True when every byte is printable ASCII (checked on the contiguous bytes: the fast path of every cell).
    private var isPrintableASCII: Bool {
        utf8.withContiguousStorageIfAvailable { bytes in bytes.allSatisfy { $0 >= 0x20 && $0 < 0x7F } }
            ?? utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
    }

    /// The number of terminal columns this text takes (wide East Asian characters count two, combining marks none).
    public var displayWidth: Int {
        if isPrintableASCII { return utf8.count }
        return String.displayWidth(of: unicodeScalars)
    }

    /// The columns of some scalars (see `displayWidth`).
    static func displayWidth<Scalars: Sequence>(of scalars: Scalars) -> Int where Scalars.Element == Unicode.Scalar {
        var width = 0
        for scalar in scalars {
            let value = scalar.value
            // ASCII, nearly all of it, is one column: no property lookups.
            if value >= 0x20 && value < 0x7F {
                width += 1
                continue
            }
            if scalar.properties.generalCategory == .nonspacingMark || scalar.properties.generalCategory == .enclosingMark
                || value == 0x200B || value == 0x200D || (0xFE00...0xFE0F).contains(value)
            {
                continue
            }
            let wide =
                (0x1100...0x115F).contains(value) || (0x2E80...0xA4CF).contains(value) || (0xAC00...0xD7A3).contains(value)
                || (0xF900...0xFAFF).contains(value) || (0xFE30...0xFE4F).contains(value) || (0xFF00...0xFF60).contains(value)
                || (0xFFE0...0xFFE6).contains(value) || (0x1F300...0x1F64F).contains(value) || (0x1F900...0x1F9FF).contains(value)
                || (0x20000...0x3FFFD).contains(value)
            width += wide ? 2 : 1
        }
        return width
    }

    /// Cut to at most `width` columns, ending with `…` when cut.
    public func truncated(toWidth width: Int) -> String {
        guard displayWidth > width, width > 1 else { return self }
        var result = ""
        var used = 0
        for character in self {
            let characterWidth = String.displayWidth(of: character.unicodeScalars)
            if used + characterWidth > width - 1 { break }
            result.append(character)
            used += characterWidth
        }
        while result.last?.isWhitespace == true { result.removeLast() }
        return result + "…"
    }
}

/// The C library's `write(2)`, which `Terminal.write` hides inside the class; Glibc's on Linux, Darwin's on macOS.
private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    #if canImport(Glibc)
        Glibc.write(descriptor, buffer, count)
    #elseif canImport(Darwin)
        Darwin.write(descriptor, buffer, count)
    #endif
}
