#include "io/selection.h"

#include <fmt/format.h>
#include <fnmatch.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <string>
#include <vector>

#include "core/error.h"

namespace nucleate::io {
namespace {

std::vector<std::string> tokenize(std::string_view text) {
  std::vector<std::string> tokens;
  std::string current;
  auto flush = [&] {
    if (!current.empty()) tokens.push_back(std::move(current));
    current.clear();
  };
  for (char c : text) {
    if (c == '(' || c == ')') {
      flush();
      tokens.emplace_back(1, c);
    } else if (c == ' ' || c == '\t' || c == '\n') {
      flush();
    } else {
      current += c;
    }
  }
  flush();
  return tokens;
}

bool is_reserved(const std::string& word) {
  return word == "and" || word == "or" || word == "not" || word == "(" || word == ")";
}

struct IntRange {
  std::int64_t first;
  std::int64_t last;
};

class Parser {
 public:
  Parser(std::string_view expression, std::vector<std::string> tokens)
      : expression_(expression), tokens_(std::move(tokens)) {}

  AtomPredicate parse() {
    if (tokens_.empty()) fail("empty selection");
    AtomPredicate result = parse_or();
    if (pos_ != tokens_.size()) fail(fmt::format("unexpected '{}'", tokens_[pos_]));
    return result;
  }

 private:
  [[noreturn]] void fail(const std::string& why) const {
    throw UsageError(fmt::format("selection '{}': {}", expression_, why));
  }
  [[nodiscard]] bool peek(std::string_view word) const {
    return pos_ < tokens_.size() && tokens_[pos_] == word;
  }

  AtomPredicate parse_or() {
    AtomPredicate left = parse_and();
    while (peek("or")) {
      ++pos_;
      AtomPredicate right = parse_and();
      left = [l = std::move(left), r = std::move(right)](const Atom& a, std::size_t i) {
        return l(a, i) || r(a, i);
      };
    }
    return left;
  }

  AtomPredicate parse_and() {
    AtomPredicate left = parse_factor();
    while (peek("and")) {
      ++pos_;
      AtomPredicate right = parse_factor();
      left = [l = std::move(left), r = std::move(right)](const Atom& a, std::size_t i) {
        return l(a, i) && r(a, i);
      };
    }
    return left;
  }

  AtomPredicate parse_factor() {
    if (pos_ >= tokens_.size()) fail("expression ends too early");
    const std::string word = tokens_[pos_++];
    if (word == "not") {
      AtomPredicate inner = parse_factor();
      return [inner = std::move(inner)](const Atom& a, std::size_t i) { return !inner(a, i); };
    }
    if (word == "(") {
      AtomPredicate inner = parse_or();
      if (!peek(")")) fail("missing ')'");
      ++pos_;
      return inner;
    }
    if (word == "all") return [](const Atom&, std::size_t) { return true; };
    if (word == "none") return [](const Atom&, std::size_t) { return false; };
    if (word == "name") return string_key(word, &Atom::name);
    if (word == "type") return string_key(word, &Atom::type);
    if (word == "element") return string_key(word, &Atom::element);
    if (word == "resname") return string_key(word, &Atom::residue_name);
    if (word == "resid") {
      return int_key(word, [](const Atom& a, std::size_t) { return a.residue_id; });
    }
    if (word == "serial") return int_key(word, [](const Atom& a, std::size_t) { return a.serial; });
    if (word == "index") {
      return int_key(word, [](const Atom&, std::size_t i) { return static_cast<std::int64_t>(i); });
    }
    fail(
        fmt::format("unknown keyword '{}' (expected name, type, element, resname, resid, serial, "
                    "index, all, none, not, or a parenthesis)",
                    word));
  }

  std::vector<std::string> values_of(const std::string& key) {
    std::vector<std::string> values;
    while (pos_ < tokens_.size() && !is_reserved(tokens_[pos_])) values.push_back(tokens_[pos_++]);
    if (values.empty()) fail(fmt::format("'{}' needs at least one value", key));
    return values;
  }

  AtomPredicate string_key(const std::string& key, std::string Atom::*field) {
    std::vector<std::string> patterns = values_of(key);
    return [patterns = std::move(patterns), field](const Atom& a, std::size_t) {
      const std::string& value = a.*field;
      return std::ranges::any_of(patterns, [&](const std::string& p) {
        return fnmatch(p.c_str(), value.c_str(), 0) == 0;
      });
    };
  }

  [[nodiscard]] std::int64_t to_int(const std::string& key, std::string_view text) const {
    std::int64_t value = 0;
    const auto* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (ec != std::errc() || ptr != end) {
      fail(fmt::format("'{}' expects integers or ranges a-b, got '{}'", key, text));
    }
    return value;
  }

  template <class Getter>
  AtomPredicate int_key(const std::string& key, Getter get) {
    std::vector<IntRange> ranges;
    for (const std::string& v : values_of(key)) {
      // A '-' after the first character separates a range; a leading '-' is a sign.
      const auto sep = v.find_first_of("-:", 1);
      if (sep == std::string::npos) {
        const std::int64_t x = to_int(key, v);
        ranges.push_back({x, x});
      } else {
        const IntRange r{to_int(key, std::string_view(v).substr(0, sep)),
                         to_int(key, std::string_view(v).substr(sep + 1))};
        if (r.last < r.first) fail(fmt::format("range '{}' of '{}' is empty", v, key));
        ranges.push_back(r);
      }
    }
    return [ranges = std::move(ranges), get](const Atom& a, std::size_t i) {
      const std::int64_t x = get(a, i);
      return std::ranges::any_of(ranges,
                                 [x](const auto& r) { return x >= r.first && x <= r.last; });
    };
  }

  std::string_view expression_;
  std::vector<std::string> tokens_;
  std::size_t pos_ = 0;
};

}  // namespace

AtomPredicate parse_selection(std::string_view expression) {
  return Parser(expression, tokenize(expression)).parse();
}

}  // namespace nucleate::io
