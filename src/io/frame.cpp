#include "io/frame.h"

namespace nucleate::io {
namespace {

template <class T>
void gather(std::vector<T>& values, const std::vector<std::size_t>& indices) {
  if (values.empty()) return;
  std::vector<T> kept;
  kept.reserve(indices.size());
  for (std::size_t i : indices) kept.push_back(values[i]);
  values.swap(kept);
}

}  // namespace

void Frame::keep_atoms(const std::vector<std::size_t>& indices) {
  gather(positions, indices);
  gather(velocities, indices);
  for (auto& column : extra) gather(column.values, indices);
}

std::string_view to_string(LengthUnit unit) {
  switch (unit) {
    case LengthUnit::nanometre:
      return "nm";
    case LengthUnit::angstrom:
      return "angstrom";
    case LengthUnit::file_units:
      return "file units";
  }
  return "file units";
}

double length_conversion(LengthUnit from, LengthUnit to) {
  if (from == to || from == LengthUnit::file_units || to == LengthUnit::file_units) return 1.0;
  return from == LengthUnit::angstrom ? 0.1 : 10.0;
}

LengthUnit length_unit_named(std::string_view name) {
  if (name == "angstrom") return LengthUnit::angstrom;
  if (name == "nm") return LengthUnit::nanometre;
  return LengthUnit::file_units;
}

}  // namespace nucleate::io
