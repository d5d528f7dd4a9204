"""`nhiscan inventory`: rotation across a rename and across two commits, owner fallback 3
(who last changed the line) in a shallow clone, CODEOWNERS per place with GitLab sections,
and --range's narrowed walk. Fixture repositories: inventoryfixture.py (fixed dates/authors)."""
import os
import subprocess

import gitfixture
import inventoryfixture as fx


class LifecycleFixture(gitfixture.SharedCacheTest):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = dict(os.environ, HOME=cls.class_tmp)
        cls.repos_root = os.path.join(cls.class_tmp, "repos")
        os.makedirs(cls.repos_root)
        cls.secrets = fx.lifecycle_secrets()
        cls.commits = {}
        cls.commits.update(fx.build_rotations(cls.repos_root, env, cls.secrets))
        cls.commits.update(fx.build_shallow(cls.repos_root, env, cls.secrets))
        cls.commits.update(fx.build_owners(cls.repos_root, env, cls.secrets))

    def setUp(self):
        super().setUp()
        self.env["NHISCAN_INVENTORY_KEY"] = fx.KEY
        self.env["SOURCE_DATE_EPOCH"] = str(fx.NOW)

    def key(self, name):
        return fx.record_key(self.secrets[name])

    def records(self, repo, *args, rc=1):
        r = self.run_nhiscan("inventory", os.path.join(self.repos_root, repo), "-f", "json", *args)
        self.assertEqual(r.rc, rc, r)
        return {rec["key"]: rec for rec in r.json()["records"]}

    def who(self, commit, name, date):
        return {"commit": self.commits[commit], "date": date, "author_name": f"{name} Example",
                "author_email": f"{name.lower()}@example.com", "committer_name": "CI Committer",
                "committer_email": "ci@example.com", "commit_date": date}


class Rotation(LifecycleFixture):
    def event(self, role, other, path, commit, name, date, removed_in, renamed_from=None):
        return {"role": role, "other_key": self.key(other), "repo": "gamma", "path": path, "slot": "API_TOKEN",
                "commit": self.commits[commit], "date": date, "author_name": f"{name} Example",
                "author_email": f"{name.lower()}@example.com", "removed_in": self.commits[removed_in],
                "renamed_from": renamed_from}

    def test_rotation_across_a_rename_and_across_two_commits(self):
        recs = self.records("gamma")
        self.maxDiff = None
        self.assertEqual(len(recs), 5)
        bob = ("r2", "Bob", "2024-02-01T00:00:00Z")
        dave = ("r4", "Dave", "2024-04-01T00:00:00Z")
        # Bob renamed config/service.env to deploy/service.env and put R2 in R1's slot: git sees
        # the rename, so the slot (path + assignment name) is the same.
        self.assertEqual(recs[self.key("R1")]["rotations"], [
            self.event("replaced", "R2", "config/service.env", *bob, "r2", "config/service.env")])
        # Carol emptied the slot (r3), Dave refilled it (r4): one event, removed_in names r3.
        self.assertEqual(recs[self.key("R2")]["rotations"], [
            self.event("replacement", "R1", "deploy/service.env", *bob, "r2", "config/service.env"),
            self.event("replaced", "R3", "deploy/service.env", *dave, "r3")])
        self.assertEqual(recs[self.key("R3")]["rotations"], [
            self.event("replacement", "R2", "deploy/service.env", *dave, "r3")])
        for name, count, last, never in (("R1", 1, "2024-02-01T00:00:00Z", False),
                                         ("R2", 2, "2024-04-01T00:00:00Z", False),
                                         ("R3", 1, "2024-04-01T00:00:00Z", True)):
            rec = recs[self.key(name)]
            self.assertEqual((rec["rotation_count"], rec["last_rotated_in_code"], rec["never_rotated_over_90_days"]),
                             (count, last, never), name)
        self.assertEqual(recs[self.key("R2")]["removed"], self.who("r3", "Carol", "2024-03-01T00:00:00Z"))
        self.assertEqual(recs[self.key("R3")]["exposure_days"], 91)

    def test_a_renamed_variable_is_another_slot(self):
        recs = self.records("gamma")
        r4, r5 = recs[self.key("R4")], recs[self.key("R5")]
        self.assertEqual([p["slot"] for p in r4["places"]], ["OLD_TOKEN"])
        self.assertEqual([p["slot"] for p in r5["places"]], ["NEW_TOKEN"])
        self.assertEqual((r4["rotations"], r5["rotations"]), ([], []))
        self.assertEqual(r4["removed"], self.who("r2", "Bob", "2024-02-01T00:00:00Z"))

    def moved_token_repo(self, name, old_link):
        """config/a.env holds API_TOKEN=R1 for ten commits while deploy/a.env exists (a file,
        or a symlink with `old_link`); then config/a.env goes and deploy/a.env, a regular file
        with the same settings, gets API_TOKEN=R2. Returns (repo path, the last commit)."""
        b = fx.Builder(self.path(name), self.env)
        b.write("config/a.env", fx.SERVICE_ENV.format(token=f"API_TOKEN={self.secrets['R1']}\n"))
        if old_link:
            os.makedirs(os.path.join(b.path, "deploy"))
            os.symlink("../config/a.env", os.path.join(b.path, "deploy/a.env"))
            b.git("add", "deploy/a.env")
        else:
            b.write("deploy/a.env", "APP_NAME=svc\n")
        b.commit("Alice", "2024-01-01T00:00:00+00:00", "config")
        for day in range(2, 12):
            b.write("README.md", f"# notes {day}\n")
            b.commit("Alice", f"2024-01-{day:02d}T00:00:00+00:00", f"notes {day}")
        b.git("rm", "-q", "deploy/a.env", "config/a.env")
        b.write("deploy/a.env", fx.SERVICE_ENV.format(token=f"API_TOKEN={self.secrets['R2']}\n"))
        return b.path, b.commit("Bob", "2024-02-01T00:00:00+00:00", "move config, new token")

    def test_a_value_moved_into_an_existing_file_is_no_rotation(self):
        # deploy/a.env was a file before: git sees it modified and config/a.env deleted, not a
        # rename (`git diff -M` pairs a deleted file with an added one), so R2 took no slot of R1.
        path, last = self.moved_token_repo("into-existing", old_link=False)
        diff = subprocess.run(["git", "-C", path, "diff", "-M", "--name-status", f"{last}~", last],
                              capture_output=True, text=True, check=True).stdout.splitlines()
        self.assertEqual(diff, ["D\tconfig/a.env", "M\tdeploy/a.env"])
        r = self.run_nhiscan("inventory", path, "-f", "json")
        self.assertEqual(r.rc, 1, r)
        recs = {rec["key"]: rec for rec in r.json()["records"]}
        self.assertEqual([(recs[self.key(n)]["rotations"], recs[self.key(n)]["rotation_count"]) for n in ("R1", "R2")],
                         [([], 0), ([], 0)])

    def test_a_symlink_replaced_by_the_moved_file_is_a_rename(self):
        # deploy/a.env was a symlink: a file replacing it is a deletion plus an addition to
        # git, so config/a.env's move there is a rename and R2 replaced R1 in its slot.
        path, last = self.moved_token_repo("over-symlink", old_link=True)
        r = self.run_nhiscan("inventory", path, "-f", "json")
        self.assertEqual(r.rc, 1, r)
        recs = {rec["key"]: rec for rec in r.json()["records"]}
        bob = {"commit": last, "date": "2024-02-01T00:00:00Z", "author_name": "Bob Example",
               "author_email": "bob@example.com", "removed_in": last, "renamed_from": "config/a.env"}
        self.assertEqual(recs[self.key("R1")]["rotations"], [
            dict(role="replaced", other_key=self.key("R2"), repo="over-symlink", path="config/a.env",
                 slot="API_TOKEN", **bob)])
        self.assertEqual(recs[self.key("R2")]["rotations"], [
            dict(role="replacement", other_key=self.key("R1"), repo="over-symlink", path="deploy/a.env",
                 slot="API_TOKEN", **bob)])

    def test_range_records_equal_the_full_runs(self):
        # The range introduces R3; its record, rotation from R2 included, is the full run's.
        full = self.records("gamma")
        c = self.commits
        ranged = self.records("gamma", "--range", f"{c['r3']}..{c['r4']}")
        self.assertEqual(list(ranged), [self.key("R3")])
        want = dict(full[self.key("R3")], priority=1)
        self.assertEqual(ranged[self.key("R3")], want)


class LongHistory(LifecycleFixture):
    """4,200 linear commits, so that the history walk splits them between two workers (a
    worker takes at least 2,048): R1 arrives at commit 700, R2 replaces it in its slot at 2,300
    (past the split at 2,100), the file goes at 3,500; S1 stays from commit 10 to HEAD."""

    N = 4200

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        s = cls.secrets
        path = os.path.join(cls.repos_root, "long")
        subprocess.run(["git", "init", "-q", "-b", "main", path], check=True)
        out = []
        for i in range(cls.N):
            t = 1704067200 + i * 600
            out.append(f"commit refs/heads/main\nauthor Alice Example <alice@example.com> {t} +0000\n"
                       f"committer CI Committer <ci@example.com> {t} +0000\ndata {len(str(i)) + 1}\nc{i}\n")
            entry = f"entry {i}\n"
            out.append(f"M 100644 inline notes/log.txt\ndata {len(entry)}\n{entry}\n")
            files = {10: ("other/x.env", f"S_TOKEN={s['S1']}\n"),
                     700: ("config/app.env", f"APP=1\nAPI_TOKEN={s['R1']}\n"),
                     2300: ("config/app.env", f"APP=1\nAPI_TOKEN={s['R2']}\n")}
            if i in files:
                name, body = files[i]
                out.append(f"M 100644 inline {name}\ndata {len(body)}\n{body}\n")
            if i == 3500:
                out.append("D config/app.env\n")
        subprocess.run(["git", "-C", path, "fast-import", "--quiet"], input="".join(out).encode(), check=True)
        subprocess.run(["git", "-C", path, "checkout", "-q", "main"], check=True)
        ids = subprocess.run(["git", "-C", path, "rev-list", "--reverse", "main"], capture_output=True, text=True,
                             check=True).stdout.split()
        assert len(ids) == cls.N
        cls.ids = ids

    def test_two_walkers_give_the_one_walkers_records(self):
        one = self.records("long", "-j1")
        two = self.records("long", "-j2")
        self.maxDiff = None
        self.assertEqual(two, one)
        r1, r2, s1 = (two[self.key(n)] for n in ("R1", "R2", "S1"))
        at = lambda rec, field: rec[field]["commit"] if rec[field] else None
        self.assertEqual([(at(r, "first_seen"), at(r, "last_seen"), at(r, "removed")) for r in (r1, r2, s1)],
                         [(self.ids[700], self.ids[2299], self.ids[2300]),
                          (self.ids[2300], self.ids[3499], self.ids[3500]),
                          (self.ids[10], self.ids[-1], None)])
        self.assertEqual([r["rotation_count"] for r in (r1, r2, s1)], [1, 1, 0])
        self.assertEqual([[(e["role"], e["commit"], e["removed_in"]) for e in r["rotations"]] for r in (r1, r2)],
                         [[("replaced", self.ids[2300], self.ids[2300])],
                          [("replacement", self.ids[2300], self.ids[2300])]])


class LineOwner(LifecycleFixture):
    def test_shallow_clone_owner_is_who_last_changed_the_line(self):
        recs = self.records("delta-shallow")
        d2 = self.commits["d2"][:12]
        s1 = recs[self.key("S1")]
        # The clone starts at d2: Bob's commit seems to add both values, but they are older.
        self.assertEqual(s1["first_seen"], self.who("d2", "Bob", "2024-02-01T00:00:00Z"))
        self.assertEqual(s1["owner"], {
            "value": "Zed Example <zed@example.com>", "source": "line-last-changed",
            "reason": f"the introducer is unknown ({d2} has parents this clone lacks (shallow), so the value may be "
                      f"older); Zed Example last changed line 2 of app/settings.env in delta-shallow "
                      f"({self.commits['d3'][:12]})"})
        s2 = recs[self.key("S2")]
        self.assertEqual(s2["owner"], {
            "value": None, "source": "none",
            "reason": f"the introducer is unknown ({d2} has parents this clone lacks (shallow), so the value may be "
                      f"older), and no commit here changed line 3 of app/settings.env in delta-shallow since ({d2} is "
                      "where this history starts or names no author)"})

    def test_an_introducer_without_email_falls_back_to_the_line(self):
        b = fx.Builder(self.path("noemail"), self.env)
        b.write("bot.env", f"A_TOKEN={self.secrets['S1']}\nB_TOKEN={self.secrets['S2']}\n")
        bot = {"GIT_AUTHOR_NAME": "deploy-bot", "GIT_AUTHOR_EMAIL": "", "GIT_AUTHOR_DATE": "2024-01-01T00:00:00+00:00",
               "GIT_COMMITTER_NAME": "CI Committer", "GIT_COMMITTER_EMAIL": "ci@example.com",
               "GIT_COMMITTER_DATE": "2024-01-01T00:00:00+00:00"}
        subprocess.run(["git", "commit", "-q", "-m", "bot"], cwd=b.path, env=dict(b.env, **bot), check=True)
        first = b.git("rev-parse", "HEAD")[:12]
        b.write("bot.env", f"A_TOKEN={self.secrets['S1']} # owned by zed\nB_TOKEN={self.secrets['S2']}\n")
        zed = b.commit("Zed", "2024-02-01T00:00:00+00:00", "note")[:12]
        r = self.run_nhiscan("inventory", b.path, "-f", "json")
        self.assertEqual(r.rc, 1, r)
        recs = {rec["key"]: rec for rec in r.json()["records"]}
        self.assertEqual(recs[self.key("S1")]["owner"], {
            "value": "Zed Example <zed@example.com>", "source": "line-last-changed",
            "reason": f"the introducer is unknown ({first} has no author email); Zed Example last changed line 1 of "
                      f"bot.env in noemail ({zed})"})
        self.assertEqual(recs[self.key("S2")]["owner"], {
            "value": None, "source": "none",
            "reason": f"the introducer is unknown ({first} has no author email), and no commit here changed line 2 of "
                      f"bot.env in noemail since ({first} is where this history starts or names no author)"})

    def test_a_value_found_only_decoded_keeps_its_introducing_author(self):
        # The walk cannot follow a base64-encoded value, but the scan names the first commit
        # whose file held it (Alice's, not Bob's later edit): the introducer is known.
        import base64
        b = fx.Builder(self.path("decoded"), self.env)
        encoded = base64.b64encode(self.secrets["S1"].encode()).decode()
        b.write("values.yaml", f"name: a\ngithub_token_b64: {encoded}\n")
        alice = b.commit("Alice", "2024-01-01T00:00:00+00:00", "values")
        b.write("values.yaml", f"name: b\ngithub_token_b64: {encoded}\n")
        b.commit("Bob", "2024-02-01T00:00:00+00:00", "rename")
        r = self.run_nhiscan("inventory", b.path, "-f", "json")
        self.assertEqual(r.rc, 1, r)
        rec, = r.json()["records"]
        self.assertEqual(rec["places"][0]["status"], "at HEAD (not followed (found base64-decoded))")
        self.assertEqual(rec["owner"], {
            "value": "Alice Example <alice@example.com>", "source": "introducing-author",
            "reason": f"author of {alice[:12]}, which introduced it; no CODEOWNERS line owns values.yaml"})

    def test_full_history_owner_is_the_introducing_author(self):
        recs = self.records("delta")
        for name in ("S1", "S2"):
            owner = recs[self.key(name)]["owner"]
            self.assertEqual((owner["value"], owner["source"]), ("Alice Example <alice@example.com>", "introducing-author"))


class PlaceOwners(LifecycleFixture):
    def test_codeowners_per_place_and_the_records_rule(self):
        rec, = self.records("epsilon").values()
        f = ".gitlab/CODEOWNERS"
        self.assertEqual([(p["path"], p["status"], p["codeowners"]) for p in rec["places"]], [
            ("api/two.txt", "at HEAD elsewhere (app/one.env)", {"owners": ["@api-team"], "rule": f"{f}:5 '/api/' [Backend]"}),
            ("app/one.env", "at HEAD in this file",
             {"owners": ["@root-env", "@backend", "@ops"],
              "rule": f"{f}:2 '*.env', {f}:4 '/app/' [Backend], {f}:7 '*.env' [Ops]"}),
        ])
        # The place still at HEAD decides, though the other one comes first.
        self.assertEqual(rec["owner"], {
            "value": "@root-env @backend @ops", "source": "codeowners",
            "reason": f"{f}:2 '*.env', {f}:4 '/app/' [Backend], {f}:7 '*.env' [Ops] match app/one.env (the last "
                      "matching line of each section wins); other places have other owners (places[].codeowners)"})

    def test_codeowners_locations_in_githubs_order(self):
        # .github/ before the root before docs/ before .gitlab/: each repository here lacks the
        # files before the one that must win.
        layouts = [(".github/CODEOWNERS", "CODEOWNERS"), ("CODEOWNERS", "docs/CODEOWNERS"),
                   ("docs/CODEOWNERS", ".gitlab/CODEOWNERS"), (".gitlab/CODEOWNERS",)]
        for n, files in enumerate(layouts):
            b = fx.Builder(self.path(f"loc{n}"), self.env)
            for f in files:
                b.write(f, f"* @from-{f.replace('/', '-')}\n")
            b.write("app.env", f"TOKEN={self.secrets['O1']}\n")
            b.commit("Alice", "2024-01-01T00:00:00+00:00", "one")
            r = self.run_nhiscan("inventory", b.path, "-f", "json")
            self.assertEqual(r.rc, 1, r)
            rec, = r.json()["records"]
            want = files[0]
            self.assertEqual(rec["owner"], {
                "value": f"@from-{want.replace('/', '-')}", "source": "codeowners",
                "reason": f"{want}:1 '*' matches app.env (the last matching line wins)"}, files)
