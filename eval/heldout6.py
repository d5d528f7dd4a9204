"""Sixth held-out syntax set: written blind, nobody tunes rules or the engine against it.

eval/heldout5.py is about to be used to fix rules, so this one takes its place as the predictor
of how the pack does on syntaxes it has never seen. It was written and committed before any
result of it was looked at, from how real projects and other scanners' and SDKs' public test
cases write credentials, in forms that none of eval/gen.py, eval/heldout.py, eval/heldout2.py,
eval/heldout3.py, eval/heldout4.py and eval/heldout5.py produce:
test code in more languages (a Go test table keyed by a map of case names, Rust raw strings
`r#"..."#`, JUnit `@ValueSource`/`@CsvSource` and JUnit Pioneer `@SetEnvironmentVariable`,
xUnit `[InlineData]`, RSpec `let`, PHPUnit data providers, Jest `test.each` tables, Vitest
`vi.stubEnv`, Kotlin `object` constants, a unittest `setUp` on a provider-named case class,
pytest fixtures returning the value, testify asserts and `t.Setenv`), framework and CI config
(Django settings dicts named for the provider, Rails YAML with ERB defaults, Next.js `env`
with `NEXT_PUBLIC_`, SAM/CloudFormation `Parameters` with `Default:`, Azure Pipelines, CircleCI,
Bitbucket Pipelines pipes, wrangler `[vars]`, Dependabot registries, Renovate `hostRules`,
Quarkus `%prod.` properties, .NET user secrets with `Acme:ApiKey` keys and in-memory
configuration, Flask `app.config`, Symfony `env(X)` parameters, Terraform's
`credentials.tfrc.json`, justfile `:=`, Xcode scheme and IntelliJ run-configuration
environment elements, a Windows `.reg` export), where leaks happen (`git log` messages, an SVN
diff, a Teams export, Jira wiki markup, a GitHub issue's `<details>` block, exception reprs and
`toString()` dumps, raw HTTP responses and request lines, web server access logs, a browser
storage dump, a crash report's environment, fish and PowerShell histories, `pg_dump` COPY
blocks, Redis commands, AWS CLI shorthand and other clouds' `--set-env-vars`-style flags,
semicolon CSV), and languages and formats (Go `envDefault` struct tags and viper defaults,
Java `getenv().getOrDefault`, C `setenv`, SOAP headers, protobuf text format).

Interface as eval/heldout5.py: `render(ext, key, value, rng)` returns the lines holding `value`;
`SYNTAXES` maps each name to (file name, header lines, footer lines, comment prefix or None).
Key names come from the rule metadata as in gen.py; each syntax re-spells the key the way its
language does, some with the provider word on the key itself, some on a parent, a section, a
class, a test's name or a host, some only nearby (a commit message, a chat line, a log entry).

File names avoid the test path globs (rules/test-paths.toml). The helpers are copied, not
imported from heldout2.py .. heldout5.py, so that edits there do not move this set.
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
    """The lines that hold `value` under `key` in held-out syntax `ext` (sixth set)."""
    n = names(key)
    v = value
    pick = rng.choice
    # --- test code of other scanners and SDKs --------------------------------------------
    if ext == "go-case-map":  # a map of named cases: the provider only in the case's name
        return pick([[f'\t\t"valid {n["owner_words"]} {n["leaf_words"]}": {{', f'\t\t\tinput: "{v}",',
                      "\t\t\twant:  true,", "\t\t},"],
                     [f'\t\t"{n["owner_words"]} in env file": {{input: "{n["UPPER"]}={v}", want: true}},'],
                     [f'\t\t"{n["owner_kebab"]}": {{"{v}", true}},']])
    if ext == "rust-raw-str":
        return pick([[f'    let input = r#"{n["lower"]} = "{v}""#;', "    assert!(scan(input).is_some());"],
                     [f'        r#"{{"{n["camel"]}": "{v}"}}"#,'],
                     [f'    const {n["UPPER"]}: &str = r"{v}";']])
    if ext == "junit-valuesource":
        return pick([[f'    @ValueSource(strings = {{"{v}", "{n["lower"]}_placeholder"}})',
                      f"    void detects{n['Owner']}{n['Leaf']}(String input) {{",
                      "        assertTrue(matches(input));",
                      "    }"],
                     [f'    @CsvSource({{"{n["lower"]}, {v}", "region, eu-west-1"}})',
                      "    void readsSetting(String name, String value) {", "        assertNotNull(value);", "    }"]])
    if ext == "junit-pioneer-env":
        return pick([[f'    @SetEnvironmentVariable(key = "{n["UPPER"]}", value = "{v}")',
                      "    void clientReadsTheEnvironment() {", "        assertNotNull(Client.fromEnv());", "    }"],
                     [f'    @SetSystemProperty(key = "{n["dotted"]}", value = "{v}")',
                      "    void clientReadsTheProperty() {", "        assertNotNull(Client.fromProperties());",
                      "    }"]])
    if ext == "xunit-inlinedata":
        return pick([["    [Theory]", f'    [InlineData("{v}")]',
                      f"    public void {n['Owner']}{n['Leaf']}_IsAccepted(string input)",
                      "    {", "        Assert.True(Validator.IsValid(input));", "    }"],
                     ["    [Theory]", f'    [InlineData("{n["Owner"]}:{n["Leaf"]}", "{v}")]',
                      "    public void Reads_the_setting(string name, string expected)", "    {",
                      "        Assert.Equal(expected, Configuration[name]);", "    }"]])
    if ext == "rspec-let":
        return pick([[f"  let(:{n['leaf']}) {{ \"{v}\" }}",
                      f"  let(:client) {{ {n['Owner']}::Client.new({n['leaf']}: {n['leaf']}) }}"],
                     [f"  let!(:{n['lower']}) {{ '{v}' }}"],
                     ["  before do", f"    stub_const(\"ENV\", ENV.to_h.merge(\"{n['UPPER']}\" => \"{v}\"))", "  end"]])
    if ext == "phpunit-provider":
        return pick([[f"    public static function {n['ownerCamel']}Keys(): array", "    {", "        return [",
                      f"            '{n['owner_words']} {n['leaf_words']}' => ['{v}'],", "        ];", "    }"],
                     [f"    public static function {n['ownerCamel']}Lines(): iterable", "    {",
                      f"        yield 'env line' => ['{n['UPPER']}={v}', true];", "    }"]])
    if ext == "jest-each":
        return pick([["test.each([", f"  ['{n['owner_words']} {n['leaf_words']}', '{v}'],", "  ['empty', ''],",
                      "])('%s', (name, input) => {", "  expect(scan(input)).toBeDefined();", "});"],
                     ["describe.each`", "  name | input", f"  ${{'{n['camel']}'}} | ${{'{v}'}}",
                      "`('$name', ({ input }) => {", "  it('is found', () => expect(scan(input)).toBeTruthy());",
                      "});"]])
    if ext == "js-stub-env":
        return pick([[f"  vi.stubEnv('{n['UPPER']}', '{v}');"],
                     [f"  jest.replaceProperty(process, 'env', {{ {n['UPPER']}: '{v}' }});"],
                     [f"  process.env = {{ ...OLD_ENV, {n['UPPER']}: '{v}' }};"]])
    if ext == "kotlin-object":  # the provider on the object, the credential word on the constant
        return pick([[f"object {n['Owner']} {{", f'    const val {n["leaf"].upper()} = "{v}"', "}"],
                     ["object Credentials {", f'    @JvmField val {n["camel"]} = "{v}"', "}"],
                     [f"class {n['Owner']}ClientSetup {{", "    companion object {",
                      f'        private const val {n["leaf"].upper()} = "{v}"', "    }", "}"]])
    if ext == "py-setup-attr":  # a unittest case named for the provider, the value set in setUp
        return pick([[f"class {n['Owner']}ClientCase(unittest.TestCase):", "    def setUp(self):",
                      f'        self.{n["leaf"]} = "{v}"', "        self.client = Client(self.{0})".format(n["leaf"])],
                     ["class SyncCase(unittest.TestCase):", "    def setUp(self):",
                      f"        self.client = {n['Owner']}Client({n['leaf']}='{v}')"]])
    if ext == "go-testify":
        return pick([[f'\tt.Setenv("{n["UPPER"]}", "{v}")', "\tcfg := Load()"],
                     [f'\tassert.Equal(t, "{v}", cfg.{n["Owner"]}.{n["Leaf"]})'],
                     [f'\trequire.Equal(t, "{v}", os.Getenv("{n["UPPER"]}"))']])
    if ext == "py-fixture":  # the provider in the fixture's name, the value returned
        return ["@pytest.fixture", f"def {n['lower']}():", f'    return "{v}"']
    # --- framework, deploy and CI config -------------------------------------------------
    if ext == "django-settings-dict":
        return pick([[f"{n['OWNER']} = {{", f'    "{n["leaf"].upper()}": "{v}",', '    "TIMEOUT": 30,', "}"],
                     ["SOCIALACCOUNT_PROVIDERS = {", f'    "{n["owner"]}": {{', '        "APP": {',
                      '            "client_id": "orders-web",', f'            "{n["leaf"]}": "{v}",', "        },",
                      "    },", "}"],
                     ["ANYMAIL = {", f'    "{n["UPPER"]}": "{v}",', "}"]])
    if ext == "rails-erb-yml":
        return pick([["production:", f"  {n['lower']}: <%= ENV.fetch(\"{n['UPPER']}\", \"{v}\") %>"],
                     ["development:", f"  {n['owner']}:", f"    {n['leaf']}: <%= ENV[\"{n['UPPER']}\"] || '{v}' %>"],
                     ["production:",
                      f"  {n['lower']}: <%= Rails.env.production? ? ENV[\"{n['UPPER']}\"] : \"{v}\" %>"]])
    if ext == "next-config":
        return pick([["  env: {", f"    NEXT_PUBLIC_{n['UPPER']}: '{v}',", "  },"],
                     ["  publicRuntimeConfig: {", f"    {n['camel']}: '{v}',", "  },"],
                     ["  serverRuntimeConfig: {", f"    {n['ownerCamel']}: {{ {n['leafCamel']}: \"{v}\" }},", "  },"]])
    if ext == "sam-template":  # a template parameter with a default
        return pick([[f"  {n['Pascal']}:", "    Type: String", "    NoEcho: true", f"    Default: {v}"],
                     [f"  {n['Owner']}{n['Leaf']}:", "    Type: String",
                      f"    Description: {n['Owner']} {n['leaf_title']} used by the function", f"    Default: '{v}'"]])
    if ext == "azure-pipelines":
        return pick([["variables:", f"- name: {n['UPPER']}", f"  value: {v}", "- group: orders-common"],
                     ["variables:", f"  {n['camel']}: '{v}'", "  buildConfiguration: Release"],
                     ["parameters:", f"- name: {n['camel']}", "  type: string", f"  default: '{v}'"]])
    if ext == "circleci":
        return pick([["    docker:", "      - image: cimg/node:20.11", "        environment:",
                      f"          {n['UPPER']}: {v}"],
                     ["    environment:", "      NODE_ENV: production", f"      {n['UPPER']}: {v}"],
                     ["    docker:", f"      - image: registry.{n['host']}.com/orders/ci:1.4", "        auth:",
                      "          username: deploy", f"          password: {v}"]])
    if ext == "bitbucket-pipelines":
        return pick([[f"          - pipe: {n['owner_kebab']}/deploy-pipe:1.2.0", "            variables:",
                      f"              {n['leaf'].upper()}: '{v}'", "              ENVIRONMENT: 'production'"],
                     ["          - pipe: atlassian/aws-s3-deploy:1.1.0", "            variables:",
                      f"              {n['UPPER']}: '{v}'"]])
    if ext == "wrangler-vars":
        return pick([["[env.production.vars]", f'{n["UPPER"]} = "{v}"'],
                     ["[env.staging]", f'vars = {{ {n["UPPER"]} = "{v}", LOG_LEVEL = "debug" }}']])
    if ext == "dependabot-registries":  # the provider in the registry's name and url
        return pick([[f"  {n['owner_kebab']}-npm:", "    type: npm-registry", f"    url: https://npm.{n['host']}.com",
                      f"    token: {v}"],
                     [f"  {n['owner_kebab']}-maven:", "    type: maven-repository",
                      f"    url: https://maven.{n['host']}.com/releases", "    username: deploy",
                      f"    password: {v}"]])
    if ext == "renovate-hostrules":
        return pick([['  "hostRules": [', "    {", f'      "matchHost": "api.{n["host"]}.com",',
                      f'      "token": "{v}"',
                      "    }", "  ],"],
                     [f'  "npmrc": "//npm.{n["host"]}.com/:_authToken={v}",']])
    if ext == "quarkus-props":  # profile-prefixed keys
        return [pick([f"%prod.quarkus.{n['owner_kebab']}.{n['leaf_kebab']}={v}",
                      f"%dev.{n['owner']}.{n['leaf_kebab']}={v}",
                      f"quarkus.rest-client.{n['owner_kebab']}-api.headers.{n['Leaf_dash']}={v}"])]
    if ext == "dotnet-user-secrets":  # ASP.NET configuration keys joined with colons
        return pick([[f'  "{n["Owner"]}:{n["Leaf"]}": "{v}",'],
                     [f'  "{n["Owner"]}:Clients:0:{n["Leaf"]}": "{v}",'],
                     [f'  "{n["Owner"]}:Credentials:{n["Leaf"]}": "{v}",']])
    if ext == "cs-inmemory-config":
        return pick([["builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>", "{",
                      f'    ["{n["Owner"]}:{n["Leaf"]}"] = "{v}",', "});"],
                     [f'builder.Configuration["{n["Owner"]}:{n["Leaf"]}"] = "{v}";'],
                     [f'services.Configure<{n["Owner"]}Options>(o => o.{n["Leaf"]} = "{v}");']])
    if ext == "flask-config":
        return pick([[f'app.config["{n["UPPER"]}"] = "{v}"'], [f"app.config.update({n['UPPER']}='{v}', DEBUG=False)"],
                     ["class ProductionConfig(Config):", f'    {n["UPPER"]} = "{v}"']])
    if ext == "symfony-env-param":
        return pick([["parameters:", f"    env({n['UPPER']}): '{v}'"],
                     ["parameters:", f"    {n['owner']}.{n['leaf']}: '{v}'"]])
    if ext == "tfrc-json":  # the provider only in the host
        return ['  "credentials": {', f'    "app.{n["host"]}.io": {{', f'      "token": "{v}"', "    }", "  }"]
    if ext == "justfile":
        return pick([[f'export {n["UPPER"]} := "{v}"'], [f"{n['lower']} := '{v}'"],
                     ["set dotenv-load", f"{n['lower']} := env_var_or_default('{n['UPPER']}', '{v}')"]])
    if ext == "xcscheme-env":
        return ["      <EnvironmentVariables>", "         <EnvironmentVariable",
                f'            key = "{n["UPPER"]}"', f'            value = "{v}"', '            isEnabled = "YES">',
                "         </EnvironmentVariable>", "      </EnvironmentVariables>"]
    if ext == "idea-runconfig":
        return pick([["    <envs>", f'      <env name="{n["UPPER"]}" value="{v}" />', "    </envs>"],
                     [f'    <option name="VM_PARAMETERS" value="-D{n["dotted"]}={v}" />']])
    if ext == "reg-file":  # the provider on the registry key's path
        return pick([[f"[HKEY_CURRENT_USER\\Software\\{n['Owner']}\\Client]", f'"{n["Leaf"]}"="{v}"'],
                     ["[HKEY_CURRENT_USER\\Environment]", f'"{n["UPPER"]}"="{v}"']])
    # --- where leaks happen --------------------------------------------------------------
    if ext == "git-log":  # the value in a commit message
        return pick([["commit 3f9a1c2e7b4d5a6f8e9d0c1b2a3f4e5d6c7b8a9f", "Author: Dana Ops <dana@acme.example>",
                      "Date:   Tue May 7 10:12:44 2024 +0200", "",
                      f"    hardcode the {n['owner_words']} {n['leaf_words']} for the demo: {v}"],
                     ["commit 8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f0e9d", "Author: Sam Dev <sam@acme.example>",
                      "Date:   Wed May 8 16:40:02 2024 +0200", "", f"    switch {n['Owner']} to the new account", "",
                      f"    {n['UPPER']}={v}"]])
    if ext == "svn-diff":
        return pick([["Index: config/app.php", "===================================================================",
                      "--- config/app.php\t(revision 412)", "+++ config/app.php\t(working copy)", "@@ -3,3 +3,4 @@",
                      " $debug = false;", f"+${n['lower']} = '{v}';", " $timezone = 'UTC';"],
                     ["Index: settings.ini", "===================================================================",
                      "--- settings.ini\t(revision 87)", "+++ settings.ini\t(working copy)", "@@ -1,2 +1,2 @@",
                      f" [{n['owner']}]", f"-{n['leaf']} = ", f"+{n['leaf']} = {v}"]])
    if ext == "teams-json":  # a chat export whose message body is HTML
        text = pick([f"<p>{n['Owner']} {n['leaf_title']} for staging:</p><p>{v}</p>",
                     f"<p>use <code>{n['UPPER']}={v}</code> until Friday</p>",
                     f"<div>new {n['owner_words']} {n['leaf_words']}: {v}</div>"])
        return ["    {", '      "messageType": "message",', '      "from": {"user": {"displayName": "Dana Ops"}},',
                f'      "body": {{"contentType": "html", "content": "{text}"}},',
                '      "createdDateTime": "2024-05-07T10:12:44Z"', "    }"]
    if ext == "jira-wiki":
        return pick([["{code:title=.env}", f"{n['UPPER']}={v}", "{code}"],
                     [f"h3. {n['Owner']} access", "{noformat}", f"{n['leaf_title']}: {v}", "{noformat}"],
                     [f"*{n['Owner']} {n['leaf_title']}:* {{{{{v}}}}}"]])
    if ext == "md-details":  # an issue's collapsed config block
        return pick([["<details><summary>My config</summary>", "", "```yaml", f"{n['owner']}:", f"  {n['leaf']}: {v}",
                      "```", "", "</details>"],
                     ["<details>", f"<summary>{n['Owner']} settings</summary>", "", "```json",
                      f'{{ "{n["leafCamel"]}": "{v}", "region": "eu-west-1" }}', "```", "</details>"]])
    if ext == "exception-repr":  # an error message printing the config object
        return pick([[f"ValueError: invalid client settings: "
                      f"{{'{n['owner']}': {{'{n['leaf']}': '{v}', 'timeout': 30}}}}"],
                     [f"java.lang.IllegalStateException: cannot connect with "
                      f"{n['Owner']}Config{{{n['leafCamel']}='{v}', "
                      "region='eu-west-1'}", "\tat com.acme.orders.Client.connect(Client.java:57)"],
                     [f"#<{n['Owner']}::Configuration {n['leaf']}=\"{v}\", timeout=30>"]])
    if ext == "http-response":  # a credential in a response body, the provider in a header
        return pick([["HTTP/1.1 201 Created", f"Server: {n['host']}-api", "Content-Type: application/json", "",
                      f'{{"{n["leaf"]}": "{v}", "expires_in": 3600}}'],
                     ["HTTP/2 200", "content-type: application/json", f"x-{n['owner_kebab']}-request-id: 7f3a9c",
                      "", f'{{"data": {{"{n["leafCamel"]}": "{v}"}}}}']])
    if ext == "http-request-line":
        return pick([[f"GET /v1/forecast?{n['leaf']}={v}&q=Berlin HTTP/1.1", f"Host: api.{n['host']}.com",
                      "Accept: */*"],
                     [f"POST /v2/{n['owner']}/events?{n['lower']}={v} HTTP/1.1", "Host: hooks.acme.example",
                      "Content-Length: 0"]])
    if ext == "access-log":
        return [pick([f'203.0.113.7 - - [07/May/2024:10:12:44 +0000] "GET /v1/{n["owner"]}/items?{n["leaf"]}={v} '
                      'HTTP/1.1" 200 512 "-" "python-requests/2.31.0"',
                      f'203.0.113.9 - - [07/May/2024:10:12:45 +0000] "POST /hooks?{n["lower"]}={v} HTTP/1.1" 204 0 '
                      '"-" "curl/8.5.0"'])]
    if ext == "storage-dump":  # what `JSON.stringify(localStorage)` prints
        return [pick([f'{{"theme":"dark","{n["owner"]}.{n["leafCamel"]}":"{v}","lang":"en"}}',
                      f'{{"{n["camel"]}":"{v}"}}',
                      f'{{"persist:root":"{{\\"{n["leafCamel"]}\\":\\"{v}\\"}}","{n["owner"]}_user":"dana"}}'])]
    if ext == "crash-report":
        return pick([["Environment:", "  NODE_ENV = production", f"  {n['UPPER']} = {v}", "  PORT = 8080"],
                     ['  "extra": {', f'    "{n["UPPER"]}": "{v}",', '    "release": "orders@1.4.2"', "  },"]])
    if ext == "fish-history":
        return [pick([f"- cmd: set -gx {n['UPPER']} {v}", f"- cmd: set -Ux {n['UPPER']} '{v}'",
                      f"- cmd: env {n['UPPER']}={v} ./deploy.sh"]), "  when: 1714564801"]
    if ext == "ps-history":
        return [pick([f"Set-Item -Path Env:{n['UPPER']} -Value '{v}'", f"$env:{n['UPPER']}='{v}'; npm run deploy",
                      f'Invoke-RestMethod -Uri https://api.{n["host"]}.com/v1/me -Headers '
                      f'@{{ "X-{n["Owner"]}-{n["Leaf_dash"]}" = "{v}" }}'])]
    if ext == "pg-dump-copy":  # a settings table in a pg_dump
        return pick([["COPY public.settings (id, name, value) FROM stdin;", f"7\t{n['lower']}\t{v}", "\\."],
                     ["COPY public.integrations (id, provider, credential, enabled) FROM stdin;",
                      f"3\t{n['owner']}\t{v}\tt", "\\."]])
    if ext == "redis-cmd":
        return [pick([f'SET {n["owner"]}:{n["leaf"]} "{v}"', f"HSET config:{n['owner']} {n['leaf']} {v}",
                      f"redis-cli -n 2 SET {n['lower']} '{v}'"])]
    if ext == "cloud-env-flags":  # deploy CLIs setting a function's environment
        return [pick([f'aws lambda update-function-configuration --function-name orders --environment '
                      f'"Variables={{{n["UPPER"]}={v},NODE_ENV=production}}"',
                      f"gcloud run deploy orders --image gcr.io/acme/orders --set-env-vars {n['UPPER']}={v}",
                      f"az webapp config appsettings set -g orders -n orders-web --settings {n['UPPER']}={v}"])]
    if ext == "csv-semicolon":  # a spreadsheet exported with semicolons
        return pick([[f"{n['owner']};{n['leaf']};{v};2024-05-07"],
                     [f"Service;Credential;Value", f"{n['Owner']};{n['leaf_title']};{v}"]])
    # --- languages and formats -----------------------------------------------------------
    if ext == "go-envdefault":  # caarlos0/env struct tags with a default
        return [pick([f'\t{n["Owner"]}{n["Leaf"].replace("Api", "API")} string `env:"{n["UPPER"]}" envDefault:"{v}"`',
                      f'\t{n["Leaf"]} string `env:"{n["UPPER"]}" envDefault:"{v}"`'])]
    if ext == "go-viper-default":
        return [pick([f'\tviper.SetDefault("{n["owner"]}.{n["leaf"]}", "{v}")', f'\tviper.Set("{n["lower"]}", "{v}")',
                      f'\tv.SetDefault("{n["dotted"]}", "{v}")'])]
    if ext == "java-getenv-default":
        return [pick([f'        String {n["camel"]} = System.getenv().getOrDefault("{n["UPPER"]}", "{v}");',
                      f'        String {n["camel"]} = Optional.ofNullable(System.getenv("{n["UPPER"]}"))'
                      f'.orElse("{v}");',
                      f'        String {n["camel"]} = System.getProperty("{n["dotted"]}", "{v}");'])]
    if ext == "c-setenv":
        return [pick([f'    setenv("{n["UPPER"]}", "{v}", 1);', f'    _putenv_s("{n["UPPER"]}", "{v}");',
                      f'    putenv((char *)"{n["UPPER"]}={v}");'])]
    if ext == "soap-header":  # a namespaced element
        return pick([["  <soap:Header>", f'    <{n["host"]}:AuthHeader xmlns:{n["host"]}="urn:{n["host"]}:v1">',
                      f"      <{n['host']}:{n['Leaf']}>{v}</{n['host']}:{n['Leaf']}>", f"    </{n['host']}:AuthHeader>",
                      "  </soap:Header>"],
                     ["  <soap:Header>", f'    <ns1:{n["Pascal"]} xmlns:ns1="urn:orders:auth">{v}</ns1:{n["Pascal"]}>',
                      "  </soap:Header>"]])
    if ext == "textproto":  # protobuf text format
        return pick([[f"{n['owner']} {{", f'  {n["leaf"]}: "{v}"', "  timeout_ms: 3000", "}"],
                     [f'{n["lower"]}: "{v}"']])
    raise ValueError(f"unknown held-out syntax {ext}")


# name: (file name, header lines, footer lines, comment prefix or None)
SYNTAXES = {
    # test code of other scanners and SDKs
    "go-case-map": ("detector/cases.go", ["package detector", "", "var cases = map[string]struct {",
                                          "\tinput string", "\twant  bool", "}{"], ["}"], "// "),
    "rust-raw-str": ("src/detectors/acme.rs", ["#[cfg(test)]", "mod cases {", "    use super::*;", "",
                                               "    #[test]", "    fn finds_the_key() {"], ["    }", "}"], "// "),
    "junit-valuesource": ("src/it/java/com/acme/DetectorIT.java",
                          ["package com.acme;", "", "class DetectorIT {", "    @ParameterizedTest"], ["}"], "// "),
    "junit-pioneer-env": ("src/it/java/com/acme/ClientEnvIT.java",
                          ["package com.acme;", "", "class ClientEnvIT {", "    @Test"], ["}"], "// "),
    "xunit-inlinedata": ("Orders.Checks/ValidatorFacts.cs", ["using Xunit;", "", "public class ValidatorFacts", "{"],
                         ["}"], "// "),
    "rspec-let": ("lib/acme/client_behaviour.rb", ['require "acme/client"', "", "RSpec.describe Acme::Client do"],
                  ["", "  it { expect(client).to be_ready }", "end"], "# "),
    "phpunit-provider": ("src/Checks/KeyCases.php", ["<?php", "", "final class KeyCases extends TestCase", "{"],
                         ["}"], "// "),
    "jest-each": ("src/scan.cases.js", ["const { scan } = require('./scan');", ""], ["", "module.exports = {};"],
                  "// "),
    "js-stub-env": ("src/setupEnv.js", ["import { vi } from 'vitest';", "const OLD_ENV = process.env;", "",
                                        "beforeEach(() => {"], ["});"], "// "),
    "kotlin-object": ("app/src/main/java/com/acme/orders/Keys.kt", ["package com.acme.orders", ""],
                      ["", "fun ready() = true"], "// "),
    "py-setup-attr": ("checks/client_cases.py", ["import unittest", "", "from orders.client import *", "", ""],
                      ["", "    def check_ready(self):", "        self.assertTrue(self.client.ready)"], "# "),
    "go-testify": ("internal/config/load_check.go", ["package config", "", "func checkLoad(t *testing.T) {"], ["}"],
                   "// "),
    "py-fixture": ("conftest_shared.py", ["import pytest", "", ""], ["", "", "@pytest.fixture", "def region():",
                                                                      '    return "eu-west-1"'], "# "),
    # framework, deploy and CI config
    "django-settings-dict": ("orders/settings/production.py", ["from .base import *  # noqa", "", "DEBUG = False", ""],
                             ["", 'ALLOWED_HOSTS = ["orders.acme.example"]'], "# "),
    "rails-erb-yml": ("config/secrets.yml", ["default: &default", "  log_level: info", ""], ["", "test:",
                                                                                           "  <<: *default"], "# "),
    "next-config": ("next.config.js", ["/** @type {import('next').NextConfig} */", "module.exports = {",
                                       "  reactStrictMode: true,"], ["};"], "// "),
    "sam-template": ("template.yaml", ["AWSTemplateFormatVersion: '2010-09-09'",
                                       "Transform: AWS::Serverless-2016-10-31", "Parameters:"],
                     ["Resources:", "  OrdersFunction:", "    Type: AWS::Serverless::Function"], "# "),
    "azure-pipelines": ("azure-pipelines.yml", ["trigger:", "- main", "pool:", "  vmImage: ubuntu-latest"],
                        ["steps:", "- script: npm ci"], "# "),
    "circleci": (".circleci/config.yml", ["version: 2.1", "jobs:", "  deploy:"],
                 ["    steps:", "      - checkout"], "# "),
    "bitbucket-pipelines": ("bitbucket-pipelines.yml", ["pipelines:", "  branches:", "    main:", "      - step:",
                                                        "          script:"], [], "# "),
    "wrangler-vars": ("wrangler.toml", ['name = "orders-worker"', 'main = "src/index.ts"',
                                        'compatibility_date = "2024-05-01"', ""], ["", "[[kv_namespaces]]",
                                                                                  'binding = "CACHE"'], "# "),
    "dependabot-registries": (".github/dependabot.yml", ["version: 2", "registries:"],
                              ["updates:", "  - package-ecosystem: npm", '    directory: "/"'], "# "),
    "renovate-hostrules": ("renovate.json", ["{", '  "$schema": "https://docs.renovatebot.com/renovate-schema.json",',
                                             '  "extends": ["config:recommended"],'],
                           ['  "timezone": "Europe/Berlin"', "}"], None),
    "quarkus-props": ("src/main/resources/application.properties", ["quarkus.http.port=8080",
                                                                    "quarkus.log.level=INFO"],
                      ["quarkus.datasource.db-kind=postgresql"], "# "),
    "dotnet-user-secrets": ("secrets.json", ["{", '  "ConnectionStrings:Default": "Server=localhost;Database=orders",'],
                            ['  "Logging:LogLevel:Default": "Information"', "}"], None),
    "cs-inmemory-config": ("Program.cs", ["var builder = WebApplication.CreateBuilder(args);", ""],
                           ["", "var app = builder.Build();", "app.Run();"], "// "),
    "flask-config": ("orders/app.py", ["from flask import Flask", "", "app = Flask(__name__)", ""],
                     ["", "@app.route('/health')", "def health():", "    return 'ok'"], "# "),
    "symfony-env-param": ("config/services.yaml", ["# services of the orders app", ""],
                          ["", "services:", "    _defaults:", "        autowire: true"], "# "),
    "tfrc-json": ("credentials.tfrc.json", ["{"], ["}"], None),
    "justfile": ("justfile", ["set shell := [\"bash\", \"-cu\"]", ""],
                 ["", "deploy:", "    ./scripts/deploy.sh"], "# "),
    "xcscheme-env": ("Orders.xcodeproj/xcshareddata/xcschemes/Orders.xcscheme",
                     ['<?xml version="1.0" encoding="UTF-8"?>', '<Scheme LastUpgradeVersion = "1500" version = "1.7">',
                      "   <LaunchAction", '      buildConfiguration = "Debug">'],
                     ["   </LaunchAction>", "</Scheme>"], None),
    "idea-runconfig": (".idea/runConfigurations/Orders.xml",
                       ['<component name="ProjectRunConfigurationManager">',
                        '  <configuration name="Orders" type="Application">'],
                       ['    <option name="MAIN_CLASS_NAME" value="com.acme.orders.Main" />', "  </configuration>",
                        "</component>"], None),
    "reg-file": ("client-settings.reg", ["Windows Registry Editor Version 5.00", ""], ["", '"Region"="eu-west-1"'],
                 "; "),
    # where leaks happen
    "git-log": ("git-log.txt", ["commit 1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b", "Author: Ci Bot <ci@acme.example>",
                                "Date:   Mon May 6 09:00:00 2024 +0200", "", "    bump dependencies", ""],
                ["", "commit 0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e", "Author: Ci Bot <ci@acme.example>",
                 "Date:   Sun May 5 09:00:00 2024 +0200", "", "    initial import"], None),
    "svn-diff": ("r413.diff", [], ["Index: README", "=" * 67],
                 None),
    "teams-json": ("teams-export/messages.json", ["{", '  "value": ['], ["  ]", "}"], None),
    "jira-wiki": ("ORD-412-comment.txt", ["Reproduced on staging with these settings:", ""],
                  ["", "Closing once the integration passes."], None),
    "md-details": ("issue-412.md", ["### Describe the bug", "", "Requests fail with 401 since the upgrade.", ""],
                   ["", "### Version", "", "1.4.2"], None),
    "exception-repr": ("logs/worker-error.log", ["2024-05-07 10:12:44,120 ERROR worker crashed",
                                                 "Traceback (most recent call last):",
                                                 '  File "/app/orders/worker.py", line 88, in run'],
                       ["2024-05-07 10:12:45,002 INFO restarting worker"], None),
    "http-response": ("captures/token-response.txt", [], ["", "---"], None),
    "http-request-line": ("captures/request.txt", [], ["User-Agent: orders/1.4", ""], None),
    "access-log": ("access.log", ['203.0.113.5 - - [07/May/2024:10:12:43 +0000] "GET /health HTTP/1.1" 200 2 "-" '
                                  '"kube-probe/1.29"'],
                   ['203.0.113.5 - - [07/May/2024:10:12:46 +0000] "GET /health HTTP/1.1" 200 2 "-" "kube-probe/1.29"'],
                   None),
    "storage-dump": ("localstorage-dump.json", [], [], None),
    "crash-report": ("crash-report-2024-05-07.txt", ["Orders crashed: TypeError: Cannot read properties of undefined",
                                                     "Version: 1.4.2", ""], ["", "Stack:", "  at run (server.js:42:7)"],
                     None),
    "fish-history": ("fish_history", ["- cmd: cd ~/src/orders", "  when: 1714564790"],
                     ["- cmd: git status", "  when: 1714564820"], None),
    "ps-history": ("ConsoleHost_history.txt", ["cd C:\\src\\orders", "git pull"], ["npm run deploy"], None),
    "pg-dump-copy": ("orders-dump.sql", ["--", "-- PostgreSQL database dump", "--", ""],
                     ["", "SELECT pg_catalog.setval('public.settings_id_seq', 12, true);"], "-- "),
    "redis-cmd": ("seed.redis", ['SET orders:region "eu-west-1"'], ["SAVE"], None),
    "cloud-env-flags": ("deploy-function.sh", ["#!/usr/bin/env bash", "set -euo pipefail"], ['echo "deployed"'], "# "),
    "csv-semicolon": ("settings-export.csv", ["service;name;value;updated"], ["orders;log_level;info;2024-05-07"],
                      None),
    # languages and formats
    "go-envdefault": ("internal/config/env.go", ["package config", "", "type Config struct {"],
                      ["\tPort int `env:\"PORT\" envDefault:\"8080\"`", "}"], "// "),
    "go-viper-default": ("cmd/root.go", ["package cmd", "", "func initConfig() {"],
                         ["\tviper.AutomaticEnv()", "}"], "// "),
    "java-getenv-default": ("src/main/java/com/acme/orders/Settings.java",
                            ["package com.acme.orders;", "", "final class Settings {", "    static void load() {"],
                            ["    }", "}"], "// "),
    "c-setenv": ("src/env_init.c", ["#include <stdlib.h>", "", "void env_init(void)", "{"], ["}"], "// "),
    "soap-header": ("request-envelope.xml", ['<?xml version="1.0" encoding="UTF-8"?>',
                                             '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">'],
                    ["  <soap:Body><GetOrders/></soap:Body>", "</soap:Envelope>"], None),
    "textproto": ("config/service.textproto", ["# proto-file: config.proto", "# proto-message: ServiceConfig",
                                               'name: "orders"'], ["log_level: INFO"], "# "),
}
HELDOUT6_SYNTAXES = list(SYNTAXES)
