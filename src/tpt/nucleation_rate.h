#pragma once
// Nucleation rate J = 1 / (t V): one nucleation event per mean waiting time t
// in a volume V (Finney et al.'s definition, with t the MFPT from the
// liquid to the crystal or the slowest implied timescale, V the mean box
// volume). Units follow the input: SI (m^-3 s^-1) for physical time and
// length units, sigma^-3 tau^-1 for Lennard-Jones units.

#include <string>
#include <string_view>

namespace nucleate::tpt {

struct RateUnits {
  double seconds_per_time_unit = 1e-12;         ///< ps
  double cubic_metres_per_volume_unit = 1e-27;  ///< nm^3
  std::string label = "m^-3 s^-1";
};

/// time_unit: fs, ps, ns, us, ms, s, tau (LJ) or frame; length_unit: nm,
/// angstrom or sigma (LJ). Physical units give SI; tau and sigma give LJ
/// units (both must then be LJ); frame gives "<length>^-3 frame^-1".
/// UsageError for unknown or mixed units.
RateUnits rate_units(std::string_view time_unit, std::string_view length_unit);

/// 1 / (t V) in `units`; UsageError unless t and V are positive and finite.
double nucleation_rate(double time, double volume, const RateUnits& units);

}  // namespace nucleate::tpt
