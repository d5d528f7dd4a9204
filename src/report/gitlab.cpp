#include "core/error.hpp"
#include "report/report.hpp"

namespace nhiscan {
void write_gitlab(const ReportInput&, std::ostream&) { throw Error("gitlab output: not built yet"); }
}  // namespace nhiscan
