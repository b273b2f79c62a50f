#pragma once
// The name outputs derived from a trajectory are given: the file name
// without directory, without a trailing .gz and without its extension
// ("runs/a.xyz.gz" -> "a"). cv, cluster and the pipeline all name their
// per-trajectory outputs with it, so they always agree.

#include <string>

namespace nucleate::io {

std::string trajectory_stem(const std::string& path);

}  // namespace nucleate::io
