// Radial basis: values against the Chebyshev closed form T_n(cos t) = cos(n t), derivatives
// against finite differences, the repulsive clamp, zero at and beyond the cutoff, r -> 0 errors.
#include <cmath>

#include "basis/radial_basis.h"
#include "core/errors.h"
#include "testing.h"

using namespace mtp;

TEST(values_match_closed_form) {
  const RadialBasis rb(RadialBasisType::Chebyshev, 1.9, 5.2, 10, 0.7);
  double q[10], dq[10];
  for (double r : {0.5, 1.9, 2.3, 3.55, 4.9, 5.199}) {
    rb.evaluate(r, q, dq);
    const double s = (2 * r - 7.1) / 3.3;
    for (int n = 0; n < 10; ++n) {
      // Outside [-1, 1] (r < min_dist) use cosh form.
      const double t = std::fabs(s) <= 1 ? std::cos(n * std::acos(s))
                                         : (s > 0 ? 1 : (n % 2 ? -1 : 1)) * std::cosh(n * std::acosh(std::fabs(s)));
      CHECK_NEAR(q[n], 0.7 * t * (5.2 - r) * (5.2 - r), 1e-12 * (1 + std::fabs(q[n])));
    }
  }
}

TEST(derivatives_match_finite_differences) {
  for (auto type : {RadialBasisType::Chebyshev, RadialBasisType::ChebyshevRepulsive}) {
    const RadialBasis rb(type, 2.0, 5.0, 8, 1.3);
    double q[8], dq[8], qp[8], qm[8], tmp[8];
    for (double r : {1.2, 2.4, 3.3, 4.99}) {
      const double h = 1e-6;
      rb.evaluate(r, q, dq);
      rb.evaluate(r + h, qp, tmp);
      rb.evaluate(r - h, qm, tmp);
      for (int n = 0; n < 8; ++n) CHECK_NEAR(dq[n], (qp[n] - qm[n]) / (2 * h), 1e-6 * (1 + std::fabs(dq[n])));
    }
  }
}

TEST(repulsive_variant_is_clamped_below_min_dist) {
  const RadialBasis rb(RadialBasisType::ChebyshevRepulsive, 2.0, 5.0, 8, 1.0);
  double a[8], da[8], b[8], db[8];
  rb.evaluate(0.7, a, da);
  rb.evaluate(2.0, b, db);
  for (int n = 0; n < 8; ++n) {
    CHECK(a[n] == b[n]);
    CHECK(da[n] == 0.0);
  }
}

TEST(zero_at_and_beyond_cutoff) {
  const RadialBasis rb(RadialBasisType::Chebyshev, 2.0, 5.0, 8, 1.0);
  double q[8], dq[8];
  for (double r : {5.0, 6.0}) {
    rb.evaluate(r, q, dq);
    for (int n = 0; n < 8; ++n) CHECK(q[n] == 0.0 && dq[n] == 0.0);
  }
  rb.evaluate(5.0 - 1e-9, q, dq);  // smooth: value ~ (1e-9)², derivative ~ 1e-9
  for (int n = 0; n < 8; ++n) CHECK(std::fabs(q[n]) < 1e-17 && std::fabs(dq[n]) < 1e-8);
}

TEST(tiny_distances_throw_instead_of_nan) {
  const RadialBasis rb(RadialBasisType::Chebyshev, 2.0, 5.0, 8, 1.0);
  double q[8], dq[8];
  CHECK_THROWS(rb.evaluate(0.0, q, dq));
  CHECK_THROWS(rb.evaluate(1e-9, q, dq));
  CHECK_THROWS(rb.evaluate(std::nan(""), q, dq));
  bool is_compute_error = false;
  try {
    rb.evaluate(0.0, q, dq);
  } catch (const ComputeError&) {
    is_compute_error = true;
  }
  CHECK(is_compute_error);
  CHECK_THROWS(RadialBasis(RadialBasisType::Chebyshev, 5.0, 2.0, 8, 1.0));
}

TEST_MAIN()
