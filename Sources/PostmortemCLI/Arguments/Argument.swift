/// A positional argument of a command, declared once as a static member of the command, like `Option`:
/// `try context[ShowCommand.reference]`.
public struct Argument<Value: Sendable>: Sendable {
    public var spec: PositionalSpec
    /// The value from the texts given, in order; nil only when a required one is missing.
    let read: @Sendable (_ given: [String]) -> Value?
}

extension Argument {
    /// An argument that must be given.
    public static func required(
        _ name: String, as type: ArgumentType<Value>, completion: CompletionKind = .none, help: String
    ) -> Argument {
        Argument(spec: spec(name, type: type, optional: false, variadic: false, completion: completion, help: help)) {
            $0.first.flatMap(type.value(of:))
        }
    }

    /// An argument that may be left out: nil then.
    public static func optional<Wrapped>(
        _ name: String, as type: ArgumentType<Wrapped>, completion: CompletionKind = .none, help: String
    ) -> Argument where Value == Wrapped? {
        Argument(spec: spec(name, type: type, optional: true, variadic: false, completion: completion, help: help)) {
            .some($0.first.flatMap(type.value(of:)))
        }
    }

    /// The last argument, taking every remaining word; `optional`: none at all is fine.
    public static func variadic<Element>(
        _ name: String, as type: ArgumentType<Element>, optional: Bool = false, completion: CompletionKind = .none,
        help: String
    ) -> Argument where Value == [Element] {
        Argument(spec: spec(name, type: type, optional: optional, variadic: true, completion: completion, help: help)) {
            $0.compactMap(type.value(of:))
        }
    }

    private static func spec<Element>(
        _ name: String, type: ArgumentType<Element>, optional: Bool, variadic: Bool, completion: CompletionKind,
        help: String
    ) -> PositionalSpec {
        PositionalSpec(
            name: name, help: help, optional: optional, variadic: variadic, choices: type.choices, check: type.check,
            completion: completion)
    }
}
