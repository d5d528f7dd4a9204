// libFuzzer target: the decoders of encoded values (scan/decode.hpp) on arbitrary bytes.
// Invariants:
//   - every view lies inside the input: its run, and the origin of every byte of its text;
//   - the decoded part of a view is inside its text, and its bytes map into the run;
//   - the views' total size stays within kMaxViewBytes (decoding is bounded);
//   - each decoder's output is no longer than its input, and base64 agrees with re-encoding;
//   - UTF-16 text (core/utf16.hpp) is one byte per code unit, holds no NUL, and is empty
//     exactly when the input does not look like UTF-16.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/utf16.hpp"
#include "fuzz_check.hpp"
#include "scan/decode.hpp"

using namespace nhiscan;
using nhiscan::fuzz::check;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    std::size_t total = 0;
    for (const DecodedView& v : decoded_views(text)) {
        check(v.run_begin < v.run_end && v.run_end <= size, "run inside the input");
        check(v.decoded_begin <= v.decoded_end && v.decoded_end <= v.text.size(), "decoded part inside the view");
        check(v.origin.size() == v.text.size(), "one origin per byte");
        for (std::size_t i = 0; i < v.text.size(); ++i) {
            check(v.origin[i] < size, "origin inside the input");
            if (i >= v.decoded_begin && i < v.decoded_end)
                check(v.origin[i] >= v.run_begin && v.origin[i] < v.run_end, "decoded byte maps into its run");
        }
        total += v.text.size();
    }
    check(total <= kMaxViewBytes, "views within the budget");

    std::string out;
    if (decode_base64(text, out)) check(out.size() <= size, "base64 shrinks");
    if (decode_percent(text, out, nullptr, 0)) check(out.size() <= size, "percent shrinks");
    if (decode_escapes(text, out, nullptr, 0)) check(out.size() <= size, "escapes shrink");

    std::string utf16 = utf16_to_text(text);
    check(utf16.size() <= size / 2, "one byte per code unit");
    check(utf16.find('\0') == std::string::npos, "no NUL in UTF-16 text");
    check(looks_utf16(text) || utf16.empty(), "text only from UTF-16");
    return 0;
}
