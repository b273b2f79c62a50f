#pragma once
// Reading one table of a TOML configuration (CV definitions, pipelines):
// typed getters that name the key and line that is wrong, and checks that
// every key was known and used, so a misspelt key is an error instead of a
// silently ignored setting. Errors are InputError naming the file and line.

#include <toml++/toml.h>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace nucleate::io {

std::int64_t toml_line(const toml::node& node);

/// The sub-table `key` of `root` (nullptr when absent); InputError when it is
/// not a table.
const toml::table* toml_subtable(const toml::table& root, std::string_view key,
                                 const std::string& source);

/// Parses a whole file or text; InputError with the line of a syntax error.
toml::table parse_toml_text(std::string_view text, const std::string& source);
toml::table parse_toml_file(const std::string& path);

class TomlTable {
 public:
  /// `what` prefixes every message ("column 'n'", "[cluster]").
  TomlTable(const toml::table& table, std::string what, std::string source)
      : table_(table), what_(std::move(what)), source_(std::move(source)) {}

  [[nodiscard]] std::int64_t line() const { return toml_line(table_); }
  [[nodiscard]] const toml::table& table() const { return table_; }
  [[noreturn]] void fail(std::int64_t line, const std::string& reason) const;

  /// The node of `key` (nullptr when absent), marked as used.
  const toml::node* find(std::string_view key);
  /// The node of `key` without marking it (to look at its type first).
  [[nodiscard]] const toml::node* peek(std::string_view key) const { return table_.get(key); }

  std::optional<std::string> string(std::string_view key);
  std::string required_string(std::string_view key);
  std::optional<double> number(std::string_view key);
  std::optional<std::int64_t> integer(std::string_view key, std::int64_t minimum);
  std::optional<bool> boolean(std::string_view key);
  /// A string or a list of strings.
  std::optional<std::vector<std::string>> strings(std::string_view key);
  /// A list of integers >= minimum.
  std::optional<std::vector<std::int64_t>> integers(std::string_view key, std::int64_t minimum);
  /// A list of numbers.
  std::optional<std::vector<double>> numbers(std::string_view key);

  /// Keys no table of this sort can have are reported before anything else,
  /// so a misspelt key is named rather than the setting it failed to give.
  void reject_unknown(std::initializer_list<std::string_view> known) const;
  void check_all_used() const;

 private:
  const toml::table& table_;
  std::string what_;
  std::string source_;
  std::set<std::string> used_;
};

}  // namespace nucleate::io
