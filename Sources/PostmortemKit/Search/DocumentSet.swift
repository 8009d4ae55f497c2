/// A set of document numbers kept as a sorted array: the postings give documents in order, so the boolean
/// operators of a query are merges, with no hashing.
struct DocumentSet: Equatable, Sendable {
    private(set) var numbers: [UInt32]

    /// Wraps numbers that are sorted and distinct.
    init(sorted numbers: [UInt32]) {
        self.numbers = numbers
    }

    /// Sorts and removes repeats.
    init<S: Sequence>(unsorted numbers: S) where S.Element == UInt32 {
        var sorted = Array(numbers)
        sorted.sort()
        var distinct: [UInt32] = []
        distinct.reserveCapacity(sorted.count)
        for number in sorted where distinct.last != number { distinct.append(number) }
        self.numbers = distinct
    }

    static let empty = DocumentSet(sorted: [])

    var isEmpty: Bool { numbers.isEmpty }
    var count: Int { numbers.count }

    func intersection(_ other: DocumentSet) -> DocumentSet {
        var result: [UInt32] = []
        result.reserveCapacity(min(count, other.count))
        var i = 0
        var j = 0
        let a = numbers
        let b = other.numbers
        while i < a.count && j < b.count {
            if a[i] < b[j] {
                i += 1
            } else if a[i] > b[j] {
                j += 1
            } else {
                result.append(a[i])
                i += 1
                j += 1
            }
        }
        return DocumentSet(sorted: result)
    }

    func union(_ other: DocumentSet) -> DocumentSet {
        var result: [UInt32] = []
        result.reserveCapacity(count + other.count)
        var i = 0
        var j = 0
        let a = numbers
        let b = other.numbers
        while i < a.count || j < b.count {
            if j == b.count || (i < a.count && a[i] < b[j]) {
                result.append(a[i])
                i += 1
            } else if i == a.count || b[j] < a[i] {
                result.append(b[j])
                j += 1
            } else {
                result.append(a[i])
                i += 1
                j += 1
            }
        }
        return DocumentSet(sorted: result)
    }

    func subtracting(_ other: DocumentSet) -> DocumentSet {
        var result: [UInt32] = []
        result.reserveCapacity(count)
        var j = 0
        let b = other.numbers
        for number in numbers {
            while j < b.count && b[j] < number { j += 1 }
            if j < b.count && b[j] == number { continue }
            result.append(number)
        }
        return DocumentSet(sorted: result)
    }
}
