// Components of symmetric Cartesian tensors, indexed as in MLIP's alpha_index_basic: a component of a
// rank-n symmetric tensor is a multi-index (a, b, c) = powers of (x, y, z), a + b + c = n, listed with
// a descending, then b descending: (n,0,0), (n-1,1,0), (n-1,0,1), (n-2,2,0), ...
#pragma once
#include <array>
#include <cstdint>
#include <vector>

namespace mtp {

using Power3 = std::array<int, 3>;

inline int componentCount(int rank) { return (rank + 1) * (rank + 2) / 2; }

// Position of (a, b, c) in the list of rank a+b+c components.
inline int componentIndex(const Power3& p) {
  const int rest = p[1] + p[2];  // = n - a
  return rest * (rest + 1) / 2 + (rest - p[1]);
}

inline std::vector<Power3> symmetricComponents(int rank) {
  std::vector<Power3> out;
  out.reserve(componentCount(rank));
  for (int a = rank; a >= 0; --a)
    for (int b = rank - a; b >= 0; --b) out.push_back({a, b, rank - a - b});
  return out;
}

// Number of index tuples (i_1..i_n) in {x,y,z}^n with this multiset: n! / (a! b! c!).
inline std::int64_t multinomial(const Power3& p) {
  std::int64_t r = 1;
  int n = 0;
  for (int axis = 0; axis < 3; ++axis)
    for (int k = 1; k <= p[axis]; ++k) {
      ++n;
      r = r * n / k;  // exact: r * C(n, k) built up one factor at a time
    }
  return r;
}

inline Power3 operator+(const Power3& u, const Power3& v) { return {u[0] + v[0], u[1] + v[1], u[2] + v[2]}; }

}  // namespace mtp
