"""Nineteenth held-out syntax set: written blind, nobody tunes rules or the engine against it.

A set nobody has tuned against, to predict how the pack does on syntaxes it has never seen
once eval/heldout18.py has been measured and is used to fix rules. It was written and committed
before any result of it was looked at, in forms that none of eval/gen.py, eval/heldout.py and
eval/heldout2.py .. eval/heldout18.py produce, in two parts.

About a third in the style of secret scanners' and DAST tools' output and of test files the
earlier sets lack (written from how such files look, not copied from any): a tartufo JSON report,
Checkov's secrets framework output, Deepfence SecretScanner JSON, Amazon CodeGuru Security
findings with their code snippet, Titus' human report, a Betterleaks/gitleaks CSV report row,
an OWASP ZAP JSON alert's evidence, nuclei `-jsonl` output with `extracted-results`, jsluice
`secrets` lines, SecretFinder's and mantra's CLI output; Django `@override_settings`,
`mock.patch.object`, gomock `EXPECT().Return`, the Rust `wiremock` crate's `header` matcher and
`temp_env::with_var`, WireMock's Java DSL `stubFor(...withHeader)`, System Stubs'
`EnvironmentVariables`, a Ktor `MockEngine`, Moq `Setup(...).Returns`, RichardSzalay.MockHttp
`WithHeaders`, VCR's `filter_sensitive_data`, Elixir Bypass, shunit2 `oneTimeSetUp`, sinon
`withArgs().returns`, Jasmine `spyOn().and.returnValue`, AVA, Spring Cloud Contract's Groovy
DSL, Clojure `with-redefs`, tasty-hunit, Unity (C), doctest (C++), ZIO Test and RackUnit.

The rest real-world files from areas the earlier sets lack: database tools and data stores
(liquibase.properties, alembic.ini, hibernate.cfg.xml, a knexfile, drizzle.config.ts, PostgREST,
ProxySQL, Patroni, Redis Sentinel `auth-pass`, CouchDB `[admins]`, Meilisearch, Typesense,
Qdrant, a Steampipe `.spc` connection, Sling's env.yaml, Mage's io_config.yaml, a RabbitMQ
definitions export, Centrifugo), notification and self-hosted services (Apprise URLs, a
Watchtower shoutrrr URL, coturn `static-auth-secret`, gethomepage.dev widgets, rathole,
shadowsocks-libev), ops tools (hammer's foreman.yml, a Dapr component's metadata), cloud CLIs'
own config files (hcloud `cli.toml`, `.ovh.conf`, Scaleway, OCI `pass_phrase`, Aliyun, linode-cli),
Windows (`appcmd set apppool /processModel.password`, `msiexec` properties), Linux mounts,
registries and package sources (an autofs CIFS map, davfs2 `secrets`, `passwd-s3fs`,
`skopeo copy --dest-creds`, apt `auth.conf.d`, CPAN's `.pause`, Spack mirrors, `go env -w GOPROXY`
with userinfo), DNS and mail (dnscontrol `creds.json`, PowerDNS `api-key`, Roundcube, nullmailer
`remotes`, lego's DNS provider env), backup tools (Duplicacy preferences, duplicati-cli), logging
daemons (rsyslog omelasticsearch, a syslog-ng `http()` destination), Ory Kratos, config formats
and shells (NestedText, CSON, ytt data values, elvish, Helix `languages.toml`), AI frameworks
(Haystack `Secret.from_token`, Semantic Kernel), framework configs and platform CLIs (Spring
Cloud Config server, `bin/rails credentials:show`, Symfony's `.env.local.php`, `railway
variables --set`) and installers and small languages (Inno Setup `#define`, a WiX `Property`,
Ren'Py `define`).

Interface as eval/heldout18.py: `render(ext, key, value, rng)` returns the lines holding `value`;
`SYNTAXES` maps each name to (file name, header lines, footer lines, comment prefix or None).
Key names come from the rule metadata as in gen.py; each syntax re-spells the key the way its
language or tool does, some with the provider word on the key itself, some on a parent, a
section, a server, a host, an account or a user name, some only nearby (a comment, a test name,
a description, a rule name in a report) and three not at all (CouchDB's `[admins]`,
shadowsocks' `config.json` and `passwd-s3fs`).

File names avoid the test path globs (rules/test-paths.toml), so the test-style files sit
at paths such as `cases/`, `checks/`, `rules/` or `reports/`. The helpers are copied, not
imported from heldout2.py .. heldout18.py, so that edits there do not move this set.
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
    """The lines that hold `value` under `key` in held-out syntax `ext` (nineteenth set)."""
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
    # --- scanners' and DAST tools' output ------------------------------------------------------
    if ext == "tartufo-json-report":  # tartufo scan-local-repo --output-format json
        return ['    {', '      "issue_type": "Matched Expression",', f'      "issue_detail": "{title}",',
                f'      "diff": "@@ -1,2 +1,3 @@\\n region=eu-west-1\\n+{up}=changeme\\n",',
                f'      "matched_string": "{v}",', '      "signature": "4f0c1d9e8b7a6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d",',
                '      "file_path": "deploy/app.env"', '    }']
    if ext == "checkov-secrets-cli-output":  # checkov -d . --framework secrets (an old release, unmasked)
        return ["Check: CKV_SECRET_6: \"Base64 High Entropy String\"", "\tFAILED for resource: 3f1c2b9e0d8a7c6b5a4f3e2d1c0b9a8f7e6d5c4b",
                "\tFile: /deploy/app.env:3-4", "\tGuide: https://docs.prismacloud.io/en/enterprise-edition/policy-reference/"
                "secrets-policies/secrets-policy-index/git-secrets-6", "",
                f"\t\t3 | {up}={v}", ""]
    if ext == "deepfence-secretscanner-json":  # Deepfence SecretScanner --json-filename
        return ['    {', '      "Image Layer ID": "4a7c0e2f9b1d3e5a",', f'      "Matched Rule Name": "{title}",',
                '      "Matched Part": "contents",', '      "Severity": "high",',
                f'      "Full File Name": "/app/config/{o}.yml",', f'      "Matched Contents": "{leaf}: {v}"', '    }']
    if ext == "codeguru-findings-json":  # aws codeguru-security get-findings
        return ['    {', f'      "title": "Hardcoded {ow} credentials",', '      "detectorId": "python/hardcoded-credentials@v1.0",',
                '      "severity": "Critical",', '      "vulnerability": {', '        "filePath": {',
                f'          "name": "{o}_client.py",', f'          "path": "src/orders/{o}_client.py",',
                '          "startLine": 7,', '          "codeSnippet": [',
                '            { "number": 6, "content": "" },',
                f'            {{ "number": 7, "content": "{low} = \'{v}\'" }},',
                '            { "number": 8, "content": "" }', '          ]', '        }', '      }', '    }']
    if ext == "titus-report-human":  # titus report (a Nosey Parker port), human format
        return ["Finding 1/1 (id 7c1e0a9f3b2d4c6e)", f"Rule: {title}", "Group: " + v, "Num Occurrences: 1", "",
                "Occurrence 1/1", "File: deploy/app.env", "Blob: 2b9d4c1e7f0a3b6c8d5e2f1a0b9c8d7e6f5a4b3c", "Lines: 3:1-3:72", "",
                "    region=eu-west-1", f"    {up}=<match>", ""]
    if ext == "betterleaks-csv-report":  # betterleaks/gitleaks --report-format csv
        return [f"{ok}-{n['leaf_kebab']},0d9c8b7a6f5e4d3c2b1a09f8e7d6c5b4a3928170,deploy/app.env,,{v},{up}=...,3,3,1,72,"
                f"Dev One,add {ow} settings,2024-05-07T10:11:12Z,dev@acme.example,0d9c8b7a:deploy/app.env:{ok}:3,"]
    if ext == "zap-alerts-json":  # OWASP ZAP traditional-json report, an alert instance
        return ['          {', f'            "uri": "https://shop.acme.example/static/js/{o}-widget.js",',
                '            "method": "GET",', '            "param": "",', '            "attack": "",',
                f'            "evidence": "{v}",', f'            "otherinfo": "{title} found in a script"', '          }']
    if ext == "nuclei-jsonl-output":  # nuclei -t exposures/tokens -jsonl
        return ['{"template-id":"' + ok + '-token","info":{"name":"' + title + ' Exposure","severity":"medium",'
                '"tags":["exposure","token","' + ok + '"]},"type":"http","host":"https://shop.acme.example",'
                '"matched-at":"https://shop.acme.example/static/js/main.4c1f.js","extracted-results":["' + v + '"],'
                '"timestamp":"2024-05-07T10:11:12.345Z","matcher-status":true}']
    if ext == "jsluice-secrets-jsonl":  # jsluice secrets main.js
        return ['{"kind":"' + n["Owner"] + n["Leaf"] + '","data":{"key":"' + v + '","context":"' + camel
                + '"},"filename":"main.4c1f.js","severity":"high"}']
    if ext == "secretfinder-cli-output":  # SecretFinder.py -o cli
        return ["[ + ] URL: https://shop.acme.example/static/js/main.4c1f.js", f"{low}\t->\t{v}", ""]
    if ext == "mantra-output":  # mantra, reading URLs on stdin
        return [f"[+] https://shop.acme.example/assets/{o}.bundle.js  [{v}]"]
    # --- test files --------------------------------------------------------------------------------
    if ext == "django-override-settings":
        return [f'    @override_settings({up}="{v}")', f"    def check_client_uses_{o}_key(self):",
                f"        self.assertTrue(build_client().{leaf})"]
    if ext == "py-patch-object":
        return pick([[f'    @mock.patch.object(settings, "{up}", "{v}")', f"    def check_{o}_headers(self):",
                      "        self.assertIn(\"Authorization\", build_headers())"],
                     ["    def check_headers(self):", f"        with mock.patch.object(config, \"{low}\", \"{v}\"):",
                      "            self.assertIn(\"Authorization\", build_headers())"]])
    if ext == "gomock-expect-return":
        return [f'\tcfg.EXPECT().Get("{n["dotted"]}").Return("{v}", nil)', '\tcfg.EXPECT().Get("region").Return("eu-west-1", nil)']
    if ext == "rust-wiremock-header":
        return ['        Mock::given(method("GET"))', '            .and(path("/v1/orders"))',
                f'            .and(header("{hdr.lower()}", "{v}"))', "            .respond_with(ResponseTemplate::new(200))",
                "            .mount(&server)", "            .await;"]
    if ext == "rust-temp-env-with-var":
        return [f'        temp_env::with_var("{up}", Some("{v}"), || {{', "            let cfg = Config::from_env().unwrap();",
                f"            assert!(cfg.{leaf}.is_some());", "        });"]
    if ext == "java-wiremock-stubfor":
        return ['        stubFor(get(urlEqualTo("/v1/orders"))', f'            .withHeader("{hdr}", equalTo("{v}"))',
                '            .willReturn(okJson("{\\"orders\\":[]}")));']
    if ext == "java-system-stubs-env":
        return ["    @SystemStub", "    private EnvironmentVariables env =",
                f'        new EnvironmentVariables("{up}", "{v}")', '            .and("REGION", "eu-west-1");']
    if ext == "ktor-mockengine-header":
        return ["        val engine = MockEngine { request ->", f'            assertEquals("{v}", request.headers["{hdr}"])',
                '            respond("""{"orders":[]}""", HttpStatusCode.OK)', "        }"]
    if ext == "moq-setup-returns":
        return pick([[f'        config.Setup(c => c["{n["Owner"]}:{n["Leaf"]}"]).Returns("{v}");'],
                     [f'        options.Setup(o => o.Value).Returns(new {n["Owner"]}Options {{ {n["Leaf"]} = "{v}" }});']])
    if ext == "mockhttp-withheaders":  # RichardSzalay.MockHttp
        return [f'        mockHttp.When("https://api.{host}.com/v1/orders")', f'            .WithHeaders("{hdr}", "{v}")',
                '            .Respond("application/json", "{\\"orders\\":[]}");']
    if ext == "vcr-filter-sensitive-data":
        return ["VCR.configure do |c|", "  c.cassette_library_dir = 'cassettes'", "  c.hook_into :webmock",
                f"  c.filter_sensitive_data('<{up}>') {{ ENV.fetch('{up}', '{v}') }}", "end"]
    if ext == "elixir-bypass-header":
        return ['    Bypass.expect_once(bypass, "GET", "/v1/orders", fn conn ->',
                f'      assert Plug.Conn.get_req_header(conn, "{hdr.lower()}") == ["{v}"]',
                '      Plug.Conn.resp(conn, 200, ~s({"orders": []}))', "    end)"]
    if ext == "shunit2-setup":
        return ["oneTimeSetUp() {", f"  export {up}='{v}'", "  export REGION='eu-west-1'", "}"]
    if ext == "sinon-stub-withargs":
        return [f"    sinon.stub(config, 'get').withArgs('{n['dotted']}').returns('{v}')"]
    if ext == "jasmine-spy-returnvalue":
        return [f"    spyOn(settings, 'get{n['Pascal']}').and.returnValue('{v}');"]
    if ext == "ava-test-is":
        return [f"test('reads the {ow} key from the env file', t => {{", f"  const env = parse('{up}={v}\\n');",
                f"  t.truthy(env.{up});", "});"]
    if ext == "spring-cloud-contract-groovy":
        return ["    request {", "        method GET()", "        url '/v1/orders'", "        headers {",
                f"            header('{hdr}', '{v}')", "        }", "    }"]
    if ext == "clojure-with-redefs":
        return [f"(deftest {ok}-client-sends-key", f'  (with-redefs [config/{n["kebab"]} (constantly "{v}")]',
                "    (is (= 200 (:status (client/list-orders))))))"]
    if ext == "tasty-hunit-case":
        return [f'  , testCase "finds the {ow} key" $', f'      length (scan "{up}={v}") @?= 1']
    if ext == "c-unity-assert":
        return [f"void check_finds_{o}_key(void)", "{", f'    const char *line = "{up}={v}";',
                "    TEST_ASSERT_EQUAL_INT(1, scan_line(line));", "}"]
    if ext == "cpp-doctest-check":
        return [f'TEST_CASE("finds the {ow} key in a YAML line") {{', f'    const std::string line = "{leaf}: {v}";',
                "    CHECK(scan(line).size() == 1);", "}"]
    if ext == "zio-test-assert":
        return [f'    test("finds the {ow} key") {{', f'      val found = Scanner.scan("{n["dotted"]}={v}")',
                "      assertTrue(found.nonEmpty)", "    },"]
    if ext == "racket-rackunit":
        return [f'(test-case "finds the {ow} key"', f'  (check-equal? (length (scan "{up}={v}")) 1))']
    return _render_world(ext, n, v, pick, hdr, up, host, title)


def _render_world(ext, n, v, pick, hdr, up, host, title):
    """The real-world part of render()."""
    o = n["owner"]
    ok = n["owner_kebab"]
    low = n["lower"]
    leaf = n["leaf"]
    camel = n["camel"]
    # --- database tools and data stores ---------------------------------------------------------
    if ext == "liquibase-properties":
        return pick([[f"url=jdbc:postgresql://db.{host}.com:5432/orders", "username=liquibase", f"password={v}"],
                     [f"# {title}", f"liquibase.hub.apiKey={v}"]])
    if ext == "alembic-ini":
        return ["[alembic]", "script_location = migrations",
                f"sqlalchemy.url = postgresql+psycopg://{o}_migrate:{v}@db.{host}.com:5432/orders"]
    if ext == "hibernate-cfg-xml":
        return [f'    <property name="hibernate.connection.url">jdbc:mysql://db.{host}.com:3306/orders</property>',
                f'    <property name="hibernate.connection.username">{o}_app</property>',
                f'    <property name="hibernate.connection.password">{v}</property>']
    if ext == "knexfile-js":
        return ["  production: {", "    client: 'pg',", "    connection: {", f"      host: 'db.{host}.com',",
                "      user: 'orders',", f"      password: '{v}',", "      database: 'orders'", "    },", "  },"]
    if ext == "drizzle-config-ts":
        return ["  dbCredentials: {", f"    url: 'postgres://{o}:{v}@db.{host}.com:5432/orders',", "  },"]
    if ext == "postgrest-conf":
        return pick([[f'db-uri = "postgres://authenticator:{v}@db.{host}.com:5432/orders"', 'db-schemas = "api"',
                      'db-anon-role = "web_anon"'],
                     [f'db-uri = "postgres://authenticator@db.{host}.com:5432/orders"', f'jwt-secret = "{v}"']])
    if ext == "proxysql-cnf":
        return ["mysql_users =", "(", "    {", f'        username = "{o}_app"', f'        password = "{v}"',
                "        default_hostgroup = 0", "    }", ")"]
    if ext == "patroni-yml":
        return ["postgresql:", "  listen: 0.0.0.0:5432", "  authentication:", "    replication:",
                f"      username: {o}_repl", f"      password: {v}", "    superuser:", "      username: postgres"]
    if ext == "redis-sentinel-conf":
        return [f"sentinel monitor {o}-primary 10.0.0.5 6379 2", f"sentinel auth-pass {o}-primary {v}",
                f"sentinel down-after-milliseconds {o}-primary 5000"]
    if ext == "couchdb-local-ini":  # no provider word at all
        return ["[admins]", f"admin = {v}"]
    if ext == "meilisearch-config-toml":
        return pick([[f'master_key = "{v}"', 'http_addr = "0.0.0.0:7700"'],
                     [f"# {title}", f'master_key = "{v}"']])
    if ext == "typesense-server-ini":
        return ["[server]", f"api-address = {host}.internal", "api-port = 8108", "data-dir = /var/lib/typesense",
                f"api-key = {v}"]
    if ext == "qdrant-config-yaml":
        return ["service:", "  http_port: 6333", f"  api_key: {v}", "  enable_tls: true"]
    if ext == "steampipe-spc":
        return [f'connection "{o}" {{', f'  plugin = "{ok}"', f'  {leaf} = "{v}"', "}"]
    if ext == "sling-env-yaml":
        return ["connections:", f"  {o.upper()}_WAREHOUSE:", "    type: postgres", f"    host: db.{host}.com",
                "    user: sling", f"    password: {v}", "    database: analytics"]
    if ext == "mage-io-config-yaml":
        return ["default:", f"  {n['OWNER']}_{n['LEAF']}: {v}", "  POSTGRES_DBNAME: analytics"]
    if ext == "rabbitmq-definitions-json":
        return ['  "users": [', "    {", f'      "name": "{o}",', f'      "password": "{v}",', '      "tags": "management"',
                "    }", "  ],"]
    if ext == "centrifugo-config-json":
        return pick([[f'  "token_hmac_secret_key": "{v}",', '  "admin": true,'],
                     [f'  "api_key": "{v}",', f'  "allowed_origins": ["https://{host}.example"],']])
    # --- notification and self-hosted services ----------------------------------------------------
    if ext == "apprise-config-yml":  # service URLs carry the token in the path
        return ["urls:", f"  - json://hooks.{host}.com/notify/{v}:", "      - tag: ops"]
    if ext == "shoutrrr-url-env":  # Watchtower's notification URL in a compose file
        return ["    environment:", f"      WATCHTOWER_NOTIFICATION_URL: generic+https://hooks.{host}.com/notify?token={v}",
                "      WATCHTOWER_POLL_INTERVAL: 3600"]
    if ext == "coturn-turnserver-conf":
        return ["use-auth-secret", f"static-auth-secret={v}", f"realm=turn.{host}.com"]
    if ext == "homepage-services-yaml":  # gethomepage.dev services.yaml widget
        return [f"    - {n['Owner']}:", f"        href: https://{host}.home.example", "        widget:",
                f"          type: {o}", f"          url: https://{host}.home.example", f"          key: {v}"]
    if ext == "rathole-server-toml":
        return [f"[server.services.{o}_ssh]", f'token = "{v}"', 'bind_addr = "0.0.0.0:5202"']
    if ext == "shadowsocks-config-json":  # no provider word at all
        return ['    "server_port": 8388,', f'    "password": "{v}",', '    "method": "chacha20-ietf-poly1305",']
    # --- ops tools, Kubernetes add-ons ----------------------------------------------------------
    if ext == "hammer-cli-foreman-yml":  # ~/.hammer/cli.modules.d/foreman.yml
        return [":foreman:", f"  :host: 'https://foreman.{host}.com'", f"  :username: '{o}'", f"  :password: '{v}'"]
    if ext == "dapr-component-yaml":
        return ["apiVersion: dapr.io/v1alpha1", "kind: Component", "metadata:", f"  name: {ok}-binding", "spec:",
                "  type: bindings.http", "  version: v1", "  metadata:", "  - name: url",
                f"    value: https://api.{host}.com/v1", f"  - name: {n['leafCamel']}", f'    value: "{v}"']
    # --- cloud CLIs' own config files ----------------------------------------------------------------
    if ext == "hcloud-cli-toml":  # ~/.config/hcloud/cli.toml
        return ['active_context = "prod"', "", "[[contexts]]", f'  name = "{ok}-prod"', f'  token = "{v}"']
    if ext == "ovh-conf":  # ~/.ovh.conf
        return ["[default]", "endpoint=ovh-eu", "", "[ovh-eu]", "application_key=orders-sync",
                f"application_secret={v}", "consumer_key=changeme"]
    if ext == "scaleway-config-yaml":  # ~/.config/scw/config.yaml
        return ["profiles:", f"  {o}:", f"    secret_key: {v}",
                "    default_region: fr-par"]
    if ext == "oci-cli-config":  # ~/.oci/config
        return [f"[{o.upper()}]", "user=ocid1.user.oc1..exampleuser", "fingerprint=00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff",
                "key_file=~/.oci/oci_api_key.pem", f"pass_phrase={v}", "region=eu-frankfurt-1"]
    if ext == "aliyun-cli-config-json":  # ~/.aliyun/config.json
        return ["    {", f'      "name": "{o}",', '      "mode": "AK",', '      "access_key_id": "orders-sync",',
                f'      "access_key_secret": "{v}",', '      "region_id": "eu-central-1"', "    }"]
    if ext == "linode-cli-ini":  # ~/.config/linode-cli
        return ["[DEFAULT]", f"default-user = {o}", "", f"[{o}]", f"token = {v}", "region = eu-central"]
    # --- Windows --------------------------------------------------------------------------------------
    if ext == "appcmd-apppool-password":
        return [f'%windir%\\system32\\inetsrv\\appcmd.exe set apppool "{n["Owner"]}Pool" '
                f'/processModel.identityType:SpecificUser /processModel.userName:ACME\\svc_{o} /processModel.password:{v}']
    if ext == "msiexec-property-cli":  # agents installed with their key as an MSI property
        return [f'msiexec /i {ok}-agent.msi /qn {up}="{v}" SITE="eu"']
    # --- Linux mounts, registries, package sources ---------------------------------------------------
    if ext == "autofs-cifs-map":
        return [f"{o}  -fstype=cifs,rw,username=svc_{o},password={v}  ://files.{host}.com/{o}"]
    if ext == "davfs2-secrets":  # /etc/davfs2/secrets
        return [f"https://dav.{host}.com/remote.php/webdav  {o}  {v}"]
    if ext == "s3fs-passwd-file":  # no provider word at all
        return [f"orders-backup:{v}"]
    if ext == "skopeo-copy-creds":
        return [f"skopeo copy --dest-creds {o}:{v} \\", "  docker://docker.io/library/nginx:1.27 \\",
                f"  docker://registry.{host}.com/mirror/nginx:1.27"]
    if ext == "apt-auth-conf":  # /etc/apt/auth.conf.d/
        return [f"machine apt.{host}.com/debian", f"login {o}", f"password {v}"]
    if ext == "pause-file-cpan":  # ~/.pause for cpan-upload
        return [f"user {o.upper()}", f"password {v}"]
    if ext == "spack-mirrors-yaml":
        return ["mirrors:", f"  {o}-cache:", f"    url: s3://{host}-spack-cache", "    access_pair:",
                "      id: spack-ci", f"      secret: {v}"]
    if ext == "go-env-goproxy":
        return [f"go env -w GOPRIVATE=git.{host}.com", f"go env -w GOPROXY=https://{o}:{v}@goproxy.{host}.com,direct"]
    # --- DNS and mail ---------------------------------------------------------------------------------
    if ext == "dnscontrol-creds-json":
        return [f'  "{o}": {{', f'    "TYPE": "{o.upper()}",', f'    "{leaf}": "{v}"', "  },"]
    if ext == "pdns-conf-api-key":  # PowerDNS pdns.conf
        return ["api=yes", f"api-key={v}", "webserver-address=0.0.0.0", "webserver-allow-from=10.0.0.0/8"]
    if ext == "roundcube-config-inc-php":
        return pick([[f"$config['smtp_host'] = 'tls://smtp.{host}.com:587';", "$config['smtp_user'] = '%u';",
                      f"$config['des_key'] = '{v}';"],
                     [f"$config['db_dsnw'] = 'mysql://roundcube:{v}@db.{host}.com/roundcubemail';"]])
    if ext == "nullmailer-remotes":  # /etc/nullmailer/remotes
        return [f"smtp.{host}.com smtp --port=587 --starttls --user={o}@acme.example --pass={v}"]
    if ext == "lego-dns-env-cli":
        return [f"{n['OWNER']}_DNS_{n['LEAF']}='{v}' \\", f"  lego --email ops@acme.example --dns {ok} \\",
                "  --domains orders.acme.example run"]
    # --- backup tools ---------------------------------------------------------------------------------
    if ext == "duplicacy-preferences-json":  # .duplicacy/preferences
        return ["    {", '        "name": "default",', f'        "storage": "s3://eu-west-1@s3.{host}.com/orders-backup",',
                '        "keys": {', '            "s3_id": "orders-backup",', f'            "s3_secret": "{v}"', "        }",
                "    }"]
    if ext == "duplicati-cli-backup":
        return [f'duplicati-cli backup "s3://orders-backup/app01?s3-server-name=s3.{host}.com&auth-username=orders" \\',
                f'  /srv/orders --auth-password="{v}" --passphrase=changeme']
    # --- logging daemons ------------------------------------------------------------------------------
    if ext == "rsyslog-omelasticsearch":
        return ['action(type="omelasticsearch"', f'       server="es.{host}.com" serverport="9200" usehttps="on"',
                f'       uid="{o}_writer" pwd="{v}"', '       searchIndex="syslog" template="plain-syslog")']
    if ext == "syslog-ng-http-destination":
        return [f"destination d_{o} {{", "  http(", f'    url("https://logs.{host}.com/v1/ingest")', '    method("POST")',
                f'    headers("{hdr}: {v}")', "  );", "};"]
    # --- identity ---------------------------------------------------------------------------------------
    if ext == "kratos-config-yaml":  # Ory Kratos OIDC provider
        return ["      oidc:", "        enabled: true", "        config:", "          providers:", f"            - id: {o}",
                "              provider: generic", "              client_id: orders-web",
                f"              client_secret: {v}", f"              issuer_url: https://auth.{host}.com"]
    # --- config formats and shells ----------------------------------------------------------------
    if ext == "nestedtext-nt":
        return [f"{o}:", f"    {leaf}: {v}", f"    url: https://api.{host}.com"]
    if ext == "cson-config":  # Atom/Pulsar config.cson
        return [f'  "{ok}":', f"    {n['leafCamel']}: '{v}'"]
    if ext == "ytt-data-values":  # Carvel ytt data values
        return ["#@data/values", "---", f"{o}:", f"  {leaf}: {v}", "  region: eu-west-1"]
    if ext == "elvish-set-env":  # ~/.config/elvish/rc.elv
        return pick([[f"set-env {up} '{v}'"], [f"set E:{up} = '{v}'"]])
    if ext == "helix-languages-toml":
        return [f"[language-server.{ok}-lsp]", f'command = "{ok}-lsp"', f'environment = {{ "{up}" = "{v}" }}']
    # --- AI frameworks -------------------------------------------------------------------------------
    if ext == "haystack-secret-from-token":
        return ["generator = OpenAIGenerator(", f'    api_key=Secret.from_token("{v}"),',
                f'    api_base_url="https://api.{host}.com/v1",', ")"]
    if ext == "semantic-kernel-cs":
        return ["builder.AddOpenAIChatCompletion(", '    modelId: "large",', f'    apiKey: "{v}",',
                f'    endpoint: new Uri("https://api.{host}.com/v1"));']
    # --- framework configs and platform CLIs --------------------------------------------------------
    if ext == "spring-cloud-config-server-yml":
        return ["spring:", "  cloud:", "    config:", "      server:", "        git:",
                f"          uri: https://git.{host}.com/ops/config-repo.git", f"          username: {o}",
                f"          password: {v}"]
    if ext == "rails-credentials-show":  # bin/rails credentials:show, pasted
        return ["$ bin/rails credentials:show --environment production", f"{o}:", f"  {leaf}: {v}",
                "secret_key_base: <redacted>"]
    if ext == "symfony-env-local-php":  # composer dump-env prod
        return [f"  '{up}' => '{v}',"]
    if ext == "railway-variables-set":
        return [f"railway variables --service orders --set \"{up}={v}\""]
    # --- installers and small languages -------------------------------------------------------------
    if ext == "inno-setup-define":
        return [f'#define {n["Owner"]}{n["Leaf"]} "{v}"']
    if ext == "wix-property":
        return [f'    <Property Id="{up}" Value="{v}" Secure="yes" />']
    if ext == "renpy-define":
        return pick([[f'define {low} = "{v}"'], [f"# {title}", f'default persistent.{leaf} = "{v}"']])
    raise ValueError(f"unknown held-out syntax {ext}")


SH = ["#!/usr/bin/env bash", "set -euo pipefail"]

# name -> (file name, header lines, footer lines, comment prefix or None)
SYNTAXES = {
    # scanners' and DAST tools' output
    "tartufo-json-report": ("reports/tartufo.json", ["{", '  "project_path": "/home/ci/src/orders",',
                                                     '  "output_dir": null,', '  "excluded_paths": [],',
                                                     '  "found_issues": ['], ["  ]", "}"], None),
    "checkov-secrets-cli-output": ("reports/checkov-secrets.txt", ["$ checkov -d . --framework secrets", "",
                                                                   "secrets scan results:", "",
                                                                   "Passed checks: 0, Failed checks: 1, Skipped checks: 0", ""],
                                   [], None),
    "deepfence-secretscanner-json": ("reports/secretscanner.json", ["{", '  "Image Name": "acme/orders:1.4.0",',
                                                                    '  "Secrets": ['], ["  ]", "}"], None),
    "codeguru-findings-json": ("reports/codeguru-findings.json", ["{", '  "findings": ['], ["  ]", "}"], None),
    "titus-report-human": ("reports/titus.txt", ["$ titus report --datastore titus.ds", ""], [], None),
    "betterleaks-csv-report": ("reports/betterleaks.csv",
                               ["RuleID,Commit,File,SymlinkFile,Secret,Match,StartLine,EndLine,StartColumn,EndColumn,"
                                "Author,Message,Date,Email,Fingerprint,Tags"], [], None),
    "zap-alerts-json": ("reports/zap-report.json", ["{", '  "@programName": "ZAP",', '  "site": [', "    {",
                                                    '      "@name": "https://shop.acme.example",', '      "alerts": [',
                                                    "        {", '          "pluginid": "10027",',
                                                    '          "alert": "Information Disclosure - Suspicious Comments",',
                                                    '          "riskdesc": "Informational (Low)",', '          "instances": ['],
                        ["          ],", '          "count": "1"', "        }", "      ]", "    }", "  ]", "}"], None),
    "nuclei-jsonl-output": ("reports/nuclei-tokens.jsonl", [], [], None),
    "jsluice-secrets-jsonl": ("reports/jsluice-secrets.jsonl", [], [], None),
    "secretfinder-cli-output": ("notes/secretfinder-run.txt", ["$ python3 SecretFinder.py -i https://shop.acme.example -e -o cli",
                                                               ""], [], None),
    "mantra-output": ("notes/mantra-run.txt", ["$ cat js-urls.txt | mantra", ""], [], None),
    # test files
    "django-override-settings": ("orders/checks/client_checks.py", ["from django.test import SimpleTestCase, override_settings",
                                                                     "", "from orders.client import build_client", "", "",
                                                                     "class ClientChecks(SimpleTestCase):"], [], "# "),
    "py-patch-object": ("checks/check_headers.py", ["import unittest", "from unittest import mock", "",
                                                    "from orders import config, settings", "from orders.http import build_headers",
                                                    "", "", "class HeaderChecks(unittest.TestCase):"], [], "# "),
    "gomock-expect-return": ("internal/orders/client_cases.go", ["package orders", "", "import (", '\t"testing"', "",
                                                                '\t"go.uber.org/mock/gomock"', ")", "",
                                                                "func checkClientFromConfig(t *testing.T) {",
                                                                "\tctrl := gomock.NewController(t)",
                                                                "\tcfg := NewMockConfig(ctrl)"],
                             ["\tif _, err := NewClient(cfg); err != nil {", "\t\tt.Fatal(err)", "\t}", "}"], "// "),
    "rust-wiremock-header": ("src/client/http_cases.rs", ["#[cfg(test)]", "mod http_cases {", "    use super::*;",
                                                          "    use wiremock::matchers::{header, method, path};",
                                                          "    use wiremock::{Mock, MockServer, ResponseTemplate};", "",
                                                          "    #[tokio::test]", "    async fn lists_orders() {",
                                                          "        let server = MockServer::start().await;"],
                             ["        assert!(Client::new(&server.uri()).list_orders().await.is_ok());", "    }", "}"],
                             "// "),
    "rust-temp-env-with-var": ("src/config/env_cases.rs", ["#[cfg(test)]", "mod env_cases {", "    use super::*;", "",
                                                           "    #[test]", "    fn reads_key_from_env() {"], ["    }", "}"],
                               "// "),
    "java-wiremock-stubfor": ("src/integration/java/com/acme/orders/OrdersClientIT.java",
                              ["package com.acme.orders;", "", "import static com.github.tomakehurst.wiremock.client.WireMock.*;",
                               "", "@WireMockTest(httpPort = 8089)", "class OrdersClientIT {",
                               "    @org.junit.jupiter.api.Test", "    void listsOrders() {"],
                              ["        assertEquals(0, new OrdersClient(\"http://localhost:8089\").list().size());", "    }",
                               "}"], "// "),
    "java-system-stubs-env": ("src/integration/java/com/acme/orders/SettingsIT.java",
                              ["package com.acme.orders;", "", "import uk.org.webcompere.systemstubs.environment.EnvironmentVariables;",
                               "import uk.org.webcompere.systemstubs.jupiter.SystemStub;",
                               "import uk.org.webcompere.systemstubs.jupiter.SystemStubsExtension;", "",
                               "@ExtendWith(SystemStubsExtension.class)", "class SettingsIT {"],
                              ["", "    @org.junit.jupiter.api.Test", "    void loads() {",
                               "        assertNotNull(Settings.load());", "    }", "}"], "// "),
    "ktor-mockengine-header": ("src/jvmCheck/kotlin/com/acme/orders/ClientChecks.kt",
                               ["package com.acme.orders", "", "import io.ktor.client.engine.mock.*", "import io.ktor.http.*",
                                "import kotlin.test.assertEquals", "", "class ClientChecks {", "    @kotlin.test.Test",
                                "    fun listsOrders() = runBlocking {"],
                               ["        assertEquals(0, OrdersClient(HttpClient(engine)).list().size)", "    }", "}"],
                               "// "),
    "moq-setup-returns": ("Orders.Checks/ClientSetupChecks.cs", ["using Moq;", "using Xunit;", "",
                                                                 "public class ClientSetupChecks", "{", "    [Fact]",
                                                                 "    public void BuildsClient()", "    {",
                                                                 "        var config = new Mock<IConfiguration>();",
                                                                 "        var options = new Mock<IOptions<ApiOptions>>();"],
                          ["        Assert.NotNull(ClientFactory.Create(config.Object, options.Object));", "    }", "}"],
                          "// "),
    "mockhttp-withheaders": ("Orders.Checks/OrdersClientChecks.cs", ["using RichardSzalay.MockHttp;", "using Xunit;", "",
                                                                     "public class OrdersClientChecks", "{", "    [Fact]",
                                                                     "    public async Task ListsOrders()", "    {",
                                                                     "        var mockHttp = new MockHttpMessageHandler();"],
                             ["        var client = new OrdersClient(mockHttp.ToHttpClient());",
                              "        Assert.Empty(await client.ListAsync());", "    }", "}"], "// "),
    "vcr-filter-sensitive-data": ("checks/support/vcr_setup.rb", ["require 'vcr'", ""], [], "# "),
    "elixir-bypass-header": ("checks/orders/client_check.exs", ["defmodule Orders.ClientCheck do",
                                                                "  use ExUnit.Case, async: true", "",
                                                                "  setup do", "    {:ok, bypass: Bypass.open()}", "  end", "",
                                                                '  test "lists orders", %{bypass: bypass} do'],
                             ['    assert {:ok, []} = Orders.Client.list("http://localhost:#{bypass.port}")', "  end", "end"],
                             "# "),
    "shunit2-setup": ("checks/env_check.sh", ["#!/bin/sh", "# shunit2 checks for deploy/render-env.sh", ""],
                      ["", "checkRendersEnv() {", "  assertContains \"$(./deploy/render-env.sh)\" REGION", "}", "",
                       ". shunit2"], "# "),
    "sinon-stub-withargs": ("checks/client.cases.js", ["const sinon = require('sinon')", "const config = require('../src/config')",
                                                       "", "describe('client', () => {", "  beforeEach(() => {"],
                            ["  })", "  afterEach(() => sinon.restore())", "})"], "// "),
    "jasmine-spy-returnvalue": ("src/app/orders/orders.service.cases.ts", ["describe('OrdersService', () => {",
                                                                           "  let settings: SettingsService;", "",
                                                                           "  beforeEach(() => {",
                                                                           "    settings = TestBed.inject(SettingsService);"],
                                ["  });", "});"], "// "),
    "ava-test-is": ("checks/env-parse.cases.mjs", ["import test from 'ava'", "import { parse } from '../src/env.mjs'", ""], [],
                    "// "),
    "spring-cloud-contract-groovy": ("src/contracts/groovy/orders/shouldListOrders.groovy",
                                     ["import org.springframework.cloud.contract.spec.Contract", "", "Contract.make {",
                                      '    description "should list orders"'],
                                     ["    response {", "        status OK()", "    }", "}"], "// "),
    "clojure-with-redefs": ("check/orders/client_check.clj", ["(ns orders.client-check", "  (:require [clojure.test :refer :all]",
                                                              "            [orders.client :as client]",
                                                              "            [orders.config :as config]))", ""], [], ";; "),
    "tasty-hunit-case": ("checks/ScanCases.hs", ["module Main (main) where", "", "import Scanner (scan)",
                                                 "import Test.Tasty", "import Test.Tasty.HUnit", "", "main :: IO ()",
                                                 'main = defaultMain $ testGroup "scanner"',
                                                 '  [ testCase "empty line" $ length (scan "") @?= 0'], ["  ]"], None),
    "c-unity-assert": ("checks/check_scan.c", ['#include "unity.h"', '#include "scan.h"', ""], [], "// "),
    "cpp-doctest-check": ("checks/scan_cases.cpp", ['#include "doctest/doctest.h"', '#include "scan.hpp"', "#include <string>",
                                                    ""], [], "// "),
    "zio-test-assert": ("src/check/scala/acme/scan/ScannerSpec.scala", ["package acme.scan", "", "import zio.test._", "",
                                                                         "object ScannerSpec extends ZIOSpecDefault {",
                                                                         '  def spec = suite("Scanner")('],
                        ["  )", "}"], "// "),
    "racket-rackunit": ("checks/scan-cases.rkt", ["#lang racket", "(require rackunit \"../scan.rkt\")", ""], [], ";; "),
    # database tools and data stores
    "liquibase-properties": ("db/liquibase.properties", ["changeLogFile=changelog/db.changelog-master.yaml"], [], "# "),
    "alembic-ini": ("alembic.ini", ["# A generic, single database configuration."],
                    ["", "[loggers]", "keys = root,sqlalchemy,alembic"], "# "),
    "hibernate-cfg-xml": ("src/main/resources/hibernate.cfg.xml",
                          ['<?xml version="1.0" encoding="utf-8"?>', "<hibernate-configuration>", "  <session-factory>",
                           '    <property name="hibernate.connection.driver_class">com.mysql.cj.jdbc.Driver</property>'],
                          ['    <property name="hibernate.hbm2ddl.auto">validate</property>', "  </session-factory>",
                           "</hibernate-configuration>"], None),
    "knexfile-js": ("knexfile.js", ["module.exports = {", "  development: {", "    client: 'sqlite3',",
                                    "    connection: { filename: './dev.sqlite3' },", "  },"], ["};"], "// "),
    "drizzle-config-ts": ("drizzle.config.ts", ["import { defineConfig } from 'drizzle-kit';", "", "export default defineConfig({",
                                                "  schema: './src/db/schema.ts',", "  out: './drizzle',", "  dialect: 'postgresql',"],
                          ["});"], "// "),
    "postgrest-conf": ("etc/postgrest/postgrest.conf", ["# PostgREST configuration"], ['server-port = 3000'], "# "),
    "proxysql-cnf": ("etc/proxysql.cnf", ['datadir="/var/lib/proxysql"', "", "admin_variables=", "{",
                                          '    mysql_ifaces="0.0.0.0:6032"', "}", ""], [], "# "),
    "patroni-yml": ("etc/patroni/patroni.yml", ["scope: orders-pg", "name: pg-01", "restapi:", "  listen: 0.0.0.0:8008"],
                    ["  data_dir: /var/lib/postgresql/16/main"], "# "),
    "redis-sentinel-conf": ("etc/redis/sentinel.conf", ["port 26379", "daemonize no"], [], "# "),
    "couchdb-local-ini": ("etc/couchdb/local.d/10-admins.ini", ["; CouchDB server administrators"], [], "; "),
    "meilisearch-config-toml": ("etc/meilisearch/config.toml", ['env = "production"', 'db_path = "/var/lib/meilisearch/data"'],
                                [], "# "),
    "typesense-server-ini": ("etc/typesense/typesense-server.ini", ["; Typesense server configuration"], [], "; "),
    "qdrant-config-yaml": ("config/qdrant/production.yaml", ["log_level: INFO", "storage:",
                                                             "  storage_path: /qdrant/storage"], [], "# "),
    "steampipe-spc": (".steampipe/config/integrations.spc", ["# connections for the weekly inventory queries"], [], "# "),
    "sling-env-yaml": (".sling/env.yaml", ["# Sling connections"], ["variables: {}"], "# "),
    "mage-io-config-yaml": ("pipelines/io_config.yaml", ["version: 0.1.1"], [], "# "),
    "rabbitmq-definitions-json": ("etc/rabbitmq/definitions.json", ["{", '  "rabbit_version": "3.13.1",'],
                                  ['  "vhosts": [ { "name": "/" } ]', "}"], None),
    "centrifugo-config-json": ("config/centrifugo.json", ["{", '  "log_level": "info",'], ['  "namespaces": []', "}"], None),
    # notification and self-hosted services
    "apprise-config-yml": ("config/apprise.yml", ["version: 1"], [], "# "),
    "shoutrrr-url-env": ("watchtower/compose.yaml", ["services:", "  watchtower:", "    image: containrrr/watchtower:1.7.1",
                                                     "    volumes:", "      - /var/run/docker.sock:/var/run/docker.sock"],
                         [], "# "),
    "coturn-turnserver-conf": ("etc/turnserver.conf", ["listening-port=3478", "fingerprint"], ["no-cli"], "# "),
    "homepage-services-yaml": ("homepage/config/services.yaml", ["- Media:", "    - Jellyfin:", "        href: http://jellyfin.lan"],
                               [], "# "),
    "rathole-server-toml": ("etc/rathole/server.toml", ["[server]", 'bind_addr = "0.0.0.0:2333"', ""], [], "# "),
    "shadowsocks-config-json": ("etc/shadowsocks-libev/config.json", ["{", '    "server": "0.0.0.0",'],
                                ['    "timeout": 300', "}"], None),
    # ops tools, Kubernetes add-ons
    "hammer-cli-foreman-yml": (".hammer/cli.modules.d/foreman.yml", [], ["  :refresh_cache: false"], None),
    "dapr-component-yaml": ("deploy/dapr/components/orders-binding.yaml", [], [], "# "),
    # cloud CLIs' own config files
    "hcloud-cli-toml": (".config/hcloud/cli.toml", [], [], "# "),
    "ovh-conf": (".ovh.conf", [], [], "; "),
    "scaleway-config-yaml": (".config/scw/config.yaml", ["active_profile: default"], [], "# "),
    "oci-cli-config": (".oci/config", ["[DEFAULT]", "region=eu-frankfurt-1", ""], [], "# "),
    "aliyun-cli-config-json": (".aliyun/config.json", ["{", '  "current": "default",', '  "profiles": ['],
                               ["  ],", '  "meta_path": ""', "}"], None),
    "linode-cli-ini": (".config/linode-cli", [], [], None),
    # Windows
    "appcmd-apppool-password": ("ops/iis-setup.cmd", ["@echo off", "REM application pool identities"], [], "REM "),
    "msiexec-property-cli": ("ops/install-agent.cmd", ["@echo off"], ["sc query"], "REM "),
    # Linux mounts, registries, package sources
    "autofs-cifs-map": ("etc/auto.smb.shares", ["# autofs map for the file shares"], [], "# "),
    "davfs2-secrets": ("etc/davfs2/secrets", ["# davfs2 secrets file: url user password"], [], "# "),
    "s3fs-passwd-file": ("etc/passwd-s3fs", [], [], None),
    "skopeo-copy-creds": ("ops/mirror-images.sh", SH, [], "# "),
    "apt-auth-conf": ("etc/apt/auth.conf.d/vendor.conf", [], [], "# "),
    "pause-file-cpan": (".pause", [], [], None),
    "spack-mirrors-yaml": ("etc/spack/mirrors.yaml", [], [], "# "),
    "go-env-goproxy": ("ops/setup-go.sh", SH, ["go mod download"], "# "),
    # DNS and mail
    "dnscontrol-creds-json": ("dns/creds.json", ["{", '  "none": { "TYPE": "NONE" },'], ['  "bind": { "TYPE": "BIND" }', "}"],
                              None),
    "pdns-conf-api-key": ("etc/powerdns/pdns.conf", ["launch=gsqlite3", "gsqlite3-database=/var/lib/powerdns/pdns.sqlite3"], [],
                          "# "),
    "roundcube-config-inc-php": ("roundcube/config/config.inc.php", ["<?php", "", "$config = [];"],
                                 ["$config['plugins'] = ['archive', 'zipdownload'];"], None),
    "nullmailer-remotes": ("etc/nullmailer/remotes", [], [], "# "),
    "lego-dns-env-cli": ("ops/renew-cert.sh", SH, [], "# "),
    # backup tools
    "duplicacy-preferences-json": (".duplicacy/preferences", ["["], ["]"], None),
    "duplicati-cli-backup": ("ops/backup.sh", SH, [], "# "),
    # logging daemons
    "rsyslog-omelasticsearch": ("etc/rsyslog.d/60-elasticsearch.conf", ['module(load="omelasticsearch")'], [], "# "),
    "syslog-ng-http-destination": ("etc/syslog-ng/conf.d/http.conf", ["@version: 4.2", ""],
                                   ["", "log { source(s_src); destination(d_http); };"], "# "),
    # identity
    "kratos-config-yaml": ("deploy/kratos/kratos.yml", ["version: v1.1.0", "selfservice:", "  methods:"], [], "# "),
    # config formats and shells
    "nestedtext-nt": ("config/settings.nt", ["# settings in NestedText", "log level: info"], [], "# "),
    "cson-config": (".pulsar/config.cson", ['"*":', "  core:", "    telemetryConsent: \"no\""], [], "# "),
    "ytt-data-values": ("deploy/values.yml", [], [], "#! "),
    "elvish-set-env": (".config/elvish/rc.elv", ["use path", ""], [], "# "),
    "helix-languages-toml": (".config/helix/languages.toml", ["[[language]]", 'name = "python"', ""], [], "# "),
    # AI frameworks
    "haystack-secret-from-token": ("pipelines/rag.py", ["from haystack.components.generators import OpenAIGenerator",
                                                        "from haystack.utils import Secret", ""], [], "# "),
    "semantic-kernel-cs": ("src/Orders.Assistant/KernelSetup.cs", ["using Microsoft.SemanticKernel;", "",
                                                                   "var builder = Kernel.CreateBuilder();"],
                           ["var kernel = builder.Build();"], "// "),
    # framework configs and platform CLIs
    "spring-cloud-config-server-yml": ("config-server/src/main/resources/application.yml", ["server:", "  port: 8888"], [],
                                       "# "),
    "rails-credentials-show": ("notes/rails-credentials.txt", [], [], None),
    "symfony-env-local-php": (".env.local.php", ["<?php", "", "// This file was generated by running \"composer dump-env prod\"",
                                                 "", "return array (", "  'APP_ENV' => 'prod',"], [");"], None),
    "railway-variables-set": ("ops/railway-env.sh", SH, [], "# "),
    # installers and small languages
    "inno-setup-define": ("installer/orders.iss", ['#define MyAppName "Orders Sync"', '#define MyAppVersion "1.4.0"'],
                          ["", "[Setup]", "AppName={#MyAppName}"], "; "),
    "wix-property": ("installer/Product.wxs", ['<?xml version="1.0" encoding="UTF-8"?>',
                                               '<Wix xmlns="http://wixtoolset.org/schemas/v4/wxs">',
                                               '  <Package Name="Orders Sync" Version="1.4.0" Manufacturer="Acme" '
                                               'UpgradeCode="6f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0">'],
                     ["  </Package>", "</Wix>"], None),
    "renpy-define": ("game/options.rpy", ['define config.name = _("Orders Quest")', ""], [], "# "),
}
HELDOUT19_SYNTAXES = list(SYNTAXES)
