#pragma once
// Options of a pipeline file read through the library's option tables
// (core/options.h): a key takes the type, checks and choices of the option
// it sets, and a mistake names the file, the line and the key.

#include <fmt/format.h>

#include <string_view>
#include <type_traits>

#include "core/options.h"
#include "io/toml_table.h"

namespace nucleate::pipeline {

/// Sets the option `entry` of `options` from `key` of the table when it is
/// there (marking the key used). Returns whether it was.
template <class Options>
bool read_option(io::TomlTable& t, std::string_view key, Options& options,
                 const OptionEntry<Options>& entry) {
  const toml::node* node = t.peek(key);
  if (node == nullptr) return false;
  std::visit(
      [&](auto member) {
        using T = std::remove_reference_t<decltype(options.*member)>;
        auto& value = options.*member;
        if constexpr (std::is_same_v<T, bool>) {
          value = *t.boolean(key);
        } else if constexpr (std::is_same_v<T, std::size_t> ||
                             std::is_same_v<T, std::optional<std::size_t>>) {
          value = static_cast<std::size_t>(*t.integer(key, 0));
        } else if constexpr (std::is_same_v<T, int>) {
          value = static_cast<int>(*t.integer(key, 0));
        } else if constexpr (std::is_same_v<T, double> ||
                             std::is_same_v<T, std::optional<double>>) {
          value = *t.number(key);
        } else if constexpr (std::is_same_v<T, std::string>) {
          value = *t.string(key);
        } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
          value = *t.strings(key);
        } else if constexpr (std::is_same_v<T, std::vector<double>>) {
          value = *t.numbers(key);
        } else {
          static_assert(std::is_same_v<T, std::vector<std::size_t>>);
          // A named copy: a range-for over *optional-temporary dangles.
          const std::vector<std::int64_t> read = *t.integers(key, 0);
          value.assign(read.begin(), read.end());
        }
      },
      entry.member);
  const std::string why = option_failure(options, entry);
  if (!why.empty()) t.fail(io::toml_line(*node), fmt::format("'{}': {}", key, why));
  return true;
}

/// read_option for the entry of the same name.
template <class Options>
bool read_option(io::TomlTable& t, std::string_view key, Options& options,
                 const OptionTable<Options>& table) {
  return read_option(t, key, options, option_entry(table, key));
}

}  // namespace nucleate::pipeline
