#include "arrays.h"

#include <fmt/format.h>

#include "core/error.h"

namespace nucleate::python {

py::tuple to_csr(const msm::SparseMatrix& matrix) {
  msm::SparseMatrix compressed = matrix;
  compressed.makeCompressed();
  const auto nnz = static_cast<std::size_t>(compressed.nonZeros());
  const auto rows = static_cast<std::size_t>(compressed.rows());
  std::vector<double> data(compressed.valuePtr(), compressed.valuePtr() + nnz);
  std::vector<std::int32_t> indices(compressed.innerIndexPtr(), compressed.innerIndexPtr() + nnz);
  std::vector<std::int32_t> indptr(compressed.outerIndexPtr(),
                                   compressed.outerIndexPtr() + rows + 1);
  return py::make_tuple(to_numpy(std::move(data)), to_numpy(std::move(indices)),
                        to_numpy(std::move(indptr)),
                        py::make_tuple(compressed.rows(), compressed.cols()));
}

msm::Points to_points(const DoubleArray& data, const char* what) {
  if (data.ndim() == 1) {
    msm::Points points(data.shape(0), 1);
    std::copy(data.data(), data.data() + data.size(), points.data());
    return points;
  }
  if (data.ndim() != 2) {
    throw UsageError(fmt::format("{}: expected a 2-D array (frames x CVs), got {} dimensions", what,
                                 data.ndim()));
  }
  msm::Points points(data.shape(0), data.shape(1));
  std::copy(data.data(), data.data() + data.size(), points.data());
  return points;
}

msm::SparseMatrix to_sparse(const DoubleArray& matrix, const char* what) {
  if (matrix.ndim() != 2 || matrix.shape(0) != matrix.shape(1) || matrix.shape(0) == 0) {
    throw UsageError(fmt::format("{}: expected a non-empty square matrix", what));
  }
  const auto n = matrix.shape(0);
  const auto view = matrix.unchecked<2>();
  std::vector<Eigen::Triplet<double>> entries;
  for (py::ssize_t i = 0; i < n; ++i) {
    for (py::ssize_t j = 0; j < n; ++j) {
      if (view(i, j) != 0.0) {
        entries.emplace_back(static_cast<int>(i), static_cast<int>(j), view(i, j));
      }
    }
  }
  msm::SparseMatrix out(n, n);
  out.setFromTriplets(entries.begin(), entries.end());
  return out;
}

Eigen::VectorXd to_vector(const DoubleArray& values, const char* what) {
  if (values.ndim() != 1) throw UsageError(fmt::format("{}: expected a 1-D array", what));
  return Eigen::Map<const Eigen::VectorXd>(values.data(), values.shape(0));
}

std::vector<std::int32_t> to_labels(const IntArray& labels, const char* what) {
  if (labels.ndim() != 1) {
    throw UsageError(fmt::format("{}: expected a 1-D array of state labels, got {} dimensions",
                                 what, labels.ndim()));
  }
  return {labels.data(), labels.data() + labels.size()};
}

}  // namespace nucleate::python
