// Round trips of real .cfg files: MLIP-written files are reproduced byte for byte by the default
// writer; every file survives read -> lossless write -> read bit for bit.
#include <chrono>
#include <iostream>
#include <sstream>

#include "core/errors.h"
#include "io/cfg_reader.h"
#include "io/cfg_writer.h"
#include "io_test_util.h"
#include "testing.h"

using namespace mtp;
using iotest::dataPath;

namespace {

// Files written by MLIP's own Configuration::Save (MLIP-3 outputs and the MLIP example inputs).
const char* kMlipWritten[] = {
    "golden/Mo/efs_test.cfg",
    "golden/Mo/efs_train.cfg",
    "golden/Mo/random_coeffs/efs_test_rand16.cfg",
    "golden/Mo/random_coeffs/efs_test_rand20.cfg",
    "mlip-reference/generated-by-mlip3/L10_1species/efs10_s1.cfg",
    "mlip-reference/generated-by-mlip3/L10_1species/graded10_s1.cfg",
    "mlip-reference/generated-by-mlip3/L10_1species/graded10_s1_state2cfgs.cfg",
    "mlip-reference/generated-by-mlip3/L10_1species/relaxed10_s1.cfg",
    "mlip-reference/generated-by-mlip3/L10_CuPd/efs10_CuPd.cfg",
    "mlip-reference/generated-by-mlip3/example07_relax/relaxed.cfg",
    "mlip-reference/generated-by-mlip3/mlip3_example03/calculated_by_mlip3.cfg",
    "mlip-reference/mlip3-datasets/CuPd.cfg",
    "mlip-reference/mlip3-datasets/126cfgs1type.cfg",
    "mlip-reference/mlip3-examples/01.train/train.cfg",
    "mlip-reference/mlip3-examples/03.calculate_efs/train.cfg",
    "mlip-reference/mlip3-examples/07.relax/to-relax.cfg",
};

// Files written by other converters (different widths/precision): read them, do not expect bytes.
const char* kOtherWriters[] = {
    "mlearn/Mo/cfg/train.cfg", "mlearn/Mo/cfg/test.cfg",   "mlearn/Li/cfg/test.cfg",
    "mlearn/Si/cfg/test.cfg",  "mlearn/Ge/cfg/test.cfg",   "mlearn/Cu/cfg/test.cfg",
    "mlearn/Ni/cfg/test.cfg",  "mlearn/Li/cfg/train.cfg",  "mlearn/Si/cfg/train.cfg",
    "mlearn/Ge/cfg/train.cfg", "mlearn/Cu/cfg/train.cfg",  "mlearn/Ni/cfg/train.cfg",
    "golden/eam/zhou04_CuNi/structures.cfg",
    "golden/eam/zhou04_CuNi/lammps_results.cfg",
};

std::string writeAll(const std::vector<Configuration>& cfgs, const CfgWriteOptions& opt) {
  std::string out;
  for (const auto& c : cfgs) appendCfg(out, c, opt);
  return out;
}

void checkLossless(const std::string& rel, const std::vector<Configuration>& cfgs) {
  CfgWriteOptions lossless;
  lossless.lossless = true;
  const std::string text = writeAll(cfgs, lossless);
  const std::vector<Configuration> again = parseCfgString(text, rel + " (lossless)");
  CHECK(again.size() == cfgs.size());
  // A lossless file (MLIP's --no-loss layout) is itself reproduced byte for byte.
  CHECK(writeAll(again, lossless) == text);
  int bad = 0;
  for (size_t i = 0; i < cfgs.size() && i < again.size(); ++i)
    if (!iotest::sameConfiguration(cfgs[i], again[i])) ++bad;
  if (bad) std::cerr << rel << ": " << bad << " configurations changed in the lossless round trip\n";
  CHECK(bad == 0);
}

}  // namespace

TEST(mlip_written_files_are_reproduced_byte_for_byte) {
  for (const char* rel : kMlipWritten) {
    const std::string original = iotest::readText(dataPath(rel));
    CHECK(!original.empty());
    const std::vector<Configuration> cfgs = readCfgFile(dataPath(rel));
    CHECK(!cfgs.empty());
    const std::string diff = iotest::firstDifference(original, writeAll(cfgs, {}));
    if (!diff.empty()) std::cerr << rel << ": " << diff << "\n";
    CHECK(diff.empty());
    checkLossless(rel, cfgs);
  }
}

TEST(other_converters_read_and_round_trip_losslessly) {
  for (const char* rel : kOtherWriters) {
    const std::vector<Configuration> cfgs = readCfgFile(dataPath(rel));
    CHECK(!cfgs.empty());
    checkLossless(rel, cfgs);
    // The rounded MLIP layout is a fixed point: write, read, write again gives the same text.
    const std::string once = writeAll(cfgs, {});
    const std::string diff = iotest::firstDifference(once, writeAll(parseCfgString(once, rel), {}));
    if (!diff.empty()) std::cerr << rel << " (rewritten): " << diff << "\n";
    CHECK(diff.empty());
  }
}

TEST(mo_training_set_contents) {
  const auto t0 = std::chrono::steady_clock::now();
  const std::vector<Configuration> cfgs = readCfgFile(dataPath("mlearn/Mo/cfg/train.cfg"));
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  std::cerr << "parsing mlearn/Mo/cfg/train.cfg: " << ms << " ms (indicative, shared machine)\n";
  CHECK(cfgs.size() == 194);
  long atoms = 0;
  for (const auto& c : cfgs) {
    atoms += c.size();
    CHECK(c.hasForces() && c.energy && c.plus_stress);
    CHECK(c.feature("mlearn_index") != nullptr);
  }
  CHECK(atoms == 10087);
  // First configuration, first atom and stress, as in the file.
  CHECK_NEAR(cfgs[0].positions[0][0], 9.404514716054, 0.0);
  CHECK_NEAR(cfgs[0].positions[1][2], 6.298515096621, 0.0);
  CHECK_NEAR(cfgs[0].forces[0][2], 0.5033736100, 0.0);
}

TEST(stream_reader_matches_file_reader) {
  // A 1.1 MB file through an istream: lines cross the reader's 1 MiB block boundary.
  const std::string rel = "golden/Mo/efs_train.cfg";
  std::istringstream in(iotest::readText(dataPath(rel)));
  CfgReader reader(in, rel);
  const std::vector<Configuration> ref = readCfgFile(dataPath(rel));
  Configuration c;
  size_t n = 0;
  while (reader.next(c)) {
    CHECK(n < ref.size() && iotest::sameConfiguration(c, ref[n]));
    ++n;
  }
  CHECK(n == ref.size() && n == 194);
}

TEST(old_stress_field_of_mlearn_example_is_rejected_with_its_line) {
  // mlearn's MTP_example/train.cfgs uses "Stress:" (negative convention): MLIP refuses it too.
  bool thrown = false;
  try {
    readCfgFile(dataPath("mlearn/MTP_example/train.cfgs"));
  } catch (const InputError& e) {
    thrown = true;
    CHECK(e.field() == "Stress");
    CHECK(e.line() > 0);
    const std::string text = iotest::readText(dataPath("mlearn/MTP_example/train.cfgs"));
    // The reported line is the first line that holds "Stress:".
    int line = 1;
    for (size_t p = 0; p < text.find("Stress:"); ++p)
      if (text[p] == '\n') ++line;
    CHECK(e.line() == line);
  }
  CHECK(thrown);
}

TEST_MAIN()
