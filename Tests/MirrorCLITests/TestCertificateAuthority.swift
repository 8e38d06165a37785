import Foundation
import TestSupport

/// A private CA made with `openssl` for one test run, and the server certificates the TLS tests need:
/// `valid.pem` for the loopback names and `api.mirror.test`, `wrong-name.pem` for another name, and
/// `expired.pem`, which expired in 2020.
///
/// Nothing here touches the machine's trust store. `bundle` is the system bundle plus this CA; a test that
/// needs the CA trusted runs the mirror in a private mount namespace with the bundle bound over
/// /etc/ssl/certs/ca-certificates.crt (`TrustedRun`), because FoundationNetworking reads no CA variable.
struct TestCertificateAuthority {
    /// The host name proxied tests use: RFC 6761 reserves `.test`, so it can never resolve to a real host.
    static let proxiedHost = "api.mirror.test"

    let directory: String
    var caCertificate: String { directory + "/ca.pem" }
    var key: String { directory + "/leaf.key" }
    var valid: String { directory + "/valid.pem" }
    var bundle: String { directory + "/bundle.pem" }

    init(directory: String) throws {
        self.directory = directory
        // `openssl ca` is the one way in OpenSSL 3.0 to set a past validity (x509 -not_before came in 3.4).
        let script = """
            cd "$1"
            openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout ca.key -out ca.pem \
                -days 2 -subj "/CN=assistant-mirror test CA"
            openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout leaf.key -out leaf.csr \
                -subj "/CN=localhost"
            printf 'subjectAltName=DNS:localhost,IP:127.0.0.1,DNS:\(Self.proxiedHost)\\n' > valid.ext
            printf 'subjectAltName=DNS:wrong-name.mirror.test\\n' > wrong.ext
            openssl x509 -req -in leaf.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 -extfile valid.ext \
                -out valid.pem
            openssl x509 -req -in leaf.csr -CA ca.pem -CAkey ca.key -days 2 -extfile wrong.ext -out wrong-name.pem
            mkdir db && touch db/index.txt && echo 01 > db/serial
            printf '[ca]\ndefault_ca=t\n[t]\ndatabase=db/index.txt\nserial=db/serial\n' > ca.cnf
            printf 'new_certs_dir=db\ndefault_md=sha256\npolicy=p\n[p]\ncommonName=supplied\n' >> ca.cnf
            printf '[e]\nsubjectAltName=DNS:localhost,IP:127.0.0.1\n' >> ca.cnf
            openssl ca -batch -config ca.cnf -cert ca.pem -keyfile ca.key -in leaf.csr -out expired.pem -notext \
                -startdate 20200101000000Z -enddate 20200102000000Z -extensions e
            cat /etc/ssl/certs/ca-certificates.crt ca.pem > bundle.pem
            """
        let outcome = try ChildProcess.run("/bin/sh", ["-ec", script, "sh", directory])
        guard outcome.status == 0 else { throw FixtureError("openssl failed: \(outcome.errorText)") }
    }
}
