"""End-to-end: the breadth features of the rule pack (issue 13/14): keyword rules and their
proximity confidence, companions, encoded values (base64, percent, escapes), `rules list`,
the generated provider table, and the built-in database linked into the binary.

Every secret is built at run time from a seeded RNG; none is committed."""
import base64
import json
import os
import random
import subprocess
import sys
import unittest

import support
from support import BASE62, NhiscanTest, github_token

RNG = random.Random(1313)
HEX = "0123456789abcdef"


def rand(n, alphabet=BASE62):
    return "".join(RNG.choice(alphabet) for _ in range(n))


class KeywordRules(NhiscanTest):
    """A keyword rule written in a config, so the test does not depend on one provider file."""

    CONFIG = """
[[rules]]
id = "acmeweather-api-key"
name = "AcmeWeather API key"
provider = "AcmeWeather"
kind = "api-key"
severity = "medium"
shape = "keyword"
words = ["acmeweather"]
charset = "hex-lower"
length = 32
remediation = "Rotate it."
references = ["https://acmeweather.invalid/docs"]
examples = ["ACMEWEATHER_KEY=0f1e2d3c4b5a69788796a5b4c3d2e1f0"]
negative_examples = ["ACMEWEATHER_KEY=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"]

[rules.companion]
name = "AcmeWeather account"
pattern = '''(?i)acmeweather_account\\s*=\\s*([a-z][a-z0-9_-]{2,30})'''
within = 3
"""

    def scan(self, text):
        self.write(".nhiscan.toml", self.CONFIG)
        self.write("settings.txt", text)
        r = self.run_nhiscan("dir", "settings.txt", "-c", self.path(".nhiscan.toml"), "-f", "json", "--no-redact")
        return r, [f for f in (r.json() if r.out.strip() else []) if f["rule_id"] == "acmeweather-api-key"]

    def test_name_in_assignment_is_medium_word_elsewhere_on_line_is_low(self):
        a, b = rand(32, HEX), rand(32, HEX)
        r, found = self.scan(f"# acmeweather settings\nACMEWEATHER_API_KEY={a}\nlog('acmeweather ready', {b!r})\n")
        self.assertEqual([(f["line"], f["secret"], f["confidence"]) for f in found],
                         [(2, a, "medium"), (3, b, "low")])

    def test_value_under_a_section_that_names_the_provider(self):
        a, b = rand(32, HEX), rand(32, HEX)
        r, found = self.scan(f"[acmeweather]\napi_key = {a}\n\nacmeweather:\n  token: \"{b}\"\n")
        self.assertEqual([(f["line"], f["secret"], f["confidence"]) for f in found],
                         [(2, a, "medium"), (5, b, "medium")])

    def test_longer_run_wrong_charset_and_placeholders_are_not_reported(self):
        r, found = self.scan("ACMEWEATHER_KEY=" + rand(40, HEX) + "\nACMEWEATHER_KEY=" + "x" * 32
                             + "\nACMEWEATHER_KEY=${ACMEWEATHER_KEY}\nACMEWEATHER_KEY=" + rand(32, "ghijklmnop") + "\n")
        self.assertEqual(found, [])

    def test_companion_is_reported_redacted_unless_no_redact(self):
        a = rand(32, HEX)
        self.write(".nhiscan.toml", self.CONFIG)
        self.write("w.env", f"ACMEWEATHER_ACCOUNT = svc_reports\nACMEWEATHER_KEY={a}\n")
        r = self.run_nhiscan("dir", "w.env", "-c", self.path(".nhiscan.toml"), "-f", "json")
        f = [x for x in r.json() if x["rule_id"] == "acmeweather-api-key"][0]
        self.assertEqual(f["companion_name"], "AcmeWeather account")
        self.assertEqual(f["companion"], "sv*****")
        r = self.run_nhiscan("dir", "w.env", "-c", self.path(".nhiscan.toml"), "-f", "json", "--no-redact")
        self.assertEqual([x for x in r.json() if x["rule_id"] == "acmeweather-api-key"][0]["companion"], "svc_reports")
        r = self.run_nhiscan("dir", "w.env", "-c", self.path(".nhiscan.toml"), "-f", "sarif")
        props = json.loads(r.out)["runs"][0]["results"][0]["properties"]
        self.assertEqual((props["companionName"], props["companion"]), ("AcmeWeather account", "sv*****"))
        r = self.run_nhiscan("dir", "w.env", "-c", self.path(".nhiscan.toml"))
        self.assertIn("AcmeWeather account: sv*****", r.out)
        self.assertNotIn("svc_reports", r.out + r.err)


class Prefilters(NhiscanTest):
    """A rule's `prefilter`: Hyperscan matches it, RE2 searches the pattern around each hit."""

    RULE = ("[[rules]]\nid = 'acme-deploy-key'\nconfidence = 'high'\n"
            "pattern = '''(?i)acme[\\w.-]{0,20}deploy[_.-]?key[ \\t]{0,4}=[ \\t]{0,4}([A-Za-z0-9]{24})\\b'''\n")

    def test_matches_around_each_prefilter_hit_are_reported(self):
        a, b = rand(24), rand(24)
        self.write(".nhiscan.toml", self.RULE + "prefilter = '''(?i:acme)'''\n")
        self.write("d.env", f"x=1\nACME_PROD_DEPLOY_KEY = {a}\nacme.deploy_key={b}\nDEPLOY_KEY={rand(24)}\n")
        r = self.run_nhiscan("dir", "d.env", "-f", "json", "--no-redact")
        got = [(f["line"], f["secret"]) for f in r.json() if f["rule_id"] == "acme-deploy-key"]
        self.assertEqual(got, [(2, a), (3, b)])

    def test_a_prefilter_needs_a_bounded_pattern(self):
        self.write(".nhiscan.toml", "[[rules]]\nid = 'acme-unbounded'\n"
                   "pattern = '''(?i:acme)[ \\t]*=([A-Za-z0-9]{24})'''\nprefilter = '''(?i:acme)'''\n")
        self.write("d.env", "x=1\n")
        r = self.run_nhiscan("dir", "d.env")
        self.assertEqual(r.rc, 2, r)
        self.assertIn("rule 'acme-unbounded': a prefilter needs a pattern whose matches are at most 8192 bytes long",
                      r.err)


class EncodedValues(NhiscanTest):
    def test_kubernetes_secret_manifest_base64_token_is_found_decoded(self):
        token = github_token()
        password = rand(18)
        self.write("k8s/secret.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: ci\ntype: Opaque\ndata:\n"
                   f"  username: {base64.b64encode(b'deploy').decode()}\n"
                   f"  github-token: {base64.b64encode(token.encode()).decode()}\n"
                   f"  password: {base64.b64encode(password.encode()).decode()}\n")
        r = self.run_nhiscan("dir", ".", "-f", "json", "--no-redact")
        self.assertEqual(r.rc, 1, r)
        got = [(f["rule_id"], f["line"], f["column"], f["secret"], f.get("decoded")) for f in r.json()]
        self.assertIn(("github-pat-classic", 8, 17, token, "base64"), got)
        self.assertIn(8, [g[1] for g in got])
        pw = [g for g in got if g[3] == password]
        self.assertEqual(len(pw), 1, got)
        self.assertEqual((pw[0][1], pw[0][4]), (9, "base64"))
        self.assertNotIn("deploy", [g[3] for g in got])
        # Redacted by default: neither the token nor its encoding's decoded form is printed.
        r = self.run_nhiscan("dir", ".")
        self.assertNoSecret(token, r.out, r.err)
        self.assertIn("decoded: base64", r.out)

    def test_docker_auth_and_basic_header_decode_to_a_token(self):
        token = github_token()
        auth = base64.b64encode(f"ci-bot:{token}".encode()).decode()
        self.write("docker.json", '{\n  "auths": {\n    "ghcr.io": {\n      "auth": "' + auth + '"\n    }\n  }\n}\n')
        r = self.run_nhiscan("dir", "docker.json", "-f", "json", "--no-redact")
        got = [(f["rule_id"], f["line"], f["secret"], f.get("decoded")) for f in r.json()]
        self.assertIn(("github-pat-classic", 4, token, "base64"), got)

    def test_percent_encoded_url_and_json_escapes(self):
        token = github_token()
        enc = token[:10] + "".join("%%%02X" % ord(c) for c in token[10:14]) + token[14:]
        self.write("redirect.txt", f"next=https%3A%2F%2Fapi.internal%2Fhook%3Ftoken%3D{enc}\n")
        key = rand(32)
        self.write("cfg.json", '{"env": "DEBUG=false\\nAPI_KEY=' + key + '\\nREGION=eu"}\n')
        r = self.run_nhiscan("dir", ".", "-f", "json", "--no-redact")
        got = {(f["path"], f["rule_id"], f["secret"], f.get("decoded")) for f in r.json()}
        self.assertIn(("redirect.txt", "github-pat-classic", token, "percent"), got)
        apikey = [g for g in got if g[0] == "cfg.json" and g[2] == key]
        self.assertEqual(len(apikey), 1, got)

    def test_base64_of_binary_and_plain_identifiers_are_not_decoded_into_findings(self):
        blob = base64.b64encode(bytes(RNG.randrange(256) for _ in range(300))).decode()
        self.write("img.txt", f"data:image/png;base64,{blob}\nLongIdentifierNameWithoutSecrets42AndMore\n")
        r = self.run_nhiscan("dir", "img.txt", "-f", "json")
        self.assertEqual((r.rc, r.json() if r.out.strip() else []), (0, []))

    def test_inline_allow_on_the_encoded_line_applies(self):
        token = github_token()
        self.write("s.yaml", f"token: {base64.b64encode(token.encode()).decode()}  # nhiscan:allow\n")
        r = self.run_nhiscan("dir", "s.yaml", "-f", "json")
        self.assertEqual(r.rc, 0, r)


class RulesList(NhiscanTest):
    def test_json_is_the_pack_as_data(self):
        r = self.run_nhiscan("rules", "list", "-f", "json")
        self.assertEqual(r.rc, 0, r)
        rules = json.loads(r.out)
        self.assertGreater(len(rules), 900)
        by_id = {x["id"]: x for x in rules}
        gh = by_id["github-pat-classic"]
        self.assertEqual((gh["provider"], gh["kind"], gh["severity"], gh["shape"]), ("GitHub", "token", "critical", "pattern"))
        kw = [x for x in rules if x["shape"] == "keyword"]
        self.assertGreater(len(kw), 300)
        for x in kw:
            self.assertTrue(x["keywords"] and x["charset"] and x["pattern"], x["id"])
        self.assertEqual(len(by_id), len(rules))

    def test_each_rule_shows_its_live_check_or_null(self):
        import glob
        import tomllib
        rules = json.loads(self.run_nhiscan("rules", "list", "-f", "json").out)
        by_id = {x["id"]: x for x in rules}
        self.assertTrue(all("validate" in x for x in rules))
        self.assertEqual(by_id["github-pat-classic"]["validate"], {"host": "api.github.com", "method": "GET"})
        self.assertEqual(by_id["aws-secret-access-key"]["validate"],
                         {"host": "sts.amazonaws.com", "method": "POST", "companion": "access key id", "sign": "aws-sigv4"})
        self.assertEqual(by_id["gcp-service-account-key"]["validate"]["method"], "POST")  # the JWT exchange
        self.assertEqual(by_id["okta-api-token"]["validate"],
                         {"host": "{{tenant}}.okta.com", "method": "GET", "tenant": "Okta org"})
        self.assertEqual(by_id["atlassian-api-token"]["validate"],
                         {"host": "{{tenant}}.atlassian.net", "method": "GET", "tenant": "Atlassian site",
                          "companion": "Atlassian account e-mail"})
        self.assertIsNone(by_id["shopify-shared-secret"]["validate"])
        # Exactly the rules whose TOML has a [rules.validate] table.
        in_toml = set()
        for f in glob.glob(os.path.join(support.SOURCE_DIR, "rules", "*.toml")):
            with open(f, "rb") as fh:
                in_toml |= {r["id"] for r in tomllib.load(fh).get("rules", []) if "validate" in r}
        live = {i for i, x in by_id.items() if x["validate"]}
        self.assertEqual(live, in_toml)

        lines = self.run_nhiscan("rules", "list").out.splitlines()
        marked = {l.split()[0] for l in lines if l.startswith("  ") and "  live (" in l}
        self.assertEqual(marked, live)
        self.assertIn("  live (api.github.com)", next(l for l in lines if l.startswith("  github-pat-classic ")))
        self.assertEqual(lines[-2], f"{len(live)} rules with a live check (--validate)")

    def test_text_groups_by_provider_with_counts(self):
        r = self.run_nhiscan("rules", "list")
        lines = r.out.splitlines()
        self.assertIn("GitHub (", "\n".join(lines))
        gh = [l for l in lines if l.startswith("GitHub (")][0]
        n = int(gh.split("(")[1].split()[0])
        i = lines.index(gh)
        self.assertTrue(all(l.startswith("  ") for l in lines[i + 1:i + 1 + n]))
        self.assertFalse(lines[i + 1 + n].startswith("  "))
        self.assertRegex(lines[-1], r"^\d+ rules from \d+ providers$")

    def test_provider_table_in_docs_is_generated_from_this_pack(self):
        p = subprocess.run([sys.executable, os.path.join(support.SOURCE_DIR, "scripts", "rules-doc"), "--check",
                            "--bin", support.BIN], capture_output=True, text=True)
        self.assertEqual(p.returncode, 0, p.stderr)


class BuiltinDatabase(NhiscanTest):
    isolated_cache = True

    def test_fresh_cache_dir_scans_without_compiling_or_writing_a_cache(self):
        self.write("a.txt", "x = 1\n")
        cache = self.path("cache")
        r = self.run_nhiscan("dir", "a.txt", env={"XDG_CACHE_HOME": cache})
        self.assertEqual(r.rc, 0, r)
        self.assertNotIn("compiled", r.err)
        self.assertFalse(os.path.exists(os.path.join(cache, "nhiscan")) and os.listdir(os.path.join(cache, "nhiscan")))


if __name__ == "__main__":
    unittest.main()
