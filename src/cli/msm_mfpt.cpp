// `nucleate msm mfpt --msm msm.json --from IDS --to IDS`: the pi-weighted
// mean first passage time between two sets of states (original labels), in
// the model's time unit (frames, or --dt's unit when the model has one).

#include <cstdio>
#include <memory>

#include "cli/msm_commands.h"
#include "msm/model_file.h"

namespace nucleate::cli {

void add_msm_mfpt(CLI::App& msm) {
  struct Command {
    std::string model;
    std::string from;
    std::string to;
  };
  auto c = std::make_shared<Command>();
  CLI::App* cmd = msm.add_subcommand("mfpt", "Mean first passage time between two sets of states");
  cmd->add_option("--msm", c->model, "msm.json from `nucleate msm estimate`")->required();
  cmd->add_option("--from", c->from, "Source states (original labels), e.g. 0,1,2 or 0-2")
      ->required();
  cmd->add_option("--to", c->to, "Target states")->required();
  cmd->callback([c] {
    const msm::SavedModel saved = msm::read_model_file(c->model);
    const msm::PassageTime t =
        msm::mean_first_passage_time(saved, msm::parse_state_labels(c->from, "--from"),
                                     msm::parse_state_labels(c->to, "--to"), {"--from", "--to"});
    std::printf("mfpt %s -> %s: %.6g %s (%.6g lag steps)\n", c->from.c_str(), c->to.c_str(), t.time,
                saved.dt ? "time units of the model's dt" : "frames", t.steps);
  });
}

}  // namespace nucleate::cli
