#include "msm/state_decomposition.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>

#include "core/error.h"
#include "core/expression.h"
#include "msm/assign_states.h"
#include "msm/kcenters.h"
#include "msm/kmeans.h"
#include "msm/regspace.h"

namespace nucleate::msm {
namespace {

constexpr const char* kCentersUnits =
    "centers are in the CVs' own units (unscaled); distances were measured after multiplying "
    "each CV by its scale";

Points scaled(const Points& points, const std::vector<double>& scale) {
  Points out = points;
  for (Eigen::Index c = 0; c < out.cols(); ++c) out.col(c) *= scale[static_cast<std::size_t>(c)];
  return out;
}

std::vector<std::string> split_items(const std::string& text, const char* option) {
  std::vector<std::string> items;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = text.find(',', start);
    std::string item =
        text.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (item.empty()) throw UsageError(fmt::format("{} '{}': an empty entry", option, text));
    items.push_back(std::move(item));
    if (end == std::string::npos) return items;
    start = end + 1;
  }
}

std::string name_of(const std::vector<std::string>& names, std::size_t t) {
  return t < names.size() ? names[t] : fmt::format("trajectory {}", t);
}

}  // namespace

// Options that belong to another method, or that do not go together, are
// errors: an option is never accepted and ignored.
void check_decomposition_options(const StateDecompositionOptions& o) {
  check_options(o, state_decomposition_options());
  const std::vector<std::string> cvs = decomposition_cvs(o);
  if (cvs.empty()) throw UsageError("cvs: give the CV columns to cluster on");
  std::set<std::string> seen;
  for (const auto& cv : cvs) {
    if (!seen.insert(cv).second) throw UsageError(fmt::format("cvs: '{}' is given twice", cv));
  }
  const StateDecompositionOptions defaults;
  const bool uses_k = o.method == "kmeans" || o.method == "kcenters";
  if (uses_k && !o.k) throw UsageError(fmt::format("method {} needs k", o.method));
  if (!uses_k && o.k)
    throw UsageError(fmt::format("k applies to kmeans and kcenters, not to {}", o.method));
  if (o.method == "regspace" && !o.dmin) throw UsageError("method regspace needs dmin");
  if (o.method != "regspace" && o.dmin)
    throw UsageError(fmt::format("dmin applies to regspace, not to {}", o.method));
  if (o.method != "regspace" && o.max_centers != defaults.max_centers) {
    throw UsageError(fmt::format("max_centers applies to regspace, not to {}", o.method));
  }
  if (o.method == "grid") {
    if (o.grid.size() != cvs.size()) {
      throw UsageError(fmt::format("grid gives {} axes for {} CVs (one min:max:nbins per CV)",
                                   o.grid.size(), cvs.size()));
    }
    const std::vector<GridAxis> axes = parse_grid_spec(fmt::format("{}", fmt::join(o.grid, ",")));
    for (std::size_t a = 0; a < axes.size(); ++a) {
      if (!axes[a].cv.empty() && axes[a].cv != cvs[a]) {
        throw UsageError(
            fmt::format("grid axis {} bins '{}' but CV {} is '{}' (axes go in the "
                        "order of cvs)",
                        a + 1, axes[a].cv, a + 1, cvs[a]));
      }
    }
    if (!o.scale.empty()) {
      throw UsageError("scale does not apply to grid: give the grid in the CVs' own units");
    }
    if (o.stride != defaults.stride)
      throw UsageError("stride does not apply to grid: it fits nothing");
    if (o.seed != defaults.seed)
      throw UsageError("seed does not apply to grid: it draws no random number");
  } else if (!o.grid.empty()) {
    throw UsageError(fmt::format("grid applies to method grid, not to {}", o.method));
  }
  if (o.method == "regspace" && o.seed != defaults.seed) {
    throw UsageError("seed does not apply to regspace: it draws no random number");
  }
}

const OptionTable<StateDecompositionOptions>& state_decomposition_options() {
  using O = StateDecompositionOptions;
  static const OptionTable<O> table{
      {"method",
       &O::method,
       "How to discretise: kmeans (k-means++ then Lloyd, as deeptime), "
       "kcenters (farthest point), regspace (regular space, as deeptime) "
       "or grid (regular bins)",
       "",
       OptionCheck::none,
       {"kmeans", "kcenters", "regspace", "grid"}},
      {"cvs", &O::cvs, "CVs to cluster on (COLVAR names; 0-based column indices for .npy)"},
      {"scale", &O::scale,
       "Multiply CVs before measuring distances, e.g. a=1,b=0.1 (default 1 for every CV)"},
      {"k", &O::k, "Number of states (kmeans, kcenters)", "", OptionCheck::positive},
      {"dmin", &O::dmin,
       "Regspace: a frame farther than DMIN from every centre becomes one (scaled CV units)", "",
       OptionCheck::non_negative},
      {"max_centers", &O::max_centers, "Regspace: at most this many centres (as deeptime)", "",
       OptionCheck::positive},
      {"grid", &O::grid,
       "Grid: min:max:nbins per CV, in the CVs' own units; cv:min:max:nbins names the CV (then "
       "cvs may be left out)"},
      {"seed", &O::seed, "Seed of kmeans and kcenters (the same seed gives the same states)"},
      {"stride", &O::stride, "Fit on every S-th frame (every frame is assigned)", "",
       OptionCheck::positive},
  };
  return table;
}

std::vector<double> parse_scale(const std::string& text, const std::vector<std::string>& cvs) {
  std::vector<double> scale(cvs.size(), 1.0);
  if (text.empty()) return scale;
  for (const std::string& item : split_items(text, "scale")) {
    const auto equals = item.find('=');
    const std::string name = item.substr(0, equals);
    const auto it = std::find(cvs.begin(), cvs.end(), name);
    if (equals == std::string::npos || it == cvs.end()) {
      throw UsageError(fmt::format("scale '{}': write CV=FACTOR for CVs of cvs ({})", item,
                                   fmt::join(cvs, ",")));
    }
    const std::string number = item.substr(equals + 1);
    double factor = 0.0;
    const auto [end, error] = std::from_chars(number.data(), number.data() + number.size(), factor);
    if (error != std::errc() || end != number.data() + number.size() || !(factor > 0.0) ||
        !std::isfinite(factor)) {
      throw UsageError(fmt::format("scale '{}': the factor must be a finite number > 0", item));
    }
    scale[static_cast<std::size_t>(it - cvs.begin())] = factor;
  }
  return scale;
}

std::vector<std::string> decomposition_cvs(const StateDecompositionOptions& options) {
  if (!options.cvs.empty() || options.method != "grid" || options.grid.empty()) return options.cvs;
  std::vector<std::string> named;
  for (const GridAxis& axis : parse_grid_spec(fmt::format("{}", fmt::join(options.grid, ",")))) {
    if (axis.cv.empty()) return {};  // some axis unnamed: cvs must say
    named.push_back(axis.cv);
  }
  return named;
}

FittedStates fit_states(const std::vector<Points>& raw, const StateDecompositionOptions& options,
                        const std::vector<std::string>& names) {
  check_decomposition_options(options);
  if (raw.empty()) throw UsageError("no CV time series to cluster");
  FittedStates fitted;
  StateDecomposition& m = fitted.decomposition;
  m.method = options.method;
  m.cvs = decomposition_cvs(options);
  m.scale = parse_scale(options.scale, m.cvs);
  std::size_t frames = 0;
  for (const auto& r : raw) frames += static_cast<std::size_t>(r.rows());
  if (options.method == "grid") {
    m.grid = parse_grid_spec(fmt::format("{}", fmt::join(options.grid, ",")));
    m.centers = RegularGrid(m.grid).centers();
    m.scaled_centers = m.centers;
    fitted.fitted_frames = frames;
    return fitted;
  }
  // Row r of the fit set is frame `fit_frames[r].second` of trajectory `.first`.
  std::vector<std::pair<std::size_t, std::size_t>> fit_frames;
  std::vector<Points> strided;
  const auto stride = static_cast<Eigen::Index>(options.stride);
  for (std::size_t t = 0; t < raw.size(); ++t) {
    const Points s = scaled(raw[t], m.scale);
    Points kept((s.rows() + stride - 1) / stride, s.cols());
    for (Eigen::Index i = 0, r = 0; i < s.rows(); i += stride, ++r) {
      kept.row(r) = s.row(i);
      fit_frames.emplace_back(t, static_cast<std::size_t>(i));
    }
    strided.push_back(std::move(kept));
  }
  const PointSet set = PointSet::stack(strided);
  fitted.fitted_frames = static_cast<std::size_t>(set.points.rows());
  std::vector<std::size_t> rows;
  if (options.method == "regspace") {
    const RegularSpaceResult r = regular_space(set.points, *options.dmin, options.max_centers);
    rows = r.center_rows;
    m.details["dmin"] = *options.dmin;
    m.details["max_centers"] = options.max_centers;
    m.details["max_centers_reached"] = r.max_centers_reached_at.has_value();
    if (r.max_centers_reached_at) {
      const auto [t, frame] = fit_frames[*r.max_centers_reached_at];
      fitted.warnings.push_back(fmt::format(
          "the maximum number of centres ({}) was reached at frame {} of {}: from there on, "
          "frames farther than dmin from every centre did not become centres (deeptime does the "
          "same). Increase max_centers or dmin.",
          options.max_centers, frame, name_of(names, t)));
    }
  } else if (options.method == "kcenters") {
    m.seed = options.seed;
    const KCentersResult r = k_centers(set.points, *options.k, options.seed);
    rows = r.center_rows;
    m.details["k"] = *options.k;
    m.details["radius"] = r.radius;
  } else {
    m.seed = options.seed;
    KMeansOptions k;
    k.k = *options.k;
    k.seed = options.seed;
    const KMeansResult r = k_means(set.points, k);
    m.details["k"] = k.k;
    m.details["tolerance"] = k.tolerance;
    m.details["max_iterations"] = k.max_iterations;
    m.details["iterations"] = r.iterations;
    m.details["converged"] = r.converged;
    m.details["inertia"] = r.inertia;
    m.details["empty_clusters"] = r.empty_clusters;
    if (!r.converged) {
      fitted.warnings.push_back(
          fmt::format("k-means did not reach its tolerance (relative change of the inertia <= "
                      "{}) in {} iterations",
                      k.tolerance, k.max_iterations));
    }
    if (r.empty_clusters > 0) {
      fitted.warnings.push_back(fmt::format(
          "{} k-means cluster{} ended empty (kept where it was): its state holds no fitted frame",
          r.empty_clusters, r.empty_clusters == 1 ? "" : "s"));
    }
    m.scaled_centers = r.centers;
    m.centers = r.centers;
    for (Eigen::Index c = 0; c < m.centers.cols(); ++c)
      m.centers.col(c) /= m.scale[static_cast<std::size_t>(c)];
    return fitted;
  }
  // Regspace and k-centers pick frames as centres: copy them unscaled from
  // the input, exactly as read.
  m.centers.resize(static_cast<Eigen::Index>(rows.size()),
                   static_cast<Eigen::Index>(options.cvs.size()));
  m.scaled_centers.resize(m.centers.rows(), m.centers.cols());
  for (std::size_t s = 0; s < rows.size(); ++s) {
    const auto [t, frame] = fit_frames[rows[s]];
    m.centers.row(static_cast<Eigen::Index>(s)) = raw[t].row(static_cast<Eigen::Index>(frame));
    m.scaled_centers.row(static_cast<Eigen::Index>(s)) =
        set.points.row(static_cast<Eigen::Index>(rows[s]));
  }
  return fitted;
}

std::vector<Labels> assign_states(const StateDecomposition& decomposition,
                                  const std::vector<Points>& raw,
                                  const std::vector<std::string>& names) {
  const StateDecomposition& m = decomposition;
  for (std::size_t t = 0; t < raw.size(); ++t) {
    if (static_cast<std::size_t>(raw[t].cols()) != m.cvs.size()) {
      throw UsageError(fmt::format("{} has {} CV columns, the states are on {}", name_of(names, t),
                                   raw[t].cols(), m.cvs.size()));
    }
  }
  if (m.method == "grid") {
    const PointSet all = PointSet::stack(raw);
    try {
      return all.split(RegularGrid(m.grid).assign(all.points));
    } catch (const OutsideGridError& e) {
      const auto [t, frame] = all.locate(e.row);
      const GridAxis& g = m.grid[e.axis];
      throw InputError({name_of(names, t), static_cast<std::int64_t>(frame), {}, {}},
                       fmt::format("{} = {} is outside the grid's range [{}, {}] (points outside "
                                   "are not clamped: widen the grid)",
                                   m.cvs[e.axis], e.value, g.min, g.max));
    }
  }
  std::vector<Points> scaled_inputs;
  scaled_inputs.reserve(raw.size());
  for (const auto& r : raw) scaled_inputs.push_back(scaled(r, m.scale));
  const PointSet all = PointSet::stack(scaled_inputs);
  return all.split(assign_to_centers(all.points, m.scaled_centers));
}

OrderedJson decomposition_json(const StateDecomposition& decomposition) {
  const StateDecomposition& m = decomposition;
  OrderedJson out;
  out["method"] = m.method;
  out["cvs"] = m.cvs;
  out["scale"] = m.scale;
  out["centers_units"] = kCentersUnits;
  out["n_states"] = m.centers.rows();
  OrderedJson centers = OrderedJson::array();
  for (Eigen::Index s = 0; s < m.centers.rows(); ++s) {
    centers.push_back(std::vector<double>(m.centers.row(s).begin(), m.centers.row(s).end()));
  }
  out["centers"] = std::move(centers);
  out["seed"] = m.seed ? OrderedJson(*m.seed) : OrderedJson();
  if (m.method == "grid") {
    OrderedJson axes = OrderedJson::array();
    for (std::size_t a = 0; a < m.grid.size(); ++a) {
      axes.push_back({{"cv", m.cvs[a]},
                      {"min", m.grid[a].min},
                      {"max", m.grid[a].max},
                      {"bins", m.grid[a].bins}});
    }
    out["grid"] = std::move(axes);
  }
  for (const auto& [key, value] : m.details.items()) out[key] = value;
  return out;
}

StateDecomposition read_decomposition_file(const std::string& path) {
  const Json saved = read_json_file(path);
  auto fail = [&](const std::string& what) -> InputError {
    return InputError({path, {}, {}, {}},
                      what + " (expected a clusters.json written by nucleate cluster)");
  };
  try {
    StateDecomposition m;
    m.method = saved.at("method").get<std::string>();
    m.cvs = saved.at("cvs").get<std::vector<std::string>>();
    m.scale = saved.at("scale").get<std::vector<double>>();
    if (m.scale.size() != m.cvs.size()) throw fail("'scale' and 'cvs' differ in length");
    const auto rows = saved.at("centers").get<std::vector<std::vector<double>>>();
    if (rows.empty()) throw fail("'centers' is empty");
    m.centers.resize(static_cast<Eigen::Index>(rows.size()),
                     static_cast<Eigen::Index>(m.cvs.size()));
    for (std::size_t s = 0; s < rows.size(); ++s) {
      if (rows[s].size() != m.cvs.size()) {
        throw fail(
            fmt::format("centre {} has {} values for {} CVs", s, rows[s].size(), m.cvs.size()));
      }
      for (std::size_t c = 0; c < rows[s].size(); ++c) {
        m.centers(static_cast<Eigen::Index>(s), static_cast<Eigen::Index>(c)) = rows[s][c];
      }
    }
    if (m.method == "grid") {
      for (const auto& axis : saved.at("grid")) {
        m.grid.push_back({axis.at("min").get<double>(),
                          axis.at("max").get<double>(),
                          axis.at("bins").get<std::size_t>(),
                          {}});
      }
      if (m.grid.size() != m.cvs.size()) throw fail("'grid' and 'cvs' differ in length");
    }
    if (saved.contains("seed") && !saved["seed"].is_null())
      m.seed = saved["seed"].get<std::uint64_t>();
    // What the method reported stays with the decomposition (not the
    // fields every clusters.json has, nor those of the run that wrote it).
    static const std::set<std::string> kCommon{"method",   "cvs",          "scale", "centers_units",
                                               "n_states", "centers",      "seed",  "grid",
                                               "stride",   "centers_from", "inputs"};
    for (const auto& [key, value] : saved.items()) {
      if (!kCommon.contains(key)) m.details[key] = value;
    }
    m.scaled_centers = scaled(m.centers, m.scale);
    return m;
  } catch (const nlohmann::json::exception& e) {
    throw fail(fmt::format("missing or wrong field: {}", json_error_text(e)));
  }
}

std::vector<std::int32_t> states_in_region(const std::vector<std::string>& cvs,
                                           const Points& centers, const std::string& expression,
                                           const std::string& what) {
  if (static_cast<std::size_t>(centers.cols()) != cvs.size()) {
    throw UsageError(fmt::format("{}: the centres have {} columns for {} CV names", what,
                                 centers.cols(), cvs.size()));
  }
  const auto resolve = [&](std::string_view name) -> std::optional<std::size_t> {
    const auto it = std::find(cvs.begin(), cvs.end(), name);
    if (it == cvs.end()) return std::nullopt;
    return static_cast<std::size_t>(it - cvs.begin());
  };
  const Expression parsed = [&] {
    try {
      return Expression::parse(expression, resolve, {"a CV of the state centres", "state"});
    } catch (const UsageError& e) {
      throw UsageError(
          fmt::format("{} '{}': {} (CVs: {})", what, expression, e.what(), fmt::join(cvs, ", ")));
    }
  }();
  std::vector<std::vector<double>> values(cvs.size());
  for (std::size_t c = 0; c < values.size(); ++c) {
    const auto column = centers.col(static_cast<Eigen::Index>(c));
    values[c].assign(column.begin(), column.end());
  }
  std::vector<std::int32_t> labels;
  for (Eigen::Index s = 0; s < centers.rows(); ++s) {
    if (parsed.evaluate(static_cast<std::size_t>(s), values) > 0.5)
      labels.push_back(static_cast<std::int32_t>(s));
  }
  return labels;
}

}  // namespace nucleate::msm
