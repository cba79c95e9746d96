// Writer for MLIP's .cfg text format, byte for byte as MLIP's Configuration::Save
// (MLIP_FORMATS.md §1.2): fixed layout, lattice/positions %13.6f, forces %11.6f, site energies
// %17.12f, charges %8.4f, energy %20.12f, PlusStress %11.5f (order xx yy zz yz xz xy), Supercell
// rows up to the last non-zero one, Feature lines sorted by key as " Feature   key<TAB>value" (one
// line per line of a multi-line value), then "END_CFG" and a blank line.
// Lossless mode writes every real number as %.16e (17 significant digits), which reads back to the
// identical double, like MLIP's --no-loss / state.als files.
#pragma once
#include <ostream>
#include <string>
#include <vector>

#include "core/configuration.h"

namespace mtp {

struct CfgWriteOptions {
  bool lossless = false;             // %.16e everywhere instead of MLIP's rounded fixed widths
  bool direct_coordinates = false;   // write direct_x/y/z (fractional) instead of cartes_x/y/z
};

// Appends one configuration block. Throws std::invalid_argument if the per-atom arrays of `cfg`
// have inconsistent lengths, or direct coordinates are asked for a cell with zero volume.
void appendCfg(std::string& out, const Configuration& cfg, const CfgWriteOptions& options = {});
void writeCfg(std::ostream& out, const Configuration& cfg, const CfgWriteOptions& options = {});
std::string cfgToString(const Configuration& cfg, const CfgWriteOptions& options = {});
// Writes all configurations to a file (replacing it); throws std::runtime_error if it cannot.
void writeCfgFile(const std::string& path, const std::vector<Configuration>& cfgs,
                  const CfgWriteOptions& options = {});

}  // namespace mtp
