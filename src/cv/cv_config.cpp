#include "cv/cv_config.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <toml++/toml.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "core/error.h"
#include "io/toml_table.h"

namespace nucleate::cv {
namespace {

using io::toml_line;
using TableReader = io::TomlTable;

std::int64_t line_of(const toml::node& node) {
  return toml_line(node);
}

// `pairs = [["a", "b"], ...]`, or `group = "g"` meaning [["g", "g"]].
NeighborSpec read_neighbors(TableReader& reader) {
  NeighborSpec spec;
  if (const toml::node* node = reader.find("pairs")) {
    const toml::array* rows = node->as_array();
    if (rows == nullptr || rows->empty())
      reader.fail(line_of(*node), "'pairs' must be a list of [query, neighbour] group pairs");
    for (const toml::node& row : *rows) {
      const toml::array* pair = row.as_array();
      if (pair == nullptr || pair->size() != 2 || !(*pair)[0].is_string() ||
          !(*pair)[1].is_string()) {
        reader.fail(line_of(row),
                    R"(each entry of 'pairs' must be ["query group", "neighbour group"])");
      }
      spec.pairs.emplace_back((*pair)[0].as_string()->get(), (*pair)[1].as_string()->get());
    }
  } else if (auto group = reader.string("group")) {
    spec.pairs.emplace_back(*group, *group);
  }
  if (auto cutoff = reader.number("cutoff")) {
    if (!(*cutoff > 0)) reader.fail(reader.line(), "'cutoff' must be positive");
    spec.cutoff = *cutoff;
  }
  if (const toml::node* nearest = reader.peek("nearest");
      nearest != nullptr && nearest->is_string()) {
    spec.nearest_from = reader.string("nearest").value();
  } else if (auto k = reader.integer("nearest", 1)) {
    spec.nearest = static_cast<std::size_t>(*k);
  }
  return spec;
}

AtomQuantityKind atom_kind(TableReader& reader) {
  static const std::map<std::string, AtomQuantityKind> kinds = {
      {"coordination", AtomQuantityKind::coordination},
      {"steinhardt", AtomQuantityKind::steinhardt},
      {"local_order", AtomQuantityKind::local_order},
      {"averaged", AtomQuantityKind::averaged},
      {"solid_bonds", AtomQuantityKind::solid_bonds},
      {"more_than", AtomQuantityKind::more_than},
      {"less_than", AtomQuantityKind::less_than},
      {"threshold", AtomQuantityKind::threshold},
      {"sphere", AtomQuantityKind::sphere},
      {"expression", AtomQuantityKind::expression},
      {"layer", AtomQuantityKind::layer},
      {"between", AtomQuantityKind::between}};
  const std::string kind = reader.required_string("kind");
  const auto it = kinds.find(kind);
  if (it == kinds.end()) {
    reader.fail(reader.line(),
                fmt::format("unknown kind '{}' (known: coordination, steinhardt, "
                            "local_order, averaged, solid_bonds, more_than, "
                            "less_than, threshold, between, sphere, expression, layer)",
                            kind));
  }
  return it->second;
}

AtomQuantity read_atom_quantity(TableReader& reader) {
  reader.reject_unknown({"name",          "kind",          "pairs",     "group",   "cutoff",
                         "nearest",       "switch",        "of",        "filter",  "l",
                         "normalisation", "min_neighbors", "threshold", "minimum", "maximum",
                         "centre",        "expression",    "surface",   "axis",    "width",
                         "invariant",     "lower",         "upper",     "smear",   "kernel"});
  AtomQuantity q;
  q.line = reader.line();
  q.name = reader.required_string("name");
  q.kind = atom_kind(reader);
  using K = AtomQuantityKind;
  const bool has_neighbors = q.kind == K::coordination || q.kind == K::steinhardt ||
                             q.kind == K::local_order || q.kind == K::averaged ||
                             q.kind == K::solid_bonds;
  if (has_neighbors) {
    q.neighbors = read_neighbors(reader);
    if (q.neighbors.pairs.empty()) reader.fail(q.line, "needs 'pairs' or 'group'");
  } else if (q.kind == K::sphere || q.kind == K::layer) {
    q.group = reader.required_string("group");
  }
  if (q.kind == K::expression) q.expression = reader.required_string("expression");
  if (q.kind == K::layer) {
    q.surface = reader.required_string("surface");
    const std::string axis = reader.string("axis").value_or("z");
    if (axis != "x" && axis != "y" && axis != "z")
      reader.fail(q.line, R"('axis' must be "x", "y" or "z")");
    q.axis = axis[0] - 'x';
    const auto width = reader.number("width");
    if (!width || !(*width > 0))
      reader.fail(q.line, "'width' (the layer thickness) must be given and positive");
    q.width = *width;
  }
  q.switching = reader.string("switch").value_or("");
  q.of = reader.string("of").value_or("");
  const bool needs_of = q.kind == K::local_order || q.kind == K::averaged ||
                        q.kind == K::solid_bonds || q.kind == K::more_than ||
                        q.kind == K::less_than || q.kind == K::threshold || q.kind == K::between;
  if (needs_of && q.of.empty())
    reader.fail(q.line, "needs 'of' (the quantity it is computed from)");
  const bool needs_switch = q.kind == K::coordination || q.kind == K::local_order ||
                            q.kind == K::more_than || q.kind == K::less_than || q.kind == K::sphere;
  if (needs_switch && q.switching.empty()) reader.fail(q.line, "needs 'switch'");
  if (q.kind == K::coordination) q.filter = reader.string("filter").value_or("");
  if (q.kind == K::steinhardt) {
    q.l = static_cast<int>(reader.integer("l", 1).value_or(6));
    if (q.l > 12) reader.fail(q.line, "'l' must be at most 12");
    const std::string normalisation = reader.string("normalisation").value_or("plumed");
    if (normalisation == "plumed") {
      q.normalisation = SteinhardtNormalisation::plumed;
    } else if (normalisation == "standard") {
      q.normalisation = SteinhardtNormalisation::standard;
    } else {
      reader.fail(q.line, fmt::format("'normalisation' is '{}'; use 'plumed' (PLUMED Q6) or "
                                      "'standard' (Steinhardt, LAMMPS, freud, pyscal)",
                                      normalisation));
    }
    q.min_neighbors = static_cast<std::size_t>(reader.integer("min_neighbors", 0).value_or(0));
  }
  if (q.kind == K::steinhardt || q.kind == K::averaged) {
    const std::string invariant = reader.string("invariant").value_or("q");
    if (invariant != "q" && invariant != "w") {
      reader.fail(
          q.line,
          fmt::format(R"('invariant' is '{}'; use "q" (q_l) or "w" (normalised w^_l))", invariant));
    }
    q.third_order = invariant == "w";
  }
  if (q.kind == K::averaged) {
    const std::string normalisation = reader.string("normalisation").value_or("standard");
    q.normalisation = normalisation == "plumed" ? SteinhardtNormalisation::plumed
                                                : SteinhardtNormalisation::standard;
  }
  if (q.kind == K::solid_bonds) q.bond_threshold = reader.number("threshold").value_or(0.5);
  if (q.kind == K::threshold) {
    q.minimum = reader.number("minimum");
    q.maximum = reader.number("maximum");
    if (!q.minimum && !q.maximum) reader.fail(q.line, "needs 'minimum' or 'maximum'");
  }
  if (q.kind == K::between) {
    const auto lower = reader.number("lower");
    const auto upper = reader.number("upper");
    if (!lower || !upper || !(*lower < *upper)) reader.fail(q.line, "needs 'lower' < 'upper'");
    q.lower = *lower;
    q.upper = *upper;
    q.smear = reader.number("smear").value_or(0.5);
    if (!(q.smear > 0)) reader.fail(q.line, "'smear' must be positive");
    const std::string kernel = reader.string("kernel").value_or("gaussian");
    if (kernel != "gaussian" && kernel != "triangular") {
      reader.fail(q.line, R"('kernel' must be "gaussian" or "triangular")");
    }
    q.triangular = kernel == "triangular";
  }
  if (q.kind == K::sphere) {
    if (const toml::node* centre = reader.find("centre")) {
      const toml::array* xyz = centre->as_array();
      const toml::table* atom = centre->as_table();
      if (centre->is_string() && centre->as_string()->get() == "box") {
        q.centre.box_centre = true;
      } else if (atom != nullptr && atom->size() == 1 && (*atom)["atom"].is_integer() &&
                 *(*atom)["atom"].value<std::int64_t>() >= 0) {
        q.centre.box_centre = false;
        q.centre.atom = static_cast<std::size_t>(*(*atom)["atom"].value<std::int64_t>());
      } else if (xyz != nullptr && xyz->size() == 3 && xyz->is_homogeneous<double>()) {
        q.centre.box_centre = false;
        for (std::size_t k = 0; k < 3; ++k) q.centre.point[k] = *(*xyz)[k].value<double>();
      } else {
        reader.fail(line_of(*centre),
                    "'centre' must be \"box\", [x, y, z] or { atom = INDEX } (0-based)");
      }
    }
  }
  reader.check_all_used();
  return q;
}

Column read_column(TableReader& reader) {
  reader.reject_unknown({"name", "of", "group", "reduce", "pairs", "cutoff", "nearest", "count",
                         "weight", "more_than", "less_than", "power"});
  Column c;
  c.line = reader.line();
  c.name = reader.required_string("name");
  c.of = reader.required_string("of");
  c.group = reader.required_string("group");
  const std::string reduce = reader.string("reduce").value_or("sum");
  if (reduce == "sum") {
    c.reduce = Reduction::sum;
  } else if (reduce == "mean") {
    c.reduce = Reduction::mean;
  } else if (reduce == "largest_cluster") {
    c.reduce = Reduction::largest_cluster;
    c.links = read_neighbors(reader);
    if (c.links.cutoff <= 0)
      reader.fail(c.line, "largest_cluster needs 'cutoff' (the link distance)");
    if (c.links.pairs.empty()) c.links.pairs.emplace_back(c.group, c.group);
    c.count = reader.string("count").value_or("");
  } else {
    reader.fail(c.line, fmt::format("'reduce' is '{}'; use sum, mean or largest_cluster", reduce));
  }
  c.weight = reader.string("weight").value_or("");
  c.more_than = reader.string("more_than").value_or("");
  c.less_than = reader.string("less_than").value_or("");
  if (!c.more_than.empty() && !c.less_than.empty())
    reader.fail(c.line, "give 'more_than' or 'less_than', not both");
  c.power = reader.number("power").value_or(1.0);
  reader.check_all_used();
  return c;
}

const toml::table* table_at(const toml::table& root, std::string_view key,
                            const std::string& source) {
  return io::toml_subtable(root, key, source);
}

std::vector<const toml::table*> tables_in(const toml::table& root, std::string_view key,
                                          const std::string& source) {
  std::vector<const toml::table*> out;
  const toml::node* node = root.get(key);
  if (node == nullptr) return out;
  const toml::array* array = node->as_array();
  if (array == nullptr || !array->is_array_of_tables()) {
    throw InputError({source, {}, {}, line_of(*node)},
                     fmt::format("'{}' must be written as [[{}]] tables", key, key));
  }
  for (const toml::node& t : *array) out.push_back(t.as_table());
  return out;
}

// Every name a quantity or column refers to must exist before it.
void check_references(const CvDefinition& d) {
  std::set<std::string> groups;
  for (const auto& g : d.groups) groups.insert(g.name);
  std::set<std::string> known;
  auto fail = [&](std::int64_t line, const std::string& reason) {
    throw InputError({d.source, {}, {}, line}, reason);
  };
  auto need_group = [&](const std::string& owner, std::int64_t line, const std::string& g) {
    if (!groups.contains(g))
      fail(line, fmt::format("{}: unknown group '{}' (define it under [groups])", owner, g));
  };
  auto need_switch = [&](const std::string& owner, std::int64_t line, const std::string& s) {
    if (!s.empty() && !d.switches.contains(s))
      fail(line, fmt::format("{}: unknown switch '{}' (define it under [switches])", owner, s));
  };
  auto need_quantity = [&](const std::string& owner, std::int64_t line, const std::string& q) {
    if (!q.empty() && !known.contains(q))
      fail(line, fmt::format("{}: '{}' is not a per-atom quantity defined above it", owner, q));
  };
  for (const auto& q : d.atoms) {
    const std::string owner = fmt::format("atom '{}'", q.name);
    if (known.contains(q.name)) fail(q.line, fmt::format("{} is defined twice", owner));
    for (const auto& [a, b] : q.neighbors.pairs) {
      need_group(owner, q.line, a);
      need_group(owner, q.line, b);
    }
    if (!q.group.empty()) need_group(owner, q.line, q.group);
    if (!q.surface.empty()) need_group(owner, q.line, q.surface);
    need_quantity(owner, q.line, q.neighbors.nearest_from);
    need_switch(owner, q.line, q.switching);
    need_quantity(owner, q.line, q.of);
    need_quantity(owner, q.line, q.filter);
    known.insert(q.name);
  }
  std::set<std::string> columns;
  for (const auto& c : d.columns) {
    const std::string owner = fmt::format("column '{}'", c.name);
    if (c.name == "time" || !columns.insert(c.name).second)
      fail(c.line, fmt::format("{} is defined twice (or is 'time')", owner));
    need_group(owner, c.line, c.group);
    for (const auto& [a, b] : c.links.pairs) {
      need_group(owner, c.line, a);
      need_group(owner, c.line, b);
    }
    need_quantity(owner, c.line, c.of);
    need_quantity(owner, c.line, c.weight);
    need_quantity(owner, c.line, c.count);
    need_switch(owner, c.line, c.more_than);
    need_switch(owner, c.line, c.less_than);
  }
  if (d.columns.empty()) fail(0, "defines no [[column]]");
}

}  // namespace

CvDefinition parse_cv_config(std::string_view text, const std::string& source) {
  const toml::table root = io::parse_toml_text(text, source);
  CvDefinition d;
  d.source = source;
  TableReader top(root, "configuration", source);
  top.reject_unknown({"description", "groups", "switches", "atom", "column"});
  d.description = top.string("description").value_or("");

  if (const toml::table* groups = table_at(root, "groups", source)) {
    for (auto&& [key, node] : *groups) {
      if (!node.is_string())
        throw InputError({source, {}, {}, line_of(node)},
                         fmt::format("group '{}' must be a selection string", key.str()));
      d.groups.push_back({std::string(key.str()), node.as_string()->get(), line_of(node)});
    }
  }
  if (const toml::table* switches = table_at(root, "switches", source)) {
    for (auto&& [key, node] : *switches) {
      if (!node.is_string())
        throw InputError(
            {source, {}, {}, line_of(node)},
            fmt::format("switch '{}' must be a string such as \"RATIONAL R_0=0.38\"", key.str()));
      try {
        d.switches.emplace(std::string(key.str()),
                           SwitchingFunction::parse(node.as_string()->get()));
      } catch (const Error& e) {
        throw InputError({source, {}, {}, line_of(node)},
                         fmt::format("switch '{}': {}", key.str(), e.what()));
      }
    }
  }
  for (const toml::table* t : tables_in(root, "atom", source)) {
    TableReader reader(*t, "[[atom]]", source);
    d.atoms.push_back(read_atom_quantity(reader));
  }
  for (const toml::table* t : tables_in(root, "column", source)) {
    TableReader reader(*t, "[[column]]", source);
    d.columns.push_back(read_column(reader));
  }
  check_references(d);
  return d;
}

CvDefinition read_cv_config(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw InputError({path, {}, {}, {}}, "cannot open the configuration file");
  std::ostringstream text;
  text << in.rdbuf();
  return parse_cv_config(text.str(), path);
}

void replace_group_selection(CvDefinition& definition, const std::string& name,
                             const std::string& selection) {
  auto it = std::find_if(definition.groups.begin(), definition.groups.end(),
                         [&](const GroupDefinition& g) { return g.name == name; });
  if (it == definition.groups.end()) {
    std::vector<std::string> names;
    for (const auto& g : definition.groups) names.push_back(g.name);
    throw UsageError(fmt::format("{} has no group '{}' (its groups: {})", definition.source, name,
                                 fmt::join(names, ", ")));
  }
  it->selection = selection;
}

}  // namespace nucleate::cv
