#pragma once
// The CV presets shipped with nucleate (src/cv/presets/NAME.toml, compiled
// in): ordinary configuration files, chosen with `--preset NAME`.

#include <string>
#include <string_view>
#include <vector>

#include "cv/cv_definition.h"

namespace nucleate::cv {

std::vector<std::string> preset_names();

/// The preset's TOML text; UsageError listing the known names otherwise.
std::string_view preset_text(std::string_view name);

/// The parsed preset (its source reads "preset NAME").
CvDefinition load_preset(std::string_view name);

/// A preset or a configuration file: exactly one of the two names is
/// non-empty (UsageError otherwise, in the words `option_names` gives, e.g.
/// "--preset NAME or -c FILE.toml").
CvDefinition load_cv_definition(const std::string& preset, const std::string& config_path,
                                std::string_view option_names);

namespace detail {
struct PresetText {
  std::string_view name;
  std::string_view text;
};
const std::vector<PresetText>& preset_table();
}  // namespace detail

}  // namespace nucleate::cv
