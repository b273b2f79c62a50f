#pragma once
// The `nucleate msm` subcommands, each in its own file.

#include <CLI/CLI.hpp>

namespace nucleate::cli {

void add_msm_its(CLI::App& msm);       // msm_its.cpp
void add_msm_mfpt(CLI::App& msm);      // msm_mfpt.cpp
void add_msm_simulate(CLI::App& msm);  // msm_simulate.cpp
void add_msm_pcca(CLI::App& msm);      // msm_pcca.cpp
void add_msm_cktest(CLI::App& msm);    // msm_cktest.cpp
void add_msm_bayes(CLI::App& msm);     // msm_bayes.cpp
void add_msm_gmrq(CLI::App& msm);      // msm_gmrq.cpp

}  // namespace nucleate::cli
