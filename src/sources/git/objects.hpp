#pragma once
// Everything in a repository's object database, without walking history: the packs' tables of
// contents (sources/git/pack.hpp) plus the loose objects libgit2 lists. Enumerating is far cheaper than
// a reachability walk and also finds blobs no ref reaches any more (amended or dropped commits).
#include <cstdint>
#include <memory>
#include <vector>

#include <git2.h>

namespace nhiscan {

class PackIndex;
class PackSet;

struct ObjectRef {
    git_oid id{};
    std::uint64_t size = 0;     // exact for blobs; for a tree stored as a delta, the delta's size
    std::uint32_t pack = 0;     // read-order key: pack number, then offset; loose objects last
    std::uint64_t offset = 0;
};

struct ObjectListing {
    std::vector<ObjectRef> blobs;  // each blob once, in read order (pack offset order)
    std::vector<ObjectRef> trees;  // likewise
    std::vector<git_oid> commits;  // every commit object present, reachable or not
    std::size_t objects = 0;
    std::size_t errors = 0;        // objects whose header could not be read (each reported)
    std::shared_ptr<const PackSet> packs;  // the packs ObjectRef::pack numbers, for PackReader
};

ObjectListing list_objects(git_repository* repo);

// Sorts objects into read order: pack, then offset in the pack, then id.
void sort_for_reading(std::vector<ObjectRef>& objects);

// The repository's packs (its own and its alternates'), searched by id through their mapped
// .idx files: for reading a set of objects known by id (HEAD's blobs) in pack order with a
// PackReader, without listing the whole object database.
class PackedObjects {
public:
    explicit PackedObjects(git_repository* repo);
    ~PackedObjects();
    PackedObjects(const PackedObjects&) = delete;
    PackedObjects& operator=(const PackedObjects&) = delete;

    // `id` with its pack and offset; pack UINT32_MAX when no pack here has it (loose).
    ObjectRef locate(const git_oid& id, std::uint64_t size) const;
    const PackSet* packs() const { return packs_.get(); }

private:
    std::vector<std::unique_ptr<PackIndex>> indexes_;  // per pack; null when unreadable
    std::unique_ptr<PackSet> packs_;
};

}  // namespace nhiscan

