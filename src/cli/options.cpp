#include "cli/options.h"

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
