// The engine protocol fixtures (test/fixtures/engine-protocol) against the engine's own validator,
// and the emitter's output against the validator.
#include <dirent.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/engine_protocol.h"
#include "core/json.h"
#include "testing.h"

using namespace mtp;

namespace {

const std::string kDir = std::string(MTP_REPO_ROOT) + "/test/fixtures/engine-protocol/";

std::vector<std::string> lines(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> out;
  std::string l;
  while (std::getline(in, l))
    if (!l.empty()) out.push_back(l);
  return out;
}

std::vector<std::string> files(const std::string& dir, const std::string& prefix) {
  std::vector<std::string> out;
  if (DIR* d = opendir(dir.c_str())) {
    while (dirent* e = readdir(d)) {
      const std::string n = e->d_name;
      if (n.size() > 6 && n.compare(n.size() - 6, 6, ".jsonl") == 0 && n.compare(0, prefix.size(), prefix) == 0)
        out.push_back(dir + n);
    }
    closedir(d);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST(valid_streams_are_accepted) {
  const auto valid = files(kDir + "valid/", "");
  CHECK(valid.size() >= 4);
  for (const auto& f : valid) {
    std::string why;
    const bool ok = validateProtocolStream(lines(f), &why);
    if (!ok) std::cerr << f << ": " << why << "\n";
    CHECK(ok);
  }
}

TEST(invalid_lines_are_rejected_one_by_one) {
  const auto bad = lines(kDir + "invalid/lines.jsonl");
  CHECK(bad.size() >= 10);
  for (const auto& l : bad) {
    std::string why;
    const bool ok = validateProtocolLine(l, &why);
    if (ok) std::cerr << "accepted: " << l << "\n";
    CHECK(!ok && !why.empty());
  }
}

TEST(invalid_streams_are_rejected) {
  const auto streams = files(kDir + "invalid/", "stream-");
  CHECK(streams.size() >= 4);
  for (const auto& f : streams) {
    std::string why;
    const bool ok = validateProtocolStream(lines(f), &why);
    if (ok) std::cerr << f << " accepted\n";
    CHECK(!ok);
    for (const auto& l : lines(f)) CHECK(validateProtocolLine(l, &why));  // lines fine, order not
  }
}

TEST(emitter_output_is_valid) {
  std::ostringstream out;
  ProtocolEmitter e(out);
  e.hello("calc-efs");
  e.progress("evaluate", 3, 10, JsonObject().add("eta_seconds", 1.5));
  e.log("warn", "quote \" backslash \\ newline \n tab \t control \x01");
  e.result(JsonObject().add("energy", -1.0 / 3.0).add("nan", std::nan("")).add("list", std::vector<double>{1, 2.5}));
  std::vector<std::string> ls;
  std::istringstream in(out.str());
  std::string l;
  while (std::getline(in, l)) ls.push_back(l);
  std::string why;
  CHECK(ls.size() == 4);
  CHECK(validateProtocolStream(ls, &why));
  JsonValue v;
  CHECK(parseJson(ls[3], &v, &why));
  CHECK(v.get("energy")->number == -1.0 / 3.0);  // 17 significant digits survive
  CHECK(v.get("nan")->kind == JsonValue::Null);
  JsonValue logv;
  CHECK(parseJson(ls[2], &logv, &why));
  CHECK(logv.get("message")->string == "quote \" backslash \\ newline \n tab \t control \x01");

  std::ostringstream err_out;
  ProtocolEmitter e2(err_out);
  e2.hello("calc-errors");
  e2.error("input", "bad number", "a.cfg", 12, "Energy");
  std::vector<std::string> ls2;
  std::istringstream in2(err_out.str());
  while (std::getline(in2, l)) ls2.push_back(l);
  CHECK(validateProtocolStream(ls2, &why));
  CHECK(parseJson(ls2[1], &v, &why) && v.get("line")->number == 12 && v.get("file")->string == "a.cfg");
}

TEST_MAIN()
