/// Latencies of one benchmark row, with nearest-rank percentiles (the value at rank ⌈p·n⌉).
struct LatencySample {
    let label: String
    let clients: Int
    private(set) var milliseconds: [Double]
    /// CPU time (user + system) of this process per request, server and client together: on a shared
    /// machine it moves with the work done, where the percentiles also move with the other tenants.
    let cpuMillisecondsPerRequest: Double

    init(label: String, clients: Int, milliseconds: [Double], cpuMillisecondsPerRequest: Double) {
        self.label = label
        self.clients = clients
        self.milliseconds = milliseconds.sorted()
        self.cpuMillisecondsPerRequest = cpuMillisecondsPerRequest
    }

    func percentile(_ fraction: Double) -> Double {
        guard !milliseconds.isEmpty else { return .nan }
        let rank = Int((fraction * Double(milliseconds.count)).rounded(.up))
        return milliseconds[min(max(rank, 1), milliseconds.count) - 1]
    }

    var maximum: Double { milliseconds.last ?? .nan }
    var count: Int { milliseconds.count }
}
