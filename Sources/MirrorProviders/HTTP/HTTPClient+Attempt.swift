import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

extension HTTPClient {
    /// What one attempt produced, short of an error that ends the request.
    enum AttemptOutcome {
        /// A complete response of any status.
        case response(HTTPResponse)
        /// No complete response, for a reason worth another attempt.
        case retryableFailure(NetworkFailure)
    }

    /// One attempt, bounded by `attemptDeadline`, with its failures sorted into retryable ones (returned) and
    /// final ones (thrown as `HTTPError`, or `CancellationError` when the calling task was cancelled).
    func perform(
        _ request: URLRequest,
        url shown: String,
        proxy: ProxyEnvironment.Proxy?
    ) async throws -> AttemptOutcome {
        do {
            return .response(try await withDeadline(request, url: shown))
        } catch let failure as TransferDelegate.Failure {
            switch failure {
            case .bodyTooLarge:
                throw HTTPError.bodyTooLarge(url: shown, limit: configuration.maxBodyBytes)
            case .redirectRefused(let toOrigin):
                throw HTTPError.redirectRefused(url: shown, toOrigin: toOrigin)
            case .truncated(let expected, let received):
                let detail = "\(received) of \(expected) bytes"
                return .retryableFailure(NetworkFailure(kind: .truncatedBody, detail: detail, proxy: proxy))
            case .cancelled:
                throw CancellationError()
            }
        } catch let error as HTTPError {
            throw error
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            return try Self.classify(transportError: error, url: shown, proxy: proxy)
        }
    }

    /// Races the transfer against a real-clock timer and cancels the loser. The timer is the only deadline
    /// on a whole attempt: swift-corelibs-foundation stores `timeoutIntervalForResource` but HTTPURLProtocol.swift
    /// never reads it, so a server trickling bytes faster than the idle timeout could hold an attempt forever.
    private func withDeadline(_ request: URLRequest, url shown: String) async throws -> HTTPResponse {
        let deadline = configuration.attemptDeadline
        return try await withThrowingTaskGroup(of: HTTPResponse.self) { group in
            group.addTask { try await self.transfer(request) }
            group.addTask {
                try await Task.sleep(for: deadline)
                throw HTTPError.deadlineExceeded(url: shown, deadline: deadline)
            }
            defer { group.cancelAll() }
            guard let first = try await group.next() else { throw CancellationError() }
            return first
        }
    }

    /// Runs one data task through `TransferDelegate`, cancelling it when the calling task is cancelled.
    private func transfer(_ request: URLRequest) async throws -> HTTPResponse {
        try Task.checkCancellation()
        let task = session.dataTask(with: request)
        delegate.track(task, maxBodyBytes: configuration.maxBodyBytes)
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                delegate.await(task, continuation: continuation)
                task.resume()
            }
        } onCancel: {
            delegate.cancel(task)
        }
    }

    /// Transport errors are retried unless retrying cannot help (`NetworkFailure.isPermanent`): a certificate
    /// that failed verification must never be "fixed" by trusting it, and a wrong name or port stays wrong.
    /// Corelibs reports cancellation as `URLError(.cancelled)`, not as `CancellationError`, so it is mapped
    /// back when the task was in fact cancelled.
    private static func classify(
        transportError error: any Error,
        url shown: String,
        proxy: ProxyEnvironment.Proxy?
    ) throws -> AttemptOutcome {
        let nsError = error as NSError
        guard nsError.domain == NSURLErrorDomain else {
            return .retryableFailure(NetworkFailure(kind: .other, detail: String(describing: error), proxy: proxy))
        }
        switch URLError.Code(rawValue: nsError.code) {
        case .cancelled where Task.isCancelled:
            throw CancellationError()
        case .cancelled, .badURL, .unsupportedURL, .clientCertificateRejected, .clientCertificateRequired:
            let detail = "URL error \(nsError.code): \(nsError.localizedDescription)"
            throw HTTPError.transport(url: shown, failure: NetworkFailure(kind: .other, detail: detail, proxy: proxy))
        default:
            let failure = NetworkFailure.classify(nsError, proxy: proxy)
            guard !failure.isPermanent else { throw HTTPError.transport(url: shown, failure: failure) }
            return .retryableFailure(failure)
        }
    }
}
