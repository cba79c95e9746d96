// calc-efs with several potentials: the written energy, forces and PlusStress are the ensemble
// means and the Features energy_std / force_std / force_std_max / stress_std the sample standard
// deviations, checked against single-potential runs of the same members (ensemble A, B, A: mean
// (2a + b)/3, sample σ |a − b|/√3).
#include <cmath>
#include <sstream>

#include "core/json.h"
#include "engine_process.h"
#include "io/cfg_reader.h"
#include "testing.h"

using namespace mtp;
using cli_test::engine;

namespace {

const std::string kData = MTP_SHARED_DATA;
const std::string kPotA = kData + "/mlearn/Mo/mtp.2020.01/fitted.mtp";
const std::string kPotB = kData + "/mlip-reference/generated-by-mlip3/L10_1species/pot10_s1.almtp";
const std::string kCfg = kData + "/mlearn/Mo/cfg/test.cfg";

std::string tempPath(const std::string& name) { return "/tmp/mtp_calc_efs_ensemble_" + name; }

std::vector<double> parseNumbers(const std::string* s) {
  std::vector<double> v;
  if (!s) return v;
  std::istringstream in(*s);
  double x;
  while (in >> x) v.push_back(x);
  return v;
}

}  // namespace

TEST(ensemble_mean_and_standard_deviation) {
  const std::string a = tempPath("a.cfg"), b = tempPath("b.cfg"), e = tempPath("e.cfg");
  CHECK(engine({"calc-efs", kPotA, kCfg, a, "--lossless"}).exit_code == 0);
  CHECK(engine({"calc-efs", kPotB, kCfg, b, "--lossless"}).exit_code == 0);
  const cli_test::Run r = engine({"calc-efs", kPotA, kPotB, kPotA, kCfg, e, "--lossless", "--json"});
  CHECK(r.exit_code == 0);
  JsonValue v;
  std::string why;
  CHECK(parseJson(r.out, &v, &why));
  CHECK(v.get("potentials") && v.get("potentials")->number == 3);
  const auto ca = readCfgFile(a), cb = readCfgFile(b), ce = readCfgFile(e);
  CHECK(ce.size() == ca.size() && ca.size() == 23);
  const double inv_sqrt3 = 1.0 / std::sqrt(3.0);
  double largest_force_std = 0.0;
  for (size_t c = 0; c < ce.size() && c < ca.size(); ++c) {
    const double ea = *ca[c].energy, eb = *cb[c].energy;
    CHECK_NEAR(*ce[c].energy, (2 * ea + eb) / 3, 1e-9 * std::fabs(ea));
    CHECK(ce[c].feature("EFS_by") && *ce[c].feature("EFS_by") == "EnsembleMTP3");
    CHECK(parseNumbers(ce[c].feature("ensemble_size")) == std::vector<double>{3});
    const std::vector<double> es = parseNumbers(ce[c].feature("energy_std"));
    CHECK(es.size() == 1 && std::fabs(es[0] - std::fabs(ea - eb) * inv_sqrt3) <= 1e-6 * std::fabs(ea - eb) + 1e-9);
    const std::vector<double> fs = parseNumbers(ce[c].feature("force_std"));
    CHECK(static_cast<int>(fs.size()) == ce[c].size());
    double fmax = 0.0;
    for (int i = 0; i < ce[c].size() && i < static_cast<int>(fs.size()); ++i) {
      const Vec3 fa = ca[c].forces[i], fb = cb[c].forces[i];
      CHECK((ce[c].forces[i] - (2 * fa + fb) / 3).cwiseAbs().maxCoeff() <= 1e-9);
      const double expect = (fa - fb).norm() * inv_sqrt3;
      CHECK(std::fabs(fs[i] - expect) <= 1e-6 * expect + 1e-9);
      fmax = std::max(fmax, expect);
    }
    const std::vector<double> fm = parseNumbers(ce[c].feature("force_std_max"));
    CHECK(fm.size() == 1 && std::fabs(fm[0] - fmax) <= 1e-6 * fmax + 1e-9);
    largest_force_std = std::max(largest_force_std, fmax);
    const std::vector<double> ss = parseNumbers(ce[c].feature("stress_std"));
    CHECK(ss.size() == 6);
    for (int s = 0; s < 6 && s < static_cast<int>(ss.size()); ++s) {
      const double sa = (*ca[c].plus_stress)[s], sb = (*cb[c].plus_stress)[s];
      CHECK_NEAR((*ce[c].plus_stress)[s], (2 * sa + sb) / 3, 1e-9 * (std::fabs(sa) + 1.0));
      CHECK(std::fabs(ss[s] - std::fabs(sa - sb) * inv_sqrt3) <= 1e-6 * std::fabs(sa - sb) + 1e-8);
    }
  }
  CHECK(largest_force_std > 1e-3);  // the two potentials really differ
}

TEST(single_potential_output_has_no_ensemble_features) {
  const std::string a = tempPath("single.cfg");
  CHECK(engine({"calc-efs", kPotA, kCfg, a}).exit_code == 0);
  const auto ca = readCfgFile(a);
  CHECK(!ca.empty() && !ca[0].feature("energy_std") && *ca[0].feature("EFS_by") == "MultiMTP289");
}

TEST_MAIN()
