#include "io/toml_table.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "core/error.h"

namespace nucleate::io {

std::int64_t toml_line(const toml::node& node) {
  return static_cast<std::int64_t>(node.source().begin.line);
}

const toml::table* toml_subtable(const toml::table& root, std::string_view key,
                                 const std::string& source) {
  const toml::node* node = root.get(key);
  if (node == nullptr) return nullptr;
  if (!node->is_table()) {
    throw InputError({source, {}, {}, toml_line(*node)},
                     fmt::format("'{}' must be a table ([{}])", key, key));
  }
  return node->as_table();
}

toml::table parse_toml_text(std::string_view text, const std::string& source) {
  try {
    return toml::parse(text, source);
  } catch (const toml::parse_error& e) {
    throw InputError({source, {}, {}, static_cast<std::int64_t>(e.source().begin.line)},
                     std::string(e.description()));
  }
}

toml::table parse_toml_file(const std::string& path) {
  try {
    return toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    const bool located = e.source().begin.line > 0;
    throw InputError(
        {path, {}, {}, located ? std::optional<std::int64_t>(e.source().begin.line) : std::nullopt},
        std::string(e.description()));
  }
}

void TomlTable::fail(std::int64_t line, const std::string& reason) const {
  throw InputError({source_, {}, {}, line}, fmt::format("{}: {}", what_, reason));
}

const toml::node* TomlTable::find(std::string_view key) {
  used_.insert(std::string(key));
  return table_.get(key);
}

std::optional<std::string> TomlTable::string(std::string_view key) {
  const toml::node* node = find(key);
  if (node == nullptr) return std::nullopt;
  if (!node->is_string()) fail(toml_line(*node), fmt::format("'{}' must be a string", key));
  return node->as_string()->get();
}

std::string TomlTable::required_string(std::string_view key) {
  auto value = string(key);
  if (!value) fail(line(), fmt::format("'{}' is missing", key));
  return *value;
}

std::optional<double> TomlTable::number(std::string_view key) {
  const toml::node* node = find(key);
  if (node == nullptr) return std::nullopt;
  if (!node->is_number()) fail(toml_line(*node), fmt::format("'{}' must be a number", key));
  return node->value<double>();
}

std::optional<std::int64_t> TomlTable::integer(std::string_view key, std::int64_t minimum) {
  const toml::node* node = find(key);
  if (node == nullptr) return std::nullopt;
  if (!node->is_integer() || node->as_integer()->get() < minimum) {
    fail(toml_line(*node), fmt::format("'{}' must be an integer >= {}", key, minimum));
  }
  return node->as_integer()->get();
}

std::optional<bool> TomlTable::boolean(std::string_view key) {
  const toml::node* node = find(key);
  if (node == nullptr) return std::nullopt;
  if (!node->is_boolean()) fail(toml_line(*node), fmt::format("'{}' must be true or false", key));
  return node->as_boolean()->get();
}

std::optional<std::vector<std::string>> TomlTable::strings(std::string_view key) {
  const toml::node* node = find(key);
  if (node == nullptr) return std::nullopt;
  if (node->is_string()) return std::vector<std::string>{node->as_string()->get()};
  const toml::array* array = node->as_array();
  std::vector<std::string> out;
  if (array != nullptr) {
    for (const toml::node& item : *array) {
      if (!item.is_string())
        fail(toml_line(item), fmt::format("'{}' must be a list of strings", key));
      out.push_back(item.as_string()->get());
    }
  } else {
    fail(toml_line(*node), fmt::format("'{}' must be a string or a list of strings", key));
  }
  return out;
}

std::optional<std::vector<std::int64_t>> TomlTable::integers(std::string_view key,
                                                             std::int64_t minimum) {
  const toml::node* node = find(key);
  if (node == nullptr) return std::nullopt;
  const toml::array* array = node->as_array();
  if (array == nullptr || array->empty())
    fail(toml_line(*node), fmt::format("'{}' must be a list of integers", key));
  std::vector<std::int64_t> out;
  for (const toml::node& item : *array) {
    if (!item.is_integer() || item.as_integer()->get() < minimum) {
      fail(toml_line(item), fmt::format("'{}' must hold integers >= {}", key, minimum));
    }
    out.push_back(item.as_integer()->get());
  }
  return out;
}

std::optional<std::vector<double>> TomlTable::numbers(std::string_view key) {
  const toml::node* node = find(key);
  if (node == nullptr) return std::nullopt;
  const toml::array* array = node->as_array();
  if (array == nullptr || array->empty())
    fail(toml_line(*node), fmt::format("'{}' must be a list of numbers", key));
  std::vector<double> out;
  for (const toml::node& item : *array) {
    if (!item.is_number()) fail(toml_line(item), fmt::format("'{}' must hold numbers", key));
    out.push_back(*item.value<double>());
  }
  return out;
}

void TomlTable::reject_unknown(std::initializer_list<std::string_view> known) const {
  for (auto&& [key, node] : table_) {
    if (std::find(known.begin(), known.end(), key.str()) == known.end()) {
      fail(toml_line(node),
           fmt::format("unknown key '{}' (known: {})", key.str(), fmt::join(known, ", ")));
    }
  }
}

void TomlTable::check_all_used() const {
  for (auto&& [key, node] : table_) {
    if (!used_.contains(std::string(key.str())))
      fail(toml_line(node), fmt::format("key '{}' does not apply here", key.str()));
  }
}

}  // namespace nucleate::io
