#pragma once
// PCCA+ of a saved model (`nucleate msm pcca`, [pcca] of a pipeline):
// metastable sets by original state label, and pcca.json, its saved form,
// read back by the CK test and TPT (macrostates as endpoints, coarse
// pathways).

#include <cstdint>
#include <string>
#include <vector>

#include "core/json.h"
#include "core/options.h"
#include "msm/markov_model.h"
#include "msm/pcca.h"

namespace nucleate::msm {

struct PccaOptions {
  std::size_t sets = 2;  ///< metastable sets
};
const OptionTable<PccaOptions>& pcca_options();

struct MacrostateModel {
  std::vector<std::int32_t> active_set;  ///< the model's original labels
  Pcca pcca;
  std::vector<std::vector<std::int32_t>> sets;  ///< original labels per macrostate
};

MacrostateModel macrostates(const MarkovModel& model, const PccaOptions& options);

/// pcca.json: msm (the model's file), n_sets, active_set, memberships,
/// assignments, sets, macro_transition_matrix, macro_stationary_distribution,
/// optimiser_converged. The model's path is recorded relative to the folder
/// of `output_file` (core/recorded_path.h).
Json pcca_json(const MacrostateModel& result, const std::string& model_path,
               const std::string& output_file);

/// InputError naming the file and field when it is not a pcca.json.
MacrostateModel read_pcca_file(const std::string& path);

/// A dense matrix as a list of rows.
Json matrix_rows(const Eigen::MatrixXd& m);

}  // namespace nucleate::msm
