#include "basis/contraction_step.h"

#include <algorithm>

#include "basis/symmetric_index.h"

namespace mtp {
namespace {

// Group ranks never exceed the largest moment rank (a group holds indices of one moment or indices
// bound for one moment).
const std::vector<Power3>& componentsOf(int rank) {
  static const std::vector<std::vector<Power3>> table = [] {
    std::vector<std::vector<Power3>> t;
    for (int r = 0; r <= 32; ++r) t.push_back(symmetricComponents(r));
    return t;
  }();
  return table.at(rank);
}

// Flat index of one component per group; group 0 varies slowest. A pair-symmetric layout stores
// (i, j), i <= j, in row-major upper-triangle order and reads (i, j), i > j, as (j, i).
int flatIndex(const std::vector<int>& ranks, const std::vector<Power3>& comps, bool pairSymmetric) {
  if (pairSymmetric) {
    const int n = componentCount(ranks[0]);
    int i = componentIndex(comps[0]), j = componentIndex(comps[1]);
    if (i > j) std::swap(i, j);
    return i * n - i * (i - 1) / 2 + (j - i);
  }
  int idx = 0;
  for (size_t g = 0; g < ranks.size(); ++g) idx = idx * componentCount(ranks[g]) + componentIndex(comps[g]);
  return idx;
}

// A product (out, parent, v) packed 22/21/21 bits, so that sorting groups equal products; every
// layout here has far fewer than 2^21 components.
using PackedTerm = std::pair<std::uint64_t, std::int64_t>;
std::uint64_t packTerm(int out, int parent, int v) {
  return (std::uint64_t(out) << 42) | (std::uint64_t(parent) << 21) | std::uint64_t(v);
}

// Sorts the products and merges equal ones by adding their multiplicities.
std::vector<StepTerm> mergeTerms(std::vector<PackedTerm>& terms) {
  std::sort(terms.begin(), terms.end());
  constexpr std::uint64_t kMask = (std::uint64_t(1) << 21) - 1;
  std::vector<StepTerm> merged;
  for (size_t k = 0; k < terms.size(); ++k) {
    if (k > 0 && terms[k].first == terms[k - 1].first) {
      merged.back().mult += terms[k].second;
      continue;
    }
    const std::uint64_t key = terms[k].first;
    merged.push_back({static_cast<int>(key >> 42), static_cast<int>((key >> 21) & kMask), static_cast<int>(key & kMask),
                      terms[k].second});
  }
  return merged;
}

}  // namespace

int flatCount(const std::vector<int>& ranks, bool pairSymmetric) {
  if (pairSymmetric) return componentCount(ranks[0]) * (componentCount(ranks[0]) + 1) / 2;
  int n = 1;
  for (int r : ranks) n *= componentCount(r);
  return n;
}

Partial describePartial(const ContractionGraph& g, const std::vector<int>& subset, Grouping grouping) {
  const int n = g.vertexCount();
  std::vector<bool> inS(n, false);
  for (int s : subset) inS[s] = true;
  auto freeRank = [&](int s) {
    int deg = g.vertices[s].nu;
    for (int t : subset) deg -= g.edges[s][t];
    return deg;
  };
  auto inflow = [&](int d) {
    int deg = 0;
    for (int s : subset) deg += g.edges[s][d];
    return deg;
  };
  std::vector<int> dests;
  if (grouping == Grouping::ByDestination)
    for (int d = 0; d < n; ++d)
      if (!inS[d] && inflow(d) > 0) dests.push_back(d);
  // Smallest encoding over relabellings of S and of the destinations (at most 3! * 2! here).
  std::vector<int> sp = subset, dp = dests;
  std::sort(sp.begin(), sp.end());
  Partial best;
  std::vector<std::vector<int>> bestOwners;  // owner orders of every relabelling giving the key
  auto owners = [&](const std::vector<int>& order) {
    if (grouping == Grouping::ByDestination) return order;
    std::vector<int> o;
    for (int s : order)
      if (freeRank(s) > 0) o.push_back(s);
    return o;
  };
  do {
    std::sort(dp.begin(), dp.end());
    do {
      std::vector<int> enc{grouping == Grouping::BySource ? 0 : 1, static_cast<int>(sp.size())};
      for (int s : sp) enc.insert(enc.end(), {g.vertices[s].mu, g.vertices[s].nu});
      for (size_t a = 0; a < sp.size(); ++a)
        for (size_t b = a + 1; b < sp.size(); ++b) enc.push_back(g.edges[sp[a]][sp[b]]);
      for (int d : dp)
        for (int s : sp) enc.push_back(g.edges[s][d]);
      if (best.key.empty() || enc < best.key) {
        best.key = enc;
        bestOwners.clear();
      }
      if (enc == best.key) bestOwners.push_back(owners(grouping == Grouping::BySource ? sp : dp));
    } while (std::next_permutation(dp.begin(), dp.end()));
  } while (std::next_permutation(sp.begin(), sp.end()));
  best.owner = bestOwners.front();
  for (int o : best.owner) best.rank.push_back(grouping == Grouping::BySource ? freeRank(o) : inflow(o));
  if (best.owner.size() == 2)
    for (const std::vector<int>& o : bestOwners)
      if (o[0] == best.owner[1] && o[1] == best.owner[0]) best.pairSymmetric = true;
  return best;
}

std::vector<int> Step::recipeKey() const {
  std::vector<int> k{parentBasic ? 1 : 0, parentType.mu, parentType.nu, static_cast<int>(parentKey.size())};
  k.insert(k.end(), parentKey.begin(), parentKey.end());
  k.insert(k.end(), {vType.mu, vType.nu, static_cast<int>(outKey.size())});
  k.insert(k.end(), outKey.begin(), outKey.end());
  for (size_t g = 0; g < contracted.size(); ++g) {
    k.push_back(contracted[g]);
    k.insert(k.end(), t[g].begin(), t[g].end());
  }
  k.insert(k.end(), w.begin(), w.end());
  return k;
}

Step makeStep(const ContractionGraph& g, const Plan& plan, size_t i) {
  const std::vector<int>& order = plan.order;
  const int v = order[i];
  Step st;
  st.vType = g.vertices[v];
  std::vector<int> parentOwner;
  if (i == 1) {
    st.parentBasic = true;
    st.parentType = g.vertices[order[0]];
    st.parentGrouping = Grouping::BySource;
    parentOwner = {order[0]};
    st.parentRanks = {st.parentType.nu};
  } else {
    st.parentGrouping = i - 1 >= plan.switchStep ? Grouping::ByDestination : Grouping::BySource;
    const Partial parent = describePartial(g, std::vector<int>(order.begin(), order.begin() + i), st.parentGrouping);
    st.parentKey = parent.key;
    st.parentRanks = parent.rank;
    st.parentPairSymmetric = parent.pairSymmetric;
    parentOwner = parent.owner;
  }
  std::vector<int> outOwner;
  if (i + 1 < order.size()) {
    st.outGrouping = i >= plan.switchStep ? Grouping::ByDestination : Grouping::BySource;
    const Partial out = describePartial(g, std::vector<int>(order.begin(), order.begin() + i + 1), st.outGrouping);
    st.outKey = out.key;
    st.outRanks = out.rank;
    st.outPairSymmetric = out.pairSymmetric;
    outOwner = out.owner;
  }
  const size_t G = parentOwner.size(), H = outOwner.size();
  const bool parentBySource = st.parentGrouping == Grouping::BySource;
  const bool outBySource = st.outGrouping == Grouping::BySource && H > 0;
  st.contracted.assign(G, 0);
  st.t.assign(G, std::vector<int>(H, 0));
  st.w.assign(H, 0);
  int vFree = st.vType.nu;
  for (size_t q = 0; q < G; ++q) {
    const int o = parentOwner[q];
    st.contracted[q] = parentBySource ? g.edges[o][v] : (o == v ? st.parentRanks[q] : 0);
    vFree -= st.contracted[q];
    for (size_t h = 0; h < H; ++h) {
      const int d = outOwner[h];
      if (outBySource)
        st.t[q][h] = d == o ? st.parentRanks[q] - st.contracted[q] : 0;
      else if (parentBySource)
        st.t[q][h] = g.edges[o][d];
      else
        st.t[q][h] = d == o ? st.parentRanks[q] : 0;
    }
  }
  for (size_t h = 0; h < H; ++h) st.w[h] = outBySource ? (outOwner[h] == v ? vFree : 0) : g.edges[v][outOwner[h]];
  return st;
}

// Source groups hold the tensor itself, destination groups hold S[m] = sum over the index
// orderings of m. Summing the raw contraction over the orderings of every block,
//   out[m] = sum over blocks with t + w = m per output group, and alpha per parent group, of
//            parent[alpha + t] * v[sum alpha + sum w] * mult,
// mult = prod N(alpha_g) N(t_gh) over source parent groups (N = multinomial; t only when the
// output sums orderings) * prod N(w_h) when the output sums orderings.
std::vector<StepTerm> stepTerms(const Step& st) {
  const size_t G = st.contracted.size(), H = st.w.size();
  const bool parentPlain = st.parentGrouping == Grouping::BySource;
  const bool outSummed = st.outGrouping == Grouping::ByDestination;
  std::vector<const std::vector<Power3>*> lists;
  for (size_t g = 0; g < G; ++g) {
    lists.push_back(&componentsOf(st.contracted[g]));
    for (size_t h = 0; h < H; ++h) lists.push_back(&componentsOf(st.t[g][h]));
  }
  for (size_t h = 0; h < H; ++h) lists.push_back(&componentsOf(st.w[h]));
  std::vector<size_t> pos(lists.size(), 0);
  std::vector<PackedTerm> terms;
  std::vector<Power3> parentComps(G), outComps(H);
  while (true) {
    Power3 vPow{0, 0, 0};
    std::int64_t mult = 1;
    std::fill(outComps.begin(), outComps.end(), Power3{0, 0, 0});
    size_t b = 0;
    for (size_t g = 0; g < G; ++g) {
      const Power3& a = (*lists[b])[pos[b]];
      ++b;
      vPow = vPow + a;
      parentComps[g] = a;
      if (parentPlain) mult *= multinomial(a);
      for (size_t h = 0; h < H; ++h, ++b) {
        const Power3& t = (*lists[b])[pos[b]];
        parentComps[g] = parentComps[g] + t;
        outComps[h] = outComps[h] + t;
        if (parentPlain && outSummed) mult *= multinomial(t);
      }
    }
    for (size_t h = 0; h < H; ++h, ++b) {
      const Power3& w = (*lists[b])[pos[b]];
      vPow = vPow + w;
      outComps[h] = outComps[h] + w;
      if (outSummed) mult *= multinomial(w);
    }
    // A pair-symmetric output keeps only components with index(group 0) <= index(group 1).
    if (!st.outPairSymmetric || componentIndex(outComps[0]) <= componentIndex(outComps[1])) {
      int pIdx = flatIndex(st.parentRanks, parentComps, st.parentPairSymmetric);
      int vIdx = componentIndex(vPow);
      // Two components of one moment tensor: x*y and y*x are the same product.
      if (st.parentBasic && st.parentType == st.vType && vIdx < pIdx) std::swap(pIdx, vIdx);
      const int oIdx = flatIndex(st.outRanks, outComps, st.outPairSymmetric);
      terms.push_back({packTerm(oIdx, pIdx, vIdx), mult});
    }
    size_t k = 0;
    while (k < pos.size() && ++pos[k] == lists[k]->size()) pos[k++] = 0;
    if (k == pos.size()) break;
  }
  return mergeTerms(terms);
}

std::vector<int> PairingStep::recipeKey() const {
  std::vector<int> k{2, groupingA == Grouping::BySource ? 0 : 1, static_cast<int>(keyA.size())};
  k.insert(k.end(), keyA.begin(), keyA.end());
  k.push_back(static_cast<int>(keyB.size()));
  k.insert(k.end(), keyB.begin(), keyB.end());
  for (const auto& row : cross) k.insert(k.end(), row.begin(), row.end());
  return k;
}

PairingStep makePairingStep(const ContractionGraph& g, const std::vector<int>& pairA, const std::vector<int>& pairB,
                            Grouping groupingA) {
  const Partial a = describePartial(g, pairA, groupingA);
  const Partial b = describePartial(g, pairB, Grouping::BySource);
  PairingStep st;
  st.groupingA = groupingA;
  st.keyA = a.key;
  st.ranksA = a.rank;
  st.pairSymmetricA = a.pairSymmetric;
  st.keyB = b.key;
  st.ranksB = b.rank;
  st.pairSymmetricB = b.pairSymmetric;
  st.cross.assign(a.owner.size(), std::vector<int>(b.owner.size(), 0));
  for (size_t s = 0; s < a.owner.size(); ++s)
    for (size_t u = 0; u < b.owner.size(); ++u)
      if (groupingA == Grouping::BySource)
        st.cross[s][u] = g.edges[a.owner[s]][b.owner[u]];
      else if (a.owner[s] == b.owner[u])
        st.cross[s][u] = b.rank[u];
  return st;
}

std::vector<StepTerm> pairingTerms(const PairingStep& st) {
  const size_t GA = st.ranksA.size(), GB = st.ranksB.size();
  std::vector<const std::vector<Power3>*> lists;
  for (size_t s = 0; s < GA; ++s)
    for (size_t u = 0; u < GB; ++u) lists.push_back(&componentsOf(st.cross[s][u]));
  std::vector<size_t> pos(lists.size(), 0);
  std::vector<PackedTerm> terms;
  std::vector<Power3> compA(GA), compB(GB);
  const bool sameTensor = st.keyA == st.keyB;
  const bool plainA = st.groupingA == Grouping::BySource;  // else A sums orderings: no N(alpha)
  while (true) {
    std::fill(compA.begin(), compA.end(), Power3{0, 0, 0});
    std::fill(compB.begin(), compB.end(), Power3{0, 0, 0});
    std::int64_t mult = 1;
    for (size_t s = 0, b = 0; s < GA; ++s)
      for (size_t u = 0; u < GB; ++u, ++b) {
        const Power3& a = (*lists[b])[pos[b]];
        compA[s] = compA[s] + a;
        compB[u] = compB[u] + a;
        if (plainA) mult *= multinomial(a);
      }
    int ia = flatIndex(st.ranksA, compA, st.pairSymmetricA);
    int ib = flatIndex(st.ranksB, compB, st.pairSymmetricB);
    if (sameTensor && ib < ia) std::swap(ia, ib);  // A[i] B[j] = A[j] B[i] when A is B
    terms.push_back({packTerm(0, ia, ib), mult});
    size_t k = 0;
    while (k < pos.size() && ++pos[k] == lists[k]->size()) pos[k++] = 0;
    if (k == pos.size()) break;
  }
  return mergeTerms(terms);
}

}  // namespace mtp
