// Number <-> text for MLIP's text formats. Parsing is strict (the whole token must be a number,
// NaN/inf are reported separately); formatting reproduces C printf / iostream output exactly,
// because MLIP writes through iostream (which formats via printf in libstdc++).
#pragma once
#include <string>
#include <string_view>

namespace mtp {
namespace textio {

enum class NumberStatus { Ok, NotANumber, NotFinite };

// Whole-token decimal parse ("1", "-2.5e-3", "+.5"); correctly rounded (std::from_chars).
NumberStatus parseDouble(std::string_view token, double& value);
// Whole-token integer parse (optional sign, digits only, fits in int).
bool parseInt(std::string_view token, int& value);

// printf("%*.*f", width, precision, v)
void appendFixed(std::string& out, double v, int width, int precision);
// printf("%.*e", precision, v)
void appendScientific(std::string& out, double v, int precision);
// printf("%.*g", precision, v): iostream's default float format at that precision
void appendGeneral(std::string& out, double v, int precision);
// Shortest text that reads back to exactly v (std::to_chars): "2", "1.9", "1e-05".
void appendShortest(std::string& out, double v);
// printf("%*d", width, v)
void appendInt(std::string& out, long long v, int width = 0);

}  // namespace textio
}  // namespace mtp
