// The NaCl study's collective variables against PLUMED 2.9.5's own output for
// the same GROMACS trajectory: first built from nucleate's pieces, column by
// column, then as the nacl-finney2022 preset.
//
// Reference: tests/data/plumed-nacl/COLVAR_sol, printed (%.6f) by PLUMED 2.9.5
//   plumed driver --ixtc sol_prod_ions.xtc --length-units nm
// with the input tests/data/plumed-nacl/plumed_sol.dat (multicolvar syntax,
// after the study's PLUMED-NEST entry plumID:21.044), on sol_prod_ions.xtc
// (GROMACS 2022.5, 120 NaCl in SPC/E water, 261 frames). Copied from
// shared/reference/nacl-sol/ (see tests/data/plumed-nacl/README.md).
// Tolerance: 1e-4 relative, or 5e-6 absolute near zero (a few units of the
// last printed digit). ctests: validation.cv.plumed-nacl,
// validation.cv.plumed-nacl-preset.

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

#include "cv/coordination.h"
#include "cv/cv_engine.h"
#include "cv/presets.h"
#include "cv/steinhardt.h"
#include "io/colvar.h"
#include "io/formats.h"
#include "support/cv_results.h"
#include "support/test_data.h"

namespace nucleate::cv {
namespace {

using testing::data_path;

// COLVAR: "#! FIELDS time a b ..." then one row per frame.
std::vector<std::map<std::string, double>> read_colvar(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  std::vector<std::string> fields;
  std::vector<std::map<std::string, double>> rows;
  while (std::getline(in, line)) {
    std::istringstream words(line);
    if (line.rfind("#! FIELDS", 0) == 0) {
      std::string w;
      words >> w >> w;
      while (words >> w) fields.push_back(w);
    } else if (!line.empty() && line[0] != '#') {
      std::map<std::string, double> row;
      for (const auto& f : fields) words >> row[f];
      rows.push_back(std::move(row));
    }
  }
  return rows;
}

double sum(const std::vector<double>& v) {
  double s = 0;
  for (double x : v) s += x;
  return s;
}
double mean(const std::vector<double>& v) {
  return sum(v) / static_cast<double>(v.size());
}

TEST(NaclAgainstPlumed, CoordinationSphereAndSteinhardtColumnsEveryFrame) {
  const auto reference = read_colvar(data_path("plumed-nacl/COLVAR_sol"));
  ASSERT_EQ(reference.size(), 261U);
  auto reader = io::open_trajectory(data_path("plumed-nacl/sol_prod_ions.xtc"));
  const auto s = SwitchingFunction::parse("RATIONAL R_0=0.38 NN=6 MM=12 D_MAX=1.0");
  const auto five = SwitchingFunction::parse("RATIONAL R_0=5.0");
  const auto crystal = SwitchingFunction::parse("RATIONAL R_0=0.55");
  const auto sphere = SwitchingFunction::parse("TANH R_0=1.5");
  const auto filter_switch = SwitchingFunction::parse("GAUSSIAN R_0=0.55 D_MAX=0.56");
  std::vector<std::uint32_t> na(120);
  std::vector<std::uint32_t> cl(120);
  for (std::uint32_t i = 0; i < 120; ++i) {
    na[i] = i;
    cl[i] = 120 + i;
  }
  auto more_than = [](const SwitchingFunction& f, const std::vector<double>& v,
                      const std::vector<double>* weights = nullptr) {
    double total = 0;
    for (std::size_t i = 0; i < v.size(); ++i)
      total += (weights ? (*weights)[i] : 1.0) * (1.0 - f(v[i]));
    return total;
  };
  io::Frame frame;
  std::size_t f = 0;
  while (reader->read_next(frame)) {
    SCOPED_TRACE("frame " + std::to_string(f));
    const auto& ref = reference[f];
    auto expect = [&](const std::string& column, double ours) {
      // Relative 1e-4; absolute 5e-6 (a few units of the COLVAR's %.6f) for
      // values near zero, such as means of S_i that cancel.
      EXPECT_NEAR(ours, ref.at(column), std::max(1e-4 * std::abs(ref.at(column)), 5e-6)) << column;
    };
    const geom::PeriodicCell cell(frame.box);
    const auto na_cl = geom::neighbors_within(cell, frame.positions, na, cl, 1.0);
    const auto cl_na = geom::neighbors_within(cell, frame.positions, cl, na, 1.0);
    const auto cn_na = coordination_numbers(na_cl, na, s);
    const auto cn_cl = coordination_numbers(cl_na, cl, s);
    expect("cnna.mean", mean(cn_na));
    expect("cncl.mean", mean(cn_cl));
    expect("cnna.morethan", more_than(five, cn_na));
    expect("cncl.morethan", more_than(five, cn_cl));
    const double ncn = more_than(five, cn_na) + more_than(five, cn_cl);
    expect("ncn", ncn);
    expect("vcn3", std::cbrt(ncn));

    const auto& h = frame.box.vectors;
    const Vec3d centre = {(h[0][0] + h[1][0] + h[2][0]) / 2, (h[0][1] + h[1][1] + h[2][1]) / 2,
                          (h[0][2] + h[1][2] + h[2][2]) / 2};
    const auto w_na = sphere_weights(cell, frame.positions, na, centre, sphere);
    const auto w_cl = sphere_weights(cell, frame.positions, cl, centre, sphere);
    double sph_sum_na = 0;
    for (std::size_t i = 0; i < 120; ++i) sph_sum_na += w_na[i] * cn_na[i];
    expect("sphna.sum", sph_sum_na);
    expect("sphna.morethan", more_than(five, cn_na, &w_na));
    expect("ncns", more_than(five, cn_na, &w_na) + more_than(five, cn_cl, &w_cl));

    BondOrderVectors q6(6, frame.atom_count());
    SteinhardtOptions options;
    options.switching = &s;
    compute_bond_order(na_cl, na, options, q6);
    compute_bond_order(cl_na, cl, options, q6);
    std::vector<double> q6_na(120);
    std::vector<double> q6_cl(120);
    for (std::size_t i = 0; i < 120; ++i) {
      q6_na[i] = q6.magnitude(na[i], SteinhardtNormalisation::plumed);
      q6_cl[i] = q6.magnitude(cl[i], SteinhardtNormalisation::plumed);
    }
    expect("q6na.mean", mean(q6_na));
    expect("q6cl.mean", mean(q6_cl));

    // LOCAL_Q6 among the same species (the authors' construction) and
    // across species.
    const auto na_na = geom::neighbors_within(cell, frame.positions, na, na, 1.0);
    const auto cl_cl = geom::neighbors_within(cell, frame.positions, cl, cl, 1.0);
    const auto lq_na = local_bond_order(na_na, na, s, q6);
    const auto lq_cl = local_bond_order(cl_cl, cl, s, q6);
    expect("lq6na.mean", mean(lq_na));
    expect("lq6cl.mean", mean(lq_cl));
    expect("lq6na.morethan", more_than(crystal, lq_na));
    const auto xq_na = local_bond_order(na_cl, na, s, q6);
    const auto xq_cl = local_bond_order(cl_na, cl, s, q6);
    expect("xq6na.mean", mean(xq_na));
    expect("xq6cl.morethan", more_than(crystal, xq_cl));

    // n(q6): coordination among crystal-like ions, f = 1 - g(S).
    std::vector<double> filter(frame.atom_count(), 0.0);
    for (std::size_t i = 0; i < 120; ++i) {
      filter[na[i]] = 1.0 - filter_switch(xq_na[i]);
      filter[cl[i]] = 1.0 - filter_switch(xq_cl[i]);
    }
    const auto xqcn_na = coordination_numbers(na_cl, na, s, filter);
    const auto xqcn_cl = coordination_numbers(cl_na, cl, s, filter);
    expect("xqcnna.morethan", more_than(five, xqcn_na));
    expect("xnq6", more_than(five, xqcn_na) + more_than(five, xqcn_cl));
    ++f;
  }
  EXPECT_EQ(f, reference.size());
}

// The preset's five columns (tests/data/plumed-nacl/README.md maps them onto
// PLUMED's): n = vcn3, nq6 = nq6^(1/3), nsph = ncns^(1/3), nsphq6 = nq6s^(1/3),
// cn_mean = (cnna.mean + cncl.mean) / 2.
TEST(Presets, NaclFinney2022MatchesPlumedEveryFrame) {
  using testing::column_index;
  const io::ColvarTable plumed = io::read_colvar(data_path("plumed-nacl/COLVAR_sol"));
  const io::Topology topology = io::read_topology(data_path("plumed-nacl/sol_ions_ref.gro"));
  const CvEngine engine(load_preset("nacl-finney2022"), topology);
  const std::size_t n = column_index(engine, "n");
  const std::size_t nq6 = column_index(engine, "nq6");
  const std::size_t nsph = column_index(engine, "nsph");
  const std::size_t nsphq6 = column_index(engine, "nsphq6");
  const std::size_t cn_mean = column_index(engine, "cn_mean");

  auto reader = io::open_trajectory(data_path("plumed-nacl/sol_prod_ions.xtc"));
  io::Frame frame;
  std::size_t f = 0;
  // PLUMED printed %.6f: relative 1e-4, and a few units of the last digit
  // for values near zero.
  auto expect_near = [&](double ours, const std::string& column, double reference) {
    EXPECT_NEAR(ours, reference, std::max(1e-4 * std::abs(reference), 5e-6))
        << column << " frame " << f;
  };
  while (reader->read_next(frame)) {
    ASSERT_LT(f, plumed.rows());
    const auto values = engine.evaluate(frame);
    expect_near(values[n], "vcn3", plumed.column("vcn3")[f]);
    // Cubes, so that PLUMED's rounded zeros are compared where they were printed.
    expect_near(std::pow(values[nq6], 3), "nq6", plumed.column("nq6")[f]);
    expect_near(std::pow(values[nsph], 3), "ncns", plumed.column("ncns")[f]);
    expect_near(std::pow(values[nsphq6], 3), "nq6s", plumed.column("nq6s")[f]);
    expect_near(values[cn_mean], "cn mean",
                (plumed.column("cnna.mean")[f] + plumed.column("cncl.mean")[f]) / 2);
    ++f;
  }
  EXPECT_EQ(f, plumed.rows());
}

}  // namespace
}  // namespace nucleate::cv
