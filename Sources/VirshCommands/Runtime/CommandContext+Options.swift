import Virt

/// Reading option values with vsh's conversions and messages (`vshCommandOpt*`).
extension CommandContext {
    /// Whether the option was given (`vshCommandOptBool`).
    func flag(_ name: String) -> Bool {
        command.has(name)
    }

    /// The option's text, nil when absent (`vshCommandOptStringReq`). An empty value is an error unless
    /// the option allows it.
    func string(_ name: String) throws(CommandFailure) -> String? {
        guard let given = command.given(name), let value = given.value else { return nil }
        if value.isEmpty && !given.definition.allowsEmpty {
            throw failure("Failed to get option '\(name)': Option argument is empty")
        }
        return value
    }

    /// The option's text when given and acceptable, without any message (`vshCommandOptStringQuiet`):
    /// nil when absent, `.rejected` when empty and emptiness is not allowed.
    func quietString(_ name: String) -> QuietValue {
        guard let given = command.given(name), let value = given.value else { return .absent }
        if value.isEmpty && !given.definition.allowsEmpty { return .rejected }
        return .value(value)
    }

    enum QuietValue: Equatable {
        case absent
        case rejected
        case value(String)

        var text: String? {
            if case .value(let text) = self { return text }
            return nil
        }
    }

    /// An unsigned number (`vshCommandOptUInt`, or `vshCommandOptUIntWrap` when `wrap` lets "-1" mean the maximum).
    func uint32(_ name: String, wrap: Bool = false) throws(CommandFailure) -> UInt32? {
        guard let text = command.rawValue(name) else { return nil }
        guard let value = CNumber.uint32(text, wrap: wrap) else { throw malformed(text, name) }
        return value
    }

    /// A signed number (`vshCommandOptInt`).
    func int32(_ name: String) throws(CommandFailure) -> Int32? {
        guard let text = command.rawValue(name) else { return nil }
        guard let value = CNumber.int32(text) else { throw malformed(text, name) }
        return value
    }

    /// A size with an optional unit, `defaultScale` bytes per unit without one (`vshCommandOptScaledInt`).
    func scaled(_ name: String, defaultScale: UInt64, limit: UInt64) throws(CommandFailure) -> UInt64? {
        guard let text = command.rawValue(name) else { return nil }
        let message = "Scaled numeric value '\(text)' for <\(name)> option is malformed or out of range"
        guard let number = CNumber.uint64Prefix(Substring(text), wrap: false) else { throw failure(message) }
        switch ScaledInteger.scale(number.value, suffix: String(number.rest), defaultScale: defaultScale, limit: limit) {
        case .success(let value):
            return value
        case .failure(let scaleError):
            record(scaleError)
            throw failure(message)
        }
    }

    private func malformed(_ text: String, _ name: String) -> CommandFailure {
        failure("Numeric value '\(text)' for <\(name)> option is malformed or out of range")
    }

    // MARK: option combinations

    /// Refuses two options given together (`VSH_EXCLUSIVE_OPTIONS`).
    func exclusive(_ first: String, _ second: String) throws(CommandFailure) {
        try exclusive(first, flag(first), second, flag(second))
    }

    /// Refuses two conditions holding together, named as options (`VSH_EXCLUSIVE_OPTIONS_EXPR`).
    func exclusive(_ first: String, _ firstSet: Bool, _ second: String, _ secondSet: Bool) throws(CommandFailure) {
        if firstSet && secondSet {
            throw failure("Options --\(first) and --\(second) are mutually exclusive")
        }
    }

    /// Refuses `option` without `required` (`VSH_REQUIRE_OPTION`).
    func requires(_ option: String, _ optionSet: Bool, _ required: String, _ requiredSet: Bool) throws(CommandFailure) {
        if optionSet && !requiredSet {
            throw failure("Option --\(required) is required by option --\(option)")
        }
    }

    /// The `--config`/`--live`/`--current` trio as flags, refusing `--current` with either of the others.
    /// `base` is what no option at all means.
    func modificationFlags(base: DomainModificationFlags = .current) throws(CommandFailure) -> DomainModificationFlags {
        let config = flag("config"), live = flag("live"), current = flag("current")
        try exclusive("current", current, "live", live)
        try exclusive("current", current, "config", config)
        var flags = base
        if config { flags.insert(.config) }
        if live { flags.insert(.live) }
        return flags
    }
}
