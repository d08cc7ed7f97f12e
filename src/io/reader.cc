// Input stage: walks the paths given, reads each supported file and turns it into a
// Document. Everything that can go wrong with a file is reported through on_error and
// the file is skipped; nothing throws past ReadInputs (std::filesystem is only used
// through its error_code overloads).

#include "io/reader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include "base/utf8.h"
#include "io/internal.h"
#include "text/dates.h"

namespace orbat {

namespace fs = std::filesystem;

namespace io_internal {

namespace {

bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// n digits at s[at] as a number, or -1.
int Digits(std::string_view s, size_t at, size_t n) {
  if (at + n > s.size()) return -1;
  int v = 0;
  for (size_t i = at; i < at + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

bool IsDigitAt(std::string_view s, size_t at) {
  return at < s.size() && s[at] >= '0' && s[at] <= '9';
}

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

// The ISO-like date at the start of `s` ("2016", "2016-11", "2016-11-01", "2016/11/01",
// "20161101"); *consumed receives how many bytes it took. "" when there is none.
std::string IsoPrefix(std::string_view s, size_t* consumed) {
  *consumed = 0;
  int year = Digits(s, 0, 4);
  if (year <= 0) return "";
  int month = 0, day = 0;
  size_t p = 4;
  if (IsDigitAt(s, 4)) {  // compact YYYYMMDD, nothing else
    if (IsDigitAt(s, 8) || Digits(s, 4, 4) < 0) return "";
    month = Digits(s, 4, 2);
    day = Digits(s, 6, 2);
    p = 8;
  } else if (p < s.size() && (s[p] == '-' || s[p] == '/' || s[p] == '.') &&
             IsDigitAt(s, p + 1)) {
    char sep = s[p];
    size_t width = IsDigitAt(s, p + 2) ? 2 : 1;
    month = Digits(s, p + 1, width);
    p += 1 + width;
    if (IsDigitAt(s, p)) return "";
    if (p < s.size() && s[p] == sep && IsDigitAt(s, p + 1)) {
      size_t dwidth = IsDigitAt(s, p + 2) ? 2 : 1;
      if (IsDigitAt(s, p + 1 + dwidth)) return "";
      day = Digits(s, p + 1, dwidth);
      p += 1 + dwidth;
    }
  }
  if (month != 0 && (month < 1 || month > 12)) return "";
  if (day != 0 && (month == 0 || day > DaysInMonth(year, month))) return "";
  if (month == 0 && IsDigitAt(s, p)) return "";
  *consumed = p;
  char buf[32];  // roomy enough that the compiler can see no truncation
  if (day) std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  else if (month) std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
  else std::snprintf(buf, sizeof buf, "%04d", year);
  return buf;
}

}  // namespace

std::string NormalizeDate(std::string_view s) {
  while (!s.empty() && IsAsciiSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsAsciiSpace(s.back())) s.remove_suffix(1);
  if (s.empty() || s.size() > 200) return "";
  size_t consumed = 0;
  std::string iso = IsoPrefix(s, &consumed);
  // A full ISO date, or a bare "2016"/"2016-11", is what it says; anything longer
  // ("2016 November 3", "Thursday, 05 July, 2007") goes to the general date parser.
  bool complete = iso.size() == 10 || consumed == s.size();
  if (!iso.empty() && complete) return iso;
  if (auto d = ParseDateString(s); d && d->valid()) return d->Iso();
  return iso;
}

bool IsBlank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), IsAsciiSpace);
}

long LineOfOffset(std::string_view s, size_t offset) {
  offset = std::min(offset, s.size());
  return 1 + static_cast<long>(std::count(s.begin(), s.begin() + offset, '\n'));
}

std::string CheckBytes(std::string_view bytes, size_t base, long* line) {
  *line = 0;
  size_t probe = std::min(bytes.size(), kBinaryProbeBytes);
  if (const void* nul = std::memchr(bytes.data(), '\0', probe)) {
    size_t at = static_cast<const char*>(nul) - bytes.data();
    return "binary file (NUL byte at offset " + std::to_string(base + at) + ")";
  }
  size_t bad = 0;
  if (!IsValidUtf8(bytes, &bad)) {
    *line = LineOfOffset(bytes, bad);
    return "invalid UTF-8 at byte offset " + std::to_string(base + bad) +
           " (the text must be UTF-8)";
  }
  return "";
}

}  // namespace io_internal

namespace {

using io_internal::IsBlank;

enum class Format { kText, kHtml, kJsonl, kUnsupported };

std::string LowerExtension(const fs::path& p) {
  std::string ext = p.extension().string();
  for (char& c : ext) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return ext;
}

// The format of a file. In a folder only the known extensions are read; a file named
// on the command line is read whatever its name, as plain text if nothing else.
Format FormatOf(const fs::path& p, bool named_explicitly) {
  std::string ext = LowerExtension(p);
  if (ext == ".txt" || ext == ".md") return Format::kText;
  if (ext == ".html" || ext == ".htm") return Format::kHtml;
  if (ext == ".jsonl") return Format::kJsonl;
  return named_explicitly ? Format::kText : Format::kUnsupported;
}

std::string TooLargeMessage(uint64_t size, size_t limit) {
  return "document is " + std::to_string(size) + " bytes, over the limit of " +
         std::to_string(limit) + " bytes; skipped";
}

// Turns the bytes of one text or HTML file into a Document.
Result<Document> MakeDocument(const std::string& source, std::string id,
                              std::string content, Format format,
                              const ReadOptions& options) {
  if (content.size() > options.max_document_bytes) {
    return Error{source, 0, TooLargeMessage(content.size(), options.max_document_bytes)};
  }
  // The BOM is an encoding mark, not text; offsets count from the first character.
  size_t base = 0;
  if (std::string_view(content).substr(0, 3) == io_internal::kUtf8Bom) {
    content.erase(0, 3);
    base = 3;
  }
  if (IsBlank(content)) return Error{source, 0, "empty document"};
  long line = 0;
  if (std::string why = io_internal::CheckBytes(content, base, &line); !why.empty()) {
    return Error{source, line, why};
  }
  Document doc;
  doc.id = std::move(id);
  doc.source = source;
  if (format == Format::kHtml) {
    doc.text = HtmlToText(content, &doc.title, &doc.date);
    if (IsBlank(doc.text)) return Error{source, 0, "empty document (no visible text)"};
  } else {
    doc.text = std::move(content);
  }
  if (doc.date.empty()) doc.date = options.default_date;
  return doc;
}

// Reads a whole regular file into *out. Returns "" or why it could not. The size is
// checked before anything is read, so an oversized file costs no memory.
std::string ReadFileBytes(const std::string& path, size_t max_bytes, std::string* out) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::string("cannot open: ") + std::strerror(errno);
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    std::string why = std::string("cannot stat: ") + std::strerror(errno);
    ::close(fd);
    return why;
  }
  if (S_ISDIR(st.st_mode)) {
    ::close(fd);
    return "is a directory";
  }
  if (st.st_size > 0 && static_cast<uint64_t>(st.st_size) > max_bytes) {
    ::close(fd);
    return TooLargeMessage(st.st_size, max_bytes);
  }
  out->clear();
  out->resize(st.st_size > 0 ? static_cast<size_t>(st.st_size) : 0);
  size_t filled = 0;
  std::string why;
  while (true) {
    if (filled < out->size()) {
      ssize_t n = ::read(fd, out->data() + filled, out->size() - filled);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        why = std::string("read failed: ") + std::strerror(errno);
        break;
      }
      if (n == 0) break;  // shorter than stat said
      filled += static_cast<size_t>(n);
      continue;
    }
    // As long as stat said; a small read tells whether there is more (a file that is
    // growing, or one whose size stat does not know) without doubling the buffer.
    char more[65536];
    ssize_t n = ::read(fd, more, sizeof more);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      why = std::string("read failed: ") + std::strerror(errno);
      break;
    }
    if (n == 0) break;
    if (filled + static_cast<size_t>(n) > max_bytes) {
      why = TooLargeMessage(filled + n, max_bytes);
      break;
    }
    out->append(more, static_cast<size_t>(n));
    filled += static_cast<size_t>(n);
  }
  ::close(fd);
  if (!why.empty()) {
    out->clear();
    out->shrink_to_fit();
    return why;
  }
  out->resize(filled);
  return "";
}

class InputReader {
 public:
  InputReader(const ReadOptions& options, const DocumentSink& on_document,
              const ErrorSink& on_error)
      : options_(options), on_document_(on_document), on_error_(on_error) {}

  void ReadPath(const std::string& path) {
    std::error_code ec;
    fs::file_status st = fs::status(path, ec);
    if (ec || !fs::exists(st)) {
      std::string why = ec ? ec.message() : "no such file or directory";
      if (ec == std::errc::no_such_file_or_directory) why = "no such file or directory";
      Report(path, 0, why);
      return;
    }
    if (fs::is_directory(st)) {
      Walk(path, 0);
    } else if (fs::is_regular_file(st)) {
      ReadFile(path, FormatOf(path, /*named_explicitly=*/true));
    } else {
      Report(path, 0, "not a regular file or directory");
    }
  }

  size_t delivered() const { return delivered_; }

 private:
  // Deep enough for any real tree; stops a pathological one (bind-mount loops).
  static constexpr int kMaxDepth = 64;

  void Report(const std::string& file, long line, std::string message) {
    on_error_(Error{file, line, std::move(message)});
  }

  void ReadFile(const fs::path& p, Format format) {
    const std::string path = p.string();
    if (format == Format::kJsonl) {
      delivered_ += io_internal::ReadJsonlFile(path, options_, on_document_, on_error_);
      return;
    }
    std::string bytes;
    if (std::string why = ReadFileBytes(path, options_.max_document_bytes, &bytes);
        !why.empty()) {
      Report(path, 0, why);
      return;
    }
    Result<Document> doc = MakeDocument(path, p.stem().string(), std::move(bytes), format,
                                        options_);
    if (!doc.ok()) {
      on_error_(doc.error());
      return;
    }
    on_document_(std::move(doc.value()));
    ++delivered_;
  }

  // Reads a folder in name order, depth first. Hidden entries and files of other
  // types are passed over quietly; symbolic links to folders are not followed, which
  // is what keeps a link loop from running forever.
  void Walk(const fs::path& dir, int depth) {
    if (depth > kMaxDepth) {
      Report(dir.string(), 0, "folders nested too deeply; skipped");
      return;
    }
    std::error_code ec;
    fs::directory_iterator it(dir, ec);
    if (ec) {
      Report(dir.string(), 0, "cannot read folder: " + ec.message());
      return;
    }
    std::vector<std::pair<std::string, fs::directory_entry>> entries;
    for (fs::directory_iterator end; it != end;) {
      entries.emplace_back(it->path().filename().string(), *it);
      it.increment(ec);
      if (ec) {
        Report(dir.string(), 0, "cannot read folder: " + ec.message());
        break;
      }
    }
    std::sort(entries.begin(), entries.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& [name, entry] : entries) {
      if (name.empty() || name[0] == '.') continue;
      const fs::path& p = entry.path();
      fs::file_status link = entry.symlink_status(ec);
      if (ec) {
        Report(p.string(), 0, "cannot read: " + ec.message());
        continue;
      }
      if (fs::is_directory(link)) {
        Walk(p, depth + 1);
        continue;
      }
      Format format = FormatOf(p, /*named_explicitly=*/false);
      if (format == Format::kUnsupported) continue;
      if (fs::is_symlink(link)) {
        fs::file_status target = fs::status(p, ec);
        if (fs::is_directory(target)) continue;
        if (ec || !fs::exists(target)) {
          Report(p.string(), 0, "broken symbolic link");
          continue;
        }
        if (!fs::is_regular_file(target)) continue;
      } else if (!fs::is_regular_file(link)) {
        continue;  // sockets, pipes and devices named like documents
      }
      ReadFile(p, format);
    }
  }

  const ReadOptions& options_;
  const DocumentSink& on_document_;
  const ErrorSink& on_error_;
  size_t delivered_ = 0;
};

}  // namespace

size_t ReadInputs(const std::vector<std::string>& paths, const ReadOptions& options,
                  const DocumentSink& on_document, const ErrorSink& on_error) {
  InputReader reader(options, on_document, on_error);
  // Paths are read in the order given (the caller's order is already deterministic);
  // inside folders, entries are sorted by name.
  for (const std::string& path : paths) reader.ReadPath(path);
  return reader.delivered();
}

Result<Document> DocumentFromText(const std::string& name, std::string content,
                                  const ReadOptions& options) {
  fs::path p(name);
  Format format = LowerExtension(p) == ".html" || LowerExtension(p) == ".htm"
                      ? Format::kHtml
                      : Format::kText;
  return MakeDocument(name, p.stem().string(), std::move(content), format, options);
}

}  // namespace orbat
