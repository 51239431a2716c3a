#include "report/console_report.h"

#include <sstream>

#include <gtest/gtest.h>

#include "report/text_table.h"

namespace {

tb::CellResult cell(size_t index, const std::string& backend, tb::CellStatus status, double median_ms) {
  tb::CellResult result;
  result.index = index;
  result.model = "16d_1l_2h";
  result.backend = backend;
  result.batch_size = 1;
  result.seq_len = 32;
  result.threads = 1;
  result.status = status;
  result.parameters = 2916;
  if (median_ms > 0) {
    result.time.samples_ms = {median_ms};
    result.time.median_ms = median_ms;
    result.loss = 3.0;
  }
  return result;
}

std::string report_of(const tb::RunResult& result) {
  std::ostringstream out;
  tb::write_console_report(result, out);
  return out.str();
}

TEST(ConsoleReport, ThousandsSeparators) {
  EXPECT_EQ(tb::with_thousands_separators(0), "0");
  EXPECT_EQ(tb::with_thousands_separators(999), "999");
  EXPECT_EQ(tb::with_thousands_separators(2916), "2,916");
  EXPECT_EQ(tb::with_thousands_separators(146916), "146,916");
  EXPECT_EQ(tb::with_thousands_separators(1234567), "1,234,567");
  EXPECT_EQ(tb::with_thousands_separators(-20402), "-20,402");
}

TEST(ConsoleReport, RowsStatusesAndReasons) {
  tb::RunResult result;
  result.context.measurement.baseline = "scalar";
  result.context.measurement.reference = "scalar";
  result.cells.push_back(cell(0, "scalar", tb::CellStatus::kOk, 2.0));
  tb::CellResult crashed = cell(1, "crashy", tb::CellStatus::kCrashed, 0);
  crashed.message = "worker killed by SIGSEGV";
  result.cells.push_back(crashed);

  const std::string report = report_of(result);
  for (const char* column : {"model", "backend", "threads", "time ms", "backend MiB", "RSS Δ MiB", "speedup",
                             "eff %", "GFLOP/s", "params", "loss", "max |diff|", "status"}) {
    EXPECT_NE(report.find(column), std::string::npos) << "missing column " << column;
  }
  EXPECT_NE(report.find("2,916"), std::string::npos);
  EXPECT_NE(report.find("crashed [1]"), std::string::npos) << report;
  EXPECT_NE(report.find("[1] 16d_1l_2h crashy B=1 T=32 threads=1: crashed: worker killed by SIGSEGV"),
            std::string::npos)
      << report;
  EXPECT_NE(report.find("16d_1l_2h B=1 T=32: scalar"), std::string::npos) << report;
}

TEST(ConsoleReport, HighCvIsMarked) {
  tb::RunResult result;
  tb::CellResult noisy = cell(0, "scalar", tb::CellStatus::kOk, 2.0);
  noisy.time.stddev_ms = 0.5;
  noisy.time.cv = 0.25;
  result.cells.push_back(noisy);
  EXPECT_NE(report_of(result).find("2.00 ± 0.50 *"), std::string::npos) << report_of(result);
}

TEST(TextTable, PadsColumns) {
  tb::TextTable table;
  table.add_column("name", tb::TextTable::Align::kLeft);
  table.add_column("n", tb::TextTable::Align::kRight);
  table.add_row({"a", "100"});
  table.add_row({"bbbbbb", "2"});
  std::ostringstream out;
  table.write(out);
  EXPECT_EQ(out.str(), "name      n\n------  ---\na       100\nbbbbbb    2\n");
}

TEST(TextTable, RowWidthMismatchThrows) {
  tb::TextTable table;
  table.add_column("only", tb::TextTable::Align::kLeft);
  EXPECT_THROW(table.add_row({"a", "b"}), std::invalid_argument);
}

}  // namespace
