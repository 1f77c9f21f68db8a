import Foundation
import Mustache

/// A parsed template set that remembers what a template prints for each *shape* of context, so that thousands of
/// declarations cost a few Mustache renders instead of one each.
///
/// Mustache is logic-less: which sections open, how often a list repeats and where a value lands depend only on the
/// booleans, the list lengths and the key sets of the context; the text of a string only fills its place. So the
/// first context of a shape is rendered by swift-mustache with every string replaced by a marker, and the output,
/// split at the markers, becomes a skeleton. Any later context of the same shape is its skeleton with its own
/// strings put in place of the markers: byte for byte what swift-mustache renders (tests check that on every fixture
/// and on the whole OpenAI spec).
///
/// The shape covers only the keys some tag of the set names (`TemplateScan`), so the lazily built lists a template
/// never iterates stay unbuilt. A set that uses what the shape cannot see through (transforms such as
/// `{{uppercased(name)}}`, delimiter changes, dynamic partials, inheritance, a content type other than text) renders
/// every context through swift-mustache, as does a context whose printed value is a list or a mapping (printed by
/// its Swift description) and a skeleton in which a marker did not come out whole.
final class CompiledTemplates: @unchecked Sendable {
    let library: MustacheLibrary
    /// What the set's tags name; `nil` when the set cannot be memoized.
    let scan: TemplateScan?
    /// ``TemplateScan/keyUses()`` of `scan`.
    private let uses: [String: TemplateScan.KeyUse]
    /// Guards ``skeletons``.
    private let lock = NSLock()
    /// By template name and shape; `nil` for a shape whose markers did not come out whole.
    private var skeletons: [String: [[UInt32]: Skeleton?]] = [:]

    init(library: MustacheLibrary, sources: [String: String], memoize: Bool = true) {
        self.library = library
        self.scan = memoize ? TemplateScan(sources: sources) : nil
        self.uses = scan?.keyUses() ?? [:]
    }

    /// Whether some tag of the set may print `key` (always, when the set cannot be scanned), so that a value no
    /// template uses need not be made.
    func mayPrint(_ key: String) -> Bool {
        scan?.mentioned.contains(key) ?? true
    }

    /// Skeletons made so far (for tests).
    var skeletonCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return skeletons.values.reduce(0) { $0 + $1.values.count { $0 != nil } }
    }

    /// `template` rendered with `context`, exactly as `library.render(context, withTemplate: template)`.
    func render(_ context: [String: Any], withTemplate template: String) -> String? {
        // `{{.}}` printing a mapping (the root, say) is beyond any skeleton.
        guard let scan, !scan.printsItemAnywhere else { return library.render(context, withTemplate: template) }
        var shape = Shape(uses: uses, probing: false)
        guard shape.walk(mapping: context) != nil else {
            return library.render(context, withTemplate: template)
        }
        lock.lock()
        let known = skeletons[template]?[shape.signature]
        lock.unlock()
        let skeleton: Skeleton?
        if let known {
            skeleton = known
        } else {
            // The same walk again, this time building the probe.
            var probing = Shape(uses: uses, probing: true)
            guard let probe = probing.walk(mapping: context),
                let text = library.render(probe, withTemplate: template)
            else { return nil }
            skeleton = Skeleton(probeOutput: text, values: shape.values)
            lock.lock()
            skeletons[template, default: [:]][shape.signature] = skeleton
            lock.unlock()
        }
        guard let skeleton else { return library.render(context, withTemplate: template) }
        return skeleton.fill(shape.values)
    }
}

/// The names a template set's tags use, read from the template sources.
struct TemplateScan: Sendable {
    /// Every name a tag mentions (each part of a dotted name).
    var mentioned: Set<String> = []
    /// Names whose values a variable tag prints (the last part of a dotted name).
    var printed: Set<String> = []
    /// Sections (by the last part of their name) whose own text prints the current item with `{{.}}`.
    var printsItemIn: Set<String> = []
    /// `{{.}}` outside any section (or where the item is not a section's): any value may be printed so.
    var printsItemAnywhere = false

    /// `nil` when a tag uses something a shape cannot capture.
    init?(sources: [String: String]) {
        for text in sources.values {
            // Text that looks like a marker would be taken for one. A carriage return can join a newline after it
            // into one Character, which swift-mustache's indentation of partials looks at: such text is left to it.
            guard
                !text.unicodeScalars.contains(where: { $0 == "\u{E000}" || $0 == "\u{E001}" || $0 == "\r" }),
                scanTags(text)
            else { return nil }
        }
    }

    /// Whether `{{.}}` may print the value of `key` (or an item of it) while it is the current item.
    func printsItem(of key: String) -> Bool {
        printsItemAnywhere || printsItemIn.contains(key)
    }

    /// What a shape needs of a key a tag mentions: its number in a signature, whether a variable tag prints its
    /// value, whether `{{.}}` may.
    struct KeyUse {
        var index: UInt32
        var printed: Bool
        var printsItem: Bool
    }

    /// ``KeyUse`` of every mentioned name: one lookup per key of a context instead of three.
    func keyUses() -> [String: KeyUse] {
        var uses: [String: KeyUse] = [:]
        for (index, name) in mentioned.sorted().enumerated() {
            uses[name] = KeyUse(index: UInt32(index), printed: printed.contains(name), printsItem: printsItem(of: name))
        }
        return uses
    }

    private mutating func scanTags(_ text: String) -> Bool {
        var rest = Substring(text)
        // Open sections, innermost last: the item `{{.}}` prints is the innermost one's (`nil`: inverted, which
        // pushes no item of its own, or an empty list).
        var sections: [String?] = []
        while let open = rest.range(of: "{{") {
            rest = rest[open.upperBound...]
            let triple = rest.first == "{"
            if triple { rest = rest.dropFirst() }
            guard let close = rest.range(of: triple ? "}}}" : "}}") else { return false }
            // The sigil comes right after the braces; names may have any whitespace, newlines too, around them.
            var tag = rest[..<close.lowerBound]
            rest = rest[close.upperBound...]
            var opens: Bool? = nil  // a section: whether it is a normal one
            if !triple, let sigil = tag.first {
                switch sigil {
                case "!": continue  // a comment
                case "%":
                    // Only the text content type: anything else escapes, which the markers would not show.
                    guard tag.dropFirst().filter({ $0 != " " }) == "CONTENT_TYPE:TEXT" else { return false }
                    continue
                case "=", "$", "<": return false  // delimiter changes and inheritance
                case ">":
                    if tag.dropFirst().trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix("*") { return false }
                    continue
                case "/":
                    guard !sections.isEmpty else { return false }
                    sections.removeLast()
                    continue
                case "#", "^":
                    opens = sigil == "#"
                    tag = tag.dropFirst()
                case "&":
                    tag = tag.dropFirst()
                default: break
                }
            }
            let name = tag.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !name.contains("("), !name.isEmpty else { return false }  // transforms
            if name == "." {
                guard opens == nil else { return false }  // a section over the current item
                if let innermost = sections.last, let section = innermost {
                    printsItemIn.insert(section)
                } else {
                    printsItemAnywhere = true
                }
                continue
            }
            let parts = name.split(separator: ".").map(String.init)
            guard let last = parts.last else { return false }
            mentioned.formUnion(parts)
            if let opens {
                sections.append(opens ? last : nil)
            } else {
                printed.insert(last)
            }
        }
        return sections.isEmpty
    }
}

/// A context's shape (its signature) and its strings in walk order, with the probe context that stands for it.
private struct Shape {
    /// ``TemplateScan/keyUses()`` of the templates.
    let uses: [String: TemplateScan.KeyUse]
    /// Whether to build the probe context (only for a shape not seen yet); otherwise the walk returns an empty
    /// mapping for success.
    let probing: Bool
    /// The shape: key numbers (``TemplateScan/KeyUse/index``) and the codes below, which cannot be key numbers.
    var signature: [UInt32] = []
    var values: [String] = []

    private static let openMapping: UInt32 = 0x8000_0000
    private static let closeMapping: UInt32 = 0x8000_0001
    private static let emptyText: UInt32 = 0x8000_0002
    private static let lineText: UInt32 = 0x8000_0003
    private static let otherText: UInt32 = 0x8000_0004
    private static let trueFlag: UInt32 = 0x8000_0005
    private static let falseFlag: UInt32 = 0x8000_0006
    /// Followed by the number's two halves.
    private static let number: UInt32 = 0x8000_0007
    private static let lazyList: UInt32 = 0x8000_0008
    private static let openList: UInt32 = 0x8000_0009
    private static let closeList: UInt32 = 0x8000_000A

    init(uses: [String: TemplateScan.KeyUse], probing: Bool) {
        self.uses = uses
        self.probing = probing
    }

    /// The probe for a mapping: only the keys a tag names, in sorted order; `nil` when it cannot be memoized.
    mutating func walk(mapping: [String: Any]) -> [String: Any]? {
        var probe: [String: Any] = [:]
        signature.append(Self.openMapping)
        // Key numbers follow the names' sorted order: sorting by number sorts by name.
        var entries: [(use: TemplateScan.KeyUse, index: Dictionary<String, Any>.Index)] = []
        entries.reserveCapacity(mapping.count)
        var index = mapping.startIndex
        while index != mapping.endIndex {
            if let use = uses[mapping.keys[index]] { entries.append((use, index)) }
            mapping.formIndex(after: &index)
        }
        entries.sort { $0.use.index < $1.use.index }
        for entry in entries {
            signature.append(entry.use.index)
            let asItem = entry.use.printsItem
            let (key, value) = mapping[entry.index]
            guard let value = walk(value, printed: entry.use.printed, asItem: asItem, itemsAsItems: asItem)
            else { return nil }
            if probing { probe[key] = value }
        }
        signature.append(Self.closeMapping)
        return probe
    }

    /// The probe for one value. A list or a mapping cannot be memoized where Mustache would print it by its Swift
    /// description, which a marker cannot stand for: `printed`, by a variable tag; `asItem`, by `{{.}}` as a
    /// section's item; `itemsAsItems`, the same for the items of a list.
    private mutating func walk(_ value: Any, printed: Bool, asItem: Bool, itemsAsItems: Bool) -> Any? {
        // Strings and flags, most of a context, are told by their exact type first: a cast that fails (a flag tried
        // as a string) costs far more than one that succeeds. The casts below still take what only converts to them
        // (an optional string, say).
        let type = ObjectIdentifier(Swift.type(of: value))
        if type == ObjectIdentifier(String.self) { return walk(text: value as! String) }
        if type == ObjectIdentifier(Bool.self) { return walk(flag: value as! Bool, asItem: asItem) }
        switch value {
        case let text as String:
            return walk(text: text)
        case let flag as Bool:
            return walk(flag: flag, asItem: asItem)
        case let number as Int:
            let bits = UInt64(bitPattern: Int64(number))
            signature += [Self.number, UInt32(truncatingIfNeeded: bits >> 32), UInt32(truncatingIfNeeded: bits)]
            return number
        case let mapping as [String: Any]:
            guard !printed, !asItem else { return nil }
            return walk(mapping: mapping)
        case let list as LazyList:
            guard !printed else { return nil }
            // Still a LazyList: a tag may look up its stored properties (`{{cases.count}}`) by reflection.
            signature.append(Self.lazyList)
            guard let items = walk(items: list.map { $0 as Any }, asItems: itemsAsItems) as? [Any] else { return nil }
            guard probing else { return items }
            return LazyList(count: list.count) { items[$0] as! [String: Any] }
        case let list as [String]:
            guard !printed else { return nil }
            return walk(items: list, asItems: itemsAsItems)
        case let list as [[String: Any]]:
            guard !printed else { return nil }
            return walk(items: list, asItems: itemsAsItems)
        case let list as [Any]:
            guard !printed else { return nil }
            return walk(items: list, asItems: itemsAsItems)
        default:
            return nil
        }
    }

    private mutating func walk(text: String) -> Any? {
        // Partial indentation asks whether the output so far ends with the Character "\n"; a carriage return at
        // the end ("q\r", "q\r\n") makes a Character a marker cannot stand for (see TemplateScan.init).
        let utf8 = text.utf8
        let carriageReturn = UInt8(ascii: "\r")
        guard let last = utf8.last else {
            signature.append(Self.emptyText)
            return ""
        }
        // The marker ends in a newline when the text does: indentation inside partials depends on it.
        let newline = last == UInt8(ascii: "\n")
        if last == carriageReturn || (newline && utf8.dropLast().last == carriageReturn) {
            return nil
        }
        signature.append(newline ? Self.lineText : Self.otherText)
        values.append(text)
        return probing ? Skeleton.marker(values.count - 1, newline: newline) : ""
    }

    private mutating func walk(flag: Bool, asItem: Bool) -> Any? {
        // A section over `true` pushes no item: a `{{.}}` in it prints the enclosing one, a mapping.
        guard !(flag && asItem) else { return nil }
        signature.append(flag ? Self.trueFlag : Self.falseFlag)
        return flag
    }

    private mutating func walk(items: [Any], asItems: Bool) -> Any? {
        signature.append(Self.openList)
        var probe: [Any] = []
        if probing { probe.reserveCapacity(items.count) }
        for item in items {
            // An item that is a list is never pushed as one: a section cannot open on `.`.
            guard let value = walk(item, printed: asItems, asItem: asItems, itemsAsItems: false) else { return nil }
            if probing { probe.append(value) }
        }
        signature.append(Self.closeList)
        return probe
    }
}

/// A rendered probe split at its markers: literal text, and which value goes between.
private struct Skeleton {
    enum Piece {
        case text(String)
        case value(Int)
    }

    var pieces: [Piece] = []
    var literalBytes = 0

    // Markers: U+E000 "<m" index U+E001, and a newline when the value ends with one. Private-use code points never
    // come out of a template; the letter and the `<` would change under a transform or HTML escaping.
    static let open: [UInt8] = Array("\u{E000}<m".utf8)
    static let close: [UInt8] = Array("\u{E001}".utf8)

    static func marker(_ index: Int, newline: Bool) -> String {
        "\u{E000}<m\(index)\u{E001}" + (newline ? "\n" : "")
    }

    /// `nil` when a marker did not come out whole (or something else looks like one).
    init?(probeOutput: String, values: [String]) {
        var text = probeOutput
        let parsed: [Piece]? = text.withUTF8 { bytes in
            var pieces: [Piece] = []
            var literalStart = 0
            var position = 0
            func matches(_ pattern: [UInt8], at offset: Int) -> Bool {
                offset + pattern.count <= bytes.count && pattern.indices.allSatisfy { bytes[offset + $0] == pattern[$0] }
            }
            while position < bytes.count {
                // 0xEE 0x80 0x80 / 0x81 are U+E000 / U+E001: neither may appear outside a whole marker.
                guard bytes[position] == 0xEE, position + 2 < bytes.count, bytes[position + 1] == 0x80,
                    bytes[position + 2] == 0x80 || bytes[position + 2] == 0x81
                else {
                    position += 1
                    continue
                }
                guard matches(Skeleton.open, at: position) else { return nil }
                var cursor = position + Skeleton.open.count
                var index = 0
                let digitsStart = cursor
                while cursor < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[cursor]) {
                    index = index * 10 + Int(bytes[cursor] - UInt8(ascii: "0"))
                    cursor += 1
                    if cursor - digitsStart > 9 { return nil }
                }
                guard cursor > digitsStart, index < values.count, matches(Skeleton.close, at: cursor) else { return nil }
                cursor += Skeleton.close.count
                if values[index].utf8.last == UInt8(ascii: "\n") {
                    guard cursor < bytes.count, bytes[cursor] == UInt8(ascii: "\n") else { return nil }
                    cursor += 1
                }
                if literalStart < position {
                    pieces.append(.text(String(decoding: UnsafeBufferPointer(rebasing: bytes[literalStart..<position]), as: UTF8.self)))
                }
                pieces.append(.value(index))
                position = cursor
                literalStart = cursor
            }
            if literalStart < bytes.count {
                pieces.append(.text(String(decoding: UnsafeBufferPointer(rebasing: bytes[literalStart...]), as: UTF8.self)))
            }
            return pieces
        }
        guard let parsed else { return nil }
        pieces = parsed
        for case .text(let literal) in pieces { literalBytes += literal.utf8.count }
    }

    func fill(_ values: [String]) -> String {
        // Bytes copied, then made a String once: appending each piece to a String costs far more than its copy.
        var result: [UInt8] = []
        var size = literalBytes
        for case .value(let index) in pieces { size += values[index].utf8.count }
        result.reserveCapacity(size)
        for piece in pieces {
            switch piece {
            case .text(let literal): result += literal.utf8
            case .value(let index): result += values[index].utf8
            }
        }
        return String(decoding: result, as: UTF8.self)
    }
}
