// Molecular dynamics: velocity Verlet (NVE) and Langevin NVT (BAOAB splitting: half kick, half
// drift, Ornstein–Uhlenbeck velocity update v ← c v + √(1−c²)·√(kT/m)·ξ with c = exp(−γ·dt),
// half drift, half kick), seeded and reproducible (sim/random.h). Units: Å, fs, amu, eV, K;
// a = F/m · 9.6485332e−3 Å/fs² per eV/(Å·amu).
// With an ExtrapolationMonitor every step's configuration is graded (γ_select / γ_break); a grade
// above γ_break stops the run at that step (the paper's "reliability" = steps reached / steps).
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "sim/extrapolation_monitor.h"
#include "sim/force_field.h"

namespace mtp {

struct MdOptions {
  double timestep = 1.0;       // fs
  long steps = 1000;
  double temperature = 300.0;  // K: initial Maxwell–Boltzmann velocities and the NVT target
  bool langevin = false;       // false: NVE
  double friction = 0.01;      // Langevin γ, 1/fs
  std::uint64_t seed = 1;
  int thermo_every = 10;       // thermo rows every N steps (and at the last step)
  int dump_every = 0;          // trajectory frames every N steps (0: none)
};

struct ThermoRow {
  long step = 0;
  double time = 0.0;          // fs
  double temperature = 0.0;   // K (3N−3 degrees of freedom)
  double potential = 0.0;     // eV
  double kinetic = 0.0;       // eV
  double total = 0.0;         // eV; conserved in NVE
  double pressure = 0.0;      // GPa, (2·E_kin + tr W)/(3V); 0 without a periodic cell
  double grade = 0.0;         // γ of this step (0 without a monitor)
};

struct MdResult {
  long steps_done = 0;        // steps completed (= the step reached when it broke)
  bool broke = false;         // stopped by γ_break
  std::string message;
  double max_grade = 0.0;
  Configuration final;        // last configuration, with energy/forces/PlusStress
  std::vector<ThermoRow> thermo;
  std::vector<Configuration> trajectory;   // every dump_every steps, with EFS (and MV_grade)
  std::vector<Configuration> preselected;  // γ > γ_select, with MV_grade
};

// masses: amu per atom type. Throws ComputeError if the start cannot be evaluated; a failure
// during the run (e.g. atoms collapsing) ends it with message set.
MdResult runMd(const Configuration& start, ForceFieldWorker& ff, const std::vector<double>& masses,
               const MdOptions& options, const ExtrapolationMonitor* monitor = nullptr,
               const std::function<void(const ThermoRow&)>& on_thermo = {});

}  // namespace mtp
