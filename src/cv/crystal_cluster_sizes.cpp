#include "cv/crystal_cluster_sizes.h"

#include <numeric>

namespace nucleate::cv {

void CrystalClusterSizeDistribution::add_frame(const std::vector<std::size_t>& histogram) {
  if (histogram.size() > totals_.size()) totals_.resize(histogram.size(), 0);
  for (std::size_t n = 0; n < histogram.size(); ++n) totals_[n] += histogram[n];
  ++frames_;
}

std::vector<std::size_t> CrystalClusterSizeDistribution::sizes() const {
  std::vector<std::size_t> out;
  for (std::size_t n = 1; n < totals_.size(); ++n) out.push_back(n);
  return out;
}

std::vector<double> CrystalClusterSizeDistribution::mean_count_per_frame() const {
  std::vector<double> out;
  for (std::size_t n = 1; n < totals_.size(); ++n)
    out.push_back(frames_ == 0 ? 0.0
                               : static_cast<double>(totals_[n]) / static_cast<double>(frames_));
  return out;
}

std::vector<double> CrystalClusterSizeDistribution::probability() const {
  const std::size_t clusters =
      totals_.empty() ? 0 : std::accumulate(totals_.begin() + 1, totals_.end(), std::size_t{0});
  std::vector<double> out;
  for (std::size_t n = 1; n < totals_.size(); ++n)
    out.push_back(clusters == 0 ? 0.0
                                : static_cast<double>(totals_[n]) / static_cast<double>(clusters));
  return out;
}

std::vector<double> CrystalClusterSizeDistribution::size_times_probability() const {
  std::vector<double> out = probability();
  for (std::size_t k = 0; k < out.size(); ++k) out[k] *= static_cast<double>(k + 1);
  return out;
}

}  // namespace nucleate::cv
