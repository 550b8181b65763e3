import CLineEditor
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Line editing for the interactive shell on a terminal, as virsh has it: arrow keys and the usual editing
/// keys, history kept between sessions, and Tab completing command names, the current command's options
/// and its domains. Uses BSD libedit's readline interface, loaded at run time: where libedit is not
/// installed the shell reads plain lines.
final class LineEditor: ShellInput {
    /// virsh keeps 500 lines of history.
    static let historyLimit: Int32 = 500
    private let console: Console
    private let historyPath: String?
    /// Each command's domain option and what Tab offers for it.
    private let commandCompletions: [String: DomainCompletion]

    /// The editor, or nil when libedit cannot be loaded.
    init?(table: CommandTable, console: Console, environment: [String: String]) {
        guard cle_load() == 0 else { return nil }
        self.console = console
        historyPath = Self.historyPath(environment: environment)
        commandCompletions = Self.domainCompletions(table)
        Self.setVocabulary(table)
        if let historyPath { cle_read_history(historyPath, Self.historyLimit) }
    }

    var domainCompletions: Set<DomainCompletion> { Set(commandCompletions.values) }

    func setDomainCandidates(_ candidates: [DomainCompletion: [String]]) {
        for (command, completion) in commandCompletions {
            Self.withCStrings(candidates[completion] ?? []) { cle_set_values(command, $0, Int32($0.count)) }
        }
    }

    func readLine(prompt: String) -> String? {
        console.flush()
        guard let line = cle_readline(prompt) else { return nil }
        defer { free(line) }
        if line.pointee != 0 { cle_add_history(line) }
        return String(cString: line)
    }

    func finish() {
        guard let historyPath else { return }
        if let slash = historyPath.lastIndex(of: "/") { Self.makeDirectories(String(historyPath[..<slash])) }
        cle_write_history(historyPath, Self.historyLimit)
    }

    /// `$XDG_CACHE_HOME/swiftvirt/virsh-history` (else under `~/.cache`). Not virsh's own file: GNU
    /// readline and libedit write history in different formats.
    static func historyPath(environment: [String: String]) -> String? {
        let cache = environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? environment["HOME"].flatMap { $0.isEmpty ? nil : $0 + "/.cache" }
        return cache.map { $0 + "/swiftvirt/virsh-history" }
    }

    /// The commands with a domain option, and what Tab offers for it.
    private static func domainCompletions(_ table: CommandTable) -> [String: DomainCompletion] {
        var completions: [String: DomainCompletion] = [:]
        for group in table.groups {
            for command in group.commands {
                if let completion = command.options.lazy.compactMap(\.domainCompletion).first {
                    completions[command.name] = completion
                }
            }
        }
        return completions
    }

    /// Every command name, and every command's options as `--name` (aliases are other spellings: left out).
    private static func setVocabulary(_ table: CommandTable) {
        var names: [String] = []
        var owners: [String] = []
        var options: [String] = []
        for group in table.groups {
            for command in group.commands {
                names.append(command.name)
                for option in command.options {
                    if case .alias = option.kind { continue }
                    owners.append(command.name)
                    options.append("--" + option.name)
                }
            }
        }
        withCStrings(names) { names in
            withCStrings(owners) { owners in
                withCStrings(options) { options in
                    cle_set_vocabulary(names, Int32(names.count), owners, options, Int32(options.count))
                }
            }
        }
    }

    private static func withCStrings<R>(_ strings: [String], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
        let copies = strings.map { strdup($0) }
        defer { copies.forEach { free($0) } }
        return body(copies.map { UnsafePointer($0) })
    }

    private static func makeDirectories(_ path: String) {
        var prefix = ""
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            prefix += "/" + part
            mkdir(prefix, 0o700)
        }
    }
}
