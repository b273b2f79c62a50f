#pragma once
// The registry of subcommands: each adds itself to the app here, in the
// order `nucleate --help` lists them.

#include <CLI/CLI.hpp>

#include "core/options.h"

namespace nucleate::cli {

/// A CLI11 validator for numbers passing `check` (core/options.h), with a
/// short message otherwise (CLI11's own PositiveNumber prints the whole
/// double range); the table-made options use the same.
CLI::Validator number_check(OptionCheck check);
inline const CLI::Validator kPositive = number_check(OptionCheck::positive);

void add_info_command(CLI::App& app);
void add_convert_command(CLI::App& app);
void add_cv_command(CLI::App& app);
void add_cluster_command(CLI::App& app);
void add_msm_command(CLI::App& app);
void add_tpt_command(CLI::App& app);
void add_run_command(CLI::App& app);

}  // namespace nucleate::cli
