#include <catch2/catch.hpp>

#include "scan/predicates.hpp"
#include "scan/validators.hpp"

using namespace nhiscan;

namespace {
std::string b64url(std::string_view s) {
    static const char* a = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::string out;
    int val = 0, bits = -6;
    for (unsigned char c : s) {
        val = (val << 8) + c;
        bits += 8;
        while (bits >= 0) {
            out.push_back(a[(val >> bits) & 0x3F]);
            bits -= 6;
        }
    }
    if (bits > -6) out.push_back(a[((val << 8) >> (bits + 8)) & 0x3F]);
    return out;
}
}  // namespace

TEST_CASE("GitHub CRC32 checksum") {
    std::string body = "FAKE0fake1FAKE2fake3FAKE4fake5";
    REQUIRE(body.size() == 30);
    std::string token = std::string("ghp") + "_" + body + base62_crc32(body);
    CHECK(validate_secret("github-crc32", token).valid);
    std::string broken = token;
    broken.back() = broken.back() == 'A' ? 'B' : 'A';
    auto v = validate_secret("github-crc32", broken);
    CHECK(v.checked);
    CHECK_FALSE(v.valid);
    CHECK(base62_crc32("").size() == 6);
}

TEST_CASE("JWT structure and expiry") {
    std::string header = b64url(R"({"alg":"HS256","typ":"JWT"})");
    std::string expired = header + "." + b64url(R"({"sub":"x","exp":1600000000})") + ".c2lnbmF0dXJl";
    auto v = validate_secret("jwt", expired);
    CHECK(v.valid);
    CHECK(v.note == "expired 2020-09-13T12:26:40Z");
    auto future = validate_secret("jwt", header + "." + b64url(R"({"exp":4102444800})") + ".c2ln");
    CHECK(future.note == "expires 2100-01-01T00:00:00Z");
    CHECK_FALSE(validate_secret("jwt", b64url("{}") + "." + b64url("{}") + ".x").valid);  // no alg
    CHECK_FALSE(validate_secret("jwt", "eyJnotjson.eyJ.x").valid);
}

TEST_CASE("PEM and OpenSSH bodies") {
    // base64 of 0x30 0x82 ... : a DER SEQUENCE
    std::string der = "MIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu";
    CHECK(validate_secret("pem", "-----BEGIN RSA PRIVATE KEY-----\n" + der + "\n-----END RSA PRIVATE KEY-----").valid);
    CHECK_FALSE(validate_secret("pem", "-----BEGIN RSA PRIVATE KEY-----\nnotbase64!!\n-----END RSA PRIVATE KEY-----").valid);
    // As pasted into JSON: literal backslash-n escapes instead of newlines.
    CHECK(validate_secret("pem", "-----BEGIN PRIVATE KEY-----\\n" + der + "\\n-----END PRIVATE KEY-----").valid);
    std::string ossh = "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAAB";  // "openssh-key-v1\0..."
    CHECK(validate_secret("openssh", "-----BEGIN OPENSSH PRIVATE KEY-----\n" + ossh + "\n-----END OPENSSH PRIVATE KEY-----").valid);
    CHECK_FALSE(validate_secret("openssh", "-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----").valid);
}

TEST_CASE("AWS access key id structure") {
    CHECK(validate_secret("aws-key-id", std::string("AKIA") + "QYLPMN5HFIQR7XYZ").valid);
    CHECK_FALSE(validate_secret("aws-key-id", std::string("AKIA") + "QYLPMN5HFIQR7XY1").valid);  // '1' not base32
    CHECK_FALSE(validate_secret("aws-key-id", "AKIA123").valid);
    CHECK_FALSE(validate_secret("", "anything").checked);
}

TEST_CASE("predicates") {
    using namespace predicates;
    CHECK(repeated("aaaaaaaaab"));
    CHECK(repeated("abcabcabcabc"));
    CHECK_FALSE(repeated("q8Zr4kTn2Lw9"));
    CHECK(sequential("abcdefgh12"));
    CHECK(sequential("0123456789"));
    CHECK_FALSE(sequential("q8Zr4kTn2Lw9"));
    CHECK(single_class("12345678"));
    CHECK(single_class("onlylowercase"));
    CHECK_FALSE(single_class("Mixed123"));
    CHECK(word_like("development"));
    CHECK(word_like("PRODUCTION"));
    CHECK_FALSE(word_like("jbaizbmyqpm"));  // random a-z: 2 vowels in 11
    CHECK_FALSE(word_like("j060a9gkho5"));  // has digits
    CHECK_FALSE(word_like("Development"));  // two cases: not one class
    CHECK(hex_hash(std::string(40, 'a')));
    CHECK_FALSE(hex_hash(std::string(41, 'a')));
    CHECK(uuid("123e4567-e89b-12d3-a456-426614174000"));
    CHECK_FALSE(uuid("123e4567e89b12d3a456426614174000"));
    // keyboard mashing: home-row letters (>= 6 letters, >= 80% home row), row walks of 5
    CHECK(keyboard_mash("jdkfls8263940"));
    CHECK(keyboard_mash("a8sdfjh2k9l"));
    CHECK_FALSE(keyboard_mash("fad3dfa9adf1ffa"));  // hex letters: a, d, f only
    CHECK(keyboard_mash("Qwert-2024-x81"));
    CHECK(keyboard_mash("x7ZXCVB_91k"));
    CHECK(keyboard_mash("9poiuy3"));
    CHECK_FALSE(keyboard_mash("q8Zr4kTn2Lw9"));
    CHECK_FALSE(keyboard_mash("asdf1234"));       // 4 letters: too few to tell
    CHECK_FALSE(keyboard_mash("ASDJFKHLS9x"));    // upper-case home row is as likely as any other
    CHECK_FALSE(keyboard_mash("sk8Lk3aDf9hJ2gQ"));
    CHECK_FALSE(keyboard_mash("qwe-rty-uio"));     // walks are unbroken
    CHECK(check("keyboard-mash", "jdkfls8263940"));
    // JWTs signed with a documented placeholder HMAC key (HS256: jwt.io's "your-256-bit-secret",
    // "your-secret-key"; HS512: "secret"); the same claims under another key are kept
    CHECK(jwt_placeholder_key("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJmYWtlMHRlc3QiLCJpYXQiOjE3MDAwMDAwMDB9."
                              "_WFSr_JuN7be7eRskxNxrgeeR-mQ_2OYUI-faUTqldY"));
    CHECK(jwt_placeholder_key("eyJhbGciOiJIUzI1NiJ9.eyJrIjoiZGVtbyJ9.oIxVe-PZq_jpUEsqUVNuO5c_g87DR0BQQKg81_XdYpw"));
    CHECK(jwt_placeholder_key("eyJhbGciOiJIUzUxMiIsInR5cCI6IkpXVCJ9.eyJ1c2VyX2lkIjo0Miwicm9sZSI6ImZha2UwdGVzdCJ9."
                              "D-yDIj6F81_pS-ReCiJX5PfpFkrAItjKtLWrxV9eJzF_tFjht9b0O0dAKFzOQR9Hkg0qfZoqx_9Lg5QtjcFJ7Q"));
    CHECK_FALSE(jwt_placeholder_key("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJmYWtlMHRlc3QiLCJpYXQiOjE3MDAwMDAwMDB9."
                                    "Y50-ivPcQ8z3cKUBqmpqQFmXnjvMxubq58CsJf86ZCI"));
    CHECK_FALSE(jwt_placeholder_key("eyJhbGciOiJIUzI1NiJ9.eyJrIjoiZGVtbyJ9"));        // no signature
    CHECK_FALSE(jwt_placeholder_key("eyJhbGciOiJIUzI1NiJ9.eyJrIjoiZGVtbyJ9.x.y"));    // not three parts
    CHECK_FALSE(jwt_placeholder_key("q8Zr4kTn2Lw9"));
    CHECK(check("jwt-placeholder-key", "eyJhbGciOiJIUzI1NiJ9.eyJrIjoiZGVtbyJ9.oIxVe-PZq_jpUEsqUVNuO5c_g87DR0BQQKg81_XdYpw"));
}

TEST_CASE("jwt-unsigned: alg none in the header, any case and spacing") {
    using nhiscan::predicates::check;
    CHECK(check("jwt-unsigned",
                "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiJmYWtlMHRlc3QiLCJpYXQiOjE3MDAwMDAwMDB9."
                "xxxxFAKExxxxSIGNATURExxxx"));
    CHECK(check("jwt-unsigned",
                "eyJ0eXAiOiAiSldUIiwgImFsZyI6ICJOb25lIn0.eyJzdWIiOiJmYWtlMHRlc3QiLCJpYXQiOjE3MDAwMDAwMDB9."));
    CHECK_FALSE(check("jwt-unsigned",
                      "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJmYWtlMHRlc3QiLCJpYXQiOjE3MDAwMDAwMDB9."
                      "Y50-ivPcQ8z3cKUBqmpqQFmXnjvMxubq58CsJf86ZCI"));
    CHECK_FALSE(check("jwt-unsigned", "q8Zr4kTn2Lw9"));
}

TEST_CASE("low-entropy-for-length: a floor that follows length and alphabet, flat under 12 characters") {
    using nhiscan::predicates::check;
    CHECK_FALSE(check("low-entropy-for-length", "q8Zr4kTn2Lw9"));  // 12 distinct: 3.58 bits
    CHECK_FALSE(check("low-entropy-for-length", "q8Zr4kTn2Lq9"));  // one repeat: 3.42, under a flat 3.5
    CHECK_FALSE(check("low-entropy-for-length", "k3j9x0q2m7w1z8p4"));
    CHECK(check("low-entropy-for-length", "aaaa1111bbbb2222"));
    CHECK(check("low-entropy-for-length", "aabbccdd1122"));
    CHECK(check("low-entropy-for-length", "Xk2pQ9zLm4"));  // under 12: the flat 3.5 bits
    CHECK(check("low-entropy-for-length", ""));
    // A hex value of one case is judged against 16 symbols: a random 32-hex key has 3.3-3.7
    // bits, under the 3.5 floor of lower-case alphanumerics, and passes; a hex run that repeats
    // does not.
    CHECK_FALSE(check("low-entropy-for-length", "b7754fb8b1048f48ff58b1c2b7101fd9"));  // 3.35 bits
    CHECK_FALSE(check("low-entropy-for-length", "28D5B5AE164FAD50DA9882101D4B3896E3DBCFD6CBC0F6D9A7F90E61FC4D0360"));
    CHECK(check("low-entropy-for-length", "abab1212abab1212abab1212abab1212"));
    CHECK(check("low-entropy-for-length", "b7754fb8b1048f48ff58b1c2b7101fzz"));            // not hex: 36 symbols
    CHECK_FALSE(check("low-entropy-for-length", "5254d9fa-ae9a-4ae4-a3ec-c3e554c534a8"));  // a UUID's 32 hex digits
    CHECK(check("low-entropy-for-length", "abab1212-abab-1212-abab-1212abab1212"));
}

TEST_CASE("identifier-words: letters that read as camelCase or snake_case words, not random letters") {
    using nhiscan::predicates::check;
    for (const char* id :
         {"Incomplete", "HTTPPasswordMgr", "AWSAccessKeyId", "IAmSensitive", "getApiToken", "SECRET_VALUE",
          // references, code after a name, a struct tag's key, a constant ending a sentence
          "credValue.AccessKeyID", "other.APIKey", "!auth.useApiKey", "userAuthGSSAPITokenReq.Token", "+fmt.Sprintf(",
          "locationName:", "MINIO_SECRET_KEY.", "cfg.oauth2.clientSecret", "getApiKey()"})
        CHECK(check("identifier-words", id));
    for (const char* random :
         {"AAtGuvgblWMJdeE", "yDjPKzeGXqMh", "KGaibLuIarYxFd", "elNImiKlWbiFbZXotC_gMB", "q8Zr4kTn2Lw9",
          "bXLEg6k47f1q.WdD", "oHWJXb2.yxymmOwx", "lW8tXle_.Op5F7jl", "Ak.6Bm2i33edsjal", "x.", "!", "a..b"})
        CHECK_FALSE(check("identifier-words", random));
}

TEST_CASE("base64-phrase: base64 of words with blanks, not of a token or a user:password pair") {
    using nhiscan::predicates::check;
    CHECK(check("base64-phrase", "dGhpcyBpcyBhIGZha2UgYmVhcmVyIHRva2VuIQ=="));  // this is a fake bearer token!
    CHECK(check("base64-phrase", "bm90IG15IHJlYWwgcGFzc3dvcmQ="));              // not my real password
    CHECK_FALSE(check("base64-phrase", "Y2ktYm90OkZrOXQzc3RQdzByZC1RMg=="));    // ci-bot:Fk9t3stPw0rd-Q2
    CHECK_FALSE(check("base64-phrase", "q8Zr4kTn2Lw9hX7pQ2mV9sLk"));            // random bytes
    CHECK_FALSE(check("base64-phrase", "not base64 at all!"));
    // base64 of typed filler: the alphabet, keys of the home row
    CHECK(check("base64-phrase", "YWJjZGVmZGdoaWprbG1ub3BxcnN0dXZ3eHl6MTIzNDU="));  // abcdefdghijklmnopqrstuvwxyz12345
    CHECK(
        check("base64-phrase", "c2xrZmpoYWRsZmFramhkc2xma2phaHNkbGZramhhc2xkZmtqaGFzZGxrZmpobGtq"));  // slkfjhadlfakjh…
    CHECK_FALSE(check("base64-phrase", "VHIwdWI0ZG9yJjN4LXE4WnI0a1Ru"));  // Tr0ub4dor&3x-q8Zr4kTn
    CHECK_FALSE(check("base64-phrase", "ZGVwbG95OlhrMnBROXpMNG1SdA=="));  // deploy:Xk2pQ9zL4mRt
}

TEST_CASE("not-user-password: true unless the value is base64 of user:password") {
    using nhiscan::predicates::check;
    CHECK_FALSE(check("not-user-password", "Y2ktYm90OkZrOXQzc3RQdzByZC1RMg=="));          // ci-bot:Fk9t3stPw0rd-Q2
    CHECK_FALSE(check("not-user-password", "ZGVwbG95OlhrMnBROSB6TDRtUnQtMHRlc3Q="));      // a blank in the password
    CHECK(check("not-user-password", "Y2kgYm90OkZrOXQzc3Q="));                            // a blank in the user
    CHECK_FALSE(check("not-user-password", "c2tfbGl2ZV9OMHRSM2FsWng4MXFLcDVZdDJXbTo="));  // an API key as the user
    CHECK(check("not-user-password", "Y2ktYm90Og=="));                                    // no password
    CHECK(check("not-user-password", "OkZrOXQzc3RQdzByZA=="));                            // no user
    CHECK(check("not-user-password", "Y2ktYm90CjpGazl0M3N0UHcwcmQ="));                    // a line break
    CHECK(check("not-user-password", "Multilingual"));                                    // a word after `Basic `
    CHECK(check("not-user-password", "ITraceparent"));                // `!:` then bytes of no encoding
    CHECK_FALSE(check("not-user-password", "am9zw6k6RmXDpHQzc3Q="));  // josé:Feät3st, UTF-8
    CHECK(check("not-user-password", "q8Zr4kTn2Lw9hX7pQ2mV9sLk"));                        // random bytes
    CHECK(check("not-user-password", "not base64 at all!"));
}

TEST_CASE("base64-example-pair: a password that repeats the user or is a stand-in word") {
    using nhiscan::predicates::check;
    CHECK(check("base64-example-pair", "bWF4Om1heA=="));                            // max:max
    CHECK(check("base64-example-pair", "bG9naW46cGFzcw=="));                        // login:pass
    CHECK(check("base64-example-pair", "QWRtaW46cHdk"));                            // Admin:pwd
    CHECK_FALSE(check("base64-example-pair", "Y2ktYm90OkZrOXQzc3RQdzByZC1RMg=="));  // ci-bot:Fk9t3stPw0rd-Q2
    CHECK_FALSE(check("base64-example-pair", "bWF4Om1heDE5ODQ="));                  // max:max1984
    CHECK_FALSE(check("base64-example-pair", "Y2ktYm90Og=="));                      // no password
    CHECK_FALSE(check("base64-example-pair", "q8Zr4kTn2Lw9hX7pQ2mV9sLk"));          // random bytes
    CHECK(check("base64-example-pair", "YWxpY2U6MTIzNDU2"));                        // alice:123456
    CHECK_FALSE(check("base64-example-pair", "YWxpY2U6MTIz"));                      // alice:123 (too short to say)
    CHECK_FALSE(check("base64-example-pair", "YWxpY2U6OTE4MjczNjQ="));              // alice:91827364
    // a JSON login whose password spells "password" (a local development server's default login)
    CHECK(check("base64-example-pair", "eyJVc2VySUQiOiJkZXZVc2VyIiwiUGFzc3dvcmQiOiJkZXZQYXNzd29yZCJ9"));
    CHECK_FALSE(check("base64-example-pair", "eyJVc2VySUQiOiJjaS1ib3QiLCJQYXNzd29yZCI6IkZrOXQzc3RQdzByZC1RMiJ9"));
}

TEST_CASE("placeholder-body: runs, repeated units and interleaved runs over half the value") {
    using namespace nhiscan::predicates;
    CHECK(placeholder_body("aio_0123456789abcdef0123456789ab"));  // runs behind a prefix
    CHECK(placeholder_body("AKIAABCDEFGHIJKLMNOP"));
    CHECK(placeholder_body("a1b2c3d4"));                                           // interleaved runs
    CHECK(placeholder_body("sk-ant-api03-a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6"));  // a repeated unit of 12
    CHECK(placeholder_body("xoxb-0000000000-0000000000000-XXXXXXXXXXXXXXXXXXXXXXXX"));
    CHECK(placeholder_body("9876543210"));                            // descending
    CHECK(placeholder_body("12345678-9012-3456-7890-123456789012"));  // across separators
    CHECK(placeholder_body("a1b2c3d4-e5f6-a1b2-c3d4-e5f6a1b2c3d4"));
    CHECK_FALSE(placeholder_body("3f1c9a2e-7b4d-4e8a-9c1f-0d2b6e5a7c3f"));  // a random UUID
    CHECK_FALSE(placeholder_body("q8Zr4kTn2Lw9hX7pQ2mV9sLk4Rb0Zt5Y"));
    CHECK_FALSE(placeholder_body("1234abcd-q8Zr4kTn2Lw9hX7p"));  // a run, but under half
    CHECK_FALSE(placeholder_body("12341234q8Zr4kTn"));           // a unit of 4 twice: 4 equal, not 7
    CHECK_FALSE(placeholder_body("abcd123"));                    // under 8 characters
    CHECK_FALSE(placeholder_body("./0123zZ"));                   // runs are letters or digits of one class
    CHECK(check("placeholder-body", "00000000"));
}
