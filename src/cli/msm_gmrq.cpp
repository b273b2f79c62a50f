// `nucleate msm gmrq COLVAR... --cvs a,b --kcenters 50,100,200 --lag L
// [--folds 5] [--seed S] [--components 5] -o gmrq.json`: choose the number of
// microstates by cross-validated GMRQ (McGibbon & Pande 2015; msm/gmrq.h).

#include <cstdio>
#include <memory>

#include "cli/msm_commands.h"
#include "cli/options.h"
#include "core/json.h"
#include "pipeline/msm_stages.h"

namespace nucleate::cli {

void add_msm_gmrq(CLI::App& msm) {
  struct Command {
    msm::GmrqOptions options;
    std::vector<std::string> inputs;
    std::string output;
  };
  auto c = std::make_shared<Command>();
  CLI::App* cmd =
      msm.add_subcommand("gmrq", "Cross-validated GMRQ scores to choose the number of microstates");
  cmd->add_option("inputs", c->inputs, "CV time series (COLVAR or 2-D .npy), one per trajectory")
      ->required();
  auto table =
      std::make_shared<TableOptions<msm::GmrqOptions>>(*cmd, c->options, msm::gmrq_options());
  cmd->add_option("-o,--output", c->output, "gmrq.json")->required();
  cmd->callback([c, table] {
    table->finish();
    const msm::GmrqScan scan = pipeline::run_gmrq(c->options, c->inputs);
    for (const auto& line : pipeline::gmrq_lines(scan, c->options))
      std::printf("%s\n", line.c_str());
    write_json_file(c->output, msm::gmrq_json(scan, c->options));
  });
}

}  // namespace nucleate::cli
