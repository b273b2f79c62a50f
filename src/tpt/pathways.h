#pragma once
// Decomposition of a net flux network into reaction pathways (Metzner,
// Schütte & Vanden-Eijnden 2009, section 6): repeatedly take the path of
// largest capacity (the widest path: its smallest edge flux, the
// bottleneck, is as large as possible), record it, subtract its capacity
// along its edges, until the recorded capacities explain the requested
// fraction of the total flux.
//
// The path chosen among those sharing a bottleneck is deeptime 0.4.5's
// (deeptime.markov.tools.flux pathways): A and B are joined by a super
// source and super sink (edges carrying each A state's outflow and each B
// state's inflow); the bottleneck edge (u, v) of the widest path is found,
// and the path is the widest path to u followed by the widest path from v,
// each found the same way on the edges whose flux exceeds the bottleneck's.
// As there, a path's recorded flux is its smallest edge including the
// super edges, the amount subtracted is its smallest edge between real
// states, and the super edges are never reduced. deeptime finds each
// bottleneck by bisection over all edges with a breadth-first search per
// step; here one widest-path (max-min Dijkstra) search per bottleneck stops
// as soon as the target is reached, so dominant paths cost little even on
// 10^5 states. Edges with exactly equal flux may resolve differently than
// in deeptime (whose order among them depends on numpy's unstable sort).

#include <cstdint>
#include <vector>

#include "msm/count_matrix.h"
#include "tpt/state_sets.h"

namespace nucleate::tpt {

struct Pathway {
  std::vector<std::int32_t> states;  ///< indices, from a source state to a sink state
  double flux = 0.0;                 ///< its capacity
};

struct PathwayDecomposition {
  std::vector<Pathway> pathways;
  double total_flux = 0.0;          ///< sum of the A states' net outflow
  double explained_fraction = 0.0;  ///< sum of the pathway fluxes / total_flux
  bool exhausted = false;           ///< stopped because no path was left below the fraction
};

struct PathwayOptions {
  double fraction = 1.0;  ///< stop once this fraction of the total flux is explained
  std::size_t max_pathways = 1000;
  double tolerance = 1e-14;  ///< on the explained fraction, as deeptime
};

/// UsageError for bad sets or a fraction outside (0, 1].
PathwayDecomposition decompose_pathways(const msm::SparseMatrix& net_flux,
                                        const Endpoints& endpoints,
                                        const PathwayOptions& options = {});

}  // namespace nucleate::tpt
