// Runs the real LAMMPS (Debian's `lmp`, if installed) on fresh random configurations and compares
// with EamModel: setfl, Finnis–Sinclair (whose density convention the golden data does not cover),
// funcfl pairs, and a setfl file written by our Zhou 2004 generator. Skipped, with a message, when
// `lmp` or Debian's lammps-data potentials are absent. The seed is printed for reproduction
// (MTP_EAM_LIVE_SEED=<n> repeats a run).
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include <unistd.h>

#include "reference/eam_files.h"
#include "reference/eam_model.h"
#include "testing.h"

using namespace mtp;
namespace fs = std::filesystem;

namespace {

const fs::path kDebian = "/usr/share/lammps/potentials";

bool haveLammps() { return std::system("command -v lmp > /dev/null 2>&1") == 0; }

unsigned seed() {
  if (const char* s = std::getenv("MTP_EAM_LIVE_SEED")) return static_cast<unsigned>(std::strtoul(s, nullptr, 10));
  return std::random_device{}();
}

// A LAMMPS-ready cell (restricted triclinic, |tilts| ≤ half the box) holding a distorted fcc
// lattice of `cells` conventional cubes along x, random types and displacements.
Configuration randomCell(std::mt19937& rng, int species, double a, int cells, double shake) {
  std::uniform_real_distribution<double> u(-1.0, 1.0);
  const double lx = cells * a * (1 + 0.03 * u(rng)), ly = a * (1 + 0.03 * u(rng)), lz = a * (1 + 0.03 * u(rng));
  const double xy = 0.2 * lx * u(rng), xz = 0.2 * lx * u(rng), yz = 0.2 * ly * u(rng);
  Configuration c;
  c.lattice << lx, 0, 0, xy, ly, 0, xz, yz, lz;
  const Vec3 basis[4] = {{0, 0, 0}, {0.5, 0.5, 0}, {0.5, 0, 0.5}, {0, 0.5, 0.5}};
  for (int i = 0; i < cells; ++i)
    for (const Vec3& b : basis) {
      Vec3 frac((i + b.x()) / cells, b.y(), b.z());
      Vec3 x = c.lattice.transpose() * frac + shake * Vec3(u(rng), u(rng), u(rng));
      // Wrap into the cell, as LAMMPS wants atoms inside the box.
      Vec3 f = c.lattice.transpose().inverse() * x;
      for (int k = 0; k < 3; ++k) f[k] -= std::floor(f[k]);
      c.positions.push_back(c.lattice.transpose() * f);
      c.types.push_back(static_cast<int>(rng() % species));
    }
  return c;
}

struct LammpsResult {
  double energy = 0;
  Stress6 virial{};
  std::vector<Vec3> forces;
  bool ok = false;
};

// pair_lines: the pair_style and pair_coeff lines; potential files are copied beside the input.
LammpsResult runLammps(const Configuration& c, int ntypes, const std::vector<std::string>& pair_lines,
                       const std::vector<std::string>& files) {
  const fs::path dir = fs::temp_directory_path() / ("mtp_eam_live_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  for (const auto& f : files) fs::copy_file(f, dir / fs::path(f).filename(), fs::copy_options::overwrite_existing);
  {
    std::ofstream d(dir / "data.lmp");
    d.precision(17);
    d << "random cell\n\n" << c.size() << " atoms\n" << ntypes << " atom types\n\n";
    d << "0 " << c.lattice(0, 0) << " xlo xhi\n0 " << c.lattice(1, 1) << " ylo yhi\n0 " << c.lattice(2, 2)
      << " zlo zhi\n" << c.lattice(1, 0) << " " << c.lattice(2, 0) << " " << c.lattice(2, 1) << " xy xz yz\n\n";
    d << "Masses\n\n";
    for (int t = 1; t <= ntypes; ++t) d << t << " 1.0\n";
    d << "\nAtoms # atomic\n\n";
    for (int i = 0; i < c.size(); ++i)
      d << i + 1 << " " << c.types[i] + 1 << " " << c.positions[i].x() << " " << c.positions[i].y() << " "
        << c.positions[i].z() << "\n";
  }
  {
    std::ofstream in(dir / "in.lmp");
    in << "units metal\natom_style atomic\natom_modify map array\nboundary p p p\nbox tilt large\n"
       << "read_data data.lmp\n";
    for (const auto& l : pair_lines) in << l << "\n";
    in << "neighbor 1.0 bin\ncompute pv all pressure NULL virial\n"
       << "thermo_style custom step pe c_pv[1] c_pv[2] c_pv[3] c_pv[4] c_pv[5] c_pv[6] vol\n"
       << "thermo_modify norm no format float %.17g\n"
       << "dump f all custom 1 forces.dump id fx fy fz\ndump_modify f format float %.17g sort id\nrun 0\n";
  }
  LammpsResult r;
  const std::string cmd = "cd '" + dir.string() + "' && lmp -in in.lmp -log log.lammps -screen none > /dev/null 2>&1";
  if (std::system(cmd.c_str()) != 0) {
    std::fprintf(stderr, "lmp failed; see %s/log.lammps\n", dir.c_str());
    return r;
  }
  std::ifstream log(dir / "log.lammps");
  std::string line;
  bool header = false;
  while (std::getline(log, line)) {
    if (line.find("Step") != std::string::npos && line.find("PotEng") != std::string::npos) {
      header = true;
      continue;
    }
    if (header) {
      std::istringstream ss(line);
      double step, p[6], vol;
      ss >> step >> r.energy >> p[0] >> p[1] >> p[2] >> p[3] >> p[4] >> p[5] >> vol;
      // LAMMPS pressure (bar, compressive positive) from the virial: P = W/V·nktv2p, with its own
      // metal-units constant. Component order xx yy zz xy xz yz → MLIP's xx yy zz yz xz xy.
      const double nktv2p = 1.6021765e6;
      const int to_mlip[6] = {0, 1, 2, 5, 4, 3};
      for (int k = 0; k < 6; ++k) r.virial[to_mlip[k]] = p[k] * vol / nktv2p;
      r.ok = bool(ss);
      break;
    }
  }
  std::ifstream dump(dir / "forces.dump");
  while (std::getline(dump, line))
    if (line.rfind("ITEM: ATOMS", 0) == 0) break;
  int id;
  double fx, fy, fz;
  while (dump >> id >> fx >> fy >> fz) r.forces.push_back(Vec3(fx, fy, fz));
  r.ok = r.ok && static_cast<int>(r.forces.size()) == c.size();
  fs::remove_all(dir);
  return r;
}

struct LiveCase {
  std::string label;
  std::vector<std::string> pair_lines;
  std::vector<std::string> files;  // copied beside in.lmp
  EamModel model;
  double a;  // fcc lattice constant to build cells around
};

void compare(const LiveCase& lc, unsigned s) {
  std::mt19937 rng(s);
  double worst_e = 0, worst_f = 0, worst_w = 0;
  // Ordinary, strongly compressed (high-density branch), and 1-cube cells (smaller than the cutoff).
  const struct { double scale, shake; int cells; } shapes[] = {{1.0, 0.15, 2}, {0.88, 0.1, 2}, {1.02, 0.2, 1}};
  for (const auto& shape : shapes) {
    const Configuration c = randomCell(rng, lc.model.elementCount(), lc.a * shape.scale, shape.cells, shape.shake);
    const LammpsResult ref = runLammps(c, lc.model.elementCount(), lc.pair_lines, lc.files);
    CHECK(ref.ok);
    if (!ref.ok) continue;
    const EamResult got = lc.model.evaluate(c);
    worst_e = std::max(worst_e, std::fabs(got.energy - ref.energy) / c.size());
    for (int i = 0; i < c.size(); ++i) worst_f = std::max(worst_f, (got.forces[i] - ref.forces[i]).cwiseAbs().maxCoeff());
    for (int k = 0; k < 6; ++k) worst_w = std::max(worst_w, std::fabs(got.plus_stress[k] - ref.virial[k]));
  }
  std::fprintf(stderr, "live LAMMPS %-34s max dE/atom %.2e eV, dF %.2e eV/A, dW %.2e eV\n", lc.label.c_str(),
               worst_e, worst_f, worst_w);
  CHECK(worst_e <= 1e-9);
  CHECK(worst_f <= 1e-9);
  CHECK(worst_w <= 1e-8);
}

}  // namespace

TEST(real_lammps_on_fresh_random_configurations) {
  if (!haveLammps()) {
    std::fprintf(stderr, "SKIP: `lmp` not found (Debian package lammps); live LAMMPS comparison not run\n");
    return;
  }
  const unsigned s = seed();
  std::fprintf(stderr, "seed %u (MTP_EAM_LIVE_SEED=%u repeats this run)\n", s, s);
  std::vector<LiveCase> cases;

  const std::string zhou = std::string(MTP_SHARED_DATA) + "/eam/setfl/AgPd_zhou04.eam.alloy";
  cases.push_back({"eam/alloy AgPd_zhou04", {"pair_style eam/alloy", "pair_coeff * * AgPd_zhou04.eam.alloy Ag Pd"},
                   {zhou}, EamModel::fromFiles({zhou}), 4.0});

  const fs::path generated = fs::temp_directory_path() / "mtp_eam_live_CuAu.eam.alloy";
  const EamModel cuau = EamModel::zhou2004({"Cu", "Au"});
  {
    std::ofstream out(generated);
    writeSetfl(*cuau.tables(), out);
  }
  cases.push_back({"eam/alloy generated Zhou CuAu", {"pair_style eam/alloy", "pair_coeff * * mtp_eam_live_CuAu.eam.alloy Cu Au"},
                   {generated.string()}, cuau, 3.85});

  if (fs::exists(kDebian / "AlFe_mm.eam.fs")) {
    const std::string p = (kDebian / "AlFe_mm.eam.fs").string();
    cases.push_back({"eam/fs AlFe_mm (Finnis-Sinclair)", {"pair_style eam/fs", "pair_coeff * * AlFe_mm.eam.fs Al Fe"},
                     {p}, EamModel::fromFiles({p}), 3.9});
  } else {
    std::fprintf(stderr, "SKIP eam/fs case: %s/AlFe_mm.eam.fs missing (Debian package lammps-data)\n", kDebian.c_str());
  }
  if (fs::exists(kDebian / "NiAlH_jea.eam.fs")) {
    // Its density functions are asymmetric (ρ_{Ni→Al} ≠ ρ_{Al→Ni}): checks which file block is the
    // density of which source at which host.
    const std::string p = (kDebian / "NiAlH_jea.eam.fs").string();
    const EamModel m = EamModel::fromFiles({p});
    CHECK(m.tables()->density[0][1] != m.tables()->density[1][0]);
    cases.push_back({"eam/fs NiAlH_jea (asymmetric)", {"pair_style eam/fs", "pair_coeff * * NiAlH_jea.eam.fs Ni Al H"},
                     {p}, m, 3.6});
  }
  if (fs::exists(kDebian / "Cu_u3.eam") && fs::exists(kDebian / "Ni_u3.eam")) {
    const std::string cu = (kDebian / "Cu_u3.eam").string(), ni = (kDebian / "Ni_u3.eam").string();
    cases.push_back({"eam funcfl Cu_u3 + Ni_u3", {"pair_style eam", "pair_coeff 1 1 Cu_u3.eam", "pair_coeff 2 2 Ni_u3.eam"},
                     {cu, ni}, EamModel::fromFiles({cu, ni}), 3.58});
  } else {
    std::fprintf(stderr, "SKIP funcfl case: Cu_u3.eam/Ni_u3.eam missing in %s\n", kDebian.c_str());
  }
  for (const auto& lc : cases) compare(lc, s);
  fs::remove(generated);
}

TEST_MAIN()
