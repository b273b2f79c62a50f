// `nucleate run PIPELINE.toml [-o OUTDIR] [--force STAGE]`: the main job
// (pipeline/run_pipeline.h): the stages in this process, summary.json, the
// report, and the headline.

#include <fmt/format.h>

#include <cstdio>
#include <map>
#include <memory>

#include "cli/commands.h"
#include "cli/progress.h"
#include "cli/report_launcher.h"
#include "core/error.h"
#include "pipeline/pipeline_config.h"
#include "pipeline/run_pipeline.h"

namespace nucleate::cli {
namespace {

struct RunCommand {
  std::string pipeline;
  pipeline::RunOptions options;
};

// What the single commands print, stage by stage, so a run's log reads
// like the commands it stands for.
pipeline::RunObserver printing_observer(std::map<std::string, std::unique_ptr<Progress>>& shown) {
  pipeline::RunObserver observer;
  observer.on_stage = [](std::size_t k, std::size_t n, const std::string& stage, bool up_to_date) {
    std::printf("[%zu/%zu] %s%s\n", k, n, stage.c_str(), up_to_date ? ": up to date" : "");
    std::fflush(stdout);
  };
  observer.on_line = [&shown](const std::string& stage, const std::string& line) {
    shown.clear();
    if (stage == "cv" || stage == "cluster") {
      std::fprintf(stderr, "nucleate %s: %s\n", stage.c_str(), line.c_str());
    } else {
      std::printf("%s\n", line.c_str());
    }
  };
  observer.on_warning = [](const std::string& stage, const std::string& warning) {
    std::fprintf(stderr, "nucleate %s: warning: %s\n", stage.c_str(), warning.c_str());
  };
  observer.on_progress = [&shown](const std::string& what, std::size_t done) {
    auto& progress = shown[what];
    if (!progress) progress = std::make_unique<Progress>(what, "done");
    progress->update(done);
  };
  return observer;
}

void run(const RunCommand& command) {
  const pipeline::PipelineConfig config = pipeline::read_pipeline_config(command.pipeline);
  std::map<std::string, std::unique_ptr<Progress>> shown;
  const pipeline::RunOutcome outcome =
      pipeline::run_pipeline(config, command.pipeline, command.options, printing_observer(shown));
  shown.clear();
  const ReportOutcome report =
      config.report ? write_report(outcome.outdir) : ReportOutcome::unavailable;
  std::printf("\n%s\n",
              pipeline::headline(outcome.summary, outcome.outdir, report == ReportOutcome::written)
                  .c_str());
  std::fflush(stdout);  // the headline before the error line, also in a pipe
  if (report == ReportOutcome::failed) {
    // The numbers stand; the exit code says the product is incomplete.
    throw Error(
        fmt::format("the report of {} failed (see above); its numbers are in {}/summary.json",
                    outcome.outdir, outcome.outdir));
  }
}

}  // namespace

void add_run_command(CLI::App& app) {
  auto c = std::make_shared<RunCommand>();
  CLI::App* cmd = app.add_subcommand(
      "run",
      "The main job: cv -> cluster -> msm -> pcca -> tpt as PIPELINE.toml says, a report and the "
      "headline");
  cmd->add_option("pipeline", c->pipeline, "PIPELINE.toml")->required()->check(CLI::ExistingFile);
  cmd->add_option("-o,--outdir", c->options.outdir, "Output directory (default: results/<name>)");
  cmd->add_option("--force", c->options.force,
                  "Run this stage again even if its inputs did not change (repeatable; 'all' for "
                  "every stage)")
      ->expected(1);  // one stage per --force, so `--force msm PIPELINE.toml` leaves the file alone
  cmd->callback([c] { run(*c); });
}

}  // namespace nucleate::cli
