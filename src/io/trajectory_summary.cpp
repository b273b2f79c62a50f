#include "io/trajectory_summary.h"

#include <fmt/format.h>

#include "core/error.h"
#include "io/formats.h"
#include "io/topology_input.h"

namespace nucleate::io {
namespace {

template <class T>
Json maybe(const std::optional<T>& x) {
  return x ? Json(*x) : Json();
}

}  // namespace

TrajectorySummary summarize_trajectory(const std::string& path, const std::string& top,
                                       const std::function<void(std::size_t)>& progress) {
  auto reader = open_trajectory(path);
  TrajectorySummary s;
  s.file = path;
  s.format = reader->format_name();
  s.length_unit = std::string(to_string(reader->length_unit()));
  Frame frame;
  std::size_t boxed = 0;
  double volume_sum = 0.0;
  while (reader->read_next(frame)) {
    if (s.frames == 0) {
      s.time_first = frame.time;
      if (frame.has_box) s.box_first = frame.box;
      s.atoms = frame.atom_count();
    } else if (s.frames == 1) {
      s.dt = frame.time - *s.time_first;
    }
    s.time_last = frame.time;
    if (frame.has_box) {
      volume_sum += frame.box.volume();
      ++boxed;
    }
    ++s.frames;
    if (progress) progress(s.frames);
  }
  // A text file that is no trajectory at all (no ATOM record, no frame
  // header) reads as zero frames; saying "0 atoms, 0 frames" would pass it.
  if (s.frames == 0) {
    throw InputError({path, {}, {}, {}},
                     fmt::format("holds no frame (is it a {} file?)", s.format));
  }
  if (s.atoms == 0) throw InputError({path, 0, {}, {}}, "the first frame has no atom");
  if (boxed > 0) s.volume_mean = volume_sum / static_cast<double>(boxed);
  if (const auto topology = topology_for(*reader, top, s.atoms)) {
    s.species = topology->species_counts();
  }
  return s;
}

Json summary_json(const TrajectorySummary& s) {
  Json info;
  info["file"] = s.file;
  info["format"] = s.format;
  info["length_unit"] = s.length_unit;
  info["atoms"] = s.atoms;
  info["frames"] = s.frames;
  info["time_first"] = maybe(s.time_first);
  info["time_last"] = maybe(s.time_last);
  info["dt"] = maybe(s.dt);
  if (s.box_first) {
    Json rows = Json::array();
    for (const auto& row : s.box_first->vectors) rows.push_back({row[0], row[1], row[2]});
    info["box_first"] = rows;
    const Vec3d lengths = s.box_first->lengths();
    const Vec3d angles = s.box_first->angles_deg();
    info["box_lengths"] = {lengths[0], lengths[1], lengths[2]};
    info["box_angles"] = {angles[0], angles[1], angles[2]};
  } else {
    info["box_first"] = nullptr;
    info["box_lengths"] = nullptr;
    info["box_angles"] = nullptr;
  }
  info["volume_mean"] = maybe(s.volume_mean);
  info["species"] = s.species ? Json(*s.species) : Json();
  return info;
}

}  // namespace nucleate::io
