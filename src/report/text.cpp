#include <algorithm>
#include <map>
#include <tuple>
#include <vector>
#include <ostream>

#include <fmt/format.h>

#include "core/diag.hpp"
#include "report/report.hpp"

namespace nhiscan {
namespace {

struct Style {
    bool on;
    std::string operator()(std::string_view code, std::string_view s) const {
        return on ? fmt::format("\033[{}m{}\033[0m", code, s) : std::string(s);
    }
};

std::string human_bytes(std::uint64_t b) {
    if (b >= (1ull << 30)) return fmt::format("{:.1f} GiB", b / double(1ull << 30));
    if (b >= (1ull << 20)) return fmt::format("{:.1f} MiB", b / double(1ull << 20));
    if (b >= (1ull << 10)) return fmt::format("{:.1f} KiB", b / double(1ull << 10));
    return fmt::format("{} B", b);
}

const char* severity_color(Severity s) {
    switch (s) {
        case Severity::Critical:
        case Severity::High: return "1;31";
        case Severity::Medium: return "33";
        default: return "36";
    }
}

// Most severe first: files ordered by their worst finding, then path; within a file, by
// severity, then place. Each rule's fix is printed once, after the findings.
std::vector<const Finding*> text_order(const std::vector<Finding>& findings) {
    std::map<std::string_view, Severity> worst;
    for (const auto& f : findings) {
        auto [it, fresh] = worst.try_emplace(f.path, f.rule->severity);
        if (!fresh) it->second = std::max(it->second, f.rule->severity);
    }
    std::vector<const Finding*> order;
    for (const auto& f : findings) order.push_back(&f);
    std::stable_sort(order.begin(), order.end(), [&](const Finding* a, const Finding* b) {
        auto key = [&](const Finding* f) {
            return std::make_tuple(-static_cast<int>(worst[f->path]), std::string_view(f->path),
                                   -static_cast<int>(f->rule->severity), f->line, f->column);
        };
        return key(a) < key(b);
    });
    return order;
}

}  // namespace

void write_text(const ReportInput& in, std::ostream& out) {
    Style st{in.color};
    const auto& findings = *in.findings;
    // Blobs no commit holds get their own section after the others: they are not in the
    // project's history, and `git gc` is their fix (docs/git.md, "Unreachable blobs").
    std::vector<const Finding*> order = text_order(findings);
    auto loose = std::stable_partition(order.begin(), order.end(), [](const Finding* f) { return !in_no_commit(*f); });
    std::vector<const RuleSpec*> fix_rules;  // in order of first appearance
    auto write_one = [&](const Finding& f, const Finding* prev) {
        std::string shown = diag::printable(display_path(f, in));
        if (!prev || f.path != prev->path) {
            if (prev) out << '\n';
            out << st("1", shown) << '\n';
        }
        out << fmt::format("  {}:{}:{}  {}  {}  {}\n", shown, f.line, f.column,
                           st(severity_color(f.rule->severity), to_string(f.rule->severity)), st("1", f.rule->id),
                           f.rule->name);
        out << fmt::format("    secret: {}  confidence: {}", diag::printable(shown_secret(f, in)), to_string(f.confidence));
        if (f.checksum != Checksum::None) out << "  checksum: " << to_string(f.checksum);
        if (!f.note.empty()) out << "  (" << f.note << ")";
        if (!f.decoded.empty()) out << "  decoded: " << f.decoded;
        out << '\n';
        if (!f.companion.empty())
            out << fmt::format("    {}: {}\n", f.rule->companion.name, diag::printable(shown_companion(f, in)));
        if (f.live) out << "    live: " << diag::printable(live_summary(*f.live)) << '\n';
        if (f.commit)
            out << fmt::format("    commit: {}  {} <{}>  {}\n", f.commit->commit.substr(0, 12), f.commit->author_name,
                               f.commit->author_email, f.commit->date);
        // The unreachable line says it for a blob in no commit, unless HEAD holds it elsewhere.
        bool head = f.head && (!in_no_commit(f) || f.head->status == HeadStatus::Elsewhere);
        if (f.occurrences > 1 || head) {
            out << fmt::format("    occurrences: {}", f.occurrences);
            if (head) out << "  " << diag::printable(head_status_text(*f.head));
            out << '\n';
        }
        if (f.unreachable) out << "    unreachable: " << unreachable_note(f) << '\n';
        // What `nhiscan baseline add` takes to acknowledge this one secret.
        out << "    fingerprint: " << f.fingerprint << '\n';
        if (!f.rule->remediation.empty() && std::find(fix_rules.begin(), fix_rules.end(), f.rule) == fix_rules.end())
            fix_rules.push_back(f.rule);
    };
    for (auto it = order.begin(); it != loose; ++it) write_one(**it, it == order.begin() ? nullptr : *(it - 1));
    if (loose != order.end()) {
        if (loose != order.begin()) out << '\n';
        out << st("1", "Unreachable blobs: in no commit, branch or tag (left by unstaged or reset changes)") << '\n';
        for (auto it = loose; it != order.end(); ++it) write_one(**it, it == loose ? nullptr : *(it - 1));
    }
    if (!fix_rules.empty()) {
        out << '\n' << st("1", "How to fix") << '\n';
        for (const RuleSpec* r : fix_rules)
            out << fmt::format("  {}  {}\n    fix: {}\n", st("1", r->id), r->name, r->remediation);
    }
    std::map<Severity, std::size_t, std::greater<>> by_sev;
    for (const auto& f : findings) ++by_sev[f.rule->severity];
    std::string sev;
    for (auto [s, n] : by_sev) sev += fmt::format("{}{} {}", sev.empty() ? "" : ", ", n, to_string(s));
    if (!findings.empty()) out << '\n';
    bool files = in.command == "dir";
    out << fmt::format("{}{} in {} ({}) in {:.2f}s", count_of(findings.size(), "finding", "findings"),
                       sev.empty() ? "" : " (" + sev + ")",
                       count_of(in.stats.items, files ? "file" : "blob", files ? "files" : "blobs"),
                       human_bytes(in.stats.bytes), in.stats.seconds);
    std::string skipped;
    auto add = [&](std::size_t n, std::string_view what) {
        if (n) skipped += fmt::format("{}{} {}", skipped.empty() ? "" : ", ", n, what);
    };
    add(in.stats.skipped_binary, "binary");
    add(in.stats.skipped_large, "too large");
    add(in.stats.skipped_other, "not regular");
    if (in.stats.ignored_files || in.stats.ignored_dirs)
        skipped += fmt::format("{}{} ignored by .gitignore (--no-ignore scans them)", skipped.empty() ? "" : ", ",
                               ignored_summary(in.stats.ignored_files, in.stats.ignored_dirs));
    if (!skipped.empty()) out << "; skipped " << skipped;
    if (in.stats.binary_limited)
        out << fmt::format("; {} scanned with the high-confidence prefixed rules only",
                           count_of(in.stats.binary_limited, "binary file", "binary files"));
    if (in.stats.suppressed) out << fmt::format("; {} suppressed by baseline", in.stats.suppressed);
    if (auto left_out = unreachable_left_out(in.stats); !left_out.empty()) out << "; " << left_out;
    if (in.scan_errors) out << fmt::format("; {} unreadable (see errors above)", in.scan_errors);
    out << '\n';
}

}  // namespace nhiscan
