"""Twentieth held-out syntax set: written blind, nobody tunes rules or the engine against it.

A set nobody has tuned against, to predict how the pack does on syntaxes it has never seen
once eval/heldout19.py has been measured and is used to fix rules. It was written and committed
before any result of it was looked at, in forms that none of eval/gen.py, eval/heldout.py and
eval/heldout2.py .. eval/heldout19.py produce, in two parts.

About a third in the style of other scanners' and linters' output and of test files the earlier
sets lack (written from how such files look, not copied from any): SpectralOps' CLI output, a
GitHub push protection `GH013` rejection and a GitLab secret push protection rejection pasted in
an issue with the offending line quoted, a gitleaks `--report-format junit` report, git-hound and
shhgit output, a repo-supervisor JSON report, Horusec's and gosec's JSON reports (G101 with its
`code` excerpt), eslint-plugin-no-secrets output, tfsec's default output with its code frame and
Bearer CLI's text report; Elixir Mox `expect`, Gomega `ghttp.VerifyHeaderKV`, an rstest
`#[fixture]`, gock `MatchHeader`, the Rust `httpmock` crate's `when.header`, OkHttp
MockWebServer's `takeRequest().getHeader`, mocktail `when(...).thenReturn`, Alcotest `check`,
HTTPretty `last_request()`, aioresponses `assert_called_once_with`, ClimateControl `modify`,
PHPUnit `putenv` in `setUp`, Spring `@DynamicPropertySource`, an xUnit fixture's
`Environment.SetEnvironmentVariable`, httpexpect `WithHeader`, Bun `mock.module`, a `jest.mock`
factory with a nested config object, testthat with `withr::local_envvar`, Kotest
`withEnvironment`, pytest-httpserver `expect_request(headers=...)` and undici's `MockAgent`.

The rest real-world files from areas the earlier sets lack: secret managers' CLI output pasted
(`vault kv get -format=json`, `doppler secrets download --format json`, 1Password `op item get
--format json`, `sops -d`, `chamber list -e`, `aws secretsmanager get-secret-value`, `az keyvault
secret show`, `gcloud secrets versions access`, `gh variable list`, `infisical export --format
yaml`), AI agent code and configs (CrewAI `LLM(...)`, the OpenAI Agents SDK's
`set_default_openai_key`, Open WebUI's `OPENAI_API_KEYS` list, a Flowise chatflow export,
Pydantic AI providers, Genkit plugins), observability (a New Relic `newrelic.yml`,
`OTEL_EXPORTER_OTLP_HEADERS`, a Splunk HEC `inputs.conf` stanza, an agent installer fetched with
the token in its query string), BI and data (a Tableau `.tds` connection, a Celery broker URL),
mobile (`--dart-define-from-file` JSON, BuildKonfig `buildConfigField`), pastes (`curl -v`
request lines, a notebook error output printing request headers, DevTools "Copy as cURL (cmd)",
grpcurl and wscat command lines), deploy tools (kubeseal `--raw`, `pulumi config set
provider:key`, `sst secret set`, App Runner `apprunner.yaml`, SAM `samconfig.toml`
`parameter_overrides`, Azure Container Apps YAML secrets, a CFEngine `vars` promise, a Puppet
Bolt inventory, `.gitmodules` with a token in the URL), Windows (SCCM task sequence `TSEnv`,
batch `set "X=..."`, VBScript `Const`, AutoIt `Global Const`, WinSW service XML), small languages
(Vala, Janet, Hy, AWK, ReScript, Mojo, Hare, Red, OpenStep plists), editing a config by key path
(`yq -i`, `dasel put`, `npm pkg set config.x.y`), system files (tmux `set-environment`,
`pam_env.conf`, an `authorized_keys` `environment=` option, xinetd `env`, Upstart `env`, circus
`[env:...]`) and gateways (KrakenD martian header modifiers, Ocelot `AddHeadersToRequest`, YARP
transforms, NGINX Unit `environment`, Pomerium `set_request_headers`, an Apache Camel YAML route
with `RAW(...)` in its endpoint query) and an OPML list with a private feed's token.

Interface as eval/heldout19.py: `render(ext, key, value, rng)` returns the lines holding `value`;
`SYNTAXES` maps each name to (file name, header lines, footer lines, comment prefix or None).
Key names come from the rule metadata as in gen.py; each syntax re-spells the key the way its
language or tool does, some with the provider word on the key itself, some on a parent, a
section, a route, a secret's name, a host, a URL or a user name, some only nearby (a comment, a
test name, a rule or finding title in a report), six split across a key path
(`providers.x.key` via yq, dasel, `npm pkg set` and Spring's `registry.add`, `x:key` via Pulumi,
a nested `jest.mock` factory), five with the value in a URL's userinfo (a Celery broker URL,
`.gitmodules`) or query string (an installer URL, a Camel endpoint, an OPML feed), and three not
at all (shhgit's output, the xinetd `env` line and the `authorized_keys` option).

File names avoid the test path globs (rules/test-paths.toml), so the test-style files sit
at paths such as `cases/`, `checks/`, `rules/` or `reports/`. The helpers are copied, not
imported from heldout2.py .. heldout19.py, so that edits there do not move this set.
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
    """The lines that hold `value` under `key` in held-out syntax `ext` (twentieth set)."""
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
    kebab = n["kebab"]
    lk = n["leaf_kebab"]
    lc = n["leafCamel"]
    oc = n["ownerCamel"]
    # --- other scanners' and linters' output ----------------------------------------------------------
    if ext == "spectral-scan-output":  # SpectralOps `spectral scan`
        return [f"  x Visible {title} [secrets] (high)", f"    config/{o}.py:12", f'    > {low} = "{v}"', ""]
    if ext == "gh013-push-protection-paste":  # pasted in an issue, with the line it points at
        return ["remote:", f"remote:       —— {title} ————————————————————————————————",
                "remote:        locations:", "remote:          - commit: 5e1f0c9a2b7d4e6f8a0b1c3d5e7f9a1b3c5d7e9f",
                "remote:            path: config/settings.py:14", "```", "",
                "The line it points at is:", "", "```python", f'{up} = "{v}"', "```", "",
                "It is our sandbox key, can we allow it?"]
    if ext == "gitlab-secret-push-rejection-paste":
        return ["remote: Secret push protection found the following secrets in commit: 9c2e4a7f1b3d",
                f"remote: -- config/{o}.yml:3 | {title}", "remote:",
                "remote: To push your changes you must remove the identified secrets.", "```", "",
                f"Line 3 of `config/{o}.yml` is `{leaf}: {v}`, which is the staging value."]
    if ext == "gitleaks-junit-report-xml":  # gitleaks --report-format junit
        return [f'    <testcase classname="{ok}-{lk}" file="deploy/app.env" name="{title} has detected a secret in file '
                'deploy/app.env, line 3.">',
                f'      <failure message="{title} has detected a secret in file deploy/app.env, line 3." type="{title}">',
                "File: deploy/app.env", "Line: 3", "Commit: 0d9c8b7a6f5e4d3c2b1a09f8e7d6c5b4a3928170",
                f"Secret: {v}", "      </failure>", "    </testcase>"]
    if ext == "git-hound-output":
        return [f'[!] Matched "{title}" in https://github.com/acme/orders/blob/5e1f0c9a/src/config/{ok}.js',
                f'    const {camel} = "{v}";', ""]
    if ext == "shhgit-cli-output":  # no provider word at all
        return [f"[acme/orders] [Generic high entropy string] [src/settings.js] [{v}]"]
    if ext == "repo-supervisor-json":
        return ["    {", f'      "filepath": "src/config/{ok}.js",', '      "tokens": [', f'        "{v}"', "      ]", "    }"]
    if ext == "horusec-json-report":
        return ["        {", '          "line": "7",', '          "column": "4",', '          "confidence": "MEDIUM",',
                f'          "file": "orders/{o}_client.py",', f'          "code": "{low} = \'{v}\'",',
                '          "details": "(1/1) * Possible vulnerability detected: Hard-coded credential\\nThe software '
                'contains hard-coded credentials",', '          "securityTool": "HorusecEngine",',
                '          "language": "Python",', '          "severity": "CRITICAL",', '          "rule_id": "HS-LEAKS-26"',
                "        }"]
    if ext == "gosec-json-report":  # gosec -fmt=json, G101
        return ["\t\t{", '\t\t\t"severity": "HIGH",', '\t\t\t"confidence": "LOW",', '\t\t\t"rule_id": "G101",',
                '\t\t\t"details": "Potential hardcoded credentials",',
                f'\t\t\t"file": "/home/ci/src/orders/internal/{o}/client.go",',
                f'\t\t\t"code": "22: const (\\n23: \\tdefault{n["GoOwner"]}{n["GoLeaf"]} = \\"{v}\\"\\n24: )\\n",',
                '\t\t\t"line": "23",', '\t\t\t"column": "2",', '\t\t\t"nosec": false', "\t\t}"]
    if ext == "eslint-no-secrets-output":  # eslint-plugin-no-secrets, stylish formatter
        return pick([[f"/home/ci/src/orders/src/{ok}.js", f'  3:22  error  Found a string with entropy 4.81 : "{v}"  '
                      "no-secrets/no-secrets", ""],
                     [f"/home/ci/src/orders/src/{ok}.js", f'  3:22  error  Found a string that matches "{title}" : '
                      f'"{v}"  no-secrets/no-secrets', ""]])
    if ext == "tfsec-default-output":
        return [f"Result #1 CRITICAL Sensitive data found in instance user data.", "─" * 60, "  main.tf:14", "─" * 60,
                '   11    resource "aws_instance" "orders" {', "   ..", f'   14  [   user_data = "export {up}={v}"',
                "   ..", "   18    }", "─" * 60, "          ID aws-ec2-no-secrets-in-launch-template-user-data", ""]
    if ext == "bearer-security-report-text":
        return ["CRITICAL: Hard-coded secret detected. [CWE-798]", "https://docs.bearer.com/reference/rules/gitleaks",
                "To ignore this finding, run: bearer ignore add 4b0e9c1d2a3f5e6d7c8b9a0f1e2d3c4b_0", "",
                f"File: config/initializers/{o}.rb:3", "", f" 3 {n['Owner']}.{leaf} = '{v}'", ""]
    # --- test files --------------------------------------------------------------------------------------
    if ext == "elixir-mox-expect":
        return pick([[f'    expect(Orders.ConfigMock, :fetch!, fn :{low} -> "{v}" end)'],
                     [f"    # {title} from the sandbox account",
                      f'    expect(Orders.ConfigMock, :fetch!, fn :{leaf} -> "{v}" end)']])
    if ext == "gomega-ghttp-verifyheader":
        return ["\t\tserver.AppendHandlers(ghttp.CombineHandlers(", '\t\t\tghttp.VerifyRequest("GET", "/v1/orders"),',
                f'\t\t\tghttp.VerifyHeaderKV("{hdr}", "{v}"),', '\t\t\tghttp.RespondWith(http.StatusOK, `{"orders":[]}`),',
                "\t\t))"]
    if ext == "rust-rstest-fixture":
        return ["    #[fixture]", f"    fn {low}() -> &'static str {{", f'        "{v}"', "    }"]
    if ext == "go-gock-matchheader":
        return [f'\tgock.New("https://api.{host}.com").', '\t\tGet("/v1/orders").',
                f'\t\tMatchHeader("Authorization", "Bearer {v}").', "\t\tReply(200)."]
    if ext == "rust-httpmock-when":
        return ["        let m = server.mock(|when, then| {",
                f'            when.method(GET).path("/v1/orders").header("{hdr.lower()}", "{v}");',
                '            then.status(200).json_body(json!({"orders": []}));', "        });"]
    if ext == "java-mockwebserver-takerequest":
        return ["    @Test", f"    void sends{n['Owner']}Token() throws Exception {{", "        client.listOrders();",
                "        RecordedRequest recorded = server.takeRequest();",
                f'        assertEquals("Bearer {v}", recorded.getHeader("Authorization"));', "    }"]
    if ext == "dart-mocktail-thenreturn":
        return [f"    when(() => config.{camel}).thenReturn('{v}');"]
    if ext == "ocaml-alcotest-check":
        return ["let check_key () =", f'  Alcotest.(check string) "{ow} {n["leaf_words"]}" "{v}" (Config.get "{low}")']
    if ext == "py-httpretty-last-request":
        return ["    @httpretty.activate(allow_net_connect=False)", f"    def check_sends_{o}_header(self):",
                f'        httpretty.register_uri(httpretty.GET, "https://api.{host}.com/v1/orders", body="[]")',
                "        client.list_orders()", f'        self.assertEqual(httpretty.last_request().headers["{hdr}"], "{v}")']
    if ext == "py-aioresponses-assert-called":
        return [f'        m.assert_called_once_with("https://api.{host}.com/v1/orders", method="GET",',
                f'                                  headers={{"Authorization": "Bearer {v}"}})']
    if ext == "ruby-climate-control-modify":
        return ["  around do |example|", f'    ClimateControl.modify({up}: "{v}") {{ example.run }}', "  end"]
    if ext == "php-putenv-setup":
        return ["    protected function setUp(): void", "    {", f"        putenv('{up}={v}');",
                f"        $_ENV['{up}'] = getenv('{up}');", "    }"]
    if ext == "spring-dynamic-property-source":  # the provider on a dotted property path
        return ["    @DynamicPropertySource", f"    static void {oc}Properties(DynamicPropertyRegistry registry) {{",
                f'        registry.add("providers.{ok}.{lk}", () -> "{v}");',
                f'        registry.add("providers.{ok}.base-url", wiremock::baseUrl);', "    }"]
    if ext == "cs-xunit-fixture-setenv":
        return pick([[f'        Environment.SetEnvironmentVariable("{up}", "{v}");'],
                     [f'        Environment.SetEnvironmentVariable("{n["Owner"]}__{n["Leaf"]}", "{v}");']])
    if ext == "go-httpexpect-withheader":
        return ['\te.GET("/v1/orders").', f'\t\tWithHeader("{hdr}", "{v}").', "\t\tExpect().", "\t\tStatus(http.StatusOK)"]
    if ext == "bun-mock-module":
        return ['mock.module("../src/config", () => ({', f'  {camel}: "{v}",', '  region: "eu-west-1",', "}));"]
    if ext == "jest-mock-factory":  # nested: providers.<owner>.<leaf>
        return ["jest.mock('../src/config', () => ({", "  providers: {", f"    {oc}: {{ {lc}: '{v}' }},", "  },", "}));"]
    if ext == "r-withr-local-envvar":
        return [f'test_that("the client reads the {ow} key", {{', f'  withr::local_envvar({up} = "{v}")',
                "  expect_true(nzchar(client_key()))", "})"]
    if ext == "kotest-with-environment":
        return [f'    "reads the {ow} key from the environment" {{', f'        withEnvironment("{up}", "{v}") {{',
                f"            Settings.load().{camel} shouldNotBe null", "        }", "    }"]
    if ext == "pytest-httpserver-expect":
        return [f"def check_sends_{o}_header(httpserver):",
                f'    httpserver.expect_request("/v1/orders", headers={{"{hdr}": "{v}"}}).respond_with_json([])',
                "    assert list_orders(httpserver.url_for(\"/\")) == []"]
    if ext == "undici-mockagent-intercept":
        return [f"const mockPool = mockAgent.get('https://api.{host}.com')", "mockPool",
                f"  .intercept({{ path: '/v1/orders', method: 'GET', headers: {{ authorization: 'Bearer {v}' }} }})",
                "  .reply(200, { orders: [] })"]
    # --- secret managers' CLI output, pasted ------------------------------------------------------------
    if ext == "vault-kv-get-json":  # vault kv get -format=json secret/orders
        return ['  "data": {', '    "data": {', f'      "{low}": "{v}",', '      "region": "eu-west-1"', "    },",
                '    "metadata": {', '      "created_time": "2024-05-07T10:11:12.345678Z",', '      "version": 4', "    }",
                "  },"]
    if ext == "doppler-secrets-download-json":
        return [f'  "{up}": "{v}",']
    if ext == "op-item-get-json":  # op item get --format json
        return ["    {", '      "id": "credential",', '      "type": "CONCEALED",', '      "purpose": "PASSWORD",',
                f'      "label": "{n["leaf_words"]}",', f'      "value": "{v}",',
                f'      "reference": "op://Engineering/{ok}/{lk}"', "    }"]
    if ext == "sops-decrypt-output":
        return [f"{o}:", f"    {leaf}: {v}", "    region: eu-west-1"]
    if ext == "chamber-list-expand":  # chamber list -e orders
        return [f"{low:<24}  4         05-07 10:11:12    ci-deployer       {v}"]
    if ext == "aws-sm-get-secret-value-json":
        return ["{", f'    "ARN": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/orders/{ok}-a1B2c3",',
                f'    "Name": "prod/orders/{ok}",', '    "VersionId": "2b9d4c1e-7f0a-4b6c-8d5e-2f1a0b9c8d7e",',
                f'    "SecretString": "{{\\"{leaf}\\":\\"{v}\\"}}",', '    "VersionStages": [', '        "AWSCURRENT"',
                "    ],", '    "CreatedDate": "2024-05-07T10:11:12.345000+00:00"', "}"]
    if ext == "az-keyvault-secret-show-json":
        return ["{", '  "attributes": {', '    "enabled": true,', '    "recoveryLevel": "Recoverable+Purgeable"', "  },",
                '  "contentType": null,',
                f'  "id": "https://kv-orders-prod.vault.azure.net/secrets/{ok}-{lk}/0f1e2d3c4b5a69788796a5b4c3d2e1f0",',
                '  "kid": null,', '  "managed": null,', f'  "name": "{ok}-{lk}",', '  "tags": {},', f'  "value": "{v}"', "}"]
    if ext == "gcloud-secrets-access-paste":
        return [f"$ gcloud secrets versions access latest --secret={ok}-{lk} --project=orders-prod", v, "$ "]
    if ext == "gh-variable-list-paste":
        return [f"{up}\t{v}\tabout 2 days ago", "REGION\teu-west-1\tabout 3 months ago"]
    if ext == "infisical-export-yaml":
        return [f'{up}: "{v}"']
    # --- AI agents -----------------------------------------------------------------------------------
    if ext == "crewai-llm-py":
        return [f"# key from the {ow} dashboard", "llm = LLM(", '    model="openrouter/deepseek/deepseek-r1",',
                f'    base_url="https://api.{host}.com/v1",', f'    api_key="{v}",', ")"]
    if ext == "openai-agents-set-default-key":
        return [f"# {title} (project: orders-assistant)", f'set_default_openai_key("{v}")']
    if ext == "open-webui-compose-keys":
        return [f"      - OPENAI_API_BASE_URLS=https://api.{host}.com/v1;http://ollama:11434/v1",
                f"      - OPENAI_API_KEYS={v};ollama"]
    if ext == "flowise-chatflow-json":
        return ['        "inputs": {', '          "modelName": "gpt-4o-mini",', '          "temperature": 0.9,',
                f'          "{camel}": "{v}",', f'          "basePath": "https://api.{host}.com/v1"', "        },"]
    if ext == "pydantic-ai-provider-py":
        return ["model = OpenAIModel(", '    "gpt-4o",',
                f'    provider=OpenAIProvider(base_url="https://api.{host}.com/v1", api_key="{v}"),', ")"]
    if ext == "genkit-plugin-ts":
        return ["  plugins: [", f"    {oc}({{ apiKey: '{v}' }}),", "  ],"]
    # --- observability --------------------------------------------------------------------------------
    if ext == "newrelic-apm-yml":
        return pick([[f"  # {title}", f"  license_key: '{v}'"], [f"  {leaf}: '{v}'", f"  app_name: Orders ({ow})"]])
    if ext == "otel-exporter-headers-env":
        return [f"OTEL_EXPORTER_OTLP_ENDPOINT=https://api.{host}.com", f"OTEL_EXPORTER_OTLP_HEADERS=x-{ok}-{lk}={v}"]
    if ext == "splunk-hec-inputs-conf":
        return [f"[http://{o}_events]", "disabled = 0", f"token = {v}", "index = orders", "sourcetype = _json"]
    if ext == "agent-installer-wget-query":  # the token in the installer URL's query string
        return [f'wget -O {ok}-agent.sh "https://abc12345.live.{host}.com/api/v1/deployment/installer/agent/unix/'
                f'default/latest?arch=x86&{lc}={v}"', f"sudo /bin/sh {ok}-agent.sh --set-monitoring-mode=fullstack"]
    # --- BI and data ----------------------------------------------------------------------------------
    if ext == "tableau-tds-connection":
        return [f"    <connection class='snowflake' dbname='ORDERS' schema='PUBLIC' server='acme.{host}.com' "
                f"username='svc_{o}' password='{v}' warehouse='REPORTING'>"]
    if ext == "celeryconfig-broker-url":  # userinfo
        return [f'broker_url = "amqps://{o}:{v}@rabbit.{host}.com:5671/orders"', 'result_backend = "rpc://"']
    # --- mobile ---------------------------------------------------------------------------------------
    if ext == "flutter-dart-define-from-file-json":
        return [f'  "{camel}": "{v}",']
    if ext == "buildkonfig-gradle-kts":
        return ["    defaultConfigs {", f'        buildConfigField(STRING, "{up}", "{v}")', "    }"]
    # --- pastes -------------------------------------------------------------------------------------------
    if ext == "curl-verbose-output":
        return ["> GET /v1/orders HTTP/2", f"> Host: api.{host}.com", "> user-agent: curl/8.5.0", "> accept: */*",
                f"> authorization: Bearer {v}", ">", "< HTTP/2 401"]
    if ext == "ipynb-error-traceback-headers":
        return ['      "outputs": [', "        {", '          "ename": "HTTPError",',
                f'          "evalue": "401 Client Error: Unauthorized for url: https://api.{host}.com/v1/orders",',
                '          "output_type": "error",', '          "traceback": [',
                '            "HTTPError Traceback (most recent call last)",',
                f'            "Request headers: {{\'User-Agent\': \'python-requests/2.32.3\', \'Authorization\': \'Bearer {v}\'}}"',
                "          ]", "        }", "      ],"]
    if ext == "devtools-copy-as-curl-cmd":
        return [f'curl ^"https://api.{host}.com/v1/orders^" ^', '  -H ^"accept: application/json^" ^',
                f'  -H ^"authorization: Bearer {v}^" ^', "  --compressed"]
    if ext == "grpcurl-header-cli":
        return [f"grpcurl -H 'authorization: Bearer {v}' \\", "  -d '{\"id\": \"o-1\"}' \\",
                f"  grpc.{host}.com:443 orders.v1.Orders/Get"]
    if ext == "wscat-header-cli":
        return [f'wscat -c "wss://stream.{host}.com/v1/ws" -H "{hdr}: {v}"']
    # --- deploy tools -----------------------------------------------------------------------------------
    if ext == "kubeseal-raw-cli":
        return [f"echo -n '{v}' | kubeseal --raw --namespace orders --name {ok}-credentials --from-file=/dev/stdin"]
    if ext == "pulumi-config-set-cli":  # provider:key
        return [f"pulumi config set {ok}:{lc} '{v}'"]
    if ext == "sst-secret-set-cli":
        return [f"npx sst secret set {n['Owner']}{n['Leaf']} {v} --stage production"]
    if ext == "apprunner-yaml":
        return ["  env:", f"    - name: {up}", f'      value: "{v}"', "    - name: REGION", '      value: "eu-west-1"']
    if ext == "samconfig-parameter-overrides":
        return [f'parameter_overrides = "Stage=prod {n["Owner"]}{n["Leaf"]}={v}"']
    if ext == "azure-containerapp-yaml":
        return ["    secrets:", f"      - name: {ok}-{lk}", f"        value: {v}"]
    if ext == "cfengine-vars-promise":
        return ["  vars:", f'      "{low}" string => "{v}";']
    if ext == "bolt-inventory-yaml":  # the provider on the group and the user
        return [f"  - name: {ok}-hosts", "    targets:", f"      - win01.{host}.com", "    config:",
                "      transport: winrm", "      winrm:", f"        user: svc_{o}", f"        password: '{v}'"]
    if ext == "gitmodules-url-userinfo":
        return [f'[submodule "vendor/{ok}-sdk"]', f"\tpath = vendor/{ok}-sdk",
                f"\turl = https://oauth2:{v}@git.{host}.com/acme/{ok}-sdk.git"]
    # --- Windows -----------------------------------------------------------------------------------------
    if ext == "sccm-tsenv-vbscript":
        return [f'TSEnv("{up}") = "{v}"']
    if ext == "cmd-batch-set-quoted":
        return [f'set "{up}={v}"']
    if ext == "vbscript-const":
        return [f'Const {up} = "{v}"']
    if ext == "autoit-global-const":
        return [f'Global Const $s{n["Pascal"]} = "{v}"']
    if ext == "winsw-service-xml":
        return [f'  <env name="{up}" value="{v}"/>']
    # --- small languages --------------------------------------------------------------------------------
    if ext == "vala-const":
        return [f'    const string {up} = "{v}";']
    if ext == "janet-def":
        return [f'(def {kebab} "{v}")']
    if ext == "hy-setv":
        return [f'(setv {kebab} "{v}")']
    if ext == "awk-begin-var":
        return [f'    {low} = "{v}"', f'    url = "https://api.{host}.com/v1/orders"']
    if ext == "rescript-let":
        return [f'let {camel} = "{v}"']
    if ext == "mojo-alias":
        return [f'alias {up} = "{v}"']
    if ext == "hare-const":
        return [f'def {up}: str = "{v}";']
    if ext == "red-set-word":
        return [f'    {kebab}: "{v}"']
    if ext == "openstep-plist-dict":
        return [f'    {camel} = "{v}";']
    # --- editing a config by key path -------------------------------------------------------------------
    if ext == "yq-eval-assign-cli":
        return [f"yq -i '.providers.{o}.{leaf} = \"{v}\"' config/app.yaml"]
    if ext == "dasel-put-cli":
        return [f"dasel put -f config/app.toml -t string -v '{v}' 'providers.{o}.{leaf}'"]
    if ext == "npm-pkg-set-config":
        return [f"npm pkg set config.{oc}.{lc}='{v}'"]
    # --- system files --------------------------------------------------------------------------------------
    if ext == "tmux-set-environment":
        return [f"set-environment -g {up} '{v}'"]
    if ext == "pam-env-conf":
        return [f'{up}\tDEFAULT="{v}"']
    if ext == "authorized-keys-environment":  # no provider word at all
        pub = "AAAAC3NzaC1lZDI1NTE5AAAAI" + "FakeDeployKeyForCiRunner" + "NotARealKey0000000"
        return [f'environment="{n["LEAF"]}={v}",command="/usr/local/bin/deploy-hook",no-pty ssh-ed25519 {pub} deploy@ci']
    if ext == "xinetd-env":  # no provider word at all
        return [f"\tenv             = {n['LEAF']}={v}"]
    if ext == "upstart-env-stanza":
        return [f"env {up}={v}"]
    if ext == "circus-ini-env":
        return ["[env:orders]", f"{up} = {v}"]
    # --- gateways ------------------------------------------------------------------------------------------
    if ext == "krakend-martian-header":
        return ['          "extra_config": {', '            "modifier/martian": {', '              "header.Modifier": {',
                '                "scope": ["request"],', f'                "name": "{hdr}",', f'                "value": "{v}"',
                "              }", "            }", "          },", f'          "host": ["https://api.{host}.com"]']
    if ext == "ocelot-json-add-headers":
        return [f'      "DownstreamHostAndPorts": [ {{ "Host": "api.{host}.com", "Port": 443 }} ],',
                f'      "AddHeadersToRequest": {{ "{hdr}": "{v}" }},']
    if ext == "yarp-transforms-json":
        return [f'      "{ok}-route": {{', f'        "ClusterId": "{ok}",', f'        "Match": {{ "Path": "/{ok}/{{**catch-all}}" }},',
                '        "Transforms": [', f'          {{ "RequestHeader": "Authorization", "Set": "Bearer {v}" }}',
                "        ]", "      }"]
    if ext == "nginx-unit-config-json":
        return [f'      "environment": {{ "{up}": "{v}" }},']
    if ext == "pomerium-policy-yaml":
        return [f"  - from: https://{ok}.corp.acme.example", f"    to: https://api.{host}.com", "    set_request_headers:",
                f'      {hdr}: "{v}"']
    if ext == "camel-yaml-dsl-endpoint-query":  # the value in the endpoint URI's query
        return ["        - to:", f'            uri: "https://api.{host}.com/v1/orders?{lc}=RAW({v})"']
    if ext == "rss-opml-feed-token":
        return [f'      <outline type="rss" text="{title} feed" xmlUrl="https://{host}.com/feeds/private.atom?token={v}"/>']
    raise ValueError(f"unknown held-out syntax {ext}")


SH = ["#!/usr/bin/env bash", "set -euo pipefail"]

# name -> (file name, header lines, footer lines, comment prefix or None)
SYNTAXES = {
    # other scanners' and linters' output
    "spectral-scan-output": ("reports/spectral-scan.txt", ["$ spectral scan --ok", "", "Found 1 issue", ""], [], None),
    "gh013-push-protection-paste": ("notes/issues/push-rejected.md", ["### Push rejected by push protection", "",
                                    "When I push `main` I get:", "", "```",
                                    "remote: error: GH013: Repository rule violations found for refs/heads/main.",
                                    "remote:", "remote: - GITHUB PUSH PROTECTION",
                                    "remote:   —————————————————————————————————————————",
                                    "remote:     Resolve the following violations before pushing again", "remote:",
                                    "remote:     - Push cannot contain secrets"], [], None),
    "gitlab-secret-push-rejection-paste": ("notes/issues/gitlab-push-blocked.md",
                                           ["Pushing the release branch fails:", "", "```", "remote: GitLab:",
                                            "remote: PUSH BLOCKED: Secrets detected in code changes", "remote:"], [], None),
    "gitleaks-junit-report-xml": ("reports/gitleaks-junit.xml", ['<?xml version="1.0" encoding="UTF-8"?>', "<testsuites>",
                                  '  <testsuite failures="1" name="gitleaks" tests="1" time="">'],
                                  ["  </testsuite>", "</testsuites>"], None),
    "git-hound-output": ("reports/git-hound.txt", ["$ echo acme.example | git-hound --dig-files --dig-commits", ""], [], None),
    "shhgit-cli-output": ("reports/shhgit.log", ["$ shhgit --local ./orders", ""], [], None),
    "repo-supervisor-json": ("reports/repo-supervisor.json", ["{", '  "result": ['], ["  ]", "}"], None),
    "horusec-json-report": ("reports/horusec.json", ["{", '  "version": "v2.8.0",', '  "status": "success",',
                            '  "analysisVulnerabilities": [', "    {", '      "vulnerabilities":'],
                            ["    }", "  ]", "}"], None),
    "gosec-json-report": ("reports/gosec.json", ["{", '\t"Golang errors": {},', '\t"Issues": ['],
                          ["\t],", '\t"Stats": {', '\t\t"files": 41,', '\t\t"found": 1', "\t}", "}"], None),
    "eslint-no-secrets-output": ("reports/eslint.txt", ["$ npx eslint src", ""], ["✖ 1 problem (1 error, 0 warnings)"], None),
    "tfsec-default-output": ("reports/tfsec.txt", ["$ tfsec deploy/terraform", ""], ["  1 potential problem(s) detected."], None),
    "bearer-security-report-text": ("reports/bearer.txt", ["$ bearer scan .", "", "Security Report", "",
                                    "=====================================", ""], ["CRITICAL: 1", "HIGH: 0"], None),
    # test files
    "elixir-mox-expect": ("checks/orders/client_check.exs", ["defmodule Orders.ClientCheck do", "  use ExUnit.Case, async: true",
                          "  import Mox", "", "  setup :verify_on_exit!", "", '  test "signs requests" do'],
                          ["    assert {:ok, _} = Orders.Client.list()", "  end", "end"], "    # "),
    "gomega-ghttp-verifyheader": ("internal/orders/client_suite.go", ["package orders", "", "import (", '\t"net/http"', "",
                                  '\t. "github.com/onsi/ginkgo/v2"', '\t"github.com/onsi/gomega/ghttp"', ")", "",
                                  'var _ = Describe("Client", func() {', '\tIt("sends the key", func() {'],
                                  ["\t\tExpect(client.List()).To(Succeed())", "\t})", "})"], "\t\t// "),
    "rust-rstest-fixture": ("src/client/cases.rs", ["#[cfg(test)]", "mod cases {", "    use rstest::*;", ""],
                            ["", "    #[rstest]", "    fn builds_client(api_key: &str) {", "        assert!(!api_key.is_empty());",
                             "    }", "}"], "    // "),
    "go-gock-matchheader": ("internal/orders/client_cases.go", ["package orders", "", "import (", '\t"testing"', "",
                            '\t"github.com/h2non/gock"', ")", "", "func TestListOrders(t *testing.T) {", "\tdefer gock.Off()"],
                            ['\t\tJSON(map[string]any{"orders": []any{}})', "", "\tif _, err := New().List(); err != nil {",
                             "\t\tt.Fatal(err)", "\t}", "}"], "\t// "),
    "rust-httpmock-when": ("src/client/http_cases.rs", ["#[cfg(test)]", "mod http_cases {", "    use httpmock::prelude::*;",
                           "    use serde_json::json;", "", "    #[test]", "    fn lists_orders() {",
                           "        let server = MockServer::start();"],
                           ["        m.assert();", "    }", "}"], "        // "),
    "java-mockwebserver-takerequest": ("src/integration/java/com/acme/orders/ClientIT.java",
                                       ["package com.acme.orders;", "", "import okhttp3.mockwebserver.*;",
                                        "import static org.junit.jupiter.api.Assertions.assertEquals;", "",
                                        "class ClientIT {", "    MockWebServer server = new MockWebServer();"],
                                       ["}"], "    // "),
    "dart-mocktail-thenreturn": ("check/orders_client_check.dart", ["import 'package:mocktail/mocktail.dart';",
                                 "import 'package:test/test.dart';", "", "class MockConfig extends Mock implements Config {}", "",
                                 "void main() {", "  final config = MockConfig();", "  setUp(() {"],
                                 ["  });", "", "  test('builds headers', () => expect(headers(config), isNotEmpty));", "}"],
                                 "    // "),
    "ocaml-alcotest-check": ("check/check_config.ml", ["let () = Config.load \"config/sample.env\"", ""],
                             ["", "let () = Alcotest.run \"config\" [ \"keys\", [ Alcotest.test_case \"key\" `Quick check_key ] ]"],
                             None),
    "py-httpretty-last-request": ("checks/check_client_headers.py", ["import unittest", "", "import httpretty", "",
                                  "from orders import client", "", "", "class ClientHeaders(unittest.TestCase):"], [], "    # "),
    "py-aioresponses-assert-called": ("checks/check_async_client.py", ["from aioresponses import aioresponses", "",
                                      "from orders.aclient import list_orders", "", "",
                                      "async def check_list_orders():", "    with aioresponses() as m:",
                                      "        m.get(URL, payload={\"orders\": []})", "        await list_orders()"],
                                      [], "        # "),
    "ruby-climate-control-modify": ("checks/orders/client_check.rb", ["require 'climate_control'", "",
                                    "RSpec.describe Orders::Client do"],
                                    ["", "  it 'signs requests' do", "    expect(described_class.new.headers).to include('Authorization')",
                                     "  end", "end"], "  # "),
    "php-putenv-setup": ("checks/Orders/ClientCheck.php", ["<?php", "", "use PHPUnit\\Framework\\TestCase;", "",
                         "final class ClientCheck extends TestCase", "{"],
                         ["", "    public function testHeaders(): void", "    {",
                          "        $this->assertArrayHasKey('Authorization', (new Client())->headers());", "    }", "}"], None),
    "spring-dynamic-property-source": ("src/integration/java/com/acme/orders/ProvidersIT.java",
                                       ["package com.acme.orders;", "", "@SpringBootTest", "class ProvidersIT {", ""],
                                       ["}"], "    // "),
    "cs-xunit-fixture-setenv": ("Orders.Checks/ClientFixture.cs", ["using System;", "", "public sealed class ClientFixture : IDisposable",
                                "{", "    public ClientFixture()", "    {"],
                                ["    }", "", "    public void Dispose() { }", "}"], "        // "),
    "go-httpexpect-withheader": ("internal/api/orders_cases.go", ["package api", "", "import (", '\t"net/http"', '\t"testing"', "",
                                 '\t"github.com/gavv/httpexpect/v2"', ")", "", "func TestOrders(t *testing.T) {",
                                 "\te := httpexpect.Default(t, srv.URL)"], ["}"], "\t// "),
    "bun-mock-module": ("src/orders.cases.ts", ['import { mock, test, expect } from "bun:test";', ""],
                        ["", 'test("headers", async () => {', '  const { headers } = await import("./orders");',
                         "  expect(headers()).toHaveProperty(\"Authorization\");", "});"], "// "),
    "jest-mock-factory": ("src/orders/client.cases.js", ["const { buildClient } = require('./client')", ""],
                          ["", "it('builds a client', () => {", "  expect(buildClient()).toBeDefined()", "})"], "// "),
    "r-withr-local-envvar": ("checks/check-client.R", ["library(testthat)", "source(\"R/client.R\")", ""], [], "# "),
    "kotest-with-environment": ("src/jvmCheck/kotlin/com/acme/orders/SettingsSpec.kt",
                                ["package com.acme.orders", "", "import io.kotest.core.spec.style.StringSpec",
                                 "import io.kotest.extensions.system.withEnvironment", "import io.kotest.matchers.shouldNotBe", "",
                                 "class SettingsSpec : StringSpec({"], ["})"], "    // "),
    "pytest-httpserver-expect": ("checks/check_http_client.py", ["from orders.client import list_orders", "", ""], [], "# "),
    "undici-mockagent-intercept": ("checks/client.cases.mjs", ["import { MockAgent, setGlobalDispatcher } from 'undici'", "",
                                   "const mockAgent = new MockAgent()", "mockAgent.disableNetConnect()",
                                   "setGlobalDispatcher(mockAgent)"], [], "// "),
    # secret managers' CLI output, pasted
    "vault-kv-get-json": ("notes/vault-orders.json", ["{", '  "request_id": "7c1e0a9f-3b2d-4c6e-8a0b-1c3d5e7f9a1b",',
                          '  "lease_id": "",', '  "lease_duration": 0,', '  "renewable": false,'],
                          ['  "warnings": null', "}"], None),
    "doppler-secrets-download-json": ("notes/doppler-prd.json", ["{", '  "DOPPLER_CONFIG": "prd",',
                                      '  "DOPPLER_ENVIRONMENT": "prd",'], ['  "DOPPLER_PROJECT": "orders"', "}"], None),
    "op-item-get-json": ("notes/op-item.json", ["{", '  "id": "k3v7x2mq9r4t6w8y0z1a2b3c4d",', '  "title": "Orders API",',
                         '  "category": "API_CREDENTIAL",', '  "fields": ['], ["  ]", "}"], None),
    "sops-decrypt-output": ("notes/sops-decrypted.yaml", ["# sops -d deploy/secrets.enc.yaml"], ["region: eu-west-1"], "# "),
    "chamber-list-expand": ("notes/chamber-orders.txt", ["$ chamber list -e orders",
                            "Key                       Version   LastModified      User              Value"], [], None),
    "aws-sm-get-secret-value-json": ("notes/get-secret-value.json", [], [], None),
    "az-keyvault-secret-show-json": ("notes/keyvault-secret.json", [], [], None),
    "gcloud-secrets-access-paste": ("notes/gcloud-secret.txt", [], [], None),
    "gh-variable-list-paste": ("notes/gh-variables.txt", ["$ gh variable list --repo acme/orders", "NAME\tVALUE\tUPDATED"],
                               [], None),
    "infisical-export-yaml": ("deploy/prod.secrets.yaml", ["# infisical export --env=prod --format=yaml"],
                              ['REGION: "eu-west-1"'], "# "),
    # AI agents
    "crewai-llm-py": ("agents/crew.py", ["from crewai import Agent, LLM", ""],
                      ["", "researcher = Agent(role=\"Researcher\", goal=\"Summarise orders\", backstory=\"\", llm=llm)"], "# "),
    "openai-agents-set-default-key": ("agents/main.py", ["from agents import Agent, Runner, set_default_openai_key", ""],
                                      ["", "agent = Agent(name=\"Assistant\", instructions=\"Answer briefly.\")"], "# "),
    "open-webui-compose-keys": ("deploy/open-webui/compose.yaml", ["services:", "  open-webui:",
                                "    image: ghcr.io/open-webui/open-webui:main", "    ports:", '      - "3000:8080"',
                                "    environment:"], ["    volumes:", "      - open-webui:/app/backend/data", "volumes:",
                                                      "  open-webui: {}"], "# "),
    "flowise-chatflow-json": ("flows/orders-assistant.json", ["{", '  "nodes": [', "    {", '      "id": "chatOpenAI_0",',
                              '      "data": {', '        "name": "chatOpenAI",'],
                              ['        "label": "ChatOpenAI"', "      }", "    }", "  ],", '  "edges": []', "}"], None),
    "pydantic-ai-provider-py": ("agents/assistant.py", ["from pydantic_ai import Agent",
                                "from pydantic_ai.models.openai import OpenAIModel",
                                "from pydantic_ai.providers.openai import OpenAIProvider", ""],
                                ["agent = Agent(model)"], "# "),
    "genkit-plugin-ts": ("src/genkit.ts", ["import { genkit } from 'genkit';", "", "export const ai = genkit({"],
                         ["  model: 'orders/default',", "});"], "  // "),
    # observability
    "newrelic-apm-yml": ("config/newrelic.yml", ["common: &default_settings"],
                         ["  log_level: info", "", "production:", "  <<: *default_settings"], "  # "),
    "otel-exporter-headers-env": ("deploy/otel.env", ["OTEL_SERVICE_NAME=orders", "OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf"],
                                  [], "# "),
    "splunk-hec-inputs-conf": ("etc/apps/orders_hec/local/inputs.conf", ["[http]", "disabled = 0", ""], [], "# "),
    "agent-installer-wget-query": ("ops/install-monitoring.sh", SH, [], "# "),
    # BI and data
    "tableau-tds-connection": ("reports/orders.tds", ["<?xml version='1.0' encoding='utf-8' ?>",
                               "<datasource formatted-name='orders' inline='true' version='18.1'>"],
                               ["      <relation name='ORDERS' table='[PUBLIC].[ORDERS]' type='table' />",
                                "    </connection>", "</datasource>"], None),
    "celeryconfig-broker-url": ("orders/celeryconfig.py", ["# Celery configuration"], ['task_serializer = "json"'], "# "),
    # mobile
    "flutter-dart-define-from-file-json": ("config/prod.json", ["{", '  "APP_ENV": "prod",'], ['  "SENTRY_ENV": "prod"', "}"],
                                           None),
    "buildkonfig-gradle-kts": ("shared/build.gradle.kts", ["import com.codingfeline.buildkonfig.compiler.FieldSpec.Type.STRING",
                               "", "buildkonfig {", '    packageName = "com.acme.orders"'], ["}"], "    // "),
    # pastes
    "curl-verbose-output": ("notes/curl-debug.txt", ["$ curl -v https://api.example.invalid/v1/orders", "*   Trying 203.0.113.7:443...",
                            "* Connected to api (203.0.113.7) port 443", "* using HTTP/2"], ["< content-type: application/json", "<"],
                            None),
    "ipynb-error-traceback-headers": ("notebooks/orders-debug.ipynb", ["{", ' "cells": [', "  {", '   "cell_type": "code",',
                                      '   "execution_count": 7,', '   "metadata": {},'],
                                      ['   "source": ["resp = session.get(url)\\n", "resp.raise_for_status()"]', "  }", " ],",
                                       ' "metadata": {},', ' "nbformat": 4,', ' "nbformat_minor": 5', "}"], None),
    "devtools-copy-as-curl-cmd": ("notes/repro.cmd", ["@echo off", "REM copied from the browser's Network tab"], [], "REM "),
    "grpcurl-header-cli": ("ops/grpc-smoke.sh", SH, [], "# "),
    "wscat-header-cli": ("ops/stream-smoke.sh", SH, [], "# "),
    # deploy tools
    "kubeseal-raw-cli": ("ops/seal-secrets.sh", SH, ["kubectl apply -f deploy/sealed/"], "# "),
    "pulumi-config-set-cli": ("ops/pulumi-setup.sh", SH + ["pulumi stack select acme/orders/prod"], ["pulumi up --yes"], "# "),
    "sst-secret-set-cli": ("ops/sst-secrets.sh", SH, [], "# "),
    "apprunner-yaml": ("apprunner.yaml", ["version: 1.0", "runtime: nodejs18", "build:", "  commands:", "    build:",
                       "      - npm ci", "run:", "  command: npm start", "  network:", "    port: 8080"], [], "# "),
    "samconfig-parameter-overrides": ("samconfig.toml", ["version = 0.1", "", "[default.deploy.parameters]",
                                      'stack_name = "orders"', 'region = "eu-west-1"', 'capabilities = "CAPABILITY_IAM"'], [], "# "),
    "azure-containerapp-yaml": ("deploy/containerapp.yaml", ["location: westeurope", "name: orders-api", "type: Microsoft.App/containerApps",
                                "properties:", "  configuration:", "    activeRevisionsMode: Single"],
                                ["  template:", "    containers:", "      - image: acme.azurecr.io/orders:1.4.0", "        name: orders"],
                                "# "),
    "cfengine-vars-promise": ("masterfiles/services/orders.cf", ["bundle agent orders_config", "{"],
                              ["", "  files:", '      "/etc/orders/app.conf"', '        create => "true";', "}"], "# "),
    "bolt-inventory-yaml": ("inventory.yaml", ["groups:"], [], "# "),
    "gitmodules-url-userinfo": (".gitmodules", ['[submodule "vendor/protos"]', "\tpath = vendor/protos",
                                "\turl = https://git.acme.example/platform/protos.git"], [], "# "),
    # Windows
    "sccm-tsenv-vbscript": ("osd/set-variables.vbs", ['Set TSEnv = CreateObject("Microsoft.SMS.TSEnvironment")'],
                            ['TSEnv("OSDComputerName") = "ORD-" & TSEnv("_SMSTSMachineName")'], "' "),
    "cmd-batch-set-quoted": ("ops/start-orders.bat", ["@echo off", "setlocal"], ["orders.exe --serve", "endlocal"], "REM "),
    "vbscript-const": ("tools/export-orders.vbs", ["Option Explicit", ""], ["", "Dim http", 'Set http = CreateObject("MSXML2.XMLHTTP")'],
                       "' "),
    "autoit-global-const": ("tools/OrdersSync.au3", ["#include <InetConstants.au3>", ""], [], "; "),
    "winsw-service-xml": ("service/orders-service.xml", ["<service>", "  <id>orders</id>", "  <name>Orders Sync</name>",
                          "  <executable>%BASE%\\orders.exe</executable>"], ["  <log mode=\"roll\"/>", "</service>"], None),
    # small languages
    "vala-const": ("src/config.vala", ["namespace Orders {"], ["}"], "    // "),
    "janet-def": ("src/config.janet", ["# settings for the sync job"], ['(def region "eu-west-1")'], "# "),
    "hy-setv": ("orders/settings.hy", ["(import os)", ""], ['(setv region "eu-west-1")'], "; "),
    "awk-begin-var": ("tools/report.awk", ["#!/usr/bin/awk -f", "BEGIN {", '    FS = ","'], ["}"], "    # "),
    "rescript-let": ("src/Config.res", ["// settings"], ['let region = "eu-west-1"'], "// "),
    "mojo-alias": ("src/config.mojo", ["from os import getenv", ""], [], "# "),
    "hare-const": ("cmd/orders/config.ha", ["use os;", ""], [], "// "),
    "red-set-word": ("tools/config.red", ["Red [Title: \"orders sync\"]", "", "config: make object! ["], ["]"], None),
    "openstep-plist-dict": ("Resources/Settings.plist", ["{"], ['    region = "eu-west-1";', "}"], "    // "),
    # editing a config by key path
    "yq-eval-assign-cli": ("ops/configure.sh", SH, [], "# "),
    "dasel-put-cli": ("ops/configure-toml.sh", SH, [], "# "),
    "npm-pkg-set-config": ("ops/setup-package.sh", SH, [], "# "),
    # system files
    "tmux-set-environment": (".tmux.conf", ["set -g mouse on", "set -g history-limit 50000"], [], "# "),
    "pam-env-conf": ("etc/security/pam_env.conf", ["# VARIABLE [DEFAULT=[value]] [OVERRIDE=[value]]"], [], "# "),
    "authorized-keys-environment": ("home/deploy/.ssh/authorized_keys", [], [], "# "),
    "xinetd-env": ("etc/xinetd.d/orders-hook", ["service orders-hook", "{", "\tsocket_type     = stream", "\twait            = no",
                   "\tuser            = deploy", "\tserver          = /usr/local/bin/orders-hook"], ["}"], "\t# "),
    "upstart-env-stanza": ("etc/init/orders.conf", ["description \"orders sync\"", "start on runlevel [2345]", ""],
                           ["", "exec /usr/local/bin/orders-sync"], "# "),
    "circus-ini-env": ("etc/circus/orders.ini", ["[watcher:orders]", "cmd = /usr/local/bin/orders-sync", "numprocesses = 2", ""],
                       [], "# "),
    # gateways
    "krakend-martian-header": ("krakend/krakend.json", ["{", '  "version": 3,', '  "endpoints": [', "    {",
                               '      "endpoint": "/orders",', '      "backend": [', "        {",
                               '          "url_pattern": "/v1/orders",'], ["        }", "      ]", "    }", "  ]", "}"], None),
    "ocelot-json-add-headers": ("gateway/ocelot.json", ["{", '  "Routes": [', "    {",
                                '      "DownstreamPathTemplate": "/v1/orders",', '      "DownstreamScheme": "https",'],
                                ['      "UpstreamPathTemplate": "/orders",', '      "UpstreamHttpMethod": [ "Get" ]', "    }",
                                 "  ]", "}"], None),
    "yarp-transforms-json": ("gateway/appsettings.json", ["{", '  "ReverseProxy": {', '    "Routes": {'],
                             ["    }", "  }", "}"], None),
    "nginx-unit-config-json": ("unit/config.json", ["{", '  "listeners": { "*:8080": { "pass": "applications/orders" } },',
                               '  "applications": {', '    "orders": {', '      "type": "python 3.11",',
                               '      "path": "/srv/orders",'], ['      "module": "orders.wsgi"', "    }", "  }", "}"], None),
    "pomerium-policy-yaml": ("pomerium/config.yaml", ["authenticate_service_url: https://authenticate.corp.acme.example",
                             "routes:"], ["    allow_any_authenticated_user: true"], "# "),
    "camel-yaml-dsl-endpoint-query": ("src/main/resources/camel/orders-poll.camel.yaml", ["- route:", "    id: orders-poll",
                                      "    from:", '      uri: "timer:poll?period=60000"', "      steps:"],
                                      ['        - log: "${body}"'], "# "),
    "rss-opml-feed-token": ("feeds/subscriptions.opml", ['<?xml version="1.0" encoding="UTF-8"?>', '<opml version="2.0">',
                            "  <head><title>Subscriptions</title></head>", "  <body>", '    <outline text="Work">'],
                            ["    </outline>", "  </body>", "</opml>"], None),
}
HELDOUT20_SYNTAXES = list(SYNTAXES)
