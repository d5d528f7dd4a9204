"""Fifteenth held-out syntax set: written blind, nobody tunes rules or the engine against it.

A set nobody has tuned against, to predict how the pack does on syntaxes it has never seen
once eval/heldout14.py has been measured and is used to fix rules. It was written and committed
before any result of it was looked at, in forms that none of eval/gen.py, eval/heldout.py and
eval/heldout2.py .. eval/heldout14.py produce, in two parts.

About a third in the style of secret scanners' rule tests, reports and of test files the earlier
sets lack (written from how such files look, not copied from any): Semgrep rule tests with
`// ruleid:` / `// ok:` annotations in TypeScript, Go and Java, a Kingfisher-style rule with
`pattern_requirements`, `examples` and a `validation` block, `pytest.param` over multi-line
payloads, Swift Testing `@Test(arguments:)`, MSTest `[DataRow]`, PHPUnit `#[TestWith]`, RSpec
`it_behaves_like` / `include_examples`, Ruby test-unit `data(...)`, Go fuzz seeds `f.Add`, Rust
`expect![[...]]`, Clojure `are`, Zig `test` blocks, Nim `unittest`, Tavern and Step CI API tests,
Hoppscotch collections, Mountebank imposters, Mockoon environments, the `responses` recorder
file, Trivy secret and ggshield JSON reports, Allure results, Storybook story `args`, MSW
handlers, `cypress.env.json`, Puppeteer `setExtraHTTPHeaders`, Vegeta targets and fast-check
`constantFrom` properties.

The rest real-world files from areas the earlier sets lack: observability agents (`datadog.yaml`,
Elastic APM `elasticapm.properties`, Splunk `outputs.conf`, Netdata `stream.conf`, Graylog
Sidecar), database GUIs (Navicat `.ncx`, SQL Developer connections, MySQL Workbench
`connections.xml`), IDE run configurations (Fleet `run.json`, Sublime Text projects), serverless
(Amplify `team-provider-info.json`, Architect `.arc-env`, Cloud Functions `--env-vars-file`),
AI-agent configs (OpenHands `config.toml`, Gemini CLI `settings.json` HTTP MCP headers,
`opencode.json`, Claude Code `.claude/settings.json` `env`, Rasa `credentials.yml`), backup
(resticprofile, autorestic, Kopia `repository.config`), mail (himalaya, getmail, sSMTP, Exim
`passwd.client`), brokers (kcat `-X sasl.password`, Redpanda `rpk.yaml`, Kafka Connect and
Debezium connector JSON, ActiveMQ `simpleAuthenticationPlugin`), VPN and edge (strongSwan
`swanctl.conf`, Teleport, `netbird up --setup-key`), package managers (`jf config add`,
`VCPKG_BINARY_SOURCES`, `cachix authtoken`, `pixi auth login`), game servers and IoT (Tasmota
`Backlog`, ARK `GameUserSettings.ini`, OctoPrint, Moonraker, Frigate, Homebridge), operating
systems (`nmcli`, netplan), CI and infrastructure (DevSpace `vars`, `juju config`, `credhub set`,
OpenShift template parameters), web apps and self-hosted services (Beego `app.conf`, Jekyll
`_config.yml`, `gatsby-config.js` plugin options, CakePHP `app_local.php`, CodeIgniter `.env`,
Ghost, Discourse `app.yml`, Nextcloud `config.php`, Gitea `app.ini`, Synapse `homeserver.yaml`),
data tools (Airbyte sources, Kedro credentials, Great Expectations `config_variables.yml`, Trino
catalogs, dlt `secrets.toml`, `superset_config.py`) and operational pastes (`TF_LOG=DEBUG`
output, `aws --debug` logs, mitmdump output, Mattermost bulk exports, Telegram exports).

Interface as eval/heldout14.py: `render(ext, key, value, rng)` returns the lines holding `value`;
`SYNTAXES` maps each name to (file name, header lines, footer lines, comment prefix or None).
Key names come from the rule metadata as in gen.py; each syntax re-spells the key the way its
language or tool does, some with the provider word on the key itself, some on a parent, a
section, a server, a host, an account or a user name, some only nearby (a comment, a test name,
a description) and one not at all (Vegeta targets holding only a bearer token).

File names avoid the test path globs (rules/test-paths.toml), so the fixture-style files sit
at paths such as `cases/`, `checks/`, `rules/` or `reports/`. The helpers are copied, not
imported from heldout2.py .. heldout14.py, so that edits there do not move this set.
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
    """The lines that hold `value` under `key` in held-out syntax `ext` (fifteenth set)."""
    n = names(key)
    v = value
    pick = rng.choice
    hdr = f"X-{n['Owner']}-{n['Leaf_dash']}"  # a provider's own header name, as its docs spell it
    up = n["UPPER"]
    host = n["host"]
    title = f"{n['Owner']} {n['leaf_title']}"
    low = n["lower"]
    kebab = n["kebab"]
    # --- scanners' rule tests, reports and test files ----------------------------------------
    if ext == "semgrep-ruleid-ts":  # a Semgrep rule's TypeScript test file, annotations on the line above
        rid = f"hardcoded-{n['owner_kebab']}-{n['leaf_kebab']}"
        return pick([[f"// ruleid: {rid}", f'const {n["camel"]} = "{v}";'],
                     [f"// ruleid: {rid}", f"const client = new {n['Owner']}Client({{ {n['leafCamel']}: '{v}' }});"],
                     [f"// ok: {rid}", f"const {n['camel']}FromEnv = process.env.{up};", f"// ruleid: {rid}",
                      f"headers['{hdr}'] = `{v}`;"]])
    if ext == "semgrep-ruleid-go":
        rid = f"go-hardcoded-{n['owner_kebab']}"
        return pick([["\t// ruleid: " + rid, f'\t{n["ownerCamel"]}{n["GoLeaf"]} := "{v}"'],
                     ["\t// ruleid: " + rid, f'\tcfg := {n["GoOwner"]}Config{{{n["GoLeaf"]}: "{v}"}}', "\t_ = cfg"]])
    if ext == "semgrep-ruleid-java":
        rid = f"java-hardcoded-{n['owner_kebab']}-credential"
        return pick([[f"        // ruleid: {rid}", f'        String {n["camel"]} = "{v}";'],
                     [f"        // ruleid: {rid}", f'        conn.setRequestProperty("{hdr}", "{v}");'],
                     [f"        // ok: {rid}", f'        String fromEnv = System.getenv("{up}");', f"        // ruleid: {rid}",
                      f'        builder.{n["leafCamel"]}("{v}");']])
    if ext == "kf-rule-validation-examples":  # a rule file with validation and pattern requirements
        return [f"  - name: {title}", f"    id: kingfisher.{n['owner']}.{n['leaf']}", "    pattern: |",
                "      (?xi)", f"      \\b{host}", "      (?:.|[\\n\\r]){0,32}?", "      \\b([a-z0-9_-]{24,64})\\b",
                "    pattern_requirements:", "      min_digits: 2", "    min_entropy: 3.3", "    confidence: medium",
                "    examples:", f"      - {up}={v}", f"      - '{n['camel']}: \"{v}\"'", "    validation:", "      type: Http",
                "      content:", "        request:", "          method: GET", f"          url: https://api.{host}.com/v1/me",
                "          headers:", f"            {hdr}: '{{{{ TOKEN }}}}'", "          response_matcher:",
                "            - type: StatusMatch", "              status: [200]"]
    if ext == "pytest-param-multiline":  # detect-secrets plugin tests over multi-line payloads
        return pick([["    pytest.param(", '        """', f"        [{n['owner']}]", f"        {n['leaf']} = {v}", '        """,',
                      "        True,", f'        id="{kebab}-ini-section",', "    ),"],
                     ["    pytest.param(", "        textwrap.dedent('''", f"            {n['owner']}:", f"              {n['leaf']}: '{v}'",
                      "        '''),", "        True,", f'        id="{kebab}-yaml",', "    ),"]])
    if ext == "swift-testing-arguments":  # Swift Testing parameterized over arguments
        return [f'    @Test("finds {n["owner_words"]} keys", arguments: [', f'        "{up}={v}",',
                f'        "let {n["camel"]} = \\"{v}\\"",', "    ])", "    func finds(line: String) {",
                "        #expect(!Scanner.scan(line).isEmpty)", "    }"]
    if ext == "mstest-datarow":
        return ["        [DataTestMethod]", f'        [DataRow("{up}={v}", true)]', '        [DataRow("TOKEN=changeme", false)]',
                f"        public void Finds{n['Owner']}Key(string line, bool expected)", "        {",
                "            Assert.AreEqual(expected, Scanner.Scan(line).Any());", "        }"]
    if ext == "phpunit-testwith-attr":  # PHPUnit 10 attribute data sets
        return pick([[f"    #[TestWith([\"{up}={v}\"])]", f"    #[TestWith([\"'{low}' => '{v}'\"])]",
                      f"    public function test_{low}_is_found(string $line): void", "    {",
                      "        $this->assertNotEmpty(Scanner::scan($line));", "    }"],
                     [f"    #[TestWithJson('[\"{v}\", \"{kebab}\"]')]", "    public function test_token(string $token, string $rule): void",
                      "    {", "        $this->assertSame($rule, Scanner::scan($token)[0]->rule);", "    }"]])
    if ext == "rspec-shared-examples":
        return pick([[f"  context 'with a {n['owner_words']} key' do",
                      f"    it_behaves_like 'a detected secret', \"{up}={v}\"", "  end"],
                     [f"  include_examples 'detects', '{kebab}', <<~CONF", f"    {n['leaf']}: {v}", "  CONF"]])
    if ext == "testunit-data":  # Ruby test-unit data-driven tests
        return [f'  data("{n["owner_words"]} dotenv", ["{up}={v}", true])',
                f"  data(\"{n['owner_words']} yaml\", [\"{n['leaf']}: {v}\", true])",
                "  def test_scan(data)", "    line, expected = data", "    assert_equal(expected, !Scanner.scan(line).empty?)", "  end"]
    if ext == "go-fuzz-f-add":  # seed corpus entries added in source
        return pick([[f"\t// {title}", f'\tf.Add("{up}={v}")'],
                     [f'\tf.Add("{low}: {v}", true)']])
    if ext == "rust-expect-test":  # expect_test's expect![[...]] snapshots
        return ["#[test]", f"fn reports_{low}() {{", f'    let got = scan("{up}={v}");',
                "    expect![[r#\"", "        [", "            Finding {", f'                rule: "{kebab}",',
                f'                secret: "{v}",', "            },", "        ]", '    "#]].assert_debug_eq(&got);', "}"]
    if ext == "clojure-test-are":
        return [f"(deftest finds-{kebab}", "  (are [line] (seq (scan line))",
                f'    "{up}={v}"', f'    "{{:{n["owner_kebab"]}/{n["leaf_kebab"]} \\"{v}\\"}}"))']
    if ext == "zig-test-block":
        return [f'test "finds the {n["owner_words"]} key" {{', f'    const line = "{up}={v}";',
                "    try std.testing.expect(scan.find(line) != null);", "}"]
    if ext == "nim-unittest-check":
        return [f'  test "{n["owner_words"]} key":', f'    check scan("{low} = \\"{v}\\"").len == 1']
    if ext == "tavern-yaml":  # a Tavern API test stage
        return ["  - name: list orders", "    request:", f"      url: https://api.{host}.com/v1/orders", "      method: GET",
                "      headers:", f"        {hdr}: {v}", "    response:", "      status_code: 200"]
    if ext == "stepci-workflow":
        return pick([["env:", f"  {n['camel']}: {v}", "tests:", "  orders:", "    steps:", "      - name: list",
                      "        http:", f"          url: https://api.{host}.com/v1/orders", "          method: GET"],
                     ["tests:", "  orders:", "    steps:", "      - name: list", "        http:",
                      f"          url: https://api.{host}.com/v1/orders", "          method: GET", "          auth:",
                      "            bearer:", f"              token: {v}"]])
    if ext == "hoppscotch-collection":
        return ["    {", '      "v": "4",', f'      "name": "list {n["owner_words"]} orders",', '      "method": "GET",',
                f'      "endpoint": "https://api.{host}.com/v1/orders",', '      "headers": [',
                f'        {{ "key": "{hdr}", "value": "{v}", "active": true }}', "      ],",
                '      "auth": { "authType": "inherit", "authActive": true }', "    }"]
    if ext == "mountebank-imposter":
        return ["    {", '      "predicates": [', '        { "equals": {', '          "method": "GET",',
                f'          "headers": {{ "{hdr}": "{v}" }}', "        } }", "      ],",
                '      "responses": [{ "is": { "statusCode": 200 } }]', "    }"]
    if ext == "mockoon-env-json":
        return ["    {", f'      "uuid": "7d1e3c2a-{n["owner_kebab"]}",', '      "endpoint": "v1/orders",', '      "method": "get",',
                '      "rules": [', f'        {{ "target": "header", "modifier": "{hdr}", "value": "{v}", "operator": "equals" }}',
                "      ]", "    }"]
    if ext == "responses-recorder-yaml":  # the responses library's recorded file
        return ["- response:", "    auto_calculate_content_length: false", "    body: '[]'", "    content_type: application/json",
                "    method: GET", "    status: 200", f"    url: https://api.{host}.com/v1/orders?{n['leaf']}={v}"]
    if ext == "trivy-secret-report":
        return ["        {", f'          "RuleID": "{kebab}",', '          "Category": "' + n["Owner"] + '",',
                f'          "Title": "{title}",', '          "Severity": "HIGH",', '          "StartLine": 3,',
                '          "EndLine": 3,', f'          "Match": "{up}={v}"', "        }"]
    if ext == "ggshield-json-output":
        return ["        {", '          "policy": "Secrets detection",', f'          "break_type": "{title}",',
                '          "matches": [', "            {", f'              "type": "{n["leaf_words"]}",',
                f'              "match": "{v}",', '              "line_start": 3,', '              "line_end": 3', "            }",
                "          ]", "        }"]
    if ext == "allure-result-json":  # a test run's result with its parameters
        return [f'  "name": "finds {n["owner_words"]} key",', '  "status": "passed",', '  "parameters": [',
                f'    {{ "name": "line", "value": "{up}={v}" }},', '    { "name": "expected", "value": "True" }', "  ],"]
    if ext == "storybook-story-args":
        return [f"export const With{n['Owner']}: Story = {{", "  args: {", f"    {n['leafCamel']}: '{v}',",
                "    region: 'eu-west-1',", "  },", "};"]
    if ext == "msw-handler":
        return [f"  http.get('https://api.{host}.com/v1/orders', ({{ request }}) => {{",
                f"    if (request.headers.get('{hdr}') !== '{v}') {{",
                "      return new HttpResponse(null, { status: 401 })", "    }", "    return HttpResponse.json([])", "  }),"]
    if ext == "cypress-env-json":
        return pick([[f'  "{n["camel"]}": "{v}",'], [f'  "{n["ownerCamel"]}": {{', f'    "{n["leafCamel"]}": "{v}"', "  },"]])
    if ext == "puppeteer-extra-headers":
        return ["  await page.setExtraHTTPHeaders({", f"    '{hdr}': '{v}',", "  });",
                f"  await page.goto('https://app.{host}.com/dashboard');"]
    if ext == "vegeta-targets":
        # no provider word at all: a bare target with a bearer token
        return pick([["GET https://api.example.com/v1/orders", f"Authorization: Bearer {v}", ""],
                     ["POST https://api.example.com/v1/orders", f"Authorization: Bearer {v}", "@body.json", ""]])
    if ext == "fastcheck-constantfrom":  # fast-check property with known inputs
        return [f"  it('finds {n['owner_words']} keys', () => {{", "    fc.assert(", "      fc.property(",
                f"        fc.constantFrom('{up}={v}', '{low}: \"{v}\"'),",
                "        (line) => scan(line).length > 0,", "      ),", "    );", "  });"]
    return _render_world(ext, n, v, pick, hdr, up, host, title)


def _render_world(ext, n, v, pick, hdr, up, host, title):
    """The real-world part of render()."""
    o = n["owner"]
    ok = n["owner_kebab"]
    low = n["lower"]
    leaf = n["leaf"]
    # --- observability agents -------------------------------------------------------------------
    if ext == "datadog-agent-yaml":
        return pick([[f"# {title}", f"api_key: {v}", "site: datadoghq.eu"],
                     ["logs_config:", "  additional_endpoints:", f"    - api_key: {v}", f"      Host: intake.logs.{host}.com",
                      "      Port: 443"]])
    if ext == "elastic-apm-properties":
        return pick([[f"server_url=https://apm.{host}.com:8200", f"secret_token={v}"],
                     [f"# {title}", f"server_url=https://apm.{host}.com", f"api_key={v}"]])
    if ext == "splunk-outputs-conf":
        return pick([["[httpout]", f"httpEventCollectorToken = {v}", f"uri = https://hec.{host}.com:8088"],
                     [f"[tcpout:{o}_indexers]", f"server = idx1.{host}.com:9997", f"sslPassword = {v}"]])
    if ext == "netdata-stream-conf":
        return [f"# {title}", "[stream]", "    enabled = yes", f"    destination = parent.{host}.com:19999",
                f"    api key = {v}"]
    if ext == "graylog-sidecar-yml":
        return [f'server_url: "https://logs.{host}.com/api/"', f'server_api_token: "{v}"']
    # --- database GUIs ---------------------------------------------------------------------------
    if ext == "navicat-ncx":
        return [f'  <Connection ConnectionName="{n["Owner"]} orders" ConnType="POSTGRESQL" Host="db.{host}.com" Port="5432"',
                f'    UserName="{o}" Password="{v}" SavePassword="true" SSL="true"/>']
    if ext == "sqldeveloper-connections-json":
        return ["    {", f'      "name": "{n["Owner"]} reporting",', '      "type": "jdbc",', '      "info": {',
                '        "role": "",', f'        "hostname": "db.{host}.com",', '        "port": "1521",',
                f'        "user": "{o}",', f'        "password": "{v}",', '        "serviceName": "ORCL"', "      }", "    }"]
    if ext == "workbench-connections-xml":
        return [f'      <value type="object" struct-name="db.mgmt.Connection" id="{ok}-1">',
                f'        <value type="string" key="name">{n["Owner"]} orders</value>', '        <value type="dict" key="parameterValues">',
                f'          <value type="string" key="hostName">db.{host}.com</value>',
                f'          <value type="string" key="userName">{o}</value>',
                f'          <value type="string" key="password">{v}</value>', "        </value>", "      </value>"]
    # --- IDE run configurations -----------------------------------------------------------------
    if ext == "fleet-run-json":
        return ["    {", '      "type": "command",', f'      "name": "seed {n["owner_words"]}",',
                '      "program": "./seed.sh",', f'      "environment": {{ "{up}": "{v}" }}', "    }"]
    if ext == "sublime-project":
        return ["    {", f'      "name": "Seed {n["owner_words"]}",', '      "shell_cmd": "./seed.sh",',
                f'      "env": {{ "{up}": "{v}" }}', "    }"]
    # --- serverless and edge --------------------------------------------------------------------
    if ext == "amplify-team-provider":
        return ['      "function": {', '        "ordersSync": {', f'          "{n["camel"]}": "{v}",',
                '          "region": "eu-west-1"', "        }", "      }"]
    if ext == "arc-env":  # Architect's .arc-env, per environment
        return pick([["@staging", f"{up} {v}"], ["@production", f'{up} "{v}"']])
    if ext == "gcf-env-vars-yaml":  # gcloud functions deploy --env-vars-file
        return pick([[f"{up}: {v}"], [f"{up}: '{v}'", "LOG_LEVEL: info"]])
    # --- AI-agent and LLM tool configs ----------------------------------------------------------
    if ext == "openhands-config-toml":
        return pick([[f"[llm.{o}]", f'model = "{ok}/large"', f'api_key = "{v}"', f'base_url = "https://api.{host}.com/v1"'],
                     ["[llm]", f'model = "{ok}/large"', f'api_key = "{v}"']])
    if ext == "gemini-cli-settings":  # an HTTP MCP server with headers
        return [f'    "{ok}": {{', f'      "httpUrl": "https://mcp.{host}.com/mcp",', '      "headers": {',
                f'        "{hdr}": "{v}"', "      },", '      "timeout": 30000', "    }"]
    if ext == "opencode-json":
        return pick([[f'    "{ok}": {{', '      "npm": "@ai-sdk/openai-compatible",', '      "options": {',
                      f'        "baseURL": "https://api.{host}.com/v1",', f'        "apiKey": "{v}"', "      }", "    }"],
                     [f'    "{ok}": {{', '      "type": "remote",', f'      "url": "https://mcp.{host}.com/mcp",',
                      f'      "headers": {{ "Authorization": "Bearer {v}" }}', "    }"]])
    if ext == "claude-settings-env":
        return ['  "env": {', f'    "{up}": "{v}",', '    "DISABLE_TELEMETRY": "1"', "  },"]
    if ext == "rasa-credentials-yml":
        return pick([[f"{o}:", f"  {leaf}: \"{v}\"", "  webhook_url: https://bot.acme.example/webhooks"],
                     ["rasa_addons.core.channels.custom.Channel:", f"  {n['camel']}: {v}"]])
    # --- backup ------------------------------------------------------------------------------------
    if ext == "resticprofile-toml":
        return pick([[f"[{o}]", f'repository = "s3:https://s3.{host}.com/orders-backup"', f'password-file = "keys/{ok}.key"',
                      f"  [{o}.env]", f'  {up} = "{v}"'],
                     ["[default.env]", f'{up} = "{v}"']])
    if ext == "autorestic-yml":
        return ["  remote:", "    type: s3", f"    path: s3.{host}.com/orders-backup", "    key: long-repo-passphrase-here",
                "    env:", f"      {up}: {v}"]
    if ext == "kopia-repository-config":
        return ['  "storage": {', '    "type": "s3",', '    "config": {', '      "bucket": "orders-backup",',
                f'      "endpoint": "s3.{host}.com",', f'      "{n["leafCamel"]}": "{v}"', "    }", "  },"]
    # --- mail ---------------------------------------------------------------------------------------
    if ext == "himalaya-toml":
        return pick([[f"[accounts.{o}]", f'email = "orders@{host}.com"', 'backend.type = "imap"',
                      f'backend.host = "imap.{host}.com"', 'backend.auth.type = "password"', f'backend.auth.raw = "{v}"'],
                     [f"[accounts.{o}]", f'message.send.backend.host = "smtp.{host}.com"', f'message.send.backend.auth.raw = "{v}"']])
    if ext == "getmailrc":
        return ["[retriever]", "type = SimpleIMAPSSLRetriever", f"server = imap.{host}.com", f"username = orders@{host}.com",
                f"password = {v}"]
    if ext == "ssmtp-conf":
        return [f"mailhub=smtp.{host}.com:587", f"AuthUser=orders@{host}.com", f"AuthPass={v}", "UseSTARTTLS=YES"]
    if ext == "exim-passwd-client":
        return [f"*.{host}.com:orders@{host}.com:{v}"]
    # --- message brokers ----------------------------------------------------------------------------
    if ext == "kcat-cli":
        return [f"kcat -b kafka.{host}.com:9092 -X security.protocol=SASL_SSL -X sasl.mechanisms=PLAIN \\",
                f"  -X sasl.username={o} -X sasl.password={v} -t orders -C -o end"]
    if ext == "rpk-profile-yaml":
        return [f"  - name: {ok}", "    kafka_api:", "      brokers:", f"        - seed.{host}.com:9092", "      sasl:",
                f"        user: {o}", f"        password: {v}", "        mechanism: SCRAM-SHA-256"]
    if ext == "kafka-connect-connector-json":
        return pick([['  "config": {', f'    "connector.class": "com.{host}.kafka.{n["Owner"]}SinkConnector",',
                      '    "topics": "orders",', f'    "{n["dotted"]}": "{v}",', '    "tasks.max": "1"', "  }"],
                     ['  "config": {', '    "connector.class": "io.debezium.connector.postgresql.PostgresConnector",',
                      f'    "database.hostname": "db.{host}.com",', f'    "database.user": "{o}",',
                      f'    "database.password": "{v}",', '    "topic.prefix": "orders"', "  }"]])
    if ext == "activemq-xml":
        return ["        <simpleAuthenticationPlugin>", "          <users>",
                f'            <authenticationUser username="{o}" password="{v}" groups="users,admins"/>',
                "          </users>", "        </simpleAuthenticationPlugin>"]
    # --- VPN and edge ---------------------------------------------------------------------------
    if ext == "swanctl-conf":
        return ["secrets {", f"    ike-{ok} {{", f"        id = vpn.{host}.com", f"        secret = {v}", "    }", "}"]
    if ext == "teleport-yaml":
        return ["teleport:", f"  nodename: {ok}-node-1", f"  auth_token: {v}", f"  proxy_server: teleport.{host}.com:443"]
    if ext == "netbird-up":
        return [f"# {title}", f"netbird up --management-url https://netbird.{host}.com --setup-key {v}"]
    # --- package managers -------------------------------------------------------------------------
    if ext == "jfrog-config-add":
        return [f"jf config add {ok} --url=https://{host}.jfrog.io --access-token={v} --interactive=false"]
    if ext == "vcpkg-binarysources":
        return [f'export VCPKG_BINARY_SOURCES="clear;x-azblob,https://{host}cache.blob.core.windows.net/vcpkg,{v},readwrite"']
    if ext == "cachix-authtoken":
        return [f"# {title}", f"cachix authtoken {v}", f"cachix use {ok}"]
    if ext == "pixi-auth-login":
        return [f"pixi auth login prefix.{host}.com --token {v}"]
    # --- game servers and IoT -------------------------------------------------------------------
    if ext == "tasmota-backlog":
        return [f"Backlog MqttHost mqtt.{host}.com; MqttPort 8883; MqttUser {o}; MqttPassword {v}; Topic orders-plug"]
    if ext == "ark-gameusersettings-ini":
        return pick([["[ServerSettings]", f"; {title}", f"ServerAdminPassword={v}", "RCONEnabled=True"],
                     ["[ServerSettings]", f"{n['Pascal']}={v}"]])
    if ext == "octoprint-config-yaml":
        return pick([["api:", f"  key: {v}", f"# {title}"],
                     ["plugins:", f"  {o}:", f"    {leaf}: {v}"]])
    if ext == "moonraker-conf":
        return pick([[f"[notifier {ok}]", f"url: tgram://{v}/-100123456", "events: error,complete"],
                     [f"[power {ok}_plug]", "type: homeassistant", f"address: ha.{host}.com", f"token: {v}"]])
    if ext == "frigate-config":
        return ["mqtt:", f"  host: mqtt.{host}.com", f"  user: {o}", f"  password: {v}"]
    if ext == "homebridge-config-json":
        return ["    {", f'      "platform": "{n["Owner"]}",', f'      "name": "{n["Owner"]}",',
                f'      "{n["leafCamel"]}": "{v}",', '      "refreshInterval": 60', "    }"]
    # --- operating systems ----------------------------------------------------------------------
    if ext == "nmcli-modify":
        return pick([[f"nmcli connection modify {ok}-wifi wifi-sec.key-mgmt wpa-psk wifi-sec.psk '{v}'"],
                     [f"nmcli connection add type vpn con-name {ok}-vpn vpn-type openvpn vpn.secrets 'password={v}'"]])
    if ext == "netplan-yaml":
        return ["  wifis:", "    wlan0:", "      dhcp4: true", "      access-points:", f'        "{ok}-office":',
                f'          password: "{v}"']
    # --- CI and infrastructure ------------------------------------------------------------------
    if ext == "devspace-yaml":
        return pick([["vars:", f"  {up}: {v}"], ["vars:", f"  {up}:", f"    value: {v}", "    source: env"]])
    if ext == "juju-config":
        return [f"juju config {ok}-integrator {n['leaf_kebab']}={v}"]
    if ext == "credhub-set":
        return pick([[f"credhub set -n /concourse/main/{ok}-{n['leaf_kebab']} -t password -w '{v}'"],
                     [f"credhub set --name /bosh/orders/{low} --type value --value {v}"]])
    if ext == "openshift-template-params":
        return ["- name: " + up, f"  description: {title} for the orders service", f"  value: {v}", "  required: true"]
    # --- web apps and self-hosted services ------------------------------------------------------
    if ext == "beego-app-conf":
        return pick([[f"{n['camel']} = {v}"], [f"[{o}]", f"{leaf} = \"{v}\""]])
    if ext == "jekyll-config":
        return pick([[f"{o}:", f"  {leaf}: {v}"], ["algolia:", "  application_id: ABCD1234EF", f"  {leaf}: {v}", f"# {title}"]])
    if ext == "gatsby-plugin-options":
        return ["    {", f"      resolve: `gatsby-source-{ok}`,", "      options: {",
                f"        {n['leafCamel']}: `{v}`,", "        spaceId: `orders`,", "      },", "    },"]
    if ext == "cakephp-app-local":
        return pick([[f"    '{n['Owner']}' => [", f"        '{n['leafCamel']}' => '{v}',", "    ],"],
                     ["    'Datasources' => [", "        'default' => [", f"            'host' => 'db.{host}.com',",
                      f"            'username' => '{o}',", f"            'password' => '{v}',", "        ],", "    ],"]])
    if ext == "codeigniter-env":
        return pick([[f"{o}.{n['leafCamel']} = {v}"], [f"database.default.hostname = db.{host}.com",
                                                       f"database.default.username = {o}", f"database.default.password = {v}"]])
    if ext == "ghost-config-json":
        return ['  "mail": {', '    "transport": "SMTP",', '    "options": {', f'      "host": "smtp.{host}.com",',
                '      "port": 465,', '      "auth": {', f'        "user": "postmaster@{host}.com",', f'        "pass": "{v}"',
                "      }", "    }", "  },"]
    if ext == "discourse-app-yml":
        return pick([["env:", f"  DISCOURSE_SMTP_ADDRESS: smtp.{host}.com", f"  DISCOURSE_SMTP_PASSWORD: \"{v}\""],
                     ["env:", f"  DISCOURSE_{up}: {v}"]])
    if ext == "nextcloud-config-php":
        return pick([[f"  'mail_smtphost' => 'smtp.{host}.com',", f"  'mail_smtpname' => 'cloud@{host}.com',",
                      f"  'mail_smtppassword' => '{v}',"],
                     [f"  '{low}' => '{v}',"]])
    if ext == "gitea-app-ini":
        return pick([["[mailer]", "ENABLED = true", f"SMTP_ADDR = smtp.{host}.com", f"USER = gitea@{host}.com", f"PASSWD = `{v}`"],
                     [f"[oauth2_client.{o}]", f"{leaf.upper()} = {v}"]])
    if ext == "synapse-homeserver":
        return pick([["email:", f"  smtp_host: smtp.{host}.com", f"  smtp_user: matrix@{host}.com", f'  smtp_pass: "{v}"'],
                     ["oidc_providers:", f"  - idp_id: {o}", f"    issuer: https://auth.{host}.com/", "    client_id: synapse",
                      f'    client_secret: "{v}"']])
    # --- data tools ---------------------------------------------------------------------------------
    if ext == "airbyte-source-config":
        return ["  {", f'    "sourceDefinitionId": "3f2a9c1e-{ok}",', f'    "name": "{n["Owner"]} source",',
                '    "connectionConfiguration": {', f'      "{leaf}": "{v}",', '      "start_date": "2024-01-01T00:00:00Z"',
                "    }", "  }"]
    if ext == "kedro-credentials":
        return pick([[f"{o}_api:", f"  {leaf}: {v}"],
                     ["dev_s3:", "  client_kwargs:", f"    endpoint_url: https://s3.{host}.com", f"    aws_secret_access_key: {v}"]])
    if ext == "gx-config-variables":
        return pick([[f"{low}: {v}"], [f"{o}_connection_string: postgresql+psycopg2://{o}:{v}@db.{host}.com:5432/orders"]])
    if ext == "trino-catalog-properties":
        return pick([["connector.name=postgresql", f"connection-url=jdbc:postgresql://db.{host}.com:5432/orders",
                      f"connection-user={o}", f"connection-password={v}"],
                     ["connector.name=hive", f"hive.s3.endpoint=https://s3.{host}.com", f"hive.s3.aws-secret-key={v}"]])
    if ext == "dlt-secrets-toml":
        return pick([[f"[sources.{o}]", f'{leaf} = "{v}"'], [f"[sources.{o}.credentials]", f'{leaf} = "{v}"']])
    if ext == "superset-config-py":
        return pick([[f"SECRET_KEY = '{v}'", f"# {title}"], [f"{up} = '{v}'"],
                     ["MAPBOX_API_KEY = os.getenv('MAPBOX_API_KEY', '')", f"{up} = \"{v}\""]])
    # --- operational pastes -------------------------------------------------------------------------
    if ext == "tf-debug-log":
        return [f"2024-05-07T10:11:12.345Z [DEBUG] provider.terraform-provider-{ok}: ---[ REQUEST ]-------------------",
                "GET /v1/orders HTTP/1.1", f"Host: api.{host}.com", f"{hdr}: {v}", "Accept: application/json"]
    if ext == "aws-cli-debug-log":
        return [f"2024-05-07 10:11:12,345 - MainThread - botocore.endpoint - DEBUG - Making request for "
                f"OperationModel(name=PutParameter) with params: {{'body': {{'Name': '/orders/{low}', "
                f"'Value': '{v}', 'Type': 'String'}}, 'method': 'POST'}}"]
    if ext == "mitmdump-text":
        return [f"127.0.0.1:51234: GET https://api.{host}.com/v1/orders", "    Host: api." + host + ".com",
                f"    {hdr}: {v}", "    Accept: */*", " << 200 OK 2b"]
    if ext == "mattermost-bulk-jsonl":
        return ['{"type":"post","post":{"team":"acme","channel":"ops","user":"oncall",'
                f'"message":"{title} for staging is {v}","create_at":1715076672000}}}}']
    if ext == "telegram-export-json":
        return ["  {", '   "id": 4211,', '   "type": "message",', '   "date": "2024-05-07T10:11:12",', '   "from": "Ops",',
                f'   "text": "new {n["owner_words"]} key: {v}"', "  }"]
    raise ValueError(f"unknown held-out syntax {ext}")


# name -> (file name, header lines, footer lines, comment prefix or None)
SYNTAXES = {
    # scanners' rule tests, reports and test files
    "semgrep-ruleid-ts": ("rules/typescript/hardcoded-credentials.ts",
                          ["import { OrdersClient } from './clients';", ""],
                          ["", "// ok: hardcoded-credentials", "const fromEnv = process.env.API_KEY;"], "// "),
    "semgrep-ruleid-go": ("rules/go/hardcoded-credentials.go", ["package main", "", 'import "os"', "", "func main() {"],
                          ["\t// ok: go-hardcoded-credential", '\tkey := os.Getenv("API_KEY")', "\t_ = key", "}"], "// "),
    "semgrep-ruleid-java": ("rules/java/HardcodedCredentials.java",
                            ["package rules;", "", "public class HardcodedCredentials {", "    void connect() throws Exception {"],
                            ["    }", "}"], "// "),
    "kf-rule-validation-examples": ("rules/vendors/orders-saas.yml", ["rules:"], [], "# "),
    "pytest-param-multiline": ("cases/keyword_plugin_cases.py",
                               ["import textwrap", "", "import pytest", "", "from scanner.plugins import KeywordDetector", "",
                                "", "@pytest.mark.parametrize(", '    "payload, should_flag",', "    ["],
                               ["    ],", ")", "def check_payload(payload, should_flag):",
                                "    assert bool(list(KeywordDetector().analyze_string(payload))) == should_flag"], "# "),
    "swift-testing-arguments": ("Checks/ScannerChecks.swift", ["import Testing", "@testable import Scanner", "",
                                                               "struct ScannerChecks {"], ["}"], "// "),
    "mstest-datarow": ("Scanner.Checks/KeyLineChecks.cs", ["using Microsoft.VisualStudio.TestTools.UnitTesting;", "",
                                                          "[TestClass]", "public class KeyLineChecks", "{"], ["}"], "// "),
    "phpunit-testwith-attr": ("checks/ScannerCases.php", ["<?php", "", "use PHPUnit\\Framework\\Attributes\\TestWith;",
                                                          "use PHPUnit\\Framework\\TestCase;", "",
                                                          "final class ScannerCases extends TestCase", "{"], ["}"], "// "),
    "rspec-shared-examples": ("checks/scanner_cases.rb", ["require 'scanner'", "", "RSpec.describe Scanner do"], ["end"], "# "),
    "testunit-data": ("checks/scanner_data.rb", ["require 'test/unit'", "require 'scanner'", "",
                                                 "class ScannerData < Test::Unit::TestCase"], ["end"], "# "),
    "go-fuzz-f-add": ("internal/scan/fuzz_lines.go", ["package scan", "", 'import "testing"', "",
                                                      "func FuzzScanLine(f *testing.F) {"],
                      ["\tf.Fuzz(func(t *testing.T, line string) { _ = ScanLine(line) })", "}"], "// "),
    "rust-expect-test": ("checks/src/findings.rs", ["use expect_test::expect;", "use scanner::scan;", ""], [], "// "),
    "clojure-test-are": ("checks/acme/scan_cases.clj", ["(ns acme.scan-cases", "  (:require [clojure.test :refer [deftest are]]",
                                                        "            [acme.scan :refer [scan]]))", ""], [], ";; "),
    "zig-test-block": ("src/scan_cases.zig", ['const std = @import("std");', 'const scan = @import("scan.zig");', ""], [], "// "),
    "nim-unittest-check": ("checks/tscan.nim", ["import unittest", "import scanner", "", 'suite "scan":'], [], "# "),
    "tavern-yaml": ("api-checks/orders.tavern.yaml", ["---", "test_name: list orders", "", "stages:"], [], "# "),
    "stepci-workflow": ("stepci/workflow.yml", ["version: \"1.1\"", "name: orders api"], [], "# "),
    "hoppscotch-collection": ("collections/orders-hoppscotch.json",
                              ["[", "  {", '    "v": 2,', '    "name": "Orders",', '    "folders": [],', '    "requests": ['],
                              ["    ]", "  }", "]"], None),
    "mountebank-imposter": ("mountebank/imposters/orders.json", ["{", '  "port": 4545,', '  "protocol": "http",', '  "stubs": ['],
                            ["  ]", "}"], None),
    "mockoon-env-json": ("mockoon/orders-api.json", ["{", '  "uuid": "0f1e2d3c",', '  "name": "Orders API",', '  "port": 3001,',
                                                     '  "routes": ['], ["  ]", "}"], None),
    "responses-recorder-yaml": ("recordings/orders_sync.yaml", ["responses:"], [], "# "),
    "trivy-secret-report": ("reports/trivy-secrets.json",
                            ["{", '  "SchemaVersion": 2,', '  "ArtifactName": ".",', '  "Results": [', "    {",
                             '      "Target": "config/app.env",', '      "Class": "secret",', '      "Secrets": ['],
                            ["      ]", "    }", "  ]", "}"], None),
    "ggshield-json-output": ("reports/ggshield-scan.json",
                             ["{", '  "id": "/src/orders",', '  "type": "path_scan",', '  "entities_with_incidents": [', "    {",
                              '      "filename": "config/app.env",', '      "incidents": ['],
                             ["      ]", "    }", "  ]", "}"], None),
    "allure-result-json": ("allure-results/0b6f2c1e-result.json",
                           ["{", '  "uuid": "0b6f2c1e",', '  "fullName": "scan.KeywordCases#finds",'],
                           ['  "stage": "finished"', "}"], None),
    "storybook-story-args": ("src/components/OrdersPanel.stories.tsx",
                             ["import type { Meta, StoryObj } from '@storybook/react';", "import { OrdersPanel } from './OrdersPanel';", "",
                              "const meta: Meta<typeof OrdersPanel> = { component: OrdersPanel };", "export default meta;",
                              "type Story = StoryObj<typeof OrdersPanel>;", ""], [], "// "),
    "msw-handler": ("src/mocks/handlers.ts", ["import { http, HttpResponse } from 'msw';", "", "export const handlers = ["],
                    ["];"], "// "),
    "cypress-env-json": ("cypress.env.json", ["{", '  "baseUrl": "http://localhost:3000",'], ['  "retries": 2', "}"], None),
    "puppeteer-extra-headers": ("scripts/capture-dashboard.js", ["const puppeteer = require('puppeteer');", "",
                                                                 "(async () => {", "  const browser = await puppeteer.launch();",
                                                                 "  const page = await browser.newPage();"],
                                ["  await page.screenshot({ path: 'dashboard.png' });", "  await browser.close();", "})();"], "// "),
    "vegeta-targets": ("load/targets.txt", [], [], None),
    "fastcheck-constantfrom": ("checks/scan.property.ts", ["import fc from 'fast-check';", "import { scan } from '../src/scan';", "",
                                                           "describe('scan', () => {"], ["});"], "// "),
    # observability agents
    "datadog-agent-yaml": ("etc/datadog-agent/datadog.yaml", ["hostname: orders-01", "tags:", "  - team:orders"],
                           ["process_config:", "  process_collection:", "    enabled: false"], "# "),
    "elastic-apm-properties": ("config/elasticapm.properties", ["service_name=orders", "environment=production"],
                               ["log_level=INFO"], "# "),
    "splunk-outputs-conf": ("etc/system/local/outputs.conf", ["[tcpout]", "defaultGroup = primary", ""], [], "# "),
    "netdata-stream-conf": ("etc/netdata/stream.conf", [], ["    timeout seconds = 60"], "# "),
    "graylog-sidecar-yml": ("etc/graylog/sidecar/sidecar.yml", ["node_name: orders-01", "update_interval: 10"],
                            ["tls_skip_verify: false", "send_status: true"], "# "),
    # database GUIs
    "navicat-ncx": ("exports/navicat-connections.ncx", ['<?xml version="1.0" encoding="UTF-8"?>', '<Connections Ver="1.5">'],
                    ["</Connections>"], None),
    "sqldeveloper-connections-json": ("exports/sqldeveloper-connections.json", ["{", '  "connections": ['], ["  ]", "}"], None),
    "workbench-connections-xml": (".mysql/workbench/connections.xml",
                                  ['<?xml version="1.0"?>', '<data grt_format="2.0">',
                                   '  <value _ptr_="0x1" type="list" content-type="object" content-struct-name="db.mgmt.Connection">'],
                                  ["  </value>", "</data>"], None),
    # IDE run configurations
    "fleet-run-json": (".fleet/run.json", ["{", '  "configurations": ['], ["  ]", "}"], None),
    "sublime-project": ("orders.sublime-project", ["{", '  "folders": [{ "path": "." }],', '  "build_systems": ['],
                        ["  ]", "}"], None),
    # serverless and edge
    "amplify-team-provider": ("amplify/team-provider-info.json",
                              ["{", '  "prod": {', '    "awscloudformation": { "Region": "eu-west-1" },', '    "categories": {'],
                              ["    }", "  }", "}"], None),
    "arc-env": (".arc-env", ["@testing", "LOG_LEVEL debug", ""], [], "# "),
    "gcf-env-vars-yaml": ("deploy/functions/env.prod.yaml", ["REGION: eu-west-1"], ["LOG_LEVEL: info"], "# "),
    # AI-agent and LLM tool configs
    "openhands-config-toml": ("openhands/config.toml", ["[core]", 'workspace_base = "./workspace"', ""], [], "# "),
    "gemini-cli-settings": (".gemini/settings.json", ["{", '  "theme": "Default",', '  "mcpServers": {'], ["  }", "}"], None),
    "opencode-json": ("opencode.json", ["{", '  "$schema": "https://opencode.ai/config.json",', '  "provider": {'],
                      ["  }", "}"], None),
    "claude-settings-env": (".claude/settings.json", ["{", '  "permissions": { "allow": ["Bash(npm run lint)"] },'],
                            ['  "model": "sonnet"', "}"], None),
    "rasa-credentials-yml": ("credentials.yml", ["rest:", ""], ["", "socketio:", "  user_message_evt: user_uttered"], "# "),
    # backup
    "resticprofile-toml": ("etc/resticprofile/profiles.toml", ['version = "1"', ""], [], "# "),
    "autorestic-yml": (".autorestic.yml", ["version: 2", "locations:", "  orders:", "    from: /srv/orders", "    to: remote",
                                           "backends:"], [], "# "),
    "kopia-repository-config": (".config/kopia/repository.config", ["{"],
                                ['  "caching": { "cacheDirectory": "../../.cache/kopia/3f2a9c1e" },', '  "hostname": "orders-01"',
                                 "}"], None),
    # mail
    "himalaya-toml": (".config/himalaya/config.toml", ['display-name = "Orders"', ""], [], "# "),
    "getmailrc": (".getmail/getmailrc", [], ["", "[destination]", "type = Maildir", "path = ~/Mail/"], "# "),
    "ssmtp-conf": ("etc/ssmtp/ssmtp.conf", ["root=postmaster", "hostname=orders-01"], ["FromLineOverride=YES"], "# "),
    "exim-passwd-client": ("etc/exim4/passwd.client", ["### target.mail.server.example:login:password"], [], "# "),
    # message brokers
    "kcat-cli": ("ops/tail-orders-topic.sh", ["#!/usr/bin/env bash", "set -euo pipefail"], ['echo "done"'], "# "),
    "rpk-profile-yaml": (".config/rpk/rpk.yaml", ["version: 6", "globals:", "  prompt: '%n'", "current_profile: orders",
                                                  "profiles:"], [], "# "),
    "kafka-connect-connector-json": ("connectors/orders-sink.json", ["{", '  "name": "orders-sink",'], ["}"], None),
    "activemq-xml": ("conf/activemq.xml", ['<beans xmlns="http://www.springframework.org/schema/beans">',
                                           '  <broker xmlns="http://activemq.apache.org/schema/core" brokerName="orders">',
                                           "    <plugins>"], ["    </plugins>", "  </broker>", "</beans>"], None),
    # VPN and edge
    "swanctl-conf": ("etc/swanctl/conf.d/orders.conf", ["connections {", "    orders {", "        remote_addrs = 203.0.113.7",
                                                        "    }", "}", ""], [], "# "),
    "teleport-yaml": ("etc/teleport.yaml", ["version: v3"], ["ssh_service:", "  enabled: true"], "# "),
    "netbird-up": ("deploy/join-mesh.sh", ["#!/usr/bin/env bash", "set -euo pipefail",
                                           "curl -fsSL https://pkgs.netbird.io/install.sh | sh"], ["netbird status"], "# "),
    # package managers
    "jfrog-config-add": ("ci/jfrog-setup.sh", ["#!/usr/bin/env bash", "set -euo pipefail"], ["jf rt ping"], "# "),
    "vcpkg-binarysources": ("ci/vcpkg-cache.sh", ["#!/usr/bin/env bash", "set -euo pipefail"],
                            ["vcpkg install --triplet x64-linux"], "# "),
    "cachix-authtoken": ("ci/nix-cache.sh", ["#!/usr/bin/env bash", "set -euo pipefail"], ["nix build .#orders"], "# "),
    "pixi-auth-login": ("ci/pixi-auth.sh", ["#!/usr/bin/env bash", "set -euo pipefail"], ["pixi install --locked"], "# "),
    # game servers and IoT
    "tasmota-backlog": ("iot/tasmota/orders-plug.txt", ["Backlog FriendlyName1 orders-plug; SetOption19 1"], [], None),
    "ark-gameusersettings-ini": ("ShooterGame/Saved/Config/LinuxServer/GameUserSettings.ini",
                                 ["[/Script/ShooterGame.ShooterGameUserSettings]", "Version=5", ""],
                                 ["SessionName=Orders Island", "MaxPlayers=20"], "; "),
    "octoprint-config-yaml": ("octoprint/config.yaml", ["accessControl:", "  enabled: true"],
                              ["serial:", "  port: /dev/ttyUSB0"], "# "),
    "moonraker-conf": ("printer_data/config/moonraker.conf", ["[server]", "host: 0.0.0.0", "port: 7125", ""], [], "# "),
    "frigate-config": ("frigate/config.yml", [], ["cameras:", "  front:", "    enabled: true"], "# "),
    "homebridge-config-json": (".homebridge/config.json", ["{", '  "bridge": { "name": "Homebridge", "port": 51826 },',
                                                           '  "platforms": ['], ["  ]", "}"], None),
    # operating systems
    "nmcli-modify": ("ops/setup-network.sh", ["#!/usr/bin/env bash", "set -euo pipefail"],
                     ["nmcli connection up orders-wifi"], "# "),
    "netplan-yaml": ("etc/netplan/50-orders.yaml", ["network:", "  version: 2", "  renderer: networkd"], [], "# "),
    # CI and infrastructure
    "devspace-yaml": ("devspace.yaml", ["version: v2beta1", "name: orders"],
                      ["deployments:", "  orders:", "    helm:", "      chart:", "        name: ./chart"], "# "),
    "juju-config": ("deploy/juju-configure.sh", ["#!/usr/bin/env bash", "set -euo pipefail"], ["juju status"], "# "),
    "credhub-set": ("ci/seed-credhub.sh", ["#!/usr/bin/env bash", "set -euo pipefail", "credhub login --sso"],
                    ['echo "credentials stored"'], "# "),
    "openshift-template-params": ("deploy/openshift/orders-template.yaml",
                                  ["apiVersion: template.openshift.io/v1", "kind: Template", "metadata:", "  name: orders",
                                   "parameters:"], ["objects: []"], "# "),
    # web apps and self-hosted services
    "beego-app-conf": ("conf/app.conf", ["appname = orders", "httpport = 8080", "runmode = prod"], ["", "[dev]", "httpport = 8081"],
                       "# "),
    "jekyll-config": ("_config.yml", ["title: Orders", "baseurl: ''"], ["plugins:", "  - jekyll-feed"], "# "),
    "gatsby-plugin-options": ("gatsby-config.js", ["module.exports = {", "  siteMetadata: { title: `Orders` },", "  plugins: ["],
                              ["  ],", "};"], "// "),
    "cakephp-app-local": ("config/app_local.php", ["<?php", "return ["], ["];"], "// "),
    "codeigniter-env": ("app/.env", ["CI_ENVIRONMENT = production", "app.baseURL = 'https://orders.acme.example/'"], [], "# "),
    "ghost-config-json": ("config.production.json", ["{", '  "url": "https://blog.acme.example",'],
                          ['  "database": { "client": "sqlite3" }', "}"], None),
    "discourse-app-yml": ("containers/app.yml", ["templates:", '  - "templates/web.template.yml"'],
                          ["volumes:", "  - volume:", "      host: /var/discourse/shared/standalone"], "# "),
    "nextcloud-config-php": ("config/config.php", ["<?php", "$CONFIG = array (", "  'instanceid' => 'oc1a2b3c4d5e',"],
                             [");"], "// "),
    "gitea-app-ini": ("custom/conf/app.ini", ["APP_NAME = Orders Git", "RUN_MODE = prod", ""], [], "; "),
    "synapse-homeserver": ("synapse/homeserver.yaml", ["server_name: matrix.acme.example", "pid_file: /data/homeserver.pid"],
                           ["media_store_path: /data/media_store"], "# "),
    # data tools
    "airbyte-source-config": ("exports/airbyte-sources.json", ["["], ["]"], None),
    "kedro-credentials": ("conf/local/credentials.yml", [], [], "# "),
    "gx-config-variables": ("gx/uncommitted/config_variables.yml", ["instance_id: 3f2a9c1e"], [], "# "),
    "trino-catalog-properties": ("etc/catalog/orders.properties", [], [], "# "),
    "dlt-secrets-toml": (".dlt/secrets.toml", ["[runtime]", 'log_level = "WARNING"', ""], [], "# "),
    "superset-config-py": ("superset_config.py", ["import os", "", "ROW_LIMIT = 5000"],
                           ["FEATURE_FLAGS = {\"ALERT_REPORTS\": True}"], "# "),
    # operational pastes
    "tf-debug-log": ("logs/terraform-debug.log", ["2024-05-07T10:11:12.000Z [INFO]  Terraform version: 1.8.3"],
                     ["", "-----------------------------------------------------"], None),
    "aws-cli-debug-log": ("logs/aws-cli-debug.log",
                          ["2024-05-07 10:11:12,001 - MainThread - awscli.clidriver - DEBUG - CLI version: aws-cli/2.15.0"],
                          ["2024-05-07 10:11:12,400 - MainThread - botocore.parsers - DEBUG - Response headers: {}"], None),
    "mitmdump-text": ("captures/mitmdump-orders.txt", ["$ mitmdump --flow-detail 2"], [], None),
    "mattermost-bulk-jsonl": ("exports/mattermost-bulk.jsonl", ['{"type":"version","version":1}'], [], None),
    "telegram-export-json": ("exports/telegram/result.json", ["{", ' "name": "Ops",', ' "type": "private_group",',
                                                              ' "messages": ['], [" ]", "}"], None),
}
HELDOUT15_SYNTAXES = list(SYNTAXES)
