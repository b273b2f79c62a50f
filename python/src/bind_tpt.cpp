// tpt layer: reactive flux of a model (the object the Python ReactiveFlux
// wraps), pathway decomposition, coarse-graining, TPT over Bayesian samples
// and the nucleation rate.

#include <pybind11/stl.h>

#include <string>
#include <vector>

#include "arrays.h"
#include "bindings.h"
#include "msm/bayesian_msm.h"
#include "msm/markov_model.h"
#include "tpt/coarse_grain.h"
#include "tpt/committor.h"
#include "tpt/nucleation_rate.h"
#include "tpt/pathways.h"
#include "tpt/reactive_flux.h"
#include "tpt/sampled_tpt.h"

namespace nucleate::python {
namespace {

using tpt::ReactiveFlux;

std::vector<std::int32_t> members(const std::vector<bool>& mask) {
  std::vector<std::int32_t> out;
  for (std::size_t i = 0; i < mask.size(); ++i)
    if (mask[i]) out.push_back(static_cast<std::int32_t>(i));
  return out;
}

// deeptime's ReactiveFlux.pathways: (paths, capacities).
py::tuple pathways(const ReactiveFlux& flux, double fraction, std::size_t maxiter) {
  tpt::PathwayOptions options;
  options.fraction = fraction;
  options.max_pathways = maxiter;
  tpt::PathwayDecomposition found;
  {
    py::gil_scoped_release unlocked;
    found = tpt::decompose_pathways(flux.net_flux, flux.endpoints, options);
  }
  py::list paths;
  py::list capacities;
  for (auto& p : found.pathways) {
    paths.append(to_numpy(std::move(p.states)));
    capacities.append(p.flux);
  }
  return py::make_tuple(paths, capacities);
}

// deeptime's ReactiveFlux.coarse_grain: (sets, coarse flux). The coarse
// flux is a ReactiveFlux like any other; its rate F / sum_I pi_I q-_I equals
// the fine one, as the coarse committors are pi-weighted means.
py::tuple coarse_grain(const ReactiveFlux& flux,
                       const std::vector<std::vector<std::int32_t>>& sets) {
  tpt::CoarseFlux coarse = tpt::coarse_grain(flux, sets);
  ReactiveFlux out = std::move(coarse.flux);
  py::list parts;
  for (auto& s : coarse.sets) parts.append(to_numpy(std::move(s)));
  return py::make_tuple(parts, out);
}

py::dict sample_tpt(const msm::BayesianTrajectoryModel& posterior,
                    const std::vector<std::int32_t>& source,
                    const std::vector<std::int32_t>& sink) {
  tpt::SampledTpt values;
  {
    py::gil_scoped_release unlocked;
    values = tpt::sample_tpt(posterior.model.samples, source, sink);
  }
  py::dict out;
  out["rate"] = to_numpy(std::move(values.rate));
  out["total_flux"] = to_numpy(std::move(values.total_flux));
  out["mfpt"] = to_numpy(std::move(values.mfpt));
  out["mfpt_reverse"] = to_numpy(std::move(values.mfpt_reverse));
  out["slowest_timescale"] = to_numpy(std::move(values.slowest_timescale));
  return out;
}

}  // namespace

void bind_tpt(py::module_& m) {
  py::class_<ReactiveFlux>(m, "ReactiveFluxData",
                           "TPT quantities (wrapped by nucleate.ReactiveFlux).")
      .def_property_readonly(
          "source_states",
          [](const ReactiveFlux& f) { return to_numpy(members(f.endpoints.in_source)); })
      .def_property_readonly(
          "target_states",
          [](const ReactiveFlux& f) { return to_numpy(members(f.endpoints.in_sink)); })
      .def_property_readonly(
          "stationary_distribution",
          [](const ReactiveFlux& f) { return to_numpy(Eigen::VectorXd(f.stationary)); })
      .def_property_readonly(
          "forward_committor",
          [](const ReactiveFlux& f) { return to_numpy(Eigen::VectorXd(f.forward_committor)); })
      .def_property_readonly(
          "backward_committor",
          [](const ReactiveFlux& f) { return to_numpy(Eigen::VectorXd(f.backward_committor)); })
      .def_property_readonly("gross_flux",
                             [](const ReactiveFlux& f) { return dense(f.gross_flux); })
      .def_property_readonly("net_flux", [](const ReactiveFlux& f) { return dense(f.net_flux); })
      .def_property_readonly("gross_flux_csr",
                             [](const ReactiveFlux& f) { return to_csr(f.gross_flux); })
      .def_property_readonly("net_flux_csr",
                             [](const ReactiveFlux& f) { return to_csr(f.net_flux); })
      .def_property_readonly("total_flux", [](const ReactiveFlux& f) { return f.total_flux; })
      .def_property_readonly("rate", [](const ReactiveFlux& f) { return f.rate; })
      .def("state_current",
           [](const ReactiveFlux& f) { return to_numpy(tpt::state_current(f.net_flux)); })
      .def(
          "fraction_through",
          [](const ReactiveFlux& f, const std::vector<std::int32_t>& region) {
            return tpt::flux_fraction_through(f,
                                              tpt::membership_mask(region, f.states(), "region"));
          },
          py::arg("region"))
      .def("pathways", &pathways, py::arg("fraction") = 1.0, py::arg("maxiter") = 1000)
      .def("coarse_grain", &coarse_grain, py::arg("sets"));
  m.def(
      "reactive_flux",
      [](const msm::MarkovModel& model, const std::vector<std::int32_t>& source,
         const std::vector<std::int32_t>& sink) {
        py::gil_scoped_release unlocked;
        return tpt::reactive_flux(model.transition_matrix, model.stationary_distribution, source,
                                  sink);
      },
      py::arg("model"), py::arg("source"), py::arg("sink"));
  m.def("sample_tpt", &sample_tpt, py::arg("posterior"), py::arg("source"), py::arg("sink"));
  m.def(
      "nucleation_rate",
      [](double time, double volume, const std::string& time_unit, const std::string& length_unit) {
        const tpt::RateUnits units = tpt::rate_units(time_unit, length_unit);
        return py::make_tuple(tpt::nucleation_rate(time, volume, units), units.label);
      },
      py::arg("time"), py::arg("volume"), py::arg("time_unit"), py::arg("length_unit"));
}

}  // namespace nucleate::python
