#!/usr/bin/env python3
"""Hard negatives: strings that other secret scanners' test suites list as NOT credentials.

Written blind (2026-12-05, nineteenth session): without reading rules/, src/ or any result, in
the style of the negative cases other scanners keep next to their positive ones (gitleaks'
per-rule `fps`, Nosey Parker / Titus `negative_examples`, detect-secrets' "should not flag"
tests, Kingfisher's and TruffleHog's false-positive tests, secretlint's "should not report"
fixtures) and of how real repositories write such strings.

Every case is a whole small file (a realistic name and content) holding one or a few strings a
naive scanner might flag but that are not credentials: references to a secret instead of its
value, placeholders, masked or redacted output, identifiers and code that only name a
credential, hashes and digests, public identifiers, public keys and certificates, the documented
AWS example keys, encoded non-secrets, URLs without credentials, prose, near-miss prefixes,
regexes describing tokens, and config keys set to numbers or booleans. Random data (hashes, ids,
key material of public keys) comes from a seeded RNG, so the set is deterministic.

Every finding in a negative file is a false positive. Ten positive control files hold
unambiguous real-format credentials built at run time from fragments; a run in which any control
is not found is an error (exit 2), not a figure.

File names avoid test paths (no tests/, test_*, *_test.go, fixtures/, testdata/, examples/,
spec/): the set measures rules and filters, not path skips.

    python3 eval/negatives.py [--bin PATH] [--json F] [--keep DIR] [-v] [--one-per-category]
"""
import argparse
import base64
import json
import os
import random
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib
from collections import Counter, defaultdict

SEED = 20261205
ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
HEX = "0123456789abcdef"

ORGS = ["acme", "northwind", "contoso", "globex", "initech", "umbrella", "hooli", "vandelay", "wayne", "stark",
        "tyrell", "cyberdyne", "soylent", "massive", "oscorp", "wonka", "gringotts", "aperture", "monarch", "nakatomi"]
SERVICES = ["billing", "ledger", "checkout", "orders", "gateway", "notify", "search", "auth", "profile", "reports",
            "inventory", "shipping", "catalog", "ingest", "scheduler", "webhooks", "mailer", "metrics", "portal",
            "admin", "payments", "sync", "exporter", "importer", "chat", "media", "cdn", "analytics", "crm", "wiki"]
PROVIDERS = ["stripe", "github", "slack", "openai", "sendgrid", "twilio", "datadog", "mailgun", "anthropic",
             "gitlab", "npm", "heroku", "shopify", "sentry", "algolia", "cloudflare", "pagerduty", "mapbox"]
CRED = ["api_key", "token", "secret", "password", "access_token", "client_secret", "auth_token", "secret_key",
        "api_token", "private_key"]


# ------------------------------------------------------------------------------------------
# random non-secret data
# ------------------------------------------------------------------------------------------
def hexs(rng, n):
    return "".join(rng.choice(HEX) for _ in range(n))


def rbytes(rng, n):
    return bytes(rng.randrange(256) for _ in range(n))


def b64(rng, nbytes, urlsafe=False, pad=True):
    s = (base64.urlsafe_b64encode if urlsafe else base64.b64encode)(rbytes(rng, nbytes)).decode()
    return s if pad else s.rstrip("=")


def uuid4(rng):
    h = hexs(rng, 32)
    h = h[:12] + "4" + h[13:16] + rng.choice("89ab") + h[17:]
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def digits(rng, n):
    return str(rng.randrange(1, 10)) + "".join(rng.choice("0123456789") for _ in range(n - 1))


def ssh_pub(rng, kind="ssh-ed25519"):
    """A public key blob in the OpenSSH wire format (random key material)."""
    def s(b):
        return struct.pack(">I", len(b)) + b
    if kind == "ssh-ed25519":
        blob = s(b"ssh-ed25519") + s(rbytes(rng, 32))
    else:
        blob = s(b"ssh-rsa") + s(b"\x01\x00\x01") + s(b"\x00\xc3" + rbytes(rng, 255))
    return kind + " " + base64.b64encode(blob).decode()


def pem(label, der):
    b = base64.b64encode(der).decode()
    return "\n".join([f"-----BEGIN {label}-----"] + [b[i:i + 64] for i in range(0, len(b), 64)] + [f"-----END {label}-----"])


def spki_der(rng):
    # SubjectPublicKeyInfo of an RSA-2048 key: fixed header, random modulus, e = 65537
    head = bytes.fromhex("30820122300d06092a864886f70d01010105000382010f003082010a0282010100")
    return head + b"\xc5" + rbytes(rng, 255) + bytes.fromhex("0203010001")


def cert_der(rng, n=900):
    return bytes.fromhex("30820380308202e8a00302010202") + rbytes(rng, n)


BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"


def age_recipient(rng):
    return "age1" + "".join(rng.choice(BECH32) for _ in range(58))


# ------------------------------------------------------------------------------------------
# key spellings and a generic key/value renderer
# ------------------------------------------------------------------------------------------
def words(key):
    return [w for w in key.replace("-", "_").replace(".", "_").split("_") if w]


def upper(key):
    return "_".join(words(key)).upper()


def snake(key):
    return "_".join(words(key)).lower()


def camel(key):
    w = words(key)
    return w[0].lower() + "".join(x.capitalize() for x in w[1:])


def pascal(key):
    return "".join(x.capitalize() for x in words(key))


NULLS = {"py": "None", "js": "null", "ts": "undefined", "go": '""', "rb": "nil", "php": "null", "cs": "null",
         "java": "null", "yaml": "null", "json": "null", "toml": '""', "ini": "", "env": "", "sh": '""',
         "docker": '""', "tf": "null", "k8s": '""', "props": "", "gha": "''", "md": ""}

KV_SYNTAXES = ["env", "yaml", "json", "toml", "ini", "py", "js", "ts", "go", "java", "props", "rb", "php", "cs",
               "sh", "docker", "tf", "k8s", "gha", "md"]

KV_PATHS = {
    "env": [".env", "deploy/app.env", "config/.env.production", "docker/.env", "env/staging.env"],
    "yaml": ["config/app.yaml", "config/settings.yml", "deploy/values.yaml", "conf/application.yml", "docker-compose.yml"],
    "json": ["config/default.json", "appsettings.json", "config/production.json", "settings.json", ".vscode/settings.json"],
    "toml": ["config.toml", "config/app.toml", "settings.toml", "netlify.toml", "conf/server.toml"],
    "ini": ["config.ini", "setup.cfg", "conf/app.conf", "etc/service.ini", "tox.ini"],
    "py": ["src/{svc}/settings.py", "{svc}/config.py", "app/core/config.py", "src/{svc}/constants.py"],
    "js": ["src/config.js", "config/index.js", "lib/{svc}/settings.js", "server/config.js"],
    "ts": ["src/config.ts", "src/lib/{svc}.ts", "packages/{svc}/src/env.ts", "app/config/constants.ts"],
    "go": ["internal/config/config.go", "pkg/{svc}/client.go", "cmd/{svc}/main.go", "internal/{svc}/options.go"],
    "java": ["src/main/java/com/{org}/{svc}/Config.java", "src/main/java/com/{org}/{svc}/Constants.java"],
    "props": ["src/main/resources/application.properties", "gradle.properties", "conf/{svc}.properties"],
    "rb": ["config/initializers/{svc}.rb", "lib/{svc}/configuration.rb", "app/services/{svc}_client.rb"],
    "php": ["config/services.php", "config/{svc}.php", "app/Config/Settings.php"],
    "cs": ["src/{Svc}/Settings.cs", "src/{Svc}.Api/Options.cs", "{Svc}/Constants.cs"],
    "sh": ["scripts/deploy.sh", "bin/setup", "scripts/bootstrap.sh", "ci/env.sh"],
    "docker": ["Dockerfile", "docker/Dockerfile", "build/{svc}.Dockerfile"],
    "tf": ["main.tf", "infra/variables.tf", "terraform/{svc}.tf", "modules/{svc}/main.tf"],
    "k8s": ["k8s/deploy.yaml", "deploy/k8s/{svc}.yaml", "manifests/deployment.yaml", "charts/{svc}/templates/deployment.yaml"],
    "gha": [".github/workflows/ci.yml", ".github/workflows/deploy.yml", ".github/workflows/release.yml"],
    "md": ["docs/setup.md", "README.md", "docs/configuration.md", "INSTALL.md", "docs/deploy.md"],
}


def q(v):
    return json.dumps(v, ensure_ascii=False)


def kv_line(syntax, key, val, raw=False):
    """One assignment. raw: the value is a number/boolean/null literal (or already quoted)."""
    s = val if raw else q(val)
    sq = val if raw else "'" + val.replace("'", "\\'") + "'"
    if syntax == "env":
        return f"{upper(key)}={val}"
    if syntax == "yaml":
        return f"{snake(key)}: {s}"
    if syntax == "json":
        return f'  "{camel(key)}": {s}'
    if syntax == "toml":
        return f"{snake(key)} = {s}"
    if syntax == "ini":
        return f"{snake(key)} = {val}"
    if syntax == "py":
        return f"{upper(key)} = {s}"
    if syntax == "js":
        return f"  {camel(key)}: {sq},"
    if syntax == "ts":
        return f"export const {camel(key)} = {sq};"
    if syntax == "go":
        return f"\t{camel(key)} = {s}"
    if syntax == "java":
        t = "String" if not raw or val.startswith('"') or val == "null" else ("boolean" if val in ("true", "false") else "int")
        return f"    public static final {t} {upper(key)} = {s};"
    if syntax == "props":
        return f"{snake(key).replace('_', '.')}={val}"
    if syntax == "rb":
        return f"  config.{snake(key)} = {s}"
    if syntax == "php":
        return f"    '{snake(key)}' => {sq},"
    if syntax == "cs":
        t = "string" if not raw or val.startswith('"') or val == "null" else ("bool" if val in ("true", "false") else "int")
        return f"        public const {t} {pascal(key)} = {s};"
    if syntax == "sh":
        return f'export {upper(key)}="{val}"' if not raw else f"export {upper(key)}={val}"
    if syntax == "docker":
        return f"ENV {upper(key)}={val}"
    if syntax == "tf":
        return f"  {snake(key)} = {s}"
    if syntax == "k8s":
        return f"            - name: {upper(key)}\n              value: {q(val) if not raw else q(val.strip(chr(34)))}"
    if syntax == "gha":
        return f"      {upper(key)}: {s}"
    if syntax == "md":
        return f"{upper(key)}={val}"
    raise KeyError(syntax)


def kv_file(syntax, pairs, ctx, comment=None):
    """A whole file in `syntax` holding the (key, value, raw) pairs."""
    svc, org = ctx["svc"], ctx["org"]
    body = [kv_line(syntax, k, v, raw) for k, v, raw in pairs]
    c = comment
    if syntax == "env":
        lines = ([f"# {c}"] if c else []) + [f"APP_NAME={svc}", "LOG_LEVEL=info"] + body
    elif syntax == "yaml":
        lines = ([f"# {c}"] if c else []) + [f"service: {svc}", "environment: production"] + body
    elif syntax == "json":
        lines = ["{", f'  "service": "{svc}",'] + [b + "," for b in body[:-1]] + body[-1:] + ["}"]
    elif syntax == "toml":
        lines = ([f"# {c}"] if c else []) + [f'name = "{svc}"', "", f"[{svc}]"] + body
    elif syntax == "ini":
        lines = ([f"; {c}"] if c else []) + ["[DEFAULT]", f"service = {svc}", "", f"[{svc}]"] + body
    elif syntax == "py":
        lines = [f'"""Settings for the {svc} service."""', "import os", ""] + ([f"# {c}"] if c else []) + body
    elif syntax == "js":
        lines = ["'use strict';", ""] + ([f"// {c}"] if c else []) + ["module.exports = {", f"  service: '{svc}',"] + body + ["};"]
    elif syntax == "ts":
        lines = [f"// {svc} configuration"] + ([f"// {c}"] if c else []) + body
    elif syntax == "go":
        lines = [f"package {svc}", ""] + ([f"// {c}"] if c else []) + ["const ("] + body + [")"]
    elif syntax == "java":
        lines = [f"package com.{org}.{svc};", ""] + ([f"// {c}"] if c else []) + ["public final class Config {"] + body + [
            "", "    private Config() {}", "}"]
    elif syntax == "props":
        lines = ([f"# {c}"] if c else []) + [f"spring.application.name={svc}"] + body
    elif syntax == "rb":
        lines = [f"{pascal(svc)}.configure do |config|"] + ([f"  # {c}"] if c else []) + body + ["end"]
    elif syntax == "php":
        lines = ["<?php", ""] + ([f"// {c}"] if c else []) + ["return ["] + body + ["];"]
    elif syntax == "cs":
        lines = [f"namespace {pascal(org)}.{pascal(svc)}", "{"] + ([f"    // {c}"] if c else []) + [
            "    public static class Settings", "    {"] + body + ["    }", "}"]
    elif syntax == "sh":
        lines = ["#!/usr/bin/env bash", "set -euo pipefail", ""] + ([f"# {c}"] if c else []) + body + [f'echo "deploying {svc}"']
    elif syntax == "docker":
        lines = ["FROM python:3.12-slim", "WORKDIR /app"] + ([f"# {c}"] if c else []) + body + ["COPY . .", 'CMD ["python", "-m", "app"]']
    elif syntax == "tf":
        lines = ([f"# {c}"] if c else []) + [f'module "{svc}" {{', f'  source = "./modules/{svc}"'] + body + ["}"]
    elif syntax == "k8s":
        lines = ["apiVersion: apps/v1", "kind: Deployment", "metadata:", f"  name: {svc}", "spec:", "  template:", "    spec:",
                 "      containers:", f"        - name: {svc}", f"          image: ghcr.io/{org}/{svc}:1.4.2", "          env:"] + body
    elif syntax == "gha":
        lines = ["name: ci", "on: [push]", "jobs:", "  build:", "    runs-on: ubuntu-latest", "    env:"] + body + [
            "    steps:", "      - uses: actions/checkout@v4", "      - run: make test"]
    elif syntax == "md":
        lines = [f"# Configuring {svc}", "", c or "Set these variables before starting the service:", "", "```"] + body + ["```", ""]
    else:
        raise KeyError(syntax)
    return "\n".join(lines) + "\n"


def kv_path(rng, syntax, ctx):
    return rng.choice(KV_PATHS[syntax]).format(svc=ctx["svc"], org=ctx["org"], Svc=pascal(ctx["svc"]))


def kv_cases(rng, ctxs, n, pairs_fn, comment_fn=None, syntaxes=KV_SYNTAXES):
    """n files, cycling through the syntaxes; pairs_fn(rng, syntax) -> [(key, value, raw)]."""
    out = []
    for i in range(n):
        syn = syntaxes[i % len(syntaxes)]
        ctx = ctxs()
        out.append((ctx, kv_path(rng, syn, ctx), kv_file(syn, pairs_fn(rng, syn), ctx, comment_fn(rng) if comment_fn else None)))
    return out


def pkey(rng):
    return rng.choice(PROVIDERS) + "_" + rng.choice(CRED)


# ------------------------------------------------------------------------------------------
# categories: each returns [(ctx, path, content)]
# ------------------------------------------------------------------------------------------
def cat_ref_shell(rng, ctxs):
    # A reference to an environment variable names where the secret lives; it holds no value.
    def pairs(rng, syn):
        k = pkey(rng)
        forms = ["${" + upper(k) + "}", "$" + upper(k), "${" + upper(k) + ":?missing}", "${" + upper(k) + ":-}",
                 "%" + upper(k) + "%", "$(" + upper(k) + ")", "${env:" + upper(k) + "}", "$ENV{" + upper(k) + "}"]
        k2 = rng.choice(PROVIDERS) + "_" + rng.choice(CRED)
        return [(k, rng.choice(forms), False), (k2, "${" + upper(k2) + "}", False)]
    out = kv_cases(rng, ctxs, 22, pairs, syntaxes=["env", "yaml", "toml", "ini", "sh", "docker", "props", "md", "gha", "k8s", "json"])
    for i in range(6):
        ctx = ctxs()
        k = upper(pkey(rng))
        out.append((ctx, rng.choice(["scripts/run.bat", "tools\\deploy.cmd".replace("\\", "/"), "build.bat"]),
                    f"@echo off\r\nset {k}=%{k}%\r\nif \"%{k}%\"==\"\" (\r\n  echo {k} is not set\r\n  exit /b 1\r\n)\r\n"
                    f"curl -H \"Authorization: Bearer %{k}%\" https://api.{ctx['org']}.io/v1/status\r\n"))
    for i in range(6):
        ctx = ctxs()
        k = upper(pkey(rng))
        out.append((ctx, rng.choice(["docker-compose.yml", "compose.yaml", "docker-compose.prod.yml"]),
                    f"services:\n  {ctx['svc']}:\n    image: {ctx['org']}/{ctx['svc']}:latest\n    environment:\n"
                    f"      - {k}=${{{k}}}\n      - DATABASE_PASSWORD=${{DATABASE_PASSWORD:?set it in .env}}\n"
                    f"      {'' if i % 2 else '- REDIS_PASSWORD=$$REDIS_PASSWORD'}\n    env_file: .env\n"))
    return out


def cat_ref_template(rng, ctxs):
    # Template expressions are filled in at deploy time from a secret store; the file holds only the expression.
    out = []
    for i in range(30):
        ctx = ctxs()
        k = pkey(rng)
        U, s, c = upper(k), snake(k), camel(k)
        j = i % 10
        if j == 0:
            out.append((ctx, f"charts/{ctx['svc']}/templates/secret.yaml",
                        f"apiVersion: v1\nkind: Secret\nmetadata:\n  name: {{{{ include \"{ctx['svc']}.fullname\" . }}}}\ntype: Opaque\n"
                        f"stringData:\n  {s}: {{{{ .Values.{c} | quote }}}}\n  password: {{{{ required \"db password\" .Values.db.password }}}}\n"))
        elif j == 1:
            out.append((ctx, rng.choice([".github/workflows/deploy.yml", ".github/workflows/publish.yml"]),
                        f"name: deploy\non:\n  push:\n    branches: [main]\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n"
                        f"      - uses: actions/checkout@v4\n      - run: ./scripts/deploy.sh\n        env:\n"
                        f"          {U}: ${{{{ secrets.{U} }}}}\n          GITHUB_TOKEN: ${{{{ secrets.GITHUB_TOKEN }}}}\n"
                        f"          NPM_TOKEN: ${{{{ secrets.NPM_TOKEN || '' }}}}\n"))
        elif j == 2:
            out.append((ctx, "ci/pipeline.yml",
                        f"resources:\n- name: repo\n  type: git\n  source:\n    uri: git@github.com:{ctx['org']}/{ctx['svc']}.git\n"
                        f"    private_key: ((github_deploy_key))\njobs:\n- name: build\n  plan:\n  - get: repo\n  - task: push\n"
                        f"    params:\n      {U}: ((vault:{s}))\n      PASSWORD: ((db.password))\n"))
        elif j == 3:
            out.append((ctx, f"config/{ctx['svc']}.yml.erb" if i % 2 else "config/database.yml",
                        f"production:\n  adapter: postgresql\n  database: {ctx['svc']}_production\n"
                        f"  username: <%= ENV['DB_USER'] %>\n  password: <%= ENV['DATABASE_PASSWORD'] %>\n"
                        f"  {s}: <%= ENV.fetch('{U}') %>\n"))
        elif j == 4:
            out.append((ctx, f"roles/{ctx['svc']}/templates/app.conf.j2",
                        f"[app]\nname = {ctx['svc']}\n{s} = {{{{ vault_{s} }}}}\npassword = {{{{ {ctx['svc']}_db_password | default('') }}}}\n"))
        elif j == 5:
            out.append((ctx, "nomad/job.nomad.hcl",
                        f"job \"{ctx['svc']}\" {{\n  group \"app\" {{\n    task \"web\" {{\n      template {{\n        data = <<EOH\n"
                        f"{U}={{{{ with secret \"secret/data/{ctx['svc']}\" }}}}{{{{ .Data.data.{s} }}}}{{{{ end }}}}\n"
                        f"EOH\n        destination = \"secrets/app.env\"\n        env = true\n      }}\n    }}\n  }}\n}}\n"))
        elif j == 6:
            out.append((ctx, ".gitlab-ci.yml",
                        f"deploy:\n  stage: deploy\n  script:\n    - echo \"$CI_REGISTRY_PASSWORD\" | docker login -u \"$CI_REGISTRY_USER\" --password-stdin $CI_REGISTRY\n"
                        f"    - curl -H \"PRIVATE-TOKEN: $GITLAB_API_TOKEN\" \"$CI_API_V4_URL/projects\"\n  variables:\n    {U}: $VAULT_{U}\n"))
        elif j == 7:
            out.append((ctx, "azure-pipelines.yml",
                        f"variables:\n- group: {ctx['svc']}-secrets\nsteps:\n- script: ./deploy.sh\n  env:\n    {U}: $({U})\n"
                        f"    ARM_CLIENT_SECRET: $(armClientSecret)\n"))
        elif j == 8:
            out.append((ctx, "templates/config.tmpl",
                        f"{{{{- /* rendered by consul-template */ -}}}}\n{s} = \"{{{{ env \"{U}\" }}}}\"\n"
                        f"password = \"{{{{ key \"{ctx['svc']}/db/password\" }}}}\"\n"))
        else:
            out.append((ctx, "serverless.yml",
                        f"service: {ctx['svc']}\nprovider:\n  name: aws\n  environment:\n    {U}: ${{ssm:/{ctx['svc']}/{s}}}\n"
                        f"    DB_PASSWORD: ${{env:DB_PASSWORD}}\n    SIGNING_SECRET: ${{self:custom.signingSecret}}\n"))
    return out


def cat_ref_code(rng, ctxs):
    # Code reading a secret from the environment or from framework config holds the variable name, not the value.
    out = []
    tmpl = [
        ("py", "src/{svc}/settings.py", lambda U, c, s: f'import os\n\n{U} = os.environ["{U}"]\nDB_PASSWORD = os.getenv("DB_PASSWORD", "")\nSECRET_KEY = os.environ.get("DJANGO_SECRET_KEY")\n'),
        ("js", "src/client.js", lambda U, c, s: f"const {c} = process.env.{U};\nconst password = process.env['DB_PASSWORD'] || '';\nmodule.exports = {{ {c}, password }};\n"),
        ("ts", "src/env.ts", lambda U, c, s: f"export const env = {{\n  {c}: process.env.{U} ?? '',\n  token: import.meta.env.VITE_{U},\n  secret: Deno.env.get('{U}'),\n}};\n"),
        ("go", "internal/config/env.go", lambda U, c, s: f'package config\n\nimport "os"\n\nfunc Load() Config {{\n\treturn Config{{\n\t\t{pascal(s)}: os.Getenv("{U}"),\n\t\tPassword: os.Getenv("DB_PASSWORD"),\n\t}}\n}}\n'),
        ("java", "src/main/java/com/{org}/{svc}/AppConfig.java", lambda U, c, s: f'package com.acme;\n\npublic class AppConfig {{\n    private final String {c} = System.getenv("{U}");\n    @Value("${{{s.replace("_", ".")}}}")\n    private String secret;\n    @Value("${{spring.datasource.password}}")\n    private String password;\n}}\n'),
        ("rb", "config/initializers/{svc}.rb", lambda U, c, s: f'{pascal(s)} = ENV.fetch("{U}")\nDB_PASSWORD = ENV["DB_PASSWORD"]\nRails.application.credentials.dig(:{s})\n'),
        ("php", "config/services.php", lambda U, c, s: f"<?php\n\nreturn [\n    '{s}' => env('{U}'),\n    'password' => env('DB_PASSWORD', ''),\n    'secret' => getenv('{U}'),\n];\n"),
        ("cs", "src/{Svc}/Startup.cs", lambda U, c, s: f'var {c} = Environment.GetEnvironmentVariable("{U}");\nvar password = Configuration["Database:Password"];\nvar secret = builder.Configuration.GetValue<string>("{pascal(s)}");\n'),
        ("rs", "src/config.rs", lambda U, c, s: f'use std::env;\n\npub fn {s}() -> String {{\n    env::var("{U}").expect("{U} must be set")\n}}\n'),
        ("kt", "app/src/main/kotlin/Config.kt", lambda U, c, s: f'val {c}: String = System.getenv("{U}") ?: ""\nval password = BuildConfig.DB_PASSWORD\n'),
        ("swift", "Sources/App/Config.swift", lambda U, c, s: f'let {c} = ProcessInfo.processInfo.environment["{U}"] ?? ""\nlet secret = Bundle.main.object(forInfoDictionaryKey: "{U}") as? String\n'),
        ("ex", "config/runtime.exs", lambda U, c, s: f'import Config\n\nconfig :{s.split("_")[0]}, {s}: System.fetch_env!("{U}"),\n  password: System.get_env("DB_PASSWORD")\n'),
        ("sh", "scripts/release.sh", lambda U, c, s: f'#!/bin/sh\n: "${{{U}:?{U} is required}}"\ncurl -fsS -H "Authorization: Bearer ${U}" https://api.example.com/releases\n'),
        ("ps1", "scripts/deploy.ps1", lambda U, c, s: f'$token = $env:{U}\n$password = [Environment]::GetEnvironmentVariable("DB_PASSWORD")\nInvoke-RestMethod -Headers @{{ Authorization = "Bearer $token" }} -Uri $Uri\n'),
        ("py2", "src/{svc}/keys.py", lambda U, c, s: f'from decouple import config\n\n{U} = config("{U}")\nSECRET_KEY = config("SECRET_KEY", default="")\npassword = settings.DATABASES["default"]["PASSWORD"]\n'),
    ]
    for i in range(30):
        ctx = ctxs()
        _, path, f = tmpl[i % len(tmpl)]
        k = pkey(rng)
        out.append((ctx, path.format(svc=ctx["svc"], org=ctx["org"], Svc=pascal(ctx["svc"])), f(upper(k), camel(k), snake(k))))
    return out


def cat_ref_store(rng, ctxs):
    # Pointers into a secret manager (paths, ARNs, key refs) identify where a secret is kept, not the secret.
    out = []
    for i in range(30):
        ctx = ctxs()
        k = pkey(rng)
        s, svc = snake(k), ctx["svc"]
        acct, region = digits(rng, 12), rng.choice(["us-east-1", "eu-west-1", "ap-southeast-2", "us-west-2"])
        arn = f"arn:aws:secretsmanager:{region}:{acct}:secret:{svc}/{s}-{''.join(rng.choice(ALNUM) for _ in range(6))}"
        j = i % 10
        if j == 0:
            out.append((ctx, f"k8s/{svc}-deployment.yaml",
                        f"apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {svc}\nspec:\n  template:\n    spec:\n      containers:\n"
                        f"        - name: {svc}\n          env:\n            - name: {upper(k)}\n              valueFrom:\n                secretKeyRef:\n"
                        f"                  name: {svc}-secrets\n                  key: {s}\n            - name: DB_PASSWORD\n              valueFrom:\n"
                        f"                secretKeyRef: {{name: postgres, key: password}}\n"))
        elif j == 1:
            out.append((ctx, "template.yaml",
                        f"Resources:\n  Function:\n    Type: AWS::Serverless::Function\n    Properties:\n      Environment:\n        Variables:\n"
                        f"          {upper(k)}: !Ref {pascal(s)}Param\n          DB_PASSWORD: '{{{{resolve:secretsmanager:{svc}/db:SecretString:password}}}}'\n"
                        f"          SECRET_ARN: !Sub 'arn:aws:secretsmanager:${{AWS::Region}}:${{AWS::AccountId}}:secret:{svc}'\n"))
        elif j == 2:
            out.append((ctx, "config/vault.yaml",
                        f"secrets:\n  {s}: vault:secret/data/{svc}#{s}\n  password: vault:secret/data/{svc}/db#password\n"))
        elif j == 3:
            out.append((ctx, "infra/secrets.tf",
                        f"data \"aws_secretsmanager_secret_version\" \"{s}\" {{\n  secret_id = \"{arn}\"\n}}\n\n"
                        f"resource \"aws_ecs_task_definition\" \"{svc}\" {{\n  family = \"{svc}\"\n  container_definitions = jsonencode([{{\n"
                        f"    name = \"{svc}\"\n    secrets = [{{ name = \"{upper(k)}\", valueFrom = \"{arn}\" }}]\n  }}])\n}}\n"))
        elif j == 4:
            out.append((ctx, "appsettings.Production.json",
                        f"{{\n  \"{pascal(s)}\": \"@Microsoft.KeyVault(SecretUri=https://{ctx['org']}-kv.vault.azure.net/secrets/{s.replace('_', '-')}/)\",\n"
                        f"  \"ConnectionStrings\": {{\n    \"Default\": \"@Microsoft.KeyVault(VaultName={ctx['org']}-kv;SecretName=db-connection)\"\n  }}\n}}\n"))
        elif j == 5:
            out.append((ctx, ".env.op" if i % 2 else "deploy/op.env",
                        f"{upper(k)}=op://Engineering/{svc}/{s}\nDB_PASSWORD=op://Engineering/{svc}-db/password\n"))
        elif j == 6:
            out.append((ctx, "cloudbuild.yaml",
                        f"steps:\n- name: gcr.io/cloud-builders/docker\n  secretEnv: ['{upper(k)}']\navailableSecrets:\n  secretManager:\n"
                        f"  - versionName: projects/{ctx['org']}-prod/secrets/{s.replace('_', '-')}/versions/latest\n    env: '{upper(k)}'\n"))
        elif j == 7:
            out.append((ctx, "task-definition.json",
                        f"{{\n  \"family\": \"{svc}\",\n  \"containerDefinitions\": [{{\n    \"name\": \"{svc}\",\n    \"secrets\": [\n"
                        f"      {{\"name\": \"{upper(k)}\", \"valueFrom\": \"{arn}\"}},\n"
                        f"      {{\"name\": \"DB_PASSWORD\", \"valueFrom\": \"arn:aws:ssm:{region}:{acct}:parameter/{svc}/db/password\"}}\n    ]\n  }}]\n}}\n"))
        elif j == 8:
            out.append((ctx, "k8s/external-secret.yaml",
                        f"apiVersion: external-secrets.io/v1beta1\nkind: ExternalSecret\nmetadata:\n  name: {svc}\nspec:\n  secretStoreRef:\n"
                        f"    name: vault-backend\n    kind: ClusterSecretStore\n  data:\n    - secretKey: {s}\n      remoteRef:\n"
                        f"        key: secret/{svc}\n        property: {s}\n"))
        else:
            out.append((ctx, "config/secrets.py",
                        f"import boto3\n\nSECRET_ID = \"{svc}/{s}\"\nPARAMETER = \"/{svc}/prod/{s}\"\n\n"
                        f"def {s}():\n    client = boto3.client(\"secretsmanager\")\n    return client.get_secret_value(SecretId=SECRET_ID)[\"SecretString\"]\n"))
    return out


def cat_placeholder_angle(rng, ctxs):
    # Angle-bracket and ALL-CAPS placeholders tell the reader to put their own value there.
    vals = ["<your-api-key>", "<YOUR_API_KEY>", "<api-token>", "<your {p} token>", "YOUR_API_KEY_HERE", "your-{p}-api-key",
            "YOUR_{P}_TOKEN", "REPLACE_ME", "REPLACE_WITH_YOUR_KEY", "<secret>", "<insert-token-here>", "{{{{API_KEY}}}}",
            "INSERT_YOUR_TOKEN_HERE", "<PASTE_TOKEN_HERE>", "your_secret_key_here", "<client-secret>", "ENTER_YOUR_KEY",
            "TODO", "TODO: set me", "<password>", "[YOUR_TOKEN]", "put-your-key-here", "YOUR-{P}-SECRET"]

    def pairs(rng, syn):
        p = rng.choice(PROVIDERS)
        k = p + "_" + rng.choice(CRED)
        return [(k, rng.choice(vals).format(p=p, P=p.upper()), False)]
    return kv_cases(rng, ctxs, 40, pairs, lambda r: r.choice(["Fill in before running", "copy this file and edit", None, None]))


def cat_placeholder_filler(rng, ctxs):
    # Runs of one repeated filler character (x, X, 0, *, .) keep a format's shape but carry no entropy.
    def filler(rng):
        c = rng.choice("xX0*")
        forms = [
            ("sk_live_", 24), ("sk_test_", 24), ("rk_live_", 24), ("ghp_", 36), ("gho_", 36), ("github_pat_", 40),
            ("xoxb-", 0), ("AKIA", 16), ("glpat-", 20), ("npm_", 36), ("sk-", 48), ("sk-proj-", 40), ("SG.", 0),
            ("AC", 32), ("", 32), ("", 40), ("", 64), ("pypi-", 40), ("dop_v1_", 64), ("shpat_", 32), ("xapp-", 0)]
        pre, n = rng.choice(forms)
        if pre == "xoxb-":
            return f"xoxb-{c * 11}-{c * 12}-{c * 24}"
        if pre == "xapp-":
            return f"xapp-1-{c * 11}-{c * 13}-{c * 64}"
        if pre == "SG.":
            return f"SG.{c * 22}.{c * 43}"
        return pre + c * n
    def pairs(rng, syn):
        return [(pkey(rng), filler(rng), False), (rng.choice(PROVIDERS) + "_password", rng.choice(["********", "************", "••••••••", "..."]), False)]
    return kv_cases(rng, ctxs, 40, pairs, lambda r: r.choice(["replace the x's with your key", None]))


def cat_placeholder_null(rng, ctxs):
    # No value at all: null, None, nil, empty strings.
    def pairs(rng, syn):
        k = pkey(rng)
        out = [(k, NULLS[syn], True)]
        if syn not in ("env", "ini", "props", "md"):
            out.append(("db_password", '""' if syn not in ("js", "ts", "php") else "''", True))
        else:
            out.append(("db_password", "", False))
        return out
    return kv_cases(rng, ctxs, 30, pairs)


def cat_placeholder_words(rng, ctxs):
    # Words that say the value is fake or was removed: dummy, fake-token, test, [REDACTED], [FILTERED].
    vals = ["dummy", "fake-token", "test", "placeholder", "not-a-real-token", "dummy-secret", "fake_api_key", "<redacted>",
            "[REDACTED]", "[FILTERED]", "REDACTED", "***REDACTED***", "**********", "none", "unset", "disabled",
            "sample-token", "dev-only-not-secret", "mock-api-key", "N/A", "-"]

    def pairs(rng, syn):
        k = pkey(rng)
        return [(k, rng.choice(vals), False)]
    return kv_cases(rng, ctxs, 40, pairs, lambda r: r.choice(["local development defaults", None, "values are injected in CI"]))


def cat_redacted_masked(rng, ctxs):
    # Masked tokens print a few characters of a real one around asterisks; what is left cannot authenticate.
    out = []
    for i in range(32):
        ctx = ctxs()
        tail = "".join(rng.choice(ALNUM) for _ in range(4))
        j = i % 8
        if j == 0:
            out.append((ctx, "docs/troubleshooting.md",
                        f"## gh auth status\n\n```\ngithub.com\n  ✓ Logged in to github.com account {ctx['org']}-bot (keyring)\n"
                        f"  - Active account: true\n  - Git operations protocol: https\n  - Token: gho_************************************\n"
                        f"  - Token scopes: 'gist', 'read:org', 'repo', 'workflow'\n```\n"))
        elif j == 1:
            out.append((ctx, "docs/aws-setup.md",
                        f"Check which credentials the CLI uses:\n\n```\n$ aws configure list\n      Name                    Value             Type    Location\n"
                        f"      ----                    -----             ----    --------\n   profile                <not set>             None    None\n"
                        f"access_key     ****************{tail.upper()} shared-credentials-file\nsecret_key     ****************{tail} shared-credentials-file\n"
                        f"    region                us-east-1      config-file    ~/.aws/config\n```\n"))
        elif j == 2:
            out.append((ctx, "src/components/TokenList.tsx",
                        f"export const tokens = [\n  {{ name: 'CI deploy', preview: 'ghp_****************************{tail}', created: '2026-03-02' }},\n"
                        f"  {{ name: 'Stripe', preview: 'sk_live_...{tail}', created: '2026-01-11' }},\n"
                        f"  {{ name: 'OpenAI', preview: 'sk-...{tail}', created: '2025-11-20' }},\n];\n"))
        elif j == 3:
            out.append((ctx, "logs/startup.log",
                        f"2026-11-03T09:12:44Z INFO  loaded config from /etc/{ctx['svc']}/config.yaml\n"
                        f"2026-11-03T09:12:44Z INFO  aws: using access key AKIA************ from environment\n"
                        f"2026-11-03T09:12:44Z INFO  slack: bot token xoxb-****-****-**** configured\n"
                        f"2026-11-03T09:12:45Z INFO  api_key=****{tail} password=******** connected to db\n"))
        elif j == 4:
            out.append((ctx, "docs/api-keys.md",
                        f"Your keys are listed on the dashboard. Only the last four characters are shown:\n\n"
                        f"| Name | Key | Created |\n|---|---|---|\n| production | `sk-proj-...{tail}` | 2026-02-01 |\n"
                        f"| staging | `sk-...{tail[::-1]}` | 2026-02-14 |\n"))
        elif j == 5:
            out.append((ctx, "ops/kubectl-describe.txt",
                        f"Name:         {ctx['svc']}-secrets\nNamespace:    production\nLabels:       app={ctx['svc']}\n\nType:  Opaque\n\nData\n====\n"
                        f"api_key:   40 bytes\npassword:  24 bytes\ntoken:     953 bytes\n"))
        elif j == 6:
            out.append((ctx, "config/app.yaml",
                        f"# values shown as the admin UI masks them\n{ctx['svc']}:\n  api_key: \"{'*' * 28}{tail}\"\n  webhook_secret: \"whsec_{'*' * 12}\"\n"
                        f"  password: \"{'•' * 10}\"\n"))
        else:
            out.append((ctx, "docs/heroku.md",
                        f"```\n$ heroku config -a {ctx['svc']}\n=== {ctx['svc']} Config Vars\nDATABASE_URL:   postgres://****:****@ec2-host.compute-1.amazonaws.com:5432/d1\n"
                        f"SENDGRID_API_KEY: SG.****\nSECRET_KEY_BASE: [hidden]\n```\n"))
    return out


def cat_redacted_ci_logs(rng, ctxs):
    # CI systems replace secret values with *** or [MASKED] in logs: the log shows where a secret was, not what.
    out = []
    for i in range(28):
        ctx = ctxs()
        run = digits(rng, 10)
        j = i % 7
        if j == 0:
            body = (f"2026-11-12T10:01:02.1234567Z ##[group]Run ./scripts/deploy.sh\n2026-11-12T10:01:02.1234567Z env:\n"
                    f"2026-11-12T10:01:02.1234567Z   NPM_TOKEN: ***\n2026-11-12T10:01:02.1234567Z   AWS_SECRET_ACCESS_KEY: ***\n"
                    f"2026-11-12T10:01:02.1234567Z   GITHUB_TOKEN: ***\n2026-11-12T10:01:02.1234567Z ##[endgroup]\n"
                    f"2026-11-12T10:01:05.0000000Z + curl -H 'Authorization: token ***' https://api.github.com/repos/{ctx['org']}/{ctx['svc']}\n")
            out.append((ctx, f"ci-logs/run-{run}.log", body))
        elif j == 1:
            out.append((ctx, f"ci-logs/job-{run}.txt",
                        f"$ docker login -u gitlab-ci-token -p [MASKED] registry.gitlab.com\nWARNING! Using --password via the CLI is insecure. Use --password-stdin.\n"
                        f"Login Succeeded\n$ echo $DEPLOY_TOKEN\n[MASKED]\n"))
        elif j == 2:
            out.append((ctx, "docs/jenkins-output.txt",
                        f"[Pipeline] withCredentials\nMasking supported pattern matches of $PASSWORD or $TOKEN\n[Pipeline] {{\n[Pipeline] sh\n"
                        f"+ curl -u deploy:**** https://nexus.{ctx['org']}.internal/repository/releases/\n+ git push https://****@github.com/{ctx['org']}/{ctx['svc']}.git\n"))
        elif j == 3:
            out.append((ctx, "build.log",
                        f"Setting environment variables from .travis.yml\n$ export API_KEY=[secure]\n$ export DOCKER_PASSWORD=[secure]\n"
                        f"$ export DEPLOY_ENV=production\n"))
        elif j == 4:
            out.append((ctx, f"ci-logs/circle-{run}.log",
                        f"#!/bin/bash -eo pipefail\nnpm config set //registry.npmjs.org/:_authToken=********************\nnpm publish\n"
                        f"+ {ctx['org']}-{ctx['svc']}@{rng.randrange(1, 9)}.{rng.randrange(20)}.{rng.randrange(20)}\n"))
        elif j == 5:
            out.append((ctx, "logs/deploy.log",
                        f"terraform plan\n  # aws_db_instance.main will be updated in-place\n  ~ resource \"aws_db_instance\" \"main\" {{\n"
                        f"      ~ password = (sensitive value)\n        username = \"app\"\n    }}\n"
                        f"  + api_key = (sensitive value)\n"))
        else:
            out.append((ctx, "docs/debugging.md",
                        f"The request log masks credentials:\n\n```\nPOST /v1/charges HTTP/1.1\nHost: api.stripe.com\nAuthorization: Bearer sk_live_********\n"
                        f"Cookie: session=<redacted>\nX-Api-Key: [FILTERED]\n```\n"))
    return out


def cat_ident_code(rng, ctxs):
    # Identifiers, header names, lengths and enum members only NAME a credential; the string values are labels.
    out = []
    for i in range(36):
        ctx = ctxs()
        p = rng.choice(PROVIDERS)
        j = i % 12
        if j == 0:
            out.append((ctx, f"src/{ctx['svc']}/auth.py",
                        f'API_KEY_HEADER = "X-API-Key"\nTOKEN_TYPE = "Bearer"\nPASSWORD_FIELD = "password"\nSECRET_KEY_LENGTH = 64\n\n\n'
                        f'def get_api_key(request):\n    return request.headers.get(API_KEY_HEADER)\n'))
        elif j == 1:
            out.append((ctx, "src/auth/constants.ts",
                        f"export const ACCESS_TOKEN_KEY = 'access_token';\nexport const REFRESH_TOKEN_KEY = 'refresh_token';\n"
                        f"export const AUTH_HEADER = 'Authorization';\nexport const TOKEN_PREFIX = 'Bearer ';\nexport const {p.upper()}_API_KEY_NAME = '{p}_api_key';\n"))
        elif j == 2:
            out.append((ctx, f"pkg/{ctx['svc']}/credentials.go",
                        f'package {ctx["svc"]}\n\ntype CredentialKind int\n\nconst (\n\tKindAPIKey CredentialKind = iota\n\tKindPassword\n\tKindToken\n)\n\n'
                        f'const (\n\tsecretKeyLength = 64\n\tpasswordResetTokenExpiry = "24h"\n\ttokenHeader = "X-Auth-Token"\n)\n\n'
                        f'func (c *Client) GetAPIKey() string {{ return c.apiKey }}\n'))
        elif j == 3:
            out.append((ctx, f"src/main/java/com/{ctx['org']}/{ctx['svc']}/SecretType.java",
                        f"package com.{ctx['org']}.{ctx['svc']};\n\npublic enum SecretType {{\n    API_KEY(\"api_key\"),\n    PASSWORD(\"password\"),\n"
                        f"    ACCESS_TOKEN(\"access_token\"),\n    CLIENT_SECRET(\"client_secret\");\n\n    private final String key;\n"
                        f"    SecretType(String key) {{ this.key = key; }}\n}}\n"))
        elif j == 4:
            out.append((ctx, f"app/models/{ctx['svc']}_credential.rb",
                        f"class {pascal(ctx['svc'])}Credential < ApplicationRecord\n  PASSWORD_MIN_LENGTH = 12\n  TOKEN_BYTES = 32\n"
                        f"  has_secure_password\n  has_secure_token :api_token\n  encrypts :access_token\n"
                        f"  validates :password, length: {{ minimum: PASSWORD_MIN_LENGTH }}\nend\n"))
        elif j == 5:
            out.append((ctx, "src/Security/TokenNames.cs",
                        f"public static class TokenNames\n{{\n    public const string AccessToken = \"access_token\";\n    public const string ApiKeyHeader = \"X-Api-Key\";\n"
                        f"    public const string ClientSecret = \"client_secret\";\n    public const int SecretKeySize = 256;\n}}\n"))
        elif j == 6:
            out.append((ctx, "src/oauth.js",
                        f"const params = new URLSearchParams({{\n  grant_type: 'client_credentials',\n  client_id: clientId,\n  client_secret: clientSecret,\n"
                        f"  scope: 'read:user repo',\n}});\nconst tokenUrl = 'https://github.com/login/oauth/access_token';\n"
                        f"const res = await fetch(tokenUrl, {{ method: 'POST', body: params }});\nconst {{ access_token: accessToken, token_type: tokenType }} = await res.json();\n"))
        elif j == 7:
            out.append((ctx, f"{ctx['svc']}/views.py",
                        f'def reset_password(request, token):\n    user = User.objects.get(password_reset_token=token)\n    form = SetPasswordForm(user, request.POST)\n'
                        f'    if form.is_valid():\n        form.save()\n    return render(request, "accounts/password_reset_done.html")\n'))
        elif j == 8:
            out.append((ctx, "src/store/authSlice.ts",
                        f"interface AuthState {{\n  accessToken: string | null;\n  refreshToken: string | null;\n  apiKey?: string;\n}}\n\n"
                        f"const initialState: AuthState = {{ accessToken: null, refreshToken: null }};\n"
                        f"export const selectToken = (s: RootState) => s.auth.accessToken;\n"))
        elif j == 9:
            out.append((ctx, "lib/secrets.php",
                        f"<?php\nfunction get_{p}_api_key(): string {{\n    $key = get_option('{p}_api_key');\n    return is_string($key) ? $key : '';\n}}\n"
                        f"add_settings_field('{p}_api_key', __('API key', '{ctx['svc']}'), 'render_api_key_field', 'general');\n"))
        elif j == 10:
            out.append((ctx, "crates/auth/src/lib.rs",
                        f"pub const API_KEY_ENV: &str = \"{p.upper()}_API_KEY\";\npub const SECRET_KEY_LEN: usize = 32;\n\n"
                        f"pub struct Credentials {{\n    pub api_key: String,\n    pub password: Option<String>,\n}}\n"))
        else:
            out.append((ctx, "config/crypto.yaml",
                        f"jwt:\n  algorithm: HS256\n  token_type: Bearer\n  issuer: https://auth.{ctx['org']}.io/\n  audience: {ctx['svc']}-api\n"
                        f"encryption:\n  cipher: aes-256-gcm\n  key_size: 256\n  key_derivation: pbkdf2-sha256\n  password_hasher: argon2id\n"))
    return out


def cat_ident_ui(rng, ctxs):
    # UI text and form markup ask the user for a credential; labels and placeholders are prose.
    out = []
    for i in range(30):
        ctx = ctxs()
        p = rng.choice(PROVIDERS)
        P = p.capitalize()
        j = i % 10
        if j == 0:
            out.append((ctx, "public/login.html",
                        f'<form method="post" action="/login">\n  <label for="password">Password</label>\n'
                        f'  <input type="password" id="password" name="password" placeholder="Password" autocomplete="current-password" required>\n'
                        f'  <input type="password" name="password_confirmation" placeholder="Confirm password">\n  <button type="submit">Sign in</button>\n</form>\n'))
        elif j == 1:
            out.append((ctx, "locales/en.json",
                        f'{{\n  "settings.apiKey.label": "API key",\n  "settings.apiKey.placeholder": "Enter your {P} API key",\n'
                        f'  "settings.apiKey.help": "You can find your API key in the {P} dashboard.",\n  "auth.password": "Password",\n'
                        f'  "auth.forgotPassword": "Forgot your password?",\n  "token.expired": "Your token has expired"\n}}\n'))
        elif j == 2:
            out.append((ctx, "config/locales/en.yml",
                        f"en:\n  activerecord:\n    attributes:\n      user:\n        password: Password\n        password_confirmation: Confirm password\n"
                        f"  settings:\n    api_token: API token\n    api_token_hint: Paste the token you generated in {P}\n"))
        elif j == 3:
            out.append((ctx, "app/src/main/res/values/strings.xml",
                        f'<resources>\n    <string name="app_name">{P} Sync</string>\n    <string name="prompt_password">Password</string>\n'
                        f'    <string name="hint_api_key">Your {P} API key</string>\n    <string name="error_invalid_token">Invalid token</string>\n</resources>\n'))
        elif j == 4:
            out.append((ctx, "locale/de/LC_MESSAGES/messages.po",
                        f'msgid "Password"\nmsgstr "Passwort"\n\nmsgid "API key"\nmsgstr "API-Schlüssel"\n\nmsgid "Enter your secret key"\nmsgstr "Geben Sie Ihren geheimen Schlüssel ein"\n'))
        elif j == 5:
            out.append((ctx, "src/components/ApiKeyForm.vue",
                        f'<template>\n  <label>{P} API key\n    <input v-model="apiKey" type="password" placeholder="sk-..." />\n  </label>\n'
                        f'  <p class="hint">Keys start with <code>sk-</code>.</p>\n</template>\n'))
        elif j == 6:
            out.append((ctx, "src/components/Settings.jsx",
                        f'export function Settings() {{\n  return (\n    <Field label="Access token" name="accessToken" type="password"\n'
                        f'      placeholder="Paste your personal access token" helperText="Needs the repo scope" />\n  );\n}}\n'))
        elif j == 7:
            out.append((ctx, "Resources/Strings.resx",
                        f'<?xml version="1.0" encoding="utf-8"?>\n<root>\n  <data name="PasswordLabel" xml:space="preserve">\n    <value>Password</value>\n  </data>\n'
                        f'  <data name="ApiKeyPrompt" xml:space="preserve">\n    <value>Enter the API key for {P}</value>\n  </data>\n</root>\n'))
        elif j == 8:
            out.append((ctx, "templates/account/settings.html",
                        f'{{% extends "base.html" %}}\n{{% block content %}}\n<h2>API tokens</h2>\n<p>Tokens let scripts act as you. Treat them like a password.</p>\n'
                        f'<input type="text" name="token_name" placeholder="Token name">\n<input type="password" name="current_password" placeholder="Current password">\n{{% endblock %}}\n'))
        else:
            out.append((ctx, "src/main/resources/messages.properties",
                        f"login.password=Password\nlogin.password.required=Password is required\nsettings.apikey=API key\n"
                        f"settings.apikey.help=Create an API key in your {P} account settings\n"))
    return out


def cat_ident_schema(rng, ctxs):
    # Schemas declare a credential field's name and type; there is no value.
    out = []
    for i in range(30):
        ctx = ctxs()
        j = i % 10
        if j == 0:
            out.append((ctx, f"db/migrations/2026{rng.randrange(1, 13):02d}{rng.randrange(1, 29):02d}{rng.randrange(10**6):06d}_create_users.sql",
                        "CREATE TABLE users (\n  id BIGSERIAL PRIMARY KEY,\n  email TEXT NOT NULL UNIQUE,\n  password_hash VARCHAR(255) NOT NULL,\n"
                        "  api_key_digest CHAR(64),\n  reset_password_token VARCHAR(255),\n  reset_password_sent_at TIMESTAMP\n);\n"))
        elif j == 1:
            out.append((ctx, "schema.graphql",
                        "type ApiKey {\n  id: ID!\n  name: String!\n  prefix: String!\n  lastUsedAt: DateTime\n}\n\n"
                        "type Mutation {\n  createApiKey(name: String!): ApiKeyWithSecret!\n  resetPassword(token: String!, password: String!): Boolean!\n}\n"))
        elif j == 2:
            out.append((ctx, "openapi.yaml",
                        f"openapi: 3.0.3\ninfo:\n  title: {ctx['svc']} API\n  version: 1.0.0\ncomponents:\n  securitySchemes:\n    ApiKeyAuth:\n"
                        f"      type: apiKey\n      in: header\n      name: X-API-Key\n    bearerAuth:\n      type: http\n      scheme: bearer\n      bearerFormat: JWT\n"
                        f"security:\n  - ApiKeyAuth: []\n"))
        elif j == 3:
            out.append((ctx, "schemas/config.schema.json",
                        '{\n  "$schema": "https://json-schema.org/draft/2020-12/schema",\n  "type": "object",\n  "properties": {\n'
                        '    "apiKey": {"type": "string", "description": "API key used to authenticate"},\n'
                        '    "password": {"type": "string", "minLength": 12, "writeOnly": true},\n'
                        '    "token": {"type": ["string", "null"], "default": null}\n  },\n  "required": ["apiKey"]\n}\n'))
        elif j == 4:
            out.append((ctx, f"proto/{ctx['svc']}/v1/auth.proto",
                        f"syntax = \"proto3\";\n\npackage {ctx['svc']}.v1;\n\nmessage LoginRequest {{\n  string username = 1;\n  string password = 2;\n}}\n\n"
                        f"message Credentials {{\n  string api_key = 1;\n  string access_token = 2;\n  int64 expires_at = 3;\n}}\n"))
        elif j == 5:
            out.append((ctx, "prisma/schema.prisma",
                        "model User {\n  id           Int      @id @default(autoincrement())\n  email        String   @unique\n  passwordHash String\n"
                        "  apiTokens    ApiToken[]\n}\n\nmodel ApiToken {\n  id        Int    @id @default(autoincrement())\n  tokenHash String @unique\n}\n"))
        elif j == 6:
            out.append((ctx, f"{ctx['svc']}/models.py",
                        "from django.db import models\n\n\nclass Integration(models.Model):\n    name = models.CharField(max_length=100)\n"
                        "    api_key = models.CharField(max_length=255, blank=True)\n    secret = EncryptedTextField(null=True)\n    token_expires_at = models.DateTimeField(null=True)\n"))
        elif j == 7:
            out.append((ctx, "src/types.ts",
                        "export interface ProviderConfig {\n  apiKey: string;\n  apiSecret?: string;\n  password: string;\n  tokenUrl: string;\n}\n"))
        elif j == 8:
            out.append((ctx, "variables.tf",
                        f"variable \"db_password\" {{\n  description = \"Password for the {ctx['svc']} database\"\n  type        = string\n  sensitive   = true\n}}\n\n"
                        f"variable \"api_key\" {{\n  type      = string\n  sensitive = true\n  default   = null\n}}\n"))
        else:
            out.append((ctx, f"charts/{ctx['svc']}/values.schema.json",
                        '{\n  "properties": {\n    "auth": {\n      "properties": {\n        "existingSecret": {"type": "string"},\n'
                        '        "secretKeys": {"properties": {"adminPasswordKey": {"type": "string", "default": "admin-password"}}}\n      }\n    }\n  }\n}\n'))
    return out


def cat_hash_git(rng, ctxs):
    # Git object ids name commits and trees; anyone with read access to the repository sees them.
    out = []
    for i in range(30):
        ctx = ctxs()
        sha, sha2 = hexs(rng, 40), hexs(rng, 40)
        j = i % 10
        if j == 0:
            out.append((ctx, ".github/workflows/ci.yml",
                        f"name: ci\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@{sha} # v4.2.2\n"
                        f"      - uses: actions/setup-node@{sha2} # v4.1.0\n        with:\n          node-version: 22\n      - run: echo \"sha=${{{{ github.sha }}}}\"\n"))
        elif j == 1:
            out.append((ctx, "build-info.json",
                        f'{{\n  "commit": "{sha}",\n  "branch": "main",\n  "buildNumber": {rng.randrange(100, 9999)},\n  "GITHUB_SHA": "{sha}"\n}}\n'))
        elif j == 2:
            out.append((ctx, ".git-blame-ignore-revs",
                        f"# Reformat with black\n{sha}\n# Migrate to ruff\n{sha2}\n"))
        elif j == 3:
            out.append((ctx, "CHANGELOG.md",
                        f"## [2.3.1](https://github.com/{ctx['org']}/{ctx['svc']}/compare/v2.3.0...v2.3.1)\n\n### Bug Fixes\n\n"
                        f"* rotate the signing key on startup ([{sha[:7]}](https://github.com/{ctx['org']}/{ctx['svc']}/commit/{sha}))\n"
                        f"* token refresh race ([{sha2[:7]}](https://github.com/{ctx['org']}/{ctx['svc']}/commit/{sha2}))\n"))
        elif j == 4:
            out.append((ctx, "docs/release.md",
                        f"```\n$ git log --oneline -3\n{sha[:7]} Rotate API token for the deploy bot\n{sha2[:7]} Remove leaked password from history\n"
                        f"{hexs(rng, 7)} Bump version\n$ git rev-parse HEAD\n{sha}\n```\n"))
        elif j == 5:
            out.append((ctx, "renovate.json",
                        f'{{\n  "extends": ["config:recommended"],\n  "packageRules": [{{"matchPackageNames": ["{ctx["svc"]}"], "pinDigests": true}}],\n'
                        f'  "baseBranchSha": "{sha}"\n}}\n'))
        elif j == 6:
            out.append((ctx, "deploy/version.env",
                        f"GIT_COMMIT={sha}\nGIT_COMMIT_SHORT={sha[:8]}\nSOURCE_VERSION={sha}\nBUILD_ID={uuid4(rng)}\n"))
        elif j == 7:
            out.append((ctx, "flake.lock",
                        f'{{\n  "nodes": {{\n    "nixpkgs": {{\n      "locked": {{\n        "lastModified": {digits(rng, 10)},\n'
                        f'        "narHash": "sha256-{b64(rng, 32)}",\n        "owner": "NixOS",\n        "repo": "nixpkgs",\n        "rev": "{sha}",\n'
                        f'        "type": "github"\n      }}\n    }}\n  }},\n  "version": 7\n}}\n'))
        elif j == 8:
            out.append((ctx, "docs/submodules.txt",
                        f"$ git submodule status\n {sha} vendor/{ctx['svc']}-protos (v1.2.0)\n+{sha2} third_party/auth-sdk (heads/main)\n"))
        else:
            out.append((ctx, "go.mod",
                        f"module github.com/{ctx['org']}/{ctx['svc']}\n\ngo 1.23\n\nrequire (\n"
                        f"\tgithub.com/{ctx['org']}/tokenlib v0.0.0-2026{digits(rng, 10)}-{sha[:12]}\n\tgolang.org/x/oauth2 v0.24.0\n)\n"))
    return out


def cat_hash_lockfiles(rng, ctxs):
    # Lockfile integrity fields are digests of public packages, published by the registries.
    out = []
    pk = ["lodash", "jsonwebtoken", "passport-oauth2", "bcrypt", "dotenv", "secure-password", "keytar", "node-forge", "axios", "express-session"]
    for i in range(36):
        ctx = ctxs()
        name = rng.choice(pk)
        v = f"{rng.randrange(1, 9)}.{rng.randrange(30)}.{rng.randrange(30)}"
        j = i % 12
        if j == 0:
            out.append((ctx, "package-lock.json",
                        f'{{\n  "name": "{ctx["svc"]}",\n  "lockfileVersion": 3,\n  "packages": {{\n    "node_modules/{name}": {{\n      "version": "{v}",\n'
                        f'      "resolved": "https://registry.npmjs.org/{name}/-/{name}-{v}.tgz",\n      "integrity": "sha512-{b64(rng, 64)}"\n    }},\n'
                        f'    "node_modules/{rng.choice(pk)}": {{\n      "version": "1.0.0",\n      "integrity": "sha1-{b64(rng, 20)}"\n    }}\n  }}\n}}\n'))
        elif j == 1:
            out.append((ctx, "yarn.lock",
                        f'# THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.\n# yarn lockfile v1\n\n\n{name}@^{v}:\n  version "{v}"\n'
                        f'  resolved "https://registry.yarnpkg.com/{name}/-/{name}-{v}.tgz#{hexs(rng, 40)}"\n  integrity sha512-{b64(rng, 64)}\n'))
        elif j == 2:
            out.append((ctx, "go.sum",
                        "".join(f"{m} {ver} h1:{b64(rng, 32)}\n{m} {ver}/go.mod h1:{b64(rng, 32)}\n" for m, ver in
                                [("golang.org/x/oauth2", "v0.24.0"), ("github.com/golang-jwt/jwt/v5", "v5.2.1"), ("github.com/aws/aws-sdk-go-v2/credentials", "v1.17.41")])))
        elif j == 3:
            out.append((ctx, "Cargo.lock",
                        f'# This file is automatically @generated by Cargo.\nversion = 3\n\n[[package]]\nname = "jsonwebtoken"\nversion = "9.3.0"\n'
                        f'source = "registry+https://github.com/rust-lang/crates.io-index"\nchecksum = "{hexs(rng, 64)}"\n\n[[package]]\nname = "secrecy"\n'
                        f'version = "0.10.3"\nsource = "registry+https://github.com/rust-lang/crates.io-index"\nchecksum = "{hexs(rng, 64)}"\n'))
        elif j == 4:
            out.append((ctx, "poetry.lock",
                        f'[[package]]\nname = "python-dotenv"\nversion = "1.0.1"\ndescription = "Read key-value pairs from a .env file"\noptional = false\n'
                        f'python-versions = ">=3.8"\nfiles = [\n    {{file = "python_dotenv-1.0.1-py3-none-any.whl", hash = "sha256:{hexs(rng, 64)}"}},\n'
                        f'    {{file = "python-dotenv-1.0.1.tar.gz", hash = "sha256:{hexs(rng, 64)}"}},\n]\n\n[metadata]\ncontent-hash = "{hexs(rng, 64)}"\n'))
        elif j == 5:
            out.append((ctx, "requirements.txt",
                        f"# generated by pip-compile --generate-hashes\ncryptography==43.0.3 \\\n    --hash=sha256:{hexs(rng, 64)} \\\n    --hash=sha256:{hexs(rng, 64)}\n"
                        f"pyjwt==2.9.0 \\\n    --hash=sha256:{hexs(rng, 64)}\n"))
        elif j == 6:
            out.append((ctx, "Pipfile.lock",
                        f'{{\n    "_meta": {{\n        "hash": {{\n            "sha256": "{hexs(rng, 64)}"\n        }}\n    }},\n    "default": {{\n'
                        f'        "keyring": {{\n            "hashes": [\n                "sha256:{hexs(rng, 64)}"\n            ],\n            "version": "==25.5.0"\n        }}\n    }}\n}}\n'))
        elif j == 7:
            out.append((ctx, "composer.lock",
                        f'{{\n    "content-hash": "{hexs(rng, 32)}",\n    "packages": [\n        {{\n            "name": "firebase/php-jwt",\n            "version": "v6.10.1",\n'
                        f'            "dist": {{\n                "type": "zip",\n                "url": "https://api.github.com/repos/firebase/php-jwt/zipball/{hexs(rng, 40)}",\n'
                        f'                "reference": "{hexs(rng, 40)}",\n                "shasum": ""\n            }}\n        }}\n    ]\n}}\n'))
        elif j == 8:
            out.append((ctx, "pnpm-lock.yaml",
                        f"lockfileVersion: '9.0'\n\npackages:\n\n  {name}@{v}:\n    resolution: {{integrity: sha512-{b64(rng, 64)}}}\n    engines: {{node: '>=14'}}\n"))
        elif j == 9:
            out.append((ctx, ".terraform.lock.hcl",
                        f'provider "registry.terraform.io/hashicorp/aws" {{\n  version     = "5.76.0"\n  constraints = "~> 5.0"\n  hashes = [\n'
                        f'    "h1:{b64(rng, 32)}",\n    "zh:{hexs(rng, 64)}",\n    "zh:{hexs(rng, 64)}",\n  ]\n}}\n'))
        elif j == 10:
            out.append((ctx, "Gemfile.lock",
                        f"GEM\n  remote: https://rubygems.org/\n  specs:\n    jwt (2.9.3)\n      base64\n\nCHECKSUMS\n  jwt (2.9.3) sha256={hexs(rng, 64)}\n"
                        f"  base64 (0.2.0) sha256={hexs(rng, 64)}\n\nBUNDLED WITH\n   2.6.2\n"))
        else:
            out.append((ctx, "gradle/verification-metadata.xml",
                        f'<?xml version="1.0" encoding="UTF-8"?>\n<verification-metadata>\n  <components>\n    <component group="io.jsonwebtoken" name="jjwt-api" version="0.12.6">\n'
                        f'      <artifact name="jjwt-api-0.12.6.jar">\n        <sha256 value="{hexs(rng, 64)}" origin="Generated by Gradle"/>\n'
                        f'      </artifact>\n    </component>\n  </components>\n</verification-metadata>\n'))
    return out


def cat_hash_digests(rng, ctxs):
    # Content digests (image digests, checksums, SRI, ETags) identify public artifacts.
    out = []
    for i in range(33):
        ctx = ctxs()
        h = hexs(rng, 64)
        j = i % 11
        if j == 0:
            out.append((ctx, "k8s/deploy.yaml",
                        f"apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {ctx['svc']}\nspec:\n  template:\n    spec:\n      containers:\n"
                        f"        - name: {ctx['svc']}\n          image: ghcr.io/{ctx['org']}/{ctx['svc']}@sha256:{h}\n"))
        elif j == 1:
            out.append((ctx, "Dockerfile",
                        f"FROM node:22-alpine@sha256:{h} AS build\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\n"
                        f"FROM gcr.io/distroless/nodejs22@sha256:{hexs(rng, 64)}\nCOPY --from=build /app/dist /app\n"))
        elif j == 2:
            out.append((ctx, "SHA256SUMS",
                        f"{h}  {ctx['svc']}_linux_amd64.tar.gz\n{hexs(rng, 64)}  {ctx['svc']}_darwin_arm64.tar.gz\n{hexs(rng, 64)}  {ctx['svc']}_windows_amd64.zip\n"))
        elif j == 3:
            out.append((ctx, "public/index.html",
                        f'<!doctype html>\n<html>\n<head>\n  <script src="https://cdn.jsdelivr.net/npm/bootstrap@5.3.3/dist/js/bootstrap.bundle.min.js"\n'
                        f'    integrity="sha384-{b64(rng, 48)}" crossorigin="anonymous"></script>\n'
                        f'  <link rel="stylesheet" href="/assets/app.css" integrity="sha256-{b64(rng, 32)}">\n</head>\n</html>\n'))
        elif j == 4:
            out.append((ctx, f"Formula/{ctx['svc']}.rb",
                        f"class {pascal(ctx['svc'])} < Formula\n  desc \"Command-line client for the {ctx['svc']} API\"\n"
                        f"  url \"https://github.com/{ctx['org']}/{ctx['svc']}/archive/refs/tags/v1.8.0.tar.gz\"\n  sha256 \"{h}\"\n  license \"MIT\"\nend\n"))
        elif j == 5:
            out.append((ctx, "docs/install.md",
                        f"Verify the download:\n\n```\n$ sha256sum {ctx['svc']}-1.8.0.tar.gz\n{h}  {ctx['svc']}-1.8.0.tar.gz\n"
                        f"$ md5sum {ctx['svc']}-1.8.0.tar.gz\n{hexs(rng, 32)}  {ctx['svc']}-1.8.0.tar.gz\n```\n"))
        elif j == 6:
            out.append((ctx, "docs/http-cache.md",
                        f"```\nHTTP/2 200\ncontent-type: application/json\netag: \"{hexs(rng, 32)}\"\nx-request-id: {uuid4(rng)}\n"
                        f"cache-control: private, max-age=60\n```\n"))
        elif j == 7:
            out.append((ctx, f"charts/{ctx['svc']}/Chart.lock",
                        f"dependencies:\n- name: postgresql\n  repository: oci://registry-1.docker.io/bitnamicharts\n  version: 16.2.1\n"
                        f"digest: sha256:{h}\ngenerated: \"2026-10-01T12:00:00.000000+00:00\"\n"))
        elif j == 8:
            out.append((ctx, ".secrets.baseline",
                        f'{{\n  "version": "1.5.0",\n  "results": {{\n    "config/settings.py": [\n      {{\n        "type": "Secret Keyword",\n'
                        f'        "filename": "config/settings.py",\n        "hashed_secret": "{hexs(rng, 40)}",\n        "is_verified": false,\n'
                        f'        "line_number": {rng.randrange(5, 90)}\n      }}\n    ]\n  }}\n}}\n'))
        elif j == 9:
            out.append((ctx, "release/manifest.json",
                        f'{{\n  "version": "3.2.0",\n  "artifacts": [\n    {{"name": "{ctx["svc"]}.tar.gz", "sha256": "{h}", "sha1": "{hexs(rng, 40)}", "size": {rng.randrange(10**6, 10**8)}}}\n  ]\n}}\n'))
        else:
            out.append((ctx, "docs/maven.md",
                        f"```\n$ cat {ctx['svc']}-2.1.0.jar.sha1\n{hexs(rng, 40)}\n$ cat {ctx['svc']}-2.1.0.jar.md5\n{hexs(rng, 32)}\n```\n"))
    return out


def cat_fingerprints(rng, ctxs):
    # Fingerprints and host keys are public identifiers of keys, published so that people can verify them.
    out = []
    for i in range(30):
        ctx = ctxs()
        fp = hexs(rng, 40).upper()
        j = i % 10
        if j == 0:
            out.append((ctx, "docs/verify.md",
                        f"Releases are signed with our PGP key:\n\n```\npub   ed25519 2024-01-10 [SC]\n      {' '.join(fp[k:k + 4] for k in range(0, 40, 4))}\n"
                        f"uid           [ultimate] {ctx['org']} release signing <security@{ctx['org']}.io>\n```\n\n"
                        f"Fingerprint: `{fp}`\n"))
        elif j == 1:
            out.append((ctx, "docs/ssh.md",
                        f"The server's host key fingerprints are:\n\n```\nSHA256:{b64(rng, 32, pad=False)} (ED25519)\n"
                        f"SHA256:{b64(rng, 32, pad=False)} (RSA)\nMD5:{':'.join(hexs(rng, 2) for _ in range(16))} (ECDSA)\n```\n"))
        elif j == 2:
            out.append((ctx, "deploy/known_hosts",
                        f"github.com {ssh_pub(rng)}\ngitlab.{ctx['org']}.io {ssh_pub(rng)}\n"
                        f"|1|{b64(rng, 20)}|{b64(rng, 20)} {ssh_pub(rng)}\n"))
        elif j == 3:
            out.append((ctx, "infra/cert.tf",
                        f"resource \"azurerm_key_vault_certificate\" \"{ctx['svc']}\" {{\n  name = \"{ctx['svc']}-tls\"\n}}\n\n"
                        f"locals {{\n  certificate_thumbprint = \"{fp}\"\n  certificate_serial     = \"{hexs(rng, 32).upper()}\"\n}}\n"))
        elif j == 4:
            out.append((ctx, "docs/tls.md",
                        f"```\n$ openssl x509 -in server.crt -noout -serial -fingerprint -sha256\nserial={hexs(rng, 32).upper()}\n"
                        f"sha256 Fingerprint={':'.join(hexs(rng, 2).upper() for _ in range(32))}\n```\n"))
        elif j == 5:
            out.append((ctx, ".gitconfig",
                        f"[user]\n\tname = {ctx['org']} release bot\n\temail = release@{ctx['org']}.io\n\tsigningkey = {fp[-16:]}\n[commit]\n\tgpgsign = true\n"))
        elif j == 6:
            out.append((ctx, "ansible/group_vars/all.yml",
                        f"ssh_known_hosts:\n  - name: bastion.{ctx['org']}.io\n    key: \"bastion.{ctx['org']}.io {ssh_pub(rng)}\"\n"
                        f"gpg_key_id: \"{fp}\"\napt_repo_key_fingerprint: \"{hexs(rng, 40).upper()}\"\n"))
        elif j == 7:
            out.append((ctx, "web.config",
                        f'<?xml version="1.0"?>\n<configuration>\n  <system.identityModel>\n    <identityConfiguration>\n      <issuerNameRegistry>\n'
                        f'        <trustedIssuers>\n          <add thumbprint="{fp}" name="https://sts.windows.net/{ctx["org"]}/" />\n'
                        f'        </trustedIssuers>\n      </issuerNameRegistry>\n    </identityConfiguration>\n  </system.identityModel>\n</configuration>\n'))
        elif j == 8:
            out.append((ctx, "SECURITY.md",
                        f"# Security policy\n\nReport vulnerabilities to security@{ctx['org']}.io, encrypted to our key\n"
                        f"`{fp}` (keys.openpgp.org). Do not include credentials in reports.\n"))
        else:
            out.append((ctx, "config/sshd_fingerprints.txt",
                        f"256 SHA256:{b64(rng, 32, pad=False)} root@{ctx['svc']}-01 (ED25519)\n3072 SHA256:{b64(rng, 32, pad=False)} root@{ctx['svc']}-01 (RSA)\n"))
    return out


def cat_public_cloud_ids(rng, ctxs):
    # Account ids, ARNs of roles/buckets, regions and bucket names identify resources; they grant no access.
    out = []
    for i in range(30):
        ctx = ctxs()
        acct, region = digits(rng, 12), rng.choice(["us-east-1", "eu-central-1", "ap-northeast-1", "us-west-2", "sa-east-1"])
        svc, org = ctx["svc"], ctx["org"]
        j = i % 10
        if j == 0:
            out.append((ctx, ".env", f"AWS_REGION={region}\nAWS_ACCOUNT_ID={acct}\nS3_BUCKET={org}-{svc}-uploads\nAWS_ROLE_ARN=arn:aws:iam::{acct}:role/{svc}-deploy\n"))
        elif j == 1:
            out.append((ctx, ".github/workflows/deploy.yml",
                        f"permissions:\n  id-token: write\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: aws-actions/configure-aws-credentials@v4\n"
                        f"        with:\n          role-to-assume: arn:aws:iam::{acct}:role/github-actions-{svc}\n          aws-region: {region}\n"))
        elif j == 2:
            out.append((ctx, "infra/provider.tf",
                        f"provider \"aws\" {{\n  region              = \"{region}\"\n  allowed_account_ids = [\"{acct}\"]\n}}\n\n"
                        f"terraform {{\n  backend \"s3\" {{\n    bucket         = \"{org}-terraform-state\"\n    key            = \"{svc}/terraform.tfstate\"\n"
                        f"    region         = \"{region}\"\n    dynamodb_table = \"terraform-locks\"\n    kms_key_id     = \"alias/terraform-state\"\n  }}\n}}\n"))
        elif j == 3:
            out.append((ctx, "config/aws.yaml",
                        f"aws:\n  region: {region}\n  kms_key_arn: arn:aws:kms:{region}:{acct}:key/{uuid4(rng)}\n  sqs_queue_url: https://sqs.{region}.amazonaws.com/{acct}/{svc}-events\n"
                        f"  sns_topic_arn: arn:aws:sns:{region}:{acct}:{svc}-alerts\n"))
        elif j == 4:
            out.append((ctx, "policy.json",
                        f'{{\n  "Version": "2012-10-17",\n  "Statement": [{{\n    "Effect": "Allow",\n    "Principal": {{"AWS": "arn:aws:iam::{acct}:root"}},\n'
                        f'    "Action": ["s3:GetObject"],\n    "Resource": "arn:aws:s3:::{org}-{svc}-assets/*"\n  }}]\n}}\n'))
        elif j == 5:
            out.append((ctx, "deploy/gcp.env",
                        f"GOOGLE_CLOUD_PROJECT={org}-{svc}-prod\nGCP_REGION=europe-west1\nGCS_BUCKET={org}-{svc}-media\n"
                        f"SERVICE_ACCOUNT={svc}-runner@{org}-{svc}-prod.iam.gserviceaccount.com\nWORKLOAD_IDENTITY_PROVIDER=projects/{digits(rng, 12)}/locations/global/workloadIdentityPools/github/providers/github\n"))
        elif j == 6:
            out.append((ctx, "docs/architecture.md",
                        f"Static assets are served from CloudFront distribution `E{''.join(rng.choice('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789') for _ in range(13))}` in front of the\n"
                        f"`{org}-{svc}-static` bucket in account {acct} ({region}). The ECR repository is\n"
                        f"`{acct}.dkr.ecr.{region}.amazonaws.com/{svc}`.\n"))
        elif j == 7:
            out.append((ctx, "samconfig.toml",
                        f'version = 0.1\n[default.deploy.parameters]\nstack_name = "{svc}"\ns3_bucket = "aws-sam-cli-managed-default-samclisourcebucket-{hexs(rng, 12)}"\n'
                        f'region = "{region}"\ncapabilities = "CAPABILITY_IAM"\n'))
        elif j == 8:
            out.append((ctx, "config/azure.json",
                        f'{{\n  "location": "westeurope",\n  "resourceGroup": "rg-{svc}-prod",\n  "storageAccountName": "{org}{svc}store",\n'
                        f'  "keyVaultName": "kv-{svc}-prod",\n  "appServicePlan": "asp-{svc}"\n}}\n'))
        else:
            out.append((ctx, "k8s/serviceaccount.yaml",
                        f"apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: {svc}\n  annotations:\n"
                        f"    eks.amazonaws.com/role-arn: arn:aws:iam::{acct}:role/{svc}-irsa\n"))
    return out


def cat_public_saas_ids(rng, ctxs):
    # Channel ids, price/product ids, phone numbers, analytics ids and model names are public references.
    out = []
    U = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    for i in range(33):
        ctx = ctxs()
        chan = "C0" + "".join(rng.choice(U) for _ in range(9))
        price = "price_1" + "".join(rng.choice(ALNUM) for _ in range(23))
        prod = "prod_" + "".join(rng.choice(ALNUM) for _ in range(14))
        phone = "+1" + rng.choice(["415", "646", "312", "206"]) + "555" + digits(rng, 4)
        ga = "G-" + "".join(rng.choice(U) for _ in range(10))
        j = i % 11
        if j == 0:
            out.append((ctx, "config/slack.yaml", f"slack:\n  alerts_channel: \"{chan}\"\n  deploys_channel: \"#deploys\"\n  oncall_user_group: S0{''.join(rng.choice(U) for _ in range(9))}\n"))
        elif j == 1:
            out.append((ctx, "src/billing/plans.ts",
                        f"export const PLANS = {{\n  pro: {{ priceId: '{price}', productId: '{prod}' }},\n"
                        f"  team: {{ priceId: 'price_1{''.join(rng.choice(ALNUM) for _ in range(23))}' }},\n}};\n"))
        elif j == 2:
            out.append((ctx, ".env", f"TWILIO_FROM_NUMBER={phone}\nSUPPORT_PHONE={phone}\nSMS_REGION=us1\n"))
        elif j == 3:
            out.append((ctx, "src/analytics.js",
                        f"window.dataLayer = window.dataLayer || [];\nfunction gtag(){{dataLayer.push(arguments);}}\ngtag('js', new Date());\n"
                        f"gtag('config', '{ga}');\nconst UA_ID = 'UA-{digits(rng, 8)}-1';\nconst GTM_ID = 'GTM-{''.join(rng.choice(U) for _ in range(7))}';\n"))
        elif j == 4:
            out.append((ctx, "config/llm.yaml",
                        f"llm:\n  provider: openai\n  model: {rng.choice(['gpt-4o-mini', 'gpt-4.1', 'o3-mini', 'text-embedding-3-small'])}\n"
                        f"  fallback_model: {rng.choice(['claude-3-5-sonnet-20241022', 'claude-3-haiku-20240307', 'gemini-1.5-pro-002'])}\n"
                        f"  embeddings: text-embedding-3-large\n  max_tokens: 4096\n  temperature: 0.2\n"))
        elif j == 5:
            out.append((ctx, "sentry.properties" if i % 2 else ".sentryclirc",
                        f"defaults.url=https://sentry.io/\ndefaults.org={ctx['org']}\ndefaults.project={ctx['svc']}-web\n"))
        elif j == 6:
            out.append((ctx, "package.json",
                        f'{{\n  "name": "@{ctx["org"]}/{ctx["svc"]}",\n  "version": "{rng.randrange(1, 5)}.{rng.randrange(20)}.{rng.randrange(20)}",\n'
                        f'  "dependencies": {{\n    "@octokit/auth-token": "^5.1.1",\n    "@slack/web-api": "^7.7.0",\n    "stripe": "^17.3.1",\n'
                        f'    "openai": "^4.73.0",\n    "secure-token": "1.0.0"\n  }}\n}}\n'))
        elif j == 7:
            out.append((ctx, "src/config/search.ts",
                        f"export const searchConfig = {{\n  appId: '{''.join(rng.choice(U) for _ in range(10))}',\n  indexName: '{ctx['svc']}_production',\n}};\n"))
        elif j == 8:
            out.append((ctx, "config/notifications.json",
                        f'{{\n  "slack": {{"channel": "{chan}", "team": "T0{"".join(rng.choice(U) for _ in range(9))}"}},\n'
                        f'  "pagerduty": {{"service": "P{"".join(rng.choice(U) for _ in range(6))}", "escalation_policy": "P{"".join(rng.choice(U) for _ in range(6))}"}},\n'
                        f'  "stripe_product": "{prod}"\n}}\n'))
        elif j == 9:
            out.append((ctx, "docker-compose.yml",
                        f"services:\n  api:\n    image: {ctx['org']}/{ctx['svc']}:2.{rng.randrange(10)}.{rng.randrange(10)}\n  token-service:\n"
                        f"    image: ghcr.io/{ctx['org']}/token-service:sha-{hexs(rng, 7)}\n  vault:\n    image: hashicorp/vault:1.18\n"))
        else:
            out.append((ctx, "app.json",
                        f'{{\n  "expo": {{\n    "name": "{ctx["svc"]}",\n    "slug": "{ctx["org"]}-{ctx["svc"]}",\n    "ios": {{"bundleIdentifier": "io.{ctx["org"]}.{ctx["svc"]}", "buildNumber": "{rng.randrange(100, 999)}"}},\n'
                        f'    "extra": {{"eas": {{"projectId": "{uuid4(rng)}"}}}}\n  }}\n}}\n'))
    return out


def cat_public_build_ids(rng, ctxs):
    # Trace ids, request ids of logs, build and run ids are random but identify events, not principals.
    out = []
    for i in range(30):
        ctx = ctxs()
        tid, sid = hexs(rng, 32), hexs(rng, 16)
        j = i % 10
        if j == 0:
            out.append((ctx, "logs/app.log", "".join(
                f'{{"ts":"2026-11-0{k + 1}T10:0{k}:00Z","level":"info","msg":"token refreshed","trace_id":"{hexs(rng, 32)}","span_id":"{hexs(rng, 16)}","request_id":"{uuid4(rng)}"}}\n'
                for k in range(4))))
        elif j == 1:
            out.append((ctx, "docs/tracing.md",
                        f"Propagate the trace context header:\n\n```\ntraceparent: 00-{tid}-{sid}-01\ntracestate: {ctx['org']}=t61rcWkgMzE\n```\n"))
        elif j == 2:
            out.append((ctx, "build/metadata.env",
                        f"BUILD_ID={uuid4(rng)}\nBUILD_NUMBER={rng.randrange(1000, 99999)}\nGITHUB_RUN_ID={digits(rng, 11)}\nGITHUB_RUN_ATTEMPT=1\nCI_PIPELINE_ID={digits(rng, 10)}\n"))
        elif j == 3:
            out.append((ctx, "docs/incident-2026-10-14.md",
                        f"# Incident: expired API token\n\nRequests failed with 401 from 09:12 to 09:40 UTC after the partner rotated\nthe API token. "
                        f"Example failing request id: `{uuid4(rng)}`, trace `{tid}`.\nThe new token was stored in Vault and the pods restarted.\n"))
        elif j == 4:
            out.append((ctx, "config/feature-flags.json",
                        "{\n" + ",\n".join(f'  "{uuid4(rng)}": {{"name": "{n}", "enabled": {rng.choice(["true", "false"])}}}'
                                           for n in ["new-token-ui", "password-less-login", "api-key-rotation"]) + "\n}\n"))
        elif j == 5:
            out.append((ctx, f"migrations/2025{rng.randrange(1, 13):02d}{rng.randrange(1, 29):02d}{rng.randrange(10**6):06d}_seed_roles.sql",
                        f"INSERT INTO roles (id, name) VALUES\n  ('{uuid4(rng)}', 'admin'),\n  ('{uuid4(rng)}', 'api-key-manager'),\n  ('{uuid4(rng)}', 'viewer');\n"))
        elif j == 6:
            out.append((ctx, "src/main/resources/logback.xml",
                        f'<configuration>\n  <property name="instance.id" value="{uuid4(rng)}"/>\n  <appender name="JSON" class="ch.qos.logback.core.ConsoleAppender"/>\n</configuration>\n'))
        elif j == 7:
            out.append((ctx, "dashboards/grafana.json",
                        f'{{\n  "uid": "{"".join(rng.choice(ALNUM) for _ in range(14))}",\n  "title": "{ctx["svc"]} token usage",\n'
                        f'  "panels": [{{"id": 1, "datasource": {{"type": "prometheus", "uid": "{"".join(rng.choice(ALNUM) for _ in range(9))}"}}}}]\n}}\n'))
        elif j == 8:
            out.append((ctx, "docs/support.md",
                        f"When you contact support, include the error's correlation id, for example:\n\n```\n"
                        f"Error: invalid_grant (correlation_id: {uuid4(rng)}, timestamp: 2026-09-30 12:01:44Z)\n```\n"))
        else:
            out.append((ctx, "ci-logs/summary.txt",
                        f"Build #{rng.randrange(1000, 9999)} succeeded\nJob id: {digits(rng, 10)}\nArtifact id: {digits(rng, 10)}\n"
                        f"Cache key: node-modules-{hexs(rng, 64)}\nRunner: {ctx['svc']}-runner-{hexs(rng, 8)}\n"))
    return out


def cat_pubkey_ssh(rng, ctxs):
    # SSH public keys are meant to be shared: they go into authorized_keys and cloud instance metadata.
    out = []
    for i in range(28):
        ctx = ctxs()
        k1, k2 = ssh_pub(rng, rng.choice(["ssh-ed25519", "ssh-rsa"])), ssh_pub(rng)
        who = rng.choice(["alice", "bob", "deploy", "ci", "admin", "jenkins"])
        j = i % 7
        if j == 0:
            out.append((ctx, "deploy/authorized_keys", f"{k1} {who}@{ctx['svc']}-laptop\n{k2} deploy@{ctx['org']}.io\n"))
        elif j == 1:
            out.append((ctx, "infra/keypair.tf",
                        f"resource \"aws_key_pair\" \"{who}\" {{\n  key_name   = \"{who}-{ctx['svc']}\"\n  public_key = \"{k1} {who}@{ctx['org']}\"\n}}\n"))
        elif j == 2:
            out.append((ctx, "cloud-init/user-data.yaml",
                        f"#cloud-config\nusers:\n  - name: {who}\n    groups: sudo\n    shell: /bin/bash\n    ssh_authorized_keys:\n      - {k1} {who}@workstation\n"))
        elif j == 3:
            out.append((ctx, f"ansible/roles/users/files/{who}.pub", f"{k1} {who}@{ctx['org']}.io\n"))
        elif j == 4:
            out.append((ctx, "nixos/users.nix",
                        f"{{\n  users.users.{who} = {{\n    isNormalUser = true;\n    openssh.authorizedKeys.keys = [\n      \"{k1} {who}@host\"\n    ];\n  }};\n}}\n"))
        elif j == 5:
            out.append((ctx, ".github/allowed_signers", f"{who}@{ctx['org']}.io namespaces=\"git\" {k2}\n"))
        else:
            out.append((ctx, "docs/access.md",
                        f"# Server access\n\nAdd your public key to `deploy/authorized_keys`. It looks like:\n\n```\n{k2} {who}@laptop\n```\n\n"
                        f"Never commit the private key (`~/.ssh/id_ed25519`).\n"))
    return out


def cat_pubkey_pem(rng, ctxs):
    # Public keys, certificates, JWKS moduli, PGP public blocks and age recipients are public halves of key pairs.
    out = []
    for i in range(30):
        ctx = ctxs()
        j = i % 6
        if j == 0:
            out.append((ctx, rng.choice(["keys/jwt-public.pem", "config/jwt/public.pem", "certs/signing.pub.pem"]), pem("PUBLIC KEY", spki_der(rng)) + "\n"))
        elif j == 1:
            out.append((ctx, rng.choice(["certs/ca.crt", "config/tls/ca-bundle.pem", "docker/certs/root-ca.pem"]),
                        pem("CERTIFICATE", cert_der(rng)) + "\n"))
        elif j == 2:
            n = b64(rng, 256, urlsafe=True, pad=False)
            out.append((ctx, rng.choice([".well-known/jwks.json", "public/.well-known/jwks.json", "config/jwks.json"]),
                        f'{{\n  "keys": [\n    {{\n      "kty": "RSA",\n      "use": "sig",\n      "alg": "RS256",\n      "kid": "{hexs(rng, 16)}",\n'
                        f'      "n": "{n}",\n      "e": "AQAB"\n    }}\n  ]\n}}\n'))
        elif j == 3:
            body = base64.b64encode(b"\x98\x33\x04" + rbytes(rng, 300)).decode()
            lines = [body[k:k + 64] for k in range(0, len(body), 64)]
            out.append((ctx, rng.choice(["KEYS", "docs/release-signing-key.asc", "packaging/apt/repo-key.asc"]),
                        "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\n" + "\n".join(lines) + f"\n={b64(rng, 3)}\n-----END PGP PUBLIC KEY BLOCK-----\n"))
        elif j == 4:
            out.append((ctx, rng.choice([".sops.yaml", "secrets/.sops.yaml"]),
                        f"creation_rules:\n  - path_regex: secrets/.*\\.yaml$\n    age: >-\n      {age_recipient(rng)},\n      {age_recipient(rng)}\n"))
        else:
            out.append((ctx, "config/saml.xml",
                        f'<md:EntityDescriptor entityID="https://{ctx["svc"]}.{ctx["org"]}.io/saml">\n  <md:SPSSODescriptor>\n    <md:KeyDescriptor use="signing">\n'
                        f'      <ds:KeyInfo><ds:X509Data><ds:X509Certificate>{base64.b64encode(cert_der(rng, 600)).decode()}</ds:X509Certificate></ds:X509Data></ds:KeyInfo>\n'
                        f'    </md:KeyDescriptor>\n  </md:SPSSODescriptor>\n</md:EntityDescriptor>\n'))
    return out


def cat_documented_examples(rng, ctxs):
    # The AWS documentation's example key pair: published as an example, never a working credential.
    kid = "AKIA" + "IOSFODNN7" + "EXAMPLE"
    sec = "wJalrXUtnFEMI/K7MDENG/" + "bPxRfiCY" + "EXAMPLEKEY"
    sec2 = "je7MtGbClwBF/2Zp9Utk/" + "h3yCo8nvb" + "EXAMPLEKEY"
    out = []
    for i in range(24):
        ctx = ctxs()
        j = i % 8
        if j == 0:
            out.append((ctx, "docs/aws.md",
                        f"Run `aws configure`:\n\n```\n$ aws configure\nAWS Access Key ID [None]: {kid}\nAWS Secret Access Key [None]: {sec}\n"
                        f"Default region name [None]: us-west-2\nDefault output format [None]: json\n```\n"))
        elif j == 1:
            out.append((ctx, "docs/credentials.md",
                        f"The file `~/.aws/credentials` looks like this:\n\n```ini\n[default]\naws_access_key_id = {kid}\naws_secret_access_key = {sec}\n\n"
                        f"[user1]\naws_access_key_id = {kid}\naws_secret_access_key = {sec2}\n```\n"))
        elif j == 2:
            out.append((ctx, "README.md",
                        f"## Configuration\n\nExport your credentials (the values below are the AWS documentation's examples):\n\n```sh\n"
                        f"export AWS_ACCESS_KEY_ID={kid}\nexport AWS_SECRET_ACCESS_KEY={sec}\nexport AWS_DEFAULT_REGION=us-west-2\n```\n"))
        elif j == 3:
            out.append((ctx, f"src/{ctx['svc']}/docs.py",
                        f'"""Usage::\n\n    client = {pascal(ctx["svc"])}Client(\n        access_key_id="{kid}",\n        secret_access_key="{sec}",\n    )\n"""\n'))
        elif j == 4:
            out.append((ctx, f"internal/{ctx['svc']}/doc.go",
                        f"// Package {ctx['svc']} wraps the S3 client.\n//\n// Static credentials, as in the AWS documentation:\n//\n"
                        f"//\tcfg.Credentials = credentials.NewStaticCredentialsProvider(\"{kid}\", \"{sec}\", \"\")\n"
                        f"package {ctx['svc']}\n"))
        elif j == 5:
            out.append((ctx, "localstack/docker-compose.yml",
                        f"services:\n  localstack:\n    image: localstack/localstack:3\n  app:\n    environment:\n"
                        f"      AWS_ACCESS_KEY_ID: {kid}\n      AWS_SECRET_ACCESS_KEY: {sec}\n      AWS_ENDPOINT_URL: http://localstack:4566\n"))
        elif j == 6:
            out.append((ctx, "docs/iam.md",
                        f"`aws iam create-access-key` prints:\n\n```json\n{{\n    \"AccessKey\": {{\n        \"UserName\": \"Bob\",\n        \"Status\": \"Active\",\n"
                        f"        \"CreateDate\": \"2015-03-09T18:39:23.411Z\",\n        \"SecretAccessKey\": \"{sec}\",\n        \"AccessKeyId\": \"{kid}\"\n    }}\n}}\n```\n"))
        else:
            out.append((ctx, "config/localdev.properties",
                        f"# AWS documentation example values for the local emulator\naws.accessKeyId={kid}\naws.secretKey={sec}\naws.region=us-east-1\n"))
    return out


def cat_encoded_base64(rng, ctxs):
    # Base64 of ordinary text and of images carries content, not credentials.
    texts = ["Hello, world! This is the README of the project.", "#!/bin/sh\necho starting the service\nexec ./server\n",
             "The quick brown fox jumps over the lazy dog", "{\"theme\":\"dark\",\"language\":\"en\",\"pageSize\":50}",
             "server {\n  listen 80;\n  server_name localhost;\n}\n", "Welcome to our newsletter. Unsubscribe at any time."]
    out = []
    for i in range(30):
        ctx = ctxs()
        t = base64.b64encode(rng.choice(texts).encode()).decode()
        png = base64.b64encode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + rbytes(rng, 180)).decode()
        j = i % 8
        if j == 0:
            out.append((ctx, "src/styles/icons.css", f".icon-key {{\n  background-image: url(\"data:image/png;base64,{png}\");\n  width: 16px;\n}}\n"))
        elif j == 1:
            out.append((ctx, "docs/github-api.md",
                        f"```json\n{{\n  \"type\": \"file\",\n  \"encoding\": \"base64\",\n  \"name\": \"README.md\",\n  \"content\": \"{t}\",\n"
                        f"  \"sha\": \"{hexs(rng, 40)}\"\n}}\n```\n"))
        elif j == 2:
            out.append((ctx, "k8s/configmap.yaml",
                        f"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {ctx['svc']}-static\nbinaryData:\n  logo.png: {png}\ndata:\n  motd: Welcome\n"))
        elif j == 3:
            out.append((ctx, "public/email/welcome.html",
                        f'<html><body>\n<img alt="logo" src="data:image/png;base64,{png}">\n<p>Set your password to finish creating your account.</p>\n</body></html>\n'))
        elif j == 4:
            out.append((ctx, "cloud-init/write-files.yaml",
                        f"#cloud-config\nwrite_files:\n  - path: /etc/motd\n    encoding: b64\n    content: {t}\n    permissions: '0644'\n"))
        elif j == 5:
            out.append((ctx, "src/assets/placeholder.ts", f"export const AVATAR_PLACEHOLDER =\n  'data:image/png;base64,{png}';\n"))
        elif j == 6:
            woff = base64.b64encode(b"wOF2\x00\x01\x00\x00" + rbytes(rng, 240)).decode()
            out.append((ctx, "src/styles/fonts.css",
                        f"@font-face {{\n  font-family: 'Icons';\n  src: url(data:font/woff2;base64,{woff}) format('woff2');\n}}\n"))
        else:
            out.append((ctx, "docs/webhooks.md",
                        f"Payloads are base64 encoded:\n\n```\n{{\"event\": \"push\", \"data\": \"{t}\"}}\n```\n\nDecode with `base64 -d`.\n"))
    return out


def cat_encoded_hex_uuid(rng, ctxs):
    # Hex dumps, UUID lists and binary tables are data, with no credential word or format.
    out = []
    for i in range(24):
        ctx = ctxs()
        j = i % 6
        if j == 0:
            rows = []
            for k in range(8):
                bs = rbytes(rng, 16)
                rows.append(f"{k * 16:08x}: " + " ".join(bs[m:m + 2].hex() for m in range(0, 16, 2)) + "  " + "".join(chr(b) if 32 <= b < 127 else "." for b in bs))
            out.append((ctx, "docs/file-format.md", "The header of a `.pack` file:\n\n```\n$ xxd -l 128 data.pack\n" + "\n".join(rows) + "\n```\n"))
        elif j == 1:
            out.append((ctx, "data/region-ids.txt", "".join(uuid4(rng) + "\n" for _ in range(12))))
        elif j == 2:
            out.append((ctx, f"src/{ctx['svc']}/crc_table.c",
                        "static const unsigned char sbox[64] = {\n" + ",\n".join("    " + ", ".join(f"0x{b:02x}" for b in rbytes(rng, 8)) for _ in range(8)) + "\n};\n"))
        elif j == 3:
            out.append((ctx, "firmware/boot.hex", "".join(f":10{k * 16:04X}00{rbytes(rng, 16).hex().upper()}{hexs(rng, 2).upper()}\n" for k in range(10)) + ":00000001FF\n"))
        elif j == 4:
            out.append((ctx, "src/ids.go",
                        "package ids\n\nvar wellKnown = []string{\n" + "".join(f'\t"{uuid4(rng)}",\n' for _ in range(6)) + "}\n"))
        else:
            out.append((ctx, "config/digest-vectors.json",
                        '{\n  "sha256": [\n' + ",\n".join(f'    {{"input": "{w}", "digest": "{hexs(rng, 64)}"}}' for w in ["abc", "", "hello"]) + "\n  ]\n}\n"))
    return out


def cat_web_assets(rng, ctxs):
    # Minified code, source maps, SVG paths and hashed asset names look random but are build output.
    out = []
    for i in range(30):
        ctx = ctxs()
        j = i % 6
        if j == 0:
            d = " ".join(f"{rng.choice('MLCQ')}{rng.randrange(0, 24)}.{rng.randrange(100)} {rng.randrange(0, 24)}.{rng.randrange(100)}" for _ in range(30))
            out.append((ctx, "src/icons/key.svg", f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><title>API key</title><path d="{d}Z"/></svg>\n'))
        elif j == 1:
            m = ";".join(",".join("".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/") for _ in range(rng.randrange(4, 9)))
                                  for _ in range(rng.randrange(3, 9))) for _ in range(20))
            out.append((ctx, f"dist/assets/index-{hexs(rng, 8)}.js.map",
                        f'{{"version":3,"file":"index.js","sources":["../src/auth/token.ts","../src/api/client.ts"],"names":["token","apiKey","secret"],"mappings":"{m}"}}\n'))
        elif j == 2:
            out.append((ctx, "dist/asset-manifest.json",
                        '{\n  "files": {\n' + ",\n".join(f'    "{n}": "/static/js/{n.split(".")[0]}.{hexs(rng, 8)}.chunk.js"' for n in ["main.js", "auth.js", "settings.js", "vendor.js"])
                        + f'\n  }},\n  "entrypoints": ["static/js/main.{hexs(rng, 8)}.js"]\n}}\n'))
        elif j == 3:
            ids = ["".join(rng.choice("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(rng.randrange(1, 3))) for _ in range(30)]
            js = "".join(f"var {a}=function({b}){{return {b}.token||{b}.apiKey}};" for a, b in zip(ids[::2], ids[1::2]))
            out.append((ctx, f"public/js/app.{hexs(rng, 20)}.min.js", f"!function(){{'use strict';{js}}}();\n//# sourceMappingURL=app.min.js.map\n"))
        elif j == 4:
            out.append((ctx, "webpack-stats.json",
                        f'{{\n  "hash": "{hexs(rng, 20)}",\n  "chunks": [{{"id": 0, "hash": "{hexs(rng, 20)}", "names": ["auth"]}}],\n'
                        f'  "assets": [{{"name": "auth.{hexs(rng, 20)}.js", "contenthash": "{hexs(rng, 20)}"}}]\n}}\n'))
        else:
            cls = " ".join("css-" + "".join(rng.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(6)) for _ in range(4))
            out.append((ctx, "dist/login.html",
                        f'<div class="{cls}"><input class="css-{hexs(rng, 6)}" type="password" name="password"></div>\n'
                        f'<script src="/_next/static/chunks/pages/login-{hexs(rng, 16)}.js"></script>\n'
                        f'<script id="__NEXT_DATA__" type="application/json">{{"buildId":"{"".join(rng.choice(ALNUM + "_-") for _ in range(21))}"}}</script>\n'))
    return out


def cat_urls_no_creds(rng, ctxs):
    # Connection URLs without a password (or with a reference in its place) name a host, not a credential.
    out = []
    for i in range(33):
        ctx = ctxs()
        svc = ctx["svc"]
        urls = [f"postgres://localhost:5432/{svc}", "redis://redis:6379/0", "mongodb+srv://cluster0.example.net/",
                f"https://deploy@git.{ctx['org']}.io/{svc}.git", f"amqp://rabbitmq:5672/{svc}", f"postgres://{svc}@db:5432/{svc}?sslmode=require",
                f"mysql://root@127.0.0.1:3306/{svc}", f"jdbc:postgresql://db.internal:5432/{svc}", f"https://api.{ctx['org']}.io/v1/events?token=${{EVENTS_TOKEN}}",
                f"postgres://${{DB_USER}}:${{DB_PASSWORD}}@db:5432/{svc}", f"redis://:${{REDIS_PASSWORD}}@cache:6379", f"https://hooks.{ctx['org']}.io/notify?api_key={{{{API_KEY}}}}",
                f"sqlite:///var/lib/{svc}/db.sqlite3", f"mongodb://mongo:27017/{svc}?replicaSet=rs0", f"kafka://broker-1:9092,broker-2:9092",
                f"https://user@{ctx['org']}.jfrog.io/artifactory/api/npm/npm/", f"ssh://git@github.com/{ctx['org']}/{svc}.git",
                f"postgresql://%s:%s@%s/%s", f"https://{ctx['org']}.atlassian.net/rest/api/3/issue?fields=summary"]
        syn = KV_SYNTAXES[i % len(KV_SYNTAXES)]
        keys = ["database_url", "redis_url", "mongodb_uri", "broker_url", "registry_url", "webhook_url", "connection_string"]
        k1, k2 = rng.sample(keys, 2)
        pairs = [(k1, rng.choice(urls), False), (k2, rng.choice(urls), False)]
        out.append((ctx, kv_path(rng, syn, ctx), kv_file(syn, pairs, ctx)))
    return out


def cat_prose(rng, ctxs):
    # Sentences about passwords, tokens and keys: documentation, help text, commit messages, changelogs.
    out = []
    for i in range(36):
        ctx = ctxs()
        p = rng.choice(PROVIDERS).capitalize()
        svc = ctx["svc"]
        j = i % 12
        if j == 0:
            out.append((ctx, "docs/security.md",
                        "## Password policy\n\nThe password must be at least 12 characters long and must not be one of the\n"
                        "10,000 most common passwords. API keys expire after 90 days; rotate them from the settings page.\n"))
        elif j == 1:
            out.append((ctx, f"cmd/{svc}/usage.txt",
                        f"Usage: {svc} login [flags]\n\nFlags:\n  -u, --username string   user name\n  -p, --password string   password (or set {svc.upper()}_PASSWORD)\n"
                        f"      --token string      API token to use instead of a password\n      --password-stdin    read the password from standard input\n"))
        elif j == 2:
            out.append((ctx, "CHANGELOG.md",
                        f"## 3.4.0\n\n- Rotate the {p} API key automatically every 30 days.\n- Tokens are now stored hashed (SHA-256) instead of in plain text.\n"
                        f"- Fixed: the password reset token was accepted after it expired.\n- `--api-key` is deprecated; use `--token-file`.\n"))
        elif j == 3:
            out.append((ctx, "docs/commit-log.txt",
                        f"commit {hexs(rng, 40)}\nAuthor: Dev <dev@{ctx['org']}.io>\n\n    Remove hard-coded API token from settings\n\n"
                        f"    The token was revoked and replaced by a reference to the secret manager.\n"))
        elif j == 4:
            out.append((ctx, "README.md",
                        f"# {svc}\n\n## Authentication\n\nCreate a personal access token with the `repo` scope and export it as\n`GITHUB_TOKEN`. "
                        f"Do not commit tokens: the `.env` file is in `.gitignore`.\nIf a key leaks, revoke it immediately in the {p} dashboard.\n"))
        elif j == 5:
            out.append((ctx, f"src/{svc}/auth.py",
                        f'def login(username: str, password: str) -> Session:\n    """Log in with a password.\n\n    Args:\n        username: the account name.\n'
                        f'        password: the account password; never logged.\n\n    Raises:\n        AuthError: if the password or API key is wrong.\n    """\n'))
        elif j == 6:
            out.append((ctx, f"man/{svc}.1",
                        f".TH {svc.upper()} 1\n.SH OPTIONS\n.TP\n.B \\-\\-password \\fIPASSWORD\\fR\nPassword for the remote registry.\n"
                        f".TP\n.B \\-\\-token\\-file \\fIFILE\\fR\nRead the API token from FILE.\n"))
        elif j == 7:
            out.append((ctx, "docs/faq.md",
                        f"### Why do I get `401 Unauthorized`?\n\nYour token has expired or was revoked. Generate a new secret key in the\n{p} console and "
                        f"update `{p.upper()}_API_KEY`. The error message `invalid api key` also\nappears when the key belongs to another environment.\n"))
        elif j == 8:
            out.append((ctx, "src/errors.ts",
                        f"export const messages = {{\n  missingApiKey: 'No API key found. Set {p.upper()}_API_KEY or pass apiKey to the client.',\n"
                        f"  invalidPassword: 'The password you entered is incorrect.',\n  tokenExpired: 'Session token expired, please sign in again.',\n}};\n"))
        elif j == 9:
            out.append((ctx, ".github/ISSUE_TEMPLATE/bug_report.md",
                        "---\nname: Bug report\n---\n\n**Describe the bug**\n\n**Logs**\nPlease remove passwords, tokens and API keys before pasting logs.\n"))
        elif j == 10:
            out.append((ctx, "docs/adr/0007-secrets.md",
                        "# 7. Store secrets in the secret manager\n\n## Decision\n\nApplication passwords and API tokens live in AWS Secrets Manager.\n"
                        "Services read them at start-up; no secret key is baked into images.\n"))
        else:
            out.append((ctx, f"src/main/java/com/{ctx['org']}/{svc}/PasswordValidator.java",
                        "/**\n * Validates a password: at least 12 characters, not equal to the user name,\n * and not found in the breached-password list.\n */\n"
                        "public final class PasswordValidator {\n    public static final int MIN_LENGTH = 12;\n}\n"))
    return out


def cat_near_miss(rng, ctxs):
    # A token prefix followed by a word, or alone, is a name or a format hint: it lacks the random body.
    out = []
    for i in range(33):
        ctx = ctxs()
        j = i % 11
        if j == 0:
            out.append((ctx, "src/routes.ts",
                        "export const routes = {\n  dashboard: '/sk-proj-dashboard',\n  keys: '/settings/api-keys',\n  tokens: '/settings/tokens/ghp_',\n};\n"))
        elif j == 1:
            out.append((ctx, f"src/{ctx['svc']}/token_kinds.py",
                        'TOKEN_PREFIXES = {\n    "ghp_": "personal access token",\n    "gho_": "OAuth token",\n    "ghs_": "server-to-server token",\n'
                        '    "github_pat_": "fine-grained token",\n    "xoxb-": "Slack bot token",\n    "sk_live_": "Stripe live secret key",\n}\n'))
        elif j == 2:
            out.append((ctx, ".env", f"npm_config_registry=https://registry.npmjs.org/\nnpm_config_cache=/tmp/.npm\nNPM_CONFIG_LOGLEVEL=warn\nnpm_package_name={ctx['svc']}\n"))
        elif j == 3:
            out.append((ctx, "src/lib/keys.js",
                        "function isLiveKey(key) {\n  return key.startsWith('sk_live_') || key.startsWith('rk_live_');\n}\nconst TEST_PREFIX = 'sk_test_';\n"
                        "module.exports = { isLiveKey, TEST_PREFIX };\n"))
        elif j == 4:
            out.append((ctx, "docs/tokens.md",
                        "GitLab personal access tokens start with `glpat-`, deploy tokens with `gldt-`, runner\nauthentication tokens with `glrt-`. "
                        "AWS access key ids start with `AKIA` (long-term) or `ASIA` (temporary).\n"))
        elif j == 5:
            out.append((ctx, "config/app.yaml",
                        f"openai:\n  organization: org-{ctx['org']}\n  project: proj_{ctx['svc']}\n  model: gpt-4o-mini\nstripe:\n  mode: sk_live_mode_disabled\n  account: acct_{ctx['org']}\n"))
        elif j == 6:
            out.append((ctx, "src/slack/parse.go",
                        'package slack\n\nimport "strings"\n\nfunc kind(tok string) string {\n\tswitch {\n\tcase strings.HasPrefix(tok, "xoxb-"):\n\t\treturn "bot"\n'
                        '\tcase strings.HasPrefix(tok, "xoxp-"):\n\t\treturn "user"\n\tcase strings.HasPrefix(tok, "xapp-"):\n\t\treturn "app"\n\t}\n\treturn "unknown"\n}\n'))
        elif j == 7:
            out.append((ctx, "src/components/KeyBadge.tsx",
                        "const LABELS: Record<string, string> = {\n  'sk-ant-': 'Anthropic',\n  'sk-proj-': 'OpenAI project',\n  'sk-or-v1-': 'OpenRouter',\n  'hf_': 'Hugging Face',\n};\n"))
        elif j == 8:
            out.append((ctx, "scripts/check-env.sh",
                        '#!/bin/sh\ncase "$GITHUB_TOKEN" in\n  ghp_*|github_pat_*) echo "personal token" ;;\n  ghs_*) echo "app token" ;;\n  *) echo "unknown token type" ;;\nesac\n'))
        elif j == 9:
            out.append((ctx, "config/redis.conf", "# keyspace prefixes\nsession_prefix sess_\ntoken_prefix tok_\napikey_prefix key_live_\n"))
        else:
            out.append((ctx, "docs/naming.md",
                        "Our own keys are prefixed so that scanners can find them: `acme_sk_` for secret keys,\n`acme_pk_` for publishable keys. "
                        "The class is called `SkLiveKeyValidator`,\nthe CSS class `.akia-banner`, and the table `ghp_tokens_audit`.\n"))
    return out


def cat_regex_rules(rng, ctxs):
    # Regexes and format specs DESCRIBE tokens; a scanner's own rule file is full of them.
    out = []
    for i in range(30):
        ctx = ctxs()
        j = i % 10
        if j == 0:
            out.append((ctx, ".gitleaks.toml",
                        'title = "custom rules"\n\n[[rules]]\nid = "acme-internal-token"\ndescription = "Acme internal token"\nregex = \'\'\'acme_[a-z0-9]{32}\'\'\'\n'
                        'keywords = ["acme_"]\n\n[allowlist]\ndescription = "documented values"\nregexes = [\'\'\'AKIA[0-9A-Z]{16}EXAMPLE\'\'\']\npaths = [\'\'\'docs/\'\'\']\n'))
        elif j == 1:
            out.append((ctx, f"src/{ctx['svc']}/detectors.py",
                        'import re\n\nPATTERNS = {\n    "github": re.compile(r"ghp_[A-Za-z0-9]{36}"),\n    "slack": re.compile(r"xox[baprs]-[0-9A-Za-z-]{10,48}"),\n'
                        '    "aws": re.compile(r"(A3T[A-Z0-9]|AKIA|ASIA)[A-Z2-7]{16}"),\n    "stripe": re.compile(r"[rs]k_live_[0-9a-zA-Z]{24,99}"),\n}\n'))
        elif j == 2:
            out.append((ctx, "src/redact.js",
                        "const SECRET_RE = [\n  /ghp_[A-Za-z0-9]{36}/g,\n  /sk-[A-Za-z0-9]{20,}/g,\n  /AIza[0-9A-Za-z_-]{35}/g,\n  /-----BEGIN [A-Z ]*PRIVATE KEY-----/,\n];\n"
                        "export const redact = (s) => SECRET_RE.reduce((a, re) => a.replace(re, '[REDACTED]'), s);\n"))
        elif j == 3:
            out.append((ctx, "docs/token-formats.md",
                        "| Provider | Format |\n|---|---|\n| AWS access key id | `AKIA[0-9A-Z]{16}` |\n| GitHub PAT | `ghp_[A-Za-z0-9]{36}` |\n"
                        "| Slack bot | `xoxb-[0-9]{10,13}-[0-9]{10,13}-[A-Za-z0-9]{24}` |\n| npm | `npm_[A-Za-z0-9]{36}` |\n"))
        elif j == 4:
            out.append((ctx, ".semgrep/secrets.yml",
                        "rules:\n  - id: hardcoded-password\n    pattern-either:\n      - pattern: password = \"...\"\n      - pattern-regex: (?i)api[_-]?key\\s*=\\s*['\"][a-z0-9]{32}['\"]\n"
                        "    message: Hard-coded credential\n    severity: ERROR\n    languages: [python]\n"))
        elif j == 5:
            out.append((ctx, ".pre-commit-config.yaml",
                        "repos:\n  - repo: https://github.com/Yelp/detect-secrets\n    rev: v1.5.0\n    hooks:\n      - id: detect-secrets\n"
                        "        args: ['--baseline', '.secrets.baseline', '--exclude-lines', 'password = \"\\$\\{.*\\}\"']\n"))
        elif j == 6:
            out.append((ctx, "src/main/java/com/acme/Masking.java",
                        'import java.util.regex.Pattern;\n\nfinal class Masking {\n    static final Pattern BEARER = Pattern.compile("Bearer\\\\s+[A-Za-z0-9._~+/-]+=*");\n'
                        '    static final Pattern PASSWORD_KV = Pattern.compile("(?i)(password|passwd|pwd)=([^&\\\\s]+)");\n}\n'))
        elif j == 7:
            out.append((ctx, "config/log-scrubber.yaml",
                        "scrub:\n  keys: [password, secret, token, api_key, authorization]\n  patterns:\n    - 'sk_(live|test)_[0-9a-zA-Z]{24}'\n"
                        "    - 'eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+'\n  replacement: '[FILTERED]'\n"))
        elif j == 8:
            out.append((ctx, "src/validators.rs",
                        'static GITHUB_PAT: Lazy<Regex> = Lazy::new(|| Regex::new(r"^gh[pousr]_[A-Za-z0-9]{36}$").unwrap());\n'
                        'static GITLAB_PAT: Lazy<Regex> = Lazy::new(|| Regex::new(r"^glpat-[0-9A-Za-z_-]{20}$").unwrap());\n'))
        else:
            out.append((ctx, "docs/secret-scanning.md",
                        "GitHub secret scanning matches tokens such as `ghp_` followed by 36 characters,\n`xoxb-` Slack tokens and `AKIA` followed by 16 "
                        "upper-case characters. Add a custom\npattern with the regex `acme-[a-f0-9]{40}` for our internal tokens.\n"))
    return out


def cat_config_numbers(rng, ctxs):
    # Credential-named settings whose values are numbers, booleans or durations (lengths, TTLs, flags).
    items = [("token_ttl", "3600"), ("api_key_required", "true"), ("password_min_length", "12"), ("secret_rotation_days", "90"),
             ("access_token_expires_in", "900"), ("refresh_token_ttl_days", "30"), ("password_hash_rounds", "12"),
             ("max_api_keys_per_user", "5"), ("secret_key_length", "64"), ("token_leeway_seconds", "30"), ("require_password_change", "false"),
             ("api_token_enabled", "true"), ("password_history", "24"), ("auth_token_cache_size", "1000"), ("password_expiry_days", "0")]
    durs = [("token_expiry", "15m"), ("session_secret_rotation", "24h"), ("api_key_grace_period", "72h"), ("jwt_expiration", "1h")]

    def pairs(rng, syn):
        a, b = rng.sample(items, 2)
        out = [(a[0], a[1], True), (b[0], b[1], True)]
        if syn not in ("java", "cs", "go"):
            d = rng.choice(durs)
            out.append((d[0], d[1], False))
        return out
    return kv_cases(rng, ctxs, 40, pairs)


def cat_pointers(rng, ctxs):
    # Values that name WHERE a secret is (a file path, a variable, a header, a secret's name) rather than the secret.
    items = [("password_file", "/run/secrets/db_password"), ("token_file", "/var/run/secrets/kubernetes.io/serviceaccount/token"),
             ("api_key_env", "{P}_API_KEY"), ("secret_name", "{svc}-prod-credentials"), ("password_env_var", "PGPASSWORD"),
             ("credentials_path", "~/.config/gcloud/application_default_credentials.json"), ("api_key_header", "X-API-Key"),
             ("token_header_name", "Authorization"), ("secret_key_ref", "{svc}-secrets/api-key"), ("private_key_path", "/etc/ssl/private/{svc}.key"),
             ("kms_key_id", "alias/{svc}-secrets"), ("password_command", "pass show {svc}/db"), ("token_field", "access_token"),
             ("client_secret_name", "{svc}-oauth-client-secret"), ("ssh_key_file", "~/.ssh/id_ed25519"), ("keystore_path", "conf/keystore.p12"),
             ("token_source", "vault"), ("password_source", "aws-secrets-manager"), ("api_key_location", "header")]

    def pairs(rng, syn):
        out = []
        for k, v in rng.sample(items, 2):
            out.append((k, v.format(P=rng.choice(PROVIDERS).upper(), svc=rng.choice(SERVICES)), False))
        return out
    return kv_cases(rng, ctxs, 40, pairs)


def cat_logs(rng, ctxs):
    # Log lines that mention credentials by name (events, errors, counters) without any value.
    out = []
    for i in range(27):
        ctx = ctxs()
        lines = []
        for k in range(6):
            ts = f"2026-10-{rng.randrange(10, 28)}T{rng.randrange(24):02d}:{rng.randrange(60):02d}:{rng.randrange(60):02d}Z"
            lines.append(ts + " " + rng.choice([
                f"INFO  token refreshed for user_id={rng.randrange(1000, 99999)} expires_in=3600",
                f"WARN  invalid API key provided (key_id={rng.randrange(100, 999)}, ip=10.0.{rng.randrange(255)}.{rng.randrange(255)})",
                "INFO  password changed for account admin@example.com",
                f"ERROR auth failed: password authentication failed for user \"{ctx['svc']}\"",
                "DEBUG Parameters: {\"user\"=>{\"email\"=>\"a@example.com\", \"password\"=>\"[FILTERED]\"}, \"authenticity_token\"=>\"[FILTERED]\"}",
                f"INFO  rotated secret {ctx['svc']}/db-password (version {rng.randrange(2, 40)})",
                f"WARN  api_key missing in request {uuid4(rng)}",
                "INFO  loaded 3 API keys from vault",
                f"INFO  JWT validated kid={hexs(rng, 16)} alg=RS256",
                "ERROR token=<nil> err=\"unauthorized\""]))
        out.append((ctx, rng.choice([f"logs/{ctx['svc']}.log", "var/log/app.log", "logs/auth.log", "log/production.log"]), "\n".join(lines) + "\n"))
    return out


CATEGORIES = [
    ("ref-shell-env", cat_ref_shell), ("ref-template", cat_ref_template), ("ref-code-env", cat_ref_code),
    ("ref-secret-store", cat_ref_store), ("placeholder-angle-caps", cat_placeholder_angle),
    ("placeholder-filler", cat_placeholder_filler), ("placeholder-null-empty", cat_placeholder_null),
    ("placeholder-words", cat_placeholder_words), ("redacted-masked", cat_redacted_masked),
    ("redacted-ci-logs", cat_redacted_ci_logs), ("ident-code", cat_ident_code), ("ident-ui-i18n", cat_ident_ui),
    ("ident-schema", cat_ident_schema), ("hash-git-sha", cat_hash_git), ("hash-lockfiles", cat_hash_lockfiles),
    ("hash-digests", cat_hash_digests), ("fingerprints-hostkeys", cat_fingerprints),
    ("public-cloud-ids", cat_public_cloud_ids), ("public-saas-ids", cat_public_saas_ids),
    ("public-build-trace-ids", cat_public_build_ids), ("pubkey-ssh", cat_pubkey_ssh),
    ("pubkey-pem-jwks-pgp-age", cat_pubkey_pem), ("documented-aws-example", cat_documented_examples),
    ("encoded-base64-datauri", cat_encoded_base64), ("encoded-hex-uuid", cat_encoded_hex_uuid),
    ("web-build-assets", cat_web_assets), ("urls-no-credentials", cat_urls_no_creds), ("prose-docs-help", cat_prose),
    ("near-miss-prefix", cat_near_miss), ("regex-format-specs", cat_regex_rules),
    ("config-numbers-bools", cat_config_numbers), ("pointers-to-secrets", cat_pointers), ("logs-no-values", cat_logs),
]
CONTROL = "control"


# ------------------------------------------------------------------------------------------
# positive controls: real-format credentials built from fragments at run time
# ------------------------------------------------------------------------------------------
def _b62_crc(body):
    crc, out = zlib.crc32(body.encode()), ""
    while crc:
        crc, r = divmod(crc, 62)
        out = ALNUM[r] + out
    return out.rjust(6, "0")


def _ghp(rng):
    body = "".join(rng.choice(ALNUM) for _ in range(30))
    return "gh" + "p_" + body + _b62_crc(body)


def _xoxb(rng):
    return "xo" + "xb-" + digits(rng, 12) + "-" + digits(rng, 13) + "-" + "".join(rng.choice(ALNUM) for _ in range(24))


def _aws(rng):
    return ("AK" + "IA" + "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") for _ in range(16)),
            "".join(rng.choice(ALNUM + "+/") for _ in range(40)))


def _rsa_pem(rng):
    def der(tag, content):
        n = len(content)
        ln = bytes([n]) if n < 0x80 else bytes([0x80 | ((n.bit_length() + 7) // 8)]) + n.to_bytes((n.bit_length() + 7) // 8, "big")
        return bytes([tag]) + ln + content

    def integer(b):
        b = b.lstrip(b"\0") or b"\0"
        return der(0x02, b"\0" + b if b[0] & 0x80 else b)
    body = der(0x30, integer(b"\0") + integer(b"\xc1" + rbytes(rng, 255)) + integer(b"\x01\x00\x01") + integer(rbytes(rng, 256))
               + b"".join(integer(b"\xe1" + rbytes(rng, 127)) for _ in range(5)))
    return pem("RSA PRIVATE" + " KEY", body) + "\n"


def controls(rng):
    out = []
    for path, tmpl in [(".github/scripts/publish.sh", '#!/bin/sh\nexport GITHUB_TOKEN="{t}"\ngh release create v1.0.0\n'),
                       ("ops/mirror.py", 'import requests\n\nGITHUB_TOKEN = "{t}"\nrequests.get("https://api.github.com/user", headers={{"Authorization": "token " + GITHUB_TOKEN}})\n'),
                       ("config/github.yaml", "github:\n  token: {t}\n  org: acme\n")]:
        out.append((path, tmpl.format(t=_ghp(rng))))
    for path, tmpl in [("bot/config.js", "module.exports = {{\n  slackBotToken: '{t}',\n  channel: '#alerts',\n}};\n"),
                       ("ops/notify.env", "SLACK_BOT_TOKEN={t}\nSLACK_CHANNEL=#deploys\n"),
                       ("integrations/slack.toml", '[slack]\nbot_token = "{t}"\n')]:
        out.append((path, tmpl.format(t=_xoxb(rng))))
    for path in ["ops/aws/credentials", "deploy/.aws/credentials", "config/aws.ini"]:
        kid, sec = _aws(rng)
        out.append((path, f"[default]\naws_access_key_id = {kid}\naws_secret_access_key = {sec}\nregion = us-east-1\n"))
    out.append(("deploy/keys/id_rsa", _rsa_pem(rng)))
    return out


# ------------------------------------------------------------------------------------------
# the set
# ------------------------------------------------------------------------------------------
def build(seed=SEED, one_per_category=False, categories=None):
    """[{"path", "content", "category"}], deterministic for a seed. one_per_category: the first file
    of each category plus all controls (a quick subset for the harness test). categories: another
    set's [(name, fn)] (eval/negatives2.py), default this set's."""
    rng = random.Random(seed)
    combos = [(o, s) for o in ORGS for s in SERVICES]
    rng.shuffle(combos)
    # each file its own project directory: org-service, then org-service-api, -web, -worker
    it = iter([(o, s, f"{o}-{s}" + sfx) for sfx in ["", "-api", "-web", "-worker"] for o, s in combos])

    def ctxs():
        o, s, proj = next(it)
        return {"org": o, "svc": s, "proj": proj}
    cases, seen = [], set()
    for cat, fn in categories or CATEGORIES:
        got = fn(random.Random(f"{seed}:{cat}"), ctxs)
        if one_per_category:
            got = got[:1]
        for ctx, rel, content in got:
            path = f"{ctx['proj']}/{rel}"
            assert path not in seen, path
            seen.add(path)
            cases.append({"path": path, "content": content, "category": cat})
    for rel, content in controls(random.Random(f"{seed}:{CONTROL}")):
        path = f"{CONTROL}-credentials/{rel}"
        cases.append({"path": path, "content": content, "category": CONTROL})
    return cases


def write(cases, root):
    for c in cases:
        p = os.path.join(root, c["path"])
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "w", newline="") as f:
            f.write(c["content"])


def nhiscan_bin(explicit=None):
    b = explicit or os.environ.get("NHISCAN_BIN") or os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "build", "nhiscan")
    if not os.access(b, os.X_OK):
        sys.exit(f"negatives: no nhiscan binary at {b} (build it, or pass --bin / set NHISCAN_BIN)")
    return os.path.abspath(b)


def scan(binary, root, threads=2):
    """Findings of `nhiscan dir` on root, with paths relative to root (as evaluate.py reads them)."""
    cmd = [binary, "dir", "-q", "-f", "json", "--exit-code", "0", f"-j{threads}", "--no-redact", root]
    p = subprocess.run(cmd, cwd=root, capture_output=True, text=True, errors="replace")
    if p.returncode != 0:
        raise RuntimeError(f"nhiscan failed ({p.returncode}): {p.stderr.strip()[:2000]}")
    records = json.loads(p.stdout) if p.stdout.strip() else []
    findings = []
    for r in records:
        if "complete" in r:
            print("negatives: the scan was incomplete: " + "; ".join(x["message"] for x in r.get("reasons", [])), file=sys.stderr)
            continue
        path = r["path"]
        full = path if os.path.isabs(path) else os.path.normpath(os.path.join(root, path))
        r["rel"] = os.path.relpath(full, root).replace(os.sep, "/")
        findings.append(r)
    return findings


def measure(binary, cases, root, threads=2, categories=None):
    """Write the cases under root, scan, and tally. Returns the figures dict (plus the raw findings)."""
    write(cases, root)
    findings = scan(binary, root, threads)
    cat_of = {c["path"]: c["category"] for c in cases}
    files = Counter(c["category"] for c in cases)
    by_cat = {cat: {"files": files.get(cat, 0), "fp_files": 0, "findings": 0, "rules": Counter()} for cat, _ in categories or CATEGORIES}
    by_rule, fp_files, ctl_found, neg, stray = Counter(), set(), set(), [], []
    for f in findings:
        cat = cat_of.get(f["rel"])
        if cat is None:
            stray.append(f)
        elif cat == CONTROL:
            ctl_found.add(f["rel"])
        else:
            neg.append(f)
            by_cat[cat]["findings"] += 1
            by_cat[cat]["rules"][f["rule_id"]] += 1
            by_rule[f["rule_id"]] += 1
            fp_files.add(f["rel"])
    for cat in by_cat:
        by_cat[cat]["fp_files"] = len({f["rel"] for f in neg if cat_of[f["rel"]] == cat})
    ctl_files = [c["path"] for c in cases if c["category"] == CONTROL]
    return {
        "binary": binary,
        "files": sum(1 for c in cases if c["category"] != CONTROL),
        "fp_files": len(fp_files),
        "findings": len(neg),
        "by_category": {k: {"files": v["files"], "fp_files": v["fp_files"], "findings": v["findings"], "rules": dict(v["rules"].most_common())}
                        for k, v in by_cat.items()},
        "by_rule": dict(by_rule.most_common()),
        "controls": {"files": len(ctl_files), "found": len(ctl_found & set(ctl_files)),
                     "missed": sorted(set(ctl_files) - ctl_found)},
        "stray": len(stray),
        "_findings": neg,
    }


def report(fig, verbose=False, out=sys.stdout, name="eval/negatives.py"):
    w = out.write
    w(f"Hard negatives ({name}): {fig['files']} files in {len(fig['by_category'])} categories, binary {fig['binary']}\n\n")
    w(f"  {'category':26} {'files':>5} {'fp files':>8} {'findings':>8}  top rules\n")
    for cat, v in fig["by_category"].items():
        top = ", ".join(f"{r} {n}" for r, n in list(v["rules"].items())[:3])
        w(f"  {cat:26} {v['files']:5} {v['fp_files']:8} {v['findings']:8}  {top}\n")
    w(f"  {'TOTAL':26} {fig['files']:5} {fig['fp_files']:8} {fig['findings']:8}\n\n")
    w("findings by rule:\n")
    for r, n in fig["by_rule"].items():
        w(f"  {n:5}  {r}\n")
    c = fig["controls"]
    w(f"\ncontrols: {c['found']}/{c['files']} found" + (f"; MISSED: {', '.join(c['missed'])}" if c["missed"] else "") + "\n")
    if fig.get("stray"):
        w(f"note: {fig['stray']} findings in files the set did not write\n")
    if verbose:
        w("\nevery finding (false positives):\n")
        for f in sorted(fig["_findings"], key=lambda f: (f["rel"], f.get("line", 0))):
            sec = f.get("secret") or ""
            w(f"  {f['rel']}:{f.get('line')}  {f['rule_id']}  {sec[:4]}…\n")


def main(argv=None, categories=None, seed=SEED, name="eval/negatives.py"):
    """The command line; eval/negatives2.py calls it with its own categories, seed and name."""
    ap = argparse.ArgumentParser(description=f"Hard negatives ({name}): what nhiscan reports on strings other scanners' tests list as not secret")
    ap.add_argument("--bin", help="nhiscan binary (default: $NHISCAN_BIN, else ./build/nhiscan)")
    ap.add_argument("--json", help="write the figures as JSON to this file")
    ap.add_argument("--keep", help="write the corpus here (kept) instead of a temp dir")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every finding (file, line, rule, first 4 chars)")
    ap.add_argument("--one-per-category", action="store_true", help="only the first file of each category, plus the controls")
    ap.add_argument("--seed", type=int, default=seed)
    args = ap.parse_args(argv)
    binary = nhiscan_bin(args.bin)
    cases = build(args.seed, args.one_per_category, categories)
    if args.keep:
        if os.path.exists(args.keep) and os.listdir(args.keep):
            sys.exit(f"negatives: --keep {args.keep} exists and is not empty")
        os.makedirs(args.keep, exist_ok=True)
        root = os.path.abspath(args.keep)
    else:
        root = tempfile.mkdtemp(prefix="nhiscan-negatives-")
    try:
        fig = measure(binary, cases, root, categories=categories)
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    report(fig, args.verbose, name=name)
    if args.json:
        with open(args.json, "w") as f:
            json.dump({k: v for k, v in fig.items() if not k.startswith("_")}, f, indent=1)
    if fig["controls"]["found"] != fig["controls"]["files"]:
        print("negatives: ERROR: not every control file has a finding; the harness does not scan what it writes", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
