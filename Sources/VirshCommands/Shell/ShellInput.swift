/// Where the interactive shell gets its lines: plain reads (``LineReader``), or line editing with history
/// and completion on a terminal (``LineEditor``).
protocol ShellInput {
    /// The domain listings Tab completes from (the shell fetches them before each prompt); none for plain reads.
    var domainCompletions: Set<DomainCompletion> { get }
    /// The names or UUIDs each listing gave, for the next line.
    func setDomainCandidates(_ candidates: [DomainCompletion: [String]])
    /// The next line without its newline, after showing `prompt`; nil at the end of input.
    func readLine(prompt: String) -> String?
    /// Called once the shell ends (history is saved).
    func finish()
}

extension ShellInput {
    var domainCompletions: Set<DomainCompletion> { [] }
    func setDomainCandidates(_ candidates: [DomainCompletion: [String]]) {}
}
