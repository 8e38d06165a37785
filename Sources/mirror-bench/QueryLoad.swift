import Foundation
import MirrorCore
import MirrorServer
import Synchronization

/// Sends requests over the socket from `clients` threads, each on its own connection, one request at a
/// time (the CLI's pattern), and records each round trip: request written to reply line read.
enum QueryLoad {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static func measure(
        socket: String,
        label: String,
        request: [String: JSONValue],
        total: Int,
        clients: Int
    ) throws -> LatencySample {
        var line = JSONValue.object(request.merging(["v": 1, "id": 1]) { _, fixed in fixed }).canonicalBytes
        line.append(0x0A)
        let payload = Data(line)
        let results = Mutex<[Double]>([])
        let firstError = Mutex<String?>(nil)
        let group = DispatchGroup()
        let cpuBefore = ResourceUsage.cpuSeconds()
        for client in 0..<clients {
            let share = total / clients + (client < total % clients ? 1 : 0)
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                do {
                    let connection = try UnixConnection.connect(path: socket, timeout: .seconds(10))
                    var local: [Double] = []
                    local.reserveCapacity(share)
                    let clock = ContinuousClock()
                    for _ in 0..<share {
                        let start = clock.now
                        try connection.write(payload, timeout: .seconds(30))
                        guard
                            case .line(let reply) = try connection.readLine(maxBytes: 256 << 20, timeout: .seconds(30))
                        else {
                            throw Failure(description: "no reply line")
                        }
                        let elapsed = start.duration(to: clock.now)
                        guard reply.range(of: Data(#""ok":true"#.utf8)) != nil else {
                            throw Failure(
                                description: "error reply: \(String(decoding: reply.prefix(300), as: UTF8.self))"
                            )
                        }
                        local.append(
                            Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
                        )
                    }
                    results.withLock { $0 += local }
                } catch {
                    firstError.withLock { $0 = $0 ?? "\(error)" }
                }
            }
        }
        group.wait()
        if let error = firstError.withLock({ $0 }) { throw Failure(description: "\(label): \(error)") }
        let milliseconds = results.withLock { $0 }
        return LatencySample(
            label: label,
            clients: clients,
            milliseconds: milliseconds,
            cpuMillisecondsPerRequest: (ResourceUsage.cpuSeconds() - cpuBefore) * 1000 / Double(milliseconds.count)
        )
    }
}
