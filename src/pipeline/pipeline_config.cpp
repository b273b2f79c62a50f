#include "pipeline/pipeline_config.h"

#include <fmt/format.h>
#include <glob.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include "core/error.h"
#include "io/toml_table.h"
#include "io/trajectory_stem.h"

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
  if (out.empty())
    throw InputError({source, {}, {}, line},
                     fmt::format("[input] trajectories: '{}' matches no file", pattern));
  std::sort(out.begin(), out.end());
  return out;
}

template <class T>
void set_if(std::optional<T> value, T& target) {
  if (value) target = *value;
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
  c.topology = resolve(c.base_dir, t.string("topology").value_or(""));
  c.timestep = t.number("timestep");
  set_if(t.string("time_unit"), c.time_unit);
  set_if(t.string("length_unit"), c.length_unit);
  // Checked here, not only by the tpt stage at the end of a long run.
  const std::vector<std::string> times{"fs", "ps", "ns", "us", "ms", "s", "tau"};
  if (std::find(times.begin(), times.end(), c.time_unit) == times.end()) {
    t.fail(t.line(),
           fmt::format("time_unit '{}' is not one of fs, ps, ns, us, ms, s, tau", c.time_unit));
  }
  if (c.length_unit != "nm" && c.length_unit != "angstrom" && c.length_unit != "sigma") {
    t.fail(t.line(),
           fmt::format("length_unit '{}' is not one of nm, angstrom, sigma", c.length_unit));
  }
  if ((c.time_unit == "tau") != (c.length_unit == "sigma")) {
    t.fail(t.line(), "time_unit 'tau' and length_unit 'sigma' (Lennard-Jones units) go together");
  }
}

void read_cv(io::TomlTable& t, PipelineConfig& c) {
  t.reject_unknown({"preset", "config", "groups", "stride", "begin", "threads"});
  c.cv_preset = t.string("preset").value_or("");
  c.cv_config = resolve(c.base_dir, t.string("config").value_or(""));
  if (c.cv_preset.empty() == c.cv_config.empty())
    t.fail(t.line(), "give exactly one of 'preset' and 'config'");
  set_if(t.strings("groups"), c.cv_groups);
  if (auto s = t.integer("stride", 1)) c.cv_stride = static_cast<std::size_t>(*s);
  if (auto b = t.integer("begin", 0)) c.cv_begin = static_cast<std::size_t>(*b);
  if (auto n = t.integer("threads", 1)) c.cv_threads = static_cast<std::size_t>(*n);
}

void read_cluster(io::TomlTable& t, PipelineConfig& c) {
  t.reject_unknown({"method", "cvs", "k", "dmin", "grid", "scale", "seed"});
  set_if(t.string("method"), c.cluster_method);
  const std::vector<std::string> methods{"kmeans", "kcenters", "regspace", "grid"};
  if (std::find(methods.begin(), methods.end(), c.cluster_method) == methods.end()) {
    t.fail(t.line(), fmt::format("method '{}' is not one of kmeans, kcenters, regspace, grid",
                                 c.cluster_method));
  }
  const auto cvs = t.strings("cvs");
  if (!cvs || cvs->empty()) t.fail(t.line(), "'cvs' is missing (the COLVAR columns to cluster on)");
  c.cluster_cvs = *cvs;
  if (auto k = t.integer("k", 1)) c.cluster_k = static_cast<std::size_t>(*k);
  c.cluster_dmin = t.number("dmin");
  set_if(t.strings("grid"), c.cluster_grid);
  c.cluster_scale = t.string("scale").value_or("");
  if (auto s = t.integer("seed", 0)) c.cluster_seed = static_cast<std::uint64_t>(*s);
  const bool needs_k = c.cluster_method == "kmeans" || c.cluster_method == "kcenters";
  if (needs_k && !c.cluster_k)
    t.fail(t.line(), fmt::format("method '{}' needs 'k'", c.cluster_method));
  if (c.cluster_method == "regspace" && !c.cluster_dmin)
    t.fail(t.line(), "method 'regspace' needs 'dmin'");
  if (c.cluster_method == "grid" && c.cluster_grid.size() != c.cluster_cvs.size()) {
    t.fail(t.line(), "method 'grid' needs 'grid' = [\"min:max:bins\", ...], one per CV");
  }
}

void read_msm(io::TomlTable& t, PipelineConfig& c) {
  t.reject_unknown({"lag", "dt", "its_lags", "nits", "samples", "seed", "ck_mlags"});
  const auto lag = t.integer("lag", 1);
  if (!lag) t.fail(t.line(), "'lag' is missing (frames)");
  c.lag = static_cast<std::size_t>(*lag);
  c.dt = t.number("dt");
  if (c.dt && !(*c.dt > 0)) t.fail(t.line(), "'dt' must be positive");
  if (auto lags = t.integers("its_lags", 1)) {
    for (auto l : *lags) c.its_lags.push_back(static_cast<std::size_t>(l));
  } else {
    for (std::size_t l : {1, 2, 5, 10, 20, 50}) {
      if (l <= 4 * c.lag) c.its_lags.push_back(l);
    }
    if (std::find(c.its_lags.begin(), c.its_lags.end(), c.lag) == c.its_lags.end())
      c.its_lags.push_back(c.lag);
    std::sort(c.its_lags.begin(), c.its_lags.end());
  }
  if (auto n = t.integer("nits", 1)) c.nits = static_cast<std::size_t>(*n);
  if (auto n = t.integer("samples", 1)) c.samples = static_cast<std::size_t>(*n);
  if (auto s = t.integer("seed", 0)) c.msm_seed = static_cast<std::uint64_t>(*s);
  if (auto m = t.integer("ck_mlags", 2)) c.ck_mlags = static_cast<std::size_t>(*m);
}

void read_tpt(io::TomlTable& t, PipelineConfig& c) {
  t.reject_unknown({"source", "source_region", "source_macro", "sink", "sink_region", "sink_macro",
                    "flux_fraction", "band", "samples", "volume", "rate_time", "through"});
  c.source = t.string("source").value_or("");
  c.source_region = t.string("source_region").value_or("");
  c.source_macro = t.string("source_macro").value_or("");
  c.sink = t.string("sink").value_or("");
  c.sink_region = t.string("sink_region").value_or("");
  c.sink_macro = t.string("sink_macro").value_or("");
  for (const auto& [name, n] :
       {std::pair{"source", c.source.empty() + c.source_region.empty() + c.source_macro.empty()},
        std::pair{"sink", c.sink.empty() + c.sink_region.empty() + c.sink_macro.empty()}}) {
    if (n != 2)
      t.fail(t.line(),
             fmt::format("give exactly one of '{0}', '{0}_region' and '{0}_macro'", name));
  }
  set_if(t.number("flux_fraction"), c.flux_fraction);
  if (!(c.flux_fraction > 0 && c.flux_fraction <= 1))
    t.fail(t.line(), "'flux_fraction' must be in (0, 1]");
  set_if(t.numbers("band"), c.band);
  if (c.band.size() != 2 || c.band[0] > c.band[1])
    t.fail(t.line(), "'band' must be [lower, upper]");
  if (auto n = t.integer("samples", 0)) c.tpt_samples = static_cast<std::size_t>(*n);
  if (const toml::node* volume = t.peek("volume"); volume != nullptr && volume->is_string()) {
    c.volume_over = t.string("volume").value();
    if (c.volume_over != "source" && c.volume_over != "all") {
      t.fail(t.line(),
             fmt::format("'volume' is a number, \"source\" or \"all\", not \"{}\"", c.volume_over));
    }
  } else {
    c.volume = t.number("volume");
    if (c.volume && !(*c.volume > 0)) t.fail(t.line(), "'volume' must be positive");
  }
  set_if(t.string("rate_time"), c.rate_time);
  if (c.rate_time != "mfpt" && c.rate_time != "tpt" && c.rate_time != "its") {
    t.fail(t.line(), fmt::format("rate_time '{}' is not one of mfpt, tpt, its", c.rate_time));
  }
  set_if(t.strings("through"), c.through);
}

void read_report(io::TomlTable& t, PipelineConfig& c) {
  t.reject_unknown({"cvs", "enabled"});
  set_if(t.strings("cvs"), c.report_cvs);
  set_if(t.boolean("enabled"), c.report);
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
  section(root, "input", true, c, read_input);
  section(root, "cv", true, c, read_cv);
  section(root, "cluster", true, c, read_cluster);
  section(root, "msm", true, c, read_msm);
  section(root, "pcca", false, c, [](io::TomlTable& t, PipelineConfig& cfg) {
    t.reject_unknown({"sets"});
    if (auto n = t.integer("sets", 2)) cfg.macrostates = static_cast<std::size_t>(*n);
  });
  section(root, "tpt", true, c, read_tpt);
  section(root, "report", false, c, read_report);
  if (c.report_cvs.empty()) {
    c.report_cvs.assign(c.cluster_cvs.begin(),
                        c.cluster_cvs.begin() + std::min<std::size_t>(2, c.cluster_cvs.size()));
  }
  return c;
}

}  // namespace nucleate::pipeline
