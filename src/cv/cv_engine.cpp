#include "cv/cv_engine.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <deque>
#include <limits>
#include <map>
#include <optional>
#include <tuple>

#include "core/error.h"
#include "cv/bond_order_averages.h"
#include "cv/coordination.h"
#include "cv/crystal_clusters.h"
#include "cv/steinhardt_w.h"
#include "geom/neighbor_list.h"

namespace nucleate::cv {
namespace {

using K = AtomQuantityKind;

bool has_vectors(K kind) {
  return kind == K::steinhardt || kind == K::averaged;
}

std::string_view kind_name(K kind) {
  switch (kind) {
    case K::coordination:
      return "coordination";
    case K::steinhardt:
      return "steinhardt";
    case K::local_order:
      return "local_order";
    case K::averaged:
      return "averaged";
    case K::solid_bonds:
      return "solid_bonds";
    case K::more_than:
      return "more_than";
    case K::less_than:
      return "less_than";
    case K::threshold:
      return "threshold";
    case K::between:
      return "between";
    case K::sphere:
      return "sphere";
    case K::expression:
      return "expression";
    case K::layer:
      return "layer";
  }
  return "?";
}

std::string_view normalisation_text(SteinhardtNormalisation n) {
  return n == SteinhardtNormalisation::plumed
             ? "normalisation plumed: sqrt(sum_m |q_lm|^2), as PLUMED Q4/Q6"
             : "normalisation standard: sqrt(4 pi/(2l+1) sum_m |q_lm|^2), as LAMMPS "
               "orientorder/atom, "
               "freud, pyscal";
}

// x^p keeping the sign, so a fractional power of a (tiny, rounding-negative)
// sum never becomes NaN.
double signed_power(double x, double p) {
  if (p == 1.0) return x;
  return std::copysign(std::pow(std::abs(x), p), x);
}

// PLUMED's BETWEEN (HistogramBead): the share of a kernel centred on x that
// falls inside [lower, upper]; kernel width w = smear (upper - lower).
//   Gaussian:   (erf((upper - x)/(sqrt2 w)) - erf((lower - x)/(sqrt2 w))) / 2
//   triangular: F(clamp((upper - x)/w)) - F(clamp((lower - x)/w)),
//               F(u) = u (2 - |u|) / 2 on [-1, 1]
double between(const AtomQuantity& q, double x) {
  const double w = q.smear * (q.upper - q.lower);
  if (!q.triangular) {
    return 0.5 * (std::erf((q.upper - x) / (std::sqrt(2.0) * w)) -
                  std::erf((q.lower - x) / (std::sqrt(2.0) * w)));
  }
  auto F = [](double u) {
    u = std::clamp(u, -1.0, 1.0);
    return 0.5 * u * (2.0 - std::abs(u));
  };
  return F((q.upper - x) / w) - F((q.lower - x) / w);
}

// The scalar a steinhardt or averaged quantity reports for an atom.
double invariant(const AtomQuantity& q, const BondOrderVectors& vectors, std::size_t atom) {
  return q.third_order ? normalised_w(vectors, atom) : vectors.magnitude(atom, q.normalisation);
}

// Layer index of each atom above the top of a surface slab along one axis:
// 1 for the first `width` above the top, 2 for the next, ...; 0 at or below
// the top. Distances are taken through the periodic boundary so that the
// liquid above the slab is counted up to the slab's bottom image.
void assign_layers(const AtomQuantity& q, const io::Frame& frame,
                   std::span<const std::uint32_t> surface, std::span<const std::uint32_t> atoms,
                   std::vector<double>& out) {
  const int a = q.axis;
  for (int v = 0; v < 3; ++v) {
    if (v != a && frame.box.vectors[v][a] != 0.0) {
      throw Error(
          fmt::format("atom '{}': box vector {} has a component along {}, so layers along it are "
                      "not periodic slabs",
                      q.name, v, static_cast<char>('x' + a)));
    }
  }
  const double length = frame.box.vectors[a][a];
  double bottom = std::numeric_limits<double>::infinity();
  double top = -bottom;
  for (std::uint32_t atom : surface) {
    bottom = std::min(bottom, static_cast<double>(frame.positions[atom][a]));
    top = std::max(top, static_cast<double>(frame.positions[atom][a]));
  }
  if (top - bottom > length / 2) {
    throw Error(
        fmt::format("atom '{}': the surface spans {} of the {} box along {}; make it whole "
                    "(not split by the periodic boundary)",
                    q.name, top - bottom, length, static_cast<char>('x' + a)));
  }
  for (std::uint32_t atom : atoms) {
    // Height above the top, wrapped into [bottom - top, bottom - top + L).
    double h = frame.positions[atom][a] - top;
    const double lowest = bottom - top;
    h -= length * std::floor((h - lowest) / length);
    out[atom] = h < 0.0 ? 0.0 : std::floor(h / q.width) + 1.0;
  }
}

}  // namespace

void CvEngine::fail(std::int64_t line, const std::string& reason) const {
  throw InputError({definition_.source, {}, {}, line}, reason);
}

std::size_t CvEngine::group_index(const std::string& name) const {
  for (std::size_t g = 0; g < definition_.groups.size(); ++g)
    if (definition_.groups[g].name == name) return g;
  throw Error(fmt::format("internal: unknown group '{}'", name));  // checked by the parser
}

std::size_t CvEngine::step_index(const std::string& name) const {
  for (std::size_t s = 0; s < steps_.size(); ++s)
    if (steps_[s].quantity->name == name) return s;
  throw Error(fmt::format("internal: unknown quantity '{}'", name));
}

CvEngine::CvEngine(CvDefinition definition, const io::Topology& topology)
    : definition_(std::move(definition)), atom_count_(topology.size()) {
  bool named = false;
  for (const io::Atom& atom : topology.atoms)
    named = named || !atom.name.empty() || !atom.type.empty();
  for (const GroupDefinition& group : definition_.groups) {
    std::vector<std::size_t> picked;
    try {
      picked = topology.select(group.selection);
    } catch (const Error& e) {
      fail(group.line, fmt::format("group '{}': {}", group.name, e.what()));
    }
    if (picked.empty()) {
      fail(group.line,
           fmt::format("group '{}' (\"{}\") selects none of the {} atoms{}", group.name,
                       group.selection, topology.size(),
                       named ? "" : " (they have no names: give a topology with --top)"));
    }
    groups_.emplace_back(picked.begin(), picked.end());
  }
  auto switch_of = [&](const std::string& name) -> const SwitchingFunction* {
    return name.empty() ? nullptr : &definition_.switches.at(name);
  };
  for (const AtomQuantity& q : definition_.atoms) {
    Step step;
    step.quantity = &q;
    step.switching = switch_of(q.switching);
    const std::string owner = fmt::format("atom '{}'", q.name);
    for (const auto& [a, b] : q.neighbors.pairs)
      step.pairs.push_back({group_index(a), group_index(b)});
    if (!q.of.empty()) {
      step.of = step_index(q.of);
      const K source = steps_[step.of].quantity->kind;
      const bool wants_vectors =
          q.kind == K::local_order || q.kind == K::averaged || q.kind == K::solid_bonds;
      if (wants_vectors && !has_vectors(source)) {
        fail(q.line,
             fmt::format("{}: '{}' is a {}, but {} needs q_lm vectors (steinhardt or averaged)",
                         owner, q.of, kind_name(source), kind_name(q.kind)));
      }
    }
    if (!q.filter.empty()) step.filter = static_cast<std::ptrdiff_t>(step_index(q.filter));
    if (!q.neighbors.nearest_from.empty()) {
      step.nearest_from = static_cast<std::ptrdiff_t>(step_index(q.neighbors.nearest_from));
    }
    if (q.kind == K::sphere || q.kind == K::layer) step.group = group_index(q.group);
    if (q.kind == K::layer) step.surface = group_index(q.surface);
    if (q.kind == K::sphere && q.centre.atom && *q.centre.atom >= atom_count_) {
      fail(q.line, fmt::format("{}: centre atom {} is beyond the {} atoms", owner, *q.centre.atom,
                               atom_count_));
    }
    if (q.kind == K::expression) {
      auto resolve = [this](std::string_view name) -> std::optional<std::size_t> {
        for (std::size_t k = 0; k < steps_.size(); ++k)
          if (steps_[k].quantity->name == name) return k;
        return std::nullopt;
      };
      try {
        step.expression = Expression::parse(q.expression, resolve);
      } catch (const UsageError& e) {
        fail(q.line, fmt::format("{}: {}", owner, e.what()));
      }
    }
    if (!q.neighbors.pairs.empty()) {
      step.nearest = q.neighbors.nearest;
      step.cutoff = q.neighbors.cutoff;
      if (step.nearest == 0 && step.cutoff == 0.0 && step.nearest_from < 0) {
        if (step.switching == nullptr || !std::isfinite(step.switching->parameters().d_max)) {
          fail(q.line, fmt::format("{}: give 'cutoff' or 'nearest' (no switch with D_MAX to take "
                                   "the cutoff from)",
                                   owner));
        }
        step.cutoff = step.switching->parameters().d_max;
      }
      // Vectors are filled row by row per pair; an atom in two query groups
      // would have its row overwritten, not combined.
      if (q.kind != K::coordination) {
        std::vector<bool> seen(atom_count_, false);
        for (const auto& pair : step.pairs) {
          for (std::uint32_t atom : groups_[pair.query_group]) {
            if (seen[atom]) {
              fail(q.line, fmt::format("{}: atom {} is a query in two pairs; for {} each atom may "
                                       "be the query of one pair only",
                                       owner, atom, kind_name(q.kind)));
            }
            seen[atom] = true;
          }
        }
      }
    }
    steps_.push_back(step);
  }
  for (const Column& c : definition_.columns) {
    ColumnPlan plan{&c, group_index(c.group), step_index(c.of)};
    if (!c.weight.empty()) plan.weight = static_cast<std::ptrdiff_t>(step_index(c.weight));
    if (!c.count.empty()) plan.count = static_cast<std::ptrdiff_t>(step_index(c.count));
    plan.more_than = switch_of(c.more_than);
    plan.less_than = switch_of(c.less_than);
    if (c.reduce == Reduction::largest_cluster) {
      if (c.links.pairs.size() != 1 || c.links.pairs[0].first != c.links.pairs[0].second) {
        fail(c.line, fmt::format("column '{}': a cluster links atoms of one group; give 'group' "
                                 "(or one pair of the same group)",
                                 c.name));
      }
      plan.links = {group_index(c.links.pairs[0].first), group_index(c.links.pairs[0].second)};
    }
    columns_.push_back(plan);
  }
}

std::vector<std::string> CvEngine::column_names() const {
  std::vector<std::string> names;
  for (const Column& c : definition_.columns) names.push_back(c.name);
  return names;
}

std::vector<std::string> CvEngine::describe() const {
  std::vector<std::string> lines;
  if (!definition_.description.empty()) lines.push_back(definition_.description);
  lines.push_back(fmt::format("configuration: {}", definition_.source));
  for (std::size_t g = 0; g < groups_.size(); ++g) {
    lines.push_back(fmt::format("group {} = \"{}\" ({} atoms)", definition_.groups[g].name,
                                definition_.groups[g].selection, groups_[g].size()));
  }
  for (const auto& [name, s] : definition_.switches)
    lines.push_back(fmt::format("switch {} = {}", name, s.describe()));
  for (const Step& step : steps_) {
    const AtomQuantity& q = *step.quantity;
    std::string text = fmt::format("atom {}: {}", q.name, kind_name(q.kind));
    if (q.kind == K::steinhardt) {
      text +=
          fmt::format(" l={} {} bonds, {}", q.l, step.switching ? "switch-weighted" : "unweighted",
                      q.third_order ? "normalised third-order invariant w^_l (LAMMPS wl/hat)"
                                    : normalisation_text(q.normalisation));
      if (q.min_neighbors > 0)
        text += fmt::format(", q=0 with fewer than {} neighbours", q.min_neighbors);
    }
    if (q.kind == K::averaged) {
      text += fmt::format(" (Lechner-Dellago), {}",
                          q.third_order ? "normalised w^_l" : normalisation_text(q.normalisation));
    }
    if (!q.of.empty()) text += fmt::format(" of {}", q.of);
    if (!q.filter.empty()) text += fmt::format(" filtered by {}", q.filter);
    if (!q.switching.empty()) text += fmt::format(" switch {}", q.switching);
    for (const auto& [a, b] : q.neighbors.pairs) text += fmt::format(" [{} around {}]", b, a);
    if (step.nearest_from >= 0)
      text += fmt::format(" nearest {} (per atom)", q.neighbors.nearest_from);
    else if (step.nearest > 0)
      text += fmt::format(" nearest {}", step.nearest);
    if (step.cutoff > 0) text += fmt::format(" within {}", step.cutoff);
    if (q.kind == K::solid_bonds) text += fmt::format(" threshold {}", q.bond_threshold);
    if (q.kind == K::threshold) {
      text += fmt::format(" in [{}, {}]", q.minimum ? fmt::format("{}", *q.minimum) : "-inf",
                          q.maximum ? fmt::format("{}", *q.maximum) : "inf");
    }
    if (q.kind == K::sphere) {
      text += q.centre.box_centre ? " centre box"
              : q.centre.atom     ? fmt::format(" centre atom {}", *q.centre.atom)
                                  : fmt::format(" centre ({}, {}, {})", q.centre.point[0],
                                                q.centre.point[1], q.centre.point[2]);
    }
    if (q.kind == K::expression) text += fmt::format(" \"{}\"", q.expression);
    if (q.kind == K::between) {
      text += fmt::format(" [{}, {}], {} kernel of width {} x (upper - lower) (PLUMED BETWEEN)",
                          q.lower, q.upper, q.triangular ? "triangular" : "Gaussian", q.smear);
    }
    if (q.kind == K::layer) {
      text += fmt::format(
          " of {} above the top of {} along {}, width {} (1 = first layer, 0 = at or below the "
          "top)",
          q.group, q.surface, static_cast<char>('x' + q.axis), q.width);
    }
    lines.push_back(text);
  }
  for (const ColumnPlan& plan : columns_) {
    const Column& c = *plan.column;
    std::string term = c.of;
    if (plan.more_than) term = fmt::format("MORE_THAN({}; {})", c.of, c.more_than);
    if (plan.less_than) term = fmt::format("LESS_THAN({}; {})", c.of, c.less_than);
    if (plan.weight >= 0) term = fmt::format("{} * {}", c.weight, term);
    std::string text;
    switch (c.reduce) {
      case Reduction::sum:
        text = fmt::format("sum over {} of {}", c.group, term);
        break;
      case Reduction::mean:
        text = fmt::format("mean over {} of {}", c.group, term);
        break;
      case Reduction::largest_cluster:
        text = fmt::format("largest cluster of {} atoms with {} > 0.5, linked within {}", c.group,
                           c.of, c.links.cutoff);
        if (plan.count >= 0) text += fmt::format(": members with {} > 0.5", c.count);
        break;
    }
    if (c.power != 1.0) text += fmt::format(", to the power {}", c.power);
    lines.push_back(fmt::format("column {}: {}", c.name, text));
  }
  return lines;
}

// Everything one frame computes; lives on the stack of evaluate(), so frames
// can be evaluated from several threads at once.
struct CvEngine::FrameState {
  FrameState(const io::Frame& f, const std::vector<std::vector<std::uint32_t>>& g,
             std::size_t steps)
      : frame(f), cell(f.box), groups(g), values(steps), vectors(steps) {}

  // The neighbours of each query of `pair` within `cutoff` and/or its
  // `nearest` nearest, found once per frame and shared by every step and
  // column that asks for the same list.
  const geom::NeighborList& list_for(const ResolvedPair& pair, double cutoff, std::size_t nearest) {
    const auto key = std::make_tuple(pair.query_group, pair.neighbor_group, cutoff, nearest);
    auto it = lists.find(key);
    if (it == lists.end()) {
      const auto& queries = groups[pair.query_group];
      const auto& candidates = groups[pair.neighbor_group];
      geom::NeighborList list;
      if (nearest == 0) {
        list = geom::neighbors_within(cell, frame.positions, queries, candidates, cutoff);
      } else if (cutoff == 0.0) {
        list = geom::nearest_neighbors(cell, frame.positions, queries, candidates, nearest);
      } else {
        // LAMMPS's `nnn N cutoff R`: a k-nearest search would reach past R
        // where atoms are sparse.
        list = geom::keep_nearest(
            geom::neighbors_within(cell, frame.positions, queries, candidates, cutoff),
            [nearest](std::size_t) { return nearest; });
      }
      it = lists.emplace(key, std::move(list)).first;
    }
    return it->second;
  }

  // The neighbours `step` uses for the queries of `pair`. With nearest_from,
  // the k_i nearest of each query: the k_max nearest, cut per atom (lists
  // are sorted by distance).
  const geom::NeighborList& neighbors(const Step& step, const ResolvedPair& pair) {
    if (step.nearest_from < 0) return list_for(pair, step.cutoff, step.nearest);
    const auto& k = values[step.nearest_from];
    const auto& queries = groups[pair.query_group];
    std::size_t k_max = 0;
    for (std::uint32_t atom : queries) {
      if (!(k[atom] >= 0.0) || k[atom] > 1e6) {
        throw Error(fmt::format("atom '{}': {} = {} for atom {} is not a number of neighbours",
                                step.quantity->name, step.quantity->neighbors.nearest_from, k[atom],
                                atom));
      }
      k_max = std::max(k_max, static_cast<std::size_t>(std::lround(k[atom])));
    }
    const geom::NeighborList& full = step.cutoff > 0.0
                                         ? list_for(pair, step.cutoff, 0)
                                         : list_for(pair, 0.0, std::max<std::size_t>(k_max, 1));
    return per_atom_lists.emplace_back(geom::keep_nearest(
        full, [&](std::size_t q) { return static_cast<std::size_t>(std::lround(k[queries[q]])); }));
  }

  const io::Frame& frame;
  const geom::PeriodicCell cell;
  const std::vector<std::vector<std::uint32_t>>& groups;
  std::vector<std::vector<double>> values;               // by step, by atom
  std::vector<std::optional<BondOrderVectors>> vectors;  // by step
  std::map<std::tuple<std::size_t, std::size_t, double, std::size_t>, geom::NeighborList> lists;
  std::deque<geom::NeighborList> per_atom_lists;  // a deque: earlier lists stay where they are
  // Several columns usually describe the same clusters (their size and
  // sub-populations): find them once.
  std::map<std::tuple<std::size_t, std::size_t, std::size_t, double>, CrystalClusters> clusters;
};

std::vector<double> CvEngine::evaluate(const io::Frame& frame,
                                       std::vector<io::ExtraColumn>* per_atom,
                                       std::vector<CrystalClusterSizes>* cluster_sizes) const {
  if (cluster_sizes != nullptr) cluster_sizes->clear();
  if (frame.atom_count() != atom_count_) {
    throw Error(
        fmt::format("the frame has {} atoms, the topology {}", frame.atom_count(), atom_count_));
  }
  if (!frame.has_box)
    throw Error("the frame has no periodic box; periodic neighbour searches need one");
  FrameState state(frame, groups_, steps_.size());
  for (std::size_t s = 0; s < steps_.size(); ++s) compute_quantity(s, state);

  std::vector<double> columns;
  columns.reserve(columns_.size());
  for (const ColumnPlan& plan : columns_)
    columns.push_back(reduce_column(plan, state, cluster_sizes));

  if (per_atom != nullptr) {
    per_atom->clear();
    for (std::size_t s = 0; s < steps_.size(); ++s)
      per_atom->push_back({steps_[s].quantity->name, state.values[s]});
  }
  return columns;
}

// Fills state.values[s] (and, for q_lm kinds, state.vectors[s]) with step s for this frame.
void CvEngine::compute_quantity(std::size_t s, FrameState& state) const {
  const Step& step = steps_[s];
  std::vector<double>& out = state.values[s];
  out.assign(atom_count_, 0.0);
  switch (step.quantity->kind) {
    case K::coordination:
      compute_coordination(step, state, out);
      break;
    case K::steinhardt:
      compute_steinhardt(step, state, state.vectors[s], out);
      break;
    case K::averaged:
      compute_averaged(step, state, state.vectors[s], out);
      break;
    case K::local_order:
      compute_local_order(step, state, out);
      break;
    case K::solid_bonds:
      compute_solid_bonds(step, state, out);
      break;
    case K::more_than:
    case K::less_than:
      compute_more_or_less_than(step, state, out);
      break;
    case K::threshold:
      compute_threshold(step, state, out);
      break;
    case K::between:
      compute_between(step, state, out);
      break;
    case K::expression:
      compute_expression(step, state, out);
      break;
    case K::layer:
      compute_layer(step, state, out);
      break;
    case K::sphere:
      compute_sphere(step, state, out);
      break;
  }
}

// Smooth coordination numbers (optionally filtered), summed over the step's pairs.
void CvEngine::compute_coordination(const Step& step, FrameState& state,
                                    std::vector<double>& out) const {
  for (const ResolvedPair& pair : step.pairs) {
    const auto& queries = groups_[pair.query_group];
    const std::span<const double> filter = step.filter >= 0
                                               ? std::span<const double>(state.values[step.filter])
                                               : std::span<const double>();
    const auto c =
        coordination_numbers(state.neighbors(step, pair), queries, *step.switching, filter);
    for (std::size_t k = 0; k < queries.size(); ++k) out[queries[k]] += c[k];
  }
}

// Steinhardt q_lm vectors of each query and their invariant (q_l or w^_l).
void CvEngine::compute_steinhardt(const Step& step, FrameState& state,
                                  std::optional<BondOrderVectors>& slot,
                                  std::vector<double>& out) const {
  const AtomQuantity& q = *step.quantity;
  BondOrderVectors& vectors = slot.emplace(q.l, atom_count_);
  SteinhardtOptions options;
  options.l = q.l;
  options.switching = step.switching;
  options.min_neighbors = q.min_neighbors;
  for (const ResolvedPair& pair : step.pairs) {
    compute_bond_order(state.neighbors(step, pair), groups_[pair.query_group], options, vectors);
    for (std::uint32_t atom : groups_[pair.query_group]) out[atom] = invariant(q, vectors, atom);
  }
}

// Lechner-Dellago averages of the `of` q_lm vectors and their invariant.
void CvEngine::compute_averaged(const Step& step, FrameState& state,
                                std::optional<BondOrderVectors>& slot,
                                std::vector<double>& out) const {
  const AtomQuantity& q = *step.quantity;
  const BondOrderVectors& source = *state.vectors[step.of];
  BondOrderVectors& vectors = slot.emplace(source.degree(), atom_count_);
  for (const ResolvedPair& pair : step.pairs) {
    average_bond_order(state.neighbors(step, pair), groups_[pair.query_group], source, vectors);
    for (std::uint32_t atom : groups_[pair.query_group]) out[atom] = invariant(q, vectors, atom);
  }
}

// PLUMED LOCAL_Q: switch-weighted mean of qhat_i . qhat_j over the neighbours.
void CvEngine::compute_local_order(const Step& step, FrameState& state,
                                   std::vector<double>& out) const {
  for (const ResolvedPair& pair : step.pairs) {
    const auto& queries = groups_[pair.query_group];
    const auto v = local_bond_order(state.neighbors(step, pair), queries, *step.switching,
                                    *state.vectors[step.of]);
    for (std::size_t k = 0; k < queries.size(); ++k) out[queries[k]] = v[k];
  }
}

// Number of neighbours whose q_lm dot product exceeds the bond threshold.
void CvEngine::compute_solid_bonds(const Step& step, FrameState& state,
                                   std::vector<double>& out) const {
  for (const ResolvedPair& pair : step.pairs) {
    const auto& queries = groups_[pair.query_group];
    const auto n = count_solid_bonds(state.neighbors(step, pair), queries, *state.vectors[step.of],
                                     step.quantity->bond_threshold);
    for (std::size_t k = 0; k < queries.size(); ++k) out[queries[k]] = static_cast<double>(n[k]);
  }
}

// more_than: 1 - s(x); less_than: s(x), with s the step's switch and x the `of` values.
void CvEngine::compute_more_or_less_than(const Step& step, const FrameState& state,
                                         std::vector<double>& out) const {
  const auto& x = state.values[step.of];
  for (std::size_t i = 0; i < atom_count_; ++i) {
    const double s_x = (*step.switching)(x[i]);
    out[i] = step.quantity->kind == K::more_than ? 1.0 - s_x : s_x;
  }
}

// 1 where the `of` value lies in [minimum, maximum], else 0.
void CvEngine::compute_threshold(const Step& step, const FrameState& state,
                                 std::vector<double>& out) const {
  const AtomQuantity& q = *step.quantity;
  const auto& x = state.values[step.of];
  for (std::size_t i = 0; i < atom_count_; ++i) {
    const bool above = !q.minimum || x[i] >= *q.minimum;
    const bool below = !q.maximum || x[i] <= *q.maximum;
    out[i] = above && below ? 1.0 : 0.0;
  }
}

// PLUMED's BETWEEN of the `of` values.
void CvEngine::compute_between(const Step& step, const FrameState& state,
                               std::vector<double>& out) const {
  const auto& x = state.values[step.of];
  for (std::size_t i = 0; i < atom_count_; ++i) out[i] = between(*step.quantity, x[i]);
}

// The step's expression over the quantities before it, atom by atom.
void CvEngine::compute_expression(const Step& step, const FrameState& state,
                                  std::vector<double>& out) const {
  for (std::size_t i = 0; i < atom_count_; ++i) {
    try {
      out[i] = step.expression->evaluate(i, state.values);
    } catch (const Error& e) {
      throw Error(fmt::format("atom '{}': {}", step.quantity->name, e.what()));
    }
  }
}

// Layer index of each atom of the group above the top of the surface.
void CvEngine::compute_layer(const Step& step, const FrameState& state,
                             std::vector<double>& out) const {
  assign_layers(*step.quantity, state.frame, groups_[step.surface], groups_[step.group], out);
}

// Switched weight of each atom of the group by its distance from the centre.
void CvEngine::compute_sphere(const Step& step, const FrameState& state,
                              std::vector<double>& out) const {
  const AtomQuantity& q = *step.quantity;
  Vec3d centre = q.centre.point;
  if (q.centre.box_centre) centre = state.cell.to_cartesian({0.5, 0.5, 0.5});
  if (q.centre.atom) {
    const auto& p = state.frame.positions[*q.centre.atom];
    centre = {p[0], p[1], p[2]};
  }
  const auto& atoms = groups_[step.group];
  const auto w = sphere_weights(state.cell, state.frame.positions, atoms, centre, *step.switching);
  for (std::size_t k = 0; k < atoms.size(); ++k) out[atoms[k]] = w[k];
}

// One column's value: its reduction, raised to its power; throws when not finite.
double CvEngine::reduce_column(const ColumnPlan& plan, FrameState& state,
                               std::vector<CrystalClusterSizes>* cluster_sizes) const {
  const Column& c = *plan.column;
  double value = c.reduce == Reduction::largest_cluster
                     ? reduce_largest_cluster(plan, state, cluster_sizes)
                     : reduce_sum_or_mean(plan, state);
  value = signed_power(value, c.power);
  if (!std::isfinite(value))
    throw Error(fmt::format("column '{}' is not finite ({})", c.name, value));
  return value;
}

// Sum (or weighted mean) over the group of the `of` values, each first passed
// through more_than / less_than when the column has one.
double CvEngine::reduce_sum_or_mean(const ColumnPlan& plan, const FrameState& state) const {
  const Column& c = *plan.column;
  const auto& x = state.values[plan.of];
  double total = 0.0;
  double weights = 0.0;
  for (std::uint32_t atom : groups_[plan.group]) {
    double term = x[atom];
    if (plan.more_than) term = 1.0 - (*plan.more_than)(term);
    if (plan.less_than) term = (*plan.less_than)(term);
    const double w = plan.weight >= 0 ? state.values[plan.weight][atom] : 1.0;
    total += w * term;
    weights += w;
  }
  if (c.reduce == Reduction::mean) {
    if (weights == 0.0)
      throw Error(
          fmt::format("column '{}': the weights of group '{}' sum to zero", c.name, c.group));
    total /= weights;
  }
  return total;
}

// Size of the largest cluster of group atoms with `of` > 0.5, or (with
// `count`) how many of its members have `count` > 0.5.
double CvEngine::reduce_largest_cluster(const ColumnPlan& plan, FrameState& state,
                                        std::vector<CrystalClusterSizes>* cluster_sizes) const {
  const Column& c = *plan.column;
  const auto& atoms = groups_[plan.group];
  const auto key = std::make_tuple(plan.of, plan.group, plan.links.query_group, c.links.cutoff);
  auto found = state.clusters.find(key);
  if (found == state.clusters.end()) {
    const auto& x = state.values[plan.of];
    std::vector<bool> selected(atom_count_, false);
    for (std::uint32_t atom : atoms) selected[atom] = x[atom] > 0.5;
    const auto& list = state.list_for(plan.links, c.links.cutoff, 0);
    found =
        state.clusters
            .emplace(key, find_crystal_clusters(list, groups_[plan.links.query_group], selected))
            .first;
  }
  const CrystalClusters& clusters = found->second;
  if (plan.count < 0) {
    if (cluster_sizes != nullptr) cluster_sizes->push_back({c.name, clusters.size_histogram()});
    return static_cast<double>(clusters.largest());
  }
  double value = 0.0;
  const auto& member = state.values[plan.count];
  for (std::uint32_t atom : atoms)
    value += clusters.id[atom] == 0 && member[atom] > 0.5 ? 1.0 : 0.0;
  return value;
}

}  // namespace nucleate::cv
