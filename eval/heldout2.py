"""Second held-out syntax set (issue 13): nobody tunes rules or the engine against it.

eval/heldout.py is now used to fix rules, so it stops predicting how the pack does on syntaxes
it has never seen. This set was written before any result of it was looked at, from how real
projects and other scanners' test cases write credentials, in forms that neither eval/gen.py
nor eval/heldout.py produce: CI files (GitHub Actions `with:` inputs beside
`${{ secrets.X }}`, GitLab `variables:` with `value:`/`description:`, Jenkinsfile
`environment {}`), container and cloud files (quoted compose list items, Kubernetes
`env: - name/value`, ECS `environment` name/value objects, CloudFormation parameter files,
`kubectl --from-literal`, `vault kv put`, `aws ssm put-parameter`, PaaS CLIs), Terraform
`provider {}` blocks and `.tfvars` maps, JVM and mobile build files (`.properties` with `\\`
continuations, `gradle.properties`, `buildConfigField`, Android `strings.xml`, Xcode
`.xcconfig`), .NET (`applicationSettings`, `launchSettings.json`, `Owner__Key` variables,
`Endpoint=...;Key=...` connection strings), shells (PowerShell `SetEnvironmentVariable` and
`ConvertTo-SecureString`, `setx`, fish `set -x`, systemd `Environment=`, Makefile `?=`),
code (Python clients with the provider on the class, JS destructuring defaults, Go
`pkg.Config{APIKey: ...}` and test tables, Rust `env::set_var`, Elixir `config :app`, Dart
`String.fromEnvironment`, PHP `$_ENV`), and data and docs (YAML anchors, JSON two levels under
the provider, CSV exports with a header row, Jupyter output cells, HTML `<meta>`/`data-`,
a README's Python code fence, curl with the key as its user name, pip index URLs, `.git-credentials`, Docker
`config.json` identity tokens).

Interface as eval/heldout.py: `render(ext, key, value, rng)` returns the lines holding `value`;
`SYNTAXES` maps each name to (file name, header lines, footer lines, comment prefix or None).
Key names come from the rule metadata as in gen.py (`weatherstack_API_KEY`, `STRIPE_TOKEN`, the
pattern's own key); each syntax re-spells it the way its language does, some with the provider
word on the key itself, some with it on a parent, a section, a package or a class name.

Not measurable here: a secret that only appears encoded (Docker `auth` = base64 of user:pass,
Kubernetes `data:`), since a sample is located by its literal value. File names avoid the test
path globs (rules/test-paths.toml): demoting test files is a separate, deliberate policy.

The helpers are copied, not imported from heldout.py, so that edits there do not move this set.
"""
import re

# Trailing parts of a key that name the credential rather than its owner, longest first.
LEAVES = ["secret_access_key", "access_key_id", "client_secret", "secret_key", "access_key", "access_token",
          "auth_token", "api_token", "api_key", "apikey", "private_key", "webhook_url", "database_url",
          "password", "passwd", "secret", "token", "key", "pat", "url", "cert", "credential", "credentials",
          "pwd", "dsn", "uri"]
# Go spells initialisms in upper case (APIKey, ClientID, WebhookURL).
GO_INITIALISMS = {"api": "API", "id": "ID", "url": "URL", "uri": "URI", "dsn": "DSN", "pat": "PAT", "sas": "SAS"}


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


def go_pascal(parts):
    return "".join(GO_INITIALISMS.get(p, p.capitalize()) for p in parts)


def names(key):
    owner, leaf = split_key(key)
    allp = owner + leaf if owner != ["app"] else leaf
    return {
        "owner": "_".join(owner), "Owner": pascal(owner), "owner_kebab": "-".join(owner),
        "owner_words": " ".join(owner),
        "leaf": "_".join(leaf), "leafCamel": camel(leaf), "Leaf": pascal(leaf), "leaf_kebab": "-".join(leaf),
        "leaf_words": " ".join(leaf), "GoLeaf": go_pascal(leaf),
        "UPPER": "_".join(allp).upper(), "lower": "_".join(allp), "camel": camel(allp), "Pascal": pascal(allp),
        "kebab": "-".join(allp), "dotted": ".".join(allp), "host": "".join(owner),
    }


def render(ext, key, value, rng):
    """The lines that hold `value` under `key` in held-out syntax `ext` (second set)."""
    n = names(key)
    v = value
    pick = rng.choice
    # --- CI ---------------------------------------------------------------------------
    if ext == "gha-with":  # an action's inputs, kebab-case, beside a `${{ secrets.X }}` input
        sib = ["          github-token: ${{ secrets.GITHUB_TOKEN }}"] if rng.random() < 0.5 else []
        return ["      - name: Publish", f"        uses: {n['owner_kebab']}/publish-action@v3", "        with:"] + \
            sib + [f"          {n['leaf_kebab']}: {v}"]
    if ext == "gitlab-ci":  # the expanded variable form: the name on the parent line
        val, desc = f'    value: "{v}"', '    description: "used by the deploy job"'
        return [f"  {n['UPPER']}:"] + pick([[val, desc], [desc, val]])
    if ext == "jenkinsfile":
        return [pick([f"        {n['UPPER']} = '{v}'", f'        {n["UPPER"]} = "{v}"'])]
    # --- containers and cloud -----------------------------------------------------------
    if ext == "compose-quoted":
        return [pick([f'      - "{n["UPPER"]}={v}"', f"      - '{n['UPPER']}={v}'"])]
    if ext == "k8s-env":  # the name and the value on two lines
        return [f"            - name: {n['UPPER']}", "              value: " + pick([v, f'"{v}"'])]
    if ext == "ecs-env":  # the name as the value of a sibling "name" field
        return pick([[f'        {{ "name": "{n["UPPER"]}", "value": "{v}" }}'],
                     ["        {", f'          "name": "{n["UPPER"]}",', f'          "value": "{v}"', "        }"]])
    if ext == "cfn-params":
        return pick([[f'  {{"ParameterKey": "{n["Pascal"]}", "ParameterValue": "{v}"}}'],
                     ["  {", f'    "ParameterKey": "{n["Pascal"]}",', f'    "ParameterValue": "{v}"', "  }"]])
    if ext == "kubectl-literal":
        return pick([[f"kubectl create secret generic {n['owner_kebab']}-credentials --from-literal={n['leaf']}={v}"],
                     [f"kubectl -n prod create secret generic {n['kebab']} \\", f"  --from-literal={n['UPPER']}='{v}'"]])
    if ext == "vault-kv":  # the provider in the secret's path, the credential word as the field
        return [pick([f"vault kv put secret/{n['owner_kebab']} {n['leaf']}={v}",
                      f"vault kv put -mount=secret apps/orders/{n['owner_kebab']} {n['leaf']}='{v}' region=eu-west-1"])]
    if ext == "ssm-put":
        return [pick([f"aws ssm put-parameter --name /prod/{n['owner_kebab']}/{n['leaf_kebab']} --type SecureString --value {v}",
                      f'aws ssm put-parameter --name "/orders/{n["UPPER"]}" --value "{v}" --type SecureString --overwrite',
                      f"aws secretsmanager create-secret --name prod/{n['owner_kebab']} --secret-string "
                      f"'{{\"{n['leaf']}\":\"{v}\"}}'"])]
    if ext == "paas-cli":
        return [pick([f"heroku config:set {n['UPPER']}={v} --app orders-prod",
                      f"fly secrets set {n['UPPER']}={v}",
                      f'gh secret set {n["UPPER"]} --body "{v}"',
                      f'firebase functions:config:set {n["owner"]}.{n["leaf"]}="{v}"'])]
    if ext == "docker-auths":  # Docker config.json: a registry identity token
        return ["{", '  "auths": {', f'    "{n["host"]}.azurecr.io": {{', '      "auth": "",',
                f'      "identitytoken": "{v}"', "    }", "  }", "}"]
    # --- Terraform ----------------------------------------------------------------------
    if ext == "tf-provider":  # the provider on the block label, the credential word alone
        mid = [f'  base_url = "https://api.{n["host"]}.example"'] if rng.random() < 0.5 else []
        return [f'provider "{n["owner"]}" {{'] + mid + [f'  {n["leaf"]} = "{v}"', "}"]
    if ext == "tfvars-map":  # an object variable, aligned as `terraform fmt` writes it
        w = max(len("region"), len(n["leaf"]))
        return [f"{n['owner']}_config = {{", f'  {"region":<{w}} = "eu-west-1"', f'  {n["leaf"]:<{w}} = "{v}"', "}"]
    # --- JVM, Android, Apple ------------------------------------------------------------
    if ext == "properties-cont":  # a `\` continuation: the value on the next line
        return pick([[f"{n['owner']}.{n['leaf_kebab']} = \\", f"    {v}"], [f"{n['dotted']}: \\", f"  {v}"]])
    if ext == "gradle-props":
        return [pick([f"{n['camel']}={v}", f"{n['camel']} = {v}"])]
    if ext == "gradle-buildconfig":  # the value inside escaped quotes
        return [pick([f'        buildConfigField "String", "{n["UPPER"]}", "\\"{v}\\""',
                      f'        buildConfigField("String", "{n["UPPER"]}", "\\"{v}\\"")'])]
    if ext == "android-strings":
        return [pick([f'    <string name="{n["lower"]}">{v}</string>',
                      f'    <string name="{n["lower"]}" translatable="false">{v}</string>'])]
    if ext == "xcconfig":
        return [pick([f"{n['UPPER']} = {v}", f"{n['UPPER']}[config=Release] = {v}",
                      f"{n['UPPER']}[sdk=iphoneos*] = {v}"])]
    # --- .NET ---------------------------------------------------------------------------
    if ext == "dotnet-settings":  # App.config applicationSettings: the name on the line above
        return [f'      <setting name="{n["Pascal"]}" serializeAs="String">', f"        <value>{v}</value>",
                "      </setting>"]
    if ext == "launchsettings":  # environmentVariables; `Owner__Key` is .NET's section separator
        return [pick([f'        "{n["UPPER"]}": "{v}"', f'        "{n["Owner"]}__{n["Leaf"]}": "{v}"'])]
    if ext == "conn-string":
        return ['  "ConnectionStrings": {',
                pick([f'    "{n["Owner"]}": "Endpoint=https://{n["host"]}.example.net/;{n["Leaf"]}={v};EntityPath=orders"',
                      f'    "{n["Owner"]}": "amqps://deploy:{v}@{n["host"]}.example.net/orders"']),
                "  },"]
    # --- shells and service files -------------------------------------------------------
    if ext == "ps-setenv":
        return [pick([f'[Environment]::SetEnvironmentVariable("{n["UPPER"]}", "{v}", "User")',
                      f"[System.Environment]::SetEnvironmentVariable('{n['UPPER']}', '{v}', "
                      "[System.EnvironmentVariableTarget]::Machine)",
                      f'Set-Item -Path Env:{n["UPPER"]} -Value "{v}"'])]
    if ext == "ps-securestring":
        return [pick([f'${n["camel"]} = ConvertTo-SecureString "{v}" -AsPlainText -Force',
                      f'${n["Owner"]}Cred = New-Object System.Management.Automation.PSCredential '
                      f'("deploy", (ConvertTo-SecureString "{v}" -AsPlainText -Force))'])]
    if ext == "win-setx":
        return [pick([f'setx {n["UPPER"]} "{v}"', f"setx {n['UPPER']} {v} /M", f'set "{n["UPPER"]}={v}"'])]
    if ext == "fish":
        return [pick([f"set -x {n['UPPER']} {v}", f"set -gx {n['UPPER']} '{v}'", f'set --export {n["UPPER"]} "{v}"'])]
    if ext == "systemd":
        return [pick([f'Environment="{n["UPPER"]}={v}"', f"Environment={n['UPPER']}={v}",
                      f'Environment="LOG_LEVEL=info" "{n["UPPER"]}={v}"'])]
    if ext == "makefile":
        return [pick([f"{n['UPPER']} ?= {v}", f"{n['UPPER']} := {v}", f"export {n['UPPER']} = {v}",
                      f"export {n['UPPER']} ?= {v}"])]
    if ext == "curl-u-key":  # the key as the user name, an empty password (Stripe, Mailgun docs)
        return [pick([f"curl https://api.{n['host']}.com/v1/charges -u {v}:",
                      f"curl -s --user 'api:{v}' https://api.{n['host']}.net/v3/messages",
                      f"curl --user '{v}:' https://api.{n['host']}.com/v1/me"])]
    # --- code ---------------------------------------------------------------------------
    if ext == "py-ctor":  # the provider on the class, the credential word as the keyword argument
        call = pick([[f'client = {n["Owner"]}Client({n["leaf"]}="{v}")'],
                     [f'client = {n["Owner"]}Client(config={{"{n["leaf"]}": "{v}", "timeout": 30}})'],
                     [f"client = {n['Owner']}Client(", f'    {n["leaf"]}="{v}",', "    timeout=30,", ")"]])
        return [f"from {n['host']}_sdk import {n['Owner']}Client", ""] + call
    if ext == "js-destructure":
        return [pick([f"const {{ {n['UPPER']} = '{v}' }} = process.env;",
                      f"const {{ {n['camel']} = '{v}', timeout = 30 }} = options;"])]
    if ext == "go-initialism":  # the provider as the package, Go's initialisms (APIKey)
        return pick([[f'\tclient := {n["host"]}.NewClient({n["host"]}.Config{{{n["GoLeaf"]}: "{v}"}})'],
                     [f"\tcfg := &{n['host']}.Config{{", f'\t\t{n["GoLeaf"]}: "{v}",', "\t\tTimeout: 30 * time.Second,",
                      "\t}"]])
    if ext == "go-table":  # a table of cases: the provider only in the case's name
        row = pick([f'\t{{name: "{n["owner_words"]} {n["leaf_words"]}", input: "{v}", want: true}},',
                    f'\t{{"{n["owner_words"]} {n["leaf_words"]}", "{v}", true}},'])
        return ['\t{name: "empty", input: "", want: false},', row]
    if ext == "rust-setvar":
        return [pick([f'    env::set_var("{n["UPPER"]}", "{v}");', f'    std::env::set_var("{n["UPPER"]}", "{v}");',
                      f'    unsafe {{ std::env::set_var("{n["UPPER"]}", "{v}") }};'])]
    if ext == "elixir":  # the provider as the application atom or a module
        return pick([[f'config :{n["owner"]}, {n["leaf"]}: "{v}"'],
                     [f"config :orders, {n['Owner']}.Client,", f'  {n["leaf"]}: "{v}"'],
                     [f"config :{n['owner']},", f'  base_url: "https://api.{n["host"]}.example",', f'  {n["leaf"]}: "{v}"']])
    if ext == "dart":
        return [pick([f"  static const String {n['camel']} = '{v}';",
                      f"  static const k{n['Pascal']} = '{v}';",
                      f"  static const {n['camel']} = String.fromEnvironment('{n['UPPER']}', defaultValue: '{v}');"])]
    if ext == "php-env":
        return [pick([f"$_ENV['{n['UPPER']}'] = '{v}';", f'$_SERVER[\'{n["UPPER"]}\'] = "{v}";',
                      f"putenv('{n['UPPER']}={v}');"])]
    # --- data and docs ------------------------------------------------------------------
    if ext == "ini-colon":  # configparser: the provider as the section, `key: value`
        return [f"[{n['owner']}]", pick([f"{n['leaf']}: {v}", f"{n['leaf_kebab']} : {v}"])]
    if ext == "yaml-anchor":  # the value under an anchor, merged into another mapping
        return pick([["defaults: &defaults", f"  {n['lower']}: {v}", "  timeout: 30", "", "production:",
                      "  <<: *defaults"],
                     [f"x-{n['owner_kebab']}: &{n['owner_kebab']}", f'  {n["leaf"]}: "{v}"', "", "services:", "  api:",
                      "    image: acme/orders:1.4", "    environment:", f"      <<: *{n['owner_kebab']}"]])
    if ext == "json-nested2":  # the provider two levels above the value
        mid = ['      "enabled": true,'] if rng.random() < 0.5 else []
        return ['  "integrations": {', f'    "{n["owner"]}": {{'] + mid + ['      "credentials": {',
                                                                       f'        "{n["leafCamel"]}": "{v}"', "      }",
                                                                       "    }", "  },"]
    if ext == "csv-header":  # the key in the header row, the value in the row below
        return pick([[f"name,{n['lower']},region,created_at", f"orders,{v},eu-west-1,2024-05-01"],
                     [f"id,service,{n['lower']}", f"7,orders,{v}"]])
    if ext == "jupyter-output":  # printed in a cell's output, not its source
        return [pick([f'      "{n["lower"]}={v}\\n"', f'      "{{\'{n["lower"]}\': \'{v}\', \'timeout\': 30}}\\n"'])]
    if ext == "html-meta":
        return pick([["<head>", f'  <meta name="{n["kebab"]}" content="{v}">', "</head>", "<body>"],
                     ["<head>", "  <title>Orders</title>", "</head>", "<body>",
                      f'  <div id="map" data-{n["kebab"]}="{v}"></div>']])
    if ext == "readme-python":  # a README's code fence: module attribute or positional argument
        code = pick([[f"import {n['host']}", "", f'{n["host"]}.{n["leaf"]} = "{v}"'],
                     [f"from {n['host']} import {n['Owner']}Client", "", f'client = {n["Owner"]}Client("{v}")']])
        return ["## Quick start", "", "```python"] + code + ["```"]
    if ext == "requirements-index":
        return [pick([f"--extra-index-url https://deploy:{v}@{n['host']}.jfrog.io/artifactory/api/pypi/pypi-local/simple",
                      f"--index-url https://__token__:{v}@pypi.{n['host']}.example/simple/"])]
    if ext == "git-credentials":
        return [pick([f"https://deploy:{v}@git.{n['host']}.example", f"https://oauth2:{v}@gitlab.{n['host']}.example",
                      f"https://{n['owner_kebab']}-bot:{v}@github.com"])]
    raise ValueError(f"unknown held-out syntax {ext}")


# name: (file name, header lines, footer lines, comment prefix or None)
SYNTAXES = {
    "gha-with": (".github/workflows/release.yml",
                 ["name: release", "on:", "  push:", "    tags: ['v*']", "jobs:", "  publish:",
                  "    runs-on: ubuntu-latest", "    steps:", "      - uses: actions/checkout@v4"],
                 ["      - run: echo published"], "# "),
    "gitlab-ci": (".gitlab-ci.yml", ["stages:", "  - deploy", "", "variables:", "  DOCKER_DRIVER: overlay2"],
                  ["", "deploy:", "  stage: deploy", "  script:", "    - ./deploy.sh"], "# "),
    "jenkinsfile": ("Jenkinsfile", ["pipeline {", "    agent any", "    environment {",
                                    "        REGISTRY = 'registry.acme.internal'"],
                    ["    }", "    stages {", "        stage('Deploy') {", "            steps {",
                     "                sh './deploy.sh'", "            }", "        }", "    }", "}"], "// "),
    "compose-quoted": ("docker-compose.yml", ['version: "3.8"', "services:", "  worker:", "    image: acme/worker:2.1",
                                              "    environment:"], ["    restart: unless-stopped"], "# "),
    "k8s-env": ("deployment.yaml", ["apiVersion: apps/v1", "kind: Deployment", "metadata:", "  name: orders", "spec:",
                                    "  template:", "    spec:", "      containers:", "        - name: api",
                                    "          image: acme/orders:1.4", "          env:", "            - name: LOG_LEVEL",
                                    "              value: info"],
                ["          ports:", "            - containerPort: 8080"], "# "),
    "ecs-env": ("taskdef.json", ["{", '  "family": "orders",', '  "containerDefinitions": [', "    {",
                                 '      "name": "api",', '      "image": "acme/orders:1.4",', '      "environment": [',
                                 '        { "name": "LOG_LEVEL", "value": "info" },'],
                ["      ]", "    }", "  ]", "}"], None),
    "cfn-params": ("parameters.json", ["[", '  {"ParameterKey": "Environment", "ParameterValue": "prod"},'], ["]"], None),
    "kubectl-literal": ("create-secrets.sh", ["#!/usr/bin/env bash", "set -euo pipefail"],
                        ["kubectl rollout restart deployment/orders"], "# "),
    "vault-kv": ("seed-vault.sh", ["#!/bin/sh", "export VAULT_ADDR=https://vault.internal:8200"], ['echo "seeded"'], "# "),
    "ssm-put": ("put-params.sh", ["#!/bin/sh", "set -e"], ['echo "stored"'], "# "),
    "paas-cli": ("configure.sh", ["#!/usr/bin/env bash", "set -euo pipefail"], ['echo "configured"'], "# "),
    "docker-auths": ("config.json", [], [], None),
    "tf-provider": ("providers.tf", ["terraform {", '  required_version = ">= 1.5"', "}", ""],
                    ["", 'resource "null_resource" "noop" {}'], "# "),
    "tfvars-map": ("terraform.tfvars", ['environment = "production"', ""], ["", "instance_count = 2"], "# "),
    "properties-cont": ("application.properties", ["# generated by the build", "server.port=8080"],
                        ["management.endpoints.web.exposure.include=health"], "# "),
    "gradle-props": ("gradle.properties", ["org.gradle.jvmargs=-Xmx2048m", "android.useAndroidX=true"],
                     ["kotlin.code.style=official"], "# "),
    "gradle-buildconfig": ("build.gradle", ["android {", "    defaultConfig {", '        applicationId "com.acme.orders"'],
                           ["    }", "}"], "// "),
    "android-strings": ("strings.xml", ['<?xml version="1.0" encoding="utf-8"?>', "<resources>",
                                        '    <string name="app_name">Orders</string>'], ["</resources>"], None),
    "xcconfig": ("Config.xcconfig", ["// Configuration settings file format documentation can be found at:",
                                     "// https://help.apple.com/xcode/#/dev745c5c974", "",
                                     "PRODUCT_BUNDLE_IDENTIFIER = com.acme.orders"], ["MARKETING_VERSION = 1.4.0"], "// "),
    "dotnet-settings": ("App.config", ['<?xml version="1.0" encoding="utf-8"?>', "<configuration>",
                                       "  <applicationSettings>", "    <Acme.Orders.Properties.Settings>"],
                        ["    </Acme.Orders.Properties.Settings>", "  </applicationSettings>", "</configuration>"], None),
    "launchsettings": ("launchSettings.json", ["{", '  "profiles": {', '    "Orders.Api": {', '      "commandName": "Project",',
                                               '      "launchBrowser": true,', '      "environmentVariables": {',
                                               '        "ASPNETCORE_ENVIRONMENT": "Development",'],
                       ["      },", '      "applicationUrl": "https://localhost:7001"', "    }", "  }", "}"], None),
    "conn-string": ("appsettings.Production.json", ["{"], ['  "AllowedHosts": "*"', "}"], None),
    "ps-setenv": ("setup.ps1", ["#Requires -Version 5.1", "$ErrorActionPreference = 'Stop'"], ["Write-Host 'done'"], "# "),
    "ps-securestring": ("connect.ps1", ["param([string]$Server = 'orders01')", ""], ["Connect-Service -Server $Server"],
                        "# "),
    "win-setx": ("setup.cmd", ["@echo off", "setlocal EnableDelayedExpansion"], ["endlocal"], "REM "),
    "fish": ("config.fish", ["set -gx EDITOR vim"], ["fish_add_path ~/.local/bin"], "# "),
    "systemd": ("orders.service", ["[Unit]", "Description=Orders API", "After=network-online.target", "", "[Service]",
                                   "ExecStart=/usr/local/bin/orders", "Environment=PORT=8080"],
                ["Restart=on-failure", "", "[Install]", "WantedBy=multi-user.target"], "# "),
    "makefile": ("Makefile", [".PHONY: deploy", "REGION ?= eu-west-1"], ["", "deploy:", "\t./scripts/deploy.sh $(REGION)"],
                 "# "),
    "curl-u-key": ("try-api.sh", ["#!/bin/sh", "# smoke test against the live API"], [], "# "),
    "py-ctor": ("client.py", ["import logging", ""], ["", "client.ping()"], "# "),
    "js-destructure": ("config.js", ["'use strict';", ""], ["", "module.exports = { connect };"], "// "),
    "go-initialism": ("client.go", ["package main", "", "import \"time\"", "", "func main() {"], ["}"], "// "),
    "go-table": ("cases.go", ["package client", "", "var cases = []struct {", "\tname  string", "\tinput string",
                              "\twant  bool", "}{"], ["}"], "// "),
    "rust-setvar": ("main.rs", ["use std::env;", "", "fn main() {"], ["}"], "// "),
    "elixir": ("runtime.exs", ["import Config", ""], ["", "config :logger, level: :info"], "# "),
    "dart": ("env.dart", ["class Env {", "  Env._();"], ["}"], "// "),
    "php-env": ("bootstrap.php", ["<?php", "", "declare(strict_types=1);", ""],
                ["", "require __DIR__ . '/vendor/autoload.php';"], None),
    "ini-colon": ("app.cfg", ["[DEFAULT]", "timeout = 30", ""], ["", "[logging]", "level = INFO"], "# "),
    "yaml-anchor": ("config.yml", [], [], "# "),
    "json-nested2": ("settings.json", ["{", '  "name": "orders",'], ['  "timeout": 30', "}"], None),
    "csv-header": ("export.csv", [], [], None),
    "jupyter-output": ("analysis.ipynb", ["{", ' "cells": [', "  {", '   "cell_type": "code",', '   "execution_count": 3,',
                                          '   "metadata": {},', '   "outputs": [', "    {", '     "name": "stdout",',
                                          '     "output_type": "stream",', '     "text": ['],
                       ["     ]", "    }", "   ],", '   "source": [', '    "print(config)"', "   ]", "  }", " ],",
                        ' "metadata": {},', ' "nbformat": 4,', ' "nbformat_minor": 5', "}"], None),
    "html-meta": ("index.html", ["<!DOCTYPE html>", '<html lang="en">'], ["  <main></main>", "</body>", "</html>"], None),
    "readme-python": ("README.md", ["# orders", "", "Orders service client.", ""], ["", "See the docs for more."], None),
    "requirements-index": ("requirements.txt", [], ["requests==2.32.3", "boto3==1.34.0"], "# "),
    "git-credentials": (".git-credentials", [], [], None),
}
HELDOUT2_SYNTAXES = list(SYNTAXES)
