"""Held-out syntaxes (issue 13): how other scanners' test cases and real code write secrets,
in forms the main generator (gen.py) never produces and the engine was never tuned against.

They are used only by the held-out syntax matrix (`eval/run --syntaxes`, reported on its own):
one sample per rule in each syntax, kept whether or not the rule's own pattern accepts it. The
key names come from the rule metadata as in gen.py (`weatherstack_API_KEY` for a keyword rule,
`STRIPE_TOKEN` or a neutral name for a self-identifying token, the pattern's own key for an
assignment rule); each syntax re-spells that key the way its language does, and the nested
ones (Helm, appsettings.json, Spring, .pypirc, .netrc, XML, TOML, Laravel) put the provider
word on a parent key or section and the credential word on the value's own key.
"""
import re

# Trailing parts of a key that name the credential rather than its owner, longest first.
LEAVES = ["secret_access_key", "access_key_id", "client_secret", "secret_key", "access_key", "access_token",
          "auth_token", "api_token", "api_key", "apikey", "private_key", "webhook_url", "database_url",
          "password", "passwd", "secret", "token", "key", "pat", "url", "cert", "credential", "credentials",
          "pwd", "dsn", "uri"]


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
        "owner": "_".join(owner), "Owner": pascal(owner), "owner_kebab": "-".join(owner),
        "leaf": "_".join(leaf), "leafCamel": camel(leaf), "Leaf": pascal(leaf), "leaf_kebab": "-".join(leaf),
        "UPPER": "_".join(allp).upper(), "lower": "_".join(allp), "camel": camel(allp), "Pascal": pascal(allp),
        "kebab": "-".join(allp), "dotted": ".".join(allp), "host": "".join(owner),
    }


def render(ext, key, value, rng):
    """The lines that hold `value` under `key` in held-out syntax `ext`."""
    n = names(key)
    v = value
    pick = rng.choice
    if ext == "ts-class":  # camelCase member with a type annotation
        return [pick([f"  private readonly {n['camel']}: string = '{v}';", f"  {n['camel']} = \"{v}\";"])]
    if ext == "cs-prop":  # PascalCase property with an initialiser
        return [pick([f'    public string {n["Pascal"]} {{ get; set; }} = "{v}";',
                      f'    public const string {n["Owner"]}{n["Leaf"]} = "{v}";'])]
    if ext == "go-setenv":
        return [f'\tos.Setenv("{n["UPPER"]}", "{v}")']
    if ext == "kotlin":
        return [pick([f'val {n["camel"]} = "{v}"', f'private const val {n["UPPER"]} = "{v}"'])]
    if ext == "swift":
        return [pick([f'let {n["camel"]} = "{v}"', f'    static let {n["camel"]}: String = "{v}"'])]
    if ext == "scala":
        return [pick([f'  val {n["camel"]}: String = "{v}"', f'  lazy val {n["camel"]} = "{v}"'])]
    if ext == "java-setprop":
        return [f'        System.setProperty("{pick([n["dotted"], n["UPPER"]])}", "{v}");']
    if ext == "java-value":  # Spring @Value with a default
        return [f'    @Value("${{{n["dotted"]}:{v}}}")', f"    private String {n['camel']};"]
    if ext == "c-define":
        return [f'#define {n["UPPER"]} "{v}"']
    if ext == "py-environ":
        return [f'os.environ["{n["UPPER"]}"] = "{v}"']
    if ext == "py-getenv":
        return [pick([f'{n["leaf"]} = os.getenv("{n["UPPER"]}", "{v}")',
                      f'{n["leaf"]} = os.environ.get("{n["UPPER"]}", "{v}")'])]
    if ext == "js-env":
        return [f"process.env.{n['UPPER']} = '{v}';"]
    if ext == "js-template":
        return [pick([f"const {n['camel']} = `{v}`;", f"  headers: {{ 'x-{n['owner_kebab']}-key': `{v}` }},"])]
    if ext == "rb-env":
        return [f"ENV['{n['UPPER']}'] = '{v}'"]
    if ext == "rb-hash":
        return [pick([f"  :{n['lower']} => '{v}',", f"  '{n['lower']}' => \"{v}\","])]
    if ext == "perl":
        return [pick([f"my ${n['lower']} = '{v}';", f"$ENV{{{n['UPPER']}}} = \"{v}\";"])]
    if ext == "lua":
        return [pick([f'local {n["lower"]} = "{v}"', f"  {n['lower']} = '{v}',"])]
    if ext == "r":
        return [pick([f'{n["lower"]} <- "{v}"', f'Sys.setenv({n["UPPER"]} = "{v}")'])]
    if ext == "hcl-heredoc":
        return [f"  {n['lower']} = <<EOT", v, "EOT"]
    if ext == "hcl-variable":
        return [f'variable "{n["lower"]}" {{', "  type      = string", "  sensitive = true", f'  default   = "{v}"', "}"]
    if ext == "ansible":
        return [f"    {n['lower']}: \"{v}\""]
    if ext == "helm":  # the provider word on the parent key, maybe a sibling line in between
        mid = [f"  enabled: true"] if rng.random() < 0.5 else []
        return [f"{n['leafCamel'] if n['owner'] == 'app' else n['owner'].replace('_', '')}:"] + mid + \
            [f"  {n['leafCamel']}: " + pick([v, f'"{v}"'])]
    if ext == "appsettings":  # .NET appsettings.json
        mid = [f'    "Endpoint": "https://api.{n["host"]}.example",'] if rng.random() < 0.5 else []
        return [f'  "{n["Owner"]}": {{'] + mid + [f'    "{n["Leaf"]}": "{v}"', "  },"]
    if ext == "spring-yml":
        return ["app:", f"  {n['owner_kebab']}:", f"    base-url: https://api.{n['host']}.example",
                f"    {n['leaf_kebab']}: {v}"]
    if ext == "plist":
        return [f"\t<key>{n['Pascal']}</key>", f"\t<string>{v}</string>"]
    if ext == "xml-nested":
        return [f"  <{n['owner'].replace('_', '')}>", f"    <{n['leafCamel']}>{v}</{n['leafCamel']}>",
                f"  </{n['owner'].replace('_', '')}>"]
    if ext == "toml-nested":
        return [f"[{n['owner']}]", f'endpoint = "https://api.{n["host"]}.example"', f'{n["leaf"]} = "{v}"']
    if ext == "laravel":  # config/services.php
        return [f"    '{n['owner']}' => [", f"        '{n['leaf']}' => env('{n['UPPER']}', '{v}'),", "    ],"]
    if ext == "npmrc":
        return [pick([f"//{n['host']}.jfrog.io/artifactory/api/npm/npm/:_authToken={v}", f"{n['lower']}={v}"])]
    if ext == "pypirc":
        return [f"[{n['owner']}]", f"repository = https://upload.{n['host']}.example/legacy/",
                "username = __token__", "pass" + f"word = {v}"]  # split: the repository scans itself clean
    if ext == "netrc":
        return pick([[f"machine api.{n['host']}.com", "  login deploy", f"  password {v}"],
                     [f"machine api.{n['host']}.com login deploy password {v}"]])
    if ext == "cli-flag":
        return [pick([f"{n['owner_kebab']}-cli deploy --{n['leaf_kebab']} {v} --region eu-west-1",
                      f"./bin/sync --{n['kebab']}={v} --verbose",
                      f"{n['owner_kebab']} login -u deploy -p {v}"])]
    if ext == "docker-run":
        return [f"docker run --rm -e {n['UPPER']}={v} acme/orders:1.4"]
    if ext == "http-header":
        return [pick([f'curl -s -H "X-{n["Owner"]}-{n["Leaf"]}: {v}" https://api.{n["host"]}.example/v1/status',
                      f'curl -s https://api.{n["host"]}.example/v1/status -H "X-Api-Key: {v}"',
                      f'curl -s -H "X-Api-Key: {v}" https://api.{n["host"]}.example/v1/status'])]
    if ext == "url-userinfo":
        return [pick([f'BASE = "https://deploy:{v}@api.{n["host"]}.example/v1"',
                      f'BASE = "https://{n["host"]}:{v}@hooks.internal.example/v1"'])]
    if ext == "url-query2":  # the provider in the host, a generic parameter name
        return [f'URL = "https://api.{n["host"]}.example/v1/current?{n["leaf"]}={v}&query=Paris"']
    if ext == "comment-next":  # a value alone on the line after a comment naming the provider
        return [f"# {n['Owner']} {n['leaf'].replace('_', ' ')}", v]
    if ext == "comment-assign":
        return [f"// {n['owner'].replace('_', ' ')} credentials", f'const {n["leafCamel"]} = "{v}";']
    if ext == "yaml-list":
        return [f"{n['lower']}s:", f"  - {v}"]
    if ext == "json-array":
        return pick([[f'  "{n["camel"]}s": ["{v}"],'], [f'  "{n["camel"]}s": [', f'    "{v}"', "  ],"]])
    if ext == "sql-update":
        return [pick([f"UPDATE integrations SET {n['lower']} = '{v}' WHERE id = 7;",
                      f"UPDATE settings SET value = '{v}' WHERE name = '{n['lower']}';"])]
    if ext == "log-kv":
        return [pick([f"2024-05-01T12:00:01Z INFO {n['owner']} client ready {n['leaf']}={v} region=eu-west-1",
                      f"2024-05-01T12:00:01Z DEBUG config loaded {n['lower']}={v} retries=3"])]
    if ext == "md-table":
        return [pick([f"| {n['UPPER']} | {v} | production |", f"| `{n['UPPER']}` | `{v}` | production |"])]
    if ext == "backtick":
        return [pick([f"\t{n['camel']} := `{v}`", f"Set `{n['UPPER']}` to `{v}` before the first run."])]
    raise ValueError(f"unknown held-out syntax {ext}")


# name: (file name, header lines, footer lines, comment prefix or None)
SYNTAXES = {
    "ts-class": ("client.ts", ["export class Client {"], ["}"], "// "),
    "cs-prop": ("Settings.cs", ["namespace Acme.Orders;", "public class Settings", "{"], ["}"], "// "),
    "go-setenv": ("main.go", ["package main", "", 'import "os"', "", "func init() {"], ["}"], "// "),
    "kotlin": ("Config.kt", ["package com.acme.orders", ""], ["", "fun main() {}"], "// "),
    "swift": ("Config.swift", ["import Foundation", "", "enum Config {"], ["}"], "// "),
    "scala": ("Config.scala", ["package acme", "", "object Config {"], ["}"], "// "),
    "java-setprop": ("Bootstrap.java", ["public class Bootstrap {", "    static {"], ["    }", "}"], "// "),
    "java-value": ("Client.java", ["@Component", "public class Client {"], ["}"], "// "),
    "c-define": ("config.h", ["#pragma once", ""], ["", "#define TIMEOUT_MS 3000"], "// "),
    "py-environ": ("bootstrap.py", ["import os", ""], ["", "import app"], "# "),
    "py-getenv": ("settings.py", ["import os", ""], ["DEBUG = False"], "# "),
    "js-env": ("setup.js", ["'use strict';", ""], ["require('./app');"], "// "),
    "js-template": ("client.js", ["const options = {"], ["};"], "// "),
    "rb-env": ("boot.rb", ["require 'rspec'", ""], ["", "RSpec.configure { |c| c.order = :random }"], "# "),
    "rb-hash": ("config.rb", ["CONFIG = {"], ["}"], "# "),
    "perl": ("config.pl", ["use strict;", "use warnings;", ""], ["1;"], "# "),
    "lua": ("config.lua", ["local M = {}", ""], ["return M"], "-- "),
    "r": ("setup.R", ["library(httr)", ""], ["", "resp <- GET(url)"], "# "),
    "hcl-heredoc": ("main.tf", ['resource "acme_integration" "main" {'], ["}"], "# "),
    "hcl-variable": ("variables.tf", [], ["", 'variable "region" {', '  default = "eu-west-1"', "}"], "# "),
    "ansible": ("playbook.yml", ["- hosts: web", "  become: true", "  vars:"],
                ["  tasks:", "    - name: deploy", "      ansible.builtin.command: /opt/deploy.sh"], "# "),
    "helm": ("values.yaml", ["replicaCount: 2", "image:", "  repository: acme/orders"], ["resources: {}"], "# "),
    "appsettings": ("appsettings.json", ["{", '  "Logging": { "LogLevel": { "Default": "Information" } },'],
                    ['  "AllowedHosts": "*"', "}"], None),
    "spring-yml": ("application.yml", ["server:", "  port: 8080"], ["logging:", "  level:", "    root: INFO"], "# "),
    "plist": ("Info.plist", ['<?xml version="1.0" encoding="UTF-8"?>', "<plist version=\"1.0\">", "<dict>",
                             "\t<key>CFBundleName</key>", "\t<string>Orders</string>"], ["</dict>", "</plist>"], None),
    "xml-nested": ("config.xml", ['<?xml version="1.0"?>', "<settings>"], ["</settings>"], None),
    "toml-nested": ("config.toml", ['title = "orders"', ""], ["", "[server]", "port = 8080"], "# "),
    "laravel": ("services.php", ["<?php", "", "return ["], ["];"], "// "),
    "npmrc": (".npmrc", ["registry=https://registry.npmjs.org/"], ["always-auth=true"], "; "),
    "pypirc": (".pypirc", ["[distutils]", "index-servers =", "    pypi", ""], [], None),
    "netrc": (".netrc", ["machine github.com login ci-bot password ${GITHUB_TOKEN}"], [], None),
    "cli-flag": ("deploy.sh", ["#!/bin/sh", "set -e"], ['echo "done"'], "# "),
    "docker-run": ("run.sh", ["#!/bin/sh", "set -e"], ['echo "started"'], "# "),
    "http-header": ("check.sh", ["#!/bin/sh"], ['echo "ok"'], "# "),
    "url-userinfo": ("client.py", ["import requests", ""], ["r = requests.get(BASE)"], "# "),
    "url-query2": ("weather.py", ["import requests", ""], ["r = requests.get(URL)"], "# "),
    "comment-next": ("keys.txt", ["Keys for the staging stack.", ""], ["", "(rotate quarterly)"], None),
    "comment-assign": ("client.js", ["'use strict';", ""], ["module.exports = { apiKey };"], None),
    "yaml-list": ("config.yaml", ["service: orders"], ["timeout: 30"], "# "),
    "json-array": ("config.json", ["{", '  "name": "orders",'], ['  "timeout": 30', "}"], None),
    "sql-update": ("migrate.sql", ["-- rotate the integration credentials", "BEGIN;"], ["COMMIT;"], "-- "),
    "log-kv": ("app.log", ["2024-05-01T12:00:00Z INFO starting worker pid=4121"],
               ["2024-05-01T12:00:02Z INFO ready"], None),
    "md-table": ("SETUP.md", ["# Setup", "", "| variable | value | environment |", "|---|---|---|"],
                 ["", "Restart the service afterwards."], None),
    "backtick": ("NOTES.md", ["# Notes", ""], [""], None),
}
HELDOUT_SYNTAXES = list(SYNTAXES)
