#pragma once
// The one interface every trajectory writer implements.

#include <string_view>

#include "io/frame.h"
#include "io/topology.h"

namespace nucleate::io {

class TrajectoryWriter {
 public:
  TrajectoryWriter() = default;
  virtual ~TrajectoryWriter() = default;
  TrajectoryWriter(const TrajectoryWriter&) = delete;
  TrajectoryWriter& operator=(const TrajectoryWriter&) = delete;

  [[nodiscard]] virtual std::string_view format_name() const = 0;
  /// The unit the format stores lengths in; callers convert before writing.
  [[nodiscard]] virtual LengthUnit length_unit() const = 0;
  /// Appends one frame. `topology` may be null (formats that store names then
  /// write a placeholder); when given it has the frame's atom count.
  virtual void write(const Frame& frame, const Topology* topology) = 0;
  /// Flushes and closes; throws Error if the data could not be written.
  virtual void close() = 0;
};

}  // namespace nucleate::io
