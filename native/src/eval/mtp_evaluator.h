// Energy, forces, PlusStress, site energies, ∂E/∂θ and the (E, F, PlusStress) Jacobian of an MTP
// (MLIP_FORMATS.md §2.2; SCIENCE.md "Moment Tensor Potential").
//
// Per atom i: neighbours j (r_ij < max_dist), u = r_ij/|r_ij|;
//   basic moments  M_k = Σ_j f_μk(r_ij) · mono_k(u),  f_μ = Σ_ξ c_{t_i t_j μ ξ} Q_ξ(r);
//   contractions   M_out += mult · M_in1 · M_in2 (alpha_index_times, in order);
//   site energy    V_i = s_{t_i} + Σ_α ξ_α M_{mapping α}.
// Forces use reverse mode: g = ∂V_i/∂M by a reverse sweep over the contractions, then per
// neighbour ∂V_i/∂r_ij = Σ_μ [(f'_μ P_μ − (f_μ/r) u·G_μ) u + (f_μ/r) G_μ] with
// P_μ = Σ_{k∈μ} g_k mono_k(u) and G_μ = Σ_{k∈μ} g_k ∇_u mono_k (the polynomial's free gradient).
#pragma once
#include <vector>

#include "core/neighbor_list.h"
#include "eval/compiled_mtp.h"
#include "eval/efs.h"

namespace mtp {

// Scratch memory for one thread; reused across atoms and configurations (no allocation in the
// inner loops once sized). Layouts are [row][neighbour] so inner loops run over neighbours.
struct EvalWorkspace {
  int capacity = 0;                 // neighbours the per-neighbour arrays can hold
  std::vector<double> ux, uy, uz, inv_r;
  std::vector<int> type;
  std::vector<double> q, dq;        // [R][nn]: Q_ξ, dQ_ξ/dr
  std::vector<double> f, fp, fr;    // [K][nn]: f_μ, f'_μ, f_μ/r
  std::vector<double> mono;         // [mono_count][nn]
  std::vector<double> moments, adjoint;  // [slots]: M, g = ∂V/∂M
  std::vector<double> p, gx, gy, gz;     // [K][nn]
  std::vector<double> grad_x, grad_y, grad_z;  // [nn]: ∂V_i/∂r_ij
  // Jacobian scratch.
  std::vector<double> mdot, gdot, dmdx, tangent, scalar_tangent, mono_q, type_q, jt_stress;
  // Functional-gradient scratch: [nn] displacement direction v and u·v, [K][nn] P' = Σ k_k mono_k.
  std::vector<double> vx, vy, vz, uv, pdot;
};

class MtpEvaluator {
 public:
  explicit MtpEvaluator(CompiledMtp model) : model_(std::move(model)) {}
  const CompiledMtp& model() const { return model_; }
  CompiledMtp& model() { return model_; }
  double cutoff() const { return model_.cutoff; }

  // Builds the neighbour list itself.
  EfsResult compute(const Configuration& cfg, const EfsOptions& options, EvalWorkspace& ws) const;
  // With a neighbour list built for cfg with cutoff() (reuse it when only θ changes).
  EfsResult compute(const Configuration& cfg, const NeighborList& nl, const EfsOptions& options,
                    EvalWorkspace& ws) const;

  // Values and Jacobian of (E, F, PlusStress) with respect to θ (see EfsJacobian).
  EfsJacobian jacobian(const Configuration& cfg, const NeighborList& nl, EvalWorkspace& ws) const;

  // Adds scale · ∂Φ/∂θ to grad (param_count entries) for the linear functional of the outputs
  //   Φ(θ) = w_energy · E + Σ_a lambda_a · F_a + Σ_s sigma_s · PlusStress_s
  // (lambda, sigma may be null = zero), i.e. Jᵀw for one configuration without forming J, by
  // reverse-over-forward mode at about twice the cost of compute() (eval/functional_gradient.cpp).
  void addFunctionalGradient(const Configuration& cfg, const NeighborList& nl, double w_energy,
                             const std::vector<Vec3>* lambda, const Stress6* sigma, double scale,
                             EvalWorkspace& ws, double* grad) const;

 private:
  void checkTypes(const Configuration& cfg) const;
  // Forward pass of atom i: fills the workspace (radial values, monomials, moments); returns V_i.
  double forwardAtom(const Configuration& cfg, const NeighborList& nl, int i, EvalWorkspace& ws) const;
  // Reverse pass after forwardAtom: adjoints, P/G polynomials and grad_{x,y,z}.
  void backwardAtom(int nn, EvalWorkspace& ws) const;
  CompiledMtp model_;
};

}  // namespace mtp
