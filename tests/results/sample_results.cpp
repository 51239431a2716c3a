#include "sample_results.h"

#include <limits>

#include "bench/statistics.h"

namespace tb::testing {

CellResult timed_cell(size_t index, const std::string& model, const std::string& backend, int batch_size,
                      int seq_len, int threads, const std::vector<double>& samples_ms) {
  CellResult cell;
  cell.index = index;
  cell.model = model;
  cell.backend = backend;
  cell.batch_size = batch_size;
  cell.seq_len = seq_len;
  cell.threads = threads;
  cell.status = CellStatus::kOk;
  cell.time = summarize(samples_ms);
  cell.flops = 1e6 * batch_size * seq_len;
  cell.gflops_per_second = cell.flops / (cell.time.median_ms * 1e6);
  cell.tokens_per_second = batch_size * seq_len / (cell.time.median_ms / 1000.0);
  cell.parameters = 2916;
  return cell;
}

RunResult small_result() {
  RunResult result;
  RunContext& context = result.context;
  context.date = "2024-05-01T12:00:00Z";
  context.host_version = "0.1.0";
  context.build_type = "Release";
  context.hostname = "bench-1";
  context.cpu_model = "Example CPU @ 3.00GHz";
  context.cores = 8;
  context.governor = "performance";
  context.load_average_1m = 0.25;
  context.peak_gflops = 96;
  context.peak_source = "config";
  context.config_source = "configs/tiny.yaml";
  context.config_hash = "0123456789abcdef";
  context.matrix_cells = 2;
  context.measurement = {3, 5, 0.5, 60, "scalar", 1e-4, "scalar", true};
  context.backends = {{"scalar", "0.1.0", "GNU 12", "/opt/tb/tb_scalar.so", "1.0"},
                      {"blis", "0.2.0", "BLIS 0.9", "/opt/tb/tb_blis.so", "1.0"}};
  context.warnings = {"governor check skipped"};

  CellResult scalar;
  scalar.index = 0;
  scalar.model = "16d_1l_2h";
  scalar.backend = "scalar";
  scalar.batch_size = 1;
  scalar.seq_len = 4;
  scalar.threads = 1;
  scalar.status = CellStatus::kOk;
  scalar.time = {{2.0, 2.5, 2.0, 3.0, 2.5}, 2.5, 2.4, 0.41833, 2.0, 3.0, 2.8, 0.174304};
  scalar.tokens_per_second = 1600;
  scalar.flops = 19584;
  scalar.gflops_per_second = 0.0078336;
  scalar.efficiency = 0.0000816;
  scalar.speedup = 1;
  scalar.parameters = 2916;
  scalar.loss = 2.978;
  scalar.weight_bytes = 11664;
  scalar.workspace_bytes = 2320;
  scalar.rss_delta_bytes = 1048576;
  scalar.max_abs_diff = 0;

  CellResult blis;
  blis.index = 1;
  blis.model = "16d_1l_2h";
  blis.backend = "blis";
  blis.batch_size = 1;
  blis.seq_len = 4;
  blis.threads = 1;
  blis.status = CellStatus::kError;
  blis.message = "forward failed: out of memory, \"workspace\"";
  blis.flops = 19584;
  blis.parameters = 2916;
  blis.loss = std::numeric_limits<double>::quiet_NaN();

  result.cells = {scalar, blis};
  return result;
}

RunResult matrix_result() {
  RunResult result = small_result();
  result.context.config_hash = "fedcba9876543210";
  result.cells.clear();

  size_t index = 0;
  for (const char* model : {"16d_1l_2h", "32d_2l_4h"}) {
    for (const char* backend : {"scalar", "blis"}) {
      for (int batch_size : {1, 4}) {
        for (int threads : {1, 2}) {
          const double base = (model[0] == '1' ? 1.0 : 8.0) * batch_size / (backend[0] == 'b' ? threads * 3.0 : 1.0);
          result.cells.push_back(
              timed_cell(index++, model, backend, batch_size, 16, threads, {base, base * 1.1, base * 0.95, base * 1.02, base}));
        }
      }
    }
  }
  result.cells[5].status = CellStatus::kCrashed;
  result.cells[5].message = "worker killed by SIGSEGV";
  result.cells[5].time = {};
  result.context.matrix_cells = result.cells.size();
  return result;
}

}  // namespace tb::testing
