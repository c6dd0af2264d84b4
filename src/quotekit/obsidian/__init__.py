"""Obsidian notes: rendering (exporter) and the vault-merging engine behind ``sync``.

Modules: ``yamlio`` (fixed YAML style, minimal frontmatter edits), ``names`` (file
names and wikilinks), ``render`` (note layout and escaping), ``template`` (user Jinja2
templates), ``notes`` (parsing a note into frontmatter and quote blocks), ``merge``
(block-level merge of one note), ``vault`` (index of a vault), ``atomic`` and
``lock`` (safe writes), ``engine`` (a whole sync run).
"""
