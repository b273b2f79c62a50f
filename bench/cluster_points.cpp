// Times the discretisation methods on random 2-D points:
//   bench_cluster_points [--points N] [--only kmeans] [--kmeans-iterations M]
//                        [--save-points FILE.npy] [--save-init FILE.npy]
// Default: 10^6 points uniform in the unit square (std::mt19937_64, seed 1);
// k-centers with K = 100 and 1000, regular space with dmin 0.05 and 0.02,
// k-means++ seeding and Lloyd k-means with K = 100. Prints seconds and
// points/s (points processed per second of the whole run of a method).
// --kmeans-iterations M runs exactly M Lloyd iterations (tolerance 0), for a
// like-for-like comparison with scikit-learn (bench/cluster_vs_sklearn.sh,
// which reads the points and the k-means++ start saved with --save-*).

#include <omp.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <random>
#include <string>

#include "io/npy.h"
#include "msm/assign_states.h"
#include "msm/kcenters.h"
#include "msm/kmeans.h"
#include "msm/regspace.h"
#include "msm/seeded_random.h"

namespace {

using nucleate::msm::Points;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

void print(const char* what, double seconds, std::size_t points, const std::string& extra) {
  std::printf("%-26s %8.3f s  %10.3g points/s  %s\n", what, seconds,
              static_cast<double>(points) / seconds, extra.c_str());
  std::fflush(stdout);
}

void save(const std::string& path, const Points& p) {
  nucleate::io::write_npy(
      path, std::span<const double>(p.data(), static_cast<std::size_t>(p.size())),
      {static_cast<std::uint64_t>(p.rows()), static_cast<std::uint64_t>(p.cols())});
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t n = 1000000;
  int lloyd_iterations = 0;  // 0: deeptime's tolerance 1e-5, up to 500
  bool kmeans_only = false;
  std::string save_points;
  std::string save_init;
  for (int a = 1; a < argc; ++a) {
    const std::string arg = argv[a];
    const bool has_value = a + 1 < argc;
    if (arg == "--points" && has_value) {
      n = std::strtoull(argv[++a], nullptr, 10);
    } else if (arg == "--kmeans-iterations" && has_value) {
      lloyd_iterations = std::atoi(argv[++a]);
    } else if (arg == "--only" && has_value && std::strcmp(argv[a + 1], "kmeans") == 0) {
      kmeans_only = true;
      ++a;
    } else if (arg == "--save-points" && has_value) {
      save_points = argv[++a];
    } else if (arg == "--save-init" && has_value) {
      save_init = argv[++a];
    } else {
      std::fprintf(
          stderr,
          "usage: %s [--points N] [--only kmeans] [--kmeans-iterations M] [--save-points FILE.npy] "
          "[--save-init FILE.npy]\n",
          argv[0]);
      return 2;
    }
  }
  try {
    std::mt19937_64 engine(1);
    Points points(static_cast<Eigen::Index>(n), 2);
    for (Eigen::Index i = 0; i < points.size(); ++i)
      points.data()[i] = nucleate::msm::uniform_unit(engine);
    if (!save_points.empty()) save(save_points, points);
    std::printf("points: %zu x 2, uniform in the unit square (seed 1); OpenMP threads: %d\n", n,
                omp_get_max_threads());

    if (!kmeans_only) {
      for (std::size_t k : {100, 1000}) {
        const auto start = Clock::now();
        const auto r = nucleate::msm::k_centers(points, k, 0);
        const std::string what = "k-centers K=" + std::to_string(k);
        print(what.c_str(), seconds_since(start), n, "radius " + std::to_string(r.radius));
      }
      for (double dmin : {0.05, 0.02}) {
        const auto start = Clock::now();
        const auto r = nucleate::msm::regular_space(points, dmin, 100000);
        char what[64];
        std::snprintf(what, sizeof what, "regspace dmin=%g", dmin);
        print(what, seconds_since(start), n, std::to_string(r.centers.rows()) + " centres");
      }
    }

    const std::size_t k = 100;
    auto start = Clock::now();
    const Points init = nucleate::msm::kmeans_plus_plus(points, k, 0);
    print("k-means++ seeding K=100", seconds_since(start), n, "");
    if (!save_init.empty()) save(save_init, init);
    start = Clock::now();
    const auto r = lloyd_iterations > 0 ? nucleate::msm::lloyd(points, init, 0.0, lloyd_iterations)
                                        : nucleate::msm::lloyd(points, init, 1e-5, 500);
    const double lloyd_seconds = seconds_since(start);
    // deeptime's inertia uses the labels of the last step; scikit-learn's
    // inertia_ reassigns the labels to the final centres first.
    const nucleate::msm::Labels labels = nucleate::msm::assign_to_centers(points, r.centers);
    double reassigned = 0.0;
    for (Eigen::Index i = 0; i < points.rows(); ++i) {
      reassigned +=
          (points.row(i) - r.centers.row(labels[static_cast<std::size_t>(i)])).squaredNorm();
    }
    char extra[200];
    std::snprintf(extra, sizeof extra,
                  "%d iterations (%.4f s each)%s, inertia %.10g, reassigned %.10g", r.iterations,
                  lloyd_seconds / r.iterations, r.converged ? "" : ", tolerance not reached",
                  r.inertia, reassigned);
    print("k-means Lloyd K=100", lloyd_seconds, n, extra);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_cluster_points: %s\n", e.what());
    return 1;
  }
  return 0;
}
