#include "io/trajectory_reader.h"

#include <fmt/format.h>

#include <cmath>
#include <new>
#include <stdexcept>

#include "core/error.h"

namespace nucleate::io {
namespace {

// One check for every format: a flipped bit in a float must not travel on as
// NaN or infinity (DESIGN.md: numbers never silently become NaN).
void require_finite(const Frame& frame) {
  if (!std::isfinite(frame.time)) throw FormatError("time is not a finite number");
  for (const auto& row : frame.box.vectors)
    for (double x : row)
      if (!std::isfinite(x)) throw FormatError("box is not finite");
  auto check = [](const std::vector<Vec3f>& values, const char* what) {
    for (std::size_t i = 0; i < values.size(); ++i)
      for (float x : values[i])
        if (!std::isfinite(x))
          throw FormatError(fmt::format("{} of atom {} is not finite", what, i));
  };
  check(frame.positions, "position");
  check(frame.velocities, "velocity");
}

}  // namespace

bool TrajectoryReader::skip_frame() {
  return read_frame(scratch_);
}

void TrajectoryReader::remember_position(StreamPosition position) {
  if (next_frame_ == frame_starts_.size()) frame_starts_.push_back(position);
}

// Runs one read or skip of frame `next_frame_`, turning format errors (and
// allocation failures caused by corrupt sizes) into located InputErrors.
template <class Step>
bool TrajectoryReader::located(Step&& step) {
  const StreamPosition start = stream_position();
  InputLocation where{path_, static_cast<std::int64_t>(next_frame_), start.byte, {}};
  try {
    remember_position(start);
    const bool got = step();
    if (!got) {
      if (next_frame_ + 1 == frame_starts_.size()) frame_starts_.pop_back();
      index_complete_ = true;
    }
    return got;
  } catch (const FormatError& e) {
    if (e.line()) {
      where.line = e.line();
      where.byte_offset.reset();
    }
    throw InputError(where, e.what());
  } catch (const std::bad_alloc&) {
    throw InputError(where, "corrupt frame: its header asks for more memory than is available");
  } catch (const std::length_error&) {
    throw InputError(where, "corrupt frame: impossible size in its header");
  }
}

bool TrajectoryReader::read_next(Frame& frame) {
  const bool got = located([&] {
    if (!read_frame(frame)) return false;
    require_finite(frame);
    if (!atoms_per_frame_) {
      atoms_per_frame_ = frame.atom_count();
    } else if (frame.atom_count() != *atoms_per_frame_) {
      throw FormatError(fmt::format("frame has {} atoms, the frames before it had {}",
                                    frame.atom_count(), *atoms_per_frame_));
    }
    return true;
  });
  if (got) ++next_frame_;
  return got;
}

std::size_t TrajectoryReader::frame_count() {
  if (!index_complete_) {
    const std::size_t resume = next_frame_;
    if (!frame_starts_.empty()) {
      seek_stream(frame_starts_.back());
      next_frame_ = frame_starts_.size() - 1;
    }
    while (located([this] { return skip_frame(); })) ++next_frame_;
    next_frame_ = resume;
    if (resume < frame_starts_.size()) {
      seek_stream(frame_starts_[resume]);
    }
  }
  return frame_starts_.size();
}

void TrajectoryReader::seek(std::size_t index) {
  if (index == next_frame_) return;
  seek_stream(frame_position(index));
  next_frame_ = index;
}

StreamPosition TrajectoryReader::frame_position(std::size_t index) {
  if (index >= frame_starts_.size() && frame_count() <= index) {
    throw UsageError(
        fmt::format("{}: frame {} requested, the trajectory has {}", path_, index, frame_count()));
  }
  return frame_starts_[index];
}

bool TrajectoryReader::skip_next() {
  if (next_frame_ + 1 < frame_starts_.size()) {
    seek_stream(frame_starts_[next_frame_ + 1]);
    ++next_frame_;
    return true;
  }
  const bool got = located([this] { return skip_frame(); });
  if (got) ++next_frame_;
  return got;
}

std::size_t for_each_frame(TrajectoryReader& reader, const FrameRange& range,
                           const std::function<void(std::size_t, const Frame&)>& visit) {
  if (range.stride == 0) throw UsageError("stride must be at least 1");
  if (range.end && *range.end < range.begin) {
    throw UsageError(fmt::format("begin ({}) is after end ({})", range.begin, *range.end));
  }
  // Frames outside the range are skipped, not decoded, and one at a time, so
  // a fault late in the file does not stop the frames before it.
  if (reader.next_frame_index() > range.begin) reader.seek(range.begin);
  while (reader.next_frame_index() < range.begin) {
    if (!reader.skip_next()) return 0;
  }
  Frame frame;
  std::size_t visited = 0;
  while (!range.end || reader.next_frame_index() < *range.end) {
    const std::size_t index = reader.next_frame_index();
    if (!reader.read_next(frame)) break;
    visit(index, frame);
    ++visited;
    for (std::size_t k = 1; k < range.stride; ++k) {
      if (range.end && reader.next_frame_index() >= *range.end) break;
      if (!reader.skip_next()) return visited;
    }
  }
  return visited;
}

}  // namespace nucleate::io
