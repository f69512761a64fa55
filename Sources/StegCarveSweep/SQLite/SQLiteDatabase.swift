import CSQLite

// The only files that call libsqlite3 are this one and SQLiteStatement.swift. Every pointer
// handed to SQLite comes from a `with…` closure and lives only for that call; bound text and
// blobs are copied by SQLite (SQLITE_TRANSIENT).

/// One connection to a SQLite database file: write-ahead logging, a busy timeout, prepared
/// statements and transactions. Not thread-safe; wrap it in a lock to share it.
@safe
package final class SQLiteDatabase {
    private let handle: OpaquePointer

    /// Opens (creating when absent) the database at `path`. Opening writes nothing to an
    /// existing file: read its pragmas and schema before deciding to change it
    /// (``useWriteAheadLog()``).
    /// - Throws: ``SQLiteError`` with step `open`.
    package init(path: String, busyTimeoutMilliseconds: Int32 = 10_000) throws(SQLiteError) {
        var pointer: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let status = unsafe sqlite3_open_v2(path, &pointer, flags, nil)
        guard let opened = unsafe pointer else {
            throw SQLiteError(.open, code: status, message: "out of memory")
        }
        guard status == SQLITE_OK else {
            let message = unsafe String(cString: sqlite3_errmsg(opened))
            _ = unsafe sqlite3_close_v2(opened)
            throw SQLiteError(.open, code: status, message: message)
        }
        unsafe handle = opened
        _ = unsafe sqlite3_extended_result_codes(handle, 1)
        _ = unsafe sqlite3_busy_timeout(handle, busyTimeoutMilliseconds)
    }

    /// Switches to write-ahead logging with `synchronous=NORMAL`: a committed transaction
    /// survives the process being killed at any moment (a power cut may lose the last
    /// transactions, never corrupt the file). The first write to the file.
    /// - Throws: ``SQLiteError`` with step `execute`.
    package func useWriteAheadLog() throws(SQLiteError) {
        try execute("PRAGMA journal_mode=WAL")
        try execute("PRAGMA synchronous=NORMAL")
    }

    /// The file was opened read-only (write-protected file or file system): known at open,
    /// before anything is read.
    package var isReadOnly: Bool {
        unsafe sqlite3_db_readonly(handle, "main") == 1
    }

    deinit {
        _ = unsafe sqlite3_close_v2(handle)
    }

    /// Runs one or more statements that return no rows the caller needs.
    /// - Throws: ``SQLiteError`` with step `execute`.
    package func execute(_ sql: String) throws(SQLiteError) {
        var errorMessage: UnsafeMutablePointer<CChar>?
        let status = unsafe sqlite3_exec(handle, sql, nil, nil, &errorMessage)
        guard status == SQLITE_OK else {
            let message = unsafe errorMessage.map { unsafe String(cString: $0) } ?? lastMessage
            unsafe sqlite3_free(errorMessage)
            throw SQLiteError(.execute, code: status, message: message)
        }
    }

    /// Compiles `sql` once for repeated use.
    /// - Throws: ``SQLiteError`` with step `prepare`.
    package func prepare(_ sql: String) throws(SQLiteError) -> SQLiteStatement {
        var statement: OpaquePointer?
        let status = unsafe sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard status == SQLITE_OK, let compiled = unsafe statement else {
            throw SQLiteError(.prepare, code: status, message: lastMessage)
        }
        return unsafe SQLiteStatement(handle: compiled, database: self)
    }

    /// Runs `body` inside `BEGIN IMMEDIATE … COMMIT`, rolling back when it throws.
    /// - Throws: what `body` throws, or ``SQLiteError`` from BEGIN/COMMIT.
    package func transaction<Result>(_ body: () throws(SQLiteError) -> Result) throws(SQLiteError) -> Result {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// `PRAGMA user_version`, the schema version the store keeps.
    package var userVersion: Int {
        get throws(SQLiteError) { try integerPragma("user_version") }
    }

    /// `PRAGMA application_id`, the file's owner (the header's 32-bit field, 0 when unset).
    package var applicationID: Int {
        get throws(SQLiteError) { try integerPragma("application_id") }
    }

    /// The value of a pragma that returns one integer (`name` is one of ours, never input).
    private func integerPragma(_ name: String) throws(SQLiteError) -> Int {
        try prepare("PRAGMA \(name)").query { row in row.int(0) }.first ?? 0
    }

    /// SQLite's message for the last failed call on this connection.
    var lastMessage: String {
        unsafe String(cString: sqlite3_errmsg(handle))
    }
}
