#pragma once
// CV columns of a time series, one row per frame: from a PLUMED COLVAR file
// (ours or PLUMED's; columns by name) or a NumPy .npy array (2-D, or 1-D as
// one column; columns by 0-based index, since .npy has no names). What state
// decompositions and GMRQ read.

#include <Eigen/Core>
#include <string>
#include <vector>

namespace nucleate::io {

/// Frames x columns, row-major (a frame is contiguous), as msm::Points.
using CvRows = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

/// Whether a path is read as .npy (by its extension).
bool is_npy_path(const std::string& path);

/// The chosen columns, in the order of `cvs`, unscaled. UsageError naming
/// the file for a CV it does not have; InputError for a bad file or a
/// non-finite value (file and frame).
CvRows read_cv_columns(const std::string& path, const std::vector<std::string>& cvs);

}  // namespace nucleate::io
