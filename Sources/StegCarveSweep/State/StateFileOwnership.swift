import StegCarvePlatform

/// Decides, by reading only, whether the file given to `--state` may be written: StegCarve
/// writes to its own state files and to nothing else.
///
/// - `application_id` is ``StateStore/applicationID``: ours (refused when its `user_version`
///   is newer than ``StateStore/schemaVersion``).
/// - `application_id` 0, no tables and `user_version` 0: a new or empty file, made ours.
/// - `application_id` 0, `user_version` 1 and exactly the tables of schema 1 (same tables,
///   columns, types, constraints, no other index, view or trigger): a state file of a
///   StegCarve that did not yet set the application id; adopted (the id is set).
/// - Anything else — another program's database (whatever its `user_version`, including one
///   with a `files` table of its own), a non-SQLite file, a read-only file — is refused and
///   left byte for byte as it was, with no `-wal` or `-shm` file created.
enum StateFileOwnership {
    /// `SQLITE_READONLY`, the result code reported for a write-protected state file.
    static let readOnlyCode: Int32 = 8

    /// Opens `path` for the store once it is known to be ours (or new).
    /// - Throws: ``SQLiteError``: `open` (`SQLITE_READONLY` for a write-protected file),
    ///   `schema` for a file that is not a StegCarve state file or is newer.
    static func open(_ path: String) throws(SQLiteError) -> SQLiteDatabase {
        // Write permission is checked by mode, not only by trying: root may write anything,
        // but a file whose owner took away every write bit is not one to change.
        if isWriteProtected(path) { throw readOnly(path) }
        let database = try SQLiteDatabase(path: path)
        // Known at open, before the first read (which, on a WAL file, would create -shm).
        if database.isReadOnly { throw readOnly(path) }
        try check(database)
        return database
    }

    /// Refuses a database that is not ours; reads only.
    /// - Throws: ``SQLiteError`` with step `schema` (or the read's own error, e.g. `SQLITE_NOTADB`).
    static func check(_ database: SQLiteDatabase) throws(SQLiteError) {
        let owner = try database.applicationID
        let version = try database.userVersion
        if owner == StateStore.applicationID {
            guard version <= StateStore.schemaVersion else {
                throw SQLiteError(.schema, code: 0, message: "the state database has schema version \(version); this stegcarve reads up to \(StateStore.schemaVersion)")
            }
            return
        }
        let refusal = "not a StegCarve state file, left unchanged"
        guard owner == 0 else {
            throw SQLiteError(.schema, code: 0, message: "\(refusal) (application_id 0x\(String(UInt32(truncatingIfNeeded: owner), radix: 16)))")
        }
        let layout = try SchemaLayout(database)
        if layout.objects.isEmpty, version == 0 { return }
        if version == StateStore.schemaVersion, layout == (try ours()) { return }
        let names = layout.objects.map(\.name).joined(separator: ", ")
        throw SQLiteError(.schema, code: 0, message: "\(refusal) (another program's SQLite database: user_version \(version), objects: \(names.isEmpty ? "none" : names))")
    }

    /// The layout ``StateStore/schemaSQL`` creates, read back from a database in memory.
    private static func ours() throws(SQLiteError) -> SchemaLayout {
        let scratch = try SQLiteDatabase(path: ":memory:")
        try scratch.execute(StateStore.schemaSQL)
        return try SchemaLayout(scratch)
    }

    private static func isWriteProtected(_ path: String) -> Bool {
        var status = stat()
        guard unsafe stat(path, &status) == 0 else { return false }
        return status.st_mode & 0o222 == 0 || (unsafe access(path, W_OK) != 0 && (errno == EACCES || errno == EROFS))
    }

    private static func readOnly(_ path: String) -> SQLiteError {
        SQLiteError(.open, code: readOnlyCode, message: "the state file is read-only; nothing was written")
    }
}

/// A database's schema objects and each table's columns, for comparing layouts.
struct SchemaLayout: Equatable {
    struct Object: Equatable {
        var type: String
        var name: String
        /// `name type notnull pk` of each column, in order (tables only).
        var columns: [String]
    }

    /// Every table, index, view and trigger except SQLite's own, by name.
    var objects: [Object]

    /// Reads the layout (reads only).
    /// - Throws: ``SQLiteError``.
    init(_ database: SQLiteDatabase) throws(SQLiteError) {
        let listed = try database.prepare("SELECT type, name FROM sqlite_schema WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")
            .query { row in (row.text(0) ?? "", row.text(1) ?? "") }
        let columns = try database.prepare("SELECT name, type, \"notnull\", pk FROM pragma_table_info(?1)")
        objects = []
        for (type, name) in listed {
            let described = type == "table"
                ? try columns.query([.text(name)]) { row in "\(row.text(0) ?? "") \(row.text(1) ?? "") \(row.int(2)) \(row.int(3))" }
                : []
            objects.append(Object(type: type, name: name, columns: described))
        }
    }
}
