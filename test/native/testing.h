// A minimal test harness for the native tests: each *_test.cpp defines TEST cases, main runs them
// all and exits non-zero on any failure. Numeric checks state their tolerance explicitly.
#pragma once
#include <cmath>
#include <functional>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace testing {

struct Case {
  const char* name;
  std::function<void()> body;
};
inline std::vector<Case>& registry() {
  static std::vector<Case> cases;
  return cases;
}
inline int& failures() {
  static int n = 0;
  return n;
}
struct Register {
  Register(const char* name, std::function<void()> body) { registry().push_back({name, std::move(body)}); }
};
inline void fail(const char* file, int line, const std::string& what) {
  ++failures();
  std::cerr << file << ":" << line << ": FAILED: " << what << "\n";
}
// Relative difference with an absolute floor, so that values near zero compare absolutely.
inline double relDiff(double a, double b, double floor = 1.0) {
  return std::fabs(a - b) / std::max(floor, std::max(std::fabs(a), std::fabs(b)));
}

}  // namespace testing

#define MTP_CAT2(a, b) a##b
#define MTP_CAT(a, b) MTP_CAT2(a, b)
#define TEST(name)                                                            \
  static void MTP_CAT(test_fn_, name)();                                      \
  static testing::Register MTP_CAT(test_reg_, name)(#name, MTP_CAT(test_fn_, name)); \
  static void MTP_CAT(test_fn_, name)()

#define CHECK(cond)                                                       \
  do {                                                                    \
    if (!(cond)) testing::fail(__FILE__, __LINE__, "CHECK(" #cond ")"); \
  } while (0)

#define CHECK_NEAR(a, b, tol)                                                                    \
  do {                                                                                           \
    const double _a = (a), _b = (b), _t = (tol);                                                 \
    if (!(std::fabs(_a - _b) <= _t)) {                                                           \
      std::ostringstream _os;                                                                    \
      _os.precision(17);                                                                         \
      _os << #a " = " << _a << " vs " #b " = " << _b << " (|diff| " << std::fabs(_a - _b)         \
          << " > " << _t << ")";                                                                 \
      testing::fail(__FILE__, __LINE__, _os.str());                                              \
    }                                                                                            \
  } while (0)

#define CHECK_THROWS(expr)                                                    \
  do {                                                                        \
    bool _thrown = false;                                                     \
    try {                                                                     \
      (void)(expr);                                                           \
    } catch (...) {                                                           \
      _thrown = true;                                                         \
    }                                                                         \
    if (!_thrown) testing::fail(__FILE__, __LINE__, "expected a throw: " #expr); \
  } while (0)

#define TEST_MAIN()                                                             \
  int main() {                                                                  \
    int ran = 0;                                                                \
    for (auto& c : testing::registry()) {                                       \
      const int before = testing::failures();                                   \
      try {                                                                     \
        c.body();                                                               \
      } catch (const std::exception& e) {                                       \
        testing::fail(__FILE__, __LINE__, std::string(c.name) + " threw: " + e.what()); \
      }                                                                         \
      std::cerr << (testing::failures() == before ? "[ ok ] " : "[FAIL] ") << c.name << "\n"; \
      ++ran;                                                                    \
    }                                                                           \
    std::cerr << ran << " cases, " << testing::failures() << " failures\n";     \
    return testing::failures() == 0 ? 0 : 1;                                    \
  }
