#include "core/neighbor_list.h"

#include <algorithm>
#include <Eigen/Dense>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>

#include "core/errors.h"

namespace mtp {

int NeighborList::maxCount() const {
  int m = 0;
  for (int i = 0; i + 1 < static_cast<int>(offsets.size()); ++i) m = std::max(m, count(i));
  return m;
}

namespace {

// Rows of `basis` span space: the periodic lattice rows, completed by orthonormal vectors in
// the non-periodic directions (they only serve to express positions in "fractional" coordinates).
Mat3 completedBasis(const Configuration& cfg, bool periodic[3]) {
  Mat3 basis = cfg.lattice;
  std::vector<int> per, non;
  for (int k = 0; k < 3; ++k) {
    periodic[k] = cfg.periodic(k);
    (periodic[k] ? per : non).push_back(k);
  }
  if (per.size() == 1) {
    const Vec3 a = basis.row(per[0]).transpose().normalized();
    // Any vector not parallel to a, orthogonalised.
    Vec3 t = std::fabs(a.x()) < 0.9 ? Vec3(1, 0, 0) : Vec3(0, 1, 0);
    Vec3 b = (t - a * a.dot(t)).normalized();
    basis.row(non[0]) = b.transpose();
    basis.row(non[1]) = a.cross(b).normalized().transpose();
  } else if (per.size() == 2) {
    const Vec3 n = Vec3(basis.row(per[0])).cross(Vec3(basis.row(per[1])));
    if (n.norm() == 0.0) throw ComputeError("degenerate lattice: periodic rows are parallel");
    basis.row(non[0]) = n.normalized().transpose();
  } else if (per.empty()) {
    basis = Mat3::Identity();
  }
  const double det = basis.determinant();
  const double scale = basis.row(0).norm() * basis.row(1).norm() * basis.row(2).norm();
  if (!(std::fabs(det) > 1e-12 * scale)) throw ComputeError("degenerate lattice (zero volume)");
  return basis;
}

struct Ghost {
  double x, y, z;
  int atom;
  int image;  // index of the lattice translation; `zero_image` for T = 0
};

}  // namespace

NeighborList buildNeighborList(const Configuration& cfg, double cutoff) {
  NeighborList nl;
  nl.cutoff = cutoff;
  const int n = cfg.size();
  nl.offsets.assign(n + 1, 0);
  if (n == 0) return nl;
  if (!(cutoff > 0.0) || !std::isfinite(cutoff)) throw ComputeError("neighbour cutoff must be positive");
  for (const Vec3& p : cfg.positions)
    if (!p.allFinite()) throw ComputeError("non-finite atomic position");

  bool periodic[3];
  const Mat3 basis = completedBasis(cfg, periodic);
  const Mat3 inv = basis.inverse();  // frac = x^T inv, i.e. x = frac^T basis
  // Distance between lattice planes k: 1/|b_k|, b_k = column k of inv.
  int range[3];
  double margin[3];
  for (int k = 0; k < 3; ++k) {
    const double plane = 1.0 / inv.col(k).norm();
    margin[k] = cutoff / plane + 1e-9;
    range[k] = periodic[k] ? static_cast<int>(std::ceil(margin[k])) + 1 : 0;
  }

  // Wrapped fractional coordinates in periodic directions; the wrap shift is a lattice translation,
  // so the set of images x_j + T is unchanged.
  std::vector<Vec3> frac(n), pos(n);
  for (int i = 0; i < n; ++i) {
    Vec3 s = (cfg.positions[i].transpose() * inv).transpose();
    for (int k = 0; k < 3; ++k)
      if (periodic[k]) {
        s[k] -= std::floor(s[k]);
        if (s[k] >= 1.0) s[k] = 0.0;
      }
    frac[i] = s;
    pos[i] = (s.transpose() * basis).transpose();
  }

  // Ghost atoms: every image whose fractional coordinate lies within the cutoff of the home cell
  // [0,1) in each periodic direction (any neighbour of an atom in the home cell satisfies this).
  const int side[3] = {2 * range[0] + 1, 2 * range[1] + 1, 2 * range[2] + 1};
  const int zero_image = (range[0] * side[1] + range[1]) * side[2] + range[2];
  std::vector<Ghost> ghosts;
  ghosts.reserve(static_cast<size_t>(n) * 4);
  for (int i = 0; i < n; ++i)
    for (int a = -range[0]; a <= range[0]; ++a)
      for (int b = -range[1]; b <= range[1]; ++b)
        for (int c = -range[2]; c <= range[2]; ++c) {
          const double s0 = frac[i][0] + a, s1 = frac[i][1] + b, s2 = frac[i][2] + c;
          if (periodic[0] && (s0 < -margin[0] || s0 > 1.0 + margin[0])) continue;
          if (periodic[1] && (s1 < -margin[1] || s1 > 1.0 + margin[1])) continue;
          if (periodic[2] && (s2 < -margin[2] || s2 > 1.0 + margin[2])) continue;
          const Vec3 x = pos[i] + (Vec3(a, b, c).transpose() * basis).transpose();
          const int image = ((a + range[0]) * side[1] + (b + range[1])) * side[2] + (c + range[2]);
          ghosts.push_back({x.x(), x.y(), x.z(), i, image});
        }

  // Linked cells over the Cartesian bounding box of the ghosts, bin edge >= cutoff.
  double lo[3], hi[3];
  for (int k = 0; k < 3; ++k) {
    lo[k] = std::numeric_limits<double>::infinity();
    hi[k] = -lo[k];
  }
  for (const Ghost& g : ghosts) {
    const double c[3] = {g.x, g.y, g.z};
    for (int k = 0; k < 3; ++k) {
      lo[k] = std::min(lo[k], c[k]);
      hi[k] = std::max(hi[k], c[k]);
    }
  }
  long bins[3];
  long total_bins = 1;
  const long bin_cap = std::max<long>(64, 8 * static_cast<long>(ghosts.size()));
  for (int k = 0; k < 3; ++k) {
    bins[k] = std::max(1L, static_cast<long>(std::floor((hi[k] - lo[k]) / cutoff)));
    total_bins *= bins[k];
  }
  while (total_bins > bin_cap) {  // very sparse clusters: fewer, larger bins keep memory bounded
    int k = static_cast<int>(std::max_element(bins, bins + 3) - bins);
    bins[k] = std::max(1L, bins[k] / 2);
    total_bins = bins[0] * bins[1] * bins[2];
  }
  double inv_width[3];
  for (int k = 0; k < 3; ++k)
    inv_width[k] = hi[k] > lo[k] ? bins[k] / (hi[k] - lo[k]) : 0.0;
  auto binOf = [&](double v, int k) {
    long b = static_cast<long>((v - lo[k]) * inv_width[k]);
    return std::min(std::max(b, 0L), bins[k] - 1);
  };
  std::vector<int> bin_start(total_bins + 1, 0), order(ghosts.size());
  std::vector<long> ghost_bin(ghosts.size());
  for (size_t g = 0; g < ghosts.size(); ++g) {
    ghost_bin[g] = (binOf(ghosts[g].x, 0) * bins[1] + binOf(ghosts[g].y, 1)) * bins[2] +
                   binOf(ghosts[g].z, 2);
    ++bin_start[ghost_bin[g] + 1];
  }
  std::partial_sum(bin_start.begin(), bin_start.end(), bin_start.begin());
  {
    std::vector<int> fill(bin_start.begin(), bin_start.end() - 1);
    for (size_t g = 0; g < ghosts.size(); ++g) order[fill[ghost_bin[g]]++] = static_cast<int>(g);
  }

  const double rc2 = cutoff * cutoff;
  struct Hit {
    int atom, image;
    double dx, dy, dz;
  };
  std::vector<Hit> hits;
  for (int i = 0; i < n; ++i) {
    hits.clear();
    const double xi = pos[i].x(), yi = pos[i].y(), zi = pos[i].z();
    const long bx = binOf(xi, 0), by = binOf(yi, 1), bz = binOf(zi, 2);
    for (long a = std::max(0L, bx - 1); a <= std::min(bins[0] - 1, bx + 1); ++a)
      for (long b = std::max(0L, by - 1); b <= std::min(bins[1] - 1, by + 1); ++b)
        for (long c = std::max(0L, bz - 1); c <= std::min(bins[2] - 1, bz + 1); ++c) {
          const long bin = (a * bins[1] + b) * bins[2] + c;
          for (int p = bin_start[bin]; p < bin_start[bin + 1]; ++p) {
            const Ghost& g = ghosts[order[p]];
            if (g.atom == i && g.image == zero_image) continue;
            const double dx = g.x - xi, dy = g.y - yi, dz = g.z - zi;
            if (dx * dx + dy * dy + dz * dz < rc2) hits.push_back({g.atom, g.image, dx, dy, dz});
          }
        }
    std::sort(hits.begin(), hits.end(), [](const Hit& p, const Hit& q) {
      return p.atom != q.atom ? p.atom < q.atom : p.image < q.image;
    });
    for (const Hit& h : hits) {
      nl.index.push_back(h.atom);
      nl.dx.push_back(h.dx);
      nl.dy.push_back(h.dy);
      nl.dz.push_back(h.dz);
      nl.r.push_back(std::sqrt(h.dx * h.dx + h.dy * h.dy + h.dz * h.dz));
    }
    nl.offsets[i + 1] = static_cast<int>(nl.index.size());
  }
  return nl;
}

double minimumDistance(const Configuration& cfg, double max_search) {
  const int n = cfg.size();
  if (n == 0) return std::numeric_limits<double>::infinity();
  // An upper bound that is certainly reached: the shortest lattice vector (self-image) or the
  // extent of the atoms (another atom of the same cell).
  double bound = std::numeric_limits<double>::infinity();
  for (int k = 0; k < 3; ++k)
    if (cfg.periodic(k)) bound = std::min(bound, cfg.lattice.row(k).norm());
  if (n > 1) {
    Vec3 lo = cfg.positions[0], hi = lo;
    for (const Vec3& p : cfg.positions) {
      lo = lo.cwiseMin(p);
      hi = hi.cwiseMax(p);
    }
    bound = std::min(bound, (hi - lo).norm());
  }
  double radius = std::min(3.0, max_search);
  while (true) {
    const double cut = std::min(radius, bound * (1 + 1e-9) + 1e-9);
    const NeighborList nl = buildNeighborList(cfg, cut);
    if (!nl.r.empty()) return *std::min_element(nl.r.begin(), nl.r.end());
    if (radius >= max_search || cut < radius) return std::numeric_limits<double>::infinity();
    radius = std::min(2 * radius, max_search);
  }
}

}  // namespace mtp
