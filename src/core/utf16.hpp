#pragma once
// UTF-16 text (Windows "Unicode" files: PowerShell scripts, .reg exports, SQL Server scripts,
// some .NET configs) holds a NUL in every ASCII character, so git's binary heuristic skips it.
// It is scanned as text instead: one byte per code unit, so lines and columns stay those of
// the file and a credential (ASCII) reads as it does in any other file.
#include <string>

#include "core/bytes.hpp"

namespace nhiscan {

// A byte-order mark (FF FE or FE FF) before code units of which fewer than 10% are NUL, or,
// without one, code units of which at least 90% are printable ASCII or a tab or line break
// in one byte order (over the first 8000 bytes).
bool looks_utf16(ByteView data);

// The text of UTF-16 `data` in the byte order looks_utf16 found: an ASCII or Latin-1 code unit
// as its byte, any other (and NUL) as 0x1A, which no rule's value holds. A byte-order mark is
// dropped (columns are an editor's), and so is a trailing odd byte.
std::string utf16_to_text(ByteView data);

}  // namespace nhiscan
