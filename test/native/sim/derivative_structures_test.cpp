// Derivative-structure enumeration: symmetry group sizes, superlattice counts and structure counts
// against hand-derived cases and the published table, and the geometry of the configurations.
#include <cmath>
#include <map>
#include <set>

#include "sim/derivative_structures.h"
#include "testing.h"

using namespace mtp;

namespace {

std::vector<int> countsByIndex(ParentLattice lattice, int max_index, bool label_exchange) {
  EnumerateOptions o;
  o.max_index = max_index;
  o.identify_label_exchange = label_exchange;
  const auto all = enumerateDerivativeStructures(makeParentCrystal(lattice), o);
  std::vector<int> out(max_index + 1, 0);
  for (const auto& s : all) ++out[s.index];
  return out;
}

}  // namespace

TEST(space_groups_have_the_right_orders) {
  CHECK(parentSymmetries(makeParentCrystal(ParentLattice::Fcc)).size() == 48u);
  CHECK(parentSymmetries(makeParentCrystal(ParentLattice::Bcc)).size() == 48u);
  // P6₃/mmc: 24 operations, half of them with the (0,0,1/2) screw/glide part swapping the two atoms.
  const auto hcp = parentSymmetries(makeParentCrystal(ParentLattice::Hcp));
  CHECK(hcp.size() == 24u);
  int swapping = 0;
  for (const auto& op : hcp) swapping += op.perm[0] == 1;
  CHECK(swapping == 12);
}

TEST(hermite_normal_form_counts_are_the_sublattice_counts_of_z3) {
  // The number of index-n sublattices of Z³ is Σ_{d|n} d·σ(d) = 1, 7, 13, 35, 31, 91, 57, 155.
  const int expected[] = {0, 1, 7, 13, 35, 31, 91, 57, 155};
  for (int n = 1; n <= 8; ++n) CHECK(static_cast<int>(hermiteNormalForms(n).size()) == expected[n]);
}

TEST(fcc_and_bcc_superlattice_counts_match_the_literature) {
  // Inequivalent superlattices of a cubic F or I lattice by index (Hart & Forcade 2008, Table I).
  const int expected[] = {0, 1, 2, 3, 7, 5, 10, 7, 20};
  for (ParentLattice l : {ParentLattice::Fcc, ParentLattice::Bcc}) {
    const auto ops = parentSymmetries(makeParentCrystal(l));
    for (int n = 1; n <= 8; ++n) CHECK(static_cast<int>(inequivalentSuperlattices(ops, n).size()) == expected[n]);
  }
}

TEST(hexagonal_index_two_superlattices_are_three) {
  // The 7 index-2 sublattices are the kernels of the 7 non-zero functionals mod 2; the 6-fold
  // axis permutes the three in-plane ones, so the classes are: in-plane, along c, mixed.
  const auto ops = parentSymmetries(makeParentCrystal(ParentLattice::Hcp));
  CHECK(inequivalentSuperlattices(ops, 2).size() == 3u);
}

TEST(small_fcc_and_hcp_cases_by_hand) {
  // fcc: n=1 pure A and pure B; n=2 L1₀ and L1₁ (AB); n=3 three superlattices, each with one
  // A₂B and one AB₂ (translations act transitively on the three sites).
  const auto fcc = countsByIndex(ParentLattice::Fcc, 3, false);
  CHECK(fcc[1] == 2);
  CHECK(fcc[2] == 2);
  CHECK(fcc[3] == 6);
  // hcp n=1: AA, BB, and AB = BA (the screw axis swaps the two atoms).
  const auto hcp = countsByIndex(ParentLattice::Hcp, 1, false);
  CHECK(hcp[1] == 3);
}

TEST(fcc_counts_with_label_exchange_match_hart_forcade) {
  // Hart & Forcade 2008, Table IV, binary fcc derivative superstructures by cell size n = 2..8
  // (labels exchangeable): 2, 3, 12, 14, 50, 52, 229.
  const auto c = countsByIndex(ParentLattice::Fcc, 8, true);
  const int expected[] = {0, 0, 2, 3, 12, 14, 50, 52, 229};
  for (int n = 2; n <= 8; ++n) CHECK(c[n] == expected[n]);
}

TEST(bcc_counts_equal_fcc_counts) {
  // Same point group and Bravais-lattice combinatorics: the counts coincide for every n.
  const auto f = countsByIndex(ParentLattice::Fcc, 6, false), b = countsByIndex(ParentLattice::Bcc, 6, false);
  for (int n = 1; n <= 6; ++n) CHECK(f[n] == b[n]);
}

TEST(only_the_unit_cells_are_pure_and_cells_have_the_right_volume) {
  // A pure labelling of a larger cell is superperiodic and must have been dropped.
  EnumerateOptions o;
  o.max_index = 4;
  const ParentCrystal fcc = makeParentCrystal(ParentLattice::Fcc);
  const auto all = enumerateDerivativeStructures(fcc, o);
  int pure = 0;
  for (const auto& s : all) {
    std::set<int> types(s.labels.begin(), s.labels.end());
    if (types.size() == 1) {
      ++pure;
      CHECK(s.index == 1);
    }
    const Configuration cfg = derivativeConfiguration(fcc, s, 4.0);
    CHECK_NEAR(cfg.volume(), 16.0 * s.index, 1e-9);  // a³/4 per atom
    CHECK(cfg.size() == s.index);
  }
  CHECK(pure == 2);
}

TEST(hcp_configuration_has_ideal_geometry) {
  EnumerateOptions o;
  o.max_index = 1;
  const ParentCrystal hcp = makeParentCrystal(ParentLattice::Hcp);
  const auto all = enumerateDerivativeStructures(hcp, o);
  const Configuration cfg = derivativeConfiguration(hcp, all[0], 3.0);
  CHECK(cfg.size() == 2);
  // Ideal hcp: nearest-neighbour distance a both in-plane and between the layers.
  const Vec3 d = cfg.positions[1] - cfg.positions[0];
  CHECK_NEAR(d.norm(), 3.0, 1e-9);
  CHECK_NEAR(cfg.volume(), std::sqrt(3.0) / 2 * 9.0 * 3.0 * std::sqrt(8.0 / 3.0), 1e-9);
}

TEST_MAIN()
