// A force field for relaxation and MD: an MTP (optionally with ∂E/∂θ for extrapolation grades)
// or the built-in EAM reference (reference/eam_model.h). Units: eV, Å, eV/Å; plus_stress is MLIP's
// PlusStress (virial, eV, −V·σ, order xx yy zz yz xz xy).
// A ForceField is shared read-only by all threads; each thread evaluates through its own Worker
// (a worker keeps the model alive, so it may outlive the ForceField that made it).
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "core/configuration.h"
#include "eval/mtp_evaluator.h"
#include "reference/eam_model.h"

namespace mtp {

struct ForceResult {
  double energy = 0.0;
  std::vector<Vec3> forces;
  Stress6 plus_stress{};
  std::vector<double> energy_gradient;  // ∂E/∂θ, only from an MTP asked for it
};

class ForceFieldWorker {
 public:
  virtual ~ForceFieldWorker() = default;
  // Throws ComputeError when the configuration cannot be evaluated (e.g. overlapping atoms).
  virtual ForceResult compute(const Configuration& cfg, bool energy_gradient) = 0;
  // The MTP evaluator's workspace (nbh grading reuses it); nullptr for other models.
  virtual EvalWorkspace* workspace() { return nullptr; }
};

class ForceField {
 public:
  virtual ~ForceField() = default;
  virtual std::unique_ptr<ForceFieldWorker> worker() const = 0;
  virtual std::string description() const = 0;  // for Feature EFS_by
  virtual const MtpEvaluator* mtp() const { return nullptr; }
  virtual const EamModel* eam() const { return nullptr; }
};

std::unique_ptr<ForceField> mtpForceField(MtpEvaluator evaluator, std::string description);
std::unique_ptr<ForceField> eamForceField(EamModel model);

}  // namespace mtp
