// `nucleate info TRAJ... [--top FILE] [--json]`: what is in a trajectory.

#include <fmt/format.h>

#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <optional>

#include "cli/commands.h"
#include "cli/progress.h"
#include "io/formats.h"
#include "io/topology_input.h"

namespace nucleate::cli {
namespace {

struct InfoOptions {
  std::vector<std::string> trajectories;
  std::string topology;
  bool json = false;
};

nlohmann::json box_rows(const Box& box) {
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& row : box.vectors) rows.push_back({row[0], row[1], row[2]});
  return rows;
}

// One pass over every frame: the volume and last time need them all.
nlohmann::json describe(const std::string& path, const std::string& top_path) {
  auto reader = io::open_trajectory(path);
  io::Frame frame;
  Progress progress(path);
  nlohmann::json info;
  info["file"] = path;
  info["format"] = reader->format_name();
  info["length_unit"] = io::to_string(reader->length_unit());
  std::size_t frames = 0;
  std::size_t boxed_frames = 0;
  double volume_sum = 0.0;
  std::optional<double> time_first;
  std::optional<double> time_second;
  double time_last = 0.0;
  Box box_first;
  bool has_box_first = false;
  while (reader->read_next(frame)) {
    if (frames == 0) {
      time_first = frame.time;
      box_first = frame.box;
      has_box_first = frame.has_box;
      info["atoms"] = frame.atom_count();
    } else if (frames == 1) {
      time_second = frame.time;
    }
    time_last = frame.time;
    if (frame.has_box) {
      volume_sum += frame.box.volume();
      ++boxed_frames;
    }
    progress.update(++frames);
  }
  info["frames"] = frames;
  info["time_first"] = time_first ? nlohmann::json(*time_first) : nlohmann::json();
  info["time_last"] = frames > 0 ? nlohmann::json(time_last) : nlohmann::json();
  info["dt"] = time_second ? nlohmann::json(*time_second - *time_first) : nlohmann::json();
  if (frames == 0) info["atoms"] = 0;
  if (has_box_first) {
    info["box_first"] = box_rows(box_first);
    const Vec3d lengths = box_first.lengths();
    const Vec3d angles = box_first.angles_deg();
    info["box_lengths"] = {lengths[0], lengths[1], lengths[2]};
    info["box_angles"] = {angles[0], angles[1], angles[2]};
  } else {
    info["box_first"] = nullptr;
    info["box_lengths"] = nullptr;
    info["box_angles"] = nullptr;
  }
  info["volume_mean"] = boxed_frames > 0
                            ? nlohmann::json(volume_sum / static_cast<double>(boxed_frames))
                            : nlohmann::json();
  const std::size_t atoms = info["atoms"].get<std::size_t>();
  const auto topology = io::topology_for(*reader, top_path, atoms);
  if (topology) {
    info["species"] = topology->species_counts();
  } else {
    info["species"] = nullptr;
  }
  return info;
}

std::string number_or_dash(const nlohmann::json& value, std::string_view unit = "") {
  if (value.is_null()) return "-";
  return fmt::format("{:g}{}", value.get<double>(), unit);
}

void print_text(const nlohmann::json& info) {
  const std::string unit = info["length_unit"].get<std::string>() == "nm"         ? " nm"
                           : info["length_unit"].get<std::string>() == "angstrom" ? " A"
                                                                                  : "";
  const std::string time_unit =
      info["format"] == "xtc" || info["format"] == "trr" || info["format"] == "gro" ? " ps" : "";
  fmt::print("file         {}\n", info["file"].get<std::string>());
  fmt::print("format       {} (lengths in {})\n", info["format"].get<std::string>(),
             info["length_unit"].get<std::string>());
  fmt::print("atoms        {}\n", info["atoms"].get<std::size_t>());
  fmt::print("frames       {}\n", info["frames"].get<std::size_t>());
  fmt::print("time         {} .. {}, dt {}\n", number_or_dash(info["time_first"], time_unit),
             number_or_dash(info["time_last"], time_unit), number_or_dash(info["dt"], time_unit));
  if (info["box_first"].is_null()) {
    fmt::print("box          none\n");
  } else {
    const auto& l = info["box_lengths"];
    const auto& a = info["box_angles"];
    fmt::print("box (first)  {:g} x {:g} x {:g}{}, angles {:g} {:g} {:g} deg\n", l[0].get<double>(),
               l[1].get<double>(), l[2].get<double>(), unit, a[0].get<double>(), a[1].get<double>(),
               a[2].get<double>());
    fmt::print("volume mean  {:g}{}\n", info["volume_mean"].get<double>(),
               unit.empty() ? "" : unit + "^3");
  }
  if (info["species"].is_null()) {
    fmt::print("species      unknown (the file has no names; give --top)\n");
  } else {
    std::string list;
    for (const auto& [name, count] : info["species"].items()) {
      list += fmt::format("{}{} {}", list.empty() ? "" : ", ", name, count.get<std::size_t>());
    }
    fmt::print("species      {}\n", list);
  }
}

void run_info(const InfoOptions& options) {
  nlohmann::json all = nlohmann::json::array();
  for (const std::string& path : options.trajectories) {
    nlohmann::json info = describe(path, options.topology);
    if (!options.json) {
      if (!all.empty()) fmt::print("\n");
      print_text(info);
    }
    all.push_back(std::move(info));
  }
  if (options.json) {
    const nlohmann::json out = all.size() == 1 ? all[0] : nlohmann::json{{"trajectories", all}};
    fmt::print("{}\n", out.dump(2));
  }
}

}  // namespace

void add_info_command(CLI::App& app) {
  auto options = std::make_shared<InfoOptions>();
  CLI::App* cmd = app.add_subcommand(
      "info", "Describe trajectories: format, atoms, frames, times, box, species");
  cmd->add_option("trajectories", options->trajectories,
                  "Trajectory files (xtc trr gro lammpstrj dcd xyz pdb, text formats also .gz)")
      ->required();
  cmd->add_option("--top", options->topology,
                  "Topology for names (gro, pdb, LAMMPS data or dump, xyz); needed for species of "
                  "xtc/trr/dcd");
  cmd->add_flag(
      "--json", options->json,
      "Print JSON: format, atoms, frames, time_first, time_last, dt, box_first, "
      "volume_mean, species (one object, or {\"trajectories\": [...]} for several files)");
  cmd->callback([options] { run_info(*options); });
}

}  // namespace nucleate::cli
