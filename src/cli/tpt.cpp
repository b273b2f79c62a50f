// `nucleate tpt`: transition path theory on a saved MSM, from a source set A
// (e.g. the liquid) to a sink set B (the crystal): committors, reactive
// fluxes, rate, MFPTs, pathways, coarse-grained pathways, the transition
// state ensemble and a nucleation rate, optionally with Bayesian error bars.
//   tpt --msm msm.json (--source IDS|--source-region EXPR|--source-macro K)
//       (--sink ...) [--clusters clusters.json] [--pcca pcca.json]
//       [--samples N --dtraj F... --seed S]
//       [--volume V | --volume-from TRAJ... [--volume-over source|all --begin B --stride S]]
//       [--flux-fraction 0.95] -o tpt.json
// The options are the library's (tpt/tpt_analysis.h).

#include <cstdio>
#include <memory>

#include "cli/commands.h"
#include "cli/options.h"
#include "cli/progress.h"
#include "core/json.h"
#include "pipeline/tpt_stage.h"
#include "tpt/tpt_file.h"

namespace nucleate::cli {

void add_tpt_command(CLI::App& app) {
  struct Command {
    tpt::TptOptions options;
    pipeline::TptFiles files;
    std::string output;
  };
  auto c = std::make_shared<Command>();
  CLI::App* cmd = app.add_subcommand("tpt",
                                     "Transition path theory: committors, reactive flux, pathways, "
                                     "transition states, nucleation rate");
  cmd->add_option("--msm", c->files.model, "msm.json from `nucleate msm estimate`")->required();
  auto table =
      std::make_shared<TableOptions<tpt::TptOptions>>(*cmd, c->options, tpt::tpt_options());
  cmd->add_option("--clusters", c->files.clusters,
                  "clusters.json from `nucleate cluster` (state centres)");
  cmd->add_option("--pcca", c->files.pcca,
                  "pcca.json from `nucleate msm pcca`: macrostates, and coarse-graining onto them");
  cmd->add_option("--dtraj", c->files.dtrajs,
                  "The discrete trajectories of the model (for --samples, --volume-over source, "
                  "and paired with --colvar)");
  cmd->add_option("--colvar", c->files.colvars,
                  "Per-frame CV files paired with --dtraj: CV averages over the transition-state "
                  "frames");
  cmd->add_option("--volume-from", c->files.volume_from,
                  "Trajectories whose mean box volume is V (instead of --volume)");
  cmd->add_option("-o,--output", c->output, "tpt.json")->required();
  cmd->callback([c, table] {
    table->finish();
    Progress progress("nucleate tpt: sampling", "samples");
    const tpt::TptResult result = pipeline::run_tpt(c->options, c->files, progress.callback());
    write_json_file(c->output, tpt::tpt_json(result, c->output));
    for (const auto& line : pipeline::tpt_lines(result, c->output))
      std::printf("%s\n", line.c_str());
    for (const auto& w : result.warnings)
      std::fprintf(stderr, "nucleate tpt: warning: %s\n", w.c_str());
  });
}

}  // namespace nucleate::cli
