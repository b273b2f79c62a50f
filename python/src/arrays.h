#pragma once
// Conversions between the library's containers and NumPy arrays. Results go
// out without a copy: the container is moved to the heap and a py::capsule
// owns it, so the array's memory is the vector's (or Eigen matrix's) own and
// is freed when the last NumPy view of it goes. Inputs come in through
// py::array_t with forcecast, which converts or copies only when the caller's
// array has another dtype or layout.

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <Eigen/Core>
#include <cstdint>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "msm/count_matrix.h"
#include "msm/points.h"

namespace nucleate::python {

namespace py = pybind11;

using DoubleArray = py::array_t<double, py::array::c_style | py::array::forcecast>;
using IntArray = py::array_t<std::int32_t, py::array::c_style | py::array::forcecast>;

/// Hands `owned` to NumPy as an array of `shape` (C order) over `data(owned)`.
template <class Container, class Data>
py::array owned_array(Container&& owned, std::vector<py::ssize_t> shape, Data data) {
  auto* heap = new Container(std::forward<Container>(owned));
  py::capsule owner(heap, [](void* p) { delete static_cast<Container*>(p); });
  using T = std::remove_pointer_t<decltype(data(*heap))>;
  return py::array_t<T>(std::move(shape), data(*heap), owner);
}

/// A vector as a 1-D array, or reshaped to `shape` (C order).
template <class T>
py::array to_numpy(std::vector<T>&& values, std::vector<py::ssize_t> shape = {}) {
  if (shape.empty()) shape = {static_cast<py::ssize_t>(values.size())};
  return owned_array(std::move(values), std::move(shape),
                     [](std::vector<T>& v) { return v.data(); });
}

inline py::array to_numpy(Eigen::VectorXd&& values) {
  const auto n = static_cast<py::ssize_t>(values.size());
  return owned_array(std::move(values), {n}, [](Eigen::VectorXd& v) { return v.data(); });
}

/// Row-major matrices (msm::Points) keep their layout.
inline py::array to_numpy(msm::Points&& points) {
  const std::vector<py::ssize_t> shape{points.rows(), points.cols()};
  return owned_array(std::move(points), shape, [](msm::Points& p) { return p.data(); });
}

/// Eigen's default column-major matrices are made row-major first (one copy
/// of a small matrix), so every array handed out is C-contiguous.
inline py::array to_numpy(const Eigen::MatrixXd& matrix) {
  return to_numpy(msm::Points(matrix));
}

/// The dense form of a sparse matrix (for the model sizes MSMs have; the CSR
/// form is `to_csr`).
inline py::array dense(const msm::SparseMatrix& matrix) {
  return to_numpy(msm::Points(Eigen::MatrixXd(matrix)));
}

/// (data, indices, indptr, shape) for scipy.sparse.csr_matrix.
py::tuple to_csr(const msm::SparseMatrix& matrix);

/// A 2-D float array as points (N x D); a 1-D array is one column.
msm::Points to_points(const DoubleArray& data, const char* what);

/// A square float array as a sparse matrix (zeros dropped).
msm::SparseMatrix to_sparse(const DoubleArray& matrix, const char* what);

/// A 1-D float array as an Eigen vector.
Eigen::VectorXd to_vector(const DoubleArray& values, const char* what);

/// A 1-D integer array as a discrete trajectory.
std::vector<std::int32_t> to_labels(const IntArray& labels, const char* what);

}  // namespace nucleate::python
