import VirtModel

/// Typed attribute readers with libvirt's `virXMLProp*` semantics and messages.
extension Node {
    /// An attribute that must be one of `values`; nil when absent (or an error when `required`).
    func enumeration(_ attribute: String, _ values: [String], required: Bool = false) throws(VirtError) -> String? {
        guard let value = self.attribute(attribute) else {
            if required { throw AttributeError.missing(attribute, in: name) }
            return nil
        }
        guard values.contains(value) else { throw AttributeError.invalid(attribute, in: name, value) }
        return value
    }

    /// A required attribute.
    func required(_ attribute: String) throws(VirtError) -> String {
        guard let value = self.attribute(attribute) else { throw AttributeError.missing(attribute, in: name) }
        return value
    }

    /// `virXMLPropUInt`: a non-negative integer; nil when absent.
    func unsigned(_ attribute: String, base: Int = 10, required: Bool = false, nonZero: Bool = false)
        throws(VirtError) -> UInt32?
    {
        guard let text = self.attribute(attribute) else {
            if required { throw AttributeError.missing(attribute, in: name) }
            return nil
        }
        guard let value = CNumber.uint32(text, wrap: false, base: base) else {
            throw AttributeError.notUnsigned(attribute, in: name, text)
        }
        if nonZero, value == 0 { throw AttributeError.zero(attribute, in: name) }
        return value
    }

    /// `virXMLPropInt`: a signed integer; nil when absent.
    func signed(_ attribute: String, required: Bool = false, nonNegative: Bool = false) throws(VirtError) -> Int32? {
        guard let text = self.attribute(attribute) else {
            if required { throw AttributeError.missing(attribute, in: name) }
            return nil
        }
        guard let value = CNumber.int32(text) else { throw AttributeError.notInteger(attribute, in: name, text) }
        if nonNegative, value < 0 { throw AttributeError.negative(attribute, in: name, text) }
        return value
    }

    /// `virXMLPropTristateBool`: "yes" or "no".
    func yesNo(_ attribute: String, required: Bool = false) throws(VirtError) -> Bool? {
        guard let value = try enumeration(attribute, ["yes", "no"], required: required) else { return nil }
        return value == "yes"
    }

    /// `virXMLPropTristateSwitch`: "on" or "off".
    func onOff(_ attribute: String) throws(VirtError) -> String? {
        try enumeration(attribute, ["on", "off"])
    }

    /// What the model does not know of this element (at output nesting `depth`): its attributes other than
    /// `knownAttributes`, and its child elements other than the `consumed` ones, as fragments.
    func leftovers(knownAttributes: [String], consumed: [Node?] = [], depth: Int) -> UnknownXML {
        var unknown = UnknownXML()
        unknown.attributes = unknownAttributes(known: knownAttributes)
        for child in elements where !consumed.contains(where: { $0?.pointer == child.pointer }) {
            unknown.elements.append(child.fragment(depth: depth + 1))
        }
        return unknown
    }
}
