#include "train/lbfgs.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace mtp {

Eigen::VectorXd Lbfgs::direction(const Eigen::VectorXd& g, double initial_scale) const {
  const int m = size();
  Eigen::VectorXd q = g;
  std::vector<double> alpha(m), rho(m);
  for (int i = m - 1; i >= 0; --i) {
    rho[i] = 1.0 / y_[i].dot(s_[i]);
    alpha[i] = rho[i] * s_[i].dot(q);
    q -= alpha[i] * y_[i];
  }
  const double gamma = m > 0 ? s_[m - 1].dot(y_[m - 1]) / y_[m - 1].squaredNorm() : initial_scale;
  Eigen::VectorXd r = gamma * q;
  for (int i = 0; i < m; ++i) {
    const double beta = rho[i] * y_[i].dot(r);
    r += (alpha[i] - beta) * s_[i];
  }
  return -r;
}

void Lbfgs::update(const Eigen::VectorXd& s, const Eigen::VectorXd& y) {
  if (!(s.dot(y) > 1e-300)) return;
  s_.push_back(s);
  y_.push_back(y);
  while (static_cast<int>(s_.size()) > memory_) {
    s_.pop_front();
    y_.pop_front();
  }
}

std::vector<double> Lbfgs::state(int n) const {
  std::vector<double> out{static_cast<double>(n), static_cast<double>(size())};
  for (int i = 0; i < size(); ++i) {
    out.insert(out.end(), s_[i].data(), s_[i].data() + n);
    out.insert(out.end(), y_[i].data(), y_[i].data() + n);
  }
  return out;
}

void Lbfgs::restore(const std::vector<double>& st, size_t at) {
  clear();
  if (st.size() < at + 2) throw std::invalid_argument("L-BFGS state too short");
  const int n = static_cast<int>(st[at]), count = static_cast<int>(st[at + 1]);
  at += 2;
  if (st.size() < at + static_cast<size_t>(2) * count * n) throw std::invalid_argument("L-BFGS state too short");
  for (int i = 0; i < count; ++i) {
    s_.push_back(Eigen::Map<const Eigen::VectorXd>(st.data() + at, n));
    at += n;
    y_.push_back(Eigen::Map<const Eigen::VectorXd>(st.data() + at, n));
    at += n;
  }
}

namespace {

// Minimiser of the cubic interpolating (a, fa, da) and (b, fb, db), safeguarded into the interval.
double cubicMin(double a, double fa, double da, double b, double fb, double db) {
  const double d1 = da + db - 3.0 * (fa - fb) / (a - b);
  const double disc = d1 * d1 - da * db;
  double t;
  if (disc >= 0.0) {
    const double d2 = std::copysign(std::sqrt(disc), b - a);
    t = b - (b - a) * (db + d2 - d1) / (db - da + 2.0 * d2);
  } else {
    t = 0.5 * (a + b);
  }
  const double lo = std::min(a, b), hi = std::max(a, b), margin = 0.1 * (hi - lo);
  if (!std::isfinite(t) || t < lo + margin || t > hi - margin) t = 0.5 * (a + b);
  return t;
}

}  // namespace

double wolfeLineSearch(const std::function<double(double, double&)>& phi, double f0, double dphi0,
                       double alpha0, const WolfeOptions& o) {
  if (!(dphi0 < 0.0)) return 0.0;
  double a_prev = 0.0, f_prev = f0, d_prev = dphi0;
  double a = std::min(alpha0, o.max_step);
  double best_a = 0.0, best_f = f0;
  int evals = 0;
  auto zoom = [&](double lo, double flo, double dlo, double hi, double fhi, double dhi) {
    while (evals < o.max_evaluations) {
      const double t = cubicMin(lo, flo, dlo, hi, fhi, dhi);
      double dt;
      const double ft = phi(t, dt);
      ++evals;
      if (ft < best_f && ft <= f0 + o.c1 * t * dphi0) best_a = t, best_f = ft;
      if (!(ft <= f0 + o.c1 * t * dphi0) || ft >= flo) {
        hi = t, fhi = ft, dhi = dt;
      } else {
        if (std::fabs(dt) <= -o.c2 * dphi0) return t;
        if (dt * (hi - lo) >= 0.0) hi = lo, fhi = flo, dhi = dlo;
        lo = t, flo = ft, dlo = dt;
      }
    }
    return best_a;
  };
  while (evals < o.max_evaluations) {
    double d;
    const double f = phi(a, d);
    ++evals;
    if (std::isfinite(f) && f < best_f && f <= f0 + o.c1 * a * dphi0) best_a = a, best_f = f;
    if (!std::isfinite(f) || f > f0 + o.c1 * a * dphi0 || (evals > 1 && f >= f_prev))
      return zoom(a_prev, f_prev, d_prev, a, std::isfinite(f) ? f : 1e300, std::isfinite(d) ? d : 0.0);
    if (std::fabs(d) <= -o.c2 * dphi0) return a;
    if (d >= 0.0) return zoom(a, f, d, a_prev, f_prev, d_prev);
    a_prev = a, f_prev = f, d_prev = d;
    a = std::min(2.0 * a, o.max_step);
  }
  return best_a;
}

}  // namespace mtp
