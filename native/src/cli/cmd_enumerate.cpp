// `mtp-engine enumerate --lattice fcc|bcc|hcp --elements Ag,Pd --max-atoms 8 --a A[,A2…] out.cfg`:
// writes every symmetry-distinct derivative superstructure of the parent lattice with up to
// --max-atoms atoms and all compositions (sim/derivative_structures.h, Hart & Forcade 2008) as
// MLIP .cfg, unrelaxed. Type i is the i-th element of --elements (the order `reference eam
// --elements` uses). --a is the lattice constant of the chosen lattice (fcc/bcc: cubic edge; hcp:
// in-plane a, with c = --c-over-a · a): one value for all, or one per element, mixed by Vegard's
// law a = Σ x_e a_e over the structure's composition. Each configuration carries the features
// enum_lattice, enum_id (lattice-atoms-serial), enum_hnf (a b c d e f of the supercell's Hermite
// normal form), enum_labels (species per site) and composition (e.g. Ag3Pd1).
#include <cmath>
#include <sstream>
#include <stdexcept>

#include "cli/command.h"
#include "cli/efs_common.h"
#include "cli/force_field_args.h"
#include "io/cfg_writer.h"
#include "sim/derivative_structures.h"

namespace mtp::cli {
namespace {

std::vector<double> latticeConstants(const Args& args, size_t elements) {
  const auto text = args.value("a");
  if (!text) throw UsageError("--a is required (one lattice constant, or one per element)");
  std::vector<double> a = positiveNumberList(*text, "a");
  if (a.size() == 1) a.resize(elements, a[0]);
  if (a.size() != elements) throw UsageError("--a needs one value or one per element");
  return a;
}

int run(CommandContext& ctx) {
  const auto& pos = ctx.args.positionals();
  if (pos.size() != 1) throw UsageError("enumerate needs exactly one output file (out.cfg)");
  Stopwatch total;
  const auto lattice_name = ctx.args.value("lattice");
  const auto elements_text = ctx.args.value("elements");
  if (!lattice_name || !elements_text) throw UsageError("--lattice and --elements are required");
  ParentLattice lattice;
  try {
    lattice = parseParentLattice(*lattice_name);
  } catch (const std::invalid_argument& e) {
    throw UsageError(std::string("--lattice: ") + e.what());
  }
  const std::vector<std::string> elements = splitCommaList(*elements_text);
  if (elements.empty()) throw UsageError("--elements needs at least one element");
  const std::vector<double> a = latticeConstants(ctx.args, elements.size());
  const double c_over_a = ctx.args.number("c-over-a", std::sqrt(8.0 / 3.0));
  if (!(c_over_a > 0.0)) throw UsageError("--c-over-a must be > 0");
  const ParentCrystal parent = makeParentCrystal(lattice, c_over_a);
  const int basis = static_cast<int>(parent.basis.size());
  const int max_atoms = ctx.args.integer("max-atoms", 0), min_atoms = ctx.args.integer("min-atoms", 1);
  if (max_atoms < basis) throw UsageError("--max-atoms must be >= " + std::to_string(basis) + " for " + *lattice_name);
  if (min_atoms < 1 || min_atoms > max_atoms) throw UsageError("need 1 <= --min-atoms <= --max-atoms");
  EnumerateOptions options;
  options.species = static_cast<int>(elements.size());
  options.min_index = (min_atoms + basis - 1) / basis;
  options.max_index = max_atoms / basis;
  std::vector<DerivativeStructure> structures;
  try {
    structures = enumerateDerivativeStructures(parent, options);
  } catch (const std::invalid_argument& e) {
    throw UsageError(e.what());
  }

  std::vector<Configuration> cfgs;
  std::vector<long> per_size(max_atoms + 1, 0);
  for (size_t s = 0; s < structures.size(); ++s) {
    const DerivativeStructure& st = structures[s];
    std::vector<int> count(elements.size(), 0);
    for (int l : st.labels) ++count[l];
    const int atoms = static_cast<int>(st.labels.size());
    double a_mix = 0.0;
    std::string composition, labels;
    for (size_t e = 0; e < elements.size(); ++e) {
      a_mix += a[e] * count[e] / atoms;
      if (count[e]) composition += elements[e] + std::to_string(count[e]);
    }
    for (int l : st.labels) labels += std::to_string(l);
    Configuration cfg = derivativeConfiguration(parent, st, a_mix);
    const Mat3i& h = st.hnf;
    std::ostringstream hnf;
    hnf << h(0, 0) << " " << h(1, 0) << " " << h(1, 1) << " " << h(2, 0) << " " << h(2, 1) << " " << h(2, 2);
    cfg.setFeature("enum_lattice", *lattice_name);
    cfg.setFeature("enum_id", *lattice_name + "-" + std::to_string(atoms) + "-" + std::to_string(++per_size[atoms]));
    cfg.setFeature("enum_hnf", hnf.str());
    cfg.setFeature("enum_labels", labels);
    cfg.setFeature("composition", composition);
    cfgs.push_back(std::move(cfg));
  }
  writeCfgFile(pos[0], cfgs);

  JsonObject by_size;
  std::string human = std::to_string(cfgs.size()) + " " + *lattice_name + " derivative structures written to " +
                      pos[0] + "\natoms\tstructures\n";
  for (int n = 1; n <= max_atoms; ++n)
    if (per_size[n]) {
      by_size.add(std::to_string(n), per_size[n]);
      human += std::to_string(n) + "\t" + std::to_string(per_size[n]) + "\n";
    }
  JsonObject r;
  r.add("output", pos[0])
      .add("lattice", *lattice_name)
      .add("structures", static_cast<long>(cfgs.size()))
      .add("by_atoms", by_size)
      .add("total_seconds", total.seconds());
  ctx.reporter.result(r, human);
  return 0;
}

CommandRegistration reg({"enumerate", "--lattice fcc|bcc|hcp --elements A,B --max-atoms N --a A out.cfg",
                         "write all symmetry-distinct derivative superstructures (all compositions) as .cfg",
                         OptionSpec()
                             .value("lattice", "fcc|bcc|hcp  parent lattice")
                             .value("elements", "A,B,…  species; type i is the i-th element")
                             .value("max-atoms", "N  largest cell, atoms (hcp: even counts, 2 atoms per parent cell)")
                             .value("min-atoms", "N  smallest cell, atoms (default 1)")
                             .value("a", "A[,A2,…]  lattice constant, Å (fcc/bcc cubic edge, hcp in-plane a); one per element: Vegard mix")
                             .value("c-over-a", "X  hcp c/a (default ideal √(8/3))"),
                         run});

}  // namespace
}  // namespace mtp::cli
