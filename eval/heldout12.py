"""Twelfth held-out syntax set: written blind, nobody tunes rules or the engine against it.

A set nobody has tuned against, to predict how the pack does on syntaxes it has never seen
once eval/heldout11.py has been measured and is used to fix rules. It was written and committed
before any result of it was looked at, in forms that none of eval/gen.py, eval/heldout.py and
eval/heldout2.py .. eval/heldout11.py produce, in two parts.

About a third in the style of secret scanners' output and configuration and of test suites in
languages and frameworks the earlier sets lack (written from how such files look, not copied
from any): a SARIF result with the match in `region.snippet`, a `.gitguardian.yaml` ignoring a
match by its value, a ggshield-style cassette posting a document to a scanning API, a gitleaks
config allowlisting a rotated value, secretlint snapshot output, Jest and Rust `insta`
snapshots, Go `txtar` test scripts, Bats, Pester `-TestCases`, Spock `where:` tables, Gherkin
`Examples:` tables, Elixir `iex>` doctests, Rust doc-comment examples, PHP `.phpt` files, Rego
policy tests, CodeQL inline `$ Alert` expectations, Go table cases with nested struct literals
across lines, JUnit `Arguments.of`, Kotest `withData`/`row`, GoogleTest `::testing::Values`,
Hspec, Ginkgo `Entry`, git-secrets literal patterns, and scanner reports committed to a
repository (Nosey Parker, a JUnit XML report, GitHub secret-scanning alerts, a GitLab secret
detection report).

The rest real-world files from areas the earlier sets lack: Windows administration (Group
Policy Preferences XML `cpassword`, `cmdkey`/`net use`/`schtasks`/`sc.exe` scripts, Sysmon
event XML, Azure `.PublishSettings`, XAML resources), network and VPN (PPP `chap-secrets`,
`ipsec.secrets`, WireGuard, inline OpenVPN credentials, NetworkManager keyfiles, Junos `set`
commands, a FortiGate backup, BIND TSIG keys, ddclient, Certbot DNS plugin ini files, acme.sh
`account.conf`, Squid `cache_peer`, lighttpd headers, HAProxy `userlist`), Java application
servers and build tools (WildFly `standalone.xml` and `jboss-cli` scripts, Ivy `ivysettings.xml`,
Gatling simulations, Leiningen `project.clj`), hosts, monitoring and backup (launchd
`ProgramArguments`, Bacula, Icinga 2, collectd, monit, `journalctl -o json`, auditd `EXECVE`
records), services and integrations (Azure API Management policies, EventBridge connections,
an ingress `configuration-snippet`, ClickHouse `config.d`, message-broker admin commands, n8n
workflows, Continue `config.json`, a Swagger UI initializer), mail and chat clients (Dovecot
passwd-files, `.fetchmailrc`, WeeChat `irc.conf`), languages and data (R `httr2`, Stata,
PL/SQL `UTL_HTTP`, QML, GraphQL inline arguments, Avro defaults, Erlang `sys.config`, Cabal
and Conan credentials, Capistrano, Chef `knife` config, Joomla `configuration.php`, tox
`setenv`, Go `-ldflags -X`, `cargo:rustc-env`), and things people paste or keep (a Burp
export, an iCalendar event, a Netscape cookie jar, a tmuxinator project, a token alone in a
file).

Interface as eval/heldout11.py: `render(ext, key, value, rng)` returns the lines holding
`value`; `SYNTAXES` maps each name to (file name, header lines, footer lines, comment prefix or
None). Key names come from the rule metadata as in gen.py; each syntax re-spells the key the way
its language or tool does, some with the provider word on the key itself, some on a parent, a
section, a rule name, a remote, a server, a host or a user name, some only nearby (a comment,
a title, a description, a host name) and one not at all (a token alone in its file).

File names avoid the test path globs (rules/test-paths.toml), so the fixture-style files sit
at paths such as `checks/`, `cassettes/`, `snapshots/` or `reports/`. The helpers are copied,
not imported from heldout2.py .. heldout11.py, so that edits there do not move this set.
"""
import base64
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
    """The lines that hold `value` under `key` in held-out syntax `ext` (twelfth set)."""
    n = names(key)
    v = value
    pick = rng.choice
    hdr = f"X-{n['Owner']}-{n['Leaf_dash']}"  # a provider's own header name, as its docs spell it
    up = n["UPPER"]
    host = n["host"]
    title = f"{n['Owner']} {n['leaf_title']}"
    # --- scanners' output and configuration -------------------------------------------------
    if ext == "sarif-snippet":  # a SARIF log: the match only in the region's snippet
        snippet = pick([f'{n["lower"]} = \\"{v}\\"', f"{up}={v}", v, f"{hdr}: {v}",
                        f'\\"{n["camel"]}\\": \\"{v}\\",'])
        return ["        {", f'          "ruleId": "{n["kebab"]}",',
                f'          "message": {{ "text": "{n["kebab"]} has detected secret for file config/settings.py." }},',
                '          "locations": [', "            {", '              "physicalLocation": {',
                '                "artifactLocation": { "uri": "config/settings.py" },', '                "region": {',
                '                  "startLine": 12,', '                  "startColumn": 1,', '                  "endLine": 12,',
                '                  "endColumn": 58,', f'                  "snippet": {{ "text": "{snippet}" }}',
                "                }", "              }", "            }", "          ],",
                '          "partialFingerprints": {',
                '            "commitSha": "3f2a9c1e0b7d4e5f8a6b2c1d0e9f8a7b6c5d4e3f",',
                '            "author": "Dev Eloper",', '            "date": "2024-05-07T10:11:12Z"', "          }",
                "        }"]
    if ext == "gitguardian-yaml":  # ggshield ignoring a match by its value
        return pick([["  ignored-matches:", f"    - name: {title} rotated 2024-05", f"      match: {v}"],
                     ["  ignored-matches:", f'    - match: "{v}"', f"      name: {n['owner_words']} sandbox key from the docs"],
                     ["  ignored-matches:", "    - name: old staging token", f"      match: {v}",
                      "    - name: readme placeholder", "      match: 0123456789abcdef0123456789abcdef"]])
    if ext == "gg-scan-cassette":  # a recorded call to a scanning API: the document in a JSON body
        doc = pick([f"{up}={v}\\n", f'{n["lower"]} = \\"{v}\\"\\n',
                    f'import os\\n\\n{up} = os.getenv(\\"{up}\\", \\"{v}\\")\\n',
                    f"{n['owner']}:\\n  {n['leaf']}: {v}\\n"])
        fname = pick(["config.py", f"{n['owner_kebab']}.env", "settings.yml"])
        return ["- request:",
                f"    body: '[{{\"filename\": \"{fname}\", \"document\": \"{doc}\"}}]'",
                "    headers:", "      Accept:", "      - '*/*'", "      Content-Type:", "      - application/json",
                "      User-Agent:", "      - pygitguardian/1.14.0 (Linux;py3.11.7)", "    method: POST",
                "    uri: https://api.gitguardian.com/v1/multiscan?ignore_known_secrets=True", "  response:",
                "    body:",
                "      string: '[{\"policy_break_count\":1,\"policies\":[\"Secrets detection\"],\"policy_breaks\":"
                f"[{{\"type\":\"{title}\",\"policy\":\"Secrets detection\",\"matches\":[{{\"type\":\"apikey\","
                f"\"match\":\"{v}\",\"index_start\":12,\"index_end\":51}}],\"validity\":\"no_checker\"}}]}}]'",
                "    headers:", "      Content-Type:", "      - application/json", "    status:", "      code: 200",
                "      message: OK"]
    if ext == "gitleaks-allowlist-toml":  # a project's gitleaks config allowlisting a rotated value
        rule = [f'id = "{n["kebab"]}"', f'description = "{title}"',
                f"regex = '''(?i){host}[\\w.-]{{0,20}}\\s*[:=]\\s*['\"]?([a-z0-9]{{32,64}})'''",
                f'keywords = ["{host}"]', ""]
        return pick([["[[rules]]"] + rule + ["[[rules.allowlists]]",
                                             f'description = "revoked {n["Owner"]} key kept in docs/migration.md"',
                                             'regexTarget = "match"', f"regexes = ['''{v}''']"],
                     ["[[rules]]"] + rule + ["[[rules.allowlists]]", f'stopwords = ["{v}"]'],
                     ["[allowlist]", f'description = "{n["Owner"]} sandbox values"', "regexes = [",
                      "  '''EXAMPLE[A-Z0-9]{12}''',", f"  '''{v}''',", "]"]])
    if ext == "secretlint-snapshot-json":  # secretlint's snapshot output
        msg = pick([f"found {title}: {v}", f"[{n['Owner']}{n['Leaf']}] found {n['owner_words']} {n['leaf_words']}: {v}"])
        src = pick([f"{up}={v}\\n", f"{n['lower']}: \\\"{v}\\\"\\n", f"[{n['owner']}]\\n{n['leaf']} = {v}\\n"])
        return ['  "messages": [', "    {", '      "type": "message",',
                f'      "ruleId": "@secretlint/secretlint-rule-{n["owner_kebab"]}",',
                f'      "messageId": "{n["OWNER"]}_{n["LEAF"]}",', f'      "message": "{msg}",',
                '      "loc": {', '        "start": { "line": 1, "column": 14 },', '        "end": { "line": 1, "column": 54 }',
                "      },", '      "range": [13, 53],', '      "severity": "error",',
                f'      "data": {{ "{n["LEAF"]}": "{v}" }}', "    }", "  ],", f'  "sourceContent": "{src}",']
    if ext == "jest-snapshot":  # a Jest snapshot file
        name = f"exports[`scan reports the {title} 1`] = "
        return pick([[name + "`", "[", "  {", '    "line": 3,', f'    "match": "{up}={v}",', f'    "rule": "{n["kebab"]}",',
                      f'    "secret": "{v}",', "  },", "]", "`;"],
                     [name + "`", "Object {", f'  "{n["leafCamel"]}": "{v}",', '  "region": "eu-west-1",', "}", "`;"],
                     [f"exports[`redact keeps the {n['owner_words']} value in debug mode 1`] = `\"{n['lower']}: {v}\"`;"],
                     [name + "`", "Array [", "  Object {", f'    "header": "{hdr}",', f'    "value": "{v}",', "  },", "]",
                      "`;"]])
    if ext == "insta-snapshot":  # a Rust insta snapshot: the expression, then the value
        return pick([[f'expression: "scan(\\"{up}={v}\\")"', "---", "- rule: " + n["kebab"], "  line: 1",
                      f"  secret: {v}"],
                     ["expression: findings", "---", "[", "    Finding {", f'        rule: "{n["kebab"]}",',
                      f'        secret: "{v}",', "        line: 3,", "    },", "]"],
                     ["expression: config", "---", f"{n['owner']}:", f"  {n['leaf']}: {v}", "  region: eu-west-1"]])
    if ext == "txtar-archive":  # a Go testscript: the scanned files inside the archive
        return pick([[f"# the {title} in a dotenv file is reported", "exec scanner scan .", f"stdout '{n['kebab']}'", "",
                      "-- .env --", f"{up}={v}", "LOG_LEVEL=info"],
                     ["exec scanner scan config", "cmp stdout want.txt", "", "-- config/app.yaml --", f"{n['owner']}:",
                      f"  {n['leaf']}: {v}", "-- want.txt --", f"config/app.yaml:2: {n['kebab']}"],
                     ["! exec scanner scan --fail .", f"stderr '{n['owner_words']}'", "", "-- settings.json --",
                      f'{{"{n["camel"]}": "{v}"}}'],
                     ["exec scanner scan request.http", "", "-- request.http --", "GET https://api." + host + ".com/v1/orders",
                      f"{hdr}: {v}"]])
    if ext == "bats-test":
        return pick([[f'@test "reports the {title}" {{', f"  printf '%s\\n' '{up}={v}' > \"$BATS_TEST_TMPDIR/.env\"",
                      '  run scanner scan "$BATS_TEST_TMPDIR"', '  [ "$status" -eq 1 ]',
                      f'  [[ "$output" == *"{n["kebab"]}"* ]]', "}"],
                     ['@test "reads stdin" {', f"  run scanner scan --stdin <<< '{hdr}: {v}'", '  [ "$status" -eq 1 ]', "}"],
                     [f'@test "yaml under {n["owner"]}" {{', '  cat > "$BATS_TEST_TMPDIR/config.yml" <<EOF',
                      f"{n['owner']}:", f"  {n['leaf']}: {v}", "EOF", '  run scanner scan "$BATS_TEST_TMPDIR"',
                      '  assert_failure', "}"]])
    if ext == "pester-testcases":
        return pick([["Describe 'Find-Secret' {", "    It 'finds the <Name>' -TestCases @(",
                      f"        @{{ Name = '{title}'; Line = '{up}={v}' }}", "        @{ Name = 'nothing'; Line = '' }",
                      "    ) {", "        param($Name, $Line)", "        Find-Secret -Text $Line | Should -Not -BeNullOrEmpty",
                      "    }", "}"],
                     [f"Describe '{n['Owner']} client' {{", "    BeforeAll {", f"        $env:{up} = '{v}'", "    }",
                      "    It 'reads the key from the environment' {", f"        Get-{n['Owner']}Client | Should -Not -BeNullOrEmpty",
                      "    }", "}"],
                     ["Describe 'Find-Secret' {", "    It 'returns the header value' {",
                      f"        Find-Secret -Text '{hdr}: {v}' | Should -Be '{v}'", "    }", "}"]])
    if ext == "spock-where":
        row = pick([f"'{title} in env'{' ' * 4}| '{up}={v}'", f"'{n['owner_words']} yaml'{' ' * 4}| \"{n['lower']}: '{v}'\"",
                    f"'header'{' ' * 4}| '{hdr}: {v}'"])
        return pick([["    @Unroll", "    def 'detects #description'() {", "        expect:",
                      "        detector.scan(line).size() == expected", "", "        where:",
                      "        description    | line    || expected", f"        {row} || 1",
                      "        'empty'        | ''      || 0", "    }"],
                     [f"    def 'finds the {n['owner_words']} key in every line'() {{", "        expect:",
                      "        detector.scan(line)", "", "        where:",
                      f"        line << ['{up}={v}', '{n['lower']} = \"{v}\"']", "    }"]])
    if ext == "gherkin-examples":  # a Cucumber scenario outline: the value in a table cell
        return pick([["  Scenario Outline: a <provider> credential is reported", '    Given a file "<file>" containing "<line>"',
                      "    When I scan the repository", '    Then a finding for rule "<rule>" is reported', "",
                      "    Examples:", "      | provider | file | line | rule |",
                      f"      | {n['Owner']} | .env | {up}={v} | {n['kebab']} |",
                      f"      | {n['Owner']} | config.yml | {n['lower']}: {v} | {n['kebab']} |"],
                     [f"  Scenario: the {n['owner_words']} {n['leaf_words']} in a dotenv file", '    Given a file ".env" with:',
                      '      """', f"      {up}={v}", '      """', "    When I scan the repository",
                      "    Then 1 finding is reported"]])
    if ext == "elixir-iex-doctest":
        ex = pick([[f'      iex> Scanner.Detector.find("{up}={v}")', f'      {{:ok, "{v}"}}'],
                   [f'      iex> Scanner.Detector.find(~s({n["lower"]}: "{v}"))', f'      {{:ok, "{v}"}}'],
                   [f'      iex> Scanner.Detector.find(%{{"{n["owner"]}" => %{{"{n["leaf"]}" => "{v}"}}}})',
                    f'      {{:ok, "{v}"}}']])
        return ['  @doc """', f"  Returns the {title} found in `input`.", ""] + ex + [
            "", '      iex> Scanner.Detector.find("nothing")', "      :error", '  """',
            "  def find(input), do: Scanner.Rules.match(:" + n["owner"] + ", input)"]
    if ext == "rust-doc-comment":  # doc-test examples in comments
        ex = pick([[f'/// let input = "{up}={v}";', f'/// assert_eq!(scanner::find(input), Some("{v}"));'],
                   [f'/// let cfg = Config {{ {n["lower"]}: "{v}".into(), ..Default::default() }};',
                    "/// assert!(cfg.validate().is_ok());"],
                   [f'/// let input = r#"{{"{n["camel"]}": "{v}"}}"#;', "/// assert!(scanner::find(input).is_some());"]])
        return [f"/// Finds the {title} in `input`.", "///", "/// # Examples", "///", "/// ```"] + ex + [
            "/// ```", "pub fn find(input: &str) -> Option<&str> {", "    PATTERN.find(input).map(|m| m.as_str())", "}"]
    if ext == "phpt-file":  # a PHP .phpt test: sections
        return pick([[f"finds the {title} in an ini string", "--FILE--", "<?php",
                      f'$ini = "[{n["owner"]}]\\n{n["leaf"]} = {v}\\n";', "var_dump(Scanner\\find($ini));", "?>",
                      "--EXPECT--", f'string({len(v)}) "{v}"'],
                     [f"reads {up} from the environment", "--ENV--", f"{up}={v}", "--FILE--", "<?php",
                      f"var_dump(getenv('{up}') !== false);", "?>", "--EXPECT--", "bool(true)"],
                     ["finds a header value", "--FILE--", "<?php", f"echo Scanner\\find('{hdr}: {v}'), PHP_EOL;", "?>",
                      "--EXPECT--", v]])
    if ext == "rego-test":  # policy tests: the input as a Rego object
        return pick([[f"test_deny_plaintext_{n['owner']} if {{",
                      '\tdeny with input as {"kind": "Deployment", "spec": {"template": {"spec": {"containers": [',
                      f'\t\t{{"name": "api", "env": [{{"name": "{up}", "value": "{v}"}}]}}', "\t]}}}}", "}"],
                     [f"test_deny_{n['owner']}_lambda_env if {{",
                      '\tdeny with input as {"resource_changes": [{"type": "aws_lambda_function", "change": {"after": {',
                      f'\t\t"environment": [{{"variables": {{"{up}": "{v}"}}}}]', "\t}}}]}", "}"],
                     ["test_deny_dockerfile_env if {",
                      f'\tdeny with input as [{{"Cmd": "env", "Value": ["{up}", "{v}"]}}]', "}"]])
    if ext == "codeql-inline-expect":  # a CodeQL test source with inline expectations
        return [pick([f'const {n["camel"]} = "{v}"; // $ Alert',
                      f'fetch(url, {{ headers: {{ "{hdr}": "{v}" }} }}); // $ Alert[js/hardcoded-credentials]',
                      f'const client = new {n["Owner"]}Client({{ {n["leafCamel"]}: "{v}" }}); // $ Alert',
                      f'mysql.createConnection({{ host: "db.{host}.com", user: "orders", password: "{v}" }}); // NOT OK'])]
    if ext == "go-nested-struct-case":  # a Go table case: nested struct literals across lines
        return pick([["\t{", f'\t\tname: "{n["owner_words"]} configured",', "\t\tcfg: Config{",
                      f"\t\t\t{n['GoOwner']}: {n['GoOwner']}Config{{", f'\t\t\t\t{n["GoLeaf"]}: "{v}",',
                      '\t\t\t\tRegion: "eu-west-1",', "\t\t\t},", "\t\t},", "\t\twantErr: false,", "\t},"],
                     ["\t{", '\t\tname: "header from config",', "\t\tcfg: Config{", "\t\t\tHTTP: HTTPConfig{",
                      "\t\t\t\tHeaders: map[string]string{", f'\t\t\t\t\t"{hdr}": "{v}",', "\t\t\t\t},", "\t\t\t},",
                      "\t\t},", "\t},"],
                     ["\t{", f'\t\tname: "{n["owner_words"]} from env",', "\t\tcfg: Config{",
                      f'\t\t\tEnv: []string{{"LOG_LEVEL=info", "{up}={v}"}},', "\t\t},", "\t\twantErr: false,", "\t},"]])
    if ext == "junit-arguments-of":
        return pick([["    static Stream<Arguments> positives() {", "        return Stream.of(",
                      f'            Arguments.of("{title} in properties", "{n["owner"]}.{n["leaf_kebab"]}={v}"),',
                      '            Arguments.of("empty", "")', "        );", "    }"],
                     ["    static Stream<Arguments> headers() {", "        return Stream.of(",
                      f'            arguments("{hdr}: {v}", true),', '            arguments("Accept: */*", false)', "        );",
                      "    }"],
                     ["    static Stream<Named<String>> envFiles() {",
                      f'        return Stream.of(Named.of("{n["Owner"]}", "{up}={v}"));', "    }"]])
    if ext == "kotest-rows":
        return pick([[f'    context("{title}") {{', "        withData(", f'            "{up}={v}",',
                      f'            "{n["lower"]}: \\"{v}\\"",', "        ) { line -> Detector.scan(line).shouldNotBeEmpty() }",
                      "    }"],
                     ['    test("finds every row") {', "        forAll(", f'            row("{up}={v}", "{v}"),',
                      '            row("", null),', "        ) { line, secret -> Detector.find(line) shouldBe secret }", "    }"],
                     [f'    test("finds the {n["owner_words"]} header") {{',
                      f'        Detector.scan("{hdr}: {v}") shouldHaveSize 1', "    }"]])
    if ext == "gtest-values":
        return pick([["INSTANTIATE_TEST_SUITE_P(", f"    {n['Owner']}, DetectorCase,", "    ::testing::Values(",
                      f'        Case{{"{up}={v}", true}},', f'        Case{{R"({n["lower"]}: "{v}")", true}},',
                      '        Case{"", false}));'],
                     [f"TEST(Detector, Finds{n['Pascal']}) {{", f'  EXPECT_EQ(Find("{up}={v}"), "{v}");', "}"],
                     ["INSTANTIATE_TEST_SUITE_P(Json, DetectorCase,",
                      f'    ::testing::Values(Case{{R"json({{"{n["camel"]}": "{v}"}})json", true}}));']])
    if ext == "hspec-spec":
        return pick([[f'  describe "{n["owner_words"]} keys" $ do', f'    it "finds the {n["leaf_words"]}" $',
                      f'      find "{up}={v}" `shouldBe` Just "{v}"'],
                     ['  it "finds a quoted value" $', f'    find "{n["lower"]} = \\"{v}\\"" `shouldSatisfy` isJust'],
                     ['  it "reads the config" $ do', f'    let cfg = Config {{ {n["camel"]} = "{v}", region = "eu-west-1" }}',
                      "    validate cfg `shouldBe` Right cfg"]])
    if ext == "ginkgo-entry":
        return pick([[f'var _ = DescribeTable("{n["owner_words"]} detection",',
                      "\tfunc(line string, found bool) { Expect(len(Scan(line)) > 0).To(Equal(found)) },",
                      f'\tEntry("{n["owner_words"]} {n["leaf_words"]} in env", "{up}={v}", true),',
                      '\tEntry("empty line", "", false),', ")"],
                     ['var _ = Describe("Scan", func() {', f'\tIt("finds the {n["owner_words"]} header", func() {{',
                      f'\t\tExpect(Scan("{hdr}: {v}")).NotTo(BeEmpty())', "\t})", "})"],
                     ['var _ = DescribeTable("quoted values",', "\tfunc(line string) { Expect(Scan(line)).To(HaveLen(1)) },",
                      f"\tEntry(nil, `{n['lower']} = \"{v}\"`),", ")"]])
    if ext == "git-secrets-config":  # a value registered as a literal pattern
        return pick([[f"# the {n['Owner']} key leaked in 2023: refuse it anywhere", f"git secrets --add --literal '{v}'"],
                     [f"# {title} from the public docs", f"git secrets --add --allowed --literal '{v}'"],
                     [f"git config --add secrets.patterns '{v}'"],
                     [f"# {n['owner_words']} sandbox value used in the README", f"git config --add secrets.allowed '{v}'"]])
    if ext == "noseyparker-report":
        b64 = base64.b64encode(v.encode()).decode()
        before, after = pick([(f'import os\\n\\n{n["lower"]} = \\"', '\\"\\n'), (f"LOG_LEVEL=info\\n{up}=", "\\n"),
                              (f"{n['owner']}:\\n  {n['leaf']}: ", "\\n  region: eu-west-1\\n")])
        return ["  {", f'    "rule_name": "{title}",', f'    "rule_text_id": "np.{host}.1",',
                '    "rule_structural_id": "9f1c2e7a4b3d5c6e8f0a1b2c3d4e5f6a7b8c9d0e",', '    "num_matches": 1,',
                '    "status": null,', '    "matches": [', "      {", '        "provenance": [',
                '          { "kind": "file", "path": "config/settings.py" }', "        ],",
                '        "location": { "source_span": { "start": { "line": 3, "column": 14 }, "end": { "line": 3, "column": 53 } } },',
                f'        "groups": ["{b64}"],', '        "snippet": {', f'          "before": "{before}",',
                f'          "matching": "{v}",', f'          "after": "{after}"', "        }", "      }", "    ]", "  }"]
    if ext == "scan-junit-xml":  # a scanner's JUnit report for CI
        match = pick([f"{n['lower']} = &quot;{v}&quot;", f"{up}={v}", f"{hdr}: {v}"])
        return [f'    <testcase classname="{n["kebab"]}" name="{title} in config/settings.py:12" time="0">',
                f'      <failure message="{title} detected" type="{n["kebab"]}">File: config/settings.py',
                "Line: 12", f"Match: {match}", f"Secret: {v}", "Commit: 3f2a9c1e0b7d4e5f8a6b2c1d0e9f8a7b6c5d4e3f</failure>",
                "    </testcase>"]
    if ext == "gh-secret-alerts":  # `gh api .../secret-scanning/alerts` saved to a file
        return ["  {", '    "number": 7,', '    "created_at": "2024-05-07T10:11:12Z",',
                '    "url": "https://api.github.com/repos/acme/orders/secret-scanning/alerts/7",',
                '    "html_url": "https://github.com/acme/orders/security/secret-scanning/7",', '    "state": "open",',
                f'    "secret_type": "{n["owner"]}_{n["leaf"]}",', f'    "secret_type_display_name": "{title}",',
                f'    "secret": "{v}",', '    "validity": "unknown",', '    "push_protection_bypassed": false,',
                '    "resolution": null', "  }"]
    if ext == "gl-sd-report":  # gl-secret-detection-report.json
        return ["    {", '      "id": "0f8e2b7c3a1d4e5f9a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f",',
                '      "category": "secret_detection",', f'      "name": "{title}",',
                f'      "description": "{title} detected; please remove and revoke it if this is a leak.",',
                f'      "cve": "config/settings.py:5b2c8d1e7f3a4b9c:{n["kebab"]}",', '      "severity": "Critical",',
                '      "confidence": "Unknown",', f'      "raw_source_code_extract": "{v}",',
                '      "scanner": { "id": "gitleaks", "name": "Gitleaks" },', '      "location": {',
                '        "file": "config/settings.py",',
                '        "commit": { "sha": "3f2a9c1e0b7d4e5f8a6b2c1d0e9f8a7b6c5d4e3f", "author": "Dev Eloper" },',
                '        "start_line": 12', "      },", '      "identifiers": [',
                f'        {{ "type": "gitleaks_rule_id", "name": "Gitleaks rule ID {n["kebab"]}", "value": "{n["kebab"]}" }}',
                "      ]", "    }"]
    return _render_world(ext, n, v, pick, hdr, up, host, title)


def _render_world(ext, n, v, pick, hdr, up, host, title):
    """The real-world part of render()."""
    # --- Windows administration ---------------------------------------------------------------
    if ext == "gpp-xml":  # Group Policy Preferences: the password in `cpassword`
        return pick([[f'\t<User clsid="{{DF5F1855-51E5-4d24-8B1A-D9BDE98BA1D1}}" name="{n["owner"]}" image="2" '
                      'changed="2024-05-07 10:11:12" uid="{8F7A3C21-5B4D-4E6F-9A1B-2C3D4E5F6A7B}">',
                      f'\t\t<Properties action="U" newName="" fullName="{n["Owner"]} service" description="" '
                      f'cpassword="{v}" changed="0" noChange="1" neverExpires="1" acctDisabled="0" userName="{n["owner"]}"/>',
                      "\t</User>"],
                     ['\t<User clsid="{DF5F1855-51E5-4d24-8B1A-D9BDE98BA1D1}" name="Administrator (built-in)" image="2" '
                      'changed="2024-05-07 10:11:12" uid="{1C2D3E4F-5A6B-4C7D-8E9F-0A1B2C3D4E5F}">',
                      f'\t\t<Properties action="U" newName="" fullName="" description="{title}" cpassword="{v}" '
                      'changed="0" noChange="0" neverExpires="1" acctDisabled="0" subAuthority="RID_ADMIN" '
                      'userName="Administrator (built-in)"/>', "\t</User>"],
                     [f'\t<User clsid="{{DF5F1855-51E5-4d24-8B1A-D9BDE98BA1D1}}" name="svc_{n["owner"]}" image="2" '
                      'changed="2024-05-07 10:11:12" uid="{2B3C4D5E-6F7A-4B8C-9D0E-1F2A3B4C5D6E}">',
                      f'\t\t<Properties action="C" newName="" fullName="" description="" cpassword="{v}" changed="0" '
                      f'noChange="1" neverExpires="1" acctDisabled="0" userName="svc_{n["owner"]}"/>', "\t</User>"]])
    if ext == "win-admin-cmds":  # a provisioning batch file
        return [pick([f"cmdkey /generic:{n['owner_kebab']} /user:{n['owner']} /pass:{v}",
                      f"net use \\\\files.{host}.com\\orders /user:ACME\\{n['owner']} {v} /persistent:no",
                      f'schtasks /Create /TN "{n["Owner"]} sync" /TR "C:\\orders\\sync.exe" /SC HOURLY '
                      f"/RU ACME\\{n['owner']} /RP {v}",
                      f"sc.exe config {n['Owner']}Agent obj= ACME\\{n['owner']} password= {v}",
                      f"cmdkey /add:{n['host']}.database.windows.net /user:orders /pass:\"{v}\""])]
    if ext == "windows-event-xml":  # a Sysmon process-creation event: the command line
        cmd = pick([f'curl.exe -H "{hdr}: {v}" https://api.{host}.com/v1/orders',
                    f"setx {up} {v}",
                    f"powershell.exe -NoProfile -Command \"$env:{up}='{v}'; .\\deploy.ps1\"",
                    f"orders-sync.exe --{n['leaf_kebab']} {v} --region eu-west-1"])
        return ['  <Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event">', "    <System>",
                '      <Provider Name="Microsoft-Windows-Sysmon" Guid="{5770385F-C22A-43E0-BF4C-06F5698FFBD9}"/>',
                "      <EventID>1</EventID>", '      <TimeCreated SystemTime="2024-05-07T10:11:12.3456789Z"/>',
                "      <Computer>orders-ws01.acme.example</Computer>", "    </System>", "    <EventData>",
                '      <Data Name="Image">C:\\Windows\\System32\\cmd.exe</Data>',
                f'      <Data Name="CommandLine">{cmd}</Data>', '      <Data Name="User">ACME\\orders</Data>',
                "    </EventData>", "  </Event>"]
    if ext == "azure-publishsettings":  # an App Service publish profile
        app = f"{n['owner_kebab']}-app"
        return [pick([f'  <publishProfile profileName="{app} - Web Deploy" publishMethod="MSDeploy" '
                      f'publishUrl="{app}.scm.azurewebsites.net:443" msdeploySite="{app}" userName="${app}" '
                      f'userPWD="{v}" destinationAppUrl="https://{app}.azurewebsites.net" SQLServerDBConnectionString="" '
                      'mySQLDBConnectionString="" hostingProviderForumLink="" controlPanelLink="https://portal.azure.com" '
                      'webSystem="WebSites">',
                      f'  <publishProfile profileName="{app} - FTP" publishMethod="FTP" '
                      'publishUrl="ftps://waws-prod-am2-123.ftp.azurewebsites.windows.net/site/wwwroot" ftpPassiveMode="True" '
                      f'userName="{app}\\${app}" userPWD="{v}" destinationAppUrl="https://{app}.azurewebsites.net" '
                      'controlPanelLink="https://portal.azure.com" webSystem="WebSites">']),
                "    <databases />", "  </publishProfile>"]
    if ext == "xaml-resource":
        return [pick([f'    <x:String x:Key="{n["Pascal"]}">{v}</x:String>',
                      f'    <sys:String x:Key="{n["Owner"]}{n["Leaf"]}">{v}</sys:String>',
                      f'    <OnPlatform x:Key="{n["Pascal"]}" x:TypeArguments="x:String"><On Platform="Android" '
                      f'Value="{v}" /></OnPlatform>',
                      f'    <local:ApiSettings x:Key="{n["Owner"]}Settings" {n["Leaf"]}="{v}" />'])]
    # --- network, VPN and DNS -----------------------------------------------------------------
    if ext == "ppp-chap-secrets":
        return pick([[f'"{n["owner"]}"\t*\t"{v}"\t*'],
                     [f"# {n['Owner']} DSL", f"{n['owner']}@{host}.com\t*\t{v}\t*"],
                     [f"orders\tvpn.{host}.com\t\"{v}\"\t10.20.0.0/24"]])
    if ext == "ipsec-secrets":  # strongSwan / Libreswan secrets
        return pick([[f"# {n['Owner']} site-to-site", f'203.0.113.7 %any : PSK "{v}"'],
                     [f'vpn.{host}.com : PSK "{v}"'],
                     [f'{n["owner"]} : EAP "{v}"'],
                     [f'{n["owner"]}@{host}.com : XAUTH "{v}"']])
    if ext == "wireguard-conf":
        return pick([["[Interface]", "Address = 10.20.0.2/32", f"PrivateKey = {v}", "DNS = 10.20.0.1"],
                     ["[Interface]", "Address = 10.20.0.2/32", "", "[Peer]", f"# {n['Owner']} gateway",
                      "PublicKey = nX3Rb5Lq2Vd8Tg0Kc7Pw1Hy4Mf6Zs9Ja3Ue5Qi8Bo2E=", f"PresharedKey = {v}",
                      f"Endpoint = vpn.{host}.com:51820", "AllowedIPs = 10.20.0.0/16"]])
    if ext == "openvpn-inline":  # credentials inline in a client profile
        return pick([[f"remote vpn.{host}.com 1194", "<auth-user-pass>", n["owner"], v, "</auth-user-pass>"],
                     [f"# {n['Owner']} egress proxy", f"http-proxy proxy.{host}.com 3128 auth-user-pass",
                      "<http-proxy-user-pass>", "orders", v, "</http-proxy-user-pass>"],
                     [f"remote vpn.{host}.com 443", "auth-user-pass", "<auth-user-pass>", f"{n['owner']}@{host}.com", v,
                      "</auth-user-pass>"]])
    if ext == "nm-keyfile":  # NetworkManager connection keyfile
        return pick([["type=wifi", "", "[wifi]", "mode=infrastructure", f"ssid={n['Owner']}-Office", "", "[wifi-security]",
                      "key-mgmt=wpa-psk", f"psk={v}"],
                     ["type=vpn", "", "[vpn]", "service-type=org.freedesktop.NetworkManager.openvpn",
                      f"remote=vpn.{host}.com", f"username={n['owner']}", "password-flags=0", "", "[vpn-secrets]",
                      f"password={v}"],
                     ["type=ethernet", "", "[802-1x]", "eap=peap;", f"identity={n['owner']}@{host}.com",
                      f"password={v}", "phase2-auth=mschapv2"]])
    if ext == "junos-set":  # Junos `show configuration | display set`
        return [pick([f'set system radius-server 10.20.0.10 secret "{v}"',
                      f"set snmp community {v} authorization read-only",
                      f'set security ike policy {n["owner_kebab"]}-ike pre-shared-key ascii-text "{v}"',
                      f'set protocols bgp group {n["owner_kebab"]} authentication-key "{v}"',
                      f'set system tacplus-server 10.20.0.11 secret "{v}"'])]
    if ext == "fortios-config":  # a FortiGate configuration backup
        return pick([["config vpn ipsec phase1-interface", f'    edit "{n["owner_kebab"]}-vpn"', '        set interface "wan1"',
                      "        set remote-gw 203.0.113.7", f"        set psksecret {v}", "    next", "end"],
                     ["config system admin", f'    edit "{n["owner"]}"', '        set accprofile "super_admin"',
                      f"        set password {v}", "    next", "end"],
                     ["config user local", f'    edit "{n["owner"]}"', "        set type password", f"        set passwd {v}",
                      "    next", "end"],
                     ["config system email-server", f'    set server "smtp.{host}.com"', "    set port 587",
                      '    set username "orders"', f"    set password {v}", "end"]])
    if ext == "bind-tsig-key":  # named.conf: a TSIG key for dynamic updates
        return pick([[f'key "{n["owner_kebab"]}-ddns" {{', "\talgorithm hmac-sha256;", f'\tsecret "{v}";', "};", "",
                      f'zone "orders.{host}.com" {{', "\ttype primary;", '\tfile "/var/lib/bind/orders.zone";',
                      f'\tallow-update {{ key "{n["owner_kebab"]}-ddns"; }};', "};"],
                     [f"// {n['Owner']} secondary transfers", 'key "xfer-key" {', "\talgorithm hmac-sha512;",
                      f'\tsecret "{v}";', "};"],
                     ['key "rndc-key" {', "\talgorithm hmac-sha256;", f'\tsecret "{v}";', "};"]])
    if ext == "ddclient-conf":
        return pick([["protocol=dyndns2", f"server=members.{host}.com", f"login={n['owner']}", f"password='{v}'",
                      "orders.acme.example"],
                     [f"protocol=cloudflare, zone=acme.example, login=token, password={v} orders.acme.example"],
                     [f"# {n['Owner']} dynamic DNS", "protocol=dyndns2", "login=orders", f"password={v}",
                      "orders.acme.example"]])
    if ext == "certbot-dns-ini":  # a Certbot DNS plugin's credentials file
        return pick([[f"# {n['Owner']} API token used by Certbot", f"dns_{n['owner']}_{n['leaf']} = {v}"],
                     [f"dns_{n['owner']}_{n['leaf']}={v}"],
                     [f"certbot_dns_{n['owner']}:dns_{n['owner']}_{n['leaf']} = {v}"],
                     ["# Cloudflare API token used by Certbot", f"dns_cloudflare_api_token = {v}"]])
    if ext == "acmesh-account-conf":  # acme.sh saves DNS API credentials as SAVED_<Provider>_<Field>
        return [pick([f"SAVED_{n['Owner']}_{n['Leaf']}='{v}'", f"SAVED_{n['OWNER']}_{n['Leaf']}='{v}'",
                      f"SAVED_CF_Token='{v}'", f"export {n['Owner']}_{n['Leaf']}=\"{v}\""])]
    if ext == "squid-conf":
        return pick([[f"cache_peer proxy.{host}.com parent 3128 0 no-query default login={n['owner']}:{v}",
                      "never_direct allow all"],
                     [f"request_header_add {hdr} \"{v}\" all"],
                     [f"# {n['Owner']} upstream", f"cache_peer upstream.{host}.com parent 8080 0 no-query login=orders:{v} "
                      f"name={n['owner_kebab']}"]])
    if ext == "lighttpd-conf":
        return pick([['$HTTP["host"] == "orders.acme.example" {',
                      f'  setenv.add-request-header = ( "{hdr}" => "{v}" )',
                      '  proxy.server = ( "" => (( "host" => "10.0.0.5", "port" => 8080 )) )', "}"],
                     [f'setenv.add-environment = ( "{up}" => "{v}" )'],
                     [f'$HTTP["url"] =~ "^/{n["owner_kebab"]}/" {{',
                      f'  setenv.set-request-header = ( "Authorization" => "Bearer {v}" )', "}"]])
    if ext == "haproxy-userlist":
        return pick([[f"userlist {n['owner']}_admins", f"    user {n['owner']} insecure-password {v}"],
                     [f"# {n['Owner']} dashboard", "userlist dashboard", f"    user admin insecure-password {v} groups ops"],
                     ["listen stats", "    bind :8404", "    stats enable", "    stats uri /stats",
                      f"    stats auth {n['owner']}:{v}"]])
    # --- Java application servers and build tools ---------------------------------------------
    if ext == "wildfly-standalone":
        return pick([['        <subsystem xmlns="urn:jboss:domain:datasources:7.1">', "            <datasources>",
                      f'                <datasource jndi-name="java:jboss/datasources/{n["Owner"]}DS" pool-name="{n["Owner"]}DS">',
                      f"                    <connection-url>jdbc:postgresql://db.{host}.com:5432/orders</connection-url>",
                      "                    <driver>postgresql</driver>", "                    <security>",
                      f"                        <user-name>{n['owner']}</user-name>",
                      f"                        <password>{v}</password>", "                    </security>",
                      "                </datasource>", "            </datasources>", "        </subsystem>"],
                     ['        <subsystem xmlns="urn:wildfly:elytron:18.0">', "            <dir-contexts>",
                      f'                <dir-context name="{n["owner_kebab"]}-ldap" url="ldaps://ldap.{host}.com" '
                      'principal="cn=orders,ou=services,dc=acme,dc=example">',
                      f'                    <credential-reference clear-text="{v}"/>', "                </dir-context>",
                      "            </dir-contexts>", "        </subsystem>"],
                     ['        <subsystem xmlns="urn:jboss:domain:mail:4.0">',
                      '            <mail-session name="default" jndi-name="java:jboss/mail/Default">',
                      f'                <smtp-server outbound-socket-binding-ref="mail-smtp" ssl="true" username="orders" '
                      f'password="{v}"/>', "            </mail-session>", "        </subsystem>"]])
    if ext == "jboss-cli":  # a jboss-cli.sh script
        return [pick([f"data-source add --name={n['Owner']}DS --jndi-name=java:jboss/datasources/{n['Owner']}DS "
                      f"--driver-name=postgresql --connection-url=jdbc:postgresql://db.{host}.com:5432/orders "
                      f"--user-name={n['owner']} --password={v}",
                      f"/subsystem=datasources/data-source={n['Owner']}DS:write-attribute(name=password,value={v})",
                      f'/subsystem=elytron/credential-store=orders-cs:add-alias(alias={n["owner_kebab"]}, secret-value="{v}")',
                      f"/system-property={n['owner']}.{n['leaf_kebab']}:add(value={v})"])]
    if ext == "ivysettings-xml":
        return pick([[f'  <credentials host="repo.{host}.com" realm="Artifactory Realm" username="{n["owner"]}" passwd="{v}"/>'],
                     ["  <resolvers>", f'    <url name="{n["owner"]}" m2compatible="true">',
                      f'      <artifact pattern="https://orders:{v}@repo.{host}.com/libs/[organisation]/[module]/[revision]/'
                      '[artifact]-[revision].[ext]"/>', "    </url>", "  </resolvers>"]])
    if ext == "gatling-sim":
        return pick([["  val httpProtocol = http", f'    .baseUrl("https://api.{host}.com")', f'    .header("{hdr}", "{v}")',
                      '    .acceptHeader("application/json")'],
                     ["  val httpProtocol = http", f'    .baseUrl("https://api.{host}.com")',
                      f'    .authorizationHeader("Bearer {v}")'],
                     ["  val httpProtocol = http", f'    .baseUrl("https://api.{host}.com")',
                      f'    .basicAuth("{n["owner"]}", "{v}")'],
                     [f'  val httpProtocol = http.baseUrl("https://api.{host}.com")',
                      f'  val list = http("list").get("/v1/orders").queryParam("{n["leaf"]}", "{v}")']])
    if ext == "leiningen-project":
        return pick([[f'  :repositories [["releases" {{:url "https://repo.{host}.com/releases"',
                      f'                              :username "{n["owner"]}"',
                      f'                              :password "{v}"}}]]'],
                     [f'  :env {{:{n["kebab"]} "{v}"}}'],
                     [f'  :jvm-opts ["-D{n["owner"]}.{n["leaf_kebab"]}={v}"]'],
                     ['  :deploy-repositories [["clojars" {:url "https://repo.clojars.org"',
                      f'                                    :username "{n["owner"]}"',
                      f'                                    :password "{v}"', "                                    "
                      ":sign-releases false}]]"]])
    # --- hosts, monitoring and backup ---------------------------------------------------------
    if ext == "launchd-plist":  # a LaunchAgent: the value as a program argument
        return pick([["\t<key>ProgramArguments</key>", "\t<array>", "\t\t<string>/usr/local/bin/orders-sync</string>",
                      f"\t\t<string>--{n['leaf_kebab']}</string>", f"\t\t<string>{v}</string>", "\t</array>"],
                     ["\t<key>ProgramArguments</key>", "\t<array>", "\t\t<string>/usr/local/bin/orders-sync</string>",
                      f"\t\t<string>--{n['owner_kebab']}-{n['leaf_kebab']}={v}</string>", "\t</array>"],
                     ["\t<key>ProgramArguments</key>", "\t<array>", "\t\t<string>/bin/sh</string>", "\t\t<string>-c</string>",
                      f"\t\t<string>{up}={v} exec /usr/local/bin/orders-sync</string>", "\t</array>"],
                     ["\t<key>EnvironmentVariables</key>", "\t<dict>", f"\t\t<key>{up}</key>", f"\t\t<string>{v}</string>",
                      "\t</dict>"]])
    if ext == "bacula-conf":
        return pick([["Client {", f"  Name = {n['owner_kebab']}-fd", f"  Address = backup.{host}.com", "  FDPort = 9102",
                      "  Catalog = MyCatalog", f'  Password = "{v}"', "  File Retention = 30 days", "}"],
                     ["Storage {", f"  Name = {n['Owner']}S3", f"  Address = sd.{host}.com", "  SDPort = 9103",
                      f'  Password = "{v}"', "  Device = S3Device", "  Media Type = S3", "}"],
                     ["Catalog {", "  Name = MyCatalog", f'  dbname = "bacula"; dbaddress = "db.{host}.com"; dbuser = "bacula"; '
                      f'dbpassword = "{v}"', "}"]])
    if ext == "icinga2-conf":
        return pick([[f'object ApiUser "{n["owner"]}" {{', f'  password = "{v}"',
                      '  permissions = [ "status/query", "objects/query/*" ]', "}"],
                     [f'object Host "{n["owner_kebab"]}-api" {{', '  check_command = "http"',
                      f'  vars.http_vhost = "api.{host}.com"', f'  vars.{n["lower"]} = "{v}"', "}"],
                     [f'const {n["Pascal"]} = "{v}"']])
    if ext == "collectd-conf":
        return pick([["<Plugin write_http>", f'  <Node "{n["owner"]}">', f'    URL "https://metrics.{host}.com/v1/collectd"',
                      '    User "orders"', f'    Password "{v}"', '    Format "JSON"', "  </Node>", "</Plugin>"],
                     ["<Plugin mysql>", "  <Database orders>", f'    Host "db.{host}.com"', '    User "collectd"',
                      f'    Password "{v}"', "  </Database>", "</Plugin>"],
                     ["<Plugin write_http>", f'  <Node "{n["owner"]}">',
                      f'    URL "https://metrics.{host}.com/v1/collectd?{n["leaf"]}={v}"', "  </Node>", "</Plugin>"]])
    if ext == "monitrc":
        return pick([["set httpd port 2812 and", "    use address 0.0.0.0", f"    allow admin:{v}"],
                     [f'set mailserver smtp.{host}.com port 587 username "orders" password "{v}" using tls'],
                     [f"check host {n['owner_kebab']}-api with address api.{host}.com",
                      f'    if failed port 443 protocol https request "/v1/health?{n["leaf"]}={v}" then alert'],
                     [f"set mmonit https://monit:{v}@mmonit.{host}.com:8443/collector"]])
    if ext == "journald-json":  # `journalctl -o json`: one entry a line
        field = pick([f'"_CMDLINE":"/usr/local/bin/orders-sync --{n["leaf_kebab"]} {v}","MESSAGE":"starting"',
                      f'"_CMDLINE":"/usr/local/bin/orders-sync","MESSAGE":"{n["Owner"]} client configured with {n["leaf_words"]} {v}"',
                      f'"_CMDLINE":"/usr/local/bin/orders-sync --{n["owner_kebab"]}-{n["leaf_kebab"]}={v}",'
                      '"MESSAGE":"listening on :8080"',
                      f'"_CMDLINE":"/usr/bin/env","MESSAGE":"{up}={v}"'])
        return ['{"__REALTIME_TIMESTAMP":"1715076672345678","__MONOTONIC_TIMESTAMP":"98765432","_BOOT_ID":'
                '"3f2a9c1e0b7d4e5f8a6b2c1d0e9f8a7b","_HOSTNAME":"orders-01","SYSLOG_IDENTIFIER":"orders-sync","_PID":"4242",'
                f'"_COMM":"orders-sync",{field},"PRIORITY":"6","_SYSTEMD_UNIT":"orders-sync.service"}}']
    if ext == "auditd-execve":  # audit.log: arguments without spaces stay plain
        args = pick([f'argc=3 a0="orders-sync" a1="--{n["leaf_kebab"]}" a2="{v}"',
                     f'argc=4 a0="curl" a1="-u" a2="{n["owner"]}:{v}" a3="https://api.{host}.com/v1/orders"',
                     f'argc=3 a0="env" a1="{up}={v}" a2="./deploy.sh"',
                     f'argc=2 a0="orders-sync" a1="--{n["owner_kebab"]}-{n["leaf_kebab"]}={v}"'])
        return ['type=SYSCALL msg=audit(1715076672.345:1201): arch=c000003e syscall=59 success=yes exit=0 a0=55d1c2 a1=55d1d0 '
                'a2=55d1e8 a3=0 items=2 ppid=4100 pid=4242 auid=1000 uid=1000 gid=1000 euid=1000 suid=1000 fsuid=1000 '
                'egid=1000 sgid=1000 fsgid=1000 tty=pts0 ses=3 comm="orders-sync" exe="/usr/local/bin/orders-sync" key="exec"',
                f"type=EXECVE msg=audit(1715076672.345:1201): {args}",
                "type=CWD msg=audit(1715076672.345:1201): cwd=\"/srv/orders\""]
    # --- services and integrations ------------------------------------------------------------
    if ext == "apim-policy-xml":  # Azure API Management policy
        return pick([["    <inbound>", "        <base />", f'        <set-header name="{hdr}" exists-action="override">',
                      f"            <value>{v}</value>", "        </set-header>",
                      f'        <set-backend-service base-url="https://api.{host}.com/v1" />', "    </inbound>"],
                     ["    <inbound>", "        <base />", f'        <set-query-parameter name="{n["leaf"]}" exists-action="override">',
                      f"            <value>{v}</value>", "        </set-query-parameter>", "    </inbound>"],
                     ["    <inbound>", "        <base />", f'        <authentication-basic username="{n["owner"]}" password="{v}" />',
                      "    </inbound>"],
                     ["    <inbound>", "        <base />",
                      f'        <send-request mode="new" response-variable-name="{n["ownerCamel"]}Token" timeout="10">',
                      f"            <set-url>https://auth.{host}.com/oauth/token</set-url>",
                      "            <set-method>POST</set-method>",
                      "            <set-body>grant_type=client_credentials&amp;client_id=orders&amp;client_secret=" + v
                      + "</set-body>", "        </send-request>", "    </inbound>"]])
    if ext == "eventbridge-connection":  # CloudFormation AWS::Events::Connection
        auth = pick([["      AuthorizationType: API_KEY", "      AuthParameters:", "        ApiKeyAuthParameters:",
                      f"          ApiKeyName: {hdr}", f"          ApiKeyValue: {v}"],
                     ["      AuthorizationType: BASIC", "      AuthParameters:", "        BasicAuthParameters:",
                      f"          Username: {n['owner']}", f"          Password: '{v}'"],
                     ["      AuthorizationType: OAUTH_CLIENT_CREDENTIALS", "      AuthParameters:", "        OAuthParameters:",
                      f"          AuthorizationEndpoint: https://auth.{host}.com/oauth/token", "          HttpMethod: POST",
                      "          ClientParameters:", "            ClientID: orders", f"            ClientSecret: {v}"]])
        return [f"  {n['Owner']}Connection:", "    Type: AWS::Events::Connection", "    Properties:",
                f"      Name: {n['owner_kebab']}-api"] + auth
    if ext == "ingress-snippet":  # ingress-nginx annotations holding nginx directives
        return pick([["  annotations:", "    nginx.ingress.kubernetes.io/configuration-snippet: |",
                      '      more_set_headers "X-Frame-Options: DENY";', f'      proxy_set_header {hdr} "{v}";'],
                     ["  annotations:", f"    nginx.ingress.kubernetes.io/upstream-vhost: api.{host}.com",
                      "    nginx.ingress.kubernetes.io/configuration-snippet: |",
                      f'      proxy_set_header Authorization "Bearer {v}";'],
                     ["  annotations:", f'    nginx.ingress.kubernetes.io/auth-url: "https://auth.{host}.com/verify?{n["leaf"]}={v}"'],
                     ["  annotations:", "    haproxy.org/request-set-header: |", f"      {hdr} {v}"]])
    if ext == "clickhouse-config-xml":  # config.d: users and named collections
        return pick([["    <users>", f"        <{n['owner']}>", f"            <password>{v}</password>",
                      "            <networks><ip>::/0</ip></networks>", "            <profile>default</profile>",
                      f"        </{n['owner']}>", "    </users>"],
                     ["    <named_collections>", f"        <{n['owner']}_s3>",
                      f"            <url>https://s3.{host}.com/orders-exports/</url>",
                      "            <access_key_id>orders</access_key_id>",
                      f"            <secret_access_key>{v}</secret_access_key>", f"        </{n['owner']}_s3>",
                      "    </named_collections>"],
                     ["    <remote_servers>", f"        <{n['owner']}_cluster>", "            <shard>", "                <replica>",
                      f"                    <host>ch.{host}.com</host>", "                    <port>9440</port>",
                      "                    <user>orders</user>", f"                    <password>{v}</password>",
                      "                </replica>", "            </shard>", f"        </{n['owner']}_cluster>",
                      "    </remote_servers>"]])
    if ext == "broker-admin-cli":
        return [pick([f"rabbitmqctl add_user {n['owner']} '{v}'",
                      f"rabbitmqctl change_password {n['owner']} {v}",
                      f"kafka-configs.sh --bootstrap-server kafka.{host}.com:9092 --alter --add-config "
                      f"'SCRAM-SHA-512=[password={v}]' --entity-type users --entity-name {n['owner']}",
                      f"mosquitto_passwd -b /etc/mosquitto/passwd {n['owner']} {v}",
                      f"nats context save {n['owner_kebab']} --server nats://nats.{host}.com:4222 --user orders --password {v}"])]
    if ext == "n8n-workflow":
        params = pick([[f'        "url": "https://api.{host}.com/v1/orders",', '        "sendHeaders": true,',
                        '        "headerParameters": {', '          "parameters": [',
                        f'            {{ "name": "{hdr}", "value": "{v}" }}', "          ]", "        },", '        "options": {}'],
                       [f'        "url": "https://api.{host}.com/v1/orders",', '        "sendQuery": true,',
                        '        "queryParameters": {', '          "parameters": [',
                        f'            {{ "name": "{n["leaf"]}", "value": "{v}" }}', "          ]", "        },",
                        '        "options": {}'],
                       ['        "jsCode": "const ' + n["camel"] + " = '" + v + "';\\nreturn items.map(i => ({ json: { ...i.json, "
                        + n["camel"] + " } }));\""]])
        return ["    {", '      "parameters": {'] + params + ["      },", f'      "name": "{n["Owner"]} orders",',
                                                               '      "type": "n8n-nodes-base.httpRequest",',
                                                               '      "typeVersion": 4.2,', '      "position": [460, 300]', "    }"]
    if ext == "continue-config":  # the Continue extension's model list
        return pick([["    {", f'      "title": "{n["Owner"]}",', f'      "provider": "{n["owner"]}",',
                      '      "model": "default",', f'      "apiKey": "{v}"', "    }"],
                     ["    {", f'      "title": "{n["Owner"]} (OpenAI-compatible)",', '      "provider": "openai",',
                      '      "model": "chat-large",', f'      "apiBase": "https://api.{host}.com/v1",', f'      "apiKey": "{v}"',
                      "    }"],
                     ["    {", '      "title": "Gateway",', '      "provider": "openai",', '      "model": "chat-large",',
                      f'      "requestOptions": {{ "headers": {{ "{hdr}": "{v}" }} }}', "    }"]])
    if ext == "swagger-ui-preauth":
        return [pick([f'  ui.preauthorizeApiKey("{n["Owner"]}ApiKey", "{v}");',
                      f'  ui.preauthorizeBasic("basicAuth", "{n["owner"]}", "{v}");',
                      f'  ui.getConfigs().requestInterceptor = (req) => {{ req.headers["{hdr}"] = "{v}"; return req; }};',
                      f'  ui.initOAuth({{ clientId: "orders-docs", clientSecret: "{v}", realm: "{n["owner"]}" }});'])]
    # --- mail and chat clients ----------------------------------------------------------------
    if ext == "dovecot-passwd":  # a passwd-file: user:{SCHEME}password:uid:gid::home::
        return [pick([f"{n['owner']}@{host}.com:{{PLAIN}}{v}:5000:5000::/var/mail/{n['owner']}::",
                      f"{n['owner']}:{{CLEAR}}{v}::::::",
                      f"orders@{host}.com:{{PLAIN}}{v}::::::userdb_quota_rule=*:storage=1G"])]
    if ext == "fetchmailrc":
        return pick([[f"poll imap.{host}.com protocol IMAP",
                      f"    user '{n['owner']}@{host}.com' there with password '{v}' is 'orders' here",
                      "    options ssl keep"],
                     [f'poll pop.{host}.com proto pop3 user "orders" pass "{v}" ssl'],
                     [f"# {n['Owner']} mailbox", f'poll mail.{host}.com with proto IMAP user "{n["owner"]}" password "{v}" '
                      "is orders here"]])
    if ext == "weechat-irc-conf":
        o = n["owner"]
        return pick([["[server]", f'{o}.addresses = "irc.{host}.com/6697"', f"{o}.tls = on", f"{o}.sasl_mechanism = plain",
                      f'{o}.sasl_username = "orders-bot"', f'{o}.sasl_password = "{v}"'],
                     ["[server]", f'{o}.addresses = "irc.{host}.com/6697"', f'{o}.password = "{v}"'],
                     ["[server]", f'{o}.addresses = "irc.{host}.com/6697"', f'{o}.command = "/msg NickServ IDENTIFY {v}"']])
    # --- languages and data -------------------------------------------------------------------
    if ext == "r-httr2":
        return pick([[f'req <- request("https://api.{host}.com/v1/orders") |>', f'  req_headers("{hdr}" = "{v}") |>',
                      "  req_perform()"],
                     [f'req <- request("https://api.{host}.com/v1/orders") |>', f'  req_auth_bearer_token("{v}")'],
                     [f'req <- request("https://api.{host}.com/v1/orders") |>', f'  req_url_query({n["leaf"]} = "{v}")'],
                     [f'req <- request("https://api.{host}.com/v1/orders") |>', f'  req_auth_basic("{n["owner"]}", "{v}")']])
    if ext == "stata-do":
        return pick([[f'global {up} "{v}"'],
                     [f'local {n["lower"]} "{v}"'],
                     [f'copy "https://api.{host}.com/v1/export.csv?{n["leaf"]}={v}" orders.csv, replace'],
                     [f'!curl -s -H "{hdr}: {v}" https://api.{host}.com/v1/export -o orders.csv'],
                     ["python:", "import os", f'os.environ["{up}"] = "{v}"', "end"]])
    if ext == "plsql-utl-http":
        return pick([[f"    l_req := UTL_HTTP.begin_request('https://api.{host}.com/v1/orders', 'GET', 'HTTP/1.1');",
                      f"    UTL_HTTP.set_header(l_req, '{hdr}', '{v}');"],
                     [f"    l_req := UTL_HTTP.begin_request('https://api.{host}.com/v1/orders');",
                      f"    UTL_HTTP.set_authentication(l_req, '{n['owner']}', '{v}');"],
                     [f"    l_req := UTL_HTTP.begin_request('https://api.{host}.com/v1/orders?{n['leaf']}={v}');"],
                     ["    apex_web_service.g_request_headers(1).name := 'Authorization';",
                      f"    apex_web_service.g_request_headers(1).value := 'Bearer {v}';"]])
    if ext == "qml-property":
        return pick([[f'    property string {n["camel"]}: "{v}"'],
                     [f'    readonly property string {n["ownerCamel"]}{n["Leaf"]}: "{v}"'],
                     ["    Settings {", f'        category: "{n["owner"]}"', f'        property string {n["leafCamel"]}: "{v}"',
                      "    }"],
                     ["    function fetchOrders() {", "        var xhr = new XMLHttpRequest();",
                      f'        xhr.open("GET", "https://api.{host}.com/v1/orders");', f'        xhr.setRequestHeader("{hdr}", "{v}");',
                      "        xhr.send();", "    }"]])
    if ext == "graphql-inline-arg":  # a document with the value as an inline argument
        return pick([["mutation ConnectIntegration {",
                      f'  connectIntegration(input: {{ provider: {n["OWNER"]}, {n["leafCamel"]}: "{v}" }}) {{', "    id", "  }",
                      "}"],
                     ["query Viewer {", f'  viewer(token: "{v}") {{', "    login", "  }", "}"],
                     ["mutation {", f'  {n["ownerCamel"]}Connect({n["leafCamel"]}: "{v}") {{', "    ok", "  }", "}"],
                     ["mutation CreateHook {",
                      f'  createWebhook(url: "https://hooks.{host}.com/orders", secret: "{v}") {{', "    id", "  }", "}"]])
    if ext == "avro-schema-default":
        return pick([["    {", f'      "name": "{n["lower"]}",', '      "type": "string",', f'      "doc": "{title}",',
                      f'      "default": "{v}"', "    },"],
                     ["    {", f'      "name": "{n["ownerCamel"]}",', '      "type": {', '        "type": "record",',
                      f'        "name": "{n["Owner"]}Config",', '        "fields": [',
                      f'          {{ "name": "{n["leafCamel"]}", "type": "string", "default": "{v}" }}', "        ]", "      }",
                      "    },"],
                     ["    {", f'      "name": "{n["camel"]}",', '      "type": ["string", "null"],', f'      "default": "{v}"',
                      "    },"]])
    if ext == "erlang-sys-config":
        return pick([[f" {{{n['owner']}, [", f'   {{{n["leaf"]}, "{v}"}},', '   {region, "eu-west-1"}', " ]},"],
                     [f" {{{n['owner']}, [{{{n['leaf']}, <<\"{v}\">>}}]}},"],
                     [" {orders, [", "   {http, [", f'     {{headers, [{{"{hdr.lower()}", "{v}"}}]}}', "   ]}", " ]},"],
                     [" {orders, [", f"   {{{n['lower']}, \"{v}\"}}", " ]},"]])
    if ext == "cabal-config":
        return pick([[f"repository hackage.{host}.com", f"  url: https://hackage.{host}.com/", "  secure: True", "",
                      f"username: {n['owner']}", f"password: {v}"],
                     [f"-- {n['Owner']} Hackage mirror uploads", "username: orders", f"password: {v}"],
                     [f"password-command: echo {v}"]])
    if ext == "conan-credentials":  # .conan2/credentials.json
        return pick([['  "credentials": [', "    {", f'      "remote": "{n["owner_kebab"]}",', '      "user": "ci",',
                      f'      "password": "{v}"', "    }", "  ]"],
                     ['  "credentials": [', '    { "remote": "conancenter", "user": "anonymous", "password": "" },',
                      f'    {{ "remote": "{n["owner_kebab"]}-artifactory", "user": "orders", "password": "{v}" }}', "  ]"]])
    if ext == "capistrano-set":
        return pick([[f"set :{n['lower']}, '{v}'"],
                     [f"set :default_env, {{ '{up}' => '{v}', 'RAILS_ENV' => 'production' }}"],
                     [f"set :{n['lower']}, ENV.fetch('{up}', '{v}')"],
                     ["server 'app1.acme.example', user: 'deploy', roles: %w[app web],",
                      f"       ssh_options: {{ user: '{n['owner']}', password: '{v}' }}"]])
    if ext == "knife-rb":  # Chef workstation config
        return pick([[f"knife[:{n['lower']}] = '{v}'"],
                     [f"# {n['Owner']} cloud plugin", f'knife[:aws_secret_access_key] = "{v}"'],
                     [f"knife[:{n['owner']}] = {{ {n['leaf']}: '{v}' }}"],
                     [f"ENV['{up}'] ||= '{v}'"]])
    if ext == "joomla-configuration":
        return pick([[f"\tpublic $host = 'db.{host}.com';", f"\tpublic $user = '{n['owner']}';", f"\tpublic $password = '{v}';",
                      "\tpublic $db = 'orders';"],
                     [f"\tpublic $smtphost = 'smtp.{host}.com';", "\tpublic $smtpuser = 'orders';", f"\tpublic $smtppass = '{v}';"],
                     [f"\tpublic ${n['camel']} = '{v}';"],
                     [f"\tpublic $secret = '{v}';"]])
    if ext == "tox-setenv":
        return pick([["[testenv]", "deps = -r requirements-dev.txt", "setenv =", f"    {up} = {v}", "    PYTHONHASHSEED = 0"],
                     ["[testenv:integration]", "set_env =", "    {[testenv]set_env}", f"    {up}={v}"],
                     ["[pytest]", "env =", f"    {up}={v}", "    D:LOG_LEVEL=info"]])
    if ext == "go-ldflags":
        return pick([[f'go build -ldflags "-s -w -X main.{n["camel"]}={v}" -o bin/orders ./cmd/orders'],
                     [f"go build -ldflags \"-X 'github.com/acme/orders/internal/{n['owner']}.{n['GoLeaf']}={v}'\" ./cmd/orders"],
                     [f'LDFLAGS="-X main.version=1.4.2 -X main.{n["camel"]}={v}"', 'go build -ldflags "$LDFLAGS" ./cmd/orders'],
                     [f'GOFLAGS="-ldflags=-X=main.{n["camel"]}={v}" go build ./...']])
    if ext == "cargo-rustc-env":  # build.rs
        return pick([[f'    println!("cargo:rustc-env={up}={v}");'],
                     [f'    println!("cargo::rustc-env={up}={v}");'],
                     [f'    let {n["lower"]} = option_env!("{up}").unwrap_or("{v}");',
                      f'    println!("cargo:rustc-env={up}={{}}", {n["lower"]});']])
    # --- things people paste or keep ----------------------------------------------------------
    if ext == "burp-items-xml":  # a Burp Suite "save items" export
        where = pick(["header", "bearer", "query", "body"])
        path = f"/v1/orders?{n['leaf']}={v}" if where == "query" else "/v1/orders"
        method = "POST" if where == "body" else "GET"
        req = [f"{method} {path} HTTP/1.1", f"Host: api.{host}.com"]
        if where == "header":
            req.append(f"{hdr}: {v}")
        elif where == "bearer":
            req.append(f"Authorization: Bearer {v}")
        req += ["Accept: */*", ""]
        if where == "body":
            req[-1:] = ["Content-Type: application/json", "", f'{{"{n["leafCamel"]}":"{v}"}}']
        return (["  <item>", "    <time>Tue May 07 10:11:12 UTC 2024</time>",
                 f"    <url><![CDATA[https://api.{host}.com{path}]]></url>",
                 f'    <host ip="203.0.113.7">api.{host}.com</host>', "    <port>443</port>", "    <protocol>https</protocol>",
                 f"    <method><![CDATA[{method}]]></method>", f"    <path><![CDATA[{path}]]></path>",
                 "    <extension>null</extension>", '    <request base64="false"><![CDATA[' + req[0]] + req[1:-1]
                + [req[-1] + "]]></request>", "    <status>200</status>", "    <responselength>512</responselength>",
                   "    <mimetype>JSON</mimetype>",
                   '    <response base64="false"><![CDATA[HTTP/1.1 200 OK', "Content-Type: application/json", "",
                   '{"orders":[]}]]></response>', "    <comment></comment>", "  </item>"])
    if ext == "ics-event":  # an invitation: the value in a description or a location
        return pick([["BEGIN:VEVENT", "UID:3f2a9c1e0b7d@acme.example", "DTSTAMP:20240507T101112Z",
                      "DTSTART:20240508T090000Z", f"SUMMARY:{n['Owner']} onboarding",
                      f"DESCRIPTION:Sandbox access for the workshop\\n{title}: {v}\\nRegion: eu",
                      " -west-1", "END:VEVENT"],
                     ["BEGIN:VEVENT", "UID:5b2c8d1e7f3a@acme.example", "DTSTAMP:20240507T101112Z",
                      "DTSTART:20240508T090000Z", "SUMMARY:Orders deploy pairing", f"DESCRIPTION:{up}={v}", "END:VEVENT"],
                     ["BEGIN:VEVENT", "UID:9d4e6f2a1b3c@acme.example", "DTSTAMP:20240507T101112Z",
                      "DTSTART:20240508T090000Z", f"SUMMARY:{n['Owner']} weekly", f"LOCATION:https://meet.{host}.com/j/88123?pwd={v}",
                      "END:VEVENT"]])
    if ext == "netscape-cookies":  # a cookie jar (curl -c, browser exports)
        return [pick([f".{host}.com\tTRUE\t/\tTRUE\t1767225600\t{n['lower']}\t{v}",
                      f"#HttpOnly_api.{host}.com\tFALSE\t/\tTRUE\t0\tsession\t{v}",
                      f"app.{host}.com\tFALSE\t/\tTRUE\t1767225600\t__Secure-{n['owner']}-token\t{v}"])]
    if ext == "tmux-session-yml":  # a tmuxinator project
        return pick([[f"pre_window: export {up}={v}", "windows:", "  - api: npm run dev"],
                     ["windows:", "  - workers:", "      layout: even-horizontal", "      panes:",
                      f"        - {up}={v} bin/worker", "        - tail -f log/worker.log"],
                     ["on_project_start:", f"  - export {up}='{v}'", "windows:", "  - api: npm run dev"]])
    if ext == "bare-token-file":  # the token alone in its file (Docker secrets, CLI token caches)
        return [v]
    raise ValueError(f"unknown held-out syntax {ext}")


# name: (file name, header lines, footer lines, comment prefix or None)
SYNTAXES = {
    # scanners' output and configuration, and test suites
    "sarif-snippet": ("reports/secrets.sarif",
                      ["{", '  "version": "2.1.0",', '  "$schema": "https://json.schemastore.org/sarif-2.1.0.json",',
                       '  "runs": [', "    {",
                       '      "tool": { "driver": { "name": "gitleaks", "semanticVersion": "v8.21.2", '
                       '"informationUri": "https://github.com/gitleaks/gitleaks", "rules": [] } },', '      "results": ['],
                      ["      ]", "    }", "  ]", "}"], None),
    "gitguardian-yaml": (".gitguardian.yaml", ["version: 2", "", "secret:", "  show-secrets: false", "  ignored-paths:",
                                               "    - 'vendor/**'", "    - '**/*.lock'"],
                         ["", "  ignored-detectors:", "    - Generic Password", "", "exit-zero: false"], "# "),
    "gg-scan-cassette": ("cassettes/scan_file_secret.yaml", ["interactions:"], ["version: 1"], "# "),
    "gitleaks-allowlist-toml": (".gitleaks.toml", ['title = "orders gitleaks config"', "", "[extend]", "useDefault = true", ""],
                                ["", "[[rules]]", 'id = "orders-internal-token"', "regex = '''ord_[a-z0-9]{32}'''",
                                 'keywords = ["ord_"]'], "# "),
    "secretlint-snapshot-json": ("packages/secretlint-rule-orders/snapshots/env-file/output.json",
                                 ["{", '  "filePath": "[SNAPSHOT]/env-file/input.env",'],
                                 ['  "sourceContentType": "text"', "}"], None),
    "jest-snapshot": ("src/__snapshots__/redact.ts.snap", ["// Jest Snapshot v1, https://goo.gl/fbAQLP", ""],
                      ["", "exports[`redact returns nothing for empty input 1`] = `[]`;"], None),
    "insta-snapshot": ("crates/scanner/src/snapshots/scanner__rules__orders.snap",
                       ["---", "source: crates/scanner/src/rules.rs"], [], None),
    "txtar-archive": ("cmd/scanner/scripts/finds_credentials.txtar", [], [], "# "),
    "bats-test": ("checks/cli.bats", ["#!/usr/bin/env bats", "", "load 'helpers/bats-support/load'",
                                      "load 'helpers/bats-assert/load'", ""],
                  ["", '@test "clean tree passes" {', '  run scanner scan "$BATS_TEST_TMPDIR/empty"', "  assert_success", "}"],
                  None),
    "pester-testcases": ("checks/Find-Secret.Checks.ps1", ["BeforeAll {", "    . $PSScriptRoot/../src/Find-Secret.ps1", "}", ""],
                         [], "# "),
    "spock-where": ("src/integrationTest/groovy/com/acme/scan/DetectorSpec.groovy",
                    ["package com.acme.scan", "", "import spock.lang.Specification", "import spock.lang.Unroll", "",
                     "class DetectorSpec extends Specification {", "", "    def detector = new Detector()", ""],
                    ["}"], "// "),
    "gherkin-examples": ("features/secret_detection.feature",
                         ["Feature: secret detection", "  Findings are reported for credentials committed to a repository.", ""],
                         ["", "  Scenario: an empty repository", "    Given an empty repository", "    When I scan the repository",
                          "    Then no finding is reported"], "# "),
    "elixir-iex-doctest": ("lib/scanner/detector.ex",
                           ["defmodule Scanner.Detector do", '  @moduledoc "Provider credential detection."', ""],
                           ["end"], "# "),
    "rust-doc-comment": ("crates/scanner/src/find.rs", ["use crate::PATTERN;", ""], [], "// "),
    "phpt-file": ("checks/scanner/finds_key.phpt", ["--TEST--"], [], None),
    "rego-test": ("policy/hardcoded_secrets.rego",
                  ["package main", "", "import rego.v1", "", "deny contains msg if {", "\tsome name, value in env_values",
                   "\tlooks_secret(name, value)", '\tmsg := sprintf("%s is set in plain text", [name])', "}", ""],
                  [], "# "),
    "codeql-inline-expect": ("queries/CWE-798/HardcodedCredentials.js",
                             ["const mysql = require('mysql');", "const jwt = require('jsonwebtoken');", "",
                              "const url = 'https://api.example.com/v1/orders';", ""],
                             ["", "const fromEnv = process.env.API_KEY; // OK"], "// "),
    "go-nested-struct-case": ("internal/config/validate_cases.go",
                              ["package config", "", "var validateCases = []struct {", "\tname    string", "\tcfg     Config",
                               "\twantErr bool", "}{"],
                              ["}"], "// "),
    "junit-arguments-of": ("src/integrationTest/java/com/acme/scan/DetectorCases.java",
                           ["package com.acme.scan;", "", "import static org.junit.jupiter.params.provider.Arguments.arguments;",
                            "", "import java.util.stream.Stream;", "import org.junit.jupiter.api.Named;",
                            "import org.junit.jupiter.params.provider.Arguments;", "", "final class DetectorCases {", ""],
                           ["", "    private DetectorCases() {}", "}"], "// "),
    "kotest-rows": ("src/integrationTest/kotlin/com/acme/scan/DetectorSpecs.kt",
                    ["package com.acme.scan", "", "import io.kotest.core.spec.style.FunSpec", "import io.kotest.data.forAll",
                     "import io.kotest.data.row", "import io.kotest.datatest.withData",
                     "import io.kotest.matchers.collections.shouldHaveSize",
                     "import io.kotest.matchers.collections.shouldNotBeEmpty", "import io.kotest.matchers.shouldBe", "",
                     "class DetectorSpecs : FunSpec({"],
                    ["})"], "// "),
    "gtest-values": ("src/scan/detector_cases.cc",
                     ['#include "scan/detector.h"', "", "#include <gtest/gtest.h>", "", "namespace scan {", ""],
                     ["", "}  // namespace scan"], "// "),
    "hspec-spec": ("checks/Scanner/DetectorSpec.hs",
                   ["module Scanner.DetectorSpec (spec) where", "", "import Data.Maybe (isJust)", "import Scanner.Detector",
                    "import Test.Hspec", "", "spec :: Spec", "spec = do"],
                   [], "-- "),
    "ginkgo-entry": ("internal/scan/detector_specs.go",
                     ["package scan", "", "import (", '\t. "github.com/onsi/ginkgo/v2"', '\t. "github.com/onsi/gomega"', ")", ""],
                     [], "// "),
    "git-secrets-config": ("scripts/setup-git-secrets.sh", ["set -euo pipefail", "git secrets --install -f",
                                                            "git secrets --register-aws"],
                           ['echo "git-secrets configured"'], "# "),
    "noseyparker-report": ("reports/noseyparker-report.json", ["["], ["]"], None),
    "scan-junit-xml": ("reports/secrets-junit.xml",
                       ['<?xml version="1.0" encoding="UTF-8"?>', "<testsuites>",
                        '  <testsuite name="gitleaks" tests="1" failures="1" errors="0">'],
                       ["  </testsuite>", "</testsuites>"], None),
    "gh-secret-alerts": ("security/secret-scanning-alerts.json", ["["], ["]"], None),
    "gl-sd-report": ("gl-secret-detection-report.json", ["{", '  "version": "15.1.4",', '  "vulnerabilities": ['],
                     ["  ],", '  "scan": {',
                      '    "analyzer": { "id": "secrets", "name": "secrets", "version": "6.1.0", "vendor": { "name": "GitLab" } },',
                      '    "scanner": { "id": "gitleaks", "name": "Gitleaks", "version": "8.21.2", "vendor": { "name": "GitLab" } },',
                      '    "type": "secret_detection",', '    "start_time": "2024-05-07T10:11:12",',
                      '    "end_time": "2024-05-07T10:11:20",', '    "status": "success"', "  }", "}"], None),
    # Windows administration
    "gpp-xml": ("Policies/{31B2F340-016D-11D2-945F-00C04FB984F9}/Machine/Preferences/Groups/Groups.xml",
                ['<?xml version="1.0" encoding="utf-8"?>', '<Groups clsid="{3125E937-EB16-4b4c-9934-544FC6D24D26}">'],
                ["</Groups>"], None),
    "win-admin-cmds": ("scripts/provision-host.cmd", ["@echo off", "setlocal"], ["endlocal"], "REM "),
    "windows-event-xml": ("exports/sysmon-process-events.xml", ['<?xml version="1.0" encoding="utf-8"?>', "<Events>"],
                          ["</Events>"], None),
    "azure-publishsettings": ("deploy/orders.PublishSettings", ["<publishData>"], ["</publishData>"], None),
    "xaml-resource": ("src/Orders.App/Resources/Keys.xaml",
                      ['<ResourceDictionary xmlns="http://schemas.microsoft.com/winfx/2006/xaml/presentation"',
                       '                    xmlns:x="http://schemas.microsoft.com/winfx/2006/xaml"',
                       '                    xmlns:sys="clr-namespace:System;assembly=System.Runtime"',
                       '                    xmlns:local="clr-namespace:Orders.App">'],
                      ["</ResourceDictionary>"], None),
    # network, VPN and DNS
    "ppp-chap-secrets": ("etc/ppp/chap-secrets", ["# Secrets for authentication using CHAP",
                                                  "# client\tserver\tsecret\t\t\tIP addresses"], [], "# "),
    "ipsec-secrets": ("etc/ipsec.secrets", ["# This file holds shared secrets or RSA private keys for authentication.", "",
                                            ": RSA server-key.pem"], [], "# "),
    "wireguard-conf": ("etc/wireguard/wg0.conf", [],
                       ["", "[Peer]", "PublicKey = bT8rK2pW5yN0cZ7vQ3hX9mJ4fL6dS1gA8eR2uI5oP0c=", "AllowedIPs = 10.30.0.0/16",
                        "Endpoint = 198.51.100.20:51820"], "# "),
    "openvpn-inline": ("vpn/orders-client.ovpn", ["client", "dev tun", "proto udp", "nobind", "persist-key", "persist-tun"],
                       ["remote-cert-tls server", "cipher AES-256-GCM", "verb 3"], "# "),
    "nm-keyfile": ("etc/NetworkManager/system-connections/orders.nmconnection",
                   ["[connection]", "id=orders", "uuid=3f2a9c1e-0b7d-4e5f-8a6b-2c1d0e9f8a7b"],
                   ["", "[ipv4]", "method=auto", "", "[ipv6]", "method=auto"], "# "),
    "junos-set": ("configs/edge-mx01.set", ["set version 23.4R1.9", "set system host-name edge-mx01",
                                            "set system services ssh root-login deny"],
                  ["set interfaces ge-0/0/0 unit 0 family inet address 203.0.113.2/30"], "# "),
    "fortios-config": ("backup/fgt-orders.conf",
                       ["#config-version=FGT60F-7.4.3-FW-build2573-240201:opmode=0:vdom=0:user=admin",
                        "#conf_file_ver=84213987512345", "#buildno=2573", "#global_vdom=1", "config system global",
                        '    set hostname "fgt-orders"', "end"],
                       ["config firewall address", '    edit "orders-lan"', "        set subnet 10.20.0.0 255.255.255.0",
                        "    next", "end"], None),
    "bind-tsig-key": ("etc/bind/named.conf.local", ["//", "// Do any local configuration here", "//", ""],
                      ["", 'include "/etc/bind/zones.rfc1918";'], "// "),
    "ddclient-conf": ("etc/ddclient.conf", ["daemon=300", "syslog=yes", "ssl=yes",
                                            "use=web, web=checkip.dyndns.org/, web-skip='IP Address'"], [], "# "),
    "certbot-dns-ini": ("secrets/certbot/dns.ini", [], [], "# "),
    "acmesh-account-conf": (".acme.sh/account.conf", ["LOG_FILE='/root/.acme.sh/acme.sh.log'", "AUTO_UPGRADE='1'",
                                                      "ACCOUNT_EMAIL='ops@acme.example'"],
                            ["USER_PATH='/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin'"], "# "),
    "squid-conf": ("etc/squid/squid.conf", ["http_port 3128", "acl localnet src 10.0.0.0/8", "http_access allow localnet"],
                   ["http_access deny all", "coredump_dir /var/spool/squid"], "# "),
    "lighttpd-conf": ("etc/lighttpd/conf.d/orders.conf", ['server.modules += ( "mod_setenv", "mod_proxy" )', ""], [], "# "),
    "haproxy-userlist": ("etc/haproxy/haproxy.cfg", ["global", "    log /dev/log local0", "    maxconn 4096", "", "defaults",
                                                     "    mode http", "    timeout connect 5s", "    timeout client 30s",
                                                     "    timeout server 30s", ""],
                         ["", "frontend www", "    bind :80", "    default_backend app", "", "backend app",
                          "    server app1 10.0.0.5:8080 check"], "# "),
    # Java application servers and build tools
    "wildfly-standalone": ("standalone/configuration/standalone.xml",
                           ["<?xml version='1.0' encoding='UTF-8'?>", '<server xmlns="urn:jboss:domain:20.0">', "    <profile>"],
                           ["    </profile>", "</server>"], None),
    "jboss-cli": ("scripts/configure-orders.cli", ["embed-server --server-config=standalone.xml --std-out=echo", "batch"],
                  ["run-batch", "stop-embedded-server"], "# "),
    "ivysettings-xml": ("ivysettings.xml", ["<ivysettings>", '  <settings defaultResolver="chain"/>'], ["</ivysettings>"], None),
    "gatling-sim": ("src/gatling/scala/orders/OrdersSimulation.scala",
                    ["package orders", "", "import io.gatling.core.Predef._", "import io.gatling.http.Predef._", "",
                     "class OrdersSimulation extends Simulation {", ""],
                    ["", '  val scn = scenario("orders").exec(http("list orders").get("/v1/orders"))',
                     "  setUp(scn.inject(atOnceUsers(10))).protocols(httpProtocol)", "}"], "// "),
    "leiningen-project": ("project.clj", ['(defproject acme/orders "1.4.2"', '  :description "Orders service"',
                                          '  :dependencies [[org.clojure/clojure "1.11.1"]]'],
                          ["  :main orders.core)"], ";; "),
    # hosts, monitoring and backup
    "launchd-plist": ("Library/LaunchAgents/com.acme.orders-sync.plist",
                      ['<?xml version="1.0" encoding="UTF-8"?>',
                       '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
                       '<plist version="1.0">', "<dict>", "\t<key>Label</key>", "\t<string>com.acme.orders-sync</string>"],
                      ["\t<key>RunAtLoad</key>", "\t<true/>", "\t<key>StartInterval</key>", "\t<integer>300</integer>", "</dict>",
                       "</plist>"], None),
    "bacula-conf": ("etc/bacula/bacula-dir.conf", ["Director {", "  Name = orders-dir", "  DIRport = 9101",
                                                   '  QueryFile = "/etc/bacula/scripts/query.sql"',
                                                   '  WorkingDirectory = "/var/lib/bacula"', "}", ""],
                    ["", "Pool {", "  Name = Default", "  Pool Type = Backup", "}"], "# "),
    "icinga2-conf": ("etc/icinga2/conf.d/orders.conf", ["/* Orders monitoring */", ""],
                     ["", 'object HostGroup "orders" {', '  display_name = "Orders"', "}"], "// "),
    "collectd-conf": ("etc/collectd/collectd.conf", ['Hostname "orders-01"', "Interval 10", "LoadPlugin cpu",
                                                     "LoadPlugin mysql", "LoadPlugin write_http", ""],
                      ["", "<Plugin cpu>", "  ReportByCpu true", "</Plugin>"], "# "),
    "monitrc": ("etc/monitrc", ["set daemon 30", "set log /var/log/monit.log", ""],
                ["", "check process orders with pidfile /run/orders.pid",
                 '    start program = "/usr/bin/systemctl start orders"'], "# "),
    "journald-json": ("logs/journal-orders-sync.json",
                      ['{"__REALTIME_TIMESTAMP":"1715076660001234","_HOSTNAME":"orders-01","SYSLOG_IDENTIFIER":"systemd",'
                       '"_PID":"1","MESSAGE":"Started orders-sync.service - Orders sync.","PRIORITY":"6"}'],
                      ['{"__REALTIME_TIMESTAMP":"1715076673000001","_HOSTNAME":"orders-01","SYSLOG_IDENTIFIER":"orders-sync",'
                       '"_PID":"4242","MESSAGE":"synced 12 orders","PRIORITY":"6"}'], None),
    "auditd-execve": ("logs/audit/audit.log",
                      ["type=SERVICE_START msg=audit(1715076660.001:1190): pid=1 uid=0 auid=4294967295 ses=4294967295 "
                       "msg='unit=orders-sync comm=\"systemd\" exe=\"/usr/lib/systemd/systemd\" hostname=? addr=? terminal=? "
                       "res=success'"],
                      ["type=PROCTITLE msg=audit(1715076672.345:1201): proctitle=6F72646572732D73796E63"], None),
    # services and integrations
    "apim-policy-xml": ("apim/policies/orders-api.xml", ["<policies>"],
                        ["    <backend>", "        <base />", "    </backend>", "    <outbound>", "        <base />",
                         "    </outbound>", "    <on-error>", "        <base />", "    </on-error>", "</policies>"], None),
    "eventbridge-connection": ("infra/eventbridge-connections.yaml",
                               ['AWSTemplateFormatVersion: "2010-09-09"', "Description: Orders event destinations", "Resources:"],
                               ["  OrdersDestination:", "    Type: AWS::Events::ApiDestination", "    Properties:",
                                "      InvocationEndpoint: https://hooks.acme.example/orders", "      HttpMethod: POST",
                                "      ConnectionArn: arn:aws:events:eu-west-1:123456789012:connection/orders/3f2a9c1e"],
                               "# "),
    "ingress-snippet": ("k8s/orders-ingress.yaml", ["apiVersion: networking.k8s.io/v1", "kind: Ingress", "metadata:",
                                                    "  name: orders", "  namespace: prod"],
                        ["spec:", "  ingressClassName: nginx", "  rules:", "    - host: orders.acme.example", "      http:",
                         "        paths:", "          - path: /", "            pathType: Prefix", "            backend:",
                         "              service:", "                name: orders", "                port:",
                         "                  number: 8080"], "# "),
    "clickhouse-config-xml": ("etc/clickhouse-server/config.d/orders.xml", ["<clickhouse>"], ["</clickhouse>"], None),
    "broker-admin-cli": ("scripts/bootstrap-brokers.sh", ["set -euo pipefail"], ['echo "brokers ready"'], "# "),
    "n8n-workflow": ("workflows/orders-sync.json", ["{", '  "name": "Orders sync",', '  "nodes": ['],
                     ["  ],", '  "connections": {},', '  "active": false,', '  "settings": { "executionOrder": "v1" }', "}"],
                     None),
    "continue-config": (".continue/config.json", ["{", '  "models": ['], ["  ],", '  "allowAnonymousTelemetry": false', "}"],
                        None),
    "swagger-ui-preauth": ("public/swagger-initializer.js",
                           ["window.onload = function () {",
                            '  const ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui" });'],
                           ["  window.ui = ui;", "};"], "// "),
    # mail and chat clients
    "dovecot-passwd": ("etc/dovecot/users",
                       ["admin@acme.example:{SHA512-CRYPT}$6$rounds=5000$Jv1bz1Zk$4xT0lq0PZfHk1aQ9wz3mNcR7::::::"], [], "# "),
    "fetchmailrc": (".fetchmailrc", ["set daemon 300", "set logfile ~/.fetchmail.log", ""], [], "# "),
    "weechat-irc-conf": (".config/weechat/irc.conf", ["#", "# weechat -- irc.conf", "#", "", "[look]",
                                                      "buffer_switch_autojoin = on", ""],
                         ["", "[server_default]", 'nicks = "orders-bot"'], "# "),
    # languages and data
    "r-httr2": ("R/orders_api.R", ["library(httr2)", ""], ["", "orders <- resp_body_json(req_perform(req))"], "# "),
    "stata-do": ("do/fetch_orders.do", ["clear all", "set more off", ""],
                 ["", 'import delimited using "orders.csv", clear'], "* "),
    "plsql-utl-http": ("db/plsql/orders_sync.pkb",
                       ["CREATE OR REPLACE PACKAGE BODY orders_sync AS", "  PROCEDURE pull IS", "    l_req  UTL_HTTP.req;",
                        "    l_resp UTL_HTTP.resp;", "  BEGIN"],
                       ["    l_resp := UTL_HTTP.get_response(l_req);", "    UTL_HTTP.end_response(l_resp);", "  END pull;",
                        "END orders_sync;", "/"], "-- "),
    "qml-property": ("qml/Settings.qml", ["import QtQuick", "import QtCore", "", "Item {", "    id: root"], ["}"], "// "),
    "graphql-inline-arg": ("app/graphql/connect.graphql", [], [], "# "),
    "avro-schema-default": ("schemas/integration-config.avsc",
                            ["{", '  "type": "record",', '  "name": "IntegrationConfig",', '  "namespace": "com.acme.orders",',
                             '  "fields": [', '    { "name": "region", "type": "string", "default": "eu-west-1" },'],
                            ['    { "name": "enabled", "type": "boolean", "default": true }', "  ]", "}"], None),
    "erlang-sys-config": ("config/sys.config", ["[", " {kernel, [{logger_level, info}]},"],
                          [" {sasl, [{errlog_type, error}]}", "]."], "%% "),
    "cabal-config": (".config/cabal/config", ["repository hackage.haskell.org", "  url: http://hackage.haskell.org/",
                                              "  secure: True", ""],
                     ["", "remote-repo-cache: ~/.cache/cabal/packages", "jobs: $ncpus"], "-- "),
    "conan-credentials": (".conan2/credentials.json", ["{"], ["}"], None),
    "capistrano-set": ("config/deploy.rb", ['lock "~> 3.18.0"', "", 'set :application, "orders"',
                                            'set :repo_url, "git@github.com:acme/orders.git"'],
                       ["set :keep_releases, 5"], "# "),
    "knife-rb": (".chef/config.rb", ["current_dir = File.dirname(__FILE__)", "log_level :info", 'node_name "orders-ci"',
                                     'client_key "#{current_dir}/orders-ci.pem"',
                                     'chef_server_url "https://chef.acme.example/organizations/orders"'],
                 ['cookbook_path ["#{current_dir}/../cookbooks"]'], "# "),
    "joomla-configuration": ("configuration.php", ["<?php", "class JConfig {", "\tpublic $offline = false;",
                                                   "\tpublic $sitename = 'Orders';", "\tpublic $dbtype = 'mysqli';"],
                             ["\tpublic $log_path = '/var/www/orders/administrator/logs';", "}"], None),
    "tox-setenv": ("tox.ini", ["[tox]", "envlist = py311, py312", ""], ["", "[flake8]", "max-line-length = 120"], "# "),
    "go-ldflags": ("scripts/build.sh", ["set -euo pipefail", 'cd "$(dirname "$0")/.."'], ['echo "built bin/orders"'], "# "),
    "cargo-rustc-env": ("build.rs", ["fn main() {", '    println!("cargo:rerun-if-changed=build.rs");'], ["}"], "// "),
    # things people paste or keep
    "burp-items-xml": ("exports/burp-orders-items.xml",
                       ['<?xml version="1.0"?>', '<items burpVersion="2024.3.1.4" exportTime="Tue May 07 10:15:00 UTC 2024">'],
                       ["</items>"], None),
    "ics-event": ("calendar/orders-onboarding.ics", ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Acme//Orders//EN",
                                                     "CALSCALE:GREGORIAN"], ["END:VCALENDAR"], None),
    "netscape-cookies": ("cookies.txt", ["# Netscape HTTP Cookie File", "# https://curl.se/docs/http-cookies.html",
                                         "# This file was generated by libcurl! Edit at your own risk.", ""],
                         ["acme.example\tFALSE\t/\tFALSE\t0\tlocale\ten-GB"], None),
    "tmux-session-yml": (".tmuxinator.yml", ["name: orders", "root: ~/src/orders"], [], "# "),
    "bare-token-file": ("run/secrets/api_token", [], [], None),
}
HELDOUT12_SYNTAXES = list(SYNTAXES)
