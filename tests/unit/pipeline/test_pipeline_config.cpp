#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "core/error.h"
#include "pipeline/pipeline_config.h"
#include "pipeline/stage_state.h"
#include "pipeline/stages.h"
#include "support/test_data.h"

namespace nucleate::pipeline {
namespace {

namespace fs = std::filesystem;

class PipelineConfigTest : public ::testing::Test {
 protected:
  testing::ScratchDir scratch;

  std::string write(const std::string& body) {
    const std::string path = (scratch.path() / "pipeline.toml").string();
    std::ofstream(path) << body;
    return path;
  }

  std::string minimal(const std::string& extra_cluster = "",
                      const std::string& tpt = "source = \"0\"\nsink = \"3\"\n") {
    fs::create_directories(scratch.path() / "traj");
    for (const char* name : {"b.xtc", "a.xtc"})
      std::ofstream(scratch.path() / "traj" / name) << name;
    return "name = \"t\"\n[input]\ntrajectories = [\"traj/*.xtc\"]\n[cv]\npreset = "
           "\"lj-tenwolde\"\n"
           "[cluster]\ncvs = [\"largest\", \"nsolid\"]\nk = 10\n" +
           extra_cluster + "[msm]\nlag = 5\n[tpt]\n" + tpt;
  }

  std::string error_of(const std::string& body) {
    try {
      read_pipeline_config(write(body));
    } catch (const Error& e) {
      return e.what();
    }
    return "";
  }
};

TEST_F(PipelineConfigTest, DefaultsAndGlobsResolveAgainstTheFile) {
  const PipelineConfig c = read_pipeline_config(write(minimal()));
  ASSERT_EQ(c.trajectories.size(), 2u);
  EXPECT_EQ(fs::path(c.trajectories[0]).filename(), "a.xtc");  // sorted
  EXPECT_TRUE(fs::path(c.trajectories[0]).is_absolute());
  EXPECT_EQ(c.cluster.method, "kmeans");
  EXPECT_EQ(c.its.lags,
            (std::vector<std::size_t>{1, 2, 5, 10, 20}));  // up to 4 lags, and the lag itself
  EXPECT_EQ(c.report_cvs, (std::vector<std::string>{"largest", "nsolid"}));
  EXPECT_EQ(c.tpt.band, (std::vector<double>{0.4, 0.6}));
  // [msm] lag is every MSM stage's lag.
  EXPECT_EQ(c.bayes.lag, 5u);
  EXPECT_EQ(c.cktest.lag, 5u);
}

TEST_F(PipelineConfigTest, MistakesNameTheFileTheLineAndTheKey) {
  EXPECT_NE(error_of(minimal("kk = 3\n")).find("unknown key 'kk'"), std::string::npos);
  EXPECT_NE(error_of(minimal("kk = 3\n")).find("line 9"), std::string::npos)
      << error_of(minimal("kk = 3\n"));
  EXPECT_NE(error_of(minimal("", "source = \"0\"\n")).find("exactly one of 'sink'"),
            std::string::npos);
  EXPECT_NE(error_of(minimal("", "source = \"0\"\nsource_region = \"x < 1\"\nsink = \"3\"\n"))
                .find("exactly one of 'source'"),
            std::string::npos);
  std::string no_match = minimal();
  no_match.replace(no_match.find("traj/*.xtc"), 10, "none/*.xtc");
  EXPECT_NE(error_of(no_match).find("matches no file"), std::string::npos);
  std::string no_msm = minimal();
  no_msm.replace(no_msm.find("[msm]\nlag = 5\n"), 13, "");
  EXPECT_NE(error_of(no_msm).find("[msm] section is missing"), std::string::npos);
  EXPECT_NE(error_of(minimal("method = \"spectral\"\n")).find("not one of kmeans"),
            std::string::npos);
  std::string bad_unit = minimal();
  bad_unit.replace(bad_unit.find("[cv]"), 4, "time_unit = \"frames\"\n[cv]");
  EXPECT_NE(error_of(bad_unit).find("'time_unit': 'frames' is not one of fs"), std::string::npos)
      << error_of(bad_unit);
  EXPECT_NE(error_of("name = [").find(scratch.path().string()), std::string::npos);
}

TEST_F(PipelineConfigTest, StagesCallTheSingleCommands) {
  const PipelineConfig c = read_pipeline_config(write(minimal()));
  const std::string out = (scratch.path() / "out").string();
  const StagePlan cv = plan_stage("cv", c, out);
  EXPECT_EQ(cv.args.front(), "cv");
  EXPECT_EQ(cv.args.back(), out + "/cv/");  // several trajectories: a directory
  EXPECT_EQ(cv.outputs, (std::vector<std::string>{out + "/cv/a.colvar", out + "/cv/b.colvar"}));
  const StagePlan cluster = plan_stage("cluster", c, out);
  EXPECT_EQ(cluster.inputs, cv.outputs);
  EXPECT_EQ(std::vector<std::string>(cluster.args.begin(), cluster.args.begin() + 7),
            (std::vector<std::string>{"cluster", "--method", "kmeans", "--cvs", "largest,nsolid",
                                      "--k", "10"}));
  EXPECT_THROW(plan_stage("fit", c, out), UsageError);
  // The MSM stages need the frame spacing from the first COLVAR file.
  EXPECT_THROW(resolved_config(c, out, "msm"), InputError);
  fs::create_directories(out + "/cv");
  std::ofstream(out + "/cv/a.colvar") << "#! FIELDS time largest nsolid\n0 1 2\n2.5 1 2\n";
  const StagePlan msm = plan_stage("msm", resolved_config(c, out, "msm"), out);
  const auto dt = std::find(msm.args.begin(), msm.args.end(), "--dt");
  ASSERT_NE(dt, msm.args.end());
  EXPECT_EQ(*(dt + 1), "2.5");
}

// J's volume: the source's frames by default (with the cv stage's frames),
// "all" frames, or a number; anything else names the key.
TEST_F(PipelineConfigTest, VolumeIsTheSourcesFramesAllFramesOrANumber) {
  const std::string out = (scratch.path() / "out").string();
  auto tpt_args = [&](const std::string& volume_line) {
    const std::string body = minimal("", "source = \"0\"\nsink = \"3\"\n" + volume_line);
    return plan_stage("tpt", read_pipeline_config(write(body)), out).args;
  };
  auto after = [](const std::vector<std::string>& args, const std::string& option) {
    const auto it = std::find(args.begin(), args.end(), option);
    return it == args.end() || it + 1 == args.end() ? std::string("(absent)") : *(it + 1);
  };
  // Options at their default are left out of the command line: the command
  // has the same default (volume_over source, begin 0, stride 1).
  const auto by_default = tpt_args("");
  EXPECT_EQ(after(by_default, "--volume-over"), "(absent)");
  EXPECT_NE(after(by_default, "--volume-from"), "(absent)");
  EXPECT_EQ(after(tpt_args("volume = \"all\"\n"), "--volume-over"), "all");
  const auto given = tpt_args("volume = 58.8\n");
  EXPECT_EQ(after(given, "--volume"), "58.8");
  EXPECT_EQ(after(given, "--volume-from"), "(absent)");
  EXPECT_NE(error_of(minimal("", "source = \"0\"\nsink = \"3\"\nvolume = \"liquid\"\n"))
                .find("'volume': 'liquid' is not one of source, all"),
            std::string::npos);
  EXPECT_NE(error_of(minimal("", "source = \"0\"\nsink = \"3\"\nvolume = -1\n"))
                .find("'volume': -1 is not positive"),
            std::string::npos);
}

TEST_F(PipelineConfigTest, FingerprintFollowsArgumentsAndInputContent) {
  const PipelineConfig c = read_pipeline_config(write(minimal()));
  const std::string out = (scratch.path() / "out").string();
  StagePlan cv = plan_stage("cv", c, out);
  const std::string before = stage_fingerprint(cv, out);
  EXPECT_EQ(stage_fingerprint(cv, out), before);
  std::ofstream(c.trajectories[0], std::ios::app) << "more";
  EXPECT_NE(stage_fingerprint(cv, out), before);
  const std::string after = stage_fingerprint(cv, out);
  cv.args.push_back("--stride");
  EXPECT_NE(stage_fingerprint(cv, out), after);
  // Up to date only once recorded, and while every output is the one the
  // stage wrote (issue 14, case 11: a truncated output was "up to date").
  const std::string fingerprint = stage_fingerprint(cv, out);
  EXPECT_FALSE(stage_up_to_date(cv, out, fingerprint));
  EXPECT_THROW(record_stage(cv, out, fingerprint), InputError);  // no output to record
  fs::create_directories(out + "/cv");
  for (const auto& o : cv.outputs) std::ofstream(o) << "x y z";
  record_stage(cv, out, fingerprint);
  EXPECT_TRUE(stage_up_to_date(cv, out, fingerprint));
  std::ofstream(cv.outputs.front()) << "x y";  // shorter
  EXPECT_FALSE(stage_up_to_date(cv, out, fingerprint));
  std::ofstream(cv.outputs.front()) << "x q z";  // same size, other bytes
  EXPECT_FALSE(stage_up_to_date(cv, out, fingerprint));
  std::ofstream(cv.outputs.front()) << "x y z";
  EXPECT_TRUE(stage_up_to_date(cv, out, fingerprint));
  fs::remove(cv.outputs.front());
  EXPECT_FALSE(stage_up_to_date(cv, out, fingerprint));
  std::ofstream(cv.outputs.front()) << "x y z";
  EXPECT_FALSE(stage_up_to_date(cv, out, stage_fingerprint(plan_stage("cluster", c, out), out)));
  forget_stage(cv, out);
  EXPECT_FALSE(stage_up_to_date(cv, out, fingerprint));
}

}  // namespace
}  // namespace nucleate::pipeline
