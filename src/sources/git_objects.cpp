#include "sources/git_objects.hpp"

#include <algorithm>
#include <filesystem>

#include <fmt/core.h>

#include "core/diag.hpp"
#include "core/error.hpp"
#include "sources/git_handle.hpp"
#include "sources/git_oid.hpp"
#include "sources/git_pack.hpp"
#include "sources/git_repo.hpp"

namespace nhiscan {
namespace fs = std::filesystem;
namespace {

constexpr std::uint32_t kLoose = UINT32_MAX;

struct Located {
    PackObject obj;
    std::uint32_t pack;
};

std::vector<std::string> pack_indexes(const std::string& objects_dir) {
    std::vector<std::string> out;
    std::error_code ec;
    for (fs::directory_iterator it(fs::path(objects_dir) / "pack", ec), end; !ec && it != end; it.increment(ec))
        if (it->path().extension() == ".idx") out.push_back(it->path().string());
    std::sort(out.begin(), out.end());
    return out;
}

struct Classifier {
    git_odb* odb;
    ObjectListing& out;

    void add(const git_oid& id, git_object_t type, std::uint64_t size, std::uint32_t pack, std::uint64_t offset) {
        ++out.objects;
        if (type == GIT_OBJECT_BLOB) out.blobs.push_back({id, size, pack, offset});
        else if (type == GIT_OBJECT_COMMIT) out.commits.push_back(id);
    }
    // For loose objects and anything the pack reader could not type: ask libgit2.
    void add_via_header(const git_oid& id, std::uint32_t pack, std::uint64_t offset) {
        std::size_t size = 0;
        git_object_t type = GIT_OBJECT_INVALID;
        if (int rc = git_odb_read_header(&size, &type, odb, &id); rc != 0) {
            const git_error* e = git_error_last();
            diag::scan_error(fmt::format("cannot read object {}: {}", oid_hex(id), e && e->message ? e->message : "error"));
            git_error_clear();
            ++out.errors;
            return;
        }
        add(id, type, size, pack, offset);
    }
};

}  // namespace

ObjectListing list_objects(git_repository* repo) {
    ObjectListing out;
    git_odb* odb_raw = nullptr;
    git_check(git_repository_odb(&odb_raw, repo), "cannot open the object database");
    GitOdb odb(odb_raw);

    std::vector<Located> packed;
    std::uint32_t pack_no = 0;
    for (const auto& dir : object_directories(repo)) {
        for (const auto& idx : pack_indexes(dir)) {
            try {
                for (auto& o : read_pack(idx)) packed.push_back({o, pack_no});
            } catch (const Error& e) {
                // libgit2 still lists (and reads) the pack's objects; only their order is lost.
                diag::warning(fmt::format("{}; reading its objects in id order", e.what()));
            }
            ++pack_no;
        }
    }
    std::stable_sort(packed.begin(), packed.end(),
                     [](const Located& a, const Located& b) { return git_oid_cmp(&a.obj.id, &b.obj.id) < 0; });
    packed.erase(std::unique(packed.begin(), packed.end(),
                             [](const Located& a, const Located& b) { return git_oid_equal(&a.obj.id, &b.obj.id); }),
                 packed.end());

    Classifier cls{odb.get(), out};
    for (const auto& l : packed) {
        if (l.obj.type == GIT_OBJECT_INVALID || (l.obj.type == GIT_OBJECT_BLOB && !l.obj.size_known))
            cls.add_via_header(l.obj.id, l.pack, l.obj.offset);
        else
            cls.add(l.obj.id, l.obj.type, l.obj.size, l.pack, l.obj.offset);
    }
    struct Ctx {
        const std::vector<Located>* packed;
        std::vector<git_oid> rest;
    } ctx{&packed, {}};
    int rc = git_odb_foreach(
        odb.get(),
        [](const git_oid* id, void* payload) {
            auto* c = static_cast<Ctx*>(payload);
            auto it = std::lower_bound(c->packed->begin(), c->packed->end(), *id,
                                       [](const Located& a, const git_oid& b) { return git_oid_cmp(&a.obj.id, &b) < 0; });
            if (it == c->packed->end() || !git_oid_equal(&it->obj.id, id)) c->rest.push_back(*id);
            return 0;
        },
        &ctx);
    git_check(rc, "cannot list the object database");
    std::sort(ctx.rest.begin(), ctx.rest.end(), OidLess{});
    ctx.rest.erase(std::unique(ctx.rest.begin(), ctx.rest.end(), OidEq{}), ctx.rest.end());
    for (std::size_t i = 0; i < ctx.rest.size(); ++i) cls.add_via_header(ctx.rest[i], kLoose, i);
    sort_for_reading(out.blobs);
    return out;
}

void sort_for_reading(std::vector<BlobRef>& blobs) {
    std::sort(blobs.begin(), blobs.end(), [](const BlobRef& a, const BlobRef& b) {
        if (a.pack != b.pack) return a.pack < b.pack;
        if (a.offset != b.offset) return a.offset < b.offset;
        return git_oid_cmp(&a.id, &b.id) < 0;
    });
}

}  // namespace nhiscan
