// swift-tools-version: 6.0
// An example of OpenAPIForgeBuildPlugin: Sources/PetStoreAPI holds an OpenAPI document (openapi.yaml, a fragment in
// components/, and openapi-forge.yaml); the plugin generates the target's Swift from it at every build that needs it.
import PackageDescription

let package = Package(
    name: "PluginDemo",
    platforms: [.macOS(.v13)],
    dependencies: [
        // openapi-forge itself, two folders up. `name:` lets the references below use the package's name whatever
        // the checkout's folder is called (scripts/test-example rewrites this path to an absolute one).
        .package(name: "swift-openapi-forge", path: "../..")
    ],
    targets: [
        .target(
            name: "PetStoreAPI",
            dependencies: [.product(name: "ForgeRuntime", package: "swift-openapi-forge")],
            plugins: [.plugin(name: "OpenAPIForgeBuildPlugin", package: "swift-openapi-forge")]
        ),
        .testTarget(
            name: "PetStoreAPITests",
            dependencies: ["PetStoreAPI", .product(name: "ForgeRuntime", package: "swift-openapi-forge")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
