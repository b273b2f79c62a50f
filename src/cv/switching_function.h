#pragma once
// PLUMED's switching functions, with PLUMED's definitions and defaults
// (PLUMED manual, "switchingfunction"; r' = r - d0):
//   RATIONAL  s = (1 - (r'/r0)^nn) / (1 - (r'/r0)^mm), nn = 6, mm = 0 -> 2 nn
//   TANH      s = 1 - tanh(r'/r0)
//   GAUSSIAN  s = exp(-r'^2 / (2 r0^2))
//   EXP       s = exp(-r'/r0)
//   CUBIC     s = (y - 1)^2 (1 + 2y), y = (r - d0)/(d_max - d0)
// s = 1 for r <= d0 and s = 0 for r >= d_max. With d_max set (and not
// NOSTRETCH), PLUMED stretches the function so it reaches exactly 0 there:
//   s -> (s(r) - s(d_max)) / (s(0) - s(d_max)).

#include <limits>
#include <string>
#include <string_view>

namespace nucleate::cv {

enum class SwitchingKind { rational, tanh, gaussian, exp, cubic };

struct SwitchingParameters {
  SwitchingKind kind = SwitchingKind::rational;
  double r0 = 1.0;
  double d0 = 0.0;
  int nn = 6;
  int mm = 0;  ///< 0 means 2 nn, as in PLUMED
  double d_max = std::numeric_limits<double>::infinity();
  bool stretch = true;  ///< PLUMED's default whenever d_max is finite
};

class SwitchingFunction {
 public:
  /// Throws Error on impossible parameters (r0 <= 0, nn <= 0, cubic without d_max).
  explicit SwitchingFunction(const SwitchingParameters& parameters);

  /// Parses PLUMED's syntax, e.g. "RATIONAL R_0=0.38 NN=6 MM=12 D_MAX=1.0",
  /// "GAUSSIAN R_0=0.55 D_MAX=0.56", "TANH R_0=1.5", with NOSTRETCH. Braces
  /// around the whole text are allowed. Throws UsageError naming the word.
  static SwitchingFunction parse(std::string_view text);

  [[nodiscard]] double operator()(double r) const {
    if (r >= d_max_) return 0.0;
    return unstretched(r) * scale_ + shift_;
  }
  [[nodiscard]] const SwitchingParameters& parameters() const { return p_; }
  /// The PLUMED text that reproduces this function.
  [[nodiscard]] std::string describe() const;

 private:
  [[nodiscard]] double unstretched(double r) const;

  SwitchingParameters p_;
  double d_max_;
  double scale_ = 1.0;
  double shift_ = 0.0;
};

}  // namespace nucleate::cv
