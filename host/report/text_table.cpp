#include "report/text_table.h"

#include <algorithm>
#include <ostream>
#include <stdexcept>

namespace tb {

size_t display_width(const std::string& text) {
  // Continuation bytes of a UTF-8 sequence have the bit pattern 10xxxxxx.
  return static_cast<size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

void TextTable::add_column(std::string header, Align align) {
  headers_.push_back(std::move(header));
  aligns_.push_back(align);
}

void TextTable::add_row(std::vector<std::string> cells) {
  if (cells.size() != headers_.size()) {
    throw std::invalid_argument("table row has " + std::to_string(cells.size()) + " cells, the table has " +
                                std::to_string(headers_.size()) + " columns");
  }
  rows_.push_back(std::move(cells));
}

void TextTable::write(std::ostream& out) const {
  std::vector<size_t> widths;
  for (const std::string& header : headers_) widths.push_back(display_width(header));
  for (const auto& row : rows_) {
    for (size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], display_width(row[c]));
  }

  auto write_line = [&](const std::vector<std::string>& cells) {
    std::string line;
    for (size_t c = 0; c < cells.size(); ++c) {
      const std::string padding(widths[c] - display_width(cells[c]), ' ');
      if (c > 0) line += "  ";
      line += aligns_[c] == Align::kRight ? padding + cells[c] : cells[c] + padding;
    }
    // Trailing spaces of a left-aligned last column are noise in logs and diffs.
    line.erase(line.find_last_not_of(' ') + 1);
    out << line << "\n";
  };

  write_line(headers_);
  std::vector<std::string> rule;
  for (size_t width : widths) rule.push_back(std::string(width, '-'));
  write_line(rule);
  for (const auto& row : rows_) write_line(row);
}

}  // namespace tb
