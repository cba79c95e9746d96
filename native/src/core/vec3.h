// Small fixed-size vector/matrix types used across the engine (Cartesian, Å unless stated).
#pragma once
#include <Eigen/Core>

namespace mtp {

using Vec3 = Eigen::Vector3d;
// Lattice: row k is lattice vector a_k (Cartesian, Å), as in MLIP's .cfg "Supercell".
using Mat3 = Eigen::Matrix3d;

}  // namespace mtp
