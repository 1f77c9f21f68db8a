// Hand-written code beside the generated code: the build plugin adds API.swift, Client.swift and Types+*.swift
// (generated from openapi.yaml in this folder) to this target at build time. Nothing generated is committed.
import ForgeRuntime

extension Pet {
    /// Whether the pet can still be adopted.
    public var isAdoptable: Bool { status == .available }
}
