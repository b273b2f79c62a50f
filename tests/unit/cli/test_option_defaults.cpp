// One definition per option: the command line shows every option of a
// stage's table with the table's default, and a pipeline file that does not
// set a key gives the stage the same default as the command of the same name.
// A literal default in a command or in the pipeline reader fails here.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "cli/app.h"
#include "core/options.h"
#include "io/convert.h"
#include "msm/gmrq.h"
#include "pipeline/pipeline_config.h"
#include "support/test_data.h"

namespace nucleate {
namespace {

CLI::App& command(CLI::App& app, std::initializer_list<const char*> path) {
  CLI::App* at = &app;
  for (const char* name : path) at = at->get_subcommand(name);
  return *at;
}

// Every entry is a flag of the command; options show the table's default.
template <class Options>
void expect_table_on_command(CLI::App& cmd, const OptionTable<Options>& table) {
  for (const auto& entry : table) {
    SCOPED_TRACE(std::string(cmd.get_name()) + " " + std::string(entry.name));
    const CLI::Option* option = cmd.get_option_no_throw(option_flag(entry.name));
    ASSERT_NE(option, nullptr) << "the command has no " << option_flag(entry.name);
    if (std::holds_alternative<bool Options::*>(entry.member)) continue;  // flags: off
    EXPECT_EQ(option->get_default_str(), default_text(entry));
    EXPECT_EQ(option->get_required(), entry.required);
  }
}

TEST(OptionDefaults, EveryCommandShowsItsTablesOptionsWithTheirDefaults) {
  const auto app = cli::make_app();
  expect_table_on_command(command(*app, {"convert"}), io::convert_options());
  expect_table_on_command(command(*app, {"cv"}), cv::cv_options());
  expect_table_on_command(command(*app, {"cluster"}), msm::state_decomposition_options());
  expect_table_on_command(command(*app, {"msm", "estimate"}), msm::msm_estimate_options());
  expect_table_on_command(command(*app, {"msm", "its"}), msm::its_options());
  expect_table_on_command(command(*app, {"msm", "bayes"}), msm::bayesian_msm_options());
  expect_table_on_command(command(*app, {"msm", "pcca"}), msm::pcca_options());
  expect_table_on_command(command(*app, {"msm", "cktest"}), msm::ck_options());
  expect_table_on_command(command(*app, {"msm", "gmrq"}), msm::gmrq_options());
  expect_table_on_command(command(*app, {"tpt"}), tpt::tpt_options());
}

// The options a stage gets from a pipeline file that sets only what it must,
// against the defaults its command shows, flag by flag of the same name.
template <class Options>
void expect_pipeline_defaults(CLI::App& cmd, const Options& from_pipeline,
                              const OptionTable<Options>& table,
                              const std::set<std::string>& set_by_the_file) {
  for (const auto& entry : table) {
    if (set_by_the_file.contains(std::string(entry.name))) continue;
    SCOPED_TRACE(std::string(cmd.get_name()) + " " + std::string(entry.name));
    const CLI::Option* option = cmd.get_option_no_throw(option_flag(entry.name));
    ASSERT_NE(option, nullptr);
    const std::string shown =
        std::holds_alternative<bool Options::*>(entry.member) ? "false" : option->get_default_str();
    EXPECT_EQ(option_text(from_pipeline, entry), shown);
  }
}

TEST(OptionDefaults, PipelineKeysHaveTheDefaultsOfTheCommandFlagsOfTheSameName) {
  testing::ScratchDir scratch;
  std::ofstream(scratch.path() / "a.xtc") << "x";
  const auto file = (scratch.path() / "pipeline.toml").string();
  std::ofstream(file) << "[input]\ntrajectories = [\"a.xtc\"]\n[cv]\npreset = \"lj-tenwolde\"\n"
                         "[cluster]\ncvs = [\"largest\"]\nk = 10\n[msm]\nlag = 5\n"
                         "[tpt]\nsource = \"0\"\nsink = \"3\"\n";
  const pipeline::PipelineConfig c = pipeline::read_pipeline_config(file);
  const auto app = cli::make_app();
  expect_pipeline_defaults(command(*app, {"cv"}), c.cv, cv::cv_options(), {"preset"});
  expect_pipeline_defaults(command(*app, {"cluster"}), c.cluster,
                           msm::state_decomposition_options(), {"cvs", "k"});
  expect_pipeline_defaults(command(*app, {"msm", "estimate"}), c.msm, msm::msm_estimate_options(),
                           {"lag"});
  // its' lags follow [msm] lag unless its_lags gives them.
  expect_pipeline_defaults(command(*app, {"msm", "its"}), c.its, msm::its_options(), {"lags"});
  expect_pipeline_defaults(command(*app, {"msm", "bayes"}), c.bayes, msm::bayesian_msm_options(),
                           {"lag"});
  expect_pipeline_defaults(command(*app, {"msm", "pcca"}), c.pcca, msm::pcca_options(), {});
  expect_pipeline_defaults(command(*app, {"msm", "cktest"}), c.cktest, msm::ck_options(), {"lag"});
  expect_pipeline_defaults(command(*app, {"tpt"}), c.tpt, tpt::tpt_options(), {"source", "sink"});
}

}  // namespace
}  // namespace nucleate
