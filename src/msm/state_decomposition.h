#pragma once
// A decomposition of CV space into MSM states ("clustering" in the MSM
// literature; not the crystalline clusters of cv/crystal_clusters.h): fit on
// CV time series with one of the methods (kmeans.h, kcenters.h, regspace.h,
// grid_states.h), then every frame assigned to a state. clusters.json is its
// saved form; a saved decomposition assigns new data to the same states (one
// decomposition reused across runs or temperatures, as in study 2).
//
// Scaling: each CV is multiplied by its scale before distances are
// measured; centres are kept in the CVs' own (unscaled) units. A stride S
// fits on every S-th frame, but every frame is assigned (as PyEMMA's
// cluster_* stride does), so each discrete trajectory has a state per frame.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/json.h"
#include "core/options.h"
#include "msm/grid_states.h"
#include "msm/points.h"

namespace nucleate::msm {

struct StateDecompositionOptions {
  std::string method = "kmeans";  ///< kmeans, kcenters, regspace or grid
  std::vector<std::string> cvs;   ///< the CV columns, in this order
  /// "a=1,b=0.1": factors the CVs are multiplied by before distances are
  /// measured (1 for those not named). Not for grid, whose axes are in the
  /// CVs' own units.
  std::string scale;
  std::optional<std::size_t> k;    ///< kmeans, kcenters
  std::optional<double> dmin;      ///< regspace
  std::size_t max_centers = 1000;  ///< regspace (deeptime's default)
  std::vector<std::string> grid;   ///< grid: "[cv:]min:max:nbins" per CV
  std::uint64_t seed = 0;          ///< kmeans, kcenters
  std::size_t stride = 1;          ///< fit on every stride-th frame
};
const OptionTable<StateDecompositionOptions>& state_decomposition_options();

/// A fitted decomposition: what clusters.json holds.
struct StateDecomposition {
  std::string method;
  std::vector<std::string> cvs;
  std::vector<double> scale;                    ///< one per CV
  Points centers;                               ///< unscaled, one row per state
  Points scaled_centers;                        ///< what distances are measured to
  std::vector<GridAxis> grid;                   ///< method "grid" only
  std::optional<std::uint64_t> seed;            ///< the methods that draw random numbers
  OrderedJson details = OrderedJson::object();  ///< method parameters and diagnostics

  [[nodiscard]] std::size_t states() const { return static_cast<std::size_t>(centers.rows()); }
};

struct FittedStates {
  StateDecomposition decomposition;
  std::size_t fitted_frames = 0;      ///< frames the fit saw (after the stride)
  std::vector<std::string> warnings;  ///< for the user, naming inputs by `names`
};

/// UsageError for options that do not fit together (k with regspace, scale
/// with grid, a CV given twice, ...); fit_states checks them too.
void check_decomposition_options(const StateDecompositionOptions& options);

/// The CVs the decomposition works on: `cvs`, or when that is empty the CVs
/// a grid names ("n:0:1:10,q6:0:1:5"). Empty when neither gives them.
std::vector<std::string> decomposition_cvs(const StateDecompositionOptions& options);

/// "a=1,b=0.1" -> one factor per CV; UsageError for a CV not in `cvs` or a
/// factor that is not a finite number > 0.
std::vector<double> parse_scale(const std::string& text, const std::vector<std::string>& cvs);

/// Fits a decomposition on `raw` (one matrix per trajectory, columns in the
/// order of options.cvs, unscaled). `names` name the trajectories in
/// warnings. UsageError for options that do not fit together (k with
/// regspace, scale with grid, ...).
FittedStates fit_states(const std::vector<Points>& raw, const StateDecompositionOptions& options,
                        const std::vector<std::string>& names);

/// The state of every frame. InputError naming names[t] and the frame for a
/// point outside a grid (points are never clamped into edge bins).
std::vector<Labels> assign_states(const StateDecomposition& decomposition,
                                  const std::vector<Points>& raw,
                                  const std::vector<std::string>& names);

/// clusters.json's fields: method, cvs, scale, centers_units, n_states,
/// centers, seed, grid (grid only), the method's details.
OrderedJson decomposition_json(const StateDecomposition& decomposition);

/// A clusters.json written by `nucleate cluster`; InputError naming the
/// file and field otherwise.
StateDecomposition read_decomposition_file(const std::string& path);

/// Rows of `centers` (states, columns named by `cvs`) where `expression`
/// holds, e.g. "largest < 150 and nsolid < 200" (core/expression.h; a state
/// is in the region when the value is > 0.5). UsageError naming `what` for a
/// bad expression.
std::vector<std::int32_t> states_in_region(const std::vector<std::string>& cvs,
                                           const Points& centers, const std::string& expression,
                                           const std::string& what);

}  // namespace nucleate::msm
