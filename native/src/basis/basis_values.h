// Reference evaluation of the basis functions of one atomic neighbourhood straight from the moment
// tables (MLIP_FORMATS.md §2.2). Simple and slow: used to check generated bases and the fast
// evaluator, not for production.
#pragma once
#include <vector>

#include "basis/mtp_potential.h"
#include "core/vec3.h"

namespace mtp {

// Every moment slot: M_k = sum_j radial[j][mu] * u_x^a u_y^b u_z^c for basic rows {mu, a, b, c},
// then M_k += mult * M_i * M_j for each alpha_index_times row in order.
// unit: [n_neigh] unit vectors to the neighbours; radial: [n_neigh][radial_funcs_count] values f_mu.
// Returns [alpha_moments_count]. Throws std::invalid_argument on inconsistent sizes or slot indices.
std::vector<double> momentSlotValues(const MtpBasisTables& tables, const std::vector<Vec3>& unit,
                                     const std::vector<std::vector<double>>& radial);

// The scalar basis functions B_1..B_m (the mapped slots), [alpha_scalar_moments].
std::vector<double> basisFunctionValues(const MtpBasisTables& tables, const std::vector<Vec3>& unit,
                                        const std::vector<std::vector<double>>& radial);

}  // namespace mtp
