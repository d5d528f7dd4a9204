#!/usr/bin/env python3
"""Real repositories nobody tuned against: fetch them without installing anything, scan them,
and count the findings by confidence. Every finding is read by hand (docs/evaluation.md, "Real
repositories"); most are false positives, a few are credentials the projects published.

The corpora are package sources: Debian's .deb files of Go modules, Ruby gems, PHP libraries,
Perl modules, Python libraries, Rust crates, Java libraries and Node packages, and Ansible's collections (`apt-get download`, then
`dpkg-deb -x` into the work directory: nothing goes under /usr, so the clean corpus of
eval/run does not change), and npm tarballs (`npm pack`) of provider SDKs and of general
frameworks and tools. Versions are whatever the mirrors serve that day; the figures in
docs/evaluation.md name the date.

    eval/real_repos.py [--dir /tmp/nhiscan-real] [--bin build/nhiscan] [--bin OTHER ...] [--fetch-only] [--only NAME,...] [-j N]

Prints, per corpus and binary, the number of findings and their confidences. The binaries run
with their defaults (`dir -q -f json --exit-code 0`), as a user would run them.
"""
import argparse
import collections
import glob
import json
import os
import subprocess
import sys

CORPORA = {
    # Go modules of cloud and SaaS SDKs, Symfony and Laravel, Rails and Ruby cloud gems, Node
    # packages of web frameworks and drivers (Debian 12)
    "deb-sdks": ("deb", [
        "golang-github-azure-azure-sdk-for-go-dev", "golang-github-aws-aws-sdk-go-v2-dev",
        "golang-github-digitalocean-godo-dev", "golang-github-gophercloud-gophercloud-dev",
        "golang-github-hashicorp-go-tfe-dev", "ruby-fog-aws", "ruby-octokit", "ruby-aws-sdk-core",
        "node-express", "node-mongodb", "node-nodemailer", "node-passport", "node-pg", "node-redis",
        "node-request", "node-ws", "php-laravel-framework", "@php-symfony:php-symfony-", "@ruby-rails:ruby-",
    ]),
    # auth, database and monitoring libraries in Go, Ruby, PHP and Rust
    "deb-auth": ("deb", [
        "golang-github-cloudflare-cfssl-dev", "golang-github-coreos-go-oidc-dev", "golang-github-datadog-datadog-go-dev",
        "golang-github-getsentry-sentry-go-dev", "golang-github-go-sql-driver-mysql-dev",
        "golang-github-hetznercloud-hcloud-go-dev", "golang-github-influxdata-influxdb1-client-dev",
        "golang-github-jackc-pgconn-dev", "golang-github-jackc-pgx-v4-dev", "golang-github-lib-pq-dev",
        "golang-github-newrelic-go-agent-dev", "golang-github-slack-go-slack-dev", "golang-github-ovh-go-ovh-dev",
        "golang-github-packethost-packngo-dev", "golang-github-vultr-govultr-dev", "golang-github-xanzy-go-cloudstack-dev",
        "golang-github-xanzy-go-gitlab-dev", "golang-golang-x-oauth2-dev", "golang-github-getsentry-raven-go-dev",
        "golang-github-bugsnag-bugsnag-go-dev", "php-guzzlehttp-guzzle", "php-swiftmailer", "php-league-flysystem",
        "php-sabre-dav", "php-google-recaptcha", "node-oauth-1.0a", "node-oauth-sign", "ruby-aws-sdk-s3",
        "ruby-aws-sdk-kms", "ruby-devise", "ruby-devise-two-factor", "ruby-doorkeeper", "ruby-doorkeeper-openid-connect",
        "ruby-fog-google", "ruby-fog-openstack", "ruby-fog-rackspace", "ruby-fog-aliyun", "ruby-fog-core", "ruby-gitlab",
        "ruby-google-api-client", "ruby-jwt", "ruby-net-ssh", "ruby-oauth2", "ruby-omniauth", "ruby-omniauth-oauth2",
        "ruby-omniauth-saml", "ruby-omniauth-github", "ruby-omniauth-twitter", "ruby-sentry-ruby-core",
        "ruby-sentry-raven", "ruby-slack-notifier", "ruby-mail-room", "librust-jsonwebtoken-dev", "librust-oauth2-dev",
        "librust-reqwest-dev", "librust-postgres-protocol-dev",
    ]),
    # Ansible 7's collections: modules whose EXAMPLES are full of sample credentials
    "deb-ansible": ("deb", ["ansible", "ansible-core"]),
    # provider SDKs from the npm registry
    "npm-sdks": ("npm", [
        "stripe", "twilio", "@slack/web-api", "@octokit/rest", "openai", "@anthropic-ai/sdk", "@sendgrid/mail",
        "mailgun.js", "discord.js", "telegraf", "@sentry/node", "newrelic", "mongoose", "pg", "mysql2", "ioredis",
        "jsonwebtoken", "passport-google-oauth20", "next-auth", "auth0", "@okta/okta-auth-js", "@azure/identity",
        "@azure/storage-blob", "@google-cloud/storage", "firebase-admin", "@supabase/supabase-js", "algoliasearch",
        "contentful", "plaid", "braintree", "square", "@paypal/checkout-server-sdk", "nodemailer", "aws4",
        "@aws-sdk/client-s3", "@aws-sdk/credential-providers", "googleapis-common", "google-auth-library",
        "@vercel/node", "@netlify/functions", "cloudinary", "@mapbox/mapbox-sdk", "airtable", "@notionhq/client",
        "@linear/sdk", "@hubspot/api-client", "intercom-client", "mixpanel", "@segment/analytics-node",
        "launchdarkly-node-server-sdk", "@datadog/browser-logs", "dd-trace", "pusher", "ably", "@elastic/elasticsearch",
        "@planetscale/database", "@upstash/redis", "@neondatabase/serverless", "@vonage/server-sdk", "telnyx",
        "@mailchimp/mailchimp_marketing", "postmark", "resend", "@pinecone-database/pinecone", "cohere-ai", "replicate",
        "@huggingface/inference", "@mistralai/mistralai", "groq-sdk", "ssh2", "node-forge", "jose", "oauth",
        "simple-oauth2", "knex", "sequelize", "typeorm", "prisma", "dotenv",
    ]),
    # frameworks, bundlers, test runners, clients and infrastructure-as-code from the npm registry
    "npm-frameworks": ("npm", [
        "typescript", "webpack", "eslint", "react-dom", "next", "express", "lodash", "moment", "axios", "@babel/core",
        "rollup", "vite", "esbuild-wasm", "jest", "mocha", "chai", "sinon", "socket.io", "ws", "undici", "got",
        "superagent", "request", "node-fetch", "yargs", "commander", "chalk", "inquirer", "prettier", "@angular/core",
        "vue", "svelte", "three", "d3", "chart.js", "monaco-editor", "puppeteer-core", "playwright-core",
        "selenium-webdriver", "cypress", "@aws-sdk/client-dynamodb", "@aws-sdk/client-sts", "@google-cloud/pubsub",
        "@grpc/grpc-js", "protobufjs", "graphql", "apollo-server", "@apollo/client", "mongodb", "redis", "kafkajs",
        "amqplib", "bull", "pino", "winston", "bunyan", "helmet", "cors", "body-parser", "multer", "passport",
        "passport-jwt", "bcrypt", "bcryptjs", "crypto-js", "jsrsasign", "openid-client", "oidc-provider", "keycloak-js",
        "msal-node", "@azure/msal-node", "@azure/msal-browser", "firebase", "@firebase/auth", "aws-amplify",
        "@aws-amplify/auth", "serverless", "aws-cdk-lib", "@pulumi/aws", "@pulumi/pulumi", "terraform", "cdktf",
    ]),
    # eleventh session, fresh (nobody tuned against them before measuring): Debian's Python
    # libraries of cloud and SaaS SDKs, OpenStack clients, auth and web frameworks (Debian 12)
    "deb-python": ("deb", [
        "python3-azure", "python3-botocore", "python3-boto3", "python3-s3transfer", "python3-googleapi",
        "python3-google-auth", "python3-oauth2client", "python3-openstacksdk", "python3-keystoneauth1",
        "python3-keystoneclient", "python3-keystonemiddleware", "python3-novaclient", "python3-swiftclient",
        "python3-glanceclient", "python3-neutronclient", "python3-cinderclient", "python3-barbicanclient",
        "python3-heatclient", "python3-ironicclient", "python3-magnumclient", "python3-designateclient",
        "python3-mistralclient", "python3-octaviaclient", "python3-tempest", "python3-oslo.config",
        "python3-github", "python3-gitlab", "python3-jenkins", "python3-jira", "python3-hvac", "python3-kubernetes",
        "python3-docker", "python3-paramiko", "python3-fabric", "python3-jwt", "python3-jose", "python3-oauthlib",
        "python3-requests-oauthlib", "python3-authlib", "python3-social-auth-core", "python3-django",
        "python3-django-allauth", "python3-django-oauth-toolkit", "python3-djangorestframework", "python3-flask",
        "python3-flask-login", "python3-itsdangerous", "python3-passlib", "python3-pyotp", "python3-pysaml2",
        "python3-ldap3", "python3-celery", "python3-sentry-sdk", "python3-pymongo", "python3-sqlalchemy",
        "python3-redis", "python3-psycopg2", "python3-elasticsearch", "python3-kafka", "python3-pika",
        "python3-influxdb", "python3-consul", "python3-etcd3", "python3-msal", "python3-adal", "python3-msrest",
        "python3-azure-storage", "python3-libcloud", "python3-twilio", "python3-stripe", "python3-tweepy",
        "python3-dropbox", "python3-httpx", "python3-aiohttp", "python3-keyring", "python3-gnupg",
        "python3-pyvmomi", "python3-proxmoxer", "python3-hcloud", "python3-digitalocean", "python3-pynetbox",
        "python3-ncclient", "python3-requests-ntlm",
    ]),
    # eleventh session, fresh: bots, AI-agent and automation tooling, cloud CLIs from the npm registry
    "npm-agents": ("npm", [
        "langchain", "@langchain/core", "@langchain/community", "@langchain/openai", "@langchain/anthropic",
        "ai", "@ai-sdk/openai", "@google/generative-ai", "@aws-sdk/client-bedrock-runtime", "llamaindex",
        "@modelcontextprotocol/sdk", "@slack/bolt", "botbuilder", "botframework-connector", "probot",
        "@octokit/webhooks", "@actions/core", "@actions/github", "node-telegram-bot-api", "grammy",
        "twitter-api-v2", "hubot", "firebase-tools", "vercel", "netlify-cli", "wrangler", "semantic-release",
        "renovate", "n8n-workflow", "n8n-nodes-base", "zapier-platform-core", "@sentry/cli", "snyk",
        "@microsoft/microsoft-graph-client", "@microsoft/teams-ai", "appwrite", "node-appwrite",
        "@clerk/backend", "@auth/core", "better-auth", "@strapi/utils", "@nestjs/core", "heroku",
        "@google-cloud/functions-framework", "@azure/functions", "@cloudflare/workers-types",
    ]),
    # eleventh session, held out: fetched after the fixes for deb-python and npm-agents were made
    # and measured once on the start and end binaries, to see whether the fixes generalise
    # (OpenStack's services with their unit tests, Python web and TLS frameworks; generated
    # cloud SDKs from npm)
    "deb-openstack": ("deb", [
        "python3-keystone", "python3-nova", "python3-glance", "python3-neutron", "python3-cinder", "python3-heat",
        "python3-swift", "python3-barbican", "python3-octavia", "python3-designate", "python3-magnum",
        "python3-ironic", "python3-manila", "python3-trove", "python3-sahara", "python3-mistral", "python3-senlin",
        "python3-openstackclient", "python3-manilaclient", "python3-troveclient", "python3-certbot", "python3-acme",
        "python3-josepy", "python3-onelogin-saml2", "python3-flask-security", "python3-django-cas-server",
        "python3-pyramid", "python3-tornado", "python3-twisted", "python3-scrapy",
    ]),
    "npm-cloudsdk": ("npm", [
        "aws-sdk", "googleapis", "@azure/arm-compute", "@azure/arm-network", "@azure/arm-storage",
        "@azure/keyvault-secrets", "@google-cloud/bigquery", "@google-cloud/secret-manager", "@octokit/openapi-types",
        "@microsoft/microsoft-graph-types", "@aws-sdk/client-secrets-manager", "@aws-sdk/client-iam",
        "@aws-sdk/client-lambda", "@aws-sdk/client-ec2", "@cdktf/provider-aws", "@pulumi/azure-native",
        "@pulumi/gcp", "@pulumi/kubernetes", "@kubernetes/client-node", "@digitalocean/dots", "hcloud-js",
        "@linode/api-v4", "@vercel/sdk", "@netlify/api", "@cloudflare/workers-sdk", "cloudflare",
    ]),
    # twelfth session (realfp2), fresh, development: Go modules of infrastructure tooling (Docker,
    # containerd, Prometheus, MinIO, go-git and its fixtures, NATS, etcd, ACME clients, AWS SDK v1,
    # Google's API and cloud clients, rclone's backends...), Perl CPAN modules and PHP libraries of API
    # clients, auth and mail (Debian 12)
    "deb-go2": ("deb", [
        "golang-github-docker-docker-dev", "golang-github-containerd-containerd-dev",
        "golang-github-prometheus-client-golang-dev", "golang-github-prometheus-common-dev",
        "golang-github-prometheus-alertmanager-dev", "golang-github-prometheus-exporter-toolkit-dev",
        "golang-github-minio-minio-go-v7-dev", "golang-github-minio-madmin-go-dev",
        "golang-github-go-git-go-git-dev", "golang-github-go-git-go-git-fixtures-dev",
        "golang-github-google-go-github-dev", "golang-github-spf13-viper-dev", "golang-mongodb-mongo-driver-dev",
        "golang-github-nats-io-go-nats-dev", "golang-github-nats-io-nats-server-dev",
        "golang-github-nats-io-jwt-dev", "golang-github-nats-io-nkeys-dev", "golang-google-grpc-dev",
        "golang-github-golang-jwt-jwt-dev", "golang-github-dgrijalva-jwt-go-dev",
        "golang-github-mrjones-oauth-dev", "golang-github-gomodule-oauth1-dev", "golang-github-cli-oauth-dev",
        "golang-github-cli-go-gh-dev", "golang-github-xenolf-lego-dev",
        "golang-github-smallstep-certificates-dev", "golang-github-smallstep-cli-dev",
        "golang-github-caddyserver-certmagic-dev", "golang-etcd-server-dev",
        "golang-github-hashicorp-go-discover-dev", "golang-github-hashicorp-go-getter-dev",
        "golang-github-hashicorp-memberlist-dev", "golang-github-armon-consul-api-dev",
        "golang-github-cyberdelia-heroku-go-dev", "golang-github-scaleway-scaleway-sdk-go-dev",
        "golang-github-weppos-dnsimple-go-dev", "golang-github-nrdcg-desec-dev", "golang-github-nrdcg-goinwx-dev",
        "golang-github-miekg-dns-dev", "golang-oras-oras-go-dev",
        "golang-github-docker-docker-credential-helpers-dev", "golang-github-azure-go-autorest-dev",
        "golang-github-cloudflare-redoctober-dev", "golang-github-google-certificate-transparency-dev",
        "golang-golang-x-oauth2-google-dev", "golang-github-appleboy-gin-jwt-dev",
        "golang-gopkg-olivere-elastic.v5-dev", "golang-github-influxdb-influxdb-dev",
        "golang-github-pearkes-cloudflare-dev", "golang-github-azure-azure-storage-blob-go-dev",
        "golang-github-aws-aws-sdk-go-dev", "golang-google-api-dev", "golang-google-cloud-dev",
        "golang-github-rclone-rclone-dev", "golang-github-vmware-govmomi-dev", "golang-gocloud-dev",
        "golang-github-openshift-api-dev", "golang-github-syncthing-syncthing-dev",
        "golang-github-tombuildsstuff-giovanni-dev", "golang-github-mesos-mesos-go-dev", "golang-entgo-ent-dev",
    ]),
    "deb-perl-php": ("deb", [
        "libnet-amazon-s3-perl", "libnet-amazon-ec2-perl", "libnet-amazon-signature-v4-perl", "libamazon-s3-perl",
        "libamazon-sqs-simple-perl", "libnet-twitter-perl", "libnet-twitter-lite-perl", "libtwitter-api-perl",
        "libnet-github-perl", "libgitlab-api-v4-perl", "libnet-oauth-perl", "libnet-oauth2-perl",
        "libnet-oauth2-authorizationserver-perl", "liboauth-lite2-perl", "liblwp-authen-oauth2-perl",
        "libnet-facebook-oauth2-perl", "libnet-dropbox-api-perl", "libcrypt-jwt-perl", "libmojo-jwt-perl",
        "libmojolicious-perl", "libmojolicious-plugin-oauth2-perl", "libdancer2-perl", "libdbi-perl",
        "libdbd-pg-perl", "libdbd-mysql-perl", "libnet-ldap-perl", "libnet-ssh2-perl", "libauthen-sasl-perl",
        "libauthen-oath-perl", "libauthen-radius-perl", "libauthen-scram-perl", "libauth-googleauth-perl",
        "libwww-perl", "libwww-mechanize-perl", "libmail-dkim-perl", "libmail-chimp3-perl", "libjira-rest-perl",
        "libnet-openid-consumer-perl", "libnet-openid-server-perl", "libcrypt-openssl-rsa-perl",
        "libcrypt-x509-perl", "libemail-sender-perl", "libvuser-google-api-perl", "libwww-facebook-api-perl",
        "libcatalyst-plugin-authentication-perl", "libauthen-webauthn-perl", "libauthen-u2f-perl",
        "php-async-aws-core", "php-async-aws-ses", "php-async-aws-sns", "php-async-aws-sqs", "php-phpseclib3",
        "php-phpseclib", "php-horde-oauth", "php-horde-service-twitter", "php-horde-service-facebook",
        "php-horde-auth", "php-horde-imp", "php-horde-passwd", "php-horde-secret", "php-horde-crypt",
        "php-horde-ldap", "php-horde-smtp", "php-horde-activesync", "php-horde-kolab-server", "php-doctrine-dbal",
        "php-doctrine-orm", "php-monolog", "php-predis", "php-nrk-predis", "php-slim", "php-twig",
        "php-league-commonmark", "php-crypt-gpg", "php-net-ldap3", "php-mail", "php-httpful", "php-http-httplug",
        "php-sabre-vobject", "php-email-validator", "php-composer-ca-bundle", "roundcube-core",
        "liblemonldap-ng-portal-perl", "liblemonldap-ng-common-perl", "liblemonldap-ng-manager-perl",
        "liblemonldap-ng-handler-perl", "php-faker", "php-icinga", "php-horde-core", "php-horde-turba",
        "php-horde-kronolith", "libraritan-rpc-perl",
    ]),
    # twelfth session, held out: fetched with the development corpora, scanned only at the end
    # (npm packages of CMS and e-commerce, observability, messaging, auth providers and test tooling
    # with fixtures; Ruby gems of API clients, web apps and test fixtures)
    "npm-misc": ("npm", [
        "ghost", "@strapi/core", "@strapi/strapi", "@shopify/shopify-api", "@medusajs/medusa", "payload",
        "@keystone-6/core", "@sanity/client", "@directus/sdk", "@opentelemetry/api", "@opentelemetry/sdk-node",
        "@opentelemetry/exporter-trace-otlp-http", "@opentelemetry/instrumentation-http", "posthog-node",
        "posthog-js", "@amplitude/analytics-node", "@amplitude/analytics-browser", "@datadog/datadog-api-client",
        "@sendbird/chat", "stream-chat", "@twilio/conversations", "pubnub", "@novu/node", "@auth0/nextjs-auth0",
        "@auth0/auth0-spa-js", "@okta/okta-sdk-nodejs", "@okta/jwt-verifier", "@workos-inc/node", "stytch",
        "supertokens-node", "@railway/cli", "nock", "msw", "@mswjs/interceptors", "@faker-js/faker", "miragejs",
        "supertest", "@pollyjs/core",
        "@commercetools/platform-sdk", "@bigcommerce/checkout-sdk", "@vendure/core",
        "@woocommerce/woocommerce-rest-api", "contentful-management", "@storyblok/js", "@prismicio/client",
        "@opentelemetry/exporter-trace-otlp-grpc", "@grafana/faro-web-sdk", "@honeycombio/opentelemetry-node",
        "elastic-apm-node", "@splunk/otel", "@knocklabs/node", "@trycourier/courier",
        "@pusher/push-notifications-server", "@onesignal/node-onesignal", "@kinde-oss/kinde-auth-nextjs",
        "@descope/node-sdk", "@frontegg/client", "@logto/node", "@fusionauth/typescript-client", "@ory/client",
        "@keycloak/keycloak-admin-client", "@dopplerhq/node-sdk", "@infisical/sdk", "@1password/sdk",
        "fetch-mock", "@mswjs/data", "aws-sdk-client-mock", "@google-cloud/opentelemetry-cloud-trace-exporter",
    ]),
    "deb-ruby2": ("deb", [
        "ruby-acme-client", "ruby-atlassian-jwt", "ruby-aws-sigv4", "ruby-azure-storage-blob",
        "ruby-azure-storage-common", "ruby-certificate-authority", "ruby-chef-config",
        "ruby-devise-token-authenticatable", "ruby-docker-api", "ruby-elasticsearch-api", "ruby-excon",
        "ruby-factory-bot", "ruby-faker", "ruby-ffaker", "ruby-faraday", "ruby-faraday-middleware-aws-sigv4",
        "ruby-fog-libvirt", "ruby-fog-profitbricks", "ruby-gitlab-labkit", "ruby-gitlab-fog-azure-rm",
        "ruby-googleauth", "ruby-google-cloud-env", "ruby-grape", "ruby-graphql-client", "ruby-httparty",
        "ruby-json-jwt", "ruby-kubeclient", "ruby-mail", "ruby-mail-gpg", "ruby-messagebus-api",
        "ruby-mixlib-authentication", "ruby-ms-rest-azure", "ruby-msfrpc-client", "ruby-net-ldap", "ruby-oauth",
        "ruby-omniauth-alicloud", "ruby-omniauth-atlassian-oauth2", "ruby-omniauth-azure-activedirectory-v2",
        "ruby-omniauth-gitlab", "ruby-omniauth-openid-connect", "ruby-openid-connect", "ruby-rack-oauth2",
        "ruby-rack-attack", "ruby-recaptcha", "ruby-rest-client", "ruby-saml", "ruby-safety-net-attestation",
        "ruby-sidekiq", "ruby-simple-oauth", "ruby-sinatra", "ruby-slack-messenger", "ruby-twitter",
        "ruby-twitter-oauth", "ruby-vagrant-cloud", "ruby-vcr", "ruby-webauthn", "ruby-webmock",
        "ruby-puppetserver-ca-cli", "ruby-puppet-forge", "ruby-pg-ldap-sync", "ruby-jekyll-github-metadata",
        "ruby-snowplow-tracker", "ruby-riemann-client", "ruby-github-linguist", "ruby-httpclient",
        "ruby-net-http-digest-auth", "ruby-aws-sdk", "ruby-fauxhai", "ruby-grpc",
        "ruby-google-protobuf", "ruby-googleapis-common-protos-types", "ruby-gitlab-experiment",
        "ruby-gitlab-sidekiq-fetcher", "ruby-omniauth-dingtalk-oauth2", "ruby-omniauth-authentiq",
        "ruby-omniauth-ultraauth", "ruby-omniauth-wordpress", "ruby-omniauth-tumblr", "ruby-omniauth-kerberos",
        "ruby-omniauth-ldap", "ruby-omniauth-multipassword", "ruby-omniauth-oauth", "ruby-omniauth-openid",
        "ruby-openid", "ruby-premailer", "ruby-puppet-resource-api", "ruby-rspec-puppet-facts", "ruby-rubymail",
        "ruby-twitter-stream", "ruby-twitter-text", "ruby-sentry-rails", "ruby-sentry-sidekiq",
        "ruby-sidekiq-cron", "ruby-fog-xml", "ruby-fog-json", "ruby-fog-local", "ruby-fog-vmfusion",
        "ruby-fog-terremark", "ruby-fog-storm-on-demand", "ruby-fogbugz", "ruby-chef-utils", "ruby-httpauth",
        "ruby-net-http-persistent", "ruby-net-scp", "ruby-net-sftp", "ruby-net-ssh-gateway", "ruby-net-ssh-multi",
        "ruby-gssapi", "ruby-ahoy-email", "ruby-email-spec", "ruby-acts-as-api",
    ]),
    # thirteenth session (realfp3), fresh, development: Debian's documentation packages (Django,
    # SQLAlchemy, PostgreSQL, Apache, Postfix, BIND, Kerberos, OpenStack's clients and libraries,
    # Flask and Django extensions... in HTML, reST and text) and Debian's Node packages of HTTP,
    # auth, cookies, templating and tooling not in the npm corpora (Debian 12)
    "deb-docs": ("deb", [
        "python-django-doc", "python-sqlalchemy-doc", "postgresql-doc-15", "nginx-doc", "apache2-doc",
        "python-celery-doc", "python-requests-doc", "python-flask-doc", "sphinx-doc", "postfix-doc", "bind9-doc",
        "python-kombu-doc", "python-pymongo-doc", "git-doc", "python-keystoneauth1-doc", "python-openstacksdk-doc",
        "python-ldap-doc", "python-authlib-doc", "python-aiohttp-doc", "python-tornado-doc", "exim4-doc-html",
        "haproxy-doc", "krb5-doc", "python-gitlab-doc", "rsyslog-doc", "icinga2-doc", "python-django-allauth-doc",
        "python-djangorestframework-doc", "python-swiftclient-doc", "python-novaclient-doc", "python-pika-doc",
        "python-elasticsearch-doc", "python-azure-doc", "python-jenkins-doc", "python-jose-doc", "python-kafka-doc",
        "python-keystoneclient-doc", "python-keystonemiddleware-doc", "python-oslo.config-doc",
        "python-oslo.db-doc", "python-openstackclient-doc", "python-requests-oauthlib-doc", "python-sentry-sdk-doc",
        "python-django-storages-doc", "python-django-auth-ldap-doc", "python-flask-dance-doc",
        "python-flask-security-doc", "python-flask-httpauth-doc", "mailman3-doc", "puppetdb-doc",
        "tryton-server-doc", "jenkins-job-builder-doc", "python-ansible-runner-doc", "python-requests-mock-doc",
        "python-django-channels-doc", "python-django-extensions-doc", "python-mongoengine-doc",
        "python-pymysql-doc", "python-aiomysql-doc", "python-django-celery-beat-doc", "python-django-otp-doc",
        "python-django-casclient-doc", "python-josepy-doc", "python-oslo.cache-doc", "python-oslo.middleware-doc",
        "python-designateclient-doc", "python-octaviaclient-doc", "python-django-etcd-settings-doc",
        "python-flask-login-doc", "python-flask-session-doc", "python-django-csp-doc", "python-rediscluster-doc",
    ]),
    "deb-js": ("deb", [
        "node-auth-header", "node-aws-sign2", "node-aws4", "node-basic-auth", "node-client-sessions", "node-config",
        "node-configstore", "node-configurable-http-proxy", "node-cookie", "node-cookie-parser",
        "node-cookie-signature", "node-cookiejar", "node-cookies", "node-cross-fetch", "node-crypto-browserify",
        "node-faye-websocket", "node-hawk", "node-http-proxy", "node-http-signature", "node-https-proxy-agent",
        "node-jose", "node-js-cookie", "node-js-yaml", "node-ldapjs", "node-mocks-http", "node-mysql",
        "node-npm-package-arg", "node-npmrc", "node-registry-auth-token", "node-request-capture-har",
        "node-sqlite3", "node-sshpk", "node-tap", "node-tough-cookie", "node-websocket", "node-xoauth2",
        "node-yaml", "node-wikibase-cli", "npm", "yarnpkg", "node-babel7", "node-terser", "node-postcss",
        "node-markdown-it", "node-marked", "node-highlight.js", "node-prismjs", "node-less", "node-mustache",
        "node-ejs", "node-busboy", "node-formidable", "node-morgan", "node-semver", "node-uuid", "node-bluebird",
        "node-underscore", "node-jquery", "node-leaflet", "node-react", "node-shiny-server-client",
        "node-websocket-driver", "node-xmlhttprequest", "node-pg-hstore", "node-node-rest-client", "node-ajv",
        "node-tape", "node-form-data", "node-mime", "node-ipaddr.js", "node-proxy-addr", "node-on-headers",
        "node-negotiator", "node-jsdom", "node-cheerio", "node-htmlparser2", "node-sanitize-html", "node-dompurify",
        "node-source-map", "node-acorn", "node-espree", "node-esprima",
        "node-uglify-js", "coffeescript", "livescript", "handlebars", "node-nunjucks", "node-stylus",
    ]),
    # thirteenth session, held out: Debian's Rust crate sources (HTTP, TLS, crypto, database, git,
    # Cargo...) and npm packages of devops platforms, databases, mail, payments and observability
    "deb-rust": ("deb", [
        "librust-rsass-dev", "librust-actix-derive-dev", "librust-argon2rs-dev", "librust-base64-dev",
        "librust-base64ct-dev", "librust-bindgen-dev", "librust-cargo-dev", "librust-cargo-binutils-dev",
        "librust-cargo-c-dev", "librust-cargo-lock-dev", "librust-cargo-metadata-dev", "librust-cargo-platform-dev",
        "librust-cargo-util-dev", "librust-cc-dev", "librust-chrono-tz-dev", "librust-chrono-tz-build-dev",
        "librust-cookie-dev", "librust-cookie-factory-dev", "librust-cookie-store-dev", "librust-crates-io-dev",
        "librust-curl-dev", "librust-curl-sys-dev", "librust-der-oid-macro-dev", "librust-der-parser-dev",
        "librust-derivative-dev", "librust-derive-arbitrary-dev", "librust-derive-builder-dev",
        "librust-derive-builder-core-dev", "librust-derive-getters-dev", "librust-derive-more-dev",
        "librust-derive-new-dev", "librust-encoding-dev", "librust-encoding-index-japanese-dev",
        "librust-encoding-index-korean-dev", "librust-encoding-index-simpchinese-dev",
        "librust-encoding-index-singlebyte-dev", "librust-encoding-index-tests-dev",
        "librust-encoding-index-tradchinese-dev", "librust-encoding-rs-dev", "librust-encoding-rs-io-dev",
        "librust-flate2-dev", "librust-git2-dev", "librust-git2-curl-dev", "librust-gpg-error-dev",
        "librust-gpgme-dev", "librust-gpgme-sys-dev", "librust-h2-dev", "librust-hmac-dev", "librust-http-dev",
        "librust-http-body-dev", "librust-httparse-dev", "librust-httpdate-dev", "librust-hyper-dev",
        "librust-hyper-rustls-dev", "librust-hyper-tls-dev", "librust-isahc-dev", "librust-libgit2-sys-dev",
        "librust-libsqlite3-sys-dev", "librust-libssh2-sys-dev", "librust-mime-dev", "librust-mime-guess-dev",
        "librust-native-tls-dev", "librust-nix-dev", "librust-openssl-dev", "librust-openssl-macros-dev",
        "librust-openssl-probe-dev", "librust-openssl-sys-dev", "librust-pbkdf2-dev", "librust-pem-dev",
        "librust-postgres-derive-dev", "librust-postgres-types-dev", "librust-prometheus-dev", "librust-prost-dev",
        "librust-prost-build-dev", "librust-prost-derive-dev", "librust-prost-types-dev", "librust-quinn-dev",
        "librust-quinn-proto-dev", "librust-quinn-udp-dev", "librust-regex-dev", "librust-regex-automata-dev",
        "librust-regex-syntax-dev", "librust-ring-dev", "librust-rpassword-dev", "librust-ruma-common-dev",
        "librust-ruma-identifiers-validation-dev", "librust-ruma-macros-dev", "librust-rusqlite-dev",
        "librust-rustls-dev", "librust-rustls-native-certs-dev", "librust-rustls-pemfile-dev",
        "librust-secret-service-dev", "librust-sequoia-autocrypt-dev", "librust-sequoia-ipc-dev",
        "librust-sequoia-net-dev", "librust-sequoia-openpgp-dev", "librust-sequoia-openpgp-mt-dev",
        "librust-sequoia-sop-dev", "librust-sequoia-wot-dev", "librust-serde-dev", "librust-serde-big-array-dev",
        "librust-serde-bytes-dev", "librust-serde-cbor-dev", "librust-serde-derive-dev", "librust-serde-fmt-dev",
        "librust-serde-ignored-dev", "librust-serde-json-dev", "librust-serde-path-to-error-dev",
        "librust-serde-repr-dev", "librust-serde-stacker-dev", "librust-serde-test-dev",
        "librust-serde-urlencoded-dev", "librust-serde-value-dev", "librust-serde-xml-rs-dev",
        "librust-serde-yaml-dev", "librust-sha-1-0.9-dev", "librust-sha1-dev", "librust-sha1-asm-dev",
        "librust-sha1collisiondetection-dev", "librust-sha2-dev", "librust-sha2-0.9-dev", "librust-sha2-asm-dev",
        "librust-sha3-dev", "librust-sha3-0.9-dev", "librust-shadow-rs-dev", "librust-shannon-dev",
        "librust-sharded-slab-dev", "librust-shared-child-dev", "librust-shared-library-dev", "librust-tar-dev",
        "librust-target-dev", "librust-target-lexicon-dev", "librust-tokio-dev", "librust-tokio-macros-dev",
        "librust-tokio-native-tls-dev", "librust-tokio-openssl-dev", "librust-tokio-postgres-dev",
        "librust-tokio-rustls-dev", "librust-tokio-serde-dev", "librust-tokio-stream-dev", "librust-tokio-test-dev",
        "librust-tokio-util-dev", "librust-tokio-vsock-dev", "librust-toml-dev", "librust-toml-edit-dev",
        "librust-totp-rs-dev", "librust-tower-dev", "librust-tower-layer-dev", "librust-tower-service-dev",
        "librust-tracing-dev", "librust-tracing-attributes-dev", "librust-tracing-core-dev",
        "librust-tracing-futures-dev", "librust-tracing-log-dev", "librust-tracing-serde-dev",
        "librust-tracing-subscriber-dev", "librust-trust-dns-client-dev", "librust-trust-dns-proto-dev",
        "librust-trust-dns-resolver-dev", "librust-trust-dns-server-dev", "librust-unicode-bidi-dev",
        "librust-unicode-categories-dev", "librust-unicode-ident-dev", "librust-unicode-linebreak-dev",
        "librust-unicode-normalization-dev", "librust-unicode-script-dev", "librust-unicode-segmentation-dev",
        "librust-unicode-vo-dev", "librust-unicode-width-dev", "librust-unicode-xid-dev", "librust-ureq-dev",
        "librust-url-dev", "librust-urlencoding-dev", "librust-urlocator-dev", "librust-webpki-dev",
        "librust-zbus-dev", "librust-zbus-macros-dev", "librust-zip-dev",
    ]),
    "npm-devops": ("npm", [
        "cdk8s", "cdk8s-plus-28", "aws-cdk", "cdktf-cli", "@pulumi/azure", "@pulumi/cloudflare", "@pulumi/random",
        "@pulumi/docker", "@pulumi/github", "@google-cloud/firestore", "@google-cloud/logging", "@google-cloud/kms",
        "@google-cloud/compute", "@google-cloud/run", "@google-cloud/vertexai", "@azure/cosmos",
        "@azure/service-bus", "@azure/event-hubs", "@azure/app-configuration", "@azure/keyvault-keys",
        "@azure/data-tables", "@azure/storage-queue", "@supabase/auth-js", "@supabase/storage-js",
        "@supabase/postgrest-js", "@upstash/qstash", "@upstash/ratelimit", "drizzle-kit", "drizzle-orm",
        "@prisma/client", "@sendgrid/client", "mailersend", "@slack/webhook", "@slack/oauth", "@octokit/auth-app",
        "@octokit/app", "@octokit/core", "@octokit/graphql", "@octokit/oauth-app", "@paypal/paypal-server-sdk",
        "@paypal/paypal-js", "@stripe/stripe-js", "@gitbeaker/rest", "@gitbeaker/core", "jira.js", "pm2", "nx",
        "lerna", "@vercel/blob", "@vercel/kv", "@vercel/postgres", "@aws-sdk/client-cognito-identity-provider",
        "@aws-sdk/client-sqs", "@aws-sdk/client-sns", "@aws-sdk/client-ses", "@aws-sdk/lib-storage",
        "@smithy/signature-v4", "dockerode", "node-vault", "etcd3", "@temporalio/client", "bullmq",
        "@opensearch-project/opensearch", "@clickhouse/client", "@influxdata/influxdb-client", "cassandra-driver",
        "neo4j-driver", "@libsql/client", "@xata.io/client", "@vercel/edge-config", "@sentry/nextjs", "rollbar",
        "@bugsnag/js", "@logtail/node", "@axiomhq/js", "snowflake-sdk", "@databricks/sql", "mssql", "tedious",
        "pg-promise",
    ]),
    # fourteenth session (realfp4), fresh, development: Go modules not in deb-go2 (Alibaba and
    # Akamai SDKs, Dropbox, database drivers, HashiCorp libraries, container registries and images,
    # LDAP, WebAuthn, JOSE, IMAP/SMTP and mail, XMPP/IRC, Kafka, crypto, Goth's OAuth providers...)
    # (Debian 12) and npm packages of web3: Ethereum, Solana, Bitcoin and other chains' SDKs, wallets,
    # Hardhat and its plugins
    "deb-go3": ("deb", [
        "golang-github-akamai-akamaiopen-edgegrid-golang-dev", "golang-github-aliyun-aliyun-oss-go-sdk-dev",
        "golang-github-denverdino-aliyungo-dev", "golang-github-denisenkom-go-mssqldb-dev",
        "golang-github-dropbox-dropbox-sdk-go-unofficial-dev", "golang-github-duo-labs-webauthn-dev",
        "golang-github-go-ldap-ldap-dev", "golang-github-gocql-gocql-dev", "golang-github-hashicorp-go-azure-helpers-dev",
        "golang-github-hashicorp-go-gcp-common-dev", "golang-github-hashicorp-go-retryablehttp-dev",
        "golang-github-hashicorp-go-plugin-dev", "golang-github-hashicorp-raft-dev", "golang-github-hashicorp-serf-dev",
        "golang-github-hashicorp-terraform-json-dev", "golang-github-hashicorp-atlas-go-dev",
        "golang-github-hashicorp-scada-client-dev", "golang-github-mattn-go-xmpp-dev", "golang-github-thoj-go-ircevent-dev",
        "golang-github-yohcop-openid-go-dev", "golang-github-libdns-libdns-dev", "golang-github-koofr-go-koofrclient-dev",
        "golang-github-putdotio-go-putio-dev", "golang-github-stacktic-dropbox-dev", "golang-github-docker-distribution-dev",
        "golang-github-docker-notary-dev", "golang-github-docker-libtrust-dev", "golang-github-containers-image-dev",
        "golang-github-containers-common-dev", "golang-github-containers-buildah-dev", "golang-github-slackhq-nebula-dev",
        "golang-github-zorkian-go-datadog-api-dev", "golang-github-shopify-sarama-dev", "golang-github-segmentio-kafka-go-dev",
        "golang-github-rabbitmq-amqp091-go-dev", "golang-github-protonmail-gopenpgp-dev", "golang-github-protonmail-go-crypto-dev",
        "golang-github-russellhaering-goxmldsig-dev", "golang-github-crowdsecurity-crowdsec-dev",
        "golang-github-canonical-candid-dev", "golang-github-pquerna-otp-dev", "golang-github-xhit-go-simple-mail-dev",
        "golang-gopkg-mail.v2-dev", "golang-github-toorop-go-dkim-dev", "golang-github-thalesignite-crypto11-dev",
        "golang-github-sap-go-hdb-dev", "golang-step-crypto-dev", "golang-golang-x-crypto-dev",
        "golang-github-ctdk-goiardi-dev", "golang-github-shurcool-githubv4-dev", "golang-github-dreamitgetit-statuscake-dev",
        "golang-github-centurylinkcloud-clc-sdk-dev", "golang-github-soniah-dnsmadeeasy-dev", "golang-github-terra-farm-udnssdk-dev",
        "golang-github-markbates-goth-dev", "golang-github-dvsekhvalnov-jose2go-dev", "golang-gopkg-square-go-jose.v2-dev",
        "golang-github-emersion-go-imap-dev", "golang-github-emersion-go-smtp-dev", "golang-github-emersion-go-message-dev",
        "golang-github-gliderlabs-ssh-dev", "golang-github-minio-minio-go-dev", "golang-filippo-age-dev",
        "golang-github-casbin-casbin-dev", "golang-github-juju-usso-dev", "golang-sslmate-src-go-pkcs12-dev",
        "golang-github-youmark-pkcs8-dev", "golang-github-fullsailor-pkcs7-dev", "golang-github-miekg-pkcs11-dev",
    ]),
    "npm-web3": ("npm", [
        "ethers", "web3", "viem", "@solana/web3.js", "@solana/spl-token", "bitcoinjs-lib", "bip39", "bip32",
        "ecpair", "hardhat", "@nomicfoundation/hardhat-toolbox", "@nomicfoundation/hardhat-ethers",
        "@nomicfoundation/hardhat-verify", "@openzeppelin/contracts", "@openzeppelin/hardhat-upgrades",
        "@truffle/hdwallet-provider", "ethereumjs-wallet", "@ethereumjs/tx", "@ethereumjs/util",
        "ethereum-cryptography", "web3-eth-accounts", "@metamask/eth-sig-util", "@walletconnect/sign-client",
        "@coinbase/wallet-sdk", "alchemy-sdk", "@wagmi/core", "@cosmjs/stargate", "@cosmjs/proto-signing",
        "@polkadot/keyring", "@polkadot/util-crypto", "tronweb", "near-api-js", "@taquito/taquito",
        "@taquito/signer", "xrpl", "@aptos-labs/ts-sdk", "@mysten/sui", "@safe-global/protocol-kit",
        "@uniswap/sdk-core", "@chainlink/contracts", "hdkey", "ethereumjs-util", "@scure/bip39", "@scure/bip32",
        "@noble/secp256k1", "tweetnacl", "bs58",
    ]),
    # fourteenth session, held out: fetched with the development corpora, scanned only at the end
    # (npm packages of auth: Passport strategies, OAuth/OIDC clients, Auth0, Okta, Clerk, MSAL, WebAuthn,
    # sessions; test tooling and mock servers with their fixtures, and a few generated cloud SDKs; Debian's
    # Emacs Lisp mail/IRC/forge clients, Lua modules and PHP mail/HTTP libraries)
    "npm-auth2": ("npm", [
        "passport-github2", "passport-facebook", "passport-twitter", "@node-saml/passport-saml", "passport-local",
        "passport-oauth2", "passport-azure-ad", "passport-openidconnect", "passport-http-bearer", "passport-apple",
        "passport-discord", "passport-gitlab2", "passport-slack-oauth2", "passport-linkedin-oauth2",
        "@auth0/auth0-react", "jwks-rsa", "express-openid-connect", "@okta/okta-react", "@clerk/nextjs",
        "@clerk/clerk-js", "@azure/msal-react", "@azure/msal-common", "oauth4webapi", "grant", "hapi-auth-jwt2",
        "@fastify/oauth2", "@fastify/jwt", "express-jwt", "express-session", "keycloak-connect", "lucia", "arctic",
        "iron-session", "@simplewebauthn/server", "otplib", "speakeasy", "@hapi/bell", "@auth/prisma-adapter",
        "@auth/sveltekit", "@supabase/ssr", "firebaseui", "@node-saml/node-saml", "samlify", "oidc-client-ts",
        "@badgateway/oauth2-client", "@octokit/auth-oauth-app", "@azure/core-auth", "google-auth-library-nodejs",
    ]),
    "npm-testing": ("npm", [
        "testcontainers", "@testcontainers/postgresql", "@pollyjs/adapter-node-http", "@pollyjs/persister-fs",
        "mockttp", "json-server", "vitest", "@playwright/test", "puppeteer", "webdriverio", "@wdio/cli", "nightwatch",
        "testcafe", "karma", "ava", "tap", "nyc", "aws-sdk-mock", "mongodb-memory-server", "redis-memory-server",
        "pg-mem", "chance", "casual", "faker", "dynalite", "s3rver", "mockdate", "jest-mock-extended", "mock-fs",
        "@shelf/jest-mongodb", "wiremock-captain", "prism-mock", "@stoplight/prism-cli", "mountebank", "hoverfly",
        "@smithy/util-test", "nock-record", "axios-mock-adapter", "fetch-mock-jest", "jest-fetch-mock",
        "@googleapis/sqladmin", "@google-cloud/aiplatform", "@azure/arm-resources", "@azure/arm-keyvault",
        "@aws-sdk/client-kms", "@aws-sdk/client-rds", "@aws-sdk/client-ecr", "@aws-sdk/client-cloudformation",
    ]),
    "deb-misc3": ("deb", [
        "elpa-circe", "elpa-elfeed", "elpa-ghub", "elpa-jabber", "elpa-magit", "elpa-magit-forge", "elpa-notmuch",
        "elpa-org", "elpa-org-contrib", "elpa-pass", "elpa-password-store", "elpa-request", "elpa-lsp-mode",
        "elpa-mailscripts", "elpa-gitlab-ci-mode", "lua-http", "lua-luaossl", "lua-sec", "lua-socket", "lua-ldap",
        "lua-redis", "lua-nginx-redis", "lua-nginx-websocket", "lua-resty-core", "lua-cyrussasl-dev", "lua-curl-dev",
        "lua-dbi-postgresql", "lua-sql-doc", "php-horde-imap-client", "php-horde-mail", "php-horde-mime",
        "php-horde-http", "php-horde-webmail", "php-illuminate-mail", "php-illuminate-http", "php-mail-mime",
        "php-net-ldap2", "php-christianriesen-otp", "php-code-lts-u2f-php-server", "php-http-webdav-server",
    ]),
    # fifteenth session (realfp5), fresh, development: Debian's Java libraries (jars, scanned as
    # archives): Bouncy Castle, JSch and SSH clients, JGit, Google's API and OAuth clients, mail,
    # JDBC drivers and pools, OkHttp and OAuth signpost, Spring, Tomcat, Jetty, Netty, LDAP and
    # Kerberos, ActiveMQ, ZooKeeper, Shiro... (Debian 12) and npm packages of payments,
    # e-commerce, CMS clients, analytics, telemetry and feature flags
    "deb-java": ("deb", [
        "libbcprov-java", "libbcpkix-java", "libbcpg-java", "libbctls-java", "libbcmail-java", "libbcutil-java",
        "libbcjmail-java", "libjsch-java", "libjsch-agent-proxy-java", "libganymed-ssh2-java", "libtrilead-ssh2-java",
        "libjenkins-trilead-ssh2-java", "libj2ssh-java", "libjgit-java", "libgoogle-api-client-java",
        "libgoogle-auth-java", "libgoogle-oauth-client-java", "libgoogle-http-client-java",
        "libgoogle-api-services-drive-java", "libgoogle-api-services-sheets-java", "libgoogle-gson-java",
        "libjakarta-mail-java", "libmail-java", "libcommons-email-java", "libdumbster-java", "libpostgresql-jdbc-java",
        "libmariadb-java", "libjtds-java", "libxerial-sqlite-jdbc-java", "libderby-java", "libderbyclient-java",
        "libcsvjdbc-java", "libhikaricp-java", "libc3p0-java", "libproxool-java", "libmongodb-java", "libokhttp-java",
        "liboauth-signpost-java", "libokhttp-signpost-java", "libopenid4java-java", "libspring-core-java",
        "libspring-beans-java", "libspring-context-java", "libspring-context-support-java", "libspring-jdbc-java",
        "libspring-jms-java", "libspring-messaging-java", "libspring-orm-java", "libspring-test-java",
        "libspring-transaction-java", "libspring-web-java", "libspring-web-servlet-java", "libtomcat9-java",
        "libtomcat10-java", "libjetty9-java", "libjetty9-extra-java", "libnetty-java", "libnetty-tcnative-java",
        "libhttpclient-java", "libhttpclient5-java", "libhttpcore5-java", "libhttpasyncclient-java",
        "libasync-http-client-java", "libcommons-httpclient-java", "libunirest-java-java", "libjets3t-java",
        "libapache-directory-api-java", "libapacheds-kerberos-codec-java", "libvt-ldap-java", "libldap-java",
        "libcanl-java", "libjasypt-java", "libjbcrypt-java", "libscram-java", "libgrpc-java", "libjt400-java",
        "libjolokia-core-java", "libwagon-http-java", "libwagon-ssh-java", "libmaven-resolver-transport-http-java",
        "libactivemq-java", "libzookeeper-java", "libquartz2-java", "libshiro-java", "libcommons-net-java",
        "libmina2-java", "libwss4j-java", "libjsoup-java", "libjackson2-databind-java",
    ]),
    "npm-commerce": ("npm", [
        "@paypal/react-paypal-js", "braintree-web", "braintree-web-drop-in", "@adyen/api-library",
        "@adyen/adyen-web", "razorpay", "@square/web-sdk", "@mollie/api-client", "@lemonsqueezy/lemonsqueezy.js",
        "@paddle/paddle-node-sdk", "chargebee", "recurly", "gocardless-nodejs", "checkout-sdk-node",
        "coinbase-commerce-node", "@stripe/react-stripe-js", "@shopify/hydrogen", "@shopify/shopify-app-remix",
        "shopify-buy", "@shopify/admin-api-client", "@shopify/storefront-api-client", "@shopify/app-bridge",
        "@saleor/app-sdk", "@medusajs/js-sdk", "@tryghost/admin-api", "@tryghost/content-api",
        "@strapi/plugin-users-permissions", "@segment/analytics-next", "analytics-node", "mixpanel-browser",
        "amplitude-js", "@datadog/browser-rum", "@datadog/browser-core", "@vercel/analytics",
        "@rudderstack/rudder-sdk-node", "@rudderstack/analytics-js", "customerio-node",
        "@customerio/cdp-analytics-node", "plausible-tracker", "react-ga4", "@google-analytics/data",
        "@google-analytics/admin", "@snowplow/browser-tracker", "@sentry/browser", "@sentry/react", "logrocket",
        "@fullstory/browser", "@hotjar/browser", "@intercom/messenger-js-sdk", "@growthbook/growthbook",
        "@statsig/js-client", "statsig-node", "unleash-client", "@optimizely/optimizely-sdk", "flagsmith",
        "configcat-node",
    ]),
    # fifteenth session, held out: fetched with the development corpora, scanned only at the end
    # (Debian's Python libraries not in deb-python: HTTP mocking and recording, chat and social
    # clients, Exchange, mail, crypto, security and network tooling, backup and VCS tools; npm
    # packages of AI/LLM tooling, vector databases and chat bots; React Native / Expo modules and
    # serverless/IaC plugins)
    "deb-python2": ("deb", [
        "python3-boto", "python3-responses", "python3-vcr", "python3-betamax", "python3-httpretty", "python3-discord",
        "python3-matrix-nio", "python3-mastodon", "python3-praw", "python3-exchangelib", "python3-aiosmtplib",
        "python3-django-anymail", "python3-oslo.messaging", "python3-jwcrypto", "python3-cryptography",
        "python3-nacl", "python3-pgpy", "python3-pykeepass", "python3-testinfra", "mitmproxy", "python3-scapy",
        "python3-impacket", "python3-pwntools", "python3-shodan", "python3-censys", "sqlmap", "python3-certipy",
        "python3-ldapdomaindump", "python3-pysnmp4", "python3-netmiko", "python3-junos-eznc", "python3-pyeapi",
        "python3-sshtunnel", "python3-asyncssh", "python3-b2sdk", "duplicity", "borgbackup", "python3-dulwich",
        "python3-pygit2", "python3-hglib", "mercurial", "python3-pysmi", "python3-geopy", "yt-dlp",
    ]),
    "npm-ai2": ("npm", [
        "@langchain/google-genai", "@langchain/aws", "@langchain/pinecone", "@langchain/qdrant",
        "@langchain/weaviate", "@langchain/mistralai", "@langchain/groq", "@langchain/langgraph", "langsmith",
        "@ai-sdk/anthropic", "@ai-sdk/google", "@ai-sdk/azure", "@ai-sdk/amazon-bedrock", "@ai-sdk/mistral",
        "@ai-sdk/react", "@qdrant/js-client-rest", "weaviate-client", "chromadb", "@zilliz/milvus2-sdk-node",
        "@llamaindex/openai", "@azure/openai", "@google/genai", "ollama", "together-ai", "@openai/agents",
        "@mastra/core", "portkey-ai", "@traceloop/node-server-sdk", "langfuse", "e2b", "@e2b/code-interpreter",
        "@browserbasehq/stagehand", "@mendable/firecrawl-js", "exa-js", "@tavily/core", "assemblyai",
        "@deepgram/sdk", "@line/bot-sdk", "telegram", "whatsapp-web.js", "@whiskeysockets/baileys", "tmi.js",
        "matrix-js-sdk", "matrix-bot-sdk", "@mattermost/client", "@slack/socket-mode", "botkit", "@discordjs/rest",
        "viber-bot", "zulip-js", "irc-framework",
    ]),
    "npm-mobile": ("npm", [
        "expo", "expo-auth-session", "expo-secure-store", "expo-notifications", "expo-updates", "expo-constants",
        "@react-native-firebase/app", "@react-native-firebase/auth", "@react-native-google-signin/google-signin",
        "react-native-fbsdk-next", "@invertase/react-native-apple-authentication", "react-native-app-auth",
        "react-native-keychain", "@react-native-async-storage/async-storage", "react-native-maps", "@rnmapbox/maps",
        "@stripe/stripe-react-native", "react-native-purchases", "react-native-onesignal", "@sentry/react-native",
        "posthog-react-native", "@amplitude/analytics-react-native", "react-native-code-push",
        "@aws-amplify/react-native", "eas-cli", "react-native", "serverless-offline", "serverless-webpack",
        "serverless-dotenv-plugin", "serverless-domain-manager", "@serverless/utils", "cdk-nag", "projen",
        "constructs", "@pulumi/awsx", "@pulumi/azuread", "@pulumi/datadog", "@pulumi/tls", "sst",
        "@architect/architect", "claudia",
    ]),
    # sixteenth session (realfp6), fresh, development: Debian's PHP libraries not in deb-sdks,
    # deb-auth, deb-perl-php or deb-misc3 (AMQP, CAS, RADIUS, PEAR's Net_* mail and DNS clients,
    # phpseclib 1, phpdotenv, MDB2, TCPDF, Dompdf, Mockery, test suites of PSR caches and messages)
    # and PHP web applications (WordPress, DokuWiki, phpMyAdmin, Tiny Tiny RSS, Adminer,
    # phpLDAPadmin, PostfixAdmin, SimpleSAMLphp, Icinga Web 2, NagVis, Roundcube's plugins, GOsa)
    # (Debian 12); npm packages of email, SMS and push notifications and chat bots
    "deb-php2": ("deb", [
        "php-amqplib", "php-cas", "php-dapphp-radius", "php-net-smtp", "php-net-imap", "php-net-sieve",
        "php-net-dns2", "php-net-ftp", "php-net-nntp", "php-auth-sasl", "php-seclib", "php-vlucas-phpdotenv",
        "php-nyholm-psr7", "php-doctrine-data-fixtures", "php-doctrine-persistence", "php-mdb2",
        "php-mdb2-driver-mysql", "php-mdb2-driver-pgsql", "php-db", "php-pda-pheanstalk", "php-getid3", "php-tcpdf",
        "php-dompdf", "php-htmlpurifier", "php-mockery", "php-codesniffer", "php-nesbot-carbon", "php-league-config",
        "php-constant-time", "php-christianriesen-base32", "php-bacon-qr-code", "php-gregwar-captcha",
        "php-text-password", "php-text-captcha", "php-cache-integration-tests", "php-http-psr7-integration-tests",
        "php-mikey179-vfsstream", "php-amphp-amp", "php-pubsubhubbub-publisher", "php-mf2", "php-easyrdf",
        "php-zend-code", "php-net-whois", "php-net-url2", "php-malkusch-lock", "php-klogger", "php-letodms-core",
        "php-pear", "php-xml-svg", "php-mock", "php-json-schema", "php-nikic-fast-route", "php-slim-psr7",
        "php-phpmyadmin-sql-parser", "php-remctl", "php-google-protobuf", "php-thrift", "wordpress", "dokuwiki",
        "phpmyadmin", "tt-rss", "adminer", "phpldapadmin", "postfixadmin", "simplesamlphp", "icingaweb2", "nagvis",
        "roundcube-plugins", "gosa",
    ]),
    "npm-notify": ("npm", [
        "plivo", "messagebird", "@sinch/sdk-core", "nodemailer-sendgrid", "nodemailer-mailgun-transport",
        "@aws-sdk/client-pinpoint", "@aws-sdk/client-sesv2", "node-mailjet", "@getbrevo/brevo", "sib-api-v3-sdk",
        "@mailchimp/mailchimp_transactional", "sparkpost", "@azure/communication-email", "@azure/communication-sms",
        "email-templates", "smtp-server", "mailparser", "imapflow", "emailjs", "@emailjs/browser",
        "@react-email/components", "@react-email/render", "africastalking", "clicksend", "bandwidth-sdk",
        "telesignsdk", "@infobip-api/sdk", "web-push", "node-pushnotifications", "@parse/node-apn", "node-gcm",
        "expo-server-sdk", "pusher-js", "@magicbell/core", "@notifee/react-native", "textmagic-rest-client",
        "@sendgrid/eventwebhook", "@sendgrid/inbound-mail-parser", "loops", "@plunk/node", "@upstash/workflow",
        "mjml", "nodemailer-ses-transport", "@vonage/sms", "@vonage/messages", "twilio-cli",
        "@twilio-labs/serverless-api", "discord-interactions", "@discordjs/core", "eris", "oceanic.js", "vk-io",
        "@microsoft/teams-js", "botbuilder-adapter-slack", "@slack/events-api", "@slack/interactive-messages",
        "@rocket.chat/sdk", "bottender", "@wppconnect-team/wppconnect", "venom-bot", "@twurple/api", "@twurple/auth",
        "masto", "@atproto/api", "nostr-tools", "messaging-api-messenger", "messaging-api-line",
        "@grammyjs/conversations", "tdl", "gramio", "whatsapp-api-js", "@slack/rtm-api", "matrix-appservice-bridge",
        "discord-oauth2", "@discord-player/extractor", "slack-notify", "@ringcentral/sdk", "@zoom/rivet",
        "@webex/webex-core",
    ]),
    # sixteenth session, held out: fetched with the development corpora, scanned only at the end
    # (Debian's Haskell library documentation, Haddock HTML with the hyperlinked sources: AWS,
    # HTTP clients and servers, OAuth, JWT, TLS and X.509, mail, IRC, Yesod, Servant, database
    # drivers; npm packages of headless CMSs and their plugins; serverless plugins, CDK
    # constructs, Pulumi and CDKTF providers, Netlify/Vercel build tooling, Lambda middleware)
    "deb-haskell": ("deb", [
        "libghc-authenticate-doc", "libghc-authenticate-oauth-doc", "libghc-aws-doc", "libghc-clientsession-doc",
        "libghc-cookie-doc", "libghc-crypto-api-doc", "libghc-cryptonite-doc", "libghc-cryptostore-doc",
        "libghc-dns-doc", "libghc-email-validate-doc", "libghc-github-doc", "libghc-gsasl-doc",
        "libghc-hackage-security-doc", "libghc-happstack-authenticate-doc", "libghc-hoauth2-doc",
        "libghc-hsemail-doc", "libghc-http-doc", "libghc-http-client-doc", "libghc-http-client-tls-doc",
        "libghc-http-conduit-doc", "libghc-http-streams-doc", "libghc-http-reverse-proxy-doc", "libghc-irc-doc",
        "libghc-irc-core-doc", "libghc-ircbot-doc", "libghc-jwt-doc", "libghc-mime-mail-doc",
        "libghc-mime-mail-ses-doc", "libghc-network-conduit-tls-doc", "libghc-openpgp-asciiarmor-doc",
        "libghc-pem-doc", "libghc-persistent-postgresql-doc", "libghc-persistent-sqlite-doc",
        "libghc-postgresql-libpq-doc", "libghc-postgresql-simple-doc", "libghc-secret-sharing-doc",
        "libghc-servant-doc", "libghc-servant-client-doc", "libghc-servant-server-doc", "libghc-smtp-mail-doc",
        "libghc-soap-tls-doc", "libghc-tls-doc", "libghc-tls-session-manager-doc", "libghc-twitter-conduit-doc",
        "libghc-twitter-types-doc", "libghc-wai-doc", "libghc-wai-extra-doc", "libghc-wai-app-static-doc",
        "libghc-warp-doc", "libghc-warp-tls-doc", "libghc-wreq-doc", "libghc-x509-doc", "libghc-x509-store-doc",
        "libghc-x509-validation-doc", "libghc-yesod-doc", "libghc-yesod-auth-doc", "libghc-yesod-auth-hashdb-doc",
        "libghc-yesod-auth-oauth-doc", "libghc-yesod-core-doc", "libghc-yesod-form-doc", "libghc-yesod-static-doc",
        "libghc-yesod-test-doc", "libghc-hdbc-postgresql-doc", "libghc-hdbc-sqlite3-doc", "libghc-ldap-doc",
        "libghc-hspec-wai-doc", "libghc-wai-cors-doc", "libghc-http-api-data-doc", "libghc-vault-doc",
        "libghc-connection-doc", "libghc-socks-doc", "libghc-persistent-doc", "libghc-hedis-doc", "libghc-aeson-doc",
    ]),
    "npm-cms": ("npm", [
        "@payloadcms/db-mongodb", "@payloadcms/plugin-cloud-storage", "@payloadcms/email-nodemailer",
        "@payloadcms/next", "@payloadcms/richtext-lexical", "tinacms", "@tinacms/cli", "@builder.io/sdk",
        "@builder.io/react", "decap-cms-app", "@wordpress/api-fetch", "@wordpress/core-data",
        "gatsby-source-contentful", "gatsby-source-wordpress", "gatsby-source-filesystem", "gatsby-plugin-image",
        "@nuxt/content", "contentstack", "@contentstack/delivery-sdk", "@contentstack/management",
        "@kontent-ai/delivery-sdk", "@agility/content-fetch", "buttercms", "@cosmicjs/sdk",
        "@datocms/cma-client-node", "datocms-structured-text-utils", "storyblok-js-client",
        "@strapi/provider-upload-aws-s3", "@strapi/provider-email-sendgrid", "@strapi/provider-email-nodemailer",
        "@strapi/provider-upload-cloudinary", "@strapi/plugin-i18n", "@strapi/plugin-graphql", "@sanity/image-url",
        "@sanity/vision", "next-sanity", "@hygraph/management-sdk", "graphql-request", "@keystatic/core",
        "@umbraco/headless-client", "@builder.io/qwik", "contentful-import", "contentful-export",
        "@wordpress/scripts", "@directus/extensions-sdk", "@medusajs/medusa-js", "@vendure/email-plugin",
        "@vendure/asset-server-plugin", "ghost-storage-adapter-s3", "@tryghost/helpers",
    ]),
    "npm-iac2": ("npm", [
        "serverless-esbuild", "serverless-python-requirements", "serverless-prune-plugin",
        "serverless-iam-roles-per-function", "serverless-step-functions", "serverless-appsync-plugin",
        "serverless-plugin-aws-alerts", "serverless-plugin-warmup", "serverless-s3-sync", "serverless-finch",
        "serverless-plugin-typescript", "serverless-http", "@aws-cdk/aws-amplify-alpha", "cdk-monitoring-constructs",
        "@aws-solutions-constructs/core", "@aws-solutions-constructs/aws-lambda-dynamodb", "cdk-nextjs-standalone",
        "@netlify/build", "@netlify/config", "@netlify/zip-it-and-ship-it", "@vercel/build-utils", "@vercel/next",
        "@pulumi/command", "@pulumi/postgresql", "@pulumi/mongodbatlas", "@pulumi/vault", "@pulumi/aws-native",
        "@cdktf/provider-google", "@cdktf/provider-azurerm", "@aws-lambda-powertools/logger",
        "@aws-lambda-powertools/parameters", "@middy/core", "@middy/secrets-manager", "aws-serverless-express",
        "@codegenie/serverless-express", "@shopify/cli", "@salesforce/core", "@aws-cdk/cloud-assembly-schema",
        "cdk-assets", "@aws-amplify/backend", "@aws-amplify/backend-cli", "@aws-amplify/cli-internal", "fly-admin",
        "@aws-cdk/cx-api", "aws-cdk-local", "serverless-localstack", "localstack",
    ]),
    # ninth round (2026-12-05, realfp7): development are Debian's C networking and crypto
    # sources and documentation (curl, Mosquitto, FreeRDP, libssh, GnuTLS, OpenSSL, FreeRADIUS,
    # Dovecot, strongSwan, mail and VPN clients) and npm telemetry, error-reporting and
    # feature-flag SDKs; held out are Debian's Erlang, Elixir and OCaml libraries (OTP's sources
    # and documentation, ejabberd, RabbitMQ, Ocamlnet, Eliom), npm maps, geocoding and IP
    # geolocation SDKs, and npm Git and GitHub tooling (Octokit plugins, semantic-release, changesets)
    "deb-netcrypto": ("deb", [
        "libcurl4-doc", "libcurl4-openssl-dev", "curl", "mosquitto", "mosquitto-clients", "libmosquitto-dev",
        "freerdp2-dev", "libssh-doc", "libssh-dev", "libssh2-1-dev", "gnutls-doc", "libgnutls28-dev", "libssl-doc",
        "openssl", "openvpn", "libwebsockets-dev", "squid-common", "dovecot-core", "strongswan-starter",
        "strongswan-charon", "libpaho-mqtt-dev", "libmicrohttpd-dev", "libgcrypt20-doc", "nettle-dev",
        "libsodium-dev", "wpasupplicant", "hostapd", "stunnel4", "haproxy", "unbound", "nsd", "knot-doc",
        "freeradius-config", "freeradius-common", "libfreeradius-dev", "slapd", "sasl2-bin", "openconnect",
        "libwolfssl-dev", "libmbedtls-doc", "libnghttp2-doc", "opendkim", "opendkim-tools", "wget2", "aria2", "lftp",
        "msmtp", "fetchmail", "mutt", "isync", "offlineimap3", "ldap-utils", "krb5-user", "libkrb5-dev",
        "openssh-client", "dropbear-bin", "tinc", "wireguard-tools", "ppp", "xl2tpd", "libreswan", "sssd-common",
        "libpam-radius-auth", "certmonger", "softhsm2", "p11-kit", "opensc", "libp11-dev", "gnupg", "gpgsm",
        "libgpgme-dev", "snmpd", "libsnmp-dev", "nut-server",
    ]),
    "npm-telemetry": ("npm", [
        "@honeybadger-io/js", "@splitsoftware/splitio", "configcat-js", "@highlight-run/node",
        "@launchdarkly/node-server-sdk", "@june-so/analytics-node", "@bugsnag/plugin-react", "hot-shots",
        "prom-client", "@elastic/apm-rum", "launchdarkly-js-client-sdk", "analytics",
        "@opentelemetry/exporter-metrics-otlp-http", "@sentry/core", "@amplitude/experiment-js-client",
        "@snowplow/node-tracker", "matomo-tracker", "@mparticle/web-sdk", "@braze/web-sdk", "@appsignal/nodejs",
        "raygun4js", "raygun", "trackjs", "@airbrake/node", "@airbrake/browser", "@vercel/speed-insights",
        "keen-tracking", "@kameleoon/javascript-sdk", "@eppo/js-client-sdk", "@devcycle/nodejs-server-sdk",
        "@harnessio/ff-nodejs-server-sdk", "@openfeature/server-sdk", "@openfeature/flagd-provider",
        "@customerio/cdp-analytics-browser", "@sentry/webpack-plugin", "@sentry/vite-plugin", "@datadog/datadog-ci",
        "@newrelic/browser-agent", "@microsoft/applicationinsights-web", "applicationinsights",
        "@aws-sdk/client-cloudwatch-logs", "@google-cloud/error-reporting", "@google-cloud/trace-agent",
        "@highlight-run/next", "@segment/analytics-react-native", "@hyperdx/node-opentelemetry",
        "@baselime/node-opentelemetry", "@signalfx/splunk-otel", "splunk-logging", "@logdna/logger", "winston-loki",
        "loglevel-plugin-remote", "pino-datadog-transport", "@axiomhq/pino", "@logtail/pino", "@bugsnag/source-maps",
        "@rollbar/react",
    ]),
    "deb-erlang": ("deb", [
        "erlang-src", "erlang-doc", "elixir", "rebar3", "erlang-jose", "erlang-cowlib", "erlang-mochiweb",
        "erlang-redis-client", "erlang-p1-oauth2", "erlang-p1-acme", "erlang-p1-tls", "erlang-p1-pgsql",
        "erlang-p1-mysql", "erlang-p1-sip", "erlang-p1-stun", "erlang-p1-xmpp", "erlang-p1-pkix", "erlang-p1-utils",
        "erlang-p1-sqlite3", "erlang-lager", "erlang-jiffy", "erlang-meck", "erlang-proper-doc", "erlang-base64url",
        "erlang-idna", "erlang-poolboy", "erlang-bitcask", "erlang-cuttlefish", "erlang-folsom", "erlang-luerl",
        "erlang-yaws", "yaws", "yaws-doc", "ejabberd", "ejabberd-contrib", "ejabberd-mod-rest",
        "ejabberd-mod-muc-log-http", "rabbitmq-server", "tsung", "libcryptokit-ocaml-dev", "libssl-ocaml-dev",
        "libmirage-crypto-ocaml-dev", "libcohttp-ocaml-dev", "libcohttp-lwt-unix-ocaml-dev",
        "libconduit-lwt-ocaml-dev", "libca-certs-ocaml-dev", "libx509-ocaml-dev", "libocamlnet-ocaml-dev",
        "libocamlnet-ocaml-doc", "libcurl-ocaml-dev", "libmysql-ocaml-dev", "libpostgresql-ocaml-dev",
        "libeliom-ocaml-dev", "libocsigenserver-ocaml-dev", "ocsigenserver", "libpbkdf-ocaml-dev", "libsha-ocaml-dev",
        "libasn1-combinators-ocaml-dev", "libdomain-name-ocaml-dev", "libhttp-ocaml-dev", "libbase64-ocaml-dev",
        "liblwt-ssl-ocaml-dev", "libsqlite3-ocaml-dev", "libldap-ocaml-dev",
    ]),
    "npm-geo": ("npm", [
        "@googlemaps/google-maps-services-js", "@googlemaps/js-api-loader", "mapbox-gl", "@mapbox/mapbox-gl-geocoder",
        "maplibre-gl", "leaflet", "@esri/arcgis-rest-request", "@esri/arcgis-rest-geocoding", "@turf/turf", "ol",
        "@react-google-maps/api", "google-map-react", "react-map-gl", "@tomtom-international/web-sdk-maps",
        "@tomtom-international/web-sdk-services", "opencage-api-client", "node-geocoder", "openweather-api-node",
        "weather-js", "@mapbox/search-js-core", "@what3words/api", "geolib", "@vis.gl/react-google-maps", "deck.gl",
        "@googlemaps/markerclusterer", "@google/maps", "react-leaflet", "@mapbox/mapbox-gl-directions",
        "@maptiler/sdk", "@maptiler/client", "@stadiamaps/api", "@here/flexible-polyline", "radar-sdk-js",
        "@geoapify/geocoder-autocomplete", "node-ipinfo", "geoip-lite", "@maxmind/geoip2-node", "maxmind",
        "geofire-common", "@mapbox/geojson-extent", "resium", "@loaders.gl/core", "leaflet-control-geocoder",
        "leaflet.markercluster", "@googlemaps/places", "@googlemaps/routing", "@googlemaps/addressvalidation",
    ]),
    "npm-git": ("npm", [
        "@octokit/plugin-retry", "@octokit/plugin-throttling", "@octokit/plugin-paginate-rest", "octokit",
        "@semantic-release/github", "@semantic-release/npm", "@semantic-release/gitlab",
        "@semantic-release/changelog", "@semantic-release/git", "danger", "release-it",
        "@release-it/conventional-changelog", "@changesets/cli", "@changesets/get-github-info", "simple-git",
        "isomorphic-git", "@actions/cache", "@actions/tool-cache", "@actions/artifact", "bitbucket",
        "conventional-changelog", "husky", "lint-staged", "gh-pages", "np", "changelogen", "git-url-parse",
        "hosted-git-info", "@commitlint/cli", "commitizen", "standard-version", "auto", "@auto-it/core", "github-api",
        "gh-got", "gitlab", "@octokit/plugin-rest-endpoint-methods", "@octokit/auth-token", "@octokit/request",
        "@octokit/webhooks-methods", "@octokit/action", "@actions/http-client", "@actions/exec", "@vercel/nft",
        "@lerna-lite/cli", "@nx/devkit", "multi-semantic-release", "@semantic-release/commit-analyzer",
        "@semantic-release/release-notes-generator", "@semantic-release/exec", "gitmoji-cli",
        "@changesets/changelog-github", "github-release-notes", "release-please", "gh-release", "@gitbeaker/cli",
        "dugite", "git-raw-commits",
    ]),
    # tenth round (2026-12-05, realfp8): development are Debian's monitoring servers, agents and
    # plugins (Prometheus and its exporters, collectd, Icinga 2, Zabbix, Munin, Nagios and the
    # monitoring plugins, Graphite, Netdata, Cacti, Monit, fail2ban) and npm database drivers,
    # ORMs, migration tools and queue clients not in an earlier corpus; held out are Debian's
    # R packages (httr, curl, gargle, openssl, the Google and GitHub clients, DBI drivers, Shiny,
    # plumber, knitr, devtools), Debian mail and DNS servers (Postfix, Exim, PowerDNS, BIND,
    # Rspamd, SpamAssassin, amavisd-new, SOGo, Cyrus, Courier, Sympa, Mailman) and npm CLI tools
    # that store credentials and auth client libraries
    "deb-monitoring": ("deb", [
        "prometheus", "prometheus-node-exporter", "prometheus-alertmanager", "prometheus-blackbox-exporter",
        "prometheus-mysqld-exporter", "prometheus-postgres-exporter", "prometheus-snmp-exporter",
        "prometheus-pushgateway", "prometheus-redis-exporter", "prometheus-apache-exporter",
        "prometheus-nginx-exporter", "prometheus-bind-exporter", "prometheus-haproxy-exporter",
        "prometheus-sql-exporter", "collectd-core", "icinga2-common", "icinga2-bin", "icingaweb2-module-monitoring",
        "zabbix-server-pgsql", "zabbix-agent", "zabbix-frontend-php", "zabbix-proxy-sqlite3", "munin", "munin-node",
        "munin-plugins-extra", "munin-doc", "monitoring-plugins-basic", "monitoring-plugins-standard",
        "monitoring-plugins-contrib", "nagios4-common", "nagios4-cgi", "nagios-nrpe-server", "graphite-web",
        "netdata-core", "netdata-plugins-python", "smokeping", "cacti", "mon", "monit", "fail2ban", "logwatch",
        "vnstat",
    ]),
    "npm-db": ("npm", [
        "nats", "@mikro-orm/core", "@mikro-orm/postgresql", "objection", "couchbase", "oracledb", "better-sqlite3",
        "@electric-sql/pglite", "postgres", "slonik", "kysely", "redis-om", "memcached", "arangojs", "faunadb",
        "@google-cloud/spanner", "@aws-sdk/client-rds-data", "pg-boss", "bee-queue", "agenda", "rhea", "mqtt",
        "zeromq", "@upstash/kafka", "node-rdkafka", "convex", "surrealdb", "dynamoose", "@aws-sdk/lib-dynamodb",
        "typesense", "meilisearch", "weaviate-ts-client", "@aws-sdk/client-kinesis", "@google-cloud/datastore",
        "sequelize-typescript", "@nestjs/typeorm", "@nestjs/mongoose", "waterline", "mariadb", "sqlite3", "pg-pool",
        "lowdb", "nano", "pouchdb", "mongodb-client-encryption", "pg-connection-string", "pg-query-stream", "sql.js",
        "@google-cloud/bigtable", "amqp-connection-manager", "rascal", "@golevelup/nestjs-rabbitmq",
        "@stomp/stompjs", "centrifuge", "@nestjs/microservices", "moleculer", "@confluentinc/kafka-javascript",
        "umzug", "db-migrate", "node-pg-migrate", "postgrator", "rxdb", "dexie", "mysql", "nedb",
        "@aws-sdk/client-athena", "@aws-sdk/rds-signer", "ravendb", "@tidbcloud/serverless", "zapatos", "massive",
        "bookshelf", "@adonisjs/lucid", "@nestjs/sequelize", "pocketbase", "parse", "parse-server", "gremlin",
        "@google-cloud/cloud-sql-connector",
    ]),
    "deb-r": ("deb", [
        "r-cran-httr", "r-cran-httr2", "r-cran-curl", "r-cran-gargle", "r-cran-openssl", "r-cran-rmysql",
        "r-cran-rpostgresql", "r-cran-dbi", "r-cran-rsqlite", "r-cran-googledrive", "r-cran-googlesheets4",
        "r-cran-gh", "r-cran-gert", "r-cran-usethis", "r-cran-credentials", "r-cran-keyring", "r-cran-sodium",
        "r-cran-rvest", "r-cran-plumber", "r-cran-shiny", "r-cran-rmarkdown", "r-cran-knitr", "r-cran-devtools",
        "r-cran-pkgdown", "r-cran-xml2", "r-cran-jsonlite", "r-cran-rcurl", "r-cran-httpuv", "r-cran-webutils",
        "r-cran-reticulate", "r-cran-rsconnect", "r-cran-packrat", "r-cran-remotes", "r-cran-covr", "r-cran-testthat",
        "r-cran-vcr", "r-cran-webmockr", "r-cran-crul", "r-cran-rjava", "r-cran-xml", "r-cran-blob", "r-cran-dbplyr",
        "r-cran-rtweet", "r-cran-emayili", "r-cran-sendmailr", "r-cran-digest", "r-cran-askpass", "r-cran-rentrez",
        "r-cran-bslib", "r-cran-rstudioapi", "r-cran-urltools", "r-cran-later", "r-cran-promises", "r-cran-future",
        "r-cran-ps", "r-cran-processx", "r-cran-callr", "r-cran-git2r", "r-cran-tinytex", "r-cran-bookdown",
        "r-cran-xfun", "r-cran-batchtools", "r-bioc-biocfilecache", "r-bioc-annotationhub", "r-bioc-biomart",
        "r-cran-quantmod", "r-cran-rsdmx", "r-cran-wdi", "r-cran-taxize",
    ]),
    "deb-mail": ("deb", [
        "postfix", "exim4-config", "exim4-base", "exim4-daemon-heavy", "bind9", "pdns-server", "pdns-recursor",
        "pdns-backend-mysql", "pdns-backend-pgsql", "pdns-tools", "rspamd", "spamassassin", "amavisd-new",
        "opendmarc", "postfix-policyd-spf-python", "sogo", "opensmtpd", "courier-imap", "cyrus-imapd", "cyrus-doc",
        "sympa", "mailman3", "dnsdist", "knot-resolver",
    ]),
    "npm-cli": ("npm", [
        "@clerk/clerk-sdk-node", "@clerk/express", "@okta/oidc-middleware", "@okta/okta-signin-widget", "auth0-js",
        "passport-saml", "@azure/static-web-apps-cli", "surge", "@expo/cli", "@heroku-cli/command", "@salesforce/cli",
        "@1password/connect", "@dotenvx/dotenvx", "dotenv-vault", "amazon-cognito-identity-js", "magic-sdk",
        "@magic-sdk/admin", "@privy-io/server-auth", "@stytch/vanilla-js", "@aws-amplify/cli", "@fastify/secure-session",
        "@hapi/iron", "@node-oauth/oauth2-server", "oauth2-server", "@panva/hkdf", "jwt-decode", "@vercel/client",
        "@cloudflare/kv-asset-handler", "miniflare", "@netlify/blobs", "@aws-cdk/toolkit-lib",
        "@serverless/dashboard-plugin", "azure-functions-core-tools", "@expo/config", "localtunnel", "ngrok",
        "@ngrok/ngrok", "@sentry/wizard", "@bitwarden/cli", "@aws-sdk/credential-provider-sso",
        "@aws-sdk/credential-provider-ini", "npm-registry-fetch", "@npmcli/config", "pnpm", "@yarnpkg/cli",
        "verdaccio", "@octokit/auth-oauth-device", "netrc-parser", "netrc", "heroku-cli-util",
    ]),
    # eleventh round (2026-12-05, realfp9): development are Debian's container and Kubernetes
    # tooling (Podman, Skopeo, Buildah, crun, netavark, Compose, the registry, kubectx, Go
    # libraries of containers/storage, ocicrypt, runc, the OCI specs, CNI, rootlesskit, umoci,
    # kube-openapi, klog, cilium's eBPF) and npm web frameworks and their auth and session
    # middleware (Koa, hapi, Fastify, Restify, Sails, Feathers, LoopBack, AdonisJS, Hono, Elysia,
    # Nitro, Remix, SvelteKit, Nuxt, Astro, RedwoodJS, tRPC, Apollo Server, Nest's passport and
    # JWT, Egg, Midway); held out are Debian's database servers, tools and test suites (MariaDB
    # and its mysql-test, PostgreSQL 15, pgbouncer, pgpool, pgBackRest, Barman, Patroni, pgloader,
    # Percona Toolkit, Redis, InfluxDB, the pgcli family), Debian's Tcl, Scheme and Lua libraries
    # (Tcllib, TLS, Expect, Fossil, Guile's GnuTLS, SSH and Git bindings, CHICKEN, Chez, Gambit,
    # MIT Scheme, Racket, Penlight) and npm Node-RED, its nodes and home-automation servers
    "deb-containers": ("deb", [
        "podman", "skopeo", "buildah", "crun", "conmon", "netavark", "containernetworking-plugins",
        "podman-compose", "docker-compose", "docker-registry", "kubectx", "kubetail", "kubecolor",
        "kubernetes-split-yaml", "open-infrastructure-container-tools", "cockpit-podman",
        "golang-github-containers-storage-dev", "golang-github-containers-ocicrypt-dev",
        "golang-github-containers-psgo-dev", "golang-github-containers-conmon-dev",
        "golang-github-containerd-stargz-snapshotter-dev", "golang-github-containerd-go-cni-dev",
        "golang-github-containerd-cgroups-dev", "golang-github-containerd-go-runc-dev",
        "golang-github-containerd-ttrpc-dev", "golang-github-appc-cni-dev",
        "golang-github-containernetworking-plugins-dev", "golang-github-opencontainers-runc-dev",
        "golang-github-opencontainers-image-spec-dev", "golang-github-opencontainers-runtime-tools-dev",
        "golang-github-opencontainers-selinux-dev", "golang-github-fsouza-go-dockerclient-dev",
        "golang-github-samalba-dockerclient-dev", "golang-github-docker-go-connections-dev",
        "golang-github-docker-libkv-dev", "golang-github-docker-go-events-dev",
        "golang-github-apptainer-container-key-client-dev", "golang-github-apptainer-container-library-client-dev",
        "golang-github-kata-containers-govmm-dev", "golang-github-opensuse-umoci-dev",
        "golang-github-rootless-containers-rootlesskit-dev", "golang-github-openshift-imagebuilder-dev",
        "golang-github-sercand-kuberesolver-dev", "golang-k8s-kube-openapi-dev", "golang-k8s-utils-dev",
        "golang-k8s-klog-dev", "golang-k8s-system-validators-dev", "golang-github-kubernetes-gengo-dev",
        "golang-github-cilium-ebpf-dev", "golang-docker-credential-helpers", "python3-k8sclient",
        "python3-dockerpycreds", "rsyslog-kubernetes",
    ]),
    "npm-web": ("npm", [
        "koa", "@koa/router", "koa-session", "koa-passport", "@hapi/hapi", "@hapi/cookie", "@hapi/jwt", "fastify",
        "@fastify/session", "@fastify/cookie", "@fastify/passport", "@fastify/auth", "restify", "sails",
        "sails-hook-orm", "@feathersjs/feathers", "@feathersjs/authentication", "@feathersjs/authentication-oauth",
        "@feathersjs/authentication-local", "@loopback/core", "@loopback/rest", "@loopback/authentication",
        "@loopback/authentication-jwt", "@adonisjs/core", "@adonisjs/auth", "@adonisjs/ally", "hono", "elysia",
        "h3", "nitropack", "@remix-run/node", "@remix-run/server-runtime", "@sveltejs/kit", "nuxt", "astro",
        "@redwoodjs/api", "@redwoodjs/auth-dbauth-api", "@trpc/server", "@apollo/server", "graphql-yoga",
        "@nestjs/passport", "@nestjs/jwt", "@nestjs/config", "express-rate-limit", "connect-redis", "connect-mongo",
        "cookie-session", "csurf", "lusca", "http-proxy", "http-proxy-middleware", "express-gateway",
        "@fastify/cors", "@fastify/swagger", "swagger-ui-express", "@strapi/admin", "meteor-node-stubs",
        "@marblejs/core", "@tsed/common", "@midwayjs/core", "egg", "egg-passport", "@hapi/basic", "@hapi/boom",
        "express-validator",
    ]),
    "deb-db": ("deb", [
        "mariadb-test", "mariadb-server", "mariadb-client", "mariadb-plugin-connect", "postgresql-15",
        "postgresql-plpython3-15", "postgresql-15-pgaudit", "pgbouncer", "pgpool2", "pgbackrest", "barman",
        "patroni", "pgloader", "pgagent", "pgqd", "pgcli", "mycli", "litecli", "pg-activity", "pgtop", "sqitch",
        "percona-toolkit", "mydumper", "mysql-sandbox", "redis-tools", "redis-server", "redis-sentinel",
        "sqlitebrowser", "influxdb", "python3-psycopg", "python3-asyncpg", "python3-pymysql", "postgresql-filedump",
    ]),
    "deb-scripting": ("deb", [
        "tcllib", "tcl-tls", "tcl-tclreadline", "tcl-thread", "tcl-trf", "tcl8.6-doc", "tk8.6-doc", "tclcurl",
        "tcl-memchan", "tcl-vfs", "tcl-expect", "expect", "tcl-udp", "tdom", "tcl-sugar", "itcl3", "fossil",
        "guile-gnutls", "guile-ssh", "guile-json", "guile-gcrypt", "guile-git", "guile-zlib", "guile-sqlite3",
        "guile-3.0-doc", "chicken-bin", "chezscheme", "gambc", "mit-scheme", "racket", "lua-json", "lua-dkjson",
        "lua-luv", "lua-penlight", "lua-cjson", "lua-lpeg", "lua-posix", "lua-sql-postgres", "lua-sql-mysql",
        "lua-term", "lua-md5", "lua-zip", "lua-nginx-cookie", "lua-nginx-kafka", "lua-resty-lrucache",
    ]),
    "npm-nodered": ("npm", [
        "node-red", "@node-red/nodes", "@node-red/runtime", "@node-red/editor-api", "@node-red/util",
        "node-red-dashboard", "@flowfuse/node-red-dashboard", "node-red-contrib-influxdb",
        "node-red-contrib-telegrambot", "node-red-contrib-home-assistant-websocket", "node-red-node-email",
        "node-red-node-mysql", "node-red-contrib-postgresql", "node-red-node-twitter", "node-red-contrib-aws",
        "node-red-node-sqlite", "node-red-contrib-modbus", "node-red-contrib-mqtt-broker",
        "node-red-contrib-discord-advanced", "node-red-contrib-slack", "node-red-contrib-google-sheets",
        "node-red-contrib-openai-ora", "node-red-contrib-s7", "node-red-contrib-opcua",
        "node-red-contrib-cron-plus", "node-red-node-serialport", "node-red-contrib-loxone",
        "node-red-contrib-alexa-remote2", "node-red-contrib-shelly", "node-red-contrib-tuya-smart-device",
        "homebridge", "homebridge-config-ui-x", "zigbee2mqtt", "zigbee-herdsman", "@homebridge/hap-nodejs",
        "matter.js", "node-red-contrib-mssql-plus", "node-red-contrib-ftp", "node-red-contrib-ssh-v3",
        "node-red-contrib-azure-iot-hub", "node-red-contrib-google-smarthome", "node-red-contrib-ui-led",
        "uptime-kuma", "n8n-core",
    ]),
    # twelfth round (2026-12-05, realfp10): development are Debian's backup and file-sync tools
    # (restic, rclone, Bacula, Amanda, BackupPC, Burp, borgmatic, backupninja, s3cmd, s3fs, bup,
    # duply, Unison, davfs2) and npm documentation-site generators and release and publishing
    # tools (Hexo, Docusaurus, VuePress, VitePress, Eleventy, Gatsby, vsce, ovsx, TypeDoc,
    # Storybook, Redoc, electron-builder and Forge's publishers); held out are Debian's IRC, XMPP
    # and voice chat servers, clients and bridges (irssi, WeeChat, ZNC, BitlBee, HexChat, Pidgin,
    # Prosody, ngIRCd, InspIRCd, Ergo, Mumble, coturn, Limnoria), Debian's FTP, SMB and NFS
    # servers, sync clients and wikis (vsftpd, ProFTPD, Pure-FTPd, FileZilla, Samba, Nextcloud's
    # and ownCloud's clients, MediaWiki, ikiwiki) and npm scraping, browser-cloud and social and
    # advertising API clients
    "deb-backup": ("deb", [
        "restic", "rclone", "bacula-common", "bacula-director", "bacula-sd", "bacula-fd", "bacula-console",
        "bacula-doc", "backuppc", "burp", "rdiff-backup", "s3fs", "s3cmd", "borgmatic", "backupninja",
        "amanda-common", "amanda-server", "amanda-client", "bup", "duply", "unison", "lsyncd", "csync2", "davfs2",
        "zbackup", "dar", "automysqlbackup", "autopostgresqlbackup", "cadaver", "rsnapshot", "deja-dup",
        "storebackup",
    ]),
    "npm-publish": ("npm", [
        "hexo", "hexo-cli", "hexo-deployer-git", "@docusaurus/core", "@docusaurus/preset-classic",
        "@docusaurus/plugin-content-docs", "vuepress", "@vuepress/core", "vitepress", "@11ty/eleventy", "gatsby",
        "gatsby-cli", "@vscode/vsce", "ovsx", "docsify", "docsify-cli", "typedoc", "jsdoc", "storybook",
        "@storybook/core", "redoc", "@redocly/cli", "swagger-jsdoc", "metalsmith", "@mdx-js/mdx", "nextra",
        "@astrojs/starlight", "@vscode/test-electron", "electron-builder", "app-builder-lib", "electron-updater",
        "@electron-forge/cli", "@electron-forge/publisher-github", "@electron-forge/publisher-s3",
        "@electron/notarize", "@electron/osx-sign", "electron-publish",
    ]),
    "deb-chat": ("deb", [
        "irssi", "irssi-scripts", "weechat-core", "weechat-plugins", "weechat-python", "weechat-perl", "znc",
        "bitlbee-common", "bitlbee", "hexchat", "hexchat-common", "profanity", "pidgin", "finch", "libpurple0",
        "prosody", "prosody-modules", "ngircd", "inspircd", "ircd-hybrid", "mumble-server", "coturn", "quassel-core",
        "limnoria", "biboumi", "ergo",
    ]),
    "deb-fileweb": ("deb", [
        "vsftpd", "proftpd-core", "proftpd-basic", "proftpd-doc", "pure-ftpd", "pure-ftpd-common", "filezilla",
        "filezilla-common", "samba", "samba-common", "samba-common-bin", "smbclient", "nfs-kernel-server",
        "mediawiki", "ikiwiki", "seafile-daemon", "nextcloud-desktop", "owncloud-client", "minidlna", "webfs",
    ]),
    "npm-social": ("npm", [
        "google-ads-api", "facebook-nodejs-business-sdk", "snoowrap", "crawlee", "apify-client", "apify",
        "puppeteer-extra", "puppeteer-extra-plugin-stealth", "instagram-private-api", "browserstack-local",
        "saucelabs", "@applitools/eyes-selenium", "got-scraping", "proxy-chain", "spotify-web-api-node",
        "youtubei.js", "klaviyo-api", "linkedin-api-client", "megalodon",
        "steam-user", "node-vk-bot-api", "wdio-browserstack-service", "@lambdatest/node-tunnel",
        "scrapingbee", "serpapi", "@crawlee/core", "playwright-extra",
    ]),
}


def debian_packages(names):
    """`@meta:prefix` stands for the packages named `prefix…` that a metapackage depends on
    (php-symfony's components, the gems of Rails)."""
    out = []
    for n in names:
        if not n.startswith("@"):
            out.append(n)
            continue
        meta, prefix = n[1:].split(":")
        deps = subprocess.run(["apt-cache", "depends", meta], capture_output=True, text=True, check=True).stdout
        out += sorted({line.split()[1] for line in deps.splitlines()
                       if line.strip().startswith("Depends:") and line.split()[1].startswith(prefix)})
    return out


def fetch(name, kind, names, root):
    dest = os.path.join(root, name)
    tree = os.path.join(dest, "x")
    if os.path.isdir(tree):
        return tree
    os.makedirs(dest, exist_ok=True)
    if kind == "deb":
        subprocess.run(["apt-get", "download", *debian_packages(names)], cwd=dest, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.makedirs(tree)
        for deb in sorted(glob.glob(os.path.join(dest, "*.deb"))):
            subprocess.run(["dpkg-deb", "-x", deb, tree], check=True)
    else:
        for pkg in names:  # one at a time: a package the registry lacks is skipped, not fatal
            subprocess.run(["npm", "pack", "--silent", pkg], cwd=dest, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, timeout=120)
        os.makedirs(tree)
        for tgz in sorted(glob.glob(os.path.join(dest, "*.tgz"))):
            sub = os.path.join(tree, os.path.basename(tgz)[:-4])
            os.makedirs(sub)
            subprocess.run(["tar", "xzf", tgz, "-C", sub], check=True)
    return tree


def scan(binary, tree, jobs=2):
    p = subprocess.run([binary, "dir", "-q", f"-j{jobs}", "-f", "json", "--exit-code", "0", tree],
                       capture_output=True, text=True, errors="replace")
    if p.returncode != 0:
        sys.exit(f"real_repos: {binary} failed ({p.returncode}): {p.stderr.strip()[:500]}")
    return [f for f in json.loads(p.stdout) if "rule_id" in f]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dir", default="/tmp/nhiscan-real")
    ap.add_argument("--bin", action="append", help="nhiscan binary (repeatable; default build/nhiscan)")
    ap.add_argument("--fetch-only", action="store_true")
    ap.add_argument("-j", "--jobs", type=int, default=2, help="scan threads (default 2)")
    ap.add_argument("--only", help="comma-separated corpus names (default: every corpus)")
    args = ap.parse_args()
    bins = args.bin or [os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "build", "nhiscan")]
    totals = collections.Counter()
    only = set(args.only.split(",")) if args.only else None
    if only and only - set(CORPORA):
        sys.exit(f"real_repos: unknown corpus {sorted(only - set(CORPORA))}; known: {sorted(CORPORA)}")
    for name, (kind, names) in CORPORA.items():
        if only and name not in only:
            continue
        tree = fetch(name, kind, names, args.dir)
        size = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(tree) for f in fs
                   if not os.path.islink(os.path.join(d, f)))
        print(f"{name}: {size / 1e6:.1f} MB")
        if args.fetch_only:
            continue
        for b in bins:
            found = scan(b, tree, args.jobs)
            conf = collections.Counter(f["confidence"] for f in found)
            totals[b] += len(found)
            print(f"  {b}: {len(found)} findings (high {conf['high']}, medium {conf['medium']}, low {conf['low']})")
    for b in bins:
        if not args.fetch_only:
            print(f"total {b}: {totals[b]}")


if __name__ == "__main__":
    main()
