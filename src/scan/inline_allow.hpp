#pragma once
// Inline allow markers: comments in the scanned text that keep a line out of the report.
//   nhiscan:allow            this line
//   gitleaks:allow           this line (gitleaks' marker, so migrated code keeps its exceptions)
//   nhiscan:allow-next-line  the line after the marker's line (not its own)
// Only the line content matters, so a marker works the same in dir, staged and git history.
#include <string_view>
#include <vector>

namespace nhiscan {

struct AllowedLine {
    std::size_t begin, end;  // [begin, end): the line's bytes, end at its '\n' or the data's end
};

// The lines the markers in `data` allow, sorted and disjoint. Linear in the size of `data`.
std::vector<AllowedLine> inline_allowed_lines(std::string_view data);

}  // namespace nhiscan
