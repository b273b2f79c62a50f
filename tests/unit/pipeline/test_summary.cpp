// summary.json and the headline from typed stage results: a four-state
// birth-death chain (0 - 1 - 2 - 3, plus a state 4 outside the connected
// set) with TPT from 0 to 3, checked number by number, and built again from
// the results read back through the library's file formats (what `nucleate
// run` does for stages that were up to date) with the same outcome.

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

#include "core/json.h"
#include "msm/model_file.h"
#include "msm/spectral.h"
#include "msm/state_decomposition.h"
#include "pipeline/summary.h"
#include "support/test_data.h"
#include "tpt/tpt_file.h"

namespace nucleate::pipeline {
namespace {

msm::SavedModel chain() {
  msm::SavedModel saved;
  msm::MarkovModel& m = saved.model;
  m.options.lag = 2;
  m.active_set = {0, 1, 2, 3};
  m.dropped.states = {4};
  m.dropped.frames = 10;
  Eigen::MatrixXd t(4, 4);
  t << 0.9, 0.1, 0, 0, 0.1, 0.8, 0.1, 0, 0, 0.1, 0.8, 0.1, 0, 0, 0.1, 0.9;
  m.transition_matrix = t.sparseView();
  m.stationary_distribution = Eigen::VectorXd::Constant(4, 0.25);
  m.spectrum = msm::eigenvalues(m.transition_matrix, 0, m.stationary_distribution);
  m.timescales = msm::implied_timescales(m.spectrum, 2.0, m.warnings);
  saved.dt = 0.5;
  return saved;
}

msm::StateDecomposition states() {
  msm::StateDecomposition d;
  d.method = "grid";
  d.cvs = {"n"};
  d.scale = {1.0};
  d.centers = msm::Points(5, 1);
  d.centers << 0, 1, 2, 3, 9;
  d.scaled_centers = d.centers;
  d.grid = {{-0.5, 9.5, 5, ""}};
  return d;
}

RunResults results() {
  RunResults r;
  r.frames = 100;
  r.states = states();
  r.model = chain();
  r.bayes.model.timescales.lower = {30.0, 4.0};  // frames; two of the three timescales
  r.bayes.model.timescales.upper = {60.0, 6.0};
  tpt::TptOptions options;
  options.source_region = "n < 0.5";
  options.sink_region = "n > 2.5";
  const std::vector<std::vector<std::int32_t>> macrostates{{0, 1}, {2, 3}};
  tpt::TptInputs inputs;
  inputs.endpoints.states = &r.states;
  inputs.endpoints.states_file = "clusters.json";
  inputs.endpoints.macrostates = &macrostates;
  inputs.volume = 8.0;
  r.tpt = tpt::analyse_tpt(r.model, options, inputs);
  return r;
}

PipelineConfig config() {
  PipelineConfig c;
  c.name = "chain";
  c.trajectories = {"a.xtc", "b.xtc"};
  c.report_cvs = {"n"};
  return c;
}

TEST(Summary, HoldsEveryHeadlineNumberOfTheResults) {
  const RunResults r = results();
  const Json s = build_summary(config(), r);
  EXPECT_EQ(s["trajectories"], 2);
  EXPECT_EQ(s["frames"], 100);
  EXPECT_EQ(s["n_states"], 4);
  EXPECT_DOUBLE_EQ(s["lag_time"].get<double>(), 1.0);  // lag 2 x dt 0.5
  EXPECT_DOUBLE_EQ(s["connected_frames_fraction"].get<double>(), 0.9);
  EXPECT_EQ(s["connected_states"]["states"], 4);
  EXPECT_EQ(s["connected_states"]["cv_ranges"]["n"], (Json{0.0, 3.0}));
  EXPECT_EQ(s["dropped_states"]["states"], 1);
  EXPECT_EQ(s["dropped_states"]["cv_ranges"]["n"], (Json{9.0, 9.0}));
  // Timescales in time units (frames x dt), with the Bayesian bounds where there are some.
  ASSERT_EQ(s["timescales"].size(), 3u);
  EXPECT_DOUBLE_EQ(s["timescales"][0]["value"].get<double>(), r.model.model.timescales[0] * 0.5);
  EXPECT_DOUBLE_EQ(s["timescales"][0]["lower"].get<double>(), 15.0);
  EXPECT_DOUBLE_EQ(s["timescales"][1]["upper"].get<double>(), 3.0);
  EXPECT_TRUE(s["timescales"][2]["lower"].is_null());
  // TPT numbers as the analysis gave them; no Bayesian TPT, so no bounds.
  EXPECT_EQ(s["source"], (Json{0}));
  EXPECT_EQ(s["sink"], (Json{3}));
  EXPECT_DOUBLE_EQ(s["mfpt"]["value"].get<double>(), r.tpt.mfpt);
  EXPECT_TRUE(s["mfpt"]["lower"].is_null());
  EXPECT_DOUBLE_EQ(s["rate"]["value"].get<double>(), r.tpt.rate());
  EXPECT_DOUBLE_EQ(s["nucleation_rate"]["value"].get<double>(), r.tpt.nucleation_rate->value);
  EXPECT_EQ(s["nucleation_rate"]["units"], "m^-3 s^-1");
  // A linear chain has one pathway, and one coarse pathway A0 -> I0 -> I1 -> B1.
  ASSERT_EQ(s["pathways"].size(), 1u);
  EXPECT_EQ(s["pathways"][0]["states"], (Json{0, 1, 2, 3}));
  EXPECT_NEAR(s["pathways"][0]["fraction"].get<double>(), 1.0, 1e-12);
  ASSERT_EQ(s["coarse_pathways"].size(), 1u);
  EXPECT_EQ(s["coarse_pathways"][0]["macrostates"], (Json{"A0", "I0", "I1", "B1"}));
  // q+ of the chain: 0, 1/3, 2/3, 1, so no state lies in [0.4, 0.6].
  EXPECT_EQ(s["transition_states"]["states"], 0);
}

TEST(Summary, HeadlineSaysWhatWasConnectedAndTheNumbers) {
  const Json s = build_summary(config(), results());
  const std::string text = headline(s, "out", true);
  EXPECT_NE(text.find("chain: 2 trajectories, 100 frames; 4 states (90.0% of frames connected), "
                      "lag 2 frames = 1 ps"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("connected states: n 0..3; 1 dropped: n 9..9"), std::string::npos) << text;
  EXPECT_NE(text.find("pathway 1: 100.0%  0 1 2 3"), std::string::npos) << text;
  EXPECT_NE(text.find("macrostate pathway 100.0%  A0 -> I0 -> I1 -> B1"), std::string::npos);
  EXPECT_NE(text.find("results in out/ (summary.json, report.html)"), std::string::npos);
}

// Numbers equal to 1e-12 relative (a file round trip divides and multiplies
// by dt), everything else identical.
void expect_same(const Json& a, const Json& b, const std::string& where) {
  if (a.is_number() && b.is_number()) {
    const double x = a.get<double>();
    const double y = b.get<double>();
    EXPECT_NEAR(x, y, 1e-12 * std::max(std::abs(x), std::abs(y))) << where;
    return;
  }
  ASSERT_EQ(a.type(), b.type()) << where;
  if (a.is_object()) {
    ASSERT_EQ(a.size(), b.size()) << where;
    for (const auto& [key, value] : a.items()) expect_same(value, b.at(key), where + "/" + key);
  } else if (a.is_array()) {
    ASSERT_EQ(a.size(), b.size()) << where;
    for (std::size_t i = 0; i < a.size(); ++i)
      expect_same(a[i], b[i], where + "/" + std::to_string(i));
  } else {
    EXPECT_EQ(a, b) << where;
  }
}

TEST(Summary, ResultsReadBackFromTheirFilesGiveTheSameSummary) {
  testing::ScratchDir scratch;
  const RunResults fresh = results();
  const auto path = [&](const char* name) { return (scratch.path() / name).string(); };
  write_json_file(path("msm.json"), msm::model_json(fresh.model, path("msm.json")));
  write_json_file(path("clusters.json"), msm::decomposition_json(fresh.states), 2);
  write_json_file(path("tpt.json"), tpt::tpt_json(fresh.tpt, path("tpt.json")));
  RunResults loaded = fresh;
  loaded.model = msm::read_model_file(path("msm.json"));
  loaded.states = msm::read_decomposition_file(path("clusters.json"));
  loaded.tpt = tpt::read_tpt_file(path("tpt.json"));
  expect_same(build_summary(config(), fresh), build_summary(config(), loaded), "");
  // And the TPT file written again from what was read is the same file.
  expect_same(tpt::tpt_json(fresh.tpt, {}), tpt::tpt_json(loaded.tpt, {}), "tpt.json");
}

}  // namespace
}  // namespace nucleate::pipeline
