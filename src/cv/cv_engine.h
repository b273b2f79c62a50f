#pragma once
// Evaluates a CvDefinition frame by frame: resolves its groups against a
// topology once, then for each frame computes the per-atom quantities in
// order and reduces them to the columns. Frames are independent; one engine
// may evaluate frames from several threads (evaluate is const and keeps all
// per-frame state on its own stack).

#include <optional>
#include <string>
#include <vector>

#include "core/expression.h"
#include "cv/cv_definition.h"
#include "io/frame.h"
#include "io/topology.h"

namespace nucleate::cv {

class BondOrderVectors;

/// The sizes of all clusters behind a `largest_cluster` column in one frame:
/// histogram[N] = how many clusters have exactly N members.
struct CrystalClusterSizes {
  std::string column;
  std::vector<std::size_t> histogram;
};

class CvEngine {
 public:
  /// Throws InputError (naming the configuration and line) when a group
  /// selects no atom, a cutoff cannot be derived, or quantities are combined
  /// in ways that cannot work (e.g. local_order of a coordination).
  CvEngine(CvDefinition definition, const io::Topology& topology);
  // The plan points into the engine's own definition: moving keeps those
  // addresses, copying would not.
  CvEngine(const CvEngine&) = delete;
  CvEngine& operator=(const CvEngine&) = delete;
  CvEngine(CvEngine&&) = default;
  CvEngine& operator=(CvEngine&&) = default;

  [[nodiscard]] const CvDefinition& definition() const { return definition_; }
  [[nodiscard]] std::vector<std::string> column_names() const;
  /// One line per column and per-atom quantity saying what it is, with the
  /// convention it follows (for COLVAR headers).
  [[nodiscard]] std::vector<std::string> describe() const;
  [[nodiscard]] std::size_t atom_count() const { return atom_count_; }

  /// The columns for one frame, in column_names() order. With `per_atom`,
  /// also every scalar per-atom quantity (atoms outside its groups hold 0);
  /// with `cluster_sizes`, the size histogram of each distinct clustering
  /// (one per `largest_cluster` column without `count`). Throws Error when
  /// the frame has no periodic box or a cutoff is too long for it.
  [[nodiscard]] std::vector<double> evaluate(
      const io::Frame& frame, std::vector<io::ExtraColumn>* per_atom = nullptr,
      std::vector<CrystalClusterSizes>* cluster_sizes = nullptr) const;

 private:
  struct ResolvedPair {
    std::size_t query_group;
    std::size_t neighbor_group;
  };
  struct Step {
    const AtomQuantity* quantity = nullptr;
    std::vector<ResolvedPair> pairs;
    double cutoff = 0.0;
    std::size_t nearest = 0;
    const SwitchingFunction* switching = nullptr;
    std::size_t of = 0;  // index into steps
    std::ptrdiff_t filter = -1;
    std::ptrdiff_t nearest_from = -1;
    std::size_t group = 0;    // sphere, layer
    std::size_t surface = 0;  // layer
    std::optional<Expression> expression;
  };
  struct ColumnPlan {
    const Column* column;
    std::size_t group;
    std::size_t of;
    std::ptrdiff_t weight = -1;
    std::ptrdiff_t count = -1;
    const SwitchingFunction* more_than = nullptr;
    const SwitchingFunction* less_than = nullptr;
    ResolvedPair links{};
  };

  // Per-frame state of evaluate(): lives on its stack (defined in cv_engine.cpp).
  struct FrameState;

  // One function per kind of per-atom quantity, dispatched by compute_quantity:
  // each fills `out` (the step's row of state.values, zeroed on entry) for one
  // frame; steinhardt and averaged also fill the step's q_lm `vectors`.
  void compute_quantity(std::size_t s, FrameState& state) const;
  void compute_coordination(const Step& step, FrameState& state, std::vector<double>& out) const;
  void compute_steinhardt(const Step& step, FrameState& state,
                          std::optional<BondOrderVectors>& slot, std::vector<double>& out) const;
  void compute_averaged(const Step& step, FrameState& state, std::optional<BondOrderVectors>& slot,
                        std::vector<double>& out) const;
  void compute_local_order(const Step& step, FrameState& state, std::vector<double>& out) const;
  void compute_solid_bonds(const Step& step, FrameState& state, std::vector<double>& out) const;
  void compute_more_or_less_than(const Step& step, const FrameState& state,
                                 std::vector<double>& out) const;
  void compute_threshold(const Step& step, const FrameState& state, std::vector<double>& out) const;
  void compute_between(const Step& step, const FrameState& state, std::vector<double>& out) const;
  void compute_expression(const Step& step, const FrameState& state,
                          std::vector<double>& out) const;
  void compute_layer(const Step& step, const FrameState& state, std::vector<double>& out) const;
  void compute_sphere(const Step& step, const FrameState& state, std::vector<double>& out) const;

  // The column reductions for one frame.
  double reduce_column(const ColumnPlan& plan, FrameState& state,
                       std::vector<CrystalClusterSizes>* cluster_sizes) const;
  double reduce_sum_or_mean(const ColumnPlan& plan, const FrameState& state) const;
  double reduce_largest_cluster(const ColumnPlan& plan, FrameState& state,
                                std::vector<CrystalClusterSizes>* cluster_sizes) const;

  std::size_t group_index(const std::string& name) const;
  std::size_t step_index(const std::string& name) const;
  [[noreturn]] void fail(std::int64_t line, const std::string& reason) const;

  CvDefinition definition_;
  std::size_t atom_count_;
  std::vector<std::vector<std::uint32_t>> groups_;
  std::vector<Step> steps_;
  std::vector<ColumnPlan> columns_;
};

}  // namespace nucleate::cv
