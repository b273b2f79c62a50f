#include "pipeline/pipeline_config.h"

#include <fmt/format.h>
#include <glob.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <set>

#include "core/error.h"
#include "io/toml_table.h"
#include "io/trajectory_stem.h"
#include "pipeline/table_reader.h"

namespace nucleate::pipeline {
namespace {

namespace fs = std::filesystem;

std::string resolve(const std::string& base, const std::string& path) {
  if (path.empty() || fs::path(path).is_absolute()) return path;
  return (fs::path(base) / path).lexically_normal().string();
}

std::vector<std::string> expand(const std::string& pattern, const std::string& source,
                                std::int64_t line) {
  glob_t matches{};
  const int status = ::glob(pattern.c_str(), 0, nullptr, &matches);
  std::vector<std::string> out;
  if (status == 0) {
    for (std::size_t i = 0; i < matches.gl_pathc; ++i) out.emplace_back(matches.gl_pathv[i]);
  }
  globfree(&matches);
  if (out.empty()) {
    throw InputError({source, {}, {}, line},
                     fmt::format("[input] trajectories: '{}' matches no file", pattern));
  }
  std::sort(out.begin(), out.end());
  return out;
}

// A library check that raises UsageError, reported at the table's line.
template <class Check>
void check_at(io::TomlTable& t, Check check) {
  try {
    check();
  } catch (const UsageError& e) {
    t.fail(t.line(), e.what());
  }
}

void read_input(io::TomlTable& t, PipelineConfig& c) {
  t.reject_unknown({"trajectories", "topology", "timestep", "time_unit", "length_unit"});
  const auto patterns = t.strings("trajectories");
  if (!patterns || patterns->empty())
    t.fail(t.line(), "'trajectories' is missing (a list of files or globs)");
  for (const auto& p : *patterns) {
    for (auto& f : expand(resolve(c.base_dir, p), c.file, t.line()))
      c.trajectories.push_back(std::move(f));
  }
  std::set<std::string> stems;
  for (const auto& f : c.trajectories) {
    // Outputs are named by stem (cv/<stem>.colvar), so stems must differ.
    if (!stems.insert(io::trajectory_stem(f)).second) {
      t.fail(t.line(),
             fmt::format("two trajectories share the name '{}' (outputs are named after it)",
                         io::trajectory_stem(f)));
    }
  }
  if (const auto top = t.string("topology")) c.cv.top = resolve(c.base_dir, *top);
  read_option(t, "timestep", c.cv, cv::cv_options());
  // Units are TPT's options (J's units), checked here, not only by the tpt
  // stage at the end of a long run.
  read_option(t, "time_unit", c.tpt, tpt::tpt_options());
  read_option(t, "length_unit", c.tpt, tpt::tpt_options());
  if ((c.tpt.time_unit == "tau") != (c.tpt.length_unit == "sigma")) {
    t.fail(t.line(), "time_unit 'tau' and length_unit 'sigma' (Lennard-Jones units) go together");
  }
}

void read_cv(io::TomlTable& t, PipelineConfig& c) {
  t.reject_unknown({"preset", "config", "groups", "begin", "end", "stride", "threads"});
  for (const char* key : {"preset", "config", "groups", "begin", "end", "stride", "threads"})
    read_option(t, key, c.cv, cv::cv_options());
  c.cv.config = resolve(c.base_dir, c.cv.config);
  if (c.cv.preset.empty() == c.cv.config.empty())
    t.fail(t.line(), "give exactly one of 'preset' and 'config'");
  // The tpt stage pairs trajectory frames with the COLVAR rows these choose.
  c.tpt.begin = c.cv.begin;
  c.tpt.stride = c.cv.stride;
}

void read_cluster(io::TomlTable& t, PipelineConfig& c) {
  const auto& table = msm::state_decomposition_options();
  t.reject_unknown(
      {"method", "cvs", "k", "dmin", "max_centers", "grid", "scale", "seed", "stride"});
  for (const auto& entry : table) read_option(t, entry.name, c.cluster, entry);
  // grid = ["n:0:300:30", ...] names the CVs itself.
  check_at(t, [&] { c.cluster.cvs = msm::decomposition_cvs(c.cluster); });
  if (c.cluster.cvs.empty())
    t.fail(t.line(), "'cvs' is missing (the COLVAR columns to cluster on)");
  check_at(t, [&] { msm::check_decomposition_options(c.cluster); });
}

void read_msm(io::TomlTable& t, PipelineConfig& c) {
  t.reject_unknown({"lag", "dt", "nonreversible", "tolerance", "connectivity_threshold",
                    "eigenvalues", "its_lags", "nits", "samples", "seed", "ck_mlags"});
  if (!read_option(t, "lag", c.msm, msm::msm_estimate_options()))
    t.fail(t.line(), "'lag' is missing (frames)");
  for (const char* key :
       {"dt", "nonreversible", "tolerance", "connectivity_threshold", "eigenvalues"})
    read_option(t, key, c.msm, msm::msm_estimate_options());
  // One setting for every stage that has the option.
  c.its.dt = c.bayes.dt = c.msm.dt;
  c.its.nonreversible = c.cktest.nonreversible = c.msm.nonreversible;
  c.bayes.lag = c.cktest.lag = c.msm.lag;
  if (!read_option(t, "its_lags", c.its, option_entry(msm::its_options(), "lags"))) {
    for (std::size_t l : {1, 2, 5, 10, 20, 50}) {
      if (l <= 4 * c.msm.lag) c.its.lags.push_back(l);
    }
    if (std::find(c.its.lags.begin(), c.its.lags.end(), c.msm.lag) == c.its.lags.end())
      c.its.lags.push_back(c.msm.lag);
    std::sort(c.its.lags.begin(), c.its.lags.end());
  }
  if (read_option(t, "nits", c.its, msm::its_options())) c.bayes.nits = c.its.nits;
  if (read_option(t, "samples", c.bayes, msm::bayesian_msm_options())) {
    c.its.samples = c.cktest.samples = c.bayes.samples;
  }
  if (read_option(t, "seed", c.bayes, msm::bayesian_msm_options())) {
    c.its.seed = c.cktest.seed = c.tpt.seed = c.bayes.seed;
  }
  read_option(t, "ck_mlags", c.cktest, option_entry(msm::ck_options(), "mlags"));
}

void read_pcca(io::TomlTable& t, PipelineConfig& c) {
  t.reject_unknown({"sets"});
  read_option(t, "sets", c.pcca, msm::pcca_options());
  if (c.pcca.sets < 2) t.fail(t.line(), "'sets' must be at least 2");
}

void read_tpt(io::TomlTable& t, PipelineConfig& c) {
  const std::vector<std::string_view> keys{
      "source",     "source_region", "source_macro", "sink",          "sink_region",
      "sink_macro", "coarse_sets",   "through",      "flux_fraction", "max_pathways",
      "band",       "samples",       "rate_time"};
  t.reject_unknown({"source", "source_region", "source_macro", "sink", "sink_region", "sink_macro",
                    "coarse_sets", "through", "flux_fraction", "max_pathways", "band", "samples",
                    "rate_time", "volume"});
  for (auto key : keys) read_option(t, key, c.tpt, tpt::tpt_options());
  const tpt::TptOptions& o = c.tpt;
  for (const auto& [name, n] :
       {std::pair{"source", o.source.empty() + o.source_region.empty() + o.source_macro.empty()},
        std::pair{"sink", o.sink.empty() + o.sink_region.empty() + o.sink_macro.empty()}}) {
    if (n != 2) {
      t.fail(t.line(),
             fmt::format("give exactly one of '{0}', '{0}_region' and '{0}_macro'", name));
    }
  }
  if (o.band.size() != 2 || o.band[0] > o.band[1])
    t.fail(t.line(), "'band' must be [lower, upper]");
  // `volume` is one key for two options: a number (volume) or which frames
  // to average the box over (volume_over).
  if (const toml::node* volume = t.peek("volume"); volume != nullptr && volume->is_string()) {
    read_option(t, "volume", c.tpt, option_entry(tpt::tpt_options(), "volume_over"));
  } else {
    read_option(t, "volume", c.tpt, tpt::tpt_options());
  }
}

void read_report(io::TomlTable& t, PipelineConfig& c) {
  t.reject_unknown({"cvs", "enabled"});
  if (auto cvs = t.strings("cvs")) c.report_cvs = *cvs;
  if (auto enabled = t.boolean("enabled")) c.report = *enabled;
}

template <class Read>
void section(const toml::table& root, const char* key, bool required, PipelineConfig& c,
             Read read) {
  const toml::table* table = io::toml_subtable(root, key, c.file);
  if (table == nullptr) {
    if (required)
      throw InputError({c.file, {}, {}, {}}, fmt::format("the [{}] section is missing", key));
    return;
  }
  io::TomlTable reader(*table, fmt::format("[{}]", key), c.file);
  read(reader, c);
  reader.check_all_used();
}

}  // namespace

PipelineConfig read_pipeline_config(const std::string& path) {
  PipelineConfig c;
  c.file = path;
  c.base_dir = fs::absolute(path).parent_path().string();
  const toml::table root = io::parse_toml_file(path);
  io::TomlTable top(root, "pipeline", path);
  top.reject_unknown({"name", "input", "cv", "cluster", "msm", "pcca", "tpt", "report"});
  c.name = top.string("name").value_or(fs::path(path).stem().string());
  // The name is the folder under results/: one path component, so that it
  // cannot write elsewhere ("../x", "/abs") or vanish ("", ".").
  const bool plain = std::all_of(c.name.begin(), c.name.end(), [](unsigned char ch) {
    return std::isalnum(ch) != 0 || ch == '-' || ch == '_' || ch == '.' || ch == '+';
  });
  if (c.name.empty() || !plain || c.name == "." || c.name == "..") {
    const toml::node* node = top.peek("name");
    top.fail(node != nullptr ? io::toml_line(*node) : 1,
             fmt::format("name '{}' must be a folder name of letters, digits and - _ . + (it "
                         "names results/<name>)",
                         c.name));
  }
  section(root, "input", true, c, read_input);
  section(root, "cv", true, c, read_cv);
  section(root, "cluster", true, c, read_cluster);
  section(root, "msm", true, c, read_msm);
  section(root, "pcca", false, c, read_pcca);
  section(root, "tpt", true, c, read_tpt);
  section(root, "report", false, c, read_report);
  if (c.report_cvs.empty()) {
    c.report_cvs.assign(c.cluster.cvs.begin(),
                        c.cluster.cvs.begin() + static_cast<std::ptrdiff_t>(std::min<std::size_t>(
                                                    2, c.cluster.cvs.size())));
  }
  return c;
}

}  // namespace nucleate::pipeline
