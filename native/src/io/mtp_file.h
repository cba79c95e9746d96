// Reader and writer for MLIP's .mtp potential files, version 1.1.0 (MLIP_FORMATS.md §2), and the
// text part of MLIP-3 .almtp files (everything before the "#MVS_v1.1" active-learning section,
// which is skipped).
//
// Reading follows MLMTPR::Load: fixed keyword order; optional potential_name, scaling and
// potential_tag; a `scaling` inside the radial-basis block multiplies the top-level one;
// RBChebyshev or RBChebyshev_repuls; radial_coeffs / species_coeffs / moment_coeffs absent in
// untrained templates; CRLF tolerated. Validation: table sizes equal their counts, indices in range,
// largest mu in alpha_index_basic = radial_funcs_count - 1. Errors are InputError with file,
// 1-based line and field (e.g. "pot.mtp:12: field 'alpha_index_basic': ...").
//
// Writing reproduces MLIP's layout (tabs, "{a, b}" lists, "i-j" pair labels); numbers are spelled
// as recorded in MtpPotential::text_style, so a file that was read is written back byte for byte
// (CRLF files come back with LF). A potential built in memory is written as MLIP-3 does
// (%.15e, 16 significant digits).
#pragma once
#include <ostream>
#include <string>
#include <string_view>

#include "basis/mtp_potential.h"

namespace mtp {

MtpPotential readMtpFile(const std::string& path);
// Parses .mtp text (an .almtp's binary tail after "#MVS_v" is ignored); `name` for messages.
MtpPotential parseMtp(std::string_view text, const std::string& name = "<string>");

// Throws std::invalid_argument if the potential is inconsistent (see mtpConsistencyError).
void writeMtp(std::ostream& out, const MtpPotential& pot);
std::string mtpToString(const MtpPotential& pot);
void writeMtpFile(const std::string& path, const MtpPotential& pot);

// Empty if `pot` is consistent; otherwise a message, with the offending field in `field`.
std::string mtpConsistencyError(const MtpPotential& pot, std::string& field);

// Byte offset where an .almtp's active-learning section ("#MVS_v" at the start of a line) begins,
// or text.size() if there is none.
size_t almtpStateOffset(std::string_view text);

}  // namespace mtp
