import CSQLite
import Foundation

/// The little of SQLite's C API the database export needs: open, run statements, prepared inserts.
/// Handles are closed deterministically (`close()`, statements finalised as soon as they are dropped).
final class SQLiteDatabase {
    private var handle: OpaquePointer?
    let path: String

    init(path: String) throws {
        self.path = path
        var handle: OpaquePointer?
        let status = sqlite3_open_v2(path, &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nil)
        guard status == SQLITE_OK, let handle else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "status \(status)"
            sqlite3_close(handle)
            throw ExportFailure("cannot open \(path): \(message)")
        }
        self.handle = handle
    }

    deinit { close() }

    func close() {
        if let handle { sqlite3_close_v2(handle) }
        handle = nil
    }

    /// Runs one or more statements that take no parameters.
    func execute(_ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        if sqlite3_exec(handle, sql, nil, nil, &message) != SQLITE_OK {
            let reason = message.map { String(cString: $0) } ?? "unknown error"
            sqlite3_free(message)
            throw ExportFailure("SQLite: \(reason) in \(sql.prefix(80))")
        }
    }

    func prepare(_ sql: String) throws -> Statement {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK, let statement else {
            throw ExportFailure("SQLite: \(String(cString: sqlite3_errmsg(handle))) in \(sql.prefix(80))")
        }
        return Statement(statement, database: self)
    }

    fileprivate var lastError: String { String(cString: sqlite3_errmsg(handle)) }

    /// A value to bind: SQLite's storage classes that the export uses.
    enum Value {
        case text(String?)
        case integer(Int?)
        case real(Double?)
    }

    final class Statement {
        private let statement: OpaquePointer
        private unowned let database: SQLiteDatabase

        fileprivate init(_ statement: OpaquePointer, database: SQLiteDatabase) {
            self.statement = statement
            self.database = database
        }

        deinit { sqlite3_finalize(statement) }

        /// Binds `values` to ?1, ?2… and runs the statement once.
        func run(_ values: [Value]) throws {
            sqlite3_reset(statement)
            sqlite3_clear_bindings(statement)
            for (offset, value) in values.enumerated() {
                let index = Int32(offset + 1)
                switch value {
                case .text(let text?): sqlite3_bind_text(statement, index, text, -1, Self.transient)
                case .integer(let integer?): sqlite3_bind_int64(statement, index, Int64(integer))
                case .real(let real?): sqlite3_bind_double(statement, index, real)
                case .text(nil), .integer(nil), .real(nil): sqlite3_bind_null(statement, index)
                }
            }
            guard sqlite3_step(statement) == SQLITE_DONE else { throw ExportFailure("SQLite: \(database.lastError)") }
        }

        /// SQLITE_TRANSIENT: SQLite copies the text before `bind` returns.
        private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
    }
}
