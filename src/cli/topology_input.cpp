#include "cli/topology_input.h"

#include <fmt/format.h>

#include "core/error.h"
#include "io/formats.h"

namespace nucleate::cli {

std::optional<io::Topology> topology_for(const io::TrajectoryReader& reader,
                                         const std::string& top_path, std::size_t atom_count) {
  if (!top_path.empty()) {
    io::Topology topology = io::read_topology(top_path);
    if (topology.size() != atom_count) {
      throw InputError({top_path, {}, {}, {}},
                       fmt::format("topology has {} atoms but {} has {}", topology.size(),
                                   reader.path(), atom_count));
    }
    return topology;
  }
  if (const io::Topology* own = reader.topology()) return *own;
  return std::nullopt;
}

}  // namespace nucleate::cli
