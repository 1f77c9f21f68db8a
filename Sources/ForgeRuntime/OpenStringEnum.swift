/// A string enum that keeps values it does not list (its `unknown(String)` case): equality, hashing and `Codable`
/// go through `rawValue`, so `.unknown("asc") == .asc`.
///
/// Generated enums conform to this protocol instead of declaring `==`, `hash(into:)`, `init(from:)` and
/// `encode(to:)` themselves: a `static func ==` per type is one more overload that every `==` in the module has to
/// consider, which made the synthesised equality of the structs using those enums several times slower to compile.
public protocol OpenStringEnum: RawRepresentable, Codable, Hashable, Sendable where RawValue == String {
    init(rawValue: String)
}

extension OpenStringEnum {
    @inlinable public static func == (lhs: Self, rhs: Self) -> Bool { lhs.rawValue == rhs.rawValue }

    @inlinable public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }

    @inlinable public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    @inlinable public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
