import Foundation
import Git
import TestSupport
import Testing

@testable import PostmortemKit

/// The record of working-tree files that hold the version a snippet shows: hashed once, then trusted by stat data
/// unless racily clean, and never trusted for a file that changed.
@Suite struct WorkingTreeFilesTests {
    let path = "postmortems/a.md"

    /// A repository with one committed file, its blob, and its absolute path.
    func repository(_ text: String = "# A\n\nThe pool kept stale addresses.\n") throws -> (TemporaryRepository, OID, String) {
        let repo = try TemporaryRepository()
        try repo.write(path, text)
        try repo.commitAll("Add a")
        let blob = try #require(
            OID(hex: try repo.git(["rev-parse", "HEAD:\(path)"]).trimmingCharacters(in: .whitespacesAndNewlines)))
        return (repo, blob, repo.root + "/" + path)
    }

    /// Sets the file's modification time `seconds` from now, keeping its content.
    func touch(_ file: String, secondsFromNow seconds: Int) {
        var times = [timespec(tv_sec: time(nil) + seconds, tv_nsec: 0), timespec(tv_sec: time(nil) + seconds, tv_nsec: 0)]
        #expect(utimensat(AT_FDCWD, file, &times, 0) == 0)
    }

    @Test func aFileIsHashedOnceThenTrustedByItsStatData() throws {
        let (repo, blob, file) = try repository()
        touch(file, secondsFromNow: -60)
        let repository = try Repository.discover(from: repo.root)
        var first = WorkingTreeFiles(repository: repository)
        #expect(first.bytes(atPath: path, ifBlob: blob) == Array(try repo.read(path).utf8))
        #expect(first.hashed == 1)
        first.save()
        #expect(FileManager.default.fileExists(atPath: repository.gitDirectory + "/pm/working-tree-files"))

        var second = WorkingTreeFiles(repository: repository)
        #expect(second.bytes(atPath: path, ifBlob: blob) == Array(try repo.read(path).utf8))
        #expect(second.hashed == 0, "the stat data is the recorded one: no hashing")
        // Another version of the file (a later commit, say) is hashed.
        let other = try Repository.blobID(of: Array("other".utf8))
        #expect(second.bytes(atPath: path, ifBlob: other) == nil)
        #expect(second.hashed == 1)
        #expect(try repo.git(["status", "--porcelain"]).isEmpty, "the record lives in the git folder")
    }

    @Test func aFileModifiedAtOrAfterTheRecordWasWrittenIsHashedAgain() throws {
        let (repo, blob, file) = try repository()
        // Modified "after" the record is written, as an edit in the same clock tick would be.
        touch(file, secondsFromNow: 3_600)
        let repository = try Repository.discover(from: repo.root)
        var first = WorkingTreeFiles(repository: repository)
        #expect(first.bytes(atPath: path, ifBlob: blob) != nil)
        first.save()
        var second = WorkingTreeFiles(repository: repository)
        #expect(second.bytes(atPath: path, ifBlob: blob) != nil)
        #expect(second.hashed == 1, "racily clean: its stat data proves nothing")
    }

    @Test func anEditedFileIsReadFromGitAndDroppedFromTheRecord() throws {
        let (repo, blob, file) = try repository()
        touch(file, secondsFromNow: -60)
        let repository = try Repository.discover(from: repo.root)
        var first = WorkingTreeFiles(repository: repository)
        #expect(first.bytes(atPath: path, ifBlob: blob) != nil)
        first.save()
        // Same size, in place, the old modification time put back: only the change time (and the content) differ.
        let handle = try #require(FileHandle(forWritingAtPath: file))
        try handle.write(contentsOf: Array("# A\n\nThe pool kept fresh addresses.\n".utf8))
        try handle.close()
        touch(file, secondsFromNow: -60)
        var second = WorkingTreeFiles(repository: repository)
        #expect(second.bytes(atPath: path, ifBlob: blob) == nil)
        second.save()
        #expect(WorkingTreeFiles.parse(try String(contentsOfFile: second.recordPath, encoding: .utf8))?.isEmpty == true)
    }

    @Test func aDamagedOrForeignRecordIsIgnored() throws {
        let (repo, blob, file) = try repository()
        touch(file, secondsFromNow: -60)
        let repository = try Repository.discover(from: repo.root)
        var first = WorkingTreeFiles(repository: repository)
        #expect(first.bytes(atPath: path, ifBlob: blob) != nil)
        first.save()
        let text = try String(contentsOfFile: first.recordPath, encoding: .utf8)
        #expect(WorkingTreeFiles.parse(text)?[path]?.blob == blob)
        #expect(WorkingTreeFiles.parse(String(text.dropLast(4))) == nil, "cut short")
        #expect(WorkingTreeFiles.parse(text.replacingOccurrences(of: "files 1", with: "files 9")) == nil)
        #expect(WorkingTreeFiles.parse(text.replacingOccurrences(of: blob.hex, with: "zz")) == nil)
        try "garbage".write(toFile: first.recordPath, atomically: false, encoding: .utf8)
        var second = WorkingTreeFiles(repository: repository)
        #expect(second.bytes(atPath: path, ifBlob: blob) != nil)
        #expect(second.hashed == 1)
    }

    @Test func aLinkOrAMissingFileIsNeverReadFromTheWorkingTree() throws {
        let (repo, blob, file) = try repository()
        let repository = try Repository.discover(from: repo.root)
        try FileManager.default.removeItem(atPath: file)
        var files = WorkingTreeFiles(repository: repository)
        #expect(files.bytes(atPath: path, ifBlob: blob) == nil)
        try repo.write("elsewhere.md", "# A\n\nThe pool kept stale addresses.\n")
        try FileManager.default.createSymbolicLink(atPath: file, withDestinationPath: repo.root + "/elsewhere.md")
        #expect(files.bytes(atPath: path, ifBlob: blob) == nil)
    }
}
