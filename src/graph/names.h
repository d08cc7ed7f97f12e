// Name keys for resolution beyond MatchKey: LooseKey also erases transliteration
// variants of Arabic names in Latin script (Jaysh/Jaish/Jeish, Ummah/Umma,
// Qaeda/Qaida, Muhajireen/Muhajirin, Fateh/Fatah) so that spellings meet. It is only
// used as a weaker key: entities joined through it must still be compatible (type,
// lexicon id, country context).
#pragma once

#include <string>
#include <string_view>

namespace orbat::graph {

// "~" + loosened MatchKey, or "" when the name folds to nothing.
std::string LooseKey(std::string_view name);

}  // namespace orbat::graph
