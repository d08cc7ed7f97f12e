// Errors as values at component boundaries.
//
// Result<T> holds either a T or an Error. An Error names what failed (file, and line
// where it means something) so that the CLI can report it and go on with the rest.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace orbat {

struct Error {
  std::string file;     // empty when not about a file
  long line = 0;        // 1-based; 0 when not about a line
  std::string message;

  // "file:line: message", "file: message" or "message".
  std::string ToString() const;
};

template <typename T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}          // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}      // NOLINT
  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() { return std::get<0>(v_); }
  const T& value() const { return std::get<0>(v_); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

}  // namespace orbat
