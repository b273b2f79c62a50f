#include "io/frame_averages.h"

#include <fmt/format.h>

#include "core/error.h"
#include "io/colvar.h"
#include "io/dtraj.h"
#include "io/formats.h"

namespace nucleate::io {
namespace {

// The state of each selected frame of one trajectory, in reading order.
class SelectedFrames {
 public:
  SelectedFrames(const FramesInStates* only, std::size_t trajectory, std::size_t trajectories)
      : only_(only) {
    if (only_ == nullptr) return;
    if (only_->states.size() != trajectories) {
      throw UsageError(fmt::format(
          "--volume-over source: {} trajectories but {} discrete trajectories; they go in pairs",
          trajectories, only_->states.size()));
    }
    name_ = trajectory < only_->names.size() ? only_->names[trajectory]
                                             : fmt::format("discrete trajectory {}", trajectory);
    labels_ = &only_->states[trajectory];
  }

  /// Whether frame `index` of the trajectory counts; false past the last dtraj frame.
  [[nodiscard]] bool counts(std::size_t index) {
    if (only_ == nullptr) return true;
    if (index < only_->begin || (index - only_->begin) % only_->stride != 0 ||
        next_ >= labels_->size())
      return false;
    const std::int32_t label = (*labels_)[next_++];
    return label >= 0 && static_cast<std::size_t>(label) < only_->wanted_label.size() &&
           only_->wanted_label[static_cast<std::size_t>(label)];
  }

  /// The dtraj may cover fewer frames than the trajectory (`cv --end`), never more.
  void check_all_matched(const std::string& trajectory) const {
    if (only_ != nullptr && next_ < labels_->size()) {
      throw InputError(
          {name_, {}, {}, {}},
          fmt::format("has {} frames but {} has only {} from frame {} in steps of {}",
                      labels_->size(), trajectory, next_, only_->begin, only_->stride));
    }
  }

 private:
  const FramesInStates* only_;
  std::string name_;
  const std::vector<std::int32_t>* labels_ = nullptr;
  std::size_t next_ = 0;
};

}  // namespace

double mean_box_volume(const std::vector<std::string>& trajectories, LengthUnit wanted,
                       const FramesInStates* only) {
  double sum = 0.0;
  std::size_t frames = 0;
  for (std::size_t t = 0; t < trajectories.size(); ++t) {
    const std::string& path = trajectories[t];
    SelectedFrames selected(only, t, trajectories.size());
    auto reader = open_trajectory(path);
    Frame frame;
    for (std::size_t index = 0; reader->read_next(frame); ++index) {
      if (!selected.counts(index)) continue;
      if (!frame.has_box) {
        throw InputError({path, static_cast<std::int64_t>(index), {}, {}},
                         "--volume-from: the frame has no box");
      }
      const double scale = length_conversion(reader->length_unit(), wanted);
      sum += frame.box.volume() * scale * scale * scale;
      ++frames;
    }
    selected.check_all_matched(path);
  }
  if (frames == 0) {
    throw UsageError(only != nullptr
                         ? "--volume-over source: no frame of the trajectories is in a source state"
                         : "--volume-from: the trajectories hold no frame");
  }
  return sum / static_cast<double>(frames);
}

ColumnAverages average_over_states(const std::vector<std::string>& colvars,
                                   const std::vector<std::string>& dtrajs,
                                   const std::vector<bool>& wanted_label) {
  if (colvars.size() != dtrajs.size()) {
    throw UsageError(
        fmt::format("--colvar gives {} files but --dtraj {}: they go in pairs, frame by frame",
                    colvars.size(), dtrajs.size()));
  }
  ColumnAverages out;
  std::map<std::string, double> sums;
  for (std::size_t f = 0; f < colvars.size(); ++f) {
    const ColvarTable table = read_colvar(colvars[f]);
    const std::vector<std::int32_t> labels = read_discrete_trajectory(dtrajs[f]);
    if (table.rows() != labels.size()) {
      throw InputError({colvars[f], {}, {}, {}},
                       fmt::format("has {} frames but its discrete trajectory {} has {}",
                                   table.rows(), dtrajs[f], labels.size()));
    }
    for (std::size_t row = 0; row < labels.size(); ++row) {
      const auto label = static_cast<std::size_t>(labels[row]);
      if (labels[row] < 0 || label >= wanted_label.size() || !wanted_label[label]) continue;
      ++out.frames;
      for (std::size_t c = 0; c < table.fields.size(); ++c) {
        if (table.fields[c] != "time") sums[table.fields[c]] += table.columns[c][row];
      }
    }
  }
  for (const auto& [name, sum] : sums) out.means[name] = sum / static_cast<double>(out.frames);
  return out;
}

}  // namespace nucleate::io
