/// Where the interactive shell gets its lines: plain reads (``LineReader``), or line editing with history
/// and completion on a terminal (``LineEditor``).
protocol ShellInput {
    /// Whether ``setDomainNames(_:)`` is of use (it costs the shell a domain listing before each prompt).
    var completesDomainNames: Bool { get }
    /// The domain names Tab offers for the next line.
    func setDomainNames(_ names: [String])
    /// The next line without its newline, after showing `prompt`; nil at the end of input.
    func readLine(prompt: String) -> String?
    /// Called once the shell ends (history is saved).
    func finish()
}

extension ShellInput {
    var completesDomainNames: Bool { false }
    func setDomainNames(_ names: [String]) {}
}
