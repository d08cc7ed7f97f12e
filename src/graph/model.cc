#include "graph/model.h"

#include <algorithm>

namespace orbat::graph {

namespace {
bool In(const std::string& p, std::initializer_list<const char*> set) {
  for (const char* s : set)
    if (p == s) return true;
  return false;
}
}  // namespace

const std::vector<std::string>& RelationTypes() {
  static const std::vector<std::string> kTypes = {"ally", "rival", "affiliate_of", "part_of",
                                                  "splinter_of", "merged_into", "member_of",
                                                  "defected_to"};
  return kTypes;
}

bool IsRelation(const std::string& p) {
  const auto& t = RelationTypes();
  return std::find(t.begin(), t.end(), p) != t.end();
}
bool IsEvent(const std::string& p) { return In(p, {"attack", "clash", "arrest", "capture", "threaten"}); }
bool IsSymmetric(const std::string& p) { return In(p, {"ally", "rival", "clash"}); }
bool IsEntityObject(const std::string& p) {
  return IsRelation(p) || IsEvent(p) ||
         In(p, {"founder", "leader", "area", "designated_by", "media_outlet"});
}

}  // namespace orbat::graph
