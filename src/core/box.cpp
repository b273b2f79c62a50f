#include "core/box.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace nucleate {
namespace {

double dot(const Vec3d& u, const Vec3d& v) {
  return u[0] * v[0] + u[1] * v[1] + u[2] * v[2];
}
double norm(const Vec3d& u) {
  return std::sqrt(dot(u, u));
}
double angle_deg(const Vec3d& u, const Vec3d& v) {
  const double nu = norm(u);
  const double nv = norm(v);
  if (nu == 0.0 || nv == 0.0) return 90.0;
  const double c = std::clamp(dot(u, v) / (nu * nv), -1.0, 1.0);
  return std::acos(c) * 180.0 / std::numbers::pi;
}

}  // namespace

Box Box::from_lengths_angles(double a, double b, double c, double alpha_deg, double beta_deg,
                             double gamma_deg) {
  constexpr double deg = std::numbers::pi / 180.0;
  // Angles of exactly 90 degrees give exact zeros, not 6e-17 tilts.
  auto cos_deg = [](double x) { return x == 90.0 ? 0.0 : std::cos(x * deg); };
  const double cos_alpha = cos_deg(alpha_deg);
  const double cos_beta = cos_deg(beta_deg);
  const double cos_gamma = cos_deg(gamma_deg);
  const double sin_gamma = gamma_deg == 90.0 ? 1.0 : std::sin(gamma_deg * deg);
  Box box;
  box.vectors[0] = {a, 0.0, 0.0};
  box.vectors[1] = {b * cos_gamma, b * sin_gamma, 0.0};
  const double cx = c * cos_beta;
  const double cy = sin_gamma == 0.0 ? 0.0 : c * (cos_alpha - cos_beta * cos_gamma) / sin_gamma;
  const double cz2 = c * c - cx * cx - cy * cy;
  box.vectors[2] = {cx, cy, cz2 > 0.0 ? std::sqrt(cz2) : 0.0};
  return box;
}

Box Box::orthorhombic(double lx, double ly, double lz) {
  Box box;
  box.vectors[0] = {lx, 0.0, 0.0};
  box.vectors[1] = {0.0, ly, 0.0};
  box.vectors[2] = {0.0, 0.0, lz};
  return box;
}

bool Box::is_zero() const {
  for (const auto& row : vectors)
    for (double x : row)
      if (x != 0.0) return false;
  return true;
}

bool Box::is_orthorhombic() const {
  return vectors[0][1] == 0.0 && vectors[0][2] == 0.0 && vectors[1][0] == 0.0 &&
         vectors[1][2] == 0.0 && vectors[2][0] == 0.0 && vectors[2][1] == 0.0;
}

Vec3d Box::lengths() const {
  return {norm(vectors[0]), norm(vectors[1]), norm(vectors[2])};
}

Vec3d Box::angles_deg() const {
  return {angle_deg(vectors[1], vectors[2]), angle_deg(vectors[0], vectors[2]),
          angle_deg(vectors[0], vectors[1])};
}

double Box::volume() const {
  const Vec3d& a = vectors[0];
  const Vec3d& b = vectors[1];
  const Vec3d& c = vectors[2];
  const Vec3d bxc = {b[1] * c[2] - b[2] * c[1], b[2] * c[0] - b[0] * c[2],
                     b[0] * c[1] - b[1] * c[0]};
  return std::abs(dot(a, bxc));
}

}  // namespace nucleate
