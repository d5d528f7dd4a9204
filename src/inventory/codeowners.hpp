#pragma once
// CODEOWNERS as GitHub and GitLab read it: the first of .github/CODEOWNERS, CODEOWNERS,
// docs/CODEOWNERS, .gitlab/CODEOWNERS in HEAD's tree (GitHub's order; GitLab's root, docs/,
// .gitlab/ keep theirs); gitignore-style patterns; the last matching line wins. GitLab
// sections (`[Name]`, `^[Name]`, `[Name][2]`, with optional default owners) each pick their
// own last matching line and the owners of every section add up; a line without owners takes
// its section's defaults. A matching line with no owners at all leaves the path unowned.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <git2.h>

namespace re2 {
class RE2;
}

namespace nhiscan::inventory {

struct OwnerRule {
    std::string pattern;
    std::vector<std::string> owners;  // its own, else its section's defaults
    std::size_t line = 0;
    std::size_t section = 0;  // index into the file's sections; 0 is the part before any header
    std::shared_ptr<re2::RE2> re;
};

// What owns one path: the deciding line of each section that matches, and their owners.
struct OwnerMatch {
    std::vector<const OwnerRule*> rules;  // in file order
    std::vector<std::string> owners;      // union, in order of first mention; empty: unowned
};

class CodeOwners {
public:
    // Parses CODEOWNERS text; lines it cannot use (bad patterns) are skipped.
    CodeOwners(std::string file, std::string_view text);
    // HEAD's CODEOWNERS of `repo`, or nullopt when it has none.
    static std::optional<CodeOwners> from_head(git_repository* repo);

    // The lines deciding `path`, or nullopt when no line matches.
    std::optional<OwnerMatch> match(std::string_view path) const;
    const std::string& file() const { return file_; }
    // "FILE:LINE 'PATTERN'" for each deciding line, with "[Section]" when it has one.
    std::string describe(const OwnerMatch& m) const;

private:
    std::string file_;
    std::vector<std::string> sections_{""};  // names; "" for the part before any header
    std::vector<OwnerRule> rules_;
};

// A CODEOWNERS pattern as an RE2 pattern over repository-relative paths.
std::string codeowners_regex(std::string_view pattern);

}  // namespace nhiscan::inventory
