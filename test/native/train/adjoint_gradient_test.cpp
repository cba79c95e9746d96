// The loss gradient by the adjoint pass (MtpEvaluator::addFunctionalGradient through
// LossPassOptions::adjoint) equals Σ Jᵀ W r from the full Jacobian to rounding, for every
// weighting, with --scale-by-force, two species, and configurations missing energy, forces or
// stress; and it is bit-identical for 1 and 2 threads. (loss_gradient_fd_test checks the same path
// against finite differences.)
#include <iostream>

#include "testing.h"
#include "train/loss_pass.h"
#include "train/mtp_residual_model.h"
#include "train/parameter_vector.h"
#include "train_fixtures.h"

using namespace mtp;

namespace {

Eigen::VectorXd gradient(const MtpResidualModel& model, bool adjoint, int threads, double* loss = nullptr) {
  LossPass pass(model);
  LossPassOptions o;
  o.gauss_newton = false;
  o.adjoint = adjoint;
  o.threads = threads;
  const LossPassResult r = pass.run(o);
  if (loss) *loss = r.loss;
  return r.gradient;
}

double relativeDifference(const MtpPotential& pot, const std::vector<Configuration>& cfgs, const LossWeights& w) {
  MtpResidualModel model(pot, cfgs, w, 2);
  model.setParameters(packParameters(pot));
  double loss_a = 0.0, loss_j = 0.0;
  const Eigen::VectorXd a = gradient(model, true, 2, &loss_a);
  const Eigen::VectorXd j = gradient(model, false, 2, &loss_j);
  CHECK(loss_a == loss_j);
  CHECK(j.norm() > 0.0);
  const double rel = (a - j).cwiseAbs().maxCoeff() / j.cwiseAbs().maxCoeff();
  std::cerr << "  " << weightingName(w.weighting) << " sbf=" << w.scale_by_force << " C=" << pot.species_count
            << ": max |adjoint - Jacobian| / max |gradient| = " << rel << "\n";
  return rel;
}

}  // namespace

TEST(adjoint_gradient_equals_jacobian_product_for_every_weighting) {
  const MtpPotential pot = trainfx::level10();
  const auto cfgs = trainfx::moConfigurations(3);
  for (Weighting wt : {Weighting::Vibrations, Weighting::Molecules, Weighting::Structures}) {
    LossWeights w;
    w.weighting = wt;
    CHECK(relativeDifference(pot, cfgs, w) <= 1e-11);
  }
  LossWeights sbf;
  sbf.scale_by_force = 0.5;
  sbf.stress = 0.01;
  CHECK(relativeDifference(pot, cfgs, sbf) <= 1e-11);
}

TEST(adjoint_gradient_for_two_species_and_missing_quantities) {
  CHECK(relativeDifference(trainfx::level10CuPd(), trainfx::cuPdConfigurations(4), LossWeights{}) <= 1e-11);
  auto cfgs = trainfx::moConfigurations(3);
  cfgs[0].plus_stress.reset();
  cfgs[1].forces.clear();
  cfgs[2].energy.reset();
  CHECK(relativeDifference(trainfx::level10(), cfgs, LossWeights{}) <= 1e-11);
}

TEST(adjoint_gradient_is_identical_for_one_and_two_threads) {
  const MtpPotential pot = trainfx::level10CuPd();
  const auto cfgs = trainfx::cuPdConfigurations(6);
  MtpResidualModel model(pot, cfgs, LossWeights{}, 2);
  model.setParameters(packParameters(pot));
  const Eigen::VectorXd g1 = gradient(model, true, 1);
  const Eigen::VectorXd g2 = gradient(model, true, 2);
  CHECK(g1 == g2);
}

TEST_MAIN()
