"""Eighteenth held-out syntax set: written blind, nobody tunes rules or the engine against it.

A set nobody has tuned against, to predict how the pack does on syntaxes it has never seen
once eval/heldout17.py has been measured and is used to fix rules. It was written and committed
before any result of it was looked at, in forms that none of eval/gen.py, eval/heldout.py and
eval/heldout2.py .. eval/heldout17.py produce, in two parts.

About a third in the style of secret scanners' output and of test files the earlier sets lack
(written from how such files look, not copied from any): detect-secrets' interactive `audit`
screen, truffleHog 2's text output, secretlint's stylish output, git-secrets' `--scan` output,
ripsecrets' output, a `gitleaks stdin` command line, Nosey Parker `report --format jsonl`,
Go `httptest` handlers that check a header, Rust mockito `match_header`, Cypress `cy.intercept`
header checks, `mock.patch.dict(os.environ)`, pytest `monkeypatch.setenv`, responses'
`header_matcher`, pytest-httpx `match_headers`, supertest `.set()`, REST Assured `given().header()`,
Mockito `thenReturn`, ASP.NET `WebApplicationFactory` `UseSetting`, Laravel `Http::withToken`,
WebMock `stub_request ... with(headers:)`, Gauge specs, behave's `environment.py`, Postman
pre-request scripts, Yaak exports, Venom test suites, MockK `every { } returns`, MUnit `FunSuite`,
Common Test `.config` terms, gleeunit `should`, `Deno.test` and the `node:test` runner.

The rest real-world files from areas the earlier sets lack: string syntaxes and small languages
(Nim raw strings, Zig `\\\\` multiline literals, Crystal heredocs, Julia `raw""`, Perl `<<~` heredocs,
Fortran namelists, `os.environ.setdefault`, Ruby `ENV.fetch` defaults, TypeScript enum members,
bash here-strings into `read`, `jq --arg`), config formats (libucl, Apple `.strings`, libconfig),
data dumps (an Oracle database link, `etcdctl put`, an Elasticsearch `_bulk` body, DynamoDB JSON
items, `mongoexport` JSON lines, a `terraform.tfvars.json`), Kubernetes and containers (a
cert-manager issuer's Secret, external-dns Helm values, k3s `registries.yaml`, containerd registry
auth), self-hosted services and network daemons (NUT `upsd.users`, `rsyncd.secrets`, a
PostgreSQL `primary_conninfo`, pgBackRest, Asterisk PJSIP, FreeRADIUS `clients.conf`,
Transmission `settings.json`, Plex `Preferences.xml`, MediaWiki `LocalSettings.php`, Matomo
`config.ini.php`, a Jira `dbconfig.xml`, LLDAP), CI and developer services (`circleci context
store-secret`, an Atlantis server config, `sonar-project.properties`, `codecov.yml`, Snyk's
configstore JSON, the Hasura CLI config, `npx convex env set`, `.zapierrc`), data tools
(`dagster.yaml`, Great Expectations, a Singer tap config, Redpanda Connect), notebooks
(an R Markdown setup chunk, a Quarto Python cell, a marimo app cell), editors and AI clients
(vim-dadbod `g:dbs`, gptel in Emacs Lisp, shell_gpt's `.sgptrc`, aichat, DSPy `dspy.LM`, the
Vercel AI SDK's `createOpenAI`), Windows (a Task Scheduler XML, `nssm set AppEnvironmentExtra`,
`choco apikey`) and operational pastes (a psql session, a MySQL client table, a Python REPL,
`kubectl exec -- env`, `journalctl` short output, an HAProxy log with captured headers).

Interface as eval/heldout17.py: `render(ext, key, value, rng)` returns the lines holding `value`;
`SYNTAXES` maps each name to (file name, header lines, footer lines, comment prefix or None).
Key names come from the rule metadata as in gen.py; each syntax re-spells the key the way its
language or tool does, some with the provider word on the key itself, some on a parent, a
section, a server, a host, an account or a user name, some only nearby (a comment, a test name,
a description) and three not at all (NUT's `upsd.users`, `rsyncd.secrets` and Transmission's
`settings.json`).

File names avoid the test path globs (rules/test-paths.toml), so the test-style files sit
at paths such as `cases/`, `checks/`, `rules/` or `reports/`. The helpers are copied, not
imported from heldout2.py .. heldout17.py, so that edits there do not move this set.
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
    """The lines that hold `value` under `key` in held-out syntax `ext` (eighteenth set)."""
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
    camel = n["camel"]
    # --- scanners' output; test files ----------------------------------------------------------
    if ext == "ds-audit-interactive":  # detect-secrets audit's screen, pasted into a ticket
        return ["Secret:      1 of 1", "Filename:    config/settings.py", "Secret Type: Secret Keyword", "-" * 10,
                "1:import os", "2:", f'3:{up} = "{v}"', "4:", '5:REGION = os.environ.get("REGION", "eu-west-1")', "-" * 10,
                "Is this a valid secret? (y)es, (n)o, (s)kip, (q)uit: "]
    if ext == "trufflehog2-text-output":  # truffleHog 2.x default output
        return ["~~~~~~~~~~~~~~~~~~~~~", "Reason: High Entropy", "Date: 2024-05-07 10:11:12",
                "Hash: 6d1f0b2c9a8e7d6c5b4a39281706f5e4d3c2b1a0", "Filepath: deploy/app.env", "Branch: origin/main",
                f"Commit: add {ow} settings", "", f"+{up}={v}", "", "~~~~~~~~~~~~~~~~~~~~~"]
    if ext == "secretlint-stylish-output":  # secretlint --maskSecrets=false, default formatter
        return ["/home/ci/src/orders/deploy/app.env",
                f"  3:{len(up) + 2}  error  [{n['Owner']}Token] found {title}: {v}  "
                f"@secretlint/secretlint-rule-{ok}", ""]
    if ext == "git-secrets-scan-output":  # git secrets --scan
        return [f"config/{o}.yml:4:  {leaf}: {v}", "", "[ERROR] Matched one or more prohibited patterns", "",
                "Possible mitigations:", "- Mark false positives as allowed using: git config --add secrets.allowed ...",
                "- Mark false positives as allowed by adding regular expressions to .gitallowed at repository's root "
                "directory", "- List your configured patterns: git config --get-all secrets.patterns"]
    if ext == "ripsecrets-output":  # ripsecrets prints file:line:content
        return pick([[f"deploy/app.env:3:{up}={v}"], [f"src/clients/{o}.ts:12:const {camel} = '{v}'"]])
    if ext == "gitleaks-stdin-cmd":  # a README line showing a rule on stdin
        return pick([[f"echo '{up}={v}' | gitleaks stdin --verbose --no-banner"],
                     [f"# {title}", f"printf '%s\\n' '{leaf}: {v}' | gitleaks stdin -v"]])
    if ext == "noseyparker-report-jsonl":  # noseyparker report --format jsonl, one finding a line
        return ['{"finding_id":"0c3e9a1f","rule_name":"' + title + '","rule_text_id":"np.' + o + '.1","num_matches":1,'
                '"groups":["' + v + '"],"matches":[{"provenance":[{"kind":"file","path":"deploy/app.env"}],'
                '"location":{"source_span":{"start":{"line":3,"column":1},"end":{"line":3,"column":72}}}}]}']
    if ext == "go-httptest-header-check":
        return ["\tsrv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {",
                f'\t\tif got := r.Header.Get("{hdr}"); got != "{v}" {{',
                '\t\t\tt.Errorf("header = %q", got)', "\t\t}", '\t\tw.Write([]byte(`{"orders":[]}`))', "\t}))",
                "\tdefer srv.Close()"]
    if ext == "rust-mockito-match-header":
        return ['    let _m = server.mock("GET", "/v1/orders")', f'        .match_header("{hdr.lower()}", "{v}")',
                "        .with_status(200)", '        .with_body(r#"{"orders":[]}"#)', "        .create();"]
    if ext == "cypress-intercept-headers":
        return pick([[f"  it('sends the {ow} key', () => {{", f"    cy.intercept('GET', 'https://api.{host}.com/v1/orders', (req) => {{",
                      f"      expect(req.headers['{hdr.lower()}']).to.equal('{v}')", "      req.reply({ orders: [] })", "    })",
                      "    cy.visit('/orders')", "  })"],
                     ["  beforeEach(() => {", "    cy.intercept('/v1/orders*', (req) => {",
                      f"      req.headers['authorization'] = 'Bearer {v}'", "    })", "  })"]])
    if ext == "py-patch-dict-environ":
        return pick([[f"    @mock.patch.dict(os.environ, {{\"{up}\": \"{v}\"}})", f"    def check_client_reads_{o}_env(self):",
                      f"        self.assertTrue(Client().{leaf})"],
                     ["    def check_client_region(self):", f"        with mock.patch.dict(os.environ, {{'{up}': '{v}'}}, clear=True):",
                      "            client = Client()", "        self.assertEqual(client.region, 'eu-west-1')"]])
    if ext == "pytest-monkeypatch-setenv":
        return ["@pytest.fixture(autouse=True)", f"def {o}_env(monkeypatch):", f'    monkeypatch.setenv("{up}", "{v}")',
                '    monkeypatch.setenv("REGION", "eu-west-1")']
    if ext == "py-responses-header-matcher":
        return ["    responses.get(", f'        "https://api.{host}.com/v1/orders",', '        json={"orders": []},',
                f'        match=[matchers.header_matcher({{"{hdr}": "{v}"}})],', "    )"]
    if ext == "pytest-httpx-match-headers":
        return ["    httpx_mock.add_response(", f'        url="https://api.{host}.com/v1/orders",',
                f'        match_headers={{"Authorization": "Bearer {v}"}},', '        json={"orders": []},', "    )"]
    if ext == "supertest-set-header":
        return pick([[f"  it('lists orders with the {ow} key', async () => {{", "    await request(app)", "      .get('/v1/orders')",
                      f"      .set('{hdr}', '{v}')", "      .expect(200)", "  })"],
                     ["  it('lists orders', async () => {", "    await request(app)", "      .get('/v1/orders')",
                      f"      .auth('{v}', {{ type: 'bearer' }})", "      .expect(200)", "  })"]])
    if ext == "restassured-given-header":
        return ["        given()", f'            .baseUri("https://api.{host}.com")', f'            .header("{hdr}", "{v}")',
                "        .when()", '            .get("/v1/orders")', "        .then()", "            .statusCode(200);"]
    if ext == "mockito-thenreturn":
        return [f"        when(settings.get{n['Pascal']}()).thenReturn(\"{v}\");",
                '        when(settings.getRegion()).thenReturn("eu-west-1");']
    if ext == "aspnet-factory-usesetting":
        return ['        builder.UseSetting("Logging:LogLevel:Default", "Warning");',
                f'        builder.UseSetting("{n["Owner"]}:{n["Leaf"]}", "{v}");']
    if ext == "laravel-http-withtoken":
        return pick([["        Http::fake();", "", f"        Http::withToken('{v}')", f"            ->get('https://api.{host}.com/v1/orders');",
                      "", "        Http::assertSent(fn ($request) => $request->hasHeader('Authorization'));"],
                     ["        Http::fake();", "", f"        Http::withHeaders(['{hdr}' => '{v}'])",
                      f"            ->get('https://api.{host}.com/v1/orders');"]])
    if ext == "webmock-stub-with-headers":
        return [f"    stub_request(:get, 'https://api.{host}.com/v1/orders')",
                f"      .with(headers: {{ '{hdr}' => '{v}' }})", "      .to_return(status: 200, body: '{\"orders\":[]}')"]
    if ext == "gauge-spec-md":
        return [f"## List orders with the {ow} key", "", f'* Set header "{hdr}" to "{v}"', '* Get "/v1/orders"',
                '* Response status should be "200"']
    if ext == "behave-environment-py":
        return ["def before_all(context):", f'    context.base_url = "https://api.{host}.com"',
                f'    context.{low} = context.config.userdata.get("{low}", "{v}")']
    if ext == "postman-prerequest-set":  # a pre-request script kept next to the collection
        return pick([[f'pm.environment.set("{camel}", "{v}");'],
                     [f"// {title}", f'pm.request.headers.upsert({{ key: "{hdr}", value: "{v}" }});']])
    if ext == "yaak-export-json":  # Yaak's data export
        return ["      {", '        "model": "http_request",', '        "id": "rq_Ord3rs01",',
                f'        "name": "List {ow} orders",', f'        "url": "https://api.{host}.com/v1/orders",',
                '        "method": "GET",', '        "authenticationType": "bearer",',
                f'        "authentication": {{ "token": "{v}" }},', '        "headers": []', "      }"]
    if ext == "venom-testsuite-yaml":
        return ["testcases:", f"- name: list {ow} orders", "  steps:", "  - type: http", "    method: GET",
                f"    url: https://api.{host}.com/v1/orders", "    headers:", f"      {hdr}: {v}", "    assertions:",
                "    - result.statuscode ShouldEqual 200"]
    if ext == "mockk-every-returns":
        return [f"        every {{ settings.{camel} }} returns \"{v}\"", '        every { settings.region } returns "eu-west-1"']
    if ext == "munit-funsuite":
        return [f'  test("finds the {ow} key in a properties line") {{', f'    val line = "{n["dotted"]}={v}"',
                "    assert(Scanner.scan(line).nonEmpty)", "  }"]
    if ext == "ct-config-terms":  # a Common Test config file (ct_run -config)
        return pick([[f"{{{o}, [{{{leaf}, \"{v}\"}},", f"  {{url, \"https://api.{host}.com\"}}]}}."],
                     [f"%% {title}", f"{{api_credentials, [{{token, \"{v}\"}}]}}."]])
    if ext == "gleeunit-should":
        return [f"pub fn finds_{o}_key_test() {{", f'  "{up}={v}"', "  |> scanner.scan", "  |> list.length",
                "  |> should.equal(1)", "}"]
    if ext == "deno-test-assert-equals":
        return [f'Deno.test("finds the {ow} key", () => {{', f'  const found = scan("{up}={v}");',
                f'  assertEquals(found[0]?.rule, "{kebab}");', "});"]
    if ext == "node-test-runner-strictequal":
        return [f"test('finds the {ow} key in JSON', () => {{", f"  const found = scan('{{\"{camel}\": \"{v}\"}}')",
                "  assert.strictEqual(found.length, 1)", "})"]
    return _render_world(ext, n, v, pick, hdr, up, host, title)


def _render_world(ext, n, v, pick, hdr, up, host, title):
    """The real-world part of render()."""
    o = n["owner"]
    ok = n["owner_kebab"]
    low = n["lower"]
    leaf = n["leaf"]
    camel = n["camel"]
    # --- string syntaxes and small languages ----------------------------------------------------
    if ext == "nim-raw-string-const":
        return pick([[f'const {camel}* = r"{v}"'], [f"let headers = newHttpHeaders({{\"{hdr}\": r\"{v}\"}})"]])
    if ext == "zig-multiline-literal":  # \\ lines: no escapes at all
        return pick([[f"pub const {low} =", f"    \\\\{v}", ";"],
                     ["const config_json =", "    \\\\{", f'    \\\\  "{camel}": "{v}"', "    \\\\}", ";"]])
    if ext == "crystal-heredoc":
        return ["CONFIG = <<-YAML", f"  {o}:", f"    {leaf}: {v}", "    region: eu-west-1", "  YAML"]
    if ext == "julia-raw-str":
        return pick([[f'const {up} = raw"{v}"'], [f'headers = ["{hdr}" => raw"{v}"]']])
    if ext == "perl-heredoc-indented":
        return ["    my $config = <<~'INI';", f"        [{o}]", f"        {leaf} = {v}", "        region = eu-west-1", "        INI"]
    if ext == "fortran-namelist-nml":
        return [f"&{o}_settings", f"  endpoint = 'https://api.{host}.com',", f"  {leaf} = '{v}',", "  retries = 3", "/"]
    if ext == "py-environ-setdefault":
        return [f'os.environ.setdefault("{up}", "{v}")']
    if ext == "rb-env-fetch-default":
        return pick([[f"  config.{leaf} = ENV.fetch('{up}', '{v}')"],
                     [f"{n['Owner']}.configure do |c|", f"  c.{leaf} = ENV.fetch('{up}') {{ '{v}' }}", "end"]])
    if ext == "ts-enum-member":
        return [f"export enum {n['Owner']}Config {{", f"  BaseUrl = 'https://api.{host}.com',", f"  {n['Leaf']} = '{v}',", "}"]
    if ext == "sh-herestring-read":
        return [f"read -r {up} <<< '{v}'", f"export {up}"]
    if ext == "jq-arg-cli":
        return [f"jq -n --arg key '{v}' --arg url 'https://api.{host}.com' \\",
                f"  '{{{o}: {{{leaf}: $key, url: $url}}}}' > config/{o}.json"]
    # --- config formats ----------------------------------------------------------------------------
    if ext == "ucl-conf":  # libucl (FreeBSD pkg, rspamd)
        return pick([[f"{o} {{", f'    {leaf} = "{v}";', f'    url = "https://api.{host}.com";', "}"],
                     [f"# {title}", f'{low} = "{v}";']])
    if ext == "apple-strings-file":  # Localizable-style .strings used as a config table
        return pick([[f'"{up}" = "{v}";'], [f"/* {title} */", f'"{camel}" = "{v}";']])
    if ext == "libconfig-cfg":
        return [f"{o} =", "{", f'  {leaf} = "{v}";', f'  host = "api.{host}.com";', "  port = 443;", "};"]
    # --- data dumps ----------------------------------------------------------------------------------
    if ext == "oracle-dblink":
        return [f"CREATE DATABASE LINK {o}_link", f'  CONNECT TO {o}_ro IDENTIFIED BY "{v}"', f"  USING '{host}db';"]
    if ext == "etcdctl-put":
        return pick([[f"etcdctl put /config/{ok}/{n['leaf_kebab']} '{v}'"],
                     [f"ETCDCTL_API=3 etcdctl --endpoints=https://etcd-0:2379 put /services/orders/{low} '{v}'"]])
    if ext == "es-bulk-ndjson":
        return ['{ "index" : { "_index" : "integrations", "_id" : "' + ok + '" } }',
                '{ "name" : "' + n["Owner"] + '", "' + camel + '" : "' + v + '", "enabled" : true }']
    if ext == "dynamodb-json-item":
        return ['    "Item": {', f'      "pk": {{ "S": "INTEGRATION#{o}" }},', f'      "{camel}": {{ "S": "{v}" }},',
                '      "enabled": { "BOOL": true }', "    }"]
    if ext == "mongoexport-jsonl":
        return ['{"_id":{"$oid":"6639f0a1c2b3d4e5f6a7b8c9"},"provider":"' + o + '","' + camel + '":"' + v
                + '","createdAt":{"$date":"2024-05-07T10:11:12.000Z"}}']
    if ext == "tfvars-json":
        return pick([[f'  "{low}": "{v}",'], [f'  "{o}": {{', f'    "{leaf}": "{v}",', '    "region": "eu-west-1"', "  },"]])
    # --- Kubernetes and containers ----------------------------------------------------------------
    if ext == "cert-manager-issuer-secret":
        return ["apiVersion: v1", "kind: Secret", "metadata:", f"  name: {ok}-api-token", "  namespace: cert-manager",
                "type: Opaque", "stringData:", f"  {n['leaf_kebab']}: {v}", "---", "apiVersion: cert-manager.io/v1",
                "kind: ClusterIssuer", "metadata:", "  name: letsencrypt-dns", "spec:", "  acme:", "    solvers:",
                "    - dns01:", f"        {n['ownerCamel']}:", "          apiTokenSecretRef:", f"            name: {ok}-api-token",
                f"            key: {n['leaf_kebab']}"]
    if ext == "external-dns-helm-values":
        return [f"provider: {ok}", f"{n['ownerCamel']}:", f"  {n['leafCamel']}: {v}", "  proxied: false",
                "domainFilters:", f"  - {host}.example"]
    if ext == "k3s-registries-yaml":
        return ["configs:", f'  "registry.{host}.com":', "    auth:", f"      username: {o}", f"      password: {v}"]
    if ext == "containerd-registry-auth-toml":
        return [f'[plugins."io.containerd.grpc.v1.cri".registry.configs."registry.{host}.com".auth]',
                f'  username = "{o}"', f'  password = "{v}"']
    # --- self-hosted services and network daemons ---------------------------------------------
    if ext == "nut-upsd-users":  # no provider word at all
        return ["[upsmon]", f"    password = {v}", "    upsmon primary"]
    if ext == "rsyncd-secrets":  # no provider word at all
        return [f"backup:{v}"]
    if ext == "pg-primary-conninfo":
        return [f"primary_conninfo = 'host=pg-primary.{host}.com port=5432 user={o}_repl password={v} sslmode=require'"]
    if ext == "pgbackrest-conf":
        return ["[global]", "repo1-type=s3", f"repo1-s3-endpoint=s3.{host}.com", "repo1-s3-bucket=pg-backups",
                "repo1-s3-key=pgbackrest", f"repo1-s3-key-secret={v}", "repo1-s3-region=eu-west-1"]
    if ext == "asterisk-pjsip-conf":
        return [f"[{o}-trunk-auth]", "type=auth", "auth_type=userpass", f"username={o}", f"password={v}", "",
                f"[{o}-trunk-reg]", "type=registration", f"server_uri=sip:sip.{host}.com", f"outbound_auth={o}-trunk-auth"]
    if ext == "freeradius-clients-conf":
        return [f"client {o}_ap {{", "    ipaddr = 10.20.0.0/24", f"    secret = {v}", f"    shortname = {ok}", "}"]
    if ext == "transmission-settings-json":  # no provider word at all
        return ['    "rpc-authentication-required": true,', '    "rpc-bind-address": "0.0.0.0",',
                f'    "rpc-password": "{v}",', '    "rpc-port": 9091,', '    "rpc-username": "admin",']
    if ext == "plex-preferences-xml":
        return [f'<Preferences MachineIdentifier="1f0e9d8c-7b6a-5948-3726-150493827160" FriendlyName="{n["Owner"]} media" '
                f'PlexOnlineToken="{v}" PlexOnlineUsername="{o}" AcceptedEULA="1"/>']
    if ext == "mediawiki-localsettings":
        return pick([['$wgDBtype = "mysql";', f'$wgDBserver = "db.{host}.com";', '$wgDBuser = "wikiuser";', f'$wgDBpassword = "{v}";'],
                     [f"# {title}", f'$wg{n["Owner"]}{n["Leaf"]} = "{v}";']])
    if ext == "matomo-config-ini-php":
        return ["[database]", f'host = "db.{host}.com"', 'username = "matomo"', f'password = "{v}"', 'dbname = "matomo"']
    if ext == "jira-dbconfig-xml":
        return ["  <jdbc-datasource>", f"    <url>jdbc:postgresql://db.{host}.com:5432/jiradb</url>",
                "    <driver-class>org.postgresql.Driver</driver-class>", "    <username>jira</username>",
                f"    <password>{v}</password>", "    <pool-min-size>20</pool-min-size>", "  </jdbc-datasource>"]
    if ext == "lldap-config-toml":
        return pick([[f'ldap_base_dn = "dc={host},dc=com"', 'ldap_user_dn = "admin"', f'ldap_user_pass = "{v}"'],
                     ["[smtp_options]", "enable_password_reset = true", f'server = "smtp.{host}.com"', 'port = 587',
                      f'user = "{o}"', f'password = "{v}"']])
    # --- CI and developer services ---------------------------------------------------------------
    if ext == "circleci-context-store-secret":
        return [f"printf '%s' '{v}' | circleci context store-secret github acme orders-prod {up}"]
    if ext == "atlantis-server-config-yaml":
        return pick([[f"gh-user: {o}-atlantis", f"gh-token: {v}", "gh-webhook-secret: changeme"],
                     [f"gitlab-hostname: gitlab.{host}.com", "gitlab-user: atlantis", f"gitlab-token: {v}"]])
    if ext == "sonar-project-properties":
        return pick([[f"sonar.host.url=https://sonar.{host}.com", f"sonar.token={v}"], [f"# {title}", f"sonar.login={v}"]])
    if ext == "codecov-yml-token":
        return ["codecov:", f"  token: {v}", f"  url: https://codecov.{host}.com", "  require_ci_to_pass: true"]
    if ext == "snyk-configstore-json":  # ~/.config/configstore/snyk.json
        return [f'  "api": "{v}",', f'  "endpoint": "https://api.{host}.com/api"']
    if ext == "hasura-cli-config-yaml":
        return ["version: 3", f"endpoint: https://graphql.{host}.com", f"admin_secret: {v}", "metadata_directory: metadata"]
    if ext == "convex-env-set":
        return pick([[f"npx convex env set {up} '{v}'"], [f"npx convex env set --prod {up} '{v}'"]])
    if ext == "zapierrc-json":
        return ["{", f'  "deployKey": "{v}"', "}"]
    # --- data tools ---------------------------------------------------------------------------------
    if ext == "dagster-yaml":
        return ["storage:", "  postgres:", "    postgres_db:", f"      hostname: pg.{host}.com", "      username: dagster",
                f"      password: {v}", "      db_name: dagster", "      port: 5432"]
    if ext == "great-expectations-yml":
        return ["datasources:", f"  {o}_warehouse:", "    class_name: Datasource", "    execution_engine:",
                "      class_name: SqlAlchemyExecutionEngine",
                f"      connection_string: snowflake://{o}_ge:{v}@{host}-acme/ANALYTICS/PUBLIC?warehouse=GE_WH"]
    if ext == "singer-tap-config-json":
        return ["{", f'  "{leaf}": "{v}",', '  "start_date": "2024-01-01T00:00:00Z",', f'  "base_url": "https://api.{host}.com"',
                "}"]
    if ext == "redpanda-connect-yaml":
        return ["output:", "  http_client:", f"    url: https://api.{host}.com/v1/events", "    verb: POST", "    headers:",
                f"      {hdr}: {v}"]
    # --- notebooks -------------------------------------------------------------------------------------
    if ext == "rmd-setup-chunk":
        return ["```{r setup, include=FALSE}", f'Sys.setenv({up} = "{v}")', "knitr::opts_chunk$set(echo = TRUE)", "```"]
    if ext == "quarto-python-cell":
        return ["```{python}", "#| echo: false", f'{low} = "{v}"', f"client = {n['Owner']}Client({leaf}={low})", "```"]
    if ext == "marimo-app-cell":
        return ["@app.cell", "def _():", f'    {low} = "{v}"', f"    return ({low},)"]
    # --- editors and AI clients ---------------------------------------------------------------------
    if ext == "vim-dadbod-dbs":
        return ["let g:dbs = {", f"\\ 'orders_prod': 'postgres://{o}:{v}@db.{host}.com:5432/orders',",
                "\\ 'orders_dev': 'postgres://localhost/orders',", "\\ }"]
    if ext == "gptel-setq-el":
        return pick([[f'(setq gptel-api-key "{v}")'],
                     [f'(gptel-make-openai "{n["Owner"]}"', f'  :host "api.{host}.com"', f'  :key "{v}"', "  :stream t",
                      "  :models '(large))"]])
    if ext == "sgptrc":  # shell_gpt's ~/.config/shell_gpt/.sgptrc
        return [f"API_BASE_URL=https://api.{host}.com/v1", f"OPENAI_API_KEY={v}", "DEFAULT_MODEL=large"]
    if ext == "aichat-config-yaml":
        return ["clients:", "- type: openai-compatible", f"  name: {ok}", f"  api_base: https://api.{host}.com/v1",
                f"  api_key: {v}"]
    if ext == "dspy-lm-py":
        return [f'lm = dspy.LM("openai/large", api_base="https://api.{host}.com/v1", api_key="{v}")', "dspy.configure(lm=lm)"]
    if ext == "ai-sdk-create-provider-ts":
        return [f"const {n['ownerCamel']} = createOpenAI({{", f"  baseURL: 'https://api.{host}.com/v1',", f"  apiKey: '{v}',", "})"]
    # --- Windows ------------------------------------------------------------------------------------
    if ext == "schtasks-task-xml":
        return ["    <Exec>", "      <Command>C:\\Tools\\orders-sync.exe</Command>",
                f"      <Arguments>--endpoint https://api.{host}.com --{n['leaf_kebab']} {v}</Arguments>", "    </Exec>"]
    if ext == "nssm-appenvironmentextra":
        return [f"nssm set OrdersSync AppEnvironmentExtra {up}={v} REGION=eu-west-1"]
    if ext == "choco-apikey-cli":
        return [f"choco apikey --key {v} --source https://push.{host}.com/"]
    # --- operational pastes -----------------------------------------------------------------------
    if ext == "psql-alter-role-paste":
        return [f"orders=# ALTER ROLE {o}_app WITH LOGIN PASSWORD '{v}';", "ALTER ROLE", "orders=# \\q"]
    if ext == "mysql-table-output":
        w = max(len(v), 5)
        return ["mysql> SELECT name, value FROM settings WHERE name LIKE '%key%';",
                "+" + "-" * (len(low) + 2) + "+" + "-" * (w + 2) + "+", f"| {'name'.ljust(len(low))} | {'value'.ljust(w)} |",
                "+" + "-" * (len(low) + 2) + "+" + "-" * (w + 2) + "+", f"| {low} | {v.ljust(w)} |",
                "+" + "-" * (len(low) + 2) + "+" + "-" * (w + 2) + "+", "1 row in set (0.00 sec)"]
    if ext == "py-repl-session":
        return [f">>> from {o} import Client", f'>>> c = Client({leaf}="{v}")', ">>> c.orders.list()", "[]"]
    if ext == "kubectl-exec-env-output":
        return ["$ kubectl exec deploy/orders -n prod -- env", "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin",
                "HOSTNAME=orders-6d5f8b7c9-x2k4p", f"{up}={v}", "REGION=eu-west-1", "KUBERNETES_SERVICE_PORT=443"]
    if ext == "journalctl-short-output":
        return pick([[f"May 07 10:11:12 app-01 orders[4123]: config: {low}={v} region=eu-west-1"],
                     [f"May 07 10:11:12 app-01 sudo[4120]:     ops : TTY=pts/0 ; PWD=/home/ops ; USER=root ; "
                      f"COMMAND=/usr/bin/env {up}={v} /opt/orders/bin/sync"]])
    if ext == "haproxy-capture-log":  # capture request header ... len 64
        return [f"May  7 10:11:12 lb-01 haproxy[812]: 203.0.113.9:51234 [07/May/2024:10:11:12.345] fe_https~ "
                f"be_orders/orders-01 0/0/1/12/13 200 512 - - ---- 3/3/0/0/0 0/0 {{api.{host}.com|{v}}} "
                '"GET /v1/orders HTTP/1.1"']
    raise ValueError(f"unknown held-out syntax {ext}")


SH = ["#!/usr/bin/env bash", "set -euo pipefail"]

# name -> (file name, header lines, footer lines, comment prefix or None)
SYNTAXES = {
    # scanners' output; test files
    "ds-audit-interactive": ("notes/detect-secrets-audit-screen.txt", ["$ detect-secrets audit .secrets.baseline", ""], [], None),
    "trufflehog2-text-output": ("reports/trufflehog2.txt", ["$ trufflehog --regex --entropy=True file:///home/ci/src/orders"],
                                [], None),
    "secretlint-stylish-output": ("reports/secretlint.txt", ['$ npx secretlint "**/*" --maskSecrets=false', ""],
                                  ["\u2716 1 problem (1 error, 0 warnings)"], None),
    "git-secrets-scan-output": ("notes/git-secrets-scan.txt", ["$ git secrets --scan -r ."], [], None),
    "ripsecrets-output": ("reports/ripsecrets.txt", ["$ ripsecrets --strict-ignore ."], [], None),
    "gitleaks-stdin-cmd": ("rules/README-checks.sh", ["#!/bin/sh", "# quick manual checks for the custom rules", ""], [], "# "),
    "noseyparker-report-jsonl": ("reports/noseyparker.jsonl", [], [], None),
    "go-httptest-header-check": ("checks/client_cases.go", ["package orders", "", "import (", '\t"net/http"',
                                                            '\t"net/http/httptest"', '\t"testing"', ")", "",
                                                            "func checkListSendsKey(t *testing.T) {"],
                                 ["\tc := NewClient(srv.URL)", "\tif _, err := c.ListOrders(); err != nil {", "\t\tt.Fatal(err)",
                                  "\t}", "}"], "// "),
    "rust-mockito-match-header": ("src/client/cases.rs", ["#[cfg(test)]", "mod cases {", "    use super::*;", "",
                                                          "    #[test]", "    fn lists_orders() {",
                                                          "        let mut server = mockito::Server::new();"],
                                  ["        assert!(Client::new(&server.url()).list_orders().is_ok());", "    }", "}"], "// "),
    "cypress-intercept-headers": ("cypress/e2e/orders.cy.js", ["describe('orders page', () => {"], ["})"], "// "),
    "py-patch-dict-environ": ("checks/check_client_env.py", ["import os", "import unittest", "from unittest import mock", "",
                                                             "from orders.client import Client", "", "",
                                                             "class ClientEnvCases(unittest.TestCase):"], [], "# "),
    "pytest-monkeypatch-setenv": ("checks/env_setup.py", ["import pytest", "", ""], [], "# "),
    "py-responses-header-matcher": ("checks/check_orders_http.py", ["import responses", "from responses import matchers", "",
                                                                    "from orders.client import list_orders", "", "",
                                                                    "@responses.activate", "def check_list_orders():"],
                                    ["    assert list_orders() == []"], "# "),
    "pytest-httpx-match-headers": ("checks/check_async_client.py", ["import pytest", "", "from orders.aclient import list_orders",
                                                                    "", "", "@pytest.mark.asyncio",
                                                                    "async def check_list_orders(httpx_mock):"],
                                   ["    assert await list_orders() == []"], "# "),
    "supertest-set-header": ("checks/api.cases.js", ["const request = require('supertest')", "const app = require('../src/app')",
                                                     "", "describe('GET /v1/orders', () => {"], ["})"], "// "),
    "restassured-given-header": ("src/integration/java/com/acme/orders/OrdersApiIT.java",
                                 ["package com.acme.orders;", "", "import static io.restassured.RestAssured.given;", "",
                                  "class OrdersApiIT {", "    @org.junit.jupiter.api.Test", "    void listsOrders() {"],
                                 ["    }", "}"], "// "),
    "mockito-thenreturn": ("src/integration/java/com/acme/orders/ClientSetupIT.java",
                           ["package com.acme.orders;", "", "import static org.mockito.Mockito.*;", "",
                            "class ClientSetupIT {", "    @org.junit.jupiter.api.BeforeEach", "    void stubSettings() {"],
                           ["    }", "}"], "// "),
    "aspnet-factory-usesetting": ("Orders.Api.Checks/OrdersApiFactory.cs",
                                  ["using Microsoft.AspNetCore.Hosting;", "using Microsoft.AspNetCore.Mvc.Testing;", "",
                                   "public class OrdersApiFactory : WebApplicationFactory<Program>", "{",
                                   "    protected override void ConfigureWebHost(IWebHostBuilder builder)", "    {"],
                                  ["    }", "}"], "// "),
    "laravel-http-withtoken": ("checks/Feature/OrdersSyncCase.php", ["<?php", "", "use Illuminate\\Support\\Facades\\Http;", "",
                                                                     "class OrdersSyncCase extends TestCase", "{",
                                                                     "    public function check_sync_sends_token(): void",
                                                                     "    {"], ["    }", "}"], "// "),
    "webmock-stub-with-headers": ("checks/orders_client_check.rb", ["require 'webmock/rspec'", "",
                                                                    "RSpec.describe Orders::Client do",
                                                                    "  it 'lists orders' do"],
                                  ["    expect(described_class.new.orders).to eq([])", "  end", "end"], "# "),
    "gauge-spec-md": ("specs-gauge/orders.spec", ["# Orders API", ""], [], None),
    "behave-environment-py": ("features/environment.py", ["import os", ""], [], "# "),
    "postman-prerequest-set": ("postman/scripts/pre-request.js", ["// collection pre-request script"], [], "// "),
    "yaak-export-json": ("exports/yaak.orders.json", ["{", '  "yaakVersion": "2024.10.1",', '  "yaakSchema": 2,',
                                                      '  "resources": {', '    "httpRequests": ['],
                         ["    ]", "  }", "}"], None),
    "venom-testsuite-yaml": ("checks/venom/orders.yml", ["name: Orders API", "vars:", "  region: eu-west-1", ""], [], "# "),
    "mockk-every-returns": ("src/integration/kotlin/com/acme/orders/ClientSetup.kt",
                            ["package com.acme.orders", "", "import io.mockk.every", "import io.mockk.mockk", "",
                             "fun stubbedSettings(): Settings {", "    val settings = mockk<Settings>()", "    run {"],
                            ["    }", "    return settings", "}"], "// "),
    "munit-funsuite": ("src/checks/scala/acme/scan/LineSuite.scala", ["package acme.scan", "",
                                                                      "class LineSuite extends munit.FunSuite {"], ["}"], "// "),
    "ct-config-terms": ("checks/ct/orders.config", ["{region, \"eu-west-1\"}."], [], "%% "),
    "gleeunit-should": ("checks/scanner_cases.gleam", ["import gleam/list", "import gleeunit/should", "import scanner", ""], [],
                        "// "),
    "deno-test-assert-equals": ("checks/scan_cases.ts", ['import { assertEquals } from "jsr:@std/assert";',
                                                         'import { scan } from "../src/scan.ts";', ""], [], "// "),
    "node-test-runner-strictequal": ("checks/scan.cases.mjs", ["import test from 'node:test'", "import assert from 'node:assert'",
                                                               "import { scan } from '../src/scan.mjs'", ""], [], "// "),
    # string syntaxes and small languages
    "nim-raw-string-const": ("src/orders/settings.nim", ["import std/httpclient", ""], [], "# "),
    "zig-multiline-literal": ("src/settings.zig", ['const std = @import("std");', ""], [], "// "),
    "crystal-heredoc": ("src/orders/config.cr", ['require "yaml"', ""], ["SETTINGS = YAML.parse(CONFIG)"], "# "),
    "julia-raw-str": ("src/Settings.jl", ["module Settings", ""], ["", "end"], "# "),
    "perl-heredoc-indented": ("lib/Orders/Config.pm", ["package Orders::Config;", "use v5.26;", "use strict;", "",
                                                       "sub load {"], ["    return Config::Tiny->read_string($config);", "}",
                                                                       "", "1;"], "# "),
    "fortran-namelist-nml": ("run/settings.nml", ["! settings for the orders sync model run"], [], "! "),
    "py-environ-setdefault": ("app/wsgi_settings.py", ["import os", "", 'os.environ.setdefault("DJANGO_SETTINGS_MODULE", '
                                                       '"orders.settings")'], ["", "from django.core.wsgi import "
                                                                                  "get_wsgi_application",
                                                                                  "application = get_wsgi_application()"],
                              "# "),
    "rb-env-fetch-default": ("config/initializers/orders.rb", ["# frozen_string_literal: true", ""], [], "# "),
    "ts-enum-member": ("src/config/providers.ts", ["// generated from the settings sheet", ""], [], "// "),
    "sh-herestring-read": ("ops/env.sh", SH, ["exec \"$@\""], "# "),
    "jq-arg-cli": ("ops/write-config.sh", SH + ["mkdir -p config"], [], "# "),
    # config formats
    "ucl-conf": ("etc/orders/orders.conf", ["# libucl syntax", "log_level = info;", ""], [], "# "),
    "apple-strings-file": ("Orders/Config.strings", ["/* Build-time configuration */"], [], None),
    "libconfig-cfg": ("etc/orders/app.cfg", ["version = \"1.0\";", ""], [], "# "),
    # data dumps
    "oracle-dblink": ("sql/create_links.sql", ["-- run as the ORDERS schema owner", "SET DEFINE OFF"], [], "-- "),
    "etcdctl-put": ("ops/seed-etcd.sh", SH + ["export ETCDCTL_API=3"], [], "# "),
    "es-bulk-ndjson": ("data/integrations.bulk.ndjson", [], [], None),
    "dynamodb-json-item": ("data/put-item.json", ["{", '    "TableName": "integrations",'], ["}"], None),
    "mongoexport-jsonl": ("dumps/integrations.json", [], [], None),
    "tfvars-json": ("envs/prod/terraform.tfvars.json", ["{", '  "environment": "prod",'], ['  "region": "eu-west-1"', "}"],
                    None),
    # Kubernetes and containers
    "cert-manager-issuer-secret": ("deploy/cert-manager/issuer.yaml", [], ["    email: ops@acme.example"], "# "),
    "external-dns-helm-values": ("deploy/external-dns/values.yaml", ["image:", "  tag: v0.14.1", "sources:", "  - ingress"],
                                 ["policy: sync", "txtOwnerId: orders-prod"], "# "),
    "k3s-registries-yaml": ("etc/rancher/k3s/registries.yaml", ["mirrors:", '  "docker.io":', "    endpoint:",
                                                                 '      - "https://mirror.acme.example"'], [], "# "),
    "containerd-registry-auth-toml": ("etc/containerd/config.toml", ["version = 2", "",
                                                                     '[plugins."io.containerd.grpc.v1.cri"]',
                                                                     '  sandbox_image = "registry.k8s.io/pause:3.9"', ""],
                                      [], "# "),
    # self-hosted services and network daemons
    "nut-upsd-users": ("etc/nut/upsd.users", ["# Network UPS Tools: upsd users", ""], [], "# "),
    "rsyncd-secrets": ("etc/rsyncd.secrets", [], [], None),
    "pg-primary-conninfo": ("etc/postgresql/16/main/conf.d/standby.conf", ["# streaming replica of the primary"],
                            ["primary_slot_name = 'replica_01'"], "# "),
    "pgbackrest-conf": ("etc/pgbackrest/pgbackrest.conf", [], ["", "[main]", "pg1-path=/var/lib/postgresql/16/main"], "# "),
    "asterisk-pjsip-conf": ("etc/asterisk/pjsip.conf", ["[transport-udp]", "type=transport", "protocol=udp",
                                                        "bind=0.0.0.0", ""], [], "; "),
    "freeradius-clients-conf": ("etc/freeradius/3.0/clients.conf", ["client localhost {", "    ipaddr = 127.0.0.1",
                                                                    "    secret = testing123", "}", ""], [], "# "),
    "transmission-settings-json": ("config/transmission/settings.json", ["{", '    "download-dir": "/downloads/complete",'],
                                   ['    "umask": 2', "}"], None),
    "plex-preferences-xml": ("config/plex/Preferences.xml", ['<?xml version="1.0" encoding="utf-8"?>'], [], None),
    "mediawiki-localsettings": ("wiki/LocalSettings.php", ["<?php", "# This file was automatically generated by the MediaWiki "
                                                           "installer.", '$wgSitename = "Orders Wiki";'], [], "# "),
    "matomo-config-ini-php": ("matomo/config/config.ini.php", ["; <?php exit; ?> DO NOT REMOVE THIS LINE",
                                                               "; file automatically generated or modified by Matomo"],
                              ["", "[General]", 'salt = "changeme"'], "; "),
    "jira-dbconfig-xml": ("jira-home/dbconfig.xml", ['<?xml version="1.0" encoding="UTF-8"?>', "<jira-database-config>",
                                                     "  <name>defaultDS</name>", "  <delegator-name>default</delegator-name>",
                                                     "  <database-type>postgres72</database-type>"],
                          ["</jira-database-config>"], None),
    "lldap-config-toml": ("lldap/lldap_config.toml", ['http_port = 17170', 'ldap_port = 3890', ""], [], "# "),
    # CI and developer services
    "circleci-context-store-secret": ("ops/circleci-contexts.sh", SH, [], "# "),
    "atlantis-server-config-yaml": ("deploy/atlantis/server-config.yaml", ["atlantis-url: https://atlantis.acme.example",
                                                                           "repo-allowlist: github.com/acme/*"], [], "# "),
    "sonar-project-properties": ("sonar-project.properties", ["sonar.projectKey=acme_orders", "sonar.sources=src"], [], "# "),
    "codecov-yml-token": ("codecov.yml", [], ["coverage:", "  precision: 2"], "# "),
    "snyk-configstore-json": (".config/configstore/snyk.json", ["{"], ["}"], None),
    "hasura-cli-config-yaml": ("hasura/config.yaml", [], ["actions:", "  kind: synchronous"], "# "),
    "convex-env-set": ("ops/convex-env.sh", SH, ["npx convex deploy"], "# "),
    "zapierrc-json": (".zapierrc", [], [], None),
    # data tools
    "dagster-yaml": ("dagster_home/dagster.yaml", ["telemetry:", "  enabled: false"], [], "# "),
    "great-expectations-yml": ("gx/great_expectations.yml", ["config_version: 3.0"], ["stores: {}"], "# "),
    "singer-tap-config-json": ("taps/config.json", [], [], None),
    "redpanda-connect-yaml": ("connect/orders-events.yaml", ["input:", "  kafka:", "    addresses: [ kafka:9092 ]",
                                                             "    topics: [ orders ]", "    consumer_group: events-forwarder"],
                              [], "# "),
    # notebooks
    "rmd-setup-chunk": ("analysis/orders-report.Rmd", ["---", 'title: "Orders weekly"', "output: html_document", "---", ""],
                        ["", "## Summary"], None),
    "quarto-python-cell": ("analysis/orders.qmd", ["---", 'title: "Orders"', "jupyter: python3", "---", ""],
                           ["", "Results follow."], None),
    "marimo-app-cell": ("notebooks/orders_explore.py", ["import marimo", "", '__generated_with = "0.8.0"',
                                                        'app = marimo.App(width="medium")', "", ""],
                        ["", "", 'if __name__ == "__main__":', "    app.run()"], "# "),
    # editors and AI clients
    "vim-dadbod-dbs": (".vim/plugin/dbs.vim", ['" databases for vim-dadbod-ui'], [], '" '),
    "gptel-setq-el": (".emacs.d/lisp/init-gptel.el", [";;; init-gptel.el --- LLM chat  -*- lexical-binding: t -*-",
                                                      "(require 'gptel)"], ["(provide 'init-gptel)"], ";; "),
    "sgptrc": (".config/shell_gpt/.sgptrc", ["CHAT_CACHE_PATH=/tmp/chat_cache", "REQUEST_TIMEOUT=60"], ["DEFAULT_COLOR=magenta"],
               None),
    "aichat-config-yaml": (".config/aichat/config.yaml", ["model: large", "stream: true", ""], [], "# "),
    "dspy-lm-py": ("pipelines/setup_lm.py", ["import dspy", ""], [], "# "),
    "ai-sdk-create-provider-ts": ("src/lib/ai.ts", ["import { createOpenAI } from '@ai-sdk/openai'", ""], [], "// "),
    # Windows
    "schtasks-task-xml": ("ops/tasks/OrdersSync.xml", ['<?xml version="1.0" encoding="UTF-16"?>',
                                                       '<Task version="1.4" xmlns="http://schemas.microsoft.com/windows/2004/02/'
                                                       'mit/task">', '  <Actions Context="Author">'],
                          ["  </Actions>", "</Task>"], None),
    "nssm-appenvironmentextra": ("ops/install-service.cmd", ["@echo off", "nssm install OrdersSync C:\\Tools\\orders-sync.exe"],
                                 ["nssm start OrdersSync"], "REM "),
    "choco-apikey-cli": ("ops/choco-publish.ps1", ["choco pack .\\orders-sync.nuspec"],
                         ["choco push .\\orders-sync.1.4.0.nupkg --source https://push.acme.example/"], "# "),
    # operational pastes
    "psql-alter-role-paste": ("notes/db-rotation.txt", ["$ psql -h db.acme.example -U postgres orders",
                                                        "psql (16.2)", 'Type "help" for help.', ""], [], None),
    "mysql-table-output": ("notes/settings-query.txt", [], [], None),
    "py-repl-session": ("notes/repl-session.txt", ["$ python3", "Python 3.12.3 (main, Apr 10 2024, 05:33:47) [GCC 13.2.0] on linux",
                                                   'Type "help", "copyright", "credits" or "license" for more information.'],
                        [">>> exit()"], None),
    "kubectl-exec-env-output": ("notes/pod-env.txt", [], ["HOME=/root"], None),
    "journalctl-short-output": ("logs/journal-app-01.txt", ["-- Boot 3f2a9c1e0b7d4e5f --",
                                                            "May 07 10:11:10 app-01 systemd[1]: Started orders.service."],
                                ["May 07 10:11:13 app-01 orders[4123]: listening on :8080"], None),
    "haproxy-capture-log": ("logs/haproxy.log", ['May  7 10:11:11 lb-01 haproxy[812]: Proxy fe_https started.'], [], None),
}
HELDOUT18_SYNTAXES = list(SYNTAXES)
