// .mtp / .almtp reading and writing against every real potential file in the shared data.
#include <iostream>
#include <random>

#include "core/errors.h"
#include "io/mtp_file.h"
#include "io_test_util.h"
#include "testing.h"

using namespace mtp;
using iotest::dataPath;

namespace {

const char* kFiles[] = {
    "mlip-reference/templates/depreciated-02.almtp",
    "mlip-reference/templates/depreciated-04.almtp",
    "mlip-reference/templates/06.almtp",
    "mlip-reference/templates/08.almtp",
    "mlip-reference/templates/10.almtp",
    "mlip-reference/templates/12.almtp",
    "mlip-reference/templates/14.almtp",
    "mlip-reference/templates/16.almtp",
    "mlip-reference/templates/18.almtp",
    "mlip-reference/templates/20.almtp",
    "mlip-reference/templates/22.almtp",
    "mlip-reference/templates/24.almtp",
    "mlip-reference/templates/26.almtp",
    "mlip-reference/templates/28.almtp",
    "mlip-reference/generated-by-mlip3/L10_1species/u10_s1.almtp",
    "mlip-reference/generated-by-mlip3/L10_CuPd/u10_s2.almtp",
    "mlip-reference/generated-by-mlip3/L10_1species/pot10_s1.almtp",
    "mlip-reference/generated-by-mlip3/L10_1species/pot10_s1_state2cfgs.almtp",
    "mlip-reference/generated-by-mlip3/L10_CuPd/pot10_CuPd.almtp",
    "mlip-reference/mlip3-examples/01.train/06.almtp",
    "mlip-reference/mlip3-examples/03.calculate_efs/pot.almtp",
    "mlearn/Mo/mtp.2020.01/fitted.mtp",
    "mlearn/Li/mtp.2020.01/fitted.mtp",
    "mlearn/Cu/mtp.2020.01/fitted.mtp",
    "mlearn/Ni/mtp.2020.01/fitted.mtp",
    "mlearn/Si/mtp.2020.01/fitted.mtp",
    "mlearn/Ge/mtp.2020.01/fitted.mtp",
    "mlearn/MTP_example/fitted.mtp",
    "maml_MoNbTaW/mtp.2021.08/quaternary.mtp",
    "golden/Mo/random_coeffs/rand16.mtp",
    "golden/Mo/random_coeffs/rand20.mtp",
};

bool samePotential(const MtpPotential& a, const MtpPotential& b) {
  return a.potential_name == b.potential_name && a.has_potential_name == b.has_potential_name &&
         a.scaling == b.scaling && a.species_count == b.species_count &&
         a.has_potential_tag == b.has_potential_tag && a.potential_tag == b.potential_tag &&
         a.radial_basis_type == b.radial_basis_type && a.min_dist == b.min_dist && a.max_dist == b.max_dist &&
         a.radial_basis_size == b.radial_basis_size && a.basis.radial_funcs_count == b.basis.radial_funcs_count &&
         a.basis.alpha_index_basic == b.basis.alpha_index_basic &&
         a.basis.alpha_index_times == b.basis.alpha_index_times &&
         a.basis.alpha_moments_count == b.basis.alpha_moments_count &&
         a.basis.alpha_moment_mapping == b.basis.alpha_moment_mapping && a.radial_coeffs == b.radial_coeffs &&
         a.species_coeffs == b.species_coeffs && a.moment_coeffs == b.moment_coeffs;
}

template <typename F>
void expectInputError(F&& f, int line, const std::string& field, const std::string& what) {
  try {
    f();
  } catch (const InputError& e) {
    if (e.line() != line || e.field() != field) {
      std::cerr << what << ": got " << e.what() << " (expected line " << line << ", field '" << field << "')\n";
      testing::fail(__FILE__, __LINE__, what);
    }
    return;
  }
  testing::fail(__FILE__, __LINE__, what + ": no InputError");
}

}  // namespace

TEST(every_real_potential_is_written_back_byte_for_byte) {
  for (const char* rel : kFiles) {
    const std::string raw = iotest::readText(dataPath(rel));
    CHECK(!raw.empty());
    const std::string text = iotest::withoutCR(raw.substr(0, almtpStateOffset(raw)));
    const MtpPotential pot = readMtpFile(dataPath(rel));
    const std::string diff = iotest::firstDifference(text, mtpToString(pot));
    if (!diff.empty()) std::cerr << rel << ": " << diff << "\n";
    CHECK(diff.empty());
    const MtpPotential again = parseMtp(mtpToString(pot), rel);
    CHECK(samePotential(pot, again));
  }
}

TEST(zuo_mo_potential_contents) {
  const MtpPotential p = readMtpFile(dataPath("mlearn/Mo/mtp.2020.01/fitted.mtp"));
  CHECK(p.species_count == 1);
  CHECK(p.radial_basis_size == 8);
  CHECK(p.basis.radial_funcs_count == 5);
  CHECK(p.basis.alpha_moments_count == 1352);
  CHECK(p.basis.alpha_index_basic.size() == 295);
  CHECK(p.basis.alpha_index_times.size() == 6349);
  CHECK(p.scalarCount() == 288);
  CHECK(p.paramCount() == 329);  // MLIP_FORMATS.md §7, level 20, 1 species
  CHECK(p.trained());
  CHECK_NEAR(p.scaling, 3.104217913934541e-02, 0.0);
  CHECK_NEAR(p.min_dist, 1.8829, 0.0);
  CHECK_NEAR(p.max_dist, 5.2, 0.0);
  CHECK_NEAR(p.species_coeffs[0], -8.133536072621066, 0.0);
  CHECK_NEAR(p.radial_coeffs[0][0][0], 7.029849824352737e-01, 0.0);
  // MLIP-2 wrote these with iostream's default format (%.16g); some 16-digit texts do not come back
  // from their nearest double by %.16g, the shortest exact spelling matches them all.
  CHECK(p.text_style.moment_coeffs == MtpNumberFormat::General16 ||
        p.text_style.moment_coeffs == MtpNumberFormat::Shortest);
  CHECK(p.text_style.radial_coeffs == MtpNumberFormat::Scientific15);
}

TEST(template_counts_match_mlip_formats_table) {
  // level, K, basic, times, moments, scalar (MLIP_FORMATS.md §7).
  const int table[][6] = {{6, 2, 5, 5, 8, 5},          {8, 2, 11, 14, 18, 9},       {10, 3, 25, 42, 41, 16},
                          {12, 3, 46, 117, 84, 29},    {14, 4, 81, 348, 174, 52},   {16, 4, 130, 969, 350, 92},
                          {18, 5, 201, 2634, 718, 163}, {20, 5, 295, 6349, 1352, 288}, {22, 6, 421, 15431, 2621, 500},
                          {24, 6, 581, 36170, 4991, 864}, {26, 6, 706, 82520, 9396, 1464},
                          {28, 6, 866, 180069, 17366, 2445}};
  for (const auto& row : table) {
    char name[64];
    std::snprintf(name, sizeof name, "mlip-reference/templates/%02d.almtp", row[0]);
    const MtpPotential p = readMtpFile(dataPath(name));
    CHECK(!p.trained() && p.radial_coeffs.empty());
    CHECK(p.basis.radial_funcs_count == row[1]);
    CHECK(static_cast<int>(p.basis.alpha_index_basic.size()) == row[2]);
    CHECK(static_cast<int>(p.basis.alpha_index_times.size()) == row[3]);
    CHECK(p.basis.alpha_moments_count == row[4]);
    CHECK(p.scalarCount() == row[5]);
  }
}

TEST(almtp_binary_tail_is_skipped) {
  const std::string raw = iotest::readText(dataPath("mlip-reference/generated-by-mlip3/L10_1species/pot10_s1.almtp"));
  const size_t cut = almtpStateOffset(raw);
  CHECK(cut < raw.size());
  CHECK(raw.compare(cut, 9, "#MVS_v1.1") == 0);
  const MtpPotential p = parseMtp(raw, "pot10_s1.almtp");
  CHECK(p.trained() && p.moment_coeffs.size() == 16);
  CHECK_NEAR(p.min_dist, 1.966398255046484, 0.0);
}

TEST(in_memory_potential_round_trips) {
  MtpPotential p = readMtpFile(dataPath("mlip-reference/templates/10.almtp"));
  p.species_count = 2;
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> u(-1.0, 1.0);
  const int K = p.basis.radial_funcs_count, R = p.radial_basis_size;
  p.radial_coeffs.assign(4, std::vector<std::vector<double>>(K, std::vector<double>(R)));
  for (auto& b : p.radial_coeffs)
    for (auto& r : b)
      for (double& x : r) x = u(rng) / 3.0;
  p.species_coeffs = {u(rng), u(rng)};
  p.moment_coeffs.resize(p.basis.alpha_moment_mapping.size());
  for (double& x : p.moment_coeffs) x = u(rng) * 1e-3;
  p.scaling = 0.0123456789012345678;
  p.min_dist = 1.0 / 3.0;
  // MLIP-3 style (16 significant digits) reproduces itself exactly from the second write on.
  p.text_style = MtpTextStyle();
  const std::string once = mtpToString(p);
  const MtpPotential r1 = parseMtp(once);
  CHECK(mtpToString(r1) == once);
  CHECK_NEAR(r1.moment_coeffs[3], p.moment_coeffs[3], 1e-15 * std::fabs(p.moment_coeffs[3]));
  CHECK(once.find("\tmin_dist = 3.333333333333333e-01\n") != std::string::npos);
  // Lossless spelling gives the identical doubles.
  p.text_style.scaling = p.text_style.dists = p.text_style.radial_coeffs = p.text_style.species_coeffs =
      p.text_style.moment_coeffs = MtpNumberFormat::Scientific16;
  CHECK(samePotential(parseMtp(mtpToString(p)), p));
}

TEST(scaling_inside_radial_block_multiplies_top_level) {
  std::string text = iotest::withoutCR(iotest::readText(dataPath("mlip-reference/templates/08.almtp")));
  text.replace(text.find("species_count"), 0, "scaling = 2\n");
  text.replace(text.find("\tmin_dist"), 0, "\tscaling = 0.25\n");
  const MtpPotential p = parseMtp(text, "scaled.mtp");
  CHECK_NEAR(p.scaling, 0.5, 0.0);
  const std::string out = mtpToString(p);
  CHECK(out.find("scaling = 5.0000000000000000e-01\nspecies_count") != std::string::npos);
  CHECK(out.find("\tscaling") == std::string::npos);
}

TEST(repulsive_radial_basis_and_tag) {
  std::string text = iotest::withoutCR(iotest::readText(dataPath("mlip-reference/templates/06.almtp")));
  text.replace(text.find("RBChebyshev"), 11, "RBChebyshev_repuls");
  text.replace(text.find("potential_tag = "), 16, "potential_tag = my tag");
  const MtpPotential p = parseMtp(text, "rep.mtp");
  CHECK(p.radial_basis_type == RadialBasisType::ChebyshevRepulsive);
  CHECK(p.has_potential_tag && p.potential_tag == "my tag");
  CHECK(mtpToString(p) == text);
}

TEST(malformed_potentials_name_line_and_field) {
  const std::string t8 = iotest::withoutCR(iotest::readText(dataPath("mlip-reference/templates/08.almtp")));
  auto edited = [&](const std::string& from, const std::string& to) {
    std::string s = t8;
    s.replace(s.find(from), from.size(), to);
    return s;
  };
  expectInputError([&] { parseMtp("MTP\nversion = 1.0.2\n", "a.mtp"); }, 2, "version", "old version");
  expectInputError([&] { parseMtp("MPT\n", "a.mtp"); }, 1, "MTP", "bad magic");
  expectInputError([&] { parseMtp(edited("species_count = 1", "species_count = x"), "a.mtp"); }, 4,
                   "species_count", "non-integer species_count");
  expectInputError([&] { parseMtp(edited("RBChebyshev", "RBShapeev"), "a.mtp"); }, 6, "radial_basis_type",
                   "unsupported basis");
  expectInputError([&] { parseMtp(edited("max_dist = 5", "max_dist = %f"), "a.mtp"); }, 8, "max_dist",
                   "printf placeholder in mlearn's 08g.mtp");
  expectInputError([&] { parseMtp(edited("radial_funcs_count = 2", "radial_funcs_count = 3"), "a.mtp"); }, 13,
                   "alpha_index_basic", "largest mu != radial_funcs_count - 1");
  expectInputError([&] { parseMtp(edited("alpha_index_basic_count = 11", "alpha_index_basic_count = 12"), "a.mtp"); },
                   13, "alpha_index_basic", "basic count mismatch");
  expectInputError([&] { parseMtp(edited("{5, 5, 2, 13}", "{5, 5, 2}"), "a.mtp"); }, 15, "alpha_index_times",
                   "short times entry");
  expectInputError([&] { parseMtp(edited("{0, 15, 1, 17}", "{0, 15, 1, 18}"), "a.mtp"); }, 15, "alpha_index_times",
                   "times target out of range");
  expectInputError([&] { parseMtp(edited("alpha_scalar_moments = 9", "alpha_scalar_moments = 10"), "a.mtp"); }, 17,
                   "alpha_moment_mapping", "mapping count");
  expectInputError([&] { parseMtp(t8 + "species_coeffs = {1.0}\n", "a.mtp"); }, 18, "moment_coeffs",
                   "species without moment coefficients");
  expectInputError([&] { parseMtp(t8 + "species_coeffs = {1.0}\nmoment_coeffs = {1, 2}\n", "a.mtp"); }, 19,
                   "moment_coeffs", "wrong moment count");
  expectInputError([&] { parseMtp(edited("\tradial_funcs_count = 2\n", "\tradial_funcs_count = 2\n\tradial_coeffs\n\t\t0-1\n"), "a.mtp"); },
                   12, "radial_coeffs", "wrong pair label");
  expectInputError([&] { readMtpFile(dataPath("mlearn/mtp_params/08g.mtp")); }, 8, "max_dist", "08g.mtp");
}

TEST_MAIN()
