#pragma once
// Steinhardt bond-order vectors and what is built from them.
//
//   q_lm(i) = sum_j w_ij Y_lm(r_ij) / sum_j w_ij
// with w_ij = s(r_ij) (PLUMED Q6: SWITCH-weighted over a cutoff) or w_ij = 1
// over the listed neighbours (LAMMPS compute orientorder/atom: the nnn
// nearest, or all within a cutoff).
//
// Two normalisations of q_l are in use and users compare against both:
//   plumed:   q_l = sqrt(sum_m |q_lm|^2)                   (PLUMED Q4, Q6)
//   standard: q_l = sqrt(4 pi/(2l+1) sum_m |q_lm|^2)       (Steinhardt 1983,
//             LAMMPS, freud, pyscal); plumed = 1.0171 x standard for l = 6.
// Rows are indexed by atom (the frame's numbering); atoms that were not
// queried have zero rows.

#include <complex>
#include <span>
#include <vector>

#include "cv/switching_function.h"
#include "geom/neighbor_list.h"

namespace nucleate::cv {

enum class SteinhardtNormalisation { plumed, standard };

struct SteinhardtOptions {
  int l = 6;
  /// Bond weight s(r); nullptr weights every listed neighbour by 1.
  const SwitchingFunction* switching = nullptr;
  /// Atoms with fewer neighbours get q_lm = 0 (LAMMPS orientorder/atom with
  /// nnn set: it zeroes atoms that lack nnn neighbours).
  std::size_t min_neighbors = 0;
};

/// q_lm for m = 0..l per atom; negative m follow from q_l,-m = (-1)^m conj(q_lm).
class BondOrderVectors {
 public:
  BondOrderVectors(int l, std::size_t atoms)
      : l_(l), atoms_(atoms), q_(atoms * static_cast<std::size_t>(l + 1)) {}
  [[nodiscard]] int degree() const { return l_; }
  [[nodiscard]] std::size_t atom_count() const { return atoms_; }
  [[nodiscard]] std::span<std::complex<double>> row(std::size_t atom) {
    return {q_.data() + atom * (l_ + 1), static_cast<std::size_t>(l_ + 1)};
  }
  [[nodiscard]] std::span<const std::complex<double>> row(std::size_t atom) const {
    return {q_.data() + atom * (l_ + 1), static_cast<std::size_t>(l_ + 1)};
  }
  /// sum over m = -l..l of q_lm(a) conj(q_lm(b)), which is real.
  [[nodiscard]] double dot(std::size_t a, std::size_t b) const;
  /// q_l of one atom in the given normalisation.
  [[nodiscard]] double magnitude(std::size_t atom, SteinhardtNormalisation normalisation) const;

 private:
  int l_;
  std::size_t atoms_;
  std::vector<std::complex<double>> q_;
};

/// Each atom's q_lm / |q_l| laid out so that the normalised bond dot
/// product Re sum_{m=-l..l} qhat_lm(i) qhat_lm(j)* (ten Wolde–Frenkel bonds,
/// LOCAL_Q6) is a plain dot product of 2(l+1) reals: Re and Im of m = 0..l,
/// those of m > 0 scaled by sqrt(2) since m and -m contribute alike. It runs
/// once per bond, so the complex arithmetic and norms are done here, once per
/// atom. Atoms with q = 0 have zero rows and `is_zero`.
class UnitBondOrder {
 public:
  explicit UnitBondOrder(const BondOrderVectors& q);
  [[nodiscard]] bool is_zero(std::size_t atom) const { return zero_[atom] != 0; }
  [[nodiscard]] double dot(std::size_t a, std::size_t b) const {
    const double* u = values_.data() + a * width_;
    const double* v = values_.data() + b * width_;
    double sum = 0.0;
    for (std::size_t k = 0; k < width_; ++k) sum += u[k] * v[k];
    return sum;
  }

 private:
  std::size_t width_;
  std::vector<double> values_;
  std::vector<char> zero_;
};

/// Fills the rows of `queries` (the list's query atoms, in list order) in
/// `out` from the neighbours in `list`.
void compute_bond_order(const geom::NeighborList& list, std::span<const std::uint32_t> queries,
                        const SteinhardtOptions& options, BondOrderVectors& out);

}  // namespace nucleate::cv
