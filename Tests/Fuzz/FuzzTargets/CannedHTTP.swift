import Foundation
import MirrorProviders
import Synchronization

/// An `HTTPFetching` that answers every GET with 200 and the next of its bodies, in turn, and keeps the
/// URLs it was asked for so the target can check where a hostile body steered the adapter.
final class CannedHTTP: HTTPFetching {
    let bodies: [Data]
    /// Invent reads its total from this header; a small one ends paging early, as a real total does.
    let headers = ["content-type": "application/json", "pagination-count": "5"]
    private let requests = Mutex<[URL]>([])

    init(bodies: [Data]) {
        self.bodies = bodies
    }

    var requestedURLs: [URL] { requests.withLock { $0 } }

    func get(_ url: URL, headers: [String: String], policy: RequestPolicy) async throws -> HTTPResponse {
        let index = requests.withLock { requested in
            requested.append(url)
            return (requested.count - 1) % bodies.count
        }
        return HTTPResponse(status: 200, headers: self.headers, body: bodies[index], url: url)
    }
}
