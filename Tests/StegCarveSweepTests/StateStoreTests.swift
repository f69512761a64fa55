import Foundation
import StegCarveSweep
import Testing
import TestSupport

@Suite("StateStore: the --state database")
struct StateStoreTests {
    private let identity = FileIdentity(device: 2049, inode: 1234, size: 100, modificationNanoseconds: 1_700_000_000_123_456_789)
    private let digest = [UInt8](repeating: 0xAB, count: 32)

    @Test("a stored file is found only while device, inode, size, mtime and configuration are unchanged")
    func unchanged() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/state.db"
        let store = try StateStore(path: path, configuration: "v1")
        let name: [UInt8] = Array("dir/a.jpg".utf8) + [0xFF]
        try store.record([StateStore.Record(path: name, identity: identity, sha256: digest, verdict: "clean", findings: 0, reportJSON: "{\"x\":1}")])
        #expect(try store.unchangedReport(path: name, identity: identity) == StateStore.StoredReport(reportJSON: "{\"x\":1}", verdict: "clean", findings: 0, namesPath: true))
        for changed in [
            FileIdentity(device: 2050, inode: 1234, size: 100, modificationNanoseconds: identity.modificationNanoseconds),
            FileIdentity(device: 2049, inode: 1235, size: 100, modificationNanoseconds: identity.modificationNanoseconds),
            FileIdentity(device: 2049, inode: 1234, size: 101, modificationNanoseconds: identity.modificationNanoseconds),
            FileIdentity(device: 2049, inode: 1234, size: 100, modificationNanoseconds: identity.modificationNanoseconds + 1),
        ] {
            #expect(try store.unchangedReport(path: name, identity: changed) == nil)
        }
        #expect(try store.unchangedReport(path: Array("dir/a.jpg".utf8), identity: identity) == nil, "raw path bytes are the key")
        #expect(try store.report(forContent: digest) == "{\"x\":1}")
        #expect(try store.report(forContent: [UInt8](repeating: 0, count: 32)) == nil)

        // Reopened under another configuration: nothing is re-used.
        let other = try StateStore(path: path, configuration: "v2")
        #expect(try other.unchangedReport(path: name, identity: identity) == nil)
        #expect(try other.report(forContent: digest) == nil)
        // Reopened under the same one: everything survived.
        let again = try StateStore(path: path, configuration: "v1")
        #expect(try again.unchangedReport(path: name, identity: identity)?.reportJSON == "{\"x\":1}")
        let counts = try again.counts()
        #expect(counts.files == 1 && counts.reports == 1)
    }

    @Test("re-recording a path replaces its row; identical content shares one report")
    func upsert() throws {
        let directory = try TemporaryDirectory()
        let store = try StateStore(path: directory.path + "/state.db", configuration: "v1")
        let records = (0..<10).map { index in
            StateStore.Record(path: Array("f\(index)".utf8), identity: identity, sha256: digest, verdict: "clean", findings: 0, reportJSON: "{}")
        }
        try store.record(records)
        try store.record(records)
        let counts = try store.counts()
        #expect(counts.files == 10)
        #expect(counts.reports == 1)
        // The shared report names the first path; the copies keep their own rendering.
        #expect(try store.unchangedReport(path: Array("f0".utf8), identity: identity)?.reportJSON == "{}")
        let copies = (0..<10).map { index in
            StateStore.Record(path: Array("f\(index)".utf8), identity: identity, sha256: digest, verdict: "clean", findings: 0, reportJSON: "{\"n\":\(index)}")
        }
        try store.record(copies)
        #expect(try store.unchangedReport(path: Array("f0".utf8), identity: identity)?.reportJSON == "{}", "the shared report is kept")
        #expect(try store.unchangedReport(path: Array("f7".utf8), identity: identity)?.reportJSON == "{\"n\":7}")
        #expect(try store.unchangedReport(path: Array("f7".utf8), identity: identity)?.namesPath == true)
    }

    @Test("a database from a newer stegcarve is refused with a schema error")
    func newerSchema() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/state.db"
        let database = try SQLiteDatabase(path: path)
        try database.execute("PRAGMA user_version = 99")
        let error = #expect(throws: SQLiteError.self) { try StateStore(path: path, configuration: "v1") }
        #expect(error?.step == .schema)
    }

    @Test("a file that is not a database is an error, not a crash")
    func notADatabase() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write(Array(repeating: 0x41, count: 4096), to: "junk.db")
        let error = #expect(throws: SQLiteError.self) { try StateStore(path: path, configuration: "v1") }
        #expect(error?.code == 26, "SQLITE_NOTADB")
    }

    @Test("a failing statement inside a transaction rolls the whole batch back")
    func rollback() throws {
        let directory = try TemporaryDirectory()
        let database = try SQLiteDatabase(path: directory.path + "/t.db")
        try database.execute("CREATE TABLE t(x INTEGER PRIMARY KEY)")
        let insert = try database.prepare("INSERT INTO t(x) VALUES(?1)")
        let error = #expect(throws: SQLiteError.self) {
            try database.transaction { () throws(SQLiteError) in
                try insert.run([.integer(1)])
                try insert.run([.integer(1)])
            }
        }
        #expect(error?.step == .step)
        let count = try database.prepare("SELECT count(*) FROM t").query { $0.int(0) }
        #expect(count == [0])
        let blob = try database.prepare("SELECT ?1, ?2, ?3")
        let row = try blob.query([.blob([]), .text("é"), .null]) { row in [row.blob(0) == [], row.text(1) == "é", row.isNull(2)] }
        #expect(row == [[true, true, true]])
    }

    /// Databases of other programs that `--state` must refuse without changing a byte.
    enum ForeignDatabase: String, CaseIterable, Sendable {
        case otherTables = "user_version 0 with another program's tables"
        case conflictingFiles = "a conflicting files table"
        case writeAheadLog = "another program's database in WAL mode"
        case otherApplication = "our exact tables under another application_id"
        case ourTablesPlusIndex = "our tables plus an index of its own"

        func create(at path: String) throws {
            let database = try SQLiteDatabase(path: path)
            switch self {
            case .otherTables:
                try database.execute("CREATE TABLE notes(id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes(body) VALUES('keep me')")
            case .conflictingFiles:
                try database.execute("CREATE TABLE files(name TEXT, data BLOB); INSERT INTO files VALUES('a', x'00'); PRAGMA user_version = 1")
            case .writeAheadLog:
                try database.useWriteAheadLog()
                try database.execute("CREATE TABLE t(x); INSERT INTO t VALUES(1); PRAGMA user_version = 7")
            case .otherApplication:
                try database.execute(StateStore.schemaSQL + "PRAGMA application_id = 252006674; PRAGMA user_version = 1")
            case .ourTablesPlusIndex:
                try database.execute(StateStore.schemaSQL + "CREATE INDEX by_verdict ON files(verdict); PRAGMA user_version = 1")
            }
        }
    }

    @Test("another program's SQLite database is refused before anything is written to it", arguments: ForeignDatabase.allCases)
    func foreignDatabase(_ foreign: ForeignDatabase) throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/other.db"
        try foreign.create(at: path)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let error = #expect(throws: SQLiteError.self) { try StateStore(path: path, configuration: "v1") }
        #expect(error?.step == .schema)
        #expect(error?.message.contains("not a StegCarve state file") == true, "\(String(describing: error))")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before, "byte for byte as it was")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["other.db"], "no -wal, -shm or journal left")
    }

    @Test("a new state file carries StegCarve's application_id and schema version")
    func marksNewFile() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/state.db"
        _ = try StateStore(path: path, configuration: "v1")
        let database = try SQLiteDatabase(path: path)
        #expect(try database.applicationID == StateStore.applicationID)
        #expect(try database.userVersion == StateStore.schemaVersion)
        // The header field itself (offset 68, big-endian), as `file` and other tools read it.
        let header = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)).prefix(72))
        #expect(Array(header[68..<72]) == Array("SGCV".utf8))
    }

    @Test("a state file of the previous version (our exact schema, no application_id) is adopted with its records")
    func adoptsPreviousVersion() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/state.db"
        let name = Array("a.jpg".utf8)
        do {
            let store = try StateStore(path: path, configuration: "v1")
            try store.record([StateStore.Record(path: name, identity: identity, sha256: digest, verdict: "clean", findings: 0, reportJSON: "{}")])
        }
        try SQLiteDatabase(path: path).execute("PRAGMA application_id = 0")
        let store = try StateStore(path: path, configuration: "v1")
        #expect(try store.unchangedReport(path: name, identity: identity)?.reportJSON == "{}")
        #expect(try SQLiteDatabase(path: path).applicationID == StateStore.applicationID)
    }

    @Test("a read-only state file is refused and leaves no -wal or -shm file behind")
    func readOnly() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/state.db"
        do {
            let store = try StateStore(path: path, configuration: "v1")
            try store.record([StateStore.Record(path: [0x61], identity: identity, sha256: digest, verdict: "clean", findings: 0, reportJSON: "{}")])
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["state.db"])
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: path)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let error = #expect(throws: SQLiteError.self) { try StateStore(path: path, configuration: "v1") }
        #expect(error?.step == .open && error?.code == 8, "SQLITE_READONLY: \(String(describing: error))")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["state.db"])
    }
}
