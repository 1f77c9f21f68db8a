import ForgeAdversarial
import ForgeRuntime
import Foundation
import Testing

/// The JSON text of a string value.
func jsonString(_ text: String) throws -> String {
    String(decoding: try JSONEncoder().encode(text), as: UTF8.self)
}

@Suite struct HostileEnumValueTests {
    static let statusValues = [
        "unknown", "undocumented", "", "-1", "1024x1024", "a b", "a\\b", "with \"quotes\"", "\\(interp)",
        "in_progress", "inProgress", "knownCases", "rawValue", "hashValue", "self", "Self", "init", "default", "case",
        "Type", "*/", "/*", "\"\"\"", "#\"\"\"#", "\0", "\r\n", "\u{2028}", "\t", "café", "🙂", "1st", "true", "null",
        "-", "_", "unlisted",
    ]

    @Test func everyListedValueRoundTripsScalarForScalar() throws {
        #expect(Status.knownCases.count == Self.statusValues.count)
        #expect(Status.knownCases.map { Array($0.rawValue.unicodeScalars) } == Self.statusValues.map { Array($0.unicodeScalars) })
        for raw in Self.statusValues {
            let value = try roundTrip(Status.self, try jsonString(raw))
            #expect(Array(value.rawValue.unicodeScalars) == Array(raw.unicodeScalars))
            if case .unknown2 = value { Issue.record("\(raw.debugDescription) decoded as the fallback") }
        }
    }

    @Test func valuesThatCollideAfterNormalisationGetTheirOwnCases() {
        #expect(Status(rawValue: "in_progress") == .inProgress)
        #expect(Status(rawValue: "inProgress") == .inProgress2)
        #expect(Status(rawValue: "a b") == .aB)
        #expect(Status(rawValue: "a\\b") == .aB2)
        #expect(Status(rawValue: "self") == .`self`)
        #expect(Status(rawValue: "Self") == .self2)
        #expect(Status(rawValue: "") == .empty)
        #expect(Status(rawValue: "-1") == .minus1)
        #expect(Status(rawValue: "1024x1024") == ._1024x1024)
        #expect(Status(rawValue: "with \"quotes\"") == .withQuotes)
        #expect(Status(rawValue: "\\(interp)") == .interp)
        #expect(Status(rawValue: "*/") == .u2AU2F)
        #expect(Status(rawValue: "\0") == .u0)
        #expect(Status(rawValue: "\r\n") == .uDUA)
        #expect(Status(rawValue: "\u{2028}") == .u2028)
    }

    @Test func listedValuesNamedLikeTheEnumsOwnMembers() {
        // `knownCases` is the enum's static list, so the case for "knownCases" is numbered; `rawValue` and
        // `hashValue` can be case names beside the members of the same name.
        #expect(Status(rawValue: "knownCases") == .knownCases2)
        #expect(Status.knownCases.contains(.knownCases2))
        #expect(Status(rawValue: "rawValue") == .rawValue)
        #expect(Status.rawValue.rawValue == "rawValue")
        #expect(Status(rawValue: "hashValue") == .hashValue)
    }

    @Test func unknownAndUndocumentedAreListedSoTheFallbackIsNumbered() throws {
        #expect(Status(rawValue: "unknown") == .unknown)
        #expect(Status(rawValue: "undocumented") == .undocumented)
        let other = try roundTrip(Status.self, #""not listed */ \\(x)""#)
        #expect(other == .unknown2("not listed */ \\(x)"))
        #expect(other.rawValue == "not listed */ \\(x)")
        #expect(try encodedJSON(Status.unknown2("x\0y")) == "x\0y")
        // A value kept by the fallback equals the listed case with the same raw value.
        #expect(Status.unknown2("unknown") == .unknown)
        #expect(Status.knownCases.allSatisfy { if case .unknown2 = $0 { false } else { true } })
    }

    @Test func aListedUnknownMovesTheFallbackToUndocumented() throws {
        #expect(try roundTrip(OnlyUnknown.self, #""unknown""#) == .unknown)
        #expect(try roundTrip(OnlyUnknown.self, #""known""#) == .known)
        let other = try roundTrip(OnlyUnknown.self, #""other""#)
        #expect(other == .undocumented("other"))
        #expect(other.rawValue == "other")
    }

    @Test func nullableEnumsAndOddValues() throws {
        #expect(try roundTrip([NullableEnum?].self, #"["a", null, "c"]"#) == [.a, nil, .unknown("c")])
        #expect(Operator.knownCases.map(\.rawValue) == ["+", "-", "*", "/", "==", "<", ">", "&&", "||", "!", "?", "??", "...", "..<"])
        #expect(try roundTrip(Operator.self, #""..<""#) == .u2EU2EU3C)
        #expect(ClassType.knownCases.map(\.rawValue) == ["a", "*/", "\\(x)"])
        #expect(CodableModel(rawValue: "encodable") == .encodable)
    }
}

@Suite struct HostileTextTests {
    static let constant = "*/ \"\"\" \\(x) \\ \0 \r\n \u{2028} #\"\"\"#"
    static let json = ##"""
        {"constant": "*/ \"\"\" \\(x) \\ \u0000 \r\n \u2028 #\"\"\"#", "optionalConstant": "/* \"quoted\" */",
         "*/": "a", "/*": "b", "\"\"\"": "c", "line\nbreak": {"x\r\ny": "d"}, "\\(interp)": "e", "\u0000": "f",
         "`backticks`": {"`": "g"}, "with space": "h", "\t": "i", "titled": "j", "whitespace": "k"}
        """##

    @Test func hostileKeysAndConstantsRoundTrip() throws {
        let value = try roundTrip(Documented.self, Self.json)
        #expect(value.constant == Self.constant)
        #expect(value.optionalConstant == "/* \"quoted\" */")
        #expect(value.u2AU2F == "a")
        #expect(value.u2FU2A == "b")
        #expect(value.u22U22U22 == "c")
        #expect(value.lineBreak == Documented.LineBreak(xY: "d"))
        #expect(value.interp == "e")
        #expect(value.u0 == "f")
        #expect(value.backticks == Documented.Backticks(u60: "g"))
        #expect(value.withSpace == "h")
        #expect(value.u9 == "i")
        #expect(value.titled == "j")
        #expect(value.whitespace == "k")
    }

    @Test func theHostileConstantIsCheckedExactly() throws {
        for wrong in [#""*/""#, ##""*/ \"\"\" \\(x) \\ \u0000 \r\n \u2028 #\"\"\"# ""##, "null"] {
            let json = #"{"constant": \#(wrong)}"#
            #expect(throws: DecodingError.self) { try decode(Documented.self, json) }
        }
        #expect(throws: DecodingError.self) { try decode(Documented.self, "{}") }
        let minimal = try decode(Documented.self, ##"{"constant": "*/ \"\"\" \\(x) \\ \u0000 \r\n \u2028 #\"\"\"#"}"##)
        #expect(
            try encodedJSON(minimal) == ["constant": .string(Self.constant), "optionalConstant": "/* \"quoted\" */"])
    }

    @Test func theAPIDescriptionsTextsAreExact() {
        #expect(APIDescription.title == "Adversarial */ /* \"\"\" #\"\"\"# \\(title) \\ spec\r\nsecond line")
        #expect(APIDescription.version == "1.0.0 \"beta\" */ \\(v)\0")
        #expect(Array(APIDescription.version.unicodeScalars.suffix(2)) == [")", "\0"])
    }
}

@Suite struct UnionTests {
    static let key = "kind \"*/"

    @Test(arguments: [
        (#"{"kind \"*/": "*/", "text": "t"}"#, Event.u2AU2F(EventComment(text: "t"))),
        (#"{"kind \"*/": "with \"quotes\"", "quote": "q"}"#, .withQuotes(EventQuote(quote: "q"))),
        (#"{"kind \"*/": ""}"#, .empty(EventEmpty())),
        (#"{"kind \"*/": "\\(interp)", "value": 3}"#, .interp(EventInterp(value: 3))),
        (#"{"kind \"*/": "a b"}"#, .aB(EventSpace())),
        (#"{"kind \"*/": "unknown"}"#, .unknown(EventUnknown())),
        (#"{"kind \"*/": "undocumented"}"#, .undocumented(EventUndocumented())),
        (#"{"kind \"*/": "line\r\nbreak\u2028\u0000"}"#, .lineBreak(EventLines())),
    ])
    func hostileDiscriminatorValuesSelectTheirVariant(json: String, expected: Event) throws {
        #expect(try roundTrip(Event.self, json) == expected)
    }

    @Test func anUnlistedDiscriminatorValueIsKeptAsJSON() throws {
        let json = #"{"kind \"*/": "*/ ", "x": [1, null]}"#
        let value = try roundTrip(Event.self, json)
        #expect(value == .unknown2([Self.key: "*/ ", "x": [1, nil]]))
        #expect(throws: DecodingError.self) { try decode(Event.self, #"{"kind": "*/"}"#) }
    }

    @Test func variantsWriteTheirHostileDiscriminator() throws {
        #expect(try encodedJSON(Event.u2AU2F(EventComment(text: "t"))) == [Self.key: "*/", "text": "t"])
        #expect(try encodedJSON(Event.lineBreak(EventLines())) == [Self.key: "line\r\nbreak\u{2028}\0"])
        #expect(EventInterp().kind == "\\(interp)")
        #expect(EventQuote().kind == "with \"quotes\"")
    }

    @Test func mappingWithHostileKeys() throws {
        let decoded = try roundTrip(Mapped.self, #"{"type": "class", "struct": "in", "self": {}}"#)
        #expect(decoded == .`class`(Class(type: "class", struct: .`in`, self: SelfModel())))
        #expect(try roundTrip(Mapped.self, #"{"type": "Self", "init": "i"}"#) == .selfModel(SelfModel(type: "Self", init: "i")))
        #expect(try roundTrip(Mapped.self, #"{"type": "1st", "1st": "x"}"#) == ._1st2(_1st(type: "1st", _1st2: "x")))
        for value in ["🙂", "*/"] {
            let json = #"{"type": "\#(value)", "café": "c", "日本語": "j"}"#
            #expect(try roundTrip(Mapped.self, json) == .unicode(Unicode(type: value, café: "c", 日本語: "j")))
        }
        #expect(try roundTrip(Mapped.self, #"{"payload": "p"}"#) == .inlineVariant(Mapped.InlineVariant(payload: "p")))
        #expect(try roundTrip(Mapped.self, #"{"type": "Class", "z": 1}"#) == .unknown(["type": "Class", "z": 1]))
        // A listed value whose variant does not decode is an error, not the fallback.
        #expect(throws: DecodingError.self) { try decode(Mapped.self, #"{"type": "class"}"#) }
    }

    @Test func untaggedUnionsOfKeywordAndSwiftNamedTypes() throws {
        #expect(try roundTrip(Anything.self, #""s""#) == .string("s"))
        #expect(try roundTrip(Anything.self, "5") == .int(5))
        #expect(try roundTrip(Anything.self, "true") == .bool(true))
        #expect(try roundTrip(Anything.self, #"{"value": "v"}"#) == .stringModel(StringModel(value: "v")))
        #expect(try roundTrip(Anything.self, #"["a", "*/"]"#) == .stringArray(["a", "*/"]))
        #expect(try roundTrip([Anything?].self, "[null]") == [nil])
        #expect(try roundTrip(Keywordish.self, #"{"init": "i"}"#) == .selfModel(SelfModel(init: "i")))
        #expect(try roundTrip(Keywordish.self, #""in""#) == .`in`(.`in`))
        #expect(try roundTrip(Keywordish.self, "7") == .protocolModel(.int(7)))
        #expect(try roundTrip(ResultModel.self, #"{"value": "r"}"#) == .string(StringModel(value: "r")))
        do {
            _ = try decode(Anything.self, "1.5")
            Issue.record("1.5 matches no variant of Anything")
        } catch let DecodingError.dataCorrupted(context) {
            #expect(context.debugDescription.hasPrefix("No variant of Anything matched: bool: "))
            #expect(context.debugDescription.contains("; string: "))
            #expect(context.debugDescription.contains("; init: "))
            #expect(context.debugDescription.contains("; default: "))
        }
    }
}

@Suite struct KnownLimitationTests {
    @Test func aNullForAnOptionalAnyJSONPropertyIsKept() throws {
        // `any: {}` and `nil: {type: 'null'}` admit `null`: an explicit `null` must survive a round trip
        // (`decodeIfPresent` alone would read it as absent and re-encoding would omit the key).
        let json = KeywordNameTests.keywordsJSON.replacingOccurrences(of: #""any": {"nested": [1, "two", null]}"#, with: #""any": null, "nil": null"#)
        let again = try encodedJSON(decode(Keywords.self, json))
        let original = try decode(JSONValue.self, json)
        #expect(again == original)
    }

    @Test func enumCasesMatchCanonicallyEquivalentSpellings() throws {
        // `switch` on a String compares by canonical equivalence: "café" written with a combining accent decodes as
        // `.café` and re-encodes precomposed. Needs Renderer.declarationContext and Enum.mustache (see the report).
        let decomposed = "cafe\u{301}"
        let value = Status(rawValue: decomposed)
        withKnownIssue("an enum re-encodes a canonically equivalent value in the listed spelling") {
            #expect(Array(value.rawValue.unicodeScalars) == Array(decomposed.unicodeScalars))
        }
    }
}
