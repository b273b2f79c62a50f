// CV configuration files: what they mean, and errors that name the key and
// the line.

#include <gtest/gtest.h>

#include "core/error.h"
#include "cv/cv_config.h"
#include "cv/cv_engine.h"
#include "cv/presets.h"

namespace nucleate::cv {
namespace {

std::string error_of(const std::string& text) {
  try {
    (void)parse_cv_config(text, "test.toml");
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

constexpr const char* kMinimal = R"(
[groups]
all = "all"
[switches]
s = "RATIONAL R_0=1.0 D_MAX=2.0"
[[atom]]
name = "c"
kind = "coordination"
group = "all"
switch = "s"
[[column]]
name = "c_sum"
of = "c"
group = "all"
)";

TEST(CvConfig, MinimalConfigurationParses) {
  const CvDefinition d = parse_cv_config(kMinimal, "test.toml");
  ASSERT_EQ(d.atoms.size(), 1U);
  EXPECT_EQ(d.atoms[0].kind, AtomQuantityKind::coordination);
  EXPECT_EQ(d.atoms[0].neighbors.pairs.size(), 1U);
  EXPECT_EQ(d.atoms[0].line, 6);  // the [[atom]] header
  EXPECT_EQ(d.columns[0].reduce, Reduction::sum);
}

TEST(CvConfig, CoordinationOfTwoAtomsFollowsTheSwitch) {
  io::Topology topology;
  topology.atoms.resize(2);
  const CvEngine engine(parse_cv_config(kMinimal, "test.toml"), topology);
  io::Frame frame;
  frame.has_box = true;
  frame.box = Box::orthorhombic(10, 10, 10);
  frame.positions = {{1.0F, 1.0F, 1.0F}, {2.5F, 1.0F, 1.0F}};
  const SwitchingFunction s = SwitchingFunction::parse("RATIONAL R_0=1.0 D_MAX=2.0");
  // Each atom sees the other once: the column is 2 s(1.5).
  EXPECT_NEAR(engine.evaluate(frame)[0], 2 * s(1.5), 1e-6);
}

TEST(CvConfig, ErrorsNameTheFileLineAndKey) {
  std::string text = kMinimal;
  text.replace(text.find("switch = \"s\""), 12, "swich = \"s\"");
  // The known keys follow, a list that grows with the kinds.
  EXPECT_EQ(error_of(text).rfind(
                "test.toml: line 10: [[atom]]: unknown key 'swich' (known: name, kind, pairs, ", 0),
            0U)
      << error_of(text);

  text = kMinimal;
  text.replace(text.find("group = \"all\"\nswitch"), 13, "group = \"ions\"");
  EXPECT_EQ(error_of(text),
            "test.toml: line 6: atom 'c': unknown group 'ions' (define it under [groups])");

  text = kMinimal;
  text.replace(text.find("of = \"c\""), 8, "of = \"q\"");
  EXPECT_EQ(error_of(text),
            "test.toml: line 11: column 'c_sum': 'q' is not a per-atom quantity defined above it");

  EXPECT_NE(error_of("[groups]\nall = 3\n").find("line 2: group 'all' must be a selection string"),
            std::string::npos);
  EXPECT_NE(error_of("[switches]\ns = \"RATIONAL R_0=-1\"\n").find("line 2: switch 's'"),
            std::string::npos);
  EXPECT_NE(error_of("a = 1\nb = = 2\n").find("test.toml: line 2:"), std::string::npos);
  EXPECT_NE(error_of("[groups]\nall = \"all\"\n").find("defines no [[column]]"), std::string::npos);
}

TEST(CvConfig, EngineRefusesWhatCannotWork) {
  io::Topology topology;
  topology.atoms.resize(4);
  std::string text = kMinimal;
  text += R"(
[[atom]]
name = "lq"
kind = "local_order"
of = "c"
group = "all"
switch = "s"
)";
  try {
    CvEngine engine(parse_cv_config(text, "test.toml"), topology);
    FAIL() << "accepted local_order of a coordination";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find(
                  "line 16: atom 'lq': 'c' is a coordination, but local_order needs q_lm vectors"),
              std::string::npos)
        << e.what();
  }
  text = kMinimal;
  text.replace(text.find("all = \"all\""), 11, "all = \"name X\"");
  EXPECT_THROW(CvEngine(parse_cv_config(text, "test.toml"), topology), InputError);
}

TEST(CvConfig, EveryPresetParsesAndDescribesItsConventions) {
  for (const std::string& name : preset_names()) {
    SCOPED_TRACE(name);
    const CvDefinition d = load_preset(name);
    EXPECT_FALSE(d.description.empty());
    EXPECT_FALSE(d.columns.empty());
  }
  EXPECT_THROW((void)load_preset("nacl"), UsageError);
}

}  // namespace
}  // namespace nucleate::cv
