#pragma once
// What a CV configuration says, as plain data: named atom groups, named
// switching functions, per-atom quantities computed in order (each may use
// the ones before it), and the per-frame columns reduced from them. The TOML
// reader (cv_config.h) fills it; the engine (cv_engine.h) evaluates it. A
// preset is nothing but such a configuration shipped with nucleate.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "cv/steinhardt.h"
#include "cv/switching_function.h"
#include "geom/periodic_cell.h"

namespace nucleate::cv {

/// Which neighbours a per-atom quantity sums over: for each (query group,
/// neighbour group) pair, the neighbour atoms within `cutoff` of each query
/// atom, or its `nearest` k, or its k_i nearest with k_i a per-atom quantity
/// (`nearest_from`, e.g. 3 in the first layer on a surface and 4 elsewhere).
/// With both a cutoff and a nearest count, the k nearest *within* the cutoff
/// (fewer where fewer are there), as LAMMPS's `nnn N cutoff R`.
/// A cutoff of 0 (and no nearest) means "the switching function's D_MAX".
struct NeighborSpec {
  std::vector<std::pair<std::string, std::string>> pairs;
  double cutoff = 0.0;
  std::size_t nearest = 0;
  std::string nearest_from;
};

enum class AtomQuantityKind {
  coordination,  ///< c_i = f_i sum_j f_j s(r_ij) (f from `filter`, else 1)
  steinhardt,    ///< q_l from q_lm vectors (weighted by `switching` or not)
  local_order,   ///< PLUMED LOCAL_Q: sum_j s(r_ij) qhat_i.qhat_j* / sum_j s(r_ij)
  averaged,      ///< Lechner-Dellago qbar_l over self and the neighbours
  solid_bonds,   ///< neighbours j with qhat_i.qhat_j* > `threshold`
  more_than,     ///< 1 - s(x) of the quantity `of` (PLUMED MORE_THAN, MFILTER_MORE)
  less_than,     ///< s(x)
  threshold,     ///< 1 where minimum <= x <= maximum (sharp), else 0
  between,       ///< smooth indicator of lower <= x <= upper (PLUMED BETWEEN)
  sphere,        ///< s(|r_i - centre|), the PLUMED INSPHERE weight
  expression,    ///< arithmetic and logic over earlier quantities (core/expression.h)
  layer,         ///< layer index above a surface along an axis (1 = first layer)
};

/// A sphere's centre: the box centre of each frame, a fixed point, or the
/// position of one atom (0-based index) in each frame.
struct Centre {
  bool box_centre = true;
  Vec3d point{0.0, 0.0, 0.0};
  std::optional<std::size_t> atom;
};

struct AtomQuantity {
  std::string name;
  AtomQuantityKind kind = AtomQuantityKind::coordination;
  std::int64_t line = 0;   ///< where the configuration defines it, for errors
  NeighborSpec neighbors;  ///< coordination, steinhardt, local_order, averaged, solid_bonds
  std::string switching;   ///< name of a switching function (may be empty for steinhardt)
  std::string of;          ///< the quantity this one is computed from
  std::string filter;      ///< coordination: per-atom weights f
  std::string group;       ///< sphere, layer: the atoms it is computed for
  std::string surface;     ///< layer: the surface group
  int axis = 2;            ///< layer: 0, 1, 2 for x, y, z
  double width = 0.0;      ///< layer: thickness of one layer
  std::string expression;  ///< expression
  int l = 6;               ///< steinhardt
  SteinhardtNormalisation normalisation = SteinhardtNormalisation::plumed;
  std::size_t min_neighbors = 0;  ///< steinhardt: fewer neighbours give q = 0 (LAMMPS)
  bool third_order = false;       ///< steinhardt, averaged: the value is w^_l, not q_l
  double bond_threshold = 0.5;    ///< solid_bonds
  std::optional<double> minimum;  ///< threshold
  std::optional<double> maximum;  ///< threshold
  double lower = 0.0;             ///< between
  double upper = 0.0;             ///< between
  double smear = 0.5;             ///< between: kernel width = smear (upper - lower)
  bool triangular = false;        ///< between: triangular kernel instead of Gaussian
  Centre centre;                  ///< sphere
};

enum class Reduction {
  sum,              ///< (sum_i w_i g(x_i))^power
  mean,             ///< (sum_i w_i g(x_i) / sum_i w_i)^power
  largest_cluster,  ///< size of the largest cluster of atoms with x_i > 0.5
};

/// One column of the COLVAR: a reduction of a per-atom quantity over a group.
struct Column {
  std::string name;
  std::int64_t line = 0;
  Reduction reduce = Reduction::sum;
  std::string of;         ///< per-atom quantity
  std::string group;      ///< the atoms reduced over
  std::string weight;     ///< per-atom quantity multiplying each term, or empty
  std::string more_than;  ///< switching function: g(x) = 1 - s(x)
  std::string less_than;  ///< switching function: g(x) = s(x)
  double power = 1.0;
  NeighborSpec links;  ///< largest_cluster: which pairs are linked
  std::string count;   ///< largest_cluster: count members with this quantity > 0.5 instead
};

struct GroupDefinition {
  std::string name;
  std::string selection;  ///< `--select` syntax
  std::int64_t line = 0;
};

struct CvDefinition {
  std::string source;  ///< file or preset name, for messages
  std::string description;
  std::vector<GroupDefinition> groups;
  std::map<std::string, SwitchingFunction> switches;
  std::vector<AtomQuantity> atoms;
  std::vector<Column> columns;
};

}  // namespace nucleate::cv
