import StegCarveSync

/// The `--state` database of a sweep: what was scanned (path bytes, device/inode, size,
/// mtime, SHA-256) and each distinct content's report, so that a re-run skips unchanged
/// files, re-uses the report of identical content under another name, and an interrupted
/// sweep resumes where it stopped.
///
/// Reports are stored as JSON text under a *configuration* string (scanner version, report
/// schema version and every option that changes a report); a report stored under another
/// configuration is never re-used. Records are written in batches, one transaction each, so a
/// kill at any moment loses at most the batch in flight, whose files are scanned again.
///
/// The file is StegCarve's only: `PRAGMA application_id` is ``applicationID`` and
/// `PRAGMA user_version` the schema version. Any other file is refused before anything is
/// written to it (``StateFileOwnership``): another program's SQLite database, a newer layout,
/// a read-only file.
///
/// Tables (schema version 1, `PRAGMA user_version`):
/// - `files(path BLOB PRIMARY KEY, device, inode, size, mtime_ns, sha256 BLOB, configuration, verdict, findings, report, scanned_at)`
///   where `report` is NULL when the content's shared report names this path, else this
///   file's own rendering (a copy), so every unchanged file is re-emitted without parsing.
/// - `reports(sha256 BLOB, configuration, schema_version, report TEXT, report_path BLOB, PRIMARY KEY(sha256, configuration))`
///   where `report_path` is the path the stored report names (one report per content, so files
///   with the same content share it and their reports differ only in the path).
///
/// Thread-safe: one connection behind a lock.
package final class StateStore: Sendable {
    /// The layout this code writes; a database with a higher version is refused.
    package static let schemaVersion = 1
    /// `PRAGMA application_id` of a StegCarve state file: 0x53474356, "SGCV" in ASCII.
    package static let applicationID = 0x5347_4356

    /// The tables of ``schemaVersion``.
    package static let schemaSQL = """
        CREATE TABLE IF NOT EXISTS files(
            path BLOB PRIMARY KEY NOT NULL,
            device INTEGER NOT NULL,
            inode INTEGER NOT NULL,
            size INTEGER NOT NULL,
            mtime_ns INTEGER NOT NULL,
            sha256 BLOB NOT NULL,
            configuration TEXT NOT NULL,
            verdict TEXT NOT NULL,
            findings INTEGER NOT NULL,
            report TEXT,
            scanned_at INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS reports(
            sha256 BLOB NOT NULL,
            configuration TEXT NOT NULL,
            schema_version INTEGER NOT NULL,
            report TEXT NOT NULL,
            report_path BLOB NOT NULL,
            PRIMARY KEY(sha256, configuration)
        ) WITHOUT ROWID;
        """

    /// One scanned file to remember.
    package struct Record: Sendable, Hashable {
        package var path: [UInt8]
        package var identity: FileIdentity
        package var sha256: [UInt8]
        package var verdict: String
        /// Top-level findings in the report (kept beside it so a re-run can count without parsing).
        package var findings: Int
        package var reportJSON: String

        package init(path: [UInt8], identity: FileIdentity, sha256: [UInt8], verdict: String, findings: Int, reportJSON: String) {
            self.path = path
            self.identity = identity
            self.sha256 = sha256
            self.verdict = verdict
            self.findings = findings
            self.reportJSON = reportJSON
        }
    }

    /// A stored report with the facts a sweep's summary needs.
    package struct StoredReport: Sendable, Hashable {
        package var reportJSON: String
        package var verdict: String
        package var findings: Int
        /// The report names this very path (always, unless the database was written by a
        /// version that kept one report per content only).
        package var namesPath: Bool

        package init(reportJSON: String, verdict: String, findings: Int, namesPath: Bool) {
            self.reportJSON = reportJSON
            self.verdict = verdict
            self.findings = findings
            self.namesPath = namesPath
        }
    }

    /// The connection and its prepared statements, used only under the lock.
    private final class Connection {
        let database: SQLiteDatabase
        let selectFile: SQLiteStatement
        let selectReport: SQLiteStatement
        let upsertFile: SQLiteStatement
        let insertReport: SQLiteStatement

        init(path: String) throws(SQLiteError) {
            let database = try StateFileOwnership.open(path)
            self.database = database
            try database.useWriteAheadLog()
            try database.transaction { () throws(SQLiteError) in
                try database.execute("""
                    \(StateStore.schemaSQL)
                    PRAGMA application_id = \(StateStore.applicationID);
                    PRAGMA user_version = \(StateStore.schemaVersion);
                    """)
            }
            selectFile = try database.prepare("""
                SELECT coalesce(f.report, r.report), f.verdict, f.findings, f.report IS NOT NULL OR r.report_path = f.path FROM files f JOIN reports r ON r.sha256 = f.sha256 AND r.configuration = f.configuration
                WHERE f.path = ?1 AND f.device = ?2 AND f.inode = ?3 AND f.size = ?4 AND f.mtime_ns = ?5 AND f.configuration = ?6
                """)
            selectReport = try database.prepare("SELECT report FROM reports WHERE sha256 = ?1 AND configuration = ?2")
            upsertFile = try database.prepare("""
                INSERT INTO files(path, device, inode, size, mtime_ns, sha256, configuration, verdict, findings, report, scanned_at)
                VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,
                    CASE WHEN EXISTS(SELECT 1 FROM reports WHERE sha256 = ?6 AND configuration = ?7 AND report_path = ?1) THEN NULL ELSE ?10 END,
                    strftime('%s', 'now'))
                ON CONFLICT(path) DO UPDATE SET device = excluded.device, inode = excluded.inode, size = excluded.size,
                    mtime_ns = excluded.mtime_ns, sha256 = excluded.sha256, configuration = excluded.configuration,
                    verdict = excluded.verdict, findings = excluded.findings, report = excluded.report, scanned_at = excluded.scanned_at
                """)
            insertReport = try database.prepare("""
                INSERT INTO reports(sha256, configuration, schema_version, report, report_path) VALUES(?1, ?2, ?3, ?4, ?5)
                ON CONFLICT(sha256, configuration) DO NOTHING
                """)
        }
    }

    private let connection: Locked<Connection>
    /// What the stored reports must have been produced under to be re-used.
    package let configuration: String

    /// Opens or creates the database at `path`.
    /// - Throws: ``SQLiteError`` (`open`, `execute`, `prepare`; `schema` for a newer layout or
    ///   a file that is not a StegCarve state file; `open` with `SQLITE_READONLY` for a
    ///   read-only file).
    package init(path: String, configuration: String) throws(SQLiteError) {
        connection = Locked(try Connection(path: path))
        self.configuration = configuration
    }

    /// The stored report of `path` when the file is unchanged (same identity, same configuration).
    /// - Throws: ``SQLiteError``.
    package func unchangedReport(path: [UInt8], identity: FileIdentity) throws(SQLiteError) -> StoredReport? {
        let configuration = configuration
        return try connection.withLock { (connection) throws(SQLiteError) -> StoredReport? in
            try connection.selectFile.query([
                .blob(path), .integer(Int64(bitPattern: identity.device)), .integer(Int64(bitPattern: identity.inode)),
                .integer(identity.size), .integer(identity.modificationNanoseconds), .text(configuration),
            ]) { row -> StoredReport? in
                guard let json = row.text(0), let verdict = row.text(1) else { return nil }
                return StoredReport(reportJSON: json, verdict: verdict, findings: row.int(2), namesPath: row.int(3) == 1)
            }.first ?? nil
        }
    }

    /// The stored report of any file with this SHA-256 under the same configuration.
    /// - Throws: ``SQLiteError``.
    package func report(forContent sha256: [UInt8]) throws(SQLiteError) -> String? {
        let configuration = configuration
        return try connection.withLock { (connection) throws(SQLiteError) -> String? in
            try connection.selectReport.query([.blob(sha256), .text(configuration)]) { row in row.text(0) }.first ?? nil
        }
    }

    /// Writes `records` in one transaction.
    /// - Throws: ``SQLiteError``; then none of them is stored.
    package func record(_ records: [Record]) throws(SQLiteError) {
        guard !records.isEmpty else { return }
        let configuration = configuration
        try connection.withLock { (connection) throws(SQLiteError) in
            try connection.database.transaction { () throws(SQLiteError) in
                for record in records {
                    try connection.insertReport.run([
                        .blob(record.sha256), .text(configuration), .integer(Int64(Self.schemaVersion)), .text(record.reportJSON),
                        .blob(record.path),
                    ])
                    try connection.upsertFile.run([
                        .blob(record.path), .integer(Int64(bitPattern: record.identity.device)),
                        .integer(Int64(bitPattern: record.identity.inode)), .integer(record.identity.size),
                        .integer(record.identity.modificationNanoseconds), .blob(record.sha256), .text(configuration),
                        .text(record.verdict), .integer(Int64(record.findings)), .text(record.reportJSON),
                    ])
                }
            }
        }
    }

    /// Number of files and distinct reports stored (for tests and the summary).
    /// - Throws: ``SQLiteError``.
    package func counts() throws(SQLiteError) -> (files: Int, reports: Int) {
        try connection.withLock { (connection) throws(SQLiteError) -> (files: Int, reports: Int) in
            let files = try connection.database.prepare("SELECT count(*) FROM files").query { $0.int(0) }.first ?? 0
            let reports = try connection.database.prepare("SELECT count(*) FROM reports").query { $0.int(0) }.first ?? 0
            return (files, reports)
        }
    }
}
