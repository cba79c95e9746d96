#include "basis/radial_basis.h"

#include <cmath>
#include <sstream>

#include "core/errors.h"

namespace mtp {

RadialBasis::RadialBasis(RadialBasisType type, double min_dist, double max_dist, int size, double scaling)
    : type_(type), min_(min_dist), max_(max_dist), scaling_(scaling), size_(size) {
  if (!(max_dist > min_dist) || !(min_dist >= 0.0) || size < 1)
    throw ComputeError("radial basis needs 0 <= min_dist < max_dist and radial_basis_size >= 1");
}

void RadialBasis::evaluate(double r, double* q, double* dq) const {
  if (!(r >= kMinPairDistance) || !std::isfinite(r)) {
    std::ostringstream os;
    os << "interatomic distance " << r << " Å is below " << kMinPairDistance
       << " Å (overlapping atoms); the MTP is undefined there";
    throw ComputeError(os.str());
  }
  if (r >= max_) {
    for (int k = 0; k < size_; ++k) q[k] = dq[k] = 0.0;
    return;
  }
  // Below min_dist the repulsive variant is constant (clamped argument, zero derivative).
  const bool clamped = type_ == RadialBasisType::ChebyshevRepulsive && r < min_;
  const double x = clamped ? min_ : r;
  const double width = max_ - min_;
  const double s = (2.0 * x - (min_ + max_)) / width;
  const double ds_dr = clamped ? 0.0 : 2.0 / width;
  // (max − x) is computed directly (not as a difference of squares) to avoid cancellation near
  // the cutoff; the envelope and its derivative vanish smoothly there.
  const double d = max_ - x;
  const double env = scaling_ * d * d;
  const double denv = clamped ? 0.0 : -2.0 * scaling_ * d;
  // T_0 = 1, T_1 = s, T_n = 2s T_{n−1} − T_{n−2};  T'_n = 2 T_{n−1} + 2s T'_{n−1} − T'_{n−2}.
  double t_prev = 1.0, dt_prev = 0.0;
  q[0] = env;
  dq[0] = denv;
  if (size_ == 1) return;
  double t = s, dt = 1.0;
  q[1] = t * env;
  dq[1] = dt * ds_dr * env + t * denv;
  for (int k = 2; k < size_; ++k) {
    const double t_next = 2.0 * s * t - t_prev;
    const double dt_next = 2.0 * t + 2.0 * s * dt - dt_prev;
    t_prev = t;
    dt_prev = dt;
    t = t_next;
    dt = dt_next;
    q[k] = t * env;
    dq[k] = dt * ds_dr * env + t * denv;
  }
}

}  // namespace mtp
