"""MT4xx completeness checks: planted omissions/additions/truncations must be found,
merged and split sentences must not (texts written for these tests)."""

from __future__ import annotations

from conftest import check_json, findings

EN = [
    "The city council approved a budget of 12 million euros on Monday after a long debate.",
    "The money will pay for three new schools in the northern districts.",
    "A further 4 million euros are set aside for the renovation of the old hospital.",
    "Opposition members said the plan ignored the needs of small businesses in the centre.",
    "The mayor, Anna Berg, replied that a second package would follow in 2025.",
    "Work on the first school is expected to start in the spring.",
]
FR = [
    "Le conseil municipal a approuvé lundi un budget de 12 millions d'euros après un long débat.",
    "Cet argent financera trois nouvelles écoles dans les quartiers du nord.",
    "4 millions d'euros supplémentaires sont réservés à la rénovation de l'ancien hôpital.",
    "Les élus de l'opposition ont estimé que le plan ignorait les besoins des petits commerces du centre.",
    "La maire, Anna Berg, a répondu qu'un second volet suivrait en 2025.",
    "Les travaux de la première école devraient commencer au printemps.",
]
DE = [
    "Der Stadtrat hat am Montag nach langer Debatte einen Haushalt von 12 Millionen Euro gebilligt.",
    "Mit dem Geld werden drei neue Schulen in den nördlichen Bezirken bezahlt.",
    "Weitere 4 Millionen Euro sind für die Renovierung des alten Krankenhauses vorgesehen.",
    "Mitglieder der Opposition sagten, der Plan ignoriere die Bedürfnisse kleiner Geschäfte im Zentrum.",
    "Bürgermeisterin Anna Berg entgegnete, ein zweites Paket werde 2025 folgen.",
    "Die Arbeiten an der ersten Schule sollen im Frühjahr beginnen.",
]
ES = [
    "El ayuntamiento aprobó el lunes un presupuesto de 12 millones de euros tras un largo debate.",
    "El dinero pagará tres escuelas nuevas en los distritos del norte.",
    "Otros 4 millones de euros se destinan a la renovación del antiguo hospital.",
    "Los miembros de la oposición dijeron que el plan ignoraba las necesidades de los pequeños comercios del centro.",
    "La alcaldesa, Anna Berg, respondió que en 2025 llegaría un segundo paquete.",
    "Las obras de la primera escuela comenzarán previsiblemente en primavera.",
]
IT = [
    "Il consiglio comunale ha approvato lunedì un bilancio di 12 milioni di euro dopo un lungo dibattito.",
    "Il denaro servirà per tre nuove scuole nei quartieri settentrionali.",
    "Altri 4 milioni di euro sono destinati alla ristrutturazione del vecchio ospedale.",
    "I consiglieri dell'opposizione hanno detto che il piano ignora le esigenze dei piccoli negozi del centro.",
    "La sindaca, Anna Berg, ha risposto che nel 2025 seguirà un secondo pacchetto.",
    "I lavori della prima scuola dovrebbero iniziare in primavera.",
]


def text(sents, paras=((0, 2), (2, 4), (4, 6))):
    return "\n\n".join(" ".join(sents[a:b]) for a, b in paras) + "\n"


def files(**over):
    base = {"en.source.txt": EN, "fr.txt": FR, "de.txt": DE, "es.txt": ES, "it.txt": IT}
    out = {}
    for name, sents in base.items():
        key = name.split(".")[0]
        out[name] = over.get(key) if isinstance(over.get(key), str) else text(over.get(key, sents))
    return out


def run(article, fs, codes="MT4*"):
    _rc, report, _out = check_json(article(fs), args=("--select", codes))
    return findings(report, "MT4")


def test_clean_article_has_no_findings(article):
    assert run(article, files()) == []


def test_merged_and_split_sentences_are_not_reported(article):
    # French merges sentences 1+2, German splits sentence 4 in two
    fr = FR[:1] + [FR[1][:-1] + ", et " + FR[2][0].lower() + FR[2][1:]] + FR[3:]
    de = DE[:3] + ["Mitglieder der Opposition sagten, der Plan ignoriere etwas.",
                   "Es gehe um die Bedürfnisse kleiner Geschäfte im Zentrum."] + DE[4:]
    fs = files()
    fs["fr.txt"] = text(fr, ((0, 2), (2, 3), (3, 5)))
    fs["de.txt"] = text(de, ((0, 2), (2, 5), (5, 7)))
    assert run(article, fs) == []


def test_planted_omission(article):
    de = DE[:2] + DE[3:]
    fs = files()
    fs["de.txt"] = text(de, ((0, 2), (2, 3), (3, 5)))
    got = run(article, fs)
    om = [f for f in got if f["code"] == "MT401"]
    assert len(om) == 1 and om[0]["version"] == "de" and om[0]["text"] == ""
    assert "4 million" in om[0]["expected"]
    assert [f for f in got if f["version"] != "de"] == []


import pytest


def test_planted_addition(article):
    es = ES[:4] + ["El proyecto también fue elogiado por el primer ministro durante una visita sorpresa a la zona."] + ES[4:]
    fs = files()
    fs["es.txt"] = text(es, ((0, 2), (2, 5), (5, 7)))
    got = run(article, fs)
    add = [f for f in got if f["code"] == "MT402"]
    assert len(add) == 1 and add[0]["version"] == "es" and "primer ministro" in add[0]["text"]


def test_planted_truncation(article):
    it = list(IT)
    it[3] = "I consiglieri dell'opposizione hanno detto."
    got = run(article, files(it=it))
    assert any(f["code"] in ("MT403", "MT401") and f["version"] == "it" and f["line"] == 3 for f in got)
    assert [f for f in got if f["version"] != "it"] == []


def test_truncated_sentence_inside_a_two_two_link(article):
    # the cut-off sentence follows a long one in its paragraph: the sentence DP links the
    # two as a block (their summed length still fits), the pair inside must be tested
    fr = list(FR)
    fr[0] = "Le conseil municipal a approuvé lundi soir, après un long débat public, un budget de 12 millions d'euros."
    fr[1] = "Cet argent financera"
    got = run(article, files(fr=fr))
    tr = [f for f in got if f["version"] == "fr" and f["code"] in ("MT403", "MT401")]
    assert len(tr) == 1 and tr[0]["line"] == 1 and tr[0]["text"] == "Cet argent financera"
    assert [f for f in got if f["version"] != "fr"] == []


def test_truncated_sentence_merged_with_a_short_neighbour(article):
    # the fragment lost its full stop, so the segmenter joins it with the short sentence
    # after it; no whole sentence explains the gap, the merged segment is reported
    short = {"en": "Nobody cared.", "fr": "Personne n'a réagi.", "de": "Niemand reagierte.",
             "es": "Nadie reaccionó.", "it": "Nessuno ha reagito."}
    base = {"en": EN, "fr": FR, "de": DE, "es": ES, "it": IT}
    over = {k: v[:5] + [short[k]] + v[5:] for k, v in base.items()}
    over["fr"] = FR[:4] + ["La maire, Anna Berg, a répondu " + short["fr"]] + FR[5:]
    fs = {}
    for k, sents in over.items():
        name = "en.source.txt" if k == "en" else f"{k}.txt"
        fs[name] = text(sents, ((0, 2), (2, 4), (4, len(sents) - 1), (len(sents) - 1, len(sents))))
    got = run(article, fs)
    tr = [f for f in got if f["version"] == "fr"]
    assert len(tr) == 1 and tr[0]["code"] == "MT403" and tr[0]["line"] == 5
    assert [f for f in got if f["version"] != "fr"] == []


def test_sentence_stopping_mid_way_at_two_thirds_of_its_length(article):
    # no closing punctuation where the source has one: cut off even at 60 % of the length;
    # a German quote closed with “ is finished
    it = list(IT)
    it[3] = "I consiglieri dell'opposizione hanno detto che il piano ignora"
    de = list(DE)
    de[4] = "Bürgermeisterin Anna Berg entgegnete: „Ein zweites Paket wird 2025 folgen.“"
    got = run(article, files(it=it, de=de))
    assert [(f["version"], f["code"], f["line"]) for f in got] == [("it", "MT403", 3)]


def _reference_links(an, vid):
    """The sentence DP written as a plain loop (costs computed link by link): the
    vectorised cost table must give exactly the same links and costs."""
    import math

    from mtcheck.checks import completeness as C

    ref = an.ref_for(vid)
    e, l = an.elen(vid, ref), an.seg_len[vid]
    en, ln = an.seg_num[ref], an.seg_num[vid]
    ep = [s.paragraph for s in an.segs[ref]]
    lp = [s.paragraph for s in an.segs[vid]]
    gr = [an.group_of[ref].get(i, -1) for i in range(len(e))]
    gv = [an.group_of[vid].get(j, -2) for j in range(len(l))]
    two_s2 = 2 * C.SIGMA * C.SIGMA
    n, m = len(e), len(l)
    INF = float("inf")
    band = max(8, int(0.1 * max(n, m)) + abs(n - m))
    cost = [[INF] * (m + 1) for _ in range(n + 1)]
    back = [[None] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(n + 1):
        jc = int(i * m / n) if n else 0
        for j in range(max(0, jc - band), min(m, jc + band) + 1):
            if cost[i][j] == INF:
                continue
            for di, dj in C._DP_MOVES:
                ni, nj = i + di, j + dj
                if ni > n or nj > m:
                    continue
                if di and dj:
                    dev = math.log((sum(l[j:nj]) + C.K_SMOOTH) / (sum(e[i:ni]) + C.K_SMOOTH))
                    c = dev * dev / two_s2
                    na, nb = frozenset().union(*en[i:ni]), frozenset().union(*ln[j:nj])
                    if na or nb:
                        inter = len(na & nb)
                        c -= 1.5 * inter / len(na | nb)
                        if na and nb and not inter:
                            c += 1.0
                        elif na and not nb:
                            c += C.NUMBER_MISS
                    if not ({gr[x] for x in range(i, ni)} & {gv[x] for x in range(j, nj)}):
                        c += C.GROUP_MISMATCH
                    if di + dj - 2:
                        c += C.MERGE_COST * (di + dj - 2)
                        if di > 1 and ep[i] != ep[ni - 1]:
                            c += C.PARA_CROSS_COST
                        if dj > 1 and lp[j] != lp[nj - 1]:
                            c += C.PARA_CROSS_COST
                elif di:
                    c = 0.0 if i in an.furniture[ref] else C.SKIP_COST
                else:
                    c = 0.0 if j in an.furniture[vid] else C.SKIP_COST
                if cost[i][j] + c < cost[ni][nj]:
                    cost[ni][nj] = cost[i][j] + c
                    back[ni][nj] = (i, j)
    links, i, j = [], n, m
    while (i, j) != (0, 0):
        pi, pj = back[i][j]
        links.append((tuple(range(pi, i)), tuple(range(pj, j)), cost[i][j] - cost[pi][pj]))
        i, j = pi, pj
    return links[::-1]


def test_sentence_dp_matches_plain_loop(article):
    from mtcheck.align import align_article
    from mtcheck.checks.base import ArticleContext
    from mtcheck.checks.completeness import analysis
    from mtcheck.config import Config
    from mtcheck.load import load_article
    from mtcheck.segment import segment_version

    fr = FR[:1] + [FR[1][:-1] + ", et " + FR[2][0].lower() + FR[2][1:]] + FR[3:]
    fs = files(de=DE[:2] + DE[3:], es=ES[:4] + ["Le 3 mai, 7 élus ont aussi parlé de 9 parcs."] + ES[4:])
    fs["fr.txt"] = text(fr, ((0, 2), (2, 3), (3, 5)))
    folder = article(fs)
    a = load_article(folder, folder.name)
    segs = {v.id: segment_version(v) for v in a.versions}
    ctx = ArticleContext(article=a, segments=segs, alignment=align_article(a, segs), config=Config())
    an = analysis(ctx)
    assert an.ok
    for vid in an.usable:
        if an.ref_for(vid) is not None:
            assert an.align(vid) == _reference_links(an, vid), vid


def test_page_furniture_is_not_an_addition_and_does_not_displace_a_sentence(article):
    # a cookie notice after the last paragraph is MT504's: the aligner may pair it with the
    # last source sentence, but the real last sentence must not become an "addition"
    paras = ((0, 2), (2, 3), (3, 6))
    fs = {name: text(sents, paras) for name, sents in
          {"en.source.txt": EN, "fr.txt": FR, "de.txt": DE, "es.txt": ES, "it.txt": IT}.items()}
    fs["fr.txt"] = fs["fr.txt"].rstrip("\n") + (
        "\n\nNous utilisons des cookies pour améliorer votre expérience. Tout accepter\n")
    fs["de.txt"] = fs["de.txt"].replace(DE[2], DE[2] + "\n\nLesen Sie auch: Neue Schulen für den Norden\n\n")
    assert run(article, fs) == []


def test_addition_message_never_divides_by_an_empty_expectation(article):
    es = ES[:5] + ["Los vecinos del barrio celebraron la noticia con una fiesta en la plaza mayor."] + ES[5:]
    got = run(article, files(es=text(es, ((0, 2), (2, 4), (4, 7)))))
    adds = [f for f in got if f["code"] == "MT402"]
    assert [(f["version"], f["line"]) for f in adds] == [("es", 5)]
    assert all("x as long" not in f["message"] or float(f["message"].split("x as long")[0].split()[-1]) < 10
               for f in adds)


def test_omission_inside_a_merge_is_placed_on_the_reference_side_of_the_paragraph_break():
    # reference: [A B] [C D]; version: [a] [cd] with B merged into the link B+C -> c.
    # B ends its paragraph, so it is missing at the end of "a", not at the start of "c"
    from types import SimpleNamespace

    from mtcheck.checks.completeness import _gap_position
    from mtcheck.model import Segment

    def segs(vid, paras):
        out, pos = [], 0
        for k, para in enumerate(paras):
            for t in para:
                out.append(Segment(vid, len(out), pos, pos + len(t), t, k))
                pos += len(t) + 1
            pos += 1
        return tuple(out)

    ctx = SimpleNamespace(segments={"en": segs("en", [["A.", "B."], ["C.", "D."]]),
                                    "fr": segs("fr", [["a."], ["c.", "d."]])})
    fr = ctx.segments["fr"]
    assert _gap_position(ctx, "en", "fr", 1, (1, 2), (1,)) == fr[0].end
    # the same merge when B is in the middle of its paragraph: before "c"
    ctx.segments["en"] = segs("en", [["A.", "B.", "C."], ["D."]])
    assert _gap_position(ctx, "en", "fr", 1, (1, 2), (1,)) == fr[1].start
    # the last sentence of a merge that opens the next paragraph: at the start of it
    ctx.segments["en"] = segs("en", [["A."], ["B.", "C."], ["D."]])
    ctx.segments["fr"] = fr = segs("fr", [["a."], ["c."], ["d."]])
    assert _gap_position(ctx, "en", "fr", 1, (0, 1), (0,)) == fr[1].start


_WALKOUT = {"en": "Opposition members walked out.", "fr": "Les élus de l'opposition ont quitté la salle.",
            "de": "Die Opposition verließ den Saal.", "es": "La oposición abandonó la sala."}
_IT0 = "Il consiglio comunale ha approvato lunedì un bilancio di 12 milioni di euro dopo un lungo dibattito in aula."


def _walkout_files(it_first):
    def ins(lst, s):
        return lst[:1] + [s] + lst[1:]

    paras = ((0, 3), (3, 5), (5, 7))
    return {"en.source.txt": text(ins(EN, _WALKOUT["en"]), paras), "fr.txt": text(ins(FR, _WALKOUT["fr"]), paras),
            "de.txt": text(ins(DE, _WALKOUT["de"]), paras), "es.txt": text(ins(ES, _WALKOUT["es"]), paras),
            "it.txt": text([it_first] + IT[1:], ((0, 2), (2, 4), (4, 6)))}


def test_short_sentence_dropped_next_to_a_wordy_one_when_every_other_version_keeps_it_apart(article):
    # the Italian first sentence is wordy enough that "first + walk-out" vs "first" is within
    # length noise; every other version has the two sentences apart and Italian has one
    got = run(article, _walkout_files(_IT0))
    assert [(f["version"], f["code"], f["line"]) for f in got] == [("it", "MT401", 1)]


def test_two_sentences_merged_into_one_with_their_content_stay_silent(article):
    merged = _IT0[:-1] + ", e l'opposizione ha lasciato l'aula per protesta."
    assert run(article, _walkout_files(merged)) == []


def test_pasted_sentence_linked_in_place_of_the_real_one_is_the_one_reported(article):
    # the sentence DP may link a pasted sentence to the reference and leave the real
    # translation over; the anchors (name, number) say which of the two renders the row
    from mtcheck.align import align_article
    from mtcheck.checks.base import ArticleContext
    from mtcheck.checks.completeness import analysis
    from mtcheck.config import Config
    from mtcheck.load import load_article
    from mtcheck.segment import segment_version

    pasted = "Según la policía, el incendio del almacén empezó poco antes de la medianoche."
    es = ES[:5] + [pasted] + ES[5:]
    folder = article(files(es=text(es, ((0, 2), (2, 4), (4, 7)))))
    a = load_article(folder, folder.name)
    segs = {v.id: segment_version(v) for v in a.versions}
    an = analysis(ArticleContext(article=a, segments=segs, alignment=align_article(a, segs), config=Config()))
    head = [((i,), (i,), 0.0) for i in range(4)]
    # the right pick stays
    an.links["es"] = head + [((4,), (4,), 0.0), ((), (5,), 3.5), ((5,), (6,), 0.0)]
    assert an.repick("es", 5) == 5
    # the wrong pick: "La alcaldesa, Anna Berg, ... 2025" left over, the pasted one linked in its place
    an.links["es"] = head + [((), (4,), 3.5), ((4,), (5,), 0.0), ((5,), (6,), 0.0)]
    assert an.repick("es", 4) == 5
    # the wrong pick inside a merged link
    an.links["es"] = head + [((4,), (4, 5), 0.8), ((5,), (6,), 0.0)]
    assert an.repick("es", 4) == 5 and an.repick("es", 5) == 5


def test_paragraph_stopping_in_mid_sentence(article):
    # the last sentence of the second paragraph is cut off after a few words: reported
    it = IT[:3] + ["I consiglieri dell'opposizione hanno detto"] + IT[4:]
    got = run(article, files(it=it))
    assert [(f["version"], f["code"], f["line"]) for f in got] == [("it", "MT403", 3)]


def test_paragraph_without_final_full_stop_but_complete_is_silent(article):
    # the whole sentence is there, only the full stop is missing; and a sentence that a
    # paragraph break splits (it goes on in lower case) is not cut either
    it = IT[:3] + [IT[3][:-1]] + IT[4:]
    assert run(article, files(it=it)) == []
    de = text(DE).replace("Mitglieder der Opposition sagten,", "Mitglieder der Opposition sagten,\n\n")
    de = de.replace(",\n\n der Plan", ",\n\nder Plan")
    assert run(article, files(de=de)) == []


_PORT = {"en": "Last year the port handled 4.2 million containers, 8% more than in 2022.",
         "fr": "L'an dernier, le port a traité 4,2 millions de conteneurs, 8 % de plus qu'en 2022.",
         "de": "Im vergangenen Jahr schlug der Hafen 4,2 Millionen Container um, 8 % mehr als 2022.",
         "es": "El año pasado el puerto movió 4,2 millones de contenedores, un 8 % más que en 2022.",
         "it": "L'anno scorso il porto ha movimentato 4,2 milioni di container, l'8% in più rispetto al 2022."}


def _port_files(**over):
    sents = {k: v + [over.get(k, _PORT[k])] for k, v in
             {"en": EN, "fr": FR, "de": DE, "es": ES, "it": IT}.items()}
    paras = ((0, 2), (2, 4), (4, 7))
    return {("en.source.txt" if k == "en" else f"{k}.txt"): text(v, paras) for k, v in sents.items()}


def test_sentence_cut_before_its_last_numbers_and_closed_with_a_full_stop(article):
    got = run(article, _port_files(it="L'anno scorso il porto ha movimentato 4,2 milioni."))
    assert [(f["version"], f["code"], f["line"]) for f in got] == [("it", "MT403", 5)]
    assert "8" in got[0]["message"]


def test_dropped_conversion_in_brackets_or_changed_number_is_not_a_cut(article):
    conv = {"en": "The new ferry is 140 metres (459 feet) long and carries 600 passengers.",
            "fr": "Le nouveau ferry mesure 140 mètres (459 pieds) et transporte 600 passagers.",
            "de": "Die neue Fähre ist 140 Meter (459 Fuß) lang und befördert 600 Passagiere.",
            "es": "El nuevo ferri mide 140 metros (459 pies) y transporta a 600 pasajeros.",
            "it": "Il nuovo traghetto è lungo 140 metri e trasporta 600 passeggeri."}
    assert run(article, _port_files(**conv)) == []
    # a changed number is MT3xx's, not a cut
    got = run(article, _port_files(it="L'anno scorso il porto ha movimentato 4,2 milioni di container, il 9%."))
    assert [f for f in got if f["code"] == "MT403"] == []


def test_cut_off_sentence_run_into_the_next_one(article):
    # "Altri 4 milioni di euro" lost its end and its full stop: the segmenter reads it and
    # the next sentence as one; the head is reported
    it = IT[:2] + ["Altri 4 milioni di euro " + IT[3]] + IT[4:]
    got = run(article, files(it=text(it, ((0, 2), (2, 3), (3, 5)))))
    assert [(f["version"], f["code"], f["line"], f["text"]) for f in got] == [
        ("it", "MT403", 3, "Altri 4 milioni di euro")]
