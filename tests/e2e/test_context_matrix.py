"""Context matrix for the generic credential rules (issue 14).

A generator: for every syntax users write credentials in (Go, Java, PHP, Rust, Makefile, XML,
JSON, notebooks, SQL, URLs, logs, C#, Kotlin, Swift, Scala, Elixir, Lua, R, Terraform, YAML,
PowerShell, batch, Dockerfile, compose, GitHub Actions, systemd, properties, INI, TOML, .env,
command lines) it writes

  * a file with a keyed secret (a random 32-character base62 value under an api-key-like name),
  * a file with a password (a random 16-character value under a password-like name),
  * a file of decoys (placeholders, ${VAR}, environment lookups, secrets templates, hashes under
    non-credential names, ordinary identifiers such as token_type = "bearer"),

each with realistic lines around it, scans them all with `nhiscan dir -f json --no-redact` and
checks, per cell (one subTest each): the secret is reported on its exact line with exactly its
value and nothing else is reported in that file; the decoy file reports nothing.

Values are generated at run time from a seeded RNG: nothing real-looking is committed.
"""
import os
import random
import unittest

from support import NhiscanTest

# NHISCAN_MATRIX_SEED runs the matrix with other random values (the default seed is fixed).
_rng = random.Random(int(os.environ.get("NHISCAN_MATRIX_SEED", "1414")))
BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def _mixed(n, alphabet, extra=""):
    """n random characters with at least one digit, one upper- and one lower-case letter."""
    while True:
        s = "".join(_rng.choice(alphabet + extra) for _ in range(n))
        if any(c.isdigit() for c in s) and any(c.isupper() for c in s) and any(c.islower() for c in s):
            return s


def key_value():
    return _mixed(32, BASE62)


def password_value():
    # Passwords carry punctuation that every syntax below can hold literally.
    return _mixed(16, BASE62, "-_.!@")


def hex_value(n):
    return "".join(_rng.choice("0123456789abcdef") for _ in range(n))


PLACEHOLDERS = ["changeme", "<your-key>", "xxxxxxxxxxxxxxxxxxxxxxxx", "your_api_key_here"]


class Syntax:
    """One way of writing a credential.

    assign(name, value) -> the line that assigns `value` to `name` in this syntax (None for
    command lines); key/pwd: the names used for the keyed secret and the password (or explicit
    line builders for command lines); head/tail: surrounding lines; decoys: extra decoy lines.
    """

    def __init__(self, sid, path, head, tail, assign=None, key_name=None, pwd_name=None,
                 key_line=None, pwd_line=None, env_lookup=(), decoys=(), hash_names=("sha256", "commit"),
                 ident=True, template="${API_KEY}", secrets_template="{{ secrets.API_KEY }}", value_line=0):
        self.sid, self.path, self.head, self.tail = sid, path, head, tail
        self.value_line = value_line  # the value's line within what assign() returns (name above it)
        self.assign = assign
        self.key_line = key_line or (lambda v: assign(key_name, v))
        self.pwd_line = pwd_line or ((lambda v: assign(pwd_name, v)) if pwd_name else None)
        if key_name is None and key_line is None:
            self.key_line = None
        self.key_name, self.pwd_name = key_name, pwd_name
        self.env_lookup = list(env_lookup)
        self.extra_decoys = list(decoys)
        self.hash_names = hash_names
        self.ident = ident
        self.template = template
        self.secrets_template = secrets_template

    def decoy_lines(self):
        lines = []
        if self.assign:
            names = [n for n in (self.key_name, self.pwd_name) if n]
            for n in names:
                for p in PLACEHOLDERS:
                    lines.append(self.assign(n, p))
                if self.template:
                    lines.append(self.assign(n, self.template))
                if self.secrets_template:
                    lines.append(self.assign(n, self.secrets_template))
            h64, h40 = self.hash_names
            lines.append(self.assign(h64, hex_value(64)))
            lines.append(self.assign(h40, hex_value(40)))
            # a random value under a name that is not a credential: the name decides
            lines.append(self.assign(_style(self.key_name or "x", "trace_id"), key_value()))
            if self.ident:
                lines.append(self.assign(_style(self.key_name or "x", "token_type"), "bearer"))
                lines.append(self.assign(_style(self.key_name or "x", "password_field"), "password"))
                lines.append(self.assign(_style(self.key_name or "x", "tokenizer"), "bert-base-uncased"))
        lines += self.env_lookup + self.extra_decoys
        return lines


def _style(example, snake):
    """Write a snake_case name in the style of `example` (UPPER_SNAKE, camelCase, dotted, kebab)."""
    if example.isupper():
        return snake.upper()
    if "." in example:
        return snake.replace("_", ".")
    if "-" in example:
        return snake.replace("_", "-")
    if any(c.isupper() for c in example) and "_" not in example:
        parts = snake.split("_")
        return parts[0] + "".join(p.title() for p in parts[1:])
    return snake


def S(*a, **k):
    return Syntax(*a, **k)


GO_HEAD = ["package main", "", "import (", '\t"fmt"', '\t"os"', ")", ""]
JAVA_HEAD = ["package com.fake0test.app;", "", "import java.util.Properties;", "", "public final class AppConfig {"]
PHP_HEAD = ["<?php", "declare(strict_types=1);", "", "namespace App\\Config;", ""]
CS_HEAD = ["using System;", "using System.Net.Http;", "", "namespace Fake0Test.App", "{", "    public static class Settings", "    {"]

SYNTAXES = [
    # --- Go
    S("go-var", "cmd/server/main.go", GO_HEAD, ["", "func main() {", '\tfmt.Println("starting", os.Args[0])', "}"],
      assign=lambda n, v: f'var {n} string = "{v}"', key_name="apiKey", pwd_name="dbPassword",
      env_lookup=['var apiKey string = os.Getenv("API_KEY")']),
    S("go-short", "internal/client/client.go", GO_HEAD + ["func newClient() *Client {"],
      ["\treturn &Client{key: apiKey}", "}"],
      assign=lambda n, v: f'\t{n} := "{v}"', key_name="clientSecret", pwd_name="password",
      env_lookup=['\tapiKey := os.Getenv("API_KEY")', '\tpassword := viper.GetString("db.password")']),
    S("go-raw", "internal/db/conn.go", GO_HEAD, ["", "func open() {}", ""],
      assign=lambda n, v: f"const {n} = `{v}`", key_name="authToken", pwd_name="dbPassword",
      env_lookup=['var authToken = os.Getenv("AUTH_TOKEN")']),
    # --- Java / C#
    S("java-setproperty", "src/main/java/com/fake0test/app/Boot.java",
      JAVA_HEAD[:4] + ["public final class Boot {", "    public static void main(String[] args) {"],
      ["        SpringApplication.run(Boot.class, args);", "    }", "}"],
      assign=lambda n, v: f'        System.setProperty("{n}", "{v}");', key_name="API_KEY", pwd_name="db.password",
      env_lookup=['        System.setProperty("API_KEY", System.getenv("API_KEY"));']),
    S("java-field", "src/main/java/com/fake0test/app/AppConfig.java", JAVA_HEAD, ["", "    private AppConfig() {}", "}"],
      assign=lambda n, v: f'    private static final String {n} = "{v}";', key_name="API_KEY", pwd_name="DB_PASSWORD",
      env_lookup=['    private static final String API_KEY = System.getenv("API_KEY");']),
    S("csharp-field", "src/App/Settings.cs", CS_HEAD, ["    }", "}"],
      assign=lambda n, v: f'        private static readonly string {n} = "{v}";', key_name="ApiKey", pwd_name="DbPassword",
      env_lookup=['        private static readonly string ApiKey = Environment.GetEnvironmentVariable("API_KEY");']),
    S("csharp-var", "src/App/Client.cs", CS_HEAD + ["        public static HttpClient Create()", "        {"],
      ["            return new HttpClient();", "        }", "    }", "}"],
      assign=lambda n, v: f'            var {n} = "{v}";', key_name="apiKey", pwd_name="password",
      env_lookup=['            var apiKey = Environment.GetEnvironmentVariable("API_KEY");']),
    # --- PHP
    S("php-define", "wp-config.php", PHP_HEAD, ["", "$table_prefix = 'wp_';", "require_once ABSPATH . 'wp-settings.php';"],
      assign=lambda n, v: f"define('{n}', '{v}');", key_name="API_KEY", pwd_name="DB_PASSWORD",
      env_lookup=["define('API_KEY', getenv('API_KEY'));"]),
    S("php-var", "src/Mailer.php", PHP_HEAD + ["function mailer(): Mailer", "{"],
      ["    return new Mailer($host, $user);", "}"],
      assign=lambda n, v: f"    ${n} = '{v}';", key_name="apiKey", pwd_name="password",
      env_lookup=["    $apiKey = getenv('API_KEY');", "    $password = $_ENV['DB_PASSWORD'];"]),
    S("php-array", "config/services.php", PHP_HEAD + ["return [", "    'mail' => ["],
      ["        'timeout' => 30,", "    ],", "];"],
      assign=lambda n, v: f"        '{n}' => '{v}',", key_name="api_key", pwd_name="password",
      env_lookup=["        'api_key' => env('MAIL_API_KEY'),", "        'password' => env('MAIL_PASSWORD', ''),"]),
    # --- Rust
    S("rust-const", "src/config.rs", ["use std::time::Duration;", ""], ["", "pub const TIMEOUT: Duration = Duration::from_secs(5);"],
      assign=lambda n, v: f'pub const {n}: &str = "{v}";', key_name="API_KEY", pwd_name="DB_PASSWORD",
      env_lookup=['pub const API_KEY: &str = env!("API_KEY");']),
    S("rust-let", "src/main.rs", ["use reqwest::Client;", "", "fn main() {"], ['    println!("ready");', "}"],
      assign=lambda n, v: f'    let {n} = "{v}";', key_name="api_key", pwd_name="password",
      env_lookup=['    let api_key = std::env::var("API_KEY").unwrap();']),
    # --- Makefile
    S("make-cond", "Makefile", ["SHELL := /bin/bash", "BINARY ?= app", ""], ["", "deploy:", "\t./deploy.sh $(BINARY)"],
      assign=lambda n, v: f"{n} ?= {v}", key_name="API_KEY", pwd_name="DB_PASSWORD", template="$(API_KEY_FROM_VAULT)",
      env_lookup=["API_KEY ?= $(shell cat .api_key)"]),
    S("make-simple", "build/Makefile", ["SHELL := /bin/bash", ""], ["", "all:", "\t@echo done"],
      assign=lambda n, v: f"{n} := {v}", key_name="API_TOKEN", pwd_name="REGISTRY_PASSWORD",
      env_lookup=["API_TOKEN := $(shell vault read -field=token secret/ci)"]),
    S("make-recursive", "deploy/Makefile", ["REGION = eu-west-1", ""], ["", "push:", "\tdocker push $(IMAGE)"],
      assign=lambda n, v: f"{n} = {v}", key_name="CLIENT_SECRET", pwd_name="DB_PASS",
      env_lookup=["CLIENT_SECRET = $(CLIENT_SECRET_FROM_ENV)"]),
    # --- XML
    S("xml-element", "conf/settings.xml",
      ['<?xml version="1.0" encoding="UTF-8"?>', "<settings>", "  <servers>", "    <server>", "      <id>nexus</id>",
       "      <username>ci-bot</username>"],
      ["    </server>", "  </servers>", "</settings>"],
      assign=lambda n, v: f"      <{n}>{v}</{n}>", key_name="apiKey", pwd_name="password", template="${env.API_KEY}",
      env_lookup=[]),
    # --- JSON embedding a .env text
    S("json-env-string", "deploy/task.json", ["{", '  "name": "worker",', '  "image": "registry.fake0test.internal/worker:1.4",'],
      ['  "cpu": 256', "}"],
      assign=lambda n, v: f'  "envFile": "{n}={v}\\nDEBUG=false\\nLOG_LEVEL=info",', key_name="API_KEY", pwd_name="DB_PASSWORD",
      env_lookup=[]),
    # --- Jupyter notebook cell source
    S("jupyter-cell", "notebooks/analysis.ipynb",
      ["{", ' "cells": [', "  {", '   "cell_type": "code",', '   "execution_count": 1,', '   "metadata": {},',
       '   "outputs": [],', '   "source": [', '    "import requests\\n",'],
      ['    "resp = requests.get(URL, params={\\"key\\": api_key})\\n"', "   ]", "  }", " ],", ' "nbformat": 4,', ' "nbformat_minor": 5', "}"],
      assign=lambda n, v: f'    "{n} = \\"{v}\\"\\n",', key_name="api_key", pwd_name="db_password",
      env_lookup=['    "api_key = os.environ[\\"API_KEY\\"]\\n",', '    "api_key = os.getenv(\\"API_KEY\\")\\n",']),
    # --- SQL
    S("sql-values", "db/seed.sql", ["-- seed settings", "BEGIN;", "INSERT INTO settings (name, value) VALUES ('region', 'eu-west-1');"],
      ["COMMIT;"],
      assign=lambda n, v: f"INSERT INTO settings (name, value) VALUES ('{n}', '{v}');", key_name="api_key", pwd_name="smtp_password",
      env_lookup=["INSERT INTO settings (name, value) VALUES ('api_key', current_setting('app.api_key'));"]),
    # --- URL query
    S("url-query", "docs/integration.md", ["# Integration", "", "Fetch the feed:", "", "```"], ["```", "", "Done."],
      key_line=lambda v: f"wget -qO- 'https://feeds.fake0test.internal/v2/items?api_key={v}&x=1'",
      pwd_line=lambda v: f"wget -qO- 'https://feeds.fake0test.internal/v2/login?user=feed&password={v}&x=1'",
      env_lookup=["wget -qO- 'https://feeds.fake0test.internal/v2/items?api_key=${API_KEY}&x=1'",
                  "wget -qO- 'https://feeds.fake0test.internal/v2/items?api_key=YOUR_API_KEY&x=1'",
                  "wget -qO- 'https://feeds.fake0test.internal/v2/items?api_key=xxxxxxxxxxxxxxxx&x=1'",
                  f"wget -qO- 'https://feeds.fake0test.internal/v2/items?sha256={hex_value(64)}&x=1'"]),
    # --- log line
    S("log-line", "logs/app.log", ["2024-05-01T12:00:00Z INFO starting worker pid=4121",
                                    "2024-05-01T12:00:01Z INFO config loaded from /etc/app/app.conf"],
      ["2024-05-01T12:00:02Z INFO listening on :8080", "2024-05-01T12:00:03Z WARN slow request path=/health ms=212"],
      key_line=lambda v: f"2024-05-01T12:00:01Z DEBUG loaded api_key={v} for tenant 42",
      pwd_line=lambda v: f"2024-05-01T12:00:01Z DEBUG connecting user=app password={v} host=db1",
      env_lookup=["2024-05-01T12:00:01Z DEBUG loaded api_key=<redacted> for tenant 42",
                  "2024-05-01T12:00:01Z DEBUG loaded api_key=******** for tenant 42",
                  f"2024-05-01T12:00:01Z DEBUG deployed commit={hex_value(40)} for tenant 42",
                  "2024-05-01T12:00:01Z DEBUG token_type=bearer expires_in=3600"]),
    # --- JVM / mobile / scripting languages
    S("kotlin-val", "app/src/main/kotlin/Config.kt", ["package com.fake0test.app", "", "object Config {"], ["}"],
      assign=lambda n, v: f'    val {n} = "{v}"', key_name="apiKey", pwd_name="dbPassword",
      env_lookup=['    val apiKey = System.getenv("API_KEY")', '    val apiKey: String = BuildConfig.API_KEY']),
    S("swift-let", "Sources/App/Secrets.swift", ["import Foundation", "", "enum Secrets {"], ["}"],
      assign=lambda n, v: f'    static let {n} = "{v}"', key_name="apiKey", pwd_name="password",
      env_lookup=['    static let apiKey = ProcessInfo.processInfo.environment["API_KEY"] ?? ""']),
    S("swift-typed", "Sources/App/Keys.swift", ["import Foundation", ""], [""],
      assign=lambda n, v: f'let {n}: String = "{v}"', key_name="accessKey", pwd_name="userPassword",
      env_lookup=['let accessKey: String = Bundle.main.object(forInfoDictionaryKey: "ACCESS_KEY") as! String']),
    S("scala-val", "src/main/scala/Settings.scala", ["package fake0test", "", "object Settings {"], ["}"],
      assign=lambda n, v: f'  val {n}: String = "{v}"', key_name="apiKey", pwd_name="dbPassword",
      env_lookup=['  val apiKey: String = sys.env("API_KEY")']),
    S("elixir-kw", "lib/app/client.ex", ["defmodule App.Client do", "  def opts do", "    ["],
      ["      timeout: 5_000", "    ]", "  end", "end"],
      assign=lambda n, v: f'      {n}: "{v}",', key_name="api_key", pwd_name="password",
      env_lookup=['      api_key: System.get_env("API_KEY"),']),
    S("elixir-config", "config/prod.exs", ["import Config", ""], ["", 'config :logger, level: :info'],
      assign=lambda n, v: f'config :app, {n}: "{v}"', key_name="api_key", pwd_name="password",
      env_lookup=['config :app, api_key: System.fetch_env!("API_KEY")']),
    S("lua-local", "scripts/fetch.lua", ['local http = require("socket.http")', ""], ["", "return http.request(url)"],
      assign=lambda n, v: f'local {n} = "{v}"', key_name="api_key", pwd_name="password",
      env_lookup=['local api_key = os.getenv("API_KEY")']),
    S("r-assign", "analysis/fetch.R", ["library(httr)", ""], ["", "resp <- GET(url, add_headers(`X-Api-Key` = api_key))"],
      assign=lambda n, v: f'{n} <- "{v}"', key_name="api_key", pwd_name="db_password",
      env_lookup=['api_key <- Sys.getenv("API_KEY")']),
    S("js-const", "src/client.js", ['import axios from "axios";', ""], ["", "export default axios.create({ baseURL });"],
      assign=lambda n, v: f'const {n} = "{v}";', key_name="apiKey", pwd_name="dbPassword",
      env_lookup=["const apiKey = process.env.API_KEY;", "const apiKey = import.meta.env.VITE_API_KEY;"]),
    S("c-define", "firmware/src/secrets.h", ["#pragma once", "", '#define WIFI_SSID "office-iot"'], ["", "#define MQTT_PORT 8883"],
      assign=lambda n, v: f'#define {n} "{v}"', key_name="API_KEY", pwd_name="WIFI_PASSWORD",
      env_lookup=['#define API_KEY getenv("API_KEY")']),
    S("ruby-hash", "config/initializers/client.rb", ["Client.configure(", "  host: 'api.fake0test.internal',"], ["  timeout: 5", ")"],
      assign=lambda n, v: f"  :{n} => '{v}',", key_name="api_key", pwd_name="password",
      env_lookup=["  :api_key => ENV['API_KEY'],", "  :api_key => ENV.fetch('API_KEY'),", "  :password => Rails.application.credentials.db_password,"]),
    S("python-kwargs", "app/db.py", ["import psycopg2", "", "def connect():", "    return psycopg2.connect("],
      ["        dbname='app',", "    )"],
      assign=lambda n, v: f"        {n}='{v}',", key_name="api_key", pwd_name="password",
      env_lookup=["        password=os.environ['DB_PASSWORD'],", "        api_key=settings.API_KEY,"]),
    # --- infrastructure and configuration
    S("terraform", "infra/main.tf", ['provider "datadog" {'], ["}", "", 'variable "region" {', '  default = "eu-west-1"', "}"],
      assign=lambda n, v: f'  {n} = "{v}"', key_name="api_key", pwd_name="password",
      env_lookup=["  api_key = var.datadog_api_key"]),
    S("helm-values", "charts/app/values.yaml", ["replicaCount: 2", "image:", "  repository: registry.fake0test.internal/app",
                                                 "  tag: 1.4.2", "config:"],
      ["service:", "  type: ClusterIP", "  port: 80"],
      assign=lambda n, v: f"  {n}: {v}", key_name="apiKey", pwd_name="dbPassword",
      env_lookup=["  apiKey: {{ .Values.global.apiKey }}"]),
    S("ansible-vars", "group_vars/all.yml", ["---", "app_user: deploy", "app_port: 8080"], ["app_log_level: info"],
      assign=lambda n, v: f'{n}: "{v}"', key_name="app_api_key", pwd_name="db_password",
      env_lookup=["app_api_key: \"{{ lookup('env', 'APP_API_KEY') }}\"", 'db_password: "{{ vault_db_password }}"']),
    S("powershell", "scripts/deploy.ps1", ["param([string]$Stage = 'dev')", ""], ["", "Invoke-RestMethod -Uri $Url"],
      assign=lambda n, v: f'$env:{n} = "{v}"', key_name="API_KEY", pwd_name="DB_PASSWORD", template="$secret",
      env_lookup=['$apiKey = $env:API_KEY', '$env:API_KEY = (Get-Secret -Name ApiKey -AsPlainText)']),
    S("batch", "scripts/run.bat", ["@echo off", "setlocal"], ["", "call app.exe %*", "endlocal"],
      assign=lambda n, v: f"set {n}={v}", key_name="API_KEY", pwd_name="DB_PASSWORD", template="%API_KEY_FROM_VAULT%",
      env_lookup=["set API_KEY=%1"]),
    S("dockerfile-env", "Dockerfile", ["FROM python:3.12-slim", "WORKDIR /app", "COPY . ."], ['CMD ["python", "app.py"]'],
      assign=lambda n, v: f"ENV {n}={v}", key_name="API_KEY", pwd_name="DB_PASSWORD",
      env_lookup=["ENV API_KEY=$API_KEY"]),
    S("dockerfile-env-space", "docker/Dockerfile", ["FROM node:20-alpine", "WORKDIR /srv"], ['CMD ["node", "server.js"]'],
      assign=lambda n, v: f"ENV {n} {v}", key_name="API_KEY", pwd_name="DB_PASSWORD",
      env_lookup=["ENV API_KEY $API_KEY"]),
    S("dockerfile-arg", "build/Dockerfile", ["FROM golang:1.22 AS build"], ["RUN go build ./..."],
      assign=lambda n, v: f"ARG {n}={v}", key_name="NPM_TOKEN", pwd_name="REGISTRY_PASSWORD",
      env_lookup=["ARG NPM_TOKEN"]),
    S("compose-list", "docker-compose.yml", ["services:", "  web:", "    image: app:latest", "    environment:"],
      ["    ports:", '      - "8080:80"'],
      assign=lambda n, v: f"      - {n}={v}", key_name="API_KEY", pwd_name="POSTGRES_PASSWORD",
      env_lookup=["      - API_KEY"]),
    S("compose-map", "compose.yaml", ["services:", "  db:", "    image: postgres:16", "    environment:"],
      ["    volumes:", "      - db:/var/lib/postgresql/data"],
      assign=lambda n, v: f"      {n}: {v}", key_name="API_KEY", pwd_name="POSTGRES_PASSWORD",
      env_lookup=[]),
    S("gha-env", ".github/workflows/ci.yml", ["name: ci", "on: [push]", "jobs:", "  build:", "    runs-on: ubuntu-latest",
                                               "    env:"],
      ["    steps:", "      - uses: actions/checkout@v4", "      - run: make test"],
      assign=lambda n, v: f"      {n}: {v}", key_name="API_TOKEN", pwd_name="DB_PASSWORD", template="${{ env.API_TOKEN }}",
      secrets_template="${{ secrets.API_TOKEN }}", env_lookup=[]),
    S("apache-setenv", "deploy/apache/site.conf", ["<VirtualHost *:443>", "  ServerName app.fake0test.internal"],
      ["  DocumentRoot /srv/app/public", "</VirtualHost>"],
      assign=lambda n, v: f"  SetEnv {n} {v}", key_name="API_KEY", pwd_name="DB_PASSWORD",
      env_lookup=["  PassEnv API_KEY"]),
    S("csh-setenv", "deploy/env.csh", ["# sourced by tcsh logins", "setenv APP_ENV production"], ["setenv PATH /opt/app/bin:$PATH"],
      assign=lambda n, v: f"setenv {n} {v}", key_name="API_KEY", pwd_name="DB_PASSWORD", template="$API_KEY_FROM_VAULT",
      env_lookup=["setenv API_KEY `cat /run/secrets/api_key`"]),
    S("nginx-fastcgi-param", "deploy/nginx/app.conf", ["location ~ \\.php$ {", "    include fastcgi_params;"],
      ["    fastcgi_pass unix:/run/php/php-fpm.sock;", "}"],
      assign=lambda n, v: f"    fastcgi_param {n} {v};", key_name="API_KEY", pwd_name="DB_PASSWORD", template="$api_key",
      env_lookup=["    fastcgi_param API_KEY $api_key;"]),
    S("php-fpm-env", "deploy/php-fpm/www.conf", ["[www]", "user = www-data", "pm = dynamic"], ["pm.max_children = 5"],
      assign=lambda n, v: f"env[{n}] = {v}", key_name="API_KEY", pwd_name="DB_PASSWORD", template="$API_KEY",
      env_lookup=["env[API_KEY] = $API_KEY"]),
    S("cfn-parameter-default", "deploy/stack.yaml", ["AWSTemplateFormatVersion: '2010-09-09'", "Parameters:"],
      ["Resources:", "  Queue:", "    Type: AWS::SQS::Queue"],
      assign=lambda n, v: f"  {n}:\n    Type: String\n    NoEcho: true\n    Default: {v}", value_line=3,
      key_name="ApiKey", pwd_name="DbPassword",
      env_lookup=["  ApiKeySsm:\n    Type: AWS::SSM::Parameter::Value<String>\n    Default: /prod/app/api-key"]),
    S("systemd", "deploy/app.service", ["[Unit]", "Description=app", "", "[Service]", "User=app"],
      ["ExecStart=/usr/local/bin/app", "", "[Install]", "WantedBy=multi-user.target"],
      assign=lambda n, v: f"Environment={n}={v}", key_name="API_KEY", pwd_name="DB_PASSWORD",
      env_lookup=["EnvironmentFile=/etc/app/secrets.env"]),
    S("systemd-quoted", "deploy/worker.service", ["[Service]", "User=worker"], ["ExecStart=/usr/local/bin/worker"],
      assign=lambda n, v: f'Environment="{n}={v}"', key_name="API_KEY", pwd_name="DB_PASSWORD",
      env_lookup=[]),
    S("properties", "src/main/resources/application.properties", ["server.port=8080", "spring.application.name=app"],
      ["logging.level.root=INFO"],
      assign=lambda n, v: f"{n}={v}", key_name="api.key", pwd_name="spring.datasource.password",
      env_lookup=["api.key=${API_KEY:}"]),
    S("properties-colon", "conf/app.properties", ["# application settings", "http.port: 8080"], ["cache.ttl: 60"],
      assign=lambda n, v: f"{n}: {v}", key_name="api.key", pwd_name="db.password",
      env_lookup=[]),
    S("ini", "conf/app.ini", ["[server]", "host = 0.0.0.0", "port = 8080", "", "[service]"], ["timeout = 30"],
      assign=lambda n, v: f"{n} = {v}", key_name="api_key", pwd_name="password", template="%(API_KEY)s",
      env_lookup=[]),
    S("toml", "config/app.toml", ['[server]', 'host = "0.0.0.0"', "", "[upstream]"], ['timeout = "30s"'],
      assign=lambda n, v: f'{n} = "{v}"', key_name="api_key", pwd_name="password",
      env_lookup=[]),
    S("dotenv", ".env", ["# local settings", "APP_ENV=production", "LOG_LEVEL=info"], ["PORT=8080"],
      assign=lambda n, v: f"export {n}={v}", key_name="API_KEY", pwd_name="DB_PASSWORD",
      env_lookup=['export API_KEY="$(vault kv get -field=api_key secret/app)"']),
    # --- command lines
    S("curl-bearer", "scripts/call.sh", ["#!/bin/sh", "set -eu"], ["echo ok"],
      key_line=lambda v: f'curl -sS -H "Authorization: Bearer {v}" https://api.fake0test.internal/v1/items',
      pwd_line=lambda v: f"curl -sS -u deploy:{v} https://ci.fake0test.internal/api/json",
      env_lookup=['curl -sS -H "Authorization: Bearer $TOKEN" https://api.fake0test.internal/v1/items',
                  'curl -sS -H "Authorization: Bearer ${API_TOKEN}" https://api.fake0test.internal/v1/items',
                  'curl -sS -H "Authorization: Bearer <your-token>" https://api.fake0test.internal/v1/items',
                  "curl -sS -u deploy:$DEPLOY_PASSWORD https://ci.fake0test.internal/api/json",
                  'curl -sS -u "$USER:$TOKEN" https://ci.fake0test.internal/api/json']),
    S("curl-header", "scripts/upload.sh", ["#!/bin/bash", "set -euo pipefail"], ["echo uploaded"],
      key_line=lambda v: f"curl --header 'X-Api-Key: {v}' https://api.fake0test.internal/v1/upload",
      pwd_line=lambda v: f'curl --user "uploader:{v}" -T build.tar https://repo.fake0test.internal/upload',
      env_lookup=["curl --header 'X-Api-Key: <your-api-key>' https://api.fake0test.internal/v1/upload",
                  'curl --header "X-Api-Key: ${API_KEY}" https://api.fake0test.internal/v1/upload',
                  "curl --header 'X-Request-Id: " + hex_value(32) + "' https://api.fake0test.internal/v1/upload"]),
    S("mysql-p", "scripts/backup.sh", ["#!/bin/sh", "DATE=$(date +%F)"], ["gzip dump.sql"],
      pwd_line=lambda v: f"mysqldump -h db1 -u root -p{v} app > dump.sql",
      env_lookup=['mysqldump -h db1 -u root -p"$MYSQL_ROOT_PASSWORD" app > dump.sql',
                  "mysql -h db1 -u root -p app < schema.sql",
                  "mysql -h db1 -u root -p${MYSQL_PWD} app < schema.sql"]),
    S("mysql-password", "scripts/restore.sh", ["#!/bin/sh"], ["echo restored"],
      pwd_line=lambda v: f"mysql --host=db1 --user=root --password={v} app < dump.sql",
      env_lookup=["mysql --host=db1 --user=root --password=$MYSQL_PWD app < dump.sql",
                  "mysql --host=db1 --user=root --password app < dump.sql"]),
    S("sshpass", "scripts/sync.sh", ["#!/bin/sh"], ["echo synced"],
      pwd_line=lambda v: f"sshpass -p '{v}' ssh deploy@app1.fake0test.internal 'systemctl restart app'",
      env_lookup=['sshpass -p "$SSHPASS" ssh deploy@app1.fake0test.internal uptime',
                  "sshpass -e ssh deploy@app1.fake0test.internal uptime",
                  "sshpass -p 'changeme' ssh deploy@app1.fake0test.internal uptime"]),
    # --- typed constants, string prefixes, YAML tags, trailing comments, manifests
    S("ada-const", "src/credentials.ads", ["with Ada.Environment_Variables;", "package Credentials is"],
      ["end Credentials;"],
      assign=lambda n, v: f'   {n} : constant String := "{v}";', key_name="Api_Key", pwd_name="Db_Password",
      env_lookup=['   Api_Key : constant String := Ada.Environment_Variables.Value ("API_KEY");']),
    S("c-array", "src/wifi_config.c", ['#include <stdlib.h>', '#include "config.h"', ""], ["", "void init(void) {}"],
      assign=lambda n, v: f'static const char {n}[] = "{v}";', key_name="api_key", pwd_name="wifi_password",
      env_lookup=['static const char *api_key_from_env(void) { return getenv("API_KEY"); }']),
    S("objc-literal", "Sources/AppConfig.m", ['#import "AppConfig.h"', "", "@implementation AppConfig"], ["@end"],
      assign=lambda n, v: f'static NSString *const {n} = @"{v}";', key_name="kApiKey", pwd_name="kPassword",
      env_lookup=['static NSString *apiKeyFromEnv(void) { return NSProcessInfo.processInfo.environment[@"API_KEY"]; }']),
    S("python-raw", "app/settings_local.py", ["import os", ""], ["", "DEBUG = False"],
      assign=lambda n, v: f'{n} = r"{v}"', key_name="API_KEY", pwd_name="DB_PASSWORD",
      env_lookup=['API_KEY = os.environ["API_KEY"]']),
    S("ansible-unsafe", "group_vars/all/vault.yml", ["---", "app_port: 8080"], ["app_debug: false"],
      assign=lambda n, v: f'{n}: !unsafe "{v}"', key_name="app_api_key", pwd_name="db_password",
      env_lookup=["app_api_key: \"{{ lookup('env', 'API_KEY') }}\""]),
    S("env-comment", ".env.production", ["NODE_ENV=production", "PORT=8080"], ["LOG_LEVEL=info"],
      assign=lambda n, v: f"{n}={v}  # rotated 2026-11", key_name="API_KEY", pwd_name="DB_PASSWORD"),
    S("android-meta", "app/src/main/AndroidManifest.xml",
      ['<?xml version="1.0" encoding="utf-8"?>',
       '<manifest xmlns:android="http://schemas.android.com/apk/res/android">',
       '    <application android:label="@string/app_name">'],
      ["    </application>", "</manifest>"],
      assign=lambda n, v: f'        <meta-data android:name="com.fake0test.sdk.{n}" android:value="{v}" />',
      key_name="ApiKey", pwd_name="Password",
      env_lookup=['        <meta-data android:name="com.fake0test.sdk.ApiKey" android:value="@string/api_key" />']),
    # --- name/value pairs, whitespace directives, proxy headers, XML sections
    S("k8s-env", "deploy/orders.yaml",
      ["apiVersion: apps/v1", "kind: Deployment", "spec:", "  template:", "    spec:", "      containers:",
       "        - name: orders", "          image: fake0test/orders:1.4", "          env:"],
      ["          ports:", "            - containerPort: 8080"],
      assign=lambda n, v: f'            - name: {n}\n              value: "{v}"', key_name="API_TOKEN",
      pwd_name="DB_PASSWORD", value_line=1,
      env_lookup=["            - name: API_TOKEN", "              valueFrom:",
                  "                secretKeyRef: {name: orders, key: api-token}"]),
    S("msmtprc", ".msmtprc", ["defaults", "auth on", "tls on", "", "account orders", "host smtp.fake0test.internal",
                              "user orders@fake0test.internal"], ["", "account default : orders"],
      assign=lambda n, v: f"{n} {v}", key_name="Pass", pwd_name="password",
      env_lookup=['passwordeval "pass show mail/orders"', 'PassCmd "secret-tool lookup mail orders"']),
    S("haproxy-header", "haproxy/haproxy.cfg", ["backend orders_api", "    mode http"],
      ["    server s1 api.fake0test.internal:443 ssl verify required"],
      assign=lambda n, v: f"    http-request set-header {n} {v}", key_name="X-Api-Key", pwd_name="X-Auth-Password",
      env_lookup=["    http-request set-header X-Api-Key %[env(ORDERS_API_KEY)]"]),
    S("xml-cdata", "conf/integration.xml", ['<?xml version="1.0" encoding="UTF-8"?>', "<settings>", "  <orders>"],
      ["  </orders>", "</settings>"],
      assign=lambda n, v: f"    <{n}><![CDATA[{v}]]></{n}>", key_name="apiToken", pwd_name="password",
      env_lookup=["    <apiToken><![CDATA[${env.ORDERS_API_TOKEN}]]></apiToken>"]),
    S("properties-xml", "conf/orders.properties.xml",
      ['<?xml version="1.0" encoding="UTF-8"?>',
       '<!DOCTYPE properties SYSTEM "http://java.sun.com/dtd/properties.dtd">', "<properties>"],
      ["</properties>"],
      assign=lambda n, v: f'  <entry key="{n}">{v}</entry>', key_name="orders.api.token", pwd_name="db.password"),
    S("grafana-bearer", "grafana/provisioning/datasources/orders.yaml",
      ["apiVersion: 1", "datasources:", "  - name: Orders", "    type: prometheus", "    jsonData:",
       "      httpHeaderName1: Authorization", "    secureJsonData:"], ["    editable: false"],
      key_line=lambda v: f"      httpHeaderValue1: 'Bearer {v}'",
      decoys=["      httpHeaderValue1: 'Bearer $__env{GRAFANA_TOKEN}'", "      httpHeaderValue1: 'Bearer <your-token>'"]),
    S("debug-message", "src/bootstrap.js", ["import { start } from './server.js';", ""], ["", "start();"],
      key_line=lambda v: f"  console.debug(`orders ready, api token: {v}`);",
      decoys=["  console.debug(`orders ready, api token: ${token}`);", "  console.log('api key: <your-api-key>');"]),
    S("otel-api-key", "otel/collector.yaml", ["exporters:", "  datadog:", "    api:"],
      ["      site: datadoghq.eu", "service:", "  pipelines: {}"],
      key_line=lambda v: f"      key: {v}", decoys=["      key: ${env:DD_API_KEY}"]),
    S("tsql-nstring", "db/setup.sql", ["USE [orders];", "GO"], ["GO"],
      assign=lambda n, v: f"SET @{n} = N'{v}';", key_name="api_key", pwd_name="db_password",
      env_lookup=["SET @api_key = N'$(OrdersApiKey)';"]),
    S("html-table", "docs/onboarding.html", ["<html><body>", "<p>Your credentials:</p>", "<table>"],
      ["</table>", "</body></html>"],
      key_line=lambda v: f"  <tr><td>API token</td><td><code>{v}</code></td></tr>",
      decoys=["  <tr><td>API token</td><td>string</td><td>The token to send.</td></tr>",
              "  <tr><td>Token type</td><td>Fk9t3stQ2x7Lm4Zr8Vw1</td></tr>",
              "  <tr><td>Password</td><td>&lt;your password&gt;</td></tr>"]),
]


def build_cells():
    """(cell name, relative path, content, expected [(line, value)]) for every cell."""
    cells = []
    for s in SYNTAXES:
        base = os.path.dirname(s.path)
        name = os.path.basename(s.path)
        for kind, builder, value in (("secret", s.key_line, key_value), ("password", s.pwd_line, password_value)):
            if builder is None:
                continue
            v = value()
            lines = list(s.head) + builder(v).split("\n") + list(s.tail)
            cells.append((f"{s.sid}/{kind}", os.path.join(s.sid, kind, base, name), "\n".join(lines) + "\n",
                          [(len(s.head) + 1 + s.value_line, v)]))
        decoys = s.decoy_lines()
        lines = list(s.head) + [part for d in decoys for part in d.split("\n")] + list(s.tail)
        cells.append((f"{s.sid}/decoys", os.path.join(s.sid, "decoys", base, name), "\n".join(lines) + "\n", []))
    return cells


# The name decides relevance: every spelling of every credential word, in three syntaxes.
KEY_NAMES = ["api_key", "apiKey", "API_KEY", "api-key", "api.key", "apikey", "X_API_KEY", "access_key", "accessKey",
             "storage.access-key", "secret", "client_secret", "clientSecret", "SECRET_KEY", "app.secret", "token",
             "auth_token", "authToken", "ACCESS_TOKEN", "bot-token", "private_key", "privateKey", "SIGNING_PRIVATE_KEY",
             "credential", "credentials", "auth", "AUTH_KEY"]
PASSWORD_NAMES = ["password", "passwd", "pwd", "db_password", "dbPassword", "DB_PASSWORD", "db-password", "db.password",
                  "DB_PASS", "admin_pwd", "passphrase", "smtp_passwd", "Password"]
NAME_SYNTAXES = [
    ("json", "config/settings.json", ["{", '  "region": "eu-west-1",'], ['  "debug": false', "}"],
     lambda n, v: f'  "{n}": "{v}",'),
    ("yaml", "config/settings.yaml", ["app:", "  region: eu-west-1"], ["  debug: false"], lambda n, v: f"  {n}: {v}"),
    ("properties", "config/app.properties", ["# settings", "region=eu-west-1"], ["debug=false"], lambda n, v: f"{n}={v}"),
]


def build_name_cells():
    cells = []
    for sid, path, head, tail, assign in NAME_SYNTAXES:
        for kind, names, value in (("secret", KEY_NAMES, key_value), ("password", PASSWORD_NAMES, password_value)):
            for n in names:
                v = value()
                lines = list(head) + [assign(n, v)] + list(tail)
                cells.append((f"names/{sid}/{kind}/{n}", os.path.join("names", sid, kind, n.replace(".", "_dot_"), path),
                              "\n".join(lines) + "\n", [(len(head) + 1, v)]))
    return cells


def uuid_value():
    h = hex_value(32)
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-a{h[17:20]}-{h[20:]}"


def build_hex_cells():
    """Keys issued as hex digits or UUIDs, under a credential name: reported; the same values
    under a digest's or an id's name, and the digests of empty input, are not."""
    cells = []
    forms = [("ini", "conf/orders.ini", ["[orders]"], lambda n, v: f"{n} = {v}"),
             ("yaml", "conf/orders.yaml", ["orders:"], lambda n, v: f"  {n}: {v}"),
             ("json", "conf/orders.json", ["{"], lambda n, v: f'  "{n}": "{v}",')]
    for sid, path, head, assign in forms:
        for kind, name, value in (("hex32", "api_key", lambda: hex_value(32)), ("hex40", "auth_token", lambda: hex_value(40)),
                                  ("hex64-upper", "client_secret", lambda: hex_value(64).upper()),
                                  ("uuid", "api_token", uuid_value)):
            v = value()
            cells.append((f"hex/{sid}/{kind}", os.path.join("hex", sid, kind, path),
                          "\n".join(head + [assign(name, v), assign("region", "eu-west-1")]) + "\n", [(2, v)]))
        decoys = [assign("sha256", hex_value(64)), assign("commit", hex_value(40)), assign("request_id", uuid_value()),
                  assign("api_key", "d41d8cd98f00b204e9800998ecf8427e"), assign("token", "123e4567-e89b-12d3-a456-426614174000")]
        cells.append((f"hex/{sid}/decoys", os.path.join("hex", sid, "decoys", path), "\n".join(head + decoys) + "\n", []))
    return cells


CELLS = build_cells() + build_name_cells() + build_hex_cells()


class ContextMatrixTest(NhiscanTest):
    def test_matrix(self):
        for _, rel, content, _ in CELLS:
            self.write(rel, content)
        r = self.run_nhiscan("dir", "-f", "json", "--no-redact", ".")
        self.assertIn(r.rc, (0, 1), r)
        by_path = {}
        for f in r.json():
            by_path.setdefault(f["path"], []).append(f)
        passed = 0
        for cell, rel, content, expected in CELLS:
            with self.subTest(cell=cell):
                got = sorted((f["line"], f["secret"]) for f in by_path.get(rel, []))
                detail = "\n".join(f'  {f["rule_id"]} line {f["line"]}: {f["secret"]!r}' for f in by_path.get(rel, []))
                self.assertEqual(got, sorted(expected), f"{cell} ({rel}) reported:\n{detail}\n--- file:\n{content}")
                passed += 1
        print(f"\ncontext matrix: {passed}/{len(CELLS)} cells pass")


if __name__ == "__main__":
    unittest.main()
