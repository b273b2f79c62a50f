// `nucleate msm bayes DTRAJ... --lag L [--samples N] [--seed S] [--steps K]
// [--count-mode effective|sliding] [--dt T] [--nits K] [--samples-npy F]
// -o bayes.json`: a Bayesian MSM with error bars on the implied timescales
// and the stationary distribution (msm/bayesian_file.h).

#include <cstdio>
#include <memory>

#include "cli/msm_commands.h"
#include "cli/options.h"
#include "cli/progress.h"
#include "core/json.h"
#include "io/npy.h"
#include "pipeline/msm_stages.h"

namespace nucleate::cli {

void add_msm_bayes(CLI::App& msm) {
  struct Command {
    msm::BayesianMsmOptions options;
    std::vector<std::string> trajectories;
    std::string samples_npy;
    std::string output;
  };
  auto c = std::make_shared<Command>();
  CLI::App* cmd = msm.add_subcommand(
      "bayes", "Bayesian MSM: sampled reversible transition matrices, error bars");
  cmd->add_option("trajectories", c->trajectories,
                  "Discrete trajectories (text, one state per line)")
      ->required();
  auto table = std::make_shared<TableOptions<msm::BayesianMsmOptions>>(*cmd, c->options,
                                                                       msm::bayesian_msm_options());
  cmd->add_option("--samples-npy", c->samples_npy,
                  "Also write the sampled transition matrices: .npy of shape (samples, n*n), rows "
                  "row-major n x n");
  cmd->add_option("-o,--output", c->output, "bayes.json")->required();
  cmd->callback([c, table] {
    table->finish();
    Progress progress("nucleate msm bayes: sampling", "samples");
    const auto result = pipeline::run_bayes(c->options, c->trajectories, !c->samples_npy.empty(),
                                            progress.callback());
    write_json_file(c->output, msm::bayes_json(result, c->options, c->trajectories, c->output));
    if (!c->samples_npy.empty()) {
      const auto n = static_cast<std::size_t>(result.active_set.size());
      io::write_npy(c->samples_npy, msm::sampled_matrices_rows(result.model),
                    {result.model.samples.size(), n * n});
    }
    for (const auto& w : result.model.warnings)
      std::fprintf(stderr, "nucleate msm bayes: warning: %s\n", w.c_str());
    std::printf("%s\n", pipeline::bayes_headline(result, c->options, c->output).c_str());
  });
}

}  // namespace nucleate::cli
