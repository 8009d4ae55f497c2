import Foundation

/// A file that `--output` names: written whole, through a temporary file renamed over it, so a reader (a web server,
/// a feed reader) never sees half of it.
struct OutputFile {
    /// The path as the user wrote it, for messages.
    let displayPath: String
    /// The absolute path.
    let path: String

    init(_ path: String, currentDirectory: String) {
        displayPath = path
        self.path = path.hasPrefix("/") ? path : currentDirectory + "/" + path
    }

    /// The file's name, without its folder.
    var name: String { URL(fileURLWithPath: path).lastPathComponent }

    func write(_ text: String) throws {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw CLIError("cannot write \(displayPath): it is a folder; name a file, e.g. \(displayPath)/index.html")
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw CLIError("cannot write \(displayPath): the folder \(folder) does not exist")
        }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw CLIError("cannot write \(displayPath): \(error.localizedDescription)")
        }
    }
}
