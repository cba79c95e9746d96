// Jacobian of (E, F, PlusStress) with respect to θ (EfsJacobian). For atom i, the parameter
// derivative of ∂V_i/∂r_ij, which the force and stress rows need, is found two ways:
//  - Moment coefficient ξ_α: ∂/∂ξ_α (∂V_i/∂r_ij) = ∂B_α/∂r_ij, the position derivative of the basis
//    function, pushed forward through the contractions from ∂M_k/∂r_ij of the basic moments:
//    one vector operation of length 3·nn per contraction for all α together.
//  - Radial coefficient c_{t_i t μ ξ} (forward-over-reverse): with adjoints g = ∂V_i/∂M,
//      ∂/∂c (∂V_i/∂r_ij) = Σ_k ġ_k ∂M_k/∂r_ij + Σ_k g_k ∂²M_k/∂r_ij∂c,
//    Ṁ = ∂M/∂c (basic moments Σ_{j of type t} Q_ξ mono_k, pushed forward through the
//    contractions), ġ the tangent of the reverse sweep; the first term is one matrix product
//    ġ_basicᵀ · ∂M_basic/∂r, the second the force formula with f_μ replaced by Q_ξ on neighbours
//    of type t.
// The rows are assembled transposed (one contiguous parameter vector per output row), so that the
// scatter to the neighbours' force rows and the stress rows are vector operations.
#include <algorithm>

#include <Eigen/Core>

#include "core/errors.h"
#include "eval/mtp_evaluator.h"

namespace mtp {

namespace {

using RowMajor = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using StridedRows = Eigen::Map<const RowMajor, 0, Eigen::OuterStride<>>;

// Stress components in xx yy zz yz xz xy order, symmetrised like EfsResult::plus_stress.
constexpr int kStressAxes[6][2] = {{0, 0}, {1, 1}, {2, 2}, {1, 2}, {0, 2}, {0, 1}};

// Tangent of the forward contractions: X[out] += mult (M[in2] X[in1] + M[in1] X[in2]) in list order,
// for rows X[slot] of `width` doubles (the basic slots' rows given, the others zero on entry).
void forwardTangent(const CompiledMtp& m, const double* M, double* X, size_t width) {
  const int nt = static_cast<int>(m.times_out.size());
  for (int t = 0; t < nt; ++t) {
    const int in1 = m.times_in1[t], in2 = m.times_in2[t];
    double* __restrict o = X + static_cast<size_t>(m.times_out[t]) * width;
    const double* __restrict a = X + static_cast<size_t>(in1) * width;
    const double* __restrict b = X + static_cast<size_t>(in2) * width;
    const double ma = m.times_mult[t] * M[in2], mb = m.times_mult[t] * M[in1];
    for (size_t d = 0; d < width; ++d) o[d] += ma * a[d] + mb * b[d];
  }
}

}  // namespace

EfsJacobian MtpEvaluator::jacobian(const Configuration& cfg, const NeighborList& nl, EvalWorkspace& ws) const {
  checkTypes(cfg);
  const CompiledMtp& m = model_;
  const int n = cfg.size();
  const int C = m.species, K = m.radial_funcs, R = m.basis_size;
  const int Dc = C * K * R;  // radial directions (t_j, μ, ξ) of the current central species
  const int ns = m.scalar_count;
  const int S = m.slot_count, B = m.basic_count;
  const int rows = 1 + 3 * n + 6;
  // jt.col(row) = ∂(output row)/∂θ.
  Eigen::MatrixXd jt = Eigen::MatrixXd::Zero(m.param_count, rows);
  EfsJacobian out;
  EfsResult& val = out.values;
  val.forces.assign(n, Vec3::Zero());
  double stress[3][3] = {{0, 0, 0}, {0, 0, 0}, {0, 0, 0}};
  const int mom0 = m.momentOffset();

  const int* in1 = m.times_in1.data();
  const int* in2 = m.times_in2.data();
  const int* tout = m.times_out.data();
  const double* mult = m.times_mult.data();
  const int nt = static_cast<int>(m.times_out.size());

  for (int i = 0; i < n; ++i) {
    const int ti = cfg.types[i];
    const int rad0 = m.radialOffset(ti, 0);  // (t_j, μ, ξ) blocks are consecutive
    const double v = forwardAtom(cfg, nl, i, ws);
    val.energy += v;
    const int nn = nl.count(i), off = nl.offsets[i];
    backwardAtom(nn, ws);
    const int cap = ws.capacity;
    const double* M = ws.moments.data();
    const double* g = ws.adjoint.data();

    // Energy row.
    jt(m.speciesOffset() + ti, 0) += 1.0;
    for (int a = 0; a < ns; ++a) jt(mom0 + a, 0) += M[m.mapping[a]];
    for (int j = 0; j < nn; ++j) {
      const int col = m.radialOffset(ti, ws.type[j]);
      for (int mu = 0; mu < K; ++mu)
        for (int xi = 0; xi < R; ++xi)
          jt(col + mu * R + xi, 0) += ws.p[static_cast<size_t>(mu) * cap + j] * ws.q[static_cast<size_t>(xi) * cap + j];
    }
    if (nn == 0) continue;

    // Ṁ of the basic moments for the radial directions: Σ_{j of type t} Q_ξ(r_ij) mono_k(u_ij),
    // one product (monomials × neighbours)·(neighbours × (t, ξ)) for all k.
    const int CR = C * R;
    ws.type_q.assign(static_cast<size_t>(nn) * CR, 0.0);
    Eigen::Map<Eigen::MatrixXd> type_q(ws.type_q.data(), nn, CR);
    for (int xi = 0; xi < R; ++xi)
      for (int j = 0; j < nn; ++j) type_q(j, ws.type[j] * R + xi) = ws.q[static_cast<size_t>(xi) * cap + j];
    ws.mono_q.resize(static_cast<size_t>(m.mono_count) * CR);
    Eigen::Map<RowMajor> mono_q(ws.mono_q.data(), m.mono_count, CR);
    mono_q.noalias() = StridedRows(ws.mono.data(), m.mono_count, nn, Eigen::OuterStride<>(cap)) * type_q;
    ws.mdot.assign(static_cast<size_t>(S) * Dc, 0.0);
    double* mdot = ws.mdot.data();
    for (int k = 0; k < B; ++k) {
      const int mu = m.basic_mu[k];
      const double* src = ws.mono_q.data() + static_cast<size_t>(m.basic_mono[k]) * CR;
      double* row = mdot + static_cast<size_t>(k) * Dc;
      for (int t = 0; t < C; ++t)
        for (int xi = 0; xi < R; ++xi) row[(t * K + mu) * R + xi] = src[t * R + xi];
    }
    forwardTangent(m, M, mdot, Dc);
    // ġ for the radial directions: tangent of the reverse sweep (g at the scalar slots is ξ,
    // which does not depend on c, so there is no seed).
    ws.gdot.assign(static_cast<size_t>(S) * Dc, 0.0);
    double* gdot = ws.gdot.data();
    for (int t = nt - 1; t >= 0; --t) {
      const double* __restrict go = gdot + static_cast<size_t>(tout[t]) * Dc;
      double* __restrict g1 = gdot + static_cast<size_t>(in1[t]) * Dc;
      double* __restrict g2 = gdot + static_cast<size_t>(in2[t]) * Dc;
      const double* __restrict m1 = mdot + static_cast<size_t>(in1[t]) * Dc;
      const double* __restrict m2 = mdot + static_cast<size_t>(in2[t]) * Dc;
      const double w = mult[t];
      const double wg = w * g[tout[t]];
      const double w2 = w * M[in2[t]], w1 = w * M[in1[t]];
      if (g1 == g2) {  // square of one slot: both updates land on the same row
        for (int d = 0; d < Dc; ++d) g1[d] += w2 * go[d] + wg * m2[d] + w1 * go[d] + wg * m1[d];
      } else {
        for (int d = 0; d < Dc; ++d) {
          g1[d] += w2 * go[d] + wg * m2[d];
          g2[d] += w1 * go[d] + wg * m1[d];
        }
      }
    }

    // ∂M_s/∂r_ij for every slot s: [s][c·nn + j]; the basic slots directly, the others by the
    // forward contractions.
    const int nn3 = 3 * nn;
    const size_t ld = (static_cast<size_t>(nn3) + 7) / 8 * 8;  // row stride: whole blocks of 8
    ws.dmdx.resize(static_cast<size_t>(S) * ld);
    double* dmdx = ws.dmdx.data();
    std::fill(dmdx + static_cast<size_t>(B) * ld, dmdx + static_cast<size_t>(S) * ld, 0.0);
    for (int k = 0; k < B; ++k) {
      const size_t row = static_cast<size_t>(m.basic_mu[k]) * cap;
      const double* mk = ws.mono.data() + static_cast<size_t>(m.basic_mono[k]) * cap;
      const double nu = m.basic_nu[k];
      const int d3[3] = {m.basic_dx[k], m.basic_dy[k], m.basic_dz[k]};
      const double e3[3] = {m.basic_a[k], m.basic_b[k], m.basic_c[k]};
      const double* u3[3] = {ws.ux.data(), ws.uy.data(), ws.uz.data()};
      double* dst = dmdx + static_cast<size_t>(k) * ld;
      for (int c = 0; c < 3; ++c)
        for (int j = 0; j < nn; ++j) {
          const double fp = ws.fp[row + j], fr = ws.fr[row + j];
          double val_c = (fp - nu * fr) * mk[j] * u3[c][j];
          if (d3[c] >= 0) val_c += fr * e3[c] * ws.mono[static_cast<size_t>(d3[c]) * cap + j];
          dst[c * nn + j] = val_c;
        }
      std::fill(dst + nn3, dst + ld, 0.0);
    }
    forwardTangent(m, M, dmdx, ld);
    // Moment directions: scalar_tangent(α, c·nn + j) = ∂B_α/∂r_ij,c.
    ws.scalar_tangent.resize(static_cast<size_t>(ns) * nn3);
    Eigen::Map<Eigen::MatrixXd> scalar_tangent(ws.scalar_tangent.data(), ns, nn3);
    for (int a = 0; a < ns; ++a) {
      const double* src = dmdx + static_cast<size_t>(m.mapping[a]) * ld;
      for (int d = 0; d < nn3; ++d) scalar_tangent(a, d) = src[d];
    }

    // Radial directions: first term ġ_basicᵀ · ∂M_basic/∂r, then the second term, in which
    // neighbour j only contributes to directions of its type.
    ws.tangent.resize(static_cast<size_t>(Dc) * nn3);
    Eigen::Map<Eigen::MatrixXd> tangent(ws.tangent.data(), Dc, nn3);
    Eigen::Map<const Eigen::MatrixXd> gdot_basic(gdot, Dc, B);  // column k = ġ of basic slot k
    tangent.noalias() = gdot_basic * StridedRows(dmdx, B, nn3, Eigen::OuterStride<>(ld));
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

    // Values: F_j −= ∂V_i/∂r_ij, F_i += ∂V_i/∂r_ij, PlusStress_ab −= ∂V_i/∂r_ij,a r_ij,b.
    for (int j = 0; j < nn; ++j) {
      const int aj = nl.index[off + j];
      const double r3[3] = {nl.dx[off + j], nl.dy[off + j], nl.dz[off + j]};
      const double g3[3] = {ws.grad_x[j], ws.grad_y[j], ws.grad_z[j]};
      for (int c = 0; c < 3; ++c) {
        val.forces[aj][c] -= g3[c];
        val.forces[i][c] += g3[c];
        for (int b = 0; b < 3; ++b) stress[c][b] -= g3[c] * r3[b];
      }
    }
    // Rows, the same formulas with the parameter derivatives: each neighbour's force rows, the
    // central atom's as sums over its neighbours, the stress as products with r_ij.
    for (int j = 0; j < nn; ++j) {
      const int aj = nl.index[off + j];
      for (int c = 0; c < 3; ++c) {
        auto col = jt.col(EfsJacobian::forceRow(aj, c));
        col.segment(rad0, Dc) -= tangent.col(c * nn + j);
        col.segment(mom0, ns) -= scalar_tangent.col(c * nn + j);
      }
    }
    for (int c = 0; c < 3; ++c) {
      auto col = jt.col(EfsJacobian::forceRow(i, c));
      col.segment(rad0, Dc) += tangent.middleCols(c * nn, nn).rowwise().sum();
      col.segment(mom0, ns) += scalar_tangent.middleCols(c * nn, nn).rowwise().sum();
    }
    Eigen::Matrix<double, Eigen::Dynamic, 3> r3(nn, 3);
    r3.col(0) = Eigen::Map<const Eigen::VectorXd>(nl.dx.data() + off, nn);
    r3.col(1) = Eigen::Map<const Eigen::VectorXd>(nl.dy.data() + off, nn);
    r3.col(2) = Eigen::Map<const Eigen::VectorXd>(nl.dz.data() + off, nn);
    // tr(a, b) = Σ_j ∂/∂θ (∂V_i/∂r_ij,a) r_ij,b as a (directions × 3) block per a.
    ws.jt_stress.resize(static_cast<size_t>(3) * 3 * (Dc + ns));
    for (int part = 0; part < 2; ++part) {
      const int dim = part == 0 ? Dc : ns, first = part == 0 ? rad0 : mom0;
      Eigen::Map<Eigen::MatrixXd> tr(ws.jt_stress.data(), dim, 9);  // column 3a + b
      for (int a = 0; a < 3; ++a) {
        if (part == 0) tr.middleCols(3 * a, 3).noalias() = tangent.middleCols(a * nn, nn) * r3;
        else tr.middleCols(3 * a, 3).noalias() = scalar_tangent.middleCols(a * nn, nn) * r3;
      }
      for (int s = 0; s < 6; ++s) {
        const int a = kStressAxes[s][0], b = kStressAxes[s][1];
        jt.col(EfsJacobian::stressRow(n, s)).segment(first, dim) -= 0.5 * (tr.col(3 * a + b) + tr.col(3 * b + a));
      }
    }
  }
  val.plus_stress = {stress[0][0], stress[1][1], stress[2][2], 0.5 * (stress[1][2] + stress[2][1]),
                     0.5 * (stress[0][2] + stress[2][0]), 0.5 * (stress[0][1] + stress[1][0])};
  out.rows = jt.transpose();
  return out;
}

}  // namespace mtp
