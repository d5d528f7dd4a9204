#include <chrono>
#include <cstdlib>
#include <thread>

#include <fmt/core.h>
#include <sqlite3.h>

#include "core/diag.hpp"
#include "core/error.hpp"
#include "inventory/store.hpp"

namespace nhiscan::inventory {
namespace {

struct DbClose {
    void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct StmtFinalize {
    void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
using Db = std::unique_ptr<sqlite3, DbClose>;
using Stmt = std::unique_ptr<sqlite3_stmt, StmtFinalize>;

// Schema by version; each step migrates from the version before it (docs/inventory.md).
const char* const kCreateV1 = R"(
CREATE TABLE runs(id INTEGER PRIMARY KEY, started_at TEXT NOT NULL, repos TEXT NOT NULL);
CREATE TABLE credentials(
  key TEXT PRIMARY KEY,
  first_detected_at TEXT NOT NULL, first_detected_run INTEGER NOT NULL,
  last_seen_at TEXT NOT NULL, last_seen_run INTEGER NOT NULL,
  record TEXT NOT NULL);
)";
const char* const kMigrateV1toV2 = R"(
ALTER TABLE credentials ADD COLUMN changed_run INTEGER;
ALTER TABLE credentials ADD COLUMN disappeared_at TEXT;
ALTER TABLE credentials ADD COLUMN disappeared_run INTEGER;
UPDATE credentials SET changed_run = last_seen_run;
CREATE TABLE credential_repos(key TEXT NOT NULL REFERENCES credentials(key), repo TEXT NOT NULL,
                              PRIMARY KEY(key, repo));
INSERT OR IGNORE INTO credential_repos(key, repo)
  SELECT c.key, json_extract(p.value, '$.repo') FROM credentials c, json_each(c.record, '$.places') p
  WHERE json_extract(p.value, '$.repo') IS NOT NULL;
)";

class SqliteStore final : public Store {
public:
    SqliteStore(const std::string& path, int busy_timeout_ms) : path_(path), timeout_(busy_timeout_ms) {
        sqlite3* raw = nullptr;
        int rc = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
        db_.reset(raw);
        if (rc != SQLITE_OK) fail("cannot open");
        sqlite3_extended_result_codes(db_.get(), 1);
        sqlite3_busy_timeout(db_.get(), busy_timeout_ms);
        check();
    }

    RunResult record_run(const std::vector<Record>& records, const RunInfo& info) override {
        // IMMEDIATE takes the write lock now: a second writer waits up to the busy timeout,
        // then gets a clear refusal instead of a half-done run.
        exec("BEGIN IMMEDIATE");
        try {
            RunResult out = write_run(records, info);
            if (const char* stall = std::getenv("NHISCAN_INVENTORY_STALL_MS"))  // fault-injection tests only
                std::this_thread::sleep_for(std::chrono::milliseconds(std::atoi(stall)));
            exec("COMMIT");
            return out;
        } catch (...) {
            sqlite3_exec(db_.get(), "ROLLBACK", nullptr, nullptr, nullptr);
            throw;
        }
    }

private:
    [[noreturn]] void fail(const char* what) {
        int code = db_ ? sqlite3_extended_errcode(db_.get()) : SQLITE_CANTOPEN;
        std::string msg = db_ ? sqlite3_errmsg(db_.get()) : "out of memory";
        if ((code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED)
            throw Error(fmt::format("inventory database '{}' is in use by another run (waited {} ms); run again when it "
                                    "has finished",
                                    diag::printable(path_), timeout_));
        if ((code & 0xff) == SQLITE_NOTADB || (code & 0xff) == SQLITE_CORRUPT)
            throw Error(fmt::format("inventory database '{}' is corrupt or not a database ({}); restore it from a backup or "
                                    "use another --db",
                                    diag::printable(path_), msg));
        throw Error(fmt::format("inventory database '{}': {}: {}", diag::printable(path_), what, msg));
    }

    void exec(const char* sql) {
        if (sqlite3_exec(db_.get(), sql, nullptr, nullptr, nullptr) != SQLITE_OK) fail("statement failed");
    }

    Stmt prepare(const char* sql) {
        sqlite3_stmt* raw = nullptr;
        if (sqlite3_prepare_v2(db_.get(), sql, -1, &raw, nullptr) != SQLITE_OK) fail("cannot prepare a statement");
        return Stmt(raw);
    }

    void bind(sqlite3_stmt* s, int i, const std::string& v) {
        if (sqlite3_bind_text(s, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT) != SQLITE_OK) fail("bind");
    }
    void bind(sqlite3_stmt* s, int i, std::int64_t v) {
        if (sqlite3_bind_int64(s, i, v) != SQLITE_OK) fail("bind");
    }
    // Steps a statement to completion (no rows wanted) and resets it for reuse.
    void run(sqlite3_stmt* s) {
        int rc = sqlite3_step(s);
        if (rc != SQLITE_DONE && rc != SQLITE_ROW) fail("write failed");
        sqlite3_reset(s);
        sqlite3_clear_bindings(s);
    }
    std::int64_t pragma_int(const char* sql) {
        Stmt s = prepare(sql);
        int rc = sqlite3_step(s.get());
        if (rc == SQLITE_ROW) return sqlite3_column_int64(s.get(), 0);
        if (rc != SQLITE_DONE) fail("cannot read the database header");
        return 0;
    }
    static std::string column_text(sqlite3_stmt* s, int i) {
        const unsigned char* t = sqlite3_column_text(s, i);
        return t ? reinterpret_cast<const char*>(t) : "";
    }

    // What kind of file this is, before any scan: an error here costs nothing. Returns the
    // schema version (0: a new, empty file).
    std::int64_t check() {
        Stmt check = prepare("PRAGMA quick_check");
        int rc = sqlite3_step(check.get());
        if (rc != SQLITE_ROW) fail("integrity check failed");
        std::string verdict = column_text(check.get(), 0);
        if (verdict != "ok")
            throw Error(fmt::format("inventory database '{}' is corrupt ({}); restore it from a backup or use another --db",
                                    diag::printable(path_), diag::printable(verdict.substr(0, 120))));
        check.reset();
        std::int64_t app = pragma_int("PRAGMA application_id");
        std::int64_t version = pragma_int("PRAGMA user_version");
        std::int64_t tables = pragma_int("SELECT count(*) FROM sqlite_schema");
        if (app == 0 && version == 0 && tables == 0) return 0;
        if (app != kApplicationId)
            throw Error(fmt::format("'{}' is not an nhiscan inventory database (application_id {:#x}); refusing to write to it",
                                    diag::printable(path_), app));
        if (version > kSchemaVersion)
            throw Error(fmt::format("inventory database '{}' has schema version {}, newer than this nhiscan's {}; upgrade "
                                    "nhiscan",
                                    diag::printable(path_), version, kSchemaVersion));
        if (version < 1) throw Error(fmt::format("inventory database '{}' has no schema version", diag::printable(path_)));
        return version;
    }

    // Creates or migrates the schema, inside the run's transaction (a concurrent first run
    // may have done it meanwhile, so the version is read again under the lock).
    void ensure_schema() {
        std::int64_t version = check();
        if (version == 0) {
            exec(kCreateV1);
            version = 1;
            exec(fmt::format("PRAGMA application_id = {}", kApplicationId).c_str());
        }
        if (version == 1) {
            exec(kMigrateV1toV2);
            version = 2;
        }
        exec(fmt::format("PRAGMA user_version = {}", version).c_str());
    }

    // The record's facts: what changes with the clock or with other records is left out, so
    // a rerun that finds the same facts leaves `changed_run` alone.
    static std::string facts_of(nlohmann::json j) {
        for (const char* volatile_field : {"exposure_days", "priority", "first_detected", "last_detected"})
            j.erase(volatile_field);
        return j.dump();
    }

    RunResult write_run(const std::vector<Record>& records, const RunInfo& info) {
        ensure_schema();
        RunResult out;
        {
            Stmt s = prepare("INSERT INTO runs(started_at, repos) VALUES(?1, ?2)");
            bind(s.get(), 1, info.at);
            bind(s.get(), 2, nlohmann::json(info.repos).dump());
            run(s.get());
            out.run = sqlite3_last_insert_rowid(db_.get());
        }
        Stmt select = prepare("SELECT record, first_detected_at FROM credentials WHERE key = ?1");
        Stmt insert = prepare(
            "INSERT INTO credentials(key, first_detected_at, first_detected_run, last_seen_at, last_seen_run, record, "
            "changed_run) VALUES(?1, ?2, ?3, ?2, ?3, ?4, ?3)");
        Stmt update = prepare(
            "UPDATE credentials SET last_seen_at = ?2, last_seen_run = ?3, record = ?4, disappeared_at = NULL, "
            "disappeared_run = NULL, changed_run = CASE WHEN ?5 THEN ?3 ELSE changed_run END WHERE key = ?1");
        Stmt add_repo = prepare("INSERT OR IGNORE INTO credential_repos(key, repo) VALUES(?1, ?2)");
        for (const auto& r : records) {
            std::string json = to_json(r).dump();
            bind(select.get(), 1, r.key);
            int rc = sqlite3_step(select.get());
            if (rc != SQLITE_ROW && rc != SQLITE_DONE) fail("read failed");
            Detection d{info.at, info.at};
            if (rc == SQLITE_ROW) {
                auto old = nlohmann::json::parse(column_text(select.get(), 0), nullptr, false);
                d.first_detected = column_text(select.get(), 1);
                sqlite3_reset(select.get());
                bool changed = old.is_discarded() || facts_of(old) != facts_of(to_json(r));
                bind(update.get(), 1, r.key);
                bind(update.get(), 2, info.at);
                bind(update.get(), 3, out.run);
                bind(update.get(), 4, json);
                bind(update.get(), 5, std::int64_t(changed));
                run(update.get());
            } else {
                sqlite3_reset(select.get());
                bind(insert.get(), 1, r.key);
                bind(insert.get(), 2, info.at);
                bind(insert.get(), 3, out.run);
                bind(insert.get(), 4, json);
                run(insert.get());
            }
            for (const auto& p : r.places) {
                bind(add_repo.get(), 1, r.key);
                bind(add_repo.get(), 2, p.repo);
                run(add_repo.get());
            }
            out.detections[r.key] = d;
        }
        // Credentials of the scanned repositories this run did not see: gone since the last run.
        Stmt gone = prepare(
            "SELECT DISTINCT c.key FROM credentials c JOIN credential_repos r ON r.key = c.key "
            "WHERE r.repo = ?1 AND c.last_seen_run < ?2 AND c.disappeared_at IS NULL ORDER BY c.key");
        Stmt mark = prepare("UPDATE credentials SET disappeared_at = ?2, disappeared_run = ?3 WHERE key = ?1");
        for (const auto& repo : info.repos) {
            bind(gone.get(), 1, repo);
            bind(gone.get(), 2, out.run);
            std::vector<std::string> keys;
            int rc;
            while ((rc = sqlite3_step(gone.get())) == SQLITE_ROW) keys.push_back(column_text(gone.get(), 0));
            if (rc != SQLITE_DONE) fail("read failed");
            sqlite3_reset(gone.get());
            for (const auto& k : keys) {
                bind(mark.get(), 1, k);
                bind(mark.get(), 2, info.at);
                bind(mark.get(), 3, out.run);
                run(mark.get());
                out.disappeared.push_back(k);
            }
        }
        return out;
    }

    std::string path_;
    int timeout_;
    Db db_;
};

}  // namespace

std::unique_ptr<Store> open_sqlite_store(const std::string& path, int busy_timeout_ms) {
    return std::make_unique<SqliteStore>(path, busy_timeout_ms);
}

}  // namespace nhiscan::inventory
