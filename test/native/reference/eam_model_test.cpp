// EamModel: forces and PlusStress are the derivatives of the energy (finite differences), the usual
// invariances, and clear errors. Runs on the Zhou 2004 models (no data files needed).
#include <cmath>
#include <Eigen/Geometry>
#include <random>

#include "core/errors.h"
#include "reference/eam_model.h"
#include "testing.h"

using namespace mtp;

namespace {

// fcc supercell n×n×n (4 atoms per cube of side a), random types and displacements, then a general
// (non-symmetric) deformation so that the cell is triclinic.
Configuration randomCrystal(int n, double a, int species, unsigned seed, double shake = 0.1,
                            double shear = 0.04) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> u(-1.0, 1.0);
  Configuration c;
  c.lattice = Mat3::Identity() * (n * a);
  const Vec3 basis[4] = {{0, 0, 0}, {0.5, 0.5, 0}, {0.5, 0, 0.5}, {0, 0.5, 0.5}};
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j)
      for (int k = 0; k < n; ++k)
        for (const Vec3& b : basis) {
          c.positions.push_back(a * (Vec3(i, j, k) + b) + shake * Vec3(u(rng), u(rng), u(rng)));
          c.types.push_back(static_cast<int>(rng() % species));
        }
  Mat3 def = Mat3::Identity();
  for (int r = 0; r < 3; ++r)
    for (int q = 0; q < 3; ++q) def(r, q) += shear * u(rng);
  c.lattice = c.lattice * def.transpose();
  for (Vec3& p : c.positions) p = def * p;
  return c;
}

Configuration primitiveFcc(double a, int type) {
  Configuration c;
  c.lattice << 0, a / 2, a / 2, a / 2, 0, a / 2, a / 2, a / 2, 0;
  c.positions.push_back(Vec3::Zero());
  c.types.push_back(type);
  return c;
}

Configuration cluster(int species, unsigned seed) {
  Configuration c = randomCrystal(1, 4.0, species, seed, 0.15, 0.0);
  c.positions.push_back(Vec3(2.0, 2.0, 2.0));  // centre atom: a 5-atom cluster with 4 fcc neighbours
  c.types.push_back(0);
  c.lattice = Mat3::Zero();
  return c;
}

void checkForcesAndStressByFiniteDifferences(const EamModel& m, const Configuration& c, double tol) {
  const EamResult r = m.evaluate(c);
  const double h = 1e-5;
  double worst_f = 0, worst_s = 0;
  for (int i = 0; i < c.size(); ++i)
    for (int k = 0; k < 3; ++k) {
      Configuration p = c, q = c;
      p.positions[i][k] += h;
      q.positions[i][k] -= h;
      const double fd = -(m.evaluate(p).energy - m.evaluate(q).energy) / (2 * h);
      worst_f = std::max(worst_f, std::fabs(fd - r.forces[i][k]) / std::max(1.0, std::fabs(fd)));
    }
  const int ia[6] = {0, 1, 2, 1, 0, 0}, ib[6] = {0, 1, 2, 2, 2, 1};  // xx yy zz yz xz xy
  for (int s = 0; s < 6; ++s) {
    auto deformed = [&](double e) {
      Mat3 d = Mat3::Identity();
      d(ia[s], ib[s]) += e;
      Configuration x = c;
      x.lattice = x.lattice * d.transpose();
      for (Vec3& p : x.positions) p = d * p;
      return m.evaluate(x).energy;
    };
    const double fd = -(deformed(h) - deformed(-h)) / (2 * h);
    worst_s = std::max(worst_s, std::fabs(fd - r.plus_stress[s]) / std::max(1.0, std::fabs(fd)));
  }
  CHECK(worst_f <= tol);
  CHECK(worst_s <= tol);
  if (worst_f > tol || worst_s > tol)
    std::fprintf(stderr, "  FD worst force %.2e stress %.2e (%s, %d atoms)\n", worst_f, worst_s,
                 m.description().c_str(), c.size());
}

}  // namespace

TEST(forces_and_stress_are_energy_derivatives) {
  // The analytic model is smooth; LAMMPS's spline has continuous first derivatives, so both must
  // pass the same finite-difference check (h = 1e-5 Å, relative tolerance 1e-6 with floor 1).
  for (auto form : {EamModel::ZhouForm::Analytic, EamModel::ZhouForm::Tabulated}) {
    const EamModel m = EamModel::zhou2004({"Ag", "Pd"}, form);
    checkForcesAndStressByFiniteDifferences(m, randomCrystal(2, 3.99, 2, 11), 1e-6);
    checkForcesAndStressByFiniteDifferences(m, primitiveFcc(3.85, 1), 1e-6);
    checkForcesAndStressByFiniteDifferences(m, cluster(2, 5), 1e-6);
    // Strongly compressed: high-density branch of F.
    checkForcesAndStressByFiniteDifferences(m, randomCrystal(1, 3.4, 2, 3, 0.05), 1e-6);
  }
}

TEST(invariances) {
  const EamModel m = EamModel::zhou2004({"Cu", "Ni", "Au"}, EamModel::ZhouForm::Analytic);
  const Configuration c = randomCrystal(2, 3.6, 3, 7);
  const EamResult r = m.evaluate(c);

  // Forces sum to zero; site energies sum to the energy; virial symmetric by construction.
  Vec3 total = Vec3::Zero();
  double site_sum = 0;
  for (int i = 0; i < c.size(); ++i) {
    total += r.forces[i];
    site_sum += r.site_energies[i];
  }
  CHECK(total.norm() <= 1e-10);
  CHECK_NEAR(site_sum, r.energy, 1e-10);

  // Translation and rotation.
  Configuration t = c;
  for (Vec3& p : t.positions) p += Vec3(0.37, -1.2, 5.1);
  CHECK_NEAR(m.evaluate(t).energy, r.energy, 1e-9);
  const Mat3 rot = Eigen::AngleAxisd(0.7, Vec3(1, 2, 3).normalized()).toRotationMatrix();
  Configuration q = c;
  q.lattice = q.lattice * rot.transpose();
  for (Vec3& p : q.positions) p = rot * p;
  const EamResult rq = m.evaluate(q);
  CHECK_NEAR(rq.energy, r.energy, 1e-9);
  for (int i = 0; i < c.size(); ++i) CHECK((rq.forces[i] - rot * r.forces[i]).norm() <= 1e-9);

  // Permutation of atoms.
  Configuration p = c;
  std::swap(p.positions[0], p.positions[5]);
  std::swap(p.types[0], p.types[5]);
  const EamResult rp = m.evaluate(p);
  CHECK_NEAR(rp.energy, r.energy, 1e-9);
  CHECK((rp.forces[0] - r.forces[5]).norm() <= 1e-10);

  // Supercell replication: 2× the energy and the virial, the same forces.
  Configuration big = c;
  big.lattice.row(0) *= 2.0;
  for (int i = 0; i < c.size(); ++i) {
    big.positions.push_back(c.positions[i] + Vec3(c.lattice.row(0)));
    big.types.push_back(c.types[i]);
  }
  const EamResult rb = m.evaluate(big);
  CHECK_NEAR(rb.energy, 2 * r.energy, 1e-8);
  for (int i = 0; i < c.size(); ++i) CHECK((rb.forces[i] - r.forces[i]).norm() <= 1e-9);
  for (int k = 0; k < 6; ++k) CHECK_NEAR(rb.plus_stress[k], 2 * r.plus_stress[k], 1e-8);
}

TEST(nothing_beyond_the_cutoff) {
  const EamModel m = EamModel::zhou2004({"Ag", "Pd"}, EamModel::ZhouForm::Tabulated);
  Configuration dimer;
  dimer.positions = {Vec3::Zero(), Vec3(m.cutoff() + 1e-9, 0, 0)};
  dimer.types = {0, 1};
  const EamResult r = m.evaluate(dimer);
  double F0, F1, d;
  EamZhouAnalytic(ZhouAlloy(selectZhouElements({"Ag", "Pd"}))).embedding(0, 0.0, F0, d);
  EamZhouAnalytic(ZhouAlloy(selectZhouElements({"Ag", "Pd"}))).embedding(1, 0.0, F1, d);
  // Isolated atoms: energy F(0) of each (tabulated F(0) equals the closed form at a node), no force.
  CHECK_NEAR(r.energy, F0 + F1, 1e-12);
  CHECK(r.forces[0].norm() == 0.0 && r.forces[1].norm() == 0.0);
  dimer.positions[1].x() = m.cutoff() - 0.5;
  CHECK(m.evaluate(dimer).forces[0].norm() > 0.0);
}

TEST(reuses_a_longer_neighbour_list) {
  const EamModel m = EamModel::zhou2004({"Ag", "Pd"});
  const Configuration c = randomCrystal(2, 4.0, 2, 9);
  const EamResult a = m.evaluate(c);
  const EamResult b = m.evaluate(c, buildNeighborList(c, m.cutoff() + 1.5));
  CHECK(a.energy == b.energy);
  for (int i = 0; i < c.size(); ++i) CHECK((a.forces[i] - b.forces[i]).norm() <= 1e-12);
  CHECK_THROWS(m.evaluate(c, buildNeighborList(c, m.cutoff() - 1.0)));
}

TEST(small_cells_see_all_images) {
  // A 1-atom primitive fcc cell and its 2×2×2 (8-atom) supercell have the same energy per atom.
  const EamModel m = EamModel::zhou2004({"Pd"}, EamModel::ZhouForm::Tabulated);
  const Configuration one = primitiveFcc(3.89, 0);
  Configuration eight;
  eight.lattice = 2.0 * one.lattice;
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 2; ++j)
      for (int k = 0; k < 2; ++k) {
        eight.positions.push_back(Vec3(i * one.lattice.row(0) + j * one.lattice.row(1) + k * one.lattice.row(2)));
        eight.types.push_back(0);
      }
  CHECK_NEAR(m.evaluate(eight).energy / 8, m.evaluate(one).energy, 1e-10);
  // Zhou's Pd at its own lattice constant √2·re has the paper's cohesive energy, 3.91 eV.
  const double re = selectZhouElements({"Pd"})[0].re;
  CHECK_NEAR(m.evaluate(primitiveFcc(std::sqrt(2.0) * re, 0)).energy, -3.91, 0.01);
}

TEST(errors) {
  const EamModel m = EamModel::zhou2004({"Ag", "Pd"});
  Configuration c = primitiveFcc(4.0, 0);
  c.types[0] = 2;
  CHECK_THROWS(m.evaluate(c));
  c.types[0] = -1;
  CHECK_THROWS(m.evaluate(c));
  Configuration overlap;
  overlap.positions = {Vec3(1, 1, 1), Vec3(1, 1, 1)};
  overlap.types = {0, 1};
  bool compute_error = false;
  try {
    m.evaluate(overlap);
  } catch (const ComputeError&) {
    compute_error = true;
  }
  CHECK(compute_error);
  // Empty configuration: zero energy.
  CHECK(m.evaluate(Configuration()).energy == 0.0);
}

TEST(annotate_writes_results_and_provenance) {
  const EamModel m = EamModel::zhou2004({"Ag", "Pd"}, EamModel::ZhouForm::Analytic);
  std::vector<Configuration> batch = {randomCrystal(1, 4.0, 2, 1), randomCrystal(2, 4.0, 2, 2), primitiveFcc(4.1, 0)};
  batch[0].setFeature("name", "keep me");
  batch[0].site_energies.assign(batch[0].size(), 1.0);
  m.annotateAll(batch, 2);
  for (const auto& c : batch) {
    CHECK(c.energy && c.plus_stress && c.hasForces());
    CHECK(c.feature("EFS_by") && c.feature("EFS_by")->find("Zhou 2004 analytic (Ag Pd)") != std::string::npos);
    CHECK_NEAR(*c.energy, m.evaluate(c).energy, 0.0);
  }
  CHECK(*batch[0].feature("name") == "keep me");
  CHECK(!batch[0].hasSiteEnergies());
  CHECK(m.elementNames() == std::vector<std::string>({"Ag", "Pd"}));
  CHECK_NEAR(m.masses()[0], 107.8682, 0);
  CHECK(m.tables() == nullptr);
  CHECK(EamModel::zhou2004({"Ag"}).tables() != nullptr);
}

TEST_MAIN()
