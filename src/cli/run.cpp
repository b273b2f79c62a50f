// `nucleate run PIPELINE.toml [-o OUTDIR] [--force STAGE]`: the main job.
// Runs cv -> cluster -> its -> msm -> bayes -> pcca -> cktest -> tpt as the
// pipeline file says, each stage one call of the single command (in this
// process, through the same parser), skipping stages whose command line and
// input files did not change since they last succeeded; then writes
// summary.json, the report, and prints the headline. A failing stage stops
// the run with one line naming it; finished stages' files stay.

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>

#include "cli/app.h"
#include "cli/commands.h"
#include "cli/json_output.h"
#include "core/error.h"
#include "pipeline/pipeline_config.h"
#include "pipeline/stage_state.h"
#include "pipeline/stages.h"
#include "pipeline/summary.h"

namespace nucleate::cli {
namespace {

namespace fs = std::filesystem;

struct RunCommand {
  std::string pipeline;
  std::string outdir;
  std::vector<std::string> force;
};

std::string quoted(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// Quoted unless every character is one a shell leaves alone.
std::string shown(const std::vector<std::string>& args) {
  static const std::string safe =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./,=:+-";
  std::string out = "nucleate";
  for (const auto& a : args)
    out += " " + (!a.empty() && a.find_first_not_of(safe) == std::string::npos ? a : quoted(a));
  return out;
}

// OUTDIR/commands.sh collects the single commands each stage ran, so any
// stage can be rerun or changed by hand.
void log_command(const std::string& outdir, const pipeline::StagePlan& plan) {
  const fs::path path = fs::path(outdir) / "commands.sh";
  const bool fresh = !fs::exists(path);
  std::ofstream out(path, std::ios::app);
  if (fresh)
    out << "#!/bin/sh\n# The single commands `nucleate run` ran, in order (latest run last).\n";
  out << "# stage " << plan.name << "\n" << shown(plan.args) << "\n";
}

// One stage through the very parser and callbacks of the single commands;
// its errors come back as one line naming the stage.
void run_stage(const pipeline::StagePlan& plan) {
  const auto app = make_app();
  std::vector<std::string> reversed(plan.args.rbegin(), plan.args.rend());
  try {
    app->parse(reversed);
  } catch (const CLI::ParseError& e) {
    throw UsageError(fmt::format("stage {}: {}", plan.name, e.what()));
  } catch (const UsageError& e) {
    throw UsageError(fmt::format("stage {}: {}", plan.name, e.what()));
  } catch (const std::exception& e) {
    throw Error(fmt::format("stage {}: {}", plan.name, e.what()));
  }
}

// The report needs Python with matplotlib; without it the numbers are all
// in summary.json and the run still succeeds.
std::string report_script() {
  if (const char* env = std::getenv("NUCLEATE_REPORT_SCRIPT")) return env;
  return NUCLEATE_SOURCE_DIR "/python/nucleate/report.py";
}

void write_report(const std::string& outdir) {
  const std::string script = report_script();
  const std::string python = fs::exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
  if (!fs::exists(script)) {
    std::fprintf(stderr, "nucleate run: warning: no report: %s is missing\n", script.c_str());
    return;
  }
  const std::string command = fmt::format("{} {} {}", python, quoted(script), quoted(outdir));
  std::fflush(stdout);
  if (std::system(command.c_str()) != 0) {
    std::fprintf(stderr,
                 "nucleate run: warning: the report failed (%s); the numbers are in summary.json\n",
                 command.c_str());
  }
}

void run_pipeline(const RunCommand& options) {
  const pipeline::PipelineConfig config = pipeline::read_pipeline_config(options.pipeline);
  const std::string outdir = options.outdir.empty() ? "results/" + config.name : options.outdir;
  for (const auto& stage : options.force) {
    const auto& names = pipeline::stage_names();
    if (stage != "all" && std::find(names.begin(), names.end(), stage) == names.end()) {
      throw UsageError(fmt::format(
          "--force {}: not a stage (cv, cluster, its, msm, bayes, pcca, cktest, tpt, all)", stage));
    }
  }
  fs::create_directories(outdir);
  fs::copy_file(options.pipeline, fs::path(outdir) / "pipeline.toml",
                fs::copy_options::overwrite_existing);
  const auto forced = [&](const std::string& stage) {
    return std::find(options.force.begin(), options.force.end(), stage) != options.force.end() ||
           std::find(options.force.begin(), options.force.end(), "all") != options.force.end();
  };
  // A summary from an earlier run must not outlive a failing stage.
  std::error_code ignored;
  fs::remove(fs::path(outdir) / "summary.json", ignored);
  const auto& names = pipeline::stage_names();
  for (std::size_t k = 0; k < names.size(); ++k) {
    const pipeline::StagePlan plan = pipeline::plan_stage(names[k], config, outdir);
    const std::string fingerprint = pipeline::stage_fingerprint(plan);
    if (!forced(names[k]) && pipeline::stage_up_to_date(plan, outdir, fingerprint)) {
      std::printf("[%zu/%zu] %s: up to date\n", k + 1, names.size(), names[k].c_str());
      continue;
    }
    std::printf("[%zu/%zu] %s\n", k + 1, names.size(), names[k].c_str());
    std::fflush(stdout);
    log_command(outdir, plan);
    pipeline::forget_stage(plan, outdir);
    for (const auto& output : plan.outputs) fs::create_directories(fs::path(output).parent_path());
    run_stage(plan);
    pipeline::record_stage(plan, outdir, fingerprint);
  }
  const nlohmann::json summary = pipeline::build_summary(config, outdir);
  write_json((fs::path(outdir) / "summary.json").string(), summary);
  if (config.report) write_report(outdir);
  std::printf("\n%s\n", pipeline::headline(summary, outdir).c_str());
}

}  // namespace

void add_run_command(CLI::App& app) {
  auto options = std::make_shared<RunCommand>();
  CLI::App* cmd = app.add_subcommand("run",
                                     "The main job: cv -> cluster -> msm -> pcca -> tpt as "
                                     "PIPELINE.toml says, a report and the headline");
  cmd->add_option("pipeline", options->pipeline, "PIPELINE.toml")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("-o,--outdir", options->outdir, "Output directory (default: results/<name>)");
  cmd->add_option("--force", options->force,
                  "Run this stage again even if its inputs did not change (repeatable; 'all' for "
                  "every stage)")
      ->expected(1);  // one stage per --force, so `--force msm PIPELINE.toml` leaves the file alone
  cmd->callback([options] { run_pipeline(*options); });
}

}  // namespace nucleate::cli
