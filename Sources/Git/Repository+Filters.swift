import CLibgit2
import Foundation

/// git's conversions between the working tree and the object database, as `git add` and `git checkout` apply them:
/// the external filter driver a path's `filter` attribute names (`filter.<driver>.clean`, `.smudge`, `.process`,
/// `.required`), then libgit2's built-in conversions (`core.autocrlf`, `text`, `eol`, `ident`).
///
/// libgit2 applies only the built-in conversions and skips external drivers without a word, so a git-crypt file
/// would be stored as plaintext and a required redacting filter bypassed; pm runs the drivers itself.
extension Repository {
    /// The state of attribute `name` for `path` (relative to the working tree's root), from `.gitattributes` files,
    /// `info/attributes` and `core.attributesFile`, as git reads them for `git add`.
    public func attribute(_ name: String, forPath path: String) throws -> AttributeValue {
        var raw: UnsafePointer<CChar>?
        try check(
            git_attr_get(&raw, pointer, UInt32(GIT_ATTR_CHECK_FILE_THEN_INDEX), path, name), "git_attr_get(\(name), \(path))")
        switch git_attr_value(raw) {
        case GIT_ATTR_VALUE_TRUE: return .set
        case GIT_ATTR_VALUE_FALSE: return .unset
        case GIT_ATTR_VALUE_STRING: return .value(lenientString(raw))
        default: return .unspecified
        }
    }

    /// The external filter driver for `path`, or nil when its `filter` attribute names none.
    public func filterDriver(forPath path: String) throws -> FilterDriver? {
        guard case .value(let name) = try attribute("filter", forPath: path) else { return nil }
        let config = try configuration()
        func command(_ key: String) throws -> String? {
            try config.string("filter.\(name).\(key)").flatMap { $0.isEmpty ? nil : $0 }
        }
        let required: Bool
        do {
            required = try config.bool("filter.\(name).required") ?? false
        } catch let error as GitError {
            throw GitError(
                message: "filter.\(name).required is not a boolean (\(error.message)); set it to true or false",
                function: error.function, code: error.code)
        }
        return FilterDriver(
            name: name, clean: try command("clean"), smudge: try command("smudge"), process: try command("process"),
            required: required, attributeSource: attributeSource(of: "filter=\(name)", forPath: path))
    }

    /// The bytes git would store for the working-tree file at `path`: the driver's clean, then the built-in
    /// conversions. Throws, naming the attribute and the driver, where git would refuse or pm cannot be sure.
    public func cleanedWorkingTreeFile(_ path: String) throws -> [UInt8] {
        guard let root = workingDirectory else {
            throw GitError(message: "\(path): a bare repository has no working tree", function: "cleanedWorkingTreeFile")
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: root + "/" + path))
        } catch {
            throw GitError(message: "cannot read \(path): \(error.localizedDescription)", function: "cleanedWorkingTreeFile")
        }
        return try clean([UInt8](data), forPath: path)
    }

    /// `bytes`, as the working-tree content of `path`, converted to what git stores (`git hash-object --path`).
    public func clean(_ bytes: [UInt8], forPath path: String) throws -> [UInt8] {
        try refuseWorkingTreeEncoding(path)
        var content = bytes
        if let driver = try filterDriver(forPath: path) {
            content = try run(driver, .clean, on: content, path: path)
        }
        return try applyBuiltInFilters(content, path: path, direction: .clean)
    }

    /// A blob's `bytes` converted to what git would write into the working tree at `path` (`git checkout`): the
    /// built-in conversions, then the driver's smudge.
    public func smudge(_ bytes: [UInt8], forPath path: String) throws -> [UInt8] {
        try refuseWorkingTreeEncoding(path)
        let content = try applyBuiltInFilters(bytes, path: path, direction: .smudge)
        guard let driver = try filterDriver(forPath: path) else { return content }
        return try run(driver, .smudge, on: content, path: path)
    }

    /// True when `path` is a symbolic link in the working tree: git stores the link's target, unfiltered.
    func isWorkingTreeLink(_ path: String) -> Bool {
        guard let root = workingDirectory else { return false }
        var status = stat()
        return lstat(root + "/" + path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFLNK
    }

    // MARK: - The external driver

    private func run(_ driver: FilterDriver, _ direction: FilterDirection, on bytes: [UInt8], path: String) throws
        -> [UInt8]
    {
        let folder = workingDirectory ?? gitDirectory
        let subject = driver.describe(path: path)
        let advice =
            "pm stores exactly what git would, so nothing was committed and the file is left as it is. Fix the filter, then run pm again"
        func failure(_ problem: String) -> GitError {
            GitError(message: "\(subject) but \(problem); \(advice)", function: "filter.\(driver.name)")
        }
        if let process = driver.process {
            // git prefers the long-running process over clean/smudge when both are set.
            let outcome: LongRunningFilter.Outcome
            do {
                outcome = try LongRunningFilter.run(
                    command: FilterDriver.expand(process, path: path), capability: direction.name, path: path,
                    input: bytes, workingDirectory: folder)
            } catch FilterProcess.Failure.cannotStart(let reason) {
                throw failure("its long-running filter filter.\(driver.name).process ('\(process)') cannot be started: \(reason)")
            }
            switch outcome {
            case .filtered(let output):
                return output
            case .unsupported:
                guard driver.required else { return bytes }
                throw failure(
                    "its long-running filter filter.\(driver.name).process ('\(process)') does not offer '\(direction.name)' and filter.\(driver.name).required is true"
                )
            case .failed(let reason):
                throw failure("its long-running filter filter.\(driver.name).process ('\(process)') failed: \(reason)")
            }
        }
        let key = "filter.\(driver.name).\(direction.name)"
        guard let command = direction == .clean ? driver.clean : driver.smudge else {
            guard driver.required else { return bytes }
            throw failure(
                "filter.\(driver.name).required is true and neither \(key) nor filter.\(driver.name).process is configured, so git would refuse it too (for git-crypt: run 'git-crypt unlock')"
            )
        }
        let result: (status: Int32, output: [UInt8], errorText: String)
        do {
            result = try FilterProcess.run(
                command: FilterDriver.expand(command, path: path), input: bytes, workingDirectory: folder)
        } catch FilterProcess.Failure.cannotStart(let reason) {
            throw failure("its \(direction.name) command \(key) ('\(command)') cannot be started: \(reason)")
        }
        guard result.status == 0 else {
            let said = Repository.summary(of: result.errorText)
            let consequence =
                driver.required
                ? ""
                : " (filter.\(driver.name).required is not set, so git would store the file unfiltered; pm refuses rather than guess)"
            throw failure(
                "its \(direction.name) command \(key) ('\(command)') failed with exit status \(result.status)"
                    + (said.isEmpty ? "" : ": \(said)") + consequence)
        }
        return result.output
    }

    /// The first lines a failing filter wrote on stderr, on one line, for an error message.
    private static func summary(of errorText: String) -> String {
        let lines = errorText.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        let text = lines.filter { !$0.isEmpty }.prefix(3).joined(separator: " / ")
        return text.count > 300 ? String(text.prefix(300)) + "…" : text
    }

    // MARK: - Built-in conversions

    /// libgit2's own filters for `path` (end-of-line conversion and `ident`), which honour `core.autocrlf`,
    /// `core.eol` and the `text`, `eol`, `crlf` and `ident` attributes.
    private func applyBuiltInFilters(_ bytes: [UInt8], path: String, direction: FilterDirection) throws -> [UInt8] {
        var list: OpaquePointer?
        try check(
            git_filter_list_load(&list, pointer, nil, path, direction.mode, GIT_FILTER_DEFAULT.rawValue),
            "git_filter_list_load(\(path))")
        guard let list else { return bytes }
        defer { git_filter_list_free(list) }
        var buffer = git_buf()
        defer { git_buf_dispose(&buffer) }
        let code: Int32 = bytes.withUnsafeBufferPointer { raw in
            raw.withMemoryRebound(to: CChar.self) { characters in
                // An empty array may have no address; libgit2 wants one even for zero bytes.
                guard let base = characters.baseAddress else {
                    return "".withCString { git_filter_list_apply_to_buffer(&buffer, list, $0, 0) }
                }
                return git_filter_list_apply_to_buffer(&buffer, list, base, characters.count)
            }
        }
        try check(code, "git_filter_list_apply_to_buffer(\(path))")
        guard let converted = buffer.ptr, buffer.size > 0 else { return [] }
        return Array(UnsafeRawBufferPointer(start: converted, count: buffer.size))
    }

    /// git re-encodes files with `working-tree-encoding` (UTF-16 and the like) on add and checkout; libgit2 cannot,
    /// so pm refuses instead of storing different bytes than git would.
    private func refuseWorkingTreeEncoding(_ path: String) throws {
        guard case .value(let encoding) = try attribute("working-tree-encoding", forPath: path),
            !["utf-8", "utf8"].contains(encoding.lowercased())
        else { return }
        let source = attributeSource(of: "working-tree-encoding=\(encoding)", forPath: path).map { " (\($0))" } ?? ""
        throw GitError(
            message:
                "\(path) has 'working-tree-encoding=\(encoding)'\(source) but pm cannot convert encodings as git does; keep postmortems in UTF-8 (remove the attribute for them) or commit this file with git",
            function: "working-tree-encoding")
    }

    // MARK: - Where an attribute was set

    /// The attributes file whose rules assign `assignment` (`filter=git-crypt`), searched in git's order of
    /// precedence: `info/attributes`, `.gitattributes` from the file's folder up to the root, `core.attributesFile`.
    /// nil when none does literally (a macro, say): the messages then leave the source out.
    func attributeSource(of assignment: String, forPath path: String) -> String? {
        var candidates: [(file: String, display: String)] = []
        let root = workingDirectory
        let information = commonDirectory + "/info/attributes"
        candidates.append((information, root.map { Repository.relative(information, to: $0) } ?? information))
        if let root {
            var folders = path.split(separator: "/").dropLast().map(String.init)
            while true {
                let folder = folders.joined(separator: "/")
                let display = (folder.isEmpty ? "" : folder + "/") + ".gitattributes"
                candidates.append((root + "/" + display, display))
                if folders.isEmpty { break }
                folders.removeLast()
            }
        }
        if let global = globalAttributesFile() { candidates.append((global, global)) }
        for candidate in candidates {
            guard let data = FileManager.default.contents(atPath: candidate.file) else { continue }
            let assigns = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).contains { line in
                let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
                guard let first = words.first, !first.hasPrefix("#") else { return false }
                return words.dropFirst().contains { $0 == assignment }
            }
            if assigns { return candidate.display }
        }
        return nil
    }

    /// `core.attributesFile`, or git's default `$XDG_CONFIG_HOME/git/attributes` (`~/.config/git/attributes`).
    private func globalAttributesFile() -> String? {
        let environment = ProcessInfo.processInfo.environment
        let home = environment["HOME"] ?? NSHomeDirectory()
        // Only messages name the file (the attributes themselves come from libgit2): unreadable, it goes unnamed.
        if let configured = (try? configuration().string("core.attributesFile")) ?? nil, !configured.isEmpty {
            return configured.hasPrefix("~/") ? home + configured.dropFirst() : configured
        }
        if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty { return xdg + "/git/attributes" }
        return home + "/.config/git/attributes"
    }

    private static func relative(_ path: String, to root: String) -> String {
        path.hasPrefix(root + "/") ? String(path.dropFirst(root.count + 1)) : path
    }
}
