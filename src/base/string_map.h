// StringMap / StringSet: hash containers keyed by std::string that are probed with
// std::string_view (no temporary string per lookup).
//
// The extractor looks up every token of every sentence in a dozen word lists and the
// lexicon's hundred thousand keys; Abseil's open-addressing tables do that with one
// cache miss where std::unordered_map chases a node pointer. Debian's Abseil is built
// with its own absl::string_view, so the transparent hash below bridges std's.
// Iteration order is unspecified and may differ between runs: never let output
// depend on it.
#pragma once

#include <absl/container/flat_hash_map.h>
#include <absl/container/flat_hash_set.h>
#include <absl/hash/hash.h>

#include <functional>
#include <string>
#include <string_view>

namespace orbat {

struct StringViewHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const {
    return absl::Hash<absl::string_view>{}(absl::string_view(s.data(), s.size()));
  }
};

template <class V>
using StringMap = absl::flat_hash_map<std::string, V, StringViewHash, std::equal_to<>>;
using StringSet = absl::flat_hash_set<std::string, StringViewHash, std::equal_to<>>;

}  // namespace orbat
