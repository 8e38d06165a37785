import Foundation

/// Reads an account's API key from where the configuration says it lives. The key is read once, at
/// start-up and on reload, and kept only as a `Secret` (reliability.md §1.5).
public struct SecretLoader: Sendable {
    /// A key is a short token; anything larger is the wrong file (and `/dev/zero` would never end).
    static let maximumKeySize = 64 * 1024

    private let environment: [String: String]

    /// `environment` is injectable so tests need not touch the process environment, which is shared by
    /// every thread (setenv(3) is not thread-safe).
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    public func load(_ source: SecretSource) throws(SecretLoadError) -> Secret {
        switch source {
        case .file(let path):
            return try Self.readKeyFile(path)
        case .environment(let name):
            guard let value = environment[name] else { throw .environmentUnset(name: name) }
            guard !value.isEmpty else { throw .environmentEmpty(name: name) }
            return Secret(value)
        case .credential(let name):
            // systemd.exec(5), "Credentials": the service manager sets $CREDENTIALS_DIRECTORY to a
            // directory holding one file per LoadCredential=/SetCredential= name.
            guard let directory = environment["CREDENTIALS_DIRECTORY"], !directory.isEmpty else {
                throw .credentialsDirectoryUnset(name: name)
            }
            do {
                return try Self.readKeyFile(directory + "/" + name)
            } catch {
                throw .credential(name: name, underlying: error)
            }
        }
    }

    /// The file's text less exactly one trailing "\n" or "\r\n" (what `echo` or an editor appends);
    /// anything else, an inner newline included, is the key as written.
    private static func readKeyFile(_ path: String) throws(SecretLoadError) -> Secret {
        var bytes: [UInt8]
        do {
            bytes = try BoundedFileReader.read(path: path, limit: maximumKeySize)
        } catch {
            throw .fileUnreadable(path: path, reason: error.description)
        }
        if bytes.last == UInt8(ascii: "\n") {
            bytes.removeLast()
            if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
        }
        guard !bytes.isEmpty else { throw .fileEmpty(path: path) }
        guard let text = String(validating: bytes, as: UTF8.self) else { throw .fileNotUTF8(path: path) }
        return Secret(text)
    }
}
