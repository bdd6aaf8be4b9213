import CommandModel
import Foundation
import PostgresNIO

extension PostgresEventStore {
    /// Maps PostgreSQL's failures to messages that name the store (never its password) and say
    /// what to do. PostgresNIO's own error text is not shown: it may carry the query.
    static func mapped(_ error: any Error, _ location: String) -> StoreError {
        if let e = error as? StoreError { return e }
        guard let pg = error as? PSQLError else {
            if error is PostgresDecodingError {
                return StoreError(
                    .corrupt, path: location, Bilingual("\(location) holds a value of an unexpected type; run decision-hub verify", "\(location) 中有类型不符的值；请运行 decision-hub verify"))
            }
            return unreachable(location, String(describing: type(of: error)))
        }
        switch pg.code {
        case .server:
            return server(pg, location)
        case .connectionError, .serverClosedConnection, .uncleanShutdown, .clientClosedConnection, .poolClosed:
            return unreachable(location, pg.code.description)
        case .unsupportedAuthMechanism, .authMechanismRequiresPassword, .saslError:
            return StoreError(
                .loginRefused, path: location,
                Bilingual(
                    "PostgreSQL refused the login for \(location) (\(pg.code)); set the password in PGPASSWORD (never on the command line) or check pg_hba.conf",
                    "PostgreSQL 拒绝了 \(location) 的登录（\(pg.code)）；请在 PGPASSWORD 中设置密码（切勿写在命令行上）或检查 pg_hba.conf"))
        default:
            return StoreError(
                .io, path: location,
                Bilingual("\(location): PostgreSQL failed (\(pg.code)); try again, and run decision-hub verify", "\(location)：PostgreSQL 出错（\(pg.code)）；请重试，并运行 decision-hub verify"))
        }
    }

    static func unreachable(_ location: String, _ why: String) -> StoreError {
        StoreError(
            .unreachable, path: location,
            Bilingual(
                "cannot reach PostgreSQL for \(location) (\(why)); a change that was not confirmed may or may not be recorded (the console re-reads the record when the server is back). Check that the server runs and the host, port or socket folder is right, then try again",
                "无法连接 \(location) 的 PostgreSQL（\(why)）；未获确认的更改可能已记录也可能未记录（服务器恢复后控制台会重新读取记录）。请确认服务器在运行、主机、端口或套接字目录正确后重试"))
    }

    /// An error the server reported, by its SQLSTATE.
    static func server(_ pg: PSQLError, _ location: String) -> StoreError {
        let state = pg.serverInfo?[.sqlState] ?? ""
        let constraint = pg.serverInfo?[.constraintName] ?? ""
        switch state {
        case "3F000", "42P01":  // invalid_schema_name, undefined_table
            return StoreError(.notFound, path: location, Bilingual("\(location) has no store; create it with decision-hub init", "\(location) 没有事件库；请用 decision-hub init 创建"))
        case "3D000":  // invalid_catalog_name
            return StoreError(
                .notFound, path: location, Bilingual("the database named in \(location) does not exist; create it first (createdb)", "\(location) 中指定的数据库不存在；请先创建（createdb）"))
        case "28P01", "28000":  // invalid_password, invalid_authorization_specification
            return StoreError(
                .loginRefused, path: location,
                Bilingual(
                    "PostgreSQL refused the login for \(location); set the password in PGPASSWORD (never on the command line) or check pg_hba.conf",
                    "PostgreSQL 拒绝了 \(location) 的登录；请在 PGPASSWORD 中设置密码（切勿写在命令行上）或检查 pg_hba.conf"))
        case "42501":  // insufficient_privilege
            return StoreError(
                .readOnly, path: location,
                Bilingual("the PostgreSQL user of \(location) may not do this; nothing was written. Ask the administrator for the grant", "\(location) 的 PostgreSQL 用户无此权限；未写入任何内容。请联系管理员授权"))
        case "25006":  // read_only_sql_transaction
            return StoreError(
                .readOnly, path: location, Bilingual("\(location) cannot be written (read-only transaction or standby server); nothing was written", "\(location) 无法写入（只读事务或备用服务器）；未写入任何内容"))
        case "55P03", "40001", "40P01":  // lock_not_available, serialization_failure, deadlock
            return StoreError(
                .locked, path: location,
                Bilingual(
                    "\(location) stayed locked by another writer for 10 s; nothing was written. Look for a stuck session (pg_stat_activity) and try again",
                    "\(location) 被其他写入者锁定超过 10 秒；未写入任何内容。请检查卡住的会话（pg_stat_activity）后重试"))
        case "53100":  // disk_full
            return StoreError(.full, path: location, Bilingual("the disk of the PostgreSQL server of \(location) is full; nothing was written", "\(location) 所在 PostgreSQL 服务器磁盘已满；未写入任何内容"))
        case "23505":  // unique_violation
            return StoreError(
                .corrupt, path: location,
                Bilingual(
                    "\(location): a row is already recorded under this number (\(constraint)); nothing was written. Run decision-hub verify",
                    "\(location)：该编号下已有记录（\(constraint)）；未写入任何内容。请运行 decision-hub verify"))
        case "P0001":  // raise_exception: the append-only triggers
            return StoreError(
                .tampered, path: location,
                Bilingual("\(location): the record is append-only; nothing was changed", "\(location)：记录只能追加；未作任何改动"))
        case "57P01", "57P02", "57P03":  // admin_shutdown, crash_shutdown, cannot_connect_now
            return unreachable(location, "server shutting down or starting, SQLSTATE \(state)")
        case "53300", "57014":  // too_many_connections (usual just after a restart), query_canceled (a timeout)
            return unreachable(location, "server busy, SQLSTATE \(state)")
        case _ where state.hasPrefix("08"):  // connection_exception and its kind, as the server reports them
            return unreachable(location, "connection failure, SQLSTATE \(state)")
        default:
            return StoreError(
                .io, path: location, Bilingual("\(location): PostgreSQL refused (SQLSTATE \(state)); nothing was written", "\(location)：PostgreSQL 拒绝执行（SQLSTATE \(state)）；未写入任何内容"))
        }
    }
}
