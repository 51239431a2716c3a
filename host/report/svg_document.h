// Minimal SVG output for the charts: an element writer that escapes text and
// attribute values, and the shared colour palette. Debian 12 has C and C++ libraries
// that can write SVG (PLplot, MathGL, GNU plotutils, Cairo), but the charts need only
// rectangles, lines and text with tooltips. Writing them directly is less code than
// adapting one of those, and adds no dependency.
#pragma once

#include <initializer_list>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>

namespace tb::svg {

// Text with &, <, >, " and ' replaced by entities, so it is valid XML both as
// character data and inside a double-quoted attribute.
std::string escape(std::string_view text);

// A coordinate or length, rounded to 0.01 px to keep files small.
std::string number(double value);

// The i-th colour of a qualitative palette (Tableau 10), repeating after 10.
const char* palette_color(size_t i);

using Attributes = std::initializer_list<std::pair<const char*, std::string>>;

// Writes <name a="v" ...>; `self_closing` ends it with "/>".
void open_element(std::ostream& out, const char* name, Attributes attributes, bool self_closing = false);
void close_element(std::ostream& out, const char* name);

// <text ...>escaped content</text>
void text(std::ostream& out, double x, double y, std::string_view content, Attributes attributes = {});

// <title> for the enclosing element: the tooltip a browser shows on hover.
void title(std::ostream& out, std::string_view content);

// The XML declaration, the <svg> root of `width` x `height` px with a white
// background, and its closing tag.
void begin_document(std::ostream& out, double width, double height, std::string_view description);
void end_document(std::ostream& out);

}  // namespace tb::svg
