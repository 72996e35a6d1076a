"""Amending a signed contract: frozen numbers, the avenant document, the consolidated version.

``history`` finds in git the versions each avenant amends, ``numbering`` freezes the numbers
of the signed text, ``units`` reads a rendered contract as articles, points and annexes,
``drafting`` turns the differences into the avenant's amendments, ``avenant`` writes the
avenant and ``consolidated`` prepares the consolidated version for ``generer``.
"""
