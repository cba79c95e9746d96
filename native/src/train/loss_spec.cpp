#include "train/loss_spec.h"

#include <stdexcept>

#include <Eigen/LU>

namespace mtp {

Weighting parseWeighting(const std::string& name) {
  if (name == "vibrations") return Weighting::Vibrations;
  if (name == "molecules") return Weighting::Molecules;
  if (name == "structures") return Weighting::Structures;
  throw std::invalid_argument("unknown weighting '" + name +
                              "' (expected vibrations, molecules or structures)");
}

const char* weightingName(Weighting w) {
  switch (w) {
    case Weighting::Molecules: return "molecules";
    case Weighting::Structures: return "structures";
    case Weighting::Vibrations: break;
  }
  return "vibrations";
}

ResidualLayout residualLayout(const Configuration& cfg, const LossWeights& w) {
  ResidualLayout lay;
  const int n = cfg.size();
  lay.atoms = n;
  if (cfg.periodic(0) && cfg.periodic(1) && cfg.periodic(2)) lay.volume = cfg.volume();
  const double nd = n > 0 ? static_cast<double>(n) : 1.0;
  double e_scale = 1.0, f_scale = 1.0, s_scale = 1.0;
  switch (w.weighting) {
    case Weighting::Vibrations: e_scale = 1.0 / nd; s_scale = 1.0 / nd; break;
    case Weighting::Molecules: break;
    case Weighting::Structures:
      e_scale = 1.0 / (nd * nd); f_scale = 1.0 / nd; s_scale = 1.0 / (nd * nd); break;
  }
  lay.has_energy = cfg.energy.has_value() && w.energy > 0.0;
  lay.has_forces = cfg.hasForces() && n > 0 && w.force > 0.0;
  lay.has_stress = cfg.plus_stress.has_value() && w.stress > 0.0;
  if (lay.has_energy) {
    lay.energy_row = lay.rows;
    lay.rows += 1;
    lay.reference.push_back(*cfg.energy);
    lay.weight.push_back(w.energy * e_scale);
  }
  if (lay.has_forces) {
    lay.force_row = lay.rows;
    lay.rows += 3 * n;
    for (int i = 0; i < n; ++i) {
      const Vec3& f = cfg.forces[i];
      double wf = w.force * f_scale;
      if (w.scale_by_force > 0.0) wf *= w.scale_by_force / (f.squaredNorm() + w.scale_by_force);
      for (int d = 0; d < 3; ++d) {
        lay.reference.push_back(f[d]);
        lay.weight.push_back(wf);
      }
    }
  }
  if (lay.has_stress) {
    lay.stress_row = lay.rows;
    lay.rows += 6;
    for (int c = 0; c < 6; ++c) {
      lay.reference.push_back((*cfg.plus_stress)[c]);
      // Frobenius norm of the symmetric 3x3 tensor: off-diagonal entries appear twice.
      lay.weight.push_back(w.stress * s_scale * (c < 3 ? 1.0 : 2.0));
    }
  }
  return lay;
}

}  // namespace mtp
