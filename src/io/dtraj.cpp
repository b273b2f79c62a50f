#include "io/dtraj.h"

#include <fmt/format.h>

#include <cstdio>
#include <limits>

#include "core/atomic_file.h"
#include "core/error.h"
#include "io/npy.h"
#include "io/text_file.h"

namespace nucleate::io {

std::vector<std::int32_t> read_discrete_trajectory(const std::string& path) {
  if (path.ends_with(".npy")) {
    const NpyIntegers array = read_npy_integers(path);
    if (array.header.shape.size() != 1)
      throw InputError({path, {}, {}, {}}, "a discrete trajectory must be a 1-D array");
    std::vector<std::int32_t> states;
    states.reserve(array.values.size());
    for (std::size_t k = 0; k < array.values.size(); ++k) {
      const std::int64_t s = array.values[k];
      if (s < std::numeric_limits<std::int32_t>::min() ||
          s > std::numeric_limits<std::int32_t>::max()) {
        throw InputError({path, static_cast<std::int64_t>(k), {}, {}},
                         fmt::format("state {} is outside the 32-bit range", s));
      }
      states.push_back(static_cast<std::int32_t>(s));
    }
    if (states.empty()) throw InputError({path, {}, {}, {}}, "holds no state");
    return states;
  }
  TextInput in(path);
  std::vector<std::int32_t> states;
  std::string line;
  std::vector<std::string_view> fields;
  try {
    while (in.read_line(line)) {
      const auto hash = line.find('#');
      split_fields(std::string_view(line).substr(0, hash), fields);
      if (fields.empty()) continue;
      if (fields.size() > 1) {
        throw FormatError(
            fmt::format("expected one state per line, found {} fields", fields.size()),
            in.line_number());
      }
      const std::int64_t state = parse_int(fields[0], "the state", in.line_number());
      if (state < std::numeric_limits<std::int32_t>::min() ||
          state > std::numeric_limits<std::int32_t>::max()) {
        throw FormatError(fmt::format("state {} is outside the 32-bit range", state),
                          in.line_number());
      }
      states.push_back(static_cast<std::int32_t>(state));
    }
  } catch (const FormatError& e) {
    throw InputError({path, {}, {}, e.line()}, e.what());
  }
  if (states.empty()) throw InputError({path, {}, {}, {}}, "holds no state");
  return states;
}

std::vector<std::vector<std::int32_t>> read_discrete_trajectories(
    const std::vector<std::string>& paths) {
  std::vector<std::vector<std::int32_t>> out;
  out.reserve(paths.size());
  for (const auto& path : paths) out.push_back(read_discrete_trajectory(path));
  return out;
}

void write_discrete_trajectory(const std::string& path, const std::vector<std::int32_t>& states) {
  std::string text;
  text.reserve(states.size() * 4);
  for (std::int32_t s : states) fmt::format_to(std::back_inserter(text), "{}\n", s);
  write_text_file_atomically(path, text);
}

}  // namespace nucleate::io
