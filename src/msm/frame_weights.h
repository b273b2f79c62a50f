#pragma once
// The equilibrium of an MSM projected back on the frames it was built from:
// each frame of state s weighs pi_s / N_s (the state's stationary probability
// shared by its N_s frames), so a histogram of CVs over weighted frames is
// the model's equilibrium distribution on those CVs (the FES of a report).
// Frames of states outside the active set, and unassigned frames (negative
// states), weigh 0.

#include <cstdint>
#include <vector>

#include "msm/markov_model.h"

namespace nucleate::msm {

/// One weight per frame of each trajectory, in order; they sum to 1 over
/// every frame of every trajectory when each active state has a frame.
std::vector<std::vector<double>> frame_weights(const std::vector<DiscreteTrajectory>& trajectories,
                                               const std::vector<std::int32_t>& active_set,
                                               const Eigen::VectorXd& stationary);

}  // namespace nucleate::msm
