// Steinhardt bond-order parameters of perfect lattices (first neighbour shell,
// standard normalisation) against their literature values:
//
//   lattice (neighbours)  q4       q6       w4         w6
//   fcc (12)              0.19094  0.57452  -0.159317  -0.013161
//   hcp (12)              0.09722  0.48476
//   bcc (8)                        0.62854
//   sc (6)                0.76376  0.35355   0.159317   0.013161
//
// Sources, as these tests have cited them since written: Steinhardt, Nelson &
// Ronchetti, Phys. Rev. B 28, 784 (1983), table I (q and w of fcc, hcp, sc);
// Mickel et al., J. Chem. Phys. 138, 044501 (2013), table I (bcc over its 8
// nearest neighbours); Lechner & Dellago, J. Chem. Phys. 129, 114707 (2008)
// for hcp. The tables were not re-read when these tests moved here; instead
// steinhardt_lattices_scipy.py (next to this file) recomputes every value from
// the ideal bond directions with SciPy and SymPy and agrees to all quoted
// digits. Tolerance: 1e-5 for q, 1e-6 for w (the digits quoted).
// ctest: validation.cv.literature-steinhardt.

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <numbers>
#include <vector>

#include "cv/cv_config.h"
#include "cv/cv_engine.h"
#include "cv/steinhardt.h"
#include "cv/steinhardt_w.h"
#include "geom/neighbor_list.h"
#include "support/lattices.h"

namespace nucleate::cv {
namespace {

using testing::make_lattice;

std::vector<Vec3f> lattice(const std::vector<std::array<double, 3>>& basis, int n, double a) {
  return make_lattice(basis, {n, n, n}, {a, a, a}).positions;
}

double mean_q(const std::vector<Vec3f>& x, double box, std::size_t k, int l,
              SteinhardtNormalisation normalisation) {
  const geom::PeriodicCell cell(Box::orthorhombic(box, box, box));
  const auto all = geom::all_indices(x.size());
  const auto list = geom::nearest_neighbors(cell, x, all, all, k);
  BondOrderVectors q(l, x.size());
  SteinhardtOptions options;
  options.l = l;
  compute_bond_order(list, all, options, q);
  double sum = 0;
  for (std::size_t i = 0; i < x.size(); ++i) sum += q.magnitude(i, normalisation);
  return sum / static_cast<double>(x.size());
}

TEST(Steinhardt, PerfectLatticesGiveLiteratureValues) {
  const auto fcc = lattice({{0, 0, 0}, {0.5, 0.5, 0}, {0.5, 0, 0.5}, {0, 0.5, 0.5}}, 4, 1.0);
  const auto bcc = lattice({{0, 0, 0}, {0.5, 0.5, 0.5}}, 4, 1.0);
  const auto sc = lattice({{0, 0, 0}}, 5, 1.0);
  const auto standard = SteinhardtNormalisation::standard;
  EXPECT_NEAR(mean_q(fcc, 4.0, 12, 4, standard), 0.19094, 1e-5);
  EXPECT_NEAR(mean_q(fcc, 4.0, 12, 6, standard), 0.57452, 1e-5);
  EXPECT_NEAR(mean_q(bcc, 4.0, 8, 6, standard), 0.62854, 1e-5);
  EXPECT_NEAR(mean_q(sc, 5.0, 6, 4, standard), 0.76376, 1e-5);
  EXPECT_NEAR(mean_q(sc, 5.0, 6, 6, standard), 0.35355, 1e-5);
  // PLUMED's q6 lacks the sqrt(4 pi / 13) factor.
  EXPECT_NEAR(mean_q(fcc, 4.0, 12, 6, SteinhardtNormalisation::plumed),
              0.57452 * std::sqrt(13.0 / (4.0 * std::numbers::pi)), 1e-5);
}

double mean_w(const std::vector<Vec3f>& x, double box, std::size_t k, int l) {
  const geom::PeriodicCell cell(Box::orthorhombic(box, box, box));
  const auto all = geom::all_indices(x.size());
  BondOrderVectors q(l, x.size());
  SteinhardtOptions options;
  options.l = l;
  compute_bond_order(geom::nearest_neighbors(cell, x, all, all, k), all, options, q);
  double sum = 0;
  for (std::size_t i = 0; i < x.size(); ++i) sum += normalised_w(q, i);
  return sum / static_cast<double>(x.size());
}

// Normalised third-order invariants w^4, w^6 of fcc and of the simple-cubic
// octahedron.
TEST(Steinhardt, ThirdOrderInvariantsOfPerfectLattices) {
  const auto fcc = lattice({{0, 0, 0}, {0.5, 0.5, 0}, {0.5, 0, 0.5}, {0, 0.5, 0.5}}, 4, 1.0);
  const auto sc = lattice({{0, 0, 0}}, 5, 1.0);
  EXPECT_NEAR(mean_w(fcc, 4.0, 12, 4), -0.159317, 1e-6);
  EXPECT_NEAR(mean_w(fcc, 4.0, 12, 6), -0.013161, 1e-6);
  EXPECT_NEAR(mean_w(sc, 5.0, 6, 4), 0.159317, 1e-6);
  EXPECT_NEAR(mean_w(sc, 5.0, 6, 6), 0.013161, 1e-6);
}

// q4 and q6 over the 12 nearest neighbours, as a user's configuration file.
TEST(Lattices, HcpGivesLiteratureQ4Q6) {
  // Ideal hcp (c/a = sqrt(8/3)) in its orthorhombic cell a x a sqrt(3) x c,
  // through a CV configuration: q4 = 0.09722, q6 = 0.48476.
  const double a = 1.0;
  const auto hcp = make_lattice({{0, 0, 0}, {0.5, 0.5, 0}, {0, 1.0 / 3, 0.5}, {0.5, 5.0 / 6, 0.5}},
                                {6, 4, 4}, {a, a * std::sqrt(3.0), a * std::sqrt(8.0 / 3)});
  io::Frame frame;
  frame.has_box = true;
  frame.box = hcp.box;
  frame.positions = hcp.positions;
  const CvEngine engine(parse_cv_config(testing::kQ4Q6Nearest12, "q12.toml"),
                        testing::blank_topology(frame.atom_count()));
  const auto values = engine.evaluate(frame);
  EXPECT_NEAR(values[0], 0.09722, 1e-5);
  EXPECT_NEAR(values[1], 0.48476, 1e-5);
}

}  // namespace
}  // namespace nucleate::cv
