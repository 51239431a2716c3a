// The JSON mapping of results, schema version 1, field by field as documented in
// docs/results.md. The same objects make up both file formats: a JSON document
// ({schema_version, format, context, cells}) and JSON Lines (a header line with the
// context, then one cell per line, which a run can append to as cells finish).
// Reading and writing whole files is in results/results_file.h.
#pragma once

#include <stdexcept>

#include <nlohmann/json.hpp>

#include "results/result.h"

namespace tb {

// Bumped when a field is removed, renamed or changes type or meaning, or a new
// status value appears. Adding a field keeps the version.
inline constexpr int kResultsSchemaVersion = 1;

// The value of the "format" field, which identifies a results file among other JSON.
inline constexpr const char* kResultsFormatName = "transformer-bench-results";

// A results document that does not follow the schema. what() names the field, the
// value found and what was expected; callers prefix the file name and line.
class ResultsFormatError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

nlohmann::json context_to_json(const RunContext& context);
nlohmann::json cell_to_json(const CellResult& cell);

// The readers ignore fields they do not know, so files written by a later
// transformer-bench of the same schema version read fine. Missing optional fields
// keep their defaults; a missing required field or a value of the wrong type throws
// ResultsFormatError.
RunContext context_from_json(const nlohmann::json& json);
CellResult cell_from_json(const nlohmann::json& json);

// The whole JSON document.
nlohmann::json run_to_json(const RunResult& result);

// The first line of a JSON Lines file: schema_version, format and context.
nlohmann::json jsonl_header(const RunContext& context);

// Checks "format" and "schema_version" of a document or JSON Lines header and
// returns the version. Throws ResultsFormatError for other JSON or a version this
// build cannot read.
int check_schema(const nlohmann::json& document);

}  // namespace tb
