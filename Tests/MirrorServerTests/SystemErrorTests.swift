import Glibc
import Testing

@testable import MirrorServer

@Suite struct SystemErrorTests {
    @Test func describesCallSubjectMessageAndNumber() {
        let error = SystemError(call: "bind", errno: EADDRINUSE, detail: "/run/x.sock")
        #expect(error.description == "bind(/run/x.sock): Address already in use (errno \(EADDRINUSE))")
    }

    @Test func omitsTheSubjectWhenThereIsNone() {
        #expect(SystemError(call: "poll", errno: EINVAL).description == "poll: Invalid argument (errno \(EINVAL))")
    }
}
