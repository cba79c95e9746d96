#include "sim/md.h"

#include <cmath>
#include <cstdio>
#include <limits>

#include "core/errors.h"
#include "sim/random.h"

namespace mtp {

namespace {

constexpr double kAccel = 9.6485332123e-3;    // Å/fs² per eV/(Å·amu)
constexpr double kBoltzmann = 8.617333262e-5;  // eV/K
constexpr double kGPaPerEvA3 = 160.21766208;

}  // namespace

MdResult runMd(const Configuration& start, ForceFieldWorker& ff, const std::vector<double>& masses,
               const MdOptions& o, const ExtrapolationMonitor* monitor,
               const std::function<void(const ThermoRow&)>& on_thermo) {
  const int n = start.size();
  if (n == 0) throw ComputeError("md: empty configuration");
  if (!(o.timestep > 0.0)) throw ComputeError("md: the timestep must be > 0");
  std::vector<double> m(n);
  for (int i = 0; i < n; ++i) {
    const int t = start.types[i];
    if (t < 0 || t >= static_cast<int>(masses.size()) || !(masses[t] > 0.0))
      throw ComputeError("md: no mass for atom type " + std::to_string(t));
    m[i] = masses[t];
  }
  const int dof = n > 1 ? 3 * n - 3 : 3;
  Rng rng(o.seed);
  Configuration cfg = start;
  cfg.energy.reset();
  cfg.forces.clear();
  cfg.plus_stress.reset();
  std::vector<Vec3> v(n, Vec3::Zero());
  // Maxwell–Boltzmann velocities, zero total momentum, scaled to exactly the temperature.
  if (o.temperature > 0.0) {
    Vec3 p = Vec3::Zero();
    double mass = 0.0;
    for (int i = 0; i < n; ++i) {
      const double sigma = std::sqrt(kBoltzmann * o.temperature / m[i] * kAccel);  // Å/fs
      v[i] = sigma * Vec3(rng.normal(), rng.normal(), rng.normal());
      p += m[i] * v[i];
      mass += m[i];
    }
    if (n > 1)
      for (auto& vi : v) vi -= p / mass;
    double ke = 0.0;
    for (int i = 0; i < n; ++i) ke += 0.5 * m[i] * v[i].squaredNorm() / kAccel;
    if (ke > 0.0) {
      const double s = std::sqrt(0.5 * dof * kBoltzmann * o.temperature / ke);
      for (auto& vi : v) vi *= s;
    }
  }
  const bool grade_gradient = monitor && monitor->needsEnergyGradient();
  ForceResult r = ff.compute(cfg, grade_gradient);
  MdResult res;
  const double dt = o.timestep;
  const double c1 = std::exp(-o.friction * dt), c2 = std::sqrt(1.0 - c1 * c1);

  auto kinetic = [&] {
    double ke = 0.0;
    for (int i = 0; i < n; ++i) ke += 0.5 * m[i] * v[i].squaredNorm() / kAccel;
    return ke;
  };
  auto withResults = [&] {
    Configuration c = cfg;
    c.energy = r.energy;
    c.forces = r.forces;
    c.plus_stress = r.plus_stress;
    return c;
  };
  // Grades the current configuration; true if the run must stop.
  double last_grade = 0.0;
  auto watch = [&](long step) {
    if (!monitor) return false;
    const ConfigurationGrade g = monitor->grade(cfg, r, ff);
    last_grade = g.ok ? g.grade : std::numeric_limits<double>::infinity();
    res.max_grade = std::max(res.max_grade, last_grade);
    if (monitor->selects(last_grade)) {
      Configuration keep = withResults();
      keep.setFeature("MV_grade", gradeFeatureText(last_grade));
      keep.setFeature("md_step", std::to_string(step));
      res.preselected.push_back(std::move(keep));
    }
    if (monitor->breaks(last_grade)) {
      res.broke = true;
      res.message = "extrapolation grade " + gradeFeatureText(last_grade) + " above the break threshold at step " + std::to_string(step);
      return true;
    }
    return false;
  };
  auto report = [&](long step) {
    ThermoRow row;
    row.step = step;
    row.time = step * dt;
    row.potential = r.energy;
    row.kinetic = kinetic();
    row.total = row.potential + row.kinetic;
    row.temperature = 2.0 * row.kinetic / (dof * kBoltzmann);
    const bool periodic = cfg.periodic(0) && cfg.periodic(1) && cfg.periodic(2);
    if (periodic) {
      const double w = r.plus_stress[XX] + r.plus_stress[YY] + r.plus_stress[ZZ];
      row.pressure = (2.0 * row.kinetic + w) / (3.0 * cfg.volume()) * kGPaPerEvA3;
    }
    row.grade = last_grade;
    res.thermo.push_back(row);
    if (on_thermo) on_thermo(row);
  };
  auto dump = [&](long step) {
    Configuration c = withResults();
    if (monitor) c.setFeature("MV_grade", gradeFeatureText(last_grade));
    c.setFeature("md_step", std::to_string(step));
    res.trajectory.push_back(std::move(c));
  };

  bool stop = watch(0);
  report(0);
  if (o.dump_every > 0) dump(0);
  long step = 0;
  while (!stop && step < o.steps) {
    for (int i = 0; i < n; ++i) v[i] += 0.5 * dt * kAccel / m[i] * r.forces[i];
    if (o.langevin) {
      for (int i = 0; i < n; ++i) cfg.positions[i] += 0.5 * dt * v[i];
      for (int i = 0; i < n; ++i) {
        const double sigma = std::sqrt(kBoltzmann * o.temperature / m[i] * kAccel);
        v[i] = c1 * v[i] + c2 * sigma * Vec3(rng.normal(), rng.normal(), rng.normal());
      }
      for (int i = 0; i < n; ++i) cfg.positions[i] += 0.5 * dt * v[i];
    } else {
      for (int i = 0; i < n; ++i) cfg.positions[i] += dt * v[i];
    }
    try {
      r = ff.compute(cfg, grade_gradient);
    } catch (const std::exception& e) {
      res.message = "step " + std::to_string(step + 1) + ": " + e.what();
      break;
    }
    for (int i = 0; i < n; ++i) v[i] += 0.5 * dt * kAccel / m[i] * r.forces[i];
    ++step;
    stop = watch(step);
    if (stop || step == o.steps || (o.thermo_every > 0 && step % o.thermo_every == 0)) report(step);
    if (o.dump_every > 0 && (step % o.dump_every == 0 || stop)) dump(step);
  }
  res.steps_done = step;
  res.final = withResults();
  return res;
}

}  // namespace mtp
