import CLibgit2
import Foundation

extension Repository {
    /// Makes objects that git keeps aside while a push is being received readable.
    ///
    /// During `pre-receive`, git writes the pushed objects to a quarantine folder and names it in
    /// `GIT_OBJECT_DIRECTORY` (with the real store in `GIT_ALTERNATE_OBJECT_DIRECTORIES`); libgit2 does not read
    /// those variables when a repository is opened, so this adds them as alternates.
    public func addObjectDirectories(from environment: [String: String]) throws {
        var folders: [String] = []
        if let quarantine = environment["GIT_OBJECT_DIRECTORY"], !quarantine.isEmpty { folders.append(quarantine) }
        if let alternates = environment["GIT_ALTERNATE_OBJECT_DIRECTORIES"] {
            folders += alternates.split(separator: ":").map(String.init).filter { !$0.isEmpty }
        }
        guard !folders.isEmpty else { return }
        var odb: OpaquePointer?
        try check(git_repository_odb(&odb, pointer), "git_repository_odb")
        guard let odb else { return }
        defer { git_odb_free(odb) }
        let base = FileManager.default.currentDirectoryPath
        for folder in folders {
            let absolute = folder.hasPrefix("/") ? folder : base + "/" + folder
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: absolute, isDirectory: &isFolder), isFolder.boolValue else { continue }
            try check(git_odb_add_disk_alternate(odb, absolute), "git_odb_add_disk_alternate(\(absolute))")
        }
    }
}
