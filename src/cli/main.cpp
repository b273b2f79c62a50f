// nucleate: from MD trajectories of crystallising systems to nucleation
// pathways and rates. `main` parses the command line, runs one subcommand and
// turns any error into one line on stderr and a non-zero exit code:
//   1  bad input (file missing, truncated, corrupt) or failed output
//   2  bad usage (unknown option, malformed selection, ...)

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <new>
#include <stdexcept>

#include "cli/app.h"
#include "core/error.h"
#include "core/heap_policy.h"

namespace {

// OpenMP threads that wait for work spin for a while by default, taking a
// core from whatever else runs (a colleague's job, the other threads of a
// pipeline); issue 14. OpenMP reads OMP_WAIT_POLICY once, as the program
// loads, so when the user has not chosen, the program starts itself again
// with waiting threads that sleep. If that fails it simply carries on.
void start_again_with_sleeping_waits(char** argv) {
  if (std::getenv("OMP_WAIT_POLICY") != nullptr) return;
  if (::setenv("OMP_WAIT_POLICY", "passive", 1) != 0) return;
  ::execv("/proc/self/exe", argv);
}

}  // namespace

int main(int argc, char** argv) {
  start_again_with_sleeping_waits(argv);
  nucleate::keep_freed_memory_for_reuse();
  const auto app = nucleate::cli::make_app();
  try {
    app->parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // CLI11 prints the message (or the help, exit 0); its own codes (105,
    // 106, ...) become our usage code.
    return app->exit(e) == 0 ? 0 : 2;
  } catch (const nucleate::UsageError& e) {
    std::fprintf(stderr, "nucleate: error: %s\n", e.what());
    return 2;
  } catch (const std::filesystem::filesystem_error& e) {
    // Its what() is "filesystem error: cannot create directories: ...":
    // name the path and the reason the way the other errors do.
    std::fprintf(stderr, "nucleate: error: %s: %s\n", e.path1().string().c_str(),
                 e.code().message().c_str());
    return 1;
  } catch (const std::bad_alloc&) {
    // std::bad_alloc and std::length_error say only "std::bad_alloc" or
    // "vector::reserve": say what happened in the user's terms instead.
    std::fprintf(stderr,
                 "nucleate: error: out of memory: the inputs or options ask for more memory "
                 "than this machine has\n");
    return 1;
  } catch (const std::length_error&) {
    std::fprintf(stderr,
                 "nucleate: error: out of memory: the inputs or options ask for an array larger "
                 "than any this machine can hold\n");
    return 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "nucleate: error: %s\n", e.what());
    return 1;
  }
  return 0;
}
