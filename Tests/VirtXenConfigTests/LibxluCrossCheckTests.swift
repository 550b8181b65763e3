import Foundation
import Testing
import VirtModel
import VirtTestSupport
@testable import VirtXenConfig

/// SwiftVirt's xl.cfg and disk-specification readers against Xen's own libxlutil, the parser `xl` uses:
/// Fixtures/probe/xlu-probe.c is compiled against it (libxen-dev, installed by scripts/setup.sh) and asked
/// how it reads every xl.cfg file of the corpus and a table of disk specifications.
@Suite("xl.cfg read as Xen's libxlutil reads it")
struct LibxluCrossCheckTests {
    /// Files libxlutil refuses that SwiftVirt reads on purpose.
    static let readBeyondXL: [String: String] = [
        "cfg2xml/legacy-hvm-builder": "a bare negative number, which libvirt writes (xl needs it quoted)",
    ]

    static func configFiles() throws -> [String] {
        try ["cfg2xml", "unsupported", "syntax"].flatMap { directory in
            try Fixture.cases(directory, "cfg").map { "\(directory)/\($0)" }
        }
    }

    @Test("every setting has libxlutil's value", arguments: try configFiles())
    func settings(_ path: String) async throws {
        let file = Fixture.root.appendingPathComponent(path + ".cfg")
        let text = try String(contentsOf: file, encoding: .utf8)
        let ours = try? XLConfig(parsing: text)
        let probe = try await Probe.run(["cfg", file.path] + (ours?.names ?? []) + ["nosuch"])
        guard let ours else {
            #expect(probe == ["syntax-error"], "SwiftVirt refuses \(path), libxlutil reads it")
            return
        }
        if let reason = Self.readBeyondXL[path] {
            #expect(probe == ["syntax-error"], "libxlutil reads \(path) now; drop the exception (\(reason))")
            return
        }
        var expected: [String] = []
        for setting in ours.settings {
            switch setting.value {
            case .list(let items):
                expected.append("\(setting.name) list \(items.count)")
                expected += items.map { "item " + Self.atom($0) }
            case let value:
                expected.append("\(setting.name) string " + Self.atom(value))
            }
        }
        expected.append("nosuch absent")
        #expect(probe.count == expected.count && zip(probe, expected).allSatisfy(Self.same), "\(probe) vs \(expected)")
    }

    /// Disk specifications in every form the corpus and xl-disk-configuration(5) use.
    static let diskSpecs: [String] = [
        "format=raw,vdev=xvda,access=rw,backendtype=phy,target=/dev/vg0/root",
        "format=raw, vdev=hda, access=rw, target=/srv/xen/a,b.img",
        "/dev/vg/guest-volume,,hda", "/dev/vg/guest-volume,raw,hda,rw", "raw:/dev/vg/guest-volume,hda,w",
        "/root/image.iso,,hdc,cdrom", "/root/image.iso,,hdc,,cdrom", "/root/image.iso,raw,hdc,devtype=cdrom",
        "format=raw,vdev=hdc,access=ro,devtype=cdrom,target=/root/image.iso", "raw:/root/image.iso,hdc:cdrom,ro",
        ",,hdc:cdrom,r", "vdev=hdd,devtype=cdrom,format=raw,access=ro",
        "phy:/dev/vg0/x,xvda,w", "file:/srv/x.img,xvdb,r", "tap:aio:/srv/x.img,xvdc,w", "tap2:aio:/srv/y,xvdd,w",
        "qcow2:/srv/home.qcow2,xvde,r", "vhd:/srv/old.vhd,xvdf,w", "/srv/x.qcow2,qcow2,xvdg,rw,backendtype=qdisk",
        "/srv/x.img,qed,sda,w", "vdev=xvdh,target=/dev/disk/by-id/x:y", "target=/srv/x.img,,,", "/x,qcow9,xvda",
        "/x,raw,xvda,rw,extra", "/x,raw,xvda,rwx", "vdev=xvda,devtype=floppy,target=/x", "bogus:/x,xvda",
        "/x,raw", "vdev=xvda", "/x,raw,xvda,w,vdev=xvdb",
    ]

    @Test("disk specifications read as libxlutil reads them", arguments: diskSpecs)
    func disk(_ spec: String) async throws {
        let probe = try await Probe.run(["disk", spec])
        let expected: String
        do {
            let disk = try XLDiskSpec(parsing: spec)
            // libxlu leaves prefixes to libxl, which picks the backend: compare what libxlu decides.
            let backend = spec.hasPrefix("phy:") && disk.backend == .phy ? "unknown" : disk.backend?.rawValue ?? "unknown"
            let target = disk.target.map(Self.escaped) ?? "(null)"
            expected = "ok target=\(target) format=\(disk.format?.rawValue ?? "unknown") vdev=\(disk.vdev ?? "(null)") "
                + "rw=\(disk.readWrite ? 1 : 0) cdrom=\(disk.isCDROM ? 1 : 0) backend=\(backend)"
        } catch {
            expected = "error"
        }
        #expect(probe == [expected])
    }

    /// A value as libxlutil keeps it: a string, or for a number the digits as written, compared by value.
    private static func atom(_ value: XLValue) -> String {
        switch value {
        case .string(let text): return escaped(text)
        case .number(let number): return "#\(number)"
        case .list: return "<list>"
        }
    }

    /// A probe line against an expected one; "#N" expects a numeric atom libxlutil keeps as written ("0x200").
    private static func same(_ probe: String, _ expected: String) -> Bool {
        if probe == expected { return true }
        guard let hash = expected.lastIndex(of: "#"), let number = Int64(expected[expected.index(after: hash)...]),
            probe.hasPrefix(expected[..<hash])
        else { return false }
        let digits = String(probe.dropFirst(expected.distance(from: expected.startIndex, to: hash)))
        return XLConfigParser.integer(digits).map { Int64(exactly: $0) == number } ?? false
    }

    private static func escaped(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case _ where scalar.value < 0x20: out += "\\x" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

/// The probe program, compiled once per test run: the build is one task that every caller awaits (stored
/// before the first await, so actor reentrancy cannot start a second).
enum Probe {
    private static let build = Build()

    /// The probe's standard output lines for `arguments`.
    static func run(_ arguments: [String]) async throws -> [String] {
        let binary = try await build.binary().get()
        let result = try await ProcessRun.run(binary.path, arguments: arguments, timeout: .seconds(60))
        guard result.succeeded else { throw ProbeFailure(description: "xlu-probe failed: \(result.errorText)") }
        return result.outputText.split(separator: "\n").map(String.init)
    }

    private actor Build {
        private var task: Task<Result<URL, ProbeFailure>, Never>?

        func binary() async -> Result<URL, ProbeFailure> {
            if let task { return await task.value }
            let started = Task { await Probe.compile() }
            task = started
            return await started.value
        }
    }

    /// `cc xlu-probe.c $(pkg-config --cflags --libs xlutil xenlight)` into a fresh directory.
    private static func compile() async -> Result<URL, ProbeFailure> {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("xlu-probe-\(UUID().uuidString)")
        let binary = directory.appendingPathComponent("xlu-probe")
        let source = Fixture.root.appendingPathComponent("probe/xlu-probe.c")
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let flags = try await ProcessRun.run("pkg-config", arguments: ["--cflags", "--libs", "xlutil", "xenlight"])
            guard flags.succeeded else {
                return .failure(ProbeFailure(description: "pkg-config knows no xlutil: install libxen-dev (scripts/setup.sh)"))
            }
            let words = flags.outputText.split(whereSeparator: \.isWhitespace).map(String.init)
            let arguments = ["-Wall", "-Wextra", "-Werror", "-o", binary.path, source.path] + words
            let built = try await ProcessRun.run("cc", arguments: arguments)
            guard built.succeeded else { return .failure(ProbeFailure(description: "cc failed:\n\(built.errorText)")) }
            return .success(binary)
        } catch {
            return .failure(ProbeFailure(description: "\(error)"))
        }
    }
}

struct ProbeFailure: Error, CustomStringConvertible {
    var description: String
}
