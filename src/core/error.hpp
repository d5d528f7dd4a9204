#pragma once
// Errors that end a command. Every one maps to exit status 2 (the contract's "error").
#include <stdexcept>
#include <string>

namespace nhiscan {

class Error : public std::runtime_error {
public:
    explicit Error(const std::string& msg) : std::runtime_error(msg) {}
};

// Bad command line: same exit status, but main() adds a hint to --help.
class UsageError : public Error {
public:
    explicit UsageError(const std::string& msg) : Error(msg) {}
};

}  // namespace nhiscan
