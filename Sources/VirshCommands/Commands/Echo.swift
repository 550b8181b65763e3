import Virt

extension Commands {
    /// `echo [--shell|--xml|--split] [--err] <string>...`: prints its arguments; used to test quoting.
    static let echo = CommandDefinition(
        name: "echo",
        summary: "echo arguments. Used for internal testing.",
        description: "Echo back arguments, possibly with quoting. Used for internal testing.",
        options: [
            .bool("shell", "escape for shell use"),
            .bool("xml", "escape for XML use"),
            .bool("split", "split each argument on ','; ',,' is an escape sequence"),
            .bool("err", "output to stderr"),
            .alias("str", for: "string"),
            .alias("hi", for: "string=hello"),
            .argv("string", "arguments to echo"),
        ],
        needsConnection: false
    ) { context throws(CommandFailure) in
        let shell = context.flag("shell"), xml = context.flag("xml"), split = context.flag("split")
        try context.exclusive("shell", shell, "xml", xml)
        try context.exclusive("shell", shell, "split", split)
        try context.exclusive("xml", xml, "split", split)
        let words = context.command.values("string")
        guard !words.isEmpty else { return }
        var text = ""
        for word in words {
            if xml {
                text += XMLEscaping.escaped(word)
            } else if shell {
                text += VirshText.shellEscaped(word)
            } else if split {
                for item in VirshText.commaList(word) { text += item + "\n" }
            } else {
                text += word
            }
            text += " "
        }
        text.removeLast()
        if context.flag("err") {
            context.error(text)
        } else {
            context.print(text)
        }
    }
}
