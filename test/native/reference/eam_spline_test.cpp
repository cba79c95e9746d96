// EamSpline: LAMMPS's piecewise cubic through tabulated values.
#include <cmath>

#include "reference/eam_spline.h"
#include "testing.h"

using namespace mtp;

TEST(passes_through_the_nodes_with_continuous_value) {
  std::vector<double> v;
  const double dx = 0.1;
  for (int k = 0; k < 40; ++k) v.push_back(std::sin(0.3 * k) + 0.01 * k * k);
  const EamSpline s(v, dx, EamSpline::Clamp::Radial);
  for (int k = 0; k < 39; ++k) {
    CHECK_NEAR(s.value(k * dx), v[k], 1e-12);
    // Continuity across the node from both sides.
    CHECK_NEAR(s.value(k * dx + 1e-10), s.value(k * dx - 1e-10), 1e-8);
  }
}

TEST(reproduces_cubics_in_the_interior_exactly) {
  // The 5-point slope stencil is exact for polynomials up to degree 4, and the Hermite cubic with exact
  // slopes reproduces a cubic exactly: value and derivative must be exact away from the two ends.
  auto f = [](double x) { return 1.0 - 2.0 * x + 0.5 * x * x - 0.25 * x * x * x; };
  auto df = [](double x) { return -2.0 + x - 0.75 * x * x; };
  const double dx = 0.05;
  std::vector<double> v;
  for (int k = 0; k < 60; ++k) v.push_back(f(k * dx));
  const EamSpline s(v, dx, EamSpline::Clamp::Radial);
  for (double x = 2 * dx; x < 57 * dx; x += 0.0137) {
    CHECK_NEAR(s.value(x), f(x), 1e-12);
    CHECK_NEAR(s.derivative(x), df(x), 1e-10);
  }
}

TEST(derivative_is_the_derivative_of_the_value) {
  std::vector<double> v;
  const double dx = 0.2;
  for (int k = 0; k < 30; ++k) v.push_back(std::exp(-0.1 * k) * std::cos(0.7 * k));
  const EamSpline s(v, dx, EamSpline::Clamp::Density);
  const double h = 1e-6;
  for (double x = 0.013; x < 28 * dx; x += 0.071)
    CHECK_NEAR(s.derivative(x), (s.value(x + h) - s.value(x - h)) / (2 * h), 1e-6);
}

TEST(beyond_the_table_end_value_and_slope_of_the_last_node) {
  std::vector<double> v = {0, 1, 4, 9, 16, 25, 36};
  const EamSpline s(v, 1.0, EamSpline::Clamp::Density);
  CHECK_NEAR(s.value(6.0), 36.0, 1e-12);
  CHECK_NEAR(s.value(100.0), 36.0, 1e-12);
  CHECK_NEAR(s.derivative(100.0), s.derivative(6.0), 1e-12);
  // Density tables extrapolate the first cubic below zero (LAMMPS clamps the index only).
  CHECK(std::isfinite(s.value(-0.5)));
}

TEST(rejects_too_short_tables) {
  CHECK_THROWS(EamSpline({1, 2, 3, 4}, 0.1, EamSpline::Clamp::Radial));
  CHECK_THROWS(EamSpline({1, 2, 3, 4, 5}, 0.0, EamSpline::Clamp::Radial));
}

TEST_MAIN()
