#include "io/number_column.h"

#include <fmt/format.h>

#include <string_view>

#include "core/error.h"
#include "io/text_file.h"

namespace nucleate::io {

std::vector<double> read_number_column(const std::string& path, const std::string& what,
                                       bool positive) {
  TextInput in(path);
  std::vector<double> values;
  std::string line;
  std::vector<std::string_view> fields;
  try {
    while (in.read_line(line)) {
      split_fields(std::string_view(line).substr(0, line.find('#')), fields);
      if (fields.empty()) continue;
      const double v = parse_double(fields[0], what, in.line_number());
      if (positive && !(v > 0)) {
        throw FormatError(fmt::format("{} {} is not positive", what, v), in.line_number());
      }
      values.push_back(v);
    }
  } catch (const FormatError& e) {
    throw InputError({path, {}, {}, e.line()}, e.what());
  }
  if (values.empty()) throw InputError({path, {}, {}, {}}, "holds no value");
  return values;
}

}  // namespace nucleate::io
