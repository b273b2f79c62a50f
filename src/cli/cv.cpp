// `nucleate cv (--preset NAME | -c FILE.toml) TRAJ... -o OUT [--top FILE]
// [--per-atom FILE.extxyz] [--cluster-sizes FILE.json] [--begin B] [--end E]
// [--stride S] [--threads N] [--resume]`: per-frame collective variables as PLUMED
// COLVAR (pipeline/cv_stage.h; the options are cv/trajectory_cvs.h's).

#include <cstdio>
#include <map>
#include <memory>

#include "cli/commands.h"
#include "cli/options.h"
#include "cli/progress.h"
#include "pipeline/cv_resume.h"
#include "pipeline/cv_stage.h"

namespace nucleate::cli {

void add_cv_command(CLI::App& app) {
  struct Command {
    cv::CvOptions options;
    pipeline::CvFiles files;
    bool resume = false;
  };
  auto c = std::make_shared<Command>();
  CLI::App* cmd = app.add_subcommand(
      "cv", "Per-frame collective variables (order parameters, clusters) as PLUMED COLVAR");
  cmd->add_option("trajectories", c->files.trajectories, "Trajectories (any readable format)")
      ->required();
  auto table = std::make_shared<TableOptions<cv::CvOptions>>(*cmd, c->options, cv::cv_options());
  cmd->add_option("-o,--output", c->files.output,
                  "COLVAR file; with several trajectories a directory (one COLVAR each) or one "
                  "file with a traj column")
      ->required();
  cmd->add_option("--per-atom", c->files.per_atom,
                  "Also write every per-atom quantity as extended XYZ (for OVITO, ASE)");
  cmd->add_option("--cluster-sizes", c->files.cluster_sizes,
                  "Also write the cluster-size distribution over all frames (JSON: size, n, p, "
                  "n_p)");
  cmd->add_flag("--resume", c->resume,
                "Carry on a run that was stopped: trajectories whose COLVAR it finished (same "
                "options, same trajectory files) are not computed again; needs -o a folder for "
                "several trajectories");
  cmd->callback([c, table] {
    table->finish();
    if (c->resume) {
      c->files.resume_record = pipeline::cv_resume_record_for(c->files.output);
      c->files.resume_key = pipeline::cv_resume_key(c->options, c->files.trajectories);
    }
    std::map<std::string, std::unique_ptr<Progress>> progress;
    const pipeline::CvResult result =
        pipeline::run_cv(c->options, c->files, [&](const std::string& path, std::size_t frames) {
          auto& shown = progress[path];
          if (!shown) shown = std::make_unique<Progress>(path);
          shown->update(frames);
        });
    progress.clear();
    if (result.resumed > 0) {
      std::fprintf(stderr, "nucleate cv: resumed: %zu of %zu trajectories were finished before\n",
                   result.resumed, result.trajectories.size());
    }
    for (const auto& t : result.trajectories) {
      std::fprintf(stderr, "nucleate cv: %zu frame%s of %s -> %s\n", t.frames,
                   t.frames == 1 ? "" : "s", t.trajectory.c_str(), t.colvar.c_str());
    }
    if (!c->files.cluster_sizes.empty()) {
      std::fprintf(stderr, "nucleate cv: cluster-size distribution over %zu frames -> %s\n",
                   result.frames, c->files.cluster_sizes.c_str());
    }
  });
}

}  // namespace nucleate::cli
