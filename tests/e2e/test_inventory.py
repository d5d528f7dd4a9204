"""`nhiscan inventory` on the fixture repositories (inventoryfixture.py): every field of every
record, exactly; the outputs; the triage file; bad input."""
import csv
import io
import json
import os

import gitfixture
import support
import inventoryfixture as fx

UNKNOWN_USE = {"value": None, "reason": "git history does not record use at the provider; only the provider's audit log does"}
UNKNOWN_LIVE = {"value": None, "reason": "not validated: nhiscan makes no network calls (live validation is issue 13)"}
ALL_REFS = ["refs/heads/main", "refs/heads/staging/deploy", "refs/tags/v1.0"]


class InventoryFixture(gitfixture.SharedCacheTest):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = dict(os.environ, HOME=cls.class_tmp)
        cls.repos = os.path.join(cls.class_tmp, "repos")
        cls.secrets, cls.commits = fx.build(cls.repos, env)
        cls.alpha = os.path.join(cls.repos, "alpha")
        cls.beta = os.path.join(cls.repos, "beta")

    def setUp(self):
        super().setUp()
        self.env["NHISCAN_INVENTORY_KEY"] = fx.KEY
        self.env["SOURCE_DATE_EPOCH"] = str(fx.NOW)

    def inventory(self, *args, repos=None, rc=1):
        r = self.run_nhiscan("inventory", *(repos or [self.alpha, self.beta]), *args)
        self.assertEqual(r.rc, rc, r)
        return r

    def key(self, name):
        return fx.record_key(self.secrets[name])

    def who(self, commit, name, date):
        return {"commit": self.commits[commit], "date": date, "author_name": f"{name} Example",
                "author_email": f"{name.lower()}@example.com", "committer_name": "CI Committer",
                "committer_email": "ci@example.com", "commit_date": date}


class Records(InventoryFixture):
    def expected(self):
        c = self.commits
        s = self.secrets
        triage_file = os.path.join(self.beta, ".nhiscan", "triage.toml")

        # HEAD's CODEOWNERS lines per place (beta has no CODEOWNERS file).
        owners_of = {"ci/deploy.sh": (["@org/everyone"], 2, "*"), "ci/release.sh": (["@org/everyone"], 2, "*"),
                     "tests/fixtures/creds.py": ([], 5, "/tests/"), "config/db.yml": (["@org/platform"], 3, "/config/"),
                     "config/app.env": (["@org/env-owners"], 4, "*.env"), "deploy/keys.txt": (["@org/everyone"], 2, "*"),
                     "notes/tag.txt": (["@org/everyone"], 2, "*")}

        def codeowners(repo, path):
            if repo != "alpha":
                return None
            names, line, pattern = owners_of[path]
            return {"owners": names, "rule": f".github/CODEOWNERS:{line} '{pattern}'"}

        def place(repo, path, slot, line, first, last, status, last_line=None):
            return {"repo": repo, "path": path, "slot": slot, "first_line": line, "last_line": last_line or line,
                    "first_commit": c[first], "last_commit": c[last], "status": status,
                    "codeowners": codeowners(repo, path)}

        def rotation(role, other, who):
            return {"role": role, "other_key": self.key(other), "repo": "alpha", "path": "config/app.env",
                    "slot": "GITHUB_TOKEN", "commit": who["commit"], "date": who["date"],
                    "author_name": who["author_name"], "author_email": who["author_email"],
                    "removed_in": who["commit"], "renamed_from": None}

        def record(**kw):
            base = {"rules": ["github-pat-classic"], "provider": "GitHub", "kind": "token", "severity": "critical",
                    "reused": False, "repo_count": 1, "removed": None, "state": "at HEAD", "state_reason": None,
                    "rotations": [], "rotation_count": 0, "last_rotated_in_code": None, "triage": None,
                    "last_used": UNKNOWN_USE, "live": UNKNOWN_LIVE}
            base.update(kw)
            return base

        def token_id(name):
            return {"type": "prefix+last4", "value": "ghp_..." + s[name][-4:]}

        production = {"value": "production", "reason": "on the default branch 'refs/heads/main', with no path hint"}
        env_owners = lambda path: {"value": "@org/env-owners", "source": "codeowners",
                                   "reason": f".github/CODEOWNERS:4 '*.env' matches {path} (the last matching line wins)"}
        everyone = lambda path: {"value": "@org/everyone", "source": "codeowners",
                                 "reason": f".github/CODEOWNERS:2 '*' matches {path} (the last matching line wins)"}
        bob = self.who("c3", "Bob", "2024-02-15T00:00:00Z")
        carol = self.who("c8", "Carol", "2024-06-01T00:00:00Z")
        return [
            # K5: in two repositories and moved within alpha; triaged in beta.
            record(key=self.key("K5"), public_id=token_id("K5"), priority=1,
                   places=[place("alpha", "ci/deploy.sh", "GH_TOKEN", 2, "c6", "c6", "at HEAD elsewhere (ci/release.sh)"),
                           place("alpha", "ci/release.sh", "GH_TOKEN", 2, "c7", "c8", "at HEAD in this file"),
                           place("beta", "scripts/run.sh", "GH_TOKEN", 2, "b1", "b1", "at HEAD in this file")],
                   refs=["refs/heads/main"], reused=True, repo_count=2,
                   first_seen=self.who("c6", "Heidi", "2024-05-01T00:00:00Z"), last_seen=carol,
                   exposure_days=61, exposure_end="now (still at HEAD)", never_rotated_over_90_days=False,
                   owner={"value": "@org/sec", "source": "triage", "reason": f"set in the triage file ({triage_file}:2)"},
                   environment=production,
                   triage={"status": "accepted-risk", "owner": "@org/sec", "note": "CI token, scoped to one repository",
                           "reviewer": "rita", "date": "2024-05-03"}),
            # A key under tests/: CODEOWNERS' /tests/ line names nobody, so the author owns it.
            record(key=self.key("AWS"), rules=["aws-access-key-id"], provider="AWS", kind="api-key", severity="high",
                   public_id={"type": "aws-access-key-id", "value": s["AWS"]}, priority=2,
                   places=[place("alpha", "tests/fixtures/creds.py", "AWS_KEY", 3, "c4", "c8", "at HEAD in this file")],
                   refs=ALL_REFS, first_seen=self.who("c4", "Dave", "2024-03-01T00:00:00Z"), last_seen=carol,
                   exposure_days=122, exposure_end="now (still at HEAD)", never_rotated_over_90_days=True,
                   owner={"value": "Dave Example <dave@example.com>", "source": "introducing-author",
                          "reason": f"author of {c['c4'][:12]}, which introduced it; no CODEOWNERS line owns "
                                    "tests/fixtures/creds.py"},
                   environment={"value": "test", "reason": "path 'tests/fixtures/creds.py' in alpha"}),
            record(key=fx.record_key(s["PW"]), rules=["postgres-connection-uri"], provider="PostgreSQL",
                   kind="connection-string", severity="high",
                   public_id={"type": "user@host", "value": "svc_app@db.internal"}, priority=3,
                   places=[place("alpha", "config/db.yml", "url", 2, "c5", "c8", "at HEAD in this file")],
                   refs=ALL_REFS, first_seen=self.who("c5", "Erin", "2024-03-10T00:00:00Z"), last_seen=carol,
                   exposure_days=113, exposure_end="now (still at HEAD)", never_rotated_over_90_days=True,
                   owner={"value": "@org/platform", "source": "codeowners",
                          "reason": ".github/CODEOWNERS:3 '/config/' matches config/db.yml (the last matching line wins)"},
                   environment=production),
            # K2: Bob's rotation of K1, removed from main by Carol, still at staging/deploy's tip.
            record(key=self.key("K2"), public_id=token_id("K2"), priority=4,
                   places=[place("alpha", "config/app.env", "GITHUB_TOKEN", 2, "c3", "c7", "history only")],
                   refs=ALL_REFS, first_seen=bob, last_seen=self.who("c7", "Judy", "2024-05-10T00:00:00Z"),
                   removed=carol, state="removed",
                   exposure_days=137, exposure_end="now (still at the tip of refs/heads/staging/deploy)",
                   rotations=[rotation("replacement", "K1", bob)], rotation_count=1,
                   last_rotated_in_code="2024-02-15T00:00:00Z", never_rotated_over_90_days=True,
                   owner=env_owners("config/app.env"), environment=production),
            # Only on a branch.
            record(key=self.key("K3"), public_id=token_id("K3"), priority=5,
                   places=[place("alpha", "deploy/keys.txt", "token", 2, "f1", "f1", "history only")],
                   refs=["refs/heads/staging/deploy"], first_seen=self.who("f1", "Frank", "2024-04-01T00:00:00Z"),
                   last_seen=self.who("f1", "Frank", "2024-04-01T00:00:00Z"), state="not on the default branch",
                   state_reason="no commit of the default branch holds it; only other refs do",
                   exposure_days=91, exposure_end="now (still at the tip of refs/heads/staging/deploy)",
                   never_rotated_over_90_days=True, owner=everyone("deploy/keys.txt"),
                   environment={"value": "staging", "reason": "ref 'refs/heads/staging/deploy'"}),
            # Only in a tag.
            record(key=self.key("K4"), public_id=token_id("K4"), priority=6,
                   places=[place("alpha", "notes/tag.txt", "token", 1, "g1", "g1", "history only")],
                   refs=["refs/tags/v1.0"], first_seen=self.who("g1", "Grace", "2024-04-05T00:00:00Z"),
                   last_seen=self.who("g1", "Grace", "2024-04-05T00:00:00Z"), state="not on the default branch",
                   state_reason="no commit of the default branch holds it; only other refs do",
                   exposure_days=87, exposure_end="now (still at the tip of refs/tags/v1.0)",
                   never_rotated_over_90_days=False, owner=everyone("notes/tag.txt"),
                   environment={"value": "unknown", "reason": "no path or ref hint, and not on the default branch"}),
            # K1: introduced by Alice, rotated (replaced) by Bob, which also removed it.
            record(key=self.key("K1"), public_id=token_id("K1"), priority=7,
                   places=[place("alpha", "config/app.env", "GITHUB_TOKEN", 2, "c2", "c2", "history only")],
                   refs=ALL_REFS, first_seen=self.who("c2", "Alice", "2024-01-02T00:00:00Z"),
                   last_seen=self.who("c2", "Alice", "2024-01-02T00:00:00Z"), removed=bob, state="removed",
                   exposure_days=44, exposure_end="removal", rotations=[rotation("replaced", "K2", bob)],
                   rotation_count=1, last_rotated_in_code="2024-02-15T00:00:00Z", never_rotated_over_90_days=False,
                   owner=env_owners("config/app.env"), environment=production),
        ]

    def test_every_field_of_every_record(self):
        doc = self.inventory("-f", "json").json()
        self.maxDiff = None
        self.assertEqual(doc["repos"], ["alpha", "beta"])
        self.assertEqual(doc["generated_at"], "2024-07-01T00:00:00Z")
        self.assertEqual(doc["disappeared"], [])
        expected = self.expected()
        self.assertEqual([r["key"] for r in doc["records"]], [r["key"] for r in expected])
        for got, want in zip(doc["records"], expected):
            self.assertEqual(got, want, want["key"])

    def test_summary_counts(self):
        doc = self.inventory("-f", "json").json()
        self.assertEqual(doc["summary"], {
            "total": 7,
            "provider": {"AWS": 1, "GitHub": 5, "PostgreSQL": 1},
            "severity": {"critical": 5, "high": 2},
            "owner": {"@org/env-owners": 2, "@org/everyone": 2, "@org/platform": 1, "@org/sec": 1,
                      "Dave Example <dave@example.com>": 1},
            "environment": {"production": 4, "staging": 1, "test": 1, "unknown": 1},
            "state": {"at HEAD": 3, "not on the default branch": 2, "removed": 2},
            "exposure": {"30-89 days": 3, "90-365 days": 4},
        })

    def test_stale_triage_entry_is_reported(self):
        r = self.inventory("-f", "json")
        where = os.path.join(self.beta, ".nhiscan", "triage.toml") + ":10"
        self.assertEqual(r.json()["stale_triage"], [{"key": fx.STALE_KEY, "where": where, "status": "revoked"}])
        self.assertIn(f"nhiscan: notice: stale triage entry at {where}: no credential has key {fx.STALE_KEY[:16]}", r.err)

    def test_agrees_with_nhiscan_git(self):
        # The inventory's first sighting per place is `nhiscan git`'s introducing commit, and
        # "at HEAD in this file" is its in_head for that path.
        git = self.run_nhiscan("git", self.alpha, "-f", "jsonl", "--no-redact")
        self.assertEqual(git.rc, 1, git)
        inv = {r["key"]: r for r in self.inventory("-f", "json").json()["records"]}
        for f in git.jsonl():
            rec = inv[fx.record_key(f["secret"])]
            place = [p for p in rec["places"] if p["repo"] == "alpha" and p["path"] == f["path"]]
            self.assertEqual(len(place), 1, f["path"])
            self.assertEqual(place[0]["first_commit"], f["commit"], f["path"])
            self.assertEqual(place[0]["first_line"], f["line"], f["path"])
            head = {"this-file": "at HEAD in this file", "history-only": "history only",
                    "elsewhere": f"at HEAD elsewhere ({f.get('head_path')})"}[f["head_status"]]
            self.assertEqual(place[0]["status"], head, f["path"])

    def test_jsonl_is_one_record_per_line(self):
        lines = self.inventory("-f", "jsonl").jsonl()
        doc = self.inventory("-f", "json").json()
        self.assertEqual(lines, doc["records"])

    def test_csv(self):
        out = self.inventory("-f", "csv").out
        rows = list(csv.DictReader(io.StringIO(out)))
        self.assertEqual([r["key"] for r in rows], [r["key"] for r in self.expected()])
        k1 = rows[6]
        self.assertEqual(k1["priority"], "7")
        self.assertEqual(k1["removed_commit"], self.commits["c3"])
        self.assertEqual(k1["removed_author"], "bob@example.com")
        self.assertEqual(k1["rotation_count"], "1")
        self.assertEqual(k1["places"], "alpha:config/app.env:2")
        self.assertEqual(k1["refs"], ";".join(ALL_REFS))
        self.assertEqual(rows[0]["triage_status"], "accepted-risk")
        self.assertEqual(rows[0]["places"], "alpha:ci/deploy.sh:2;alpha:ci/release.sh:2;beta:scripts/run.sh:2")

    def test_text_is_grouped_by_owner(self):
        out = self.inventory().out
        heads = [l for l in out.splitlines() if l and not l.startswith(" ")]
        self.assertEqual(heads[:5], [
            "@org/sec  (triage, 1 credential)",
            "Dave Example <dave@example.com>  (introducing-author, 1 credential)",
            "@org/platform  (codeowners, 1 credential)",
            "@org/env-owners  (codeowners, 2 credentials)",
            "@org/everyone  (codeowners, 2 credentials)",
        ])
        self.assertIn("7 credentials, 3 still at HEAD", out)
        self.assertIn("alpha:ci/deploy.sh:2 (+2 more)", out)

    def test_no_secret_in_any_output(self):
        secret_values = [v for k, v in self.secrets.items() if k != "AWS"]  # the AWS key id is public
        for fmt in ("text", "json", "jsonl", "csv", "html"):
            r = self.inventory("-f", fmt)
            for v in secret_values:
                self.assertNotIn(v, r.out, fmt)
                self.assertNotIn(v, r.err, fmt)

    def test_report_file(self):
        path = self.path("inv.json")
        r = self.inventory("-f", "json", "-o", path)
        self.assertEqual(r.out, "")
        with open(path) as f:
            self.assertEqual(len(json.load(f)["records"]), 7)


class KeyHandling(InventoryFixture):
    def test_key_file_is_created_with_a_notice_and_reused(self):
        self.env.pop("NHISCAN_INVENTORY_KEY")
        r1 = self.inventory("-f", "jsonl", repos=[self.beta])
        key_path = os.path.join(self.home, ".config", "nhiscan", "inventory.key")
        self.assertIn(f"nhiscan: notice: created a new inventory key in '{key_path}'", r1.err)
        self.assertEqual(os.stat(key_path).st_mode & 0o777, 0o600)
        r2 = self.inventory("-f", "jsonl", repos=[self.beta])
        self.assertNotIn("created a new inventory key", r2.err)
        self.assertEqual(r1.jsonl()[0]["key"], r2.jsonl()[0]["key"])
        # A different key gives different record keys (and so the triage entry goes stale).
        self.assertNotEqual(r1.jsonl()[0]["key"], self.key("K5"))

    def test_key_file_option(self):
        path = self.path("k")
        with open(path, "w") as f:
            f.write(fx.KEY + "\n")
        self.env.pop("NHISCAN_INVENTORY_KEY")
        r = self.inventory("-f", "jsonl", "--key-file", path, repos=[self.beta])
        self.assertEqual(r.jsonl()[0]["key"], self.key("K5"))

    def test_short_key_is_an_error(self):
        r = self.run_nhiscan(
            "inventory", self.beta, env={"NHISCAN_INVENTORY_KEY": "short"})
        self.assertEqual(r.rc, 2, r)
        self.assertEqual(r.err, "nhiscan: error: the inventory key from environment variable NHISCAN_INVENTORY_KEY is "
                                "too short (5 bytes; at least 16)\n")


class BadInput(InventoryFixture):
    def test_bad_triage_status(self):
        path = self.write("t.toml", f'[[credential]]\nkey = "{fx.STALE_KEY}"\nstatus = "wontfix"\n')
        r = self.run_nhiscan("inventory", self.beta, "--triage", path)
        self.assertEqual(r.rc, 2, r)
        self.assertEqual(r.err, f"nhiscan: error: {path}:1: unknown status 'wontfix' (open, accepted-risk, "
                                "false-positive, rotated, revoked)\n")

    def test_not_a_repository(self):
        r = self.run_nhiscan("inventory", self.tmp)
        self.assertEqual(r.rc, 2, r)
        self.assertEqual(len(r.err.splitlines()), 1, r)

    def test_same_name_twice(self):
        r = self.run_nhiscan("inventory", self.alpha, self.alpha)
        self.assertEqual(r.rc, 2, r)
        self.assertIn("two repositories are both named 'alpha'", r.err)

    def test_clean_repository_exits_0(self):
        self.git("init", "-q", "-b", "main")
        self.write("a.txt", "nothing\n")
        self.git("add", "a.txt")
        self.git("commit", "-q", "-m", "a")
        r = self.run_nhiscan("inventory", self.tmp, "-f", "json")
        self.assertEqual(r.rc, 0, r)
        self.assertEqual(r.json()["records"], [])


class DecodedValue(InventoryFixture):
    def test_a_value_found_only_decoded_keeps_the_scans_facts(self):
        import base64
        token = support.github_token()
        self.git("init", "-q", "-b", "main")
        self.write("deploy/values.yaml", "github_token_b64: " + base64.b64encode(token.encode()).decode() + "\n")
        self.git("add", ".")
        self.git("commit", "-q", "-m", "encoded")
        commit = self.git("rev-parse", "HEAD").strip()
        git = self.run_nhiscan("git", self.tmp, "-f", "jsonl", "--no-redact")
        self.assertEqual([(f["secret"], f["decoded"]) for f in git.jsonl()], [(token, "base64")], git)
        r = self.run_nhiscan("inventory", self.tmp, "-f", "json")
        self.assertEqual(r.rc, 1, r)
        rec, = r.json()["records"]
        self.assertEqual(rec["key"], fx.record_key(token))
        self.assertEqual(rec["places"], [{"repo": "work", "path": "deploy/values.yaml", "slot": None, "first_line": 1,
                                          "last_line": 1, "first_commit": commit, "last_commit": commit,
                                          "status": "at HEAD (not followed (found base64-decoded))",
                                          "codeowners": None}])
        self.assertEqual(rec["state"], "at HEAD")
        self.assertEqual(rec["first_seen"]["commit"], commit)
        self.assertNotIn(token, r.out)


class Range(InventoryFixture):
    def test_range_lists_the_credentials_it_introduces_with_their_whole_life(self):
        c = self.commits
        full = {r["key"]: r for r in self.inventory("-f", "json", repos=[self.alpha]).json()["records"]}
        r = self.inventory("-f", "json", "--range", f"{c['c5']}..{c['c6']}", repos=[self.alpha])
        recs = r.json()["records"]
        k5 = self.key("K5")
        self.assertEqual([x["key"] for x in recs], [k5])
        self.assertEqual(recs[0]["places"], full[k5]["places"])  # the move to ci/release.sh is followed
        self.assertEqual(recs[0]["state"], "at HEAD")
        self.assertEqual(recs[0]["priority"], 1)

    def test_range_stale_triage_is_judged_against_the_whole_history(self):
        # K1 is outside the range but in the history: its entry is not stale; the other is.
        c = self.commits
        path = self.write("t.toml", f'[[credential]]\nkey = "{self.key("K1")}"\nstatus = "rotated"\n\n'
                                    f'[[credential]]\nkey = "{fx.STALE_KEY}"\nstatus = "revoked"\n')
        r = self.inventory("-f", "json", "--triage", path, "--range", f"{c['c5']}..{c['c6']}", repos=[self.alpha])
        self.assertEqual([x["key"] for x in r.json()["records"]], [self.key("K5")])
        self.assertEqual(r.json()["stale_triage"], [{"key": fx.STALE_KEY, "where": path + ":5", "status": "revoked"}])

    def test_range_with_nothing_new(self):
        c = self.commits
        r = self.inventory("-f", "json", "--range", f"{c['c7']}..{c['c8']}", repos=[self.alpha], rc=0)
        self.assertEqual(r.json()["records"], [])

    def test_range_takes_one_repository(self):
        r = self.run_nhiscan("inventory", self.alpha, self.beta, "--range", "HEAD~1..HEAD")
        self.assertEqual(r.rc, 2, r)
        self.assertIn("--range takes one repository", r.err)
