"""Fourth held-out syntax set: written blind; a development set since the fourth session.

eval/heldout2.py is a development set now and eval/heldout3.py is being used to fix rules, so
this one takes their place as the predictor of how the pack does on syntaxes it has never seen.
It was written and committed before any result of it was looked at, from how real projects,
operators' captures and other scanners' public test cases write credentials, in forms that
none of eval/gen.py, eval/heldout.py, eval/heldout2.py and eval/heldout3.py produce:
program output (structured JSON log lines, shell history, `kubectl describe` and
`docker inspect` output, `terraform plan`, a GitHub Actions run log printing its `env:`, an
IRC log with the value on the line after the message naming the provider, an issue comment
quoting a config), server and host config (supervisord `environment=`, nginx
`proxy_set_header`/`set`, Apache `SetEnv`/`RequestHeader`, php-fpm `env[X]`, uWSGI `env =`,
crontab, `.pgpass`, kubeconfig users, `.gitconfig` `extraHeader`, Bundler's
`BUNDLE_HOST__COM`, Ansible INI inventory host variables), app and deploy manifests (Heroku
`app.json` env objects, OpenAPI header parameter examples, a ConfigMap embedding JSON or
properties in a block scalar, Workflow `${{ secrets.X || 'v' }}` fallbacks, CDK/Pulumi
TypeScript providers and `unsafePlainText`, Vagrant provisioner env), CLI one-liners (a value
piped into `wrangler secret put`/`docker secret create`/`gcloud secrets create`; `npm config
set`, `poetry config`, `git config`), data formats (VS Code JSONC dotted settings, TOML inline
tables, YAML flow mappings, Java XML properties, Jsonnet, CUE, Dhall, MongoDB shell, SQL
`INSERT ... VALUES`, Spring XML beans), languages (Go `flag`/cobra defaults, Python
argparse/click defaults, Rust clap `default_value` and struct literals, Java builders, C#
options lambdas, VB.NET, Tcl, MATLAB, PowerShell splatting and header hashtables, C designated
initialisers, sbt credentials, Emacs Lisp, IPython `%env`) and documents (reStructuredText code
blocks and field lists, Org-mode source blocks).

Interface as eval/heldout2.py: `render(ext, key, value, rng)` returns the lines holding `value`;
`SYNTAXES` maps each name to (file name, header lines, footer lines, comment prefix or None).
Key names come from the rule metadata as in gen.py; each syntax re-spells the key the way its
language does, some with the provider word on the key itself, some on a parent, a section, a
class, a host or an image name, some only nearby (a message, a help string, a realm).

File names avoid the test path globs (rules/test-paths.toml). The helpers are copied, not
imported from heldout2.py or heldout3.py, so that edits there do not move this set.
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
    """The lines that hold `value` under `key` in held-out syntax `ext` (fourth set)."""
    n = names(key)
    v = value
    pick = rng.choice
    # --- program output, logs and pastes -------------------------------------------------
    if ext == "json-log":  # a structured log line: the provider in the logger or the message
        return [pick([f'{{"ts":"2024-05-01T12:00:01.204Z","level":"debug","logger":"{n["owner"]}.client",'
                      f'"msg":"client configured","{n["leaf"]}":"{v}"}}',
                      f'{{"time":"2024-05-01T12:00:01Z","level":"INFO","msg":"loaded config",'
                      f'"config":{{"{n["camel"]}":"{v}","timeout":30}}}}',
                      f'{{"@timestamp":"2024-05-01T12:00:01Z","log.level":"debug",'
                      f'"message":"using {n["Owner"]} {n["leaf_title"]} {v}"}}'])]
    if ext == "shell-history":  # zsh extended history and bash history
        return [pick([f": 1714564801:0;export {n['UPPER']}={v}", f": 1714564802:0;{n['UPPER']}={v} npm run deploy",
                      f"echo '{n['UPPER']}={v}' >> .env", f'export {n["UPPER"]}="{v}"'])]
    if ext == "kubectl-describe":  # the container's environment as `kubectl describe pod` prints it
        return pick([["    Environment:", "      NODE_ENV:          production", f"      {n['UPPER']}:  {v}"],
                     ["    Environment:", f"      {n['UPPER']}:  {v}",
                      "      POD_NAME:          orders-7d9f8b6c5-x2x7q (v1:metadata.name)"]])
    if ext == "docker-inspect":  # `docker inspect`: the environment as "K=V" strings
        return ['            "Env": [', f'                "{n["UPPER"]}={v}",',
                '                "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"', "            ],"]
    if ext == "tf-plan":  # `terraform plan` output: the provider as the resource type's prefix
        return pick([[f'  # {n["owner"]}_integration.orders will be created',
                      f'  + resource "{n["owner"]}_integration" "orders" {{', '      + id   = (known after apply)',
                      f'      + {n["leaf"]} = "{v}"', '      + name = "orders"', "    }"],
                     ['  # module.orders.kubernetes_secret.app will be updated in-place',
                      '  ~ resource "kubernetes_secret" "app" {', "      ~ data = {",
                      f'          + "{n["UPPER"]}" = "{v}"', "        }", "    }"]])
    if ext == "gha-log":  # a GitHub Actions run log printing the step's env block
        ts = "2024-05-01T12:00:01.1234567Z"
        return [f"{ts} ##[group]Run ./scripts/deploy.sh", f"{ts} ./scripts/deploy.sh",
                f"{ts} shell: /usr/bin/bash -e {{0}}", f"{ts} env:", f"{ts}   NODE_VERSION: 20",
                f"{ts}   {n['UPPER']}: {v}", f"{ts} ##[endgroup]"]
    if ext == "irc-log":  # the provider in one message, the value alone in the next
        return pick([[f"[12:01] <sam> here's the {n['owner_words']} {n['leaf_title']} for staging",
                      f"[12:01] <sam> {v}", "[12:02] <kim> thanks"],
                     [f"[12:01] <sam> {n['lower']} is {v}", "[12:02] <kim> thanks, rotating it tomorrow"]])
    if ext == "issue-quote":  # an issue comment quoting the reporter's config
        return pick([[f"> I set `{n['UPPER']}` like this and still get a 401:", ">", "> ```", f"> {n['UPPER']}={v}",
                      "> ```"],
                     [f"> {n['Owner']} {n['leaf_title']}: {v}", ">", "> is this the right format?"]])
    # --- server and host config ----------------------------------------------------------
    if ext == "supervisord":
        return [pick([f'environment={n["UPPER"]}="{v}",NODE_ENV="production"',
                      f"environment=NODE_ENV=production,{n['UPPER']}={v}"])]
    if ext == "nginx-conf":  # the upstream named for the provider, the credential in a header
        return pick([[f"    location /{n['owner_kebab']}/ {{", f"        proxy_pass https://api.{n['host']}.com/;",
                      f'        proxy_set_header X-{n["Owner"]}-{n["Leaf_dash"]} "{v}";', "    }"],
                     [f"    location /{n['owner_kebab']}/ {{", f"        proxy_pass https://api.{n['host']}.com/;",
                      f'        proxy_set_header Authorization "Bearer {v}";', "    }"],
                     [f'    set ${n["lower"]} "{v}";']])
    if ext == "apache-setenv":
        return [pick([f"SetEnv {n['UPPER']} {v}", f'SetEnv {n["UPPER"]} "{v}"',
                      f'RequestHeader set X-{n["Owner"]}-{n["Leaf_dash"]} "{v}"'])]
    if ext == "php-fpm-pool":
        return [pick([f"env[{n['UPPER']}] = {v}", f'env[{n["UPPER"]}] = "{v}"'])]
    if ext == "uwsgi-ini":
        return [pick([f"env = {n['UPPER']}={v}", f"env={n['UPPER']}={v}"])]
    if ext == "crontab":
        return [pick([f"*/15 * * * * {n['UPPER']}={v} /usr/local/bin/sync-orders",
                      f"{n['UPPER']}={v}",
                      f'0 3 * * * curl -fsS -H "X-{n["Owner"]}-{n["Leaf_dash"]}: {v}" '
                      f"https://api.{n['host']}.com/v1/ping > /dev/null"])]
    if ext == "pgpass":  # hostname:port:database:username:password
        return [pick([f"db.{n['host']}.com:5432:orders:deploy:{v}", f"*:*:*:{n['owner']}:{v}"])]
    if ext == "kubeconfig":  # the provider on the user's and the cluster's name
        return pick([["users:", f"- name: {n['owner_kebab']}-prod", "  user:", f"    token: {v}"],
                     ["users:", f"- name: {n['owner_kebab']}", "  user:", "    username: deploy", f"    password: {v}"]])
    if ext == "gitconfig-header":
        return pick([[f'[http "https://git.{n["host"]}.com/"]', f"\textraHeader = Authorization: Bearer {v}"],
                     [f"[{n['owner']}]", "\tuser = deploy", f"\t{n['leaf']} = {v}"]])
    if ext == "bundle-config":  # Bundler: the gem server's host as the variable name
        return [pick([f'BUNDLE_GEMS__{n["OWNER"].replace("_", "")}__COM: "deploy:{v}"',
                      f'BUNDLE_{n["OWNER"].replace("_", "")}__JFROG__IO: "{v}"'])]
    if ext == "ansible-inventory":  # INI inventory: host variables on the host's line
        return [pick([f"web1 ansible_host=10.0.0.5 {n['lower']}={v}",
                      f"web2 ansible_host=10.0.0.6 ansible_user=deploy {n['lower']}='{v}'"])]
    # --- app and deploy manifests --------------------------------------------------------
    if ext == "heroku-app-json":  # app.json: each variable an object with a value
        return pick([[f'    "{n["UPPER"]}": {{', f'      "description": "{n["Owner"]} {n["leaf_title"]}",',
                      f'      "value": "{v}"', "    },"],
                     [f'    "{n["UPPER"]}": {{"value": "{v}", "required": true}},']])
    if ext == "openapi-example":  # a header parameter's example value
        return ["      servers:", f"        - url: https://api.{n['host']}.com/v1", "      parameters:",
                f"        - name: X-{n['Owner']}-{n['Leaf_dash']}", "          in: header", "          required: true",
                "          schema:", "            type: string", f"          example: {v}"]
    if ext == "configmap-embedded":  # a config file inside a block scalar
        return pick([["  config.json: |", "    {", f'      "{n["ownerCamel"]}": {{', f'        "{n["leafCamel"]}": "{v}"',
                      "      }", "    }"],
                     ["  application.properties: |", "    server.port=8080", f"    {n['owner']}.{n['leaf_kebab']}={v}"]])
    if ext == "gha-expr-default":  # a workflow expression falling back to a literal
        return ["        env:", f"          {n['UPPER']}: " + "${{ secrets." + n["UPPER"] + " || '" + v + "' }}"]
    if ext == "iac-ts":  # CDK and Pulumi in TypeScript
        return pick([[f"const {n['camel']} = new secretsmanager.Secret(this, '{n['Pascal']}', {{",
                      f"  secretStringValue: SecretValue.unsafePlainText('{v}'),", "});"],
                     [f'const provider = new {n["ownerCamel"]}.Provider("{n["owner_kebab"]}", {{',
                      f'  {n["leafCamel"]}: "{v}",', "});"]])
    if ext == "vagrant-env":
        return [pick([f'  config.vm.provision "shell", path: "bootstrap.sh", env: {{ "{n["UPPER"]}" => "{v}" }}',
                      f"  config.vm.provision :shell, inline: \"echo 'export {n['UPPER']}={v}' >> /etc/profile\""])]
    # --- CLI one-liners ------------------------------------------------------------------
    if ext == "pipe-secret-put":  # the value piped into a command that stores it
        return [pick([f'echo -n "{v}" | npx wrangler secret put {n["UPPER"]}',
                      f"printf '%s' '{v}' | docker secret create {n['lower']} -",
                      f'echo "{v}" | gcloud secrets create {n["kebab"]} --data-file=-',
                      f"echo {v} | vercel env add {n['UPPER']} production"])]
    if ext == "cli-config-set":
        return [pick([f"npm config set //npm.{n['host']}.com/:_authToken {v}",
                      f"poetry config http-basic.{n['owner_kebab']} deploy {v}",
                      f"git config --global {n['owner']}.{n['leafCamel']} {v}",
                      f"composer config --global --auth http-basic.repo.{n['host']}.com deploy {v}"])]
    # --- data formats --------------------------------------------------------------------
    if ext == "vscode-settings":  # JSONC: an extension's dotted setting, comments, a trailing comma
        return pick([[f"  // {n['Owner']}", f'  "{n["ownerCamel"]}.{n["leafCamel"]}": "{v}",'],
                     [f'  "{n["owner_kebab"]}.{n["leafCamel"]}": "{v}",  // from the dashboard']])
    if ext == "toml-inline":
        return [pick([f'{n["owner"]} = {{ {n["leaf"]} = "{v}", region = "eu-west-1" }}',
                      f'{n["owner"]} = {{ region = "eu-west-1", {n["leaf"]} = "{v}" }}'])]
    if ext == "yaml-flow":
        return [pick([f"{n['owner']}: {{{n['leaf']}: {v}, region: eu-west-1}}",
                      f'{n["ownerCamel"]}: {{ {n["leafCamel"]}: "{v}", timeout: 30 }}',
                      f"env: [{{name: {n['UPPER']}, value: {v}}}]"])]
    if ext == "java-props-xml":  # java.util.Properties.storeToXML
        return [pick([f'  <entry key="{n["dotted"]}">{v}</entry>', f'  <entry key="{n["owner"]}.{n["leafCamel"]}">{v}</entry>'])]
    if ext == "jsonnet":
        return pick([[f"local {n['camel']} = '{v}';"],
                     [f"  {n['ownerCamel']}: {{", f"    {n['leafCamel']}: '{v}',", "  },"]])
    if ext == "cue":
        return pick([[f'{n["ownerCamel"]}: {n["leafCamel"]}: "{v}"'],
                     [f"{n['ownerCamel']}: {{", f'\t{n["leafCamel"]}: "{v}"', "\ttimeout: 30", "}"]])
    if ext == "dhall":
        return [pick([f'let {n["camel"]} = "{v}"', f'let {n["ownerCamel"]} = {{ {n["leafCamel"]} = "{v}", timeout = 30 }}'])]
    if ext == "mongo-shell":
        return [pick([f'db.createUser({{ user: "{n["owner"]}", pwd: "{v}", roles: ["readWrite"] }})',
                      f'db.integrations.insertOne({{ provider: "{n["owner"]}", {n["leafCamel"]}: "{v}" }})'])]
    if ext == "sql-insert-values":
        return pick([[f"INSERT INTO integrations (provider, {n['leaf']}) VALUES ('{n['owner']}', '{v}');"],
                     ["INSERT INTO settings (name, value) VALUES", "  ('timeout', '30'),", f"  ('{n['lower']}', '{v}');"]])
    if ext == "spring-bean-xml":  # the provider on the bean's id and class
        return [f'  <bean id="{n["ownerCamel"]}Client" class="com.{n["host"]}.sdk.{n["Owner"]}Client">',
                f'    <property name="{n["leafCamel"]}" value="{v}"/>', "  </bean>"]
    # --- languages -----------------------------------------------------------------------
    if ext == "go-flag":  # a command-line flag's default value
        return [pick([f'var {n["camel"]} = flag.String("{n["kebab"]}", "{v}", "{n["Owner"]} {n["leaf_title"]}")',
                      f'\tflag.StringVar(&cfg.{n["Pascal"]}, "{n["kebab"]}", "{v}", "{n["owner_words"]} credential")',
                      f'\tcmd.Flags().StringVar(&{n["leafCamel"]}, "{n["leaf_kebab"]}", "{v}", '
                      f'"{n["Owner"]} {n["leaf_title"]}")'])]
    if ext == "py-argparse":
        return pick([[f'parser.add_argument("--{n["kebab"]}", default="{v}", help="{n["Owner"]} {n["leaf_title"]}")'],
                     [f'@click.option("--{n["leaf_kebab"]}", envvar="{n["UPPER"]}", default="{v}")',
                      f"def main({n['leaf']}):", "    pass"]])
    if ext == "rust-clap":
        return [f"struct {n['Owner']}Args {{", f'    #[arg(long, env = "{n["UPPER"]}", default_value = "{v}")]',
                f"    {n['leaf']}: String,", "}"]
    if ext == "rust-struct":
        return pick([[f"let client = {n['owner']}::Client::new({n['owner']}::Config {{",
                      f'    {n["leaf"]}: "{v}".to_string(),', "    ..Default::default()", "});"],
                     [f'let client = {n["Owner"]}Client::builder().{n["leaf"]}("{v}").build()?;']])
    if ext == "java-builder":
        return pick([[f"{n['Owner']}Client client = {n['Owner']}Client.builder()",
                      f'        .{n["leafCamel"]}("{v}")', '        .region("eu-west-1")', "        .build();"],
                     ["Request request = new Request.Builder()", f'        .url("https://api.{n["host"]}.com/v1/orders")',
                      f'        .addHeader("X-{n["Owner"]}-{n["Leaf_dash"]}", "{v}")', "        .build();"]])
    if ext == "cs-options-lambda":
        return pick([[f'builder.Services.Configure<{n["Owner"]}Options>(o => o.{n["Leaf"]} = "{v}");'],
                     [f"builder.Services.Add{n['Owner']}(options =>", "{", f'    options.{n["Leaf"]} = "{v}";', "});"],
                     [f'var client = new {n["Owner"]}Client(new {n["Owner"]}ClientOptions {{ {n["Leaf"]} = "{v}" }});']])
    if ext == "vbnet":
        return [pick([f'    Private Const {n["Pascal"]} As String = "{v}"', f'        Dim {n["camel"]} As String = "{v}"',
                      f'    Public Shared ReadOnly {n["Pascal"]} As String = "{v}"'])]
    if ext == "tcl":
        return [pick([f'set {n["lower"]} "{v}"', f'set env({n["UPPER"]}) "{v}"',
                      f'dict set config {n["owner"]} {n["leaf"]} "{v}"'])]
    if ext == "matlab":
        return [pick([f"{n['camel']} = '{v}';", f"setenv('{n['UPPER']}', '{v}');",
                      f"opts = weboptions('HeaderFields', {{'X-{n['Owner']}-{n['Leaf_dash']}', '{v}'}});"])]
    if ext == "ps-splat":  # a splatted parameter hashtable, or a headers hashtable
        return pick([["$params = @{", f"    {n['Leaf']} = '{v}'", "    Region = 'eu-west-1'", "}",
                      f"Connect-{n['Owner']} @params"],
                     [f"$headers = @{{ 'X-{n['Owner']}-{n['Leaf_dash']}' = '{v}' }}",
                      f"Invoke-RestMethod -Uri 'https://api.{n['host']}.com/v1/orders' -Headers $headers"],
                     [f'Invoke-RestMethod -Uri "https://api.{n["host"]}.com/v1/me" -Headers @{{ Authorization = "Bearer {v}" }}']])
    if ext == "c-designated":
        return [f"static const struct {n['owner']}_config cfg = {{", f'    .{n["leaf"]} = "{v}",', "    .timeout_ms = 3000,",
                "};"]
    if ext == "sbt-credentials":  # the provider in the realm and the host
        return [pick([f'credentials += Credentials("{n["Owner"]} Realm", "repo.{n["host"]}.com", "deploy", "{v}")',
                      f'ThisBuild / {n["camel"]} := "{v}"'])]
    if ext == "elisp":  # an Emacs init file
        return pick([[f'(setq {n["kebab"]} "{v}")'], [f'(setenv "{n["UPPER"]}" "{v}")'],
                     [f"(use-package {n['owner_kebab']}", "  :custom", f'  ({n["kebab"]} "{v}"))']])
    if ext == "ipython-env":  # IPython magics in a notebook cell's source
        return [pick([f'    "%env {n["UPPER"]}={v}\\n",', f'    "%set_env {n["UPPER"]}={v}\\n",',
                      f'    "%env {n["UPPER"]} {v}\\n",'])]
    # --- documents -----------------------------------------------------------------------
    if ext == "rst-code-block":
        return pick([[".. code-block:: bash", "", f"   export {n['UPPER']}={v}", ""],
                     [f":{n['Owner']} {n['leaf_title']}: {v}"]])
    if ext == "org-src":
        return pick([["#+begin_src sh", f"export {n['UPPER']}='{v}'", "#+end_src"],
                     [f"* {n['Owner']}", ":PROPERTIES:", f":{n['UPPER']}: {v}", ":END:"]])
    raise ValueError(f"unknown held-out syntax {ext}")


# name: (file name, header lines, footer lines, comment prefix or None)
SYNTAXES = {
    # program output, logs and pastes
    "json-log": ("app.log.jsonl", ['{"ts":"2024-05-01T12:00:00Z","level":"info","msg":"starting","pid":4121}'],
                 ['{"ts":"2024-05-01T12:00:02Z","level":"info","msg":"ready"}'], None),
    "shell-history": (".zsh_history", [": 1714564790:0;cd ~/src/orders", ": 1714564795:0;git pull"],
                      [": 1714564810:0;git status"], None),
    "kubectl-describe": ("pod-describe.txt", ["Name:             orders-7d9f8b6c5-x2x7q", "Namespace:        prod",
                                              "Containers:", "  orders:", "    Image:          acme/orders:1.4",
                                              "    State:          Running"],
                         ["    Mounts:", "      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access (ro)"],
                         None),
    "docker-inspect": ("inspect.json", ["[", "    {", '        "Id": "4f2a9c1e7b3d",', '        "Config": {',
                                        '            "Hostname": "4f2a9c1e7b3d",'],
                       ['            "Image": "acme/orders:1.4"', "        }", "    }", "]"], None),
    "tf-plan": ("plan.txt", ["Terraform used the selected providers to generate the following execution", "plan.", ""],
                ["", "Plan: 1 to add, 0 to change, 0 to destroy."], None),
    "gha-log": ("job-logs.txt", ["2024-05-01T12:00:00.0000000Z Current runner version: '2.316.0'"],
                ["2024-05-01T12:00:09.0000000Z Deployed."], None),
    "irc-log": ("ops-channel.log", ["--- Day changed Wed May 01 2024", "[11:58] <kim> who has the staging creds?"],
                ["[12:05] <sam> np"], None),
    "issue-quote": ("issue-comment.md", ["Thanks for the report!", ""], ["", "Could you paste the full error?"], None),
    # server and host config
    "supervisord": ("supervisord.conf", ["[program:orders]", "command=/usr/bin/node /srv/orders/server.js",
                                         "autostart=true"], ["stdout_logfile=/var/log/orders.log"], "; "),
    "nginx-conf": ("nginx.conf", ["server {", "    listen 443 ssl;", "    server_name orders.acme.example;"], ["}"], "# "),
    "apache-setenv": (".htaccess", ["RewriteEngine On", "Options -Indexes"], ["DirectoryIndex index.php"], "# "),
    "php-fpm-pool": ("www.conf", ["[www]", "user = www-data", "listen = /run/php/php8.2-fpm.sock"],
                     ["pm = dynamic", "pm.max_children = 5"], "; "),
    "uwsgi-ini": ("uwsgi.ini", ["[uwsgi]", "module = orders.wsgi:application", "master = true"],
                  ["processes = 4", "vacuum = true"], "# "),
    "crontab": ("crontab", ["SHELL=/bin/bash", "PATH=/usr/local/bin:/usr/bin:/bin", "MAILTO=\"\""],
                ["30 2 * * * /usr/local/bin/backup-orders"], "# "),
    "pgpass": (".pgpass", ["localhost:5432:orders:postgres:postgres"], [], None),
    "kubeconfig": (".kube/config", ["apiVersion: v1", "kind: Config", "clusters:", "- name: prod", "  cluster:",
                                    "    server: https://10.0.0.1:6443", "contexts:", "- name: prod", "  context:",
                                    "    cluster: prod", "    user: deploy", "current-context: prod"], [], "# "),
    "gitconfig-header": (".gitconfig", ["[user]", "\tname = Sam", "\temail = sam@acme.example"],
                         ["[pull]", "\trebase = true"], "# "),
    "bundle-config": (".bundle/config", ["---", 'BUNDLE_PATH: "vendor/bundle"'], ['BUNDLE_JOBS: "4"'], "# "),
    "ansible-inventory": ("inventory.ini", ["[web]"], ["", "[db]", "db1 ansible_host=10.0.0.9"], "# "),
    # app and deploy manifests
    "heroku-app-json": ("app.json", ["{", '  "name": "orders",', '  "env": {',
                                     '    "WEB_CONCURRENCY": {"value": "2"},'],
                        ['    "NODE_ENV": {"value": "production"}', "  }", "}"], None),
    "openapi-example": ("openapi.yaml", ["openapi: 3.0.3", "info:", "  title: Orders API", "  version: 1.4.0", "paths:",
                                         "  /v1/orders:", "    get:", "      summary: List orders"],
                        ["      responses:", "        '200':", "          description: OK"], "# "),
    "configmap-embedded": ("configmap.yaml", ["apiVersion: v1", "kind: ConfigMap", "metadata:", "  name: orders-config",
                                              "data:", "  LOG_LEVEL: info"], [], "# "),
    "gha-expr-default": (".github/workflows/nightly.yml", ["name: nightly", "on:", "  schedule:", "    - cron: '0 3 * * *'",
                                                           "jobs:", "  sync:", "    runs-on: ubuntu-latest",
                                                           "    steps:", "      - uses: actions/checkout@v4",
                                                           "      - run: ./scripts/sync.sh"], [], "# "),
    "iac-ts": ("lib/orders-stack.ts", ["import { SecretValue } from 'aws-cdk-lib';",
                                       "import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';", ""],
               ["", "export const ready = true;"], "// "),
    "vagrant-env": ("Vagrantfile", ['Vagrant.configure("2") do |config|', '  config.vm.box = "debian/bookworm64"'],
                    ["end"], "# "),
    # CLI one-liners
    "pipe-secret-put": ("store-secrets.sh", ["#!/usr/bin/env bash", "set -euo pipefail"], ['echo "stored"'], "# "),
    "cli-config-set": ("bootstrap-dev.sh", ["#!/bin/sh", "set -e"], ['echo "configured"'], "# "),
    # data formats
    "vscode-settings": (".vscode/settings.json", ["{", '  "editor.formatOnSave": true,'],
                        ['  "files.trimTrailingWhitespace": true', "}"], None),
    "toml-inline": ("config.toml", ['title = "orders"', ""], ["", "[server]", "port = 8080"], "# "),
    "yaml-flow": ("values.yml", ["replicaCount: 2"], ["resources: {limits: {cpu: 500m}}"], "# "),
    "java-props-xml": ("config.xml", ['<?xml version="1.0" encoding="UTF-8" standalone="no"?>',
                                      '<!DOCTYPE properties SYSTEM "http://java.sun.com/dtd/properties.dtd">',
                                      "<properties>", '  <entry key="server.port">8080</entry>'],
                       ["</properties>"], None),
    "jsonnet": ("config.jsonnet", ["local env = 'prod';", "{"], ["  name: 'orders-' + env,", "}"], "// "),
    "cue": ("config.cue", ["package orders", ""], ["", "replicas: 2"], "// "),
    "dhall": ("config.dhall", ["let timeoutMs = 3000", ""], ["", "in  { timeoutMs }"], "-- "),
    "mongo-shell": ("init-mongo.js", ['db = db.getSiblingDB("orders");'], ['db.orders.createIndex({ createdAt: 1 });'],
                    "// "),
    "sql-insert-values": ("seed.sql", ["BEGIN;", ""], ["", "COMMIT;"], "-- "),
    "spring-bean-xml": ("applicationContext.xml", ['<?xml version="1.0" encoding="UTF-8"?>',
                                                   '<beans xmlns="http://www.springframework.org/schema/beans">'],
                        ["</beans>"], None),
    # languages
    "go-flag": ("flags.go", ["package main", "", 'import "flag"', ""], ["", "func init() { flag.Parse() }"], "// "),
    "py-argparse": ("cli.py", ["import argparse", "", "import click", "", "parser = argparse.ArgumentParser()"],
                    ["", 'if __name__ == "__main__":', "    main()"], "# "),
    "rust-clap": ("args.rs", ["use clap::Parser;", "", "#[derive(Parser, Debug)]"], ["", "fn main() {}"], "// "),
    "rust-struct": ("client.rs", ["fn connect() -> anyhow::Result<()> {"], ["    Ok(())", "}"], "// "),
    "java-builder": ("OrdersClient.java", ["package com.acme.orders;", "", "public class OrdersClient {",
                                           "    void connect() {"], ["    }", "}"], "// "),
    "cs-options-lambda": ("Program.cs", ["var builder = WebApplication.CreateBuilder(args);", ""],
                          ["", "var app = builder.Build();", "app.Run();"], "// "),
    "vbnet": ("Settings.vb", ["Public Class Settings", "    Public Sub Load()"], ["    End Sub", "End Class"], "' "),
    "tcl": ("config.tcl", ["package require http", ""], ["", "puts \"loaded\""], "# "),
    "matlab": ("setup_api.m", ["% Orders API setup", "clear; clc;"], ["disp('ready')"], "% "),
    "ps-splat": ("Deploy.ps1", ["[CmdletBinding()]", "param()", ""], ["", "Write-Host 'done'"], "# "),
    "c-designated": ("config.c", ['#include "config.h"', ""], ["", "const struct orders_config *orders_cfg(void) { return 0; }"],
                     "// "),
    "sbt-credentials": ("build.sbt", ['ThisBuild / scalaVersion := "3.3.3"', ""],
                        ["", 'lazy val root = (project in file(".")).settings(name := "orders")'], "// "),
    "elisp": ("init.el", [";;; init.el --- personal config", "(require 'package)"], ["(provide 'init)"], ";; "),
    "ipython-env": ("explore.ipynb", ["{", ' "cells": [', "  {", '   "cell_type": "code",', '   "execution_count": 1,',
                                      '   "metadata": {},', '   "outputs": [],', '   "source": ['],
                    ['    "import pandas as pd"', "   ]", "  }", " ],", ' "metadata": {},', ' "nbformat": 4,',
                     ' "nbformat_minor": 5', "}"], None),
    # documents
    "rst-code-block": ("setup.rst", ["Setup", "=====", ""], ["Then run ``make deploy``."], ".. "),
    "org-src": ("notes.org", ["#+TITLE: Orders runbook", ""], ["", "* Deploy", "Run the pipeline."], "# "),
}
HELDOUT4_SYNTAXES = list(SYNTAXES)
