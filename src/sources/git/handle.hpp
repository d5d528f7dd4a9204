#pragma once
// RAII for libgit2 handles and checked calls: every libgit2 error becomes an Error that names
// the operation and libgit2's own message.
#include <memory>
#include <string>
#include <string_view>

#include <git2.h>

namespace nhiscan {

template <typename T, void (*Free)(T*)>
struct GitDeleter {
    void operator()(T* p) const { Free(p); }
};
template <typename T, void (*Free)(T*)>
using GitPtr = std::unique_ptr<T, GitDeleter<T, Free>>;

using GitRepo = GitPtr<git_repository, git_repository_free>;
using GitOdb = GitPtr<git_odb, git_odb_free>;
using GitOdbObject = GitPtr<git_odb_object, git_odb_object_free>;
using GitBlob = GitPtr<git_blob, git_blob_free>;
using GitTree = GitPtr<git_tree, git_tree_free>;
using GitCommit = GitPtr<git_commit, git_commit_free>;
using GitIndex = GitPtr<git_index, git_index_free>;
using GitRevwalk = GitPtr<git_revwalk, git_revwalk_free>;
using GitReference = GitPtr<git_reference, git_reference_free>;
using GitRefIterator = GitPtr<git_reference_iterator, git_reference_iterator_free>;
using GitObject = GitPtr<git_object, git_object_free>;
using GitDiff = GitPtr<git_diff, git_diff_free>;
using GitReflog = GitPtr<git_reflog, git_reflog_free>;
using GitConfig = GitPtr<git_config, git_config_free>;

// Throws Error("<what>: <libgit2 message>") when rc < 0.
void git_check(int rc, std::string_view what);

// Process-wide libgit2 init/shutdown (held by main()).
struct GitLibrary {
    GitLibrary();
    ~GitLibrary();
    GitLibrary(const GitLibrary&) = delete;
    GitLibrary& operator=(const GitLibrary&) = delete;
};

std::string oid_hex(const git_oid& oid);

}  // namespace nhiscan
