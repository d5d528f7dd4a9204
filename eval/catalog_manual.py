"""Hand-built samples for the catalog entries eval/catalog_samples.py cannot parse.

The parser reads the catalog's compact notation (`prefix` + N x [class]). About 200 entries are
written in prose instead: JWT layouts, base64 of a JSON object, "one of: ...", several forms, and
every entry of shape `structured`, `generic`, `url` and `pem` (connection strings, key files,
command lines, PEM blocks). For each of them this module builds samples the way a peer scanner's
test author would: from the catalog's format facts and the provider's documented format, in the
context the credential really appears in (an assignment naming the provider, a Kubernetes Secret,
a service-account JSON file, a .netrc, a JDBC URL, a curl command line, a PEM block...).

The samples were written BLIND: without reading nhiscan's rules, sources or rule examples.

BUILDERS maps a catalog entry's exact `name` to `build(rng) -> [(label, text, secret[, file])]`:
  label   `documented` (or `documented lo` / `documented hi` for the ends of a range), `formN`
          for a further documented form, `peer <who/bound>` for a peer scanner's bound;
  text    the whole content of one sample file;
  secret  the part of `text` that is the credential; it occurs in `text` exactly once;
  file    optional: the file name the sample is written to (default: guessed from the text).
SKIPPED maps the names of entries that are no credential in text to the reason.

Every value is random (from `rng`) over the stated charset and length; fixed parts (JWT headers,
base64 prefixes) are built by encoding real JSON at run time, so this file holds no token.
"""
import base64
import json
import re
import string

ALNUM = string.ascii_letters + string.digits
LOWER_ALNUM = string.ascii_lowercase + string.digits
UPPER_ALNUM = string.ascii_uppercase + string.digits
HEX = "0123456789abcdef"
HEXU = "0123456789ABCDEF"
DIGITS = string.digits
B64 = ALNUM + "+/"
B64URL = ALNUM + "_-"
BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
CRYPT = "./" + ALNUM
BECH32 = "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L"
PUNCT = "!#$%&*+,-.:;<=>?@^_|~"
# Key words spelled at run time so that this file itself holds no credential-shaped text.
PASS, PW, PWD = "Pa" + "ss", "pass" + "word", "P" + "wd"

LABEL_RE = re.compile(r"(documented|form[2-9])( lo| hi)?|peer \S.*")

BUILDERS = {}
SKIPPED = {
    "PKCS #12 key store file (.p12 / .pfx)":
        "a binary DER container matched by its path, not a credential written in text",
}


def run(rng, chars, n):
    """n random chars of `chars`; letters and digits mixed where the class has both."""
    mixed = n >= 8 and set(chars) & set(DIGITS) and set(chars) & set(string.ascii_letters)
    while True:
        v = "".join(rng.choice(chars) for _ in range(n))
        if not mixed or (any(c.isdigit() for c in v) and any(c.isalpha() for c in v)):
            return v


def digits(rng, n):
    return rng.choice("123456789") + run(rng, DIGITS, n - 1)


def uuid(rng, upper=False):
    u = "-".join(run(rng, HEX, n) for n in (8, 4, 4, 4, 12))
    u = u[:14] + "4" + u[15:19] + rng.choice("89ab") + u[20:]
    return u.upper() if upper else u


def b64(data, url=False, pad=True):
    if isinstance(data, str):
        data = data.encode()
    out = base64.urlsafe_b64encode(data) if url else base64.b64encode(data)
    out = out.decode()
    return out if pad else out.rstrip("=")


def rbytes(rng, n):
    return bytes(rng.randrange(256) for _ in range(n))


def b64json(obj, url=False, pad=True):
    return b64(json.dumps(obj, separators=(",", ":")), url=url, pad=pad)


def sig(rng, n):
    """A base64url signature segment of n chars."""
    return run(rng, B64URL, n)


def jwt(rng, claims=None, header=None, alg="HS256", sig_len=None):
    """A JWT with real base64url JSON header and payload and a random signature."""
    header = header or {"alg": alg, "typ": "JWT"}
    if claims is None:
        now = rng.randrange(1_650_000_000, 1_760_000_000)
        claims = {"sub": uuid(rng), "iat": now, "exp": now + 31_536_000, "jti": run(rng, ALNUM, 16)}
    if sig_len is None:
        sig_len = {"HS256": 43, "HS384": 64, "HS512": 86, "RS256": 342, "ES256": 86, "ES512": 176}.get(
            header.get("alg", alg), 43)
    return f"{b64json(header, url=True, pad=False)}.{b64json(claims, url=True, pad=False)}.{sig(rng, sig_len)}"


def jwt_header(alg="HS256", typ_first=False):
    h = {"typ": "JWT", "alg": alg} if typ_first else {"alg": alg, "typ": "JWT"}
    return b64json(h, url=True, pad=False)


def ey(rng, n, chars=ALNUM):
    """A JWT-looking segment of exactly n chars that begins `eyJ` (base64 of `{"`)."""
    return "eyJ" + run(rng, chars, n - 3)


def pem_body(der, width=64):
    s = b64(der)
    return "\n".join(s[i:i + width] for i in range(0, len(s), width))


DASH5 = "-" * 5


def pem(label, body, headers=""):
    return f"{DASH5}BEGIN {label}{DASH5}\n{headers}{body}\n{DASH5}END {label}{DASH5}\n"


def rsa_der(rng):
    """A PKCS#1 RSAPrivateKey-shaped DER (2048-bit sizes, random content)."""
    return (bytes.fromhex("308204a40201000282010100") + rbytes(rng, 256) + bytes.fromhex("0203010001028201")
            + rbytes(rng, 900))


def pkcs8_der(rng):
    return bytes.fromhex("308204be020100300d06092a864886f70d0101010500048204a8308204a40201000282010100") + rbytes(
        rng, 1180)


def ec_der(rng):
    return (bytes.fromhex("30770201010420") + rbytes(rng, 32) + bytes.fromhex("a00a06082a8648ce3d030107a144034200")
            + b"\x04" + rbytes(rng, 64))


def openssh_der(rng):
    return b"openssh-key-v1\x00" + b"\x00\x00\x00\x04none\x00\x00\x00\x04none\x00\x00\x00\x00\x00\x00\x00\x01" + rbytes(
        rng, 360)


def rsa_pem(rng, label="RSA PRIVATE KEY"):
    return pem(label, pem_body(rsa_der(rng) if "RSA" in label else pkcs8_der(rng)))


def password(rng, n=16, symbols="!@%^*_-"):
    """A strong random password: letters, digits and a symbol or two."""
    while True:
        v = run(rng, ALNUM, n - 2) + rng.choice(symbols) + run(rng, ALNUM, 1)
        v = "".join(rng.sample(v, len(v)))
        if v[0].isalnum() and any(c.isdigit() for c in v) and any(c.isupper() for c in v):
            return v


def user(rng):
    return rng.choice(["deploy", "svc_app", "jenkins", "ci-runner", "backup", "appuser", "etl_loader", "reporting"])


def host(rng):
    return rng.choice(["db01", "db-primary", "pg-main", "mysql-prod", "cache01", "api-gw"]) + "." + rng.choice(
        ["internal.acme-corp.net", "prod.northwind.io", "corp.contoso-tools.com"])


def reg(name):
    def deco(f):
        if name in BUILDERS:
            raise ValueError(f"duplicate builder: {name}")
        BUILDERS[name] = f
        return f
    return deco


# ---------------------------------------------------------------- context helpers
def env(label, var, v, extra=""):
    """A .env line: VAR=value."""
    return (label, f"{extra}{var}={v}\n", v, ".env")


def py(label, var, v, extra=""):
    return (label, f'{extra}{var} = "{v}"\n', v, "settings.py")


def sh(label, var, v):
    return (label, f"#!/bin/sh\nexport {var}=\"{v}\"\n", v, "deploy.sh")


def yml(label, path, v, fname="config.yaml"):
    """A YAML document: path like ('provider', 'api_key') -> nested mapping."""
    lines = []
    for i, k in enumerate(path[:-1]):
        lines.append("  " * i + f"{k}:")
    lines.append("  " * (len(path) - 1) + f'{path[-1]}: "{v}"')
    return (label, "\n".join(lines) + "\n", v, fname)


def js(label, var, v):
    return (label, f"const {var} = '{v}';\n", v, "config.js")


def curl_bearer(label, url, v, scheme="Bearer"):
    return (label, f'curl -s -H "Authorization: {scheme} {v}" \\\n  {url}\n', v, "call_api.sh")


def kv_samples(var, make, labels=("documented",), ctx=env):
    """One sample per label with value make(rng, label)."""
    def build(rng):
        return [ctx(label, var, make(rng, label)) for label in labels]
    return build


def simple(name, var, make, labels=("documented",), ctx=env):
    BUILDERS[name] = kv_samples(var, make, labels, ctx)


# ================================================================ prefixed / keyword entries in prose
def _op_secret_key(rng, label):
    g = lambda n: run(rng, UPPER_ALNUM, n)  # noqa: E731
    if label == "form2":
        return f"A3-{g(6)}-{g(11)}-{g(5)}-{g(5)}-{g(5)}"
    ver = rng.choice("4567") if label.startswith("peer") else "3"
    return f"A{ver}-{g(6)}-{g(6)}-{g(5)}-{g(5)}-{g(5)}-{g(5)}"


simple("1Password account Secret Key", "OP_SECRET_KEY", _op_secret_key, ("documented", "form2", "peer titus A<digit>"))


@reg("1Password service account token")
def _(rng):
    def token(url, size):
        obj = {"signInAddress": "my.1password.com", "userAuth": {"method": "SRPg-4096", "alg": "PBES2g-HS256",
               "iterations": 650000, "salt": run(rng, B64URL, 22)}, "email": run(rng, LOWER_ALNUM, 13) + "@1passwordserviceaccounts.com",
               "srpX": run(rng, HEX, 64), "muk": {"alg": "A256GCM", "ext": True, "k": run(rng, B64URL, 43),
               "key_ops": ["encrypt", "decrypt"], "kty": "oct", "kid": "mp"}, "secretKey": _op_secret_key(rng, "documented"),
               "throttleSecret": {"seed": run(rng, HEX, 64), "deviceUuid": run(rng, LOWER_ALNUM, 26)},
               "deviceUuid": run(rng, LOWER_ALNUM, 26)}
        if size == "small":
            obj = {"signInAddress": "my.1password.com", "email": obj["email"], "secretKey": obj["secretKey"]}
        return "ops_" + b64json(obj, url=url, pad=not url)
    return [env("documented", "OP_SERVICE_ACCOUNT_TOKEN", token(False, "full")),
            env("peer titus 80-500 base64url", "OP_SERVICE_ACCOUNT_TOKEN", token(True, "small"))]


@reg("age X25519 identity (secret key)")
def _(rng):
    out = []
    for label, chars in (("documented", BECH32), ("peer [0-9A-Z]", UPPER_ALNUM)):
        body = run(rng, chars, 58)
        if label != "documented" and not set(body) - set(BECH32):
            body = "B" + body[1:]
        key = "AGE-SECRET-KEY-1" + body
        pub = "age1" + run(rng, BECH32.lower(), 58)
        text = f"# created: 2025-0{rng.randrange(1, 9)}-1{rng.randrange(0, 9)}T10:21:07Z\n# public key: {pub}\n{key}\n"
        out.append((label, text, key, "key.txt"))
    return out


@reg("Alchemy API key")
def _(rng):
    key = run(rng, ALNUM, 23) + "_" + run(rng, ALNUM, 8)
    return [("documented", f"ALCHEMY_RPC_URL=https://eth-mainnet.g.alchemy.com/v2/{key}\n", key, ".env"),
            env("peer titus 24", "ALCHEMY_API_KEY", run(rng, B64URL, 24)),
            env("peer titus 64", "ALCHEMY_API_KEY", run(rng, B64URL, 64))]


simple("Alibaba Cloud STS temporary credentials (security token)", "ALIBABA_CLOUD_SECURITY_TOKEN",
       lambda rng, label: "CAIS" + run(rng, B64, {"documented": 420, "peer betterleaks 20": 20,
                                                   "peer betterleaks 1024": 1024}[label]),
       ("documented", "peer betterleaks 20", "peer betterleaks 1024"))

simple("AppFollow API token", "APPFOLLOW_API_TOKEN",
       lambda rng, label: f"{jwt_header(typ_first=True)}.{ey(rng, 74)}.{sig(rng, 43)}")


def _asana(rng, label):
    if label == "form3":
        return "0/" + run(rng, HEX, 32)
    gid = digits(rng, 16)
    if label == "form2":
        return f"2/{gid}/{digits(rng, 16)}:{run(rng, HEX, 32)}"
    return f"1/{gid}:{run(rng, HEX, 32)}"


simple("Asana personal access token", "ASANA_ACCESS_TOKEN", _asana, ("documented", "form2", "form3"))


@reg("Asana personal access token / OAuth token (numbered form)")
def _(rng):
    return [py("documented", "asana_token", _asana(rng, "documented")),
            curl_bearer("form2", "https://app.asana.com/api/1.0/users/me", _asana(rng, "form2"))]


@reg("Atlassian Cloud API token")
def _(rng):
    def tok(n):
        return "ATATT3xFfGF0" + run(rng, B64URL, n) + "=" + run(rng, HEXU, 8)
    return [env("documented", "JIRA_API_TOKEN", tok(171)), env("peer 20-200 body", "CONFLUENCE_API_TOKEN", tok(20))]


simple("Avaza personal access token", "AVAZA_API_KEY", lambda rng, label: digits(rng, 6) + "-" + run(rng, HEX, 40))


def _bedrock_long(rng, n_plain):
    head = f"BedrockAPIKey-{run(rng, LOWER_ALNUM, 4)}-at-{digits(rng, 12)}:"
    return "ABSK" + b64(head + run(rng, B64, n_plain - len(head)))


simple("Amazon Bedrock API key (long-term)", "AWS_BEARER_TOKEN_BEDROCK",
       lambda rng, label: _bedrock_long(rng, {"documented lo": 84, "documented hi": 201}[label]),
       ("documented lo", "documented hi"))


@reg("Amazon Bedrock API key (short-term)")
def _(rng):
    cred = f"ASIA{run(rng, UPPER_ALNUM, 16)}%2F2025061{rng.randrange(10)}%2Fus-east-1%2Fbedrock%2Faws4_request"
    url = (f"bedrock.amazonaws.com/?Action=CallWithBearerToken&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential={cred}"
           f"&X-Amz-Date=2025061{rng.randrange(10)}T09{rng.randrange(10, 59)}11Z&X-Amz-Expires=43200"
           f"&X-Amz-Security-Token={run(rng, B64, 380)}&X-Amz-Signature={run(rng, HEX, 64)}"
           f"&X-Amz-SignedHeaders=host&Version=1")
    return [env("documented", "AWS_BEARER_TOKEN_BEDROCK", "bedrock-api-key-" + b64(url))]


@reg("AWS STS session token")
def _(rng):
    def creds(label, tok):
        text = (f"[default]\naws_access_key_id = ASIA{run(rng, UPPER_ALNUM, 16)}\n"
                f"aws_secret_access_key = {run(rng, B64, 40)}\naws_session_token = {tok}\n")
        return (label, text, tok, "credentials")
    return [creds("documented", "IQoJb3JpZ2luX2Vj" + run(rng, B64, 740)),
            env("form2", "AWS_SESSION_TOKEN", "FwoGZXIvYXdzE" + run(rng, B64, 330)),
            env("peer 16-200", "AWS_SESSION_TOKEN", "IQoJb3JpZ2luX2Vj" + run(rng, B64, 184))]


simple("Ayrshare API key", "AYRSHARE_API_KEY", lambda rng, label: "-".join(run(rng, UPPER_ALNUM, 8) for _ in range(4)))


def _ado_pat(rng, label):
    if label == "form2":
        return run(rng, "abcdefghijklmnopqrstuvwxyz234567", 52)
    return run(rng, ALNUM, 76) + "AZDO" + run(rng, ALNUM, 4)


simple("Azure DevOps personal access token", "AZURE_DEVOPS_PAT", _ado_pat, ("documented", "form2"))

simple("Bannerbear API key", "BANNERBEAR_API_KEY", lambda rng, label: run(rng, ALNUM, 22) + "tt")
simple("Bitbucket OAuth consumer secret", "BITBUCKET_CLIENT_SECRET", lambda rng, label: {
    "peer gitleaks 64": run(rng, LOWER_ALNUM + "_-", 64),
    "peer kingfisher 44": run(rng, ALNUM + "+_-", 44)}[label], ("peer gitleaks 64", "peer kingfisher 44"))


def _bk_org(rng):
    return b64(rbytes(rng, 16), pad=False).replace("+", "A").replace("/", "B")


def _bkaa(rng, label):
    if label == "form2":
        return "bkaj_" + jwt(rng, {"iss": "buildkite", "org_uuid": uuid(rng), "job_uuid": uuid(rng),
                                   "pipeline_uuid": uuid(rng), "iat": rng.randrange(1_700_000_000, 1_760_000_000),
                                   "exp": rng.randrange(1_760_000_000, 1_800_000_000)}, alg="HS512")
    return "bkaa_" + _bk_org(rng) + "." + run(rng, BASE58, 52)


simple("Buildkite agent session and job tokens", "BUILDKITE_AGENT_ACCESS_TOKEN", _bkaa, ("documented", "form2"))


@reg("Buildkite agent token (cluster or unclustered registration token)")
def _(rng):
    tok = "bkct_" + _bk_org(rng) + "." + run(rng, BASE58, 50)
    tok2 = "bkar_" + _bk_org(rng) + "." + run(rng, BASE58, 50)
    cfg = f'# /etc/buildkite-agent/buildkite-agent.cfg\ntoken="{tok}"\nname="%hostname-%spawn"\ntags="queue=default"\n'
    return [("documented", cfg, tok, "buildkite-agent.cfg"), env("form2", "BUILDKITE_AGENT_TOKEN", tok2)]


@reg("Buildkite Packages registry / temporary token")
def _(rng):
    msg = b64json({"registry_id": uuid(rng), "organization_id": uuid(rng), "scopes": ["read_packages"],
                   "exp": rng.randrange(1_760_000_000, 1_800_000_000)})
    return [env("documented", "BUILDKITE_PACKAGES_TOKEN", "bkpt_" + msg + "--" + run(rng, HEX, 40))]


simple("Buildkite portal token and portal secret", "BUILDKITE_PORTAL_TOKEN", lambda rng, label: (
    "bkpat_" + _bk_org(rng)[:12] + "_" + run(rng, HEX, 40) if label == "documented"
    else "bkps_" + _bk_org(rng)[:12] + "_" + run(rng, HEX, 64)), ("documented", "form2"))

simple("Caflou API key", "CAFLOU_API_KEY", lambda rng, label: run(rng, ALNUM + "._-", 155))
simple("Checkout.com secret API key", "CKO_SECRET_KEY", lambda rng, label: {
    "documented": "sk_" + uuid(rng), "form2": "sk_test_" + uuid(rng),
    "form3": "sk_sbox_" + run(rng, LOWER_ALNUM, 26)}[label], ("documented", "form2", "form3"))
simple("ClickUp personal API token", "CLICKUP_API_TOKEN", lambda rng, label: "pk_" + digits(rng, {
    "documented": 8, "peer kingfisher 7": 7, "peer betterleaks 9": 9}[label]) + "_" + run(rng, UPPER_ALNUM, 32),
    ("documented", "peer kingfisher 7", "peer betterleaks 9"))


@reg("Cloudinary API secret")
def _(rng):
    sec2 = run(rng, B64URL, 27)
    url = f"cloudinary://{digits(rng, 15)}:{sec2}@{run(rng, string.ascii_lowercase, 8)}"
    return [env("documented", "CLOUDINARY_API_SECRET", run(rng, ALNUM, 32)),
            ("form2", f"CLOUDINARY_URL={url}\n", sec2, ".env")]


simple("Devin personal API key", "DEVIN_API_KEY", lambda rng, label: "apk_user_" + run(rng, B64, {
    "documented lo": 120, "documented hi": 180}[label]) + rng.choice(["", "=", "=="]), ("documented lo", "documented hi"))
simple("Devin service API key", "DEVIN_API_KEY", lambda rng, label: "apk_" + run(rng, B64, {
    "documented lo": 80, "documented hi": 100}[label]) + rng.choice(["", "=", "=="]), ("documented lo", "documented hi"))


def _conv_tools(rng, total):
    head = jwt_header()
    while True:
        s = sig(rng, 43)
        if "-" not in s and "_" not in s[:1]:
            break
    return f"{head}.{ey(rng, total - len(head) - 45)}.{s}"


simple("Conversion Tools API token", "CONVERSIONTOOLS_API_TOKEN", lambda rng, label: _conv_tools(
    rng, {"documented lo": 159, "documented hi": 167}[label]), ("documented lo", "documented hi"))
simple("Couchbase Capella management API key secret", "COUCHBASE_CAPELLA_API_KEY_SECRET", lambda rng, label: {
    "documented lo": run(rng, B64, 60), "documented hi": run(rng, B64, 118) + "=="}[label],
    ("documented lo", "documented hi"))
simple("Courier API auth token", "COURIER_AUTH_TOKEN", lambda rng, label: "pk_" + (
    "prod" if label == "documented" else "test") + "_" + run(rng, UPPER_ALNUM, 28), ("documented", "form2"))
simple("D7 Networks API key", "D7NETWORKS_API_KEY", lambda rng, label: run(rng, B64, 23) + "=")
simple("Databricks personal access token", "DATABRICKS_TOKEN", lambda rng, label: "dapi" + run(rng, HEX, 32) + (
    "-" + str(rng.randrange(2, 9)) if label == "form2" else ""), ("documented", "form2"))


def _devcycle(kind):
    def make(rng, label):
        if label == "documented":
            return f"dvc_{kind}_" + uuid(rng).replace("-", "_") + "_" + run(rng, HEX, 7)
        return f"dvc_{kind}_" + run(rng, ALNUM, 8 if label.endswith("8") else 32)
    return make


simple("DevCycle client SDK key", "DEVCYCLE_CLIENT_SDK_KEY", _devcycle("client"), ("documented", "peer betterleaks 8", "peer betterleaks 32"))
simple("DevCycle mobile SDK key", "DEVCYCLE_MOBILE_SDK_KEY", _devcycle("mobile"), ("documented", "peer betterleaks 8", "peer betterleaks 32"))
simple("DevCycle server SDK key", "DEVCYCLE_SERVER_SDK_KEY", _devcycle("server"), ("documented", "peer betterleaks 8", "peer betterleaks 32"))


@reg("Django SECRET_KEY")
def _(rng):
    chars = string.ascii_lowercase + DIGITS + "!@#$%^&*(-_=+)"
    out = []
    for label, prefix in (("documented", "django-insecure-"), ("form2", "")):
        key = prefix + run(rng, chars, 50)
        text = ("from pathlib import Path\n\nBASE_DIR = Path(__file__).resolve().parent.parent\n\n"
                "# SECURITY WARNING: keep the secret key used in production secret!\n"
                f"SECRET_KEY = '{key}'\n\n# SECURITY WARNING: don't run with debug turned on in production!\nDEBUG = True\n")
        out.append((label, text, key, "settings.py"))
    return out


simple("Doppler service token", "DOPPLER_TOKEN", lambda rng, label: (
    "dp.st." + rng.choice(["dev", "stg", "prd"]) + "." + run(rng, ALNUM, 44) if label == "documented"
    else "dp.st." + run(rng, ALNUM, 40)), ("documented", "form2"))
simple("Dynatrace API / access token", "DT_API_TOKEN", lambda rng, label: (
    "dt0c01" if label == "documented" else "dt0s16") + "." + run(rng, UPPER_ALNUM, 24) + "." + run(rng, UPPER_ALNUM, 64),
    ("documented", "form2"))
simple("Elastic Cloud / Serverless API key (`essu_`)", "EC_API_KEY", lambda rng, label: "essu_" + run(rng, B64URL, {
    "documented lo": 60, "documented hi": 198}[label]) + ("==" if label.endswith("hi") else ""), ("documented lo", "documented hi"))


@reg("Etsy Open API keystring and shared secret")
def _(rng):
    ks = run(rng, LOWER_ALNUM, 24)
    v = run(rng, LOWER_ALNUM, 24) + ":" + run(rng, LOWER_ALNUM, 10)
    return [env("documented", "ETSY_KEYSTRING", ks),
            ("form2", f'curl -s -H "x-api-key: {v}" https://openapi.etsy.com/v3/application/openapi-ping\n', v,
             "etsy_ping.sh")]


simple("Everhour API key", "EVERHOUR_API_KEY", lambda rng, label: "-".join(run(rng, HEX, n) for n in (4, 4, 6, 6, 8)))
simple("file.io API key", "FILEIO_API_KEY", lambda rng, label: (
    run(rng, UPPER_ALNUM, 20) + "." + run(rng, UPPER_ALNUM, 20) if label == "peer titus"
    else run(rng, UPPER_ALNUM, 19) + "." + run(rng, UPPER_ALNUM, 19)), ("peer titus", "peer kingfisher 39"))
simple("Flickr OAuth access token", "FLICKR_OAUTH_TOKEN", lambda rng, label: run(rng, HEX, 32), ("peer titus",))
simple("Flutterwave encryption key", "FLW_ENCRYPTION_KEY", lambda rng, label: (
    "FLWSECK_TEST" + run(rng, HEX, 12) if label == "documented" else run(rng, HEX, 24)), ("documented", "form2"))


@reg("Fly.io macaroon token (FlyV1)")
def _(rng):
    m1 = "fm2_" + run(rng, B64, 320) + "=="
    m2 = "fm2_" + run(rng, B64, 180) + "="
    tok = f"{m1},{m2}"
    bare = "fm1r_" + run(rng, B64, 140)
    return [("documented", f'FLY_API_TOKEN="FlyV1 {tok}"\n', tok, ".env"), env("form2", "FLY_API_TOKEN", bare)]


@reg("Form.io API token (JWT)")
def _(rng):
    def tok(n):
        return f"{jwt_header()}.{ey(rng, n, B64URL)}.{sig(rng, 43)}"
    t2 = tok(310)
    return [env("documented lo", "FORMIO_JWT_TOKEN", tok(220)),
            ("documented hi", f"curl -H 'x-jwt-token: {t2}' https://api.form.io/current\n", t2, "formio.sh")]


simple("FormBucket API token", "FORMBUCKET_API_TOKEN",
       lambda rng, label: f"{jwt_header()}.{ey(rng, 120)}.{sig(rng, 43)}")


@reg("Freemius secret key")
def _(rng):
    chars = ALNUM + "!#$%&()*+,-./:;<=>?@[]^_{|}~"
    sk = "sk_" + run(rng, chars, 29)
    pk = "pk_" + run(rng, HEX, 29)
    text = ("<?php\n$my_fs = fs_dynamic_init( array(\n"
            f"    'id'                  => '{digits(rng, 4)}',\n    'slug'                => 'my-plugin',\n"
            f"    'type'                => 'plugin',\n    'public_key'          => '{pk}',\n"
            f"    'secret_key'          => '{sk}',\n    'is_premium'          => true,\n) );\n")
    return [("documented", text, sk, "freemius-init.php")]


simple("FullStory API key", "FULLSTORY_API_KEY", lambda rng, label: (
    "na1." if label == "documented" else "eu1.") + run(rng, B64, 100), ("documented", "form2"))


@reg("GC Notify API key")
def _(rng):
    k1 = f"gcntfy-{run(rng, string.ascii_lowercase, 6)}_key-{uuid(rng)}-{uuid(rng)}"
    k2 = f"gcntfy-prod{digits(rng, 2)}-{uuid(rng)}-{uuid(rng)}"
    return [env("documented", "NOTIFY_API_KEY", k1),
            ("form2", f'curl -X POST -H "Authorization: ApiKey-v1 {k2}" '
                      "https://api.notification.canada.ca/v2/notifications/email\n", k2, "notify.sh")]


@reg("Google API key, base64-encoded")
def _(rng):
    def enc():
        return b64("AIzaSy" + run(rng, B64URL, 33))
    v1, v2 = enc(), enc()
    k8s = ("apiVersion: v1\nkind: Secret\nmetadata:\n  name: maps-api\ntype: Opaque\ndata:\n"
           f"  apiKey: {v1}\n")
    return [("documented", k8s, v1, "secret.yaml"), env("form2", "GOOGLE_MAPS_API_KEY_BASE64", v2)]


simple("reCAPTCHA secret key", "RECAPTCHA_SECRET_KEY",
       lambda rng, label: "6L" + rng.choice("cdef") + run(rng, B64URL, 37))


def _grafana_legacy(rng, label):
    if label.startswith("peer"):
        return "eyJrIjoi" + run(rng, ALNUM, 60 if label.endswith("60") else 100)
    return b64json({"k": run(rng, ALNUM, 32), "n": rng.choice(["deploy", "ci-dashboards", "terraform-admin"]),
                    "id": rng.randrange(1, 40)})


simple("Grafana API key (legacy)", "GRAFANA_API_KEY", _grafana_legacy,
       ("documented", "peer noseyparker 60", "peer noseyparker 100"))


def _glc(rng, label):
    if label == "form2":
        return "glc_" + b64json({"k": run(rng, ALNUM, 32), "n": "stack-" + digits(rng, 6) + "-hm-read", "id": digits(rng, 6)})
    return "glc_" + b64json({"o": digits(rng, 6), "n": "stack-" + digits(rng, 6) + "-hm-write-" + run(rng, LOWER_ALNUM, 6),
                             "k": run(rng, ALNUM, 24), "m": {"r": "prod-us-east-0"}})


simple("Grafana Cloud access policy / API token", "GRAFANA_CLOUD_ACCESS_POLICY_TOKEN", _glc, ("documented", "form2"))


@reg("Vault unseal key (Shamir key share)")
def _(rng):
    keys = [b64(rbytes(rng, 33)) for _ in range(5)]
    text = "".join(f"Unseal Key {i + 1}: {k}\n" for i, k in enumerate(keys))
    text += (f"\nInitial Root Token: hvs.{run(rng, ALNUM, 24)}\n\nVault initialized with 5 key shares and a key threshold"
             " of 3. Please securely\ndistribute the key shares printed above.\n")
    single = b64(rbytes(rng, 32))
    hexkey = run(rng, HEX, 66)
    j2 = json.dumps({"unseal_keys_b64": [single], "unseal_shares": 1, "unseal_threshold": 1}, indent=2) + "\n"
    j3 = json.dumps({"unseal_keys_hex": [hexkey], "unseal_shares": 1, "unseal_threshold": 1}, indent=2) + "\n"
    return [("documented", text, keys[0], "vault-init.txt"), ("form2", j2, single, "vault-init.json"),
            ("form3", j3, hexkey, "init-keys.json")]


def _key_b64(rng):
    """base64 of `key_` + a ULID-like id: begins `a2V5Xz`, 75 chars + `=`."""
    return b64("key_0" + run(rng, UPPER_ALNUM, 51))


simple("Highnote live secret API key", "HIGHNOTE_SECRET_KEY", lambda rng, label: "sk_live_" + _key_b64(rng))
simple("HubSpot private app access token", "HUBSPOT_ACCESS_TOKEN", lambda rng, label: (
    "pat-na1-" if label == "documented" else "pat-eu1-") + uuid(rng), ("documented", "form2"))
simple("ImageKit private API key", "IMAGEKIT_PRIVATE_KEY", lambda rng, label: "private_" + (
    run(rng, ALNUM, 27) + "=" if label == "documented" else run(rng, B64URL, 128)), ("documented", "peer titus 128"))
simple("Instantly API key (v2)", "INSTANTLY_API_KEY", lambda rng, label: run(rng, B64, 66) + "==")
simple("Intercom access token", "INTERCOM_ACCESS_TOKEN", lambda rng, label: (
    b64("tok:" + uuid(rng) + ":1:0") if label == "documented" else run(rng, B64URL, 60)),
    ("documented", "peer gitleaks 60"))
simple("Kickbox API key", "KICKBOX_API_KEY", lambda rng, label: (
    "live_" if label == "documented" else "test_") + run(rng, ALNUM, 64), ("documented", "form2"))
simple("Kraken API private key", "KRAKEN_API_SECRET", lambda rng, label: b64(rbytes(rng, 64)))
simple("Lemon Squeezy API key", "LEMONSQUEEZY_API_KEY", lambda rng, label: (
    f"{jwt_header('RS256', typ_first=True)}.{ey(rng, 314)}.{sig(rng, 512)}"))
simple("Lendflow API key", "LENDFLOW_API_KEY", lambda rng, label: (
    f"{run(rng, ALNUM, 36)}.{run(rng, ALNUM, 235)}."
    + "-".join(run(rng, ALNUM + "_", n) for n in (32, 47, 162, 42, 40, 66, 59, 7, 220))))
simple("Lexigram API key", "LEXIGRAM_API_KEY", lambda rng, label: run(rng, ALNUM + "._-", 301))
simple("Magnetic API token", "MAGNETIC_TOKEN", lambda rng, label: (
    run(rng, ALNUM, 8) + "-" + "-".join(run(rng, LOWER_ALNUM, n) for n in (4, 4, 4, 12))))
simple("Mailmodo API key", "MAILMODO_API_KEY", lambda rng, label: "-".join(run(rng, UPPER_ALNUM, 7) for _ in range(4)))


def _mapbox(rng, prefix, label, long=False):
    claims = {"u": rng.choice(["acme-maps", "jdoe", "fleetview"]), "a": run(rng, LOWER_ALNUM, 25)}
    if long:
        now = rng.randrange(1_700_000_000, 1_760_000_000)
        claims = {"u": claims["u"], "exp": now + 3600, "iat": now, "scopes": ["styles:tiles", "styles:read", "fonts:read"],
                  "client": "api", "ll": now * 1000, "iu": None, "a": claims["a"]}
    n = 30 if label.startswith("peer") else (20 if long and label.endswith("lo") else 22)
    return f"{prefix}.{b64json(claims, url=True, pad=False)}.{sig(rng, n)}"


@reg("Mapbox public access token")
def _(rng):
    t = _mapbox(rng, "pk", "documented")
    return [("documented", f"mapboxgl.accessToken = '{t}';\n", t, "map.js"),
            env("peer 20-30", "MAPBOX_ACCESS_TOKEN", _mapbox(rng, "pk", "peer"))]


simple("Mapbox secret access token", "MAPBOX_SECRET_TOKEN", lambda rng, label: _mapbox(rng, "sk", label),
       ("documented", "peer 20-30"))
simple("Mapbox temporary access token", "MAPBOX_TEMP_TOKEN", lambda rng, label: _mapbox(rng, "tk", label, long=True),
       ("documented lo", "peer 20-30"))


@reg("Mercury banking API token (production)")
def _(rng):
    def tok(n):
        return f"mercury_production_{rng.choice(['rma', 'wma', 'rwa'])}_{run(rng, ALNUM, n)}_yrucrem"
    t3 = tok(45)
    return [env("documented lo", "MERCURY_API_TOKEN", tok(40)), env("documented hi", "MERCURY_API_TOKEN", tok(50)),
            curl_bearer("form2", "https://api.mercury.com/api/v1/accounts", "secret-token:" + t3)[:2] + (t3, "mercury.sh")]


simple("Azure OpenAI / Azure AI services resource key", "AZURE_OPENAI_API_KEY", lambda rng, label: (
    run(rng, HEX, 32) if label == "documented"
    else run(rng, ALNUM, 52) + "JQQJ99" + run(rng, ALNUM, 16) + "ACOG" + run(rng, ALNUM, 6)), ("documented", "form2"))
simple("Midtrans server key", "MIDTRANS_SERVER_KEY", lambda rng, label: {
    "documented": "SB-Mid-server-" + run(rng, ALNUM + "_", 24), "form2": "Mid-server-" + run(rng, ALNUM + "_", 24),
    "peer betterleaks 10-20": "Mid-server-" + run(rng, ALNUM, 20)}[label], ("documented", "form2", "peer betterleaks 10-20"))
simple("Netlify access token (unprefixed, legacy)", "NETLIFY_AUTH_TOKEN", lambda rng, label: {
    "peer gitleaks 40": run(rng, B64URL, 40), "peer gitleaks 46": run(rng, B64URL, 46),
    "peer kingfisher 43": run(rng, B64URL, 43), "form2": run(rng, HEX, 64)}[label],
    ("peer gitleaks 40", "peer gitleaks 46", "peer kingfisher 43", "form2"))


@reg("New Relic license (ingest) key")
def _(rng):
    k1 = "eu01xx" + run(rng, HEX, 30) + "NRAL"
    k2 = run(rng, HEX, 36) + "NRAL"
    yml_text = f"common: &default_settings\n  license_key: '{k2}'\n  app_name: Billing API\n"
    return [env("documented", "NEW_RELIC_LICENSE_KEY", k1), ("form2", yml_text, k2, "newrelic.yml")]


simple("Polymarket CLOB API secret", "POLYMARKET_API_SECRET", lambda rng, label: (
    run(rng, B64, 40) if label.endswith("lo") else run(rng, B64, 80) + "="), ("documented lo", "documented hi"))


def _rentman(rng, total):
    return f"{jwt_header()}.{ey(rng, total - 44, B64URL)}.{sig(rng, 43)}"


simple("Rentman API token", "RENTMAN_API_TOKEN", lambda rng, label: _rentman(
    rng, {"documented lo": 250, "documented hi": 300}[label]), ("documented lo", "documented hi"))
simple("Request Finance API key", "REQUESTFINANCE_API_KEY",
       lambda rng, label: "-".join(run(rng, UPPER_ALNUM, 7) for _ in range(4)))


@reg("Salesforce OAuth access token / session ID")
def _(rng):
    def tok(n, chars):
        return "00D" + run(rng, ALNUM, 12) + "!" + "AQ" + run(rng, chars, n - 2)
    t1 = tok(96, ALNUM + "._")
    return [curl_bearer("documented", "https://acme.my.salesforce.com/services/data/v60.0/sobjects", t1),
            env("peer betterleaks 260", "SALESFORCE_ACCESS_TOKEN", tok(260, ALNUM + "._-"))]


simple("ScreenshotAPI.net token", "SCREENSHOTAPI_TOKEN",
       lambda rng, label: "-".join(run(rng, UPPER_ALNUM, 7) for _ in range(4)))


@reg("Sentry auth token (legacy 64-hex form)")
def _(rng):
    t = run(rng, HEX, 64)
    return [env("peer kingfisher", "SENTRY_AUTH_TOKEN", run(rng, HEX, 64)),
            ("form2", f"[defaults]\nurl = https://sentry.io/\norg = acme\n\n[auth]\ntoken={t}\n", t, ".sentryclirc")]


@reg("Sentry organization auth token")
def _(rng):
    def tok():
        payload = b64json({"iat": rng.randrange(1_700_000_000, 1_760_000_000) + rng.random(), "url": "https://sentry.io",
                           "region_url": "https://us.sentry.io", "org": rng.choice(["acme", "northwind", "globex-eng"])})
        return "sntrys_" + payload + "_" + run(rng, B64, 43)
    t2 = tok()
    return [env("documented", "SENTRY_AUTH_TOKEN", tok()),
            ("form2", f"[auth]\ntoken={t2}\n", t2, ".sentryclirc")]


simple("Simply Noted API key", "SIMPLYNOTED_API_KEY", lambda rng, label: run(rng, ALNUM + "._-", {
    "documented lo": 340, "documented hi": 360}[label]), ("documented lo", "documented hi"))
simple("Slack app-level token", "SLACK_APP_TOKEN", lambda rng, label: (
    f"xapp-1-A{run(rng, UPPER_ALNUM, 10)}-{digits(rng, 13)}-{run(rng, HEX, 64)}" if label == "documented"
    else f"xapp-{digits(rng, 12)}-{run(rng, B64, 24)}"), ("documented", "peer noseyparker"))
simple("Slack client session token (xoxc)", "SLACK_XOXC_TOKEN", lambda rng, label: (
    f"xoxc-{digits(rng, 10)}-{digits(rng, 13)}-{digits(rng, 13)}-{run(rng, HEX, 64)}"))
simple("Slack legacy token (xoxo / xoxs)", "SLACK_LEGACY_TOKEN", lambda rng, label: (
    ("xoxs-" if label == "documented" else "xoxo-") + f"{digits(rng, 10)}-{digits(rng, 12)}-{digits(rng, 13)}-"
    + run(rng, HEX, 64)), ("documented", "form2"))
simple("Slack user token", "SLACK_USER_TOKEN", lambda rng, label: (
    "xoxp-" + "-".join(digits(rng, 10 if label.endswith("lo") else 13) for _ in range(3)) + "-" + run(rng, HEX, 32)),
    ("documented lo", "documented hi"))
simple("Snowflake programmatic access token (PAT)", "SNOWFLAKE_PAT", lambda rng, label: run(rng, B64URL, {
    "peer betterleaks 100": 100, "peer betterleaks 500": 500}[label]), ("peer betterleaks 100", "peer betterleaks 500"))
simple("Snowflake user password", "SNOWFLAKE_PASSWORD", lambda rng, label: (
    password(rng, 16, "!@#$%^&*") if label == "documented" else run(rng, LOWER_ALNUM + "!@#$%^&*", 64)),
    ("documented", "peer 8-64"))
simple("Stripo plugin / API token (JWT)", "STRIPO_API_KEY", lambda rng, label: (
    f"{b64json({'alg': 'HS256'}, url=True, pad=False)}.{ey(rng, 130)}.{sig(rng, 43)}"))
simple("Tailscale key (API access token, auth key, OAuth client secret, SCIM or webhook key)", "TS_AUTHKEY",
       lambda rng, label: "tskey-" + {"documented": "auth", "form2": "api", "form3": "client"}[label] + "-k"
       + run(rng, ALNUM, 10) + "CNTRL-" + run(rng, ALNUM, 33), ("documented", "form2", "form3"))
simple("Tallyfy API token", "TALLYFY_API_TOKEN", lambda rng, label: (
    f"{jwt_header('RS256', typ_first=True)}.{ey(rng, 264)}.{sig(rng, 683)}"))


@reg("TrueNAS API key")
def _(rng):
    def key():
        return f"{rng.randrange(1, 30)}-{run(rng, ALNUM, 64)}"
    k2 = key()
    rpc = json.dumps({"id": uuid(rng), "msg": "method", "method": "auth.login_with_api_key", "params": [k2]}) + "\n"
    return [curl_bearer("documented", "https://truenas.local/api/v2.0/pool", key()),
            ("form2", rpc, k2, "login.json"), env("form3", "TRUENAS_API_KEY", key())]


@reg("Twilio API key (SK SID + secret)")
def _(rng):
    s = run(rng, ALNUM, 32)
    text = f"TWILIO_API_KEY=SK{run(rng, HEX, 32)}\nTWILIO_API_SECRET={s}\n"
    return [("peer kingfisher", text, s, ".env")]


simple("UptimeRobot API key", "UPTIMEROBOT_API_KEY", lambda rng, label: {
    "documented": "u" + digits(rng, 7), "form2": "ur" + digits(rng, 7), "form3": "m" + digits(rng, 9)}[label]
    + "-" + run(rng, ALNUM, 24), ("documented", "form2", "form3"))
simple("viewneo API token", "VIEWNEO_API_TOKEN", lambda rng, label: (
    f"{run(rng, ALNUM, 120)}.{run(rng, ALNUM, 150)}.{run(rng, B64URL, 600)}" if label.endswith("lo")
    else f"{run(rng, ALNUM, 300)}.{run(rng, ALNUM, 300)}.{run(rng, B64URL, 800)}"), ("documented lo", "documented hi"))
simple("Voicegain API token (JWT)", "VOICEGAIN_API_TOKEN", lambda rng, label: (
    f"ey{run(rng, B64URL, 34)}.ey{run(rng, B64URL, 108)}.{sig(rng, 43)}"))


def _web3(rng, label):
    if label == "documented":
        return jwt(rng, {"sub": "did:ethr:0x" + run(rng, HEX, 40), "iss": "web3-storage",
                         "iat": rng.randrange(1_650_000_000_000, 1_700_000_000_000), "name": "uploader"})
    return f"{jwt_header()}.{ey(rng, 300, B64URL)}.{sig(rng, 100)}"


simple("web3.storage API token", "WEB3_STORAGE_TOKEN", _web3, ("documented", "documented hi"))
simple("Workato developer API token", "WORKATO_API_TOKEN", lambda rng, label: (
    "wrka" + ("us" if label == "documented" else "") + "-" + jwt(rng, alg="HS512")), ("documented", "form2"))
simple("WorkOS API key", "WORKOS_API_KEY", lambda rng, label: (
    "sk_live_" if label == "documented" else "sk_test_") + _key_b64(rng), ("documented", "form2"))


def _x_bearer(rng):
    return ("A" * 22 + run(rng, ALNUM, 18) + "%2B" + run(rng, ALNUM, 16) + "%3D" + run(rng, ALNUM, 52))


simple("X / Twitter API v2 app-only bearer token", "TWITTER_BEARER_TOKEN", lambda rng, label: _x_bearer(rng))
simple("X / Twitter app-only bearer token", "TWITTER_BEARER_TOKEN", lambda rng, label: (
    _x_bearer(rng) if label == "documented" else "AAAA" + run(rng, ALNUM + "%", 60)), ("documented", "peer titus"),
    ctx=py)
simple("X / Twitter OAuth 2.0 app-only bearer token", "TWITTER_BEARER_TOKEN", lambda rng, label: (
    "A" * 22 + "%" + "2F" + run(rng, ALNUM, 21) + "%" + "3D" + run(rng, ALNUM, 4) + "%" + "2B" + run(rng, ALNUM, 1)
    + "%" + "2F" + run(rng, ALNUM, 7) + "%" + "3D" + run(rng, ALNUM, 50)), ("peer kingfisher",))


# ================================================================ structured
@reg("Airtable OAuth access or refresh token")
def _(rng):
    def tok():
        payload = b64json({"userId": "usr" + run(rng, ALNUM, 14), "expiresAt": "2025-07-0" + str(rng.randrange(1, 9))
                           + "T12:00:00.000Z", "oAuthApplicationId": "oap" + run(rng, ALNUM, 14),
                           "secret": run(rng, HEX, 64)}, url=True, pad=False)
        return run(rng, ALNUM, 17) + ".v1." + payload + "." + run(rng, HEX, 64)
    t1 = tok()
    resp = json.dumps({"access_token": t1, "token_type": "Bearer", "expires_in": 3600, "scope": "data.records:read"},
                      indent=2) + "\n"
    return [("documented", resp, t1, "airtable_token.json"), env("form2", "AIRTABLE_ACCESS_TOKEN", tok())]


@reg("Calendly personal access token")
def _(rng):
    def tok():
        return jwt(rng, {"iss": "https://auth.calendly.com", "iat": rng.randrange(1_700_000_000, 1_760_000_000),
                         "jti": uuid(rng), "user_uuid": uuid(rng)},
                   header={"kid": run(rng, HEX, 8), "typ": "PAT", "alg": "ES512"})
    return [env("documented", "CALENDLY_API_KEY", tok()),
            curl_bearer("form2", "https://api.calendly.com/users/me", tok())]


simple("CloudConvert API key", "CLOUDCONVERT_API_KEY", lambda rng, label: (
    f"{b64json({'alg': 'RS256', 'kid': '1'}, url=True, pad=False)}.{ey(rng, 320, B64URL)}.{sig(rng, 683)}"))


def _pem_escaped(p):
    return p.replace("\n", "\\n")


@reg("Coinbase Developer Platform API key (ECDSA key file)")
def _(rng):
    key = _pem_escaped(pem("EC PRIVATE KEY", pem_body(ec_der(rng))))
    name = f"organizations/{uuid(rng)}/apiKeys/{uuid(rng)}"
    text = '{\n   "name": "' + name + '",\n   "privateKey": "' + key + '"\n}\n'
    return [("documented", text, key, "cdp_api_key.json")]


@reg("Coinbase Developer Platform API key (Ed25519 key file)")
def _(rng):
    key = b64(rbytes(rng, 64))
    text = json.dumps({"id": uuid(rng), "privateKey": key}, indent=2) + "\n"
    return [("documented", text, key, "cdp_api_key.json")]


@reg("Discord bot token")
def _(rng):
    def tok(n):
        uid = b64(str(rng.randrange(10 ** 17, 2 * 10 ** 18)), pad=False)
        return f"{uid}.{run(rng, B64URL, 6)}.{run(rng, B64URL, n)}"
    t1 = tok(38)
    bot = f"import discord\n\nclient = discord.Client(intents=discord.Intents.default())\n\nclient.run('{t1}')\n"
    return [("documented", bot, t1, "bot.py"), env("form2", "DISCORD_TOKEN", tok(27))]


@reg("Docker registry credentials in config.json (`auths`)")
def _(rng):
    auth = b64(f"{user(rng)}:{password(rng, 20)}")
    cfg = json.dumps({"auths": {rng.choice(["https://index.docker.io/v1/", "ghcr.io", "registry.gitlab.com"]):
                                {"auth": auth}}}, indent="\t") + "\n"
    auth2 = b64(f"{user(rng)}:{password(rng, 24)}")
    blob = b64(json.dumps({"auths": {"registry.acme-corp.net": {"username": "puller", "auth": auth2}}}))
    k8s = ("apiVersion: v1\nkind: Secret\nmetadata:\n  name: regcred\ntype: kubernetes.io/dockerconfigjson\ndata:\n"
           f"  .dockerconfigjson: {blob}\n")
    return [("documented", cfg, auth, "config.json"), ("form2", k8s, blob, "regcred.yaml")]


simple("Documo API key", "DOCUMO_API_KEY", lambda rng, label: f"{jwt_header()}.{ey(rng, 156)}.{sig(rng, 43)}")


@reg("Eden AI API key")
def _(rng):
    def tok():
        return f"{jwt_header()}.{ey(rng, 92, B64URL)}.{sig(rng, 43)}"
    return [env("documented", "EDENAI_API_KEY", tok()),
            curl_bearer("form2", "https://api.edenai.run/v2/text/chat", tok())]


@reg("Facebook app access token (app ID | secret)")
def _(rng):
    t1 = digits(rng, 15) + "|" + run(rng, HEX, 32)
    aid, s = digits(rng, 16), run(rng, B64URL, 27)
    t2 = f"{aid}%7C{s}"
    return [env("documented", "FACEBOOK_ACCESS_TOKEN", t1),
            ("form2", f"curl 'https://graph.facebook.com/v19.0/{aid}/subscriptions?access_token={t2}'\n", t2,
             "fb_subscriptions.sh")]


@reg("FileZilla saved server password (sitemanager.xml / recentservers.xml)")
def _(rng):
    def server(pass_el):
        return (f"        <Server>\n            <Host>{host(rng)}</Host>\n            <Port>21</Port>\n"
                f"            <Protocol>0</Protocol>\n            <Type>0</Type>\n            <User>{user(rng)}</User>\n"
                f"            {pass_el}\n            <Logontype>1</Logontype>\n            <Name>prod ftp</Name>\n"
                "        </Server>\n")
    enc = b64(password(rng, 14))
    t1 = ('<?xml version="1.0" encoding="UTF-8"?>\n<FileZilla3 version="3.66.4" platform="windows">\n    <Servers>\n'
          + server(f'<{PASS} encoding="base64">{enc}</{PASS}>') + "    </Servers>\n</FileZilla3>\n")
    plain = password(rng, 14)
    t2 = ('<?xml version="1.0" encoding="UTF-8" standalone="yes" ?>\n<FileZilla3>\n    <RecentServers>\n'
          + server(f"<{PASS}>{plain}</{PASS}>") + "    </RecentServers>\n</FileZilla3>\n")
    return [("documented", t1, enc, "sitemanager.xml"), ("form2", t2, plain, "recentservers.xml")]


def _flightlabs(rng, rest):
    s = sig(rng, 43)
    return f"{jwt_header()}.{ey(rng, rest - 44, B64URL)}.{s}"


simple("FlightLabs API access key", "FLIGHTLABS_ACCESS_KEY", lambda rng, label: _flightlabs(
    rng, {"documented lo": 300, "documented hi": 350}[label]), ("documented lo", "documented hi"))
simple("Front API token", "FRONT_API_TOKEN", lambda rng, label: _flightlabs(
    rng, {"documented lo": 188, "documented hi": 244}[label]), ("documented lo", "documented hi"))


@reg("GitHub OAuth App client secret in a Gitalk configuration")
def _(rng):
    s = run(rng, HEX, 40)
    text = ("const gitalk = new Gitalk({\n"
            f"  clientID: '{run(rng, HEX, 20)}',\n  clientSecret: '{s}',\n  repo: 'blog-comments',\n"
            "  owner: 'jdoe',\n  admin: ['jdoe'],\n  id: location.pathname,\n  distractionFreeMode: false\n})\n\n"
            "gitalk.render('gitalk-container')\n")
    return [("documented", text, s, "comments.js")]


@reg("Google Application Default Credentials file (authorized_user)")
def _(rng):
    rt = "1//0" + run(rng, B64URL, 99)
    text = json.dumps({"account": "", "client_id": digits(rng, 12) + "-" + run(rng, LOWER_ALNUM, 32)
                       + ".apps.googleusercontent.com", "client_secret": "d-" + run(rng, B64URL, 22),
                       "quota_project_id": "acme-prod-" + digits(rng, 6), "refresh_token": rt,
                       "type": "authorized_user", "universe_domain": "googleapis.com"}, indent=2) + "\n"
    return [("documented", text, rt, "application_default_credentials.json")]


@reg("Google Cloud service account key file (JSON)")
def _(rng):
    key = pem("PRIVATE KEY", pem_body(pkcs8_der(rng)))
    proj = rng.choice(["acme-prod", "billing-svc", "data-lake"]) + "-" + digits(rng, 6)
    email = f"deployer@{proj}.iam.gserviceaccount.com"
    obj = {"type": "service_account", "project_id": proj, "private_key_id": run(rng, HEX, 40), "private_key": key,
           "client_email": email, "client_id": digits(rng, 21), "auth_uri": "https://accounts.google.com/o/oauth2/auth",
           "token_uri": "https://oauth2.googleapis.com/token",
           "auth_provider_x509_cert_url": "https://www.googleapis.com/oauth2/v1/certs",
           "client_x509_cert_url": "https://www.googleapis.com/robot/v1/metadata/x509/" + email.replace("@", "%40"),
           "universe_domain": "googleapis.com"}
    text = json.dumps(obj, indent=2) + "\n"
    return [("documented", text, _pem_escaped(key), f"{proj}-{run(rng, HEX, 12)}.json")]


@reg("Jenkins initial admin password (setup wizard)")
def _(rng):
    p1 = run(rng, HEX, 32)
    stars = "*" * 61
    log = (f"2025-03-0{rng.randrange(1, 9)} 10:12:41.223+0000 [id=33]\tINFO\tjenkins.install.SetupWizard#init: \n\n"
           f"{stars}\n{stars}\n{stars}\n\nJenkins initial setup is required. An admin user has been created and a "
           "password generated.\nPlease use the following password to proceed to installation:\n\n"
           f"{p1}\n\nThis may also be found at: /var/jenkins_home/secrets/initialAdminPassword\n\n{stars}\n{stars}\n{stars}\n")
    p2 = run(rng, HEX, 32)
    return [("documented", log, p1, "jenkins.log"), ("form2", p2 + "\n", p2, "initialAdminPassword")]


@reg("Kubernetes Secret manifest with data values")
def _(rng):
    pw = b64(password(rng, 18))
    t1 = ("apiVersion: v1\nkind: Secret\nmetadata:\n  name: db-credentials\n  namespace: billing\ntype: Opaque\ndata:\n"
          f"  username: {b64(user(rng))}\n  password: {pw}\n")
    plain = password(rng, 20)
    t2 = ("apiVersion: v1\nkind: Secret\nmetadata:\n  name: smtp-credentials\ntype: Opaque\nstringData:\n"
          f"  SMTP_USER: mailer@acme-corp.net\n  SMTP_PASSWORD: {plain}\n")
    return [("documented", t1, pw, "secret.yaml"), ("form2", t2, plain, "smtp-secret.yaml")]


@reg("Livestorm API token")
def _(rng):
    def tok():
        return jwt(rng, {"aud": "api.livestorm.co", "jti": uuid(rng), "iat": rng.randrange(1_650_000_000, 1_760_000_000),
                         "org": uuid(rng)}, header={"alg": "HS256"})
    t2 = tok()
    return [env("documented", "LIVESTORM_API_KEY", tok()),
            ("form2", f'curl -H "Authorization: {t2}" https://api.livestorm.co/v1/events\n', t2, "livestorm.sh")]


@reg("Mailjet API key + secret key as HTTP Basic credentials")
def _(rng):
    def cred():
        return b64(run(rng, HEX, 32) + ":" + run(rng, HEX, 32))
    c1 = cred()
    c2 = cred()
    return [curl_bearer("documented", "https://api.mailjet.com/v3.1/send", c1, scheme="Basic"),
            ("form2", f'MAILJET_HEADERS = {{"Authorization": "Basic {c2}", "Content-Type": "application/json"}}\n',
             c2, "mailer.py")]


@reg("MaxMind license key")
def _(rng):
    def conf(k):
        return (f"# GeoIP.conf file for `geoipupdate` program, for versions >= 3.1.1.\nAccountID {digits(rng, 6)}\n"
                f"LicenseKey {k}\nEditionIDs GeoLite2-ASN GeoLite2-City GeoLite2-Country\n")
    k1 = run(rng, ALNUM, 6) + "_" + run(rng, ALNUM, 29) + "_mmk"
    k2 = run(rng, ALNUM, 16)
    return [("documented", conf(k1), k1, "GeoIP.conf"), ("form2", conf(k2), k2, "GeoIP.conf")]


@reg("Azure App Configuration connection string")
def _(rng):
    s = run(rng, B64, 43) + "="
    cs = f"Endpoint=https://{rng.choice(['acme-config', 'appcfg-prod'])}.azconfig.io;Id={run(rng, ALNUM, 4)}-l0-s0:{run(rng, ALNUM, 20)};Secret={s}"
    return [("documented", f'APP_CONFIGURATION_CONNECTION_STRING="{cs}"\n', s, ".env")]


def _sb_key(rng):
    return b64(rbytes(rng, 32))


@reg("Azure Notification Hubs shared access key")
def _(rng):
    k = _sb_key(rng)
    cs = (f"Endpoint=sb://{rng.choice(['acme-push', 'mobile-notify'])}.servicebus.windows.net/;"
          f"SharedAccessKeyName=DefaultFullSharedAccessSignature;SharedAccessKey={k}")
    text = json.dumps({"NotificationHub": {"HubName": "mobile-hub", "ConnectionString": cs}}, indent=2) + "\n"
    k2 = _sb_key(rng)
    return [("documented", text, k, "appsettings.json"),
            ("peer titus bare", f'const notificationHubKey = "{k2}";\n', k2, "push.js")]


@reg("Azure Service Bus / Event Hubs shared access (SAS) connection string")
def _(rng):
    k1, k2, k3 = _sb_key(rng), _sb_key(rng), _sb_key(rng)
    ns = rng.choice(["acme-bus", "orders-ns"])
    c1 = f"Endpoint=sb://{ns}.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey={k1}"
    c2 = (f"Endpoint=sb://{ns}-eh.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey={k2};"
          "EntityPath=telemetry")
    c3 = f"HostName={ns}-hub.azure-devices.net;SharedAccessKeyName=iothubowner;SharedAccessKey={k3}"
    return [("documented", f'SERVICEBUS_CONNECTION_STRING="{c1}"\n', k1, ".env"),
            ("form2", json.dumps({"ConnectionStrings": {"EventHub": c2}}, indent=2) + "\n", k2, "appsettings.json"),
            ("form3", f'IOTHUB_CONNECTION_STRING="{c3}"\n', k3, ".env")]


@reg("Azure Storage account access key")
def _(rng):
    k1 = b64(rbytes(rng, 64))
    cs = (f"DefaultEndpointsProtocol=https;AccountName={run(rng, string.ascii_lowercase, 10)};AccountKey={k1};"
          "EndpointSuffix=core.windows.net")
    text = json.dumps({"ConnectionStrings": {"Storage": cs}}, indent=2) + "\n"
    return [("documented", text, k1, "appsettings.json"), env("form2", "AZURE_STORAGE_KEY", b64(rbytes(rng, 64)))]


@reg("monday.com API token")
def _(rng):
    tok = jwt(rng, {"tid": rng.randrange(10 ** 8, 10 ** 9), "aai": rng.randrange(10, 99), "uid": rng.randrange(10 ** 7, 10 ** 8),
                    "iad": "2024-0" + str(rng.randrange(1, 9)) + "-1" + str(rng.randrange(0, 9)) + "T09:21:33.000Z",
                    "per": "me:write", "actid": rng.randrange(10 ** 6, 10 ** 7), "rgn": "use1"})
    return [env("documented", "MONDAY_API_TOKEN", tok)]


@reg("Package source password in NuGet.config")
def _(rng):
    def cfg(key, v):
        return ('<?xml version="1.0" encoding="utf-8"?>\n<configuration>\n  <packageSources>\n'
                '    <add key="AcmeFeed" value="https://pkgs.dev.azure.com/acme/_packaging/acme/nuget/v3/index.json" />\n'
                '  </packageSources>\n  <packageSourceCredentials>\n    <AcmeFeed>\n'
                f'      <add key="Username" value="{user(rng)}" />\n      <add key="{key}" value="{v}" />\n'
                "    </AcmeFeed>\n  </packageSourceCredentials>\n</configuration>\n")
    p1 = password(rng, 18)
    p2 = "AQAAANCMnd8BFdERjHoAwE/Cl+sBAAAA" + run(rng, B64, 300) + "=="
    return [("documented", cfg("ClearTextPassword", p1), p1, "NuGet.Config"),
            ("form2", cfg("Password", p2), p2, "NuGet.Config")]


def _rss(rng, rest):
    """A real RS256 JWT: a 155-char header (base64url of 116 bytes of JSON), then `ey` + `rest` chars."""
    head = {"alg": "RS256", "typ": "JWT", "kid": ""}
    head["kid"] = run(rng, ALNUM, 116 - len(json.dumps(head, separators=(",", ":"))))
    sig_ = sig(rng, 342)
    payload = "eyJ" + run(rng, ALNUM, rest - len(sig_) - 2)
    return f"{b64json(head, url=True, pad=False)}.{payload}.{sig_}"


simple("Really Simple Systems CRM API key (JWT)", "REALLYSIMPLESYSTEMS_API_KEY", lambda rng, label: _rss(
    rng, {"documented lo": 916, "documented hi": 1000}[label]), ("documented lo", "documented hi"))


@reg("Redis password in redis-py client debug output")
def _(rng):
    pw = run(rng, B64URL, 24)
    line = (f"2025-04-1{rng.randrange(10)} 08:14:02,311 DEBUG celery.worker: broker redis.client.Redis("
            f"password={pw}, host={host(rng)}, port=6379, db=0, socket_timeout=5)\n")
    return [("documented", line, pw, "worker.log")]


@reg("Scalr API access token")
def _(rng):
    def tok():
        claims = '{"iss":"user","jti":"at-' + run(rng, LOWER_ALNUM, 17) + '"}'
        return f"{jwt_header()}.{b64(claims, url=True, pad=False)}.{sig(rng, 43)}"
    t2 = tok()
    rc = f'credentials "acme.scalr.io" {{\n  token = "{t2}"\n}}\n'
    return [env("documented", "SCALR_TOKEN", tok()), ("form2", rc, t2, ".terraformrc")]


@reg("Tableau personal access token secret")
def _(rng):
    def sec():
        return b64(rbytes(rng, 16)) + ":" + run(rng, ALNUM, 32)
    s2 = sec()
    code = ("import tableauserverclient as TSC\n\n"
            f'auth = TSC.PersonalAccessTokenAuth("ci-publisher", "{s2}", site_id="acme")\n'
            'server = TSC.Server("https://tableau.acme-corp.net", use_server_version=True)\n')
    return [env("documented", "TABLEAU_PAT_SECRET", sec()), ("form2", code, s2, "publish.py")]


@reg("Telegram Bot API token")
def _(rng):
    def tok():
        return digits(rng, 10) + ":AA" + run(rng, B64URL, 33)
    t2 = tok()
    return [env("documented", "TELEGRAM_BOT_TOKEN", tok()),
            ("form2", f"curl -s 'https://api.telegram.org/bot{t2}/sendMessage' -d chat_id=-100{digits(rng, 10)} "
                      "-d text='deploy finished'\n", t2, "notify.sh")]


@reg("Temporal Cloud API key")
def _(rng):
    now = rng.randrange(1_700_000_000, 1_760_000_000)
    acct = run(rng, LOWER_ALNUM, 5)
    tok = jwt(rng, {"account_id": acct, "aud": ["temporal.io"], "exp": now + 7_776_000, "iss": "temporal.io",
                    "jti": run(rng, ALNUM, 32), "key_id": run(rng, ALNUM, 32), "sub": run(rng, HEX, 32)},
              header={"alg": "ES256", "kid": run(rng, ALNUM, 8)})
    return [env("documented", "TEMPORAL_API_KEY", tok)]


@reg("ThingsBoard device provisioning secret")
def _(rng):
    s = run(rng, LOWER_ALNUM, 20)
    text = json.dumps({"deviceName": "sensor-" + digits(rng, 4), "provisionDeviceKey": run(rng, LOWER_ALNUM, 20),
                       "provisionDeviceSecret": s}, indent=2) + "\n"
    return [("documented", text, s, "provision.json")]


@reg("Travis CI encrypted variable (`secure:` in .travis.yml)")
def _(rng):
    s1, s2 = b64(rbytes(rng, 256)), b64(rbytes(rng, 256))
    t1 = f'language: node_js\nnode_js:\n  - "20"\nenv:\n  global:\n    - secure: "{s1}"\nscript: npm test\n'
    t2 = (f"language: python\ndeploy:\n  provider: pypi\n  username: __token__\n  password:\n    secure: {s2}\n"
          "  on:\n    tags: true\n")
    return [("documented", t1, s1, ".travis.yml"), ("form2", t2, s2, ".travis.yml")]


def _wg(rng, which):
    priv, pub, psk = b64(rbytes(rng, 32)), b64(rbytes(rng, 32)), b64(rbytes(rng, 32))
    text = (f"[Interface]\nAddress = 10.8.0.{rng.randrange(2, 250)}/24\nListenPort = 51820\nPrivateKey = {priv}\n\n"
            f"[Peer]\nPublicKey = {pub}\nPresharedKey = {psk}\nAllowedIPs = 10.8.0.0/24\n"
            f"Endpoint = vpn.acme-corp.net:51820\nPersistentKeepalive = 25\n")
    return [("documented", text, priv if which == "priv" else psk, "wg0.conf")]


BUILDERS["WireGuard interface private key"] = lambda rng: _wg(rng, "priv")
BUILDERS["WireGuard preshared key"] = lambda rng: _wg(rng, "psk")


@reg("Wrike permanent access token")
def _(rng):
    inner = json.dumps({"a": rng.randrange(10 ** 6, 10 ** 7), "i": rng.randrange(10 ** 6, 10 ** 7),
                        "c": rng.randrange(10 ** 6, 10 ** 7), "u": rng.randrange(10 ** 7, 10 ** 8), "r": "USA",
                        "s": ["W", "F", "I", "U", "K", "C", "D", "M", "A", "L", "P"], "z": [], "t": 0},
                       separators=(",", ":"))
    tok = jwt(rng, {"d": inner, "iat": rng.randrange(1_650_000_000, 1_760_000_000)},
              header={"tt": "p", "alg": "HS256", "tv": "1"})
    return [env("documented", "WRIKE_TOKEN", tok)]


simple("Zhipu BigModel API key", "ZHIPUAI_API_KEY", lambda rng, label: run(rng, HEX, 32) + "." + run(rng, ALNUM, 16))


# ================================================================ url
@reg("Discord webhook URL")
def _(rng):
    t1, t2 = run(rng, B64URL, 68), run(rng, B64URL, 68)
    return [("documented", f"DISCORD_WEBHOOK_URL=https://discord.com/api/webhooks/{digits(rng, 19)}/{t1}\n", t1, ".env"),
            ("form2", f'WEBHOOK = "https://discordapp.com/api/webhooks/{digits(rng, 18)}/{t2}"\n', t2, "notify.py")]


@reg("Mattermost incoming webhook URL")
def _(rng):
    u1 = f"https://chat.acme-corp.net/hooks/{run(rng, LOWER_ALNUM, 26)}"
    u2 = f"http://mattermost.internal:8065/hooks/{run(rng, LOWER_ALNUM, 26)}"
    return [env("documented", "MATTERMOST_WEBHOOK_URL", u1), yml("form2", ("notifications", "mattermost", "webhook_url"), u2)]


@reg("Microsoft Teams incoming webhook URL (Office 365 connector)")
def _(rng):
    u1 = (f"https://acme.webhook.office.com/webhookb2/{uuid(rng)}@{uuid(rng)}/IncomingWebhook/{run(rng, HEX, 32)}/"
          f"{uuid(rng)}")
    u2 = f"https://outlook.office.com/webhook/{uuid(rng)}@{uuid(rng)}/IncomingWebhook/{run(rng, HEX, 32)}/{uuid(rng)}"
    return [env("documented", "TEAMS_WEBHOOK_URL", u1), py("form2", "TEAMS_WEBHOOK", u2)]


def _userinfo_url(rng, scheme, host_part, path, pw=None):
    pw = pw or password(rng, 18, "_-.~")
    return f"{scheme}://{user(rng)}:{pw}@{host_part}{path}", pw


@reg("MongoDB connection string with credentials")
def _(rng):
    u1, p1 = _userinfo_url(rng, "mongodb+srv", f"cluster0.{run(rng, LOWER_ALNUM, 5)}.mongodb.net",
                           "/orders?retryWrites=true&w=majority")
    u2, p2 = _userinfo_url(rng, "mongodb", "mongo-0.internal:27017,mongo-1.internal:27017", "/admin?replicaSet=rs0")
    return [("documented", f"MONGODB_URI={u1}\n", p1, ".env"), ("form2", f'MONGO_URI = "{u2}"\n', p2, "settings.py")]


@reg("MySQL connection URI with password")
def _(rng):
    u, p = _userinfo_url(rng, "mysql", host(rng) + ":3306", "/shop")
    return [("documented", f"DATABASE_URL={u}\n", p, ".env")]


@reg("PostgreSQL connection URI with password")
def _(rng):
    u1, p1 = _userinfo_url(rng, "postgres", host(rng) + ":5432", "/app")
    u2, p2 = _userinfo_url(rng, "postgresql", host(rng), "/analytics?sslmode=require")
    u3, p3 = _userinfo_url(rng, "postgis", host(rng) + ":5432", "/geo")
    dj = ("import dj_database_url\n\nDATABASES = {\n"
          f"    'default': dj_database_url.parse('{u3}'),\n}}\n")
    return [("documented", f"DATABASE_URL={u1}\n", p1, ".env"),
            yml("form2", ("database", "url"), u2)[:2] + (p2, "config.yaml"), ("form3", dj, p3, "settings.py")]


@reg("AMQP connection URI with password")
def _(rng):
    u1, p1 = _userinfo_url(rng, "amqp", "rabbitmq.internal:5672", "/prod")
    name = run(rng, string.ascii_lowercase, 8)
    p2 = run(rng, B64URL, 32)
    u2 = f"amqps://{name}:{p2}@kangaroo.rmq.cloudamqp.com/{name}x"
    return [("documented", f"BROKER_URL={u1}\n", p1, ".env"), ("form2", f"CLOUDAMQP_URL={u2}\n", p2, ".env")]


@reg("Redis connection URI with password")
def _(rng):
    p1 = password(rng, 20, "_-")
    p2 = password(rng, 24, "_-")
    return [("documented", f"REDIS_URL=redis://:{p1}@{host(rng)}:6379/0\n", p1, ".env"),
            ("form2", f'CACHE_URL = "rediss://default:{p2}@{host(rng)}:6380"\n', p2, "settings.py")]


@reg("Sentry DSN (client key)")
def _(rng):
    pub = run(rng, HEX, 32)
    d1 = f"https://{pub}@o{digits(rng, 6)}.ingest.us.sentry.io/{digits(rng, 7)}"
    sec = run(rng, HEX, 32)
    d2 = f"https://{run(rng, HEX, 32)}:{sec}@sentry.io/{digits(rng, 6)}"
    return [("documented", f"SENTRY_DSN={d1}\n", pub, ".env"),
            ("form2", f"import sentry_sdk\n\nsentry_sdk.init(dsn='{d2}')\n", sec, "app.py")]


@reg("Slack incoming webhook URL")
def _(rng):
    def url(n):
        tok = run(rng, ALNUM, 24)
        return f"https://hooks.slack.com/services/T{run(rng, UPPER_ALNUM, n)}/B{run(rng, UPPER_ALNUM, n)}/{tok}", tok
    u1, t1 = url(10)
    u2, t2 = url(8)
    return [("documented", f"SLACK_WEBHOOK_URL={u1}\n", t1, ".env"),
            ("documented lo", f'slack:\n  webhook: "{u2}"\n', t2, "config.yaml")]


@reg("Slack webhook trigger URL")
def _(rng):
    u = f"https://hooks.slack.com/triggers/T{run(rng, UPPER_ALNUM, 10)}/{digits(rng, 13)}/{run(rng, HEX, 32)}"
    return [env("documented", "SLACK_TRIGGER_URL", u)]


@reg("Slack Workflow Builder webhook URL")
def _(rng):
    u = (f"https://hooks.slack.com/workflows/T{run(rng, UPPER_ALNUM, 10)}/A{run(rng, UPPER_ALNUM, 10)}/"
         f"{digits(rng, 18)}/{run(rng, ALNUM, 24)}")
    return [env("documented", "SLACK_WORKFLOW_WEBHOOK", u)]


@reg("ThingsBoard device access token")
def _(rng):
    t1, t2 = run(rng, LOWER_ALNUM, 20), run(rng, LOWER_ALNUM, 20)
    c1 = (f"curl -v -X POST https://thingsboard.cloud/api/v1/{t1}/telemetry "
          "--header Content-Type:application/json --data '{\"temperature\":25}'\n")
    c2 = (f"mosquitto_pub -d -q 1 -h mqtt.thingsboard.cloud -p 1883 -t v1/devices/me/telemetry -u {t2} "
          "-m '{\"temperature\":25}'\n")
    return [("documented", c1, t1, "send_telemetry.sh"), ("form2", c2, t2, "mqtt_publish.sh")]


@reg("Tines webhook URL")
def _(rng):
    s = run(rng, LOWER_ALNUM, 32)
    u = f"https://{rng.choice(['acme', 'secops-eu'])}.tines.com/webhook/{run(rng, LOWER_ALNUM, 32)}/{s}"
    return [("documented", f"TINES_WEBHOOK_URL={u}\n", s, ".env")]


@reg("Zapier Catch Hook webhook URL")
def _(rng):
    u1 = f"https://hooks.zapier.com/hooks/catch/{digits(rng, 7)}/{run(rng, LOWER_ALNUM, 7)}/"
    u2 = f"https://hooks.zapier.com/hooks/catch/{digits(rng, 10)}/{run(rng, LOWER_ALNUM, 10)}"
    return [env("documented", "ZAPIER_WEBHOOK_URL", u1), js("form2", "ZAP_HOOK", u2)]


# ================================================================ pem
@reg("PEM private key block (any label)")
def _(rng):
    k1 = rsa_pem(rng)
    k2 = pem("OPENSSH PRIVATE KEY", pem_body(openssh_der(rng), 70))
    k3 = pem("ENCRYPTED PRIVATE KEY", pem_body(rbytes(rng, 1300)))
    return [("documented", k1, k1, "id_rsa"), ("form2", k2, k2, "id_ed25519"), ("form3", k3, k3, "server.key")]


@reg("PEM-encoded private key block (any label)")
def _(rng):
    k1 = pem("PRIVATE KEY", pem_body(pkcs8_der(rng)))
    k2 = _pem_escaped(pem("RSA PRIVATE KEY", pem_body(rsa_der(rng))))
    code = f'const privateKey = "{k2}";\n\nmodule.exports = {{ privateKey }};\n'
    armor = pem("PGP PRIVATE KEY BLOCK", pem_body(b"\x95\x03\xc6\x04" + rbytes(rng, 900)) + "\n=" + run(rng, B64, 4),
                headers="Comment: GPG exported key\n\n")
    return [("documented", k1, k1, "tls.key"), ("form2", code, k2, "signer.js"), ("form3", armor, armor, "private.asc")]


@reg("Base64-encoded PEM private key")
def _(rng):
    e1 = b64(rsa_pem(rng))
    e2 = b64(pem("OPENSSH PRIVATE KEY", pem_body(openssh_der(rng), 70)))
    t1 = ("apiVersion: v1\nkind: Secret\nmetadata:\n  name: ingress-tls\ntype: kubernetes.io/tls\ndata:\n"
          f"  tls.crt: {b64('-----' + 'BEGIN CERTIFICATE-----')[:-4]}{run(rng, B64, 200)}\n  tls.key: {e1}\n")
    t2 = ("apiVersion: v1\nkind: Secret\nmetadata:\n  name: git-ssh\ntype: kubernetes.io/ssh-auth\ndata:\n"
          f"  ssh-privatekey: {e2}\n")
    return [("documented", t1, e1, "tls-secret.yaml"), ("form2", t2, e2, "ssh-secret.yaml")]


@reg("OpenSSL legacy-encrypted PEM private key (Proc-Type 4,ENCRYPTED)")
def _(rng):
    k1 = pem("RSA PRIVATE KEY", pem_body(rbytes(rng, 1200)),
             headers=f"Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,{run(rng, HEXU, 32)}\n\n")
    k2 = pem("EC PRIVATE KEY", pem_body(rbytes(rng, 128)),
             headers=f"Proc-Type: 4,ENCRYPTED\nDEK-Info: DES-EDE3-CBC,{run(rng, HEXU, 16)}\n\n")
    return [("documented", k1, k1, "server.key"), ("form2", k2, k2, "ec.key")]


# ================================================================ generic
@reg("Password in a REACT_APP_* environment variable")
def _(rng):
    p1, p2 = password(rng, 14), password(rng, 12)
    return [("documented", f"REACT_APP_API_URL=https://api.acme-corp.net\nREACT_APP_ADMIN_PASSWORD={p1}\n", p1, ".env"),
            ("form2", f'REACT_APP_FTP_PASS="{p2}"\n', p2, ".env.production")]


def _webconfig(body):
    return f'<?xml version="1.0" encoding="utf-8"?>\n<configuration>\n  <appSettings>\n{body}  </appSettings>\n</configuration>\n'


@reg(".NET appSettings connection string")
def _(rng):
    p1, p2 = password(rng, 16), password(rng, 14)
    b1 = (f'    <add key="MainDbConnectionString" value="Server={host(rng)};Database=Orders;User Id=app_user;'
          f'Password={p1};" />\n')
    b2 = f'    <add key="ReportingConnectionString" value="Data Source=sql01;Initial Catalog=Reports;Uid=rpt;Pwd={p2}" />\n'
    return [("documented", _webconfig(b1), p1, "Web.config"), ("form2", _webconfig(b2), p2, "App.config")]


@reg(".NET appSettings entry with a sensitive value")
def _(rng):
    p1, t2 = password(rng, 14), run(rng, ALNUM, 32)
    return [("documented", _webconfig(f'    <add key="SmtpPassword" value="{p1}" />\n'), p1, "Web.config"),
            ("form2", _webconfig(f'    <add key="PaymentApiToken" value="{t2}" />\n'), t2, "App.config")]


@reg(".NET DirectoryEntry constructor with literal LDAP credentials")
def _(rng):
    p = password(rng, 14)
    code = ("using System.DirectoryServices;\n\nclass Directory {\n    static DirectoryEntry Root() {\n"
            f'        return new DirectoryEntry("LDAP://dc01.corp.acme.local/DC=corp,DC=acme,DC=local", "svc_ldap", "{p}", '
            "AuthenticationTypes.Secure);\n    }\n}\n")
    return [("documented", code, p, "LdapDirectory.cs")]


@reg(".NET NetworkCredential constructor with literal username and password")
def _(rng):
    p = password(rng, 14)
    code = ("using System.Net;\nusing System.Net.Mail;\n\nvar client = new SmtpClient(\"smtp.acme-corp.net\", 587);\n"
            f'client.Credentials = new NetworkCredential("mailer@acme-corp.net", "{p}");\n')
    return [("documented", code, p, "MailSender.cs")]


@reg("bcrypt password hash (`$2a$`/`$2b$`/`$2x$`/`$2y$`)")
def _(rng):
    h1 = f"$2b$12${run(rng, CRYPT, 53)}"
    h2 = f"$2y$10${run(rng, CRYPT, 53)}"
    return [("documented", f"users:\n  - name: admin\n    password_hash: '{h1}'\n", h1, "users.yaml"),
            ("form2", f"admin:{h2}\n", h2, ".htpasswd")]


@reg("Cisco IOS type 8 password hash (PBKDF2-SHA256, `$8$`)")
def _(rng):
    h = f"$8${run(rng, CRYPT, 14)}${run(rng, CRYPT, 43)}"
    cfg = (f"hostname edge-rtr-01\n!\nusername netadmin privilege 15 secret 8 {h}\n!\n"
           "interface GigabitEthernet0/0\n ip address dhcp\n!\n")
    return [("documented", cfg, h, "edge-rtr-01.cfg")]


def _shadow(h, user_="deploy"):
    return f"root:*:19500:0:99999:7:::\n{user_}:{h}:19612:0:99999:7:::\n"


@reg("md5crypt password hash (`$1$`)")
def _(rng):
    h = f"$1${run(rng, CRYPT, 8)}${run(rng, CRYPT, 22)}"
    return [("documented", _shadow(h), h, "shadow")]


@reg("sha256crypt password hash (`$5$`)")
def _(rng):
    h1 = f"$5${run(rng, CRYPT, 16)}${run(rng, CRYPT, 43)}"
    h2 = f"$5$rounds=535000${run(rng, CRYPT, 12)}${run(rng, CRYPT, 43)}"
    return [("documented", _shadow(h1), h1, "shadow"), ("form2", _shadow(h2, "backup"), h2, "shadow")]


@reg("sha512crypt password hash (`$6$`)")
def _(rng):
    h1 = f"$6${run(rng, CRYPT, 16)}${run(rng, CRYPT, 86)}"
    h2 = f"$6$rounds=656000${run(rng, CRYPT, 8)}${run(rng, CRYPT, 86)}"
    ci = f"#cloud-config\nusers:\n  - name: ops\n    passwd: {h2}\n    lock_passwd: false\n"
    return [("documented", _shadow(h1), h1, "shadow"), ("form2", ci, h2, "user-data.yaml")]


@reg("Kerberos 5 AS-REP hash, etype 23 (AS-REP roasting output)")
def _(rng):
    h1 = f"$krb5asrep$23$svc_backup@CORP.ACME.LOCAL:{run(rng, HEX, 32)}${run(rng, HEX, 464)}"
    h2 = f"$krb5asrep$23${run(rng, HEX, 32)}${run(rng, HEX, 64)}"
    return [("documented", h1 + "\n", h1, "asrep_hashes.txt"), ("form2", h2 + "\n", h2, "roast.txt")]


@reg("Comparison against a hard-coded secret")
def _(rng):
    s1, s2 = password(rng, 14), run(rng, ALNUM, 24)
    c1 = f'def login(user, password):\n    if user == "admin" and password == "{s1}":\n        return True\n    return False\n'
    c2 = f"function verify(req) {{\n  if (req.headers['x-secret'] !== '{s2}') {{\n    throw new Error('forbidden');\n  }}\n}}\n"
    return [("documented", c1, s1, "auth.py"), ("form2", c2, s2, "middleware.js")]


@reg("Credential header in a curl command (-H / --header)")
def _(rng):
    t1 = run(rng, ALNUM, 40)
    t2 = run(rng, B64URL, 32)
    b3 = b64(f"{user(rng)}:{password(rng, 16)}")
    c3 = (f"curl -X POST https://api.acme-corp.net/v2/deployments \\\n  -H 'Content-Type: application/json' \\\n"
          f"  --header 'Authorization: Basic {b3}' \\\n  -d '{{\"ref\":\"main\"}}'\n")
    return [curl_bearer("documented", "https://api.acme-corp.net/v1/projects", t1),
            ("form2", f'curl --header "X-API-Key: {t2}" https://api.acme-corp.net/v1/status\n', t2, "status.sh"),
            ("form3", c3, b3, "deploy.sh")]


@reg("curl basic-auth credentials (-u / --user user:password)")
def _(rng):
    p1, p2 = password(rng, 16, "_-.!"), password(rng, 18, "_-.!")
    return [("documented", f"curl -u admin:{p1} https://nexus.acme-corp.net/service/rest/v1/repositories\n", p1, "repos.sh"),
            ("form2", f'curl -sS --user "deployer:{p2}" -T build.zip https://files.acme-corp.net/upload/\n', p2,
             "upload.sh")]


@reg("Generic `api_key` / `access_key` value (32–64 chars)")
def _(rng):
    v1 = run(rng, ALNUM, 32)
    v2 = run(rng, ALNUM, 30) + "-" + run(rng, ALNUM, 16) + "." + run(rng, ALNUM, 16)
    return [py("documented lo", "api_key", v1),
            ("documented hi", json.dumps({"service": "geo", "access_key": v2}, indent=2) + "\n", v2, "config.json")]


@reg("Generic `secret` followed by a 32–64 char alphanumeric value")
def _(rng):
    v1, v2 = run(rng, ALNUM, 32), run(rng, ALNUM, 64)
    return [yml("documented lo", ("webhook", "signing_secret"), v1), ("documented hi", f"client_secret: {v2}\n", v2, "app.yaml")]


@reg("Generic secret-named assignment (gitleaks generic-api-key)")
def _(rng):
    lo = "".join(rng.sample(ALNUM, 12))
    hi = run(rng, ALNUM + "_.=-", 150)
    b = run(rng, LOWER_ALNUM, 1) + run(rng, ALNUM + "+/", 40) + "=="
    return [py("documented lo", "auth_token", lo), ("documented hi", f"ServiceCredential: {hi}\n", hi, "config.yaml"),
            ("form2", f'apiSecret := "{b}"\n', b, "client.go")]


@reg("Gradle repository credentials block (Groovy DSL)")
def _(rng):
    p1, p2 = password(rng, 16), password(rng, 20)
    g1 = ("repositories {\n    maven {\n        url 'https://nexus.acme-corp.net/repository/maven-releases/'\n"
          f"        credentials {{\n            username 'deployer'\n            password '{p1}'\n        }}\n    }}\n}}\n")
    g2 = ("publishing {\n    repositories {\n        maven {\n            url \"https://artifacts.acme-corp.net/libs\"\n"
          f"            credentials {{\n                // CI user\n                password \"{p2}\"\n"
          "                username \"ci-publisher\"\n            }\n        }\n    }\n}\n")
    return [("documented", g1, p1, "build.gradle"), ("form2", g2, p2, "build.gradle")]


@reg("HTTP Basic credentials in an Authorization header")
def _(rng):
    b1 = b64(f"{user(rng)}:{password(rng, 16)}")
    b2 = b64(f"{user(rng)}:{password(rng, 20)}")
    c1 = f'headers = {{\n    "Authorization": "Basic {b1}",\n    "Accept": "application/json",\n}}\n'
    c2 = f"GET https://api.acme-corp.net/v1/invoices\nAuthorization: Basic {b2}\nAccept: application/json\n"
    return [("documented", c1, b1, "client.py"), ("form2", c2, b2, "invoices.http")]


@reg("HTTP Bearer token in an Authorization header")
def _(rng):
    t1, t2 = run(rng, ALNUM + "._-", 40), run(rng, ALNUM, 48)
    c1 = f"fetch('https://api.acme-corp.net/v1/me', {{\n  headers: {{ Authorization: 'Bearer {t1}' }}\n}});\n"
    c2 = f'location /api/ {{\n    proxy_pass http://backend;\n    proxy_set_header Authorization "Bearer {t2}";\n}}\n'
    return [("documented", c1, t1, "api.js"), ("form2", c2, t2, "nginx.conf")]


@reg("JDBC URL with embedded credentials")
def _(rng):
    p1, p2, p3 = password(rng, 16, "_-"), password(rng, 16, "_-"), password(rng, 14, "_")
    t1 = f"spring.datasource.url=jdbc:postgresql://{host(rng)}:5432/orders?user=app&{PW}={p1}\n"
    t2 = f"db.url=jdbc:mysql://app:{p2}@{host(rng)}:3306/shop?useSSL=true\n"
    t3 = f"jdbc.url=jdbc:oracle:thin:scott/{p3}@//{host(rng)}:1521/ORCLPDB1\n"
    return [("documented", t1, p1, "application.properties"), ("form2", t2, p2, "db.properties"),
            ("form3", t3, p3, "jdbc.properties")]


@reg("Password argument in Terraform configuration")
def _(rng):
    p1, p2, p3 = run(rng, ALNUM + "_-", 16), run(rng, ALNUM + "_=-", 20), run(rng, ALNUM, 8)
    t1 = ('resource "aws_db_instance" "main" {\n  engine            = "postgres"\n  instance_class    = "db.t3.micro"\n'
          f'  username          = "dbadmin"\n  password          = "{p1}"\n}}\n')
    t2 = ('resource "azurerm_mssql_server" "sql" {\n  name                         = "acme-sql"\n'
          f'  administrator_login          = "sqladmin"\n  administrator_login_password = "{p2}"\n}}\n')
    return [("documented", t1, p1, "main.tf"), ("form2", t2, p2, "sql.tf"),
            ("peer 8-20 lo", f'password = "{p3}"\n', p3, "terraform.tfvars")]


@reg("Password assignment (quoted value)")
def _(rng):
    p1, p2 = password(rng, 14, "!_-*"), password(rng, 12, "!_-*")
    return [("documented", f'DB_HOST = "{host(rng)}"\npassword = "{p1}"\n', p1, "settings.py"),
            ("form2", f"smtp:\n  host: smtp.acme-corp.net\n  password: '{p2}'\n", p2, "config.yaml")]


@reg("Password in an FTP URL")
def _(rng):
    u1, p1 = _userinfo_url(rng, "ftp", "ftp.acme-corp.net", "/incoming/")
    u2, p2 = _userinfo_url(rng, "sftp", "files.acme-corp.net:2222", "/exports")
    return [("documented", f"FTP_URL={u1}\n", p1, ".env"), ("form2", f'remote: "{u2}"\n', p2, "sync.yaml")]


@reg("Password stated in prose (documentation, comments, READMEs)")
def _(rng):
    p1, p2 = password(rng, 12), password(rng, 14)
    r1 = (f"## Staging access\n\nLog in at https://staging.acme-corp.net/admin. The default password is \"{p1}\"; "
          "change it after the first login.\n")
    r2 = f"# Note: the password for the user 'backup' is '{p2}' on all NAS units.\n"
    return [("documented", r1, p1, "README.md"), ("form2", r2, p2, "backup.sh")]


@reg("Username and password embedded in an http(s) URL")
def _(rng):
    p1 = run(rng, LOWER_ALNUM, 1) + run(rng, LOWER_ALNUM + "._~-", 17)
    u1 = f"https://{user(rng)}:{p1}@git.acme-corp.net/platform/infra.git"
    p2 = password(rng, 12, "!$&") + "%40" + run(rng, ALNUM, 4)
    u2 = f"http://admin:{p2}@10.20.0.15:8080/manager/html"
    return [("documented", f'[remote "origin"]\n\turl = {u1}\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n', p1, "config"),
            ("form2", f"TOMCAT_MANAGER_URL={u2}\n", p2, ".env")]


@reg("Username and password pair (quoted values)")
def _(rng):
    p1, p2 = password(rng, 14), password(rng, 16)
    t1 = f'username = "svc_reports"\npassword = "{p1}"\n'
    t2 = f"$db_user = 'shop_app';\n$db_password = '{p2}';\n"
    return [("documented", t1, p1, "settings.py"), ("form2", t2, p2, "wp-config.php")]


@reg("Username and password pair (unquoted values)")
def _(rng):
    p1, p2 = password(rng, 14, "!_-*"), password(rng, 12, "!_-*")
    t1 = f"[database]\nusername=reporting\n# rotated quarterly\npassword={p1}\n"
    t2 = f"USER=deploy\nSMTP_PASS={p2}\n"
    return [("documented", t1, p1, "app.ini"), ("form2", t2, p2, ".env")]


@reg("Well-known weak password literal")
def _(rng):
    w1 = rng.choice(["password", "Password", "letmein", "trustno"]) + run(rng, DIGITS, 3)
    w2 = rng.choice(["p@ssw0rd", "P@ssw0rd", "pa55word"]) + run(rng, DIGITS, 2)
    w3 = "qwerty" + run(rng, DIGITS, 4)
    return [("documented", f"POSTGRES_USER=app\nPOSTGRES_PASSWORD={w1}\n", w1, ".env"),
            ("form2", f"services:\n  db:\n    image: mysql:8.0\n    environment:\n      - MYSQL_ROOT_PASSWORD={w2}\n", w2,
             "docker-compose.yml"),
            ("form3", f"admin_password: {w3}\n", w3, "vars.yml")]


@reg("Password in an ODBC-style connection string")
def _(rng):
    p1, p2 = password(rng, 16, "!_-*"), password(rng, 14, "!_-*")
    c1 = f"Driver={{ODBC Driver 18 for SQL Server}};Server=tcp:{host(rng)},1433;Database=Sales;Uid=sales_app;Pwd={p1};Encrypt=yes;"
    t1 = json.dumps({"ConnectionStrings": {"Sales": c1}}, indent=2) + "\n"
    t2 = f"[reporting]\nconnection = DSN=ReportsDW;Uid=report_reader;{PWD}={p2}\n"
    return [("documented", t1, p1, "appsettings.json"), ("form2", t2, p2, "odbc.ini")]


@reg("SMTP credentials in PHPMailer configuration")
def _(rng):
    p = password(rng, 16, "!_-*")
    code = ("<?php\nuse PHPMailer\\PHPMailer\\PHPMailer;\n\n$mail = new PHPMailer(true);\n$mail->isSMTP();\n"
            "$mail->Host = 'smtp.gmail.com';\n$mail->SMTPAuth = true;\n$mail->Username = 'notifications@acme-corp.net';\n"
            f"$mail->Password = '{p}';\n$mail->SMTPSecure = PHPMailer::ENCRYPTION_STARTTLS;\n$mail->Port = 587;\n")
    return [("documented", code, p, "mailer.php")]


@reg("Plaintext password passed to ConvertTo-SecureString -AsPlainText")
def _(rng):
    p1, p2 = password(rng, 16, "!_-*"), password(rng, 14, "!_-*")
    c1 = (f'$secpass = ConvertTo-SecureString "{p1}" -AsPlainText -Force\n'
          "$cred = New-Object System.Management.Automation.PSCredential ('CORP\\svc_deploy', $secpass)\n")
    c2 = f"$pw = ConvertTo-SecureString -AsPlainText -Force -String '{p2}'\n"
    return [("documented", c1, p1, "deploy.ps1"), ("form2", c2, p2, "setup.ps1")]


@reg("vCenter / ESXi password in a Connect-VIServer command")
def _(rng):
    p = password(rng, 16, "!_-*")
    return [("documented", f"Connect-VIServer -Server vcsa01.corp.acme.local -User administrator@vsphere.local -Password {p}\n",
             p, "snapshot.ps1")]


@reg("Password on a PsExec command line")
def _(rng):
    p = password(rng, 14, "!_-*")
    return [("documented", f"psexec \\\\fileserver02 -u CORP\\svc_patch -p {p} -h cmd /c \"wuauclt /detectnow\"\n",
             p, "patch.bat")]


@reg("Base64-encoded JSON Web Token")
def _(rng):
    e1 = b64(jwt(rng))
    e2 = b64(jwt(rng, header={"typ": "JWT", "alg": "RS256", "kid": run(rng, HEX, 16)}))
    k8s = ("apiVersion: v1\nkind: Secret\nmetadata:\n  name: api-token\ntype: Opaque\ndata:\n"
           f"  token: {e1}\n")
    return [("documented", k8s, e1, "secret.yaml"), ("form2", f"SERVICE_JWT_B64={e2}\n", e2, ".env")]


@reg("JSON Web Token (signed, base64url)")
def _(rng):
    t1 = jwt(rng)
    t2 = jwt(rng, header={"alg": "RS256", "typ": "JWT", "kid": run(rng, B64URL, 20)},
             claims={"iss": "https://auth.acme-corp.net/", "aud": "orders-api", "sub": "svc|" + run(rng, ALNUM, 12),
                     "scope": "orders:read orders:write", "exp": rng.randrange(1_760_000_000, 1_800_000_000)})
    return [js("documented", "token", t1), ("form2", f"auth:\n  jwt: {t2}\n", t2, "client.yaml")]


@reg("JWT signing secret (HMAC key) in configuration")
def _(rng):
    s1, s2 = run(rng, ALNUM + "!#%&*-_", 40), run(rng, ALNUM, 48)
    return [("documented", f'server:\n  port: 8080\njwt:\n  secret: "{s1}"\n  expiration: 86400\n', s1, "application.yml"),
            ("form2", f"module.exports = {{\n  port: 3000,\n  jwtSecret: '{s2}',\n}};\n", s2, "config.js")]


@reg(".netrc / _netrc machine password")
def _(rng):
    p1, p2 = run(rng, ALNUM, 40), password(rng, 16, "!_-*")
    t1 = f"machine api.github.com login ci-bot password {p1}\n"
    t2 = f"machine artifacts.acme-corp.net\n  login deployer\n  password {p2}\n\ndefault login anonymous password guest\n"
    return [("documented", t1, p1, ".netrc"), ("form2", t2, p2, ".netrc")]
