#pragma once
namespace nhiscan::cli {
// Parses argv and runs the command; returns the process exit status (0, 1 or 2).
int run(int argc, char** argv);
}  // namespace nhiscan::cli
