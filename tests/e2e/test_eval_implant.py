"""The real-syntax implant set (eval/implant.py): which lines of a real file count as a credential
assignment, that the implant replaces exactly the value and nothing else, that the build is
deterministic, and that the harness marks an implant found only when the scanner reports that
value on that line. No recall figure is asserted: the set is measured (docs/evaluation.md)."""
import os
import sys
import tempfile
import unittest

import support

sys.path.insert(0, os.path.join(support.SOURCE_DIR, "eval"))
import implant  # noqa: E402

FILES = {
    # one candidate each, of different forms
    "app/settings.py": 'DEBUG = True\nDB_PASSWORD = "changeme"\nTIMEOUT = 30\n',
    "deploy/app.env": "PORT=8080\nexport API_TOKEN=replace-me\n",
    "web/client.js": "const cfg = { encryptionKey: '' };\n",
    "conf/server.xml": "<config>\n  <password>secret</password>\n</config>\n",
    "bin/run.sh": "exec tool --token abc --verbose\n",
    # no candidate: names that are not credentials, and code on the right-hand side
    "lib/paging.py": 'next_token = ""\npublic_key = "x"\nprimary_key = "id"\npassword = None\n',
    "lib/model.py": "password = get_password()\n",
    "src/render.js": "frame.currentPass = 'offscreen';\n",
}


class ImplantSetTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.root = os.path.join(self.tmp.name, "corpus")
        for rel, text in FILES.items():
            path = os.path.join(self.root, rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w") as fh:
                fh.write(text)
        # the corpus name is a directory of the implanted tree: not a test-path name such as fixture/
        self.corpora = [("corpus-a", self.root, "dev"), ("absent", os.path.join(self.tmp.name, "nowhere"), "heldout")]

    def tearDown(self):
        self.tmp.cleanup()

    def build(self):
        return implant.build("all", 100, corpora=self.corpora)

    def test_a_package_in_both_halves_is_left_out_of_the_heldout_half(self):
        # pip's site-packages (dev) and Debian's dist-packages (held out) ship the same packages
        # (pygments, cryptography, certifi ...): a fix made from a dev miss in one of them made the
        # held-out implant in the same file found, and the held-out half measured the dev half.
        for corpus, half in (("dev-py", "dev"), ("held-py", "heldout")):
            for rel in ("lib/python3.11/site-packages/shared/conf.py", f"lib/python3/dist-packages/only_{half}/conf.py"):
                path = os.path.join(self.tmp.name, corpus, rel.replace("site-packages", "site-packages" if half == "dev" else "dist-packages"))
                os.makedirs(os.path.dirname(path), exist_ok=True)
                with open(path, "w") as fh:
                    fh.write("api_key = 'changeme'\n")
        corpora = [("dev-py", os.path.join(self.tmp.name, "dev-py"), "dev"),
                   ("held-py", os.path.join(self.tmp.name, "held-py"), "heldout")]
        for half in ("heldout", "all"):
            with self.subTest(half=half):
                cases, _ = implant.build(half, 100, corpora=corpora)
                held = sorted(c["rel"] for c in cases if c["half"] == "heldout")
                self.assertEqual(held, ["lib/python3/dist-packages/only_heldout/conf.py"])

    def test_candidates_and_forms(self):
        cases, missing = self.build()
        self.assertEqual(missing, ["absent"])
        got = {c["rel"]: (c["form"], c["line"], c["original"]) for c in cases}
        self.assertEqual(got, {
            "app/settings.py": ("quoted", 2, "changeme"),
            "deploy/app.env": ("unquoted", 2, "replace-me"),
            "web/client.js": ("quoted", 1, ""),
            "conf/server.xml": ("xml-element", 2, "secret"),
            "bin/run.sh": ("cli-flag", 1, "abc"),
        })

    def test_only_the_value_changes(self):
        cases, _ = self.build()
        for c in cases:
            with self.subTest(rel=c["rel"]):
                before = FILES[c["rel"]]
                self.assertEqual(c["content"].replace(c["value"], c["original"], 1), before)
                self.assertEqual(c["content"].count(c["value"]), 1)
                self.assertGreaterEqual(len(c["value"]), 14)

    def test_deterministic(self):
        a, _ = self.build()
        b, _ = self.build()
        self.assertEqual([(c["rel"], c["value"]) for c in a], [(c["rel"], c["value"]) for c in b])

    @unittest.skipUnless(os.access(support.BIN, os.X_OK), f"no nhiscan binary at {support.BIN}")
    def test_found_means_reported_on_that_line(self):
        cases, _ = self.build()
        out = os.path.join(self.tmp.name, "out")
        implant.write(cases, out)
        # A decoy: the scanner's findings for another value on the same line must not count.
        implant.measure(support.BIN, cases, out)
        found = {c["rel"]: c["found"] for c in cases}
        self.assertTrue(found["app/settings.py"])
        self.assertTrue(found["deploy/app.env"])
        self.assertTrue(found["web/client.js"])
        for c in cases:
            c["value"] = "NotTheImplantedValue0"
        implant.measure(support.BIN, cases, out)
        self.assertFalse(any(c["found"] for c in cases))


if __name__ == "__main__":
    unittest.main()
