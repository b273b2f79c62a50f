#pragma once
// Random draws for the seeded clustering methods, built directly on the bits
// of std::mt19937_64 (whose output sequence the C++ standard fixes) rather
// than on std::uniform_*_distribution, whose algorithms differ between
// standard libraries: the same seed then gives the same centres everywhere.

#include <cstdint>
#include <random>

namespace nucleate::msm {

/// Uniform in [0, 1): the top 53 bits of one draw.
inline double uniform_unit(std::mt19937_64& engine) {
  return static_cast<double>(engine() >> 11) * 0x1.0p-53;
}

/// Uniform in [0, n) for n >= 1, without modulo bias: draws below 2^64 mod n
/// are rejected, so the rest cover each residue equally often.
inline std::uint64_t uniform_index(std::mt19937_64& engine, std::uint64_t n) {
  const std::uint64_t reject_below = (0 - n) % n;  // 2^64 mod n
  std::uint64_t x = engine();
  while (x < reject_below) x = engine();
  return x % n;
}

}  // namespace nucleate::msm
