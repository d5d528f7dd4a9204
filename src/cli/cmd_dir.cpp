#include "cli/commands.hpp"
#include "cli/setup.hpp"
#include "sources/git/repo.hpp"
#include "sources/repo_discovery.hpp"

namespace nhiscan::cli {

int cmd_dir(const Options& options) {
    std::string target = options.paths.empty() || options.paths.front() == "-" ? "." : options.paths.front();
    const Options opt = with_repo_baseline(options, target);
    prepare_scan(opt);  // a malformed --baseline or an unwritable report fails before the rules compile
    auto rules = load_rules(opt, target);
    auto repo = discover_repository(target);
    std::optional<git_oid> head = repo ? head_commit(repo->get()) : std::nullopt;  // GitLab reports want a sha
    DirScanOptions d{opt.paths, opt.threads, opt.max_file_size, opt.no_ignore, !opt.no_archives, opt.max_archive_depth};
    ScanContext ctx{"dir", head ? oid_hex(*head) : "", repo ? work_tree_of(repo->get()) : ""};
    return finish_scan(opt, *rules, scan_dir(*rules, d), ctx);
}

}  // namespace nhiscan::cli
