#include "pipeline/stages.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

#include "core/error.h"
#include "io/colvar.h"
#include "io/trajectory_stem.h"
#include "pipeline/command_line.h"

namespace nucleate::pipeline {
namespace {

namespace fs = std::filesystem;

void append(std::vector<std::string>& to, const std::vector<std::string>& items) {
  to.insert(to.end(), items.begin(), items.end());
}

StagePlan plan_cv(const PipelineConfig& c, const std::string& outdir) {
  StagePlan p{"cv", {"cv"}, c.trajectories, colvar_paths(c, outdir)};
  if (!c.cv.config.empty()) p.inputs.push_back(c.cv.config);
  if (!c.cv.top.empty()) p.inputs.push_back(c.cv.top);
  append_options(p.args, c.cv, cv::cv_options());
  append(p.args, c.trajectories);
  // One trajectory writes the file itself, several a directory of them.
  append(p.args,
         {"-o", c.trajectories.size() == 1 ? p.outputs.front() : output_path(outdir, "cv") + "/"});
  return p;
}

StagePlan plan_cluster(const PipelineConfig& c, const std::string& outdir) {
  StagePlan p{
      "cluster", {"cluster"}, colvar_paths(c, outdir), {output_path(outdir, "clusters.json")}};
  append(p.outputs, dtraj_paths(c, outdir));
  append_options(p.args, c.cluster, msm::state_decomposition_options());
  // The method is always named: a command line without one is an error.
  if (c.cluster.method == msm::StateDecompositionOptions{}.method)
    p.args.insert(p.args.begin() + 1, {"--method", c.cluster.method});
  append(p.args, p.inputs);
  append(p.args, {"-o", p.outputs.front(), "--dtraj-dir", output_path(outdir, "dtraj")});
  return p;
}

StagePlan plan_its(const PipelineConfig& c, const std::string& outdir) {
  StagePlan p{"its", {"msm", "its"}, dtraj_paths(c, outdir), {output_path(outdir, "its.json")}};
  append(p.args, p.inputs);
  append_options(p.args, c.its, msm::its_options());
  append(p.args, {"-o", p.outputs.front()});
  return p;
}

StagePlan plan_msm(const PipelineConfig& c, const std::string& outdir) {
  StagePlan p{
      "msm", {"msm", "estimate"}, dtraj_paths(c, outdir), {output_path(outdir, "msm.json")}};
  append(p.args, p.inputs);
  append_options(p.args, c.msm, msm::msm_estimate_options());
  append(p.args, {"-o", p.outputs.front()});
  return p;
}

StagePlan plan_bayes(const PipelineConfig& c, const std::string& outdir) {
  StagePlan p{
      "bayes", {"msm", "bayes"}, dtraj_paths(c, outdir), {output_path(outdir, "bayes.json")}};
  append(p.args, p.inputs);
  append_options(p.args, c.bayes, msm::bayesian_msm_options());
  append(p.args, {"-o", p.outputs.front()});
  return p;
}

StagePlan plan_pcca(const PipelineConfig& c, const std::string& outdir) {
  StagePlan p{"pcca",
              {"msm", "pcca", "--msm", output_path(outdir, "msm.json")},
              {output_path(outdir, "msm.json")},
              {output_path(outdir, "pcca.json")}};
  append_options(p.args, c.pcca, msm::pcca_options());
  append(p.args, {"-o", p.outputs.front()});
  return p;
}

StagePlan plan_cktest(const PipelineConfig& c, const std::string& outdir) {
  StagePlan p{
      "cktest", {"msm", "cktest"}, dtraj_paths(c, outdir), {output_path(outdir, "ck.json")}};
  append(p.args, p.inputs);
  p.inputs.push_back(output_path(outdir, "pcca.json"));
  append_options(p.args, c.cktest, msm::ck_options());
  append(p.args, {"--pcca", output_path(outdir, "pcca.json"), "-o", p.outputs.front()});
  return p;
}

StagePlan plan_tpt(const PipelineConfig& c, const std::string& outdir) {
  StagePlan p{"tpt",
              {"tpt", "--msm", output_path(outdir, "msm.json"), "--clusters",
               output_path(outdir, "clusters.json"), "--pcca", output_path(outdir, "pcca.json")},
              {output_path(outdir, "msm.json"), output_path(outdir, "clusters.json"),
               output_path(outdir, "pcca.json")},
              {output_path(outdir, "tpt.json")}};
  append_options(p.args, c.tpt, tpt::tpt_options());
  const auto colvars = colvar_paths(c, outdir);
  const auto dtrajs = dtraj_paths(c, outdir);
  append(p.inputs, colvars);
  append(p.inputs, dtrajs);
  p.args.emplace_back("--colvar");
  append(p.args, colvars);
  p.args.emplace_back("--dtraj");
  append(p.args, dtrajs);
  if (!c.tpt.volume) {
    p.args.emplace_back("--volume-from");
    append(p.args, c.trajectories);
    append(p.inputs, c.trajectories);
  }
  append(p.args, {"-o", p.outputs.front()});
  return p;
}

}  // namespace

const std::vector<std::string>& stage_names() {
  static const std::vector<std::string> names{"cv",    "cluster", "its",    "msm",
                                              "bayes", "pcca",    "cktest", "tpt"};
  return names;
}

std::string output_path(const std::string& outdir, const std::string& name) {
  return (fs::path(outdir) / name).string();
}

std::vector<std::string> colvar_paths(const PipelineConfig& config, const std::string& outdir) {
  std::vector<std::string> out;
  for (const auto& t : config.trajectories)
    out.push_back(output_path(outdir, "cv/" + io::trajectory_stem(t) + ".colvar"));
  return out;
}

std::vector<std::string> dtraj_paths(const PipelineConfig& config, const std::string& outdir) {
  std::vector<std::string> out;
  for (const auto& t : config.trajectories)
    out.push_back(output_path(outdir, "dtraj/" + io::trajectory_stem(t) + ".dtraj"));
  return out;
}

double frame_spacing(const PipelineConfig& config, const std::string& outdir) {
  if (config.msm.dt) return *config.msm.dt;
  const std::string first = colvar_paths(config, outdir).front();
  const io::ColvarTable table = io::read_colvar(first);
  if (table.rows() < 2 || !table.has("time")) {
    throw InputError(
        {first, {}, {}, {}},
        "needs two frames and a time column to give the frame spacing (or set [msm] dt)");
  }
  const auto& time = table.column("time");
  const double dt = time[1] - time[0];
  if (!(dt > 0)) {
    throw InputError(
        {first, {}, {}, {}},
        fmt::format("time does not increase ({} then {}); set [msm] dt", time[0], time[1]));
  }
  return dt;
}

PipelineConfig resolved_config(const PipelineConfig& config, const std::string& outdir,
                               std::string_view stage) {
  PipelineConfig c = config;
  if (stage == "its" || stage == "msm" || stage == "bayes") {
    const double dt = frame_spacing(config, outdir);
    c.msm.dt = c.its.dt = c.bayes.dt = dt;
  }
  return c;
}

StagePlan plan_stage(std::string_view name, const PipelineConfig& config,
                     const std::string& outdir) {
  if (name == "cv") return plan_cv(config, outdir);
  if (name == "cluster") return plan_cluster(config, outdir);
  if (name == "its") return plan_its(config, outdir);
  if (name == "msm") return plan_msm(config, outdir);
  if (name == "bayes") return plan_bayes(config, outdir);
  if (name == "pcca") return plan_pcca(config, outdir);
  if (name == "cktest") return plan_cktest(config, outdir);
  if (name == "tpt") return plan_tpt(config, outdir);
  throw UsageError(
      fmt::format("unknown stage '{}' (cv, cluster, its, msm, bayes, pcca, cktest, tpt)", name));
}

}  // namespace nucleate::pipeline
