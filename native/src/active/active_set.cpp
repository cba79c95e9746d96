#include "active/active_set.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <mutex>
#include <set>

#include "core/errors.h"
#include "core/thread_pool.h"
#include "eval/compiled_mtp.h"

namespace mtp {

namespace {

MtpEvaluator makeEvaluator(const MtpPotential& pot) {
  if (!pot.trained()) throw ComputeError("active learning needs a trained potential (no coefficients found)");
  return MtpEvaluator(compileMtp(pot));
}

// Stacks the rows of the evaluated configurations of a batch; owner ids are base + index.
void stackRows(const RowBatch& rb, long base, bool nbh, Eigen::MatrixXd& b, std::vector<RowOwner>& owners, int n) {
  long total = 0;
  for (const auto& r : rb.rows) total += r.rows();
  b.resize(total, n);
  owners.clear();
  owners.reserve(total);
  long at = 0;
  for (size_t k = 0; k < rb.rows.size(); ++k) {
    const Eigen::MatrixXd& r = rb.rows[k];
    if (r.rows() == 0) continue;
    b.middleRows(at, r.rows()) = r;
    for (int a = 0; a < r.rows(); ++a) owners.push_back({base + static_cast<long>(k), nbh ? a : -1});
    at += r.rows();
  }
}

}  // namespace

std::string gradeFeatureText(double grade) {
  if (!(grade <= 1e10)) return "9.9e99";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%f", grade);
  return buf;
}

ActiveSet::ActiveSet(MtpPotential potential, SelectionSettings settings)
    : potential_(std::move(potential)),
      evaluator_(makeEvaluator(potential_)),
      settings_(settings),
      maxvol_(potential_.paramCount(), settings.init_threshold) {}

ActiveSet::ActiveSet(MtpPotential potential, SelectionSettings settings, Maxvol maxvol,
                     std::vector<Configuration> configurations)
    : potential_(std::move(potential)),
      evaluator_(makeEvaluator(potential_)),
      settings_(settings),
      maxvol_(std::move(maxvol)),
      configurations_(std::move(configurations)) {
  if (maxvol_.size() != potential_.paramCount())
    throw ComputeError("active-learning state has " + std::to_string(maxvol_.size()) + " parameters, the potential " +
                       std::to_string(potential_.paramCount()));
  for (const RowOwner& o : maxvol_.owners())
    if (o.cfg >= static_cast<long>(configurations_.size()))
      throw ComputeError("active-learning state: a row refers to configuration " + std::to_string(o.cfg + 1) +
                         " of " + std::to_string(configurations_.size()));
}

void ActiveSet::compact(const std::vector<const std::vector<Configuration>*>& extra) {
  std::vector<Configuration> next;
  std::map<long, long> renumber;
  for (RowOwner& o : maxvol_.owners()) {
    if (o.cfg < 0) continue;
    auto it = renumber.find(o.cfg);
    if (it == renumber.end()) {
      long id = o.cfg;
      const Configuration* cfg = nullptr;
      if (id < static_cast<long>(configurations_.size())) {
        cfg = &configurations_[id];
      } else {
        id -= static_cast<long>(configurations_.size());
        for (const auto* list : extra) {
          if (id < static_cast<long>(list->size())) {
            cfg = &(*list)[id];
            break;
          }
          id -= static_cast<long>(list->size());
        }
      }
      if (!cfg) throw ComputeError("active set: row owner out of range");
      it = renumber.emplace(o.cfg, static_cast<long>(next.size())).first;
      next.push_back(*cfg);
    }
    o.cfg = it->second;
  }
  configurations_ = std::move(next);
}

int ActiveSet::addTraining(const std::vector<Configuration>& cfgs, int threads, std::vector<int>* failed) {
  const int n = parameterCount(), total = static_cast<int>(cfgs.size());
  const long base = static_cast<long>(configurations_.size());
  const int batch = 2000;
  int swaps = 0;
  std::set<int> bad;
  for (int pass = 0; pass < 50; ++pass) {
    int swaps_pass = 0;
    for (int begin = 0; begin < total; begin += batch) {
      const int end = std::min(total, begin + batch);
      RowBatch rb = selectionRowsBatch(evaluator_, cfgs, begin, end, settings_.mode, settings_.weighting, threads);
      for (int k = 0; k < end - begin; ++k)
        if (!rb.errors[k].empty()) bad.insert(begin + k);
      Eigen::MatrixXd b;
      std::vector<RowOwner> owners;
      stackRows(rb, base + begin, settings_.mode == GradeMode::Nbh, b, owners, n);
      swaps_pass += maxvol_.select(b, owners, settings_.swap_threshold, settings_.swap_threshold);
    }
    swaps += swaps_pass;
    if (swaps_pass == 0 || total <= batch) break;
  }
  if (failed) failed->assign(bad.begin(), bad.end());
  compact({&cfgs});
  return swaps;
}

ConfigurationGrade ActiveSet::gradeRows(const Eigen::MatrixXd& rows) const {
  ConfigurationGrade g;
  if (rows.rows() == 0) {
    g.error = "no rows";
    return g;
  }
  const Eigen::VectorXd grades = maxvol_.rowGrades(rows);
  Eigen::Index worst = 0;
  g.grade = grades.maxCoeff(&worst);
  g.ok = true;
  if (settings_.mode == GradeMode::Nbh) {
    g.worst_atom = static_cast<int>(worst);
    g.atom_grades.assign(grades.data(), grades.data() + grades.size());
  }
  return g;
}

std::vector<ConfigurationGrade> ActiveSet::grade(const std::vector<Configuration>& cfgs, int threads,
                                                 const std::function<void(int, int)>& progress) const {
  const int count = static_cast<int>(cfgs.size());
  std::vector<ConfigurationGrade> out(count);
  if (threads <= 0) threads = hardwareThreads();
  std::vector<EvalWorkspace> ws(std::max(1, std::min(threads, count)));
  std::mutex progress_mutex;
  int done = 0;
  parallelFor(count, threads, [&](int item, int worker) {
    try {
      out[item] = gradeRows(selectionRows(evaluator_, cfgs[item], settings_.mode, settings_.weighting, ws[worker]));
    } catch (const std::exception& e) {
      out[item].ok = false;
      out[item].error = e.what();
    }
    if (progress) {
      std::lock_guard<std::mutex> lock(progress_mutex);
      progress(++done, count);
    }
  });
  return out;
}

SelectAddResult ActiveSet::selectAdd(const std::vector<Configuration>& training,
                                     const std::vector<Configuration>& candidates, const SelectAddOptions& options,
                                     int threads, const std::function<void(int, int)>& progress) {
  const int n = parameterCount();
  const long base_train = static_cast<long>(configurations_.size());
  const long base_cand = base_train + static_cast<long>(training.size());
  const int pool = static_cast<int>(candidates.size());
  const int batch = std::max(1, options.batch_size);
  const int batches = (pool + batch - 1) / batch;
  SelectAddResult result;

  Eigen::MatrixXd train_b;
  std::vector<RowOwner> train_owners;
  stackRows(selectionRowsBatch(evaluator_, training, 0, static_cast<int>(training.size()), settings_.mode,
                               settings_.weighting, threads),
            base_train, settings_.mode == GradeMode::Nbh, train_b, train_owners, n);

  // Candidate rows are kept between passes while they fit in this budget, else recomputed.
  const double budget_bytes = 512.0 * 1024 * 1024;
  double cached_bytes = 0.0;
  std::vector<Eigen::MatrixXd> cache_b(batches);
  std::vector<std::vector<RowOwner>> cache_owners(batches);
  std::vector<char> cached(batches, 0);

  // --limit: a candidate not yet in A may enter only while fewer than `limit` candidates are in A.
  Maxvol::Eligibility limit_rule;
  const std::vector<RowOwner>* offered = nullptr;
  if (options.limit > 0) {
    limit_rule = [&](std::vector<char>& mask) {
      std::set<long> in_a;
      for (const RowOwner& o : maxvol_.owners())
        if (o.cfg >= base_cand) in_a.insert(o.cfg);
      const bool room = static_cast<int>(in_a.size()) < options.limit;
      for (size_t i = 0; i < mask.size(); ++i) {
        const long id = (*offered)[i].cfg;
        mask[i] = (id < base_cand || room || in_a.count(id)) ? 1 : 0;
      }
    };
  }

  for (int pass = 0; pass < std::max(1, options.max_passes); ++pass) {
    int swaps_pass = 0;
    if (pass > 0 && train_b.rows() > 0) {
      offered = &train_owners;
      swaps_pass += maxvol_.select(train_b, train_owners, settings_.swap_threshold, settings_.swap_threshold);
    }
    for (int bi = 0; bi < batches; ++bi) {
      const int begin = bi * batch, end = std::min(pool, begin + batch);
      Eigen::MatrixXd local_b;
      std::vector<RowOwner> local_owners;
      Eigen::MatrixXd* b = &local_b;
      std::vector<RowOwner>* owners = &local_owners;
      if (cached[bi]) {
        b = &cache_b[bi];
        owners = &cache_owners[bi];
      } else {
        RowBatch rb = selectionRowsBatch(evaluator_, candidates, begin, end, settings_.mode, settings_.weighting, threads);
        if (pass == 0)
          for (const auto& e : rb.errors) result.failed += e.empty() ? 0 : 1;
        stackRows(rb, base_cand + begin, settings_.mode == GradeMode::Nbh, local_b, local_owners, n);
        const double bytes = 8.0 * local_b.size();
        if (cached_bytes + bytes <= budget_bytes) {
          cached_bytes += bytes;
          cache_b[bi] = std::move(local_b);
          cache_owners[bi] = std::move(local_owners);
          cached[bi] = 1;
          b = &cache_b[bi];
          owners = &cache_owners[bi];
        }
      }
      if (pass == 0 && b->rows() > 0) result.max_grade_before = std::max(result.max_grade_before, maxvol_.rowGrades(*b).maxCoeff());
      offered = owners;
      swaps_pass += maxvol_.select(*b, *owners, settings_.swap_threshold,
                                   std::max(options.select_threshold, settings_.swap_threshold), limit_rule);
      if (progress) progress(bi + 1, batches);
    }
    result.passes = pass + 1;
    result.swaps += swaps_pass;
    if (swaps_pass == 0) break;
  }

  std::set<long> chosen;
  for (const RowOwner& o : maxvol_.owners())
    if (o.cfg >= base_cand) chosen.insert(o.cfg - base_cand);
  for (long id : chosen) result.selected.push_back(static_cast<int>(id));
  compact({&training, &candidates});
  return result;
}

}  // namespace mtp
