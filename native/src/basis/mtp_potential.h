// The contents of an MLIP .mtp file (MLIP_FORMATS.md §2), untrained or trained.
#pragma once
#include <array>
#include <map>
#include <string>
#include <vector>

namespace mtp {

enum class RadialBasisType { Chebyshev, ChebyshevRepulsive };  // "RBChebyshev", "RBChebyshev_repuls"

// The basis tables: which moments exist and how scalar basis functions are contracted from them.
struct MtpBasisTables {
  int radial_funcs_count = 0;  // K: radial functions f_0..f_{K-1}
  // {mu, a, b, c}: basic moment slot k = sum_j f_mu(r_ij) u_x^a u_y^b u_z^c.
  std::vector<std::array<int, 4>> alpha_index_basic;
  // {i, j, mult, k}: M_k += mult * M_i * M_j, applied in order.
  std::vector<std::array<int, 4>> alpha_index_times;
  int alpha_moments_count = 0;  // total slots (basic + intermediate)
  // Slots that are the scalar basis functions B_1..B_m (m = alpha_scalar_moments).
  std::vector<int> alpha_moment_mapping;
};

// How the numbers and layout of an .mtp file are spelled. The reader records what it found, so that
// writing a potential that was read reproduces its file byte for byte; a potential built in memory
// keeps the defaults, which are what MLIP-3 itself writes. Only io/mtp_file uses this.
enum class MtpNumberFormat {
  Scientific15,  // printf "%.15e" (16 significant digits): MLIP's coefficients, dists, scaling
  Scientific16,  // "%.16e" (17 significant digits): always reads back to the same double
  General16,     // "%.16g": MLIP-2's species_coeffs / moment_coeffs (iostream default format)
  Shortest,      // shortest text that reads back exactly ("2", "1.9"): hand-edited templates
};
struct MtpTextStyle {
  MtpNumberFormat scaling = MtpNumberFormat::Scientific15;
  MtpNumberFormat dists = MtpNumberFormat::Scientific15;          // min_dist and max_dist
  MtpNumberFormat radial_coeffs = MtpNumberFormat::Scientific15;
  MtpNumberFormat species_coeffs = MtpNumberFormat::Scientific15;
  MtpNumberFormat moment_coeffs = MtpNumberFormat::Scientific15;
  std::string potential_tag_separator = " ";  // text between "potential_tag =" and the tag
  // Leading whitespace of keyword lines that differs from MLIP's (keyword -> indentation).
  std::map<std::string, std::string> indent_overrides;
  bool final_newline = true;
};

struct MtpPotential {
  std::string potential_name = "MTP1m";
  bool has_potential_name = true;
  double scaling = 1.0;  // multiplies every Q_xi; written only if != 1
  int species_count = 1;
  bool has_potential_tag = false;
  std::string potential_tag;  // rest of the "potential_tag =" line
  RadialBasisType radial_basis_type = RadialBasisType::Chebyshev;
  double min_dist = 2.0;  // Å; maps r to the Chebyshev interval
  double max_dist = 5.0;  // Å; cutoff R_cut
  int radial_basis_size = 8;  // number of Chebyshev functions Q_0..Q_{size-1}
  MtpBasisTables basis;

  // Trained parameters; empty when untrained.
  // radial_coeffs[(ti*species_count + tj)][mu][xi], central species ti, neighbour species tj.
  std::vector<std::vector<std::vector<double>>> radial_coeffs;
  std::vector<double> species_coeffs;  // per species constant, eV
  std::vector<double> moment_coeffs;   // one per scalar basis function (xi_alpha), eV

  MtpTextStyle text_style;  // spelling of the file it was read from (see MtpTextStyle)

  int radialFuncsCount() const { return basis.radial_funcs_count; }
  int scalarCount() const { return static_cast<int>(basis.alpha_moment_mapping.size()); }
  bool trained() const { return !species_coeffs.empty(); }
  // n_params = C^2 K R + C + m (MLIP_FORMATS.md §2.3). Parameter vector order (used by dE/dtheta,
  // training and maxvol): radial coeffs in file order (pair, mu, xi), then species_coeffs, then
  // moment_coeffs.
  int paramCount() const {
    return species_count * species_count * radialFuncsCount() * radial_basis_size + species_count +
           scalarCount();
  }
};

}  // namespace mtp
