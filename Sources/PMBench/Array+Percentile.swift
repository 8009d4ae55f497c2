extension Array where Element == Double {
    /// The value below which `fraction` of the values lie (nearest rank); the array must not be empty.
    func percentile(_ fraction: Double) -> Double {
        let sorted = self.sorted()
        return sorted[Swift.min(sorted.count - 1, Int((Double(sorted.count - 1) * fraction).rounded()))]
    }
}
