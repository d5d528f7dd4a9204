#include "sources/git/objects.hpp"

#include <algorithm>
#include <filesystem>

#include <fmt/core.h>

#include "core/diag.hpp"
#include "core/error.hpp"
#include "sources/git/handle.hpp"
#include "sources/git/oid.hpp"
#include "sources/git/pack.hpp"
#include "sources/git/pack_reader.hpp"
#include "sources/git/repo.hpp"

namespace nhiscan {
namespace fs = std::filesystem;
namespace {

constexpr std::uint32_t kLoose = UINT32_MAX;


std::vector<std::string> pack_indexes(const std::string& objects_dir) {
    std::vector<std::string> out;
    std::error_code ec;
    for (fs::directory_iterator it(fs::path(objects_dir) / "pack", ec), end; !ec && it != end; it.increment(ec))
        if (it->path().extension() == ".idx") out.push_back(it->path().string());
    std::sort(out.begin(), out.end());
    return out;
}

// Loose objects are files <objects>/xx/<38 hex digits>.
void list_loose(const std::string& objects_dir, std::vector<git_oid>& out) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::error_code ec;
    for (int i = 0; i < 256; ++i) {
        const char sub[3] = {kHex[i >> 4], kHex[i & 15], 0};
        for (fs::directory_iterator it(fs::path(objects_dir) / sub, ec), end; !ec && it != end; it.increment(ec)) {
            std::string name = it->path().filename().string();
            git_oid id;
            if (name.size() == GIT_OID_HEXSZ - 2 && git_oid_fromstr(&id, (sub + name).c_str()) == 0) out.push_back(id);
        }
        ec.clear();
    }
}

// Collects the ids not found among the packed objects (sorted by id).
struct Unpacked {
    const std::vector<PackObject>* packed;
    std::vector<git_oid> ids;
    void offer(const git_oid& id) {
        auto it = std::lower_bound(packed->begin(), packed->end(), id,
                                   [](const PackObject& a, const git_oid& b) { return OidLess{}(a.id, b); });
        if (it == packed->end() || !OidEq{}(it->id, id)) ids.push_back(id);
    }
};

struct Classifier {
    git_odb* odb;
    ObjectListing& out;

    void add(const git_oid& id, git_object_t type, std::uint64_t size, std::uint32_t pack, std::uint64_t offset) {
        ++out.objects;
        if (type == GIT_OBJECT_BLOB) out.blobs.push_back({id, size, pack, offset});
        else if (type == GIT_OBJECT_TREE) out.trees.push_back({id, size, pack, offset});
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

    std::vector<PackObject> packed;
    std::uint32_t pack_no = 0;
    bool pack_failed = false;
    auto packs = std::make_shared<PackSet>();
    for (const auto& dir : object_directories(repo)) {
        for (const auto& idx : pack_indexes(dir)) {
            std::vector<std::uint64_t> offsets;
            try {
                read_pack(idx, pack_no, packed, &offsets);
                packs->add(idx.substr(0, idx.size() - 4) + ".pack", std::move(offsets));
            } catch (const Error& e) {
                packs->add_unreadable();  // libgit2 reads this pack's objects
                // libgit2 still lists (and reads) the pack's objects; only their order is lost.
                diag::warning(fmt::format("{}; reading its objects in id order", e.what()));
                pack_failed = true;
            }
            ++pack_no;
        }
    }
    std::stable_sort(packed.begin(), packed.end(), [](const PackObject& a, const PackObject& b) { return OidLess{}(a.id, b.id); });
    packed.erase(std::unique(packed.begin(), packed.end(), [](const PackObject& a, const PackObject& b) { return OidEq{}(a.id, b.id); }),
                 packed.end());

    // Reserved up front: growing by doubling would briefly hold twice a million-tree listing.
    std::size_t counts[8] = {};
    for (const auto& o : packed) ++counts[o.type & 7];
    out.blobs.reserve(counts[GIT_OBJECT_BLOB] + counts[GIT_OBJECT_INVALID & 7]);
    out.trees.reserve(counts[GIT_OBJECT_TREE]);
    out.commits.reserve(counts[GIT_OBJECT_COMMIT]);
    Classifier cls{odb.get(), out};
    for (const auto& o : packed) {
        if (o.type == GIT_OBJECT_INVALID || (o.type == GIT_OBJECT_BLOB && !o.size_known))
            cls.add_via_header(o.id, o.pack, o.offset);
        else
            cls.add(o.id, static_cast<git_object_t>(o.type), o.size, o.pack, o.offset);
    }
    // Objects the pack reader did not cover: loose ones, and (only if a pack could not be
    // read here) whatever libgit2 lists.
    Unpacked rest{&packed, {}};
    if (pack_failed) {
        git_check(git_odb_foreach(
                      odb.get(),
                      [](const git_oid* id, void* payload) {
                          static_cast<Unpacked*>(payload)->offer(*id);
                          return 0;
                      },
                      &rest),
                  "cannot list the object database");
    } else {
        std::vector<git_oid> loose;
        for (const auto& dir : object_directories(repo)) list_loose(dir, loose);
        for (const auto& id : loose) rest.offer(id);
    }
    std::sort(rest.ids.begin(), rest.ids.end(), OidLess{});
    rest.ids.erase(std::unique(rest.ids.begin(), rest.ids.end(), OidEq{}), rest.ids.end());
    for (std::size_t i = 0; i < rest.ids.size(); ++i) cls.add_via_header(rest.ids[i], kLoose, i);
    sort_for_reading(out.blobs);
    sort_for_reading(out.trees);
    out.packs = std::move(packs);
    return out;
}

void sort_for_reading(std::vector<ObjectRef>& objects) {
    std::sort(objects.begin(), objects.end(), [](const ObjectRef& a, const ObjectRef& b) {
        if (a.pack != b.pack) return a.pack < b.pack;
        if (a.offset != b.offset) return a.offset < b.offset;
        return OidLess{}(a.id, b.id);
    });
}

PackedObjects::PackedObjects(git_repository* repo) : packs_(std::make_unique<PackSet>()) {
    for (const auto& dir : object_directories(repo))
        for (const auto& idx : pack_indexes(dir)) {
            try {
                indexes_.push_back(std::make_unique<PackIndex>(idx));
                packs_->add(idx.substr(0, idx.size() - 4) + ".pack");
            } catch (const Error&) {
                indexes_.push_back(nullptr);  // libgit2 reads (or reports) what is in it
                packs_->add_unreadable();
            }
        }
}

PackedObjects::~PackedObjects() = default;

ObjectRef PackedObjects::locate(const git_oid& id, std::uint64_t size) const {
    for (std::uint32_t k = 0; k < indexes_.size(); ++k)
        if (indexes_[k])
            if (auto off = indexes_[k]->find(id)) return {id, size, k, *off};
    return {id, size, kLoose, 0};
}

}  // namespace nhiscan

