// Jacobian of (E, F, PlusStress) with respect to θ (EfsJacobian), by forward-over-reverse mode.
// For atom i with adjoints g = ∂V_i/∂M and ∂V_i/∂r_ij = Σ_k g_k ∂M_k/∂r_ij (basic k):
//   ∂/∂θ_d (∂V_i/∂r_ij) = Σ_k ġ_k[d] ∂M_k/∂r_ij  +  Σ_k g_k ∂²M_k/∂r_ij∂θ_d,
// with ġ = ∂g/∂θ. For a moment coefficient ξ_α: ġ = ∂B_α/∂M (reverse sweep seeded at slot
// mapping[α]) and no second term. For a radial coefficient c_{t_i t μ ξ}: Ṁ = ∂M/∂c (basic moments
// Σ_{j of type t} Q_ξ mono_k, pushed forward through the contractions), ġ from the tangent of the
// reverse sweep, and the second term is the force formula with f_μ replaced by Q_ξ on neighbours
// of type t. All directions of one atom are carried together ([slot][direction] arrays), and the
// first term is one matrix product ġ_basicᵀ · ∂M_basic/∂r.
#include <algorithm>

#include <Eigen/Core>

#include "core/errors.h"
#include "eval/mtp_evaluator.h"

namespace mtp {

EfsJacobian MtpEvaluator::jacobian(const Configuration& cfg, const NeighborList& nl, EvalWorkspace& ws) const {
  checkTypes(cfg);
  const CompiledMtp& m = model_;
  const int n = cfg.size();
  const int C = m.species, K = m.radial_funcs, R = m.basis_size;
  const int Dc = C * K * R;       // radial directions (t_j, μ, ξ) of the current central species
  const int D = Dc + m.scalar_count;
  const int S = m.slot_count, B = m.basic_count;
  EfsJacobian out;
  out.rows = Eigen::MatrixXd::Zero(1 + 3 * n + 6, m.param_count);
  EfsResult& val = out.values;
  val.forces.assign(n, Vec3::Zero());
  double stress[3][3] = {{0, 0, 0}, {0, 0, 0}, {0, 0, 0}};
  // Stress rows in xx yy zz yz xz xy order, symmetrised like EfsResult::plus_stress.
  const int sa[6][2] = {{0, 0}, {1, 1}, {2, 2}, {1, 2}, {0, 2}, {0, 1}};

  const int* in1 = m.times_in1.data();
  const int* in2 = m.times_in2.data();
  const int* tout = m.times_out.data();
  const double* mult = m.times_mult.data();
  const int nt = static_cast<int>(m.times_out.size());

  for (int i = 0; i < n; ++i) {
    const int ti = cfg.types[i];
    const double v = forwardAtom(cfg, nl, i, ws);
    val.energy += v;
    const int nn = nl.count(i), off = nl.offsets[i];
    backwardAtom(nn, ws);
    const int cap = ws.capacity;
    const double* M = ws.moments.data();
    const double* g = ws.adjoint.data();

    // Energy row.
    out.rows(0, m.speciesOffset() + ti) += 1.0;
    for (int a = 0; a < m.scalar_count; ++a) out.rows(0, m.momentOffset() + a) += M[m.mapping[a]];
    for (int j = 0; j < nn; ++j) {
      const int col = m.radialOffset(ti, ws.type[j]);
      for (int mu = 0; mu < K; ++mu)
        for (int xi = 0; xi < R; ++xi)
          out.rows(0, col + mu * R + xi) += ws.p[static_cast<size_t>(mu) * cap + j] * ws.q[static_cast<size_t>(xi) * cap + j];
    }

    // Ṁ for the radial directions.
    ws.mdot.assign(static_cast<size_t>(S) * Dc, 0.0);
    double* mdot = ws.mdot.data();
    for (int k = 0; k < B; ++k) {
      const int mu = m.basic_mu[k];
      const double* mk = ws.mono.data() + static_cast<size_t>(m.basic_mono[k]) * cap;
      double* row = mdot + static_cast<size_t>(k) * Dc;
      for (int j = 0; j < nn; ++j) {
        double* dst = row + (ws.type[j] * K + mu) * R;
        for (int xi = 0; xi < R; ++xi) dst[xi] += ws.q[static_cast<size_t>(xi) * cap + j] * mk[j];
      }
    }
    for (int t = 0; t < nt; ++t) {
      double* __restrict o = mdot + static_cast<size_t>(tout[t]) * Dc;
      const double* __restrict a = mdot + static_cast<size_t>(in1[t]) * Dc;
      const double* __restrict b = mdot + static_cast<size_t>(in2[t]) * Dc;
      const double ma = mult[t] * M[in2[t]], mb = mult[t] * M[in1[t]];
      for (int d = 0; d < Dc; ++d) o[d] += ma * a[d] + mb * b[d];
    }
    // ġ: tangent of the reverse sweep for all D directions.
    ws.gdot.assign(static_cast<size_t>(S) * D, 0.0);
    double* gdot = ws.gdot.data();
    for (int a = 0; a < m.scalar_count; ++a) gdot[static_cast<size_t>(m.mapping[a]) * D + Dc + a] += 1.0;
    for (int t = nt - 1; t >= 0; --t) {
      const double* __restrict go = gdot + static_cast<size_t>(tout[t]) * D;
      double* __restrict g1 = gdot + static_cast<size_t>(in1[t]) * D;
      double* __restrict g2 = gdot + static_cast<size_t>(in2[t]) * D;
      const double* __restrict m1 = mdot + static_cast<size_t>(in1[t]) * Dc;
      const double* __restrict m2 = mdot + static_cast<size_t>(in2[t]) * Dc;
      const double w = mult[t];
      const double wg = w * g[tout[t]];
      const double w2 = w * M[in2[t]], w1 = w * M[in1[t]];
      if (g1 == g2) {  // square of one slot: both updates land on the same row
        for (int d = 0; d < Dc; ++d) g1[d] += w2 * go[d] + wg * m2[d] + w1 * go[d] + wg * m1[d];
        for (int d = Dc; d < D; ++d) g1[d] += (w2 + w1) * go[d];
      } else {
        for (int d = 0; d < Dc; ++d) {
          g1[d] += w2 * go[d] + wg * m2[d];
          g2[d] += w1 * go[d] + wg * m1[d];
        }
        for (int d = Dc; d < D; ++d) {
          g1[d] += w2 * go[d];
          g2[d] += w1 * go[d];
        }
      }
    }
    // ∂M_k/∂r_ij for basic k: [k][c·nn + j].
    const int nn3 = 3 * nn;
    ws.dmdx.assign(static_cast<size_t>(B) * nn3, 0.0);
    for (int k = 0; k < B; ++k) {
      const size_t row = static_cast<size_t>(m.basic_mu[k]) * cap;
      const double* mk = ws.mono.data() + static_cast<size_t>(m.basic_mono[k]) * cap;
      const double nu = m.basic_nu[k];
      const int d3[3] = {m.basic_dx[k], m.basic_dy[k], m.basic_dz[k]};
      const double e3[3] = {m.basic_a[k], m.basic_b[k], m.basic_c[k]};
      const double* u3[3] = {ws.ux.data(), ws.uy.data(), ws.uz.data()};
      double* dst = ws.dmdx.data() + static_cast<size_t>(k) * nn3;
      for (int c = 0; c < 3; ++c)
        for (int j = 0; j < nn; ++j) {
          const double fp = ws.fp[row + j], fr = ws.fr[row + j];
          double val_c = (fp - nu * fr) * mk[j] * u3[c][j];
          if (d3[c] >= 0) val_c += fr * e3[c] * ws.mono[static_cast<size_t>(d3[c]) * cap + j];
          dst[c * nn + j] = val_c;
        }
    }
    ws.tangent.resize(static_cast<size_t>(D) * nn3);
    Eigen::Map<Eigen::MatrixXd> tangent(ws.tangent.data(), D, nn3);
    Eigen::Map<const Eigen::MatrixXd> gdot_basic(gdot, D, B);  // column k = ġ of basic slot k
    Eigen::Map<const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>> dmdx(ws.dmdx.data(), B, nn3);
    tangent.noalias() = gdot_basic * dmdx;
    // Second term for radial directions: neighbour j only contributes to directions of its type.
    for (int j = 0; j < nn; ++j) {
      const double ux = ws.ux[j], uy = ws.uy[j], uz = ws.uz[j], inv = ws.inv_r[j];
      for (int mu = 0; mu < K; ++mu) {
        const size_t row = static_cast<size_t>(mu) * cap + j;
        const double p = ws.p[row], gx = ws.gx[row], gy = ws.gy[row], gz = ws.gz[row];
        const double udg = ux * gx + uy * gy + uz * gz;
        const int d0 = (ws.type[j] * K + mu) * R;
        for (int xi = 0; xi < R; ++xi) {
          const double q = ws.q[static_cast<size_t>(xi) * cap + j], dq = ws.dq[static_cast<size_t>(xi) * cap + j];
          const double s = dq * p - q * inv * udg, qr = q * inv;
          tangent(d0 + xi, j) += s * ux + qr * gx;
          tangent(d0 + xi, nn + j) += s * uy + qr * gy;
          tangent(d0 + xi, 2 * nn + j) += s * uz + qr * gz;
        }
      }
    }
    // Scatter: F_j −= ∂V_i/∂r_ij, F_i += ∂V_i/∂r_ij, PlusStress_ab −= ∂V_i/∂r_ij,a r_ij,b.
    std::vector<int> col(D);
    for (int d = 0; d < Dc; ++d) col[d] = m.radialOffset(ti, 0) + d;  // (t_j, μ, ξ) blocks are consecutive
    for (int a = 0; a < m.scalar_count; ++a) col[Dc + a] = m.momentOffset() + a;
    for (int j = 0; j < nn; ++j) {
      const int aj = nl.index[off + j];
      const double r3[3] = {nl.dx[off + j], nl.dy[off + j], nl.dz[off + j]};
      const double g3[3] = {ws.grad_x[j], ws.grad_y[j], ws.grad_z[j]};
      for (int c = 0; c < 3; ++c) {
        val.forces[aj][c] -= g3[c];
        val.forces[i][c] += g3[c];
        for (int b = 0; b < 3; ++b) stress[c][b] -= g3[c] * r3[b];
      }
      for (int d = 0; d < D; ++d) {
        const double t3[3] = {tangent(d, j), tangent(d, nn + j), tangent(d, 2 * nn + j)};
        for (int c = 0; c < 3; ++c) {
          out.rows(EfsJacobian::forceRow(aj, c), col[d]) -= t3[c];
          out.rows(EfsJacobian::forceRow(i, c), col[d]) += t3[c];
        }
        for (int s = 0; s < 6; ++s) {
          const int a = sa[s][0], b = sa[s][1];
          out.rows(EfsJacobian::stressRow(n, s), col[d]) -= 0.5 * (t3[a] * r3[b] + t3[b] * r3[a]);
        }
      }
    }
  }
  val.plus_stress = {stress[0][0], stress[1][1], stress[2][2], 0.5 * (stress[1][2] + stress[2][1]),
                     0.5 * (stress[0][2] + stress[2][0]), 0.5 * (stress[0][1] + stress[1][0])};
  return out;
}

}  // namespace mtp
