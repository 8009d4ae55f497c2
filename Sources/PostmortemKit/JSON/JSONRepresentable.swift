/// A value whose JSON form is an object: what pm's JSON outputs are made of.
public protocol JSONRepresentable {
    /// The members of the object, in any order (they are sorted when written); an absent value is a member whose
    /// value is null, not a missing key.
    var jsonObject: [(String, JSONValue)] { get }
}

extension JSONRepresentable {
    /// The value as JSON.
    public var json: JSONValue { .object(jsonObject) }
}
