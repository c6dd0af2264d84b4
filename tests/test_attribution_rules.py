"""Attribution rules, one made-up passage each: who speaks which quote.

Each case fails without the rule it names (the sentences are invented for the test).
"""

from __future__ import annotations

import pytest

import quotekit


def speakers(text: str) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in quotekit.extract(text)]


def speaker_of(text: str, quote: str) -> str | None:
    found = [s for t, s in speakers(text) if t.startswith(quote)]
    assert found, f"no quote starting {quote!r} in {speakers(text)}"
    return found[0]


def test_split_quote_second_half_keeps_the_cued_speaker() -> None:
    # The clause between the halves names someone else ("addressing the old man"):
    # it is still the first half's attribution, not a new cue.
    text = ('Mr. Temple entered the room.\n\n'
            '"My friend," said he, addressing the old man, "told me you could help."')
    assert speaker_of(text, "told me") == "Mr. Temple"


def test_pronoun_skips_the_previous_paragraphs_speaker_not_this_ones() -> None:
    # "he" answers the previous paragraph's speaker (Good); the quote earlier in the
    # same paragraph is the same turn, so its speaker stays a candidate.
    text = ('"Three years," said Good.\n\n'
            'Sir Henry laughed. "How very odd." Then he said, "Eh, Good?"')
    assert speaker_of(text, "Eh, Good?") == "Sir Henry"


def test_cue_followed_by_a_with_phrase() -> None:
    text = 'Drawing back and pointing, Stephen said with bitterness: "It is a symbol of the age."'
    assert speaker_of(text, "It is a symbol") == "Stephen"


def test_noun_phrase_cannot_end_in_a_conjunction() -> None:
    text = ('Old Rudge was busy. He had the lad by the ear and was saying, '
            '"Lost again, are you?"')
    assert speaker_of(text, "Lost again") == "Old Rudge"


@pytest.mark.parametrize("noun", ["smile", "laugh", "sigh"])
def test_cue_word_used_as_a_noun_is_no_cue(noun: str) -> None:
    text = f'Holmes looked up with a mischievous {noun}, "Not at all, my friend."'
    assert speaker_of(text, "Not at all") == "Holmes"
