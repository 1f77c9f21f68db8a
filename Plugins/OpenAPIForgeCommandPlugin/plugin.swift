import PackagePlugin

@main
struct OpenAPIForgeCommandPlugin: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {}
}
