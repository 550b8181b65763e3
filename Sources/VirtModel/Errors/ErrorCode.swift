/// A libvirt error number (`virErrorNumber`). The raw values are libvirt's ABI and never change;
/// unknown values are kept, so a code read from the wire survives the trip.
public struct ErrorCode: RawRepresentable, Hashable, Sendable {
    public let rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// `VIR_ERR_OK`
    public static let ok = ErrorCode(rawValue: 0)
    /// `VIR_ERR_INTERNAL_ERROR`
    public static let internalError = ErrorCode(rawValue: 1)
    /// `VIR_ERR_NO_MEMORY`
    public static let noMemory = ErrorCode(rawValue: 2)
    /// `VIR_ERR_NO_SUPPORT`
    public static let noSupport = ErrorCode(rawValue: 3)
    /// `VIR_ERR_UNKNOWN_HOST`
    public static let unknownHost = ErrorCode(rawValue: 4)
    /// `VIR_ERR_NO_CONNECT`
    public static let noConnect = ErrorCode(rawValue: 5)
    /// `VIR_ERR_INVALID_CONN`
    public static let invalidConn = ErrorCode(rawValue: 6)
    /// `VIR_ERR_INVALID_DOMAIN`
    public static let invalidDomain = ErrorCode(rawValue: 7)
    /// `VIR_ERR_INVALID_ARG`
    public static let invalidArg = ErrorCode(rawValue: 8)
    /// `VIR_ERR_OPERATION_FAILED`
    public static let operationFailed = ErrorCode(rawValue: 9)
    /// `VIR_ERR_GET_FAILED`
    public static let getFailed = ErrorCode(rawValue: 10)
    /// `VIR_ERR_POST_FAILED`
    public static let postFailed = ErrorCode(rawValue: 11)
    /// `VIR_ERR_HTTP_ERROR`
    public static let httpError = ErrorCode(rawValue: 12)
    /// `VIR_ERR_SEXPR_SERIAL`
    public static let sexprSerial = ErrorCode(rawValue: 13)
    /// `VIR_ERR_NO_XEN`
    public static let noXen = ErrorCode(rawValue: 14)
    /// `VIR_ERR_XEN_CALL`
    public static let xenCall = ErrorCode(rawValue: 15)
    /// `VIR_ERR_OS_TYPE`
    public static let osType = ErrorCode(rawValue: 16)
    /// `VIR_ERR_NO_KERNEL`
    public static let noKernel = ErrorCode(rawValue: 17)
    /// `VIR_ERR_NO_ROOT`
    public static let noRoot = ErrorCode(rawValue: 18)
    /// `VIR_ERR_NO_SOURCE`
    public static let noSource = ErrorCode(rawValue: 19)
    /// `VIR_ERR_NO_TARGET`
    public static let noTarget = ErrorCode(rawValue: 20)
    /// `VIR_ERR_NO_NAME`
    public static let noName = ErrorCode(rawValue: 21)
    /// `VIR_ERR_NO_OS`
    public static let noOs = ErrorCode(rawValue: 22)
    /// `VIR_ERR_NO_DEVICE`
    public static let noDevice = ErrorCode(rawValue: 23)
    /// `VIR_ERR_NO_XENSTORE`
    public static let noXenstore = ErrorCode(rawValue: 24)
    /// `VIR_ERR_DRIVER_FULL`
    public static let driverFull = ErrorCode(rawValue: 25)
    /// `VIR_ERR_CALL_FAILED`
    public static let callFailed = ErrorCode(rawValue: 26)
    /// `VIR_ERR_XML_ERROR`
    public static let xmlError = ErrorCode(rawValue: 27)
    /// `VIR_ERR_DOM_EXIST`
    public static let domExist = ErrorCode(rawValue: 28)
    /// `VIR_ERR_OPERATION_DENIED`
    public static let operationDenied = ErrorCode(rawValue: 29)
    /// `VIR_ERR_OPEN_FAILED`
    public static let openFailed = ErrorCode(rawValue: 30)
    /// `VIR_ERR_READ_FAILED`
    public static let readFailed = ErrorCode(rawValue: 31)
    /// `VIR_ERR_PARSE_FAILED`
    public static let parseFailed = ErrorCode(rawValue: 32)
    /// `VIR_ERR_CONF_SYNTAX`
    public static let confSyntax = ErrorCode(rawValue: 33)
    /// `VIR_ERR_WRITE_FAILED`
    public static let writeFailed = ErrorCode(rawValue: 34)
    /// `VIR_ERR_XML_DETAIL`
    public static let xmlDetail = ErrorCode(rawValue: 35)
    /// `VIR_ERR_INVALID_NETWORK`
    public static let invalidNetwork = ErrorCode(rawValue: 36)
    /// `VIR_ERR_NETWORK_EXIST`
    public static let networkExist = ErrorCode(rawValue: 37)
    /// `VIR_ERR_SYSTEM_ERROR`
    public static let systemError = ErrorCode(rawValue: 38)
    /// `VIR_ERR_RPC`
    public static let rpc = ErrorCode(rawValue: 39)
    /// `VIR_ERR_GNUTLS_ERROR`
    public static let gnutlsError = ErrorCode(rawValue: 40)
    /// `VIR_WAR_NO_NETWORK`
    public static let warnNoNetwork = ErrorCode(rawValue: 41)
    /// `VIR_ERR_NO_DOMAIN`
    public static let noDomain = ErrorCode(rawValue: 42)
    /// `VIR_ERR_NO_NETWORK`
    public static let noNetwork = ErrorCode(rawValue: 43)
    /// `VIR_ERR_INVALID_MAC`
    public static let invalidMac = ErrorCode(rawValue: 44)
    /// `VIR_ERR_AUTH_FAILED`
    public static let authFailed = ErrorCode(rawValue: 45)
    /// `VIR_ERR_INVALID_STORAGE_POOL`
    public static let invalidStoragePool = ErrorCode(rawValue: 46)
    /// `VIR_ERR_INVALID_STORAGE_VOL`
    public static let invalidStorageVol = ErrorCode(rawValue: 47)
    /// `VIR_WAR_NO_STORAGE`
    public static let warnNoStorage = ErrorCode(rawValue: 48)
    /// `VIR_ERR_NO_STORAGE_POOL`
    public static let noStoragePool = ErrorCode(rawValue: 49)
    /// `VIR_ERR_NO_STORAGE_VOL`
    public static let noStorageVol = ErrorCode(rawValue: 50)
    /// `VIR_WAR_NO_NODE`
    public static let warnNoNode = ErrorCode(rawValue: 51)
    /// `VIR_ERR_INVALID_NODE_DEVICE`
    public static let invalidNodeDevice = ErrorCode(rawValue: 52)
    /// `VIR_ERR_NO_NODE_DEVICE`
    public static let noNodeDevice = ErrorCode(rawValue: 53)
    /// `VIR_ERR_NO_SECURITY_MODEL`
    public static let noSecurityModel = ErrorCode(rawValue: 54)
    /// `VIR_ERR_OPERATION_INVALID`
    public static let operationInvalid = ErrorCode(rawValue: 55)
    /// `VIR_WAR_NO_INTERFACE`
    public static let warnNoInterface = ErrorCode(rawValue: 56)
    /// `VIR_ERR_NO_INTERFACE`
    public static let noInterface = ErrorCode(rawValue: 57)
    /// `VIR_ERR_INVALID_INTERFACE`
    public static let invalidInterface = ErrorCode(rawValue: 58)
    /// `VIR_ERR_MULTIPLE_INTERFACES`
    public static let multipleInterfaces = ErrorCode(rawValue: 59)
    /// `VIR_WAR_NO_NWFILTER`
    public static let warnNoNwfilter = ErrorCode(rawValue: 60)
    /// `VIR_ERR_INVALID_NWFILTER`
    public static let invalidNwfilter = ErrorCode(rawValue: 61)
    /// `VIR_ERR_NO_NWFILTER`
    public static let noNwfilter = ErrorCode(rawValue: 62)
    /// `VIR_ERR_BUILD_FIREWALL`
    public static let buildFirewall = ErrorCode(rawValue: 63)
    /// `VIR_WAR_NO_SECRET`
    public static let warnNoSecret = ErrorCode(rawValue: 64)
    /// `VIR_ERR_INVALID_SECRET`
    public static let invalidSecret = ErrorCode(rawValue: 65)
    /// `VIR_ERR_NO_SECRET`
    public static let noSecret = ErrorCode(rawValue: 66)
    /// `VIR_ERR_CONFIG_UNSUPPORTED`
    public static let configUnsupported = ErrorCode(rawValue: 67)
    /// `VIR_ERR_OPERATION_TIMEOUT`
    public static let operationTimeout = ErrorCode(rawValue: 68)
    /// `VIR_ERR_MIGRATE_PERSIST_FAILED`
    public static let migratePersistFailed = ErrorCode(rawValue: 69)
    /// `VIR_ERR_HOOK_SCRIPT_FAILED`
    public static let hookScriptFailed = ErrorCode(rawValue: 70)
    /// `VIR_ERR_INVALID_DOMAIN_SNAPSHOT`
    public static let invalidDomainSnapshot = ErrorCode(rawValue: 71)
    /// `VIR_ERR_NO_DOMAIN_SNAPSHOT`
    public static let noDomainSnapshot = ErrorCode(rawValue: 72)
    /// `VIR_ERR_INVALID_STREAM`
    public static let invalidStream = ErrorCode(rawValue: 73)
    /// `VIR_ERR_ARGUMENT_UNSUPPORTED`
    public static let argumentUnsupported = ErrorCode(rawValue: 74)
    /// `VIR_ERR_STORAGE_PROBE_FAILED`
    public static let storageProbeFailed = ErrorCode(rawValue: 75)
    /// `VIR_ERR_STORAGE_POOL_BUILT`
    public static let storagePoolBuilt = ErrorCode(rawValue: 76)
    /// `VIR_ERR_SNAPSHOT_REVERT_RISKY`
    public static let snapshotRevertRisky = ErrorCode(rawValue: 77)
    /// `VIR_ERR_OPERATION_ABORTED`
    public static let operationAborted = ErrorCode(rawValue: 78)
    /// `VIR_ERR_AUTH_CANCELLED`
    public static let authCancelled = ErrorCode(rawValue: 79)
    /// `VIR_ERR_NO_DOMAIN_METADATA`
    public static let noDomainMetadata = ErrorCode(rawValue: 80)
    /// `VIR_ERR_MIGRATE_UNSAFE`
    public static let migrateUnsafe = ErrorCode(rawValue: 81)
    /// `VIR_ERR_OVERFLOW`
    public static let overflow = ErrorCode(rawValue: 82)
    /// `VIR_ERR_BLOCK_COPY_ACTIVE`
    public static let blockCopyActive = ErrorCode(rawValue: 83)
    /// `VIR_ERR_OPERATION_UNSUPPORTED`
    public static let operationUnsupported = ErrorCode(rawValue: 84)
    /// `VIR_ERR_SSH`
    public static let ssh = ErrorCode(rawValue: 85)
    /// `VIR_ERR_AGENT_UNRESPONSIVE`
    public static let agentUnresponsive = ErrorCode(rawValue: 86)
    /// `VIR_ERR_RESOURCE_BUSY`
    public static let resourceBusy = ErrorCode(rawValue: 87)
    /// `VIR_ERR_ACCESS_DENIED`
    public static let accessDenied = ErrorCode(rawValue: 88)
    /// `VIR_ERR_DBUS_SERVICE`
    public static let dbusService = ErrorCode(rawValue: 89)
    /// `VIR_ERR_STORAGE_VOL_EXIST`
    public static let storageVolExist = ErrorCode(rawValue: 90)
    /// `VIR_ERR_CPU_INCOMPATIBLE`
    public static let cpuIncompatible = ErrorCode(rawValue: 91)
    /// `VIR_ERR_XML_INVALID_SCHEMA`
    public static let xmlInvalidSchema = ErrorCode(rawValue: 92)
    /// `VIR_ERR_MIGRATE_FINISH_OK`
    public static let migrateFinishOk = ErrorCode(rawValue: 93)
    /// `VIR_ERR_AUTH_UNAVAILABLE`
    public static let authUnavailable = ErrorCode(rawValue: 94)
    /// `VIR_ERR_NO_SERVER`
    public static let noServer = ErrorCode(rawValue: 95)
    /// `VIR_ERR_NO_CLIENT`
    public static let noClient = ErrorCode(rawValue: 96)
    /// `VIR_ERR_AGENT_UNSYNCED`
    public static let agentUnsynced = ErrorCode(rawValue: 97)
    /// `VIR_ERR_LIBSSH`
    public static let libssh = ErrorCode(rawValue: 98)
    /// `VIR_ERR_DEVICE_MISSING`
    public static let deviceMissing = ErrorCode(rawValue: 99)
    /// `VIR_ERR_INVALID_NWFILTER_BINDING`
    public static let invalidNwfilterBinding = ErrorCode(rawValue: 100)
    /// `VIR_ERR_NO_NWFILTER_BINDING`
    public static let noNwfilterBinding = ErrorCode(rawValue: 101)
    /// `VIR_ERR_INVALID_DOMAIN_CHECKPOINT`
    public static let invalidDomainCheckpoint = ErrorCode(rawValue: 102)
    /// `VIR_ERR_NO_DOMAIN_CHECKPOINT`
    public static let noDomainCheckpoint = ErrorCode(rawValue: 103)
    /// `VIR_ERR_NO_DOMAIN_BACKUP`
    public static let noDomainBackup = ErrorCode(rawValue: 104)
    /// `VIR_ERR_INVALID_NETWORK_PORT`
    public static let invalidNetworkPort = ErrorCode(rawValue: 105)
    /// `VIR_ERR_NETWORK_PORT_EXIST`
    public static let networkPortExist = ErrorCode(rawValue: 106)
    /// `VIR_ERR_NO_NETWORK_PORT`
    public static let noNetworkPort = ErrorCode(rawValue: 107)
    /// `VIR_ERR_NO_HOSTNAME`
    public static let noHostname = ErrorCode(rawValue: 108)
    /// `VIR_ERR_CHECKPOINT_INCONSISTENT`
    public static let checkpointInconsistent = ErrorCode(rawValue: 109)
    /// `VIR_ERR_MULTIPLE_DOMAINS`
    public static let multipleDomains = ErrorCode(rawValue: 110)
}

extension ErrorCode {
    /// libvirt's wording for this code: `plain` when there is no detail, `template` (with one `%s`) around it
    /// otherwise. Messages are composed the way libvirt composes them, so output matches its virsh.
    public func message(detail: String?) -> String {
        guard let (plain, template) = words else {
            return detail ?? "unknown error"
        }
        guard let detail else { return plain }
        guard let hole = template.firstRange(of: "%s") else { return template }
        return String(template[..<hole.lowerBound]) + detail + String(template[hole.upperBound...])
    }

    /// The plain wording, e.g. "Domain not found".
    public var summary: String { words?.plain ?? "unknown error" }

    /// This code's wording; nil for a code libvirt 9.0 does not know.
    private var words: (plain: String, template: String)? {
        let index = Int(rawValue)
        return Self.wordsByCode.indices.contains(index) ? Self.wordsByCode[index] : nil
    }

    /// `wording` indexed by code: an error is built on every failed call, and hashing cost it more than the
    /// rest of building it.
    private static let wordsByCode: [(plain: String, template: String)?] = {
        var table = [(plain: String, template: String)?](repeating: nil, count: Int(wording.keys.max() ?? 0) + 1)
        for (code, words) in wording where code >= 0 { table[Int(code)] = words }
        return table
    }()

    private static let wording: [Int32: (plain: String, template: String)] = [
        0: ("", ""),
        1: ("internal error", "internal error: %s"),
        2: ("out of memory", "out of memory: %s"),
        3: ("this function is not supported by the connection driver", "this function is not supported by the connection driver: %s"),
        4: ("unknown host", "unknown host %s"),
        5: ("no connection driver available", "no connection driver available for %s"),
        6: ("invalid connection pointer in", "invalid connection pointer in %s"),
        7: ("invalid domain pointer in", "invalid domain pointer in %s"),
        8: ("invalid argument", "invalid argument: %s"),
        9: ("operation failed", "operation failed: %s"),
        10: ("GET operation failed", "GET operation failed: %s"),
        11: ("POST operation failed", "POST operation failed: %s"),
        12: ("got unknown HTTP error code", "got unknown HTTP error code %s"),
        13: ("failed to serialize S-Expr", "failed to serialize S-Expr: %s"),
        14: ("could not use Xen hypervisor entry", "could not use Xen hypervisor entry %s"),
        15: ("failed Xen syscall", "failed Xen syscall %s"),
        16: ("unknown OS type", "unknown OS type %s"),
        17: ("missing kernel information", "missing kernel information: %s"),
        18: ("missing root device information", "missing root device information in %s"),
        19: ("missing source information for device", "missing source information for device %s"),
        20: ("missing target information for device", "missing target information for device %s"),
        21: ("missing name information", "missing name information in %s"),
        22: ("missing operating system information", "missing operating system information for %s"),
        23: ("missing devices information", "missing devices information for %s"),
        24: ("could not connect to Xen Store", "could not connect to Xen Store %s"),
        25: ("too many drivers registered", "too many drivers registered in %s"),
        26: ("library call failed", "library call failed: %s"),
        27: ("XML description is invalid or not well formed", "XML error: %s"),
        28: ("this domain exists already", "domain %s exists already"),
        29: ("operation forbidden for read only access", "operation forbidden: %s"),
        30: ("failed to open configuration file", "failed to open configuration file %s"),
        31: ("failed to read configuration file", "failed to read configuration file %s"),
        32: ("failed to parse configuration file", "failed to parse configuration file %s"),
        33: ("configuration file syntax error", "configuration file syntax error: %s"),
        34: ("failed to write configuration file", "failed to write configuration file: %s"),
        35: ("parser error", "%s"),
        36: ("invalid network pointer in", "invalid network pointer in %s"),
        37: ("this network exists already", "network %s exists already"),
        38: ("system call error", "%s"),
        39: ("RPC error", "%s"),
        40: ("GNUTLS call error", "%s"),
        41: ("Failed to find the network", "Failed to find the network: %s"),
        42: ("Domain not found", "Domain not found: %s"),
        43: ("Network not found", "Network not found: %s"),
        44: ("invalid MAC address", "invalid MAC address: %s"),
        45: ("authentication failed", "authentication failed: %s"),
        46: ("invalid storage pool pointer in", "invalid storage pool pointer in %s"),
        47: ("invalid storage volume pointer in", "invalid storage volume pointer in %s"),
        48: ("Failed to find a storage driver", "Failed to find a storage driver: %s"),
        49: ("Storage pool not found", "Storage pool not found: %s"),
        50: ("Storage volume not found", "Storage volume not found: %s"),
        51: ("Failed to find a node driver", "Failed to find a node driver: %s"),
        52: ("invalid node device pointer", "invalid node device pointer in %s"),
        53: ("Node device not found", "Node device not found: %s"),
        54: ("Security model not found", "Security model not found: %s"),
        55: ("Requested operation is not valid", "Requested operation is not valid: %s"),
        56: ("Failed to find the interface", "Failed to find the interface: %s"),
        57: ("Interface not found", "Interface not found: %s"),
        58: ("invalid interface pointer in", "invalid interface pointer in %s"),
        59: ("multiple matching interfaces found", "multiple matching interfaces found: %s"),
        60: ("Failed to start the nwfilter driver", "Failed to start the nwfilter driver: %s"),
        61: ("Invalid network filter", "Invalid network filter: %s"),
        62: ("Network filter not found", "Network filter not found: %s"),
        63: ("Error while building firewall", "Error while building firewall: %s"),
        64: ("Failed to find a secret storage driver", "Failed to find a secret storage driver: %s"),
        65: ("Invalid secret", "Invalid secret: %s"),
        66: ("Secret not found", "Secret not found: %s"),
        67: ("unsupported configuration", "unsupported configuration: %s"),
        68: ("Timed out during operation", "Timed out during operation: %s"),
        69: ("Failed to make domain persistent after migration", "Failed to make domain persistent after migration: %s"),
        70: ("Hook script execution failed", "Hook script execution failed: %s"),
        71: ("Invalid domain snapshot", "Invalid domain snapshot: %s"),
        72: ("Domain snapshot not found", "Domain snapshot not found: %s"),
        73: ("invalid stream pointer", "invalid stream pointer in %s"),
        74: ("argument unsupported", "argument unsupported: %s"),
        75: ("Storage pool probe failed", "Storage pool probe failed: %s"),
        76: ("Storage pool already built", "Storage pool already built: %s"),
        77: ("revert requires force", "revert requires force: %s"),
        78: ("operation aborted", "operation aborted: %s"),
        79: ("authentication cancelled", "authentication cancelled: %s"),
        80: ("metadata not found", "metadata not found: %s"),
        81: ("Unsafe migration", "Unsafe migration: %s"),
        82: ("numerical overflow", "numerical overflow: %s"),
        83: ("block copy still active", "block copy still active: %s"),
        84: ("Operation not supported", "Operation not supported: %s"),
        85: ("SSH transport error", "SSH transport error: %s"),
        86: ("Guest agent is not responding", "Guest agent is not responding: %s"),
        87: ("resource busy", "resource busy: %s"),
        88: ("access denied", "access denied: %s"),
        89: ("error from service", "error from service: %s"),
        90: ("this storage volume exists already", "storage volume %s exists already"),
        91: ("the CPU is incompatible with host CPU", "the CPU is incompatible with host CPU: %s"),
        92: ("XML document failed to validate against schema", "XML document failed to validate against schema: %s"),
        93: ("migration successfully aborted", "migration successfully aborted: %s"),
        94: ("authentication unavailable", "authentication unavailable: %s"),
        95: ("Server not found", "Server not found: %s"),
        96: ("Client not found", "Client not found: %s"),
        97: ("guest agent replied with wrong id to guest-sync command", "guest agent replied with wrong id to guest-sync command: %s"),
        98: ("libssh transport error", "libssh transport error: %s"),
        99: ("device not found", "device not found: %s"),
        100: ("Invalid network filter binding", "Invalid network filter binding: %s"),
        101: ("Network filter binding not found", "Network filter binding not found: %s"),
        102: ("Invalid domain checkpoint", "Invalid domain checkpoint: %s"),
        103: ("Domain checkpoint not found", "Domain checkpoint not found: %s"),
        104: ("Domain backup job id not found", "Domain backup job id not found: %s"),
        105: ("Invalid network port pointer", "Invalid network port pointer: %s"),
        106: ("this network port exists already", "network port %s exists already"),
        107: ("network port not found", "network port not found: %s"),
        108: ("no hostname found", "no hostname found: %s"),
        109: ("checkpoint inconsistent", "checkpoint inconsistent: %s"),
        110: ("multiple matching domains found", "multiple matching domains found: %s"),
    ]
}

extension ErrorCode {
    /// The wording with its `%s` hole, as libvirt stores it in `virError.str1`.
    public var template: String { words?.template ?? "%s" }
}
