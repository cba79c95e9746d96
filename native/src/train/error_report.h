// Fit errors of a potential on a set of configurations (paper eqs. 8-10), with MAE and max, for
// the whole set, per configuration group (a Feature value) and per species.
//   energy: per atom, |E - E0| / N                  (eV/atom)
//   forces: per Cartesian component                 (eV/Å)
//   stress: per independent component xx yy zz yz xz xy of PlusStress/V, in GPa
//           (only configurations periodic in 3D with a reference PlusStress)
// Per species: force components of the atoms of that species; energy and stress of the
// configurations that contain that species.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "train/mtp_residual_model.h"

namespace mtp {

struct ErrorStats {
  long count = 0;
  double sum_sq = 0.0, sum_abs = 0.0, max_abs = 0.0;
  void add(double e);
  void merge(const ErrorStats& o);
  double rmse() const;
  double mae() const;
};

struct ErrorSummary {
  ErrorStats energy, force, stress;
};

struct ErrorReport {
  ErrorSummary all;
  std::map<std::string, ErrorSummary> groups;    // by the group feature's value
  std::map<int, ErrorSummary> species;           // by species index
};

// Evaluates the model at its current parameters on every configuration. group_feature: the
// Feature key whose value names a configuration's group ("" = no groups). The errors use every
// reference quantity a configuration has, whatever the loss weights.
ErrorReport computeErrors(const MtpResidualModel& model, const std::string& group_feature, int threads);

}  // namespace mtp
