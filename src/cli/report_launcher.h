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

/// Runs the report on OUTDIR; false (after a warning on stderr) when it
/// could not be found or failed.
bool write_report(const std::string& outdir);

}  // namespace nucleate::cli
