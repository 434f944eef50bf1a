"""MT5xx: integrity — text damaged on its way through the pipeline.

Glued words, broken encoding (mojibake), doubled words and repeated sentences,
and page boilerplate (share buttons, "read also" links, credits) that leaked into
one version.  Each check uses evidence from the article itself: the other
versions (is the glued form, the repetition or the boilerplate line also in
them?) and the rest of the same version (do the parts of a glued token occur as
words of their own?).
"""

from __future__ import annotations

import math
import re
import unicodedata
from hashlib import blake2b as _blake2b
from array import array
from collections import Counter
from functools import lru_cache
from itertools import islice

try:  # the `regex` module knows \p{L}\p{M}; Devanagari vowel signs are not \w in `re`
    import regex as _rx

    _WORD = _rx.compile(r"[\p{L}\p{M}]+")
except ImportError:  # pragma: no cover
    _WORD = re.compile(r"[^\W\d_]+")

from .base import Check, register

try:
    from anyascii import anyascii
except ImportError:  # pragma: no cover
    def anyascii(s):
        return s

# Languages written without spaces between words: no glued/doubled-word checks.
_UNSPACED = {"zh", "ja", "th", "lo", "km", "my", "bo", "yue", "wuu"}
# Languages that write compounds as one word: a glued token needs case, bigram or function-word evidence.
_COMPOUNDING = {"de", "nl", "fi", "sv", "da", "nb", "nn", "no", "is", "tr", "hu", "et", "ko", "af", "lb", "fo"}
# Agglutinative languages: suffixes look like words (Korean particles 에서, Turkish -siz).
_AGGLUTINATIVE = {"fi", "et", "hu", "tr", "az", "ko"}
# Agglutinative languages that write most compounds apart (Turkish "olay yeri"): two long
# common words run together are glued there (Finnish, Hungarian, Korean join them).
_SPACED_COMPOUNDS = {"tr", "az"}
# Languages that inflect names and words with short endings (Rowletta, Флітвуда): short parts are endings.
_INFLECTING = {"ru", "uk", "be", "bg", "pl", "cs", "sk", "sl", "hr", "sr", "bs", "lt", "lv", "el", "ar", "he"}
# Languages where doubling a word is ordinary grammar (reduplication: "yavaş yavaş", "धीरे धीरे",
# "từ từ"): only very frequent function words and long (inflected) forms are reported when doubled.
# (Indonesian/Malay write reduplication with a hyphen, Korean mostly as one word.)
_REDUPLICATING = {"vi", "hi", "ur", "bn", "mr", "ne", "fa", "tr", "az", "tl", "ta", "te", "ml", "kn", "gu", "pa", "sw", "yo"}
# Doubled words that are grammatical in these languages ("nous nous", "die die").
_DOUBLE_OK = {
    "en": {"had", "that", "is", "very", "really", "so", "far", "many", "more", "ha", "no", "bye"},
    "fr": {"nous", "vous", "ha", "si", "non", "bon"},
    "de": {"die", "der", "das", "dem", "den", "sie", "ha", "ja", "nein"},
    "nl": {"die", "dat", "ha", "ja"},
    "el": {"πολύ", "σιγά", "λίγο", "γρήγορα"},
    "es": {"ja", "sí", "no", "muy"},
    "it": {"ah", "ha", "piano", "pian", "no", "sì"},
    "pt": {"ha", "não", "sim"},
    "ru": {"ха", "да", "нет", "так"},
    "uk": {"ха", "так", "ні"},
    "pl": {"tak", "nie", "ha"},
    "cs": {"ha", "ne", "ano"},
    "fi": {"ha", "joo"},
}
# scripts whose words are short in code points: shorter glued tokens are considered
_SHORT_WORD_SCRIPTS = {"Deva", "Beng", "Guru", "Gujr", "Taml", "Telu", "Knda", "Mlym", "Hang", "Kore"}
_DOUBLE_OK_ALL = {"ha", "ho", "he", "hi", "bla", "roa"}
# Word-forming prefixes written together with the next word in many languages
# (antinavires, Megawattstunde, непробивний, nieznany, κατεργασία): a token that
# starts with one is a compound, not two glued words.
_PREFIXES = {
    # Latin/Greek-based, shared by most European languages
    "anti", "auto", "bio", "contra", "contre", "cyber", "ciber", "eco", "euro", "extra", "geo", "hiper", "hyper",
    "hydro", "infra", "inter", "intra", "kilo", "macro", "maxi", "mega", "giga", "meta", "micro", "mikro",
    "mini", "mono", "multi", "neo", "non", "pan", "para", "photo", "foto", "poli", "poly", "post", "pre",
    "pro", "proto", "pseudo", "radio", "semi", "sub", "super", "supra", "tele", "trans", "tri", "ultra",
    "vice", "tecno", "techno", "video", "vídeo", "agro", "aero", "astro", "electro", "elektro", "neuro",
    "psycho", "psico", "socio", "sobre", "entre", "sotto", "sovra", "fuori", "over", "under", "self",
    # Cyrillic
    "не", "ни", "без", "бес", "пере", "пред", "при", "раз", "роз", "сверх", "над", "под", "пів", "полу",
    "само", "анти", "авто", "нео", "пост", "супер", "контр", "мега", "микро", "мікро", "спец", "меж", "між",
    # Polish, Czech, Slovak
    "nie", "ne", "bez", "przed", "przy", "nad", "pod", "roz", "samo", "współ", "spolu", "nej", "naj", "pół",
    "před", "pře", "při", "polo", "wiki", "після", "за", "по", "до", "від", "об",
    # Greek
    "κατ", "κατα", "αντι", "αντ", "απο", "απ", "δια", "δυσ", "επι", "επ", "μετα", "μετ", "παρα", "παρ",
    "περι", "προ", "συν", "συμ", "υπερ", "υπο", "υπ", "αυτο", "μη", "ανα", "εκ", "εξ", "ημι", "πολυ",
    "νεο", "τηλε", "εν", "συ",
}
# short prefixes that are words of their own elsewhere ("un", "in", "di"): per language
_PREFIXES_LANG = {
    "en": {"un", "in", "im", "re", "co", "ex", "bi", "dis", "mis", "out"},
    "fr": {"re", "ré", "dé", "in", "im", "co", "ex", "bi", "dis", "mal", "sur", "sous"},
    "es": {"re", "in", "im", "des", "dis", "co", "ex", "bi", "mal"},
    "pt": {"re", "in", "im", "des", "dis", "co", "ex", "bi", "mal"},
    "it": {"ri", "re", "in", "im", "dis", "co", "ex", "bi", "mal", "s"},
    "de": {"über", "unter", "vor", "nach", "mit", "aus", "auf", "ein", "an", "ab", "bei", "um", "zu", "gegen",
           "un", "miss", "ur", "ex", "durch", "hinter", "wider", "zurück", "weiter", "voll"},
    "nl": {"over", "onder", "voor", "na", "mee", "uit", "op", "af", "aan", "bij", "om", "toe", "door", "on", "her",
           "ver", "ont", "tegen", "terug"},
    "sv": {"över", "under", "för", "efter", "med", "ut", "upp", "av", "an", "till", "på", "in", "o", "miss"},
    "da": {"over", "under", "for", "efter", "med", "ud", "op", "af", "an", "til", "på", "ind", "u", "mis"},
    "fi": {"epä", "esi", "ali", "yli", "vasta", "koko", "uudel"},
    "tr": {"ön", "ara", "alt", "üst", "karşı"},
    "cs": {"za", "do", "po", "od", "na", "vy", "ob", "roz", "u"},
    "sk": {"za", "do", "po", "od", "na", "vy", "ob", "roz", "u"},
    "pl": {"za", "do", "po", "od", "na", "wy", "ob", "u"},
    "id": {"di", "ke", "se", "ber", "me", "mem", "men", "meng", "pe", "pem", "pen", "per", "ter", "ku", "mu"},
    "ms": {"di", "ke", "se", "ber", "me", "mem", "men", "meng", "pe", "pem", "pen", "per", "ter", "ku", "mu"},
}


# Indic scripts: words are counted in syllables (aksharas), vowel signs are letters
_INDIC_SCRIPTS = {"Deva", "Beng", "Guru", "Gujr", "Orya", "Taml", "Telu", "Knda", "Mlym", "Sinh"}
# suffixes written together with the word they derive from (किस्मत|वाला, दुकान|दार)
_SUFFIXES_LANG = {
    "hi": {"वाला", "वाले", "वाली", "वालों", "वालो", "दार", "दारों", "कार", "पन", "पूर्ण", "पूर्वक", "हीन", "मय", "गत",
           "नुमा", "शील", "रहित", "भरा", "भरी", "भरे"},
    "mr": {"वाला", "वाले", "वाली", "दार", "कार", "पणा", "पूर्ण"},
    "ne": {"वाला", "दार", "कार", "पूर्ण"},
}
_VIRAMAS = {"\u094d", "\u09cd", "\u0a4d", "\u0acd", "\u0b4d", "\u0bcd", "\u0c4d", "\u0ccd", "\u0d4d", "\u0dca"}


def _aksharas(word: str) -> int:
    """Syllables of an Indic word: letters that are not vowel signs and do not follow a virama (ग्रा = 1)."""
    n = 0
    prev = ""
    for ch in word:
        if unicodedata.category(ch) == "Lo" and prev not in _VIRAMAS:
            n += 1
        prev = ch
    return n


def _stems(ctx, vid, vocab):
    """Per version: how many distinct words (of 6+ letters) share each stem = the word minus 0-3 last letters."""

    def compute():
        c: Counter = Counter()
        for w in vocab:
            if len(w) >= 6:
                c.update({w[:len(w) - k] for k in range(4)})
        return c

    return ctx.cached(f"integrity.stems.{vid}", compute)


# text -> its word spans: the vocabulary, the glued-word, repetition and doubled-word
# steps all read the same versions (read-only lists; a few recent texts are kept)
_TOKENS_MEMO: dict[str, list[tuple[int, int]]] = {}


def _tokens(text: str):
    got = _TOKENS_MEMO.get(text)
    if got is None:
        if len(_TOKENS_MEMO) >= 64:
            _TOKENS_MEMO.clear()
        got = _TOKENS_MEMO[text] = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    return got


_LOWS_MEMO: dict[str, list[str]] = {}


def _token_lows(text: str) -> list[str]:
    """The lower-cased words of ``_tokens(text)`` (shared like them; read-only)."""
    got = _LOWS_MEMO.get(text)
    if got is None:
        if len(_LOWS_MEMO) >= 64:
            _LOWS_MEMO.clear()
        got = _LOWS_MEMO[text] = [text[a:b].lower() for a, b in _tokens(text)]
    return got


_FOLD_MEMO: dict[str, str] = {}  # word -> anyascii(word).lower(): words recur across articles


def _ascii_fold(w: str) -> str:
    f = _FOLD_MEMO.get(w)
    if f is None:
        if len(_FOLD_MEMO) >= 200_000:
            _FOLD_MEMO.clear()
        f = _FOLD_MEMO[w] = anyascii(w).lower()
    return f


# ---------------------------------------------------------------------------
# word lists: wordfreq (shipped as a PyPI package) when installed


_M54 = (1 << 54) - 1


def _h(word: str) -> int:
    """A 54-bit hash that is the same in every process (unlike ``hash``), so word
    tables can be cached on disk."""
    return int.from_bytes(_blake2b(word.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "little") & _M54


def _fold(word: str) -> str:
    """Lower-case word without accents (Latin, Greek, Cyrillic marks only; Indic signs are letters)."""
    d = unicodedata.normalize("NFD", word)
    return "".join(ch for ch in d if not (ord(ch) < 0x900 and unicodedata.combining(ch)))


class _Lex:
    """A compact word -> frequency table (about 9 bytes per word instead of ~100 for a dict).

    Each entry is one 64-bit integer: 54 bits of the word's hash and 10 bits of its
    wordfreq band (centibels below 1), sorted and bucketed by the hash's top bits.
    The same layout holds the counts (log-scaled) of word beginnings and endings of
    the frequent words, used to tell inflections (``podważył|aby`` = -łaby) from
    glued words (``découlant|de``: no word ends in -tde)."""

    __slots__ = ("keys", "offs", "shift", "endings", "gkeys", "goffs", "gshift", "_seen")

    def __init__(self, pack, state=None):
        import numpy as np

        self._seen: dict[str, float] = {}  # recent lookups (bounded)
        if state is not None:
            self._restore(state)
            return

        entries: list[int] = []
        for i, bucket in enumerate(pack):
            band = min(i, 1023)
            entries.extend([(_h(w) << 10) | band for w in bucket])
        self.keys, self.offs, self.shift = self._table(entries, np)
        del entries
        words = []
        for bucket in pack:
            words.extend(w for w in bucket if len(w) >= 5)
            if len(words) >= 60000:
                break
        tails: Counter = Counter(w[-k:] for w in islice(words, 25000) for k in (2, 3))
        n = max(min(len(words), 25000), 1)
        self.endings = {k: 100.0 * x / n for k, x in tails.items() if x * 100.0 / n >= 0.5}
        table = {ord(c): _fold(c) for c in set("".join(words)) if _fold(c) != c}
        folded = [w.translate(table) for w in words]
        grams: Counter = Counter()
        for k in range(2, 7):
            if k < 6:
                grams.update(["$" + f[-k:] for f in folded if len(f) > k])
            grams.update([f[:k] + "^" for f in folded if len(f) > k])
        self.gkeys, self.goffs, self.gshift = self._table(
            [(_h(g) << 10) | min(int(round(100 * math.log10(c))), 1023)
             for g, c in grams.items() if c >= 5], np)

    def state(self) -> dict:
        """The tables as plain arrays and numbers (see :func:`_lexicon`'s disk cache)."""
        import numpy as np

        return {
            "keys": np.frombuffer(self.keys.tobytes(), dtype=np.uint64),
            "offs": np.frombuffer(self.offs.tobytes(), dtype=np.uint32),
            "gkeys": np.frombuffer(self.gkeys.tobytes(), dtype=np.uint64),
            "goffs": np.frombuffer(self.goffs.tobytes(), dtype=np.uint32),
            "shifts": np.array([self.shift, self.gshift], dtype=np.int64),
            "end_keys": np.array(list(self.endings), dtype=object).astype(str),
            "end_vals": np.array(list(self.endings.values()), dtype=np.float64),
        }

    def _restore(self, st) -> None:
        self.keys = array("Q", st["keys"].tobytes())
        self.offs = array("I", st["offs"].tobytes())
        self.gkeys = array("Q", st["gkeys"].tobytes())
        self.goffs = array("I", st["goffs"].tobytes())
        self.shift, self.gshift = (int(x) for x in st["shifts"])
        self.endings = {str(k): float(v) for k, v in zip(st["end_keys"], st["end_vals"])}

    @staticmethod
    def _table(entries, np):
        arr = np.array(entries, dtype=np.uint64)
        arr.sort()
        bits = max(4, (len(entries) // 4).bit_length())
        shift = 64 - bits
        offs = np.searchsorted(arr, np.arange((1 << bits) + 1, dtype=np.uint64) << np.uint64(shift))
        # (1 << bits) << shift is 2**64, which wraps to 0: the last bucket ends at the end
        offs[-1] = len(arr)
        return array("Q", arr.tobytes()), array("I", offs.astype(np.uint32).tobytes()), shift

    @staticmethod
    def _find(keys, offs, shift, key) -> int:
        h = _h(key)
        b = (h << 10) >> shift
        for e in keys[offs[b]:offs[b + 1]]:
            if e >> 10 == h:
                return e & 1023
        return -1

    def get(self, word: str, default: float = 0.0) -> float:
        f = self._seen.get(word)
        if f is None:
            band = self._find(self.keys, self.offs, self.shift, word)
            f = 10.0 ** (-band / 100.0) if band >= 0 else 0.0
            if len(self._seen) >= 20000:
                self._seen.clear()
            self._seen[word] = f
        return f if f > 0 else default

    def __contains__(self, word: str) -> bool:
        return self._find(self.keys, self.offs, self.shift, word) >= 0

    def gram(self, g: str) -> float:
        """How many frequent words (of 5+ letters) end with ``$g`` / start with ``g^`` (0 when < 5)."""
        v = self._find(self.gkeys, self.goffs, self.gshift, g)
        return 10.0 ** (v / 100.0) if v >= 0 else 0.0


@lru_cache(maxsize=64)
def _lexicon(language: str):
    """A compact word list of the language from wordfreq (built on first use, cached per process).

    The wordfreq file is read directly (``read_cBpack``): wordfreq's own lookups keep
    its full dict of every language in memory for the life of the process."""
    try:
        from wordfreq import available_languages, read_cBpack
    except ImportError:  # pragma: no cover - optional
        return None
    try:
        path = available_languages("best").get(language)
        if not path:
            return None
        cached = _cache_file(language, path)
        if cached is not None:
            try:
                import numpy as np

                with np.load(cached, allow_pickle=False) as st:
                    return _Lex(None, state=dict(st))
            except (OSError, ValueError, KeyError):
                pass
        lex = _Lex(read_cBpack(path))
        _save_cache(language, path, lex)
        return lex
    except Exception:  # pragma: no cover - broken data
        return None


_CACHE_VERSION = 1


def _cache_path(language: str, source: str) -> str:
    import os

    try:
        stamp = f"{os.path.getsize(source)}-{int(os.path.getmtime(source))}"
    except OSError:
        stamp = "x"
    folder = os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "mtcheck")
    return os.path.join(folder, f"lex{_CACHE_VERSION}-{language}-{stamp}.npz")


def _cache_file(language: str, source: str) -> str | None:
    import os

    p = _cache_path(language, source)
    return p if os.path.isfile(p) else None


def _save_cache(language: str, source: str, lex: "_Lex") -> None:
    """Keep the built table on disk: building it costs 0.3-0.6 s per language and process."""
    import os
    import tempfile

    import numpy as np

    p = _cache_path(language, source)
    try:
        os.makedirs(os.path.dirname(p), exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=os.path.dirname(p), suffix=".npz.tmp")
        with os.fdopen(fd, "wb") as fh:
            np.savez(fh, **lex.state())
        os.replace(tmp, p)
    except OSError:
        pass


def _zipf(lex, word: str) -> float:
    f = lex.get(word, 0.0) if lex else 0.0
    return math.log10(f) + 9.0 if f > 0 else 0.0


def _endings(language: str) -> dict[str, float]:
    """Share (in %) of the 25,000 most frequent words of 5+ letters ending in each 2- and 3-letter tail."""
    lex = _lexicon(language)
    return lex.endings if lex else {}


_LATIN_RE = re.compile("[a-z]")


def _is_latin(ch: str) -> bool:
    o = ord(ch)
    return o < 0x250 and ch.isalpha() or 0x1E00 <= o < 0x1F00


# a listed word below this frequency (zipf 1.5) may be a typo of two words the web often makes
_RARE = 10.0 ** (1.5 - 9.0)
# Languages whose particles and endings attach to Latin names (Twitter에, Twitterで, Twitterを).
_LATIN_ATTACH = {"ko", "ja", "zh", "th", "lo", "km", "my", "bo", "yue", "wuu", "mn"}
# Clitics written together with any following word, Latin names included (Arabic الـ, وبـ).
_ATTACHED = {
    "ar": {"ال", "وال", "بال", "لل", "فال", "كال", "وب", "ول", "فب", "ولل"},
    "fa": {"ها", "های", "ای"},
    "ur": {"ها"},
    "he": {"וה", "שה", "מה", "בה", "לה", "כש", "וב", "ול", "ומ", "וש", "שב", "של", "מש"},
}


def _common_pair(parts, lex, language: str) -> bool:
    """Two words common enough that running them together is no compound (alguns|tratamentos,
    document|écrit).  Where words carry case endings and clitics (Russian, Arabic), both long
    and frequent (الخطوة|التالية)."""
    z = [_zipf(lex, p) for p in parts]
    if language in _INFLECTING:
        return all(len(p) >= 5 for p in parts) and min(z) >= 4.5
    return all(len(p) >= 4 for p in parts) and min(z) >= 3.8 and sum(z) >= 9.0


def _function_pair(parts, lex, language: str) -> bool:
    """Two parts: a very frequent short word (de, da, się, être) and a word of 5+ letters that
    is in the word list (document|écrit is two common words, devra|être, acclamato|da)."""
    if lex is None or len(parts) != 2:
        return False
    a, b = parts
    if len(b) <= 4 and _zipf(lex, b) >= 6.0:  # word|function word
        return len(a) >= 5 and _zipf(lex, a) >= 3.0
    # function word|word; where prepositions are also verb prefixes (про|бачимо, za|chodzi),
    # only a word after a function word that is no prefix
    return language not in _INFLECTING and len(a) <= 4 and _zipf(lex, a) >= 6.0 and len(b) >= 5 \
        and _zipf(lex, b) >= 3.0


def _article_vocab(ctx):
    """Per version: Counter of lower-cased words; all versions: Counter of words; bigrams per
    language (words written apart by a space); ASCII forms of the article's non-ASCII words."""

    def compute():
        per: dict[str, Counter] = {}
        bigrams: dict[str, set] = {}
        folded: set = set()
        allw: Counter = Counter()
        for v in ctx.article.versions:
            text = v.check_text
            spans = _tokens(text)
            toks = _token_lows(text)
            c = Counter(toks)
            per[v.id] = c
            for w in c:
                allw[w] += 1
            bg = bigrams.setdefault(v.language, set())
            # only words written apart by a space ("Wellness-Experten" is no evidence for "Wellness Experten")
            bg.update((toks[i], toks[i + 1]) for i in range(len(toks) - 1)
                      if text[spans[i][1]:spans[i + 1][0]].isspace())
        # names written without their diacritics in some versions (Thorbjørn / Thorbjorna)
        for w in list(allw):
            if not w.isascii():
                f = _ascii_fold(w)
                if f != w and f.isalpha() and f.isascii():
                    folded.add(f)
        return per, allw, bigrams, folded

    return ctx.cached("integrity.vocab", compute)


# ---------------------------------------------------------------------------


@register
class GluedWords(Check):
    """Several words run together into one token.

    Why: lost spaces come from broken HTML extraction, OCR or a post-editing
    tool; the sentence becomes hard to read and every later step (search, names,
    terminology) misses the words.

    A token is reported only when the article itself says so: it occurs once in
    its version and in no other version, is not a known word of the language
    (word list from the ``wordfreq`` package when installed), and it splits into
    words that do occur on their own in this version (or at a case change,
    ``dieRegierung``).  Compounds of German, Finnish, Dutch, Turkish... need
    stronger evidence (a case change, or the two words written apart elsewhere
    in the article); brand names (iPhone, OpenAI, YouTube, McDonald) occur in
    the other versions too and are left alone, as are hashtags and handles.

    Without any part written on its own, two words of the word list are enough
    when the pair is plain: a very frequent short word beside a listed word
    (``devraêtre``, ``acclamatoda``, ``Eletinha``), two common words where
    compounds are not written as one (``documentécrit``; Turkish
    ``Olayınüzerinden``), three words (``chacunedeces``).  A Latin word run into
    a frequent word of another script is glued (``Twitterपर``, ``إلىNottingham``),
    except where particles attach to names (Korean ``Twitter에``, Japanese).
    Vietnamese writes every syllable apart: ``hồsơ`` is two.  Korean spacing is
    loose and Finnish compounds are words, so both stay silent without a case
    change or a function word in front.

    Example: ``... mais qu'il doit être consolidé.openaiexisterialeader dans le
    domaine`` and ``la société publieraitun nouveau modèle``.
    """

    code = "MT501"
    name = "integrity.glued-words"
    severity = "warning"
    options = {
        "min_length": (int, 6, "shortest token considered"),
    }

    def run(self, ctx):
        per, allw, bigrams, folded = _article_vocab(ctx)
        min_len = ctx.option(self, "min_length")
        n_versions = len(ctx.article.versions)
        for v in ctx.article.versions:
            if v.language in _UNSPACED:
                continue
            vocab = per[v.id]
            bg = bigrams.get(v.language, set())
            text = v.check_text
            shortest = min(min_len, 4) if v.script in _SHORT_WORD_SCRIPTS or v.language == "vi" else min_len
            indic = v.script in _INDIC_SCRIPTS
            lex: dict | None = None
            loaded = False
            for a, b in _tokens(text):
                tok = text[a:b]
                if len(tok) < shortest:
                    continue
                if a and text[a - 1] in "#@_/\\.-" and not (text[a - 1] == "." and a >= 2 and text[a - 2].isalpha()):
                    continue
                if b < len(text) and text[b] in "_@/\\-":
                    continue
                low = tok.lower()
                if vocab[low] > 1:
                    continue
                if n_versions > 1 and allw[low] > 1:  # the same form in another version: a name/brand
                    continue
                if not loaded:  # the word list is loaded only when a candidate needs it
                    lex, loaded = _lexicon(v.language), True
                if lex is not None and lex.get(low, 0.0) > 0 and not (
                        lex.get(low) < _RARE and v.language not in _COMPOUNDING and self._frequent_pair(low, lex)):
                    continue  # a word (but "primeravez" and "quivous" are typos the word list has seen)
                mixed = self._script_change(tok, v.language, lex) if not low.isascii() and _LATIN_RE.search(low) \
                    else None
                if mixed is not None:
                    yield self._glued(ctx, v.id, a, b, tok, mixed,
                                      "a word in another script run into a word of the language")
                    continue
                if v.language == "vi":  # one syllable per word: glued syllables (hồsơ, đangnỗlực)
                    parts = self._syllables(low, lex)
                    if parts is not None:
                        yield self._glued(ctx, v.id, a, b, tok, parts, "Vietnamese writes each syllable apart")
                        continue
                    if len(tok) < min_len:
                        continue
                if indic and _aksharas(low) < 3:
                    continue  # जोको: two syllables are a word (a name), not two words
                found = self._judge(tok, low, v.language, vocab, bg, lex, allw, folded, indic,
                                    lambda: _stems(ctx, v.id, vocab), Repetition._lowercased(ctx, v))
                if found is None:
                    continue
                parts, conf, why = found
                yield ctx.finding(
                    self, v.id, a, b,
                    message=f"glued words: '{tok}' looks like '{' '.join(parts)}' ({why})",
                    expected=" ".join(parts),
                    confidence=conf,
                )

    @staticmethod
    def _syllables(low, lex):
        """Vietnamese: a token that is 2-3 frequent syllables, at least two with Vietnamese
        letters or tone marks (hồ|sơ, chỉ|là); names and loanwords are written in plain ASCII."""
        if lex is None or low.isascii():
            return None
        n = len(low)

        def syl(p):
            return len(p) <= 7 and _zipf(lex, p) >= 4.5

        def ok(parts):
            return sum(not p.isascii() for p in parts) >= 2

        for i in range(1, n):
            a, b = low[:i], low[i:]
            if syl(a) and syl(b) and ok([a, b]):
                return [a, b]
        for i in range(1, n - 1):
            for j in range(i + 1, n):
                parts = [low[:i], low[i:j], low[j:]]
                if all(syl(p) for p in parts) and ok(parts):
                    return parts
        return None

    @staticmethod
    def _frequent_pair(low, lex) -> bool:
        """Does a rare listed word split into two very frequent words (primera|vez, qui|vous)?"""
        return any(_zipf(lex, low[:i]) >= 5.0 and _zipf(lex, low[i:]) >= 5.0 for i in range(2, len(low) - 1))

    @staticmethod
    def _script_change(tok, language, lex):
        """``Twitterपर``, ``إلىNottingham``: a Latin word and a frequent word of the language's own
        script in one token.  Not where particles attach to names (Korean Twitter에, Japanese
        Twitterで) and not for single letters (Russian Twitterа is an inflection)."""
        if lex is None or language in _UNSPACED or language in _LATIN_ATTACH or tok.isascii():
            return None
        kinds = [_is_latin(ch) for ch in tok]
        cuts = [i for i in range(1, len(tok)) if kinds[i] != kinds[i - 1]
                and unicodedata.category(tok[i]) not in ("Mn", "Mc")]
        if len(cuts) != 1:
            return None
        a, b = tok[:cuts[0]], tok[cuts[0]:]
        latin, own = (a, b) if kinds[0] else (b, a)
        if _is_latin(own[0]) or not own.isalpha() and not all(
                ch.isalpha() or unicodedata.category(ch) in ("Mn", "Mc") for ch in own):
            return None
        low = own.lower()
        if len(latin) < 2 or len(low) < 2 or low in _ATTACHED.get(language, ()) or _zipf(lex, low) < 5.0:
            return None
        if _zipf(lex, tok.lower()) > 0:
            return None
        return [a, b]

    def _glued(self, ctx, vid, a, b, tok, parts, why):
        """A glued-word finding whose evidence is ``why`` rather than a word-list split."""
        return ctx.finding(self, vid, a, b,
                           message=f"glued words: '{tok}' looks like '{' '.join(parts)}' ({why})",
                           expected=" ".join(parts), confidence=0.8)

    @classmethod
    def _judge(cls, tok, low, language, vocab, bg, lex, allw, folded=frozenset(), indic=False, stems=None,
               lowered=False):
        """(parts, confidence, reason) when ``tok`` is words run together, else None.

        ``lowered``: the version is all lower case, so any word may be a name (as a
        capitalised word may be in cased text)."""
        cap = tok[0].isupper() or lowered
        split = cls._camel(tok, vocab, bg, lex)
        if split is not None:
            return split[0], split[1], "case change"
        ascii_low = anyascii(low).lower() if folded and not low.isascii() else low
        for k in (1, 2, 3):  # an inflected form of a word of the article: Квинтон|а, Tellis|e, Raman|in
            stem, ending = low[:-k], low[-k:]
            if len(stem) >= 4 and (allw[stem] or ascii_low[:-k] in folded) and _zipf(lex, ending) < 5.5 and not (
                    k == 3 and _zipf(lex, ending[1:]) >= 5.5 and _zipf(lex, stem + ending[0]) > 0):
                return None  # (but standard|ůuž is standardů|už)
            if len(stem) >= 4 and cap and k <= 2 and (allw[stem] or stem in folded) and not (
                    k == 2 and language not in _INFLECTING and language not in _AGGLUTINATIVE
                    and _zipf(lex, ending) >= 6.0):
                return None  # a name with a case ending: Thorbjorn|a where the others write Thorbjørn
                # (not Widodo|ha, Jahr|in: Italian and German names take no endings)
        prefixes = _PREFIXES | _PREFIXES_LANG.get(language, set())
        for n in range(2, min(len(low) - 2, 7)):  # prefix + known word: a compound (antinavires)
            if low[:n] in prefixes and (vocab[low[n:]] or _zipf(lex, low[n:]) > 0):
                return None
        if indic and lex:
            for i in range(2, len(low) - 1):  # a word + a suffix in vowel signs: मज़ाक|िया
                if unicodedata.category(low[i]) in ("Mc", "Mn") and low[i] not in "\u094d\u093c" \
                        and _zipf(lex, low[:i]) >= 3.0 and 2 * i >= len(low):
                    return None
        compounding = language in _COMPOUNDING
        split = cls._split(low, vocab, lex, bg, compounding, language, indic)
        if split is None:
            return None
        parts, conf = split
        head = _fold(parts[0])
        if _zipf(lex, parts[0]) < 4.5 and any(
                head[:n] in prefixes and _zipf(lex, head[n:]) >= 3.0 for n in range(3, min(len(head) - 2, 7))):
            return None  # a prefixed compound of several words: méga|watt|heures, przeciw|okręt|owych
        if parts[0] in prefixes and (len(parts) == 2 or (lex and parts[0] + parts[1] in lex) or not all(
                len(p) >= 5 and _zipf(lex, p) >= 3.0 for p in parts[1:])):
            return None  # a prefixed word (przed|wojenny); przed|zakończeniem|pierwszej is three words
        last = parts[-1]
        if indic:
            # words join suffixes (किस्मत|वाला) and compounds (मत|संग्रह): only a short frequent
            # postposition or auxiliary after the word is a lost space (हद|तक, रह|गए)
            if last in _SUFFIXES_LANG.get(language, ()) or _aksharas(last) > 2 or _zipf(lex, last) < 5.9:
                return None
        share = _endings(language).get(last, 0.0) if len(last) <= 3 and lex else 0.0
        if share >= 0.6 and (not lex.gkeys or share >= 4.0 or lex.gram("$" + _fold(parts[-2][-1:] + last))
                             >= 0.03 * lex.gram("$" + _fold(last))):
            # a common word ending, not a word: amar|ou, nowe|go, ronde|nya, Путин|а
            # (but hardly a word ends in -tde or -ode: découlant|de, reflexo|de)
            return None
        for p in parts[1:]:
            if len(p) >= 4 and lex and lex.gram("$" + _fold(p)) >= 20 and _zipf(lex, p) < 4.0:
                return None  # the part is a word ending, not a word: przeciwokręt|owych, layak|annya
        if cap and len(last) < 4 and (
                language in _INFLECTING or language == "el" or
                (_zipf(lex, last) < 6.0 or (_zipf(lex, parts[0]) < 3.5 and not vocab[parts[0]]) if lex else True)) \
                and not (language != "el" and len(last) >= 2 and _zipf(lex, last) >= 6.5 and len(parts[-2]) >= 4
                         and _zipf(lex, parts[-2]) >= 3.5):
            return None  # a name with a case ending: Spietha, Лівінгстону, Квинтон|а, Κουίν|τον
            # (but a common word and a function word are two words: Ogromnie|się; Greek endings
            # -τον, -του are its articles)
        if language in _INFLECTING and len(parts) == 2 and parts[0][-1:] in ("о", "е", "o", "e", "ο", "α", "ι") \
                and len(parts[-1]) >= 4 and _zipf(lex, parts[0]) < 5.5 and conf < 0.85:
            return None  # a compound with a linking vowel: водо|провод, ηλεκτρο|λόγος
        if lex and not indic and cls._inflection(low, parts, lex):
            return None
        if stems is not None and cls._other_form(low, parts, stems()):
            return None
        return parts, conf, "its parts occur as words" if all(vocab[p] for p in parts) else "its parts are words"

    @staticmethod
    def _inflection(low, parts, lex) -> bool:
        """Is a boundary of the split an ordinary inflection or derivation of the language?

        Many frequent words end with the last letter before the boundary plus the short
        part after it (podważył|aby: -łaby, parir|los: -rlos, fühlen|dem: -ndem,
        presiden|sial: -nsial, άστα|των: -ατων), or begin with a short first part plus
        the next two letters (em|bateram: emba-).  Glued words make rare sequences
        (découlant|de: no word ends in -tde)."""
        f = _fold(low)
        if len(f) != len(low):
            return False
        pos = 0
        for a, b in zip(parts, parts[1:]):
            pos += len(a)
            if len(b) <= 4 and len(a) >= 2:
                whole = lex.gram("$" + f[pos - 1:pos + len(b)])
                if whole >= 5 and whole >= 0.2 * lex.gram("$" + f[pos:pos + len(b)]):
                    return True
            if pos <= 4 and len(b) >= 2:
                whole = lex.gram(f[:pos + 2] + "^")
                if whole >= 5 and whole >= 0.12 * lex.gram(f[:pos] + "^"):
                    return True
        return False

    @staticmethod
    def _other_form(low, parts, stems) -> bool:
        """Another form of the same word in this version crosses the boundary: συντηρούν|των
        beside συντηρούντες (shared stem συντηρούντ-)."""
        cut = len(parts[0])
        for k in range(1, 4):
            stem = low[:len(low) - k]
            if len(stem) <= cut or len(stem) < 5:
                break
            if stems.get(stem, 0) >= 2:  # the token itself and another word
                return True
        return False

    @staticmethod
    def _camel(tok, vocab, bg, lex):
        """Split at lower->upper case changes: ``dieRegierung``, ``NewYork``, ``noChannel``."""
        cuts = [i for i in range(1, len(tok)) if tok[i].isupper() and tok[i - 1].islower()]
        if not cuts:
            return None
        parts = []
        prev = 0
        for c in cuts + [len(tok)]:
            parts.append(tok[prev:c])
            prev = c
        first = parts[0]
        lows = [p.lower() for p in parts]
        if any(len(p) < 2 for p in lows) or any(not p.isalpha() for p in lows):
            return None
        # iPhone, eBay, McDonald, MacBook, DiCaprio, LeBron, O'Neill-style prefixes
        if first.lower() in {"mc", "mac", "di", "de", "le", "la", "van", "von", "du", "da", "al", "el", "o", "ibn", "bin"}:
            return None
        if len(first) <= 2:
            # a short function word glued to a name (noChannel): the word must be a frequent
            # lower-case word and the rest a word written on its own in the article
            if not (first.islower() and _zipf(lex, lows[0]) >= 5.5 and all(vocab[p] for p in lows[1:])):
                return None
            return parts, 0.7
        if any((x, y) in bg for x, y in zip(lows, lows[1:])):
            return parts, 0.9
        if first[0].islower() and (vocab[lows[0]] >= 2 or _zipf(lex, lows[0]) >= 4.0) and \
                all(vocab[p] or _zipf(lex, p) > 3.0 for p in lows[1:]):
            return parts, 0.8
        if first.isalpha() and first.islower() and _zipf(lex, lows[0]) >= 5.0 and len(parts) == 2 and len(parts[1]) >= 3:
            return parts, 0.75  # a frequent lower-case word run into a name or noun: przez|Baggota, einen|Militärsprecher
        return None

    @staticmethod
    def _split(low, vocab, lex, bg, compounding, language="", indic=False):
        """Best split of an unknown lower-cased token into 2-3 words (frequent enough for their length)."""

        memo: dict[str, bool] = {}

        def known(p):
            r = memo.get(p)
            if r is None:
                r = memo[p] = _known(p)
            return r

        def _known(p):
            if indic:  # lengths in syllables; a part cannot start with a vowel sign
                if unicodedata.category(p[0]) in ("Mn", "Mc"):
                    return False
                n = _aksharas(p) + 1
            else:
                n = len(p)
            if n < 2:
                return False
            c = vocab.get(p, 0)
            if lex is None:
                return c >= (3 if n == 2 else 1)
            f = lex.get(p, 0.0)  # thresholds in zipf: 5.5, 4.3, 3.3, 2.3, 1.5
            if n == 2:
                return f >= 3.16e-4
            if n == 3:
                return f >= 2.0e-5 or (c >= 2 and f > 0)
            if c >= 1:
                return True
            return f >= (2.0e-6 if n == 4 else 2.0e-7 if n <= 6 else 3.2e-8)

        def separate(p):  # occurs on its own in this version
            return vocab[p] >= 1

        n = len(low)
        best = best3 = None
        for i in range(2, n - 1):
            p1 = low[:i]
            if not known(p1):
                continue
            rest = low[i:]
            if known(rest):
                score = (not compounding and bool(vocab[p1] or vocab[rest]), min(i, n - i),
                         _zipf(lex, p1) + _zipf(lex, rest))
                if best is None or score > best[0]:
                    best = (score, [p1, rest])
            for j in range(i + 2, n - 1):
                p2, p3 = low[i:j], low[j:]
                if known(p2) and known(p3):
                    score = (not compounding and bool(vocab[p1] and vocab[p2] and vocab[p3]),
                             min(len(p1), len(p2), len(p3)) - 1, 0.0)
                    if best is None or score > best[0]:
                        best = (score, [p1, p2, p3])
                    if best3 is None or score > best3[0]:
                        best3 = (score, [p1, p2, p3])

        def three_words(parts):  # sabor|de|la, chacune|de|ces: long words and very frequent short ones
            return len(parts) == 3 and not compounding and all(
                len(p) >= 5 and _zipf(lex, p) >= 2.0 or len(p) <= 3 and _zipf(lex, p) >= 6.0 for p in parts)

        if best is not None:
            parts = best[1]
            # written apart elsewhere in the article; not evidence where compounds are one word
            # (another MT output's "Wellness Experten" does not make "Wellnessexperten" wrong)
            pairs = any(pair in bg for pair in zip(parts, parts[1:]))
            if pairs and (not compounding or language == "ko"):
                return parts, 0.85
            if not indic and not any(separate(p) for p in parts) and not (
                    len(parts) == 2 and _common_pair(parts, lex, language)) and not (
                    len(parts) == 2 and (not compounding or language in _SPACED_COMPOUNDS)
                    and _function_pair(parts, lex, language)) and not (
                    three_words(parts)):
                if best3 is None or not three_words(best3[1]) or language in _INFLECTING:
                    return None  # no part on its own in this version and not two common words (alla|rete)
                parts = best3[1]  # chacune|deces is no pair of words, chacune|de|ces three
            if compounding:
                # compounds are one word there: a function word (und, der, ja) inside the token;
                # agglutinative languages add suffixes that look like words, so only a
                # function word in front counts there (on|käytetty, ve|insan)
                if language in _AGGLUTINATIVE:
                    if language != "ko" and len(parts[0]) <= 3 and _zipf(lex, parts[0]) >= 6.5:
                        return parts, 0.7
                    if language in _SPACED_COMPOUNDS and len(parts) == 2 and all(
                            len(p) >= 5 and _zipf(lex, p) >= 4.0 for p in parts) \
                            and lex.gram("$" + _fold(parts[1])) < 5:  # (not a suffix: delik|lerde)
                        return parts, 0.6  # two common inflected words: söylüyor|çünkü, olayın|üzerinden
                    if language in _SPACED_COMPOUNDS and len(parts) == 2 and len(parts[1]) >= 3 \
                            and _function_pair(parts, lex, language) and lex.gram("$" + _fold(parts[1])) < 5:
                        return parts, 0.6  # a word and a frequent word that is no suffix: hisseleri|aynı
                    return None
                if any(len(p) <= 3 and _zipf(lex, p) >= 5.8 for p in parts[1:]) or \
                        (len(parts[0]) <= 3 and _zipf(lex, parts[0]) >= 6.5):
                    return parts, 0.7
                return None
            if lex is None and not all(vocab[p] >= 1 for p in parts):
                return None  # no word list: only splits whose parts are all words of this version
            if len(parts) == 3 and min(map(len, parts)) <= 2 and not all(separate(p) for p in parts) and (
                    indic or any(len(p) <= 2 and _zipf(lex, p) < 6.0 for p in parts)):
                return None  # cevapla|ya|bilir, माइक्रो|ने|शिया: a short part that is not a frequent word
            return parts, 0.75
        # a long unknown token that starts or ends with a frequent word of this version
        if not compounding and lex is not None and n >= 14:
            for i in range(n - 5, 3, -1):
                head, tail = low[:i], low[i:]
                if vocab[head] >= 2 and len(tail) >= 6:
                    return [head, tail], 0.5
                if vocab[low[n - i:]] >= 2 and n - i >= 6:
                    return [low[:n - i], low[n - i:]], 0.5
        return None


# ---------------------------------------------------------------------------
# encoding

# characters that UTF-8 bytes 0x80-0xFF turn into when read as cp1252 / latin-1
_CP1252_HIGH = "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in range(0x80, 0x100))
_MOJI_RUN = re.compile("[" + re.escape(_CP1252_HIGH) + "]{2,}")
_CP1251_HIGH = "".join(bytes([b]).decode("cp1251", errors="ignore") or chr(b) for b in range(0x80, 0x100))
_MOJI_1251 = re.compile("(?:[РСТ][" + re.escape(_CP1251_HIGH[:0x40]) + "]){2,}")
_CLOSING = "»”’“‘…–—•›‹„"
_MOJI_1251_LOW = re.compile("(?:[рс][" + re.escape(_CP1251_HIGH[:0x40].lower() + _CP1251_HIGH[:0x40]) + "]){2,}")
_FFFD = re.compile("\ufffd+")


def _to_bytes(s: str, codec: str) -> bytes | None:
    out = bytearray()
    for ch in s:
        try:
            out += ch.encode(codec)
        except UnicodeEncodeError:
            o = ord(ch)
            if 0x80 <= o <= 0x9F:
                out.append(o)
            else:
                return None
    return bytes(out)


_SCRIPT_RANGES = {
    "Cyrl": ((0x400, 0x52F),), "Grek": ((0x370, 0x3FF), (0x1F00, 0x1FFF)), "Arab": ((0x600, 0x6FF),),
    "Hebr": ((0x590, 0x5FF),), "Deva": ((0x900, 0x97F),), "Thai": ((0xE00, 0xE7F),), "Geor": ((0x10A0, 0x10FF),),
    "Hani": ((0x3000, 0x9FFF), (0xFF00, 0xFFEF)), "Hans": ((0x3000, 0x9FFF), (0xFF00, 0xFFEF)),
    "Hant": ((0x3000, 0x9FFF), (0xFF00, 0xFFEF)), "Jpan": ((0x3000, 0x9FFF), (0xFF00, 0xFFEF)),
    "Kore": ((0x3000, 0x9FFF), (0xAC00, 0xD7AF), (0x1100, 0x11FF)), "Hang": ((0xAC00, 0xD7AF), (0x3000, 0x9FFF)),
}
_COMMON_RANGES = ((0xA0, 0x24F), (0x1E00, 0x1EFF), (0x2000, 0x20CF), (0x2100, 0x218F))


def _plausible(dec: str, script: str = "Latn") -> bool:
    """Is the repaired text made of characters this version's language uses?"""
    ranges = _COMMON_RANGES + _SCRIPT_RANGES.get(script, ())
    for ch in dec:
        o = ord(ch)
        if o < 0x80 or any(lo <= o <= hi for lo, hi in ranges):
            continue
        return False
    return True


def _repair(run: str, codec: str, script: str = "Latn") -> tuple[str, int] | None:
    """Decode the mojibake sequences inside ``run``; (repaired text, number of multibyte chars)."""
    raw = _to_bytes(run, codec)
    if raw is None:
        return None
    out = []
    i = 0
    fixed = 0
    n = len(raw)
    while i < n:
        b0 = raw[i]
        size = 2 if 0xC2 <= b0 <= 0xDF else 3 if 0xE0 <= b0 <= 0xEF else 4 if 0xF0 <= b0 <= 0xF4 else 0
        if size and i + size <= n and all(0x80 <= raw[k] <= 0xBF for k in range(i + 1, i + size)):
            try:
                ch = raw[i:i + size].decode("utf-8")
            except UnicodeDecodeError:
                ch = None
            if ch is not None and _plausible(ch, script):
                out.append(ch)
                fixed += 1
                i += size
                continue
        out.append(bytes([b0]).decode(codec, errors="replace"))
        i += 1
    return ("".join(out), fixed) if fixed else None


# Lower-cased mojibake: a pipeline that lower-cases its output turns "Ã©" into
# "ã©" and "Ð¿Ñ€" into "ð¿ñ€", whose bytes no longer decode.  Each character
# may stand for its own byte or for the byte of its upper-case form; the repair
# tries both and keeps the decoding that gives a plausible, preferably
# lower-case letter the version uses elsewhere.
def _byte_options(ch: str, codec: str) -> tuple[int, ...]:
    out: list[int] = []
    for c in (ch, ch.upper()):
        if len(c) != 1:
            continue
        b = _to_bytes(c, codec)
        if b is not None and len(b) == 1 and b[0] not in out:
            out.append(b[0])
    return tuple(out)


# lower-case letters of cp1252 whose upper-case form is a UTF-8 lead byte (ã for Ã = 0xC3)
_LOWERED_LEADS = frozenset(
    ch for ch in _CP1252_HIGH
    if ch.upper() != ch and len(ch.upper()) == 1 and 0xC2 <= (_to_bytes(ch.upper(), "cp1252") or b"\0")[0] <= 0xDF
)


def _repair_lowered(run: str, codec: str, script: str, known: frozenset | set) -> tuple[str, list[str]] | None:
    """Repair mojibake that was lower-cased afterwards; (lower-cased repair, the characters decoded, in their case)."""
    from itertools import product

    opts = [_byte_options(ch, codec) for ch in run]
    if any(not o for o in opts):
        return None
    out: list[str] = []
    decoded: list[str] = []
    changed = 0
    i, n = 0, len(run)
    while i < n:
        best = None
        for li, lb in enumerate(opts[i]):
            size = 2 if 0xC2 <= lb <= 0xDF else 3 if 0xE0 <= lb <= 0xEF else 4 if 0xF0 <= lb <= 0xF4 else 0
            if not size or i + size > n:
                continue
            conts = [[b for b in opts[k] if 0x80 <= b <= 0xBF] for k in range(i + 1, i + size)]
            if any(not c for c in conts):
                continue
            for combo in product(*conts):
                try:
                    ch = bytes((lb, *combo)).decode("utf-8")
                except UnicodeDecodeError:
                    continue
                if not _plausible(ch, script):
                    continue
                changes = (li > 0) + sum(1 for j, b in enumerate(combo) if b != opts[i + 1 + j][0])
                usual = 2 if ch.lower() in known else 1 if unicodedata.category(ch)[0] in "PSZ" else 0
                score = (not ch.isupper(), usual, -changes)
                if best is None or score > best[0]:
                    best = (score, ch, size, changes)
        if best is None:
            out.append(run[i])
            i += 1
            continue
        _score, ch, size, changes = best
        out.append(ch.lower())
        decoded.append(ch)
        changed += changes
        i += size
    return ("".join(out), decoded) if decoded and changed else None


# Japanese UTF-8 read as Shift_JIS (cp932): the kana's lead bytes E3 80-83 become
# 縲 縺 繧 繝, their last byte a half-width katakana or the next kanji's first byte
# ("繝ｯ繧ｯ繝√Φ" for "ワクチン").
_SJIS_LEADS = re.compile("[縲縺繧繝]")
_SJIS_MAX = 80  # characters of one mojibake run
_KANA_HAN = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff01-\uffef]")


def _sjis_decode(text: str, a: int) -> tuple[int, str]:
    """From ``text[a]``: (end, decoded) of the longest stretch whose cp932 bytes are
    whole UTF-8 characters (a lower-cased letter may stand for its upper-case form)."""
    import codecs

    dec = codecs.getincrementaldecoder("utf-8")()
    out: list[str] = []
    best = (a, "")
    i = a
    while i < len(text) and i - a < _SJIS_MAX and not text[i].isspace():
        ch = text[i]
        ok = False
        for c in dict.fromkeys((ch, ch.upper())):
            try:
                raw = c.encode("cp932")
            except UnicodeEncodeError:
                continue
            st = dec.getstate()
            try:
                out.append(dec.decode(raw))
                ok = True
                break
            except UnicodeDecodeError:
                dec.setstate(st)
        if not ok:
            break
        i += 1
        if not dec.getstate()[0]:
            best = (i, "".join(out))
    return best


def _sjis_spans(text: str) -> list[tuple[int, int, str]]:
    """Stretches of Japanese mojibake (UTF-8 read as Shift_JIS): (start, end, repaired text)."""
    out: list[tuple[int, int, str]] = []
    pos = 0
    for m in _SJIS_LEADS.finditer(text):
        if m.start() < pos:
            continue
        found = None
        # the stretch may start a few characters earlier, with a kanji's mojibake
        for a in range(max(pos, m.start() - 8), m.start() + 1):
            if text[a].isspace():
                continue
            end, dec = _sjis_decode(text, a)
            if end > m.start() and len(dec) >= 2 and all(_KANA_HAN.match(c) for c in dec) \
                    and sum(1 for c in dec if "\u3040" <= c <= "\u30ff") >= 2:
                found = (a, end, dec)
                break
        if found:
            # trim undecoded ASCII at the end (a byte decoded as itself)
            a, end, dec = found
            while end > a and text[end - 1].isascii() and dec and dec[-1] == text[end - 1]:
                end -= 1
                dec = dec[:-1]
            if end > a:
                out.append((a, end, dec))
                pos = end
    return out


@register
class BrokenEncoding(Check):
    """Mojibake or replacement characters: text decoded with the wrong encoding.

    Why: UTF-8 read as Windows-1252 turns "é" into "Ã©" and "’" into "â€™";
    read as Windows-1251 it turns Russian into "РїСЂРё".  A lost character
    becomes U+FFFD "�".  Readers see garbage, and names and numbers in the
    damaged words are missed by every other check.  (Control and bidi
    characters are MT005's job.)

    The suspicious run is re-encoded and decoded as UTF-8; it is reported
    only when that yields real letters, so ordinary accented text ("déjà",
    "Straße") is never touched.  ``expected`` holds the repaired text.

    Lower-cased output (some MT pipelines lower-case everything) turns "Ã©"
    into "ã©" and "Ð¿" into "ð¿", which no longer decode: each character is
    tried as itself and as its upper-case form, and the repair is kept when it
    gives letters the versions in that script use.  Japanese read as
    Shift_JIS ("繝ｯ繧ｯ繝√Φ" for "ワクチン") is found too.

    Example: ``Î±Î½Ï„Î¹ÎºÎµÎ¯Î¼ÎµÎ½Î±`` in a Greek version, where the others
    read ``αντικείμενα``; ``FÃ¶rdermitteln`` for ``Fördermitteln``;
    ``dã©clarã©`` for ``déclaré`` in a lower-cased French version.
    """

    code = "MT502"
    name = "integrity.encoding"
    severity = "error"

    def run(self, ctx):
        for v in ctx.article.versions:
            text = v.text
            found: list[tuple[int, int, str]] = []
            known = None  # characters of this version and the others in its script (built when needed)
            for m in _MOJI_RUN.finditer(text):
                rep = _repair(m.group(), "cp1252", v.script)
                if rep is None:
                    if _LOWERED_LEADS.isdisjoint(m.group()):
                        continue
                    if known is None:
                        known = self._known_chars(ctx, v)
                    rep = self._lowered(m.group(), "cp1252", v.script, known, text[m.end():m.end() + 1],
                                        text[m.start() - 1:m.start()] if m.start() else "")
                    if rep is None:
                        continue
                    found.append((m.start(), m.end(), rep))
                    continue
                fixed, count = rep
                if count == 1 and len(m.group()) == 2 and not self._strong_pair(m.group()):
                    # another lone pair: a lower-case letter the versions in this script
                    # use, inside a word ("nÄƒm" for "năm")
                    if known is None:
                        known = self._known_chars(ctx, v)
                    a, b = m.start(), m.end()
                    if not (len(fixed) == 1 and fixed.islower() and fixed in known and a and text[a - 1].isalpha()
                            and b < len(text) and text[b].isalpha()):
                        continue
                found.append((m.start(), m.end(), fixed))
            if v.script == "Cyrl" or "Р" in text or "р" in text:
                for m in _MOJI_1251.finditer(text):
                    rep = _repair(m.group(), "cp1251", v.script)
                    if rep is not None and rep[1] >= 2:
                        found.append((m.start(), m.end(), rep[0]))
                for m in _MOJI_1251_LOW.finditer(text):
                    if known is None:
                        known = self._known_chars(ctx, v)
                    rep = self._lowered(m.group(), "cp1251", v.script, known)
                    # three letters at least: Ukrainian "сірі" is р/с + і twice
                    if rep is not None and len(m.group()) >= 6:
                        found.append((m.start(), m.end(), rep))
            if _SJIS_LEADS.search(text):
                for a, b, fixed in _sjis_spans(text):
                    yield ctx.finding(self, v.id, a, b,
                                      message="broken encoding: Japanese UTF-8 text decoded as Shift_JIS (mojibake)",
                                      expected=fixed)
            for a, b, fixed in self._merge_words(text, found):
                yield ctx.finding(self, v.id, a, b, message="broken encoding: UTF-8 text decoded as a legacy code page (mojibake)",
                                  expected=fixed)
            for m in _FFFD.finditer(text):
                a, b = self._word(text, m.start(), m.end())
                yield ctx.finding(self, v.id, a, b,
                                  message=f"{len(m.group())} replacement character(s) U+FFFD: characters were lost in decoding")

    @classmethod
    def _lowered(cls, run: str, codec: str, script: str, known: set, after: str = "", before: str = "") -> str | None:
        """The repair of a lower-cased mojibake run, when it is convincing."""
        rep = _repair_lowered(run, codec, script, known)
        if rep is None:
            return None
        if len(run) == 2 and run[1] in _CLOSING and not after.isalpha():
            return None  # a word-final letter before a closing quote or dash ("irmã»", "tässä”")
        fixed, decoded = rep
        # the repaired letters are letters this version uses elsewhere
        letters = [c for c in decoded if c.isalpha()]
        if not letters or sum(1 for c in letters if c.lower() in known) < 0.8 * len(letters):
            return None
        if len(decoded) == 1 and len(run) == 2:
            # a lone pair ("ã©"): a classic lead byte and a letter the versions use, in
            # lower case unless it starts a word ("ã„nderungen" for "Änderungen")
            if run[0] not in "ãâäåðñîïøù" or not letters or letters[0].lower() not in known:
                return None
            if not letters[0].islower() and before.isalpha():
                return None
        return fixed

    @staticmethod
    def _known_chars(ctx, v) -> set:
        """Characters this version, or another version in its script, writes."""
        chars = set(v.text)
        for o in ctx.article.versions:
            if o.id != v.id and o.script == v.script:
                chars |= set(o.text)
        return chars

    @staticmethod
    def _strong_pair(s: str) -> bool:
        # a lone two-character sequence: only the classic ones (Ã©, Ã¨, Ã¶, Â«, Ã¼ ...)
        return s[0] in "ÃÂÅÐÑÎÏØÙ" and not s[1].isalpha() or s[0] in "ÃÐÑ"

    @staticmethod
    def _word(text, a, b):
        while a > 0 and not text[a - 1].isspace():
            a -= 1
        while b < len(text) and not text[b].isspace():
            b += 1
        # trim surrounding punctuation
        while a < b and text[a] in "\"'«»“”‘’([{,.;:!?":
            a += 1
        while b > a and text[b - 1] in "\"'«»“”‘’)]},.;:!?":
            b -= 1
        return a, b

    @classmethod
    def _merge_words(cls, text, found):
        out = []
        for a, b, fixed in sorted(found):
            wa, wb = cls._word(text, a, b)
            wa, wb = min(wa, a), max(wb, b)
            rep = text[wa:a] + fixed + text[b:wb]
            if out and wa <= out[-1][1]:
                pa, pb, prep = out[-1]
                out[-1] = (pa, max(pb, wb), prep)  # keep the first repair text
                continue
            out.append((wa, wb, rep))
        return out


# ---------------------------------------------------------------------------
# repetition


def _same_line_space(text: str) -> bool:
    return bool(text) and text.isspace() and "\n" not in text and "\r" not in text


@register
class Repetition(Check):
    """A doubled word or phrase ("the the"), or a sentence repeated in one version.

    Why: MT systems stutter and loop, and editing slips leave a word twice.
    It is the easiest error for a reader to spot and makes the translation look
    careless.

    Grammatical doubles are left alone: "nous nous", "vous vous" (French
    reflexives), "die die", "das das" (German relative + article), "had had",
    hyphenated reduplication ("anak-anak", "что-то"), and doubled words in
    languages where reduplication is grammar (Turkish, Hindi, Vietnamese,
    Indonesian, Korean...).  A double that another version also has at the
    same place (a name such as "Roa Roa") is not reported either.

    Example: ``la prise en charge des des frais`` in ``de.txt`` → ``des``;
    ``Es el mayor préstamo ... jamás enviado al extranjero.`` written twice in
    a row in ``es.txt``.
    """

    code = "MT503"
    name = "integrity.repetition"
    severity = "warning"
    options = {
        "min_sentence_chars": (int, 25, "shortest sentence reported when repeated"),
    }

    def run(self, ctx):
        min_sent = ctx.option(self, "min_sentence_chars")
        n_versions = len(ctx.article.versions)
        doubles_elsewhere = self._doubles_by_version(ctx)
        for v in ctx.article.versions:
            text = v.check_text
            flagged: list[tuple[int, int]] = []
            if v.language not in _UNSPACED:
                toks = _tokens(text)
                lows = _token_lows(text)
                ok = _DOUBLE_OK.get(v.language, set()) | _DOUBLE_OK_ALL
                n = len(toks)
                i = 0
                while i < n - 1:
                    hit = False
                    for k in (4, 3, 2, 1):  # longest phrase first
                        if i + 2 * k > n or lows[i:i + k] != lows[i + k:i + 2 * k]:
                            continue
                        a, b = toks[i][0], toks[i + 2 * k - 1][1]
                        if not all(_same_line_space(text[toks[x][1]:toks[x + 1][0]]) for x in range(i, i + 2 * k - 1)):
                            continue
                        if (a and text[a - 1] in "-‐'’") or (b < len(text) and text[b] in "-‐'’"):
                            continue
                        if k == 1:
                            w = lows[i]
                            if w in ok or len(w) < 2 and not w.isalpha():
                                continue
                            if i + 2 < n and lows[i + 2] == w or i and lows[i - 1] == w:
                                continue  # "no, no, no", "KHÔNG KHÔNG KHÔNG", "la la la": a refrain
                            if v.script in ("Arab", "Hebr") and len(w) <= 2 and (
                                    (i and len(lows[i - 1]) <= 2) or (i + 2 < n and len(lows[i + 2]) <= 2)):
                                continue  # letters of a spelled acronym: سي إن إن, بي بي سي
                            if v.language in _REDUPLICATING and not self._bad_reduplication(v.language, w):
                                continue
                            if v.script in ("Hang", "Kore") and len(w) <= 2 and all("\uac00" <= ch <= "\ud7a3" for ch in w):
                                continue  # a mimetic word said twice: 쭉욱 쭉욱, 빨리 빨리 (Korean reduplication)
                            if n_versions == 1 and text[a].isupper() and text[toks[i + 1][0]].isupper() \
                                    and not text[a:b].isupper():
                                continue  # "Roa Roa", "Boutros Boutros": a name (other versions tell)
                            # in a lower-cased version any double may be a name: other versions tell
                            if self._other_version_doubles(ctx, v.id, doubles_elsewhere, a, w,
                                                           not text[a].islower() or self._lowercased(ctx, v)):
                                continue
                        elif sum(len(w) for w in lows[i:i + k]) < 6:
                            continue
                        flagged.append((a, b))
                        expected = text[toks[i][0]:toks[i + k - 1][1]]
                        yield ctx.finding(self, v.id, a, b,
                                          message=f"repeated {'word' if k == 1 else 'phrase'}: '{expected}' twice in a row",
                                          expected=expected)
                        i += 2 * k
                        hit = True
                        break
                    if not hit:
                        i += 1
            yield from self._repeated_sentences(ctx, v, min_sent)

    @staticmethod
    def _lowercased(ctx, v) -> bool:
        from .language import _is_lowercased

        return ctx.cached(f"integrity.lowercased.{v.id}", lambda: _is_lowercased(v.text))

    @staticmethod
    def _bad_reduplication(language: str, w: str) -> bool:
        """In a reduplicating language, a doubled word is an error when it is a very frequent
        function word (के के, của của, ve ve) or a long inflected form (olduğunu olduğunu)."""
        if len(w) >= 8:
            return True
        lex = _lexicon(language)
        return bool(lex) and _zipf(lex, w) >= 6.8

    @staticmethod
    def _doubles_by_version(ctx):
        def compute():
            out = {}
            for v in ctx.article.versions:
                text = v.check_text
                toks = _tokens(text)
                pos = []
                for (a, b), (c, d) in zip(toks, toks[1:]):
                    if text[a:b].lower() == text[c:d].lower() and _same_line_space(text[b:c]):
                        pos.append((a, text[a:b].lower(), not text[a].islower()))
                out[v.id] = pos
            return out

        return ctx.cached("integrity.doubles", compute)

    @staticmethod
    def _other_version_doubles(ctx, vid, doubles, offset, word="", word_cap=False) -> bool:
        """Does another version have a doubled word in the same aligned row?"""
        al = ctx.alignment
        if al is None:
            return False
        segs = ctx.segments.get(vid, ())
        idx = next((s.index for s in segs if s.start <= offset < s.end), None)
        if idx is None:
            return False
        row_of = ctx.cached(f"integrity.rows.{vid}", lambda: ctx.rows_of(vid))
        r = row_of.get(idx)
        if r is None:
            return False
        row = al.rows[r]
        for other, cell in row.cells.items():
            if other == vid or not cell or not doubles.get(other):
                continue
            osegs = ctx.segments.get(other, ())
            lo, hi = osegs[cell[0]].start, osegs[cell[-1]].end
            # the same word doubled there, or a doubled name there and here (Roa Roa / Роа Роа)
            if any(lo <= p < hi and (w == word or (cap and word_cap)) for p, w, cap in doubles[other]):
                return True
        return False

    def _repeated_sentences(self, ctx, v, min_sent):
        segs = ctx.segments.get(v.id, ())
        seen: dict[str, int] = {}
        dups = []
        for s in segs:
            key = " ".join(s.text.split()).lower()
            if len(key) < min_sent:
                continue
            if key in seen:
                dups.append((seen[key], s))
            else:
                seen[key] = s.index
        if not dups:
            return
        # the source (or two other versions) repeat themselves too: a refrain, not an error
        repeating = 0
        for other in ctx.article.versions:
            if other.id == v.id:
                continue
            keys = [" ".join(s.text.split()).lower() for s in ctx.segments.get(other.id, ())]
            keys = [k for k in keys if len(k) >= min_sent // 2]
            if len(keys) != len(set(keys)):
                if other.is_source:
                    return
                repeating += 1
        if repeating >= 2:
            return
        for first, s in dups:
            yield ctx.finding(self, v.id, s.start, s.end,
                              message=f"repeated sentence: the same sentence already appears earlier (sentence {first + 1})")


# ---------------------------------------------------------------------------
# boilerplate

# Written for mtcheck: the first words of lines that web pages put around an article.
_BOILER_START = [
    # read also / related
    "read more", "read also", "see also", "related:", "related articles", "related stories", "more on this",
    "recommended", "lire aussi", "à lire aussi", "a lire aussi", "lire la suite", "voir aussi", "sur le même sujet",
    "mehr zum thema", "lesen sie auch", "lesen sie mehr", "weiterlesen", "auch interessant", "das könnte sie auch",
    "lee también", "lea también", "leer más", "te puede interesar", "noticias relacionadas", "leggi anche",
    "leggi di più", "potrebbe interessarti", "leia também", "leia mais", "veja também", "saiba mais",
    "читайте также", "читать далее", "читайте по теме", "смотрите также", "читайте також", "дивіться також",
    "czytaj także", "czytaj też", "czytaj więcej", "zobacz też", "zobacz także", "čtěte také", "čtěte též",
    "přečtěte si také", "ayrıca okuyun", "ayrıca bakınız", "devamını oku", "ilgili haber", "اقرأ أيضا", "اقرأ أيضاً",
    "اقرأ المزيد", "相关阅读", "延伸阅读", "相关新闻", "推荐阅读", "阅读更多", "関連記事", "あわせて読みたい", "続きを読む",
    "함께 읽기", "관련 기사", "관련기사", "함께 보면", "यह भी पढ़ें", "और पढ़ें", "διαβάστε επίσης", "διαβάστε περισσότερα",
    "lue myös", "lue lisää", "baca juga", "baca selengkapnya", "đọc thêm", "xem thêm", "tin liên quan", "lees ook",
    "lees meer", "läs också", "läs mer",
    # share / subscribe / follow
    "share this", "share on", "share article", "partager", "partagez", "artikel teilen", "teilen", "compartir",
    "compartilhe", "compartilhar", "condividi", "поделиться", "поділитися", "udostępnij", "sdílet", "paylaş",
    "bu makaleyi paylaş", "bu haberi paylaş", "شارك", "分享", "この記事をシェア", "シェアする", "공유하기", "이 기사 공유",
    "साझा करें", "यह लेख साझा", "κοινοποιήστε", "κοινοποίηση", "jaa tämä", "bagikan", "chia sẻ", "delen", "dela",
    "subscribe", "sign up for", "abonnez-vous", "inscrivez-vous", "newsletter", "abonnieren", "jetzt abonnieren",
    "suscríbete", "iscriviti", "assine", "подпишитесь", "підпишіться", "zapisz się", "subskrybuj", "přihlaste se",
    "abone ol", "اشترك", "订阅", "購読", "구독", "सब्सक्राइब", "εγγραφείτε", "tilaa", "berlangganan", "đăng ký",
    "follow us", "suivez-nous", "folgen sie uns", "síguenos", "seguici", "siga-nos",
    # credits
    "compiled by", "edited by", "reporting by", "additional reporting", "writing by", "editing by", "photo:",
    "photo :", "foto:", "crédit photo", "bildquelle", "copyright", "©", "all rights reserved", "tous droits réservés",
    "alle rechte vorbehalten", "todos los derechos reservados", "责任编辑", "编辑：", "(编译", "（编译", "编译：",
    "来源：", "記者：", "출처", "기자 =",
    # navigation / ads / cookies
    "back to top", "retour en haut", "nach oben", "next article", "article suivant", "nächster artikel",
    "advertisement", "publicité", "anzeige", "werbung", "publicidad", "pubblicità", "реклама", "reklama",
    "广告", "広告", "광고", "विज्ञापन", "we use cookies", "this site uses cookies", "ce site utilise des cookies",
    "nous utilisons des cookies", "wir verwenden cookies", "diese website verwendet cookies", "utilizamos cookies",
    "usamos cookies", "utilizziamo i cookie", "accept cookies", "accepter les cookies", "cookies akzeptieren",
]
_BOILER_RX = re.compile(
    r"^[\s\-–—•*>|\[(（【]*(?:" + "|".join(sorted((re.escape(p) for p in _BOILER_START), key=len, reverse=True)) + r")",
    re.IGNORECASE,
)
_LINE_RX = re.compile(r"[^\r\n]+")


@register
class Boilerplate(Check):
    """Page furniture that leaked into one version: share buttons, "read also", credits, cookie notices.

    Why: when a translation is scraped from a web page, the page's own lines come
    along ("Lire aussi : ...", "Mehr zum Thema", "Artikel teilen", "(编译：...)").
    They are not part of the article and other versions do not have them.

    A line is reported when it starts like boilerplate (a list of such openings
    in 20 languages) AND the aligned row it belongs to has content in fewer than
    half of the other versions — so a source article that itself ends with
    "Reporting by ..." does not make every translation of it wrong.

    Example: ``Leia também: Grécia volta a pedir a devolução de peças levadas
    para Londres`` as its own paragraph in ``pt-BR.txt`` only.
    """

    code = "MT504"
    name = "integrity.boilerplate"
    severity = "warning"
    options = {
        "max_words": (int, 25, "longest line (in words) considered"),
        "max_share": (float, 0.5, "largest share of the other versions that may have the row"),
    }

    def run(self, ctx):
        max_words = ctx.option(self, "max_words")
        max_share = ctx.option(self, "max_share")
        from .completeness import analysis

        an = analysis(ctx)
        lines = {v.id: self._lines(v, max_words) for v in ctx.article.versions}
        others_n = len(ctx.article.versions) - 1
        for v in ctx.article.versions:
            segs = ctx.segments.get(v.id, ())
            for a, b, rel in lines[v.id]:
                # the other versions have such a line at about the same place: it is content
                # ("Read more: ..." translated in every version, a photo credit in all)
                like = sum(1 for o, ls in lines.items() if o != v.id and any(abs(rel - r) <= 0.2 for _a, _b, r in ls))
                if others_n and like / others_n >= max_share:
                    continue
                share = self._share(an, v.id, segs, a, b)
                if share is None:
                    if others_n and like:
                        continue
                elif share >= max_share and self._lines_in_others(ctx, v.id, segs, a, b) >= max_share:
                    continue  # the others have this row, as a line of its own too: translated content
                yield ctx.finding(self, v.id, a, b,
                                  message="leaked page boilerplate: a line no other version has"
                                  + (f" ({share:.0%} of the others have this row)" if share else ""),
                                  confidence=None if share is None else round(1 - share, 3))

    @staticmethod
    def _lines_in_others(ctx, vid, segs, a, b) -> float:
        """Share of the other versions whose aligned cell for this line is a line of its own
        (a boilerplate paragraph the aligner paired with a sentence in mid-paragraph is not
        "had" by the others)."""
        al = ctx.alignment
        if al is None:
            return 1.0
        row_of = ctx.cached(f"integrity.rows.{vid}", lambda: ctx.rows_of(vid))
        rows = {row_of.get(s.index) for s in segs if s.start < b and a < s.end} - {None}
        if not rows:
            return 1.0
        own = total = 0
        for other in ctx.article.versions:
            if other.id == vid:
                continue
            osegs = ctx.segments.get(other.id, ())
            cells = [i for r in rows for i in al.rows[r].cells.get(other.id, ())]
            if not cells or not osegs:
                continue
            total += 1
            text = other.text
            lo, hi = osegs[min(cells)].start, osegs[max(cells)].end
            before = text[text.rfind("\n", 0, lo) + 1:lo]
            nl = text.find("\n", hi)
            after = text[hi:nl if nl >= 0 else len(text)]
            if not before.strip() and not after.strip():
                own += 1
        return own / total if total else 1.0

    @staticmethod
    def _lines(v, max_words):
        """Boilerplate-looking lines of a version: (start, end, relative position)."""
        text = v.check_text
        out = []
        for m in _LINE_RX.finditer(text):
            line = m.group()
            if not line.strip() or not _BOILER_RX.match(line):
                continue
            if len(line.split()) > max_words or (v.language in _UNSPACED and len(line.strip()) > 60):
                continue
            a = m.start() + len(line) - len(line.lstrip())
            b = m.end() - (len(line) - len(line.rstrip()))
            out.append((a, b, a / max(len(text), 1)))
        return out

    @staticmethod
    def _share(an, vid, segs, a, b):
        if not an.ok or vid not in an.group_of:
            return None
        idx = [s.index for s in segs if s.start < b and a < s.end]
        groups = {an.group_of[vid].get(i) for i in idx} - {None}
        if not groups:
            return None
        shares = []
        for gi in groups:
            _exp, support, voters = an.expected(vid, gi)
            if not voters:
                return None
            # a row the others fill only because the boilerplate was merged into a real sentence
            lens = an.glen[gi]
            mine = sum(an.seg_len[vid][i] for i in idx if an.group_of[vid].get(i) == gi)
            if lens.get(vid, 0) - mine >= 0.5 * lens.get(vid, 0):
                # the boilerplate was merged into a row with a real sentence: the others'
                # support is for that sentence, not for the line
                shares.append(0.0)
                continue
            shares.append(support / voters)
        return max(shares)
