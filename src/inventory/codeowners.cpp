#include "inventory/codeowners.hpp"

#include <sstream>

#include <re2/re2.h>

#include "sources/git/handle.hpp"
#include "sources/git/repo.hpp"

namespace nhiscan::inventory {

std::string codeowners_regex(std::string_view pat) {
    bool anchored = false;
    if (!pat.empty() && pat.front() == '/') {
        anchored = true;
        pat.remove_prefix(1);
    }
    bool dir_only = false;
    if (!pat.empty() && pat.back() == '/') {
        dir_only = true;
        pat.remove_suffix(1);
    }
    // gitignore: a slash anywhere but at the end anchors the pattern to the root.
    if (pat.find('/') != std::string_view::npos) anchored = true;
    std::string body;
    for (std::size_t i = 0; i < pat.size(); ++i) {
        char c = pat[i];
        if (c == '*' && i + 1 < pat.size() && pat[i + 1] == '*') {
            bool slash_after = i + 2 < pat.size() && pat[i + 2] == '/';
            body += slash_after ? "(?:.*/)?" : ".*";
            i += slash_after ? 2 : 1;
        } else if (c == '*') {
            body += "[^/]*";
        } else if (c == '?') {
            body += "[^/]";
        } else if (c == '/') {
            body += c;
        } else {
            body += RE2::QuoteMeta(std::string_view(&c, 1));
        }
    }
    // A pattern names a file or a directory; a directory owns everything beneath it.
    // GitHub's exception: `docs/*` owns docs' files but not its subdirectories' contents.
    bool files_only = pat.size() >= 2 && pat.substr(pat.size() - 2) == "/*";
    std::string tail = dir_only ? "/.*" : files_only ? "" : "(?:/.*)?";
    return (anchored ? "" : "(?:.*/)?") + body + tail;
}

CodeOwners::CodeOwners(std::string file, std::string_view text) : file_(std::move(file)) {
    std::istringstream in{std::string(text)};
    std::string line;
    std::size_t no = 0;
    while (std::getline(in, line)) {
        ++no;
        if (auto hash = line.find('#'); hash != std::string::npos) line.erase(hash);
        std::istringstream words(line);
        OwnerRule r;
        if (!(words >> r.pattern)) continue;
        for (std::string w; words >> w;) r.owners.push_back(w);
        r.line = no;
        r.re = std::make_shared<re2::RE2>(codeowners_regex(r.pattern));
        if (!r.re->ok()) continue;
        rules_.push_back(std::move(r));
    }
}

std::optional<CodeOwners> CodeOwners::from_head(git_repository* repo) {
    auto head = head_commit(repo);
    if (!head) return std::nullopt;
    GitTree tree = commit_tree(repo, *head);
    for (const char* path : {".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"}) {
        git_tree_entry* e = nullptr;
        if (git_tree_entry_bypath(&e, tree.get(), path) != 0) {
            git_error_clear();
            continue;
        }
        git_oid id = *git_tree_entry_id(e);
        git_tree_entry_free(e);
        git_blob* raw = nullptr;
        if (git_blob_lookup(&raw, repo, &id) != 0) {
            git_error_clear();
            continue;
        }
        GitBlob blob(raw);
        return CodeOwners(path, std::string_view(static_cast<const char*>(git_blob_rawcontent(blob.get())),
                                                 static_cast<std::size_t>(git_blob_rawsize(blob.get()))));
    }
    return std::nullopt;
}

const OwnerRule* CodeOwners::match(std::string_view path) const {
    for (auto it = rules_.rbegin(); it != rules_.rend(); ++it)
        if (RE2::FullMatch(path, *it->re)) return &*it;
    return nullptr;
}

}  // namespace nhiscan::inventory
