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


def test_listener_in_the_cue_clause_answers_next() -> None:
    # Nobody is addressed by name inside the quote; the clause after it says whom the
    # speaker turns to, and that person speaks the unattributed reply.
    text = ('"Is that his name?" asked Lord Arden, walking across the room towards '
            'Tobias Crane.\n\n"Yes, that is his name."\n\n"But why not?"')
    assert speakers(text) == [("Is that his name?", "Lord Arden"),
                              ("Yes, that is his name.", "Tobias Crane"),
                              ("But why not?", "Lord Arden")]


def test_subject_after_a_leading_subordinate_clause() -> None:
    text = ('As the boy stood waiting, Bramwell put his hand in his pocket.\n\n'
            '"Here is for your trouble, lad."')
    assert speaker_of(text, "Here is for") == "Bramwell"


def test_addressee_of_a_split_turn_names_the_next_nominal_speaker() -> None:
    # The name is addressed in the first half of a turn split by its attribution.
    text = ('Lord Arden rose. "I must be going, Tobias," he murmured, "and I want an '
            'answer first."\n\n"What is that?" said the painter.')
    assert speaker_of(text, "What is that?") == "Tobias"


@pytest.mark.parametrize("text,quote,expected", [
    ('Mr. Bennet made no answer.\n\n"Do you not want to know?" cried his wife.',
     "Do you not", "Mrs. Bennet"),
    ('Mrs. Gray sat down. "Oh, nonsense," said her husband.', "Oh, nonsense", "Mr. Gray"),
])
def test_his_wife_of_mr_x_is_mrs_x(text: str, quote: str, expected: str) -> None:
    assert speaker_of(text, quote) == expected


def test_his_wife_without_a_married_title_stays_a_nominal() -> None:
    text = 'Arthur made no answer.\n\n"Do you not want to know?" cried his wife.'
    assert speaker_of(text, "Do you not") == "his wife"


def test_reply_pronoun_is_the_person_the_previous_turn_addressed() -> None:
    # "he" would otherwise go to the last male subject named (Rudolf).
    text = ('Rudolf came in and sat down.\n\n'
            '"I wish you would take that picture away, Robert," said Rose.\n\n'
            '"My dear!" he cried.')
    assert speaker_of(text, "My dear!") == "Robert"


@pytest.mark.parametrize("first", [
    '"Well, the lad is right. Aye, quite right."',
    '"Quite so. By-the-way, what time is it?"',
    '"I have put up two bottles for Mrs. Sedley, and the receipt."',
])
def test_no_addressee_from_interjections_phrases_or_names_after_a_preposition(
        first: str) -> None:
    assert speakers(f'{first}\n\n"Never heard it before!"')[1] == (
        "Never heard it before!", None)


def test_addressed_title_stays_with_the_name() -> None:
    text = '"Mrs. Dorothy Vane, I think," said Miss Betsey.\n\n"Yes," said the visitor.'
    assert speaker_of(text, "Yes,") == "Mrs. Dorothy Vane"


def test_name_opening_a_quote_is_addressed() -> None:
    # "Tom, you ..." addresses Tom, so Tom spoke the turn just before.
    text = ('"Some of us pumped water on our heads."\n\n'
            'Aunt Polly was vexed. Then she had a new idea:\n\n'
            '"Tom, you did not undo your collar, did you?"')
    assert speakers(text)[0] == ("Some of us pumped water on our heads.", "Tom")


def test_name_then_sir_is_an_answer_not_an_address() -> None:
    text = '"What is your name?"\n\n"Pip, sir."\n\n"Once more," said the man.'
    assert speaker_of(text, "What is your name?") != "Pip"


@pytest.mark.parametrize("starter", ["Altogether there was", "Later there was"])
def test_capitalised_adverb_before_a_pronoun_or_article_is_no_name(starter: str) -> None:
    text = (f"The visitor was a tall man with a thin beard. {starter} an important air "
            'about him, as he sat down.\n\n"Good evening, doctor."')
    assert speaker_of(text, "Good evening") is None


def test_participle_clause_before_the_subject_of_a_colon_cue() -> None:
    text = ('Buck laughed.\n\nDrawing back and pointing, Stephen said with bitterness:\n\n'
            '"It is a symbol of the age."')
    assert speaker_of(text, "It is a symbol") == "Stephen"


def test_participle_clause_before_a_pronoun_subject() -> None:
    text = ('Mr. Hale came home late.\n\nObserving his daughter at her work, he suddenly '
            'addressed her with:\n\n"I hope the hat will do."')
    assert speaker_of(text, "I hope the hat") == "Mr. Hale"


@pytest.mark.parametrize("text,expected", [
    ('Bertram wiped the blade. Then, gazing over the cloth, he said:\n\n'
     '—The bard is here. A new colour.', "Bertram"),
    ('One day a fellow said to Cantwell:\n\n--I would give you such a belt.', "a fellow"),
    ('For, as Mr Quill tells us--\n\n"True wit is nature to advantage dressed."',
     "Mr Quill"),
])
def test_cue_ending_the_paragraph_before_a_quote(text: str, expected: str) -> None:
    assert speakers(text)[0][1] == expected


def test_subject_next_to_the_cue_beats_the_sentence_opening() -> None:
    text = ('The old woman looked at me. On my saying that I did not understand, she went '
            'on:\n\n"It is the eve of the feast."')
    assert speaker_of(text, "It is the eve") == "the old woman"


def test_title_gender_beats_a_pronoun_later_in_the_sentence() -> None:
    # "his questions" is the visitor's; "Mrs." says who "she" can be.
    text = ('He seemed quite disappointed.\n\nMrs. Hall, nothing loath, answered his '
            'questions and developed a conversation. "It is a steep road, sir," she said.')
    assert speaker_of(text, "It is a steep road") == "Mrs. Hall"


def test_narrator_is_not_someone_who_speaks_in_the_third_person() -> None:
    # Rose addresses Robert right after the narrator's turn, but Robert is "said
    # Robert" elsewhere: the narrator stays "I".
    text = ('"It crops out once in a generation," said Robert.\n\n'
            '"I rather like it myself," said I.\n\n'
            '"I wish you would take that picture away, Robert," said Rose.')
    assert speaker_of(text, "I rather like") == "I"


def test_a_nickname_stands_for_the_person_named_in_full() -> None:
    # "call him X" makes the one-word X an alias of the last man named in full, so
    # "he" after it is that person, not the nickname.
    text = ("I had lunch with Maxwell Ortega.\n\n"
            "People call him Max-O. But he once said, \"Ship it on Friday.\"")
    [q] = quotekit.extract(text)
    assert q.speaker == "Maxwell Ortega"


@pytest.mark.parametrize("text,expected", [
    # the wife of the man her quote addresses
    ('Mr. Gray read on. Tom Hale sat by the fire.\n\n'
     '"My dear Mr. Gray," replied his wife, "you must go."', "Mrs. Gray"),
    # the mother of the girl addressed, when the text names a Mrs. of that family
    ('Ann Gray came in late. Mrs. Gray was knitting by the lamp.\n\n'
     '"Where were you, Ann?" her mother asked.', "Mrs. Gray"),
    ('Mr. Gray stood at the door.\n\n"Where were you, Miss Gray?" her father asked.',
     "Mr. Gray"),
    # a first name alone says no family name: the noun stays
    ('Ann came in late. Mrs. Gray was knitting by the lamp.\n\n'
     '"Where were you, Ann?" her mother asked.', "her mother"),
])
def test_a_relative_is_the_person_the_text_names(text: str, expected: str) -> None:
    assert quotekit.extract(text)[0].speaker == expected
