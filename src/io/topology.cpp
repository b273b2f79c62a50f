#include "io/topology.h"

#include "io/selection.h"

namespace nucleate::io {

std::vector<std::size_t> Topology::select(std::string_view expression) const {
  const AtomPredicate matches = parse_selection(expression);
  std::vector<std::size_t> indices;
  for (std::size_t i = 0; i < atoms.size(); ++i)
    if (matches(atoms[i], i)) indices.push_back(i);
  return indices;
}

Topology Topology::subset(const std::vector<std::size_t>& indices) const {
  Topology out;
  out.atoms.reserve(indices.size());
  for (std::size_t i : indices) out.atoms.push_back(atoms.at(i));
  return out;
}

std::map<std::string, std::size_t> Topology::species_counts() const {
  std::map<std::string, std::size_t> counts;
  for (const Atom& a : atoms) {
    const std::string& label = !a.name.empty() ? a.name : a.type;
    ++counts[label.empty() ? std::string("?") : label];
  }
  return counts;
}

}  // namespace nucleate::io
