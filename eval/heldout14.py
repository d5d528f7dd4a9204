"""Fourteenth held-out syntax set: written blind, nobody tunes rules or the engine against it.

A set nobody has tuned against, to predict how the pack does on syntaxes it has never seen
once eval/heldout13.py has been measured and is used to fix rules. It was written and committed
before any result of it was looked at, in forms that none of eval/gen.py, eval/heldout.py and
eval/heldout2.py .. eval/heldout13.py produce, in two parts.

About a third in the style of secret scanners' rule tests, reports and of test files the earlier
sets lack (written from how such files look, not copied from any): Go `tps` slices built with
`fmt.Sprintf`, rule YAML with literal-block `examples`, a TOML rule with `tps` next to
`[[rules.allowlists]]`, Python `subTest` case lists, Rust `indoc!` tests, a TruffleHog-style
`want: []detectors.Result` with `Raw: []byte(...)`, a YARA rule's strings, a nuclei template,
Jest inline snapshots, syrupy `.ambr` snapshots, golden and approved files, proptest regression
seeds, Pact contracts, MockServer expectations, Hoverfly simulations, Betamax cassettes,
JUnit `@CsvSource`, xUnit `TheoryData`, Pest datasets, ScalaTest tables, OCaml expect tests,
ShellSpec, cram `.t` files, lit `RUN:`/`CHECK:` files, TAP with YAML diagnostics, and findings
reports as a reStructuredText list-table, an Org table, an AsciiDoc table, an HTML table and a
Talisman JSON report.

The rest real-world files from areas the earlier sets lack: CI and infrastructure (`.envrc`,
buildkite-agent.cfg, GitLab Runner `config.toml`, Azure Pipelines variable groups from the CLI,
Spinnaker halconfig, `Pulumi.yaml` config defaults, `tfe_variable`, Harness pipelines, Octopus
variable sets, `docker secret create`, `nomad var put`, `dokku config:set`, Garden, Tiltfile,
Devbox, Flox, Kapitan), observability agents (Promtail, Datadog checks, Grafana Alloy, Fluent Bit
YAML, New Relic infra, `.sentryclirc`), database GUIs (pgAdmin `servers.json`, HeidiSQL settings,
MongoDB Compass exports), serverless and edge (`supabase secrets set`, `vercel env pull`, Chalice,
OpenFaaS), AI-agent configs (VS Code `mcp.json`, Codex `config.toml`, Zed
context servers, Goose, AutoGen `OAI_CONFIG_LIST`, `langgraph.json`, LibreChat, promptfoo),
backup, mail, brokers and tunnels (borgmatic, Syncthing, offlineimap, mbsync, aerc, RabbitMQ,
NATS, Pulsar, `tailscale up`, frpc, ngrok, cloudflared), package managers (PDM, Dart
`pub-tokens.json`, `dotnet nuget add source`, `mix hex.organization auth`), game servers and IoT
(Minecraft, Source `server.cfg`, Factorio, ESPHome, Zigbee2MQTT), IDE run configurations (Eclipse
`.launch`, Zed tasks), program output and exports (`systemctl show-environment`,
`/proc/PID/environ`, `gcloud run services describe`, Lambda `get-function-configuration`,
Discord and Jira exports) and two config languages (Nickel, NEON).

Interface as eval/heldout13.py: `render(ext, key, value, rng)` returns the lines holding `value`;
`SYNTAXES` maps each name to (file name, header lines, footer lines, comment prefix or None).
Key names come from the rule metadata as in gen.py; each syntax re-spells the key the way its
language or tool does, some with the provider word on the key itself, some on a parent, a
section, a server, a host, an account or a user name, some only nearby (a comment, a test name,
a description) and one not at all (a proptest regression seed holding only the value).

File names avoid the test path globs (rules/test-paths.toml), so the fixture-style files sit
at paths such as `cases/`, `checks/`, `rules/` or `reports/`. The helpers are copied, not
imported from heldout2.py .. heldout13.py, so that edits there do not move this set.
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
    """The lines that hold `value` under `key` in held-out syntax `ext` (fourteenth set)."""
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
    if ext == "go-tps-sprintf":  # gitleaks-style true positives built with fmt.Sprintf
        return pick([["\ttps := []string{", f'\t\tfmt.Sprintf("{low} = \\"%s\\"", "{v}"),',
                      f'\t\tfmt.Sprintf("export {up}=%s", "{v}"),', "\t}"],
                     ["\tfps := []string{", f'\t\tfmt.Sprintf("{low} = %s", "${{{up}}}"),', "\t}",
                      "\ttps := []string{", f'\t\tfmt.Sprintf("%s: %s", "{n["camel"]}", "{v}"),', "\t}"]])
    if ext == "rule-yaml-literal-examples":  # a rule file whose examples are literal blocks
        return pick([[f"  - name: {title}", f"    id: kingfisher.{n['owner']}.2",
                      f"    pattern: '(?i){host}.{{0,24}}\\b([A-Za-z0-9_-]{{24,64}})\\b'", "    examples:", "      - |",
                      f"        {low} = '{v}'", "      - |", f"        {up}={v}", "    negative_examples:", "      - |",
                      f"        {low} = '${{{up}}}'"],
                     [f"  - name: {title}", f"    id: kingfisher.{n['owner']}.3", "    examples:", "      - |",
                      f"        [{n['owner']}]", f"        {n['leaf']} = {v}"]])
    if ext == "toml-rule-allowlist-inline":  # a TOML rule with its true positives next to the allowlist
        return ["[[rules]]", f'id = "{kebab}"', f'description = "{title}"',
                f"regex = '''(?i){host}.{{0,20}}([a-z0-9]{{32,64}})'''", f'keywords = ["{host}"]',
                f"tps = ['''{low} = \"{v}\"''', '''{up}={v}''']",
                "  [[rules.allowlists]]", '  description = "placeholders"', "  regexes = ['''(?i)example|changeme''']"]
    if ext == "py-subtest-cases":  # detect-secrets style (line, expected) tuples run through subTest
        return pick([[f"    (\"{low} = '{v}'\", True),", f"    ('{up}=\"{v}\"', True),",
                      f"    (\"{low} = '${{{up}}}'\", False),"],
                     [f"    # {title}", f"    ('{n['leaf']}: {v}', True),"]])
    if ext == "rust-indoc-test":  # a #[test] with an indoc! raw string
        return ["#[test]", f"fn finds_{low}_in_config() {{", '    let input = indoc! {r#"',
                f"        [{n['owner']}]", f'        {n["leaf"]} = "{v}"', '    "#};',
                "    assert_eq!(scan(input).len(), 1);", "}"]
    if ext == "th-want-raw-bytes":  # a TruffleHog-style expected result with the raw bytes
        return ["\t\t\twant: []detectors.Result{", "\t\t\t\t{", f"\t\t\t\t\tDetectorType: detectorspb.DetectorType_{n['Owner']},",
                "\t\t\t\t\tVerified:     false,", f'\t\t\t\t\tRaw:          []byte("{v}"),', "\t\t\t\t},", "\t\t\t},"]
    if ext == "jest-inline-snapshot":
        return [f"test('{n['owner_words']} key in a dotenv', () => {{",
                f"  expect(scan('{up}={v}')).toMatchInlineSnapshot(`", "    [", "      {", f'        "match": "{v}",',
                f'        "rule": "{kebab}",', "      },", "    ]", "  `);", "});"]
    if ext == "syrupy-ambr":  # pytest syrupy snapshot file
        return [f"# name: test_{low}_finding", "  list([", "    dict({", "      'line': 3,",
                f"      'rule': '{kebab}',", f"      'secret': '{v}',", "    }),", "  ])", "# ---"]
    if ext == "golden-file-out":  # a scanner's golden output file
        return pick([[f"config/app.env:3:1: {kebab}: {up}={v}"],
                     [f"config/settings.yaml:7:5: {kebab}: {n['leaf']}: {v}", "  ^ high confidence"]])
    if ext == "approvaltests-received":
        return [f"Finding[rule={kebab}, file=config/app.env, line=3]", f"  match: {up}={v}", f"  secret: {v}"]
    if ext == "proptest-regressions":  # no provider word at all: only the seed input holds the value
        return [f'cc 5e0a6f1b9c2d43e8a7f0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2 # shrinks to input = "{v}"']
    if ext == "pact-contract-json":
        return ["    {", f'      "description": "a request for orders with a {title}",', '      "request": {',
                '        "method": "GET",', '        "path": "/v1/orders",', '        "headers": {',
                f'          "{hdr}": "{v}"', "        }", "      },", '      "response": { "status": 200 }', "    }"]
    if ext == "mockserver-expectation":
        return ["  {", '    "httpRequest": {', '      "method": "POST",', f'      "path": "/{n["owner_kebab"]}/v1/messages",',
                f'      "headers": {{ "{hdr}": ["{v}"] }}', "    },",
                '    "httpResponse": { "statusCode": 202 }', "  }"]
    if ext == "hoverfly-simulation":
        return ["        {", '          "request": {', f'            "destination": [{{ "matcher": "exact", "value": "api.{host}.com" }}],',
                '            "headers": {', f'              "Authorization": [{{ "matcher": "exact", "value": "Bearer {v}" }}]',
                "            }", "          },", '          "response": { "status": 200, "body": "{}" }', "        }"]
    if ext == "betamax-cassette-json":
        return ["    {", '      "recorded_at": "2024-05-07T10:11:12",', '      "request": {',
                f'        "uri": "https://api.{host}.com/v1/orders",', '        "method": "GET",',
                f'        "headers": {{ "{hdr}": ["{v}"], "Accept": ["application/json"] }},',
                '        "body": { "encoding": "utf-8", "string": "" }', "      },",
                '      "response": { "status": { "code": 200, "message": "OK" }, "headers": {}, '
                '"body": { "encoding": "utf-8", "string": "[]" }, "url": "https://example.invalid" }', "    }"]
    if ext == "junit-csvsource":
        return ["    @ParameterizedTest", "    @CsvSource({", f"        \"'{up}={v}', true\",",
                "        \"'TOKEN=changeme', false\"", "    })", "    void finds(String line, boolean expected) {",
                "        assertEquals(expected, !Scanner.scan(line).isEmpty());", "    }"]
    if ext == "xunit-theorydata":
        return [f"    public static TheoryData<string> {n['Owner']}Lines => new()", "    {",
                f'        "{up}={v}",', f'        "{n["Pascal"]}: {v}",', "    };"]
    if ext == "pest-dataset":
        return [f"dataset('{low}_lines', [", f"    '{n['owner_words']} env' => ['{up}={v}'],",
                f"    '{n['owner_words']} php' => [\"'{low}' => '{v}',\"],", "]);"]
    if ext == "scalatest-table":
        return [f'  "{n["owner_words"]} keys" should "be found" in {{', "    val lines = Table(",
                '      ("line", "found"),', f'      ("{low} = \\"{v}\\"", true),', '      ("token = changeme", false)',
                "    )", "    forAll(lines) { (line, found) => Scanner.scan(line).nonEmpty shouldBe found }", "  }"]
    if ext == "ocaml-expect-test":
        return [f"let%expect_test \"{n['owner_words']} key\" =",
                f"  print_findings (Scanner.scan \"{up}={v}\");", "  [%expect {|", f"    {kebab} {v}", "  |}]"]
    if ext == "shellspec-spec":
        return [f"  It 'finds the {n['owner_words']} key'", f"    When call scan_line '{up}={v}'",
                f"    The output should include '{kebab}'", "  End"]
    if ext == "cram-t-file":
        return [f"  $ echo '{up}={v}' > app.env", "  $ scanner app.env", f"  app.env:1: {kebab}"]
    if ext == "llvm-lit-check":
        return [f"# {title} in a dotenv line", f"{up}={v}", f"# CHECK: [[@LINE-1]]:1: {kebab}"]
    if ext == "yara-rule-strings":
        return [f"rule {n['Owner']}_{n['Leaf']}_Leaked", "{", "    meta:", f'        description = "{title} from the incident"',
                "    strings:", f'        $key = "{v}" ascii wide', "    condition:", "        $key", "}"]
    if ext == "nuclei-template-yaml":
        return ["http:", "  - raw:", "      - |", "        GET /v1/account HTTP/1.1", "        Host: {{Hostname}}",
                f"        {hdr}: {v}", "    matchers:", "      - type: status", "        status: [200]"]
    if ext == "rst-findings-list-table":
        return ["   * - config/app.env:3", f"     - {title}", f"     - ``{v}``"]
    if ext == "org-table-findings":
        return [f"| config/app.env | 3 | {kebab} | ={v}= | open |"]
    if ext == "asciidoc-table-findings":
        return ["|config/app.env:3", f"|{title}", f"|`{v}`", ""]
    if ext == "html-findings-report":
        return ["    <tr>", "      <td>config/app.env:3</td>", f"      <td>{title}</td>",
                f"      <td><code>{up}={v}</code></td>", "    </tr>"]
    if ext == "tap-yaml-diag":
        return [f"not ok 3 - {n['owner_words']} key left in config/app.env", "  ---", f"  rule: {kebab}",
                f"  match: '{v}'", "  line: 3", "  ..."]
    if ext == "talisman-report-json":
        return ["    {", '      "filename": "config/app.env",', '      "failure_list": [', "        {",
                '          "type": "filecontent",', f'          "message": "Potential secret pattern : {up}={v}",',
                '          "commits": ["3f2a9c1e"],', '          "severity": "high"', "        }", "      ]", "    }"]
    return _render_world(ext, n, v, pick, hdr, up, host, title)


def _render_world(ext, n, v, pick, hdr, up, host, title):
    """The real-world part of render()."""
    o = n["owner"]
    ok = n["owner_kebab"]
    low = n["lower"]
    # --- CI and infrastructure ------------------------------------------------------------------
    if ext == "direnv-envrc":
        return pick([[f"export {up}={v}"], [f"# {title}", f'export {n["LEAF"]}="{v}"'],
                     [f"export {n['OWNER']}_URL=https://api.{host}.com", f"export {up}='{v}'"]])
    if ext == "buildkite-agent-cfg":
        return [f"# {title}: the agent token of the {ok} cluster", f'token="{v}"',
                f'tags="queue={ok},os=linux"']
    if ext == "gitlab-runner-config-toml":
        return pick([["[[runners]]", f'  name = "{ok}-runner"', '  url = "https://gitlab.example.com"',
                      '  executor = "docker"', f'  environment = ["{up}={v}", "LOG_LEVEL=info"]'],
                     ["[[runners]]", f'  name = "{ok}"', '  url = "https://gitlab.example.com"', f'  token = "{v}"']])
    if ext == "az-pipelines-vargroup":
        return pick([[f"az pipelines variable-group create --name {ok}-prod \\",
                      f"  --variables {up}={v} LOG_LEVEL=info --authorize true"],
                     [f"az pipelines variable-group variable create --group-id 12 --name {n['camel']} --value {v}"]])
    if ext == "spinnaker-halconfig":
        return ["    artifacts:", "      http:", "        enabled: true", "        accounts:",
                f"        - name: {ok}", f"          username: {o}-ci", f"          password: {v}"]
    if ext == "pulumi-yaml-program":
        return pick([[f"  {o}:{n['leafCamel']}:", "    type: string", f"    default: {v}"],
                     [f"  {n['camel']}:", "    type: string", f"    default: '{v}'"]])
    if ext == "tfe-variable-hcl":
        return [f'resource "tfe_variable" "{low}" {{', f'  key          = "{up}"', f'  value        = "{v}"',
                '  category     = "env"', "  sensitive    = true", "  workspace_id = tfe_workspace.orders.id", "}"]
    if ext == "harness-pipeline-yaml":
        return ["    - name: " + n["camel"], "      type: String", f"      description: {title}",
                f"      value: {v}"]
    if ext == "octopus-variables-json":
        return ["    {", f'      "Name": "{n["Owner"]}.{n["Leaf"]}",', f'      "Value": "{v}",',
                '      "Type": "String",', '      "IsSensitive": false,', '      "Scope": { "Environment": ["Environments-2"] }',
                "    }"]
    if ext == "docker-secret-create":
        return pick([[f"printf '%s' '{v}' | docker secret create {n['kebab']} -"],
                     [f"echo -n \"{v}\" | docker secret create {o}_{n['leaf']}_v2 -"]])
    if ext == "nomad-var-put":
        return [f"nomad var put nomad/jobs/orders/{o} {n['leaf']}={v} region=eu-west-1"]
    if ext == "dokku-config-set":
        return [f"dokku config:set --no-restart orders {up}={v} LOG_LEVEL=info"]
    if ext == "garden-project-yml":
        return ["variables:", f"  {n['camel']}: {v}", "  replicas: 2"]
    if ext == "tiltfile-env":
        return pick([["local_resource(", "    'seed',", "    cmd='./seed.sh',", f"    env={{'{up}': '{v}'}},", ")"],
                     [f"os.putenv('{up}', '{v}')"]])
    if ext == "devbox-json":
        return [f'    "{up}": "{v}",']
    if ext == "flox-manifest-toml":
        return [f'{up} = "{v}"']
    if ext == "kapitan-inventory":
        return [f"  {o}:", f"    {n['leaf']}: {v}", "    region: eu-west-1"]
    # --- observability agents -------------------------------------------------------------------
    if ext == "promtail-clients-yaml":
        return pick([[f"  - url: https://logs.{host}.com/loki/api/v1/push", "    basic_auth:", "      username: 412345",
                      f"      password: {v}"],
                     [f"  - url: https://logs.{host}.com/loki/api/v1/push", f"    bearer_token: {v}"]])
    if ext == "datadog-agent-check":
        return ["  - name: orders-api", f"    url: https://api.{host}.com/health", "    headers:",
                f"      {hdr}: {v}"]
    if ext == "alloy-river-config":
        return [f'prometheus.remote_write "{o}" {{', "  endpoint {", f'    url = "https://metrics.{host}.com/api/prom/push"',
                "    basic_auth {", '      username = "412345"', f'      password = "{v}"', "    }", "  }", "}"]
    if ext == "fluent-bit-yaml":
        return ["    - name: http", "      match: '*'", f"      host: logs.{host}.com", "      port: 443",
                f"      header: {hdr} {v}", "      tls: on"]
    if ext == "newrelic-infra-yml":
        return pick([[f"# {title}", f"license_key: {v}"], [f"# {title}", "custom_attributes:", "  team: orders", f"  {n['leaf']}: {v}"]])
    if ext == "sentryclirc":
        return pick([[f"# {title}", "[auth]", f"token={v}"], [f"[{o}]", f"{n['leaf']}={v}"]])
    # --- database GUIs ---------------------------------------------------------------------------
    if ext == "pgadmin-servers-json":
        return ['    "1": {', f'      "Name": "{n["Owner"]} orders",', '      "Group": "Servers",',
                f'      "Host": "db.{host}.com",', '      "Port": 5432,', '      "MaintenanceDB": "postgres",',
                f'      "Username": "{o}",', f'      "Password": "{v}",', '      "SSLMode": "require"', "    }"]
    if ext == "heidisql-settings-txt":
        return [f"Servers\\{n['Owner']}\\Host<|||>1<|||>db.{host}.com", f"Servers\\{n['Owner']}\\User<|||>1<|||>{o}",
                f"Servers\\{n['Owner']}\\Password<|||>1<|||>{v}"]
    if ext == "compass-connections-json":
        return pick([["    {", f'      "id": "3f2a9c1e-{o}",', '      "connectionOptions": {',
                      f'        "connectionString": "mongodb+srv://{o}:{v}@cluster0.{host}.mongodb.net/"', "      },",
                      f'      "favorite": {{ "name": "{n["Owner"]}" }}', "    }"],
                     ["    {", '      "connectionOptions": {', '        "connectionString": "mongodb://orders@db.example.com/",',
                      f'        "{n["leafCamel"]}": "{v}"', "      },", f'      "favorite": {{ "name": "{title}" }}', "    }"]])
    # --- serverless and edge --------------------------------------------------------------------
    if ext == "supabase-secrets-set":
        return [f"supabase secrets set {up}={v} --project-ref abcdefghijklmnopqrst"]
    if ext == "vercel-env-pull":
        return [f'{up}="{v}"']
    if ext == "chalice-config-json":
        return ['      "environment_variables": {', f'        "{up}": "{v}",', '        "LOG_LEVEL": "info"', "      }"]
    if ext == "openfaas-stack-yml":
        return [f"  {ok}-notify:", "    lang: python3-http", f"    handler: ./{ok}-notify",
                "    environment:", f"      {n['leaf']}: {v}"]
    # --- AI-agent and LLM tool configs ----------------------------------------------------------
    if ext == "mcp-vscode-json":
        return [f'    "{ok}": {{', '      "type": "stdio",', '      "command": "npx",',
                f'      "args": ["-y", "@{ok}/mcp-server"],', f'      "env": {{ "{up}": "{v}" }}', "    }"]
    if ext == "codex-config-toml":
        return pick([[f"[mcp_servers.{o}]", 'command = "npx"', f'args = ["-y", "@{ok}/mcp"]', f'env = {{ {up} = "{v}" }}'],
                     [f"[mcp_servers.{o}.env]", f'{up} = "{v}"']])
    if ext == "zed-context-servers":
        return [f'    "{ok}-mcp": {{', '      "command": {', '        "path": "npx",',
                f'        "args": ["-y", "{ok}-mcp"],', f'        "env": {{ "{up}": "{v}" }}', "      }", "    }"]
    if ext == "goose-config-yaml":
        return [f"  {o}:", "    enabled: true", "    type: stdio", "    cmd: npx", f"    args: [-y, '@{ok}/mcp']",
                "    envs:", f"      {up}: {v}"]
    if ext == "autogen-oai-config-list":
        return pick([["  {", '    "model": "gpt-4o",', f'    "api_key": "{v}",', f'    "base_url": "https://api.{host}.com/v1",',
                      f'    "tags": ["{o}"]', "  }"],
                     ["  {", f'    "model": "{ok}-large",', f'    "{n["leaf"]}": "{v}"', "  }"]])
    if ext == "langgraph-json":
        return ['  "env": {', f'    "{up}": "{v}"', "  },"]
    if ext == "librechat-yaml":
        return [f"    - name: '{n['Owner']}'", f"      apiKey: '{v}'", f"      baseURL: 'https://api.{host}.com/v1'",
                "      models:", "        default: ['large']"]
    if ext == "promptfoo-config":
        return [f"  - id: {o}:chat:large", "    config:", f"      apiKey: {v}", "      temperature: 0"]
    # --- backup, mail, brokers, tunnels ---------------------------------------------------------
    if ext == "borgmatic-yaml":
        return pick([[f"# {title}", f"encryption_passphrase: \"{v}\""],
                     [f"# {title}", "repositories:", f"  - path: ssh://u123@{host}.repo.example/./orders", "    label: offsite",
                      f"{n['leaf']}: {v}"]])
    if ext == "syncthing-config-xml":
        return ['    <gui enabled="true" tls="true">', "        <address>127.0.0.1:8384</address>",
                f"        <user>{o}</user>", f"        <apikey>{v}</apikey>", "    </gui>"]
    if ext == "offlineimaprc":
        return [f"[Repository {n['Owner']}Remote]", "type = IMAP", f"remotehost = imap.{host}.com",
                f"remoteuser = orders@{host}.com", f"remotepass = {v}"]
    if ext == "mbsyncrc":
        return [f"IMAPAccount {o}", f"Host imap.{host}.com", f"User orders@{host}.com", f"Pass {v}", "TLSType IMAPS"]
    if ext == "aerc-accounts-conf":
        return [f"[{n['Owner']}]", f"source = imaps://orders%40{host}.com:{v}@imap.{host}.com",
                f"outgoing = smtps://orders%40{host}.com@smtp.{host}.com", f"from = Orders <orders@{host}.com>"]
    if ext == "rabbitmq-conf":
        return pick([[f"default_user = {o}", f"default_pass = {v}"],
                     [f"# shovel to {title}", f"management.oauth_client_secret = {v}"]])
    if ext == "nats-server-conf":
        return ["authorization {", "  users = [", f'    {{ user: "{o}", password: "{v}" }}', "  ]", "}"]
    if ext == "pulsar-client-conf":
        return [f"webServiceUrl=https://pulsar.{host}.com:8443/",
                "authPlugin=org.apache.pulsar.client.impl.auth.AuthenticationToken", f"authParams=token:{v}"]
    if ext == "tailscale-up-authkey":
        return [f"# {title}", f"tailscale up --authkey={v} --hostname={ok}-edge --ssh"]
    if ext == "frpc-toml":
        return pick([[f'serverAddr = "frp.{host}.com"', "serverPort = 7000", 'auth.method = "token"', f'auth.token = "{v}"'],
                     ["[[proxies]]", f'name = "{ok}-web"', 'type = "http"', "localPort = 8080",
                      f'httpUser = "{o}"', f'httpPassword = "{v}"']])
    if ext == "ngrok-yml":
        return pick([[f"# {title}", "agent:", f"  authtoken: {v}"],
                     ["endpoints:", f"  - name: {ok}", "    upstream:", "      url: 8080", "    traffic_policy:",
                      "      on_http_request:", "        - actions:", "            - type: add-headers",
                      "              config:", "                headers:", f"                  {hdr}: {v}"]])
    if ext == "cloudflared-install":
        return [f"# {title}", f"sudo cloudflared service install {v}"]
    # --- package managers -----------------------------------------------------------------------
    if ext == "pdm-config-toml":
        return [f"[repository.{o}]", f'url = "https://pypi.{host}.com/simple"', f'username = "{o}"', f'password = "{v}"']
    if ext == "pub-tokens-json":
        return ["    {", f'      "url": "https://pub.{host}.com",', f'      "token": "{v}"', "    }"]
    if ext == "dotnet-nuget-add-source":
        return [f"dotnet nuget add source https://nuget.{host}.com/v3/index.json --name {ok} \\",
                f"  --username ci --password {v} --store-password-in-clear-text"]
    if ext == "hex-organization-auth":
        return [f"mix hex.organization auth {o} --key {v}"]
    # --- game servers and IoT -------------------------------------------------------------------
    if ext == "minecraft-server-properties":
        return pick([[f"# {title}", "enable-rcon=true", f"rcon.password={v}", "rcon.port=25575"],
                     [f"# {title}", f"{n['dotted']}={v}"]])
    if ext == "srcds-server-cfg":
        return pick([[f"// {title}", f'rcon_password "{v}"'], [f"// {title}", f'sv_setsteamaccount "{v}"'],
                     [f'{o}_{n["leaf"]} "{v}"']])
    if ext == "factorio-server-settings":
        return [f'  "username": "{o}",', f'  "token": "{v}",']
    if ext == "esphome-yaml":
        return pick([[f"# {title}", "api:", "  encryption:", f"    key: \"{v}\""],
                     [f"# {title}", "ota:", "  - platform: esphome", f"    password: \"{v}\""],
                     ["http_request:", "  useragent: esphome/orders", f"# {title}", "substitutions:", f"  {low}: \"{v}\""]])
    if ext == "zigbee2mqtt-config":
        return ["mqtt:", f"  server: mqtts://mqtt.{host}.com:8883", f"  user: {o}", f"  password: {v}"]
    # --- IDE run configurations -----------------------------------------------------------------
    if ext == "eclipse-launch":
        return ['    <mapAttribute key="org.eclipse.debug.core.environmentVariables">',
                f'        <mapEntry key="{up}" value="{v}"/>', "    </mapAttribute>"]
    if ext == "zed-tasks-json":
        return ["  {", f'    "label": "seed {n["owner_words"]}",', '    "command": "./seed.sh",',
                f'    "env": {{ "{up}": "{v}" }}', "  }"]
    # --- program output and exports -------------------------------------------------------------
    if ext == "systemctl-show-env":
        return [f"{up}={v}"]
    if ext == "proc-environ-dump":
        return [f"{up}={v}"]
    if ext == "gcloud-run-describe":
        return ["        - name: " + up, f"          value: {v}"]
    if ext == "lambda-get-config-json":
        return ['    "Environment": {', '        "Variables": {', f'            "{up}": "{v}",',
                '            "LOG_LEVEL": "info"', "        }", "    },"]
    if ext == "discord-export-json":
        return ["    {", '      "id": "1237411229048213504",', '      "type": "Default",',
                '      "timestamp": "2024-05-07T10:11:12.345+00:00",',
                f'      "content": "new {n["owner_words"]} key for staging: {v}",',
                '      "author": { "id": "4242", "name": "ops-bot" }', "    }"]
    if ext == "jira-issue-json":
        return ['      "comment": {', '        "comments": [', "          {", '            "author": { "displayName": "Ops" },',
                f'            "body": "Rotated. New {title}: {{noformat}}{v}{{noformat}}"', "          }", "        ]", "      },"]
    # --- config languages -----------------------------------------------------------------------
    if ext == "nickel-config":
        return [f"  {o} = {{", f'    {n["leaf"]} = "{v}",', "  },"]
    if ext == "neon-config":
        return [f"\t{n['camel']}: '{v}'"]
    raise ValueError(f"unknown held-out syntax {ext}")


# name -> (file name, header lines, footer lines, comment prefix or None)
SYNTAXES = {
    # scanners' rule tests, reports and test files
    "go-tps-sprintf": ("rules/generic_secret_cases.go", ["package rules", "", 'import "fmt"', "",
                                                         "func genericSecretCases() ([]string, []string) {"],
                       ["\treturn tps, nil", "}"], "// "),
    "rule-yaml-literal-examples": ("rules/vendor-keys.yml", ["rules:"], [], "# "),
    "toml-rule-allowlist-inline": ("rules/custom-secrets.toml", ['title = "custom secrets"', ""], [], "# "),
    "py-subtest-cases": ("cases/secret_lines.py", ["import unittest", "", "from scanner import scan", "", "CASES = ["],
                         ["]", "", "", "class SecretLines(unittest.TestCase):", "    def test_lines(self):",
                          "        for line, expected in CASES:", "            with self.subTest(line=line):",
                          "                self.assertEqual(bool(scan(line)), expected)"], "# "),
    "rust-indoc-test": ("checks/src/config_cases.rs", ["use indoc::indoc;", "use scanner::scan;", ""], [], "// "),
    "th-want-raw-bytes": ("pkg/detectors/orders/orders_cases.go",
                          ["package orders", "", "var cases = []struct {", "\tname string", "\twant []detectors.Result",
                           "}{", "\t\t{", '\t\t\tname: "found, unverified",'],
                          ["\t\t},", "}"], "// "),
    "jest-inline-snapshot": ("checks/scan.cases.js", ["const { scan } = require('../src/scan');", ""], [], "// "),
    "syrupy-ambr": ("checks/__snapshots__/scan_cases.ambr", ["# serializer version: 1"], [], None),
    "golden-file-out": ("cases/golden/scan-config.golden", ["scanning 3 files"], ["3 files, 1 finding"], None),
    "approvaltests-received": ("checks/ScanCases.findings.approved.txt", ["Scan of sample repository"], [], None),
    "proptest-regressions": ("checks/scan.proptest-regressions",
                             ["# Seeds for failure cases proptest has generated in the past. It is",
                              "# automatically read and these particular cases re-run before any",
                              "# novel cases are generated.", "#",
                              "# It is recommended to check this file in to source control so that",
                              "# everyone who runs the test benefits from these saved cases."], [], "# "),
    "pact-contract-json": ("pacts/orders-web-orders-api.json",
                           ["{", '  "consumer": { "name": "orders-web" },', '  "provider": { "name": "orders-api" },',
                            '  "interactions": ['],
                           ["  ],", '  "metadata": { "pactSpecification": { "version": "2.0.0" } }', "}"], None),
    "mockserver-expectation": ("mockserver/expectations.json", ["["], ["]"], None),
    "hoverfly-simulation": ("hoverfly/simulation.json",
                            ["{", '  "data": {', '    "pairs": ['],
                            ["    ]", "  },", '  "meta": { "schemaVersion": "v5.2" }', "}"], None),
    "betamax-cassette-json": ("cassettes/list_orders.json", ["{", '  "http_interactions": ['],
                              ["  ],", '  "recorded_with": "betamax/0.9.0"', "}"], None),
    "junit-csvsource": ("checks/src/ScanCases.java", ["import org.junit.jupiter.params.ParameterizedTest;",
                                                      "import org.junit.jupiter.params.provider.CsvSource;", "",
                                                      "class ScanCases {"], ["}"], "// "),
    "xunit-theorydata": ("Checks/ScanCases.cs", ["using Xunit;", "", "public class ScanCases", "{"],
                         ["", "    [Theory, MemberData(nameof(Lines))]", "    public void Finds(string line) => "
                          "Assert.NotEmpty(Scanner.Scan(line));", "}"], "// "),
    "pest-dataset": ("checks/Datasets/SecretLines.php", ["<?php", ""], [], "// "),
    "scalatest-table": ("checks/src/ScanCases.scala", ["import org.scalatest.flatspec.AnyFlatSpec",
                                                       "import org.scalatest.prop.TableDrivenPropertyChecks._", "",
                                                       "class ScanCases extends AnyFlatSpec {"], ["}"], "// "),
    "ocaml-expect-test": ("checks/scan_cases.ml", ["open Scanner", ""], [], None),
    "shellspec-spec": ("checks/scan_cases.sh", ["Describe 'scan_line'", "  Include lib/scan.sh"], ["End"], "# "),
    "cram-t-file": ("checks/scan.t", ["Scan a dotenv file:", ""], [], None),
    "llvm-lit-check": ("checks/lit/dotenv-line.env", ["# RUN: scanner %s | FileCheck %s", ""], [], None),
    "yara-rule-strings": ("rules/leaked-credentials.yar", ['import "pe"', ""], [], "// "),
    "nuclei-template-yaml": ("nuclei/orders-api-auth.yaml", ["id: orders-api-auth", "info:", "  name: Orders API auth check",
                                                            "  author: ops", "  severity: info", ""], [], "# "),
    "rst-findings-list-table": ("reports/findings.rst", ["Findings", "========", "", ".. list-table::",
                                                         "   :header-rows: 1", "", "   * - Location", "     - Rule",
                                                         "     - Match"], [], None),
    "org-table-findings": ("reports/findings.org", ["* Findings", "| File | Line | Rule | Match | State |",
                                                    "|------+------+------+-------+-------|"], [], None),
    "asciidoc-table-findings": ("reports/findings.adoc", ["== Findings", "", "[cols=\"1,1,2\"]", "|===",
                                                          "|Location |Rule |Match", ""], ["|==="], None),
    "html-findings-report": ("reports/secrets.html", ["<html><body>", "<table>",
                                                      "    <tr><th>Location</th><th>Rule</th><th>Match</th></tr>"],
                             ["</table>", "</body></html>"], None),
    "tap-yaml-diag": ("reports/scan.tap", ["TAP version 13", "1..3", "ok 1 - README.md", "ok 2 - src/main.py"], [], None),
    "talisman-report-json": ("reports/talisman_report/talisman_reports/data/report.json",
                             ["{", '  "summary": { "types": { "filecontent": 1 } },', '  "results": ['],
                             ["  ]", "}"], None),
    # CI and infrastructure
    "direnv-envrc": (".envrc", ["dotenv_if_exists .env.local", "layout python3"], ["watch_file config/*.yaml"], "# "),
    "buildkite-agent-cfg": ("etc/buildkite-agent/buildkite-agent.cfg", ['name="%hostname-%spawn"', 'spawn=2'],
                            ['build-path="/var/lib/buildkite-agent/builds"'], "# "),
    "gitlab-runner-config-toml": ("etc/gitlab-runner/config.toml", ["concurrent = 4", "check_interval = 0", ""],
                                  ["  [runners.docker]", '    image = "alpine:3.19"'], "# "),
    "az-pipelines-vargroup": ("ci/create-variable-groups.sh", ["#!/usr/bin/env bash", "set -euo pipefail"],
                              ['echo "variable groups ready"'], "# "),
    "spinnaker-halconfig": (".hal/config", ["currentDeployment: default", "deploymentConfigurations:",
                                            "  - name: default", "    version: 1.34.0"],
                            ["    timezone: UTC"], "# "),
    "pulumi-yaml-program": ("Pulumi.yaml", ["name: orders", "runtime: yaml", "config:"],
                            ["resources:", "  bucket:", "    type: aws:s3:Bucket"], "# "),
    "tfe-variable-hcl": ("deploy/terraform/workspace-vars.tf", ['resource "tfe_workspace" "orders" {', '  name = "orders"',
                                                                "}", ""], [], "# "),
    "harness-pipeline-yaml": (".harness/orders-deploy.yaml", ["pipeline:", "  name: orders-deploy",
                                                              "  identifier: orders_deploy", "  variables:"],
                              ["  stages: []"], "# "),
    "octopus-variables-json": ("deploy/octopus/variables.json", ["{", '  "OwnerId": "Projects-101",', '  "Variables": ['],
                               ["  ]", "}"], None),
    "docker-secret-create": ("deploy/swarm-secrets.sh", ["#!/bin/sh", "set -eu"],
                             ["docker stack deploy -c stack.yml orders"], "# "),
    "nomad-var-put": ("deploy/nomad-vars.sh", ["#!/usr/bin/env bash", "set -euo pipefail"],
                      ["nomad job run orders.nomad.hcl"], "# "),
    "dokku-config-set": ("deploy/dokku-setup.sh", ["#!/usr/bin/env bash", "set -euo pipefail", "dokku apps:create orders"],
                         ["dokku ps:rebuild orders"], "# "),
    "garden-project-yml": ("project.garden.yml", ["apiVersion: garden.io/v1", "kind: Project", "name: orders",
                                                  "environments:", "  - name: dev"], [], "# "),
    "tiltfile-env": ("Tiltfile", ["load('ext://restart_process', 'docker_build_with_restart')",
                                  "k8s_yaml('deploy/orders.yaml')"], ["k8s_resource('orders', port_forwards=8080)"], "# "),
    "devbox-json": ("devbox.json", ["{", '  "packages": ["nodejs@20", "python@3.12"],', '  "env": {'],
                    ['    "LOG_LEVEL": "info"', "  }", "}"], None),
    "flox-manifest-toml": (".flox/env/manifest.toml", ["version = 1", "", "[install]", 'nodejs.pkg-path = "nodejs_20"',
                                                       "", "[vars]"], ["", "[hook]", 'on-activate = "echo ready"'], "# "),
    "kapitan-inventory": ("inventory/targets/orders.yml", ["classes:", "  - common", "parameters:",
                                                           "  target_name: orders"], [], "# "),
    # observability agents
    "promtail-clients-yaml": ("etc/promtail/config.yml", ["server:", "  http_listen_port: 9080", "clients:"],
                              ["scrape_configs:", "  - job_name: system"], "# "),
    "datadog-agent-check": ("etc/datadog-agent/conf.d/http_check.d/conf.yaml", ["init_config:", "", "instances:"], [], "# "),
    "alloy-river-config": ("etc/alloy/config.alloy", ['logging {', '  level = "info"', "}", ""], [], "// "),
    "fluent-bit-yaml": ("etc/fluent-bit/fluent-bit.yaml", ["service:", "  flush: 1", "pipeline:", "  inputs:",
                                                           "    - name: tail", "      path: /var/log/orders/*.log",
                                                           "  outputs:"], [], "# "),
    "newrelic-infra-yml": ("etc/newrelic-infra.yml", ["display_name: orders-01", "log:", "  level: info"], [], "# "),
    "sentryclirc": (".sentryclirc", ["[defaults]", "org = acme", "project = orders", ""], [], "# "),
    # database GUIs
    "pgadmin-servers-json": ("pgadmin/servers.json", ["{", '  "Servers": {'], ["  }", "}"], None),
    "heidisql-settings-txt": ("heidisql/portable_settings.txt", ["SessionLog<|||>3<|||>1", "Servers\\orders-dev\\Port<|||>1<|||>3306"],
                              ["WindowWidth<|||>3<|||>1024"], None),
    "compass-connections-json": ("exports/compass-connections.json", ["{", '  "type": "Compass Connections",', '  "version": 1,',
                                                                      '  "connections": ['], ["  ]", "}"], None),
    # serverless and edge
    "supabase-secrets-set": ("deploy/supabase-secrets.sh", ["#!/usr/bin/env bash", "set -euo pipefail"],
                             ["supabase functions deploy orders-hook"], "# "),
    "vercel-env-pull": (".vercel/.env.production.local", ["# Created by Vercel CLI", 'VERCEL="1"', 'VERCEL_ENV="production"'],
                        ['VERCEL_URL=""'], "# "),
    "chalice-config-json": (".chalice/config.json", ["{", '  "version": "2.0",', '  "app_name": "orders",', '  "stages": {',
                                                     '    "prod": {', '      "api_gateway_stage": "api",'],
                            ["    }", "  }", "}"], None),
    "openfaas-stack-yml": ("stack.yml", ["version: 1.0", "provider:", "  name: openfaas", "  gateway: http://127.0.0.1:8080",
                                         "functions:"], [], "# "),
    # AI-agent and LLM tool configs
    "mcp-vscode-json": (".vscode/mcp.json", ["{", '  "inputs": [],', '  "servers": {'], ["  }", "}"], None),
    "codex-config-toml": (".codex/config.toml", ['model = "o4-mini"', 'approval_policy = "on-request"', ""], [], "# "),
    "zed-context-servers": (".zed/settings.json", ["{", '  "theme": "One Dark",', '  "context_servers": {'],
                            ["  }", "}"], None),
    "goose-config-yaml": (".config/goose/config.yaml", ["GOOSE_PROVIDER: openai", "GOOSE_MODEL: gpt-4o", "extensions:"],
                          [], "# "),
    "autogen-oai-config-list": ("OAI_CONFIG_LIST", ["["], ["]"], None),
    "langgraph-json": ("langgraph.json", ["{", '  "dependencies": ["."],', '  "graphs": { "agent": "./src/agent.py:graph" },'],
                       ['  "python_version": "3.12"', "}"], None),
    "librechat-yaml": ("librechat.yaml", ["version: 1.2.1", "cache: true", "endpoints:", "  custom:"], [], "# "),
    "promptfoo-config": ("promptfooconfig.yaml", ["description: orders summaries", "prompts:",
                                                  "  - 'Summarize: {{order}}'", "providers:"],
                         ["tests:", "  - vars:", "      order: '2 items'"], "# "),
    # backup, mail, brokers, tunnels
    "borgmatic-yaml": ("etc/borgmatic/config.yaml", ["source_directories:", "  - /srv/orders"],
                       ["keep_daily: 7"], "# "),
    "syncthing-config-xml": ("config/syncthing/config.xml", ['<configuration version="37">'], ["</configuration>"], None),
    "offlineimaprc": (".offlineimaprc", ["[general]", "accounts = Orders", ""], [], "# "),
    "mbsyncrc": (".mbsyncrc", ["Create Both", "Expunge Both", ""], ["", "MaildirStore local", "Path ~/Mail/"], "# "),
    "aerc-accounts-conf": (".config/aerc/accounts.conf", [], ["default = INBOX"], "# "),
    "rabbitmq-conf": ("etc/rabbitmq/rabbitmq.conf", ["listeners.tcp.default = 5672", "loopback_users.guest = false"],
                      ["log.file.level = info"], "# "),
    "nats-server-conf": ("etc/nats/nats-server.conf", ["port: 4222", "http_port: 8222", ""], [], "# "),
    "pulsar-client-conf": ("conf/client.conf", ["# Pulsar client configuration"], ["tlsAllowInsecureConnection=false"], "# "),
    "tailscale-up-authkey": ("deploy/bootstrap-node.sh", ["#!/usr/bin/env bash", "set -euo pipefail",
                                                          "curl -fsSL https://tailscale.com/install.sh | sh"],
                             ["systemctl enable --now orders"], "# "),
    "frpc-toml": ("etc/frp/frpc.toml", ['user = "orders"', ""], [], "# "),
    "ngrok-yml": (".config/ngrok/ngrok.yml", ['version: "3"'], [], "# "),
    "cloudflared-install": ("deploy/edge-tunnel.sh", ["#!/usr/bin/env bash", "set -euo pipefail"],
                            ["systemctl status cloudflared --no-pager"], "# "),
    # package managers
    "pdm-config-toml": (".config/pdm/config.toml", ["[python]", "use_venv = true", ""], [], "# "),
    "pub-tokens-json": (".config/dart/pub-tokens.json", ["{", '  "version": 1,', '  "hosted": ['], ["  ]", "}"], None),
    "dotnet-nuget-add-source": ("ci/nuget-sources.sh", ["#!/usr/bin/env bash", "set -euo pipefail"],
                                ["dotnet restore"], "# "),
    "hex-organization-auth": ("ci/hex-auth.sh", ["#!/usr/bin/env bash", "set -euo pipefail"], ["mix deps.get"], "# "),
    # game servers and IoT
    "minecraft-server-properties": ("server/server.properties", ["#Minecraft server properties", "motd=Orders SMP",
                                                                 "server-port=25565"], ["white-list=true"], "# "),
    "srcds-server-cfg": ("cstrike/cfg/server.cfg", ['hostname "Orders Community"', "sv_lan 0"], ["exec banned_user.cfg"], "// "),
    "factorio-server-settings": ("factorio/server-settings.json", ["{", '  "name": "Orders factory",',
                                                                   '  "visibility": { "public": true, "lan": true },'],
                                 ['  "max_players": 0', "}"], None),
    "esphome-yaml": ("esphome/orders-sensor.yaml", ["esphome:", "  name: orders-sensor", "esp32:", "  board: esp32dev", ""],
                     ["", "sensor:", "  - platform: uptime", "    name: Uptime"], "# "),
    "zigbee2mqtt-config": ("zigbee2mqtt/configuration.yaml", ["homeassistant: true", "permit_join: false"],
                           ["serial:", "  port: /dev/ttyUSB0"], "# "),
    # IDE run configurations
    "eclipse-launch": ("launch/OrdersServer.launch",
                       ['<?xml version="1.0" encoding="UTF-8" standalone="no"?>',
                        '<launchConfiguration type="org.eclipse.jdt.launching.localJavaApplication">',
                        '    <stringAttribute key="org.eclipse.jdt.launching.MAIN_TYPE" value="com.acme.orders.Server"/>'],
                       ["</launchConfiguration>"], None),
    "zed-tasks-json": (".zed/tasks.json", ["["], ["]"], None),
    # program output and exports
    "systemctl-show-env": ("support/systemctl-show-environment.txt", ["HOME=/root", "LANG=C.UTF-8",
                                                                      "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin"],
                           ["TZ=UTC"], None),
    "proc-environ-dump": ("support/orders-environ.txt", ["$ sudo tr '\\0' '\\n' < /proc/4242/environ", "HOSTNAME=orders-01",
                                                         "PORT=8080"], ["SHLVL=1"], None),
    "gcloud-run-describe": ("support/run-describe-orders.yaml", ["apiVersion: serving.knative.dev/v1", "kind: Service",
                                                                 "metadata:", "  name: orders", "spec:", "  template:",
                                                                 "    spec:", "      containers:",
                                                                 "      - image: gcr.io/acme/orders:1.4.2", "        env:"],
                            ["        ports:", "        - containerPort: 8080"], None),
    "lambda-get-config-json": ("support/lambda-orders-sync.json", ["{", '    "FunctionName": "orders-sync",',
                                                                   '    "Runtime": "python3.12",'],
                               ['    "Timeout": 30', "}"], None),
    "discord-export-json": ("exports/discord/ops-channel.json", ["{", '  "guild": { "id": "1", "name": "Acme" },',
                                                                 '  "messages": ['], ["  ]", "}"], None),
    "jira-issue-json": ("exports/jira/OPS-1423.json", ["{", '  "key": "OPS-1423",', '  "fields": {',
                                                       '      "summary": "Rotate leaked keys",'],
                        ['      "status": { "name": "Done" }', "  }", "}"], None),
    # config languages
    "nickel-config": ("config/services.ncl", ["{", '  app_name = "orders",'], ["}"], "# "),
    "neon-config": ("config/local.neon", ["parameters:"], ["", "services:", "\t- App\\Model\\OrderFacade"], "# "),
}
HELDOUT14_SYNTAXES = list(SYNTAXES)
