// Spherical harmonics and Wigner 3j symbols against closed forms, bond-order
// averages on perfect and random structures, and the symmetric neighbour list
// against the general one. The literature values of q_l and w_l on perfect
// lattices are in tests/validation/cv/test_steinhardt_literature.cpp.

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <numbers>
#include <random>

#include "cv/bond_order_averages.h"
#include "cv/coordination.h"
#include "cv/spherical_harmonics.h"
#include "cv/steinhardt.h"
#include "cv/steinhardt_w.h"
#include "support/lattices.h"

namespace nucleate::cv {
namespace {

std::vector<Vec3f> lattice(const std::vector<std::array<double, 3>>& basis, int n, double a) {
  return testing::make_lattice(basis, {n, n, n}, {a, a, a}).positions;
}

TEST(Steinhardt, WignerThreeJClosedForms) {
  // (j j 0; m -m 0) = (-1)^(j-m) / sqrt(2j+1); (2 2 2; 0 0 0) = -sqrt(2/35).
  EXPECT_NEAR(wigner_3j(1, 1, 0, 1, -1, 0), 1 / std::sqrt(3.0), 1e-14);
  EXPECT_NEAR(wigner_3j(3, 3, 0, 1, -1, 0), 1 / std::sqrt(7.0), 1e-14);
  EXPECT_NEAR(wigner_3j(2, 2, 2, 0, 0, 0), -std::sqrt(2.0 / 35.0), 1e-14);
  EXPECT_EQ(wigner_3j(2, 2, 2, 1, 1, 1), 0.0);  // m's do not sum to zero
  EXPECT_EQ(wigner_3j(1, 1, 3, 0, 0, 0), 0.0);  // triangle rule
  // Orthogonality: sum over m1 (m2 = -m3 - m1) of (6 6 6; m1 m2 m3)^2 is
  // 1 / 13 for each m3; here m3 = 2.
  double sum = 0;
  for (int m1 = -6; m1 <= 6; ++m1) {
    const double w = wigner_3j(6, 6, 6, m1, -2 - m1, 2);
    sum += w * w;
  }
  EXPECT_NEAR(sum, 1.0 / 13.0, 1e-12);
}

TEST(SphericalHarmonics, KnownLowOrderValues) {
  // Y_10 = sqrt(3/4pi) cos(theta); |Y_11| = sqrt(3/8pi) sin(theta);
  // Y_20 = sqrt(5/16pi) (3 cos^2 - 1).
  std::vector<std::complex<double>> y1(2);
  SphericalHarmonics(1).evaluate(1.0, 0.0, 1.0, y1);
  const double c = 1.0 / std::sqrt(2.0);
  EXPECT_NEAR(y1[0].real(), std::sqrt(3.0 / (4 * std::numbers::pi)) * c, 1e-14);
  EXPECT_NEAR(std::abs(y1[1]), std::sqrt(3.0 / (8 * std::numbers::pi)) * c, 1e-14);
  std::vector<std::complex<double>> y2(3);
  SphericalHarmonics(2).evaluate(0.3, -0.4, 0.5, y2);
  const double cz = 0.5 / std::sqrt(0.5);
  EXPECT_NEAR(y2[0].real(), std::sqrt(5.0 / (16 * std::numbers::pi)) * (3 * cz * cz - 1), 1e-14);
  // Unsoeld: sum_m |Y_lm|^2 = (2l+1)/(4 pi) for every direction, every
  // degree (each has its own compiled polynomials), including directions
  // next to the poles, where the polynomials in cos(theta) cancel most.
  const std::array<std::array<double, 3>, 4> directions = {
      {{0.2, 0.7, -0.1}, {1e-4, -2e-4, 1.0}, {3e-3, 1e-3, -0.7}, {0.6, -0.8, 0.0}}};
  for (int l = 0; l <= kMaxHarmonicDegree; ++l) {
    std::vector<std::complex<double>> y(l + 1);
    for (const auto& d : directions) {
      SphericalHarmonics(l).evaluate(d[0], d[1], d[2], y);
      double sum = std::norm(y[0]);
      for (int m = 1; m <= l; ++m) sum += 2 * std::norm(y[m]);
      EXPECT_NEAR(sum, (2 * l + 1) / (4 * std::numbers::pi), 1e-12) << l;
    }
  }
}

}  // namespace
}  // namespace nucleate::cv

namespace nucleate::cv {
namespace {

TEST(BondOrderAverages, PerfectCrystalIsAllSolidAndAveragesAreUnchanged) {
  // In a perfect lattice every atom has the same q_lm, so q̄ = q, every
  // normalised bond dot product is 1 and all 12 fcc bonds are solid.
  const auto fcc = lattice({{0, 0, 0}, {0.5, 0.5, 0}, {0.5, 0, 0.5}, {0, 0.5, 0.5}}, 4, 1.0);
  const geom::PeriodicCell cell(Box::orthorhombic(4, 4, 4));
  const auto all = geom::all_indices(fcc.size());
  const auto list = geom::nearest_neighbors(cell, fcc, all, all, 12);
  BondOrderVectors q(6, fcc.size());
  compute_bond_order(list, all, SteinhardtOptions{}, q);
  BondOrderVectors averaged(6, fcc.size());
  average_bond_order(list, all, q, averaged);
  for (std::size_t i = 0; i < fcc.size(); i += 17) {
    EXPECT_NEAR(averaged.magnitude(i, SteinhardtNormalisation::standard), 0.57452, 1e-5);
    EXPECT_NEAR(normalised_bond_dot(q, i, list.indices[list.offsets[i]]), 1.0, 1e-12);
  }
  for (std::size_t bonds : count_solid_bonds(list, all, q, 0.5)) EXPECT_EQ(bonds, 12U);
}

TEST(BondOrderAverages, RandomGasHasFewSolidBondsAndSmallerAverages) {
  // An ideal gas: averaging over neighbours shrinks q6 (Lechner & Dellago's
  // point), and d_ij is rarely above 0.5.
  std::mt19937 rng(3);
  std::uniform_real_distribution<float> u(0.0F, 6.0F);
  std::vector<Vec3f> x(800);
  for (auto& p : x) p = {u(rng), u(rng), u(rng)};
  const geom::PeriodicCell cell(Box::orthorhombic(6, 6, 6));
  const auto all = geom::all_indices(x.size());
  const auto list = geom::nearest_neighbors(cell, x, all, all, 12);
  BondOrderVectors q(6, x.size());
  compute_bond_order(list, all, SteinhardtOptions{}, q);
  BondOrderVectors averaged(6, x.size());
  average_bond_order(list, all, q, averaged);
  double q_mean = 0;
  double qbar_mean = 0;
  std::size_t solid = 0;
  const auto bonds = count_solid_bonds(list, all, q, 0.5);
  for (std::size_t i = 0; i < x.size(); ++i) {
    q_mean += q.magnitude(i, SteinhardtNormalisation::standard) / x.size();
    qbar_mean += averaged.magnitude(i, SteinhardtNormalisation::standard) / x.size();
    solid += bonds[i] >= 7 ? 1 : 0;
  }
  EXPECT_LT(qbar_mean, 0.6 * q_mean);
  EXPECT_LT(solid, x.size() / 50);
}

// A group around itself gives a symmetric list, on which each bond's
// harmonics, dot product and weight are computed once for both ends (with
// the sign (-1)^l for the reversed bond). The same neighbours given as two
// index lists take the general path, row by row. Both must agree, for even
// and odd l, weighted and not.
TEST(Steinhardt, SymmetricListGivesTheSameValuesAsTheGeneralOne) {
  std::mt19937 rng(3);
  std::uniform_real_distribution<double> u(0.0, 6.0);
  std::vector<Vec3f> x(400);
  for (auto& p : x)
    p = {static_cast<float>(u(rng)), static_cast<float>(u(rng)), static_cast<float>(u(rng))};
  const geom::PeriodicCell cell(Box::orthorhombic(6.0, 6.0, 6.0));
  const auto all = geom::all_indices(x.size());
  const std::vector<std::uint32_t> reversed(all.rbegin(), all.rend());
  const auto symmetric = geom::neighbors_within(cell, x, all, all, 1.3);
  const auto general = geom::neighbors_within(cell, x, all, reversed, 1.3);
  ASSERT_TRUE(symmetric.symmetric);
  ASSERT_FALSE(general.symmetric);
  const auto switching = SwitchingFunction::parse("RATIONAL R_0=1.0 NN=6 MM=12 D_MAX=1.3");
  for (int l : {5, 6}) {
    for (const SwitchingFunction* s :
         {static_cast<const SwitchingFunction*>(nullptr), &switching}) {
      SCOPED_TRACE("l " + std::to_string(l) + (s != nullptr ? ", switched" : ""));
      SteinhardtOptions options;
      options.l = l;
      options.switching = s;
      options.min_neighbors = 3;
      BondOrderVectors a(l, x.size());
      BondOrderVectors b(l, x.size());
      compute_bond_order(symmetric, all, options, a);
      compute_bond_order(general, all, options, b);
      for (std::size_t i = 0; i < x.size(); ++i) {
        for (int m = 0; m <= l; ++m) {
          EXPECT_NEAR(a.row(i)[m].real(), b.row(i)[m].real(), 1e-12);
          EXPECT_NEAR(a.row(i)[m].imag(), b.row(i)[m].imag(), 1e-12);
        }
      }
      EXPECT_EQ(count_solid_bonds(symmetric, all, a, 0.3), count_solid_bonds(general, all, b, 0.3));
      const auto sa = local_bond_order(symmetric, all, switching, a);
      const auto sb = local_bond_order(general, all, switching, b);
      for (std::size_t i = 0; i < x.size(); ++i) EXPECT_NEAR(sa[i], sb[i], 1e-12);
    }
  }
}

}  // namespace
}  // namespace nucleate::cv
