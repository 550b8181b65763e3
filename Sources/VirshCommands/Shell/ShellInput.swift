/// Where the interactive shell gets its lines: plain reads (``LineReader``), or line editing with history
/// and completion on a terminal (``LineEditor``).
protocol ShellInput {
    /// The next line without its newline, after showing `prompt`; nil at the end of input.
    func readLine(prompt: String) -> String?
    /// Called once the shell ends (history is saved).
    func finish()
}
