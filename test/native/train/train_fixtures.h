// Shared inputs of the training tests: MLIP-3's trained level-10 potentials (1 species; Cu-Pd with
// 2 species) and the configurations they were trained on (energies, forces and PlusStress present).
#pragma once
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "basis/enumerate.h"
#include "core/configuration.h"
#include "io/cfg_reader.h"
#include "io/mtp_file.h"

namespace trainfx {

// The whole file (potentials and checkpoints are compared byte for byte).
inline std::string fileBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline std::string shared(const std::string& rel) { return std::string(MTP_SHARED_DATA) + "/" + rel; }

inline mtp::MtpPotential level10() {
  return mtp::readMtpFile(shared("mlip-reference/generated-by-mlip3/L10_1species/pot10_s1.almtp"));
}
inline mtp::MtpPotential level10CuPd() {
  return mtp::readMtpFile(shared("mlip-reference/generated-by-mlip3/L10_CuPd/pot10_CuPd.almtp"));
}
inline std::vector<mtp::Configuration> firstConfigurations(const std::string& rel, size_t n, size_t stride = 1) {
  const std::vector<mtp::Configuration> all = mtp::readCfgFile(shared(rel));
  std::vector<mtp::Configuration> out;
  for (size_t i = 0; i < all.size() && out.size() < n; i += stride) out.push_back(all[i]);
  return out;
}
// An untrained level-8 template (26 parameters) for quick training runs.
inline mtp::MtpPotential level8() {
  mtp::UntrainedPotentialSpec s;
  s.level = 8;
  s.minDist = 2.0;
  s.maxDist = 5.0;
  return mtp::newUntrainedPotential(s);
}
inline std::vector<mtp::Configuration> moConfigurations(size_t n) {
  return firstConfigurations("mlip-reference/mlip3-examples/07.relax/to-relax.cfg", n);
}
inline std::vector<mtp::Configuration> cuPdConfigurations(size_t n) {
  // Every 40th configuration: a mix of compositions, both species present.
  return firstConfigurations("mlip-reference/mlip3-datasets/CuPd.cfg", n, 40);
}

}  // namespace trainfx
