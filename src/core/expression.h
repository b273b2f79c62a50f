#pragma once
// Arithmetic and logic over named columns, row by row: per-atom quantities
// in a CV definition (rows are atoms), CV regions on state centres in TPT
// (rows are states), e.g.
//   "(layer == 1 and qb6 > 0.5 and qb4 < 0.6) or (layer != 1 and qb6 > 0.45)"
//   "4 - (layer == 1)",  "largest < 150"
// Numbers, names, + - * /, comparisons (< <= > >= == !=), and, or, not,
// parentheses. Comparisons and logic give 1 or 0; in logic a value counts as
// true when it is > 0.5 (so smooth indicators work). Division by zero is an
// error, never a NaN.

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nucleate {

/// How errors name what an expression works on.
struct ExpressionWords {
  std::string_view names = "a per-atom quantity defined above it";  ///< what a name must be
  std::string_view row = "atom";                                    ///< what a row is
};

class Expression {
 public:
  /// `resolve` maps a name to the index of a column (nullopt: unknown).
  /// Throws UsageError naming the position and what was expected.
  static Expression parse(
      std::string_view text,
      const std::function<std::optional<std::size_t>(std::string_view)>& resolve,
      ExpressionWords words = {});

  /// The value for one row; `values[c][row]` is column c's value.
  /// Throws Error on division by zero.
  [[nodiscard]] double evaluate(std::size_t row,
                                const std::vector<std::vector<double>>& values) const;

  /// Indices of the columns the expression reads.
  [[nodiscard]] const std::vector<std::size_t>& inputs() const { return inputs_; }

  struct Node;

 private:
  std::shared_ptr<const Node> root_;
  std::string row_;
  std::vector<std::size_t> inputs_;
};

}  // namespace nucleate
