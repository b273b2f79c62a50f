#include "cv/switching_function.h"

#include <fmt/format.h>

#include <cmath>
#include <vector>

#include "core/error.h"

namespace nucleate::cv {
namespace {

// Largest NN or MM accepted: far beyond any switching function in use (PLUMED
// inputs use 6-12), small enough that 2 NN and r^MM stay well defined.
constexpr int kMaxExponent = 1000;

// x^n for small integer n by repeated squaring: the rational function is the
// innermost expression of every coordination number.
double integer_power(double x, int n) {
  double result = 1.0;
  while (n > 0) {
    if ((n & 1) != 0) result *= x;
    x *= x;
    n >>= 1;
  }
  return result;
}

std::string_view kind_name(SwitchingKind kind) {
  switch (kind) {
    case SwitchingKind::rational:
      return "RATIONAL";
    case SwitchingKind::tanh:
      return "TANH";
    case SwitchingKind::gaussian:
      return "GAUSSIAN";
    case SwitchingKind::exp:
      return "EXP";
    case SwitchingKind::cubic:
      return "CUBIC";
  }
  return "RATIONAL";
}

}  // namespace

SwitchingFunction::SwitchingFunction(const SwitchingParameters& parameters)
    : p_(parameters), d_max_(parameters.d_max) {
  if (p_.mm == 0) p_.mm = 2 * p_.nn;
  if (p_.kind != SwitchingKind::cubic && !(p_.r0 > 0.0)) {
    throw Error(fmt::format("switching function: R_0 must be positive, got {}", p_.r0));
  }
  if (p_.kind == SwitchingKind::rational && (p_.nn <= 0 || p_.mm <= 0)) {
    throw Error(
        fmt::format("switching function: NN and MM must be positive, got {} and {}", p_.nn, p_.mm));
  }
  if (p_.kind == SwitchingKind::cubic && !(std::isfinite(p_.d_max) && p_.d_max > p_.d0)) {
    throw Error("switching function: CUBIC needs D_MAX above D_0");
  }
  if (!(p_.d_max > p_.d0)) {
    throw Error(
        fmt::format("switching function: D_MAX ({}) must exceed D_0 ({})", p_.d_max, p_.d0));
  }
  if (std::isfinite(p_.d_max) && p_.stretch && p_.kind != SwitchingKind::cubic) {
    const double at_zero = unstretched(0.0);
    const double at_max = unstretched(p_.d_max);
    scale_ = 1.0 / (at_zero - at_max);
    shift_ = -at_max * scale_;
  }
}

double SwitchingFunction::unstretched(double r) const {
  const double rd = r - p_.d0;
  if (rd <= 0.0) return 1.0;
  switch (p_.kind) {
    case SwitchingKind::rational: {
      const double x = rd / p_.r0;
      // At x = 1 both polynomials vanish; the limit is nn / mm.
      if (std::abs(x - 1.0) < 1e-10) return static_cast<double>(p_.nn) / p_.mm;
      return (1.0 - integer_power(x, p_.nn)) / (1.0 - integer_power(x, p_.mm));
    }
    case SwitchingKind::tanh:
      return 1.0 - std::tanh(rd / p_.r0);
    case SwitchingKind::gaussian:
      return std::exp(-rd * rd / (2.0 * p_.r0 * p_.r0));
    case SwitchingKind::exp:
      return std::exp(-rd / p_.r0);
    case SwitchingKind::cubic: {
      const double y = rd / (p_.d_max - p_.d0);
      return (y - 1.0) * (y - 1.0) * (1.0 + 2.0 * y);
    }
  }
  return 0.0;
}

SwitchingFunction SwitchingFunction::parse(std::string_view text) {
  std::string s(text);
  for (char& c : s)
    if (c == '{' || c == '}') c = ' ';
  std::vector<std::string> words;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i])) != 0) ++i;
    const std::size_t start = i;
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i])) == 0) ++i;
    if (i > start) words.push_back(s.substr(start, i - start));
  }
  if (words.empty()) throw UsageError("switching function: empty definition");
  SwitchingParameters p;
  const std::string& kind = words[0];
  if (kind == "RATIONAL")
    p.kind = SwitchingKind::rational;
  else if (kind == "TANH")
    p.kind = SwitchingKind::tanh;
  else if (kind == "GAUSSIAN")
    p.kind = SwitchingKind::gaussian;
  else if (kind == "EXP")
    p.kind = SwitchingKind::exp;
  else if (kind == "CUBIC")
    p.kind = SwitchingKind::cubic;
  else {
    throw UsageError(
        fmt::format("switching function '{}': unknown type '{}' (expected RATIONAL, "
                    "TANH, GAUSSIAN, EXP or CUBIC)",
                    text, kind));
  }
  auto number = [&](const std::string& word, std::size_t eq) {
    try {
      std::size_t used = 0;
      const double v = std::stod(word.substr(eq + 1), &used);
      if (used != word.size() - eq - 1) throw std::invalid_argument(word);
      return v;
    } catch (const std::exception&) {
      throw UsageError(fmt::format("switching function '{}': '{}' is not a number", text, word));
    }
  };
  for (std::size_t w = 1; w < words.size(); ++w) {
    const std::string& word = words[w];
    if (word == "NOSTRETCH") {
      p.stretch = false;
      continue;
    }
    if (word == "STRETCH") continue;
    const auto eq = word.find('=');
    const std::string key = eq == std::string::npos ? word : word.substr(0, eq);
    if (eq == std::string::npos) {
      throw UsageError(fmt::format("switching function '{}': '{}' has no value", text, word));
    }
    const double v = number(word, eq);
    if (key == "R_0")
      p.r0 = v;
    else if (key == "D_0")
      p.d0 = v;
    else if (key == "D_MAX")
      p.d_max = v;
    else if (key == "NN" || key == "MM") {
      // Exponents of the rational form: whole numbers, and small enough for
      // an int (found by fuzzing: MM=3.3e19 overflowed the conversion).
      if (!(v >= 0.0 && v <= kMaxExponent && v == std::floor(v))) {
        throw UsageError(
            fmt::format("switching function '{}': {} must be a whole number from 0 "
                        "to {} (got {})",
                        text, key, kMaxExponent, word.substr(eq + 1)));
      }
      (key == "NN" ? p.nn : p.mm) = static_cast<int>(v);
    } else {
      throw UsageError(
          fmt::format("switching function '{}': unknown keyword '{}' (expected R_0, "
                      "D_0, D_MAX, NN, MM, NOSTRETCH)",
                      text, key));
    }
  }
  try {
    return SwitchingFunction(p);
  } catch (const Error& e) {
    throw UsageError(fmt::format("'{}': {}", text, e.what()));
  }
}

std::string SwitchingFunction::describe() const {
  std::string out = fmt::format("{} R_0={:g}", kind_name(p_.kind), p_.r0);
  if (p_.d0 != 0.0) out += fmt::format(" D_0={:g}", p_.d0);
  if (p_.kind == SwitchingKind::rational) out += fmt::format(" NN={} MM={}", p_.nn, p_.mm);
  if (std::isfinite(p_.d_max)) out += fmt::format(" D_MAX={:g}", p_.d_max);
  if (std::isfinite(p_.d_max) && !p_.stretch) out += " NOSTRETCH";
  return out;
}

}  // namespace nucleate::cv
