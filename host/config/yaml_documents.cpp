#include "config/yaml_documents.h"

#include <sstream>
#include <vector>

#include <yaml-cpp/eventhandler.h>

namespace tb::yaml {

namespace {

// Records where each document starts and ignores every other event.
class DocumentStarts : public YAML::EventHandler {
 public:
  void OnDocumentStart(const YAML::Mark& mark) override { starts.push_back(mark); }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}

  std::vector<YAML::Mark> starts;
};

}  // namespace

Documents read_documents(const std::string& text) {
  std::istringstream stream(text);
  YAML::Parser parser(stream);
  DocumentStarts handler;

  while (parser.HandleNextDocument(handler)) {
    const size_t count = handler.starts.size();
    if (count >= 2 && handler.starts[count - 1].pos == handler.starts[count - 2].pos) {
      const YAML::Mark& mark = handler.starts.back();
      const size_t position = static_cast<size_t>(mark.pos);
      const std::string character = position < text.size() ? std::string(1, text[position]) : std::string();
      throw YAML::ParserException(mark, "unexpected '" + character + "'; quote a value that starts with it");
    }
  }

  Documents documents;
  documents.count = handler.starts.size();
  if (documents.count == 0) return documents;

  // The loop above parsed this text without an error, and YAML::Load() reads only the
  // first document, so it neither throws nor loops here.
  documents.first = YAML::Load(text);
  if (documents.count > 1) documents.second_start = handler.starts[1];
  return documents;
}

}  // namespace tb::yaml
