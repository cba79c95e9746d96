// `mtp-engine reference eam (--potential FILE [--potential FILE …] | --elements Ag,Pd) in.cfg out.cfg`:
// the built-in reference model (EAM_REFERENCE.md) as the active-learning loop's "ab initio" step.
// Writes every configuration of in.cfg to out.cfg with Energy (eV), forces (eV/Å) and PlusStress
// (virial, eV, MLIP sign: −V·σ, positive when compressed), plus the feature EFS_by naming the model,
// as a DFT code's converted output would look. Type i is the i-th element of the setfl/.eam.fs file,
// of the funcfl file list, or of --elements.
#include <algorithm>
#include <fstream>
#include <limits>
#include <sstream>

#include "cli/command.h"
#include "core/errors.h"
#include "core/thread_pool.h"
#include "io/cfg_reader.h"
#include "io/cfg_writer.h"
#include "reference/eam_files.h"
#include "reference/eam_model.h"

namespace mtp::cli {
namespace {

std::vector<std::string> splitList(const std::string& s) {
  std::vector<std::string> out;
  std::string item;
  std::istringstream ss(s);
  while (std::getline(ss, item, ','))
    if (!item.empty()) out.push_back(item);
  return out;
}

EamModel buildModel(const Args& args) {
  const auto potentials = args.values("potential");
  const auto elements = args.value("elements");
  if (potentials.empty() == !elements)
    throw UsageError("give either --potential FILE (repeatable) or --elements A,B,...");
  if (!potentials.empty()) {
    if (args.value("zhou-form") || args.value("zhou-parameters"))
      throw UsageError("--zhou-form and --zhou-parameters only apply to --elements");
    return EamModel::fromFiles(potentials);
  }
  const std::string form = args.value("zhou-form").value_or("tabulated");
  if (form != "tabulated" && form != "analytic")
    throw UsageError("--zhou-form must be 'tabulated' or 'analytic'");
  const auto table_path = args.value("zhou-parameters");
  const std::vector<ZhouElement> table = table_path ? readZhouTable(*table_path) : zhou2004Table();
  try {
    return EamModel::zhou2004(splitList(*elements),
                              form == "analytic" ? EamModel::ZhouForm::Analytic : EamModel::ZhouForm::Tabulated,
                              table);
  } catch (const InputError& e) {
    // An unknown or repeated symbol is a mistake on the command line, not in a file.
    throw UsageError("--elements: " + e.message());
  }
}

struct Input {
  std::vector<Configuration> cfgs;
  std::vector<int> begin_lines;  // line of each BEGIN_CFG, for error messages
};

Input readInput(const std::string& path) {
  Input in;
  CfgReader reader(path);
  Configuration cfg;
  while (reader.next(cfg)) {
    in.cfgs.push_back(cfg);
    in.begin_lines.push_back(reader.lastBeginLine());
  }
  return in;
}

int run(CommandContext& ctx) {
  const auto& pos = ctx.args.positionals();
  if (pos.empty() || pos[0] != "eam")
    throw UsageError("the only reference model is 'eam': reference eam ... in.cfg out.cfg");
  if (pos.size() != 3) throw UsageError("reference eam needs in.cfg and out.cfg");
  const std::string& in_path = pos[1];
  const std::string& out_path = pos[2];

  const EamModel model = buildModel(ctx.args);
  if (const auto setfl = ctx.args.value("write-setfl")) {
    if (!model.tables()) throw UsageError("--write-setfl needs a tabulated model (not --zhou-form analytic)");
    std::ofstream out(*setfl);
    if (!out) throw std::runtime_error("cannot write " + *setfl);
    writeSetfl(*model.tables(), out, {"written by mtp-engine reference eam", model.description(), ""});
    if (!out) throw std::runtime_error("error writing " + *setfl);
  }
  ctx.reporter.log("info", "model: " + model.description());

  Input input = readInput(in_path);
  const int n = static_cast<int>(input.cfgs.size());
  for (int c = 0; c < n; ++c)
    for (int t : input.cfgs[c].types)
      if (t < 0 || t >= model.elementCount())
        throw InputError(in_path, input.begin_lines[c], "type",
                         "configuration " + std::to_string(c + 1) + " has type " + std::to_string(t) +
                             " but the EAM model has " + std::to_string(model.elementCount()) +
                             " element(s)");

  const std::string by = std::string("mtp-engine ") + kEngineVersion + " reference";
  // Chunks keep progress reports on this thread while the workers stay busy.
  const int chunk = std::max(1, std::min(256, n / 50));
  long atoms = 0;
  for (int start = 0; start < n; start += chunk) {
    const int count = std::min(chunk, n - start);
    try {
      parallelFor(count, ctx.threads, [&](int item, int) { model.annotate(input.cfgs[start + item], by); });
    } catch (const ComputeError& e) {
      // Name the configuration; which one of the chunk failed is found by re-running it alone.
      for (int c = start; c < start + count; ++c) {
        try {
          model.evaluate(input.cfgs[c]);
        } catch (const ComputeError& inner) {
          throw InputError(in_path, input.begin_lines[c], "",
                           "configuration " + std::to_string(c + 1) + ": " + inner.what());
        }
      }
      throw;
    }
    ctx.reporter.progress("reference", start + count, n);
  }
  double e_min = std::numeric_limits<double>::infinity(), e_max = -e_min;
  for (const auto& cfg : input.cfgs) {
    atoms += cfg.size();
    if (cfg.size() > 0) {
      e_min = std::min(e_min, *cfg.energy / cfg.size());
      e_max = std::max(e_max, *cfg.energy / cfg.size());
    }
  }
  CfgWriteOptions options;
  options.lossless = ctx.args.flag("lossless");
  writeCfgFile(out_path, input.cfgs, options);

  std::string elements_json = "[";
  for (int a = 0; a < model.elementCount(); ++a)
    elements_json += (a ? "," : "") + jsonQuote(model.elementNames()[a]);
  elements_json += "]";
  JsonObject r;
  r.add("model", model.description())
      .addRaw("elements", elements_json)
      .add("cutoff", model.cutoff())
      .add("configurations", n)
      .add("atoms", atoms)
      .add("output", out_path);
  if (n > 0) r.add("energy_per_atom_min", e_min).add("energy_per_atom_max", e_max);
  std::ostringstream human;
  human << "reference eam: " << model.description() << ", cutoff " << model.cutoff() << " A\n"
        << n << " configurations (" << atoms << " atoms) written to " << out_path << "\n";
  if (n > 0) human << "energy per atom: " << e_min << " .. " << e_max << " eV\n";
  ctx.reporter.result(r, human.str());
  return 0;
}

CommandRegistration reg(
    {"reference", "eam (--potential FILE [--potential FILE ...] | --elements A,B,...) in.cfg out.cfg",
     "energies, forces and stresses from the built-in EAM reference model (the loop's DFT stand-in)",
     OptionSpec()
         .value("potential", "FILE  .eam.alloy (setfl), .eam.fs or funcfl .eam; repeat for several funcfl files")
         .value("elements", "A,B,...  Zhou 2004 alloy of these elements (type i = i-th element)")
         .value("zhou-form", "tabulated|analytic  setfl tables as LAMMPS's tool writes them (default) or the closed forms")
         .value("zhou-parameters", "FILE  Zhou 2004 parameter table (TSV) instead of the built-in one")
         .value("write-setfl", "FILE  also write the model's tables as a setfl file")
         .flag("lossless", "  write numbers with 17 significant digits instead of MLIP's fixed widths"),
     run});

}  // namespace
}  // namespace mtp::cli
