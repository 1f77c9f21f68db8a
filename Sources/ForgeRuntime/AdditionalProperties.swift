/// Members of a JSON object beyond its declared properties (`additionalProperties` beside `properties`).
extension KeyedDecodingContainer where Key == AnyCodingKey {
    /// Every member whose name is not in `declared`, decoded as `T`.
    public func decodeAdditionalProperties<T: Decodable>(_ type: T.Type, excluding declared: Set<String>) throws
        -> [String: T]
    {
        var result: [String: T] = [:]
        for key in allKeys where !declared.contains(key.stringValue) {
            result[key.stringValue] = try decode(T.self, forKey: key)
        }
        return result
    }
}

extension KeyedEncodingContainer where Key == AnyCodingKey {
    /// Writes each member of `values` whose name is not a declared property (a declared property always wins), in
    /// name order so the output is stable.
    public mutating func encodeAdditionalProperties<T: Encodable>(_ values: [String: T], excluding declared: Set<String>)
        throws
    {
        for (name, value) in values.sorted(by: { $0.key < $1.key }) where !declared.contains(name) {
            try encode(value, forKey: AnyCodingKey(name))
        }
    }
}
