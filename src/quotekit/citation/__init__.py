"""Shared citation logic: CSL names and items, Better BibTeX keys, TeX escaping.

The ``json``, ``csl-json``, ``biblatex`` and ``bibtex`` exporters all build on these
modules, so a work gets the same key and the same metadata in every format.
"""
