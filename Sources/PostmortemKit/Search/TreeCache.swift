import Git

/// The few trees read most recently: a commit's folder is its parent's with a change or two, and each is read
/// once as the new side and once as the old.
final class TreeCache {
    let repository: Repository
    let capacity: Int
    private var trees: [RawTree] = []

    init(repository: Repository, capacity: Int) {
        self.repository = repository
        self.capacity = capacity
    }

    func tree(_ id: OID) throws -> RawTree {
        if let cached = trees.last(where: { $0.id == id }) { return cached }
        let tree = try repository.rawTree(id)
        if trees.count >= capacity { trees.removeFirst() }
        trees.append(tree)
        return tree
    }
}
