#pragma once
// Options as command-line arguments, for the commands.sh that `nucleate run`
// writes: each stage's line is made from the very options the stage ran
// with, through the same tables the command line is parsed with, so running
// the line by hand reproduces the stage. Options at their default are left
// out (the command has the same default), required ones never.

#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "core/options.h"

namespace nucleate::pipeline {

template <class Options>
void append_options(std::vector<std::string>& args, const Options& options,
                    const OptionTable<Options>& table,
                    std::initializer_list<std::string_view> skip = {}) {
  const Options defaults{};
  for (const auto& entry : table) {
    if (std::find(skip.begin(), skip.end(), entry.name) != skip.end()) continue;
    const std::string text = option_text(options, entry);
    if (!entry.required && text == option_text(defaults, entry)) continue;
    const std::string flag = option_flag(entry.name);
    std::visit(
        [&](auto member) {
          using T = std::remove_reference_t<decltype(options.*member)>;
          if constexpr (std::is_same_v<T, bool>) {
            if (options.*member) args.push_back(flag);
          } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
            if (entry.split_commas) {
              args.insert(args.end(), {flag, text});
            } else {
              for (const auto& item : options.*member) args.insert(args.end(), {flag, item});
            }
          } else {
            args.insert(args.end(), {flag, text});
          }
        },
        entry.member);
  }
}

}  // namespace nucleate::pipeline
