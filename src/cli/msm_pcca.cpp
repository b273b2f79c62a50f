// `nucleate msm pcca --msm msm.json --n-sets K -o pcca.json`: PCCA+
// metastable sets of a reversible model, their memberships and the
// coarse-grained model.

#include <cstdio>
#include <memory>

#include "cli/json_output.h"
#include "cli/msm_commands.h"
#include "cli/msm_file.h"
#include "msm/pcca.h"

namespace nucleate::cli {
namespace {

struct PccaCommand {
  std::string model;
  std::size_t sets = 2;
  std::string output;
};

void run_pcca(const PccaCommand& options) {
  const SavedModel model = read_saved_model(options.model);
  const msm::Pcca result =
      msm::pcca(model.transition_matrix, model.stationary_distribution, options.sets);
  std::vector<std::vector<std::int32_t>> sets(options.sets);
  for (std::size_t i = 0; i < result.assignments.size(); ++i) {
    sets[static_cast<std::size_t>(result.assignments[i])].push_back(model.active_set[i]);
  }
  nlohmann::json out;
  out["msm"] = options.model;
  out["n_sets"] = options.sets;
  out["active_set"] = model.active_set;
  out["memberships"] = matrix_rows(result.memberships);
  out["assignments"] = result.assignments;
  out["sets"] = sets;
  out["macro_transition_matrix"] = matrix_rows(result.coarse_transition_matrix);
  out["macro_stationary_distribution"] = std::vector<double>(
      result.coarse_stationary_distribution.data(),
      result.coarse_stationary_distribution.data() + result.coarse_stationary_distribution.size());
  out["optimiser_converged"] = result.optimiser_converged;
  write_json(options.output, out);
  for (std::size_t k = 0; k < sets.size(); ++k) {
    std::printf("set %zu: %zu states, stationary weight %.4g\n", k, sets[k].size(),
                result.coarse_stationary_distribution[static_cast<Eigen::Index>(k)]);
  }
}

}  // namespace

void add_msm_pcca(CLI::App& msm) {
  auto options = std::make_shared<PccaCommand>();
  CLI::App* cmd = msm.add_subcommand("pcca", "PCCA+ metastable sets of a reversible model");
  cmd->add_option("--msm", options->model, "msm.json from `nucleate msm estimate`")->required();
  cmd->add_option("--n-sets", options->sets, "Number of metastable sets")
      ->required()
      ->check(CLI::Range(2, 1000000));
  cmd->add_option("-o,--output", options->output, "pcca.json")->required();
  cmd->callback([options] { run_pcca(*options); });
}

}  // namespace nucleate::cli
