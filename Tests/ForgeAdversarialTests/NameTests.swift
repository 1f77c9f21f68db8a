import ForgeAdversarial
import ForgeRuntime
import Foundation
import Testing

/// Names that are Swift keywords, start with digits, are not ASCII, collide once in Swift, or are named like the
/// types and locals generated code uses: each keeps its own wire name and value.
@Suite struct KeywordNameTests {
    static let keywordsJSON = #"""
        {"class": 1, "struct": "subscript", "protocol": "p", "self": true, "Self": null, "Type": "Self", "init": "i",
         "default": null, "case": {"in": "x"}, "in": 1.5, "is": ["a"], "as": {"k": 2}, "true": false, "throws": "t",
         "async": "a", "await": "w", "some": "s", "any": {"nested": [1, "two", null]}, "inout": 3, "operator": "o",
         "subscript": "u", "Protocol": "P", "Any": "A", "super": "su", "let": "l", "var": "v", "func": "f",
         "import": "im", "return": "r", "where": "wh", "try": "tr", "_": "underscore", "__": "two", "": "empty",
         " ": "space"}
        """#

    @Test func propertiesNamedLikeKeywordsRoundTrip() throws {
        let value = try roundTrip(Keywords.self, Self.keywordsJSON)
        #expect(value.`class` == 1)
        #expect(value.`struct` == .`subscript`)
        #expect(value.`protocol` == "p")
        #expect(value.`self` == true)
        #expect(value.self2 == nil)
        #expect(value.type == .`self`)
        #expect(value.`init` == "i")
        #expect(value.`default` == nil)
        #expect(value.`case`.`in` == "x")
        #expect(value.`in` == 1.5)
        #expect(value.`is` == ["a"])
        #expect(value.`as` == ["k": 2])
        #expect(value.`true` == false)
        #expect(value.`throws` == "t")
        #expect(value.async == "a")
        #expect(value.`await` == "w")
        #expect(value.some == "s")
        #expect(value.any == ["nested": [1, "two", nil]])
        #expect(value.`inout` == 3)
        #expect(value.`operator` == "o")
        #expect(value.`subscript` == "u")
        #expect(value.protocol2 == "P")
        #expect(value.any2 == "A")
        #expect(value.`super` == "su")
        #expect(value.`let` == "l")
        #expect(value.`var` == "v")
        #expect(value.`func` == "f")
        #expect(value.`import` == "im")
        #expect(value.`return` == "r")
        #expect(value.`where` == "wh")
        #expect(value.`try` == "tr")
        #expect(value.u5F == "underscore")
        #expect(value.u5FU5F == "two")
        #expect(value.empty == "empty")
        #expect(value.u20 == "space")
    }

    @Test func selfAndSelfAreDifferentRequiredKeys() throws {
        // `self` and `Self` are both required; without `Self` (a required, nullable key) decoding names it.
        let json = Self.keywordsJSON.replacingOccurrences(of: #""Self": null, "#, with: "")
        do {
            _ = try decode(Keywords.self, json)
            Issue.record("decoding without the key Self should fail")
        } catch DecodingError.keyNotFound(let key, _) {
            #expect(key.stringValue == "Self")
        }
    }

    @Test func memberwiseInitializerTakesKeywordLabels() throws {
        let value = Keywords(
            class: 2, struct: .`init`, protocol: "p", self: false, self2: "S", type: .`protocol`, init: "i",
            default: "d", case: Keywords.KeywordsCase(in: nil), in: 0, `inout`: 4)
        #expect(
            try encodedJSON(value) == [
                "class": 2, "struct": "init", "protocol": "p", "self": false, "Self": "S", "Type": "Protocol",
                "init": "i", "default": "d", "case": [:], "in": 0, "inout": 4,
            ])
    }

    @Test func schemasNamedLikeKeywordsRoundTrip() throws {
        let json = #"""
            {"type": "class", "struct": "struct", "self": {"init": "i", "default": 1}, "Self": "S",
             "Type": [{"is": true, "as": {"k": "v", "n": null}}], "protocol": 5, "init": 9007199254740993,
             "default": {"case": {}, "in": "out"}}
            """#
        let value: Class = try roundTrip(Class.self, json)
        let selfModel: SelfModel = value.`self`
        let selfModel2: SelfModel2? = value.self2
        let typeModel: TypeModel? = value.type2
        let init64: Init? = value.`init`
        #expect(value.`struct` == .`struct`)
        #expect(selfModel == SelfModel(init: "i", default: 1))
        #expect(selfModel2 == "S")
        #expect(typeModel == [Case(is: true, as: ["k": "v", "n": nil])])
        #expect(value.`protocol` == .int(5))
        #expect(init64 == 9_007_199_254_740_993)
        #expect(value.`default` == Default(case: Case(), in: .out))
        #expect(try decode(ProtocolModel.self, #""class""#) == .`struct`(.`class`))
        #expect(try roundTrip(Throws.self, #"{"async": "a", "await": 1.25}"#) == Throws(async: "a", await: 1.25))
        #expect(try roundTrip(True.self, #"{"false": true}"#).`false` == true)
        #expect(try roundTrip(Some.self, #"{"any": {"x": [null, false]}}"#).any == ["x": [nil, false]])
        #expect(
            try roundTrip(Subscript.self, #"{"inout": ["a"], "operator": "..<", "subscript": [{"operator": "??"}]}"#)
                == Subscript(`inout`: ["a"], operator: .u2EU2EU3C, subscript: [Subscript(operator: .u3FU3F)]))
    }

    static let keywordValues = [
        "class", "struct", "protocol", "self", "Self", "Type", "init", "default", "case", "in", "is", "as", "nil",
        "true", "throws", "async", "await", "some", "any", "inout", "operator", "subscript", "Protocol", "Any",
        "super", "let", "var", "func", "import", "return", "where",
    ]

    @Test func enumValuesThatAreKeywords() throws {
        #expect(Struct.knownCases.map(\.rawValue) == Self.keywordValues)
        for raw in Self.keywordValues {
            let value = try roundTrip(Struct.self, String(decoding: JSONEncoder().encode(raw), as: UTF8.self))
            #expect(value.rawValue == raw)
            #expect(Struct.knownCases.contains(value))
        }
        #expect(Struct(rawValue: "Self") == .self2)
        #expect(Struct(rawValue: "self") == .`self`)
        #expect(Struct(rawValue: "Type") == .type)
        #expect(Struct(rawValue: "Protocol") == .protocol2)
        #expect(Struct(rawValue: "init") == .`init`)
        #expect(Struct(rawValue: "unknown") == .unknown("unknown"))
        #expect(In(rawValue: "in") == .`in`)
    }
}

@Suite struct DigitAndUnicodeNameTests {
    @Test func namesStartingWithDigits() throws {
        let json = #"{"type": "t", "1st": "first", "2fa_enabled": true, "404": 404, "2": "two", "3d": {"x": 1.5}}"#
        let value = try roundTrip(_1st.self, json)
        // The property `1st` would hide the type `_1st` that `_1st._1st_3d` starts with: it is numbered.
        #expect(value._1st2 == "first")
        #expect(value._2faEnabled == true)
        #expect(value._404 == 404)
        #expect(value._2 == "two")
        #expect(value._3d == _1st._1st_3d(x: 1.5))
        #expect(_404.knownCases.map(\.rawValue) == ["404", "1st", "-1", "1024x1024", "2fa_enabled", "-", "0"])
        #expect(try decode([_404].self, #"["404", "1st", "-1", "0", "1"]"#) == [._404, ._1st, .minus1, ._0, .unknown("1")])
    }

    @Test func nonASCIINamesKeepTheirScalars() throws {
        // The key `á` is written decomposed (a + U+0301): it must come back decomposed.
        let json = #"""
            {"type": "x", "café": "c", "naïve": true, "日本語": "j", "Ünïcödé": 1, "🙂": "👨‍👩‍👧", "🙂🙃": "e",
             "∑": 2.5, "ß": "s", "İstanbul": "i", "ⸯ": "m", "a\#u{301}": "nfd", "café_details": {"crème": "brûlée"},
             "Ωmega": "γ-δ"}
            """#
        let value = try roundTrip(Unicode.self, json)
        #expect(value.café == "c")
        #expect(value.naïve == true)
        #expect(value.日本語 == "j")
        #expect(value.ünïcödé == 1)
        #expect(value.u1F642 == .u1F468U200DU1F469U200DU1F467)
        #expect(value.u1F642U1F643 == "e")
        #expect(value.u2211 == 2.5)
        #expect(value.ß == "s")
        // `ⸯ` is a letter to Unicode but not a Swift identifier character: spelled out.
        #expect(value.u2E2F == "m")
        #expect(value.caféDetails == Unicode.CaféDetails(crème: "brûlée"))
        #expect(value.ωmega == .γΔ)
        let encoded = try JSONEncoder().encode(value)
        #expect(encoded.firstRange(of: Data("\"a\u{301}\":\"nfd\"".utf8)) != nil)
        #expect(Unicode.U1F642.knownCases.map(\.rawValue) == ["🙂", "🙃", "👍🏽", "👨‍👩‍👧", "🇫🇷"])
        #expect(Unicode.Ωmega(rawValue: "Ünïcödé") == .ünïcödé)
    }
}

@Suite struct CollisionTests {
    static let json = #"{"user_id": "a", "userId": "b", "UserID": "c", "user-id": "d", "userID2": "e", "USER_ID": 6}"#

    @Test func propertiesThatCollideInSwiftKeepTheirOwnKeys() throws {
        let value = try roundTrip(Collisions.self, Self.json)
        #expect(value.userID == "a")
        #expect(value.userID2 == "b")
        #expect(value.userID3 == "c")
        #expect(value.userID4 == "d")
        #expect(value.userID22 == "e")
        #expect(value.userID5 == 6)
        #expect(
            try encodedJSON(Collisions(userID: "1", userID2: "2", userID3: "3", userID4: "4")) == [
                "user_id": "1", "userId": "2", "UserID": "3", "user-id": "4",
            ])
    }

    @Test func eachRequiredKeyIsCheckedUnderItsOwnName() throws {
        for key in ["user_id", "userId", "UserID", "user-id"] {
            let json = Self.json.replacingOccurrences(of: #""\#(key)": "#, with: #""other\#(key)": "#)
            do {
                _ = try decode(Collisions.self, json)
                Issue.record("decoding without \(key) should fail")
            } catch DecodingError.keyNotFound(let missing, _) {
                #expect(missing.stringValue == key)
            }
        }
    }

    @Test func schemasThatCollideAreNumbered() throws {
        #expect(try roundTrip(FooBar.self, #"{"snake": "s"}"#) == FooBar(snake: "s"))
        #expect(try roundTrip(FooBar2.self, #"{"camel": "c"}"#) == FooBar2(camel: "c"))
    }
}

@Suite struct SwiftTypeNameTests {
    @Test func schemasNamedLikeSwiftAndRuntimeTypesDoNotShadowThem() throws {
        let json = #"""
            {"string": {"value": "v"}, "swiftString": "s", "stringModel": "sm", "data": {"bytes": "AQID"},
             "swiftData": "BAUG", "error": {"message": "m"}, "codable": "decodable", "optional": "o",
             "result": {"value": "r"}, "task": {"result": {"value": "t"}}, "anyCodingKey": {"stringValue": "k"},
             "jsonValue": {"json": "j"}, "swiftJSON": [1, {"a": null}], "client": {"name": "n"},
             "apiDescription": "d", "page": {"number": 2}, "hasher": "h", "rawRepresentable": "rr", "int": true,
             "swiftInt": 7, "bool": 8, "swiftBool": false, "never": {"x": 1}, "type": [{"is": false}]}
            """#
        let value = try roundTrip(Uses.self, json)
        let string: StringModel = value.string
        let swiftString: Swift.String = value.swiftString
        let data: DataModel = value.data
        let swiftData: Foundation.Data = value.swiftData
        #expect(string == StringModel(value: "v"))
        #expect(swiftString == "s")
        #expect(value.stringModel == "sm")
        #expect(data.bytes == Data([1, 2, 3]))
        #expect(swiftData == Data([4, 5, 6]))
        #expect(value.error == ErrorModel(message: "m"))
        #expect(value.codable == .decodable)
        #expect(value.result == .string(StringModel(value: "r")))
        #expect(value.task == TaskModel(result: .string(StringModel(value: "t"))))
        #expect(value.anyCodingKey == AnyCodingKeyModel(stringValue: "k"))
        #expect(value.jsonValue == JSONValueModel(json: "j"))
        #expect(value.swiftJSON == [1, ["a": nil]])
        #expect(value.client == ClientModel(name: "n"))
        #expect(value.page == PageModel(number: 2))
        #expect(value.int == true)
        #expect(value.bool == 8)
        #expect(value.never == ["x": 1])
    }

    @Test func helperTypesKeepTheirMeaning() {
        // The generated library still declares its own `Client` and `APIDescription`, and the runtime's `Page`.
        let page = Page<Int>(items: [1], hasMore: false, nextCursor: nil)
        #expect(page.items == [1])
        #expect(APIDescription.defaultServerURL == "https://example.invalid/*/v1")
    }
}

@Suite struct HelperNameTests {
    @Test func propertiesNamedLikeGeneratedHelpers() throws {
        let json = #"""
            {"container": "c", "decoder": "d", "encoder": "e", "value": "v", "unknown": "u", "rawValue": "r",
             "hashValue": "h", "description": "desc", "knownCases": "k", "hash": "ha", "encode": "en",
             "newValue": "n", "from": "f", "to": "t", "lhs": "l", "rhs": "r2", "hasher": "hr", "key": "key",
             "forKey": "fk", "_container": "c2", "legacy_container": "old", "_legacyContainer": "old2",
             "classValue": "cv", "class": "cl", "_class": "cl2"}
            """#
        let value = try roundTrip(Helpers.self, json)
        #expect(value.container == "c")
        #expect(value.decoder == "d")
        #expect(value.encoder == "e")
        #expect(value.value == "v")
        #expect(value.unknown == "u")
        #expect(value.rawValue == "r")
        let hashValue: String? = value.hashValue
        #expect(hashValue == "h")
        #expect(value.description == "desc")
        #expect(value.knownCases == "k")
        #expect(value.hash == "ha")
        #expect(value.encode == "en")
        #expect(value.newValue == "n")
        #expect(value.from == "f")
        #expect(value.to == "t")
        #expect(value.lhs == "l")
        #expect(value.rhs == "r2")
        #expect(value.hasher == "hr")
        #expect(value.key == "key")
        #expect(value.forKey == "fk")
        #expect(value.container2 == "c2")
        #expect(value.legacyContainer2 == "old2")
        #expect(value.classValue == "cv")
        #expect(value.class2 == "cl2")
        // Hashable still works: the `hashValue` property does not replace the conformance's.
        #expect(Set([value, value]).count == 1)
    }

    @Test func inlineTypesDoNotShadowWhatTheirParentUses() throws {
        let json = #"""
            {"codable": "a", "hashable": "b", "sendable": "a", "raw_representable": "b", "any_coding_key": {"x": "y"},
             "hasher": "a", "decoder": {"x": "d"}, "self": "b", "json_value": "a", "optional": "b",
             "nested_shadows": "a", "string": {"value": "s"}, "uses": "b", "never": "zzz"}
            """#
        let value = try roundTrip(NestedShadows.self, json)
        let codable: NestedShadows.NestedShadowsCodable? = value.codable
        let hasher: NestedShadows.NestedShadowsHasher? = value.hasher
        let key: NestedShadows.NestedShadowsAnyCodingKey? = value.anyCodingKey
        #expect(codable == .a)
        #expect(hasher == .a)
        #expect(key?.x == "y")
        #expect(value.`self` == .b)
        #expect(value.never == .unknown("zzz"))
    }
}
