// Reading inputs: files and folders of .txt, .md, .html/.htm and .jsonl documents.
//
// Contract: every readable document reaches `on_document`, one at a time and in a
// deterministic order (paths sorted; JSONL lines in file order), so memory stays flat
// however many documents there are. Anything that cannot be read -- a missing or
// unreadable path, an empty or binary file, invalid UTF-8, a malformed JSONL line, a
// document over the size limit -- goes to `on_error` with the file name (and line for
// JSONL) and is skipped; the rest is still read. Nothing here throws.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "base/result.h"
#include "io/document.h"

namespace orbat {

struct ReadOptions {
  std::string default_date;                      // --date: used when a document has none
  size_t max_document_bytes = 64 * 1024 * 1024;  // larger documents are reported, skipped
};

using DocumentSink = std::function<void(Document&&)>;
using ErrorSink = std::function<void(const Error&)>;

// Reads each path (file or folder, folders recursively). Returns the number of
// documents delivered.
size_t ReadInputs(const std::vector<std::string>& paths, const ReadOptions& options,
                  const DocumentSink& on_document, const ErrorSink& on_error);

// Reads one document from text already in memory, as if from a file called `name`
// (the extension picks the format: .html is stripped, anything else is plain text).
// Used by tests and by the server's paste-to-ingest.
Result<Document> DocumentFromText(const std::string& name, std::string content,
                                  const ReadOptions& options);

// Visible text of an HTML page: scripts, styles and tags removed, entities decoded,
// block elements turned into line breaks. Sets *title and *date from <title> and the
// common date meta tags (article:published_time, date, dc.date, pubdate) when present.
std::string HtmlToText(std::string_view html, std::string* title, std::string* date);

}  // namespace orbat
