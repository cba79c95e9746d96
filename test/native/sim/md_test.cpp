// Molecular dynamics: NVE conserves energy, Langevin NVT is reproducible from its seed and holds
// the temperature, and γ_break stops a run at the step reached.
#include <cmath>

#include "active/active_set.h"
#include "eval/compiled_mtp.h"
#include "io/cfg_reader.h"
#include "io/mtp_file.h"
#include "reference/eam_model.h"
#include "sim/md.h"
#include "sim_fixtures.h"
#include "testing.h"

using namespace mtp;
using namespace sim_test;

TEST(nve_conserves_energy) {
  const EamModel eam = EamModel::zhou2004({"Cu"});
  auto w = eamForceField(eam)->worker();
  MdOptions o;
  o.timestep = 1.0;
  o.steps = 400;
  o.temperature = 600.0;
  o.thermo_every = 1;
  const MdResult r = runMd(fcc(3.615, 2), *w, eam.masses(), o);
  CHECK(r.steps_done == 400);
  CHECK_NEAR(r.thermo.front().temperature, 600.0, 1e-6);  // velocities scaled to exactly T
  double drift = 0.0;
  for (const auto& t : r.thermo) drift = std::max(drift, std::abs(t.total - r.thermo.front().total));
  std::cerr << "NVE, 32 Cu atoms, 1 fs: largest |Etot - Etot(0)| = " << drift << " eV\n";
  CHECK(drift < 32 * 2e-4);
  CHECK(r.thermo.back().temperature > 100.0);  // kinetic energy went to the potential and back
}

TEST(langevin_is_reproducible_and_thermostatted) {
  const EamModel eam = EamModel::zhou2004({"Ag", "Pd"});
  auto w = eamForceField(eam)->worker();
  Configuration start = fcc(3.95, 2);
  for (int i = 0; i < start.size(); i += 2) start.types[i] = 1;
  MdOptions o;
  o.langevin = true;
  o.temperature = 500.0;
  o.friction = 0.02;
  o.steps = 2500;
  o.thermo_every = 1;
  o.seed = 42;
  const MdResult a = runMd(start, *w, eam.masses(), o);
  const MdResult b = runMd(start, *w, eam.masses(), o);
  CHECK(a.final.positions == b.final.positions);
  o.seed = 43;
  const MdResult c = runMd(start, *w, eam.masses(), o);
  CHECK(a.final.positions != c.final.positions);
  double mean = 0.0;
  int count = 0;
  for (const auto& t : a.thermo)
    if (t.step >= 500) {
      mean += t.temperature;
      ++count;
    }
  mean /= count;
  std::cerr << "Langevin 500 K: mean T over steps 500-2500 = " << mean << " K\n";
  CHECK(std::abs(mean - 500.0) < 75.0);
}

TEST(break_threshold_stops_at_the_step_reached) {
  const std::string root = std::string(MTP_SHARED_DATA) + "/mlip-reference/";
  const std::string pot = root + "generated-by-mlip3/L10_1species/pot10_s1.almtp";
  const auto train = readCfgFile(root + "mlip3-examples/07.relax/to-relax.cfg");
  ActiveSet set(readMtpFile(pot), SelectionSettings{});
  set.addTraining(train, 2);
  auto ff = mtpForceField(MtpEvaluator(compileMtp(readMtpFile(pot))), pot);
  auto w = ff->worker();
  MdOptions o;
  o.temperature = 3000.0;
  o.steps = 2000;
  o.timestep = 2.0;
  o.langevin = true;
  o.friction = 0.05;
  ExtrapolationMonitor monitor(set, 1.05, 1.5);
  const MdResult r = runMd(train[0], *w, {63.546}, o, &monitor);
  std::cerr << "broke: " << r.broke << " at step " << r.steps_done << " (max grade " << r.max_grade << ")\n";
  CHECK(r.broke);
  CHECK(r.steps_done >= 1);  // a training configuration grades 1 at step 0
  CHECK(r.steps_done < o.steps);
  CHECK(r.max_grade > 1.5);
  CHECK(!r.preselected.empty());
  // Deterministic: the same seed breaks at the same step.
  const MdResult again = runMd(train[0], *w, {63.546}, o, &monitor);
  CHECK(again.steps_done == r.steps_done);
}

TEST_MAIN()
