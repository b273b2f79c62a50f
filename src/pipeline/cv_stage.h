#pragma once
// The CV stage (`nucleate cv`, [cv] of a pipeline): trajectories in, PLUMED
// COLVAR files out (one per trajectory into a directory, or all into one
// file with a `traj` column), optionally every per-atom quantity as extended
// XYZ and the crystalline cluster-size distribution as JSON. The CVs are
// computed by cv/trajectory_cvs.h, streamed straight to the files.

#include <functional>
#include <string>
#include <vector>

#include "cv/trajectory_cvs.h"

namespace nucleate::pipeline {

struct CvFiles {
  std::vector<std::string> trajectories;
  /// One trajectory: the COLVAR file. Several: a directory (existing, or
  /// ending in '/') for one COLVAR each, <stem>.colvar; else one file with a
  /// `traj` column (0-based position in `trajectories`).
  std::string output;
  std::string per_atom;       ///< extended XYZ of every per-atom quantity ("" for none)
  std::string cluster_sizes;  ///< JSON of the cluster-size distributions ("" for none)
  /// Resuming (pipeline/cv_resume.h): the record of finished trajectories
  /// and the key they were computed under; "" for a run that starts afresh.
  /// Needs one COLVAR per trajectory and no per_atom or cluster_sizes
  /// (those gather every trajectory into one file).
  std::string resume_record;
  std::string resume_key;
};

struct CvTrajectoryResult {
  std::string trajectory;
  std::string colvar;
  std::size_t frames = 0;
};

struct CvResult {
  std::vector<CvTrajectoryResult> trajectories;
  std::size_t frames = 0;   ///< over all trajectories
  std::size_t resumed = 0;  ///< trajectories finished by an earlier, stopped run
};

/// `progress(trajectory, frames so far)`. On a bad frame the rows already
/// computed are kept (files closed) and the InputError says how many. With
/// a resume record, trajectories it lists as finished are not computed
/// again, each finished one is added to it, and it is removed at the end.
CvResult run_cv(const cv::CvOptions& options, const CvFiles& files,
                const std::function<void(const std::string&, std::size_t)>& progress = nullptr);

/// The COLVAR path of each trajectory for `output` (see CvFiles::output).
std::vector<std::string> colvar_outputs(const std::vector<std::string>& trajectories,
                                        const std::string& output);

}  // namespace nucleate::pipeline
