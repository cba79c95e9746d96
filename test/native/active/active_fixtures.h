// Shared inputs of the active-learning tests: the MLIP-3 reference potentials and sets
// (../shared/data/mlip-reference, MANIFEST.md) and small geometric helpers.
#pragma once
#include <string>
#include <vector>

#include "core/configuration.h"
#include "io/cfg_reader.h"
#include "io/mtp_file.h"

namespace active_test {

inline std::string ref(const std::string& rel) { return std::string(MTP_SHARED_DATA) + "/mlip-reference/" + rel; }
inline std::string pot1() { return ref("generated-by-mlip3/L10_1species/pot10_s1.almtp"); }       // 41 params
inline std::string potCuPd() { return ref("generated-by-mlip3/L10_CuPd/pot10_CuPd.almtp"); }    // 114 params
inline std::string toRelax() { return ref("mlip3-examples/07.relax/to-relax.cfg"); }             // 25 cfgs
inline std::string train2() { return ref("mlip3-examples/03.calculate_efs/train.cfg"); }         // 2 cfgs
inline std::string cuPd() { return ref("mlip3-datasets/CuPd.cfg"); }                             // 523 cfgs

// Homogeneous scaling of cell and positions by s (s = 0.8: compressed by 20 %).
inline mtp::Configuration scaled(mtp::Configuration cfg, double s) {
  cfg.lattice *= s;
  for (auto& p : cfg.positions) p *= s;
  return cfg;
}

// n1×n2×n3 periodic supercell.
inline mtp::Configuration supercell(const mtp::Configuration& cfg, int n1, int n2, int n3) {
  mtp::Configuration out;
  out.lattice = cfg.lattice;
  out.lattice.row(0) *= n1;
  out.lattice.row(1) *= n2;
  out.lattice.row(2) *= n3;
  for (int a = 0; a < n1; ++a)
    for (int b = 0; b < n2; ++b)
      for (int c = 0; c < n3; ++c)
        for (int i = 0; i < cfg.size(); ++i) {
          out.positions.push_back(cfg.positions[i] + a * cfg.lattice.row(0).transpose() +
                                  b * cfg.lattice.row(1).transpose() + c * cfg.lattice.row(2).transpose());
          out.types.push_back(cfg.types[i]);
        }
  return out;
}

inline double featureNumber(const mtp::Configuration& cfg, const std::string& key) {
  const std::string* v = cfg.feature(key);
  return v ? std::stod(*v) : -1.0;
}

}  // namespace active_test
