// The command-line options behind MatrixOverrides (--models, --backends, --threads,
// ...), so `run` and `validate` accept the same spellings.
#pragma once

#include <boost/program_options.hpp>

#include "config/overrides.h"

namespace tb {

// Adds the override options to `options`. Lists are comma-separated and an option
// may be repeated: `--threads 1,2 --threads 4` means 1, 2 and 4.
void add_override_options(boost::program_options::options_description& options);

// Reads the options added above from parsed values. Throws ConfigErrors naming every
// invalid option value.
MatrixOverrides read_overrides(const boost::program_options::variables_map& values);

}  // namespace tb
