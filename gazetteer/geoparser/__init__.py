"""The geoparser: pure Python, no Django imports (gazetteer/index.py is the one adapter).

    index = GazetteerIndex(entries)          # entries: (name, Candidate) pairs
    toponyms = geoparse(text, index)         # -> list[Toponym], in text order
"""
