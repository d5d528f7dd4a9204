"""Without --validate nhiscan opens no socket at all. Every scan here runs with an LD_PRELOAD
shim (tests/support/no_network.c) that logs and refuses socket(), connect() and getaddrinfo();
the control case (--validate) proves the shim sees an attempt, so the clean cases cannot pass
by accident. Also: the config and environment switches that turn validation off for good."""
import os
import unittest

import support

SHIM = os.environ.get("NHISCAN_NO_NETWORK_LIB", "")


@unittest.skipUnless(os.path.exists(SHIM), "NHISCAN_NO_NETWORK_LIB not built")
class NoNetworkWithoutValidate(support.NhiscanTest):
    def setUp(self):
        super().setUp()
        self.log = os.path.join(self.root, "net.log")
        # verify_asan_link_order=0: the sanitizer build (scripts/sanitize) accepts the shim first.
        self.env.update({"LD_PRELOAD": SHIM, "NHISCAN_NET_LOG": self.log, 
                         "ASAN_OPTIONS": ":".join(filter(None, [os.environ.get("ASAN_OPTIONS"), "verify_asan_link_order=0"]))})
        for k in ("NHISCAN_TEST_CONNECT_TO", "NHISCAN_TEST_CA", "NHISCAN_NO_LIVE_VALIDATION"):
            self.env.pop(k, None)
        self.token = support.github_token()
        self.write("app.env", f"GITHUB_TOKEN={self.token}\n")

    def attempts(self):
        if not os.path.exists(self.log):
            return []
        with open(self.log) as f:
            return f.read().splitlines()

    def test_scans_without_validate_open_no_socket(self):
        self.git("init", "-q")
        self.git("add", ".")
        for args in (["dir", "."], ["git", "."], ["staged", "."], ["dir", ".", "-f", "sarif"]):
            with self.subTest(args=args):
                r = self.run_nhiscan(*args)
                self.assertEqual(r.rc, 1, r)
                self.assertIn("github-pat-classic", r.out)
                self.assertEqual(self.attempts(), [])
        self.git("commit", "-q", "-m", "x")
        r = self.run_nhiscan("git", ".", "-f", "json")
        self.assertEqual((r.rc, len(r.json())), (1, 1), r)
        self.assertNotIn("live", r.json()[0])
        self.assertEqual(self.attempts(), [])
        # The inventory and the rule listing too; the inventory with --validate is seen trying.
        self.env["NHISCAN_INVENTORY_KEY"] = "offline-test-key-0123456789abcdef"
        r = self.run_nhiscan("inventory", ".", "-f", "json")
        self.assertEqual(r.rc, 1, r)
        self.assertEqual([x["live"]["value"] for x in r.json()["records"]], [None])
        self.assertEqual(self.run_nhiscan("rules", "list", "-f", "json").rc, 0)
        self.assertEqual(self.attempts(), [])
        r = self.run_nhiscan("inventory", ".", "--validate", "-f", "json")
        self.assertEqual([x["live"]["value"] for x in r.json()["records"]], ["error"], r)
        self.assertNotEqual(self.attempts(), [])

    def test_control_validate_is_seen_trying_and_reports_an_error(self):
        r = self.run_nhiscan("dir", ".", "--validate", "-f", "json")
        self.assertEqual(r.rc, 1, r)
        self.assertIn("getaddrinfo api.github.com", self.attempts())
        self.assertEqual(r.json()[0]["live"], "error")

    def test_config_turns_validation_off_for_good(self):
        self.write(".nhiscan.toml", "[live_validation]\nenabled = false\n")
        r = self.run_nhiscan("dir", ".", "--validate", "-f", "json")
        self.assertEqual(r.rc, 1, r)
        self.assertNotIn("live", r.json()[0])
        self.assertIn("live validation is turned off by the config ([live_validation] enabled = false): --validate ignored", r.err)
        r = self.run_nhiscan("dir", ".", "--validate", "--only-valid")
        self.assertEqual(r.rc, 2, r)
        self.assertIn("--only-valid needs live validation, which the config", r.err)
        r = self.run_nhiscan("validate", "--rule", "github-pat-classic", input=self.token)
        self.assertEqual(r.rc, 2, r)
        self.assertEqual(self.attempts(), [])

    def test_environment_turns_validation_off_for_good(self):
        r = self.run_nhiscan("dir", ".", "--validate", "-f", "json", env={"NHISCAN_NO_LIVE_VALIDATION": "1"})
        self.assertEqual(r.rc, 1, r)
        self.assertIn("turned off by the environment (NHISCAN_NO_LIVE_VALIDATION)", r.err)
        self.assertEqual(self.attempts(), [])

    def test_the_test_hook_takes_loopback_addresses_only(self):
        r = self.run_nhiscan("dir", ".", "--validate", "-f", "json",
                             env={"NHISCAN_TEST_CONNECT_TO": "api.github.com:443:192.0.2.1:443"})
        self.assertIn("NHISCAN_TEST_CONNECT_TO: ignoring 'api.github.com:443:192.0.2.1:443'", r.err)
        # The entry was dropped: libcurl looked the real name up (and the shim refused it).
        self.assertIn("getaddrinfo api.github.com", self.attempts())
        self.assertFalse([a for a in self.attempts() if "192.0.2.1" in a])
        self.assertEqual(r.json()[0]["live"], "error")

    def test_bad_input(self):
        for args, msg in [(["dir", ".", "--only-valid"], "--only-valid needs --validate"),
                          (["dir", ".", "--validate", "--validate-timeout", "0"], "--validate-timeout"),
                          (["validate", "--rule", "no-such-rule"], "unknown rule 'no-such-rule'"),
                          (["validate", "--rule", "generic-api-key"], "has no live check"),
                          (["validate", "--rule", "aws-secret-access-key"], "needs --companion"),
                          (["validate", "--rule", "okta-api-token"], "needs --tenant (its Okta org"),
                          (["validate", "--rule", "github-pat-classic", "--tenant", "acme"],
                           "takes no --tenant (its host is fixed: api.github.com)"),
                          (["inventory", ".", "--validate-timeout", "0"], "--validate-timeout")]:
            with self.subTest(args=args):
                r = self.run_nhiscan(*args, input="x" * 40)
                self.assertEqual(r.rc, 2, r)
                self.assertIn(msg, r.err)
                self.assertEqual(len(r.err.strip().splitlines()), 1, r.err)
        r = self.run_nhiscan("validate", "--rule", "github-pat-classic", input="")
        self.assertEqual(r.rc, 2, r)
        self.assertIn("no secret on standard input", r.err)
        self.assertEqual(self.attempts(), [])


if __name__ == "__main__":
    unittest.main()
