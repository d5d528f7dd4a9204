"""Twenty-first held-out syntax set: written blind, nobody tunes rules or the engine against it.

A set nobody has tuned against, to predict how the pack does on syntaxes it has never seen
once eval/heldout20.py has been measured and is used to fix rules. It was written and committed
before any result of it was looked at, in forms that none of eval/gen.py, eval/heldout.py and
eval/heldout2.py .. eval/heldout20.py produce, in two parts.

About a third in the style of other scanners' rule tests and reports and of test files the
earlier sets lack (written from how such files look, not copied from any): a gitleaks-style rule
file growing `tps` with `append` and Go raw strings, a gitleaks SARIF result with the secret alone
in `region.snippet.text`, a gitleaks `--report-format template` Markdown table, a Nosey Parker /
Titus rule whose `examples:` are `|` block scalars holding a file excerpt, detect-secrets-style
`(line, should_flag)` parametrize tuples with f-strings, a TruffleHog-style table case whose
`input` is a multi-line raw string of YAML, a secretlint snapshot `input.txt` in prose, Semgrep
`# ruleid:` tests for Ruby and Terraform, SonarQube-style `// Noncompliant` samples in Java and
C#, Bandit B105 (compare) and B106 (function argument) samples, and a ripgrep `--json` match and
`git blame` output quoting the line; tests in frameworks not used before: RSpec `allow(ENV).to
receive(:fetch)`, a testify suite's `SetupTest` with `s.T().Setenv`, Erlang common_test
`init_per_suite` with `os:putenv`, Pester `Mock` returning the value, Bats `run env X=v`, a
PHPUnit provider that `yield`s named cases, a pytest fixture with `params=`, elm-test
`Expect.equal`, OCaml `let%test`, V `fn test_`, Haxe utest, LuaUnit, Objective-C
`XCTAssertEqualObjects`, Boost.Test `BOOST_CHECK_EQUAL`, CTest `ENVIRONMENT` properties, Meson
`test(..., env:)`, nox `session.run(env=...)`, `cypress run --env`, `k6 run -e`, `hurl
--variable`, Nightwatch `globals` and a TestCafe `RequestHook`.

The rest real-world files from areas the earlier sets lack: CI and deploy commands (`fly
set-pipeline -v`, `drone secret add`, `glab variable set`, a Codefresh step's `environment`,
`spacectl stack environment setvar`, `docker buildx build --secret id=...,env=...` with the
variable set before it, `kubectl set env`, `ansible-playbook -e`, `terraform apply -var`,
`systemd-run --setenv`), host and build files (a Butane `inline` file, MSBuild
`Directory.Build.props`, Emacs `.dir-locals.el` `setenv`, Home Manager `home.sessionVariables`,
a PowerShell `.psd1` data file, pyinfra `_env`, a WinGet configuration `.dsc.yaml`, IIS URL
Rewrite `serverVariables`, containerd `hosts.toml` headers, an s6-overlay envdir file, OpenRC
`conf.d` `command_args`), monitoring (vmagent `-remoteWrite.bearerToken`, Zabbix agent 2 plugin
sessions, blackbox_exporter module headers), data and notebooks (an `airflow connections export`
YAML, a Prefect `Secret` block, a Zeppelin note, a Livebook `.livemd`, psql `\\x` expanded
display, ClickHouse `FORMAT Vertical`), logs (a Heroku router line and an nginx error log line
with the value in the request's query string), package sources (a Podfile `source` and a
requirements VCS URL with the value in the userinfo, `remotes::install_github(auth_token=)`,
rebar3 `hex.config`), desktop apps (an Electron Forge GitHub publisher, an Alfred workflow's
`variables`), AI tools (`oco config set`, gptme `[env]`, `claude mcp add -e`, Continue's
`config.yaml` `mcpServers`, an Open Interpreter profile, smolagents `LiteLLMModel`), debugger and
console sessions (Rails console `credentials.x[:y]`, pdb `p`, lldb `po`, Wireshark "Follow TCP
Stream"), gateways (Caddy's JSON config `headers.request.set`, a Kong Admin API
request-transformer) and small languages and formats (Perl `use constant`, Groovy slashy
strings, Chapel `config const`, Pony, PureScript, Standard ML, Scheme alists, SDLang).

Interface as eval/heldout20.py: `render(ext, key, value, rng)` returns the lines holding `value`;
`SYNTAXES` maps each name to (file name, header lines, footer lines, comment prefix or None).
Key names come from the rule metadata as in gen.py; each syntax re-spells the key the way its
language or tool does, some with the provider word on the key itself, some on a parent, a
section, a module, a session, a connection id, a secret's name, a host or a user name, some only
nearby (a comment, a test name, a rule id, a description), three split across a key path
(`Providers.X.Key` in a `.psd1`, `Plugins.Http.Sessions.x.Key` in Zabbix, `credentials.x[:key]`
in a Rails console), two with the value in a URL's userinfo (Podfile, requirements VCS URL), two
in a query string (Heroku router and nginx error logs), and two not at all (the s6 envdir file
and OpenRC `command_args`, and opencommit's `OCO_API_KEY` half the time).

File names avoid the test path globs (rules/test-paths.toml), so the test-style files sit
at paths such as `cases/`, `checks/`, `rules/` or `reports/`. The helpers are copied, not
imported from heldout2.py .. heldout20.py, so that edits there do not move this set.
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
    """The lines that hold `value` under `key` in held-out syntax `ext` (twenty-first set)."""
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
    # --- other scanners' rule tests and reports ------------------------------------------------------
    if ext == "gl-tps-append-raw":  # a gitleaks-style rule file growing its true positives by hand
        return [f'\ttps = append(tps, `{low} = "{v}"`)']
    if ext == "gitleaks-sarif-result":  # the secret alone in region.snippet.text
        return ["        {", f'          "message": {{ "text": "{kebab} has detected secret for file deploy/app.env." }},',
                f'          "ruleId": "{kebab}",', '          "locations": [', "            {",
                '              "physicalLocation": {', '                "artifactLocation": { "uri": "deploy/app.env" },',
                '                "region": {', '                  "startLine": 3,', '                  "startColumn": 12,',
                '                  "endLine": 3,', f'                  "snippet": {{ "text": "{v}" }}', "                }",
                "              }", "            }", "          ]", "        }"]
    if ext == "gitleaks-report-template-md":  # --report-format template with a Markdown template
        return [f"| `{kebab}` | `deploy/app.env:3` | a1b2c3d | `{v}` |"]
    if ext == "titus-rule-yaml-multiline-example":
        return ["  examples:", "  - |", "      # config/settings.py", f"      {up} = '{v}'", "      REGION = 'eu-west-1'"]
    if ext == "ds-keyword-fstring-param":  # detect-secrets style: (line, should_flag)
        return pick([[f"        (f'{low} = \"{v}\"', True),"],
                     [f"        # {title} in a YAML mapping", f"        ('{leaf}: {v}', True),"]])
    if ext == "th-raw-yaml-input-case":
        return ["\t\t{", f'\t\t\tname: "valid pattern - {ow} yaml",', "\t\t\tinput: `", f"{o}:", f"  {leaf}: {v}",
                "  region: eu-west-1`,", "\t\t\twantCount: 1,", "\t\t},"]
    if ext == "secretlint-snapshot-input-txt":
        return [f"The {ow} {n['leaf_words']} for the shared sandbox is {v}, rotate it after the demo."]
    if ext == "semgrep-ruleid-ruby":
        return [f"# ruleid: detected-{kebab}", f"{Ow}.{leaf} = '{v}'"]
    if ext == "semgrep-ruleid-terraform":
        return [f'provider "{o}" {{', f"  # ruleid: {kebab}-hardcoded", f'  {leaf} = "{v}"', "}"]
    if ext == "sonar-noncompliant-java":
        return [f'        String {camel} = "{v}"; // Noncompliant {{{{Revoke and change this password, as it is compromised.}}}}']
    if ext == "sonar-noncompliant-cs":
        return [f'        var {camel} = "{v}"; // Noncompliant']
    if ext == "bandit-b106-funcarg":
        return [f'{o}_client.login(user="svc-orders", {leaf}="{v}")']
    if ext == "bandit-b105-compare":
        return [f"    if {low} == '{v}':", "        return True"]
    if ext == "rspec-allow-env-fetch":
        return [f'    allow(ENV).to receive(:fetch).with("{up}").and_return("{v}")']
    if ext == "go-testify-suite-setenv":
        return [f"func (s *{Ow}Suite) SetupTest() {{", f'\ts.T().Setenv("{up}", "{v}")', "}"]
    if ext == "erlang-ct-init-per-suite":
        return ["init_per_suite(Config) ->", f'    os:putenv("{up}", "{v}"),', "    Config."]
    if ext == "pester-mock-returns":
        return [f"        Mock Get-{Ow}{Lf} {{ '{v}' }}"]
    if ext == "bats-run-env-prefix":
        return [f'@test "{ow} client signs requests" {{', f"  run env {up}={v} ./bin/orders list",
                "  [ \"$status\" -eq 0 ]", "}"]
    if ext == "phpunit-provider-yield-named":
        return [f"        yield '{ow} {n['leaf_words']}' => ['{v}'];"]
    if ext == "pytest-fixture-params":
        return [f'@pytest.fixture(params=["{v}"])', f"def {low}(request):", "    return request.param"]
    if ext == "elm-test-expect-equal":
        return [f'        , test "reads the {ow} key" <|', "            \\_ ->",
                f'                Config.{camel} |> Expect.equal "{v}"']
    if ext == "ocaml-let-test":
        return [f'let%test "{ow} {n["leaf_words"]}" = Config.{low} = "{v}"']
    if ext == "vlang-test-fn":
        return [f"fn test_{low}() {{", f"\tassert config.{low} == '{v}'", "}"]
    if ext == "haxe-utest-assert":
        return [f"    function test{pas}() {{", f'        Assert.equals("{v}", Config.{camel});', "    }"]
    if ext == "luaunit-assert-equals":
        return [f"function Check{Ow}:test{Lf}()", f"    lu.assertEquals(config.{low}, '{v}')", "end"]
    if ext == "objc-xctassert-equal-objects":
        return [f"- (void)test{pas} {{", f'    XCTAssertEqualObjects(self.client.{camel}, @"{v}");', "}"]
    if ext == "boost-test-check-equal":
        return [f"BOOST_AUTO_TEST_CASE({low}_is_read)", "{", f'    BOOST_CHECK_EQUAL(cfg.{low}, "{v}");', "}"]
    if ext == "cmake-ctest-environment":
        return [f'set_tests_properties(orders_client PROPERTIES ENVIRONMENT "{up}={v};REGION=eu-west-1")']
    if ext == "meson-test-env":
        return [f"test('client', client_exe, env: ['{up}={v}', 'REGION=eu-west-1'])"]
    if ext == "nox-session-env":
        return ['    session.run("pytest", "-q", env={', f'        "{up}": "{v}",', "    })"]
    if ext == "cypress-run-env-cli":
        return [f"npx cypress run --env {camel}={v},region=eu-west-1 --spec cypress/e2e/orders.cy.js"]
    if ext == "k6-run-env-flag":
        return [f"k6 run -e {up}={v} -e BASE_URL=https://api.{host}.com scripts/load.js"]
    if ext == "hurl-variable-cli":
        return [f"hurl --test --variable {low}={v} api/orders.hurl"]
    if ext == "nightwatch-globals":
        return ["  test_settings: {", "    default: {", "      globals: {", f"        {camel}: '{v}',", "      },", "    },", "  },"]
    if ext == "testcafe-requesthook-header":
        return ["    onRequest (event) {", f"        event.requestOptions.headers['{hdr.lower()}'] = '{v}';", "    }"]
    if ext == "ripgrep-json-match":
        return ['{"type":"match","data":{"path":{"text":"deploy/app.env"},"lines":{"text":"' + f"{up}={v}" + '\\n"},'
                '"line_number":3,"absolute_offset":41,"submatches":[{"match":{"text":"' + up + '"},"start":0,"end":'
                + str(len(up)) + "}]}}"]
    if ext == "git-blame-output":
        return [f"^4e2a91c (Dana Kowalski 2024-05-07 10:11:12 +0200 14) {up} = \"{v}\""]
    # --- CI and deploy -----------------------------------------------------------------------------------
    if ext == "fly-set-pipeline-var":
        return ["fly -t ci set-pipeline -p orders -c ci/pipeline.yml \\", f"  -v {kebab}={v} \\",
                "  -v region=eu-west-1"]
    if ext == "drone-secret-add-cli":
        return [f"drone secret add --repository acme/orders --name {low} --data {v}"]
    if ext == "glab-variable-set":
        return [f'glab variable set {up} "{v}" --masked --scope production']
    if ext == "codefresh-yml":
        return ["    environment:", f"      - {up}={v}", "      - REGION=eu-west-1"]
    if ext == "spacectl-setvar-cli":
        return [f"spacectl stack environment setvar --id orders-prod --write-only TF_VAR_{low} '{v}'"]
    if ext == "containerd-hosts-toml-header":
        return [f'[host."https://registry.{host}.io".header]', f'  authorization = "Bearer {v}"']
    if ext == "buildx-secret-env-prefix":
        return [f"{up}='{v}' docker buildx build --secret id={ok},env={up} -t orders:dev ."]
    if ext == "kubectl-set-env-cli":
        return [f"kubectl -n orders set env deployment/orders-api {up}={v}"]
    if ext == "ansible-playbook-extra-vars":
        return [f"ansible-playbook -i inventories/prod site.yml -e {low}={v} --tags orders"]
    if ext == "tf-apply-var-flag":
        return [f"terraform apply -var 'region=eu-west-1' -var '{low}={v}'"]
    if ext == "systemd-run-setenv":
        return [f"systemd-run --unit=orders-sync --setenv={up}={v} /usr/local/bin/orders-sync --once"]
    if ext == "butane-inline-file":
        return ["    - path: /etc/orders/app.env", "      mode: 0600", "      contents:", "        inline: |",
                f"          {up}={v}", "          REGION=eu-west-1"]
    if ext == "msbuild-directory-build-props":
        return ["  <PropertyGroup>", f"    <{pas}>{v}</{pas}>", "  </PropertyGroup>"]
    if ext == "emacs-dir-locals-setenv":
        return [f' (nil . ((eval . (setenv "{up}" "{v}"))))']
    if ext == "home-manager-session-variables":
        return ["  home.sessionVariables = {", f'    {up} = "{v}";', '    EDITOR = "nvim";', "  };"]
    if ext == "psd1-data-file":  # key path: Providers.<Owner>.<Leaf>
        return ["    Providers = @{", f"        {Ow} = @{{", f"            {Lf} = '{v}'", "        }", "    }"]
    if ext == "pyinfra-operation-env":
        return ["server.shell(", f'    name="Register the {ow} agent",', '    commands=["/usr/local/bin/agent register"],',
                f'    _env={{"{up}": "{v}"}},', ")"]
    if ext == "winget-configuration-yaml":
        return ["    - resource: PSDscResources/Environment", "      directives:",
                f"        description: Set the {ow} {n['leaf_words']}", "      settings:", f"        Name: {up}",
                f"        Value: {v}", "        Ensure: Present"]
    if ext == "iis-rewrite-server-variable":
        return ["          <serverVariables>", f'            <set name="HTTP_{hdr.upper().replace("-", "_")}" value="{v}" />',
                "          </serverVariables>"]
    if ext == "vmagent-remote-write-flag":
        return [f"      - -remoteWrite.url=https://metrics.{host}.com/api/v1/write",
                f"      - -remoteWrite.bearerToken={v}"]
    if ext == "zabbix-agent2-plugin-session":  # key path: Plugins.<X>.Sessions.<owner>.Password
        return [f"Plugins.Http.Sessions.{o}.Uri=https://api.{host}.com/health", f"Plugins.Http.Sessions.{o}.{Lf}={v}"]
    if ext == "blackbox-exporter-headers":
        return [f"  http_{o}:", "    prober: http", "    http:", "      headers:", f"        {hdr}: {v}"]
    if ext == "airflow-connections-export-yaml":
        return [f"{o}_default:", "  conn_type: http", f"  host: api.{host}.com", "  login: ''", f"  password: {v}",
                "  port: 443", "  schema: https"]
    if ext == "prefect-secret-block-py":
        return [f'Secret(value="{v}").save("{kebab}", overwrite=True)']
    if ext == "zeppelin-note-json":
        return ["    {", f'      "text": "%sh\\nexport {up}={v}\\npython sync.py",', '      "status": "FINISHED",',
                '      "config": {}', "    }"]
    if ext == "livebook-livemd":
        return ["```elixir", f'System.put_env("{up}", "{v}")', "```"]
    if ext == "psql-expanded-display":
        return ["-[ RECORD 1 ]---------------------------", f"name  | {low}", f"value | {v}", "scope | production"]
    if ext == "clickhouse-vertical-output":
        return ["Row 1:", "──────", f"provider: {ow}", f"{leaf}: {v}", "region: eu-west-1"]
    if ext == "heroku-router-log":  # the value in a query string
        return [f'2024-05-07T10:11:12.345678+00:00 heroku[router]: at=info method=GET path="/hooks/{ok}?{leaf}={v}&id=42" '
                'host=orders-prod.herokuapp.com request_id=7c1e0a9f fwd="203.0.113.7" dyno=web.1 connect=0ms service=14ms '
                "status=200 bytes=312 protocol=https"]
    if ext == "nginx-error-log-request":  # the value in a query string
        return ['2024/05/07 10:11:12 [error] 2841#2841: *91 upstream timed out (110: Connection timed out) while reading '
                f'response header from upstream, client: 203.0.113.7, server: orders.acme.example, request: "GET '
                f'/v1/orders?{low}={v} HTTP/1.1", upstream: "http://10.0.3.12:8080/v1/orders", host: "orders.acme.example"']
    if ext == "podfile-source-userinfo":  # the value in a URL's userinfo
        return [f"source 'https://{o}:{v}@git.acme.example/ios/specs.git'"]
    if ext == "requirements-vcs-userinfo":  # the value in a URL's userinfo
        return [f"{ok}-sdk @ git+https://oauth2:{v}@gitlab.acme.example/platform/{ok}-sdk.git@v1.4.0"]
    if ext == "r-remotes-install-github":
        return [f'remotes::install_github("acme/{ok}r", auth_token = "{v}")']
    if ext == "rebar3-hex-config":
        return [f'{{repos, [#{{name => <<"hexpm:{o}">>, api_key => <<"{v}">>}}]}}.']
    if ext == "electron-forge-publisher":
        return ["    {", "      name: '@electron-forge/publisher-github',", "      config: {",
                f"        repository: {{ owner: 'acme', name: '{ok}-desktop' }},", f"        authToken: '{v}',",
                "      },", "    },"]
    if ext == "alfred-workflow-variables":
        return ["\t<key>variables</key>", "\t<dict>", f"\t\t<key>{up}</key>", f"\t\t<string>{v}</string>", "\t</dict>"]
    # --- developer tools and AI agents ------------------------------------------------------------------
    if ext == "opencommit-config-set":
        return [f"oco config set OCO_API_KEY={v}"] if pick([0, 1]) else [f"# {title}", f"oco config set OCO_API_KEY={v}"]
    if ext == "gptme-config-toml":
        return ["[env]", f'{up} = "{v}"']
    if ext == "claude-mcp-add-cli":
        return [f"claude mcp add {ok} -e {up}={v} -- npx -y @acme/{ok}-mcp"]
    if ext == "continue-config-yaml-mcp":
        return [f"  - name: {Ow} MCP", "    command: npx", "    args:", f"      - -y", f"      - '@acme/{ok}-mcp'",
                "    env:", f"      {up}: {v}"]
    if ext == "open-interpreter-profile":
        return ["llm:", f'  model: "{ok}/default"', f'  api_key: "{v}"', "  temperature: 0"]
    if ext == "smolagents-model-py":
        return [f'model = LiteLLMModel(model_id="{o}/default", api_key="{v}")']
    # --- pastes and sessions -----------------------------------------------------------------------------
    if ext == "rails-console-credentials":  # key path: credentials.<owner>[:<leaf>]
        return [f"irb(main):001> Rails.application.credentials.{o}[:{leaf}]", f'=> "{v}"']
    if ext == "pdb-print-session":
        return [f"(Pdb) p settings.{up}", f"'{v}'"]
    if ext == "lldb-po-output":
        return [f"(lldb) po self.config.{camel}", f"{v}"]
    if ext == "wireshark-follow-stream-txt":
        return ["GET /v1/orders HTTP/1.1", f"Host: api.{host}.com", "User-Agent: orders-sync/1.4",
                f"{hdr}: {v}", "Accept: */*", ""]
    if ext == "s6-envdir-file":  # the value alone in its file: no provider word at all
        return [v]
    if ext == "openrc-confd-command-args":  # only the credential word, on a flag
        return [f'command_args="--listen :8080 --{lk} {v}"']
    # --- gateways ----------------------------------------------------------------------------------------
    if ext == "caddy-json-reverse-proxy-headers":
        return ['                  "headers": {', '                    "request": {',
                f'                      "set": {{ "{hdr}": ["{v}"] }}', "                    }", "                  },"]
    if ext == "kong-admin-request-transformer":
        return ["curl -sS -X POST http://localhost:8001/services/orders/plugins \\", "  --data name=request-transformer \\",
                f"  --data 'config.add.headers={hdr}:{v}'"]
    # --- small languages and formats ---------------------------------------------------------------------
    if ext == "perl-use-constant":
        return [f"use constant {up} => '{v}';"]
    if ext == "groovy-slashy-string":
        return [f"def {camel} = /{v}/"]
    if ext == "chapel-config-const":
        return [f'config const {camel} = "{v}";']
    if ext == "pony-let":
        return [f'    let {low}: String = "{v}"']
    if ext == "purescript-decl":
        return [f"{camel} :: String", f'{camel} = "{v}"']
    if ext == "sml-val":
        return [f'val {camel} = "{v}"']
    if ext == "scheme-alist":
        return [f'    ({kebab} . "{v}")']
    if ext == "sdlang-tag":
        return [f'{ok} {lk}="{v}" region="eu-west-1"']
    raise KeyError(ext)

SH = ["#!/usr/bin/env bash", "set -euo pipefail"]

# name -> (file name, header lines, footer lines, comment prefix or None)
SYNTAXES = {
    # other scanners' rule tests and reports
    "gl-tps-append-raw": ("cmd/generate/config/rules/orders.go", ["package rules", "", "func OrdersKey() *config.Rule {",
                          "\tr := config.Rule{RuleID: \"orders-key\", Keywords: []string{\"orders\"}}", "", "\tvar tps []string"],
                          ["\tfps := []string{`orders_key = \"changeme\"`}", "\treturn utils.Validate(r, tps, fps)", "}"], "\t// "),
    "gitleaks-sarif-result": ("reports/gitleaks.sarif", ["{", '  "$schema": "https://json.schemastore.org/sarif-2.1.0.json",',
                              '  "version": "2.1.0",', '  "runs": [', "    {",
                              '      "tool": { "driver": { "name": "gitleaks", "semanticVersion": "v8.18.2" } },',
                              '      "results": ['], ["      ]", "    }", "  ]", "}"], None),
    "gitleaks-report-template-md": ("reports/gitleaks.md", ["# Secrets found", "", "| Rule | Location | Commit | Secret |",
                                    "|---|---|---|---|"], ["", "_Generated by gitleaks --report-format template._"], None),
    "titus-rule-yaml-multiline-example": ("rules/orders.yml", ["rules:", "- name: Orders Credential", "  id: np.orders.1",
                                          "  pattern: |", "    (?x)", "    \\b ([A-Za-z0-9_-]{20,64}) \\b"],
                                          ["  negative_examples:", "  - \"REGION = 'eu-west-1'\"", "  categories: [api, secret]"],
                                          "  # "),
    "ds-keyword-fstring-param": ("cases/plugins/keyword_cases.py", ["import pytest", "", "from detect_secrets.plugins.keyword "
                                 "import KeywordDetector", "", "", "@pytest.mark.parametrize(", "    'line, should_flag',",
                                 "    ["], ["        ('region = \"eu-west-1\"', False),", "    ],", ")",
                                 "def check_keyword(line, should_flag):",
                                 "    assert bool(list(KeywordDetector().analyze_line(filename='x.py', line=line))) is should_flag"],
                                 "        # "),
    "th-raw-yaml-input-case": ("pkg/detectors/orders/orders_cases.go", ["package orders", "", "func TestOrders_Pattern(t *testing.T) {",
                               "\td := Scanner{}", "\ttests := []struct {", "\t\tname      string", "\t\tinput     string",
                               "\t\twantCount int", "\t}{"], ["\t}", "\t_ = d", "}"], None),
    "secretlint-snapshot-input-txt": ("cases/snapshots/ng.orders/input.txt", [], [], None),
    "semgrep-ruleid-ruby": ("rules/secrets/orders.rb", ["# Test file for the rules in orders.yaml", ""],
                            ["", "# ok: detected-orders-key", "Orders.api_key = ENV.fetch('ORDERS_API_KEY')"], "# "),
    "semgrep-ruleid-terraform": ("rules/secrets/provider.tf", ["# Test file for the hardcoded provider credential rules", ""],
                                 ["", 'provider "orders" {', "  # ok: orders-hardcoded", "  token = var.orders_token", "}"], "# "),
    "sonar-noncompliant-java": ("rules/java/HardcodedCredentialsCheckSample.java", ["class HardcodedCredentialsCheckSample {",
                                "    void method() {"], ['        String region = "eu-west-1"; // Compliant', "    }", "}"],
                                "        // "),
    "sonar-noncompliant-cs": ("rules/csharp/HardcodedCredentials.cs", ["namespace Samples", "{", "    class Program", "    {",
                              "        void Run()", "        {"], ['            var region = "eu-west-1"; // Compliant',
                                                                   "        }", "    }", "}"], "        // "),
    "bandit-b106-funcarg": ("checks/bandit/hardcoded_password_funcarg.py", ["from orders import clients", "",
                            "def connect():"], [], "    # "),
    "bandit-b105-compare": ("checks/bandit/hardcoded_password_string.py", ["def check_secret(value):",
                            "    # B105: compare against a literal"], ["    return False"], "    # "),
    "rspec-allow-env-fetch": ("cases/orders/client_cases.rb", ["require 'orders/client'", "",
                              "RSpec.describe Orders::Client do", "  before do"],
                              ["  end", "", "  it 'signs requests' do", "    expect(described_class.new.headers).to have_key('Authorization')",
                               "  end", "end"], "    # "),
    "go-testify-suite-setenv": ("internal/orders/client_suite.go", ["package orders", "", "import (", '\t"testing"', "",
                                '\t"github.com/stretchr/testify/suite"', ")", "", "type ClientSuite struct{ suite.Suite }", ""],
                                ["", "func TestClientSuite(t *testing.T) { suite.Run(t, new(ClientSuite)) }"], "// "),
    "erlang-ct-init-per-suite": ("checks/orders_SUITE.erl", ["-module(orders_SUITE).", "-include_lib(\"common_test/include/ct.hrl\").",
                                 "-export([all/0, init_per_suite/1, end_per_suite/1, signs_requests/1]).", "",
                                 "all() -> [signs_requests].", ""],
                                 ["", "end_per_suite(_Config) -> ok.", "", "signs_requests(_Config) ->",
                                  "    {ok, _} = orders_client:list()."], "%% "),
    "pester-mock-returns": ("checks/Orders.Checks.ps1", ["BeforeAll {", "    . $PSScriptRoot/../src/Orders.ps1", "}", "",
                            "Describe 'Invoke-OrdersSync' {", "    BeforeEach {"],
                            ["    }", "    It 'signs the request' {", "        Invoke-OrdersSync | Should -Not -BeNullOrEmpty", "    }", "}"],
                            "        # "),
    "bats-run-env-prefix": ("checks/cli.bats", ["#!/usr/bin/env bats", "", "setup() { load 'helpers/common'; }", ""], [], "# "),
    "phpunit-provider-yield-named": ("cases/Orders/ClientCases.php", ["<?php", "", "final class ClientCases extends TestCase", "{",
                                     "    public static function keys(): iterable", "    {"],
                                     ["    }", "", "    #[DataProvider('keys')]",
                                      "    public function testAccepts(string $key): void", "    {",
                                      "        $this->assertTrue((new Client($key))->valid());", "    }", "}"], "        // "),
    "pytest-fixture-params": ("checks/check_client.py", ["import pytest", "", "from orders.client import Client", "", ""],
                              ["", "", "def check_client(api_key):", "    assert Client(api_key).headers()"], "# "),
    "elm-test-expect-equal": ("checks/ConfigCheck.elm", ["module ConfigCheck exposing (suite)", "", "import Config",
                              "import Expect", "import Test exposing (..)", "", "", "suite : Test", "suite =",
                              '    describe "Config"', '        [ test "has a region" <| \\_ -> Config.region |> Expect.equal "eu-west-1"'],
                              ["        ]"], "        -- "),
    "ocaml-let-test": ("lib/config_inline.ml", ["let region = \"eu-west-1\"", ""], [], None),
    "vlang-test-fn": ("vcheck/config_cases.v", ["module main", "", "import config", ""], [], "// "),
    "haxe-utest-assert": ("checks/ConfigCase.hx", ["import utest.Assert;", "", "class ConfigCase extends utest.Test {"],
                          ["}"], "    // "),
    "luaunit-assert-equals": ("checks/check_config.lua", ["local lu = require('luaunit')", "local config = require('config')", ""],
                              ["", "os.exit(lu.LuaUnit.run())"], "-- "),
    "objc-xctassert-equal-objects": ("OrdersChecks/ORDClientCase.m", ["#import <XCTest/XCTest.h>", "#import \"ORDClient.h\"", "",
                                     "@interface ORDClientCase : XCTestCase", "@property ORDClient *client;", "@end", "",
                                     "@implementation ORDClientCase", ""], ["", "@end"], "// "),
    "boost-test-check-equal": ("checks/config_check.cpp", ["#define BOOST_TEST_MODULE config", "#include <boost/test/included/unit_test.hpp>",
                               "#include \"config.hpp\"", "", "static const orders::Config cfg = orders::load(\"config/sample.ini\");", ""],
                               [], "// "),
    "cmake-ctest-environment": ("CMakeLists.txt", ["cmake_minimum_required(VERSION 3.20)", "project(orders CXX)", "enable_testing()",
                                "add_executable(orders_client_check checks/client.cpp)",
                                "add_test(NAME orders_client COMMAND orders_client_check)"], [], "# "),
    "meson-test-env": ("meson.build", ["project('orders', 'c')", "client_exe = executable('client_check', 'checks/client.c')"],
                       [], "# "),
    "nox-session-env": ("noxfile.py", ["import nox", "", "", "@nox.session", "def checks(session):",
                        '    session.install("-e", ".[dev]")'], [], "    # "),
    "cypress-run-env-cli": ("ops/e2e.sh", SH, [], "# "),
    "k6-run-env-flag": ("ops/load.sh", SH, [], "# "),
    "hurl-variable-cli": ("ops/smoke.sh", SH, [], "# "),
    "nightwatch-globals": ("nightwatch.conf.js", ["module.exports = {", "  src_folders: ['e2e'],"], ["};"], "  // "),
    "testcafe-requesthook-header": ("ui-flows/hooks/auth-hook.js", ["import { RequestHook } from 'testcafe';", "",
                                    "export class AuthHook extends RequestHook {"],
                                    ["    async onResponse () {}", "}"], "    // "),
    "ripgrep-json-match": ("reports/rg-secrets.jsonl", ['{"type":"begin","data":{"path":{"text":"deploy/app.env"}}}'],
                           ['{"type":"end","data":{"path":{"text":"deploy/app.env"},"binary_offset":null,"stats":{"matches":1}}}'],
                           None),
    "git-blame-output": ("notes/blame.txt", ["$ git blame -L 12,16 config/settings.py",
                         "^4e2a91c (Dana Kowalski 2024-05-07 10:11:12 +0200 12) import os",
                         "^4e2a91c (Dana Kowalski 2024-05-07 10:11:12 +0200 13) "],
                         ["9b07d3e2 (Sam Ortiz      2024-06-02 09:00:41 +0200 15) REGION = \"eu-west-1\""], None),
    # CI and deploy
    "fly-set-pipeline-var": ("ci/set-pipeline.sh", SH, [], "# "),
    "drone-secret-add-cli": ("ops/drone-secrets.sh", SH, [], "# "),
    "glab-variable-set": ("ops/gitlab-vars.sh", SH, [], "# "),
    "codefresh-yml": ("codefresh.yml", ["version: '1.0'", "stages:", "  - deploy", "steps:", "  deploy:",
                      "    title: Deploy", "    stage: deploy", "    image: alpine/helm:3.14.0"],
                      ["    commands:", "      - helm upgrade --install orders ./chart"], "    # "),
    "spacectl-setvar-cli": ("ops/spacelift-env.sh", SH, [], "# "),
    "containerd-hosts-toml-header": ("etc/containerd/certs.d/registry/hosts.toml", ['server = "https://registry-1.docker.io"', ""],
                                     ['  capabilities = ["pull", "resolve"]'], "# "),
    "buildx-secret-env-prefix": ("ops/build.sh", SH, [], "# "),
    "kubectl-set-env-cli": ("ops/rollout.sh", SH, ["kubectl -n orders rollout status deployment/orders-api"], "# "),
    "ansible-playbook-extra-vars": ("ops/deploy.sh", SH, [], "# "),
    "tf-apply-var-flag": ("ops/apply.sh", SH + ["cd deploy/terraform"], [], "# "),
    "systemd-run-setenv": ("ops/run-once.sh", SH, [], "# "),
    "butane-inline-file": ("deploy/orders.bu", ["variant: fcos", "version: 1.5.0", "storage:", "  files:"],
                           ["systemd:", "  units:", "    - name: orders.service", "      enabled: true"], "# "),
    "msbuild-directory-build-props": ("Directory.Build.props", ["<Project>", "  <PropertyGroup>",
                                      "    <LangVersion>latest</LangVersion>", "  </PropertyGroup>"], ["</Project>"], None),
    "emacs-dir-locals-setenv": (".dir-locals.el", [";;; Directory Local Variables", "("],
                                [" (python-mode . ((python-shell-interpreter . \"python3\"))))"], ";; "),
    "home-manager-session-variables": ("home/home.nix", ["{ config, pkgs, ... }:", "", "{",
                                       '  home.username = "dana";'], ["}"], "  # "),
    "psd1-data-file": ("config/Orders.Settings.psd1", ["@{", "    Region = 'eu-west-1'"], ["}"], "    # "),
    "pyinfra-operation-env": ("deploy/agent.py", ["from pyinfra.operations import server", ""], [], "# "),
    "winget-configuration-yaml": ("config/configuration.dsc.yaml", ["# yaml-language-server: $schema=https://aka.ms/"
                                  "configuration-dsc-schema/0.2", "properties:", "  configurationVersion: 0.2.0", "  resources:"],
                                  [], "    # "),
    "iis-rewrite-server-variable": ("site/web.config", ['<?xml version="1.0" encoding="UTF-8"?>', "<configuration>",
                                    "  <system.webServer>", "    <rewrite>", "      <rules>",
                                    '        <rule name="orders-proxy" stopProcessing="true">', '          <match url="^api/(.*)" />'],
                                    ['          <action type="Rewrite" url="https://orders-backend/{R:1}" />', "        </rule>",
                                     "      </rules>", "    </rewrite>", "  </system.webServer>", "</configuration>"], None),
    "vmagent-remote-write-flag": ("deploy/vmagent.yaml", ["services:", "  vmagent:", "    image: victoriametrics/vmagent:v1.101.0",
                                  "    command:", "      - -promscrape.config=/etc/vmagent/scrape.yml"], [], "      # "),
    "zabbix-agent2-plugin-session": ("etc/zabbix/zabbix_agent2.d/plugins.d/http.conf", ["# Sessions for the HTTP checks"],
                                     ["Plugins.Http.Timeout=10"], "# "),
    "blackbox-exporter-headers": ("etc/blackbox/blackbox.yml", ["modules:", "  http_2xx:", "    prober: http"],
                                  ["        Accept: application/json"], "  # "),
    "airflow-connections-export-yaml": ("airflow/connections.yaml", ["# airflow connections export - --file-format yaml"],
                                        ["  extra: ''"], "# "),
    "prefect-secret-block-py": ("flows/blocks.py", ["from prefect.blocks.system import Secret", ""], [], "# "),
    "zeppelin-note-json": ("notebook/2JQX7YB4K/note.json", ["{", '  "name": "orders sync",', '  "paragraphs": ['],
                           ["  ],", '  "id": "2JQX7YB4K"', "}"], None),
    "livebook-livemd": ("notebooks/orders.livemd", ["# Orders sync", "", "```elixir", 'Mix.install([{:req, "~> 0.4"}])', "```", ""],
                        ["", "```elixir", 'Req.get!("https://orders.acme.example/v1/orders").body', "```"], None),
    "psql-expanded-display": ("notes/psql-settings.txt", ["orders=> \\x", "Expanded display is on.",
                              "orders=> SELECT name, value, scope FROM app_settings WHERE name LIKE '%key%';"],
                              ["", "orders=>"], None),
    "clickhouse-vertical-output": ("notes/clickhouse.txt", ["SELECT * FROM integrations WHERE id = 7 FORMAT Vertical", "",
                                   "Query id: 0c4e2a91-7b3d-4f6e-9a1c-2b3d4e5f6a7b", ""],
                                   ["", "1 row in set. Elapsed: 0.004 sec."], None),
    "heroku-router-log": ("logs/heroku-router.log", [], [], None),
    "nginx-error-log-request": ("logs/nginx-error.log", [], [], None),
    "podfile-source-userinfo": ("ios/Podfile", ["platform :ios, '15.0'"],
                                ["source 'https://cdn.cocoapods.org/'", "", "target 'Orders' do", "  pod 'Alamofire', '~> 5.9'",
                                 "end"], "# "),
    "requirements-vcs-userinfo": ("requirements/prod.txt", ["requests==2.32.3", "pydantic==2.7.1"], ["gunicorn==22.0.0"], "# "),
    "r-remotes-install-github": ("setup/install-packages.R", ['install.packages("remotes")'],
                                 ['remotes::install_cran("data.table")'], "# "),
    "rebar3-hex-config": ("config/rebar3/hex.config", ["%% rebar3 hex organization credentials"], [], "%% "),
    "electron-forge-publisher": ("forge.config.js", ["module.exports = {", "  packagerConfig: { asar: true },", "  publishers: ["],
                                 ["  ],", "};"], "    // "),
    "alfred-workflow-variables": ("workflows/orders/info.plist", ['<?xml version="1.0" encoding="UTF-8"?>',
                                  '<plist version="1.0">', "<dict>", "\t<key>bundleid</key>", "\t<string>com.acme.orders</string>"],
                                  ["\t<key>version</key>", "\t<string>1.4.0</string>", "</dict>", "</plist>"], None),
    # developer tools and AI agents
    "opencommit-config-set": ("ops/setup-opencommit.sh", SH, ["oco config set OCO_MODEL=default"], "# "),
    "gptme-config-toml": ("config/gptme/config.toml", ["[prompt]", 'about_user = "I work on the orders service."', ""],
                          [], "# "),
    "claude-mcp-add-cli": ("ops/setup-mcp.sh", SH, [], "# "),
    "continue-config-yaml-mcp": (".continue/config.yaml", ["name: Orders assistant", "version: 1.0.0", "schema: v1",
                                 "mcpServers:"], [], "    # "),
    "open-interpreter-profile": ("profiles/orders.yaml", ["# Open Interpreter profile"],
                                 ["", "auto_run: false", "version: 0.2.5"], "# "),
    "smolagents-model-py": ("agents/research.py", ["from smolagents import CodeAgent, LiteLLMModel", ""],
                            ["agent = CodeAgent(tools=[], model=model)"], "# "),
    # pastes and sessions
    "rails-console-credentials": ("notes/rails-console.txt", ["$ bin/rails console -e production",
                                  "Loading production environment (Rails 7.1.3)"], ["irb(main):002> exit"], None),
    "pdb-print-session": ("notes/pdb-session.txt", ["> /srv/orders/orders/client.py(42)headers()",
                          "-> return {'Authorization': f'Bearer {self.key}'}"], ["(Pdb) c"], None),
    "lldb-po-output": ("notes/lldb.txt", ["(lldb) br set -n -[ORDClient signRequest:]", "Process 4242 stopped"],
                       ["(lldb) continue"], None),
    "wireshark-follow-stream-txt": ("notes/follow-tcp-stream.txt", ["===================================================",
                                    "Follow: tcp,ascii", "Filter: tcp.stream eq 3", "Node 0: 10.0.3.12:51514",
                                    "Node 1: 203.0.113.7:80"], ["HTTP/1.1 200 OK", "Content-Type: application/json", "",
                                                                 "==================================================="], None),
    "s6-envdir-file": ("etc/s6-overlay/s6-rc.d/orders/env/TOKEN", [], [], None),
    "openrc-confd-command-args": ("etc/conf.d/orders", ["# Options for /etc/init.d/orders", 'command_user="orders:orders"'],
                                  ['output_log="/var/log/orders.log"'], "# "),
    # gateways
    "caddy-json-reverse-proxy-headers": ("caddy/caddy.json", ["{", '  "apps": {', '    "http": {', '      "servers": {',
                                         '        "orders": {', '          "listen": [":443"],', '          "routes": [{',
                                         '            "handle": [{', '                "handler": "reverse_proxy",'],
                                         ['                "upstreams": [{ "dial": "10.0.3.12:8080" }]', "            }]",
                                          "          }]", "        }", "      }", "    }", "  }", "}"], None),
    "kong-admin-request-transformer": ("ops/kong-plugins.sh", SH, [], "# "),
    # small languages and formats
    "perl-use-constant": ("lib/Orders/Config.pm", ["package Orders::Config;", "use strict;", "use warnings;", ""],
                          ["", "1;"], "# "),
    "groovy-slashy-string": ("scripts/ordersSync.groovy", ["@Grab('io.github.http-builder-ng:http-builder-ng-core:1.0.4')", ""],
                             ["println \"configured\""], "// "),
    "chapel-config-const": ("src/orders.chpl", ["module Orders {"], ["  proc main() { writeln(\"orders\"); }", "}"], "  // "),
    "pony-let": ("orders/main.pony", ["actor Main", "  new create(env: Env) =>"], ["    env.out.print(\"configured\")"],
                 "    // "),
    "purescript-decl": ("src/Config.purs", ["module Config where", ""], ["", "region :: String", 'region = "eu-west-1"'], "-- "),
    "sml-val": ("src/config.sml", ["(* settings for the sync job *)"], ['val region = "eu-west-1"'], None),
    "scheme-alist": ("config/settings.scm", ["(define settings", "  '((region . \"eu-west-1\")"], ["    (timeout . 30)))"], None),
    "sdlang-tag": ("config/orders.sdl", ["// orders sync settings", 'service "orders" port=8080'], ['log level="info"'], "// "),
}
HELDOUT21_SYNTAXES = list(SYNTAXES)
