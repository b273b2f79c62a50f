// `nucleate cluster (--kmeans K | --kcenters K | --regspace DMIN | --grid SPEC
// | --method M ...) --cvs a,b [--scale a=1,b=0.1] INPUT... -o clusters.json
// --dtraj-dir DIR [--centers clusters.json] [--seed S] [--max-centers N]
// [--stride S]`: discretise CV time series (COLVAR or .npy) into MSM states.
// The options are the library's (msm/state_decomposition.h); --kmeans K and
// friends are shorthands for --method kmeans --k K.

#include <omp.h>

#include <cstdio>
#include <memory>
#include <optional>

#include "cli/commands.h"
#include "cli/options.h"
#include "core/error.h"
#include "pipeline/cluster_stage.h"

namespace nucleate::cli {
namespace {

struct ClusterCommand {
  msm::StateDecompositionOptions options;
  pipeline::ClusterFiles files;
  std::optional<std::size_t> kmeans;
  std::optional<std::size_t> kcenters;
  std::optional<double> regspace;
  int threads = 0;
};

// The method a command line names: by a shorthand, --grid, or --method.
void choose_method(ClusterCommand& c, const CLI::App& cmd) {
  const int shorthands = (c.kmeans ? 1 : 0) + (c.kcenters ? 1 : 0) + (c.regspace ? 1 : 0) +
                         (c.options.grid.empty() ? 0 : 1);
  const bool method_given = cmd.get_option("--method")->count() > 0;
  if (!c.files.centers.empty()) {
    if (shorthands > 0 || method_given) {
      throw UsageError(
          "--centers assigns frames to saved centres: give no clustering method with it");
    }
    return;
  }
  if (shorthands > 1 || (shorthands == 0 && !method_given)) {
    throw UsageError(fmt::format(
        "give {} of --regspace DMIN, --kcenters K, --kmeans K, --grid SPEC (or --centers "
        "clusters.json to reuse saved centres)",
        shorthands == 0 ? "one" : "only one"));
  }
  if (method_given) return;
  if (c.kmeans) {
    c.options.method = "kmeans";
    c.options.k = c.kmeans;
  } else if (c.kcenters) {
    c.options.method = "kcenters";
    c.options.k = c.kcenters;
  } else if (c.regspace) {
    c.options.method = "regspace";
    c.options.dmin = c.regspace;
  } else {
    c.options.method = "grid";
  }
}

}  // namespace

void add_cluster_command(CLI::App& app) {
  auto c = std::make_shared<ClusterCommand>();
  CLI::App* cmd = app.add_subcommand(
      "cluster",
      "Discretise CV time series into states for an MSM (regspace, k-centers, k-means, grid)");
  cmd->add_option("inputs", c->files.inputs,
                  "CV files: PLUMED COLVAR (columns by name) or .npy (by index)")
      ->required();
  auto table = std::make_shared<TableOptions<msm::StateDecompositionOptions>>(
      *cmd, c->options, msm::state_decomposition_options());
  cmd->add_option("--kmeans", c->kmeans, "Shorthand: --method kmeans --k K")
      ->check(whole_number_check<std::size_t>())
      ->check(kPositive);
  cmd->add_option("--kcenters", c->kcenters, "Shorthand: --method kcenters --k K")
      ->check(whole_number_check<std::size_t>())
      ->check(kPositive);
  cmd->add_option("--regspace", c->regspace, "Shorthand: --method regspace --dmin DMIN")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("-o,--output", c->files.output, "Centres and parameters (clusters.json)")
      ->required();
  cmd->add_option("--dtraj-dir", c->files.dtraj_dir,
                  "Directory for the discrete trajectories (one <input stem>.dtraj per input)")
      ->required();
  cmd->add_option("--centers", c->files.centers,
                  "Assign to the centres of this clusters.json instead of clustering");
  cmd->add_option("--threads", c->threads, "OpenMP threads (default: OMP_NUM_THREADS or all cores)")
      ->check(whole_number_check<int>())
      ->check(kPositive);
  cmd->callback([c, table, cmd] {
    table->finish();
    choose_method(*c, *cmd);
    if (c->threads > 0) omp_set_num_threads(c->threads);
    const pipeline::ClusterResult result = pipeline::run_cluster(c->options, c->files);
    pipeline::write_cluster(result, c->options, c->files);
    for (const auto& w : result.warnings)
      std::fprintf(stderr, "nucleate cluster: warning: %s\n", w.c_str());
    std::fprintf(stderr, "nucleate cluster: %s\n",
                 pipeline::cluster_headline(result, c->files).c_str());
  });
}

}  // namespace nucleate::cli
