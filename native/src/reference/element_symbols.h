// Chemical symbols by atomic number, for potential formats that store only Z (funcfl).
#pragma once
#include <string>

namespace mtp {

// "H" for 1 … "Og" for 118; an empty string outside 1..118.
std::string elementSymbol(int atomic_number);

}  // namespace mtp
