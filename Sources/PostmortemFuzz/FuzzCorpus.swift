import Foundation

/// The committed inputs of the fuzz targets: `Tests/Fuzz/Corpus/<target>/` (seeds) and `Tests/Fuzz/Regressions/<target>/`
/// (every past finding), replayed by the tests and by `pm-fuzz <target> <folder>`.
public enum FuzzCorpus {
    /// The regular files at `path` (a file, or every file under a folder), sorted by path.
    public static func files(at path: String) throws -> [String] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw FuzzFinding("\(path) does not exist")
        }
        guard isFolder.boolValue else { return [path] }
        let names = try FileManager.default.subpathsOfDirectory(atPath: path)
        return names.map { path + "/" + $0 }.filter { file in
            var isFolder: ObjCBool = false
            return FileManager.default.fileExists(atPath: file, isDirectory: &isFolder) && !isFolder.boolValue
        }.sorted()
    }

    /// Runs `target` on every file at `paths`; the number of files replayed.
    @discardableResult
    public static func replay(_ target: FuzzTarget, paths: [String]) throws -> Int {
        var count = 0
        for path in paths {
            for file in try files(at: path) {
                guard let data = FileManager.default.contents(atPath: file) else { throw FuzzFinding("cannot read \(file)") }
                do {
                    try target.run(Array(data))
                } catch let finding as FuzzFinding {
                    throw FuzzFinding("\(file): \(finding.message)")
                }
                count += 1
            }
        }
        return count
    }
}
