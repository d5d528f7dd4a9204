#include "cli/commands.hpp"
#include "cli/setup.hpp"
#include "core/error.hpp"
#include "pipeline/git_scan.hpp"
#include "sources/git/repo.hpp"
#include "sources/repo_discovery.hpp"

namespace nhiscan::cli {
namespace {

GitScanOptions git_options(const Options& opt) {
    GitScanOptions g;
    g.range = opt.range;
    g.branch = opt.branch;
    g.threads = opt.threads;
    g.max_file_size = opt.max_file_size;
    g.progress = std::string(to_string(opt.progress));  // the pipeline still takes the word
    g.quiet = opt.quiet;
    g.all_occurrences = opt.all_occurrences;
    g.include_unreachable = opt.include_unreachable;
    g.fail_on_empty_range = opt.fail_on_empty_range;
    g.archives = !opt.no_archives;
    g.max_archive_depth = opt.max_archive_depth;
    return g;
}

ScanContext context_of(std::string command, git_repository* repo) {
    auto head = head_commit(repo);
    return {std::move(command), head ? oid_hex(*head) : std::string(), work_tree_of(repo)};
}

}  // namespace

int cmd_git(const Options& options) {
    if (!options.range.empty() && !options.branch.empty()) throw UsageError("--range and --branch cannot be combined");
    if (options.fail_on_empty_range && options.range.empty()) throw UsageError("--fail-on-empty-range needs --range");
    GitRepo repo = open_repository(options.repo);  // before compiling rules: a wrong path fails fast
    const Options opt = with_repo_baseline(options, repository_root(repo.get()));
    prepare_scan(opt);  // baseline, report path: before a history scan that may take minutes
    auto rules = load_rules(opt, repository_root(repo.get()));  // and the config
    auto out = scan_git(*rules, repo.get(), git_options(opt));
    return finish_scan(opt, *rules, std::move(out), context_of("git", repo.get()));
}

int cmd_staged(const Options& options) {
    GitRepo repo = open_repository(options.repo);
    const Options opt = with_repo_baseline(options, repository_root(repo.get()));
    prepare_scan(opt);
    auto rules = load_rules(opt, repository_root(repo.get()));
    auto out = scan_staged(*rules, repo.get(), git_options(opt));
    return finish_scan(opt, *rules, std::move(out), context_of("staged", repo.get()));
}

}  // namespace nhiscan::cli
