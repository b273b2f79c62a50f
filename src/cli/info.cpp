// `nucleate info TRAJ... [--top FILE] [--json]`: what is in a trajectory.

#include <fmt/format.h>

#include <cstdio>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/progress.h"
#include "io/trajectory_summary.h"

namespace nucleate::cli {
namespace {

struct InfoOptions {
  std::vector<std::string> trajectories;
  std::string topology;
  bool json = false;
};

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
    Progress progress(path);
    nlohmann::json info =
        io::summary_json(io::summarize_trajectory(path, options.topology, progress.callback()));
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
