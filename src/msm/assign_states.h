#pragma once
// Assignment of points to given centres: each point gets the index of its
// nearest centre (Euclidean; the lowest index on equal distances, as
// deeptime's assign_chunk_to_centers). Used for the data a clustering was fit
// on, for frames a --stride skipped, and for new data against saved centres
// (one state decomposition reused across temperatures, as in study 2).
// Threaded over points with OpenMP; each point's answer depends on that point
// alone, so the labels are the same for any thread count.

#include "msm/points.h"

namespace nucleate::msm {

/// UsageError when the dimensions differ or there is no centre.
Labels assign_to_centers(const Points& data, const Points& centers);

}  // namespace nucleate::msm
