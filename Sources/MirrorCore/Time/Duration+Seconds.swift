import Foundation

extension Duration {
    /// The duration as a `TimeInterval`, for APIs that still take seconds as a Double
    /// (`Thread.sleep`, `Date.addingTimeInterval`, `URLRequest.timeoutInterval`).
    public var seconds: TimeInterval {
        let (wholeSeconds, attoseconds) = components
        return Double(wholeSeconds) + Double(attoseconds) / 1e18
    }
}
