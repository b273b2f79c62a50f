// The stages as the command line and `nucleate run` call them, for Python:
// the option tables as classes (options.h), and each stage's library call
// with its result. Results that are files elsewhere (its.json, ck.json,
// gmrq.json, tpt.json) come back as the same JSON text, which the Python
// package turns into dicts, so a Python user gets exactly the numbers the
// files hold.

#include <pybind11/stl.h>

#include <optional>
#include <string>
#include <vector>

#include "arrays.h"
#include "bindings.h"
#include "core/error.h"
#include "core/version.h"
#include "cv/trajectory_cvs.h"
#include "fes/histogram.h"
#include "io/frame_averages.h"
#include "msm/bayesian_file.h"
#include "msm/ck_test.h"
#include "msm/frame_weights.h"
#include "msm/gmrq.h"
#include "msm/its_scan.h"
#include "msm/model_file.h"
#include "msm/pcca_file.h"
#include "msm/state_decomposition.h"
#include "options.h"
#include "tpt/tpt_analysis.h"
#include "tpt/tpt_file.h"

namespace nucleate::python {
namespace {

std::vector<msm::DiscreteTrajectory> to_trajectories(const std::vector<IntArray>& dtrajs) {
  std::vector<msm::DiscreteTrajectory> out;
  out.reserve(dtrajs.size());
  for (const auto& d : dtrajs) out.push_back(to_labels(d, "dtrajs"));
  return out;
}

std::vector<msm::Points> to_point_list(const std::vector<DoubleArray>& data) {
  std::vector<msm::Points> out;
  out.reserve(data.size());
  for (const auto& d : data) out.push_back(to_points(d, "data"));
  return out;
}

py::list to_arrays(std::vector<msm::Labels>&& labels) {
  py::list out;
  for (auto& l : labels) out.append(to_numpy(std::move(l)));
  return out;
}

void bind_option_tables(py::module_& m) {
  bind_options(m, "CvOptions", cv::cv_options());
  bind_options(m, "StateDecompositionOptions", msm::state_decomposition_options());
  bind_options(m, "MsmEstimateOptions", msm::msm_estimate_options());
  bind_options(m, "ItsOptions", msm::its_options());
  bind_options(m, "BayesianMsmOptions", msm::bayesian_msm_options());
  bind_options(m, "PccaOptions", msm::pcca_options());
  bind_options(m, "CkOptions", msm::ck_options());
  bind_options(m, "GmrqOptions", msm::gmrq_options());
  bind_options(m, "TptOptions", tpt::tpt_options());
}

void bind_states(py::module_& m) {
  using msm::StateDecomposition;
  py::class_<StateDecomposition>(m, "StateDecompositionData",
                                 "A fitted state decomposition (wrapped by "
                                 "nucleate.StateDecomposition).")
      .def_readonly("method", &StateDecomposition::method)
      .def_readonly("cvs", &StateDecomposition::cvs)
      .def_readonly("scale", &StateDecomposition::scale)
      .def_property_readonly(
          "centers", [](const StateDecomposition& d) { return to_numpy(msm::Points(d.centers)); })
      .def_property_readonly(
          "scaled_centers",
          [](const StateDecomposition& d) { return to_numpy(msm::Points(d.scaled_centers)); })
      .def_readonly("seed", &StateDecomposition::seed)
      .def_property_readonly("n_states", &StateDecomposition::states)
      .def("to_json",
           [](const StateDecomposition& d) { return msm::decomposition_json(d).dump(); });
  m.def(
      "fit_states",
      [](const std::vector<DoubleArray>& data, const msm::StateDecompositionOptions& options,
         const std::vector<std::string>& names) {
        const auto points = to_point_list(data);
        msm::FittedStates fitted;
        {
          py::gil_scoped_release unlocked;
          fitted = msm::fit_states(points, options, names);
        }
        return py::make_tuple(fitted.decomposition, fitted.fitted_frames, fitted.warnings);
      },
      py::arg("data"), py::arg("options"), py::arg("names"));
  m.def(
      "assign_states",
      [](const StateDecomposition& d, const std::vector<DoubleArray>& data,
         const std::vector<std::string>& names) {
        const auto points = to_point_list(data);
        std::vector<msm::Labels> labels;
        {
          py::gil_scoped_release unlocked;
          labels = msm::assign_states(d, points, names);
        }
        return to_arrays(std::move(labels));
      },
      py::arg("decomposition"), py::arg("data"), py::arg("names"));
  m.def("read_decomposition_file", &msm::read_decomposition_file, py::arg("path"));
  m.def(
      "states_in_region",
      [](const std::vector<std::string>& cvs, const DoubleArray& centers,
         const std::string& expression) {
        return to_numpy(
            msm::states_in_region(cvs, to_points(centers, "centers"), expression, "expression"));
      },
      py::arg("cvs"), py::arg("centers"), py::arg("expression"));
}

void bind_msm_stages(py::module_& m) {
  m.def(
      "read_model_file",
      [](const std::string& path) {
        msm::SavedModel saved = msm::read_model_file(path);
        return py::make_tuple(std::move(saved.model), saved.dt, saved.trajectories);
      },
      py::arg("path"), "(model, dt, trajectories) of an msm.json.");
  m.def(
      "connectivity_threshold",
      [](const std::string& text, const std::vector<IntArray>& dtrajs) {
        return msm::connectivity_threshold(text, to_trajectories(dtrajs));
      },
      py::arg("text"), py::arg("dtrajs"));
  m.def(
      "implied_timescales_scan",
      [](const std::vector<IntArray>& dtrajs, const msm::ItsOptions& options) {
        const auto trajectories = to_trajectories(dtrajs);
        py::gil_scoped_release unlocked;
        return msm::its_json(msm::implied_timescales_scan(trajectories, options), options).dump();
      },
      py::arg("dtrajs"), py::arg("options"));
  m.def(
      "chapman_kolmogorov",
      [](const std::vector<IntArray>& dtrajs, const msm::CkOptions& options,
         const std::vector<std::int32_t>& labels, const DoubleArray& memberships) {
        const auto trajectories = to_trajectories(dtrajs);
        const Eigen::MatrixXd chi = to_points(memberships, "memberships");
        py::gil_scoped_release unlocked;
        return msm::ck_json(msm::chapman_kolmogorov(trajectories, options, labels, chi), options)
            .dump();
      },
      py::arg("dtrajs"), py::arg("options"), py::arg("labels"), py::arg("memberships"));
  m.def(
      "gmrq_scan",
      [](const std::vector<DoubleArray>& data, const msm::GmrqOptions& options) {
        const auto points = to_point_list(data);
        py::gil_scoped_release unlocked;
        return msm::gmrq_json(msm::gmrq_state_count_scan(points, options), options).dump();
      },
      py::arg("data"), py::arg("options"));
  m.def(
      "frame_weights",
      [](const std::vector<IntArray>& dtrajs, const std::vector<std::int32_t>& active_set,
         const DoubleArray& stationary) {
        auto weights = msm::frame_weights(to_trajectories(dtrajs), active_set,
                                          to_vector(stationary, "stationary"));
        py::list out;
        for (auto& w : weights) out.append(to_numpy(std::move(w)));
        return out;
      },
      py::arg("dtrajs"), py::arg("active_set"), py::arg("stationary"));
}

void bind_tpt_stage(py::module_& m) {
  m.def(
      "resolve_endpoints",
      [](const msm::MarkovModel& model, const tpt::TptOptions& options,
         const msm::StateDecomposition* states,
         const std::optional<std::vector<std::vector<std::int32_t>>>& macrostates) {
        tpt::EndpointContext context;
        context.states = states;
        context.states_file = "the given states";
        context.macrostates = macrostates ? &*macrostates : nullptr;
        const auto ends = tpt::resolve_endpoints(model, options, context);
        return py::make_tuple(to_numpy(std::vector(ends.first.indices)),
                              to_numpy(std::vector(ends.second.indices)));
      },
      py::arg("model"), py::arg("options"), py::arg("states") = nullptr,
      py::arg("macrostates") = py::none());
  m.def(
      "analyse_tpt",
      [](const msm::MarkovModel& model, std::optional<double> dt, const tpt::TptOptions& options,
         const msm::StateDecomposition* states,
         const std::optional<std::vector<std::vector<std::int32_t>>>& macrostates,
         const std::optional<std::vector<IntArray>>& dtrajs, std::optional<double> volume) {
        msm::SavedModel saved{model, dt, {}, ""};
        std::vector<msm::DiscreteTrajectory> trajectories;
        if (dtrajs) trajectories = to_trajectories(*dtrajs);
        tpt::TptInputs inputs;
        inputs.endpoints.states = states;
        inputs.endpoints.states_file = "the given states";
        inputs.endpoints.macrostates = macrostates ? &*macrostates : nullptr;
        inputs.trajectories = dtrajs ? &trajectories : nullptr;
        inputs.volume = options.volume ? options.volume : volume;
        py::gil_scoped_release unlocked;
        return tpt::tpt_json(tpt::analyse_tpt(saved, options, inputs), {}).dump();
      },
      py::arg("model"), py::arg("dt"), py::arg("options"), py::arg("states") = nullptr,
      py::arg("macrostates") = py::none(), py::arg("dtrajs") = py::none(),
      py::arg("volume") = py::none());
  m.def(
      "mean_box_volume",
      [](const std::vector<std::string>& trajectories, const std::string& length_unit,
         const std::optional<std::vector<IntArray>>& dtrajs,
         const std::optional<std::vector<std::int32_t>>& states, std::size_t begin,
         std::size_t stride) {
        const io::LengthUnit unit = io::length_unit_named(length_unit);
        if (!dtrajs) {
          py::gil_scoped_release unlocked;
          return io::mean_box_volume(trajectories, unit);
        }
        if (!states) throw UsageError("mean_box_volume: give the states whose frames count");
        io::FramesInStates only;
        only.states = to_trajectories(*dtrajs);
        for (std::int32_t s : *states) {
          if (s < 0) throw UsageError(fmt::format("mean_box_volume: state {} is negative", s));
          if (only.wanted_label.size() <= static_cast<std::size_t>(s))
            only.wanted_label.resize(static_cast<std::size_t>(s) + 1, false);
          only.wanted_label[static_cast<std::size_t>(s)] = true;
        }
        only.begin = begin;
        only.stride = stride;
        py::gil_scoped_release unlocked;
        return io::mean_box_volume(trajectories, unit, &only);
      },
      py::arg("trajectories"), py::arg("length_unit"), py::arg("dtrajs") = py::none(),
      py::arg("states") = py::none(), py::arg("begin") = 0, py::arg("stride") = 1);
}

void bind_fes(py::module_& m) {
  m.def(
      "histogram_grid",
      [](const std::vector<std::vector<double>>& columns, const std::vector<double>& weights,
         std::size_t bins, double padding) {
        return fes::grid_around(columns, weights, fes::GridOptions{bins, padding}).edges;
      },
      py::arg("columns"), py::arg("weights"), py::arg("bins") = 0, py::arg("padding") = 0.02);
  m.def(
      "weighted_histogram",
      [](const std::vector<std::vector<double>>& edges,
         const std::vector<std::vector<double>>& columns, const std::vector<double>& weights) {
        return fes::weighted_histogram(fes::Grid{edges}, columns, weights);
      },
      py::arg("edges"), py::arg("columns"), py::arg("weights"));
  m.def("free_energy", &fes::free_energy, py::arg("histogram"));
  m.def(
      "binned_mean",
      [](const std::vector<std::vector<double>>& edges,
         const std::vector<std::vector<double>>& columns, const std::vector<double>& weights,
         const std::vector<double>& values) {
        return fes::binned_mean(fes::Grid{edges}, columns, weights, values);
      },
      py::arg("edges"), py::arg("columns"), py::arg("weights"), py::arg("values"));
}

}  // namespace

void bind_stages(py::module_& m) {
  m.attr("__version__") = std::string(version());
  bind_option_tables(m);
  bind_states(m);
  bind_msm_stages(m);
  bind_tpt_stage(m);
  bind_fes(m);
}

}  // namespace nucleate::python
