"""Turn-taking in runs of dialogue (made-up passages; each fails without its rule)."""

from __future__ import annotations

import pytest

import quotekit
from quotekit.extraction.address import addressee
from quotekit.extraction.mentions import Memory
from quotekit.extraction.turns import alternate


def speakers(text: str) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in quotekit.extract(text)]


def test_named_subject_of_a_narration_paragraph_is_the_other_participant() -> None:
    # Only Mrs. Gray is attributed; "Mr. Gray made no answer." makes him the other
    # person of the exchange, so he speaks the unattributed reply.
    text = ('Mr. Gray made no answer.\n\n'
            '"Do you not want to know who came?" cried Mrs. Gray.\n\n'
            '"You want to tell me, and I do not mind hearing it."\n\n'
            'That was enough.\n\n'
            '"Why, you must know the house is let at last."')
    assert speakers(text) == [
        ("Do you not want to know who came?", "Mrs. Gray"),
        ("You want to tell me, and I do not mind hearing it.", "Mr. Gray"),
        ("Why, you must know the house is let at last.", "Mrs. Gray"),
    ]


def test_a_paragraph_with_narration_before_its_quote_is_a_turn() -> None:
    # The middle turn opens with narration, not a quote; it still takes its place in
    # the alternation, so the last turn is Arden's again, not Crane's.
    text = ('"Where have you been?" asked Lord Arden.\n\n'
            'Tobias Crane smiled. "Out walking, as usual."\n\n'
            '"In this rain?"\n\n'
            '"Rain does me good."')
    assert [s for _, s in speakers(text)] == [
        "Lord Arden", "Tobias Crane", "Lord Arden", "Tobias Crane"]


def test_a_reply_to_someone_addressed_by_name_beats_alternation() -> None:
    # Turn 0 addresses Cora: Cora answers in turn 1, though Ann spoke two turns later.
    assert alternate([None, None, "Ann", "Bob"], [None] * 4, ["Ann", "Bob"],
                     [None, None, None, None])[1] == ("Bob", "turn-taking")
    assert alternate(["Ann", None, "Ann", "Bob"], [None] * 4, ["Ann", "Bob"],
                     ["Cora", None, None, None])[1] == ("Cora", "addressed")


def test_a_turn_is_never_spoken_by_whom_it_addresses() -> None:
    # Turn 0 addresses Cora, but turn 1 addresses Cora too: its speaker is someone else.
    assert alternate(["Ann", None, "Ann"], [None] * 3, ["Ann"],
                     ["Cora", "Cora", None])[1] == (None, "")
    assert alternate(["Ann", None, "Ann"], [None] * 3, ["Ann"],
                     ["Cora", None, None])[1] == ("Cora", "addressed")


def test_a_turn_anchored_only_by_a_later_turn() -> None:
    assert alternate([None, None, "Ann", "Bob"], [None] * 4, ["Ann", "Bob"],
                     [None] * 4)[:2] == [("Ann", "turn-taking"), ("Bob", "turn-taking")]


def test_an_unresolved_she_takes_no_man_from_the_alternation() -> None:
    out = alternate(["Mr. Hale", None, "Mr. Hale"], [None, "f", None],
                    ["Mr. Hale", "Mr. Bell"], [None] * 3)
    assert out[1] == (None, "")


@pytest.mark.parametrize("quote,expected", [
    ('"Lisbon, mother."', None),
    ('"It was late. Delays, sir, happen."', None),
    ('"Lisbon, Kate."', "Kate"),
])
def test_a_word_before_sir_or_mother_answers_and_is_not_addressed(
        quote: str, expected: str | None) -> None:
    memory = Memory()
    assert addressee(quote, 1, len(quote) - 1, memory, None) == expected


def test_a_name_after_the_second_half_of_a_split_quote_resolves_he() -> None:
    # Nobody is named before; "he" is the subject named right after the quote's
    # second half, in the same paragraph.
    text = ('"Oh yes," he replied, "an old friend. Do you know him?" Wendover wound up.\n\n'
            'It was late, and Wendover left.')
    assert speakers(text)[0] == ("Oh yes,", "Wendover")


def test_a_name_in_a_later_paragraph_past_a_quote_is_not_taken() -> None:
    text = ('"Your uncle is waiting," she said. "Say good-bye and come."\n\n'
            '"I don\'t want to," he answered.\n\n'
            'He fetched his hat. Later Miss Amberley came down and sat with him.')
    assert speakers(text)[0] == ("Your uncle is waiting,", None)


def test_a_possessive_name_resolves_to_the_name() -> None:
    text = ('Used to Tom Barlow\'s temper, I said nothing.\n\n"Show me," he said.')
    assert speakers(text)[0] == ("Show me,", "Tom Barlow")


def test_she_in_a_paragraph_takes_no_speaker_from_a_he_quote() -> None:
    text = ('Mr. Dunn came in.\n\n'
            '"To-morrow?" he said. "Is there nothing sooner?" and he seemed put out when '
            'she answered, "No."')
    assert speakers(text) == [("To-morrow?", "Mr. Dunn"), ("Is there nothing sooner?", "Mr. Dunn"),
                              ("No.", None)]


def test_a_nominal_keeps_every_hyphenated_part() -> None:
    # "my sister-in-law" is one noun phrase, not "my sister-in".
    text = '"We leave at dawn," said my sister-in-law.'
    quote = quotekit.extract(text)[0]
    assert quote.speaker_surface == "my sister-in-law"


def test_a_noun_subject_after_an_opening_clause_resolves_he() -> None:
    # "the porter" is the subject of the main clause after "Late that night,"; he is
    # the only person of the passage, so "he said" is his.
    text = ('Late that night, the porter came up the stairs with a lamp.\n\n'
            '"The coach is gone," he said.')
    assert speakers(text) == [("The coach is gone,", "the porter")]


def test_a_pronoun_never_resolves_to_whom_its_own_quote_addresses() -> None:
    # Robin is the most recent subject, but the quote calls Robin by name: "she" is Anna.
    text = ('Anna came in at dawn. Robin was still asleep.\n\n'
            '"Wake up, Robin," she said.')
    assert speakers(text) == [("Wake up, Robin,", "Anna")]
