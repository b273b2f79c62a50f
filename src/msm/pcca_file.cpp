#include "msm/pcca_file.h"

#include <fmt/format.h>

#include "core/error.h"
#include "core/recorded_path.h"

namespace nucleate::msm {

const OptionTable<PccaOptions>& pcca_options() {
  static const OptionTable<PccaOptions> table{
      {"sets",
       &PccaOptions::sets,
       "Number of metastable sets (at least 2)",
       "",
       OptionCheck::positive,
       {},
       {"--n-sets"}},
  };
  return table;
}

MacrostateModel macrostates(const MarkovModel& model, const PccaOptions& options) {
  check_options(options, pcca_options());
  MacrostateModel out;
  out.active_set = model.active_set;
  out.pcca = pcca(model.transition_matrix, model.stationary_distribution, options.sets);
  out.sets.resize(options.sets);
  for (std::size_t i = 0; i < out.pcca.assignments.size(); ++i) {
    out.sets[static_cast<std::size_t>(out.pcca.assignments[i])].push_back(model.active_set[i]);
  }
  return out;
}

Json matrix_rows(const Eigen::MatrixXd& m) {
  Json rows = Json::array();
  for (Eigen::Index i = 0; i < m.rows(); ++i) {
    std::vector<double> row(static_cast<std::size_t>(m.cols()));
    for (Eigen::Index j = 0; j < m.cols(); ++j) row[static_cast<std::size_t>(j)] = m(i, j);
    rows.push_back(std::move(row));
  }
  return rows;
}

Json pcca_json(const MacrostateModel& result, const std::string& model_path,
               const std::string& output_file) {
  const Pcca& p = result.pcca;
  Json out;
  out["msm"] = recorded_path(model_path, output_file);
  out["n_sets"] = result.sets.size();
  out["active_set"] = result.active_set;
  out["memberships"] = matrix_rows(p.memberships);
  out["assignments"] = p.assignments;
  out["sets"] = result.sets;
  out["macro_transition_matrix"] = matrix_rows(p.coarse_transition_matrix);
  out["macro_stationary_distribution"] = std::vector<double>(
      p.coarse_stationary_distribution.data(),
      p.coarse_stationary_distribution.data() + p.coarse_stationary_distribution.size());
  out["optimiser_converged"] = p.optimiser_converged;
  return out;
}

MacrostateModel read_pcca_file(const std::string& path) {
  const Json j = read_json_file(path);
  MacrostateModel out;
  try {
    out.active_set = j.at("active_set").get<std::vector<std::int32_t>>();
    const auto rows = j.at("memberships").get<std::vector<std::vector<double>>>();
    if (rows.size() != out.active_set.size() || rows.empty()) {
      throw InputError({path, {}, {}, {}}, "memberships and active_set differ in length");
    }
    Eigen::MatrixXd& chi = out.pcca.memberships;
    chi.resize(static_cast<Eigen::Index>(rows.size()), static_cast<Eigen::Index>(rows[0].size()));
    for (std::size_t i = 0; i < rows.size(); ++i) {
      if (rows[i].size() != rows[0].size()) {
        throw InputError({path, {}, {}, {}},
                         fmt::format("memberships row {} has {} values, row 0 {}", i,
                                     rows[i].size(), rows[0].size()));
      }
      for (std::size_t k = 0; k < rows[i].size(); ++k)
        chi(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(k)) = rows[i][k];
    }
    out.sets = j.at("sets").get<std::vector<std::vector<std::int32_t>>>();
    out.pcca.assignments = j.value("assignments", std::vector<std::int32_t>{});
    out.pcca.optimiser_converged = j.value("optimiser_converged", true);
    if (j.contains("macro_stationary_distribution")) {
      const auto pi = j.at("macro_stationary_distribution").get<std::vector<double>>();
      out.pcca.coarse_stationary_distribution =
          Eigen::Map<const Eigen::VectorXd>(pi.data(), static_cast<Eigen::Index>(pi.size()));
    }
    if (j.contains("macro_transition_matrix")) {
      const auto t = j.at("macro_transition_matrix").get<std::vector<std::vector<double>>>();
      Eigen::MatrixXd& m = out.pcca.coarse_transition_matrix;
      m.resize(static_cast<Eigen::Index>(t.size()), static_cast<Eigen::Index>(t.size()));
      for (std::size_t i = 0; i < t.size(); ++i)
        for (std::size_t k = 0; k < t[i].size() && k < t.size(); ++k)
          m(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(k)) = t[i][k];
    }
  } catch (const nlohmann::json::exception& e) {
    throw InputError({path, {}, {}, {}}, fmt::format("not a pcca.json from `nucleate msm pcca`: {}",
                                                     json_error_text(e)));
  }
  return out;
}

}  // namespace nucleate::msm
