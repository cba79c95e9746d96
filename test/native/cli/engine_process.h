// Runs the built mtp-engine binary (MTP_ENGINE_BIN) as a child process for CLI tests: stdout is
// captured, stderr discarded, arguments single-quoted for the shell.
#pragma once
#include <sys/wait.h>

#include <cstdio>
#include <string>
#include <vector>

namespace cli_test {

struct Run {
  int exit_code = -1;
  std::string out;
};

inline Run engine(const std::vector<std::string>& args) {
  std::string cmd = "'" + std::string(MTP_ENGINE_BIN) + "'";
  for (const auto& a : args) cmd += " '" + a + "'";
  cmd += " 2>/dev/null";
  Run r;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return r;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  const int status = pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

inline std::vector<std::string> lines(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < s.size()) {
    const size_t end = s.find('\n', start);
    out.push_back(s.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out;
}

}  // namespace cli_test
