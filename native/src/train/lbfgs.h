// Limited-memory BFGS (Nocedal & Wright, Numerical Optimization, Alg. 7.4, two-loop recursion)
// and a strong-Wolfe line search (ibid. Alg. 3.5/3.6, cubic interpolation in the zoom phase).
// Generic: works on any smooth function given its value and gradient.
#pragma once
#include <deque>
#include <functional>
#include <vector>

#include <Eigen/Core>

namespace mtp {

class Lbfgs {
 public:
  explicit Lbfgs(int memory) : memory_(memory) {}
  // Search direction -H g with H the L-BFGS inverse Hessian (H0 = gamma I, gamma = s.y / y.y of
  // the newest pair, or `initial_scale` without pairs).
  Eigen::VectorXd direction(const Eigen::VectorXd& g, double initial_scale = 1.0) const;
  // Adds the pair (s = x_new - x_old, y = g_new - g_old) if s.y > 0 (keeps H positive definite).
  void update(const Eigen::VectorXd& s, const Eigen::VectorXd& y);
  void clear() { s_.clear(), y_.clear(); }
  int size() const { return static_cast<int>(s_.size()); }
  // Flat state for checkpoints: [n, count, s_0, y_0, s_1, y_1, ...]; restore() inverts it.
  std::vector<double> state(int n) const;
  void restore(const std::vector<double>& state, size_t offset);

 private:
  int memory_;
  std::deque<Eigen::VectorXd> s_, y_;
};

struct WolfeOptions {
  double c1 = 1e-4, c2 = 0.9;
  int max_evaluations = 20;
  double max_step = 1e10;
};

// phi(alpha, &dphi) returns f(x + alpha d) and sets dphi = g(x + alpha d).d. f0, dphi0 at alpha 0
// (dphi0 < 0). Returns the accepted alpha, or 0 if no point with sufficient decrease was found.
double wolfeLineSearch(const std::function<double(double, double&)>& phi, double f0, double dphi0,
                       double alpha0, const WolfeOptions& options = {});

}  // namespace mtp
