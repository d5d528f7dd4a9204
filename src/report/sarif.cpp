#include "core/error.hpp"
#include "report/report.hpp"

namespace nhiscan {
void write_sarif(const ReportInput&, std::ostream&) { throw Error("sarif output: not built yet"); }
}  // namespace nhiscan
