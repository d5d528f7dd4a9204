#pragma once
// CODEOWNERS as GitHub reads it: the first of .github/CODEOWNERS, CODEOWNERS, docs/CODEOWNERS
// in HEAD's tree; gitignore-style patterns; the last matching line wins; a matching line with
// no owners leaves the path unowned.
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
    std::vector<std::string> owners;
    std::size_t line = 0;
    std::shared_ptr<re2::RE2> re;
};

class CodeOwners {
public:
    // Parses CODEOWNERS text; lines it cannot use (bad patterns) are skipped.
    CodeOwners(std::string file, std::string_view text);
    // HEAD's CODEOWNERS of `repo`, or nullopt when it has none.
    static std::optional<CodeOwners> from_head(git_repository* repo);

    // The last rule matching `path`, or nullptr.
    const OwnerRule* match(std::string_view path) const;
    const std::string& file() const { return file_; }

private:
    std::string file_;
    std::vector<OwnerRule> rules_;
};

// A CODEOWNERS pattern as an RE2 pattern over repository-relative paths.
std::string codeowners_regex(std::string_view pattern);

}  // namespace nhiscan::inventory
