// The compiled moment tables: well-formed programs, rotation-invariant scalars, and every scalar
// equal to the full contraction of its graph computed by brute force over index assignments.
#include "basis/contraction_program.h"

#include <map>
#include <random>
#include <set>

#include "basis/basis_values.h"
#include "basis/enumerate.h"
#include "basis/random_neighbourhood.h"
#include "testing.h"

namespace {

// Problems of a table set as text (empty if none): slots written in one contiguous block after all
// their inputs are complete, no slot written twice or never, no dead slots, mapping distinct.
std::string programProblems(const mtp::MtpBasisTables& t) {
  const int basic = static_cast<int>(t.alpha_index_basic.size());
  const int slots = t.alpha_moments_count;
  std::vector<int> state(slots, 0);  // 0 unwritten, 1 being written, 2 complete
  std::vector<bool> used(slots, false);
  for (int k = 0; k < basic; ++k) state[k] = 2;
  for (const auto& row : t.alpha_index_basic)
    if (row[0] < 0 || row[0] >= t.radial_funcs_count || row[1] < 0 || row[2] < 0 || row[3] < 0)
      return "bad alpha_index_basic row";
  int current = -1;
  for (const auto& [i, j, mult, k] : t.alpha_index_times) {
    if (k < basic || k >= slots) return "output slot out of range";
    if (k != current) {
      if (current >= 0) state[current] = 2;
      if (state[k] != 0) return "slot " + std::to_string(k) + " written in two blocks";
      state[k] = 1;
      current = k;
    }
    for (int in : {i, j}) {
      if (in < 0 || in >= slots || state[in] != 2) return "slot " + std::to_string(in) + " read before complete";
      used[in] = true;
    }
    if (mult <= 0) return "non-positive multiplicity";
  }
  if (current >= 0) state[current] = 2;
  for (int k = 0; k < slots; ++k)
    if (state[k] != 2) return "slot " + std::to_string(k) + " never written";
  std::set<int> mapped;
  for (int s : t.alpha_moment_mapping) {
    if (s < 0 || s >= slots || !mapped.insert(s).second) return "bad or repeated mapping slot";
    used[s] = true;
  }
  for (int k = 0; k < slots; ++k)
    if (!used[k]) return "slot " + std::to_string(k) + " is computed but never used";
  return "";
}

// Full contraction of a graph: sum over axis assignments of every edge of the product of the
// moment components M_{mu}(a, b, c) = sum_j f_mu(r_j) u_x^a u_y^b u_z^c of its vertices.
class BruteForce {
 public:
  explicit BruteForce(const testing::Neighbourhood& nb) : nb_(nb) {}

  double value(const mtp::ContractionGraph& g) {
    g_ = &g;
    ends_.clear();
    for (int a = 0; a < g.vertexCount(); ++a)
      for (int b = a + 1; b < g.vertexCount(); ++b)
        for (int m = 0; m < g.edges[a][b]; ++m) ends_.push_back({a, b});
    counts_.assign(g.vertexCount(), {0, 0, 0});
    return sum(0);
  }
  size_t edgeCount(const mtp::ContractionGraph& g) const {
    size_t e = 0;
    for (const auto& v : g.vertices) e += v.nu;
    return e / 2;
  }

 private:
  double sum(size_t e) {
    if (e == ends_.size()) {
      double p = 1.0;
      for (int v = 0; v < g_->vertexCount(); ++v) p *= moment(g_->vertices[v].mu, counts_[v]);
      return p;
    }
    double s = 0.0;
    for (int axis = 0; axis < 3; ++axis) {
      ++counts_[ends_[e].first][axis];
      ++counts_[ends_[e].second][axis];
      s += sum(e + 1);
      --counts_[ends_[e].first][axis];
      --counts_[ends_[e].second][axis];
    }
    return s;
  }
  double moment(int mu, const std::array<int, 3>& p) {
    const std::array<int, 4> key{mu, p[0], p[1], p[2]};
    auto it = cache_.find(key);
    if (it != cache_.end()) return it->second;
    double s = 0.0;
    for (size_t j = 0; j < nb_.unit.size(); ++j)
      s += nb_.radial[j][mu] * std::pow(nb_.unit[j].x(), p[0]) * std::pow(nb_.unit[j].y(), p[1]) *
           std::pow(nb_.unit[j].z(), p[2]);
    return cache_[key] = s;
  }
  const testing::Neighbourhood& nb_;
  const mtp::ContractionGraph* g_ = nullptr;
  std::vector<std::pair<int, int>> ends_;
  std::vector<std::array<int, 3>> counts_;
  std::map<std::array<int, 4>, double> cache_;
};

}  // namespace

TEST(programs_are_well_formed_for_every_level) {
  for (int level = mtp::kMinLevel; level <= mtp::kMaxLevel; level += 2) {
    const std::string problem = programProblems(mtp::enumerateBasis(level));
    if (!problem.empty()) std::cerr << "level " << level << ": " << problem << "\n";
    CHECK(problem.empty());
  }
}

TEST(consistency_check_catches_a_slot_read_before_it_is_complete) {
  mtp::MtpBasisTables t = mtp::enumerateBasis(12);
  // Move the last row of the program to the front: it reads slots not yet computed.
  std::rotate(t.alpha_index_times.rbegin(), t.alpha_index_times.rbegin() + 1, t.alpha_index_times.rend());
  CHECK(!programProblems(t).empty());
}

TEST(scalars_are_rotation_invariant) {
  std::mt19937_64 rng(7);
  for (int level : {8, 16, 24, 28}) {
    const mtp::MtpBasisTables t = mtp::enumerateBasis(level);
    testing::Neighbourhood nb = testing::randomNeighbourhood(rng, t.radial_funcs_count, 6, 10);
    const std::vector<double> before = mtp::basisFunctionValues(t, nb.unit, nb.radial);
    const mtp::Mat3 rot = testing::randomRotation(rng);
    for (auto& u : nb.unit) u = rot * u;
    const std::vector<double> after = mtp::basisFunctionValues(t, nb.unit, nb.radial);
    double worst = 0.0;
    for (size_t a = 0; a < before.size(); ++a) worst = std::max(worst, testing::relDiff(before[a], after[a], 1e-3));
    std::cerr << "level " << level << ": worst relative change under rotation " << worst << "\n";
    CHECK(worst < 1e-11);
  }
}

TEST(every_scalar_is_the_contraction_of_its_graph) {
  std::mt19937_64 rng(11);
  // Level 20 completely; level 28 for every graph with at most 10 edges (3^10 assignments each).
  for (const auto& [level, maxEdges] : std::vector<std::pair<int, size_t>>{{20, 99}, {28, 10}}) {
    const std::vector<mtp::ContractionGraph> graphs = mtp::enumerateContractionGraphs(level);
    const mtp::MtpBasisTables t = mtp::enumerateBasis(level);
    CHECK(graphs.size() == t.alpha_moment_mapping.size());
    const testing::Neighbourhood nb = testing::randomNeighbourhood(rng, t.radial_funcs_count, 5, 8);
    const std::vector<double> values = mtp::basisFunctionValues(t, nb.unit, nb.radial);
    BruteForce brute(nb);
    double worst = 0.0;
    size_t checked = 0;
    for (size_t a = 0; a < graphs.size(); ++a) {
      if (brute.edgeCount(graphs[a]) > maxEdges) continue;
      worst = std::max(worst, testing::relDiff(values[a], brute.value(graphs[a]), 1e-6));
      ++checked;
    }
    std::cerr << "level " << level << ": " << checked << " graphs, worst relative difference " << worst << "\n";
    CHECK(worst < 1e-11);
  }
}

TEST_MAIN()
