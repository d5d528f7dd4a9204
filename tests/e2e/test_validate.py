"""Live validation (--validate, `nhiscan validate`) against mock providers on 127.0.0.1
(mock_providers.py): every [rules.validate] table of the pack, its valid and invalid case; per
family the failure cases (429 with Retry-After, 5xx, timeout, TLS failure, redirect to another
host, oversized and malformed responses); and scans that report valid, invalid and unknown."""
import base64
import json
import os
import shutil
import subprocess
import tempfile
import time
import unittest

import support
from mock_providers import (MOCK_TENANT, MockProviders, invalid_case, needs_companion, needs_tenant, spec_host,
                            start_proxy, valid_case)

AWS_KEY_ID = "AK" + "IA" + "MOCKEXAMPLE23456"
GCP_EMAIL = "mock-sa@nhiscan-test.iam.gserviceaccount.com"


def url_path_prefix(url):
    path = "/" + url.split("://", 1)[1].split("/", 1)[1] if "/" in url.split("://", 1)[1] else "/"
    return path.split("{{", 1)[0]


class MockProviderTest(support.NhiscanTest):
    @classmethod
    def setUpClass(cls):
        cls.class_dir = tempfile.mkdtemp(prefix="nhiscan-mock-")
        cls.mock = MockProviders(cls.class_dir)
        subprocess.run(["openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048",
                        "-out", "gcp.key"], cwd=cls.class_dir, check=True, capture_output=True)
        with open(os.path.join(cls.class_dir, "gcp.key")) as f:
            cls.gcp_pem = f.read()

    @classmethod
    def tearDownClass(cls):
        cls.mock.close()
        shutil.rmtree(cls.class_dir, ignore_errors=True)

    def setUp(self):
        super().setUp()
        MockProviders.drop_proxies(self.env)
        self.env.update(self.mock.env())

    def rule(self, rule_id):
        return next(r for r in self.mock.rules if r["id"] == rule_id)

    def credential(self, rule):
        spec = rule["validate"]
        if spec.get("sign") == "gcp-jwt":
            return self.gcp_pem.replace("\n", "\\n"), GCP_EMAIL  # as the JSON key file holds it
        secret = "mock-" + rule["id"] + "-" + support.rand_chars(16)
        if not needs_companion(spec):
            return secret, None
        return secret, AWS_KEY_ID if spec.get("sign") == "aws-sigv4" else "mockcompanion" + support.rand_chars(6)

    def validate(self, rule_id, secret, companion=None, *extra, env=None):
        args = ["validate", "--rule", rule_id, "-f", "json", *extra]
        if companion:
            args += ["--companion", companion]
        if needs_tenant(self.rule(rule_id)["validate"]) and "--tenant" not in extra:
            args += ["--tenant", MOCK_TENANT]
        r = self.run_nhiscan(*args, input=secret + "\n", env=env)
        self.assertEqual(r.rc, 0, r)
        self.assertNotIn(secret, r.out + r.err)
        return r.json()


class EveryValidateTable(MockProviderTest):
    def test_pack_covers_at_least_40_providers(self):
        providers = {r["provider"] for r in self.mock.rules}
        self.assertGreaterEqual(len(providers), 40, sorted(providers))

    def test_each_table_valid_and_invalid_against_the_mock(self):
        self.assertGreater(len(self.mock.rules), 70)
        for rule in self.mock.rules:
            spec = rule["validate"]
            with self.subTest(rule=rule["id"]):
                secret, companion = self.credential(rule)
                status, headers, body, expected = valid_case(spec)
                if spec.get("sign") == "gcp-jwt":
                    expected["email"] = companion  # the client e-mail: the identity the key belongs to
                if needs_tenant(spec):
                    expected["host"] = spec_host(spec)  # the tenant's host: whose account it is
                self.mock.reset(lambda req: (status, headers, body))
                j = self.validate(rule["id"], secret, companion)
                self.assertEqual(j["live"], "valid", j)
                self.assertEqual(j["live_metadata"], expected)
                self.assertRegex(j["checked_at"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
                self.assertEqual(len(self.mock.requests), 1)
                req = self.mock.requests[0]
                self.assertEqual(req.host, spec_host(spec))
                self.assertEqual(req.method, spec.get("method", "GET"))
                self.assertTrue(req.path.startswith(url_path_prefix(spec["url"])), req.path)
                if spec.get("sign") == "aws-sigv4":
                    self.assertIn(f"Credential={AWS_KEY_ID}/", req.headers["authorization"])
                    self.assertIn("x-amz-date", req.headers)
                    self.assertEqual(req.body, spec["body"])
                    self.assertNotIn(secret, req.text())  # SigV4 never sends the secret key
                elif spec.get("sign") == "gcp-jwt":
                    self.assertTrue(req.body.startswith("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion="))
                    jwt = req.body.split("assertion=", 1)[1].split(".")
                    pad = lambda s: s + "=" * (-len(s) % 4)
                    self.assertEqual(json.loads(base64.urlsafe_b64decode(pad(jwt[0])))["alg"], "RS256")
                    claims = json.loads(base64.urlsafe_b64decode(pad(jwt[1])))
                    self.assertEqual(claims["iss"], GCP_EMAIL)
                    self.assertEqual(claims["aud"], spec["url"])
                    self.assertNotIn("PRIVATE KEY", req.text())
                else:
                    self.assertIn(secret, req.text())
                    if companion:
                        self.assertIn(companion, req.text())

                self.mock.reset(lambda req: invalid_case(spec))
                j = self.validate(rule["id"], secret, companion)
                self.assertEqual(j["live"], "invalid", j)
                self.assertEqual(j["live_metadata"], {})


# One representative rule per request family: bearer + JSON, JSON field on 200 (Slack), basic
# auth (Stripe), basic auth with a companion (Twilio), SigV4 + XML (AWS), JWT exchange (GCP),
# tenant host (Okta).
FAMILIES = ["github-pat-classic", "slack-bot-token", "stripe-live-secret-key", "twilio-auth-token",
            "aws-secret-access-key", "gcp-service-account-key", "okta-api-token"]


class FailureCases(MockProviderTest):
    def each_family(self):
        for rid in FAMILIES:
            rule = self.rule(rid)
            secret, companion = self.credential(rule)
            with self.subTest(rule=rid):
                yield rule["validate"], rid, secret, companion

    def test_429_with_retry_after_is_waited_for_then_retried(self):
        for spec, rid, secret, companion in self.each_family():
            status, headers, body, _ = valid_case(spec)
            calls = []

            def respond(req):
                calls.append(req)
                return (429, {"Retry-After": "1"}, "slow down") if len(calls) == 1 else (status, headers, body)

            self.mock.reset(respond)
            j = self.validate(rid, secret, companion)
            self.assertEqual(j["live"], "valid", j)
            self.assertEqual(len(self.mock.requests), 2)
            self.assertGreaterEqual(self.mock.requests[1].time - self.mock.requests[0].time, 0.9)

    def test_429_with_a_long_retry_after_gives_unknown_without_waiting(self):
        for spec, rid, secret, companion in self.each_family():
            self.mock.reset(lambda req: (429, {"Retry-After": "600"}, ""))
            start = time.monotonic()
            j = self.validate(rid, secret, companion)
            self.assertEqual(j["live"], "unknown")
            self.assertEqual(j["live_reason"], "HTTP 429: rate limited (retry after 600 s)")
            self.assertEqual(len(self.mock.requests), 1)
            self.assertLess(time.monotonic() - start, 30)

    def test_5xx_is_unknown(self):
        for spec, rid, secret, companion in self.each_family():
            self.mock.reset(lambda req: (503, {}, "down"))
            j = self.validate(rid, secret, companion)
            self.assertEqual((j["live"], j["live_reason"]), ("unknown", "HTTP 503: the provider failed"))

    def test_timeout_is_an_error(self):
        for spec, rid, secret, companion in self.each_family():
            status, headers, body, _ = valid_case(spec)
            self.mock.reset(lambda req: (status, headers, body), delay=3)
            start = time.monotonic()
            j = self.validate(rid, secret, companion, "--validate-timeout", "1")
            self.assertEqual(j["live"], "error")
            self.assertTrue(j["live_reason"].startswith("timeout"), j)
            self.assertLess(time.monotonic() - start, 2.9)

    def test_tls_failure_is_an_error_and_nothing_is_sent(self):
        for spec, rid, secret, companion in self.each_family():
            self.mock.reset(lambda req: (200, {}, "{}"))
            j = self.validate(rid, secret, companion, env={"NHISCAN_TEST_CA": self.mock.wrong_ca})
            self.assertEqual(j["live"], "error")
            self.assertTrue(j["live_reason"].startswith("TLS: "), j)
            self.assertEqual(self.mock.requests, [])

    def test_redirect_to_another_host_is_not_followed(self):
        for spec, rid, secret, companion in self.each_family():
            self.mock.reset(lambda req: (302, {"Location": "https://other.example/collect"}, ""))
            j = self.validate(rid, secret, companion)
            self.assertEqual((j["live"], j["live_reason"]), ("unknown", "HTTP 302: redirect to other.example not followed"))
            self.assertEqual([r.host for r in self.mock.requests], [spec_host(spec)])

    def test_oversized_response_is_an_error(self):
        for spec, rid, secret, companion in self.each_family():
            status, headers, _, _ = valid_case(spec)
            self.mock.reset(lambda req: (status, headers, "x" * (300 * 1024)))
            j = self.validate(rid, secret, companion)
            self.assertEqual((j["live"], j["live_reason"]), ("error", "response larger than 262144 bytes"))

    def test_malformed_json_is_unknown(self):
        for spec, rid, secret, companion in self.each_family():
            if rid == "aws-secret-access-key":
                continue  # STS answers XML: its valid case is the status alone
            status = spec["valid"]["status"][0]
            self.mock.reset(lambda req: (status, {}, '{"login": "trunc'))
            j = self.validate(rid, secret, companion)
            self.assertEqual((j["live"], j["live_reason"]), ("unknown", f"HTTP {status}: the response is not JSON"))


class Proxy(MockProviderTest):
    def test_the_proxy_environment_is_honoured(self):
        proxy = start_proxy(self.mock.port)
        try:
            rule = self.rule("github-pat-classic")
            secret, _ = self.credential(rule)
            status, headers, body, expected = valid_case(rule["validate"])
            self.mock.reset(lambda req: (status, headers, body))
            j = self.validate("github-pat-classic", secret, None,
                              env={"https_proxy": f"http://127.0.0.1:{proxy.server_address[1]}"})
            self.assertEqual((j["live"], j["live_metadata"]), ("valid", expected))
            self.assertEqual(len(proxy.targets), 1)  # the request went through the proxy's tunnel
            self.assertEqual([r.host for r in self.mock.requests], ["api.github.com"])
        finally:
            proxy.shutdown()
            proxy.server_close()


class ScanWithValidate(MockProviderTest):
    def make_repo(self):
        self.gh = support.github_token()
        self.gh2 = support.github_token()
        self.slack = "xoxb-" + "4815162342" + "-" + "2342907148151" + "-" + support.rand_chars(24)
        self.stripe = "sk_" + "live_" + support.rand_chars(32)
        self.write("app.env", f"GITHUB_TOKEN={self.gh}\nSLACK_BOT_TOKEN={self.slack}\nSTRIPE_SECRET_KEY={self.stripe}\n")
        self.write("copy.env", f"GITHUB_TOKEN={self.gh}\n")
        self.git("init", "-q")
        self.git("add", ".")
        self.git("commit", "-q", "-m", "secrets")

    def respond(self, req):
        if req.host == "api.github.com":
            if self.gh in req.headers.get("authorization", ""):
                return 200, {"X-OAuth-Scopes": "repo"}, json.dumps({"login": "octo-mock", "id": 7})
            return 401, {}, "{}"
        if req.host == "slack.com":
            return 200, {}, json.dumps({"ok": False, "error": "invalid_auth"})
        return 500, {}, "boom"

    def test_git_scan_reports_valid_invalid_unknown_with_metadata(self):
        self.make_repo()
        self.mock.reset(self.respond)
        r = self.run_nhiscan("git", ".", "--validate", "-f", "json")
        self.assertEqual(r.rc, 1, r)
        by = {f["secret"][:5]: f for f in r.json()}
        found = {(f["rule_id"], f["live"]) for f in r.json()}
        self.assertEqual(found, {("github-pat-classic", "valid"), ("slack-bot-token", "invalid"),
                                 ("stripe-live-secret-key", "unknown")})
        gh = [f for f in r.json() if f["rule_id"] == "github-pat-classic"]
        self.assertEqual(len(gh), 2)  # two files, one credential
        for f in gh:
            self.assertEqual(f["live_metadata"], {"user": "octo-mock", "id": "7", "scopes": "repo"})
        stripe = next(f for f in r.json() if f["rule_id"] == "stripe-live-secret-key")
        self.assertEqual(stripe["live_reason"], "HTTP 500: the provider failed")
        # Each distinct credential once per run: github, slack, stripe.
        self.assertEqual(sorted(q.host for q in self.mock.requests), ["api.github.com", "api.stripe.com", "slack.com"])
        self.assertIn("live validation: 3 credentials checked: 1 valid, 1 invalid, 1 unknown, 0 error", r.err)
        self.assertNoSecret(self.gh, r.out, r.err)
        self.assertNoSecret(self.slack, r.out, r.err)

    def test_only_valid_keeps_the_valid_findings_and_decides_the_exit_code(self):
        self.make_repo()
        self.mock.reset(self.respond)
        r = self.run_nhiscan("git", ".", "--validate", "--only-valid", "-f", "json")
        self.assertEqual(r.rc, 1, r)
        self.assertEqual({(f["rule_id"], f["path"]) for f in r.json()},
                         {("github-pat-classic", "app.env"), ("github-pat-classic", "copy.env")})
        self.mock.reset(lambda req: (401, {}, "{}") if req.host != "slack.com" else (200, {}, '{"ok":false}'))
        r = self.run_nhiscan("git", ".", "--validate", "--only-valid", "-f", "json")
        self.assertEqual((r.rc, r.json()), (0, []), r)

    def test_validation_failures_never_change_the_exit_code(self):
        self.make_repo()
        self.mock.reset(lambda req: (200, {}, "{}"))
        r = self.run_nhiscan("dir", ".", "--validate", "-f", "json", env={"NHISCAN_TEST_CA": self.mock.wrong_ca})
        self.assertEqual(r.rc, 1, r)
        self.assertEqual({f["live"] for f in r.json()}, {"error"})
        r = self.run_nhiscan("dir", ".", "--exit-code", "0", "--validate", "-f", "json",
                             env={"NHISCAN_TEST_CA": self.mock.wrong_ca})
        self.assertEqual(r.rc, 0, r)

    def test_every_format_carries_the_result(self):
        self.make_repo()
        self.mock.reset(self.respond)
        text = self.run_nhiscan("dir", ".", "--validate", "--no-color")
        self.assertIn("live: valid (HTTP 200; id: 7; scopes: repo; user: octo-mock), checked ", text.out)
        self.assertIn("live: invalid (HTTP 200), checked ", text.out)
        sarif = json.loads(self.run_nhiscan("dir", ".", "--validate", "-f", "sarif").out)
        props = [res["properties"] for res in sarif["runs"][0]["results"]]
        gh = next(p for p in props if p.get("liveMetadata", {}).get("user") == "octo-mock")
        self.assertEqual(gh["live"], "valid")
        self.assertRegex(gh["checkedAt"], r"Z$")
        gl = json.loads(self.run_nhiscan("dir", ".", "--validate", "-f", "gitlab").out)
        descs = [v["description"] for v in gl["vulnerabilities"]]
        self.assertTrue(any("Live check: valid (HTTP 200; id: 7; scopes: repo; user: octo-mock), checked " in d for d in descs), descs)
        for out in (text.out, json.dumps(sarif), json.dumps(gl)):
            self.assertNoSecret(self.gh, out)

    def test_concurrency_is_bounded_per_provider(self):
        tokens = [support.github_token() for _ in range(6)]
        self.write("many.env", "".join(f"GITHUB_TOKEN_{i}={t}\n" for i, t in enumerate(tokens)))
        self.mock.reset(lambda req: (200, {}, '{"login":"x"}'), delay=0.4)
        r = self.run_nhiscan("dir", ".", "--validate", "-f", "json")
        self.assertEqual(r.rc, 1, r)
        self.assertEqual([f["live"] for f in r.json()], ["valid"] * 6)
        self.assertEqual(len(self.mock.requests), 6)
        self.assertEqual(self.mock.max_in_flight("api.github.com"), 2)

    def test_a_companion_host_from_the_content_is_never_contacted(self):
        # The AWS secret's companion is found in the content; the request still goes to STS.
        secret = support.rand_chars(40, support.BASE62 + "+/")
        self.write("creds.ini", f"aws_access_key_id = {AWS_KEY_ID}\naws_secret_access_key = {secret}\n"
                                f"db_url = postgres://admin:hunter2@other.example:5432/prod\n")
        self.mock.reset(lambda req: (403, {}, "<Error/>"))
        r = self.run_nhiscan("dir", ".", "--validate", "-f", "json")
        self.assertEqual({q.host for q in self.mock.requests}, {"sts.amazonaws.com"})
        aws = [f for f in r.json() if f["rule_id"].startswith("aws")]
        self.assertTrue(aws and all(f["live"] == "invalid" for f in aws), r)


class TenantHosts(MockProviderTest):
    """Okta, Shopify, Atlassian (docs/validation.md, "Tenant hosts"): the tenant's label comes
    from the content, the provider's domain from the rule; a label that is not one DNS label,
    or none at all, is `unknown` and nothing is sent."""

    def tokens(self):
        self.okta = "00" + support.rand_chars(40)
        self.shop = "shp" + "at_" + support.rand_chars(32, "0123456789abcdef")
        # No '-': 24 alphanumerics and a '-' would also read as a legacy 24-character token.
        self.jira = "ATA" + "TT3" + support.rand_chars(186, support.BASE62 + "_")

    def respond(self, req):
        if req.host == f"{MOCK_TENANT}.okta.com":
            ok = req.headers.get("authorization") == f"SSWS {self.okta}"
            return (200, {}, json.dumps({"id": "00u1", "profile": {"login": "ops@example.com"}})) if ok else (401, {}, "{}")
        if req.host == f"{MOCK_TENANT}.myshopify.com":
            return 401, {}, json.dumps({"errors": "[API] Invalid API key or access token"})
        if req.host == f"{MOCK_TENANT}.atlassian.net":
            if req.basic_auth() == f"jira-bot@example.com:{self.jira}":
                return 200, {}, json.dumps({"accountId": "5b10", "displayName": "Jira Bot"})
            return 401, {}, "{}"
        return 500, {}, "unexpected host"

    def test_scan_checks_each_at_its_tenant_host_with_metadata(self):
        self.tokens()
        self.write("okta.env", f"OKTA_ORG_URL=https://{MOCK_TENANT}.okta.com\nOKTA_API_TOKEN={self.okta}\n")
        self.write("shop.env", f"SHOPIFY_STORE={MOCK_TENANT}.myshopify.com\nSHOPIFY_ACCESS_TOKEN={self.shop}\n")
        self.write("jira.env", f"JIRA_URL=https://{MOCK_TENANT.upper()}.atlassian.net\nJIRA_EMAIL=jira-bot@example.com\n"
                               f"JIRA_API_TOKEN={self.jira}\n")
        self.mock.reset(self.respond)
        r = self.run_nhiscan("dir", ".", "--validate", "-f", "json")
        self.assertEqual(r.rc, 1, r)
        got = {f["rule_id"]: (f["live"], f["live_reason"], f["live_metadata"]) for f in r.json()}
        self.assertEqual(got, {
            "okta-api-token": ("valid", "HTTP 200", {"host": f"{MOCK_TENANT}.okta.com", "user": "ops@example.com", "id": "00u1"}),
            "shopify-access-token": ("invalid", "HTTP 401", {}),
            "atlassian-api-token": ("valid", "HTTP 200", {"host": f"{MOCK_TENANT}.atlassian.net", "account": "5b10",
                                                          "name": "Jira Bot"}),
        })
        self.assertEqual(sorted((q.host, q.path) for q in self.mock.requests), [
            (f"{MOCK_TENANT}.atlassian.net", "/rest/api/3/myself"),
            (f"{MOCK_TENANT}.myshopify.com", "/admin/api/2025-01/shop.json"),
            (f"{MOCK_TENANT}.okta.com", "/api/v1/users/me"),
        ])
        shop = next(q for q in self.mock.requests if q.host.endswith(".myshopify.com"))
        self.assertEqual(shop.headers["x-shopify-access-token"], self.shop)
        for s in (self.okta, self.shop, self.jira):
            self.assertNoSecret(s, r.out, r.err)

    def test_a_mailchimp_key_is_checked_at_its_own_data_center(self):
        key = support.rand_chars(32, "0123456789abcdef") + "-us21"
        self.write("mc.env", f"MAILCHIMP_API_KEY={key}\n")
        self.mock.reset(lambda req: (200, {}, json.dumps({"account_id": "8d3a", "account_name": "Example Co"}))
                        if req.basic_auth() == f"nhiscan:{key}" else (401, {}, "{}"))
        r = self.run_nhiscan("dir", ".", "--validate", "-f", "json")
        self.assertEqual(r.rc, 1, r)
        self.assertEqual([(f["rule_id"], f["live"], f["live_metadata"]) for f in r.json()], [
            ("mailchimp-api-key", "valid", {"host": "us21.api.mailchimp.com", "account": "Example Co", "id": "8d3a"})])
        self.assertEqual([(q.host, q.path) for q in self.mock.requests], [("us21.api.mailchimp.com", "/3.0/")])
        self.assertNoSecret(key, r.out, r.err)
        # `nhiscan validate` reads the data center from the key too; no --tenant is needed.
        self.mock.requests.clear()
        v = self.run_nhiscan("validate", "--rule", "mailchimp-api-key", "-f", "json", input=key + "\n")
        self.assertEqual(v.rc, 0, v)
        j = v.json()
        self.assertEqual((j["live"], j["live_metadata"]["host"]), ("valid", "us21.api.mailchimp.com"))
        self.assertEqual([q.host for q in self.mock.requests], ["us21.api.mailchimp.com"])

    def test_without_a_tenant_the_result_is_unknown_and_nothing_is_sent(self):
        self.tokens()
        self.write("okta.env", f"OKTA_API_TOKEN={self.okta}\n")
        self.write("shop.env", f"SHOPIFY_ACCESS_TOKEN={self.shop}\n")
        self.mock.reset(self.respond)
        r = self.run_nhiscan("dir", ".", "--validate", "-f", "json")
        self.assertEqual(r.rc, 1, r)
        got = {f["rule_id"]: (f["live"], f["live_reason"]) for f in r.json()}
        self.assertEqual(got, {
            "okta-api-token": ("unknown", "needs its Okta org (the host's first label), and none was found near the secret"),
            "shopify-access-token": ("unknown", "needs its Shopify shop (the host's first label), and none was found near the secret"),
        })
        self.assertEqual(self.mock.requests, [])
        self.assertIn("live validation: 2 credentials checked: 0 valid, 0 invalid, 2 unknown, 0 error", r.err)

    def test_a_tenant_that_tries_to_escape_is_unknown_and_nothing_is_sent(self):
        # The mock answers for evil.com, a.b.okta.com, b.okta.com and y.okta.com too: a request
        # that got out of the label would be recorded.
        self.tokens()
        self.mock.reset(lambda req: (200, {}, json.dumps({"id": "00u1"})))
        for tenant in ["evil.com#", "a.b", "x@y", "evil.com/", "x:443", "b.okta.com", "%65vil", "-x", "a b"]:
            with self.subTest(tenant=tenant):
                j = self.validate("okta-api-token", self.okta, None, "--tenant", tenant)
                self.assertEqual((j["live"], j["live_reason"]),
                                 ("unknown", "the Okta org is not one DNS label ([a-z0-9-]): nothing sent"))
                self.assertEqual(self.mock.requests, [])
        j = self.validate("okta-api-token", self.okta, None, "--tenant", MOCK_TENANT.upper())
        self.assertEqual(j["live"], "valid", j)
        self.assertEqual([q.host for q in self.mock.requests], [f"{MOCK_TENANT}.okta.com"])

    def test_a_dotted_host_in_the_content_gives_only_its_last_label_under_the_rule_suffix(self):
        # `https://evil.com#.okta.com` holds no label right before .okta.com: no tenant;
        # `a.b.okta.com` gives `b`, still under okta.com.
        self.tokens()
        self.write("okta.env", f"OKTA_ORG_URL=https://evil.com#.okta.com\nOKTA_API_TOKEN={self.okta}\n")
        self.mock.reset(lambda req: (200, {}, json.dumps({"id": "00u1"})))
        r = self.run_nhiscan("dir", ".", "--validate", "-f", "json")
        [f] = r.json()
        self.assertEqual(f["live"], "unknown", f)
        self.assertEqual(self.mock.requests, [])
        self.write("okta.env", f"OKTA_ORG_URL=https://a.b.okta.com\nOKTA_API_TOKEN={self.okta}\n")
        r = self.run_nhiscan("dir", ".", "--validate", "-f", "json")
        [f] = r.json()
        self.assertEqual((f["live"], f["live_metadata"].get("host")), ("valid", "b.okta.com"), f)
        self.assertEqual([q.host for q in self.mock.requests], ["b.okta.com"])

    def test_validate_without_tenant_is_a_usage_error(self):
        r = self.run_nhiscan("validate", "--rule", "okta-api-token", input="00" + support.rand_chars(40) + "\n")
        self.assertEqual(r.rc, 2, r)
        self.assertIn("rule 'okta-api-token' needs --tenant (its Okta org: the first label of {{tenant}}.okta.com)", r.err)


class InventoryWithValidate(MockProviderTest):
    make_repo = ScanWithValidate.make_repo  # the same repository and provider answers
    respond = ScanWithValidate.respond

    def test_inventory_records_carry_live_and_checked_at(self):
        self.make_repo()
        self.mock.reset(self.respond)
        self.env["NHISCAN_INVENTORY_KEY"] = "validate-test-key-0123456789abcdef"
        r = self.run_nhiscan("inventory", ".", "--validate", "-f", "json")
        self.assertEqual(r.rc, 1, r)
        recs = {tuple(x["rules"]): x for x in r.json()["records"]}
        self.assertEqual(set(recs), {("github-pat-classic",), ("slack-bot-token",), ("stripe-live-secret-key",)})
        self.assertEqual(recs[("github-pat-classic",)]["live"],
                         {"value": "valid", "reason": "HTTP 200", "metadata": {"user": "octo-mock", "id": "7", "scopes": "repo"}})
        self.assertEqual(recs[("slack-bot-token",)]["live"], {"value": "invalid", "reason": "HTTP 200", "metadata": {}})
        self.assertEqual(recs[("stripe-live-secret-key",)]["live"],
                         {"value": "unknown", "reason": "HTTP 500: the provider failed", "metadata": {}})
        for x in recs.values():
            self.assertRegex(x["checked_at"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
        # Once per credential, though the GitHub token is in two files.
        self.assertEqual(sorted(q.host for q in self.mock.requests), ["api.github.com", "api.stripe.com", "slack.com"])
        self.assertNoSecret(self.gh, r.out, r.err)
        # Without --validate: null with the reason, and no request.
        self.mock.reset(self.respond)
        r = self.run_nhiscan("inventory", ".", "-f", "json")
        self.assertEqual({(x["live"]["value"], x["checked_at"]) for x in r.json()["records"]}, {(None, None)})
        self.assertEqual(self.mock.requests, [])


if __name__ == "__main__":
    unittest.main()
