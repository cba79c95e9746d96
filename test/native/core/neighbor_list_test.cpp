// Neighbour lists against a brute-force sum over a generous block of lattice translations.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>
#include <tuple>
#include <vector>

#include <Eigen/Dense>

#include "core/errors.h"
#include "core/neighbor_list.h"
#include "testing.h"

using namespace mtp;

namespace {

using Entry = std::tuple<int, int, double, double, double>;  // i, j, dx, dy, dz

std::vector<Entry> bruteForce(const Configuration& cfg, double rc) {
  std::vector<Entry> out;
  // Spacing of the lattice planes of row k within the periodic subspace; the block of
  // translations covers the cutoff plus the atoms' spread outside the home cell.
  int range[3];
  std::vector<int> per;
  for (int k = 0; k < 3; ++k)
    if (cfg.periodic(k)) per.push_back(k);
  for (int k = 0; k < 3; ++k) {
    range[k] = 0;
    if (!cfg.periodic(k)) continue;
    const Vec3 a = cfg.lattice.row(k).transpose();
    double spacing = a.norm();
    if (per.size() == 2) {
      const Vec3 b = cfg.lattice.row(per[0] == k ? per[1] : per[0]).transpose();
      spacing = a.cross(b).norm() / b.norm();
    } else if (per.size() == 3) {
      spacing = 1.0 / cfg.lattice.inverse().col(k).norm();
    }
    range[k] = static_cast<int>(std::ceil(rc / spacing)) + 3;
  }
  for (int i = 0; i < cfg.size(); ++i)
    for (int j = 0; j < cfg.size(); ++j)
      for (int a = -range[0]; a <= range[0]; ++a)
        for (int b = -range[1]; b <= range[1]; ++b)
          for (int c = -range[2]; c <= range[2]; ++c) {
            if (i == j && a == 0 && b == 0 && c == 0) continue;
            const Vec3 d = cfg.positions[j] + (Vec3(a, b, c).transpose() * cfg.lattice).transpose() - cfg.positions[i];
            if (d.norm() < rc) out.emplace_back(i, j, d.x(), d.y(), d.z());
          }
  return out;
}

std::vector<Entry> fromList(const NeighborList& nl) {
  std::vector<Entry> out;
  for (int i = 0; i < nl.atomCount(); ++i)
    for (int e = nl.offsets[i]; e < nl.offsets[i + 1]; ++e) out.emplace_back(i, nl.index[e], nl.dx[e], nl.dy[e], nl.dz[e]);
  return out;
}

// Same multiset of (i, j, r_ij) up to 1e-10 Å (the list uses wrapped positions).
bool sameNeighbours(std::vector<Entry> a, std::vector<Entry> b) {
  if (a.size() != b.size()) return false;
  auto key = [](const Entry& e) {
    return std::make_tuple(std::get<0>(e), std::get<1>(e), std::round(std::get<2>(e) * 1e6),
                           std::round(std::get<3>(e) * 1e6), std::round(std::get<4>(e) * 1e6));
  };
  std::sort(a.begin(), a.end(), [&](const Entry& p, const Entry& q) { return key(p) < key(q); });
  std::sort(b.begin(), b.end(), [&](const Entry& p, const Entry& q) { return key(p) < key(q); });
  for (size_t k = 0; k < a.size(); ++k) {
    if (std::get<0>(a[k]) != std::get<0>(b[k]) || std::get<1>(a[k]) != std::get<1>(b[k])) return false;
    if (std::fabs(std::get<2>(a[k]) - std::get<2>(b[k])) > 1e-10 || std::fabs(std::get<3>(a[k]) - std::get<3>(b[k])) > 1e-10 ||
        std::fabs(std::get<4>(a[k]) - std::get<4>(b[k])) > 1e-10)
      return false;
  }
  return true;
}

Configuration randomAtoms(const Mat3& lattice, int n, unsigned seed, double spread = 1.0) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> u(-0.3, 1.3);  // also outside the home cell
  Configuration cfg;
  cfg.lattice = lattice;
  Mat3 span = lattice;
  for (int k = 0; k < 3; ++k)
    if (!cfg.periodic(k)) span.row(k) = Vec3::Unit(k).transpose() * 7.0 * spread;
  for (int i = 0; i < n; ++i) {
    cfg.positions.push_back((Vec3(u(rng), u(rng), u(rng)).transpose() * span).transpose());
    cfg.types.push_back(0);
  }
  return cfg;
}

}  // namespace

TEST(matches_brute_force_for_many_cells) {
  Mat3 tri;
  tri << 3.0, 0.0, 0.0, 2.6, 2.2, 0.0, -1.1, 0.8, 2.5;  // strongly skewed, smaller than the cutoff
  Mat3 big;
  big << 9.0, 0.1, 0.0, -0.5, 8.5, 0.0, 0.3, 0.2, 9.4;
  Mat3 slab = Mat3::Zero();
  slab.row(0) << 3.3, 0.0, 0.4;
  slab.row(2) << 0.5, 0.2, 2.9;
  Mat3 wire = Mat3::Zero();
  wire.row(1) << 0.3, 1.7, 0.2;
  const Mat3 cells[] = {tri, big, slab, wire, Mat3::Zero(), Mat3::Identity() * 1.1};
  int k = 0;
  for (const Mat3& L : cells) {
    const Configuration cfg = randomAtoms(L, k == 1 ? 40 : 5, 100 + k);
    for (double rc : {2.0, 5.0}) {
      const NeighborList nl = buildNeighborList(cfg, rc);
      const bool same = sameNeighbours(fromList(nl), bruteForce(cfg, rc));
      if (!same) std::fprintf(stderr, "cell %d rc %g: %zu listed, %zu brute force\n", k, rc, nl.index.size(), bruteForce(cfg, rc).size());
      CHECK(same);
      for (size_t e = 0; e < nl.r.size(); ++e) CHECK(nl.r[e] < rc);
    }
    ++k;
  }
}

TEST(single_atom_sees_its_own_images) {
  Configuration cfg;
  cfg.lattice = Mat3::Identity() * 1.0;
  cfg.positions = {Vec3(0.2, 0.3, 0.4)};
  cfg.types = {0};
  const NeighborList nl = buildNeighborList(cfg, 2.5);
  int expected = 0;  // lattice points of Z³ with 0 < |n| < 2.5
  for (int a = -3; a <= 3; ++a)
    for (int b = -3; b <= 3; ++b)
      for (int c = -3; c <= 3; ++c) {
        const int n2 = a * a + b * b + c * c;
        if (n2 > 0 && n2 < 6.25) ++expected;
      }
  CHECK(nl.count(0) == expected);
  for (int e = 0; e < nl.count(0); ++e) CHECK(nl.index[e] == 0);
}

TEST(cutoff_is_strict) {
  Configuration cfg;
  cfg.positions = {Vec3(0, 0, 0), Vec3(3.0, 0, 0)};
  cfg.types = {0, 0};
  CHECK(buildNeighborList(cfg, 3.0).index.empty());
  CHECK(buildNeighborList(cfg, 3.0 + 1e-12).count(0) == 1);
}

TEST(large_crystal_every_atom_has_the_bcc_shells) {
  // 12×12×12 bcc cells (3456 atoms): within 4.6 Å of a = 3.16 Å, 8 + 6 + 12 = 26 neighbours
  // (shells at a√3/2, a, a√2).
  const double a = 3.16;
  const int m = 12;
  Configuration cfg;
  cfg.lattice = Mat3::Identity() * (a * m);
  for (int x = 0; x < m; ++x)
    for (int y = 0; y < m; ++y)
      for (int z = 0; z < m; ++z) {
        cfg.positions.push_back(Vec3(x, y, z) * a);
        cfg.positions.push_back((Vec3(x, y, z) + Vec3(0.5, 0.5, 0.5)) * a);
        cfg.types.push_back(0);
        cfg.types.push_back(0);
      }
  const NeighborList nl = buildNeighborList(cfg, 4.6);
  bool all26 = true;
  for (int i = 0; i < cfg.size(); ++i) all26 = all26 && nl.count(i) == 26;
  CHECK(all26);
}

TEST(degenerate_lattice_and_bad_input_throw) {
  Configuration cfg;
  cfg.lattice << 1, 0, 0, 2, 0, 0, 0, 0, 1;  // two parallel rows
  cfg.positions = {Vec3(0, 0, 0)};
  cfg.types = {0};
  CHECK_THROWS(buildNeighborList(cfg, 2.0));
  Configuration nan_cfg;
  nan_cfg.positions = {Vec3(std::nan(""), 0, 0)};
  nan_cfg.types = {0};
  CHECK_THROWS(buildNeighborList(nan_cfg, 2.0));
}

TEST(minimum_distance) {
  Configuration cfg;
  cfg.lattice = Mat3::Identity() * 2.0;
  cfg.positions = {Vec3(0, 0, 0), Vec3(0.0, 0.0, 1.5)};
  cfg.types = {0, 0};
  CHECK_NEAR(minimumDistance(cfg), 0.5, 1e-12);  // through the periodic boundary
  Configuration one;
  one.lattice = Mat3::Identity() * 2.7;
  one.positions = {Vec3(0.1, 0.1, 0.1)};
  one.types = {0};
  CHECK_NEAR(minimumDistance(one), 2.7, 1e-12);  // its own image
  Configuration lone;
  lone.positions = {Vec3(0, 0, 0)};
  lone.types = {0};
  CHECK(std::isinf(minimumDistance(lone)));
}

TEST_MAIN()
