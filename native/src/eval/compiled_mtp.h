// An MtpPotential flattened for fast evaluation: the basic moments expressed through a shared table
// of monomials u_x^a u_y^b u_z^c, the contraction list as flat arrays, the coefficients contiguous.
// Built once per potential; read-only afterwards (shared by all threads).
#pragma once
#include <vector>

#include "basis/mtp_potential.h"
#include "basis/radial_basis.h"

namespace mtp {

struct CompiledMtp {
  int species = 0;         // C
  int radial_funcs = 0;    // K
  int basis_size = 0;      // R
  int basic_count = 0;     // number of basic moments (slots 0..basic_count-1)
  int slot_count = 0;      // alpha_moments_count
  int scalar_count = 0;    // m
  int param_count = 0;     // C²KR + C + m
  double cutoff = 0.0;     // max_dist, Å
  RadialBasis radial;

  // Monomials of the unit vector: mono k = u_x^a u_y^b u_z^c, computed as mono[parent] · u[axis]
  // (mono 0 = 1, parent < k). Every sub-monomial of a used monomial is present.
  std::vector<int> mono_parent, mono_axis;
  int mono_count = 0;

  // Basic moment k: radial function mu, rank nu = a+b+c, monomial index, and for the gradient
  // ∇_u mono = (a·mono[dx], b·mono[dy], c·mono[dz]) (dx = −1 when a = 0, likewise dy, dz).
  std::vector<int> basic_mu, basic_mono, basic_dx, basic_dy, basic_dz;
  std::vector<double> basic_a, basic_b, basic_c, basic_nu;

  // Contractions: M[out] += mult · M[in1] · M[in2], in list order.
  std::vector<int> times_in1, times_in2, times_out;
  std::vector<double> times_mult;
  std::vector<int> mapping;  // scalar basis function α -> slot

  // The same contractions in gather form, for speed (each slot written once, sums kept in a
  // register instead of a read-modify-write chain through memory):
  //  forward:  for each non-basic slot s = fwd_slot[p] in completion order,
  //            M[s] = Σ_{t in [fwd_begin[p], fwd_begin[p+1])} fwd_mult[t] · M[fwd_a[t]] · M[fwd_b[t]]
  //            (terms in file order);
  //  reverse:  for each slot s = rev_slot[p] in reverse completion order (then the basic slots),
  //            g[s] += Σ_t rev_mult[t] · g[rev_out[t]] · M[rev_other[t]]  (g starts at the seeds ξ).
  std::vector<int> fwd_slot, fwd_begin, fwd_a, fwd_b;
  std::vector<double> fwd_mult;
  std::vector<int> rev_slot, rev_begin, rev_out, rev_other;
  std::vector<double> rev_mult;

  // radial[((ti*C + tj)*K + mu)*R + xi] (central species ti, neighbour species tj); the parameter
  // vector starts with exactly this block, then species (C), then moment coefficients (m).
  std::vector<double> radial_coeffs;
  std::vector<double> species_coeffs;
  std::vector<double> moment_coeffs;

  int radialOffset(int ti, int tj) const { return (ti * species + tj) * radial_funcs * basis_size; }
  int speciesOffset() const { return species * species * radial_funcs * basis_size; }
  int momentOffset() const { return speciesOffset() + species; }
};

// Validates the tables and coefficients (throws mtp::ComputeError naming the inconsistency).
// An untrained potential (no coefficients) is rejected unless allow_untrained, in which case all
// coefficients are zero (callers then set them with setParameters).
CompiledMtp compileMtp(const MtpPotential& pot, bool allow_untrained = false);

// The parameter vector θ in MtpPotential::paramCount order, and its inverse.
std::vector<double> parameters(const CompiledMtp& model);
void setParameters(CompiledMtp& model, const std::vector<double>& theta);

}  // namespace mtp
