// A plain-text table with columns padded to their widest cell, for the console
// report. Text columns are left-aligned and number columns right-aligned.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace tb {

class TextTable {
 public:
  enum class Align { kLeft, kRight };

  void add_column(std::string header, Align align);
  // Throws std::invalid_argument when the row has another number of cells than the
  // table has columns.
  void add_row(std::vector<std::string> cells);

  // Header, a rule of dashes, then the rows; columns separated by two spaces.
  void write(std::ostream& out) const;

 private:
  std::vector<std::string> headers_;
  std::vector<Align> aligns_;
  std::vector<std::vector<std::string>> rows_;
};

// Display width of UTF-8 text, counting each code point as one column.
size_t display_width(const std::string& text);

}  // namespace tb
