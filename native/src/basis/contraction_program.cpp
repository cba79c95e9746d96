#include "basis/contraction_program.h"

#include <algorithm>
#include <climits>
#include <map>
#include <numeric>
#include <set>
#include <stdexcept>

#include "basis/contraction_step.h"
#include "basis/symmetric_index.h"

namespace mtp {
namespace {

// Chooses one plan per connected graph so that the program is short, then emits it.
//
// Model: every intermediate tensor in use has one producing step (recipe); a graph's plan holds a
// reference on the tensor its final step reads, and a tensor in use holds one on its producer's
// parent. The program length is the sum of the products of the recipes of tensors in use plus the
// final steps. Plans are chosen greedily, then improved by re-choosing each graph's plan with all
// others fixed until a pass changes nothing (local search); this is run from a few initial orders
// and the shortest program is kept. Emission follows the model exactly.
class ProgramBuilder {
 public:
  explicit ProgramBuilder(const std::vector<ContractionGraph>& graphs) : graphs_(graphs) {}

  MtpBasisTables build() {
    placeBasicMoments();
    collectConnectedGraphs();
    choosePlans();
    for (size_t c = 0; c < connected_.size(); ++c) scalarSlot_.push_back(emitScalar(c));
    for (const ContractionGraph& g : graphs_) {
      std::vector<int> factors;
      for (const std::vector<int>& comp : g.components())
        factors.push_back(scalarSlot_[connectedIndex_.at(g.induced(comp).key())]);
      std::sort(factors.begin(), factors.end());
      tables_.alpha_moment_mapping.push_back(productOf(factors));
    }
    tables_.alpha_moments_count = slotCount_;
    return tables_;
  }

 private:
  struct Recipe {
    bool pairing = false;  // a PairingStep (final step of the ((a b)(c d)) shape)
    Step step;
    PairingStep pair;
    long cost = 0;    // number of products
    int out = -1;     // tensor produced, -1 for a final step
    int parent = -1;  // tensor read, -1 for a basic moment
    int parent2 = -1;  // second tensor read by a pairing
  };
  struct Tensor {
    int refs = 0;
    int producer = -1;
    int slot = -1;  // first slot once emitted
  };
  // A plan of one connected graph: the recipe of its final step, and for each intermediate the
  // final step reads, the recipes producing it from basic moments (in order).
  struct Candidate {
    std::vector<std::vector<int>> chains;
    int final = -1;
    bool operator<(const Candidate& o) const { return final != o.final ? final < o.final : chains < o.chains; }
  };

  void placeBasicMoments() {
    std::map<MomentType, int> used;
    for (const ContractionGraph& g : graphs_)
      for (const MomentType& v : g.vertices) used[v] = 0;
    int mu = -1;
    for (auto& [type, base] : used) {
      base = static_cast<int>(tables_.alpha_index_basic.size());
      for (const Power3& p : symmetricComponents(type.nu)) tables_.alpha_index_basic.push_back({type.mu, p[0], p[1], p[2]});
      mu = std::max(mu, type.mu);
    }
    basicBase_ = used;
    tables_.radial_funcs_count = mu + 1;
    slotCount_ = static_cast<int>(tables_.alpha_index_basic.size());
  }

  void collectConnectedGraphs() {
    for (const ContractionGraph& g : graphs_)
      for (const std::vector<int>& comp : g.components()) {
        ContractionGraph c = g.induced(comp);
        if (connectedIndex_.count(c.key())) continue;
        if (c.vertexCount() == 1 && c.vertices[0].nu != 0)
          throw std::invalid_argument("isolated moment of nonzero rank");
        connectedIndex_[c.key()] = static_cast<int>(connected_.size());
        connected_.push_back(std::move(c));
      }
  }

  static bool connectedPrefixes(const ContractionGraph& g, const std::vector<int>& order) {
    for (size_t i = 1; i < order.size(); ++i) {
      int deg = 0;
      for (size_t s = 0; s < i; ++s) deg += g.edges[order[s]][order[i]];
      if (deg == 0) return false;
    }
    return true;
  }

  int internTensor(const std::vector<int>& key) {
    auto [it, inserted] = tensorId_.emplace(key, static_cast<int>(tensors_.size()));
    if (inserted) tensors_.push_back(Tensor());
    return it->second;
  }

  int internRecipe(const Step& st, int parent) {
    auto [it, inserted] = recipeId_.emplace(st.recipeKey(), static_cast<int>(recipes_.size()));
    if (inserted) {
      Recipe r;
      r.step = st;
      r.cost = static_cast<long>(stepTerms(st).size());
      r.out = st.outKey.empty() ? -1 : internTensor(st.outKey);
      r.parent = parent;
      recipes_.push_back(std::move(r));
    }
    return it->second;
  }

  int internPairing(const PairingStep& st, int parentA, int parentB) {
    auto [it, inserted] = recipeId_.emplace(st.recipeKey(), static_cast<int>(recipes_.size()));
    if (inserted) {
      Recipe r;
      r.pairing = true;
      r.pair = st;
      r.cost = static_cast<long>(pairingTerms(st).size());
      r.parent = parentA;
      r.parent2 = parentB;
      recipes_.push_back(std::move(r));
    }
    return it->second;
  }

  // All distinct plans of a connected graph with at least two vertices.
  std::vector<Candidate> candidates(const ContractionGraph& g) {
    const int n = g.vertexCount();
    std::set<Candidate> seen;
    std::vector<Candidate> out;
    Plan plan;
    plan.order.resize(n);
    std::iota(plan.order.begin(), plan.order.end(), 0);
    do {
      if (!connectedPrefixes(g, plan.order)) continue;
      // switchStep = n - 1: every intermediate grouped by source.
      for (plan.switchStep = 1; plan.switchStep < static_cast<size_t>(n); ++plan.switchStep) {
        Candidate c;
        std::vector<int> chain;
        int parent = -1;
        for (size_t i = 1; i < plan.order.size(); ++i) {
          const int r = internRecipe(makeStep(g, plan, i), parent);
          chain.push_back(r);
          parent = recipes_[r].out;
        }
        c.final = chain.back();
        chain.pop_back();
        if (!chain.empty()) c.chains.push_back(chain);
        if (seen.insert(c).second) out.push_back(c);
      }
    } while (std::next_permutation(plan.order.begin(), plan.order.end()));
    if (n == 4) {
      // ((a b)(c d)), both pairs joined by an edge. The pair tensors are the first step of the
      // chains starting with a, b (switchStep 1: by destination, 2: by source).
      for (int partner : {1, 2, 3}) {
        std::vector<int> p{0, partner}, q;
        for (int v = 1; v < 4; ++v)
          if (v != partner) q.push_back(v);
        if (g.edges[p[0]][p[1]] == 0 || g.edges[q[0]][q[1]] == 0) continue;
        for (int variant = 0; variant < 3; ++variant) {
          // 0: both by source; 1: p by destination; 2: q by destination.
          const std::vector<int>& a = variant == 2 ? q : p;
          const std::vector<int>& b = variant == 2 ? p : q;
          const Grouping groupingA = variant == 0 ? Grouping::BySource : Grouping::ByDestination;
          const Plan pa{{a[0], a[1], b[0], b[1]}, groupingA == Grouping::BySource ? 2u : 1u};
          const Plan pb{{b[0], b[1], a[0], a[1]}, 2};
          const int ra = internRecipe(makeStep(g, pa, 1), -1), rb = internRecipe(makeStep(g, pb, 1), -1);
          Candidate c;
          c.chains = {{ra}, {rb}};
          c.final = internPairing(makePairingStep(g, a, b, groupingA), recipes_[ra].out, recipes_[rb].out);
          if (seen.insert(c).second) out.push_back(c);
        }
      }
    }
    return out;
  }

  // Products the candidate adds to the current program.
  long marginalCost(const Candidate& c) const {
    long cost = recipes_[c.final].cost;
    std::vector<int> counted;  // tensors already paid for by an earlier chain of this candidate
    for (const std::vector<int>& chain : c.chains)
      for (size_t i = chain.size(); i-- > 0;) {
        const int t = recipes_[chain[i]].out;
        if (tensors_[t].refs > 0 || std::find(counted.begin(), counted.end(), t) != counted.end()) break;
        counted.push_back(t);
        cost += recipes_[chain[i]].cost;
      }
    return cost;
  }

  void acquire(const std::vector<int>& c, size_t i) {
    Tensor& t = tensors_[recipes_[c[i]].out];
    if (t.refs++ > 0) return;
    t.producer = c[i];
    if (i > 0) acquire(c, i - 1);
  }
  void release(int tensor) {
    Tensor& t = tensors_[tensor];
    if (--t.refs > 0) return;
    const int parent = recipes_[t.producer].parent;
    t.producer = -1;
    if (parent >= 0) release(parent);
  }
  void add(const Candidate& c) {
    for (const std::vector<int>& chain : c.chains) acquire(chain, chain.size() - 1);
  }
  void remove(const Candidate& c) {
    for (const std::vector<int>& chain : c.chains) release(recipes_[chain.back()].out);
  }

  // Cheapest candidate now; on ties the current choice is kept so the search settles.
  size_t bestCandidate(const std::vector<Candidate>& cands, size_t current) const {
    size_t best = current;
    long bestCost = marginalCost(cands[current]);
    for (size_t k = 0; k < cands.size(); ++k) {
      const long cost = marginalCost(cands[k]);
      if (cost < bestCost) {
        bestCost = cost;
        best = k;
      }
    }
    return best;
  }

  // Greedy choice in the given graph order, then local search; returns the program length.
  long searchPlans(const std::vector<size_t>& graphOrder) {
    for (Tensor& t : tensors_) t.refs = 0, t.producer = -1;
    for (size_t g : graphOrder) {
      if (cands_[g].empty()) continue;
      choice_[g] = bestCandidate(cands_[g], 0);
      add(cands_[g][choice_[g]]);
    }
    constexpr int kMaxPasses = 8;
    for (int pass = 0; pass < kMaxPasses; ++pass) {
      bool changed = false;
      for (size_t g : graphOrder) {
        if (cands_[g].size() < 2) continue;
        remove(cands_[g][choice_[g]]);
        const size_t best = bestCandidate(cands_[g], choice_[g]);
        changed = changed || best != choice_[g];
        choice_[g] = best;
        add(cands_[g][best]);
      }
      if (!changed) break;
    }
    long total = 0;
    for (const Tensor& t : tensors_)
      if (t.refs > 0) total += recipes_[t.producer].cost;
    for (size_t g = 0; g < connected_.size(); ++g)
      if (!cands_[g].empty()) total += recipes_[cands_[g][choice_[g]].final].cost;
    return total;
  }

  // Runs the search from three initial orders (graph order, reversed, most vertices first) and
  // keeps the shortest program.
  void choosePlans() {
    cands_.resize(connected_.size());
    choice_.assign(connected_.size(), 0);
    for (size_t g = 0; g < connected_.size(); ++g)
      if (connected_[g].vertexCount() >= 2) cands_[g] = candidates(connected_[g]);
    std::vector<size_t> forward(connected_.size());
    std::iota(forward.begin(), forward.end(), 0);
    std::vector<size_t> backward(forward.rbegin(), forward.rend()), bySize = forward;
    std::stable_sort(bySize.begin(), bySize.end(), [&](size_t a, size_t b) {
      return connected_[a].vertexCount() > connected_[b].vertexCount();
    });
    long bestTotal = -1;
    std::vector<size_t> bestOrder, bestChoice;
    for (const std::vector<size_t>* order : {&forward, &backward, &bySize}) {
      const long total = searchPlans(*order);
      if (bestTotal < 0 || total < bestTotal) {
        bestTotal = total;
        bestOrder = *order;
        bestChoice = choice_;
      }
    }
    // Rebuild the reference state of the best choice (producers as in the order it was found).
    for (Tensor& t : tensors_) t.refs = 0, t.producer = -1;
    choice_ = bestChoice;
    for (size_t g : bestOrder)
      if (!cands_[g].empty()) add(cands_[g][choice_[g]]);
  }

  int basicSlot(const MomentType& t, int component) const { return basicBase_.at(t) + component; }

  int tensorSlot(int tensor) {
    Tensor& p = tensors_[tensor];
    if (p.slot < 0) p.slot = emitRecipe(p.producer);
    return p.slot;
  }

  // Emits a recipe's products into fresh slots (its parents first); returns the first output slot.
  int emitRecipe(int id) {
    const Recipe& r = recipes_[id];
    if (r.pairing) {
      const int a = tensorSlot(r.parent), b = tensorSlot(r.parent2);
      const int slot = slotCount_++;
      for (const StepTerm& t : pairingTerms(r.pair)) {
        if (t.mult > INT_MAX) throw std::invalid_argument("contraction multiplicity does not fit in an int");
        tables_.alpha_index_times.push_back({a + t.parent, b + t.v, static_cast<int>(t.mult), slot});
      }
      return slot;
    }
    const int parentBase = r.parent >= 0 ? tensorSlot(r.parent) : basicSlot(r.step.parentType, 0);
    const int base = slotCount_;
    slotCount_ += flatCount(r.step.outRanks, r.step.outPairSymmetric);
    for (const StepTerm& t : stepTerms(r.step)) {
      if (t.mult > INT_MAX) throw std::invalid_argument("contraction multiplicity does not fit in an int");
      tables_.alpha_index_times.push_back(
          {parentBase + t.parent, basicSlot(r.step.vType, t.v), static_cast<int>(t.mult), base + t.out});
    }
    return base;
  }

  int emitScalar(size_t g) {
    const ContractionGraph& graph = connected_[g];
    if (graph.vertexCount() == 1) return basicSlot(graph.vertices[0], 0);
    return emitRecipe(cands_[g][choice_[g]].final);
  }

  // Slot of the product of the given scalar slots (sorted); sub-products are reused.
  int productOf(const std::vector<int>& factors) {
    if (factors.size() == 1) return factors[0];
    auto it = products_.find(factors);
    if (it != products_.end()) return it->second;
    int rest = -1, last = factors.back();
    for (size_t f = 0; f < factors.size() && rest < 0; ++f) {
      std::vector<int> others = factors;
      others.erase(others.begin() + f);
      if (others.size() == 1 || products_.count(others)) {
        rest = productOf(others);
        last = factors[f];
      }
    }
    if (rest < 0) rest = productOf(std::vector<int>(factors.begin(), factors.end() - 1));
    const int slot = slotCount_++;
    tables_.alpha_index_times.push_back({rest, last, 1, slot});
    return products_[factors] = slot;
  }

  const std::vector<ContractionGraph>& graphs_;
  MtpBasisTables tables_;
  int slotCount_ = 0;
  std::map<MomentType, int> basicBase_;
  std::vector<ContractionGraph> connected_;
  std::map<std::vector<int>, int> connectedIndex_;  // graph key -> index in connected_
  std::vector<std::vector<Candidate>> cands_;
  std::vector<size_t> choice_;
  std::vector<int> scalarSlot_;
  std::vector<Recipe> recipes_;
  std::map<std::vector<int>, int> recipeId_;
  std::vector<Tensor> tensors_;
  std::map<std::vector<int>, int> tensorId_;
  std::map<std::vector<int>, int> products_;  // sorted factor slots -> slot
};

}  // namespace

MtpBasisTables compileContractionProgram(const std::vector<ContractionGraph>& graphs) {
  return ProgramBuilder(graphs).build();
}

}  // namespace mtp
