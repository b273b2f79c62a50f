// `nucleate msm pcca --msm msm.json --sets K -o pcca.json`: PCCA+ metastable
// sets of a reversible model, their memberships and the coarse-grained
// model (msm/pcca_file.h).

#include <cstdio>
#include <memory>

#include "cli/msm_commands.h"
#include "cli/options.h"
#include "core/json.h"
#include "pipeline/msm_stages.h"

namespace nucleate::cli {

void add_msm_pcca(CLI::App& msm) {
  struct Command {
    msm::PccaOptions options;
    std::string model;
    std::string output;
  };
  auto c = std::make_shared<Command>();
  CLI::App* cmd = msm.add_subcommand("pcca", "PCCA+ metastable sets of a reversible model");
  cmd->add_option("--msm", c->model, "msm.json from `nucleate msm estimate`")->required();
  auto table =
      std::make_shared<TableOptions<msm::PccaOptions>>(*cmd, c->options, msm::pcca_options());
  cmd->add_option("-o,--output", c->output, "pcca.json")->required();
  cmd->callback([c, table] {
    table->finish();
    const msm::MacrostateModel result = pipeline::run_pcca(c->options, c->model);
    write_json_file(c->output, msm::pcca_json(result, c->model, c->output));
    for (const auto& line : pipeline::pcca_lines(result)) std::printf("%s\n", line.c_str());
  });
}

}  // namespace nucleate::cli
