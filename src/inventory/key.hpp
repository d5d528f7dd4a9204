#pragma once
// The inventory key: records are named by HMAC-SHA256(key, secret), so neither the database
// nor a report can be used to test a guessed value without the key, which lives outside them.
//   --key-file FILE           read FILE (created with a fresh key when missing)
//   NHISCAN_INVENTORY_KEY     the key itself
//   otherwise                 $XDG_CONFIG_HOME/nhiscan/inventory.key (~/.config/...), created
//                             with a notice on first use
#include <string>
#include <string_view>

namespace nhiscan::inventory {

struct InventoryKey {
    std::string bytes;
    std::string origin;  // where it came from, for notices ("env NHISCAN_INVENTORY_KEY", a path)
};

InventoryKey load_key(const std::string& key_file);

// Lower-case hex HMAC-SHA256 of `secret` under `key`.
std::string keyed_hash(const InventoryKey& key, std::string_view secret);

}  // namespace nhiscan::inventory
