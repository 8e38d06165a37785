import Foundation
import Synchronization

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The session delegate behind `HTTPClient`: it collects each task's body, enforces the body cap while the
/// bytes arrive, and decides redirects. It hands every task's outcome to exactly one awaiting caller.
///
/// The async `URLSession.data(for:)` of swift-corelibs-foundation buffers the whole body and gives no hook to
/// stop early, so the client drives plain data tasks through this delegate instead.
final class TransferDelegate: NSObject, URLSessionDataDelegate, Sendable {
    /// Why a transfer was stopped by the delegate rather than by the network.
    enum Failure: Error, Equatable {
        case bodyTooLarge
        case redirectRefused(toOrigin: String)
        /// Fewer bytes than `Content-Length` promised (RFC 9112 §8: the message is incomplete).
        case truncated(expected: Int, received: Int)
        /// The awaiting Swift task was cancelled.
        case cancelled
    }

    private struct Transfer {
        let maxBodyBytes: Int
        var continuation: CheckedContinuation<HTTPResponse, any Error>?
        var response: HTTPURLResponse?
        var body = Data()
        var failure: Failure?
        /// Set when the task finished before anyone awaited it.
        var outcome: Result<HTTPResponse, any Error>?
    }

    private let transfers = Mutex<[Int: Transfer]>([:])

    /// Starts tracking `task`; call before `resume()` so that no callback can arrive untracked.
    func track(_ task: URLSessionTask, maxBodyBytes: Int) {
        transfers.withLock { $0[task.taskIdentifier] = Transfer(maxBodyBytes: maxBodyBytes) }
    }

    /// Parks `continuation` until `task` completes, or resumes it at once if it already has.
    func await(_ task: URLSessionTask, continuation: CheckedContinuation<HTTPResponse, any Error>) {
        let ready: Result<HTTPResponse, any Error>? = transfers.withLock { transfers in
            guard let outcome = transfers[task.taskIdentifier]?.outcome else {
                transfers[task.taskIdentifier]?.continuation = continuation
                return nil
            }
            transfers[task.taskIdentifier] = nil
            return outcome
        }
        if let ready { continuation.resume(with: ready) }
    }

    /// Ends the wait for `task` with `Failure.cancelled` whatever Foundation later reports, then cancels the
    /// task. Resolving here, not in the completion callback, keeps the caller from hanging should
    /// cancellation race ahead of `resume()`.
    func cancel(_ task: URLSessionTask) {
        finish(task.taskIdentifier, with: .failure(Failure.cancelled))
        task.cancel()
    }

    // MARK: URLSessionDataDelegate

    /// Refuses a body whose declared `Content-Length` already exceeds the cap, before reading it.
    func urlSession(
        _ session: URLSession,
        dataTask: URLSessionDataTask,
        didReceive response: URLResponse,
        completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void
    ) {
        let tooLarge = transfers.withLock { transfers -> Bool in
            guard var transfer = transfers[dataTask.taskIdentifier] else { return false }
            transfer.response = response as? HTTPURLResponse
            if response.expectedContentLength > Int64(transfer.maxBodyBytes) {
                transfer.failure = .bodyTooLarge
            } else if response.expectedContentLength > 0 {
                // The declared size, within the cap: appending the chunks then never reallocates and copies
                // the body so far (a list page is hundreds of kilobytes in 16 KB chunks).
                transfer.body.reserveCapacity(Int(response.expectedContentLength))
            }
            transfers[dataTask.taskIdentifier] = transfer
            return transfer.failure != nil
        }
        completionHandler(tooLarge ? .cancel : .allow)
    }

    /// Counts the bytes as they arrive, so a body without `Content-Length` is stopped at the cap too.
    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        // Mutated in place through the dictionary: a local copy of the transfer would hold a second
        // reference to the body, and every append would copy the whole body so far.
        let tooLarge = transfers.withLock { transfers -> Bool in
            guard
                let (received, cap) = transfers[dataTask.taskIdentifier].flatMap({ transfer in
                    transfer.failure == nil ? (transfer.body.count, transfer.maxBodyBytes) : nil
                })
            else { return false }
            guard received + data.count <= cap else {
                transfers[dataTask.taskIdentifier]?.failure = .bodyTooLarge
                transfers[dataTask.taskIdentifier]?.body = Data()
                return true
            }
            transfers[dataTask.taskIdentifier]?.body.append(data)
            return false
        }
        if tooLarge { dataTask.cancel() }
    }

    /// Follows a redirect only within the origin of the original request. Foundation copies every original
    /// header, the API key included, into the redirected request (the leak fixed in
    /// swiftlang/swift-package-manager PR #10443), so another origin, or a downgrade from https to http
    /// (a different scheme is a different origin, RFC 6454 §5), is refused: the task then completes with
    /// the 3xx response, which the completion callback turns into `redirectRefused`.
    func urlSession(
        _ session: URLSession,
        task: URLSessionTask,
        willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest,
        completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        let from = task.originalRequest?.url.flatMap(Origin.init)
        let to = request.url.flatMap(Origin.init)
        if let from, let to, from == to, let url = request.url, (try? URLPolicy.validate(url)) != nil {
            completionHandler(request)
            return
        }
        let target = to?.description ?? "an unparseable Location"
        transfers.withLock { $0[task.taskIdentifier]?.failure = .redirectRefused(toOrigin: target) }
        completionHandler(nil)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        let outcome: Result<HTTPResponse, any Error>? = transfers.withLock { transfers in
            guard let transfer = transfers[task.taskIdentifier] else { return nil }
            return Self.outcome(of: transfer, error: error, url: task.originalRequest?.url)
        }
        if let outcome { finish(task.taskIdentifier, with: outcome) }
    }

    // MARK: Outcomes

    /// Resumes the waiting caller with `outcome`, or stores it for `await`; only the first outcome counts.
    private func finish(_ identifier: Int, with outcome: Result<HTTPResponse, any Error>) {
        let continuation = transfers.withLock { transfers -> CheckedContinuation<HTTPResponse, any Error>? in
            guard var transfer = transfers[identifier], transfer.outcome == nil else { return nil }
            guard let continuation = transfer.continuation else {
                transfer.outcome = outcome
                transfers[identifier] = transfer
                return nil
            }
            transfers[identifier] = nil
            return continuation
        }
        continuation?.resume(with: outcome)
    }

    private static func outcome(
        of transfer: Transfer,
        error: (any Error)?,
        url: URL?
    ) -> Result<HTTPResponse, any Error> {
        if let failure = transfer.failure { return .failure(failure) }
        if let error { return .failure(error) }
        guard let response = transfer.response, let url = response.url ?? url else {
            return .failure(URLError(.badServerResponse))
        }
        var headers: [String: String] = [:]
        for (name, value) in response.allHeaderFields {
            if let name = name as? String, let value = value as? String { headers[name.lowercased()] = value }
        }
        // libcurl normally reports a short body itself; this catches any path where it does not. A
        // Content-Encoding makes Content-Length count the encoded bytes, so the check is skipped then.
        if headers["content-encoding"] == nil, let expected = headers["content-length"].flatMap(Int.init),
            transfer.body.count < expected
        {
            return .failure(Failure.truncated(expected: expected, received: transfer.body.count))
        }
        return .success(HTTPResponse(status: response.statusCode, headers: headers, body: transfer.body, url: url))
    }
}
