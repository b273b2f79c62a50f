#include "io/cv_columns.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>

#include "core/error.h"
#include "io/colvar.h"
#include "io/npy.h"

namespace nucleate::io {
namespace {

CvRows from_npy(const std::string& path, const std::vector<std::string>& cvs) {
  const NpyDoubles array = read_npy_doubles(path);
  std::vector<std::size_t> columns;
  for (const std::string& cv : cvs) {
    std::size_t index = 0;
    const auto [end, error] = std::from_chars(cv.data(), cv.data() + cv.size(), index);
    if (error != std::errc() || end != cv.data() + cv.size()) {
      throw UsageError(
          fmt::format("{}: a .npy array has no column names: give the CVs as 0-based column "
                      "indices (e.g. 0,2), not '{}'",
                      path, cv));
    }
    if (index >= array.cols()) {
      throw UsageError(fmt::format("{}: no column {} (the array has {} column{}, shape {})", path,
                                   index, array.cols(), array.cols() == 1 ? "" : "s",
                                   array.header.shape.size() == 1
                                       ? fmt::format("({},)", array.rows())
                                       : fmt::format("({}, {})", array.rows(), array.cols())));
    }
    columns.push_back(index);
  }
  CvRows points(static_cast<Eigen::Index>(array.rows()), static_cast<Eigen::Index>(cvs.size()));
  for (std::uint64_t i = 0; i < array.rows(); ++i) {
    for (std::size_t c = 0; c < columns.size(); ++c) {
      const double v = array.values[i * array.cols() + columns[c]];
      if (!std::isfinite(v)) {
        throw InputError(
            {path, static_cast<std::int64_t>(i), {}, {}},
            fmt::format("column {} is {}: clustering needs finite values", columns[c], v));
      }
      points(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(c)) = v;
    }
  }
  return points;
}

CvRows from_colvar(const std::string& path, const std::vector<std::string>& cvs) {
  const ColvarTable table = read_colvar(path);  // refuses non-finite values itself
  CvRows points(static_cast<Eigen::Index>(table.rows()), static_cast<Eigen::Index>(cvs.size()));
  for (std::size_t c = 0; c < cvs.size(); ++c) {
    const std::vector<double>* column = nullptr;
    try {
      column = &table.column(cvs[c]);
    } catch (const UsageError& e) {
      throw UsageError(fmt::format("{}: {}", path, e.what()));
    }
    for (std::size_t i = 0; i < column->size(); ++i) {
      points(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(c)) = (*column)[i];
    }
  }
  return points;
}

}  // namespace

bool is_npy_path(const std::string& path) {
  return path.ends_with(".npy");
}

CvRows read_cv_columns(const std::string& path, const std::vector<std::string>& cvs) {
  return is_npy_path(path) ? from_npy(path, cvs) : from_colvar(path, cvs);
}

}  // namespace nucleate::io
