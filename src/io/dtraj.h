#pragma once
// Discrete trajectories on disk (DESIGN.md): text with one integer state per
// line (blank lines and '#' comments allowed; plain or .gz), as `nucleate
// cluster` writes them, or a 1-D integer .npy array. Negative states mark
// frames assigned to no state.

#include <cstdint>
#include <string>
#include <vector>

namespace nucleate::io {

/// Throws InputError naming the file and line of anything that is not an
/// integer in the 32-bit range, or when the file holds no state.
std::vector<std::int32_t> read_discrete_trajectory(const std::string& path);

/// Each file in turn, for the commands that take DTRAJ...
std::vector<std::vector<std::int32_t>> read_discrete_trajectories(
    const std::vector<std::string>& paths);

/// One state per line; InputError when the file cannot be written.
void write_discrete_trajectory(const std::string& path, const std::vector<std::int32_t>& states);

}  // namespace nucleate::io
