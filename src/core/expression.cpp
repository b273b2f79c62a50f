#include "core/expression.h"

#include <fmt/format.h>

#include <cctype>
#include <charconv>

#include "core/error.h"

namespace nucleate {

struct Expression::Node {
  enum class Op {
    number,
    quantity,
    negate,
    add,
    subtract,
    multiply,
    divide,
    less,
    less_equal,
    greater,
    greater_equal,
    equal,
    not_equal,
    logical_and,
    logical_or,
    logical_not
  };
  Op op = Op::number;
  double number = 0.0;
  std::size_t quantity = 0;
  std::shared_ptr<const Node> left;
  std::shared_ptr<const Node> right;
};

namespace {

using Node = Expression::Node;
using Op = Node::Op;
using NodePtr = std::shared_ptr<const Node>;

NodePtr make(Op op, NodePtr left, NodePtr right = nullptr) {
  auto node = std::make_shared<Node>();
  node->op = op;
  node->left = std::move(left);
  node->right = std::move(right);
  return node;
}

// Recursive descent, lowest precedence first: or, and, not, comparison,
// sum, product, unary minus, primary.
class Parser {
 public:
  Parser(std::string_view text,
         const std::function<std::optional<std::size_t>(std::string_view)>& resolve,
         ExpressionWords words, std::vector<std::size_t>& inputs)
      : text_(text), resolve_(resolve), words_(words), inputs_(inputs) {}

  NodePtr parse() {
    NodePtr node = parse_or();
    skip_space();
    if (at_ < text_.size()) fail("an operator or the end");
    return node;
  }

 private:
  [[noreturn]] void fail(std::string_view expected) const {
    throw UsageError(
        fmt::format("expression \"{}\": expected {} at position {}", text_, expected, at_ + 1));
  }
  void skip_space() {
    while (at_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[at_]))) ++at_;
  }
  bool accept(std::string_view token) {
    skip_space();
    if (text_.substr(at_, token.size()) != token) return false;
    // Words must end at a word boundary ("and" is not the start of "android").
    const bool word = std::isalpha(static_cast<unsigned char>(token[0]));
    const std::size_t end = at_ + token.size();
    if (word && end < text_.size() &&
        (std::isalnum(static_cast<unsigned char>(text_[end])) || text_[end] == '_')) {
      return false;
    }
    at_ = end;
    return true;
  }

  NodePtr parse_or() {
    NodePtr node = parse_and();
    while (accept("or")) node = make(Op::logical_or, node, parse_and());
    return node;
  }
  NodePtr parse_and() {
    NodePtr node = parse_not();
    while (accept("and")) node = make(Op::logical_and, node, parse_not());
    return node;
  }
  NodePtr parse_not() {
    if (accept("not")) return make(Op::logical_not, parse_not());
    return parse_comparison();
  }
  NodePtr parse_comparison() {
    NodePtr node = parse_sum();
    // Two-character operators first.
    static constexpr std::pair<std::string_view, Op> kOps[] = {
        {"<=", Op::less_equal}, {">=", Op::greater_equal}, {"==", Op::equal},
        {"!=", Op::not_equal},  {"<", Op::less},           {">", Op::greater}};
    for (const auto& [token, op] : kOps) {
      if (accept(token)) return make(op, node, parse_sum());
    }
    return node;
  }
  NodePtr parse_sum() {
    NodePtr node = parse_product();
    for (;;) {
      if (accept("+")) {
        node = make(Op::add, node, parse_product());
      } else if (accept("-")) {
        node = make(Op::subtract, node, parse_product());
      } else {
        return node;
      }
    }
  }
  NodePtr parse_product() {
    NodePtr node = parse_unary();
    for (;;) {
      if (accept("*")) {
        node = make(Op::multiply, node, parse_unary());
      } else if (accept("/")) {
        node = make(Op::divide, node, parse_unary());
      } else {
        return node;
      }
    }
  }
  NodePtr parse_unary() {
    if (accept("-")) return make(Op::negate, parse_unary());
    return parse_primary();
  }
  NodePtr parse_primary() {
    skip_space();
    if (accept("(")) {
      NodePtr node = parse_or();
      if (!accept(")")) fail("')'");
      return node;
    }
    if (at_ >= text_.size()) fail("a number, a quantity or '('");
    const char c = text_[at_];
    if (std::isdigit(static_cast<unsigned char>(c)) || c == '.') {
      double value = 0.0;
      const auto [end, ec] =
          std::from_chars(text_.data() + at_, text_.data() + text_.size(), value);
      if (ec != std::errc()) fail("a number");
      at_ = static_cast<std::size_t>(end - text_.data());
      auto node = std::make_shared<Node>();
      node->op = Op::number;
      node->number = value;
      return node;
    }
    if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
      const std::size_t start = at_;
      while (at_ < text_.size() &&
             (std::isalnum(static_cast<unsigned char>(text_[at_])) || text_[at_] == '_'))
        ++at_;
      const std::string_view name = text_.substr(start, at_ - start);
      const auto index = resolve_(name);
      if (!index) {
        at_ = start;
        throw UsageError(
            fmt::format("expression \"{}\": '{}' is not {}", text_, name, words_.names));
      }
      inputs_.push_back(*index);
      auto node = std::make_shared<Node>();
      node->op = Op::quantity;
      node->quantity = *index;
      return node;
    }
    fail("a number, a quantity or '('");
  }

  std::string_view text_;
  const std::function<std::optional<std::size_t>(std::string_view)>& resolve_;
  ExpressionWords words_;
  std::vector<std::size_t>& inputs_;
  std::size_t at_ = 0;
};

bool truth(double x) {
  return x > 0.5;
}

double evaluate_node(const Node& n, std::size_t row, const std::vector<std::vector<double>>& values,
                     const std::string& row_word) {
  auto left = [&] { return evaluate_node(*n.left, row, values, row_word); };
  auto right = [&] { return evaluate_node(*n.right, row, values, row_word); };
  switch (n.op) {
    case Op::number:
      return n.number;
    case Op::quantity:
      return values[n.quantity][row];
    case Op::negate:
      return -left();
    case Op::add:
      return left() + right();
    case Op::subtract:
      return left() - right();
    case Op::multiply:
      return left() * right();
    case Op::divide: {
      const double denominator = right();
      if (denominator == 0.0) throw Error(fmt::format("division by zero for {} {}", row_word, row));
      return left() / denominator;
    }
    case Op::less:
      return left() < right() ? 1.0 : 0.0;
    case Op::less_equal:
      return left() <= right() ? 1.0 : 0.0;
    case Op::greater:
      return left() > right() ? 1.0 : 0.0;
    case Op::greater_equal:
      return left() >= right() ? 1.0 : 0.0;
    case Op::equal:
      return left() == right() ? 1.0 : 0.0;
    case Op::not_equal:
      return left() != right() ? 1.0 : 0.0;
    case Op::logical_and:
      return truth(left()) && truth(right()) ? 1.0 : 0.0;
    case Op::logical_or:
      return truth(left()) || truth(right()) ? 1.0 : 0.0;
    case Op::logical_not:
      return truth(left()) ? 0.0 : 1.0;
  }
  return 0.0;
}

}  // namespace

Expression Expression::parse(
    std::string_view text,
    const std::function<std::optional<std::size_t>(std::string_view)>& resolve,
    ExpressionWords words) {
  Expression expression;
  expression.root_ = Parser(text, resolve, words, expression.inputs_).parse();
  expression.row_ = words.row;
  return expression;
}

double Expression::evaluate(std::size_t row, const std::vector<std::vector<double>>& values) const {
  return evaluate_node(*root_, row, values, row_);
}

}  // namespace nucleate
