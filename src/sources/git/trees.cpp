#include "sources/git/trees.hpp"

#include <vector>

#include <fmt/core.h>

#include "core/error.hpp"

namespace nhiscan {

void throw_bad_tree(const git_oid& id) { throw Error(fmt::format("corrupt tree {}", oid_hex(id))); }

GitOdbObject read_tree(git_odb* odb, const git_oid& tree) {
    git_odb_object* raw = nullptr;
    git_check(git_odb_read(&raw, odb, &tree), fmt::format("cannot read tree {}", oid_hex(tree)));
    GitOdbObject obj(raw);
    if (git_odb_object_type(raw) != GIT_OBJECT_TREE) throw Error(fmt::format("object {} is not a tree", oid_hex(tree)));
    return obj;
}

void collect_blobs(git_odb* odb, const git_oid& tree, OidSet& seen, OidSet& blobs, std::size_t& submodules) {
    if (!seen.insert(tree).second) return;
    std::vector<git_oid> stack{tree};
    while (!stack.empty()) {
        git_oid id = stack.back();
        stack.pop_back();
        auto obj = read_tree(odb, id);
        parse_tree(id, obj.get(), [&](const TreeEntryRef& e) {
            switch (e.kind()) {
                case EntryKind::Tree:
                    if (seen.insert(e.id).second) stack.push_back(e.id);
                    break;
                case EntryKind::Blob: blobs.insert(e.id); break;
                case EntryKind::Submodule: ++submodules; break;
                case EntryKind::Other: break;
            }
        });
    }
}

OidSet collect_blobs(git_odb* odb, const CommitGraph& graph, std::size_t& submodules) {
    OidSet blobs, seen;
    for (const auto& c : graph.commits) collect_blobs(odb, c.tree, seen, blobs, submodules);
    return blobs;
}

}  // namespace nhiscan
