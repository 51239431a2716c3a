// Merge of shard results: consistency checks, then the union of cells.
#include "results/merge.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "bench/derived_metrics.h"
#include "results/comparison.h"

namespace tb {

namespace {

using CellKey = std::tuple<std::string, std::string, int, int, int>;

// Adds `value` to `values` unless it is empty or already there; keeps first-seen order.
void add_unique(std::vector<std::string>& values, const std::string& value) {
  if (value.empty() || std::find(values.begin(), values.end(), value) != values.end()) return;
  values.push_back(value);
}

std::string join(const std::vector<std::string>& values) {
  std::string joined;
  for (const std::string& value : values) joined += joined.empty() ? value : ", " + value;
  return joined;
}

void check_compatible(const ResultsFile& first, const ResultsFile& other) {
  if (other.schema_version != first.schema_version) {
    throw MergeError("cannot merge '" + other.source + "' (schema_version " + std::to_string(other.schema_version) +
                     ") with '" + first.source + "' (schema_version " + std::to_string(first.schema_version) +
                     "); write all files with the same transformer-bench");
  }
  const std::string& hash = first.result.context.config_hash;
  const std::string& other_hash = other.result.context.config_hash;
  if (other_hash != hash) {
    throw MergeError("cannot merge '" + other.source + "' (config_hash \"" + other_hash + "\") with '" +
                     first.source + "' (config_hash \"" + hash +
                     "\"): they come from different matrix configurations; run every shard with the same config "
                     "file");
  }
}

RunContext merged_context(const std::vector<ResultsFile>& files) {
  RunContext context = files.front().result.context;
  context.shard_index = 1;
  context.shard_count = 1;
  context.backends.clear();
  context.warnings.clear();

  std::vector<std::string> hostnames;
  std::vector<std::string> cpu_models;
  std::set<std::tuple<std::string, std::string, std::string>> backends_seen;
  std::set<std::string> warnings_seen;

  for (const ResultsFile& file : files) {
    const RunContext& source = file.result.context;
    if (!source.date.empty() && (context.date.empty() || source.date < context.date)) context.date = source.date;
    add_unique(hostnames, source.hostname);
    add_unique(cpu_models, source.cpu_model);

    for (const BackendContext& backend : source.backends) {
      if (backends_seen.emplace(backend.name, backend.version, backend.path).second) {
        context.backends.push_back(backend);
      }
    }
    for (const std::string& warning : source.warnings) {
      if (warnings_seen.insert(warning).second) context.warnings.push_back(warning);
    }
  }
  context.hostname = join(hostnames);
  context.cpu_model = join(cpu_models);

  if (cpu_models.size() > 1) {
    context.warnings.push_back("merged cells were measured on " + std::to_string(cpu_models.size()) +
                               " different CPU models (" + context.cpu_model +
                               "); compare times only between cells from the same machine");
  }
  return context;
}

}  // namespace

RunResult merge_results(const std::vector<ResultsFile>& files) {
  if (files.empty()) throw MergeError("no results files to merge");
  for (const ResultsFile& file : files) check_compatible(files.front(), file);

  RunResult merged;
  merged.context = merged_context(files);

  std::map<size_t, std::string> index_owner;
  std::map<CellKey, std::string> key_owner;
  for (const ResultsFile& file : files) {
    for (const CellResult& cell : file.result.cells) {
      const auto [index_it, index_new] = index_owner.emplace(cell.index, file.source);
      const CellKey key{cell.model, cell.backend, cell.batch_size, cell.seq_len, cell.threads};
      const auto [key_it, key_new] = key_owner.emplace(key, file.source);
      if (!index_new || !key_new) {
        const std::string& other = !index_new ? index_it->second : key_it->second;
        throw MergeError("cell " + std::to_string(cell.index) + " (" + describe_cell(cell) + ") is in both '" +
                         other + "' and '" + file.source +
                         "'; each cell must come from one file, so pass each shard once");
      }
      merged.cells.push_back(cell);
    }
  }
  std::sort(merged.cells.begin(), merged.cells.end(),
            [](const CellResult& a, const CellResult& b) { return a.index < b.index; });

  // A cell's baseline may have run in another shard, so speedups are computed again
  // over the merged cells, as `run` does over its own.
  apply_speedups(merged.cells, merged.context.measurement.baseline);

  const size_t expected = merged.context.matrix_cells;
  if (expected > 0 && merged.cells.size() < expected) {
    merged.context.warnings.push_back("the merged results contain " + std::to_string(merged.cells.size()) + " of " +
                                      std::to_string(expected) +
                                      " cells of the matrix; a shard is missing or did not finish");
  }
  return merged;
}

}  // namespace tb
