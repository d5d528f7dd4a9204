#include "cli/commands.hpp"
#include "cli/setup.hpp"
#include "sources/git_handle.hpp"

namespace nhiscan::cli {
namespace {

// HEAD of the repository holding `path`, if any (GitLab reports want a commit sha).
std::string head_of(const std::string& path) {
    git_repository* raw = nullptr;
    if (git_repository_open_ext(&raw, path.c_str(), 0, nullptr) != 0) {
        git_error_clear();
        return {};
    }
    GitRepo repo(raw);
    git_oid oid;
    if (git_reference_name_to_id(&oid, raw, "HEAD") != 0) {
        git_error_clear();
        return {};
    }
    return oid_hex(oid);
}

}  // namespace

int cmd_dir(const Options& opt) {
    std::string target = opt.paths.empty() || opt.paths.front() == "-" ? "." : opt.paths.front();
    prepare_scan(opt);
    auto rules = load_rules(opt, target);
    DirScanOptions d{opt.paths, opt.threads, opt.max_file_size};
    return finish_scan(opt, *rules, scan_dir(*rules, d), "dir", head_of(target));
}

}  // namespace nhiscan::cli
