import Foundation
import MirrorStore

/// A fresh directory per test, removed when the value is released (GRDB's makeDatabaseQueue idea).
final class TemporaryDirectory {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "mirror-store-tests-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func file(_ name: String) -> String { path + "/" + name }
}
