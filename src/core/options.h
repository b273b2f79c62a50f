#pragma once
// One definition per option. Every analysis has an options struct whose
// member initializers are the defaults, and next to it a table that gives
// each option its name, help text, unit and checks. The command line
// (--name-with-dashes), the pipeline file (name_with_underscores) and Python
// (keywords) are built from these tables, so no client can give an option
// another name, default or meaning; tests/unit/pipeline checks it.
//
//   struct ItsOptions { std::size_t nits = 5; ... };
//   const OptionTable<ItsOptions>& its_options() {
//     static const OptionTable<ItsOptions> table{
//         {"nits", &ItsOptions::nits, "How many timescales per lag", "", OptionCheck::positive}};
//     return table;
//   }

#include <fmt/format.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#include "core/error.h"

namespace nucleate {

/// What a value must satisfy; checked by every client the same way.
enum class OptionCheck {
  none,
  positive,       ///< > 0 (every element of a list)
  non_negative,   ///< >= 0
  unit_interval,  ///< in (0, 1]
  probability,    ///< in [0, 1]
};

// Counts and seeds share one alternative below: std::size_t is std::uint64_t
// on the 64-bit platforms nucleate builds on.
static_assert(std::is_same_v<std::size_t, std::uint64_t>);

template <class Options>
struct OptionEntry {
  using Member =
      std::variant<bool Options::*, int Options::*, std::size_t Options::*, double Options::*,
                   std::string Options::*, std::optional<double> Options::*,
                   std::optional<std::size_t> Options::*, std::vector<std::string> Options::*,
                   std::vector<double> Options::*, std::vector<std::size_t> Options::*>;

  std::string_view name;  ///< snake_case; the CLI flag is --name with '-' for '_'
  Member member;
  std::string_view help;
  std::string_view unit = {};  ///< "" when the value has none (a count, a name)
  OptionCheck check = OptionCheck::none;
  std::vector<std::string_view> choices = {};  ///< the allowed strings, when limited
  /// Other command-line spellings kept so that older command lines still
  /// work (e.g. "--bayesian" for "--samples").
  std::vector<std::string_view> cli_aliases = {};
  /// Must be given (it has no sensible default, e.g. the lag time).
  bool required = false;
  /// A list given on one command-line argument is split at commas
  /// ("--cvs a,b"); not for free text that may hold commas (selections).
  bool split_commas = true;
};

template <class Options>
using OptionTable = std::vector<OptionEntry<Options>>;

/// "flux_fraction" -> "--flux-fraction".
std::string option_flag(std::string_view name);

/// A value as a command line and the pipeline file spell it: numbers in
/// their shortest exact form, lists comma-separated, true/false, and "" for
/// an empty optional.
std::string option_value_text(bool value);
std::string option_value_text(int value);
std::string option_value_text(std::size_t value);
std::string option_value_text(double value);
std::string option_value_text(const std::string& value);
template <class T>
std::string option_value_text(const std::optional<T>& value) {
  return value ? option_value_text(*value) : std::string();
}
template <class T>
std::string option_value_text(const std::vector<T>& values) {
  std::string out;
  for (const auto& v : values) out += (out.empty() ? "" : ",") + option_value_text(v);
  return out;
}

/// The current value of one option of `options`, as text.
template <class Options>
std::string option_text(const Options& options, const OptionEntry<Options>& entry) {
  return std::visit([&](auto member) { return option_value_text(options.*member); }, entry.member);
}

/// Its default: the value of a default-constructed Options.
template <class Options>
std::string default_text(const OptionEntry<Options>& entry) {
  return option_text(Options{}, entry);
}

/// The entry called `name`; UsageError when the table has none.
template <class Options>
const OptionEntry<Options>& option_entry(const OptionTable<Options>& table, std::string_view name) {
  for (const auto& e : table)
    if (e.name == name) return e;
  throw UsageError(fmt::format("internal: no option '{}'", name));
}

/// "1,2,5-7" -> {1, 2, 5, 6, 7}: how lists of counts (lags, states) are
/// written on a command line. UsageError naming `what` otherwise, and for
/// lists longer than kMaxCountListLength.
inline constexpr std::size_t kMaxCountListLength = 100000;
std::vector<std::size_t> parse_count_list(std::string_view text, std::string_view what);

/// Empty when `value` passes `check` and `choices`, else why not ("must be
/// > 0", "'x' is not one of a, b").
std::string check_failure(OptionCheck check, double value);
std::string choice_failure(const std::vector<std::string_view>& choices, const std::string& value);

namespace detail {
template <class E, class T>
std::string failure_of(const E& entry, const T& value) {
  if constexpr (std::is_same_v<T, std::string>) {
    return choice_failure(entry.choices, value);
  } else if constexpr (std::is_arithmetic_v<T>) {
    return check_failure(entry.check, static_cast<double>(value));
  } else if constexpr (requires { value.has_value(); }) {
    return value ? failure_of(entry, *value) : std::string();
  } else {
    for (const auto& v : value) {
      std::string why = failure_of(entry, v);
      if (!why.empty()) return why;
    }
    return {};
  }
}
}  // namespace detail

/// Why the value of one option is not allowed ("" when it is).
template <class Options>
std::string option_failure(const Options& options, const OptionEntry<Options>& entry) {
  return std::visit([&](auto member) { return detail::failure_of(entry, options.*member); },
                    entry.member);
}

/// UsageError "NAME: why" for the first option that fails its check; the
/// library's stages call it, so Python gets the same checks as the command
/// line and the pipeline file (which check while reading, to name the flag
/// or the line).
template <class Options>
void check_options(const Options& options, const OptionTable<Options>& table) {
  for (const auto& entry : table) {
    const std::string why = option_failure(options, entry);
    if (!why.empty()) throw UsageError(fmt::format("{}: {}", entry.name, why));
  }
}

}  // namespace nucleate
