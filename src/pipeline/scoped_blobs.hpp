#pragma once
// Which blobs of git history the path-scoped rules (`paths = [...]`) run on. A history blob
// gets its paths only when provenance places it, after the scan; but the trees name every
// blob, so one pass over the trees in pack order tells which blobs are listed under a file
// name that some scoped glob may match (CompiledRules::scoped_name_may_match). Only those are
// scanned with the scoped database; PathFilter then applies the exact globs per place.
#include <vector>

#include "compile/compiled_rules.hpp"
#include "pipeline/git_blobs.hpp"

namespace nhiscan {

// Per blob of `blobs`: 1 when the path-scoped rules must run on it: some tree of `trees`
// (every tree of the odb) lists it under a name a scoped glob may match, or no tree lists it
// (its path is unknown: reported at `git-blob:<id>` with every rule, as before). All 1 when a
// tree cannot be read, a tree names a tree the listing lacks, or a directory is named by a glob
// ending in `/**`: then nothing can be ruled out. All 0 when the pack has no scoped rule.
std::vector<char> blobs_for_scoped_rules(const CompiledRules& rules, const std::vector<ObjectRef>& trees,
                                         const std::vector<ObjectRef>& blobs, const ReadOptions& ro);

}  // namespace nhiscan
