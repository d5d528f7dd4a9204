#pragma once
#include <cstddef>
#include <string_view>
#include <vector>

namespace nhiscan {

struct EmbeddedFile {
    const char* name;
    const char* data;
    std::size_t size;
    std::string_view text() const { return {data, size}; }
};

const std::vector<EmbeddedFile>& embedded_rule_files();

}  // namespace nhiscan
