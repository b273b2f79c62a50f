#include "cv/trajectory_cvs.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <omp.h>

#include "core/error.h"
#include "cv/cv_config.h"
#include "cv/presets.h"
#include "io/formats.h"
#include "io/topology_input.h"

namespace nucleate::cv {
namespace {

// OpenMP's thread count for one call, restored afterwards (Python calls
// must not change it for the rest of the process).
class ThreadScope {
 public:
  explicit ThreadScope(std::optional<std::size_t> threads) : before_(omp_get_max_threads()) {
    if (threads) omp_set_num_threads(static_cast<int>(*threads));
  }
  ~ThreadScope() { omp_set_num_threads(before_); }
  ThreadScope(const ThreadScope&) = delete;
  ThreadScope& operator=(const ThreadScope&) = delete;

 private:
  int before_;
};

}  // namespace

const OptionTable<CvOptions>& cv_options() {
  using O = CvOptions;
  // The table holds views: the text lives as long as the table.
  static const std::string preset_help =
      fmt::format("A shipped CV definition: {}", fmt::join(preset_names(), ", "));
  static const OptionTable<O> table{
      {"preset", &O::preset, preset_help},
      {"config",
       &O::config,
       "A CV definition file (TOML; see the README)",
       "",
       OptionCheck::none,
       {},
       {"-c"}},
      {"top", &O::top, "Topology for names (gro, pdb, LAMMPS data or dump, xyz)"},
      {"groups",
       &O::groups,
       "Replace a group's selection, NAME=SELECTION (repeatable), e.g. oxygen=\"type 1\"",
       "",
       OptionCheck::none,
       {},
       {"--group"},
       false,
       false},
      {"timestep", &O::timestep,
       "Time of one MD step; the time column becomes step x DT (for LAMMPS dumps without ITEM: "
       "TIME, whose time is the step)",
       "time unit", OptionCheck::positive},
      {"begin", &O::begin, "First frame (0-based index)", "frames"},
      {"end", &O::end, "Stop before this frame (0-based index; default: all)", "frames"},
      {"stride", &O::stride, "Every S-th frame", "frames", OptionCheck::positive},
      {"threads", &O::threads, "OpenMP threads (default: OMP_NUM_THREADS or all cores)", "",
       OptionCheck::positive},
  };
  return table;
}

CvDefinition cv_definition(const CvOptions& options) {
  check_options(options, cv_options());
  CvDefinition definition =
      load_cv_definition(options.preset, options.config, "--preset NAME or -c FILE.toml");
  for (const std::string& text : options.groups) {
    const auto equals = text.find('=');
    if (equals == std::string::npos || equals == 0 || equals + 1 == text.size()) {
      throw UsageError(
          fmt::format("--group '{}': write NAME=SELECTION, e.g. oxygen=\"type 1\"", text));
    }
    replace_group_selection(definition, text.substr(0, equals), text.substr(equals + 1));
  }
  return definition;
}

std::size_t evaluate_trajectory(const CvDefinition& definition, const std::string& path,
                                const CvOptions& options, const FrameCvsRequest& request) {
  const ThreadScope threads(options.threads);
  auto reader = io::open_trajectory(path);
  std::optional<CvEngine> engine;
  std::optional<io::Topology> topology;
  FrameCvs out;
  std::size_t frames = 0;
  const io::FrameRange range{options.begin, options.end, options.stride};
  io::for_each_frame(*reader, range, [&](std::size_t index, const io::Frame& frame) {
    if (!engine) {
      if (frame.atom_count() == 0) {
        throw InputError({path, static_cast<std::int64_t>(index), {}, {}}, "the frame has no atom");
      }
      topology = io::topology_or_blank(*reader, options.top, frame.atom_count());
      engine.emplace(definition, *topology);
      if (request.on_start) request.on_start(*engine, *reader, *topology);
    }
    try {
      out.values = engine->evaluate(frame, request.per_atom ? &out.per_atom : nullptr,
                                    request.cluster_sizes ? &out.cluster_sizes : nullptr);
    } catch (const InputError&) {
      throw;
    } catch (const Error& e) {
      throw InputError({path, static_cast<std::int64_t>(index), {}, {}}, e.what());
    }
    out.index = index;
    out.time = options.timestep ? static_cast<double>(frame.step) * *options.timestep : frame.time;
    out.frame = &frame;
    if (request.on_frame) request.on_frame(out);
    ++frames;
  });
  if (frames == 0) {
    throw UsageError(fmt::format("{}: no frame in the requested range (begin {}, stride {})", path,
                                 options.begin, options.stride));
  }
  return frames;
}

}  // namespace nucleate::cv
