// Human-readable rendering of one document's facts: the default output of
// `orbat extract FILE`. Not a contract (the JSONL form is); meant for reading.
#pragma once

#include <string>

#include "extract/facts.h"

namespace orbat {

struct PrettyOptions {
  bool color = false;        // ANSI escapes; only when the caller knows it is a terminal
  size_t evidence_width = 200;  // evidence quotes longer than this are cut (code points)
};

// Header (doc id, date, title), then facts grouped by subject (subject as a heading,
// one line per fact followed by its indented evidence quote and offsets), then the
// entities by type. Ends with a newline.
std::string RenderPretty(const DocumentFacts& doc, const PrettyOptions& options = {});

// Cuts `sentence` to about `width` code points, keeping the part around `focus` (the
// first occurrence of it, when present) and marking cuts with "…".
std::string TrimAround(const std::string& sentence, const std::string& focus, size_t width);

}  // namespace orbat
