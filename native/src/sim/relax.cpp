#include "sim/relax.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <mutex>

#include "core/errors.h"
#include "core/neighbor_list.h"
#include "core/thread_pool.h"
#include "sim/relax_coordinates.h"

namespace mtp {

namespace {

constexpr double kGPaPerEvA3 = 160.21766208;  // 1 eV/Å³ in GPa

struct Point {
  Eigen::VectorXd x, g;
  Configuration cfg;
  ForceResult r;
  double h = 0.0;  // enthalpy E + pV, eV
};

enum class Eval { Ok, TooClose, Failed, Break };

class Relaxer {
 public:
  Relaxer(const Configuration& input, ForceFieldWorker& ff, const RelaxOptions& o, const ExtrapolationMonitor* monitor)
      : coords_(input, o.force_tol > 0.0,
                o.stress_tol > 0.0 && input.periodic(0) && input.periodic(1) && input.periodic(2)),
        ff_(ff), o_(o), monitor_(monitor), pressure_(o.pressure / kGPaPerEvA3) {}

  RelaxResult run(const Configuration& input) {
    result_.final = input;
    Point cur;
    cur.x = coords_.start();
    const double md0 = minimumDistance(input, o_.min_dist + 1.0);
    result_.min_dist = md0;
    if (md0 < o_.min_dist) return fail(RelaxOutcome::MinDistError, "smallest interatomic distance " + std::to_string(md0) +
                                                                       " Å is below min-dist " + std::to_string(o_.min_dist) + " Å");
    const Eval e0 = evaluate(cur);
    if (e0 == Eval::Break) return finish(cur, RelaxOutcome::ExtrapolationBreak, breakMessage());
    if (e0 != Eval::Ok) return fail(RelaxOutcome::Error, "the starting configuration cannot be evaluated: " + error_);
    if (coords_.dimension() == 0) return finish(cur, RelaxOutcome::Converged, "");
    return o_.method == RelaxMethod::Bfgs ? bfgs(cur) : fire(cur);
  }

 private:
  RelaxResult bfgs(Point& cur) {
    const Eigen::VectorXd h0 = coords_.inverseHessianGuess(o_.atom_stiffness, o_.bulk_modulus / kGPaPerEvA3);
    Eigen::MatrixXd hinv = h0.asDiagonal();
    bool fresh = true;  // hinv is the starting guess
    for (int it = 0; it < o_.max_iter; ++it) {
      if (converged(cur)) return finish(cur, RelaxOutcome::Converged, "");
      Eigen::VectorXd p = -hinv * cur.g;
      double slope = cur.g.dot(p);
      if (!(slope < 0.0)) {
        hinv = h0.asDiagonal();
        fresh = true;
        p = -hinv * cur.g;
        slope = cur.g.dot(p);
      }
      Point next;
      bool too_close = false;
      const Eval ls = lineSearch(cur, p, slope, next, too_close);
      if (ls == Eval::Break) return finish(cur, RelaxOutcome::ExtrapolationBreak, breakMessage());
      if (ls != Eval::Ok) {
        if (!fresh) {  // a stale Hessian can give a poor direction: retry along the guess
          hinv = h0.asDiagonal();
          fresh = true;
          --it;
          continue;
        }
        if (too_close)
          return finish(cur, RelaxOutcome::MinDistError, "no step keeps the interatomic distance above min-dist");
        // No sufficient decrease along the steepest-descent-like direction either: the energy is
        // not smooth at this scale (e.g. an EAM table's small jumps at its cutoff). FIRE only
        // needs forces, so it finishes the remaining iterations.
        if (error_.empty()) {
          fire_budget_ = o_.max_iter - it;
          return fire(cur);
        }
        return finish(cur, RelaxOutcome::Error, "line search failed: " + error_);
      }
      const Eigen::VectorXd s = next.x - cur.x, y = next.g - cur.g;
      const double sy = s.dot(y);
      if (sy > 1e-12 * s.norm() * y.norm()) {
        const double rho = 1.0 / sy;
        const Eigen::VectorXd hy = hinv * y;
        // H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ, expanded.
        hinv.noalias() += (rho * rho * y.dot(hy) + rho) * (s * s.transpose()) - rho * (hy * s.transpose() + s * hy.transpose());
        fresh = false;
      }
      cur = std::move(next);
      ++result_.iterations;
    }
    if (converged(cur)) return finish(cur, RelaxOutcome::Converged, "");
    return finish(cur, RelaxOutcome::NotConverged, "iteration limit " + std::to_string(o_.max_iter) + " reached");
  }

  // Weak Wolfe conditions by bracketing (expansion up to the step limit, then bisection).
  Eval lineSearch(const Point& cur, const Eigen::VectorXd& p, double slope, Point& next, bool& too_close) {
    const double full = coords_.largestDisplacement(cur.x, cur.x + p);
    const double amax = full > o_.max_step ? o_.max_step / full : 1.0;
    double lo = 0.0, hi = std::numeric_limits<double>::infinity(), a = amax;
    const double noise = 1e-13 * (1.0 + std::abs(cur.h));
    for (int k = 0; k < 60; ++k) {
      next.x = cur.x + a * p;
      if (coords_.largestDisplacement(cur.x, next.x) < o_.min_step) return Eval::Failed;
      const Eval e = evaluate(next);
      if (e == Eval::Break) return e;
      if (e == Eval::TooClose) too_close = true;
      if (e != Eval::Ok || next.h > cur.h + o_.wolfe_c1 * a * slope + noise) {
        hi = a;
      } else if (next.g.dot(p) < o_.wolfe_c2 * slope && a < amax) {
        lo = a;
      } else {
        return Eval::Ok;
      }
      a = std::isinf(hi) ? std::min(2.0 * a, amax) : 0.5 * (lo + hi);
    }
    return Eval::Failed;
  }

  // FIRE (Bitzek et al. 2006) in coordinates scaled by √(inverse-Hessian guess), where every
  // direction has a curvature of order 1, so dt is dimensionless.
  RelaxResult fire(Point& cur) {
    const Eigen::VectorXd scale = coords_.inverseHessianGuess(o_.atom_stiffness, o_.bulk_modulus / kGPaPerEvA3).cwiseSqrt();
    Eigen::VectorXd v = Eigen::VectorXd::Zero(coords_.dimension());
    double dt = 0.1, alpha = 0.1;
    const double dt_max = 1.0;
    int positive = 0;
    const int budget = fire_budget_ >= 0 ? fire_budget_ : o_.max_iter;
    for (int it = 0; it < budget; ++it) {
      if (converged(cur)) return finish(cur, RelaxOutcome::Converged, "");
      const Eigen::VectorXd f = -scale.cwiseProduct(cur.g);
      if (f.dot(v) > 0.0) {
        v = (1.0 - alpha) * v + alpha * v.norm() * f.normalized();
        if (++positive > 5) {
          dt = std::min(1.1 * dt, dt_max);
          alpha *= 0.99;
        }
      } else {
        v.setZero();
        dt *= 0.5;
        alpha = 0.1;
        positive = 0;
      }
      v += dt * f;
      Eigen::VectorXd dx = scale.cwiseProduct(dt * v);
      const double disp = coords_.largestDisplacement(cur.x, cur.x + dx);
      if (disp > o_.max_step) {
        dx *= o_.max_step / disp;
        v *= o_.max_step / disp;
      }
      if (coords_.largestDisplacement(cur.x, cur.x + dx) < o_.min_step)
        return finish(cur, RelaxOutcome::Error, "FIRE step below min-step");
      Point next;
      next.x = cur.x + dx;
      const Eval e = evaluate(next);
      if (e == Eval::Break) return finish(cur, RelaxOutcome::ExtrapolationBreak, breakMessage());
      if (e != Eval::Ok || next.h > cur.h + 1e-3 * (1.0 + std::abs(cur.h))) {
        // Rejected: stop, and restart more carefully from the current point.
        if (e == Eval::TooClose && dt < 1e-6) return finish(cur, RelaxOutcome::MinDistError, "FIRE cannot keep min-dist");
        if (dt < 1e-8) return finish(cur, RelaxOutcome::Error, "FIRE cannot make progress" + (error_.empty() ? "" : ": " + error_));
        v.setZero();
        dt *= 0.5;
        continue;
      }
      cur = std::move(next);
      ++result_.iterations;
    }
    if (converged(cur)) return finish(cur, RelaxOutcome::Converged, "");
    return finish(cur, RelaxOutcome::NotConverged, "iteration limit " + std::to_string(o_.max_iter) + " reached");
  }

  Eval evaluate(Point& p) {
    p.cfg = coords_.configuration(p.x);
    if (minimumDistance(p.cfg, o_.min_dist + 0.5) < o_.min_dist) return Eval::TooClose;
    const bool need_gradient = monitor_ && monitor_->needsEnergyGradient();
    try {
      ++result_.evaluations;
      p.r = ff_.compute(p.cfg, need_gradient);
    } catch (const std::exception& e) {
      error_ = e.what();
      return Eval::Failed;
    }
    const double volume = coords_.movesCell() ? p.cfg.volume() : 0.0;
    p.h = p.r.energy + pressure_ * volume;
    p.g = coords_.gradient(p.x, p.r.forces, p.r.plus_stress, pressure_);
    if (!(std::isfinite(p.h) && p.g.allFinite())) {
      error_ = "non-finite energy or gradient";
      return Eval::Failed;
    }
    if (monitor_) {
      const ConfigurationGrade g = monitor_->grade(p.cfg, p.r, ff_);
      const double grade = g.ok ? g.grade : std::numeric_limits<double>::infinity();
      result_.max_grade = std::max(result_.max_grade, grade);
      if (monitor_->selects(grade)) {
        Configuration keep = withResults(p);
        keep.setFeature("MV_grade", gradeFeatureText(grade));
        result_.preselected.push_back(std::move(keep));
      }
      if (monitor_->breaks(grade)) {
        break_grade_ = grade;
        return Eval::Break;
      }
    }
    return Eval::Ok;
  }

  Configuration withResults(const Point& p) const {
    Configuration c = p.cfg;
    c.energy = p.r.energy;
    c.forces = p.r.forces;
    c.plus_stress = p.r.plus_stress;
    return c;
  }

  void measure(const Point& p, double& max_force, double& max_stress) const {
    max_force = 0.0;
    for (const Vec3& f : p.r.forces) max_force = std::max(max_force, f.norm());
    max_stress = 0.0;
    if (coords_.movesCell()) {
      const double v = p.cfg.volume();
      const Stress6& w = p.r.plus_stress;
      for (int s = 0; s < 6; ++s)
        max_stress = std::max(max_stress, std::abs(w[s] / v * kGPaPerEvA3 - (s < 3 ? o_.pressure : 0.0)));
    }
  }

  bool converged(const Point& p) const {
    double f = 0.0, s = 0.0;
    measure(p, f, s);
    return (!coords_.movesAtoms() || f < o_.force_tol) && (!coords_.movesCell() || s < o_.stress_tol);
  }

  std::string breakMessage() const { return "extrapolation grade " + std::to_string(break_grade_) + " above the break threshold"; }

  RelaxResult finish(const Point& p, RelaxOutcome outcome, const std::string& message) {
    result_.outcome = outcome;
    result_.message = message;
    result_.final = withResults(p);
    measure(p, result_.max_force, result_.max_stress);
    result_.min_dist = minimumDistance(p.cfg);
    return result_;
  }

  RelaxResult fail(RelaxOutcome outcome, const std::string& message) {
    result_.outcome = outcome;
    result_.message = message;
    return result_;
  }

  RelaxCoordinates coords_;
  ForceFieldWorker& ff_;
  const RelaxOptions& o_;
  const ExtrapolationMonitor* monitor_;
  double pressure_;  // eV/Å³
  RelaxResult result_;
  std::string error_;
  double break_grade_ = 0.0;
  int fire_budget_ = -1;  // iterations left for FIRE after a BFGS line-search failure
};

}  // namespace

std::string relaxOutcomeName(RelaxOutcome o) {
  switch (o) {
    case RelaxOutcome::Converged: return "relaxation_OK";
    case RelaxOutcome::NotConverged: return "relaxation_NOT_CONVERGED";
    case RelaxOutcome::MinDistError: return "relaxation_MINDIST_ERROR";
    case RelaxOutcome::ExtrapolationBreak: return "relaxation_EXTRAPOLATION_BREAK";
    default: return "relaxation_ERROR";
  }
}

RelaxResult relaxStructure(const Configuration& input, ForceFieldWorker& ff, const RelaxOptions& options,
                           const ExtrapolationMonitor* monitor) {
  try {
    Relaxer r(input, ff, options, monitor);
    return r.run(input);
  } catch (const std::exception& e) {
    RelaxResult res;
    res.outcome = RelaxOutcome::Error;
    res.message = e.what();
    res.final = input;
    return res;
  }
}

std::vector<RelaxResult> relaxAll(const std::vector<Configuration>& cfgs, const ForceField& ff, const RelaxOptions& options,
                                  const ExtrapolationMonitor* monitor, int threads,
                                  const std::function<void(int, int)>& progress) {
  const int n = static_cast<int>(cfgs.size());
  std::vector<RelaxResult> out(n);
  if (threads <= 0) threads = hardwareThreads();
  std::vector<std::unique_ptr<ForceFieldWorker>> workers;
  for (int w = 0; w < std::max(1, std::min(threads, n)); ++w) workers.push_back(ff.worker());
  std::mutex m;
  int done = 0;
  parallelFor(n, threads, [&](int item, int worker) {
    out[item] = relaxStructure(cfgs[item], *workers[worker], options, monitor);
    if (progress) {
      std::lock_guard<std::mutex> lock(m);
      progress(++done, n);
    }
  });
  return out;
}

}  // namespace mtp
