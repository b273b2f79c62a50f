#pragma once
// The CV columns `nucleate cluster` reads from each input: a PLUMED COLVAR
// file (ours or PLUMED's; columns by name) or a NumPy .npy array (2-D, or 1-D
// as one column; columns by 0-based index, since .npy has no names).

#include <string>
#include <vector>

#include "msm/clustering.h"

namespace nucleate::cli {

/// Whether a path is read as .npy (by its extension).
bool is_npy_path(const std::string& path);

/// The chosen columns, in the order of `cvs`, one row per frame, unscaled.
/// UsageError naming the file for a CV it does not have; InputError for a
/// bad file or a non-finite value (file and frame).
msm::Points read_cv_columns(const std::string& path, const std::vector<std::string>& cvs);

}  // namespace nucleate::cli
