// The JSON and JSON Lines results files: a round trip keeps every field, readers
// ignore unknown fields, and malformed input is rejected with the field named.
#include <cmath>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "results/json.h"
#include "results/results_file.h"
#include "sample_results.h"

namespace tb {
namespace {

void expect_same_cell(const CellResult& expected, const CellResult& actual) {
  EXPECT_EQ(expected.index, actual.index);
  EXPECT_EQ(expected.model, actual.model);
  EXPECT_EQ(expected.backend, actual.backend);
  EXPECT_EQ(expected.batch_size, actual.batch_size);
  EXPECT_EQ(expected.seq_len, actual.seq_len);
  EXPECT_EQ(expected.threads, actual.threads);

  EXPECT_EQ(expected.status, actual.status);
  EXPECT_EQ(expected.message, actual.message);

  EXPECT_EQ(expected.time.samples_ms, actual.time.samples_ms);
  EXPECT_EQ(expected.time.median_ms, actual.time.median_ms);
  EXPECT_EQ(expected.time.mean_ms, actual.time.mean_ms);
  EXPECT_EQ(expected.time.stddev_ms, actual.time.stddev_ms);
  EXPECT_EQ(expected.time.min_ms, actual.time.min_ms);
  EXPECT_EQ(expected.time.max_ms, actual.time.max_ms);
  EXPECT_EQ(expected.time.p90_ms, actual.time.p90_ms);
  EXPECT_EQ(expected.time.cv, actual.time.cv);

  EXPECT_EQ(expected.tokens_per_second, actual.tokens_per_second);
  EXPECT_EQ(expected.flops, actual.flops);
  EXPECT_EQ(expected.gflops_per_second, actual.gflops_per_second);
  EXPECT_EQ(expected.efficiency, actual.efficiency);
  EXPECT_EQ(expected.speedup, actual.speedup);

  EXPECT_EQ(expected.parameters, actual.parameters);
  if (std::isnan(expected.loss)) {
    EXPECT_TRUE(std::isnan(actual.loss));
  } else {
    EXPECT_EQ(expected.loss, actual.loss);
  }
  EXPECT_EQ(expected.weight_bytes, actual.weight_bytes);
  EXPECT_EQ(expected.workspace_bytes, actual.workspace_bytes);
  EXPECT_EQ(expected.rss_delta_bytes, actual.rss_delta_bytes);

  EXPECT_EQ(expected.max_abs_diff, actual.max_abs_diff);
}

void expect_same_context(const RunContext& expected, const RunContext& actual) {
  EXPECT_EQ(expected.date, actual.date);
  EXPECT_EQ(expected.host_version, actual.host_version);
  EXPECT_EQ(expected.build_type, actual.build_type);
  EXPECT_EQ(expected.hostname, actual.hostname);
  EXPECT_EQ(expected.cpu_model, actual.cpu_model);
  EXPECT_EQ(expected.cores, actual.cores);
  EXPECT_EQ(expected.governor, actual.governor);

  EXPECT_EQ(expected.load_average_1m, actual.load_average_1m);
  EXPECT_EQ(expected.peak_gflops, actual.peak_gflops);
  EXPECT_EQ(expected.peak_source, actual.peak_source);
  EXPECT_EQ(expected.config_source, actual.config_source);
  EXPECT_EQ(expected.config_hash, actual.config_hash);
  EXPECT_EQ(expected.matrix_cells, actual.matrix_cells);
  EXPECT_EQ(expected.shard_index, actual.shard_index);
  EXPECT_EQ(expected.shard_count, actual.shard_count);

  EXPECT_EQ(expected.measurement.warmup, actual.measurement.warmup);
  EXPECT_EQ(expected.measurement.repetitions, actual.measurement.repetitions);
  EXPECT_EQ(expected.measurement.min_time_s, actual.measurement.min_time_s);
  EXPECT_EQ(expected.measurement.time_limit_s, actual.measurement.time_limit_s);
  EXPECT_EQ(expected.measurement.reference, actual.measurement.reference);
  EXPECT_EQ(expected.measurement.tolerance, actual.measurement.tolerance);
  EXPECT_EQ(expected.measurement.baseline, actual.measurement.baseline);
  EXPECT_EQ(expected.measurement.isolated, actual.measurement.isolated);

  ASSERT_EQ(expected.backends.size(), actual.backends.size());
  for (size_t i = 0; i < expected.backends.size(); ++i) {
    EXPECT_EQ(expected.backends[i].name, actual.backends[i].name);
    EXPECT_EQ(expected.backends[i].version, actual.backends[i].version);
    EXPECT_EQ(expected.backends[i].build_info, actual.backends[i].build_info);
    EXPECT_EQ(expected.backends[i].path, actual.backends[i].path);
    EXPECT_EQ(expected.backends[i].abi_version, actual.backends[i].abi_version);
  }
  EXPECT_EQ(expected.warnings, actual.warnings);
}

ResultsFile read_text(const std::string& text) {
  std::istringstream in(text);
  return read_results(in, "test.json");
}

std::string error_of(const std::string& text) {
  try {
    read_text(text);
  } catch (const ResultsFormatError& error) {
    return error.what();
  }
  return "no error";
}

TEST(ResultsJson, DocumentRoundTripKeepsEveryField) {
  RunResult original = testing::small_result();
  original.context.shard_index = 2;
  original.context.shard_count = 3;

  std::ostringstream out;
  write_json(original, out);
  const ResultsFile read = read_text(out.str());

  EXPECT_EQ(read.schema_version, 1);
  expect_same_context(original.context, read.result.context);
  ASSERT_EQ(read.result.cells.size(), 2u);
  expect_same_cell(original.cells[0], read.result.cells[0]);
  expect_same_cell(original.cells[1], read.result.cells[1]);
}

TEST(ResultsJson, JsonLinesRoundTripKeepsEveryField) {
  const RunResult original = testing::small_result();
  std::ostringstream out;
  write_jsonl(original, out);

  // One header line and one line per cell.
  const std::string text = out.str();
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 3);

  const ResultsFile read = read_text(text);
  expect_same_context(original.context, read.result.context);
  ASSERT_EQ(read.result.cells.size(), 2u);
  expect_same_cell(original.cells[0], read.result.cells[0]);
  expect_same_cell(original.cells[1], read.result.cells[1]);
}

TEST(ResultsJson, HeaderOnlyJsonLinesHasNoCells) {
  std::ostringstream out;
  write_jsonl_header(testing::small_result().context, out);
  const ResultsFile read = read_text(out.str());
  EXPECT_EQ(read.result.context.hostname, "bench-1");
  EXPECT_TRUE(read.result.cells.empty());
}

TEST(ResultsJson, DocumentFollowsTheDocumentedSchema) {
  const nlohmann::json document = run_to_json(testing::small_result());
  EXPECT_EQ(document.at("schema_version"), 1);
  EXPECT_EQ(document.at("format"), "transformer-bench-results");

  const nlohmann::json& context = document.at("context");
  EXPECT_EQ(context.at("config_hash"), "0123456789abcdef");
  EXPECT_EQ(context.at("shard").at("index"), 1);
  EXPECT_EQ(context.at("shard").at("count"), 1);
  EXPECT_EQ(context.at("measurement").at("repetitions"), 5);
  EXPECT_EQ(context.at("backends").at(1).at("name"), "blis");

  const nlohmann::json& cell = document.at("cells").at(0);
  EXPECT_EQ(cell.at("model"), "16d_1l_2h");
  EXPECT_EQ(cell.at("status"), "ok");
  EXPECT_EQ(cell.at("time").at("samples_ms").size(), 5u);
  EXPECT_EQ(cell.at("time").at("median_ms"), 2.5);
  EXPECT_EQ(cell.at("throughput").at("tokens_per_second"), 1600);
  EXPECT_EQ(cell.at("memory").at("rss_delta_bytes"), 1048576);
  EXPECT_EQ(cell.at("correctness").at("max_abs_diff"), 0);

  // NaN has no JSON spelling; the schema writes null.
  EXPECT_TRUE(document.at("cells").at(1).at("correctness").at("loss").is_null());
}

TEST(ResultsJson, UnknownFieldsAreIgnored) {
  nlohmann::json document = run_to_json(testing::small_result());
  document["added_later"] = {{"anything", 1}};
  document["context"]["gpu"] = "none";
  document["context"]["backends"][0]["commit"] = "abc123";
  document["cells"][0]["energy_joules"] = 1.5;
  document["cells"][0]["time"]["trimmed_mean_ms"] = 2.4;

  const ResultsFile read = read_text(document.dump());
  EXPECT_EQ(read.result.cells.size(), 2u);
  EXPECT_EQ(read.result.cells[0].time.median_ms, 2.5);
  EXPECT_EQ(read.result.context.backends[0].name, "scalar");
}

TEST(ResultsJson, OptionalFieldsMayBeMissing) {
  const std::string text =
      R"({"schema_version": 1, "format": "transformer-bench-results", "context": {},
          "cells": [{"index": 4, "model": "m", "backend": "b", "batch_size": 2, "seq_len": 8,
                     "threads": 1, "status": "skipped"}]})";
  const ResultsFile read = read_text(text);
  ASSERT_EQ(read.result.cells.size(), 1u);
  EXPECT_EQ(read.result.cells[0].index, 4u);
  EXPECT_EQ(read.result.cells[0].status, CellStatus::kSkipped);
  EXPECT_TRUE(read.result.cells[0].time.samples_ms.empty());
}

TEST(ResultsJson, MissingRequiredFieldIsNamed) {
  nlohmann::json document = run_to_json(testing::small_result());
  document["cells"][1].erase("backend");
  EXPECT_EQ(error_of(document.dump()), "test.json: cells[1]: required field 'backend' is missing");
}

TEST(ResultsJson, WrongTypeIsNamedWithValue) {
  nlohmann::json document = run_to_json(testing::small_result());
  document["cells"][0]["time"]["median_ms"] = "fast";
  EXPECT_EQ(error_of(document.dump()),
            "test.json: cells[0]: field 'time.median_ms': expected a number or null, got \"fast\"");
}

TEST(ResultsJson, UnknownStatusIsRejected) {
  nlohmann::json document = run_to_json(testing::small_result());
  document["cells"][0]["status"] = "exploded";
  EXPECT_NE(error_of(document.dump()).find("unknown value \"exploded\""), std::string::npos);
}

TEST(ResultsJson, NewerSchemaVersionIsRejected) {
  nlohmann::json document = run_to_json(testing::small_result());
  document["schema_version"] = 2;
  EXPECT_NE(error_of(document.dump()).find("schema_version 2 is not supported"), std::string::npos);
}

TEST(ResultsJson, OtherJsonIsRejected) {
  EXPECT_NE(error_of(R"({"format": "something-else", "schema_version": 1})").find("not a transformer-bench results"),
            std::string::npos);
  EXPECT_NE(error_of("[1, 2, 3]").find("expected a JSON object"), std::string::npos);
  EXPECT_NE(error_of("{\"cells\": [").find("invalid JSON"), std::string::npos);
  EXPECT_NE(error_of("").find("empty file"), std::string::npos);
}

TEST(ResultsJson, TruncatedLastLineIsExplained) {
  std::ostringstream out;
  write_jsonl(testing::small_result(), out);
  const std::string text = out.str();
  const std::string cut = text.substr(0, text.size() - 20);  // part of the last cell, no newline
  EXPECT_NE(error_of(cut).find("line 3: incomplete JSON line at the end of the file"), std::string::npos);
}

TEST(ResultsJson, InvalidMiddleLineIsNamed) {
  std::ostringstream out;
  write_jsonl(testing::small_result(), out);
  std::string text = out.str();
  text.insert(text.find('\n') + 1, "{not json\n");
  EXPECT_EQ(error_of(text), "test.json line 2: invalid JSON");
}

}  // namespace
}  // namespace tb
