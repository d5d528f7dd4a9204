"""Fifth held-out syntax set: written blind, nobody tunes rules or the engine against it.

eval/heldout4.py is about to be used to fix rules, so this one takes its place as the predictor
of how the pack does on syntaxes it has never seen. It was written and committed before any
result of it was looked at, from how real projects and other scanners' public test cases write
credentials, weighted toward what peers' test files look like (a measured corpus), in forms
that none of eval/gen.py, eval/heldout.py, eval/heldout2.py, eval/heldout3.py and
eval/heldout4.py produce:
detector-test files (a multi-line log template naming the provider in a sentence and the value
on a later line under a generic `Key=`, a Go test table's raw-string `input:`, a pattern test's
`validPattern`/`keyword` variables and `fmt.Sprintf("You can find a acme secret %s within")`,
an id and a secret on separate lines under the provider's name, gitleaks' `tps` slices and
`GenerateSampleSecret("acme", "v")`, Nosey Parker / Kingfisher rule `examples:`, pytest
`parametrize` cases, Python asserts and Jest `expect(...)`), requests (`curl -d` JSON bodies and
heredocs, `curl -F`/`--data-urlencode`, HTTPie `k==v`/`H:v`/`-a`, `fetch`/`axios` query
parameters, a WebSocket URL), separators and languages gitleaks' generated cases spell (Go
`var` blocks, POSIX make `::=`/`:::=`/`override`/target-specific, Delphi `:=`, Ada
`: constant String :=`, Fortran `::`, PowerShell variables, Perl hashes and `->new(k => v)`,
C `char *`, C# verbatim/interpolated/raw strings, Ruby `configure do |config|` blocks and
keyword arguments), config files (configparser multi-line values, notebook cells whose code
sets the credential, R `options()`/`keyring`/`add_headers`, Neovim Lua, Gradle `systemProp.`,
AndroidManifest `<meta-data>`, Info.plist nested dicts and `LSEnvironment`, `.terraformrc`
credentials blocks, gh `hosts.yml`, `.gemrc`, deep Helm values, Terraform Lambda/Function App
environment maps, Ansible `!unsafe`, systemd `SetCredential=`, multi-pair Dockerfile `ENV`,
Kubernetes `stringData` under a provider-named Secret, Jenkins `withEnv`, VS Code `launch.json`,
Spring test properties, XML attributes on a provider-named element), more languages (Go maps
and `Header.Set`, Swift enums, Scala case-class defaults, Elixir module attributes and
`System.put_env`, F#, Rust `env::var(...).unwrap_or`, Python `os.environ.setdefault` and
`monkeypatch.setenv`, browser `localStorage`, Bash `declare`/`readonly`) and exports and
documents (TSV, a password manager's CSV export, a Markdown table naming the credential in
words, SQL comments).

Interface as eval/heldout4.py: `render(ext, key, value, rng)` returns the lines holding `value`;
`SYNTAXES` maps each name to (file name, header lines, footer lines, comment prefix or None).
Key names come from the rule metadata as in gen.py; each syntax re-spells the key the way its
language does, some with the provider word on the key itself, some on a parent, a section, a
class, a host or a variable, some only nearby (a log sentence, a rule's name, a CSV column).

File names avoid the test path globs (rules/test-paths.toml). The helpers are copied, not
imported from heldout2.py, heldout3.py or heldout4.py, so that edits there do not move this set.
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
        "owner_kebab": "-".join(owner), "owner_words": " ".join(owner),
        "leaf": "_".join(leaf), "leafCamel": camel(leaf), "Leaf": pascal(leaf), "leaf_kebab": "-".join(leaf),
        "Leaf_dash": "-".join(p.capitalize() for p in leaf), "leaf_words": " ".join(leaf),
        "leaf_title": " ".join(INITIALISMS.get(p, p) for p in leaf),
        "UPPER": "_".join(allp).upper(), "lower": "_".join(allp), "camel": camel(allp), "Pascal": pascal(allp),
        "kebab": "-".join(allp), "dotted": ".".join(allp), "host": "".join(owner),
        # Ada's Mixed_Case_With_Underscores
        "Ada": "_".join(p.capitalize() for p in allp), "Owner_Ada": "_".join(p.capitalize() for p in owner),
        "Leaf_Ada": "_".join(p.capitalize() for p in leaf),
    }


def render(ext, key, value, rng):
    """The lines that hold `value` under `key` in held-out syntax `ext` (fifth set)."""
    n = names(key)
    v = value
    pick = rng.choice
    # --- other scanners' detector tests --------------------------------------------------
    if ext == "th-log-template":  # the provider in a sentence, the value on a later line
        return pick([[f"[INFO] Sending request to the {n['Owner']} API", f"[DEBUG] Using Key={v}",
                      "[INFO] Response received: 200 OK"],
                     [f"[INFO] Initialising the {n['owner_words']} client", "[DEBUG] region=eu-west-1",
                      f"[DEBUG] {n['owner_words']} {n['leaf_words']}: {v}", "[INFO] client ready"],
                     [f"[INFO] Connecting to {n['Owner']}", f"[DEBUG] Loaded credentials from env: {n['UPPER']}={v}",
                      "[WARN] Rate limit close: 98/100"]])
    if ext == "th-go-input":  # a Go test table: the scanned text in a raw string
        line = pick([f"\t\t\t\t{n['lower']} = \"{v}\"", f"\t\t\t\t{n['owner_words']} {n['leaf_words']}: {v}",
                     f'\t\t\t\t{{"{n["camel"]}": "{v}"}}'])
        return ["\t\t{", '\t\t\tname: "valid pattern",', "\t\t\tinput: `", f"\t\t\t\t[INFO] Connecting to {n['Owner']}",
                line, "\t\t\t\t[INFO] Done`,", f'\t\t\twant: []string{{"{v}"}},', "\t\t},"]
    if ext == "th-pattern-vars":  # a pattern test's variables, or the sentence it formats
        return pick([["var (", f'\tvalidPattern   = "{v}"', '\tinvalidPattern = "?invalid-pattern?"',
                      f'\tkeyword        = "{n["owner"]}"', ")"],
                     ["var (", f"\tvalidPattern   = \"{n['lower']} = '{v}'\"", '\tinvalidPattern = "?invalid?"', ")"],
                     [f'\t\t\tdata:   []byte(fmt.Sprintf("You can find a {n["owner_words"]} secret %s within", '
                      f'"{v}")),']])
    if ext == "id-secret-pair":  # an id and a secret on separate lines under the provider's name
        cid = "4f1c9e2b7a3d4e8f"
        return pick([[f"{n['owner_words']} client id: {cid}", f"{n['owner_words']} {n['leaf_words']}: {v}"],
                     [f"{n['Owner']} credentials", f"  id     = {cid}", f"  {n['leaf']} = {v}"],
                     [f"{n['OWNER']}_ID={cid}", f"{n['UPPER']}={v}"]])
    if ext == "gl-tps":  # gitleaks' rule generator: true positives in a Go slice
        return ["\t// validate", "\ttps := []string{",
                pick([f'\t\tutils.GenerateSampleSecret("{n["owner"]}", "{v}"),', f'\t\t`{n["lower"]} = "{v}"`,',
                      f'\t\t`{n["camel"]} := "{v}"`,', f"\t\t`export {n['UPPER']}={v}`,"]),
                "\t}"]
    if ext == "np-rule-yaml":  # a Nosey Parker / Kingfisher rule's examples
        ex = pick([[f"  - '{n['UPPER']}={v}'"], [f"  - '{n['lower']}: \"{v}\"'"],
                   ["  - |", f"    {n['Owner']} {n['leaf_title']}: {v}"], [f"  - {n['camel']} = \"{v}\""]])
        return [f"- name: {n['Owner']} {n['leaf_title']}", f"  id: np.{n['host']}.1",
                f"  pattern: '(?i)\\b{n['host']}(?:.|[\\n\\r]){{0,32}}?\\b([a-z0-9]{{32,64}})\\b'", "  examples:"] + ex
    if ext == "py-parametrize":  # detect-secrets style: a line and whether it should be found
        return ["@pytest.mark.parametrize(", '    "line, should_flag",', "    [",
                pick([f"        ('{n['lower']} = \"{v}\"', True),", f"        ('{n['UPPER']}={v}', True),",
                      f"        ('\"{n['camel']}\": \"{v}\"', True),", f"        (\"{n['camel']}: '{v}'\", True),"]),
                "        ('password = \"\"', False),", "    ],", ")"]
    if ext == "py-assert":
        return [pick([f'    self.assertEqual(settings.{n["UPPER"]}, "{v}")', f'    assert client.{n["leaf"]} == "{v}"',
                      f"    assert os.environ[\"{n['UPPER']}\"] == '{v}'",
                      f'    assert config["{n["owner"]}"]["{n["leaf"]}"] == "{v}"'])]
    if ext == "js-expect":
        return [pick([f"  expect(config.{n['ownerCamel']}.{n['leafCamel']}).toBe('{v}');",
                      f'  expect(process.env.{n["UPPER"]}).toEqual("{v}");',
                      f"  if ({n['camel']} === '{v}') {{ return true; }}",
                      f"  assert.strictEqual(opts.{n['camel']}, '{v}');"])]
    if ext == "readme-js":  # a README's Usage block in JavaScript
        code = pick([[f"import {n['Owner']} from '{n['owner_kebab']}';", "",
                      f"const client = new {n['Owner']}({{ {n['leafCamel']}: '{v}' }});"],
                     [f"const {n['ownerCamel']} = require('{n['owner_kebab']}')('{v}');"],
                     [f"import {{ createClient }} from '@{n['owner_kebab']}/sdk';", "",
                      f'const client = createClient("{v}");']])
        return ["## Usage", "", "```js"] + code + ["```"]
    # --- requests ------------------------------------------------------------------------
    if ext == "curl-json-body":  # the credential inside the JSON body of `curl -d`
        return pick([[f"curl -X POST https://api.{n['host']}.com/v1/query \\",
                      "  -H 'Content-Type: application/json' \\",
                      f"  -d '{{\"{n['leaf']}\": \"{v}\", \"q\": \"status\"}}'"],
                     [f"curl https://api.{n['host']}.com/v1/send --data-raw "
                      f"'{{\"{n['leafCamel']}\":\"{v}\",\"to\":\"ops@acme.example\"}}'"],
                     [f"curl -s -X POST https://api.{n['host']}.com/v1/auth "
                      "-H 'Content-Type: application/json' -d @- <<EOF",
                      "{", f'  "{n["leaf"]}": "{v}",', '  "scope": "read"', "}", "EOF"]])
    if ext == "curl-form":
        return [pick([f'curl -s https://api.{n["host"]}.com/v1/upload -F "{n["leaf"]}={v}" -F "file=@dist.zip"',
                      f'curl -G https://api.{n["host"]}.com/v1/search --data-urlencode "{n["leaf"]}={v}" '
                      '--data-urlencode "q=orders"',
                      f'curl -X POST -d "{n["leaf"]}={v}&format=json" https://api.{n["host"]}.com/v1/verify'])]
    if ext == "httpie":
        return [pick([f"http GET https://api.{n['host']}.com/v1/me {n['leaf']}=={v}",
                      f"http POST api.{n['host']}.com/v1/events X-{n['Owner']}-{n['Leaf_dash']}:{v} name=deploy",
                      f"http -a deploy:{v} https://api.{n['host']}.com/v1/account",
                      f"https POST api.{n['host']}.com/v1/token {n['leaf']}={v}"])]
    if ext == "fetch-params":  # the provider in the host, the credential as a query parameter
        return pick([[f'const res = await fetch("https://api.{n["host"]}.com/v1/latest?{n["leaf"]}={v}&base=USD");'],
                     [f'const {{ data }} = await axios.get("https://api.{n["host"]}.com/v1/search", {{',
                      f'  params: {{ {n["leafCamel"]}: "{v}", q: "orders" }},', "});"],
                     [f'const ws = new WebSocket("wss://stream.{n["host"]}.com/v2?token={v}");']])
    # --- separators and languages of gitleaks' generated cases ---------------------------
    if ext == "go-var-block":
        return pick([["var (", f'\t{n["camel"]} = "{v}"', f'\tbaseURL = "https://api.{n["host"]}.com"', ")"],
                     [f'var {n["camel"]} string = "{v}"'], [f'const {n["camel"]} string = "{v}"']])
    if ext == "make-posix":  # POSIX make assignments, overrides, target-specific variables
        return [pick([f"{n['UPPER']} ::= {v}", f"{n['UPPER']} :::= {v}", f"override {n['UPPER']} = {v}",
                      f"deploy: export {n['UPPER']} = {v}"])]
    if ext == "delphi":
        return pick([["const", f"  {n['Pascal']} = '{v}';"], [f"  {n['Owner']}Client.{n['Leaf']} := '{v}';"],
                     [f"  {n['camel']} := '{v}';"]])
    if ext == "ada":
        return [pick([f'   {n["Ada"]} : constant String := "{v}";', f'   {n["Ada"]} : String := "{v}";',
                      f'   {n["Owner_Ada"]}_Settings : constant Settings := '
                      f'({n["Leaf_Ada"]} => +"{v}", Timeout => 30);'])]
    if ext == "fortran":
        return [pick([f"  character(len=*), parameter :: {n['lower']} = '{v}'",
                      f'  character(len=64) :: {n["lower"]} = "{v}"'])]
    if ext == "ps-var":
        return [pick([f"${n['Pascal']} = '{v}'", f'[string]${n["camel"]} = "{v}"',
                      f"Set-Variable -Name {n['Pascal']} -Value '{v}' -Scope Script",
                      f"$config.{n['Owner']}.{n['Leaf']} = '{v}'"])]
    if ext == "perl-hash":
        return pick([[f"my %{n['owner']} = (", f"    {n['leaf']} => '{v}',", "    timeout => 30,", ");"],
                     ["my %config = (", f'    {n["lower"]} => "{v}",', ");"],
                     [f"$config{{{n['lower']}}} = '{v}';"],
                     [f"my $client = WebService::{n['Owner']}->new( {n['leaf']} => '{v}' );"]])
    if ext == "c-char-ptr":
        return [pick([f'static const char *{n["lower"]} = "{v}";', f'char {n["lower"]}[] = "{v}";',
                      f'const char {n["UPPER"]}[] = "{v}";', f'    {n["owner"]}_set_{n["leaf"]}(client, "{v}");'])]
    if ext == "cs-verbatim":
        return [pick([f'        private static readonly string {n["Pascal"]} = @"{v}";',
                      f'        var {n["camel"]} = $"{v}";', f'        const string {n["Pascal"]} = """{v}""";',
                      f'        Environment.SetEnvironmentVariable("{n["UPPER"]}", "{v}");'])]
    if ext == "rb-kwargs":  # the provider on the module, the credential word as the keyword
        return pick([[f'client = {n["Owner"]}::Client.new({n["leaf"]}: "{v}")'],
                     [f"{n['Owner']}.configure do |config|", f'  config.{n["leaf"]} = "{v}"', "end"],
                     [f'conn = Faraday.new(url: "https://api.{n["host"]}.com", headers: '
                      f'{{ "X-{n["Owner"]}-{n["Leaf_dash"]}" => "{v}" }})']])
    # --- config files --------------------------------------------------------------------
    if ext == "ini-multiline":  # configparser: the value on an indented continuation line
        return pick([[f"[{n['owner']}]", f"{n['leaf']} =", f"    {v}"], ["[default]", f"{n['lower']} =", f"  {v}"]])
    if ext == "ipynb-cell-code":  # a code cell's source that sets the credential
        return pick([['   "source": [', '    "import os\\n",', f'    "os.environ[\\"{n["UPPER"]}\\"] = \\"{v}\\"\\n",',
                      '    "client = Client()"', "   ]"],
                     ['   "source": [', f'    "import {n["host"]}\\n",',
                      f'    "client = {n["host"]}.Client({n["leaf"]}=\\"{v}\\")"', "   ]"],
                     [f'   "source": "import {n["host"]}\\n{n["host"]}.{n["leaf"]} = \'{v}\'\\nprint(\'ok\')"']])
    if ext == "r-options":
        return [pick([f'options({n["dotted"]} = "{v}")',
                      f'keyring::key_set_with_value("{n["owner"]}", password = "{v}")',
                      f'res <- GET(url, add_headers(`X-{n["Owner"]}-{n["Leaf_dash"]}` = "{v}"))',
                      f'Sys.setenv("{n["UPPER"]}" = "{v}")'])]
    if ext == "lua-nvim":  # Neovim config: globals, env, a plugin's setup
        return pick([[f'vim.g.{n["lower"]} = "{v}"'], [f'vim.env.{n["UPPER"]} = "{v}"'],
                     [f'require("{n["owner_kebab"]}").setup({{', f'  {n["leaf"]} = "{v}",', "})"],
                     [f'  {{ "{n["owner_kebab"]}/{n["owner_kebab"]}.nvim", opts = {{ {n["leaf"]} = "{v}" }} }},']])
    if ext == "gradle-sysprop":
        return [pick([f"systemProp.{n['dotted']}={v}", f"systemProp.{n['owner']}.{n['leafCamel']}={v}",
                      f"org.gradle.jvmargs=-Xmx2g -D{n['dotted']}={v}"])]
    if ext == "android-manifest":
        return pick([[f'        <meta-data android:name="com.{n["host"]}.sdk.{n["Leaf"]}" android:value="{v}" />'],
                     ["        <meta-data", f'            android:name="{n["lower"]}"',
                      f'            android:value="{v}" />']])
    if ext == "plist-nested":
        return pick([[f"\t<key>{n['Owner']}</key>", "\t<dict>", f"\t\t<key>{n['Leaf']}</key>",
                      f"\t\t<string>{v}</string>",
                      "\t</dict>"],
                     ["\t<key>LSEnvironment</key>", "\t<dict>", f"\t\t<key>{n['UPPER']}</key>",
                      f"\t\t<string>{v}</string>",
                      "\t</dict>"]])
    if ext == "terraformrc":  # the provider only in the host of the credentials block
        return [pick([f'credentials "app.{n["host"]}.io" {{', f'credentials "{n["host"]}.jfrog.io" {{']),
                f'  token = "{v}"', "}"]
    if ext == "gh-hosts":
        return pick([[f"git.{n['host']}.com:", "    user: deploy", f"    oauth_token: {v}", "    git_protocol: https"],
                     [f"{n['host']}.ghe.com:", "    users:", "        deploy:", f"            oauth_token: {v}",
                      "    user: deploy"]])
    if ext == "gemrc":
        return [pick([f":{n['lower']}: {v}", f"- https://deploy:{v}@gems.{n['host']}.com/"])]
    if ext == "helm-deep":
        return pick([["global:", f"  {n['ownerCamel']}:", "    enabled: true", "    auth:", '      existingSecret: ""',
                      f"      {n['leafCamel']}: {v}"],
                     [f"{n['ownerCamel']}:", "  config:", "    secretEnv:", f'      {n["UPPER"]}: "{v}"']])
    if ext == "tf-lambda-env":
        return pick([["  environment {", "    variables = {", '      NODE_ENV = "production"',
                      f'      {n["UPPER"]} = "{v}"',
                      "    }", "  }"],
                     ["  app_settings = {", '    "FUNCTIONS_WORKER_RUNTIME" = "node"', f'    "{n["UPPER"]}" = "{v}"',
                      "  }"]])
    if ext == "ansible-unsafe":
        return pick([[f"{n['lower']}: !unsafe '{v}'"], [f"{n['owner']}:", f'  {n["leaf"]}: !unsafe "{v}"']])
    if ext == "systemd-setcred":
        return [pick([f"SetCredential={n['owner_kebab']}-{n['leaf_kebab']}:{v}", f"SetCredential={n['lower']}:{v}",
                      f"ExecStart=/usr/bin/{n['owner_kebab']}-agent --{n['leaf_kebab']}={v}"])]
    if ext == "dockerfile-env-multi":
        return pick([["ENV NODE_ENV=production \\", f"    {n['UPPER']}={v} \\", "    PORT=8080"],
                     [f'ENV {n["UPPER"]}="{v}" LOG_LEVEL=info'], [f"RUN {n['UPPER']}={v} npm run build"]])
    if ext == "k8s-stringdata":  # the provider on the Secret's name
        return pick([["metadata:", f"  name: {n['owner_kebab']}-credentials", "type: Opaque", "stringData:",
                      f"  {n['leaf']}: {v}"],
                     ["metadata:", "  name: orders-config", "stringData:", "  config.yaml: |", f"    {n['owner']}:",
                      f"      {n['leaf']}: {v}"]])
    if ext == "jenkins-withenv":
        return [pick([f'        withEnv(["{n["UPPER"]}={v}"]) {{',
                      f"        withEnv(['NODE_ENV=production', '{n['UPPER']}={v}']) {{"]),
                "            sh './deploy.sh'", "        }"]
    if ext == "sql-comment":
        return [pick([f"-- {n['Owner']} {n['leaf_title']}: {v}", f"/* {n['lower']} = '{v}' */",
                      f"-- TODO: move {n['UPPER']}={v} to the vault"])]
    if ext == "vscode-launch":
        return pick([['            "env": {', f'                "{n["UPPER"]}": "{v}"', "            },"],
                     [f'            "args": ["--dart-define={n["UPPER"]}={v}"],'],
                     [f'            "args": ["--{n["kebab"]}", "{v}"],']])
    if ext == "spring-test-props":
        return pick([[f'@SpringBootTest(properties = "{n["owner"]}.{n["leaf_kebab"]}={v}")'],
                     [f'@TestPropertySource(properties = {{"{n["owner"]}.{n["leaf_kebab"]}={v}", "server.port=0"}})'],
                     ["    @DynamicPropertySource", "    static void props(DynamicPropertyRegistry registry) {",
                      f'        registry.add("{n["owner"]}.{n["leaf_kebab"]}", () -> "{v}");', "    }"]])
    if ext == "xml-attr":  # attributes on an element named for the provider
        return [pick([f'  <{n["ownerCamel"]} {n["leafCamel"]}="{v}" region="eu-west-1" />',
                      f'  <{n["owner_kebab"]}-client {n["leaf_kebab"]}="{v}"/>',
                      f'  <provider name="{n["owner"]}" {n["leafCamel"]}="{v}" enabled="true"/>'])]
    # --- languages -----------------------------------------------------------------------
    if ext == "go-map":
        return pick([["var headers = map[string]string{", f'\t"X-{n["Owner"]}-{n["Leaf_dash"]}": "{v}",', "}"],
                     [f'\tenv := map[string]string{{"{n["UPPER"]}": "{v}", "REGION": "eu-west-1"}}'],
                     [f'\treq.Header.Set("X-{n["Owner"]}-{n["Leaf_dash"]}", "{v}")']])
    if ext == "swift-enum":
        return pick([[f"enum {n['Owner']} {{", f'    static let {n["leafCamel"]} = "{v}"', "}"],
                     ["enum Secrets: String {", f'    case {n["camel"]} = "{v}"', "}"],
                     [f"struct {n['Owner']}Config {{", f'    let {n["leafCamel"]}: String = "{v}"', "}"]])
    if ext == "scala-case-class":
        return pick([[f'final case class {n["Owner"]}Config({n["leafCamel"]}: String = "{v}", timeout: Int = 30)'],
                     [f"object {n['Owner']} {{", f'  final val {n["Leaf"]} = "{v}"', "}"],
                     [f'val client = new {n["Owner"]}Client({n["leafCamel"]} = "{v}")']])
    if ext == "elixir-attr":
        return [pick([f'  @{n["lower"]} "{v}"', f'    System.put_env("{n["UPPER"]}", "{v}")',
                      f'  plug {n["Owner"]}.Plug, {n["leaf"]}: "{v}"'])]
    if ext == "fsharp":
        return pick([[f'let {n["camel"]} = "{v}"'], ["[<Literal>]", f'let {n["Pascal"]} = "{v}"'],
                     [f'let {n["ownerCamel"]}Config = {{ {n["Leaf"]} = "{v}"; Region = "eu-west-1" }}']])
    if ext == "rust-env-default":
        return [pick([f'    let {n["lower"]} = env::var("{n["UPPER"]}").unwrap_or_else(|_| "{v}".to_string());',
                      f'    let {n["lower"]} = std::env::var("{n["UPPER"]}").unwrap_or("{v}".into());',
                      f'    let {n["lower"]} = option_env!("{n["UPPER"]}").unwrap_or("{v}");'])]
    if ext == "py-setenv-call":
        return pick([[f'os.environ.setdefault("{n["UPPER"]}", "{v}")'],
                     ["def use_staging(monkeypatch):", f'    monkeypatch.setenv("{n["UPPER"]}", "{v}")'],
                     [f'@mock.patch.dict(os.environ, {{"{n["UPPER"]}": "{v}"}})', "def run_sync():", "    sync()"]])
    if ext == "js-storage":
        return [pick([f'localStorage.setItem("{n["camel"]}", "{v}");',
                      f"sessionStorage.setItem('{n['lower']}', '{v}');",
                      f'document.cookie = "{n["lower"]}={v}; path=/";'])]
    if ext == "sh-declare":
        return [pick([f'declare -x {n["UPPER"]}="{v}"', f"readonly {n['UPPER']}='{v}'",
                      f'declare -A {n["owner"]}=([{n["leaf"]}]="{v}" [region]="eu-west-1")',
                      f"typeset -r {n['UPPER']}={v}"])]
    # --- exports and documents -----------------------------------------------------------
    if ext == "tsv-export":
        return [pick([f"{n['owner']}\t{n['leaf']}\t{v}\tactive", f"orders\t{n['lower']}\t{v}\tactive"])]
    if ext == "pm-csv-export":  # a password manager's export: the provider only in the URL and name
        return [pick([f"https://api.{n['host']}.com,deploy,{v},,{n['Owner']},Work,0",
                      f'https://dashboard.{n["host"]}.com,ops@acme.example,,"{n["leaf_title"]}: {v}",'
                      f'{n["Owner"]} {n["leaf_title"]},Infra,0'])]
    if ext == "md-table-prose":  # the credential named in words in a table's cells
        return pick([["| Service | Credential | Value |", "|---|---|---|",
                      f"| {n['Owner']} | {n['leaf_title']} | `{v}` |"],
                     ["| Name | Value |", "|------|-------|", f"| {n['Owner']} {n['leaf_title']} | {v} |"]])
    raise ValueError(f"unknown held-out syntax {ext}")


# name: (file name, header lines, footer lines, comment prefix or None)
SYNTAXES = {
    # other scanners' detector tests
    "th-log-template": ("client-debug.log", ["[INFO] Starting orders worker v1.4.2"], ["[INFO] Shutting down"], None),
    "th-go-input": ("acme_pattern_cases.go", ["package acme", "", "var patternCases = []struct {",
                                              "\tname  string", "\tinput string", "\twant  []string", "}{"],
                    ["}"], "// "),
    "th-pattern-vars": ("detector_cases.go", ["package acme", "", 'import "fmt"', ""],
                        ["", "var _ = fmt.Sprintf"], "// "),
    "id-secret-pair": ("credentials.txt", ["Staging credentials (rotate after the demo)", ""], ["", "-- ops"], None),
    "gl-tps": ("acme_rule.go", ["package rules", "", "func AcmeToken() *config.Rule {", "\tr := config.Rule{",
                                '\t\tRuleID: "acme-token",', "\t}"],
               ["\treturn utils.Validate(r, tps, nil)", "}"], "// "),
    "np-rule-yaml": ("rules/acme.yml", ["rules:"], ["  categories: [api, secret]"], "# "),
    "py-parametrize": ("keyword_cases.py", ["import pytest", ""],
                       ["def check_line(line, should_flag):", "    assert scan(line) == should_flag"], "# "),
    "py-assert": ("check_settings.py", ["import os", "", "def check_settings():"],
                  ["    print(\"settings ok\")"], "# "),
    "js-expect": ("config.check.js", ["const config = require('./config');", "", "describe('config', () => {",
                                      "  it('loads the credentials', () => {"], ["  });", "});"], "// "),
    "readme-js": ("README.md", ["# orders-sdk", "", "A small client for the orders service.", ""],
                  ["", "## License", "", "MIT"], None),
    # requests
    "curl-json-body": ("query.sh", ["#!/usr/bin/env bash", "set -euo pipefail"], ['echo "queried"'], "# "),
    "curl-form": ("upload.sh", ["#!/bin/sh", "set -e"], ['echo "uploaded"'], "# "),
    "httpie": ("calls.sh", ["#!/bin/sh", "# needs httpie"], ['echo "done"'], "# "),
    "fetch-params": ("src/api.js", ["import axios from 'axios';", "", "export async function load() {"],
                     ["  return true;", "}"], "// "),
    # separators and languages of gitleaks' generated cases
    "go-var-block": ("settings.go", ["package settings", ""], ["", "func Load() {}"], "// "),
    "make-posix": ("GNUmakefile", [".POSIX:", "SHELL = /bin/sh", ""], ["", "deploy:", "\t./scripts/deploy.sh"], "# "),
    "delphi": ("Settings.pas", ["unit Settings;", "", "interface", ""], ["", "implementation", "", "end."], "// "),
    "ada": ("credentials.ads", ["package Credentials is"], ["end Credentials;"], "-- "),
    "fortran": ("config.f90", ["module config", "  implicit none"], ["end module config"], "! "),
    "ps-var": ("Setup-Env.ps1", ["#Requires -Version 7", "Set-StrictMode -Version Latest"], ["Write-Output 'ok'"],
               "# "),
    "perl-hash": ("Config.pm", ["package Orders::Config;", "use strict;", "use warnings;", ""], ["", "1;"], "# "),
    "c-char-ptr": ("credentials.c", ['#include <stdio.h>', '#include "client.h"', ""], ["", "int ready = 1;"], "// "),
    "cs-verbatim": ("Secrets.cs", ["namespace Orders", "{", "    public static class Secrets", "    {",
                                   "        public static void Load()", "        {"],
                    ["        }", "    }", "}"], "// "),
    "rb-kwargs": ("config/initializers/clients.rb", ['require "faraday"', ""],
                  ["", "Rails.logger.info('clients ready')"], "# "),
    # config files
    "ini-multiline": ("setup.cfg", ["[metadata]", "name = orders", ""], ["", "[options]", "packages = find:"], "# "),
    "ipynb-cell-code": ("analysis.ipynb", ["{", ' "cells": [', "  {", '   "cell_type": "code",',
                                           '   "execution_count": 2,', '   "metadata": {},', '   "outputs": [],'],
                        ["  }", " ],", ' "metadata": {"kernelspec": {"name": "python3"}},', ' "nbformat": 4,',
                         ' "nbformat_minor": 5', "}"], None),
    "r-options": (".Rprofile", ['options(repos = c(CRAN = "https://cloud.r-project.org"))', "library(httr)"],
                  ['message("profile loaded")'], "# "),
    "lua-nvim": ("init.lua", ["vim.opt.number = true", 'vim.g.mapleader = " "'], ['vim.cmd.colorscheme("habamax")'],
                 "-- "),
    "gradle-sysprop": ("gradle.properties", ["org.gradle.caching=true", "android.useAndroidX=true"],
                       ["kotlin.code.style=official"], "# "),
    "android-manifest": ("app/src/main/AndroidManifest.xml",
                         ['<?xml version="1.0" encoding="utf-8"?>',
                          '<manifest xmlns:android="http://schemas.android.com/apk/res/android">',
                          '    <application android:label="@string/app_name">'],
                         ["    </application>", "</manifest>"], None),
    "plist-nested": ("Info.plist", ['<?xml version="1.0" encoding="UTF-8"?>',
                                    '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" '
                                    '"http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
                                    '<plist version="1.0">', "<dict>", "\t<key>CFBundleName</key>",
                                    "\t<string>Orders</string>"], ["</dict>", "</plist>"], None),
    "terraformrc": (".terraformrc", ['plugin_cache_dir = "$HOME/.terraform.d/plugin-cache"', ""], [], "# "),
    "gh-hosts": ("hosts.yml", ["github.com:", "    user: deploy", "    git_protocol: ssh"], [], "# "),
    "gemrc": (".gemrc", ["---", ":backtrace: false", ":sources:", "- https://rubygems.org/"],
              [":update_sources: true"], "# "),
    "helm-deep": ("charts/orders/values.yaml", ["replicaCount: 2", "image:", "  repository: acme/orders",
                                                "  tag: 1.4.2"],
                  ["service:", "  port: 8080"], "# "),
    "tf-lambda-env": ("lambda.tf", ['resource "aws_lambda_function" "orders" {', '  function_name = "orders"',
                                    '  runtime       = "nodejs20.x"'], ["}"], "# "),
    "ansible-unsafe": ("group_vars/all.yml", ["---", "app_user: deploy"], ["app_port: 8080"], "# "),
    "systemd-setcred": ("orders.service", ["[Unit]", "Description=Orders worker", "", "[Service]", "Type=simple"],
                        ["Restart=on-failure", "", "[Install]", "WantedBy=multi-user.target"], "# "),
    "dockerfile-env-multi": ("Containerfile", ["FROM node:20-alpine", "WORKDIR /app", "COPY . ."],
                             ['CMD ["node", "server.js"]'], "# "),
    "k8s-stringdata": ("orders-secret.yaml", ["apiVersion: v1", "kind: Secret"], [], "# "),
    "jenkins-withenv": ("Jenkinsfile.deploy", ["pipeline {", "  agent any", "  stages {", "    stage('Deploy') {",
                                               "      steps {"], ["      }", "    }", "  }", "}"], "// "),
    "sql-comment": ("migrations/0007_sync.sql", ["CREATE TABLE sync_state (id serial PRIMARY KEY, cursor text);"],
                    ["ALTER TABLE sync_state ADD COLUMN updated_at timestamptz;"], "-- "),
    "vscode-launch": (".vscode/launch.json", ["{", '    "version": "0.2.0",', '    "configurations": [', "        {",
                                              '            "name": "Run orders",', '            "type": "node",',
                                              '            "request": "launch",'],
                      ['            "program": "${workspaceFolder}/server.js"', "        }", "    ]", "}"], None),
    "spring-test-props": ("OrdersApplicationIT.java",
                          ["package com.acme.orders;", "",
                           "import org.springframework.boot.test.context.SpringBootTest;", ""],
                          ["class OrdersApplicationIT {", "}"], "// "),
    "xml-attr": ("integrations.xml", ['<?xml version="1.0" encoding="UTF-8"?>', "<integrations>"],
                 ["</integrations>"], None),
    # languages
    "go-map": ("headers.go", ["package client", ""], ["", "func init() {}"], "// "),
    "swift-enum": ("Secrets.swift", ["import Foundation", ""], ["", "let appName = \"Orders\""], "// "),
    "scala-case-class": ("Config.scala", ["package com.acme.orders", ""], ["", "object Main extends App"], "// "),
    "elixir-attr": ("lib/orders/client.ex", ["defmodule Orders.Client do", "  use Tesla", ""], ["", "end"], "# "),
    "fsharp": ("Config.fs", ["module Config", ""], ["", "let timeout = 30"], "// "),
    "rust-env-default": ("src/config.rs", ["use std::env;", "", "pub fn load() {"], ["}"], "// "),
    "py-setenv-call": ("env_setup.py", ["import os", "from unittest import mock", ""], ["", "print('env ready')"],
                       "# "),
    "js-storage": ("public/app.js", ["(function () {", "  'use strict';"], ["})();"], "// "),
    "sh-declare": ("env.bash", ["#!/usr/bin/env bash", "set -u"], ['echo "loaded"'], "# "),
    # exports and documents
    "tsv-export": ("secrets-inventory.tsv", ["service\tname\tvalue\tstatus"], ["orders\tlog_level\tinfo\tactive"],
                   None),
    "pm-csv-export": ("passwords-export.csv", ["url,username,password,extra,name,grouping,fav"],
                      ["https://status.acme.example,ops,,,Status page,Infra,0"], None),
    "md-table-prose": ("docs/credentials.md", ["# Credentials", "", "Where the staging services log in.", ""],
                       ["", "Rotate these after every demo."], None),
}
HELDOUT5_SYNTAXES = list(SYNTAXES)
