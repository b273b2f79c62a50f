// msm layer: clustering, MSM estimation (the model object the Python
// MarkovStateModel wraps), spectral analysis, MFPT, PCCA+, simulation and
// the Bayesian MSM.

#include <pybind11/complex.h>
#include <pybind11/stl.h>

#include <optional>
#include <string>
#include <vector>

#include "arrays.h"
#include "bindings.h"
#include "core/error.h"
#include "msm/assign_states.h"
#include "msm/bayesian_msm.h"
#include "msm/kcenters.h"
#include "msm/kmeans.h"
#include "msm/markov_model.h"
#include "msm/mfpt.h"
#include "msm/pcca.h"
#include "msm/regspace.h"
#include "msm/simulate.h"
#include "msm/spectral.h"

namespace nucleate::python {
namespace {

using msm::MarkovModel;

std::vector<msm::DiscreteTrajectory> to_trajectories(const std::vector<IntArray>& dtrajs) {
  std::vector<msm::DiscreteTrajectory> out;
  out.reserve(dtrajs.size());
  for (const auto& d : dtrajs) out.push_back(to_labels(d, "dtrajs"));
  return out;
}

// ---- clustering ----------------------------------------------------------

void bind_clustering(py::module_& m) {
  m.def(
      "regspace",
      [](const DoubleArray& data, double dmin, std::size_t max_centers) {
        const msm::Points points = to_points(data, "data");
        msm::RegularSpaceResult result;
        {
          py::gil_scoped_release unlocked;
          result = msm::regular_space(points, dmin, max_centers);
        }
        py::object reached = py::none();
        if (result.max_centers_reached_at) reached = py::int_(*result.max_centers_reached_at);
        return py::make_tuple(to_numpy(std::move(result.centers)), result.center_rows, reached);
      },
      py::arg("data"), py::arg("dmin"), py::arg("max_centers") = 1000);
  m.def(
      "kcenters",
      [](const DoubleArray& data, std::size_t k, std::uint64_t seed) {
        const msm::Points points = to_points(data, "data");
        msm::KCentersResult result;
        {
          py::gil_scoped_release unlocked;
          result = msm::k_centers(points, k, seed);
        }
        return py::make_tuple(to_numpy(std::move(result.centers)), result.center_rows,
                              result.radius);
      },
      py::arg("data"), py::arg("k"), py::arg("seed") = 0);
  m.def(
      "kmeans",
      [](const DoubleArray& data, std::size_t k, std::uint64_t seed, double tolerance,
         int max_iterations) {
        const msm::Points points = to_points(data, "data");
        msm::KMeansResult result;
        {
          py::gil_scoped_release unlocked;
          result = msm::k_means(points, msm::KMeansOptions{k, seed, tolerance, max_iterations});
        }
        py::dict out;
        out["centers"] = to_numpy(std::move(result.centers));
        out["inertia"] = result.inertia;
        out["inertias"] = to_numpy(std::move(result.inertias));
        out["iterations"] = result.iterations;
        out["converged"] = result.converged;
        out["empty_clusters"] = result.empty_clusters;
        return out;
      },
      py::arg("data"), py::arg("k"), py::arg("seed") = 0, py::arg("tolerance") = 1e-5,
      py::arg("max_iterations") = 500);
  m.def(
      "assign",
      [](const DoubleArray& data, const DoubleArray& centers) {
        const msm::Points points = to_points(data, "data");
        const msm::Points centres = to_points(centers, "centers");
        msm::Labels labels;
        {
          py::gil_scoped_release unlocked;
          labels = msm::assign_to_centers(points, centres);
        }
        return to_numpy(std::move(labels));
      },
      py::arg("data"), py::arg("centers"));
}

// ---- models --------------------------------------------------------------

MarkovModel estimate(const std::vector<IntArray>& dtrajs, std::size_t lag, bool reversible,
                     const std::string& count_mode, double connectivity_threshold, double maxerr,
                     std::size_t maxiter, const std::optional<DoubleArray>& stationary) {
  msm::EstimateOptions options;
  options.lag = lag;
  options.reversible = reversible;
  if (count_mode == "sliding")
    options.count_mode = msm::CountMode::sliding;
  else if (count_mode == "sample")
    options.count_mode = msm::CountMode::sample;
  else
    throw UsageError("count_mode must be 'sliding' or 'sample', not '" + count_mode + "'");
  if (lag == 0) throw UsageError("lagtime must be at least 1");
  options.connectivity_threshold = connectivity_threshold;
  options.tolerance = maxerr;
  options.max_iterations = maxiter;
  // The spectrum is computed on demand (eigenvalues(k)); two eigenvalues
  // keep estimation cheap for models with many states.
  options.timescales = 2;
  if (stationary) options.stationary = to_vector(*stationary, "stationary_distribution_constraint");
  const auto trajectories = to_trajectories(dtrajs);
  py::gil_scoped_release unlocked;
  return msm::estimate_markov_model(trajectories, options);
}

// A model given by its transition matrix, as deeptime's MarkovStateModel(T).
MarkovModel from_transition_matrix(const DoubleArray& matrix, std::size_t lag,
                                   const std::optional<DoubleArray>& stationary, bool reversible) {
  MarkovModel model;
  model.options.lag = lag;
  model.options.reversible = reversible;
  model.transition_matrix = to_sparse(matrix, "transition_matrix");
  const Eigen::VectorXd rows =
      model.transition_matrix * Eigen::VectorXd::Ones(model.transition_matrix.cols());
  if (!rows.isOnes(1e-8)) throw UsageError("transition_matrix: rows must sum to 1");
  model.stationary_distribution = stationary
                                      ? to_vector(*stationary, "stationary_distribution")
                                      : msm::stationary_distribution(model.transition_matrix);
  if (model.stationary_distribution.size() != model.transition_matrix.rows()) {
    throw UsageError("stationary_distribution: one entry per state is needed");
  }
  model.states_seen = static_cast<std::size_t>(model.transition_matrix.rows());
  for (std::int32_t i = 0; i < model.transition_matrix.rows(); ++i) model.active_set.push_back(i);
  return model;
}

// deeptime's full count matrix is indexed by label (largest label + 1
// rows); the library keeps it on the labels that occur (labels_seen).
py::array full_count_matrix(const MarkovModel& model) {
  if (model.labels_seen.empty()) return dense(model.full_counts);  // a model from a matrix
  const auto n = static_cast<Eigen::Index>(model.states_seen);
  msm::SparseMatrix by_label(n, n);
  std::vector<Eigen::Triplet<double>> entries;
  for (Eigen::Index i = 0; i < model.full_counts.outerSize(); ++i) {
    for (msm::SparseMatrix::InnerIterator it(model.full_counts, i); it; ++it) {
      entries.emplace_back(model.labels_seen[static_cast<std::size_t>(it.row())],
                           model.labels_seen[static_cast<std::size_t>(it.col())], it.value());
    }
  }
  by_label.setFromTriplets(entries.begin(), entries.end());
  return dense(by_label);
}

std::optional<Eigen::VectorXd> symmetriser(const MarkovModel& model) {
  if (!model.options.reversible) return std::nullopt;
  return model.stationary_distribution;
}

// NumPy float array when every eigenvalue is real (reversible models), else complex.
py::array eigenvalues(const MarkovModel& model, std::size_t count) {
  const msm::Spectrum spectrum =
      msm::eigenvalues(model.transition_matrix, count, symmetriser(model));
  bool real = true;
  for (const auto& lambda : spectrum.eigenvalues) real = real && lambda.imag() == 0.0;
  if (real) {
    std::vector<double> values;
    for (const auto& lambda : spectrum.eigenvalues) values.push_back(lambda.real());
    return to_numpy(std::move(values));
  }
  return to_numpy(std::vector<std::complex<double>>(spectrum.eigenvalues));
}

// Implied timescales in frames, with the library's warnings.
py::tuple timescales(const MarkovModel& model, std::size_t count) {
  const msm::Spectrum spectrum =
      msm::eigenvalues(model.transition_matrix, count == 0 ? 0 : count + 1, symmetriser(model));
  std::vector<std::string> warnings = spectrum.warnings;
  auto values = msm::implied_timescales(spectrum, static_cast<double>(model.options.lag), warnings);
  return py::make_tuple(to_numpy(std::move(values)), warnings);
}

py::dict pcca(const MarkovModel& model, std::size_t sets) {
  msm::Pcca result = msm::pcca(model.transition_matrix, model.stationary_distribution, sets);
  py::dict out;
  out["memberships"] = to_numpy(result.memberships);
  out["assignments"] = to_numpy(std::move(result.assignments));
  out["coarse_grained_transition_matrix"] = to_numpy(result.coarse_transition_matrix);
  out["coarse_grained_stationary_probability"] =
      to_numpy(std::move(result.coarse_stationary_distribution));
  out["converged"] = result.optimiser_converged;
  return out;
}

void bind_model(py::module_& m) {
  py::class_<MarkovModel>(m, "MarkovModel",
                          "An estimated MSM (wrapped by nucleate.MarkovStateModel).")
      .def_property_readonly("lag", [](const MarkovModel& s) { return s.options.lag; })
      .def_property_readonly("reversible",
                             [](const MarkovModel& s) { return s.options.reversible; })
      .def_property_readonly("n_states",
                             [](const MarkovModel& s) { return s.transition_matrix.rows(); })
      .def_property_readonly("states_seen", [](const MarkovModel& s) { return s.states_seen; })
      .def_property_readonly(
          "active_set", [](const MarkovModel& s) { return to_numpy(std::vector(s.active_set)); })
      .def_property_readonly(
          "dropped_states",
          [](const MarkovModel& s) { return to_numpy(std::vector(s.dropped.states)); })
      .def_property_readonly("dropped_frames",
                             [](const MarkovModel& s) { return s.dropped.frames; })
      .def_property_readonly("converged", [](const MarkovModel& s) { return s.converged; })
      .def_property_readonly("iterations", [](const MarkovModel& s) { return s.iterations; })
      .def_property_readonly("warnings", [](const MarkovModel& s) { return s.warnings; })
      .def_property_readonly("transition_matrix",
                             [](const MarkovModel& s) { return dense(s.transition_matrix); })
      .def_property_readonly("transition_matrix_csr",
                             [](const MarkovModel& s) { return to_csr(s.transition_matrix); })
      .def_property_readonly("count_matrix", [](const MarkovModel& s) { return dense(s.counts); })
      .def_property_readonly("count_matrix_full", &full_count_matrix)
      .def_property_readonly("has_counts", [](const MarkovModel& s) { return s.counts.rows() > 0; })
      .def_property_readonly(
          "stationary_distribution",
          [](const MarkovModel& s) { return to_numpy(Eigen::VectorXd(s.stationary_distribution)); })
      .def("eigenvalues", &eigenvalues, py::arg("count") = 0)
      .def("timescales", &timescales, py::arg("count") = 0)
      .def(
          "mfpt",
          [](const MarkovModel& s, const std::vector<std::int32_t>& source,
             const std::vector<std::int32_t>& target) {
            return static_cast<double>(s.options.lag) *
                   msm::mean_first_passage_time(s.transition_matrix, s.stationary_distribution,
                                                source, target);
          },
          py::arg("source"), py::arg("target"))
      .def(
          "mfpts_to",
          [](const MarkovModel& s, const std::vector<std::int32_t>& target) {
            Eigen::VectorXd steps = msm::mean_first_passage_times(s.transition_matrix, target);
            return to_numpy(Eigen::VectorXd(steps * static_cast<double>(s.options.lag)));
          },
          py::arg("target"))
      .def("pcca", &pcca, py::arg("n_sets"))
      .def(
          "simulate",
          [](const MarkovModel& s, std::size_t steps, std::int32_t start, std::uint64_t seed) {
            msm::DiscreteTrajectory path;
            {
              py::gil_scoped_release unlocked;
              path = msm::simulate(s.transition_matrix, start, steps, seed);
            }
            return to_numpy(std::move(path));
          },
          py::arg("n_steps"), py::arg("start"), py::arg("seed"));
  m.def("estimate_markov_model", &estimate, py::arg("dtrajs"), py::arg("lag"),
        py::arg("reversible") = true, py::arg("count_mode") = "sliding",
        py::arg("connectivity_threshold") = 0.0, py::arg("maxerr") = 1e-8,
        py::arg("maxiter") = 1000000, py::arg("stationary") = py::none());
  m.def("model_from_transition_matrix", &from_transition_matrix, py::arg("transition_matrix"),
        py::arg("lag") = 1, py::arg("stationary") = py::none(), py::arg("reversible") = true);
}

// ---- Bayesian MSM ----------------------------------------------------------

// A Bayesian sample (or the MLE that starts the chain) as a model on the
// posterior's active set.
MarkovModel sample_model(const msm::BayesianTrajectoryModel& posterior,
                         const msm::SparseMatrix& matrix, const Eigen::VectorXd& stationary) {
  MarkovModel model;
  model.options.lag = posterior.model.lag;
  model.states_seen = posterior.states_seen;
  model.active_set = posterior.active_set;
  model.dropped.states = posterior.dropped_states;
  model.dropped.frames = posterior.dropped_frames;
  model.counts = posterior.model.counts;
  model.transition_matrix = matrix;
  model.stationary_distribution = stationary;
  return model;
}

py::dict summary(msm::SampleSummary&& s) {
  py::dict out;
  std::vector<double> low;
  std::vector<double> high;
  for (const auto& interval : s.deeptime) {
    low.push_back(interval.lower);
    high.push_back(interval.upper);
  }
  out["mean"] = to_numpy(std::move(s.mean));
  out["std"] = to_numpy(std::move(s.std));
  out["lower"] = to_numpy(std::move(s.lower));
  out["upper"] = to_numpy(std::move(s.upper));
  out["deeptime_lower"] = to_numpy(std::move(low));
  out["deeptime_upper"] = to_numpy(std::move(high));
  return out;
}

void bind_bayesian(py::module_& m) {
  using Posterior = msm::BayesianTrajectoryModel;
  py::class_<Posterior>(m, "BayesianPosterior",
                        "Sampled reversible MSMs (wrapped by nucleate.BayesianMSM).")
      .def_property_readonly("n_samples", [](const Posterior& p) { return p.model.samples.size(); })
      .def_property_readonly("n_steps", [](const Posterior& p) { return p.model.n_steps; })
      .def_property_readonly("lag", [](const Posterior& p) { return p.model.lag; })
      .def_property_readonly("seed", [](const Posterior& p) { return p.model.seed; })
      .def_property_readonly("active_set",
                             [](const Posterior& p) { return to_numpy(std::vector(p.active_set)); })
      .def_property_readonly("count_matrix",
                             [](const Posterior& p) { return dense(p.model.counts); })
      .def_property_readonly("warnings", [](const Posterior& p) { return p.model.warnings; })
      .def_property_readonly("mle_converged",
                             [](const Posterior& p) { return p.model.mle_converged; })
      .def_property_readonly(
          "mle_timescales",
          [](const Posterior& p) { return to_numpy(std::vector(p.model.mle_timescales)); })
      .def("prior",
           [](const Posterior& p) {
             return sample_model(p, p.model.mle_transition_matrix,
                                 p.model.mle_stationary_distribution);
           })
      .def(
          "sample",
          [](const Posterior& p, std::size_t i) {
            if (i >= p.model.samples.size()) throw py::index_error("no such sample");
            const auto& s = p.model.samples[i];
            if (s.transition_matrix.rows() == 0)
              throw UsageError("the samples' transition matrices were not kept");
            return sample_model(p, s.transition_matrix, s.stationary_distribution);
          },
          py::arg("index"))
      .def("sample_timescales",
           [](const Posterior& p) {
             std::vector<double> flat;
             const std::size_t k =
                 p.model.samples.empty() ? 0 : p.model.samples.front().timescales.size();
             for (const auto& s : p.model.samples)
               flat.insert(flat.end(), s.timescales.begin(), s.timescales.end());
             return to_numpy(std::move(flat), {static_cast<py::ssize_t>(p.model.samples.size()),
                                               static_cast<py::ssize_t>(k)});
           })
      .def("timescales_summary",
           [](const Posterior& p) { return summary(msm::SampleSummary(p.model.timescales)); })
      .def("stationary_summary", [](const Posterior& p) {
        return summary(msm::SampleSummary(p.model.stationary_distribution));
      });
  m.def(
      "bayesian_msm",
      [](const std::vector<IntArray>& dtrajs, std::size_t lag, std::size_t samples,
         std::uint64_t seed, const std::string& count_mode, std::optional<std::size_t> steps,
         std::size_t timescales, double confidence, bool keep_matrices) {
        msm::BayesCountMode mode = msm::BayesCountMode::effective;
        if (count_mode == "sliding")
          mode = msm::BayesCountMode::sliding;
        else if (count_mode != "effective")
          throw UsageError("count_mode must be 'effective' or 'sliding', not '" + count_mode + "'");
        if (lag == 0) throw UsageError("lagtime must be at least 1");
        msm::BayesianOptions options;
        options.samples = samples;
        options.steps = steps;
        options.seed = seed;
        options.timescales = timescales;
        options.confidence = confidence;
        options.keep_transition_matrices = keep_matrices;
        const auto trajectories = to_trajectories(dtrajs);
        py::gil_scoped_release unlocked;
        return msm::estimate_bayesian_msm(trajectories, lag, mode, options);
      },
      py::arg("dtrajs"), py::arg("lag"), py::arg("n_samples") = 100, py::arg("seed") = 0,
      py::arg("count_mode") = "effective", py::arg("n_steps") = py::none(),
      py::arg("n_timescales") = 0, py::arg("confidence") = 0.95,
      py::arg("keep_transition_matrices") = true);
}

}  // namespace

void bind_msm(py::module_& m) {
  bind_clustering(m);
  bind_model(m);
  bind_bayesian(m);
}

}  // namespace nucleate::python
