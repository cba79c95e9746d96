// Counts of the generated bases against MLIP's templates (MLIP_FORMATS.md §7).
#include "basis/enumerate.h"

#include <map>

#include "testing.h"

namespace {

struct TemplateCounts {
  int radialFuncs, basicCount, scalarCount;
};

// Level -> (radial_funcs_count, alpha_index_basic_count, alpha_scalar_moments) of MLIP's templates.
const std::map<int, TemplateCounts> kMlipCounts = {
    {2, {1, 1, 1}},       {4, {1, 1, 2}},       {6, {2, 5, 5}},       {8, {2, 11, 9}},
    {10, {3, 25, 16}},    {12, {3, 46, 29}},    {14, {4, 81, 52}},    {16, {4, 130, 92}},
    {18, {5, 201, 163}},  {20, {5, 295, 288}},  {22, {6, 421, 500}},  {24, {6, 581, 864}},
    {26, {6, 706, 1464}}, {28, {6, 866, 2445}},
};

}  // namespace

TEST(counts_equal_mlip_templates_for_every_level) {
  for (const auto& [level, want] : kMlipCounts) {
    const mtp::MtpBasisTables t = mtp::enumerateBasis(level);
    std::cerr << "level " << level << ": basic " << t.alpha_index_basic.size() << ", times "
              << t.alpha_index_times.size() << ", moments " << t.alpha_moments_count << ", scalars "
              << t.alpha_moment_mapping.size() << "\n";
    CHECK(t.radial_funcs_count == want.radialFuncs);
    CHECK(static_cast<int>(t.alpha_index_basic.size()) == want.basicCount);
    CHECK(static_cast<int>(t.alpha_moment_mapping.size()) == want.scalarCount);
    CHECK(mtp::radialFuncsCountForLevel(level) == want.radialFuncs);
  }
}

TEST(odd_level_equals_the_even_level_below) {
  const mtp::MtpBasisTables odd = mtp::enumerateBasis(13), even = mtp::enumerateBasis(12);
  CHECK(odd.alpha_index_basic == even.alpha_index_basic);
  CHECK(odd.alpha_index_times == even.alpha_index_times);
  CHECK(odd.alpha_moment_mapping == even.alpha_moment_mapping);
}

TEST(levels_out_of_range_are_rejected) {
  CHECK_THROWS(mtp::enumerateBasis(1));
  CHECK_THROWS(mtp::enumerateBasis(29));
}

TEST_MAIN()
