// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "swift-openapi-forge",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "openapi-forge", targets: ["openapi-forge"]),
        .library(name: "ForgeGenerator", targets: ["ForgeGenerator"]),
        .library(name: "ForgeRuntime", targets: ["ForgeRuntime"]),
        .library(name: "OpenAIChatKit", targets: ["OpenAIChatKit"]),
        .executable(name: "chatkit-threads", targets: ["chatkit-threads"]),
        .plugin(name: "OpenAPIForgeBuildPlugin", targets: ["OpenAPIForgeBuildPlugin"]),
        .plugin(name: "OpenAPIForgeCommandPlugin", targets: ["OpenAPIForgeCommandPlugin"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        // Tests only: the loopback HTTP server the client tests talk to.
        .package(url: "https://github.com/swhitty/FlyingFox.git", from: "0.27.0"),
    ],
    targets: [
        // MARK: - Generator
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        .target(name: "ForgeYAML", dependencies: ["CYAML"]),
        .target(name: "ForgeDocument", dependencies: ["ForgeYAML"]),
        .target(name: "ForgeTranslator", dependencies: ["ForgeDocument"]),
        .target(
            name: "ForgeRenderer",
            dependencies: ["ForgeTranslator", .product(name: "Mustache", package: "swift-mustache")]
        ),
        .target(name: "ForgeGenerator", dependencies: ["ForgeRenderer"]),
        .executableTarget(
            name: "openapi-forge",
            dependencies: ["ForgeGenerator", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),

        // MARK: - SwiftPM plugins
        // Generates a target's library at build time from the spec (and optional config) inside the target.
        .plugin(
            name: "OpenAPIForgeBuildPlugin",
            capability: .buildTool(),
            dependencies: ["openapi-forge"]
        ),
        // `swift package generate-openapi`: regenerates Generated/ (or a target's folder) in place.
        .plugin(
            name: "OpenAPIForgeCommandPlugin",
            capability: .command(
                intent: .custom(verb: "generate-openapi", description: "Regenerate Swift from OpenAPI specs in place"),
                permissions: [.writeToPackageDirectory(reason: "Writes the generated Swift files")]
            ),
            dependencies: ["openapi-forge"]
        ),

        // MARK: - What generated code imports, and the generated library itself
        .target(name: "ForgeRuntime"),
        .target(name: "OpenAIChatKit", dependencies: ["ForgeRuntime"], path: "Generated"),
        // An example: `swift run chatkit-threads --help`.
        .executableTarget(
            name: "chatkit-threads",
            dependencies: ["OpenAIChatKit", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),

        // MARK: - Tests
        // A second generated library, from Tests/Fixtures/features.yaml, for features spec/ does not use.
        .target(name: "ForgeFixtures", dependencies: ["ForgeRuntime"], path: "Tests/FixtureLibrary"),
        .testTarget(name: "ForgeFixturesTests", dependencies: ["ForgeFixtures", "ForgeRuntime"]),
        // A spec full of legal-but-nasty names and texts, generated, compiled and round-tripped.
        .target(name: "ForgeAdversarial", dependencies: ["ForgeRuntime"], path: "Tests/AdversarialLibrary"),
        .testTarget(name: "ForgeAdversarialTests", dependencies: ["ForgeAdversarial", "ForgeRuntime"]),
        // Invalid specs (Tests/InvalidSpecTests/Cases), each with its exact diagnostic.
        .testTarget(name: "InvalidSpecTests", dependencies: ["ForgeGenerator"], exclude: ["Cases"]),
        .testTarget(name: "ForgeYAMLTests", dependencies: ["ForgeYAML"]),
        .testTarget(name: "ForgeDocumentTests", dependencies: ["ForgeDocument"]),
        .testTarget(name: "ForgeGeneratorTests", dependencies: ["ForgeGenerator"]),
        .testTarget(name: "OpenAIChatKitTests", dependencies: ["OpenAIChatKit", "ForgeRuntime"]),
        // The loopback HTTP server (FlyingFox) and helpers the client and runtime tests share.
        .target(
            name: "ForgeTestSupport",
            dependencies: ["ForgeRuntime", .product(name: "FlyingFox", package: "FlyingFox")],
            path: "Tests/ForgeTestSupport"
        ),
        .testTarget(
            name: "ChatKitClientTests",
            dependencies: [
                "OpenAIChatKit", "ForgeRuntime", "ForgeTestSupport", .product(name: "FlyingFox", package: "FlyingFox"),
            ]
        ),
        .testTarget(
            name: "ForgeRuntimeTests",
            dependencies: ["ForgeRuntime", "ForgeTestSupport", .product(name: "FlyingFox", package: "FlyingFox")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
