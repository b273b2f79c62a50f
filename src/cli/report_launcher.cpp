#include "cli/report_launcher.h"

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

extern char** environ;

namespace nucleate::cli {
namespace {

namespace fs = std::filesystem;

fs::path executable_dir() {
  std::error_code failed;
  const fs::path self = fs::read_symlink("/proc/self/exe", failed);
  return failed ? fs::path() : self.parent_path();
}

// The directory that holds the package `nucleate` (what goes on PYTHONPATH).
std::string package_parent() {
  if (const char* env = std::getenv("NUCLEATE_PYTHONPATH"); env != nullptr && *env != '\0') {
    return env;
  }
  const fs::path bin = executable_dir();
  for (const fs::path& candidate :
       {bin / ".." / NUCLEATE_PYTHON_INSTALL_DIR, bin / "python", bin / ".." / "python"}) {
    if (fs::exists(candidate / "nucleate" / "report" / "__main__.py")) {
      return fs::weakly_canonical(candidate);
    }
  }
  return {};
}

}  // namespace

ReportOutcome write_report(const std::string& outdir) {
  const std::string parent = package_parent();
  // Debian's interpreter has numpy and matplotlib from its packages; the
  // python3 first on PATH may be another one.
  const std::string python = fs::exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
  std::vector<std::string> env_text;
  for (char** e = environ; *e != nullptr; ++e) {
    if (std::string(*e).rfind("PYTHONPATH=", 0) != 0) env_text.emplace_back(*e);
  }
  std::string pythonpath = parent;
  if (const char* old = std::getenv("PYTHONPATH"); old != nullptr && *old != '\0') {
    pythonpath += (pythonpath.empty() ? "" : ":") + std::string(old);
  }
  if (!pythonpath.empty()) env_text.push_back("PYTHONPATH=" + pythonpath);
  std::vector<char*> env;
  for (auto& e : env_text) env.push_back(e.data());
  env.push_back(nullptr);
  std::vector<std::string> arg_text{python, "-m", "nucleate.report", outdir};
  std::vector<char*> args;
  for (auto& a : arg_text) args.push_back(a.data());
  args.push_back(nullptr);
  std::fflush(stdout);
  std::fflush(stderr);
  pid_t child = 0;
  if (posix_spawnp(&child, python.c_str(), nullptr, nullptr, args.data(), env.data()) != 0) {
    std::fprintf(stderr, "nucleate run: warning: no report: %s cannot be started\n",
                 python.c_str());
    return ReportOutcome::unavailable;
  }
  int status = 0;
  waitpid(child, &status, 0);
  // python/nucleate/report/__main__.py: 4 = it ran and could not write.
  constexpr int kReportFailed = 4;
  if (WIFEXITED(status) && WEXITSTATUS(status) == kReportFailed) return ReportOutcome::failed;
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::fprintf(stderr,
                 "nucleate run: warning: the report failed (%s -m nucleate.report %s%s); the "
                 "numbers are in summary.json\n",
                 python.c_str(), outdir.c_str(),
                 parent.empty() ? ", and the nucleate Python package was not found next to "
                                  "this executable"
                                : "");
    return ReportOutcome::unavailable;
  }
  return ReportOutcome::written;
}

}  // namespace nucleate::cli
