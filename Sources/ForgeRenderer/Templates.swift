import Mustache

/// The templates a render uses: the built-in set, with any of them overridden by name.
public struct TemplateSet: Sendable {
    /// Template name (file name without `.mustache`) → text.
    public private(set) var sources: [String: String]

    /// The templates shipped with the generator (embedded from `Templates/`).
    public static let builtin = TemplateSet(sources: BuiltinTemplates.all)

    public init(sources: [String: String]) {
        self.sources = sources
    }

    /// Replaces built-in templates by the ones given. Unknown names are an error: a typo must not go unnoticed.
    public func overriding(with overrides: [String: String]) throws(TemplateError) -> TemplateSet {
        var result = self
        for (name, text) in overrides.sorted(by: { $0.key < $1.key }) {
            guard sources[name] != nil else {
                throw TemplateError(
                    template: name,
                    message: "is not a template of this generator (known: \(sources.keys.sorted().joined(separator: ", ")))")
            }
            result.sources[name] = text
        }
        return result
    }

    /// Parses every template. Each must start with `{{%CONTENT_TYPE: TEXT}}` so that nothing is HTML-escaped.
    func library() throws(TemplateError) -> MustacheLibrary {
        var library = MustacheLibrary()
        for (name, text) in sources.sorted(by: { $0.key < $1.key }) {
            guard text.hasPrefix("{{%CONTENT_TYPE: TEXT}}") else {
                throw TemplateError(
                    template: name, message: "must start with {{%CONTENT_TYPE: TEXT}} (Mustache escapes HTML otherwise)")
            }
            do {
                try library.register(text, named: name)
            } catch {
                throw TemplateError(template: name, message: "does not parse: \(error)")
            }
        }
        return library
    }
}

extension TemplateSet {
    /// The parsed set, with its memo of rendered shapes (see ``CompiledTemplates``).
    func compiled(memoize: Bool = true) throws(TemplateError) -> CompiledTemplates {
        CompiledTemplates(library: try library(), sources: sources, memoize: memoize)
    }
}

public struct TemplateError: Error, CustomStringConvertible, Sendable {
    public var template: String
    public var message: String

    public var description: String { "template '\(template)' \(message)" }
}
