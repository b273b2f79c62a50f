#include "tpt/nucleation_rate.h"

#include <fmt/format.h>

#include <cmath>
#include <optional>

#include "core/error.h"

namespace nucleate::tpt {
namespace {

std::optional<double> seconds_per(std::string_view unit) {
  if (unit == "fs") return 1e-15;
  if (unit == "ps") return 1e-12;
  if (unit == "ns") return 1e-9;
  if (unit == "us") return 1e-6;
  if (unit == "ms") return 1e-3;
  if (unit == "s") return 1.0;
  return std::nullopt;
}

std::optional<double> metres_per(std::string_view unit) {
  if (unit == "nm") return 1e-9;
  if (unit == "angstrom") return 1e-10;
  return std::nullopt;
}

}  // namespace

RateUnits rate_units(std::string_view time_unit, std::string_view length_unit) {
  const bool lj_time = time_unit == "tau";
  const bool lj_length = length_unit == "sigma";
  const auto seconds = seconds_per(time_unit);
  const auto metres = metres_per(length_unit);
  if (!seconds && !lj_time && time_unit != "frame") {
    throw UsageError(
        fmt::format("unknown time unit '{}' (fs, ps, ns, us, ms, s, tau or frame)", time_unit));
  }
  if (!metres && !lj_length)
    throw UsageError(fmt::format("unknown length unit '{}' (nm, angstrom or sigma)", length_unit));
  if (lj_time != lj_length && time_unit != "frame") {
    throw UsageError(
        fmt::format("time unit '{}' and length unit '{}' mix Lennard-Jones and physical units",
                    time_unit, length_unit));
  }
  if (time_unit == "frame") {
    return RateUnits{1.0, 1.0, fmt::format("{}^-3 frame^-1", length_unit)};
  }
  if (lj_time) return RateUnits{1.0, 1.0, "sigma^-3 tau^-1"};
  return RateUnits{*seconds, std::pow(*metres, 3), "m^-3 s^-1"};
}

double nucleation_rate(double time, double volume, const RateUnits& units) {
  if (!(time > 0.0) || !std::isfinite(time))
    throw UsageError(fmt::format("the waiting time {} is not positive and finite", time));
  if (!(volume > 0.0) || !std::isfinite(volume))
    throw UsageError(fmt::format("the volume {} is not positive and finite", volume));
  return 1.0 / (time * units.seconds_per_time_unit * volume * units.cubic_metres_per_volume_unit);
}

}  // namespace nucleate::tpt
