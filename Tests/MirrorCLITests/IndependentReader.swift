import Foundation
import TestSupport

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Readers that share no code with the renderers: Python's `csv` module for CSV, and libxml2 (through
/// `XMLParser`) for the HTML, which the report writes as XHTML-compatible markup.
enum IndependentReader {
    /// Every record of a CSV file as Python's `csv.reader` reads it (RFC 4180 quoting, CRLF records),
    /// each field as its UTF-8 bytes. `strict=True` makes Python reject a malformed quote instead of
    /// guessing. The fields travel back as hex so no JSON or string layer can normalise them.
    static func pythonCSV(_ path: String) throws -> [[[UInt8]]] {
        let script = """
            import csv, json, sys
            with open(sys.argv[1], newline='', encoding='utf-8') as f:
                rows = list(csv.reader(f, strict=True))
            print(json.dumps([[field.encode('utf-8').hex() for field in row] for row in rows]))
            """
        let output = try run("/usr/bin/env", ["python3", "-c", script, path])
        guard let rows = try JSONSerialization.jsonObject(with: output) as? [[String]] else {
            throw ReportTestFailure("python3 printed something other than rows of hex fields")
        }
        return try rows.map { row in try row.map(bytes(fromHex:)) }
    }

    private static func bytes(fromHex hex: String) throws -> [UInt8] {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { throw ReportTestFailure("odd hex length from python3") }
        return try stride(from: 0, to: digits.count, by: 2).map { index in
            guard let byte = UInt8(String(decoding: digits[index...index + 1], as: UTF8.self), radix: 16) else {
                throw ReportTestFailure("bad hex from python3")
            }
            return byte
        }
    }

    /// Runs a program to completion and returns its standard output; a non-zero exit is an error with
    /// its standard error.
    static func run(_ executable: String, _ arguments: [String]) throws -> Data {
        let outcome = try ChildProcess.run(executable, arguments)
        guard outcome.status == 0 else {
            throw ReportTestFailure(
                "\(executable) \(arguments.first ?? "") exited \(outcome.status): \(outcome.errorText)"
            )
        }
        return outcome.output
    }

    /// The parsed HTML: every element with its attributes, its own text and the text of it and its
    /// descendants (a line with `<ins>` highlights is still one line of text), in document order.
    struct Element {
        let name: String
        let attributes: [String: String]
        var text: String
        var allText = ""
    }

    /// Parses `html` as XML; throws with libxml2's message and line when it is not well-formed.
    static func xhtml(_ html: String) throws -> [Element] {
        let parser = XMLParser(data: Data(html.utf8))
        let collector = ElementCollector()
        parser.delegate = collector
        guard parser.parse() else {
            throw ReportTestFailure(
                "HTML is not well-formed XML at line \(parser.lineNumber): \(String(describing: parser.parserError))"
            )
        }
        return collector.elements
    }

    private final class ElementCollector: NSObject, XMLParserDelegate {
        var elements: [Element] = []
        private var open: [Int] = []

        func parser(
            _ parser: XMLParser,
            didStartElement name: String,
            namespaceURI: String?,
            qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            open.append(elements.count)
            elements.append(Element(name: name, attributes: attributes, text: ""))
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            open.removeLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if let index = open.last { elements[index].text += string }
            for index in open { elements[index].allText += string }
        }

        func parser(_ parser: XMLParser, foundCDATA block: Data) {
            let text = String(decoding: block, as: UTF8.self)
            if let index = open.last { elements[index].text += text }
            for index in open { elements[index].allText += text }
        }
    }
}
