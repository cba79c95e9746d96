// Issue 4 acceptance 1: the analytic gradient of the loss (energies, forces and PlusStress all
// present) matches fourth-order finite differences to <= 1e-6 relative, for every weighting, with
// --scale-by-force, for two species, and for the radial regulariser.
#include <iostream>

#include "testing.h"
#include "train/loss_fd_check.h"
#include "train/mtp_residual_model.h"
#include "train/parameter_vector.h"
#include "train_fixtures.h"

using namespace mtp;

namespace {

double check(const MtpPotential& pot, const std::vector<Configuration>& cfgs, const LossWeights& w,
             double regularization) {
  for (const Configuration& c : cfgs) CHECK(c.energy && c.hasForces() && c.plus_stress);
  MtpResidualModel model(pot, cfgs, w, 2);
  const ParamLayout lay = paramLayout(pot);
  const RadialRegularizer reg(pot.species_count * pot.species_count, pot.radialFuncsCount(),
                              pot.radial_basis_size, regularization);
  const LossFdCheck r = checkLossGradient(model, lay, reg, packParameters(pot), 2);
  std::cerr << "  " << weightingName(w.weighting) << " sbf=" << w.scale_by_force << " reg=" << regularization
            << " C=" << pot.species_count << ": loss " << r.loss << ", worst relative error "
            << r.worst_relative << " at parameter " << r.worst_index << " of " << lay.total() << "\n";
  CHECK(r.loss > 0.0);
  return r.worst_relative;
}

}  // namespace

TEST(gradient_matches_fd_for_every_weighting) {
  const MtpPotential pot = trainfx::level10();
  const auto cfgs = trainfx::moConfigurations(3);
  for (Weighting wt : {Weighting::Vibrations, Weighting::Molecules, Weighting::Structures}) {
    LossWeights w;
    w.weighting = wt;
    CHECK(check(pot, cfgs, w, 1e-9) <= 1e-6);
  }
}

TEST(gradient_matches_fd_with_scale_by_force_and_strong_regulariser) {
  const MtpPotential pot = trainfx::level10();
  const auto cfgs = trainfx::moConfigurations(2);
  LossWeights w;
  w.scale_by_force = 0.5;
  w.stress = 0.01;
  CHECK(check(pot, cfgs, w, 1e-9) <= 1e-6);
  // A regulariser weight large enough to matter in the total (1e-9 is invisible next to the data).
  CHECK(check(pot, cfgs, LossWeights{}, 1e-2) <= 1e-6);
}

TEST(gradient_matches_fd_for_two_species) {
  const MtpPotential pot = trainfx::level10CuPd();
  const auto cfgs = trainfx::cuPdConfigurations(4);
  CHECK(check(pot, cfgs, LossWeights{}, 1e-9) <= 1e-6);
}

TEST_MAIN()
