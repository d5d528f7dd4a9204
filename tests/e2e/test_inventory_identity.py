"""`nhiscan inventory`: the public identifier of each format that has one (docs/inventory.md,
`public_id`). The GitHub prefix+last4, the AWS key id and a DSN's user@host are asserted with
every other field in test_inventory.py; here: a GCP service-account key file's client_email
and private_key_id, a JWT's iss/sub/kid, an AWS secret's key id."""
import os

import gitfixture
import inventoryfixture as fx


class PublicIdentifiers(gitfixture.SharedCacheTest):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = dict(os.environ, HOME=cls.class_tmp)
        cls.secrets = fx.identity_secrets()
        fx.build_identities(cls.class_tmp, env, cls.secrets)

    def setUp(self):
        super().setUp()
        self.env["NHISCAN_INVENTORY_KEY"] = fx.KEY
        self.env["SOURCE_DATE_EPOCH"] = str(fx.NOW)

    def test_public_identifiers(self):
        r = self.run_nhiscan("inventory", os.path.join(self.class_tmp, "zeta"), "-f", "json")
        self.assertEqual(r.rc, 1, r)
        got = {(rec["rules"][0], rec["places"][0]["path"]): rec["public_id"] for rec in r.json()["records"]}
        s = self.secrets
        self.assertEqual(got, {
            ("gcp-service-account-key", "gcp/sa.json"):
                {"type": "gcp-service-account", "value": f"client_email={s['EMAIL']}; private_key_id={s['KEY_ID']}"},
            ("jwt", "auth/service.env"):
                {"type": "jwt-claims", "value": "iss=https://auth.example.test; sub=svc-deployer; kid=key-2024"},
            ("aws-access-key-id", "aws/credentials"): {"type": "aws-access-key-id", "value": s["AWS_ID"]},
            ("aws-secret-access-key", "aws/credentials"): {"type": "access key id", "value": s["AWS_ID"]},
        })
        # Safe to show: no private key, JWT or AWS secret in any output.
        for fmt in ("json", "text", "csv", "html"):
            out = self.run_nhiscan("inventory", os.path.join(self.class_tmp, "zeta"), "-f", fmt).out
            for name in ("JWT", "AWS_SECRET"):
                self.assertNotIn(s[name], out, fmt)
            self.assertNotIn(s["PEM"].splitlines()[1], out, fmt)
