#pragma once
// The atom-selection language of `--select`:
//
//   expr    := term ('or' term)*
//   term    := factor ('and' factor)*
//   factor  := 'not' factor | '(' expr ')' | 'all' | 'none' | key value+
//   key     := name | type | element | resname | resid | serial | index
//
// String keys match any of their values, with shell wildcards (`name C*`).
// Numeric keys (resid, serial: the file's numbering; index: 0-based
// position) take integers and ranges `a-b` or `a:b` (inclusive).

#include <functional>
#include <string_view>

#include "io/topology.h"

namespace nucleate::io {

/// A compiled selection: a predicate over (atom, index).
using AtomPredicate = std::function<bool(const Atom&, std::size_t)>;

/// Parses `expression`; throws UsageError naming the offending word.
AtomPredicate parse_selection(std::string_view expression);

}  // namespace nucleate::io
