/// Small text conversions virsh applies to arguments.
enum VirshText {
    /// A comma-separated list where ",," stands for a literal comma (`vshStringToArray`):
    /// "a,b,,c" is ["a", "b,c"]; a trailing single comma adds an empty item.
    static func commaList(_ text: String) -> [String] {
        let pieces = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        var items = [pieces[0]]
        var joinNext = false
        for piece in pieces.dropFirst() {
            if joinNext {
                items[items.count - 1] += "," + piece
                joinNext = false
            } else if piece.isEmpty {
                joinNext = true
            } else {
                items.append(piece)
            }
        }
        if joinNext { items.append("") }
        return items
    }

    /// Quoted for a POSIX shell when needed (`virBufferEscapeShell`): '' for empty text, single quotes
    /// around anything with a shell metacharacter, a quote itself written as '\''.
    static func shellEscaped(_ text: String) -> String {
        if text.isEmpty { return "''" }
        let special: Set<Character> = [
            "\r", "\t", "\n", " ", "!", "\"", "#", "$", "&", "'", "(", ")", "*", ";", "<", ">", "?", "[", "\\", "]",
            "^", "`", "{", "|", "}", "~",
        ]
        guard text.unicodeScalars.contains(where: { special.contains(Character($0)) }) else { return text }
        return "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

extension String {
    /// Every occurrence of `target` replaced, without Foundation.
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: Character(target), omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
