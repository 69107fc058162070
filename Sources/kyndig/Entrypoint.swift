import ArgumentParser
import KyndigCommands

@main
enum Entrypoint {
    static func main() async {
        await KyndigCommand.main()
    }
}
