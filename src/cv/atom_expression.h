#pragma once
// Per-atom arithmetic and logic over quantities already computed, e.g.
//   "(layer == 1 and qb6 > 0.5 and qb4 < 0.6) or (layer != 1 and qb6 > 0.45)"
//   "4 - (layer == 1)"
// Numbers, quantity names, + - * /, comparisons (< <= > >= == !=), and, or,
// not, parentheses. Comparisons and logic give 1 or 0; in logic a value
// counts as true when it is > 0.5 (so smooth indicators work). Division by
// zero is an error, never a NaN.

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nucleate::cv {

class AtomExpression {
 public:
  /// `resolve` maps a name to the index of a quantity (nullopt: unknown).
  /// Throws UsageError naming the position and what was expected.
  static AtomExpression parse(
      std::string_view text,
      const std::function<std::optional<std::size_t>(std::string_view)>& resolve);

  /// The value for one atom; `values[q][atom]` is quantity q's value.
  /// Throws Error on division by zero.
  [[nodiscard]] double evaluate(std::size_t atom,
                                const std::vector<std::vector<double>>& values) const;

  /// Indices of the quantities the expression reads.
  [[nodiscard]] const std::vector<std::size_t>& inputs() const { return inputs_; }

  struct Node;

 private:
  std::shared_ptr<const Node> root_;
  std::vector<std::size_t> inputs_;
};

}  // namespace nucleate::cv
