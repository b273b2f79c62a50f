#pragma once
// Collective variables over a trajectory, frame by frame: the options every
// client shares (`nucleate cv`, [cv] of a pipeline, nucleate.compute_cvs),
// the CV definition they name, and the streaming loop trajectory -> CV
// engine -> values that all of them run. Frames are handed to a callback as
// they are computed, so a trajectory is never held in memory.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/options.h"
#include "cv/cv_engine.h"
#include "io/frame.h"
#include "io/topology.h"
#include "io/trajectory_reader.h"

namespace nucleate::cv {

struct CvOptions {
  std::string preset;               ///< a shipped definition (cv/presets.h)
  std::string config;               ///< or a definition file (TOML)
  std::string top;                  ///< topology for names (formats without them)
  std::vector<std::string> groups;  ///< NAME=SELECTION: replaces a group's selection
  std::optional<double> timestep;   ///< time = step x timestep (inputs that store no time)
  std::size_t begin = 0;            ///< first frame (0-based)
  std::optional<std::size_t> end;   ///< stop before this frame
  std::size_t stride = 1;
  std::optional<std::size_t> threads;  ///< frames in parallel; default OMP_NUM_THREADS or all cores
};
const OptionTable<CvOptions>& cv_options();

/// The definition the options name, with their group replacements applied.
/// UsageError unless exactly one of preset and config is given, or for a
/// malformed group replacement.
CvDefinition cv_definition(const CvOptions& options);

/// One evaluated frame.
struct FrameCvs {
  std::size_t index = 0;                           ///< frame index in the trajectory (0-based)
  double time = 0.0;                               ///< the frame's time, or step x timestep
  std::vector<double> values;                      ///< in engine.column_names() order
  std::vector<io::ExtraColumn> per_atom;           ///< when asked for
  std::vector<CrystalClusterSizes> cluster_sizes;  ///< when asked for
  const io::Frame* frame = nullptr;                ///< the frame itself
};

struct FrameCvsRequest {
  bool per_atom = false;
  bool cluster_sizes = false;
  /// Called once, before the first frame, with the engine built on the
  /// trajectory's topology (to write headers).
  std::function<void(const CvEngine&, const io::TrajectoryReader&, const io::Topology&)> on_start;
  std::function<void(const FrameCvs&)> on_frame;
};

/// Evaluates `definition` on every frame of `path` in the options' range.
/// Returns the frames evaluated. InputError naming the file and frame for a
/// bad frame (the frames before it were handed over); UsageError when the
/// range holds no frame. With several threads, frames are evaluated in
/// parallel (each in one thread, so the values do not depend on the thread
/// count) and still handed over in order, from the calling thread.
std::size_t evaluate_trajectory(const CvDefinition& definition, const std::string& path,
                                const CvOptions& options, const FrameCvsRequest& request);

}  // namespace nucleate::cv
