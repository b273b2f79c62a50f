#include "cli/app.h"

#include "cli/commands.h"
#include "core/version.h"

namespace nucleate::cli {

std::unique_ptr<CLI::App> make_app() {
  auto app = std::make_unique<CLI::App>(
      "nucleate: nucleation pathways, rates and critical nuclei from MD trajectories");
  app->set_version_flag("--version", "nucleate " + std::string(version()));
  app->require_subcommand(1);
  add_info_command(*app);
  add_convert_command(*app);
  add_cv_command(*app);
  add_cluster_command(*app);
  add_msm_command(*app);
  add_tpt_command(*app);
  add_run_command(*app);
  return app;
}

}  // namespace nucleate::cli
