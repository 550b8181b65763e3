import Foundation
import Testing

/// Every target imports only the modules of this package it declares: another target of the package, or a
/// product of a package it depends on (swift-nio's NIOCore, ...). Swift lets a target import any module built
/// before it, so an undeclared import compiles until the build order changes; this check makes it a failure.
/// Modules from outside the package (Foundation, Glibc, Synchronization, Testing, ...) are not checked.
@Suite struct DeclaredImportsTests {
    @Test("every target imports only the package modules it declares")
    func importsAreDeclared() throws {
        let package = try PackageDescription.load()
        #expect(package.targets.count > 20, "swift package describe listed too few targets: \(package.targets.count)")
        var undeclared: [String] = []
        for target in package.targets {
            let declared = Set(target.targetDependencies + target.productDependencies)
            for source in target.sources where source.hasSuffix(".swift") {
                let path = package.root + "/" + target.path + "/" + source
                let text = try String(contentsOfFile: path, encoding: .utf8)
                for module in ImportScanner.importedModules(text)
                where package.isPackageModule(module) && module != target.name && !declared.contains(module) {
                    undeclared.append("\(target.name) imports \(module) in \(target.path)/\(source) without declaring it")
                }
            }
        }
        #expect(undeclared == [])
    }

    @Test("every module under Sources/ and every test target has its README.md")
    func everyTargetHasAREADME() throws {
        let package = try PackageDescription.load()
        let missing = package.targets
            .filter { $0.path.hasPrefix("Sources/") || ($0.path.hasPrefix("Tests/") && !$0.path.hasPrefix("Tests/XenLab")) }
            .filter { !FileManager.default.fileExists(atPath: package.root + "/" + $0.path + "/README.md") }
            .map(\.path)
        #expect(missing == [])
    }

    @Test("the scanner reads every form of import")
    func scannerForms() {
        // One string a line, so that this file's own lines are not read as imports.
        let text = [
            "import Foundation",
            "public import QMP",
            "@testable import VirtXML",
            "@preconcurrency internal import NIOCore",
            "import struct VirtModel.CPUMap",
            "@_implementationOnly import CLibXML2",
            "  #if canImport(Glibc)",
            "    import Glibc",
            "  #endif",
            "// import NotThis",
            "let important = 1",
        ].joined(separator: "\n")
        #expect(
            ImportScanner.importedModules(text)
                == ["Foundation", "QMP", "VirtXML", "NIOCore", "VirtModel", "CLibXML2", "Glibc"])
    }
}

/// The `import` declarations of a Swift source file, read line by line.
enum ImportScanner {
    static func importedModules(_ text: String) -> [String] {
        var modules: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            var words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })[...]
            // Attributes (@testable, @preconcurrency, @_implementationOnly, @_spi(X)) and access levels.
            while let word = words.first,
                word.hasPrefix("@") || ["public", "package", "internal", "fileprivate", "private"].contains(word)
            {
                words = words.dropFirst()
            }
            guard words.first == "import" else { continue }
            words = words.dropFirst()
            if let kind = words.first,
                ["typealias", "struct", "class", "enum", "protocol", "let", "var", "func"].contains(kind)
            {
                words = words.dropFirst()
            }
            guard let path = words.first, let module = path.split(separator: ".").first else { continue }
            modules.append(String(module))
        }
        return modules
    }
}

/// What `swift package describe --type json` says of this package's targets.
struct PackageDescription {
    struct Target: Decodable {
        let name: String
        let path: String
        let sources: [String]
        let targetDependencies: [String]
        let productDependencies: [String]

        enum CodingKeys: String, CodingKey {
            case name, path, sources
            case targetDependencies = "target_dependencies"
            case productDependencies = "product_dependencies"
        }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            name = try c.decode(String.self, forKey: .name)
            path = try c.decode(String.self, forKey: .path)
            sources = try c.decodeIfPresent([String].self, forKey: .sources) ?? []
            targetDependencies = try c.decodeIfPresent([String].self, forKey: .targetDependencies) ?? []
            productDependencies = try c.decodeIfPresent([String].self, forKey: .productDependencies) ?? []
        }
    }

    struct Description: Decodable { let targets: [Target] }

    let root: String
    let targets: [Target]
    /// The package's own targets and every product any target takes from a dependency.
    let packageModules: Set<String>

    /// A module of this package or of a package it depends on: swift-nio's modules all begin with NIO, so an
    /// import of one no target declares yet is caught too.
    func isPackageModule(_ module: String) -> Bool {
        packageModules.contains(module) || module.hasPrefix("NIO") || module.hasPrefix("_NIO")
    }

    /// Runs `swift package describe` on the package that holds this file. A scratch path of its own keeps it
    /// off the lock of the `swift test` that runs it (describe reads only the manifests, it builds nothing).
    static func load() throws -> PackageDescription {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("describe-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "swift", "package", "--package-path", root, "--scratch-path", scratch, "describe", "--type", "json",
        ]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let json = output.fileHandleForReading.readDataToEndOfFile()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw DescribeFailed(message: "swift package describe (is swift on PATH?) exited "
                + "\(process.terminationStatus): \(message)")
        }
        let targets = try JSONDecoder().decode(Description.self, from: json).targets
        var modules = Set(targets.map(\.name))
        for target in targets { modules.formUnion(target.productDependencies) }
        return PackageDescription(root: root, targets: targets, packageModules: modules)
    }

    struct DescribeFailed: Error, CustomStringConvertible { let message: String; var description: String { message } }
}
