#pragma once
// Command-line options made from the library's option tables
// (core/options.h): --name-with-dashes for each entry, its help text with the
// unit, the default shown in --help, and the entry's checks as CLI11
// validators, so that a flag cannot differ from the pipeline key or the
// Python keyword of the same option.

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "cli/commands.h"
#include "core/options.h"

namespace nucleate::cli {

/// The flag and its aliases, "--lag" or "--samples,--bayesian".
std::string flag_names(std::string_view name, const std::vector<std::string_view>& aliases);

/// The help text with its unit, "Lag time [frames]".
std::string help_text(std::string_view help, std::string_view unit);

/// Applies an entry's check and choices to a CLI11 option.
void add_checks(CLI::Option* option, OptionCheck check,
                const std::vector<std::string_view>& choices);

/// Adds one option per table entry to `command`, bound to `options`.
/// `only` limits to the named entries (in table order); `skip` leaves some
/// out (the command sets them itself). Lists of counts (lags) take "1,2,5-10"
/// through a text option parsed after the command line (`finish`).
template <class Options>
class TableOptions {
 public:
  TableOptions(CLI::App& command, Options& options, const OptionTable<Options>& table,
               std::initializer_list<std::string_view> only = {},
               std::initializer_list<std::string_view> skip = {})
      : options_(options) {
    for (const auto& entry : table) {
      const bool listed =
          only.size() == 0 || std::find(only.begin(), only.end(), entry.name) != only.end();
      const bool skipped = std::find(skip.begin(), skip.end(), entry.name) != skip.end();
      if (listed && !skipped) add(command, entry);
    }
  }

  /// Parses the count lists; call at the start of the command's callback.
  void finish() {
    for (auto& [member, text, name] : count_lists_) {
      if (!text->empty()) options_.*member = parse_count_list(*text, option_flag(name));
    }
  }

 private:
  void add(CLI::App& command, const OptionEntry<Options>& entry) {
    const std::string names = flag_names(entry.name, entry.cli_aliases);
    const std::string help = help_text(entry.help, entry.unit);
    const std::string shown = default_text(entry);
    std::visit(
        [&](auto member) {
          using T = std::remove_reference_t<decltype(options_.*member)>;
          CLI::Option* option = nullptr;
          if constexpr (std::is_same_v<T, bool>) {
            option = command.add_flag(names, options_.*member, help);
          } else if constexpr (std::is_same_v<T, std::vector<std::size_t>>) {
            auto text = std::make_shared<std::string>(shown);
            option = command.add_option(names, *text, help);
            count_lists_.push_back({member, text, entry.name});
          } else {
            option = command.add_option(names, options_.*member, help);
            if constexpr (requires { typename T::value_type; } && !std::is_same_v<T, std::string>) {
              if constexpr (!requires { std::declval<T>().has_value(); }) {
                // One argument per occurrence (lists by commas or repeats),
                // so a list option does not swallow the positional inputs.
                option->allow_extra_args(false);
                if (entry.split_commas) option->delimiter(',');
              }
            }
            if constexpr (std::is_integral_v<T>) {
              option->check(whole_number_check<T>());
            } else if constexpr (std::is_same_v<T, std::optional<std::size_t>>) {
              option->check(whole_number_check<std::size_t>());
            }
            add_checks(option, entry.check, entry.choices);
          }
          if (!shown.empty() && !std::is_same_v<T, bool>) option->default_str(shown);
          if (entry.required) option->required();
        },
        entry.member);
  }

  struct CountList {
    std::vector<std::size_t> Options::*member;
    std::shared_ptr<std::string> text;
    std::string_view name;
  };
  Options& options_;
  std::vector<CountList> count_lists_;
};

}  // namespace nucleate::cli
