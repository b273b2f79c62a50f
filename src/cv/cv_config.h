#pragma once
// CV configuration files (TOML). The format, by example (the shipped presets
// under src/cv/presets/ are complete worked examples):
//
//   description = "what this computes and where it comes from"
//   [groups]                         # atom selections (see `--select`)
//   na = "name Na NA"
//   [switches]                       # PLUMED switching-function syntax
//   s = "RATIONAL R_0=0.38 NN=6 MM=12 D_MAX=1.0"
//   [[atom]]                         # per-atom quantities, in order
//   name = "c"
//   kind = "coordination"            # see AtomQuantityKind
//   pairs = [["na", "cl"], ["cl", "na"]]   # or group = "ions" for one group
//   switch = "s"
//   [[column]]                       # per-frame columns of the COLVAR
//   name = "n"
//   of = "c"
//   group = "ions"
//   more_than = "five"
//   power = 0.3333333333333333
//
// Unknown keys, unknown names and wrong types are errors that name the file,
// the line and the key.

#include <string>
#include <string_view>

#include "cv/cv_definition.h"

namespace nucleate::cv {

/// Parses configuration text; `source` names it in errors (a path or
/// "preset NAME"). Throws InputError with the line of the offending key.
CvDefinition parse_cv_config(std::string_view text, const std::string& source);

/// Reads and parses a configuration file.
CvDefinition read_cv_config(const std::string& path);

/// Gives the definition's group `name` another selection (`nucleate cv
/// --group`, the Python module's groups=). UsageError listing its groups when
/// it has none of that name.
void replace_group_selection(CvDefinition& definition, const std::string& name,
                             const std::string& selection);

}  // namespace nucleate::cv
