#pragma once
// "Is this secret already in HEAD?" for `nhiscan staged`: a secret the index adds counts as new
// only when no blob of HEAD's tree holds its bytes. Answered by literal search (memmem), never
// by the scanner, reading the likeliest blobs first so the usual cases read one blob:
//   1. HEAD's blob at the finding's own path (an edit elsewhere in a file that holds it);
//   2. the blobs the index replaces or deletes (a rename, a move between files);
//   3. only then every blob of HEAD's tree (a copy of a committed secret into a new file),
//      stopping as soon as every secret has been found. Where the index's stat data says a
//      work-tree file still holds HEAD's blob, the file is read instead of inflating the blob.
#include <set>
#include <string>
#include <vector>

#include <git2.h>

#include "pipeline/git_blobs.hpp"
#include "pipeline/stats.hpp"
#include "sources/git/changes.hpp"

namespace nhiscan {

struct SecretAt {
    std::string path;    // where the index adds it (repository-relative)
    std::string secret;  // raw bytes
};

// The secrets of `wanted` that some blob of `head_tree` contains. `replaced` lists the blobs
// the index replaces or deletes (all in HEAD); `unchanged`, when known, the rest of HEAD's
// blobs (else HEAD's trees are read for them); `work_files`, of those, the ones whose
// work-tree copy can be searched instead of the blob (verified by hashing on a hit; the
// blobs of files that changed since are read). Unreadable blobs are reported
// (diag::scan_error) and counted in stats.errors; a blob whose content does not hash to its
// id never counts as holding a secret.
std::set<std::string> secrets_in_head(git_repository* repo, git_tree* head_tree, const std::vector<SecretAt>& wanted,
                                      const std::vector<git_oid>& replaced, const std::vector<git_oid>* unchanged,
                                      const ReadOptions& ro, ScanStats& stats,
                                      const std::vector<TreeChanges::WorkFile>* work_files = nullptr);

}  // namespace nhiscan
