"""Third held-out syntax set: written blind; a development set since (rules were fixed against it).

eval/heldout2.py becomes a development set, so this one takes its place as the predictor of how
the pack does on syntaxes it has never seen. It was written and committed before any result
of it was looked at, from how real projects and other scanners' public test cases write
credentials, in forms that neither eval/gen.py, eval/heldout.py nor eval/heldout2.py produce:
detector-test strings (log lines and prose that name the provider in words, an email paste
with the provider in the subject and the value alone below, `curl` with `Authorization:
Token`/`apikey` schemes over continued lines), HTTP captures (raw request dumps, `.http`
REST-client files, Postman collections, HAR files, stack traces that print the request URL,
Slack exports), config formats (Pulumi stack config, serverless.yml `${env:X, 'v'}`,
netlify.toml, Firebase-style JS config objects, Spring `${X:v}` placeholders and `#---`
profiles, `.cargo/config.toml`, `.bazelrc`, Nix, HOCON, Hiera `a::b` keys, Chef attributes,
Kustomize `secretGenerator` literals, Docker `--build-arg`, `helm --set`, Travis `env.global`,
`.env.local` with inline comments, `.envrc` `${X:-v}` defaults, NuGet.Config, Maven
`settings.xml` servers, `.yarnrc.yml`, Composer `auth.json`), languages (Objective-C, Groovy,
Clojure, Haskell, OCaml, Julia, Zig, Nim, Erlang, Kotlin DSL `extra[...]`, C++ `constexpr`,
pydantic/dataclass fields, TypeScript `??` defaults, shell heredocs, SQL `CREATE USER ...
IDENTIFIED BY`, GraphQL variables, Python keyring and basic auth) and documents (Markdown front
matter, AsciiDoc attributes, LaTeX, patch hunks).

Interface as eval/heldout2.py: `render(ext, key, value, rng)` returns the lines holding `value`;
`SYNTAXES` maps each name to (file name, header lines, footer lines, comment prefix or None).
Key names come from the rule metadata as in gen.py; each syntax re-spells the key the way its
language does, some with the provider word on the key itself, some on a parent, a section, a
namespace or a class, some only nearby (a subject line, a host name, a header name).

File names avoid the test path globs (rules/test-paths.toml). The helpers are copied, not
imported from heldout2.py, so that edits there do not move this set.
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
        "Leaf_dash": "-".join(p.capitalize() for p in leaf),
        "leaf_title": " ".join(INITIALISMS.get(p, p) for p in leaf),
        "UPPER": "_".join(allp).upper(), "lower": "_".join(allp), "camel": camel(allp), "Pascal": pascal(allp),
        "kebab": "-".join(allp), "dotted": ".".join(allp), "host": "".join(owner),
    }


def render(ext, key, value, rng):
    """The lines that hold `value` under `key` in held-out syntax `ext` (third set)."""
    n = names(key)
    v = value
    pick = rng.choice
    # --- logs, prose and pastes: how detector tests write them --------------------------
    if ext == "log-prose":  # the provider and the credential in words, the value after a space
        return [pick([f"2024-01-01T00:00:00Z INFO using {n['Owner']} {n['leaf_title']} {v}",
                      f'[DEBUG] {n["owner_words"]} client initialised with {n["leaf_title"]} "{v}"',
                      f"I0501 12:00:01.000000    4121 client.go:88] {n['owner_words']}: authenticating with "
                      f"{n['leaf_title']} {v}",
                      f"WARN  [main] c.a.o.{n['Owner']}Client - falling back to the default {n['leaf_title']}: {v}"])]
    if ext == "prose-colon":
        return [pick([f"Your {n['Owner']} {n['leaf_title']} is: {v}",
                      f"Here is the {n['Owner']} {n['leaf_title']} for the staging account: {v}",
                      f"{n['Owner']} {n['leaf_title']}: {v}",
                      f"The {n['owner_words']} {n['leaf_title']} ({v}) expires at the end of the month."])]
    if ext == "email-paste":  # the provider only in the subject and the sentence, the value alone below
        return [f"Subject: {n['Owner']} {n['leaf_title']} for staging", "Content-Type: text/plain; charset=utf-8", "",
                "Hi all,", "", f"The new {n['owner_words']} {n['leaf_title']} is below, please update your local config:",
                "", pick([f"    {v}", v]), ""]
    if ext == "curl-auth-scheme":  # other Authorization schemes than Bearer, over continued lines
        scheme = pick(["Token ", "Token token=", "apikey ", "Key ", "token "])
        return pick([[f"curl -X POST https://api.{n['host']}.com/v2/events \\", '  -H "Content-Type: application/json" \\',
                      f'  -H "Authorization: {scheme}{v}" \\', "  -d '{\"event\":\"deploy\"}'"],
                     [f"curl --header 'Authorization: {scheme}{v}' 'https://api.{n['host']}.com/v1/me'"]])
    # --- HTTP captures -------------------------------------------------------------------
    if ext == "http-raw":  # a raw request dump: the provider only in the Host header
        auth = pick([f"Authorization: Bearer {v}", f"X-Api-Key: {v}", f"Cookie: _ga=GA1.2.1; {n['lower']}={v}"])
        return ["POST /v1/messages HTTP/1.1", f"Host: api.{n['host']}.com", "User-Agent: orders/1.4", auth,
                "Content-Type: application/json", "Content-Length: 42"]
    if ext == "rest-client":  # VS Code REST Client / JetBrains .http files
        return pick([[f"@baseUrl = https://api.{n['host']}.com/v1", f"@{n['camel']} = {v}", "", "### List orders",
                      "GET {{baseUrl}}/orders", "Authorization: Bearer {{" + n["camel"] + "}}"],
                     [f"### {n['Owner']}: current account", f"GET https://api.{n['host']}.com/v1/account",
                      pick([f"X-API-Key: {v}", f"Authorization: Token {v}"]), "Accept: application/json"]])
    if ext == "postman":  # a Postman collection's request: header, apikey auth or bearer auth
        body = pick([['        "header": [',
                      f'          {{"key": "x-{n["leaf_kebab"]}", "value": "{v}", "type": "text"}}', "        ],"],
                     ['        "auth": {', '          "type": "apikey",', '          "apikey": [',
                      f'            {{"key": "value", "value": "{v}", "type": "string"}},',
                      f'            {{"key": "key", "value": "X-{n["Owner"]}-{n["Leaf"]}", "type": "string"}}',
                      "          ]", "        },"],
                     ['        "auth": {', '          "type": "bearer",',
                      f'          "bearer": [{{"key": "token", "value": "{v}", "type": "string"}}]', "        },"]])
        return body + [f'        "url": "https://api.{n["host"]}.com/v1/orders"']
    if ext == "har":  # a browser's HAR export: the name and the value as sibling fields
        return pick([[f'          "url": "https://api.{n["host"]}.com/v1/orders",', '          "headers": [',
                      '            {"name": "accept", "value": "application/json"},',
                      pick([f'            {{"name": "authorization", "value": "Bearer {v}"}}',
                            f'            {{"name": "x-{n["leaf_kebab"]}", "value": "{v}"}}']),
                      "          ],"],
                     [f'          "url": "https://api.{n["host"]}.com/v1/orders?{n["leaf"]}={v}",',
                      f'          "queryString": [{{"name": "{n["leaf"]}", "value": "{v}"}}],']])
    if ext == "stacktrace-url":  # an error that prints the request, credential included
        return pick([["Traceback (most recent call last):", '  File "/app/orders/client.py", line 42, in fetch',
                      "    resp.raise_for_status()",
                      f"requests.exceptions.HTTPError: 401 Client Error: Unauthorized for url: "
                      f"https://api.{n['host']}.com/v1/items?format=json&{n['leaf']}={v}"],
                     [f"java.io.IOException: Server returned HTTP response code: 403 for URL: "
                      f"https://api.{n['host']}.com/v2/data?{n['leafCamel']}={v}",
                      "\tat sun.net.www.protocol.http.HttpURLConnection.getInputStream0(HttpURLConnection.java:1900)"],
                     ["AxiosError: Request failed with status code 401",
                      "    at settle (/app/node_modules/axios/lib/core/settle.js:19:12) {", "  config: {",
                      f"    url: 'https://api.{n['host']}.com/v1/orders',",
                      f"    headers: {{ Accept: 'application/json', 'x-{n['leaf_kebab']}': '{v}' }}", "  }", "}"]])
    if ext == "slack-export":  # a chat message pasting the credential
        text = pick([f"here's the {n['owner_words']} {n['leaf_title']} for staging: {v}",
                     f"{n['Owner']} {n['leaf_title']} is `{v}`",
                     f"can someone rotate this? {n['lower']}={v}"])
        return ["  {", '    "type": "message",', '    "user": "U04ABCD1234",', f'    "text": "{text}",',
                '    "ts": "1714564801.000200"', "  }"]
    # --- config formats ------------------------------------------------------------------
    if ext == "pulumi-config":  # `namespace:key`: the provider package as the namespace
        return [pick([f"  {n['owner_kebab']}:{n['leafCamel']}: {v}", f"  orders:{n['camel']}: {v}",
                      f'  orders:{n["camel"]}: "{v}"'])]
    if ext == "serverless-env":  # a variable with a default: ${env:X, 'default'}
        return [pick([f"    {n['UPPER']}: ${{env:{n['UPPER']}, '{v}'}}", f'    {n["UPPER"]}: ${{env:{n["UPPER"]}, "{v}"}}',
                      f"    {n['UPPER']}: ${{param:{n['camel']}, '{v}'}}"])]
    if ext == "netlify-toml":
        return pick([["[build.environment]", f'  {n["UPPER"]} = "{v}"'],
                     ["[context.production.environment]", f'  {n["UPPER"]} = "{v}"'],
                     ["[[plugins]]", f'  package = "netlify-plugin-{n["owner_kebab"]}"', "  [plugins.inputs]",
                      f'    {n["leafCamel"]} = "{v}"']])
    if ext == "js-config-obj":  # the provider on the object's name, the credential word as a key
        mid = [f'  baseUrl: "https://api.{n["host"]}.com",']
        val = [f'  {n["leafCamel"]}: "{v}",']
        return [f"const {n['ownerCamel']}Config = {{"] + pick([val + mid, mid + val]) + \
            ['  projectId: "orders-prod",', "};", "", f"export const client = createClient({n['ownerCamel']}Config);"]
    if ext == "spring-placeholder":  # a placeholder's default, or a `#---` profile document
        return pick([[f"{n['owner']}.{n['leaf_kebab']}=${{{n['UPPER']}:{v}}}"],
                     [f"{n['ownerCamel']}.{n['leafCamel']}=${{{n['UPPER']}:{v}}}"],
                     ["#---", "spring.config.activate.on-profile=prod", f"app.{n['owner_kebab']}.{n['leaf_kebab']}={v}"]])
    if ext == "cargo-config":
        return pick([["[env]", f'{n["UPPER"]} = {{ value = "{v}", force = true }}'],
                     [f"[registries.{n['owner_kebab']}]", f'index = "sparse+https://cargo.{n["host"]}.example/index/"',
                      f'token = "{v}"']])
    if ext == "bazelrc":
        return [pick([f"build --action_env={n['UPPER']}={v}", f"test --test_env={n['UPPER']}={v}",
                      f"build:ci --define={n['lower']}={v}"])]
    if ext == "nix":
        return pick([[f'  environment.variables.{n["UPPER"]} = "{v}";'],
                     [f'  services.{n["ownerCamel"]}.{n["leafCamel"]} = "{v}";'],
                     [f"  services.{n['ownerCamel']} = {{", "    enable = true;", f'    {n["leafCamel"]} = "{v}";', "  };"]])
    if ext == "hocon":  # Play/Akka application.conf: a value, then its environment override
        return pick([[f"{n['owner']} {{", f'  base-url = "https://api.{n["host"]}.example"',
                      f'  {n["leaf_kebab"]} = "{v}"', f"  {n['leaf_kebab']} = ${{?{n['UPPER']}}}", "}"],
                     [f"{n['owner']}.{n['leaf_kebab']} = {v}"],
                     [f'{n["owner"]} {{ {n["leaf_kebab"]}: "{v}" }}']])
    if ext == "hiera":  # Puppet class parameters: `profile::provider::key`
        return pick([[f"profile::{n['owner']}::{n['leaf']}: '{v}'"], [f'{n["owner"]}::{n["leaf"]}: "{v}"'],
                     [f"{n['owner']}::config:", f"  {n['leaf']}: {v}"]])
    if ext == "chef-attr":
        return [pick([f"default['{n['owner']}']['{n['leaf']}'] = '{v}'",
                      f"node.default['orders']['{n['owner']}']['{n['leaf']}'] = \"{v}\"",
                      f"override[:{n['owner']}][:{n['leaf']}] = '{v}'"])]
    if ext == "kustomize":  # secretGenerator literals: `key=value` items under the secret's name
        return pick([[f"  - name: {n['owner_kebab']}-credentials", "    literals:", f"      - {n['leaf']}={v}"],
                     [f"  - name: {n['owner_kebab']}", "    type: Opaque", "    literals:", "      - region=eu-west-1",
                      f"      - {n['UPPER']}={v}"]])
    if ext == "docker-build-args":
        return pick([[f"docker build --build-arg {n['UPPER']}={v} -t acme/orders:1.4 ."],
                     ["docker buildx build \\", "  --platform linux/amd64,linux/arm64 \\",
                      f'  --build-arg "{n["UPPER"]}={v}" \\', "  -t acme/orders:1.4 --push ."],
                     [f"docker build -t acme/orders:1.4 --build-arg {n['lower']}='{v}' ."]])
    if ext == "helm-set":
        return pick([[f"helm upgrade --install orders ./charts/orders --set {n['ownerCamel']}.{n['leafCamel']}={v}"],
                     ["helm install orders acme/orders \\", "  --namespace prod \\",
                      f"  --set-string {n['ownerCamel']}.{n['leafCamel']}='{v}' \\", "  --wait"],
                     [f'helm upgrade orders ./chart --set env.{n["UPPER"]}="{v}" --atomic']])
    if ext == "travis-env":  # env.global items, several assignments on one line
        return [pick([f"    - {n['UPPER']}={v} NODE_ENV=production", f'    - NODE_ENV=production {n["UPPER"]}="{v}"',
                      f"    - {n['UPPER']}={v}"])]
    if ext == "dotenv-comment":  # .env.local: quotes, `export` and a comment after the value
        return [pick([f'{n["UPPER"]}="{v}" # rotated 2024-05', f"export {n['UPPER']}='{v}'  # staging key",
                      f"{n['UPPER']}={v}  # from the {n['Owner']} dashboard", f'{n["UPPER"]} = "{v}"'])]
    if ext == "sh-default":  # direnv .envrc: a shell default expansion
        return [pick([f'export {n["UPPER"]}="${{{n["UPPER"]}:-{v}}}"', f': "${{{n["UPPER"]}:={v}}}"',
                      f"export {n['UPPER']}=${{{n['UPPER']}-{v}}}"])]
    if ext == "nuget-config":  # packageSourceCredentials: the source's name as the element
        return [f'    <add key="{n["Owner"]}" value="https://pkgs.{n["host"]}.example/nuget/v3/index.json" />',
                "  </packageSources>", "  <packageSourceCredentials>", f"    <{n['Owner']}>",
                '      <add key="Username" value="deploy" />', f'      <add key="ClearTextPassword" value="{v}" />',
                f"    </{n['Owner']}>", "  </packageSourceCredentials>"]
    if ext == "maven-server":  # settings.xml: the provider in the server id
        return pick([["    <server>", f"      <id>{n['owner_kebab']}-releases</id>", "      <username>deploy</username>",
                      f"      <password>{v}</password>", "    </server>"],
                     ["    <server>", f"      <id>{n['owner_kebab']}</id>", "      <configuration>", "        <httpHeaders>",
                      "          <property>", "            <name>Private-Token</name>", f"            <value>{v}</value>",
                      "          </property>", "        </httpHeaders>", "      </configuration>", "    </server>"]])
    if ext == "yarnrc":
        return pick([["npmScopes:", f"  {n['owner_kebab']}:", f'    npmRegistryServer: "https://npm.{n["host"]}.example"',
                      f"    npmAuthToken: {v}"],
                     ["npmRegistries:", f'  "https://{n["host"]}.jfrog.io/artifactory/api/npm/npm-local":',
                      "    npmAlwaysAuth: true", f'    npmAuthToken: "{v}"']])
    if ext == "composer-auth":  # auth.json: the provider only in the host name
        return pick([['  "http-basic": {', f'    "repo.{n["host"]}.com": {{', '      "username": "deploy",',
                      f'      "password": "{v}"', "    }", "  },"],
                     ['  "bearer": {', f'    "packages.{n["host"]}.example": "{v}"', "  },"]])
    # --- languages -----------------------------------------------------------------------
    if ext == "objc":
        return [pick([f'NSString *const k{n["Pascal"]} = @"{v}";',
                      f'static NSString * const {n["Owner"]}{n["Leaf"]} = @"{v}";',
                      f'static void Configure(void) {{ [[{n["Owner"]}Client sharedClient] configureWith{n["Leaf"]}:@"{v}"]; }}'])]
    if ext == "groovy":
        return pick([[f"def {n['camel']} = '{v}'"], [f'static final String {n["UPPER"]} = "{v}"'],
                     [f"{n['ownerCamel']} {{", f"    {n['leafCamel']} = '{v}'", "}"],
                     [f"def {n['ownerCamel']}Config = [{n['leafCamel']}: '{v}', timeout: 30]"]])
    if ext == "clojure":
        return pick([[f'(def {n["kebab"]} "{v}")'],
                     ["(def config", f'  {{:{n["owner_kebab"]} {{:{n["leaf_kebab"]} "{v}"', "    :timeout 30}})"],
                     [f'(def config {{:{n["owner_kebab"]}/{n["leaf_kebab"]} "{v}"}})']])
    if ext == "haskell":
        return pick([[f"{n['camel']} :: Text", f'{n["camel"]} = "{v}"'],
                     [f"{n['ownerCamel']}Settings :: {n['Owner']}Settings", f"{n['ownerCamel']}Settings = {n['Owner']}Settings",
                      f'  {{ {n["leafCamel"]} = "{v}"', "  , timeout = 30", "  }"]])
    if ext == "ocaml":
        return [pick([f'let {n["lower"]} = "{v}"', f'let config = {{ {n["lower"]} = "{v}"; timeout = 30 }}',
                      f'let client = {n["Owner"]}.Client.create ~{n["leaf"]}:"{v}" ()'])]
    if ext == "julia":
        return [pick([f'const {n["UPPER"]} = "{v}"', f'{n["lower"]} = get(ENV, "{n["UPPER"]}", "{v}")',
                      f'ENV["{n["UPPER"]}"] = "{v}"'])]
    if ext == "zig":
        return [pick([f'const {n["lower"]}: []const u8 = "{v}";', f'pub const {n["camel"]} = "{v}";',
                      f'const {n["owner"]}_config = Config{{ .{n["leaf"]} = "{v}", .timeout_ms = 3000 }};'])]
    if ext == "nim":
        return [pick([f'const {n["camel"]}* = "{v}"', f'let {n["camel"]} = getEnv("{n["UPPER"]}", "{v}")',
                      f'putEnv("{n["UPPER"]}", "{v}")'])]
    if ext == "erlang":  # sys.config: the provider as the application, the credential word as the key
        return pick([[" {" + n["owner"] + ", [{" + n["leaf"] + ', "' + v + '"},', "   {timeout, 30000}]},"],
                     [" {orders, [{" + n["lower"] + ', <<"' + v + '">>}]},']])
    if ext == "kts-extra":  # Gradle Kotlin DSL
        return [pick([f'extra["{n["camel"]}"] = "{v}"', f'val {n["camel"]} by extra("{v}")',
                      f'val {n["camel"]} = System.getenv("{n["UPPER"]}") ?: "{v}"',
                      f'val {n["camel"]}: String = providers.gradleProperty("{n["camel"]}").getOrElse("{v}")'])]
    if ext == "cpp-constexpr":
        return [pick([f'constexpr char k{n["Pascal"]}[] = "{v}";',
                      f'inline constexpr std::string_view k{n["Pascal"]}{{"{v}"}};',
                      f'static const std::string {n["lower"]} = "{v}";',
                      f'namespace {n["owner"]} {{ constexpr auto k{n["Leaf"]} = "{v}"; }}'])]
    if ext == "py-pydantic":  # the provider on the settings class, the credential word as the field
        return pick([[f"class {n['Owner']}Settings(BaseSettings):", f'    {n["leaf"]}: SecretStr = Field(default="{v}")',
                      "    timeout: int = 30"],
                     ["@dataclass", f"class {n['Owner']}Config:", f'    {n["leaf"]}: str = "{v}"', "    timeout: int = 30"],
                     ["class Settings(BaseSettings):", f'    {n["lower"]}: str = Field("{v}", env="{n["UPPER"]}")']])
    if ext == "ts-nullish":  # an environment variable with a literal fallback (Node, Deno, Bun)
        return [pick([f'export const {n["camel"]} = process.env.{n["UPPER"]} ?? "{v}";',
                      f"const {n['camel']} = process.env[\"{n['UPPER']}\"] || '{v}';",
                      f'const {n["camel"]} = Deno.env.get("{n["UPPER"]}") ?? "{v}";',
                      f"export const {n['camel']} = Bun.env.{n['UPPER']} ?? '{v}';"])]
    if ext == "sh-heredoc":
        return pick([[f"read -r -d '' {n['UPPER']} <<'EOF' || true", v, "EOF", f"export {n['UPPER']}"],
                     [f"mkdir -p ~/.config/{n['owner_kebab']}", f"cat > ~/.config/{n['owner_kebab']}/credentials <<EOF",
                      f"{n['leaf']} = {v}", "EOF"],
                     [f"{n['UPPER']}=$(cat <<'EOF'", v, "EOF", ")"]])
    if ext == "sql-create-user":  # a service account named for the provider
        return [pick([f"CREATE USER {n['owner']}_svc IDENTIFIED BY '{v}';",
                      f"ALTER USER {n['owner']}_app WITH PASSWORD '{v}';",
                      f"CREATE USER '{n['owner']}'@'%' IDENTIFIED BY '{v}';",
                      f"CREATE USER MAPPING FOR orders SERVER {n['owner']}_srv OPTIONS (user 'deploy', password '{v}');"])]
    if ext == "graphql-vars":  # the provider as a sibling value, the credential word as the key
        prov = f'      "provider": "{n["OWNER"]}"'
        val = f'      "{n["leafCamel"]}": "{v}"'
        return ['  "variables": {', '    "input": {'] + pick([[prov + ",", val], [val + ",", prov]]) + ["    }", "  }"]
    if ext == "py-keyring":  # the secret as a positional argument, the provider as the service name
        return pick([[f'keyring.set_password("{n["owner_kebab"]}", "deploy", "{v}")'],
                     [f'resp = requests.get("https://api.{n["host"]}.com/v1/me", auth=HTTPBasicAuth("deploy", "{v}"))'],
                     ["session = requests.Session()", f'session.auth = ("{n["owner"]}", "{v}")']])
    # --- documents -----------------------------------------------------------------------
    if ext == "front-matter":  # YAML front matter of a Markdown page
        return pick([[f"{n['lower']}: {v}"], ["params:", f"  {n['ownerCamel']}:", f'    {n["leafCamel"]}: "{v}"']])
    if ext == "asciidoc-attr":
        return [pick([f":{n['kebab']}: {v}", f"{n['Owner']} {n['leaf_title']}:: {v}"])]
    if ext == "latex":
        return [pick([f"\\newcommand{{\\{n['camel']}}}{{{v}}}", f"\\def\\{n['camel']}{{{v}}}",
                      f"The {n['Owner']} {n['leaf_title']} for the demo is \\texttt{{{v}}}."])]
    if ext == "diff-hunk":  # a patch adding the credential
        return pick([["diff --git a/.env b/.env", "--- a/.env", "+++ b/.env", "@@ -1,3 +1,3 @@", " APP_ENV=production",
                      f"-{n['UPPER']}=", f"+{n['UPPER']}={v}", " LOG_LEVEL=info"],
                     ["diff --git a/config/settings.js b/config/settings.js", "--- a/config/settings.js",
                      "+++ b/config/settings.js", "@@ -10,6 +10,7 @@ module.exports = {", f"   {n['ownerCamel']}: {{",
                      f"+    {n['leafCamel']}: '{v}',", "     timeout: 30,", "   },"],
                     ["diff --git a/values.yaml b/values.yaml", "--- a/values.yaml", "+++ b/values.yaml", "@@ -4,4 +4,4 @@",
                      f" {n['ownerCamel']}:", f"-  {n['leafCamel']}: changeme", f"+  {n['leafCamel']}: {v}",
                      "   enabled: true"]])
    raise ValueError(f"unknown held-out syntax {ext}")


# name: (file name, header lines, footer lines, comment prefix or None)
SYNTAXES = {
    # logs, prose and pastes
    "log-prose": ("worker.log", ["2024-01-01T00:00:00Z INFO starting worker pid=4121"],
                  ["2024-01-01T00:00:02Z INFO ready"], None),
    "prose-colon": ("handover.txt", ["Handover notes for the orders team", ""], ["", "Ping #ops if anything breaks."],
                    None),
    "email-paste": ("message.eml", ["From: Ops <ops@acme.example>", "To: dev-team@acme.example",
                                    "Date: Wed, 1 May 2024 12:00:00 +0000"], ["Thanks,", "Sam"], None),
    "curl-auth-scheme": ("call-api.sh", ["#!/bin/sh", "set -e"], ['echo "sent"'], "# "),
    # HTTP captures
    "http-raw": ("replay.txt", [], ["", '{"channel":"orders","text":"deploy finished"}'], None),
    "rest-client": ("api.http", [], ["", "###", "GET https://status.acme.example/health"], "# "),
    "postman": ("orders.postman_collection.json",
                ["{", '  "info": {', '    "name": "Orders API",',
                 '    "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"', "  },",
                 '  "item": [', "    {", '      "name": "List orders",', '      "request": {', '        "method": "GET",'],
                ["      }", "    }", "  ]", "}"], None),
    "har": ("session.har", ["{", '  "log": {', '    "version": "1.2",',
                            '    "creator": {"name": "WebInspector", "version": "537.36"},', '    "entries": [', "      {",
                            '        "startedDateTime": "2024-05-01T12:00:00.000Z",', '        "request": {',
                            '          "method": "GET",'],
            ['          "httpVersion": "HTTP/2"', "        }", "      }", "    ]", "  }", "}"], None),
    "stacktrace-url": ("traceback.txt", ["2024-05-01T12:00:03Z ERROR unhandled exception in worker"], [""], None),
    "slack-export": ("general/2024-05-01.json", ["["], ["]"], None),
    # config formats
    "pulumi-config": ("Pulumi.prod.yaml", ["config:", "  aws:region: eu-west-1"], ["  orders:replicas: 3"], "# "),
    "serverless-env": ("serverless.yml", ["service: orders", "frameworkVersion: '3'", "provider:", "  name: aws",
                                          "  runtime: nodejs18.x", "  environment:", "    STAGE: ${sls:stage}"],
                       ["functions:", "  api:", "    handler: handler.api"], "# "),
    "netlify-toml": ("netlify.toml", ["[build]", '  command = "npm run build"', '  publish = "dist"', ""],
                     ["", "[[redirects]]", '  from = "/api/*"', '  to = "/.netlify/functions/:splat"', "  status = 200"],
                     "# "),
    "js-config-obj": ("firebase.js", ["import { createClient } from './client';", ""], [], "// "),
    "spring-placeholder": ("bootstrap.properties", ["spring.application.name=orders", "spring.profiles.active=prod"],
                           ["management.server.port=9090"], "# "),
    "cargo-config": (".cargo/config.toml", ["[build]", 'rustflags = ["-C", "target-cpu=native"]', ""],
                     ["", "[net]", "git-fetch-with-cli = true"], "# "),
    "bazelrc": (".bazelrc", ["build --enable_platform_specific_config", "common --experimental_repository_cache_hardlinks"],
                ["try-import %workspace%/user.bazelrc"], "# "),
    "nix": ("configuration.nix", ["{ config, pkgs, ... }:", "", "{", "  networking.hostName = \"orders\";"], ["}"], "# "),
    "hocon": ("application.conf", ['akka.loglevel = "INFO"', ""], ["", "http.port = 9000"], "# "),
    "hiera": ("hieradata/common.yaml", ["---", "profile::base::ntp_servers:", "  - 0.pool.ntp.org"],
              ["profile::base::timezone: UTC"], "# "),
    "chef-attr": ("attributes/default.rb", ["default['orders']['port'] = 8080"], ["default['orders']['workers'] = 4"],
                  "# "),
    "kustomize": ("kustomization.yaml", ["apiVersion: kustomize.config.k8s.io/v1beta1", "kind: Kustomization",
                                         "resources:", "  - deployment.yaml", "secretGenerator:"],
                  ["generatorOptions:", "  disableNameSuffixHash: true"], "# "),
    "docker-build-args": ("build.sh", ["#!/usr/bin/env bash", "set -euo pipefail"], ['echo "built"'], "# "),
    "helm-set": ("install.sh", ["#!/usr/bin/env bash", "set -euo pipefail"], ['echo "installed"'], "# "),
    "travis-env": (".travis.yml", ["language: node_js", "node_js:", "  - 20", "env:", "  global:"],
                   ["script:", "  - npm run build"], "# "),
    "dotenv-comment": (".env.local", ["# local overrides, not committed", "NODE_ENV=development"], ["PORT=3000"], "# "),
    "sh-default": (".envrc", ["# direnv", "use nix"], ["dotenv_if_exists .env.local"], "# "),
    "nuget-config": ("NuGet.Config", ['<?xml version="1.0" encoding="utf-8"?>', "<configuration>", "  <packageSources>",
                                      '    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />'],
                     ["</configuration>"], None),
    "maven-server": (".m2/settings.xml", ['<settings xmlns="http://maven.apache.org/SETTINGS/1.0.0">', "  <servers>"],
                     ["  </servers>", "</settings>"], None),
    "yarnrc": (".yarnrc.yml", ["nodeLinker: node-modules", ""], ["", "yarnPath: .yarn/releases/yarn-4.1.1.cjs"], "# "),
    "composer-auth": ("auth.json", ["{"], ['  "gitlab-domains": ["gitlab.com"]', "}"], None),
    # languages
    "objc": ("AppConstants.m", ['#import "AppConstants.h"', ""], ["", "@implementation AppConstants", "@end"], "// "),
    "groovy": ("Config.groovy", ["package acme.orders", ""], ["", "println 'loaded'"], "// "),
    "clojure": ("config.clj", ["(ns orders.config)", ""], ["", "(def timeout-ms 3000)"], ";; "),
    "haskell": ("Config.hs", ["module Config where", "", "import Data.Text (Text)", ""], ["", "timeout :: Int",
                                                                                       "timeout = 30"], "-- "),
    "ocaml": ("config.ml", ["open Printf", ""], ["", 'let () = printf "ready\\n"'], None),
    "julia": ("config.jl", ["using HTTP", ""], ["", "const TIMEOUT = 30"], "# "),
    "zig": ("config.zig", ['const std = @import("std");', ""], ["", "pub const timeout_ms = 3000;"], "// "),
    "nim": ("config.nim", ["import os", ""], ["", "const timeoutMs = 3000"], "# "),
    "erlang": ("sys.config", ["[", " {kernel, [{logger_level, info}]},"], [" {sasl, [{errlog_type, error}]}", "]."], "% "),
    "kts-extra": ("build.gradle.kts", ["plugins {", '    kotlin("jvm") version "1.9.24"', "}", ""],
                  ["", "repositories {", "    mavenCentral()", "}"], "// "),
    "cpp-constexpr": ("config.hpp", ["#pragma once", "", "#include <string>", "#include <string_view>", "",
                                     "namespace acme::config {"], ["}  // namespace acme::config"], "// "),
    "py-pydantic": ("config.py", ["from dataclasses import dataclass", "", "from pydantic import Field, SecretStr",
                                  "from pydantic_settings import BaseSettings", ""], ["", "settings = None"], "# "),
    "ts-nullish": ("env.ts", ["import 'dotenv/config';", ""], ["", "export const timeoutMs = 3000;"], "// "),
    "sh-heredoc": ("setup.sh", ["#!/usr/bin/env bash", "set -euo pipefail"], ['echo "ok"'], "# "),
    "sql-create-user": ("users.sql", ["-- service accounts", ""], ["", "GRANT SELECT ON orders TO reporting;"], "-- "),
    "graphql-vars": ("connect.json", ["{", '  "operationName": "ConnectIntegration",',
                                      '  "query": "mutation ConnectIntegration($input: IntegrationInput!) '
                                      '{ connectIntegration(input: $input) { id } }",'], ["}"], None),
    "py-keyring": ("store_credentials.py", ["import keyring", "import requests", "from requests.auth import HTTPBasicAuth",
                                            ""], ["", 'print("stored")'], "# "),
    # documents
    "front-matter": ("content/posts/launch.md", ["---", "title: Launch notes", "date: 2024-05-01"],
                     ["---", "", "We shipped the orders service today."], None),
    "asciidoc-attr": ("README.adoc", ["= Orders service", ":toc:", ""], ["", "== Usage", "", "Run `make deploy`."], "// "),
    "latex": ("main.tex", ["\\documentclass{article}", "\\usepackage{hyperref}"],
              ["\\begin{document}", "\\section{Setup}", "\\end{document}"], "% "),
    "diff-hunk": ("add-credentials.patch", ["From 3f2a9c1 Mon Sep 17 00:00:00 2001", "From: Sam <sam@acme.example>",
                                            "Subject: [PATCH] config: add the credentials", "---"],
                  ["-- ", "2.43.0"], None),
}
HELDOUT3_SYNTAXES = list(SYNTAXES)
