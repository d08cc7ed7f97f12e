// A document as the extractor sees it: visible text plus whatever metadata its
// container gave. `text` is valid UTF-8 and exactly the text evidence offsets refer to.
#pragma once

#include <string>

namespace orbat {

struct Document {
  std::string id;      // file base name without extension, or the JSONL "id"
  std::string text;    // visible text (HTML reduced to its body text)
  std::string title;   // may be empty
  std::string date;    // ISO date from metadata or --date; empty when unknown
  std::string source;  // where it came from (path, or JSONL "source"/"url")
  std::string url;
};

}  // namespace orbat
