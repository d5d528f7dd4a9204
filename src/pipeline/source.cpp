#include "pipeline/source.hpp"

#include <fmt/core.h>

#include "sources/git/handle.hpp"

namespace nhiscan {

std::string Item::label() const {
    if (!path.empty() || !blob) return std::string(path);
    return member.empty() ? fmt::format("blob {}", oid_hex(*blob)) : fmt::format("blob {}!{}", oid_hex(*blob), member);
}

}  // namespace nhiscan
