"""End-to-end: credential files by convention (.netrc, .pgpass, .git-credentials, .s3cfg,
kubeconfig, wp-config.php, MCP configs ...), connection strings and URL credentials, and
password hashes. Every fixture is written at run time with secrets from a seeded RNG (nothing
secret-looking is committed); `nhiscan dir -f json --no-redact` must report exactly the
expected rule, line, value and companion per file, and the decoys nothing.
"""
import base64
import random
import unittest

from support import NhiscanTest

_rng = random.Random(1402)
ALNUM = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789"
CRYPT = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
HEX = "0123456789abcdef"
B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def rand(n, alphabet=ALNUM):
    return "".join(_rng.choice(alphabet) for _ in range(n))


def pw(n=16):
    """A random password: letters and digits around a '-' so it has three classes."""
    return rand(n // 2) + "-" + rand(n - n // 2 - 1)


def tok(n=40):
    return rand(n)


def b64(s):
    return base64.b64encode(s.encode()).decode()


class CredentialFiles(NhiscanTest):
    """One directory with one fixture per credential-file type, scanned once."""

    def build(self):
        F = {}  # path -> (content, [(rule, line, secret, companion or None), ...])

        p1, p2 = pw(), pw()
        F[".netrc"] = (f"machine api.corp0.internal\n  login deploy\n  password {p1}\n\n"
                       f"machine git.corp0.internal login bot password {p2}\n",
                       [("netrc-password", 3, p1, "deploy@api.corp0.internal"), ("netrc-password", 5, p2, "bot@git.corp0.internal")])

        p1, p2 = pw(), pw()
        F["home/.pgpass"] = (f"# replicas\ndb.corp0.internal:5432:app:app_rw:{p1}\n*:*:*:etl:{p2}\n",
                             [("pgpass-password", 2, p1, "app_rw@db.corp0.internal"),
                              ("pgpass-password", 3, p2, "etl@*")])

        t1 = tok(36)
        F[".git-credentials"] = (f"https://ci-bot:{t1}@git.corp0.internal\n",
                                 [("git-credentials-file", 1, t1, "ci-bot@git.corp0.internal")])

        salt, h = rand(8, CRYPT), rand(22, CRYPT)
        bsalt = rand(53, CRYPT)
        F["site/.htpasswd"] = (f"admin:$apr1${salt}${h}\nops:$2y$10${bsalt}\n",
                               [("password-hash-shadow-line", 1, f"$apr1${salt}${h}", None),
                                ("password-hash-shadow-line", 2, f"$2y$10${bsalt}", None)])

        s6 = f"$6${rand(16, CRYPT)}${rand(86, CRYPT)}"
        F["etc/shadow"] = (f"root:{s6}:19700:0:99999:7:::\ndaemon:*:19700:0:99999:7:::\nnobody:!:19700::::::\n",
                           [("password-hash-shadow-line", 1, s6, None)])

        # an AWS key pair: the AWS pair rule reports it (it ranks before s3cfg-secret-key), with
        # its key id as companion (what live validation signs with)
        ak, sk = "AK" + "IA" + rand(16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"), rand(40, B64)
        F["home/.s3cfg"] = (f"[default]\naccess_key = {ak}\nbucket_location = US\nhost_base = s3.corp0.internal\n"
                            f"secret_key = {sk}\nuse_https = True\n",
                            [("aws-access-key-id", 2, ak, None), ("aws-access-key-pair", 5, sk, ak)])
        sk2 = rand(40, B64)
        F["minio/.s3cfg"] = (f"[default]\naccess_key = ci-backup\nhost_base = minio.corp0.internal:9000\nsecret_key = {sk2}\n",
                             [("s3cfg-secret-key", 4, sk2, "ci-backup")])

        hk = f"{rand(8, HEX)}-{rand(4, HEX)}-{rand(4, HEX)}-{rand(4, HEX)}-{rand(12, HEX)}"
        F["deploy/heroku.json"] = (f'{{\n  "email": "ops@corp0.internal",\n  "api_key": "{hk}"\n}}\n',
                                   [("heroku-json-api-key", 3, hk, "ops@corp0.internal")])

        p1, p2 = pw(), pw()
        F["ftp/sitemanager.xml"] = (
            "<FileZilla3>\n <Servers>\n  <Server>\n   <Host>ftp.corp0.internal</Host>\n   <Port>21</Port>\n"
            f"   <User>web</User>\n   <Pass encoding=\"base64\">{b64(p1)}</Pass>\n  </Server>\n </Servers>\n</FileZilla3>\n",
            [("filezilla-password", 7, p1, "web@ftp.corp0.internal")])
        F["ftp/recentservers.xml"] = (
            f"<RecentServers>\n <Server><Host>ftp2.corp0.internal</Host><User>upl</User><Pass>{p2}</Pass></Server>\n</RecentServers>\n",
            [("filezilla-password", 2, p2, "upl@ftp2.corp0.internal")])

        p1 = pw()
        F["ws/.dbeaver/data-sources.json"] = (
            '{\n "connections": {\n  "postgres-1": {\n   "configuration": {\n    "host": "pg.corp0.internal",\n'
            f'    "user": "analyst",\n    "password": "{p1}"\n   }}\n  }}\n }}\n}}\n',
            [("dbeaver-data-source-password", 7, p1, "analyst@pg.corp0.internal")])

        p1 = pw()
        F["home/.3T/robo-3t/1.4.4/robo3t.json"] = (
            '{\n "connections": [{\n  "credentials": [{\n   "databaseName": "admin",\n   "userName": "ops",\n'
            f'   "userPassword": "{p1}"\n  }}]\n }}]\n}}\n',
            [("robomongo-password", 6, p1, "ops")])

        p1, p2, p3 = pw(), pw(), pw()
        F["site/sftp-config.json"] = (
            '{\n    "type": "sftp",\n    "host": "web.corp0.internal",\n    "user": "deploy",\n'
            f'    "password": "{p1}",\n    "remote_path": "/var/www/"\n}}\n',
            [("sftp-config-password", 5, p1, "deploy@web.corp0.internal")])
        F["site/.ftpconfig"] = (f'{{\n  "protocol": "ftp",\n  "user": "web",\n  "pass": "{p2}"\n}}\n',
                                [("sftp-config-password", 4, p2, "web")])
        F["site/.remote-sync.json"] = (f'{{\n  "transport": "scp",\n  "username": "sync",\n  "password": "{p3}"\n}}\n',
                                       [("sftp-config-password", 4, p3, "sync")])

        p1 = pw()
        F["proj/.idea/WebServers.xml"] = (
            '<application>\n  <component name="WebServers">\n    <webServer id="1" name="stage">\n'
            f'      <fileTransfer host="stage.corp0.internal" port="22" accessType="SFTP" login="deploy" password="{p1}" />\n'
            '    </webServer>\n  </component>\n</application>\n',
            [("jetbrains-webservers-password", 4, p1, "deploy@stage.corp0.internal")])

        p1 = pw()
        salt = rand(30) + "!@#" + rand(30)
        F["wp/wp-config.php"] = (
            f"<?php\ndefine( 'DB_NAME', 'wp' );\ndefine( 'DB_USER', 'wp_app' );\ndefine( 'DB_PASSWORD', '{p1}' );\n"
            f"define( 'DB_HOST', 'localhost' );\ndefine( 'AUTH_KEY',         '{salt}' );\n",
            [("wordpress-db-password", 4, p1, "wp_app"), ("wordpress-auth-key-salt", 6, salt, None)])

        mk = rand(32, HEX)
        F["app/config/master.key"] = (mk, [("rails-master-key", 1, mk, None)])
        skb = rand(128, HEX)
        F["app/config/secrets.yml"] = (f"production:\n  secret_key_base: {skb}\n",
                                       [("rails-secret-key-base", 2, skb, None)])
        p1 = pw()
        F["app/config/mongoid.yml"] = (
            "production:\n  clients:\n    default:\n      database: app\n      options:\n"
            f"        user: app_rw\n        password: {p1}\n",
            [("mongoid-password", 7, p1, "app_rw")])

        p1 = pw()
        hb = f"$2b$12${rand(53, CRYPT)}"
        F["db/seed.sql"] = (
            "-- seed\n"
            f"INSERT INTO users (id, email, password) VALUES (1, 'ops@corp0.internal', '{p1}');\n"
            f"INSERT INTO users (id, email, password) VALUES (2, 'dev@corp0.internal', '{hb}');\n",
            [("sql-dump-user-password-col3", 2, p1, None), ("password-hash-bcrypt", 3, hb, None)])

        kt = tok(48)
        ckd = b64("-----BEGIN RSA PRIVATE KEY-----\n" + rand(120, B64) + "\n")
        F["home/.kube/config"] = (
            "apiVersion: v1\nkind: Config\nusers:\n- name: ci\n  user:\n"
            f"    token: {kt}\n- name: admin\n  user:\n    client-key-data: {ckd}\n",
            [("kubeconfig-user-token", 6, kt, "ci"), ("kubeconfig-client-key-data", 9, ckd, None)])

        p1 = pw()
        F["home/.pypirc"] = (f"[distutils]\nindex-servers = internal\n\n[internal]\nrepository = https://pypi.corp0.internal/simple\n"
                             f"username = uploader\npassword = {p1}\n",
                             [("pypirc-password", 7, p1, "uploader")])

        da = b64("ci-bot:" + pw())
        F["home/.docker/config.json"] = (f'{{\n  "auths": {{\n    "registry.corp0.internal": {{\n      "auth": "{da}"\n    }}\n  }}\n}}\n',
                                         [("docker-config-auth", 4, da, None)])

        nt = tok(40)
        F["web/.npmrc"] = (f"registry=https://npm.corp0.internal/\n//npm.corp0.internal/:_authToken={nt}\n",
                           [("npmrc-auth-token", 2, nt, None)])

        gt = tok(32)
        F["home/.gem/credentials"] = (f"---\n:https://gems.corp0.internal: {gt}\n",
                                      [("gem-credentials-api-key", 2, gt, None)])

        p1 = pw()
        F["home/.m2/settings.xml"] = (
            "<settings>\n  <servers>\n    <server>\n      <id>nexus</id>\n      <username>deployer</username>\n"
            f"      <password>{p1}</password>\n    </server>\n  </servers>\n</settings>\n",
            [("maven-settings-server-password", 6, p1, "deployer")])

        kid = "AK" + "IA" + rand(16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
        asec = rand(40, B64)
        F["home/.aws/credentials"] = (f"[default]\naws_access_key_id = {kid}\naws_secret_access_key = {asec}\n",
                                      [("aws-access-key-id", 2, kid, None), ("aws-credentials-file-secret", 3, asec, kid)])

        rt, cs = "1//0" + tok(60), rand(24)
        cid = "0000" + rand(8, "0123456789") + "-" + rand(32, "abcdefghijklmnopqrstuvwxyz0123456789") + ".apps.googleusercontent.com"
        F["home/.config/gcloud/application_default_credentials.json"] = (
            f'{{\n  "client_id": "{cid}",\n  "client_secret": "{cs}",\n  "refresh_token": "{rt}",\n  "type": "authorized_user"\n}}\n',
            [("gcp-oauth-client-secret-json", 3, cs, None), ("gcloud-adc-refresh-token", 4, rt, cid)])
        rt2 = "1//0" + tok(60)
        F["home/.config/gcloud/legacy_credentials/ops@corp0.internal/adc.json"] = (
            f'{{"client_id": "{cid}", "refresh_token": "{rt2}", "type": "authorized_user"}}\n',
            [("gcloud-adc-refresh-token", 1, rt2, cid)])

        at, mt = "0." + tok(80), "1." + tok(80)
        F["home/.azure/accessTokens.json"] = (
            f'[\n  {{\n    "tokenType": "Bearer",\n    "refreshToken": "{at}",\n    "userId": "ops@corp0.internal"\n  }}\n]\n',
            [("azure-cli-access-tokens", 4, at, "ops@corp0.internal")])
        F["home/.azure/msal_token_cache.json"] = (
            '{\n  "RefreshToken": {\n    "k": {\n      "credential_type": "RefreshToken",\n'
            f'      "secret": "{mt}"\n    }}\n  }}\n}}\n',
            [("azure-cli-msal-token-cache", 5, mt, None)])

        p1 = pw()
        F["infra/terraform.tfstate"] = (
            '{\n  "version": 4,\n  "resources": [\n    {\n      "type": "aws_db_instance",\n      "instances": [\n        {\n'
            f'          "attributes": {{\n            "username": "app",\n            "password": "{p1}"\n          }},\n'
            '          "sensitive_attributes": [[{"type": "get_attr", "value": "password"}]]\n        }\n      ]\n    }\n  ]\n}\n',
            [("terraform-state-secret-attribute", 10, p1, None)])

        p1, p2 = pw(), pw()
        F["ansible/inventory.ini"] = (f"[web]\nweb1 ansible_host=10.0.0.5 ansible_user=deploy ansible_password={p1}\n",
                                      [("ansible-password", 2, p1, "deploy@10.0.0.5")])
        F["ansible/group_vars/all.yml"] = (f"ansible_user: admin\nansible_become_pass: \"{p2}\"\n",
                                           [("ansible-password", 2, p2, "admin")])

        enc = "{AQAAABAAAAAQ" + rand(60, B64) + "=}"
        p1 = pw()
        F["jenkins/credentials.xml"] = (
            "<list>\n  <com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl>\n    <id>deploy</id>\n"
            f"    <username>deploy</username>\n    <password>{enc}</password>\n"
            "  </com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl>\n"
            "  <org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl>\n    <id>api</id>\n"
            f"    <secret>{p1}</secret>\n  </org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl>\n</list>\n",
            [("jenkins-encrypted-secret", 5, enc, "deploy"), ("jenkins-credentials-plaintext", 9, p1, None)])

        p1, p2, p3 = pw(), tok(24), pw()
        F["svc/.env"] = (f"NODE_ENV=production\nDB_PASSWORD={p1}\nAPI_BASE=https://api.corp0.internal\n",
                         [("generic-dotenv-secret", 2, p1, None)])
        F["svc/.env.production"] = (f'export SESSION_SECRET="{p2}"\n', [("generic-dotenv-secret", 1, p2, None)])
        F["svc/worker.env"] = (f"SMTP_PASS={p3}  # rotated\n", [("generic-dotenv-secret", 1, p3, None)])

        m1, m2, m3, m4, m5 = tok(40), tok(32), pw(), tok(36), tok(40)
        F["proj/.cursor/mcp.json"] = (
            '{\n  "mcpServers": {\n    "github": {\n      "command": "npx",\n      "args": ["-y", "@modelcontextprotocol/server-github"],\n'
            f'      "env": {{\n        "GITHUB_PERSONAL_ACCESS_TOKEN": "{m1}"\n      }}\n    }},\n'
            f'    "linear": {{\n      "url": "https://mcp.corp0.internal/sse",\n      "headers": {{\n        "Authorization": "Bearer {m2}"\n      }}\n    }}\n  }}\n}}\n',
            [("generic-mcp-config-secret", 7, m1, None), ("generic-mcp-config-secret", 13, m2, None)])
        F["home/Library/Application Support/Claude/claude_desktop_config.json"] = (
            f'{{"mcpServers": {{"pg": {{"command": "uvx", "args": ["mcp-server-postgres"], "env": {{"PGPASSWORD": "{m3}"}}}}}}}}\n',
            [("generic-mcp-config-secret", 1, m3, None)])
        F["home/.continue/config.yaml"] = (
            f"mcpServers:\n  - name: jira\n    command: npx\n    env:\n      JIRA_API_TOKEN: {m4}\n",
            [("generic-mcp-config-secret-yaml", 5, m4, None)])
        F["home/.codeium/windsurf/mcp_config.json"] = (
            f'{{\n  "mcpServers": {{\n    "notion": {{\n      "env": {{\n        "NOTION_API_KEY": "{m5}"\n      }}\n    }}\n  }}\n}}\n',
            [("generic-mcp-config-secret", 5, m5, None)])

        # URLs and connection strings: one per line, each with its own password.
        u = [pw() for _ in range(12)]
        u8 = u[8]
        lines = [
            ("generic-url-credentials", f"NATS_URL=nats://svc:{u[0]}@nats.corp0.internal:4222", "svc@nats.corp0.internal"),
            ("redis-connection-uri", f"CACHE=redis+sentinel://cache:{u[1]}@sentinel.corp0.internal:26379/m",
             "cache@sentinel.corp0.internal"),
            ("url-credentials", f"REMOTE=ssh://git:{u[2]}@git.corp0.internal:2222/app.git", "git@git.corp0.internal"),
            ("url-credentials", f"MAIL=smtps://mailer:{u[3]}@smtp.corp0.internal:465", "mailer@smtp.corp0.internal"),
            ("url-credentials", f"BROKER=mqtt://sensor:{u[4]}@mqtt.corp0.internal:1883", "sensor@mqtt.corp0.internal"),
            ("url-credentials", f"LDAP=ldaps://binder:{u[5]}@ldap.corp0.internal", "binder@ldap.corp0.internal"),
            ("url-credentials", f"FILES=ftp://up:{u[6]}@files.corp0.internal/in", "up@files.corp0.internal"),
            ("jdbc-url-userinfo", f"JDBC=jdbc:mysql://shop:{u[7]}@mysql.corp0.internal:3306/shop", "shop@mysql.corp0.internal"),
            ("jdbc-url-password-param", f"JDBC2=jdbc:postgresql://pg.corp0.internal/app?user=svc&password={u8}", "svc@pg.corp0.internal"),
            ("generic-url-credentials-reserved-host", f"DOCS=https://demo:{u[9]}@api.example.com/v1", "demo@api.example.com"),
            ("connection-string-password", f'ODBC="DSN=Warehouse;Uid=etl;Pwd={u[10]}"', "etl@Warehouse"),
            ("generic-url-credentials", f"SQLA=mssql+pyodbc://etl:{u[11]}@sql.corp0.internal/dw", "etl@sql.corp0.internal"),
        ]
        secrets = u
        F["conf/connections.properties"] = (
            "\n".join(l for _, l, _ in lines) + "\n",
            [(rule, i + 1, secrets[i], comp) for i, (rule, _, comp) in enumerate(lines)])

        p1 = pw()
        F["svc/appsettings.json"] = (
            '{\n  "ConnectionStrings": {\n'
            f'    "Main": "Server=sql.corp0.internal;Database=app;User Id=app_svc;Password={p1};TrustServerCertificate=True"\n'
            '  }\n}\n',
            [("connection-string-password", 3, p1, "app_svc@sql.corp0.internal")])

        # Provider rules keep their DSNs (the generic URL rule yields to them), with user@host.
        pg = pw()
        F["conf/db.yml"] = (f"database:\n  url: postgres://app:{pg}@pg.corp0.internal:5432/app\n",
                            [("postgres-connection-uri", 2, pg, "app@pg.corp0.internal")])

        c9 = f"$9${rand(14, CRYPT)}${rand(43, CRYPT)}"
        F["net/router.cfg"] = (f"hostname edge1\n!\nusername netops privilege 15 secret 9 {c9}\n",
                               [("password-hash-cisco-config", 3, c9, None)])
        kr = f"$krb5asrep$23$svc@CORP0.INTERNAL:{rand(32, HEX)}${rand(200, HEX)}"
        F["loot/asrep.txt"] = (kr + "\n", [("password-hash-kerberos-asrep", 1, kr, None)])
        bh = f"$2a$10${rand(53, CRYPT)}"
        F["app/seed.py"] = (f'ADMIN_HASH = "{bh}"\n', [("password-hash-bcrypt", 1, bh, None)])
        return F

    def decoys(self):
        real = pw(7)
        return {
            "d1/.netrc": "machine api.corp0.internal login deploy password $API_TOKEN\n",
            "d2/.pgpass": "db.corp0.internal:5432:app:app:${PGPASSWORD}\nlocalhost:5432:*:postgres:password\n",
            # 7 characters: too short for the generic password rules, so only the path allowlist of
            # dotenv-secret keeps this template quiet
            "d3/.env.example": f"DB_PASSWORD={real}\nAPI_TOKEN=your_api_token_here\n",
            "d4/.env": "DB_PASSWORD=${DB_PASSWORD}\nSECRET_KEY=changeme\nAUTH_ENABLED=true\nTOKEN_URL=https://auth.corp0.internal/token\n",
            "d5/.vscode/mcp.json": '{"servers": {"github": {"type": "http", "url": "https://api.githubcopilot.com/mcp/",'
                                   ' "headers": {"Authorization": "Bearer ${input:github_token}"}}},'
                                   ' "env": {"GITHUB_PERSONAL_ACCESS_TOKEN": "<YOUR_TOKEN>", "LOG_LEVEL": "debug"}}\n',
            "d6/conf.yml": "url: postgres://user:${DB_PASSWORD}@db.corp0.internal/app\n"
                           "ado: Server=db;User Id=sa;Password=<password>;\n"
                           "odbc: DSN=dw;Uid=etl;Pwd=;\n"
                           "mq: amqp://guest:guest@rabbit.corp0.internal:5672/\n"
                           "doc: https://user:password@example.com/\n",
            "d7/wp-config-sample.php": "define( 'DB_PASSWORD', 'password_here' );\ndefine( 'AUTH_KEY',         'put your unique phrase here' );\n",
            "d8/sitemanager.xml": '<Server><User>web</User><Pass encoding="base64"></Pass></Server>\n',
            "d9/etc/shadow": "root:*:19700:0:99999:7:::\nbin:!:19700::::::\n",
            "d10/inventory.ini": "web1 ansible_password='{{ vault_web_password }}'\n",
            "d11/terraform.tfstate": '{"attributes": {"password": "", "secret": "arn:aws:secretsmanager:us-east-1:000000000000:secret:db"}}\n',
            "d12/.git-credentials": "https://x-access-token:${GITHUB_TOKEN}@git.corp0.internal\n",
            "d13/.kube/config": "users:\n- name: oidc\n  user:\n    exec:\n      command: kubelogin\n",
        }

    def test_each_credential_file_reports_rule_line_value_companion(self):
        fixtures = self.build()
        for path, (content, _) in fixtures.items():
            self.write(path, content)
        r = self.run_nhiscan("dir", ".", "-f", "json", "--no-redact")
        self.assertEqual(r.rc, 1, r)
        got = {}
        for f in r.json():
            got.setdefault(f["path"], []).append((f["rule_id"], f["line"], f["secret"], f.get("companion")))
        for path, (_, expected) in fixtures.items():
            with self.subTest(path=path):
                self.assertEqual(sorted(got.pop(path, []), key=lambda x: x[1]), sorted(expected, key=lambda x: x[1]))
        self.assertEqual(got, {}, "findings in files without expectations")

    def test_decoys_stay_clean(self):
        for path, content in self.decoys().items():
            self.write(path, content)
        r = self.run_nhiscan("dir", ".", "-f", "json", "--no-redact")
        self.assertEqual(r.rc, 0, r)
        self.assertEqual(r.json(), [])

    def test_password_hashes_are_low_severity_and_confidence_follows_structure(self):
        s6 = f"$6${rand(16, CRYPT)}${rand(86, CRYPT)}"
        self.write("etc/shadow", f"root:{s6}:19700:0:99999:7:::\n")
        self.write("cloud-init/user-data.yml", f"users:\n  - name: ops\n    passwd: {s6}\n")
        r = self.run_nhiscan("dir", ".", "-f", "json", "--no-redact")
        got = sorted((f["path"], f["rule_id"], f["severity"], f["confidence"]) for f in r.json())
        self.assertEqual(got, [
            ("cloud-init/user-data.yml", "password-hash-sha512crypt", "low", "low"),
            ("etc/shadow", "password-hash-shadow-line", "low", "medium"),
        ])

    def test_path_scoped_rules_need_their_file_name(self):
        """The same .pgpass / .s3cfg / master.key content under another name is not reported
        by the path-scoped rules."""
        self.write("notes/pgpass.txt", f"db.corp0.internal:5432:app:app_rw:{pw()}\n")
        self.write("notes/master.txt", rand(32, HEX))
        r = self.run_nhiscan("dir", ".", "-f", "json", "--no-redact")
        self.assertEqual([f["rule_id"] for f in r.json()], [])

    def test_git_history_applies_paths_per_place(self):
        """A blob scanned from history has no path until provenance places it: the same
        .pgpass line committed as .pgpass and as notes/pgpass.txt is reported at .pgpass only."""
        secret = pw()
        line = f"db.corp0.internal:5432:app:app_rw:{secret}\n"
        self.git("init", "-q", "-b", "main")
        self.write(".pgpass", line)
        self.write("notes/pgpass.txt", line)
        self.git("add", "-A")
        self.git("commit", "-q", "-m", "add")
        r = self.run_nhiscan("git", ".", "-f", "json", "--no-redact")
        self.assertEqual(r.rc, 1, r)
        got = [(f["rule_id"], f["path"], f["line"], f["secret"], f.get("companion")) for f in r.json()]
        self.assertEqual(got, [("pgpass-password", ".pgpass", 1, secret, "app_rw@db.corp0.internal")])

    def test_git_history_scoped_rules_run_where_some_place_matches(self):
        """Path-scoped rules run on a history blob when one of its places has a name their globs
        match (the blob first committed as notes/pgpass.txt, then also as .pgpass), and on a
        blob no tree names (staged once, then unstaged): not on the other blobs."""
        secret, staged = pw(), pw()
        line = f"db.corp0.internal:5432:app:app_rw:{secret}\n"
        self.git("init", "-q", "-b", "main")
        self.write("notes/pgpass.txt", line)
        self.write("notes/other.txt", f"db.corp0.internal:5432:app:etl:{pw()}\n")
        self.git("add", "-A")
        self.git("commit", "-q", "-m", "notes")
        self.write("conf/.pgpass", line)
        self.git("add", "-A")
        self.git("commit", "-q", "-m", "pgpass")
        self.write("conf/.pgpass", f"db.corp0.internal:5432:app:ops:{staged}\n")
        self.git("add", "-A")
        self.git("reset", "-q")
        r = self.run_nhiscan("git", ".", "-f", "json", "--no-redact", "--include-unreachable")
        self.assertEqual(r.rc, 1, r)
        got = sorted((f["rule_id"], f["path"], f["secret"]) for f in r.json())
        blob = self.git("hash-object", "conf/.pgpass").strip()
        self.assertEqual(got, [("pgpass-password", "conf/.pgpass", secret),
                               ("pgpass-password", f"git-blob:{blob}", staged)])

    def test_git_history_blob_found_by_scoped_rules_alone_is_placed(self):
        """A blob only the path-scoped rules find, listed only under a name they match (deep in
        the tree), is placed at the commit that added it: the tree pass that marks it for them
        also marks the trees that hold it."""
        secret = pw()
        self.git("init", "-q", "-b", "main")
        self.write("src/app.c", "int main(void) { return 0; }\n")
        self.git("add", "-A")
        self.git("commit", "-q", "-m", "base")
        self.write("deploy/db/conf/.pgpass", f"db.corp0.internal:5432:app:app_rw:{secret}\n")
        self.git("add", "-A")
        self.git("commit", "-q", "-m", "pgpass")
        added = self.git("rev-parse", "HEAD").strip()
        self.write("src/app.c", "int main(void) { return 1; }\n")
        self.git("commit", "-q", "-am", "later")
        r = self.run_nhiscan("git", ".", "-f", "json", "--no-redact")
        self.assertEqual(r.rc, 1, r)
        got = [(f["rule_id"], f["path"], f["line"], f["secret"], f["commit"]) for f in r.json()]
        self.assertEqual(got, [("pgpass-password", "deploy/db/conf/.pgpass", 1, secret, added)])


if __name__ == "__main__":
    unittest.main()
