// swift-tools-version:6.2
// SwiftVirt: libvirt's API, drivers and virsh, in Swift. The module map and its reasons are in docs/DESIGN.md.
import PackageDescription

let strict: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "SwiftVirt",
    products: [
        .library(name: "Virt", targets: ["Virt"]),
        // Domain XML <-> Xen's xl.cfg without a connection (virsh domxml-to-native xen-xl and back).
        .library(name: "VirtXenConfig", targets: ["VirtXenConfig"]),
        .executable(name: "virsh", targets: ["virsh"]),
        // libvirt's C API: builds libvirt.so (soname libvirt.so.0); scripts/build-capi.sh adds libvirt.pc.
        .library(name: "virt", type: .dynamic, targets: ["LibvirtC"]),
        // virtd: serves libvirt's RPC protocol so libvirt's own clients manage a SwiftVirt host.
        .executable(name: "virtd", targets: ["virtd"]),
        .executable(name: "swiftvirt-watch", targets: ["swiftvirt-watch"]),
        .executable(name: "swiftvirt-ssh-helper", targets: ["swiftvirt-ssh-helper"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
        // TLS for virtd's listener and the remote driver's tls transport (libvirt's x509 setup).
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    ],
    targets: [
        // libxml2 from the system (libxml2-dev): the one XML parser, as libvirt uses.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // Errors with libvirt's numbers, and the plain values every layer shares.
        .target(name: "VirtModel", exclude: ["README.md"], swiftSettings: strict),
        // Thin Linux shims: errno-carrying file I/O, locks, processes, affinity, /proc.
        .target(name: "CVirtOS", exclude: ["README.md"]),
        .target(name: "VirtOS", dependencies: ["CVirtOS"], exclude: ["README.md"], swiftSettings: strict),
        // Domain XML: typed definition, parse, post-parse defaults, validation, format.
        .target(name: "VirtXML", dependencies: ["VirtModel", "CLibXML2"], exclude: ["README.md"], swiftSettings: strict),
        // Domain XML <-> Xen's xl.cfg ("xen-xl"): pure conversions, no Xen needed.
        .target(name: "VirtXenConfig", dependencies: ["VirtModel", "VirtXML"], exclude: ["README.md"], swiftSettings: strict),
        // The driver table every hypervisor driver implements.
        .target(name: "VirtDriver", dependencies: ["VirtModel"], exclude: ["README.md"], swiftSettings: strict),
        // What a daemonless driver keeps on disk: state directories, definitions and status files, per-domain
        // locks, save image headers (qemu:/// and xen:///).
        .target(
            name: "VirtDriverState",
            dependencies: ["VirtDriver", "VirtXML", "VirtOS"],
            exclude: ["README.md"],
            swiftSettings: strict
        ),
        // test:/// : deterministic, in memory, libvirt 9.0's test driver semantics.
        .target(
            name: "VirtTestDriver",
            dependencies: ["VirtDriver", "VirtXML", "VirtOS"],
            exclude: ["README.md"],
            swiftSettings: strict
        ),
        // qemu:/// : real VMs with QEMU (KVM or TCG), daemonless, state on disk.
        .target(
            name: "VirtQEMU",
            dependencies: ["VirtDriver", "VirtDriverState", "VirtXML", "VirtOS", "QMP"],
            exclude: ["README.md"],
            swiftSettings: strict
        ),
        // libxenlight, loaded with dlopen when a xen:/// URI is opened: libxen-dev's headers at build time only,
        // no Xen library at link time (SwiftVirt runs on hosts without Xen).
        .target(name: "CXenLight", exclude: ["README.md"]),
        // xen:/// : Xen domains managed from dom0 through libxenlight, daemonless, state on disk.
        .target(
            name: "VirtXen",
            dependencies: ["VirtDriver", "VirtDriverState", "VirtXML", "VirtXenConfig", "VirtOS", "CXenLight"],
            exclude: ["README.md"],
            swiftSettings: strict
        ),
        // The public Swift API: Connection, Domain, and the built-in driver registry.
        .target(
            name: "Virt",
            dependencies: ["VirtModel", "VirtDriver", "VirtDriverState", "VirtOS", "VirtXML", "VirtTestDriver", "VirtQEMU", "VirtXen", "VirtRemote"],
            exclude: ["README.md"],
            swiftSettings: strict
        ),
        // QMP: a standalone QEMU Machine Protocol client (no dependency on the rest of SwiftVirt).
        .target(
            name: "QMP",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            exclude: ["README.md"],
            swiftSettings: strict
        ),
        // libvirt's RPC wire protocol as a pure codec: framing, XDR, message structs, procedure table.
        .target(
            name: "VirtRPC",
            dependencies: ["VirtModel", .product(name: "NIOCore", package: "swift-nio")],
            exclude: ["README.md"],
            swiftSettings: strict
        ),
        // Test-only fixtures shared by test targets (a scripted fake QMP server); never in a product.
        .target(
            name: "VirtTestSupport",
            dependencies: [
                "QMP",
                "VirtOS",
                "VirtDriver",
                "VirtRPC",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            exclude: ["README.md"],
            swiftSettings: strict
        ),
        // The daemon: libvirt's RPC protocol served over unix sockets (and TCP), hosting the built-in drivers.
        .target(
            name: "VirtDaemon",
            dependencies: [
                "Virt", "VirtRPC", "VirtOS", "VirtModel",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOTLS", package: "swift-nio"),
            ],
            exclude: ["README.md"],
            swiftSettings: strict
        ),
        .executableTarget(name: "virtd", dependencies: ["VirtDaemon"], exclude: ["README.md"], swiftSettings: strict),
        // The watcher of a qemu:/// instance, started by clients on demand.
        .executableTarget(
            name: "swiftvirt-watch", dependencies: ["VirtQEMU", "VirtXen", "VirtOS"], exclude: ["README.md"], swiftSettings: strict),
        .executableTarget(
            name: "swiftvirt-ssh-helper", dependencies: ["VirtRemote"], exclude: ["README.md"], swiftSettings: strict),
        // The remote driver: a libvirt RPC client (unix sockets, TCP) implementing the driver table.
        .target(
            name: "VirtRemote",
            dependencies: [
                "VirtDriver", "VirtRPC", "VirtOS", "VirtModel",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOTLS", package: "swift-nio"),
            ],
            exclude: ["README.md"],
            swiftSettings: strict
        ),
        // virsh: a vsh-style command table and shell; the executable is a thin main.
        .target(
            name: "VirshCommands", dependencies: ["Virt", "CLibXML2", "CLineEditor"], exclude: ["README.md"], swiftSettings: strict
        ),
        // libedit's readline interface for virsh's shell, loaded with dlopen (no build or run-time dependency).
        .target(name: "CLineEditor", exclude: ["README.md"], linkerSettings: [.linkedLibrary("dl")]),
        .executableTarget(name: "virsh", dependencies: ["VirshCommands"], exclude: ["README.md"], swiftSettings: strict),
        // libvirt/libvirt.h and libvirt/virterror.h: the seed's C API, ABI-identical to libvirt's.
        .target(name: "CLibvirt", exclude: ["README.md"]),
        // The C API implemented in Swift over Virt. The version script exports only libvirt's symbols,
        // with libvirt's symbol versions, so programs built against libvirt also run against libvirt.so.0.
        .target(
            name: "LibvirtC",
            dependencies: ["CLibvirt", "Virt"],
            exclude: ["libvirt.map", "libvirt.pc.in", "README.md"],
            swiftSettings: strict,
            linkerSettings: [
                .unsafeFlags([
                    "-use-ld=lld",
                    "-Xlinker", "-soname=libvirt.so.0",
                    "-Xlinker", "--version-script=\(Context.packageDirectory)/Sources/LibvirtC/libvirt.map",
                ]),
            ]
        ),

        // Benchmarks (not tests): scripts/bench-*.sh run them next to libvirt.
        .executableTarget(
            name: "CoreBench", dependencies: ["Virt", "VirtXML"], path: "Benchmarks/CoreBench", swiftSettings: strict),
        .executableTarget(name: "QEMUBench", dependencies: ["Virt"], path: "Benchmarks/QEMUBench", swiftSettings: strict),
        .executableTarget(
            name: "XMLBench", dependencies: ["VirtXML"], path: "Benchmarks/XMLBench", swiftSettings: strict),
        .executableTarget(
            name: "XenBench", dependencies: ["Virt"], path: "Benchmarks/XenBench", exclude: ["dom0-bench.sh", "dom0-watch.sh"],
            swiftSettings: strict),
        // The xen:/// lab scenario through the Swift API; scripts/test-xen.sh runs it in the nested Xen's dom0.
        .executableTarget(
            name: "XenScenario", dependencies: ["Virt"], path: "Tests/XenLab/XenScenario", swiftSettings: strict),

        .testTarget(name: "VirtModelTests", dependencies: ["VirtModel"], exclude: ["README.md"], swiftSettings: strict),
        .testTarget(name: "VirtDriverTests", dependencies: ["VirtDriver"], exclude: ["README.md"], swiftSettings: strict),
        .testTarget(
            name: "VirtDriverStateTests", dependencies: ["VirtDriverState", "VirtDriver", "VirtOS", "VirtXML", "VirtTestSupport"], exclude: ["README.md"], swiftSettings: strict),
        .testTarget(
            name: "VirtQEMUTests",
            dependencies: ["VirtQEMU", "VirtDriver", "VirtDriverState", "VirtXML", "VirtOS", "Virt", "VirtTestSupport", "QMP"],
            exclude: ["Fixtures", "README.md"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "VirtXenTests",
            dependencies: ["VirtXen", "VirtDriver", "VirtDriverState", "VirtXML", "VirtOS", "Virt", "VirtTestSupport"],
            exclude: ["Fixtures", "README.md"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "VirtXenConfigTests",
            dependencies: ["VirtXenConfig", "VirtXML", "VirtModel", "VirtTestSupport"],
            exclude: ["Fixtures", "README.md"],
            swiftSettings: strict
        ),
        .testTarget(name: "VirtOSTests", dependencies: ["VirtOS"], exclude: ["README.md"], swiftSettings: strict),
        .testTarget(
            name: "VirtXMLTests",
            dependencies: ["VirtXML", "VirtModel", "VirtTestSupport"],
            exclude: ["README.md"],
            resources: [.copy("Fixtures")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "VirtTestDriverTests",
            dependencies: ["VirtTestDriver", "VirtDriver", "VirtXML", "VirtTestSupport"],
            exclude: ["README.md"], swiftSettings: strict
        ),
        .testTarget(name: "VirtTests", dependencies: ["Virt", "VirtDriver"], exclude: ["Fixtures", "README.md"], swiftSettings: strict),
        // Compiles the C programs in Tests/CAPI against CLibvirt's headers and libvirt.so (which `swift test`
        // builds with every product) and runs them, side by side with Debian's libvirt.
        .testTarget(name: "CAPITests", dependencies: ["VirtTestSupport"], exclude: ["README.md"], swiftSettings: strict),
        .testTarget(
            name: "QMPTests",
            dependencies: [
                "QMP",
                "VirtTestSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOTestUtils", package: "swift-nio"),
            ],
            exclude: ["README.md"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "VirtRPCTests",
            dependencies: [
                "VirtRPC", "VirtModel", "VirtTestSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOTestUtils", package: "swift-nio"),
            ],
            exclude: ["README.md"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "VirtDaemonTests",
            dependencies: [
                "VirtDaemon", "VirtRPC", "Virt", "VirtModel", "VirtTestSupport", "VirtOS",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ],
            exclude: ["Fixtures", "README.md"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "VirtRemoteTests",
            dependencies: [
                "VirtRemote", "VirtRPC", "Virt", "VirtDriver", "VirtModel", "VirtTestSupport", "VirtOS",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
            ],
            exclude: ["README.md"],
            swiftSettings: strict
        ),
        // Rules of the package itself (targets import only what they declare), checked without building them.
        .testTarget(name: "PackageRulesTests", exclude: ["README.md"], swiftSettings: strict),
        .testTarget(
            name: "VirshTests",
            dependencies: ["VirshCommands", "Virt", "VirtTestSupport", "VirtOS"],
            exclude: ["README.md"],
            resources: [.copy("Fixtures")],
            swiftSettings: strict
        ),
    ]
)
