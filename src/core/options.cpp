#include "core/options.h"

#include <algorithm>
#include <charconv>

namespace nucleate {

std::string option_flag(std::string_view name) {
  std::string flag = "--";
  for (char c : name) flag += c == '_' ? '-' : c;
  return flag;
}

std::string option_value_text(bool value) {
  return value ? "true" : "false";
}
std::string option_value_text(int value) {
  return std::to_string(value);
}
std::string option_value_text(std::size_t value) {
  return std::to_string(value);
}
std::string option_value_text(double value) {
  return fmt::format("{}", value);
}
std::string option_value_text(const std::string& value) {
  return value;
}

std::vector<std::size_t> parse_count_list(std::string_view text, std::string_view what) {
  std::vector<std::size_t> out;
  auto fail = [&] {
    throw UsageError(fmt::format("{} '{}': write a list such as 1,2,5-7", what, text));
  };
  auto parse = [&](std::string_view s) {
    std::size_t v = 0;
    const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || ec != std::errc() || p != s.data() + s.size()) fail();
    return v;
  };
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t end = std::min(text.find(',', at), text.size());
    const std::string_view item = text.substr(at, end - at);
    const auto dash = item.find('-');
    const std::size_t first = parse(item.substr(0, dash));
    const std::size_t last = dash == std::string_view::npos ? first : parse(item.substr(dash + 1));
    if (last < first) fail();
    // A range is expanded; "1-99999999999" would fill memory before any
    // stage could refuse it.
    if (last - first >= kMaxCountListLength - out.size()) {
      throw UsageError(
          fmt::format("{} '{}': more than {} values", what, text, kMaxCountListLength));
    }
    for (std::size_t v = first; v <= last; ++v) out.push_back(v);
    at = end + 1;
  }
  if (out.empty() || text.back() == ',') fail();
  return out;
}

std::string check_failure(OptionCheck check, double value) {
  switch (check) {
    case OptionCheck::none:
      return {};
    case OptionCheck::positive:
      return value > 0.0 ? std::string() : fmt::format("{} is not positive", value);
    case OptionCheck::non_negative:
      return value >= 0.0 ? std::string() : fmt::format("{} is negative", value);
    case OptionCheck::unit_interval:
      return value > 0.0 && value <= 1.0 ? std::string()
                                         : fmt::format("{} is not in (0, 1]", value);
    case OptionCheck::probability:
      return value >= 0.0 && value <= 1.0 ? std::string()
                                          : fmt::format("{} is not in [0, 1]", value);
  }
  return {};
}

std::string choice_failure(const std::vector<std::string_view>& choices, const std::string& value) {
  if (choices.empty() || std::find(choices.begin(), choices.end(), value) != choices.end()) {
    return {};
  }
  std::string list;
  for (auto c : choices) list += (list.empty() ? "" : ", ") + std::string(c);
  return fmt::format("'{}' is not one of {}", value, list);
}

}  // namespace nucleate
