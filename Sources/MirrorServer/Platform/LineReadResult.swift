import Foundation

/// The outcome of `UnixConnection.readLine(maxBytes:timeout:)`.
public enum LineReadResult: Sendable, Equatable {
    /// One line, without its `\n`.
    case line(Data)
    /// The line is longer than `maxBytes`. The stream cannot be resynchronised: close the connection.
    case tooLong
    /// The peer closed its end. Bytes after the last `\n` are an unfinished line and are dropped.
    case endOfStream
    /// The deadline for the whole line passed first. Bytes already read are kept for the next call.
    case timedOut
}
