import ForgeFixtures
import ForgeRuntime
import Foundation
import Testing

func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
    try JSONDecoder().decode(T.self, from: Data(json.utf8))
}

/// Encodes and returns the JSON as a JSONValue, for exact comparisons independent of key order.
func encoded<T: Encodable>(_ value: T) throws -> JSONValue {
    try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(value))
}

@Suite struct UntaggedUnionTests {
    @Test func decodesTheFirstVariantThatMatches() throws {
        #expect(try decode(StringOrList.self, #""hello""#) == .string("hello"))
        #expect(try decode(StringOrList.self, #"["a", "b"]"#) == .stringArray(["a", "b"]))
        #expect(try encoded(StringOrList.stringArray(["a"])) == ["a"])
    }

    @Test func noMatchingVariantGivesOneErrorNamingEach() throws {
        do {
            _ = try decode([String: StringOrList].self, #"{"prompt": 42}"#)
            Issue.record("decoding 42 as StringOrList should fail")
        } catch let DecodingError.dataCorrupted(context) {
            #expect(context.codingPath.map(\.stringValue) == ["prompt"])
            #expect(context.debugDescription.hasPrefix("No variant of StringOrList matched: string: "))
            #expect(context.debugDescription.contains("; stringArray: "))
        }
    }

    /// The spec lists the loosest variant first; decoding tries the most specific first, so each JSON value lands in
    /// the variant made for it, whatever the order in the spec.
    @Test func theMostSpecificVariantIsTriedFirst() throws {
        #expect(try decode(LooseOrStrict.self, #"{"kind": "note", "text": "a"}"#) == .typedNote(TypedNote(text: "a")))
        #expect(try decode(LooseOrStrict.self, #"{"text": "b"}"#) == .anyNote(AnyNote(text: "b")))
        #expect(try decode(LooseOrStrict.self, "3") == .int(3))
        #expect(try decode(LooseOrStrict.self, "2.5") == .double(2.5))
        #expect(try decode(LooseOrStrict.self, "true") == .bool(true))
        // The declared order stays the spec's.
        #expect(try encoded(LooseOrStrict.anyNote(AnyNote(text: "c"))) == ["text": "c"])
        // A named primitive ranks as what it aliases.
        #expect(try decode(Measure.self, "3") == .count(3))
        #expect(try decode(Measure.self, "2.5") == .double(2.5))
        // So do a named map and a named array: an object both the map and the all-optional struct accept is the
        // struct's, though the map is listed first.
        #expect(try decode(TallyOrNote.self, #"{"n": 1}"#) == .anyNote(AnyNote()))
        #expect(try decode(TallyOrNote.self, #"["a"]"#) == .names(["a"]))
        #expect(try encoded(TallyOrNote.tally(["n": 1])) == ["n": 1])
    }

    @Test func anyOfWithNullIsAnOptionalUnionOfTheRest() throws {
        #expect(try decode(Shape.self, #"{"radius": 1.5}"#) == .circle(Circle(radius: 1.5)))
        #expect(try decode(Shape.self, #"{"side": 9007199254740993}"#) == .square(Square(side: 9_007_199_254_740_993)))
        #expect(try decode([Shape?].self, "[null]") == [nil])
    }
}

/// A discriminator value several variants pin selects all of them: they are tried, the one with more fixed values
/// first (the OpenAI spec's input and output items are both `message`, told apart by `role`).
@Suite struct SharedDiscriminatorValueTests {
    @Test func theVariantWithMoreFixedValuesIsTriedFirst() throws {
        #expect(
            try decode(Memo.self, #"{"kind": "memo", "role": "bot", "text": "hi"}"#)
                == .botMemo(BotMemo(text: "hi")))
        #expect(
            try decode(Memo.self, #"{"kind": "memo", "role": "user", "text": "hi"}"#)
                == .userMemo(UserMemo(role: .user, text: "hi")))
        // A role neither pins is the looser variant's (its role is an open enum).
        #expect(
            try decode(Memo.self, #"{"kind": "memo", "role": "admin", "text": "hi"}"#)
                == .userMemo(UserMemo(role: .unknown("admin"), text: "hi")))
        #expect(try decode(Memo.self, #"{"kind": "note", "text": "n"}"#) == .note(AnyNote(text: "n")))
        #expect(try decode(Memo.self, #"{"kind": "other"}"#) == .unknown(["kind": "other"]))
        #expect(try encoded(Memo.botMemo(BotMemo(text: "hi"))) == ["kind": "memo", "role": "bot", "text": "hi"])
    }

    @Test func whenNoSharingVariantDecodesTheErrorNamesEach() throws {
        do {
            _ = try decode(Memo.self, #"{"kind": "memo", "role": "bot"}"#)
            Issue.record("decoded a memo without its required text")
        } catch {
            let text = "\(error)"
            #expect(text.contains("botMemo") && text.contains("userMemo"), "\(text)")
        }
    }
}

@Suite struct AdditionalPropertiesTests {
    @Test func membersBesideThePropertiesAreKeptTyped() throws {
        let labels = try decode(Labels.self, #"{"id": "l1", "color": "red", "size": 3, "weight": 7}"#)
        #expect(labels == Labels(id: "l1", color: "red", additionalProperties: ["size": 3, "weight": 7]))
        #expect(try encoded(labels) == ["id": "l1", "color": "red", "size": 3, "weight": 7])
        // A member of the wrong type fails at its path.
        #expect(throws: DecodingError.self) { try decode(Labels.self, #"{"id": "l1", "size": "big"}"#) }
        // A declared property wins over an additional member of the same name.
        #expect(try encoded(Labels(id: "a", additionalProperties: ["id": 1])) == ["id": "a"])
    }

    @Test func additionalPropertiesTrueKeepsAnyJSON() throws {
        let json = #"{"kind": "k", "nested": {"a": [1, null]}, "flag": true}"#
        let record = try decode(OpenRecord.self, json)
        #expect(record.kind == "k")
        #expect(record.additionalProperties == ["nested": ["a": [1, nil]], "flag": true])
        #expect(try encoded(record) == decode(JSONValue.self, json))
    }
}

@Suite struct CompositionTests {
    @Test func allOfMergesTheBasePropertiesFirst() throws {
        let pet = try decode(Pet.self, #"{"name": "Rex", "kind": "dog", "nickname": null, "age": 3}"#)
        #expect(pet == Pet(name: "Rex", kind: .dog, nickname: nil, age: 3))
        #expect(try encoded(pet) == ["name": "Rex", "kind": "dog", "age": 3])
    }

    @Test func enumValuesThatAreNotIdentifiers() throws {
        #expect(Pet.Kind.knownCases == [.dog, .cat, .inBetween, ._1024x1024, .empty])
        #expect(try decode(Pet.Kind.self, #""1024x1024""#) == ._1024x1024)
        #expect(try decode(Pet.Kind.self, #""""#) == .empty)
        #expect(try decode(Pet.Kind.self, #""in_between""#).rawValue == "in_between")
        #expect(try decode(Pet.Kind.self, #""hamster""#) == .unknown("hamster"))
    }

    @Test func typeArrayAndNullableTrueBothMeanOptional() throws {
        let pet = try decode(Pet.self, #"{"name": "Tom", "kind": "cat"}"#)
        #expect(pet.nickname == nil)
        #expect(pet.age == nil)
    }

    @Test func aliasOfAComponentIsTheSameType() {
        let alias: PetAlias = Pet(name: "x", kind: .cat)
        let identifier: Identifier = "abc"
        #expect(alias.name == "x")
        #expect(identifier == "abc")
    }

    @Test func recursiveSchemasDecodeAtAnyDepth() throws {
        let tree = try decode(
            TreeNode.self, #"{"label": "a", "children": [{"label": "b", "children": [{"label": "c", "children": []}]}]}"#)
        #expect(tree.children[0].children[0].label == "c")
        #expect(try decode(TreeNode.self, String(data: JSONEncoder().encode(tree), encoding: .utf8)!) == tree)
    }
}

@Suite struct NamingInGeneratedCodeTests {
    @Test func keywordPropertiesKeepTheirWireNames() throws {
        let json = #"{"default": "d", "self": true, "class": 2, "protocol": "p", "Type": "t", "2fa-enabled": false, "created_at": 7}"#
        let value = try decode(Keywords.self, json)
        #expect(value.default == "d")
        #expect(value.`self` == true)
        #expect(value.class == 2)
        #expect(value.type == "t")
        #expect(value._2faEnabled == false)
        #expect(try encoded(value) == decode(JSONValue.self, json))
        let made = Keywords(default: "d", self: true, class: 2)
        #expect(try encoded(made) == ["default": "d", "self": true, "class": 2])
    }

    @Test func mapsNestedArraysAndAnyJSON() throws {
        let json = #"{"counts": {"a": 1}, "matrix": [[1.5, 2]], "anything": {"x": [1, "y", null]}, "free_form": {"k": true}, "optional_strings": ["a", null]}"#
        let bag = try decode(Bag.self, json)
        #expect(bag.counts == ["a": 1])
        #expect(bag.matrix == [[1.5, 2]])
        #expect(bag.anything == ["x": [1, "y", nil]])
        #expect(bag.freeForm == ["k": true])
        #expect(bag.optionalStrings == ["a", nil])
        #expect(try encoded(bag) == decode(JSONValue.self, json))
    }
}

@Suite struct ExplicitMappingTests {
    @Test func mappingValuesSelectTheVariant() throws {
        #expect(try decode(Event.self, #"{"kind": "open", "at": 5}"#) == .open(Opened(kind: "open", at: 5)))
        #expect(try decode(Event.self, #"{"kind": "shut"}"#) == .shut(Closed(kind: "shut")))
        let unknown = try decode(Event.self, #"{"kind": "Opened", "at": 5}"#)
        #expect(unknown == .unknown(["kind": "Opened", "at": 5]))
    }
}

@Suite struct OpenEnumTests {
    @Test func theFallbackHoldingAListedValueEqualsThatCase() {
        #expect(Pet.Kind.unknown("dog") == .dog)
        #expect(Set([Pet.Kind.unknown("dog"), .dog]).count == 1)
        #expect(Pet.Kind.unknown("hamster") != .dog)
        #expect(Pet.Kind(rawValue: "cat") == .cat)
    }
}

@Suite struct ScaleConstructTests {
    @Test func anAliasOfAnArrayDeclaresItsElementAtTheTopLevel() throws {
        let modalities: Modalities = try decode(Modalities.self, #"["text", "audio", "video"]"#)
        #expect(modalities == [.text, .audio, .unknown("video")])
    }

    @Test func recursiveRefResolvesToTheEnclosingSchema() throws {
        let json = #"{"type": "and", "filters": [{"type": "eq", "key": "a"}, {"type": "or", "filters": [{"type": "ne", "key": "b"}]}]}"#
        let filter = try decode(Compound.self, json)
        #expect(filter.type == .and)
        guard case .compound(let inner) = filter.filters[1] else {
            Issue.record("expected a nested compound filter, got \(filter.filters[1])")
            return
        }
        #expect(inner.filters == [.comparison(Comparison(type: .ne, key: "b"))])
        #expect(try encoded(filter) == decode(JSONValue.self, json))
    }

    @Test func aVariantWithoutADiscriminatorValueIsTriedBeforeTheFallback() throws {
        #expect(try decode(Attachment.self, #"{"kind": "image", "url": "u"}"#) == .imageRef(ImageRef(url: "u")))
        #expect(try decode(Attachment.self, #"{"data": "abc"}"#) == .inlineData(Attachment.InlineData(data: "abc")))
        #expect(try decode(Attachment.self, #"{"kind": "audio", "id": 1}"#) == .unknown(["kind": "audio", "id": 1]))
    }

    @Test func aDeprecatedPropertyStillRoundTrips() throws {
        let json = #"{"old": "o", "new": "n"}"#
        #expect(try encoded(decode(Legacy.self, json)) == decode(JSONValue.self, json))
    }
}

@Suite struct AnyJSONPropertyTests {
    @Test func anExplicitNullIsKeptAndAMissingKeyStaysMissing() throws {
        let withNull = #"{"counts": {}, "matrix": [], "anything": null}"#
        let bag = try decode(Bag.self, withNull)
        #expect(bag.anything == .null)
        #expect(try encoded(bag) == decode(JSONValue.self, withNull))
        let without = try decode(Bag.self, #"{"counts": {}, "matrix": []}"#)
        #expect(without.anything == nil)
        #expect(try encoded(without) == ["counts": [:], "matrix": []])
    }
}
