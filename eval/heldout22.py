"""Twenty-second held-out syntax set: written blind, nobody tunes rules or the engine against it.

A set nobody has tuned against, to predict how the pack does on syntaxes it has never seen
once eval/heldout21.py has been measured and is used to fix rules. It was written and committed
before any result of it was looked at, in forms that none of eval/gen.py, eval/heldout.py and
eval/heldout2.py .. eval/heldout21.py produce, in two parts.

About a third in the style of other scanners' rule tests and reports and of test files the
earlier sets lack (written from how such files look, not copied from any): the lines a
gitleaks-style sample generator writes, kept as a golden file (`<owner>_<leaf> = "..."`, `KEY:
value` and a Go `ownerToken := "..."`), a rule file calling a plural `GenerateSampleSecrets`
helper, Kingfisher rule `examples:` as a plain list of single-quoted `key = value` lines, a
Titus SARIF result with the whole line in `contextRegion.snippet.text`, secretlint `--format
json` messages quoting the value, a Checkmarx 2ms JSON report, a MobSF static report's `secrets`
list (quotes escaped inside the JSON string), APKLeaks text output under a `[Provider_Key]`
heading, a Semgrep SARIF `snippet.text` holding an object property, a GitGuardian-style content
scan response's `matches`, Semgrep `# ruleid:` tests in a Kubernetes manifest and in PHP, and a
trufflehog3 JSON report; tests in frameworks not used before: QUnit `assert.strictEqual`, uvu
`assert.is`, FiveAM `is`, R tinytest, bashunit `assert_equals`, a Keploy recorded case, Frisby
`globalSetup` headers, PactumJS `withHeaders`, Kahlan `toBe`, Midje facts, Spek, Catch2
`SECTION`/`REQUIRE`, a GoogleTest fixture `SetUp` with `setenv`, Ward, chai `should`, TUnit
`[Arguments]`, a Tsung `http_header`, and test runners' failure output (a `go test` cmp.Diff
mismatch, pytest's assertion rewrite `E AssertionError`, Jest's `Expected:`/`Received:`).

The rest real-world files from areas the earlier sets lack: small languages (Lean 4, FreeBASIC,
MoonScript, CoffeeScript, YSH, REXX, Roc, Wren, Factor, Io), build and config tools (a Buck2
`.buckconfig.local` section, Pants `[subprocess-environment]`, `jsonnet --ext-str`, `cue export
-t`, Cargo `credentials.toml` `[registries.x]`), gateways, monitoring and infra (an Emissary
`Mapping` `add_request_headers`, a Contour `HTTPProxy` `requestHeadersPolicy`, Heartbeat monitor
headers, a Sensu check's `env_vars`, an Atmos stack's component `vars`, a Pulumi ESC environment,
`bws secret create`, `conjur variable set`, an LXD profile's `environment.X`, `echo -n ... |
gcloud secrets create`, PowerShell `Set-Secret`, a Windows Sandbox `.wsb` `LogonCommand`), CI
(`act -s`, Screwdriver, sourcehut `.build.yml`, a Buildbot `master.cfg`), developer services'
own config files (`.coveralls.yml`, `chromatic --project-token`, `.transifexrc`, `crowdin.yml`,
`.phrase.yml`, `.contentfulrc.json`, the Stripe CLI's `config.toml`, `.vultr-cli.yaml`,
`.modal.toml`, Crush's `providers`, a Windmill resource, `huggingface-cli login --token`,
SnowSQL `[connections.x]`, `az login --service-principal`, an AWS `credential_process`
helper's JSON), data and notebooks (a Neo4j Cypher `CREATE`, InfluxDB line protocol, mongosh
`find` output, a Pluto.jl notebook cell, a Jupytext percent script), logs and pastes (a
CloudFront access log and an IIS W3C log with the value in `cs-uri-query`, a Caddy JSON access
log's request `headers`, `curl --trace-ascii`, Logseq block properties, an Evernote `.enex`
note, a Reddit-style Markdown post with an indented code block), package sources with the value
in a URL's userinfo (a Gradle wrapper `distributionUrl` with `\\:` escapes, a Pipfile
`[[source]]`, an Ansible Galaxy `requirements.yml` `src`) and key paths on command lines (a
Hydra override `providers.x.y=...`, `pm2 set module:key`).

Interface as eval/heldout21.py: `render(ext, key, value, rng)` returns the lines holding `value`;
`SYNTAXES` maps each name to (file name, header lines, footer lines, comment prefix or None).
Key names come from the rule metadata as in gen.py; each syntax re-spells the key the way its
language or tool does, some with the provider word on the key itself, some on a parent, a
section, a registry, a resource type, a connection, a module, a host or a user name, some only
nearby (a test name, a rule id, a report's type, a heading, a note), four split across a key
path (`components.terraform.x.vars.y` in Atmos, `values.x.y` in Pulumi ESC, `providers.x.y` in
a Hydra override, `pm2-x:y` in pm2), three with the value in a URL's userinfo (Gradle wrapper,
Pipfile, Galaxy requirements), two in a query string under the credential word alone (CloudFront
and IIS logs), and three not at all (the mongosh settings document, `curl --trace-ascii`
with a neutral host, the AWS `credential_process` output).

File names avoid the test path globs (rules/test-paths.toml), so the test-style files sit
at paths such as `cases/`, `checks/`, `rules/` or `reports/`. The helpers are copied, not
imported from heldout2.py .. heldout21.py, so that edits there do not move this set.
"""
import re

# Trailing parts of a key that name the credential rather than its owner, longest first.
LEAVES = ["secret_access_key", "access_key_id", "client_secret", "secret_key", "access_key", "access_token",
          "auth_token", "api_token", "api_key", "apikey", "private_key", "webhook_url", "database_url",
          "password", "passwd", "secret", "token", "key", "pat", "url", "cert", "credential", "credentials",
          "pwd", "dsn", "uri"]
# Initialisms written in upper case in prose and in some languages (API key, Client ID).
INITIALISMS = {"api": "API", "id": "ID", "url": "URL", "uri": "URI", "dsn": "DSN", "pat": "PAT", "sas": "SAS"}


def _parts(key):
    s = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", key)
    return [p.lower() for p in re.split(r"[^A-Za-z0-9]+", s) if p]


def split_key(key):
    """(owner parts, credential parts): `weatherstack_API_KEY` -> (['weatherstack'], ['api', 'key'])."""
    parts = _parts(key) or ["value"]
    joined = "_".join(parts)
    for leaf in LEAVES:
        if joined == leaf:
            return ["app"], parts
        if joined.endswith("_" + leaf):
            n = leaf.count("_") + 1
            return parts[:-n], parts[-n:]
    return parts[:-1] or ["app"], parts[-1:]


def camel(parts):
    return parts[0] + "".join(p.capitalize() for p in parts[1:])


def pascal(parts):
    return "".join(p.capitalize() for p in parts)


def go_ident(parts):
    """Go's exported spelling, initialisms in upper case: ['api', 'key'] -> APIKey."""
    return "".join(INITIALISMS.get(p, p.capitalize()) for p in parts)


def names(key):
    owner, leaf = split_key(key)
    allp = owner + leaf if owner != ["app"] else leaf
    return {
        "owner": "_".join(owner), "Owner": pascal(owner), "ownerCamel": camel(owner), "OWNER": "_".join(owner).upper(),
        "owner_kebab": "-".join(owner), "owner_words": " ".join(owner), "OWNER_DASH": "-".join(owner).upper(),
        "leaf": "_".join(leaf), "leafCamel": camel(leaf), "Leaf": pascal(leaf), "leaf_kebab": "-".join(leaf),
        "Leaf_dash": "-".join(p.capitalize() for p in leaf), "leaf_words": " ".join(leaf),
        "leaf_title": " ".join(INITIALISMS.get(p, p) for p in leaf), "LEAF": "_".join(leaf).upper(),
        "LEAF_DASH": "-".join(leaf).upper(), "GoLeaf": go_ident(leaf), "GoOwner": go_ident(owner),
        "UPPER": "_".join(allp).upper(), "lower": "_".join(allp), "camel": camel(allp), "Pascal": pascal(allp),
        "kebab": "-".join(allp), "dotted": ".".join(allp), "host": "".join(owner),
        "UPPER_DASH": "-".join(allp).upper(),
    }


def render(ext, key, value, rng):
    """The lines that hold `value` under `key` in held-out syntax `ext` (twenty-second set)."""
    n = names(key)
    v = value
    pick = rng.choice
    hdr = f"X-{n['Owner']}-{n['Leaf_dash']}"  # a provider's own header name, as its docs spell it
    up = n["UPPER"]
    host = n["host"]
    title = f"{n['Owner']} {n['leaf_title']}"
    low = n["lower"]
    o = n["owner"]
    ok = n["owner_kebab"]
    ow = n["owner_words"]
    leaf = n["leaf"]
    camel = n["camel"]
    pas = n["Pascal"]
    kebab = n["kebab"]
    lk = n["leaf_kebab"]
    lc = n["leafCamel"]
    oc = n["ownerCamel"]
    Ow = n["Owner"]
    Lf = n["Leaf"]
    lw = n["leaf_words"]
    # --- other scanners' rule tests and reports ------------------------------------------------------
    if ext == "gl-golden-generated-assign":  # the lines a gitleaks-style sample generator writes, as a golden file
        return [f'{o}_{leaf} = "{v}"'] if pick([0, 1]) else [f'{up}: {v}']
    if ext == "gl-golden-go-short-var":
        return [f'{oc}{n["GoLeaf"]} := "{v}"']
    if ext == "gl-generate-sample-secrets-plural":
        return [f'\ttps := utils.GenerateSampleSecrets("{o}", "{v}")']
    if ext == "kingfisher-rule-examples-sq":
        return ["    examples:", f"      - '{low} = {v}'", f"      - 'region = eu-west-1'"]
    if ext == "titus-sarif-context-region":  # the whole line in contextRegion, the match in region
        return ["                \"region\": { \"startLine\": 3, \"startColumn\": 1, \"endLine\": 3, \"endColumn\": 80 },",
                f'                "contextRegion": {{ "startLine": 3, "snippet": {{ "text": "{up}={v}" }} }}']
    if ext == "secretlint-json-format":
        return ["      {", f'        "ruleId": "@secretlint/secretlint-rule-{ok}",', '        "type": "message",',
                f'        "message": "found {ow} {lw}: {v}",', '        "range": [41, 113],', '        "severity": "error"',
                "      }"]
    if ext == "checkmarx-2ms-json-report":
        return ["      {", f'        "ruleId": "{kebab}",', '        "source": "deploy/app.env",', '        "startLine": 3,',
                f'        "value": "{v}",', '        "severity": "High"', "      }"]
    if ext == "mobsf-secrets-list":  # MobSF's static report: each string resource quoted inside the string
        return [f'    "\\"{low}\\" : \\"{v}\\"",']
    if ext == "apkleaks-txt-output":
        return [f"[{Ow}_{'_'.join(p.capitalize() for p in lw.split())}]", f"- {v}", ""]
    if ext == "semgrep-sarif-snippet-line":
        return ['              "region": {', '                "startLine": 14,',
                f'                "snippet": {{ "text": "    {camel}: \'{v}\'," }}', "              }"]
    if ext == "gg-scan-response-matches-json":  # a GitGuardian-style content scan response
        return ["    {", f'      "type": "{title}",', '      "policy": "Secrets detection",', '      "matches": [',
                f'        {{ "type": "apikey", "match": "{v}", "index_start": 18, "line_start": 3, "line_end": 3 }}',
                "      ]", "    }"]
    if ext == "semgrep-ruleid-yaml-k8s":
        return ["            # ruleid: k8s-hardcoded-env-secret", f"            - name: {up}", f'              value: "{v}"']
    if ext == "semgrep-ruleid-php":
        return [f"// ruleid: hardcoded-{kebab}", f"$client = new {Ow}Client('{v}');"]
    if ext == "trufflehog3-json-report":
        return ["  {", f'    "rule": {{ "id": "{kebab}", "message": "{title}", "severity": "HIGH" }},',
                '    "path": "config/settings.py",', '    "line": "12",', f'    "secret": "{v}"', "  }"]
    # --- test files in frameworks not used before -----------------------------------------------------
    if ext == "qunit-strict-equal":
        return [f"  QUnit.test('reads the {ow} {lw}', function (assert) {{",
                f"    assert.strictEqual(config.{camel}, '{v}');", "  });"]
    if ext == "uvu-assert-is":
        return [f"Config('{ow} {lw}', () => {{", f"  assert.is(config.{camel}, '{v}');", "});"]
    if ext == "fiveam-is":
        return [f"(test {kebab}-is-read", f'  (is (string= "{v}" (config:{kebab}))))']
    if ext == "r-tinytest-expect-equal":
        return [f'Sys.setenv({up} = "{v}")', f'expect_equal(nchar(Sys.getenv("{up}")) > 0, TRUE)']
    if ext == "bashunit-assert-equals":
        return [f"function test_{low}_is_exported() {{", f'  assert_equals "{v}" "$(orders_config {lk})"', "}"]
    if ext == "keploy-test-yaml":
        return ["    header:", "        Accept: application/json", f"        Authorization: Bearer {v}",
                f"        Host: api.{host}.com"]
    if ext == "frisby-setup-headers":
        return ["frisby.globalSetup({", "  request: {", "    headers: {", f"      '{hdr}': '{v}',", "    },", "  },", "});"]
    if ext == "pactum-with-headers":
        return ["    await spec()", f"      .get('https://api.{host}.com/v1/orders')",
                f"      .withHeaders('Authorization', 'Bearer {v}')", "      .expectStatus(200);"]
    if ext == "kahlan-expect-tobe":
        return [f'    it("reads the {ow} {lw}", function () {{',
                f"        expect($this->config->get('{o}.{leaf}'))->toBe('{v}');", "    });"]
    if ext == "midje-fact":
        return [f'(fact "the {ow} {lw} is read from the profile"', f'  (:{kebab} (config/load)) => "{v}")']
    if ext == "spek-it-assert-equals":
        return [f'        it("uses the {ow} {lw}") {{', f'            assertEquals("{v}", client.{camel})', "        }"]
    if ext == "catch2-section-require":
        return [f'    SECTION("{ow} {lw} is read") {{', f'        REQUIRE(cfg.{low} == "{v}");', "    }"]
    if ext == "gtest-setenv-fixture":
        return ["  void SetUp() override {", f'    ::setenv("{up}", "{v}", 1);', "  }"]
    if ext == "ward-test-py":
        return [f'@test("the {ow} client sends its {lw}")', "def _():",
                f'    assert Client({leaf}="{v}").headers()["Authorization"]']
    if ext == "mocha-chai-should":
        return [f"  it('loads the {ow} {lw}', () => {{", f"    config.{camel}.should.equal('{v}');", "  });"]
    if ext == "tunit-arguments-attr":
        return ["    [Test]", f'    [Arguments("{v}")]', f"    public async Task Accepts{Ow}{Lf}(string {lc})",
                "    {", f"        await Assert.That(new {Ow}Client({lc}).IsConfigured).IsTrue();", "    }"]
    if ext == "go-cmp-diff-failure":  # `go test` output of a cmp.Diff mismatch
        return ["    config_check.go:42: Load() mismatch (-want +got):", "          config.Config{",
                f'        - \t{n["GoOwner"]}{n["GoLeaf"]}: "{v}",', f'        + \t{n["GoOwner"]}{n["GoLeaf"]}: "",',
                '          \tRegion: "eu-west-1",', "          }"]
    if ext == "pytest-failure-assert-rewrite":
        return [f"    def check_{low}():", f">       assert settings.{up} == ''",
                f"E       AssertionError: assert '{v}' == ''"]
    if ext == "jest-failure-expected-received":
        return [f"  ● config › reads the {ow} {lw}", "", "    expect(received).toBe(expected) // Object.is equality", "",
                f'    Expected: "{v}"', "    Received: undefined"]
    if ext == "tsung-xml-http-header":
        return [f'    <request><http url="/v1/orders" method="GET" version="1.1">',
                f'      <http_header name="{hdr}" value="{v}"/>', "    </http></request>"]
    # --- small languages ---------------------------------------------------------------------------------
    if ext == "lean4-def":
        return [f'def {camel} : String := "{v}"']
    if ext == "freebasic-const":
        return [f'Const {up} As String = "{v}"']
    if ext == "moonscript-assign":
        return [f'{low} = "{v}"']
    if ext == "coffeescript-object":
        return ["config =", f"  {camel}: '{v}'", "  region: 'eu-west-1'"]
    if ext == "ysh-var":
        return [f"var {camel} = '{v}'"]
    if ext == "rexx-assign":
        return [f"{camel} = '{v}'"]
    if ext == "roc-def":
        return [f"{camel} : Str", f'{camel} = "{v}"']
    if ext == "wren-var":
        return [f'var {pas} = "{v}"']
    if ext == "factor-constant":
        return [f'CONSTANT: {kebab} "{v}"']
    if ext == "io-slot-assign":
        return [f'Config {camel} := "{v}"']
    # --- build and config tools ----------------------------------------------------------------------------
    if ext == "buck2-buckconfig":
        return [f"[{o}]", f"  {leaf} = {v}"]
    if ext == "pants-subprocess-env":
        return ["[subprocess-environment]", f'env_vars = ["{up}={v}", "REGION=eu-west-1"]']
    if ext == "jsonnet-ext-str-cli":
        return [f"jsonnet --ext-str {camel}={v} --ext-str region=eu-west-1 deploy/main.jsonnet > out/main.json"]
    if ext == "cue-export-tag-cli":
        return [f"cue export ./deploy -t {camel}={v} -t env=prod --out yaml"]
    if ext == "cargo-credentials-registries":  # the provider word on the registry's section
        return [f"[registries.{ok}]", f'token = "{v}"']
    # --- gateways, monitoring, infra --------------------------------------------------------------------
    if ext == "emissary-mapping-headers":
        return ["  add_request_headers:", f"    {hdr}:", f"      value: {v}"]
    if ext == "contour-httpproxy-headers":
        return ["      requestHeadersPolicy:", "        set:", f"          - name: {hdr}", f"            value: {v}"]
    if ext == "heartbeat-monitors-yml":
        return [f"- type: http", f"  id: {ok}-api", f"  urls: ['https://api.{host}.com/health']", "  schedule: '@every 60s'",
                "  check.request:", "    headers:", f"      '{hdr}': '{v}'"]
    if ext == "sensu-check-env-vars":
        return ["  env_vars:", f"  - {up}={v}", "  - REGION=eu-west-1"]
    if ext == "atmos-stack-vars":  # key path: components.terraform.<owner>.vars.<leaf>
        return ["components:", "  terraform:", f"    {ok}:", "      vars:", f"        {leaf}: {v}"]
    if ext == "pulumi-esc-environment-yaml":  # key path: values.<owner>.<leaf>
        return ["values:", f"  {oc}:", f"    {lc}: {v}", "  environmentVariables:", f"    {up}: ${{{oc}.{lc}}}"]
    if ext == "bws-secret-create-cli":
        return [f"bws secret create {up} '{v}' \"$BWS_PROJECT_ID\" --note 'orders prod'"]
    if ext == "conjur-variable-set-cli":
        return [f"conjur variable set -i prod/orders/{ok}/{lk} -v '{v}'"]
    if ext == "lxd-profile-environment":
        return ["config:", f"  environment.{up}: {v}", "  environment.REGION: eu-west-1"]
    if ext == "gcloud-secrets-create-echo":
        return [f"echo -n '{v}' | gcloud secrets create {kebab} --data-file=- --replication-policy=automatic"]
    if ext == "ps-set-secret-cli":
        return [f"Set-Secret -Name {pas} -Secret '{v}' -Vault LocalStore"]
    if ext == "windows-sandbox-wsb":
        return ["  <LogonCommand>", f"    <Command>cmd /c setx {up} {v}</Command>", "  </LogonCommand>"]
    if ext == "act-cli-secret-flag":
        return [f"act push -j deploy -s {up}={v} -s GITHUB_TOKEN=\"$(gh auth token)\""]
    if ext == "screwdriver-yaml":
        return ["    environment:", f"      {up}: {v}", "      REGION: eu-west-1"]
    if ext == "sourcehut-build-yml":
        return ["environment:", f"  {up}: {v}", "  REGION: eu-west-1"]
    if ext == "buildbot-master-cfg":
        return [f"c['www']['auth'] = util.UserPasswordAuth({{'{o}': '{v}'}})"]
    # --- developer services' own config files -------------------------------------------------------------
    if ext == "coveralls-yml":
        return ["service_name: github-actions", f"repo_token: {v}"]
    if ext == "chromatic-cli-token":
        return [f"npx chromatic --project-token={v} --exit-zero-on-changes --only-changed"]
    if ext == "transifexrc":
        return ["[https://www.transifex.com]", "rest_hostname = https://rest.api.transifex.com", f"token = {v}"]
    if ext == "crowdin-yml":
        return ['"project_id": "418207"', f'"api_token": "{v}"', '"base_path": "."']
    if ext == "phrase-yml":
        return ["phrase:", f"  access_token: {v}", "  project_id: orders-mobile"]
    if ext == "contentfulrc-json":
        return ["{", f'  "managementToken": "{v}",', '  "activeSpaceId": "orders-space",',
                '  "activeEnvironmentId": "master"', "}"]
    if ext == "stripe-cli-config-toml":
        return ["[default]", "  device_name = 'dana-mbp'", f"  test_mode_api_key = '{v}'",
                "  test_mode_key_expires_at = '2025-08-05'"]
    if ext == "vultr-cli-yaml":
        return [f"api-key: {v}"]
    if ext == "modal-toml":
        return ["[orders]", f'token_id = "{v}"', "active = true"]
    if ext == "crush-json-providers":
        return ['  "providers": {', f'    "{ok}": {{', f'      "base_url": "https://api.{host}.com/v1",',
                f'      "api_key": "{v}",', '      "type": "openai"', "    }", "  }"]
    if ext == "windmill-resource-yaml":
        return [f"description: {title} for the orders workspace", f"resource_type: {o}", "value:", f"  {leaf}: {v}"]
    if ext == "huggingface-cli-login":
        return [f"huggingface-cli login --token {v} --add-to-git-credential"]
    if ext == "snowsql-config":
        return [f"[connections.{o}]", "accountname = acme-eu1", "username = svc_orders", f"password = {v}"]
    if ext == "az-login-service-principal":
        return ["az login --service-principal \\", f"  --username \"$AZURE_CLIENT_ID\" --password '{v}' \\",
                "  --tenant \"$AZURE_TENANT_ID\""]
    if ext == "aws-credential-process-json":  # a credential_process helper's output: no provider word on the value
        return ["{", '  "Version": 1,', '  "AccessKeyId": "' + "AS" + "IAEXAMPLEORDERS0" + '",',
                f'  "SecretAccessKey": "{v}",', '  "Expiration": "2025-05-07T11:11:12Z"', "}"]
    # --- data and notebooks ---------------------------------------------------------------------------------
    if ext == "neo4j-cypher-create":
        return [f"CREATE (:Integration {{name: '{ow}', {lc}: '{v}', region: 'eu-west-1'}});"]
    if ext == "influx-line-protocol":
        return [f'integrations,provider={o},env=prod {leaf}="{v}",enabled=true 1715076672000000000']
    if ext == "mongosh-find-output":  # no provider word: a neutral settings document
        return ["  {", "    _id: ObjectId('663a0b6e9f1c2d3e4f5a6b7c'),", "    scope: 'production',",
                f"    value: '{v}',", "    updatedAt: ISODate('2024-05-07T10:11:12.345Z')", "  }"]
    if ext == "pluto-notebook-cell":
        return ["# ╔═╡ 4f2c8e1a-0b3d-11ef-2a7c-5d9e1f3b6a01", f'{low} = "{v}"', ""]
    if ext == "jupytext-percent-py":
        return ["# %%", "import os", "", f'os.environ["{up}"] = "{v}"']
    # --- logs and pastes -------------------------------------------------------------------------------------
    if ext == "cloudfront-access-log-query":  # the value in a query string (cs-uri-query)
        return [f"2024-05-07\t10:11:12\tFRA56-P5\t512\t203.0.113.7\tGET\td111111abcdef8.cloudfront.net\t/v1/export\t200\t-\t"
                f"curl/8.5.0\t{leaf}={v}&format=csv\t-\tMiss\tx1Y2z3-ORDERS-req\torders.acme.example\thttps\t180"]
    if ext == "iis-w3c-log-query":  # the value in a query string (cs-uri-query)
        return [f"2024-05-07 10:11:12 10.0.3.12 GET /api/{ok}/callback {lc}={v}&state=42 443 - 203.0.113.7 "
                "Mozilla/5.0+(Windows+NT+10.0) - 200 0 0 31"]
    if ext == "caddy-access-log-json-headers":
        return ['{"level":"info","ts":1715076672.345,"logger":"http.log.access.log0","msg":"handled request",'
                f'"request":{{"remote_ip":"203.0.113.7","method":"GET","host":"api.{host}.com","uri":"/v1/orders",'
                f'"headers":{{"Accept":["*/*"],"{hdr}":["{v}"]}}}},"status":200,"size":312}}']
    if ext == "curl-trace-ascii":  # only Authorization, host neutral: no provider word
        return ["=> Send header, 132 bytes (0x84)", "0000: GET /v1/orders HTTP/1.1", "0019: Host: api.acme.example",
                "0033: User-Agent: curl/8.5.0", f"004c: Authorization: Bearer {v}", "0083: "]
    if ext == "logseq-block-properties":
        return [f"- {Ow} sandbox account", f"  {kebab}:: {v}", "  region:: eu-west-1"]
    if ext == "evernote-enex-note":
        return [f"<div>{title}: {v}</div>"]
    if ext == "reddit-markdown-post":
        return ["My config looks like this:", "", "    [default]", f"    {low} = {v}", "    region = eu-west-1", ""]
    # --- package sources with the value in a URL's userinfo -------------------------------------------------
    if ext == "gradle-wrapper-distribution-userinfo":
        return [f"distributionUrl=https\\://{o}:{v}@nexus.acme.example/repository/gradle-dist/gradle-8.7-bin.zip"]
    if ext == "pipfile-source-userinfo":
        return ["[[source]]", f'url = "https://__token__:{v}@pypi.{host}.example/simple"', 'verify_ssl = true',
                f'name = "{ok}"']
    if ext == "galaxy-requirements-src-userinfo":
        return [f"  - name: acme.{o}", f"    src: git+https://oauth2:{v}@gitlab.acme.example/ansible/{ok}-role.git",
                "    version: v2.3.0"]
    # --- key paths on command lines ----------------------------------------------------------------------
    if ext == "hydra-cli-override":  # key path: providers.<owner>.<leaf>
        return [f"python train.py providers.{o}.{leaf}={v} trainer.max_epochs=10"]
    if ext == "pm2-set-module":  # key path: <module>:<leaf>
        return [f"pm2 set pm2-{ok}:{lk} {v}"]
    raise KeyError(ext)

SH = ["#!/usr/bin/env bash", "set -euo pipefail"]

# name -> (file name, header lines, footer lines, comment prefix or None)
SYNTAXES = {
    # other scanners' rule tests and reports
    "gl-golden-generated-assign": ("rules/golden/orders-generated.txt", [], [], None),
    "gl-golden-go-short-var": ("rules/golden/orders-generated-go.txt", ['ordersRegion := "eu-west-1"'], [], None),
    "gl-generate-sample-secrets-plural": ("cmd/generate/config/rules/orders_key.go", ["package rules", "",
                                          "func OrdersKey() *config.Rule {",
                                          "\tr := config.Rule{RuleID: \"orders-key\", Keywords: []string{\"orders\"}}", ""],
                                          ["\tfps := []string{", "\t\t`orders_key = \"${ORDERS_KEY}\"`,",
                                           "\t\t`orders_key = \"xxxxxxxxxxxxxxxxxxxx\"`,", "\t}",
                                           "\treturn utils.Validate(r, tps, fps)", "}"], "\t// "),
    "kingfisher-rule-examples-sq": ("rules/kingfisher/orders.yml", ["rules:", "  - name: Orders API Credential",
                                    "    id: kingfisher.orders.1", "    pattern: |", "      (?xi)", "      \\b orders",
                                    "      (?:.|[\\n\\r]){0,32}?", "      \\b ([a-z0-9_-]{24,64}) \\b",
                                    "    min_entropy: 3.3", "    confidence: medium"],
                                    ["    validation:", "      type: Http", "      content:", "        request:",
                                     "          method: GET", "          url: https://api.orders.example/v1/me"], "    # "),
    "titus-sarif-context-region": ("reports/titus.sarif", ["{", '  "version": "2.1.0",', '  "runs": [{',
                                   '    "tool": { "driver": { "name": "titus", "version": "0.9.1" } },', '    "results": [{',
                                   '      "ruleId": "np.generic.5",', '      "message": { "text": "Generic API Key" },',
                                   '      "locations": [{', '        "physicalLocation": {',
                                   '          "artifactLocation": { "uri": "deploy/app.env" },'],
                                   ["        }", "      }]", "    }]", "  }]", "}"], None),
    "secretlint-json-format": ("reports/secretlint.json", ["[", "  {", '    "filePath": "/srv/orders/config/settings.ts",',
                               '    "messages": ['], ["    ],", '    "sourceContent": ""', "  }", "]"], None),
    "checkmarx-2ms-json-report": ("reports/2ms.json", ["{", '  "totalItemsScanned": 214,', '  "totalSecretsFound": 1,',
                                  '  "results": {', '    "4c1f0e9b2a": ['], ["    ]", "  }", "}"], None),
    "mobsf-secrets-list": ("reports/mobsf/orders-android.json", ["{", '  "app_name": "Orders",',
                           '  "package_name": "com.acme.orders",', '  "secrets": ['],
                           ['    "\\"google_maps_style_id\\" : \\"orders-dark\\""', "  ],", '  "trackers": {}', "}"], None),
    "apkleaks-txt-output": ("reports/apkleaks-orders.txt", [], ["[IP_Address]", "- 10.0.3.12", ""], None),
    "semgrep-sarif-snippet-line": ("reports/semgrep.sarif", ["{", '  "version": "2.1.0",', '  "runs": [{',
                                   '    "tool": { "driver": { "name": "Semgrep OSS" } },', '    "results": [{',
                                   '      "ruleId": "generic.secrets.security.detected-generic-api-key",',
                                   '      "locations": [{', '          "physicalLocation": {',
                                   '            "artifactLocation": { "uri": "src/config.ts" },'],
                                   ["          }", "      }]", "    }]", "  }]", "}"], None),
    "gg-scan-response-matches-json": ("reports/gg-scan-response.json", ["{", '  "policy_break_count": 1,',
                                      '  "policies": ["File extensions", "Filenames", "Secrets detection"],',
                                      '  "policy_breaks": ['], ["  ]", "}"], None),
    "semgrep-ruleid-yaml-k8s": ("rules/k8s/deployment.yaml", ["apiVersion: apps/v1", "kind: Deployment",
                                "metadata:", "  name: orders-api", "spec:", "  template:", "    spec:", "      containers:",
                                "        - name: api", "          image: acme/orders-api:1.4.0", "          env:"],
                                ["            # ok: k8s-hardcoded-env-secret", "            - name: REGION",
                                 "              value: eu-west-1"], "            # "),
    "semgrep-ruleid-php": ("rules/php/hardcoded-credentials.php", ["<?php", "", "use Acme\\Clients;", ""],
                           ["", "// ok: hardcoded-orders-key", "$other = new Client(getenv('ORDERS_KEY'));"], "// "),
    "trufflehog3-json-report": ("reports/trufflehog3.json", ["["], ["]"], None),
    # test files in frameworks not used before
    "qunit-strict-equal": ("checks/config.qunit.js", ["import config from '../src/config.js';", "",
                           "QUnit.module('config', function () {"], ["});"], "  // "),
    "uvu-assert-is": ("checks/config.uvu.js", ["import { suite } from 'uvu';", "import * as assert from 'uvu/assert';",
                      "import config from '../src/config.js';", "", "const Config = suite('config');", ""],
                      ["", "Config.run();"], "// "),
    "fiveam-is": ("checks/config-checks.lisp", ["(in-package #:orders/checks)", "", "(def-suite config-suite)",
                  "(in-suite config-suite)", ""], [], ";; "),
    "r-tinytest-expect-equal": ("inst/tinytest/check_config.R", ["library(tinytest)", ""],
                                ['expect_equal(orders::region(), "eu-west-1")'], "# "),
    "bashunit-assert-equals": ("checks/config_check.sh", ["#!/usr/bin/env bash", "", "function set_up() {",
                               "  source ./lib/config.sh", "}", ""], [], "# "),
    "keploy-test-yaml": ("keploy/orders/cases/case-1.yaml", ["version: api.keploy.io/v1beta1", "kind: Http",
                         "name: case-1", "spec:", "    metadata: {}", "    req:", "        method: GET",
                         "        proto_major: 1", "        proto_minor: 1", "        url: http://localhost:8080/v1/orders"],
                         ["        body: \"\"", "    resp:", "        status_code: 200"], "        # "),
    "frisby-setup-headers": ("checks/api.frisby.js", ["const frisby = require('frisby');", ""],
                             ["", "it('lists orders', () => frisby.get('http://localhost:8080/v1/orders').expect('status', 200));"],
                             "// "),
    "pactum-with-headers": ("checks/orders.pactum.js", ["const { spec } = require('pactum');", "",
                            "describe('orders api', () => {", "  it('lists orders', async () => {"], ["  });", "});"],
                            "    // "),
    "kahlan-expect-tobe": ("checks/ConfigSpec.php", ["<?php", "", "use Acme\\Orders\\Config;", "",
                           "describe('Config', function () {", "    beforeEach(function () {",
                           "        $this->config = Config::fromFile(__DIR__ . '/../config/app.php');", "    });", ""],
                           ["});"], "    // "),
    "midje-fact": ("checks/orders/config_facts.clj", ["(ns orders.config-facts", "  (:require [midje.sweet :refer :all]",
                   "            [orders.config :as config]))", ""], [], ";; "),
    "spek-it-assert-equals": ("src/check/kotlin/ClientSpek.kt", ["import org.spekframework.spek2.Spek",
                              "import org.spekframework.spek2.style.specification.describe", "import kotlin.test.assertEquals",
                              "", "object ClientSpek : Spek({", "    describe(\"Client\") {",
                              "        val client by memoized { Client.fromEnv() }"], ["    }", "})"], "        // "),
    "catch2-section-require": ("checks/config_check.cpp", ["#include <catch2/catch_test_macros.hpp>", "#include \"config.hpp\"",
                               "", "TEST_CASE(\"config is loaded\", \"[config]\") {",
                               "    auto cfg = orders::load(\"config/sample.ini\");"], ["}"], "    // "),
    "gtest-setenv-fixture": ("checks/client_check.cc", ["#include <gtest/gtest.h>", "#include <cstdlib>", "",
                             "class ClientCheck : public ::testing::Test {", " protected:"],
                             ["};", "", "TEST_F(ClientCheck, SignsRequests) { EXPECT_TRUE(orders::Client().signed_()); }"],
                             "  // "),
    "ward-test-py": ("checks/check_client.py", ["from ward import test", "", "from orders.client import Client", "", ""],
                     [], "# "),
    "mocha-chai-should": ("checks/config.spec.cjs", ["require('chai').should();", "const config = require('../src/config');", "",
                          "describe('config', () => {"], ["});"], "  // "),
    "tunit-arguments-attr": ("Orders.Checks/ClientChecks.cs", ["using TUnit.Core;", "", "namespace Orders.Checks;", "",
                             "public class ClientChecks", "{"], ["}"], "    // "),
    "go-cmp-diff-failure": ("reports/go-test-output.txt", ["=== RUN   TestLoad", "--- FAIL: TestLoad (0.00s)"],
                            ["FAIL", "FAIL\tgithub.com/acme/orders/internal/config\t0.012s"], None),
    "pytest-failure-assert-rewrite": ("reports/pytest-output.txt", ["================================= FAILURES =================================",
                                      "_______________________________ check_settings _______________________________", ""],
                                      ["", "checks/check_settings.py:14: AssertionError",
                                       "========================= 1 failed, 12 passed in 0.41s ========================="], None),
    "jest-failure-expected-received": ("reports/jest-output.txt", ["FAIL src/config.spec.ts", ""],
                                       ["", "      12 |   it('reads the key', () => {", "    > 13 |     expect(config.key).toBe(expected);",
                                        "         |                        ^", "", "Tests:       1 failed, 24 passed, 25 total"], None),
    "tsung-xml-http-header": ("load/tsung.xml", ['<?xml version="1.0"?>', '<!DOCTYPE tsung SYSTEM "/usr/share/tsung/tsung-1.0.dtd">',
                              "<tsung loglevel=\"notice\">", "  <sessions>", '   <session name="orders" probability="100" type="ts_http">'],
                              ["   </session>", "  </sessions>", "</tsung>"], None),
    # small languages
    "lean4-def": ("Orders/Config.lean", ["namespace Orders.Config", ""], ["", 'def region : String := "eu-west-1"', "",
                  "end Orders.Config"], "-- "),
    "freebasic-const": ("src/config.bi", ["' settings for the orders sync"], ['Const REGION As String = "eu-west-1"'], "' "),
    "moonscript-assign": ("src/config.moon", ["http = require \"lapis.nginx.http\"", ""], ['region = "eu-west-1"', "",
                          "{ :region }"], "-- "),
    "coffeescript-object": ("src/config.coffee", ["# orders sync settings"], ["", "module.exports = config"], "# "),
    "ysh-var": ("scripts/sync.ysh", ["#!/usr/bin/env ysh", ""], ["var region = 'eu-west-1'", "",
                "curl -sS \"https://orders.acme.example/v1/orders?region=$region\""], "# "),
    "rexx-assign": ("scripts/ordsync.rexx", ["/* REXX: nightly orders sync */"], ["region = 'eu-west-1'", "exit 0"], None),
    "roc-def": ("src/Config.roc", ["module [region]", ""], ["", "region : Str", 'region = "eu-west-1"'], "# "),
    "wren-var": ("src/config.wren", ["// orders sync settings"], ['var Region = "eu-west-1"'], "// "),
    "factor-constant": ("orders/config/config.factor", ["USING: kernel ;", "IN: orders.config", ""],
                        ['CONSTANT: region "eu-west-1"'], "! "),
    "io-slot-assign": ("src/Config.io", ["Config := Object clone"], ['Config region := "eu-west-1"'], "// "),
    # build and config tools
    "buck2-buckconfig": (".buckconfig.local", ["[project]", "  ignore = .git", ""], [], "# "),
    "pants-subprocess-env": ("pants.ci.toml", ["[GLOBAL]", 'pants_version = "2.21.0"', ""], [], "# "),
    "jsonnet-ext-str-cli": ("ops/render.sh", SH, [], "# "),
    "cue-export-tag-cli": ("ops/render-cue.sh", SH, [], "# "),
    "cargo-credentials-registries": (".cargo/credentials.toml", ["[registry]", 'token = "cio_placeholder"', ""], [], "# "),
    # gateways, monitoring, infra
    "emissary-mapping-headers": ("deploy/emissary/orders-mapping.yaml", ["apiVersion: getambassador.io/v3alpha1",
                                 "kind: Mapping", "metadata:", "  name: orders-upstream", "spec:", "  hostname: '*'",
                                 "  prefix: /orders/", "  service: https://api.partner.example"], [], "  # "),
    "contour-httpproxy-headers": ("deploy/contour/orders-httpproxy.yaml", ["apiVersion: projectcontour.io/v1",
                                  "kind: HTTPProxy", "metadata:", "  name: orders", "spec:", "  virtualhost:",
                                  "    fqdn: orders.acme.example", "  routes:", "    - conditions:", "        - prefix: /",
                                  "      services:", "        - name: orders-api", "          port: 8080"], [], "      # "),
    "heartbeat-monitors-yml": ("monitors.d/orders.yml", [], ["  check.response.status: [200]"], "# "),
    "sensu-check-env-vars": ("sensu/checks/orders-api.yml", ["type: CheckConfig", "api_version: core/v2", "metadata:",
                             "  name: check-orders-api", "spec:", "  command: check-http.rb -u https://orders.acme.example/health",
                             "  interval: 60", "  subscriptions:", "  - system"], ["  publish: true"], "  # "),
    "atmos-stack-vars": ("stacks/orgs/acme/prod/eu-west-1.yaml", ["import:", "  - catalog/orders", ""],
                         ["        region: eu-west-1"], "# "),
    "pulumi-esc-environment-yaml": ("esc/orders-prod.yaml", ["imports:", "  - acme/base"], [], "# "),
    "bws-secret-create-cli": ("ops/bws-secrets.sh", SH, [], "# "),
    "conjur-variable-set-cli": ("ops/conjur-load.sh", SH + ["conjur login -i host/ops/loader"], [], "# "),
    "lxd-profile-environment": ("deploy/lxd/orders-profile.yaml", ["name: orders", "description: orders workers"],
                                ["devices:", "  root:", "    path: /", "    pool: default", "    type: disk"], "# "),
    "gcloud-secrets-create-echo": ("ops/gcp-secrets.sh", SH, [], "# "),
    "ps-set-secret-cli": ("ops/Set-OrdersSecrets.ps1", ["Import-Module Microsoft.PowerShell.SecretManagement",
                          "Register-SecretVault -Name LocalStore -ModuleName Microsoft.PowerShell.SecretStore -ErrorAction SilentlyContinue"],
                          [], "# "),
    "windows-sandbox-wsb": ("sandbox/orders-dev.wsb", ["<Configuration>", "  <Networking>Enable</Networking>",
                            "  <MappedFolders>", "    <MappedFolder>", "      <HostFolder>C:\\src\\orders</HostFolder>",
                            "      <ReadOnly>true</ReadOnly>", "    </MappedFolder>", "  </MappedFolders>"],
                            ["</Configuration>"], None),
    "act-cli-secret-flag": ("ops/run-actions-locally.sh", SH, [], "# "),
    "screwdriver-yaml": ("screwdriver.yaml", ["shared:", "  image: node:20", "jobs:", "  main:", "    requires: [~pr, ~commit]"],
                         ["    steps:", "      - install: npm ci", "      - deploy: npm run deploy"], "    # "),
    "sourcehut-build-yml": (".build.yml", ["image: alpine/latest", "packages:", "  - nodejs", "  - npm"],
                            ["tasks:", "  - deploy: |", "      cd orders", "      npm ci && npm run deploy"], "# "),
    "buildbot-master-cfg": ("master/master.cfg", ["# -*- python -*-", "from buildbot.plugins import util", "",
                            "c = BuildmasterConfig = {}", "c['www'] = {'port': 8010}"],
                            ["c['www']['authz'] = util.Authz(allowRules=[util.AnyControlEndpointMatcher(role='admins')])"], "# "),
    # developer services' own config files
    "coveralls-yml": (".coveralls.yml", [], [], "# "),
    "chromatic-cli-token": ("ops/visual-review.sh", SH + ["npm ci"], [], "# "),
    "transifexrc": (".transifexrc", [], [], "# "),
    "crowdin-yml": ("crowdin.yml", [], ['files:', '  - source: /locales/en/*.json', '    translation: /locales/%two_letters_code%/%original_file_name%'],
                    "# "),
    "phrase-yml": (".phrase.yml", [], ["  push:", "    sources:", "      - file: ./locales/en.yml",
                                       "        params:", "          locale_id: en"], "# "),
    "contentfulrc-json": (".contentfulrc.json", [], [], None),
    "stripe-cli-config-toml": (".config/stripe/config.toml", ["color = ''", ""], [], "# "),
    "vultr-cli-yaml": (".vultr-cli.yaml", [], ["output: text"], "# "),
    "modal-toml": (".modal.toml", [], [], "# "),
    "crush-json-providers": (".crush.json", ["{", '  "$schema": "https://charm.land/crush.json",'],
                             ['  ,"options": { "debug": false }', "}"], None),
    "windmill-resource-yaml": ("f/orders/api_credentials.resource.yaml", [], [], "# "),
    "huggingface-cli-login": ("ops/setup-hub.sh", SH + ["pip install -U 'huggingface_hub[cli]'"], [], "# "),
    "snowsql-config": (".snowsql/config", ["[options]", "log_level = INFO", ""], ["dbname = analytics",
                       "warehousename = reporting_wh"], "# "),
    "az-login-service-principal": ("ops/az-login.sh", SH, ["az account set --subscription \"$AZURE_SUBSCRIPTION_ID\""], "# "),
    "aws-credential-process-json": ("notes/credential-process-output.json", [], [], None),
    # data and notebooks
    "neo4j-cypher-create": ("db/seed/integrations.cypher", ["// seed data for the integrations graph"],
                            ["CREATE (:Integration {name: 'ledger', region: 'eu-west-1'});"], "// "),
    "influx-line-protocol": ("data/integrations.lp", ["# DML", "# CONTEXT-DATABASE: ops"], [], "# "),
    "mongosh-find-output": ("notes/mongosh-settings.txt", ["orders> db.settings.find({ name: 'upstream' })", "["],
                            ["]", "orders>"], None),
    "pluto-notebook-cell": ("notebooks/orders.jl", ["### A Pluto.jl notebook ###", "# v0.19.40", "",
                            "using Markdown", "using InteractiveUtils", ""],
                            ["# ╔═╡ Cell order:", "# ╠═4f2c8e1a-0b3d-11ef-2a7c-5d9e1f3b6a01"], None),
    "jupytext-percent-py": ("notebooks/orders_sync.py", ["# ---", "# jupyter:", "#   jupytext:", "#     text_representation:",
                            "#       extension: .py", "#       format_name: percent", "# ---", ""],
                            ["", "# %%", "import requests"], "# "),
    # logs and pastes
    "cloudfront-access-log-query": ("logs/cloudfront/E2ORDERS.2024-05-07-10.log", ["#Version: 1.0",
                                    "#Fields: date time x-edge-location sc-bytes c-ip cs-method cs(Host) cs-uri-stem sc-status "
                                    "cs(Referer) cs(User-Agent) cs-uri-query cs(Cookie) x-edge-result-type x-edge-request-id "
                                    "x-host-header cs-protocol cs-bytes"], [], None),
    "iis-w3c-log-query": ("logs/W3SVC1/u_ex240507.log", ["#Software: Microsoft Internet Information Services 10.0",
                          "#Version: 1.0", "#Date: 2024-05-07 10:00:00",
                          "#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) "
                          "cs(Referer) sc-status sc-substatus sc-win32-status time-taken"], [], None),
    "caddy-access-log-json-headers": ("logs/caddy-access.log", [], [], None),
    "curl-trace-ascii": ("notes/curl-trace.txt", ["== Info: Connected to api.acme.example (203.0.113.9) port 443"],
                         ["<= Recv header, 17 bytes (0x11)", "0000: HTTP/1.1 200 OK"], None),
    "logseq-block-properties": ("pages/Sandbox accounts.md", ["- Accounts for the demo environment"], ["- Rotate after the demo"],
                                None),
    "evernote-enex-note": ("exports/ops-notes.enex", ['<?xml version="1.0" encoding="UTF-8"?>',
                           '<!DOCTYPE en-export SYSTEM "http://xml.evernote.com/pub/evernote-export4.dtd">',
                           '<en-export export-date="20240507T101112Z" application="Evernote" version="10.85.4">',
                           "<note><title>Orders sandbox</title><content><![CDATA[<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
                           '<!DOCTYPE en-note SYSTEM "http://xml.evernote.com/pub/enml2.dtd"><en-note>'],
                           ["</en-note>]]></content><created>20240507T101112Z</created></note>", "</en-export>"], None),
    "reddit-markdown-post": ("notes/reddit-post.md", ["**Help: the client says 401 even with a fresh key**", "",
                             "I generated a new key this morning and put it in `~/.config/orders/config.ini`."],
                             ["Any idea what I'm doing wrong? Running on Ubuntu 24.04."], None),
    # package sources with the value in a URL's userinfo
    "gradle-wrapper-distribution-userinfo": ("gradle/wrapper/gradle-wrapper.properties", ["distributionBase=GRADLE_USER_HOME",
                                             "distributionPath=wrapper/dists"], ["networkTimeout=10000",
                                             "zipStoreBase=GRADLE_USER_HOME", "zipStorePath=wrapper/dists"], "# "),
    "pipfile-source-userinfo": ("Pipfile", ["[[source]]", 'url = "https://pypi.org/simple"', "verify_ssl = true",
                                'name = "pypi"', ""], ["", "[packages]", 'requests = "*"'], "# "),
    "galaxy-requirements-src-userinfo": ("requirements.yml", ["---", "roles:", "  - name: geerlingguy.docker",
                                         "    version: 7.1.0"], ["collections:", "  - name: community.general"], "# "),
    # key paths on command lines
    "hydra-cli-override": ("ops/train.sh", SH, [], "# "),
    "pm2-set-module": ("ops/pm2-modules.sh", SH + ["pm2 install pm2-logrotate"], [], "# "),
}
HELDOUT22_SYNTAXES = list(SYNTAXES)
