// Why this file exists: the zero-eigenvalue rule, once. classify() counts an eigenvalue as
// zero when |lambda_i| <= zero * max_j |lambda_j| (ClassificationTolerances::zero); the pages
// colour each eigenvalue by the same judgement, which spectrum_json() sends as "signs", so no
// page applies a tolerance of its own.
#pragma once

#include "curvature/curvature.hpp"

#include <vector>

namespace landscape {

// -1, 0 or +1 for each eigenvalue, as classify() counts it.
std::vector<int> eigenvalue_signs(const Vector& eigenvalues, const ClassificationTolerances& tolerances = {});

} // namespace landscape
