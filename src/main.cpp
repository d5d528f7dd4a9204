// nhiscan entry point: every escaping error becomes one line + exit 2.
#include <exception>
#include <iostream>

#include "cli/app.hpp"
#include "core/error.hpp"

int main(int argc, char** argv) {
    try {
        return nhiscan::cli::run(argc, argv);  // starts libgit2 once the command is known
    } catch (const nhiscan::UsageError& e) {
        std::cerr << "nhiscan: error: " << e.what() << " (see nhiscan --help)\n";
    } catch (const std::bad_alloc&) {
        std::cerr << "nhiscan: error: out of memory\n";
    } catch (const std::exception& e) {
        std::cerr << "nhiscan: error: " << e.what() << "\n";
    }
    return 2;
}
