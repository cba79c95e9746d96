// One pairwise step of a contraction program (see contraction_program.h for the scheme): the
// intermediate tensor of a vertex subset S (or a single basic moment) meets the moment tensor of one
// more vertex v, giving the intermediate of S + {v} or, at the last vertex, the scalar.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "basis/contraction_graph.h"

namespace mtp {

// How the free indices of an intermediate are grouped into symmetric blocks.
enum class Grouping {
  BySource,       // one group per vertex of S; stored as is (exactly symmetric)
  ByDestination,  // one group per vertex outside S; component m stored as the sum over its orderings
};

// The intermediate tensor of the vertex subset S of a graph.
struct Partial {
  std::vector<int> key;    // canonical: equal for equal tensors, whatever graph they come from
  std::vector<int> owner;  // per canonical group: its source vertex (BySource) or destination
  std::vector<int> rank;   // per canonical group
  // Two groups whose exchange is a symmetry of the tensor (a relabelling of S maps one onto the
  // other): only components with index(group 0) <= index(group 1) are stored.
  bool pairSymmetric = false;
};
Partial describePartial(const ContractionGraph& g, const std::vector<int>& subset, Grouping grouping);

// A way to contract one connected graph: vertex order (each vertex after the first meets an earlier
// one), and the first step whose output is grouped by destination (earlier ones: by source).
struct Plan {
  std::vector<int> order;
  size_t switchStep = 1;
};

// Index blocks of a step: alpha_g = indices of parent group g contracted with v; t[g][h] = indices
// of parent group g passed to output group h; w[h] = indices of v passed to output group h.
struct Step {
  bool parentBasic = false;
  MomentType parentType;       // when parentBasic
  std::vector<int> parentKey;  // otherwise
  Grouping parentGrouping = Grouping::BySource;  // a basic moment is one source group
  std::vector<int> parentRanks;
  bool parentPairSymmetric = false;
  std::vector<int> contracted;      // [parent group]
  std::vector<std::vector<int>> t;  // [parent group][output group]
  std::vector<int> w;               // [output group]
  MomentType vType;
  Grouping outGrouping = Grouping::ByDestination;
  std::vector<int> outRanks;
  bool outPairSymmetric = false;
  std::vector<int> outKey;  // empty for the final (scalar) step

  // Identifies the products of the step (two steps with equal keys emit the same products).
  std::vector<int> recipeKey() const;
};

// The step that adds plan.order[i] to {order[0..i-1]}; i == n-1 is the final scalar contraction.
Step makeStep(const ContractionGraph& g, const Plan& plan, size_t i);

// One product M_out += mult * parent[p] * v[vc], in component indices: out and p are flat indices
// of the output and parent layouts (group 0 slowest), vc a component of v's moment.
struct StepTerm {
  int out, parent, v;
  std::int64_t mult;
};
// All products of a step, equal (out, parent, v) merged.
std::vector<StepTerm> stepTerms(const Step& st);

// The final step of the other shape of a 4-vertex graph, ((a b)(c d)): the intermediate A of
// {a, b} (grouped by source, or by destination) meets the intermediate B of {c, d} (grouped by
// source) over the edges between the pairs. With A by source,
//   scalar = sum over multisets alpha_su (s a group of A, u a group of B, rank e(s, u)) of
//            A[sum_u alpha_su] * B[sum_s alpha_su] * prod N(alpha_su);
// with A by destination its group for u meets B's group u whole: sum_alpha A[alpha] B[alpha].
// (B by destination as well would symmetrise the same edges from both ends, which is not exact.)
struct PairingStep {
  Grouping groupingA = Grouping::BySource;
  std::vector<int> keyA, ranksA;
  bool pairSymmetricA = false;
  std::vector<int> keyB, ranksB;
  bool pairSymmetricB = false;
  std::vector<std::vector<int>> cross;  // [group of A][group of B]: indices contracted between them

  std::vector<int> recipeKey() const;
};
// pairA, pairB: the two vertex pairs (each joined by an edge) of a connected 4-vertex graph.
PairingStep makePairingStep(const ContractionGraph& g, const std::vector<int>& pairA, const std::vector<int>& pairB,
                            Grouping groupingA);
// Products of the pairing as StepTerm with out = 0, parent = index in A, v = index in B.
std::vector<StepTerm> pairingTerms(const PairingStep& st);

// Number of slots of a tensor with these group ranks.
int flatCount(const std::vector<int>& ranks, bool pairSymmetric);

}  // namespace mtp
