// Readers for the EAM potential files of LAMMPS/DYNAMO (EAM_REFERENCE.md "File formats") and a setfl
// writer. Parse errors are InputError with file, 1-based line and the field being read.
#pragma once
#include <iosfwd>
#include <string>
#include <vector>

#include "reference/eam_tables.h"

namespace mtp {

// setfl (`*.eam.alloy`): 3 comment lines; "N el1 … elN"; "Nrho drho Nr dr cutoff"; per element
// "Z mass a0 lattice", F on Nrho points, f on Nr points; then r·φ for pairs (i ≥ j) in the order
// (1,1), (2,1), (2,2), (3,1)…. Numbers may be spread over any number of lines.
EamTables readSetfl(const std::string& path);
EamTables parseSetfl(std::istream& in, const std::string& name);

// Finnis–Sinclair (`*.eam.fs`): as setfl, but after F each element section holds N density functions;
// function h of element s's section is the density an atom of element s contributes at an atom of
// element h (LAMMPS PairEAMFS: rho_i += rhor[type_j][type_i]).
EamTables readFinnisSinclair(const std::string& path);
EamTables parseFinnisSinclair(std::istream& in, const std::string& name);

// funcfl (`*.eam`): 1 comment line; "Z mass a0 lattice"; "Nrho drho Nr dr cutoff"; F on Nrho points,
// Z(r) on Nr points, f(r) on Nr points. The element name is the chemical symbol of Z.
FuncflFile readFuncfl(const std::string& path);
FuncflFile parseFuncfl(std::istream& in, const std::string& name);

// The tables for a `--potential` list as LAMMPS would use them: exactly one setfl (`.eam.alloy`,
// `.alloy`, `.set`, `.setfl`) or Finnis–Sinclair (`.fs`) file, or one or more funcfl (`.eam`) files
// combined by combineFuncfl (type i = i-th file).
EamTables readEamPotentials(const std::vector<std::string>& paths);

// Write tables in setfl layout, 5 values per line with 17 significant digits so that reading the file
// back gives the same doubles. Only for tables whose density does not depend on the host element.
void writeSetfl(const EamTables& tables, std::ostream& out,
                const std::vector<std::string>& comments = {});

}  // namespace mtp
