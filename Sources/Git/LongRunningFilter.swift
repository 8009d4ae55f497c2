import Foundation

/// git's long-running filter protocol, version 2 (gitattributes(5), "Long Running Filter Process"), spoken for one
/// file: handshake, capabilities, one `command=clean` or `command=smudge` request, then the process is told to
/// stop by closing its input. pm runs one file per commit, so it does not keep the process between files.
enum LongRunningFilter {
    /// What the filter process answered.
    enum Outcome {
        /// The filtered content.
        case filtered([UInt8])
        /// The process does not offer this capability (git then treats the file as not filtered).
        case unsupported
        /// The process answered `status=error` or `status=abort`, or broke the protocol; with what it said.
        case failed(String)
    }

    /// The largest pkt-line git writes: 65520 bytes with the four-digit length.
    static let maximumPayload = 65516

    /// Runs `command` as a long-running filter on `input` for `capability` (`clean` or `smudge`).
    static func run(
        command: String, capability: String, path: String, input: [UInt8], workingDirectory: String
    ) throws -> Outcome {
        do {
            return try exchange(
                command: command, capability: capability, path: path, input: input, workingDirectory: workingDirectory)
        } catch let error as PacketReader.ProtocolError {
            return .failed(error.message)
        } catch FilterProcess.Failure.brokenPipe {
            return .failed("it stopped reading its input")
        }
    }

    private static func exchange(
        command: String, capability: String, path: String, input: [UInt8], workingDirectory: String
    ) throws -> Outcome {
        try BrokenPipe.ignored {
            let child = try FilterProcess(command: command, workingDirectory: workingDirectory)
            var reader = PacketReader(child: child)
            defer { _ = child.finish() }
            try child.write(packets(["git-filter-client", "version=2"]) + flush)
            guard try reader.textList() == ["git-filter-server", "version=2"] else {
                return .failed("it did not answer the version 2 handshake (git-filter-server, version=2)")
            }
            try child.write(packets(["capability=clean", "capability=smudge"]) + flush)
            guard let capabilities = try reader.textList() else {
                return .failed("it ended the protocol during the capability exchange")
            }
            guard capabilities.contains("capability=\(capability)") else { return .unsupported }
            // The request is written on another thread while the answer is read: a process that starts answering
            // before it has read the whole file would otherwise deadlock with pm on full pipes.
            let request = packets(["command=\(capability)", "pathname=\(path)"]) + flush + contentPackets(input) + flush
            let written = DispatchGroup()
            written.enter()
            DispatchQueue.global().async {
                // A process that stops reading is judged by its answer below, not by the broken pipe.
                try? child.write(request)
                written.leave()
            }
            var answered = false
            defer {
                // A process that failed may not read the rest of the request; stopping it ends the write.
                if !answered { child.terminate() }
                written.wait()
            }
            guard let status = try reader.textList() else { return .failed("it closed its output before answering") }
            if let failure = failure(in: status) { return .failed(failure) }
            var output: [UInt8] = []
            while let packet = try reader.packet() { output += packet }
            // A second status list may revoke the content ("status=error" after streaming it).
            let final = try reader.textList() ?? []
            if let failure = failure(in: final) { return .failed(failure) }
            answered = true
            return .filtered(output)
        }
    }

    /// The failure a status list reports, if any.
    private static func failure(in list: [String]) -> String? {
        let statuses = list.filter { $0.hasPrefix("status=") }
        guard let status = statuses.last, status != "status=success" else { return nil }
        return "it answered '\(status)'"
    }

    private static let flush = Array("0000".utf8)

    /// Text lines as pkt-lines, each with the trailing line feed git sends.
    private static func packets(_ lines: [String]) -> [UInt8] {
        lines.flatMap { packet(Array(($0 + "\n").utf8)) }
    }

    /// Content split into pkt-lines of at most `maximumPayload` bytes (none for empty content).
    private static func contentPackets(_ content: [UInt8]) -> [UInt8] {
        stride(from: 0, to: content.count, by: maximumPayload).flatMap { start in
            packet(Array(content[start..<min(start + maximumPayload, content.count)]))
        }
    }

    private static func packet(_ payload: [UInt8]) -> [UInt8] {
        let length = String(payload.count + 4, radix: 16)
        return Array((String(repeating: "0", count: 4 - length.count) + length).utf8) + payload
    }

    /// Reads pkt-lines from the filter's stdout.
    private struct PacketReader {
        let child: FilterProcess

        /// Thrown when the output is not pkt-lines.
        struct ProtocolError: Error {
            let message: String
        }

        /// The next packet's payload; nil for a flush packet. Throws at end of output or on a malformed length.
        mutating func packet() throws -> [UInt8]? {
            guard let header = child.read(exactly: 4) else {
                throw ProtocolError(message: "it closed its output in the middle of the protocol")
            }
            guard let length = Int(String(decoding: header, as: UTF8.self), radix: 16) else {
                throw ProtocolError(message: "it wrote something that is not a pkt-line")
            }
            if length == 0 { return nil }
            guard length > 4, length <= LongRunningFilter.maximumPayload + 4 else {
                throw ProtocolError(message: "it wrote a pkt-line of impossible length \(length)")
            }
            guard let payload = child.read(exactly: length - 4) else {
                throw ProtocolError(message: "it closed its output in the middle of a pkt-line")
            }
            return payload
        }

        /// Text packets up to the next flush, without their line feeds; nil when the output ended first.
        mutating func textList() throws -> [String]? {
            var lines: [String] = []
            do {
                while let payload = try packet() {
                    var text = String(decoding: payload, as: UTF8.self)
                    if text.hasSuffix("\n") { text.removeLast() }
                    lines.append(text)
                }
            } catch is ProtocolError where lines.isEmpty {
                return nil
            }
            return lines
        }
    }
}
