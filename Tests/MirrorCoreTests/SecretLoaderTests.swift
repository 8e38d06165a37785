import Foundation
import Testing

@testable import MirrorCore

@Suite struct SecretLoaderTests {
    static let canary = "sk-live-CANARY-7f3a9c1e"

    @Test(arguments: [
        ("key\n", "key"),
        ("key\r\n", "key"),
        ("key", "key"),
        ("key\n\n", "key\n"),
        ("key\r\n\r\n", "key\r\n"),
        ("line one\nline two\n", "line one\nline two"),
        ("  spaced key  \n", "  spaced key  "),
        ("key\r", "key\r"),
    ])
    func fileLosesExactlyOneTrailingLineEnd(contents: String, expected: String) throws {
        let directory = try ConfigTestDirectory()
        defer { directory.remove() }
        let path = try directory.write("key", contents)
        let secret = try SecretLoader(environment: [:]).load(.file(path: path))
        #expect(secret.reveal() == expected)
    }

    @Test(arguments: ["", "\n", "\r\n"])
    func emptyFileIsRefused(contents: String) throws {
        let directory = try ConfigTestDirectory()
        defer { directory.remove() }
        let path = try directory.write("key", contents)
        let error = try #require(throws: SecretLoadError.self) {
            try SecretLoader(environment: [:]).load(.file(path: path))
        }
        #expect(error == .fileEmpty(path: path))
        #expect(error.description == "the API key file \(path) is empty; write the key into it")
    }

    @Test func missingFileNamesThePathAndErrno() throws {
        let directory = try ConfigTestDirectory()
        defer { directory.remove() }
        let path = directory.path + "/absent"
        let error = try #require(throws: SecretLoadError.self) {
            try SecretLoader(environment: [:]).load(.file(path: path))
        }
        #expect(error == .fileUnreadable(path: path, reason: "No such file or directory"))
        #expect(error.description == "cannot read the API key file \(path): No such file or directory")
    }

    @Test(.disabled(if: getuid() == 0, "root reads files whatever their mode"))
    func unreadableFileNamesPermission() throws {
        let directory = try ConfigTestDirectory()
        defer { directory.remove() }
        let path = try directory.write("key", Self.canary)
        chmod(path, 0)
        let error = try #require(throws: SecretLoadError.self) {
            try SecretLoader(environment: [:]).load(.file(path: path))
        }
        #expect(error == .fileUnreadable(path: path, reason: "Permission denied"))
    }

    @Test func directoryIsNotAKeyFile() throws {
        let directory = try ConfigTestDirectory()
        defer { directory.remove() }
        let error = try #require(throws: SecretLoadError.self) {
            try SecretLoader(environment: [:]).load(.file(path: directory.path))
        }
        #expect(error == .fileUnreadable(path: directory.path, reason: "not a regular file"))
    }

    @Test func oversizedAndNonUTF8FilesAreRefusedWithoutTheirContent() throws {
        let directory = try ConfigTestDirectory()
        defer { directory.remove() }
        let large = try directory.write(
            "large",
            String(repeating: Self.canary, count: 65 * 1024 / Self.canary.count + 1)
        )
        let binary = try directory.write("binary", bytes: Array(Self.canary.utf8) + [0xFF, 0xFE])
        let loader = SecretLoader(environment: [:])

        let largeError = try #require(throws: SecretLoadError.self) { try loader.load(.file(path: large)) }
        #expect(largeError == .fileUnreadable(path: large, reason: "larger than 64 KiB"))
        let binaryError = try #require(throws: SecretLoadError.self) { try loader.load(.file(path: binary)) }
        #expect(binaryError == .fileNotUTF8(path: binary))
        for error in [largeError, binaryError] {
            #expect(!error.description.contains("CANARY"))
            #expect(!String(reflecting: error).contains("CANARY"))
        }
    }

    @Test func environmentVariable() throws {
        let secret = try SecretLoader(environment: ["INVENT_KEY": Self.canary]).load(.environment(name: "INVENT_KEY"))
        #expect(secret.reveal() == Self.canary)
        #expect("\(secret)" == "<secret>")
    }

    @Test func unsetOrEmptyEnvironmentVariableIsNamed() throws {
        let loader = SecretLoader(environment: ["EMPTY": "", "OTHER": Self.canary])
        let unset = try #require(throws: SecretLoadError.self) { try loader.load(.environment(name: "INVENT_KEY")) }
        #expect(unset == .environmentUnset(name: "INVENT_KEY"))
        #expect(unset.description.contains("environment variable INVENT_KEY is not set"))
        let empty = try #require(throws: SecretLoadError.self) { try loader.load(.environment(name: "EMPTY")) }
        #expect(empty == .environmentEmpty(name: "EMPTY"))
        #expect(empty.description.contains("environment variable EMPTY is empty"))
    }

    @Test func processEnvironmentIsTheDefault() throws {
        // PATH is set for any test process; the default initialiser must see it.
        let path = try #require(ProcessInfo.processInfo.environment["PATH"])
        #expect(try SecretLoader().load(.environment(name: "PATH")).reveal() == path)
    }

    @Test func systemdCredential() throws {
        let directory = try ConfigTestDirectory()
        defer { directory.remove() }
        try directory.write("telnyx-main", Self.canary + "\n")
        let loader = SecretLoader(environment: ["CREDENTIALS_DIRECTORY": directory.path])
        #expect(try loader.load(.credential(name: "telnyx-main")).reveal() == Self.canary)
    }

    @Test func missingCredentialNamesItAndItsPath() throws {
        let directory = try ConfigTestDirectory()
        defer { directory.remove() }
        let loader = SecretLoader(environment: ["CREDENTIALS_DIRECTORY": directory.path])
        let error = try #require(throws: SecretLoadError.self) { try loader.load(.credential(name: "absent")) }
        let path = directory.path + "/absent"
        #expect(
            error
                == .credential(
                    name: "absent",
                    underlying: .fileUnreadable(path: path, reason: "No such file or directory")
                )
        )
        #expect(error.description.hasPrefix("systemd credential absent: cannot read the API key file \(path)"))
        #expect(error.description.contains("LoadCredential=absent:"))
    }

    @Test func emptyCredentialIsRefused() throws {
        let directory = try ConfigTestDirectory()
        defer { directory.remove() }
        let path = try directory.write("blank", "\n")
        let loader = SecretLoader(environment: ["CREDENTIALS_DIRECTORY": directory.path])
        let error = try #require(throws: SecretLoadError.self) { try loader.load(.credential(name: "blank")) }
        #expect(error == .credential(name: "blank", underlying: .fileEmpty(path: path)))
    }

    @Test(arguments: [[:], ["CREDENTIALS_DIRECTORY": ""]])
    func credentialWithoutCredentialsDirectory(environment: [String: String]) throws {
        let error = try #require(throws: SecretLoadError.self) {
            try SecretLoader(environment: environment).load(.credential(name: "puretalk-prod"))
        }
        #expect(error == .credentialsDirectoryUnset(name: "puretalk-prod"))
        #expect(error.description.contains("CREDENTIALS_DIRECTORY is not set"))
        #expect(error.description.contains("LoadCredential=puretalk-prod:"))
        #expect(error.description.contains("api-key-file"))
    }
}
