#include "text/chars.h"

#include <unicode/uchar.h>

namespace orbat {

CharClass Classify(char32_t c) {
  if (c < 0x80) return ClassifyAscii(static_cast<unsigned char>(c));
  switch (c) {
    case 0x2018: case 0x2019: case 0x00B4: case 0x02BB: case 0x02BC: case 0x02BE:
    case 0x02BF:
      return CharClass::kApostrophe;
    case 0x2010: case 0x2011:
      return CharClass::kHyphen;
    case 0xFEFF: case 0x200B:  // BOM / zero width space: ICU calls U+200B a format char
      return CharClass::kFormat;
    default:
      break;
  }
  if (u_isUWhiteSpace(c)) return CharClass::kSpace;
  switch (u_charType(c)) {
    case U_UPPERCASE_LETTER: case U_LOWERCASE_LETTER: case U_TITLECASE_LETTER:
    case U_MODIFIER_LETTER: case U_OTHER_LETTER:
      return CharClass::kLetter;
    case U_DECIMAL_DIGIT_NUMBER:
      return CharClass::kDigit;
    case U_NON_SPACING_MARK: case U_ENCLOSING_MARK: case U_COMBINING_SPACING_MARK:
      return CharClass::kMark;
    case U_FORMAT_CHAR:
      return CharClass::kFormat;
    default:
      return CharClass::kOther;
  }
}

}  // namespace orbat
