// Our generated bases span exactly the same functions as MLIP's templates: evaluated on random
// neighbourhoods, random-coefficient combinations of one basis are reproduced by a least-squares fit
// with the other to <= 1e-9 relative, in both directions, for every template level up to 20.
// The bases have exact linear dependencies on unit vectors (SCIENCE.md: one at level 16, two at 18,
// six at 20), so the fit uses a rank-revealing QR with column pivoting; the detected ranks must agree.
#include <Eigen/Dense>
#include <random>
#include <string>

#include "basis/basis_values.h"
#include "basis/enumerate.h"
#include "basis/random_neighbourhood.h"
#include "io/mtp_file.h"
#include "testing.h"

namespace {

std::string templatePath(int level) {
  const std::string dir = std::string(MTP_SHARED_DATA) + "/mlip-reference/templates/";
  if (level <= 4) return dir + "depreciated-0" + std::to_string(level) + ".almtp";
  return dir + (level < 10 ? "0" : "") + std::to_string(level) + ".almtp";
}

// Rows: neighbourhoods; columns: basis functions.
Eigen::MatrixXd sampleMatrix(const mtp::MtpBasisTables& t, const std::vector<testing::Neighbourhood>& nbs) {
  Eigen::MatrixXd a(nbs.size(), t.alpha_moment_mapping.size());
  for (size_t r = 0; r < nbs.size(); ++r) {
    const std::vector<double> b = mtp::basisFunctionValues(t, nbs[r].unit, nbs[r].radial);
    for (size_t c = 0; c < b.size(); ++c) a(r, c) = b[c];
  }
  return a;
}

struct FitResult {
  double worstRelativeResidual = 0.0;
  Eigen::Index rank = 0;
};

// Fits `trials` random combinations of the columns of `from` with the columns of `to`.
FitResult fitCombinations(const Eigen::MatrixXd& from, const Eigen::MatrixXd& to, std::mt19937_64& rng,
                          int trials) {
  // Unit column norms so that the rank threshold is relative to each function's scale.
  const Eigen::VectorXd fromNorm = from.colwise().norm().transpose(), toNorm = to.colwise().norm().transpose();
  const Eigen::MatrixXd x = from * fromNorm.cwiseInverse().asDiagonal();
  const Eigen::MatrixXd a = to * toNorm.cwiseInverse().asDiagonal();
  Eigen::ColPivHouseholderQR<Eigen::MatrixXd> qr(a);
  qr.setThreshold(1e-11);
  FitResult fit;
  fit.rank = qr.rank();
  std::uniform_real_distribution<double> coef(-1.0, 1.0);
  for (int k = 0; k < trials; ++k) {
    Eigen::VectorXd c(x.cols());
    for (Eigen::Index i = 0; i < c.size(); ++i) c(i) = coef(rng);
    const Eigen::VectorXd y = x * c;
    const Eigen::VectorXd w = qr.solve(y);
    fit.worstRelativeResidual = std::max(fit.worstRelativeResidual, (a * w - y).norm() / y.norm());
  }
  return fit;
}

}  // namespace

TEST(generated_bases_span_the_same_functions_as_mlip_templates) {
  std::mt19937_64 rng(2024);
  for (int level = 2; level <= 24; level += 2) {
    const mtp::MtpBasisTables mlip = mtp::readMtpFile(templatePath(level)).basis;
    const mtp::MtpBasisTables ours = mtp::enumerateBasis(level);
    CHECK(ours.radial_funcs_count == mlip.radial_funcs_count);
    CHECK(ours.alpha_index_basic.size() == mlip.alpha_index_basic.size());
    CHECK(ours.alpha_moment_mapping.size() == mlip.alpha_moment_mapping.size());
    // Three times as many neighbourhoods as functions; 1 to 16 neighbours each.
    std::vector<testing::Neighbourhood> nbs;
    const size_t samples = 3 * ours.alpha_moment_mapping.size() + 20;
    while (nbs.size() < samples) nbs.push_back(testing::randomNeighbourhood(rng, ours.radial_funcs_count, 1, 16));
    const Eigen::MatrixXd a = sampleMatrix(mlip, nbs), b = sampleMatrix(ours, nbs);
    const FitResult oursFromMlip = fitCombinations(a, b, rng, 5);
    const FitResult mlipFromOurs = fitCombinations(b, a, rng, 5);
    std::cerr << "level " << level << ": " << b.cols() << " functions, rank " << oursFromMlip.rank << " / "
              << mlipFromOurs.rank << ", residual (MLIP by ours) " << oursFromMlip.worstRelativeResidual
              << ", (ours by MLIP) " << mlipFromOurs.worstRelativeResidual << "\n";
    CHECK(oursFromMlip.rank == mlipFromOurs.rank);
    CHECK(oursFromMlip.worstRelativeResidual <= 1e-9);
    CHECK(mlipFromOurs.worstRelativeResidual <= 1e-9);
  }
}

TEST(a_smaller_basis_does_not_pass_the_span_check) {
  // The check must be able to fail: level 18 functions are not all in the span of level 16's.
  std::mt19937_64 rng(5);
  const mtp::MtpBasisTables big = mtp::enumerateBasis(18), small = mtp::enumerateBasis(16);
  std::vector<testing::Neighbourhood> nbs;
  while (nbs.size() < 3 * big.alpha_moment_mapping.size())
    nbs.push_back(testing::randomNeighbourhood(rng, big.radial_funcs_count, 1, 16));
  const FitResult fit = fitCombinations(sampleMatrix(big, nbs), sampleMatrix(small, nbs), rng, 3);
  std::cerr << "level 18 by level 16: residual " << fit.worstRelativeResidual << "\n";
  CHECK(fit.worstRelativeResidual > 1e-3);
}

TEST_MAIN()
