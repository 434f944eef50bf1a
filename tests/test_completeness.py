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
