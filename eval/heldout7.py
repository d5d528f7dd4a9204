"""Seventh held-out syntax set: written blind, nobody tunes rules or the engine against it.

eval/heldout6.py is about to be used to fix rules, so this one takes its place as the predictor
of how the pack does on syntaxes it has never seen. It was written and committed before any
result of it was looked at, from how real projects and other scanners' public test cases write
credentials, in forms that none of eval/gen.py, eval/heldout.py and eval/heldout2.py ..
eval/heldout6.py produce, weighted toward areas the earlier sets lack:
infrastructure and secret tooling (Helmfile releases' `set:` and inline values, Argo CD Helm
parameters, Flux HelmRelease values, Nomad `env` and `template` stanzas, Packer provisioners'
`environment_vars`, SaltStack pillars with Jinja, cloud-init `write_files` and `runcmd`,
Prometheus `remote_write` auth, Grafana datasource provisioning `secureJsonData`, Fluentd
`<match>` directives, Logstash outputs, Vector sinks, Airflow connections, dbt `profiles.yml`,
DVC's `config.local`, OpenTelemetry Collector exporters' headers, Telegraf outputs, Caddyfile
and HAProxy header rewrites), developer tools' files (JetBrains `dataSources.xml` and the
`workspace.xml` PropertiesComponent, Bruno `.bru`, Insomnia exports, DBeaver `data-sources.json`,
Postman environments, HTTPie sessions, zsh `typeset -x`, `launchctl setenv`, `.wgetrc`,
`.msmtprc`), languages and formats (EDN with Aero readers, Gradle `credentials {}` blocks,
Crystal, Starlark, JSON5, XML CDATA, YAML `!!str` tags, Pkl, KDL, RON, D, Gleam, CMake `set`,
Meson options) and real-life mistakes (a CHANGELOG code block, a rotated key left in a comment,
a Dockerfile `RUN curl` with the key in the URL, a debug print, `curl --data-urlencode`, wget
headers).

Interface as eval/heldout6.py: `render(ext, key, value, rng)` returns the lines holding `value`;
`SYNTAXES` maps each name to (file name, header lines, footer lines, comment prefix or None).
Key names come from the rule metadata as in gen.py; each syntax re-spells the key the way its
language does, some with the provider word on the key itself, some on a parent, a section, a
release, a connection or a host, some only nearby.

File names avoid the test path globs (rules/test-paths.toml). The helpers are copied, not
imported from heldout2.py .. heldout6.py, so that edits there do not move this set.
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
    """The lines that hold `value` under `key` in held-out syntax `ext` (seventh set)."""
    n = names(key)
    v = value
    pick = rng.choice
    # --- infrastructure and secret tooling -----------------------------------------------
    if ext == "helmfile-values":  # a release's `set:` list and inline values
        return pick([[f"  - name: {n['owner_kebab']}-exporter", f"    chart: {n['owner_kebab']}/exporter",
                      "    set:", f"      - name: {n['ownerCamel']}.{n['leafCamel']}", f"        value: {v}"],
                     ["  - name: orders", "    chart: acme/orders", "    values:", f"      - {n['ownerCamel']}:",
                      f'          {n["leafCamel"]}: "{v}"']])
    if ext == "argocd-app":  # Helm parameters of an Argo CD Application
        return pick([["    helm:", "      parameters:", f"        - name: {n['ownerCamel']}.{n['leafCamel']}",
                      f'          value: "{v}"'],
                     ["    helm:", "      values: |", f"        {n['ownerCamel']}:",
                      f"          {n['leafCamel']}: {v}"],
                     ["    plugin:", "      env:", f"        - name: {n['UPPER']}", f"          value: {v}"]])
    if ext == "flux-helmrelease":
        return pick([["  values:", f"    {n['ownerCamel']}:", "      enabled: true", f"      {n['leafCamel']}: {v}"],
                     ["  values:", "    env:", f"      {n['UPPER']}: \"{v}\""]])
    if ext == "nomad-job":
        return pick([["      env {", f'        {n["UPPER"]} = "{v}"', '        LOG_LEVEL = "info"', "      }"],
                     ["      template {", "        data = <<EOH", f"{n['UPPER']}={v}", "EOH",
                      '        destination = "secrets/app.env"', "        env         = true", "      }"],
                     ["      config {", '        image = "acme/orders:1.4"',
                      f'        args  = ["--{n["kebab"]}", "{v}"]', "      }"]])
    if ext == "packer-provisioner":
        return pick([['  provisioner "shell" {', "    environment_vars = [", f'      "{n["UPPER"]}={v}",',
                      '      "DEBIAN_FRONTEND=noninteractive",', "    ]", '    script = "scripts/setup.sh"', "  }"],
                     ["locals {", f'  {n["lower"]} = "{v}"', "}"]])
    if ext == "salt-pillar":  # a pillar .sls, plain or through Jinja
        return pick([[f"{n['owner']}:", "  lookup:", f"    {n['leaf']}: {v}"],
                     [f"{{% set {n['lower']} = '{v}' %}}", f"{n['owner']}:", f"  {n['leaf']}: {{{{ {n['lower']} }}}}"],
                     ["orders:", "  environment:", f"    {n['UPPER']}: '{v}'"]])
    if ext == "cloud-init":  # #cloud-config user-data
        return pick([["write_files:", f"  - path: /etc/{n['owner_kebab']}/credentials", "    permissions: '0600'",
                      "    content: |", f"      {n['leaf']} = {v}"],
                     ["runcmd:", f"  - echo '{n['UPPER']}={v}' >> /etc/environment", "  - systemctl restart orders"],
                     ["bootcmd:", f"  - [ sh, -c, 'echo export {n['UPPER']}={v} > /etc/profile.d/{n['owner']}.sh' ]"]])
    if ext == "prom-remote-write":
        return pick([[f"  - url: https://prometheus.{n['host']}.net/api/prom/push", "    basic_auth:",
                      "      username: '412345'", f"      password: {v}"],
                     [f"  - url: https://metrics.{n['host']}.io/api/v1/write", "    authorization:",
                      "      type: Bearer", f"      credentials: {v}"],
                     [f"  - url: https://ingest.{n['host']}.com/prometheus", f"    bearer_token: {v}"]])
    if ext == "grafana-datasource":  # provisioning: the secret in secureJsonData
        return pick([[f"  - name: {n['Owner']}", "    type: prometheus", f"    url: https://api.{n['host']}.com",
                      "    secureJsonData:", f"      {n['leafCamel']}: {v}"],
                     ["  - name: Orders DB", "    type: postgres", "    user: grafana", "    secureJsonData:",
                      f"      password: '{v}'"],
                     [f"  - name: {n['Owner']}", "    jsonData:", "      httpHeaderName1: Authorization",
                      "    secureJsonData:", f"      httpHeaderValue1: 'Bearer {v}'"]])
    if ext == "fluentd-match":  # directive lines: a name, a space, the value
        return pick([[f"<match {n['owner']}.**>", f"  @type {n['owner']}", f"  {n['leaf']} {v}", "</match>"],
                     ["<match app.**>", "  @type http", f"  endpoint https://logs.{n['host']}.com/v1/ingest",
                      f'  headers {{"X-{n["Leaf_dash"]}":"{v}"}}', "</match>"]])
    if ext == "logstash-output":
        return pick([["output {", "  elasticsearch {", '    hosts => ["https://es.internal:9200"]',
                      '    user => "logstash_writer"', f'    password => "{v}"', "  }", "}"],
                     ["output {", f"  {n['owner']} {{", f'    {n["leaf"]} => "{v}"', "  }", "}"]])
    if ext == "vector-sink":  # vector.toml
        return pick([[f"[sinks.{n['owner']}]", f'type = "{n["owner"]}"', 'inputs = ["app_logs"]',
                      f'default_{n["leaf"]} = "{v}"'],
                     ["[sinks.es]", 'type = "elasticsearch"', 'auth.strategy = "basic"', 'auth.user = "vector"',
                      f'auth.password = "{v}"'],
                     [f"[sinks.{n['owner']}_http]", 'type = "http"', f'uri = "https://in.{n["host"]}.com"',
                      f'request.headers.Authorization = "Bearer {v}"']])
    if ext == "airflow-conn":
        return pick([[f"airflow connections add '{n['owner']}_default' --conn-type http "
                      f"--conn-host api.{n['host']}.com --conn-password '{v}'"],
                     [f"export AIRFLOW_CONN_{n['OWNER']}_DEFAULT='{{\"conn_type\": \"http\", "
                      f"\"extra\": {{\"{n['leaf']}\": \"{v}\"}}}}'"],
                     [f"export AIRFLOW_VAR_{n['UPPER']}='{v}'"]])
    if ext == "dbt-profiles":
        return pick([["orders:", "  target: prod", "  outputs:", "    prod:", "      type: postgres",
                      "      host: warehouse.internal", "      user: dbt", f"      password: {v}"],
                     [f"{n['owner']}_warehouse:", "  outputs:", "    dev:", "      type: snowflake",
                      f"      {n['leaf']}: '{v}'"]])
    if ext == "dvc-config":  # .dvc/config.local
        return pick([["['remote \"storage\"']", "    url = s3://orders-data/dvc", f"    {n['leaf']} = {v}"],
                     [f"['remote \"{n['owner']}\"']", f"    url = https://dvc.{n['host']}.com/orders",
                      "    auth = custom", "    custom_auth_header = Authorization", f"    password = {v}"]])
    if ext == "otel-collector":
        return pick([[f"  otlphttp/{n['owner']}:", f"    endpoint: https://otlp.{n['host']}.com", "    headers:",
                      f"      {n['leaf_kebab']}: {v}"],
                     [f"  {n['owner']}:", "    api:", f"      key: {v}", "      site: eu"]])
    if ext == "telegraf":
        return pick([["[[outputs.influxdb_v2]]", '  urls = ["https://eu-central-1.influxdata.example"]',
                      f'  token = "{v}"', '  organization = "orders"'],
                     [f"[[outputs.{n['owner']}]]", f'  {n["leaf"]} = "{v}"']])
    if ext == "caddyfile":
        return pick([[f"    reverse_proxy https://api.{n['host']}.com {{",
                      f'        header_up X-{n["Leaf_dash"]} "{v}"', "    }"],
                     ["    reverse_proxy backend:8080 {", f'        header_up Authorization "Bearer {v}"', "    }"]])
    if ext == "haproxy":
        return pick([[f"backend {n['owner']}_api", f"    http-request set-header X-{n['Leaf_dash']} {v}",
                      f"    server s1 api.{n['host']}.com:443 ssl verify required"],
                     ["backend orders", f'    http-request set-header Authorization "Bearer {v}"',
                      "    server s1 10.0.0.12:8080"]])
    # --- developer tools' files ------------------------------------------------------------
    if ext == "idea-datasources":  # JetBrains dataSources.xml
        return pick([['    <data-source source="LOCAL" name="orders@prod">',
                      "      <driver-ref>postgresql</driver-ref>",
                      "      <jdbc-url>jdbc:postgresql://db.internal:5432/orders</jdbc-url>",
                      "      <user-name>orders</user-name>", f'      <property name="password" value="{v}" />',
                      "    </data-source>"],
                     [f'    <data-source source="LOCAL" name="{n["Owner"]}">',
                      f"      <jdbc-url>jdbc:{n['owner']}://api.{n['host']}.com/?{n['leaf']}={v}</jdbc-url>",
                      "    </data-source>"]])
    if ext == "idea-workspace":  # the PropertiesComponent's JSON inside CDATA
        return pick([['  <component name="PropertiesComponent"><![CDATA[{', '  "keyToString": {',
                      f'    "{n["lower"]}": "{v}",', '    "RunOnceActivity.ShowReadmeOnStart": "true"', "  }",
                      "}]]></component>"],
                     ['  <component name="PropertiesComponent">',
                      f'    <property name="{n["dotted"]}" value="{v}" />', "  </component>"]])
    if ext == "bruno-bru":
        return pick([["headers {", f"  x-{n['leaf_kebab']}: {v}", "  accept: application/json", "}"],
                     ["auth:bearer {", f"  token: {v}", "}"],
                     ["vars:pre-request {", f"  {n['camel']}: {v}", "}"]])
    if ext == "insomnia-export":
        return pick([["    {", '      "_type": "environment",', '      "name": "Production",', '      "data": {',
                      f'        "{n["camel"]}": "{v}",', f'        "baseUrl": "https://api.{n["host"]}.com"',
                      "      }", "    },"],
                     ["    {", '      "_type": "request",', f'      "url": "https://api.{n["host"]}.com/v1/me",',
                      f'      "authentication": {{ "type": "bearer", "token": "{v}" }}', "    },"]])
    if ext == "dbeaver-sources":  # data-sources.json with the password saved in plain text
        return pick([[f'    "{n["owner_kebab"]}-1": {{', '      "provider": "postgresql",', '      "configuration": {',
                      '        "host": "db.internal",', '        "user": "orders",', f'        "password": "{v}",',
                      '        "auth-model": "native"', "      }", "    },"],
                     ['    "orders-prod": {', '      "configuration": {', '        "auth-properties": {',
                      f'          "{n["leafCamel"]}": "{v}"', "        }", "      }", "    },"]])
    if ext == "postman-env":
        return pick([["    {", f'      "key": "{n["camel"]}",', f'      "value": "{v}",', '      "type": "secret",',
                      '      "enabled": true', "    },"],
                     ["    {", f'      "key": "{n["lower"]}",', f'      "value": "{v}",', '      "type": "default",',
                      '      "enabled": true', "    },"]])
    if ext == "httpie-session":
        return pick([['    "auth": {', '        "type": "bearer",', f'        "raw_auth": "{v}"', "    },"],
                     ['    "headers": [', "        {", f'            "name": "X-{n["Owner"]}-{n["Leaf_dash"]}",',
                      f'            "value": "{v}"', "        }", "    ],"]])
    if ext == "zsh-typeset":
        return [pick([f"typeset -gx {n['UPPER']}='{v}'", f"typeset -x {n['UPPER']}={v}",
                      f"export {n['UPPER']}={v}  # added by {n['owner_words']} installer"])]
    if ext == "launchctl-setenv":
        return [pick([f"launchctl setenv {n['UPPER']} {v}", f'launchctl setenv {n["UPPER"]} "{v}"',
                      f"sudo launchctl setenv {n['UPPER']} '{v}'"])]
    if ext == "wgetrc":
        return [pick([f"header = X-{n['Leaf_dash']}: {v}", f"header = Authorization: Bearer {v}",
                      f"http_password = {v}"])]
    if ext == "msmtprc":  # msmtp and mbsync: a keyword, a space, the value
        return pick([[f"account {n['owner']}", f"host smtp.{n['host']}.com", "port 587", "auth on",
                      f"user {n['owner']}@acme.example", f"password {v}"],
                     [f"IMAPAccount {n['owner']}", f"Host imap.{n['host']}.com", "User orders@acme.example",
                      f"Pass {v}"]])
    # --- languages and formats -------------------------------------------------------------
    if ext == "edn-aero":  # Aero readers in an EDN config
        return pick([[f' :{n["owner_kebab"]} {{:{n["leaf_kebab"]} #or [#env {n["UPPER"]} "{v}"]}}'],
                     [f' :{n["kebab"]} #profile {{:dev "{v}"', '                :prod #env ' + n["UPPER"] + "}"],
                     [f' :{n["owner_kebab"]}/{n["leaf_kebab"]} "{v}"']])
    if ext == "gradle-maven-creds":
        return pick([["        maven {", f'            url = uri("https://maven.{n["host"]}.com/releases")',
                      "            credentials {", '                username = "deploy"',
                      f'                password = "{v}"', "            }", "        }"],
                     ["        maven {", f"            name = '{n['Owner']}'",
                      "            credentials(HttpHeaderCredentials) {",
                      f"                name = 'X-{n['Leaf_dash']}'", f"                value = '{v}'", "            }",
                      "        }"]])
    if ext == "crystal":
        return [pick([f'  {n["UPPER"]} = "{v}"', f'ENV["{n["UPPER"]}"] ||= "{v}"',
                      f'  property {n["lower"]} : String = "{v}"'])]
    if ext == "starlark":  # Bazel BUILD and .bzl files, Tiltfiles
        return pick([[f'{n["UPPER"]} = "{v}"'],
                     ["sh_binary(", '    name = "deploy",', '    srcs = ["deploy.sh"],',
                      f'    env = {{"{n["UPPER"]}": "{v}"}},', ")"],
                     [f"local_resource('seed', cmd='./seed.sh', env={{'{n['UPPER']}': '{v}'}})"]])
    if ext == "json5":
        return pick([[f"  {n['ownerCamel']}: {{", f"    {n['leafCamel']}: '{v}', // rotate yearly", "  },"],
                     [f"  {n['camel']}: '{v}',"], [f'  {n["lower"]}: "{v}",']])
    if ext == "xml-cdata":
        return pick([[f"  <{n['camel']}><![CDATA[{v}]]></{n['camel']}>"],
                     [f"  <{n['ownerCamel']}>", f"    <{n['leafCamel']}><![CDATA[{v}]]></{n['leafCamel']}>",
                      f"  </{n['ownerCamel']}>"],
                     [f'  <entry key="{n["dotted"]}"><![CDATA[{v}]]></entry>']])
    if ext == "yaml-tagged":
        return pick([[f"{n['lower']}: !!str {v}"], [f"{n['owner']}:", f"  {n['leaf']}: !!str \"{v}\""]])
    if ext == "pkl":
        return pick([[f'{n["camel"]}: String = "{v}"'],
                     [f"{n['ownerCamel']} {{", f'  {n["leafCamel"]} = "{v}"', "}"]])
    if ext == "kdl":
        return pick([[f'{n["owner_kebab"]} {{', f'    {n["leaf_kebab"]} "{v}"', "}"],
                     [f'env {n["UPPER"]}="{v}"']])
    if ext == "ron":
        return pick([[f"    {n['owner']}: (", f'        {n["leaf"]}: "{v}",', "        timeout_secs: 30,", "    ),"],
                     [f'    {n["lower"]}: "{v}",']])
    if ext == "dlang":
        return [pick([f'enum {n["camel"]} = "{v}";', f'immutable string {n["UPPER"]} = "{v}";',
                      f'environment["{n["UPPER"]}"] = "{v}";'])]
    if ext == "gleam":
        return [pick([f'pub const {n["lower"]} = "{v}"', f'const {n["lower"]}: String = "{v}"',
                      f'  {n["Owner"]}Config(..config, {n["leaf"]}: "{v}")'])]
    if ext == "cmake-set":
        return [pick([f'set({n["UPPER"]} "{v}" CACHE STRING "{n["Owner"]} {n["leaf_title"]}")',
                      f'add_compile_definitions({n["UPPER"]}="{v}")',
                      f'set(ENV{{{n["UPPER"]}}} "{v}")'])]
    if ext == "meson-option":
        return [pick([f"option('{n['lower']}', type : 'string', value : '{v}', description : "
                      f"'{n['Owner']} {n['leaf_title']}')",
                      f"option('{n['kebab']}', type: 'string', value: '{v}')"])]
    # --- real-life mistakes ----------------------------------------------------------------
    if ext == "changelog-code":  # a configuration example pasted into a release note
        return pick([[f"- {n['Owner']}: the {n['leaf_title']} is now read from the environment:", "",
                      "  ```sh", f"  {n['UPPER']}={v} ./orders serve", "  ```"],
                     [f"- Configure the {n['owner_words']} integration in `config.yml`:", "", "  ```yaml",
                      f"  {n['owner']}:", f"    {n['leaf']}: {v}", "  ```"]])
    if ext == "rotated-comment":  # the old value kept in a comment above the new reference
        return pick([[f"# old {n['owner_words']} {n['leaf_words']} (rotated 2024-05-02): {v}",
                      f"{n['UPPER']}=${{{n['UPPER']}_NEXT}}"],
                     [f"# {n['UPPER']}={v}", f"{n['UPPER']}=${{SECRET_{n['UPPER']}}}"]])
    if ext == "dockerfile-run-curl":
        return pick([[f'RUN curl -fsSL "https://get.{n["host"]}.com/install.sh?{n["leaf"]}={v}" | sh'],
                     [f"RUN curl -fsSL -H 'Authorization: Bearer {v}' https://pkg.{n['host']}.com/agent.tgz \\",
                      "    | tar -xz -C /opt"]])
    if ext == "console-debug":
        return [pick([f"  console.log('{n['camel']}', '{v}');", f'    print("DEBUG {n["lower"]}=", "{v}")',
                      f'  console.debug(`{n["owner_words"]} ready, {n["leaf_words"]}: {v}`);'])]
    if ext == "curl-urlencode":
        return pick([[f"curl -sS https://api.{n['host']}.com/v1/query \\", f'  --data-urlencode "{n["leaf"]}={v}" \\',
                      "  --data-urlencode 'q=status:open'"],
                     [f"curl -G https://api.{n['host']}.com/v2/search --data-urlencode '{n['lower']}={v}'"]])
    if ext == "wget-cli":
        return [pick([f'wget --header="X-{n["Leaf_dash"]}: {v}" https://dl.{n["host"]}.com/orders.tar.gz',
                      f"wget -q --header 'Authorization: Bearer {v}' -O - https://api.{n['host']}.com/v1/export",
                      f"wget --user=deploy --password='{v}' https://repo.{n['host']}.com/orders.deb"])]
    raise ValueError(f"unknown held-out syntax {ext}")


# name: (file name, header lines, footer lines, comment prefix or None)
SYNTAXES = {
    # infrastructure and secret tooling
    "helmfile-values": ("helmfile.yaml", ["repositories:", "  - name: acme", "    url: https://charts.acme.example",
                                          "", "releases:"], ["  - name: ingress", "    chart: acme/ingress"], "# "),
    "argocd-app": ("argocd/orders-app.yaml", ["apiVersion: argoproj.io/v1alpha1", "kind: Application", "metadata:",
                                              "  name: orders", "spec:", "  source:",
                                              "    repoURL: https://git.acme.example/deploy.git",
                                              "    path: charts/orders"],
                   ["  destination:", "    server: https://kubernetes.default.svc", "    namespace: orders"], "# "),
    "flux-helmrelease": ("clusters/prod/orders-release.yaml", ["apiVersion: helm.toolkit.fluxcd.io/v2",
                                                               "kind: HelmRelease", "metadata:", "  name: orders",
                                                               "spec:", "  interval: 10m"],
                         ["  chart:", "    spec:", "      chart: orders"], "# "),
    "nomad-job": ("jobs/orders.nomad.hcl", ['job "orders" {', '  datacenters = ["eu1"]', '  group "api" {',
                                            '    task "server" {', '      driver = "docker"'],
                  ["    }", "  }", "}"], "# "),
    "packer-provisioner": ("images/orders.pkr.hcl", ['source "amazon-ebs" "orders" {', '  region = "eu-west-1"', "}",
                                                     "", "build {", '  sources = ["source.amazon-ebs.orders"]'],
                           ["}"], "# "),
    "salt-pillar": ("pillar/orders/init.sls", ["# orders pillar"], ["", "timezone: Europe/Berlin"], "# "),
    "cloud-init": ("cloud-init/user-data", ["#cloud-config", "package_update: true", "packages:", "  - nginx"],
                   ["final_message: ready"], "# "),
    "prom-remote-write": ("prometheus/prometheus.yml", ["global:", "  scrape_interval: 30s", "", "remote_write:"],
                          ["", "scrape_configs:", "  - job_name: node"], "# "),
    "grafana-datasource": ("grafana/provisioning/datasources/datasources.yaml", ["apiVersion: 1", "", "datasources:"],
                           ["  - name: Loki", "    type: loki", "    url: http://loki:3100"], "# "),
    "fluentd-match": ("fluentd/fluent.conf", ["<source>", "  @type forward", "  port 24224", "</source>", ""],
                      ["", "<match fluent.**>", "  @type null", "</match>"], "# "),
    "logstash-output": ("logstash/pipeline/orders.conf", ["input {", "  beats { port => 5044 }", "}", ""], [], "# "),
    "vector-sink": ("vector/vector.toml", ["[sources.app_logs]", 'type = "file"', 'include = ["/var/log/orders/*.log"]',
                                           ""], ["", "[api]", "enabled = false"], "# "),
    "airflow-conn": ("scripts/airflow-bootstrap.sh", ["#!/usr/bin/env bash", "set -euo pipefail",
                                                      "airflow db migrate"], ["airflow scheduler &"], "# "),
    "dbt-profiles": ("profiles.yml", ["config:", "  send_anonymous_usage_stats: false", ""], [], "# "),
    "dvc-config": (".dvc/config.local", ["[core]", "    remote = storage"], [], "# "),
    "otel-collector": ("otel/collector.yaml", ["receivers:", "  otlp:", "    protocols:", "      grpc: {}",
                                               "exporters:"],
                       ["service:", "  pipelines:", "    traces:", "      receivers: [otlp]"], "# "),
    "telegraf": ("telegraf/telegraf.conf", ["[agent]", '  interval = "10s"', "", "[[inputs.cpu]]", "  percpu = true",
                                            ""], ["", "[[inputs.mem]]"], "# "),
    "caddyfile": ("Caddyfile", ["orders.acme.example {", "    encode gzip"], ["}"], "# "),
    "haproxy": ("haproxy/haproxy.cfg", ["defaults", "    mode http", "    timeout connect 5s", ""],
                ["", "frontend www", "    bind :80"], "# "),
    # developer tools' files
    "idea-datasources": (".idea/dataSources.xml", ['<?xml version="1.0" encoding="UTF-8"?>', '<project version="4">',
                                                   '  <component name="DataSourceManagerImpl" format="xml" '
                                                   'multifile-model="true">'],
                         ["  </component>", "</project>"], None),
    "idea-workspace": (".idea/workspace.xml", ['<?xml version="1.0" encoding="UTF-8"?>', '<project version="4">',
                                               '  <component name="ChangeListManager">', "  </component>"],
                       ['  <component name="ProjectId" id="2fGx8" />', "</project>"], None),
    "bruno-bru": ("collections/orders/Get account.bru", ["meta {", "  name: Get account", "  type: http", "  seq: 1",
                                                         "}", "", "get {", "  url: {{baseUrl}}/v1/account",
                                                         "}", ""], ["", "docs {", "  Returns the account.", "}"], None),
    "insomnia-export": ("Insomnia_2024-05-07.json", ["{", '  "_type": "export",', '  "__export_format": 4,',
                                                     '  "resources": ['],
                        ['    { "_type": "workspace", "name": "Orders" }', "  ]", "}"], None),
    "dbeaver-sources": (".dbeaver/data-sources.json", ["{", '  "folders": {},', '  "connections": {'],
                        ['    "local": { "provider": "sqlite" }', "  }", "}"], None),
    "postman-env": ("Orders.postman_environment.json", ["{", '  "id": "5b1c2d3e-0000-4000-8000-000000000001",',
                                                        '  "name": "Orders production",', '  "values": ['],
                    ['    { "key": "baseUrl", "value": "https://orders.acme.example", "enabled": true }', "  ],",
                     '  "_postman_variable_scope": "environment"', "}"], None),
    "httpie-session": (".config/httpie/sessions/api.acme.example/default.json",
                       ["{", '    "__meta__": {', '        "about": "HTTPie session file",',
                        '        "httpie": "3.2.2"',
                        "    },"], ['    "cookies": []', "}"], None),
    "zsh-typeset": (".zshrc", ['export ZSH="$HOME/.oh-my-zsh"', 'plugins=(git docker)', 'source $ZSH/oh-my-zsh.sh'],
                    ['alias k=kubectl'], "# "),
    "launchctl-setenv": ("macos/setup-env.txt", ["# run once after login"], ["launchctl kickstart -k gui/501/orders"],
                         "# "),
    "wgetrc": (".wgetrc", ["tries = 3", "timeout = 30"], ["continue = on"], "# "),
    "msmtprc": (".msmtprc", ["defaults", "tls on", "logfile ~/.msmtp.log", ""], ["", "account default : orders"],
                "# "),
    # languages and formats
    "edn-aero": ("resources/config.edn", ["{:port #long #or [#env PORT 8080]"], [" :log-level :info}"], ";; "),
    "gradle-maven-creds": ("build.gradle", ["plugins {", "    id 'java-library'", "    id 'maven-publish'", "}", "",
                                            "publishing {", "    repositories {"], ["    }", "}"], "// "),
    "crystal": ("src/orders/settings.cr", ["module Orders", "  class Settings"], ["  end", "end"], "# "),
    "starlark": ("tools/deploy/BUILD.bazel", ['load("@rules_shell//shell:sh_binary.bzl", "sh_binary")', ""],
                 ["", 'exports_files(["deploy.sh"])'], "# "),
    "json5": ("config/app.json5", ["{", "  // orders service", "  port: 8080,"], ["  logLevel: 'info',", "}"], "// "),
    "xml-cdata": ("conf/integration.xml", ['<?xml version="1.0" encoding="UTF-8"?>', "<settings>"],
                  ["  <timeout>30</timeout>", "</settings>"], None),
    "yaml-tagged": ("config/app.yaml", ["%YAML 1.2", "---", "port: !!int 8080"], ["debug: !!bool false"], "# "),
    "pkl": ("config/Orders.pkl", ['module orders.Config', "", "port: Int = 8080"], ["", 'logLevel = "info"'], "// "),
    "kdl": ("config/orders.kdl", ['service "orders" port=8080'], ['log level="info"'], "// "),
    "ron": ("assets/settings.ron", ["(", "    port: 8080,"], [")"], "// "),
    "dlang": ("source/orders/config.d", ["module orders.config;", "", "import std.process;", ""],
              ["", "enum timeoutSecs = 30;"], "// "),
    "gleam": ("src/orders/config.gleam", ["import gleam/io", ""], ["", "pub const timeout_ms = 3000"], "// "),
    "cmake-set": ("CMakeLists.txt", ["cmake_minimum_required(VERSION 3.20)", "project(orders CXX)"],
                  ["add_executable(orders src/main.cpp)"], "# "),
    "meson-option": ("meson_options.txt", ["option('docs', type : 'boolean', value : false)"],
                     ["option('tls', type : 'feature', value : 'auto')"], "# "),
    # real-life mistakes
    "changelog-code": ("CHANGELOG.md", ["# Changelog", "", "## 1.5.0 - 2024-05-07", "", "### Changed", ""],
                       ["", "## 1.4.2 - 2024-04-18", "", "- Fix the health check."], None),
    "rotated-comment": ("deploy/production.env", ["APP_ENV=production", "LOG_LEVEL=info"], ["PORT=8080"], "# "),
    "dockerfile-run-curl": ("docker/agent.Dockerfile", ["FROM debian:bookworm-slim",
                                                        "RUN apt-get update && apt-get install -y curl"],
                            ['ENTRYPOINT ["/opt/agent/run"]'], "# "),
    "console-debug": ("src/bootstrap.js", ["import { start } from './server.js';", ""], ["", "start();"], "// "),
    "curl-urlencode": ("scripts/query.sh", ["#!/bin/sh", "set -e"], ['echo "done"'], "# "),
    "wget-cli": ("scripts/fetch-release.sh", ["#!/bin/sh", "set -e", "cd /tmp"], ["tar -xzf orders.tar.gz"], "# "),
}
HELDOUT7_SYNTAXES = list(SYNTAXES)
