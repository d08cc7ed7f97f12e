// Helpers shared by the readers in src/io/. Not part of the io contract (reader.h).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "io/reader.h"

namespace orbat::io_internal {

// A metadata date ("2016-11-01", "2016-11-01T10:00:00Z", "2016/11", "Thursday, 05 July,
// 2007") as an ISO date at the precision given; "" when it is not a date.
std::string NormalizeDate(std::string_view s);

// True when `s` holds nothing but ASCII white space.
bool IsBlank(std::string_view s);

// 1-based line number of byte `offset` in `s` (lines end at '\n').
long LineOfOffset(std::string_view s, size_t offset);

// Why `bytes` cannot be a document (NUL byte in the first 8 KB, invalid UTF-8), or ""
// when it is fine. `base` is added to reported byte offsets (a stripped BOM); *line
// receives the line of the problem (0 when it has none).
std::string CheckBytes(std::string_view bytes, size_t base, long* line);

// Reads a .jsonl file, one document per non-blank line. Returns documents delivered.
size_t ReadJsonlFile(const std::string& path, const ReadOptions& options,
                     const DocumentSink& on_document, const ErrorSink& on_error);

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr size_t kBinaryProbeBytes = 8192;

}  // namespace orbat::io_internal
