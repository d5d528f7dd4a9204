// Keyword rules as data: the pattern the engine builds from words, charset and length.
#include "rules/keyword_shape.hpp"

#include <algorithm>
#include <cctype>
#include <random>

#include <catch2/catch.hpp>
#include <re2/re2.h>

#include "core/error.hpp"
#include "rules/loader.hpp"

using namespace nhiscan;

namespace {

KeywordShape shape(std::vector<std::string> words, std::string charset, int lo, int hi) {
    KeywordShape k;
    k.words = std::move(words);
    k.charset = std::move(charset);
    k.min_length = lo;
    k.max_length = hi;
    return k;
}

// The secret the built pattern captures in `text`, or "" when it does not match.
std::string captured(const KeywordShape& k, const std::string& text) {
    RE2 re(build_keyword_pattern(k));
    REQUIRE(re.ok());
    std::string v;
    return RE2::PartialMatch(text, re, &v) ? v : std::string();
}

}  // namespace

TEST_CASE("keyword shape: the value after the word, as a whole run of the charset") {
    auto k = shape({"weatherstack"}, "hex-lower", 32, 32);
    const std::string v = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
    CHECK(captured(k, "WEATHERSTACK_ACCESS_KEY=" + v) == v);
    CHECK(captured(k, "weatherstack: {key: \"" + v + "\"}") == v);
    CHECK(captured(k, "[weatherstack]\naccess_key = " + v) == v);           // section above
    CHECK(captured(k, "weatherstack:\n  access_key: '" + v + "'") == v);     // parent key above
    CHECK(captured(k, "weatherstack_key: |\n    " + v) == v);                // YAML block scalars
    CHECK(captured(k, "  weatherstackKey: >-\n    " + v + "\n") == v);
    CHECK(captured(k, "weatherstack_key: |2+\r\n  " + v) == v);
    CHECK(captured(k, "weatherstack_key: |\n\n    " + v) == v);              // one blank line, the value alone
    CHECK(captured(k, "WEATHERSTACK_KEY=" + v + "ab").empty());              // a longer run
    CHECK(captured(k, "weatherstack_key: |\n\n\n    " + v).empty());         // two blank lines
    CHECK(captured(k, "WEATHERSTACK_KEY=x" + v).empty());                    // glued to the value
    CHECK(captured(k, "OTHER_KEY=" + v).empty());                            // no word
    CHECK(captured(k, "weatherstack\n\nkey = " + v).empty());                // two lines away
}

TEST_CASE("keyword shape: parent keys, openers and sibling lines above the value") {
    auto k = shape({"weatherstack"}, "hex-lower", 32, 32);
    const std::string v = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
    // Helm values.yaml and Spring application.yml: siblings between the parent and the key
    CHECK(captured(k, "weatherstack:\n  enabled: true\n  apiKey: " + v) == v);
    CHECK(captured(k, "  weatherstack:\n    base-url: https://x\n    timeout: 3\n    api-key: " + v) == v);
    // .NET appsettings.json and JSON arrays: an object or array opener after the key
    CHECK(captured(k, "  \"Weatherstack\": {\n    \"Endpoint\": \"https://x\",\n    \"ApiKey\": \"" + v + "\"") == v);
    CHECK(captured(k, "  \"weatherstackKeys\": [\n    \"" + v + "\"\n  ]") == v);
    // HCL: a variable block's default, a heredoc
    CHECK(captured(k, "variable \"weatherstack_key\" {\n  type = string\n  sensitive = true\n  default = \"" + v +
                          "\"\n}") == v);
    CHECK(captured(k, "  weatherstack_key = <<EOT\n" + v + "\nEOT") == v);
    CHECK(captured(k, "  weatherstack_key = <<-EOT\n    " + v + "\n  EOT") == v);
    // Apple plist: the value's element on the line after its key element
    CHECK(captured(k, "\t<key>WeatherstackApiKey</key>\n\t<string>" + v + "</string>") == v);
    // .pypirc/INI section with `name =` lines between
    CHECK(captured(k, "[weatherstack]\nrepository = https://x\nusername = __token__\npassword = " + v) == v);
    // Godot's project.godot and hand-written INI/TOML: a blank line after the section header
    CHECK(captured(k, "[weatherstack]\n\nconfig/api_key=\"" + v + "\"\nconfig/enabled=true") == v);
    CHECK(captured(k, "[weatherstack.prod]\r\n\r\nregion = eu\r\naccess_key = " + v) == v);
    CHECK(captured(k, "[weatherstack]\n\n\naccess_key = " + v).empty());    // two blank lines
    CHECK(captured(k, "[weatherstack]\n\nprint(\"" + v + "\")").empty());   // not a `name =` line
    CHECK(captured(k, "x = cfg[weatherstack] + 1\n\nkey = " + v).empty());  // not a header alone
    // a comment or heading naming the provider, the value alone on the next line
    CHECK(captured(k, "# Weatherstack API key\n" + v + "\n") == v);
    CHECK(captured(k, "Weatherstack key:\n  \"" + v + "\"") == v);
    // a comment naming the provider above an assignment whose name does not
    CHECK(captured(k, "// weatherstack credentials\nconst apiKey = \"" + v + "\";") == v);
    // the word as a JSON member's value, the key among its siblings
    CHECK(captured(k, "  {\n    \"service\": \"Weatherstack\",\n    \"enabled\": true,\n    \"key\": \"" + v + "\"") ==
          v);
    // an HTTP request or a multi-line curl: the host above, the credential header below
    CHECK(captured(k, "POST /v1/x HTTP/1.1\nHost: api.weatherstack.com\nUser-Agent: o/1\nAccept: */*\nX-Api-Key: " +
                          v) == v);
    CHECK(captured(k, "curl https://api.weatherstack.com/v1 \\\n  -H 'Accept: x' \\\n  -H 'Authorization: token " + v +
                          "'") == v);
    CHECK(captured(k, "Host: api.weatherstack.com\nA: 1\nB: 2\nX-Request-Id: " + v).empty());  // no credential name
    CHECK(captured(k, "Host: api.weatherstack.com\nA: 1\nB: 2\nC: 3\nD: 4\nX-Api-Key: " + v).empty());  // 5 down
    CHECK(captured(k, "Host: api.weatherstack.com\n\nX-Api-Key: " + v).empty());                        // a blank line
    // a YAML list of name/value pairs: a Dapr component's metadata, the provider's URL above
    CHECK(captured(k,
                   "  metadata:\n  - name: url\n    value: https://api.weatherstack.com/v1\n  - name: apiKey\n    "
                   "value: \"" +
                       v + "\"") == v);
    CHECK(captured(k,
                   "  metadata:\n  - name: url\n    value: https://api.weatherstack.com/v1\n  - name: region\n    "
                   "value: \"" +
                       v + "\"")
              .empty());  // a name that is no credential's
    CHECK(captured(k,
                   "  \"url\": \"https://api.weatherstack.com/v1/o\",\n  \"queryString\": [{\"name\": \"api_key\", "
                   "\"value\": \"" +
                       v + "\"}]") == v);  // the next line, its credential name 40 in
    // Hurl: a request to the provider's host, its `[BasicAuth]` section's `user: password` below
    CHECK(captured(k, "GET https://api.weatherstack.com/v1/account\n[BasicAuth]\norders: " + v + "\nHTTP 200") == v);
    CHECK(captured(k, "GET https://api.weatherstack.com/v1/account\n[Query]\norders: " + v + "\nHTTP 200").empty());
    // redis-cli: a hash's field and value as numbered reply items below the command naming the key
    CHECK(captured(k, "127.0.0.1:6379> HGETALL config:weatherstack\n1) \"region\"\n2) \"eu\"\n3) \"api_key\"\n4) \"" +
                          v + "\"") == v);
    CHECK(captured(k, "127.0.0.1:6379> HGETALL config:weatherstack\n1) \"checksum\"\n2) \"" + v + "\"").empty());
    // a table row or prose after the credential name assigns nothing
    CHECK(captured(k, "| Weatherstack | weather API |\n| A | b |\n| Other | Other API key | " + v + " |").empty());
    // a message: the word in a sentence, a blank line, the key alone
    CHECK(captured(k, "The new weatherstack API key is below:\n\n    " + v + "\n") == v);
    CHECK(captured(k, "The new weatherstack API key is below:\n\n\n    " + v + "\n").empty());  // two blank lines
    CHECK(captured(k, "The new weatherstack API key is below, please update your local config and restart:\n\n" + v +
                          "\n") == v);
    // a GitHub Actions step: the provider's action, its `with:` inputs below
    CHECK(captured(k,
                   "      - uses: weatherstack/publish-action@v3\n        with:\n          github-token: x\n"
                   "          api-key: " +
                       v) == v);
    CHECK(captured(k, "    - uses: acme/weatherstack-deploy@main\n      with:\n        key: '" + v + "'") == v);
    // not further: four siblings, a blank line, or a line at the parent's level in YAML (unless
    // the value's line names a credential within the indented block: the near form's lines)
    CHECK(captured(k, "weatherstack:\n  a: 1\n  b: 2\n  c: 3\n  d: 4\n  value: " + v).empty());
    CHECK(captured(k, "weatherstack:\n  a: 1\n  b: 2\n  c: 3\n  d: 4\n  key: " + v) == v);
    CHECK(captured(k, "weatherstack:\n  a: 1\n  b: 2\n  c: 3\n  d: 4\n  e: 5\n  f: 6\n  g: 7\n  key: " + v).empty());
    CHECK(captured(k, "weatherstack:\n  a: 1\n\n  key: " + v).empty());
    CHECK(captured(k, "weatherstack:\n  a: 1\nother:\n  value: " + v).empty());
    // (with a credential name on the value's line, the near form reads it: `other:\n  key: …`)
    CHECK(captured(k, "# weatherstack\nsomething else\n" + v).empty());
    // the word's line runs on past the gap: a curl line above a heredoc's JSON body
    CHECK(captured(k,
                   "curl -s -X POST https://api.weatherstack.com/v1/auth -H 'Content-Type: application/json' -d @- "
                   "<<EOF\n{\n  \"api_key\": \"" +
                       v + "\",") == v);
    // a client's constructor or set-up call below an import of the SDK, a blank line between
    CHECK(captured(k, "import { createClient } from '@weatherstack/sdk';\n\nconst client = createClient(\"" + v +
                          "\");") == v);
    CHECK(captured(k, "import weatherstack\n\nweatherstack.configure('" + v + "')") == v);
    CHECK(captured(k, "const ws = require('weatherstack')\n\nconst c = require('x')('" + v + "');") == v);
    CHECK(captured(k, "import weatherstack\n\nprint(digest('" + v + "'))").empty());          // not a client call
    CHECK(captured(k, "import weatherstack\n\n\n\n\nclient = Client('" + v + "')").empty());  // 4 lines between
    // an assertion compares with the value; a string literal's prefix before its quote
    CHECK(captured(k, "# weatherstack\nassert client.api_key == \"" + v + "\"") == v);
    CHECK(captured(k, "// weatherstack\nNSString *apiKey = @\"" + v + "\";") == v);
    CHECK(captured(k, "   Weatherstack_Settings : constant Settings := (Api_Key => +\"" + v + "\", Timeout => 30);") ==
          v);
    CHECK(captured(k, "# weatherstack\napi_key = r'" + v + "'") == v);
    CHECK(captured(k, "-- weatherstack\n" + std::string(24, ' ') + "SET @service_api_key = N'" + v + "';") == v);
    // an RSpec `let` assigns; a Markdown code fence may follow a blank line below the word
    CHECK(captured(k, "describe Weatherstack do\n  let(:api_key) { \"" + v + "\" }") == v);
    CHECK(captured(k, "<summary>Weatherstack settings</summary>\n\n```json\n{ \"apiKey\": \"" + v + "\" }") == v);
    CHECK(captured(k, "<summary>Weatherstack settings</summary>\n\nSome text\n{ \"apiKey\": \"" + v + "\" }").empty());
    auto cc = shape({"codecov"}, "uuid", 0, 0);  // the word continued in lower case names another thing
    CHECK(
        captured(cc, "  \"codeCoverages\": [\n    {\n      \"id\": \"20a0adcc-db13-4b66-804b-ecaf9f852855\"").empty());
    CHECK(captured(cc, "  \"codecovTokens\": [\n    {\n      \"id\": \"20a0adcc-db13-4b66-804b-ecaf9f852855\"") ==
          "20a0adcc-db13-4b66-804b-ecaf9f852855");
}

TEST_CASE("keyword shape: a placeholder's default is a value start") {
    // `${name:V}` (Spring @Value), `${NAME:-V}` (shell, Compose): the charset holds `:` or `-`
    RE2 cl(build_keyword_value_pattern(shape({"cloverly"}, "[a-z0-9:_]", 28, 28)));
    std::string got;
    CHECK(RE2::PartialMatch("@Value(\"${cloverly.api.key:t9sa4poqrsqgyf27w5dh27wf6agb}\")", cl, &got));
    CHECK(got == "t9sa4poqrsqgyf27w5dh27wf6agb");
    // elsewhere a colon inside a run is part of it: no value
    CHECK_FALSE(RE2::PartialMatch("key:t9sa4poqrsqgyf27w5dh27wf6agb ", cl, &got));
    RE2 uu(build_keyword_value_pattern(shape({"snyk token"}, "uuid", 0, 0)));
    CHECK(RE2::PartialMatch("SNYK_TOKEN=${SNYK_TOKEN:-e2646d88-d99d-4684-ab77-f303f43be01f}", uu, &got));
    CHECK(got == "e2646d88-d99d-4684-ab77-f303f43be01f");
}

TEST_CASE("keyword shape: separators in words, short words, distance") {
    const std::string v = "AbCdEfGhIjKlMnOpQrStUvWxYz012345";
    CHECK(captured(shape({"tatum.io"}, "alnum", 32, 32), "TATUM_IO_KEY=" + v) == v);
    CHECK(captured(shape({"secret key"}, "alnum", 32, 32), "acmeSecretKey = '" + v + "'") == v);
    CHECK(captured(shape({"ably"}, "alnum", 32, 32), "probably = " + v).empty());  // not a word of its own
    CHECK(captured(shape({"ably"}, "alnum", 32, 32), "ABLY_KEY = " + v) == v);
    auto near = shape({"acme"}, "alnum", 32, 32);
    near.distance = 5;
    CHECK(captured(near, "acme_key=" + v) == v);
    CHECK(captured(near, "acme and then a long way = " + v).empty());
    // further along the value's line (four gaps) when a credential name takes the value
    CHECK(captured(near, "acme and then a long way, key = " + v).empty());  // 22 characters: over 4 x 5
    CHECK(captured(near, "acme then, key = " + v) == v);
    auto k = shape({"weatherstack"}, "alnum", 32, 32);
    const std::string log =
        "{\"ts\":\"2024-05-01T12:00:01.204Z\",\"logger\":\"weatherstack.client\",\"msg\":\"client configured\",";
    CHECK(captured(k, log + "\"api_key\":\"" + v + "\"}") == v);
    CHECK(captured(k, "service=weatherstack region=eu-west-1 retries=3 timeout=30s api_key=" + v) == v);
    CHECK(captured(k, log + "\"request_id\":\"" + v + "\"}").empty());                // no credential name takes it
    CHECK(captured(k, "weatherstack" + std::string(161, ' ') + "key=" + v).empty());  // over 4 x 40
    // a TruffleHog JSON line: the detector's name, the secret in "Raw" further on (not in other fields)
    const std::string th =
        "{\"SourceType\":15,\"DetectorType\":1042,\"DetectorName\":\"Weatherstack\","
        "\"DecoderName\":\"PLAIN\",\"Verified\":false,";
    CHECK(captured(k, th + "\"Raw\":\"" + v + "\",\"RawV2\":\"\"}") == v);
    CHECK(captured(k, th + "\"Commit\":\"" + v + "\"}").empty());
    // a nuclei JSONL line: the template named for the provider, what it extracted at the end of a
    // line longer than 4 x 40 (not another member that far)
    const std::string nu =
        "{\"template-id\":\"weatherstack-token\",\"info\":{\"name\":\"Weatherstack API key Exposure\","
        "\"severity\":\"medium\",\"tags\":[\"exposure\",\"token\",\"weatherstack\"]},\"type\":\"http\","
        "\"host\":\"https://shop.acme.example\",\"matched-at\":\"https://shop.acme.example/static/js/main.4c1f.js\",";
    CHECK(captured(k, nu + "\"extracted-results\":[\"" + v + "\"],\"matcher-status\":true}") == v);
    CHECK(captured(k, nu + "\"request-id\":[\"" + v + "\"],\"matcher-status\":true}").empty());
    // a command's credential option further along the line than the gap, its value the next argument
    CHECK(captured(k,
                   "mongosh \"mongodb+srv://cluster0.weatherstack.mongodb.net/orders\" --username orders --password '" +
                       v + "'") == v);
    CHECK(captured(k, "mongosh \"mongodb+srv://cluster0.weatherstack.mongodb.net/orders\" --username orders --eval '" +
                          v + "'")
              .empty());
    // a command named for a credential in a `;` list, its value the argument (Tasmota's Backlog)
    const std::string backlog = "Backlog MqttHost mqtt.weatherstack.com; MqttPort 8883; MqttUser orders; ";
    CHECK(captured(k, backlog + "MqttPassword " + v + "; Topic orders-plug") == v);
    CHECK(captured(k, backlog + "MqttClient " + v + "; Topic orders-plug").empty());
    // Go's http.Header printed with %v in a logfmt line: a list of values after the name's `:`
    CHECK(captured(k,
                   "level=DEBUG msg=\"outgoing request\" url=https://api.weatherstack.com/v1/events "
                   "headers=\"map[Authorization:[Bearer " +
                       v + "] User-Agent:[Go-http-client/1.1]]\"") == v);
    CHECK(captured(k, "url=https://api.weatherstack.com/v1/events headers=\"map[X-Request-Id:[" + v + "]]\"").empty());
    // an auth scheme after blanks (nginx, Apache) on the line a near word governs
    CHECK(captured(k,
                   "location /weatherstack/ {\n    proxy_pass https://api.weatherstack.com/;\n"
                   "    proxy_set_header Authorization \"Bearer " +
                       v + "\";") == v);
    // up to six indented lines between the word's line and a credential name's assignment (a
    // Kong service's URL, its plugin's headers below); not seven, nor unindented ones (an HTTP
    // request's headers, above), nor across a blank line
    const std::string kong =
        "- name: orders-upstream\n  url: https://api.weatherstack.com\n  plugins:\n"
        "  - name: request-transformer\n    config:\n      add:\n        headers:\n";
    CHECK(captured(k, kong + "        - \"x-api-key:" + v + "\"") == v);
    CHECK(captured(k, kong + "        - \"Authorization:Bearer " + v + "\"") == v);
    CHECK(captured(k, kong + "        # set by\n        # the gateway\n        - \"x-api-key:" + v + "\"").empty());
    CHECK(captured(k, "Host: api.weatherstack.com\nA: 1\nB: 2\nC: 3\nD: 4\nE: 5\nX-Api-Key: " + v).empty());
    CHECK(captured(k, "  url: https://api.weatherstack.com\n\n  headers:\n    x-api-key: " + v).empty());
    // a quoted scheme after an operator (Varnish VCL, a JSON header map), past `distance` on the
    // line below the word
    CHECK(captured(k,
                   "    if (req.url ~ \"^/weatherstack/\") {\n"
                   "            set req.http.Authorization = \"Bearer " +
                       v + "\";") == v);
    CHECK(captured(k, "// weatherstack\n                const headers = {\"Authorization\": 'Token " + v + "'};") == v);
    CHECK(captured(k,
                   "    if (req.url ~ \"^/weatherstack/\") {\n"
                   "            set req.http.X-Request-Id = \"Bearer " +
                       v + "\";")
              .empty());
    // a call's name and value arguments (Apex, Java, Go), with or without a scheme
    CHECK(captured(k,
                   "req.setEndpoint('https://api.weatherstack.com/v1/orders');\n"
                   "req.setHeader('Authorization', 'Bearer " +
                       v + "');") == v);
    // (past `distance` on the line below the word, which the line-below form reads alone)
    const std::string call = "// weatherstack\n        client.request.Header.Set(\"";
    CHECK(captured(k, call + "X-Api-Key\", \"" + v + "\")") == v);
    CHECK(captured(k, call + "X-Request-Id\", \"" + v + "\")").empty());
    // a HAR header's name/value pair with a scheme; Maven settings.xml: an element, a name/value pair
    CHECK(captured(k,
                   "  \"url\": \"https://api.weatherstack.com/v1/x\",\n  \"headers\": [\n"
                   "    {\"name\": \"authorization\", \"value\": \"Bearer " +
                       v + "\"}") == v);
    CHECK(captured(k, "<server>\n  <id>weatherstack-releases</id>\n  <username>deploy</username>\n  <password>" + v +
                          "</password>") == v);
    CHECK(captured(k,
                   "<server>\n  <id>weatherstack</id>\n  <configuration>\n    <httpHeaders>\n      <property>\n"
                   "        <name>Private-Token</name>\n        <value>" +
                       v + "</value>") == v);
    CHECK(captured(k,
                   "<server>\n  <id>weatherstack</id>\n  <configuration>\n    <httpHeaders>\n      <property>\n"
                   "        <name>Build-Id</name>\n        <value>" +
                       v + "</value>")
              .empty());
    // a JSON name/value pair over two lines (Postman, CloudFormation outputs and parameters)
    CHECK(captured(k, "\"Outputs\": [\n  {\n    \"OutputKey\": \"WeatherstackApiKey\",\n    \"OutputValue\": \"" + v +
                          "\"") == v);
    CHECK(captured(k,
                   "// weatherstack\n{\n  \"header\": [\n    {\n      \"key\": \"X-Api-Key\",\n"
                   "      \"value\": \"" +
                       v + "\"") == v);
    // Node-RED's http request headers: a member between the name and the value; a WireMock
    // stub's request matcher
    const std::string nr = "      {\"keyType\": \"other\", \"keyValue\": \"";
    CHECK(captured(k, "// weatherstack\n" + nr + "X-Api-Key\", \"valueType\": \"other\", \"valueValue\": \"" + v +
                          "\"}") == v);
    CHECK(captured(k, "// weatherstack\n" + nr + "X-Trace\", \"valueType\": \"other\", \"valueValue\": \"" + v + "\"}")
              .empty());
    CHECK(captured(k,
                   "        \"url\": \"https://api.weatherstack.com/v1\",\n        \"headers\": {\n"
                   "          \"X-Api-Key\": { \"equalTo\": \"" +
                       v + "\" }") == v);
    CHECK(captured(k,
                   "        \"url\": \"https://api.weatherstack.com/v1\",\n        \"headers\": {\n"
                   "          \"X-Trace\": { \"equalTo\": \"" +
                       v + "\" }")
              .empty());
    // an element named by its key or name attribute, the value as its text (MySQL Workbench's
    // connections.xml, Hibernate's cfg.xml)
    CHECK(captured(k,
                   "  <value type=\"string\" key=\"hostName\">db.weatherstack.com</value>\n"
                   "  <value type=\"string\" key=\"userName\">orders</value>\n"
                   "  <value type=\"string\" key=\"password\">" +
                       v + "</value>") == v);
    CHECK(captured(k, "<!-- weatherstack -->\n<connection>\n  <value type=\"string\" key=\"schema\">" + v + "</value>")
              .empty());
    CHECK(captured(k, "<!-- weatherstack -->\n<property name=\"connection.password\">" + v + "</property>") == v);
    // a secret scanner's JSON report: the finding's type above its match (ggshield)
    CHECK(captured(k,
                   "  \"break_type\": \"Weatherstack API key\",\n  \"matches\": [\n    {\n"
                   "      \"type\": \"api key\",\n      \"match\": \"" +
                       v + "\"") == v);
    CHECK(captured(k,
                   "  \"break_type\": \"Weatherstack API key\",\n  \"matches\": [\n    {\n"
                   "      \"type\": \"commit\",\n      \"match\": \"" +
                       v + "\"")
              .empty());
    // a comparison after a call (a mock handler's or a middleware's header check)
    CHECK(captured(k,
                   "  http.get('https://api.weatherstack.com/v1', ({ request }) => {\n"
                   "    if (request.headers.get('X-Api-Key') !== '" +
                       v + "') {") == v);
    CHECK(captured(k,
                   "  http.get('https://api.weatherstack.com/v1', ({ request }) => {\n"
                   "    if (request.headers.get('X-Trace') !== '" +
                       v + "') {")
              .empty());
    // a pre-shared key: nmcli's `wifi-sec.psk` argument further along the word's line
    CHECK(captured(k, "nmcli connection modify weatherstack-wifi wifi-sec.key-mgmt wpa-psk wifi-sec.psk '" + v + "'") ==
          v);
    // .NET resources and settings: an element named by attribute, its <value> child
    CHECK(captured(k, "  <data name=\"Weatherstack_ApiKey\" xml:space=\"preserve\">\n    <value>" + v + "</value>") ==
          v);
    CHECK(captured(k,
                   "<Orders.Properties.Settings>\n  <!-- weatherstack -->\n"
                   "  <setting name=\"ApiKey\" serializeAs=\"String\">\n    <value>" +
                       v + "</value>") == v);
    CHECK(captured(k,
                   "<Orders.Properties.Settings>\n  <!-- weatherstack -->\n"
                   "  <setting name=\"Region\" serializeAs=\"String\">\n    <value>" +
                       v + "</value>")
              .empty());
    // KeePass XML: a `<Key>` / `<Value>` pair, the value element with an attribute, below the
    // entry's title; a Windows answer file: the `<Value>` child of `<Password>`
    const std::string entry = "  <Value>Weatherstack</Value>\n</String>\n<String>\n  <Key>";
    CHECK(captured(k, entry + "API key</Key>\n  <Value ProtectInMemory=\"True\">" + v + "</Value>") == v);
    CHECK(captured(k, entry + "Notes</Key>\n  <Value ProtectInMemory=\"True\">" + v + "</Value>").empty());
    CHECK(captured(k, "<!-- weatherstack -->\n<AutoLogon>\n  <Password>\n    <Value>" + v + "</Value>") == v);
    CHECK(captured(k, "<!-- weatherstack -->\n<AutoLogon>\n  <Domain>\n    <Value>" + v + "</Value>").empty());
    // JMeter's name/value string properties: an argument, a header with a scheme
    CHECK(captured(k,
                   "<elementProp name=\"weatherstack_api_key\" elementType=\"Argument\">\n"
                   "  <stringProp name=\"Argument.name\">weatherstack_api_key</stringProp>\n"
                   "  <stringProp name=\"Argument.value\">" +
                       v + "</stringProp>") == v);
    const std::string jmx =
        "<HeaderManager testname=\"Weatherstack headers\">\n  <collectionProp>\n"
        "    <elementProp name=\"\" elementType=\"Header\">\n"
        "      <stringProp name=\"Header.name\">";
    CHECK(captured(k, jmx + "Authorization</stringProp>\n      <stringProp name=\"Header.value\">Bearer " + v +
                          "</stringProp>") == v);
    CHECK(captured(k, jmx + "X-Request-Id</stringProp>\n      <stringProp name=\"Header.value\">" + v + "</stringProp>")
              .empty());
    // ... a quoted one: prose or a table row naming an OAuth token assigns nothing
    auto eth = shape({"ethplorer"}, "[A-Za-z0-9\\-]", 22, 22);
    CHECK(captured(eth,
                   "Ethplorer\tEthplorer personal API key\tethplorer-api-key\nEtsy\tEtsy keys\tetsy-api-key\n"
                   "Eventbrite\tEventbrite private OAuth token\teventbrite-oauth-token\n")
              .empty());
}

TEST_CASE("keyword shape: directive arguments, parameters along the line, defaults and `pass`") {
    auto k = shape({"weatherstack"}, "alnum", 32, 32);
    const std::string v = "AbCdEfGhIjKlMnOpQrStUvWxYz012345";
    // `name "value"`: BIND's named.conf below a comment naming the provider, monit's mail server
    // further along the word's line; not an unquoted argument, nor another directive's
    const std::string bind = "// Weatherstack secondary transfers\nkey \"xfer-key\" {\n\talgorithm hmac-sha512;\n";
    CHECK(captured(k, bind + "\tsecret \"" + v + "\";\n};") == v);
    CHECK(captured(k, bind + "\tsecret " + v + ";\n};").empty());
    CHECK(captured(k, bind + "\tcomment \"" + v + "\";\n};").empty());
    CHECK(captured(k, "set mailserver smtp.weatherstack.com port 587 username \"orders\" password \"" + v +
                          "\" using tls") == v);
    // a query or form parameter, or an XML attribute, named for a credential further along the
    // value's line than 60 characters, below a line naming the word
    CHECK(captured(k,
                   "check host ws-api with address api.weatherstack.com\n    if failed port 443 protocol https "
                   "request \"/v1/health?api_key=" +
                       v + "\" then alert") == v);
    CHECK(captured(k,
                   "check host ws-api with address api.weatherstack.com\n    if failed port 443 protocol https "
                   "request \"/v1/health?region=" +
                       v + "\" then alert")
              .empty());
    CHECK(captured(k,
                   "  <set-url>https://auth.weatherstack.com/oauth/token</set-url>\n  <set-method>POST</set-method>\n"
                   "  <set-body>grant_type=client_credentials&amp;client_id=orders&amp;client_secret=" +
                       v + "</set-body>") == v);
    const std::string gpp =
        "\t<User clsid=\"{DF5F1855-51E5-4d24-8B1A-D9BDE98BA1D1}\" name=\"svc_weatherstack\" image=\"2\">\n"
        "\t\t<Properties action=\"C\" newName=\"\" fullName=\"\" description=\"\" ";
    CHECK(captured(k, gpp + "cpassword=\"" + v + "\" changed=\"0\"/>") == v);
    CHECK(captured(k, gpp + "checksum=\"" + v + "\" changed=\"0\"/>").empty());
    CHECK(captured(k, gpp + "changed=\"0\" noChange=\"1\" note=\"cpassword " + v + "\"/>").empty());
    // an element named for a credential, the value in its value attribute (WildFly's Elytron)
    const std::string ldap =
        "<dir-context name=\"ws-ldap\" url=\"ldaps://ldap.weatherstack.com\" principal=\"cn=orders\">\n" +
        std::string(24, ' ');
    CHECK(captured(k, ldap + "<credential-reference clear-text=\"" + v + "\"/>") == v);
    CHECK(captured(k, ldap + "<credential-reference store=\"" + v + "\"/>").empty());
    CHECK(captured(k, ldap + "<property-list value=\"" + v + "\"/>").empty());
    // the word's own name names a credential, a value attribute further along its line takes the
    // value (.NET MAUI's OnPlatform resource); not when the name names none
    const std::string maui = "    <OnPlatform x:Key=\"Weatherstack";
    const std::string on = "\" x:TypeArguments=\"x:String\"><On Platform=\"Android\" Value=\"";
    CHECK(captured(k, maui + "ApiKey" + on + v + "\" /></OnPlatform>") == v);
    CHECK(captured(k, maui + "Region" + on + v + "\" /></OnPlatform>").empty());
    // an HTTP request's JSON body after its headers and a blank line; not a header after it
    const std::string req = "POST /v1/orders HTTP/1.1\nHost: api.weatherstack.com\nAccept: */*\n\n";
    CHECK(captured(k, req + "{\"token\":\"" + v + "\"}") == v);
    CHECK(captured(k, req + "{\"trace\":\"" + v + "\"}").empty());
    CHECK(captured(k, req + "\n{\"token\":\"" + v + "\"}").empty());
    // a YAML list's first item below a credential name (a VCR cassette's recorded request, six
    // indented lines below its URI)
    const std::string vcr =
        "- request:\n    method: get\n    uri: https://api.weatherstack.com/v1/orders?page=1\n    body:\n"
        "      encoding: US-ASCII\n      string: ''\n    headers:\n      Accept:\n      - application/json\n";
    CHECK(captured(k, vcr + "      Authorization:\n      - Bearer " + v) == v);
    CHECK(captured(k, vcr + "      X-Request-Id:\n      - " + v).empty());
    CHECK(captured(k, "# weatherstack\napi_keys:\n  - " + v) == v);
    // an Avro field's (or any JSON name/value pair's) "default"
    CHECK(captured(k,
                   "  \"name\": \"WeatherstackConfig\",\n  \"fields\": [\n"
                   "    { \"name\": \"apiKey\", \"type\": \"string\", \"default\": \"" +
                       v + "\" }") == v);
    CHECK(captured(k,
                   "  \"name\": \"WeatherstackConfig\",\n  \"fields\": [\n"
                   "    { \"name\": \"region\", \"type\": \"string\", \"default\": \"" +
                       v + "\" }")
              .empty());
    // `pass` ending a name: Joomla's configuration.php below its SMTP host; not `passive`
    const std::string joomla = "\tpublic $smtphost = 'smtp.weatherstack.com';\n\tpublic $smtpuser = 'orders';\n";
    CHECK(captured(k, joomla + "\tpublic $smtppass = '" + v + "';") == v);
    CHECK(captured(k, joomla + "\tpublic $smtppassive = '" + v + "';").empty());
    CHECK(captured(k, "# weatherstack\nDB_PASS=" + v) == v);
}

TEST_CASE("keyword shape: a word starts an identifier piece") {
    const std::string v = "AbCdEfGhIjKlMnOpQrStUvWxYz012345";
    auto tm = shape({"tmetric"}, "alnum", 32, 32);
    CHECK(captured(tm, "parametric = " + v).empty());  // inside a word
    CHECK(captured(tm, "TMETRIC_TOKEN = " + v) == v);
    CHECK(captured(tm, "myTmetricToken = '" + v + "'") == v);  // camel case: a new piece
    CHECK(captured(tm, "MYTMETRICTOKEN = " + v).empty());      // no piece starts there
    CHECK(captured(tm, "api.tmetric.com/token/" + v) == v);
    CHECK(captured(tm, "x2tmetric_key=" + v) == v);        // after a digit
    CHECK(captured(tm, "mvn -Dtmetric.token=" + v) == v);  // a one-letter option
    CHECK(captured(tm, "mvn -XDtmetric.token=" + v).empty());
    // a C preprocessor definition in compiler flags: `-D` before an upper-case name
    CHECK(captured(tm, "build_flags =\n    -DTMETRIC_TOKEN=\\\"" + v + "\\\"") == v);
    CHECK(captured(tm, "CFLAGS += -DTMETRIC_TOKEN='\"" + v + "\"'") == v);
    CHECK(captured(tm, "-XTMETRIC_TOKEN=" + v).empty());
    CHECK(captured(shape({"etsy"}, "alnum", 32, 32), "getSystem(\"" + v + "\")").empty());
    CHECK(captured(shape({"secret key"}, "alnum", 32, 32), "topsecretkey=" + v).empty());

    CHECK(keyword_piece_start("parametric", 0));
    CHECK_FALSE(keyword_piece_start("parametric", 3));
    CHECK(keyword_piece_start("myTmetric", 2));
    CHECK_FALSE(keyword_piece_start("MYTMETRIC", 2));
    CHECK_FALSE(keyword_piece_start("getSystem", 1));  // `etSy`: lower case at the cut
    CHECK(keyword_piece_start("a_tmetric", 2));
    CHECK(keyword_piece_start("x2tmetric", 2));
    CHECK(keyword_piece_start("-Dsonar", 2));
    CHECK_FALSE(keyword_piece_start("-XDsonar", 3));
    CHECK_FALSE(keyword_piece_start("-DSONAR", 3));
    CHECK(keyword_piece_start("-DSONAR", 2));
    CHECK_FALSE(keyword_piece_start("ADSONAR", 2));
    CHECK_FALSE(keyword_piece_start("-XSONAR", 2));

    // ... and end one: `cohere` is not the start of `coherence`, in any case; a camel-case
    // cut, a separator, a digit, or letters that are not an English ending are an end.
    CHECK_FALSE(keyword_piece_end("coherence", 6));
    CHECK_FALSE(keyword_piece_end("COHERENCE_LIMIT", 6));
    CHECK_FALSE(keyword_piece_end("coherenceThreshold", 6));
    CHECK_FALSE(keyword_piece_end("renderer.key", 6));
    CHECK_FALSE(keyword_piece_end("segments", 7));
    CHECK(keyword_piece_end("openweathermap", 11));
    CHECK(keyword_piece_end("BOX_DEVELOPER_TOKEN", 7));
    CHECK(keyword_piece_end("ZHIPUAI_API_KEY", 5));
    CHECK(keyword_piece_end("cohere", 6));
    CHECK(keyword_piece_end("cohereApiKey", 6));
    CHECK(keyword_piece_end("cohere_api_key", 6));
    CHECK(keyword_piece_end("cohere2", 6));
    CHECK(keyword_piece_end("coherekey", 6));
    CHECK(keyword_piece_end("COHEREAPIKEY", 6));
    CHECK(keyword_piece_end("COHERE_TOKEN", 6));
    CHECK(keyword_piece_end("algoliasearch(", 7));
}

TEST_CASE("keyword shape: the literals Hyperscan looks for") {
    auto lits = keyword_literals(shape({"Secret Key", "ABLY"}, "alnum", 32, 32));
    std::vector<std::string> texts;
    for (const auto& l : lits) {
        texts.push_back(l.text);
        CHECK(l.piece_start);                      // each begins its word ...
        CHECK(l.piece_end == (l.text == "ably"));  // ... and ends it; `secret keys` may go on
    }
    CHECK(texts ==
          std::vector<std::string>{"ably", "secret key", "secret-key", "secret.key", "secret_key", "secretkey"});
    // The two longest adjacent pieces of a longer word do not begin it: no piece check.
    lits = keyword_literals(shape({"my big secret"}, "alnum", 32, 32));
    REQUIRE(lits.size() == 5);
    CHECK(lits[0].text == "big secret");
    CHECK_FALSE(lits[0].piece_start);
    CHECK_FALSE(lits[0].piece_end);  // ends in a credential piece
    // A literal two words share keeps the weaker condition: `big data` begins one of them.
    lits = keyword_literals(shape({"big data", "my big data"}, "alnum", 32, 32));
    REQUIRE(lits.size() == 5);
    CHECK(lits[0].text == "big data");
    CHECK_FALSE(lits[0].piece_start);
    CHECK(lits[0].piece_end);
    // `sonar cloud` is the whole of one word and the start of the other (its longest pair).
    lits = keyword_literals(shape({"sonar cloud", "sonar cloud io"}, "alnum", 32, 32));
    REQUIRE(lits.size() == 5);
    CHECK(lits[0].text == "sonar cloud");
    CHECK(lits[0].piece_start);
    CHECK_FALSE(lits[0].piece_end);
    CHECK(build_keyword_words_pattern(shape({"tatum.io"}, "alnum", 32, 32)) ==
          "(?i:tatum io|tatum\\-io|tatum\\.io|tatum_io|tatumio)");
    // A pair of generic pieces (`client secret`, `api key`) hits every such identifier in real
    // code: the pair holding the provider's piece is the literal, however short.
    auto first = [](const KeywordShape& k) { return keyword_literals(k).front().text; };
    CHECK(first(shape({"linked in client secret"}, "alnum", 16, 16)) == "linked in");
    CHECK(keyword_literals(shape({"linked in client secret"}, "alnum", 16, 16)).front().piece_start);
    CHECK(first(shape({"cf api key"}, "hex", 37, 37)) == "cf api");
    CHECK(first(shape({"secret key base"}, "hex", 64, 64)) == "key base");
    CHECK(first(shape({"aws secret"}, "base64", 40, 40)) == "aws secret");
}

TEST_CASE("keyword shape: charsets, uuid, bracket classes and their boundaries") {
    CHECK(captured(shape({"acme"}, "uuid", 0, 0), "ACME_TOKEN=3f2b8c1e-9d4a-4e6f-8b2c-1a7d9e0f5c3b") ==
          "3f2b8c1e-9d4a-4e6f-8b2c-1a7d9e0f5c3b");
    CHECK(captured(shape({"acme"}, "[A-Za-z0-9_-]", 20, 24), "ACME_TOKEN=ab_cd-EF12gh34ij56kl78") == "ab_cd-EF12gh34ij56kl78");
    CHECK(captured(shape({"acme"}, "digits", 10, 10), "acme_pin: 8302746159") == "8302746159");
    CHECK(charset_class("nope") == std::nullopt);
    CHECK(charset_class("[^a-z]") == std::nullopt);
    CHECK_THROWS_AS(build_keyword_pattern(shape({"acme"}, "nope", 32, 32)), Error);
    CHECK_THROWS_AS(build_keyword_pattern(shape({"acme"}, "hex", 0, 0)), Error);
    CHECK_THROWS_AS(build_keyword_pattern(shape({"acme"}, "hex", 10, 1001)), Error);
    CHECK_THROWS_AS(build_keyword_pattern(shape({}, "hex", 32, 32)), Error);
}

TEST_CASE(
    "keyword shape: the default entropy floor is 70% of log2(min(length, alphabet)), under a random short value's") {
    CHECK(keyword_default_entropy(shape({"a"}, "hex", 32, 32)) == Approx(0.7 * 4.0));
    CHECK(keyword_default_entropy(shape({"a"}, "alnum", 40, 40)) == Approx(0.7 * std::log2(40.0)));
    // short values of a small alphabet: log2(n) - (n-1)/(2 A ln 2) - 0.8
    auto expected = [](double n, double a) { return std::log2(n) - (n - 1) / (2 * a * std::log(2.0)) - 0.8; };
    CHECK(keyword_default_entropy(shape({"a"}, "digits", 8, 8)) == Approx(expected(8, 10)));
    CHECK(keyword_default_entropy(shape({"a"}, "hex-lower", 14, 14)) == Approx(expected(14, 16)));
    CHECK(keyword_default_entropy(shape({"a"}, "hex-lower", 14, 14)) < 0.7 * std::log2(14.0));
    // longer values: log2(A) - (A-1)/(2 n ln 2) - 0.8, the same at n = A; 70% of log2(16) cut
    // 1.8% of random 17-hex values
    auto longer = [](double n, double a) { return std::log2(a) - (a - 1) / (2 * n * std::log(2.0)) - 0.8; };
    CHECK(longer(16, 16) == Approx(expected(16, 16)));
    CHECK(keyword_default_entropy(shape({"a"}, "hex-lower", 17, 17)) == Approx(longer(17, 16)));
    CHECK(keyword_default_entropy(shape({"a"}, "hex-lower", 20, 20)) == Approx(longer(20, 16)));
    CHECK(keyword_default_entropy(shape({"a"}, "hex-lower", 20, 20)) < 0.7 * 4.0);
    CHECK(keyword_default_entropy(shape({"a"}, "digits", 12, 12)) == Approx(longer(12, 10)));
}

TEST_CASE("keyword shape: a charset wider than hex gets a lower floor for hex-only values") {
    CHECK(keyword_hex_entropy(shape({"a"}, "alnum-lower", 32, 32)) == Approx(0.7 * 4.0));
    CHECK(keyword_hex_entropy(shape({"a"}, "alnum", 40, 40)) == Approx(0.7 * 4.0));
    // 24 hex: log2(16) - 15/(48 ln 2) - 0.8, under 70% of log2(16) (keyword_default_entropy)
    CHECK(keyword_hex_entropy(shape({"a"}, "[A-Za-z0-9_-]", 24, 64)) ==
          Approx(4.0 - 15.0 / (48.0 * std::log(2.0)) - 0.8));
    CHECK(keyword_hex_entropy(shape({"a"}, "alnum-lower", 12, 12)) ==
          Approx(keyword_default_entropy(shape({"a"}, "hex", 12, 12))));
    // hex itself, and charsets that cannot hold a hex value, keep their one floor
    CHECK(keyword_hex_entropy(shape({"a"}, "hex", 32, 32)) == 0.0);
    CHECK(keyword_hex_entropy(shape({"a"}, "hex-upper", 32, 32)) == 0.0);
    CHECK(keyword_hex_entropy(shape({"a"}, "uuid", 0, 0)) == 0.0);
    CHECK(keyword_hex_entropy(shape({"a"}, "digits", 16, 16)) == 0.0);
    CHECK(keyword_hex_entropy(shape({"a"}, "alpha", 32, 32)) == 0.0);
}

TEST_CASE("keyword rules in TOML: defaults, and errors that name the line") {
    auto pack = parse_rule_file(R"(
[[rules]]
id = "acme-key"
shape = "keyword"
words = ["acme"]
charset = "hex"
length = 32
)", "acme.toml");
    const RuleSpec& r = pack.rules.at(0);
    CHECK(r.is_keyword());
    CHECK(r.confidence == Confidence::Medium);
    CHECK_FALSE(r.pattern.empty());
    CHECK(r.filters == std::vector<std::string>{"placeholder", "template", "low-variety", "declared-name"});
    CHECK(r.min_entropy == Approx(2.8));

    auto err = [](const std::string& text) {
        try {
            parse_rule_file(text, "bad.toml");
        } catch (const Error& e) {
            return std::string(e.what());
        }
        return std::string();
    };
    CHECK(err("[[rules]]\nid = \"a\"\nshape = \"keyword\"\ncharset = \"hex\"\nlength = 3\n") ==
          "bad.toml:1: rule 'a': a keyword rule needs 'words'");
    CHECK(err("[[rules]]\nid = \"a\"\nshape = \"keyword\"\nwords = [\"x\"]\ncharset = \"nope\"\nlength = 3\n")
              .find("unknown charset 'nope'") != std::string::npos);
    CHECK(err("[[rules]]\nid = \"a\"\nshape = \"regex\"\npattern = \"(x)\"\n").find("unknown shape") != std::string::npos);
    CHECK(err("[[rules]]\nid = \"a\"\npattern = \"(x)\"\nwords = [\"x\"]\n") ==
          "bad.toml:4: rule 'a': 'words' needs shape = \"keyword\"");
    CHECK(err("[[rules]]\nid = \"a\"\npattern = \"(x)\"\n[rules.companion]\nname = \"n\"\npattern = \"x\"\n")
              .find("one capturing group") != std::string::npos);
}

TEST_CASE("keyword shape: names that say a value is a digest or an id") {
    CHECK(assigned_to_other_name("      \"chksum_sha256\": \"", false));
    CHECK(assigned_to_other_name("sha256 = '", false));
    CHECK(assigned_to_other_name("  integrity: ", false));
    CHECK(assigned_to_other_name("    \"id\": \"", false));
    CHECK(assigned_to_other_name("  organization_id: ", false));
    CHECK(assigned_to_other_name("serverId=", false));
    // the value as the end of a url-safe base64 digest (a wheel's RECORD)
    CHECK(assigned_to_other_name("jira/exceptions.py,sha256=gq79LR8Lev6INYXUnS-", false));
    CHECK_FALSE(assigned_to_other_name("jira_token = gq79LR8Lev6INYXUnS-", false));
    // PEAR's package.xml and its registry (PHP serialize()), a go.sum line
    CHECK(assigned_to_other_name("   <file baseinstalldir=\"/\" md5sum=\"", false));
    CHECK(assigned_to_other_name("s:4:\"role\";s:3:\"doc\";s:6:\"md5sum\";s:32:\"", false));
    CHECK(assigned_to_other_name("  sha256sums: ", false));
    CHECK(assigned_to_other_name("github.com/exoscale/egoscale v0.90.0 h1:", false));
    // a package archive's checksum as its URL's fragment (yarn v1's lockfile, pip's hashes)
    CHECK(assigned_to_other_name("  resolved \"https://registry.yarnpkg.com/parseurl/-/parseurl-1.3.3.tgz#", false));
    CHECK(assigned_to_other_name("https://files.example.org/pkg-1.0.tar.gz#sha256=", false));
    CHECK_FALSE(assigned_to_other_name("https://app.example.org/settings#", false));
    CHECK_FALSE(assigned_to_other_name("parseur_backup.tgz token=", false));
    CHECK_FALSE(assigned_to_other_name("s:6:\"secret\";s:32:\"", false));
    CHECK_FALSE(assigned_to_other_name("facebook_secret=", false));
    CHECK_FALSE(assigned_to_other_name("EXOSCALE_API_SECRET=h1", false));
    CHECK_FALSE(assigned_to_other_name("md5summary_token: ", false));
    // a name that says the value stands in for one, and a push notification's device token
    CHECK(assigned_to_other_name("    protected static $dummyPassword = '", false));
    CHECK(assigned_to_other_name("  fake_token: \"", false));
    CHECK(assigned_to_other_name("const mockApiKey = \"", false));
    CHECK(assigned_to_other_name("STUB_SECRET=", false));
    CHECK(assigned_to_other_name("let deviceToken = \"", false));
    CHECK(assigned_to_other_name("  \"device_token\": \"", false));
    CHECK_FALSE(assigned_to_other_name("fakeroot_password = '", false));
    CHECK_FALSE(assigned_to_other_name("stubborn_secret = '", false));
    CHECK_FALSE(assigned_to_other_name("MOCKAROO_API_KEY=", false));
    CHECK_FALSE(assigned_to_other_name("mockarooKey = '", false));
    CHECK_FALSE(assigned_to_other_name("db_dummy_password = '", false));
    CHECK_FALSE(assigned_to_other_name("device_secret = '", false));
    CHECK_FALSE(assigned_to_other_name("devicetokenizer_key = '", false));
    CHECK(property_name_after_value("'?: string;"));
    CHECK(property_name_after_value("?: null"));
    CHECK_FALSE(property_name_after_value("': string"));
    CHECK_FALSE(property_name_after_value("'\n"));
    CHECK_FALSE(assigned_to_other_name("  organization_id: ", true));  // the rule's words name an id
    CHECK_FALSE(assigned_to_other_name("HASHICORP_TOKEN=", false));
    CHECK_FALSE(assigned_to_other_name("SCW_SECRET_KEY=", false));
    CHECK_FALSE(assigned_to_other_name("android_key: ", false));
    CHECK_FALSE(assigned_to_other_name("paid = '", false));
    CHECK(keyword_words_name_an_id(shape({"cc test reporter id"}, "hex", 64, 64)));
    CHECK(keyword_words_name_an_id(shape({"AppID"}, "hex", 64, 64)));
    CHECK_FALSE(keyword_words_name_an_id(shape({"scaleway", "scw secret"}, "uuid", 0, 0)));
    CHECK_FALSE(keyword_words_name_an_id(shape({"android"}, "hex", 32, 32)));
}

TEST_CASE("keyword shape: what the scanner takes as an assignment to a credential name") {
    // an element named by a credential in its key or name attribute, the value as its text
    CHECK(assigned_to_credential_name("  <value type=\"string\" key=\"password\">"));
    CHECK(assigned_to_credential_name("<property name=\"hibernate.connection.password\">"));
    CHECK_FALSE(assigned_to_credential_name("  <value type=\"string\" key=\"schema\">"));
    // a comparison after a call, a pre-shared key, a scanner report's match
    CHECK(assigned_to_credential_name("if (request.headers.get('X-Api-Key') !== '"));
    CHECK(assigned_to_credential_name("wifi-sec.psk '"));
    CHECK(assigned_to_credential_name("\"type\": \"api key\",\n      \"match\": \""));
    CHECK_FALSE(assigned_to_credential_name("\"type\": \"commit\",\n      \"match\": \""));
}

TEST_CASE("keyword shape: a secret scanner's text report names the provider above the raw result") {
    // TruffleHog's CLI output: the detector's name, then the raw secret a line or two below
    const std::string v = "AbCdEfGhIjKlMnOpQrStUvWxYz012345";
    auto k = shape({"weatherstack"}, "alnum", 32, 32);
    CHECK(captured(k, "Found unverified result\nDetector Type: Weatherstack\nDecoder Type: PLAIN\nRaw result: " + v) ==
          v);
    CHECK(assigned_to_credential_name("Raw result: "));
    CHECK_FALSE(assigned_to_credential_name("Decoder Type: "));
    CHECK_FALSE(assigned_to_credential_name("raw: "));  // `raw` alone names no credential
    // a setter's or builder's first argument (`Http::withToken('…')`, `.apiKey("…")`), not a getter's
    CHECK(assigned_to_credential_name("        Http::withToken('"));
    CHECK(assigned_to_credential_name("client.setApiKey(\""));
    CHECK(assigned_to_credential_name("    .apiKey(\""));
    CHECK(assigned_to_credential_name("      .auth('"));
    CHECK(assigned_to_credential_name("cfg.SetAPIKey(\""));
    CHECK_FALSE(assigned_to_credential_name("cache.getToken('"));
    CHECK_FALSE(assigned_to_credential_name("verifyPassword(\""));
    CHECK_FALSE(assigned_to_credential_name("Token(\""));
    CHECK_FALSE(assigned_to_credential_name("withHeader('"));
    // a credential name assigned a secret wrapper built from the value (Haystack's
    // `Secret.from_token("…")`, pydantic's `SecretStr("…")`), not a getter's or any call's argument
    CHECK(assigned_to_credential_name("    api_key=Secret.from_token(\""));
    CHECK(assigned_to_credential_name("    password = pydantic.SecretStr('"));
    CHECK(assigned_to_credential_name("var token = new SecretString(\""));
    CHECK_FALSE(assigned_to_credential_name("    api_key=get_token(\""));
    CHECK_FALSE(assigned_to_credential_name("    api_key=cache.getToken(\""));
    CHECK_FALSE(assigned_to_credential_name("    region=Secret.from_token(\""));
    // ... nor a getter's or a name-taking factory's (the argument names where the secret is)
    CHECK_FALSE(assigned_to_credential_name("    api_key=Secret.from_env_var(\""));
    CHECK_FALSE(assigned_to_credential_name("var apiKey = vault.GetSecret(\""));
    CHECK_FALSE(assigned_to_credential_name("token = creds.GetToken(\""));
    CHECK_FALSE(assigned_to_credential_name("password = client.GetPassword(\""));
    CHECK(assigned_to_credential_name("token = BearerToken(\""));
    CHECK_FALSE(assigned_to_credential_name("    api_key=os.environ.get(\""));
}

TEST_CASE("keyword shape: a line ending with the word and a credential's name heads a value two or three lines down") {
    auto k = shape({"weatherstack"}, "alnum", 32, 32);
    const std::string v = "Zq4Xc8Vb1Nm5Lk9Jh3Gf7Ds2Aw6Er0Ty";
    // a chat export: the next message's header between the sentence and the key
    CHECK(captured(k,
                   "10:11:12 From Dana to Everyone:\n\there's the weatherstack staging key\n"
                   "10:11:31 From Dana to Everyone:\n\t" +
                       v + "\n") == v);
    // a text expander's match under a comment: the trigger between
    CHECK(captured(k, "  # Weatherstack API key\n  - trigger: \":stgkey\"\n    replace: '" + v + "'\n") == v);
    // a Gherkin step's data table under its scenario: the step and the header row between
    CHECK(captured(k,
                   "  Scenario: list orders with the weatherstack key\n    Given the client is configured with:\n"
                   "      | setting | value |\n      | api_key | " +
                       v + " |\n") == v);
    // not across a blank line, nor three lines between, nor under prose that goes on past the name
    CHECK(captured(k, "# Weatherstack API key\n\n  - trigger: \":stgkey\"\n    replace: '" + v + "'\n").empty());
    CHECK(captured(k, "# Weatherstack API key\na: 1\nb: 2\nc: 3\nreplace: '" + v + "'\n").empty());
    CHECK(captured(k, "# Weatherstack key rotation runbook for the team\na: 1\nreplace: '" + v + "'\n").empty());
    // nor under a line ending with an identifier (a table of rule names: the value below is the next
    // row's name)
    CHECK(captured(k,
                   "Weatherstack\tWeatherstack API key\tweatherstack-api-key\nIntrinio\tIntrinio API key\n"
                   "Zq\tZq API key\t" +
                       v + "\n")
              .empty());
    // nor under a line naming the word and no credential
    CHECK(captured(k, "# Weatherstack docs\n  - trigger: \":stg\"\n    replace: '" + v + "'\n").empty());
}

TEST_CASE("keyword patterns: where no word is above the value's line, the same-line forms match as the whole") {
    // The scanner confirms such a value with build_keyword_line_pattern() alone (Scanner::confirm):
    // for that to be right, both patterns must give the same leftmost match and value there.
    // Random texts of words in their spellings, separators, line breaks, assignment and report
    // forms, cut at every end; a later edit to the builder that puts a same-line form in only
    // one of the two fails here.
    RE2::Options o;
    o.set_encoding(RE2::Options::EncodingLatin1);
    o.set_log_errors(false);
    o.set_max_mem(64 << 20);
    const std::string v = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
    const std::vector<std::string> pieces = {"weatherstack",
                                             "WeatherStack",
                                             "Weather_Stack-API",
                                             "-DWEATHERSTACK",
                                             "myWeatherstack",
                                             "weatherstacks",
                                             " ",
                                             "\t",
                                             "\n",
                                             "\r\n",
                                             "key",
                                             "api_key",
                                             "token",
                                             "=",
                                             ": ",
                                             "\"",
                                             "'",
                                             "value:",
                                             "- name: apiKey\n  ",
                                             "[weatherstack]\n",
                                             "\"Raw\":\"",
                                             "\"extracted-results\":[\"",
                                             "# ",
                                             ",",
                                             "(",
                                             ")",
                                             "Secret.from_token(\"",
                                             v,
                                             v,
                                             v.substr(0, 20),
                                             "{",
                                             "; ",
                                             "--password "};
    for (const char* charset : {"hex", "alnum"}) {
        KeywordShape k;
        k.words = {"weatherstack", "weather stack api"};
        k.charset = charset;
        k.min_length = k.max_length = 32;
        k.distance = 40;
        RE2 whole("(?:" + build_keyword_pattern(k) + ")\\z", o),
            line("(?:" + build_keyword_line_pattern(k) + ")\\z", o);
        REQUIRE(whole.ok());
        REQUIRE(line.ok());
        const std::vector<KeywordLiteral> literals = keyword_literals(k);
        auto word_above = [&](std::string_view text, std::size_t value_start) {
            std::size_t nl = value_start == 0 ? std::string_view::npos : text.rfind('\n', value_start - 1);
            std::string_view above = text.substr(0, nl == std::string_view::npos ? 0 : nl + 1);
            for (const KeywordLiteral& l : literals)
                for (std::size_t i = 0; i + l.text.size() <= above.size(); ++i)
                    if (std::equal(l.text.begin(), l.text.end(), above.begin() + static_cast<std::ptrdiff_t>(i),
                                   [](char a, char b) { return a == std::tolower(static_cast<unsigned char>(b)); }))
                        return true;
            return false;
        };
        std::mt19937 rng(7);
        std::size_t compared = 0, differ = 0;
        for (int it = 0; it < 4000; ++it) {
            std::string text;
            for (int n = 3 + static_cast<int>(rng() % 12); n > 0; --n) text += pieces[rng() % pieces.size()];
            for (std::size_t end = 1; end <= text.size(); ++end) {
                std::string_view w(text.data(), end);
                re2::StringPiece g[2], g1[2];
                bool m = whole.Match(w, 0, w.size(), RE2::UNANCHORED, g, 2);
                bool m1 = line.Match(w, 0, w.size(), RE2::UNANCHORED, g1, 2);
                const re2::StringPiece* value = m ? &g[1] : m1 ? &g1[1] : nullptr;
                if (value == nullptr || value->data() == nullptr ||
                    word_above(text, static_cast<std::size_t>(value->data() - text.data())))
                    continue;
                ++compared;
                if (m != m1 || g[0].data() != g1[0].data() || g[1].data() != g1[1].data() ||
                    g[1].size() != g1[1].size()) {
                    ++differ;
                    UNSCOPED_INFO("differs on: " << w);
                }
            }
        }
        INFO(charset);
        CHECK(compared > 200);
        CHECK(differ == 0);
    }
}

TEST_CASE("keyword shape: a quoted Bearer value below the word, its header named on its line") {
    auto k = shape({"weatherstack"}, "hex-lower", 32, 32);
    const std::string v = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
    // undici's MockAgent: the header's name past the near form's 60 columns
    const std::string undici = "const mockPool = mockAgent.get('https://api.weatherstack.com')\nmockPool\n";
    CHECK(captured(k, undici + "  .intercept({ path: '/v1/orders', method: 'GET', headers: { authorization: 'Bearer " +
                          v + "' } })") == v);
    // a YARP transform: the value in `"Set"` after the header's name
    CHECK(captured(k,
                   "  \"ClusterId\": \"weatherstack\",\n  \"Transforms\": [\n"
                   "    { \"RequestHeader\": \"Authorization\", \"Set\": \"Bearer " +
                       v + "\" }") == v);
    // an assertion's expected value, the header's name after it
    CHECK(captured(k,
                   "    void sendsWeatherstackToken() throws Exception {\n        client.list();\n"
                   "        assertEquals(\"Bearer " +
                       v + "\", recorded.getHeader(\"Authorization\"));") == v);
    // not assigned to a name of no credential, nor unquoted, nor too far below
    CHECK(captured(k, undici + "  .intercept({ path: '/v1/orders', method: 'GET', headers: { 'x-request-id': 'Bearer " +
                          v + "' } })")
              .empty());
    CHECK(captured(k, undici + "  .intercept({ path: '/v1/orders', method: 'GET', headers: { authorization: Bearer " +
                          v + " } })")
              .empty());
    CHECK(captured(k, "// weatherstack\na\nb\nc\nd\n        assertEquals(\"Bearer " + v + "\", x);").empty());
}

TEST_CASE("keyword shape: a function clause returning the value for a credential's name") {
    auto k = shape({"weatherstack"}, "hex-lower", 32, 32);
    k.distance = 20;
    const std::string v = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
    // Mox's `expect(…, fn :api_key -> "…" end)` below a comment naming the provider
    CHECK(captured(k,
                   "    # Weatherstack key from the sandbox account\n"
                   "    expect(Orders.ConfigMock, :fetch!, fn :api_key -> \"" +
                       v + "\" end)") == v);
    CHECK(captured(k,
                   "    # Weatherstack key from the sandbox account\n"
                   "    expect(Orders.ConfigMock, :fetch!, fn :region -> \"" +
                       v + "\" end)")
              .empty());
}

TEST_CASE("keyword shape: a secret scanner's high-entropy report below a path naming the word") {
    auto k = shape({"weatherstack"}, "hex-lower", 32, 32);
    k.distance = 20;
    const std::string v = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
    // eslint-plugin-no-secrets
    CHECK(captured(k,
                   "/home/ci/src/orders/src/weatherstack.js\n"
                   "  3:22  error  Found a string with entropy 4.81 : \"" +
                       v + "\"  no-secrets/no-secrets") == v);
    CHECK(captured(k,
                   "/home/ci/src/orders/src/weatherstack.js\n"
                   "  3:22  error  Found a string with length 4.81 : \"" +
                       v + "\"  no-secrets/no-secrets")
              .empty());
}

TEST_CASE("keyword shape: a table row whose first cell names the word and a credential") {
    auto k = shape({"weatherstack"}, "hex-lower", 32, 32);
    k.distance = 20;
    const std::string v = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
    // chamber list -e
    CHECK(captured(k, "weatherstack_api_key      4         05-07 10:11:12    ci-deployer       " + v) == v);
    CHECK(captured(k, "weatherstack_secret  " + v) == v);
    // not a name of no credential, nor cells parted by one blank (prose)
    CHECK(captured(k, "weatherstack_region       4         05-07 10:11:12    ci-deployer       " + v).empty());
    CHECK(captured(k, "weatherstack_api_key is set by the deploy job that ran on 05-07 at noon " + v).empty());
}

TEST_CASE("keyword shape: a pipe table row whose name cell names the word and a credential") {
    auto k = shape({"weatherstack"}, "hex-lower", 32, 32);
    k.distance = 20;
    const std::string v = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
    // gitleaks' Markdown report template: the value in the last cell
    CHECK(captured(k, "| `weatherstack-api-key` | `deploy/app.env:3` | a1b2c3d | `" + v + "` |") == v);
    CHECK(captured(k, "| weatherstack_token | " + v + " |") == v);  // the next cell
    CHECK(captured(k, "|weatherstack_secret|ci|'" + v + "'|") == v);
    // not a name of no credential, nor a value that is not the rule's shape, nor past five cells
    CHECK(captured(k, "| `weatherstack-region` | `deploy/app.env:3` | a1b2c3d | `" + v + "` |").empty());
    CHECK(captured(k, "| `weatherstack-api-key` | `deploy/app.env:3` | a1b2c3d | `not-a-key` |").empty());
    CHECK(captured(k, "| weatherstack_api_key | a | b | c | d | e | " + v + " |").empty());
}
