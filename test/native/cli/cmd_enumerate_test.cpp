// `mtp-engine enumerate`: structure counts per cell size, Vegard lattice constants, features, and
// usage errors.
#include <cmath>
#include <map>

#include "cli/engine_process.h"
#include "core/json.h"
#include "io/cfg_reader.h"
#include "testing.h"

using cli_test::engine;

TEST(fcc_up_to_four_atoms_with_vegard_volumes) {
  const std::string out = "enumerate_test_fcc.cfg";
  const auto r = engine({"enumerate", "--lattice", "fcc", "--elements", "Ag,Pd", "--max-atoms", "4", "--a", "4.0,3.8",
                         "--json", out});
  CHECK(r.exit_code == 0);
  mtp::JsonValue json;
  std::string error;
  CHECK(mtp::parseJson(r.out, &json, &error));
  // 2 pure, L1₀ + L1₁, 3 cells × (A₂B, AB₂), and 19 four-atom structures.
  CHECK(json.get("structures") && json.get("structures")->number == 29);
  const auto cfgs = mtp::readCfgFile(out);
  CHECK(cfgs.size() == 29u);
  std::map<std::string, int> ids;
  for (const auto& c : cfgs) {
    int pd = 0;
    for (int t : c.types) pd += t;
    const double x = static_cast<double>(pd) / c.size();
    const double a = 4.0 * (1 - x) + 3.8 * x;  // Vegard
    CHECK_NEAR(c.volume(), c.size() * a * a * a / 4, 1e-4 * c.size());  // .cfg keeps 6 decimals
    const std::string* id = c.feature("enum_id");
    CHECK(id != nullptr);
    if (id) ++ids[*id];
    CHECK(c.feature("enum_hnf") && c.feature("enum_labels") && c.feature("composition"));
  }
  CHECK(ids.size() == cfgs.size());  // ids unique
  CHECK(*cfgs[0].feature("composition") == "Ag1");
  CHECK(*cfgs[1].feature("composition") == "Pd1");
}

TEST(hcp_counts_by_atoms) {
  const auto r = engine({"enumerate", "--lattice", "hcp", "--elements", "Ag,Pd", "--max-atoms", "4", "--a", "2.9",
                         "--json", "enumerate_test_hcp.cfg"});
  CHECK(r.exit_code == 0);
  mtp::JsonValue json;
  std::string error;
  CHECK(mtp::parseJson(r.out, &json, &error));
  const mtp::JsonValue* by = json.get("by_atoms");
  CHECK(by && by->get("2") && by->get("2")->number == 3);
  CHECK(by && by->get("4") && by->get("4")->number == 10);
}

TEST(usage_errors) {
  CHECK(engine({"enumerate", "--lattice", "sc", "--elements", "Ag", "--max-atoms", "2", "--a", "4", "x.cfg"}).exit_code == 2);
  CHECK(engine({"enumerate", "--lattice", "hcp", "--elements", "Ag", "--max-atoms", "1", "--a", "3", "x.cfg"}).exit_code == 2);
  CHECK(engine({"enumerate", "--lattice", "fcc", "--elements", "Ag,Pd", "--max-atoms", "4", "--a", "4,3,2", "x.cfg"}).exit_code == 2);
  CHECK(engine({"enumerate", "--lattice", "fcc", "--elements", "Ag,Pd", "--max-atoms", "4", "x.cfg"}).exit_code == 2);
  CHECK(engine({"enumerate", "--lattice", "fcc", "--elements", "Ag,Pd", "--max-atoms", "40", "--a", "4", "x.cfg"}).exit_code == 2);
}

TEST_MAIN()
