#!/usr/bin/env python3
"""Builds Orbat's lexicon (data/lexicon/*.tsv) from the raw public data sets.

Usage:
  scripts/build_lexicon.py [--sources DIR] [--out DIR] [--countries DIR]

  --sources    the raw data sets (default: ../shared/data/sources beside the repo)
  --out        where to write the TSV files (default: data/lexicon in the repo)
  --countries  a node_modules/i18n-iso-countries directory; when absent the script
               runs `npm install i18n-iso-countries` into a temporary directory.

Python 3 standard library only. The output is deterministic: rows and aliases are
sorted, nothing depends on dict or set iteration order or on the clock. Re-running
overwrites groups.tsv, states.tsv, places.tsv and persons.tsv; local.tsv and
README.md are hand-written and never touched. Conflicts (one alias claimed by two
groups) and dropped aliases go to the build log (--log, default build-lex/, not data).

Columns of every output file: id, name, type, aliases, country, kind, population,
demonyms ('|' between list items). See data/lexicon/README.md.
"""

import argparse
import collections
import csv
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
import xml.etree.ElementTree as ET

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC_DIR = os.path.join(REPO, 'data', 'lexicon', 'src')

LOG = []


def log(msg):
    LOG.append(msg)


# ----------------------------------------------------------------------------------------
# Folding: a Python mirror of MatchKey in src/text/normalize.h, used for deduplication,
# merging and conflict detection (the engine folds again at load time).

APOSTROPHES = "'\u2018\u2019\u02bf\u02be`\u00b4\u02bc"
ASSIMILATED = {'al', 'el', 'ad', 'ash', 'as', 'at', 'az', 'ar', 'an', 'adh', 'ath', 'ud',
               'ul', 'ur', 'us', 'ut', 'uz', 'un', 'ush', 'es', 'ed', 'et', 'er', 'en', 'ez'}
ARABIC_MAP = {'\u0623': '\u0627', '\u0625': '\u0627', '\u0622': '\u0627', '\u0671': '\u0627',
              '\u0629': '\u0647', '\u0649': '\u064a', '\u0640': '', '\u06cc': '\u064a',
              '\u0643': '\u0643', '\u06a9': '\u0643'}


def fold_word(w):
    w = unicodedata.normalize('NFKD', w)
    w = ''.join(c for c in w if not unicodedata.combining(c))
    w = w.casefold()
    w = ''.join(ARABIC_MAP.get(c, c) for c in w if c not in APOSTROPHES)
    return w


def fold_tokens(name):
    """Folded words of a name; the Arabic article (al-, el-, ash-, ...) becomes 'al'."""
    s = unicodedata.normalize('NFC', name)
    for a in APOSTROPHES:
        s = s.replace(a, '')
    out = []
    # split keeping track of hyphens after a word
    for m in re.finditer(r'[^\W_]+(-?)', s, re.UNICODE):
        word = m.group(0).rstrip('-')
        hyphen = m.group(1) == '-'
        f = fold_word(word)
        if not f:
            continue
        if f in ('al', 'el') or (hyphen and f in ASSIMILATED):
            f = 'al'
        out.append(f)
    if out and out[0] == 'the':
        out = out[1:]
    return out


def match_key(name):
    return ' '.join(t for t in fold_tokens(name) if t != 'al')


def loose_key(name):
    """MatchKey without inner vowels and doubled letters: 'Qassam' and 'Qassim' meet."""
    out = []
    for t in match_key(name).split():
        t2 = t[0] + re.sub(r'[aeiouy]', '', t[1:])
        t2 = re.sub(r'(.)\1+', r'\1', t2)
        out.append(t2)
    return ' '.join(out)


def is_arabic(s):
    return any('\u0600' <= c <= '\u06ff' or '\u0750' <= c <= '\u077f' for c in s)


def is_latin(s):
    for c in s:
        if c.isalpha():
            if c > '\u024f' and not ('\u1e00' <= c <= '\u1eff'):
                return False
    return True


def clean(s):
    if s is None:
        return ''
    s = s.replace('\u00a0', ' ').replace('\u200e', '').replace('\u200f', '')
    s = re.sub(r'\s+', ' ', s).strip()
    s = s.strip(' "\u201c\u201d,;:')
    s = re.sub(r'\s*-\s*$', '', s)
    # "AL - SHABAAB" -> "AL-SHABAAB", "Al- Musallah" -> "Al-Musallah"
    s = re.sub(r'(\w) ?- (?=\w)', r'\1-', s)
    s = re.sub(r'(\w) -(?=\w)', r'\1-', s)
    s = s.replace('\u2013', '-').replace('\u2014', '-') if not is_arabic(s) else s
    return s.strip()


# ----------------------------------------------------------------------------------------
# Stop names and generic phrases.

def read_lines(path):
    out = []
    with open(path, encoding='utf-8') as f:
        for line in f:
            line = line.split('#', 1)[0].strip()
            if line:
                out.append(line)
    return out


STOPNAMES = set()

# Words that carry no identity on their own: an alias made only of these (and function
# words) is generic ("The Base", "Islamic Party", "Soldiers of God") and is kept only
# when it is some source's own primary name or two sources attest it.
GENERIC_WORDS = set('''
foundation institution hayat media center centre office
the of and for in on to a an al wa wal fi li lil min
islamic islam muslim muslims state party army front group movement organization organisation
organizations base youth god allah supporters soldiers followers partisans defenders faith
unity union liberation national people peoples popular revolutionary revolution resistance
brigade brigades battalion battalions force forces council committee committees alliance
jihad holy warriors mujahideen mujahidin fighters martyrs martyr society network group groups
sons new world international general command armed struggle arab arabs sunni shia shiite
salafist salafi believers believing call combat preaching truth justice right wrong
emigrants the veiled sentinels sentinel masked men ones those who sign blood youth
international brigade battalion regiment special purpose guardians religion
'''.split())


def is_generic(name):
    toks = [t for t in fold_tokens(name) if t != 'al']
    return bool(toks) and all(t in GENERIC_WORDS for t in toks)


NAME_CUE_WORDS = {'group', 'brigade', 'brigades', 'army', 'front', 'movement', 'party',
                  'organization', 'organisation', 'battalion', 'battalions', 'forces', 'force',
                  'council', 'committee', 'committees', 'network', 'union', 'alliance',
                  'jaysh', 'jaish', 'jabhat', 'harakat', 'katibat', 'kataib', 'liwa', 'jund',
                  'ansar', 'hizb', 'tanzim', 'jamaat', 'jamaah', 'jamiat', 'lashkar',
                  'tehrik', 'tehreek', 'faylaq', 'saraya', 'sarayat', 'division', 'regiment',
                  'militia', 'militias', 'taliban', 'mujahideen', 'mujahidin', 'front', 'wing',
                  'ira', 'eta', 'corps', 'guards', 'legion', 'companies', 'units', 'squad'}

# Words marking companies, charities, vessels and the like among sanctioned entities.
NON_ARMED_CUES = re.compile(
    r'\b(TRUST|FOUNDATION|CHARIT\w*|RELIEF|COMPANY|CO\.|CORP\w*|LTD\b|LLC|L\.L\.C|LIMITED|INC\b|'
    r'S\.A\.|SARL|GMBH|BANK|EXCHANGE|HAWALA|TRADING|TRADE|HOLDING\w*|INVEST\w*|ENTERPRISE\w*|'
    r'ESTABLISHMENT|INDUSTR\w*|SHIPPING|AIRLINE\w*|AIRWAYS|PETROLEUM|OIL|GAS|TRAVEL|TOURS?|'
    r'AGENCY|AGENCIES|SERVICES?|CENTER|CENTRE|HOSPITAL|MEDICAL|SCHOOL|UNIVERSITY|INSTITUTE|'
    r'ASSOCIATION|SOCIETY|WELFARE|HUMANITARIAN|AID|ORPHAN\w*|MOSQUE|COMMITTEE FOR|'
    r'SUPPORT COMMITTEE|BUREAU|OFFICE|MEDIA|NEWS|RADIO|TELEVISION|TV|PUBLISH\w*|PRESS|'
    r'FACTORY|CONSTRUCTION|CONTRACTING|GENERAL TRADING|IMPORT|EXPORT|MARKETING|MONEY|FINANCE|'
    r'FINANCIAL|JEWEL\w*|GOLD|REAL ESTATE|PROPERT\w*|HOTEL|RESTAURANT|PHARMA\w*|TECHNOLOG\w*|'
    r'ELECTRONIC\w*|LOGISTIC\w*|TRANSPORT\w*|CARGO|MARINE|MARITIME|VESSEL|SHIP|FARM\w*|'
    r'GROUP OF COMPANIES|PARTNERS?|CONSULT\w*|STORE\w*|MARKET|SUPERMARKET|MILL\w*|'
    r'BRANCH|HIGH COUNCIL FOR|PROJECTS?)\b', re.I)

# Organizations that OFAC files under SDGT/FTO and that are armed groups even though a
# cue above matches their name.
ARMED_CUES = re.compile(
    r'\b(BRIGADES?|BATTALIONS?|ARMY|JAYSH|JAISH|FRONT|JABHAT|MOVEMENT|HARAKAT|MILITIA|'
    r'FORCES?|CORPS|GUARD|TALIBAN|QA.?IDA|QAEDA|ISIS|ISIL|ISLAMIC STATE|HIZB\w*|HEZB\w*|'
    r'LASHKAR|JUND|KATA.?IB|KATIBAT|SARAYA|ANSAR\w*|MUJAH\w*|JIHAD\w*|TANZIM|JAMA.?AT|'
    r'SHABAAB|REGIMENT|LIBERATION|RESISTANCE|REVOLUTIONARY|HAMAS|WILAYAT|PROVINCE|TEHRI\w*)\b',
    re.I)


# ----------------------------------------------------------------------------------------
# Casing of ALL-CAPS names from the sanctions lists.

SMALL_WORDS = {'of', 'the', 'and', 'in', 'for', 'on', 'at', 'to', 'a', 'an', 'fi', 'wa', 'wal',
               'li', 'lil', 'min', 'bin', 'ibn', 'de', 'la', 'le', 'du', 'des', 'del', 'al', 'el',
               'ul', 'ud', 'ur', 'us', 'e', 'i', 'bil', 'ash', 'ad', 'as', 'at', 'az', 'an',
               'by', 'with', 'from', 'against', 'ou', 'et', 'pour', 'y'}

SEEN_FORMS = collections.defaultdict(collections.Counter)  # UPPER word -> mixed-case forms
KNOWN_ACRONYMS = set()


def note_forms(text):
    """Records how mixed-case sources write each word ("Hamas", "PKK", "al-Qaida")."""
    if not text or text.upper() == text:
        return
    for w in re.findall(r"[^\W_]+(?:['\u2019][^\W_]+)*", text):
        if any(c.islower() for c in w) or len(w) <= 6:
            SEEN_FORMS[w.upper()][w] += 1


def nice_case(text):
    """Title-cases an ALL-CAPS name, keeping acronyms and known spellings."""
    if not text or any(c.islower() for c in text):
        return text
    words = text.split(' ')
    out = []
    for wi, word in enumerate(words):
        parts = word.split('-')
        np_ = []
        for pi, part in enumerate(parts):
            first = wi == 0 and pi == 0
            np_.append(case_part(part, first, pi > 0))
        out.append('-'.join(np_))
    return ' '.join(out)


def case_part(part, first, after_hyphen):
    m = re.match(r"^([(\[/]*)(.*?)([)\].,/]*)$", part)
    pre, core, post = m.group(1), m.group(2), m.group(3)
    if not core:
        return part
    low = core.lower()
    if (core in KNOWN_ACRONYMS and len(core) <= 6) or (core.isalpha() and len(core) <= 5
                                  and not re.search('[AEIOUY]', core)):
        return pre + core + post
    if low in SMALL_WORDS and not first:
        return pre + low + post
    forms = SEEN_FORMS.get(core)
    if forms:
        best = sorted(forms.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        if best.upper() == core and (best != core or len(core) <= 6):
            if best == core and core not in KNOWN_ACRONYMS:
                pass  # upper-case in a mixed source but not an acronym we know: title-case
            else:
                return pre + best + post
    # Qa'ida, Jama'at: capitalize the first letter only.
    return pre + core[0] + core[1:].lower() + post


# ----------------------------------------------------------------------------------------
# Records from the sources. A record: one entity in one source.

class Rec:
    __slots__ = ('src', 'sid', 'type', 'primary', 'names', 'country', 'kind', 'primaries')

    def __init__(self, src, sid, type_, primary, country='', kind=''):
        self.src = src
        self.sid = sid
        self.type = type_
        self.primary = primary
        self.names = []          # display forms, primary first
        self.primaries = set()   # keys that name this record in its own source's main field
        self.country = country
        self.kind = kind

    def add(self, name, primary=False):
        name = clean(name)
        if not name:
            return
        if name not in self.names:
            self.names.append(name)
        if primary:
            k = match_key(name)
            if k:
                self.primaries.add(k)


ACRONYM_RE = re.compile(r"^[A-Z0-9][A-Z0-9&./\-]*[A-Z0-9.]$|^[A-Z]{2,}$")


def looks_acronym(s):
    letters = [c for c in s if c.isalpha()]
    return (bool(ACRONYM_RE.match(s)) and 2 <= len(letters) <= 8 and ' ' not in s
            and all(c.isupper() for c in letters))


def split_packed(s):
    """Splits UN packed aliases: 'X (Y; Z)' / 'X; Y' / '(original script)' markers."""
    s = s.replace('(original script)', '').replace('\n', ' ')
    s = re.sub(r'\s+', ' ', s)
    out = []
    if re.search(r'sub-unit name', s, re.I):
        return []
    m = re.match(r'^(.*?)\s*\((.*)\)\s*$', s)
    if m and (';' in m.group(2) or is_arabic(m.group(1)) and not is_arabic(m.group(2))):
        out.append(m.group(1))
        out.extend(p for p in m.group(2).split(';'))
    else:
        out.extend(p for p in s.split(';'))
    return [clean(x) for x in out if clean(x)]


def strip_paren_acronym(name):
    """'TEHRIK-E TALIBAN PAKISTAN (TTP)' -> ('TEHRIK-E TALIBAN PAKISTAN', ['TTP'])."""
    acrs = []
    while True:
        m = re.match(r'^(.*\S)\s*\(([^()]*)\)\s*(.*)$', name)
        if not m:
            break
        inner = m.group(2).strip()
        rest = (m.group(1) + ' ' + m.group(3)).strip()
        for part in re.split(r'[,;]\s*', inner):
            part = part.strip()
            if looks_acronym(part):
                acrs.append(part)
                if sum(c.isalpha() for c in part) <= 6:
                    KNOWN_ACRONYMS.add(part)
        name = rest
    return clean(name), acrs


# ---- UN consolidated list ---------------------------------------------------------------

# Names of movements broader than any one organization ("Pakistani Taliban" is not the
# TTP): never an alias of a group, though a group may carry one as its own name.
BROADER_NAMES = set()


def load_un(path, country_of):
    groups, persons = [], []
    root = ET.parse(path).getroot()
    for e in root.find('ENTITIES'):
        lt = (e.findtext('UN_LIST_TYPE') or '').strip()
        raw = clean(e.findtext('FIRST_NAME'))
        ref = (e.findtext('REFERENCE_NUMBER') or '').strip()
        if NON_ARMED_CUES.search(raw) and not ARMED_CUES.search(raw):
            log('un: skipped non-armed entity %s %s' % (ref, raw))
            continue
        if lt not in ('Al-Qaida', 'Somalia', 'Yemen', 'Taliban', 'Libya', 'Iraq', 'DRC', 'CAR',
                      'SouthSudan', 'Sudan', 'Haiti', 'GB'):
            continue
        if lt in ('Libya', 'Iraq') and not ARMED_CUES.search(raw):
            continue
        countries = [clean(c.text) for c in e.iter('COUNTRY') if c.text and clean(c.text)]
        cc = ''
        for c in countries:
            cc = country_of(c)
            if cc:
                break
        name, acrs = strip_paren_acronym(raw)
        r = Rec('un', ref or e.findtext('DATAID'), 'group', name, cc)
        r.add(nice_case(name), primary=True)
        for a in acrs:
            r.add(a)
        osn = clean(e.findtext('NAME_ORIGINAL_SCRIPT'))
        if osn and osn != raw and not re.match(r'^[A-Z ]+$', osn):
            r.add(osn)
        for al in e.findall('ENTITY_ALIAS'):
            a = al.findtext('ALIAS_NAME')
            if not a:
                continue
            for part in split_packed(a):
                base, acrs2 = strip_paren_acronym(part)
                r.add(nice_case(base))
                for x in acrs2:
                    r.add(x)
        groups.append(r)
    for e in root.find('INDIVIDUALS'):
        parts = [clean(e.findtext(t)) for t in ('FIRST_NAME', 'SECOND_NAME', 'THIRD_NAME',
                                                 'FOURTH_NAME')]
        name = ' '.join(p for p in parts if p)
        if not name:
            continue
        ref = (e.findtext('REFERENCE_NUMBER') or e.findtext('DATAID') or '').strip()
        nat = ''
        for v in e.findall('NATIONALITY/VALUE'):
            nat = country_of(clean(v.text))
            if nat:
                break
        r = Rec('un', ref, 'person', name, nat)
        r.add(nice_case(name), primary=True)
        osn = clean(e.findtext('NAME_ORIGINAL_SCRIPT'))
        if osn:
            r.add(osn)
        for al in e.findall('INDIVIDUAL_ALIAS'):
            a = al.findtext('ALIAS_NAME')
            if not a:
                continue
            for part in split_packed(a):
                for sub in re.split(r'\s*,\s*(?=[A-Z])', part) if part.count(',') > 1 else [part]:
                    r.add(nice_case(sub))
        persons.append(r)
    return groups, persons


# ---- OFAC SDN ----------------------------------------------------------------------------

def load_ofac(sdn_path, alt_path):
    alts = collections.defaultdict(list)
    with open(alt_path, encoding='utf-8', errors='replace') as f:
        for row in csv.reader(f):
            if len(row) >= 4:
                alts[row[0].strip()].append((row[2].strip().strip('"'), row[3].strip()))
    out = []
    with open(sdn_path, encoding='utf-8', errors='replace') as f:
        for row in csv.reader(f):
            if len(row) < 12:
                continue
            ent, name, typ, prog = row[0].strip(), clean(row[1]), row[2].strip(), row[3]
            if typ != '-0-':  # individuals, vessels, aircraft
                continue
            if 'SDGT' not in prog and 'FTO' not in prog:
                continue
            fto = 'FTO' in prog
            if not fto and (NON_ARMED_CUES.search(name) or not ARMED_CUES.search(name)):
                continue
            if fto and NON_ARMED_CUES.search(name) and not ARMED_CUES.search(name):
                continue
            base, acrs = strip_paren_acronym(name)
            r = Rec('ofac', ent, 'group', base)
            r.add(nice_case(base), primary=True)
            for a in acrs:
                r.add(a)
            names = [(t, n) for t, n in alts.get(ent, [])]
            remarks = row[11]
            for m in re.finditer(r"\b([af])\.k\.a\.,? '([^']+(?:'[A-Z][^']*)*)'", remarks):
                names.append((m.group(1) + 'ka', m.group(2)))
            for t, n in names:
                n = clean(n)
                if not n or n == '-0-':
                    continue
                b, acrs2 = strip_paren_acronym(n)
                if NON_ARMED_CUES.search(b) and not ARMED_CUES.search(b):
                    log('ofac %s: dropped non-armed alias %r' % (ent, b))
                    continue
                if looks_acronym(b):
                    KNOWN_ACRONYMS.add(b)
                    r.add(b)
                else:
                    r.add(nice_case(b))
                for x in acrs2:
                    r.add(x)
            out.append(r)
    return out


# ---- UCDP actors ---------------------------------------------------------------------------

def split_list(s):
    s = clean(s)
    if not s or s == 'n/a':
        return []
    return [clean(p) for p in re.split(r',\s+', s) if clean(p) and clean(p) != 'n/a']


def load_ucdp(path, country_of):
    groups, govs = [], []
    with open(path, encoding='utf-8-sig') as f:
        for x in csv.DictReader(f):
            org = x['Org'].strip()
            loc = x['Location'].split(',')[0].strip()
            cc = country_of(loc)
            aid = x['ActorId'].strip()
            if org == '4':
                govs.append((aid, clean(x['NameData']), clean(x['NewName'])))
                continue
            if org not in ('1',):
                # 2: supporters of a party, 3: ethnic/clan identity groups: not armed groups
                # with names a report would write as an actor name.
                continue
            name_data = clean(x['NameData'])
            r = Rec('ucdp', aid, 'group', name_data, cc)
            new = split_list(x['NewName'])
            for n in [name_data, clean(x['NameOrig'])] + new:
                if n and n != 'n/a':
                    base, acrs = strip_paren_acronym(n)
                    if base.startswith('Military faction') or base.startswith('Forces of'):
                        continue
                    r.add(base, primary=True)
                    for a in acrs:
                        r.add(a)
            for n in [clean(x['NameOrigFull'])] + split_list(x['NewNameFullMotherTongue']):
                if n and n != 'n/a':
                    r.add(strip_paren_acronym(n)[0])
            for n in [clean(x['NameOrigFullEng'])] + split_list(x['NewNameFullEng']):
                if n and n != 'n/a':
                    r.add(strip_paren_acronym(n)[0])
            for n in r.names:
                note_forms(n)
            if r.names:
                groups.append(r)
    return groups, govs


# ---- Wikidata ------------------------------------------------------------------------------

def load_wikidata(path):
    out = []
    with open(path, encoding='utf-8') as f:
        for x in csv.DictReader(f):
            r = Rec('wd', x['qid'], 'group', clean(x['primary_name']))
            matchable = json.loads(x['matchable_aliases_json'] or '[]')
            allal = json.loads(x['aliases_json'] or '[]')
            r.add(x['primary_name'], primary=True)
            for a in matchable:
                r.add(a)
            # Acronyms the extract kept out of matching: keep those of three or more capitals
            # (the engine matches them only against tokens written in capitals).
            for a in allal:
                if a not in matchable and looks_acronym(a) and len(a) >= 3:
                    r.add(a)
                    KNOWN_ACRONYMS.add(a)
            for n in r.names:
                note_forms(n)
            out.append(r)
    return out


# ---- PETRARCH ------------------------------------------------------------------------------

PETRARCH_BAD_ALIASES = {
    # Known errors in the Phoenix dictionary (persons filed as aliases of groups, one group
    # filed under another), removed here rather than in the source file.
    'KHALED_MESHAAL', 'MOHAMMED_DEIF', 'MARWAN_ISSA', 'AL-QUDS_BRIGADES_', 'AL-QUDS_BATTALIONS_',
    'JERUSALEM_BATTALIONS_', 'JERUSALEM_BRIGADES_', 'AL-AQSA_FOUNDATION', 'AL-QAEDA_IN_IRAQ',
    'AL_QAEDA_LINKED_ABU_SAYYAF', 'AL-QAEDA_LINKED_ABU_SAYYAF', 'AL_QAIDA-AFFILIATED',
    'AL_QAIDA_OFFSHOOT', 'AL_QAEDA_OPERATIVES', 'QAEDA_GROUP', 'AL-AQSA_', 'AL_AKSA',
    'SAYF_AL-ISLAM_BRIGADES_',
}


def petrarch_name(tok):
    t = tok.strip().rstrip('_').replace('_', ' ')
    t = re.sub(r'\s+', ' ', t).strip()
    return t


def petrarch_person(rec, persons):
    """PETRARCH files some persons as groups ("ISNILON", "HAMBALI", "ISNILON_T_HAPILON").
    A record with no other name is a person when its one word is a word of a sanctioned
    person's name, or when two of its words are words of one person's name, and no word
    heads an organization's name."""
    if len(rec.names) > 1:
        return False
    words = match_key(rec.names[0]).split()
    org_words = {'army', 'front', 'brigade', 'brigades', 'group', 'movement', 'party', 'organization',
                 'organisation', 'council', 'union', 'league', 'forces', 'force', 'jihad', 'jamaat',
                 'lashkar', 'jaish', 'jaysh', 'hizb', 'harakat', 'tehrik', 'ansar', 'jund', 'liberation',
                 'revolutionary', 'committee', 'committees', 'mujahideen', 'mujahidin', 'squad', 'cell',
                 'battalion', 'battalions', 'frente', 'ejercito', 'movimiento', 'fuerzas', 'liberacion',
                 'freedom', 'resistance', 'martyrs', 'islamic', 'national', 'for', 'of', 'del', 'de'}
    if not words or any(w in org_words for w in words) or looks_acronym(rec.names[0]):
        return False
    if not hasattr(petrarch_person, 'index'):
        index = collections.defaultdict(set)
        for i, p in enumerate(persons):
            for n in p.names:
                for w in match_key(n).split():
                    if len(w) > 2:
                        index[w].add(i)
        petrarch_person.index = index
    index = petrarch_person.index
    hits = [index.get(w, set()) for w in words]
    if len(words) == 1:
        return bool(hits[0])
    return any(len([h for h in hits if i in h]) >= 2 for h in hits for i in h)


def load_petrarch(path):
    out = []
    block = []
    code = ''

    def flush():
        nonlocal block, code
        if not block:
            return
        head = block[0]
        if any(w in head for w in ('BIN_LADEN', 'YASSIN', 'ZAWAHIRI')):
            block = []
            return
        name, acrs = strip_paren_acronym(petrarch_name(head))
        r = Rec('petrarch', head.strip('_'), 'group', name)
        iso3 = code[:3] if code else ''
        r.country = iso3  # resolved to ISO2 later
        r.add(nice_case(name), primary=True)
        for a in acrs:
            r.add(a)
        for al in block[1:]:
            if al in PETRARCH_BAD_ALIASES or al.rstrip('_') + '_' in PETRARCH_BAD_ALIASES:
                continue
            n, acrs2 = strip_paren_acronym(petrarch_name(al))
            # single-word aliases in this dictionary are mostly fragments ("AL-AQSA")
            if len(fold_tokens(n)) < 2 and not looks_acronym(n):
                continue
            r.add(nice_case(n) if not looks_acronym(n) else n)
            for a in acrs2:
                r.add(a)
        out.append(r)
        block = []
        code = ''

    with open(path, encoding='utf-8', errors='replace') as f:
        for raw in f:
            line = raw.rstrip('\n')
            if not line.strip() or line.startswith('#'):
                if not line.strip():
                    flush()
                continue
            if line.startswith('\t') or line.startswith(' '):
                m = re.search(r'\[([A-Z]+)', line)
                if m:
                    code = code or m.group(1)
                flush()
                continue
            body = line.split('#', 1)[0].rstrip()
            m = re.search(r'\[([A-Z]+)[^\]]*\]', body)
            if m:
                code = m.group(1)
                body = body[:m.start()].strip()
            if body.startswith('+'):
                block.append(body[1:].strip())
            else:
                if block and not line.startswith('+'):
                    flush()
                block.append(body.strip())
                if m:
                    code = m.group(1)
        flush()
    return out


# ----------------------------------------------------------------------------------------
# Transliteration variants for group names (only for tokens whose spellings are known to
# vary in English-language reporting; each rule is a set of interchangeable spellings).

VARIANT_SETS = [
    ['jaysh', 'jaish', 'jeish', 'jaych'],
    ['qaeda', 'qaida', 'qaidah'],
    ['ansar', 'ansaar'],
    ['jabhat', 'jabhet', 'jebhat'],
    ['harakat', 'harakah', 'haraket', 'harkat'],
    ['kataib', 'kataeb', 'khataib', 'kata\'ib'],
    ['katibat', 'katiba', 'katibah'],
    ['hizb', 'hezb'],
    ['hizballah', 'hezbollah', 'hizbullah', 'hizbollah'],
    ['ummah', 'umma'],
    ['nusra', 'nusrah'],
    ['islamiya', 'islamiyya', 'islamiyah', 'islamiyyah'],
    ['mujahidin', 'mujahideen', 'mujahedin', 'mujahedeen'],
    ['shabaab', 'shabab'],
    ['tawhid', 'tawheed', 'tauhid'],
    ['khilafah', 'khilafa', 'khalifa'],
    ['sunnah', 'sunna'],
    ['shariah', 'sharia'],
    ['taliban', 'taleban'],
    ['tehrik', 'tehreek', 'tahrik'],
    ['lashkar', 'lashkar'],
    ['muhajirin', 'muhajireen'],
    ['maqdis', 'maqdes'],
    ['bayt', 'beit', 'bait'],
]
VARIANT_OF = {}
for vs in VARIANT_SETS:
    for v in vs:
        VARIANT_OF[v] = vs


ARTICLE_RE = re.compile(r"\b(Al|al|El|el|Ad|ad|An|an|Ar|ar|As|as|Ash|ash|At|at|Ath|ath|Az|az|"
                        r"Adh|adh|Ed|ed|En|en|Er|er|Es|es|Esh|esh|Et|et|Ez|ez) (?=(\w))")


def article_forms(name):
    """'Ma'arrat an Nu'man' -> "Ma'arrat an-Nu'man": a detached sun-letter article
    ('an N', 'ash Sh', 'ad D') is the Arabic article, which the matcher ignores only when
    it is joined to its word."""
    if not is_latin(name):
        return []

    def repl(m):
        art = m.group(1).lower()
        nxt = fold_word(m.group(2))
        cons = art[1:] if art[0] in 'ae' else art
        if art in ('al', 'el') or (cons and nxt.startswith(cons[0])):
            return m.group(1) + '-'
        return m.group(0)
    out = ARTICLE_RE.sub(repl, name)
    return [out] if out != name else []


def variants(name, limit=6):
    """Spelling variants of a Latin group name, e.g. 'Jaish al-Islam' -> 'Jaysh al-Islam'."""
    if not is_latin(name):
        return []
    words = re.split(r'(\W+)', name)
    idx = [i for i, w in enumerate(words) if fold_word(w) in VARIANT_OF]
    if not idx:
        return []
    results = {name}
    frontier = [words]
    for i in idx:
        nf = []
        for ws in frontier:
            f = fold_word(ws[i])
            for v in VARIANT_OF[f]:
                if v == f:
                    continue
                w2 = list(ws)
                orig = ws[i]
                w2[i] = v.capitalize() if orig[:1].isupper() else v
                nf.append(w2)
        frontier = frontier + nf
        if len(frontier) > 64:
            frontier = frontier[:64]
    for ws in frontier:
        results.add(''.join(ws))
    results.discard(name)
    return sorted(results, key=lambda s: (len(s), s))[:limit]


# ----------------------------------------------------------------------------------------
# Alias filtering.

def alias_ok(a, type_, primary_keys=()):
    if not a or len(a) < 2:
        return False, 'short'
    if re.fullmatch(r'[\d\W_]+', a):
        return False, 'number'
    k = match_key(a)
    if not k:
        return False, 'empty key'
    if len(a) > 120 or len(k.split()) > 14:
        return False, 'too long'
    toks = k.split()
    letters = sum(c.isalpha() for c in a)
    if letters < 2:
        return False, 'short'
    if re.search(r'https?:|www\.|\.com\b|@', a):
        return False, 'url'
    if looks_acronym(a):
        # acronyms match only words written in capitals, so "IS" is not the word "is"
        return True, ''
    if k in STOPNAMES or (len(toks) == 1 and fold_word(a) in STOPNAMES):
        return False, 'stopname'
    if len(toks) == 1 and len(toks[0]) < 3 and not is_arabic(a):
        return False, 'short word'
    return True, ''


# ----------------------------------------------------------------------------------------
# Merging group records into one row per group.

class UF:
    def __init__(self, n):
        self.p = list(range(n))

    def find(self, x):
        while self.p[x] != x:
            self.p[x] = self.p[self.p[x]]
            x = self.p[x]
        return x

    def union(self, a, b):
        a, b = self.find(a), self.find(b)
        if a != b:
            if a < b:
                self.p[b] = a
            else:
                self.p[a] = b


SRC_RANK = {'seed': 0, 'wd': 1, 'ucdp': 2, 'un': 3, 'ofac': 4, 'petrarch': 5}


def merge_groups(recs, seeds):
    """Clusters records that name the same group.

    Two records join when the primary name of one equals any multi-word name of the other.
    Names that several records of one source carry ("Ansar al-Sharia" for four groups in
    OFAC) are ambiguous and join nothing. Seed rows (src/group_seeds.tsv) claim their
    names: a seed's names are removed from every other record and records whose primary
    name is a seed name join that seed.
    """
    allrecs = list(seeds) + list(recs)
    seed_keys = {}
    for i, s in enumerate(seeds):
        for n in s.names:
            k = match_key(n)
            if k:
                seed_keys[k] = i
                if is_latin(n) and len(k.split()) >= 2:
                    seed_keys[loose_key(n)] = i
    # Remove seed-claimed names from other records (except when it is their primary).
    for r in recs:
        keep = []
        for n in r.names:
            k = match_key(n)
            lk = loose_key(n) if is_latin(n) and len(k.split()) >= 2 else k
            if k in r.primaries:
                keep.append(n)
                continue
            if k in seed_keys or lk in seed_keys:
                k = k if k in seed_keys else lk
                log('seed %r claims %r from %s:%s' % (seeds[seed_keys[k]].primary, n, r.src, r.sid))
                continue
            keep.append(n)
        r.names = keep
    # Ambiguous keys within one source.
    per_src = collections.defaultdict(lambda: collections.defaultdict(set))
    for i, r in enumerate(allrecs):
        for n in r.names:
            k = match_key(n)
            if k:
                per_src[r.src][k].add(i)
    ambiguous = set()
    for src, d in per_src.items():
        for k, ids in d.items():
            if len(ids) > 1:
                ambiguous.add(k)
    strong = collections.defaultdict(set)  # key -> record indexes having it as a strong name
    for i, r in enumerate(allrecs):
        for n in r.names:
            k = match_key(n)
            if not k or k in ambiguous:
                continue
            if looks_acronym(n):
                continue
            if len(k.split()) < 2 and not (r.src == 'seed' or k in r.primaries or len(k) >= 6):
                continue
            if is_generic(n):
                continue
            strong[k].add(i)
    uf = UF(len(allrecs))
    for i, r in enumerate(allrecs):
        if r.src != 'seed':
            for k in sorted(r.primaries):
                if k in seed_keys:
                    uf.union(i, seed_keys[k])  # seeds come first in allrecs
    for i, r in enumerate(allrecs):
        for k in sorted(r.primaries) + ([match_key(n) for n in r.names] if r.src == 'seed' else []):
            if k in ambiguous or k not in strong:
                continue
            if not (len(k.split()) >= 2 or r.src == 'seed'):
                # a one-word primary ("Hamas") joins only other one-word primaries/seeds
                for j in sorted(strong[k]):
                    if k in allrecs[j].primaries or allrecs[j].src == 'seed' or len(k) >= 6:
                        uf.union(i, j)
                continue
            for j in sorted(strong[k]):
                uf.union(i, j)
    # Never join two seeds.
    clusters = collections.defaultdict(list)
    for i in range(len(allrecs)):
        clusters[uf.find(i)].append(i)
    out = []
    for root, members in clusters.items():
        seeds_in = [m for m in members if allrecs[m].src == 'seed']
        if len(seeds_in) > 1:
            log('merge: cluster joins seeds %s; splitting' % [allrecs[m].primary for m in seeds_in])
            # attach non-seed members to the first seed that shares a primary key
            groups = {m: [m] for m in seeds_in}
            for m in members:
                if m in groups:
                    continue
                target = seeds_in[0]
                for s in seeds_in:
                    if allrecs[m].primaries & {match_key(n) for n in allrecs[s].names}:
                        target = s
                        break
                groups[target].append(m)
            for g in groups.values():
                out.append([allrecs[m] for m in g])
        else:
            out.append([allrecs[m] for m in members])
    return out, ambiguous


def choose_name(members):
    for r in members:
        if r.src == 'seed':
            return r.names[0]
    attest = collections.Counter()
    prim = collections.Counter()
    first_form = {}
    for r in sorted(members, key=lambda r: (SRC_RANK[r.src], r.sid)):
        seen = set()
        for n in r.names:
            if looks_acronym(n) or not is_latin(n):
                continue
            k = match_key(n)
            if not k or k in seen or is_generic(n):
                continue
            seen.add(k)
            attest[k] += 1
            if k in r.primaries:
                prim[k] += 1
            if k not in first_form or (first_form[k].upper() == first_form[k] and n.upper() != n):
                first_form[k] = n
    if attest:
        best = sorted(attest, key=lambda k: (-(attest[k] + prim[k]), -prim[k],
                                             len(k.split()) > 6,
                                             not first_form[k].isascii(), k))[0]
        return first_form[best]
    return choose_name_by_rank(members)


def choose_name_by_rank(members):
    def cand(r):
        for n in r.names:
            if is_latin(n) and not looks_acronym(n):
                return n
        return r.names[0] if r.names else r.primary
    best = None
    for r in sorted(members, key=lambda r: (SRC_RANK[r.src], r.sid)):
        if r.src == 'seed':
            return r.names[0]
        n = cand(r)
        if r.src == 'ucdp':
            # UCDP NameData is often an acronym; prefer its full original or English name
            full = [x for x in r.names if not looks_acronym(x) and is_latin(x)]
            n = full[0] if full else n
        if n and not looks_acronym(n):
            return n
        best = best or n
    return best


# ----------------------------------------------------------------------------------------
# Countries.

def load_countries(countries_dir):
    en = json.load(open(os.path.join(countries_dir, 'langs', 'en.json'), encoding='utf-8'))['countries']
    ar = json.load(open(os.path.join(countries_dir, 'langs', 'ar.json'), encoding='utf-8'))['countries']
    codes = json.load(open(os.path.join(countries_dir, 'codes.json'), encoding='utf-8'))
    a3 = {c[0]: c[1] for c in codes}
    return en, ar, a3


def find_countries_dir(arg):
    if arg:
        return arg, None
    for cand in (os.path.join(REPO, 'node_modules', 'i18n-iso-countries'),
                 '/tmp/lexnpm/node_modules/i18n-iso-countries'):
        if os.path.isdir(cand):
            return cand, None
    tmp = tempfile.mkdtemp(prefix='orbat-lex-npm-')
    subprocess.run(['npm', 'install', '--no-audit', '--no-fund', '--silent', '--prefix', tmp,
                    'i18n-iso-countries@7'], check=True)
    return os.path.join(tmp, 'node_modules', 'i18n-iso-countries'), tmp


def read_tsv(path):
    rows = []
    with open(path, encoding='utf-8') as f:
        header = None
        for line in f:
            if line.startswith('#') or not line.strip():
                continue
            parts = line.rstrip('\n').split('\t')
            if header is None:
                header = parts
                continue
            parts += [''] * (len(header) - len(parts))
            rows.append(dict(zip(header, parts)))
    return rows


def split_bar(s):
    return [x.strip() for x in s.split('|') if x.strip()] if s else []


ENGLISH_ISO3 = {'AND', 'ARE', 'BEN', 'CAN', 'PER', 'TON', 'MAR', 'DOM', 'GIN', 'TUN', 'COG',
                'COM', 'ARM', 'CUB', 'FIN', 'GAB', 'HUN', 'IRL', 'JAM', 'MAC', 'MLI', 'NOR',
                'PAN', 'POL', 'SOM', 'SEN', 'SUR', 'TGO', 'VAT', 'BHR', 'MEX', 'ALA', 'ASM',
                'GUM', 'NIU', 'PRT', 'SPM', 'TUR', 'IND', 'CHE', 'COD', 'ESP', 'PRY', 'BOL',
                'CHN', 'CYP', 'EST', 'GRC', 'LIE', 'MUS', 'NAM', 'PAK', 'PRI', 'SAU', 'SYC',
                'TCD', 'TON', 'UGA', 'ZAF', 'ISL', 'ITA', 'SWE', 'MDA', 'AUT', 'BEL', 'DMA',
                'GRD', 'HMD', 'LBR', 'MNE', 'SLB', 'SVN', 'TCA', 'BRA', 'ESH', 'GEO', 'NER'}


def build_states(countries_dir, demonyms_path, ucdp_govs):
    en, ar, a3 = load_countries(countries_dir)
    table = {r['iso2']: r for r in read_tsv(demonyms_path)}
    rows = []
    name_to_iso = {}
    for iso2 in sorted(en):
        names = en[iso2] if isinstance(en[iso2], list) else [en[iso2]]
        t = table.get(iso2)
        name = t['name'] if t else names[0]
        aliases = []
        if t:
            aliases += split_bar(t['aliases'])
        aliases += [n for n in names if n != name]
        arn = ar.get(iso2)
        if arn:
            aliases += arn if isinstance(arn, list) else [arn]
        iso3 = a3.get(iso2, '')
        if iso3 and iso3 not in ENGLISH_ISO3:
            aliases.append(iso3)
        elif iso3 in ('PAK', 'IND', 'CHN', 'SAU', 'TUR', 'ITA', 'BRA', 'MEX', 'ZAF', 'ESP',
                      'BEL', 'AUT', 'SWE', 'GRC', 'CYP', 'UGA', 'COD', 'GEO', 'NER'):
            # 3-letter codes that are not English words but look like name stems: only the
            # all-caps spelling matches, so they are safe as acronyms.
            aliases.append(iso3)
        demonyms = split_bar(t['demonyms']) if t else []
        rows.append({'id': 'iso:' + iso2, 'name': name, 'type': 'state', 'aliases': aliases,
                     'country': iso2, 'kind': 'state', 'population': '', 'demonyms': demonyms})
        for n in [name] + aliases:
            name_to_iso.setdefault(match_key(n), iso2)
    # UCDP government names ("Government of Russia (Soviet Union)") add historical names.
    for aid, nd, new in ucdp_govs:
        for n in (nd, new):
            m = re.match(r'^Government of (.*)$', n or '')
            if not m:
                continue
            inner = m.group(1)
            variants_ = [re.sub(r'\s*\(.*\)\s*', '', inner).strip()]
            pm = re.search(r'\(([^)]*)\)', inner)
            if pm:
                variants_.append(pm.group(1).strip())
            iso = None
            for v in variants_:
                iso = name_to_iso.get(match_key(v))
                if iso:
                    break
            if not iso:
                continue
            row = next(r for r in rows if r['country'] == iso)
            for v in variants_ + ['Government of ' + variants_[0]]:
                if match_key(v) not in name_to_iso or name_to_iso[match_key(v)] == iso:
                    if v not in row['aliases'] and v != row['name']:
                        row['aliases'].append(v)
                        name_to_iso.setdefault(match_key(v), iso)
    # Bodies and actors that behave like states in this domain.
    for r in read_tsv(os.path.join(SRC_DIR, 'bodies.tsv')):
        rows.append({'id': 'body:' + r['id'], 'name': r['name'], 'type': r['type'],
                     'aliases': split_bar(r['aliases']), 'country': r['country'],
                     'kind': r['kind'], 'population': '', 'demonyms': split_bar(r.get('demonyms', ''))})
    return rows, name_to_iso, a3


# ----------------------------------------------------------------------------------------
# Places.

FOCUS = set('''SY IQ IL PS LB JO SA YE OM AE QA BH KW IR TR EG CY LY TN DZ MA EH MR SD SS
ML NE BF TD NG SN CM GM GN CI BJ TG GH CF SO ET ER DJ KE UG TZ MZ AF PK IN BD LK NP BT MV
KZ UZ TJ KG TM AZ GE AM'''.split())
ARABIC_SCRIPT_COUNTRIES = set('''SY IQ IL PS LB JO SA YE OM AE QA BH KW IR EG LY TN DZ MA EH
MR SD SO DJ AF PK TD ML NE'''.split())
WORLD_MIN_POP = 15000

ADMIN1_TERMS = {
    'governorate': 'SY IQ EG JO YE LB PS TN KW BH OM',
    'province': 'IR TR AF PK SA DZ TD ZM MZ AO CD KH PH ID AR CN KG TJ KZ',
    'region': 'ML NE BF SN SO ET MA MR GN CI CM GH TZ UZ',
    'state': 'NG SD SS IN US MX MY',
    'district': 'LY UG',
    'emirate': 'AE',
    'division': 'BD',
}
ADMIN1_TERM = {}
for term, ccs in ADMIN1_TERMS.items():
    for c in ccs.split():
        ADMIN1_TERM[c] = term
ADMIN_SUFFIX_RE = re.compile(
    r'\s+(Governorate|Province|Region|State|District|Municipality|Prefecture|Department|'
    r'Emirate|Division|Wilayah|Wilaya|Muhafazah|Mohafazat|Nahiyah|Nahia|Qada|Caza|Cercle|'
    r'Zone|County|Sub-?District|Area|Territory|Agency)$', re.I)


def place_name_ok(n, main=False):
    n = n.strip()
    if len(n) < 3 and not main:
        return False
    if len(n) < 2:
        return False
    if re.search(r'\d', n):
        return False
    if n.isupper() and len(n) <= 4:
        return False  # airport and IATA codes
    if is_arabic(n):
        return True
    if not is_latin(n):
        return False
    if not n[:1].isupper():
        return False  # lower-case romanisation keys ("dmshq")
    k = match_key(n)
    if not k or k in STOPNAMES:
        return False
    toks = k.split()
    if len(toks) == 1 and (toks[0] in STOPNAMES or len(toks[0]) < 3):
        return False
    if not main and len(toks) == 1 and len(toks[0]) < 4:
        return False
    return True


def build_places(geodir, regions_path, state_keys):
    rows = []
    admin1_names = {}
    a1 = json.load(open(os.path.join(geodir, 'admin1.json'), encoding='utf-8'))
    for x in sorted(a1, key=lambda x: x['code']):
        code, name = x['code'], clean(x['name'])
        cc = code.split('.')[0]
        admin1_names[code] = name
        base = ADMIN_SUFFIX_RE.sub('', name).strip()
        aliases = []
        if base != name:
            aliases.append(base)
        term = ADMIN1_TERM.get(cc)
        if term:
            t = term.capitalize()
            for b in {base}:
                for form in (b + ' ' + t, b + ' ' + t.lower()):
                    if form != name and form not in aliases:
                        aliases.append(form)
        if not place_name_ok(name, main=True) and not place_name_ok(base, main=True):
            continue
        if match_key(name) in state_keys or match_key(base) in state_keys:
            # "Jordan" the country, not a province of the same name elsewhere
            aliases = [a for a in aliases if match_key(a) not in state_keys]
            if match_key(name) in state_keys and not aliases:
                continue
        for a in [name] + list(aliases):
            aliases += [v for v in article_forms(a) if v not in aliases]
        rows.append({'id': 'adm1:' + code, 'name': name, 'type': 'place', 'aliases': aliases,
                     'country': cc, 'kind': 'admin1', 'population': '', 'demonyms': []})
    a2 = json.load(open(os.path.join(geodir, 'admin2.json'), encoding='utf-8'))
    for x in sorted(a2, key=lambda x: x['code']):
        code, name = x['code'], clean(x['name'])
        cc = code.split('.')[0]
        if cc not in FOCUS:
            continue
        base = ADMIN_SUFFIX_RE.sub('', name).strip()
        aliases = []
        if base != name and place_name_ok(base, main=True):
            aliases.append(base)
        if not place_name_ok(name, main=True):
            continue
        if match_key(base) in state_keys:
            aliases = [a for a in aliases if match_key(a) not in state_keys]
        for a in [name] + list(aliases):
            aliases += [v for v in article_forms(a) if v not in aliases]
        rows.append({'id': 'adm2:' + code, 'name': name, 'type': 'place', 'aliases': aliases,
                     'country': cc, 'kind': 'admin2', 'population': '', 'demonyms': []})
    with gzip.open(os.path.join(geodir, 'cities500.txt.gz'), 'rt', encoding='utf-8') as f:
        for line in f:
            c = line.rstrip('\n').split('\t')
            if len(c) < 15:
                continue
            gid, name, ascii_, alts, fclass, cc = c[0], c[1], c[2], c[3], c[6], c[8]
            try:
                pop = int(c[14] or 0)
            except ValueError:
                pop = 0
            if cc not in FOCUS and pop < WORLD_MIN_POP:
                continue
            if not place_name_ok(name, main=True):
                if place_name_ok(ascii_, main=True):
                    name = ascii_
                else:
                    continue
            if match_key(name) in state_keys:
                continue  # a city named like a country ("Djibouti", "Kuwait") stays a state
            aliases = []
            seen = {match_key(name)}
            cand = [ascii_] + alts.split(',')
            for a in cand:
                a = a.strip()
                if not a:
                    continue
                if is_arabic(a) and cc not in ARABIC_SCRIPT_COUNTRIES:
                    continue
                if not place_name_ok(a):
                    continue
                k = match_key(a)
                if k in seen or k in state_keys:
                    continue
                if pop < 50000 and not is_arabic(a) and len(k.split()) == 1 and cc not in FOCUS:
                    continue
                seen.add(k)
                aliases.append(a)
            if len(aliases) > 40:
                aliases = aliases[:40]
            for a in [name] + list(aliases):
                for v in article_forms(a):
                    kv = match_key(v)
                    if kv not in seen and kv not in state_keys:
                        seen.add(kv)
                        aliases.append(v)
            rows.append({'id': 'geo:' + gid, 'name': name, 'type': 'place', 'aliases': aliases,
                         'country': cc, 'kind': 'city', 'population': str(pop), 'demonyms': []})
    for i, r in enumerate(read_tsv(regions_path)):
        rows.append({'id': 'region:' + re.sub(r'\W+', '-', r['name'].lower()).strip('-'),
                     'name': r['name'], 'type': 'place', 'aliases': split_bar(r['aliases']),
                     'country': r['country'], 'kind': 'region', 'population': '', 'demonyms': []})
    return rows


# ----------------------------------------------------------------------------------------
# Output.

HEADER = ['id', 'name', 'type', 'aliases', 'country', 'kind', 'population', 'demonyms']


def tsv_field(s):
    return re.sub(r'[\t\n\r|]', ' ', s).strip()


def write_tsv(path, rows, note):
    with open(path, 'w', encoding='utf-8', newline='\n') as f:
        f.write('# ' + note + '\n')
        f.write('# Generated by scripts/build_lexicon.py: do not edit; add names to local.tsv.\n')
        f.write('\t'.join(HEADER) + '\n')
        for r in rows:
            f.write('\t'.join([
                tsv_field(r['id']), tsv_field(r['name']), r['type'],
                '|'.join(tsv_field(a) for a in r['aliases']),
                r.get('country', '') or '', tsv_field(r.get('kind', '') or ''),
                str(r.get('population', '') or ''),
                '|'.join(tsv_field(d) for d in r.get('demonyms', []))]) + '\n')


PERSON_TITLES = {'sheikh', 'sheik', 'shaykh', 'sayyed', 'sayyid', 'seyyed', 'sayed', 'mullah',
                 'mulla', 'maulana', 'mawlana', 'emir', 'amir', 'commander', 'imam', 'hajji',
                 'haji', 'dr', 'general', 'gen', 'colonel', 'president', 'ayatollah', 'hafiz'}
GIVEN_NAMES = set()


def looks_person(n):
    """A group alias that is a person's name ("Hassan Nasrallah", "Sheikh X")."""
    if is_arabic(n) or looks_acronym(n):
        return False
    toks = match_key(n).split()
    if not toks or len(toks) > 5:
        return False
    if any(t in NAME_CUE_WORDS or t in GENERIC_WORDS for t in toks):
        return False
    if toks[0] in PERSON_TITLES:
        return True
    return toks[0] in GIVEN_NAMES and len(toks) >= 2 and toks[0] != 'abu'


def form_rank(n):
    """Prefers mixed-case spellings with a lower-case article ("al-Qaida" over "AL-QAIDA")."""
    words = re.findall(r"[^\W_]{4,}", n)
    shouting = sum(1 for w in words if w.isupper())
    return (shouting, n.count("'") + n.count('\u2019'), 0 if re.search(r'\bal-', n) else 1, n)


def dedup_aliases(name, aliases):
    out = []
    seen = {name}
    seen_keys = {}
    for a in aliases:
        if a in seen:
            continue
        seen.add(a)
        out.append(a)
    return out


# ----------------------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--sources', default=os.path.join(os.path.dirname(REPO), 'shared', 'data', 'sources'))
    ap.add_argument('--out', default=os.path.join(REPO, 'data', 'lexicon'))
    ap.add_argument('--countries', default=None)
    ap.add_argument('--log', default=os.path.join(REPO, 'build-lex', 'build_lexicon.log'),
                    help='conflicts and dropped names (default: build-lex/build_lexicon.log)')
    args = ap.parse_args()
    S = args.sources

    STOPNAMES.update(fold_word(w) for w in read_lines(os.path.join(SRC_DIR, 'stopnames.txt')))
    BROADER_NAMES.update(match_key(w) for w in read_lines(os.path.join(SRC_DIR, 'broader_names.txt')))

    cdir, tmp = find_countries_dir(args.countries)
    try:
        ucdp_groups, ucdp_govs = load_ucdp(os.path.join(S, 'ucdp', 'ucdp-actor-221.csv'), lambda s: '')
        states, name_to_iso, a3 = build_states(cdir, os.path.join(SRC_DIR, 'demonyms.tsv'), ucdp_govs)
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
    iso3_to_2 = {v: k for k, v in a3.items()}

    def country_of(s):
        if not s:
            return ''
        s = re.sub(r'\s*\(.*?\)\s*', ' ', s).strip()
        return name_to_iso.get(match_key(s), '')

    wd = load_wikidata(os.path.join(S, 'wikidata', 'candidates.csv'))
    ucdp_groups, _ = load_ucdp(os.path.join(S, 'ucdp', 'ucdp-actor-221.csv'), country_of)
    un_groups, un_persons = load_un(os.path.join(S, 'un', 'consolidated_un_sc.xml'), country_of)
    ofac = load_ofac(os.path.join(S, 'ofac', 'sdn_2024-05-03.csv'), os.path.join(S, 'ofac', 'alt_2026-02.csv'))
    pet = load_petrarch(os.path.join(S, 'petrarch', 'Phoenix.MilNonState.actors.txt'))
    for r in pet:
        r.country = iso3_to_2.get(r.country, '')
    pet = [r for r in pet if not petrarch_person(r, un_persons)]

    seeds = []
    for i, row in enumerate(read_tsv(os.path.join(SRC_DIR, 'group_seeds.tsv'))):
        r = Rec('seed', str(i + 1), 'group', row['name'], row.get('country', ''), row.get('kind', ''))
        r.add(row['name'], primary=True)
        for a in split_bar(row['aliases']):
            r.add(a)
        seeds.append(r)

    recs = wd + ucdp_groups + un_groups + ofac + pet
    # A country is never another name of a group: PETRARCH's "NATIONAL_LIBERATION_ARMY_
    # (COLOMBIA)" disambiguates by country in capitals, which reads like an acronym.
    # (Three-letter acronyms such as "PAK" stay: they equal a country code, not a name.)
    def country_name(n):
        return match_key(n) in name_to_iso and sum(c.isalpha() for c in n) > 3
    for r in recs:
        r.names = [n for i, n in enumerate(r.names) if i == 0 or not country_name(n)]
    clusters, ambiguous = merge_groups(recs, seeds)

    state_keys = set(name_to_iso)
    # ---- groups rows
    first_counts = collections.Counter()
    for r in un_persons:
        toks = match_key(r.names[0]).split()
        if len(toks) >= 2:
            first_counts[toks[0]] += 1
    GIVEN_NAMES.update(t for t, c in first_counts.items() if c >= 2 and t not in NAME_CUE_WORDS
                       and t not in GENERIC_WORDS and t != 'abu')
    GIVEN_NAMES.update(t for t in STOPNAMES if t in {'ali', 'omar', 'umar', 'ahmed', 'ahmad',
                       'mohammed', 'muhammad', 'mohamed', 'mohammad', 'hassan', 'hasan',
                       'hussein', 'husayn', 'ibrahim', 'ismail', 'khalid', 'khaled', 'mustafa',
                       'yusuf', 'youssef', 'abdullah', 'abdallah', 'salah', 'saleh', 'hamza',
                       'musa', 'isa', 'osama', 'usama'})
    GIVEN_NAMES.update({'imad', 'hasan', 'hassan', 'moktar', 'mokhtar', 'mukhtar', 'ayman',
                        'osama', 'usama', 'abdelmalek', 'abdul', 'abd', 'sami', 'nabil'})
    with open(os.path.join(args.out, 'given_names.txt'), 'w', encoding='utf-8') as f:
        f.write('# Given names (folded) that start persons\' names: first words of at least two\n'
                '# UN-listed persons\' names, plus common Arabic given names. Generated by\n'
                '# scripts/build_lexicon.py; the extractor reads a capitalized name that starts\n'
                '# with one of these as a person even without a cue ("Hassan Nasrallah said").\n')
        for t in sorted(GIVEN_NAMES):
            f.write(t + '\n')
    person_keys = set()
    for r in un_persons:
        for n in r.names:
            k = match_key(n)
            if len(k.split()) >= 2:
                person_keys.add(k)
    group_rows = []
    key_owners = collections.defaultdict(list)  # alias key -> [(score, row index)]
    for members in clusters:
        members = sorted(members, key=lambda r: (SRC_RANK[r.src], r.sid))
        name = choose_name(members)
        if not name:
            continue
        name = re.sub(r'^(the|The) ', '', name)
        srcs_by_key = collections.defaultdict(set)
        primary_keys = set()
        written = {}
        for r in members:
            primary_keys |= r.primaries
            for n in r.names:
                k = match_key(n)
                if not k:
                    continue
                srcs_by_key[k].add(r.src)
                written.setdefault(n, r.src)
        is_seed = members[0].src == 'seed'
        best_form = {}   # key -> written form
        name_key = match_key(name)
        for n in sorted(written, key=lambda n: (SRC_RANK[written[n]], n)):
            ok, why = alias_ok(n, 'group')
            k = match_key(n)
            srcs = srcs_by_key[k]
            if ok and is_generic(n) and not is_seed and (
                    len(k.split()) == 1 or (k not in primary_keys and len(srcs) < 2)):
                ok, why = False, 'generic'
            if ok and k in BROADER_NAMES and k != name_key:
                ok, why = False, 'names a broader movement (src/broader_names.txt)'
            if ok and k in state_keys and not looks_acronym(n):
                ok, why = False, 'state name'
            if ok and k in person_keys and k not in primary_keys:
                ok, why = False, 'person name'
            if ok and k not in primary_keys and looks_person(n):
                ok, why = False, 'looks like a person'
            if ok and len(k.split()) == 1 and not looks_acronym(n) and not is_arabic(n) \
                    and k not in primary_keys and len(srcs) < 2 and not (srcs & {'seed', 'wd'}):
                ok, why = False, 'one word, one source'
            if not ok:
                if k != name_key:
                    log('group %s: dropped alias %r (%s)' % (name, n, why))
                continue
            n = re.sub(r'^(the|The) ', '', n)
            prev = best_form.get(k)
            if prev is None or form_rank(n) < form_rank(prev):
                best_form[k] = n
        best_form.pop(name_key, None)
        aliases = list(best_form.values())
        # spelling variants of short Latin full names (not of every long alias)
        nvar = 0
        for n in [name] + sorted(aliases, key=lambda a: (len(a), a)):
            if looks_acronym(n) or is_arabic(n) or len(match_key(n).split()) > 5:
                continue
            for v in article_forms(n) + variants(n):
                kv = match_key(v)
                if kv in best_form or kv == name_key or kv in state_keys:
                    continue
                best_form[kv] = v
                aliases.append(v)
                nvar += 1
            if nvar >= 12:
                break
        countries = collections.Counter(r.country for r in members if r.country)
        cc = sorted(countries.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] if countries else ''
        kind = next((r.kind for r in members if r.kind), '')
        ids = sorted({'%s:%s' % (r.src, r.sid) for r in members},
                     key=lambda s: (SRC_RANK[s.split(':')[0]], s))
        rid = ids[0]
        if rid.startswith('seed:'):
            rid = ids[1] if len(ids) > 1 else 'seed:' + re.sub(r'\W+', '-', name.lower()).strip('-')
        row = {'id': rid, 'name': name, 'type': 'group', 'aliases': aliases, 'country': cc,
               'kind': kind, 'population': '', 'demonyms': [], '_members': ids,
               '_score': {}}
        for n in [name] + aliases:
            k = match_key(n)
            score = (10 if k == name_key else 0) + (5 if k in primary_keys else 0) + \
                len(srcs_by_key.get(k, ())) + (20 if is_seed else 0)
            row['_score'][k] = max(row['_score'].get(k, 0), score)
        group_rows.append(row)
    # ---- conflicts: one alias key on several groups: keep it on the best-scored ones
    for i, row in enumerate(group_rows):
        for k, s in row['_score'].items():
            key_owners[k].append((s, i))
    for k, owners in sorted(key_owners.items()):
        if len(owners) < 2:
            continue
        best = max(s for s, _ in owners)
        names = ['%s(%d)' % (group_rows[i]['name'], s) for s, i in sorted(owners, key=lambda x: (-x[0], x[1]))]
        log('conflict: %r shared by %s' % (k, ', '.join(names)))
        for s, i in owners:
            if s < best and s < 10:
                row = group_rows[i]
                row['aliases'] = [a for a in row['aliases'] if match_key(a) != k]
    group_rows.sort(key=lambda r: (match_key(r['name']), r['id']))
    seen_ids = set()
    for r in group_rows:
        if r['id'] in seen_ids:
            r['id'] = r['id'] + '+'
        seen_ids.add(r['id'])
        r['aliases'] = sorted(set(r['aliases']) - {r['name']},
                              key=lambda a: (is_arabic(a), looks_acronym(a), a.casefold(), a))
        log('group %s <- %s' % (r['name'], ' '.join(r['_members'])))

    # ---- persons
    person_rows = []
    for r in un_persons:
        name = r.names[0]
        aliases = []
        for n in r.names[1:]:
            toks = match_key(n).split()
            if len(toks) < 2:
                log('person %s: dropped one-word alias %r' % (name, n))
                continue
            ok, why = alias_ok(n, 'person')
            if ok:
                aliases.append(n)
        person_rows.append({'id': 'un:' + r.sid, 'name': name, 'type': 'person',
                            'aliases': sorted(set(aliases) - {name}), 'country': r.country,
                            'kind': '', 'population': '', 'demonyms': []})
    person_rows.sort(key=lambda r: r['id'])

    # ---- states
    for r in states:
        r['aliases'] = dedup_aliases(r['name'], [a for a in r['aliases'] if a and a != r['name']])

    # ---- places
    places = build_places(os.path.join(S, 'geonames'), os.path.join(SRC_DIR, 'regions.tsv'), state_keys)

    os.makedirs(args.out, exist_ok=True)
    write_tsv(os.path.join(args.out, 'groups.tsv'), group_rows,
              'Armed groups, parties, movements (UN, OFAC, UCDP, Wikidata, PETRARCH; see data/SOURCES.md)')
    write_tsv(os.path.join(args.out, 'states.tsv'), states,
              'States (i18n-iso-countries, UCDP, src/demonyms.tsv) and international bodies (src/bodies.tsv)')
    write_tsv(os.path.join(args.out, 'places.tsv'), places,
              'Places (GeoNames admin1/admin2/cities500, src/regions.tsv)')
    write_tsv(os.path.join(args.out, 'persons.tsv'), person_rows,
              'Persons (UN Security Council Consolidated List individuals)')
    os.makedirs(os.path.dirname(os.path.abspath(args.log)), exist_ok=True)
    with open(args.log, 'w', encoding='utf-8') as f:
        for line in LOG:
            f.write(line.replace('\n', ' ') + '\n')
    print('groups %d, states %d, places %d, persons %d; log: %d lines' % (
        len(group_rows), len(states), len(places), len(person_rows), len(LOG)))


if __name__ == '__main__':
    main()
