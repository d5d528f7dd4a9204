#include "inventory/codeowners.hpp"

#include <algorithm>
#include <cctype>
#include <sstream>

#include <fmt/core.h>
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
    // GitLab section header: optional '^' (optional section), [Name], optional [approvals],
    // then the section's default owners.
    static const RE2 header(R"(\s*\^?\[([^\]]+)\](?:\[\d+\])?\s*(.*))");
    std::vector<std::vector<std::string>> defaults{{}};
    std::istringstream in{std::string(text)};
    std::string line;
    std::size_t no = 0, section = 0;
    while (std::getline(in, line)) {
        ++no;
        if (auto hash = line.find('#'); hash != std::string::npos) line.erase(hash);
        std::string name, rest;
        if (RE2::FullMatch(line, header, &name, &rest)) {
            // Sections of the same name (case-insensitive) are one section.
            std::string key = name;
            for (auto& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            auto it = std::find_if(sections_.begin() + 1, sections_.end(), [&](const std::string& s) {
                std::string k = s;
                for (auto& c : k) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
                return k == key;
            });
            section = static_cast<std::size_t>(it - sections_.begin());
            if (it == sections_.end()) {
                sections_.push_back(name);
                defaults.emplace_back();
            }
            std::istringstream words(rest);
            for (std::string w; words >> w;) defaults[section].push_back(w);
            continue;
        }
        std::istringstream words(line);
        OwnerRule r;
        if (!(words >> r.pattern)) continue;
        for (std::string w; words >> w;) r.owners.push_back(w);
        if (r.owners.empty()) r.owners = defaults[section];
        r.line = no;
        r.section = section;
        r.re = std::make_shared<re2::RE2>(codeowners_regex(r.pattern));
        if (!r.re->ok()) continue;
        rules_.push_back(std::move(r));
    }
}

std::optional<CodeOwners> CodeOwners::from_head(git_repository* repo) {
    auto head = head_commit(repo);
    if (!head) return std::nullopt;
    GitTree tree = commit_tree(repo, *head);
    for (const char* path : {".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS", ".gitlab/CODEOWNERS"}) {
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

std::optional<OwnerMatch> CodeOwners::match(std::string_view path) const {
    std::vector<const OwnerRule*> last(sections_.size(), nullptr);
    for (auto it = rules_.rbegin(); it != rules_.rend(); ++it)
        if (!last[it->section] && RE2::FullMatch(path, *it->re)) last[it->section] = &*it;
    OwnerMatch m;
    for (const auto* r : last)
        if (r) m.rules.push_back(r);
    if (m.rules.empty()) return std::nullopt;
    std::sort(m.rules.begin(), m.rules.end(), [](const OwnerRule* a, const OwnerRule* b) { return a->line < b->line; });
    for (const auto* r : m.rules)
        for (const auto& o : r->owners)
            if (std::find(m.owners.begin(), m.owners.end(), o) == m.owners.end()) m.owners.push_back(o);
    return m;
}

std::string CodeOwners::describe(const OwnerMatch& m) const {
    std::string out;
    for (const auto* r : m.rules) {
        if (!out.empty()) out += ", ";
        out += fmt::format("{}:{} '{}'", file_, r->line, r->pattern);
        if (r->section) out += fmt::format(" [{}]", sections_[r->section]);
    }
    return out;
}

}  // namespace nhiscan::inventory
