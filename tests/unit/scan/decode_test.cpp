// Encoded values: the decoders and the views the scanner scans again (scan/decode.hpp).
#include "scan/decode.hpp"

#include <random>

#include <catch2/catch.hpp>

using namespace nhiscan;

namespace {

std::string b64(const std::string& in) {
    static const char* a = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    std::size_t i = 0;
    for (; i + 2 < in.size(); i += 3) {
        unsigned v = (unsigned char)in[i] << 16 | (unsigned char)in[i + 1] << 8 | (unsigned char)in[i + 2];
        out += {a[v >> 18], a[(v >> 12) & 63], a[(v >> 6) & 63], a[v & 63]};
    }
    if (i + 1 == in.size()) {
        unsigned v = (unsigned char)in[i] << 16;
        out += {a[v >> 18], a[(v >> 12) & 63], '=', '='};
    } else if (i + 2 == in.size()) {
        unsigned v = (unsigned char)in[i] << 16 | (unsigned char)in[i + 1] << 8;
        out += {a[v >> 18], a[(v >> 12) & 63], a[(v >> 6) & 63], '='};
    }
    return out;
}

}  // namespace

TEST_CASE("decoders: base64 (both alphabets), percent, escapes") {
    std::string out;
    CHECK(decode_base64(b64("user:Pa55-w0rd!"), out));
    CHECK(out == "user:Pa55-w0rd!");
    CHECK(decode_base64("c2VjcmV0LXZhbHVlXz8-", out));  // URL-safe alphabet
    CHECK_FALSE(decode_base64("abcde", out));            // 5 chars: not a whole quantum
    CHECK_FALSE(decode_base64("ab$d", out));
    std::vector<std::uint32_t> origin;
    CHECK(decode_percent("a%3Ab%2F", out, &origin, 10));
    CHECK(out == "a:b/");
    CHECK(origin == std::vector<std::uint32_t>{10, 11, 14, 15});
    CHECK_FALSE(decode_percent("100%", out, nullptr, 0));
    origin.clear();
    CHECK(decode_escapes(R"(K=v\nX=\"q\" \u002F\x41)", out, &origin, 0));
    CHECK(out == "K=v\nX=\"q\" /A");
    CHECK(origin.size() == out.size());
    CHECK(origin[3] == 3);  // the '\n' maps to the backslash of its escape
}

TEST_CASE("views: a base64 value is decoded with the rest of its line around it") {
    std::string data = "kind: Secret\ndata:\n  password: " + b64("S3cr3t-Pw9x!Zq") + "\n";
    auto views = decoded_views(data);
    REQUIRE(views.size() == 1);
    const auto& v = views[0];
    CHECK(v.how == Encoding::Base64);
    CHECK(v.text == "  password: S3cr3t-Pw9x!Zq");
    CHECK(v.text.substr(v.decoded_begin, v.decoded_end - v.decoded_begin) == "S3cr3t-Pw9x!Zq");
    CHECK(data.substr(v.run_begin, v.run_end - v.run_begin) == b64("S3cr3t-Pw9x!Zq"));
}

TEST_CASE("views: what is not decoded") {
    CHECK(decoded_views("x = LongIdentifierNameWithoutAnyDigits\n").empty());  // decodes to binary
    CHECK(decoded_views("sha = 0123456789abcdef0123456789abcdef\n").empty());   // one case only
    CHECK(decoded_views("printf(\"%s: %d\\n\", name, n);\n").empty());          // \n with no assignment after
    CHECK(decoded_views("short: " + b64("abc") + "\n").empty());
}

TEST_CASE("views: escapes and percent-encoding map each byte back to the input") {
    std::string data = "{\"env\": \"A=1\\nAPI_KEY=Zq8XwT2m\\nB=2\"}\n";
    auto views = decoded_views(data);
    REQUIRE(views.size() == 1);
    const auto& v = views[0];
    CHECK(v.how == Encoding::Escape);
    auto at = v.text.find("Zq8XwT2m");
    REQUIRE(at != std::string::npos);
    CHECK(data.substr(v.origin[at], 8) == "Zq8XwT2m");

    std::string url = "next=https%3A%2F%2Fu%3Apw%40h\n";
    auto pv = decoded_views(url);
    REQUIRE(pv.size() == 1);
    CHECK(pv[0].text == "next=https://u:pw@h");
    CHECK(url[pv[0].origin[pv[0].text.find("pw")]] == 'p');
}

TEST_CASE("views: the total is bounded") {
    std::string line = "k: " + b64("a fairly long decoded text value 0123456789") + "\n";
    std::string data;
    while (data.size() < 3 * kMaxViewBytes) data += line;
    auto views = decoded_views(data);
    std::size_t total = 0;
    for (const auto& v : views) total += v.text.size();
    CHECK(total <= kMaxViewBytes);
    CHECK(total > kMaxViewBytes / 2);
}

TEST_CASE("views: a base64 run is found wherever it starts relative to the 64-byte blocks") {
    // The run finder works on 64-byte blocks (a run inside one, or across two): the same run is
    // found at every offset, behind identifier runs of every length below 16 and not glued to
    // a longer run (which would make it part of that run).
    const std::string run = b64("user:Pa55-w0rd!x9");  // 24 characters, mixed classes
    for (std::size_t lead : {0, 1, 15, 16, 47, 48, 49, 63, 64, 65, 100, 127, 128, 130}) {
        for (std::size_t ident : {0, 5, 15}) {
            std::string data(lead, ' ');
            if (ident && lead > ident) data.replace(lead - ident - 1, ident, std::string(ident, 'q'));
            data += run + " ;" + std::string(70, '.') + "\n";
            auto views = decoded_views(data);
            INFO("lead " << lead << ", identifier " << ident);
            REQUIRE(views.size() == 1);
            CHECK(views[0].run_begin == lead);
            CHECK(views[0].run_end == lead + run.size());
        }
    }
    // At the end of the data, where under 64 bytes are left and the run may begin in the last
    // full block: every split of the run between that block and the tail.
    for (std::size_t lead = 0; lead <= 140; ++lead) {
        std::string data = std::string(lead, ' ') + run;
        auto views = decoded_views(data);
        INFO("lead " << lead << ", at the end");
        REQUIRE(views.size() == 1);
        CHECK(views[0].run_begin == lead);
        CHECK(views[0].run_end == data.size());
    }
    // Identifier runs of 15 between non-alphabet bytes, across many blocks: no view.
    std::string idents;
    for (int i = 0; i < 40; ++i) idents += "abcdefghijklmno.";
    CHECK(decoded_views(idents).empty());
}

TEST_CASE("views: exactly the base64 alphabet continues a run (every byte value)") {
    // The run's end is found 16 bytes at a time by a byte classifier (SIMD table lookups): each
    // of the 256 byte values right after the run either ends it or continues it.
    const std::string run = b64("user:Pa55-w0rd!x9y");  // 24 characters, no padding
    REQUIRE(run.size() == 24);
    const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_";
    for (int c = 0; c < 256; ++c) {
        if (c == '=') continue;  // padding: part of the run's end
        std::string data = run + static_cast<char>(c) + std::string(20, 'A') + " ;" + std::string(70, '.') + "\n";
        bool in_alphabet = alphabet.find(static_cast<char>(c)) != std::string::npos;
        std::size_t base64 = 0;
        bool ends_there = false;
        for (const auto& v : decoded_views(data)) {
            if (v.how != Encoding::Base64) continue;  // `%` and `\` may add views of their own
            ++base64;
            ends_there = v.run_begin == 0 && v.run_end == run.size();
        }
        ends_there = ends_there && base64 == 1;
        INFO("byte " << c);
        CHECK(ends_there == !in_alphabet);
    }
}

TEST_CASE("views: the base64 run finder agrees with a byte-by-byte count on every instruction set the CPU has") {
    // SSSE3, AVX2 and AVX-512BW classify 64-byte blocks; a plain count of consecutive alphabet
    // bytes says where the first run of 16 starts. Mixed texts put run ends at every offset.
    const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_";
    const std::string other = " .=\n\"%\\:\x80\xff";
    std::mt19937 rng(11);
    std::size_t checked = 0;
    for (int t = 0; t < 3000; ++t) {
        std::string d;
        const unsigned other_in = 2 + rng() % 40;  // one byte in N breaks runs
        for (std::size_t n = rng() % 400; n > 0; --n)
            d += rng() % other_in ? alphabet[rng() % alphabet.size()] : other[rng() % other.size()];
        const std::size_t from = d.empty() ? 0 : rng() % (d.size() + 1);
        std::size_t expected = d.size();
        for (std::size_t k = from, run = 0; k < d.size(); ++k) {
            run = alphabet.find(d[k]) != std::string::npos ? run + 1 : 0;
            if (run == kMinBase64Run) {
                expected = k + 1 - run;
                break;
            }
        }
        for (B64Isa isa : {B64Isa::Ssse3, B64Isa::Avx2, B64Isa::Avx512}) {
            if (!b64_isa_supported(isa)) continue;
            INFO("isa " << static_cast<int>(isa) << ", text [" << d << "] from " << from);
            REQUIRE(b64_next_long_run(d, from, isa) == expected);
            ++checked;
        }
    }
    CHECK(checked >= 3000);
}

TEST_CASE("views: XML and HTML character references are decoded as escapes, byte for byte") {
    // .NET config and HTML keep JSON in attributes with &quot;; numeric references too.
    std::string data = "<add key=\"Db\" value=\"{&quot;password&quot;:&#34;Zq8XwT2m&#x22;}\" />\n";
    auto views = decoded_views(data);
    REQUIRE(views.size() == 1);
    const auto& v = views[0];
    CHECK(v.how == Encoding::Escape);
    CHECK(v.text == "<add key=\"Db\" value=\"{\"password\":\"Zq8XwT2m\"}\" />");
    auto at = v.text.find("Zq8XwT2m");
    REQUIRE(at != std::string::npos);
    CHECK(data.substr(v.origin[at], 8) == "Zq8XwT2m");
    CHECK(data.substr(v.origin[v.text.find("\"password")], 6) == "&quot;");

    std::string out;
    CHECK(decode_entities("a &lt;b&gt; &apos;c&apos; &#65;&#x42;", out, nullptr, 0));
    CHECK(out == "a <b> 'c' AB");
    // Not decoded: no semicolon, unknown names, `&amp;` (it joins example URLs' parameters in
    // documentation), digits out of printable ASCII, too many digits.
    CHECK_FALSE(decode_entities("a && b &quot &nbsp; &amp; &#10; &#x7f; &#123456; &#; &#x;", out, nullptr, 0));
    CHECK(out == "a && b &quot &nbsp; &amp; &#10; &#x7f; &#123456; &#; &#x;");
    CHECK(decoded_views("if (a && b) { p = &q; }\n").empty());
}

TEST_CASE("views: a mail body's quoted-printable after its Content-Transfer-Encoding header") {
    // `=3D` hides the `=`, `=22` a quote, a soft line break (`=` ending a line) splits a line.
    std::string data =
        "From: ops@acme.example\nContent-Type: text/plain; charset=utf-8\n"
        "Content-Transfer-Encoding: quoted-printable\n\nACME_TOKEN=3DZq8XwT2mP4\n\n"
        "apiKey: =22Lm3Nq7Rt=\nZ9=22\nDon=E2=80=99t\n";
    auto views = decoded_views(data);
    REQUIRE(views.size() == 3);
    CHECK(views[0].how == Encoding::Escape);
    CHECK(views[0].text == "ACME_TOKEN=Zq8XwT2mP4");
    CHECK(data.substr(views[0].origin[views[0].text.find("Zq8")], 3) == "Zq8");
    CHECK(views[1].text == "apiKey: \"Lm3Nq7RtZ9\"");
    CHECK(data.substr(views[1].origin[views[1].text.find("Z9")], 2) == "Z9");
    CHECK(views[2].text == "Don\xE2\x80\x99t");

    std::string out;
    CHECK(decode_quoted_printable("a=3Db=\r\nc", out, nullptr, 0));
    CHECK(out == "a=bc");
    CHECK_FALSE(decode_quoted_printable("x=3d y= z =", out, nullptr, 0));  // lower-case hex: not QP
    // Without the header, `=3D` and a trailing `=` are left alone (code, base64 padding).
    CHECK(decoded_views("ACME_TOKEN=3DZq8XwT2mP4\nx = a +=\n  b\n").empty());
}
