#include "io/topology_input.h"

#include <fmt/format.h>

#include "core/error.h"
#include "io/formats.h"

namespace nucleate::io {

std::optional<Topology> topology_for(const TrajectoryReader& reader, const std::string& top_path,
                                     std::size_t atom_count) {
  if (!top_path.empty()) {
    Topology topology = read_topology(top_path);
    if (topology.size() != atom_count) {
      throw InputError({top_path, {}, {}, {}},
                       fmt::format("topology has {} atoms but {} has {}", topology.size(),
                                   reader.path(), atom_count));
    }
    return topology;
  }
  if (const Topology* own = reader.topology()) return *own;
  return std::nullopt;
}

Topology topology_or_blank(const TrajectoryReader& reader, const std::string& top_path,
                           std::size_t atom_count) {
  if (auto topology = topology_for(reader, top_path, atom_count)) return *topology;
  Topology blank;
  blank.atoms.resize(atom_count);
  return blank;
}

}  // namespace nucleate::io
