/// The string numbers that name some sections in each segment (every segment numbers its own strings), found once
/// per segment.
struct SectionNumbers {
    let names: Set<String>
    private var bySegment: [UInt32: Set<UInt32>] = [:]

    init(names: Set<String>) {
        self.names = names
    }

    mutating func numbers(in segment: SearchIndexReader.Segment) throws -> Set<UInt32> {
        if let known = bySegment[segment.documentBase] { return known }
        let numbers = Set(try names.compactMap { try segment.index(of: $0) })
        bySegment[segment.documentBase] = numbers
        return numbers
    }
}
