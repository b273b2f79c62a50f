#pragma once
// The one interface every trajectory format implements. Readers stream: they
// hold one frame at a time, so memory does not grow with trajectory length.
// Random access goes through an index of frame start positions that is filled
// as frames are read and completed by one scan on first need.
//
// Format code implements four small hooks and throws FormatError on bad
// input; this class adds the file name, frame index and byte offset (or line)
// and rethrows InputError, and checks that every frame has the same atom count.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "io/frame.h"
#include "io/text_file.h"
#include "io/topology.h"

namespace nucleate::io {

class TrajectoryReader {
 public:
  explicit TrajectoryReader(std::string path) : path_(std::move(path)) {}
  virtual ~TrajectoryReader() = default;
  TrajectoryReader(const TrajectoryReader&) = delete;
  TrajectoryReader& operator=(const TrajectoryReader&) = delete;

  [[nodiscard]] const std::string& path() const { return path_; }
  /// Short format name as `info` prints it: "xtc", "trr", "gro", ...
  [[nodiscard]] virtual std::string_view format_name() const = 0;
  [[nodiscard]] virtual LengthUnit length_unit() const = 0;
  /// Names/types the file itself carries (GRO, PDB, dump type columns, XYZ
  /// species); nullptr for XTC/TRR/DCD. Valid after the first frame was read.
  [[nodiscard]] virtual const Topology* topology() const { return nullptr; }

  /// Reads the next frame into `frame`, reusing its storage. Returns false at
  /// the end of the trajectory; throws InputError on a bad frame (the frames
  /// before it were delivered).
  bool read_next(Frame& frame);
  /// Total frame count; scans the rest of the file once (no decoding where
  /// the format allows) and keeps the index.
  std::size_t frame_count();
  /// The next read_next returns frame `index` (0-based). UsageError if the
  /// trajectory has fewer frames.
  void seek(std::size_t index);
  /// Moves past the next frame without decoding it where the format allows;
  /// false at the end. Faults are reported as by read_next.
  bool skip_next();
  /// Where frame `index` starts in the (uncompressed) stream, from the index.
  StreamPosition frame_position(std::size_t index);
  /// Index of the frame the next read_next returns.
  [[nodiscard]] std::size_t next_frame_index() const { return next_frame_; }

 protected:
  /// Position of the start of the next frame.
  [[nodiscard]] virtual StreamPosition stream_position() const = 0;
  virtual void seek_stream(StreamPosition position) = 0;
  /// Decodes one frame; false at a clean end of file (no byte of a new frame).
  virtual bool read_frame(Frame& frame) = 0;
  /// Moves past one frame without decoding it where the format allows.
  virtual bool skip_frame();

 private:
  template <class Step>
  bool located(Step&& step);
  void remember_position(StreamPosition position);

  std::string path_;
  std::vector<StreamPosition> frame_starts_;  // frame_starts_[i]: where frame i begins
  bool index_complete_ = false;
  std::size_t next_frame_ = 0;
  std::optional<std::size_t> atoms_per_frame_;
  Frame scratch_;
};

/// Which frames to visit: [begin, end) with a stride, by 0-based index.
struct FrameRange {
  std::size_t begin = 0;
  std::optional<std::size_t> end;  ///< exclusive; none = to the end
  std::size_t stride = 1;
};

/// Calls `visit(index, frame)` for every frame in `range`, skipping frames in
/// between without decoding them. Returns how many frames were visited.
/// InputError from a bad frame propagates after the good frames were visited.
std::size_t for_each_frame(TrajectoryReader& reader, const FrameRange& range,
                           const std::function<void(std::size_t, const Frame&)>& visit);

}  // namespace nucleate::io
