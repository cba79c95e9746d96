#include "eval/compiled_mtp.h"

#include <algorithm>
#include <functional>
#include <map>
#include <string>
#include <tuple>

#include "core/errors.h"

namespace mtp {

namespace {

void require(bool ok, const std::string& what) {
  if (!ok) throw ComputeError("invalid MTP: " + what);
}

}  // namespace

CompiledMtp compileMtp(const MtpPotential& pot, bool allow_untrained) {
  CompiledMtp m;
  const MtpBasisTables& b = pot.basis;
  m.species = pot.species_count;
  m.radial_funcs = b.radial_funcs_count;
  m.basis_size = pot.radial_basis_size;
  m.basic_count = static_cast<int>(b.alpha_index_basic.size());
  m.slot_count = b.alpha_moments_count;
  m.scalar_count = static_cast<int>(b.alpha_moment_mapping.size());
  m.param_count = pot.paramCount();
  m.cutoff = pot.max_dist;
  require(m.species >= 1, "species_count must be >= 1");
  require(m.radial_funcs >= 1 && m.basis_size >= 1, "radial_funcs_count and radial_basis_size must be >= 1");
  require(m.basic_count >= 1 && m.slot_count >= m.basic_count, "alpha_moments_count < alpha_index_basic_count");
  m.radial = RadialBasis(pot);

  // Monomial table: every (a,b,c) reachable by decrementing a used exponent.
  std::map<std::tuple<int, int, int>, int> index;
  std::vector<std::tuple<int, int, int>> monos;
  std::function<int(int, int, int)> mono = [&](int a, int c1, int c2) -> int {
    auto key = std::make_tuple(a, c1, c2);
    auto it = index.find(key);
    if (it != index.end()) return it->second;
    int parent, axis;
    if (a + c1 + c2 == 0) {
      parent = -1;
      axis = -1;
    } else if (a > 0) {
      parent = mono(a - 1, c1, c2);
      axis = 0;
    } else if (c1 > 0) {
      parent = mono(0, c1 - 1, c2);
      axis = 1;
    } else {
      parent = mono(0, 0, c2 - 1);
      axis = 2;
    }
    const int id = static_cast<int>(monos.size());
    monos.push_back(key);
    m.mono_parent.push_back(parent);
    m.mono_axis.push_back(axis);
    index[key] = id;
    return id;
  };
  mono(0, 0, 0);
  for (int k = 0; k < m.basic_count; ++k) {
    const auto& row = b.alpha_index_basic[k];
    const int mu = row[0], a = row[1], bb = row[2], c = row[3];
    require(mu >= 0 && mu < m.radial_funcs, "alpha_index_basic row " + std::to_string(k) + ": mu out of range");
    require(a >= 0 && bb >= 0 && c >= 0, "alpha_index_basic row " + std::to_string(k) + ": negative power");
    m.basic_mu.push_back(mu);
    m.basic_mono.push_back(mono(a, bb, c));
    m.basic_dx.push_back(a > 0 ? mono(a - 1, bb, c) : -1);
    m.basic_dy.push_back(bb > 0 ? mono(a, bb - 1, c) : -1);
    m.basic_dz.push_back(c > 0 ? mono(a, bb, c - 1) : -1);
    m.basic_a.push_back(a);
    m.basic_b.push_back(bb);
    m.basic_c.push_back(c);
    m.basic_nu.push_back(a + bb + c);
  }
  m.mono_count = static_cast<int>(monos.size());

  for (size_t t = 0; t < b.alpha_index_times.size(); ++t) {
    const auto& row = b.alpha_index_times[t];
    const std::string where = "alpha_index_times row " + std::to_string(t);
    require(row[0] >= 0 && row[0] < m.slot_count && row[1] >= 0 && row[1] < m.slot_count, where + ": input slot out of range");
    require(row[3] >= m.basic_count && row[3] < m.slot_count, where + ": output must be a non-basic slot");
    require(row[3] != row[0] && row[3] != row[1], where + ": output equals an input");
    m.times_in1.push_back(row[0]);
    m.times_in2.push_back(row[1]);
    m.times_mult.push_back(row[2]);
    m.times_out.push_back(row[3]);
  }
  // Reverse-mode differentiation needs every slot complete before it is read.
  std::vector<int> last_write(m.slot_count, -1);
  for (size_t t = 0; t < m.times_out.size(); ++t) last_write[m.times_out[t]] = static_cast<int>(t);
  for (size_t t = 0; t < m.times_out.size(); ++t)
    require(last_write[m.times_in1[t]] < static_cast<int>(t) && last_write[m.times_in2[t]] < static_cast<int>(t),
            "alpha_index_times row " + std::to_string(t) + " reads a slot that is written later");
  // Gather-form programs (see compiled_mtp.h). Completion time of a slot = its last write.
  {
    std::vector<int> order;
    for (int s = m.basic_count; s < m.slot_count; ++s)
      if (last_write[s] >= 0) order.push_back(s);
    std::sort(order.begin(), order.end(), [&](int x, int y) { return last_write[x] < last_write[y]; });
    std::vector<std::vector<int>> producers(m.slot_count), consumers(m.slot_count);
    for (size_t t = 0; t < m.times_out.size(); ++t) {
      producers[m.times_out[t]].push_back(static_cast<int>(t));
      consumers[m.times_in1[t]].push_back(static_cast<int>(t));
      consumers[m.times_in2[t]].push_back(static_cast<int>(t));  // in1 == in2 appears twice: d(x²) = 2x
    }
    for (int s : order) {
      m.fwd_slot.push_back(s);
      m.fwd_begin.push_back(static_cast<int>(m.fwd_a.size()));
      for (int t : producers[s]) {
        m.fwd_a.push_back(m.times_in1[t]);
        m.fwd_b.push_back(m.times_in2[t]);
        m.fwd_mult.push_back(m.times_mult[t]);
      }
    }
    m.fwd_begin.push_back(static_cast<int>(m.fwd_a.size()));
    std::vector<int> rev_order(order.rbegin(), order.rend());
    for (int s = m.basic_count - 1; s >= 0; --s) rev_order.push_back(s);
    for (int s : rev_order) {
      if (consumers[s].empty()) continue;
      m.rev_slot.push_back(s);
      m.rev_begin.push_back(static_cast<int>(m.rev_out.size()));
      for (int t : consumers[s]) {
        m.rev_out.push_back(m.times_out[t]);
        m.rev_other.push_back(m.times_in1[t] == s ? m.times_in2[t] : m.times_in1[t]);
        m.rev_mult.push_back(m.times_mult[t]);
      }
    }
    m.rev_begin.push_back(static_cast<int>(m.rev_out.size()));
  }
  for (int s : b.alpha_moment_mapping) require(s >= 0 && s < m.slot_count, "alpha_moment_mapping slot out of range");
  m.mapping = b.alpha_moment_mapping;

  const int C = m.species, K = m.radial_funcs, R = m.basis_size;
  m.radial_coeffs.assign(static_cast<size_t>(C) * C * K * R, 0.0);
  m.species_coeffs.assign(C, 0.0);
  m.moment_coeffs.assign(m.scalar_count, 0.0);
  if (!pot.trained()) {
    require(allow_untrained, "the potential has no coefficients (untrained)");
    return m;
  }
  require(static_cast<int>(pot.radial_coeffs.size()) == C * C, "radial_coeffs must have species_count² blocks");
  for (int p = 0; p < C * C; ++p) {
    require(static_cast<int>(pot.radial_coeffs[p].size()) == K, "radial_coeffs block must have radial_funcs_count rows");
    for (int mu = 0; mu < K; ++mu) {
      require(static_cast<int>(pot.radial_coeffs[p][mu].size()) == R, "radial_coeffs row must have radial_basis_size numbers");
      for (int xi = 0; xi < R; ++xi) m.radial_coeffs[(p * K + mu) * R + xi] = pot.radial_coeffs[p][mu][xi];
    }
  }
  require(static_cast<int>(pot.species_coeffs.size()) == C, "species_coeffs must have species_count numbers");
  require(static_cast<int>(pot.moment_coeffs.size()) == m.scalar_count, "moment_coeffs must have alpha_scalar_moments numbers");
  m.species_coeffs = pot.species_coeffs;
  m.moment_coeffs = pot.moment_coeffs;
  return m;
}

std::vector<double> parameters(const CompiledMtp& m) {
  std::vector<double> theta(m.radial_coeffs);
  theta.insert(theta.end(), m.species_coeffs.begin(), m.species_coeffs.end());
  theta.insert(theta.end(), m.moment_coeffs.begin(), m.moment_coeffs.end());
  return theta;
}

void setParameters(CompiledMtp& m, const std::vector<double>& theta) {
  if (static_cast<int>(theta.size()) != m.param_count)
    throw ComputeError("parameter vector has " + std::to_string(theta.size()) + " entries, the MTP needs " +
                       std::to_string(m.param_count));
  const size_t nr = m.radial_coeffs.size();
  std::copy(theta.begin(), theta.begin() + nr, m.radial_coeffs.begin());
  std::copy(theta.begin() + nr, theta.begin() + nr + m.species, m.species_coeffs.begin());
  std::copy(theta.begin() + nr + m.species, theta.end(), m.moment_coeffs.begin());
}

}  // namespace mtp
