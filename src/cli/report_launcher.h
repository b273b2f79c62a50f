#pragma once
// The report of `nucleate run` (figures and report.html) is the Python
// package's nucleate.report, run as `python3 -m nucleate.report OUTDIR` with
// the package found next to this executable: installed (PREFIX/bin/nucleate
// and PREFIX/<python dir>/nucleate), in the build tree (build/nucleate and
// build/python/nucleate), or inside a pip-installed package (its launcher
// says where with NUCLEATE_PYTHONPATH). Without Python, numpy and matplotlib
// the numbers are all in summary.json and the run still succeeds.

#include <string>

namespace nucleate::cli {

enum class ReportOutcome {
  written,      ///< every figure that had its inputs, and report.html
  unavailable,  ///< no Python, package, numpy or matplotlib: warned, not an error
  failed,       ///< it ran and could not write (report.html left as it was)
};

/// Runs the report on OUTDIR, warning on stderr when it is unavailable.
ReportOutcome write_report(const std::string& outdir);

}  // namespace nucleate::cli
