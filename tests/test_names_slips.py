"""l/r and doubled-letter slips (the errors of a system translating through Chinese,
which writes one sound for l and r): Cyrillic and Greek names judged against the Latin
versions, Latin slips at the start of a sentence, and the traps (a Latin name with the
mention's own l and r nearby, spelling variants across languages).  Our own texts."""

from __future__ import annotations

from conftest import name_findings

EN = ("Clara Rinaldi opened the new harbour museum in Trieste on Monday.\n\n"
      "The museum cost 40 million euros, the city said.\n\n"
      "Critics said the project was late: Rinaldi replied that the building was finished.\n\n"
      "Visitors queued for hours before the doors opened.\n\n"
      "The director, Marco Bellini, thanked the donors.\n")
IT = ("Clara Rinaldi ha inaugurato lunedì il nuovo museo del porto di Trieste.\n\n"
      "Il museo è costato 40 milioni di euro, ha detto il comune.\n\n"
      "I critici hanno detto che il progetto era in ritardo: Rinaldi ha risposto che l'edificio era finito.\n\n"
      "I visitatori hanno fatto la fila per ore prima dell'apertura.\n\n"
      "Il direttore, Marco Bellini, ha ringraziato i donatori.\n")
FR = ("Clara Rinaldi a inauguré lundi le nouveau musée du port de Trieste.\n\n"
      "Le musée a coûté 40 millions d'euros, selon la ville.\n\n"
      "Les critiques ont dit que le projet était en retard : {x} a répondu que le bâtiment était terminé.\n\n"
      "Les visiteurs ont fait la queue pendant des heures avant l'ouverture.\n\n"
      "Le directeur, Marco Bellini, a remercié les donateurs.\n")
DE = ("Clara Rinaldi hat am Montag das neue Hafenmuseum in Triest eröffnet.\n\n"
      "Das Museum kostete 40 Millionen Euro, teilte die Stadt mit.\n\n"
      "Kritiker sagten, das Projekt sei verspätet: Rinaldi antwortete, das Gebäude sei fertig.\n\n"
      "Besucher standen stundenlang an, bevor die Türen öffneten.\n\n"
      "Der Direktor, Marco Bellini, dankte den Spendern.\n")
ES = ("Clara Rinaldi inauguró el lunes el nuevo museo del puerto de Trieste.\n\n"
      "El museo costó 40 millones de euros, dijo la ciudad.\n\n"
      "Los críticos dijeron que el proyecto iba con retraso: Rinaldi respondió que el edificio estaba terminado.\n\n"
      "Los visitantes hicieron cola durante horas antes de la apertura.\n\n"
      "El director, Marco {b}, agradeció a los donantes.\n")
PL = ("Clara Rinaldi otworzyła w poniedziałek nowe muzeum portowe w Trieście.\n\n"
      "Muzeum kosztowało 40 milionów euro, podało miasto.\n\n"
      "Krytycy mówili, że projekt się opóźnia: Rinaldi odpowiedziała, że budynek jest gotowy.\n\n"
      "Zwiedzający stali w kolejce godzinami przed otwarciem.\n\n"
      "Dyrektor, Marco Bellini, podziękował darczyńcom.\n")
RU = ("Клара {r} открыла в понедельник новый музей порта в Триесте.\n\n"
      "Музей обошёлся в 40 миллионов евро, сообщили в городе.\n\n"
      "Критики говорили, что проект опаздывает: {r} ответила, что здание готово.\n\n"
      "Посетители часами стояли в очереди до открытия.\n\n"
      "Директор, Марко {b}, поблагодарил спонсоров.\n")
EL = ("Η Κλάρα {r} εγκαινίασε τη Δευτέρα το νέο μουσείο του λιμανιού στην Τεργέστη.\n\n"
      "Το μουσείο κόστισε 40 εκατομμύρια ευρώ, ανέφερε ο δήμος.\n\n"
      "Οι επικριτές είπαν ότι το έργο καθυστερούσε: η {r} απάντησε ότι το κτίριο ήταν έτοιμο.\n\n"
      "Οι επισκέπτες περίμεναν ώρες πριν ανοίξουν οι πόρτες.\n\n"
      "Ο διευθυντής, Μάρκο Μπελλίνι, ευχαρίστησε τους δωρητές.\n")


def _mt1(article, files):
    return name_findings(article(files))


def _files(fr="Rinaldi", ru="Ринальди", ru_b="Беллини", el="Ρινάλντι", es_b="Bellini"):
    return {"en.txt": EN, "it.txt": IT, "fr.txt": FR.format(x=fr), "de.txt": DE, "es.txt": ES.format(b=es_b),
            "pl.txt": PL, "ru.txt": RU.format(r=ru, b=ru_b), "el.txt": EL.format(r=el)}


def test_clean_versions_have_no_names_findings(article):
    assert _mt1(article, _files()) == []


def test_cyrillic_l_for_r_in_every_mention_is_flagged_against_the_latin_versions(article):
    # the only Russian version writes the name wrongly everywhere: no within-version evidence,
    # and the loose key (l = r, for Hangul and kana) must not count the Latin name as support
    got = _mt1(article, _files(ru="Линальди"))
    assert got == [("MT102", "ru", "Линальди", "Ринальди"), ("MT102", "ru", "Линальди", "Ринальди")]


def test_greek_l_for_r_is_flagged_and_greek_digraphs_read_as_one_sound(article):
    # Ρινάλντι: ντ after a consonant is d (Rinaldi); the slip Λινάλντι is l for r
    got = _mt1(article, _files(el="Λινάλντι"))
    assert got == [("MT102", "el", "Λινάλντι", "Ρινάλντι"), ("MT102", "el", "Λινάλντι", "Ρινάλντι")]


def test_a_cyrillic_name_with_the_l_of_another_latin_name_nearby_is_not_flagged(article):
    # Беллини has l as Bellini does: the closest Latin name has the mention's letters
    assert _mt1(article, _files()) == []
    got = _mt1(article, _files(ru_b="Беррини"))
    assert got == [("MT102", "ru", "Беррини", "Беллини")]


def test_latin_l_for_r_at_the_start_of_a_clause_is_flagged(article):
    # after a colon the word counts as sentence-initial: judged by the aligned row
    got = _mt1(article, _files(fr="Linaldi"))
    assert got == [("MT101", "fr", "Linaldi", "Rinaldi")]  # the version writes Rinaldi itself


def test_a_doubled_letter_dropped_is_flagged_beside_a_katakana_rendering(article):
    files = _files(es_b="Belini")
    files["ja.txt"] = ("クララ・リナルディ氏は月曜日、トリエステで新しい港の博物館を開いた。\n\n"
                       "博物館の費用は4000万ユーロだったと市は述べた。\n\n"
                       "批評家は計画が遅れていると述べたが、リナルディ氏は建物は完成したと答えた。\n\n"
                       "訪問者は開館前に何時間も並んだ。\n\n"
                       "館長のマルコ・ベリーニ氏は寄付者に感謝した。\n")
    got = _mt1(article, files)
    assert ("MT102", "es", "Belini", "Bellini") in got


def test_a_katakana_rendering_is_no_witness_for_a_latin_l_for_r(article):
    # エリン reads erin but cannot tell Elin from Erin: the French "Erin" stays unsupported
    files = _files()
    for v in ("en", "it", "de", "pl"):
        files[f"{v}.txt"] = files[f"{v}.txt"].replace("Marco Bellini", "Elin Bellini")
    files["es.txt"] = files["es.txt"].replace("Marco Bellini", "Elin Bellini")
    files["fr.txt"] = files["fr.txt"].replace("Marco Bellini", "Erin Bellini")
    files["ru.txt"] = files["ru.txt"].replace("Марко", "Элин")
    files["el.txt"] = files["el.txt"].replace("Μάρκο", "Ελίν")
    files["ja.txt"] = ("クララ・リナルディ氏は月曜日、トリエステで新しい港の博物館を開いた。\n\n"
                       "博物館の費用は4000万ユーロだったと市は述べた。\n\n"
                       "批評家は計画が遅れていると述べたが、リナルディ氏は建物は完成したと答えた。\n\n"
                       "訪問者は開館前に何時間も並んだ。\n\n"
                       "館長のエリン・ベリーニ氏は寄付者に感謝した。\n")
    assert _mt1(article, files) == [("MT102", "fr", "Erin", "Elin")]


def test_a_cyrillic_doubled_letter_no_latin_version_has_is_flagged(article):
    # Риннальди: the Latin versions write Rinaldi (one n); Беллини keeps Bellini's ll
    got = _mt1(article, _files(ru="Риннальди"))
    assert got == [("MT102", "ru", "Риннальди", "Ринальди"), ("MT102", "ru", "Риннальди", "Ринальди")]


UK = ("Клара {r} відкрила в понеділок новий музей порту в Трієсті.\n\n"
      "Музей коштував 40 мільйонів євро, повідомили в місті.\n\n"
      "Критики казали, що проєкт запізнюється: {r} відповіла, що будівля готова.\n\n"
      "Відвідувачі годинами стояли в черзі до відкриття.\n\n"
      "Директор, Марко Белліні, подякував спонсорам.\n")


def test_the_same_slip_in_two_cyrillic_versions_is_flagged_in_both(article):
    # a system translating through Chinese slips alike in Russian and Ukrainian: the two
    # do not make a convention against the Latin versions
    files = _files(ru="Линальди")
    files["uk.txt"] = UK.format(r="Лінальді")
    got = _mt1(article, files)
    assert got == [("MT102", "ru", "Линальди", "Ринальди"), ("MT102", "ru", "Линальди", "Ринальди"),
                   ("MT102", "uk", "Лінальді", "Рінальді"), ("MT102", "uk", "Лінальді", "Рінальді")]


def test_two_cyrillic_versions_with_the_latin_letters_are_not_flagged(article):
    files = _files()
    files["uk.txt"] = UK.format(r="Рінальді")
    assert _mt1(article, files) == []


def test_lower_cased_cyrillic_and_greek_slips_are_flagged(article):
    # as the seed's pipeline delivers text: no capitals tell the names apart
    files = _files(ru="Линальди", el="Λινάλντι")
    files["ru.txt"] = files["ru.txt"].lower()
    files["el.txt"] = files["el.txt"].lower()
    assert _mt1(article, files) == [("MT102", "el", "λινάλντι", "ρινάλντι"), ("MT102", "el", "λινάλντι", "ρινάλντι"),
                                    ("MT102", "ru", "линальди", "ринальди"), ("MT102", "ru", "линальди", "ринальди")]
