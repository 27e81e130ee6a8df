"""Roles that hold: who acts, who undergoes it, who only says so. Sentences written for
these tests, about several stories, in both languages."""

from __future__ import annotations

import pytest

from kg.articles.read import parse_document
from kg.extract import extract_document
from kg.rules.loader import load_rules

RULES = load_rules()


def _events(text: str, lang: str = "en"):
    document = parse_document(f"lang: {lang}\n\n{text}")
    return extract_document(document, RULES).events


def _kinds(text: str, lang: str = "en") -> dict[str, dict[str, list[str]]]:
    return {e.type: e.roles for e in _events(text, lang)}


def test_a_speaker_is_the_source_of_what_follows_not_a_role():
    (event,) = [e for e in _events("Armenia said Azerbaijan had violated the ceasefire.")]
    assert event.type == "ViolateCeasefire"
    assert event.roles.get("agent") == ["azerbaijan"]
    assert "armenia" not in {i for ids in event.roles.values() for i in ids}


def test_a_noun_that_a_verb_speaks_about_takes_none_of_the_verb_roles():
    kinds = _kinds("The army seized power in Niger. The coup was condemned by France.")
    assert kinds["Condemn"].get("agent") == ["france"]
    coups = [
        e
        for e in _events("The army seized power in Niger. The coup was condemned by France.")
        if e.type == "Coup"
    ]
    assert len(coups) == 1  # the second mention is the first coup, told again
    assert "france" not in {i for ids in coups[0].roles.values() for i in ids}


def test_a_possessor_before_a_noun_trigger_is_its_agent():
    kinds = _kinds("Russia's annexation of Crimea was condemned by the United Nations.")
    assert kinds["OccupyTerritory"].get("agent") == ["russia"]


def test_a_longer_trigger_takes_the_words_it_shares():
    kinds = _kinds("The European Union lifted sanctions on Syria.")
    assert "EaseSanctions" in kinds and "ImposeSanctions" not in kinds
    kinds = _kinds("De Europese Unie hief de sancties tegen Syrië op.", "nl")
    assert "ImposeSanctions" not in kinds


def test_between_makes_both_parties_doers():
    kinds = _kinds("Fighting between the Rapid Support Forces and the Sudanese army broke out.")
    assert set(kinds["UseMilitaryForce"]["agent"]) == {"rapid-support-forces", "sudan-military"}
    kinds = _kinds("De onderhandelingen tussen Israël en Hamas werden hervat.", "nl")
    assert set(kinds["Negotiate"]["agent"]) == {"israel", "hamas"}


def test_an_exception_clause_takes_no_role():
    text = (
        "The invasion was condemned by all members of the Security Council "
        "with the exception of Russia."
    )
    condemn = _kinds(text)["Condemn"]
    assert condemn.get("agent") == [
        "united-nations-security-council-members",
        "united-nations-security-council",
    ]
    assert "russia" not in {i for ids in condemn.values() for i in ids}
    text = (
        "De inval werd door alle leden van de Veiligheidsraad met uitzondering van Rusland "
        "veroordeeld."
    )
    condemn = _kinds(text, "nl")["Condemn"]
    assert "russia" not in {i for ids in condemn.values() for i in ids}


def test_the_accused_is_the_doer_of_what_the_accusation_names_and_it_is_not_asserted():
    for text, lang in [
        ("Poland accused Belarus of sending migrants to the border.", "en"),
        ("Polen beschuldigt Belarus van het sturen van migranten naar de grens.", "nl"),
        ("Polen beschuldigt Belarus ervan migranten naar de grens te sturen.", "nl"),
    ]:
        (sent,) = [e for e in _events(text, lang) if e.type == "SendToBorder"]
        assert sent.roles["agent"] == ["belarus"], text
        assert sent.factuality == "possible", text
        (accusation,) = [e for e in _events(text, lang) if e.type == "Accuse"]
        assert accusation.roles == {"agent": ["poland"], "patient": ["belarus"]}, text


def test_an_agent_cue_leads_past_an_adjective_to_the_name_and_through_a_list():
    kinds = _kinds(
        "The results were rejected by American charity the Carter Center, the Organization "
        "of American States (OAS), and the United Nations."
    )
    assert set(kinds["Reject"]["agent"]) == {
        "carter-center",
        "organization-of-american-states",
        "united-nations",
    }
    assert "united-states" not in {i for ids in kinds["Reject"].values() for i in ids}


def test_an_agent_cue_reaches_the_named_instance_of_a_class():
    kinds = _kinds("The crackdown was condemned by rights groups such as Amnesty International.")
    assert kinds["Condemn"].get("agent") == ["amnesty-international"]
    kinds = _kinds(
        "Het geweld werd veroordeeld door organisaties zoals Amnesty International.", "nl"
    )
    assert kinds["Condemn"].get("agent") == ["amnesty-international"]


def test_door_after_a_noun_in_an_active_clause_names_that_noun_doer():
    kinds = _kinds(
        "Nederland en Duitsland hebben de escalatie door Azerbeidzjan scherp veroordeeld.", "nl"
    )
    assert set(kinds["Condemn"]["agent"]) == {"netherlands", "germany"}
    assert kinds["Condemn"]["patient"] == ["azerbaijan"]
    kinds = _kinds("Kiev werd in de nacht door Rusland aangevallen.", "nl")
    assert kinds["UseMilitaryForce"]["agent"] == ["russia"]


def test_the_subject_of_the_trigger_clause_wins_over_an_earlier_clause():
    kinds = _kinds(
        "Before the rebels could reach the capital, President of Kenya William Ruto "
        "mediated between the two sides."
    )
    assert kinds["Mediate"]["agent"] == ["william-ruto"]


def test_the_event_type_says_what_its_of_names():
    kinds = _kinds("Bent u bekend met berichten over de staatsgreep van het leger van Gabon?", "nl")
    assert kinds["Coup"].get("agent") == ["gabon-military"]
    kinds = _kinds("The arrest of Alexei Navalny by Russian police was condemned by France.")
    assert "alexei-navalny" in kinds["Detain"].get("patient", [])


def test_the_title_holder_acts_not_the_country_that_gave_the_title():
    kinds = _kinds("China's foreign minister Wang Yi met his Russian counterpart Sergei Lavrov.")
    assert kinds["HoldMeeting"] == {"agent": ["wang-yi"], "patient": ["sergei-lavrov"]}
    kinds = _kinds("Russia's defence minister Andrei Belousov visited North Korea.")
    assert kinds["MakeVisit"] == {"agent": ["andrei-belousov"], "patient": ["north-korea"]}


def test_a_condemned_act_gives_its_doer_to_the_verdict_and_the_subject_to_no_one_else():
    for text in (
        "Het kabinet veroordeelt de aanval van Iran op Israël.",
        "Het kabinet heeft de aanval van Iran op Israël veroordeeld.",
    ):
        kinds = _kinds(text, "nl")
        assert kinds["UseMilitaryForce"] == {"agent": ["iran"], "patient": ["israel"]}, text
        assert kinds["Condemn"] == {"agent": ["netherlands-government"], "patient": ["iran"]}
    kinds = _kinds("The EU condemned Iran's attack on Israel.")
    assert kinds["UseMilitaryForce"] == {"agent": ["iran"], "patient": ["israel"]}
    assert kinds["Condemn"] == {"agent": ["european-union"], "patient": ["iran"]}
    kinds = _kinds("France condemned the Russian invasion of Ukraine.")
    assert kinds["Invade"] == {"agent": ["russia"], "patient": ["ukraine"]}


def test_a_source_named_by_according_to_is_no_participant():
    for text, lang in (
        ("Volgens Kyiv heeft Rusland de stad Charkiv gebombardeerd.", "nl"),
        ("According to Kyiv, Russia bombed the city of Kharkiv.", "en"),
    ):
        (event,) = _events(text, lang)
        assert event.roles.get("agent") == ["russia"], text
        assert "ukraine" not in {i for ids in event.roles.values() for i in ids}


def test_aan_names_whom_sanctions_or_arms_go_to():
    kinds = _kinds("De Verenigde Staten hebben sancties opgelegd aan Iran.", "nl")
    assert kinds["ImposeSanctions"] == {"agent": ["united-states"], "patient": ["iran"]}
    kinds = _kinds("Mali heeft de Franse ambassadeur uitgezet.", "nl")
    # an unnamed ambassador stands for the embassy (the title's body; docs/rules.md `titles`)
    assert kinds["ReduceDiplomaticRelations"] == {"agent": ["mali"], "patient": ["france-embassy"]}


def test_a_phrase_another_event_drops_takes_no_words_from_the_one_kept():
    kinds = _kinds("Israel and Hamas agreed to a ceasefire brokered by Qatar and Egypt.")
    assert kinds["DeclareCeasefire"] == {"agent": ["israel", "hamas"]}
    assert kinds["Mediate"]["agent"] == ["qatar", "egypt"]


def test_the_accused_group_does_the_act_it_is_accused_of_and_only_possibly():
    (act,) = [
        e
        for e in _events(
            "Mensenrechtengroepen beschuldigen de milities van etnische zuivering.", "nl"
        )
        if e.type == "EthnicCleansing"
    ]
    assert act.roles == {"agent": ["militias"]} and act.factuality == "possible"
    kinds = _kinds("Belarus heeft de journalist Protasevitsj ontvoerd.", "nl")
    assert kinds["Abduct"] == {"agent": ["belarus"], "patient": ["roman-protasevich"]}


def test_a_speaker_after_the_statement_is_its_source():
    for text, lang in (
        ("Hezbollah vuurde raketten af op Israël, meldt het Israëlische leger.", "nl"),
        ("Hezbollah fired rockets at Israel, said the Israeli army.", "en"),
    ):
        (event,) = _events(text, lang)
        assert event.roles == {"agent": ["hezbollah"], "patient": ["israel"]}, text
        assert event.according_to == ["israel-military"], text
    kinds = _kinds(
        "Rusland heeft Charkiv gebombardeerd, zegt president Zelensky van Oekraïne.", "nl"
    )
    assert "ukraine" not in {i for ids in kinds["AerialAttack"].values() for i in ids}


def test_dutch_verb_second_puts_the_subject_after_an_opening_time():
    kinds = _kinds("Dinsdag viel Rusland de stad Charkiv aan.", "nl")
    assert kinds["UseMilitaryForce"]["agent"] == ["russia"]
    kinds = _kinds(
        "Vorige week arresteerde de Georgische politie oppositieleider Nika Melia.", "nl"
    )
    assert kinds["Detain"] == {"agent": ["georgia-police"], "patient": ["nika-melia"]}


def test_zijn_with_a_participle_is_a_passive_unless_the_verb_takes_zijn():
    kinds = _kinds("Volgens de VN zijn sinds oktober meer dan 40.000 Palestijnen gedood.", "nl")
    assert kinds["Kill"] == {"patient": ["palestinians"]}
    kinds = _kinds("Meer dan 100.000 Armeniërs zijn naar Armenië gevlucht.", "nl")
    assert kinds["Flee"]["agent"] == ["armenians"]
    kinds = _kinds("Bent u bekend met het bericht dat Rusland Oekraïne heeft aangevallen?", "nl")
    assert kinds["UseMilitaryForce"] == {"agent": ["russia"], "patient": ["ukraine"]}


def test_a_date_after_a_cue_ends_its_reach():
    kinds = _kinds("On Monday, Russian forces captured the village of Pokrovsk.")
    assert kinds["OccupyTerritory"]["agent"] == ["russia-military"]


def test_words_a_pattern_names_neither_open_a_clause_nor_negate_it():
    kinds = _kinds("Rwanda has stated that it will accept migrants from the United Kingdom.")
    assert kinds["MakeStatement"]["agent"] == ["rwanda"]
    (event,) = [e for e in _events("Israel holds 1,200 Palestinians without charge.")]
    assert event.type == "Detain" and event.factuality == "asserted"


def test_they_is_a_group_named_just_before_or_no_one():
    near = _kinds("Thousands of protesters gathered in Tbilisi. Police said they attacked Georgia.")
    assert near["UseMilitaryForce"]["agent"] == ["protesters"]
    far = _kinds(
        "Thousands of protesters gathered in Tbilisi. France, Germany, Italy, Spain, Poland "
        "and Austria met in Brussels with Sweden. Later they attacked Georgia."
    )
    assert "protesters" not in far.get("UseMilitaryForce", {}).get("agent", [])


def test_the_one_called_on_is_to_do_what_follows_and_has_not_yet():
    kinds = {
        e.type: e for e in _events("France called on Russia to withdraw its troops from Ukraine.")
    }
    assert kinds["Appeal"].roles == {"agent": ["france"], "patient": ["russia"]}
    assert kinds["RetreatMilitarily"].roles["agent"] == ["russia"]
    assert kinds["RetreatMilitarily"].factuality == "future"


def test_zijn_before_a_noun_is_his_and_hebben_makes_it_active():
    kinds = _kinds("Litouwen heeft zijn ambassade in Minsk gesloten.", "nl")
    assert kinds["ReduceDiplomaticRelations"]["agent"] == ["lithuania"]
    kinds = _kinds("Niger heeft zijn grenzen met Benin gesloten.", "nl")
    assert kinds["Blockade"]["agent"] == ["niger"]


def test_an_event_noun_after_a_measure_noun_is_the_verb_object():
    kinds = _kinds("The European Union imposed a fifth package of sanctions on Belarus in June.")
    assert kinds["ImposeSanctions"] == {"agent": ["european-union"], "patient": ["belarus"]}
    kinds = _kinds("De EU heeft een nieuwe ronde van sancties tegen Rusland aangenomen.", "nl")
    assert kinds["ImposeSanctions"] == {"agent": ["european-union"], "patient": ["russia"]}


def test_denied_that_opens_a_clause_with_its_own_doer():
    events = {e.type: e for e in _events("Lukashenko denied that Belarus had sent migrants.")}
    assert events["SendToBorder"].roles["agent"] == ["belarus"]
    assert events["SendToBorder"].factuality == "denied"


def test_an_object_pronoun_is_never_the_doer():
    # "hen"/"them" are the ones called on; with the speaker unnamed, no one is the agent
    for text, lang in (
        ("Veel burgers zijn gedood. Wij hebben hen opgeroepen tot de-escalatie.", "nl"),
        ("Many civilians were killed. We have called on them to de-escalate.", "en"),
    ):
        for event in _events(text, lang):
            assert "civilians" not in event.roles.get("agent", []), (text, event.roles)


def test_a_clause_in_front_gives_the_main_clause_no_subject():
    kinds = _kinds("After Russia invaded Ukraine, we imposed sanctions.")
    assert kinds["Invade"] == {"agent": ["russia"], "patient": ["ukraine"]}
    assert "russia" not in kinds.get("ImposeSanctions", {}).get("agent", [])
    kinds = _kinds("After Russia invaded Ukraine, the EU imposed sanctions on Moscow.")
    assert kinds["ImposeSanctions"]["agent"] == ["european-union"]
    # Dutch inverts after a clause in front: the subject follows the finite verb
    kinds = _kinds("Nadat Rusland Oekraïne binnenviel, legde de EU sancties op tegen Moskou.", "nl")
    assert kinds["ImposeSanctions"] == {"agent": ["european-union"], "patient": ["russia"]}
    kinds = _kinds("Nu Rusland Oekraïne heeft aangevallen, hebben wij sancties opgelegd.", "nl")
    assert "russia" not in kinds.get("ImposeSanctions", {}).get("agent", [])


def test_an_agent_cue_that_closes_the_trigger_names_the_doer():
    kinds = _kinds("On 15 August 2021, the capital city of Kabul was captured by the Taliban.")
    assert kinds["OccupyTerritory"]["agent"] == ["taliban"]
    assert "kabul" in kinds["OccupyTerritory"]["place"]
    # a person captured is no territory taken
    assert "OccupyTerritory" not in _kinds("The journalist Jan Novak was captured by the rebels.")


def test_a_dutch_clause_after_a_verb_and_en_shares_the_subject_not_the_objects():
    text = (
        "Nederland heeft het geweld sterk veroordeeld en Iran meermaals opgeroepen om te stoppen."
    )
    kinds = _kinds(text, "nl")
    assert kinds["Appeal"] == {"agent": ["netherlands"], "patient": ["iran"]}
    assert "iran" not in kinds["Condemn"].get("patient", [])


def test_ik_in_a_ministers_answers_is_the_government_and_elsewhere_no_one():
    answer = (
        "Vragen van het lid Paternotte (D66) aan de Minister van Buitenlandse Zaken.\n\n"
        "Antwoord van Minister Hoekstra (Buitenlandse Zaken).\n\n"
        "Zo heb ik de Iraanse autoriteiten opgeroepen om een onderzoek in te stellen."
    )
    kinds = _kinds(answer, "nl")
    assert kinds["Appeal"] == {"agent": ["netherlands-government"], "patient": ["iran-authorities"]}
    # without a minister's byline "ik" is no one the text names, and not the one called on
    kinds = _kinds(
        "Zo heb ik de Iraanse autoriteiten opgeroepen om een onderzoek in te stellen.", "nl"
    )
    assert "iran-authorities" not in kinds.get("Appeal", {}).get("agent", [])


def test_an_ing_trigger_before_a_name_makes_the_name_its_doer():
    kinds = _kinds("Kyiv was shelled by invading Russian troops.")
    assert kinds["Invade"] == {"agent": ["russia-military"]}


def test_by_before_a_verb_says_how_not_who():
    kinds = _kinds("Iranian security forces had killed protesters by beating them with batons.")
    assert kinds["Kill"] == {"agent": ["iran-military"], "patient": ["protesters"]}


def test_members_of_a_body_act_and_so_does_the_body():
    for text, lang in (
        ("All members of the UN Security Council condemned the attack.", "en"),
        ("Hierbij veroordeelden alle leden van de VN-Veiligheidsraad de aanval.", "nl"),
    ):
        agents = _kinds(text, lang)["Condemn"]["agent"]
        assert "united-nations-security-council" in agents, text


def test_an_indirect_question_asserts_nothing():
    for text, lang in (
        ("Het kabinet zal beoordelen of de vlucht neerkomt op etnische zuivering.", "nl"),
        ("Het is onduidelijk of Rusland de pijpleiding heeft opgeblazen.", "nl"),
        ("The court will determine if Russia committed genocide.", "en"),
    ):
        assert all(e.factuality == "question" for e in _events(text, lang)), text


def test_a_when_clause_tells_who_took_part_in_the_event_before_it():
    text = "A coup occurred in Niger when the country's presidential guard detained Bazoum."
    coup = _kinds(text)["Coup"]
    assert coup["agent"] == ["niger-presidential-guard"]
    assert coup["patient"] == ["mohamed-bazoum"]
    text = "Hamas voerde een aanval uit op Israël, waarbij ten minste 1.300 burgers werden gedood."
    kinds = _kinds(text, "nl")
    assert kinds["Kill"] == {"agent": ["hamas"], "patient": ["civilians"]}
    assert kinds["UseMilitaryForce"] == {"agent": ["hamas"], "patient": ["israel"]}


def test_the_report_a_question_heading_names_is_asserted():
    heading = (
        "Vragen van het lid Sjoerdsma (D66) aan de Minister van Buitenlandse Zaken over het "
        "bericht dat het leger van Burkina Faso een staatsgreep heeft gepleegd."
    )
    (coup,) = [e for e in _events(heading, "nl") if e.type == "Coup"]
    assert coup.factuality == "asserted"
    heading = "Vragen van het lid Sjoerdsma (D66) over een mogelijke staatsgreep in Burkina Faso."
    assert all(e.factuality != "asserted" for e in _events(heading, "nl"))


def test_a_dutch_subject_without_a_name_leaves_the_name_after_the_verb_its_object():
    # the minister is named by no rule: Chile is the one condemned, not the one condemning
    kinds = _kinds("De minister heeft Chili veroordeeld om de arrestaties.", "nl")
    assert kinds["Condemn"] == {"patient": ["chile"]}
    kinds = _kinds("Hij meldde dat de woordvoerder Peru had bekritiseerd.", "nl")
    assert kinds["Condemn"] == {"patient": ["peru"]}
    # a date or an adverb in front is no subject; a named subject still acts
    kinds = _kinds("Een week later heeft Rusland Georgië aangevallen.", "nl")
    assert kinds["UseMilitaryForce"] == {"agent": ["russia"], "patient": ["georgia"]}
    kinds = _kinds("De Verenigde Staten hebben Iran aangevallen.", "nl")
    assert kinds["UseMilitaryForce"] == {"agent": ["united-states"], "patient": ["iran"]}
    # "en" opens a clause of its own with a subject of its own
    kinds = _kinds("De strijd is hevig en Nederland heeft Rusland veroordeeld.", "nl")
    assert kinds["Condemn"] == {"agent": ["netherlands"], "patient": ["russia"]}


def test_a_relative_clause_refers_to_the_phrase_right_before_it():
    # the violence, not the cabinet, caused the casualties: no doer is named
    text = (
        "Het kabinet is bezorgd over het geweld in het conflict in en rond Jemen dat ook veel"
        " burgerslachtoffers heeft gemaakt."
    )
    assert _kinds(text, "nl")["Kill"] == {"patient": ["civilians"]}
    text = "Amnesty International said the violence in Darfur that killed civilians must end."
    kills = [e for e in _events(text) if e.type == "Kill"]
    assert all("amnesty-international" not in e.roles.get("agent", []) for e in kills)
    # a name right before the pronoun, or a partitive between, is the antecedent
    kinds = _kinds("The coup was condemned by the African Union, which suspended Mali.")
    assert kinds["Condemn"]["agent"] == ["african-union"]
    text = "Mali was condemned by France and ECOWAS, the latter of which threatened military force."
    assert _kinds(text)["ThreatenMilitaryForce"]["agent"] == ["ecowas"]


def test_an_adjective_after_a_cue_leads_to_no_name_past_a_verb():
    text = "Dankzij Duitse inzet heeft de Europese Raad Iran opgeroepen tot terughoudendheid."
    appeal = _kinds(text, "nl")["Appeal"]
    assert appeal["agent"] == ["european-council"]
    assert appeal.get("supporter") == ["germany"]


def test_the_one_who_appeals_is_not_the_doer_of_what_is_asked():
    kinds = _kinds("Zelensky riep Duitsland op meer wapens te leveren.", "nl")
    assert kinds["Appeal"] == {"agent": ["volodymyr-zelensky"], "patient": ["germany"]}
    (aid,) = [
        e
        for e in _events("Zelensky riep Duitsland op meer wapens te leveren.", "nl")
        if e.type == "ProvideMilitaryAid"
    ]
    assert aid.roles == {"agent": ["germany"]} and aid.factuality != "asserted"
    # no one named to deliver: no delivery by the one who asks
    text = "Zelensky riep het Westen op meer wapens te leveren."
    assert "ProvideMilitaryAid" not in _kinds(text, "nl")


def test_a_persons_titled_aide_named_after_the_title_acts_not_the_person():
    text = (
        "Navalny's spokeswoman, Kira Yarmysh, confirmed his death the next day and demanded"
        " his body should be returned to his family."
    )
    kinds = _kinds(text)
    assert kinds["MakeStatement"]["agent"] == ["kira-yarmysh"]
    assert kinds["Demand"]["agent"] == ["kira-yarmysh"]


def test_a_noun_an_appeal_asks_for_has_not_happened_and_is_not_the_appellants():
    events = _events("Frankrijk riep op tot onderhandelingen tussen Rusland en Oekraïne.", "nl")
    assert [e.type for e in events if e.factuality == "asserted"] == ["Appeal"]
    assert all("france" not in e.roles.get("agent", []) for e in events if e.type != "Appeal")


def test_numbered_questions_without_a_byline_are_answered_by_the_government():
    text = (
        "Vraag 1\nHeeft u met uw Armeense ambtgenoot gesproken?\n\n"
        "Ik heb Azerbeidzjan opgeroepen tot terughoudendheid.\n"
    )
    (appeal,) = [e for e in _events(text, "nl") if e.type == "Appeal"]
    assert appeal.roles == {"agent": ["netherlands-government"], "patient": ["azerbaijan"]}
    # without numbered questions "ik" stays no one
    assert "Appeal" not in _kinds("Ik heb Azerbeidzjan opgeroepen tot terughoudendheid.", "nl")


def test_an_organisations_fighters_are_the_organisation_and_a_persons_followers_not_him():
    kinds = _kinds("Wagner fighters attacked Russian troops near Rostov.")
    assert kinds["UseMilitaryForce"]["agent"] == ["wagner-group"]
    assert "militants" not in {i for ids in kinds["UseMilitaryForce"].values() for i in ids}
    for text, lang in [
        ("Trump supporters attacked police officers at the Capitol.", "en"),
        ("Supporters of Navalny attacked police officers in Moscow.", "en"),
        ("Aanhangers van Trump bestormden het Capitool.", "nl"),
    ]:
        people = {"donald-trump", "alexei-navalny"}
        assert not people & {
            i for e in _events(text, lang) for ids in e.roles.values() for i in ids
        }


def test_a_participle_describing_a_noun_gives_it_as_patient_and_keeps_it_the_subject():
    # Dutch puts the agent before the participle that stands before its noun
    kinds = _kinds("De door Iran gesteunde Houthi's vielen schepen aan in de Rode Zee.", "nl")
    assert kinds["Support"] == {"agent": ["iran"], "patient": ["houthis"]}
    assert kinds["UseMilitaryForce"]["agent"] == ["houthis"]
    kinds = _kinds("De door Rwanda gesteunde rebellen namen Goma in.", "nl")
    assert kinds["OccupyTerritory"]["agent"] == ["rebels"]
    for text, lang in [
        ("Hamas, gesteund door Iran, viel Israël aan.", "nl"),
        ("Hamas, backed by Iran, attacked Israel.", "en"),
    ]:
        kinds = _kinds(text, lang)
        assert kinds["Support"] == {"agent": ["iran"], "patient": ["hamas"]}
        assert kinds["UseMilitaryForce"] == {"agent": ["hamas"], "patient": ["israel"]}
    # an English simple past is no participle before its noun
    kinds = _kinds("Militias supported by Iran attacked US bases in Syria.")
    assert kinds["UseMilitaryForce"]["agent"] == ["militias"]


def test_a_delivery_with_no_doer_named_comes_from_its_origin():
    text = "Er worden wapens uit de Verenigde Staten geëxporteerd naar Egypte."
    assert _kinds(text, "nl")["ProvideMilitaryAid"] == {
        "agent": ["united-states"],
        "patient": ["egypt"],  # the country it goes to receives it
    }
    # a doer named keeps the origin a place ("vanuit Polen": from where it is sent)
    kinds = _kinds("Duitsland leverde vanuit Polen wapens aan Oekraïne.", "nl")
    assert kinds["ProvideMilitaryAid"]["agent"] == ["germany"]


def test_the_entity_a_trigger_names_decides_between_its_meanings():
    # "captured <town>" occupies it; "captured <man>" abducts him
    assert _kinds("Russian forces captured Bakhmut in May.")["OccupyTerritory"] == {
        "agent": ["russia-military"],
        "place": ["bakhmut"],
    }
    kinds = _kinds("Hamas captured Gilad Shalit in 2006.")
    assert "OccupyTerritory" not in kinds
    assert kinds["Abduct"] == {"agent": ["hamas"], "patient": ["gilad-shalit"]}


def test_an_english_object_before_and_is_not_the_next_verbs_subject():
    text = "The junta formed a council of generals with Mohamed Bazoum and accused France."
    accuse = _kinds(text)["Accuse"]
    assert "mohamed-bazoum" not in accuse.get("agent", [])
    kinds = _kinds("Mali detained Mohamed Bazoum and accused France of interference.")
    assert kinds["Accuse"] == {"agent": ["mali"], "patient": ["france"]}


def test_he_stands_for_the_main_person_named_lately():
    text = "Yevgeny Prigozhin led the mutiny in June. He accused Sergei Shoigu of incompetence."
    assert _kinds(text)["Accuse"] == {"agent": ["yevgeny-prigozhin"], "patient": ["sergei-shoigu"]}
    text = (
        "Jevgeni Prigozjin leidde de muiterij. Hij beschuldigde Sergej Sjojgoe van incompetentie."
    )
    assert _kinds(text, "nl")["Accuse"]["agent"] == ["yevgeny-prigozhin"]
    # no one named lately: "he" stays no one
    assert "agent" not in _kinds("He accused Sergei Shoigu of incompetence.")["Accuse"]


def test_who_reports_that_something_happened_takes_no_role_in_it():
    # the speaker before "reported that" / "meldden dat" is neither doer nor target of
    # what the clause tells; the clause's own names are
    events = _events("Amnesty International reported that protesters were killed.")
    (killing,) = [e for e in events if e.type == "Kill"]
    assert killing.roles == {"patient": ["protesters"]}
    beatings = [
        e
        for e in _events("Witnesses, including journalists, reported that she was beaten.")
        if e.type == "PhysicalAssault"
    ]
    assert not beatings  # "she" names no one here, and the witnesses were not beaten
    dutch = _events("Getuigen meldden dat de vrouw zwaar werd mishandeld.", "nl")
    assert not [e for e in dutch if e.type == "PhysicalAssault"]  # no one named: no event
    # a demonstrative "dat" after a verb still leaves the actor before it
    assert _kinds("Het kabinet heeft dat punt gemaakt en Rusland veroordeeld.", "nl")[
        "Condemn"
    ] == {"agent": ["netherlands-government"], "patient": ["russia"]}


def test_a_relative_clause_about_a_common_noun_takes_no_name_from_before_it():
    # the clause is about the attacks (or the violence); the country that worries about
    # them neither attacks nor is attacked
    for text in (
        "Nederland maakt zich zorgen over de aanvallen die gisteren op burgers werden uitgevoerd.",
        "Nederland maakt zich zorgen over het geweld dat de politie tegen betogers gebruikt.",
    ):
        events = _events(text, "nl")
        assert [e.type for e in events] == ["ExpressConcern"]
        assert events[0].roles == {"agent": ["netherlands"]}


def test_an_aside_between_dashes_does_not_split_the_clause():
    text = (
        "Nederland heeft het geweld sterk veroordeeld en Iran – zowel bilateraal als in "
        "multilateraal verband – meermaals opgeroepen de arrestanten vrij te laten."
    )
    kinds = _kinds(text, "nl")
    assert kinds["DemandRelease"] == {"agent": ["netherlands"], "patient": ["iran"]}
    assert kinds["Condemn"] == {"agent": ["netherlands"]}
    english = "Canada condemned the raid and urged Iran – both in private and in public – to stop."
    assert _kinds(english)["Appeal"] == {"agent": ["canada"], "patient": ["iran"]}


def test_both_countries_and_both_sides_stand_for_the_pair_named_before():
    kinds = _kinds("Poland and Lithuania closed their borders. Both countries condemned Belarus.")
    assert kinds["Condemn"] == {"agent": ["poland", "lithuania"], "patient": ["belarus"]}
    dutch = _kinds(
        "Finland en Zweden vroegen het lidmaatschap aan. Beide landen veroordeelden Rusland.",
        "nl",
    )
    assert dutch["Condemn"] == {"agent": ["finland", "sweden"], "patient": ["russia"]}
    sides = _kinds(
        "Both Ethiopia and the TPLF agreed to talks. Later both sides attacked the town of Mekelle."
    )
    assert sides["UseMilitaryForce"]["agent"] == ["ethiopia", "tigray-people-s-liberation-front"]
    # with no pair named, "both countries" stands for no one
    assert "Condemn" not in _kinds("Both countries condemned the attack.")


def test_people_are_not_the_group_their_own_sentence_names():
    # "Hamas militants kidnapped 200 people": the people are not the militants
    events = _events("Hamas militants kidnapped around 200 people near the border.")
    assert not [e for e in events if "militants" in e.roles.get("patient", [])]


def test_they_with_no_group_named_stands_for_the_pair_named_before():
    kinds = _kinds(
        "Finland en Zweden waren lang neutraal. Op 18 mei 2022 dienden zij samen hun "
        "aanvraag in bij de NAVO.",
        "nl",
    )
    assert kinds["Appeal"] == {"agent": ["finland", "sweden"], "patient": ["nato"]}
    english = _kinds("Armenia and Azerbaijan met in Brussels. Later they signed a peace deal.")
    assert english["SignAgreement"]["agent"] == ["armenia", "azerbaijan"]
    # a group named just before is what "they" stands for
    kinds = _kinds("Poland and Lithuania watched the border. The migrants said they were beaten.")
    assert "poland" not in str(kinds.get("PhysicalAssault", {}))


def test_a_list_ends_where_a_name_has_no_link_to_the_next():
    # "Ukraine, Prigozhin" is no list: the names after it, joined by "and", are another
    text = (
        "Amid the Russian invasion of Ukraine, Prigozhin voiced his anger towards Defence "
        "Minister Sergei Shoigu and General Valery Gerasimov."
    )
    assert _kinds(text)["Condemn"]["agent"] == ["yevgeny-prigozhin"]


def test_a_leaders_administration_is_the_government_of_the_country_they_lead():
    text = (
        "Nicolás Maduro, the president of Venezuela, spoke on Monday. "
        "The Maduro administration repressed the opposition."
    )
    assert _kinds(text)["RestrictFreedoms"]["agent"] == ["venezuela-government"]
    # a person the text never named as a leader stays the person
    plain = "Maduro spoke on Monday. The Maduro administration repressed the opposition."
    assert _kinds(plain)["RestrictFreedoms"]["agent"] == ["nicolas-maduro"]


def test_who_refers_to_the_noun_before_it_and_its_clause_ends_at_the_comma():
    # the women were detained, not the witnesses named before them, nor the reporters after
    text = "Eyewitnesses, including women who were detained with Amini, spoke to reporters."
    events = _events(text)
    assert [e for e in events if e.type == "Detain"] == []
    # "that" after a verb still opens a clause whose doer stands before it
    kinds = _kinds("Het kabinet heeft dat punt gemaakt en Rusland veroordeeld.", "nl")
    assert kinds["Condemn"]["agent"] == ["netherlands-government"]


def test_dutch_verbs_joined_by_en_share_their_object_and_hedge():
    kinds = _kinds("Rusland heeft burgers aangevallen en gedood.", "nl")
    assert kinds["Kill"] == {"agent": ["russia"], "patient": ["civilians"]}
    # an unnamed subject opens the sentence: the name after it is the object, not the doer
    events = _events("Het leger zou burgers hebben aangevallen en gedood.", "nl")
    killing = next(e for e in events if e.type == "Kill")
    assert killing.roles == {"patient": ["civilians"]} and killing.factuality == "possible"


def test_a_possessive_is_a_nouns_doer_and_no_verbs_subject():
    kinds = _kinds(
        "Finland and Sweden were neutral for decades. Their accession to NATO came later."
    )
    assert kinds["JoinOrganisation"] == {"agent": ["finland", "sweden"], "patient": ["nato"]}
    text = (
        "The rebels marched on the capital, demanded that the generals be removed from "
        "their posts, and eventually stated that the war was a lie."
    )
    statement = next(e for e in _events(text) if e.type == "MakeStatement")
    assert "agent" not in statement.roles or statement.roles["agent"] == ["rebels"]
    # an opening participle clause holds no subject: "Characterizing it as …, he …"
    text = "Characterizing it as a march against the Russian army, the rebels stated their aim."
    assert "russia-military" not in str(_kinds(text).get("MakeStatement", {}))


@pytest.mark.parametrize(
    "text, lang",
    [
        ("Armenia and Azerbaijan accused each other of violating the ceasefire.", "en"),
        ("Armenië en Azerbeidzjan beschuldigden elkaar van schendingen van het bestand.", "nl"),
    ],
)
def test_each_other_makes_the_doers_the_targets_too(text, lang):
    events = {e.type: e for e in _events(text, lang)}
    both = ["armenia", "azerbaijan"]
    assert events["Accuse"].roles == {"agent": both, "patient": both}
    # what each accuses the other of is not asserted
    assert events["ViolateCeasefire"].factuality == "possible"


def test_door_with_an_infinitive_tells_how_not_who():
    text = "Het kabinet reageert door Rusland formeel aansprakelijk te stellen."
    assert _kinds(text, "nl")["Accuse"] == {
        "agent": ["netherlands-government"],
        "patient": ["russia"],
    }
    # "door X gelokt": the smugglers lure, whatever "door te reizen" says after
    lured = _kinds(
        "De migranten worden door smokkelaars gelokt met de belofte door te kunnen reizen.", "nl"
    )
    assert lured["LureMigrants"]["agent"] == ["people-smugglers"]


def test_since_after_an_auxiliary_is_an_adverb_not_a_new_clause():
    kinds = _kinds("US authorities have since arrested eleven suspects.")
    assert kinds["Detain"] == {"agent": ["united-states-authorities"], "patient": ["suspects"]}
    dutch = _kinds("Rusland heeft sinds februari Oekraïne aangevallen.", "nl")
    assert dutch["UseMilitaryForce"] == {"agent": ["russia"], "patient": ["ukraine"]}


def test_a_doer_named_again_as_a_place_stays_the_doer():
    kinds = _kinds("Rwanda has stated that asylum in Rwanda will be granted to few.")
    assert kinds["MakeStatement"] == {"agent": ["rwanda"]}


@pytest.mark.parametrize(
    "text, lang, event_type, agent",
    [
        (
            "Russia said that it had captured the village of Robotyne.",
            "en",
            "OccupyTerritory",
            "russia",
        ),
        (
            "Ukraine said it had shot down thirty drones overnight.",
            "en",
            "UseMilitaryForce",
            "ukraine",
        ),
        ("Hamas said it would release the hostages.", "en", "ReleasePersons", "hamas"),
    ],
)
def test_it_after_a_verb_of_saying_is_the_speaker(text, lang, event_type, agent):
    assert _kinds(text, lang)[event_type]["agent"] == [agent]


def test_it_is_not_a_speaker_named_before_another_verb():
    text = "Her campaign formed the Council and stated that it was ready to organize protests."
    assert "agent" not in _kinds(text).get("Protest", {})


def test_zijn_overeengekomen_is_active():
    kinds = _kinds("Armenië en Azerbeidzjan zijn een wapenstilstand overeengekomen.", "nl")
    assert kinds["DeclareCeasefire"] == {"agent": ["armenia", "azerbaijan"]}


def test_a_clause_coordinated_with_a_subordinate_one_shares_its_subject():
    text = (
        "Het gaat om El Fasher, waar de Rapid Support Forces (RSF) de macht hebben gegrepen "
        "en in een week tienduizenden burgers hebben vermoord."
    )
    kinds = _kinds(text, "nl")
    assert kinds["Kill"].get("agent") == ["rapid-support-forces"]
    assert kinds["Kill"].get("patient") == ["civilians"]


def test_a_hard_wrapped_line_after_a_bracket_goes_on_in_the_next_line():
    text = (
        "Deelt u de zorgen over de situatie in El Fasher, waar de Rapid Support Forces (RSF)\n"
        "de macht hebben gegrepen?"
    )
    from kg.extract.document import reading_text

    assert "(RSF) de macht" in reading_text(text)
    assert reading_text("Vraag 1\nWat is uw reactie?") == "Vraag 1\nWat is uw reactie?"


def test_a_particle_verb_before_en_is_the_attack_and_the_next_verb_shares_its_doer():
    kinds = _kinds("Hamas viel Israël aan en doodde honderden burgers.", "nl")
    assert kinds["UseMilitaryForce"] == {"agent": ["hamas"], "patient": ["israel"]}
    assert kinds["Kill"].get("agent") == ["hamas"]


def test_the_object_of_allow_or_force_does_the_infinitive():
    kinds = _kinds("Belarus allowed Russian troops to use its territory to invade Ukraine.")
    assert kinds["Invade"].get("agent") == ["russia-military"]
    assert "ukraine" in kinds["Invade"].get("patient", [])
    kinds = _kinds("The army tried to invade Ukraine.")  # no such verb: the subject acts
    assert kinds["Invade"].get("patient") == ["ukraine"]


def test_a_fronted_phrase_ends_at_its_noun_and_the_subject_follows_the_verb():
    kinds = _kinds(
        "Als reactie op de aanvallen voerden de Verenigde Staten en het Verenigd Koninkrijk "
        "luchtaanvallen uit op doelen van de Houthi's in Jemen.",
        "nl",
    )
    assert kinds["AerialAttack"].get("agent") == ["united-states", "united-kingdom"]
    kinds = _kinds(
        "In response to the attacks, the United States and the United Kingdom struck Houthi "
        "targets in Yemen."
    )
    assert kinds["UseMilitaryForce"].get("agent") == ["united-states", "united-kingdom"]
    assert not kinds["UseMilitaryForce"].get("destination")


def test_the_object_of_leaving_is_where_from_and_people_evacuated_are_its_patient():
    assert _kinds("Thousands of Syrians fled Lebanon.")["Flee"].get("origin") == ["lebanon"]
    flee = _kinds("Nederland evacueerde burgers uit Soedan.", "nl")["Flee"]
    assert flee.get("patient") == ["civilians"] and flee.get("origin") == ["sudan"]
    assert _kinds("Two million civilians were displaced inside Sudan.")["Flee"].get("place") == [
        "sudan"
    ]


def test_a_by_phrase_after_the_object_noun_is_the_nouns_doer_not_the_verbs():
    condemn = _kinds("Poland condemned the attack by Russia on Ukraine.")["Condemn"]
    assert condemn["agent"] == ["poland"]
    # a participle after its noun keeps the by-phrase of the attack that killed them
    killed = _kinds("Dozens of Turkish soldiers were killed in the attack by Syrian forces.")
    assert "turkey-military" not in killed["Kill"].get("agent", [])


def test_most_of_them_opening_a_clause_act():
    kinds = _kinds("Hundreds of migrants gathered at the border. Most of them had fled Syria.")
    assert kinds["Flee"].get("agent") == ["refugees-and-migrants"]
    assert kinds["Flee"].get("origin") == ["syria"]


def test_bare_police_after_an_opening_phrase_is_the_countrys_police():
    text = "Soldiers seized power in Sierra Leone. On Monday, police fired tear gas at protesters."
    assert _kinds(text)["Repress"].get("agent") == ["sierra-leone-police"]
    # a modifier stays one: "police brutality" names no actor
    assert "Repress" not in _kinds("Sierra Leone is in crisis. On Monday, police brutality grew.")


def test_riot_police_are_the_police_and_no_riot():
    kinds = _kinds(
        "Georgia's parliament met. Late in the evening, riot police used tear gas against "
        "protesters in Tbilisi."
    )
    assert "Riot" not in kinds
    assert kinds["Repress"] == {
        "agent": ["georgia-police"],
        "patient": ["protesters"],
        "place": ["tbilisi"],
    }


def test_zijn_before_a_number_is_the_passive_verb_not_the_possessive():
    text = "Volgens het Rode Kruis zijn zeker zes demonstranten gedood."
    assert _kinds(text, "nl")["Kill"] == {"patient": ["protesters"]}


def test_those_told_in_a_closing_speech_clause_take_no_role():
    kinds = _kinds(
        "An opposition activist, Giorgi Beridze, was abducted from his home in Batumi, "
        "his wife told reporters."
    )
    assert kinds["Abduct"]["patient"] == ["giorgi-beridze"]
    assert "journalists" not in {i for ids in kinds["Abduct"].values() for i in ids}


@pytest.mark.parametrize(
    ("text", "lang", "agent"),
    [
        (
            "De hoge vertegenwoordiger van de EU, Kaja Kallas, veroordeelde de aanval.",
            "nl",
            "kaja-kallas",
        ),
        (
            "The foreign minister of France, Jean-Noel Barrot, condemned the attack.",
            "en",
            "jean-noel-barrot",
        ),
        ("The EU foreign policy chief, Kaja Kallas, condemned the attack.", "en", "kaja-kallas"),
    ],
)
def test_a_title_and_whose_it_is_then_a_name_in_commas_the_holder_acts(text, lang, agent):
    assert _kinds(text, lang)["Condemn"] == {"agent": [agent]}


def test_two_leaders_are_the_last_two_people_named():
    text = (
        "French President Emmanuel Macron met German Chancellor Olaf Scholz in Paris. "
        "The two leaders signed an agreement on defence."
    )
    assert sorted(_kinds(text)["SignAgreement"]["agent"]) == ["emmanuel-macron", "olaf-scholz"]


def test_dutch_ze_before_a_singular_verb_is_the_woman_just_named():
    text = (
        "Oppositieleider Svetlana Tichanovskaja sprak in Vilnius met demonstranten. "
        "Ze beschuldigde Loekasjenko ervan het land als een gevangenis te besturen."
    )
    assert _kinds(text, "nl")["Accuse"]["agent"] == ["sviatlana-tsikhanouskaya"]


def test_a_dutch_subject_without_a_name_may_hold_a_place():
    kinds = _kinds("Een rechtbank in Moskou heeft Ilja Jasjin veroordeeld tot acht jaar cel.", "nl")
    assert kinds["Sentence"] == {"patient": ["ilja-jasjin"], "place": ["moscow"]}


def test_a_leader_travelling_to_a_capital_makes_a_visit():
    kinds = _kinds("Chinese President Xi Jinping will visit Moscow next week.")
    assert kinds["MakeVisit"]["agent"] == ["xi-jinping"]
    assert _events("Xi Jinping will visit Moscow.")[0].factuality == "future"
