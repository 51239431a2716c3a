// The groups of checks, one file each. Each function appends its group's checks to
// `checks` in the order they run, and check_suite.cpp calls the functions in order.
#pragma once

#include <vector>

#include "check/check.h"

namespace tb::check {

void add_entry_point_checks(std::vector<CheckDefinition>& checks);
void add_metadata_checks(std::vector<CheckDefinition>& checks);
void add_lifecycle_checks(std::vector<CheckDefinition>& checks);
void add_forward_checks(std::vector<CheckDefinition>& checks);
void add_threading_checks(std::vector<CheckDefinition>& checks);
void add_bad_input_checks(std::vector<CheckDefinition>& checks);

}  // namespace tb::check
