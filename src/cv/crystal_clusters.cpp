#include "cv/crystal_clusters.h"

#include <algorithm>
#include <numeric>

namespace nucleate::cv {
namespace {

// Union-find with path halving and union by size.
class DisjointSets {
 public:
  explicit DisjointSets(std::size_t n) : parent_(n), size_(n, 1) {
    std::iota(parent_.begin(), parent_.end(), 0U);
  }
  std::uint32_t find(std::uint32_t x) {
    while (parent_[x] != x) {
      parent_[x] = parent_[parent_[x]];
      x = parent_[x];
    }
    return x;
  }
  void unite(std::uint32_t a, std::uint32_t b) {
    a = find(a);
    b = find(b);
    if (a == b) return;
    if (size_[a] < size_[b]) std::swap(a, b);
    parent_[b] = a;
    size_[a] += size_[b];
  }

 private:
  std::vector<std::uint32_t> parent_;
  std::vector<std::size_t> size_;
};

}  // namespace

std::vector<std::size_t> CrystalClusters::size_histogram() const {
  std::vector<std::size_t> histogram(largest() + 1, 0);
  for (std::size_t s : sizes) ++histogram[s];
  return histogram;
}

CrystalClusters find_crystal_clusters(
    const geom::NeighborList& list, std::span<const std::uint32_t> queries,
    const std::vector<bool>& selected,
    const std::function<bool(std::uint32_t, std::uint32_t, std::size_t)>& linked) {
  const std::size_t n = selected.size();
  DisjointSets sets(n);
  for (std::size_t q = 0; q < queries.size(); ++q) {
    const std::uint32_t i = queries[q];
    if (!selected[i]) continue;
    for (std::size_t k = list.offsets[q]; k < list.offsets[q + 1]; ++k) {
      const std::uint32_t j = list.indices[k];
      if (selected[j] && (!linked || linked(i, j, k))) sets.unite(i, j);
    }
  }
  // Root -> members' smallest index and size, then order by size.
  struct Component {
    std::uint32_t root;
    std::uint32_t first;
    std::size_t size;
  };
  std::vector<std::int64_t> component_of_root(n, -1);
  std::vector<Component> components;
  for (std::uint32_t a = 0; a < n; ++a) {
    if (!selected[a]) continue;
    const std::uint32_t r = sets.find(a);
    if (component_of_root[r] < 0) {
      component_of_root[r] = static_cast<std::int64_t>(components.size());
      components.push_back({r, a, 0});
    }
    ++components[component_of_root[r]].size;
  }
  std::vector<std::size_t> order(components.size());
  std::iota(order.begin(), order.end(), 0U);
  std::sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
    const auto& a = components[x];
    const auto& b = components[y];
    return a.size != b.size ? a.size > b.size : a.first < b.first;
  });
  std::vector<std::int32_t> rank(components.size());
  CrystalClusters out;
  out.sizes.resize(components.size());
  for (std::size_t r = 0; r < order.size(); ++r) {
    rank[order[r]] = static_cast<std::int32_t>(r);
    out.sizes[r] = components[order[r]].size;
  }
  out.id.assign(n, -1);
  for (std::uint32_t a = 0; a < n; ++a) {
    if (selected[a]) out.id[a] = rank[component_of_root[sets.find(a)]];
  }
  return out;
}

}  // namespace nucleate::cv
