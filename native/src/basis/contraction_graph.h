// Scalar contractions of moment tensors as multigraphs (SCIENCE.md, "Which contractions MLIP's
// level-L templates contain"): a vertex is a moment tensor M_{mu,nu} (rank nu, radial function mu),
// an edge is one contracted index pair between two different tensors, and every vertex has degree nu,
// so the contraction is a rotation-invariant scalar. Level = sum over vertices of 2 + 4 mu + nu.
#pragma once
#include <vector>

namespace mtp {

struct MomentType {
  int mu = 0;  // radial function index
  int nu = 0;  // tensor rank
  int level() const { return 2 + 4 * mu + nu; }
  bool operator<(const MomentType& o) const { return mu != o.mu ? mu < o.mu : nu < o.nu; }
  bool operator==(const MomentType& o) const { return mu == o.mu && nu == o.nu; }
};

// One isomorphism class, stored in canonical form: vertices sorted by type, and among the
// type-preserving relabellings the lexicographically smallest upper triangle of `edges`.
struct ContractionGraph {
  std::vector<MomentType> vertices;
  std::vector<std::vector<int>> edges;  // [n][n] symmetric edge multiplicities, zero diagonal

  int vertexCount() const { return static_cast<int>(vertices.size()); }
  int level() const;
  // Connected components as lists of vertex indices, each sorted; components ordered by first vertex.
  std::vector<std::vector<int>> components() const;
  // The subgraph on the given vertices, in canonical form.
  ContractionGraph induced(const std::vector<int>& vertexIds) const;
  // Canonical encoding: equal for isomorphic graphs, different otherwise.
  std::vector<int> key() const;
};

// Limits of MLIP's templates: at most 4 vertices (scalar factors and repeats counted), rank <= 10,
// radial index <= 5.
struct GraphRules {
  int maxVertices = 4;
  int maxRank = 10;
  int maxMu = 5;
};

// Brings vertices and edges into the canonical form described above.
ContractionGraph canonicalGraph(std::vector<MomentType> vertices, std::vector<std::vector<int>> edges);

// Every isomorphism class of contraction graphs with 1 <= level <= maxLevel, ordered by level, then
// vertex count, then canonical encoding.
std::vector<ContractionGraph> enumerateContractionGraphs(int maxLevel, const GraphRules& rules = {});

}  // namespace mtp
