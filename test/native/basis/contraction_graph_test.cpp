// Enumeration of contraction graphs: canonical forms, components, and the rules that reproduce
// MLIP's templates (SCIENCE.md: without the 4-vertex cap level 10 would also have M00^5, without the
// rank cap level 26 would have M0,11 . M0,11).
#include "basis/contraction_graph.h"

#include <algorithm>
#include <set>

#include "testing.h"

using mtp::ContractionGraph;
using mtp::MomentType;

namespace {

// Number of basis functions of MLIP's templates, levels 2, 4, ..., 28 (MLIP_FORMATS.md §7).
const int kTemplateCounts[] = {1, 2, 5, 9, 16, 29, 52, 92, 163, 288, 500, 864, 1464, 2445};

}  // namespace

TEST(canonical_form_does_not_depend_on_vertex_labels) {
  // The path M01 - M02 - M03 = M12 (double edge at the end), relabelled every way.
  const std::vector<MomentType> types{{0, 1}, {0, 2}, {0, 3}, {1, 2}};
  std::vector<std::vector<int>> e(4, std::vector<int>(4, 0));
  auto link = [&](int a, int b, int m) { e[a][b] = e[b][a] = m; };
  link(0, 1, 1);
  link(1, 2, 1);
  link(2, 3, 2);
  const std::vector<int> key = mtp::canonicalGraph(types, e).key();
  std::vector<int> perm{0, 1, 2, 3};
  int checked = 0;
  while (std::next_permutation(perm.begin(), perm.end())) {
    std::vector<MomentType> t(4);
    std::vector<std::vector<int>> f(4, std::vector<int>(4, 0));
    for (int a = 0; a < 4; ++a) {
      t[perm[a]] = types[a];
      for (int b = 0; b < 4; ++b) f[perm[a]][perm[b]] = e[a][b];
    }
    CHECK(mtp::canonicalGraph(t, f).key() == key);
    ++checked;
  }
  CHECK(checked == 23);
}

TEST(non_isomorphic_graphs_on_the_same_moments_differ) {
  // Four M02: one 4-cycle versus two double edges (tr(A B C D) versus (A:B)(C:D)).
  const std::vector<MomentType> types(4, MomentType{0, 2});
  std::vector<std::vector<int>> cycle(4, std::vector<int>(4, 0)), pairs = cycle;
  for (int a = 0; a < 4; ++a) cycle[a][(a + 1) % 4] = cycle[(a + 1) % 4][a] = 1;
  pairs[0][1] = pairs[1][0] = pairs[2][3] = pairs[3][2] = 2;
  const ContractionGraph c = mtp::canonicalGraph(types, cycle), p = mtp::canonicalGraph(types, pairs);
  CHECK(c.key() != p.key());
  CHECK(c.components().size() == 1);
  CHECK(p.components().size() == 2);
  CHECK(p.induced(p.components()[0]).key() == p.induced(p.components()[1]).key());
}

TEST(every_enumerated_graph_is_valid_and_distinct) {
  const std::vector<ContractionGraph> graphs = mtp::enumerateContractionGraphs(28);
  std::set<std::vector<int>> keys;
  for (const ContractionGraph& g : graphs) {
    CHECK(g.level() <= 28);
    CHECK(g.vertexCount() >= 1 && g.vertexCount() <= 4);
    for (int a = 0; a < g.vertexCount(); ++a) {
      int deg = 0;
      for (int b = 0; b < g.vertexCount(); ++b) deg += g.edges[a][b];
      CHECK(g.edges[a][a] == 0);
      CHECK(deg == g.vertices[a].nu);
      CHECK(g.vertices[a].nu <= 10 && g.vertices[a].mu <= 5);
    }
    CHECK(keys.insert(g.key()).second);
  }
}

TEST(counts_per_level_equal_mlip_templates) {
  for (int k = 0; k < 14; ++k) {
    const int level = 2 + 2 * k;
    CHECK(static_cast<int>(mtp::enumerateContractionGraphs(level).size()) == kTemplateCounts[k]);
  }
}

TEST(graphs_come_ordered_by_level) {
  const std::vector<ContractionGraph> graphs = mtp::enumerateContractionGraphs(16);
  for (size_t a = 1; a < graphs.size(); ++a) CHECK(graphs[a - 1].level() <= graphs[a].level());
}

TEST(the_vertex_and_rank_caps_are_what_makes_the_counts_match) {
  mtp::GraphRules fiveVertices;
  fiveVertices.maxVertices = 5;
  // Level 10: M00^5 (level 10) is the only 5-vertex graph.
  CHECK(mtp::enumerateContractionGraphs(10, fiveVertices).size() == 17);
  mtp::GraphRules rank11;
  rank11.maxRank = 11;
  // Level 26: M0,11 . M0,11 (level 26) is the only graph with a rank-11 moment.
  CHECK(mtp::enumerateContractionGraphs(26, rank11).size() == 1465);
}

TEST_MAIN()
