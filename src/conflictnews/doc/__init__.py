"""What the pipeline's components leave on a spaCy ``Doc`` for the next one to read: the
extension attributes (registered once) and the plain, picklable mention records stored in
them (places, actors, claims, the publication date).

May import: ``conflictnews.models``. Every stage reads and writes the Doc through here.
"""
