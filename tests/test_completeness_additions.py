"""MT402: a sentence pasted next to a real one, which the sentence alignment absorbs into a
merged link, is reported when nearly every other version has fewer sentences there; a
legitimate split and a repeated sentence stay silent (texts written for these tests)."""

from __future__ import annotations

from conftest import check_json, findings

EN = [
    "The regional railway company presented its new timetable in Lyon on Tuesday.",
    "From December, trains between the two largest cities will run every thirty minutes instead of every hour, "
    "and the first departure will leave at a quarter past five.",
    "The company said that 240 new drivers had been hired for the purpose.",
    "Passenger groups welcomed the plan but asked for more seats on the morning trains.",
    "The transport minister, Claire Duval, called the timetable a turning point for the region.",
    "Tickets for the new connections go on sale next week.",
]
FR = [
    "La compagnie ferroviaire régionale a présenté mardi à Lyon son nouvel horaire.",
    "À partir de décembre, les trains entre les deux plus grandes villes circuleront toutes les trente minutes au "
    "lieu de toutes les heures, et le premier départ aura lieu à cinq heures et quart.",
    "La compagnie a indiqué avoir embauché 240 nouveaux conducteurs à cet effet.",
    "Les associations d'usagers ont salué le projet mais ont demandé plus de places dans les trains du matin.",
    "La ministre des Transports, Claire Duval, a qualifié cet horaire de tournant pour la région.",
    "Les billets pour les nouvelles liaisons seront en vente la semaine prochaine.",
]
DE = [
    "Die regionale Bahngesellschaft hat am Dienstag in Lyon ihren neuen Fahrplan vorgestellt.",
    "Ab Dezember fahren die Züge zwischen den beiden größten Städten alle dreißig Minuten statt stündlich, "
    "und die erste Abfahrt ist um Viertel nach fünf.",
    "Dafür seien 240 neue Lokführer eingestellt worden, teilte das Unternehmen mit.",
    "Fahrgastverbände begrüßten den Plan, forderten aber mehr Sitzplätze in den Morgenzügen.",
    "Verkehrsministerin Claire Duval nannte den Fahrplan einen Wendepunkt für die Region.",
    "Die Fahrkarten für die neuen Verbindungen sind ab nächster Woche erhältlich.",
]
ES = [
    "La compañía ferroviaria regional presentó el martes en Lyon su nuevo horario.",
    "A partir de diciembre, los trenes entre las dos mayores ciudades circularán cada treinta minutos en lugar de "
    "cada hora, y la primera salida será a las cinco y cuarto.",
    "La compañía dijo que había contratado a 240 nuevos maquinistas con ese fin.",
    "Las asociaciones de pasajeros celebraron el plan, pero pidieron más asientos en los trenes de la mañana.",
    "La ministra de Transportes, Claire Duval, calificó el horario de punto de inflexión para la región.",
    "Los billetes para las nuevas conexiones saldrán a la venta la próxima semana.",
]
IT = [
    "La compagnia ferroviaria regionale ha presentato martedì a Lione il suo nuovo orario.",
    "Da dicembre i treni tra le due città più grandi circoleranno ogni trenta minuti invece che ogni ora, "
    "e la prima partenza sarà alle cinque e un quarto.",
    "La compagnia ha dichiarato di aver assunto a questo scopo 240 nuovi macchinisti.",
    "Le associazioni dei passeggeri hanno accolto il piano, ma hanno chiesto più posti sui treni del mattino.",
    "La ministra dei Trasporti, Claire Duval, ha definito l'orario una svolta per la regione.",
    "I biglietti per i nuovi collegamenti saranno in vendita la prossima settimana.",
]
PT = [
    "A companhia ferroviária regional apresentou na terça-feira em Lyon o seu novo horário.",
    "A partir de dezembro, os comboios entre as duas maiores cidades circularão a cada trinta minutos em vez de "
    "a cada hora, e a primeira partida será às cinco e um quarto.",
    "A companhia disse ter contratado 240 novos maquinistas para esse efeito.",
    "As associações de passageiros saudaram o plano, mas pediram mais lugares nos comboios da manhã.",
    "A ministra dos Transportes, Claire Duval, considerou o horário um ponto de viragem para a região.",
    "Os bilhetes para as novas ligações serão postos à venda na próxima semana.",
]
PARAS = ((0, 2), (2, 4), (4, 6))


def text(sents, paras=PARAS):
    return "\n\n".join(" ".join(sents[a:b]) for a, b in paras) + "\n"


def files(**over):
    base = {"en.source.txt": EN, "fr.txt": FR, "de.txt": DE, "es.txt": ES, "it.txt": IT, "pt.txt": PT}
    out = {}
    for name, sents in base.items():
        key = name.split(".")[0]
        out[name] = text(*over[key]) if key in over else text(sents)
    return out


def additions(folder):
    _code, report, _out = check_json(folder)
    return findings(report, "MT402")


# a sentence of another article, in Spanish, pasted after the long second sentence
PASTED = "El museo municipal cerrará sus puertas durante todo el verano para renovar sus salas."


def test_clean_article_has_no_addition(article):
    assert additions(article(files())) == []


def test_sentence_pasted_next_to_a_long_one_is_reported(article):
    es = ES[:2] + [PASTED] + ES[2:]
    folder = article(files(es=(es, ((0, 3), (3, 5), (5, 7)))))
    found = additions(folder)
    assert [f["text"] for f in found] == [PASTED], found


def test_sentence_split_in_two_by_one_translator_stays_silent(article):
    # the Spanish translator splits the long second sentence: same content, one more sentence
    es = ES[:1] + [
        "A partir de diciembre, los trenes entre las dos mayores ciudades circularán cada treinta minutos en lugar de "
        "cada hora.",
        "La primera salida será a las cinco y cuarto.",
    ] + ES[2:]
    folder = article(files(es=(es, ((0, 3), (3, 5), (5, 7)))))
    assert additions(folder) == []


def test_sentence_said_twice_is_not_an_addition(article):
    es = ES[:3] + [ES[2]] + ES[3:]
    folder = article(files(es=(es, ((0, 2), (2, 5), (5, 7)))))
    assert additions(folder) == []



def test_extra_sentence_helpers():
    from types import SimpleNamespace

    from mtcheck.checks.completeness import _bracketed, _fewer_elsewhere

    seg = lambda t: SimpleNamespace(text=t)  # noqa: E731
    segs = [seg("Le train part à 5 h 15."), seg("(Compilé par la rédaction / Anne Roy)"), seg("Fin (ou presque).")]
    assert _bracketed(segs, [1]) and not _bracketed(segs, [0]) and not _bracketed(segs, [2])
    # 2 sentences where 5 of 6 other versions have 1: one extra sentence
    assert _fewer_elsewhere(2, [1, 1, 1, 1, 1, 2], 1)
    # 3 sentences where most have 2: without one of them, as many as most versions have
    assert _fewer_elsewhere(3, [2, 2, 2, 2], 1) and not _fewer_elsewhere(3, [2, 2, 2, 2], 0)
    # 4 sentences where most have 2: one removed sentence does not explain it
    assert not _fewer_elsewhere(4, [2, 2, 2, 2, 3], 1) and _fewer_elsewhere(4, [2, 2, 2, 2, 3], 2)
    # others split there too: no evidence
    assert not _fewer_elsewhere(2, [1, 2, 2, 1], 1)
    # too few other versions
    assert not _fewer_elsewhere(2, [1, 1], 1)


def test_sentence_pasted_into_a_lower_cased_version_is_left_to_the_length_rules(article):
    # without capitals the names that tell a split from an addition are gone: the
    # extra-sentence rule stays silent (the plain length rules still apply)
    es = [s.lower() for s in ES[:2] + [PASTED] + ES[2:]]
    folder = article(files(es=(es, ((0, 3), (3, 5), (5, 7)))))
    assert not [f for f in additions(folder) if "extra sentence" in f["message"]]
