#include "cli/train_report.h"

#include <cmath>
#include <cstdio>
#include <functional>
#include <sstream>

namespace mtp::cli {

namespace {

JsonObject statsJson(const ErrorStats& s) {
  JsonObject o;
  o.add("rmse", s.rmse()).add("mae", s.mae()).add("max", s.max_abs).add("count", s.count);
  return o;
}

std::string line(const char* what, const ErrorStats& s, double scale, const char* unit) {
  char buf[200];
  std::snprintf(buf, sizeof buf, "  %-18s RMSE %10.5f  MAE %10.5f  max %10.5f %s  (%ld values)\n", what,
                scale * s.rmse(), scale * s.mae(), scale * s.max_abs, unit, s.count);
  return buf;
}

std::string summaryText(const ErrorSummary& s) {
  return line("energy per atom", s.energy, 1000.0, "meV/atom") + line("force component", s.force, 1.0, "eV/Å") +
         line("stress component", s.stress, 1.0, "GPa");
}

// Mean and sample standard deviation of f over the members.
void meanStd(const std::vector<EnsembleMember>& m, const std::function<double(const EnsembleMember&)>& f,
             double& mean, double& sd) {
  mean = 0.0;
  for (const auto& e : m) mean += f(e);
  mean /= m.size();
  double v = 0.0;
  for (const auto& e : m) v += (f(e) - mean) * (f(e) - mean);
  sd = m.size() > 1 ? std::sqrt(v / (m.size() - 1)) : 0.0;
}

struct Metric {
  const char* name;
  std::function<double(const EnsembleMember&)> f;
};

std::vector<Metric> metrics(const EnsembleMember& first) {
  std::vector<Metric> out{
      {"train_energy_rmse", [](const EnsembleMember& m) { return m.result.train_errors.all.energy.rmse(); }},
      {"train_force_rmse", [](const EnsembleMember& m) { return m.result.train_errors.all.force.rmse(); }},
      {"train_stress_rmse", [](const EnsembleMember& m) { return m.result.train_errors.all.stress.rmse(); }},
      {"iterations", [](const EnsembleMember& m) { return static_cast<double>(m.result.iterations); }},
      {"elapsed", [](const EnsembleMember& m) { return m.result.elapsed; }}};
  if (first.result.has_valid) {
    out.push_back({"valid_energy_rmse", [](const EnsembleMember& m) { return m.result.valid_errors.all.energy.rmse(); }});
    out.push_back({"valid_force_rmse", [](const EnsembleMember& m) { return m.result.valid_errors.all.force.rmse(); }});
    out.push_back({"valid_stress_rmse", [](const EnsembleMember& m) { return m.result.valid_errors.all.stress.rmse(); }});
  }
  if (first.has_test) {
    out.push_back({"test_energy_rmse", [](const EnsembleMember& m) { return m.test_errors.all.energy.rmse(); }});
    out.push_back({"test_force_rmse", [](const EnsembleMember& m) { return m.test_errors.all.force.rmse(); }});
    out.push_back({"test_stress_rmse", [](const EnsembleMember& m) { return m.test_errors.all.stress.rmse(); }});
  }
  return out;
}

}  // namespace

JsonObject errorSummaryJson(const ErrorSummary& s) {
  JsonObject o;
  o.add("energy", statsJson(s.energy)).add("force", statsJson(s.force)).add("stress", statsJson(s.stress));
  return o;
}

JsonObject errorReportJson(const ErrorReport& r) {
  JsonObject groups, species;
  for (const auto& [name, s] : r.groups) groups.add(name, errorSummaryJson(s));
  for (const auto& [t, s] : r.species) species.add(std::to_string(t), errorSummaryJson(s));
  JsonObject o;
  o.add("all", errorSummaryJson(r.all)).add("groups", groups).add("species", species);
  return o;
}

std::string errorReportText(const std::string& title, const ErrorReport& r) {
  std::string s = title + "\n" + summaryText(r.all);
  for (const auto& [name, g] : r.groups) s += " group " + name + ":\n" + summaryText(g);
  if (r.species.size() > 1)
    for (const auto& [t, g] : r.species) s += " species " + std::to_string(t) + ":\n" + summaryText(g);
  return s;
}

JsonObject ensembleJson(const std::vector<EnsembleMember>& members) {
  JsonObject o;
  if (members.empty()) return o;
  for (const Metric& m : metrics(members.front())) {
    double mean, sd;
    meanStd(members, m.f, mean, sd);
    JsonObject v;
    v.add("mean", mean).add("two_sigma", 2.0 * sd);
    o.add(m.name, v);
  }
  return o;
}

std::string ensembleText(const std::vector<EnsembleMember>& members) {
  std::ostringstream out;
  out << "ENSEMBLE of " << members.size() << " (mean ± 2σ)\n";
  for (const Metric& m : metrics(members.front())) {
    double mean, sd;
    meanStd(members, m.f, mean, sd);
    const bool energy = std::string(m.name).find("energy") != std::string::npos;
    char buf[160];
    std::snprintf(buf, sizeof buf, "  %-20s %.5g ± %.2g%s\n", m.name, energy ? 1000 * mean : mean,
                  energy ? 2000 * sd : 2 * sd, energy ? " meV/atom" : "");
    out << buf;
  }
  return out.str();
}

}  // namespace mtp::cli
