#pragma once
// The cluster-size distribution over many frames, as nucleation studies plot
// it (e.g. Finney & Salvalaglio 2022): from the clusters of every frame,
//   n(N)   = mean number of clusters of exactly N members per frame,
//   p(N)   = n(N) / sum_N n(N), the probability that a cluster has N members,
//   N p(N) which, normalised, is the share of clustered atoms in size-N clusters.
// Frames are added one at a time; the order does not change the result.

#include <cstddef>
#include <vector>

namespace nucleate::cv {

class CrystalClusterSizeDistribution {
 public:
  /// histogram[N] = number of clusters with N members in one frame.
  void add_frame(const std::vector<std::size_t>& histogram);

  [[nodiscard]] std::size_t frames() const { return frames_; }
  /// Sizes N = 1 .. the largest seen.
  [[nodiscard]] std::vector<std::size_t> sizes() const;
  [[nodiscard]] std::vector<double> mean_count_per_frame() const;
  [[nodiscard]] std::vector<double> probability() const;
  [[nodiscard]] std::vector<double> size_times_probability() const;

 private:
  std::size_t frames_ = 0;
  std::vector<std::size_t> totals_;  // by size, summed over frames
};

}  // namespace nucleate::cv
