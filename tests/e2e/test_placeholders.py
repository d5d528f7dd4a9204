"""End-to-end: placeholder and template forms that real repositories hold (.env.example files,
CI configs, Helm/Terraform/CloudFormation templates, SOPS files, docs) give no finding, per form,
under several rules' key names and in several syntaxes; files whose random-looking text is a
digest, an encoding or ciphertext (lockfiles, source maps, notebooks) give none either. A
control with a random value under the same keys is reported, so each "no finding" is the
filter's doing, not a key or syntax that no rule reads."""
import base64
import json
import random
import unittest

import support
from support import NhiscanTest, rand_chars

# Key names read by generic rules and by provider rules (keyword-shaped and pattern rules).
KEYS = ["API_KEY", "SECRET_KEY", "AUTH_TOKEN", "DB_PASSWORD", "CLIENT_SECRET", "ACCESS_TOKEN",
        "STRIPE_SECRET_KEY", "DATADOG_API_KEY", "SENDGRID_API_KEY", "MOCKAROO_API_KEY", "FXMARKET_API_KEY",
        "BROWSHOT_API_KEY", "DEVIANTART_ACCESS_TOKEN", "PUSHBULLET_ACCESS_TOKEN", "ALCHEMY_API_KEY"]


def syntaxes(key, value):
    """The same assignment in the files a repository holds it in."""
    low = key.lower()
    return {
        ".env.example": f"{key}={value}\n",
        "config.yaml": f"{low}: \"{value}\"\n",
        "settings.json": "{\n  " + json.dumps(low) + ": " + json.dumps(value) + "\n}\n",
        "settings.py": f"{key} = {json.dumps(value)}\n",
        "docker-compose.yml": f"services:\n  app:\n    environment:\n      - {key}={value}\n",
        "deploy.sh": f"export {key}=\"{value}\"\n",
    }


def b64(rng, n):
    return base64.b64encode(bytes(rng.getrandbits(8) for _ in range(n))).decode()


def forms(rng):
    """Placeholder, template and reference forms, by name. Random parts (SOPS ciphertext, the
    ARN suffix) are drawn at run time."""
    seq = "0123456789abcdef" * 4
    return {
        "shell ${VAR}": "${API_KEY}",
        "compose ${VAR:-default}": "${API_KEY:-changeme}",
        "compose ${VAR:?error}": "${API_KEY:?must be set}",
        "GitHub Actions ${{ secrets.X }}": "${{ secrets.API_KEY }}",
        "Helm {{ .Values.x }}": "{{ .Values.apiKey }}",
        "Jinja/Ansible {{ var }}": "{{ vault_api_key }}",
        "Python %(name)s": "%(password)s",
        "<YOUR_API_KEY>": "<YOUR_API_KEY>",
        "your-api-key-here": "your-api-key-here",
        "<your … token> (spaces)": "<your PyPI token>",
        "mock-api-key-123": "mock-api-key-123",
        "changeme": "changeme",
        "process.env.X": "process.env.API_KEY",
        'os.getenv("X")': 'os.getenv("API_KEY")',
        "vault:secret/x#y": "vault:secret/data/app#api_key",
        "CloudFormation !Ref": "!Ref ApiKeyParam",
        "CloudFormation {{resolve:…}}": "{{resolve:secretsmanager:prod/app:SecretString:key}}",
        "Terraform data reference": 'data.vault_generic_secret.app.data["api_key"]',
        "SOPS ENC[AES256_GCM,…]": f"ENC[AES256_GCM,data:{b64(rng, 24)},iv:{b64(rng, 32)},tag:{b64(rng, 16)},type:str]",
        "$(cat /run/secrets/x)": "$(cat /run/secrets/api_key)",
        "AWS Secrets Manager ARN": "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/app/"
                                   + rand_chars(6, rng=rng) + "-" + rand_chars(6, rng=rng),
        "***": "***",
        "****": "****",
        "xxxxxxxx": "xxxxxxxx",
        "x-filled to 32": "x" * 32,
        "REDACTED": "REDACTED",
        "dummy": "dummy",
        "example": "example",
        "Azure DevOps #{X}#": "#{ApiKey}#",
        "Octopus __X__": "__API_KEY__",
        "sequence 0123…": seq[:32],
        "interleaved a1b2c3…": ("a1b2c3d4e5f6" * 4)[:32],
        "zeros": "0" * 32,
    }


def real_format_files(rng):
    """Files in the formats real repositories hold, with key-like words nearby: random text
    that is a digest, an encoding or ciphertext (lockfiles, source maps, notebooks, SOPS and
    Ansible Vault), references and placeholders (CI, Helm, Terraform, .pypirc, test mocks)."""
    hx = lambda n: bytes(rng.getrandbits(8) for _ in range(n)).hex()
    pk = ["jsonwebtoken", "aws-sdk", "stripe", "api-key-auth", "secret-handshake", "@octokit/auth-token"]
    lock = {"lockfileVersion": 3, "packages": {f"node_modules/{p}": {
        "version": "1.2.3", "resolved": f"https://registry.npmjs.org/{p}/-/x-1.2.3.tgz",
        "integrity": "sha512-" + b64(rng, 64)} for p in pk}}
    return {
        "package-lock.json": json.dumps(lock, indent=2),
        "yarn.lock": "".join(f'"{p}@^1.2.0":\n  version "1.2.3"\n  resolved "https://registry.yarnpkg.com/{p}/-/x-1.2.3.tgz#{hx(20)}"\n'
                             f"  integrity sha512-{b64(rng, 64)}\n\n" for p in pk),
        "go.sum": "".join(f"github.com/org/{p} v1.2.3 h1:{b64(rng, 32)}\n" for p in ["oauth2", "jwt", "secrets", "apikey"]),
        "Cargo.lock": "".join(f'[[package]]\nname = "{p}"\nversion = "1.2.3"\nchecksum = "{hx(32)}"\n\n'
                              for p in ["jsonwebtoken", "secrecy", "api-key"]),
        "poetry.lock": "".join(f'[[package]]\nname = "{p}"\nfiles = [\n    {{file = "{p}-1.2.3.tar.gz", hash = "sha256:{hx(32)}"}},\n]\n'
                               for p in ["pyjwt", "keyring", "stripe"]),
        "site-packages/x-1.0.dist-info/RECORD": "".join(
            f"x/{n}.py,sha256={base64.urlsafe_b64encode(bytes.fromhex(hx(32))).decode().rstrip('=')},{rng.randint(100, 9999)}\n"
            for n in ["token", "secrets", "api_key", "password"]),
        "dist/app.js.map": json.dumps({"version": 3, "names": ["apiKey", "token", "secret"],
                                       "mappings": ";".join(",".join(rand_chars(5, rng=rng) for _ in range(20)) for _ in range(20)),
                                       "sourcesContent": ["export const apiKey = process.env.API_KEY;\n"]}),
        "dist/app.css": '.i{background:url("data:image/png;base64,' + b64(rng, 300) + '")}\n',
        "notebook.ipynb": json.dumps({"cells": [{"cell_type": "code", "source": ["api_key = os.environ['API_KEY']\n"],
                                                 "outputs": [{"data": {"image/png": b64(rng, 2000)}}]}]}, indent=1),
        ".github/workflows/ci.yml": "env:\n  NPM_TOKEN: ${{ secrets.NPM_TOKEN }}\nsteps:\n  - uses: actions/checkout@"
                                    + hx(20) + "\n    with:\n      token: ${{ secrets.GITHUB_TOKEN }}\n",
        "charts/app/templates/secret.yaml": "data:\n  api-key: {{ .Values.apiKey | b64enc | quote }}\n"
                                            "stringData:\n  token: \"{{ .Values.token }}\"\n",
        "secrets.enc.yaml": f"api_key: ENC[AES256_GCM,data:{b64(rng, 30)},iv:{b64(rng, 32)},tag:{b64(rng, 16)},type:str]\n"
                            f"sops:\n    mac: ENC[AES256_GCM,data:{b64(rng, 64)},iv:{b64(rng, 32)},tag:{b64(rng, 16)},type:str]\n",
        "infra/main.tf": 'resource "aws_iam_policy" "p" {\n  policy = jsonencode({Resource = '
                         f'"arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/stripe-{rand_chars(6, rng=rng)}"}})\n'
                         "}\nprovider \"datadog\" {\n  api_key = var.datadog_api_key\n"
                         "  app_key = data.aws_ssm_parameter.dd_app_key.value\n}\n",
        ".pypirc": "[pypi]\nusername = __token__\npassword = <your PyPI token>\n",
        "src/api/mocks.ts": 'export const mockUser = { apiKey: "mock-api-key-123", token: "fake_jwt_token" };\n',
        "group_vars/all.yml": "db_password: !vault |\n          $ANSIBLE_VAULT;1.1;AES256\n"
                              + "".join(f"          {hx(40)}\n" for _ in range(4)),
        "index.html": f'<script src="/app.js" integrity="sha384-{b64(rng, 48)}" nonce="{b64(rng, 16)}"></script>\n',
        "CHANGELOG.md": "".join(f"- Fix token refresh ({hx(20)})\n" for _ in range(5)),
    }


class Placeholders(NhiscanTest):
    def scan(self):
        r = self.run_nhiscan("dir", ".", "-f", "json", "--no-redact")
        self.assertIn(r.rc, (0, 1), r)
        return r.json()

    def test_each_form_gives_no_finding_under_any_key_or_syntax(self):
        rng = random.Random(7)
        named = forms(rng)
        for i, value in enumerate(named.values()):
            for key in KEYS:
                for name, text in syntaxes(key, value).items():
                    self.write(f"forms/{i}/{key}/{name}", text)
        # Controls: a random value under every key, in every syntax, is reported.
        for key in KEYS:
            for name, text in syntaxes(key, rand_chars(32, rng=rng)).items():
                self.write(f"control/{key}/{name}", text)
        findings = self.scan()
        by_form = {}
        controls = set()
        for f in findings:
            parts = f["path"].split("/")
            if parts[0] == "forms":
                by_form.setdefault(int(parts[1]), []).append(f)
            else:
                controls.add((parts[1], parts[2]))
        for i, form in enumerate(named):
            with self.subTest(form=form):
                self.assertEqual([(f["rule_id"], f["path"], f["secret"]) for f in by_form.get(i, [])], [])
        missing = [(k, n) for k in KEYS for n in syntaxes(k, "x") if (k, n) not in controls]
        self.assertEqual(missing, [], "a random value under these keys is not reported: the negatives prove nothing there")

    def test_real_repository_files_give_no_finding(self):
        rng = random.Random(11)
        for seed in range(3):
            for name, text in real_format_files(rng).items():
                self.write(f"repo{seed}/{name}", text)
        self.assertEqual([(f["rule_id"], f["path"], f["line"], f["secret"]) for f in self.scan()], [])


if __name__ == "__main__":
    unittest.main()
