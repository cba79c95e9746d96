#include "train/checkpoint.h"

#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "core/errors.h"

namespace mtp {

namespace {

constexpr const char* kMagic = "mtp-train-checkpoint 1";

std::string hex(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%a", v);
  return buf;
}

void writeVector(std::ostream& out, const char* key, const double* v, long n) {
  out << key << ' ' << n;
  for (long i = 0; i < n; ++i) out << ' ' << hex(v[i]);
  out << '\n';
}

}  // namespace

void saveCheckpoint(const std::string& path, const TrainCheckpoint& cp) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    if (!out) throw std::runtime_error("cannot write checkpoint '" + tmp + "'");
    out << kMagic << '\n';
    out << "seed " << cp.seed << '\n';
    out << "fingerprint " << cp.fingerprint << '\n';
    out << "min_dist " << hex(cp.min_dist) << '\n';
    out << "scaling " << hex(cp.scaling) << '\n';
    out << "iteration " << cp.iteration << '\n';
    out << "evaluations " << cp.evaluations << '\n';
    out << "elapsed " << hex(cp.elapsed) << '\n';
    writeVector(out, "theta_in", cp.theta_in.data(), cp.theta_in.size());
    writeVector(out, "optimizer_state", cp.optimizer_state.data(),
                static_cast<long>(cp.optimizer_state.size()));
    writeVector(out, "loss_history", cp.loss_history.data(), static_cast<long>(cp.loss_history.size()));
    writeVector(out, "best_theta", cp.best_theta.data(), cp.best_theta.size());
    out << "best_valid_loss " << hex(cp.best_valid_loss) << '\n';
    out << "best_iteration " << cp.best_iteration << '\n';
    if (!cp.stopped.empty()) out << "stopped " << cp.stopped << '\n';
    out << "end\n";
    out.flush();
    if (!out) throw std::runtime_error("cannot write checkpoint '" + tmp + "'");
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0)
    throw std::runtime_error("cannot rename '" + tmp + "' to '" + path + "'");
}

TrainCheckpoint loadCheckpoint(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw InputError(path, 0, "", "cannot open checkpoint");
  TrainCheckpoint cp;
  std::string line;
  int lineno = 0;
  bool ended = false;
  auto num = [&](std::istringstream& ss, const std::string& key) {
    std::string tok;
    if (!(ss >> tok)) throw InputError(path, lineno, key, "missing value");
    char* end = nullptr;
    const double v = std::strtod(tok.c_str(), &end);
    if (end == tok.c_str() || *end != '\0') throw InputError(path, lineno, key, "'" + tok + "' is not a number");
    return v;
  };
  auto vec = [&](std::istringstream& ss, const std::string& key) {
    const long n = static_cast<long>(num(ss, key));
    if (n < 0) throw InputError(path, lineno, key, "negative length");
    std::vector<double> v(n);
    for (long i = 0; i < n; ++i) v[i] = num(ss, key);
    return v;
  };
  auto toEigen = [](const std::vector<double>& v) {
    return Eigen::Map<const Eigen::VectorXd>(v.data(), static_cast<long>(v.size())).eval();
  };
  while (std::getline(in, line)) {
    ++lineno;
    if (lineno == 1) {
      if (line != kMagic) throw InputError(path, 1, "", "not a training checkpoint");
      continue;
    }
    std::istringstream ss(line);
    std::string key;
    if (!(ss >> key)) continue;
    if (key == "end") { ended = true; break; }
    if (key == "seed") cp.seed = static_cast<uint64_t>(std::stoull(line.substr(5)));
    else if (key == "fingerprint") cp.fingerprint = line.size() > 12 ? line.substr(12) : "";
    else if (key == "min_dist") cp.min_dist = num(ss, key);
    else if (key == "scaling") cp.scaling = num(ss, key);
    else if (key == "iteration") cp.iteration = static_cast<int>(num(ss, key));
    else if (key == "evaluations") cp.evaluations = static_cast<long>(num(ss, key));
    else if (key == "elapsed") cp.elapsed = num(ss, key);
    else if (key == "theta_in") cp.theta_in = toEigen(vec(ss, key));
    else if (key == "optimizer_state") cp.optimizer_state = vec(ss, key);
    else if (key == "loss_history") cp.loss_history = vec(ss, key);
    else if (key == "best_theta") cp.best_theta = toEigen(vec(ss, key));
    else if (key == "best_valid_loss") cp.best_valid_loss = num(ss, key);
    else if (key == "best_iteration") cp.best_iteration = static_cast<int>(num(ss, key));
    else if (key == "stopped") {
      if (!(ss >> cp.stopped)) throw InputError(path, lineno, key, "missing value");
    }
    else throw InputError(path, lineno, key, "unknown field");
  }
  if (!ended) throw InputError(path, lineno, "end", "truncated checkpoint");
  return cp;
}

}  // namespace mtp
