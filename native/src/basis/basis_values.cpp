#include "basis/basis_values.h"

#include <stdexcept>

namespace mtp {

std::vector<double> momentSlotValues(const MtpBasisTables& tables, const std::vector<Vec3>& unit,
                                     const std::vector<std::vector<double>>& radial) {
  if (unit.size() != radial.size()) throw std::invalid_argument("unit vectors and radial values differ in count");
  const int slots = tables.alpha_moments_count;
  const int basic = static_cast<int>(tables.alpha_index_basic.size());
  if (basic > slots) throw std::invalid_argument("alpha_moments_count is smaller than alpha_index_basic_count");
  std::vector<double> m(slots, 0.0);
  for (int k = 0; k < basic; ++k) {
    const auto& [mu, a, b, c] = tables.alpha_index_basic[k];
    for (size_t j = 0; j < unit.size(); ++j) {
      if (mu < 0 || mu >= static_cast<int>(radial[j].size()))
        throw std::invalid_argument("radial index out of range in alpha_index_basic");
      double p = radial[j][mu];
      for (int e = 0; e < a; ++e) p *= unit[j].x();
      for (int e = 0; e < b; ++e) p *= unit[j].y();
      for (int e = 0; e < c; ++e) p *= unit[j].z();
      m[k] += p;
    }
  }
  for (const auto& [i, j, mult, k] : tables.alpha_index_times) {
    if (i < 0 || j < 0 || k < basic || i >= slots || j >= slots || k >= slots)
      throw std::invalid_argument("slot index out of range in alpha_index_times");
    m[k] += mult * m[i] * m[j];
  }
  return m;
}

std::vector<double> basisFunctionValues(const MtpBasisTables& tables, const std::vector<Vec3>& unit,
                                        const std::vector<std::vector<double>>& radial) {
  const std::vector<double> m = momentSlotValues(tables, unit, radial);
  std::vector<double> b;
  b.reserve(tables.alpha_moment_mapping.size());
  for (int s : tables.alpha_moment_mapping) {
    if (s < 0 || s >= static_cast<int>(m.size())) throw std::invalid_argument("alpha_moment_mapping slot out of range");
    b.push_back(m[s]);
  }
  return b;
}

}  // namespace mtp
