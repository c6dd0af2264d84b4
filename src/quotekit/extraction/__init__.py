"""The extraction core: pure functions from a Document to quotes (no I/O).

Stages, each a module: ``detect`` (quote spans, from a few fast passes over the text)
with ``marks`` (pairing quotation marks); ``attribute`` (cue and speaker mention) with
``mentions`` (names, pronouns, who was last named) and ``conversation`` (turn-taking);
``speakers`` (canonical names); ``works`` (cited works); ``lexicon`` (the word lists);
``pipeline`` (puts them together).
"""
