// The CSV and Markdown formats of a small known result, byte for byte.
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "report/csv_report.h"
#include "report/markdown_report.h"
#include "report/output_format.h"
#include "sample_results.h"

namespace tb {
namespace {

TEST(CsvReport, SmallResultExactText) {
  std::ostringstream out;
  write_csv(testing::small_result(), out);
  const std::string expected =
      "index,model,backend,batch_size,seq_len,threads,status,message,samples,median_ms,mean_ms,stddev_ms,min_ms,"
      "max_ms,p90_ms,cv,tokens_per_second,flops,gflops_per_second,efficiency,speedup,parameters,loss,weight_bytes,"
      "workspace_bytes,rss_delta_bytes,max_abs_diff\r\n"
      "0,16d_1l_2h,scalar,1,4,1,ok,,5,2.5,2.4,0.41833,2,3,2.8,0.174304,1600,19584,0.0078336,8.16e-05,1,2916,2.978,"
      "11664,2320,1048576,0\r\n"
      // The message is quoted because it has a comma, its quotes doubled; the error
      // cell's measured figures are empty.
      "1,16d_1l_2h,blis,1,4,1,error,\"forward failed: out of memory, \"\"workspace\"\"\",0,,,,,,,,,19584,,,,2916,,"
      "0,0,0,\r\n";
  EXPECT_EQ(out.str(), expected);
}

TEST(CsvReport, QuotesOnlyWhenNeeded) {
  EXPECT_EQ(csv_field("plain"), "plain");
  EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_field("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(csv_field("cr\r"), "\"cr\r\"");
  EXPECT_EQ(csv_field(""), "");
}

TEST(MarkdownReport, SmallResultExactText) {
  std::ostringstream out;
  write_markdown(testing::small_result(), out);
  // (11664 + 2320) bytes = 0.0133 MiB; cv 0.174 is above 5 %, hence the \*.
  const std::string expected = R"(# transformer-bench results

- date: 2024-05-01T12:00:00Z
- transformer-bench: 0.1.0 (Release build)
- host: bench-1, Example CPU @ 3.00GHz, 8 cores, governor performance
- FP32 peak: 96.0 GFLOP/s per core (config)
- config: configs/tiny.yaml (hash 0123456789abcdef)
- backend scalar 0.1.0 (/opt/tb/tb_scalar.so)
- backend blis 0.2.0 (/opt/tb/tb_blis.so)
- warning: governor check skipped

| model | backend | B | T | threads | time ms | backend MiB | RSS Δ MiB | speedup | eff % | GFLOP/s | params | loss | max \|diff\| | status |
| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |
| 16d_1l_2h | scalar | 1 | 4 | 1 | 2.50 ± 0.42 \* | 0.0133 | 1.00 | 1.00x | 0.0 | 0.00783 | 2,916 | 2.9780 | 0 | ok |
| 16d_1l_2h | blis | 1 | 4 | 1 | - | - | - | - | - | - | 2,916 | - | - | error |

time ms is the median ± sample standard deviation of the timed forward calls; \* marks a coefficient of variation above 5 %. docs/report.md defines every column.

Cells that are not ok:

- 16d_1l_2h / blis, batch 1, seq 4, threads 1: error: forward failed: out of memory, "workspace"
)";
  EXPECT_EQ(out.str(), expected);
}

TEST(OutputFormat, FromExtension) {
  EXPECT_EQ(format_from_extension("a.json"), OutputFormat::kJson);
  EXPECT_EQ(format_from_extension("dir/a.JSONL"), OutputFormat::kJsonl);
  EXPECT_EQ(format_from_extension("a.csv"), OutputFormat::kCsv);
  EXPECT_EQ(format_from_extension("a.md"), OutputFormat::kMarkdown);
  EXPECT_EQ(format_from_extension("a.markdown"), OutputFormat::kMarkdown);
  EXPECT_EQ(format_from_extension("a.txt"), OutputFormat::kTable);
  EXPECT_THROW(format_from_extension("a.xlsx"), std::invalid_argument);
  EXPECT_THROW(format_from_extension("results"), std::invalid_argument);
}

TEST(OutputFormat, FromName) {
  EXPECT_EQ(output_format_from_string("table"), OutputFormat::kTable);
  EXPECT_EQ(output_format_from_string("md"), OutputFormat::kMarkdown);
  EXPECT_EQ(output_format_from_string("jsonl"), OutputFormat::kJsonl);
  EXPECT_THROW(output_format_from_string("yaml"), std::invalid_argument);
}

}  // namespace
}  // namespace tb
