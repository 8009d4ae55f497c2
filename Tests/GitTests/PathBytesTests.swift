import Testing

@testable import Git

@Suite("PathBytes")
struct PathBytesTests {
    @Test("valid UTF-8 is kept as it is; every byte that is not part of a well-formed sequence is escaped")
    func escaping() {
        #expect(PathBytes.text(of: Array("postmortems/zürich.md".utf8)) == ("postmortems/zürich.md", true))
        #expect(PathBytes.text(of: [0x70, 0x2F, 0xFF, 0xFE, 0x2E, 0x6D, 0x64]) == ("p/\\xff\\xfe.md", false))
        // An overlong "/", a surrogate, a truncated sequence before valid text, a value past U+10FFFF.
        #expect(PathBytes.text(of: [0xC0, 0xAF]) == ("\\xc0\\xaf", false))
        #expect(PathBytes.text(of: [0xED, 0xA0, 0x80]) == ("\\xed\\xa0\\x80", false))
        #expect(PathBytes.text(of: [0xE2, 0x82, 0x41]) == ("\\xe2\\x82A", false))
        #expect(PathBytes.text(of: [0xF4, 0x90, 0x80, 0x80]) == ("\\xf4\\x90\\x80\\x80", false))
        #expect(PathBytes.text(of: [0xFF, 0xC3, 0xA9]) == ("\\xffé", false))
    }

    @Test("a shallow boundary commit loses its parent lines and nothing else")
    func withoutParents() {
        let commit = Array(
            "tree 1111\nparent 2222\nparent 3333\nauthor A <a@x> 1 +0000\ncommitter A <a@x> 1 +0000\n\nparent in the message\n"
                .utf8)
        let cut = String(decoding: Repository.withoutParents(commit), as: UTF8.self)
        #expect(cut == "tree 1111\nauthor A <a@x> 1 +0000\ncommitter A <a@x> 1 +0000\n\nparent in the message\n")
    }
}
