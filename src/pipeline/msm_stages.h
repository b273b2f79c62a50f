#pragma once
// The MSM stages as `nucleate msm ...` and `nucleate run` run them: discrete
// trajectory files (or a saved model) in, a typed result out, written by the
// msm layer's formats (msm.json, its.json, bayes.json, pcca.json, ck.json,
// gmrq.json). Each is one call for the command line, the pipeline and Python.

#include <functional>
#include <string>
#include <vector>

#include "msm/bayesian_file.h"
#include "msm/ck_test.h"
#include "msm/gmrq.h"
#include "msm/its_scan.h"
#include "msm/model_file.h"
#include "msm/pcca_file.h"

namespace nucleate::pipeline {

using Progress = std::function<void(std::size_t)>;

/// `stationary`: a file of pi by state label to fix it ("" for none).
msm::SavedModel run_msm_estimate(const msm::MsmEstimateOptions& options,
                                 const std::vector<std::string>& dtrajs,
                                 const std::string& stationary = "");
std::string msm_estimate_headline(const msm::SavedModel& saved, const std::string& output);

msm::ItsResult run_its(const msm::ItsOptions& options, const std::vector<std::string>& dtrajs,
                       const Progress& progress = nullptr);
/// One line per lag: "lag 5: 18 states, timescales 49.1 12.3".
std::vector<std::string> its_lines(const msm::ItsResult& result, const msm::ItsOptions& options);

msm::BayesianTrajectoryModel run_bayes(const msm::BayesianMsmOptions& options,
                                       const std::vector<std::string>& dtrajs, bool keep_matrices,
                                       const Progress& progress = nullptr);
std::string bayes_headline(const msm::BayesianTrajectoryModel& result,
                           const msm::BayesianMsmOptions& options, const std::string& output);

msm::MacrostateModel run_pcca(const msm::PccaOptions& options, const std::string& model_file);
std::vector<std::string> pcca_lines(const msm::MacrostateModel& result);

/// Memberships from `pcca_file` (a pcca.json).
msm::CkResult run_cktest(const msm::CkOptions& options, const std::vector<std::string>& dtrajs,
                         const std::string& pcca_file, const Progress& progress = nullptr);
std::vector<std::string> cktest_lines(const msm::CkResult& result);

/// CV columns options.cvs of each input (COLVAR or .npy).
msm::GmrqScan run_gmrq(const msm::GmrqOptions& options, const std::vector<std::string>& inputs);
std::vector<std::string> gmrq_lines(const msm::GmrqScan& scan, const msm::GmrqOptions& options);

}  // namespace nucleate::pipeline
