#include "sim/derivative_structures.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <stdexcept>

#include <Eigen/Dense>

namespace mtp {

ParentLattice parseParentLattice(const std::string& name) {
  if (name == "fcc") return ParentLattice::Fcc;
  if (name == "bcc") return ParentLattice::Bcc;
  if (name == "hcp") return ParentLattice::Hcp;
  throw std::invalid_argument("unknown lattice '" + name + "' (fcc, bcc or hcp)");
}

std::string parentLatticeName(ParentLattice lattice) {
  switch (lattice) {
    case ParentLattice::Fcc: return "fcc";
    case ParentLattice::Bcc: return "bcc";
    case ParentLattice::Hcp: return "hcp";
  }
  return "?";
}

ParentCrystal makeParentCrystal(ParentLattice lattice, double c_over_a) {
  ParentCrystal p;
  p.lattice = lattice;
  switch (lattice) {
    case ParentLattice::Fcc:
      p.vectors << 0, 0.5, 0.5, 0.5, 0, 0.5, 0.5, 0.5, 0;
      p.basis = {Eigen::Vector3d::Zero()};
      break;
    case ParentLattice::Bcc:
      p.vectors << -0.5, 0.5, 0.5, 0.5, -0.5, 0.5, 0.5, 0.5, -0.5;
      p.basis = {Eigen::Vector3d::Zero()};
      break;
    case ParentLattice::Hcp:
      if (!(c_over_a > 0.0)) throw std::invalid_argument("c/a must be > 0");
      p.vectors << 1, -0.5, 0, 0, std::sqrt(3.0) / 2, 0, 0, 0, c_over_a;
      p.basis = {Eigen::Vector3d::Zero(), Eigen::Vector3d(1.0 / 3, 2.0 / 3, 0.5)};
      break;
  }
  return p;
}

namespace {

constexpr double kTol = 1e-6;

bool isInteger(const Eigen::Vector3d& v) {
  return (v - v.array().round().matrix()).cwiseAbs().maxCoeff() < kTol;
}

long floorMod(long x, long m) {
  const long r = x % m;
  return r < 0 ? r + m : r;
}

// Adjugate of an integer matrix: adj(H)·H = det(H)·I.
Mat3i adjugate(const Mat3i& h) {
  Mat3i adj;
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j) {
      const int r0 = (j + 1) % 3, r1 = (j + 2) % 3, c0 = (i + 1) % 3, c1 = (i + 2) % 3;
      adj(i, j) = h(r0, c0) * h(r1, c1) - h(r0, c1) * h(r1, c0);
    }
  return adj;
}

long determinant(const Mat3i& h) { return h.row(0).dot(adjugate(h).col(0)); }

// True when M maps the lattice H·Z³ onto G·Z³, i.e. G⁻¹·M·H = adj(G)·M·H / det(G) is integer.
bool mapsOnto(const Mat3i& g, const Mat3i& m, const Mat3i& h) {
  const long det = determinant(g);
  const Mat3i p = adjugate(g) * m * h;
  for (int i = 0; i < 9; ++i)
    if (p(i) % det != 0) return false;
  return true;
}

// Coset representatives of Z³ / H·Z³ for a lower-triangular HNF: (x, y, z) with 0 ≤ x < H₀₀,
// 0 ≤ y < H₁₁, 0 ≤ z < H₂₂; index(x, y, z) = (x·H₁₁ + y)·H₂₂ + z.
struct Cosets {
  Mat3i h;
  int n;
  std::vector<Vec3i> reps;

  explicit Cosets(const Mat3i& hnf) : h(hnf), n(static_cast<int>(hnf(0, 0) * hnf(1, 1) * hnf(2, 2))) {
    for (long x = 0; x < h(0, 0); ++x)
      for (long y = 0; y < h(1, 1); ++y)
        for (long z = 0; z < h(2, 2); ++z) reps.push_back(Vec3i(x, y, z));
  }
  // Index of the representative of p + H·Z³: subtract column multiples top-down.
  int index(Vec3i p) const {
    const long x = floorMod(p(0), h(0, 0));
    p -= ((p(0) - x) / h(0, 0)) * h.col(0);
    const long y = floorMod(p(1), h(1, 1));
    p -= ((p(1) - y) / h(1, 1)) * h.col(1);
    const long z = floorMod(p(2), h(2, 2));
    return static_cast<int>((x * h(1, 1) + y) * h(2, 2) + z);
  }
};

uint64_t encode(const std::vector<int>& labels, int k) {
  uint64_t code = 0;
  for (size_t s = labels.size(); s-- > 0;) code = code * k + labels[s];
  return code;
}

void decode(uint64_t code, int k, std::vector<int>& labels) {
  for (auto& l : labels) {
    l = static_cast<int>(code % k);
    code /= k;
  }
}

// All permutations of 0..k-1 (label exchanges), identity first.
std::vector<std::vector<int>> labelPermutations(int k, bool all) {
  std::vector<int> p(k);
  for (int i = 0; i < k; ++i) p[i] = i;
  std::vector<std::vector<int>> out;
  do {
    out.push_back(p);
  } while (all && std::next_permutation(p.begin(), p.end()));
  return out;
}

// Unique labellings of one superlattice (see header): site permutations of the symmetry
// operations that keep H, combined with all translations by coset representatives.
void labelSuperlattice(const ParentCrystal& parent, const std::vector<ParentSymmetry>& ops, const Mat3i& hnf,
                       const EnumerateOptions& options, std::vector<DerivativeStructure>& out) {
  const Cosets cosets(hnf);
  const int n = cosets.n, nb = static_cast<int>(parent.basis.size()), sites = n * nb, k = options.species;
  std::vector<std::vector<int>> perms;       // site s goes to perms[g][s]
  std::vector<std::vector<int>> translations;  // pure lattice translations other than 0
  for (const ParentSymmetry& op : ops) {
    if (!mapsOnto(hnf, op.rotation, hnf)) continue;
    const bool identity_op = op.rotation == Mat3i::Identity() && op.translation.norm() < kTol;
    for (int t = 0; t < n; ++t) {
      std::vector<int> perm(sites);
      for (int i = 0; i < nb; ++i)
        for (int r = 0; r < n; ++r) {
          const Vec3i p = op.rotation * cosets.reps[r] + op.shift[i] + cosets.reps[t];
          perm[i * n + r] = op.perm[i] * n + cosets.index(p);
        }
      if (identity_op && t != 0) translations.push_back(perm);
      perms.push_back(std::move(perm));
    }
  }
  const auto relabels = labelPermutations(k, options.identify_label_exchange);
  uint64_t total = 1;
  for (int s = 0; s < sites; ++s) total *= static_cast<uint64_t>(k);
  std::vector<int> labels(sites), image(sites);
  for (uint64_t code = 0; code < total; ++code) {
    decode(code, k, labels);
    bool keep = true;
    for (const auto& perm : perms) {
      for (const auto& relabel : relabels) {
        for (int s = 0; s < sites; ++s) image[perm[s]] = relabel[labels[s]];
        if (encode(image, k) < code) {
          keep = false;
          break;
        }
      }
      if (!keep) break;
    }
    for (size_t t = 0; keep && t < translations.size(); ++t) {
      bool same = true;
      for (int s = 0; s < sites && same; ++s) same = labels[translations[t][s]] == labels[s];
      keep = !same;
    }
    if (!keep) continue;
    DerivativeStructure st;
    st.index = n;
    st.hnf = hnf;
    st.labels = labels;
    for (int i = 0; i < nb; ++i)
      for (int r = 0; r < n; ++r) st.sites.push_back(parent.basis[i] + cosets.reps[r].cast<double>());
    out.push_back(std::move(st));
  }
}

}  // namespace

std::vector<ParentSymmetry> parentSymmetries(const ParentCrystal& parent) {
  const Eigen::Matrix3d metric = parent.vectors.transpose() * parent.vectors;
  const int nb = static_cast<int>(parent.basis.size());
  std::vector<ParentSymmetry> ops;
  // Rotations of these parents have entries in {-1, 0, 1} in their primitive bases.
  for (int code = 0; code < 19683; ++code) {
    Mat3i m;
    int c = code;
    for (int i = 0; i < 9; ++i, c /= 3) m(i) = c % 3 - 1;
    const long det = determinant(m);
    if (det != 1 && det != -1) continue;
    const Eigen::Matrix3d md = m.cast<double>();
    if ((md.transpose() * metric * md - metric).cwiseAbs().maxCoeff() > kTol) continue;
    for (int j = 0; j < nb; ++j) {
      ParentSymmetry op;
      op.rotation = m;
      op.translation = parent.basis[j] - md * parent.basis[0];
      op.translation -= op.translation.array().floor().matrix();
      for (int i = 0; i < nb; ++i) {
        const Eigen::Vector3d y = md * parent.basis[i] + op.translation;
        for (int q = 0; q < nb; ++q)
          if (isInteger(y - parent.basis[q])) {
            op.perm.push_back(q);
            op.shift.push_back((y - parent.basis[q]).array().round().cast<long>().matrix());
            break;
          }
        if (static_cast<int>(op.perm.size()) != i + 1) break;
      }
      if (static_cast<int>(op.perm.size()) == nb) ops.push_back(std::move(op));
    }
  }
  return ops;
}

std::vector<Mat3i> hermiteNormalForms(int n) {
  std::vector<Mat3i> out;
  for (long a = 1; a <= n; ++a) {
    if (n % a) continue;
    for (long c = 1; c <= n / a; ++c) {
      if ((n / a) % c) continue;
      const long f = n / (a * c);
      for (long b = 0; b < c; ++b)
        for (long d = 0; d < f; ++d)
          for (long e = 0; e < f; ++e) {
            Mat3i h;
            h << a, 0, 0, b, c, 0, d, e, f;
            out.push_back(h);
          }
    }
  }
  return out;
}

std::vector<Mat3i> inequivalentSuperlattices(const std::vector<ParentSymmetry>& ops, int n) {
  std::vector<Mat3i> rotations;
  for (const auto& op : ops)
    if (std::find(rotations.begin(), rotations.end(), op.rotation) == rotations.end()) rotations.push_back(op.rotation);
  std::vector<Mat3i> unique;
  for (const Mat3i& h : hermiteNormalForms(n)) {
    bool seen = false;
    for (size_t u = 0; u < unique.size() && !seen; ++u)
      for (const Mat3i& m : rotations)
        if (mapsOnto(unique[u], m, h)) {
          seen = true;
          break;
        }
    if (!seen) unique.push_back(h);
  }
  return unique;
}

std::vector<DerivativeStructure> enumerateDerivativeStructures(const ParentCrystal& parent,
                                                               const EnumerateOptions& options) {
  if (options.species < 1) throw std::invalid_argument("need at least one species");
  if (options.min_index < 1 || options.max_index < options.min_index)
    throw std::invalid_argument("need 1 <= min index <= max index");
  const double sites = static_cast<double>(options.max_index) * parent.basis.size();
  if (sites * std::log(static_cast<double>(options.species)) > std::log(1e9))
    throw std::invalid_argument("too many labellings (species^sites > 1e9) for brute-force enumeration");
  const auto ops = parentSymmetries(parent);
  std::vector<DerivativeStructure> out;
  for (int n = options.min_index; n <= options.max_index; ++n)
    for (const Mat3i& h : inequivalentSuperlattices(ops, n)) labelSuperlattice(parent, ops, h, options, out);
  return out;
}

Configuration derivativeConfiguration(const ParentCrystal& parent, const DerivativeStructure& s, double a) {
  Configuration cfg;
  const Eigen::Matrix3d cell = a * parent.vectors * s.hnf.cast<double>();
  cfg.lattice = cell.transpose();
  for (size_t i = 0; i < s.sites.size(); ++i) {
    cfg.positions.push_back(a * parent.vectors * s.sites[i]);
    cfg.types.push_back(s.labels[i]);
  }
  return cfg;
}

}  // namespace mtp
