"""Seventeenth held-out syntax set: written blind, nobody tunes rules or the engine against it.

A set nobody has tuned against, to predict how the pack does on syntaxes it has never seen
once eval/heldout16.py has been measured and is used to fix rules. It was written and committed
before any result of it was looked at, in forms that none of eval/gen.py, eval/heldout.py and
eval/heldout2.py .. eval/heldout16.py produce, in two parts.

About a third in the style of secret scanners' tests, reports and configuration and of test
files the earlier sets lack (written from how such files look, not copied from any): detect-secrets
plugin cases (a pytest parametrize table), its `audit --report` JSON and `scan --string` output,
Nosey Parker's `report --format human` and Kingfisher's pretty output, a `.secretlintrc.json`
`allows` list, a GitGuardian multiscan request body, Go `fstest.MapFS` trees, Rust `#[test]`
functions with `assert_eq!`, Kotest `withData`, Spock data pipes, RSpec `subject`, Jest
`describe.each` tagged-template tables, Vitest `it.each` objects, Pester `BeforeAll` env, a
Cypress support command, Bruno environment files, Insomnia v5 YAML collections, Karate's
`karate-config.js`, Playwright `storageState` files, `dredd.yml` headers, Gherkin step data
tables, Codeception Cests, Testcontainers (Java `withEnv`, Go `ContainerRequest`), Quick/Nimble
specs, EUnit asserts, Expecto test cases, Crystal `it` blocks, D `unittest` blocks and tcltest.

The rest real-world files from areas the earlier sets lack: string syntaxes of languages
(F# triple-quoted, OCaml quoted strings `{|...|}`, Scala `s`-interpolated triple-quoted strings with `stripMargin`,
Groovy dollar-slashy `$/.../$`, Dart raw `r'...'`, Odin, V, Haxe, Fennel, GDScript, Prolog facts,
Pharo Smalltalk methods), ops and self-hosted services (a Boundary worker, Vault's transit seal,
Istio VirtualService header rewrites, Argo CD's `dex.config`, a Crossplane provider credentials
Secret, Grafana alerting contact points, Loki storage, an Uptime Kuma backup, Gatus, the External
Secrets fake provider, `oauth2-proxy.cfg`, authentik blueprints, a Forgejo runner's `.runner`,
Cloud Native Buildpacks `project.toml`, a DigitalOcean app spec, Apache `RequestHeader set`,
a pfSense `config.xml`, EdgeOS `config.boot`), database and service clients (`cqlshrc`, the
influx CLI's `configs`, `.myclirc` DSN aliases, NATS contexts, Cloudsmith `credentials.ini`),
Wi-Fi and game servers (an iwd `.psk` file, Terraria `serverconfig.txt`, a Valheim start script),
developer tools and AI agents (TabbyML `config.toml`, LangChain `init_chat_model`, LlamaIndex
`Settings`, n8n decrypted credential exports, Make blueprints, Raycast script commands, espanso
matches, Obsidian plugin `data.json`, Warp workflows), secret-setting and login command lines
(`doppler secrets set`, `gh secret set --body`, `az keyvault secret set`, `aws secretsmanager
put-secret-value`, `docker login -p`, `npm config set ...:_authToken`, `git remote set-url`
with credentials, a GitHub Actions runner's `config.sh --token`, `gitlab-runner register`,
`cmdkey`, `net use`, macOS `security add-generic-password`) and operational pastes
(`pulumi stack output --show-secrets`, an `env` dump in a Jenkins console log, a GitLab job log
with its ANSI colour codes, DevTools "Copy as fetch", a Zoom meeting chat, a zsh extended
history, a Stack Overflow question with indented code).

Interface as eval/heldout16.py: `render(ext, key, value, rng)` returns the lines holding `value`;
`SYNTAXES` maps each name to (file name, header lines, footer lines, comment prefix or None).
Key names come from the rule metadata as in gen.py; each syntax re-spells the key the way its
language or tool does, some with the provider word on the key itself, some on a parent, a
section, a server, a host, an account or a user name, some only nearby (a comment, a test name,
a description) and two not at all (an iwd `.psk` file and a Terraria `serverconfig.txt`).

File names avoid the test path globs (rules/test-paths.toml), so the fixture-style files sit
at paths such as `cases/`, `checks/`, `rules/` or `reports/`. The helpers are copied, not
imported from heldout2.py .. heldout16.py, so that edits there do not move this set.
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
    """The lines that hold `value` under `key` in held-out syntax `ext` (seventeenth set)."""
    n = names(key)
    v = value
    pick = rng.choice
    hdr = f"X-{n['Owner']}-{n['Leaf_dash']}"  # a provider's own header name, as its docs spell it
    up = n["UPPER"]
    host = n["host"]
    title = f"{n['Owner']} {n['leaf_title']}"
    low = n["lower"]
    kebab = n["kebab"]
    o = n["owner"]
    ok = n["owner_kebab"]
    ow = n["owner_words"]
    leaf = n["leaf"]
    # --- scanners' tests, reports and configuration; test files ---------------------------------
    if ext == "ds-plugin-payload-cases":  # a detect-secrets style plugin test table
        return pick([[f"        ('{up} = \"{v}\"', True),", f"        ('{up} = \"\"', False),"],
                     [f"        # {title}", f"        ('{n['camel']}: \"{v}\"', True),"],
                     [f"        ('\"{n['camel']}\": \"{v}\"', True),", "        ('\"password\": \"\"', False),"]])
    if ext == "ds-audit-report-json":  # detect-secrets audit --report
        return ["    {", '      "category": "UNVERIFIED",', f'      "filename": "config/{o}.py",', '      "lines": {},',
                f'      "secrets": "{v}",', '      "types": [', '        "Secret Keyword",', f'        "{title}"', "      ]",
                "    }"]
    if ext == "ds-scan-string-cli":  # detect-secrets scan --string
        return [f"$ detect-secrets scan --string '{up}={v}'", "AWSKeyDetector         : False",
                "ArtifactoryDetector    : False", "Base64HighEntropyString: True  (4.921)",
                "BasicAuthDetector      : False", "HexHighEntropyString   : False", "KeywordDetector        : True",
                "PrivateKeyDetector     : False"]
    if ext == "noseyparker-human-report":  # noseyparker report --format human
        return ["Finding 1/1 (id 3f2a9c1e0b7d4e5f6a7b8c9d0e1f2a3b4c5d6e7f)", f"Rule: {title}", f"Group: {v}", "",
                "Occurrence 1/1", "File: deploy/app.env", "Blob: 8b2f0c4a1d9e7f6a5b4c3d2e1f0a9b8c7d6e5f4a",
                "Lines: 3:1-3:80", "", "    LOG_LEVEL=info", "    REGION=eu-west-1", ""]
    if ext == "kingfisher-pretty-output":  # kingfisher scan's default (pretty) output
        return [f" {title.upper()} => [KINGFISHER.{o.upper()}.1]", f" |Finding.......: {v}",
                " |Fingerprint...: 7312846012537140432", " |Confidence....: medium", " |Entropy.......: 4.21",
                " |Validation....: Not Attempted", " |Language......: Shell", " |Line Num......: 3",
                " |Path..........: ./deploy/app.env", ""]
    if ext == "secretlintrc-allows-json":  # a value allow-listed in .secretlintrc.json
        return pick([[f'        {{ "id": "@secretlint/secretlint-rule-{ok}", "allows": ["{v}"] }}'],
                     ['        {', '          "id": "@secretlint/secretlint-rule-preset-recommend",',
                      f'          "allows": ["{v}"]', '        }']])
    if ext == "gg-content-scan-request-json":  # a GitGuardian multiscan request body kept for replay
        return pick([["  {", '    "filename": "deploy/app.env",', f'    "document": "LOG_LEVEL=info\\n{up}={v}\\n"', "  }"],
                     ["  {", f'    "filename": "config/{o}.yml",',
                      f'    "document": "{o}:\\n  {leaf}: {v}\\n  region: eu-west-1\\n"', "  }"]])
    if ext == "go-fstest-mapfs":  # an fstest.MapFS tree for a walker's checks
        return pick([[f'\t"deploy/app.env": &fstest.MapFile{{Data: []byte("LOG_LEVEL=info\\n{up}={v}\\n")}},'],
                     [f'\t"config/{o}.yml": &fstest.MapFile{{', f'\t\tData: []byte("{o}:\\n  {leaf}: {v}\\n"),',
                      "\t\tMode: 0o600,", "\t},"]])
    if ext == "rust-test-fn-assert-eq":
        return pick([["    #[test]", f"    fn finds_{low}_in_dotenv() {{", f'        let input = "{up}={v}";',
                      "        assert_eq!(scan(input).len(), 1);", "    }"],
                     ["    #[test]", f"    fn finds_{o}_key_in_toml() {{", f'        let found = scan("[{o}]\\n{leaf} = \'{v}\'\\n");',
                      f'        assert_eq!(found[0].rule, "{kebab}");', "    }"]])
    if ext == "kotest-withdata":
        return [f"    context(\"{ow} lines\") {{", "        withData(", f'            "{up}={v}",',
                f'            "{n["dotted"]}: changeme",', "        ) { line ->", "            Scanner.scan(line).shouldNotBeEmpty()",
                "        }", "    }"]
    if ext == "spock-data-pipe":
        return ["    @Unroll", f"    def \"finds the {ow} key in #line\"() {{", "        expect:",
                "        !scanner.scan(line).isEmpty()", "", "        where:", f"        line << ['{up}={v}']", "    }"]
    if ext == "rspec-subject-client":
        return pick([[f"RSpec.describe {n['Owner']}::Client do",
                      f"  subject(:client) {{ described_class.new({leaf}: '{v}', host: 'api.{host}.com') }}", "",
                      "  it 'lists orders' do", "    expect(client.orders).to be_empty", "  end", "end"],
                     ["RSpec.describe Orders::Sync do", f"  # {title} of the sandbox account",
                      f"  subject {{ described_class.new(credentials: {{ {leaf}: '{v}' }}) }}", "",
                      "  it { is_expected.to be_valid }", "end"]])
    if ext == "jest-describe-each-template":
        return ["describe.each`", "  line                      | rule", f"  ${{'{up}={v}'}} | ${{'{kebab}'}}",
                "`('finds $rule', ({ line, rule }) => {", "  test('in a dotenv line', () => {",
                "    expect(scan(line)[0].rule).toBe(rule)", "  })", "})"]
    if ext == "vitest-it-each-objects":
        return pick([["it.each([", f"  {{ name: '{ow} key in JSON', input: '{{\"{n['camel']}\": \"{v}\"}}' }},",
                      "])('$name', ({ input }) => {", "  expect(scan(input)).toHaveLength(1)", "})"],
                     ["it.each([", f"  {{ name: '{ow} key in YAML', input: '{low}: {v}' }},",
                      "  { name: 'placeholder', input: 'token: changeme', none: true },",
                      "])('$name', ({ input, none }) => {", "  expect(scan(input).length === 0).toBe(!!none)", "})"]])
    if ext == "pester-beforeall-env":
        return [f"Describe '{n['Owner']} client' {{", "    BeforeAll {", f"        $env:{up} = '{v}'", "    }", "",
                "    It 'lists orders' {", "        Get-Orders | Should -Not -BeNullOrEmpty", "    }", "}"]
    if ext == "cypress-support-command":
        auth = pick([[f"    headers: {{ '{hdr}': '{v}' }},"], [f"    // {title}", f"    auth: {{ bearer: '{v}' }},"]])
        return (["Cypress.Commands.add('seedOrders', () => {", "  cy.request({", "    method: 'POST',",
                 f"    url: 'https://api.{host}.com/v1/orders/seed',"] + auth + ["  })", "})"])
    if ext == "bruno-env-bru":  # a Bruno environment file
        return pick([["vars {", f"  baseUrl: https://api.{host}.com", f"  {n['camel']}: {v}", "}"],
                     ["vars {", "  baseUrl: https://orders.acme.example", f"  {n['ownerCamel']}Token: {v}", "}"]])
    if ext == "insomnia-v5-yaml":  # Insomnia's v5 YAML collection
        return pick([["  - url: https://api." + host + ".com/v1/orders", "    name: list orders", "    meta:",
                      "      id: req_3f2a9c1e0b7d", "    method: GET", "    headers:", f"      - name: {hdr}",
                      f"        value: {v}"],
                     ["  - url: https://orders.acme.example/v1/orders", "    name: list orders", "    method: GET",
                      "    authentication:", "      type: bearer", f"      token: {v}", f"      prefix: {n['Owner']}"]])
    if ext == "karate-config-js":
        return ["  var config = {", f"    baseUrl: 'https://api.{host}.com',", f"    {n['camel']}: '{v}'", "  };"]
    if ext == "playwright-storage-state-json":  # playwright/.auth/user.json
        return pick([['  "cookies": [', "    {", f'      "name": "{o}_session",', f'      "value": "{v}",',
                      f'      "domain": "app.{host}.com",', '      "path": "/",', '      "expires": 1746612672,',
                      '      "httpOnly": true,', '      "secure": true,', '      "sameSite": "Lax"', "    }", "  ],",
                      '  "origins": []'],
                     ['  "cookies": [],', '  "origins": [', "    {", f'      "origin": "https://app.{host}.com",',
                      '      "localStorage": [', f'        {{ "name": "{n["camel"]}", "value": "{v}" }}', "      ]", "    }",
                      "  ]"]])
    if ext == "dredd-yml-header":
        return pick([["header:", f"- \"{hdr}: {v}\"", f"endpoint: 'https://api.{host}.com'"],
                     [f"# {title}", f"user: '{o}:{v}'", "endpoint: 'https://orders.acme.example'"]])
    if ext == "gherkin-datatable-step":
        return [f"  Scenario: list orders with the {ow} key", "    Given the client is configured with:",
                "      | setting | value |", f"      | {leaf} | {v} |", "    When I list the orders",
                "    Then the response status is 200"]
    if ext == "codeception-cest":
        auth = pick([[f"        $I->haveHttpHeader('{hdr}', '{v}');"],
                     [f"        // {title}", f"        $I->amBearerAuthenticated('{v}');"]])
        return (["    public function listOrders(ApiTester $I): void", "    {"] + auth
                + ["        $I->sendGet('/v1/orders');", "        $I->seeResponseCodeIs(200);", "    }"])
    if ext == "testcontainers-withenv-java":
        return ["    static GenericContainer<?> orders = new GenericContainer<>(\"acme/orders:1.4\")",
                f'            .withEnv("{up}", "{v}")', "            .withExposedPorts(8080);"]
    if ext == "testcontainers-go-request":
        return ["\treq := testcontainers.ContainerRequest{", '\t\tImage:        "acme/orders:1.4",',
                '\t\tExposedPorts: []string{"8080/tcp"},', "\t\tEnv: map[string]string{", f'\t\t\t"{up}": "{v}",', "\t\t},",
                "\t}"]
    if ext == "quick-nimble-spec":
        return [f'        describe("the {ow} key") {{', '            it("is found in a plist line") {',
                f'                let line = "<key>{up}</key><string>{v}</string>"',
                "                expect(Scanner.scan(line)).toNot(beEmpty())", "            }", "        }"]
    if ext == "eunit-assert":
        return [f"{o}_key_test() ->", f'    ?assertMatch([_], scanner:scan(<<"{up}={v}">>)).']
    if ext == "fsharp-expecto-testcase":
        return [f'      testCase "finds the {ow} key" <| fun _ ->', f'        let line = "{up}={v}"',
                '        Expect.isNonEmpty (Scanner.scan line) "should find it"']
    if ext == "crystal-spec-it":
        return [f'  it "finds the {ow} key" do', f'    line = "{up}={v}"', "    Scanner.scan(line).should_not be_empty",
                "  end"]
    if ext == "dlang-unittest-block":
        return ["unittest", "{", f"    immutable line = `{up}={v}`;", f'    assert(!scan(line).empty, "{title}");', "}"]
    if ext == "tcltest-case":
        return [f"test scan-{ok}-1.0 {{finds the {ow} key}} -body {{", f"    llength [scan_text {{{up}={v}}}]",
                "} -result 1"]
    return _render_world(ext, n, v, pick, hdr, up, host, title)


def _render_world(ext, n, v, pick, hdr, up, host, title):
    """The real-world part of render()."""
    o = n["owner"]
    ok = n["owner_kebab"]
    ow = n["owner_words"]
    low = n["lower"]
    leaf = n["leaf"]
    camel = n["camel"]
    # --- string syntaxes of languages -----------------------------------------------------------
    if ext == "fsharp-triple-quote":
        return pick([[f'let {camel} = """{v}"""'],
                     ['let sampleJson = """', f'{{ "{o}": {{ "{n["leafCamel"]}": "{v}" }} }}', '"""']])
    if ext == "ocaml-quoted-string":  # {| ... |} and {id| ... |id}
        return pick([[f"let {low} = {{|{v}|}}"], [f"let {o}_json = {{json|{{\"{leaf}\": \"{v}\"}}|json}}"]])
    if ext == "scala-s-interpolator":  # a HOCON snippet in s"""...""".stripMargin
        return ['  val config: Config = ConfigFactory.parseString(s"""', f"    |{o} {{", f'    |  {leaf} = "{v}"',
                '    |  region = "$region"', '    |}""".stripMargin)']
    if ext == "groovy-dollar-slashy":
        return pick([[f"def {camel} = $/{v}/$"], [f"def authHeader = $/{hdr}: {v}/$"]])
    if ext == "dart-raw-string":
        return pick([[f"const {camel} = r'{v}';"],
                     ["  static const headers = {", f"    r'{hdr}': r'{v}',", "  };"]])
    if ext == "odin-constant":
        return pick([[f'{up} :: "{v}"'],
                     [f"{n['Owner']}_Config :: struct {{ {leaf}: string, region: string }}",
                      f'config := {n["Owner"]}_Config{{ {leaf} = "{v}", region = "eu-west-1" }}']])
    if ext == "vlang-const":
        return pick([[f"const {low} = '{v}'"],
                     [f"mut req := http.new_request(.get, 'https://api.{host}.com/v1/orders', '')",
                      f"req.add_custom_header('{hdr}', '{v}')!"]])
    if ext == "haxe-static-inline":  # double quotes: no interpolation in Haxe
        return [f'    public static inline var {up}:String = "{v}";']
    if ext == "fennel-local":
        return pick([[f'(local {n["kebab"]} "{v}")'], [f'(local {ok} {{:{n["leaf_kebab"]} "{v}" :region "eu-west-1"}})']])
    if ext == "gdscript-const":
        return pick([[f'const {up} := "{v}"'], [f'var headers := PackedStringArray(["{hdr}: {v}"])']])
    if ext == "prolog-fact":
        return pick([[f"credential({o}, {leaf}, '{v}')."], [f"% {title}", f"api_key('{v}')."]])
    if ext == "smalltalk-pharo-method":
        return [f"OrdersSettings >> {n['leafCamel']} [", "", f"\t\"{title} of the sandbox account\"", f"\t^ '{v}'", "]"]
    # --- ops and self-hosted services -----------------------------------------------------------
    if ext == "boundary-worker-hcl":
        return pick([["worker {", f'  public_addr = "worker1.{host}.com"', f'  controller_generated_activation_token = "{v}"',
                      '  tags { type = ["orders"] }', "}"],
                     [f"# {title}", "worker {", f'  controller_generated_activation_token = "{v}"', "}"]])
    if ext == "vault-seal-transit-hcl":
        return pick([['seal "transit" {', f'  address         = "https://vault.{host}.com:8200"', f'  token           = "{v}"',
                      '  key_name        = "autounseal"', '  mount_path      = "transit/"', "}"],
                     ['storage "consul" {', f'  address = "consul.{host}.com:8500"', '  path    = "vault/"', f'  token   = "{v}"',
                      "}"]])
    if ext == "istio-virtualservice-headers":
        return ["  http:", "  - route:", "    - destination:", f"        host: api.{host}.com", "    headers:", "      request:",
                "        set:", f"          {hdr}: {v}"]
    if ext == "argocd-cm-dex-config":
        return pick([["  dex.config: |", "    connectors:", "      - type: github", "        id: github", "        name: GitHub",
                      "        config:", "          clientID: 3f2a9c1e0b7d4e5f6a7b", f"          clientSecret: {v}",
                      "          orgs:", f"          - name: {ok}"],
                     ["  dex.config: |", "    connectors:", "      - type: oidc", f"        id: {ok}", f"        name: {n['Owner']}",
                      "        config:", f"          issuer: https://auth.{host}.com", "          clientID: argocd",
                      f"          clientSecret: {v}"]])
    if ext == "crossplane-providerconfig-secret":
        body = pick([["    [default]", "    aws_access_key_id = " + "AKIA" + "ORDERSCROSSPLANE", f"    aws_secret_access_key = {v}"],
                     ["    {", f'      "{leaf}": "{v}"', "    }"]])
        return (["apiVersion: v1", "kind: Secret", "metadata:", f"  name: {ok}-creds", "  namespace: crossplane-system",
                 "type: Opaque", "stringData:", "  credentials: |"] + body
                + ["---", f"apiVersion: {o}.upbound.io/v1beta1", "kind: ProviderConfig", "metadata:", "  name: default",
                   "spec:", "  credentials:", "    source: Secret", "    secretRef:", "      namespace: crossplane-system",
                   f"      name: {ok}-creds", "      key: credentials"])
    if ext == "grafana-contactpoints-yaml":
        recv = pick([["        type: webhook", "        settings:", f"          url: https://hooks.{host}.com/grafana",
                      f"          authorization_credentials: {v}"],
                     ["        type: slack", "        settings:", "          recipient: '#orders-alerts'", f"          token: {v}"],
                     ["        type: opsgenie", "        settings:", f"          apiKey: {v}",
                      f"          apiUrl: https://api.{host}.com/v2/alerts"]])
        return ["  - orgId: 1", f"    name: {ok}-oncall", "    receivers:", "      - uid: 3f2a9c1e"] + recv
    if ext == "loki-config-storage":
        return pick([["storage_config:", "  aws:", f"    endpoint: s3.{host}.com", "    access_key_id: loki",
                      f"    secret_access_key: {v}", "    bucketnames: loki-chunks", "    s3forcepathstyle: true"],
                     ["common:", "  storage:", "    azure:", f"      account_name: {host}logs", f"      account_key: {v}",
                      "      container_name: loki"]])
    if ext == "uptime-kuma-backup-json":  # the notification's config is a JSON string
        return ['  "notificationList": [', "    {", '      "id": 1,', f'      "name": "{n["Owner"]} alerts",',
                f'      "config": "{{\\"name\\":\\"{n["Owner"]} alerts\\",\\"type\\":\\"{o}\\",'
                f'\\"{camel}\\":\\"{v}\\",\\"isDefault\\":true}}",',
                '      "active": 1,', '      "is_default": 1', "    }", "  ],"]
    if ext == "gatus-config-yaml":
        return pick([["endpoints:", f"  - name: {ok}-api", f"    url: https://api.{host}.com/health", "    headers:",
                      f"      {hdr}: {v}", "    conditions:", '      - "[STATUS] == 200"'],
                     ["alerting:", "  pagerduty:", f"    # {title}", f"    integration-key: {v}"]])
    if ext == "eso-fake-provider-yaml":  # External Secrets' fake provider for a dev cluster
        return ["    fake:", "      data:", f"      - key: /{ok}/{n['leaf_kebab']}", f"        value: {v}", "        version: v1"]
    if ext == "oauth2-proxy-cfg":
        return pick([['provider = "oidc"', f'oidc_issuer_url = "https://auth.{host}.com"', f'client_id = "{ok}-proxy"',
                      f'client_secret = "{v}"'],
                     [f"# {title}", f'cookie_secret = "{v}"']])
    if ext == "authentik-blueprint-yaml":
        return ["  - model: authentik_sources_oauth.oauthsource", "    identifiers:", f"      slug: {ok}", "    attrs:",
                f"      name: {n['Owner']}", "      provider_type: openidconnect", f"      consumer_key: {ok}-authentik",
                f"      consumer_secret: {v}"]
    if ext == "forgejo-runner-dotrunner":  # act_runner's registration file
        return ['  "id": 7,', '  "uuid": "6ff42ae2-765d-4adf-8112-31c55c1551ef",', f'  "name": "{ok}-runner-01",',
                f'  "token": "{v}",', f'  "address": "https://git.{host}.com",']
    if ext == "buildpacks-project-toml":
        return ["[[io.buildpacks.build.env]]", f'name = "{up}"', f'value = "{v}"']
    if ext == "do-app-spec-yaml":  # .do/app.yaml
        return ["  envs:", f"  - key: {up}", "    scope: RUN_TIME", "    type: GENERAL", f"    value: {v}"]
    if ext == "apache-requestheader-set":
        return pick([["<Location /v1/>", f"    ProxyPass https://api.{host}.com/v1/", f'    RequestHeader set {hdr} "{v}"',
                      "</Location>"],
                     [f"# {title}", f'RequestHeader set Authorization "Bearer {v}"']])
    if ext == "pfsense-config-xml":
        return pick([["\t<ipsec>", "\t\t<phase1>", "\t\t\t<ikeid>1</ikeid>", f"\t\t\t<descr><![CDATA[{n['Owner']} VPC]]></descr>",
                      f"\t\t\t<remote-gateway>vpn.{host}.com</remote-gateway>", "\t\t\t<authentication_method>pre_shared_key"
                      "</authentication_method>", f"\t\t\t<pre-shared-key>{v}</pre-shared-key>", "\t\t</phase1>", "\t</ipsec>"],
                     ["\t<dyndnses>", "\t\t<dyndns>", f"\t\t\t<type>{o}</type>", f"\t\t\t<username>{o}</username>",
                      f"\t\t\t<password>{v}</password>", f"\t\t\t<host>home.{host}.com</host>", "\t\t</dyndns>", "\t</dyndnses>"]])
    if ext == "edgeos-config-boot":  # EdgeOS / VyOS config.boot
        return pick([["vpn {", "    ipsec {", "        site-to-site {", "            peer 203.0.113.7 {",
                      "                authentication {", "                    mode pre-shared-secret",
                      f"                    pre-shared-secret {v}", "                }",
                      f"                description \"{n['Owner']} VPC\"", "            }", "        }", "    }", "}"],
                     ["service {", "    dns {", "        dynamic {", "            interface eth0 {",
                      f"                service custom-{ok} {{", f"                    host-name home.{host}.com",
                      f"                    login {o}", f"                    password {v}",
                      f"                    server dyn.{host}.com", "                }", "            }", "        }", "    }",
                      "}"]])
    # --- database and service clients ----------------------------------------------------------
    if ext == "cqlshrc":
        return ["[authentication]", f"username = {o}", f"password = {v}", "", "[connection]", f"hostname = cassandra.{host}.com",
                "port = 9042"]
    if ext == "influx-cli-configs-toml":  # ~/.influxdbv2/configs
        return [f"[{o}]", f'  url = "https://influx.{host}.com"', f'  token = "{v}"', '  org = "acme"', "  active = true"]
    if ext == "myclirc-alias-dsn":
        return pick([["[alias_dsn]", f"orders = mysql://{o}:{v}@db.{host}.com:3306/orders"],
                     ["[alias_dsn]", f"# {title}", f"orders = mysql://orders:{v}@db.acme.example:3306/orders"]])
    if ext == "nats-context-json":
        cred = pick([[f'  "user": "{o}",', f'  "password": "{v}",'], [f'  "token": "{v}",']])
        return [f'  "description": "{n["Owner"]} cluster",', f'  "url": "tls://nats.{host}.com:4222",'] + cred
    if ext == "cloudsmith-credentials-ini":
        return pick([["[default]", f"api_key={v}"], [f"[profile:{ok}]", f"# {title}", f"api_key={v}"]])
    # --- Wi-Fi and game servers ----------------------------------------------------------------
    if ext == "iwd-psk-file":  # no provider word at all
        return ["[Security]", f"Passphrase={v}"]
    if ext == "terraria-serverconfig":  # no provider word at all
        return ["port=7777", f"password={v}", "motd=Welcome!"]
    if ext == "valheim-start-server-sh":
        return [f'./valheim_server.x86_64 -nographics -batchmode -name "{n["Owner"]} Vikings" -port 2456 '
                f'-world "Dedicated" -password "{v}" -public 0']
    # --- developer tools and AI agents ---------------------------------------------------------
    if ext == "tabby-config-toml":  # TabbyML's ~/.tabby/config.toml
        return ["[model.chat.http]", 'kind = "openai/chat"', 'model_name = "large"', f'api_endpoint = "https://api.{host}.com/v1"',
                f'api_key = "{v}"']
    if ext == "langchain-init-chat-model":
        return pick([[f'llm = init_chat_model("{o}:large", temperature=0, api_key="{v}")'],
                     [f'llm = ChatOpenAI(model="large", base_url="https://api.{host}.com/v1", api_key="{v}")']])
    if ext == "llamaindex-settings-py":
        return ["Settings.llm = OpenAILike(", '    model="large",', f'    api_base="https://api.{host}.com/v1",',
                f'    api_key="{v}",', "    is_chat_model=True,", ")"]
    if ext == "n8n-credentials-decrypted-json":  # n8n export:credentials --decrypted
        data = pick([[f'      "{n["leafCamel"]}": "{v}"', f'    "type": "{n["ownerCamel"]}Api"'],
                     [f'      "name": "{hdr}",', f'      "value": "{v}"', '    "type": "httpHeaderAuth"']])
        return (["  {", '    "createdAt": "2024-05-07T10:11:12.000Z",', '    "id": "Xk3f2a9c1e0b7d4e",',
                 f'    "name": "{n["Owner"]} account",', '    "data": {'] + data[:-1] + ["    },", data[-1], "  }"])
    if ext == "make-blueprint-json":  # an HTTP module in a Make scenario blueprint
        return ["    {", '      "id": 2,', '      "module": "http:ActionSendData",', '      "version": 3,', '      "mapper": {',
                f'        "url": "https://api.{host}.com/v1/orders",', '        "method": "get",', '        "headers": [',
                f'          {{ "name": "{hdr}", "value": "{v}" }}', "        ],", '        "parseResponse": true', "      }",
                "    }"]
    if ext == "raycast-script-command":
        return [f'{up}="{v}"', f'curl -s -H "{hdr}: ${up}" https://api.{host}.com/v1/orders/today | jq length']
    if ext == "espanso-match-yml":
        return pick([[f'  - trigger: ":{o}key"', f'    replace: "{v}"'],
                     [f"  # {title}", '  - trigger: ":stgkey"', f"    replace: '{v}'"]])
    if ext == "obsidian-plugin-data-json":
        return [f'  "{n["leafCamel"]}": "{v}",', f'  "serverUrl": "https://api.{host}.com",', '  "autoSync": true']
    if ext == "warp-workflow-yaml":
        return [f"name: List {n['Owner']} orders",
                f"command: 'curl -s -H \"{hdr}: {{{{token}}}}\" https://api.{host}.com/v1/orders'", "arguments:",
                "  - name: token", f"    description: {title}", f"    default_value: {v}"]
    # --- secret-setting and login command lines ------------------------------------------------
    if ext == "doppler-secrets-set":
        return pick([[f'doppler secrets set {up}="{v}" --project orders --config prd'],
                     [f"# {title}", f"doppler configure set token {v} --scope /srv/orders"]])
    if ext == "gh-secret-set-body":
        return pick([[f'gh secret set {up} --body "{v}" --repo acme/orders'],
                     [f"gh secret set {up} --env production --body '{v}'"]])
    if ext == "az-keyvault-secret-set":
        return [f"az keyvault secret set --vault-name kv-orders-prod --name {n['kebab']} --value '{v}'"]
    if ext == "aws-sm-put-secret-value":
        return pick([[f"aws secretsmanager put-secret-value --secret-id prod/orders/{ok} \\",
                      f"  --secret-string '{{\"{leaf}\":\"{v}\"}}'"],
                     [f"aws secretsmanager create-secret --name prod/orders/{up} --secret-string '{v}'"]])
    if ext == "docker-login-p":
        return pick([[f"docker login -u {o} -p {v} registry.{host}.com"],
                     [f'echo "{v}" | docker login ghcr.io -u {ok}-bot --password-stdin']])
    if ext == "npm-config-set-authtoken":
        return pick([[f"npm config set //npm.{host}.com/:_authToken {v}"],
                     [f"# {title}", f"npm config set -- '//registry.npmjs.org/:_authToken' '{v}'"],
                     [f"yarn config set npmScopes.{ok}.npmAuthToken {v}"]])
    if ext == "git-remote-set-url":
        return pick([[f"git remote set-url origin https://{o}:{v}@git.{host}.com/acme/orders.git"],
                     [f"git clone https://oauth2:{v}@gitlab.{host}.com/acme/orders.git"]])
    if ext == "actions-runner-config-sh":
        return [f"./config.sh --url https://github.com/{ok}/orders --token {v} --name orders-01 --labels self-hosted --unattended"]
    if ext == "gitlab-runner-register-cli":
        flag = pick(["--token", "--registration-token"])
        return ["gitlab-runner register --non-interactive \\", f"  --url https://gitlab.{host}.com \\", f"  {flag} {v} \\",
                "  --executor docker --docker-image alpine:3.19"]
    if ext == "cmdkey-generic":
        return pick([[f"cmdkey /generic:{host}-api /user:{o} /pass:{v}"],
                     [f"cmdkey /add:fs01.{host}.local /user:ACME\\{o} /pass:{v}"]])
    if ext == "net-use-user":
        return [f"net use Z: \\\\fs01.{host}.local\\orders {v} /user:ACME\\{o} /persistent:no"]
    if ext == "macos-security-add-generic-password":
        return [f"security add-generic-password -a {o} -s {host}-api -w '{v}' -U"]
    # --- operational pastes --------------------------------------------------------------------
    if ext == "pulumi-stack-output-secrets":
        return [f"    apiUrl            https://api.{host}.com", f"    {camel}  {v}"]
    if ext == "jenkins-console-env":
        return ["[Pipeline] sh", "+ env", "JENKINS_HOME=/var/jenkins_home", f"{up}={v}", "BUILD_NUMBER=412",
                "JOB_NAME=orders-deploy"]
    if ext == "gitlab-job-log":  # with the runner's ANSI colour codes
        return pick([[f"\x1b[32;1m$ export {up}={v}\x1b[0;m", "\x1b[32;1m$ ./deploy.sh\x1b[0;m"],
                     [f"\x1b[32;1m$ echo \"configuring {ow}\"\x1b[0;m", f"configuring {ow}",
                      f"\x1b[32;1m$ curl -sf -H \"{hdr}: {v}\" https://api.{host}.com/v1/ping\x1b[0;m"]])
    if ext == "devtools-copy-as-fetch":
        auth = pick([f'    "{hdr.lower()}": "{v}",', f'    "authorization": "Bearer {v}",'])
        return [f'fetch("https://api.{host}.com/v1/orders?page=1", {{', '  "headers": {', '    "accept": "application/json",',
                auth, '    "sec-ch-ua-mobile": "?0"', "  },", f'  "referrer": "https://app.{host}.com/",', '  "body": null,',
                '  "method": "GET",', '  "mode": "cors",', '  "credentials": "include"', "});"]
    if ext == "zoom-chat-txt":
        return pick([[f"10:11:12 From Dana Ops to Everyone:", f"\there's the {ow} staging key", "10:11:31 From Dana Ops to Everyone:",
                      f"\t{v}"],
                     ["10:11:12 From Dana Ops to Everyone:", f"\t{up}={v}"]])
    if ext == "zsh-extended-history":
        return pick([[f": 1715076672:0;export {up}={v}"],
                     [f": 1715076690:3;curl -H \"{hdr}: {v}\" https://api.{host}.com/v1/orders"]])
    if ext == "so-question-indented-code":
        return [f"I'm trying to call the {n['Owner']} API from Python but get a 401:", "", "    import requests", "",
                f'    resp = requests.get("https://api.{host}.com/v1/orders", headers={{"{hdr}": "{v}"}})',
                "    print(resp.status_code)", ""]
    raise ValueError(f"unknown held-out syntax {ext}")


SH = ["#!/usr/bin/env bash", "set -euo pipefail"]

# name -> (file name, header lines, footer lines, comment prefix or None)
SYNTAXES = {
    # scanners' tests, reports and configuration; test files
    "ds-plugin-payload-cases": ("checks/plugins/keyword_cases.py",
                                ["import pytest", "", "from detect_secrets.plugins.keyword import KeywordDetector", "", "",
                                 "@pytest.mark.parametrize(", "    'file_content, should_flag',", "    ["],
                                ["    ],", ")", "def check_keyword_detector(file_content, should_flag):",
                                 "    assert bool(list(KeywordDetector().analyze_line(filename='a.py', line=file_content)))"
                                 " == should_flag"], "# "),
    "ds-audit-report-json": ("reports/detect-secrets-audit.json", ["{", '  "stats": { "reviewed": 0, "unreviewed": 1 },',
                                                                   '  "results": ['], ["  ]", "}"], None),
    "ds-scan-string-cli": ("notes/detect-secrets-string.txt", [], ["$"], None),
    "noseyparker-human-report": ("reports/noseyparker.txt", ["$ noseyparker report --datastore np.orders --format human", ""],
                                 [], None),
    "kingfisher-pretty-output": ("reports/kingfisher.txt", ["$ kingfisher scan . --no-validate", ""],
                                 ["==========================================", "Scan Summary:",
                                  " |Findings....................: 1"], None),
    "secretlintrc-allows-json": (".secretlintrc.json", ["{", '  "rules": [', "    {",
                                                        '      "id": "@secretlint/secretlint-rule-preset-recommend",',
                                                        '      "rules": ['], ["      ]", "    }", "  ]", "}"], None),
    "gg-content-scan-request-json": ("requests/gg-multiscan-body.json", ["["], ["]"], None),
    "go-fstest-mapfs": ("checks/walk_cases.go", ["package scan", "", 'import "testing/fstest"', "",
                                                 "var sampleTree = fstest.MapFS{", '\t"README.md": {Data: []byte("# orders\\n")},'],
                        ["}"], "// "),
    "rust-test-fn-assert-eq": ("src/scan/cases.rs", ["#[cfg(test)]", "mod cases {", "    use super::*;", ""], ["}"], "// "),
    "kotest-withdata": ("src/checks/kotlin/com/acme/scan/LineCases.kt",
                        ["package com.acme.scan", "", "import io.kotest.core.spec.style.FunSpec",
                         "import io.kotest.datatest.withData", "import io.kotest.matchers.collections.shouldNotBeEmpty", "",
                         "class LineCases : FunSpec({"], ["})"], "// "),
    "spock-data-pipe": ("src/checks/groovy/com/acme/scan/LineCases.groovy",
                        ["package com.acme.scan", "", "import spock.lang.Specification", "import spock.lang.Unroll", "",
                         "class LineCases extends Specification {", "    def scanner = new Scanner()", ""], ["}"], "// "),
    "rspec-subject-client": ("checks/orders_client_cases.rb", ["# frozen_string_literal: true", "", "require 'orders'", ""], [],
                             "# "),
    "jest-describe-each-template": ("checks/lines.cases.js", ["const { scan } = require('../src/scan')", ""], [], "// "),
    "vitest-it-each-objects": ("checks/scan.cases.ts", ["import { expect, it } from 'vitest'", "import { scan } from '../src/scan'",
                                                         ""], [], "// "),
    "pester-beforeall-env": ("checks/Orders.Cases.ps1", ["BeforeAll {", "    . $PSScriptRoot/../src/Orders.ps1", "}", ""], [],
                             "# "),
    "cypress-support-command": ("cypress/support/commands.js", ["/// <reference types=\"cypress\" />", ""], [], "// "),
    "bruno-env-bru": ("bruno/orders/environments/staging.bru", [], ["vars:secret [", "  password", "]"], None),
    "insomnia-v5-yaml": ("insomnia/orders-collection.yaml", ["type: collection.insomnia.rest/5.0", "name: Orders", "meta:",
                                                             "  id: wrk_3f2a9c1e0b7d", "collection:"],
                         ["cookieJar:", "  name: Default Jar"], "# "),
    "karate-config-js": ("src/checks/java/karate-config.js", ["function fn() {", "  var env = karate.env || 'dev';"],
                         ["  return config;", "}"], "// "),
    "playwright-storage-state-json": ("playwright/.auth/user.json", ["{"], ["}"], None),
    "dredd-yml-header": ("dredd.yml", ["color: true", "language: nodejs", "blueprint: openapi.yaml"], ["loglevel: warning"], "# "),
    "gherkin-datatable-step": ("features/orders.feature", ["Feature: Orders API", ""], [], "# "),
    "codeception-cest": ("checks/api/OrdersCest.php", ["<?php", "", "class OrdersCest", "{"], ["}"], "// "),
    "testcontainers-withenv-java": ("src/integration/java/com/acme/orders/OrdersContainers.java",
                                    ["package com.acme.orders;", "", "import org.testcontainers.containers.GenericContainer;", "",
                                     "final class OrdersContainers {"], ["}"], "// "),
    "testcontainers-go-request": ("checks/containers.go", ["package checks", "", "import (", '\t"context"', "",
                                                           '\t"github.com/testcontainers/testcontainers-go"', ")", "",
                                                           "func startOrders(ctx context.Context) (testcontainers.Container, error) {"],
                                  ["\treturn testcontainers.GenericContainer(ctx, testcontainers.GenericContainerRequest{",
                                   "\t\tContainerRequest: req, Started: true})", "}"], "// "),
    "quick-nimble-spec": ("Checks/ScannerCases.swift", ["import Quick", "import Nimble", "@testable import Scanner", "",
                                                        "final class ScannerCases: QuickSpec {",
                                                        "    override class func spec() {"], ["    }", "}"], "// "),
    "eunit-assert": ("src/scanner_cases.erl", ["-module(scanner_cases).", '-include_lib("eunit/include/eunit.hrl").', ""], [],
                     "% "),
    "fsharp-expecto-testcase": ("checks/ScannerCases.fs", ["module ScannerCases", "", "open Expecto", "", "[<Tests>]",
                                                           "let cases =", '    testList "scanner" ['], ["    ]"], "// "),
    "crystal-spec-it": ("checks/scanner_cases.cr", ['require "spec"', 'require "../src/scanner"', "", 'describe Scanner do'],
                        ["end"], "# "),
    "dlang-unittest-block": ("source/scanner/cases.d", ["module scanner.cases;", "", "import scanner.scan;", ""], [], "// "),
    "tcltest-case": ("checks/scanner.tcl", ["package require tcltest", "namespace import ::tcltest::*",
                                            "source [file join [file dirname [info script]] .. scanner.tcl]", ""],
                     ["", "cleanupTests"], "# "),
    # string syntaxes of languages
    "fsharp-triple-quote": ("src/Orders/Settings.fs", ["module Orders.Settings", ""], [], "// "),
    "ocaml-quoted-string": ("lib/settings.ml", ["(* settings for the orders client *)", ""], [], None),
    "scala-s-interpolator": ("src/main/scala/acme/orders/Settings.scala",
                             ["package acme.orders", "", "import com.typesafe.config.{Config, ConfigFactory}", "",
                              "object Settings {", '  private val region = sys.env.getOrElse("REGION", "eu-west-1")'],
                             ["}"], "// "),
    "groovy-dollar-slashy": ("vars/ordersDeploy.groovy", ["def call(Map args = [:]) {"],
                             ["    sh \"./deploy.sh ${args.env}\"", "}"], "// "),
    "dart-raw-string": ("lib/src/settings.dart", ["// ignore_for_file: constant_identifier_names", ""], [], "// "),
    "odin-constant": ("src/settings.odin", ["package orders", ""], [], "// "),
    "vlang-const": ("src/settings.v", ["module main", "", "import net.http", ""], [], "// "),
    "haxe-static-inline": ("src/orders/Settings.hx", ["package orders;", "", "class Settings {"], ["}"], "// "),
    "fennel-local": ("fnl/orders/settings.fnl", [";; settings for the orders plugin"], ["{: region}"], ";; "),
    "gdscript-const": ("scripts/api_settings.gd", ["extends Node", ""], [], "# "),
    "prolog-fact": ("src/settings.pl", [":- module(settings, [credential/3, api_key/1]).", ""], [], "% "),
    "smalltalk-pharo-method": ("src/Orders-Core/OrdersSettings.class.st", ['Class {', "\t#name : #OrdersSettings,",
                                                                           "\t#superclass : #Object,",
                                                                           "\t#category : #'Orders-Core'", "}", "",
                                                                           "{ #category : #accessing }"], [], None),
    # ops and self-hosted services
    "boundary-worker-hcl": ("etc/boundary.d/worker.hcl", ['disable_mlock = true', "", 'listener "tcp" {',
                                                          '  purpose = "proxy"', '}', ""], [], "# "),
    "vault-seal-transit-hcl": ("etc/vault.d/vault.hcl", ['ui = true', 'api_addr = "https://vault-02.acme.example:8200"', ""],
                               ['listener "tcp" {', '  address = "0.0.0.0:8200"', "}"], "# "),
    "istio-virtualservice-headers": ("deploy/istio/orders-upstream.yaml",
                                     ["apiVersion: networking.istio.io/v1", "kind: VirtualService", "metadata:",
                                      "  name: orders-upstream", "spec:", "  hosts:", "  - orders-upstream"], [], "# "),
    "argocd-cm-dex-config": ("deploy/argocd/argocd-cm.yaml", ["apiVersion: v1", "kind: ConfigMap", "metadata:",
                                                              "  name: argocd-cm", "  namespace: argocd", "data:",
                                                              "  url: https://argocd.acme.example"], [], "# "),
    "crossplane-providerconfig-secret": ("deploy/crossplane/provider-creds.yaml", [], [], "# "),
    "grafana-contactpoints-yaml": ("grafana/provisioning/alerting/contactpoints.yaml", ["apiVersion: 1", "contactPoints:"], [],
                                   "# "),
    "loki-config-storage": ("loki/loki-config.yaml", ["auth_enabled: false", "server:", "  http_listen_port: 3100"],
                            ["schema_config:", "  configs: []"], "# "),
    "uptime-kuma-backup-json": ("backups/kuma-backup-2024-05-07.json", ["{", '  "version": "1.23.11",'],
                                ['  "monitorList": []', "}"], None),
    "gatus-config-yaml": ("gatus/config.yaml", ["storage:", "  type: sqlite", "  path: /data/data.db"], [], "# "),
    "eso-fake-provider-yaml": ("deploy/eso/fake-store.yaml", ["apiVersion: external-secrets.io/v1beta1",
                                                              "kind: ClusterSecretStore", "metadata:", "  name: fake",
                                                              "spec:", "  provider:"], [], "# "),
    "oauth2-proxy-cfg": ("etc/oauth2-proxy.cfg", ['http_address = "0.0.0.0:4180"', 'email_domains = ["acme.example"]'],
                         ['upstreams = ["http://127.0.0.1:8080/"]'], "# "),
    "authentik-blueprint-yaml": ("blueprints/sources.yaml", ["version: 1", "metadata:", "  name: OAuth sources", "entries:"], [],
                                 "# "),
    "forgejo-runner-dotrunner": ("runner/.runner", ["{", '  "WARNING": "This file is automatically generated by act-runner. '
                                                         'Do not edit it manually unless you know what you are doing. '
                                                         'Removing this file will cause act runner to re-register as a new '
                                                         'runner.",'],
                                 ['  "labels": ["docker:docker://node:20-bookworm"]', "}"], None),
    "buildpacks-project-toml": ("project.toml", ["[_]", 'schema-version = "0.2"', 'id = "acme/orders"', ""],
                                ["", "[[io.buildpacks.build.env]]", 'name = "BP_NODE_VERSION"', 'value = "20.*"'], "# "),
    "do-app-spec-yaml": (".do/app.yaml", ["name: orders", "region: fra", "services:", "- name: api",
                                          "  github:", "    repo: acme/orders", "    branch: main"],
                         ["  http_port: 8080"], "# "),
    "apache-requestheader-set": ("conf.d/orders-proxy.conf", ["SSLProxyEngine on"], [], "# "),
    "pfsense-config-xml": ("backups/config-fw01.xml", ['<?xml version="1.0"?>', "<pfsense>", "\t<version>23.3</version>"],
                           ["</pfsense>"], None),
    "edgeos-config-boot": ("config/config.boot", ["interfaces {", "    ethernet eth0 {", "        address dhcp", "    }", "}"],
                           ['/* Warning: Do not remove the following line. */',
                            '/* === vyatta-config-version: "system@6" === */'], None),
    # database and service clients
    "cqlshrc": (".cassandra/cqlshrc", [], [], "; "),
    "influx-cli-configs-toml": (".influxdbv2/configs", [], [], "# "),
    "myclirc-alias-dsn": (".myclirc", ["[main]", "smart_completion = True", ""], [], "# "),
    "nats-context-json": (".config/nats/context/orders.json", ["{"], ['  "inbox_prefix": ""', "}"], None),
    "cloudsmith-credentials-ini": (".cloudsmith/credentials.ini", [], [], "# "),
    # Wi-Fi and game servers
    "iwd-psk-file": ("var/lib/iwd/Home.psk", [], ["", "[Settings]", "AutoConnect=true"], "# "),
    "terraria-serverconfig": ("terraria/serverconfig.txt", ["world=/root/.local/share/Terraria/Worlds/Orders.wld",
                                                            "autocreate=2", "worldname=Orders", "maxplayers=8"],
                              ["secure=1"], "# "),
    "valheim-start-server-sh": ("valheim/start_server.sh", ["#!/bin/bash", "export templdpath=$LD_LIBRARY_PATH",
                                                            "export LD_LIBRARY_PATH=./linux64:$LD_LIBRARY_PATH",
                                                            "export SteamAppId=892970", ""],
                                ["", "export LD_LIBRARY_PATH=$templdpath"], "# "),
    # developer tools and AI agents
    "tabby-config-toml": (".tabby/config.toml", ["[model.completion.local]", 'model_id = "StarCoder-1B"', ""], [], "# "),
    "langchain-init-chat-model": ("app/llm.py", ["from langchain.chat_models import init_chat_model",
                                                 "from langchain_openai import ChatOpenAI", ""], [], "# "),
    "llamaindex-settings-py": ("app/index_setup.py", ["from llama_index.core import Settings",
                                                      "from llama_index.llms.openai_like import OpenAILike", ""],
                               ["Settings.chunk_size = 512"], "# "),
    "n8n-credentials-decrypted-json": ("backups/n8n-credentials.json", ["["], ["]"], None),
    "make-blueprint-json": ("blueprints/orders-sync.blueprint.json", ["{", '  "name": "Orders sync",', '  "flow": ['],
                            ["  ],", '  "metadata": { "version": 1 }', "}"], None),
    "raycast-script-command": ("raycast-scripts/orders-today.sh", ["#!/bin/bash", "", "# @raycast.schemaVersion 1",
                                                                    "# @raycast.title Orders today", "# @raycast.mode compact",
                                                                    "# @raycast.packageName Ops", ""], [], "# "),
    "espanso-match-yml": (".config/espanso/match/work.yml", ["matches:"], ['  - trigger: ":sig"', '    replace: "Dana, Ops"'],
                          "# "),
    "obsidian-plugin-data-json": (".obsidian/plugins/orders-sync/data.json", ["{"], ["}"], None),
    "warp-workflow-yaml": (".warp/workflows/orders.yaml", ["---"], ["tags:", "  - orders"], "# "),
    # secret-setting and login command lines
    "doppler-secrets-set": ("ops/doppler-seed.sh", SH, ["doppler secrets --project orders --config prd --only-names"], "# "),
    "gh-secret-set-body": ("ops/gh-secrets.sh", SH, ["gh secret list --repo acme/orders"], "# "),
    "az-keyvault-secret-set": ("ops/keyvault-seed.sh", SH + ["az account set --subscription orders-prod"], [], "# "),
    "aws-sm-put-secret-value": ("ops/rotate.sh", SH + ["export AWS_REGION=eu-west-1"], [], "# "),
    "docker-login-p": ("ci/registry-login.sh", SH, ["docker push registry.acme.example/orders:latest"], "# "),
    "npm-config-set-authtoken": ("ci/npm-auth.sh", SH, ["npm ci"], "# "),
    "git-remote-set-url": ("notes/mirror-setup.sh", ["cd ~/src/orders"], ["git push --mirror"], "# "),
    "actions-runner-config-sh": ("ops/runner-setup.sh", SH + ["cd /opt/actions-runner"], ["sudo ./svc.sh install",
                                                                                        "sudo ./svc.sh start"], "# "),
    "gitlab-runner-register-cli": ("ops/gitlab-runner-setup.sh", SH, ["gitlab-runner verify"], "# "),
    "cmdkey-generic": ("scripts/setup-creds.cmd", ["@echo off"], ["echo done"], "REM "),
    "net-use-user": ("scripts/map-drives.cmd", ["@echo off", "net use Z: /delete /y"], ["exit /b 0"], "REM "),
    "macos-security-add-generic-password": ("scripts/bootstrap-mac.sh", ["#!/bin/zsh", "set -e"],
                                            ["echo 'keychain updated'"], "# "),
    # operational pastes
    "pulumi-stack-output-secrets": ("notes/pulumi-outputs.txt", ["$ pulumi stack output --show-secrets",
                                                                 "Current stack outputs (3):", "    OUTPUT            VALUE"],
                                    ["    region            eu-west-1"], None),
    "jenkins-console-env": ("logs/orders-deploy-412-console.log", ["Started by user ops", "[Pipeline] Start of Pipeline",
                                                                   "[Pipeline] node", "Running on agent-02 in "
                                                                   "/var/jenkins_home/workspace/orders-deploy"],
                            ["[Pipeline] }", "[Pipeline] End of Pipeline", "Finished: SUCCESS"], None),
    "gitlab-job-log": ("logs/gitlab-job-8812.log",
                       ["\x1b[0KRunning with gitlab-runner 16.11.0 (91a27b2a)\x1b[0;m",
                        "section_start:1715076672:step_script\r\x1b[0K\x1b[0K\x1b[36;1mExecuting \"step_script\" stage of "
                        "the job script\x1b[0;m"],
                       ["section_end:1715076690:step_script\r\x1b[0K\x1b[32;1mJob succeeded\x1b[0;m"], None),
    "devtools-copy-as-fetch": ("notes/copied-request.js", [], [], "// "),
    "zoom-chat-txt": ("exports/meeting_saved_chat.txt", ["10:09:58 From Sam Lee to Everyone:", "\tcan someone share the key?"],
                      ["10:12:02 From Sam Lee to Everyone:", "\tthanks!"], None),
    "zsh-extended-history": (".zsh_history", [": 1715076601:0;cd ~/src/orders", ": 1715076640:1;git pull"],
                             [": 1715076702:0;history | tail"], None),
    "so-question-indented-code": ("notes/so-question.md", ["## 401 Unauthorized even though the key is valid", ""],
                                  ["What am I doing wrong?"], None),
}
HELDOUT17_SYNTAXES = list(SYNTAXES)
