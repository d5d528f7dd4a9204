#!/usr/bin/env python3
"""Hard negatives, second set: new ground that the first set (eval/negatives.py) does not hold.

Written blind (2026-12-05, twentieth session): without reading rules/, src/ or any result, in the
style of the negative cases other scanners keep (gitleaks' `fps`, Nosey Parker / Titus
`negative_examples`, detect-secrets' "should not flag" tests, Kingfisher's and TruffleHog's
false-positive tests, secretlint's "should not report" fixtures) and of real repositories.

New ground: provider-shaped near misses provider by provider (too-short bodies, bodies outside the
format's charset, words and slugs after a prefix, prefixes inside identifiers, paths and routes,
docs tables of token types, format strings), other providers' published examples and crypto test
vectors, public crypto material (addresses, WireGuard / minisign / signify / cosign public keys,
DKIM records and mail signatures, XML-DSig and detached signatures), content hashes of more
ecosystems, public content and client ids, generated code and schemas that name credentials,
Kubernetes and Helm references, UI text in many languages, CLI help, daemon auth settings,
obviously fake values outside test paths, build hashes and IDE ids, and CLI outputs and object
metadata without values. Random data comes from a seeded RNG, so the set is deterministic.

The runner, the positive controls (10 files) and the helpers are eval/negatives.py's, imported.

    python3 eval/negatives2.py [--bin PATH] [--json F] [--keep DIR] [-v] [--one-per-category]
"""
import hashlib
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import negatives as n1  # noqa: E402
from negatives import ALNUM, HEX, b64, digits, hexs, pascal, pem, rbytes, spki_der, uuid4  # noqa: E402,F401

SEED = 20261206
NAME = "eval/negatives2.py"
LOWER = "abcdefghijklmnopqrstuvwxyz"
UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
NIX32 = "0123456789abcdfghijklmnpqrsvwxyz"
B32L = "abcdefghijklmnopqrstuvwxyz234567"
BECH32 = n1.BECH32


def rs(rng, n, alphabet=ALNUM):
    return "".join(rng.choice(alphabet) for _ in range(n))


def cycle(n, variants):
    """A category of n files: variant i % len(variants) of (rng, ctx, i) -> (path, content)."""
    def fn(rng, ctxs):
        out = []
        for i in range(n):
            ctx = ctxs()
            path, content = variants[i % len(variants)](rng, ctx, i)
            out.append((ctx, path, content))
        return out
    return fn


def pick(rng, items, k):
    return rng.sample(items, k)


# provider token prefixes: (prefix, provider, token kind, the format's body charset)
PREFIXES = [
    ("gh" + "p_", "GitHub", "personal access token", ALNUM), ("gh" + "o_", "GitHub", "OAuth access token", ALNUM),
    ("gh" + "u_", "GitHub", "user-to-server token", ALNUM), ("gh" + "s_", "GitHub", "server-to-server token", ALNUM),
    ("gh" + "r_", "GitHub", "refresh token", ALNUM), ("github_" + "pat_", "GitHub", "fine-grained PAT", ALNUM + "_"),
    ("gl" + "pat-", "GitLab", "personal access token", ALNUM + "_-"), ("gl" + "dt-", "GitLab", "deploy token", ALNUM + "_-"),
    ("xo" + "xb-", "Slack", "bot token", ALNUM + "-"), ("xo" + "xp-", "Slack", "user token", ALNUM + "-"),
    ("xa" + "pp-", "Slack", "app-level token", ALNUM + "-"), ("sk" + "_live_", "Stripe", "live secret key", ALNUM),
    ("rk" + "_live_", "Stripe", "restricted key", ALNUM), ("wh" + "sec_", "Stripe", "webhook signing secret", ALNUM),
    ("sk" + "-proj-", "OpenAI", "project key", ALNUM + "_-"), ("sk" + "-ant-api03-", "Anthropic", "API key", ALNUM + "_-"),
    ("AK" + "IA", "AWS", "access key id", "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"), ("AS" + "IA", "AWS", "temporary access key id", "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"),
    ("hf" + "_", "Hugging Face", "access token", ALNUM), ("np" + "m_", "npm", "access token", ALNUM),
    ("py" + "pi-", "PyPI", "API token", ALNUM + "_-"), ("do" + "p_v1_", "DigitalOcean", "personal token", HEX),
    ("SG" + ".", "SendGrid", "API key", ALNUM + "_-."), ("sh" + "pat_", "Shopify", "admin API token", HEX),
    ("gl" + "sa_", "Grafana", "service account token", ALNUM + "_"), ("da" + "pi", "Databricks", "personal token", HEX),
    ("xa" + "i-", "xAI", "API key", ALNUM), ("gs" + "k_", "Groq", "API key", ALNUM), ("r8" + "_", "Replicate", "API token", ALNUM),
    ("li" + "n_api_", "Linear", "API key", ALNUM), ("nt" + "n_", "Notion", "integration token", ALNUM),
    ("fi" + "gd_", "Figma", "personal token", ALNUM + "_-"), ("psc" + "ale_tkn_", "PlanetScale", "service token", ALNUM + "_"),
    ("dck" + "r_pat_", "Docker Hub", "personal access token", ALNUM + "_-"), ("sn" + "trys_", "Sentry", "org auth token", ALNUM),
    ("ph" + "c_", "PostHog", "project key", ALNUM), ("ruby" + "gems_", "RubyGems", "API key", HEX),
    ("AT" + "ATT", "Atlassian", "API token", ALNUM + "_-="), ("sq0" + "atp-", "Square", "access token", ALNUM + "_-"),
    ("pu" + "l-", "Pulumi", "access token", HEX), ("tf" + "p_", "Terraform Cloud", "API token", ALNUM),
    ("lsv" + "2_pt_", "LangSmith", "personal API key", HEX + "_"),
]
WORDS = ["dashboard", "settings", "link", "handler", "prefix", "format", "docs", "rotation", "label", "example", "pattern",
         "schema", "table", "audit", "column", "helper", "parser", "scope", "type", "kind", "mode", "warning", "banner",
         "counter", "metrics", "migration", "index", "cache", "lookup", "display"]


def near_prefix(rng, k=1):
    return rng.sample(PREFIXES, k)


# ------------------------------------------------------------------------------------------
# categories
# ------------------------------------------------------------------------------------------
# --- provider-shaped near misses -----------------------------------------------------------
def _short(rng, pfx):
    return pfx[0] + rs(rng, rng.randrange(3, 7), pfx[3].replace("_", "").replace("-", "").replace(".", "").replace("=", ""))


def _nm_short_vars():
    def v0(rng, c, i):
        rows = [f'  {{"name": "{c["svc"]}-{w}", "provider": "{p[1]}", "prefix": "{_short(rng, p)}", "created": "2026-0{rng.randrange(1, 9)}-1{rng.randrange(10)}"}}'
                for p, w in zip(near_prefix(rng, 4), pick(rng, WORDS, 4))]
        return "db/seed/api_key_metadata.json", "[\n" + ",\n".join(rows) + "\n]\n"

    def v1(rng, c, i):
        ps = near_prefix(rng, 3)
        lines = [f"{rng.randrange(1, 9)}/1{rng.randrange(10)} 10:{rng.randrange(10, 59)}:0{k} WARN rejected credential of kind {p[1]} {p[2]}: "
                 f"value {_short(rng, p)!r} is {rng.randrange(7, 11)} characters, too short" for k, p in enumerate(ps)]
        return f"logs/{c['svc']}-validation.log", "\n".join(lines) + "\n"

    def v2(rng, c, i):
        ps = near_prefix(rng, 4)
        body = "\n".join(f"| {p[1]} {p[2]} | `{_short(rng, p)}` | {rng.randrange(2, 40)} |" for p in ps)
        return "docs/key-inventory.md", f"# Keys by display prefix\n\nOnly the first characters are stored for display.\n\n| kind | shown as | count |\n|---|---|---|\n{body}\n"

    def v3(rng, c, i):
        ps = near_prefix(rng, 3)
        body = "\n".join(f"    ({_short(rng, p)!r}, {p[1]!r})," for p in ps)
        return f"src/{c['svc']}/prefix_hints.py", f'"""Short prefixes shown next to a key in the UI."""\n\nDISPLAY_PREFIXES = [\n{body}\n]\n'

    def v4(rng, c, i):
        p = near_prefix(rng, 1)[0]
        s = _short(rng, p)
        return f"src/components/{pascal(c['svc'])}KeyRow.tsx", (f"export const KeyRow = () => (\n  <tr>\n    <td>{p[1]} {p[2]}</td>\n"
                                                                 f"    <td><code>{s}</code></td>\n    <td>created 3 days ago</td>\n  </tr>\n);\n")

    def v5(rng, c, i):
        ps = near_prefix(rng, 3)
        body = "\n".join(f"  - prefix: \"{_short(rng, p)}\"\n    owner: team-{c['svc']}\n    note: {p[1]} {p[2]}, display prefix only" for p in ps)
        return "ops/key-owners.yaml", f"keys:\n{body}\n"

    def v6(rng, c, i):
        ps = near_prefix(rng, 3)
        body = "\n".join(f"INSERT INTO api_key_prefixes (prefix, provider) VALUES ('{_short(rng, p)}', '{p[1]}');" for p in ps)
        return f"db/migrations/0{rng.randrange(10, 99)}_key_prefixes.sql", body + "\n"

    def v7(rng, c, i):
        p = near_prefix(rng, 1)[0]
        return f"cmd/{c['svc']}/validate.go", (f'package main\n\n// minLen is the shortest {p[1]} {p[2]} we accept; "{_short(rng, p)}" is rejected.\n'
                                               f'const minLen = {rng.randrange(30, 60)}\n')
    return [v0, v1, v2, v3, v4, v5, v6, v7]


def _bad_body(rng, pfx, n):
    # the right length, but every fourth character is punctuation the format never has: no run of more than three
    # format characters, so nothing in it is a token body
    ok = pfx[3].replace("-", "").replace("_", "").replace(".", "").replace("=", "")
    return pfx[0] + "".join(rng.choice("!#%&*~^,;:<>|") if k % 4 == 3 else rng.choice(ok) for k in range(n))


def _nm_charset_vars():
    def v0(rng, c, i):
        p = near_prefix(rng, 1)[0]
        return f"src/{c['svc']}/errors.py", (f'# A malformed value for the format check: punctuation the {p[1]} format never has.\n'
                                             f'MALFORMED = "{_bad_body(rng, p, 36)}"\n\n\nclass MalformedTokenError(ValueError):\n    pass\n')

    def v1(rng, c, i):
        ps = near_prefix(rng, 2)
        return "docs/troubleshooting.md", ("## \"invalid token format\"\n\nThe checker rejects values such as these,\n"
                                           "because of the punctuation inside them:\n\n" + "\n".join(f"- `{_bad_body(rng, p, 32)}`" for p in ps) + "\n")

    def v2(rng, c, i):
        p = near_prefix(rng, 1)[0]
        return "logs/import.log", "".join(f"2026-11-2{k} ERROR import: field api_token has invalid characters: {_bad_body(rng, p, 30)}\n" for k in range(3))

    def v3(rng, c, i):
        p = near_prefix(rng, 1)[0]
        return f"src/lib/{c['svc']}/sanitize.ts", (f"// A garbled {p[1]}-prefixed value that the normaliser must reject.\n"
                                                   f"const MANGLED = '{_bad_body(rng, p, 40)}';\nexport const clean = (s: string) => s.trim();\n")

    def v4(rng, c, i):
        p = near_prefix(rng, 1)[0]
        return f"issues/{rng.randrange(100, 999)}.md", (f"### Scanner alert on a non-token\n\nThe string `{_bad_body(rng, p, 34)}` in our CSS sprite sheet is not a\n"
                                                        f"{p[1]} {p[2]}: it has characters such tokens never contain.\n")

    def v5(rng, c, i):
        ps = near_prefix(rng, 3)
        return "data/rejected_inputs.csv", "input,reason\n" + "".join(f"\"{_bad_body(rng, p, 28)}\",charset\n" for p in ps)
    return [v0, v1, v2, v3, v4, v5]


def _slug(rng):
    return "_".join(rng.sample(WORDS, 2)) if rng.random() < .5 else "-".join(rng.sample(WORDS, 2))


def _nm_word_vars():
    def v0(rng, c, i):
        ps = near_prefix(rng, 3)
        return "src/analytics/events.ts", "export const EVENTS = {\n" + "".join(f"  {p[1].replace(' ', '')}{k}: '{p[0]}{_slug(rng)}',\n" for k, p in enumerate(ps)) + "};\n"

    def v1(rng, c, i):
        p = near_prefix(rng, 1)[0]
        return "config/feature_flags.yaml", f"flags:\n  {p[0]}{rng.choice(WORDS)}_enabled: true\n  show_{rng.choice(WORDS)}_banner: false\n  {p[0]}{_slug(rng)}: off\n"

    def v2(rng, c, i):
        ps = near_prefix(rng, 2)
        return f"{c['svc']}/urls.py", ("from django.urls import path\n\nurlpatterns = [\n" +
                                       "".join(f'    path("keys/", views.keys, name="{p[0]}{_slug(rng)}"),\n' for p in ps) + "]\n")

    def v3(rng, c, i):
        p = near_prefix(rng, 1)[0]
        w = _slug(rng)
        return "src/i18n/keys.json", f'{{\n  "{p[0]}{w}": "Open the {p[1]} settings",\n  "{p[0]}{rng.choice(WORDS)}": "Copy"\n}}\n'

    def v4(rng, c, i):
        ps = near_prefix(rng, 3)
        return "Makefile", "".join(f".PHONY: {p[0].rstrip('_-.')}-{rng.choice(WORDS)}\n" for p in ps) + "\nlint:\n\truff check .\n"

    def v5(rng, c, i):
        p = near_prefix(rng, 1)[0]
        return "db/schema.rb", (f'ActiveRecord::Schema[7.1].define(version: 2026_11_0{rng.randrange(1, 9)}) do\n  create_table "{p[0].lower()}{rng.choice(WORDS)}s" do |t|\n'
                                f'    t.string "label"\n  end\nend\n')

    def v6(rng, c, i):
        ps = near_prefix(rng, 2)
        return ".env.defaults", "".join(f"FEATURE_{p[1].upper().replace(' ', '_')}={p[0]}{_slug(rng)}\n" for p in ps)

    def v7(rng, c, i):
        p = near_prefix(rng, 1)[0]
        return "src/main/resources/templates/keys.html", f'<a href="/settings" id="{p[0]}{_slug(rng)}" class="{p[0]}{rng.choice(WORDS)}">Manage {p[1]} keys</a>\n'
    return [v0, v1, v2, v3, v4, v5, v6, v7]


def _nm_embedded_vars():
    def ident(rng, p):
        core = p[0].rstrip("_-.").replace("-", "_").replace(".", "_")
        return rng.choice([f"task_{core}_handler", f"parse_{core}_value", f"{core}Validator", f"is_{core}_prefix", f"on_{core}_rotate",
                           f"legacy_{core}_migration", f"{core}_key_count", f"Mock{core.capitalize()}Client"])

    def v0(rng, c, i):
        ps = near_prefix(rng, 3)
        return f"src/{c['svc']}/workers.py", "".join(f"def {ident(rng, p)}(event):\n    return event.get('kind') == {p[1]!r}\n\n\n" for p in ps)

    def v1(rng, c, i):
        ps = near_prefix(rng, 2)
        return f"internal/{c['svc']}/metrics.go", (f"package {c['svc']}\n\nvar (\n" +
                                                   "".join(f'\t{ident(rng, p).replace("_", "")} = prometheus.NewCounter(prometheus.CounterOpts{{Name: "{ident(rng, p).lower()}_total"}})\n' for p in ps) + ")\n")

    def v2(rng, c, i):
        p = near_prefix(rng, 1)[0]
        return "src/styles/keys.css", f".{p[0].rstrip('_-.').lower()}-badge {{ color: #0a0; }}\n.{p[0].rstrip('_-.').lower()}_row--selected {{ background: #eef; }}\n"

    def v3(rng, c, i):
        ps = near_prefix(rng, 2)
        return "db/views.sql", "".join(f"CREATE VIEW {ident(rng, p).lower()} AS SELECT id, kind FROM credentials WHERE kind = '{p[1]}';\n" for p in ps)

    def v4(rng, c, i):
        p = near_prefix(rng, 1)[0]
        return f"src/main/kotlin/{c['org']}/{pascal(c['svc'])}.kt", f"class {pascal(ident(rng, p))} {{\n    fun supports(kind: String) = kind == \"{p[1]}\"\n}}\n"

    def v5(rng, c, i):
        ps = near_prefix(rng, 3)
        return "ansible/roles/app/tasks/main.yml", "".join(f"- name: {ident(rng, p)}\n  ansible.builtin.include_tasks: {ident(rng, p)}.yml\n" for p in ps)
    return [v0, v1, v2, v3, v4, v5]


def _nm_route_vars():
    def route(rng, p):
        return rng.choice([f"/api/{p[0]}tokens/list", f"/v1/{p[0]}{rng.choice(WORDS)}", f"/settings/keys/{p[0]}", f"/admin/{p[0]}audit/export",
                           f"/docs/{p[0].rstrip('_-.')}-tokens"])

    def v0(rng, c, i):
        ps = near_prefix(rng, 2)
        return "src/server/routes.js", "".join(f"router.get('{route(rng, p)}', handlers.list);\n" for p in ps)

    def v1(rng, c, i):
        p = near_prefix(rng, 1)[0]
        return "nginx/site.conf", f"location {route(rng, p)} {{\n    proxy_pass http://{c['svc']}:8080;\n}}\n"

    def v2(rng, c, i):
        ps = near_prefix(rng, 2)
        return "openapi/paths.yaml", "paths:\n" + "".join(f"  {route(rng, p)}:\n    get:\n      summary: List {p[1]} {p[2]} metadata\n" for p in ps)

    def v3(rng, c, i):
        p = near_prefix(rng, 1)[0]
        return "docs/links.md", f"See [{p[1]} tokens](https://docs.{c['org']}.io{route(rng, p)}) and the file `scripts/{p[0]}rotate.sh`.\n"

    def v4(rng, c, i):
        ps = near_prefix(rng, 2)
        return ".gitignore", "".join(f"/{p[0]}{rng.choice(WORDS)}/\n*.{p[0].rstrip('_-.').lower()}.bak\n" for p in ps)

    def v5(rng, c, i):
        p = near_prefix(rng, 1)[0]
        return "logs/access.log", "".join(f'10.0.{rng.randrange(255)}.{rng.randrange(255)} - - [0{k + 1}/Nov/2026:10:00:0{k} +0000] "GET {route(rng, p)} HTTP/1.1" 200 {rng.randrange(200, 9000)}\n' for k in range(4))

    def v6(rng, c, i):
        p = near_prefix(rng, 1)[0]
        return f"src/{c['svc']}/storage.py", f'EXPORT_DIR = "/var/lib/{c["svc"]}/{p[0]}{rng.choice(WORDS)}"\nARCHIVE = "s3://{c["org"]}-audit/{p[0]}tokens/"\n'
    return [v0, v1, v2, v3, v4, v5, v6]


def _nm_table_vars():
    def v0(rng, c, i):
        ps = near_prefix(rng, 6)
        return "docs/token-types.md", "| Prefix | Provider | Kind |\n|---|---|---|\n" + "".join(f"| `{p[0]}` | {p[1]} | {p[2]} |\n" for p in ps)

    def v1(rng, c, i):
        ps = near_prefix(rng, 5)
        return "docs/token-types.rst", ("Token types\n===========\n\n.. list-table::\n   :header-rows: 1\n\n   * - Prefix\n     - Meaning\n" +
                                        "".join(f"   * - ``{p[0]}``\n     - {p[1]} {p[2]}\n" for p in ps))

    def v2(rng, c, i):
        ps = near_prefix(rng, 5)
        return "public/help/tokens.html", "<table>\n<tr><th>Prefix</th><th>Kind</th></tr>\n" + "".join(f"<tr><td><code>{p[0]}</code></td><td>{p[1]} {p[2]}</td></tr>\n" for p in ps) + "</table>\n"

    def v3(rng, c, i):
        ps = near_prefix(rng, 6)
        return "data/token_prefixes.csv", "prefix,provider,kind\n" + "".join(f"{p[0]},{p[1]},{p[2]}\n" for p in ps)

    def v4(rng, c, i):
        ps = near_prefix(rng, 5)
        return "docs/token-types.adoc", "|===\n|Prefix |Provider\n\n" + "".join(f"|`{p[0]}`\n|{p[1]}\n\n" for p in ps) + "|===\n"

    def v5(rng, c, i):
        ps = near_prefix(rng, 5)
        return "config/prefixes.toml", "".join(f'[[prefix]]\nvalue = "{p[0]}"\nprovider = "{p[1]}"\nkind = "{p[2]}"\n\n' for p in ps)
    return [v0, v1, v2, v3, v4, v5]


def _nm_format_vars():
    def v0(rng, c, i):
        p = near_prefix(rng, 1)[0]
        return f"src/{c['svc']}/keys.py", f'def display_name(model_id, suffix):\n    return f"{p[0]}{{model_id}}-{{suffix}}"\n'

    def v1(rng, c, i):
        p = near_prefix(rng, 1)[0]
        return f"src/{c['svc']}/fmt.c", f'snprintf(buf, sizeof buf, "{p[0]}%s", body);\nfprintf(stderr, "unknown {p[1]} token kind: {p[0]}%.*s\\n", 4, body);\n'

    def v2(rng, c, i):
        p = near_prefix(rng, 1)[0]
        return "src/lib/token.js", f"const build = (suffix) => '{p[0]}' + suffix;\nconst label = `{p[0]}${{kind}}-${{id}}`;\nmodule.exports = {{ build, label }};\n"

    def v3(rng, c, i):
        p = near_prefix(rng, 1)[0]
        return f"pkg/{c['svc']}/token.go", f'package {c["svc"]}\n\nimport "fmt"\n\nfunc label(id string) string {{ return fmt.Sprintf("{p[0]}%s", id) }}\n'

    def v4(rng, c, i):
        p = near_prefix(rng, 1)[0]
        return f"lib/{c['svc']}/token.rb", f'def token_label(id)\n  "{p[0]}#{{id}}"\nend\n\nPREFIX_FORMAT = "{p[0]}%<body>s"\n'

    def v5(rng, c, i):
        p = near_prefix(rng, 1)[0]
        return "scripts/label.sh", f'#!/bin/sh\nprintf \'{p[0]}%s\\n\' "$1"\necho "{p[0]}${{SUFFIX}}"\n'

    def v6(rng, c, i):
        p = near_prefix(rng, 1)[0]
        return f"src/main/java/com/{c['org']}/TokenFormat.java", f'final class TokenFormat {{\n    static String of(String body) {{ return String.format("{p[0]}%s", body); }}\n}}\n'

    def v7(rng, c, i):
        p = near_prefix(rng, 1)[0]
        return f"src/{pascal(c['svc'])}/TokenFormat.cs", f'static string Label(string body) => $"{p[0]}{{body}}";\nconst string Format = "{p[0]}{{0}}";\n'

    def v8(rng, c, i):
        p = near_prefix(rng, 1)[0]
        return f"src/{c['svc']}/lib.rs", f'pub fn label(body: &str) -> String {{\n    format!("{p[0]}{{}}", body)\n}}\n'
    return [v0, v1, v2, v3, v4, v5, v6, v7, v8]


# --- published examples and test vectors ---------------------------------------------------
JWT_IO = ("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9" + ".eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ"
          + ".SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c")
GH_DOCS_BODY = "16C7e42F292c6912E7710c838347Ae178B4a"
AZURITE_KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq" + "/K1SZFPTOtr/KBHBeksoGMGw=="


def _documented_vars():
    def v0(rng, c, i):
        return "docs/auth/jwt.md", (f"The example token from jwt.io (HS256, signed with `your-256-bit-secret`):\n\n```\n{JWT_IO}\n```\n\n"
                                    "It decodes to `{\"sub\": \"1234567890\", \"name\": \"John Doe\", \"iat\": 1516239022}`.\n")

    def v1(rng, c, i):
        return "docs/github-oauth.md", ("GitHub's documentation shows the token exchange response as:\n\n```\n"
                                        f"access_token=gh" + f"o_{GH_DOCS_BODY}&scope=repo%2Cgist&token_type=bearer\n```\n")

    def v2(rng, c, i):
        return "docs/github-app-user-tokens.md", ("From GitHub's docs, a user access token for a GitHub App:\n\n```json\n{\n"
                                                  f'  "access_token": "gh' + f'u_{GH_DOCS_BODY}",\n  "expires_in": 28800,\n  "token_type": "bearer",\n  "scope": ""\n}}\n```\n')

    def v3(rng, c, i):
        return rng.choice(["local.settings.json", "appsettings.Development.json"]), (
            '{\n  "IsEncrypted": false,\n  "Values": {\n    "AzureWebJobsStorage": "UseDevelopmentStorage=true",\n'
            f'    "AzuriteConnection": "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AZURITE_KEY};BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;"\n  }}\n}}\n')

    def v4(rng, c, i):
        return "docs/storage-emulator.md", ("Azurite uses the well-known development account from Microsoft's documentation:\n\n"
                                            f"- Account name: `devstoreaccount1`\n- Account key: `{AZURITE_KEY}`\n")

    def v5(rng, c, i):
        return "docs/oauth-flow.md", ("The example from RFC 6749, section 4.1.3:\n\n```http\nPOST /token HTTP/1.1\nHost: server.example.com\n"
                                      "Authorization: Basic czZCaGRSa3F0MzpnWDFmQmF0M2JW\nContent-Type: application/x-www-form-urlencoded\n\n"
                                      "grant_type=authorization_code&code=SplxlOBeZQQYbYS6WxSbIA\n&redirect_uri=https%3A%2F%2Fclient%2Eexample%2Ecom%2Fcb\n```\n\n"
                                      "and the response `{\"access_token\":\"2YotnFZFEjr1zCsicMWpAA\",\"token_type\":\"example\",\"expires_in\":3600,"
                                      "\"refresh_token\":\"tGzv3JOkF0XG5Qx2TlKWIA\"}`.\n")

    def v6(rng, c, i):
        return f"src/{c['svc']}/http_auth.py", ('"""HTTP authentication helpers.\n\nRFC 7617 example: user "Aladdin", password "open sesame" gives\n'
                                                '``Authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==``; RFC 6750 shows a bearer token as\n'
                                                '``Authorization: Bearer mF_9.B5f-4.1JqM``.\n"""\n\n\ndef basic(user, password):\n'
                                                '    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()\n')

    def v7(rng, c, i):
        return "docs/kubernetes-secrets.md", ("The Kubernetes documentation's example Secret:\n\n```yaml\napiVersion: v1\nkind: Secret\nmetadata:\n"
                                              "  name: mysecret\ntype: Opaque\ndata:\n  username: YWRtaW4=\n  password: MWYyZDFl" + "MmU2N2Rm\n```\n")

    def v8(rng, c, i):
        return "docs/local-databases.md", ("Start the databases as their images' documentation does:\n\n```sh\n"
                                           "docker run --name some-mysql -e MYSQL_ROOT_PASSWORD=my-secret-pw -d mysql:8.4\n"
                                           "docker run --name some-postgres -e POSTGRES_PASSWORD=mysecretpassword -d postgres:17\n"
                                           "docker run -p 9000:9000 -e MINIO_ROOT_USER=minioadmin -e MINIO_ROOT_PASSWORD=minioadmin minio/minio server /data\n```\n")

    def v9(rng, c, i):
        return "docs/flask-sessions.md", ("Flask's quickstart generates a secret key with `python -c 'import secrets; print(secrets.token_hex())'`\n"
                                          "and shows the example:\n\n```python\napp.secret_key = b'_5#y2L\"F4Q8z\\n\\xec]/'\n```\n\n"
                                          "Never use the example value; read ours from `FLASK_SECRET_KEY`.\n")
    return [v0, v1, v2, v3, v4, v5, v6, v7, v8, v9]


def _vectors_vars():
    abc = {a: hashlib.new(a, b"abc").hexdigest() for a in ["md5", "sha1", "sha224", "sha256", "sha384", "sha512", "sha3_256", "blake2b", "blake2s"]}
    seq16 = "000102030405060708090a0b0c0d0e0f"
    seq32 = seq16 + "101112131415161718191a1b1c1d1e1f"

    def v0(rng, c, i):
        return "crypto/aes/vectors/ECBVarKey128.rsp", ("# CAVS 11.1\n# Config info for aes_values\n# AESVS VarKey test data for ECB\n\n[ENCRYPT]\n\n"
                                                       "COUNT = 0\nKEY = 80000000000000000000000000000000\nPLAINTEXT = 00000000000000000000000000000000\n"
                                                       "CIPHERTEXT = 0edd33d3c621e546455bd8ba1418bec8\n\nCOUNT = 1\nKEY = c0000000000000000000000000000000\n"
                                                       "PLAINTEXT = 00000000000000000000000000000000\nCIPHERTEXT = 4bc3f883450c113c64ca42e1112a9e87\n")

    def v1(rng, c, i):
        return "crypto/aes/fips197.json", ('{\n  "source": "FIPS-197 appendix C.1",\n  "vectors": [\n    {\n'
                                           f'      "key": "{seq16}",\n      "plaintext": "00112233445566778899aabbccddeeff",\n'
                                           '      "ciphertext": "69c4e0d86a7b0430d8cdb78070b4c55a"\n    }\n  ]\n}\n')

    def v2(rng, c, i):
        return f"src/{c['svc']}/crypto/sp800_38a.h", ("/* NIST SP 800-38A, F.1.1 ECB-AES128.Encrypt */\nstatic const uint8_t kKey[16] = {\n"
                                                      "    0x2b, 0x7e, 0x15, 0x16, 0x28, 0xae, 0xd2, 0xa6, 0xab, 0xf7, 0x15, 0x88, 0x09, 0xcf, 0x4f, 0x3c};\n"
                                                      "static const char *kKeyHex = \"2b7e151628aed2a6abf7158809cf4f3c\";\n"
                                                      "static const char *kPlain = \"6bc1bee22e409f96e93d7e117393172a\";\n")

    def v3(rng, c, i):
        a = rng.sample(sorted(abc), 4)
        return "crypto/digests/abc.json", "{\n" + ",\n".join(f'  "{x}": {{"input": "abc", "digest": "{abc[x]}"}}' for x in a) + "\n}\n"

    def v4(rng, c, i):
        return f"pkg/{c['svc']}/chacha/vectors.go", (f"package chacha\n\n// RFC 8439, section 2.4.2.\nvar rfc8439Key = \"{seq32}\"\n"
                                                     "var rfc8439Nonce = \"000000000000004a00000000\"\nconst rfc8439Counter = 1\n")

    def v5(rng, c, i):
        return "crypto/sha/SHA256ShortMsg.rsp", ("#  CAVS 11.0\n#  \"SHA-256 ShortMsg\" information\n\n[L = 32]\n\n"
                                                 f"Len = 24\nMsg = 616263\nMD = {abc['sha256']}\n\nLen = 0\nMsg = 00\n"
                                                 f"MD = {hashlib.sha256(b'').hexdigest()}\n")

    def v6(rng, c, i):
        msgs = [b"", b"a", b"message digest", b"abcdefghijklmnopqrstuvwxyz"]
        return f"src/{c['svc']}/md5_vectors.py", ('"""RFC 1321 test suite."""\nVECTORS = [\n' +
                                                  "".join(f"    ({m.decode()!r}, \"{hashlib.md5(m).hexdigest()}\"),\n" for m in msgs) + "]\n")

    def v7(rng, c, i):
        return "crypto/gcm/vectors.toml", ('# McGrew & Viega, "The Galois/Counter Mode of Operation", test case 2\n[[case]]\n'
                                           f'key = "{"00" * 16}"\niv = "{"00" * 12}"\nplaintext = "{"00" * 16}"\n'
                                           'ciphertext = "0388dace60b6a392f328c2b971b2fe78"\ntag = "ab6e47d42cec13bdf53a67b21257bddf"\n')

    def v8(rng, c, i):
        return f"docs/crypto/{c['svc']}-kdf.md", ("Known-answer values for our hashing wrapper (SHA-512 of \"abc\", FIPS 180-2):\n\n"
                                                  f"```\n{abc['sha512']}\n```\n\nand BLAKE2b-512 of \"abc\" (RFC 7693, appendix A): `{abc['blake2b']}`.\n")
    return [v0, v1, v2, v3, v4, v5, v6, v7, v8]


# --- public crypto material ----------------------------------------------------------------
def _eth(rng):
    return "0x" + hexs(rng, 40)


def _btc(rng):
    return rng.choice(["bc1q" + rs(rng, 38, BECH32), "1" + rs(rng, 33, B58), "3" + rs(rng, 33, B58), "bc1p" + rs(rng, 58, BECH32)])


def _sol(rng):
    return rs(rng, rng.choice([43, 44]), B58)


def _addresses_vars():
    def v0(rng, c, i):
        return "README.md", (f"# {c['svc']}\n\n## Support the project\n\n- Ethereum: `{_eth(rng)}`\n- Bitcoin: `{_btc(rng)}`\n- Solana: `{_sol(rng)}`\n")

    def v1(rng, c, i):
        return f"deployments/{rng.choice(['mainnet', 'sepolia', 'base'])}/{pascal(c['svc'])}.json", (
            f'{{\n  "address": "{_eth(rng)}",\n  "transactionHash": "0x{hexs(rng, 64)}",\n  "receipt": {{\n    "blockHash": "0x{hexs(rng, 64)}",\n'
            f'    "blockNumber": {rng.randrange(10**6, 2 * 10**7)},\n    "from": "{_eth(rng)}"\n  }}\n}}\n')

    def v2(rng, c, i):
        return "src/config/contracts.ts", ("export const CONTRACTS = {\n" + "".join(f"  {n}: '{_eth(rng)}',\n" for n in ["token", "vault", "router", "treasury"]) + "} as const;\n")

    def v3(rng, c, i):
        return "docs/incident-tx.md", (f"The drained funds moved in transaction\n[0x{hexs(rng, 64)[:10]}…](https://etherscan.io/tx/0x{hexs(rng, 64)})\n"
                                       f"to `{_eth(rng)}`; see also block `0x{hexs(rng, 64)}`.\n")

    def v4(rng, c, i):
        return ".github/FUNDING.yml", f"custom:\n  - https://blockstream.info/address/{_btc(rng)}\n  - https://etherscan.io/address/{_eth(rng)}\n"

    def v5(rng, c, i):
        return "Anchor.toml", (f"[programs.localnet]\n{c['svc']} = \"{_sol(rng)}\"\n\n[programs.devnet]\n{c['svc']} = \"{_sol(rng)}\"\n\n"
                               "[provider]\ncluster = \"devnet\"\nwallet = \"~/.config/solana/id.json\"\n")

    def v6(rng, c, i):
        return "data/whitelist.csv", "address,allocation\n" + "".join(f"{_eth(rng)},{rng.randrange(1, 500)}\n" for _ in range(6))

    def v7(rng, c, i):
        return f"src/{c['svc']}/wallets.py", ("COLD_WALLETS = {\n" + f'    "btc": "{_btc(rng)}",\n    "eth": "{_eth(rng)}",\n    "sol": "{_sol(rng)}",\n' + "}\n")

    def v8(rng, c, i):
        return "logs/indexer.log", "".join(f"INFO indexed tx=0x{hexs(rng, 64)} from={_eth(rng)} block={rng.randrange(10**7, 2 * 10**7)}\n" for _ in range(4))
    return [v0, v1, v2, v3, v4, v5, v6, v7, v8]


def _minisign_pub(rng, alg=b"Ed"):
    import base64
    return base64.b64encode(alg + rbytes(rng, 8) + rbytes(rng, 32)).decode()


def _pubkeys_vars():
    def v0(rng, c, i):
        peers = "".join(f"\n[Peer]\n# {n}\nPublicKey = {b64(rng, 32)}\nAllowedIPs = 10.8.0.{k + 2}/32\nEndpoint = {n}.{c['org']}.net:51820\n"
                        for k, n in enumerate(rng.sample(["laptop", "phone", "office", "backup", "nas"], 2)))
        return "wireguard/wg0.conf", (f"[Interface]\nAddress = 10.8.0.1/24\nListenPort = 51820\n"
                                      f"PostUp = wg set %i private-key /etc/wireguard/{c['svc']}.key\n" + peers)

    def v1(rng, c, i):
        return "minisign.pub", f"untrusted comment: minisign public key {hexs(rng, 16).upper()}\n{_minisign_pub(rng)}\n"

    def v2(rng, c, i):
        return f"keys/{c['svc']}-release.pub", f"untrusted comment: {c['org']} {c['svc']} release public key\n{_minisign_pub(rng)}\n"

    def v3(rng, c, i):
        spki = bytes.fromhex("3059301306072a8648ce3d020106082a8648ce3d030107034200") + b"\x04" + rbytes(rng, 64)
        return "cosign.pub", pem("PUBLIC KEY", spki) + "\n"

    def v4(rng, c, i):
        return "docs/verify-release.md", (f"Verify downloads with minisign:\n\n```\nminisign -Vm {c['svc']}.tar.gz -P {_minisign_pub(rng)}\n```\n")

    def v5(rng, c, i):
        return "infra/wireguard.tf", (f'resource "wireguard_peer" "{c["svc"]}" {{\n  public_key  = "{b64(rng, 32)}"\n  allowed_ips = ["10.9.0.0/24"]\n}}\n')

    def v6(rng, c, i):
        return "docs/onion.md", f"Our onion service: `{rs(rng, 56, B32L[:26] + '234567')}.onion`\nNostr: `npub1{rs(rng, 58, BECH32)}`\n"

    def v7(rng, c, i):
        return "k8s/wireguard-peers.yaml", ("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: wg-peers\ndata:\n" +
                                            "".join(f"  {n}.pub: \"{b64(rng, 32)}\"\n" for n in ["edge-a", "edge-b", "edge-c"]))

    def v8(rng, c, i):
        return "config/syncthing-devices.xml", "".join(
            f'<device id="{"-".join(rs(rng, 7, UPPER + "234567") for _ in range(8))}" name="{n}" compression="metadata"></device>\n' for n in ["nas", "laptop"])

    def v9(rng, c, i):
        return "config/p2p.yaml", f"bootstrap_peers:\n" + "".join(f"  - /dns4/boot{k}.{c['org']}.net/tcp/4001/p2p/12D3KooW{rs(rng, 44, B58)}\n" for k in range(3))
    return [v0, v1, v2, v3, v4, v5, v6, v7, v8, v9]


def _signatures_vars():
    def b64lines(rng, n, w=64):
        s = b64(rng, n)
        return "\n".join(s[k:k + w] for k in range(0, len(s), w))

    def v0(rng, c, i):
        return f"saml/{c['svc']}-idp-metadata.xml", (
            f'<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.{c["org"]}.com/saml">\n'
            '  <IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">\n    <KeyDescriptor use="signing">\n'
            '      <ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data><ds:X509Certificate>'
            + b64lines(rng, 700, 76) + '</ds:X509Certificate></ds:X509Data></ds:KeyInfo>\n    </KeyDescriptor>\n  </IDPSSODescriptor>\n</EntityDescriptor>\n')

    def v1(rng, c, i):
        return "docs/saml-response.xml", ('<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#">\n  <ds:SignedInfo>\n'
                                          f'    <ds:Reference URI="#_{hexs(rng, 40)}"><ds:DigestValue>{b64(rng, 32)}</ds:DigestValue></ds:Reference>\n'
                                          f'  </ds:SignedInfo>\n  <ds:SignatureValue>{b64lines(rng, 256)}</ds:SignatureValue>\n</ds:Signature>\n')

    def v2(rng, c, i):
        return f"releases/{c['svc']}-1.{rng.randrange(9)}.0.tar.gz.asc", ("-----BEGIN PGP SIGNATURE-----\n\n" + b64lines(rng, 280) +
                                                                         f"\n={b64(rng, 3)}\n-----END PGP SIGNATURE-----\n")

    def v3(rng, c, i):
        return f"releases/{c['svc']}.tar.gz.minisig", (f"untrusted comment: signature from minisign secret key\n{b64(rng, 74)}\n"
                                                       f"trusted comment: timestamp:{rng.randrange(1700000000, 1800000000)}\tfile:{c['svc']}.tar.gz\thashed\n{b64(rng, 64)}\n")

    def v4(rng, c, i):
        return f"releases/SHA256.sig", f"untrusted comment: verify with {c['svc']}-release.pub\n{b64(rng, 74)}\n"

    def v5(rng, c, i):
        return f"attestations/{c['svc']}.sigstore.json", (
            '{\n  "mediaType": "application/vnd.dev.sigstore.bundle.v0.3+json",\n  "verificationMaterial": {\n    "tlogEntries": [{\n'
            f'      "logIndex": "{rng.randrange(10**8, 2 * 10**8)}",\n      "logId": {{"keyId": "{b64(rng, 32)}"}},\n'
            f'      "inclusionPromise": {{"signedEntryTimestamp": "{b64(rng, 70)}"}},\n      "canonicalizedBody": "{b64(rng, 300)}"\n    }}]\n  }},\n'
            f'  "messageSignature": {{\n    "messageDigest": {{"algorithm": "SHA2_256", "digest": "{b64(rng, 32)}"}},\n    "signature": "{b64(rng, 71)}"\n  }}\n}}\n')

    def v6(rng, c, i):
        return "docs/rekor-entry.json", (f'{{\n  "{hexs(rng, 80)}": {{\n    "body": "{b64(rng, 240)}",\n    "integratedTime": {rng.randrange(1700000000, 1800000000)},\n'
                                         f'    "logID": "{hexs(rng, 64)}",\n    "logIndex": {rng.randrange(10**8, 2 * 10**8)}\n  }}\n}}\n')

    def v7(rng, c, i):
        return "docs/git-signing.md", (f"```\n$ git cat-file -p HEAD\ntree {hexs(rng, 40)}\nparent {hexs(rng, 40)}\nauthor Dev <dev@{c['org']}.io> 1764000000 +0000\n"
                                       f"gpgsig -----BEGIN SSH SIGNATURE-----\n {b64lines(rng, 200, 70).replace(chr(10), chr(10) + ' ')}\n -----END SSH SIGNATURE-----\n\n"
                                       "Rotate the release token\n```\n")

    def v8(rng, c, i):
        return "npm-shrinkwrap.json", (f'{{\n  "name": "{c["svc"]}",\n  "packages": {{\n    "node_modules/left-pad": {{\n      "version": "1.3.0",\n'
                                       f'      "signatures": [{{"keyid": "SHA256:{b64(rng, 32, pad=False)}", "sig": "MEUCIQ{b64(rng, 66)}"}}]\n    }}\n  }}\n}}\n')
    return [v0, v1, v2, v3, v4, v5, v6, v7, v8]


def _dkim_p(rng):
    import base64
    return base64.b64encode(spki_der(rng)).decode()


def _dns_vars():
    def v0(rng, c, i):
        d = f"{c['org']}.com"
        return f"dns/{d}.zone", (f"$ORIGIN {d}.\n@ 3600 IN TXT \"v=spf1 include:_spf.google.com ~all\"\n"
                                 f"_dmarc 3600 IN TXT \"v=DMARC1; p=reject; rua=mailto:dmarc@{d}\"\n"
                                 f"google._domainkey 3600 IN TXT \"v=DKIM1; k=rsa; p={_dkim_p(rng)}\"\n")

    def v1(rng, c, i):
        return "infra/dns.tf", (f'resource "aws_route53_record" "dkim" {{\n  name    = "s1._domainkey.{c["org"]}.com"\n  type    = "TXT"\n'
                                f'  records = ["v=DKIM1; k=rsa; p={_dkim_p(rng)}"]\n}}\n')

    def v2(rng, c, i):
        return "dns/verification.txt", (f"@ TXT \"google-site-verification={b64(rng, 32, urlsafe=True, pad=False)}\"\n@ TXT \"MS=ms{digits(rng, 8)}\"\n"
                                        f"@ TXT \"facebook-domain-verification={rs(rng, 30, LOWER + '0123456789')}\"\n"
                                        f"@ TXT \"atlassian-domain-verification={b64(rng, 48)}\"\n")

    def v3(rng, c, i):
        return f"dns/{c['org']}.net.zone", (f"_acme-challenge 60 IN TXT \"{b64(rng, 32, urlsafe=True, pad=False)}\"\n"
                                            f"_443._tcp.www IN TLSA 3 1 1 {hexs(rng, 64).upper()}\n"
                                            f"{c['svc']} IN SSHFP 4 2 {hexs(rng, 64)}\n@ IN CAA 0 issue \"letsencrypt.org\"\n")

    def v4(rng, c, i):
        return "dns/dnssec.txt", (f"{c['org']}.org. 3600 IN DS {rng.randrange(10000, 65000)} 13 2 {hexs(rng, 64).upper()}\n"
                                  f"{c['org']}.org. 3600 IN DNSKEY 257 3 13 {b64(rng, 64)}\n")

    def v5(rng, c, i):
        return "docs/email-setup.md", ("Add this DKIM record that the mail provider generated (a public key):\n\n| Host | Type | Value |\n|---|---|---|\n"
                                       f"| `mail._domainkey` | TXT | `v=DKIM1; k=rsa; p={_dkim_p(rng)}` |\n"
                                       f"| `@` | TXT | `v=spf1 include:mailgun.org ~all` |\n")

    def v6(rng, c, i):
        return "octodns/zone.yaml", (f"'':\n  - type: TXT\n    values:\n      - v=spf1 -all\n      - apple-domain-verification={rs(rng, 16)}\n"
                                     f"selector1._domainkey:\n  type: TXT\n  value: v=DKIM1\\; k=ed25519\\; p={b64(rng, 32)}\n")
    return [v0, v1, v2, v3, v4, v5, v6]


def _mail_vars():
    def msg(rng, c):
        d = f"{c['org']}.com"
        return (f"Return-Path: <bounces+{digits(rng, 7)}@em.{d}>\n"
                f"DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d={d}; s=s1;\n\th=from:subject:to:date; bh={b64(rng, 32)};\n"
                f"\tb={b64(rng, 128)[:76]}\n\t {b64(rng, 128)[:76]}\n\t {b64(rng, 100)}\n"
                f"ARC-Seal: i=1; a=rsa-sha256; t={rng.randrange(1700000000, 1800000000)}; cv=none; d=google.com; s=arc-20240605;\n\tb={b64(rng, 128)}\n"
                f"ARC-Message-Signature: i=1; a=rsa-sha256; c=relaxed/relaxed; d=google.com; s=arc-20240605;\n\tbh={b64(rng, 32)};\n\tb={b64(rng, 128)}\n"
                f"Authentication-Results: mx.google.com; dkim=pass header.i=@{d} header.s=s1 header.b={b64(rng, 6)[:8]};\n\tspf=pass; dmarc=pass (p=REJECT) header.from={d}\n"
                f"Message-ID: <{hexs(rng, 32)}@{d}>\nX-SG-EID: {b64(rng, 90)}\nFrom: {c['svc']} <noreply@{d}>\nSubject: Your password was changed\n\n"
                f"Hi,\n\nthe password for your account was changed. If this was not you, reset it now.\n")

    def v0(rng, c, i):
        return f"mail/outbox/password-changed-{i}.eml", msg(rng, c)

    def v1(rng, c, i):
        return "docs/deliverability.md", "A delivered message's headers look like this:\n\n```\n" + msg(rng, c) + "```\n"

    def v2(rng, c, i):
        return f"support/tickets/{rng.randrange(1000, 9999)}.txt", "Customer forwarded the raw message:\n\n" + msg(rng, c)

    def v3(rng, c, i):
        return "logs/mta.log", "".join(f"Nov  {k + 1} 10:0{k}:11 mx1 opendkim[{rng.randrange(900, 9999)}]: {hexs(rng, 10).upper()}: DKIM-Signature field added "
                                       f"(s=s1, d={c['org']}.com) bh={b64(rng, 32)}\n" for k in range(4))
    return [v0, v1, v2, v3]


# --- content hashes of more ecosystems -----------------------------------------------------
def _sri(rng, n=48, alg="sha384"):
    return f"{alg}-{b64(rng, n)}"


def _hash_eco_vars():
    def v0(rng, c, i):
        return "default.nix", (f"{{ pkgs ? import <nixpkgs> {{}} }}:\npkgs.stdenv.mkDerivation {{\n  pname = \"{c['svc']}\";\n  version = \"1.{rng.randrange(9)}.0\";\n"
                               f"  src = pkgs.fetchFromGitHub {{\n    owner = \"{c['org']}\";\n    repo = \"{c['svc']}\";\n    rev = \"{hexs(rng, 40)}\";\n"
                               f"    sha256 = \"sha256-{b64(rng, 32)}\";\n  }};\n  vendorHash = \"sha256-{b64(rng, 32)}\";\n}}\n")

    def v1(rng, c, i):
        return "docs/nix.md", "".join(f"/nix/store/{rs(rng, 32, NIX32)}-{n}\n" for n in ["glibc-2.40-36", f"{c['svc']}-1.2.0", "openssl-3.3.2", "python3-3.12.7"]).join(["```\n$ nix-store -qR result\n", "```\n"])

    def v2(rng, c, i):
        return f"assets/{rng.choice(['logo', 'hero', 'demo'])}.psd", f"version https://git-lfs.github.com/spec/v1\noid sha256:{hexs(rng, 64)}\nsize {rng.randrange(10**5, 10**8)}\n"

    def v3(rng, c, i):
        return f"Formula/{c['svc']}.rb", (f'class {pascal(c["svc"])} < Formula\n  url "https://github.com/{c["org"]}/{c["svc"]}/archive/v2.1.0.tar.gz"\n'
                                          f'  sha256 "{hexs(rng, 64)}"\n\n  bottle do\n'
                                          + "".join(f'    sha256 cellar: :any_skip_relocation, {t}: "{hexs(rng, 64)}"\n' for t in ["arm64_sequoia", "sonoma", "x86_64_linux"])
                                          + "  end\nend\n")

    def v4(rng, c, i):
        return "MODULE.bazel", (f'module(name = "{c["svc"]}", version = "0.1.0")\n\nhttp_archive(\n    name = "zlib",\n'
                                f'    integrity = "{_sri(rng, 32, "sha256")}",\n    strip_prefix = "zlib-1.3.1",\n)\n\nhttp_file(\n    name = "protoc",\n'
                                f'    sha256 = "{hexs(rng, 64)}",\n)\n')

    def v5(rng, c, i):
        return f"repository/com/{c['org']}/{c['svc']}/1.0.{i}/{c['svc']}-1.0.{i}.jar.sha1", hexs(rng, 40) + "\n"

    def v6(rng, c, i):
        return "conda-meta/history.json", (f'{{\n  "name": "numpy",\n  "version": "2.1.2",\n  "md5": "{hexs(rng, 32)}",\n  "sha256": "{hexs(rng, 64)}",\n'
                                           f'  "url": "https://conda.anaconda.org/conda-forge/linux-64/numpy-2.1.2-py312h58c1407_0.conda"\n}}\n')

    def v7(rng, c, i):
        return "docs/datasets.md", (f"Mirrors of the dataset:\n\n- IPFS: `ipfs://bafybei{rs(rng, 52, B32L)}`\n- legacy CID: `Qm{rs(rng, 44, B58)}`\n"
                                    f"- torrent: `magnet:?xt=urn:btih:{hexs(rng, 40)}&dn={c['svc']}-data.tar`\n")

    def v8(rng, c, i):
        return "public/index.html", (f'<link rel="stylesheet" href="https://cdn.jsdelivr.net/npm/bootstrap@5.3.3/dist/css/bootstrap.min.css"\n'
                                     f'      integrity="{_sri(rng)}" crossorigin="anonymous">\n'
                                     f'<link rel="preload" as="font" href="/fonts/inter.woff2" integrity="{_sri(rng, 32, "sha256")}">\n')

    def v9(rng, c, i):
        return "flake.lock", (f'{{\n  "nodes": {{\n    "nixpkgs": {{\n      "locked": {{\n        "lastModified": {rng.randrange(1700000000, 1800000000)},\n'
                              f'        "narHash": "sha256-{b64(rng, 32)}",\n        "owner": "NixOS",\n        "repo": "nixpkgs",\n'
                              f'        "rev": "{hexs(rng, 40)}",\n        "type": "github"\n      }}\n    }}\n  }},\n  "version": 7\n}}\n')

    def v10(rng, c, i):
        return "torrents/index.json", "[\n" + ",\n".join(f'  {{"name": "{c["svc"]}-{k}.iso", "infohash": "{hexs(rng, 40)}", "btih_v2": "{hexs(rng, 64)}"}}' for k in range(3)) + "\n]\n"
    return [v0, v1, v2, v3, v4, v5, v6, v7, v8, v9, v10]


def _lock_more_vars():
    def v0(rng, c, i):
        return "pubspec.lock", "packages:\n" + "".join(f"  {n}:\n    dependency: transitive\n    description:\n      name: {n}\n      sha256: \"{hexs(rng, 64)}\"\n"
                                                       f"      url: \"https://pub.dev\"\n    source: hosted\n    version: \"1.{rng.randrange(20)}.0\"\n"
                                                       for n in ["http", "crypto", "collection"])

    def v1(rng, c, i):
        return "mix.lock", "%{\n" + "".join(f'  "{n}": {{:hex, :{n}, "1.{rng.randrange(9)}.0", "{hexs(rng, 64)}", [:mix], [], "hexpm", "{hexs(rng, 64)}"}},\n'
                                            for n in ["jason", "plug", "telemetry"]) + "}\n"

    def v2(rng, c, i):
        return "packages.lock.json", ('{\n  "version": 1,\n  "dependencies": {\n    "net8.0": {\n' +
                                      ",\n".join(f'      "{n}": {{"type": "Direct", "requested": "[13.0.3, )", "resolved": "13.0.3", "contentHash": "{b64(rng, 64)}"}}'
                                                 for n in ["Newtonsoft.Json", "Serilog", "Polly"]) + "\n    }\n  }\n}\n")

    def v3(rng, c, i):
        return "Podfile.lock", ("PODS:\n  - Alamofire (5.9.1)\n  - KeychainAccess (4.2.2)\n\nSPEC CHECKSUMS:\n" +
                                "".join(f"  {n}: {hexs(rng, 40)}\n" for n in ["Alamofire", "KeychainAccess", "SwiftyJSON"]) + f"\nPODFILE CHECKSUM: {hexs(rng, 40)}\n\nCOCOAPODS: 1.15.2\n")

    def v4(rng, c, i):
        return "renv.lock", ('{\n  "Packages": {\n' + ",\n".join(f'    "{n}": {{"Package": "{n}", "Version": "1.1.{k}", "Source": "Repository", "Hash": "{hexs(rng, 32)}"}}'
                                                                 for k, n in enumerate(["dplyr", "httr", "openssl"])) + "\n  }\n}\n")

    def v5(rng, c, i):
        return "uv.lock", "".join(f'[[package]]\nname = "{n}"\nversion = "2.{rng.randrange(30)}.0"\nsdist = {{ url = "https://files.pythonhosted.org/packages/{hexs(rng, 2)}/{hexs(rng, 2)}/{hexs(rng, 60)}/{n}-2.0.tar.gz", hash = "sha256:{hexs(rng, 64)}", size = {rng.randrange(10**4, 10**6)} }}\n\n'
                                  for n in ["requests", "cryptography"])

    def v6(rng, c, i):
        return "Package.resolved", ('{\n  "pins" : [\n' + ",\n".join(f'    {{\n      "identity" : "{n}",\n      "kind" : "remoteSourceControl",\n'
                                                                     f'      "location" : "https://github.com/apple/{n}.git",\n      "state" : {{\n        "revision" : "{hexs(rng, 40)}",\n        "version" : "1.5.0"\n      }}\n    }}'
                                                                     for n in ["swift-crypto", "swift-log"]) + f'\n  ],\n  "originHash" : "{hexs(rng, 64)}",\n  "version" : 3\n}}\n')

    def v7(rng, c, i):
        return "deno.lock", ('{\n  "version": "4",\n  "jsr": {\n' + f'    "@std/assert@1.0.8": {{"integrity": "{hexs(rng, 64)}"}},\n'
                             f'    "@std/path@1.0.8": {{"integrity": "{hexs(rng, 64)}"}}\n  }},\n  "remote": {{\n'
                             f'    "https://deno.land/std@0.224.0/fmt/colors.ts": "{hexs(rng, 64)}"\n  }}\n}}\n')

    def v8(rng, c, i):
        return "bun.lock", ('{\n  "lockfileVersion": 1,\n  "packages": {\n' + ",\n".join(f'    "{n}": ["{n}@4.{k}.0", "", {{}}, "sha512-{b64(rng, 64)}"]'
                                                                                          for k, n in enumerate(["hono", "zod"])) + "\n  }\n}\n")

    def v9(rng, c, i):
        return f"k8s/{c['svc']}-pod-status.yaml", (f"status:\n  containerStatuses:\n  - name: {c['svc']}\n    containerID: containerd://{hexs(rng, 64)}\n"
                                                   f"    image: ghcr.io/{c['org']}/{c['svc']}:1.2.0\n    imageID: ghcr.io/{c['org']}/{c['svc']}@sha256:{hexs(rng, 64)}\n")

    def v10(rng, c, i):
        return "vcpkg.json", f'{{\n  "name": "{c["svc"]}",\n  "builtin-baseline": "{hexs(rng, 40)}",\n  "dependencies": ["openssl", "zlib"]\n}}\n'

    def v11(rng, c, i):
        return "gradle/libs.versions.toml.sha256", f"{hexs(rng, 64)}  libs.versions.toml\n"
    return [v0, v1, v2, v3, v4, v5, v6, v7, v8, v9, v10, v11]


# --- public ids ----------------------------------------------------------------------------
def _content_ids_vars():
    def yt(rng):
        return rs(rng, 11, ALNUM + "-_")

    def v0(rng, c, i):
        return "docs/videos.md", "".join(f"- [{w}](https://www.youtube.com/watch?v={yt(rng)}) ({rng.randrange(2, 30)} min)\n" for w in rng.sample(WORDS, 3)) + f"\n<iframe src=\"https://www.youtube.com/embed/{yt(rng)}\"></iframe>\n"

    def v1(rng, c, i):
        return "docs/planning.md", (f"- Roadmap: https://docs.google.com/document/d/{rs(rng, 44, ALNUM + '-_')}/edit\n"
                                    f"- Budget: https://docs.google.com/spreadsheets/d/{rs(rng, 44, ALNUM + '-_')}/edit#gid={rng.randrange(10**9)}\n"
                                    f"- Recordings: https://drive.google.com/drive/folders/{rs(rng, 33, ALNUM + '-_')}\n")

    def v2(rng, c, i):
        return "design/links.yaml", (f"figma: https://www.figma.com/design/{rs(rng, 22)}/{c['svc']}-UI?node-id=12-345\n"
                                     f"notion: https://www.notion.so/{c['org']}/{c['svc'].capitalize()}-spec-{hexs(rng, 32)}\n"
                                     f"miro: https://miro.com/app/board/{rs(rng, 10)}=/\n")

    def v3(rng, c, i):
        return "CONTRIBUTING.md", (f"Screenshots: https://i.imgur.com/{rs(rng, 7)}.png\nSnippet: https://gist.github.com/{c['org']}dev/{hexs(rng, 32)}\n"
                                   f"Tracking issue: {c['svc'].upper()[:4]}-{rng.randrange(100, 9999)} in Jira.\n")

    def v4(rng, c, i):
        return "docs/decisions.md", (f"Discussed in https://{c['org']}.slack.com/archives/C0{rs(rng, 9, UPPER + '0123456789')}/p{digits(rng, 16)}\n"
                                     f"Community: https://discord.gg/{rs(rng, 8)}\nWeekly call: https://zoom.us/j/{digits(rng, 11)}\n")

    def v5(rng, c, i):
        return "src/content/embeds.json", (f'{{\n  "youtube": ["{yt(rng)}", "{yt(rng)}"],\n  "vimeo": {digits(rng, 9)},\n'
                                           f'  "loom": "https://www.loom.com/share/{hexs(rng, 32)}",\n  "spotify": "https://open.spotify.com/episode/{rs(rng, 22)}"\n}}\n')

    def v6(rng, c, i):
        return "README.md", (f"# {c['svc']}\n\n[![Open in Colab](https://colab.research.google.com/assets/colab-badge.svg)](https://colab.research.google.com/drive/{rs(rng, 33, ALNUM + '-_')})\n"
                             f"[![Run in Postman](https://run.pstmn.io/button.svg)](https://app.getpostman.com/run-collection/{digits(rng, 8)}-{uuid4(rng)})\n")

    def v7(rng, c, i):
        return "docs/meetings.ics", (f"BEGIN:VEVENT\nUID:{hexs(rng, 26)}@google.com\nSUMMARY:{c['svc']} sync\n"
                                     f"LOCATION:https://meet.google.com/{rs(rng, 3, LOWER)}-{rs(rng, 4, LOWER)}-{rs(rng, 3, LOWER)}\n"
                                     f"URL:https://teams.microsoft.com/l/meetup-join/19%3ameeting_{rs(rng, 48)}%40thread.v2/0\nEND:VEVENT\n")
    return [v0, v1, v2, v3, v4, v5, v6, v7]


def _client_ids_vars():
    def goog(rng):
        return f"{digits(rng, 12)}-{rs(rng, 32, LOWER + '0123456789')}.apps.googleusercontent.com"

    def v0(rng, c, i):
        return "public/login.html", (f'<script src="https://accounts.google.com/gsi/client" async></script>\n'
                                     f'<div id="g_id_onload" data-client_id="{goog(rng)}" data-login_uri="https://{c["svc"]}.{c["org"]}.com/login"></div>\n')

    def v1(rng, c, i):
        return "src/authConfig.ts", ("export const msalConfig = {\n  auth: {\n"
                                     f"    clientId: '{uuid4(rng)}',\n    authority: 'https://login.microsoftonline.com/{uuid4(rng)}',\n"
                                     f"    redirectUri: 'https://{c['svc']}.{c['org']}.com/auth',\n  }},\n}};\n")

    def v2(rng, c, i):
        return "src/auth0-config.json", (f'{{\n  "domain": "{c["org"]}.eu.auth0.com",\n  "clientId": "{rs(rng, 32)}",\n'
                                         f'  "authorizationParams": {{"audience": "https://api.{c["org"]}.com", "redirect_uri": "http://localhost:4200"}}\n}}\n')

    def v3(rng, c, i):
        return "src/map.js", (f"const map = new mapboxgl.Map({{\n  container: 'map',\n  style: 'mapbox://styles/{c['org']}/{rs(rng, 25, LOWER + '0123456789')}',\n"
                              f"  center: [13.4, 52.5],\n  zoom: 9,\n}});\n")

    def v4(rng, c, i):
        return "templates/contact.html", (f'<form action="/contact" method="post">\n  <textarea name="message"></textarea>\n'
                                          f'  <div class="g-recaptcha" data-sitekey="6L{rs(rng, 38, ALNUM + "-_")}"></div>\n  <button>Send</button>\n</form>\n')

    def v5(rng, c, i):
        return "ios/Runner/Info.plist", ("<plist version=\"1.0\"><dict>\n  <key>GIDClientID</key>\n"
                                         f"  <string>{goog(rng)}</string>\n  <key>CFBundleURLSchemes</key>\n"
                                         f"  <array><string>com.googleusercontent.apps.{digits(rng, 12)}-{rs(rng, 32, LOWER + '0123456789')}</string></array>\n</dict></plist>\n")

    def v6(rng, c, i):
        return "infra/azure-ad.tf", (f'data "azuread_client_config" "current" {{}}\n\nlocals {{\n  tenant_id      = "{uuid4(rng)}"\n'
                                     f'  application_id = "{uuid4(rng)}"\n  object_id      = "{uuid4(rng)}"\n}}\n')

    def v7(rng, c, i):
        return "src/search/client.ts", (f"import algoliasearch from 'algoliasearch/lite';\n\n// application id (public); the search-only key comes from the server\n"
                                        f"export const ALGOLIA_APP_ID = '{rs(rng, 10, UPPER + '0123456789')}';\nexport const INDEX = '{c['svc']}_prod';\n")

    def v8(rng, c, i):
        return ".well-known/openid-configuration.json", (f'{{\n  "issuer": "https://login.microsoftonline.com/{uuid4(rng)}/v2.0",\n'
                                                         f'  "authorization_endpoint": "https://login.microsoftonline.com/{uuid4(rng)}/oauth2/v2.0/authorize",\n'
                                                         f'  "client_id": "{goog(rng)}"\n}}\n')

    def v9(rng, c, i):
        return "app/src/main/res/values/google_client.xml", (f'<resources>\n    <string name="default_web_client_id" translatable="false">{goog(rng)}</string>\n'
                                                             f'    <string name="azure_tenant_id" translatable="false">{uuid4(rng)}</string>\n</resources>\n')
    return [v0, v1, v2, v3, v4, v5, v6, v7, v8, v9]


# --- generated code and schemas ------------------------------------------------------------
def _generated_vars():
    def v0(rng, c, i):
        return f"idl/{c['svc']}.thrift", (f"namespace java com.{c['org']}.{c['svc']}\n\nstruct Credentials {{\n  1: required string api_key,\n"
                                          "  2: optional string client_secret,\n  3: optional string password,\n}\n\nservice Auth {\n  string issueToken(1: Credentials creds)\n}\n")

    def v1(rng, c, i):
        return f"schemas/{c['svc']}-login.avsc", ('{\n  "type": "record",\n  "name": "LoginEvent",\n  "fields": [\n    {"name": "user_id", "type": "string"},\n'
                                                  '    {"name": "api_key_id", "type": ["null", "string"], "default": null},\n'
                                                  '    {"name": "password_changed", "type": "boolean"},\n    {"name": "access_token_hash", "type": "string"}\n  ]\n}\n')

    def v2(rng, c, i):
        return f"graphql/{c['svc']}.graphql", ("input CreateIntegrationInput {\n  name: String!\n  apiKey: String!\n  clientSecret: String\n  webhookSecret: String\n}\n\n"
                                               "extend type Mutation {\n  rotateSecret(id: ID!): Integration! @auth(requires: ADMIN)\n}\n")

    def v3(rng, c, i):
        return f"{c['svc']}_client/configuration.py", ("# coding: utf-8\n# Generated by OpenAPI Generator (https://openapi-generator.tech)\n\n\nclass Configuration:\n"
                                                       "    def __init__(self, host=None, api_key=None, api_key_prefix=None, username=None, password=None, access_token=None):\n"
                                                       "        self.host = host\n        self.api_key = api_key or {}\n        self.api_key_prefix = api_key_prefix or {}\n"
                                                       "        self.username = username\n        self.password = password\n        self.access_token = access_token\n")

    def v4(rng, c, i):
        return f"{c['svc']}/db/models.py", ("from sqlalchemy import Column, Integer, LargeBinary, String\n\n\nclass ApiCredential(Base):\n"
                                            "    __tablename__ = \"api_credentials\"\n    id = Column(Integer, primary_key=True)\n"
                                            "    api_key_hash = Column(String(64), nullable=False, index=True)\n    client_secret_enc = Column(LargeBinary)\n"
                                            "    password = Column(String(255), nullable=True)\n")

    def v5(rng, c, i):
        return f"db/migrate/2026{rng.randrange(1, 13):02d}{rng.randrange(1, 29):02d}{digits(rng, 6)}_add_tokens_to_users.rb", (
            "class AddTokensToUsers < ActiveRecord::Migration[7.1]\n  def change\n    add_column :users, :encrypted_password, :string, null: false, default: \"\"\n"
            "    add_column :users, :api_token, :string\n    add_column :users, :reset_password_token, :string\n    add_index :users, :api_token, unique: true\n  end\nend\n")

    def v6(rng, c, i):
        return f"types/{c['svc']}.d.ts", ("export interface ClientOptions {\n  apiKey: string;\n  secret?: string;\n  password?: string;\n  token?: () => Promise<string>;\n}\n"
                                          "export declare function createClient(options: ClientOptions): Client;\nexport declare const DEFAULT_TOKEN_HEADER: string;\n")

    def v7(rng, c, i):
        return "swagger.json", ('{\n  "swagger": "2.0",\n  "paths": {\n    "/keys": {\n      "post": {\n        "parameters": [\n'
                                '          {"name": "x-api-key", "in": "header", "type": "string", "x-example": "string"},\n'
                                '          {"in": "body", "name": "body", "schema": {"example": {"apiKey": "string", "secret": "string", "password": "string"}}}\n'
                                '        ]\n      }\n    }\n  }\n}\n')

    def v8(rng, c, i):
        return f"alembic/versions/{hexs(rng, 12)}_add_secret_columns.py", (f'"""add secret columns\n\nRevision ID: {hexs(rng, 12)}\nRevises: {hexs(rng, 12)}\n"""\n'
                                                                            "from alembic import op\nimport sqlalchemy as sa\n\n\ndef upgrade():\n"
                                                                            "    op.add_column(\"integrations\", sa.Column(\"client_secret\", sa.Text(), nullable=True))\n"
                                                                            "    op.add_column(\"integrations\", sa.Column(\"token_expires_at\", sa.DateTime()))\n")

    def v9(rng, c, i):
        return f"pkg/{c['svc']}/types.go", (f"package {c['svc']}\n\n// Code generated by oapi-codegen. DO NOT EDIT.\n\ntype Credentials struct {{\n"
                                            "\tAPIKey       string  `json:\"api_key\" yaml:\"api_key\"`\n\tClientSecret *string `json:\"client_secret,omitempty\"`\n"
                                            "\tPassword     string  `json:\"password\" validate:\"required,min=12\"`\n}\n")

    def v10(rng, c, i):
        return f"src/main/kotlin/com/{c['org']}/{pascal(c['svc'])}Credentials.kt", ("@Serializable\ndata class Credentials(\n    @SerialName(\"api_key\") val apiKey: String,\n"
                                                                                    "    @SerialName(\"client_secret\") val clientSecret: String? = null,\n    val password: CharArray = CharArray(0),\n)\n")

    def v11(rng, c, i):
        return f"proto/{c['svc']}/v2/secrets.proto", (f'syntax = "proto3";\npackage {c["svc"]}.v2;\n\nimport "google/api/field_behavior.proto";\n\n'
                                                      "message CreateKeyResponse {\n  // The secret is only returned once.\n"
                                                      "  string api_key = 3 [(google.api.field_behavior) = OUTPUT_ONLY];\n  bytes secret_hash = 4;\n"
                                                      "  string token_type = 5 [deprecated = true];\n}\n")
    return [v0, v1, v2, v3, v4, v5, v6, v7, v8, v9, v10, v11]


def _k8s_refs_vars():
    def v0(rng, c, i):
        return f"charts/{c['svc']}/values.yaml", (f"postgresql:\n  auth:\n    existingSecret: {c['svc']}-postgresql\n    secretKeys:\n"
                                                  "      adminPasswordKey: postgres-password\n      userPasswordKey: password\n"
                                                  f"ingress:\n  tls:\n    - secretName: {c['svc']}-tls\n      hosts: [{c['svc']}.{c['org']}.com]\n")

    def v1(rng, c, i):
        return f"charts/{c['svc']}/templates/secret.yaml", ("apiVersion: v1\nkind: Secret\nmetadata:\n  name: {{ include \"app.fullname\" . }}\ntype: Opaque\nstringData:\n"
                                                            "  DATABASE_PASSWORD: {{ .Values.database.password | quote }}\n  API_KEY: {{ required \"apiKey is required\" .Values.apiKey | quote }}\n"
                                                            "  SESSION_SECRET: \"\"\n")

    def v2(rng, c, i):
        return "k8s/secret.yaml", (f"apiVersion: v1\nkind: Secret\nmetadata:\n  name: {c['svc']}-env\nstringData:\n"
                                   "  DATABASE_URL: postgres://$(DB_USER):$(DB_PASSWORD)@db:5432/app\n  API_TOKEN: $(API_TOKEN)\n  CLIENT_SECRET: \"\"\n")

    def v3(rng, c, i):
        return "k8s/external-secret.yaml", (f"apiVersion: external-secrets.io/v1beta1\nkind: ExternalSecret\nmetadata:\n  name: {c['svc']}\nspec:\n"
                                            "  secretStoreRef:\n    name: aws-secrets-manager\n    kind: ClusterSecretStore\n  target:\n"
                                            f"    name: {c['svc']}-credentials\n  data:\n    - secretKey: api-key\n      remoteRef:\n        key: prod/{c['svc']}/api-key\n"
                                            f"    - secretKey: db-password\n      remoteRef:\n        key: prod/{c['svc']}/db\n        property: password\n")

    def v4(rng, c, i):
        return "k8s/secret-provider-class.yaml", (f"apiVersion: secrets-store.csi.x-k8s.io/v1\nkind: SecretProviderClass\nmetadata:\n  name: {c['svc']}-kv\nspec:\n"
                                                  f"  provider: azure\n  parameters:\n    keyvaultName: kv-{c['svc']}\n    tenantId: {uuid4(rng)}\n"
                                                  "    objects: |\n      array:\n        - |\n          objectName: db-password\n          objectType: secret\n")

    def v5(rng, c, i):
        return "k8s/deployment-vault.yaml", (f"metadata:\n  annotations:\n    vault.hashicorp.com/agent-inject: \"true\"\n    vault.hashicorp.com/role: {c['svc']}\n"
                                             f"    vault.hashicorp.com/agent-inject-secret-db: database/creds/{c['svc']}\n"
                                             "    vault.hashicorp.com/agent-inject-template-db: |\n      {{- with secret \"database/creds/app\" -}}\n"
                                             "      postgres://{{ .Data.username }}:{{ .Data.password }}@db:5432/app\n      {{- end }}\n")

    def v6(rng, c, i):
        return "infra/outputs.tf", (f'variable "{c["svc"]}_api_key" {{\n  type      = string\n  sensitive = true\n}}\n\n'
                                    f'data "aws_secretsmanager_secret_version" "db" {{\n  secret_id = "prod/{c["svc"]}/db"\n}}\n\n'
                                    'output "db_password" {\n  value     = jsondecode(data.aws_secretsmanager_secret_version.db.secret_string)["password"]\n  sensitive = true\n}\n')

    def v7(rng, c, i):
        return "docker-compose.prod.yml", (f"services:\n  {c['svc']}:\n    image: {c['org']}/{c['svc']}:2.0\n    secrets:\n      - db_password\n      - api_key\n"
                                           "    environment:\n      DB_PASSWORD_FILE: /run/secrets/db_password\nsecrets:\n  db_password:\n    file: ./secrets/db_password.txt\n"
                                           "  api_key:\n    external: true\n")

    def v8(rng, c, i):
        return f"nomad/{c['svc']}.nomad.hcl", (f'job "{c["svc"]}" {{\n  group "app" {{\n    task "web" {{\n      vault {{ policies = ["{c["svc"]}"] }}\n'
                                               '      template {\n        data = <<EOH\nAPI_KEY="{{ with secret "kv/data/app" }}{{ .Data.data.api_key }}{{ end }}"\nEOH\n'
                                               '        destination = "secrets/app.env"\n        env         = true\n      }\n    }\n  }\n}\n')

    def v9(rng, c, i):
        return "kustomization.yaml", (f"secretGenerator:\n  - name: {c['svc']}-secrets\n    envs:\n      - secrets.env\n    files:\n      - tls.key=certs/{c['svc']}.key\n"
                                      "generatorOptions:\n  disableNameSuffixHash: true\n")
    return [v0, v1, v2, v3, v4, v5, v6, v7, v8, v9]


# --- UI text in many languages -------------------------------------------------------------
L10N = {
    "de": ["Passwort", "Passwort vergessen?", "API-Schlüssel eingeben", "Ihr Token ist abgelaufen", "Geheimer Schlüssel"],
    "fr": ["Mot de passe", "Mot de passe oublié ?", "Saisissez votre clé API", "Votre jeton a expiré", "Clé secrète"],
    "fi": ["Salasana", "Unohditko salasanasi?", "Anna API-avain", "Tunnuksesi on vanhentunut", "Salasana ei kelpaa"],
    "es": ["Contraseña", "¿Olvidaste tu contraseña?", "Introduce tu clave de API", "Tu token ha caducado", "Clave secreta"],
    "pt": ["Senha", "Esqueceu a senha?", "Insira sua chave de API", "Seu token expirou", "Chave secreta"],
    "ru": ["Пароль", "Забыли пароль?", "Введите API-ключ", "Срок действия токена истёк", "Секретный ключ"],
    "ja": ["パスワード", "パスワードをお忘れですか？", "APIキーを入力してください", "トークンの有効期限が切れました", "シークレットキー"],
    "zh": ["密码", "忘记密码？", "请输入 API 密钥", "您的令牌已过期", "密钥"],
    "tr": ["Parola", "Parolanızı mı unuttunuz?", "API anahtarını girin", "Belirtecinizin süresi doldu", "Gizli anahtar"],
    "pl": ["Hasło", "Nie pamiętasz hasła?", "Wprowadź klucz API", "Twój token wygasł", "Klucz tajny"],
    "nl": ["Wachtwoord", "Wachtwoord vergeten?", "Voer je API-sleutel in", "Je token is verlopen", "Geheime sleutel"],
    "sv": ["Lösenord", "Glömt lösenordet?", "Ange API-nyckel", "Din token har gått ut", "Hemlig nyckel"],
    "it": ["Password", "Password dimenticata?", "Inserisci la chiave API", "Il tuo token è scaduto", "Chiave segreta"],
    "ko": ["비밀번호", "비밀번호를 잊으셨나요?", "API 키를 입력하세요", "토큰이 만료되었습니다", "비밀 키"],
}
EN = ["Password", "Forgot password?", "Enter API key", "Your token has expired", "Secret key"]
IDS = ["password", "forgot_password", "enter_api_key", "token_expired", "secret_key"]


def _i18n_vars():
    def lang(rng):
        return rng.choice(sorted(L10N))

    def v0(rng, c, i):
        lg = lang(rng)
        return f"locale/{lg}/LC_MESSAGES/{c['svc']}.po", (f'msgid ""\nmsgstr ""\n"Language: {lg}\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n' +
                                                          "".join(f'#: src/auth.py:{rng.randrange(10, 300)}\nmsgid "{e}"\nmsgstr "{t}"\n\n' for e, t in zip(EN, L10N[lg])))

    def v1(rng, c, i):
        return f"locale/{c['svc']}.pot", "".join(f'#: templates/login.html:{rng.randrange(5, 90)}\nmsgid "{e}"\nmsgstr ""\n\n' for e in EN)

    def v2(rng, c, i):
        lg = lang(rng)
        return f"app/src/main/res/values-{lg}/strings.xml", ("<resources>\n" + "".join(f'    <string name="{k}">{t.replace("?", "?")}</string>\n' for k, t in zip(IDS, L10N[lg])) + "</resources>\n")

    def v3(rng, c, i):
        lg = lang(rng)
        return f"ios/{pascal(c['svc'])}/{lg}.lproj/Localizable.strings", "".join(f'"{k}" = "{t}";\n' for k, t in zip(IDS, L10N[lg]))

    def v4(rng, c, i):
        lg = lang(rng)
        return f"public/locales/{lg}/translation.json", "{\n" + ",\n".join(f'  "{k}": "{t}"' for k, t in zip(IDS, L10N[lg])) + "\n}\n"

    def v5(rng, c, i):
        lg = lang(rng)
        return f"config/locales/{lg}.yml", f"{lg}:\n  devise:\n" + "".join(f"    {k}: \"{t}\"\n" for k, t in zip(IDS, L10N[lg]))

    def v6(rng, c, i):
        lg = lang(rng)
        return f"translations/{c['svc']}_{lg}.ts", ('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n<TS version="2.1" language="' + lg + '">\n<context>\n    <name>LoginDialog</name>\n' +
                                                    "".join(f"    <message>\n        <source>{e}</source>\n        <translation>{t}</translation>\n    </message>\n" for e, t in zip(EN, L10N[lg])) +
                                                    "</context>\n</TS>\n")

    def v7(rng, c, i):
        lg = lang(rng)
        return f"src/main/resources/messages_{lg}.properties", "".join(f"login.{k}={t}\n" for k, t in zip(IDS, L10N[lg]))

    def v8(rng, c, i):
        lg = lang(rng)
        return f"resources/lang/{lg}/auth.php", "<?php\n\nreturn [\n" + "".join(f"    '{k}' => '{t}',\n" for k, t in zip(IDS, L10N[lg])) + "];\n"

    def v9(rng, c, i):
        lg = lang(rng)
        return f"i18n/{lg}.xlf", ('<xliff version="1.2">\n  <file source-language="en" target-language="' + lg + '">\n    <body>\n' +
                                  "".join(f'      <trans-unit id="{k}"><source>{e}</source><target>{t}</target></trans-unit>\n' for k, e, t in zip(IDS, EN, L10N[lg])) +
                                  "    </body>\n  </file>\n</xliff>\n")

    def v10(rng, c, i):
        lg = lang(rng)
        return f"src/locales/{lg}.ts", "export default {\n" + "".join(f"  {k}: '{t}',\n" for k, t in zip(IDS, L10N[lg])) + "};\n"
    return [v0, v1, v2, v3, v4, v5, v6, v7, v8, v9, v10]


# --- CLI help, man pages, completions ------------------------------------------------------
def _cli_vars():
    def v0(rng, c, i):
        s = c["svc"]
        return f"docs/cli/{s}-help.txt", (f"$ {s} --help\nUsage: {s} [OPTIONS] COMMAND [ARGS]...\n\nOptions:\n  --token TOKEN          API token (env: {s.upper()}_TOKEN)\n"
                                          "  --password-file PATH   read the password from PATH\n  --api-key KEY          API key for the upstream service\n"
                                          "  --client-secret SECRET OAuth client secret\n  -h, --help             Show this message and exit.\n")

    def v1(rng, c, i):
        s = c["svc"]
        return f"man/man1/{s}-login.1", (f'.TH {s.upper()}-LOGIN 1 "November 2026"\n.SH NAME\n{s}-login \\- store credentials\n.SH SYNOPSIS\n.B {s} login\n'
                                         "[\\fB\\-\\-token\\fR \\fITOKEN\\fR] [\\fB\\-\\-password\\-stdin\\fR]\n.SH OPTIONS\n.TP\n.BR \\-\\-token \" \" \\fITOKEN\\fR\n"
                                         "Use \\fITOKEN\\fR instead of prompting.\n.TP\n.B \\-\\-password\\-stdin\nRead the password from standard input.\n")

    def v2(rng, c, i):
        s = c["svc"]
        return f"completions/{s}.bash", (f"_{s}() {{\n    local cur=${{COMP_WORDS[COMP_CWORD]}}\n"
                                         "    COMPREPLY=( $(compgen -W \"--token --token-file --api-key --password --password-stdin --secret-id --help\" -- \"$cur\") )\n"
                                         f"}}\ncomplete -F _{s} {s}\n")

    def v3(rng, c, i):
        s = c["svc"]
        return f"completions/_{s}", (f"#compdef {s}\n_arguments \\\n  '--token[API token to use]:token:' \\\n  '--api-key[API key]:key:' \\\n"
                                     "  '--password-file[file holding the password]:file:_files' \\\n  '--client-secret[OAuth client secret]:secret:'\n")

    def v4(rng, c, i):
        s = c["svc"]
        return f"completions/{s}.fish", (f"complete -c {s} -l token -d 'API token' -r\ncomplete -c {s} -l api-key -d 'API key' -r\n"
                                         f"complete -c {s} -l password-stdin -d 'Read password from stdin'\ncomplete -c {s} -l secret-name -d 'Name of the secret in the vault' -r\n")

    def v5(rng, c, i):
        return f"src/{c['svc']}/cli.py", ("import argparse\n\nparser = argparse.ArgumentParser()\n"
                                          "parser.add_argument(\"--token\", metavar=\"TOKEN\", help=\"API token; defaults to $API_TOKEN\")\n"
                                          "parser.add_argument(\"--password\", help=\"password (prefer --password-file)\")\n"
                                          "parser.add_argument(\"--password-file\", type=argparse.FileType(\"r\"))\n"
                                          "parser.add_argument(\"--api-key\", dest=\"api_key\", default=None, help=\"the service API key\")\n")

    def v6(rng, c, i):
        return f"src/{c['svc']}/getopt.c", ('static const char *optstring = "ht:p:k:";\nstatic struct option longopts[] = {\n    {"token", required_argument, NULL, \'t\'},\n'
                                            '    {"password", required_argument, NULL, \'p\'},\n    {"api-key", required_argument, NULL, \'k\'},\n    {0, 0, 0, 0}\n};\n')

    def v7(rng, c, i):
        s = c["svc"]
        return "docs/usage.md", (f"## Authenticate\n\n```\n{s} login --token <TOKEN>\n{s} config set api-key <API_KEY>\n"
                                 f"echo \"$PASSWORD\" | {s} login --username <USER> --password-stdin\n```\n")

    def v8(rng, c, i):
        return f"cmd/{c['svc']}/root.go", ('func init() {\n\trootCmd.PersistentFlags().StringVar(&token, "token", "", "API token (or set $API_TOKEN)")\n'
                                           '\trootCmd.PersistentFlags().StringVar(&apiKey, "api-key", "", "API key")\n'
                                           '\trootCmd.PersistentFlags().StringVar(&passwordFile, "password-file", "", "path to a file with the password")\n}\n')

    def v9(rng, c, i):
        return f"src/{c['svc']}/commands.py", ("import click\n\n\n@click.command()\n@click.option(\"--token\", envvar=\"API_TOKEN\", help=\"API token.\")\n"
                                               "@click.option(\"--password\", prompt=True, hide_input=True, confirmation_prompt=True)\n"
                                               "def login(token, password):\n    \"\"\"Log in and store the token in the keyring.\"\"\"\n")

    def v10(rng, c, i):
        s = c["svc"]
        return f"share/doc/{s}/{s}.1.md", (f"% {s.upper()}(1)\n\n# OPTIONS\n\n**-t**, **--token**=*TOKEN*\n: Authenticate with *TOKEN*.\n\n"
                                           "**-P**, **--ask-password**\n: Prompt for the password.\n\n**--secret**=*NAME*\n: Read the secret *NAME* from the keyring.\n")
    return [v0, v1, v2, v3, v4, v5, v6, v7, v8, v9, v10]


# --- daemon and service auth settings ------------------------------------------------------
def _daemon_vars():
    def v0(rng, c, i):
        return "etc/ssh/sshd_config", ("Port 22\nPermitRootLogin no\nPasswordAuthentication no\nPubkeyAuthentication yes\nKbdInteractiveAuthentication no\n"
                                       "AuthorizedKeysFile .ssh/authorized_keys\nAuthenticationMethods publickey\nUsePAM yes\n")

    def v1(rng, c, i):
        return "etc/pam.d/sshd", ("auth       required     pam_env.so\nauth       sufficient   pam_unix.so try_first_pass nullok\n"
                                  "password   requisite    pam_pwquality.so retry=3 minlen=12\npassword   sufficient   pam_unix.so sha512 shadow use_authtok\n")

    def v2(rng, c, i):
        return "pgbouncer/pgbouncer.ini", (f"[databases]\n{c['svc']} = host=db port=5432 dbname={c['svc']}\n\n[pgbouncer]\nauth_type = scram-sha-256\n"
                                           "auth_file = /etc/pgbouncer/userlist.txt\nauth_query = SELECT usename, passwd FROM pgbouncer.get_auth($1)\npool_mode = transaction\n")

    def v3(rng, c, i):
        return "postgres/pg_hba.conf", ("# TYPE  DATABASE  USER  ADDRESS       METHOD\nlocal   all       all                 peer\n"
                                        "host    all       all   10.0.0.0/8    scram-sha-256\nhost    all       all   0.0.0.0/0     md5\n")

    def v4(rng, c, i):
        return "redis/redis.conf", ("bind 127.0.0.1\nprotected-mode yes\n# Require clients to issue AUTH <PASSWORD> before processing any other\n"
                                    "# commands.\n#\n# requirepass foobared\naclfile /etc/redis/users.acl\n")

    def v5(rng, c, i):
        return "nginx/conf.d/admin.conf", (f"location /admin {{\n    auth_basic \"Restricted\";\n    auth_basic_user_file /etc/nginx/.htpasswd;\n"
                                           f"    proxy_pass http://{c['svc']}:8080;\n    proxy_set_header Authorization \"\";\n}}\n")

    def v6(rng, c, i):
        return "config/kafka-client.properties", ("security.protocol=SASL_SSL\nsasl.mechanism=SCRAM-SHA-512\n"
                                                  "ssl.truststore.location=/etc/kafka/truststore.jks\nssl.endpoint.identification.algorithm=https\n"
                                                  "sasl.login.callback.handler.class=io.strimzi.kafka.oauth.client.JaasClientOauthLoginCallbackHandler\n")

    def v7(rng, c, i):
        return "openvpn/client.conf", (f"client\ndev tun\nremote vpn.{c['org']}.com 1194\nauth-user-pass /etc/openvpn/auth.txt\nauth SHA256\n"
                                       "cipher AES-256-GCM\ntls-auth ta.key 1\nca ca.crt\n")

    def v8(rng, c, i):
        return "postfix/main.cf", ("smtp_sasl_auth_enable = yes\nsmtp_sasl_password_maps = hash:/etc/postfix/sasl_passwd\n"
                                   "smtp_sasl_security_options = noanonymous\nsmtp_tls_security_level = encrypt\n")

    def v9(rng, c, i):
        return "sssd/sssd.conf", (f"[domain/{c['org']}.local]\nid_provider = ldap\nldap_uri = ldaps://ldap.{c['org']}.local\n"
                                  "ldap_default_bind_dn = cn=sssd,ou=services,dc=example,dc=com\nldap_default_authtok_type = password\n"
                                  "ldap_tls_reqcert = demand\ncache_credentials = true\n")

    def v10(rng, c, i):
        return "config/auth.toml", ('[auth]\nauth_method = "password"\nsecret_backend = "vault"\napi_key_header_name = "X-Api-Key"\n'
                                    'password_hash_algorithm = "argon2id"\ntoken_store = "redis"\n\n[tls]\nkey_size = 4096\n')

    def v11(rng, c, i):
        return "mysql/my.cnf", ("[mysqld]\ndefault_authentication_plugin = caching_sha2_password\nvalidate_password.length = 14\n"
                                "validate_password.policy = STRONG\nssl_ca = /etc/mysql/ca.pem\n")

    def v12(rng, c, i):
        return "dovecot/10-auth.conf", ("disable_plaintext_auth = yes\nauth_mechanisms = plain login\npassdb {\n  driver = pam\n}\nuserdb {\n  driver = passwd\n}\n")

    def v13(rng, c, i):
        return "src/main/resources/application-security.yml", ("spring:\n  security:\n    oauth2:\n      client:\n        registration:\n          keycloak:\n"
                                                               "            authorization-grant-type: client_credentials\n            client-authentication-method: client_secret_basic\n"
                                                               "            scope: openid\n")
    return [v0, v1, v2, v3, v4, v5, v6, v7, v8, v9, v10, v11, v12, v13]


# --- obviously fake values outside test paths ----------------------------------------------
FAKES = ["test-api-key", "fake_token_123", "dummy-secret", "not-a-real-key", "sk-test-xxxxxxxx", "local-dev-secret", "fake-client-secret",
         "dummy_password", "insecure-dev-only", "placeholder-token", "mock-access-token", "devpassword", "changeme-in-prod", "sample-webhook-secret"]


def _fakes_vars():
    def v0(rng, c, i):
        a, b, d = rng.sample(FAKES, 3)
        return "src/dev/seed.ts", (f"// Seeds the local database for development.\nexport const seedUsers = [\n  {{ email: 'dev@{c['org']}.test', password: '{a}' }},\n];\n"
                                   f"export const seedIntegrations = [{{ provider: 'stripe', apiKey: '{b}', webhookSecret: '{d}' }}];\n")

    def v1(rng, c, i):
        a, b = rng.sample(FAKES, 2)
        return "scripts/local_setup.sh", (f"#!/usr/bin/env bash\n# Local development only.\nexport API_KEY=\"{a}\"\nexport DB_PASSWORD=\"{b}\"\ndocker compose up -d\n")

    def v2(rng, c, i):
        a, b = rng.sample(FAKES, 2)
        return "docs/quickstart.md", (f"## Quick start\n\n```python\nclient = {pascal(c['svc'])}Client(api_key=\"{a}\", secret=\"{b}\")\nclient.ping()\n```\n\n"
                                      "Replace the values with your own.\n")

    def v3(rng, c, i):
        a, b = rng.sample(FAKES, 2)
        return "docker-compose.dev.yml", (f"services:\n  app:\n    environment:\n      API_TOKEN: {a}\n      SESSION_SECRET: {b}\n      POSTGRES_PASSWORD: postgres\n")

    def v4(rng, c, i):
        a, b = rng.sample(FAKES, 2)
        return f"src/{c['svc']}/dev_settings.py", (f'from .settings import *  # noqa\n\nDEBUG = True\nSECRET_KEY = "{a}"\nSTRIPE_API_KEY = "{b}"\n')

    def v5(rng, c, i):
        a = rng.choice(FAKES)
        return "storybook/ApiKeyInput.stories.tsx", (f"export const Filled = {{ args: {{ value: '{a}', label: 'API key' }} }};\n"
                                                     "export const Empty = { args: { value: '', label: 'API key' } };\n")

    def v6(rng, c, i):
        a, b = rng.sample(FAKES, 2)
        return "config/development.json", f'{{\n  "apiKey": "{a}",\n  "clientSecret": "{b}",\n  "debug": true\n}}\n'

    def v7(rng, c, i):
        a, b = rng.sample(FAKES, 2)
        return "local.env", f"# copy to .env for local runs\nAPI_KEY={a}\nWEBHOOK_SECRET={b}\n"

    def v8(rng, c, i):
        a = rng.choice(FAKES)
        return f"demo/{c['svc']}_demo.go", (f'package main\n\n// demo only: the sandbox accepts any value\nconst demoToken = "{a}"\n\nfunc main() {{ run(demoToken) }}\n')

    def v9(rng, c, i):
        a, b = rng.sample(FAKES, 2)
        return "playground/config.yaml", f"auth:\n  token: {a}\n  password: {b}\n"
    return [v0, v1, v2, v3, v4, v5, v6, v7, v8, v9]


# --- build hashes and IDE ids --------------------------------------------------------------
def _css_build_vars():
    def v0(rng, c, i):
        return "dist/index.html", (f'<!doctype html><html><head><style data-emotion="css {rs(rng, 6, LOWER + "0123456789")}">'
                                   f'.css-{rs(rng, 6, LOWER + "0123456789")}{{display:flex}}.css-{rs(rng, 7, LOWER + "0123456789")}-Button{{color:#333}}</style>'
                                   f'<script src="/static/js/main.{hexs(rng, 8)}.js"></script></head>\n<body><div class="sc-{rs(rng, 6)} {rs(rng, 6)}"></div></body></html>\n')

    def v1(rng, c, i):
        return f"dist/assets/Button.module-{hexs(rng, 8)}.css", "".join(f"._{w}_{rs(rng, 5, LOWER + '0123456789')}_{rng.randrange(1, 40)} {{ padding: 4px; }}\n" for w in ["button", "primary", "icon"])

    def v2(rng, c, i):
        return ".next/BUILD_ID", rs(rng, 21, ALNUM + "_-") + "\n"

    def v3(rng, c, i):
        return ".next/build-manifest.json", (f'{{\n  "pages": {{\n    "/_app": ["static/chunks/webpack-{hexs(rng, 16)}.js", "static/chunks/main-{hexs(rng, 16)}.js"],\n'
                                             f'    "/login": ["static/chunks/pages/login-{hexs(rng, 16)}.js"]\n  }},\n'
                                             f'  "lowPriorityFiles": ["static/{rs(rng, 21, ALNUM + "_-")}/_buildManifest.js"]\n}}\n')

    def v4(rng, c, i):
        return "dist/ngsw.json", ('{\n  "configVersion": 1,\n  "hashTable": {\n' + ",\n".join(f'    "/{n}": "{hexs(rng, 40)}"' for n in
                                  ["index.html", f"main.{hexs(rng, 16)}.js", f"styles.{hexs(rng, 16)}.css", "assets/i18n/de.json"]) + "\n  }\n}\n")

    def v5(rng, c, i):
        return f"dist/assets/login-{rs(rng, 8, ALNUM + '_-')}.js.map", (f'{{"version":3,"file":"login.js","sources":["../../src/login.ts"],'
                                                                        f'"sourcesContent":["const passwordInput = document.querySelector(\'#password\');\\nexport const TOKEN_KEY = \'auth_token\';\\n"],'
                                                                        f'"names":[],"mappings":"{rs(rng, 120, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/;,")}"}}\n')

    def v6(rng, c, i):
        return "dist/.vite/manifest.json", ('{\n' + ",\n".join(f'  "src/{n}.ts": {{"file": "assets/{n}-{rs(rng, 8, ALNUM + "_-")}.js", "isEntry": true}}'
                                                               for n in ["main", "login", "settings"]) + "\n}\n")

    def v7(rng, c, i):
        return "public/tailwind.css", "".join(f".\\[--tw-{w}\\:{rs(rng, 6, LOWER)}\\] {{ --tw-{w}: {rs(rng, 6, LOWER)}; }}\n.jsx-{digits(rng, 10)} {{ margin: 0; }}\n" for w in ["ring", "shadow"])

    def v8(rng, c, i):
        return "webpack.config.js", ("module.exports = {\n  output: {\n    filename: '[name].[contenthash:8].js',\n"
                                     f"    chunkFilename: '[id].[chunkhash].js',\n  }},\n  // last build: runtime.{hexs(rng, 20)}.js, vendors.{hexs(rng, 20)}.js\n}};\n")

    def v9(rng, c, i):
        return "src/emoji/shortcodes.json", ('{\n' + ",\n".join(f'  ":{n}:": "{u}"' for n, u in [("key", "1f511"), ("lock", "1f512"), ("old_key", "1f5dd"),
                                                                                               ("closed_lock_with_key", "1f510"), ("unlock", "1f513")]) + "\n}\n")
    return [v0, v1, v2, v3, v4, v5, v6, v7, v8, v9]


def _ide_vars():
    def G(rng):
        return uuid4(rng).upper()

    def v0(rng, c, i):
        s = pascal(c["svc"])
        return f"{s}.sln", ("Microsoft Visual Studio Solution File, Format Version 12.00\n# Visual Studio Version 17\n"
                            f'Project("{{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}}") = "{s}", "src\\{s}\\{s}.csproj", "{{{G(rng)}}}"\nEndProject\n'
                            f'Project("{{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}}") = "{s}.Secrets", "src\\{s}.Secrets\\{s}.Secrets.csproj", "{{{G(rng)}}}"\nEndProject\n'
                            f"Global\n\tGlobalSection(ExtensibilityGlobals) = postSolution\n\t\tSolutionGuid = {{{G(rng)}}}\n\tEndGlobalSection\nEndGlobal\n")

    def v1(rng, c, i):
        s = pascal(c["svc"])
        return f"src/{s}/{s}.csproj", (f'<Project Sdk="Microsoft.NET.Sdk.Web">\n  <PropertyGroup>\n    <ProjectGuid>{{{G(rng)}}}</ProjectGuid>\n'
                                       f'    <UserSecretsId>{uuid4(rng)}</UserSecretsId>\n    <TargetFramework>net8.0</TargetFramework>\n  </PropertyGroup>\n</Project>\n')

    def v2(rng, c, i):
        ids = [hexs(rng, 24).upper() for _ in range(4)]
        return f"ios/{pascal(c['svc'])}.xcodeproj/project.pbxproj", (
            "// !$*UTF8*$!\n{\n\tobjects = {\n"
            f"\t\t{ids[0]} /* KeychainHelper.swift in Sources */ = {{isa = PBXBuildFile; fileRef = {ids[1]} /* KeychainHelper.swift */; }};\n"
            f"\t\t{ids[2]} /* TokenStore.swift in Sources */ = {{isa = PBXBuildFile; fileRef = {ids[3]} /* TokenStore.swift */; }};\n\t}};\n"
            f"\trootObject = {hexs(rng, 24).upper()} /* Project object */;\n}}\n")

    def v3(rng, c, i):
        return f"Assets/Scripts/{rng.choice(['ApiKeyManager', 'TokenCache', 'SecretsLoader'])}.cs.meta", (f"fileFormatVersion: 2\nguid: {hexs(rng, 32)}\nMonoImporter:\n"
                                                                                                         "  externalObjects: {}\n  serializedVersion: 2\n  executionOrder: 0\n")

    def v4(rng, c, i):
        return f"app/build/generated/R/{c['svc']}/R.java", ("public final class R {\n  public static final class string {\n" +
                                                            "".join(f"    public static final int {n}=0x7f{hexs(rng, 6)};\n" for n in ["api_key_hint", "password", "token_expired"]) + "  }\n}\n")

    def v5(rng, c, i):
        return ".classpath", ('<?xml version="1.0" encoding="UTF-8"?>\n<classpath>\n\t<classpathentry kind="src" path="src/main/java"/>\n'
                              '\t<classpathentry kind="con" path="org.eclipse.jdt.launching.JRE_CONTAINER"/>\n\t<classpathentry kind="output" path="bin"/>\n</classpath>\n')

    def v6(rng, c, i):
        return f"ios/{pascal(c['svc'])}.xcodeproj/xcshareddata/xcschemes/{pascal(c['svc'])}.xcscheme", (
            f'<Scheme LastUpgradeVersion = "1600" version = "1.7">\n  <BuildableReference BuildableIdentifier = "primary" BlueprintIdentifier = "{hexs(rng, 24).upper()}"\n'
            f'     BuildableName = "{pascal(c["svc"])}.app" BlueprintName = "{pascal(c["svc"])}"/>\n</Scheme>\n')

    def v7(rng, c, i):
        return f"Assets/Scenes/Login.unity", (f"%YAML 1.1\n--- !u!114 &{digits(rng, 10)}\nMonoBehaviour:\n  m_Script: {{fileID: 11500000, guid: {hexs(rng, 32)}, type: 3}}\n"
                                              f"  passwordField: {{fileID: {digits(rng, 9)}}}\n  apiKeyField: {{fileID: {digits(rng, 9)}}}\n")

    def v8(rng, c, i):
        return f".idea/{c['svc']}.iml", ('<?xml version="1.0" encoding="UTF-8"?>\n<module type="JAVA_MODULE" version="4">\n'
                                         f'  <component name="FacetManager"><facet type="Spring" name="Spring"><configuration><fileset id="fileset" name="{uuid4(rng)}"/></configuration></facet></component>\n</module>\n')

    def v9(rng, c, i):
        return f"installer/{c['svc']}.wxs", (f'<Wix xmlns="http://wixtoolset.org/schemas/v4/wxs">\n  <Package Name="{pascal(c["svc"])}" UpgradeCode="{G(rng)}" Version="1.0.0">\n'
                                             f'    <Component Guid="{G(rng)}"><File Source="{c["svc"]}.exe"/></Component>\n  </Package>\n</Wix>\n')
    return [v0, v1, v2, v3, v4, v5, v6, v7, v8, v9]


# --- CLI outputs and object metadata without values ----------------------------------------
def _cli_status_vars():
    def v0(rng, c, i):
        return "docs/gh-auth.md", (f"```\n$ gh auth status\ngithub.com\n  ✓ Logged in to github.com account {c['org']}-bot (keyring)\n"
                                   "  - Active account: true\n  - Git operations protocol: https\n  - Token: gh" + "o_" + "*" * 36 + "\n"
                                   "  - Token scopes: 'gist', 'read:org', 'repo', 'workflow'\n```\n")

    def v1(rng, c, i):
        return "docs/registry.md", (f"```\n$ docker login ghcr.io -u {c['org']}-ci --password-stdin < token.txt\n"
                                    "WARNING! Your credentials are stored unencrypted in '/root/.docker/config.json'.\nLogin Succeeded\n"
                                    f"$ npm whoami\n{c['org']}-publisher\n```\n")

    def v2(rng, c, i):
        return "runbooks/vault.md", ("```\n$ vault status\nKey             Value\n---             -----\nSeal Type       shamir\nInitialized     true\n"
                                     f"Sealed          false\nTotal Shares    5\nThreshold       3\nVersion         1.18.1\nCluster Name    vault-cluster-{hexs(rng, 8)}\n"
                                     f"Cluster ID      {uuid4(rng)}\nHA Enabled      true\n```\n")

    def v3(rng, c, i):
        return "runbooks/secrets.md", ("```\n$ kubectl get secrets -n " + c["svc"] + "\nNAME                       TYPE                                  DATA   AGE\n"
                                       f"{c['svc']}-db-credentials        Opaque                                2      41d\n"
                                       f"{c['svc']}-tls                   kubernetes.io/tls                     2      12d\n"
                                       "regcred                    kubernetes.io/dockerconfigjson        1      90d\n"
                                       f"sh.helm.release.v1.{c['svc']}.v7  helm.sh/release.v1                    1      3d\n```\n")

    def v4(rng, c, i):
        return "logs/k8s-events.txt", (f"LAST SEEN   TYPE      REASON             OBJECT                 MESSAGE\n"
                                       f"2m          Normal    Scheduled          pod/{c['svc']}-{hexs(rng, 10)}-{rs(rng, 5, LOWER + '0123456789')}   Successfully assigned {c['svc']}/{c['svc']}-x to node-3\n"
                                       f"2m          Warning   FailedMount        pod/{c['svc']}-{hexs(rng, 10)}-{rs(rng, 5, LOWER + '0123456789')}   MountVolume.SetUp failed for volume \"api-key\" : secret \"{c['svc']}-api-key\" not found\n"
                                       f"1m          Normal    Pulled             pod/{c['svc']}-x   Successfully pulled image \"ghcr.io/{c['org']}/{c['svc']}:1.4\"\n")

    def v5(rng, c, i):
        acct = digits(rng, 12)
        return "docs/aws-access.md", ('```\n$ aws sts get-caller-identity --query "[Account,Arn]"\n[\n'
                                      f'    "{acct}",\n    "arn:aws:sts::{acct}:assumed-role/{c["svc"]}-deploy/ci"\n]\n```\n')

    def v6(rng, c, i):
        return "docs/azure.md", ("```\n$ az account show\n{\n  \"environmentName\": \"AzureCloud\",\n"
                                 f"  \"id\": \"{uuid4(rng)}\",\n  \"isDefault\": true,\n  \"name\": \"{c['org']}-prod\",\n  \"state\": \"Enabled\",\n"
                                 f"  \"tenantId\": \"{uuid4(rng)}\",\n  \"user\": {{\"name\": \"ops@{c['org']}.com\", \"type\": \"user\"}}\n}}\n```\n")

    def v7(rng, c, i):
        return "docs/gcloud.md", (f"```\n$ gcloud auth list\n      Credentialed Accounts\nACTIVE  ACCOUNT\n*       deployer@{c['org']}-prod.iam.gserviceaccount.com\n"
                                  f"        dev@{c['org']}.com\n\n$ gcloud secrets list\nNAME            CREATED              REPLICATION_POLICY\n"
                                  f"{c['svc']}-api-key  2026-03-01T10:00:00  automatic\n```\n")

    def v8(rng, c, i):
        return "logs/ci-auth.log", (f"Run actions/create-github-app-token@v1\n  app-id: {digits(rng, 6)}\n  private-key: ***\n"
                                    f"Token created (expires 2026-11-30T11:00:00Z)\nRun heroku auth:whoami\n{c['org']}-deployer@{c['org']}.com\n")

    def v9(rng, c, i):
        return "docs/op-cli.md", (f"```\n$ op item list --vault {c['svc']}\nID                            TITLE            VAULT\n"
                                  f"{rs(rng, 26, LOWER + '0123456789')}    Stripe API key   {c['svc']}\n{rs(rng, 26, LOWER + '0123456789')}    DB password      {c['svc']}\n```\n")
    return [v0, v1, v2, v3, v4, v5, v6, v7, v8, v9]


def _k8s_meta_vars():
    def v0(rng, c, i):
        return f"k8s/live/{c['svc']}-deployment.yaml", (f"apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {c['svc']}\n  namespace: prod\n"
                                                        f"  uid: {uuid4(rng)}\n  resourceVersion: \"{digits(rng, 9)}\"\n  generation: {rng.randrange(2, 90)}\n"
                                                        f"  annotations:\n    deployment.kubernetes.io/revision: \"{rng.randrange(2, 90)}\"\n"
                                                        f"    kubectl.kubernetes.io/restartedAt: \"2026-11-0{rng.randrange(1, 9)}T10:00:00Z\"\n")

    def v1(rng, c, i):
        return f"k8s/live/{c['svc']}-pod.yaml", (f"metadata:\n  name: {c['svc']}-{hexs(rng, 10)}-{rs(rng, 5, LOWER + '0123456789')}\n  uid: {uuid4(rng)}\n"
                                                 f"  labels:\n    pod-template-hash: {hexs(rng, 10)}\n  ownerReferences:\n  - apiVersion: apps/v1\n    kind: ReplicaSet\n"
                                                 f"    name: {c['svc']}-{hexs(rng, 10)}\n    uid: {uuid4(rng)}\nspec:\n  volumes:\n  - name: api-key\n"
                                                 f"    secret:\n      secretName: {c['svc']}-api-key\n")

    def v2(rng, c, i):
        return f"argocd/{c['svc']}-app-status.yaml", (f"status:\n  sync:\n    status: Synced\n    revision: {hexs(rng, 40)}\n  health:\n    status: Healthy\n"
                                                      f"  operationState:\n    syncResult:\n      revision: {hexs(rng, 40)}\n  summary:\n    images:\n"
                                                      f"    - ghcr.io/{c['org']}/{c['svc']}@sha256:{hexs(rng, 64)}\n")

    def v3(rng, c, i):
        return f"k8s/live/{c['svc']}-secret-meta.json", (f'{{\n  "apiVersion": "v1",\n  "kind": "Secret",\n  "metadata": {{\n    "name": "{c["svc"]}-token",\n'
                                                         f'    "uid": "{uuid4(rng)}",\n    "resourceVersion": "{digits(rng, 8)}",\n'
                                                         f'    "annotations": {{"kubernetes.io/service-account.name": "{c["svc"]}", "kubernetes.io/service-account.uid": "{uuid4(rng)}"}}\n'
                                                         '  },\n  "type": "kubernetes.io/service-account-token"\n}\n')

    def v4(rng, c, i):
        return "k8s/live/nodes.txt", "".join(f"ip-10-0-{rng.randrange(255)}-{rng.randrange(255)}.ec2.internal   Ready   <none>   {rng.randrange(2, 90)}d   v1.31.2   "
                                             f"aws:///us-east-1a/i-{hexs(rng, 17)}\n" for _ in range(4))

    def v5(rng, c, i):
        return f"k8s/live/{c['svc']}-lease.yaml", (f"apiVersion: coordination.k8s.io/v1\nkind: Lease\nmetadata:\n  name: {c['svc']}-leader\n"
                                                   f"  uid: {uuid4(rng)}\nspec:\n  holderIdentity: {c['svc']}-{hexs(rng, 10)}-{rs(rng, 5, LOWER + '0123456789')}_{uuid4(rng)}\n"
                                                   f"  leaseDurationSeconds: 15\n")

    def v6(rng, c, i):
        return f"helm/{c['svc']}-history.txt", ("REVISION  UPDATED                   STATUS      CHART          DESCRIPTION\n" +
                                                "".join(f"{k}         Mon Nov  {k} 10:00:00 2026  superseded  {c['svc']}-1.{k}.0  Upgrade complete\n" for k in range(1, 5)))

    def v7(rng, c, i):
        return f"k8s/live/{c['svc']}-sa.yaml", (f"apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: {c['svc']}\n  uid: {uuid4(rng)}\n"
                                                f"secrets:\n- name: {c['svc']}-token-{rs(rng, 5, LOWER + '0123456789')}\nimagePullSecrets:\n- name: regcred\n")
    return [v0, v1, v2, v3, v4, v5, v6, v7]


def _ml_ids_vars():
    def v0(rng, c, i):
        return f"data/{c['svc']}.csv.dvc", f"outs:\n- md5: {hexs(rng, 32)}\n  size: {rng.randrange(10**5, 10**9)}\n  hash: md5\n  path: {c['svc']}.csv\n"

    def v1(rng, c, i):
        return "dvc.lock", (f"schema: '2.0'\nstages:\n  train:\n    cmd: python train.py\n    deps:\n    - path: data/train.csv\n      md5: {hexs(rng, 32)}\n"
                            f"    outs:\n    - path: models/model.pkl\n      md5: {hexs(rng, 32)}\n")

    def v2(rng, c, i):
        return f"notebooks/{c['svc']}-eda.ipynb", ('{\n "cells": [\n' + ",\n".join(
            f'  {{"cell_type": "code", "id": "{rs(rng, 8, LOWER + "0123456789")}-{hexs(rng, 4)}", "metadata": {{}}, "source": ["df = load(\\"{w}\\")"], "outputs": [], "execution_count": {k}}}'
            for k, w in enumerate(rng.sample(WORDS, 3))) + '\n ],\n "nbformat": 4,\n "nbformat_minor": 5\n}\n')

    def v3(rng, c, i):
        return f"mlruns/{rng.randrange(1, 20)}/{hexs(rng, 32)}/meta.yaml", (f"artifact_uri: mlflow-artifacts:/{rng.randrange(1, 20)}/{hexs(rng, 32)}/artifacts\n"
                                                                              f"experiment_id: '{rng.randrange(1, 20)}'\nrun_id: {hexs(rng, 32)}\nrun_uuid: {hexs(rng, 32)}\n"
                                                                              f"status: 3\nuser_id: {c['svc']}\n")

    def v4(rng, c, i):
        return "docs/experiments.md", (f"| run | wandb | val loss |\n|---|---|---|\n" + "".join(
            f"| {w} | https://wandb.ai/{c['org']}/{c['svc']}/runs/{rs(rng, 8, LOWER + '0123456789')} | 0.{rng.randrange(100, 999)} |\n" for w in rng.sample(WORDS, 3)))

    def v5(rng, c, i):
        return "config/models.yaml", (f"models:\n  embedder:\n    repo: sentence-transformers/all-MiniLM-L6-v2\n    revision: {hexs(rng, 40)}\n"
                                      f"  classifier:\n    repo: {c['org']}/{c['svc']}-clf\n    revision: {hexs(rng, 40)}\n    sha256: {hexs(rng, 64)}\n")

    def v6(rng, c, i):
        return f"models/{c['svc']}/model_card.json", (f'{{\n  "model_id": "{uuid4(rng)}",\n  "training_run": "{hexs(rng, 32)}",\n'
                                                      f'  "dataset_fingerprint": "{hexs(rng, 16)}",\n  "checkpoint": "ckpt-{rng.randrange(1000, 99999)}",\n'
                                                      f'  "weights_sha256": "{hexs(rng, 64)}"\n}}\n')

    def v7(rng, c, i):
        return f"datasets/{c['svc']}/dataset_info.json", (f'{{\n  "builder_name": "{c["svc"]}",\n  "download_checksums": {{\n'
                                                          f'    "https://data.{c["org"]}.org/train.parquet": {{"num_bytes": {rng.randrange(10**6, 10**9)}, "checksum": "{hexs(rng, 64)}"}}\n'
                                                          f'  }},\n  "fingerprint": "{hexs(rng, 16)}"\n}}\n')
    return [v0, v1, v2, v3, v4, v5, v6, v7]


# ------------------------------------------------------------------------------------------
# the set: (name, generator); each with the reason its strings are not credentials
# ------------------------------------------------------------------------------------------
CATEGORIES = [
    # a real prefix with a 3-6 character body: display prefixes and rejected input, far shorter than any token of the format
    ("near-miss-short-body", cycle(48, _nm_short_vars())),
    # the right prefix and length, but characters the format never has: mangled or rejected input, not a token
    ("near-miss-charset", cycle(36, _nm_charset_vars())),
    # a prefix followed by an English word or a slug (`sk_live_dashboard_link`): names, flags and events
    ("near-miss-word-slug", cycle(48, _nm_word_vars())),
    # the prefix inside a longer identifier (`task_xoxb_handler`): function, metric, CSS and view names
    ("near-miss-embedded-ident", cycle(36, _nm_embedded_vars())),
    # the prefix in a file path, URL route or ignore pattern (`/api/ghp_tokens/list`)
    ("near-miss-path-route", cycle(42, _nm_route_vars())),
    # docs tables and data files that list token types by prefix, with no body
    ("near-miss-docs-table", cycle(36, _nm_table_vars())),
    # format strings and concatenations that BUILD a token from a variable (`f"sk-{model_id}"`, `"ghp_%s"`)
    ("near-miss-format-strings", cycle(45, _nm_format_vars())),
    # values the providers and RFCs publish as examples (jwt.io, GitHub's docs, Azurite, RFC 6749/6750/7617, image docs)
    ("documented-provider-examples", cycle(40, _documented_vars())),
    # FIPS / NIST / RFC known-answer test vectors: public by definition
    ("crypto-test-vectors", cycle(36, _vectors_vars())),
    # blockchain addresses and transaction / block hashes are public on the chain
    ("crypto-addresses-txids", cycle(45, _addresses_vars())),
    # WireGuard peer, minisign / signify, cosign, onion, nostr npub, libp2p and Syncthing ids are PUBLIC keys or ids
    ("pubkey-wireguard-minisign", cycle(40, _pubkeys_vars())),
    # signatures and certificates (SAML metadata, XML-DSig, PGP / minisign / SSH signatures, Sigstore bundles) verify, they do not grant
    ("signatures-detached-xmldsig", cycle(36, _signatures_vars())),
    # DNS records are published: SPF, DMARC, DKIM public keys, site-verification tokens, ACME challenges, TLSA / SSHFP / DS digests
    ("dns-txt-records", cycle(35, _dns_vars())),
    # DKIM-Signature / ARC headers carry signatures and body hashes; Message-IDs are ids
    ("mail-headers-dkim", cycle(32, _mail_vars())),
    # content hashes of Nix, Git LFS, Homebrew, Bazel, Maven, conda, IPFS, torrents and SRI on <link>
    ("hash-ecosystems", cycle(44, _hash_eco_vars())),
    # lockfiles and manifests of more ecosystems (pub, mix, NuGet, CocoaPods, renv, uv, SwiftPM, deno, bun, vcpkg) and image digests
    ("hash-lockfiles-more", cycle(48, _lock_more_vars())),
    # ids of public content in URLs: YouTube, Google Docs / Drive, Figma, Notion, Imgur, Gist, Slack permalinks, Discord, Zoom, Meet
    ("public-content-url-ids", cycle(40, _content_ids_vars())),
    # client identifiers the providers document as public: Google OAuth client ids, Azure AD app / tenant GUIDs, Auth0 SPA ids,
    # Algolia app ids, Mapbox style URLs, reCAPTCHA SITE keys
    ("public-client-ids", cycle(40, _client_ids_vars())),
    # generated code and schemas (Thrift, Avro, GraphQL input, OpenAPI generator, SQLAlchemy, migrations, .d.ts, Swagger) only NAME fields
    ("generated-code-schemas", cycle(48, _generated_vars())),
    # Helm / Kubernetes / Nomad / Compose wiring that names where a secret comes from, or leaves it empty or templated
    ("k8s-helm-secret-refs", cycle(40, _k8s_refs_vars())),
    # UI text in fourteen languages asks for a password or key; translations are prose
    ("i18n-many-languages", cycle(55, _i18n_vars())),
    # --help output, man pages, completions, getopt and argparse / click / cobra definitions name credential flags
    ("cli-help-completions", cycle(44, _cli_vars())),
    # daemon auth settings: methods, plugins, file paths and booleans (sshd, PAM, pgbouncer, pg_hba, nginx, Kafka, postfix ...)
    ("daemon-auth-config", cycle(42, _daemon_vars())),
    # obviously fake values (`fake_token_123`, `not-a-real-key`) in dev seeds, scripts and docs outside test paths
    ("fakes-outside-tests", cycle(40, _fakes_vars())),
    # CSS-in-JS and CSS-module class hashes, build ids, content-hashed chunk names, ngsw hashes, source maps, emoji codes
    ("css-build-hashes", cycle(40, _css_build_vars())),
    # IDE and project ids: .sln / .csproj GUIDs, Xcode object ids, Unity guids, R.java ids, WiX GUIDs
    ("ide-project-ids", cycle(40, _ide_vars())),
    # CLI output that shows status, names, masked tokens and account ids, never a value
    ("cli-status-outputs", cycle(40, _cli_status_vars())),
    # Kubernetes object metadata: uids, resourceVersions, hashes, revisions, names of secrets
    ("k8s-object-metadata", cycle(40, _k8s_meta_vars())),
    # ML and data ids: DVC md5s, notebook cell ids, MLflow / W&B run ids, model revisions and checksums
    ("ml-data-ids", cycle(40, _ml_ids_vars())),
]
CONTROL = n1.CONTROL


def build(seed=SEED, one_per_category=False):
    """[{"path", "content", "category"}] of this set (eval/negatives.py's builder, this set's categories)."""
    return n1.build(seed, one_per_category, CATEGORIES)


def measure(binary, cases, root, threads=2):
    return n1.measure(binary, cases, root, threads, CATEGORIES)


def main(argv=None):
    return n1.main(argv, CATEGORIES, SEED, NAME)


if __name__ == "__main__":
    sys.exit(main())
