#pragma once
// Encoded values (docs/rules.md, "Encoded values"): base64 runs, percent-encoded runs, string
// escapes (\n, \", \/, \u002F) and a mail body's quoted-printable are decoded into views that
// the scanner scans again, so a token in a Kubernetes Secret, a Docker `auth`, an
// `Authorization: Basic` header, a URL, an escaped JSON string or a mail is found. Each view is the decoded text with
// the rest of its line around it, so that rules needing context (`password: …`) still see it.
//
// Bounds: runs of at most kMaxRun bytes, at most kMaxViewBytes of views per buffer; every
// decoder is one linear pass over its run, so the cost is linear in the input. The caller
// bounds the depth (nested encodings).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace nhiscan {

enum class Encoding : std::uint8_t { Base64, Percent, Escape };
const char* to_string(Encoding e);

struct DecodedView {
    Encoding how = Encoding::Base64;
    std::string text;                 // line prefix + decoded run + line suffix
    std::size_t decoded_begin = 0;    // [decoded_begin, decoded_end) of `text` came from the run
    std::size_t decoded_end = 0;
    std::size_t run_begin = 0;        // the encoded run in the scanned buffer
    std::size_t run_end = 0;
    // Per byte of `text`, its offset in the scanned buffer (for percent and escape views, whose
    // bytes map one to one or a few to one; base64 maps its decoded bytes to the whole run).
    std::vector<std::uint32_t> origin;
};

inline constexpr std::size_t kMinBase64Run = 16;
inline constexpr std::size_t kMaxRun = 256 * 1024;
inline constexpr std::size_t kMaxViewBytes = 8 * 1024 * 1024;
inline constexpr std::size_t kViewContext = 512;  // bytes of the run's line kept on each side

// The base64 run finder's instruction sets (decode.cpp picks the best the CPU has); exposed
// for the tests, which check every variant the machine can run against each other.
enum class B64Isa : std::uint8_t { Ssse3, Avx2, Avx512 };
B64Isa b64_best_isa();
bool b64_isa_supported(B64Isa isa);
// The start of the first run of at least kMinBase64Run base64-alphabet bytes at or after
// `from`, or data.size(); with the given instruction set.
std::size_t b64_next_long_run(std::string_view data, std::size_t from, B64Isa isa);

// The views of `data` worth scanning again: runs that decode to mostly printable text.
std::vector<DecodedView> decoded_views(std::string_view data);

// Decoders on their own (exposed for tests and the fuzz target). Each returns false when the
// input is not of that encoding.
bool decode_base64(std::string_view in, std::string& out);
bool decode_percent(std::string_view in, std::string& out, std::vector<std::uint32_t>* origin, std::size_t base);
bool decode_escapes(std::string_view in, std::string& out, std::vector<std::uint32_t>* origin, std::size_t base);
// XML/HTML character references (`&quot;`, `&#34;`, `&#x22;`; decode.cpp lists them), mapped like
// decode_escapes; false when there is none.
bool decode_entities(std::string_view in, std::string& out, std::vector<std::uint32_t>* origin, std::size_t base);
// Quoted-printable (RFC 2045): `=XX` in upper-case hex is the byte, `=` ending a line a soft line
// break (removed with the line break); mapped like decode_escapes; false when there is neither.
// decoded_views decodes it only after a `Content-Transfer-Encoding: quoted-printable` header.
bool decode_quoted_printable(std::string_view in, std::string& out, std::vector<std::uint32_t>* origin,
                             std::size_t base);

}  // namespace nhiscan
