import ForgeGenerator
import Testing

/// YAML in, the exact Swift out. Each expected text was reviewed by hand when recorded.
@Suite struct SnippetTests {
    @Test func structWithConstantNullableAndOptionalProperties() throws {
        let yaml = spec(
            schemas: """
                Thread:
                  type: object
                  description: A thread.
                  required: [id, object, title, created_at]
                  properties:
                    id:
                      type: string
                      description: Identifier of the thread.
                    object:
                      type: string
                      enum: [chatkit.thread]
                    created_at:
                      type: integer
                    title:
                      description: Optional title. Defaults to null.
                      anyOf:
                        - type: string
                        - type: 'null'
                    user:
                      type: string
                """)
        expectSame(
            try swift(for: yaml, type: "Thread"),
            #"""
            /// A thread.
            ///
            /// Generated from `#/components/schemas/Thread`.
            public struct Thread: Codable, Hashable, Sendable {
                /// Identifier of the thread.
                public var id: String
                public var object: String { "chatkit.thread" }
                public var createdAt: Int
                /// Optional title. Defaults to null.
                public var title: String?
                public var user: String?

                /// Creates a value from its properties; constant properties are fixed and not passed.
                public init(id: String, createdAt: Int, title: String?, user: String? = nil) {
                    self.id = id
                    self.createdAt = createdAt
                    self.title = title
                    self.user = user
                }

                public init(from decoder: any Decoder) throws {
                    let container = try decoder.container(keyedBy: AnyCodingKey.self)
                    self.id = try container.decodeValue(String.self, forKey: "id")
                    try container.decodeConstant("chatkit.thread", forKey: "object")
                    self.createdAt = try container.decodeValue(Int.self, forKey: "created_at")
                    self.title = try container.decodeNullable(String.self, forKey: "title")
                    self.user = try container.decodeValueIfPresent(String.self, forKey: "user")
                }

                public func encode(to encoder: any Encoder) throws {
                    var container = encoder.container(keyedBy: AnyCodingKey.self)
                    try container.encodeValue(self.id, forKey: "id")
                    try container.encodeValue("chatkit.thread", forKey: "object")
                    try container.encodeValue(self.createdAt, forKey: "created_at")
                    try container.encodeNullable(self.title, forKey: "title")
                    try container.encodeValueIfPresent(self.user, forKey: "user")
                }
            }
            """#)
    }

    @Test func stringEnumWithFallback() throws {
        let yaml = spec(
            schemas: """
                Order:
                  type: string
                  enum: [asc, desc, in_progress]
                """)
        expectSame(
            try swift(for: yaml, type: "Order"),
            #"""
            /// Generated from `#/components/schemas/Order`.
            public enum Order: OpenStringEnum {
                case asc
                case desc
                case inProgress
                /// A value this version of the API description does not list, kept as received.
                case unknown(String)

                public init(rawValue: String) {
                    switch rawValue {
                    case "asc": self = .asc
                    case "desc": self = .desc
                    case "in_progress": self = .inProgress
                    default: self = .unknown(rawValue)
                    }
                }

                public var rawValue: String {
                    switch self {
                    case .asc: "asc"
                    case .desc: "desc"
                    case .inProgress: "in_progress"
                    case .unknown(let value): value
                    }
                }

                /// The values this version of the API description lists.
                public static let knownCases: [Self] = [.asc, .desc, .inProgress]
            }
            """#)
    }

    @Test func statusUnionDiscriminatedByConstants() throws {
        let yaml = spec(
            schemas: """
                Status:
                  oneOf:
                    - $ref: '#/components/schemas/ActiveStatus'
                    - $ref: '#/components/schemas/LockedStatus'
                  discriminator:
                    propertyName: type
                ActiveStatus:
                  type: object
                  required: [type]
                  properties:
                    type:
                      const: active
                LockedStatus:
                  type: object
                  required: [type, reason]
                  properties:
                    type:
                      type: string
                      enum: [locked]
                    reason:
                      type: [string, 'null']
                """)
        expectSame(
            try swift(for: yaml, type: "Status"),
            #"""
            /// Generated from `#/components/schemas/Status`.
            public enum Status: Codable, Hashable, Sendable {
                case active(ActiveStatus)
                case locked(LockedStatus)
                /// A variant this version of the API description does not know, kept as the JSON received.
                case unknown(JSONValue)

                public init(from decoder: any Decoder) throws {
                    switch try decoder.discriminator("type") {
                    case "active": self = .active(try ActiveStatus(from: decoder))
                    case "locked": self = .locked(try LockedStatus(from: decoder))
                    default:
                        self = .unknown(try JSONValue(from: decoder))
                    }
                }

                public func encode(to encoder: any Encoder) throws {
                    switch self {
                    case .active(let value): try value.encode(to: encoder)
                    case .locked(let value): try value.encode(to: encoder)
                    case .unknown(let value): try value.encode(to: encoder)
                    }
                }
            }
            """#)
    }

    @Test func constantOnlyStructTakesNoArguments() throws {
        let yaml = spec(
            schemas: """
                ActiveStatus:
                  type: object
                  required: [type]
                  properties:
                    type:
                      const: active
                """)
        expectSame(
            try swift(for: yaml, type: "ActiveStatus"),
            #"""
            /// Generated from `#/components/schemas/ActiveStatus`.
            public struct ActiveStatus: Codable, Hashable, Sendable {
                public var type: String { "active" }

                /// Creates a value from its properties; constant properties are fixed and not passed.
                public init() {
                }

                public init(from decoder: any Decoder) throws {
                    let container = try decoder.container(keyedBy: AnyCodingKey.self)
                    try container.decodeConstant("active", forKey: "type")
                }

                public func encode(to encoder: any Encoder) throws {
                    var container = encoder.container(keyedBy: AnyCodingKey.self)
                    try container.encodeValue("active", forKey: "type")
                }
            }
            """#)
    }

    @Test func threadItemUnionWithoutMappingUsesWireValues() throws {
        let yaml = spec(
            schemas: """
                ThreadItem:
                  oneOf:
                    - $ref: '#/components/schemas/UserMessageItem'
                    - $ref: '#/components/schemas/WidgetMessageItem'
                  discriminator:
                    propertyName: type
                UserMessageItem:
                  type: object
                  required: [type, text]
                  properties:
                    type: {type: string, enum: [chatkit.user_message]}
                    text: {type: string}
                WidgetMessageItem:
                  type: object
                  required: [type]
                  properties:
                    type: {type: string, const: chatkit.widget}
                """)
        expectSame(
            try swift(for: yaml, type: "ThreadItem"),
            #"""
            /// Generated from `#/components/schemas/ThreadItem`.
            public enum ThreadItem: Codable, Hashable, Sendable {
                case userMessage(UserMessageItem)
                case widget(WidgetMessageItem)
                /// A variant this version of the API description does not know, kept as the JSON received.
                case unknown(JSONValue)

                public init(from decoder: any Decoder) throws {
                    switch try decoder.discriminator("type") {
                    case "chatkit.user_message": self = .userMessage(try UserMessageItem(from: decoder))
                    case "chatkit.widget": self = .widget(try WidgetMessageItem(from: decoder))
                    default:
                        self = .unknown(try JSONValue(from: decoder))
                    }
                }

                public func encode(to encoder: any Encoder) throws {
                    switch self {
                    case .userMessage(let value): try value.encode(to: encoder)
                    case .widget(let value): try value.encode(to: encoder)
                    case .unknown(let value): try value.encode(to: encoder)
                    }
                }
            }
            """#)
    }

    @Test func nullableMetadataMapIsAnAliasAndReferencesAreOptional() throws {
        let yaml = spec(
            schemas: """
                Metadata:
                  description: Set of 16 key-value pairs.
                  anyOf:
                    - type: object
                      additionalProperties:
                        type: string
                        maxLength: 512
                      maxProperties: 16
                    - type: 'null'
                Update:
                  type: object
                  required: [metadata]
                  properties:
                    metadata:
                      $ref: '#/components/schemas/Metadata'
                """)
        expectSame(
            try swift(for: yaml, type: "Update"),
            #"""
            /// Generated from `#/components/schemas/Update`.
            public struct Update: Codable, Hashable, Sendable {
                public var metadata: Metadata?

                /// Creates a value from its properties; constant properties are fixed and not passed.
                public init(metadata: Metadata?) {
                    self.metadata = metadata
                }

                public init(from decoder: any Decoder) throws {
                    let container = try decoder.container(keyedBy: AnyCodingKey.self)
                    self.metadata = try container.decodeNullable(Metadata.self, forKey: "metadata")
                }

                public func encode(to encoder: any Encoder) throws {
                    var container = encoder.container(keyedBy: AnyCodingKey.self)
                    try container.encodeNullable(self.metadata, forKey: "metadata")
                }
            }
            """#)
    }

    @Test func metadataAlias() throws {
        let yaml = spec(
            schemas: """
                Metadata:
                  description: Set of 16 key-value pairs.
                  anyOf:
                    - type: object
                      additionalProperties:
                        type: string
                    - type: 'null'
                """)
        expectSame(
            try swift(for: yaml, type: "Metadata"),
            #"""
            /// Set of 16 key-value pairs.
            ///
            /// Generated from `#/components/schemas/Metadata`.
            public typealias Metadata = [String: String]
            """#)
    }

    @Test func inlineSchemasBecomeNestedTypes() throws {
        let yaml = spec(
            schemas: """
                TaskGroup:
                  type: object
                  required: [tasks]
                  properties:
                    tasks:
                      type: array
                      items:
                        type: object
                        required: [type, heading]
                        properties:
                          type:
                            type: string
                            enum: [custom, thought]
                          heading:
                            anyOf:
                              - type: string
                              - type: 'null'
                """)
        expectSame(
            try swift(for: yaml, type: "TaskGroup"),
            #"""
            /// Generated from `#/components/schemas/TaskGroup`.
            public struct TaskGroup: Codable, Hashable, Sendable {
                public var tasks: [TaskGroup.Task]

                /// Creates a value from its properties; constant properties are fixed and not passed.
                public init(tasks: [TaskGroup.Task]) {
                    self.tasks = tasks
                }

                public init(from decoder: any Decoder) throws {
                    let container = try decoder.container(keyedBy: AnyCodingKey.self)
                    self.tasks = try container.decodeValue([TaskGroup.Task].self, forKey: "tasks")
                }

                public func encode(to encoder: any Encoder) throws {
                    var container = encoder.container(keyedBy: AnyCodingKey.self)
                    try container.encodeValue(self.tasks, forKey: "tasks")
                }

                /// Generated from `#/components/schemas/TaskGroup/properties/tasks/items`.
                public struct Task: Codable, Hashable, Sendable {
                    public var type: TaskGroup.Task.TaskType
                    public var heading: String?

                    /// Creates a value from its properties; constant properties are fixed and not passed.
                    public init(type: TaskGroup.Task.TaskType, heading: String?) {
                        self.type = type
                        self.heading = heading
                    }

                    public init(from decoder: any Decoder) throws {
                        let container = try decoder.container(keyedBy: AnyCodingKey.self)
                        self.type = try container.decodeValue(TaskGroup.Task.TaskType.self, forKey: "type")
                        self.heading = try container.decodeNullable(String.self, forKey: "heading")
                    }

                    public func encode(to encoder: any Encoder) throws {
                        var container = encoder.container(keyedBy: AnyCodingKey.self)
                        try container.encodeValue(self.type, forKey: "type")
                        try container.encodeNullable(self.heading, forKey: "heading")
                    }

                    /// Generated from `#/components/schemas/TaskGroup/properties/tasks/items/properties/type`.
                    public enum TaskType: OpenStringEnum {
                        case custom
                        case thought
                        /// A value this version of the API description does not list, kept as received.
                        case unknown(String)

                        public init(rawValue: String) {
                            switch rawValue {
                            case "custom": self = .custom
                            case "thought": self = .thought
                            default: self = .unknown(rawValue)
                            }
                        }

                        public var rawValue: String {
                            switch self {
                            case .custom: "custom"
                            case .thought: "thought"
                            case .unknown(let value): value
                            }
                        }

                        /// The values this version of the API description lists.
                        public static let knownCases: [Self] = [.custom, .thought]
                    }
                }
            }
            """#)
    }

    @Test func untaggedUnionTriesEachVariant() throws {
        let yaml = spec(
            schemas: """
                Prompt:
                  oneOf:
                    - type: string
                    - type: array
                      items:
                        type: integer
                """)
        expectSame(
            try swift(for: yaml, type: "Prompt"),
            #"""
            /// Generated from `#/components/schemas/Prompt`.
            public enum Prompt: Codable, Hashable, Sendable {
                case string(String)
                case intArray([Int])

                public init(from decoder: any Decoder) throws {
                    var failures: [(String, any Error)] = []
                    do {
                        self = .string(try String(from: decoder))
                        return
                    } catch {
                        failures.append(("string", error))
                    }
                    do {
                        self = .intArray(try [Int](from: decoder))
                        return
                    } catch {
                        failures.append(("intArray", error))
                    }
                    throw decoder.noVariantMatched(Self.self, failures)
                }

                public func encode(to encoder: any Encoder) throws {
                    switch self {
                    case .string(let value): try value.encode(to: encoder)
                    case .intArray(let value): try value.encode(to: encoder)
                    }
                }
            }
            """#)
    }

}

/// Discriminator values several variants name, as the translator records them (the reviewed corner cases).
@Suite struct SharedDiscriminatorValueTranslationTests {
    func union(_ yaml: String, _ name: String, expecting warnings: [String] = []) throws -> IRUnion {
        let module = try translate(spec(schemas: yaml), expecting: warnings)
        let type = try #require(module.types.first { $0.name == name })
        guard case .union(let union) = type.kind else {
            Issue.record("\(name) is not a union")
            throw CancellationError()
        }
        return union
    }

    /// An explicit `mapping` decides which schema a value selects; another variant's schema name does not compete.
    @Test func theMappingWinsOverAnotherVariantsSchemaName() throws {
        let pet = try union(
            """
            Pet:
              oneOf: [{$ref: '#/components/schemas/Wolf'}, {$ref: '#/components/schemas/Dog'}]
              discriminator: {propertyName: kind, mapping: {Dog: '#/components/schemas/Wolf'}}
            Wolf: {type: object, required: [kind], properties: {kind: {type: string}, howl: {type: string}}}
            Dog: {type: object, required: [kind, name], properties: {kind: {type: string}, name: {type: string}}}
            """, "Pet")
        #expect(pet.cases.map(\.values) == [["Dog"], []])
        #expect(pet.cases.map(\.swiftName) == ["wolf", "dog"])
    }

    /// A variant whose value others share is named after its type; the others keep names from their values.
    @Test func sharingVariantsAreNamedAfterTheirTypes() throws {
        let warning =
            "spec.yaml:11:22: warning: discriminator value 'message' selects both variant 1 and variant 2; decoding tries them in turn, the one with more fixed values first"
        let item = try union(
            """
            Item:
              oneOf:
                - {$ref: '#/components/schemas/InputMessage'}
                - {$ref: '#/components/schemas/OutputMessage'}
                - {$ref: '#/components/schemas/Reasoning'}
              discriminator: {propertyName: type}
            InputMessage:
              type: object
              properties: {type: {type: string, enum: [message]}, role: {type: string, enum: [user, system]}}
            OutputMessage:
              type: object
              properties: {type: {type: string, enum: [message]}, role: {type: string, enum: [assistant]}}
            Reasoning:
              type: object
              properties: {type: {type: string, enum: [reasoning]}}
            """, "Item", expecting: [warning])
        #expect(item.cases.map(\.swiftName) == ["inputMessage", "outputMessage", "reasoning"])
        #expect(item.cases.map(\.values) == [["message"], ["message"], ["reasoning"]])
    }

    /// A value listed twice is one value: the cases are still named from their values.
    @Test func aValueListedTwiceIsOneValue() throws {
        let switchState = try union(
            """
            Switch:
              oneOf: [{$ref: '#/components/schemas/Enabled'}, {$ref: '#/components/schemas/Disabled'}]
              discriminator: {propertyName: state}
            Enabled: {type: object, properties: {state: {type: string, enum: [up, up]}}}
            Disabled: {type: object, properties: {state: {type: string, enum: [down]}}}
            """, "Switch")
        #expect(switchState.cases.map(\.values) == [["up"], ["down"]])
        #expect(switchState.cases.map(\.swiftName) == ["up", "down"])
    }

    /// `;` and U+037E are equal as Swift strings (canonically equivalent) but name different cases.
    @Test func canonicallyEquivalentValuesKeepTheirOwnNames() throws {
        let module = try translate(spec(schemas: "Sep:\n  type: string\n  enum: [';', \"\\u037E\"]"))
        guard case .stringEnum(let sep)? = module.types.first(where: { $0.name == "Sep" })?.kind else {
            Issue.record("no enum Sep")
            return
        }
        #expect(sep.cases.map(\.swiftName) == ["u3B", "u37E"])
    }

    /// An array variant written nullable ranks by its element type like a plain one: integers before numbers.
    @Test func aNullableArrayVariantRanksByItsElements() throws {
        let measures = try union(
            """
            Count: {type: integer}
            Measures:
              oneOf:
                - {type: array, items: {type: number}}
                - anyOf: [{type: array, items: {$ref: '#/components/schemas/Count'}}, {type: 'null'}]
            """, "Measures")
        #expect(measures.decodeOrder == [1, 0])
    }
}
