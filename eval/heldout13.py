"""Thirteenth held-out syntax set: written blind, nobody tunes rules or the engine against it.

A set nobody has tuned against, to predict how the pack does on syntaxes it has never seen
once eval/heldout12.py has been measured and is used to fix rules. It was written and committed
before any result of it was looked at, in forms that none of eval/gen.py, eval/heldout.py and
eval/heldout2.py .. eval/heldout12.py produce, in two parts.

About a third in the style of secret scanners' rule tests and fixtures and of test suites in
languages and frameworks the earlier sets lack (written from how such files look, not copied
from any): gitleaks-style Go `tps` slices built by string concatenation, Go tables whose
expected matches sit in a `want: []string{...}` slice, a TruffleHog-style backtick pattern
with several keys on its lines, a rule YAML with flow-sequence `examples`/`negative_examples`,
TOML `[[cases]]` with literal multi-line strings, Python cases in triple-quoted strings, Rust
`#[test_case(...)]` attributes, a Markdown task list of findings, a findings CSV with doubled
quotes, a Semgrep JSON report, a Code Climate report, a pull request review comment's
`diff_hunk`, a Gist API response, a `.secretsignore` `[secrets]` section, inline suppression
comments (`pragma: allowlist secret`, `gitleaks:allow`, `nosec`, `NOSONAR`), Go fuzz corpus
files and `Example` functions with `// Output:`, Hypothesis `@example`, Minitest, Mocha case
arrays, Catch2 `GENERATE`, ExUnit heredocs, Perl `Test::More`, busted, XCTest, Dart `test`,
NUnit `[TestCase]` and testthat.

The rest real-world files from areas the earlier sets lack: CI systems (Woodpecker, Bamboo
specs, Semaphore, Cirrus CI, composite action `inputs` defaults, Zuul, Jenkins Job DSL, GoCD
`cruise-config.xml`, Prefect deployments, GoReleaser), build and infrastructure (Packer
`.pkrvars.hcl`, KCL, mise `[env]`, `ansible.cfg` Galaxy servers, Terraform `local-exec`
environments, Firebase `functions:config:set`, EAS `eas.json`, CMake presets, Visual Studio
publish profiles, `web.config` XDT transforms, Gradle `signingConfigs` and `ext {}`), app and
framework config (Supabase `config.toml`, Prisma datasources, Sequelize `config.json`,
`package.json` scripts, nodemon, VS Code `tasks.json`, `GoogleService-Info.plist`,
`.Renviron`, OpenResty Lua, Ballerina `configurable`, ABAP HTTP clients, Vue and Svelte
components, Astro front matter, Angular `environment.ts`, Docusaurus Algolia settings), hosts
and servers (yum `.repo` files, `snmpd.conf`, keepalived, sendmail `authinfo`, Mosquitto
bridges, Consul agent HCL, MDT `CustomSettings.ini`, IIS `applicationHost.config`, Apple
`.mobileconfig` payloads) and program output and pastes (RFC 5424 syslog structured data,
CloudTrail events, browser "copy as PowerShell", `tcpdump -A`, `jcmd VM.system_properties`,
Spring Boot actuator `/env`, `phpinfo()` pages, an Excel `sharedStrings.xml`, Thunder Client
environments, a SoapUI project, Locust, Artillery and `newman --env-var`).

Interface as eval/heldout12.py: `render(ext, key, value, rng)` returns the lines holding `value`;
`SYNTAXES` maps each name to (file name, header lines, footer lines, comment prefix or None).
Key names come from the rule metadata as in gen.py; each syntax re-spells the key the way its
language or tool does, some with the provider word on the key itself, some on a parent, a
section, a profile, a host, a bridge or a user name, some only nearby (a comment, a test name,
a description, a host name) and one not at all (a `.secretsignore` list of bare values); a
few variants of other syntaxes name only the credential (such as `token`, `API_KEY`, `auth_pass`).

File names avoid the test path globs (rules/test-paths.toml), so the fixture-style files sit
at paths such as `cases/`, `checks/`, `rules/` or `reports/`. The helpers are copied, not
imported from heldout2.py .. heldout12.py, so that edits there do not move this set.
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
    """The lines that hold `value` under `key` in held-out syntax `ext` (thirteenth set)."""
    n = names(key)
    v = value
    pick = rng.choice
    hdr = f"X-{n['Owner']}-{n['Leaf_dash']}"  # a provider's own header name, as its docs spell it
    up = n["UPPER"]
    host = n["host"]
    title = f"{n['Owner']} {n['leaf_title']}"
    # --- scanners' rule tests and fixtures, test suites --------------------------------------
    if ext == "go-tps-concat":  # gitleaks-style true positives built by concatenation
        return pick([["\ttps := []string{", f'\t\t"{n["lower"]} = " + `"{v}"`,',
                      f'\t\t"{up}=" + "{v}",', "\t}"],
                     ["\ttps := []string{", f'\t\t`{n["camel"]}: "` + "{v}" + `"`,',
                      f'\t\t"export {up}=\\"" + "{v}" + "\\"",', "\t}"],
                     ["\tfps := []string{", f'\t\t"{n["lower"]} = " + "xxxxxxxxxxxxxxxx",', "\t}",
                      "\ttps := []string{", f'\t\t"# {title}\\n" + "{n["leaf"]}: {v}",', "\t}"]])
    if ext == "go-want-slice":  # a Go table whose expected matches sit in a want slice
        return pick([["\t\t{", f'\t\t\tname:  "{n["owner_words"]} key in an env file",',
                      f'\t\t\tinput: "{up}=" + "{v}",', f'\t\t\twant:  []string{{"{v}"}},', "\t\t},"],
                     ["\t\t{", '\t\t\tname: "valid pattern - key out of prefix range",',
                      f'\t\t\tinput: fmt.Sprintf("{n["owner"]} credentials: %s", validKey),',
                      f'\t\t\twant: []string{{"{v}"}},', "\t\t},"],
                     ["\t\t{", f'\t\t\tname: "{n["owner"]}",', "\t\t\tinput: `config:",
                      f"  {n['leaf']}: {v}`,", "\t\t\twant: []string{", f'\t\t\t\t"{v}",', "\t\t\t},", "\t\t},"]])
    if ext == "th-backtick-multikey":  # a detector test's pattern with several keys on its lines
        return pick([["\tvalidPattern = `", f"\t\t[{n['owner']}]", "\t\tregion = eu-west-1",
                      f"\t\t{n['leaf']} = {v}", "\t\tendpoint = https://api.example.com", "\t`"],
                     ["\tvalidPattern = `{", f'\t\t"service": "{n["owner"]}",', '\t\t"id": "orders-prod",',
                      f'\t\t"{n["leafCamel"]}": "{v}"', "\t}`"],
                     ["\tvalidPattern = `", f"\t\t{n['OWNER']}_URL=https://api.{host}.com", f"\t\t{up}={v}",
                      f"\t\t{n['OWNER']}_TIMEOUT=30", "\t`"]])
    if ext == "rule-yaml-flow-examples":  # a rule file whose examples are a flow sequence
        return pick([[f"  - name: {title}", f"    id: kingfisher.{n['owner']}.1",
                      f"    pattern: '(?i){host}.{{0,20}}([a-z0-9]{{32}})'",
                      f"    examples: [\"{n['lower']} = '{v}'\", \"{up}={v}\"]",
                      "    negative_examples: [\"" + n["lower"] + " = '${" + up + "}'\"]"],
                     [f"  - name: {title}", f"    id: np.{n['owner']}.1",
                      "    negative_examples: ['token = example']",
                      f"    examples: ['{n['camel']}: {v}']"]])
    if ext == "toml-rule-cases":  # TOML cases with literal multi-line strings
        return pick([["[[cases]]", f'name = "{n["kebab"]} in a dotenv"', "input = '''",
                      f"{up}={v}", "'''", "expect = 1"],
                     ["[[cases]]", f'rule = "{n["kebab"]}"', f"input = '{n['lower']} = \"{v}\"'", "expect = 1"],
                     ["[[cases]]", f'name = "{title} in yaml"', 'input = """', f"{n['owner']}:",
                      f"  {n['leaf']}: {v}", '"""', "expect = 1"]])
    if ext == "py-triple-quoted-case":  # detect-secrets style cases in triple-quoted strings
        return pick([["    (", '        """', f"        [{n['owner']}]", f"        {n['leaf']} = {v}", '        """,',
                      "        True,", "    ),"],
                     ["    (", f"        '''{up}=\"{v}\"''',", "        True,", "    ),"],
                     ["    (", f'        """{n["camel"]}: {v}  # from the {n["owner_words"]} dashboard""",',
                      "        True,", "    ),"]])
    if ext == "rust-test-case-attr":  # the test-case crate's attributes
        return pick([[f'#[test_case("{up}={v}" ; "{n["owner_words"]} in dotenv")]',
                      '#[test_case("token = example" => false ; "placeholder")]',
                      "fn finds_key(line: &str) {", "    assert!(scan(line).is_some());", "}"],
                     [f'#[test_case(r#"{n["lower"]} = "{v}""# => true ; "{n["owner"]} quoted")]',
                      "fn quoted(line: &str) -> bool {", "    scan(line).is_some()", "}"]])
    if ext == "md-findings-checklist":  # a triage issue listing findings as a task list
        return pick([[f"- [ ] `config/app.env:3` {title}: `{v}`", "- [x] `README.md:12` placeholder, ignored"],
                     [f"- [x] ~~`deploy/values.yaml:41` {n['owner_words']} {n['leaf_words']} `{v}`~~ rotated"],
                     [f"- [ ] **{title}** in `scripts/sync.sh` line 8", f"  - value: `{v}`", "  - owner: @platform-team"]])
    if ext == "csv-findings-dquoted":  # a findings CSV: quotes in the match doubled
        return pick([[f'config/settings.py,14,{n["kebab"]},"{n["lower"]} = ""{v}""",open'],
                     [f'"deploy/app.yaml","7","{title}","{n["leafCamel"]}: ""{v}""","{v}"'],
                     [f'src/client.js,22,{n["kebab"]},"const {n["camel"]} = ""{v}"";",triaged']])
    if ext == "semgrep-json-report":  # `semgrep --json` output committed next to the code
        return ["    {", f'      "check_id": "rules.secrets.{n["kebab"]}",', '      "path": "config/settings.py",',
                '      "start": { "line": 14, "col": 1, "offset": 312 },', '      "end": { "line": 14, "col": 60, "offset": 371 },',
                '      "extra": {', f'        "message": "{title} detected",',
                f'        "lines": "{n["lower"]} = \\"{v}\\"",', '        "severity": "ERROR",',
                '        "metadata": { "category": "security", "confidence": "HIGH" }', "      }", "    }"]
    if ext == "codeclimate-report":  # a Code Climate / GitLab Code Quality report
        return ["  {", f'    "description": "{title} in source: {v}",', f'    "check_name": "{n["kebab"]}",',
                '    "fingerprint": "5b2c8d1e7f3a4b9c0d1e2f3a4b5c6d7e",', '    "severity": "critical",',
                '    "location": { "path": "config/settings.py", "lines": { "begin": 14 } }', "  }"]
    if ext == "gh-review-comment":  # a pull request review comment exported with its diff hunk
        hunk = pick([f"@@ -10,3 +10,4 @@ DEBUG=false\\n LOG_LEVEL=info\\n+{up}={v}",
                     f"@@ -1,2 +1,3 @@\\n {n['owner']}:\\n+  {n['leaf']}: {v}"])
        return ["  {", '    "id": 1590231122,', '    "path": "config/app.env",', f'    "diff_hunk": "{hunk}",',
                f'    "body": "Please do not commit the {n["owner_words"]} key, use the secret store.",',
                '    "user": { "login": "reviewer" },', '    "created_at": "2024-05-07T10:11:12Z"', "  }"]
    if ext == "gist-api-json":  # a Gist fetched from the API: the file text escaped in content
        content = pick([f"{up}={v}\\n", f"{n['owner']}:\\n  {n['leaf']}: {v}\\n",
                        f"curl -H '{hdr}: {v}' https://api.{host}.com/v1/ping\\n"])
        return ['    "notes.txt": {', '      "filename": "notes.txt",', '      "type": "text/plain",',
                '      "size": 74,', f'      "content": "{content}"', "    }"]
    if ext == "secretsignore-file":  # ripsecrets-style .secretsignore: bare values, no provider word
        return pick([["[secrets]", f"{v}"], ["[secrets]", "0123456789abcdef0123456789abcdef", v],
                     ["[secrets]", "# rotated 2024-05, still in old commits", v]])
    if ext == "inline-suppression":  # a value kept on purpose with a scanner's suppression comment
        return pick([[f'{n["lower"]} = "{v}"  # pragma: allowlist secret'],
                     [f'{n["lower"]} = "{v}"  # gitleaks:allow'],
                     [f'{n["lower"]} = "{v}"  # nosec B105'],
                     [f'{n["lower"]} = "{v}"  # noqa: S105 -- {n["owner_words"]} sandbox'],
                     ["# pragma: allowlist nextline secret", f'{up} = "{v}"']])
    if ext == "go-fuzz-corpus":  # a Go fuzz seed corpus file
        return pick([[f'string("{up}={v}")'], [f'[]byte("{n["lower"]}: {v}")'],
                     [f'string("{hdr}: {v}")']])
    if ext == "go-example-output":  # a Go Example function and its expected output
        return pick([[f"func Example{n['GoOwner']}Config() {{", f'\tcfg := Parse("{up}={v}")',
                      f"\tfmt.Println(cfg.{n['GoLeaf']})", "\t// Output:", f"\t// {v}", "}"],
                     ["func ExampleScan() {", f'\tfor _, f := range Scan("{n["camel"]}: {v}") {{', "\t\tfmt.Println(f.Rule)",
                      "\t}", "\t// Output:", f"\t// {n['kebab']}", "}"]])
    if ext == "hypothesis-example":
        return pick([[f'@example("{up}={v}")', "@given(st.text())", f"def test_{n['owner']}_scan(line):",
                      "    scan(line)"],
                     [f"@example(line='{n['lower']} = \"{v}\"')", "@given(line=st.text())", "def test_scan_total(line):",
                      "    assert scan(line) is not None"]])
    if ext == "minitest-assert":
        return pick([[f"  def test_finds_{n['owner']}_key", f"    findings = Scanner.scan(\"{up}={v}\")",
                      f"    assert_equal '{n['kebab']}', findings.first.rule", "  end"],
                     [f"  def test_{n['lower']}_is_redacted", f"    out = Redactor.call('{n['lower']}: {v}')",
                      f"    refute_includes out, '{v}'", "  end"]])
    if ext == "mocha-cases-array":
        return pick([["const cases = [", f"  {{ input: '{up}={v}', rule: '{n['kebab']}' }},",
                      "  { input: 'TOKEN=changeme', rule: null },", "];"],
                     ["const cases = [", "  {", f"    name: '{title} in json',",
                      f"    input: JSON.stringify({{ {n['camel']}: '{v}' }}),", "    found: true,", "  },", "];"]])
    if ext == "catch2-generate":
        return pick([['TEST_CASE("finds keys", "[scanner]") {',
                      f'    auto line = GENERATE(as<std::string>{{}}, "{up}={v}", "{n["lower"]}: \\"{v}\\"");',
                      "    REQUIRE_FALSE(scan(line).empty());", "}"],
                     [f'TEST_CASE("{n["owner_words"]} key", "[scanner]") {{',
                      f'    const std::string line = R"({n["lower"]} = "{v}")";',
                      "    CHECK(scan(line).size() == 1);", "}"]])
    if ext == "exunit-heredoc":
        return pick([[f'  test "finds the {title}" do', '    input = """', f"    {up}={v}", '    """',
                      "    assert [_] = Scanner.scan(input)", "  end"],
                     ['  test "yaml" do', "    input = ~S\"\"\"", f"    {n['owner']}:", f"      {n['leaf']}: {v}", '    """',
                      "    assert Scanner.scan(input) != []", "  end"]])
    if ext == "perl-test-more":
        return pick([[f"is( scalar scan(q{{{up}={v}}}), 1, '{n['owner_words']} key in env' );"],
                     [f"my $line = '{n['lower']} = \"{v}\"';", f"ok( scan($line), 'finds {title}' );"],
                     ["my @cases = (", f"    [ '{n['camel']}: {v}', 1 ],", "    [ 'token: changeme', 0 ],", ");"]])
    if ext == "busted-lua":
        return pick([[f'  it("finds the {title}", function()', f'    local found = scanner.scan("{up}={v}")',
                      "    assert.are.equal(1, #found)", "  end)"],
                     ['  it("reads config", function()', f"    local cfg = {{ {n['lower']} = \"{v}\" }}",
                      "    assert.truthy(scanner.scan_table(cfg)[1])", "  end)"]])
    if ext == "xctest-case":
        return pick([[f"    func test{n['Owner']}Key() {{", f'        let line = "{up}={v}"',
                      "        XCTAssertFalse(Scanner.scan(line).isEmpty)", "    }"],
                     ["    func testHeader() {", f'        let headers = ["{hdr}": "{v}"]',
                      "        XCTAssertEqual(Scanner.scan(headers).count, 1)", "    }"]])
    if ext == "dart-test-expect":
        return pick([[f"  test('finds the {title}', () {{", f"    expect(scan('{up}={v}'), hasLength(1));", "  });"],
                     ["  test('json', () {", f"    final input = '{{\"{n['camel']}\": \"{v}\"}}';",
                      "    expect(scan(input), isNotEmpty);", "  });"]])
    if ext == "nunit-testcase":
        return pick([[f'    [TestCase("{up}={v}", ExpectedResult = true)]',
                      '    [TestCase("TOKEN=changeme", ExpectedResult = false)]',
                      "    public bool Finds(string line) => Scanner.Scan(line).Any();"],
                     [f'    [TestCase("{n["Owner"]}", "{v}")]', "    public void FindsHeader(string provider, string value)",
                      "    {", '        Assert.That(Scanner.Scan($"{provider}: {value}"), Is.Not.Empty);', "    }"]])
    if ext == "testthat-expect":
        return pick([[f'test_that("{n["owner_words"]} keys are found", {{', f'  expect_length(scan("{up}={v}"), 1)', "})"],
                     ['test_that("redaction", {', f"  line <- '{n['lower']}: \"{v}\"'",
                      f'  expect_false(grepl("{v}", redact(line), fixed = TRUE))', "})"]])
    return _render_world(ext, n, v, pick, hdr, up, host, title)


def _render_world(ext, n, v, pick, hdr, up, host, title):
    """The real-world part of render()."""
    o = n["owner"]
    # --- CI systems -----------------------------------------------------------------------------
    if ext == "woodpecker-yml":
        return pick([["  deploy:", "    image: alpine:3.19", "    environment:", f"      {up}: {v}",
                      "      LOG_LEVEL: info", "    commands:", "      - ./deploy.sh"],
                     ["  notify:", f"    image: plugins/{n['owner_kebab']}", "    settings:", f"      {n['leaf']}: {v}",
                      "      channel: releases"],
                     ["  sync:", "    image: alpine:3.19", "    commands:", f"      - export {up}={v}", "      - ./sync.sh"]])
    if ext == "bamboo-specs-yaml":
        return pick([["variables:", f"  {n['lower']}: {v}", "  region: eu-west-1"],
                     ["variables:", f"  {n['owner']}.{n['leaf']}: {v}"],
                     ["variables:", f"  {n['camel']}: '{v}'", f"  {n['owner']}Url: https://api.{host}.com"]])
    if ext == "semaphore-yml":
        return pick([["      env_vars:", f"        - name: {up}", f"          value: {v}", "        - name: RAILS_ENV",
                      "          value: test"],
                     ["      env_vars:", "        - name: API_BASE", f"          value: https://api.{host}.com",
                      "        - name: API_KEY", f'          value: "{v}"']])
    if ext == "cirrus-yml":
        return pick([["env:", f"  {up}: {v}", "  CIRRUS_CLONE_DEPTH: 1"],
                     ["env:", f"  {n['OWNER']}_ID: orders-ci", f"  {up}: {v}",
                      "  CODECOV_TOKEN: ENCRYPTED[3f2a9c1e0b7d4e5f8a6b2c1d0e9f8a7b6c5d4e3f]"],
                     ["deploy_task:", "  env:", f"    {up}: {v}", "  script: ./deploy.sh"]])
    if ext == "gha-action-inputs":  # a composite action's input with a default value
        return pick([[f"  {n['kebab']}:", f"    description: '{title} used to publish'", "    required: false",
                      f"    default: '{v}'"],
                     [f"  {n['leaf_kebab']}:", f"    description: 'The {n['owner_words']} {n['leaf_words']}'",
                      f"    default: {v}"],
                     ["  token:", f"    description: '{title}'", f'    default: "{v}"']])
    if ext == "zuul-job-yaml":
        return pick([["- job:", f"    name: {n['owner_kebab']}-publish", "    parent: base", "    vars:",
                      f"      {n['lower']}: {v}"],
                     ["- job:", "    name: orders-upload", "    vars:", f"      {o}:", f"        {n['leaf']}: {v}",
                      "        region: eu-west-1"]])
    if ext == "jenkins-job-dsl":
        return pick([["    environmentVariables {", f"        env('{up}', '{v}')", "        env('REGION', 'eu-west-1')",
                      "    }"],
                     ["    parameters {", f"        stringParam('{up}', '{v}', '{title} for the upload step')", "    }"],
                     ["    wrappers {", "        environmentVariables {", f"            envs({up}: '{v}')", "        }",
                      "    }"]])
    if ext == "gocd-cruise-config":
        return pick([["      <environmentvariables>",
                      f'        <variable name="{up}">', f"          <value>{v}</value>", "        </variable>",
                      "      </environmentvariables>"],
                     ["      <environmentvariables>",
                      f'        <variable name="{n["lower"]}"><value>{v}</value></variable>',
                      "      </environmentvariables>"]])
    if ext == "prefect-yaml":
        return pick([["    work_pool:", "      name: k8s-pool", "      job_variables:", "        env:", f"          {up}: {v}"],
                     ["    parameters:", f"      {n['lower']}: {v}", "      batch_size: 500"]])
    if ext == "goreleaser-yaml":
        return pick([["env:", f"  - {up}={v}", "  - CGO_ENABLED=0"],
                     ["announce:", f"  {o}:", "    enabled: true", f"    {n['leaf']}: {v}"],
                     ["builds:", "  - main: ./cmd/orders", "    ldflags:",
                      f"      - -s -w -X main.{n['camel']}={v}"]])
    # --- build and infrastructure ---------------------------------------------------------------
    if ext == "pkrvars-hcl":
        return pick([[f'{n["lower"]} = "{v}"'], [f"{o} = {{", f'  {n["leaf"]} = "{v}"', '  region = "eu-west-1"', "}"],
                     [f"# {title} for the image build", f'token = "{v}"']])
    if ext == "kcl-config":
        return pick([[f'{n["lower"]} = "{v}"'],
                     [f"{o} = {{", f'    {n["leaf"]} = "{v}"', "}"],
                     [f"{o}: {n['Owner']}Config {{", f'    {n["leafCamel"]} = "{v}"', "}"]])
    if ext == "mise-toml":
        return pick([["[env]", f'{up} = "{v}"', 'RUST_LOG = "info"'],
                     ["[env]", f'{up} = {{ value = "{v}", redact = true }}'],
                     ["[tasks.deploy]", 'run = "./deploy.sh"', f'env = {{ {up} = "{v}" }}']])
    if ext == "ansible-cfg-galaxy":
        return pick([["[galaxy]", f"server_list = {o}_hub, release_galaxy", "", f"[galaxy_server.{o}_hub]",
                      f"url = https://hub.{host}.com/api/galaxy/", f"token = {v}"],
                     ["[galaxy_server.automation_hub]", "url = https://console.redhat.com/api/automation-hub/",
                      f"# {title}", f"token={v}"]])
    if ext == "tf-local-exec":
        return pick([['  provisioner "local-exec" {', '    command = "./register.sh"', "    environment = {",
                      f'      {up} = "{v}"', "    }", "  }"],
                     ['  provisioner "local-exec" {',
                      f'    command = "curl -sf -H \'{hdr}: {v}\' https://api.{host}.com/v1/hooks"', "  }"]])
    if ext == "firebase-functions-config-set":
        return pick([[f'firebase functions:config:set {o}.{n["leaf"]}="{v}"'],
                     [f'firebase functions:config:set {o}.{n["leaf"]}="{v}" {o}.region="eu-west-1" --project orders-prod'],
                     [f"firebase functions:secrets:set {up} --data-file - <<< '{v}'"]])
    if ext == "eas-json":
        return pick([['    "production": {', '      "env": {', f'        "{up}": "{v}"', "      }", "    }"],
                     ['    "preview": {', '      "distribution": "internal",', '      "env": {',
                      f'        "EXPO_PUBLIC_{up}": "{v}"', "      }", "    }"]])
    if ext == "cmake-presets-json":
        return pick([["    {", '      "name": "ci",', '      "inherits": "default",', '      "environment": {',
                      f'        "{up}": "{v}"', "      }", "    }"],
                     ["    {", '      "name": "release",', '      "cacheVariables": {',
                      f'        "{up}": "{v}"', "      }", "    }"]])
    if ext == "pubxml-profile":
        return pick([[f"    <UserName>${n['Owner']}Orders</UserName>", f"    <Password>{v}</Password>"],
                     [f"    <MSDeployServiceURL>{host}-orders.scm.azurewebsites.net:443</MSDeployServiceURL>",
                      "    <UserName>$orders</UserName>", f"    <Password>{v}</Password>"],
                     [f"    <{n['Pascal']}>{v}</{n['Pascal']}>"]])
    if ext == "webconfig-xdt":
        return pick([[f'    <add key="{n["Owner"]}:{n["Leaf"]}" value="{v}" xdt:Transform="SetAttributes" xdt:Locator="Match(key)" />'],
                     [f'    <add key="{n["Pascal"]}" value="{v}" xdt:Transform="Replace" xdt:Locator="Match(key)" />']])
    if ext == "gradle-signing-config":
        return pick([["        release {", '            storeFile file("release.jks")', f'            storePassword "{v}"',
                      f'            keyAlias "{o}"', f'            keyPassword "{v}"', "        }"],
                     [f"        {n['ownerCamel']} {{", '            storeFile file("upload.jks")',
                      f"            storePassword '{v}'", "            keyAlias 'upload'", "        }"]])
    if ext == "gradle-ext-block":
        return pick([["ext {", f"    {n['camel']} = '{v}'", "    minSdk = 24", "}"],
                     ["ext {", f"    {o} = [", f"        {n['leafCamel']}: '{v}',", "        region: 'eu-west-1'", "    ]", "}"],
                     [f'ext.{n["camel"]} = "{v}"']])
    # --- app and framework config ---------------------------------------------------------------
    if ext == "supabase-config-toml":
        return pick([[f"[auth.external.{o}]", "enabled = true", 'client_id = "orders-app"', f'secret = "{v}"'],
                     ["[db.vault]", f'{n["lower"]} = "{v}"'],
                     ["[edge_runtime.secrets]", f'{up} = "{v}"']])
    if ext == "prisma-datasource":
        return pick([["datasource db {", '  provider = "postgresql"', f'  url      = "{v}"', "}"],
                     ["datasource db {", '  provider  = "postgresql"', f'  url       = env("{up}")',
                      f'  directUrl = "{v}"', "}"],
                     [f"// {title}", "generator client {", '  provider = "prisma-client-js"', "}", "datasource db {",
                      '  provider = "mysql"', f'  url = "mysql://{o}:{v}@db.{host}.com:3306/orders"', "}"]])
    if ext == "sequelize-config-json":
        return pick([['  "production": {', f'    "username": "{o}",', f'    "password": "{v}",', '    "database": "orders",',
                      f'    "host": "db.{host}.com",', '    "dialect": "postgres"', "  }"],
                     ['  "production": {', f'    "use_env_variable": "{up}",', f'    "{n["camel"]}": "{v}"', "  }"]])
    if ext == "package-json-script":
        return pick([['  "scripts": {', f'    "start": "{up}={v} node server.js",', '    "build": "tsc"', "  }"],
                     ['  "scripts": {', f'    "deploy": "cross-env {up}={v} serverless deploy"', "  }"],
                     ['  "scripts": {',
                      f'    "smoke": "curl -sf -H \'{hdr}: {v}\' https://api.{host}.com/v1/ping"', "  }"]])
    if ext == "nodemon-json":
        return pick([['  "env": {', '    "NODE_ENV": "development",', f'    "{up}": "{v}"', "  }"],
                     ['  "execMap": { "js": "node --inspect" },', '  "env": {', f'    "{up}": "{v}"', "  }"]])
    if ext == "vscode-tasks-json":
        return pick([["    {", '      "label": "deploy",', '      "type": "shell",', '      "command": "./deploy.sh",',
                      '      "options": {', '        "env": {', f'          "{up}": "{v}"', "        }", "      }", "    }"],
                     ["    {", f'      "label": "{n["owner_kebab"]} ping",', '      "type": "shell",',
                      f'      "command": "curl -H \'{hdr}: {v}\' https://api.{host}.com/v1/ping"', "    }"]])
    if ext == "googleservice-info-plist":
        return pick([[f"\t<key>{n['UPPER']}</key>", f"\t<string>{v}</string>"],
                     [f"\t<key>{n['Pascal']}</key>", f"\t<string>{v}</string>"],
                     ["\t<key>API_KEY</key>", f"\t<string>{v}</string>", "\t<key>GCM_SENDER_ID</key>",
                      "\t<string>448358493027</string>"]])
    if ext == "renviron":
        return pick([[f"{up}={v}"], [f'{up}="{v}"'], [f"# {title}", f"{n['OWNER']}_PAT={v}"]])
    if ext == "openresty-lua":
        return pick([[f'    ngx.req.set_header("{hdr}", "{v}")'],
                     [f'    local {n["lower"]} = os.getenv("{up}") or "{v}"'],
                     ["    local httpc = require(\"resty.http\").new()",
                      f'    local res = httpc:request_uri("https://api.{host}.com/v1/orders", {{',
                      f'      headers = {{ ["Authorization"] = "Bearer {v}" }},', "    })"]])
    if ext == "ballerina-configurable":
        return pick([[f'configurable string {n["camel"]} = "{v}";'],
                     [f"configurable {n['Owner']}Config {o} = {{", f'    {n["leafCamel"]}: "{v}"', "};"],
                     [f"final http:Client {n['ownerCamel']}Client = check new (\"https://api.{host}.com\", {{",
                      f'    auth: {{ token: "{v}" }}', "});"]])
    if ext == "abap-http-header":
        return pick([["    lo_client->request->set_header_field(", f"      name  = '{hdr}'", f"      value = '{v}' )."],
                     ["    lo_client->authenticate(", f"      username = '{o}'", f"      password = '{v}' )."],
                     [f"  CONSTANTS gc_{n['lower']} TYPE string VALUE '{v}'."]])
    if ext == "vue-sfc":
        return pick([["<script setup>", f"const {n['camel']} = '{v}'", "</script>"],
                     ["<script>", "export default {", "  data() {", f"    return {{ {n['camel']}: '{v}' }}", "  },", "}",
                      "</script>"]])
    if ext == "svelte-component":
        return pick([["<script>", f"  const {n['camel']} = '{v}';", "</script>"],
                     ["<script>", "  import { onMount } from 'svelte';", "  onMount(async () => {",
                      f"    await fetch('https://api.{host}.com/v1/widgets', {{ headers: {{ '{hdr}': '{v}' }} }});",
                      "  });", "</script>"]])
    if ext == "astro-frontmatter":
        return pick([["---", f"const {n['camel']} = '{v}';", "const res = await fetch('/api/orders');", "---"],
                     ["---", f"const {n['camel']} = import.meta.env.{up} ?? '{v}';", "---"]])
    if ext == "angular-environment-ts":
        return pick([["export const environment = {", "  production: true,", f"  {n['camel']}: '{v}',", "};"],
                     ["export const environment = {", "  production: false,", f"  {n['ownerCamel']}: {{",
                      f"    {n['leafCamel']}: '{v}',", "  },", "};"]])
    if ext == "docusaurus-algolia":
        return pick([["    algolia: {", "      appId: 'BH4D9OD16A',", f"      apiKey: '{v}',", f"      indexName: '{o}',", "    },"],
                     [f"    {n['ownerCamel']}: {{", f"      {n['leafCamel']}: '{v}',", "    },"]])
    # --- hosts and servers ----------------------------------------------------------------------
    if ext == "yum-repo":
        return pick([[f"[{n['owner_kebab']}-stable]", f"name={n['Owner']} packages", f"baseurl=https://rpm.{host}.com/stable/",
                      f"username={o}", f"password={v}", "gpgcheck=1"],
                     [f"[{n['owner_kebab']}]", f"baseurl=https://ci:{v}@rpm.{host}.com/el9/$basearch/", "enabled=1"]])
    if ext == "snmpd-conf":
        return pick([[f'createUser {o}mon SHA "{v}" AES "{v}"', f"rouser {o}mon priv"],
                     [f"# {title}", f"rocommunity {v} 10.0.0.0/8"],
                     [f"trapsess -v 3 -u {o}trap -a SHA -A {v} -l authNoPriv 10.0.0.9"]])
    if ext == "keepalived-conf":
        return pick([["    authentication {", "        auth_type PASS", f"        auth_pass {v}", "    }"],
                     [f"    # {title}", "    authentication {", "        auth_type AH", f"        auth_pass {v}", "    }"]])
    if ext == "sendmail-authinfo":
        return pick([[f'AuthInfo:smtp.{host}.com "U:orders" "P:{v}" "M:PLAIN"'],
                     [f'AuthInfo:smtp.{host}.com:587 "U:{o}" "I:{o}" "P:{v}"']])
    if ext == "mosquitto-bridge":
        return pick([[f"connection {n['owner_kebab']}-bridge", f"address mqtt.{host}.com:8883", f"remote_username {o}",
                      f"remote_password {v}", "topic orders/# out 1"],
                     [f"connection {o}", f"address mqtt.{host}.com:8883", f"remote_clientid {o}-orders",
                      f"bridge_psk {v}", f"bridge_identity {o}"]])
    if ext == "consul-agent-hcl":
        return pick([["acl {", "  enabled = true", "  tokens {", f'    agent = "{v}"', "  }", "}"],
                     [f"# {title}", f'encrypt = "{v}"'],
                     ["telemetry {", f'  circonus_api_token = "{v}"', "}"]])
    if ext == "mdt-customsettings":
        return pick([["[Default]", "OSInstall=Y", f"DomainAdmin={o}-join", "DomainAdminDomain=ACME",
                      f"DomainAdminPassword={v}", "SkipAdminPassword=YES", f"AdminPassword={v}"],
                     ["[Default]", f"; {title}", f"{n['Pascal']}={v}"]])
    if ext == "iis-applicationhost":
        return pick([["            <environmentVariables>",
                      f'                <add name="{up}" value="{v}" />', "            </environmentVariables>"],
                     [f'            <processModel identityType="SpecificUser" userName="ACME\\{o}-svc" password="{v}" />']])
    if ext == "mobileconfig-payload":
        return pick([["\t\t\t<key>PayloadType</key>", "\t\t\t<string>com.apple.wifi.managed</string>",
                      "\t\t\t<key>SSID_STR</key>", f"\t\t\t<string>{n['owner_kebab']}-corp</string>",
                      "\t\t\t<key>Password</key>", f"\t\t\t<string>{v}</string>"],
                     ["\t\t\t<key>PayloadType</key>", "\t\t\t<string>com.apple.vpn.managed</string>",
                      "\t\t\t<key>UserDefinedName</key>", f"\t\t\t<string>{n['Owner']} VPN</string>",
                      "\t\t\t<key>SharedSecret</key>", f"\t\t\t<string>{v}</string>"]])
    # --- program output and pastes --------------------------------------------------------------
    if ext == "syslog-rfc5424-sd":
        return pick([[f'<134>1 2024-05-07T10:11:12.003Z orders-01 sync 4242 ID47 [env@32473 {up}="{v}"] starting'],
                     [f'<134>1 2024-05-07T10:11:12.003Z orders-01 sync 4242 - [req@32473 host="api.{host}.com" '
                      f'{n["leaf"]}="{v}"] request sent'],
                     [f"<11>1 2024-05-07T10:11:13Z orders-01 sync 4242 - - {title} rejected: {v}"]])
    if ext == "cloudtrail-event":
        return pick([['      "requestParameters": {', f'        "name": "/orders/{o}/{n["leaf"]}",',
                      '        "type": "String",', f'        "value": "{v}",', '        "overwrite": true', "      },"],
                     ['      "requestParameters": {', '        "functionName": "orders-sync",', '        "environment": {',
                      f'          "variables": {{ "{up}": "{v}" }}', "        }", "      },"]])
    if ext == "devtools-copy-as-powershell":
        return pick([["$session = New-Object Microsoft.PowerShell.Commands.WebRequestSession",
                      f'Invoke-WebRequest -UseBasicParsing -Uri "https://api.{host}.com/v1/orders" `',
                      "-WebSession $session `", "-Headers @{", '"accept"="application/json"',
                      f'  "{hdr}"="{v}"', "}"],
                     [f'Invoke-WebRequest -UseBasicParsing -Uri "https://api.{host}.com/v1/orders?{n["leaf"]}={v}" `',
                      '-Headers @{ "accept"="application/json" }']])
    if ext == "tcpdump-ascii":
        return pick([["10:11:12.345678 IP 10.0.0.5.51544 > 10.0.0.9.80: Flags [P.], seq 1:212, ack 1, win 502, length 211",
                      "E....@.@.......", "GET /v1/orders HTTP/1.1", f"Host: api.{host}.com", f"{hdr}: {v}",
                      "User-Agent: curl/8.5.0"],
                     ["10:11:12.345678 IP 10.0.0.5.51544 > 10.0.0.9.80: Flags [P.], seq 1:180, ack 1, win 502, length 179",
                      f"POST /v1/token HTTP/1.1..Host: api.{host}.com..Content-Type: application/x-www-form-urlencoded....",
                      f"{n['leaf']}={v}"]])
    if ext == "jcmd-system-properties":  # `jcmd <pid> VM.system_properties`
        return pick([[f"{n['dotted']}={v}"], [f"{o}.{n['leafCamel']}={v}"],
                     [f"spring.datasource.url=jdbc\\:postgresql\\://db.{host}.com\\:5432/orders",
                      f"spring.datasource.password={v}"]])
    if ext == "actuator-env-json":  # Spring Boot /actuator/env with sanitizing switched off
        return pick([["    {", '      "name": "systemEnvironment",', '      "properties": {',
                      f'        "{up}": {{ "value": "{v}", "origin": "System Environment Property \\"{up}\\"" }}',
                      "      }", "    }"],
                     ["    {", '      "name": "Config resource \'class path resource [application.yml]\'",',
                      '      "properties": {',
                      f'        "{n["owner"]}.{n["leaf_kebab"]}": {{ "value": "{v}", "origin": "class path resource '
                      '[application.yml] - 12:14" }', "      }", "    }"]])
    if ext == "phpinfo-html":
        return pick([[f'<tr><td class="e">{up} </td><td class="v">{v} </td></tr>'],
                     [f"<tr><td class=\"e\">$_SERVER['{up}']</td><td class=\"v\">{v}</td></tr>"],
                     [f"<tr><td class=\"e\">$_ENV['{up}']</td><td class=\"v\">{v}</td></tr>"]])
    if ext == "xlsx-shared-strings":  # xl/sharedStrings.xml of a spreadsheet of credentials
        return pick([[f"<si><t>{title}</t></si>", f"<si><t>{v}</t></si>"],
                     [f"<si><t>{up}</t></si>", "<si><t>production</t></si>", f"<si><t>{v}</t></si>"],
                     [f'<si><t xml:space="preserve">{n["owner_words"]} key: {v}</t></si>']])
    if ext == "thunder-client-env":
        return pick([["    {", f'      "name": "{n["camel"]}",', f'      "value": "{v}"', "    }"],
                     ["    {", f'      "name": "{n["leaf"]}",', f'      "value": "{v}",', '      "isSecret": true', "    }"]])
    if ext == "soapui-project":
        return pick([[f'      <con:property><con:name>{n["Pascal"]}</con:name><con:value>{v}</con:value></con:property>'],
                     ["      <con:credentials>", f"        <con:username>{o}</con:username>",
                      f"        <con:password>{v}</con:password>", "        <con:authType>Global HTTP Settings</con:authType>",
                      "      </con:credentials>"],
                     [f'      <con:setting id="{n["Owner"]}Header">{hdr}={v}</con:setting>']])
    if ext == "locust-file":
        return pick([[f'    {n["lower"]} = "{v}"', "", "    @task", "    def orders(self):",
                      f'        self.client.get("/v1/orders", headers={{"{hdr}": self.{n["lower"]}}})'],
                     ["    @task", "    def orders(self):", f'        self.client.get("/v1/orders", headers={{"{hdr}": "{v}"}})']])
    if ext == "artillery-yaml":
        return pick([["  defaults:", "    headers:", f"      {hdr}: '{v}'"],
                     ["  variables:", f"    {n['camel']}: '{v}'"],
                     ["  http:", "    defaults:", "      headers:", f"        Authorization: 'Bearer {v}'",
                      f"  # {title}"]])
    if ext == "newman-env-var":
        return pick([[f'newman run collections/{n["owner_kebab"]}.json --env-var "{n["camel"]}={v}"'],
                     [f"newman run orders.postman_collection.json -e prod.json --env-var {up}={v} --reporters cli,junit"],
                     [f"newman run orders.json --global-var '{n['leaf']}={v}'"]])
    raise ValueError(f"unknown held-out syntax {ext}")


# name: (file name, header lines, footer lines, comment prefix or None)
SYNTAXES = {
    # scanners' rule tests and fixtures, test suites
    "go-tps-concat": ("rules/generic_key_cases.go", ["package rules", "", "func genericKeyCases() ([]string, []string) {"],
                      ["\treturn tps, nil", "}"], "// "),
    "go-want-slice": ("pkg/detectors/orders/orders_cases.go",
                      ["package orders", "", 'import "fmt"', "", "var validKey = \"\"", "",
                       "var cases = []struct {", "\tname  string", "\tinput string", "\twant  []string", "}{"],
                      ["}", "", "var _ = fmt.Sprintf"], "// "),
    "th-backtick-multikey": ("pkg/detectors/orders/patterns.go", ["package orders", "", "var ("],
                             ['\tinvalidPattern = "orders_key = xxxxxxxxxxxxxxxxxxxx"', ")"], "// "),
    "rule-yaml-flow-examples": ("rules/providers.yml", ["rules:"], [], "# "),
    "toml-rule-cases": ("cases/providers.toml", ['title = "provider key cases"', ""],
                        ["", "[[cases]]", 'name = "placeholder"', "input = 'token = example'", "expect = 0"], "# "),
    "py-triple-quoted-case": ("checks/keyword_cases.py", ["CASES = ["], ["    ('token = example', False),", "]"], "# "),
    "rust-test-case-attr": ("src/scan/cases.rs", ["use test_case::test_case;", "", "use crate::scan;", ""], [], "// "),
    "md-findings-checklist": ("reports/secret-triage-2024-05.md",
                              ["# Secret scan triage, May 2024", "", "Findings from the nightly scan of `acme/orders`:", ""],
                              ["", "Owner: platform team. Rotate before closing."], None),
    "csv-findings-dquoted": ("reports/findings.csv", ["file,line,rule,match,status"],
                             ["README.md,3,generic-api-key,\"token = \"\"example\"\"\",ignored"], None),
    "semgrep-json-report": ("reports/semgrep.json", ["{", '  "version": "1.70.0",', '  "results": ['],
                            ["  ],", '  "errors": [],', '  "paths": { "scanned": ["config/settings.py"] }', "}"], None),
    "codeclimate-report": ("reports/gl-code-quality-report.json", ["["], ["]"], None),
    "gh-review-comment": ("reports/pr-1287-comments.json", ["["], ["]"], None),
    "gist-api-json": ("reports/gist-3f2a9c1e.json",
                      ["{", '  "id": "3f2a9c1e0b7d4e5f8a6b2c1d0e9f8a7b",', '  "public": false,',
                       '  "description": "deploy notes",', '  "files": {'],
                      ["  },", '  "owner": { "login": "dev-eloper" }', "}"], None),
    "secretsignore-file": (".secretsignore", ["# paths and values ripsecrets skips", "vendor/", "*.lock", ""], [], "# "),
    "inline-suppression": ("config/sandbox_settings.py", ['"""Sandbox settings for local development."""', ""],
                           ['DEBUG = True'], "# "),
    "go-fuzz-corpus": ("corpus/fuzz/FuzzScan/3f2a9c1e0b7d4e5f", ["go test fuzz v1"], [], None),
    "go-example-output": ("scanner/example_scan.go", ["package scanner", "", 'import "fmt"', ""], [], "// "),
    "hypothesis-example": ("checks/props.py", ["from hypothesis import example, given, strategies as st", "",
                                               "from scanner import scan", "", ""], [], "# "),
    "minitest-assert": ("check/scanner_check.rb", ['require "minitest/autorun"', 'require_relative "../lib/scanner"', "",
                                                   "class ScannerCheck < Minitest::Test"], ["end"], "# "),
    "mocha-cases-array": ("checks/scanner.cases.js", ["const assert = require('assert');",
                                                      "const { scan } = require('../lib/scanner');", ""],
                          ["", "describe('scan', () => {", "  for (const c of cases) {",
                           "    it(c.name || c.input, () => assert.strictEqual(scan(c.input).length > 0, c.rule !== null));",
                           "  }", "});"], "// "),
    "catch2-generate": ("checks/scanner_cases.cpp", ["#include <catch2/catch_all.hpp>", '#include "scanner.hpp"', ""],
                        [], "// "),
    "exunit-heredoc": ("check/scanner_cases.exs", ["defmodule ScannerCases do", "  use ExUnit.Case, async: true", ""],
                       ["end"], "# "),
    "perl-test-more": ("checks/scan_cases.pl", ["use strict;", "use warnings;", "use Test::More;", "use Scanner qw(scan);", ""],
                       ["", "done_testing();"], "# "),
    "busted-lua": ("checks/scanner_cases.lua", ['local scanner = require("scanner")', "", 'describe("scanner", function()'],
                   ["end)"], "-- "),
    "xctest-case": ("Checks/ScannerCases.swift", ["import XCTest", "@testable import Scanner", "",
                                                  "final class ScannerCases: XCTestCase {"], ["}"], "// "),
    "dart-test-expect": ("check/scanner_cases.dart", ["import 'package:test/test.dart';",
                                                      "import 'package:scanner/scanner.dart';", "", "void main() {"],
                         ["}"], "// "),
    "nunit-testcase": ("Scanner.Checks/ScannerCases.cs", ["using NUnit.Framework;", "using System.Linq;", "",
                                                          "public class ScannerCases", "{"], ["}"], "// "),
    "testthat-expect": ("inst/checks/scan-cases.R", ["library(testthat)", "library(scanner)", ""], [], "# "),
    # CI systems
    "woodpecker-yml": (".woodpecker/deploy.yml", ["when:", "  - event: push", "    branch: main", "", "steps:"], [], "# "),
    "bamboo-specs-yaml": ("bamboo-specs/bamboo.yml", ["---", "version: 2", "plan:", "  project-key: ORD", "  key: BUILD",
                                                      "  name: Orders build", ""],
                          ["", "stages:", "  - Build:", "      jobs:", "        - Package", "Package:", "  tasks:",
                           "    - script:", "        - ./build.sh"], "# "),
    "semaphore-yml": (".semaphore/semaphore.yml", ["version: v1.0", "name: Orders", "agent:", "  machine:",
                                                   "    type: e1-standard-2", "    os_image: ubuntu2204", "blocks:",
                                                   "  - name: Deploy", "    task:"],
                      ["      jobs:", "        - name: deploy", "          commands:", "            - checkout",
                       "            - ./deploy.sh"], "# "),
    "cirrus-yml": (".cirrus.yml", ["container:", "  image: python:3.12-slim", ""],
                   ["", "test_task:", "  script: make check"], "# "),
    "gha-action-inputs": ("ci/actions/publish/action.yml", ["name: Publish", "description: Publish the build", "inputs:"],
                          ["runs:", "  using: composite", "  steps:", "    - run: ./publish.sh", "      shell: bash"], "# "),
    "zuul-job-yaml": ("zuul.d/jobs.yaml", ["---"], [], "# "),
    "jenkins-job-dsl": ("jobs/orders_deploy.groovy", ["job('orders-deploy') {", "    description('Deploys orders')"],
                        ["    steps {", "        shell('./deploy.sh')", "    }", "}"], "// "),
    "gocd-cruise-config": ("ci/cruise-config.xml",
                           ['<?xml version="1.0" encoding="utf-8"?>', '<cruise schemaVersion="139">', "  <pipelines group=\"orders\">",
                            '    <pipeline name="orders-deploy">'],
                           ['      <materials><git url="https://github.com/acme/orders.git" /></materials>',
                            '      <stage name="deploy"><jobs><job name="deploy">'
                            '<tasks><exec command="./deploy.sh" /></tasks></job></jobs></stage>',
                            "    </pipeline>", "  </pipelines>", "</cruise>"], None),
    "prefect-yaml": ("prefect.yaml", ["name: orders", "prefect-version: 2.19.0", "deployments:",
                                      "  - name: orders-sync", "    entrypoint: flows/sync.py:sync"],
                     ["    schedules:", "      - cron: '*/15 * * * *'"], "# "),
    "goreleaser-yaml": (".goreleaser.yaml", ["version: 2", "project_name: orders", ""],
                        ["", "archives:", "  - formats: [tar.gz]"], "# "),
    # build and infrastructure
    "pkrvars-hcl": ("packer/prod.pkrvars.hcl", ['region        = "eu-west-1"', 'instance_type = "t3.small"'], [], "# "),
    "kcl-config": ("deploy/main.k", ["import regex", "", 'appName = "orders"'], ['replicas = 2'], "# "),
    "mise-toml": (".mise.toml", ["[tools]", 'node = "20"', 'python = "3.12"', ""], [], "# "),
    "ansible-cfg-galaxy": ("ansible.cfg", ["[defaults]", "inventory = inventory/hosts.ini", "roles_path = roles", ""],
                           [], "# "),
    "tf-local-exec": ("deploy/terraform/register.tf", ['resource "null_resource" "register" {',
                                                       "  triggers = { version = var.app_version }"], ["}"], "# "),
    "firebase-functions-config-set": ("deploy/firebase-setup.sh", ["#!/usr/bin/env bash", "set -euo pipefail"],
                                      ["firebase deploy --only functions"], "# "),
    "eas-json": ("eas.json", ["{", '  "cli": { "version": ">= 7.0.0" },', '  "build": {'], ["  }", "}"], None),
    "cmake-presets-json": ("CMakePresets.json", ["{", '  "version": 6,', '  "configurePresets": ['], ["  ]", "}"], None),
    "pubxml-profile": ("Properties/PublishProfiles/orders-prod.pubxml",
                       ['<?xml version="1.0" encoding="utf-8"?>',
                        '<Project xmlns="http://schemas.microsoft.com/developer/msbuild/2003">', "  <PropertyGroup>",
                        "    <WebPublishMethod>MSDeploy</WebPublishMethod>"],
                       ["    <DeployIisAppPath>orders</DeployIisAppPath>", "  </PropertyGroup>", "</Project>"], None),
    "webconfig-xdt": ("Web.Release.config",
                      ['<?xml version="1.0" encoding="utf-8"?>',
                       '<configuration xmlns:xdt="http://schemas.microsoft.com/XML-Document-Transform">', "  <appSettings>"],
                      ["  </appSettings>", "</configuration>"], None),
    "gradle-signing-config": ("app/build.gradle", ["android {", "    namespace 'com.acme.orders'", "    signingConfigs {"],
                              ["    }", "}"], "// "),
    "gradle-ext-block": ("build.gradle", ["plugins {", "    id 'java'", "}", ""], ["", "repositories { mavenCentral() }"],
                         "// "),
    # app and framework config
    "supabase-config-toml": ("supabase/config.toml", ['project_id = "orders"', "", "[api]", "port = 54321", ""], [], "# "),
    "prisma-datasource": ("prisma/schema.prisma", [], ["", "model Order {", "  id Int @id @default(autoincrement())", "}"],
                          "// "),
    "sequelize-config-json": ("config/config.json", ["{", '  "development": { "dialect": "sqlite", "storage": "dev.db" },'],
                              ["}"], None),
    "package-json-script": ("package.json", ["{", '  "name": "orders",', '  "version": "1.4.2",'],
                            ['  ,"private": true', "}"], None),
    "nodemon-json": ("nodemon.json", ["{", '  "watch": ["src"],', '  "ext": "ts,json",'], ["}"], None),
    "vscode-tasks-json": (".vscode/tasks.json", ["{", '  "version": "2.0.0",', '  "tasks": ['], ["  ]", "}"], None),
    "googleservice-info-plist": ("ios/Runner/GoogleService-Info.plist",
                                 ['<?xml version="1.0" encoding="UTF-8"?>',
                                  '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" '
                              '"http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
                                  '<plist version="1.0">', "<dict>", "\t<key>BUNDLE_ID</key>", "\t<string>com.acme.orders</string>"],
                                 ["\t<key>PROJECT_ID</key>", "\t<string>acme-orders</string>", "</dict>", "</plist>"], None),
    "renviron": (".Renviron", ["R_LIBS_USER=~/R/library"], ["TZ=UTC"], "# "),
    "openresty-lua": ("nginx/lua/upstream_auth.lua", ["local _M = {}", "", "function _M.rewrite()"],
                      ["end", "", "return _M"], "-- "),
    "ballerina-configurable": ("orders/main.bal", ["import ballerina/http;", ""], [], "// "),
    "abap-http-header": ("src/zcl_orders_client.clas.abap", ["CLASS zcl_orders_client IMPLEMENTATION.",
                                                             "  METHOD send."], ["  ENDMETHOD.", "ENDCLASS."], '" '),
    "vue-sfc": ("src/components/OrdersWidget.vue", ["<template>", '  <div class="orders">{{ count }}</div>', "</template>", ""],
                ["", "<style scoped>", ".orders { padding: 4px; }", "</style>"], None),
    "svelte-component": ("src/lib/Orders.svelte", [], ["", "<div class=\"orders\"></div>"], None),
    "astro-frontmatter": ("src/pages/orders.astro", [], ["<html>", "  <body><h1>Orders</h1></body>", "</html>"], None),
    "angular-environment-ts": ("src/environments/environment.prod.ts", ["// Production build settings"], [], "// "),
    "docusaurus-algolia": ("docusaurus.config.js", ["module.exports = {", "  title: 'Orders',", "  themeConfig: {"],
                           ["  },", "};"], "// "),
    # hosts and servers
    "yum-repo": ("etc/yum.repos.d/vendor.repo", [], [], "# "),
    "snmpd-conf": ("etc/snmp/snmpd.conf", ["sysLocation    Rack 4, DC1", "sysContact     ops@acme.example",
                                           "agentAddress   udp:161"], ["view systemonly included .1.3.6.1.2.1.1"], "# "),
    "keepalived-conf": ("etc/keepalived/keepalived.conf", ["vrrp_instance VI_1 {", "    state MASTER", "    interface eth0",
                                                           "    virtual_router_id 51", "    priority 100"],
                        ["    virtual_ipaddress {", "        10.0.0.100", "    }", "}"], "# "),
    "sendmail-authinfo": ("etc/mail/authinfo", [], [], "# "),
    "mosquitto-bridge": ("etc/mosquitto/conf.d/bridge.conf", ["listener 1883 127.0.0.1", ""], ["cleansession true"], "# "),
    "consul-agent-hcl": ("etc/consul.d/agent.hcl", ['datacenter = "dc1"', 'data_dir = "/opt/consul"', ""], [], "# "),
    "mdt-customsettings": ("DeploymentShare/Control/CustomSettings.ini", ["[Settings]", "Priority=Default", ""], [], "; "),
    "iis-applicationhost": ("config/applicationHost.config",
                            ['<?xml version="1.0" encoding="UTF-8"?>', "<configuration>", "  <system.applicationHost>",
                             "    <applicationPools>", '        <add name="orders">'],
                            ["        </add>", "    </applicationPools>", "  </system.applicationHost>", "</configuration>"],
                            None),
    "mobileconfig-payload": ("profiles/orders-corp.mobileconfig",
                             ['<?xml version="1.0" encoding="UTF-8"?>',
                              '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" '
                                  '"http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
                              '<plist version="1.0">', "<dict>", "\t<key>PayloadContent</key>", "\t<array>", "\t\t<dict>"],
                             ["\t\t</dict>", "\t</array>", "\t<key>PayloadType</key>", "\t<string>Configuration</string>",
                              "</dict>", "</plist>"], None),
    # program output and pastes
    "syslog-rfc5424-sd": ("logs/orders-sync.log",
                          ["<134>1 2024-05-07T10:11:11.001Z orders-01 sync 4242 - - service starting"],
                          ["<134>1 2024-05-07T10:11:14.002Z orders-01 sync 4242 - - synced 12 orders"], None),
    "cloudtrail-event": ("logs/cloudtrail/event-3f2a9c1e.json",
                         ["{", '  "Records": [', "    {", '      "eventVersion": "1.09",', '      "eventSource": "ssm.amazonaws.com",',
                          '      "eventName": "PutParameter",', '      "awsRegion": "eu-west-1",'],
                         ['      "requestID": "3f2a9c1e-0b7d-4e5f-8a6b-2c1d0e9f8a7b"', "    }", "  ]", "}"], None),
    "devtools-copy-as-powershell": ("notes/repro-orders-call.ps1", [], [], "# "),
    "tcpdump-ascii": ("captures/orders-01-port80.txt",
                      ["tcpdump: listening on eth0, link-type EN10MB (Ethernet), snapshot length 262144 bytes"],
                      ["2 packets captured"], None),
    "jcmd-system-properties": ("support/orders-jcmd-properties.txt", ["4242:", "#Tue May 07 10:11:12 UTC 2024",
                                                                      "java.version=21.0.3"], ["user.timezone=UTC"], None),
    "actuator-env-json": ("support/actuator-env.json", ["{", '  "activeProfiles": ["prod"],', '  "propertySources": ['],
                          ["  ]", "}"], None),
    "phpinfo-html": ("support/phpinfo.html", ['<table>', '<tr class="h"><th>Variable</th><th>Value</th></tr>'],
                     ["</table>"], None),
    "xlsx-shared-strings": ("exports/credentials/xl/sharedStrings.xml",
                            ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
                             '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="9" uniqueCount="9">',
                             "<si><t>Service</t></si>", "<si><t>Secret</t></si>"], ["</sst>"], None),
    "thunder-client-env": ("thunder-client/thunderEnvironment.json",
                           ["[", "  {", '    "_id": "3f2a9c1e-0b7d-4e5f-8a6b-2c1d0e9f8a7b",', '    "name": "prod",',
                            '    "data": ['], ["    ]", "  }", "]"], None),
    "soapui-project": ("soapui/orders-soapui-project.xml",
                       ['<?xml version="1.0" encoding="UTF-8"?>',
                        '<con:soapui-project name="orders" xmlns:con="http://eviware.com/soapui/config">',
                        "  <con:properties>"],
                       ["  </con:properties>", "</con:soapui-project>"], None),
    "locust-file": ("load/locustfile.py", ["from locust import HttpUser, task", "", "", "class OrdersUser(HttpUser):",
                                           '    host = "https://api.acme.example"'], [], "# "),
    "artillery-yaml": ("load/orders.yml", ["config:", "  target: https://api.acme.example", "  phases:",
                                           "    - duration: 60", "      arrivalRate: 5"],
                       ["scenarios:", "  - flow:", "      - get:", "          url: /v1/orders"], "# "),
    "newman-env-var": ("ci/run-collections.sh", ["#!/usr/bin/env bash", "set -euo pipefail"], ['echo "collections ok"'], "# "),
}
HELDOUT13_SYNTAXES = list(SYNTAXES)
