"""The extraction core: pure functions from a Document to quotes (no I/O).

Stages, each a module: ``scan`` (one regex pass over the text), ``detect`` (quote spans),
``attribute`` (cue and speaker mention), ``speakers`` (canonical names), ``works``
(cited works), ``pipeline`` (puts them together).
"""
