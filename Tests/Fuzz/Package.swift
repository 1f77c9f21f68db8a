// swift-tools-version: 6.0
// A libFuzzer target over YAML → Document → IR → Swift text. Built only by scripts/fuzz, with
// `-sanitize=fuzzer,address`, so the instrumentation never reaches the normal build.
import PackageDescription

let package = Package(
    name: "ForgeFuzz",
    dependencies: [.package(name: "swift-openapi-forge", path: "../..")],
    targets: [
        .executableTarget(
            name: "ForgeFuzz",
            dependencies: [.product(name: "ForgeGenerator", package: "swift-openapi-forge")]
        )
    ],
    swiftLanguageModes: [.v6]
)
