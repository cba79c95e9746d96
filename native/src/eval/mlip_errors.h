// MLIP's `calc-errors` / `check_errors` report (MLIP_FORMATS.md §3): model vs reference values.
//   Energy:            |ΔE| per configuration (eV): max, average, RMS
//   Energy per atom:   |ΔE|/N (eV/atom)
//   Forces:            |ΔF_i| per atom (vector norm, eV/Å); plus max|ΔF_i| / max|F_i| and
//                      RMS|ΔF_i| / RMS|F_i| (F = reference)
//   Stresses:          ‖ΔS‖_F per configuration, S = PlusStress (eV, full 3×3 Frobenius norm);
//                      plus the same two ratios
//   Virial stresses:   ‖ΔS‖_F / V · 160.2176487 (GPa), periodic configurations only
// A quantity enters only where the reference has it.
#pragma once
#include <string>
#include <vector>

#include "core/configuration.h"
#include "core/json.h"
#include "eval/efs.h"

namespace mtp {

constexpr double kEvPerA3ToGPa = 160.2176487;  // MLIP's constant

struct MlipErrorBlock {
  long count = 0;
  double max_abs = 0.0, sum_abs = 0.0, sum_sq = 0.0;
  double max_ref = 0.0, sum_ref_sq = 0.0;  // reference magnitudes for the relative ratios
  void add(double diff, double ref_magnitude);
  double average() const { return count ? sum_abs / count : 0.0; }
  double rms() const;
  double maxRatio() const;  // max(diff) / max(ref)
  double rmsRatio() const;  // RMS(diff) / RMS(ref)
};

struct MlipErrorReport {
  MlipErrorBlock energy, energy_per_atom, forces, stress, virial_gpa;
};

// Adds one configuration: `reference` holds the DFT values, `model` the evaluated ones.
void accumulateErrors(const Configuration& reference, const EfsResult& model, MlipErrorReport& report);

// MLIP's text layout ("_________________Errors report_________________" …), numbers as iostream
// prints them (6 significant digits).
std::string formatMlipReport(const MlipErrorReport& report);
JsonObject mlipReportJson(const MlipErrorReport& report);

}  // namespace mtp
