/// A failure at run time (not a usage mistake): printed as "Error: …" and exit status 1,
/// without the usage text that ArgumentParser adds to a `ValidationError`.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) { self.description = description }
}
