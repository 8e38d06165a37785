import MirrorCore
import MirrorProtocol

/// What a one-shot op answers: most ops a protocol object, written to the reply line without first
/// becoming a `JSONValue` (`QueryReply.success(id:result:)`); `verify` and `metrics` a JSON value.
enum QueryAnswer {
    case object(any JSONObjectCodable)
    case value(JSONValue)

    var json: JSONValue {
        switch self {
        case .object(let object): object.json
        case .value(let value): value
        }
    }
}
