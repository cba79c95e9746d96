#include "train/loss_pass.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <mutex>

#include "core/thread_pool.h"

namespace mtp {

namespace {

// 1 eV/Å^3 in GPa.
constexpr double kEvPerA3ToGPa = 160.2176634;

// Blocks hold about this many atoms (at least one configuration each): small enough to balance two
// threads on a few hundred configurations, large enough that block sums are cheap to reduce.
constexpr int kBlockAtoms = 256;

struct Accumulator {
  double loss = 0.0;
  Eigen::VectorXd gradient;
  Eigen::MatrixXd gn;
  ErrorMoments energy, force, stress;

  void init(int p, int nl, bool gn_on) {
    gradient = Eigen::VectorXd::Zero(p);
    if (gn_on) gn = Eigen::MatrixXd::Zero(p, p);
    for (ErrorMoments* m : {&energy, &force, &stress}) {
      m->count = 0;
      m->sum_sq = 0.0;
      if (gn_on) {
        m->cross = Eigen::VectorXd::Zero(nl);
        m->normal = Eigen::MatrixXd::Zero(nl, nl);
      }
    }
  }
  void add(const Accumulator& o) {
    loss += o.loss;
    gradient += o.gradient;
    if (gn.size()) gn += o.gn;
    const ErrorMoments* src[3] = {&o.energy, &o.force, &o.stress};
    ErrorMoments* dst[3] = {&energy, &force, &stress};
    for (int g = 0; g < 3; ++g) {
      dst[g]->count += src[g]->count;
      dst[g]->sum_sq += src[g]->sum_sq;
      if (dst[g]->cross.size()) {
        dst[g]->cross += src[g]->cross;
        dst[g]->normal += src[g]->normal;
      }
    }
  }
};

using Matrix = Eigen::MatrixXd;

// Adds the unweighted moments of rows [row, row+n) of one configuration, each row scaled by `scale`
// (e.g. 1/N for energy per atom).
void addMoments(ErrorMoments& m, const Eigen::VectorXd& resid, const Matrix* jac, int row, int n,
                double scale, int lin, Matrix& scratch) {
  m.count += n;
  m.sum_sq += scale * scale * resid.segment(row, n).squaredNorm();
  if (!jac || m.cross.size() == 0) return;
  const int nl = static_cast<int>(m.cross.size());
  scratch = scale * jac->block(row, lin, n, nl);
  m.cross.noalias() += scratch.transpose() * (scale * resid.segment(row, n));
  m.normal.selfadjointView<Eigen::Lower>().rankUpdate(scratch.transpose());
}

}  // namespace

double ErrorMoments::rmse(const Eigen::VectorXd* dw) const {
  if (count == 0) return 0.0;
  double s = sum_sq;
  if (dw && dw->size() && cross.size()) {
    s += 2.0 * dw->dot(cross) + dw->dot(normal.selfadjointView<Eigen::Lower>() * (*dw));
  }
  return std::sqrt(std::max(0.0, s) / static_cast<double>(count));
}

LossPass::LossPass(const ResidualModel& model) : model_(model) {
  const int k = model.configCount();
  block_begin_.push_back(0);
  int atoms = 0;
  for (int c = 0; c < k; ++c) {
    atoms += std::max(1, model.atoms(c));
    if (atoms >= kBlockAtoms || c + 1 == k) {
      block_begin_.push_back(c + 1);
      atoms = 0;
    }
  }
}

LossPassResult LossPass::run(const LossPassOptions& opt) const {
  const int p = model_.paramCount();
  const int lin = opt.linear_begin;
  const int nl = p - lin;
  const int k = model_.configCount();
  const double inv_k = k > 0 ? 1.0 / k : 0.0;
  const int blocks = blockCount();
  const bool gn_on = opt.jacobian && opt.gauss_newton;
  const int threads = std::max(
      1, std::min({opt.threads <= 0 ? hardwareThreads() : opt.threads, blocks, model_.workerLimit()}));

  Accumulator total;
  total.init(p, nl, gn_on);
  std::vector<std::unique_ptr<Accumulator>> done(blocks);
  int next_to_reduce = 0;
  std::mutex reduce_mutex;

  struct Scratch {
    ModelRows rows;
    Eigen::VectorXd resid, wr;
    Matrix weighted, moments, force_normal;
  };
  std::vector<Scratch> scratch(threads);

  parallelFor(blocks, threads, [&](int b, int worker) {
    Scratch& s = scratch[worker];
    auto acc = std::make_unique<Accumulator>();
    acc->init(p, nl, gn_on);
    for (int c = block_begin_[b]; c < block_begin_[b + 1]; ++c) {
      if (opt.cancel && opt.cancel->load(std::memory_order_relaxed)) throw Cancelled{};
      const ResidualLayout& lay = model_.layout(c);
      if (lay.rows == 0) continue;
      const bool by_adjoint = opt.jacobian && !gn_on && opt.adjoint;
      model_.evaluate(c, opt.jacobian && !by_adjoint, worker, s.rows);
      const Matrix& jac = s.rows.jacobian;
      const Eigen::Map<const Eigen::VectorXd> ref(lay.reference.data(), lay.rows);
      const Eigen::Map<const Eigen::VectorXd> w(lay.weight.data(), lay.rows);
      s.resid = s.rows.values - ref;
      s.wr = w.cwiseProduct(s.resid);
      acc->loss += inv_k * s.resid.dot(s.wr);
      if (by_adjoint) model_.addWeightedGradient(c, s.wr, 2.0 * inv_k, worker, acc->gradient);
      else if (opt.jacobian) acc->gradient.noalias() += (2.0 * inv_k) * (jac.transpose() * s.wr);
      const bool gn = opt.jacobian && opt.gauss_newton;
      const Matrix* jp = gn ? &jac : nullptr;
      const int nf = lay.has_forces ? 3 * lay.atoms : 0;
      // With one weight for all force rows (no --scale-by-force) the force block's J^T J serves
      // both the Gauss–Newton matrix and the force error moments: one rank update instead of two.
      bool uniform_forces = nf > 0;
      for (int r = 1; r < nf && uniform_forces; ++r)
        uniform_forces = lay.weight[lay.force_row + r] == lay.weight[lay.force_row];
      if (gn) {
        // Weighted rows other than a uniform force block (that one is added below).
        if (uniform_forces) {
          s.weighted.resize(lay.rows - nf, p);
          int k = 0;
          for (int r = 0; r < lay.rows; ++r)
            if (r < lay.force_row || r >= lay.force_row + nf) s.weighted.row(k++) = std::sqrt(w[r]) * jac.row(r);
        } else {
          s.weighted = w.cwiseSqrt().asDiagonal() * jac;
        }
        acc->gn.selfadjointView<Eigen::Lower>().rankUpdate(s.weighted.transpose(), 2.0 * inv_k);
        if (uniform_forces) {
          s.force_normal.setZero(p, p);
          s.force_normal.selfadjointView<Eigen::Lower>().rankUpdate(jac.middleRows(lay.force_row, nf).transpose());
          acc->gn.triangularView<Eigen::Lower>() += (2.0 * inv_k * lay.weight[lay.force_row]) * s.force_normal;
        }
      }
      if (lay.has_energy)
        addMoments(acc->energy, s.resid, jp, lay.energy_row, 1, 1.0 / std::max(1, lay.atoms), lin,
                   s.moments);
      if (lay.has_forces) {
        if (gn && uniform_forces) {
          acc->force.count += nf;
          acc->force.sum_sq += s.resid.segment(lay.force_row, nf).squaredNorm();
          acc->force.cross.noalias() +=
              jac.block(lay.force_row, lin, nf, p - lin).transpose() * s.resid.segment(lay.force_row, nf);
          acc->force.normal.triangularView<Eigen::Lower>() += s.force_normal.bottomRightCorner(p - lin, p - lin);
        } else {
          addMoments(acc->force, s.resid, jp, lay.force_row, nf, 1.0, lin, s.moments);
        }
      }
      if (lay.has_stress && lay.volume > 0.0)
        addMoments(acc->stress, s.resid, jp, lay.stress_row, 6, kEvPerA3ToGPa / lay.volume, lin,
                   s.moments);
    }
    // Reduce in block order: whoever completes the next missing block folds in every block that
    // is ready, so memory stays bounded by the blocks computed out of order.
    std::lock_guard<std::mutex> lock(reduce_mutex);
    done[b] = std::move(acc);
    while (next_to_reduce < blocks && done[next_to_reduce]) {
      total.add(*done[next_to_reduce]);
      done[next_to_reduce].reset();
      ++next_to_reduce;
    }
  });

  LossPassResult r;
  r.loss = total.loss;
  r.gradient = std::move(total.gradient);
  if (gn_on) {
    r.gauss_newton = total.gn.selfadjointView<Eigen::Lower>();
  }
  r.energy = std::move(total.energy);
  r.force = std::move(total.force);
  r.stress = std::move(total.stress);
  return r;
}

}  // namespace mtp
