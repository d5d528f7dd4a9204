"""Tenth held-out syntax set: written blind, nobody tunes rules or the engine against it.

A set nobody has tuned against, to predict how the pack does on syntaxes it has never seen
once eval/heldout9.py is used to fix rules. It was written and committed before any result of
it was looked at, from how real projects, tools' config files, CI systems, logs and pastes
write credentials, in forms that none of eval/gen.py, eval/heldout.py and eval/heldout2.py ..
eval/heldout9.py produce, weighted toward areas the earlier sets lack:
CI and build systems not covered before (AppVeyor `environment:` and deploy providers, Codemagic
workflow `vars`, Bitrise app `envs` and `envman add`, AWS CodeBuild `buildspec.yml`
`env.variables`, Google Cloud Build step `env` and `substitutions`, Concourse resource `source`
and task `params`, Earthfile `ENV`/`ARG`/`RUN --push`, fastlane lanes and plugin actions), app
platforms, process managers and servers (App Engine `app.yaml` `env_variables`, Kamal
`deploy.yml` clear env, registry and accessories, PM2 `ecosystem.config.js` `env_production`,
gunicorn `raw_env`, Podman Quadlet `.container` units, Tomcat `context.xml` `Environment`,
`Parameter` and `Resource`), infrastructure (Terragrunt `inputs` and `get_env` defaults, Bicep
`.bicepparam` with `readEnvironmentVariable`, ARM parameter files, `consul kv put`), framework
configuration APIs (Micronaut YAML `${X:default}` placeholders with backtick defaults, NestJS
`registerAs` and Joi `.default()`, Hydra/OmegaConf `${oc.env:X,default}` and `_target_`
nodes, python-decouple and django-environ `default=`, Dynaconf `.secrets.toml` environments,
Logback appenders and `springProperty` defaults), package and tool auth files (Poetry
`config.toml` `http-basic`, `pip.conf` index URLs and continued `extra-index-url`, uv and PDM
index tables in `pyproject.toml`, `DENO_AUTH_TOKENS`, Helm `repositories.yaml`, `.s3cfg`,
doctl `auth-contexts`), database and network clients (`.my.cnf` option groups, `.odbc.ini`
DSNs, `.pg_service.conf`, Flyway placeholders, `mysql -p`/`redis-cli -a`/`mongosh`/
`PGPASSWORD`/`sqlcmd -P` lines, `wpa_supplicant.conf`), shells, mobile and game projects
(nushell `$env.X`/`load-env`/`with-env`, xonsh, tcsh `setenv`, Godot `project.godot` custom
settings, Cordova `config.xml` preferences and plugin variables, Android `local.properties`,
Flutter `--dart-define`), HTTP clients (Hurl files, `.curlrc`, Emacs restclient variables,
JetBrains `http-client.private.env.json`), program output (`helm get values`, `terraform output
-json`, `vault kv get` tables and `-field`, `redis-cli` replies, `git remote -v`, Go
`http.Header` maps in logfmt lines) and documents, diffs and escapes (MediaWiki tables,
Org-mode property drawers and tables, `git format-patch` mails, `git diff --word-diff`,
committed merge-conflict markers, JSON entity-escaped inside XML).

Interface as eval/heldout9.py: `render(ext, key, value, rng)` returns the lines holding `value`;
`SYNTAXES` maps each name to (file name, header lines, footer lines, comment prefix or None).
Key names come from the rule metadata as in gen.py; each syntax re-spells the key the way its
language or tool does, some with the provider word on the key itself, some on a parent, a
section, a plugin, an appender, a DSN, a context or a remote, some only nearby (a host name,
a header name, an SSID, a command, a table row).

File names avoid the test path globs (rules/test-paths.toml). The helpers are copied, not
imported from heldout2.py .. heldout9.py, so that edits there do not move this set.
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
    """The lines that hold `value` under `key` in held-out syntax `ext` (tenth set)."""
    n = names(key)
    v = value
    pick = rng.choice
    hdr = f"X-{n['Owner']}-{n['Leaf_dash']}"  # a provider's own header name, as its docs spell it
    up = n["UPPER"]
    # --- CI and build systems -----------------------------------------------------------------
    if ext == "appveyor-yml":
        return pick([["environment:", f"  {up}: {v}", '  NODE_VERSION: "20"'],
                     ["environment:", "  matrix:", '    - PYTHON: "C:\\\\Python312-x64"', f"      {up}: {v}"],
                     ["deploy:", "  - provider: NuGet", f"    server: https://nuget.{n['host']}.com/api/v2/package",
                      f"    api_key: {v}", "    skip_symbols: true"],
                     ["environment:", f'  {up}: "{v}"', "  CONFIGURATION: Release"]])
    if ext == "codemagic-yaml":
        return pick([["      vars:", f"        {up}: {v}", "        BUILD_FLAVOR: prod"],
                     ["      groups:", "        - google_play", "      vars:", f'        {up}: "{v}"'],
                     ["      vars:", "        XCODE_WORKSPACE: Orders.xcworkspace", f"        {up}: '{v}'"]])
    if ext == "bitrise-yml":
        return pick([["app:", "  envs:", f"  - {up}: {v}", "  - BITRISE_PROJECT_PATH: ios/Orders.xcworkspace"],
                     ["app:", "  envs:", f'  - {up}: "{v}"', "    opts:", "      is_expand: false"],
                     ["workflows:", "  deploy:", "    steps:", "    - script@1:", "        inputs:",
                      "        - content: |-", "            #!/usr/bin/env bash", "            set -ex",
                      f'            envman add --key {up} --value "{v}"']])
    if ext == "codebuild-buildspec":
        return pick([["env:", "  variables:", f'    {up}: "{v}"', "    NODE_ENV: production"],
                     ["env:", "  variables:", f"    {up}: {v}", "  parameter-store:",
                      "    DB_PASSWORD: /orders/prod/db-password"],
                     ["env:", "  exported-variables:", "    - IMAGE_TAG", "  variables:", f"    {up}: {v}"]])
    if ext == "cloudbuild-yaml":
        return pick([["- name: gcr.io/google.com/cloudsdktool/cloud-sdk", "  entrypoint: bash",
                      "  args: ['-c', './scripts/deploy.sh']", "  env:", f"  - '{up}={v}'", "  - 'REGION=europe-west1'"],
                     ["substitutions:", f"  _{up}: {v}", "  _REGION: europe-west1"],
                     ["- name: curlimages/curl",
                      f"  args: ['-fsS', '-H', '{hdr}: {v}', 'https://api.{n['host']}.com/v1/deploys']"],
                     ["- name: node:20", "  entrypoint: npm", "  args: ['run', 'release']", "  env:",
                      f'  - "{up}={v}"']])
    if ext == "concourse-pipeline":
        return pick([[f"- name: {n['owner_kebab']}-notify", f"  type: {n['owner_kebab']}-resource", "  source:",
                      f"    {n['leaf']}: {v}", "    channel: deploys"],
                     ["", "jobs:", "- name: deploy", "  plan:", "  - get: orders-repo", "    trigger: true",
                      "  - task: deploy", "    file: orders-repo/ci/deploy.yml", "    params:", f"      {up}: {v}"],
                     [f"- name: {n['owner_kebab']}-artifacts", "  type: s3", "  source:", "    bucket: orders-artifacts",
                      f"    endpoint: https://s3.{n['host']}.com", "    access_key_id: orders-ci",
                      f"    secret_access_key: {v}"]])
    if ext == "earthfile":
        return pick([["build:", "    COPY . .", f"    ENV {up}={v}", "    RUN npm ci && npm run build"],
                     ["build:", "    COPY . .", f"    ARG {up}={v}", "    RUN ./scripts/build.sh"],
                     ["deploy:", "    FROM +build",
                      f'    RUN --push curl -fsS -H "{hdr}: {v}" https://api.{n["host"]}.com/v1/deploys'],
                     [f'ARG --global {up}="{v}"', "", "build:", "    COPY . .", "    RUN npm run build"]])
    if ext == "fastlane-fastfile":
        return pick([["  before_all do", f'    ENV["{up}"] = "{v}"', "  end"],
                     ["  lane :beta do", "    build_app(scheme: \"Orders\")", f"    {n['owner']}_upload(",
                      f'      {n["leaf"]}: "{v}",', '      file: "build/Orders.ipa"', "    )", "  end"],
                     ["  lane :notify do",
                      f"    sh(\"curl -fsS -H '{hdr}: {v}' https://api.{n['host']}.com/v1/releases\")", "  end"],
                     ["  lane :release do", f"    {n['owner']}(", f"      {n['leaf']}: '{v}',",
                      '      message: "Orders #{lane_context[SharedValues::BUILD_NUMBER]} released"', "    )",
                      "  end"]])
    # --- app platforms, process managers and servers ------------------------------------------
    if ext == "gae-app-yaml":
        return pick([["env_variables:", f'  {up}: "{v}"', "  FLASK_ENV: production"],
                     ["env_variables:", f"  {up}: {v}"],
                     ["env_variables:", "  DJANGO_SETTINGS_MODULE: orders.settings.production", f"  {up}: '{v}'"]])
    if ext == "kamal-deploy":
        return pick([["env:", "  clear:", f"    {up}: {v}", "    RAILS_LOG_TO_STDOUT: true", "  secret:",
                      "    - RAILS_MASTER_KEY"],
                     ["registry:", f"  server: registry.{n['host']}.com", "  username: deploy", f"  password: {v}"],
                     ["accessories:", f"  {n['owner_kebab']}:", f"    image: {n['owner_kebab']}/agent:latest",
                      "    host: 192.168.0.2", "    env:", "      clear:", f"        {up}: {v}"],
                     ["env:", "  clear:", f'    {up}: "{v}"']])
    if ext == "pm2-ecosystem":
        return pick([["      env: {", "        NODE_ENV: 'development',", f"        {up}: '{v}',", "      },"],
                     ["      env_production: {", "        NODE_ENV: 'production',", f"        {up}: '{v}',", "      },"],
                     ["      env_production: {", f'        {up}: "{v}",', "      },"],
                     [f"      args: ['--{n['kebab']}', '{v}'],"]])
    if ext == "gunicorn-conf":
        return pick([["raw_env = [", '    "DJANGO_SETTINGS_MODULE=orders.settings.production",', f'    "{up}={v}",', "]"],
                     [f'raw_env = ["{up}={v}"]'],
                     [f"raw_env = ['{up}={v}', 'TZ=UTC']"]])
    if ext == "quadlet-container":  # a Podman Quadlet unit's [Container] section
        return pick([[f"Environment={up}={v} LOG_LEVEL=info"],
                     [f"PodmanArgs=--env {up}={v}"],
                     [f"Exec=--{n['kebab']} {v}"],
                     [f"Environment=LOG_LEVEL=info {up}={v}"]])
    if ext == "tomcat-context":
        return pick([[f'    <Environment name="{n["owner"]}/{n["leafCamel"]}" value="{v}" type="java.lang.String" '
                      'override="false"/>'],
                     [f'    <Parameter name="{n["dotted"]}" value="{v}" override="false"/>'],
                     [f'    <Resource name="jdbc/{n["Owner"]}" auth="Container" type="javax.sql.DataSource"',
                      f'              username="orders" password="{v}"',
                      '              driverClassName="org.postgresql.Driver"',
                      f'              url="jdbc:postgresql://db.{n["host"]}.com:5432/orders" maxTotal="20"/>']])
    # --- infrastructure -----------------------------------------------------------------------
    if ext == "terragrunt-hcl":
        return pick([["inputs = {", f'  {n["lower"]} = "{v}"', '  region = "eu-west-1"', "}"],
                     ["locals {", f'  {n["lower"]} = get_env("{up}", "{v}")', "}", "", "inputs = {",
                      f"  {n['lower']} = local.{n['lower']}", "}"],
                     ["inputs = {", f"  {n['owner']} = {{", f'    {n["leaf"]} = "{v}"', "  }", "}"]])
    if ext == "bicep-params":
        return pick([[f"param {n['camel']} = '{v}'"],
                     [f"param {n['ownerCamel']}Settings = {{", f"  {n['leafCamel']}: '{v}'", "  enabled: true", "}"],
                     [f"param {n['camel']} = readEnvironmentVariable('{up}', '{v}')"]])
    if ext == "arm-parameters":
        return pick([[f'    "{n["camel"]}": {{', f'      "value": "{v}"', "    },"],
                     [f'    "{n["ownerCamel"]}Settings": {{', '      "value": {', f'        "{n["leafCamel"]}": "{v}",',
                      '        "region": "westeurope"', "      }", "    },"],
                     ['    "appSettings": {', '      "value": [', f'        {{ "name": "{up}", "value": "{v}" }}',
                      "      ]", "    },"]])
    if ext == "consul-kv-put":
        return [pick([f"consul kv put config/orders/{n['owner']}/{n['leaf']} {v}",
                      f"consul kv put config/orders/{n['lower']} '{v}'",
                      f"curl -fsS -X PUT --data '{v}' \"$CONSUL_HTTP_ADDR/v1/kv/config/orders/{n['owner']}/{n['leaf']}\"",
                      f'consul kv put -flags=42 config/{n["owner_kebab"]}/{n["leaf_kebab"]} "{v}"'])]
    # --- framework configuration APIs ---------------------------------------------------------
    if ext == "micronaut-yaml-default":
        return pick([[f"{n['owner_kebab']}:", f"  {n['leaf_kebab']}: ${{{up}:{v}}}"],
                     [f"{n['owner_kebab']}:", f"  url: https://api.{n['host']}.com",
                      f'  {n["leaf_kebab"]}: "${{{up}:{v}}}"'],
                     ["app:", f"  {n['owner_kebab']}:", f"    {n['leaf_kebab']}: ${{{up}:`{v}`}}"]])
    if ext == "nestjs-register-as":
        return pick([[f"export const {n['ownerCamel']}Config = registerAs('{n['ownerCamel']}', () => ({{",
                      f"  {n['leafCamel']}: process.env.{up} || '{v}',", f"  baseUrl: 'https://api.{n['host']}.com',",
                      "}));"],
                     [f"export const {n['ownerCamel']}Config = registerAs('{n['ownerCamel']}', () => ({{",
                      f"  {n['leafCamel']}: '{v}',", "}));"],
                     ["export const validationSchema = Joi.object({",
                      "  NODE_ENV: Joi.string().valid('development', 'production').default('development'),",
                      f"  {up}: Joi.string().default('{v}'),", "});"]])
    if ext == "omegaconf-interp":  # a Hydra config
        return pick([[f"{n['owner']}:", f"  {n['leaf']}: ${{oc.env:{up},{v}}}"],
                     [f"{n['owner']}:", f"  _target_: {n['owner']}.Client", f"  {n['leaf']}: {v}", "  timeout: 30"],
                     [f'{n["lower"]}: ${{oc.env:{up},"{v}"}}']])
    if ext == "py-decouple":  # python-decouple and django-environ defaults
        return [pick([f'{up} = config("{up}", default="{v}")',
                      f'{up} = env.str("{up}", default="{v}")',
                      f'{up} = env("{up}", default="{v}")',
                      f"{up} = config('{up}', default='{v}', cast=str)"])]
    if ext == "dynaconf-secrets":
        return pick([["[production]", f'{n["lower"]} = "{v}"'],
                     [f"[production.{n['owner']}]", f'{n["leaf"]} = "{v}"'],
                     ["[development]", f"{up} = '{v}'"],
                     ["[production]", "dynaconf_merge = true", f'{n["owner"]} = {{ {n["leaf"]} = "{v}" }}']])
    if ext == "logback-appender":
        return pick([[f'    <appender name="{n["Owner"]}" class="com.{n["host"]}.logback.{n["Owner"]}Appender">',
                      f"        <{n['leafCamel']}>{v}</{n['leafCamel']}>",
                      f"        <listenerUrl>https://listener.{n['host']}.com:8071</listenerUrl>", "    </appender>"],
                     [f'    <appender name="{n["Owner"]}" class="com.github.loki4j.logback.Loki4jAppender">',
                      "        <http>", f"            <url>https://logs.{n['host']}.com/loki/api/v1/push</url>",
                      "            <auth>", "                <username>orders</username>",
                      f"                <password>{v}</password>", "            </auth>", "        </http>",
                      "    </appender>"],
                     [f'    <springProperty scope="context" name="{n["camel"]}" source="{n["owner"]}.{n["leaf_kebab"]}" '
                      f'defaultValue="{v}"/>']])
    # --- package and tool auth files ----------------------------------------------------------
    if ext == "poetry-config-toml":
        return pick([[f"[repositories.{n['owner_kebab']}]", f'url = "https://pypi.{n["host"]}.com/simple/"', "",
                      f"[http-basic.{n['owner_kebab']}]", 'username = "deploy"', f'password = "{v}"'],
                     ["[pypi-token]", f'{n["owner_kebab"]} = "{v}"'],
                     [f"[http-basic.{n['owner_kebab']}]", f'username = "{n["owner"]}"', f'password = "{v}"']])
    if ext == "pip-conf":
        return pick([[f"index-url = https://__token__:{v}@pypi.{n['host']}.com/simple/"],
                     ["extra-index-url =", "    https://pypi.org/simple/",
                      f"    https://deploy:{v}@{n['host']}.jfrog.io/artifactory/api/pypi/pypi-local/simple"],
                     [f"index-url = https://{n['owner']}:{v}@pypi.{n['host']}.com/simple/",
                      f"trusted-host = pypi.{n['host']}.com"]])
    if ext == "pyproject-index":
        return pick([["[[tool.uv.index]]", f'name = "{n["owner_kebab"]}"',
                      f'url = "https://deploy:{v}@pypi.{n["host"]}.com/simple/"'],
                     ["[[tool.pdm.source]]", f'name = "{n["owner_kebab"]}"', f'url = "https://pypi.{n["host"]}.com/simple"',
                      'username = "deploy"', f'password = "{v}"'],
                     [f"[tool.{n['owner']}]", f'{n["leaf"]} = "{v}"', 'region = "eu-west-1"']])
    if ext == "deno-auth-tokens":
        return [pick([f'export DENO_AUTH_TOKENS="{v}@deno.{n["host"]}.com"',
                      f'export DENO_AUTH_TOKENS="{v}@npm.{n["host"]}.com;{v}@raw.githubusercontent.com"',
                      f"export DENO_AUTH_TOKENS='deploy:{v}@registry.{n['host']}.com'"])]
    if ext == "helm-repositories":
        user = pick(["deploy", n["owner"]])
        return ['- caFile: ""', '  certFile: ""', "  insecure_skip_tls_verify: false", '  keyFile: ""',
                f"  name: {n['owner_kebab']}", "  pass_credentials_all: false", f"  password: {v}",
                f"  url: https://charts.{n['host']}.com/stable", f"  username: {user}"]
    if ext == "s3cfg":  # s3cmd against an S3-compatible provider
        return pick([[f"host_base = s3.{n['host']}.com", f"host_bucket = %(bucket)s.s3.{n['host']}.com",
                      f"secret_key = {v}"],
                     [f"host_base = {n['host']}.digitaloceanspaces.com",
                      f"host_bucket = %(bucket)s.{n['host']}.digitaloceanspaces.com", f"secret_key = {v}"],
                     [f"secret_key = {v}", f"host_base = storage.{n['host']}.com"]])
    if ext == "doctl-config":
        return pick([["auth-contexts:", f"  {n['owner_kebab']}: {v}", '  staging: ""'],
                     ["auth-contexts:", f"  {n['owner_kebab']}-prod: {v}"]])
    # --- database and network clients ---------------------------------------------------------
    if ext == "my-cnf":
        return pick([["[client]", "user = orders", f"password = {v}", f"host = db.{n['host']}.com"],
                     ["[client]", f"user = {n['owner']}", f'password = "{v}"'],
                     [f"[client_{n['owner']}]", f"password='{v}'", f"host=db.{n['host']}.com"],
                     ["[mysqldump]", f"user = {n['owner']}_backup", f"password = {v}"]])
    if ext == "odbc-ini":
        return pick([[f"[{n['Owner']}]", "Driver = Snowflake", f"Server = {n['host']}.snowflakecomputing.com",
                      "UID = orders", f"PWD = {v}"],
                     [f"[{n['Owner']}]", "Driver = PostgreSQL Unicode", f"Servername = db.{n['host']}.com", "Port = 5432",
                      "Database = orders", "Username = orders", f"Password = {v}"],
                     ["[Orders]", "Driver = ODBC Driver 18 for SQL Server",
                      f"Server = tcp:{n['host']}.database.windows.net,1433", "Database = orders", "UID = orders",
                      f"PWD = {v}"]])
    if ext == "pg-service-conf":
        return pick([[f"[{n['owner_kebab']}]", f"host=db.{n['host']}.com", "port=5432", "dbname=orders", "user=orders",
                      f"password={v}"],
                     [f"[orders-{n['owner_kebab']}]", f"host={n['host']}.postgres.database.azure.com", "user=orders",
                      f"password={v}", "sslmode=require"]])
    if ext == "flyway-conf":
        return [pick([f"flyway.placeholders.{n['camel']}={v}", f"flyway.placeholders.{n['lower']}={v}",
                      f"flyway.placeholders.{n['owner']}.{n['leafCamel']}={v}"])]
    if ext == "db-cli-password":
        return [pick([f"mysql -h db.{n['host']}.com -u orders -p'{v}' orders < sql/seed.sql",
                      f"redis-cli -h cache.{n['host']}.com -p 6380 --tls -a '{v}' PING",
                      f'mongosh "mongodb+srv://cluster0.{n["host"]}.mongodb.net/orders" --username orders '
                      f"--password '{v}'",
                      f"PGPASSWORD='{v}' psql -h db.{n['host']}.com -U orders -d orders -c 'select 1'",
                      f'sqlcmd -S {n["host"]}.database.windows.net -U orders -P "{v}" -d orders -Q "SELECT 1"'])]
    if ext == "wpa-supplicant":  # the provider only in the network's name
        return pick([["network={", f'    ssid="{n["Owner"]}-Office"', f'    psk="{v}"', "    key_mgmt=WPA-PSK", "}"],
                     ["network={", f'    ssid="{n["owner_kebab"]}-corp"', "    key_mgmt=WPA-EAP", "    eap=PEAP",
                      f'    identity="orders@{n["host"]}.com"', f'    password="{v}"', '    phase2="auth=MSCHAPV2"', "}"]])
    # --- shells, mobile and game projects -----------------------------------------------------
    if ext == "nushell-env":
        return pick([[f'$env.{up} = "{v}"'], [f"$env.{up} = '{v}'"],
                     ["load-env {", f'    {up}: "{v}"', '    LOG_LEVEL: "info"', "}"],
                     [f"def {n['owner_kebab']}-sync [] {{",
                      f'    with-env {{ {up}: "{v}" }} {{ ^{n["owner_kebab"]} sync }}', "}"]])
    if ext == "xonshrc":
        return pick([[f"${up} = '{v}'"], [f"${{'{up}'}} = \"{v}\""],
                     [f"with ${{...}}.swap({up}='{v}'):", f"    ![{n['owner_kebab']} sync --all]"]])
    if ext == "tcsh-setenv":
        return [pick([f"setenv {up} {v}", f'setenv {up} "{v}"', f"setenv {up} '{v}'",
                      f"if ( ! $?{up} ) setenv {up} {v}"])]
    if ext == "godot-project":  # project.godot custom project settings
        return pick([[f"[{n['owner']}]", "", f'{n["leaf"]}="{v}"'],
                     [f"[{n['owner']}]", "", f'config/{n["leaf"]}="{v}"', "config/enabled=true"],
                     ["[application]", "", 'config/name="Orders"', f'config/{n["lower"]}="{v}"']])
    if ext == "cordova-config":
        return pick([[f'    <preference name="{n["Pascal"]}" value="{v}" />'],
                     [f'    <plugin name="cordova-plugin-{n["owner_kebab"]}" spec="^3.1.0">',
                      f'        <variable name="{up}" value="{v}" />', "    </plugin>"],
                     ['    <platform name="android">', f'        <preference name="{n["Owner"]}{n["Leaf"]}" value="{v}" />',
                      "    </platform>"]])
    if ext == "android-local-properties":
        return [pick([f"{up}={v}", f"{n['owner']}.{n['leafCamel']}={v}", f"{n['camel']}={v}"])]
    if ext == "flutter-dart-define":
        return pick([[f"flutter build appbundle --release --dart-define={up}={v}"],
                     [f"flutter run --flavor dev --dart-define {up}={v}"],
                     ["flutter build ipa --release \\", "  --dart-define=FLAVOR=prod \\", f"  --dart-define={up}={v} \\",
                      "  --obfuscate --split-debug-info=build/symbols"]])
    # --- HTTP clients -------------------------------------------------------------------------
    if ext == "hurl-file":
        return pick([[f"GET https://api.{n['host']}.com/v1/orders", f"{hdr}: {v}", "Accept: application/json",
                      "HTTP 200"],
                     [f"GET https://api.{n['host']}.com/v1/account", "[BasicAuth]", f"orders: {v}", "HTTP 200"],
                     [f"POST https://api.{n['host']}.com/v1/events", f"Authorization: Bearer {v}", "{",
                      '  "type": "deploy"', "}", "HTTP 202"],
                     [f"GET https://api.{n['host']}.com/v1/orders", "[Query]", f"{n['leaf']}: {v}", "HTTP 200"]])
    if ext == "curlrc":
        return pick([[f'header = "{hdr}: {v}"'], [f'user = "{n["owner"]}:{v}"'],
                     [f'url = "https://api.{n["host"]}.com/v1/orders"', f'oauth2-bearer = "{v}"'],
                     [f'-H "Authorization: Bearer {v}"']])
    if ext == "restclient-el":  # Emacs restclient-mode
        return pick([[f":{n['kebab']} = {v}", f":base = https://api.{n['host']}.com", "", "# list orders",
                      "GET :base/v1/orders", f"{hdr}: :{n['kebab']}"],
                     ["# list orders", f"GET https://api.{n['host']}.com/v1/orders", f"Authorization: Bearer {v}",
                      "Accept: application/json"],
                     [":headers = <<", f"{hdr}: {v}", "Content-Type: application/json", "#", "",
                      f"GET https://api.{n['host']}.com/v1/orders", ":headers"]])
    if ext == "jetbrains-http-env":  # http-client.private.env.json
        return pick([['  "prod": {', f'    "{n["lower"]}": "{v}",', f'    "host": "https://api.{n["host"]}.com"', "  },"],
                     ['  "dev": {', f'    "{n["camel"]}": "{v}"', "  },"],
                     ['  "prod": {', '    "Security": {', '      "Auth": {', f'        "{n["owner_kebab"]}": {{',
                      '          "Type": "OAuth2",', '          "Grant Type": "Client Credentials",',
                      f'          "Token URL": "https://auth.{n["host"]}.com/oauth/token",',
                      '          "Client ID": "orders-api",', f'          "Client Secret": "{v}"', "        }", "      }",
                      "    }", "  },"]])
    # --- program output -----------------------------------------------------------------------
    if ext == "helm-get-values":
        return pick([[f"{n['ownerCamel']}:", "  enabled: true", f"  {n['leafCamel']}: {v}"],
                     ["env:", f"  {up}: {v}"],
                     ["secrets:", f"  {n['lower']}: {v}"]])
    if ext == "tf-output-json":
        return pick([[f'  "{n["lower"]}": {{', '    "sensitive": false,', '    "type": "string",', f'    "value": "{v}"',
                      "  },"],
                     [f'  "{n["owner"]}_credentials": {{', '    "sensitive": true,', '    "type": [', '      "object",',
                      "      {", f'        "{n["leaf"]}": "string"', "      }", "    ],", '    "value": {',
                      f'      "{n["leaf"]}": "{v}"', "    }", "  },"]])
    if ext == "vault-kv-get":
        row = n["lower"].ljust(max(len(n["lower"]) + 4, 19))
        return pick([["$ vault kv get secret/orders/prod", "====== Secret Path ======", "secret/data/orders/prod", "",
                      "======= Metadata =======", "Key                Value", "---                -----",
                      "created_time       2024-05-07T10:11:12.345678Z", "custom_metadata    <nil>",
                      "deletion_time      n/a", "destroyed          false", "version            7", "",
                      "====== Data ======", "Key".ljust(len(row)) + "Value", "---".ljust(len(row)) + "-----",
                      "region".ljust(len(row)) + "eu-west-1", row + v],
                     [f"$ vault kv get -field={n['leaf']} secret/orders/{n['owner']}", v]])
    if ext == "redis-hgetall":
        prompt = "cache.acme.example:6380[2]> "
        return pick([[f"{prompt}HGETALL config:{n['owner']}", f'1) "{n["leaf"]}"', f'2) "{v}"', '3) "region"',
                      '4) "eu-west-1"'],
                     [f"{prompt}GET {n['owner']}:{n['leaf']}", f'"{v}"'],
                     [f"{prompt}HGET config:orders {n['lower']}", f'"{v}"']])
    if ext == "git-remote-v":
        url = pick([f"https://oauth2:{v}@gitlab.{n['host']}.com/acme/orders.git",
                    f"https://x-access-token:{v}@github.com/{n['owner_kebab']}/orders.git",
                    f"https://{n['owner']}:{v}@git.{n['host']}.com/scm/ord/orders.git"])
        remote = pick(["origin", n["owner_kebab"]])
        return [f"{remote}\t{url} (fetch)", f"{remote}\t{url} (push)"]
    if ext == "go-header-log":  # Go's http.Header printed with %v
        return [pick([f'time=2024-05-07T10:11:12.345Z level=DEBUG msg="outgoing request" method=GET '
                      f'url=https://api.{n["host"]}.com/v1/orders headers="map[Accept:[application/json] {hdr}:[{v}]]"',
                      f'time=2024-05-07T10:11:12.345Z level=DEBUG msg="outgoing request" method=POST '
                      f'url=https://api.{n["host"]}.com/v1/events '
                      f'headers="map[Authorization:[Bearer {v}] User-Agent:[Go-http-client/1.1]]"',
                      f"2024/05/07 10:11:12 {n['owner']}: request headers: map[{hdr}:[{v}] Content-Type:[application/json]]"])]
    # --- documents, diffs and escapes ---------------------------------------------------------
    if ext == "mediawiki-table":
        return pick([['{| class="wikitable"', "! Service !! Variable !! Value", "|-",
                      f"| {n['Owner']} || <code>{up}</code> || <code>{v}</code>", "|}"],
                     ['{| class="wikitable sortable"', "! Name !! Value", "|-", f"| {n['Owner']} {n['leaf_title']}", f"| {v}",
                      "|}"],
                     [f"* '''{n['Owner']} {n['leaf_title']}''': <nowiki>{v}</nowiki>"]])
    if ext == "org-properties":
        return pick([[f"* {n['Owner']}", "  :PROPERTIES:", f"  :{up}: {v}", "  :END:"],
                     [f"#+PROPERTY: {n['lower']} {v}"],
                     ["| Service | Credential | Value |", "|---------+------------+-------|",
                      f"| {n['Owner']} | {n['leaf_title']} | ={v}= |"]])
    if ext == "format-patch":  # a `git format-patch` mail's diff
        return pick([["---", " config/production.env | 1 +", " 1 file changed, 1 insertion(+)", "",
                      "diff --git a/config/production.env b/config/production.env", "index 3b18e51..a9c2f04 100644",
                      "--- a/config/production.env", "+++ b/config/production.env", "@@ -1,2 +1,3 @@", " LOG_LEVEL=info",
                      " REGION=eu-west-1", f"+{up}={v}"],
                     ["---", " config/app.yml | 2 ++", " 1 file changed, 2 insertions(+)", "",
                      "diff --git a/config/app.yml b/config/app.yml", "index 7c1d2e3..8f9a0b1 100644",
                      "--- a/config/app.yml", "+++ b/config/app.yml", "@@ -4 +4,3 @@ server:", "   port: 8080",
                      f"+{n['owner']}:", f"+  {n['leaf']}: {v}"],
                     ["---", " orders/client.py | 2 +-", " 1 file changed, 1 insertion(+), 1 deletion(-)", "",
                      "diff --git a/orders/client.py b/orders/client.py", "index 0a1b2c3..4d5e6f7 100644",
                      "--- a/orders/client.py", "+++ b/orders/client.py", "@@ -3,2 +3,2 @@ import os", " ",
                      f'-{up} = os.environ["{up}"]', f'+{up} = "{v}"']])
    if ext == "word-diff":  # `git diff --word-diff`
        return pick([["@@ -3,3 +3,3 @@ LOG_LEVEL=info", "REGION=eu-west-1", f"{up}=[-changeme-]{{+{v}+}}"],
                     ["@@ -3,2 +3,3 @@ LOG_LEVEL=info", "REGION=eu-west-1", f"{{+{up}={v}+}}"],
                     ["@@ -3,3 +3,3 @@ LOG_LEVEL=info", "REGION=eu-west-1", f'{up}=[-"changeme"-]{{+"{v}"+}}']])
    if ext == "merge-conflict":  # committed conflict markers
        return pick([["<<<<<<< HEAD", f"{n['owner']}:", f"  {n['leaf']}: {v}", "=======", f"{n['owner']}:",
                      f"  {n['leaf']}: ${{{up}}}", ">>>>>>> feature/env-config"],
                     ["<<<<<<< HEAD", f"{n['lower']}: ${{{up}}}", "=======", f"{n['lower']}: {v}", ">>>>>>> origin/main"],
                     ["<<<<<<< ours", f'{n["lower"]}: "{v}"', "||||||| base", f'{n["lower"]}: ""', "=======",
                      f'{n["lower"]}: "${{{up}}}"', ">>>>>>> theirs"]])
    if ext == "xml-escaped-json":  # JSON written into .NET XML config, quotes as entities
        return pick([["  <applicationSettings>", "    <Orders.Worker.Properties.Settings>",
                      f'      <setting name="{n["Owner"]}" serializeAs="String">',
                      f"        <value>{{&quot;{n['leafCamel']}&quot;:&quot;{v}&quot;,&quot;region&quot;:&quot;eu-west-1&quot;}}"
                      "</value>", "      </setting>", "    </Orders.Worker.Properties.Settings>", "  </applicationSettings>"],
                     ["  <appSettings>",
                      f'    <add key="{n["Owner"]}:Settings" value="{{ &quot;{n["Leaf"]}&quot;: &quot;{v}&quot; }}" />',
                      "  </appSettings>"],
                     ["  <appSettings>", '    <add key="Environment" value="Production" />',
                      f'    <add key="{n["Owner"]}" value="{{&quot;{n["leafCamel"]}&quot;:&quot;{v}&quot;}}" />',
                      "  </appSettings>"]])
    raise ValueError(f"unknown held-out syntax {ext}")


# name: (file name, header lines, footer lines, comment prefix or None)
SYNTAXES = {
    # CI and build systems
    "appveyor-yml": ("appveyor.yml", ["version: 1.0.{build}", "image: Visual Studio 2022", ""],
                     ["", "build_script:", "  - cmd: dotnet build -c Release", "", "artifacts:",
                      "  - path: '**\\*.nupkg'"], "# "),
    "codemagic-yaml": ("codemagic.yaml", ["workflows:", "  android-release:", "    name: Android release",
                                          "    instance_type: mac_mini_m2", "    max_build_duration: 60",
                                          "    environment:", "      flutter: stable"],
                       ["    scripts:", "      - name: Build", "        script: flutter build appbundle --release",
                        "    artifacts:", "      - build/**/outputs/**/*.aab"], "# "),
    "bitrise-yml": ("bitrise.yml", ['format_version: "13"',
                                    "default_step_lib_source: https://github.com/bitrise-io/bitrise-steplib.git",
                                    "project_type: react-native", ""],
                    ["", "meta:", "  bitrise.io:", "    stack: osx-xcode-15.4.x"], "# "),
    "codebuild-buildspec": ("buildspec.yml", ["version: 0.2", ""],
                            ["", "phases:", "  install:", "    runtime-versions:", "      nodejs: 20", "  build:",
                             "    commands:", "      - npm ci", "      - npm run build", "artifacts:", "  files:",
                             "    - 'dist/**/*'"], "# "),
    "cloudbuild-yaml": ("cloudbuild.yaml", ["steps:", "- name: gcr.io/cloud-builders/docker",
                                            "  args: ['build', '-t', 'gcr.io/$PROJECT_ID/orders:$SHORT_SHA', '.']"],
                        ["images:", "- gcr.io/$PROJECT_ID/orders:$SHORT_SHA", "options:", "  logging: CLOUD_LOGGING_ONLY"],
                        "# "),
    "concourse-pipeline": ("ci/pipeline.yml", ["resources:", "- name: orders-repo", "  type: git", "  source:",
                                               "    uri: https://github.com/acme/orders.git", "    branch: main"],
                           ["", "groups:", "- name: all", "  jobs: [deploy]"], "# "),
    "earthfile": ("Earthfile", ["VERSION 0.8", "FROM node:20-alpine", "WORKDIR /app", ""],
                  ["", "docker:", "    FROM +build", "    SAVE IMAGE --push acme/orders:latest"], "# "),
    "fastlane-fastfile": ("fastlane/Fastfile", ["default_platform(:ios)", "", "platform :ios do"],
                          ["", "  lane :screenshots do", "    capture_screenshots", "  end", "end"], "# "),
    # app platforms, process managers and servers
    "gae-app-yaml": ("app.yaml", ["runtime: python312", "entrypoint: gunicorn -b :$PORT main:app",
                                  "instance_class: F2", ""],
                     ["", "handlers:", "- url: /static", "  static_dir: static", "- url: /.*", "  script: auto"], "# "),
    "kamal-deploy": ("config/deploy.yml", ["service: orders", "image: acme/orders", "servers:", "  web:",
                                           "    - 192.168.0.1", ""],
                     ["", "builder:", "  arch: amd64"], "# "),
    "pm2-ecosystem": ("ecosystem.config.js", ["module.exports = {", "  apps: [", "    {", "      name: 'orders-api',",
                                              "      script: './dist/server.js',", "      instances: 'max',",
                                              "      exec_mode: 'cluster',"],
                      ["    },", "  ],", "  deploy: {", "    production: {", "      user: 'deploy',",
                       "      host: ['web1.acme.example'],", "      ref: 'origin/main',",
                       "      repo: 'git@github.com:acme/orders.git',", "      path: '/srv/orders',", "    },", "  },",
                       "};"], "// "),
    "gunicorn-conf": ("gunicorn.conf.py", ["import multiprocessing", "", 'bind = "0.0.0.0:8000"',
                                           "workers = multiprocessing.cpu_count() * 2 + 1"],
                      ['accesslog = "-"', "timeout = 60"], "# "),
    "quadlet-container": (".config/containers/systemd/orders.container",
                          ["[Unit]", "Description=Orders API", "After=network-online.target", "", "[Container]",
                           "Image=ghcr.io/acme/orders:1.4.2", "PublishPort=8080:8080"],
                          ["Volume=orders-data:/var/lib/orders:Z", "", "[Service]", "Restart=always", "", "[Install]",
                           "WantedBy=default.target"], "# "),
    "tomcat-context": ("conf/context.xml", ['<?xml version="1.0" encoding="UTF-8"?>', "<Context>",
                                            "    <WatchedResource>WEB-INF/web.xml</WatchedResource>"],
                       ['    <Manager pathname="" />', "</Context>"], None),
    # infrastructure
    "terragrunt-hcl": ("live/prod/orders/terragrunt.hcl",
                       ['include "root" {', "  path = find_in_parent_folders()", "}", "", "terraform {",
                        '  source = "git::https://github.com/acme/modules.git//orders?ref=v1.4.2"', "}", ""],
                       ["", 'dependency "vpc" {', '  config_path = "../vpc"', "}"], "# "),
    "bicep-params": ("infra/main.bicepparam", ["using './main.bicep'", "", "param location = 'westeurope'"],
                     ["param sku = 'P1v3'"], "// "),
    "arm-parameters": ("infra/azuredeploy.parameters.json",
                       ["{", '  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/'
                             'deploymentParameters.json#",', '  "contentVersion": "1.0.0.0",', '  "parameters": {'],
                       ['    "location": {', '      "value": "westeurope"', "    }", "  }", "}"], None),
    "consul-kv-put": ("scripts/seed-consul.sh", ["set -euo pipefail", "export CONSUL_HTTP_ADDR=https://consul.acme.example:8501",
                                                 "consul kv put config/orders/region eu-west-1"],
                      ["consul kv get -recurse config/orders/ | wc -l", 'echo "consul kv seeded"'], "# "),
    # framework configuration APIs
    "micronaut-yaml-default": ("src/main/resources/application-prod.yml",
                               ["micronaut:", "  application:", "    name: orders", "  server:", "    port: 8080"],
                               ["datasources:", "  default:", "    url: jdbc:postgresql://localhost:5432/orders",
                                "    driver-class-name: org.postgresql.Driver"], "# "),
    "nestjs-register-as": ("src/config/integrations.config.ts",
                           ["import { registerAs } from '@nestjs/config';", "import * as Joi from 'joi';", ""],
                           ["", "export const REGION = process.env.REGION ?? 'eu-west-1';"], "// "),
    "omegaconf-interp": ("conf/config.yaml", ["defaults:", "  - _self_", "  - db: postgres", ""],
                         ["", "hydra:", "  run:", "    dir: outputs/${now:%Y-%m-%d}/${now:%H-%M-%S}"], "# "),
    "py-decouple": ("orders/settings/base.py", ["from decouple import Csv, config", "import environ", "",
                                                "env = environ.Env()", "",
                                                'DEBUG = config("DEBUG", default=False, cast=bool)'],
                    ['ALLOWED_HOSTS = config("ALLOWED_HOSTS", default="localhost", cast=Csv())'], "# "),
    "dynaconf-secrets": (".secrets.toml", ["[default]", "debug = false", ""],
                         ["", "[staging]", "debug = true"], "# "),
    "logback-appender": ("src/main/resources/logback-spring.xml",
                         ['<?xml version="1.0" encoding="UTF-8"?>', "<configuration>",
                          '    <include resource="org/springframework/boot/logging/logback/base.xml"/>'],
                         ['    <root level="INFO">', '        <appender-ref ref="CONSOLE"/>', "    </root>",
                          "</configuration>"], None),
    # package and tool auth files
    "poetry-config-toml": (".config/pypoetry/config.toml", ["[virtualenvs]", "in-project = true", ""],
                           ["", "[installer]", "max-workers = 4"], "# "),
    "pip-conf": (".config/pip/pip.conf", ["[global]", "timeout = 60"], ["", "[freeze]", "timeout = 10"], "# "),
    "pyproject-index": ("pyproject.toml", ["[project]", 'name = "orders"', 'version = "1.4.2"',
                                           'requires-python = ">=3.11"', ""],
                        ["", "[build-system]", 'requires = ["hatchling"]', 'build-backend = "hatchling.build"'], "# "),
    "deno-auth-tokens": ("scripts/deno-env.sh", ["set -euo pipefail", 'export DENO_DIR="$PWD/.deno"'],
                         ["deno task build"], "# "),
    "helm-repositories": (".config/helm/repositories.yaml",
                          ['apiVersion: ""', 'generated: "2024-05-07T10:11:12.345678+02:00"', "repositories:"],
                          ['- caFile: ""', '  certFile: ""', "  insecure_skip_tls_verify: false", '  keyFile: ""',
                           "  name: bitnami", "  pass_credentials_all: false", '  password: ""',
                           "  url: https://charts.bitnami.com/bitnami", '  username: ""'], "# "),
    "s3cfg": (".s3cfg", ["[default]", "bucket_location = eu-west-1", "check_ssl_certificate = True",
                         "access_key = orders-backup"],
              ["signature_v2 = False", "use_https = True"], "# "),
    "doctl-config": (".config/doctl/config.yaml", ["apps:", "  dev:", "    config: .do/dev-config.yaml"],
                     ["context: default", "output: text"], "# "),
    # database and network clients
    "my-cnf": (".my.cnf", ["[mysql]", "auto-rehash", "default-character-set = utf8mb4", ""],
               ["", "[mysqladmin]", "force"], "# "),
    "odbc-ini": (".odbc.ini", ["[ODBC Data Sources]", "Orders = PostgreSQL Unicode", ""], ["", "[ODBC]", "Trace = No"],
                 "; "),
    "pg-service-conf": (".pg_service.conf", ["[orders-ro]", "host=db-replica.acme.example", "port=5432",
                                             "dbname=orders", "user=readonly", ""],
                        ["", "[orders-local]", "host=localhost", "dbname=orders"], "# "),
    "flyway-conf": ("conf/flyway.conf", ["flyway.url=jdbc:postgresql://db.acme.example:5432/orders", "flyway.user=orders",
                                         "flyway.locations=filesystem:sql"],
                    ["flyway.baselineOnMigrate=true"], "# "),
    "db-cli-password": ("scripts/db-shell.sh", ["set -euo pipefail", 'cd "$(dirname "$0")/.."'], ['echo "ok"'], "# "),
    "wpa-supplicant": ("etc/wpa_supplicant/wpa_supplicant.conf",
                       ["ctrl_interface=DIR=/var/run/wpa_supplicant GROUP=netdev", "update_config=1", "country=DE", ""],
                       ["", "network={", '    ssid="guest"', "    key_mgmt=NONE", "}"], "# "),
    # shells, mobile and game projects
    "nushell-env": (".config/nushell/env.nu", ['$env.EDITOR = "hx"',
                                               "$env.PATH = ($env.PATH | split row (char esep) | prepend ~/.local/bin)"],
                    ['$env.NU_LIB_DIRS = [($nu.default-config-dir | path join "scripts")]'], "# "),
    "xonshrc": (".xonshrc", ["$XONSH_SHOW_TRACEBACK = True", "$AUTO_CD = True"], ["aliases['ll'] = 'ls -la'"], "# "),
    "tcsh-setenv": (".tcshrc", ['set prompt = "%n@%m:%~%# "', "setenv EDITOR vim"], ["alias ll 'ls -lA'"], "# "),
    "godot-project": ("project.godot", ["; Engine configuration file.",
                                        "; It's best edited using the editor UI and not directly,",
                                        "; since the parameters that go here are not all obvious.", ";", "; Format:",
                                        ";   [section] ; section goes between []",
                                        ";   param=value ; assign values to parameters", "", "config_version=5", ""],
                      ["", "[rendering]", "", 'renderer/rendering_method="mobile"'], "; "),
    "cordova-config": ("config.xml", ["<?xml version='1.0' encoding='utf-8'?>",
                                      '<widget id="com.acme.orders" version="1.4.2" xmlns="http://www.w3.org/ns/widgets" '
                                      'xmlns:cdv="http://cordova.apache.org/ns/1.0">',
                                      "    <name>Orders</name>", '    <content src="index.html" />'],
                       ['    <access origin="*" />', "</widget>"], None),
    "android-local-properties": ("local.properties",
                                 ["## This file must *NOT* be checked into Version Control Systems,",
                                  "# as it contains information specific to your local configuration.", "#",
                                  "# Location of the SDK. This is only used by Gradle.",
                                  "sdk.dir=/Users/dev/Library/Android/sdk"],
                                 ["flutter.sdk=/Users/dev/flutter"], "# "),
    "flutter-dart-define": ("scripts/build-release.sh", ["set -euo pipefail", "flutter pub get"],
                            ['echo "build done"'], "# "),
    # HTTP clients
    "hurl-file": ("api/orders.hurl", ["GET https://orders.acme.example/health", "HTTP 200", ""],
                  ["", "GET https://orders.acme.example/version", "HTTP 200"], "# "),
    "curlrc": (".curlrc", ["silent", "show-error", "location"], ["connect-timeout = 10", "retry = 3"], "# "),
    "restclient-el": ("requests/orders.rest", ["# -*- restclient -*-", ""],
                      ["", "# health", "GET https://orders.acme.example/health"], "# "),
    "jetbrains-http-env": ("http-client.private.env.json", ["{"],
                           ['  "local": {', '    "host": "http://localhost:8080"', "  }", "}"], None),
    # program output
    "helm-get-values": ("ops/helm-values-orders.txt", ["$ helm get values orders -n prod", "USER-SUPPLIED VALUES:"],
                        ["image:", "  tag: 1.4.2", "replicaCount: 3"], None),
    "tf-output-json": ("ops/terraform-output.json", ["{"],
                       ['  "region": {', '    "sensitive": false,', '    "type": "string",', '    "value": "eu-west-1"',
                        "  }", "}"], None),
    "vault-kv-get": ("ops/vault-read.txt", ["$ export VAULT_ADDR=https://vault.acme.example:8200", "$ vault login -method=oidc",
                                            "Success! You are now authenticated."],
                     ["$ vault token revoke -self", "Success! Revoked token (if it existed)"], None),
    "redis-hgetall": ("ops/redis-session.txt", ["$ redis-cli -h cache.acme.example -p 6380 --tls",
                                                "cache.acme.example:6380> SELECT 2", "OK"],
                      ["cache.acme.example:6380[2]> QUIT"], None),
    "git-remote-v": ("debug/git-remote.txt", ["$ git remote -v"],
                     ["$ git status -sb", "## main...origin/main"], None),
    "go-header-log": ("logs/gateway.log", ['time=2024-05-07T10:11:12.000Z level=INFO msg="starting gateway" addr=:8443'],
                      ['time=2024-05-07T10:11:12.527Z level=INFO msg="request done" status=200 duration=182ms'], None),
    # documents, diffs and escapes
    "mediawiki-table": ("wiki/Orders_service.wiki", ["== Credentials ==", "Ask in #platform before rotating any of these.",
                                                     ""],
                        ["", "== See also ==", "* [[Orders runbook]]"], None),
    "org-properties": ("notes/services.org", ["#+TITLE: Service accounts", "#+STARTUP: overview", ""],
                       ["", "* Rotation", "  Every 90 days."], "# "),
    "format-patch": ("patches/0001-Configure-the-client.patch",
                     ["From 3f2a9c1e0b7d4e5f8a6b2c1d0e9f8a7b6c5d4e3f Mon Sep 17 00:00:00 2001",
                      "From: Dev Eloper <dev@acme.example>", "Date: Tue, 7 May 2024 10:11:12 +0200",
                      "Subject: [PATCH] Configure the client", "", "Adds the settings the deploy needs.", ""],
                     ["-- ", "2.45.1", ""], None),
    "word-diff": ("review/production-env.diff", ["$ git diff --word-diff HEAD~1 -- config/production.env",
                                                 "diff --git a/config/production.env b/config/production.env",
                                                 "index 3b18e51..a9c2f04 100644", "--- a/config/production.env",
                                                 "+++ b/config/production.env"],
                  ["TIMEOUT=30"], None),
    "merge-conflict": ("config/settings.yml", ["server:", "  port: 8080", ""], ["", "logging:", "  level: info"], "# "),
    "xml-escaped-json": ("src/Orders.Worker/Web.config", ['<?xml version="1.0" encoding="utf-8"?>', "<configuration>",
                                                          "  <startup>",
                                                          '    <supportedRuntime version="v4.0" sku=".NETFramework,Version=v4.8" />',
                                                          "  </startup>"],
                         ['  <system.web>', '    <compilation debug="false" targetFramework="4.8" />', "  </system.web>",
                          "</configuration>"], None),
}
HELDOUT10_SYNTAXES = list(SYNTAXES)
