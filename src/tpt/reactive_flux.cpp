#include "tpt/reactive_flux.h"

#include <fmt/format.h>

#include "core/error.h"
#include "tpt/committor.h"
#include "tpt/hitting_probability.h"

namespace nucleate::tpt {
namespace {

msm::SparseMatrix from_triplets(Eigen::Index n,
                                const std::vector<Eigen::Triplet<double>>& entries) {
  msm::SparseMatrix m(n, n);
  m.setFromTriplets(entries.begin(), entries.end());
  m.makeCompressed();
  return m;
}

}  // namespace

msm::SparseMatrix gross_flux(const msm::SparseMatrix& transition_matrix,
                             const Eigen::VectorXd& stationary,
                             const Eigen::VectorXd& backward_committor,
                             const Eigen::VectorXd& forward_committor) {
  std::vector<Eigen::Triplet<double>> entries;
  for (Eigen::Index i = 0; i < transition_matrix.outerSize(); ++i) {
    const double weight = stationary[i] * backward_committor[i];
    if (weight == 0.0) continue;
    for (msm::SparseMatrix::InnerIterator it(transition_matrix, i); it; ++it) {
      const double f = weight * it.value() * forward_committor[it.col()];
      if (it.col() != i && f != 0.0)
        entries.emplace_back(static_cast<int>(i), static_cast<int>(it.col()), f);
    }
  }
  return from_triplets(transition_matrix.rows(), entries);
}

msm::SparseMatrix net_flux(const msm::SparseMatrix& gross) {
  const msm::SparseMatrix transposed = gross.transpose();
  const msm::SparseMatrix difference = gross - transposed;
  std::vector<Eigen::Triplet<double>> entries;
  for (Eigen::Index i = 0; i < difference.outerSize(); ++i) {
    for (msm::SparseMatrix::InnerIterator it(difference, i); it; ++it) {
      if (it.value() > 0.0)
        entries.emplace_back(static_cast<int>(i), static_cast<int>(it.col()), it.value());
    }
  }
  return from_triplets(gross.rows(), entries);
}

double total_flux(const msm::SparseMatrix& flux, const std::vector<bool>& in_source) {
  double total = 0.0;
  for (Eigen::Index i = 0; i < flux.outerSize(); ++i) {
    if (!in_source[static_cast<std::size_t>(i)]) continue;
    for (msm::SparseMatrix::InnerIterator it(flux, i); it; ++it) {
      if (!in_source[static_cast<std::size_t>(it.col())]) total += it.value();
    }
  }
  return total;
}

Eigen::VectorXd state_current(const msm::SparseMatrix& net) {
  Eigen::VectorXd current = Eigen::VectorXd::Zero(net.rows());
  for (Eigen::Index i = 0; i < net.outerSize(); ++i) {
    for (msm::SparseMatrix::InnerIterator it(net, i); it; ++it) {
      current[i] += 0.5 * it.value();
      current[it.col()] += 0.5 * it.value();
    }
  }
  return current;
}

ReactiveFlux reactive_flux(const msm::SparseMatrix& transition_matrix,
                           const Eigen::VectorXd& stationary,
                           const std::vector<std::int32_t>& source,
                           const std::vector<std::int32_t>& sink) {
  const auto n = static_cast<std::size_t>(transition_matrix.rows());
  if (transition_matrix.cols() != transition_matrix.rows() ||
      static_cast<std::size_t>(stationary.size()) != n) {
    throw UsageError(
        fmt::format("the transition matrix is {}x{} but the stationary distribution has {} entries",
                    transition_matrix.rows(), transition_matrix.cols(), stationary.size()));
  }
  ReactiveFlux r;
  r.endpoints = make_endpoints(source, sink, n);
  r.stationary = stationary;
  r.forward_committor = forward_committor(transition_matrix, r.endpoints);
  r.backward_committor = backward_committor(transition_matrix, stationary, r.endpoints);
  r.gross_flux =
      gross_flux(transition_matrix, stationary, r.backward_committor, r.forward_committor);
  r.net_flux = net_flux(r.gross_flux);
  r.total_flux = total_flux(r.net_flux, r.endpoints.in_source);
  const double reactive_weight = stationary.dot(r.backward_committor);
  r.rate = r.total_flux / reactive_weight;
  if (!(r.total_flux > 0.0))
    throw Error("no reactive flux from the source to the sink set: B is not reachable from A");
  return r;
}

double flux_fraction_through(const ReactiveFlux& flux, const std::vector<bool>& region) {
  const std::size_t n = flux.states();
  if (region.size() != n)
    throw UsageError(fmt::format("the region mask has {} states, the model {}", region.size(), n));
  // The conditioned chain without self-loops: row-normalised gross flux.
  msm::SparseMatrix jumps = flux.gross_flux;
  for (Eigen::Index i = 0; i < jumps.outerSize(); ++i) {
    double row = 0.0;
    for (msm::SparseMatrix::InnerIterator it(jumps, i); it; ++it) row += it.value();
    for (msm::SparseMatrix::InnerIterator it(jumps, i); it; ++it) it.valueRef() /= row;
  }
  std::vector<bool> avoid(n);
  for (std::size_t i = 0; i < n; ++i) avoid[i] = flux.endpoints.in_sink[i] && !region[i];
  const Eigen::VectorXd visit = hitting_probability(jumps, region, avoid);
  double through = 0.0;
  double total = 0.0;
  for (Eigen::Index i = 0; i < flux.gross_flux.outerSize(); ++i) {
    const auto a = static_cast<std::size_t>(i);
    if (!flux.endpoints.in_source[a]) continue;
    for (msm::SparseMatrix::InnerIterator it(flux.gross_flux, i); it; ++it) {
      if (flux.endpoints.in_source[static_cast<std::size_t>(it.col())]) continue;
      total += it.value();
      through += it.value() * (region[a] ? 1.0 : visit[it.col()]);
    }
  }
  return total > 0.0 ? through / total : 0.0;
}

}  // namespace nucleate::tpt
