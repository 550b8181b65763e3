import Virt

/// What Tab offers for a command's domain in the shell, as virsh's completers do: the names of the
/// domains a listing filter admits (`start` offers shut-off ones), or every domain's UUID (`domname`).
public enum DomainCompletion: Sendable, Hashable {
    case names(DomainListFlags)
    case uuids
}
