#include "pipeline/run_pipeline.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "core/error.h"
#include "io/dtraj.h"
#include "msm/bayesian_file.h"
#include "msm/model_file.h"
#include "msm/pcca_file.h"
#include "pipeline/cluster_stage.h"
#include "pipeline/cv_stage.h"
#include "pipeline/msm_stages.h"
#include "pipeline/stage_state.h"
#include "pipeline/stages.h"
#include "pipeline/tpt_stage.h"
#include "tpt/tpt_file.h"

namespace nucleate::pipeline {
namespace {

namespace fs = std::filesystem;

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
  for (const auto& a : args) {
    out += " " + (!a.empty() && a.find_first_not_of(safe) == std::string::npos ? a : quoted(a));
  }
  return out;
}

// OUTDIR/commands.sh collects the single commands each stage ran, so any
// stage can be rerun or changed by hand.
void log_command(const std::string& outdir, const StagePlan& plan) {
  const fs::path path = fs::path(outdir) / "commands.sh";
  const bool fresh = !fs::exists(path);
  std::ofstream out(path, std::ios::app);
  if (fresh)
    out << "#!/bin/sh\n# The single commands `nucleate run` ran, in order (latest run last).\n";
  out << "# stage " << plan.name << "\n" << shown(plan.args) << "\n";
}

// Runs one stage in this process with the options of `c` and writes its
// files; the results the summary needs go into `r`.
class StageRunner {
 public:
  StageRunner(std::string outdir, const RunObserver& observer)
      : outdir_(std::move(outdir)), observer_(observer) {}

  // `resume_key`: the stage's fingerprint, under which a cv stage that was
  // stopped resumes from the trajectories it finished ("" = start afresh).
  void run(const std::string& name, const PipelineConfig& c, RunResults& r,
           const std::string& resume_key) {
    const auto line = [&](const std::string& text) {
      if (observer_.on_line) observer_.on_line(name, text);
    };
    const auto warn = [&](const std::string& text) {
      if (observer_.on_warning) observer_.on_warning(name, text);
    };
    const auto progress = [&](std::size_t done) {
      if (observer_.on_progress) observer_.on_progress(name, done);
    };
    const auto dtrajs = dtraj_paths(c, outdir_);
    if (name == "cv") {
      CvFiles files{
          c.trajectories,
          c.trajectories.size() == 1 ? colvar_paths(c, outdir_).front()
                                     : output_path(outdir_, "cv") + "/",
          "",
          "",
          resume_key.empty() ? "" : (fs::path(outdir_) / ".nucleate" / "cv.resume").string(),
          resume_key};
      const CvResult result = run_cv(c.cv, files, [&](const std::string& path, std::size_t done) {
        if (observer_.on_progress) observer_.on_progress(path, done);
      });
      if (result.resumed > 0) {
        line(fmt::format("resumed: {} of {} trajectories were finished by a run that stopped",
                         result.resumed, result.trajectories.size()));
      }
      for (const auto& t : result.trajectories) {
        line(fmt::format("{} frame{} of {} -> {}", t.frames, t.frames == 1 ? "" : "s", t.trajectory,
                         t.colvar));
      }
    } else if (name == "cluster") {
      const ClusterFiles files{colvar_paths(c, outdir_), output_path(outdir_, "clusters.json"),
                               output_path(outdir_, "dtraj"), ""};
      const ClusterResult result = run_cluster(c.cluster, files);
      write_cluster(result, c.cluster, files);
      for (const auto& w : result.warnings) warn(w);
      line(cluster_headline(result, files));
      r.states = result.decomposition;
      r.frames = result.frames();
    } else if (name == "its") {
      const msm::ItsResult result = run_its(c.its, dtrajs, progress);
      write_json_file(output_path(outdir_, "its.json"), msm::its_json(result, c.its));
      for (const auto& l : its_lines(result, c.its)) line(l);
    } else if (name == "msm") {
      r.model = run_msm_estimate(c.msm, dtrajs);
      const std::string out = output_path(outdir_, "msm.json");
      write_json_file(out, msm::model_json(r.model, out));
      r.model.path = out;
      for (const auto& w : r.model.model.warnings) warn(w);
      line(msm_estimate_headline(r.model, out));
    } else if (name == "bayes") {
      r.bayes = run_bayes(c.bayes, dtrajs, false, progress);
      const std::string out = output_path(outdir_, "bayes.json");
      write_json_file(out, msm::bayes_json(r.bayes, c.bayes, dtrajs, out));
      for (const auto& w : r.bayes.model.warnings) warn(w);
      line(bayes_headline(r.bayes, c.bayes, out));
    } else if (name == "pcca") {
      const std::string model = output_path(outdir_, "msm.json");
      const msm::MacrostateModel result = run_pcca(c.pcca, model);
      const std::string out = output_path(outdir_, "pcca.json");
      write_json_file(out, msm::pcca_json(result, model, out));
      for (const auto& l : pcca_lines(result)) line(l);
    } else if (name == "cktest") {
      const msm::CkResult result =
          run_cktest(c.cktest, dtrajs, output_path(outdir_, "pcca.json"), progress);
      write_json_file(output_path(outdir_, "ck.json"), msm::ck_json(result, c.cktest));
      for (const auto& l : cktest_lines(result)) line(l);
    } else if (name == "tpt") {
      TptFiles files{output_path(outdir_, "msm.json"),  output_path(outdir_, "clusters.json"),
                     output_path(outdir_, "pcca.json"), dtrajs,
                     colvar_paths(c, outdir_),          {}};
      if (!c.tpt.volume) files.volume_from = c.trajectories;
      const std::string out = output_path(outdir_, "tpt.json");
      r.tpt = run_tpt(c.tpt, files, progress);
      write_json_file(out, tpt::tpt_json(r.tpt, out));
      for (const auto& w : r.tpt.warnings) warn(w);
      for (const auto& l : tpt_lines(r.tpt, out)) line(l);
    }
  }

  // A stage that was up to date: what the summary needs, read back through
  // the library's own formats.
  void load(const std::string& name, const PipelineConfig& c, RunResults& r) const {
    if (name == "cluster") {
      r.states = msm::read_decomposition_file(output_path(outdir_, "clusters.json"));
      r.frames = 0;
      for (std::size_t n : read_cluster_input_frames(output_path(outdir_, "clusters.json")))
        r.frames += n;
    } else if (name == "msm") {
      r.model = msm::read_model_file(output_path(outdir_, "msm.json"));
    } else if (name == "bayes") {
      r.bayes = msm::read_bayes_file(output_path(outdir_, "bayes.json"));
    } else if (name == "tpt") {
      r.tpt = tpt::read_tpt_file(output_path(outdir_, "tpt.json"));
    }
    (void)c;
  }

 private:
  std::string outdir_;
  const RunObserver& observer_;
};

}  // namespace

RunOutcome run_pipeline(const PipelineConfig& config, const std::string& config_path,
                        const RunOptions& options, const RunObserver& observer) {
  const auto& names = stage_names();
  for (const auto& stage : options.force) {
    if (stage != "all" && std::find(names.begin(), names.end(), stage) == names.end()) {
      throw UsageError(fmt::format(
          "--force {}: not a stage (cv, cluster, its, msm, bayes, pcca, cktest, tpt, all)", stage));
    }
  }
  RunOutcome outcome;
  outcome.outdir = options.outdir.empty() ? "results/" + config.name : options.outdir;
  const std::string& outdir = outcome.outdir;
  fs::create_directories(outdir);
  fs::copy_file(config_path, fs::path(outdir) / "pipeline.toml",
                fs::copy_options::overwrite_existing);
  const auto forced = [&](const std::string& stage) {
    return std::find(options.force.begin(), options.force.end(), stage) != options.force.end() ||
           std::find(options.force.begin(), options.force.end(), "all") != options.force.end();
  };
  // A summary from an earlier run must not outlive a failing stage.
  std::error_code ignored;
  fs::remove(fs::path(outdir) / "summary.json", ignored);
  StageRunner runner(outdir, observer);
  for (std::size_t k = 0; k < names.size(); ++k) {
    const std::string& name = names[k];
    try {
      const PipelineConfig resolved = resolved_config(config, outdir, name);
      const StagePlan plan = plan_stage(name, resolved, outdir);
      const std::string fingerprint = stage_fingerprint(plan, outdir);
      const bool up_to_date = !forced(name) && stage_up_to_date(plan, outdir, fingerprint);
      if (observer.on_stage) observer.on_stage(k + 1, names.size(), name, up_to_date);
      if (up_to_date) {
        runner.load(name, resolved, outcome.results);
        continue;
      }
      log_command(outdir, plan);
      forget_stage(plan, outdir);
      for (const auto& output : plan.outputs)
        fs::create_directories(fs::path(output).parent_path());
      // A forced stage starts afresh; otherwise a stopped cv stage resumes.
      runner.run(name, resolved, outcome.results, forced(name) ? "" : fingerprint);
      record_stage(plan, outdir, fingerprint);
    } catch (const UsageError& e) {
      throw UsageError(fmt::format("stage {}: {}", name, e.what()));
    } catch (const Error& e) {
      throw Error(fmt::format("stage {}: {}", name, e.what()));
    } catch (const std::exception& e) {
      throw Error(fmt::format("stage {}: {}", name, e.what()));
    }
  }
  outcome.summary = build_summary(config, outcome.results);
  write_json_file((fs::path(outdir) / "summary.json").string(), outcome.summary);
  return outcome;
}

}  // namespace nucleate::pipeline
