#include "eval/mlip_errors.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace mtp {

void MlipErrorBlock::add(double diff, double ref) {
  ++count;
  max_abs = std::max(max_abs, diff);
  sum_abs += diff;
  sum_sq += diff * diff;
  max_ref = std::max(max_ref, ref);
  sum_ref_sq += ref * ref;
}

double MlipErrorBlock::rms() const { return count ? std::sqrt(sum_sq / count) : 0.0; }
double MlipErrorBlock::maxRatio() const { return max_ref > 0 ? max_abs / max_ref : 0.0; }
double MlipErrorBlock::rmsRatio() const { return sum_ref_sq > 0 ? std::sqrt(sum_sq / sum_ref_sq) : 0.0; }

namespace {

double frobenius(const Stress6& s) {
  // Full symmetric 3×3: off-diagonal components count twice.
  return std::sqrt(s[0] * s[0] + s[1] * s[1] + s[2] * s[2] + 2 * (s[3] * s[3] + s[4] * s[4] + s[5] * s[5]));
}

std::string g6(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

void block(std::string& out, const char* title, const char* unit_of_count, const MlipErrorBlock& b, bool ratios,
           const char* ratio_name, bool last = false) {
  out += title;
  out += ":\n\tErrors checked for " + std::to_string(b.count) + " " + unit_of_count + "\n";
  out += "\tMaximal absolute difference = " + g6(b.max_abs) + "\n";
  out += "\tAverage absolute difference = " + g6(b.average()) + "\n";
  out += "\tRMS     absolute difference = " + g6(b.rms()) + "\n";
  if (ratios) {
    out += std::string("\tMax(") + ratio_name + "Diff) / Max(" + ratio_name + ") = " + g6(b.maxRatio()) + "\n";
    out += std::string("\tRMS(") + ratio_name + "Diff) / RMS(" + ratio_name + ") = " + g6(b.rmsRatio()) + "\n";
  }
  if (!last) out += "\n";
}

JsonObject blockJson(const MlipErrorBlock& b, bool ratios) {
  JsonObject o;
  o.add("count", b.count).add("max", b.max_abs).add("mean", b.average()).add("rms", b.rms());
  if (ratios) o.add("max_ratio", b.maxRatio()).add("rms_ratio", b.rmsRatio());
  return o;
}

}  // namespace

void accumulateErrors(const Configuration& ref, const EfsResult& model, MlipErrorReport& r) {
  const int n = ref.size();
  if (ref.energy) {
    const double d = std::fabs(model.energy - *ref.energy);
    r.energy.add(d, std::fabs(*ref.energy));
    r.energy_per_atom.add(n > 0 ? d / n : d, n > 0 ? std::fabs(*ref.energy) / n : 0.0);
  }
  if (ref.hasForces() && static_cast<int>(model.forces.size()) == n)
    for (int i = 0; i < n; ++i) r.forces.add((model.forces[i] - ref.forces[i]).norm(), ref.forces[i].norm());
  if (ref.plus_stress && !model.forces.empty()) {
    Stress6 d;
    for (int s = 0; s < 6; ++s) d[s] = model.plus_stress[s] - (*ref.plus_stress)[s];
    const double diff = frobenius(d), mag = frobenius(*ref.plus_stress);
    r.stress.add(diff, mag);
    const double volume = ref.volume();
    if (volume > 0) r.virial_gpa.add(diff / volume * kEvPerA3ToGPa, mag / volume * kEvPerA3ToGPa);
  }
}

std::string formatMlipReport(const MlipErrorReport& r) {
  std::string out = "_________________Errors report_________________\n";
  block(out, "Energy", "configurations", r.energy, false, "");
  block(out, "Energy per atom", "configurations", r.energy_per_atom, false, "");
  block(out, "Forces", "atoms", r.forces, true, "Force");
  block(out, "Stresses (in energy units)", "configurations", r.stress, true, "Stres");
  block(out, "Virial stresses (in pressure units)", "configurations", r.virial_gpa, true, "Stres", true);
  out += "_______________________________________________\n\n";
  return out;
}

JsonObject mlipReportJson(const MlipErrorReport& r) {
  JsonObject o;
  o.add("energy", blockJson(r.energy, false))
      .add("energy_per_atom", blockJson(r.energy_per_atom, false))
      .add("forces", blockJson(r.forces, true))
      .add("stress_ev", blockJson(r.stress, true))
      .add("stress_gpa", blockJson(r.virial_gpa, true));
  return o;
}

}  // namespace mtp
