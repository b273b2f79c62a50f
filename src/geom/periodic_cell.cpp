#include "geom/periodic_cell.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "core/error.h"

namespace nucleate::geom {
namespace {

Vec3d cross(const Vec3d& u, const Vec3d& v) {
  return {u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]};
}
double dot(const Vec3d& u, const Vec3d& v) {
  return u[0] * v[0] + u[1] * v[1] + u[2] * v[2];
}
double norm2(const Vec3d& u) {
  return dot(u, u);
}

}  // namespace

PeriodicCell::PeriodicCell(const Box& box) : box_(box) {
  const auto& h = box.vectors;
  const double det = dot(h[0], cross(h[1], h[2]));
  if (!(std::abs(det) > 0.0) || !std::isfinite(det)) {
    throw Error(fmt::format(
        "periodic cell has zero volume (box vectors {} {} {} / {} {} {} / {} {} {})", h[0][0],
        h[0][1], h[0][2], h[1][0], h[1][1], h[1][2], h[2][0], h[2][1], h[2][2]));
  }
  // H^-1 = adj(H) / det; with row vectors, the columns of H^-1 are
  // (b x c, c x a, a x b) / det.
  const Vec3d c0 = cross(h[1], h[2]);
  const Vec3d c1 = cross(h[2], h[0]);
  const Vec3d c2 = cross(h[0], h[1]);
  for (int r = 0; r < 3; ++r) inverse_[r] = {c0[r] / det, c1[r] / det, c2[r] / det};
  const double volume = std::abs(det);
  widths_ = {volume / std::sqrt(norm2(c0)), volume / std::sqrt(norm2(c1)),
             volume / std::sqrt(norm2(c2))};
}

Vec3d PeriodicCell::to_fractional(const Vec3d& r) const {
  Vec3d s{};
  for (int k = 0; k < 3; ++k)
    s[k] = r[0] * inverse_[0][k] + r[1] * inverse_[1][k] + r[2] * inverse_[2][k];
  return s;
}

Vec3d PeriodicCell::to_cartesian(const Vec3d& s) const {
  const auto& h = box_.vectors;
  Vec3d r{};
  for (int k = 0; k < 3; ++k) r[k] = s[0] * h[0][k] + s[1] * h[1][k] + s[2] * h[2][k];
  return r;
}

Vec3d PeriodicCell::wrap(const Vec3d& r) const {
  Vec3d s = to_fractional(r);
  for (double& x : s) {
    x -= std::floor(x);
    if (x >= 1.0) x = 0.0;  // -1e-17 - floor gives exactly 1.0
  }
  return to_cartesian(s);
}

double PeriodicCell::min_perpendicular_width() const {
  return std::min({widths_[0], widths_[1], widths_[2]});
}

Vec3d PeriodicCell::minimum_image(const Vec3d& d) const {
  Vec3d s = to_fractional(d);
  for (double& x : s) x -= std::round(x);
  const Vec3d base = to_cartesian(s);
  Vec3d best = base;
  double best2 = norm2(base);
  const auto& h = box_.vectors;
  for (int i = -1; i <= 1; ++i)
    for (int j = -1; j <= 1; ++j)
      for (int k = -1; k <= 1; ++k) {
        if (i == 0 && j == 0 && k == 0) continue;
        Vec3d c{};
        for (int m = 0; m < 3; ++m) c[m] = base[m] + i * h[0][m] + j * h[1][m] + k * h[2][m];
        const double c2 = norm2(c);
        if (c2 < best2) {
          best2 = c2;
          best = c;
        }
      }
  return best;
}

}  // namespace nucleate::geom
