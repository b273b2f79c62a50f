// `nucleate msm cktest DTRAJ... --lag L --pcca pcca.json [--mlags 5]
// [--samples N --seed S] -o ck.json`: Chapman-Kolmogorov test of the model at
// lag L on the PCCA+ sets, with Bayesian 95% bands (msm/ck_test.h).

#include <cstdio>
#include <memory>

#include "cli/msm_commands.h"
#include "cli/options.h"
#include "cli/progress.h"
#include "core/json.h"
#include "pipeline/msm_stages.h"

namespace nucleate::cli {

void add_msm_cktest(CLI::App& msm) {
  struct Command {
    msm::CkOptions options;
    std::vector<std::string> trajectories;
    std::string pcca;
    std::string output;
  };
  auto c = std::make_shared<Command>();
  CLI::App* cmd = msm.add_subcommand("cktest", "Chapman-Kolmogorov test on PCCA+ sets");
  cmd->add_option("trajectories", c->trajectories,
                  "Discrete trajectories (text, one state per line)")
      ->required();
  auto table = std::make_shared<TableOptions<msm::CkOptions>>(*cmd, c->options, msm::ck_options());
  cmd->add_option("--pcca", c->pcca, "pcca.json from `nucleate msm pcca`")->required();
  cmd->add_option("-o,--output", c->output, "ck.json")->required();
  cmd->callback([c, table] {
    table->finish();
    Progress progress("nucleate msm cktest: sampling", "samples");
    const msm::CkResult result =
        pipeline::run_cktest(c->options, c->trajectories, c->pcca, progress.callback());
    write_json_file(c->output, msm::ck_json(result, c->options));
    for (const auto& line : pipeline::cktest_lines(result)) std::printf("%s\n", line.c_str());
  });
}

}  // namespace nucleate::cli
