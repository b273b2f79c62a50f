#pragma once
// The registry of subcommands: each adds itself to the app here, in the
// order `nucleate --help` lists them.

#include <CLI/CLI.hpp>

namespace nucleate::cli {

void add_info_command(CLI::App& app);
void add_convert_command(CLI::App& app);
void add_cv_command(CLI::App& app);
void add_cluster_command(CLI::App& app);
void add_msm_command(CLI::App& app);

}  // namespace nucleate::cli
