#include "pipeline/stages.h"

#include <fmt/format.h>

#include <filesystem>

#include "core/error.h"
#include "io/colvar.h"
#include "io/trajectory_stem.h"

namespace nucleate::pipeline {
namespace {

namespace fs = std::filesystem;

std::string in(const std::string& outdir, const std::string& name) {
  return (fs::path(outdir) / name).string();
}

std::string join(const std::vector<std::string>& items, const char* separator) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : separator) + item;
  return out;
}

std::string number(double x) {
  return fmt::format("{}", x);
}

void append(std::vector<std::string>& to, const std::vector<std::string>& items) {
  to.insert(to.end(), items.begin(), items.end());
}

StagePlan plan_cv(const PipelineConfig& c, const std::string& outdir) {
  StagePlan p{"cv", {"cv"}, {}, colvar_paths(c, outdir)};
  if (!c.cv_preset.empty()) {
    append(p.args, {"--preset", c.cv_preset});
  } else {
    append(p.args, {"-c", c.cv_config});
    p.inputs.push_back(c.cv_config);
  }
  append(p.args, c.trajectories);
  append(p.inputs, c.trajectories);
  if (!c.topology.empty()) {
    append(p.args, {"--top", c.topology});
    p.inputs.push_back(c.topology);
  }
  for (const auto& g : c.cv_groups) append(p.args, {"--group", g});
  if (c.cv_stride > 1) append(p.args, {"--stride", std::to_string(c.cv_stride)});
  if (c.cv_begin > 0) append(p.args, {"--begin", std::to_string(c.cv_begin)});
  if (c.timestep) append(p.args, {"--timestep", number(*c.timestep)});
  if (c.cv_threads) append(p.args, {"--threads", std::to_string(*c.cv_threads)});
  // One trajectory writes the file itself, several a directory of them.
  append(p.args, {"-o", c.trajectories.size() == 1 ? p.outputs.front() : in(outdir, "cv") + "/"});
  return p;
}

StagePlan plan_cluster(const PipelineConfig& c, const std::string& outdir) {
  StagePlan p{"cluster", {"cluster"}, colvar_paths(c, outdir), {in(outdir, "clusters.json")}};
  append(p.outputs, dtraj_paths(c, outdir));
  if (c.cluster_method == "kmeans") append(p.args, {"--kmeans", std::to_string(*c.cluster_k)});
  if (c.cluster_method == "kcenters") append(p.args, {"--kcenters", std::to_string(*c.cluster_k)});
  if (c.cluster_method == "regspace") append(p.args, {"--regspace", number(*c.cluster_dmin)});
  if (c.cluster_method == "grid") append(p.args, {"--grid", join(c.cluster_grid, ",")});
  append(p.args, {"--cvs", join(c.cluster_cvs, ",")});
  if (!c.cluster_scale.empty()) append(p.args, {"--scale", c.cluster_scale});
  if (c.cluster_method != "grid") append(p.args, {"--seed", std::to_string(c.cluster_seed)});
  append(p.args, colvar_paths(c, outdir));
  append(p.args, {"-o", in(outdir, "clusters.json"), "--dtraj-dir", in(outdir, "dtraj")});
  return p;
}

std::vector<std::string> with_dt(std::vector<std::string> args, const PipelineConfig& c,
                                 const std::string& outdir) {
  append(args, {"--dt", number(frame_spacing(c, outdir))});
  return args;
}

StagePlan plan_its(const PipelineConfig& c, const std::string& outdir) {
  std::vector<std::string> lags;
  for (std::size_t l : c.its_lags) lags.push_back(std::to_string(l));
  StagePlan p{"its", {"msm", "its"}, dtraj_paths(c, outdir), {in(outdir, "its.json")}};
  append(p.args, dtraj_paths(c, outdir));
  append(p.args, {"--lags", join(lags, ","), "--nits", std::to_string(c.nits), "--bayesian",
                  std::to_string(c.samples), "--seed", std::to_string(c.msm_seed), "-o",
                  in(outdir, "its.json")});
  p.args = with_dt(p.args, c, outdir);
  return p;
}

StagePlan plan_msm(const PipelineConfig& c, const std::string& outdir) {
  StagePlan p{"msm", {"msm", "estimate"}, dtraj_paths(c, outdir), {in(outdir, "msm.json")}};
  append(p.args, dtraj_paths(c, outdir));
  append(p.args, {"--lag", std::to_string(c.lag), "-o", in(outdir, "msm.json")});
  p.args = with_dt(p.args, c, outdir);
  return p;
}

StagePlan plan_bayes(const PipelineConfig& c, const std::string& outdir) {
  StagePlan p{"bayes", {"msm", "bayes"}, dtraj_paths(c, outdir), {in(outdir, "bayes.json")}};
  append(p.args, dtraj_paths(c, outdir));
  append(p.args, {"--lag", std::to_string(c.lag), "--samples", std::to_string(c.samples), "--seed",
                  std::to_string(c.msm_seed), "--nits", std::to_string(c.nits), "-o",
                  in(outdir, "bayes.json")});
  p.args = with_dt(p.args, c, outdir);
  return p;
}

StagePlan plan_pcca(const PipelineConfig& c, const std::string& outdir) {
  return {"pcca",
          {"msm", "pcca", "--msm", in(outdir, "msm.json"), "--n-sets",
           std::to_string(c.macrostates), "-o", in(outdir, "pcca.json")},
          {in(outdir, "msm.json")},
          {in(outdir, "pcca.json")}};
}

StagePlan plan_cktest(const PipelineConfig& c, const std::string& outdir) {
  StagePlan p{"cktest", {"msm", "cktest"}, dtraj_paths(c, outdir), {in(outdir, "ck.json")}};
  p.inputs.push_back(in(outdir, "pcca.json"));
  append(p.args, dtraj_paths(c, outdir));
  append(p.args, {"--lag", std::to_string(c.lag), "--pcca", in(outdir, "pcca.json"), "--mlags",
                  std::to_string(c.ck_mlags), "--bayesian", std::to_string(c.samples), "--seed",
                  std::to_string(c.msm_seed), "-o", in(outdir, "ck.json")});
  return p;
}

StagePlan plan_tpt(const PipelineConfig& c, const std::string& outdir) {
  StagePlan p{"tpt",
              {"tpt", "--msm", in(outdir, "msm.json"), "--clusters", in(outdir, "clusters.json"),
               "--pcca", in(outdir, "pcca.json")},
              {in(outdir, "msm.json"), in(outdir, "clusters.json"), in(outdir, "pcca.json")},
              {in(outdir, "tpt.json")}};
  const std::pair<const char*, const std::string*> endpoints[] = {
      {"--source", &c.source},
      {"--source-region", &c.source_region},
      {"--source-macro", &c.source_macro},
      {"--sink", &c.sink},
      {"--sink-region", &c.sink_region},
      {"--sink-macro", &c.sink_macro}};
  for (const auto& [option, value] : endpoints) {
    if (!value->empty()) append(p.args, {option, *value});
  }
  for (const auto& region : c.through) append(p.args, {"--through", region});
  append(p.args, {"--flux-fraction", number(c.flux_fraction), "--band",
                  fmt::format("{},{}", c.band[0], c.band[1]), "--time-unit", c.time_unit,
                  "--length-unit", c.length_unit, "--rate-time", c.rate_time});
  const auto colvars = colvar_paths(c, outdir);
  const auto dtrajs = dtraj_paths(c, outdir);
  append(p.inputs, colvars);
  append(p.inputs, dtrajs);
  p.args.push_back("--colvar");
  append(p.args, colvars);
  p.args.push_back("--dtraj");
  append(p.args, dtrajs);
  if (c.tpt_samples > 0)
    append(p.args,
           {"--bayes", std::to_string(c.tpt_samples), "--seed", std::to_string(c.msm_seed)});
  if (c.volume) {
    append(p.args, {"--volume", number(*c.volume)});
  } else {
    p.args.push_back("--volume-from");
    append(p.args, c.trajectories);
    append(p.inputs, c.trajectories);
    append(p.args, {"--volume-over", c.volume_over});
    if (c.volume_over == "source") {  // the dtrajs (in --dtraj) hold the cv stage's frames
      append(p.args,
             {"--begin", std::to_string(c.cv_begin), "--stride", std::to_string(c.cv_stride)});
    }
  }
  append(p.args, {"-o", in(outdir, "tpt.json")});
  return p;
}

}  // namespace

const std::vector<std::string>& stage_names() {
  static const std::vector<std::string> names{"cv",    "cluster", "its",    "msm",
                                              "bayes", "pcca",    "cktest", "tpt"};
  return names;
}

std::vector<std::string> colvar_paths(const PipelineConfig& config, const std::string& outdir) {
  std::vector<std::string> out;
  for (const auto& t : config.trajectories)
    out.push_back(in(outdir, "cv/" + io::trajectory_stem(t) + ".colvar"));
  return out;
}

std::vector<std::string> dtraj_paths(const PipelineConfig& config, const std::string& outdir) {
  std::vector<std::string> out;
  for (const auto& t : config.trajectories)
    out.push_back(in(outdir, "dtraj/" + io::trajectory_stem(t) + ".dtraj"));
  return out;
}

double frame_spacing(const PipelineConfig& config, const std::string& outdir) {
  if (config.dt) return *config.dt;
  const std::string first = colvar_paths(config, outdir).front();
  const io::ColvarTable table = io::read_colvar(first);
  if (table.rows() < 2 || !table.has("time")) {
    throw InputError(
        {first, {}, {}, {}},
        "needs two frames and a time column to give the frame spacing (or set [msm] dt)");
  }
  const auto& time = table.column("time");
  const double dt = time[1] - time[0];
  if (!(dt > 0))
    throw InputError(
        {first, {}, {}, {}},
        fmt::format("time does not increase ({} then {}); set [msm] dt", time[0], time[1]));
  return dt;
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
