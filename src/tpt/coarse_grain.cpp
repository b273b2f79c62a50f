#include "tpt/coarse_grain.h"

#include <fmt/format.h>

#include "core/error.h"

namespace nucleate::tpt {
namespace {

// The part (index into the coarse sets) of every state.
std::vector<std::int32_t> split_into_parts(const ReactiveFlux& flux,
                                           const std::vector<std::vector<std::int32_t>>& sets,
                                           CoarseFlux& coarse) {
  const std::size_t n = flux.states();
  std::vector<std::int32_t> given(n, -1);
  for (std::size_t k = 0; k < sets.size(); ++k) {
    if (sets[k].empty()) throw UsageError(fmt::format("coarse-graining set {} is empty", k));
    for (std::int32_t s : sets[k]) {
      if (s < 0 || static_cast<std::size_t>(s) >= n) {
        throw UsageError(fmt::format(
            "coarse-graining set {} holds state index {}, not one of the {} states", k, s, n));
      }
      if (given[static_cast<std::size_t>(s)] >= 0) {
        throw UsageError(fmt::format("state index {} is in coarse-graining sets {} and {}", s,
                                     given[static_cast<std::size_t>(s)], k));
      }
      given[static_cast<std::size_t>(s)] = static_cast<std::int32_t>(k);
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (given[i] < 0)
      throw UsageError(fmt::format("state index {} is in no coarse-graining set", i));
  }
  // Group 0: A, 1: intermediate, 2: B.
  auto group_of = [&](std::size_t i) {
    return flux.endpoints.in_source[i] ? 0 : flux.endpoints.in_sink[i] ? 2 : 1;
  };
  std::vector<std::int32_t> part(n, -1);
  for (int group = 0; group < 3; ++group) {
    for (std::size_t k = 0; k < sets.size(); ++k) {
      std::vector<std::int32_t> members;
      for (std::int32_t s : sets[k]) {
        if (group_of(static_cast<std::size_t>(s)) == group) members.push_back(s);
      }
      if (members.empty()) continue;
      const auto index = static_cast<std::int32_t>(coarse.sets.size());
      for (std::int32_t s : members) part[static_cast<std::size_t>(s)] = index;
      if (group == 0) coarse.source.push_back(index);
      if (group == 2) coarse.sink.push_back(index);
      coarse.sets.push_back(std::move(members));
      coarse.origin.push_back(k);
    }
  }
  return part;
}

}  // namespace

CoarseFlux coarse_grain(const ReactiveFlux& flux,
                        const std::vector<std::vector<std::int32_t>>& sets) {
  CoarseFlux coarse;
  const std::vector<std::int32_t> part = split_into_parts(flux, sets, coarse);
  const auto m = static_cast<Eigen::Index>(coarse.sets.size());
  ReactiveFlux& c = coarse.flux;
  c.endpoints = make_endpoints(coarse.source, coarse.sink, coarse.sets.size());
  c.stationary = Eigen::VectorXd::Zero(m);
  c.forward_committor = Eigen::VectorXd::Zero(m);
  c.backward_committor = Eigen::VectorXd::Zero(m);
  for (std::size_t i = 0; i < part.size(); ++i) {
    const auto p = static_cast<Eigen::Index>(i);
    c.stationary[part[i]] += flux.stationary[p];
    c.forward_committor[part[i]] += flux.stationary[p] * flux.forward_committor[p];
    c.backward_committor[part[i]] += flux.stationary[p] * flux.backward_committor[p];
  }
  c.forward_committor.array() /= c.stationary.array();
  c.backward_committor.array() /= c.stationary.array();

  Eigen::MatrixXd summed = Eigen::MatrixXd::Zero(m, m);
  for (Eigen::Index i = 0; i < flux.gross_flux.outerSize(); ++i) {
    for (msm::SparseMatrix::InnerIterator it(flux.gross_flux, i); it; ++it) {
      const std::int32_t from = part[static_cast<std::size_t>(i)];
      const std::int32_t to = part[static_cast<std::size_t>(it.col())];
      if (from != to) summed(from, to) += it.value();
    }
  }
  c.gross_flux = summed.sparseView();
  c.net_flux = net_flux(c.gross_flux);
  c.total_flux = total_flux(c.net_flux, c.endpoints.in_source);
  c.rate = c.total_flux / c.stationary.dot(c.backward_committor);
  return coarse;
}

}  // namespace nucleate::tpt
