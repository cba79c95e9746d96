// The reference evaluator against closed forms for MLIP's level-8 template (MLIP_FORMATS.md §2):
// slots 0 M00, 10 M10, 11 M00^2, 12 M01.M01, 13 M02:M02, 14 M00 M10, 15 M00^3, 16 M00 (M01.M01),
// 17 M00^4.
#include "basis/basis_values.h"

#include <random>

#include "basis/random_neighbourhood.h"
#include "io/mtp_file.h"
#include "testing.h"

TEST(level8_template_values_match_closed_forms) {
  const mtp::MtpBasisTables t =
      mtp::readMtpFile(std::string(MTP_SHARED_DATA) + "/mlip-reference/templates/08.almtp").basis;
  std::mt19937_64 rng(3);
  const testing::Neighbourhood nb = testing::randomNeighbourhood(rng, 2, 4, 6);
  double m00 = 0, m10 = 0;
  mtp::Vec3 m01 = mtp::Vec3::Zero();
  mtp::Mat3 m02 = mtp::Mat3::Zero();
  for (size_t j = 0; j < nb.unit.size(); ++j) {
    m00 += nb.radial[j][0];
    m10 += nb.radial[j][1];
    m01 += nb.radial[j][0] * nb.unit[j];
    m02 += nb.radial[j][0] * nb.unit[j] * nb.unit[j].transpose();
  }
  const std::vector<double> want{m00, m10, m00 * m00, m01.squaredNorm(), (m02.array() * m02.array()).sum(),
                                 m00 * m10, m00 * m00 * m00, m00 * m01.squaredNorm(), std::pow(m00, 4)};
  const std::vector<double> got = mtp::basisFunctionValues(t, nb.unit, nb.radial);
  CHECK(got.size() == want.size());
  for (size_t k = 0; k < want.size() && k < got.size(); ++k) CHECK_NEAR(got[k], want[k], 1e-12 * (1 + std::fabs(want[k])));
  // The full slot vector has alpha_moments_count entries, and slot 1 is the x component of M01.
  const std::vector<double> slots = mtp::momentSlotValues(t, nb.unit, nb.radial);
  CHECK(static_cast<int>(slots.size()) == t.alpha_moments_count);
  CHECK_NEAR(slots[1], m01.x(), 1e-13);
}

TEST(inconsistent_input_is_rejected) {
  mtp::MtpBasisTables t;
  t.radial_funcs_count = 1;
  t.alpha_index_basic = {{0, 0, 0, 0}};
  t.alpha_moments_count = 2;
  t.alpha_index_times = {{0, 0, 1, 1}};
  t.alpha_moment_mapping = {0, 1};
  const std::vector<mtp::Vec3> u{mtp::Vec3(1, 0, 0)};
  const std::vector<double> b = mtp::basisFunctionValues(t, u, {{0.5}});
  CHECK_NEAR(b[1], 0.25, 1e-15);
  CHECK_THROWS(mtp::basisFunctionValues(t, u, {}));            // sizes differ
  CHECK_THROWS(mtp::basisFunctionValues(t, u, {{}}));          // no radial value for mu = 0
  t.alpha_index_times = {{0, 5, 1, 1}};
  CHECK_THROWS(mtp::basisFunctionValues(t, u, {{0.5}}));       // slot 5 does not exist
}

TEST_MAIN()
