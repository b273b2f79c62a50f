#include "cv/presets.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "core/error.h"
#include "cv/cv_config.h"

namespace nucleate::cv {

std::vector<std::string> preset_names() {
  std::vector<std::string> names;
  for (const auto& preset : detail::preset_table()) names.emplace_back(preset.name);
  return names;
}

std::string_view preset_text(std::string_view name) {
  for (const auto& preset : detail::preset_table())
    if (preset.name == name) return preset.text;
  throw UsageError(
      fmt::format("unknown preset '{}' (known: {})", name, fmt::join(preset_names(), ", ")));
}

CvDefinition load_preset(std::string_view name) {
  return parse_cv_config(preset_text(name), fmt::format("preset {}", name));
}

CvDefinition load_cv_definition(const std::string& preset, const std::string& config_path,
                                std::string_view option_names) {
  if (preset.empty() == config_path.empty())
    throw UsageError(fmt::format("give exactly one of {}", option_names));
  return preset.empty() ? read_cv_config(config_path) : load_preset(preset);
}

}  // namespace nucleate::cv
