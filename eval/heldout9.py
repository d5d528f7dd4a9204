"""Ninth held-out syntax set: written blind, nobody tunes rules or the engine against it.

A set nobody has tuned against, to predict how the pack does on syntaxes it has never seen
once eval/heldout8.py is used to fix rules. It was written and committed before any result of
it was looked at, from how real projects, tools' config files, CI systems, logs and other
scanners' public test cases write credentials, in forms that none of eval/gen.py,
eval/heldout.py and eval/heldout2.py .. eval/heldout8.py produce, weighted toward areas the
earlier sets lack:
PaaS and container dev files (fly.toml `[env]` and `[build.args]`, render.yaml `envVars`
key/value pairs, Azure Functions `local.settings.json` `Values`, Elastic Beanstalk
`.ebextensions` option settings, a Procfile, `devcontainer.json` `containerEnv`/`remoteEnv`/
`runArgs`, `docker-bake.hcl` args and variables, Skaffold build args and Helm `setValues`,
Taskfile `env`/`vars`/`cmds`), CI systems (Drone steps' `environment` and plugin `settings`,
Buildkite step env and plugin env lists, Tekton PipelineRun params, Argo Workflows arguments,
Jenkins Configuration as Code credentials and global env vars, TeamCity Kotlin DSL `params`, a CI
log's `set -x` trace), infrastructure and ops (`terraform.tfstate` attributes, `cdk.json`
context keys, Chef data bags, Puppet manifests, PowerShell DSC resources, Alertmanager
receivers, Traefik, Envoy and Kong header rewrites and Kong key-auth consumers, Varnish VCL,
`rclone.conf` remotes, Home Assistant integrations), developer and AI tools (MCP server
configs, LiteLLM `model_list`, `.aider.conf.yml`, Vim `let g:`/`let $X`, ssh `SetEnv` and
`RemoteCommand`, `bunfig.toml` scopes, Paket sources), code and load/acceptance testing (Go gRPC
metadata, Retrofit `@Headers` and OkHttp interceptors, Swift `setValue(_:forHTTPHeaderField:)`,
Hardhat config, Go `%+v`/`%#v` and Rust `{:?}` struct dumps in logs, .NET `.resx` and
`.runsettings`, Unreal Engine config `.ini`, Robot Framework variables, Karate features, k6
scripts, JMeter `.jmx` header managers and user variables, Playwright `extraHTTPHeaders`, Nuxt
`runtimeConfig`) and program output and pastes (a Sentry event's header pairs, frame vars and
breadcrumbs, `aws cloudformation describe-stacks`, `az webapp config appsettings list`,
`heroku config`, `git config --list --show-origin`, `tshark -V`, Confluence storage format,
a PowerShell transcript).

Interface as eval/heldout8.py: `render(ext, key, value, rng)` returns the lines holding `value`;
`SYNTAXES` maps each name to (file name, header lines, footer lines, comment prefix or None).
Key names come from the rule metadata as in gen.py; each syntax re-spells the key the way its
language does, some with the provider word on the key itself, some on a parent, a section, a
plugin, a remote, a receiver or a host, some only nearby (a header name, a log line, a
command, a table row).

File names avoid the test path globs (rules/test-paths.toml). The helpers are copied, not
imported from heldout2.py .. heldout8.py, so that edits there do not move this set.
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
    """The lines that hold `value` under `key` in held-out syntax `ext` (ninth set)."""
    n = names(key)
    v = value
    pick = rng.choice
    hdr = f"X-{n['Owner']}-{n['Leaf_dash']}"  # a provider's own header name, as its docs spell it
    # --- PaaS and container dev files --------------------------------------------------------
    if ext == "fly-toml":
        return pick([["[env]", f'  {n["UPPER"]} = "{v}"', '  LOG_LEVEL = "info"'],
                     ["[build.args]", f'  {n["UPPER"]} = "{v}"'],
                     ["[env]", f"  {n['UPPER']} = '{v}'"]])
    if ext == "render-yaml":  # envVars as key/value pairs
        return pick([[f"      - key: {n['UPPER']}", f"        value: {v}"],
                     [f"      - key: {n['UPPER']}", f'        value: "{v}"', "      - key: NODE_ENV",
                      "        value: production"],
                     ["      - key: NODE_ENV", "        value: production", f"      - key: {n['UPPER']}",
                      f"        value: {v}"]])
    if ext == "az-func-local-settings":  # local.settings.json: app settings under Values
        return [pick([f'    "{n["UPPER"]}": "{v}",', f'    "{n["Owner"]}__{n["Leaf"]}": "{v}",',
                      f'    "{n["Owner"]}:{n["Leaf"]}": "{v}",'])]
    if ext == "ebextensions-config":
        return pick([["  aws:elasticbeanstalk:application:environment:", f"    {n['UPPER']}: {v}",
                      "    NODE_ENV: production"],
                     ["  - namespace: aws:elasticbeanstalk:application:environment", f"    option_name: {n['UPPER']}",
                      f"    value: {v}"],
                     ["  aws:elasticbeanstalk:application:environment:", f'    {n["UPPER"]}: "{v}"']])
    if ext == "procfile":
        return [pick([f"web: {n['UPPER']}={v} bundle exec puma -C config/puma.rb",
                      f"worker: node worker.js --{n['kebab']}={v}",
                      f"worker: env {n['UPPER']}='{v}' bundle exec sidekiq",
                      f"agent: {n['owner_kebab']}-agent run --{n['leaf_kebab']} {v}"])]
    if ext == "devcontainer-json":
        return pick([['  "containerEnv": {', f'    "{n["UPPER"]}": "{v}"', "  },"],
                     ['  "remoteEnv": {', f'    "{n["UPPER"]}": "{v}",',
                      '    "PATH": "${containerEnv:PATH}:/workspace/bin"', "  },"],
                     [f'  "runArgs": ["--env", "{n["UPPER"]}={v}", "--network=host"],'],
                     ['  "build": {', '    "dockerfile": "Dockerfile",', '    "args": {', f'      "{n["UPPER"]}": "{v}"',
                      "    }", "  },"]])
    if ext == "docker-bake-hcl":
        return pick([['target "api" {', '  context = "."', "  args = {", f'    {n["UPPER"]} = "{v}"', "  }", "}"],
                     [f'variable "{n["UPPER"]}" {{', f'  default = "{v}"', "}"],
                     ['target "api" {', '  dockerfile = "Dockerfile"',
                      f'  args = {{ {n["UPPER"]} = "{v}", NODE_ENV = "production" }}', "}"]])
    if ext == "skaffold-yaml":
        return pick([["build:", "  artifacts:", "    - image: orders-api", "      docker:", "        buildArgs:",
                      f"          {n['UPPER']}: {v}"],
                     ["deploy:", "  helm:", "    releases:", "      - name: orders", "        chartPath: charts/orders",
                      "        setValues:", f"          {n['owner']}.{n['leafCamel']}: {v}"],
                     ["build:", "  artifacts:", "    - image: orders-api", "      custom:",
                      f'        buildCommand: {n["UPPER"]}="{v}" ./build.sh']])
    if ext == "taskfile-yml":
        return pick([["env:", f"  {n['UPPER']}: {v}", ""],
                     ["vars:", f"  {n['UPPER']}: '{v}'", ""],
                     ["tasks:", "  sync:", "    cmds:",
                      f'      - curl -fsS -H "{hdr}: {v}" https://api.{n["host"]}.com/v1/sync', ""],
                     ["tasks:", "  deploy:", "    env:", f"      {n['UPPER']}: {v}", "    cmds:", "      - ./deploy.sh",
                      ""]])
    # --- CI systems ---------------------------------------------------------------------------
    if ext == "drone-yml":
        return pick([["- name: build", "  image: node:20", "  environment:", f"    {n['UPPER']}: {v}", "  commands:",
                      "    - npm ci", "    - npm run build"],
                     ["- name: notify", f"  image: plugins/{n['owner_kebab']}", "  settings:", f"    {n['leaf']}: {v}",
                      "    channel: deploys"],
                     ["- name: publish", "  image: plugins/docker", "  settings:", "    repo: acme/orders",
                      "    build_args:", f"      - {n['UPPER']}={v}"]])
    if ext == "buildkite-pipeline":
        return pick([['  - label: ":rocket: deploy"', "    command: scripts/deploy.sh", "    env:",
                      f"      {n['UPPER']}: {v}"],
                     ['  - label: ":docker: build"', "    plugins:", "      - docker-compose#v4.16.0:",
                      "          run: app", "          env:", f"            - {n['UPPER']}={v}"],
                     ['  - label: ":package: publish"', f'    command: "{n["UPPER"]}={v} npm publish"']])
    if ext == "tekton-pipelinerun":
        return pick([[f"    - name: {n['kebab']}", f"      value: {v}"],
                     [f"    - name: {n['lower']}", f'      value: "{v}"', "    - name: revision", "      value: main"],
                     ["    - name: env-vars", "      value:", f"        - {n['UPPER']}={v}"]])
    if ext == "argo-workflow":
        return pick([["  arguments:", "    parameters:", f"      - name: {n['kebab']}", f"        value: {v}"],
                     ["  arguments:", "    parameters:", f"      - name: {n['camel']}", f'        value: "{v}"',
                      "      - name: date", '        value: "2024-05-07"'],
                     ["  podSpecPatch: |", "    containers:", "      - name: main", "        env:",
                      f"          - name: {n['UPPER']}", f'            value: "{v}"']])
    if ext == "jenkins-casc":  # Jenkins Configuration as Code (jenkins.yaml)
        return pick([["credentials:", "  system:", "    domainCredentials:", "      - credentials:", "          - string:",
                      "              scope: GLOBAL", f'              id: "{n["kebab"]}"', f'              secret: "{v}"',
                      f'              description: "{n["Owner"]} {n["leaf_title"]}"'],
                     ["  globalNodeProperties:", "    - envVars:", "        env:", f'          - key: "{n["UPPER"]}"',
                      f'            value: "{v}"'],
                     ["credentials:", "  system:", "    domainCredentials:", "      - credentials:",
                      "          - usernamePassword:", "              scope: GLOBAL",
                      f'              id: "{n["owner_kebab"]}"', '              username: "ci"',
                      f'              password: "{v}"']])
    if ext == "teamcity-kts":  # .teamcity/settings.kts
        return [pick([f'        param("env.{n["UPPER"]}", "{v}")',
                      f'        password("env.{n["UPPER"]}", "{v}", display = ParameterDisplay.HIDDEN)',
                      f'        text("{n["owner"]}.{n["leafCamel"]}", "{v}", readOnly = true, allowEmpty = false)'])]
    if ext == "shell-xtrace":  # a CI job log with `set -x`
        return pick([[f"+ export {n['UPPER']}={v}", "+ ./bin/deploy --env production"],
                     [f"+ curl -fsS -H '{hdr}: {v}' https://api.{n['host']}.com/v1/deployments"],
                     [f"++ cat /run/secrets/{n['lower']}", f"+ {n['UPPER']}={v}",
                      f"+ {n['owner_kebab']} login --{n['leaf_kebab']} {v}"],
                     [f"+ docker login -u ci -p {v} registry.{n['host']}.com"]])
    # --- infrastructure and ops ---------------------------------------------------------------
    if ext == "tfstate-json":
        return pick([['      "type": "aws_lambda_function",', '      "name": "orders",', '      "instances": [', "        {",
                      '          "attributes": {', '            "environment": [', "              {",
                      '                "variables": {', f'                  "{n["UPPER"]}": "{v}"', "                }",
                      "              }", "            ],", '            "function_name": "orders"', "          }",
                      "        }", "      ]"],
                     ['      "type": "aws_secretsmanager_secret_version",', f'      "name": "{n["owner"]}",',
                      '      "instances": [', "        {", '          "attributes": {',
                      '            "secret_id": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:'
                      f'{n["owner_kebab"]}-{n["leaf_kebab"]}-AbCdEf",', f'            "secret_string": "{v}"',
                      "          },", '          "sensitive_attributes": []', "        }", "      ]"],
                     ['      "type": "kubernetes_secret",', f'      "name": "{n["owner"]}",', '      "instances": [', "        {",
                      '          "attributes": {', '            "data": {', f'              "{n["lower"]}": "{v}"',
                      "            }", "          }", "        }", "      ]"]])
    if ext == "cdk-context-json":  # cdk.json context keys
        return [pick([f'    "{n["owner"]}:{n["leafCamel"]}": "{v}",',
                      f'    "orders/{n["owner_kebab"]}:{n["leaf_kebab"]}": "{v}",',
                      f'    "{n["ownerCamel"]}": {{ "{n["leafCamel"]}": "{v}" }},',
                      f'    "{n["camel"]}": "{v}",'])]
    if ext == "chef-data-bag":  # the bag's item: the provider on the id, or a nested object
        return pick([[f'  "id": "{n["owner"]}",', f'  "{n["leaf"]}": "{v}",'],
                     ['  "id": "production",', f'  "{n["owner"]}": {{', f'    "{n["leaf"]}": "{v}"', "  },"],
                     ['  "id": "production",', f'  "{n["lower"]}": "{v}",']])
    if ext == "puppet-manifest":
        return pick([[f"  class {{ '{n['owner']}':", f"    {n['leaf']} => '{v}',", "    ensure  => present,", "  }"],
                     [f"  ${n['lower']} = '{v}'"],
                     ["  exec { 'register-agent':", f"    command     => '/usr/local/bin/{n['owner_kebab']}-agent register',",
                      f"    environment => ['{n['UPPER']}={v}'],", "  }"],
                     [f"  file {{ '/etc/{n['owner_kebab']}/credentials':", "    ensure  => file,", "    mode    => '0600',",
                      f'    content => "{n["leaf"]}={v}\\n",', "  }"]])
    if ext == "ps-dsc":  # PowerShell Desired State Configuration
        return pick([[f"        Environment {n['Pascal']} {{", f"            Name   = '{n['UPPER']}'",
                      f"            Value  = '{v}'", "            Ensure = 'Present'", "        }"],
                     [f"        Registry {n['Owner']}{n['Leaf']} {{",
                      f"            Key       = 'HKLM:\\SOFTWARE\\Acme\\{n['Owner']}'",
                      f"            ValueName = '{n['Leaf']}'", f"            ValueData = '{v}'",
                      "            Ensure    = 'Present'", "        }"],
                     [f"        Script {n['Owner']}Agent {{",
                      f"            SetScript  = {{ & 'C:\\Program Files\\{n['Owner']}\\agent.exe' "
                      f"--{n['leaf_kebab']} '{v}' }}",
                      "            TestScript = { $false }", "            GetScript  = { @{} }", "        }"]])
    if ext == "alertmanager-receivers":
        return pick([["receivers:", "  - name: ops", f"    {n['owner']}_configs:", f"      - {n['leaf']}: {v}",
                      "        send_resolved: true"],
                     ["receivers:", "  - name: ops", "    webhook_configs:",
                      f"      - url: https://hooks.{n['host']}.com/alertmanager", "        http_config:",
                      "          authorization:", f"            credentials: {v}"],
                     ["global:", f"  {n['lower']}: '{v}'", "  resolve_timeout: 5m"]])
    if ext == "traefik-dynamic":  # a headers middleware
        return pick([[f"    {n['owner_kebab']}-auth:", "      headers:", "        customRequestHeaders:",
                      f'          {hdr}: "{v}"'],
                     [f"    {n['owner_kebab']}-upstream:", "      headers:", "        customRequestHeaders:",
                      f'          Authorization: "Bearer {v}"'],
                     [f"    {n['owner_kebab']}-{n['leaf_kebab']}:", "      headers:", "        customRequestHeaders:",
                      f"          X-{n['Leaf_dash']}: {v}"]])
    if ext == "envoy-headers":
        return pick([["              request_headers_to_add:", "              - header:",
                      f'                  key: "x-{n["owner_kebab"]}-{n["leaf_kebab"]}"', f'                  value: "{v}"',
                      "                append_action: OVERWRITE_IF_EXISTS_OR_ADD"],
                     ["              request_headers_to_add:",
                      f'              - header: {{ key: "x-{n["leaf_kebab"]}", value: "{v}" }}'],
                     ["              request_headers_to_add:", "              - header:", '                  key: "authorization"',
                      f'                  value: "Bearer {v}"']])
    if ext == "kong-declarative":
        return pick([["services:", f"- name: {n['owner_kebab']}", f"  url: https://api.{n['host']}.com", "  plugins:",
                      "  - name: request-transformer", "    config:", "      add:", "        headers:",
                      f'        - "x-{n["leaf_kebab"]}:{v}"'],
                     ["consumers:", f"- username: {n['owner_kebab']}", "  keyauth_credentials:", f"  - key: {v}"],
                     ["services:", "- name: upstream", f"  url: https://api.{n['host']}.com", "  plugins:",
                      "  - name: request-transformer", "    config:", "      add:", "        headers:",
                      f'        - "Authorization:Bearer {v}"']])
    if ext == "varnish-vcl":
        return pick([[f'    set req.http.{hdr} = "{v}";'],
                     [f'    if (req.url ~ "^/{n["owner_kebab"]}/") {{', f'        set req.http.Authorization = "Bearer {v}";',
                      "    }"],
                     [f"    set req.backend_hint = {n['owner']};", f'    set req.http.X-{n["Leaf_dash"]} = "{v}";']])
    if ext == "rclone-conf":
        return pick([[f"[{n['owner_kebab']}]", "type = webdav", f"url = https://dav.{n['host']}.com/remote.php/webdav",
                      "vendor = other", f"bearer_token = {v}"],
                     [f"[{n['owner_kebab']}]", "type = s3", "provider = Other", f"endpoint = https://s3.{n['host']}.com",
                      f"{n['leaf']} = {v}"],
                     [f"[{n['owner_kebab']}-http]", "type = http", f"url = https://files.{n['host']}.com/",
                      f'headers = "X-{n["Leaf_dash"]}","{v}"']])
    if ext == "home-assistant":  # configuration.yaml: an integration's platform entry
        return pick([["sensor:", f"  - platform: {n['owner']}", f"    {n['leaf']}: {v}", "    monitored_conditions:",
                      "      - temperature"],
                     [f"{n['owner']}:", f"  {n['leaf']}: {v}"],
                     ["notify:", f"  - name: {n['owner']}_alerts", f"    platform: {n['owner']}", f'    {n["leaf"]}: "{v}"'],
                     ["rest_command:", f"  {n['owner']}_refresh:", f'    url: "https://api.{n["host"]}.com/v1/refresh"',
                      "    headers:", f'      authorization: "Bearer {v}"']])
    # --- developer and AI tools ---------------------------------------------------------------
    if ext == "mcp-config-json":  # an MCP client's server list
        return pick([[f'    "{n["owner_kebab"]}": {{', '      "command": "npx",',
                      f'      "args": ["-y", "@{n["owner_kebab"]}/mcp-server"],', '      "env": {',
                      f'        "{n["UPPER"]}": "{v}"', "      }", "    }"],
                     [f'    "{n["owner_kebab"]}": {{', '      "command": "npx",',
                      f'      "args": ["-y", "{n["owner_kebab"]}-mcp", "--{n["leaf_kebab"]}", "{v}"]', "    }"],
                     [f'    "{n["owner_kebab"]}": {{', f'      "url": "https://mcp.{n["host"]}.com/sse",', '      "headers": {',
                      f'        "Authorization": "Bearer {v}"', "      }", "    }"]])
    if ext == "litellm-config":
        return pick([[f"  - model_name: {n['owner_kebab']}-default", "    litellm_params:",
                      f"      model: {n['owner']}/default", f"      {n['leaf']}: {v}"],
                     [f"  - model_name: {n['owner_kebab']}-large", "    litellm_params:", f"      model: {n['owner']}/large",
                      f"      api_base: https://api.{n['host']}.com/v1", f'      api_key: "{v}"'],
                     ["  - model_name: gateway", "    litellm_params:", "      model: openai/gpt-4o", "      extra_headers:",
                      f'        {hdr}: "{v}"']])
    if ext == "aider-conf":  # .aider.conf.yml: `api-key: provider=key`, `set-env`, or the long option
        return pick([["api-key:", f"  - {n['owner']}={v}"], [f"{n['kebab']}: {v}"],
                     ["set-env:", f"  - {n['UPPER']}={v}"]])
    if ext == "vimrc-let":
        return [pick([f"let g:{n['lower']} = '{v}'", f'let ${n["UPPER"]} = "{v}"',
                      f"let g:{n['owner']}_config = {{ '{n['leaf']}': '{v}', 'model': 'default' }}",
                      f"call setenv('{n['UPPER']}', '{v}')"])]
    if ext == "ssh-config-setenv":
        return pick([[f"Host {n['owner_kebab']}-bastion", f"    HostName bastion.{n['host']}.com", "    User deploy",
                      f"    SetEnv {n['UPPER']}={v}"],
                     ["Host build-*", f'    SetEnv {n["UPPER"]}="{v}" LANG=C.UTF-8'],
                     [f"Host {n['owner_kebab']}", f"    HostName shell.{n['host']}.com",
                      f"    RemoteCommand env {n['UPPER']}={v} bash -l", "    RequestTTY yes"]])
    if ext == "bunfig-toml":
        return pick([["[install.scopes]",
                      f'"@{n["owner_kebab"]}" = {{ token = "{v}", url = "https://npm.{n["host"]}.com/" }}'],
                     ["[install.scopes]",
                      f'{n["owner_kebab"]} = {{ url = "https://npm.{n["host"]}.com/", username = "ci", '
                      f'password = "{v}" }}'],
                     [f'[install.scopes."@{n["owner_kebab"]}"]', f'url = "https://npm.{n["host"]}.com/"', f'token = "{v}"']])
    if ext == "paket-deps":
        return [pick([f'source https://nuget.{n["host"]}.com/v3/index.json username: "ci" password: "{v}"',
                      f'source https://pkgs.{n["host"]}.com/_packaging/orders/nuget/v3/index.json '
                      f'username: "{n["owner"]}" password: "{v}" authtype: "basic"'])]
    # --- code, load and acceptance testing ----------------------------------------------------
    if ext == "grpc-metadata":  # Go
        return pick([[f'\tctx = metadata.AppendToOutgoingContext(ctx, "x-{n["owner_kebab"]}-{n["leaf_kebab"]}", "{v}")'],
                     [f'\t// api.{n["host"]}.com:443', f'\tmd := metadata.Pairs("authorization", "Bearer {v}")',
                      "\tctx = metadata.NewOutgoingContext(ctx, md)"],
                     [f'\tmd := metadata.New(map[string]string{{"x-{n["leaf_kebab"]}": "{v}"}})',
                      "\tctx = metadata.NewOutgoingContext(ctx, md)"]])
    if ext == "okhttp-retrofit":  # Kotlin: a Retrofit interface and an OkHttp interceptor
        return pick([[f'    @Headers("{hdr}: {v}")', '    @GET("v1/orders")', "    suspend fun orders(): List<Order>"],
                     [f'    @Headers("Accept: application/json", "Authorization: Bearer {v}")',
                      f'    @GET("https://api.{n["host"]}.com/v1/orders")', "    suspend fun orders(): List<Order>"],
                     ["    companion object {", "        val client = OkHttpClient.Builder().addInterceptor { chain ->",
                      f'            chain.proceed(chain.request().newBuilder().addHeader("{hdr}", "{v}").build())',
                      "        }.build()", "    }"]])
    if ext == "swift-urlrequest":  # the value before the header name
        return pick([[f'        var request = URLRequest(url: URL(string: "https://api.{n["host"]}.com/v1/orders")!)',
                      f'        request.setValue("{v}", forHTTPHeaderField: "{hdr}")'],
                     [f'        var request = URLRequest(url: URL(string: "https://api.{n["host"]}.com/v1/orders")!)',
                      f'        request.addValue("Bearer {v}", forHTTPHeaderField: "Authorization")'],
                     ["        var request = URLRequest(url: baseURL)",
                      f'        request.allHTTPHeaderFields = ["X-{n["Leaf_dash"]}": "{v}", "Accept": "application/json"]']])
    if ext == "hardhat-config":
        return pick([["  etherscan: {", f'    apiKey: {{ {n["ownerCamel"]}: "{v}" }},', "  },"],
                     [f"  {n['ownerCamel']}: {{", f'    {n["leafCamel"]}: "{v}",', "  },"],
                     ["  networks: {", "    sepolia: {", f'      url: "https://rpc.{n["host"]}.com/v1/{v}",', "      accounts: [],",
                      "    },", "  },"],
                     ["  gasReporter: {", "    enabled: true,", f'    {n["ownerCamel"]}: "{v}",', "  },"]])
    if ext == "debug-struct-dump":  # Go %+v / %#v and Rust {:?} / {:#?} in a log
        return pick([[f"2024-05-07T10:11:12Z DEBUG loaded config: &{{{n['Pascal']}:{v} Region:eu-west-1 Timeout:30s}}"],
                     [f'2024-05-07T10:11:12Z DEBUG config = config.{n["Owner"]}Config{{{n["Leaf"]}:"{v}", '
                      'Region:"eu-west-1"}'],
                     [f'[2024-05-07T10:11:12Z DEBUG orders] settings: {n["Owner"]}Settings {{ {n["leaf"]}: "{v}", '
                      'region: "eu-west-1" }'],
                     ["[2024-05-07T10:11:12Z DEBUG orders] settings: Settings {", f'    {n["lower"]}: "{v}",',
                      "    timeout: 30s,", "}"]])
    if ext == "resx":
        return pick([[f'  <data name="{n["Pascal"]}" xml:space="preserve">', f"    <value>{v}</value>", "  </data>"],
                     [f'  <data name="{n["Owner"]}_{n["Leaf"]}" xml:space="preserve">', f"    <value>{v}</value>",
                      f"    <comment>{n['Owner']} {n['leaf_title']}</comment>", "  </data>"]])
    if ext == "runsettings":
        return pick([["  <RunConfiguration>", "    <EnvironmentVariables>", f"      <{n['UPPER']}>{v}</{n['UPPER']}>",
                      "    </EnvironmentVariables>", "  </RunConfiguration>"],
                     ["  <TestRunParameters>", f'    <Parameter name="{n["camel"]}" value="{v}" />', "  </TestRunParameters>"]])
    if ext == "unreal-ini":  # Config/DefaultGame.ini
        return pick([[f"[/Script/{n['Owner']}.{n['Owner']}Settings]", f"{n['Pascal']}={v}"],
                     [f"[/Script/{n['Owner']}Plugin.{n['Owner']}RuntimeSettings]", f'{n["Leaf"]}="{v}"', "bEnabled=True"]])
    if ext == "robot-framework":
        return pick([["*** Variables ***", f"${{{n['UPPER']}}}    {v}"],
                     ["*** Variables ***", f"&{{HEADERS}}    {hdr}={v}    Accept=application/json"],
                     ["*** Keywords ***", "Open API Session",
                      f"    ${{headers}}=    Create Dictionary    Authorization=Bearer {v}",
                      f"    Create Session    api    https://api.{n['host']}.com    headers=${{headers}}"]])
    if ext == "karate-feature":
        return pick([[f"    * url 'https://api.{n['host']}.com'", f"    * header {hdr} = '{v}'"],
                     [f"    * def {n['camel']} = '{v}'", f"    * header Authorization = 'Bearer ' + {n['camel']}"],
                     [f"    * url 'https://api.{n['host']}.com'", f"    * configure headers = {{ 'X-{n['Leaf_dash']}': '{v}' }}"]])
    if ext == "k6-script":
        return pick([[f"const BASE = 'https://api.{n['host']}.com';",
                      f"const params = {{ headers: {{ '{hdr}': '{v}' }} }};"],
                     [f"const BASE = __ENV.BASE_URL || 'https://api.{n['host']}.com';",
                      f"const {n['UPPER']} = __ENV.{n['UPPER']} || '{v}';",
                      f"const params = {{ headers: {{ Authorization: `Bearer ${{{n['UPPER']}}}` }} }};"],
                     ["const BASE = 'https://orders.acme.example';",
                      f"const params = {{ headers: {{ Authorization: 'Bearer {v}' }}, tags: {{ name: '{n['owner_kebab']}' }} }};"]])
    if ext == "jmeter-jmx":
        header_mgr = ['    <HeaderManager guiclass="HeaderPanel" testclass="HeaderManager" '
                      f'testname="{n["Owner"]} headers">', '      <collectionProp name="HeaderManager.headers">',
                      '        <elementProp name="" elementType="Header">']
        return pick([header_mgr + [f'          <stringProp name="Header.name">{hdr}</stringProp>',
                                   f'          <stringProp name="Header.value">{v}</stringProp>',
                                   "        </elementProp>", "      </collectionProp>", "    </HeaderManager>", "    <hashTree/>"],
                     header_mgr + ['          <stringProp name="Header.name">Authorization</stringProp>',
                                   f'          <stringProp name="Header.value">Bearer {v}</stringProp>',
                                   "        </elementProp>", "      </collectionProp>", "    </HeaderManager>", "    <hashTree/>"],
                     ['    <Arguments guiclass="ArgumentsPanel" testclass="Arguments" testname="User Defined Variables">',
                      '      <collectionProp name="Arguments.arguments">',
                      f'        <elementProp name="{n["lower"]}" elementType="Argument">',
                      f'          <stringProp name="Argument.name">{n["lower"]}</stringProp>',
                      f'          <stringProp name="Argument.value">{v}</stringProp>',
                      '          <stringProp name="Argument.metadata">=</stringProp>', "        </elementProp>",
                      "      </collectionProp>", "    </Arguments>", "    <hashTree/>"]])
    if ext == "playwright-config":
        return pick([["  use: {", f"    baseURL: 'https://api.{n['host']}.com',", "    extraHTTPHeaders: {",
                      f"      '{hdr}': '{v}',", "    },", "  },"],
                     ["  use: {", "    baseURL: 'https://staging.orders.example',",
                      f"    httpCredentials: {{ username: '{n['owner']}', password: '{v}' }},", "  },"],
                     ["  use: {", "    extraHTTPHeaders: {",
                      f"      Authorization: `Bearer ${{process.env.{n['UPPER']} ?? '{v}'}}`,", "    },", "  },"]])
    if ext == "nuxt-runtime-config":
        return pick([["  runtimeConfig: {", f"    {n['camel']}: '{v}',", "    public: {", "      apiBase: '/api',", "    },",
                      "  },"],
                     ["  runtimeConfig: {", f"    {n['ownerCamel']}: {{", f"      {n['leafCamel']}: '{v}',", "    },", "  },"],
                     ["  runtimeConfig: {", "    public: {",
                      f"      {n['camel']}: process.env.NUXT_PUBLIC_{n['UPPER']} || '{v}',", "    },", "  },"]])
    # --- program output and pastes ------------------------------------------------------------
    if ext == "sentry-event":
        return pick([['  "request": {', '    "method": "GET",', f'    "url": "https://api.{n["host"]}.com/v1/orders",',
                      '    "headers": [', f'      ["{hdr}", "{v}"],', '      ["Accept", "application/json"]', "    ]",
                      "  },"],
                     ['  "extra": {', f'    "{n["lower"]}": "{v}"', "  },"],
                     ['  "breadcrumbs": { "values": [',
                      f'    {{ "category": "httplib", "data": {{ "url": "https://api.{n["host"]}.com/v1/orders?'
                      f'{n["leaf"]}={v}", "method": "GET" }} }}', "  ] },"],
                     ['  "exception": { "values": [ { "type": "ValueError", "stacktrace": { "frames": [',
                      f'    {{ "function": "connect", "vars": {{ "{n["leaf"]}": "\'{v}\'", "self": "<Client>" }}, '
                      f'"module": "{n["owner"]}_client" }}', "  ] } } ] },"]])
    if ext == "aws-cli-output":  # aws cloudformation describe-stacks
        return pick([['            "Outputs": [', "                {", f'                    "OutputKey": "{n["Pascal"]}",',
                      f'                    "OutputValue": "{v}",',
                      f'                    "Description": "{n["Owner"]} {n["leaf_title"]}"', "                }",
                      "            ],"],
                     ['            "Parameters": [', "                {",
                      f'                    "ParameterKey": "{n["Pascal"]}",', f'                    "ParameterValue": "{v}"',
                      "                }", "            ],"]])
    if ext == "az-appsettings-list":  # az webapp config appsettings list
        return pick([["  {", f'    "name": "{n["UPPER"]}",', '    "slotSetting": false,', f'    "value": "{v}"', "  },"],
                     ["  {", f'    "name": "{n["Owner"]}__{n["Leaf"]}",', '    "slotSetting": true,', f'    "value": "{v}"',
                      "  },"],
                     ["  {", f'    "name": "{n["Owner"]}",', '    "slotSetting": false,', '    "type": "Custom",',
                      f'    "value": "{v}"', "  },"]])
    if ext == "heroku-config-output":
        name = n["UPPER"] + ":"
        return [name.ljust(max(len(name) + 1, 26)) + v]
    if ext == "git-config-list":  # `git config --list --show-origin`: names printed in lower case
        return [pick([f"file:.git/config\tremote.origin.url=https://oauth2:{v}@git.{n['host']}.com/acme/orders.git",
                      f"file:/home/dev/.gitconfig\thttp.https://git.{n['host']}.com/.extraheader=AUTHORIZATION: bearer {v}",
                      f"file:/home/dev/.gitconfig\t{n['host']}.{n['leafCamel'].lower()}={v}"])]
    if ext == "tshark-verbose":  # `tshark -V`: the HTTP tree, \r\n printed literally
        return pick([["    GET /v1/orders HTTP/1.1\\r\\n", f"    Host: api.{n['host']}.com\\r\\n", f"    {hdr}: {v}\\r\\n"],
                     ["    POST /v1/events HTTP/1.1\\r\\n", f"    Host: api.{n['host']}.com\\r\\n",
                      f"    Authorization: Bearer {v}\\r\\n"],
                     [f"    GET /v1/orders?{n['leaf']}={v} HTTP/1.1\\r\\n", f"        Request URI: /v1/orders?{n['leaf']}={v}",
                      f"        Request URI Query Parameter: {n['leaf']}={v}", f"    Host: api.{n['host']}.com\\r\\n"]])
    if ext == "confluence-storage":
        return pick([['<ac:structured-macro ac:name="code" ac:schema-version="1">',
                      '  <ac:parameter ac:name="language">bash</ac:parameter>',
                      f"  <ac:plain-text-body><![CDATA[export {n['UPPER']}={v}]]></ac:plain-text-body>",
                      "</ac:structured-macro>"],
                     ["<table><tbody>", "  <tr><th>Service</th><th>Credential</th></tr>",
                      f"  <tr><td>{n['Owner']} {n['leaf_title']}</td><td><code>{v}</code></td></tr>", "</tbody></table>"],
                     ['<ac:structured-macro ac:name="info">',
                      f"  <ac:rich-text-body><p>The {n['owner_words']} {n['leaf_title']} is <code>{v}</code></p>"
                      "</ac:rich-text-body>", "</ac:structured-macro>"]])
    if ext == "pwsh-transcript":
        return pick([[f'PS C:\\deploy> $env:{n["UPPER"]} = "{v}"', "PS C:\\deploy> .\\deploy.ps1 -Environment production"],
                     [f"PS C:\\deploy> Invoke-RestMethod -Uri https://api.{n['host']}.com/v1/me -Headers @{{ '{hdr}' = '{v}' }}",
                      "", "id   : 4711", "name : orders", ""],
                     [f"PS C:\\deploy> {n['owner_kebab']} login --{n['leaf_kebab']} {v}", "Logged in."]])
    raise ValueError(f"unknown held-out syntax {ext}")


# name: (file name, header lines, footer lines, comment prefix or None)
SYNTAXES = {
    # PaaS and container dev files
    "fly-toml": ("fly.toml", ['app = "orders-prod"', 'primary_region = "ams"', ""],
                 ["", "[http_service]", "  internal_port = 8080", "  force_https = true"], "# "),
    "render-yaml": ("render.yaml", ["services:", "  - type: web", "    name: orders-api", "    runtime: node",
                                    "    buildCommand: npm ci", "    startCommand: node server.js", "    envVars:"],
                    ["    plan: starter"], "# "),
    "az-func-local-settings": ("local.settings.json",
                               ["{", '  "IsEncrypted": false,', '  "Values": {',
                                '    "AzureWebJobsStorage": "UseDevelopmentStorage=true",',
                                '    "FUNCTIONS_WORKER_RUNTIME": "dotnet-isolated",'],
                               ['    "WEBSITE_TIME_ZONE": "UTC"', "  },", '  "Host": { "CORS": "*" }', "}"], None),
    "ebextensions-config": (".ebextensions/environment.config", ["option_settings:"],
                            ["", "container_commands:", "  01_migrate:", '    command: "npm run migrate"',
                             "    leader_only: true"], "# "),
    "procfile": ("Procfile", ["release: bundle exec rails db:migrate"],
                 ["clock: bundle exec clockwork config/clock.rb"], None),
    "devcontainer-json": (".devcontainer/devcontainer.json",
                          ["{", '  "name": "orders",', '  "image": "mcr.microsoft.com/devcontainers/typescript-node:20",'],
                          ['  "postCreateCommand": "npm ci"', "}"], "// "),
    "docker-bake-hcl": ("docker-bake.hcl", ['group "default" {', '  targets = ["api"]', "}", ""],
                        ["", 'target "worker" {', '  inherits = ["api"]', '  target = "worker"', "}"], "# "),
    "skaffold-yaml": ("skaffold.yaml", ["apiVersion: skaffold/v4beta6", "kind: Config", "metadata:", "  name: orders"],
                      ["portForward:", "  - resourceType: service", "    resourceName: orders-api", "    port: 8080"],
                      "# "),
    "taskfile-yml": ("Taskfile.yml", ["version: '3'", ""], ["includes:", "  docs: ./docs/Taskfile.yml"], "# "),
    # CI systems
    "drone-yml": (".drone.yml", ["kind: pipeline", "type: docker", "name: default", "", "steps:"],
                  ["", "trigger:", "  branch:", "    - main"], "# "),
    "buildkite-pipeline": (".buildkite/pipeline.yml", ["env:", "  NODE_ENV: production", "", "steps:"],
                           ["  - wait", '  - label: ":white_check_mark: done"', '    command: "echo done"'], "# "),
    "tekton-pipelinerun": ("tekton/deploy-run.yaml", ["apiVersion: tekton.dev/v1", "kind: PipelineRun", "metadata:",
                                                      "  generateName: orders-deploy-", "spec:", "  pipelineRef:",
                                                      "    name: deploy", "  params:"],
                           ["  workspaces:", "    - name: source", "      emptyDir: {}"], "# "),
    "argo-workflow": ("workflows/orders-etl.yaml", ["apiVersion: argoproj.io/v1alpha1", "kind: Workflow", "metadata:",
                                                    "  generateName: orders-etl-", "spec:", "  entrypoint: main"],
                      ["  templates:", "    - name: main", "      container:", "        image: acme/etl:1.2"], "# "),
    "jenkins-casc": ("casc/jenkins.yaml", ["jenkins:", '  systemMessage: "Orders CI"', "  numExecutors: 2"],
                     ["unclassified:", "  location:", '    url: "https://ci.acme.example/"'], "# "),
    "teamcity-kts": (".teamcity/settings.kts", ["import jetbrains.buildServer.configs.kotlin.*", "", 'version = "2024.03"',
                                                "", "project {", "    buildType(Build)", "    params {"],
                     ["    }", "}"], "// "),
    "shell-xtrace": ("logs/ci-build.log", ["Running on runner-7f3a9c in /builds/acme/orders", "$ ./ci/deploy.sh",
                                           "+ set -euo pipefail"],
                     ["+ echo 'deploy finished'", "deploy finished", "Job succeeded"], None),
    # infrastructure and ops
    "tfstate-json": ("infra/terraform.tfstate", ["{", '  "version": 4,', '  "terraform_version": "1.7.5",',
                                                 '  "serial": 42,', '  "lineage": "3f2a9c1e-0b7d-4e5f-8a6b-2c1d0e9f8a7b",',
                                                 '  "outputs": {},', '  "resources": [', "    {",
                                                 '      "mode": "managed",'],
                     ["    }", "  ],", '  "check_results": null', "}"], None),
    "cdk-context-json": ("cdk.json", ["{", '  "app": "npx ts-node --prefer-ts-exts bin/orders.ts",', '  "context": {',
                                      '    "@aws-cdk/core:stackRelativeExports": true,'],
                         ['    "environment": "production"', "  }", "}"], None),
    "chef-data-bag": ("data_bags/credentials/production.json", ["{"], ['  "environment": "production"', "}"], None),
    "puppet-manifest": ("manifests/site.pp", ["node 'web1.acme.example' {", "  include profile::base"], ["}"], "# "),
    "ps-dsc": ("dsc/OrdersServer.ps1", ["Configuration OrdersServer {",
                                        "    Import-DscResource -ModuleName PSDesiredStateConfiguration",
                                        "    Node 'web1' {"],
               ["    }", "}", "", "OrdersServer -OutputPath .\\mof"], "# "),
    "alertmanager-receivers": ("alertmanager/alertmanager.yml", ["route:", "  receiver: ops",
                                                                 "  group_by: ['alertname']"],
                               ["inhibit_rules: []"], "# "),
    "traefik-dynamic": ("traefik/dynamic.yml", ["http:", "  middlewares:"],
                        ["  routers:", "    orders:", "      rule: Host(`orders.acme.example`)", "      service: orders"],
                        "# "),
    "envoy-headers": ("envoy/envoy.yaml", ["static_resources:", "  listeners:", "  - name: ingress", "    filter_chains:",
                                           "    - filters:", "      - name: envoy.filters.network.http_connection_manager",
                                           "        typed_config:", "          route_config:", "            virtual_hosts:",
                                           "            - name: orders", '              domains: ["*"]'],
                      ["              routes:", '              - match: { prefix: "/" }',
                       "                route: { cluster: orders }"], "# "),
    "kong-declarative": ("kong/kong.yml", ['_format_version: "3.0"', "_transform: true", ""],
                         ["", "routes:", "- name: orders", "  paths: [/orders]"], "# "),
    "varnish-vcl": ("varnish/default.vcl", ["vcl 4.1;", "", "backend default {", '    .host = "orders-api";',
                                            '    .port = "8080";', "}", "", "sub vcl_recv {"],
                    ["    return (hash);", "}"], "# "),
    "rclone-conf": (".config/rclone/rclone.conf", ["[local-backup]", "type = local", ""],
                    ["", "[crypt]", "type = crypt", "remote = local-backup:/srv/backup"], "# "),
    "home-assistant": ("homeassistant/configuration.yaml", ["homeassistant:", "  name: Home", "  unit_system: metric", ""],
                       ["", "automation: !include automations.yaml"], "# "),
    # developer and AI tools
    "mcp-config-json": (".cursor/mcp.json", ["{", '  "mcpServers": {'], ["  }", "}"], None),
    "litellm-config": ("litellm/config.yaml", ["model_list:"], ["litellm_settings:", "  drop_params: true"], "# "),
    "aider-conf": (".aider.conf.yml", ["model: sonnet", "auto-commits: false"], ["dark-mode: true"], "# "),
    "vimrc-let": (".vimrc", ["set nocompatible", "filetype plugin indent on", ""], ["", "colorscheme desert"], '" '),
    "ssh-config-setenv": (".ssh/config", ["Host *", "    ServerAliveInterval 60", ""],
                          ["", "Host github.com", "    IdentityFile ~/.ssh/id_ed25519"], "# "),
    "bunfig-toml": ("bunfig.toml", ["[install]", 'registry = "https://registry.npmjs.org/"', ""],
                    ["", "[run]", "bun = true"], "# "),
    "paket-deps": ("paket.dependencies", ["source https://api.nuget.org/v3/index.json", "framework: net8.0"],
                   ["", "nuget FSharp.Core", "nuget Newtonsoft.Json"], "// "),
    # code, load and acceptance testing
    "grpc-metadata": ("internal/client/auth.go", ["package client", "", "import (", '\t"context"', "",
                                                  '\t"google.golang.org/grpc/metadata"', ")", "",
                                                  "func withAuth(ctx context.Context) context.Context {"],
                      ["\treturn ctx", "}"], "// "),
    "okhttp-retrofit": ("app/src/main/java/com/acme/orders/api/OrdersApi.kt",
                        ["package com.acme.orders.api", "", "import okhttp3.OkHttpClient", "import retrofit2.http.GET",
                         "import retrofit2.http.Headers", "", "interface OrdersApi {"], ["}"], "// "),
    "swift-urlrequest": ("Orders/Networking/APIClient.swift", ["import Foundation", "", "final class APIClient {",
                                                               '    let baseURL = URL(string: "https://orders.example")!',
                                                               "    func makeRequest() -> URLRequest {"],
                         ["        return request", "    }", "}"], "// "),
    "hardhat-config": ("hardhat.config.ts", ['import { HardhatUserConfig } from "hardhat/config";',
                                             'import "@nomicfoundation/hardhat-toolbox";', "",
                                             "const config: HardhatUserConfig = {", '  solidity: "0.8.24",'],
                       ["};", "", "export default config;"], "// "),
    "debug-struct-dump": ("logs/app.log", ["2024-05-07T10:11:12Z INFO starting orders-api version=1.4.2"],
                          ["2024-05-07T10:11:13Z INFO listening on :8080"], None),
    "resx": ("src/Orders/Properties/Resources.resx", ['<?xml version="1.0" encoding="utf-8"?>', "<root>",
                                                      '  <resheader name="resmimetype">',
                                                      "    <value>text/microsoft-resx</value>", "  </resheader>"],
             ["</root>"], None),
    "runsettings": ("ci.runsettings", ['<?xml version="1.0" encoding="utf-8"?>', "<RunSettings>"], ["</RunSettings>"],
                    None),
    "unreal-ini": ("Config/DefaultGame.ini", ["[/Script/EngineSettings.GeneralProjectSettings]",
                                              "ProjectID=3F2A9C1E0B7D4E5F8A6B2C1D0E9F8A7B", ""],
                   ["", "[/Script/UnrealEd.ProjectPackagingSettings]", "BuildConfiguration=PPBC_Shipping"], "; "),
    "robot-framework": ("acceptance/orders.robot", ["*** Settings ***", "Library    RequestsLibrary", ""],
                        ["", "*** Test Cases ***", "Orders Are Listed",
                         "    GET On Session    api    /v1/orders    expected_status=200"], "# "),
    "karate-feature": ("karate/orders.feature", ["Feature: orders API", "", "  Background:"],
                       ["", "  Scenario: list orders", "    Given path 'v1/orders'", "    When method get",
                        "    Then status 200"], "# "),
    "k6-script": ("load/orders-load.js", ["import http from 'k6/http';", "import { check } from 'k6';", "",
                                          "export const options = { vus: 10, duration: '30s' };", ""],
                  ["", "export default function () {", "  const res = http.get(`${BASE}/v1/orders`, params);",
                   "  check(res, { 'status is 200': (r) => r.status === 200 });", "}"], "// "),
    "jmeter-jmx": ("jmeter/orders-load.jmx", ['<?xml version="1.0" encoding="UTF-8"?>',
                                              '<jmeterTestPlan version="1.2" properties="5.0" jmeter="5.6.3">',
                                              "  <hashTree>"],
                   ["  </hashTree>", "</jmeterTestPlan>"], None),
    "playwright-config": ("playwright.config.ts", ["import { defineConfig } from '@playwright/test';", "",
                                                   "export default defineConfig({", "  retries: 2,"], ["});"], "// "),
    "nuxt-runtime-config": ("nuxt.config.ts", ["export default defineNuxtConfig({", "  devtools: { enabled: true },"],
                            ["});"], "// "),
    # program output and pastes
    "sentry-event": ("sentry/event.json", ["{", '  "event_id": "fc6d8c0c43fc4630ad850ee518f1b9d0",',
                                           '  "platform": "python",', '  "level": "error",'],
                     ['  "environment": "production"', "}"], None),
    "aws-cli-output": ("ops/describe-stacks.json", ["{", '    "Stacks": [', "        {",
                                                    '            "StackName": "orders-prod",',
                                                    '            "StackStatus": "UPDATE_COMPLETE",'],
                       ['            "CreationTime": "2024-05-07T10:11:12.345Z"', "        }", "    ]", "}"], None),
    "az-appsettings-list": ("ops/appsettings.json", ["["],
                            ["  {", '    "name": "WEBSITE_RUN_FROM_PACKAGE",', '    "slotSetting": false,',
                             '    "value": "1"', "  }", "]"], None),
    "heroku-config-output": ("ops/heroku-config.txt", ["$ heroku config --app orders-prod", "=== orders-prod Config Vars",
                                                       "DATABASE_URL:             postgres://orders@db.internal:5432/orders"],
                             ["WEB_CONCURRENCY:          2"], None),
    "git-config-list": ("debug/git-config.txt", ["$ git config --list --show-origin",
                                                 "file:/etc/gitconfig\tcore.autocrlf=input",
                                                 "file:/home/dev/.gitconfig\tuser.name=Dev"],
                        ["file:.git/config\tbranch.main.remote=origin"], None),
    "tshark-verbose": ("captures/tshark-verbose.txt",
                       ["Frame 12: 412 bytes on wire (3296 bits), 412 bytes captured (3296 bits) on interface eth0, id 0",
                        "Internet Protocol Version 4, Src: 10.0.3.7, Dst: 10.0.9.21",
                        "Transmission Control Protocol, Src Port: 51514, Dst Port: 80, Seq: 1, Ack: 1, Len: 346",
                        "Hypertext Transfer Protocol"],
                       ["    Accept: */*\\r\\n", "    \\r\\n", "    [HTTP request 1/1]"], None),
    "confluence-storage": ("confluence/orders-setup.xml", ["<h1>Orders service setup</h1>",
                                                           "<p>Ask the platform team before changing these.</p>"],
                           ["<p>Last reviewed in May.</p>"], None),
    "pwsh-transcript": ("logs/PowerShell_transcript.WEB1.txt",
                        ["**********************", "Windows PowerShell transcript start", "Start time: 20240507101112",
                         "Username: ACME\\deploy", "RunAs User: ACME\\deploy",
                         "Machine: WEB1 (Microsoft Windows NT 10.0.20348.0)", "**********************"],
                        ["**********************", "Windows PowerShell transcript end", "End time: 20240507101530",
                         "**********************"], None),
}
HELDOUT9_SYNTAXES = list(SYNTAXES)
