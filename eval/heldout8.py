"""Eighth held-out syntax set: written blind, nobody tunes rules or the engine against it.

eval/heldout7.py is about to be used to fix rules, so this one takes its place as the predictor
of how the pack does on syntaxes it has never seen. It was written and committed before any
result of it was looked at, from how real projects and other scanners' public test cases write
credentials, in forms that none of eval/gen.py, eval/heldout.py and eval/heldout2.py ..
eval/heldout7.py produce, weighted toward areas the earlier sets lack:
mobile and desktop apps (Xcode `project.pbxproj` build settings, Android `manifestPlaceholders`
and `resValue`, `google-services.json`, Expo `app.json` `extra` and plugin options, Unity
ScriptableObject assets, electron-builder `publish` and `extraMetadata`, Capacitor plugin config,
NSIS installer scripts, macOS `defaults write` and `PlistBuddy`, a `dconf dump`, a `.desktop`
`Exec=` line), web platforms and CMSs (WordPress `wp-config.php` `define()`, WP-CLI, Drush and
Magento CLI settings, Drupal `settings.php`, Magento `env.php` arrays, Laravel runtime
`config([...])`, Symfony service `bind:` arguments, `vercel.json` env and headers, Strapi
`env('X', 'v')`, Vite `define`, Google Apps Script, Salesforce Apex callouts), data and ML work
(`spark-defaults.conf`, Hadoop `core-site.xml`, PySpark `conf.set`, Streamlit `secrets.toml`
connections, `kaggle.json`, `.databrickscfg`, Databricks notebook source, notebook `!` shell
escapes, Jupyter traitlets config, Wolfram Language, SAS, Power Query M, Snowflake and DuckDB
`CREATE SECRET`, T-SQL scoped credentials and linked-server logins, Meltano taps, Kafka JAAS,
conda channel tokens), credentials inside other encodings (a Secret's
`last-applied-configuration` annotation, JSON inside a JSON string, a shell script in a CronJob's
block scalar, HTML inline config and JSON in an attribute, AsciiDoc listings, an HTML mail part,
Markdown badge links) and the places where they get pasted (Slack Block Kit messages, a GitHub
issue's JSON, an alerting webhook payload, `strace` output, tracebacks with locals, a gdb
backtrace, a `ps aux` listing, an asciinema cast, Ansible run output, `docker history`, Python
HTTP client debug logs).

Interface as eval/heldout7.py: `render(ext, key, value, rng)` returns the lines holding `value`;
`SYNTAXES` maps each name to (file name, header lines, footer lines, comment prefix or None).
Key names come from the rule metadata as in gen.py; each syntax re-spells the key the way its
language does, some with the provider word on the key itself, some on a parent, a section, a
plugin, a class or a host, some only nearby (a message, a log line, a command).

File names avoid the test path globs (rules/test-paths.toml). The helpers are copied, not
imported from heldout2.py .. heldout7.py, so that edits there do not move this set.
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
    """The lines that hold `value` under `key` in held-out syntax `ext` (eighth set)."""
    n = names(key)
    v = value
    pick = rng.choice
    leaf_dotted = n["leaf"].replace("_", ".")
    # --- mobile and desktop apps -------------------------------------------------------------
    if ext == "pbxproj-build-settings":  # OpenStep plist: `KEY = value;` in a configuration's buildSettings
        line = pick([f'\t\t\t\t{n["UPPER"]} = "{v}";', f"\t\t\t\t{n['UPPER']} = {v};",
                     f'\t\t\t\t"{n["UPPER"]}[sdk=iphoneos*]" = "{v}";'])
        return ["\t\t\tbuildSettings = {", "\t\t\t\tCODE_SIGN_STYLE = Automatic;", line,
                "\t\t\t\tPRODUCT_BUNDLE_IDENTIFIER = com.acme.orders;", "\t\t\t};"]
    if ext == "gradle-manifest-placeholders":  # build.gradle.kts: placeholders and generated resources
        return [pick([f'        manifestPlaceholders["{n["camel"]}"] = "{v}"',
                      f'        manifestPlaceholders += mapOf("{n["camel"]}" to "{v}")',
                      f'        resValue("string", "{n["lower"]}", "{v}")'])]
    if ext == "google-services-json":  # Firebase's file: the key under a list of current keys
        return pick([[f'      "{n["leaf"]}": [', "        {", f'          "current_key": "{v}"', "        }", "      ],"],
                     ['      "services": {', f'        "{n["owner"]}_service": {{', f'          "{n["leaf"]}": "{v}"',
                      "        }", "      },"]])
    if ext == "expo-app-config":  # app.json: `extra`, a config plugin's options, a native config block
        return pick([['    "extra": {', f'      "{n["camel"]}": "{v}"', "    },"],
                     ['    "extra": {', f'      "{n["ownerCamel"]}": {{', f'        "{n["leafCamel"]}": "{v}"', "      }",
                      "    },"],
                     ['    "plugins": [', f'      ["@acme/{n["owner_kebab"]}-expo", {{ "{n["leafCamel"]}": "{v}" }}]',
                      "    ],"]])
    if ext == "unity-asset":  # a ScriptableObject serialized as Unity YAML
        return pick([[f"  m_Name: {n['Owner']}Settings", "  m_EditorClassIdentifier: ", f"  {n['leafCamel']}: {v}"],
                     [f"  {n['camel']}: {v}"], [f"  m_{n['Pascal']}: {v}"]])
    if ext == "electron-builder":  # electron-builder.yml
        return pick([["publish:", f"  provider: {n['owner']}", "  channel: latest", f"  {n['leafCamel']}: {v}"],
                     ["extraMetadata:", f"  {n['ownerCamel']}:", f'    {n["leafCamel"]}: "{v}"']])
    if ext == "capacitor-config":  # capacitor.config.ts: a plugin's options
        return pick([[f"    {n['Owner']}: {{", f"      {n['leafCamel']}: '{v}',", "    },"],
                     [f'    {n["Owner"]}Plugin: {{ {n["leafCamel"]}: "{v}" }},']])
    if ext == "nsis-script":
        return [pick([f'!define {n["UPPER"]} "{v}"',
                      f'  WriteRegStr HKLM "Software\\Acme\\{n["Owner"]}" "{n["Leaf"]}" "{v}"',
                      f'  WriteRegStr HKCU "Environment" "{n["UPPER"]}" "{v}"'])]
    if ext == "macos-defaults":
        return [pick([f'defaults write com.acme.{n["owner_kebab"]} {n["leafCamel"]} -string "{v}"',
                      f"defaults write com.acme.orders {n['Pascal']} '{v}'",
                      f'/usr/libexec/PlistBuddy -c "Set :{n["Pascal"]} {v}" Orders/Info.plist',
                      f'plutil -replace {n["Pascal"]} -string "{v}" Orders/Info.plist'])]
    if ext == "dconf-dump":  # `dconf dump /` output: GVariant strings in single quotes
        return pick([[f"[org/gnome/shell/extensions/{n['owner_kebab']}]", f"{n['leaf_kebab']}='{v}'"],
                     ["[apps/orders]", f"{n['kebab']}='{v}'", "window-width=1280"]])
    if ext == "desktop-entry":
        return [pick([f"Exec=env {n['UPPER']}={v} /opt/orders/orders %U",
                      f"Exec=/opt/orders/orders --{n['kebab']}={v} %U",
                      f"Exec=sh -c \"{n['UPPER']}='{v}' exec /opt/orders/orders\""])]
    # --- web platforms and CMSs --------------------------------------------------------------
    if ext == "wp-config-define":
        return [pick([f"define( '{n['UPPER']}', '{v}' );", f"define('{n['UPPER']}', \"{v}\");",
                      f"define( 'WP_{n['UPPER']}', '{v}' );"])]
    if ext == "cms-cli":  # WP-CLI, Drush and Magento's CLI setting a value
        return [pick([f"wp option update {n['lower']} '{v}'", f"wp config set {n['UPPER']} '{v}' --type=constant",
                      f"drush config:set {n['owner']}.settings {n['leaf']} '{v}' -y",
                      f"drush cset {n['owner']}.settings {n['leaf']} {v}",
                      f"php bin/magento config:set {n['owner']}/general/{n['leaf']} {v}"])]
    if ext == "drupal-settings":
        return [pick([f"$settings['{n['lower']}'] = '{v}';",
                      f"$config['{n['owner']}.settings']['{n['leaf']}'] = '{v}';",
                      f"$settings['{n['owner']}']['{n['leaf']}'] = \"{v}\";"])]
    if ext == "magento-env-php":  # app/etc/env.php: nested arrays, no env() call
        return pick([["    'system' => [", "        'default' => [", f"            '{n['owner']}' => [",
                      "                'general' => [", f"                    '{n['leaf']}' => '{v}'",
                      "                ]", "            ]", "        ]", "    ],"],
                     ["    'db' => [", "        'connection' => [", "            'default' => [",
                      "                'host' => 'db.internal',", "                'username' => 'magento',",
                      f"                '{n['lower']}' => '{v}',", "            ]", "        ]", "    ],"]])
    if ext == "laravel-config-set":  # runtime configuration in a service provider
        return [pick([f"        config(['services.{n['owner']}.{n['leaf']}' => '{v}']);",
                      f"        Config::set('services.{n['owner']}.{n['leaf']}', '{v}');",
                      f"        config()->set('{n['owner']}.{n['leaf']}', \"{v}\");"])]
    if ext == "symfony-bind":  # services.yaml: a named constructor argument
        return pick([["        bind:", f"            ${n['camel']}: '{v}'"],
                     ["        bind:", f"            string ${n['camel']}: '{v}'"],
                     [f"    App\\Client\\{n['Owner']}Client:", "        arguments:",
                      f"            ${n['leafCamel']}: '{v}'"]])
    if ext == "vercel-json":
        return pick([['  "env": {', f'    "{n["UPPER"]}": "{v}"', "  },"],
                     ['  "build": {', '    "env": {', f'      "{n["UPPER"]}": "{v}"', "    }", "  },"],
                     ['  "headers": [', "    {", '      "source": "/api/(.*)",', '      "headers": [',
                      f'        {{ "key": "X-{n["Owner"]}-{n["Leaf_dash"]}", "value": "{v}" }}', "      ]", "    }",
                      "  ],"]])
    if ext == "strapi-env":  # config/plugins.js: Strapi's env() with a fallback
        return pick([[f"  '{n['owner_kebab']}': {{", "    config: {",
                      f"      {n['leafCamel']}: env('{n['UPPER']}', '{v}'),",
                      "    },", "  },"],
                     ["  email: {", "    config: {", f"      provider: '{n['owner_kebab']}',", "      providerOptions: {",
                      f"        {n['leafCamel']}: '{v}',", "      },", "    },", "  },"]])
    if ext == "vite-define":
        return [pick([f"    'import.meta.env.VITE_{n['UPPER']}': JSON.stringify('{v}'),",
                      f"    'process.env.{n['UPPER']}': '\"{v}\"',",
                      f'    __{n["UPPER"]}__: JSON.stringify("{v}"),'])]
    if ext == "apps-script":  # Google Apps Script
        return [pick([f"  PropertiesService.getScriptProperties().setProperty('{n['UPPER']}', '{v}');",
                      f"  PropertiesService.getUserProperties().setProperties({{ {n['camel']}: '{v}' }});",
                      f"  const res = UrlFetchApp.fetch('https://api.{n['host']}.com/v1/me', "
                      f"{{ headers: {{ 'X-{n['Owner']}-{n['Leaf_dash']}': '{v}' }} }});"])]
    if ext == "apex-callout":  # Salesforce Apex
        return pick([[f"        req.setEndpoint('https://api.{n['host']}.com/v1/orders');",
                      f"        req.setHeader('X-{n['Owner']}-{n['Leaf_dash']}', '{v}');"],
                     [f"        req.setEndpoint('https://api.{n['host']}.com/v1/orders');",
                      f"        req.setHeader('Authorization', 'Bearer {v}');"],
                     [f"        String {n['camel']} = '{v}';",
                      f"        req.setHeader('X-{n['Leaf_dash']}', {n['camel']});"]])
    # --- data and ML work -------------------------------------------------------------------
    if ext == "spark-defaults":  # whitespace-separated properties
        return [pick([f"spark.executorEnv.{n['UPPER']}        {v}", f"spark.yarn.appMasterEnv.{n['UPPER']} {v}",
                      f"spark.{n['owner']}.{n['leafCamel']}    {v}",
                      f"spark.hadoop.fs.{n['owner']}.{leaf_dotted}  {v}"])]
    if ext == "hadoop-site-xml":  # a property's name and value as sibling elements
        name = pick([f"fs.{n['owner']}.{leaf_dotted}", f"fs.s3a.bucket.{n['owner_kebab']}-data.{leaf_dotted}",
                     f"{n['owner']}.{leaf_dotted}"])
        body = ["  <property>", f"    <name>{name}</name>", f"    <value>{v}</value>"]
        if rng.random() < 0.5:
            body.append(f"    <description>{n['Owner']} {n['leaf_title']}</description>")
        return body + ["  </property>"]
    if ext == "spark-conf-set":  # PySpark
        return [pick([f'spark.conf.set("spark.{n["owner"]}.{n["leafCamel"]}", "{v}")',
                      f'spark.sparkContext._jsc.hadoopConfiguration().set("fs.{n["owner"]}.{leaf_dotted}", "{v}")',
                      f'df = spark.read.format("{n["owner"]}").option("{n["leafCamel"]}", "{v}").load("orders")'])]
    if ext == "streamlit-secrets":  # .streamlit/secrets.toml
        return pick([[f"[connections.{n['owner']}]", 'account = "acme-orders"', f'{n["leaf"]} = "{v}"'],
                     [f"[{n['owner']}_api]", f"{n['leaf']} = '''{v}'''"]])
    if ext == "kaggle-json":  # the whole file on one line; the provider only in the path
        return [pick([f'{{"username":"orders-ml","key":"{v}"}}', f'{{"username": "orders-ml", "{n["leaf"]}": "{v}"}}'])]
    if ext == "databrickscfg":
        return pick([["[DEFAULT]", "host = https://adb-1234567890123456.7.azuredatabricks.net", f"{n['leaf']} = {v}"],
                     [f"[{n['OWNER']}]", f"host = https://{n['host']}.cloud.databricks.com", f"{n['leaf']} = {v}",
                      "jobs-api-version = 2.1"]])
    if ext == "databricks-notebook":  # a notebook exported as source
        return pick([["# MAGIC %sh", f"# MAGIC export {n['UPPER']}={v}", f"# MAGIC {n['owner_kebab']} sync"],
                     [f'dbutils.widgets.text("{n["lower"]}", "{v}")'],
                     ["# MAGIC %md", f"# MAGIC The {n['owner_words']} {n['leaf_title']} for the workspace: `{v}`"]])
    if ext == "ipynb-shell-escape":  # a code cell's `!` shell commands, as JSON strings
        return [pick([f'    "!export {n["UPPER"]}={v}\\n",',
                      f'    "!curl -s -H \\"X-{n["Owner"]}-{n["Leaf_dash"]}: {v}\\" https://api.{n["host"]}.com/v1/me\\n",',
                      f'    "!{n["owner_kebab"]} login --{n["leaf_kebab"]} {v}\\n",'])]
    if ext == "traitlets-config":  # Jupyter and IPython config files
        return [pick([f"c.{n['Owner']}.{n['leaf']} = '{v}'", f'c.{n["Owner"]}Client.{n["leaf"]} = "{v}"',
                      f"c.ServerApp.tornado_settings = {{'headers': {{'X-{n['Owner']}-{n['Leaf_dash']}': '{v}'}}}}"])]
    if ext == "wolfram":
        return [pick([f'{n["camel"]} = "{v}";', f'SetEnvironment["{n["UPPER"]}" -> "{v}"];',
                      f'ServiceConnect["{n["Owner"]}", Authentication -> <|"{n["Leaf"]}" -> "{v}"|>]',
                      f'URLRead[HTTPRequest["https://api.{n["host"]}.com/v1/me", '
                      f'<|"Headers" -> {{"X-{n["Owner"]}-{n["Leaf_dash"]}" -> "{v}"}}|>]]'])]
    if ext == "sas-program":
        return pick([[f"%let {n['lower']} = {v};"], [f'options set={n["UPPER"]}="{v}";'],
                     [f'proc http url="https://api.{n["host"]}.com/v1/orders" method="GET" out=resp;',
                      f'  headers "X-{n["Owner"]}-{n["Leaf_dash"]}"="{v}";', "run;"]])
    if ext == "power-query-m":
        return [pick([f'    Source = Json.Document(Web.Contents("https://api.{n["host"]}.com/v1/orders", '
                      f'[Headers=[#"X-{n["Owner"]}-{n["Leaf_dash"]}"="{v}"]])),',
                      f'    {n["Pascal"]} = "{v}",',
                      f'    Source = Json.Document(Web.Contents("https://api.{n["host"]}.com", '
                      f'[RelativePath="v1/orders", Query=[{n["leaf"]}="{v}"]])),'])]
    if ext == "warehouse-secret-sql":  # Snowflake and DuckDB secrets and stages
        return pick([[f"CREATE OR REPLACE SECRET {n['owner']}_{n['leaf']}", "  TYPE = GENERIC_STRING",
                      f"  SECRET_STRING = '{v}';"],
                     [f"CREATE OR REPLACE STAGE {n['owner']}_stage",
                      "  URL = 'azure://ordersdata.blob.core.windows.net/raw'",
                      f"  CREDENTIALS = (AZURE_SAS_TOKEN = '{v}');"],
                     [f"CREATE SECRET {n['owner']} (", "    TYPE http,", f"    BEARER_TOKEN '{v}'", ");"]])
    if ext == "tsql-credential":
        return pick([[f"CREATE DATABASE SCOPED CREDENTIAL {n['Owner']}Credential",
                      f"WITH IDENTITY = 'SHARED ACCESS SIGNATURE', SECRET = '{v}';"],
                     [f"EXEC sp_addlinkedsrvlogin @rmtsrvname = N'{n['OWNER']}', @useself = N'False',",
                      f"    @rmtuser = N'etl', @rmtpassword = N'{v}';"],
                     [f"EXEC sp_set_session_context @key = N'{n['lower']}', @value = N'{v}';"]])
    if ext == "meltano-yml":
        return pick([[f"  - name: tap-{n['owner_kebab']}", "    variant: meltanolabs", "    config:",
                      f"      {n['leaf']}: {v}", "      start_date: '2024-01-01'"],
                     ["  - name: tap-rest-api-msdk", "    config:", f"      api_url: https://api.{n['host']}.com",
                      "      headers:", f"        X-{n['Owner']}-{n['Leaf_dash']}: {v}"]])
    if ext == "kafka-jaas":  # client.properties with an inline JAAS line, or a JAAS file
        return pick([[f"bootstrap.servers={n['host']}.kafka.acme.example:9092",
                      "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required "
                      f'username="{n["owner"]}" password="{v}";'],
                     ["KafkaClient {", "  org.apache.kafka.common.security.scram.ScramLoginModule required",
                      f'  username="{n["owner"]}"', f'  password="{v}";', "};"]])
    if ext == "condarc-token-url":  # a channel token in the URL path (/t/<token>/)
        return pick([["channels:", f"  - https://conda.anaconda.org/t/{v}/{n['owner_kebab']}", "  - defaults"],
                     [f"channel_alias: https://conda.{n['host']}.com/t/{v}"]])
    # --- inside other encodings ------------------------------------------------------------
    if ext == "k8s-last-applied":  # kubectl's annotation keeps the applied stringData
        return pick([["    kubectl.kubernetes.io/last-applied-configuration: |",
                      '      {"apiVersion":"v1","kind":"Secret","metadata":{"annotations":{},'
                      f'"name":"{n["owner_kebab"]}-credentials","namespace":"orders"}},'
                      f'"stringData":{{"{n["leaf"]}":"{v}"}},"type":"Opaque"}}'],
                     ["    kubectl.kubernetes.io/last-applied-configuration: |",
                      '      {"apiVersion":"v1","kind":"Secret","metadata":{"name":"orders-credentials"},'
                      f'"stringData":{{"{n["UPPER"]}":"{v}"}}}}']])
    if ext == "json-string-json":  # a JSON document as a string value (Secrets Manager, a config column)
        return [pick([f'    "SecretString": "{{\\"{n["lower"]}\\":\\"{v}\\",\\"region\\":\\"eu-west-1\\"}}",',
                      f'    "SecretString": "{{\\"{n["ownerCamel"]}\\":{{\\"{n["leafCamel"]}\\":\\"{v}\\"}}}}",'])]
    if ext == "k8s-cronjob-script":  # a shell script in a container's args block scalar
        return pick([[f'                  curl -fsS -X POST -H "X-{n["Owner"]}-{n["Leaf_dash"]}: {v}" \\',
                      f"                    https://api.{n['host']}.com/v1/cleanup"],
                     [f"                  export {n['UPPER']}={v}", "                  /app/cleanup --all"],
                     [f"                  {n['owner_kebab']} login --{n['leaf_kebab']} '{v}'",
                      f"                  {n['owner_kebab']} purge --older-than 30d"]])
    if ext == "html-inline-config":
        return [pick([f'  <script>window.__CONFIG__ = {{ "{n["camel"]}": "{v}", "env": "production" }};</script>',
                      f'  <script async src="https://cdn.{n["host"]}.com/widget.js?{n["leaf"]}={v}"></script>',
                      f'  <input type="hidden" name="{n["lower"]}" value="{v}">',
                      f"  <div id=\"app\" data-config='{{\"{n['ownerCamel']}\":"
                      f"{{\"{n['leafCamel']}\":\"{v}\"}}}}'></div>"])]
    if ext == "asciidoc-listing":
        return pick([["[source,bash]", "----", f"export {n['UPPER']}={v}", "----"],
                     [f".{n['Owner']} settings", "[source,yaml]", "----", f"{n['owner']}:", f"  {n['leaf']}: {v}", "----"],
                     ["[source,properties]", "----", f"{n['owner']}.{n['leaf_kebab']}={v}", "----"]])
    if ext == "eml-html-part":  # a provider's onboarding mail, HTML part
        return [f"Subject: Your {n['Owner']} {n['leaf_title']}", "", "--b1_5f3a",
                "Content-Type: text/html; charset=utf-8", "", "<p>Hello,</p>",
                pick([f"<p>Your {n['owner_words']} {n['leaf_title']}: <code>{v}</code></p>",
                      f"<table><tr><td>{n['leaf_title']}</td><td>{v}</td></tr></table>"])]
    if ext == "md-badge-link":
        return [pick([f"[![{n['Owner']} status](https://status.{n['host']}.com/badge.svg?{n['leaf']}={v})]"
                      f"(https://status.{n['host']}.com)",
                      f"See the [dashboard](https://app.{n['host']}.com/d/orders?{n['leaf']}={v}).",
                      f'<img src="https://api.{n["host"]}.com/v1/chart.png?{n["leaf"]}={v}" alt="orders chart">'])]
    # --- where credentials get pasted -------------------------------------------------------
    if ext == "slack-blocks":  # Block Kit rich text: the words in one element, the value in a code block
        intro = pick([f"the {n['owner_words']} {n['leaf_title']} for staging:",
                      f"new {n['Owner']} creds, rotate after the demo"])
        code = pick([v, f"{n['UPPER']}={v}"])
        return ["  {", '    "type": "message",', '    "user": "U04ABCD1234",', '    "blocks": [', "      {",
                '        "type": "rich_text",', '        "elements": [',
                f'          {{ "type": "rich_text_section", "elements": [ {{ "type": "text", "text": "{intro}" }} ] }},',
                f'          {{ "type": "rich_text_preformatted", "elements": [ {{ "type": "text", "text": "{code}" }} ] }}',
                "        ]", "      }", "    ],", '    "ts": "1715076672.000300"', "  }"]
    if ext == "github-issue-json":  # an issue from the REST API: Markdown with \r\n escapes
        return [pick([f'  "body": "### What happened?\\r\\n\\r\\nI get a 401 with this config:\\r\\n\\r\\n```yaml\\r\\n'
                      f'{n["owner"]}:\\r\\n  {n["leaf"]}: {v}\\r\\n```\\r\\n",',
                      f'  "body": "Setting `{n["UPPER"]}={v}` in the environment does not work",'])]
    if ext == "alert-payload":  # an alerting event's custom details
        return pick([['    "custom_details": {', f'      "{n["UPPER"]}": "{v}",', '      "pod": "orders-7d9f8c-x2k4"',
                      "    }"],
                     ['    "custom_details": {', f'      "command": "{n["owner_kebab"]} push --{n["leaf_kebab"]} {v}"',
                      "    }"]])
    if ext == "strace-log":
        return [pick([f'execve("/usr/bin/curl", ["curl", "-H", "X-{n["Owner"]}-{n["Leaf_dash"]}: {v}", '
                      f'"https://api.{n["host"]}.com/v1/me"], 0x7ffd5b2c8e40 /* 24 vars */) = 0',
                      f'write(3, "POST /v1/events HTTP/1.1\\r\\nHost: api.{n["host"]}.com\\r\\nAuthorization: Bearer {v}'
                      '\\r\\n\\r\\n", 96) = 96',
                      f'execve("/usr/local/bin/orders", ["orders", "--{n["kebab"]}", "{v}"], 0x7ffd5b2c8e40 '
                      "/* 24 vars */) = 0"])]
    if ext == "traceback-locals":  # traceback.print_exc with capture_locals, or rich's locals panel
        return pick([[f'  File "/app/orders/{n["owner"]}_client.py", line 42, in fetch', "    resp.raise_for_status()",
                      f"    {n['lower']} = '{v}'", "    self = <orders.client.Client object at 0x7f3a1c2d4e50>"],
                     [f"│ /app/orders/{n['owner']}_client.py:42 in fetch", "│ ╭──── locals ────╮",
                      f"│ │ {n['leaf']} = '{v}' │", "│ │      url = 'https://api.acme.example/v1/orders' │",
                      "│ ╰────────────────╯"]])
    if ext == "gdb-backtrace":
        return pick([[f"#1  0x000055d0c1a2b3c4 in {n['owner']}_connect (host=0x55d0c1e01234 \"api.{n['host']}.com\", "
                      f"{n['leaf']}=0x55d0c1e05678 \"{v}\") at src/client.c:88"],
                     [f"#2  0x000055d0c1a2b5d0 in {n['owner']}_session_open (cfg=0x55d0c1e00010) at src/session.c:41",
                      f"        {n['lower']} = 0x55d0c1e05678 \"{v}\"", "        rc = -1"]])
    if ext == "ps-listing":  # `ps aux` pasted into an issue
        pre = "orders    1842  0.3  1.2 912344 48120 ?        Ssl  10:11   0:04 "
        return [pre + pick([f"/usr/bin/node /app/server.js --{n['kebab']}={v}",
                            f"java -D{n['dotted']}={v} -jar /app/orders.jar",
                            f"/opt/{n['owner_kebab']}/agent --{n['leaf_kebab']} {v} --site eu"])]
    if ext == "asciinema-cast":  # a recorded terminal session: output events as JSON strings
        return [pick([f'[1.933, "o", "export {n["UPPER"]}={v}\\r\\n"]',
                      f'[2.104, "o", "$ {n["owner_kebab"]} login --{n["leaf_kebab"]} {v}\\r\\n"]',
                      f'[3.217, "o", "{n["Owner"]} {n["leaf_title"]}: {v}\\r\\n"]'])]
    if ext == "ansible-output":  # ansible-playbook's run output
        return pick([[f"TASK [{n['owner']} : configure agent] ********************************************",
                      f"ok: [web1] => (item={{'key': '{n['UPPER']}', 'value': '{v}'}})"],
                     ["TASK [debug] *******************************************************************",
                      "ok: [web1] => {", f'    "{n["lower"]}": "{v}"', "}"],
                     ["TASK [register agent] ****************************************************",
                      f'changed: [web1] => {{"changed": true, "cmd": "{n["owner_kebab"]} config set {n["leaf_kebab"]} {v}", '
                      '"rc": 0}']])
    if ext == "docker-history":  # `docker history --no-trunc`: build-time ENV and ARG values
        return [pick([f"<missing>      3 days ago     ENV {n['UPPER']}={v}                            0B        "
                      "buildkit.dockerfile.v0",
                      f"<missing>      3 days ago     /bin/sh -c #(nop)  ENV {n['UPPER']}={v}      0B",
                      f"<missing>      3 days ago     RUN |1 {n['UPPER']}={v} /bin/sh -c ./install.sh # buildkit   "
                      "12.3MB    buildkit.dockerfile.v0"])]
    if ext == "http-client-debug":  # http.client's debuglevel and urllib3's logger
        return [pick([f"send: b'GET /v1/orders HTTP/1.1\\r\\nHost: api.{n['host']}.com\\r\\n"
                      f"X-{n['Owner']}-{n['Leaf_dash']}: {v}\\r\\nAccept: */*\\r\\n\\r\\n'",
                      f'DEBUG:urllib3.connectionpool:https://api.{n["host"]}.com:443 "GET /v1/orders?{n["leaf"]}={v} '
                      'HTTP/1.1" 200 512',
                      f"send: b'POST /v1/token HTTP/1.1\\r\\nHost: auth.{n['host']}.com\\r\\nAuthorization: Bearer {v}"
                      "\\r\\nContent-Length: 0\\r\\n\\r\\n'"])]
    raise ValueError(f"unknown held-out syntax {ext}")


# name: (file name, header lines, footer lines, comment prefix or None)
SYNTAXES = {
    # mobile and desktop apps
    "pbxproj-build-settings": ("Orders.xcodeproj/project.pbxproj",
                               ["// !$*UTF8*$!", "{", "\tobjects = {", "\t\t1D6058940D05DD3E006BFB54 /* Release */ = {",
                                "\t\t\tisa = XCBuildConfiguration;"],
                               ['\t\t\tname = Release;', "\t\t};", "\t};", "\trootObject = 29B97313FDCFA39411CA2CEA;", "}"],
                               None),
    "gradle-manifest-placeholders": ("app/build.gradle.kts", ["android {", '    namespace = "com.acme.orders"',
                                                              "    defaultConfig {",
                                                              '        applicationId = "com.acme.orders"'],
                                     ["        versionCode = 42", "    }", "}"], "// "),
    "google-services-json": ("app/google-services.json",
                             ["{", '  "project_info": {', '    "project_number": "123456789012",',
                              '    "project_id": "orders-prod"', "  },", '  "client": [', "    {",
                              '      "client_info": {', '        "mobilesdk_app_id": "1:123456789012:android:0a1b2c3d4e5f",',
                              '        "android_client_info": { "package_name": "com.acme.orders" }', "      },",
                              '      "oauth_client": [],'],
                             ['      "appinvite_service": { "other_platform_oauth_client": [] }', "    }", "  ],",
                              '  "configuration_version": "1"', "}"], None),
    "expo-app-config": ("app.json", ["{", '  "expo": {', '    "name": "Orders",', '    "slug": "orders",'],
                        ['    "version": "1.4.2"', "  }", "}"], None),
    "unity-asset": ("Assets/Resources/ServiceSettings.asset",
                    ["%YAML 1.1", "%TAG !u! tag:unity3d.com,2011:", "--- !u!114 &11400000", "MonoBehaviour:",
                     "  m_ObjectHideFlags: 0", "  m_Enabled: 1",
                     "  m_Script: {fileID: 11500000, guid: 3f2a9c1e0b7d4e5f8a6b2c1d0e9f8a7b, type: 3}"],
                    ["  timeoutSeconds: 30", "  useSandbox: 0"], None),
    "electron-builder": ("electron-builder.yml", ["appId: com.acme.orders", "productName: Orders", "directories:",
                                                  "  output: dist"], ["mac:", "  category: public.app-category.business"],
                         "# "),
    "capacitor-config": ("capacitor.config.ts", ["import type { CapacitorConfig } from '@capacitor/cli';", "",
                                                 "const config: CapacitorConfig = {", "  appId: 'com.acme.orders',",
                                                 "  appName: 'Orders',", "  plugins: {"],
                         ["    SplashScreen: { launchShowDuration: 0 },", "  },", "};", "", "export default config;"],
                         "// "),
    "nsis-script": ("installer/orders.nsi", ['!define APPNAME "Orders"', 'OutFile "orders-setup.exe"',
                                             'InstallDir "$PROGRAMFILES64\\Acme\\Orders"', "", 'Section "Install"'],
                    ['  File /r "dist\\*.*"', "SectionEnd"], "; "),
    "macos-defaults": ("scripts/macos-setup.sh", ["#!/bin/zsh", "set -e"], ["killall cfprefsd || true"], "# "),
    "dconf-dump": ("dotfiles/dconf-settings.ini", ["[org/gnome/desktop/interface]", "color-scheme='prefer-dark'", ""],
                   ["", "[org/gnome/mutter]", "dynamic-workspaces=true"], "# "),
    "desktop-entry": (".local/share/applications/orders.desktop", ["[Desktop Entry]", "Type=Application", "Name=Orders"],
                      ["Icon=orders", "Categories=Office;"], "# "),
    # web platforms and CMSs
    "wp-config-define": ("wp-config.php", ["<?php", "define( 'DB_NAME', 'orders' );", "define( 'DB_HOST', 'localhost' );"],
                         ["$table_prefix = 'wp_';", "require_once ABSPATH . 'wp-settings.php';"], "// "),
    "cms-cli": ("scripts/provision-site.sh", ["#!/usr/bin/env bash", "set -euo pipefail", "cd /var/www/html"],
                ['echo "site configured"'], "# "),
    "drupal-settings": ("web/sites/default/settings.php",
                        ["<?php", "", "$settings['config_sync_directory'] = '../config/sync';"],
                        ["$settings['trusted_host_patterns'] = ['^orders\\.acme\\.example$'];"], "// "),
    "magento-env-php": ("app/etc/env.php", ["<?php", "return [", "    'backend' => [", "        'frontName' => 'admin_orders'",
                                            "    ],"], ["    'MAGE_MODE' => 'production'", "];"], "// "),
    "laravel-config-set": ("app/Providers/AppServiceProvider.php",
                           ["<?php", "", "namespace App\\Providers;", "", "use Illuminate\\Support\\ServiceProvider;", "",
                            "class AppServiceProvider extends ServiceProvider", "{", "    public function boot(): void",
                            "    {"], ["    }", "}"], "// "),
    "symfony-bind": ("config/services.yaml", ["services:", "    _defaults:", "        autowire: true",
                                              "        autoconfigure: true"],
                     ["", "    App\\:", "        resource: '../src/'"], "# "),
    "vercel-json": ("vercel.json", ["{", '  "framework": "nextjs",'], ['  "cleanUrls": true', "}"], None),
    "strapi-env": ("config/plugins.js", ["module.exports = ({ env }) => ({"], ["  graphql: { enabled: true },", "});"],
                   "// "),
    "vite-define": ("vite.config.ts", ["import { defineConfig } from 'vite';", "", "export default defineConfig({",
                                       "  define: {"], ["  },", "});"], "// "),
    "apps-script": ("Code.gs", ["function setup() {"], ["}"], "// "),
    "apex-callout": ("force-app/main/default/classes/OrdersClient.cls",
                     ["public with sharing class OrdersClient {", "    public static HttpResponse send() {",
                      "        HttpRequest req = new HttpRequest();", "        req.setMethod('GET');"],
                     ["        return new Http().send(req);", "    }", "}"], "// "),
    # data and ML work
    "spark-defaults": ("conf/spark-defaults.conf", ["spark.master                     yarn",
                                                    "spark.eventLog.enabled           true"],
                       ["spark.serializer                 org.apache.spark.serializer.KryoSerializer"], "# "),
    "hadoop-site-xml": ("etc/hadoop/core-site.xml", ['<?xml version="1.0"?>',
                                                     '<?xml-stylesheet type="text/xsl" href="configuration.xsl"?>',
                                                     "<configuration>", "  <property>", "    <name>fs.defaultFS</name>",
                                                     "    <value>hdfs://namenode:8020</value>", "  </property>"],
                        ["</configuration>"], None),
    "spark-conf-set": ("jobs/ingest.py", ["from pyspark.sql import SparkSession", "",
                                          'spark = SparkSession.builder.appName("orders-ingest").getOrCreate()'],
                       ['raw = spark.read.parquet("s3a://orders-data/raw/")'], "# "),
    "streamlit-secrets": (".streamlit/secrets.toml", ['app_env = "production"', ""], ["", "[server]", "port = 8501"], "# "),
    "kaggle-json": (".kaggle/kaggle.json", [], [], None),
    "databrickscfg": (".databrickscfg", ["; profiles for the orders workspaces"],
                      ["", "[local]", "host = http://localhost:8080"],
                      "; "),
    "databricks-notebook": ("notebooks/ingest_orders.py", ["# Databricks notebook source", "import requests", "",
                                                           "# COMMAND ----------", ""],
                            ["", "# COMMAND ----------", "", 'display(spark.table("orders.raw"))'], "# "),
    "ipynb-shell-escape": ("notebooks/explore.ipynb", ["{", ' "cells": [', "  {", '   "cell_type": "code",',
                                                       '   "execution_count": 3,', '   "metadata": {},', '   "outputs": [],',
                                                       '   "source": ['],
                           ['    "import pandas as pd"', "   ]", "  }", " ],", ' "nbformat": 4,', ' "nbformat_minor": 5',
                            "}"], None),
    "traitlets-config": (".jupyter/jupyter_server_config.py", ["c = get_config()  # noqa", "c.ServerApp.ip = '0.0.0.0'"],
                         ["c.ServerApp.open_browser = False"], "# "),
    "wolfram": ("analysis/fetch.wl", ['BeginPackage["Orders`"];', ""], ["", "EndPackage[];"], None),
    "sas-program": ("programs/load_orders.sas", ["options nocenter;", 'libname raw "/data/orders/raw";'],
                    ["data work.orders; set raw.orders; run;"], None),
    "power-query-m": ("queries/Orders.pq", ["let"], ["    Result = Table.FromRecords(Source)", "in", "    Result"], "// "),
    "warehouse-secret-sql": ("sql/setup_secrets.sql", ["USE ROLE SYSADMIN;", "USE DATABASE ORDERS;", ""],
                             ["", "GRANT USAGE ON DATABASE ORDERS TO ROLE ANALYST;"], "-- "),
    "tsql-credential": ("sql/linked_servers.sql", ["USE [orders];", "GO"], ["GO"], "-- "),
    "meltano-yml": ("meltano.yml", ["version: 1", "default_environment: dev", "project_id: orders-elt", "plugins:",
                                    "  extractors:"], ["  loaders:", "  - name: target-postgres"], "# "),
    "kafka-jaas": ("config/client.properties", ["security.protocol=SASL_SSL", "sasl.mechanism=PLAIN"],
                   ["client.dns.lookup=use_all_dns_ips"], "# "),
    "condarc-token-url": (".condarc", ["channel_priority: strict", "auto_activate_base: false"], ["ssl_verify: true"],
                          "# "),
    # inside other encodings
    "k8s-last-applied": ("k8s/orders-credentials.yaml", ["apiVersion: v1", "kind: Secret", "metadata:", "  annotations:"],
                         ["  name: orders-credentials", "  namespace: orders", "type: Opaque", "data:",
                          "  region: ZXUtd2VzdC0x"], "# "),
    "json-string-json": ("infra/secret-dump.json", ["{", '    "ARN": "arn:aws:secretsmanager:eu-west-1:123456789012:'
                                                         'secret:orders/prod-AbCdEf",', '    "Name": "orders/prod",'],
                         ['    "VersionStages": ["AWSCURRENT"]', "}"], None),
    "k8s-cronjob-script": ("k8s/cleanup-cronjob.yaml",
                           ["apiVersion: batch/v1", "kind: CronJob", "metadata:", "  name: orders-cleanup", "spec:",
                            '  schedule: "0 3 * * *"', "  jobTemplate:", "    spec:", "      template:", "        spec:",
                            "          containers:", "            - name: cleanup",
                            "              image: curlimages/curl:8.7.1", '              command: ["/bin/sh", "-c"]',
                            "              args:", "                - |", "                  set -e"],
                           ["          restartPolicy: OnFailure"], "# "),
    "html-inline-config": ("public/index.html", ["<!doctype html>", '<html lang="en">', "<head>", '  <meta charset="utf-8">',
                                                 "  <title>Orders</title>"], ["</head>", "<body></body>", "</html>"], None),
    "asciidoc-listing": ("docs/setup.adoc", ["= Orders service", "", "== Setup", ""], ["", "== Running", "", "Run `make`."],
                         "// "),
    "eml-html-part": ("mail/onboarding.eml", ['From: "Acme Onboarding" <no-reply@acme.example>', "To: dev@orders.example",
                                              "Date: Tue, 07 May 2024 10:11:12 +0000", "MIME-Version: 1.0",
                                              'Content-Type: multipart/alternative; boundary="b1_5f3a"'],
                      ["<p>Keep it safe.</p>", "", "--b1_5f3a--"], None),
    "md-badge-link": ("README.md", ["# Orders", ""], ["", "Orders service for the shop."], None),
    # where credentials get pasted
    "slack-blocks": ("slack-export/incidents/2024-05-07.json", ["["], ["]"], None),
    "github-issue-json": ("issues/1234.json", ["{", '  "url": "https://api.github.com/repos/acme/orders/issues/1234",',
                                               '  "number": 1234,', '  "title": "401 after upgrading to 1.5.0",'],
                          ['  "state": "open"', "}"], None),
    "alert-payload": ("alerts/event.json", ["{", '  "event_action": "trigger",', '  "payload": {',
                                            '    "summary": "orders: upstream returned 401",', '    "severity": "error",'],
                      ["  }", "}"], None),
    "strace-log": ("debug/strace.txt", ['openat(AT_FDCWD, "/etc/ld.so.cache", O_RDONLY|O_CLOEXEC) = 3'],
                   ["+++ exited with 0 +++"], None),
    "traceback-locals": ("logs/worker-error.log", ["2024-05-07 10:11:12,345 ERROR worker crashed",
                                                   "Traceback (most recent call last):"],
                         ["requests.exceptions.HTTPError: 401 Client Error: Unauthorized for url: "
                          "https://api.acme.example/v1/orders"], None),
    "gdb-backtrace": ("crash/gdb-bt.txt", ["Program received signal SIGSEGV, Segmentation fault.", "(gdb) bt full",
                                           "#0  0x00007f3a1c2d4e5f in __strlen_avx2 () from /lib/x86_64-linux-gnu/libc.so.6",
                                           "No symbol table info available."],
                      ["#3  0x000055d0c1a2c000 in main (argc=1, argv=0x7ffd5b2c8f48) at src/main.c:31"], None),
    "ps-listing": ("debug/ps.txt", ["USER       PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND",
                                    "root         1  0.0  0.0   4364  3200 ?        Ss   10:10   0:00 "
                                    "/sbin/tini -- /app/start.sh"],
                   ["root        77  0.0  0.0   7064  1580 pts/0    R+   10:20   0:00 ps aux"], None),
    "asciinema-cast": ("docs/demo.cast", ['{"version": 2, "width": 120, "height": 32, "timestamp": 1715076672, '
                                          '"env": {"SHELL": "/bin/zsh", "TERM": "xterm-256color"}}', '[0.412, "o", "$ "]'],
                       ['[5.004, "o", "$ exit\\r\\n"]'], None),
    "ansible-output": ("logs/ansible-run.log", ["PLAY [orders] " + "*" * 66, "",
                                                "TASK [Gathering Facts] " + "*" * 57,
                                                "ok: [web1]", ""],
                       ["", "PLAY RECAP **********************************************************************",
                        "web1 : ok=5 changed=1 unreachable=0 failed=0 skipped=0"], None),
    "docker-history": ("debug/docker-history.txt",
                       ["IMAGE          CREATED        CREATED BY                                      SIZE      COMMENT",
                        '3f2a9c1e0b7d   3 days ago     CMD ["node" "server.js"]                        0B        '
                        "buildkit.dockerfile.v0"],
                       ["<missing>      4 weeks ago    /bin/sh -c #(nop) ADD file:9a8b7c6d5e in /      74.8MB"], None),
    "http-client-debug": ("logs/debug.log", ["DEBUG:urllib3.connectionpool:Starting new HTTPS connection (1): "
                                             "api.acme.example:443"], ["reply: 'HTTP/1.1 200 OK\\r\\n'"], None),
}
HELDOUT8_SYNTAXES = list(SYNTAXES)
