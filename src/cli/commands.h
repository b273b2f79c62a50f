#pragma once
// The registry of subcommands: each adds itself to the app here, in the
// order `nucleate --help` lists them.

#include <CLI/CLI.hpp>
#include <cstdint>
#include <limits>
#include <type_traits>

#include "core/options.h"

namespace nucleate::cli {

/// A CLI11 validator for numbers passing `check` (core/options.h), with a
/// short message otherwise (CLI11's own PositiveNumber prints the whole
/// double range); the table-made options use the same.
CLI::Validator number_check(OptionCheck check);
inline const CLI::Validator kPositive = number_check(OptionCheck::positive);

/// A CLI11 validator for whole numbers that fit the option's type, checked
/// on the text: CLI11 2.1 would wrap "99999999999999999999" or "-1" into a
/// count. `largest` is the type's maximum; `signed_type` allows a sign.
CLI::Validator whole_number_check(std::uint64_t largest, bool signed_type);
template <class T>
CLI::Validator whole_number_check() {
  return whole_number_check(static_cast<std::uint64_t>(std::numeric_limits<T>::max()),
                            std::is_signed_v<T>);
}

void add_info_command(CLI::App& app);
void add_convert_command(CLI::App& app);
void add_cv_command(CLI::App& app);
void add_cluster_command(CLI::App& app);
void add_msm_command(CLI::App& app);
void add_tpt_command(CLI::App& app);
void add_run_command(CLI::App& app);

}  // namespace nucleate::cli
