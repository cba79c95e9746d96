// Compiles contraction graphs into MLIP's moment tables (MLIP_FORMATS.md §2.2): basic moment
// components (alpha_index_basic), pairwise products M_k += mult * M_i * M_j (alpha_index_times) and
// the slots holding the scalars (alpha_moment_mapping).
//
// A connected graph on vertices p0, p1, ..., p_{n-1} is contracted one moment at a time,
// (((p0 p1) p2) p3). The intermediate tensor of S = {p0..p_i} keeps its free indices in groups,
// each stored as a symmetric tensor (components = multisets of axes, as for the basic moments):
//  * by source: one group per vertex of S with its free indices. Exact (a moment tensor is
//    symmetric), independent of where the indices go, so shared by many graphs. Stored as is.
//  * by destination: one group per vertex outside S, holding the indices it will meet, symmetrised.
//    Exact too: those indices are later contracted with one symmetric moment tensor, so permuting
//    them among the vertices of S gives the same multigraph. Fewer components; a component m is
//    stored as the sum over the index orderings of m, which keeps every multiplicity an integer.
// A chain uses source groups first and destination groups after (symmetrised indices cannot be
// split by source again). A 4-vertex graph may instead be contracted as ((a b)(c d)): the
// intermediates of two joined pairs meet in the final step, at most one of them grouped by
// destination. Two groups that a relabelling of S exchanges are stored once (i <= j).
// Every scalar is the plain full contraction of its graph. Intermediates are shared between graphs
// through a canonical key, and each graph's contraction (order, grouping, shape) is chosen to keep
// the whole program short.
#pragma once
#include <vector>

#include "basis/contraction_graph.h"
#include "basis/mtp_potential.h"

namespace mtp {

// Tables whose mapped scalars are the given graphs, in the given order. radial_funcs_count is set to
// one more than the largest mu used. Throws std::invalid_argument for a graph with an isolated
// vertex of nonzero rank or a multiplicity that does not fit in an int.
MtpBasisTables compileContractionProgram(const std::vector<ContractionGraph>& graphs);

}  // namespace mtp
