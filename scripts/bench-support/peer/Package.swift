// swift-tools-version: 6.0
// Builds apple/swift-openapi-generator 1.14.3's command-line tool for scripts/bench, so the main package never
// depends on it.
import PackageDescription

let package = Package(
    name: "bench-peer",
    dependencies: [.package(url: "https://github.com/apple/swift-openapi-generator", exact: "1.14.3")],
    targets: []
)
