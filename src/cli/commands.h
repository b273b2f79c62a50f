#pragma once
// The registry of subcommands: each adds itself to the app here, in the
// order `nucleate --help` lists them.

#include <CLI/CLI.hpp>

namespace nucleate::cli {

/// Accepts numbers > 0 with a short message otherwise (CLI11's own
/// PositiveNumber prints the whole double range).
inline const CLI::Validator kPositive(
    [](std::string& text) -> std::string {
      double value = 0.0;
      try {
        std::size_t used = 0;
        value = std::stod(text, &used);
        if (used != text.size()) return "'" + text + "' is not a number";
      } catch (const std::exception&) {
        return "'" + text + "' is not a number";
      }
      return value > 0 ? std::string() : text + " is not positive";
    },
    "POSITIVE");

void add_info_command(CLI::App& app);
void add_convert_command(CLI::App& app);
void add_cv_command(CLI::App& app);
void add_cluster_command(CLI::App& app);
void add_msm_command(CLI::App& app);
void add_tpt_command(CLI::App& app);
void add_run_command(CLI::App& app);

}  // namespace nucleate::cli
