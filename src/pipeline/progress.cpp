#include "pipeline/progress.hpp"

#include <unistd.h>

#include <chrono>
#include <cstdio>

#include <fmt/core.h>

namespace nhiscan {
namespace {

double now_seconds() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

std::string grouped(std::uint64_t n) {
    std::string s = std::to_string(n);
    for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3) s.insert(static_cast<std::size_t>(i), ",");
    return s;
}

std::string human_bytes(double b) {
    if (b >= double(1ull << 30)) return fmt::format("{:.1f} GiB", b / double(1ull << 30));
    if (b >= double(1ull << 20)) return fmt::format("{:.1f} MiB", b / double(1ull << 20));
    if (b >= double(1ull << 10)) return fmt::format("{:.1f} KiB", b / double(1ull << 10));
    return fmt::format("{:.0f} B", b);
}

std::string duration(double s) {
    auto t = static_cast<std::uint64_t>(s + 0.5);
    if (t >= 3600) return fmt::format("{}:{:02}:{:02}", t / 3600, t / 60 % 60, t % 60);
    return fmt::format("{}:{:02}", t / 60, t % 60);
}

}  // namespace

bool progress_wanted(std::string_view mode, bool quiet) {
    if (mode == "always") return true;
    if (mode == "never") return false;
    return !quiet && ::isatty(STDERR_FILENO);
}

std::string format_progress(std::string_view label, std::uint64_t items, std::uint64_t total_items, std::uint64_t bytes,
                            std::uint64_t total_bytes, double seconds) {
    std::string s(label);
    // A total is a bound: a count past it means the total was wrong, so it is shown as unknown
    // rather than as 114%.
    if (items > total_items) total_items = 0;
    if (bytes > total_bytes) total_bytes = 0;
    if (!items && !total_items && !bytes && !total_bytes) return s + fmt::format(" {:.1f} s", seconds);  // nothing counted
    s += " " + grouped(items);
    if (total_items) s += fmt::format("/{} ({}%)", grouped(total_items), items * 100 / total_items);
    if (bytes || total_bytes) {
        s += "  " + human_bytes(double(bytes));
        if (total_bytes) s += "/" + human_bytes(double(total_bytes));
    }
    if (seconds < 0.5) return s;
    // Prefer bytes for rate and ETA: blob sizes vary too much for a count to predict time.
    bool by_bytes = total_bytes || (bytes && !total_items);
    double done = by_bytes ? double(bytes) : double(items);
    double total = by_bytes ? double(total_bytes) : double(total_items);
    double rate = done / seconds;
    s += by_bytes ? "  " + human_bytes(rate) + "/s" : fmt::format("  {:.0f}/s", rate);
    if (total > 0 && rate > 0 && done < total) s += "  ETA " + duration((total - done) / rate);
    return s;
}

Progress::Progress(bool enabled) : enabled_(enabled), tty_(::isatty(STDERR_FILENO)) {
    if (enabled_) thread_ = std::thread([this] { run(); });
}

Progress::~Progress() {
    if (!enabled_) return;
    done();
    {
        std::lock_guard lock(mu_);
        stop_ = true;
    }
    cv_.notify_all();
    thread_.join();
}

void Progress::phase(std::string label, std::uint64_t total_items, std::uint64_t total_bytes) {
    if (!enabled_) return;
    done();
    std::lock_guard lock(mu_);
    label_ = std::move(label);
    total_items_ = total_items;
    total_bytes_ = total_bytes;
    items_ = 0;
    bytes_ = 0;
    started_ = now_seconds();
    active_ = true;
    if (tty_) draw(false);  // at once: a terminal user sees the phase even if it is short
}

void Progress::done() {
    if (!enabled_) return;
    std::lock_guard lock(mu_);
    if (!active_) return;
    draw(true);
    active_ = false;
}

void Progress::draw(bool final) {
    std::string line = format_progress(label_, items_, total_items_, bytes_, total_bytes_, now_seconds() - started_);
    if (tty_) {
        // On a terminal the line is redrawn in place and wiped at the end of the phase.
        std::fputs("\r\033[K", stderr);
        if (!final) std::fputs(line.c_str(), stderr);
    } else {
        std::fprintf(stderr, "nhiscan: %s\n", line.c_str());
    }
    std::fflush(stderr);
}

void Progress::run() {
    std::unique_lock lock(mu_);
    double last = 0;
    while (!stop_) {
        cv_.wait_for(lock, std::chrono::milliseconds(200));
        if (stop_ || !active_) continue;
        double t = now_seconds();
        // Non-terminals (logs) get a line every 5 s, and one at the end of each phase.
        if (!tty_ && (t - started_ < 5 || t - last < 5)) continue;
        last = t;
        draw(false);
    }
}

}  // namespace nhiscan
