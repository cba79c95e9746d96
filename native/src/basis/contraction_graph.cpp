#include "basis/contraction_graph.h"

#include <algorithm>
#include <numeric>
#include <set>

namespace mtp {

int ContractionGraph::level() const {
  int l = 0;
  for (const MomentType& v : vertices) l += v.level();
  return l;
}

std::vector<std::vector<int>> ContractionGraph::components() const {
  const int n = vertexCount();
  std::vector<int> label(n, -1);
  std::vector<std::vector<int>> out;
  for (int start = 0; start < n; ++start) {
    if (label[start] >= 0) continue;
    std::vector<int> comp{start}, stack{start};
    label[start] = static_cast<int>(out.size());
    while (!stack.empty()) {
      const int v = stack.back();
      stack.pop_back();
      for (int w = 0; w < n; ++w)
        if (edges[v][w] > 0 && label[w] < 0) {
          label[w] = label[start];
          comp.push_back(w);
          stack.push_back(w);
        }
    }
    std::sort(comp.begin(), comp.end());
    out.push_back(comp);
  }
  return out;
}

ContractionGraph ContractionGraph::induced(const std::vector<int>& ids) const {
  std::vector<MomentType> vs;
  std::vector<std::vector<int>> es(ids.size(), std::vector<int>(ids.size(), 0));
  for (size_t a = 0; a < ids.size(); ++a) {
    vs.push_back(vertices[ids[a]]);
    for (size_t b = 0; b < ids.size(); ++b) es[a][b] = edges[ids[a]][ids[b]];
  }
  return canonicalGraph(std::move(vs), std::move(es));
}

std::vector<int> ContractionGraph::key() const {
  std::vector<int> k{vertexCount()};
  for (const MomentType& v : vertices) {
    k.push_back(v.mu);
    k.push_back(v.nu);
  }
  for (int a = 0; a < vertexCount(); ++a)
    for (int b = a + 1; b < vertexCount(); ++b) k.push_back(edges[a][b]);
  return k;
}

ContractionGraph canonicalGraph(std::vector<MomentType> vertices, std::vector<std::vector<int>> edges) {
  const int n = static_cast<int>(vertices.size());
  // Among the orders that sort the vertices by type, keep the smallest edge encoding (n <= 4 here,
  // so trying all n! orders is cheap).
  std::vector<int> best;
  std::vector<int> bestPerm;
  std::vector<int> p(n);
  std::iota(p.begin(), p.end(), 0);
  do {
    bool sortedTypes = true;
    for (int a = 0; a + 1 < n; ++a)
      if (vertices[p[a + 1]] < vertices[p[a]]) sortedTypes = false;
    if (!sortedTypes) continue;
    std::vector<int> enc;
    for (int a = 0; a < n; ++a)
      for (int b = a + 1; b < n; ++b) enc.push_back(edges[p[a]][p[b]]);
    if (bestPerm.empty() || enc < best) {
      best = enc;
      bestPerm = p;
    }
  } while (std::next_permutation(p.begin(), p.end()));
  ContractionGraph g;
  g.edges.assign(n, std::vector<int>(n, 0));
  for (int a = 0; a < n; ++a) {
    g.vertices.push_back(vertices[bestPerm[a]]);
    for (int b = 0; b < n; ++b) g.edges[a][b] = edges[bestPerm[a]][bestPerm[b]];
  }
  return g;
}

namespace {

// Fills the upper triangle of `e` pair by pair so that every vertex ends with degree nu; calls
// `emit` for each complete assignment.
template <class Emit>
void assignEdges(const std::vector<MomentType>& vs, std::vector<std::vector<int>>& e, int a, int b,
                 std::vector<int>& remaining, Emit& emit) {
  const int n = static_cast<int>(vs.size());
  if (a == n) {
    emit(e);
    return;
  }
  if (b == n) {
    if (remaining[a] == 0) assignEdges(vs, e, a + 1, std::min(a + 2, n), remaining, emit);
    return;
  }
  const int maxMult = std::min(remaining[a], remaining[b]);
  // The last partner of `a` must take all of a's remaining degree.
  const int lo = (b == n - 1) ? remaining[a] : 0;
  for (int m = lo; m <= maxMult; ++m) {
    e[a][b] = e[b][a] = m;
    remaining[a] -= m;
    remaining[b] -= m;
    assignEdges(vs, e, a, b + 1, remaining, emit);
    remaining[a] += m;
    remaining[b] += m;
  }
  e[a][b] = e[b][a] = 0;
}

}  // namespace

std::vector<ContractionGraph> enumerateContractionGraphs(int maxLevel, const GraphRules& rules) {
  std::vector<MomentType> types;
  for (int mu = 0; mu <= rules.maxMu; ++mu)
    for (int nu = 0; nu <= rules.maxRank; ++nu)
      if (MomentType{mu, nu}.level() <= maxLevel) types.push_back({mu, nu});

  std::set<std::vector<int>> seen;
  std::vector<ContractionGraph> out;
  std::vector<MomentType> vs;
  // Vertex multisets as non-decreasing index sequences into `types`.
  auto visitMultiset = [&]() {
    const int n = static_cast<int>(vs.size());
    if (n == 1 && vs[0].nu != 0) return;
    std::vector<std::vector<int>> e(n, std::vector<int>(n, 0));
    std::vector<int> remaining(n);
    for (int a = 0; a < n; ++a) remaining[a] = vs[a].nu;
    auto emit = [&](const std::vector<std::vector<int>>& edges) {
      ContractionGraph g = canonicalGraph(vs, edges);
      if (seen.insert(g.key()).second) out.push_back(std::move(g));
    };
    if (n == 1) {
      emit(e);
      return;
    }
    assignEdges(vs, e, 0, 1, remaining, emit);
  };
  auto extend = [&](auto&& self, size_t from, int level) -> void {
    if (!vs.empty()) visitMultiset();
    if (static_cast<int>(vs.size()) == rules.maxVertices) return;
    for (size_t t = from; t < types.size(); ++t) {
      if (level + types[t].level() > maxLevel) continue;
      vs.push_back(types[t]);
      self(self, t, level + types[t].level());
      vs.pop_back();
    }
  };
  extend(extend, 0, 0);

  std::stable_sort(out.begin(), out.end(), [](const ContractionGraph& x, const ContractionGraph& y) {
    if (x.level() != y.level()) return x.level() < y.level();
    if (x.vertexCount() != y.vertexCount()) return x.vertexCount() < y.vertexCount();
    return x.key() < y.key();
  });
  return out;
}

}  // namespace mtp
