#include "base/result.h"

namespace orbat {

std::string Error::ToString() const {
  std::string out;
  if (!file.empty()) {
    out += file;
    if (line > 0) out += ":" + std::to_string(line);
    out += ": ";
  }
  return out + message;
}

}  // namespace orbat
