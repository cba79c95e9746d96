// ∂Φ/∂θ for Φ = w_E·E + Σ_a λ_a·F_a + Σ_s σ_s·PlusStress_s (MtpEvaluator::addFunctionalGradient).
//
// With g_ij = ∂V_i/∂r_ij, F_j −= g_ij, F_i += g_ij and PlusStress_ab = −Σ g_ij,a r_ij,b
// (symmetrised), the force and stress part of Φ is Σ_i Σ_j g_ij·v_ij with the fixed displacement
//   v_ij = λ_i − λ_j − S r_ij,  S = [[σxx, σxy/2, σxz/2], [σxy/2, σyy, σyz/2], [σxz/2, σyz/2, σzz]],
// i.e. Σ_i V̇_i, the derivative of the site energies along r_ij → r_ij + ε v_ij. Per atom:
//   forward tangent   Ṁ_k = Σ_j ∂M_k/∂r_ij·v_ij (basic), Ṁ_out = Σ mult (Ṁ_a M_b + M_a Ṁ_b);
//   ∂V̇/∂ξ_α = Ṁ_{mapping α}; the adjoint of Ṁ in V̇ is g = ∂V/∂M (same reverse sweep), and the
//   adjoint of M is k = ġ, the tangent of the reverse sweep: k_s = Σ mult (k_out M_other + g_out Ṁ_other);
//   ∂V̇/∂c_{t μ ξ} = Σ_{j of type t} [Q_ξ (P'_μ + (G_μ·v − (u·G_μ)(u·v))/r) + Q'_ξ (u·v) P_μ],
// with P'_μ = Σ_{k∈μ} k_k mono_k(u), and P_μ, G_μ from the force pass (mtp_evaluator.h). The energy
// term adds w_E (∂V_i/∂θ). Cost: two forward and two reverse sweeps per atom, no per-parameter work
// beyond the K·R radial accumulation.
#include <algorithm>

#include "eval/mtp_evaluator.h"

namespace mtp {

namespace {

void ensureSize(std::vector<double>& v, size_t n) {
  if (v.size() < n) v.resize(n);
}

}  // namespace

void MtpEvaluator::addFunctionalGradient(const Configuration& cfg, const NeighborList& nl, double w_energy,
                                         const std::vector<Vec3>* lambda, const Stress6* sigma, double scale,
                                         EvalWorkspace& ws, double* grad) const {
  checkTypes(cfg);
  const CompiledMtp& m = model_;
  const int n = cfg.size();
  const int K = m.radial_funcs, R = m.basis_size;
  const int S = m.slot_count, B = m.basic_count;
  double smat[3][3] = {{0, 0, 0}, {0, 0, 0}, {0, 0, 0}};
  bool tangent_on = lambda != nullptr;
  if (sigma) {
    const Stress6& s = *sigma;
    smat[0][0] = s[0], smat[1][1] = s[1], smat[2][2] = s[2];
    smat[1][2] = smat[2][1] = 0.5 * s[3];
    smat[0][2] = smat[2][0] = 0.5 * s[4];
    smat[0][1] = smat[1][0] = 0.5 * s[5];
    tangent_on = true;
  }
  const double we = scale * w_energy;
  ensureSize(ws.mdot, S);
  ensureSize(ws.gdot, S);
  double* species_grad = grad + m.speciesOffset();
  double* moment_grad = grad + m.momentOffset();

  for (int i = 0; i < n; ++i) {
    const int ti = cfg.types[i];
    forwardAtom(cfg, nl, i, ws);
    const int nn = nl.count(i), off = nl.offsets[i];
    backwardAtom(nn, ws);
    const int cap = ws.capacity;
    const double* M = ws.moments.data();
    const double* g = ws.adjoint.data();
    species_grad[ti] += we;
    for (int a = 0; a < m.scalar_count; ++a) moment_grad[a] += we * M[m.mapping[a]];

    for (auto* v : {&ws.vx, &ws.vy, &ws.vz, &ws.uv}) ensureSize(*v, cap);
    ensureSize(ws.pdot, static_cast<size_t>(K) * cap);
    double* vx = ws.vx.data();
    double* vy = ws.vy.data();
    double* vz = ws.vz.data();
    double* uv = ws.uv.data();
    double* mdot = ws.mdot.data();
    double* kdot = ws.gdot.data();
    double* pdot = ws.pdot.data();
    const double* ux = ws.ux.data();
    const double* uy = ws.uy.data();
    const double* uz = ws.uz.data();
    const double* mono = ws.mono.data();
    if (tangent_on) {
      for (int j = 0; j < nn; ++j) {
        const double r3[3] = {nl.dx[off + j], nl.dy[off + j], nl.dz[off + j]};
        double v3[3];
        for (int a = 0; a < 3; ++a) v3[a] = -(smat[a][0] * r3[0] + smat[a][1] * r3[1] + smat[a][2] * r3[2]);
        if (lambda) {
          const Vec3& li = (*lambda)[i];
          const Vec3& lj = (*lambda)[nl.index[off + j]];
          for (int a = 0; a < 3; ++a) v3[a] += li[a] - lj[a];
        }
        vx[j] = v3[0], vy[j] = v3[1], vz[j] = v3[2];
        uv[j] = ux[j] * v3[0] + uy[j] * v3[1] + uz[j] * v3[2];
      }
      // Basic tangents: ∂M_k/∂r·v = (f' − ν f/r) mono_k (u·v) + (f/r) ∇_u mono_k · v.
      for (int k = 0; k < B; ++k) {
        const size_t row = static_cast<size_t>(m.basic_mu[k]) * cap;
        const double* __restrict fp = ws.fp.data() + row;
        const double* __restrict fr = ws.fr.data() + row;
        const double* __restrict mk = mono + static_cast<size_t>(m.basic_mono[k]) * cap;
        const double nu = m.basic_nu[k];
        double s = 0.0;
        for (int j = 0; j < nn; ++j) s += (fp[j] - nu * fr[j]) * mk[j] * uv[j];
        const int d3[3] = {m.basic_dx[k], m.basic_dy[k], m.basic_dz[k]};
        const double e3[3] = {m.basic_a[k], m.basic_b[k], m.basic_c[k]};
        const double* v3[3] = {vx, vy, vz};
        for (int c = 0; c < 3; ++c) {
          if (d3[c] < 0) continue;
          const double* __restrict md = mono + static_cast<size_t>(d3[c]) * cap;
          const double* __restrict vc = v3[c];
          double t = 0.0;
          for (int j = 0; j < nn; ++j) t += fr[j] * md[j] * vc[j];
          s += e3[c] * t;
        }
        mdot[k] = s;
      }
      std::fill(mdot + B, mdot + S, 0.0);  // slots no contraction writes stay zero, as in M
      // Forward tangent through the contractions (gather form, same order as forwardAtom).
      for (size_t p = 0; p < m.fwd_slot.size(); ++p) {
        double acc = 0.0;
        for (int t = m.fwd_begin[p]; t < m.fwd_begin[p + 1]; ++t) {
          const int a = m.fwd_a[t], b = m.fwd_b[t];
          acc += m.fwd_mult[t] * (mdot[a] * M[b] + M[a] * mdot[b]);
        }
        mdot[m.fwd_slot[p]] = acc;
      }
      for (int a = 0; a < m.scalar_count; ++a) moment_grad[a] += scale * mdot[m.mapping[a]];
      // k = tangent of the reverse sweep (its seeds ξ_α do not depend on r, so k starts at zero).
      std::fill(kdot, kdot + S, 0.0);
      for (size_t p = 0; p < m.rev_slot.size(); ++p) {
        double acc = 0.0;
        for (int t = m.rev_begin[p]; t < m.rev_begin[p + 1]; ++t) {
          const int o = m.rev_out[t], x = m.rev_other[t];
          acc += m.rev_mult[t] * (kdot[o] * M[x] + g[o] * mdot[x]);
        }
        kdot[m.rev_slot[p]] += acc;
      }
      for (int mu = 0; mu < K; ++mu) std::fill(pdot + static_cast<size_t>(mu) * cap, pdot + static_cast<size_t>(mu) * cap + nn, 0.0);
      for (int k = 0; k < B; ++k) {
        const double kk = kdot[k];
        if (kk == 0.0) continue;
        double* __restrict pd = pdot + static_cast<size_t>(m.basic_mu[k]) * cap;
        const double* __restrict mk = mono + static_cast<size_t>(m.basic_mono[k]) * cap;
        for (int j = 0; j < nn; ++j) pd[j] += kk * mk[j];
      }
    }
    // Radial coefficients: coefficient of Q_ξ (a) and of Q'_ξ (b) per neighbour and μ.
    for (int j = 0; j < nn; ++j) {
      double* gc = grad + m.radialOffset(ti, ws.type[j]);
      for (int mu = 0; mu < K; ++mu) {
        const size_t row = static_cast<size_t>(mu) * cap + j;
        const double p = ws.p[row];
        double a = we * p, b = 0.0;
        if (tangent_on) {
          const double gx = ws.gx[row], gy = ws.gy[row], gz = ws.gz[row];
          const double udg = ux[j] * gx + uy[j] * gy + uz[j] * gz;
          const double gdv = gx * vx[j] + gy * vy[j] + gz * vz[j];
          a += scale * (pdot[row] + (gdv - udg * uv[j]) * ws.inv_r[j]);
          b = scale * uv[j] * p;
        }
        double* gmu = gc + mu * R;
        for (int xi = 0; xi < R; ++xi)
          gmu[xi] += a * ws.q[static_cast<size_t>(xi) * cap + j] + b * ws.dq[static_cast<size_t>(xi) * cap + j];
      }
    }
  }
}

}  // namespace mtp
