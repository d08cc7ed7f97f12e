// Content hashing for idempotent ingest: FNV-1a 64-bit over the bytes, as 16 hex digits.
// Not cryptographic; it only tells "same document content" from "changed".
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace orbat::store {

uint64_t Fnv1a64(std::string_view bytes, uint64_t seed = 0xcbf29ce484222325ULL);
std::string HexHash(uint64_t h);

}  // namespace orbat::store
