// The SVG charts are well-formed XML (parsed by libxml2) and draw one bar per timed
// cell. How they look was checked by rendering with rsvg-convert; a test cannot judge
// that.
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "report/compare_chart.h"
#include "report/svg_chart.h"
#include "results/comparison.h"
#include "sample_results.h"

namespace tb {
namespace {

struct ElementCounts {
  size_t bars = 0;        // <rect class="bar">
  size_t failed = 0;      // markers of cells without timing
  size_t lines = 0;       // <polyline class="line">
  size_t titles = 0;      // <title> tooltips
  std::string root_name;  // "svg" for a valid chart
};

void count(xmlNode* node, ElementCounts& counts) {
  for (xmlNode* child = node; child != nullptr; child = child->next) {
    if (child->type != XML_ELEMENT_NODE) continue;
    const std::string name = reinterpret_cast<const char*>(child->name);
    xmlChar* css_class = xmlGetProp(child, reinterpret_cast<const xmlChar*>("class"));
    const std::string class_name = css_class != nullptr ? reinterpret_cast<const char*>(css_class) : "";
    xmlFree(css_class);

    if (name == "rect" && class_name == "bar") ++counts.bars;
    if (class_name == "failed") ++counts.failed;
    if (name == "polyline" && class_name == "line") ++counts.lines;
    if (name == "title") ++counts.titles;
    count(child->children, counts);
  }
}

// Parses `svg` strictly (no recovery, network access off) and counts its elements.
// Fails the test when the text is not well-formed XML.
ElementCounts parse_svg(const std::string& svg) {
  ElementCounts counts;
  xmlDoc* document = xmlReadMemory(svg.data(), static_cast<int>(svg.size()), "chart.svg", "UTF-8",
                                   XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  EXPECT_NE(document, nullptr) << "not well-formed XML:\n" << svg.substr(0, 2000);
  if (document == nullptr) return counts;

  xmlNode* root = xmlDocGetRootElement(document);
  counts.root_name = reinterpret_cast<const char*>(root->name);
  count(root, counts);
  xmlFreeDoc(document);
  return counts;
}

TEST(SvgChart, ResultChartIsWellFormed) {
  std::ostringstream out;
  write_svg_chart(testing::matrix_result(), out);
  const ElementCounts counts = parse_svg(out.str());
  EXPECT_EQ(counts.root_name, "svg");
}

TEST(SvgChart, OneBarPerTimedCell) {
  const RunResult result = testing::matrix_result();  // 16 cells, one crashed
  std::ostringstream out;
  write_svg_chart(result, out);
  const ElementCounts counts = parse_svg(out.str());
  EXPECT_EQ(counts.bars, 15u);
  EXPECT_EQ(counts.failed, 1u);
}

TEST(SvgChart, SweepsGetOneLinePerBackend) {
  // Both models sweep batch size and threads (seq_len is fixed): 4 panels with a
  // line for each of the 2 backends, except one. The batch-size panel of 16d_1l_2h
  // fixes threads at 2, where blis has only batch 4 timed (the batch 1 cell
  // crashed), and a single point draws no line.
  std::ostringstream out;
  write_svg_chart(testing::matrix_result(), out);
  EXPECT_EQ(parse_svg(out.str()).lines, 7u);
}

TEST(SvgChart, TextIsEscaped) {
  RunResult result = testing::matrix_result();
  result.cells[5].message = "bad <tensor> & \"quotes\"";
  result.context.hostname = "host<1>";
  std::ostringstream out;
  write_svg_chart(result, out);
  EXPECT_EQ(parse_svg(out.str()).failed, 1u);
  EXPECT_NE(out.str().find("bad &lt;tensor&gt; &amp; &quot;quotes&quot;"), std::string::npos);
}

TEST(SvgChart, EmptyResultIsStillValid) {
  std::ostringstream out;
  write_svg_chart(RunResult{}, out);
  const ElementCounts counts = parse_svg(out.str());
  EXPECT_EQ(counts.root_name, "svg");
  EXPECT_EQ(counts.bars, 0u);
}

TEST(SvgChart, CompareChartHasOneBarPerComparableCell) {
  const RunResult base = testing::matrix_result();
  RunResult current = testing::matrix_result();
  for (CellResult& cell : current.cells) {
    for (double& sample : cell.time.samples_ms) sample *= 1.5;
    cell.time.median_ms *= 1.5;
  }

  const Comparison comparison = compare_runs(base, current, {0.05, 10.0});
  std::ostringstream out;
  write_compare_svg(comparison, out);
  const ElementCounts counts = parse_svg(out.str());
  EXPECT_EQ(counts.root_name, "svg");
  EXPECT_EQ(counts.bars, 15u);
  EXPECT_EQ(counts.failed, 1u);
}

}  // namespace
}  // namespace tb
