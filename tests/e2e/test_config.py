"""Repository config (.nhiscan.toml at the repository root, or -c FILE): extend or replace the
built-in pack, disable rules, custom rules, global and per-rule allowlists, overrides; errors
that name file:line; `nhiscan rules check` on a config's rules.
"""
import json
import os
import unittest

import support
from support import NhiscanTest, github_token, rand_chars
from validators import SharedCacheMixin

# Every config below starts with this rule, so configs that differ only in allowlists and
# overrides share one compiled database (the cache key is the rules' ids and patterns).
ACME_RULE = """
[[rules]]
id = "acme-api-key"
name = "Acme API key"
provider = "Acme"
kind = "api-key"
severity = "medium"
pattern = '''\\b(acme_[a-z0-9]{16})\\b'''
remediation = "Rotate the key in the Acme console."
examples = ["key = acme_0123456789abcdef", "ACME_KEY=acme_abcdefabcdef0123"]  # nhiscan:allow
negative_examples = ["acme_short", "acme_0123456789abcdef0123"]
"""


class ConfigTest(SharedCacheMixin, NhiscanTest):
    def setUp(self):
        super().setUp()
        self.gh = github_token()
        self.gh_fixture = github_token()
        self.acme = "acme_" + rand_chars(16, "abcdefghijklmnopqrstuvwxyz0123456789")
        self.acme_dummy = "acme_dummy" + rand_chars(11, "0123456789")
        self.acme_zero = "acme_0000" + rand_chars(12, "123456789")
        self.git("init", "-q", "-b", "main")
        self.write("app/main.py", f'GH = "{self.gh}"\nACME = "{self.acme}"\n')
        # Not a test path (docs/rules.md): these tests are about allowlists, not test paths.
        self.write("vendored/sample.py", f'GH = "{self.gh_fixture}"\nACME = "{self.acme}"\n')
        self.write("docs/example.md", f"key: {self.acme_dummy}\nother: {self.acme_zero}\n")

    def config(self, body, name=".nhiscan.toml", acme=True):
        # Top-level keys first: in TOML, keys after [[rules]] belong to that rule.
        return self.write(name, body + (ACME_RULE if acme else ""))

    def findings(self, *args, expect_rc=None, cwd=None):
        r = self.run_nhiscan("dir", *(args or (".",)), "-f", "json", "--no-redact", "-q", cwd=cwd)
        if expect_rc is not None:
            self.assertEqual(r.rc, expect_rc, r)
        self.assertIn(r.rc, (0, 1), r)
        return r.json()

    def found(self, *args, **kw):
        return {(f["rule_id"], f["path"], f["secret"]) for f in self.findings(*args, **kw)}

    def test_git_history_custom_rule_scoped_by_a_glob_names_cannot_narrow(self):
        """A custom rule scoped to `**/secrets/**` (no file name rules a blob out): in history
        it runs on every blob and is reported only where its glob matches, at the introducing
        commit."""
        self.write(".nhiscan.toml", ACME_RULE + 'paths = ["**/secrets/**"]\n')
        other = "acme_" + rand_chars(16, "abcdefghijklmnopqrstuvwxyz0123456789")
        self.write("deploy/secrets/keys.txt", f"key = {self.acme}\n")
        self.write("deploy/notes.txt", f"key = {other}\n")
        self.git("add", "-A")
        self.git("commit", "-q", "-m", "add")
        commit = self.git("rev-parse", "HEAD").strip()
        r = self.run_nhiscan("git", ".", "-f", "json", "--no-redact", "-q")
        self.assertEqual(r.rc, 1, r)
        got = {(f["rule_id"], f["path"], f["secret"], f["commit"]) for f in r.json() if f["rule_id"] == "acme-api-key"}
        self.assertEqual(got, {("acme-api-key", "deploy/secrets/keys.txt", self.acme, commit)})

    def test_extend_adds_custom_rules_to_the_builtin_pack(self):
        self.config("")
        got = self.found()
        self.assertIn(("github-pat-classic", "app/main.py", self.gh), got)
        self.assertIn(("acme-api-key", "app/main.py", self.acme), got)
        self.assertIn(("acme-api-key", "docs/example.md", self.acme_dummy), got)

    def test_replace_the_builtin_pack(self):
        self.config("use_builtin_rules = false\n")
        got = self.found()
        self.assertEqual({r for r, _, _ in got}, {"acme-api-key"})
        self.assertEqual(len(got), 4)

    def test_config_files_are_scanned_like_any_content(self):
        # Before issue 20 (item 4) every file named .nhiscan.toml was silently allowlisted, so a
        # token pasted into one was never reported. Config files are content: the rule examples
        # above carry `nhiscan:allow` on their line, which is what hides them.
        leaked, nested = github_token(), github_token()
        self.config(f"# ci token: {leaked}\n")
        self.write("sub/.nhiscan.toml", f'[allowlist]\nstopwords = ["{nested}"]\n')
        got = self.found()
        self.assertIn(("github-pat-classic", ".nhiscan.toml", leaked), got)
        self.assertIn(("github-pat-classic", "sub/.nhiscan.toml", nested), got)
        self.assertFalse([g for g in got if g[0] == "acme-api-key" and g[1] == ".nhiscan.toml"])
        # Without a repository config at all, a nested one is still scanned.
        os.remove(self.path(".nhiscan.toml"))
        self.assertIn(("github-pat-classic", "sub/.nhiscan.toml", nested), self.found())
        # Excluding them is the user's choice, like any other path.
        self.config('[allowlist]\npaths = ["**/.nhiscan.toml", ".nhiscan.toml"]\n')
        self.assertFalse([g for g in self.found() if g[1].endswith(".nhiscan.toml")])

    def test_disable_by_id(self):
        self.config('disable = ["github-pat-classic"]\n')
        rules = {r for r, _, _ in self.found()}
        self.assertNotIn("github-pat-classic", rules)
        self.assertIn("acme-api-key", rules)

    def test_global_path_allowlist(self):
        self.config('[allowlist]\npaths = ["vendored/**"]\n')
        got = self.found()
        self.assertFalse([g for g in got if g[1].startswith("vendored/")], got)
        self.assertIn(("github-pat-classic", "app/main.py", self.gh), got)

    def test_an_allowlist_only_config_uses_the_builtin_databases(self):
        # Its patterns are the built-in pack's: nothing is compiled or written to the cache, and
        # the built-in rules are not re-checked on every run (0.7 s per run before).
        self.config('[allowlist]\npaths = ["vendored/**"]\n', acme=False)
        env = dict(self.env, XDG_CACHE_HOME=self.cache)
        r = self.run_nhiscan("dir", ".", "-f", "json", env=env)
        self.assertEqual(r.rc, 1, r)
        self.assertNotIn("compiled", r.err)
        self.assertFalse(os.path.exists(os.path.join(self.cache, "nhiscan")) and
                         os.listdir(os.path.join(self.cache, "nhiscan")), os.listdir(self.cache) if os.path.exists(self.cache) else [])
        # A rule the config adds is compiled, and checked, on its own: the built-in databases
        # still serve the rest (the whole pack compiled took 15-30 s, on every CI run without a cache).
        self.config("")  # the ACME rule
        r = self.run_nhiscan("dir", ".", "-f", "json", env=env)
        self.assertIn("compiled 1 rule over the built-in pack", r.err)
        self.assertIn("acme-api-key", {f["rule_id"] for f in json.loads(r.out)})
        # So is a config that disables a built-in rule: its matches are dropped, nothing compiled.
        self.config('disable = ["github-pat-classic"]\n', acme=False)
        r = self.run_nhiscan("dir", ".", "-f", "json", env=env)
        self.assertNotIn("compiled", r.err)
        self.assertNotIn("github-pat-classic", {f["rule_id"] for f in json.loads(r.out)})

    def test_global_regex_and_stopword_allowlists(self):
        self.config('[allowlist]\nregexes = [\'\'\'^acme_0000\'\'\']\nstopwords = ["DUMMY"]\n')
        secrets = {s for _, _, s in self.found()}
        self.assertNotIn(self.acme_zero, secrets)
        self.assertNotIn(self.acme_dummy, secrets, "stopwords are case-insensitive")
        self.assertIn(self.acme, secrets)

    def test_per_rule_allowlist_via_override(self):
        self.config('[[override]]\nid = "github-pat-classic"\n[override.allowlist]\npaths = ["vendored/**"]\n')
        got = self.found()
        self.assertNotIn(("github-pat-classic", "vendored/sample.py", self.gh_fixture), got)
        self.assertIn(("acme-api-key", "vendored/sample.py", self.acme), got, "other rules still apply there")
        self.assertIn(("github-pat-classic", "app/main.py", self.gh), got)

    def test_custom_rule_allowlist(self):
        self.write(".nhiscan.toml", ACME_RULE + '[rules.allowlist]\nstopwords = ["dummy"]\npaths = ["app/*"]\n')
        got = self.found()
        secrets = {s for r, _, s in got if r == "acme-api-key"}
        self.assertNotIn(self.acme_dummy, secrets)
        self.assertNotIn(("acme-api-key", "app/main.py", self.acme), got)
        self.assertIn(("acme-api-key", "vendored/sample.py", self.acme), got)
        self.assertIn(("github-pat-classic", "app/main.py", self.gh), got)

    def test_override_severity(self):
        self.config('[[override]]\nid = "github-pat-classic"\nseverity = "low"\n')
        sev = {f["secret"]: f["severity"] for f in self.findings()}
        self.assertEqual(sev[self.gh], "low")
        r = self.run_nhiscan("dir", ".", "-f", "sarif", "-q")
        rules = {x["id"]: x for x in json.loads(r.out)["runs"][0]["tool"]["driver"]["rules"]}
        self.assertEqual(rules["github-pat-classic"]["properties"]["security-severity"], "3.0")

    def test_explicit_config_replaces_the_repository_one(self):
        self.config('disable = ["acme-api-key"]\n')
        other = self.write("../ci.toml", 'use_builtin_rules = false\n' + ACME_RULE)
        got = self.found(".", "-c", other)
        self.assertEqual({r for r, _, _ in got}, {"acme-api-key"})

    def test_test_paths_lower_confidence_and_hide_weak_findings(self):
        # Built-in test paths (rules/test-paths.toml): confidence one level lower, note "test
        # path"; below min_confidence (default medium) not reported.
        self.config("")
        pw = "Zq8" + rand_chars(13)
        self.write("tests/test_app.py", f'GH = "{self.gh_fixture}"\nACME = "{self.acme}"\ndb_password = "{pw}"\n')
        self.write("app/settings.py", f'db_password = "{pw}"\n')
        by = {(f["rule_id"], f["path"]): f for f in self.findings()}
        gh = by[("github-pat-classic", "tests/test_app.py")]
        self.assertEqual((gh["confidence"], gh["note"]), ("medium", "test path"))
        self.assertEqual(by[("github-pat-classic", "app/main.py")]["confidence"], "high")
        self.assertNotIn("note", by[("github-pat-classic", "app/main.py")])
        self.assertNotIn(("acme-api-key", "tests/test_app.py"), by, "medium becomes low: not reported")
        self.assertNotIn(("generic-password", "tests/test_app.py"), by, "low stays low: not reported")
        self.assertEqual(by[("generic-password", "app/settings.py")]["confidence"], "low")

        # Key pairs are fixture kinds: in a test path they drop to low (hidden by default);
        # the same key outside test paths stays high.
        key = support.rsa_private_key_pem()
        self.write("tests/certs/server.key", key)
        self.write("deploy/server.key", key)
        by = {(f["rule_id"], f["path"]): f for f in self.findings()}
        self.assertEqual(by[("pem-rsa-private-key", "deploy/server.key")]["confidence"], "high")
        self.assertNotIn(("pem-rsa-private-key", "tests/certs/server.key"), by)
        self.config('[test_paths]\nmin_confidence = "low"\n')
        by = {(f["rule_id"], f["path"]): f for f in self.findings()}
        self.assertEqual(by[("pem-rsa-private-key", "tests/certs/server.key")]["confidence"], "low")
        self.assertEqual(by[("github-pat-classic", "tests/test_app.py")]["confidence"], "medium")
        os.remove(self.path("tests/certs/server.key"))
        os.remove(self.path("deploy/server.key"))
        self.config("")

        # min_confidence = "low" reports everything in test paths, still lowered and noted.
        self.config('[test_paths]\nmin_confidence = "low"\n')
        by = {(f["rule_id"], f["path"]): f for f in self.findings()}
        self.assertEqual(by[("acme-api-key", "tests/test_app.py")]["confidence"], "low")
        self.assertEqual(by[("generic-password", "tests/test_app.py")]["note"], "test path")

        # Own globs; builtin_paths = false turns the built-in ones off.
        self.config('[test_paths]\nbuiltin_paths = false\npaths = ["app/**"]\n')
        by = {(f["rule_id"], f["path"]): f for f in self.findings()}
        self.assertEqual(by[("github-pat-classic", "tests/test_app.py")]["confidence"], "high")
        self.assertEqual(by[("acme-api-key", "tests/test_app.py")]["confidence"], "medium")
        self.assertEqual(by[("github-pat-classic", "app/main.py")]["note"], "test path")
        self.assertNotIn(("generic-password", "app/settings.py"), by)

        # The text report shows the lowered confidence and the note.
        self.config("")
        r = self.run_nhiscan("dir", "tests", "-q", "--no-color")
        self.assertEqual(r.rc, 1, r)
        self.assertIn("confidence: medium", r.out)
        self.assertIn("(test path)", r.out)

    def test_repository_config_applies_from_a_subdirectory(self):
        self.config("use_builtin_rules = false\n")
        self.assertEqual({r for r, _, _ in self.found("app")}, {"acme-api-key"})
        self.assertEqual({r for r, _, _ in self.found(".", cwd=self.path("app"))}, {"acme-api-key"})


class ConfigErrorTest(SharedCacheMixin, NhiscanTest):
    """Every config error: exit 2, one line on stderr, naming file:line."""

    def setUp(self):
        super().setUp()
        self.git("init", "-q", "-b", "main")
        self.write("a.py", "nothing\n")

    def assertConfigError(self, body, line, *needles, use_flag=False):
        if use_flag:
            path = self.write("../custom.toml", body)
            r = self.run_nhiscan("dir", ".", "-c", path)
            shown = path
        else:
            path = self.write(".nhiscan.toml", body)
            r = self.run_nhiscan("dir", ".")
            shown = ".nhiscan.toml"
        self.assertEqual(r.rc, 2, r)
        lines = r.err.strip().splitlines()
        self.assertEqual(len(lines), 1, r)
        self.assertTrue(lines[0].startswith("nhiscan: error: "), r)
        self.assertIn(f"{shown}:{line}: ", lines[0])
        for n in needles:
            self.assertIn(n, lines[0])
        self.assertEqual(r.out, "")

    def test_malformed_toml(self):
        self.assertConfigError('use_builtin_rules = true\n\n[[rules]\nid = "x"\n', 3, "invalid TOML")

    def test_unknown_top_level_key(self):
        self.assertConfigError('use_builtin_rules = true\nextends = "x"\n', 2, "unknown key 'extends'")

    def test_unknown_key_in_a_rule(self):
        self.assertConfigError(ACME_RULE.lstrip() + 'colour = "red"\n', 11, "unknown key 'colour'", "acme-api-key")

    def test_invalid_rule_regex(self):
        self.assertConfigError('\n[[rules]]\nid = "broken"\npattern = "(unclosed"\n', 2, "invalid regex", "broken")

    def test_rule_without_a_capture_group(self):
        self.assertConfigError('[[rules]]\nid = "nogroup"\npattern = "abc[0-9]+"\n', 1, "capture group")

    def test_invalid_allowlist_regex_names_its_own_line(self):
        self.assertConfigError('[allowlist]\nregexes = [\n  "ok",\n  "(bad",\n]\n', 4, "invalid regex")

    def test_invalid_override_regex_names_the_config_not_the_builtin_rule(self):
        self.assertConfigError('[[override]]\nid = "github-pat-classic"\n[override.allowlist]\nregexes = ["[z-a]"]\n',
                               4, "invalid regex")

    def test_unknown_rule_in_disable(self):
        self.assertConfigError('disable = [\n  "github-pat-classic",\n  "no-such-rule",\n]\n', 3,
                               "unknown rule 'no-such-rule'")

    def test_unknown_rule_in_override(self):
        self.assertConfigError('\n[[override]]\nid = "no-such-rule"\nseverity = "low"\n', 2, "no-such-rule")

    def test_bad_severity(self):
        self.assertConfigError('[[override]]\nid = "github-pat-classic"\nseverity = "urgent"\n', 3, "urgent")

    def test_bad_test_paths_threshold(self):
        self.assertConfigError('[test_paths]\npaths = ["qa/**"]\nmin_confidence = "sure"\n', 3,
                               "unknown min_confidence 'sure'")
        self.assertConfigError('[test_paths]\nexclude = true\n', 2, "unknown key 'exclude' in test_paths")

    def test_errors_in_an_explicit_config(self):
        self.assertConfigError('disable = ["no-such-rule"]\n', 1, "no-such-rule", use_flag=True)

    def test_missing_explicit_config(self):
        r = self.run_nhiscan("dir", ".", "-c", self.path("nope.toml"))
        self.assertEqual(r.rc, 2, r)
        self.assertEqual(len(r.err.strip().splitlines()), 1, r)
        self.assertIn("nope.toml", r.err)


class RulesCheckConfigTest(SharedCacheMixin, NhiscanTest):
    def test_good_custom_rules_pass(self):
        self.write(".nhiscan.toml", 'disable = ["github-pat-classic"]\n' + ACME_RULE)
        r = self.run_nhiscan("rules", "check", ".nhiscan.toml")
        self.assertEqual(r.rc, 0, r)
        self.assertIn("0 failures", r.out)

    def test_failing_examples_are_reported(self):
        self.write(".nhiscan.toml", ACME_RULE + """
[[rules]]
id = "acme-legacy-key"
pattern = '''\\b(acmelegacy_[a-z]{4})\\b'''
examples = ["acmelegacy_abcd", "acmelegacy_12"]
negative_examples = ["acmelegacy_wxyz"]
""")
        r = self.run_nhiscan("rules", "check", ".nhiscan.toml")
        self.assertEqual(r.rc, 1, r)
        fails = [l for l in r.out.splitlines() if l.startswith("FAIL")]
        self.assertEqual(len(fails), 2, r)
        for l in fails:
            self.assertRegex(l, r"^FAIL \.nhiscan\.toml:\d+: acme-legacy-key: ")
        self.assertIn("2 failures", r.out)
        self.assertNotIn("acmelegacy_12", r.out + r.err, "failures never print the example")

    def test_broken_config_is_an_error(self):
        self.write(".nhiscan.toml", '[[rules]]\nid = "x"\npattern = "(a"\n')
        r = self.run_nhiscan("rules", "check", ".nhiscan.toml")
        self.assertEqual(r.rc, 2, r)
        self.assertIn(".nhiscan.toml:1:", r.err)


if __name__ == "__main__":
    unittest.main()
