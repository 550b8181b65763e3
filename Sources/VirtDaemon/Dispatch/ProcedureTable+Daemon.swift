import VirtModel
import VirtRPC

extension ProcedureTable {
    /// Everything virtd serves. Procedures not listed are answered as libvirtd answers unknown ones.
    static let daemon: ProcedureTable = {
        var table = ProcedureTable()
        table.addConnectProcedures()
        table.addAuthenticationProcedures()
        table.addListingProcedures()
        table.addInformationProcedures()
        table.addLifecycleProcedures()
        table.addResourceProcedures()
        table.addStatisticsProcedures()
        table.addConsoleProcedures()
        table.addEventProcedures()
        return table
    }()
}

extension DaemonConfig.AuthMethod {
    /// The number AUTH_LIST reports (`remote_auth_type`).
    var wireValue: Int32 {
        switch self {
        case .none: 0
        case .sasl: 1
        case .polkit: 2
        }
    }
}
