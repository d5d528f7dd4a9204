#pragma once
// A reported finding: a confirmed match placed in a file (line/column) with provenance.
// `secret` holds the raw value; reporters must go through shown_secret() (report/report.hpp).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rules/rule.hpp"
#include "scan/validators.hpp"

namespace nhiscan {

struct CommitInfo {
    std::string commit;  // full sha
    std::string author_name;
    std::string author_email;
    std::string date;    // ISO 8601
};

// Live validation (--validate, docs/validation.md): what the provider said about the credential.
struct LiveCheck {
    std::string status;      // valid | invalid | unknown | error
    std::string reason;      // why: the HTTP status, or what went wrong
    std::string checked_at;  // ISO 8601 UTC
    std::vector<std::pair<std::string, std::string>> metadata;  // identity (account, user, scopes, ARN); never the secret
};
// The pseudo-path every report gives standard input (`nhiscan dir -`).
inline constexpr const char* kStdinPath = "<stdin>";
// Where a finding's bytes came from. The `source` field of reports is kind_name(kind); an
// archive member keeps the kind of the file or blob that holds the archive.
enum class SourceKind : std::uint8_t { File, Git, Staged, Stdin };
std::string_view kind_name(SourceKind kind);  // file | git | staged | stdin

struct Provenance {
    SourceKind kind = SourceKind::File;
    // Inside an archive: the member's path, nested archives joined by '!' ("inner.tar!a.env");
    // "" for the file or blob itself. The finding's path ends with "!" + member.
    std::string member;

    std::string_view name() const { return kind_name(kind); }
    bool history() const { return kind == SourceKind::Git; }  // occurrences are counted
    bool operator==(const Provenance&) const = default;
};

// Where HEAD (the branch's tip with --branch, the range's end with --range) holds a history
// finding's secret, seen from the finding's own place. The words are the inventory's
// places[].status too (docs/git.md, "At HEAD, per place").
enum class HeadStatus : std::uint8_t { ThisFile, Elsewhere, HistoryOnly, Unreachable };
struct HeadPlace {
    HeadStatus status = HeadStatus::HistoryOnly;
    std::string path;  // Elsewhere: a path at HEAD that holds it (the first, sorted)
};
// this-file | elsewhere | history-only | unreachable (the JSON `head_status` value)
std::string_view head_status_name(HeadStatus status);
// "at HEAD in this file", "at HEAD elsewhere (PATH)", "history only", "unreachable object"
std::string head_status_text(const HeadPlace& place);
// The status of the place `path` given every path at HEAD that holds the same secret.
// `in_a_commit` false: a blob no commit holds (git-blob:<id>).
HeadPlace head_place_of(std::string_view path, std::vector<std::string> head_paths, bool in_a_commit = true);

struct Finding {
    const RuleSpec* rule = nullptr;
    std::string path;  // repository-relative, '/' separators ("<stdin>" for stdin, kStdinPath)
    std::size_t line = 0, column = 0, end_line = 0, end_column = 0;  // 1-based; columns in bytes
    // The same columns in UTF-16 code units, as SARIF's columnKind utf16CodeUnits counts them;
    // the end is exclusive (the column just after the secret). 0 when not located (tests).
    std::size_t utf16_column = 0, utf16_end_column = 0;
    std::string secret;
    Confidence confidence = Confidence::Medium;
    Checksum checksum = Checksum::None;  // the validator's verdict, when the rule has one
    std::string note;      // validator note, e.g. "expired 2021-01-01T00:00:00Z"
    std::string decoded;    // "", or how the secret was decoded from the text at this place (base64, ...)
    std::string companion;  // the pair's identifier found near it (rule's companion); redacted like the secret
    Provenance source;
    std::string fingerprint;           // sha256(rule id, secret): stable when lines move
    std::string location_fingerprint;  // sha256(rule id, secret, path)
    std::string blob_id;               // git blob id of the content it was found in
    std::optional<CommitInfo> commit;  // the commit that introduced it (git sources)
    std::size_t occurrences = 1;       // places (commits x paths) holding it, when known
    std::optional<bool> in_head;       // git: the secret is somewhere in HEAD's tree
    std::optional<HeadPlace> head;     // git: ... and where, from this finding's place
    bool unreachable = false;          // git: found only in objects no ref reaches
    std::optional<LiveCheck> live;     // --validate only
};

// Where a finding sits once its file or blob is at `outer`: "outer", or "outer!member".
std::string placed_path(std::string_view outer, const Provenance& source);

std::string fingerprint_of(std::string_view rule_id, std::string_view secret);
std::string location_fingerprint_of(std::string_view rule_id, std::string_view secret, std::string_view path);

// Deterministic report order: path, line, column, rule id.
void sort_findings(std::vector<Finding>& findings);

}  // namespace nhiscan
