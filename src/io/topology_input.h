#pragma once
// The topology a command uses for a trajectory: the one given with --top, or
// the one the trajectory file carries itself.

#include <optional>
#include <string>

#include "io/topology.h"
#include "io/trajectory_reader.h"

namespace nucleate::io {

/// `top_path` (may be empty) wins over the reader's own topology; nullopt when
/// neither exists. InputError when the --top file has a different atom count.
std::optional<Topology> topology_for(const TrajectoryReader& reader, const std::string& top_path,
                                     std::size_t atom_count);

/// topology_for, or else `atom_count` atoms without names: groups can still
/// select by index or `all`.
Topology topology_or_blank(const TrajectoryReader& reader, const std::string& top_path,
                           std::size_t atom_count);

}  // namespace nucleate::io
