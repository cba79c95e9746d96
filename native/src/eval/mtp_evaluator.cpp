#include "eval/mtp_evaluator.h"

#include <algorithm>
#include <string>

#include "core/errors.h"

namespace mtp {

namespace {

void ensure(std::vector<double>& v, size_t n) {
  if (v.size() < n) v.resize(n);
}

void sizeWorkspace(const CompiledMtp& m, int nn, EvalWorkspace& ws) {
  ensure(ws.moments, m.slot_count);
  ensure(ws.adjoint, m.slot_count);
  if (nn <= ws.capacity) return;
  const int cap = std::max(nn, ws.capacity * 3 / 2 + 8);
  ws.capacity = cap;
  const size_t K = m.radial_funcs, R = m.basis_size;
  for (auto* v : {&ws.ux, &ws.uy, &ws.uz, &ws.inv_r, &ws.grad_x, &ws.grad_y, &ws.grad_z}) v->assign(cap, 0.0);
  ws.type.assign(cap, 0);
  ws.q.assign(R * cap, 0.0);
  ws.dq.assign(R * cap, 0.0);
  for (auto* v : {&ws.f, &ws.fp, &ws.fr, &ws.p, &ws.gx, &ws.gy, &ws.gz}) v->assign(K * cap, 0.0);
  ws.mono.assign(static_cast<size_t>(m.mono_count) * cap, 0.0);
}

}  // namespace

void MtpEvaluator::checkTypes(const Configuration& cfg) const {
  if (static_cast<int>(cfg.types.size()) != cfg.size())
    throw ComputeError("configuration has " + std::to_string(cfg.types.size()) + " types for " +
                       std::to_string(cfg.size()) + " atoms");
  for (int t : cfg.types)
    if (t < 0 || t >= model_.species)
      throw ComputeError("atom type " + std::to_string(t) + " is outside the potential's species 0.." +
                         std::to_string(model_.species - 1) + " (too few species_count)");
}

double MtpEvaluator::forwardAtom(const Configuration& cfg, const NeighborList& nl, int i,
                                 EvalWorkspace& ws) const {
  const CompiledMtp& m = model_;
  const int nn = nl.count(i), off = nl.offsets[i];
  const int K = m.radial_funcs, R = m.basis_size;
  sizeWorkspace(m, nn, ws);
  const int cap = ws.capacity;
  const int ti = cfg.types[i];
  double qbuf[64], dqbuf[64];
  std::vector<double> qheap, dqheap;
  double* qv = qbuf;
  double* dqv = dqbuf;
  if (R > 64) {
    qheap.resize(R);
    dqheap.resize(R);
    qv = qheap.data();
    dqv = dqheap.data();
  }
  for (int j = 0; j < nn; ++j) {
    const double r = nl.r[off + j];
    m.radial.evaluate(r, qv, dqv);  // throws for r -> 0
    const double inv = 1.0 / r;
    ws.inv_r[j] = inv;
    ws.ux[j] = nl.dx[off + j] * inv;
    ws.uy[j] = nl.dy[off + j] * inv;
    ws.uz[j] = nl.dz[off + j] * inv;
    const int tj = cfg.types[nl.index[off + j]];
    ws.type[j] = tj;
    for (int xi = 0; xi < R; ++xi) {
      ws.q[xi * cap + j] = qv[xi];
      ws.dq[xi * cap + j] = dqv[xi];
    }
    const double* c = &m.radial_coeffs[m.radialOffset(ti, tj)];
    for (int mu = 0; mu < K; ++mu, c += R) {
      double f = 0.0, fp = 0.0;
      for (int xi = 0; xi < R; ++xi) {
        f += c[xi] * qv[xi];
        fp += c[xi] * dqv[xi];
      }
      ws.f[mu * cap + j] = f;
      ws.fp[mu * cap + j] = fp;
      ws.fr[mu * cap + j] = f * inv;
    }
  }
  // Monomials of u, each from its parent times one component.
  double* mono = ws.mono.data();
  std::fill(mono, mono + nn, 1.0);
  const double* axis_data[3] = {ws.ux.data(), ws.uy.data(), ws.uz.data()};
  for (int k = 1; k < m.mono_count; ++k) {
    const double* __restrict parent = mono + static_cast<size_t>(m.mono_parent[k]) * cap;
    const double* __restrict ax = axis_data[m.mono_axis[k]];
    double* __restrict out = mono + static_cast<size_t>(k) * cap;
    for (int j = 0; j < nn; ++j) out[j] = parent[j] * ax[j];
  }
  double* M = ws.moments.data();
  for (int k = 0; k < m.basic_count; ++k) {
    const double* __restrict f = ws.f.data() + static_cast<size_t>(m.basic_mu[k]) * cap;
    const double* __restrict mk = mono + static_cast<size_t>(m.basic_mono[k]) * cap;
    double s = 0.0;
    for (int j = 0; j < nn; ++j) s += f[j] * mk[j];
    M[k] = s;
  }
  std::fill(M + m.basic_count, M + m.slot_count, 0.0);
  {
    const int* begin = m.fwd_begin.data();
    const int* fa = m.fwd_a.data();
    const int* fb = m.fwd_b.data();
    const double* fm = m.fwd_mult.data();
    const int np = static_cast<int>(m.fwd_slot.size());
    for (int p = 0; p < np; ++p) {
      // Four partial sums hide the floating-point add latency of one long chain.
      double a0 = 0.0, a1 = 0.0, a2 = 0.0, a3 = 0.0;
      int t = begin[p];
      const int end = begin[p + 1];
      for (; t + 3 < end; t += 4) {
        a0 += fm[t] * M[fa[t]] * M[fb[t]];
        a1 += fm[t + 1] * M[fa[t + 1]] * M[fb[t + 1]];
        a2 += fm[t + 2] * M[fa[t + 2]] * M[fb[t + 2]];
        a3 += fm[t + 3] * M[fa[t + 3]] * M[fb[t + 3]];
      }
      for (; t < end; ++t) a0 += fm[t] * M[fa[t]] * M[fb[t]];
      M[m.fwd_slot[p]] = (a0 + a1) + (a2 + a3);
    }
  }
  double v = m.species_coeffs[ti];
  for (int a = 0; a < m.scalar_count; ++a) v += m.moment_coeffs[a] * M[m.mapping[a]];
  return v;
}

void MtpEvaluator::backwardAtom(int nn, EvalWorkspace& ws) const {
  const CompiledMtp& m = model_;
  const int K = m.radial_funcs;
  const int cap = ws.capacity;
  const double* M = ws.moments.data();
  double* g = ws.adjoint.data();
  std::fill(g, g + m.slot_count, 0.0);
  for (int a = 0; a < m.scalar_count; ++a) g[m.mapping[a]] += m.moment_coeffs[a];
  {
    const int* begin = m.rev_begin.data();
    const int* ro = m.rev_out.data();
    const int* rt = m.rev_other.data();
    const double* rm = m.rev_mult.data();
    const int np = static_cast<int>(m.rev_slot.size());
    for (int p = 0; p < np; ++p) {
      double a0 = 0.0, a1 = 0.0, a2 = 0.0, a3 = 0.0;
      int t = begin[p];
      const int end = begin[p + 1];
      for (; t + 3 < end; t += 4) {
        a0 += rm[t] * g[ro[t]] * M[rt[t]];
        a1 += rm[t + 1] * g[ro[t + 1]] * M[rt[t + 1]];
        a2 += rm[t + 2] * g[ro[t + 2]] * M[rt[t + 2]];
        a3 += rm[t + 3] * g[ro[t + 3]] * M[rt[t + 3]];
      }
      for (; t < end; ++t) a0 += rm[t] * g[ro[t]] * M[rt[t]];
      g[m.rev_slot[p]] += (a0 + a1) + (a2 + a3);
    }
  }
  for (double* v : {ws.p.data(), ws.gx.data(), ws.gy.data(), ws.gz.data()})
    for (int mu = 0; mu < K; ++mu) std::fill(v + static_cast<size_t>(mu) * cap, v + static_cast<size_t>(mu) * cap + nn, 0.0);
  const double* mono = ws.mono.data();
  for (int k = 0; k < m.basic_count; ++k) {
    const double gk = g[k];
    if (gk == 0.0) continue;
    const size_t row = static_cast<size_t>(m.basic_mu[k]) * cap;
    {
      double* __restrict p = ws.p.data() + row;
      const double* __restrict mk = mono + static_cast<size_t>(m.basic_mono[k]) * cap;
      for (int j = 0; j < nn; ++j) p[j] += gk * mk[j];
    }
    const int d[3] = {m.basic_dx[k], m.basic_dy[k], m.basic_dz[k]};
    const double e[3] = {m.basic_a[k], m.basic_b[k], m.basic_c[k]};
    double* gout[3] = {ws.gx.data() + row, ws.gy.data() + row, ws.gz.data() + row};
    for (int c = 0; c < 3; ++c) {
      if (d[c] < 0) continue;
      const double w = gk * e[c];
      double* __restrict go = gout[c];
      const double* __restrict md = mono + static_cast<size_t>(d[c]) * cap;
      for (int j = 0; j < nn; ++j) go[j] += w * md[j];
    }
  }
  double* __restrict grx = ws.grad_x.data();
  double* __restrict gry = ws.grad_y.data();
  double* __restrict grz = ws.grad_z.data();
  std::fill(grx, grx + nn, 0.0);
  std::fill(gry, gry + nn, 0.0);
  std::fill(grz, grz + nn, 0.0);
  const double* __restrict ux = ws.ux.data();
  const double* __restrict uy = ws.uy.data();
  const double* __restrict uz = ws.uz.data();
  for (int mu = 0; mu < K; ++mu) {
    const size_t row = static_cast<size_t>(mu) * cap;
    const double* __restrict p = ws.p.data() + row;
    const double* __restrict gx = ws.gx.data() + row;
    const double* __restrict gy = ws.gy.data() + row;
    const double* __restrict gz = ws.gz.data() + row;
    const double* __restrict fp = ws.fp.data() + row;
    const double* __restrict fr = ws.fr.data() + row;
    for (int j = 0; j < nn; ++j) {
      const double udg = ux[j] * gx[j] + uy[j] * gy[j] + uz[j] * gz[j];
      const double s = fp[j] * p[j] - fr[j] * udg;
      grx[j] += s * ux[j] + fr[j] * gx[j];
      gry[j] += s * uy[j] + fr[j] * gy[j];
      grz[j] += s * uz[j] + fr[j] * gz[j];
    }
  }
}

EfsResult MtpEvaluator::compute(const Configuration& cfg, const EfsOptions& options, EvalWorkspace& ws) const {
  checkTypes(cfg);
  return compute(cfg, buildNeighborList(cfg, model_.cutoff), options, ws);
}

EfsResult MtpEvaluator::compute(const Configuration& cfg, const NeighborList& nl, const EfsOptions& options,
                                EvalWorkspace& ws) const {
  checkTypes(cfg);
  const CompiledMtp& m = model_;
  const int n = cfg.size();
  const int K = m.radial_funcs, R = m.basis_size;
  EfsResult res;
  const bool need_backward = options.forces || options.energy_gradient;
  if (options.forces) res.forces.assign(n, Vec3::Zero());
  if (options.site_energies) res.site_energies.assign(n, 0.0);
  if (options.energy_gradient) res.energy_gradient.assign(m.param_count, 0.0);
  double stress[3][3] = {{0, 0, 0}, {0, 0, 0}, {0, 0, 0}};
  double energy = 0.0;
  for (int i = 0; i < n; ++i) {
    const double v = forwardAtom(cfg, nl, i, ws);
    energy += v;
    if (options.site_energies) res.site_energies[i] = v;
    if (options.energy_gradient) {
      double* grad = res.energy_gradient.data();
      grad[m.speciesOffset() + cfg.types[i]] += 1.0;
      for (int a = 0; a < m.scalar_count; ++a) grad[m.momentOffset() + a] += ws.moments[m.mapping[a]];
    }
    if (!need_backward) continue;
    const int nn = nl.count(i), off = nl.offsets[i];
    backwardAtom(nn, ws);
    if (options.energy_gradient) {
      // ∂V_i/∂c_{t_i t_j μ ξ} = Σ_{j of type t_j} P_μ(j) Q_ξ(r_ij).
      const int cap = ws.capacity;
      const int ti = cfg.types[i];
      for (int j = 0; j < nn; ++j) {
        double* gc = res.energy_gradient.data() + m.radialOffset(ti, ws.type[j]);
        for (int mu = 0; mu < K; ++mu) {
          const double pj = ws.p[static_cast<size_t>(mu) * cap + j];
          for (int xi = 0; xi < R; ++xi) gc[mu * R + xi] += pj * ws.q[static_cast<size_t>(xi) * cap + j];
        }
      }
    }
    if (options.forces) {
      Vec3& fi = res.forces[i];
      for (int j = 0; j < nn; ++j) {
        const double gx = ws.grad_x[j], gy = ws.grad_y[j], gz = ws.grad_z[j];
        Vec3& fj = res.forces[nl.index[off + j]];
        fj.x() -= gx;
        fj.y() -= gy;
        fj.z() -= gz;
        fi.x() += gx;
        fi.y() += gy;
        fi.z() += gz;
        const double g3[3] = {gx, gy, gz};
        const double r3[3] = {nl.dx[off + j], nl.dy[off + j], nl.dz[off + j]};
        for (int a = 0; a < 3; ++a)
          for (int b = 0; b < 3; ++b) stress[a][b] -= g3[a] * r3[b];
      }
    }
  }
  res.energy = energy;
  if (options.forces) {
    res.plus_stress = {stress[0][0], stress[1][1], stress[2][2], 0.5 * (stress[1][2] + stress[2][1]),
                       0.5 * (stress[0][2] + stress[2][0]), 0.5 * (stress[0][1] + stress[1][0])};
  }
  return res;
}

}  // namespace mtp
