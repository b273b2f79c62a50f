#include "msm/connectivity.h"

#include <algorithm>
#include <limits>

namespace nucleate::msm {

std::vector<std::vector<std::int32_t>> strongly_connected_sets(const SparseMatrix& counts,
                                                               double threshold) {
  const auto n = static_cast<std::int32_t>(counts.rows());
  constexpr std::int32_t kUnvisited = -1;
  std::vector<std::int32_t> index(static_cast<std::size_t>(n), kUnvisited);
  std::vector<std::int32_t> low(static_cast<std::size_t>(n), 0);
  std::vector<bool> on_stack(static_cast<std::size_t>(n), false);
  std::vector<std::int32_t> stack;
  std::vector<std::vector<std::int32_t>> components;
  std::int32_t next_index = 0;
  // Explicit call stack of (vertex, position in its row).
  struct Frame {
    std::int32_t vertex;
    SparseMatrix::InnerIterator edge;
  };
  std::vector<Frame> calls;
  for (std::int32_t root = 0; root < n; ++root) {
    if (index[root] != kUnvisited) continue;
    auto visit = [&](std::int32_t v) {
      index[v] = low[v] = next_index++;
      stack.push_back(v);
      on_stack[v] = true;
      calls.push_back({v, SparseMatrix::InnerIterator(counts, v)});
    };
    visit(root);
    while (!calls.empty()) {
      Frame& frame = calls.back();
      const std::int32_t v = frame.vertex;
      bool descended = false;
      for (; frame.edge; ++frame.edge) {
        if (!(frame.edge.value() > 0.0 && frame.edge.value() >= threshold)) continue;
        const auto w = static_cast<std::int32_t>(frame.edge.col());
        if (index[w] == kUnvisited) {
          ++frame.edge;
          visit(w);
          descended = true;
          break;
        }
        if (on_stack[w]) low[v] = std::min(low[v], index[w]);
      }
      if (descended) continue;
      if (low[v] == index[v]) {
        std::vector<std::int32_t> component;
        std::int32_t w = 0;
        do {
          w = stack.back();
          stack.pop_back();
          on_stack[w] = false;
          component.push_back(w);
        } while (w != v);
        std::sort(component.begin(), component.end());
        components.push_back(std::move(component));
      }
      calls.pop_back();
      if (!calls.empty()) {
        const std::int32_t parent = calls.back().vertex;
        low[parent] = std::min(low[parent], low[v]);
      }
    }
  }
  std::sort(components.begin(), components.end(), [](const auto& a, const auto& b) {
    return a.size() != b.size() ? a.size() > b.size() : a.front() < b.front();
  });
  return components;
}

SparseMatrix restrict_to(const SparseMatrix& counts, const std::vector<std::int32_t>& states) {
  std::vector<std::int32_t> position(static_cast<std::size_t>(counts.rows()), -1);
  for (std::size_t k = 0; k < states.size(); ++k)
    position[static_cast<std::size_t>(states[k])] = static_cast<std::int32_t>(k);
  std::vector<Eigen::Triplet<double>> kept;
  for (std::size_t k = 0; k < states.size(); ++k) {
    for (SparseMatrix::InnerIterator it(counts, states[k]); it; ++it) {
      const std::int32_t to = position[static_cast<std::size_t>(it.col())];
      if (to >= 0) kept.emplace_back(static_cast<int>(k), to, it.value());
    }
  }
  SparseMatrix out(static_cast<Eigen::Index>(states.size()),
                   static_cast<Eigen::Index>(states.size()));
  out.setFromTriplets(kept.begin(), kept.end());
  return out;
}

}  // namespace nucleate::msm
