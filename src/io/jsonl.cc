// JSONL input: one document per line, {"id", "text", "title", "date", "source", "url"}.
// The file is read through a fixed buffer one line at a time, so a file of a million
// documents costs the memory of its longest line; a bad line is reported with its line
// number and the next one is read.

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "base/utf8.h"
#include "io/internal.h"
#include "io/reader.h"

namespace orbat::io_internal {

namespace {

using nlohmann::json;

// Splits a file descriptor into lines ('\n' removed). A line longer than `limit` is
// consumed but not kept: *too_long is set and *line left empty.
class LineReader {
 public:
  LineReader(int fd, size_t limit) : fd_(fd), limit_(limit), buf_(new char[kBufferSize]) {}

  bool Next(std::string* line, bool* too_long) {
    line->clear();
    *too_long = false;
    bool any = false;
    while (true) {
      if (pos_ == len_ && !Fill()) return any;
      any = true;
      const char* start = buf_.get() + pos_;
      const char* nl = static_cast<const char*>(std::memchr(start, '\n', len_ - pos_));
      size_t n = nl ? static_cast<size_t>(nl - start) : len_ - pos_;
      if (!*too_long) {
        if (line->size() + n > limit_) {
          *too_long = true;
          line->clear();
          line->shrink_to_fit();
        } else {
          line->append(start, n);
        }
      }
      pos_ += n;
      if (nl) {
        ++pos_;
        return true;
      }
    }
  }

  const std::string& error() const { return error_; }

 private:
  static constexpr size_t kBufferSize = 1 << 20;

  bool Fill() {
    while (true) {
      ssize_t n = ::read(fd_, buf_.get(), kBufferSize);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) error_ = std::string("read failed: ") + std::strerror(errno);
      pos_ = 0;
      len_ = n > 0 ? static_cast<size_t>(n) : 0;
      return n > 0;
    }
  }

  int fd_;
  size_t limit_;
  std::unique_ptr<char[]> buf_;
  size_t pos_ = 0;
  size_t len_ = 0;
  std::string error_;
};

// The string value of `key`, or "" when it is absent or not a string.
std::string StringField(json& obj, const char* key) {
  auto it = obj.find(key);
  if (it == obj.end() || !it->is_string()) return "";
  return std::move(it->get_ref<std::string&>());
}

}  // namespace

size_t ReadJsonlFile(const std::string& path, const ReadOptions& options,
                     const DocumentSink& on_document, const ErrorSink& on_error) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    on_error(Error{path, 0, std::string("cannot open: ") + std::strerror(errno)});
    return 0;
  }
  // A binary file would otherwise produce one "not valid JSON" per stray newline.
  char probe[kBinaryProbeBytes];
  ssize_t probed = ::pread(fd, probe, sizeof probe, 0);
  if (probed > 0 && std::memchr(probe, '\0', static_cast<size_t>(probed))) {
    size_t at = static_cast<const char*>(std::memchr(probe, '\0', probed)) - probe;
    on_error(Error{path, 0, "binary file (NUL byte at offset " + std::to_string(at) + ")"});
    ::close(fd);
    return 0;
  }

  const std::string stem = std::filesystem::path(path).stem().string();
  // JSON escapes make a line longer than its text ("\u0627" is 6 bytes for 2); lines
  // beyond 4x the document limit cannot hold an acceptable document.
  const size_t max_doc = options.max_document_bytes;
  const size_t line_limit = max_doc > (SIZE_MAX - 65536) / 4 ? SIZE_MAX : max_doc * 4 + 65536;
  LineReader reader(fd, line_limit);
  std::string line;
  bool too_long = false;
  long line_no = 0;
  size_t records = 0;
  size_t delivered = 0;
  while (reader.Next(&line, &too_long)) {
    ++line_no;
    if (too_long) {
      ++records;
      on_error(Error{path, line_no, "line longer than " + std::to_string(line_limit) +
                                        " bytes (document over the size limit); skipped"});
      continue;
    }
    if (line_no == 1 && std::string_view(line).substr(0, 3) == kUtf8Bom) line.erase(0, 3);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (IsBlank(line)) continue;  // blank lines (a trailing one, say) are not records
    ++records;
    size_t bad = 0;
    if (!IsValidUtf8(line, &bad)) {
      on_error(Error{path, line_no, "invalid UTF-8 at byte " + std::to_string(bad + 1) +
                                        " of the line"});
      continue;
    }
    json obj;
    try {
      obj = json::parse(line);
    } catch (const json::exception& e) {
      std::string where;
      if (const auto* pe = dynamic_cast<const json::parse_error*>(&e)) {
        where = " (at byte " + std::to_string(pe->byte) + ")";
      }
      on_error(Error{path, line_no, "not valid JSON" + where});
      continue;
    }
    if (!obj.is_object()) {
      on_error(Error{path, line_no, "not a JSON object"});
      continue;
    }
    auto text = obj.find("text");
    if (text == obj.end()) {
      on_error(Error{path, line_no, "no \"text\" field"});
      continue;
    }
    if (!text->is_string()) {
      on_error(Error{path, line_no, "\"text\" is not a string"});
      continue;
    }
    Document doc;
    doc.text = std::move(text->get_ref<std::string&>());
    if (doc.text.size() > max_doc) {
      on_error(Error{path, line_no, "document is " + std::to_string(doc.text.size()) +
                                        " bytes, over the limit of " +
                                        std::to_string(max_doc) + " bytes; skipped"});
      continue;
    }
    if (IsBlank(doc.text)) {
      on_error(Error{path, line_no, "empty document"});
      continue;
    }
    auto id = obj.find("id");
    if (id != obj.end() && id->is_string() && !id->get_ref<std::string&>().empty()) {
      doc.id = std::move(id->get_ref<std::string&>());
    } else if (id != obj.end() && id->is_number_integer()) {
      doc.id = id->dump();
    } else {
      doc.id = stem + ":" + std::to_string(line_no);
    }
    doc.title = StringField(obj, "title");
    doc.date = NormalizeDate(StringField(obj, "date"));
    if (doc.date.empty()) doc.date = options.default_date;
    doc.url = StringField(obj, "url");
    doc.source = StringField(obj, "source");
    if (doc.source.empty()) doc.source = doc.url.empty() ? path : doc.url;
    on_document(std::move(doc));
    ++delivered;
  }
  ::close(fd);
  if (!reader.error().empty()) {
    on_error(Error{path, line_no + 1, reader.error()});
  } else if (records == 0) {
    on_error(Error{path, 0, "empty document"});
  }
  return delivered;
}

}  // namespace orbat::io_internal
