#include "tpt/pathways.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <queue>

#include "core/error.h"

namespace nucleate::tpt {
namespace {

constexpr int kNone = -1;

// The net flux graph with a super source and a super sink, edge fluxes
// mutable as pathways are removed, and scratch space for widest-path searches
// that is reset only where a search touched it.
class FluxGraph {
 public:
  FluxGraph(const msm::SparseMatrix& net, const Endpoints& endpoints)
      : states_(static_cast<int>(net.rows())),
        source_(states_),
        sink_(states_ + 1),
        out_(static_cast<std::size_t>(states_) + 2) {
    std::vector<double> inflow(static_cast<std::size_t>(states_), 0.0);
    std::vector<double> outflow(static_cast<std::size_t>(states_), 0.0);
    for (Eigen::Index i = 0; i < net.outerSize(); ++i) {
      for (msm::SparseMatrix::InnerIterator it(net, i); it; ++it) {
        if (it.value() <= 0.0) continue;
        add_edge(static_cast<int>(i), static_cast<int>(it.col()), it.value());
        outflow[static_cast<std::size_t>(i)] += it.value();
        inflow[static_cast<std::size_t>(it.col())] += it.value();
      }
    }
    for (int i = 0; i < states_; ++i) {
      const auto s = static_cast<std::size_t>(i);
      if (endpoints.in_source[s] && outflow[s] > 0.0) add_edge(source_, i, outflow[s]);
      if (endpoints.in_sink[s] && inflow[s] > 0.0) add_edge(i, sink_, inflow[s]);
    }
    width_.assign(out_.size(), -1.0);
    predecessor_.assign(out_.size(), kNone);
    settled_.assign(out_.size(), false);
  }

  [[nodiscard]] int source() const { return source_; }
  [[nodiscard]] int sink() const { return sink_; }

  [[nodiscard]] double source_outflow() const {
    double total = 0.0;
    for (int e : out_[static_cast<std::size_t>(source_)])
      total += edges_[static_cast<std::size_t>(e)].flux;
    return total;
  }

  // deeptime's dominant path from `from` to `to` among the allowed edges, as
  // edge indices; false when `to` cannot be reached.
  bool dominant_path(int from, int to, double threshold, int excluded, std::vector<int>& path) {
    const int critical = bottleneck(from, to, threshold, excluded);
    if (critical == kNone) return false;
    const Edge edge = edges_[static_cast<std::size_t>(critical)];
    if (edge.from != from && !dominant_path(from, edge.from, edge.flux, critical, path))
      return false;
    path.push_back(critical);
    return edge.to == to || dominant_path(edge.to, to, edge.flux, critical, path);
  }

  [[nodiscard]] double flux(int edge) const { return edges_[static_cast<std::size_t>(edge)].flux; }
  [[nodiscard]] int head(int edge) const { return edges_[static_cast<std::size_t>(edge)].to; }
  void reduce(int edge, double amount) { edges_[static_cast<std::size_t>(edge)].flux -= amount; }

 private:
  struct Edge {
    int from;
    int to;
    double flux;
  };

  void add_edge(int from, int to, double flux) {
    out_[static_cast<std::size_t>(from)].push_back(static_cast<int>(edges_.size()));
    edges_.push_back({from, to, flux});
  }

  // Above the parent's bottleneck, plus equal ones other than that edge
  // itself, so exact ties still leave a path.
  [[nodiscard]] bool allowed(int e, double threshold, int excluded) const {
    const double f = edges_[static_cast<std::size_t>(e)].flux;
    return f > threshold || (threshold > 0.0 && f == threshold && e != excluded);
  }

  // Max-min Dijkstra from `from`; returns the edge of the widest path to `to`
  // whose flux is the path's width (the bottleneck), the one nearest `to`.
  int bottleneck(int from, int to, double threshold, int excluded) {
    using Entry = std::pair<double, int>;
    std::priority_queue<Entry> queue;
    std::vector<int> touched{from};
    width_[static_cast<std::size_t>(from)] = std::numeric_limits<double>::infinity();
    queue.emplace(width_[static_cast<std::size_t>(from)], from);
    bool reached = false;
    while (!queue.empty()) {
      const auto [w, u] = queue.top();
      queue.pop();
      const auto su = static_cast<std::size_t>(u);
      if (settled_[su] || w < width_[su]) continue;
      settled_[su] = true;
      if (u == to) {
        reached = true;
        break;
      }
      for (int e : out_[su]) {
        if (!allowed(e, threshold, excluded)) continue;
        const auto v = static_cast<std::size_t>(edges_[static_cast<std::size_t>(e)].to);
        const double candidate = std::min(w, edges_[static_cast<std::size_t>(e)].flux);
        if (!settled_[v] && candidate > width_[v]) {
          if (width_[v] < 0.0) touched.push_back(static_cast<int>(v));
          width_[v] = candidate;
          predecessor_[v] = e;
          queue.emplace(candidate, static_cast<int>(v));
        }
      }
    }
    int critical = kNone;
    if (reached) {
      const double width = width_[static_cast<std::size_t>(to)];
      for (int node = to; node != from && critical == kNone;) {
        const int e = predecessor_[static_cast<std::size_t>(node)];
        if (edges_[static_cast<std::size_t>(e)].flux == width) critical = e;
        node = edges_[static_cast<std::size_t>(e)].from;
      }
    }
    for (int node : touched) {
      const auto s = static_cast<std::size_t>(node);
      width_[s] = -1.0;
      predecessor_[s] = kNone;
      settled_[s] = false;
    }
    return critical;
  }

  int states_;
  int source_;
  int sink_;
  std::vector<Edge> edges_;
  std::vector<std::vector<int>> out_;
  std::vector<double> width_;
  std::vector<int> predecessor_;
  std::vector<char> settled_;
};

}  // namespace

PathwayDecomposition decompose_pathways(const msm::SparseMatrix& net_flux,
                                        const Endpoints& endpoints, const PathwayOptions& options) {
  if (!(options.fraction > 0.0 && options.fraction <= 1.0)) {
    throw UsageError(fmt::format("the flux fraction must be in (0, 1], not {}", options.fraction));
  }
  const auto n = static_cast<std::size_t>(net_flux.rows());
  if (endpoints.in_source.size() != n || endpoints.in_sink.size() != n) {
    throw UsageError(
        fmt::format("the source and sink masks do not have the flux network's {} states", n));
  }
  FluxGraph graph(net_flux, endpoints);
  PathwayDecomposition result;
  result.total_flux = graph.source_outflow();
  if (!(result.total_flux > 0.0)) {
    result.exhausted = true;
    return result;
  }
  double explained = 0.0;
  std::vector<int> path;
  while (result.pathways.size() < options.max_pathways) {
    path.clear();
    if (!graph.dominant_path(graph.source(), graph.sink(), 0.0, kNone, path) || path.size() < 3) {
      result.exhausted = true;
      break;
    }
    Pathway found;
    found.flux = std::numeric_limits<double>::infinity();
    double inner_capacity = std::numeric_limits<double>::infinity();
    for (std::size_t k = 0; k < path.size(); ++k) {
      found.flux = std::min(found.flux, graph.flux(path[k]));
      if (k > 0 && k + 1 < path.size())
        inner_capacity = std::min(inner_capacity, graph.flux(path[k]));
      if (k + 1 < path.size()) found.states.push_back(graph.head(path[k]));
    }
    // As deeptime: the super edges are never reduced.
    for (std::size_t k = 1; k + 1 < path.size(); ++k) graph.reduce(path[k], inner_capacity);
    explained += found.flux;
    result.pathways.push_back(std::move(found));
    const double fraction = explained / result.total_flux;
    if (std::abs(fraction - options.fraction) <= options.tolerance || fraction >= options.fraction)
      break;
  }
  result.explained_fraction = explained / result.total_flux;
  return result;
}

}  // namespace nucleate::tpt
