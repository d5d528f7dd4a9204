#include "pipeline/archive_source.hpp"

#include <algorithm>
#include <memory>

#include <fmt/core.h>

#include "core/diag.hpp"
#include "pipeline/archive_api.hpp"

namespace nhiscan {
namespace {

using ArchivePtr = std::unique_ptr<archive, decltype(ArchiveApi::read_free)>;

constexpr std::uint64_t kRatioFloor = 1u << 20;  // below this much output the ratio is not judged
constexpr std::size_t kBlock = 64u << 10;

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

std::string last_error(archive* a) {
    const char* e = archive_api().error_string(a);
    return e ? e : "unknown error";
}

}  // namespace

bool looks_like_archive(std::string_view h) {
    using namespace std::string_view_literals;
    return starts_with(h, "PK\x03\x04"sv) ||                  // zip, jar, war
           starts_with(h, "\x1f\x8b"sv) ||                    // gzip
           starts_with(h, "BZh"sv) ||                         // bzip2
           starts_with(h, "\xfd" "7zXZ\x00"sv) ||             // xz
           (h.size() >= 262 && h.substr(257, 5) == "ustar"sv);  // tar (POSIX and GNU)
}

ArchiveSource::ArchiveSource(const Item& outer, std::string_view data, const ArchiveLimits& limits,
                             ArchiveBudget& budget, unsigned worker)
    : outer_(outer), data_(data), limits_(limits), budget_(budget), worker_(worker) {}

ArchiveSource::ArchiveSource(const Item& outer, const std::string& fs_path, const ArchiveLimits& limits,
                             ArchiveBudget& budget, unsigned worker)
    : outer_(outer), fs_path_(&fs_path), limits_(limits), budget_(budget), worker_(worker) {}

void ArchiveSource::scan(Sink& sink, unsigned) {
    if (budget_.exhausted) return;
    const ArchiveApi& api = archive_api();  // loads libarchive, or throws: a scan error, not a skip
    ArchivePtr a(api.read_new(), api.read_free);
    if (!a) throw std::bad_alloc();
    api.support_filter_gzip(a.get());
    api.support_filter_bzip2(a.get());
    api.support_filter_xz(a.get());
    api.support_format_zip(a.get());
    api.support_format_tar(a.get());
    api.support_format_raw(a.get());  // a lone compressed stream (app.env.gz)
    const std::string label = outer_.label();
    int rc = fs_path_ ? api.open_filename(a.get(), fs_path_->c_str(), kBlock)
                      : api.open_memory(a.get(), data_.data(), data_.size());
    auto corrupt = [&] {
        unreadable_ = true;
        diag::notice(fmt::format("archive {} is corrupt or unreadable ({}): the members after that point were not scanned",
                                 diag::printable(label), diag::printable(last_error(a.get()))));
    };
    if (rc != ARCHIVE_OK) return corrupt();
    auto stop = [&](const std::string& why) {
        budget_.exhausted = true;
        diag::notice(fmt::format("archive {}: {}; the rest of it was not scanned", diag::printable(label), why));
    };

    std::string content;
    for (;;) {
        archive_entry* entry = nullptr;
        rc = api.next_header(a.get(), &entry);
        if (rc == ARCHIVE_EOF) return;
        if (rc < ARCHIVE_WARN) return corrupt();
        // Raw means no archive format, only a compression filter: the item itself, decompressed.
        const bool raw = api.format(a.get()) == ARCHIVE_FORMAT_RAW;
        if (raw && api.filter_count(a.get()) <= 1) {  // not compressed either: not ours
            unreadable_ = true;
            return;
        }
        if (api.entry_filetype(entry) != AE_IFREG) continue;
        if (budget_.members >= limits_.max_members)
            return stop(fmt::format("more than {} members", limits_.max_members));
        ++budget_.members;
        const char* raw_name = api.entry_pathname(entry);
        std::string name = raw ? std::string() : std::string(raw_name ? raw_name : "");
        while (starts_with(name, "./")) name.erase(0, 2);
        std::string path = raw || outer_.path.empty() ? std::string(outer_.path) : fmt::format("{}!{}", outer_.path, name);
        std::string member = raw ? std::string(outer_.member)
                                 : outer_.member.empty() ? name : fmt::format("{}!{}", outer_.member, name);
        const std::string member_label = raw ? label : fmt::format("{}!{}", label, name);

        if (api.entry_size_is_set(entry) &&
            static_cast<std::uint64_t>(api.entry_size(entry)) > limits_.max_member_size) {
            ++sink.stats(worker_).skipped_large;
            diag::notice(fmt::format("skipping {}: {} bytes is over --max-file-size ({})",
                                     diag::printable(member_label), api.entry_size(entry), limits_.max_member_size));
            continue;
        }
        content.clear();
        bool too_large = false;
        for (;;) {
            std::size_t at = content.size();
            content.resize(at + kBlock);
            la_ssize_t n = api.read_data(a.get(), content.data() + at, kBlock);
            if (n < 0) {
                content.resize(at);
                if (n == ARCHIVE_FATAL) return corrupt();
                diag::notice(fmt::format("cannot read {} ({}): not scanned", diag::printable(member_label),
                                         diag::printable(last_error(a.get()))));
                too_large = true;  // nothing to scan; reading goes on with the next member
                break;
            }
            content.resize(at + static_cast<std::size_t>(n));
            if (n == 0) break;
            budget_.bytes += static_cast<std::uint64_t>(n);
            if (budget_.bytes > limits_.max_bytes)
                return stop(fmt::format("more than {} bytes decompressed", limits_.max_bytes));
            if (budget_.bytes > kRatioFloor && budget_.bytes / std::max<std::uint64_t>(budget_.compressed, 1) >= limits_.max_ratio)
                return stop(fmt::format("decompresses to over {} times its size (a zip bomb?)", limits_.max_ratio));
            if (content.size() > limits_.max_member_size) {
                ++sink.stats(worker_).skipped_large;
                diag::notice(fmt::format("skipping {}: over --max-file-size ({})", diag::printable(member_label),
                                         limits_.max_member_size));
                too_large = true;
                break;
            }
        }
        if (too_large) continue;
        Item item = outer_;
        item.path = path;
        item.member = member;
        item.depth = outer_.depth + 1;
        ++members_;
        sink.bytes(worker_, item, content);
    }
}

}  // namespace nhiscan
