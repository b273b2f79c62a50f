#include "core/error.h"

#include <fmt/format.h>

namespace nucleate {

std::string format_location(const InputLocation& where) {
  std::string out = where.file.empty() ? std::string("<input>") : where.file;
  std::string sep = ": ";
  if (where.line) {
    out += fmt::format("{}line {}", sep, *where.line);
    sep = ", ";
  }
  if (where.frame) {
    out += fmt::format("{}frame {}", sep, *where.frame);
    sep = ", ";
  }
  if (where.byte_offset) out += fmt::format("{}byte {}", sep, *where.byte_offset);
  return out;
}

InputError::InputError(InputLocation where, const std::string& reason)
    // fmt, not operator+: GCC 12 warns (-Wrestrict, a false positive) on
    // string + const char* here, and CI builds with -Werror.
    : Error(fmt::format("{}: {}", format_location(where), reason)),
      where_(std::move(where)),
      reason_(reason) {}

}  // namespace nucleate
