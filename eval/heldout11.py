"""Eleventh held-out syntax set: written blind, nobody tunes rules or the engine against it.

A set nobody has tuned against, to predict how the pack does on syntaxes it has never seen
once eval/heldout10.py has been measured and is used to fix rules. It was written and committed
before any result of it was looked at, in forms that none of eval/gen.py, eval/heldout.py and
eval/heldout2.py .. eval/heldout10.py produce, in two parts.

About a third in the style of other secret scanners' and their rule authors' test fixtures
(written from how such files look, not copied from any): a Semgrep rule's test file with
`# ruleid:` annotations, detect-secrets keyword cases built with `.format()` on a module
constant, a Kingfisher-style rule's `examples:` as multi-line and folded block scalars, a Go
raw-string `payload := ...` holding JSON, INI or an HTTP request, TruffleHog-style engine chunks
(`[]byte(...)`, `bytes.NewBufferString`), Python doctests (the value in the call or only in the
expected output), unittest `search()`/`subTest` checks, secretlint `lintSource` cases with
template literals, Rust byte strings (`b"..."`, `br#"..."#`), Java text blocks, Kotlin raw
strings with `trimMargin`/`trimIndent`, Swift multi-line and raw `#"..."#` strings, PowerShell
here-strings, Ruby squiggly heredocs, PHP heredoc/nowdoc constants, Elixir sigils, a gitleaks
JSON report and TruffleHog JSON lines (scanner output committed to a repository), Common Lisp,
Raku, COBOL `WORKING-STORAGE` and AppleScript literals, and recorded or stubbed HTTP used by
test suites (a VCR cassette, WireMock mappings, nock interceptors).

The rest real-world files from areas the earlier sets lack: OS installation and network
devices (Kickstart, Debian preseed, a Windows `autounattend.xml`, OpenWrt UCI, a MikroTik
RouterOS export, Cisco IOS running configs, ESP-IDF/Zephyr `sdkconfig` defaults, PlatformIO
`build_flags`), mail and desktop clients (Postfix `sasl_passwd`, muttrc, Thunderbird/Firefox
`prefs.js`), directory, storage and database servers (LDIF entries, `/etc/fstab` CIFS options,
PgBouncer `userlist.txt`, `redis.conf` including ACL `>password` rules, SQL*Plus/Data Pump
`user/password@db` connect strings, replication `SOURCE_PASSWORD`/`CREATE SUBSCRIPTION`, Nagios
object definitions with custom `_VARS`), build, container and dev environments (Dockerfile
heredocs, Apptainer definition files, conda `environment.yml`, `.gitpod.yml`, Dagger
`SetSecret`, `terraform init -backend-config`, Zappa settings, `nix.conf` `access-tokens`),
tool auth files (`.gem/credentials` with symbol keys, git `url.<base>.insteadOf`),
observability and self-hosted apps (Fluent Bit classic config, Filebeat, `kibana.yml` flat
dotted keys, `grafana.ini` with `\"\"\"` quoting, Omnibus `gitlab.rb`, a Keycloak realm export,
a Backstage `app-config.yaml`, Node-RED flows), password manager exports (KeePass XML,
Bitwarden JSON) and HJSON.

Interface as eval/heldout10.py: `render(ext, key, value, rng)` returns the lines holding
`value`; `SYNTAXES` maps each name to (file name, header lines, footer lines, comment prefix or
None). Key names come from the rule metadata as in gen.py; each syntax re-spells the key the way
its language or tool does, some with the provider word on the key itself, some on a parent, a
section, a rule id, a client, a host or a user name, some only nearby (a comment, a title, a
host, a mount point, a description).

File names avoid the test path globs (rules/test-paths.toml), so the fixture-style files sit
at paths such as `checks/`, `cassettes/` or `wiremock/`. The helpers are copied, not imported
from heldout2.py .. heldout10.py, so that edits there do not move this set.
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


def names(key):
    owner, leaf = split_key(key)
    allp = owner + leaf if owner != ["app"] else leaf
    return {
        "owner": "_".join(owner), "Owner": pascal(owner), "ownerCamel": camel(owner), "OWNER": "_".join(owner).upper(),
        "owner_kebab": "-".join(owner), "owner_words": " ".join(owner), "OWNER_DASH": "-".join(owner).upper(),
        "leaf": "_".join(leaf), "leafCamel": camel(leaf), "Leaf": pascal(leaf), "leaf_kebab": "-".join(leaf),
        "Leaf_dash": "-".join(p.capitalize() for p in leaf), "leaf_words": " ".join(leaf),
        "leaf_title": " ".join(INITIALISMS.get(p, p) for p in leaf), "LEAF": "_".join(leaf).upper(),
        "LEAF_DASH": "-".join(leaf).upper(),
        "UPPER": "_".join(allp).upper(), "lower": "_".join(allp), "camel": camel(allp), "Pascal": pascal(allp),
        "kebab": "-".join(allp), "dotted": ".".join(allp), "host": "".join(owner),
        "UPPER_DASH": "-".join(allp).upper(),
    }


def render(ext, key, value, rng):
    """The lines that hold `value` under `key` in held-out syntax `ext` (eleventh set)."""
    n = names(key)
    v = value
    pick = rng.choice
    hdr = f"X-{n['Owner']}-{n['Leaf_dash']}"  # a provider's own header name, as its docs spell it
    up = n["UPPER"]
    host = n["host"]
    # --- scanners' and rule authors' test fixtures --------------------------------------------
    if ext == "semgrep-ruleid":  # a Semgrep rule's test file: the annotation on the line above
        rid = f"detected-{n['owner_kebab']}-{n['leaf_kebab']}"
        return pick([[f"# ruleid: {rid}", f'{up} = "{v}"'],
                     [f"# ruleid: detected-{n['kebab']}", f'client = {n["Owner"]}Client({n["leaf"]}="{v}")'],
                     ["# ruleid: detected-hardcoded-credentials",
                      f'requests.get("https://api.{host}.com/v1/orders", headers={{"{hdr}": "{v}"}})'],
                     ["def connect():", f"    # ruleid: {rid}", f'    return {n["Owner"]}("{v}")']])
    if ext == "ds-format-cases":  # detect-secrets keyword cases: the value in a module constant
        const = f"{n['OWNER']}_SECRET"
        return pick([[f"{const} = '{v}'", "", "FOLLOWED_BY_EQUAL_SIGNS_TEST_CASES = [",
                      f"    ('{n['lower']} = \"{{}}\"'.format({const}), {const}),",
                      f"    ('{n['camel']}={{}}'.format({const}), {const}),", "]"],
                     ["FOLLOWED_BY_COLON_TEST_CASES = [", f"    ('{n['lower']}: \"{v}\"', '{v}'),",
                      "    ('password: \"\"', None),", "]"],
                     [f"{const} = \"{v}\"", "", "QUOTES_REQUIRED_TEST_CASES = [",
                      f"    ('\"{n['camel']}\": \"%s\"' % {const}, {const}),", "]"]])
    if ext == "kingfisher-rule":  # a rule file's examples, as block scalars
        ex = pick([["      - |", f"        {n['Owner']} client configured for eu-west-1", f"        key: {v}"],
                   ["      - >-", f"        {n['owner_words']} {n['leaf_words']}", f"        {v}"],
                   [f"      - '{{\"{n['lower']}\": \"{v}\"}}'"],
                   [f"      - \"export {up}={v}\""]])
        return ([f"  - name: {n['Owner']} {n['leaf_title']}", f"    id: kingfisher.{host}.1", "    pattern: |",
                 "      (?xi)", f"      \\b{host}", "      (?:.|[\\n\\r]){0,32}?", "      \\b([a-z0-9]{32,64})\\b",
                 "    min_entropy: 3.3", "    confidence: medium", "    examples:"] + ex
                + ["    validation:", "      type: Http", "      content:", "        request:", "          method: GET",
                   f"          url: https://api.{host}.com/v1/me"])
    if ext == "go-raw-payload":  # a Go raw string holding the scanned text
        return pick([["\tpayload := `{", f'\t\t"{n["ownerCamel"]}": {{', f'\t\t\t"{n["leafCamel"]}": "{v}",',
                      '\t\t\t"region": "eu-west-1"', "\t\t}", "\t}`"],
                     ["\tpayload := `", f"[{n['owner']}]", f"{n['leaf']} = {v}", "`"],
                     ["\tpayload := `POST /v1/events HTTP/1.1", f"Host: api.{host}.com", f"{hdr}: {v}",
                      "Content-Type: application/json", "", '{"type":"deploy"}`'],
                     [f"\tpayload := `{up}={v}`"]])
    if ext == "go-bytes-chunk":  # engine chunks built from Go strings
        return pick([[f'\t{{Data: []byte("{n["lower"]}=\\"{v}\\"")}},'],
                     [f'\t{{SourceName: "{n["owner_kebab"]}", Data: []byte("{n["owner_words"]} {n["leaf_words"]}: {v}")}},'],
                     ["\t{", "\t\tSourceMetadata: &source_metadatapb.MetaData{},",
                      f'\t\tData: []byte(strings.Join([]string{{"[{n["Owner"]}]", "{n["leaf"]} = {v}"}}, "\\n")),', "\t},"],
                     [f'\t{{Data: bytes.NewBufferString("{hdr}: {v}").Bytes()}},']])
    if ext == "py-doctest":  # a doctest: the value in the call, or only in the expected output
        fn = f"find_{n['lower']}"
        ex = pick([[f"    >>> {fn}('{n['lower']} = \"{v}\"')", f"    '{v}'"],
                   [f'    >>> {fn}("{up}={v}")', f"    '{v}'"],
                   [f"    >>> load_settings()['{n['owner']}']['{n['leaf']}']", f"    '{v}'"],
                   [f"    >>> {fn}({{'{n['owner']}': {{'{n['leaf']}': '{v}'}}}})", f"    '{v}'"]])
        return ([f"def {fn}(text):", f'    """Return the {n["Owner"]} {n["leaf_title"]} in `text`, or None.', ""] + ex
                + [f"    >>> {fn}('nothing here') is None", "    True", '    """',
                   "    m = _PATTERN.search(str(text))", "    return m.group(1) if m else None"])
    if ext == "py-search-literal":  # a unittest passing the literal to the detector
        return pick([[f"    def test_{n['lower']}(self):",
                      f"        self.assertIsNotNone(detector.PATTERNS['{n['kebab']}'].search('{n['lower']} = \"{v}\"'))"],
                     ["    def test_finds_in_env(self):", f'        self.assertTrue(detector.scan_line("{up}={v}"))'],
                     ["    def test_header(self):", f'        found = detector.scan_line("{hdr}: {v}")',
                      f'        self.assertEqual(found[0].rule, "{n["kebab"]}")'],
                     ["    def test_lines(self):", "        for line in (",
                      f"            '{n['owner_words']} {n['leaf_words']}: {v}',", "            'region: eu-west-1',",
                      "        ):", "            with self.subTest(line=line):",
                      "                self.assertTrue(detector.scan_line(line))"]])
    if ext == "secretlint-ts":  # secretlint's lintSource with the content inline
        content = pick([[f"      content: `{up}={v}`,"],
                        [f"      content: \"{n['lower']}: '{v}'\","],
                        ["      content: `", f"[{n['owner']}]", f"{n['leaf']} = {v}", "`,"],
                        [f"      content: '{hdr}: {v}',"]])
        return ([f"test('reports the {n['Owner']} {n['leaf_title']}', async () => {{", "  const result = await lintSource({",
                 "    source: {", "      filePath: '/path/to/config.txt',"] + content
                + ["      contentType: 'text',", "    },",
                   f"    options: {{ config: {{ rules: [{{ id: '@secretlint/secretlint-rule-{n['owner_kebab']}', rule }}] }} }},",
                   "  });", "  expect(result.messages).toHaveLength(1);", "});"])
    if ext == "rust-byte-str":  # byte-string literals in a #[test]
        return pick([["    #[test]", f"    fn finds_{n['lower']}() {{",
                      f'        assert_eq!(find(b"{up}={v}"), Some(&b"{v}"[..]));', "    }"],
                     ["    #[test]", "    fn finds_in_yaml() {", f'        let input = b"{n["owner"]}:\\n  {n["leaf"]}: {v}\\n";',
                      "        assert!(find(input).is_some());", "    }"],
                     ["    #[test]", "    fn finds_header() {", f'        let input: &[u8] = b"{hdr}: {v}";',
                      "        assert!(find(input).is_some());", "    }"],
                     ["    #[test]", f"    fn finds_quoted_{n['owner']}() {{",
                      f'        assert!(find(br#"{n["lower"]} = "{v}""#).is_some());', "    }"]])
    if ext == "java-text-block":
        return pick([['    static final String PROPERTIES = """', f"        {n['owner']}.{n['leaf_kebab']}={v}",
                      "        region=eu-west-1", '        """;'],
                     [f'    static final String {n["OWNER"]}_JSON = """', "        {", f'          "{n["leafCamel"]}": "{v}",',
                      '          "region": "eu-west-1"', "        }", '        """;'],
                     ['    static final String ENV_FILE = """', f"        {up}={v}", "        LOG_LEVEL=info", '        """;'],
                     ['    static final String REQUEST = """', "        GET /v1/orders HTTP/1.1",
                      f"        Host: api.{host}.com", f"        {hdr}: {v}", '        """;']])
    if ext == "kotlin-raw-string":
        return pick([[f'val {n["camel"]}Yaml = """', f"    |{n['owner']}:", f"    |  {n['leafCamel']}: {v}",
                      '""".trimMargin()'],
                     [f'val {n["ownerCamel"]}Env = """', f"    {up}={v}", "    LOG_LEVEL=info", '""".trimIndent()'],
                     [f'val {n["ownerCamel"]}Json = """{{"{n["leafCamel"]}": "{v}"}}"""'],
                     ['val request = """', "    GET /v1/orders HTTP/1.1", f"    {hdr}: {v}", '""".trimIndent()']])
    if ext == "swift-multiline":
        return pick([['let sampleConfig = """', f"{n['owner']}:", f"  {n['leafCamel']}: {v}", '"""'],
                     [f'let {n["ownerCamel"]}Payload = """', "{", f'    "{n["leafCamel"]}": "{v}"', "}", '"""'],
                     ['    static let plist = """', f"    <key>{n['Pascal']}</key>", f"    <string>{v}</string>", '    """'],
                     [f'let {n["camel"]} = #"{v}"#']])
    if ext == "ps-here-string":
        return pick([['@"', f"{up}={v}", "LOG_LEVEL=info", '"@ | Set-Content -Path .env -Encoding utf8'],
                     ["$settings = @'", "{", f'  "{n["Owner"]}": {{ "{n["Leaf"]}": "{v}" }}', "}", "'@ | ConvertFrom-Json"],
                     ['$ini = @"', f"[{n['owner']}]", f"{n['leaf']} = {v}", '"@',
                      f'$ini | Out-File -FilePath "$env:APPDATA\\{n["Owner"]}\\config.ini"']])
    if ext == "ruby-squiggly-heredoc":
        return pick([[f"    {n['OWNER']}_YAML = <<~YAML", f"      {n['owner']}:", f"        {n['leaf']}: {v}", "    YAML"],
                     ["    DOTENV = <<~ENV.freeze", f"      {up}={v}", "      RAILS_ENV=production", "    ENV"],
                     [f"    {n['OWNER']}_REQUEST = <<-HTTP", "      GET /v1/orders HTTP/1.1", f"      {hdr}: {v}", "    HTTP"],
                     ["    CONFIG = <<~'RUBY'", f"      {n['Owner']}.configure do |c|", f"        c.{n['leaf']} = '{v}'",
                      "      end", "    RUBY"]])
    if ext == "php-heredoc":
        return pick([["    public const ENV = <<<'ENV'", f"        {up}={v}", "        APP_ENV=prod", "        ENV;"],
                     ["    public static function config(): string", "    {", "        return <<<JSON", "        {",
                      f'            "{n["lower"]}": "{v}"', "        }", "        JSON;", "    }"],
                     [f"    public const {n['OWNER']}_INI = <<<INI", f"        [{n['owner']}]",
                      f'        {n["leaf"]} = "{v}"', "        INI;"]])
    if ext == "elixir-sigil":
        return pick([[f"  @{n['lower']} ~s({v})"],
                     [f"  def {n['owner']}_env, do: ~S\"\"\"", f"  {up}={v}", "  LOG_LEVEL=info", '  """'],
                     [f"  @{n['owner']}_config ~s|{{\"{n['leafCamel']}\": \"{v}\"}}|"],
                     ["  def headers do", f'    [{{"{hdr.lower()}", ~s[{v}]}}]', "  end"]])
    if ext == "scanner-report-json":  # a gitleaks report committed by mistake
        match = pick([f'{n["lower"]} = \\"{v}\\"', f"{up}={v}", f"{hdr}: {v}", v])
        return ["  {", f'    "Description": "{n["Owner"]} {n["leaf_title"]}",', '    "StartLine": 12,', '    "EndLine": 12,',
                '    "StartColumn": 3,', '    "EndColumn": 58,', f'    "Match": "{match}",', f'    "Secret": "{v}",',
                '    "File": "config/settings.py",', '    "SymlinkFile": "",',
                '    "Commit": "3f2a9c1e0b7d4e5f8a6b2c1d0e9f8a7b6c5d4e3f",', '    "Entropy": 4.31,',
                '    "Author": "Dev Eloper",', '    "Email": "dev@acme.example",', '    "Date": "2024-05-07T10:11:12Z",',
                '    "Message": "Configure the client",', '    "Tags": [],', f'    "RuleID": "{n["kebab"]}",',
                f'    "Fingerprint": "3f2a9c1e0b7d4e5f8a6b2c1d0e9f8a7b6c5d4e3f:config/settings.py:{n["kebab"]}:12"', "  }"]
    if ext == "trufflehog-jsonl":  # TruffleHog's --json output, one finding a line
        meta = pick(['{"Data":{"Filesystem":{"file":"config/settings.py","line":12}}}',
                     '{"Data":{"Git":{"commit":"3f2a9c1e0b7d4e5f8a6b2c1d0e9f8a7b6c5d4e3f","file":"deploy/.env",'
                     '"email":"Dev Eloper \\u003cdev@acme.example\\u003e","repository":"https://github.com/acme/orders.git",'
                     '"timestamp":"2024-05-07 10:11:12 +0000","line":3}}}'])
        raw = pick([f'"Raw":"{v}","RawV2":""', f'"Raw":"{v}","RawV2":"orders:{v}"'])
        return [f'{{"SourceMetadata":{meta},"SourceID":1,"SourceType":15,"SourceName":"trufflehog - filesystem",'
                f'"DetectorType":1042,"DetectorName":"{n["Owner"]}","DecoderName":"PLAIN","Verified":false,{raw},'
                '"Redacted":"","ExtraData":null,"StructuredData":null}']
    if ext == "common-lisp":
        return pick([[f'(defparameter *{n["kebab"]}* "{v}")'],
                     [f"(defvar *{n['owner_kebab']}-config*", f"  '(:{n['leaf_kebab']} \"{v}\" :region \"eu-west-1\"))"],
                     [f'(setf (uiop:getenv "{up}") "{v}")'],
                     [f'(defconstant +{n["kebab"]}+ "{v}")']])
    if ext == "raku":
        return pick([[f"our ${n['kebab']} = '{v}';"], [f"%*ENV<{up}> = '{v}';"],
                     [f'constant {n["UPPER_DASH"]} = "{v}";'],
                     [f"my %{n['owner_kebab']} = {n['leaf_kebab']} => '{v}', region => 'eu-west-1';"]])
    if ext == "cobol-working-storage":
        return pick([[f"       01  WS-{n['UPPER_DASH']}  PIC X({len(v)})", f"           VALUE '{v}'."],
                     [f"       01  WS-{n['OWNER_DASH']}-CREDS.", f"           05  WS-{n['LEAF_DASH']}  PIC X({len(v)})",
                      f'               VALUE "{v}".', "           05  WS-REGION  PIC X(9) VALUE 'eu-west-1'."]])
    if ext == "applescript":
        return pick([[f'set {n["camel"]} to "{v}"'],
                     [f"do shell script \"curl -fsS -H '{hdr}: {v}' https://api.{host}.com/v1/orders\""],
                     [f'property {n["ownerCamel"]}{n["Leaf"]} : "{v}"'],
                     [f'do shell script "security add-generic-password -a orders -s {n["owner_kebab"]} -w {v}"']])
    # --- recorded and stubbed HTTP in test suites ---------------------------------------------
    if ext == "vcr-cassette":
        uri = f"https://api.{host}.com/v1/orders?page=1"
        req_headers = ["      Accept:", "      - application/json"]
        body = "''"
        where = rng.randrange(4)
        if where == 0:
            uri = f"https://api.{host}.com/v1/orders?{n['leaf']}={v}&page=1"
        elif where == 1:
            req_headers += [f"      {hdr}:", f"      - {v}"]
        elif where == 2:
            req_headers += ["      Authorization:", f"      - Bearer {v}"]
        else:
            body = f"'{{\"{n['lower']}\":\"{v}\"}}'"
        return (["- request:", "    method: get", f"    uri: {uri}", "    body:", "      encoding: US-ASCII",
                 f"      string: {body}", "    headers:"] + req_headers
                + ["  response:", "    status:", "      code: 200", "      message: OK", "    headers:",
                   "      Content-Type:", "      - application/json", "    body:", "      encoding: UTF-8",
                   "      string: '{\"orders\":[]}'", "  recorded_at: Tue, 07 May 2024 10:11:12 GMT"])
    if ext == "wiremock-mapping":
        req = pick([['        "urlPath": "/v1/orders",', '        "headers": {', f'          "{hdr}": {{ "equalTo": "{v}" }}',
                     "        }"],
                    ['        "urlPath": "/v1/orders",', '        "queryParameters": {',
                     f'          "{n["leaf"]}": {{ "equalTo": "{v}" }}', "        }"],
                    ['        "urlPath": "/v1/me",', '        "headers": {',
                     f'          "Authorization": {{ "equalTo": "Bearer {v}" }}', "        }"],
                    ['        "urlPath": "/v1/account",', '        "basicAuth": {', f'          "username": "{n["owner"]}",',
                     f'          "password": "{v}"', "        }"]])
        return ["    {", '      "request": {', '        "method": "GET",'] + req + [
            "      },", '      "response": { "status": 200, "jsonBody": { "orders": [] } }', "    },"]
    if ext == "js-nock":
        return pick([[f"nock('https://api.{host}.com', {{ reqheaders: {{ '{hdr.lower()}': '{v}' }} }})",
                      "  .get('/v1/orders')", "  .reply(200, { orders: [] });"],
                     [f"nock('https://api.{host}.com')", "  .get('/v1/orders')", f"  .query({{ {n['leaf']}: '{v}' }})",
                      "  .reply(200, []);"],
                     [f"nock('https://auth.{host}.com')", "  .post('/oauth/token')",
                      f"  .reply(200, {{ access_token: '{v}', token_type: 'bearer' }});"],
                     [f"nock('https://api.{host}.com')", f"  .matchHeader('authorization', 'Bearer {v}')",
                      "  .get('/v1/me')", "  .reply(200, { id: 1 });"]])
    # --- OS installation and network devices --------------------------------------------------
    if ext == "kickstart-cfg":
        return pick([[f"user --name={n['owner']} --groups=wheel --password={v} --plaintext"],
                     [f"# {n['Owner']} build image: console root login", f"rootpw --plaintext {v}"],
                     ["%post --log=/root/ks-post.log", f"echo '{up}={v}' >> /etc/environment", "%end"],
                     ["%post", f"curl -fsS -H '{hdr}: {v}' https://api.{host}.com/v1/hosts -d \"name=$(hostname)\"",
                      "%end"],
                     [f"url --url=https://{n['owner']}:{v}@mirror.{host}.com/rhel9/BaseOS/x86_64/os/"]])
    if ext == "debian-preseed":
        return pick([[f"d-i passwd/username string {n['owner']}", f"d-i passwd/user-password password {v}",
                      f"d-i passwd/user-password-again password {v}"],
                     [f"d-i mirror/http/proxy string http://{n['owner']}:{v}@proxy.{host}.com:3128/"],
                     [f"d-i preseed/late_command string in-target sh -c 'echo {up}={v} >> /etc/environment'"],
                     [f"# {n['Owner']} build hosts", f"d-i passwd/root-password password {v}",
                      f"d-i passwd/root-password-again password {v}"]])
    if ext == "unattend-xml":  # a Windows answer file
        return pick([["      <AutoLogon>", "        <Password>", f"          <Value>{v}</Value>",
                      "          <PlainText>true</PlainText>", "        </Password>", "        <Enabled>true</Enabled>",
                      f"        <Username>{n['owner']}</Username>", "      </AutoLogon>"],
                     ["      <UserAccounts>", "        <LocalAccounts>", '          <LocalAccount wcm:action="add">',
                      "            <Password>", f"              <Value>{v}</Value>", "              <PlainText>true</PlainText>",
                      "            </Password>", f"            <Name>{n['owner']}</Name>",
                      "            <Group>Administrators</Group>", "          </LocalAccount>", "        </LocalAccounts>",
                      "      </UserAccounts>"],
                     ["      <FirstLogonCommands>", '        <SynchronousCommand wcm:action="add">', "          <Order>1</Order>",
                      f"          <CommandLine>cmd /c setx {up} {v} /M</CommandLine>",
                      f"          <Description>{n['Owner']} agent</Description>", "        </SynchronousCommand>",
                      "      </FirstLogonCommands>"]])
    if ext == "openwrt-uci":  # /etc/config/ddns
        return pick([[f"config service '{n['owner']}'", "\toption enabled '1'", f"\toption service_name '{host}.com'",
                      "\toption domain 'orders.acme.example'", "\toption username 'orders'", f"\toption password '{v}'",
                      "\toption interface 'wan'"],
                     [f"config service '{n['owner']}_ipv6'", "\toption use_ipv6 '1'",
                      f"\toption update_url 'https://api.{host}.com/nic/update?hostname=[DOMAIN]&{n['leaf']}={v}'"],
                     [f"config {n['owner']} 'main'", f"\toption {n['leaf']} '{v}'", "\toption enabled '1'"],
                     [f"config service '{n['owner']}'", f'\toption {n["lower"]} "{v}"']])
    if ext == "routeros-export":  # a MikroTik `/export`
        return pick([["/ppp secret", f"add name={n['owner']} password={v} profile=default-encryption service=l2tp"],
                     ["/interface wifi security", f"add authentication-types=wpa2-psk name={n['owner_kebab']} passphrase={v}"],
                     ["/system script",
                      f'add name={n["owner_kebab"]}-ddns source="/tool fetch url=\\"https://api.{host}.com/update\\?'
                      f'{n["leaf"]}={v}\\" keep-result=no"'],
                     ["/tool e-mail", f"set from=orders@{host}.com port=587 server=smtp.{host}.com tls=starttls "
                      f"user=orders password={v}"]])
    if ext == "cisco-ios-config":
        return pick([[f"username {n['owner']} privilege 15 password 0 {v}"],
                     [f"tacacs server {n['OWNER']}", " address ipv4 10.20.0.10", f" key 0 {v}"],
                     [f"! tunnel to {n['Owner']}", f"crypto isakmp key {v} address 203.0.113.7"],
                     [f"snmp-server community {v} RO", f"snmp-server location {n['Owner']} DC1"],
                     ["interface Dialer1", f" description {n['Owner']} DSL", " ppp chap hostname orders@isp",
                      f" ppp chap password 0 {v}"]])
    if ext == "kconfig-defconfig":  # ESP-IDF / Zephyr configuration fragments
        return pick([[f'CONFIG_{up}="{v}"'],
                     [f'CONFIG_ESP_WIFI_SSID="{n["Owner"]}-IoT"', f'CONFIG_ESP_WIFI_PASSWORD="{v}"'],
                     [f'CONFIG_APP_{up}="{v}"'],
                     [f"CONFIG_{n['OWNER']}_ENABLED=y", f'CONFIG_{n["OWNER"]}_{n["LEAF"]}="{v}"']])
    if ext == "platformio-ini":
        return pick([["build_flags =", "    -DCORE_DEBUG_LEVEL=3", f'    -D{up}=\\"{v}\\"'],
                     [f"build_flags = -D {up}='\"{v}\"'"],
                     ["upload_protocol = espota", f"upload_flags = --auth={v}"],
                     [f"custom_{n['lower']} = {v}"]])
    # --- mail and desktop clients -------------------------------------------------------------
    if ext == "postfix-sasl-passwd":
        return pick([[f"[smtp.{host}.com]:587 {n['owner']}:{v}"],
                     [f"[smtp.{host}.com]:587 apikey:{v}"],
                     [f"@{host}.com orders@{host}.com:{v}"],
                     [f"# {n['Owner']} relay", f"[smtp.{host}.com]:465 {n['lower']}:{v}"]])
    if ext == "muttrc":
        return pick([[f'set smtp_url = "smtps://orders@smtp.{host}.com:465/"', f'set smtp_pass = "{v}"'],
                     [f'set imap_user = "orders@{host}.com"', f"set imap_pass = '{v}'"],
                     [f'set my_{n["lower"]} = "{v}"'],
                     [f'account-hook imaps://orders@imap.{host}.com "set imap_pass={v}"']])
    if ext == "mozilla-prefs-js":
        return [pick([f'user_pref("extensions.{n["owner"]}.{n["leafCamel"]}", "{v}");',
                      f'user_pref("{n["owner"]}.{n["leaf_kebab"]}", "{v}");',
                      f'user_pref("extensions.{n["ownerCamel"]}.settings.{n["lower"]}", "{v}");'])]
    # --- directory, storage and database servers ----------------------------------------------
    if ext == "ldif-entry":
        dn = f"dn: cn={n['owner']},ou=services,dc=acme,dc=example"
        return pick([[dn, "objectClass: inetOrgPerson", f"cn: {n['owner']}", f"sn: {n['Owner']}", f"userPassword: {v}"],
                     [dn, "changetype: modify", "replace: userPassword", f"userPassword: {v}", "-"],
                     ["dn: cn=orders,ou=services,dc=acme,dc=example", "objectClass: applicationProcess",
                      "objectClass: extensibleObject", "cn: orders", f"{n['camel']}: {v}"]])
    if ext == "fstab-cifs":  # the provider in the server and the mount point only
        return [pick([f"//nas.{host}.com/orders /mnt/{n['owner']} cifs username=orders,password={v},uid=1000,vers=3.0 0 0",
                      f"//files.{host}.com/share /srv/{n['owner_kebab']} cifs user={n['owner']},pass={v},iocharset=utf8 0 0"])]
    if ext == "pgbouncer-userlist":
        return [pick([f'"{n["owner"]}" "{v}"', f'"{n["owner"]}_app" "{v}"'])]
    if ext == "redis-conf":
        return pick([[f"# {n['Owner']} session cache", f"requirepass {v}"],
                     [f"masteruser {n['owner']}", f"masterauth {v}"],
                     [f"user {n['owner']} on >{v} ~orders:* &* +@read +@write"],
                     [f'requirepass "{v}"']])
    if ext == "sqlplus-connect":
        return pick([[f"sqlplus -s {n['owner']}/{v}@//db.{host}.com:1521/ORCLPDB1 @sql/nightly.sql"],
                     [f"expdp {n['owner']}/{v}@ORCL directory=DATA_PUMP_DIR dumpfile=orders_%U.dmp schemas=ORDERS"],
                     ["sqlplus /nolog <<EOF", f'CONNECT {n["owner"]}/"{v}"@db.{host}.com:1521/ORCL', "@sql/nightly.sql",
                      "EXIT", "EOF"],
                     [f"sqlldr userid={n['owner']}/{v}@ORCL control=load/orders.ctl log=load/orders.log"]])
    if ext == "sql-replication-source":
        return pick([["CHANGE REPLICATION SOURCE TO", f"  SOURCE_HOST='db.{host}.com',", f"  SOURCE_USER='{n['owner']}',",
                      f"  SOURCE_PASSWORD='{v}',", "  SOURCE_AUTO_POSITION=1;"],
                     [f"CHANGE MASTER TO MASTER_HOST='db.{host}.com', MASTER_USER='{n['owner']}', "
                      f"MASTER_PASSWORD='{v}', MASTER_AUTO_POSITION=1;"],
                     [f"SET PASSWORD FOR '{n['owner']}'@'%' = '{v}';"],
                     [f"CREATE SUBSCRIPTION {n['owner']}_sub CONNECTION 'host=db.{host}.com port=5432 dbname=orders "
                      f"user={n['owner']} password={v}' PUBLICATION orders_pub;"]])
    if ext == "nagios-object-cfg":
        return pick([["define command {", f"    command_name    check_{n['owner']}_api",
                      f"    command_line    $USER1$/check_http -H api.{host}.com -S -u /v1/health -k '{hdr}: {v}'", "}"],
                     ["define service {", "    use                 generic-service", "    host_name           orders-api",
                      f"    service_description {n['Owner']} API", f"    check_command       check_http_auth!{v}", "}"],
                     ["define host {", f"    host_name   {n['owner_kebab']}-gw", "    address     10.0.0.9",
                      f"    _{up}    {v}", "}"],
                     ["define command {", f"    command_name    check_{n['owner']}_db",
                      f"    command_line    $USER1$/check_mysql -H db.{host}.com -u orders -p '{v}'", "}"]])
    # --- build, container and dev environments ------------------------------------------------
    if ext == "dockerfile-heredoc":
        return pick([["COPY <<EOF /app/.env", f"{up}={v}", "NODE_ENV=production", "EOF"],
                     ["RUN <<EOF", "set -e", f"npm config set //npm.{host}.com/:_authToken {v}", "npm ci --omit=dev", "EOF"],
                     [f"COPY <<-EOT /etc/{n['owner_kebab']}/config.yaml", f"\t{n['leaf']}: {v}", "\tregion: eu-west-1", "EOT"],
                     ["RUN <<EOF bash", f"curl -fsS -H '{hdr}: {v}' https://api.{host}.com/v1/artifacts/latest -o /app/model.bin",
                      "EOF"]])
    if ext == "apptainer-def":
        return pick([["%environment", f"    export {up}={v}", "    export LC_ALL=C.UTF-8"],
                     ["%environment", f'    {up}="{v}"', f"    export {up}"],
                     ["%post", "    pip install --no-cache-dir orders", f"    echo '{n['leaf']} = {v}' > /etc/{n['owner_kebab']}.conf"],
                     ["%post", f"    pip install --index-url https://orders:{v}@pypi.{host}.com/simple/ orders-private"]])
    if ext == "conda-env-yml":
        return pick([["variables:", f"  {up}: {v}", "  LOG_LEVEL: info"],
                     ["variables:", f'  {up}: "{v}"'],
                     [f"    - --extra-index-url https://{n['owner']}:{v}@pypi.{host}.com/simple/", "    - orders-private==1.4.2"]])
    if ext == "gitpod-yml":
        return pick([["tasks:", "  - name: api", "    env:", f"      {up}: {v}", "    init: npm ci", "    command: npm run dev"],
                     ["tasks:", "  - init: |", f"      gp env {up}={v}", "      npm ci"],
                     ["tasks:", "  - before: |", f'      echo "//npm.{host}.com/:_authToken={v}" > ~/.npmrc',
                      "    command: npm run dev"]])
    if ext == "dagger-setsecret":
        return pick([[f'\tsecret := dag.SetSecret("{up}", "{v}")', '\tctr := dag.Container().From("node:20").',
                      f'\t\tWithSecretVariable("{up}", secret).', '\t\tWithDirectory("/src", src)'],
                     ['\tctr := dag.Container().From("node:20").', f'\t\tWithEnvVariable("{up}", "{v}").',
                      '\t\tWithDirectory("/src", src)'],
                     [f'\ttoken := dag.SetSecret("{n["owner_kebab"]}-{n["leaf_kebab"]}", "{v}")',
                      '\tctr := dag.Container().From("alpine").', f'\t\tWithRegistryAuth("registry.{host}.com", "deploy", token)']])
    if ext == "tf-backend-config":
        return pick([[f'terraform init -backend-config="token={v}" -backend-config="hostname=app.{host}.com"'],
                     ["terraform init \\", f'  -backend-config="username={n["owner"]}" \\', f'  -backend-config="password={v}" \\',
                      f'  -backend-config="address=https://gitlab.{host}.com/api/v4/projects/42/terraform/state/prod"'],
                     [f'export TF_CLI_ARGS_init="-backend-config=access_key={v}"', "terraform init"],
                     [f'terraform init -backend-config="{n["lower"]}={v}"']])
    if ext == "zappa-settings":
        return pick([['    "environment_variables": {', f'      "{up}": "{v}"', "    },"],
                     ['    "aws_environment_variables": {', f'      "{up}": "{v}",', '      "LOG_LEVEL": "info"', "    },"],
                     ['    "environment_variables": {', '      "DJANGO_SETTINGS_MODULE": "orders.settings",', f'      "{up}": "{v}"',
                      "    },"]])
    if ext == "nix-access-tokens":  # nix.conf: the provider only on the host
        return [pick([f"access-tokens = github.com={v}",
                      f"access-tokens = git.{host}.com={v}",
                      f"extra-access-tokens = gitlab.{host}.com=OAuth2:{v}",
                      f"access-tokens = gitlab.{host}.com=PAT:{v} github.com=${{GITHUB_TOKEN}}"])]
    # --- tool auth files ----------------------------------------------------------------------
    if ext == "gem-credentials":  # RubyGems: symbol keys, or the push host as the key
        return [pick([f":rubygems_api_key: {v}", f":{n['lower']}: {v}", f':{n["owner"]}: "Bearer {v}"',
                      f"https://rubygems.{host}.com: {v}"])]
    if ext == "git-insteadof":
        return pick([[f'[url "https://oauth2:{v}@gitlab.{host}.com/"]', f"\tinsteadOf = https://gitlab.{host}.com/"],
                     [f'[url "https://x-access-token:{v}@github.com/{n["owner_kebab"]}/"]',
                      f"\tinsteadOf = git@github.com:{n['owner_kebab']}/"],
                     [f'[url "https://{n["owner"]}:{v}@git.{host}.com/"]', f"\tpushInsteadOf = ssh://git@git.{host}.com/"]])
    # --- observability and self-hosted apps ---------------------------------------------------
    if ext == "fluent-bit-classic":
        return pick([["[OUTPUT]", "    Name         http", "    Match        *", f"    Host         logs.{host}.com",
                      "    Port         443", "    tls          On", f"    Header       {hdr} {v}"],
                     ["[OUTPUT]", "    Name         es", "    Match        *", f"    Host         es.{host}.com",
                      "    HTTP_User    orders", f"    HTTP_Passwd  {v}"],
                     ["[OUTPUT]", f"    Name         {n['owner']}", "    Match        *", f"    {n['leaf']}    {v}"],
                     ["[OUTPUT]", "    Name         splunk", "    Match        *", f"    Host         hec.{host}.com",
                      f"    Splunk_Token {v}"]])
    if ext == "filebeat-yml":
        return pick([["output.elasticsearch:", f'  hosts: ["https://es.{host}.com:9243"]', f'  api_key: "orders-shipper:{v}"'],
                     ['cloud.id: "orders:ZXUtd2VzdC0xLmF3cy5mb3VuZC5pbyRhYmMkZGVm"', f'cloud.auth: "elastic:{v}"'],
                     ["output.elasticsearch:", f'  hosts: ["https://es.{host}.com:9200"]', '  username: "filebeat_writer"',
                      f'  password: "{v}"']])
    if ext == "kibana-yml":  # flat dotted keys
        return pick([['elasticsearch.username: "kibana_system"', f'elasticsearch.password: "{v}"'],
                     [f"xpack.encryptedSavedObjects.encryptionKey: {v}"],
                     [f'{n["ownerCamel"]}.{n["leafCamel"]}: "{v}"'],
                     ["xpack.actions.preconfigured:", f"  {n['owner_kebab']}-webhook:", "    actionTypeId: .webhook",
                      "    config:", f"      url: https://hooks.{host}.com/orders", "    secrets:", "      user: orders",
                      f"      password: {v}"]])
    if ext == "grafana-ini":
        return pick([["[security]", "admin_user = admin", f'admin_password = """{v}"""'],
                     ["[auth.generic_oauth]", "enabled = true", f"name = {n['Owner']}", "client_id = grafana",
                      f"client_secret = {v}", f"auth_url = https://sso.{host}.com/oauth2/authorize"],
                     ["[smtp]", "enabled = true", f"host = smtp.{host}.com:587", "user = grafana", f"password = {v}"],
                     [f"[plugin.{n['owner_kebab']}]", f"{n['leaf']} = {v}"]])
    if ext == "gitlab-rb":  # Omnibus GitLab
        return pick([["gitlab_rails['smtp_enable'] = true", f"gitlab_rails['smtp_address'] = \"smtp.{host}.com\"",
                      "gitlab_rails['smtp_user_name'] = \"gitlab\"", f"gitlab_rails['smtp_password'] = \"{v}\""],
                     ["gitlab_rails['omniauth_providers'] = [", "  {", f'    name: "{n["owner"]}",', '    app_id: "gitlab-prod",',
                      f'    app_secret: "{v}",', "  }", "]"],
                     [f"gitlab_rails['env'] = {{ '{up}' => '{v}' }}"],
                     ["registry['storage'] = {", "  's3' => {", "    'accesskey' => 'orders-registry',",
                      f"    'secretkey' => '{v}',", f"    'regionendpoint' => 'https://s3.{host}.com'", "  }", "}"]])
    if ext == "keycloak-realm":
        return pick([['  "clients": [', "    {", f'      "clientId": "{n["owner_kebab"]}",',
                      '      "clientAuthenticatorType": "client-secret",', f'      "secret": "{v}",',
                      '      "redirectUris": ["https://orders.acme.example/*"]', "    }", "  ],"],
                     ['  "identityProviders": [', "    {", f'      "alias": "{n["owner_kebab"]}",', '      "providerId": "oidc",',
                      '      "config": {', '        "clientId": "orders",', f'        "clientSecret": "{v}",',
                      f'        "tokenUrl": "https://auth.{host}.com/oauth/token"', "      }", "    }", "  ],"],
                     ['  "smtpServer": {', f'    "host": "smtp.{host}.com",', '    "auth": "true",', '    "user": "keycloak",',
                      f'    "password": "{v}"', "  },"],
                     ['  "users": [', "    {", f'      "username": "{n["owner"]}",', '      "credentials": [',
                      f'        {{ "type": "password", "value": "{v}", "temporary": false }}', "      ]", "    }", "  ],"]])
    if ext == "backstage-app-config":
        return pick([["integrations:", "  gitlab:", f"    - host: gitlab.{host}.com", f"      token: {v}"],
                     ["proxy:", "  endpoints:", f"    '/{n['owner_kebab']}/api':", f"      target: https://api.{host}.com",
                      "      headers:", f"        {hdr}: {v}"],
                     ["proxy:", "  endpoints:", f"    '/{n['owner_kebab']}':", f"      target: https://api.{host}.com",
                      "      headers:", f"        Authorization: Bearer {v}"],
                     [f"{n['ownerCamel']}:", f"  baseUrl: https://api.{host}.com", f"  {n['leafCamel']}: {v}"]])
    if ext == "node-red-flows":
        return pick([["  {", '    "id": "7a1c9e2b4d3f5a68",', '    "type": "http request",', f'    "name": "{n["Owner"]} orders",',
                      '    "method": "GET",', f'    "url": "https://api.{host}.com/v1/orders",', '    "headers": [',
                      f'      {{"keyType": "other", "keyValue": "{hdr}", "valueType": "other", "valueValue": "{v}"}}',
                      "    ],", '    "wires": [[]]', "  },"],
                     ["  {", '    "id": "7a1c9e2b4d3f5a68",', '    "type": "change",',
                      f'    "name": "set {n["owner_words"]} {n["leaf_words"]}",', '    "rules": [',
                      f'      {{"t": "set", "p": "headers.{hdr.lower()}", "pt": "msg", "to": "{v}", "tot": "str"}}',
                      "    ],", '    "wires": [[]]', "  },"],
                     ["  {", '    "id": "3d5f7a9c1e2b4d68",', '    "type": "mqtt-broker",', f'    "name": "{n["Owner"]}",',
                      f'    "broker": "mqtt.{host}.com",', '    "credentials": {', '      "user": "orders",',
                      f'      "password": "{v}"', "    }", "  },"]])
    # --- password manager exports -------------------------------------------------------------
    if ext == "keepass-xml":
        field = pick(["Password", up, n["leaf_title"]])
        return ["      <Entry>", "        <UUID>PF7x0wqJQEiZ3bCq9yT5ag==</UUID>", "        <String>", "          <Key>Title</Key>",
                f"          <Value>{n['Owner']}</Value>", "        </String>", "        <String>",
                "          <Key>UserName</Key>", "          <Value>orders</Value>", "        </String>", "        <String>",
                f"          <Key>{field}</Key>", f'          <Value ProtectInMemory="True">{v}</Value>', "        </String>",
                "        <String>", "          <Key>URL</Key>", f"          <Value>https://{host}.com/login</Value>",
                "        </String>", "      </Entry>"]
    if ext == "bitwarden-json":
        return pick([["    {", '      "id": "0f8e2b7c-3a1d-4e5f-9a6b-7c8d9e0f1a2b",', '      "type": 1,',
                      f'      "name": "{n["Owner"]}",', '      "login": {', '        "uris": [',
                      f'          {{ "match": null, "uri": "https://{host}.com/login" }}', "        ],",
                      '        "username": "orders@acme.example",', f'        "password": "{v}",', '        "totp": null',
                      "      }", "    }"],
                     ["    {", '      "id": "5b2c8d1e-7f3a-4b9c-8d2e-1f0a9b8c7d6e",', '      "type": 2,',
                      f'      "name": "{n["Owner"]}",', '      "notes": null,', '      "secureNote": { "type": 0 },',
                      '      "fields": [', f'        {{ "name": "{up}", "value": "{v}", "type": 1 }}', "      ]", "    }"],
                     ["    {", '      "id": "9d4e6f2a-1b3c-4d5e-8f7a-6b5c4d3e2f1a",', '      "type": 2,',
                      f'      "name": "{n["Owner"]} {n["leaf_title"]}",', f'      "notes": "{v}",',
                      '      "secureNote": { "type": 0 }', "    }"]])
    # --- data formats -------------------------------------------------------------------------
    if ext == "hjson":
        return pick([[f"  {n['camel']}: {v}"],
                     [f"  {n['ownerCamel']}: {{", f"    {n['leafCamel']}: {v}", "    timeout: 30", "  }"],
                     [f"  {n['lower']}: '{v}'"],
                     [f"  {n['lower']}:", "    '''", f"    {v}", "    '''"]])
    raise ValueError(f"unknown held-out syntax {ext}")


# name: (file name, header lines, footer lines, comment prefix or None)
SYNTAXES = {
    # scanners' and rule authors' test fixtures
    "semgrep-ruleid": ("rules/generic/secrets/detected-hardcoded-credentials.py",
                       ["import os", "", "import requests", "", "from orders.clients import *", ""],
                       ["", "# ok: detected-hardcoded-credentials", 'API_KEY = os.environ["API_KEY"]'], "# "),
    "ds-format-cases": ("detect_secrets_cases/keyword_cases.py", ["import pytest", "", ""],
                        ["", "", "NOT_FLAGGED = [", "    'password = \"\"',", "    'token = os.getenv(\"TOKEN\")',", "]"],
                        "# "),
    "kingfisher-rule": ("data/rules/vendors.yml", ["rules:"],
                        ["", "  - name: Orders Webhook URL", "    id: kingfisher.orders.1",
                         "    pattern: 'https://hooks\\.orders\\.example/[a-z0-9]{24}'"], "# "),
    "go-raw-payload": ("internal/scan/payloads.go", ["package scan", "", "func samplePayload() string {"],
                       ["\treturn payload", "}"], "// "),
    "go-bytes-chunk": ("pkg/engine/chunk_cases.go",
                       ["package engine", "", "import (", '\t"bytes"', '\t"strings"', "",
                        '\t"github.com/acme/scanner/pkg/pb/source_metadatapb"', '\t"github.com/acme/scanner/pkg/sources"',
                        ")", "", "var chunks = []*sources.Chunk{"],
                       ["}", "", "var _ = bytes.MinRead", "var _ = strings.Join", "var _ = source_metadatapb.MetaData{}"],
                       "// "),
    "py-doctest": ("scanner/keywords.py", ['"""Keyword detection for provider credentials."""', "import re", "",
                                           "from scanner.patterns import KEYWORD_PATTERN as _PATTERN", "", ""],
                   ["", "", 'if __name__ == "__main__":', "    import doctest", "", "    doctest.testmod()"], "# "),
    "py-search-literal": ("checks/patterns_check.py", ["import unittest", "", "from scanner import detector", "", "",
                                                       "class PatternCheck(unittest.TestCase):"],
                          ["", "", 'if __name__ == "__main__":', "    unittest.main()"], "# "),
    "secretlint-ts": ("packages/secretlint-rule-orders/src/cases.ts",
                      ["import { lintSource } from '@secretlint/tester';", "import { creator as rule } from './index';", ""],
                      [], "// "),
    "rust-byte-str": ("src/rules/generic.rs", ["use crate::PATTERN;", "", "pub fn find(input: &[u8]) -> Option<&[u8]> {",
                                               "    PATTERN.captures(input).and_then(|c| c.get(1)).map(|m| m.as_bytes())",
                                               "}", "", "#[cfg(test)]", "mod tests {", "    use super::*;", ""],
                      ["}"], "// "),
    "java-text-block": ("src/main/java/com/acme/scan/SampleInputs.java",
                        ["package com.acme.scan;", "", "final class SampleInputs {", ""],
                        ["", "    private SampleInputs() {}", "}"], "// "),
    "kotlin-raw-string": ("src/main/kotlin/com/acme/scan/Samples.kt", ["package com.acme.scan", ""], [], "// "),
    "swift-multiline": ("Sources/OrdersKit/SampleConfig.swift", ["import Foundation", ""], [], "// "),
    "ps-here-string": ("scripts/Write-Config.ps1", ["$ErrorActionPreference = 'Stop'", ""],
                       ["Write-Host 'config written'"], "# "),
    "ruby-squiggly-heredoc": ("lib/scanner/sample_inputs.rb", ["# frozen_string_literal: true", "", "module Scanner",
                                                               "  module SampleInputs"],
                              ["  end", "end"], "# "),
    "php-heredoc": ("src/Resources/Samples.php", ["<?php", "", "namespace App\\Resources;", "", "final class Samples", "{"],
                    ["}"], None),
    "elixir-sigil": ("lib/orders/sample_inputs.ex", ["defmodule Orders.SampleInputs do", "  @moduledoc false", ""],
                     ["end"], "# "),
    "scanner-report-json": ("reports/gitleaks-report.json", ["["], ["]"], None),
    "trufflehog-jsonl": ("scan-results/trufflehog.jsonl",
                         ['{"level":"info-0","ts":"2024-05-07T10:11:12Z","logger":"trufflehog","msg":"running source",'
                          '"source_manager_worker_id":"Ab3dE","with_units":true}'],
                         ['{"level":"info-0","ts":"2024-05-07T10:11:14Z","logger":"trufflehog","msg":"finished scanning",'
                          '"chunks":1024,"bytes":5242880,"verified_secrets":0,"unverified_secrets":1,"scan_duration":"1.52s"}'],
                         None),
    "common-lisp": ("src/config.lisp", ["(in-package #:orders)", ""], ["", "(defparameter *region* \"eu-west-1\")"], ";; "),
    "raku": ("lib/Orders/Config.rakumod", ["unit module Orders::Config;", ""], ["", "our $region = 'eu-west-1';"], "# "),
    "cobol-working-storage": ("src/cbl/ORDSYNC.cbl",
                              ["       IDENTIFICATION DIVISION.", "       PROGRAM-ID. ORDSYNC.", "       DATA DIVISION.",
                               "       WORKING-STORAGE SECTION."],
                              ["       01  WS-STATUS  PIC X(2) VALUE SPACES.", "       PROCEDURE DIVISION.",
                               "           CALL 'ORDHTTP' USING WS-STATUS.", "           STOP RUN."], None),
    "applescript": ("scripts/sync-orders.applescript", ["use scripting additions", ""],
                    ['display notification "Orders synced"'], "-- "),
    # recorded and stubbed HTTP in test suites
    "vcr-cassette": ("cassettes/orders/sync_orders.yml", ["---", "http_interactions:"],
                     ["recorded_with: VCR 6.2.0"], "# "),
    "wiremock-mapping": ("wiremock/mappings/orders-api.json", ["{", '  "mappings": ['],
                         ["    {", '      "request": { "method": "GET", "urlPath": "/health" },',
                          '      "response": { "status": 200 }', "    }", "  ]", "}"], None),
    "js-nock": ("dev/offline-api.js", ["const nock = require('nock');", "", "nock.disableNetConnect();", ""],
                ["", "module.exports = nock;"], "// "),
    # OS installation and network devices
    "kickstart-cfg": ("ks/orders-node.ks", ["#version=RHEL9", "text", "lang en_US.UTF-8", "keyboard us",
                                            "timezone Etc/UTC --utc", "network --bootproto=dhcp --activate"],
                      ["%packages", "@^minimal-environment", "%end", "reboot"], "# "),
    "debian-preseed": ("preseed/orders.cfg", ["d-i debian-installer/locale string en_US.UTF-8",
                                              "d-i keyboard-configuration/xkb-keymap select us",
                                              "d-i netcfg/choose_interface select auto"],
                       ["d-i grub-installer/only_debian boolean true", "d-i finish-install/reboot_in_progress note"], "# "),
    "unattend-xml": ("autounattend.xml", ['<?xml version="1.0" encoding="utf-8"?>',
                                          '<unattend xmlns="urn:schemas-microsoft-com:unattend" '
                                          'xmlns:wcm="http://schemas.microsoft.com/WMIConfig/2002/State">',
                                          '  <settings pass="oobeSystem">',
                                          '    <component name="Microsoft-Windows-Shell-Setup" processorArchitecture="amd64" '
                                          'publicKeyToken="31bf3856ad364e35" language="neutral" versionScope="nonSxS">',
                                          "      <TimeZone>UTC</TimeZone>"],
                     ["    </component>", "  </settings>", "</unattend>"], None),
    "openwrt-uci": ("files/etc/config/ddns", ["config ddns 'global'", "\toption ddns_dateformat '%F %R'",
                                              "\toption ddns_loglines '250'", ""],
                    ["", "config service 'orders_local'", "\toption enabled '0'"], "# "),
    "routeros-export": ("backup/router-orders.rsc", ["# may/07/2024 10:11:12 by RouterOS 7.14.3", "# software id = AB12-CD34",
                                                     "#", "# model = RB5009UG+S+", "/interface bridge",
                                                     "add name=bridge-lan"],
                        ["/system identity", "set name=orders-edge"], "# "),
    "cisco-ios-config": ("network/configs/edge-rtr01.cfg", ["!", "version 17.9", "service timestamps log datetime msec",
                                                             "hostname edge-rtr01", "!"],
                         ["!", "line vty 0 4", " transport input ssh", "!", "end"], "! "),
    "kconfig-defconfig": ("firmware/sdkconfig.defaults", ['CONFIG_IDF_TARGET="esp32s3"', "CONFIG_ESPTOOLPY_FLASHSIZE_8MB=y"],
                          ["CONFIG_LOG_DEFAULT_LEVEL_INFO=y"], "# "),
    "platformio-ini": ("platformio.ini", ["[platformio]", "default_envs = esp32dev", "", "[env:esp32dev]",
                                          "platform = espressif32", "board = esp32dev", "framework = arduino"],
                       ["monitor_speed = 115200"], "; "),
    # mail and desktop clients
    "postfix-sasl-passwd": ("etc/postfix/sasl_passwd", [], [], "# "),
    "muttrc": (".config/mutt/muttrc", ['set realname = "Orders Bot"', 'set from = "orders@acme.example"'],
               ["set ssl_force_tls = yes"], "# "),
    "mozilla-prefs-js": (".thunderbird/orders.default-release/prefs.js",
                         ["// Mozilla User Preferences", "",
                          "// DO NOT EDIT THIS FILE.", "//",
                          "// If you make changes to this file while the application is running,",
                          "// the changes will be overwritten when the application exits.", "",
                          'user_pref("app.update.auto", false);'],
                         ['user_pref("mail.shell.checkDefaultClient", false);'], None),
    # directory, storage and database servers
    "ldif-entry": ("ldap/seed-users.ldif", ["version: 1", "", "dn: ou=services,dc=acme,dc=example",
                                            "objectClass: organizationalUnit", "ou: services", ""],
                   ["", "dn: cn=orders-readers,ou=groups,dc=acme,dc=example", "objectClass: groupOfNames",
                    "cn: orders-readers", "member: cn=orders,ou=services,dc=acme,dc=example"], "# "),
    "fstab-cifs": ("etc/fstab", ["# <file system> <mount point> <type> <options> <dump> <pass>",
                                 "UUID=3f2a9c1e-0b7d-4e5f-8a6b-2c1d0e9f8a7b / ext4 defaults 0 1"],
                   ["tmpfs /tmp tmpfs defaults,noatime,size=1G 0 0"], "# "),
    "pgbouncer-userlist": ("etc/pgbouncer/userlist.txt", ['"admin" "md5a8b3c1d2e4f5a6b7c8d9e0f1a2b3c4d5"'],
                           ['"stats" "md5f0e1d2c3b4a5968778695a4b3c2d1e0f"'], None),
    "redis-conf": ("etc/redis/redis.conf", ["bind 127.0.0.1 -::1", "protected-mode yes", "port 6379"],
                   ["maxmemory-policy allkeys-lru", "appendonly yes"], "# "),
    "sqlplus-connect": ("db/oracle/nightly_export.sh", ["set -euo pipefail", "export ORACLE_SID=ORCL",
                                                        "export NLS_LANG=AMERICAN_AMERICA.AL32UTF8"],
                        ['echo "export done"'], "# "),
    "sql-replication-source": ("db/replication/setup-replica.sql", ["-- run on the replica", "STOP REPLICA;"],
                               ["START REPLICA;", "SHOW REPLICA STATUS\\G"], "-- "),
    "nagios-object-cfg": ("etc/nagios/conf.d/orders.cfg", ["define hostgroup {", "    hostgroup_name  orders",
                                                           "    alias           Orders services", "}", ""],
                          ["", "define contactgroup {", "    contactgroup_name orders-oncall",
                           "    alias             Orders on-call", "}"], "# "),
    # build, container and dev environments
    "dockerfile-heredoc": ("docker/worker.Dockerfile", ["# syntax=docker/dockerfile:1.7", "FROM node:20-alpine",
                                                        "WORKDIR /app"],
                           ["COPY . .", 'CMD ["node", "dist/worker.js"]'], None),
    "apptainer-def": ("containers/orders.def", ["Bootstrap: docker", "From: python:3.12-slim", ""],
                      ["", "%runscript", '    exec python -m orders "$@"'], None),
    "conda-env-yml": ("environment.yml", ["name: orders", "channels:", "  - conda-forge", "dependencies:",
                                          "  - python=3.12", "  - pip", "  - pip:", "    - -r requirements.txt"],
                      ["prefix: /opt/conda/envs/orders"], "# "),
    "gitpod-yml": (".gitpod.yml", ["image: gitpod/workspace-full", ""],
                   ["", "ports:", "  - port: 8080", "    onOpen: open-preview"], "# "),
    "dagger-setsecret": ("ci/main.go", ["package main", "", "import (", '\t"context"', "",
                                        '\t"dagger/orders/internal/dagger"', ")", "", "type Orders struct{}", "",
                                        "func (m *Orders) Publish(ctx context.Context, src *dagger.Directory) (string, error) {"],
                         ['\treturn ctr.Publish(ctx, "ghcr.io/acme/orders:latest")', "}"], "// "),
    "tf-backend-config": ("scripts/tf-init.sh", ["set -euo pipefail", 'cd "$(dirname "$0")/../infra"'],
                          ["terraform plan -out=tfplan"], "# "),
    "zappa-settings": ("zappa_settings.json", ["{", '  "production": {', '    "app_function": "orders.app.app",',
                                               '    "aws_region": "eu-west-1",', '    "project_name": "orders",',
                                               '    "runtime": "python3.12",'],
                       ['    "s3_bucket": "zappa-orders-prod"', "  }", "}"], None),
    "nix-access-tokens": (".config/nix/nix.conf", ["experimental-features = nix-command flakes", "max-jobs = auto"],
                          ["trusted-users = root @wheel"], "# "),
    # tool auth files
    "gem-credentials": (".gem/credentials", ["---"], [], "# "),
    "git-insteadof": (".config/git/config", ["[user]", "\tname = Orders CI", "\temail = ci@acme.example", "[init]",
                                             "\tdefaultBranch = main"],
                      ["[pull]", "\trebase = true"], "# "),
    # observability and self-hosted apps
    "fluent-bit-classic": ("etc/fluent-bit/fluent-bit.conf", ["[SERVICE]", "    Flush        1", "    Log_Level    info",
                                                              "", "[INPUT]", "    Name         tail",
                                                              "    Path         /var/log/orders/*.log", ""],
                           ["", "[FILTER]", "    Name    modify", "    Match   *", "    Add     service orders"], "# "),
    "filebeat-yml": ("filebeat.yml", ["filebeat.inputs:", "- type: filestream", "  id: orders-logs", "  paths:",
                                      "    - /var/log/orders/*.log", ""],
                     ["", "processors:", "  - add_host_metadata: ~"], "# "),
    "kibana-yml": ("config/kibana.yml", ['server.host: "0.0.0.0"', 'server.publicBaseUrl: "https://kibana.acme.example"',
                                         'elasticsearch.hosts: ["https://es.acme.example:9200"]'],
                   ["logging.root.level: info"], "# "),
    "grafana-ini": ("conf/grafana.ini", ["[server]", "http_port = 3000", "root_url = https://grafana.acme.example/", ""],
                    ["", "[log]", "mode = console", "level = info"], "; "),
    "gitlab-rb": ("etc/gitlab/gitlab.rb", ["external_url 'https://gitlab.acme.example'", "gitlab_rails['time_zone'] = 'UTC'"],
                  ["letsencrypt['enable'] = true"], "# "),
    "keycloak-realm": ("keycloak/realm-export.json", ["{", '  "realm": "orders",', '  "enabled": true,'],
                       ['  "sslRequired": "external"', "}"], None),
    "backstage-app-config": ("app-config.production.yaml", ["app:", "  baseUrl: https://backstage.acme.example", "backend:",
                                                            "  baseUrl: https://backstage.acme.example", ""],
                             ["", "catalog:", "  locations: []"], "# "),
    "node-red-flows": (".node-red/flows.json", ["["],
                       ['  {"id": "e1f2a3b4c5d6e7f8", "type": "tab", "label": "Orders", "disabled": false}', "]"], None),
    # password manager exports
    "keepass-xml": ("exports/keepass-export.xml", ['<?xml version="1.0" encoding="utf-8" standalone="yes"?>',
                                                   "<KeePassFile>", "  <Root>", "    <Group>", "      <Name>Orders</Name>"],
                    ["    </Group>", "  </Root>", "</KeePassFile>"], None),
    "bitwarden-json": ("exports/bitwarden_export.json", ["{", '  "encrypted": false,', '  "folders": [],', '  "items": ['],
                       ["  ]", "}"], None),
    # data formats
    "hjson": ("config/orders.hjson", ["{", "  # Orders service", "  name: orders-api", "  region: eu-west-1"], ["}"], "# "),
}
HELDOUT11_SYNTAXES = list(SYNTAXES)
