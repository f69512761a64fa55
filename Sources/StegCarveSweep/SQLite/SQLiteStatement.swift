import CSQLite

/// A value bound to a statement parameter.
package enum SQLiteValue: Sendable, Hashable {
    case integer(Int64)
    case text(String)
    case blob([UInt8])
    case null
}

/// A prepared statement, reset and re-bound for each use.
@safe
package final class SQLiteStatement {
    private let handle: OpaquePointer
    /// Kept so the connection outlives its statements.
    private let database: SQLiteDatabase

    init(handle: OpaquePointer, database: SQLiteDatabase) {
        unsafe self.handle = handle
        self.database = database
    }

    deinit {
        _ = unsafe sqlite3_finalize(handle)
    }

    /// One result row, valid only inside the closure that receives it.
    /// (Do not keep it: the statement reuses its storage for the next row.)
    @safe
    package struct Row {
        fileprivate let handle: OpaquePointer

        fileprivate init(handle: OpaquePointer) {
            unsafe self.handle = handle
        }

        package func int(_ column: Int32) -> Int {
            Int(unsafe sqlite3_column_int64(handle, column))
        }

        package func isNull(_ column: Int32) -> Bool {
            unsafe sqlite3_column_type(handle, column) == SQLITE_NULL
        }

        package func text(_ column: Int32) -> String? {
            guard let pointer = unsafe sqlite3_column_text(handle, column) else { return nil }
            return unsafe String(cString: pointer)
        }

        package func blob(_ column: Int32) -> [UInt8]? {
            guard !isNull(column) else { return nil }
            let count = Int(unsafe sqlite3_column_bytes(handle, column))
            guard count > 0, let base = unsafe sqlite3_column_blob(handle, column) else { return [] }
            return unsafe Array(UnsafeRawBufferPointer(start: base, count: count))
        }
    }

    /// Binds `values` to parameters 1…n and steps to completion.
    /// - Throws: ``SQLiteError`` with step `bind` or `step`.
    package func run(_ values: [SQLiteValue] = []) throws(SQLiteError) {
        try bind(values)
        defer { _ = unsafe sqlite3_reset(handle) }
        while true {
            let status = unsafe sqlite3_step(handle)
            if status == SQLITE_DONE { return }
            guard status == SQLITE_ROW else { throw SQLiteError(.step, code: status, message: database.lastMessage) }
        }
    }

    /// Binds `values` and maps every result row through `transform`.
    /// - Throws: ``SQLiteError`` with step `bind` or `step`.
    package func query<Element>(_ values: [SQLiteValue] = [], _ transform: (Row) -> Element) throws(SQLiteError) -> [Element] {
        try bind(values)
        defer { _ = unsafe sqlite3_reset(handle) }
        var results: [Element] = []
        while true {
            let status = unsafe sqlite3_step(handle)
            if status == SQLITE_DONE { return results }
            guard status == SQLITE_ROW else { throw SQLiteError(.step, code: status, message: database.lastMessage) }
            let row = unsafe Row(handle: handle)
            results.append(transform(row))
        }
    }

    private func bind(_ values: [SQLiteValue]) throws(SQLiteError) {
        _ = unsafe sqlite3_reset(handle)
        _ = unsafe sqlite3_clear_bindings(handle)
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let status: Int32
            switch value {
            case .integer(let number):
                status = unsafe sqlite3_bind_int64(handle, index, number)
            case .text(let string):
                status = unsafe sqlite3_bind_text(handle, index, string, -1, stegcarve_sqlite_transient())
            case .blob(let bytes):
                status = unsafe bytes.withUnsafeBytes { buffer in
                    // A zero-length blob still needs a non-null pointer to bind as a blob, not NULL.
                    unsafe sqlite3_bind_blob64(handle, index, buffer.baseAddress ?? UnsafeRawPointer(bitPattern: 1), sqlite3_uint64(buffer.count), stegcarve_sqlite_transient())
                }
            case .null:
                status = unsafe sqlite3_bind_null(handle, index)
            }
            guard status == SQLITE_OK else { throw SQLiteError(.bind, code: status, message: database.lastMessage) }
        }
    }
}
