import VirtDriver
import VirtXML

/// Domain XML for Xen: libvirt's libxl driver's defaults and post-parse steps.
enum XenDefinitions {
    /// x86_64 guests of type 'xen' (HVM machine "xenfv"), Xen's MAC prefix 00:16:3e, a xen balloon and a xenbus
    /// controller for every guest, consoles of PV/PVH guests on the PV console, no memory hotplug.
    static let defaults: DefinitionDefaults = {
        var defaults = DefinitionDefaults(arch: "x86_64", machine: "xenfv", domainTypes: ["xen"])
        defaults.macPrefix = [0x00, 0x16, 0x3e]
        defaults.implicitControllers = [Controller(type: "xenbus", index: 0)]
        defaults.defaultMemballoonModel = "xen"
        defaults.supportsMemoryHotplug = false
        defaults.paravirtConsoleTarget = "xen"
        return defaults
    }()

    /// Parses domain XML for Xen (`options`: live state, schema validation). PV and PVH guests get libvirt's
    /// machine names ("xenpv", "xenpvh") and always have a PV console; one is added when the XML has none.
    static func parse(_ xml: String, options: DefinitionParseOptions) throws(VirtError) -> DomainDefinition {
        var def = try DomainDefinition(xml: xml, defaults: defaults, options: options)
        if def.os.machine == nil, def.os.type != "hvm" {
            def.os.machine = def.os.type == "xenpvh" ? "xenpvh" : "xenpv"
        }
        if def.os.type != "hvm", def.devices.consoles.isEmpty {
            def.devices.consoles.append(CharDevice(type: "pty", targetType: "xen", targetPort: 0))
        }
        return def
    }

    /// Names become file names: no path separators, no leading dot, nothing empty.
    static func isSafeName(_ name: String) -> Bool {
        !name.isEmpty && !name.contains("/") && !name.hasPrefix(".") && !name.contains("\0")
    }
}
