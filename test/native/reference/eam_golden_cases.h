// Discovers the golden EAM cases in shared/data/golden/eam/<case>/: structures.cfg, the LAMMPS
// results lammps_results.cfg, and the potential as the README's LAMMPS input names it
// (`pair_style …`, `pair_coeff * * FILE El1 El2 …` or one `pair_coeff i i FILE` per funcfl type).
// Potential files are looked up in shared/data/eam/setfl/ and in Debian's lammps-data directory.
#pragma once
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace golden {

struct EamCase {
  std::string name;        // folder name, e.g. "zhou04_CuNi"
  std::string dir;
  std::string pair_style;  // "eam/alloy", "eam/fs" or "eam"
  std::vector<std::string> files;          // potential file names as in pair_coeff, type order
  std::vector<std::string> paths;          // resolved paths ("" when not found)
  std::vector<std::string> type_elements;  // pair_coeff * * element list (setfl/fs), type order
  bool generated_zhou = false;  // potential lives in shared/data/eam/setfl (made by create.f)
  std::string missing;          // why the case cannot run here, empty if it can
};

inline const char* debianPotentials() { return "/usr/share/lammps/potentials"; }

inline std::string locatePotential(const std::string& file, bool& generated) {
  namespace fs = std::filesystem;
  const fs::path shared = fs::path(MTP_SHARED_DATA) / "eam" / "setfl" / file;
  if (fs::exists(shared)) {
    generated = true;
    return shared.string();
  }
  const fs::path debian = fs::path(debianPotentials()) / file;
  if (fs::exists(debian)) return debian.string();
  return "";
}

inline std::vector<EamCase> discoverEamCases() {
  namespace fs = std::filesystem;
  std::vector<EamCase> cases;
  const fs::path root = fs::path(MTP_SHARED_DATA) / "golden" / "eam";
  if (!fs::exists(root)) return cases;
  for (const auto& entry : fs::directory_iterator(root)) {
    if (!entry.is_directory()) continue;
    EamCase c;
    c.name = entry.path().filename().string();
    c.dir = entry.path().string();
    std::ifstream readme(entry.path() / "README.md");
    std::string line;
    while (std::getline(readme, line)) {
      std::istringstream ss(line);
      std::string word;
      ss >> word;
      if (word == "pair_style") {
        ss >> c.pair_style;
      } else if (word == "pair_coeff") {
        std::string i, j, file;
        ss >> i >> j >> file;
        c.files.push_back(file);
        if (i == "*") {
          std::string el;
          while (ss >> el && el[0] != '#') c.type_elements.push_back(el);
        }
      }
    }
    if (c.pair_style.empty() || c.files.empty()) {
      c.missing = "README.md names no pair_style/pair_coeff";
    } else {
      for (const auto& f : c.files) {
        bool generated = false;
        c.paths.push_back(locatePotential(f, generated));
        c.generated_zhou = c.generated_zhou || generated;
        if (c.paths.back().empty())
          c.missing += "potential " + f + " not found in shared/data/eam/setfl or " +
                       debianPotentials() + " (install Debian's lammps-data). ";
      }
    }
    cases.push_back(c);
  }
  std::sort(cases.begin(), cases.end(), [](const EamCase& a, const EamCase& b) { return a.name < b.name; });
  return cases;
}

}  // namespace golden
