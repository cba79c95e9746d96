// γ_select / γ_break monitoring during relaxation and MD (SCIENCE.md "Active learning"; MLIP's
// select:threshold and select:threshold-break): the grade of each evaluated configuration against
// an active set; above `select` the configuration is kept for training, above `brk` the
// simulation of that structure stops.
#pragma once
#include <vector>

#include "active/active_set.h"
#include "sim/force_field.h"

namespace mtp {

class ExtrapolationMonitor {
 public:
  // brk ≤ 0: never break. The active set's potential must be the force field's.
  ExtrapolationMonitor(const ActiveSet& set, double select, double brk) : set_(set), select_(select), break_(brk) {}
  double selectThreshold() const { return select_; }
  double breakThreshold() const { return break_; }
  bool needsEnergyGradient() const { return set_.settings().mode == GradeMode::Cfg; }

  // Grade of cfg whose force-field result r was computed with energy_gradient when
  // needsEnergyGradient(); nbh mode computes the site-energy rows with the worker's workspace.
  ConfigurationGrade grade(const Configuration& cfg, const ForceResult& r, ForceFieldWorker& worker) const;
  bool selects(double grade) const { return grade > select_; }
  bool breaks(double grade) const { return break_ > 0.0 && grade > break_; }

 private:
  const ActiveSet& set_;
  double select_, break_;
};

}  // namespace mtp
