import Foundation

/// An element of a small, strict XML document: its local name (any namespace prefix dropped),
/// attributes, child elements, its own text (character data and CDATA, entities resolved), and
/// where it starts.
public struct XMLNode: Hashable, Sendable {
    public var name: String
    public var attributes: [String: String]
    public var children: [XMLNode]
    public var text: String
    public var line: Int
    public var column: Int

    /// The first child of that name.
    public func child(_ name: String) -> XMLNode? { children.first { $0.name == name } }
    /// Every child of that name.
    public func children(_ name: String) -> [XMLNode] { children.filter { $0.name == name } }
    /// A child's text, trimmed; nil when absent or empty.
    public func value(_ name: String) -> String? {
        guard let t = child(name)?.text.trimmingCharacters(in: .whitespacesAndNewlines), !t.isEmpty else { return nil }
        return t
    }
}

/// Why a document was refused, and where (1-based line and column, in characters).
public struct XMLError: Error, Hashable, Sendable {
    public var line: Int
    public var column: Int
    public var reason: Bilingual

    public init(line: Int, column: Int, _ reason: Bilingual) {
        self.line = line
        self.column = column
        self.reason = reason
    }
}

/// A strict reader for the XML that CAP alerts are written in, and nothing more: elements,
/// attributes, text, CDATA, comments, processing instructions, the five predefined entities and
/// numeric character references. A document type declaration (`<!DOCTYPE`) is refused outright,
/// so there are no entity definitions to expand (no "billion laughs") and no external entities
/// to fetch; input above ``maxBytes``, nesting above ``maxDepth`` and more than ``maxElements``
/// elements are refused before they cost anything. Pure: bytes in, a tree or an error out.
public enum XMLReader {
    /// The largest document read: a CAP alert with polygons for every district of a city is tens of KB.
    public static let maxBytes = 2 * 1024 * 1024
    public static let maxDepth = 32
    public static let maxElements = 50_000

    public static func parse(_ bytes: [UInt8]) throws(XMLError) -> XMLNode {
        if bytes.count > maxBytes {
            throw XMLError(line: 1, column: 1, Bilingual("the file is \(bytes.count) bytes, more than \(maxBytes)", "文件 \(bytes.count) 字节，超过 \(maxBytes)"))
        }
        var s = Scanner(bytes: bytes)
        return try s.document()
    }

    public static func parse(_ text: String) throws(XMLError) -> XMLNode { try parse(Array(text.utf8)) }

    struct Scanner {
        let bytes: [UInt8]
        var i = 0
        var line = 1
        var column = 1
        var elements = 0

        init(bytes: [UInt8]) { self.bytes = bytes }

        func error(_ en: String, _ zh: String) -> XMLError { XMLError(line: line, column: column, Bilingual(en, zh)) }

        var atEnd: Bool { i >= bytes.count }
        func peek(_ k: Int = 0) -> UInt8? { i + k < bytes.count ? bytes[i + k] : nil }
        func starts(_ s: String) -> Bool {
            let u = Array(s.utf8)
            return i + u.count <= bytes.count && bytes[i..<(i + u.count)].elementsEqual(u)
        }

        mutating func advance(_ n: Int = 1) {
            for _ in 0..<n where i < bytes.count {
                let b = bytes[i]
                if b == 0x0A {
                    line += 1
                    column = 1
                } else if b & 0xC0 != 0x80 {
                    column += 1
                }
                i += 1
            }
        }

        mutating func skipSpace() {
            while let b = peek(), b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { advance() }
        }

        mutating func expect(_ s: String) throws(XMLError) {
            guard starts(s) else { throw error("expected \(s)", "此处应为 \(s)") }
            advance(s.utf8.count)
        }

        /// Skips to just after `end`, or refuses an unterminated construct.
        mutating func skip(past end: String, what: Bilingual) throws(XMLError) -> ArraySlice<UInt8> {
            let start = i
            while !atEnd {
                if starts(end) {
                    let body = bytes[start..<i]
                    advance(end.utf8.count)
                    return body
                }
                advance()
            }
            throw error("\(what.en) is not closed (\(end) missing)", "\(what.zh)未闭合（缺少 \(end)）")
        }

        mutating func document() throws(XMLError) -> XMLNode {
            if starts("\u{FEFF}") { advance(3) }
            var root: XMLNode?
            while true {
                skipSpace()
                if atEnd { break }
                if starts("<?") {
                    try misc()
                } else if starts("<!--") {
                    advance(4)
                    _ = try skip(past: "-->", what: Bilingual("a comment", "注释"))
                } else if starts("<!DOCTYPE") || starts("<!doctype") {
                    throw error(
                        "a document type declaration (<!DOCTYPE) is not accepted: no DTDs, no entity definitions, no external entities",
                        "不接受文档类型声明（<!DOCTYPE）：不允许 DTD、实体定义与外部实体")
                } else if starts("<") && root == nil {
                    root = try element(depth: 1)
                } else {
                    throw error(root == nil ? "the document must start with an element" : "nothing may follow the root element", root == nil ? "文档须以元素开始" : "根元素之后不得有其他内容")
                }
            }
            guard let root else { throw error("the document is empty: no root element", "文档为空：没有根元素") }
            return root
        }

        /// A processing instruction (the XML declaration included): its encoding must be UTF-8.
        mutating func misc() throws(XMLError) {
            let (l, c) = (line, column)
            advance(2)
            let body = String(decoding: try skip(past: "?>", what: Bilingual("a processing instruction", "处理指令")), as: UTF8.self)
            if body.hasPrefix("xml "), let r = body.range(of: "encoding=") {
                let value = body[r.upperBound...].dropFirst().prefix { $0 != "\"" && $0 != "'" }.lowercased()
                if value != "utf-8" && value != "utf8" { throw XMLError(line: l, column: c, Bilingual("only UTF-8 is read, not \(value)", "只接受 UTF-8 编码，不接受 \(value)")) }
            }
        }

        mutating func name() throws(XMLError) -> String {
            let start = i
            while let b = peek(), !(b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x2F || b == 0x3E || b == 0x3D || b == 0x3C || b == 0x22 || b == 0x27) {
                advance()
            }
            guard i > start, let n = String(validating: bytes[start..<i], as: UTF8.self) else { throw error("a name is expected here", "此处应为名称") }
            if let first = n.unicodeScalars.first, first.properties.numericType != nil || first == "-" || first == "." {
                throw error("\(n) is not a name", "\(n) 不是合法名称")
            }
            return n
        }

        static func local(_ name: String) -> String { name.split(separator: ":", maxSplits: 1).last.map(String.init) ?? name }

        mutating func element(depth: Int) throws(XMLError) -> XMLNode {
            if depth > XMLReader.maxDepth { throw error("elements nest deeper than \(XMLReader.maxDepth)", "元素嵌套超过 \(XMLReader.maxDepth) 层") }
            elements += 1
            if elements > XMLReader.maxElements { throw error("more than \(XMLReader.maxElements) elements", "元素超过 \(XMLReader.maxElements) 个") }
            let (l, c) = (line, column)
            advance()  // <
            let qname = try name()
            var attributes: [String: String] = [:]
            while true {
                skipSpace()
                if starts("/>") {
                    advance(2)
                    return XMLNode(name: Self.local(qname), attributes: attributes, children: [], text: "", line: l, column: c)
                }
                if starts(">") {
                    advance()
                    break
                }
                if atEnd { throw error("the start tag <\(qname)> is not closed", "开始标签 <\(qname)> 未闭合") }
                let (al, ac) = (line, column)
                let a = try name()
                skipSpace()
                try expect("=")
                skipSpace()
                guard let q = peek(), q == 0x22 || q == 0x27 else { throw error("an attribute's value must be quoted", "属性值须加引号") }
                advance()
                let value = try characters(until: q, what: Bilingual("an attribute value", "属性值"))
                advance()
                if attributes[Self.local(a)] != nil { throw XMLError(line: al, column: ac, Bilingual("attribute \(a) is given twice", "属性 \(a) 重复")) }
                attributes[Self.local(a)] = value
            }
            var children: [XMLNode] = []
            var text = ""
            while true {
                if atEnd { throw error("the document ends inside <\(qname)> (opened at line \(l), column \(c))", "文档在 <\(qname)>（第 \(l) 行第 \(c) 列开始）内部结束") }
                if starts("</") {
                    let (cl, cc) = (line, column)
                    advance(2)
                    let close = try name()
                    if close != qname {
                        throw XMLError(line: cl, column: cc, Bilingual("</\(close)> closes <\(qname)> (opened at line \(l), column \(c))", "</\(close)> 与 <\(qname)>（第 \(l) 行第 \(c) 列）不匹配"))
                    }
                    skipSpace()
                    try expect(">")
                    return XMLNode(name: Self.local(qname), attributes: attributes, children: children, text: text, line: l, column: c)
                } else if starts("<!--") {
                    advance(4)
                    _ = try skip(past: "-->", what: Bilingual("a comment", "注释"))
                } else if starts("<![CDATA[") {
                    advance(9)
                    let body = try skip(past: "]]>", what: Bilingual("a CDATA section", "CDATA 段"))
                    guard let t = String(validating: body, as: UTF8.self) else { throw error("the CDATA section is not UTF-8", "CDATA 段不是 UTF-8") }
                    text += t
                } else if starts("<!") {
                    throw error("declarations (<!…>) are not accepted inside a document", "文档内不接受声明（<!…>）")
                } else if starts("<?") {
                    try misc()
                } else if starts("<") {
                    children.append(try element(depth: depth + 1))
                } else {
                    text += try characters(until: 0x3C, what: Bilingual("text", "文本"))
                }
            }
        }

        /// Character data up to (not including) `stop`, entities resolved.
        mutating func characters(until stop: UInt8, what: Bilingual) throws(XMLError) -> String {
            var out: [UInt8] = []
            while let b = peek(), b != stop {
                if stop != 0x3C && b == 0x3C { throw error("< is not allowed in \(what.en)", "\(what.zh)中不允许出现 <") }
                if b == 0x26 {
                    out += try entity()
                    continue
                }
                if b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D { throw error("control character \(b) is not allowed in XML", "XML 中不允许控制字符 \(b)") }
                // A whole UTF-8 sequence, checked.
                let n = b < 0x80 ? 1 : b >> 5 == 0b110 ? 2 : b >> 4 == 0b1110 ? 3 : b >> 3 == 0b11110 ? 4 : 0
                guard n > 0, i + n <= bytes.count, String(validating: bytes[i..<(i + n)], as: UTF8.self) != nil else { throw error("this byte is not UTF-8", "此字节不是 UTF-8") }
                out += bytes[i..<(i + n)]
                advance(n)
            }
            if atEnd && stop != 0x3C { throw error("\(what.en) is not closed", "\(what.zh)未闭合") }
            return String(decoding: out, as: UTF8.self)
        }

        /// `&…;`: one of the five predefined entities or a character reference; anything else
        /// (a named entity a DTD would define) is refused.
        mutating func entity() throws(XMLError) -> [UInt8] {
            let (l, c) = (line, column)
            advance()
            var body: [UInt8] = []
            while let b = peek(), b != 0x3B, body.count < 12 {
                body.append(b)
                advance()
            }
            guard peek() == 0x3B else { throw XMLError(line: l, column: c, Bilingual("& must start an entity reference ending in ;", "& 须开始以 ; 结尾的实体引用")) }
            advance()
            let text = String(decoding: body, as: UTF8.self)
            switch text {
            case "lt": return [0x3C]
            case "gt": return [0x3E]
            case "amp": return [0x26]
            case "quot": return [0x22]
            case "apos": return [0x27]
            default:
                var digits = Substring(text)
                var radix = 10
                guard digits.hasPrefix("#") else {
                    throw XMLError(
                        line: l, column: c,
                        Bilingual(
                            "unknown entity &\(text); (only &lt; &gt; &amp; &quot; &apos; and &#…; are read)", "未知实体 &\(text);（只接受 &lt; &gt; &amp; &quot; &apos; 与 &#…;）"))
                }
                digits = digits.dropFirst()
                if digits.hasPrefix("x") {
                    radix = 16
                    digits = digits.dropFirst()
                }
                guard let v = UInt32(digits, radix: radix), let scalar = Unicode.Scalar(v), v == 0x09 || v == 0x0A || v == 0x0D || v >= 0x20, v != 0xFFFE, v != 0xFFFF else {
                    throw XMLError(line: l, column: c, Bilingual("&\(text); is not a character XML allows", "&\(text); 不是 XML 允许的字符"))
                }
                return Array(String(Character(scalar)).utf8)
            }
        }
    }
}
