// Physical invariances of the MTP energy, forces and stress (level 16, 2 species, random
// coefficients): translation, rotation, permutation of like atoms, supercell replication, no
// dependence on atoms beyond the cutoff, forces summing to zero; thread-count independence.
#include <algorithm>
#include <cmath>

#include <Eigen/Dense>

#include "core/errors.h"
#include "eval/batch.h"
#include "eval/compiled_mtp.h"
#include "eval/eval_fixtures.h"
#include "eval/mtp_evaluator.h"
#include "testing.h"

using namespace mtp;
using namespace evaltest;

namespace {

const MtpEvaluator& evaluator() {
  static const MtpEvaluator ev(compileMtp(randomPotential(16, 2, 5, 1.9, 5.0, 0.05)));
  return ev;
}

Mat3 triclinicCell() {
  Mat3 L;
  L << 5.1, 0.0, 0.0, 1.4, 4.8, 0.0, -0.7, 0.9, 5.3;
  return L;
}

EfsResult eval(const Configuration& cfg) {
  EvalWorkspace ws;
  return evaluator().compute(cfg, EfsOptions{true, true, false}, ws);
}

double maxForceDiff(const std::vector<Vec3>& a, const std::vector<Vec3>& b) {
  double d = 0;
  for (size_t i = 0; i < a.size(); ++i) d = std::max(d, (a[i] - b[i]).cwiseAbs().maxCoeff());
  return d;
}

}  // namespace

TEST(translation) {
  const Configuration cfg = randomConfiguration(triclinicCell(), 8, 2, 1);
  const EfsResult a = eval(cfg);
  Configuration moved = cfg;
  for (auto& p : moved.positions) p += Vec3(13.7, -4.2, 0.31);
  const EfsResult b = eval(moved);
  CHECK_NEAR(a.energy, b.energy, 1e-10 * std::fabs(a.energy));
  CHECK(maxForceDiff(a.forces, b.forces) <= 1e-9 * (1 + a.forces[0].norm()));
}

TEST(rotation_of_cluster_and_crystal) {
  const Mat3 R = Eigen::AngleAxisd(0.7, Vec3(1, 2, -0.5).normalized()).toRotationMatrix();
  for (const Mat3& L : {Mat3(Mat3::Zero()), triclinicCell()}) {
    const Configuration cfg = randomConfiguration(L, 7, 2, 2);
    Configuration rot = cfg;
    for (auto& p : rot.positions) p = R * p;
    rot.lattice = (R * cfg.lattice.transpose()).transpose();
    const EfsResult a = eval(cfg), b = eval(rot);
    CHECK_NEAR(a.energy, b.energy, 1e-10 * std::fabs(a.energy));
    double fscale = 0, ferr = 0;
    for (int i = 0; i < cfg.size(); ++i) {
      fscale = std::max(fscale, a.forces[i].norm());
      ferr = std::max(ferr, (R * a.forces[i] - b.forces[i]).norm());
    }
    CHECK(ferr <= 1e-9 * fscale);
    // PlusStress transforms as a tensor: S' = R S Rᵀ.
    auto full = [](const Stress6& s) {
      Mat3 m;
      m << s[0], s[5], s[4], s[5], s[1], s[3], s[4], s[3], s[2];
      return m;
    };
    const Mat3 expect = R * full(a.plus_stress) * R.transpose();
    CHECK((expect - full(b.plus_stress)).cwiseAbs().maxCoeff() <= 1e-9 * full(a.plus_stress).cwiseAbs().maxCoeff());
  }
}

TEST(permutation_of_like_atoms) {
  const Configuration cfg = randomConfiguration(triclinicCell(), 9, 2, 3);
  Configuration perm = cfg;
  std::vector<int> order(cfg.size());
  for (int i = 0; i < cfg.size(); ++i) order[i] = (i * 4 + 3) % cfg.size();  // 4 coprime with 9
  for (int i = 0; i < cfg.size(); ++i) {
    perm.positions[i] = cfg.positions[order[i]];
    perm.types[i] = cfg.types[order[i]];
  }
  const EfsResult a = eval(cfg), b = eval(perm);
  CHECK_NEAR(a.energy, b.energy, 1e-10 * std::fabs(a.energy));
  for (int i = 0; i < cfg.size(); ++i) {
    CHECK((a.forces[order[i]] - b.forces[i]).norm() <= 1e-9 * (1 + a.forces[order[i]].norm()));
    CHECK_NEAR(a.site_energies[order[i]], b.site_energies[i], 1e-10 * (1 + std::fabs(a.site_energies[order[i]])));
  }
}

TEST(supercell_replication) {
  const Configuration cfg = randomConfiguration(triclinicCell(), 6, 2, 4);
  Configuration big;
  const int reps[3] = {2, 1, 3};
  for (int k = 0; k < 3; ++k) big.lattice.row(k) = cfg.lattice.row(k) * reps[k];
  for (int a = 0; a < reps[0]; ++a)
    for (int b = 0; b < reps[1]; ++b)
      for (int c = 0; c < reps[2]; ++c)
        for (int i = 0; i < cfg.size(); ++i) {
          big.positions.push_back(cfg.positions[i] + (Vec3(a, b, c).transpose() * cfg.lattice).transpose());
          big.types.push_back(cfg.types[i]);
        }
  const EfsResult small = eval(cfg), large = eval(big);
  CHECK_NEAR(large.energy, 6 * small.energy, 1e-11 * std::fabs(6 * small.energy));
  for (int s = 0; s < 6; ++s)
    CHECK_NEAR(large.plus_stress[s], 6 * small.plus_stress[s], 1e-10 * (1 + std::fabs(6 * small.plus_stress[s])));
  for (size_t i = 0; i < big.positions.size(); ++i)
    CHECK((large.forces[i] - small.forces[i % cfg.size()]).norm() <= 1e-9 * (1 + small.forces[i % cfg.size()].norm()));
}

TEST(nothing_beyond_the_cutoff_matters) {
  const Configuration cfg = randomConfiguration(Mat3::Zero(), 6, 2, 5);
  const EfsResult a = eval(cfg);
  Configuration more = cfg;
  // An atom further than max_dist (5 Å) from every other atom changes nothing but adds its own
  // isolated site energy s_t.
  Vec3 far = Vec3::Zero();
  for (const auto& p : cfg.positions) far = far.cwiseMax(p);
  more.positions.push_back(far + Vec3(5.0001, 5.0001, 5.0001));
  more.types.push_back(1);
  const EfsResult b = eval(more);
  CHECK_NEAR(b.energy - b.site_energies.back(), a.energy, 1e-12 * std::fabs(a.energy));
  CHECK_NEAR(b.site_energies.back(), evaluator().model().species_coeffs[1], 1e-15);
  CHECK(b.forces.back().norm() == 0.0);
  CHECK(maxForceDiff(a.forces, std::vector<Vec3>(b.forces.begin(), b.forces.end() - 1)) == 0.0);
}

TEST(forces_sum_to_zero) {
  for (const Mat3& L : {Mat3(Mat3::Zero()), triclinicCell(), Mat3(Mat3::Identity() * 3.3)}) {
    const Configuration cfg = randomConfiguration(L, 6, 2, 6);
    const EfsResult r = eval(cfg);
    Vec3 sum = Vec3::Zero();
    double scale = 0;
    for (const auto& f : r.forces) {
      sum += f;
      scale = std::max(scale, f.norm());
    }
    CHECK(sum.norm() <= 1e-11 * scale * cfg.size());
  }
}

TEST(threads_do_not_change_results) {
  std::vector<Configuration> cfgs;
  for (int k = 0; k < 12; ++k) cfgs.push_back(randomConfiguration(triclinicCell(), 4 + k % 5, 2, 100 + k));
  const auto one = evaluateBatch(evaluator(), cfgs, EfsOptions{true, true, true}, 1);
  const auto two = evaluateBatch(evaluator(), cfgs, EfsOptions{true, true, true}, 2);
  const auto three = evaluateBatch(evaluator(), cfgs, EfsOptions{true, true, true}, 3);
  for (size_t c = 0; c < cfgs.size(); ++c) {
    CHECK(one[c].ok && two[c].ok && three[c].ok);
    CHECK(one[c].result.energy == two[c].result.energy && one[c].result.energy == three[c].result.energy);
    CHECK(maxForceDiff(one[c].result.forces, two[c].result.forces) == 0.0);
    CHECK(one[c].result.plus_stress == three[c].result.plus_stress);
    CHECK(one[c].result.energy_gradient == two[c].result.energy_gradient);
  }
}

TEST(overlapping_atoms_are_a_clear_error) {
  Configuration cfg = randomConfiguration(Mat3::Zero(), 3, 2, 7);
  cfg.positions.push_back(cfg.positions[0]);
  cfg.types.push_back(0);
  EvalWorkspace ws;
  bool compute_error = false;
  try {
    evaluator().compute(cfg, EfsOptions{}, ws);
  } catch (const ComputeError&) {
    compute_error = true;
  }
  CHECK(compute_error);
  std::vector<Configuration> batch = {randomConfiguration(Mat3::Zero(), 3, 2, 8), cfg};
  const auto res = evaluateBatch(evaluator(), batch, EfsOptions{}, 2);
  CHECK(res[0].ok && !res[1].ok && !res[1].error.empty());
  Configuration bad_type = batch[0];
  bad_type.types[0] = 2;  // the potential has species 0 and 1
  CHECK_THROWS(evaluator().compute(bad_type, EfsOptions{}, ws));
}

TEST_MAIN()
