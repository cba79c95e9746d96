// Forces and PlusStress against finite differences of the energy, for every template level 2–24,
// 1–3 species, periodic / non-periodic / slab / triclinic / cells smaller than the cutoff.
// Tolerance: max component error ≤ 1e-6 × max |component| (relative to the force / stress scale).
#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "eval/compiled_mtp.h"
#include "eval/fd_checks.h"
#include "eval/eval_fixtures.h"
#include "eval/mtp_evaluator.h"
#include "testing.h"

using namespace mtp;
using namespace evaltest;

namespace {

struct CellCase {
  const char* name;
  Mat3 lattice;
  int atoms;
};

std::vector<CellCase> cells() {
  Mat3 cubic_small = Mat3::Identity() * 3.1;  // smaller than the 5 Å cutoff: many self-images
  Mat3 triclinic;
  triclinic << 4.2, 0.0, 0.0, 1.3, 3.9, 0.0, -0.8, 1.1, 4.4;
  Mat3 slab = Mat3::Zero();  // periodic in a1, a2 only
  slab.row(0) << 4.5, 0.3, 0.0;
  slab.row(1) << -1.0, 4.1, 0.0;
  Mat3 wire = Mat3::Zero();  // periodic along one (oblique) row
  wire.row(1) << 0.5, 3.3, 0.7;
  return {{"cubic_small", cubic_small, 2},
          {"triclinic", triclinic, 5},
          {"slab", slab, 6},
          {"wire", wire, 4},
          {"cluster", Mat3::Zero(), 7}};
}

double worstForceError(const MtpEvaluator& ev, const Configuration& cfg, int atoms_checked, double* scale_out) {
  EvalWorkspace ws;
  const EfsResult ref = ev.compute(cfg, EfsOptions{}, ws);
  double scale = 0.0;
  for (const Vec3& f : ref.forces) scale = std::max(scale, f.cwiseAbs().maxCoeff());
  double worst = 0.0;
  for (int a = 0; a < std::min(atoms_checked, cfg.size()); ++a)
    for (int c = 0; c < 3; ++c) {
      const double fd = -derivative4(
          [&](double h) {
            Configuration moved = cfg;
            moved.positions[a][c] += h;
            return ev.compute(moved, EfsOptions{false, false, false}, ws).energy;
          },
          1e-4);
      worst = std::max(worst, std::fabs(fd - ref.forces[a][c]));
    }
  *scale_out = scale;
  return worst;
}

double worstStressError(const MtpEvaluator& ev, const Configuration& cfg, double* scale_out) {
  EvalWorkspace ws;
  const EfsResult ref = ev.compute(cfg, EfsOptions{}, ws);
  double scale = 0.0, worst = 0.0;
  for (double s : ref.plus_stress) scale = std::max(scale, std::fabs(s));
  for (int s = 0; s < 6; ++s) {
    const double fd = -derivative4(
        [&](double h) { return ev.compute(strained(cfg, s, h), EfsOptions{false, false, false}, ws).energy; },
        1e-5);
    worst = std::max(worst, std::fabs(fd - ref.plus_stress[s]));
  }
  *scale_out = scale;
  return worst;
}

void checkLevel(int level) {
  int case_index = 0;
  for (const CellCase& cell : cells()) {
    const int species = 1 + (level / 2 + case_index) % 3;
    const MtpPotential pot = randomPotential(level, species, 1000u + level * 10 + case_index);
    const MtpEvaluator ev(compileMtp(pot));
    const Configuration cfg = randomConfiguration(cell.lattice, cell.atoms, species, 77u + case_index, 1.7);
    const int checked = level <= 16 ? cfg.size() : 2;
    double fscale = 0, sscale = 0;
    const double ferr = worstForceError(ev, cfg, checked, &fscale);
    const double serr = worstStressError(ev, cfg, &sscale);
    if (std::getenv("MTP_TEST_VERBOSE") || !(ferr <= 1e-6 * fscale) || !(serr <= 1e-6 * sscale) || fscale == 0.0)
      std::cerr << "level " << level << " " << cell.name << " species " << species << ": force err " << ferr
                << " / scale " << fscale << ", stress err " << serr << " / scale " << sscale << "\n";
    CHECK(fscale > 0.0);
    CHECK(ferr <= 1e-6 * fscale);
    CHECK(serr <= 1e-6 * sscale);
    ++case_index;
  }
}

}  // namespace

TEST(levels_2_to_8) { for (int l : {2, 4, 6, 8}) checkLevel(l); }
TEST(levels_10_to_14) { for (int l : {10, 12, 14}) checkLevel(l); }
TEST(levels_16_to_20) { for (int l : {16, 18, 20}) checkLevel(l); }
TEST(levels_22_24) { for (int l : {22, 24}) checkLevel(l); }

TEST_MAIN()
