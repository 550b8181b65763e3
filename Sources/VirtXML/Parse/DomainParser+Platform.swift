import VirtModel

extension DomainParser {
    /// `<features>`: acpi, apic and pae as flags; any feature with settings, and every other feature, kept.
    func parseFeatures(_ node: Node?) throws(VirtError) -> Features {
        var features = Features()
        guard let node else { return features }
        var consumed: [Node?] = []
        for child in node.elements where child.isPlain {
            var childElements = child.elements
            let bare = child.pointer.pointee.properties == nil && childElements.next() == nil
            guard bare else { continue }
            if child.named("acpi"), !features.acpi {
                features.acpi = true
            } else if child.named("apic"), !features.apic {
                features.apic = true
            } else if child.named("pae"), !features.pae {
                features.pae = true
            } else {
                continue
            }
            consumed.append(child)
        }
        features.unknown = node.leftovers(knownAttributes: [], consumed: consumed, depth: 1)
        return features
    }

    /// `<clock offset= adjustment= basis= timezone= start=>`; timers are kept.
    func parseClock(_ node: Node?) throws(VirtError) -> ClockConfig {
        var clock = ClockConfig()
        guard let node else { return clock }
        if let offset = node.attribute("offset"), !offset.isEmpty {
            guard ["utc", "localtime", "variable", "timezone", "absolute"].contains(offset) else {
                throw DomainError.unsupported("unknown clock offset '\(offset)'")
            }
            clock.offset = offset
        }
        let adjustment = node.attribute("adjustment").flatMap { $0.isEmpty ? nil : $0 }
        switch clock.offset {
        case "utc", "localtime":
            if let adjustment {
                if adjustment == "reset" {
                    clock.resetAdjustment = true
                } else {
                    guard let seconds = CNumber.int64(adjustment) else {
                        throw DomainError.xml("unknown clock adjustment '\(adjustment)'")
                    }
                    clock.basis = clock.offset
                    clock.offset = "variable"
                    clock.adjustment = seconds
                }
            }
        case "variable":
            clock.adjustment = adjustment.flatMap { CNumber.int64($0) } ?? 0
            if let basis = node.attribute("basis"), !basis.isEmpty {
                guard basis == "utc" || basis == "localtime" else {
                    throw DomainError.unsupported("unknown clock basis '\(basis)'")
                }
                clock.basis = basis
            } else {
                clock.basis = "utc"
            }
        case "timezone":
            guard let zone = node.attribute("timezone"), !zone.isEmpty else {
                throw DomainError.internal("missing 'timezone' attribute for clock with offset='timezone'")
            }
            clock.timezone = zone
        default:
            guard let text = node.attribute("start"), let start = CNumber.uint64(text, wrap: false) else {
                throw DomainError.internal("missing 'start' attribute for clock with offset='absolute'")
            }
            clock.start = start
        }
        clock.unknown = node.leftovers(
            knownAttributes: ["offset", "adjustment", "basis", "timezone", "start", "adjustment0"], depth: 1)
        return clock
    }
}
