"""`nhiscan inventory --db`: reruns update the SQLite store, an older schema migrates, a
damaged, foreign or locked database is a one-line error, and a run killed mid-write leaves
the previous run's records."""
import json
import os
import signal
import sqlite3
import subprocess
import time

import inventoryfixture as fx
import support
from test_inventory import InventoryFixture

DAY = 86400


class Store(InventoryFixture):
    """Each test builds its own repositories: some add commits or prune branches."""

    def setUp(self):
        super().setUp()
        root = os.path.join(self.root, "repos")
        self.secrets, self.commits = fx.build(root, dict(self.env))
        self.alpha = os.path.join(root, "alpha")
        self.beta = os.path.join(root, "beta")
        self.db = self.path("inventory.db")

    def run_db(self, *args, now=fx.NOW, rc=1, env=None):
        e = {"SOURCE_DATE_EPOCH": str(now)}
        e.update(env or {})
        r = self.run_nhiscan("inventory", self.alpha, self.beta, "--db", self.db, "-f", "json", *args, env=e)
        self.assertEqual(r.rc, rc, r)
        return r

    def rows(self):
        with sqlite3.connect(self.db) as c:
            c.row_factory = sqlite3.Row
            return {r["key"]: dict(r) for r in c.execute("SELECT * FROM credentials")}

    def query(self, sql):
        with sqlite3.connect(self.db) as c:
            return c.execute(sql).fetchall()

    def commit_in_alpha(self, rel, text, who, date):
        env = {"GIT_AUTHOR_NAME": who, "GIT_AUTHOR_EMAIL": "kim@example.com", "GIT_AUTHOR_DATE": date,
               "GIT_COMMITTER_NAME": who, "GIT_COMMITTER_EMAIL": "kim@example.com", "GIT_COMMITTER_DATE": date}
        p = os.path.join(self.alpha, rel)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "w") as f:
            f.write(text)
        self.git("add", rel, cwd=self.alpha)
        self.git("commit", "-q", "-m", "more", cwd=self.alpha, env=env)

    def test_first_run_creates_a_versioned_schema(self):
        doc = self.run_db().json()
        self.assertEqual(self.query("PRAGMA user_version"), [(2,)])
        self.assertEqual(self.query("PRAGMA application_id"), [(0x4E484953,)])
        rows = self.rows()
        self.assertEqual(sorted(rows), sorted(r["key"] for r in doc["records"]))
        for r in doc["records"]:
            self.assertEqual(r["first_detected"], "2024-07-01T00:00:00Z")
            self.assertEqual(r["last_detected"], "2024-07-01T00:00:00Z")
            row = rows[r["key"]]
            self.assertEqual((row["first_detected_run"], row["last_seen_run"], row["changed_run"]), (1, 1, 1))
            self.assertIsNone(row["disappeared_at"])
            stored = json.loads(row["record"])
            self.assertEqual(stored["places"], r["places"])
        self.assertEqual(sorted(self.query("SELECT repo, count(*) FROM credential_repos GROUP BY repo")),
                         [("alpha", 7), ("beta", 1)])
        # No secret in the database file.
        with open(self.db, "rb") as f:
            blob = f.read()
        for name, value in self.secrets.items():
            if name != "AWS":
                self.assertNotIn(value.encode(), blob, name)

    def test_rerun_after_one_commit_changes_only_what_changed(self):
        self.run_db()
        before = self.rows()
        new_token = support.github_token()
        self.commit_in_alpha("config/new.env", f"NEW_TOKEN={new_token}\n", "Kim", "2024-06-20T00:00:00+00:00")
        doc = self.run_db(now=fx.NOW + DAY).json()
        after = self.rows()
        new_key = fx.record_key(new_token)
        self.assertEqual(set(after) - set(before), {new_key})
        self.assertEqual((after[new_key]["first_detected_run"], after[new_key]["changed_run"]), (2, 2))
        self.assertEqual(after[new_key]["first_detected_at"], "2024-07-02T00:00:00Z")
        # The new commit is the last sighting of what HEAD still holds; the rest is unchanged.
        moved = {fx.record_key(self.secrets[k]) for k in ("AWS", "PW", "K5")}
        for key, row in before.items():
            a = after[key]
            self.assertEqual(a["first_detected_at"], row["first_detected_at"])
            self.assertEqual(a["first_detected_run"], 1)
            self.assertEqual(a["last_seen_run"], 2)
            self.assertEqual(a["last_seen_at"], "2024-07-02T00:00:00Z")
            self.assertEqual(a["changed_run"], 2 if key in moved else 1, key)
        recs = {r["key"]: r for r in doc["records"]}
        self.assertEqual(recs[fx.record_key(self.secrets["K1"])]["first_detected"], "2024-07-01T00:00:00Z")
        self.assertEqual(recs[new_key]["first_detected"], "2024-07-02T00:00:00Z")
        self.assertEqual(self.query("SELECT id, started_at FROM runs"),
                         [(1, "2024-07-01T00:00:00Z"), (2, "2024-07-02T00:00:00Z")])

    def test_credential_gone_from_the_repository_is_marked_disappeared(self):
        self.run_db()
        # Delete the branch and prune its objects: K3 is no longer anywhere in alpha.
        self.git("branch", "-q", "-D", "staging/deploy", cwd=self.alpha)
        self.git("reflog", "expire", "--expire=now", "--all", cwd=self.alpha)
        self.git("gc", "-q", "--prune=now", cwd=self.alpha)
        doc = self.run_db(now=fx.NOW + DAY).json()
        k3 = fx.record_key(self.secrets["K3"])
        self.assertEqual(doc["disappeared"], [k3])
        rows = self.rows()
        self.assertEqual((rows[k3]["disappeared_at"], rows[k3]["disappeared_run"]), ("2024-07-02T00:00:00Z", 2))
        self.assertEqual(rows[k3]["last_seen_run"], 1)
        self.assertEqual([k for k, r in rows.items() if r["disappeared_at"]], [k3])
        # A third run does not report it again.
        self.assertEqual(self.run_db(now=fx.NOW + 2 * DAY).json()["disappeared"], [])

    def test_older_schema_migrates(self):
        k1 = fx.record_key(self.secrets["K1"])
        with sqlite3.connect(self.db) as c:
            c.executescript("""
                CREATE TABLE runs(id INTEGER PRIMARY KEY, started_at TEXT NOT NULL, repos TEXT NOT NULL);
                CREATE TABLE credentials(key TEXT PRIMARY KEY, first_detected_at TEXT NOT NULL,
                  first_detected_run INTEGER NOT NULL, last_seen_at TEXT NOT NULL, last_seen_run INTEGER NOT NULL,
                  record TEXT NOT NULL);
                PRAGMA application_id = 1313360211;
                PRAGMA user_version = 1;
            """)
            c.execute("INSERT INTO runs VALUES(1, '2024-06-01T00:00:00Z', '[\"alpha\"]')")
            c.execute("INSERT INTO credentials VALUES(?, '2024-06-01T00:00:00Z', 1, '2024-06-01T00:00:00Z', 1, ?)",
                      (k1, json.dumps({"key": k1, "places": [{"repo": "alpha", "path": "config/app.env"}]})))
        doc = self.run_db().json()
        self.assertEqual(self.query("PRAGMA user_version"), [(2,)])
        rows = self.rows()
        self.assertEqual(rows[k1]["first_detected_at"], "2024-06-01T00:00:00Z")
        self.assertEqual((rows[k1]["first_detected_run"], rows[k1]["last_seen_run"], rows[k1]["changed_run"]), (1, 2, 2))
        self.assertEqual(self.query(f"SELECT repo FROM credential_repos WHERE key = '{k1}'"), [("alpha",)])
        recs = {r["key"]: r for r in doc["records"]}
        self.assertEqual(recs[k1]["first_detected"], "2024-06-01T00:00:00Z")
        self.assertEqual(len(rows), 7)

    def expect_error(self, message_start, **kw):
        r = self.run_db(rc=2, **kw)
        self.assertEqual(r.out, "")
        self.assertEqual(len(r.err.splitlines()), 1, r)
        self.assertTrue(r.err.startswith("nhiscan: error: " + message_start), r)

    def test_truncated_database(self):
        self.run_db()
        size = os.path.getsize(self.db)
        self.assertGreater(size, 8192)
        for cut in (size // 2, 100):
            with open(self.db, "r+b") as f:
                f.truncate(cut)
            self.expect_error(f"inventory database '{self.db}' is corrupt")

    def test_foreign_database(self):
        with sqlite3.connect(self.db) as c:
            c.execute("CREATE TABLE notes(x)")
            c.execute("INSERT INTO notes VALUES('keep me')")
        self.expect_error(f"'{self.db}' is not an nhiscan inventory database (application_id 0x0); refusing")
        self.assertEqual(self.query("SELECT x FROM notes"), [("keep me",)])

    def test_not_a_database_file(self):
        with open(self.db, "w") as f:
            f.write("just some text, not SQLite\n" * 200)
        self.expect_error(f"inventory database '{self.db}' is corrupt or not a database")

    def test_newer_schema_is_refused(self):
        self.run_db()
        with sqlite3.connect(self.db) as c:
            c.execute("PRAGMA user_version = 9")
        self.expect_error(f"inventory database '{self.db}' has schema version 9, newer than this nhiscan's 2")

    def test_concurrent_writer_is_refused(self):
        self.run_db()
        holder = sqlite3.connect(self.db, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        try:
            r = self.run_nhiscan("inventory", self.alpha, "--db", self.db, "--busy-timeout", "200")
            self.assertEqual(r.rc, 2, r)
            self.assertEqual(r.err, f"nhiscan: error: inventory database '{self.db}' is in use by another run "
                                    "(waited 200 ms); run again when it has finished\n")
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        self.assertEqual(self.query("SELECT count(*) FROM runs"), [(1,)])

    def test_sigkill_mid_write_leaves_the_previous_run(self):
        self.run_db()
        before = self.rows()
        self.commit_in_alpha("config/new.env", f"NEW_TOKEN={support.github_token()}\n", "Kim",
                             "2024-06-20T00:00:00+00:00")
        env = dict(self.env, SOURCE_DATE_EPOCH=str(fx.NOW + DAY), NHISCAN_INVENTORY_STALL_MS="60000")
        proc = subprocess.Popen([support.BIN, "inventory", self.alpha, self.beta, "--db", self.db, "-q"],
                                env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        journal = self.db + "-journal"
        deadline = time.time() + 120
        # The rollback journal exists while the run's write transaction is open.
        while not os.path.exists(journal) and time.time() < deadline and proc.poll() is None:
            time.sleep(0.02)
        self.assertTrue(os.path.exists(journal), "the run never started writing")
        time.sleep(0.3)  # well inside the stall: rows written, not committed
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        self.assertEqual(self.rows(), before)
        self.assertEqual(self.query("PRAGMA integrity_check"), [("ok",)])
        self.assertEqual(self.query("SELECT count(*) FROM runs"), [(1,)])
        # The next run completes normally on the recovered database.
        self.run_db(now=fx.NOW + DAY)
        self.assertEqual(self.query("SELECT count(*) FROM runs"), [(2,)])
        self.assertEqual(len(self.rows()), len(before) + 1)
