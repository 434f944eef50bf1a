"""MT002 from anchors: a version that holds another article is reported even when its
sentence lengths happen to line up (texts written for these tests)."""

from __future__ import annotations

from conftest import check_json, findings

EN = [
    "The port of Rostock handled 31 million tonnes of cargo in 2023, its chief executive Jens Aurich said.",
    "Container traffic rose 7 percent to 412,000 units, while ferry passengers fell to 2.4 million.",
    "Aurich said a new terminal for Baltic Ro-Ro services would open in March 2026.",
    "The state of Mecklenburg-Vorpommern is paying 85 million euros of the 140 million euro cost.",
    "Unions at Rostock Port welcomed the plan but warned about 60 jobs at the old quay.",
]
DE = [
    "Der Hafen Rostock hat 2023 nach Angaben von Geschäftsführer Jens Aurich 31 Millionen Tonnen umgeschlagen.",
    "Der Containerverkehr stieg um 7 Prozent auf 412.000 Einheiten, die Fährpassagiere sanken auf 2,4 Millionen.",
    "Ein neues Terminal für Baltic-Ro-Ro-Dienste soll im März 2026 öffnen, sagte Aurich.",
    "Das Land Mecklenburg-Vorpommern zahlt 85 Millionen Euro der Kosten von 140 Millionen Euro.",
    "Die Gewerkschaften im Rostock Port begrüßten den Plan, warnten aber vor 60 Stellen am alten Kai.",
]
FR = [
    "Le port de Rostock a traité 31 millions de tonnes de marchandises en 2023, selon son directeur Jens Aurich.",
    "Le trafic de conteneurs a progressé de 7 % à 412 000 unités, tandis que les passagers des ferries tombaient à 2,4 millions.",
    "Un nouveau terminal pour les services Baltic Ro-Ro ouvrira en mars 2026, a indiqué Aurich.",
    "Le Land de Mecklenburg-Vorpommern paie 85 millions d'euros sur un coût de 140 millions d'euros.",
    "Les syndicats de Rostock Port ont salué le projet mais s'inquiètent pour 60 emplois du vieux quai.",
]
ES = [
    "El puerto de Rostock movió 31 millones de toneladas de carga en 2023, según su director, Jens Aurich.",
    "El tráfico de contenedores subió un 7 % hasta 412.000 unidades y los pasajeros de ferri bajaron a 2,4 millones.",
    "Aurich dijo que en marzo de 2026 abrirá una nueva terminal para los servicios Baltic Ro-Ro.",
    "El estado de Mecklenburg-Vorpommern paga 85 millones de euros del coste de 140 millones de euros.",
    "Los sindicatos de Rostock Port celebraron el plan, pero advirtieron por 60 empleos del viejo muelle.",
]
# another article, in Italian, with sentences of about the same lengths
IT_OTHER = [
    "Il museo civico di Lucca ha riaperto sabato dopo un restauro durato quasi due anni e mezzo di lavori.",
    "La direttrice ha spiegato che le sale del primo piano ospitano ora la collezione di dipinti del Seicento.",
    "I visitatori potranno vedere anche una serie di disegni restaurati grazie a una donazione privata.",
    "Secondo il comune, l'ingresso resterà gratuito per i residenti fino alla fine dell'estate prossima.",
    "Le associazioni culturali della città hanno accolto con entusiasmo la riapertura delle sale.",
]
IT = [
    "Il porto di Rostock ha movimentato 31 milioni di tonnellate di merci nel 2023, secondo l'amministratore Jens Aurich.",
    "Il traffico container è salito del 7% a 412.000 unità, mentre i passeggeri dei traghetti sono scesi a 2,4 milioni.",
    "Aurich ha detto che un nuovo terminal per i servizi Baltic Ro-Ro aprirà nel marzo 2026.",
    "Il Land Mecklenburg-Vorpommern paga 85 milioni di euro sui 140 milioni di euro del costo.",
    "I sindacati di Rostock Port hanno accolto il piano ma temono per 60 posti di lavoro al vecchio molo.",
]


def _files(it):
    def t(s):
        return " ".join(s[:2]) + "\n\n" + " ".join(s[2:]) + "\n"

    return {"en.source.txt": t(EN), "de.txt": t(DE), "fr.txt": t(FR), "es.txt": t(ES), "it.txt": t(it)}


def test_version_holding_another_article_is_reported(article):
    _rc, report, _out = check_json(article(_files(IT_OTHER)), args=("--select", "MT00*"))
    got = findings(report, "MT002")
    assert [f["version"] for f in got] == ["it"]


def test_faithful_translations_are_not_reported(article):
    _rc, report, _out = check_json(article(_files(IT)), args=("--select", "MT00*"))
    assert findings(report, "MT002") == []
