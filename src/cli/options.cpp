#include "cli/options.h"

#include <charconv>
#include <string_view>

namespace nucleate::cli {

CLI::Validator number_check(OptionCheck check) {
  return {[check](std::string& text) -> std::string {
            double value = 0.0;
            try {
              std::size_t used = 0;
              value = std::stod(text, &used);
              if (used != text.size()) return "'" + text + "' is not a number";
            } catch (const std::exception&) {
              return "'" + text + "' is not a number";
            }
            return check_failure(check, value);
          },
          "NUMBER"};
}

CLI::Validator whole_number_check(std::uint64_t largest, bool signed_type) {
  return {[largest, signed_type](std::string& text) -> std::string {
            std::string_view digits = text;
            const bool negative = !digits.empty() && digits.front() == '-';
            if (negative || (!digits.empty() && digits.front() == '+')) digits.remove_prefix(1);
            std::uint64_t magnitude = 0;
            const auto [end, error] =
                std::from_chars(digits.data(), digits.data() + digits.size(), magnitude);
            const bool whole = !digits.empty() && end == digits.data() + digits.size() &&
                               error != std::errc::invalid_argument;
            if (!whole || (negative && !signed_type)) {
              return fmt::format("'{}' is not a whole number{}", text, signed_type ? "" : " >= 0");
            }
            // The most negative value of a signed type is one more than its maximum.
            const std::uint64_t limit = negative ? largest + 1 : largest;
            if (error == std::errc::result_out_of_range || magnitude > limit) {
              if (!signed_type) return fmt::format("'{}' is too large (at most {})", text, largest);
              return fmt::format("'{}' is out of range [-{}, {}]", text, largest + 1, largest);
            }
            return {};
          },
          "INTEGER"};
}

std::string flag_names(std::string_view name, const std::vector<std::string_view>& aliases) {
  std::string names = option_flag(name);
  for (auto alias : aliases) names += fmt::format(",{}", alias);
  return names;
}

std::string help_text(std::string_view help, std::string_view unit) {
  return unit.empty() ? std::string(help) : fmt::format("{} [{}]", help, unit);
}

void add_checks(CLI::Option* option, OptionCheck check,
                const std::vector<std::string_view>& choices) {
  if (!choices.empty()) {
    std::vector<std::string> allowed(choices.begin(), choices.end());
    option->check(CLI::IsMember(allowed));
  }
  if (check != OptionCheck::none) option->check(number_check(check));
}

}  // namespace nucleate::cli
