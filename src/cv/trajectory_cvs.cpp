#include "cv/trajectory_cvs.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <omp.h>

#include <algorithm>
#include <exception>
#include <utility>

#include "core/error.h"
#include "core/worker_pool.h"
#include "cv/cv_config.h"
#include "cv/presets.h"
#include "io/formats.h"
#include "io/topology_input.h"

namespace nucleate::cv {
namespace {

// Frames read ahead per batch: several per thread, so a thread slowed by a
// busy core delays the end of a batch by one frame at most, but no more
// than about 256 MB of positions and velocities.
std::size_t batch_size(std::size_t threads, std::size_t atoms) {
  if (threads <= 1) return 1;
  constexpr std::size_t kFramesPerThread = 8;
  constexpr std::size_t kBytesPerBatch = std::size_t{256} << 20;
  const std::size_t by_memory = kBytesPerBatch / (atoms * 2 * sizeof(Vec3f));
  return std::max(threads, std::min(threads * kFramesPerThread, by_memory));
}

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
      {"threads", &O::threads,
       "Threads, each evaluating whole frames (default: OMP_NUM_THREADS or all cores); the values "
       "do "
       "not depend on it",
       "", OptionCheck::positive},
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
  // Threads share out whole frames; inside a frame everything runs in one
  // thread, so a frame's numbers are the same bits whatever the thread count.
  // The default follows OMP_NUM_THREADS, as every other threaded step does.
  const std::size_t threads =
      options.threads.value_or(static_cast<std::size_t>(std::max(1, omp_get_max_threads())));
  WorkerPool pool(threads);
  auto reader = io::open_trajectory(path);
  std::optional<CvEngine> engine;
  std::optional<io::Topology> topology;
  std::size_t frames = 0;

  // Frames are read in order into a batch, evaluated by the pool, and handed
  // over in order; a failed frame ends the run after the frames before it.
  struct Slot {
    io::Frame frame;
    FrameCvs cvs;
    std::exception_ptr error;
  };
  std::vector<Slot> batch;
  std::size_t filled = 0;
  const auto evaluate_slot = [&](std::size_t i) {
    Slot& slot = batch[i];
    slot.error = nullptr;
    try {
      slot.cvs.values =
          engine->evaluate(slot.frame, request.per_atom ? &slot.cvs.per_atom : nullptr,
                           request.cluster_sizes ? &slot.cvs.cluster_sizes : nullptr);
    } catch (...) {
      slot.error = std::current_exception();
    }
  };
  const auto flush = [&] {
    const std::size_t count = std::exchange(filled, 0);
    pool.run(count, evaluate_slot);
    for (std::size_t i = 0; i < count; ++i) {
      Slot& slot = batch[i];
      if (slot.error) {
        try {
          std::rethrow_exception(slot.error);
        } catch (const InputError&) {
          throw;
        } catch (const Error& e) {
          throw InputError({path, static_cast<std::int64_t>(slot.cvs.index), {}, {}}, e.what());
        }
      }
      slot.cvs.frame = &slot.frame;
      if (request.on_frame) request.on_frame(slot.cvs);
      ++frames;
    }
  };

  const io::FrameRange range{options.begin, options.end, options.stride};
  try {
    io::for_each_frame(*reader, range, [&](std::size_t index, const io::Frame& frame) {
      if (!engine) {
        if (frame.atom_count() == 0) {
          throw InputError({path, static_cast<std::int64_t>(index), {}, {}},
                           "the frame has no atom");
        }
        topology = io::topology_or_blank(*reader, options.top, frame.atom_count());
        engine.emplace(definition, *topology);
        if (request.on_start) request.on_start(*engine, *reader, *topology);
        batch.resize(batch_size(threads, frame.atom_count()));
      }
      Slot& slot = batch[filled++];
      slot.frame = frame;
      slot.cvs.index = index;
      slot.cvs.time =
          options.timestep ? static_cast<double>(frame.step) * *options.timestep : frame.time;
      if (filled == batch.size()) flush();
    });
  } catch (...) {
    // The frames read before a bad one are still evaluated and handed over
    // (an error among them is the earlier one, and wins).
    flush();
    throw;
  }
  flush();
  if (frames == 0) {
    throw UsageError(fmt::format("{}: no frame in the requested range (begin {}, stride {})", path,
                                 options.begin, options.stride));
  }
  return frames;
}

}  // namespace nucleate::cv
