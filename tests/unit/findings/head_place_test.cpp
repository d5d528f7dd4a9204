#include <catch2/catch.hpp>

#include "findings/finding.hpp"

using namespace nhiscan;

// The per-place "at HEAD" status that `nhiscan git` findings and inventory places share.
TEST_CASE("head_place_of: this file, elsewhere, history only, unreachable") {
    auto p = head_place_of("a.env", {"b.env", "a.env"});
    CHECK(p.status == HeadStatus::ThisFile);
    CHECK(head_status_text(p) == "at HEAD in this file");
    CHECK(head_status_name(p.status) == "this-file");

    p = head_place_of("old.env", {"z/new.env", "new.env"});
    CHECK(p.status == HeadStatus::Elsewhere);
    CHECK(p.path == "new.env");  // the first path, sorted: stable across runs
    CHECK(head_status_text(p) == "at HEAD elsewhere (new.env)");
    CHECK(head_status_name(p.status) == "elsewhere");

    p = head_place_of("gone.env", {});
    CHECK(p.status == HeadStatus::HistoryOnly);
    CHECK(head_status_text(p) == "history only");
    CHECK(head_status_name(p.status) == "history-only");

    p = head_place_of("git-blob:0123", {}, false);
    CHECK(p.status == HeadStatus::Unreachable);
    CHECK(head_status_text(p) == "unreachable object");
    CHECK(head_status_name(p.status) == "unreachable");
    CHECK(head_place_of("git-blob:0123", {"x.env"}, false).status == HeadStatus::Elsewhere);
}

TEST_CASE("head_place_of: an archive member's place is the whole placed path") {
    CHECK(head_place_of("pkg.zip!a/.env", {"pkg.zip!a/.env"}).status == HeadStatus::ThisFile);
    auto p = head_place_of("pkg.zip!b/.env", {"pkg.zip!a/.env"});
    CHECK(p.status == HeadStatus::Elsewhere);
    CHECK(p.path == "pkg.zip!a/.env");
}
