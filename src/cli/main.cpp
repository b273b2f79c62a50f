// nucleate: from MD trajectories of crystallising systems to nucleation
// pathways and rates. `main` parses the command line, runs one subcommand and
// turns any error into one line on stderr and a non-zero exit code:
//   1  bad input (file missing, truncated, corrupt) or failed output
//   2  bad usage (unknown option, malformed selection, ...)

#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>

#include "cli/app.h"
#include "core/error.h"
#include "core/heap_policy.h"

int main(int argc, char** argv) {
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
  } catch (const std::exception& e) {
    std::fprintf(stderr, "nucleate: error: %s\n", e.what());
    return 1;
  }
  return 0;
}
