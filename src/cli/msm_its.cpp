// `nucleate msm its DTRAJ... --lags 1,2,5,10 [--nits K] [--dt T]
// [--samples N --seed S] -o its.json`: implied timescales against the lag
// time, with Bayesian 95% bands (msm/its_scan.h).

#include <cstdio>
#include <memory>

#include "cli/msm_commands.h"
#include "cli/options.h"
#include "cli/progress.h"
#include "core/json.h"
#include "pipeline/msm_stages.h"

namespace nucleate::cli {

void add_msm_its(CLI::App& msm) {
  struct Command {
    msm::ItsOptions options;
    std::vector<std::string> trajectories;
    std::string output;
  };
  auto c = std::make_shared<Command>();
  CLI::App* cmd = msm.add_subcommand("its", "Implied timescales against the lag time");
  cmd->add_option("trajectories", c->trajectories,
                  "Discrete trajectories (text, one state per line)")
      ->required();
  auto table =
      std::make_shared<TableOptions<msm::ItsOptions>>(*cmd, c->options, msm::its_options());
  cmd->add_option("-o,--output", c->output, "its.json")->required();
  cmd->callback([c, table] {
    table->finish();
    Progress progress("nucleate msm its: sampling", "samples");
    const msm::ItsResult result =
        pipeline::run_its(c->options, c->trajectories, progress.callback());
    write_json_file(c->output, msm::its_json(result, c->options));
    for (const auto& line : pipeline::its_lines(result, c->options))
      std::printf("%s\n", line.c_str());
  });
}

}  // namespace nucleate::cli
