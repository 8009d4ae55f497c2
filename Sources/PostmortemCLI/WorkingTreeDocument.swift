import Foundation
import PostmortemKit

/// Reads one working-tree postmortem by repository-relative path.
enum WorkingTreeDocument {
    static func read(_ path: String, store: PostmortemStore) throws -> PostmortemFile {
        let root = try store.requireWorkingDirectory(for: "reading \(path)")
        guard let data = FileManager.default.contents(atPath: root + "/" + path) else {
            throw CLIError("\(path) does not exist or cannot be read")
        }
        return PostmortemFile(path: path, bytes: [UInt8](data))
    }
}
