/// The host's security driver (`virSecurityModel`): model name and domain of interpretation.
public struct SecurityModel: Sendable, Hashable {
    public var model: String
    public var doi: String

    public init(model: String, doi: String) {
        self.model = model
        self.doi = doi
    }
}

/// A running domain's security label (`virSecurityLabel`).
public struct SecurityLabel: Sendable, Hashable {
    public var label: String
    public var enforcing: Bool

    public init(label: String, enforcing: Bool) {
        self.label = label
        self.enforcing = enforcing
    }
}
