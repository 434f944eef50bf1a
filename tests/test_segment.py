"""Segmentation: sentence boundaries per language, exact offsets for any text."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mtcheck.load import parse_language_tag
from mtcheck.markup import blank_markup
from mtcheck.model import Version
from mtcheck.segment import segment_version


def version(text: str, lang: str = "en", fmt: str = "txt") -> Version:
    tag = parse_language_tag(lang)
    return Version(id=lang, lang=tag.lang, language=tag.language, label=None, path=f"{lang}.{fmt}", text=text,
                   check_text=blank_markup(text, fmt), format=fmt, script=tag.script)


def sentences(text: str, lang: str = "en", fmt: str = "txt") -> list[str]:
    return [s.text for s in segment_version(version(text, lang, fmt))]


CASES = [
    # (language, text, expected sentences)
    ("en", "Dr. Smith met J. R. R. Tolkien in the U.S. last year. He paid $1.5 million. Wait... what?",
     ["Dr. Smith met J. R. R. Tolkien in the U.S. last year.", "He paid $1.5 million.", "Wait... what?"]),
    ("en", "Sen. Lindsey Graham spoke at 3 p.m. on Monday. \"It is over,\" he said. Was it?",
     ["Sen. Lindsey Graham spoke at 3 p.m. on Monday.", "\"It is over,\" he said.", "Was it?"]),
    ("fr", "M. Dupont a payé 1,5 million d'euros. Il a dit : « Nous sommes prêts. » Mme Durand est partie…",
     ["M. Dupont a payé 1,5 million d'euros.", "Il a dit : « Nous sommes prêts. »", "Mme Durand est partie…"]),
    ("fr", "« Pourquoi ? », a demandé Martin. Personne n'a répondu.",
     ["« Pourquoi ? », a demandé Martin.", "Personne n'a répondu."]),
    ("de", "Das gilt z. B. für Berlin. Am 3. März kam Dr. Müller. Er sagte: „Ja.“ Dann ging er.",
     ["Das gilt z. B. für Berlin.", "Am 3. März kam Dr. Müller.", "Er sagte: „Ja.“", "Dann ging er."]),
    ("es", "¿Vendrá el Sr. García? ¡Claro que sí! Costó 2.500 euros.",
     ["¿Vendrá el Sr. García?", "¡Claro que sí!", "Costó 2.500 euros."]),
    ("it", "Il sig. Rossi è arrivato. Ha pagato 3,5 milioni.", ["Il sig. Rossi è arrivato.", "Ha pagato 3,5 milioni."]),
    ("pt", "O Sr. Silva chegou ontem. Ele pagou 1,5 milhão.", ["O Sr. Silva chegou ontem.", "Ele pagou 1,5 milhão."]),
    ("nl", "Dhr. Jansen kwam bijv. gisteren. Hij bleef thuis.", ["Dhr. Jansen kwam bijv. gisteren.", "Hij bleef thuis."]),
    ("ru", "Проф. Иванов приехал в 2014 г. в Москву. Он сказал: «Да». Это стоило 1,5 млн руб.",
     ["Проф. Иванов приехал в 2014 г. в Москву.", "Он сказал: «Да».", "Это стоило 1,5 млн руб."]),
    ("uk", "Він прийшов додому. Вона чекала на нього?", ["Він прийшов додому.", "Вона чекала на нього?"]),
    ("pl", "Prof. Nowak przyjechał m.in. do Krakowa. Było to 5. dnia.", ["Prof. Nowak przyjechał m.in. do Krakowa.", "Było to 5. dnia."]),
    ("cs", "Např. Praha je velká. Stalo se to 5. května.", ["Např. Praha je velká.", "Stalo se to 5. května."]),
    ("tr", "Dr. Yılmaz geldi. \"Neden?\" diye sordu. Sonra gitti.", ["Dr. Yılmaz geldi.", "\"Neden?\" diye sordu.", "Sonra gitti."]),
    ("ar", "وصل الرئيس إلى القاهرة. هل سيعود غدًا؟ قال \"نعم\". ثم غادر.",
     ["وصل الرئيس إلى القاهرة.", "هل سيعود غدًا؟", "قال \"نعم\".", "ثم غادر."]),
    ("zh", "他说：“我们会赢。”然后他走了。你来吗？好的！",
     ["他说：“我们会赢。”", "然后他走了。", "你来吗？", "好的！"]),
    ("zh", "价格是1.5亿元。今天下雨。", ["价格是1.5亿元。", "今天下雨。"]),
    ("ja", "「私は行く。」と彼は言った。東京は晴れです。本当に？",
     ["「私は行く。」と彼は言った。", "東京は晴れです。", "本当に？"]),
    ("ko", "그는 \"안녕하세요.\"라고 말했다. 서울은 맑습니다. 정말요?",
     ["그는 \"안녕하세요.\"라고 말했다.", "서울은 맑습니다.", "정말요?"]),
    ("hi", "डॉ. शर्मा दिल्ली आए। उन्होंने कहा कि सब ठीक है। क्या यह सच है?",
     ["डॉ. शर्मा दिल्ली आए।", "उन्होंने कहा कि सब ठीक है।", "क्या यह सच है?"]),
    ("el", "Ο κ. Παπαδόπουλος ήρθε. Πού είναι; Κόστισε 3,1 δισ. ευρώ.",
     ["Ο κ. Παπαδόπουλος ήρθε.", "Πού είναι;", "Κόστισε 3,1 δισ. ευρώ."]),
    ("fi", "Esim. Helsinki on suuri. Se tapahtui 5. toukokuuta.", ["Esim. Helsinki on suuri.", "Se tapahtui 5. toukokuuta."]),
    ("id", "Dr. Wijaya tiba di Jakarta. Ia membayar Rp1,5 juta.", ["Dr. Wijaya tiba di Jakarta.", "Ia membayar Rp1,5 juta."]),
    ("vi", "Ông Nam đã đến Hà Nội. Giá là 1,5 triệu đồng.", ["Ông Nam đã đến Hà Nội.", "Giá là 1,5 triệu đồng."]),
    # an all-lower-case text: sentences may start in lower case
    ("fr", "l'équipe a gagné. les joueurs sont rentrés. m. dupont était content.",
     ["l'équipe a gagné.", "les joueurs sont rentrés.", "m. dupont était content."]),
]


@pytest.mark.parametrize("lang, text, expected", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_sentences(lang, text, expected):
    assert sentences(text, lang) == expected


def test_lines_and_blank_lines_make_blocks_and_paragraphs():
    segs = segment_version(version("Title\nFirst line. Second one.\n\nNew paragraph\n"))
    assert [s.text for s in segs] == ["Title", "First line.", "Second one.", "New paragraph"]
    assert [s.paragraph for s in segs] == [0, 0, 0, 1]


def test_markdown_blocks():
    md = "# Heading\n\nA paragraph that\ncontinues here. Second.\n\n- item one\n- item two\n\n```\ncode. Here.\n```\n"
    assert sentences(md, "en", "md") == ["Heading", "A paragraph that\ncontinues here.", "Second.", "item one", "item two"]


def _check_invariants(v: Version) -> None:
    segs = segment_version(v)
    prev_end = 0
    for k, s in enumerate(segs):
        assert s.index == k
        assert s.text
        assert s.text == v.check_text[s.start:s.end]
        assert len(v.text) == len(v.check_text)
        assert not s.text[0].isspace() and not s.text[-1].isspace()
        assert s.start >= prev_end
        prev_end = s.end
    assert [s.paragraph for s in segs] == sorted(s.paragraph for s in segs)


_ALPHABET = st.sampled_from(
    list("abcXYZ .,;:!?…\"'«»“”„()[]-–—0123456789\t\n\r\u00a0\u3000。！？、「」")
    + ["\r\n", "\n\n", "Dr.", "z. B.", "U.S.", "1,5", "1.5", "...", "# ", "- ", "* ", "1. ", "```", "`code`",
       "[link](http://x.y/z)", "<!-- c -->", "http://a.b/c?d=e", "> ", "**", "é", "Ж", "中文", "한국", "ع", "ह"]
)
_TEXTS = st.lists(_ALPHABET, max_size=80).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_TEXTS, lang=st.sampled_from(["en", "fr", "de", "ru", "zh", "ja", "ko", "ar", "hi", "el"]),
       fmt=st.sampled_from(["txt", "md"]))
def test_offsets_slice_back_for_markdownish_text(text, lang, fmt):
    _check_invariants(version(text, lang, fmt))


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=200), fmt=st.sampled_from(["txt", "md"]))
def test_offsets_slice_back_for_any_unicode(text, fmt):
    v = version(text, "en", fmt)
    _check_invariants(v)
    # where nothing was blanked, segments are the file's own characters
    for s in segment_version(v):
        if v.check_text[s.start:s.end] == v.text[s.start:s.end]:
            assert v.text[s.start:s.end] == s.text
