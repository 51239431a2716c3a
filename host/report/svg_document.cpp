// SVG element writing and escaping.
#include "report/svg_document.h"

#include <cmath>
#include <cstdio>

namespace tb::svg {

std::string escape(std::string_view text) {
  std::string escaped;
  escaped.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': escaped += "&amp;"; break;
      case '<': escaped += "&lt;"; break;
      case '>': escaped += "&gt;"; break;
      case '"': escaped += "&quot;"; break;
      case '\'': escaped += "&apos;"; break;
      default: escaped += c;
    }
  }
  return escaped;
}

std::string number(double value) {
  if (!std::isfinite(value)) return "0";
  char buffer[64];
  std::snprintf(buffer, sizeof(buffer), "%.2f", value);
  std::string text = buffer;
  // "12.50" -> "12.5", "12.00" -> "12"
  while (!text.empty() && text.back() == '0') text.pop_back();
  if (!text.empty() && text.back() == '.') text.pop_back();
  if (text == "-0") text = "0";
  return text;
}

const char* palette_color(size_t i) {
  static const char* const colors[] = {"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
                                       "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"};
  return colors[i % (sizeof(colors) / sizeof(colors[0]))];
}

void open_element(std::ostream& out, const char* name, Attributes attributes, bool self_closing) {
  out << '<' << name;
  for (const auto& [key, value] : attributes) out << ' ' << key << "=\"" << escape(value) << '"';
  out << (self_closing ? "/>\n" : ">");
}

void close_element(std::ostream& out, const char* name) { out << "</" << name << ">\n"; }

void text(std::ostream& out, double x, double y, std::string_view content, Attributes attributes) {
  out << "<text x=\"" << number(x) << "\" y=\"" << number(y) << '"';
  for (const auto& [key, value] : attributes) out << ' ' << key << "=\"" << escape(value) << '"';
  out << '>' << escape(content) << "</text>\n";
}

void title(std::ostream& out, std::string_view content) { out << "<title>" << escape(content) << "</title>"; }

void begin_document(std::ostream& out, double width, double height, std::string_view description) {
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << number(width) << "\" height=\"" << number(height)
      << "\" viewBox=\"0 0 " << number(width) << ' ' << number(height)
      << "\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" font-size=\"12\">\n";
  out << "<desc>" << escape(description) << "</desc>\n";
  out << "<rect x=\"0\" y=\"0\" width=\"" << number(width) << "\" height=\"" << number(height)
      << "\" fill=\"#ffffff\"/>\n";
}

void end_document(std::ostream& out) { out << "</svg>\n"; }

}  // namespace tb::svg
