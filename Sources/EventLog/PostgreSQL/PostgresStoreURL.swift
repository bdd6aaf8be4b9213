import CommandModel
import Foundation

/// Where a centre's store lives in PostgreSQL: `postgresql://USER@HOST[:PORT]/DB?centre=NAME`,
/// or on a local socket `postgresql://USER@/DB?host=/run/postgresql&centre=NAME`.
///
/// Guarantees: the centre name is a safe SQL identifier (lower-case letters, digits and `_`,
/// starting with a letter), so it can name the store's schema; the password, when one is given
/// (in the URL or in `PGPASSWORD`), never appears in `redacted`, in an error or in a log line.
public struct PostgresStoreURL: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    public var user: String
    /// A host name or address, or the folder of a Unix socket (it starts with `/`).
    public var host: String
    public var port: Int
    public var database: String
    public var centre: String
    var password: String?
    /// Whether the password was written in the URL itself (visible to `ps` when given with
    /// `--store`).
    public var passwordInURL: Bool

    /// The PostgreSQL schema holding this centre's tables.
    public var schema: String { "dh_" + centre }
    /// The channel `NOTIFY` wakes this centre's followers on.
    public var channel: String { "dh_" + centre }
    /// The URL without its password: what messages and `location` show.
    public var redacted: String {
        let where_ = host.hasPrefix("/") ? "" : (port == 5432 ? host : "\(host):\(port)")
        var query = "centre=\(centre)"
        if host.hasPrefix("/") { query = "host=\(host)&" + query + (port == 5432 ? "" : "&port=\(port)") }
        return "postgresql://\(user)@\(where_)/\(database)?\(query)"
    }
    /// Printed, interpolated or dumped, a URL shows no password.
    public var description: String { redacted }
    public var debugDescription: String { redacted }

    /// The Unix socket's path, when the host is a folder.
    var socketPath: String? { host.hasPrefix("/") ? host + "/.s.PGSQL.\(port)" : nil }

    /// Whether a store location names PostgreSQL rather than an SQLite file.
    public static func isPostgres(_ location: String) -> Bool {
        location.hasPrefix("postgresql://") || location.hasPrefix("postgres://")
    }

    /// Parses a store URL. `environment` gives `PGPASSWORD`, `PGUSER` and `PGHOST` when the URL
    /// does not.
    public static func parse(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(StoreError) -> PostgresStoreURL {
        guard isPostgres(text), var parts = URLComponents(string: text) else { throw bad(text, Bilingual("it is not a URL", "不是 URL")) }
        let items = parts.queryItems ?? []
        func item(_ name: String) -> String? { items.first { $0.name == name }?.value.flatMap { $0.isEmpty ? nil : $0 } }
        let known: Set<String> = ["centre", "host", "port", "sslmode"]
        if let unknown = items.first(where: { !known.contains($0.name) }) {
            throw bad(text, Bilingual("it has an unknown setting '\(unknown.name)' (known: centre, host, port, sslmode)", "含有未知设置“\(unknown.name)”（可用：centre、host、port、sslmode）"))
        }
        if let mode = item("sslmode"), mode != "disable" {
            throw bad(
                text,
                Bilingual(
                    "sslmode=\(mode) is not supported yet: use a local socket or a loopback address (sslmode=disable), or an SSH tunnel",
                    "暂不支持 sslmode=\(mode)：请使用本地套接字或回环地址（sslmode=disable），或通过 SSH 隧道连接"))
        }
        guard let centre = item("centre") else {
            throw bad(text, Bilingual("it names no centre: add ?centre=NAME (for example ?centre=beijing)", "未指明中心：请添加 ?centre=名称（例如 ?centre=beijing）"))
        }
        guard centre.count <= 40, let first = centre.unicodeScalars.first, ("a"..."z").contains(first),
            centre.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" })
        else {
            throw bad(
                text,
                Bilingual(
                    "the centre '\(centre)' must be lower-case letters, digits and _, starting with a letter, at most 40 (for example beijing, tianjin)",
                    "中心名“\(centre)”只能由小写字母、数字和 _ 组成，以字母开头，最多 40 个字符（例如 beijing、tianjin）"))
        }
        let database = String(parts.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty, !database.contains("/") else {
            throw bad(text, Bilingual("it names no database: write postgresql://USER@HOST/DATABASE?centre=NAME", "未指明数据库：应写作 postgresql://用户@主机/数据库?centre=名称"))
        }
        let host = item("host") ?? parts.host.flatMap { $0.isEmpty ? nil : $0 } ?? environment["PGHOST"].flatMap { $0.isEmpty ? nil : $0 } ?? "/var/run/postgresql"
        var port = parts.port ?? 5432
        if let p = item("port") {
            guard let n = Int(p), (1...65535).contains(n) else { throw bad(text, Bilingual("the port '\(p)' is not a number from 1 to 65535", "端口“\(p)”不是 1 到 65535 之间的数")) }
            port = n
        }
        let user = parts.user.flatMap { $0.isEmpty ? nil : $0 } ?? environment["PGUSER"].flatMap { $0.isEmpty ? nil : $0 } ?? NSUserName()
        let inURL = parts.password.flatMap { $0.isEmpty ? nil : $0 }
        parts.password = nil
        return PostgresStoreURL(
            user: user, host: host, port: port, database: database, centre: centre, password: inURL ?? environment["PGPASSWORD"].flatMap { $0.isEmpty ? nil : $0 },
            passwordInURL: inURL != nil)
    }

    /// A URL that cannot be used: what is wrong, with the password taken out of what is shown.
    static func bad(_ text: String, _ why: Bilingual) -> StoreError {
        let shown = redactPassword(text)
        return StoreError(
            .notFound, path: shown,
            Bilingual("the store URL \(shown) cannot be used: \(why.en)", "事件库地址 \(shown) 无法使用：\(why.zh)"))
    }

    /// The text with anything between `user:` and `@` replaced by `***`.
    static func redactPassword(_ text: String) -> String {
        guard let scheme = text.range(of: "://"), let at = text[scheme.upperBound...].firstIndex(of: "@") else { return text }
        let userInfo = text[scheme.upperBound..<at]
        guard let colon = userInfo.firstIndex(of: ":") else { return text }
        return String(text[..<colon]) + ":***" + String(text[at...])
    }
}
